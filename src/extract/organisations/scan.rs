//! Words of the original (unfolded) text, for the organisation extractor:
//! names are recognised by their capitals and displayed as written, so the
//! extractor needs both the original spelling and the folded form of each
//! word, with byte offsets to look at the punctuation between words.

use crate::extract::text::{Token, fold_char};

/// One alphanumeric run of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// As written.
    pub text: &'a str,
    /// Folded (lower case, no accents), for comparison with word lists:
    /// the text itself when already folded, as most words are, else a
    /// slice of the caller's fold buffer (no allocation per word).
    pub folded: &'a str,
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
    /// Stops at the first char that is not a capital, as most words fail
    /// on their first letter.
    pub fn is_acronym(&self) -> bool {
        let mut capitals = 0;
        for c in self.text.chars() {
            if !c.is_uppercase() {
                return false;
            }
            capitals += 1;
        }
        capitals >= 2
    }
}

/// Whether the char at byte `at` (a char boundary) is alphanumeric, and its
/// width in bytes; ASCII bytes are classified without decoding.
fn char_class_at(text: &str, at: usize) -> (bool, usize) {
    let byte = text.as_bytes()[at];
    if byte.is_ascii() {
        return (byte.is_ascii_alphanumeric(), 1);
    }
    match text[at..].chars().next() {
        Some(c) => (c.is_alphanumeric(), c.len_utf8()),
        None => (false, 1),
    }
}

/// Byte ranges of the words of `text`: maximal alphanumeric runs, the same
/// boundaries as [`crate::extract::text::tokens`] (anything not
/// alphanumeric separates words).
pub fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    spans_and_case(text).map(|(start, end, _)| (start, end))
}

/// [`word_spans`], and for each word whether it is already folded (ASCII
/// without capitals), found in the same pass over its bytes.
fn spans_and_case(text: &str) -> impl Iterator<Item = (usize, usize, bool)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = loop {
            if at >= text.len() {
                return None;
            }
            let (alphanumeric, width) = char_class_at(text, at);
            if alphanumeric {
                break at;
            }
            at += width;
        };
        let mut folded = true;
        while at < text.len() {
            let byte = text.as_bytes()[at];
            if byte.is_ascii() {
                if !byte.is_ascii_alphanumeric() {
                    break;
                }
                folded &= !byte.is_ascii_uppercase();
                at += 1;
                continue;
            }
            let (alphanumeric, width) = char_class_at(text, at);
            if !alphanumeric {
                break;
            }
            folded = false;
            at += width;
        }
        Some((start, at, folded))
    })
}

/// Splits text into words (see [`word_spans`]). Words that folding changes
/// are folded into `folds`, which the returned words borrow: one buffer per
/// call rather than a string per capitalised word.
pub fn words<'a>(text: &'a str, folds: &'a mut String) -> Vec<Word<'a>> {
    folds.clear();
    let mut out = Vec::with_capacity(text.len() / 4 + 1);
    // (index in `out`, end of its fold in `folds`) of the words folded so
    // far; each fold starts where the previous one ended.
    let mut refolded: Vec<(usize, usize)> = Vec::new();
    for (start, end, already_folded) in spans_and_case(text) {
        let piece = &text[start..end];
        if !already_folded {
            let from = folds.len();
            if piece.is_ascii() {
                folds.push_str(piece);
                folds[from..].make_ascii_lowercase();
            } else {
                piece.chars().for_each(|c| fold_char(c, folds));
            }
            refolded.push((out.len(), folds.len()));
        }
        out.push(Word { text: piece, folded: piece, start, end });
    }
    let folds: &'a str = folds;
    let mut from = 0;
    for (k, to) in refolded {
        out[k].folded = &folds[from..to];
        from = to;
    }
    out
}

/// The folded words as lexicon tokens. Offsets are into the original text;
/// phrase matching only looks at the token text.
pub fn as_tokens<'w>(words: &[Word<'w>]) -> Vec<Token<'w>> {
    words.iter().map(|w| Token { text: w.folded, start: w.start, end: w.end }).collect()
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
        let mut folds = String::new();
        let ws = words(text, &mut folds);
        let got: Vec<_> = ws.iter().map(|w| (w.text, w.folded)).collect();
        assert_eq!(
            got,
            [("L", "l"), ("Élysée", "elysee"), ("FPT", "fpt"), ("Smart", "smart"), ("5", "5"), ("5", "5")]
        );
        assert_eq!(&text[ws[1].start..ws[1].end], "Élysée");
        assert_eq!(gap_before(text, &ws, 3), "-");
    }

    #[test]
    fn words_split_like_tokens_and_fold_like_fold() {
        for text in
            ["", "a", "ÉTATS-UNIS d’Amérique", "Œuvre SAS GmbH 5,5", "日本 AI Straße", "Nvidia’s H100 ."]
        {
            let mut folds = String::new();
            let ws = words(text, &mut folds);
            let spans: Vec<_> = ws.iter().map(|w| (w.start, w.end)).collect();
            let expected: Vec<_> =
                crate::extract::text::tokens(text).iter().map(|t| (t.start, t.end)).collect();
            assert_eq!(spans, expected, "text {text:?}");
            for w in &ws {
                assert_eq!(w.text, &text[w.start..w.end]);
                assert_eq!(w.folded, crate::extract::text::fold(w.text), "text {text:?}");
            }
        }
    }

    #[test]
    fn acronyms() {
        let mut folds = String::new();
        let got: Vec<bool> =
            words("TSMC G42 A Éé ÉU AMD’s Nvidia", &mut folds).iter().map(Word::is_acronym).collect();
        assert_eq!(got, [true, false, false, false, true, true, false, false]);
    }

    #[test]
    fn sentence_starts() {
        let text = "Orange signe. « Orange » et Orange: Orange\nOrange";
        let mut folds = String::new();
        let ws = words(text, &mut folds);
        let got: Vec<bool> = (0..ws.len()).map(|i| starts_sentence(text, &ws, i)).collect();
        assert_eq!(got, [true, false, true, false, false, true, true]);
    }
}
