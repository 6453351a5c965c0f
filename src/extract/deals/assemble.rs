//! From sentence frames to deals: which sentences report the same deal,
//! and each field of the deal read from its sentences.
//!
//! The title and lead report the article's main deal. A later sentence joins
//! a deal when it points back to one ("l'accord", "the project"), or names
//! the same host and a compatible kind; it starts a deal of its own when it
//! reports a specific deal (a kind's strong noun or own verb, with an event,
//! agreement, status or amount) in another country, of another kind, or
//! says it is another one ("également", "separately"). Vague sentences join
//! only a deal they share an organisation with, or nothing.

use super::frame::{Frame, best_kind};
use crate::extract::SegmentRole;
use crate::model::{DealKind, DealStatus, OrgRole};

/// Sentences grouped as one deal, before its fields are read.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Frame indexes, in reading order.
    pub frames: Vec<usize>,
    pub host: Option<String>,
    /// How surely the host is known (see `Frame::host_strength`).
    pub host_strength: u8,
    /// Kind points weighted by where each sentence sits.
    pub points: [u32; 8],
    /// Kinds some sentence names specifically.
    pub grounded: [bool; 8],
    /// Some sentence names an agreement.
    pub agreement: bool,
    /// The kind of the most prominent sentence that grounds one, and that
    /// sentence's prominence and position.
    headline_kind: Option<DealKind>,
    headline_rank: Option<(std::cmp::Reverse<u32>, usize)>,
}

impl Draft {
    fn new(frame: usize, host: Option<String>) -> Draft {
        Draft {
            frames: vec![frame],
            host,
            host_strength: 0,
            points: [0; 8],
            grounded: [false; 8],
            agreement: false,
            headline_kind: None,
            headline_rank: None,
        }
    }

    fn add(&mut self, index: usize, frame: &Frame) {
        if !self.frames.contains(&index) {
            self.frames.push(index);
        }
        let weight = role_weight(frame.role);
        for (total, points) in self.points.iter_mut().zip(frame.kind_points) {
            *total += points * weight;
        }
        for (all, one) in self.grounded.iter_mut().zip(frame.grounded) {
            *all |= one;
        }
        self.agreement |= frame.agreement;
        let mut own = frame.kind_points;
        for (i, points) in own.iter_mut().enumerate() {
            if DealKind::ALL[i] == DealKind::Partnership || !frame.grounded[i] {
                *points = 0;
            }
        }
        let rank = (std::cmp::Reverse(role_weight(frame.role)), index);
        if let Some(kind) = best_kind(&own)
            && self.headline_rank.is_none_or(|r| rank < r)
        {
            self.headline_kind = Some(kind);
            self.headline_rank = Some(rank);
        }
    }

    /// The kind so far: what the most prominent sentence that names a kind
    /// specifically says (the title's "supercomputer" over the body's chip
    /// counts); else a partnership, when the sentences speak of one or of
    /// an agreement.
    pub fn kind(&self) -> Option<DealKind> {
        self.headline_kind.or_else(|| {
            let partnership = self.points[super::frame::kind_index(DealKind::Partnership)] > 0;
            (partnership || self.agreement).then_some(DealKind::Partnership)
        })
    }
}

/// Title and lead name the deal; summaries and headings restate it.
pub fn role_weight(role: SegmentRole) -> u32 {
    match role {
        SegmentRole::Title => 4,
        SegmentRole::Lead => 3,
        SegmentRole::Summary | SegmentRole::Heading => 2,
        SegmentRole::Body => 1,
    }
}

/// Kinds that one deal's sentences may show: the same, a partnership or an
/// investment around anything, chips for a facility.
fn compatible(a: Option<DealKind>, b: Option<DealKind>) -> bool {
    use DealKind::*;
    let loose = |k: Option<DealKind>| matches!(k, None | Some(Partnership) | Some(Investment));
    let chips_for_facility = |x: Option<DealKind>, y: Option<DealKind>| {
        x == Some(ChipSupply) && matches!(y, Some(DataCentre | Supercomputer))
    };
    a == b || loose(a) || loose(b) || chips_for_facility(a, b) || chips_for_facility(b, a)
}

/// Organisations a sentence names that make it about a particular deal:
/// not the supplier everybody names, not the news source.
fn anchors(frame: &Frame) -> impl Iterator<Item = &str> {
    frame.orgs.iter().filter(|o| !o.source && o.data_role != Some(OrgRole::Supplier)).map(|o| o.name.as_str())
}

fn shares_org(draft: &Draft, frames: &[Frame], frame: &Frame) -> bool {
    anchors(frame).any(|name| draft.frames.iter().any(|&i| anchors(&frames[i]).any(|n| n == name)))
}

/// Whether a sentence can start a deal: it reports one specifically.
fn starts_deal(frame: &Frame) -> bool {
    frame.specific
        && (frame.event
            || frame.agreement
            || !frame.statuses.is_empty()
            || frame.money.iter().any(|m| m.deal_value))
}

/// Groups the frames into drafts, main deal first.
pub fn group(frames: &[Frame], primary: Option<&str>) -> Vec<Draft> {
    // Each sentence's host: its own, else the previous sentence's in the
    // same paragraph ("Gefion comprend 1528 GPU" stays in Denmark).
    // A digest's heading that names a country ("Norvège") places the
    // paragraphs under it, until the next heading.
    let mut context: Vec<Option<(String, u8)>> = Vec::with_capacity(frames.len());
    let mut heading: Option<(String, u8)> = None;
    for (i, frame) in frames.iter().enumerate() {
        let own = frame.host.clone().map(|h| (h, frame.host_strength));
        if frame.role == SegmentRole::Heading {
            heading = own.clone().map(|(h, _)| (h, 2));
        }
        let inherited =
            (i > 0 && frames[i - 1].segment == frame.segment).then(|| context[i - 1].clone()).flatten();
        context.push(own.or(inherited).or_else(|| heading.clone()));
    }

    let mut drafts: Vec<Draft> = Vec::new();
    let mut last_touched: Option<usize> = None;
    for (i, frame) in frames.iter().enumerate() {
        if !frame.is_dealish() || frame.enumeration {
            continue;
        }
        let (host, strength) = match context[i].clone() {
            Some((h, s)) => (Some(h), s),
            None => (None, 0),
        };
        let headline = matches!(frame.role, SegmentRole::Title | SegmentRole::Lead);
        // A host known only through an adjective gives way to a surer one.
        let same_host =
            |d: &Draft| host.is_none() || d.host.is_none() || d.host == host || d.host_strength < 2;
        // The title and lead report the main deal, unless a sentence there
        // says it reports another, in another country.
        let other_country = frame.host_strength >= 2
            && drafts
                .first()
                .is_some_and(|d| d.host_strength >= 2 && d.host.is_some() && d.host != frame.host);
        let target = if headline && !(frame.also && starts_deal(frame) && other_country) {
            // The main deal: the first draft, created by the first sentence.
            Some(drafts.first().map_or(Target::New, |_| Target::Join(0)))
        } else if frame.anaphora && !frame.also {
            // "cette acquisition" points to the latest acquisition; "l'accord",
            // "the project" to the article's main deal.
            let typed = frame.anaphora_kind.and_then(|k| {
                (0..drafts.len()).rev().find(|&d| same_host(&drafts[d]) && drafts[d].kind() == Some(k))
            });
            let main = (!drafts.is_empty() && same_host(&drafts[0])).then_some(0);
            let recent = last_touched.filter(|&d| same_host(&drafts[d]));
            match typed.or(main).or(recent) {
                Some(d) => Some(Target::Join(d)),
                None if starts_deal(frame) => Some(Target::New),
                None => None,
            }
        } else if starts_deal(frame) {
            let kind = frame.top_kind();
            let matching = drafts.iter().position(|d| {
                same_host(d) && compatible(d.kind(), kind) && !(frame.also && d.kind() != kind)
            });
            let own_anchor = frame.money.iter().any(|m| m.deal_value)
                || !frame.chips.is_empty()
                || !frame.power.is_empty()
                || anchors(frame).next().is_some();
            match matching {
                Some(d) if !frame.also || !own_anchor => Some(Target::Join(d)),
                // Without a country of its own, a sentence goes on about the
                // deal before it unless it says it is another.
                None if host.is_none() && !frame.also && !drafts.is_empty() => {
                    let d = last_touched.unwrap_or(0);
                    Some(if compatible(drafts[d].kind(), kind) { Target::Join(d) } else { Target::New })
                }
                _ if drafts.is_empty() || own_anchor || frame.also || host.is_some() => Some(Target::New),
                _ => drafts.iter().position(same_host).map(Target::Join),
            }
        } else {
            // A vague sentence joins a deal it shares an organisation with;
            // it reports one of its own only when it names an agreement,
            // where it stands, and a country no deal has yet (a digest's
            // "Zain is in talks with Microsoft").
            let own_country = frame.host.is_some() && !drafts.iter().any(|d| d.host == frame.host);
            let own_partnership = frame.agreement && !frame.statuses.is_empty() && own_country;
            drafts
                .iter()
                .position(|d| same_host(d) && shares_org(d, frames, frame))
                .map(Target::Join)
                .or_else(|| {
                    ((drafts.is_empty() && frame.has_evidence()) || own_partnership).then_some(Target::New)
                })
        };
        match target {
            Some(Target::Join(d)) => {
                if host.is_some() && strength > drafts[d].host_strength {
                    drafts[d].host = host.clone();
                    drafts[d].host_strength = strength;
                }
                drafts[d].add(i, frame);
                last_touched = Some(d);
            }
            Some(Target::New) => {
                let mut draft = Draft::new(i, host.clone());
                draft.host_strength = strength;
                draft.points = [0; 8];
                draft.frames.clear();
                draft.add(i, frame);
                drafts.push(draft);
                last_touched = Some(drafts.len() - 1);
            }
            None => {}
        }
    }
    if let Some(main) = drafts.first_mut()
        && main.host.is_none()
    {
        main.host = primary.map(str::to_string);
    }
    drafts.retain(|d| is_deal(d, frames));
    merge_twins(&mut drafts, frames);
    drafts
}

enum Target {
    Join(usize),
    New,
}

/// A draft is a deal when it has a kind and some sentence says it happens:
/// a specific report, or a partnership with an agreement and a status.
fn is_deal(draft: &Draft, frames: &[Frame]) -> bool {
    let Some(kind) = draft.kind() else { return false };
    // An export control is a decision: something must say where it stands.
    if kind == DealKind::ExportControl && draft.frames.iter().all(|&i| frames[i].statuses.is_empty()) {
        return false;
    }
    // Someone is a party: a host country, or an organisation other than
    // the supplier everyone names. A deal the title and lead do not report
    // must name its party outright: opinion pieces and analyses speak of
    // deals in general ("governments have pledged $100 billion").
    let named = draft.frames.iter().any(|&i| anchors(&frames[i]).next().is_some());
    let in_headline =
        draft.frames.iter().any(|&i| matches!(frames[i].role, SegmentRole::Title | SegmentRole::Lead));
    let located = draft.host_strength >= 3 && draft.frames.iter().any(|&i| !frames[i].statuses.is_empty());
    let party = if in_headline { draft.host.is_some() || named } else { named || located };
    if kind != DealKind::Partnership {
        let specific = draft.frames.iter().any(|&i| starts_deal(&frames[i]));
        // Something says it happened: an agreement, a stage, an amount, or
        // a company changing hands. Buying chips in general is no deal.
        let happened = draft.frames.iter().any(|&i| {
            let f = &frames[i];
            f.agreement
                || !f.statuses.is_empty()
                || f.money.iter().any(|m| m.deal_value)
                || f.grounded[super::frame::kind_index(DealKind::Acquisition)] && f.event
        });
        return specific && happened && party;
    }
    let agreement = draft.frames.iter().any(|&i| frames[i].agreement);
    let happens = draft.frames.iter().any(|&i| !frames[i].statuses.is_empty() || frames[i].event);
    agreement && happens
}

/// Two drafts of one article with the same host and kind and no
/// organisation or amount that sets them apart are one deal told twice.
fn merge_twins(drafts: &mut Vec<Draft>, frames: &[Frame]) {
    let names = |d: &Draft| -> Vec<String> {
        let mut v: Vec<String> =
            d.frames.iter().flat_map(|&i| anchors(&frames[i]).map(str::to_string)).collect();
        v.sort();
        v.dedup();
        v
    };
    let amounts = |d: &Draft| d.frames.iter().any(|&i| frames[i].money.iter().any(|m| m.deal_value));
    let mut i = 0;
    while i < drafts.len() {
        let mut j = i + 1;
        while j < drafts.len() {
            let (a, b) = (&drafts[i], &drafts[j]);
            let (na, nb) = (names(a), names(b));
            let apart = (!na.is_empty() && !nb.is_empty() && na.iter().all(|n| !nb.contains(n)))
                || (amounts(a) && amounts(b))
                || drafts[j].frames.first().is_some_and(|&f| frames[f].also);
            if a.host == b.host && a.kind() == b.kind() && !apart {
                let taken = drafts.remove(j);
                for f in taken.frames {
                    drafts[i].add(f, &frames[f]);
                }
                drafts[i].frames.sort_unstable();
            } else {
                j += 1;
            }
        }
        i += 1;
    }
}

/// Where the deal stands: the strongest cue of the title and lead (a
/// memorandum beats the "signed" that comes with it), else of the body (an
/// exit beats everything), else "announced".
pub fn status(draft: &Draft, frames: &[Frame]) -> (DealStatus, Option<usize>) {
    let best = |headline: bool| -> Option<(DealStatus, usize)> {
        let chosen: Vec<usize> = draft
            .frames
            .iter()
            .copied()
            .filter(|&i| matches!(frames[i].role, SegmentRole::Title | SegmentRole::Lead) == headline)
            .collect();
        let all: Vec<DealStatus> = chosen.iter().flat_map(|&i| frames[i].statuses.iter().copied()).collect();
        let status = sentence_status(&all)?;
        let frame = chosen.iter().copied().find(|&i| frames[i].statuses.contains(&status))?;
        Some((status, frame))
    };
    match best(true).or_else(|| best(false)) {
        Some((status, frame)) => (status, Some(frame)),
        None => (DealStatus::Announced, None),
    }
}

/// One sentence's status: its highest-ranked cue, except that a memorandum
/// or letter of intent is what was signed.
fn sentence_status(statuses: &[DealStatus]) -> Option<DealStatus> {
    if statuses.contains(&DealStatus::Mou) && !statuses.iter().any(|s| s.rank() > DealStatus::Signed.rank()) {
        return Some(DealStatus::Mou);
    }
    statuses.iter().copied().max_by_key(|s| s.rank())
}

/// Frame indexes of a draft, most prominent first (title, lead, summary,
/// headings, body), reading order within each.
pub fn by_prominence(draft: &Draft, frames: &[Frame]) -> Vec<usize> {
    let mut order = draft.frames.clone();
    order.sort_by_key(|&i| (std::cmp::Reverse(role_weight(frames[i].role)), i));
    order
}
