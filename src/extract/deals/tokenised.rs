//! A deal sentence folded and split into tokens in one pass, keeping for
//! every token the original bytes it came from, so that byte spans of
//! figures, countries and organisations map to token indexes.

use crate::extract::text::{Token, fold_char};
use std::ops::Range;

/// The sentence's tokens with, for each, the byte where it starts in the
/// original sentence, so byte spans of entities map to token indexes.
pub struct Tokenised {
    pub folded: String,
    /// Per token: folded byte range.
    pub spans: Vec<(usize, usize)>,
    /// Per token: original byte where it starts and ends.
    pub original: Vec<(usize, usize)>,
}

impl Tokenised {
    /// Folds and splits `sentence` in one pass, remembering for every
    /// token the original bytes it came from.
    pub fn new(sentence: &str) -> Tokenised {
        let mut folded = String::with_capacity(sentence.len());
        let mut spans = Vec::new();
        let mut original = Vec::new();
        let mut scratch = String::new();
        // The token being built: folded start, original start.
        let mut open: Option<(usize, usize)> = None;
        let mut step = |f: char, byte: usize, folded: &mut String| {
            if f.is_alphanumeric() {
                if open.is_none() {
                    open = Some((folded.len(), byte));
                }
            } else if let Some((start, orig)) = open.take() {
                spans.push((start, folded.len()));
                original.push((orig, byte));
            }
            folded.push(f);
        };
        for (byte, c) in sentence.char_indices() {
            if c.is_ascii() {
                step(c.to_ascii_lowercase(), byte, &mut folded);
                continue;
            }
            scratch.clear();
            fold_char(c, &mut scratch);
            for f in scratch.chars() {
                step(f, byte, &mut folded);
            }
        }
        if let Some((start, orig)) = open {
            spans.push((start, folded.len()));
            original.push((orig, sentence.len()));
        }
        Tokenised { folded, spans, original }
    }

    pub fn tokens(&self) -> Vec<Token<'_>> {
        self.spans.iter().map(|&(s, e)| Token { text: &self.folded[s..e], start: s, end: e }).collect()
    }

    /// Token index range covering original bytes `start..end`.
    pub fn token_range(&self, start: usize, end: usize) -> Range<usize> {
        let first = self.original.partition_point(|&(s, _)| s < start);
        let last = self.original.partition_point(|&(s, _)| s < end);
        first..last.max(first)
    }
}
