//! The corpus's deals: selecting and sorting them. Merging the deals of
//! several articles into one per real-world deal lives in `merge`.

use super::store::none_last;
use crate::model::{Deal, DealKind, DealStatus};
use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Deal selection: several values inside a facet are OR-ed, facets are
/// AND-ed. Countries match the host.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DealFilter {
    pub countries: BTreeSet<String>,
    pub kinds: BTreeSet<DealKind>,
    pub statuses: BTreeSet<DealStatus>,
}

impl DealFilter {
    pub fn is_empty(&self) -> bool {
        self.countries.is_empty() && self.kinds.is_empty() && self.statuses.is_empty()
    }

    pub fn matches(&self, deal: &Deal) -> bool {
        (self.countries.is_empty()
            || deal.country.as_ref().is_some_and(|c| self.countries.contains(c.code.as_str())))
            && (self.kinds.is_empty() || self.kinds.contains(&deal.kind))
            && (self.statuses.is_empty() || self.statuses.contains(&deal.status))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DealSort {
    /// Largest value in US dollars first, no value last.
    Value,
    /// Newest first, undated last.
    #[default]
    Date,
    /// By host country code, no country last.
    Country,
    /// Lifecycle order, rumoured first and exits last.
    Status,
}

impl DealSort {
    pub const ALL: [DealSort; 4] = [DealSort::Value, DealSort::Date, DealSort::Country, DealSort::Status];

    pub fn label(self) -> &'static str {
        match self {
            DealSort::Value => "value",
            DealSort::Date => "date",
            DealSort::Country => "country",
            DealSort::Status => "status",
        }
    }
}

/// Sorts deal indexes; ties keep their order. `reverse` flips the order of
/// the values, but records without a value stay last.
pub fn sort_deals(deals: &[Arc<Deal>], indices: &mut [usize], key: DealSort, reverse: bool) {
    let flip = |o: Ordering| if reverse { o.reverse() } else { o };
    match key {
        DealSort::Value => {
            indices.sort_by(|&a, &b| none_last(deals[a].usd(), deals[b].usd(), |x, y| flip(y.total_cmp(x))))
        }
        DealSort::Date => indices.sort_by(|&a, &b| {
            none_last(deals[a].date.as_deref(), deals[b].date.as_deref(), |x, y| flip(y.cmp(x)))
        }),
        DealSort::Country => indices.sort_by(|&a, &b| {
            let code = |i: usize| deals[i].country.as_ref().map(|c| c.code.as_str());
            none_last(code(a), code(b), |x, y| flip(x.cmp(y)))
        }),
        DealSort::Status => {
            indices.sort_by(|&a, &b| flip(deals[a].status.rank().cmp(&deals[b].status.rank())))
        }
    }
}
