//! One file's outcome as the bytes of a cache record, and back.
//!
//! The article's serde shape is the CLI's JSON: it writes its deals as ids
//! and leaves out its paragraphs and each deal's evidence. A record
//! therefore carries the article, then its paragraphs (one text and the
//! paragraph ends), then each deal with its evidence, then the letter pairs
//! of the body for the search index, and decoding puts them back (a body
//! whose ends do not fit its text is a damaged record). postcard is positional: the
//! layout is the field order below, so any change to it, or to a model
//! type, needs a bump of [`RECORD_FORMAT`].

use crate::corpus::load::WarningKind;
use crate::model::{Article, Deal, DealEvidence, ParagraphKind, Paragraphs};
use crate::search::engine::PairSet;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

/// Bump when the encoding of a record changes (a model field added,
/// removed, reordered or retyped): records of another format are not read.
pub const RECORD_FORMAT: u32 = 2;

/// What loading one file gave: an article (or none: skipped as page
/// furniture) and the warnings about it, without the file's path (the path
/// is rebuilt by the caller on a hit).
#[derive(Debug, Clone, PartialEq)]
pub struct FileOutcome {
    pub article: Option<Article>,
    pub warnings: Vec<(WarningKind, String)>,
    /// The letter pairs of the article's body, for the search index: kept
    /// with the record, as finding them costs more than reading them back.
    pub body_pairs: Option<PairSet>,
}

impl FileOutcome {
    pub fn new(article: Option<Article>, warnings: Vec<(WarningKind, String)>) -> FileOutcome {
        let body_pairs = article.as_ref().map(|a| PairSet::of_body(a.paragraphs.text()));
        FileOutcome { article, warnings, body_pairs }
    }
}

/// Why bytes are not a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordError {
    Malformed(postcard::Error),
    /// A whole record was read with bytes left over: not what [`encode`] wrote.
    TrailingBytes(usize),
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::Malformed(e) => write!(f, "malformed cache record: {e}"),
            RecordError::TrailingBytes(n) => write!(f, "malformed cache record: {n} bytes after its end"),
        }
    }
}

impl std::error::Error for RecordError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RecordError::Malformed(e) => Some(e),
            RecordError::TrailingBytes(_) => None,
        }
    }
}

/// The layout, generic so that encoding (borrowed) and decoding (owned)
/// share one field order.
#[derive(Serialize, Deserialize)]
struct Record<A, W> {
    article: Option<A>,
    warnings: W,
}

#[derive(Serialize, Deserialize)]
struct ArticleRecord<A, P, D> {
    article: A,
    paragraphs: P,
    deals: D,
    body_pairs: PairSet,
}

type RecordOut<'a> =
    Record<ArticleRecord<&'a Article, BodyOut<'a>, DealsOut<'a>>, &'a [(WarningKind, String)]>;
type RecordIn = Record<ArticleRecord<Article, BodyIn, Vec<(Deal, DealEvidence)>>, Vec<(WarningKind, String)>>;

/// The body as the model holds it, one text and where each paragraph ends:
/// read back with one allocation, its text checked as UTF-8 in one pass.
struct BodyOut<'a>(&'a Paragraphs);

impl Serialize for BodyOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (text, ends) = self.0.parts();
        (Bytes(text.as_bytes()), ends).serialize(serializer)
    }
}

/// Text written as bytes, which postcard lays out as it lays out a string.
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

struct BodyIn(Paragraphs);

impl<'de> Deserialize<'de> for BodyIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<BodyIn, D::Error> {
        let (text, ends): (&'de [u8], Vec<(u32, ParagraphKind)>) = Deserialize::deserialize(deserializer)?;
        let text =
            simdutf8::basic::from_utf8(text).map_err(|_| D::Error::custom("a body that is not UTF-8"))?;
        Paragraphs::from_parts(text, ends)
            .map(BodyIn)
            .ok_or_else(|| D::Error::custom("paragraph ends that do not fit their body"))
    }
}

/// An article's deals written as `(deal, evidence)` pairs, which decode
/// as a `Vec<(Deal, DealEvidence)>`.
struct DealsOut<'a>(&'a [Arc<Deal>]);

impl Serialize for DealsOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|deal| (&**deal, &deal.evidence)))
    }
}

pub fn encode(outcome: &FileOutcome) -> Vec<u8> {
    let record: RecordOut<'_> = Record {
        article: outcome.article.as_ref().map(|article| ArticleRecord {
            article,
            paragraphs: BodyOut(&article.paragraphs),
            deals: DealsOut(&article.deals),
            body_pairs: outcome.body_pairs.unwrap_or_else(|| PairSet::of_body(article.paragraphs.text())),
        }),
        warnings: &outcome.warnings,
    };
    // postcard fails only on a sequence of unknown length, and every
    // sequence here has one whatever the data (tests encode every fixture).
    postcard::to_allocvec(&record).expect("every sequence in a record has a known length")
}

/// Any bytes give a record or an error, never a panic; lengths are checked
/// against the bytes left before anything is allocated for them.
pub fn decode(bytes: &[u8]) -> Result<FileOutcome, RecordError> {
    let (record, rest): (RecordIn, _) = postcard::take_from_bytes(bytes).map_err(RecordError::Malformed)?;
    if !rest.is_empty() {
        return Err(RecordError::TrailingBytes(rest.len()));
    }
    let mut body_pairs = None;
    let article =
        record.article.map(|ArticleRecord { mut article, paragraphs, deals, body_pairs: pairs }| {
            body_pairs = Some(pairs);
            article.paragraphs = paragraphs.0;
            article.deals = deals
                .into_iter()
                .map(|(mut deal, evidence)| {
                    deal.evidence = evidence;
                    Arc::new(deal)
                })
                .collect();
            article
        });
    Ok(FileOutcome { article, warnings: record.warnings, body_pairs })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    /// The format the pinned bytes are in, and their xxh3.
    const PIN: (u32, u64) = (2, 0x2b99fd0ea36a3ebf);

    /// Every model type, each `Option` both ways, floats whose bits a lossy
    /// encoding would change, offsets past 32 bits.
    fn sample_outcome() -> FileOutcome {
        let mut deal = Deal::new("0123456789abcdef-0", "sample", DealKind::DataCentre, DealStatus::Signed);
        deal.country = Some(CountryRef { code: "FR".into(), name: "France".into() });
        deal.countries = vec!["FR".into(), "AE".into()];
        // Enums are written as variant indices: every variant is here, so
        // reordering any of them changes the pinned bytes.
        deal.stages.extend(DealStatus::ALL.map(|status| Stage {
            status,
            date: Some("2025-02".into()),
            article: "x".into(),
        }));
        deal.organisations = OrgRole::ALL.map(|role| DealOrg { name: "Nvidia".into(), role }).to_vec();
        deal.amount = Some(Amount {
            value: 0.1 + 0.2,
            currency: "EUR".into(),
            usd: Some(-0.0),
            text: "30 à 50 milliards d’euros".into(),
            mention: 1,
        });
        deal.chips = Some(Chips { count: Some(u64::MAX), model: None, text: "GB200".into(), mention: 0 });
        deal.power_mw = Some(Power { value: 1.0e-310, text: "1 GW".into(), mention: usize::MAX });
        deal.date = Some("2025-02-10".into());
        deal.topics = vec![Topic::DataCentre, Topic::SovereignAi];
        deal.mentions = vec![
            Mention { article: "sample".into(), text: "Un campus de 1 GW.".into() },
            Mention { article: "sample".into(), text: "".into() },
        ];
        deal.evidence =
            DealEvidence { names: vec!["campus".into()], article_keys: vec!["0123456789abcdef".into()] };
        let mut deals = vec![Arc::new(deal)];
        for (i, kind) in DealKind::ALL.into_iter().enumerate() {
            let mut bare =
                Deal::new(&format!("0123456789abcdef-{}", i + 1), "sample", kind, DealStatus::Rumoured);
            bare.stages.clear();
            bare.articles.clear();
            deals.push(Arc::new(bare));
        }

        let units = [
            Unit::Currency("USD".into()),
            Unit::Chips,
            Unit::Gpus,
            Unit::Percent,
            Unit::Megawatts,
            Unit::Other,
        ];
        let figures = units
            .into_iter()
            .enumerate()
            .map(|(i, unit)| Figure {
                text: compact_str::format_compact!("figure {i}"),
                value: [f64::MAX, f64::MIN_POSITIVE, -1.5, f64::INFINITY, 1e15, 2.0 / 3.0][i],
                unit,
                start: i << 33,
                end: (i << 33) + 8,
            })
            .collect();
        let paragraph = |kind, text: &str| Paragraph { kind, text: text.into() };
        let article = Article {
            id: "sample".into(),
            key: "0123456789abcdef".into(),
            source: "dir/sample.txt".into(),
            title: "La France et les Émirats".into(),
            date: Some("2025-02".into()),
            language: Language::Fr,
            primary_country: Some(CountryRef { code: "FR".into(), name: "France".into() }),
            countries: vec![
                CountryMention { code: "FR".into(), name: "France".into(), mentions: u32::MAX },
                CountryMention { code: "AE".into(), name: "United Arab Emirates".into(), mentions: 1 },
            ],
            organisations: vec!["MGX".into(), "Nvidia".into()],
            topics: Topic::ALL.to_vec(),
            figures,
            summary: None,
            deals,
            paragraphs: Paragraphs::from(vec![
                paragraph(ParagraphKind::Text, "Le lead, avec é."),
                paragraph(ParagraphKind::Heading, "Un intertitre"),
                paragraph(ParagraphKind::Text, ""),
                paragraph(ParagraphKind::Text, "Fin."),
            ]),
        };
        FileOutcome::new(
            Some(article),
            vec![
                (WarningKind::Loaded, "invalid UTF-8 replaced with U+FFFD".into()),
                (WarningKind::Skipped, String::new()),
                (WarningKind::Unreadable, "x".into()),
            ],
        )
    }

    fn float_bits(article: &Article) -> Vec<u64> {
        let mut bits: Vec<u64> = article.figures.iter().map(|f| f.value.to_bits()).collect();
        for deal in &article.deals {
            if let Some(a) = &deal.amount {
                bits.extend([Some(a.value), a.usd].into_iter().flatten().map(f64::to_bits));
            }
            bits.extend(deal.power_mw.iter().map(|p| p.value.to_bits()));
        }
        bits
    }

    #[test]
    fn every_field_round_trips() {
        let outcome = sample_outcome();
        let back = decode(&encode(&outcome)).unwrap();
        assert_eq!(back, outcome);
        let (article, original) = (back.article.unwrap(), outcome.article.unwrap());
        // `==` on floats forgives -0.0 for 0.0; the bits do not.
        assert_eq!(float_bits(&article), float_bits(&original));
        assert_eq!(article.deals[0].evidence, original.deals[0].evidence);
        assert_eq!(article.paragraphs.text(), original.paragraphs.text());
        assert_eq!(serde_json::to_string(&article).unwrap(), serde_json::to_string(&original).unwrap());
    }

    #[test]
    fn an_outcome_without_article_round_trips() {
        for warnings in [vec![], vec![(WarningKind::Skipped, "skipped: no article text".to_string())]] {
            let outcome = FileOutcome::new(None, warnings);
            assert_eq!(decode(&encode(&outcome)), Ok(outcome));
        }
    }

    #[test]
    fn the_encoding_is_pinned() {
        let hash = xxhash_rust::xxh3::xxh3_64(&encode(&sample_outcome()));
        assert!(
            PIN == (RECORD_FORMAT, hash),
            "the record encoding changed: bump RECORD_FORMAT and update this pin to ({RECORD_FORMAT}, {hash:#018x}) \
             (pinned: ({}, {:#018x}))",
            PIN.0,
            PIN.1
        );
    }

    #[test]
    fn trailing_and_missing_bytes_are_errors() {
        let mut bytes = encode(&sample_outcome());
        bytes.push(0);
        assert_eq!(decode(&bytes), Err(RecordError::TrailingBytes(1)));
        assert!(matches!(decode(&[]), Err(RecordError::Malformed(_))));
        // An article, then an id said to be 2^62 bytes long.
        let forged = [1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40];
        assert!(matches!(decode(&forged), Err(RecordError::Malformed(_))));
    }

    #[test]
    fn unit_names_round_trip() {
        let units = [Unit::Chips, Unit::Gpus, Unit::Percent, Unit::Megawatts, Unit::Other];
        for unit in units.into_iter().chain(["USD", "EUR", "JPY"].map(|c| Unit::Currency(c.into()))) {
            assert_eq!(Unit::from_name(unit.as_str()), unit);
            let json = serde_json::to_string(&unit).unwrap();
            assert_eq!(serde_json::from_str::<Unit>(&json).unwrap(), unit);
        }
    }

    #[test]
    fn paragraphs_deserialise_from_their_json() {
        let original = sample_outcome().article.unwrap().paragraphs;
        let json = serde_json::to_string(&original).unwrap();
        assert_eq!(serde_json::from_str::<Paragraphs>(&json).unwrap(), original);
        let escaped = r#"[{"kind":"text","text":"a\"b\n"}]"#;
        assert_eq!(serde_json::from_str::<Paragraphs>(escaped).unwrap().first().unwrap().text, "a\"b\n");
    }
}
