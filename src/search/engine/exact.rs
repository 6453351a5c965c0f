//! Exact (`'word`) terms: a folded substring of a doc's key or body. Bodies
//! are kept as written and folded as a term reads them; a set of letter
//! pairs per body spares folding the bodies that cannot hold the term.

use super::{KEY_SEPARATOR, as_str};
use crate::extract::text::{fold_char, fold_into};
use serde::{Deserialize, Serialize};

/// Which pairs of adjacent ASCII letters and digits folded text holds, one
/// bit each (36 x 36). A text holds a term only if its set holds every pair
/// of the term's; other bytes are not counted on either side.
/// Kept in the facts cache with each article, as its body's pairs cost
/// more to find than to read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairSet([u64; PAIR_WORDS]);

const PAIR_SYMBOLS: usize = 36;
const PAIR_WORDS: usize = (PAIR_SYMBOLS * PAIR_SYMBOLS).div_ceil(64);

impl Default for PairSet {
    fn default() -> PairSet {
        PairSet([0; PAIR_WORDS])
    }
}

/// Not a letter or digit: no pair on either side.
const NO_SYMBOL: u8 = PAIR_SYMBOLS as u8;

/// Each byte's symbol once folded, for ASCII: `a`-`z` (capitals too, as
/// folding lowers them) then `0`-`9`. Other bytes break pairs.
const SYMBOLS: [u8; 256] = {
    let mut table = [NO_SYMBOL; 256];
    let mut b = 0;
    while b < 26 {
        table[b'a' as usize + b] = b as u8;
        table[b'A' as usize + b] = b as u8;
        b += 1;
    }
    let mut d = 0;
    while d < 10 {
        table[b'0' as usize + d] = 26 + d as u8;
        d += 1;
    }
    table
};

/// Where the pair of two symbols is counted in a set being built: its bit,
/// or [`NO_PAIR`] when either side is no letter or digit. Indexed by
/// `previous * 37 + symbol`, symbols 0–35 and 36 for none.
const NO_PAIR: u16 = (PAIR_SYMBOLS * PAIR_SYMBOLS) as u16;
const PAIR_SLOTS: [u16; 37 * 37] = {
    let mut table = [NO_PAIR; 37 * 37];
    let mut a = 0;
    while a < PAIR_SYMBOLS {
        let mut b = 0;
        while b < PAIR_SYMBOLS {
            table[a * 37 + b] = (a * PAIR_SYMBOLS + b) as u16;
            b += 1;
        }
        a += 1;
    }
    table
};

/// A pair set being built: one byte per pair (plus one for none), so the
/// loop over a body stores without reading back.
struct PairBytes([u8; PAIR_SYMBOLS * PAIR_SYMBOLS + 1]);

impl PairBytes {
    fn new() -> PairBytes {
        PairBytes([0; PAIR_SYMBOLS * PAIR_SYMBOLS + 1])
    }

    /// Adds the pairs of `bytes` following a byte of symbol `previous`
    /// (36: none); returns the symbol of the last byte.
    fn add(&mut self, mut previous: u8, bytes: &[u8]) -> u8 {
        for &byte in bytes {
            previous = self.add_one(previous, byte);
        }
        previous
    }

    #[inline]
    fn add_one(&mut self, previous: u8, byte: u8) -> u8 {
        let symbol = SYMBOLS[usize::from(byte)];
        self.0[usize::from(PAIR_SLOTS[usize::from(previous) * 37 + usize::from(symbol)])] = 1;
        symbol
    }

    fn finish(&self) -> PairSet {
        let mut set = PairSet::default();
        for (bit, _) in self.0[..usize::from(NO_PAIR)].iter().enumerate().filter(|(_, seen)| **seen != 0) {
            set.0[bit / 64] |= 1 << (bit % 64);
        }
        set
    }
}

impl PairSet {
    /// The pairs of `body` folded. A newline is no letter, so no pair spans
    /// two lines (no term does either). One pass: ASCII bytes are looked
    /// up, other chars folded one at a time, no copy of the body is made.
    pub fn of_body(body: &str) -> PairSet {
        if body.is_empty() {
            return PairSet::default();
        }
        let mut pairs = PairBytes::new();
        let mut previous = NO_SYMBOL;
        let mut folded = String::new();
        let bytes = body.as_bytes();
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            if byte.is_ascii() {
                previous = pairs.add_one(previous, byte);
                at += 1;
                continue;
            }
            // `at` is on a char boundary: every byte before it was a whole char.
            let Some(c) = body[at..].chars().next() else { break };
            folded.clear();
            fold_char(c, &mut folded);
            previous = pairs.add(previous, folded.as_bytes());
            at += c.len_utf8();
        }
        pairs.finish()
    }

    /// The pairs of text already folded (a term).
    pub(super) fn of_folded(text: &str) -> PairSet {
        let mut pairs = PairBytes::new();
        pairs.add(NO_SYMBOL, text.as_bytes());
        pairs.finish()
    }

    pub(super) fn holds(&self, other: &PairSet) -> bool {
        self.0.iter().zip(&other.0).all(|(mine, theirs)| mine & theirs == *theirs)
    }
}

/// Whether `term` occurs in the key's title or one of its fields.
pub(super) fn key_contains(key: &[u8], term: &str) -> bool {
    key.split(|&b| b == KEY_SEPARATOR).any(|piece| as_str(piece).contains(term))
}

/// Whether folded `term` occurs in `body` once folded, line by line (a
/// term never spans two paragraphs), folding into `scratch`.
pub(super) fn body_contains(body: &str, term: &str, scratch: &mut String) -> bool {
    body.split('\n').any(|line| {
        scratch.clear();
        fold_into(line, scratch);
        scratch.contains(term)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::fold;
    use proptest::prelude::*;

    /// What a body's pairs are by definition: each line folded, then every
    /// two adjacent folded letters or digits.
    fn pairs_by_definition(body: &str) -> PairSet {
        let mut set = PairSet::default();
        for line in body.split('\n') {
            let folded = fold(line);
            for pair in folded.as_bytes().windows(2) {
                let (a, b) = (SYMBOLS[usize::from(pair[0])], SYMBOLS[usize::from(pair[1])]);
                if a != NO_SYMBOL && b != NO_SYMBOL {
                    let bit = usize::from(a) * PAIR_SYMBOLS + usize::from(b);
                    set.0[bit / 64] |= 1 << (bit % 64);
                }
            }
        }
        set
    }

    proptest! {
        /// The one-pass pair set is the definition's, accents, ligatures,
        /// capitals, digits and newlines included.
        #[test]
        fn one_pass_pairs_equal_folded_line_pairs(body in "[a-zA-Z0-9éÉœŒßçÇ’ \n.-]{0,80}") {
            prop_assert_eq!(PairSet::of_body(&body), pairs_by_definition(&body));
        }

        /// The pair set never rules out a body that holds the term.
        #[test]
        fn pair_set_never_rules_out_a_match(body in "[a-zA-Zé0-9 \n.-]{0,80}", start in 0usize..80, len in 1usize..8) {
            let folded = fold(&body);
            let chars: Vec<char> = folded.chars().filter(|c| *c != '\n').collect();
            let start = start.min(chars.len());
            let term: String = chars[start..(start + len).min(chars.len())].iter().collect();
            let mut scratch = String::new();
            if !term.is_empty() && body_contains(&body, &term, &mut scratch) {
                prop_assert!(PairSet::of_body(&body).holds(&PairSet::of_folded(&term)));
            }
        }
    }

    #[test]
    fn rules_out_a_body_missing_a_pair_and_finds_folded_words() {
        let body = "Le supercalculateur de la Corée\nUn second paragraphe.";
        let set = PairSet::of_body(body);
        assert!(set.holds(&PairSet::of_folded("coree")));
        assert!(!set.holds(&PairSet::of_folded("zz")));
        let mut scratch = String::new();
        assert!(body_contains(body, "coree", &mut scratch));
        assert!(!body_contains(body, "coree\nun", &mut scratch), "a term never spans two paragraphs");
        assert!(key_contains(b"titre\xffcoree du sud", "coree"));
    }
}
