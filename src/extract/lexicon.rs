//! Reading the word lists in `assets/` and finding their phrases in text.
//!
//! Every list is a UTF-8 text file embedded at build time: one entry a line,
//! `#` starts a comment, fields separated by tabs, alternatives inside a
//! field separated by `|`. Phrases are compared in normalised form (folded
//! case and accents, punctuation as word breaks), on whole words only.

mod words;

pub use words::{FoldedWords, NO_WORD, Vocabulary, WordIds};

use super::text::{Token, normalize_phrase};

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
        self.phrases.values.is_empty()
    }

    /// Finds non-overlapping occurrences, scanning left to right and taking
    /// the longest phrase at each position.
    pub fn find<'v>(&'v self, toks: &[Token<'_>]) -> Vec<PhraseMatch<'v, V>> {
        let mut out = Vec::new();
        self.phrases.find_each(toks, |_, hit| out.push(hit));
        out
    }

    /// [`PhraseIndex::find`] over words already read as ids of this index's
    /// vocabulary (see [`PhraseIndex::read_words`]).
    pub fn find_in_ids<'v>(&'v self, ids: &[u32]) -> Vec<PhraseMatch<'v, V>> {
        let mut out = Vec::new();
        self.phrases.find_each_in_ids(ids, |_, hit| out.push(hit));
        out
    }

    /// Reads `text`'s words as ids of this index's vocabulary into `words`.
    pub fn read_words(&self, text: &str, words: &mut WordIds) {
        words.read(text, &self.phrases.words);
    }

    /// Convenience: folds and tokenises `text`, then finds phrases in it.
    pub fn find_in<'v>(&'v self, text: &str) -> Vec<&'v V> {
        let mut words = WordIds::default();
        self.read_words(text, &mut words);
        self.find_in_ids(&words.ids).into_iter().map(|m| m.value).collect()
    }
}

/// Most layers a [`PhraseLayers`] may have: one bit each in a word.
const MAX_LAYERS: usize = 64;

/// Not a node of the trie.
const NO_NODE: u32 = u32::MAX;

/// One step of the phrase trie: the phrases ending here and the next words.
#[derive(Debug, Clone, Default)]
struct Node {
    /// (layer, value) of the first phrase of each layer ending here, by
    /// layer: an identical phrase added later to a layer never wins.
    ends: Vec<(u32, u32)>,
    /// (word id, node), sorted by word id.
    next: Vec<(u32, u32)>,
}

/// Several phrase lists ("layers") matched independently, each left to
/// right, taking the longest phrase at each position, with no overlaps
/// within a layer; one walk per token serves all of them. Phrases are a
/// trie of word ids, so a token costs one lookup of its packed bytes and
/// then a step per further word, however many phrases share a first word.
#[derive(Debug, Clone)]
pub struct PhraseLayers<V> {
    layers: usize,
    words: Vocabulary,
    values: Vec<V>,
    /// Node 0 is the root.
    nodes: Vec<Node>,
    /// By word id: the root's child for that word, or [`NO_NODE`]; a table
    /// rather than a search, as it is read for every token.
    first: Vec<u32>,
}

impl<V> PhraseLayers<V> {
    /// Lists of phrases for `layers` layers, at most 64.
    pub fn new(layers: usize) -> Self {
        assert!(layers <= MAX_LAYERS, "{layers} layers, at most {MAX_LAYERS}");
        PhraseLayers {
            layers,
            words: Vocabulary::default(),
            values: Vec::new(),
            nodes: vec![Node::default()],
            first: Vec::new(),
        }
    }

    /// Adds `phrase` (any case, accents, punctuation) to `layer`.
    pub fn insert(&mut self, layer: usize, phrase: &str, value: V) {
        assert!(layer < self.layers, "layer {layer} of {}", self.layers);
        let normalised = normalize_phrase(phrase);
        let mut node = NO_NODE;
        for word in normalised.split(' ').filter(|w| !w.is_empty()) {
            let id = self.words.insert(word);
            self.first.resize(self.words.len(), NO_NODE);
            node = if node == NO_NODE { self.first_child(id) } else { self.child(node, id) };
        }
        if node == NO_NODE {
            return;
        }
        let ends = &mut self.nodes[node as usize].ends;
        let layer = layer as u32;
        let at = ends.partition_point(|&(l, _)| l < layer);
        if ends.get(at).is_none_or(|&(l, _)| l != layer) {
            let value_index = u32::try_from(self.values.len()).expect("fewer than 4 billion phrases");
            ends.insert(at, (layer, value_index));
            self.values.push(value);
        }
    }

    fn new_node(&mut self) -> u32 {
        self.nodes.push(Node::default());
        u32::try_from(self.nodes.len() - 1).expect("fewer than 4 billion nodes")
    }

    fn first_child(&mut self, word: u32) -> u32 {
        if self.first[word as usize] == NO_NODE {
            self.first[word as usize] = self.new_node();
        }
        self.first[word as usize]
    }

    fn child(&mut self, node: u32, word: u32) -> u32 {
        let next = &self.nodes[node as usize].next;
        let at = next.partition_point(|&(w, _)| w < word);
        match next.get(at) {
            Some(&(w, child)) if w == word => child,
            _ => {
                let child = self.new_node();
                self.nodes[node as usize].next.insert(at, (word, child));
                child
            }
        }
    }

    /// Whether `layer` has no phrase.
    pub fn layer_is_empty(&self, layer: usize) -> bool {
        !self.nodes.iter().flat_map(|n| &n.ends).any(|&(l, _)| l as usize == layer)
    }

    /// Reads `text`'s words as ids of these phrases' vocabulary into `words`.
    pub fn read_words(&self, text: &str, words: &mut WordIds) {
        words.read(text, &self.words);
    }

    /// Calls `hit(layer, match)` for every match of every layer; within a
    /// layer, in token order.
    pub fn find_each<'v>(&'v self, toks: &[Token<'_>], hit: impl FnMut(usize, PhraseMatch<'v, V>)) {
        self.find_each_by(toks.len(), |at| self.words.id(toks[at].text), hit);
    }

    /// [`PhraseLayers::find_each`] over words already read as ids (see
    /// [`PhraseLayers::read_words`]).
    pub fn find_each_in_ids<'v>(&'v self, ids: &[u32], hit: impl FnMut(usize, PhraseMatch<'v, V>)) {
        self.find_each_by(ids.len(), |at| ids[at], hit);
    }

    /// [`PhraseLayers::find_each`] over `len` tokens whose ids `id_at` gives.
    fn find_each_by<'v>(
        &'v self,
        len: usize,
        id_at: impl Fn(usize) -> u32,
        mut hit: impl FnMut(usize, PhraseMatch<'v, V>),
    ) {
        // Per layer, the first token its next match may start at.
        let mut next_free = [0usize; MAX_LAYERS];
        // Per layer, the value and length of the longest phrase starting at
        // the current token; valid where `found` has the layer's bit.
        let mut longest = [(0u32, 0usize); MAX_LAYERS];
        for at in 0..len {
            let Some(&first) = self.first.get(id_at(at) as usize) else { continue };
            if first == NO_NODE {
                continue;
            }
            let mut found = 0u64;
            let mut node = &self.nodes[first as usize];
            let mut words = 1;
            loop {
                // Deeper nodes come later: a longer phrase replaces a shorter.
                for &(layer, value) in &node.ends {
                    if at >= next_free[layer as usize] {
                        found |= 1 << layer;
                        longest[layer as usize] = (value, words);
                    }
                }
                if at + words >= len || node.next.is_empty() {
                    break;
                }
                let id = id_at(at + words);
                let Ok(step) = node.next.binary_search_by_key(&id, |&(w, _)| w) else { break };
                node = &self.nodes[node.next[step].1 as usize];
                words += 1;
            }
            while found != 0 {
                let layer = found.trailing_zeros() as usize;
                found &= found - 1;
                let (value, words) = longest[layer];
                next_free[layer] = at + words;
                let value = &self.values[value as usize];
                hit(layer, PhraseMatch { value, first_token: at, end_token: at + words });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::{fold, tokens};

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
            let folded = fold(text);
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

    /// The matching rule spelled out: per layer, at each token not inside
    /// an earlier match, the longest phrase there, of two identical ones
    /// the first added.
    fn brute_force<'p>(
        phrases: &[(usize, &'p str)],
        layers: usize,
        text: &str,
    ) -> Vec<(usize, &'p str, usize, usize)> {
        let folded = fold(text);
        let toks: Vec<&str> = tokens(&folded).iter().map(|t| t.text).collect();
        let mut out = Vec::new();
        let mut next_free = vec![0; layers];
        for at in 0..toks.len() {
            for (layer, free) in next_free.iter_mut().enumerate() {
                if at < *free {
                    continue;
                }
                let mut best: Option<(&str, usize)> = None;
                for &(_, phrase) in phrases.iter().filter(|(l, _)| *l == layer) {
                    let normalised = normalize_phrase(phrase);
                    let words: Vec<&str> = normalised.split(' ').filter(|w| !w.is_empty()).collect();
                    let matches = !words.is_empty()
                        && words.len() <= toks.len() - at
                        && words.iter().zip(&toks[at..]).all(|(w, t)| w == t);
                    if matches && best.is_none_or(|(_, n)| words.len() > n) {
                        best = Some((phrase, words.len()));
                    }
                }
                if let Some((phrase, n)) = best {
                    *free = at + n;
                    out.push((layer, phrase, at, at + n));
                }
            }
        }
        out
    }

    #[test]
    fn trie_matches_the_rule_spelled_out() {
        let phrases: Vec<(usize, &str)> = vec![
            (0, "data"),
            (0, "data center"),
            (0, "Data-Center"),
            (0, "data center campus"),
            (1, "center"),
            (1, "center campus"),
            (1, "un"),
            (2, "supercalculateurs exaflopiques"),
            (2, "exaflopiques"),
            (2, "un data center campus geant"),
            (2, "..."),
            (3, "campus"),
            (3, "Campus"),
        ];
        let mut layers = PhraseLayers::new(4);
        for &(layer, phrase) in &phrases {
            layers.insert(layer, phrase, phrase);
        }
        let texts = [
            "un data center campus geant, un data center campus, data data center",
            "Supercalculateurs exaflopiques; exaflopiques supercalculateurs",
            "center campus center data-center-campus",
            "un data center campus",
            "",
        ];
        for text in texts {
            let folded = fold(text);
            let toks = tokens(&folded);
            let mut got = Vec::new();
            layers.find_each(&toks, |layer, m| got.push((layer, *m.value, m.first_token, m.end_token)));
            got.sort_by_key(|&(layer, _, first, _)| (first, layer));
            assert_eq!(got, brute_force(&phrases, 4, text), "text {text:?}");
            let mut words = WordIds::default();
            layers.read_words(text, &mut words);
            let mut by_ids = Vec::new();
            layers.find_each_in_ids(&words.ids, |layer, m| {
                by_ids.push((layer, *m.value, m.first_token, m.end_token))
            });
            by_ids.sort_by_key(|&(layer, _, first, _)| (first, layer));
            assert_eq!(by_ids, got, "text {text:?}");
        }
    }
}
