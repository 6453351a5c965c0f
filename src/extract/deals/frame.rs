//! One frame per sentence: what the sentence says about a deal, before
//! sentences are grouped into deals. The data; `frames` reads it from text.

use super::input::DealInput;
use crate::extract::SegmentRole;
use crate::model::{DealKind, DealStatus, Figure, OrgRole};
use std::ops::Range;

/// A country named in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameCountry {
    pub code: String,
    pub adjective: bool,
    /// After a location preposition ("en Corée", "in the UAE").
    pub located: bool,
    /// After a destination preposition ("vers la Chine", "to China").
    pub destination: bool,
    /// Named through a city or region ("in Tema"), not the country itself.
    pub place: bool,
    /// Index of its first token in the sentence.
    pub token: usize,
}

/// An organisation named in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameOrg {
    pub name: String,
    /// The role its context gives it ("financé par X": investor).
    pub cue_role: Option<OrgRole>,
    /// Its usual role and home country, for known organisations.
    pub data_role: Option<OrgRole>,
    pub country: Option<String>,
    /// Named as the one reporting the news ("selon l'AFP").
    pub source: bool,
    /// Named right after an acquisition verb or noun: the target.
    pub acquired: bool,
    /// Named right before an acquisition verb: the buyer.
    pub acquirer: bool,
}

/// A money, chip or power figure of the sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameFigure {
    pub figure: Figure,
    /// For money: tied to a deal by its context.
    pub deal_value: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub segment: usize,
    pub role: SegmentRole,
    /// Byte range of the sentence in its segment's text (see [`Frame::text`]).
    pub range: Range<usize>,
    /// Points per kind, in [`DealKind::ALL`] order.
    pub kind_points: [u32; 8],
    /// A specific kind's strong noun or own event.
    pub specific: bool,
    /// Per kind: named specifically here (a strong noun, a chip count, or
    /// an event next to what it is about), not just in passing.
    pub grounded: [bool; 8],
    /// A verb or noun of a deal happening.
    pub event: bool,
    pub agreement: bool,
    pub anaphora: bool,
    /// The kind the pointing-back phrase names ("cette acquisition").
    pub anaphora_kind: Option<DealKind>,
    pub also: bool,
    /// Status cues that hold (not negated, not a plan), in order.
    pub statuses: Vec<DealStatus>,
    /// Status cues about an earlier stage ("avait interrompu").
    pub earlier_statuses: Vec<DealStatus>,
    pub money: Vec<FrameFigure>,
    pub chips: Vec<Figure>,
    pub power: Vec<Figure>,
    pub models: Vec<String>,
    pub countries: Vec<FrameCountry>,
    /// The country this sentence itself names as a host, if any, and how
    /// surely: 3 located there ("en Inde", "in Tema"), 2 named, 1 through an
    /// adjective or a city describing a company.
    pub host: Option<String>,
    pub host_strength: u8,
    /// Names three or more countries: a list ("plus Chile, Japan and
    /// Czechia"), not one deal.
    pub enumeration: bool,
    /// Ends with a question mark.
    pub question: bool,
    pub orgs: Vec<FrameOrg>,
    /// A date the sentence gives for what it reports.
    pub date: Option<String>,
    /// Capitalised names next to a facility noun ("Gefion", "Stargate").
    pub names: Vec<String>,
}

/// The country hosting what a sentence reports, with how strongly it says so.
pub(super) type Host = Option<(String, u8)>;

impl Frame {
    /// The sentence, from the article it was read from.
    pub fn text<'a>(&self, input: &DealInput<'a>) -> &'a str {
        &input.segments[self.segment].text[self.range.clone()]
    }

    /// A sentence with no deal cue: its countries only.
    pub(super) fn quiet(
        segment: usize,
        role: SegmentRole,
        range: Range<usize>,
        countries: Vec<FrameCountry>,
        host: Host,
        enumeration: bool,
    ) -> Frame {
        Frame {
            segment,
            role,
            range,
            kind_points: [0; 8],
            specific: false,
            grounded: [false; 8],
            event: false,
            agreement: false,
            anaphora: false,
            anaphora_kind: None,
            also: false,
            statuses: Vec::new(),
            earlier_statuses: Vec::new(),
            money: Vec::new(),
            chips: Vec::new(),
            power: Vec::new(),
            models: Vec::new(),
            countries,
            host_strength: host.as_ref().map_or(0, |h| h.1),
            host: host.map(|h| h.0),
            enumeration,
            question: false,
            orgs: Vec::new(),
            date: None,
            names: Vec::new(),
        }
    }

    /// Says something about a deal at all. A question asserts nothing.
    pub fn is_dealish(&self) -> bool {
        !self.question
            && (self.kind_points.iter().any(|&p| p > 0)
                || self.agreement
                || self.anaphora
                || !self.statuses.is_empty()
                || self.money.iter().any(|m| m.deal_value))
    }

    /// Says that a deal happens: an agreement, an event, a status or a
    /// figure tied to it.
    pub fn has_evidence(&self) -> bool {
        self.event
            || self.agreement
            || !self.statuses.is_empty()
            || self.money.iter().any(|m| m.deal_value)
            || !self.chips.is_empty()
    }

    /// The best-scoring kind of this sentence alone.
    pub fn top_kind(&self) -> Option<DealKind> {
        best_kind(&self.kind_points)
    }
}

/// The kind with the most points, ties broken by specificity; partnership
/// only when nothing more specific scored.
pub fn best_kind(points: &[u32; 8]) -> Option<DealKind> {
    const PRIORITY: [DealKind; 8] = [
        DealKind::ExportControl,
        DealKind::Acquisition,
        DealKind::Supercomputer,
        DealKind::DataCentre,
        DealKind::ChipSupply,
        DealKind::RAndD,
        DealKind::Investment,
        DealKind::Partnership,
    ];
    let score = |k: DealKind| points[kind_index(k)];
    PRIORITY
        .iter()
        .copied()
        .filter(|&k| k != DealKind::Partnership && score(k) > 0)
        .max_by(|&a, &b| {
            score(a).cmp(&score(b)).then_with(|| {
                let rank = |k| PRIORITY.iter().position(|&p| p == k).unwrap_or(0);
                rank(b).cmp(&rank(a))
            })
        })
        .or_else(|| (score(DealKind::Partnership) > 0).then_some(DealKind::Partnership))
}

pub fn kind_index(kind: DealKind) -> usize {
    DealKind::ALL.iter().position(|&k| k == kind).unwrap_or(0)
}
