//! The article model, loading from files and the embedded samples, and the
//! in-memory store with its indexes and facet counts. No terminal code.

pub mod model;
