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

mod combine;
mod profile;

use crate::model::{Deal, DealKind};
use combine::combine;
use compact_str::CompactString;
use profile::{BlockKey, Profile, Symbols};
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
    pub deal: CompactString,
    pub article: CompactString,
    /// The merged record it was compared with (its id at the time).
    pub candidate: CompactString,
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
    pub decisions: HashMap<CompactString, Vec<Decision>>,
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
fn score(candidate: &Profile, deal: &Profile, symbols: Option<&Symbols>) -> (i32, Vec<String>) {
    let explain = symbols.is_some();
    let mut score = 0;
    let mut reasons = Vec::new();
    let mut reason = |text: &dyn Fn() -> String| {
        if explain {
            reasons.push(text());
        }
    };
    let is_shared = |o: &&u32| candidate.orgs.contains(o);
    let shared = deal.orgs.iter().filter(is_shared).count();
    if shared > 0 {
        score += 3 + 2 * (shared as i32 - 1).min(2);
        reason(&|| {
            let symbols = symbols.expect("explaining");
            let names: Vec<&str> =
                deal.orgs.iter().filter(is_shared).map(|&o| symbols.orgs.name(o)).collect();
            format!("shared organisations: {}", names.join(", "))
        });
    } else if !deal.orgs.is_empty() && !candidate.orgs.is_empty() {
        score -= 4;
        reason(&|| "different organisations".into());
    }
    if let Some(&name) = deal.names.iter().find(|n| candidate.names.contains(n)) {
        score += 3;
        reason(&|| format!("same facility name: {}", symbols.expect("explaining").names.name(name)));
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
    let key = d.evidence.article_keys.first().map_or("", CompactString::as_str);
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

/// A deal and where it stands in the canonical order.
type Positioned<'a> = (usize, &'a Arc<Deal>);

/// Under this many deals, merging stays on the calling thread.
const PARALLEL_FROM: usize = 4096;

fn merge<'a>(deals: impl IntoIterator<Item = &'a Arc<Deal>>, explain: bool) -> Merged {
    let input = canonical_order(deals.into_iter().collect());

    // Deals of different hosts never merge (every blocking key holds the
    // host), so each host's deals are merged on their own, hosts spread
    // over the cores; records come back in the order of their first member.
    let mut hosts: HashMap<&str, Vec<Positioned<'_>>> = HashMap::default();
    for (position, deal) in input.iter().enumerate() {
        let host = deal.country.as_ref().map_or("", |c| c.code.as_str());
        hosts.entry(host).or_default().push((position, deal));
    }
    let mut groups: Vec<Vec<Positioned<'_>>> = hosts.into_values().collect();
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
    let threads = if input.len() < PARALLEL_FROM {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, groups.len().max(1))
    };
    // Largest groups first, each to the least loaded core.
    let mut shares: Vec<(usize, Vec<&[Positioned<'_>]>)> = vec![(0, Vec::new()); threads];
    for group in &groups {
        let lightest = shares.iter_mut().min_by_key(|(load, _)| *load).expect("one share at least");
        lightest.0 += group.len();
        lightest.1.push(group);
    }
    let merge_share = |share: &[&[Positioned<'_>]]| -> Vec<Record> {
        share.iter().flat_map(|group| merge_host(group, explain)).collect()
    };
    // One share per core, each share a whole task for `map_from`.
    let mut records: Vec<Record> = crate::parallel::map_from(&shares, 2, |(_, share)| merge_share(share))
        .into_iter()
        .flatten()
        .collect();
    records.sort_unstable_by_key(|r| r.first);

    let mut merged = Merged::default();
    for record in records {
        if explain {
            merged.decisions.insert(record.deal.id.clone(), record.decisions);
        }
        merged.deals.push(record.deal);
    }
    merged
}

/// The deals sorted by [`canonical_key`], ties in their given order. A
/// large input is sorted in two halves on two cores, then merged (the left
/// half first on ties, so the result is the one stable sort's).
fn canonical_order(mut deals: Vec<&Arc<Deal>>) -> Vec<&Arc<Deal>> {
    let order = |a: &&Arc<Deal>, b: &&Arc<Deal>| canonical_key(a).cmp(&canonical_key(b));
    if deals.len() < PARALLEL_FROM {
        deals.sort_by(order);
        return deals;
    }
    let (left, right) = deals.split_at(deals.len() / 2);
    let halves = crate::parallel::map_from(&[left, right], 2, |half| {
        let mut half = half.to_vec();
        half.sort_by(order);
        half
    });
    crate::sorted::merge_runs(&halves[0], &halves[1], |a, b| order(a, b).is_lt())
}

/// One merged deal, where its first member stands in the canonical order,
/// and the decisions behind it.
struct Record {
    first: usize,
    deal: Arc<Deal>,
    decisions: Vec<Decision>,
}

/// Merges the deals of one host, given in canonical order with their
/// positions in it.
fn merge_host(input: &[Positioned<'_>], explain: bool) -> Vec<Record> {
    let mut symbols = Symbols::default();
    let mut clusters: Vec<Vec<&Arc<Deal>>> = Vec::new();
    let mut firsts: Vec<usize> = Vec::new();
    let mut profiles: Vec<Profile> = Vec::new();
    let mut decisions: Vec<Vec<Decision>> = Vec::new();
    let mut index: HashMap<BlockKey, Vec<u32>> = HashMap::default();
    let mut candidates: Vec<u32> = Vec::new();

    for &(position, deal) in input {
        let profile = Profile::of(deal, &mut symbols);
        candidates.clear();
        for key in profile.keys(1) {
            if let Some(found) = index.get(&key) {
                candidates.extend(found.iter().rev().take(CANDIDATES_PER_KEY));
            }
        }
        candidates.sort_unstable();
        candidates.dedup();

        let mut tried: Vec<(usize, i32)> = Vec::new();
        let mut best: Option<(i32, usize)> = None;
        for c in candidates.iter().map(|&c| c as usize) {
            let candidate = &profiles[c];
            let kinds_ok = candidate.kinds.iter().any(|&k| kinds_compatible(k, deal.kind));
            let in_window = match (candidate.months, profile.months) {
                (Some((a0, a1)), Some((b, _))) => b >= a0 - WINDOW_MONTHS && b <= a1 + WINDOW_MONTHS,
                _ => true,
            };
            if !kinds_ok || !in_window || candidate.shares_an_article(&profile) {
                continue;
            }
            let (s, _) = score(candidate, &profile, None);
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
                reasons: score(&profiles[c], &profile, Some(&symbols)).1,
                joined: best.is_some_and(|(_, b)| b == c),
            })
            .collect();
        let own_keys = profile.keys(0);
        let target = match best {
            Some((_, c)) => {
                clusters[c].push(deal);
                profiles[c].absorb(deal, &mut symbols);
                c
            }
            None => {
                clusters.push(vec![deal]);
                firsts.push(position);
                profiles.push(profile);
                decisions.push(Vec::new());
                clusters.len() - 1
            }
        };
        decisions[target].extend(explained);
        // The record is found again through what this report adds.
        let target = target as u32;
        for key in own_keys {
            let slot = index.entry(key).or_default();
            if slot.last() != Some(&target) {
                slot.push(target);
            }
        }
    }

    clusters
        .into_iter()
        .zip(firsts)
        .zip(decisions)
        .map(|((members, first), decisions)| Record { first, deal: combine(&members), decisions })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Many synthetic reports over a few hosts, sharing organisations,
    /// facility names and figures, so that many of them merge.
    fn many_reports(n: usize) -> Vec<Arc<Deal>> {
        use crate::model::{Amount, CountryRef, DealOrg, DealStatus, OrgRole};
        let hosts = ["FR", "DE", "AE", "IN", "JP", ""];
        let orgs = ["Mistral", "G42", "Reliance", "SoftBank", "Telekom", "Scaleway", "Iliad"];
        let kinds = [DealKind::DataCentre, DealKind::Investment, DealKind::Partnership, DealKind::ChipSupply];
        let mut seed = 0x9e37_79b9_u64;
        let mut next = |m: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % m as u64) as usize
        };
        (0..n)
            .map(|i| {
                let article = format!("a{i:05}");
                let mut deal = Deal::new(
                    &format!("{article}-0"),
                    &article,
                    kinds[next(kinds.len())],
                    DealStatus::Announced,
                );
                let host = hosts[next(hosts.len())];
                if !host.is_empty() {
                    deal.country = Some(CountryRef { code: host.into(), name: host.into() });
                }
                deal.organisations
                    .push(DealOrg { name: orgs[next(orgs.len())].into(), role: OrgRole::Partner });
                if next(3) == 0 {
                    deal.evidence.names.push(compact_str::format_compact!("campus {}", next(20)));
                }
                if next(2) == 0 {
                    let value = (1 + next(40)) as f64 * 1e8;
                    deal.amount = Some(Amount {
                        value,
                        currency: "USD".into(),
                        usd: Some(value),
                        text: Default::default(),
                        mention: 0,
                    });
                }
                deal.date = Some(compact_str::format_compact!("{}-{:02}", 2023 + next(3), 1 + next(12)));
                deal.evidence.article_keys.push(compact_str::format_compact!("k{}", next(n)));
                Arc::new(deal)
            })
            .collect()
    }

    /// Splitting by host (on every core) gives exactly what one pass over
    /// every host together gives: blocking keys hold the host, so reports
    /// of two hosts never meet.
    #[test]
    fn merging_by_host_equals_one_pass_over_every_host() {
        let deals = many_reports(PARALLEL_FROM + 1500);
        let mut input: Vec<&Arc<Deal>> = deals.iter().collect();
        input.sort_by(|a, b| canonical_key(a).cmp(&canonical_key(b)));
        let positioned: Vec<Positioned<'_>> = input.into_iter().enumerate().collect();
        let one_pass: Vec<Arc<Deal>> = merge_host(&positioned, false).into_iter().map(|r| r.deal).collect();
        let by_host = merge_deals(&deals).deals;
        assert!(by_host.len() < deals.len() * 9 / 10, "the reports should merge a fair amount");
        assert_eq!(by_host, one_pass);
        let explained = merge_deals_explained(&deals);
        assert_eq!(explained.deals, one_pass);
        assert_eq!(explained.decisions.len(), one_pass.len());
    }

    /// The two-core sort is the one stable sort, ties (one article read
    /// twice gives twin deals) in their given order.
    #[test]
    fn canonical_order_is_the_stable_sort_ties_included() {
        let deals: Vec<Arc<Deal>> = (0..PARALLEL_FROM * 2 + 7)
            .map(|i| {
                let id = format!("k{}-1", i % 97);
                let status = crate::model::DealStatus::Announced;
                let mut deal = Deal::new(&id, &format!("a{i}"), DealKind::Investment, status);
                deal.date = (i % 5 != 0).then(|| compact_str::format_compact!("2025-{:02}", 1 + i % 12));
                deal.evidence.article_keys.push(compact_str::format_compact!("k{}", i % 97));
                Arc::new(deal)
            })
            .collect();
        let mut expected: Vec<&Arc<Deal>> = deals.iter().collect();
        expected.sort_by(|a, b| canonical_key(a).cmp(&canonical_key(b)));
        let got = canonical_order(deals.iter().collect());
        let same = got.iter().zip(&expected).all(|(a, b)| Arc::ptr_eq(a, b));
        assert!(same && got.len() == expected.len());
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
