//! Orders: ranked hits by score then date (a date rank kept up to date
//! lazily, so ranking a million hits is a linear pass), and the other
//! columns a list can be sorted by.

use super::{NO_COUNTRY, SearchIndex};
use crate::model::DealStatus;
use std::cmp::{Ordering, Reverse};
use std::sync::{MutexGuard, PoisonError};

/// Docs in tie-break order (newest first, undated last, then load order)
/// and each doc's position in it.
#[derive(Debug, Default)]
pub(super) struct DateOrder {
    order: Vec<u32>,
    rank: Vec<u32>,
}

impl SearchIndex {
    /// Reorders ranked hits by another column; `Relevance` keeps them. Ties
    /// keep the ranked order; docs without a value for the column go last,
    /// whichever the direction.
    pub fn order(&self, mut hits: Vec<u32>, sort: Sort, reverse: bool) -> Vec<u32> {
        let flip = |o: Ordering| if reverse { o.reverse() } else { o };
        let info = |d: u32| &self.info[d as usize];
        match sort {
            Sort::Relevance => {
                if reverse {
                    hits.reverse();
                }
            }
            Sort::Date => {
                let dates = self.date_order();
                let undated = |d: u32| info(d).date == 0;
                hits.sort_by(|&a, &b| {
                    undated(a)
                        .cmp(&undated(b))
                        .then_with(|| flip(dates.rank[a as usize].cmp(&dates.rank[b as usize])))
                });
            }
            Sort::Value => hits.sort_by(|&a, &b| {
                let (x, y) = (info(a).value, info(b).value);
                x.is_none().cmp(&y.is_none()).then_with(|| flip(y.cmp(&x)))
            }),
            Sort::Country => hits.sort_by(|&a, &b| {
                let code = |d: u32| match info(d).country {
                    NO_COUNTRY => None,
                    c => Some(self.codes[self.key_code[c as usize] as usize].as_str()),
                };
                let (x, y) = (code(a), code(b));
                x.is_none().cmp(&y.is_none()).then_with(|| flip(x.cmp(&y)))
            }),
            Sort::Title => {
                let title = |d: u32| &self.key(d)[..info(d).title_len as usize];
                hits.sort_by(|&a, &b| flip(title(a).cmp(title(b))))
            }
            Sort::Status => hits.sort_by(|&a, &b| {
                let rank = |d: u32| {
                    let mask = info(d).statuses;
                    DealStatus::ALL
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| mask & 1 << i != 0)
                        .map(|(_, s)| s.rank())
                        .max()
                };
                let (x, y) = (rank(a), rank(b));
                x.is_none().cmp(&y.is_none()).then_with(|| flip(x.cmp(&y)))
            }),
        }
        hits
    }

    /// Orders `(score, doc)` pairs by score, then newest first (undated
    /// last), then load order.
    pub(super) fn rank_hits(&self, mut hits: Vec<(u32, u32)>) -> Vec<u32> {
        if hits.len() < 2 {
            return hits.into_iter().map(|(_, d)| d).collect();
        }
        let dates = self.date_order();
        let rank = &dates.rank;
        let (lo, hi) = hits.iter().fold((u32::MAX, 0), |(lo, hi), &(s, _)| (lo.min(s), hi.max(s)));
        let spread = (hi - lo) as usize;
        if hits.len() * 16 < rank.len() || spread > 1 << 16 {
            hits.sort_unstable_by_key(|&(s, d)| (Reverse(s), rank[d as usize]));
            return hits.into_iter().map(|(_, d)| d).collect();
        }
        // Many hits: walk them in date order, then a stable counting sort
        // on the score.
        let mut at_rank = vec![u32::MAX; rank.len()];
        for (i, &(_, d)) in hits.iter().enumerate() {
            at_rank[rank[d as usize] as usize] = i as u32;
        }
        let mut next = vec![0usize; spread + 1];
        for &(s, _) in &hits {
            next[(hi - s) as usize] += 1;
        }
        let mut total = 0;
        for slot in &mut next {
            let count = *slot;
            *slot = total;
            total += count;
        }
        let mut out = vec![0u32; hits.len()];
        for &i in at_rank.iter().filter(|&&i| i != u32::MAX) {
            let (s, d) = hits[i as usize];
            let slot = &mut next[(hi - s) as usize];
            out[*slot] = d;
            *slot += 1;
        }
        out
    }

    /// The date order, brought up to date with the docs pushed since the
    /// last search: the new docs are sorted and merged in.
    fn date_order(&self) -> MutexGuard<'_, DateOrder> {
        let mut dates = self.dates.lock().unwrap_or_else(PoisonError::into_inner);
        let n = self.len();
        if dates.order.len() < n {
            let old = std::mem::take(&mut dates.order);
            let first_new = old.len() as u32;
            let key = |d: u32| (self.info[d as usize].date, self.info[d as usize].exact_date);
            let fresh_keys: Vec<(u128, bool)> = (first_new..n as u32).map(key).collect();
            let cmp = |a: u32, b: u32| {
                let ((ka, exact_a), (kb, exact_b)) = (key(a), key(b));
                kb.cmp(&ka).then_with(|| if exact_a && exact_b { a.cmp(&b) } else { self.newer_first(a, b) })
            };
            let mut fresh: Vec<u32> = (first_new..n as u32).collect();
            if fresh_keys.iter().all(|&(_, exact)| exact) {
                fresh.sort_unstable_by_key(|&d| (Reverse(fresh_keys[(d - first_new) as usize].0), d));
            } else {
                fresh.sort_unstable_by(|&a, &b| cmp(a, b));
            }
            let order = crate::sorted::merge_runs(&old, &fresh, |&f, &o| cmp(f, o) == Ordering::Less);
            let mut rank = vec![0u32; n];
            for (r, &d) in order.iter().enumerate() {
                rank[d as usize] = r as u32;
            }
            *dates = DateOrder { order, rank };
        }
        dates
    }

    /// The tie-break order on dates strings: newest first, undated last,
    /// then load order.
    fn newer_first(&self, a: u32, b: u32) -> Ordering {
        let date = |d: u32| match self.long_dates.get(&d) {
            Some(long) => Some(long.to_string()),
            None => date_text(self.info[d as usize].date),
        };
        match (date(a), date(b)) {
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
        .then(a.cmp(&b))
    }
}

/// The column a result list is ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Sort {
    /// Match quality, then newest first: with no filter typed, by date.
    #[default]
    Relevance,
    /// Newest first.
    Date,
    /// Largest value in US dollars first.
    Value,
    /// By country code.
    Country,
    /// By title, folded.
    Title,
    /// Lifecycle order, rumoured first.
    Status,
}

impl Sort {
    pub fn label(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Date => "date",
            Sort::Value => "value",
            Sort::Country => "country",
            Sort::Title => "title",
            Sort::Status => "status",
        }
    }
}

/// A sort key agreeing with `newer_first` wherever it differs (descending):
/// 0 for undated, else 1 then the first 15 bytes of the date, zero-padded;
/// and whether equal keys mean equal dates (no NUL, at most 15 bytes).
/// Otherwise equal keys fall back to the full comparison.
pub(super) fn date_key(date: Option<&str>) -> (u128, bool) {
    let Some(date) = date else { return (0, true) };
    let mut bytes = [0u8; 16];
    bytes[0] = 1;
    let n = date.len().min(15);
    bytes[1..=n].copy_from_slice(&date.as_bytes()[..n]);
    (u128::from_be_bytes(bytes), date.len() <= 15 && !date.as_bytes().contains(&0))
}

/// The date an exact `date_key` packed, back as text.
fn date_text(key: u128) -> Option<String> {
    let bytes = key.to_be_bytes();
    if bytes[0] == 0 {
        return None;
    }
    let end = bytes[1..].iter().position(|&b| b == 0).map_or(16, |i| i + 1);
    Some(String::from_utf8_lossy(&bytes[1..end]).into_owned())
}
