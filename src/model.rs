//! The ground floor: plain data for articles, their facts and the deals
//! above them, with serde derives. Every other module may use it; it uses
//! none of them. The JSON field names are part of the CLI contract.

pub mod article;
pub mod deal;
pub mod paragraphs;

pub use article::*;
pub use deal::*;
pub use paragraphs::{ParagraphRef, Paragraphs};
