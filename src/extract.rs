//! Text to facts: structure, dates, language, countries, organisations, topics
//! and figures. Pure functions over strings; no IO, no terminal.

pub mod countries;
pub mod dates;
pub mod figures;
pub mod language;
pub mod lexicon;
pub mod organisations;
pub mod structure;
pub mod text;
pub mod topics;
