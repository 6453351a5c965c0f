//! Words as numbers: a vocabulary giving each word of a list an id, looked
//! up without hashing or comparing strings for the usual short word, and a
//! scanner that folds a text's words one at a time into a reused buffer.
//! Together they let a word list be matched against a text with no
//! allocation per word.

use crate::extract::text::fold_char;
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

/// Id of a word that is in no list.
pub const NO_WORD: u32 = u32::MAX;

/// Longest word, in bytes, packed into a number.
const PACKED_BYTES: usize = 16;

/// A word of at most 16 bytes as a number: its bytes, zero-padded, first
/// byte lowest. Folded words hold no zero byte, so two words have the same
/// number only when they are equal. Read with overlapping loads rather
/// than copied into a padded buffer: this runs for nearly every token.
fn packed(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    let len = bytes.len();
    let le_u64 = |from: usize| <[u8; 8]>::try_from(&bytes[from..from + 8]).map(u64::from_le_bytes);
    let le_u32 = |from: usize| <[u8; 4]>::try_from(&bytes[from..from + 4]).map(u32::from_le_bytes);
    let (low, high) = match len {
        0..4 => (bytes.iter().rev().fold(0u64, |key, &b| key << 8 | u64::from(b)), 0),
        4..8 => {
            // The last four bytes, moved to their place, overlap the first four.
            let (first, last) = (u64::from(le_u32(0).ok()?), u64::from(le_u32(len - 4).ok()?));
            (first | last << (8 * (len - 4)), 0)
        }
        8..=PACKED_BYTES => {
            // The last eight bytes, of which those past the eighth are kept.
            let (first, last) = (le_u64(0).ok()?, le_u64(len - 8).ok()?);
            (first, last.checked_shr(8 * (PACKED_BYTES - len) as u32).unwrap_or(0))
        }
        _ => return None,
    };
    Some(u128::from(low) | u128::from(high) << 64)
}

/// Bits of a packed word's hash that pick its bit in the filter.
const FILTER_BITS: u32 = 14;

/// Where a packed word's bit lies in [`Vocabulary::filter`].
fn filter_bit(key: u128) -> (usize, u64) {
    let mixed = (key as u64 ^ (key >> 64) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let bit = (mixed >> (64 - FILTER_BITS)) as usize;
    (bit / 64, 1 << (bit % 64))
}

/// The words of one or more lists, each with an id: `0..len()` in the order
/// they were first added.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    /// Words up to 16 bytes, by their bytes packed in a number.
    short: HashMap<u128, u32>,
    /// A bit set for every short word: most tokens of a text are in no
    /// list, and a clear bit says so without probing the map.
    filter: Box<[u64]>,
    long: HashMap<Box<str>, u32>,
    /// Bytes of the longest word: a longer token is no word, unhashed.
    longest: usize,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary {
            short: HashMap::default(),
            filter: vec![0; (1 << FILTER_BITS) / 64].into_boxed_slice(),
            long: HashMap::default(),
            longest: 0,
        }
    }
}

impl Vocabulary {
    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The id of `word` (folded, one token), added if new.
    pub fn insert(&mut self, word: &str) -> u32 {
        let next = u32::try_from(self.len()).expect("fewer than 4 billion words");
        self.longest = self.longest.max(word.len());
        match packed(word) {
            Some(key) => {
                let (slot, bit) = filter_bit(key);
                self.filter[slot] |= bit;
                *self.short.entry(key).or_insert(next)
            }
            None => *self.long.entry(word.into()).or_insert(next),
        }
    }

    /// The id of `word`, or [`NO_WORD`].
    pub fn id(&self, word: &str) -> u32 {
        if word.len() > self.longest {
            return NO_WORD;
        }
        let found = match packed(word) {
            Some(key) => {
                let (slot, bit) = filter_bit(key);
                if self.filter[slot] & bit == 0 {
                    return NO_WORD;
                }
                self.short.get(&key)
            }
            None => self.long.get(word),
        };
        found.copied().unwrap_or(NO_WORD)
    }
}

/// Folds a text's words one at a time, as [`crate::extract::text::fold`]
/// then [`crate::extract::text::tokens`] would split them, without folding
/// the whole text: each word is folded into a buffer reused for the next.
#[derive(Debug, Default)]
pub struct FoldedWords {
    word: String,
    /// The fold of one non-ASCII char.
    char_fold: String,
}

impl FoldedWords {
    /// Calls `each(word, bytes)` for every word of `text`, folded, with the
    /// bytes of `text` it comes from: from the char its first letter folds
    /// from to the end of the char its last letter folds from.
    pub fn scan(&mut self, text: &str, mut each: impl FnMut(&str, Range<usize>)) {
        let FoldedWords { word, char_fold } = self;
        word.clear();
        let bytes = text.as_bytes();
        // Where the word being read starts in `text`, and ends so far.
        let mut start: Option<usize> = None;
        let mut end = 0;
        let mut at = 0;
        while at < bytes.len() {
            let byte = bytes[at];
            if byte.is_ascii_alphanumeric() {
                // A run of ASCII letters and digits.
                let mut run_end = at;
                let mut capitals = false;
                while let Some(&b) = bytes.get(run_end).filter(|b| b.is_ascii_alphanumeric()) {
                    capitals |= b.is_ascii_uppercase();
                    run_end += 1;
                }
                let run = &text[at..run_end];
                // Most words are one run, already folded, followed by ASCII:
                // read from the text itself.
                let whole_word = start.is_none() && bytes.get(run_end).is_none_or(u8::is_ascii);
                if whole_word && !capitals {
                    each(run, at..run_end);
                } else {
                    start.get_or_insert(at);
                    let from = word.len();
                    word.push_str(run);
                    word[from..].make_ascii_lowercase();
                    end = run_end;
                }
                at = run_end;
            } else if byte.is_ascii() {
                if let Some(first) = start.take() {
                    each(word, first..end);
                    word.clear();
                }
                at += 1;
            } else {
                let Some(c) = text[at..].chars().next() else { break };
                let next = at + c.len_utf8();
                char_fold.clear();
                fold_char(c, char_fold);
                for folded in char_fold.chars() {
                    if folded.is_alphanumeric() {
                        start.get_or_insert(at);
                        word.push(folded);
                        end = next;
                    } else if let Some(first) = start.take() {
                        each(word, first..end);
                        word.clear();
                    }
                }
                at = next;
            }
        }
        if let Some(first) = start {
            each(word, first..end);
        }
    }
}

/// A text's words as vocabulary ids, with the bytes each comes from.
#[derive(Debug, Default)]
pub struct WordIds {
    pub ids: Vec<u32>,
    pub spans: Vec<Range<usize>>,
    words: FoldedWords,
}

impl WordIds {
    /// Replaces the ids and spans with those of `text`'s words.
    pub fn read(&mut self, text: &str, vocabulary: &Vocabulary) {
        let WordIds { ids, spans, words } = self;
        ids.clear();
        spans.clear();
        words.scan(text, |word, span| {
            ids.push(vocabulary.id(word));
            spans.push(span);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::{fold, fold_with_origin, tokens};

    /// Every word as `fold` then `tokens` give it, with its original bytes
    /// worked out through `fold_with_origin`.
    fn reference(text: &str) -> Vec<(String, Range<usize>)> {
        let folded = fold_with_origin(text);
        assert_eq!(folded.folded, fold(text));
        let char_starts: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        let mut char_of_byte = vec![0usize; folded.folded.len()];
        for (n, (b, c)) in folded.folded.char_indices().enumerate() {
            char_of_byte[b..b + c.len_utf8()].fill(n);
        }
        let original = |byte: usize| folded.origin[char_of_byte[byte]] as usize;
        tokens(&folded.folded)
            .iter()
            .map(|t| {
                let span = char_starts[original(t.start)]..char_starts[original(t.end - 1) + 1];
                (t.text.to_string(), span)
            })
            .collect()
    }

    #[test]
    fn scanned_words_are_the_folded_tokens() {
        let texts = [
            "",
            "   ",
            "Corée du Sud, l’Inde et les États-Unis",
            "ŒUVRES œuvre Straße 260\u{202f}000 €",
            "Hanoï—Séoul…ǅ\u{301}x 日本 AI 🙂 fin",
            "supercalculateurs exaflopiques123 Ⅻ ½",
            "a\u{0}b\u{1b}[31mc",
        ];
        let mut words = FoldedWords::default();
        for text in texts {
            let mut got = Vec::new();
            words.scan(text, |w, span| got.push((w.to_string(), span)));
            assert_eq!(got, reference(text), "text {text:?}");
        }
    }

    #[test]
    fn packed_words_are_their_padded_bytes() {
        let word = "abcdefghijklmnopq";
        for len in 0..=word.len() {
            let mut padded = [0u8; 16];
            let expected = (len <= 16).then(|| {
                padded[..len].copy_from_slice(&word.as_bytes()[..len]);
                u128::from_le_bytes(padded)
            });
            assert_eq!(packed(&word[..len]), expected, "length {len}");
        }
    }

    #[test]
    fn ids_of_short_and_long_words() {
        let mut vocabulary = Vocabulary::default();
        let long = "supercalculateurs";
        let ids = [vocabulary.insert("cloud"), vocabulary.insert(long), vocabulary.insert("cloud")];
        assert_eq!(ids, [0, 1, 0]);
        assert_eq!(vocabulary.len(), 2);
        assert_eq!([vocabulary.id("cloud"), vocabulary.id(long)], [0, 1]);
        for absent in ["", "clou", "clouds", "supercalculateur", "supercalculateurss"] {
            assert_eq!(vocabulary.id(absent), NO_WORD, "{absent:?}");
        }
    }
}
