//! What merging compares of a deal or a merged record: its profile
//! (host, kinds, organisations, facility names, figures, months, reporting
//! articles), the strings in it numbered once per merge, and the blocking
//! keys a record is filed and found under.

use crate::extract::text::normalize_phrase;
use crate::model::{Deal, DealKind, OrgRole};
use rustc_hash::FxHashMap as HashMap;

/// Strings met while merging, each given a number once, so profiles and
/// blocking keys compare and hash integers.
#[derive(Default)]
pub(super) struct Interner {
    ids: HashMap<String, u32>,
    strings: Vec<String>,
}

impl Interner {
    pub(super) fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.strings.push(s.to_string());
        self.ids.insert(s.to_string(), id);
        id
    }

    pub(super) fn name(&self, id: u32) -> &str {
        &self.strings[id as usize]
    }
}

/// The numbers merging gives to what it compares: organisation keys (an
/// organisation's raw name is folded once however often it is reported),
/// facility names, article ids and host countries.
#[derive(Default)]
pub(super) struct Symbols {
    pub(super) orgs: Interner,
    pub(super) org_of_name: HashMap<String, u32>,
    pub(super) names: Interner,
    pub(super) articles: Interner,
    pub(super) hosts: Interner,
}

impl Symbols {
    pub(super) fn org(&mut self, raw: &str) -> u32 {
        if let Some(&id) = self.org_of_name.get(raw) {
            return id;
        }
        let id = self.orgs.id(&org_key(raw));
        self.org_of_name.insert(raw.to_string(), id);
        id
    }
}

/// Deals without a host country are blocked together.
pub(super) const NO_HOST: u32 = u32::MAX;

/// What blocking and scoring compare, precomputed per merged record.
#[derive(Debug, Clone, Default)]
pub(super) struct Profile {
    pub(super) host: u32,
    pub(super) kinds: Vec<DealKind>,
    /// Organisation keys (see [`org_key`]) other than suppliers'.
    pub(super) orgs: Vec<u32>,
    pub(super) names: Vec<u32>,
    pub(super) usd: Vec<f64>,
    pub(super) chips: Vec<f64>,
    pub(super) mw: Vec<f64>,
    /// Months since year 0 of the earliest and latest dated member.
    pub(super) months: Option<(i32, i32)>,
    /// Reporting articles, sorted.
    pub(super) articles: Vec<u32>,
}

impl Profile {
    pub(super) fn of(deal: &Deal, symbols: &mut Symbols) -> Profile {
        let host = deal.country.as_ref().map_or(NO_HOST, |c| symbols.hosts.id(&c.code));
        let mut p = Profile { host, ..Profile::default() };
        p.absorb(deal, symbols);
        p
    }

    /// Adds what one more report says. Each list keeps its latest
    /// [`PROFILE_CAP`] values, so comparing with a much-reported deal
    /// costs no more than with any other.
    pub(super) fn absorb(&mut self, deal: &Deal, symbols: &mut Symbols) {
        if !self.kinds.contains(&deal.kind) {
            self.kinds.push(deal.kind);
        }
        for org in deal.organisations.iter().filter(|o| o.role != OrgRole::Supplier) {
            push_capped(&mut self.orgs, symbols.org(&org.name));
        }
        for name in &deal.evidence.names {
            push_capped(&mut self.names, symbols.names.id(name));
        }
        if let Some(usd) = deal.usd() {
            push_capped(&mut self.usd, usd);
        }
        if let Some(n) = deal.chips.as_ref().and_then(|c| c.count) {
            push_capped(&mut self.chips, n as f64);
        }
        if let Some(p) = &deal.power_mw {
            push_capped(&mut self.mw, p.value);
        }
        if let Some(m) = month_number(deal.date.as_deref()) {
            self.months = Some(self.months.map_or((m, m), |(a, b)| (a.min(m), b.max(m))));
        }
        for article in &deal.articles {
            let id = symbols.articles.id(article);
            if let Err(at) = self.articles.binary_search(&id) {
                self.articles.insert(at, id);
            }
        }
    }

    pub(super) fn shares_an_article(&self, other: &Profile) -> bool {
        let (small, large) =
            if self.articles.len() <= other.articles.len() { (self, other) } else { (other, self) };
        small.articles.iter().any(|a| large.articles.binary_search(a).is_ok())
    }

    /// Blocking keys: what a later report of the same deal would share,
    /// each figure's bucket widened by `spread` buckets either side (a new
    /// deal probes the neighbours of its figures; a record is filed under
    /// its own buckets only).
    pub(super) fn keys(&self, spread: i64) -> Vec<BlockKey> {
        let mut keys: Vec<BlockKey> = Vec::new();
        keys.extend(self.orgs.iter().map(|&o| (self.host, Anchor::Org, i64::from(o))));
        keys.extend(self.names.iter().map(|&n| (self.host, Anchor::Name, i64::from(n))));
        for (anchor, values) in self.figures() {
            for &v in values {
                let b = bucket(v);
                keys.extend((b - spread..=b + spread).map(|k| (self.host, anchor, k)));
            }
        }
        keys
    }

    pub(super) fn figures(&self) -> [(Anchor, &[f64]); 3] {
        [(Anchor::Usd, &self.usd), (Anchor::Chips, &self.chips), (Anchor::Mw, &self.mw)]
    }
}

/// What a blocking key shares: an organisation or facility (by number) or
/// a figure (by bucket).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Anchor {
    Org,
    Name,
    Usd,
    Chips,
    Mw,
}

/// Host, anchor, and the anchor's number or bucket.
pub(super) type BlockKey = (u32, Anchor, i64);

/// How many values of each kind a merged deal's profile keeps.
pub(super) const PROFILE_CAP: usize = 16;

pub(super) fn push_capped<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if let Some(at) = v.iter().position(|y| *y == x) {
        v.remove(at);
    } else if v.len() == PROFILE_CAP {
        v.remove(0);
    }
    v.push(x);
}

/// An organisation's name for comparison: folded, without legal suffixes.
pub(super) fn org_key(name: &str) -> String {
    const SUFFIXES: &[&str] =
        &["corp", "corporation", "inc", "ltd", "limited", "sa", "plc", "group", "groupe", "co"];
    let normalised = normalize_phrase(name);
    let kept: Vec<&str> = normalised.split(' ').filter(|w| !SUFFIXES.contains(w)).collect();
    if kept.is_empty() { normalised } else { kept.join(" ") }
}

/// A coarse logarithmic bucket, so that figures within a few percent share
/// one (or a neighbouring one, also probed).
pub(super) fn bucket(value: f64) -> i64 {
    (value.max(1.0).ln() / 0.05).floor() as i64
}

pub(super) fn month_number(date: Option<&str>) -> Option<i32> {
    let date = date?;
    let year: i32 = date.get(..4)?.parse().ok()?;
    let month: i32 = date.get(5..7)?.parse().ok()?;
    Some(year * 12 + month - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_keys_drop_legal_suffixes() {
        assert_eq!(org_key("NVIDIA Corp"), "nvidia");
        assert_eq!(org_key("SK Group"), "sk");
        assert_eq!(org_key("Group 42"), "42");
        assert_eq!(org_key("Inc"), "inc");
    }
}
