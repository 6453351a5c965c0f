//! Exact (`'word`) terms: a folded substring of a doc's key or body. Bodies
//! are kept as written and folded as a term reads them; a set of letter
//! pairs per body spares folding the bodies that cannot hold the term.

use super::{KEY_SEPARATOR, as_str};
use crate::extract::text::fold_into;

/// Which pairs of adjacent ASCII letters and digits folded text holds, one
/// bit each (36 x 36). A text holds a term only if its set holds every pair
/// of the term's; other bytes are not counted on either side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PairSet([u64; PAIR_WORDS]);

const PAIR_SYMBOLS: usize = 36;
const PAIR_WORDS: usize = (PAIR_SYMBOLS * PAIR_SYMBOLS).div_ceil(64);

impl Default for PairSet {
    fn default() -> PairSet {
        PairSet([0; PAIR_WORDS])
    }
}

fn pair_symbol(byte: u8) -> Option<usize> {
    match byte {
        b'a'..=b'z' => Some(usize::from(byte - b'a')),
        b'0'..=b'9' => Some(26 + usize::from(byte - b'0')),
        _ => None,
    }
}

impl PairSet {
    /// The pairs of `body` folded, line by line (no term spans two lines).
    pub(super) fn of_body(body: &str) -> PairSet {
        let mut set = PairSet::default();
        let mut folded = String::new();
        for line in body.split('\n') {
            folded.clear();
            fold_into(line, &mut folded);
            set.add(&folded);
        }
        set
    }

    pub(super) fn of_folded(text: &str) -> PairSet {
        let mut set = PairSet::default();
        set.add(text);
        set
    }

    fn add(&mut self, folded: &str) {
        for pair in folded.as_bytes().windows(2) {
            if let (Some(a), Some(b)) = (pair_symbol(pair[0]), pair_symbol(pair[1])) {
                let bit = a * PAIR_SYMBOLS + b;
                self.0[bit / 64] |= 1 << (bit % 64);
            }
        }
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

    proptest! {
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
