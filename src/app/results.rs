//! What a finished search does to the browser: its outcome becomes the
//! list (or is dropped when stale), and the facet marks follow the
//! selection.

use super::state::{AppState, FacetKey, FacetRow, View};
use crate::extract::countries::Gazetteer;
use crate::search::{SearchResponse, Target};

pub(super) fn accept_results(state: &mut AppState, response: SearchResponse) {
    let view = match response.target {
        Target::Articles => View::Articles,
        Target::Deals => View::Deals,
    };
    let list = match view {
        View::Articles => &mut state.articles_view,
        View::Deals => &mut state.deals_view,
    };
    if response.generation < list.shown_generation {
        return;
    }
    let previous = list.hits.get(list.selected).copied();
    list.shown_generation = response.generation;
    list.searched = true;
    list.hits = response.outcome.hits;
    if response.generation >= list.reset_from && list.reset_from > list.reset_done {
        // A new filter, facet or order: start from the top.
        list.selected = 0;
        list.reset_done = list.reset_from;
    } else if let Some(doc) = previous
        && let Some(position) = list.hits.iter().position(|&h| h == doc)
    {
        // More records loaded: stay on the one being read.
        list.selected = position;
    }
    let cursor_key = list.facet_rows.get(list.facet_cursor).map(|r| r.key.clone());
    let gazetteer = Gazetteer::embedded();
    let outcome_countries = response.outcome.country_counts;
    let mut rows: Vec<FacetRow> = outcome_countries
        .into_iter()
        .map(|(code, count)| {
            let name = gazetteer.get(&code).map_or_else(|| code.clone(), |c| c.name_en.clone());
            FacetRow { label: format!("{code} {name}"), key: FacetKey::Country(code), count, selected: false }
        })
        .collect();
    // Kinds and statuses are the Deals view's own facets.
    if view == View::Deals {
        rows.extend(response.outcome.kind_counts.into_iter().map(|(kind, count)| FacetRow {
            label: kind.slug().to_string(),
            key: FacetKey::Kind(kind),
            count,
            selected: false,
        }));
        rows.extend(response.outcome.status_counts.into_iter().map(|(status, count)| FacetRow {
            label: status.slug().to_string(),
            key: FacetKey::Status(status),
            count,
            selected: false,
        }));
    }
    rows.extend(response.outcome.topic_counts.into_iter().map(|(topic, count)| FacetRow {
        label: topic.slug().to_string(),
        key: FacetKey::Topic(topic),
        count,
        selected: false,
    }));
    list.facet_rows = rows;
    if let Some(key) = cursor_key
        && let Some(position) = list.facet_rows.iter().position(|r| r.key == key)
    {
        list.facet_cursor = position;
    }
    refresh_facet_marks(state);
}

pub(super) fn refresh_facet_marks(state: &mut AppState) {
    for list in [&mut state.articles_view, &mut state.deals_view] {
        let selection = &list.selection;
        for row in &mut list.facet_rows {
            row.selected = match &row.key {
                FacetKey::Country(code) => selection.countries.contains(code),
                FacetKey::Topic(topic) => selection.topics.contains(topic),
                FacetKey::Kind(kind) => selection.kinds.contains(kind),
                FacetKey::Status(status) => selection.statuses.contains(status),
            };
        }
    }
}
