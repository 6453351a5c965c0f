//! Reading the word lists in `assets/` and finding their phrases in text.
//!
//! Every list is a UTF-8 text file embedded at build time: one entry a line,
//! `#` starts a comment, fields separated by tabs, alternatives inside a
//! field separated by `|`. Phrases are compared in normalised form (folded
//! case and accents, punctuation as word breaks), on whole words only.

use super::text::{Token, normalize_phrase, tokens};
use rustc_hash::FxHashMap as HashMap;

/// The non-empty, non-comment lines of a data file, split on tabs and trimmed.
pub fn data_rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// Splits a `a|b|c` field into its non-empty alternatives.
pub fn alternatives(field: &str) -> impl Iterator<Item = &str> {
    field.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// One occurrence of a phrase in a token sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseMatch<'v, V> {
    pub value: &'v V,
    /// Index of the first and one past the last token matched.
    pub first_token: usize,
    pub end_token: usize,
}

/// A set of multi-word phrases, each carrying a value, matched on whole
/// words against normalised text. Longest phrase wins where two overlap.
/// One layer of [`PhraseLayers`].
#[derive(Debug, Clone)]
pub struct PhraseIndex<V> {
    phrases: PhraseLayers<V>,
}

impl<V> Default for PhraseIndex<V> {
    fn default() -> Self {
        PhraseIndex { phrases: PhraseLayers::new(1) }
    }
}

impl<V> PhraseIndex<V> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `phrase` (any case, accents, punctuation) with its value.
    pub fn insert(&mut self, phrase: &str, value: V) {
        self.phrases.insert(0, phrase, value);
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.by_first_word.is_empty()
    }

    /// Finds non-overlapping occurrences, scanning left to right and taking
    /// the longest phrase at each position.
    pub fn find<'v>(&'v self, toks: &[Token<'_>]) -> Vec<PhraseMatch<'v, V>> {
        let mut out = Vec::new();
        self.phrases.find_each(toks, |_, hit| out.push(hit));
        out
    }

    /// Convenience: folds and tokenises `text`, then finds phrases in it.
    pub fn find_in<'v>(&'v self, text: &str) -> Vec<&'v V> {
        let folded = super::text::fold(text);
        let toks = tokens(&folded);
        self.find(&toks).into_iter().map(|m| m.value).collect()
    }
}

/// Several phrase lists ("layers") matched independently, each left to
/// right, taking the longest phrase at each position, with no overlaps
/// within a layer; one lookup per token serves all of them.
#[derive(Debug, Clone)]
pub struct PhraseLayers<V> {
    layers: usize,
    /// By first word: (layer, words, value), grouped by layer, longest first
    /// within a layer.
    by_first_word: HashMap<String, Vec<(usize, Vec<String>, V)>>,
}

impl<V> PhraseLayers<V> {
    pub fn new(layers: usize) -> Self {
        PhraseLayers { layers, by_first_word: HashMap::default() }
    }

    /// Adds `phrase` (any case, accents, punctuation) to `layer`.
    pub fn insert(&mut self, layer: usize, phrase: &str, value: V) {
        assert!(layer < self.layers, "layer {layer} of {}", self.layers);
        let words: Vec<String> =
            normalize_phrase(phrase).split(' ').filter(|w| !w.is_empty()).map(String::from).collect();
        let Some(first) = words.first().cloned() else { return };
        let entries = self.by_first_word.entry(first).or_default();
        entries.push((layer, words, value));
        // Stable: phrases of one layer and length keep their file order.
        entries.sort_by_key(|(layer, w, _)| (*layer, std::cmp::Reverse(w.len())));
    }

    /// Whether `layer` has no phrase.
    pub fn layer_is_empty(&self, layer: usize) -> bool {
        !self.by_first_word.values().flatten().any(|(l, _, _)| *l == layer)
    }

    /// Calls `hit(layer, match)` for every match of every layer; within a
    /// layer, in token order.
    pub fn find_each<'v>(&'v self, toks: &[Token<'_>], mut hit: impl FnMut(usize, PhraseMatch<'v, V>)) {
        // Per layer, the first token its next match may start at; on the
        // stack for the usual few layers (this runs once per sentence).
        let mut on_stack = [0usize; 16];
        let mut on_heap = Vec::new();
        let next_free: &mut [usize] = if self.layers <= on_stack.len() {
            &mut on_stack[..self.layers]
        } else {
            on_heap.resize(self.layers, 0);
            &mut on_heap
        };
        for i in 0..toks.len() {
            let Some(candidates) = self.by_first_word.get(toks[i].text) else { continue };
            let mut group = candidates.as_slice();
            while let Some((layer, _, _)) = group.first() {
                let layer = *layer;
                let len = group.iter().take_while(|(l, _, _)| *l == layer).count();
                let (this, rest) = group.split_at(len);
                group = rest;
                if i < next_free[layer] {
                    continue;
                }
                let matched = this.iter().find(|(_, words, _)| {
                    words.len() <= toks.len() - i && words.iter().zip(&toks[i..]).all(|(w, t)| w == t.text)
                });
                if let Some((_, words, value)) = matched {
                    next_free[layer] = i + words.len();
                    hit(layer, PhraseMatch { value, first_token: i, end_token: i + words.len() });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_skip_comments_and_blank_lines() {
        let rows: Vec<_> =
            data_rows("# header\n\nKR\tSouth Korea\tcorée|korea \n  # indented comment\n").collect();
        assert_eq!(rows, vec![vec!["KR", "South Korea", "corée|korea"]]);
        assert_eq!(alternatives("a| b||c ").collect::<Vec<_>>(), ["a", "b", "c"]);
    }

    #[test]
    fn layers_match_as_separate_indexes_would() {
        let lists: [&[&str]; 3] = [
            &["cloud", "cloud souverain", "data"],
            &["souverain", "fonds souverain"],
            &["data center", "center"],
        ];
        let mut layers = PhraseLayers::new(lists.len());
        let mut separate: Vec<PhraseIndex<&str>> = Vec::new();
        for (layer, phrases) in lists.iter().enumerate() {
            let mut index = PhraseIndex::new();
            for phrase in *phrases {
                layers.insert(layer, phrase, *phrase);
                index.insert(phrase, *phrase);
            }
            separate.push(index);
        }
        for text in
            ["un cloud souverain et un fonds souverain", "data center cloud data", "", "souverain souverain"]
        {
            let folded = super::super::text::fold(text);
            let toks = tokens(&folded);
            let mut got: Vec<Vec<(&str, usize, usize)>> = vec![Vec::new(); lists.len()];
            layers.find_each(&toks, |layer, m| got[layer].push((*m.value, m.first_token, m.end_token)));
            for (layer, index) in separate.iter().enumerate() {
                let expected: Vec<_> =
                    index.find(&toks).into_iter().map(|m| (*m.value, m.first_token, m.end_token)).collect();
                assert_eq!(got[layer], expected, "text {text:?}, layer {layer}");
            }
        }
        assert!(!layers.layer_is_empty(2));
    }

    #[test]
    fn finds_whole_word_phrases_longest_first() {
        let mut index = PhraseIndex::new();
        index.insert("Corée", "corea");
        index.insert("Corée du Sud", "south");
        index.insert("Chine", "china");
        let cases: [(&str, Vec<&str>); 5] = [
            ("La Corée du Sud et la Chine", vec!["south", "china"]),
            ("la coree, puis la CHINE.", vec!["corea", "china"]),
            ("une machine chinoise", vec![]),
            ("Corée du Nord", vec!["corea"]),
            ("", vec![]),
        ];
        for (text, expected) in cases {
            let found: Vec<&str> = index.find_in(text).into_iter().copied().collect();
            assert_eq!(found, expected, "text {text:?}");
        }
    }
}
