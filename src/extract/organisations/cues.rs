//! Finding organisations that are not in the lexicon, from cues in the text:
//! a noun that introduces a company ("la start-up X", "le groupe X"), a
//! legal or corporate suffix ("X Holdings", "X Inc."), a ministry ("ministère
//! de X", "Ministry of X") or a bare upper-case acronym ("TSMC").
//!
//! Owns `assets/org_stopwords.txt`: the words, acronyms, products, events
//! and people's first names and titles that must not be taken for names.

use super::scan::{Word, gap_before, joins_name};
use crate::extract::lexicon::{alternatives, data_rows};
use crate::extract::text::normalize_phrase;
use std::collections::HashSet;

const STOPWORDS_TXT: &str = include_str!("../../../assets/org_stopwords.txt");

/// Nouns that introduce an organisation's name, as folded word sequences.
/// Lowercase words and adjectives may sit in between: "le fabricant de
/// puces américain Nvidia", "la start-up de soins de santé VinBrain".
const INTRODUCERS: &[&[&str]] = &[
    &["societe"],
    &["groupe"],
    &["entreprise"],
    &["start", "up"],
    &["startup"],
    &["jeune", "pousse"],
    &["fonds"],
    &["agence"],
    &["operateur"],
    &["fabricant"],
    &["constructeur"],
    &["conglomerat"],
    &["firme"],
    &["editeur"],
    &["magazine"],
    &["journal"],
    &["quotidien"],
    &["company"],
    &["firm"],
    &["operator"],
    &["fund"],
];

/// Capitalised words that close a company name, compared as written.
const SUFFIXES: &[&str] = &[
    "Group",
    "Groupe",
    "Inc",
    "Ltd",
    "Limited",
    "Corp",
    "Corporation",
    "Holdings",
    "Holding",
    "Technologies",
    "Labs",
    "Ministry",
    "Systems",
    "Ventures",
    "Partners",
    "Capital",
    "AG",
    "SA",
    "SAS",
    "GmbH",
    "plc",
    "PLC",
    "LLC",
    "Networks",
    "Semiconductor",
    "Electronics",
];

/// At most this many lowercase words between an introducer and the name.
const MAX_SKIPPED: usize = 4;
/// Longest name a cue may produce, suffix excluded.
const MAX_NAME_WORDS: usize = 4;

/// Word lists from `assets/org_stopwords.txt`, folded and normalised.
#[derive(Debug, Default)]
pub struct Stoplist {
    function: HashSet<String>,
    /// Acronyms, products and events: never an organisation on their own.
    not_org: HashSet<String>,
    first_names: HashSet<String>,
    person_titles: HashSet<String>,
}

impl Stoplist {
    /// Parses the stoplist. Errors name the 1-based line and the problem.
    pub fn parse(text: &str) -> Result<Stoplist, String> {
        let mut list = Stoplist::default();
        for (n, line) in text.lines().enumerate() {
            for row in data_rows(line) {
                let [category, entries] = row.as_slice() else {
                    return Err(format!("stopwords line {}: expected category<TAB>words", n + 1));
                };
                let set = match *category {
                    "function" => &mut list.function,
                    "acronym" | "product" | "event" => &mut list.not_org,
                    "first-name" => &mut list.first_names,
                    "person-title" => &mut list.person_titles,
                    other => return Err(format!("stopwords line {}: unknown category {other:?}", n + 1)),
                };
                set.extend(alternatives(entries).map(normalize_phrase));
            }
        }
        Ok(list)
    }

    pub fn embedded() -> Result<Stoplist, String> {
        Self::parse(STOPWORDS_TXT)
    }

    fn is_function(&self, w: &Word<'_>) -> bool {
        self.function.contains(&w.folded)
    }
}

/// A name found by a cue: words `first..end` of the segment, and the name
/// to display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub first: usize,
    pub end: usize,
    pub name: String,
}

/// Finds cue-introduced names in one segment. `taken[i]` marks words
/// already claimed by the lexicon; names never include them.
pub fn discover(text: &str, words: &[Word<'_>], taken: &[bool], stop: &Stoplist) -> Vec<Found> {
    let cx = Cx { text, words, taken, stop };
    let mut out = Vec::new();
    let shouting = is_shouting(words);
    for (i, _) in taken.iter().enumerate().filter(|(_, t)| !**t) {
        let found = cx
            .after_introducer(i)
            .or_else(|| cx.ministry(i))
            .or_else(|| cx.before_suffix(i))
            .or_else(|| if shouting { None } else { cx.acronym(i) });
        if let Some(f) = found.filter(|f| cx.acceptable(f)) {
            out.push(f);
        }
    }
    out
}

/// All-caps text ("LA FRANCE INVESTIT") would make every word an acronym.
fn is_shouting(words: &[Word<'_>]) -> bool {
    let long: Vec<_> = words.iter().filter(|w| w.text.chars().count() >= 2).collect();
    let caps = long.iter().filter(|w| w.is_acronym()).count();
    long.len() >= 3 && caps * 5 > long.len() * 3
}

struct Cx<'c, 'a> {
    text: &'a str,
    words: &'c [Word<'a>],
    taken: &'c [bool],
    stop: &'c Stoplist,
}

impl Cx<'_, '_> {
    fn slice(&self, first: usize, end: usize) -> String {
        self.text[self.words[first].start..self.words[end - 1].end].to_string()
    }

    fn found(&self, first: usize, end: usize) -> Found {
        Found { first, end, name: self.slice(first, end) }
    }

    /// Whether word `i` can continue a name after word `i - 1`.
    fn continues_name(&self, i: usize) -> bool {
        let w = &self.words[i];
        !self.taken[i]
            && w.is_capitalised()
            && !self.stop.is_function(w)
            && joins_name(gap_before(self.text, self.words, i))
    }

    /// The capitalised run starting at `start`; its first word may be a
    /// function word only if more follow ("The Diplomat", "Le Monde").
    fn run_forward(&self, start: usize) -> Option<usize> {
        let first = self.words.get(start)?;
        if self.taken[start] || !first.is_capitalised() {
            return None;
        }
        let mut end = start + 1;
        while end < self.words.len() && end - start < MAX_NAME_WORDS && self.continues_name(end) {
            end += 1;
        }
        (end - start > 1 || !self.stop.is_function(first)).then_some(end)
    }

    /// "la société X", "le groupe militaire vietnamien X".
    fn after_introducer(&self, i: usize) -> Option<Found> {
        let intro = INTRODUCERS.iter().find(|intro| {
            intro.len() <= self.words.len() - i
                && intro.iter().zip(&self.words[i..]).all(|(a, w)| *a == w.folded)
        })?;
        let mut j = i + intro.len();
        let mut skipped = 0;
        while let Some(w) = self.words.get(j) {
            let gap = gap_before(self.text, self.words, j);
            // Punctuation other than apostrophes and hyphens ends the phrase.
            if gap
                .chars()
                .any(|c| !(c.is_whitespace() || matches!(c, '\'' | '’' | '-')) || gap.contains('\n'))
            {
                return None;
            }
            if w.is_capitalised() {
                break;
            }
            let connector = matches!(w.folded.as_str(), "de" | "d" | "du" | "des" | "of");
            if self.taken[j] || skipped == MAX_SKIPPED || (self.stop.is_function(w) && !connector) {
                return None;
            }
            skipped += 1;
            j += 1;
        }
        let end = self.run_forward(j)?;
        Some(self.found(j, end))
    }

    /// "ministère de l'Économie", "Ministry of Trade": the name includes the
    /// noun, lower-cased in French where it is a common noun.
    fn ministry(&self, i: usize) -> Option<Found> {
        let noun = self.words[i].folded.as_str();
        if !matches!(noun, "ministere" | "ministry") {
            return None;
        }
        let mut j = i + 1;
        // Up to two adjectives: "ministère néerlandais de l'Économie".
        while j < self.words.len() && j - i <= 2 && !self.words[j].is_capitalised() {
            match self.words[j].folded.as_str() {
                "de" | "des" | "du" | "of" | "for" => break,
                _ if self.stop.is_function(&self.words[j]) => return None,
                _ => j += 1,
            }
        }
        if !matches!(self.words.get(j)?.folded.as_str(), "de" | "des" | "du" | "of" | "for") {
            return None;
        }
        j += 1;
        if matches!(self.words.get(j)?.folded.as_str(), "l" | "la" | "the") {
            j += 1;
        }
        let end = self.run_forward(j)?;
        let mut f = self.found(i, end);
        if let Some(rest) = f.name.strip_prefix('M').filter(|_| noun == "ministere") {
            f.name = format!("m{rest}");
        }
        Some(f)
    }

    /// "Zephyr Holdings", "Acme Inc.": the capitalised words before a suffix.
    fn before_suffix(&self, i: usize) -> Option<Found> {
        if !SUFFIXES.contains(&self.words[i].text) {
            return None;
        }
        let mut first = i;
        while first > 0 && i - first < MAX_NAME_WORDS {
            let prev = &self.words[first - 1];
            if self.taken[first - 1]
                || !prev.is_capitalised()
                || self.stop.is_function(prev)
                || !joins_name(gap_before(self.text, self.words, first))
            {
                break;
            }
            first -= 1;
        }
        (first < i).then(|| self.found(first, i + 1))
    }

    /// A bare acronym not in the stoplist: "TSMC", "CNRS".
    fn acronym(&self, i: usize) -> Option<Found> {
        let w = &self.words[i];
        (w.is_acronym() && w.text.chars().count() <= 6).then(|| self.found(i, i + 1))
    }

    /// Rejects products, events, acronyms that are not organisations, and
    /// people (a known first name, or a name right after "PDG", "M." ...).
    fn acceptable(&self, f: &Found) -> bool {
        let key = normalize_phrase(&f.name);
        let first_word = &self.words[f.first];
        let after_title = f.first > 0 && self.stop.person_titles.contains(&self.words[f.first - 1].folded);
        !key.is_empty()
            && !self.stop.not_org.contains(&key)
            && !self.stop.first_names.contains(&first_word.folded)
            && !after_title
    }
}
