//! The article model: what one parsed article is, and the facts extracted
//! from it. Plain data with serde derives; the JSON field names are part of
//! the CLI contract.

use super::deal::Deal;
use super::paragraphs::Paragraphs;
use compact_str::CompactString;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

/// One parsed article with its extracted facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// File name without extension; path-qualified when two files share it.
    pub id: CompactString,
    /// Stable across renames and folders: a hash of the normalised text.
    pub key: CompactString,
    /// Where the article came from: a file path, or `embedded:NAME`.
    pub source: CompactString,
    pub title: String,
    /// `YYYY-MM` or `YYYY-MM-DD`, when the article states a date.
    pub date: Option<CompactString>,
    pub language: Language,
    pub primary_country: Option<CountryRef>,
    /// Most relevant first.
    pub countries: Vec<CountryMention>,
    pub organisations: Vec<CompactString>,
    pub topics: Vec<Topic>,
    /// Every figure, once per mention, in text order.
    pub figures: Vec<Figure>,
    pub summary: Option<String>,
    /// The deals the article reports, its main deal first; serialised as
    /// their ids, so they deserialise as none: whoever stores an article
    /// stores its deals beside it (see `cache::record`).
    #[serde(serialize_with = "deal_ids", deserialize_with = "no_deals")]
    pub deals: Vec<Arc<Deal>>,
    /// Body paragraphs and subheadings in order, the lead included. Not
    /// serialised either: stored beside the article, as its deals are.
    #[serde(skip)]
    pub paragraphs: Paragraphs,
}

fn deal_ids<S: Serializer>(deals: &[Arc<Deal>], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(deals.iter().map(|d| d.id.as_str()))
}

/// Reads the ids [`deal_ids`] wrote (a positional format such as postcard
/// must consume them) and keeps nothing: ids alone cannot rebuild a deal.
fn no_deals<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Arc<Deal>>, D::Error> {
    Vec::<String>::deserialize(deserializer)?;
    Ok(Vec::new())
}

/// The one number a listing shows for an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Headline {
    pub text: CompactString,
    pub value: f64,
    /// A currency code, `chips` or `MW`.
    pub unit: CompactString,
    pub usd: Option<f64>,
}

impl Article {
    /// The main deal's amount, else its chips, else its power: what a
    /// one-line listing shows. Never a market size or a loss, since those
    /// are never a deal's amount.
    pub fn headline(&self) -> Option<Headline> {
        let deal = self.deals.first()?;
        if let Some(a) = &deal.amount {
            return Some(Headline {
                text: a.text.clone(),
                value: a.value,
                unit: a.currency.clone(),
                usd: a.usd,
            });
        }
        if let Some(c) = deal.chips.as_ref().filter(|c| c.count.is_some()) {
            let value = c.count.unwrap_or_default() as f64;
            return Some(Headline { text: c.text.clone(), value, unit: "chips".into(), usd: None });
        }
        deal.power_mw.as_ref().map(|p| Headline {
            text: p.text.clone(),
            value: p.value,
            unit: "MW".into(),
            usd: None,
        })
    }

    /// The text figure offsets point into: the title, each paragraph and
    /// the summary, one per line.
    pub fn normalised_text(&self) -> String {
        let mut text = self.title.clone();
        for p in self.paragraphs.iter() {
            text.push('\n');
            text.push_str(p.text);
        }
        if let Some(summary) = &self.summary {
            text.push('\n');
            text.push_str(summary);
        }
        text
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Fr,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }
}

/// A country named by its ISO 3166-1 alpha-2 code and English name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CountryRef {
    pub code: CompactString,
    pub name: CompactString,
}

/// A country the article names, with how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryMention {
    pub code: CompactString,
    pub name: CompactString,
    pub mentions: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    Heading,
    Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub kind: ParagraphKind,
    pub text: String,
}

/// A number found in the text, normalised, with the text it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub text: CompactString,
    pub value: f64,
    pub unit: Unit,
    /// Byte offsets of `text` in [`Article::normalised_text`] (in the
    /// paragraph, for a figure extracted from one paragraph alone).
    pub start: usize,
    pub end: usize,
}

/// What a figure counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Unit {
    /// ISO 4217 code, e.g. `USD`.
    Currency(CompactString),
    Chips,
    Gpus,
    Percent,
    /// Power, normalised to megawatts.
    Megawatts,
    /// Any other counted thing.
    Other,
}

impl Unit {
    pub fn is_currency(&self) -> bool {
        matches!(self, Unit::Currency(_))
    }

    pub fn as_str(&self) -> &str {
        match self {
            Unit::Currency(code) => code,
            Unit::Chips => "chips",
            Unit::Gpus => "GPUs",
            Unit::Percent => "percent",
            Unit::Megawatts => "MW",
            Unit::Other => "other",
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Unit {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Unit {
    /// The inverse of [`Unit::as_str`]: any name that is not one of the
    /// counted things is a currency code (ISO codes are three capitals, so
    /// none reads as `chips` or `MW`).
    pub fn from_name(name: &str) -> Unit {
        match name {
            "chips" => Unit::Chips,
            "GPUs" => Unit::Gpus,
            "percent" => Unit::Percent,
            "MW" => Unit::Megawatts,
            "other" => Unit::Other,
            code => Unit::Currency(code.into()),
        }
    }
}

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Unit, D::Error> {
        struct UnitName;
        impl Visitor<'_> for UnitName {
            type Value = Unit;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a unit name or a currency code")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Unit, E> {
                Ok(Unit::from_name(name))
            }
        }
        deserializer.deserialize_str(UnitName)
    }
}

/// The fixed topic taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Topic {
    SovereignAi,
    ExportControls,
    ChipSupply,
    Supercomputer,
    DataCentre,
    RAndD,
    Acquisition,
    Investment,
    PublicFunding,
    Telecom,
    Healthcare,
    Automotive,
    Robotics,
    Cloud,
}

impl Topic {
    pub const ALL: [Topic; 14] = [
        Topic::SovereignAi,
        Topic::ExportControls,
        Topic::ChipSupply,
        Topic::Supercomputer,
        Topic::DataCentre,
        Topic::RAndD,
        Topic::Acquisition,
        Topic::Investment,
        Topic::PublicFunding,
        Topic::Telecom,
        Topic::Healthcare,
        Topic::Automotive,
        Topic::Robotics,
        Topic::Cloud,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Topic::SovereignAi => "sovereign-ai",
            Topic::ExportControls => "export-controls",
            Topic::ChipSupply => "chip-supply",
            Topic::Supercomputer => "supercomputer",
            Topic::DataCentre => "data-centre",
            Topic::RAndD => "r-and-d",
            Topic::Acquisition => "acquisition",
            Topic::Investment => "investment",
            Topic::PublicFunding => "public-funding",
            Topic::Telecom => "telecom",
            Topic::Healthcare => "healthcare",
            Topic::Automotive => "automotive",
            Topic::Robotics => "robotics",
            Topic::Cloud => "cloud",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.slug() == slug)
    }
}

impl fmt::Display for Topic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_slugs_round_trip() {
        for topic in Topic::ALL {
            assert_eq!(Topic::from_slug(topic.slug()), Some(topic));
            let json = serde_json::to_string(&topic).unwrap();
            assert_eq!(json, format!("\"{}\"", topic.slug()));
        }
        assert_eq!(Topic::from_slug("nope"), None);
    }

    #[test]
    fn unit_serialises_as_plain_string() {
        let f = Figure {
            text: "5,5 milliards de dollars".into(),
            value: 5.5e9,
            unit: Unit::Currency("USD".into()),
            start: 0,
            end: 24,
        };
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["unit"], "USD");
        assert_eq!(json["value"], 5.5e9);
    }
}
