//! Merging the deals of many articles into one record per real-world deal.
//!
//! Deals are taken in a canonical order (date, then article key, then
//! position), so the result does not depend on load order or threads. Each
//! deal is compared only with the merged deals that share its host country
//! and one of its anchors (an organisation other than the chip supplier, a
//! facility name, an amount, chip count or power of about the same size)
//! and lie within [`WINDOW_MONTHS`] of it: blocking keeps merging close to
//! linear. A candidate of a compatible kind is scored (see [`score`]); the
//! deal joins the best one scoring [`THRESHOLD`] or more, else starts a new
//! record.

use crate::extract::text::normalize_phrase;
use crate::model::{Deal, DealKind, DealOrg, DealStatus, Mention, OrgRole, Stage};
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

/// Score a candidate needs to be the same deal.
pub const THRESHOLD: i32 = 3;
/// Deals further apart than this in time are never the same deal.
pub const WINDOW_MONTHS: i32 = 24;
/// Relative difference under which two amounts (or counts) are the same
/// figure rounded differently: "$1.5bn" and "US$1.52 billion".
pub const SAME_FIGURE: f64 = 0.06;
/// Relative difference over which two figures say different deals.
pub const OTHER_FIGURE: f64 = 0.25;
/// Per blocking key, how many of the latest merged deals a new deal is
/// compared with: deals come in date order, so these are the ones nearest
/// in time, and merging stays linear however common an organisation is.
pub const CANDIDATES_PER_KEY: usize = 24;

/// Why a deal joined (or did not join) a merged record.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The deal considered, and the article it came from.
    pub deal: String,
    pub article: String,
    /// The merged record it was compared with (its id at the time).
    pub candidate: String,
    pub score: i32,
    pub reasons: Vec<String>,
    pub joined: bool,
}

/// Merged deals, and the decisions taken for each, by merged deal id (only
/// from [`merge_deals_explained`]: decisions are written out only on demand,
/// since at 100k articles they weigh more than the deals).
#[derive(Debug, Clone, Default)]
pub struct Merged {
    pub deals: Vec<Arc<Deal>>,
    pub decisions: HashMap<String, Vec<Decision>>,
}

/// What blocking and scoring compare, precomputed per merged record.
#[derive(Debug, Clone, Default)]
struct Profile {
    host: Option<String>,
    kinds: Vec<DealKind>,
    /// Normalised names of organisations other than suppliers.
    orgs: Vec<String>,
    names: Vec<String>,
    usd: Vec<f64>,
    chips: Vec<f64>,
    mw: Vec<f64>,
    /// Months since year 0 of the earliest and latest dated member.
    months: Option<(i32, i32)>,
    articles: rustc_hash::FxHashSet<String>,
}

impl Profile {
    fn of(deal: &Deal) -> Profile {
        let mut p = Profile { host: deal.country.as_ref().map(|c| c.code.clone()), ..Profile::default() };
        p.absorb(deal);
        p
    }

    /// Adds what one more report says. Each list keeps its latest
    /// [`PROFILE_CAP`] values, so comparing with a much-reported deal
    /// costs no more than with any other.
    fn absorb(&mut self, deal: &Deal) {
        if !self.kinds.contains(&deal.kind) {
            self.kinds.push(deal.kind);
        }
        for org in deal.organisations.iter().filter(|o| o.role != OrgRole::Supplier) {
            push_capped(&mut self.orgs, org_key(&org.name));
        }
        for name in &deal.evidence.names {
            push_capped(&mut self.names, name.clone());
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
        self.articles.extend(deal.articles.iter().cloned());
    }

    /// Blocking keys: what a later report of the same deal would share.
    fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.orgs.iter().map(|o| format!("o:{o}")).collect();
        keys.extend(self.names.iter().map(|n| format!("n:{n}")));
        keys.extend(self.usd.iter().map(|v| format!("$:{}", bucket(*v))));
        keys.extend(self.chips.iter().map(|v| format!("c:{}", bucket(*v))));
        keys.extend(self.mw.iter().map(|v| format!("w:{}", bucket(*v))));
        keys
    }
}

/// How many values of each kind a merged deal's profile keeps.
const PROFILE_CAP: usize = 16;

fn push_capped<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if let Some(at) = v.iter().position(|y| *y == x) {
        v.remove(at);
    } else if v.len() == PROFILE_CAP {
        v.remove(0);
    }
    v.push(x);
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

/// An organisation's name for comparison: folded, without legal suffixes.
fn org_key(name: &str) -> String {
    const SUFFIXES: &[&str] =
        &["corp", "corporation", "inc", "ltd", "limited", "sa", "plc", "group", "groupe", "co"];
    let normalised = normalize_phrase(name);
    let kept: Vec<&str> = normalised.split(' ').filter(|w| !SUFFIXES.contains(w)).collect();
    if kept.is_empty() { normalised } else { kept.join(" ") }
}

/// A coarse logarithmic bucket, so that figures within a few percent share
/// one (or a neighbouring one, also probed).
fn bucket(value: f64) -> i64 {
    (value.max(1.0).ln() / 0.05).floor() as i64
}

fn month_number(date: Option<&str>) -> Option<i32> {
    let date = date?;
    let year: i32 = date.get(..4)?.parse().ok()?;
    let month: i32 = date.get(5..7)?.parse().ok()?;
    Some(year * 12 + month - 1)
}

/// Kinds that may describe one deal: equal, a partnership or investment
/// around anything, chips for a facility, a licence for a chip sale.
pub fn kinds_compatible(a: DealKind, b: DealKind) -> bool {
    use DealKind::*;
    a == b
        || matches!(a, Partnership)
        || matches!(b, Partnership)
        || matches!(
            (a, b),
            (Investment, DataCentre | Supercomputer | RAndD)
                | (DataCentre | Supercomputer | RAndD, Investment)
        )
        || matches!(
            (a, b),
            (ChipSupply, DataCentre | Supercomputer) | (DataCentre | Supercomputer, ChipSupply)
        )
        || matches!((a, b), (ExportControl, ChipSupply) | (ChipSupply, ExportControl))
}

fn relative_gap(a: f64, b: f64) -> f64 {
    (a - b).abs() / a.abs().max(b.abs()).max(1e-9)
}

/// How alike a deal and a merged record are, with the reasons:
/// - a shared organisation other than the supplier: +3 (+2 for each more);
///   both naming organisations and none shared: -4;
/// - a shared facility name: +3;
/// - amounts in USD within 6 %: +3; more than 25 % apart: -4;
/// - chip counts within 6 %: +2; more than 25 % apart: -2; same for MW;
/// - the same kind: +1; dates within three months: +1, over a year: -1.
///
/// Reasons are written out only when `explain` is set: most comparisons
/// are thrown away.
fn score(candidate: &Profile, deal: &Profile, explain: bool) -> (i32, Vec<String>) {
    let mut score = 0;
    let mut reasons = Vec::new();
    let mut reason = |text: &dyn Fn() -> String| {
        if explain {
            reasons.push(text());
        }
    };
    let shared: Vec<&String> = deal.orgs.iter().filter(|o| candidate.orgs.contains(o)).collect();
    if !shared.is_empty() {
        score += 3 + 2 * (shared.len() as i32 - 1).min(2);
        reason(&|| {
            let names: Vec<&str> = shared.iter().map(|s| s.as_str()).collect();
            format!("shared organisations: {}", names.join(", "))
        });
    } else if !deal.orgs.is_empty() && !candidate.orgs.is_empty() {
        score -= 4;
        reason(&|| "different organisations".into());
    }
    if let Some(name) = deal.names.iter().find(|n| candidate.names.contains(n)) {
        score += 3;
        reason(&|| format!("same facility name: {name}"));
    }
    let mut figures = |label: &str, ours: &[f64], theirs: &[f64], same: i32, other: i32| {
        if ours.is_empty() || theirs.is_empty() {
            return;
        }
        let gap = ours
            .iter()
            .flat_map(|a| theirs.iter().map(move |b| relative_gap(*a, *b)))
            .fold(f64::MAX, f64::min);
        if gap <= SAME_FIGURE {
            score += same;
            reason(&|| format!("same {label} (within {:.0} %)", gap * 100.0));
        } else if gap > OTHER_FIGURE {
            score += other;
            reason(&|| format!("different {label} ({:.0} % apart)", gap * 100.0));
        }
    };
    figures("amount in USD", &deal.usd, &candidate.usd, 3, -4);
    figures("chip count", &deal.chips, &candidate.chips, 2, -2);
    figures("power", &deal.mw, &candidate.mw, 2, -2);
    if deal.kinds.iter().any(|k| candidate.kinds.contains(k)) {
        score += 1;
        reason(&|| format!("same kind: {}", deal.kinds[0].slug()));
    }
    if let (Some((a0, a1)), Some((b0, b1))) = (candidate.months, deal.months) {
        let apart = (b0 - a1).max(a0 - b1).max(0);
        if apart <= 3 {
            score += 1;
            reason(&|| format!("dates {apart} months apart"));
        } else if apart > 12 {
            score -= 1;
            reason(&|| format!("dates {apart} months apart"));
        }
    }
    (score, reasons)
}

/// Canonical order: dated first by date, then by the reporting article's
/// key and the deal's position in it.
fn canonical_key(d: &Deal) -> (&str, &str, &str) {
    let date = d.date.as_deref().unwrap_or("9999");
    let key = d.evidence.article_keys.first().map_or("", String::as_str);
    (date, key, d.id.as_str())
}

/// Merges per-article deals into one record per real-world deal.
pub fn merge_deals<'a>(deals: impl IntoIterator<Item = &'a Arc<Deal>>) -> Merged {
    merge(deals, false)
}

/// [`merge_deals`], with the decisions behind each merged record.
pub fn merge_deals_explained<'a>(deals: impl IntoIterator<Item = &'a Arc<Deal>>) -> Merged {
    merge(deals, true)
}

fn merge<'a>(deals: impl IntoIterator<Item = &'a Arc<Deal>>, explain: bool) -> Merged {
    let mut input: Vec<&Arc<Deal>> = deals.into_iter().collect();
    input.sort_by(|a, b| canonical_key(a).cmp(&canonical_key(b)));

    let mut clusters: Vec<Vec<&Arc<Deal>>> = Vec::new();
    let mut profiles: Vec<Profile> = Vec::new();
    let mut decisions: Vec<Vec<Decision>> = Vec::new();
    // (host, blocking key) -> clusters.
    let mut index: HashMap<(String, String), Vec<usize>> = HashMap::default();

    for deal in input {
        let profile = Profile::of(deal);
        let own_keys = profile.keys();
        let host = profile.host.clone().unwrap_or_default();
        let mut candidates: Vec<usize> = Vec::new();
        for key in probe_keys(&profile) {
            if let Some(found) = index.get(&(host.clone(), key)) {
                candidates.extend(found.iter().rev().take(CANDIDATES_PER_KEY));
            }
        }
        candidates.sort_unstable();
        candidates.dedup();

        let mut tried: Vec<(usize, i32)> = Vec::new();
        let mut best: Option<(i32, usize)> = None;
        for &c in &candidates {
            let candidate = &profiles[c];
            let same_article = deal.articles.iter().any(|a| candidate.articles.contains(a));
            let kinds_ok = candidate.kinds.iter().any(|&k| kinds_compatible(k, deal.kind));
            let in_window = match (candidate.months, profile.months) {
                (Some((a0, a1)), Some((b, _))) => b >= a0 - WINDOW_MONTHS && b <= a1 + WINDOW_MONTHS,
                _ => true,
            };
            if same_article || !kinds_ok || !in_window {
                continue;
            }
            let (s, _) = score(candidate, &profile, false);
            tried.push((c, s));
            if s >= THRESHOLD && best.is_none_or(|(b, _)| s > b) {
                best = Some((s, c));
            }
        }
        // Decisions worth explaining: the join, and near misses.
        let explained: Vec<Decision> = tried
            .iter()
            .filter(|_| explain)
            .filter(|&&(c, s)| s > 0 || best.is_some_and(|(_, b)| b == c))
            .map(|&(c, s)| Decision {
                deal: deal.id.clone(),
                article: deal.articles.first().cloned().unwrap_or_default(),
                candidate: clusters[c][0].id.clone(),
                score: s,
                reasons: score(&profiles[c], &profile, true).1,
                joined: best.is_some_and(|(_, b)| b == c),
            })
            .collect();
        let target = match best {
            Some((_, c)) => {
                clusters[c].push(deal);
                profiles[c].absorb(deal);
                c
            }
            None => {
                clusters.push(vec![deal]);
                profiles.push(profile);
                decisions.push(Vec::new());
                clusters.len() - 1
            }
        };
        decisions[target].extend(explained);
        // The record is found again through what this report adds.
        for key in own_keys {
            let slot = index.entry((host.clone(), key)).or_default();
            if slot.last() != Some(&target) {
                slot.push(target);
            }
        }
    }

    let mut merged = Merged::default();
    for (members, decided) in clusters.into_iter().zip(decisions) {
        let deal = combine(&members);
        if explain {
            merged.decisions.insert(deal.id.clone(), decided);
        }
        merged.deals.push(deal);
    }
    merged
}

/// The keys to look up for a new deal: its own, and the neighbouring
/// buckets of its figures.
fn probe_keys(profile: &Profile) -> Vec<String> {
    let mut keys: Vec<String> = profile.orgs.iter().map(|o| format!("o:{o}")).collect();
    keys.extend(profile.names.iter().map(|n| format!("n:{n}")));
    for (prefix, values) in [("$", &profile.usd), ("c", &profile.chips), ("w", &profile.mw)] {
        for v in values {
            let b = bucket(*v);
            keys.extend((b - 1..=b + 1).map(|k| format!("{prefix}:{k}")));
        }
    }
    keys
}

/// Significant digits of a figure as reported: 1.52e9 has three.
fn significant_digits(value: f64) -> usize {
    let text = format!("{:.12e}", value.abs());
    let mantissa = text.split('e').next().unwrap_or("");
    mantissa.trim_end_matches('0').trim_end_matches('.').chars().filter(char::is_ascii_digit).count()
}

/// One record from the deals of several articles (in canonical order); a
/// deal reported once is shared with its article, not copied.
fn combine(members: &[&Arc<Deal>]) -> Arc<Deal> {
    if let [only] = members {
        return Arc::clone(only);
    }
    let members: Vec<&Deal> = members.iter().map(|m| m.as_ref()).collect();
    Arc::new(combine_several(&members))
}

fn combine_several(members: &[&Deal]) -> Deal {
    let first = members[0];
    let mut deal = first.clone();
    deal.articles.clear();
    deal.mentions.clear();
    deal.organisations.clear();
    deal.countries.clear();
    deal.topics.clear();
    deal.evidence.article_keys.clear();
    deal.evidence.names.clear();

    // Mentions of every member, and where each member's mentions start.
    let mut offsets = Vec::new();
    for m in members {
        offsets.push(deal.mentions.len());
        for mention in &m.mentions {
            deal.mentions.push(Mention { article: mention.article.clone(), text: mention.text.clone() });
        }
        for a in &m.articles {
            push_unique(&mut deal.articles, a.clone());
        }
        for k in &m.evidence.article_keys {
            push_unique(&mut deal.evidence.article_keys, k.clone());
        }
        for n in &m.evidence.names {
            push_unique(&mut deal.evidence.names, n.clone());
        }
        for t in &m.topics {
            push_unique(&mut deal.topics, *t);
        }
    }
    deal.topics.sort();

    // Host: the most reported; kind likewise, ties to the first reported.
    deal.country = most_common(members.iter().filter_map(|m| m.country.clone()));
    deal.kind = most_common(members.iter().map(|m| m.kind)).unwrap_or(first.kind);
    deal.countries = deal.country.iter().map(|c| c.code.clone()).collect();
    for m in members {
        for c in &m.countries {
            push_unique(&mut deal.countries, c.clone());
        }
    }
    deal.organisations = merge_organisations(members);

    // The most specific figure, the latest when equally specific.
    let pick = |get: &dyn Fn(&Deal) -> Option<(f64, usize)>| -> Option<(usize, usize)> {
        members
            .iter()
            .enumerate()
            .filter_map(|(i, m)| get(m).map(|(v, mention)| (i, mention, significant_digits(v))))
            .max_by(|a, b| a.2.cmp(&b.2).then(a.0.cmp(&b.0)))
            .map(|(i, mention, _)| (i, mention))
    };
    deal.amount = pick(&|m| m.amount.as_ref().map(|a| (a.value, a.mention))).and_then(|(i, mention)| {
        let mut a = members[i].amount.clone()?;
        a.mention = offsets[i] + mention;
        Some(a)
    });
    deal.chips = pick(&|m| m.chips.as_ref().and_then(|c| c.count.map(|n| (n as f64, c.mention))))
        .or_else(|| pick(&|m| m.chips.as_ref().map(|c| (0.0, c.mention))))
        .and_then(|(i, mention)| {
            let mut c = members[i].chips.clone()?;
            c.mention = offsets[i] + mention;
            if c.model.is_none() {
                c.model = members.iter().find_map(|m| m.chips.as_ref().and_then(|c| c.model.clone()));
            }
            Some(c)
        });
    deal.power_mw = pick(&|m| m.power_mw.as_ref().map(|p| (p.value, p.mention))).and_then(|(i, mention)| {
        let mut p = members[i].power_mw.clone()?;
        p.mention = offsets[i] + mention;
        Some(p)
    });

    deal.stages = stages(members);
    deal.status = deal.stages.last().map_or(first.status, |s| s.status);
    deal.date = deal.stages.iter().filter_map(|s| s.date.clone()).min();
    deal
}

fn most_common<T: PartialEq + Clone>(items: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for item in items {
        match counts.iter_mut().find(|(x, _)| *x == item) {
            Some((_, n)) => *n += 1,
            None => counts.push((item, 1)),
        }
    }
    // max_by_key keeps the last of equals; iterate reversed to keep the first.
    counts.into_iter().rev().max_by_key(|(_, n)| *n).map(|(x, _)| x)
}

/// Organisations of every member, once each by normalised name, with the
/// role most members give them.
fn merge_organisations(members: &[&Deal]) -> Vec<DealOrg> {
    let mut order: Vec<(String, String)> = Vec::new();
    let mut roles: HashMap<String, Vec<OrgRole>> = HashMap::default();
    for m in members {
        for org in &m.organisations {
            let key = org_key(&org.name);
            if !order.iter().any(|(k, _)| *k == key) {
                order.push((key.clone(), org.name.clone()));
            }
            roles.entry(key).or_default().push(org.role);
        }
    }
    order
        .into_iter()
        .map(|(key, name)| {
            let role =
                most_common(roles.get(&key).into_iter().flatten().copied()).unwrap_or(OrgRole::Partner);
            DealOrg { name, role }
        })
        .collect()
}

/// One stage per distinct status, dated by its earliest dated report, in
/// lifecycle order; undated stages after dated ones of the same rank.
fn stages(members: &[&Deal]) -> Vec<Stage> {
    let mut by_status: Vec<Stage> = Vec::new();
    for m in members {
        for stage in &m.stages {
            match by_status.iter_mut().find(|s| s.status == stage.status) {
                Some(existing) => {
                    let earlier = match (&stage.date, &existing.date) {
                        (Some(a), Some(b)) => a < b,
                        (Some(_), None) => true,
                        _ => false,
                    };
                    if earlier {
                        *existing = stage.clone();
                    }
                }
                None => by_status.push(stage.clone()),
            }
        }
    }
    by_status.sort_by(|a, b| {
        a.status.rank().cmp(&b.status.rank()).then_with(|| match (&a.date, &b.date) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => status_order(a.status).cmp(&status_order(b.status)),
        })
    });
    by_status
}

fn status_order(status: DealStatus) -> usize {
    DealStatus::ALL.iter().position(|&s| s == status).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn significant_digits_of_reported_figures() {
        assert_eq!(significant_digits(1.5e9), 2);
        assert_eq!(significant_digits(1.52e9), 3);
        assert_eq!(significant_digits(4.85e10), 3);
        assert_eq!(significant_digits(260_000.0), 2);
        assert_eq!(significant_digits(204.5e6), 4);
    }

    #[test]
    fn organisation_keys_drop_legal_suffixes() {
        assert_eq!(org_key("NVIDIA Corp"), "nvidia");
        assert_eq!(org_key("SK Group"), "sk");
        assert_eq!(org_key("Group 42"), "42");
        assert_eq!(org_key("Inc"), "inc");
    }

    #[test]
    fn compatible_kinds() {
        use DealKind::*;
        assert!(kinds_compatible(DataCentre, DataCentre));
        assert!(kinds_compatible(Partnership, ExportControl));
        assert!(kinds_compatible(Investment, DataCentre));
        assert!(!kinds_compatible(ChipSupply, RAndD));
        assert!(!kinds_compatible(Acquisition, DataCentre));
    }
}
