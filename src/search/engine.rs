//! The search engine: evaluates a parsed query over the documents, ranks the
//! hits, applies the facet selection and computes live facet counts. Also
//! owns highlighting (which chars of a title, which byte ranges of a text).

use super::document::SearchDoc;
use super::matcher::{self, MATCH_SCORE};
use super::query::{Clause, Query, Term};
use crate::corpus::model::Topic;
use crate::extract::text::{fold_with_origin, tokens};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// Facet selections from the UI: values within a facet are OR-ed, facets
/// are AND-ed; the same filter the store and the CLI use.
pub type Selection = crate::corpus::FacetFilter;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchOutcome {
    /// Doc indices shown: score desc, then date desc, then doc index asc.
    pub hits: Vec<u32>,
    /// Doc indices matching the query alone (selection ignored), ascending.
    /// Pass these as `candidates` when the next query is a refinement.
    pub matched: Vec<u32>,
    /// Per primary-country code: hits if that country were the only country
    /// selected. Count desc, then code.
    pub country_counts: Vec<(String, usize)>,
    /// Per topic, `Topic::ALL` order: hits if that topic were the only topic
    /// selected.
    pub topic_counts: Vec<(Topic, usize)>,
}

#[derive(Debug, Default)]
pub struct SearchIndex {
    docs: Vec<SearchDoc>,
    countries: BTreeSet<String>,
}

/// Ranking bonus when a fuzzy term is a plain substring at a word start of
/// the field: frizbee runs without bonuses (see `matcher::GAP_BUDGET`), so
/// "coree" must be told apart from "sud-coreenne" here.
const WORD_START_BONUS: u32 = MATCH_SCORE as u32;
/// Ranking bonus for a match in the title rather than a side field.
const TITLE_BONUS: u32 = 2;

impl SearchIndex {
    pub fn new() -> SearchIndex {
        SearchIndex::default()
    }

    pub fn push(&mut self, doc: SearchDoc) {
        if let Some(c) = &doc.country {
            self.countries.insert(c.code.clone());
        }
        self.docs.push(doc);
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn doc(&self, index: u32) -> Option<&SearchDoc> {
        self.docs.get(index as usize)
    }

    /// Runs `query` with `selection`. `candidates`, when given, must be a
    /// superset of the docs matching `query` (e.g. the previous outcome's
    /// `matched` for a query this one refines); docs outside it are skipped.
    pub fn search(&self, query: &Query, selection: &Selection, candidates: Option<&[u32]>) -> SearchOutcome {
        let mut alive: Vec<(u32, u32)> = match candidates {
            Some(c) => c.iter().filter(|&&d| (d as usize) < self.docs.len()).map(|&d| (d, 0)).collect(),
            None => (0..self.docs.len() as u32).map(|d| (d, 0)).collect(),
        };
        // Cheap clauses first so the fuzzy passes see fewer documents.
        let mut clauses: Vec<&Clause> = query.clauses.iter().collect();
        clauses.sort_by_key(|c| matches!(c.term, Term::Fuzzy(_)));
        for clause in clauses {
            if alive.is_empty() {
                break;
            }
            alive = self.apply(clause, alive);
        }
        self.finish(alive, selection)
    }

    fn apply(&self, clause: &Clause, alive: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
        let keep = |ok: bool| ok != clause.negated;
        match &clause.term {
            Term::Country(v) => alive
                .into_iter()
                .filter(|&(d, _)| keep(self.docs[d as usize].country.as_ref().is_some_and(|c| c.matches(v))))
                .collect(),
            Term::Topic(v) => alive
                .into_iter()
                .filter(|&(d, _)| keep(self.docs[d as usize].topics.iter().any(|t| topic_matches(*t, v))))
                .collect(),
            Term::Exact(v) => alive
                .into_iter()
                .filter(|&(d, _)| {
                    let doc = &self.docs[d as usize];
                    keep(doc.body.contains(v.as_str()) || doc.fields.iter().any(|f| f.contains(v.as_str())))
                })
                .map(|(d, s)| (d, if clause.negated { s } else { s + WORD_START_BONUS * 2 }))
                .collect(),
            Term::Fuzzy(v) => {
                let best = self.best_fuzzy(v, &alive);
                alive
                    .into_iter()
                    .zip(best)
                    .filter(|(_, b)| keep(b.is_some()))
                    .map(|((d, s), b)| (d, s + b.unwrap_or(0)))
                    .collect()
            }
        }
    }

    /// Best ranking score of `term` over each alive doc's title and fields,
    /// each field matched separately so letters never span two fields.
    fn best_fuzzy(&self, term: &str, alive: &[(u32, u32)]) -> Vec<Option<u32>> {
        let mut haystacks: Vec<&str> = Vec::with_capacity(alive.len() * 6);
        let mut owner: Vec<(u32, bool)> = Vec::with_capacity(alive.len() * 6);
        for (slot, &(d, _)) in alive.iter().enumerate() {
            let doc = &self.docs[d as usize];
            haystacks.push(&doc.title.folded);
            owner.push((slot as u32, true));
            for f in &doc.fields {
                haystacks.push(f);
                owner.push((slot as u32, false));
            }
        }
        let mut best: Vec<Option<u32>> = vec![None; alive.len()];
        for (i, score) in matcher::fuzzy_scores(term, &haystacks).into_iter().enumerate() {
            let Some(score) = score else { continue };
            let (slot, is_title) = owner[i];
            let mut rank = u32::from(score);
            if starts_a_word(haystacks[i], term) {
                rank += WORD_START_BONUS;
            }
            if is_title {
                rank += TITLE_BONUS;
            }
            let b = &mut best[slot as usize];
            *b = Some(b.map_or(rank, |old| old.max(rank)));
        }
        best
    }

    fn finish(&self, alive: Vec<(u32, u32)>, selection: &Selection) -> SearchOutcome {
        let mut country_counts: BTreeMap<&str, usize> =
            self.countries.iter().map(|c| (c.as_str(), 0)).collect();
        let mut topic_counts = [0usize; Topic::ALL.len()];
        let mut hits = Vec::new();
        let mut matched = Vec::with_capacity(alive.len());
        for (d, score) in alive {
            matched.push(d);
            let doc = &self.docs[d as usize];
            let code = doc.country.as_ref().map(|c| c.code.as_str());
            let country_ok =
                selection.countries.is_empty() || code.is_some_and(|c| selection.countries.contains(c));
            let topic_ok =
                selection.topics.is_empty() || doc.topics.iter().any(|t| selection.topics.contains(t));
            if topic_ok && let Some(count) = code.and_then(|c| country_counts.get_mut(c)) {
                *count += 1;
            }
            if country_ok {
                for (i, t) in Topic::ALL.iter().enumerate() {
                    if doc.topics.contains(t) {
                        topic_counts[i] += 1;
                    }
                }
            }
            if country_ok && topic_ok {
                hits.push((score, d));
            }
        }
        // Score, then newest first (undated last), then load order.
        let date = |d: u32| self.docs[d as usize].date.as_deref();
        hits.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| match (date(a.1), date(b.1)) {
                    (Some(x), Some(y)) => y.cmp(x),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                })
                .then(a.1.cmp(&b.1))
        });
        let mut country_counts: Vec<(String, usize)> =
            country_counts.into_iter().map(|(c, n)| (c.to_string(), n)).collect();
        country_counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        SearchOutcome {
            hits: hits.into_iter().map(|(_, d)| d).collect(),
            matched,
            country_counts,
            topic_counts: Topic::ALL.iter().copied().zip(topic_counts).collect(),
        }
    }
}

/// `#x`: `x` is a prefix of the slug or of one of its hyphen-separated
/// parts ("#super", "#chip", "#centre").
pub fn topic_matches(topic: Topic, value: &str) -> bool {
    let slug = topic.slug();
    slug.starts_with(value) || slug.match_indices('-').any(|(i, _)| slug[i + 1..].starts_with(value))
}

fn starts_a_word(haystack: &str, term: &str) -> bool {
    haystack
        .match_indices(term)
        .any(|(i, _)| haystack[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
}

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
            Term::Country(_) | Term::Topic(_) => {}
        }
    }
    out.into_iter().collect()
}

/// Byte ranges in the original `text` where a word of the query's positive
/// fuzzy or exact terms occurs as a folded substring; sorted and merged.
/// Used for highlighting in the reader and n/N jumps.
pub fn find_occurrences(query: &Query, text: &str) -> Vec<Range<usize>> {
    let folded = fold_with_origin(text);
    let orig_bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    let folded_starts: Vec<usize> = folded.folded.char_indices().map(|(b, _)| b).collect();
    let char_end = |ci: usize| orig_bytes.get(ci + 1).copied().unwrap_or(text.len());
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for clause in query.clauses.iter().filter(|c| !c.negated) {
        let (Term::Fuzzy(term) | Term::Exact(term)) = &clause.term else { continue };
        for word in tokens(term) {
            for (b, m) in folded.folded.match_indices(word.text) {
                let first = folded_starts.partition_point(|&s| s < b);
                let last = first + m.chars().count() - 1;
                let start = orig_bytes[folded.origin[first] as usize];
                ranges.push(start..char_end(folded.origin[last] as usize));
            }
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
