//! Countries an article names, and the one its deal is with.
//!
//! Owns the country list (`assets/countries.tsv`, see [`Gazetteer`]) and the
//! choice of the primary country. Nvidia is American, so nearly every
//! article names the United States in passing; the US is the deal's country
//! only when nothing else competes with it.

mod gazetteer;

pub use gazetteer::{CountryHit, CountryInfo, CountrySpan, Gazetteer};

use crate::extract::lexicon::WordIds;
use crate::extract::{Segment, SegmentRole};
use crate::model::{CountryMention, CountryRef};

/// Byte ranges of every country name, alias or adjective in `text`, for
/// highlighting.
pub fn country_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    Gazetteer::embedded().scan_spans(text, &mut WordIds::default()).into_iter().map(|h| h.bytes).collect()
}

/// The countries of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CountryFacts {
    /// Primary first, then by weighted score, then by first appearance.
    pub countries: Vec<CountryMention>,
    pub primary: Option<CountryRef>,
    /// Every mention, in text order.
    pub hits: Vec<SegmentCountry>,
}

/// One country name or adjective in one segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentCountry {
    pub segment: usize,
    /// Byte range in the segment's text.
    pub start: usize,
    pub end: usize,
    pub code: String,
    pub adjective: bool,
}

const UNITED_STATES: &str = "US";
/// How many times the best other country's score the US needs, on top of
/// being in the title, to be the deal's country.
const US_DOMINANCE: u32 = 4;

/// Where a mention sits says how much it tells about the deal: titles and
/// leads name the partner country, bodies also name rivals and context.
/// Doubled so that headings can weigh one and a half.
fn weight(role: SegmentRole) -> u32 {
    match role {
        SegmentRole::Title => 12,
        SegmentRole::Lead => 6,
        SegmentRole::Summary => 4,
        SegmentRole::Heading => 3,
        SegmentRole::Body => 2,
    }
}

#[derive(Debug)]
struct Tally<'g> {
    country: &'g CountryInfo,
    mentions: u32,
    score: u32,
    /// Segment index and byte offset of the first mention.
    first: (usize, usize),
    in_headline: bool,
}

/// Finds every country named in `segments` and picks the primary one.
pub fn extract_countries(gazetteer: &Gazetteer, segments: &[Segment<'_>]) -> CountryFacts {
    // The title names the deal; articles without one put it in the lead.
    let headline_role = if segments.iter().any(|s| s.role == SegmentRole::Title) {
        SegmentRole::Title
    } else {
        SegmentRole::Lead
    };
    let mut tallies: Vec<Tally<'_>> = Vec::new();
    let mut hits = Vec::new();
    let mut words = WordIds::default();
    for (n, segment) in segments.iter().enumerate() {
        for hit in gazetteer.scan_spans(segment.text, &mut words) {
            hits.push(SegmentCountry {
                segment: n,
                start: hit.bytes.start,
                end: hit.bytes.end,
                code: hit.country.code.clone(),
                adjective: hit.adjective,
            });
            // An article names a handful of countries: a search beats a map.
            let i = match tallies.iter().position(|t| std::ptr::eq(t.country, hit.country)) {
                Some(i) => i,
                None => {
                    tallies.push(Tally {
                        country: hit.country,
                        mentions: 0,
                        score: 0,
                        first: (n, hit.bytes.start),
                        in_headline: false,
                    });
                    tallies.len() - 1
                }
            };
            let tally = &mut tallies[i];
            tally.mentions = tally.mentions.saturating_add(1);
            tally.score = tally.score.saturating_add(weight(segment.role));
            tally.in_headline |= segment.role == headline_role;
        }
    }
    tallies.sort_by(|a, b| b.score.cmp(&a.score).then(a.first.cmp(&b.first)));

    let primary = pick_primary(&tallies);
    if let Some(p) = primary {
        let chosen = tallies.remove(p);
        tallies.insert(0, chosen);
    }
    CountryFacts {
        primary: primary.map(|_| CountryRef {
            code: tallies[0].country.code.as_str().into(),
            name: tallies[0].country.name_en.as_str().into(),
        }),
        countries: tallies
            .iter()
            .map(|t| CountryMention {
                code: t.country.code.as_str().into(),
                name: t.country.name_en.as_str().into(),
                mentions: t.mentions,
            })
            .collect(),
        hits,
    }
}

/// Index in `ranked` (best first) of the deal's country.
fn pick_primary(ranked: &[Tally<'_>]) -> Option<usize> {
    let us = ranked.iter().position(|t| t.country.code == UNITED_STATES);
    let other = ranked.iter().position(|t| t.country.code != UNITED_STATES);
    match (us, other) {
        (Some(us), Some(other)) => {
            let dominant = ranked[us].in_headline
                && ranked[us].score >= ranked[other].score.saturating_mul(US_DOMINANCE);
            Some(if dominant { us } else { other })
        }
        (us, other) => us.or(other),
    }
}

#[cfg(test)]
mod tests;
