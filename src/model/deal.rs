//! The deal: one real-world agreement or decision (a chip sale, a data
//! centre, an export licence...), with the evidence that supports each of
//! its fields. Extracted per article, then merged across articles.

use super::article::{CountryRef, Topic};
use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// What kind of agreement a deal is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DealKind {
    ChipSupply,
    DataCentre,
    Supercomputer,
    RAndD,
    Investment,
    Partnership,
    Acquisition,
    ExportControl,
}

impl DealKind {
    pub const ALL: [DealKind; 8] = [
        DealKind::ChipSupply,
        DealKind::DataCentre,
        DealKind::Supercomputer,
        DealKind::RAndD,
        DealKind::Investment,
        DealKind::Partnership,
        DealKind::Acquisition,
        DealKind::ExportControl,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            DealKind::ChipSupply => "chip-supply",
            DealKind::DataCentre => "data-centre",
            DealKind::Supercomputer => "supercomputer",
            DealKind::RAndD => "r-and-d",
            DealKind::Investment => "investment",
            DealKind::Partnership => "partnership",
            DealKind::Acquisition => "acquisition",
            DealKind::ExportControl => "export-control",
        }
    }

    pub fn from_slug(slug: &str) -> Option<DealKind> {
        DealKind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    /// The article topic that says the same thing, where there is one.
    pub fn topic(self) -> Option<Topic> {
        match self {
            DealKind::ChipSupply => Some(Topic::ChipSupply),
            DealKind::DataCentre => Some(Topic::DataCentre),
            DealKind::Supercomputer => Some(Topic::Supercomputer),
            DealKind::RAndD => Some(Topic::RAndD),
            DealKind::Investment => Some(Topic::Investment),
            DealKind::Acquisition => Some(Topic::Acquisition),
            DealKind::ExportControl => Some(Topic::ExportControls),
            DealKind::Partnership => None,
        }
    }
}

impl fmt::Display for DealKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// Where a deal stands. Declared in lifecycle order; see [`DealStatus::rank`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DealStatus {
    Rumoured,
    InTalks,
    Announced,
    Mou,
    Signed,
    Approved,
    UnderConstruction,
    Operational,
    Delayed,
    Cancelled,
    Blocked,
}

impl DealStatus {
    pub const ALL: [DealStatus; 11] = [
        DealStatus::Rumoured,
        DealStatus::InTalks,
        DealStatus::Announced,
        DealStatus::Mou,
        DealStatus::Signed,
        DealStatus::Approved,
        DealStatus::UnderConstruction,
        DealStatus::Operational,
        DealStatus::Delayed,
        DealStatus::Cancelled,
        DealStatus::Blocked,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            DealStatus::Rumoured => "rumoured",
            DealStatus::InTalks => "in-talks",
            DealStatus::Announced => "announced",
            DealStatus::Mou => "mou",
            DealStatus::Signed => "signed",
            DealStatus::Approved => "approved",
            DealStatus::UnderConstruction => "under-construction",
            DealStatus::Operational => "operational",
            DealStatus::Delayed => "delayed",
            DealStatus::Cancelled => "cancelled",
            DealStatus::Blocked => "blocked",
        }
    }

    pub fn from_slug(slug: &str) -> Option<DealStatus> {
        DealStatus::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// Position in the lifecycle: rumoured < in-talks < announced < mou <
    /// signed = approved < under-construction < operational; the exits
    /// (delayed, cancelled, blocked) end the line, after everything else.
    pub fn rank(self) -> u8 {
        match self {
            DealStatus::Rumoured => 0,
            DealStatus::InTalks => 1,
            DealStatus::Announced => 2,
            DealStatus::Mou => 3,
            DealStatus::Signed | DealStatus::Approved => 4,
            DealStatus::UnderConstruction => 5,
            DealStatus::Operational => 6,
            DealStatus::Delayed | DealStatus::Cancelled | DealStatus::Blocked => 7,
        }
    }

    pub fn is_exit(self) -> bool {
        self.rank() == 7
    }
}

impl fmt::Display for DealStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// What an organisation does in a deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrgRole {
    Host,
    Supplier,
    Partner,
    Investor,
    Regulator,
}

impl OrgRole {
    pub const ALL: [OrgRole; 5] =
        [OrgRole::Host, OrgRole::Supplier, OrgRole::Partner, OrgRole::Investor, OrgRole::Regulator];

    pub fn slug(self) -> &'static str {
        match self {
            OrgRole::Host => "host",
            OrgRole::Supplier => "supplier",
            OrgRole::Partner => "partner",
            OrgRole::Investor => "investor",
            OrgRole::Regulator => "regulator",
        }
    }

    pub fn from_slug(slug: &str) -> Option<OrgRole> {
        OrgRole::ALL.into_iter().find(|r| r.slug() == slug)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealOrg {
    pub name: CompactString,
    pub role: OrgRole,
}

/// The deal's value, in its currency and in US dollars.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    pub value: f64,
    /// ISO 4217 code.
    pub currency: CompactString,
    /// Converted with the annual average rate of the deal's year; null when
    /// the rate table has no row for the currency.
    pub usd: Option<f64>,
    /// As written in the text.
    pub text: CompactString,
    /// Index into [`Deal::mentions`] of the sentence it came from.
    pub mention: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chips {
    pub count: Option<u64>,
    /// H100, GB200, Blackwell...
    pub model: Option<CompactString>,
    pub text: CompactString,
    pub mention: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Power {
    /// Megawatts.
    pub value: f64,
    pub text: CompactString,
    pub mention: usize,
}

/// One step of a deal's life, as one article reported it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    pub status: DealStatus,
    pub date: Option<CompactString>,
    /// Id of the article that reported it.
    pub article: CompactString,
}

/// A sentence that carries evidence for the deal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub article: CompactString,
    pub text: Arc<str>,
}

/// One real-world deal, with every field traceable to a mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deal {
    /// Stable across runs: the reporting article's key and the deal's
    /// position in it (the earliest article's, once merged).
    pub id: CompactString,
    /// The host: where the facility is, the buyer or beneficiary, or the
    /// destination of an export decision.
    pub country: Option<CountryRef>,
    /// ISO codes of every party country, the host first.
    pub countries: Vec<CompactString>,
    pub kind: DealKind,
    pub status: DealStatus,
    pub stages: Vec<Stage>,
    pub organisations: Vec<DealOrg>,
    pub amount: Option<Amount>,
    pub chips: Option<Chips>,
    pub power_mw: Option<Power>,
    /// `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<CompactString>,
    pub topics: Vec<Topic>,
    /// Ids of the articles that report it.
    pub articles: Vec<CompactString>,
    pub mentions: Vec<Mention>,
    /// What merging compares beyond the public fields.
    #[serde(skip)]
    pub evidence: DealEvidence,
}

/// Facts kept for merging deals across articles; not part of the JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealEvidence {
    /// Folded names of facilities, projects and places ("stargate", "johor").
    pub names: Vec<CompactString>,
    /// Stable keys of the reporting articles, parallel to `Deal::articles`.
    pub article_keys: Vec<CompactString>,
}

impl Deal {
    /// A deal with no facts yet but its kind and status, reported by one article.
    pub fn new(id: &str, article: &str, kind: DealKind, status: DealStatus) -> Deal {
        Deal {
            id: id.into(),
            country: None,
            countries: Vec::new(),
            kind,
            status,
            stages: vec![Stage { status, date: None, article: article.into() }],
            organisations: Vec::new(),
            amount: None,
            chips: None,
            power_mw: None,
            date: None,
            topics: Vec::new(),
            articles: vec![article.into()],
            mentions: Vec::new(),
            evidence: DealEvidence::default(),
        }
    }

    /// The organisations of one role, in order.
    pub fn with_role(&self, role: OrgRole) -> impl Iterator<Item = &str> {
        self.organisations.iter().filter(move |o| o.role == role).map(|o| o.name.as_str())
    }

    /// The value in US dollars, when known.
    pub fn usd(&self) -> Option<f64> {
        self.amount.as_ref().and_then(|a| a.usd)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_serialise() {
        for kind in DealKind::ALL {
            assert_eq!(DealKind::from_slug(kind.slug()), Some(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.slug());
        }
        for status in DealStatus::ALL {
            assert_eq!(DealStatus::from_slug(status.slug()), Some(status));
            assert_eq!(serde_json::to_value(status).unwrap(), status.slug());
        }
        for role in OrgRole::ALL {
            assert_eq!(OrgRole::from_slug(role.slug()), Some(role));
            assert_eq!(serde_json::to_value(role).unwrap(), role.slug());
        }
    }

    #[test]
    fn lifecycle_ranks() {
        use DealStatus::*;
        let order = [Rumoured, InTalks, Announced, Mou, Signed, UnderConstruction, Operational, Blocked];
        assert!(order.windows(2).all(|w| w[0].rank() < w[1].rank()));
        assert_eq!(Signed.rank(), Approved.rank());
        assert!(Delayed.is_exit() && Cancelled.is_exit() && !Operational.is_exit());
    }
}
