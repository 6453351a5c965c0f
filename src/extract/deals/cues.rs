//! The cue lists of `assets/deal_cues.tsv`: which words say what kind of
//! deal a sentence reports, where it stands, whether a money figure is its
//! value, and what role an organisation plays. Parsed once; matched on the
//! folded tokens of one sentence.

pub use super::cue_index::{CueIndex, Hit};
use crate::extract::lexicon::{alternatives, data_rows};
use crate::extract::text::{Token, normalize_phrase};
use crate::model::{DealKind, DealStatus, OrgRole};
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

const CUES_TSV: &str = include_str!("../../../assets/deal_cues.tsv");

/// How much a kind noun says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    Strong,
    Weak,
    /// Specific after a number, vague otherwise.
    Plural,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindCue {
    Noun(DealKind, Strength),
    /// A verb or noun of the deal happening; `None`: any kind.
    Event(Option<DealKind>),
    Ignore,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Agreement,
    Anaphora,
    Also,
    Negation,
    Earlier,
    Future,
    Modal,
    Generic,
    Source,
    Location,
    Destination,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueCue {
    Deal,
    Not,
    /// "pour", "for": a price only in a sentence about a deal.
    Price,
    Ignore,
}

/// Which side of the cue the organisation stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Before,
    After,
}

/// Every cue list, by category.
#[derive(Debug, Default)]
pub struct Cues {
    /// Every cue, all categories in one index.
    pub index: CueIndex<Cue>,
    /// Display spelling of each model, by its normalised form.
    pub model_names: HashMap<String, String>,
}

/// One cue of any category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    Kind(KindCue),
    Event(KindCue),
    Status(Option<DealStatus>),
    Marker(Marker),
    Value(ValueCue),
    Role(OrgRole, Side),
    Model,
}

impl Cue {
    const CATEGORIES: usize = 7;

    fn category(&self) -> usize {
        match self {
            Cue::Kind(_) => 0,
            Cue::Event(_) => 1,
            Cue::Status(_) => 2,
            Cue::Marker(_) => 3,
            Cue::Value(_) => 4,
            Cue::Role(..) => 5,
            Cue::Model => 6,
        }
    }
}

/// The cues of one sentence, by category.
#[derive(Debug, Default)]
pub struct SentenceCues {
    pub kinds: Vec<Hit<KindCue>>,
    pub events: Vec<Hit<KindCue>>,
    pub statuses: Vec<Hit<Option<DealStatus>>>,
    pub markers: Vec<Hit<Marker>>,
    pub values: Vec<Hit<ValueCue>>,
    pub roles: Vec<Hit<(OrgRole, Side)>>,
    pub models: Vec<Hit<()>>,
    /// Buffer for the word ids of the sentence's tokens.
    word_ids: Vec<u32>,
}

fn kind_value(value: &str) -> Result<KindCue, String> {
    if value == "ignore" {
        return Ok(KindCue::Ignore);
    }
    let (slug, strength) = value.split_once(':').ok_or_else(|| format!("kind {value:?} needs :strength"))?;
    let kind = DealKind::from_slug(slug).ok_or_else(|| format!("unknown kind {slug:?}"))?;
    let strength = match strength {
        "strong" => Strength::Strong,
        "weak" => Strength::Weak,
        "plural" => Strength::Plural,
        other => return Err(format!("unknown strength {other:?}")),
    };
    Ok(KindCue::Noun(kind, strength))
}

fn marker_value(value: &str) -> Result<Marker, String> {
    Ok(match value {
        "agreement" => Marker::Agreement,
        "anaphora" => Marker::Anaphora,
        "also" => Marker::Also,
        "negation" => Marker::Negation,
        "earlier" => Marker::Earlier,
        "future" => Marker::Future,
        "modal" => Marker::Modal,
        "generic" => Marker::Generic,
        "source" => Marker::Source,
        "location" => Marker::Location,
        "destination" => Marker::Destination,
        other => return Err(format!("unknown marker {other:?}")),
    })
}

fn role_value(value: &str) -> Result<(OrgRole, Side), String> {
    let (role, side) =
        value.split_once(':').ok_or_else(|| format!("role {value:?} needs :before or :after"))?;
    let role = OrgRole::from_slug(role).ok_or_else(|| format!("unknown role {role:?}"))?;
    let side = match side {
        "before" => Side::Before,
        "after" => Side::After,
        other => return Err(format!("unknown side {other:?}")),
    };
    Ok((role, side))
}

impl Cues {
    /// Parses the cue file. Errors name the 1-based line and the problem.
    pub fn parse(text: &str) -> Result<Cues, String> {
        let mut cues = Cues::default();
        for (n, line) in text.lines().enumerate() {
            let line_no = n + 1;
            for row in data_rows(line) {
                let [category, value, phrases] = row.as_slice() else {
                    return Err(format!("deal cues line {line_no}: expected category<TAB>value<TAB>phrases"));
                };
                let at = |e: String| format!("deal cues line {line_no}: {e}");
                let mut any = false;
                for phrase in alternatives(phrases) {
                    any = true;
                    let index = &mut cues.index;
                    match *category {
                        "kind" => index.insert(phrase, Cue::Kind(kind_value(value).map_err(at)?)),
                        "event" => {
                            let kind = match *value {
                                "-" => None,
                                slug => Some(
                                    DealKind::from_slug(slug)
                                        .ok_or_else(|| at(format!("unknown kind {slug:?}")))?,
                                ),
                            };
                            index.insert(phrase, Cue::Event(KindCue::Event(kind)))
                        }
                        "status" => {
                            let status = match *value {
                                "ignore" => None,
                                slug => Some(
                                    DealStatus::from_slug(slug)
                                        .ok_or_else(|| at(format!("unknown status {slug:?}")))?,
                                ),
                            };
                            index.insert(phrase, Cue::Status(status))
                        }
                        "marker" => index.insert(phrase, Cue::Marker(marker_value(value).map_err(at)?)),
                        "value" => {
                            let cue = match *value {
                                "deal" => ValueCue::Deal,
                                "not" => ValueCue::Not,
                                "price" => ValueCue::Price,
                                "ignore" => ValueCue::Ignore,
                                other => return Err(at(format!("unknown value cue {other:?}"))),
                            };
                            index.insert(phrase, Cue::Value(cue))
                        }
                        "role" => {
                            let (role, side) = role_value(value).map_err(at)?;
                            index.insert(phrase, Cue::Role(role, side))
                        }
                        "model" => {
                            cues.model_names.insert(normalize_phrase(phrase), phrase.to_string());
                            index.insert(phrase, Cue::Model)
                        }
                        other => return Err(at(format!("unknown category {other:?}"))),
                    }
                    .map_err(at)?;
                }
                if !any {
                    return Err(format!("deal cues line {line_no}: no phrases"));
                }
            }
        }
        Ok(cues)
    }

    /// Every cue of a sentence's tokens, by category.
    pub fn find(&self, toks: &[Token<'_>]) -> SentenceCues {
        let mut found = SentenceCues::default();
        self.find_into(toks, &mut found);
        found
    }

    /// [`Cues::find`] into `found`'s buffers, so that the sentences of an
    /// article share them.
    pub fn find_into(&self, toks: &[Token<'_>], found: &mut SentenceCues) {
        found.kinds.clear();
        found.events.clear();
        found.statuses.clear();
        found.markers.clear();
        found.values.clear();
        found.roles.clear();
        found.models.clear();
        self.index.find_each::<{ Cue::CATEGORIES }>(toks, &mut found.word_ids, Cue::category, |hit| {
            let (first, end) = (hit.first, hit.end);
            match hit.value {
                Cue::Kind(v) => found.kinds.push(Hit { value: v, first, end }),
                Cue::Event(v) => found.events.push(Hit { value: v, first, end }),
                Cue::Status(v) => found.statuses.push(Hit { value: v, first, end }),
                Cue::Marker(v) => found.markers.push(Hit { value: v, first, end }),
                Cue::Value(v) => found.values.push(Hit { value: v, first, end }),
                Cue::Role(role, side) => found.roles.push(Hit { value: (role, side), first, end }),
                Cue::Model => found.models.push(Hit { value: (), first, end }),
            }
        });
    }

    pub fn embedded() -> &'static Cues {
        static CUES: OnceLock<Cues> = OnceLock::new();
        // Embedded and covered by a unit test: a parse error is a build defect.
        CUES.get_or_init(|| Cues::parse(CUES_TSV).expect("assets/deal_cues.tsv is valid"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::{fold, tokens};

    fn find<V: Copy>(index: &CueIndex<V>, text: &str) -> Vec<(V, usize, usize)> {
        let folded = fold(text);
        index.find(&tokens(&folded)).into_iter().map(|h| (h.value, h.first, h.end)).collect()
    }

    #[test]
    fn prefixes_and_longest_match() {
        let mut index = CueIndex::default();
        index.insert("livr*", 1).unwrap();
        index.insert("centre de données", 2).unwrap();
        index.insert("centre", 3).unwrap();
        index.insert("usine d'IA", 4).unwrap();
        assert_eq!(find(&index, "Nvidia livrera un centre de données"), [(1, 1, 2), (2, 3, 6)]);
        assert_eq!(find(&index, "le centre, une \"usine\" d'IA"), [(3, 1, 2), (4, 3, 6)]);
        assert_eq!(find(&index, "Livraisons"), [(1, 0, 1)]);
        assert!(find(&index, "il livait").is_empty(), "a prefix needs its whole stem");
        assert!(index.insert("ab*", 5).is_err());
        assert!(index.insert("  ", 5).is_err());
    }

    #[test]
    fn embedded_cues_parse() {
        let cues = Cues::embedded();
        let cues_of = |text: &str| cues.find(&tokens(&fold(text)));
        let statuses = cues_of("a signé une lettre d'intention").statuses;
        assert_eq!(statuses.last().map(|s| s.value), Some(Some(DealStatus::Mou)));
        assert!(!cues_of("un supercalculateur").kinds.is_empty());
        // Categories do not hide each other: "l'accord" is an anaphora and
        // an agreement marker is not lost to it, the event "accord" stays.
        let accord = cues_of("l'accord a été signé");
        assert!(accord.markers.iter().any(|m| m.value == Marker::Anaphora));
        assert!(accord.events.iter().any(|e| e.value == KindCue::Event(None)));
        assert!(accord.statuses.iter().any(|s| s.value == Some(DealStatus::Signed)));
        assert_eq!(cues.model_names.get("gb200").map(String::as_str), Some("GB200"));
    }

    #[test]
    fn bad_rows_name_their_line() {
        for (text, wanted) in [
            ("kind\tnope:strong\tx", "line 1"),
            ("# c\nstatus\tsoon\tx", "line 2"),
            ("marker\tagreement", "line 1"),
            ("role\thost:inside\tx", "line 1"),
            ("weird\t-\tx", "line 1"),
        ] {
            let err = Cues::parse(text).unwrap_err();
            assert!(err.contains(wanted), "{text:?}: {err}");
        }
    }
}
