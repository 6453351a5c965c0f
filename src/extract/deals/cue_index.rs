//! Phrases of folded words matched against a sentence's tokens: a trie of
//! words, so that finding every cue costs one lookup per token and then a
//! step per further word, whatever the number of phrases sharing a first
//! word ("the", "la", "en" start dozens). The trie is a few flat arrays:
//! it is read for nearly every token of every article.

use crate::extract::text::{Token, normalize_phrase};
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// Shortest prefix a `word*` pattern may have.
const MIN_PREFIX: usize = 4;

/// Not a word of any phrase; no node.
const NONE: u32 = u32::MAX;

/// One occurrence of a cue in a sentence's tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<V> {
    pub value: V,
    pub first: usize,
    pub end: usize,
}

/// A phrase and its value.
#[derive(Debug, Clone)]
struct Pattern<V> {
    len: usize,
    /// Its first word is a prefix: of two phrases as long, one whose first
    /// word is exact wins.
    prefix_first: bool,
    value: V,
}

/// One step of the trie while it is built.
#[derive(Debug, Clone, Default)]
struct BuildNode {
    /// Next exact words: (word id, node), sorted.
    exact: Vec<(u32, u32)>,
    /// Next prefix words (`livr*`), with their node.
    prefixed: Vec<(Box<str>, u32)>,
    /// Patterns whose last word leads here, in insertion order.
    ends: Vec<u32>,
}

/// One step of the trie as read: ranges into the index's flat arrays.
#[derive(Debug, Clone, Copy, Default)]
struct Node {
    exact: (u32, u32),
    prefixed: (u32, u32),
    ends: (u32, u32),
}

fn range((start, end): (u32, u32)) -> std::ops::Range<usize> {
    start as usize..end as usize
}

/// Phrases of folded words with values; prefix words allowed. At each
/// position the longest phrase wins (of two as long, one starting with an
/// exact word, then the first added), and matches do not overlap.
#[derive(Debug, Clone)]
pub struct CueIndex<V> {
    patterns: Vec<Pattern<V>>,
    /// Id of every exact word of any phrase up to 16 bytes long, by its
    /// bytes packed in a number: no string hashed or compared per token.
    short_words: HashMap<u128, u32>,
    /// Id of every longer exact word.
    long_words: HashMap<Box<str>, u32>,
    /// Bytes of the longest exact word: longer tokens are no word.
    longest_word: usize,
    /// The trie being built; node 0 is the root.
    building: Vec<BuildNode>,
    /// The trie as read, laid out at the first search after an insertion.
    flat: OnceLock<Flat>,
}

/// The trie laid out flat for reading.
#[derive(Debug, Clone, Default)]
struct Flat {
    nodes: Vec<Node>,
    exact_edges: Vec<(u32, u32)>,
    prefix_edges: Vec<(Box<str>, u32)>,
    ends: Vec<u32>,
    /// By word id: the root's child for that word, or [`NONE`]. The root
    /// has a child for most words: a table, not a search.
    first: Vec<u32>,
}

impl Flat {
    fn new(building: &[BuildNode], words: usize) -> Flat {
        let mut flat = Flat::default();
        let span = |start: usize, end: usize| (start as u32, end as u32);
        for node in building {
            let exact = flat.exact_edges.len();
            flat.exact_edges.extend_from_slice(&node.exact);
            let prefixed = flat.prefix_edges.len();
            flat.prefix_edges.extend(node.prefixed.iter().cloned());
            let ends = flat.ends.len();
            flat.ends.extend_from_slice(&node.ends);
            flat.nodes.push(Node {
                exact: span(exact, flat.exact_edges.len()),
                prefixed: span(prefixed, flat.prefix_edges.len()),
                ends: span(ends, flat.ends.len()),
            });
        }
        flat.first = vec![NONE; words];
        for &(word, child) in &building[0].exact {
            flat.first[word as usize] = child;
        }
        flat
    }

    /// The node `word` leads to from `node`, if any.
    fn exact_child(&self, node: &Node, word: u32) -> Option<u32> {
        let edges = &self.exact_edges[range(node.exact)];
        let at = edges.binary_search_by_key(&word, |&(w, _)| w).ok()?;
        Some(edges[at].1)
    }

    fn has_prefixes(&self, node: u32) -> bool {
        !range(self.nodes[node as usize].prefixed).is_empty()
    }
}

impl<V> Default for CueIndex<V> {
    fn default() -> Self {
        CueIndex {
            patterns: Vec::new(),
            short_words: HashMap::default(),
            long_words: HashMap::default(),
            longest_word: 0,
            building: vec![BuildNode::default()],
            flat: OnceLock::new(),
        }
    }
}

/// A word of at most 16 bytes as a number: its bytes, zero-padded. Words
/// hold no zero byte, so two words have the same number only when equal.
fn packed(word: &str) -> Option<u128> {
    if word.len() > 16 {
        return None;
    }
    Some(word.bytes().rev().fold(0u128, |key, b| key << 8 | u128::from(b)))
}

impl<V> CueIndex<V> {
    fn word_count(&self) -> usize {
        self.short_words.len() + self.long_words.len()
    }

    /// The id of a word of any phrase.
    fn word_id(&self, word: &str) -> Option<u32> {
        if word.len() > self.longest_word {
            return None;
        }
        match packed(word) {
            Some(key) => self.short_words.get(&key).copied(),
            None => self.long_words.get(word).copied(),
        }
    }
}

impl<V: Copy> CueIndex<V> {
    /// Adds a phrase; `Err` for a prefix shorter than [`MIN_PREFIX`] or a
    /// phrase with no word.
    pub fn insert(&mut self, phrase: &str, value: V) -> Result<(), String> {
        // (word, is a prefix)
        let mut words: Vec<(String, bool)> = Vec::new();
        for raw in phrase.split_whitespace() {
            let prefix = raw.ends_with('*');
            let normalised = normalize_phrase(raw.trim_end_matches('*'));
            let parts: Vec<&str> = normalised.split(' ').filter(|w| !w.is_empty()).collect();
            for (i, part) in parts.iter().enumerate() {
                let is_prefix = prefix && i + 1 == parts.len();
                if is_prefix && part.chars().count() < MIN_PREFIX {
                    return Err(format!("prefix {raw:?} is shorter than {MIN_PREFIX} letters"));
                }
                words.push((part.to_string(), is_prefix));
            }
        }
        let Some(&(_, prefix_first)) = words.first() else { return Err(format!("{phrase:?} has no word")) };
        let index = u32::try_from(self.patterns.len()).map_err(|_| "too many phrases".to_string())?;
        let mut node = 0usize;
        for (word, prefix) in &words {
            node = if *prefix { self.prefix_child(node, word) } else { self.exact_child_or_new(node, word) };
        }
        self.building[node].ends.push(index);
        self.patterns.push(Pattern { len: words.len(), prefix_first, value });
        self.flat = OnceLock::new();
        Ok(())
    }

    fn new_node(&mut self) -> u32 {
        self.building.push(BuildNode::default());
        (self.building.len() - 1) as u32
    }

    fn exact_child_or_new(&mut self, node: usize, word: &str) -> usize {
        let next_id = self.word_count() as u32;
        let id = match packed(word) {
            Some(key) => *self.short_words.entry(key).or_insert(next_id),
            None => *self.long_words.entry(word.into()).or_insert(next_id),
        };
        self.longest_word = self.longest_word.max(word.len());
        let exact = &self.building[node].exact;
        let at = exact.partition_point(|&(w, _)| w < id);
        let child = match exact.get(at) {
            Some(&(w, child)) if w == id => child,
            _ => {
                let child = self.new_node();
                self.building[node].exact.insert(at, (id, child));
                child
            }
        };
        child as usize
    }

    fn prefix_child(&mut self, node: usize, word: &str) -> usize {
        let child = match self.building[node].prefixed.iter().find(|(p, _)| **p == *word) {
            Some(&(_, child)) => child,
            None => {
                let child = self.new_node();
                self.building[node].prefixed.push((word.into(), child));
                child
            }
        };
        child as usize
    }

    /// Every non-overlapping occurrence, left to right, longest first.
    pub fn find(&self, toks: &[Token<'_>]) -> Vec<Hit<V>> {
        let mut out = Vec::new();
        self.find_each::<1>(toks, &mut Vec::new(), |_| 0, |hit| out.push(hit));
        out
    }

    /// [`CueIndex::find`] for several categories at once: matches of one
    /// category do not overlap each other, but may overlap another
    /// category's, as if each category had its own index; one walk per
    /// token serves them all. `category` maps a value to `0..CATEGORIES`.
    /// Hits come left to right; those starting at one token, by category.
    /// `ids` is a buffer for the tokens' word ids.
    pub fn find_each<const CATEGORIES: usize>(
        &self,
        toks: &[Token<'_>],
        ids: &mut Vec<u32>,
        category: impl Fn(&V) -> usize,
        mut hit: impl FnMut(Hit<V>),
    ) {
        let flat = self.flat.get_or_init(|| Flat::new(&self.building, self.word_count()));
        ids.clear();
        ids.extend(toks.iter().map(|t| self.word_id(t.text).unwrap_or(NONE)));
        let root_prefixes = flat.has_prefixes(0);
        // Per category: the first token a new match may start at.
        let mut free = [0usize; CATEGORIES];
        let rank = |i: u32| {
            let p = &self.patterns[i as usize];
            (std::cmp::Reverse(p.len), p.prefix_first, i)
        };
        for at in 0..toks.len() {
            let first = flat.first.get(ids[at] as usize).copied().unwrap_or(NONE);
            if first == NONE && !root_prefixes {
                continue;
            }
            // Per category: the best pattern starting here.
            let mut best: [Option<u32>; CATEGORIES] = [None; CATEGORIES];
            let mut ended = |pattern: u32| {
                let c = category(&self.patterns[pattern as usize].value);
                if at >= free[c] && best[c].is_none_or(|b| rank(pattern) < rank(b)) {
                    best[c] = Some(pattern);
                }
            };
            if first != NONE {
                self.walk(flat, first, 1, at, toks, ids, &mut ended);
            }
            if root_prefixes {
                self.walk_prefixes(flat, 0, 0, at, toks, ids, &mut ended);
            }
            for (c, chosen) in best.iter().enumerate() {
                if let Some(pattern) = *chosen {
                    let p = &self.patterns[pattern as usize];
                    let end = at + p.len;
                    hit(Hit { value: p.value, first: at, end });
                    free[c] = end;
                }
            }
        }
    }

    /// Calls `ended` for every pattern matching the tokens from `at`, the
    /// trie's `node` standing for the `depth` tokens read so far.
    #[allow(clippy::too_many_arguments)]
    fn walk(
        &self,
        flat: &Flat,
        node: u32,
        depth: usize,
        at: usize,
        toks: &[Token<'_>],
        ids: &[u32],
        ended: &mut impl FnMut(u32),
    ) {
        let read = &flat.nodes[node as usize];
        for &pattern in &flat.ends[range(read.ends)] {
            ended(pattern);
        }
        let Some(&id) = ids.get(at + depth) else { return };
        if let Some(child) = flat.exact_child(read, id) {
            self.walk(flat, child, depth + 1, at, toks, ids, ended);
        }
        if flat.has_prefixes(node) {
            self.walk_prefixes(flat, node, depth, at, toks, ids, ended);
        }
    }

    /// [`CueIndex::walk`] on from `node` through its prefix words.
    #[allow(clippy::too_many_arguments)]
    fn walk_prefixes(
        &self,
        flat: &Flat,
        node: u32,
        depth: usize,
        at: usize,
        toks: &[Token<'_>],
        ids: &[u32],
        ended: &mut impl FnMut(u32),
    ) {
        let Some(token) = toks.get(at + depth) else { return };
        for (prefix, child) in &flat.prefix_edges[range(flat.nodes[node as usize].prefixed)] {
            if token.text.starts_with(&**prefix) {
                self.walk(flat, *child, depth + 1, at, toks, ids, ended);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::{fold, tokens};

    fn find_by_parity(index: &CueIndex<u32>, text: &str) -> Vec<(u32, usize, usize)> {
        let folded = fold(text);
        let mut out = Vec::new();
        let parity = |v: &u32| (*v % 2) as usize;
        index.find_each::<2>(&tokens(&folded), &mut Vec::new(), parity, |h| {
            out.push((h.value, h.first, h.end))
        });
        out
    }

    #[test]
    fn longest_then_exact_then_first_added() {
        let mut index = CueIndex::default();
        index.insert("livr* de", 2).unwrap();
        index.insert("livrer de", 4).unwrap();
        index.insert("centre", 6).unwrap();
        index.insert("centre", 8).unwrap();
        index.insert("centre de calcul", 10).unwrap();
        index.insert("de", 1).unwrap();
        // Equally long: the phrase starting with an exact word wins, and of
        // two identical phrases the first added; "de" is another category
        // and may overlap.
        assert_eq!(find_by_parity(&index, "livrer de"), [(4, 0, 2), (1, 1, 2)]);
        assert_eq!(find_by_parity(&index, "livrera de"), [(2, 0, 2), (1, 1, 2)]);
        assert_eq!(find_by_parity(&index, "un centre de calcul"), [(10, 1, 4), (1, 2, 3)]);
        assert_eq!(find_by_parity(&index, "un centre de"), [(6, 1, 2), (1, 2, 3)]);
        // Within a category, matches do not overlap.
        assert_eq!(find_by_parity(&index, "livrer de de"), [(4, 0, 2), (1, 1, 2), (1, 2, 3)]);
        let long = "supercalculateurs exaflopiques";
        index.insert(long, 12).unwrap();
        assert_eq!(find_by_parity(&index, long), [(12, 0, 2)]);
    }
}
