//! The shape of one article: title, dateline, lead, paragraphs, subheadings
//! and summary, with page furniture removed. Works on text already decoded
//! and cleaned of control characters (see `corpus::load`).

use super::dates::{ArticleDate, find_date};
use super::junk::{SummaryMarker, is_junk_line, summary_marker};
use crate::corpus::model::{Paragraph, ParagraphKind};

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

/// The structural parse of an article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ArticleStructure {
    pub title: String,
    pub date: Option<ArticleDate>,
    /// Body in order: text paragraphs (the lead first) and subheadings.
    pub paragraphs: Vec<Paragraph>,
    pub summary: Option<String>,
}

impl ArticleStructure {
    /// The first text paragraph.
    pub fn lead(&self) -> Option<&str> {
        self.paragraphs.iter().find(|p| p.kind == ParagraphKind::Text).map(|p| p.text.as_str())
    }
}

/// Splits cleaned article text into its parts.
pub fn parse_structure(text: &str) -> ArticleStructure {
    let marked: Vec<(&str, bool)> = text.lines().map(|l| strip_markdown_heading(clean_line(l))).collect();
    let lines: Vec<&str> = marked.iter().map(|(l, _)| *l).collect();
    let markdown_headings: Vec<&str> = marked.iter().filter(|(_, h)| *h).map(|(l, _)| *l).collect();
    let mut out = ArticleStructure::default();

    let mut cursor = 0;
    // Leading furniture and a dateline printed above the headline.
    while let Some(line) = lines.get(cursor) {
        if line.is_empty() || is_junk_line(line) {
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
    let Some(first) = lines.get(cursor) else { return out };
    cursor += 1;

    let mut body: Vec<&str> = Vec::new();
    if let Some((date, headline)) = date_prefix(first) {
        out.date = out.date.or(date);
        out.title = headline.to_string();
    } else if reads_as_lead(first) {
        out.title = title_from_lead(first);
        body.push(first);
    } else {
        out.title = first.to_string();
    }

    let mut window = 0;
    for line in &lines[cursor..] {
        if window < DATELINE_WINDOW && !line.is_empty() {
            window += 1;
            if let Some(date) = dateline(line) {
                out.date = out.date.or(Some(date));
                continue;
            }
            if is_byline(line) {
                continue;
            }
        }
        body.push(line);
    }

    let body = drop_trailing_junk(body);
    out.paragraphs = classify_paragraphs(&body, &mut out.summary);
    // A Markdown heading is a subheading whatever its punctuation.
    for p in &mut out.paragraphs {
        if markdown_headings.contains(&p.text.as_str()) {
            p.kind = ParagraphKind::Heading;
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
    if line.chars().count() > MAX_DATELINE_CHARS || ends_sentence(line) && line.split_whitespace().count() > 8
    {
        return None;
    }
    find_date(line)
}

/// "Par Jeanne Martin" or "By John Smith" under the headline.
fn is_byline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let lower = line.to_lowercase();
    (lower.starts_with("par ") || lower.starts_with("by ")) && words <= 6 && !ends_sentence(line)
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
    line.chars().count() > MAX_HEADLINE_CHARS || (sentence_count(line) >= 2 && ends_sentence(line))
}

/// The first sentence of a lead, cut at a word boundary.
pub fn title_from_lead(lead: &str) -> String {
    let chars: Vec<char> = lead.chars().collect();
    let sentence_end = chars
        .windows(2)
        .position(|w| matches!(w[0], '.' | '!' | '?') && w[1] == ' ')
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
fn drop_trailing_junk(mut body: Vec<&str>) -> Vec<&str> {
    loop {
        while body.last().is_some_and(|l| l.is_empty() || is_junk_line(l)) {
            body.pop();
        }
        let tail_start = body.len().saturating_sub(4);
        let marker = (tail_start..body.len()).find(|&i| {
            is_junk_line(body[i]) && body[i + 1..].iter().all(|l| l.chars().count() <= MAX_HEADLINE_CHARS)
        });
        match marker {
            Some(i) => body.truncate(i),
            None => return body,
        }
    }
}

fn is_heading(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let short = line.chars().count() <= MAX_HEADING_CHARS && words <= MAX_HEADING_WORDS;
    let question = line.ends_with('?') && words <= 10;
    short && (!ends_sentence(line) || question) && !line.ends_with([',', '"', '”', '»'])
}

fn classify_paragraphs(body: &[&str], summary: &mut Option<String>) -> Vec<Paragraph> {
    let lines: Vec<&str> = body.iter().copied().filter(|l| !l.is_empty() && !is_junk_line(l)).collect();
    let mut paragraphs = Vec::new();
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
        let followed_by_text = lines.get(i + 1).is_some_and(|next| !is_heading(next));
        let kind =
            if is_heading(line) && followed_by_text { ParagraphKind::Heading } else { ParagraphKind::Text };
        paragraphs.push(Paragraph { kind, text: line.to_string() });
    }
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &ArticleStructure) -> Vec<(ParagraphKind, &str)> {
        s.paragraphs.iter().map(|p| (p.kind.clone(), p.text.as_str())).collect()
    }

    #[test]
    fn headline_then_paragraphs_and_subheadings() {
        let s = parse_structure(
            "Logo\n\nNvidia signe avec le Japon\nPublié le 20 juin 2025\nPar Jeanne Martin\n\nPremier paragraphe. Il dit des choses.\nUn intertitre court\nDeuxième paragraphe.\n\nLaisser un commentaire\n\n",
        );
        assert_eq!(s.title, "Nvidia signe avec le Japon");
        assert_eq!(s.date.map(|d| d.to_string()).as_deref(), Some("2025-06-20"));
        assert_eq!(
            kinds(&s),
            vec![
                (ParagraphKind::Text, "Premier paragraphe. Il dit des choses."),
                (ParagraphKind::Heading, "Un intertitre court"),
                (ParagraphKind::Text, "Deuxième paragraphe."),
            ]
        );
        assert_eq!(s.lead(), Some("Premier paragraphe. Il dit des choses."));
    }

    #[test]
    fn date_prefix_gives_date_and_headline() {
        let s = parse_structure(" date 2024-12 Le Vietnam signe\n\nTexte du corps.\n");
        assert_eq!(s.title, "Le Vietnam signe");
        assert_eq!(s.date.map(|d| d.to_string()).as_deref(), Some("2024-12"));
        assert_eq!(s.paragraphs.len(), 1);
    }

    #[test]
    fn long_lead_gives_derived_title_and_stays_in_body() {
        let lead = "Nvidia and the kingdom signed a broad agreement on Tuesday to build several very large data centres across the country over the coming decade, officials said. The deal is worth billions.";
        let s = parse_structure(&format!("{lead}\nSecond paragraph here.\n"));
        assert!(s.title.ends_with('…'), "{}", s.title);
        assert!(s.title.chars().count() <= MAX_TITLE_CHARS);
        assert!(s.title.starts_with("Nvidia and the kingdom signed"));
        assert_eq!(s.lead(), Some(lead));

        let short = "Nvidia signe un accord historique. Le pays investit.";
        assert_eq!(parse_structure(short).title, "Nvidia signe un accord historique");
    }

    #[test]
    fn summary_is_set_apart_and_trailing_junk_dropped() {
        let s = parse_structure(
            "Titre\nCorps du texte.\nRésumé : Tout va bien.\n\n\n\nÀ lire aussi\nUn autre article sans rapport\nPartager sur X\n",
        );
        assert_eq!(s.summary.as_deref(), Some("Tout va bien."));
        assert_eq!(kinds(&s), vec![(ParagraphKind::Text, "Corps du texte.")]);
    }

    #[test]
    fn degenerate_inputs() {
        assert_eq!(parse_structure(""), ArticleStructure::default());
        assert_eq!(parse_structure("\n\n  \n").title, "");
        let only_title = parse_structure("Juste un titre");
        assert_eq!(only_title.title, "Juste un titre");
        assert!(only_title.paragraphs.is_empty());
        let dateline_first = parse_structure("19/09/2025 à 16:30\nNvidia au Maroc\nTexte.");
        assert_eq!(dateline_first.title, "Nvidia au Maroc");
        assert_eq!(dateline_first.date.map(|d| d.to_string()).as_deref(), Some("2025-09-19"));
    }

    #[test]
    fn markdown_headings() {
        let s =
            parse_structure("# Le titre\n\nTexte un.\n\n## Une partie ?\n\nTexte deux.\n#hashtag final.\n");
        assert_eq!(s.title, "Le titre");
        assert_eq!(
            kinds(&s),
            vec![
                (ParagraphKind::Text, "Texte un."),
                (ParagraphKind::Heading, "Une partie ?"),
                (ParagraphKind::Text, "Texte deux."),
                (ParagraphKind::Text, "#hashtag final."),
            ]
        );
    }

    #[test]
    fn body_dates_do_not_count() {
        let s = parse_structure(
            "Titre\nPremier paragraphe sans date, assez long pour être du texte.\nDeuxième.\nTroisième.\nLe 20 juin 2025, Nvidia a signé.\n",
        );
        assert_eq!(s.date, None);
    }
}
