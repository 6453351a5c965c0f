//! A deal sentence folded and split into tokens in one pass, keeping for
//! every token the original bytes it came from, so that byte spans of
//! figures, countries and organisations map to token indexes.

use crate::extract::text::{Token, fold_char};
use std::ops::Range;

/// The sentence's tokens with, for each, the byte where it starts in the
/// original sentence, so byte spans of entities map to token indexes.
#[derive(Default)]
pub struct Tokenised {
    pub folded: String,
    /// Per token: folded byte range.
    pub spans: Vec<(usize, usize)>,
    /// Per token: original byte where it starts and ends.
    pub original: Vec<(usize, usize)>,
}

/// The token being built: where it starts in the folded and the original text.
#[derive(Clone, Copy)]
struct Open {
    folded: usize,
    original: usize,
}

impl Tokenised {
    /// Folds and splits `sentence` in one pass, remembering for every
    /// token the original bytes it came from.
    #[cfg(test)]
    pub fn new(sentence: &str) -> Tokenised {
        let mut tokenised = Tokenised::default();
        tokenised.refill(sentence);
        tokenised
    }

    /// [`Tokenised::new`] into this one's buffers, so that the sentences of
    /// an article share them.
    pub fn refill(&mut self, sentence: &str) {
        self.folded.clear();
        self.spans.clear();
        self.original.clear();
        let mut open: Option<Open> = None;
        let mut rest = sentence;
        while !rest.is_empty() {
            let byte = sentence.len() - rest.len();
            // ASCII runs, nearly all the text, fold and split byte by byte.
            let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
            let (run, tail) = rest.split_at(ascii);
            let run_start = self.folded.len();
            self.folded.push_str(run);
            self.folded[run_start..].make_ascii_lowercase();
            // Only where a token opens or closes is there anything to do.
            let mut offset = 0;
            while let Some(found) =
                run.as_bytes()[offset..].iter().position(|b| b.is_ascii_alphanumeric() != open.is_some())
            {
                offset += found;
                self.step(open.is_none(), run_start + offset, byte + offset, &mut open);
                offset += 1;
            }
            // Then one other char, folded to one or more chars.
            let mut chars = tail.chars();
            if let Some(c) = chars.next() {
                let byte = sentence.len() - tail.len();
                let from = self.folded.len();
                fold_char(c, &mut self.folded);
                let mut at = from;
                while let Some(f) = self.folded[at..].chars().next() {
                    self.step(f.is_alphanumeric(), at, byte, &mut open);
                    at += f.len_utf8();
                }
            }
            rest = chars.as_str();
        }
        if let Some(start) = open {
            self.spans.push((start.folded, self.folded.len()));
            self.original.push((start.original, sentence.len()));
        }
    }

    /// One folded char at `folded` (coming from the original char at
    /// `original`): a token goes on, opens, or closes before it.
    fn step(&mut self, alphanumeric: bool, folded: usize, original: usize, open: &mut Option<Open>) {
        if alphanumeric {
            if open.is_none() {
                *open = Some(Open { folded, original });
            }
        } else if let Some(start) = open.take() {
            self.spans.push((start.folded, folded));
            self.original.push((start.original, original));
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The char-by-char reading the byte runs must agree with.
    fn reference(sentence: &str) -> Tokenised {
        let (mut folded, mut spans, mut original) = (String::new(), Vec::new(), Vec::new());
        let mut open: Option<(usize, usize)> = None;
        for (byte, c) in sentence.char_indices() {
            let mut scratch = String::new();
            fold_char(c, &mut scratch);
            for f in scratch.chars() {
                if f.is_alphanumeric() {
                    open.get_or_insert((folded.len(), byte));
                } else if let Some((s, o)) = open.take() {
                    spans.push((s, folded.len()));
                    original.push((o, byte));
                }
                folded.push(f);
            }
        }
        if let Some((s, o)) = open {
            spans.push((s, folded.len()));
            original.push((o, sentence.len()));
        }
        Tokenised { folded, spans, original }
    }

    #[test]
    fn byte_runs_agree_with_char_by_char_folding() {
        let mut shared = Tokenised::default();
        for text in [
            "",
            "Nvidia",
            "L’Œuvre d’État coûte 5\u{202f}000 € — Straße, Hanoï.",
            "ÉÉ é 日本 AI½ x",
            "a-b c'd 5,5 «oui» Ⅻ",
        ] {
            let expected = reference(text);
            shared.refill(text);
            assert_eq!(
                (&shared.folded, &shared.spans, &shared.original),
                (&expected.folded, &expected.spans, &expected.original),
                "{text:?}"
            );
            assert_eq!(Tokenised::new(text).spans, expected.spans, "{text:?}");
        }
    }
}
