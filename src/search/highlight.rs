//! Highlighting: where the query's positive fuzzy and exact terms match in a
//! title (for the list) or in an article's text (for the reader and its n/N
//! jumps), mapped back to the original text.

use super::matcher;
use super::query::{Query, Term};
use crate::extract::text::{fold_with_origin, tokens};
use std::collections::BTreeSet;
use std::ops::Range;

/// Char indices in the ORIGINAL `title` matched by the query's positive
/// fuzzy and exact terms, ascending and deduplicated.
pub fn highlight_title(query: &Query, title: &str) -> Vec<usize> {
    let folded = fold_with_origin(title);
    let mut out = BTreeSet::new();
    for clause in query.clauses.iter().filter(|c| !c.negated) {
        match &clause.term {
            Term::Fuzzy(term) => {
                if let Some(pos) = matcher::match_positions(term, &folded.folded) {
                    out.extend(pos.into_iter().map(|p| folded.origin[p] as usize));
                }
            }
            Term::Exact(term) => {
                let starts: Vec<usize> = folded.folded.char_indices().map(|(b, _)| b).collect();
                for (b, m) in folded.folded.match_indices(term.as_str()) {
                    let first = starts.partition_point(|&s| s < b);
                    let n = m.chars().count();
                    out.extend((first..first + n).map(|p| folded.origin[p] as usize));
                }
            }
            Term::Country(_) | Term::Topic(_) | Term::Kind(_) | Term::Status(_) => {}
        }
    }
    out.into_iter().collect()
}

/// Most distinct words a query highlights: each one is a scan of the
/// reader's whole text, and a pasted filter can hold hundreds.
pub const MAX_HIGHLIGHT_WORDS: usize = 24;

/// The distinct words of the query's positive fuzzy and exact terms, the
/// first [`MAX_HIGHLIGHT_WORDS`] of them.
pub(crate) fn highlight_words(query: &Query) -> Vec<&str> {
    let mut words: Vec<&str> = Vec::new();
    for clause in query.clauses.iter().filter(|c| !c.negated) {
        let (Term::Fuzzy(term) | Term::Exact(term)) = &clause.term else { continue };
        for word in tokens(term) {
            if words.len() == MAX_HIGHLIGHT_WORDS {
                return words;
            }
            if !words.contains(&word.text) {
                words.push(word.text);
            }
        }
    }
    words
}

/// Byte ranges in the original `text` where a word of the query's positive
/// fuzzy or exact terms occurs as a folded substring; sorted and merged.
/// Used for highlighting in the reader and n/N jumps.
pub fn find_occurrences(query: &Query, text: &str) -> Vec<Range<usize>> {
    let words = highlight_words(query);
    if words.is_empty() {
        return Vec::new();
    }
    let folded = fold_with_origin(text);
    let orig_bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    let folded_starts: Vec<usize> = folded.folded.char_indices().map(|(b, _)| b).collect();
    let char_end = |ci: usize| orig_bytes.get(ci + 1).copied().unwrap_or(text.len());
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for word in words {
        for (b, m) in folded.folded.match_indices(word) {
            let first = folded_starts.partition_point(|&s| s < b);
            let last = first + m.chars().count() - 1;
            let start = orig_bytes[folded.origin[first] as usize];
            ranges.push(start..char_end(folded.origin[last] as usize));
        }
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}
