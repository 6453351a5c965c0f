//! The shape of one article: title, dateline, lead, paragraphs, subheadings
//! and summary, with page furniture removed. Works on text already decoded
//! and cleaned of control characters (see `corpus::load`).

use super::dates::{ArticleDate, find_date, month_number};
use super::junk::{
    SummaryMarker, is_junk_line, is_kicker, is_menu_like, strip_kicker_prefix, summary_marker,
};
use super::text::fold;
use crate::model::{Paragraph, ParagraphKind};
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::cell::RefCell;

/// A derived title is cut at a word boundary under this many characters.
const MAX_TITLE_CHARS: usize = 120;
/// A first line longer than this reads as a lead paragraph, not a headline.
const MAX_HEADLINE_CHARS: usize = 160;
/// Subheadings are short; a longer line without final punctuation is text.
const MAX_HEADING_CHARS: usize = 110;
const MAX_HEADING_WORDS: usize = 16;
/// Datelines and bylines are short lines near the top.
const MAX_DATELINE_CHARS: usize = 90;
/// How many lines after the title may still hold the dateline.
const DATELINE_WINDOW: usize = 3;
/// A date opening a line ("Oct. 28, 2025 –") is at most this long.
const MAX_DATE_OPENING_CHARS: usize = 40;
const MAX_DATE_OPENING_WORDS: usize = 4;
/// Lines looked at after unlisted furniture for the headline.
const HEADLINE_SEARCH_LINES: usize = 6;
/// A standfirst may come between the headline and wire copy's dateline.
const DATELINE_PARAGRAPHS: usize = 2;
/// A wire dateline ("TOKYO, March 3 (Reuters) -") is at most this long.
const MAX_WIRE_DATELINE_CHARS: usize = 80;

/// The structural parse of an article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ArticleStructure {
    pub title: String,
    pub date: Option<ArticleDate>,
    /// Body in order: text paragraphs (the lead first) and subheadings.
    pub paragraphs: Vec<Paragraph>,
    pub summary: Option<String>,
    /// What a wire dateline credits, cut with it: "Reuters" in "TOKYO,
    /// March 3 (Reuters) -".
    pub credit: Option<String>,
}

impl ArticleStructure {
    /// The first text paragraph.
    pub fn lead(&self) -> Option<&str> {
        self.paragraphs.iter().find(|p| p.kind == ParagraphKind::Text).map(|p| p.text.as_str())
    }
}

/// Splits cleaned article text into its parts.
/// [`is_junk_line`] answers, remembered per line (by its place in the
/// text): the structure pass asks about most lines three or four times.
#[derive(Default)]
struct JunkMemo(RefCell<FxHashMap<(usize, usize), bool>>);

impl JunkMemo {
    fn is_junk(&self, line: &str) -> bool {
        let key = (line.as_ptr() as usize, line.len());
        if let Some(&known) = self.0.borrow().get(&key) {
            return known;
        }
        let junk = is_junk_line(line);
        self.0.borrow_mut().insert(key, junk);
        junk
    }
}

pub fn parse_structure(text: &str) -> ArticleStructure {
    // A tab inside prose is a space: a terminal cell cannot hold it, and
    // dropping it would glue two words together.
    let text = if text.contains('\t') { Cow::Owned(text.replace('\t', " ")) } else { Cow::Borrowed(text) };
    let marked: Vec<(&str, bool)> = text.lines().map(|l| strip_markdown_heading(clean_line(l))).collect();
    let lines: Vec<&str> = marked.iter().map(|(l, _)| *l).collect();
    let markdown_headings: FxHashSet<&str> = marked.iter().filter(|(_, h)| *h).map(|(l, _)| *l).collect();
    let mut out = ArticleStructure::default();
    let junk = JunkMemo::default();

    let mut cursor = 0;
    // Leading furniture and a dateline printed above the headline.
    while let Some(line) = lines.get(cursor) {
        let kicker = || is_kicker(line) && headline_follows(&lines[cursor + 1..]);
        if line.is_empty() || junk.is_junk(line) || kicker() {
            cursor += 1;
        } else if date_prefix(line).is_some() {
            break;
        } else if let Some(date) = dateline(line) {
            out.date = out.date.or(Some(date));
            cursor += 1;
        } else {
            break;
        }
    }
    if let Some(headline_at) = headline_after_furniture(&lines, cursor, &junk) {
        for line in &lines[cursor..headline_at] {
            out.date = out.date.or(dateline(line));
        }
        cursor = headline_at;
    }
    let Some(&first) = lines.get(cursor) else { return out };
    cursor += 1;
    // A one-paragraph brief may open with its date: "2025-09-22 · Text".
    let first = match date_prefix(first).is_none().then(|| date_opening(first)).flatten() {
        Some((date, rest)) => {
            out.date = out.date.or(Some(date));
            rest
        }
        None => first,
    };

    let mut body: Vec<&str> = Vec::new();
    if let Some((date, headline)) = date_prefix(first) {
        out.date = out.date.or(date);
        out.title = strip_kicker_prefix(headline).to_string();
    } else if reads_as_lead(first) {
        let lead = match wire_dateline(first) {
            Some((date, rest)) => {
                out.date = out.date.or(date);
                out.credit = dateline_credit(first, rest);
                rest
            }
            None => first,
        };
        out.title = title_from_lead(lead);
        body.push(lead);
    } else {
        out.title = strip_kicker_prefix(first).to_string();
    }

    let mut window = 0;
    let mut lead_seen = !body.is_empty();
    // The dateline opens one of the first paragraphs (a standfirst may
    // come before it), and only one.
    let mut texts_seen = body.len();
    let mut dateline_cut = false;
    for line in &lines[cursor..] {
        // The first paragraph of wire copy opens with its dateline:
        // "PARIS, 12 mars 2025 (Reuters) - ...". It is furniture, and its
        // date is the article's only when it gives a year.
        let opens_text = !line.is_empty() && !junk.is_junk(line);
        let line: &str =
            if opens_text && texts_seen < DATELINE_PARAGRAPHS && !dateline_cut && !is_byline(line) {
                texts_seen += 1;
                match wire_dateline(line)
                    .or_else(|| date_opening(line).map(|(date, rest)| (Some(date), rest)))
                {
                    Some((date, rest)) => {
                        out.date = out.date.or(date);
                        out.credit = out.credit.take().or_else(|| dateline_credit(line, rest));
                        lead_seen = true;
                        dateline_cut = true;
                        body.push(rest);
                        continue;
                    }
                    None => line,
                }
            } else {
                line
            };
        if window < DATELINE_WINDOW && !line.is_empty() && !junk.is_junk(line) {
            window += 1;
            if let Some(date) = dateline(line) {
                out.date = out.date.or(Some(date));
                continue;
            }
            if is_byline(line) {
                continue;
            }
        }
        if !lead_seen && !line.is_empty() && !junk.is_junk(line) && !is_heading(line) {
            lead_seen = true;
        }
        body.push(line);
    }

    let body = drop_trailing_junk(body, &junk);
    out.paragraphs = classify_paragraphs(&body, &mut out.summary, &junk);
    // A Markdown heading is a subheading whatever its punctuation.
    if !markdown_headings.is_empty() {
        for p in &mut out.paragraphs {
            if markdown_headings.contains(p.text.as_str()) {
                p.kind = ParagraphKind::Heading;
            }
        }
    }
    out
}

/// `## Title` -> (`Title`, true). Only `#` runs followed by a space count,
/// so hashtags stay text.
fn strip_markdown_heading(line: &str) -> (&str, bool) {
    let hashes = line.len() - line.trim_start_matches('#').len();
    match line[hashes..].strip_prefix(' ') {
        Some(rest) if (1..=6).contains(&hashes) => (rest.trim(), true),
        _ => (line, false),
    }
}

/// Trims the line, no-break spaces included.
fn clean_line(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// ` date 2024-12 Headline`: a date prefix before the headline.
fn date_prefix(line: &str) -> Option<(Option<ArticleDate>, &str)> {
    let rest = line.strip_prefix("date").or_else(|| line.strip_prefix("Date"))?;
    let rest = rest.trim_start_matches([':', ' ']);
    let (date_text, headline) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let date = find_date(date_text)?;
    Some((Some(date), headline.trim()))
}

/// A short line that carries a date ("Publié le 20 juin 2025 à 10h").
fn dateline(line: &str) -> Option<ArticleDate> {
    if more_chars_than(line, MAX_DATELINE_CHARS)
        || ends_sentence(line) && line.split_whitespace().nth(8).is_some()
    {
        return None;
    }
    find_date(line)
}

/// Whether the next non-empty line can be the headline under a kicker: not
/// furniture, not a sentence, not a dateline.
fn headline_follows(rest: &[&str]) -> bool {
    rest.iter().find(|l| !l.is_empty()).is_some_and(|next| {
        !is_junk_line(next)
            && !is_kicker(next)
            && !is_byline(next)
            && !next.ends_with('.')
            && dateline(next).is_none()
            && !more_chars_than(next, MAX_HEADLINE_CHARS)
    })
}

/// Wire copy's dateline at the start of the first paragraph: a city in
/// capitals or a place and an agency in parentheses, an optional date, then
/// a dash: "TOKYO, March 3 (Reuters) - Text", "Paris (AFP) - Text",
/// "NEW DELHI, 12 mars 2025 – Text". Gives the date (only when the dateline
/// has a year) and the paragraph without the dateline.
fn wire_dateline(line: &str) -> Option<(Option<ArticleDate>, &str)> {
    let (cut, dash) = line
        .char_indices()
        .take(MAX_WIRE_DATELINE_CHARS + 2)
        .find(|&(i, c)| matches!(c, '-' | '–' | '—') && line[..i].ends_with([' ', ')']))?;
    let prefix = line[..cut].trim_end();
    let rest = line[cut + dash.len_utf8()..].trim_start_matches(['-', '–', '—']).trim_start();
    // A press release dates itself after the place: "PARIS, France –
    // Oct. 28, 2025 – Text".
    let (dated_after, rest) = match date_opening(rest) {
        Some((date, after)) => (Some(date), after),
        None => (None, rest),
    };
    let rest_starts_well = rest.chars().next().is_some_and(|c| c.is_uppercase() || "«\"“'".contains(c));
    if prefix.is_empty() || !rest_starts_well || rest.split_whitespace().count() < 4 {
        return None;
    }
    // The place: everything before the first comma or parenthesis.
    let place_end = prefix.find([',', '(']).unwrap_or(prefix.len());
    let place = prefix[..place_end].trim();
    let place_words = place.split_whitespace().count();
    let place_ok = (1..=4).contains(&place_words)
        && place.chars().all(|c| c.is_alphabetic() || " .-'’".contains(c))
        && place.chars().next().is_some_and(char::is_uppercase);
    if !place_ok {
        return None;
    }
    let upper_place = place.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let agency =
        prefix.strip_suffix(')').and_then(|p| p.rfind('(').map(|open| &p[open + 1..])).is_some_and(|a| {
            let words = a.split_whitespace().count();
            (1..=4).contains(&words) && a.chars().next().is_some_and(char::is_uppercase)
        });
    let between = prefix[place_end..].trim_start_matches([',', ' ']);
    let date = find_date(between).or(dated_after);
    let dated = date.is_some() || has_month_and_day(between);
    // A full date after the place is a dateline however the place is written.
    if !(agency || upper_place && dated || date.is_some()) {
        return None;
    }
    Some((date, rest))
}

/// The last parenthesised words of a dateline cut from `line`, `rest`
/// being what follows it: "(Reuters)", "(AFP)".
fn dateline_credit(line: &str, rest: &str) -> Option<String> {
    let dateline = line.get(..line.len().checked_sub(rest.len())?)?;
    let inner = dateline.rsplit_once('(')?.1.split_once(')')?.0.trim();
    (!inner.is_empty() && inner.split_whitespace().count() <= 4).then(|| inner.to_string())
}

/// A line opening with a date alone, then a separator: "2025-09-22 ·
/// Text", "29/12/2025 — Text", "Oct. 28, 2025 – Text". Gives the date and
/// the text after it.
fn date_opening(line: &str) -> Option<(ArticleDate, &str)> {
    let (cut, separator) = line
        .char_indices()
        .take(MAX_DATE_OPENING_CHARS)
        .find(|&(i, c)| matches!(c, '·' | '•' | '|' | ':' | '-' | '–' | '—') && line[..i].ends_with(' '))?;
    let head = line[..cut].trim();
    let rest = line[cut + separator.len_utf8()..].trim_start_matches(['-', '–', '—']).trim_start();
    let starts_well =
        rest.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "«\"“'".contains(c));
    // The date opens the line: a number or a month's name comes first.
    let opens_with_date = head.split_whitespace().next().is_some_and(|word| {
        word.starts_with(|c: char| c.is_ascii_digit())
            || month_number(&fold(word.trim_end_matches('.'))).is_some()
    });
    if !opens_with_date || head.split_whitespace().count() > MAX_DATE_OPENING_WORDS || !starts_well {
        return None;
    }
    Some((find_date(head)?, rest))
}

/// Where the headline is when the line at `at` does not read like one (a
/// section's name, an icon's, a button, a slogan the page left: "Tech &
/// Médias", "Logged-out icon", "All your news, one place.") and a line
/// that does follows it before the text starts: the title is the first
/// line that reads like a headline.
fn headline_after_furniture(lines: &[&str], at: usize, junk: &JunkMemo) -> Option<usize> {
    let first = lines.get(at)?;
    if reads_as_headline(first) || reads_as_lead(first) || date_prefix(first).is_some() {
        return None;
    }
    let mut seen = 0;
    for (i, line) in lines.iter().enumerate().skip(at + 1) {
        if line.is_empty() || junk.is_junk(line) {
            continue;
        }
        seen += 1;
        if seen > HEADLINE_SEARCH_LINES || reads_as_lead(line) {
            return None;
        }
        // A headline has the article under it, not only furniture (a
        // related article's title at the foot of a short text has none).
        if reads_as_headline(line) && lines[i + 1..].iter().take(3).any(|l| !l.is_empty() && !junk.is_junk(l))
        {
            return Some(i);
        }
    }
    None
}

/// Four words or more, no final full stop, and none of a dateline, byline
/// or kicker.
fn reads_as_headline(line: &str) -> bool {
    line.split_whitespace().nth(3).is_some()
        && !line.ends_with('.')
        && sentence_count(line) == 1
        && !more_chars_than(line, MAX_HEADLINE_CHARS)
        && !is_byline(line)
        && !is_kicker(line)
        && !is_menu_like(line)
        && dateline(line).is_none()
}

/// "March 3", "12 mars": a day and a month without a year.
fn has_month_and_day(text: &str) -> bool {
    let this_year = |t: &str| find_date(&format!("{t} 2000")).is_some_and(|d| d.day.is_some());
    let head = text.split('(').next().unwrap_or(text).trim();
    !head.is_empty() && head.split_whitespace().count() <= 4 && this_year(head)
}

/// "Par Jeanne Martin" or "By John Smith" under the headline.
fn is_byline(line: &str) -> bool {
    // Only ASCII letters lower-case to "par " or "by ": compare bytes.
    let starts = |prefix: &str| {
        line.as_bytes().get(..prefix.len()).is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
    };
    (starts("par ") || starts("by ")) && line.split_whitespace().nth(6).is_none() && !ends_sentence(line)
}

/// Whether `text` has more than `n` chars, without counting them all when
/// its length in bytes already answers.
fn more_chars_than(text: &str, n: usize) -> bool {
    text.len() > n && (text.len() > 4 * n || text.chars().nth(n).is_some())
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '»', '”', ')', ' ', '\u{a0}']).ends_with(['.', '!', '?', '…', ';', ':'])
}

/// Counts sentence ends followed by more text: "One. Two." has two sentences.
fn sentence_count(line: &str) -> usize {
    let chars: Vec<char> = line.chars().collect();
    let inner = chars
        .windows(3)
        .filter(|w| matches!(w[0], '.' | '!' | '?') && w[1] == ' ' && w[2].is_uppercase())
        .count();
    inner + 1
}

fn reads_as_lead(line: &str) -> bool {
    more_chars_than(line, MAX_HEADLINE_CHARS) || (sentence_count(line) >= 2 && ends_sentence(line))
}

/// True when the period closing `text` belongs to an abbreviation ("U.S.",
/// "M.", "Dr.") rather than ending a sentence: the word before it is a
/// single capital letter, holds another period, or is a short title.
fn ends_abbreviation(text: &[char]) -> bool {
    if text.last() != Some(&'.') {
        return false;
    }
    let word: String = text[..text.len() - 1].iter().rev().take_while(|c| !c.is_whitespace()).collect();
    let word: String = word.chars().rev().collect();
    let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_capital
        || word.contains('.')
        || matches!(word.as_str(), "Dr" | "Mr" | "Mrs" | "Ms" | "St" | "Mme" | "Mlle" | "No")
}

/// The first sentence of a lead, cut at a word boundary.
pub fn title_from_lead(lead: &str) -> String {
    let chars: Vec<char> = lead.chars().collect();
    let sentence_end = (0..chars.len().saturating_sub(1))
        .find(|&i| {
            matches!(chars[i], '.' | '!' | '?') && chars[i + 1] == ' ' && !ends_abbreviation(&chars[..=i])
        })
        .map(|i| i + 1)
        .unwrap_or(chars.len());
    let sentence: String = chars[..sentence_end].iter().collect();
    let sentence = sentence.trim_end_matches('.').trim();
    if sentence.chars().count() <= MAX_TITLE_CHARS {
        return sentence.to_string();
    }
    let mut cut = String::new();
    for word in sentence.split_whitespace() {
        if cut.chars().count() + word.chars().count() + 1 > MAX_TITLE_CHARS - 1 {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    let cut = cut.trim_end_matches([',', ';', ':', '-', '–', '—']).trim_end();
    format!("{cut}…")
}

/// Drops blank lines and furniture at the end; a "Read more" style marker
/// near the end takes the short lines after it (linked titles) with it.
fn drop_trailing_junk<'t>(mut body: Vec<&'t str>, junk: &JunkMemo) -> Vec<&'t str> {
    loop {
        while body.last().is_some_and(|l| l.is_empty() || junk.is_junk(l)) {
            body.pop();
        }
        let tail_start = body.len().saturating_sub(4);
        let marker = (tail_start..body.len()).find(|&i| {
            // Linked titles are short and have no final full stop; a
            // paragraph after a caption or an ad slot is not one.
            junk.is_junk(body[i])
                && body[i + 1..].iter().all(|l| !l.ends_with('.') && !more_chars_than(l, MAX_HEADLINE_CHARS))
        });
        match marker {
            Some(i) => body.truncate(i),
            None => return body,
        }
    }
}

fn is_heading(line: &str) -> bool {
    // The cheap tests at the end of the line first: most paragraphs end a
    // sentence, and their words need not be counted.
    if line.ends_with([',', '"', '”', '»']) || more_chars_than(line, MAX_HEADING_CHARS) {
        return false;
    }
    let question = line.ends_with('?');
    if ends_sentence(line) && !question {
        return false;
    }
    let words = line.split_whitespace().take(MAX_HEADING_WORDS + 1).count();
    words <= MAX_HEADING_WORDS && (!ends_sentence(line) || words <= 10)
}

fn classify_paragraphs(body: &[&str], summary: &mut Option<String>, junk: &JunkMemo) -> Vec<Paragraph> {
    let lines: Vec<&str> = body.iter().copied().filter(|l| !l.is_empty() && !junk.is_junk(l)).collect();
    let headings: Vec<bool> = lines.iter().map(|l| is_heading(l)).collect();
    let mut paragraphs = Vec::with_capacity(lines.len());
    let mut next_is_summary = false;
    for (i, line) in lines.iter().enumerate() {
        if next_is_summary {
            next_is_summary = false;
            summary.get_or_insert_with(|| line.to_string());
            continue;
        }
        match summary_marker(line) {
            Some(SummaryMarker::Inline(text)) if summary.is_none() => {
                *summary = Some(text);
                continue;
            }
            Some(SummaryMarker::Alone) => {
                next_is_summary = true;
                continue;
            }
            _ => {}
        }
        let followed_by_text = headings.get(i + 1).is_some_and(|next| !next);
        let kind = if headings[i] && followed_by_text { ParagraphKind::Heading } else { ParagraphKind::Text };
        paragraphs.push(Paragraph { kind, text: line.to_string() });
    }
    paragraphs
}

#[cfg(test)]
mod tests;
