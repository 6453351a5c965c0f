//! From clean article text to an `Article`: structure first, then every
//! extractor over the article's segments.

use super::load::SourceText;
use crate::extract::countries::{Gazetteer, extract_countries};
use crate::extract::deals::{DealInput, Frame, extract_deals, frames_of};
use crate::extract::figures::extract_figures;
use crate::extract::language::detect_language;
use crate::extract::organisations::{find_organisations, find_organisations_in};
use crate::extract::structure::{ArticleStructure, parse_structure};
use crate::extract::topics::extract_topics;
use crate::extract::{Segment, SegmentRole};
use crate::model::{Article, Figure, Language, ParagraphKind};
use compact_str::CompactString;
use std::sync::Arc;

/// Parses one article. `id` is usually the file stem; `source` says where
/// the text came from.
pub fn parse_article(id: &str, source: &str, text: &str) -> Article {
    parse_article_with(id, source, text, true)
}

/// [`parse_article`], with deal extraction on or off (the bench times
/// what deals cost).
pub fn parse_article_with(id: &str, source: &str, text: &str, with_deals: bool) -> Article {
    let structure = parse_structure(text);
    let segments = segments_of(&structure);

    let whole_text: String = segments.iter().map(|s| s.text).collect::<Vec<_>>().join("\n");
    let key = content_key(&whole_text);
    let language = detect_language(&whole_text);
    let countries = extract_countries(Gazetteer::embedded(), &segments);
    let mut organisations = find_organisations_in(&segments, language);
    // A wire credit is cut with its dateline ("TOKYO (Reuters) -") but names
    // an organisation of the article: the agency.
    if let Some(credit) = &structure.credit {
        for name in find_organisations_in(&[Segment::new(SegmentRole::Body, credit)], language).ranked {
            if !organisations.ranked.contains(&name) {
                organisations.ranked.push(name);
            }
        }
    }
    let topics = extract_topics(&segments);
    let segment_figures: Vec<Vec<Figure>> = segments.iter().map(|s| extract_figures(s.text)).collect();
    let date = structure.date.map(|d| if language == Language::En { d.in_english() } else { d }.to_string());
    let deals = if !with_deals {
        Vec::new()
    } else {
        extract_deals(&DealInput {
            article_id: id,
            article_key: &key,
            date: date.as_deref(),
            segments: &segments,
            figures: &segment_figures,
            countries: &countries.hits,
            orgs: &organisations.mentions,
            topics: &topics,
            primary: countries.primary.as_ref(),
        })
    };
    // The article is about its main deal's host, when it has one.
    let primary_country = deals.first().and_then(|d| d.country.clone()).or(countries.primary);

    Article {
        id: id.into(),
        key: key.into(),
        source: source.into(),
        title: structure.title.clone(),
        date: date.map(CompactString::from),
        language,
        primary_country,
        countries: countries.countries,
        organisations: organisations.ranked.into_iter().map(CompactString::from).collect(),
        topics,
        figures: figures_in_text(&segments, segment_figures),
        summary: structure.summary,
        deals: deals.into_iter().map(Arc::new).collect(),
        paragraphs: structure.paragraphs.into(),
    }
}

/// The title, lead, body paragraphs, headings and summary as segments.
pub fn segments_of(structure: &ArticleStructure) -> Vec<Segment<'_>> {
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
    segments
}

/// The sentence frames deal extraction reads from an article's text, each
/// with its sentence, for working on the cue lists (`cargo run --example
/// frames`).
pub fn frames_of_text(text: &str) -> Vec<(String, Frame)> {
    let structure = parse_structure(text);
    let segments = segments_of(&structure);
    let countries = extract_countries(Gazetteer::embedded(), &segments);
    let organisations = find_organisations(&segments);
    let topics = extract_topics(&segments);
    let figures: Vec<Vec<Figure>> = segments.iter().map(|s| extract_figures(s.text)).collect();
    let date = structure.date.map(|d| d.to_string());
    let input = DealInput {
        article_id: "",
        article_key: "",
        date: date.as_deref(),
        segments: &segments,
        figures: &figures,
        countries: &countries.hits,
        orgs: &organisations.mentions,
        topics: &topics,
        primary: countries.primary.as_ref(),
    };
    frames_of(&input).into_iter().map(|frame| (frame.text(&input).to_string(), frame)).collect()
}

/// The article's stable key: a hash of its normalised text, so it survives
/// renames and moves between folders.
pub fn content_key(normalised_text: &str) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(normalised_text.as_bytes()))
}

/// Parses a loaded source text.
pub fn parse_source(source: &SourceText) -> Article {
    parse_article(&source.stem, &source.source, &source.text)
}

/// Every figure of every segment, once per mention, with offsets moved
/// from the segment into the article's normalised text (segments joined by
/// newlines, as [`Article::normalised_text`] builds it).
fn figures_in_text(segments: &[Segment<'_>], per_segment: Vec<Vec<Figure>>) -> Vec<Figure> {
    let mut base = 0;
    let mut out = Vec::new();
    for (segment, figures) in segments.iter().zip(per_segment) {
        out.extend(figures.into_iter().map(|f| Figure { start: f.start + base, end: f.end + base, ..f }));
        base += segment.text.len() + 1;
    }
    out
}
