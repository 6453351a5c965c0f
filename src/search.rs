//! Search behind the fuzzy filter box: query parsing, per-article search
//! documents, the frizbee-backed matcher, the ranking/facet engine and a
//! background worker. Pure logic, no terminal code.

pub mod document;
pub mod engine;
pub mod matcher;
pub mod query;

pub use document::{CountryKey, SearchDoc};
pub use engine::{SearchIndex, SearchOutcome, Selection, find_occurrences, highlight_title};
pub use query::{Clause, Query, Term, parse};
pub mod worker;
pub use worker::{SearchResponse, SearchWorker};

#[cfg(test)]
mod tests;
