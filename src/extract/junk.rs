//! Recognising page furniture (share buttons, "Laisser un commentaire",
//! stock tickers, ads) and summary markers, from the list in
//! `assets/junk.tsv`.

use super::lexicon::{alternatives, data_rows};
use super::text::normalize_phrase;
use std::sync::OnceLock;

const JUNK_DATA: &str = include_str!("../../assets/junk.tsv");

/// Prefix junk is only junk on a short line: a long line that happens to
/// start with "Source" or "Tags" is article text.
const MAX_PREFIX_JUNK_CHARS: usize = 160;

#[derive(Debug, Default)]
struct JunkList {
    lines: Vec<String>,
    prefixes: Vec<String>,
    summary_markers: Vec<String>,
}

fn junk_list() -> &'static JunkList {
    static LIST: OnceLock<JunkList> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut list = JunkList::default();
        for row in data_rows(JUNK_DATA) {
            let target = match row.first().copied() {
                Some("line") => &mut list.lines,
                Some("prefix") => &mut list.prefixes,
                Some("summary") => &mut list.summary_markers,
                _ => continue,
            };
            target.extend(row.get(1).map(|f| alternatives(f)).into_iter().flatten().map(normalize_phrase));
        }
        list
    })
}

fn starts_with_words(normalized: &str, phrase: &str) -> bool {
    normalized.strip_prefix(phrase).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// True when the whole line is furniture rather than article text.
pub fn is_junk_line(line: &str) -> bool {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return false;
    }
    let normalized = normalize_phrase(trimmed);
    if normalized.is_empty() {
        // Only punctuation or symbols: separators like "***" or "—".
        return true;
    }
    let list = junk_list();
    if list.lines.contains(&normalized) {
        return true;
    }
    let short = trimmed.chars().count() <= MAX_PREFIX_JUNK_CHARS;
    (short && list.prefixes.iter().any(|p| starts_with_words(&normalized, p)))
        || is_bare_url(trimmed)
        || is_stock_quote(trimmed)
}

fn is_bare_url(line: &str) -> bool {
    !line.contains(' ')
        && (line.starts_with("http://") || line.starts_with("https://") || line.starts_with("www."))
}

/// Ticker lines such as "NVDA +3,2 %" or "Nasdaq: NVDA 135.40 $ (-1.2%)":
/// short, with an upper-case ticker and a signed percentage or an exchange name.
fn is_stock_quote(line: &str) -> bool {
    if line.chars().count() > 90 || line.ends_with('.') {
        return false;
    }
    let words: Vec<&str> = line.split(|c: char| c.is_whitespace() || "():|".contains(c)).collect();
    let has_ticker = words.iter().any(|w| {
        (2..=5).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase()) && !matches!(*w, "IA" | "AI")
    });
    let has_exchange = words.iter().any(|w| {
        matches!(w.to_ascii_lowercase().as_str(), "nasdaq" | "nyse" | "euronext" | "cac" | "kospi" | "nikkei")
    });
    // "+3,2 %" may be split in two words by the space before the sign.
    let has_signed_percent = words.iter().enumerate().any(|(i, w)| {
        is_signed_percent(w) || words.get(i + 1).is_some_and(|next| is_signed_percent(&format!("{w}{next}")))
    });
    has_ticker && (has_signed_percent || has_exchange) && line.chars().any(|c| c.is_ascii_digit())
}

fn is_signed_percent(word: &str) -> bool {
    let Some(rest) = word.strip_prefix(['+', '-', '−']) else { return false };
    let Some(number) = rest.strip_suffix('%') else { return false };
    !number.is_empty() && number.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// What a summary marker leaves of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SummaryMarker {
    /// "Résumé : text" — the text after the marker.
    Inline(String),
    /// A line that is only "Résumé" or "En bref": the next paragraph is the summary.
    Alone,
}

/// Recognises a line that opens the article's summary.
pub fn summary_marker(line: &str) -> Option<SummaryMarker> {
    let trimmed = line.trim();
    let normalized = normalize_phrase(trimmed);
    let marker = junk_list().summary_markers.iter().find(|m| starts_with_words(&normalized, m))?;
    let rest = skip_words(trimmed, marker.split(' ').count());
    let after_punct = rest.trim_start_matches(|c: char| c.is_whitespace() || ":,-–—.".contains(c));
    let separated = rest.trim_start().starts_with([':', ',', '-', '–', '—']);
    if after_punct.is_empty() {
        Some(SummaryMarker::Alone)
    } else if separated || marker.split(' ').count() > 1 {
        // Multi-word markers ("en bref", "in brief") are distinctive enough
        // without punctuation; single words like "summary" are not.
        Some(SummaryMarker::Inline(after_punct.to_string()))
    } else {
        None
    }
}

/// The rest of `text` after its first `n` words (runs of alphanumerics).
fn skip_words(text: &str, n: usize) -> &str {
    let mut seen = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        let alnum = c.is_alphanumeric();
        if in_word && !alnum {
            seen += 1;
            if seen == n {
                return &text[i..];
            }
        }
        in_word = alnum;
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_junk_lines() {
        let junk = [
            "Laisser un commentaire",
            "Leave a comment",
            "À lire aussi : Nvidia dépasse les 4 000 milliards",
            "Read more: Nvidia's next chip",
            "Publicité",
            "Logo",
            "Partager sur Facebook",
            "Share this article",
            "***",
            "https://example.com/article",
            "NVDA +3,2 %",
            "NVDA +3.1%",
            "NVDA −0,8 %",
            "Nasdaq: NVDA 135.40 $",
            "Abonnez-vous à notre newsletter",
            "Tags : Nvidia, IA, Corée",
        ];
        for line in junk {
            assert!(is_junk_line(line), "{line:?} should be junk");
        }
        let text = [
            "Nvidia va livrer 260 000 puces à la Corée du Sud.",
            "Source de revenus majeure, le cloud progresse de 20 % cette année selon les analystes du secteur, qui y voient un relais de croissance durable pour le groupe.",
            "Une coopération stratégique avec les champions sud-coréens",
            "Le titre NVDA a progressé de 3 % après l'annonce.",
            "",
        ];
        for line in text {
            assert!(!is_junk_line(line), "{line:?} should be text");
        }
    }

    #[test]
    fn recognises_summary_markers() {
        let cases = [
            (
                "Résumé: L’accord marque une étape.",
                Some(SummaryMarker::Inline("L’accord marque une étape.".into())),
            ),
            ("Résumé : texte", Some(SummaryMarker::Inline("texte".into()))),
            ("En bref, Nvidia signe.", Some(SummaryMarker::Inline("Nvidia signe.".into()))),
            ("Summary: Nvidia signs.", Some(SummaryMarker::Inline("Nvidia signs.".into()))),
            ("In brief", Some(SummaryMarker::Alone)),
            ("Summary", Some(SummaryMarker::Alone)),
            ("Summary statistics show growth.", None),
            ("Résumer la situation est difficile.", None),
        ];
        for (line, expected) in cases {
            assert_eq!(summary_marker(line), expected, "line {line:?}");
        }
    }
}
