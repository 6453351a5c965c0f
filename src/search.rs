//! Search behind the fuzzy filter box: query parsing, per-article search
//! documents, the frizbee-backed matcher, the ranking/facet engine and a
//! background worker. Pure logic, no terminal code.

pub mod document;
pub mod engine;
pub mod highlight;
pub mod matcher;
pub mod query;

pub use document::{CountryKey, SearchDoc};
pub use engine::{SearchIndex, SearchOutcome, Selection, Sort};
pub use highlight::{find_occurrences, highlight_title};
pub use query::{Clause, Query, Term, parse};
pub mod worker;
pub use worker::{SearchResponse, SearchSpec, SearchWorker, Target};

#[cfg(test)]
mod tests;

use crate::corpus::Corpus;
use crate::model::Article;

/// Filters and ranks `candidates` (indexes into `articles`) with a query in
/// the filter language: the CLI's `--query`. Equal scores keep the order of
/// `candidates`.
pub fn filter_articles(articles: &[Article], candidates: &[usize], query: &str) -> Vec<usize> {
    let mut index = SearchIndex::new();
    for &i in candidates {
        // Dates are left out so the caller's sort order breaks ties.
        let doc = SearchDoc::from_article(&articles[i]);
        index.push(SearchDoc { date: None, ..doc });
    }
    let outcome = index.search(&parse(query), &Selection::default(), None);
    outcome.hits.iter().map(|&h| candidates[h as usize]).collect()
}

/// Filters and ranks `candidates` (indexes into `corpus.deals()`) with a
/// query in the filter language: `deals --query`. Equal scores keep the
/// order of `candidates`.
pub fn filter_deals(corpus: &Corpus, candidates: &[usize], query: &str) -> Vec<usize> {
    let deals = corpus.deals();
    let mut index = SearchIndex::new();
    for &i in candidates {
        let titles: Vec<&str> =
            deals[i].articles.iter().filter_map(|id| corpus.by_id(id)).map(|a| a.title.as_str()).collect();
        let doc = SearchDoc::from_deal(&deals[i], &titles);
        index.push(SearchDoc { date: None, ..doc });
    }
    let outcome = index.search(&parse(query), &Selection::default(), None);
    outcome.hits.iter().map(|&h| candidates[h as usize]).collect()
}
