//! Loading from files and the embedded samples, and the
//! in-memory store with its indexes and facet counts. No terminal code.

pub mod deals;
pub mod ingest;
pub mod load;
pub mod merge;
pub mod parse;
pub mod store;

pub use crate::model::*;
pub use store::{Corpus, FacetCounts, FacetFilter, SortKey};
