//! Dates in datelines: "Publié le 20 juin 2025", "19/09/2025 à 16:30",
//! "March 18, 2025", "2025-08-25", "juin 2025". Output is `YYYY-MM-DD` or
//! `YYYY-MM`. Which lines count as datelines is the structure module's call.

use super::lexicon::{alternatives, data_rows};
use super::text::{fold, tokens};
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

const MONTHS_DATA: &str = include_str!("../../assets/months.tsv");

fn month_names() -> &'static HashMap<String, u32> {
    static MONTHS: OnceLock<HashMap<String, u32>> = OnceLock::new();
    MONTHS.get_or_init(|| {
        let mut map = HashMap::default();
        for row in data_rows(MONTHS_DATA) {
            let (Some(num), Some(names)) = (row.first(), row.get(1)) else { continue };
            let Ok(num) = num.parse::<u32>() else { continue };
            for name in alternatives(names) {
                map.insert(fold(name), num);
            }
        }
        map
    })
}

/// A date as written in an article, at day or month precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleDate {
    pub year: u32,
    pub month: u32,
    pub day: Option<u32>,
    /// Written `05/11/2025`, read day first as in French: in an English
    /// article the month comes first ([`ArticleDate::in_english`]).
    pub order_ambiguous: bool,
}

impl ArticleDate {
    /// Parses `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<ArticleDate> {
        let mut parts = text.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next().map(|d| d.parse().ok()).unwrap_or(None);
        ArticleDate::new(year, month, day)
    }

    pub fn new(year: u32, month: u32, day: Option<u32>) -> Option<Self> {
        let plausible_year = (1970..=2100).contains(&year);
        let plausible_day = day.is_none_or(|d| (1..=days_in_month(year, month)).contains(&d));
        (plausible_year && (1..=12).contains(&month) && plausible_day).then_some(ArticleDate {
            year,
            month,
            day,
            order_ambiguous: false,
        })
    }

    /// The date as an English article means it: `05/11/2025` is May 11.
    pub fn in_english(self) -> ArticleDate {
        match self.day {
            Some(day) if self.order_ambiguous => {
                ArticleDate::new(self.year, day, Some(self.month)).unwrap_or(self)
            }
            _ => self,
        }
    }
}

impl std::fmt::Display for ArticleDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.day {
            Some(day) => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, day),
            None => write!(f, "{:04}-{:02}", self.year, self.month),
        }
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Finds the first date expression in `line`.
pub fn find_date(line: &str) -> Option<ArticleDate> {
    let folded = fold(line);
    let toks: Vec<&str> = tokens(&folded).iter().map(|t| t.text).collect();
    let date = find_date_in_words(&toks)?;
    // Only slashes leave the order open: `21.11.2025` and `2025-11-05`
    // are day first or ISO wherever they are written.
    Some(ArticleDate { order_ambiguous: date.order_ambiguous && line.contains('/'), ..date })
}

/// [`find_date`] over words already folded and split.
pub fn find_date_in_words(words: &[&str]) -> Option<ArticleDate> {
    (0..words.len()).find_map(|i| date_at(&words[i..]))
}

fn number(tok: &str, max_len: usize) -> Option<u32> {
    (tok.len() <= max_len && tok.bytes().all(|b| b.is_ascii_digit())).then(|| tok.parse().ok()).flatten()
}

fn year(tok: &str) -> Option<u32> {
    (tok.len() == 4).then(|| number(tok, 4)).flatten()
}

/// Day of month, allowing the French ordinal "1er" and English "1st", "2nd"...
fn day(tok: &str) -> Option<u32> {
    let digits = tok.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &tok[digits.len()..];
    if !matches!(suffix, "" | "er" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    number(digits, 2)
}

fn month_name(tok: &str) -> Option<u32> {
    month_names().get(tok).copied()
}

/// The month (1-12) a folded word names, French or English.
pub fn month_number(folded_word: &str) -> Option<u32> {
    month_name(folded_word)
}

fn date_at(t: &[&str]) -> Option<ArticleDate> {
    let at = |i: usize| t.get(i).copied().unwrap_or("");
    // 2025-08-25 and 2024-12
    if let Some(y) = year(at(0)) {
        if let Some(m) = number(at(1), 2) {
            let d = number(at(2), 2);
            return ArticleDate::new(y, m, d).or_else(|| ArticleDate::new(y, m, None));
        }
        return None;
    }
    // 20 juin 2025, 1er mars 2024, 18 March 2025
    if let (Some(d), Some(m)) = (day(at(0)), month_name(at(1))) {
        return year(at(2)).and_then(|y| ArticleDate::new(y, m, Some(d)));
    }
    // March 18, 2025 / juin 2025
    if let Some(m) = month_name(at(0)) {
        if let (Some(d), Some(y)) = (day(at(1)), year(at(2))) {
            return ArticleDate::new(y, m, Some(d));
        }
        // Month names like "mai" or "mars" are also ordinary words: only a
        // year right after makes them a date.
        return year(at(1)).and_then(|y| ArticleDate::new(y, m, None));
    }
    // 19/09/2025: day first as in French; month first only when the day
    // position cannot be a month.
    if let (Some(a), Some(b), Some(y)) = (number(at(0), 2), number(at(1), 2), year(at(2))) {
        let ambiguous = a <= 12 && b <= 12 && a != b;
        return ArticleDate::new(y, b, Some(a))
            .map(|date| ArticleDate { order_ambiguous: ambiguous, ..date })
            .or_else(|| ArticleDate::new(y, a, Some(b)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_dates_in_datelines() {
        let cases = [
            ("Publié le 20 juin 2025", Some("2025-06-20")),
            ("19/09/2025 à 16:30", Some("2025-09-19")),
            ("18 mars 2025", Some("2025-03-18")),
            ("March 18, 2025", Some("2025-03-18")),
            ("Mar. 18, 2025 10:00 AM", Some("2025-03-18")),
            ("2025-08-25", Some("2025-08-25")),
            ("2024-12", Some("2024-12")),
            ("Mis à jour le 1er février 2024", Some("2024-02-01")),
            ("Published on 3rd December 2023", Some("2023-12-03")),
            ("juin 2025", Some("2025-06")),
            ("12/31/2024", Some("2024-12-31")),
            ("PUBLIÉ LE 5 AOÛT 2025", Some("2025-08-05")),
        ];
        for (line, expected) in cases {
            assert_eq!(find_date(line).map(|d| d.to_string()).as_deref(), expected, "line {line:?}");
        }
    }

    #[test]
    fn english_articles_read_slashed_dates_month_first() {
        let english = |line: &str| find_date(line).map(|d| d.in_english().to_string());
        assert_eq!(english("Posted 10/07/2025").as_deref(), Some("2025-10-07"));
        assert_eq!(english("10/28/2025").as_deref(), Some("2025-10-28"));
        assert_eq!(english("28/10/2025").as_deref(), Some("2025-10-28"), "a value over 12 is the day");
        assert_eq!(english("Published: 06.10.2025").as_deref(), Some("2025-10-06"), "dots are day first");
        assert_eq!(find_date("Publié le 05/11/2025").map(|d| d.to_string()).as_deref(), Some("2025-11-05"));
    }

    #[test]
    fn rejects_non_dates() {
        for line in [
            "en 2024",
            "Nvidia a vendu 260 000 puces",
            "à 16:30",
            "31/02/2025",
            "2025-13-01x",
            "mai pas cette année",
            "32 mars",
            "",
            "H20 et H100",
        ] {
            assert_eq!(find_date(line), None, "line {line:?}");
        }
    }
}
