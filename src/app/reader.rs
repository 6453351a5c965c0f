//! The reader's content as wrapped, classified lines: title, facts block,
//! summary and paragraphs, with figures, countries and the filter's words
//! marked. Built in `update` when the article, width or filter changes, so
//! drawing only copies lines to the screen.

use crate::display::{country_and_entity_facts, distinct_figures, short_figure, wrap_ranges};
use crate::extract::countries::country_spans;
use crate::model::{Article, ParagraphKind};
use crate::search::{Query, find_occurrences};
use std::ops::Range;

/// How a piece of reader text is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKind {
    Plain,
    Title,
    Label,
    Heading,
    Summary,
    Figure,
    Country,
    Match,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReaderLine {
    pub spans: Vec<(String, SpanKind)>,
}

/// An article (or a deal card) laid out for a given width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReaderDoc {
    pub lines: Vec<ReaderLine>,
    /// Lines holding an occurrence of the filter's words, ascending.
    pub match_lines: Vec<usize>,
    /// Blocks of lines that open an article (a deal card's evidence).
    pub links: Vec<ReaderLink>,
}

/// Lines of the reader that stand for an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderLink {
    pub lines: std::ops::Range<usize>,
    /// Index into the loaded articles.
    pub article: u32,
}

const LABEL_WIDTH: usize = 10;

/// Lays out `article` at `width` columns, marking the words of `query`.
pub fn build_reader(article: &Article, query: &Query, width: usize) -> ReaderDoc {
    let width = width.max(1);
    let mut doc = ReaderDoc::default();
    push_marked(&mut doc, &article.title, SpanKind::Title, &[], query, width, "");
    doc.lines.push(ReaderLine::default());

    let mut facts: Vec<(&str, String)> =
        vec![("Date", article.date.as_deref().unwrap_or("unknown").to_string())];
    facts.extend(country_and_entity_facts(article));
    if !article.figures.is_empty() {
        let figures = distinct_figures(&article.figures);
        facts.push(("Figures", figures.into_iter().map(short_figure).collect::<Vec<_>>().join(", ")));
    }
    let value_width = width.saturating_sub(LABEL_WIDTH).max(1);
    for (label, value) in facts {
        let kind = if label == "Figures" { SpanKind::Figure } else { SpanKind::Plain };
        for (i, range) in wrap_ranges(&value, value_width).into_iter().enumerate() {
            let label = if i == 0 { format!("{label:<LABEL_WIDTH$}") } else { " ".repeat(LABEL_WIDTH) };
            doc.lines
                .push(ReaderLine { spans: vec![(label, SpanKind::Label), (value[range].to_string(), kind)] });
        }
    }

    if let Some(summary) = &article.summary {
        doc.lines.push(ReaderLine::default());
        doc.lines.push(ReaderLine { spans: vec![("Summary".into(), SpanKind::Label)] });
        push_marked(&mut doc, summary, SpanKind::Summary, &[], query, width.saturating_sub(2), "│ ");
    }

    let figure_texts: Vec<&str> = article.figures.iter().map(|f| f.text.as_str()).collect();
    for paragraph in article.paragraphs.iter() {
        doc.lines.push(ReaderLine::default());
        let base = if paragraph.kind == ParagraphKind::Heading { SpanKind::Heading } else { SpanKind::Plain };
        push_marked(&mut doc, paragraph.text, base, &figure_texts, query, width, "");
    }
    doc
}

/// Marks figures, countries and query words in `text`, wraps it and adds
/// the lines. Query matches win over countries, countries over figures.
fn push_marked(
    doc: &mut ReaderDoc,
    text: &str,
    base: SpanKind,
    figures: &[&str],
    query: &Query,
    width: usize,
    prefix: &str,
) {
    let mut kinds = vec![base; text.len()];
    let mut paint = |range: Range<usize>, kind: SpanKind| {
        for k in kinds.get_mut(range).into_iter().flatten() {
            *k = kind;
        }
    };
    for figure in figures.iter().filter(|f| !f.is_empty()) {
        for (start, found) in text.match_indices(figure) {
            paint(start..start + found.len(), SpanKind::Figure);
        }
    }
    if base != SpanKind::Title {
        for range in country_spans(text) {
            paint(range, SpanKind::Country);
        }
    }
    let matches = find_occurrences(query, text);
    for range in &matches {
        paint(range.clone(), SpanKind::Match);
    }

    for range in wrap_ranges(text, width.saturating_sub(prefix.chars().count()).max(1)) {
        if matches.iter().any(|m| m.start < range.end && m.end > range.start) {
            doc.match_lines.push(doc.lines.len());
        }
        let mut line = ReaderLine::default();
        if !prefix.is_empty() {
            line.spans.push((prefix.to_string(), SpanKind::Label));
        }
        let mut start = range.start;
        while start < range.end {
            let kind = kinds[start];
            let mut end = start;
            while end < range.end && kinds[end] == kind {
                end += 1;
            }
            // Byte ranges from the searches are on char boundaries; extend to
            // the next one anyway so a slice can never split a character.
            while end < range.end && !text.is_char_boundary(end) {
                end += 1;
            }
            line.spans.push((text[start..end].to_string(), kind));
            start = end;
        }
        doc.lines.push(line);
    }
}
