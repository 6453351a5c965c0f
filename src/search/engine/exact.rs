//! Exact (`'word`) terms: a folded substring of a doc's key or body. Bodies
//! are kept as written and folded as a term reads them; a set of letter
//! pairs per body spares folding the bodies that cannot hold the term.

use super::{KEY_SEPARATOR, as_str};
use crate::extract::text::{fold_char, fold_into};
use crate::search::document::BodyText;
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

    /// Eight flag bytes to a bit each by one multiplication, no branch: a
    /// short body (a deal's few sentences) costs little more than its text.
    fn finish(&self) -> PairSet {
        let mut set = PairSet::default();
        for (word, seen) in set.0.iter_mut().zip(self.0[..usize::from(NO_PAIR)].chunks(64)) {
            *word = seen
                .chunks(8)
                .enumerate()
                .fold(0, |bits, (i, flags)| bits | u64::from(pack_flags(flags)) << (8 * i));
        }
        set
    }
}

/// Up to eight bytes, each 0 or 1, as the bits of one byte (the first
/// byte lowest). Each flag is multiplied onto bit 56 + its index and no two
/// products overlap, so no carry mixes them.
fn pack_flags(flags: &[u8]) -> u8 {
    let mut eight = [0u8; 8];
    eight[..flags.len()].copy_from_slice(flags);
    let word = u64::from_le_bytes(eight);
    (word.wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8
}

impl PairSet {
    /// The pairs of `body` folded. A newline is no letter, so no pair spans
    /// two lines (no term does either). One pass: ASCII bytes are looked
    /// up, other chars folded one at a time, no copy of the body is made.
    pub fn of_body(body: &str) -> PairSet {
        PairSet::of_lines(std::iter::once(body))
    }

    /// The pairs of texts each on its own lines, as if joined by newlines.
    pub fn of_lines<'a>(texts: impl IntoIterator<Item = &'a str>) -> PairSet {
        let mut pairs = PairBytes::new();
        let mut folded = String::new();
        let mut any = false;
        for text in texts {
            any |= !text.is_empty();
            let mut previous = NO_SYMBOL;
            let bytes = text.as_bytes();
            let mut at = 0;
            while let Some(&byte) = bytes.get(at) {
                if byte.is_ascii() {
                    previous = pairs.add_one(previous, byte);
                    at += 1;
                    continue;
                }
                // `at` is on a char boundary: every byte before it was a whole char.
                let Some(c) = text[at..].chars().next() else { break };
                folded.clear();
                fold_char(c, &mut folded);
                previous = pairs.add(previous, folded.as_bytes());
                at += c.len_utf8();
            }
        }
        if any { pairs.finish() } else { PairSet::default() }
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
pub(super) fn body_contains(body: &BodyText, term: &str, scratch: &mut String) -> bool {
    body.lines().any(|line| {
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

        /// Flag bytes pack to the bits they stand for, the first lowest.
        #[test]
        fn flags_pack_to_their_bits(flags in proptest::collection::vec(0u8..=1, 0..=8)) {
            let bits = flags.iter().enumerate().fold(0u8, |bits, (i, &flag)| bits | flag << i);
            prop_assert_eq!(pack_flags(&flags), bits);
        }

        /// Sentences kept apart hold the pairs of their text joined by newlines.
        #[test]
        fn pairs_of_lines_equal_pairs_of_the_joined_text(lines in proptest::collection::vec("[a-zA-Zéœ’ \n.-]{0,20}", 0..5)) {
            let joined = lines.join("\n");
            prop_assert_eq!(PairSet::of_lines(lines.iter().map(String::as_str)), PairSet::of_body(&joined));
        }

        /// The pair set never rules out a body that holds the term.
        #[test]
        fn pair_set_never_rules_out_a_match(body in "[a-zA-Zé0-9 \n.-]{0,80}", start in 0usize..80, len in 1usize..8) {
            let folded = fold(&body);
            let chars: Vec<char> = folded.chars().filter(|c| *c != '\n').collect();
            let start = start.min(chars.len());
            let term: String = chars[start..(start + len).min(chars.len())].iter().collect();
            let mut scratch = String::new();
            if !term.is_empty() && body_contains(&BodyText::Whole(body.as_str().into()), &term, &mut scratch) {
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
        let whole = BodyText::Whole(body.into());
        assert!(body_contains(&whole, "coree", &mut scratch));
        assert!(!body_contains(&whole, "coree\nun", &mut scratch), "a term never spans two paragraphs");
        let sentences = BodyText::Sentences(body.split('\n').map(Into::into).collect());
        assert!(body_contains(&sentences, "coree", &mut scratch));
        assert!(!body_contains(&sentences, "coree un", &mut scratch), "nor two sentences");
        assert!(key_contains(b"titre\xffcoree du sud", "coree"));
    }
}
