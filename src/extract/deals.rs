//! Deals reported by one article: evidence-backed records of agreements and
//! decisions (a chip sale, a data centre, an export licence...), each field
//! traceable to a sentence.
//!
//! Owns `assets/deal_cues.tsv` (kind, status, value and role cues, French and
//! English). Steps: split the segments into sentences and read a [`Frame`]
//! from each (`frames`); group the frames into deals (`assemble`); read each
//! deal's fields from its frames (`fields`). A money figure is a deal's
//! amount only when its own context ties it to the deal, so market sizes,
//! losses, revenue and valuations stay article figures.

mod assemble;
mod cue_index;
pub mod cues;
mod fields;
mod frame;
mod frames;
mod input;
mod sentences;
mod tokenised;

pub use fields::deal_id;
pub use frame::Frame;
pub use input::DealInput;
pub use sentences::split_sentences;

use crate::model::Deal;

/// The deals of one article, its main deal (the one of its title or lead) first.
pub fn extract_deals(input: &DealInput<'_>) -> Vec<Deal> {
    let frames = frames::build_frames(input);
    let drafts = assemble::group(&frames, input.primary.map(|c| c.code.as_str()));
    let only = drafts.len() == 1;
    drafts
        .iter()
        .enumerate()
        .map(|(n, draft)| fields::build_deal(input, &frames, draft, n + 1, only))
        .collect()
}

/// The frames of an article, for tests and for explaining extraction.
pub fn frames_of(input: &DealInput<'_>) -> Vec<Frame> {
    frames::build_frames(input)
}
