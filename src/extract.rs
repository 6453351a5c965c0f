//! Text to facts: structure, dates, language, countries, organisations, topics
//! and figures. Pure functions over strings; no IO, no terminal.

pub mod countries;
pub mod dates;
pub mod deals;
pub mod figures;
pub mod junk;
pub mod language;
pub mod lexicon;
pub mod organisations;
pub mod places;
pub mod rates;
pub mod structure;
pub mod text;
pub mod topics;

/// Changes whenever extraction output can change (a word list, a rule, the
/// structure parser, the text normalisation, the model's fields): records
/// cached by another version are read again from their files.
/// `tests/extractor_version.rs` fails when the facts of the fixtures change
/// without a bump.
pub const EXTRACTOR_VERSION: u32 = 3;

/// Where a piece of text sits in an article; extractors weigh the title and
/// lead above the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SegmentRole {
    Title,
    Lead,
    Heading,
    Body,
    Summary,
}

/// One piece of article text with its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment<'a> {
    pub role: SegmentRole,
    pub text: &'a str,
}

impl<'a> Segment<'a> {
    pub fn new(role: SegmentRole, text: &'a str) -> Self {
        Segment { role, text }
    }
}
