//! The search engine: evaluates a parsed query over the documents, ranks the
//! hits, applies the facet selection and computes live facet counts
//! (highlighting lives in `highlight`).
//!
//! Speed: each document's title and fields are also kept in one flat byte
//! buffer (its "key"), and its facets as small ids and bit masks, all built
//! on `push`. An ASCII fuzzy term is decided by one `matcher::scan_key`
//! over each candidate's key, which tells frizbee's score for substring and
//! most single-gap matches and rules out what frizbee would reject; frizbee
//! itself scores the rest (gaps whose cost depends on its SIMD layout,
//! non-ASCII terms, overlong haystacks), as it always did. Large candidate
//! lists are split over two threads. Ties are broken
//! through a date rank kept up to date lazily, so ranking a million hits is
//! a linear pass rather than a sort on date strings.
//!
//! Memory: a pushed doc is not kept. The index holds its key, its facets,
//! date and value in a few fixed-size words, and its body as the `Arc`s
//! the article or deal shares; an exact term folds a body when it reads it.

mod exact;
mod order;

use super::document::{BodyText, CountryKey, SearchDoc};
use super::matcher::{self, KEY_SEPARATOR, MATCH_SCORE, SCAN_MAX_LEN};
use super::query::{Clause, Query, Term, slug_matches};
use crate::model::{DealKind, DealStatus, Topic};
pub use exact::PairSet;
use exact::{body_contains, key_contains};
pub use order::Sort;
use order::{DateOrder, date_key};
use std::collections::{BTreeSet, HashMap};
use std::sync::{Mutex, OnceLock};

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
    /// Per deal kind and status, in declaration order, likewise.
    pub kind_counts: Vec<(DealKind, usize)>,
    pub status_counts: Vec<(DealStatus, usize)>,
}

#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Each doc's body, as written: exact terms fold it when they read it.
    bodies: Vec<BodyText>,
    /// The pairs of letters and digits each folded body holds: an exact
    /// term folds only the bodies holding every pair of its own.
    body_pairs: Vec<PairSet>,
    /// Every doc's key: its folded title and fields, `KEY_SEPARATOR`
    /// between them. Doc `d` spans `key_ends[d - 1]..key_ends[d]`.
    keys: Vec<u8>,
    key_ends: Vec<usize>,
    info: Vec<DocInfo>,
    /// Distinct primary-country keys, the code id of each, and the codes.
    country_keys: Vec<CountryKey>,
    country_key_ids: HashMap<CountryKey, u32>,
    key_code: Vec<u32>,
    codes: Vec<String>,
    code_ids: HashMap<String, u32>,
    /// Docs by date, newest first: extended by the first search after a
    /// push.
    dates: Mutex<DateOrder>,
    /// The dates `date_key` cannot order alone (over 15 bytes, or with a
    /// NUL), by doc: none in a corpus of `YYYY-MM-DD` dates.
    long_dates: HashMap<u32, Box<str>>,
}

/// What the engine keeps per doc besides the doc itself.
#[derive(Debug, Clone, Copy)]
struct DocInfo {
    /// Bytes of the folded title at the start of the key.
    title_len: u32,
    /// Index into `country_keys`, or `NO_COUNTRY`.
    country: u32,
    /// Bit `i`: the doc has topic `Topic::ALL[i]`.
    topics: u32,
    /// Bit `i`: the doc has deal kind `DealKind::ALL[i]` (status likewise).
    kinds: u32,
    statuses: u32,
    /// Every haystack is short enough for `matcher::scan_key`.
    scannable: bool,
    /// `date_key` of the doc's date, and whether it orders the date alone.
    date: u128,
    exact_date: bool,
    /// Whole US dollars, for sorting by value.
    value: Option<u64>,
}

const NO_COUNTRY: u32 = u32::MAX;
const _: () = assert!(Topic::ALL.len() <= 32);

/// Ranking bonus when a fuzzy term is a plain substring at a word start of
/// the field: frizbee runs without bonuses (see `matcher::GAP_BUDGET`), so
/// "coree" must be told apart from "sud-coreenne" here.
const WORD_START_BONUS: u32 = MATCH_SCORE as u32;
/// Ranking bonus for a match in the title rather than a side field.
const TITLE_BONUS: u32 = 2;

/// Longest term `scan_key` decides; longer ones (whose scores may saturate
/// frizbee's u16) go to frizbee.
const SCAN_MAX_TERM: usize = 256;
/// Threads a search may use, the calling one included.
const SEARCH_THREADS: usize = 2;
/// Below this many candidates a search stays on one thread.
const PARALLEL_MIN: usize = 8192;
/// How many docs a loop handles between two looks at the cancel flag.
const CANCEL_STRIDE: usize = 2048;

type Cancel<'a> = &'a (dyn Fn() -> bool + Sync);

impl SearchIndex {
    pub fn new() -> SearchIndex {
        SearchIndex::default()
    }

    /// An index of `docs`, every part sized once: grown by doubling, its
    /// arrays would be copied, and fresh memory touched, at each step.
    pub fn of_docs(docs: Vec<SearchDoc>) -> SearchIndex {
        let mut index = SearchIndex::new();
        index.reserve(&docs);
        docs.into_iter().for_each(|doc| index.push(doc));
        index
    }

    /// Room for `docs` more.
    fn reserve(&mut self, docs: &[SearchDoc]) {
        let key_bytes: usize =
            docs.iter().map(|d| d.title.len() + d.fields.iter().map(|f| f.len() + 1).sum::<usize>()).sum();
        self.keys.reserve(key_bytes);
        self.key_ends.reserve(docs.len());
        self.info.reserve(docs.len());
        self.bodies.reserve(docs.len());
        self.body_pairs.reserve(docs.len());
    }

    pub fn push(&mut self, doc: SearchDoc) {
        let country = match &doc.country {
            None => NO_COUNTRY,
            Some(key) => match self.country_key_ids.get(key) {
                Some(&id) => id,
                None => {
                    let id = self.country_keys.len() as u32;
                    let next_code = self.codes.len() as u32;
                    let code = *self.code_ids.entry(key.code.clone()).or_insert(next_code);
                    if code == next_code {
                        self.codes.push(key.code.clone());
                    }
                    self.country_keys.push(key.clone());
                    self.country_key_ids.insert(key.clone(), id);
                    self.key_code.push(code);
                    id
                }
            },
        };
        let topics = Topic::ALL
            .iter()
            .enumerate()
            .filter(|(_, t)| doc.topics.contains(t))
            .fold(0u32, |mask, (i, _)| mask | 1 << i);
        let kinds = mask_of(&DealKind::ALL, &doc.kinds);
        let statuses = mask_of(&DealStatus::ALL, &doc.statuses);
        let title = doc.title.as_bytes();
        self.keys.extend_from_slice(title);
        for field in &doc.fields {
            self.keys.push(KEY_SEPARATOR);
            self.keys.extend_from_slice(field.as_bytes());
        }
        self.key_ends.push(self.keys.len());
        let scannable = title.len() <= SCAN_MAX_LEN && doc.fields.iter().all(|f| f.len() <= SCAN_MAX_LEN);
        let title_len = u32::try_from(title.len()).unwrap_or(u32::MAX);
        let (date, exact_date) = date_key(doc.date.as_deref());
        if !exact_date && let Some(long) = &doc.date {
            self.long_dates.insert(self.info.len() as u32, long.as_str().into());
        }
        let value = doc.value;
        self.info.push(DocInfo {
            title_len,
            country,
            topics,
            kinds,
            statuses,
            scannable,
            date,
            exact_date,
            value,
        });
        let (body, pairs) = doc.body.into_parts();
        self.body_pairs.push(pairs);
        self.bodies.push(body);
    }

    pub fn len(&self) -> usize {
        self.info.len()
    }

    /// Bytes of every doc's search key (folded title and fields), as the
    /// index holds them.
    pub fn key_bytes(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.info.is_empty()
    }

    /// A doc's folded title and fields, as fuzzy terms see them.
    pub fn haystacks(&self, index: u32) -> Option<(&str, Vec<&str>)> {
        let info = self.info.get(index as usize)?;
        let key = self.key(index);
        let title = as_str(&key[..info.title_len as usize]);
        let fields =
            key[info.title_len as usize..].split(|&b| b == KEY_SEPARATOR).skip(1).map(as_str).collect();
        Some((title, fields))
    }

    /// Runs `query` with `selection`. `candidates`, when given, must be a
    /// superset of the docs matching `query` (e.g. the previous outcome's
    /// `matched` for a query this one refines); docs outside it are skipped.
    pub fn search(&self, query: &Query, selection: &Selection, candidates: Option<&[u32]>) -> SearchOutcome {
        self.search_cancellable(query, selection, candidates, &|| false).unwrap_or_default()
    }

    /// `search`, giving up with `None` as soon as `cancelled` returns true
    /// (it is asked every few thousand documents, from any search thread).
    pub fn search_cancellable(
        &self,
        query: &Query,
        selection: &Selection,
        candidates: Option<&[u32]>,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<SearchOutcome> {
        let mut alive: Vec<(u32, u32)> = match candidates {
            Some(c) => c.iter().filter(|&&d| (d as usize) < self.len()).map(|&d| (d, 0)).collect(),
            None => (0..self.len() as u32).map(|d| (d, 0)).collect(),
        };
        // Cheap clauses first so the fuzzy passes see fewer documents.
        let mut clauses: Vec<&Clause> = query.clauses.iter().collect();
        clauses.sort_by_key(|c| matches!(c.term, Term::Fuzzy(_)));
        for clause in clauses {
            if alive.is_empty() {
                break;
            }
            if cancelled() {
                return None;
            }
            alive = self.apply(clause, alive, cancelled)?;
        }
        if cancelled() {
            return None;
        }
        Some(self.finish(alive, selection))
    }

    fn apply(&self, clause: &Clause, alive: Vec<(u32, u32)>, cancelled: Cancel) -> Option<Vec<(u32, u32)>> {
        let keep = |ok: bool| ok != clause.negated;
        Some(match &clause.term {
            Term::Country(v) => {
                let hit: Vec<bool> = self.country_keys.iter().map(|k| k.matches(v)).collect();
                alive
                    .into_iter()
                    .filter(|&(d, _)| {
                        let c = self.info[d as usize].country;
                        keep(c != NO_COUNTRY && hit[c as usize])
                    })
                    .collect()
            }
            Term::Topic(v) => {
                let wanted = Topic::ALL
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| topic_matches(**t, v))
                    .fold(0u32, |mask, (i, _)| mask | 1 << i);
                alive.into_iter().filter(|&(d, _)| keep(self.info[d as usize].topics & wanted != 0)).collect()
            }
            Term::Kind(v) => {
                let wanted = slug_mask(&DealKind::ALL.map(DealKind::slug), v);
                alive.into_iter().filter(|&(d, _)| keep(self.info[d as usize].kinds & wanted != 0)).collect()
            }
            Term::Status(v) => {
                let wanted = slug_mask(&DealStatus::ALL.map(DealStatus::slug), v);
                alive
                    .into_iter()
                    .filter(|&(d, _)| keep(self.info[d as usize].statuses & wanted != 0))
                    .collect()
            }
            Term::Exact(v) => {
                let bonus = if clause.negated { 0 } else { WORD_START_BONUS * 2 };
                let wanted = PairSet::of_folded(v);
                let parts = par_chunks(&alive, |part| {
                    let mut out = Vec::new();
                    let mut folded = String::new();
                    for (i, &(d, s)) in part.iter().enumerate() {
                        if i % CANCEL_STRIDE == 0 && cancelled() {
                            return None;
                        }
                        let found = key_contains(self.key(d), v)
                            || self.body_pairs[d as usize].holds(&wanted)
                                && body_contains(&self.bodies[d as usize], v, &mut folded);
                        if keep(found) {
                            out.push((d, s + bonus));
                        }
                    }
                    Some(out)
                });
                concat(parts)?
            }
            Term::Fuzzy(v) => {
                let best = self.best_fuzzy(v, &alive, cancelled)?;
                alive
                    .into_iter()
                    .zip(best)
                    .filter(|(_, b)| keep(b.is_some()))
                    .map(|((d, s), b)| (d, s + b.unwrap_or(0)))
                    .collect()
            }
        })
    }

    /// Best ranking score of `term` over each alive doc's title and fields,
    /// each field matched separately so letters never span two fields: the
    /// frizbee score where it clears the threshold, plus the word-start and
    /// title bonuses.
    pub(super) fn best_fuzzy(
        &self,
        term: &str,
        alive: &[(u32, u32)],
        cancelled: Cancel,
    ) -> Option<Vec<Option<u32>>> {
        let bytes = term.as_bytes();
        let scan = !bytes.is_empty() && bytes.len() <= SCAN_MAX_TERM && term.is_ascii();
        let full = MATCH_SCORE as u32 * bytes.len() as u32;
        let gapped = |cost: Option<u8>| cost.map(|c| matcher::gapped_score(bytes.len(), c));
        let parts = par_chunks(alive, |part| {
            let mut best: Vec<Option<u32>> = vec![None; part.len()];
            // (slot, doc, haystacks) left to frizbee; bit 63 = all from 63 on.
            let mut jobs: Vec<(u32, u32, u64)> = Vec::new();
            for (slot, &(d, _)) in part.iter().enumerate() {
                if slot % CANCEL_STRIDE == 0 && cancelled() {
                    return None;
                }
                let info = self.info[d as usize];
                if !scan || !info.scannable {
                    jobs.push((slot as u32, d, u64::MAX));
                    continue;
                }
                let s = matcher::scan_key(bytes, self.key(d), info.title_len as usize);
                best[slot] = if s.title_word_start {
                    Some(full + WORD_START_BONUS + TITLE_BONUS)
                } else if s.field_word_start {
                    Some(full + WORD_START_BONUS)
                } else if s.title_substring {
                    Some(full + TITLE_BONUS)
                } else if s.field_substring {
                    Some(full)
                } else {
                    let known = gapped(s.title_gap).map(|r| r + TITLE_BONUS).max(gapped(s.field_gap));
                    // Matches only frizbee can score, where they could rank higher.
                    let mut unsure = 0;
                    if gapped(s.title_unsure).map(|r| r + TITLE_BONUS) > known {
                        unsure |= s.unsure & 1;
                    }
                    if gapped(s.field_unsure) > known {
                        unsure |= s.unsure & !1;
                    }
                    if unsure != 0 {
                        jobs.push((slot as u32, d, unsure));
                    }
                    known
                };
            }
            if !jobs.is_empty() {
                if cancelled() {
                    return None;
                }
                self.score_with_frizbee(term, &jobs, &mut best);
            }
            Some(best)
        });
        concat(parts)
    }

    /// Scores the given haystacks of the given docs with frizbee, as the
    /// engine first did, and keeps each slot's best rank.
    fn score_with_frizbee(&self, term: &str, jobs: &[(u32, u32, u64)], best: &mut [Option<u32>]) {
        let mut haystacks: Vec<&str> = Vec::with_capacity(jobs.len() * 2);
        let mut owner: Vec<(u32, bool)> = Vec::with_capacity(jobs.len() * 2);
        for &(slot, d, mask) in jobs {
            let Some((title, fields)) = self.haystacks(d) else { continue };
            let wanted = |h: usize| mask & (1 << h.min(63)) != 0;
            if wanted(0) {
                haystacks.push(title);
                owner.push((slot, true));
            }
            for (i, f) in fields.into_iter().enumerate() {
                if wanted(i + 1) {
                    haystacks.push(f);
                    owner.push((slot, false));
                }
            }
        }
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
    }

    fn key(&self, d: u32) -> &[u8] {
        let d = d as usize;
        let start = if d == 0 { 0 } else { self.key_ends[d - 1] };
        &self.keys[start..self.key_ends[d]]
    }

    fn finish(&self, alive: Vec<(u32, u32)>, selection: &Selection) -> SearchOutcome {
        let code_selected: Vec<bool> = self.codes.iter().map(|c| selection.countries.contains(c)).collect();
        let topic_selected = set_mask(&Topic::ALL, &selection.topics);
        let kind_selected = set_mask(&DealKind::ALL, &selection.kinds);
        let status_selected = set_mask(&DealStatus::ALL, &selection.statuses);
        let any_country = !selection.countries.is_empty();
        let mut country_counts = vec![0usize; self.codes.len()];
        let mut topic_counts = [0usize; Topic::ALL.len()];
        let mut kind_counts = [0usize; DealKind::ALL.len()];
        let mut status_counts = [0usize; DealStatus::ALL.len()];
        let mut hits: Vec<(u32, u32)> = Vec::with_capacity(alive.len());
        let mut matched = Vec::with_capacity(alive.len());
        // A facet with nothing selected lets every doc through.
        let passes = |mask: u32, selected: u32| selected == 0 || mask & selected != 0;
        for (d, score) in alive {
            matched.push(d);
            let info = self.info[d as usize];
            let code = (info.country != NO_COUNTRY).then(|| self.key_code[info.country as usize] as usize);
            let country_ok = !any_country || code.is_some_and(|c| code_selected[c]);
            let topic_ok = passes(info.topics, topic_selected);
            let kind_ok = passes(info.kinds, kind_selected);
            let status_ok = passes(info.statuses, status_selected);
            // Each facet's counts: what the list would show with that value
            // as the facet's only one, the other facets as they are.
            if topic_ok
                && kind_ok
                && status_ok
                && let Some(c) = code
            {
                country_counts[c] += 1;
            }
            if country_ok && kind_ok && status_ok {
                count_bits(info.topics, &mut topic_counts);
            }
            if country_ok && topic_ok && status_ok {
                count_bits(info.kinds, &mut kind_counts);
            }
            if country_ok && topic_ok && kind_ok {
                count_bits(info.statuses, &mut status_counts);
            }
            if country_ok && topic_ok && kind_ok && status_ok {
                hits.push((score, d));
            }
        }
        let hits = self.rank_hits(hits);
        let mut country_counts: Vec<(String, usize)> =
            self.codes.iter().cloned().zip(country_counts).collect();
        country_counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        SearchOutcome {
            hits,
            matched,
            country_counts,
            topic_counts: Topic::ALL.iter().copied().zip(topic_counts).collect(),
            kind_counts: DealKind::ALL.iter().copied().zip(kind_counts).collect(),
            status_counts: DealStatus::ALL.iter().copied().zip(status_counts).collect(),
        }
    }
}

fn mask_of<T: PartialEq>(all: &[T], present: &[T]) -> u32 {
    all.iter().enumerate().filter(|(_, x)| present.contains(x)).fold(0, |mask, (i, _)| mask | 1 << i)
}

fn set_mask<T: Ord>(all: &[T], selected: &BTreeSet<T>) -> u32 {
    all.iter().enumerate().filter(|(_, x)| selected.contains(x)).fold(0, |mask, (i, _)| mask | 1 << i)
}

/// The bits of slugs a `kind:`/`status:` value answers.
fn slug_mask(slugs: &[&str], value: &str) -> u32 {
    slugs.iter().enumerate().filter(|(_, s)| slug_matches(s, value)).fold(0, |mask, (i, _)| mask | 1 << i)
}

fn count_bits(mut mask: u32, counts: &mut [usize]) {
    while mask != 0 {
        counts[mask.trailing_zeros() as usize] += 1;
        mask &= mask - 1;
    }
}

fn as_str(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

/// How many threads a search uses.
fn search_threads() -> usize {
    static THREADS: OnceLock<usize> = OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()).min(SEARCH_THREADS))
}

/// Runs `f` over contiguous chunks of `items`, one per search thread when
/// there are enough items, and returns the results in order.
fn par_chunks<T: Sync, R: Send>(items: &[T], f: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let threads = search_threads();
    if threads < 2 || items.len() < PARALLEL_MIN {
        return vec![f(items)];
    }
    let size = items.len().div_ceil(threads);
    let mut chunks = items.chunks(size);
    let first = chunks.next().unwrap_or(&[]);
    std::thread::scope(|scope| {
        let f = &f;
        let others: Vec<_> = chunks.map(|chunk| scope.spawn(move || f(chunk))).collect();
        let mut out = vec![f(first)];
        for handle in others {
            out.push(handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        out
    })
}

/// Concatenates per-chunk results; `None` (cancelled) if any chunk is.
fn concat<T>(parts: Vec<Option<Vec<T>>>) -> Option<Vec<T>> {
    let mut parts = parts.into_iter();
    let mut out = parts.next()??;
    for part in parts {
        out.extend(part?);
    }
    Some(out)
}

/// `#x`: `x` is a prefix of the slug or of one of its hyphen-separated
/// parts ("#super", "#chip", "#centre").
pub fn topic_matches(topic: Topic, value: &str) -> bool {
    let slug = topic.slug();
    slug.starts_with(value) || slug.match_indices('-').any(|(i, _)| slug[i + 1..].starts_with(value))
}

pub(super) fn starts_a_word(haystack: &str, term: &str) -> bool {
    haystack
        .match_indices(term)
        .any(|(i, _)| haystack[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
}
