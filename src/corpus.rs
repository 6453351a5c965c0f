//! The article model, loading from files and the embedded samples, and the
//! in-memory store with its indexes and facet counts. No terminal code.

pub mod ingest;
pub mod load;
pub mod model;
pub mod parse;
pub mod store;

pub use model::*;
pub use store::{Corpus, FacetCounts, FacetFilter, SortKey};
