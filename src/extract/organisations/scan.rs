//! Words of the original (unfolded) text, for the organisation extractor:
//! names are recognised by their capitals and displayed as written, so the
//! extractor needs both the original spelling and the folded form of each
//! word, with byte offsets to look at the punctuation between words.

use crate::extract::text::{Token, fold_cow};
use std::borrow::Cow;

/// One alphanumeric run of the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// As written.
    pub text: &'a str,
    /// Folded (lower case, no accents), for comparison with word lists;
    /// borrowed when the word is already folded, as most are.
    pub folded: Cow<'a, str>,
    /// Byte range in the original text.
    pub start: usize,
    pub end: usize,
}

impl Word<'_> {
    /// Starts with a capital letter ("Nvidia", "VinBrain", "AMD").
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Letters only, all capitals, at least two: "TSMC", not "G42" or "A".
    pub fn is_acronym(&self) -> bool {
        self.text.chars().count() >= 2 && self.text.chars().all(char::is_uppercase)
    }
}

/// Splits text into words on the same boundaries as [`crate::extract::text::tokens`]
/// (anything not alphanumeric separates words).
pub fn words(text: &str) -> Vec<Word<'_>> {
    let word = |s: usize, e: usize| {
        let piece = &text[s..e];
        Word { text: piece, folded: fold_cow(piece), start: s, end: e }
    };
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(word(s, i));
        }
    }
    if let Some(s) = start {
        out.push(word(s, text.len()));
    }
    out
}

/// The folded words as lexicon tokens. Offsets are into the original text;
/// phrase matching only looks at the token text.
pub fn as_tokens<'w>(words: &'w [Word<'_>]) -> Vec<Token<'w>> {
    words.iter().map(|w| Token { text: &w.folded, start: w.start, end: w.end }).collect()
}

/// The text between word `i - 1` and word `i` (from the segment start for
/// the first word).
pub fn gap_before<'a>(text: &'a str, words: &[Word<'_>], i: usize) -> &'a str {
    let from = if i == 0 { 0 } else { words[i - 1].end };
    &text[from..words[i].start]
}

/// True when word `i` opens a sentence or a line, where every word is
/// capitalised whatever it is: nothing before it but opening quotes,
/// brackets or dashes since the last full stop, colon or line break
/// (not a semicolon: the next word keeps its own case).
pub fn starts_sentence(text: &str, words: &[Word<'_>], i: usize) -> bool {
    let gap = gap_before(text, words, i);
    if i == 0 || gap.contains('\n') {
        return true;
    }
    let last = gap.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(c, '"' | '«' | '“' | '‘' | '\'' | '(' | '[' | '-' | '–' | '—' | '•' | '*')
    });
    last.ends_with(['.', '!', '?', ':', '…'])
}

/// Whether two adjacent words of a name may be separated by `gap`: a single
/// space, a hyphen ("Mercedes-Benz") or an ampersand ("Johnson & Johnson").
pub fn joins_name(gap: &str) -> bool {
    matches!(gap, " " | "-" | "&" | " & " | "\u{a0}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_original_spelling_and_offsets() {
        let text = "L’Élysée, FPT-Smart 5,5";
        let ws = words(text);
        let got: Vec<_> = ws.iter().map(|w| (w.text, w.folded.as_ref())).collect();
        assert_eq!(
            got,
            [("L", "l"), ("Élysée", "elysee"), ("FPT", "fpt"), ("Smart", "smart"), ("5", "5"), ("5", "5")]
        );
        assert_eq!(&text[ws[1].start..ws[1].end], "Élysée");
        assert_eq!(gap_before(text, &ws, 3), "-");
    }

    #[test]
    fn sentence_starts() {
        let text = "Orange signe. « Orange » et Orange: Orange\nOrange";
        let ws = words(text);
        let got: Vec<bool> = (0..ws.len()).map(|i| starts_sentence(text, &ws, i)).collect();
        assert_eq!(got, [true, false, true, false, false, true, true]);
    }
}
