//! From clean article text to an `Article`: structure first, then every
//! extractor over the article's segments.

use super::load::SourceText;
use super::model::{Article, Figure, ParagraphKind};
use crate::extract::countries::{Gazetteer, extract_countries};
use crate::extract::figures::extract_figures;
use crate::extract::language::detect_language;
use crate::extract::organisations::extract_organisations;
use crate::extract::structure::parse_structure;
use crate::extract::topics::extract_topics;
use crate::extract::{Segment, SegmentRole};

/// Parses one article. `id` is usually the file stem; `source` says where
/// the text came from.
pub fn parse_article(id: &str, source: &str, text: &str) -> Article {
    let structure = parse_structure(text);

    let mut segments = vec![Segment::new(SegmentRole::Title, &structure.title)];
    let mut lead_seen = false;
    for paragraph in &structure.paragraphs {
        let role = match paragraph.kind {
            ParagraphKind::Heading => SegmentRole::Heading,
            ParagraphKind::Text if !lead_seen => {
                lead_seen = true;
                SegmentRole::Lead
            }
            ParagraphKind::Text => SegmentRole::Body,
        };
        segments.push(Segment::new(role, &paragraph.text));
    }
    if let Some(summary) = &structure.summary {
        segments.push(Segment::new(SegmentRole::Summary, summary));
    }

    let whole_text: String = segments.iter().map(|s| s.text).collect::<Vec<_>>().join("\n");
    let countries = extract_countries(Gazetteer::embedded(), &segments);

    Article {
        id: id.to_string(),
        source: source.to_string(),
        title: structure.title.clone(),
        date: structure.date.map(|d| d.to_string()),
        language: detect_language(&whole_text),
        primary_country: countries.primary,
        countries: countries.countries,
        organisations: extract_organisations(&segments),
        topics: extract_topics(&segments),
        figures: distinct_figures(&segments),
        summary: structure.summary,
        paragraphs: structure.paragraphs,
    }
}

/// Parses a loaded source text.
pub fn parse_source(source: &SourceText) -> Article {
    parse_article(&source.stem, &source.source, &source.text)
}

/// Figures from every segment; the same value and unit said twice (a title
/// repeating the lead) is one figure, kept where it first appears.
fn distinct_figures(segments: &[Segment<'_>]) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    for segment in segments {
        for figure in extract_figures(segment.text) {
            if !out.iter().any(|f| f.unit == figure.unit && f.value == figure.value) {
                out.push(figure);
            }
        }
    }
    out
}
