//! Finding organisations that are not in the lexicon, from cues in the text:
//! a noun that introduces a company ("la start-up X", "le groupe X"), a
//! legal or corporate suffix ("X Holdings", "X Inc."), a ministry ("ministère
//! de X", "Ministry of X"), an institution ("X Authority", "University of
//! X", "l'université X") or a bare upper-case acronym ("TSMC").
//!
//! A name right after a noun for a project, machine or model ("le
//! supercalculateur ABCI"), or right before one ("the ALIA project"), is
//! reported as a product instead; so are acronyms quoted as stock tickers
//! ("NVDA +3.1%", "Nasdaq: NVDA").
//!
//! Owns `assets/org_stopwords.txt`: the words, acronyms, products, events
//! and people's first names and titles that must not be taken for names.

mod triggers;

use super::scan::{Word, gap_before, joins_name};
use crate::extract::countries::Gazetteer;
use crate::extract::lexicon::{alternatives, data_rows};
use crate::extract::text::normalize_phrase;
use rustc_hash::FxHashSet as HashSet;
use triggers::{FRENCH_INSTITUTIONS, INSTITUTIONS, INTRODUCERS, SUFFIXES, Triggers};

const STOPWORDS_TXT: &str = include_str!("../../../assets/org_stopwords.txt");

/// Words before an introducer that make it plural even when the noun is
/// invariable ("les start-up", "des fonds").
const PLURAL_DETERMINERS: &[&str] =
    &["les", "des", "ces", "leurs", "ses", "plusieurs", "deux", "trois", "quatre"];

/// Nouns for things rather than organisations: the name right after one
/// ("le supercalculateur ABCI", "project Stargate") is a product. Not
/// "puces" or "systèmes": "les puces CXMT" names the maker.
const PRODUCT_BEFORE: &[&str] = &[
    "supercalculateur",
    "supercalculateurs",
    "superordinateur",
    "supercomputer",
    "supercomputers",
    "projet",
    "project",
    "programme",
    "program",
    "modele",
    "modeles",
    "model",
    "models",
    "mission",
    "initiative",
    "plateforme",
    "platform",
];

/// Nouns after which the name before is a product: "the ALIA project".
const PRODUCT_AFTER: &[&str] = &[
    "project",
    "projects",
    "programme",
    "program",
    "model",
    "models",
    "supercomputer",
    "supercomputers",
    "initiative",
    "mission",
    "platform",
];

/// Stock exchanges: an acronym after "Nasdaq:" is a ticker.
const EXCHANGES: &[&str] = &[
    "nasdaq", "nyse", "euronext", "lse", "tse", "hkex", "tsx", "asx", "krx", "twse", "sse", "szse", "nse",
    "bse", "otc",
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
                    "acronym" | "product" | "event" | "ticker" => &mut list.not_org,
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
        self.function.contains(w.folded)
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

/// What the cues found in one segment.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Discovery {
    /// Organisation names, in order of appearance.
    pub names: Vec<Found>,
    /// Names the text uses for a product, project or machine.
    pub products: Vec<String>,
}

/// Finds cue-introduced names in one segment. `taken[i]` marks words
/// already claimed by the lexicon; names never include them. `headline`:
/// the segment is a title or heading, which may capitalise every word.
pub fn discover(
    text: &str,
    words: &[Word<'_>],
    taken: &[bool],
    stop: &Stoplist,
    headline: bool,
) -> Discovery {
    let cx = Cx { text, words, taken, stop };
    let mut out = Discovery::default();
    let shouting = is_shouting(words);
    let title_case = headline && is_title_case(words, stop);
    for (i, _) in taken.iter().enumerate().filter(|(_, t)| !**t) {
        let triggers = Triggers::of(&words[i]);
        // Most words start no cue: skip them before any list is consulted.
        if !triggers.any() && !words[i].is_acronym() {
            continue;
        }
        let found = cx.after_introducer(i, triggers);
        let found = if found.is_empty() {
            cx.ministry(i, triggers)
                .or_else(|| cx.french_institution(i, triggers))
                .or_else(|| if title_case { None } else { cx.institution(i, triggers) })
                .or_else(|| cx.before_suffix(i, triggers))
                .or_else(|| if shouting || cx.is_ticker(i) { None } else { cx.acronym(i) })
                .into_iter()
                .collect()
        } else {
            found
        };
        for f in found.into_iter().filter(|f| cx.acceptable(f)) {
            if cx.names_a_product(&f) {
                out.products.push(f.name);
            } else {
                out.names.push(f);
            }
        }
    }
    out
}

/// All-caps text ("LA FRANCE INVESTIT") would make every word an acronym.
fn is_shouting(words: &[Word<'_>]) -> bool {
    let (mut long, mut caps) = (0, 0);
    for w in words.iter().filter(|w| w.text.chars().nth(1).is_some()) {
        long += 1;
        caps += usize::from(w.is_acronym());
    }
    long >= 3 && caps * 5 > long * 3
}

/// Whether the whole of `name` is a country's name, alias or adjective.
fn is_country(name: &str) -> bool {
    let length = name.chars().count();
    Gazetteer::embedded().scan(name).iter().any(|hit| hit.start == 0 && hit.end == length)
}

/// Headline-style capitals ("New AI Data Center Opens In Texas"), where an
/// institution noun says nothing. Only asked of titles and headings: body
/// sentences dense in names look the same.
fn is_title_case(words: &[Word<'_>], stop: &Stoplist) -> bool {
    let (mut long, mut caps) = (0, 0);
    for w in
        words.iter().filter(|w| w.text.chars().nth(3).is_some() && w.text.chars().all(char::is_alphabetic))
    {
        long += 1;
        caps += usize::from(w.is_capitalised() && !stop.is_function(w));
    }
    long >= 3 && caps * 10 >= long * 7
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

    /// "la société X", "le groupe militaire vietnamien X"; after a plural
    /// noun, a list: "les start-up Sarvam AI et Krutrim".
    fn after_introducer(&self, i: usize, triggers: Triggers) -> Vec<Found> {
        if !triggers.introducer {
            return Vec::new();
        }
        let Some(intro) = INTRODUCERS.iter().find(|intro| {
            intro.len() <= self.words.len() - i
                && intro.iter().zip(&self.words[i..]).all(|(a, w)| *a == w.folded)
        }) else {
            return Vec::new();
        };
        let last = intro[intro.len() - 1];
        let plural = (last.ends_with('s') && last != "fonds")
            || i > 0 && PLURAL_DETERMINERS.contains(&self.words[i - 1].folded);
        let mut j = i + intro.len();
        let mut skipped = 0;
        while let Some(w) = self.words.get(j) {
            let gap = gap_before(self.text, self.words, j);
            // Punctuation other than apostrophes and hyphens ends the phrase.
            if gap
                .chars()
                .any(|c| !(c.is_whitespace() || matches!(c, '\'' | '’' | '-')) || gap.contains('\n'))
            {
                return Vec::new();
            }
            if w.is_capitalised() {
                break;
            }
            // "la start-up de robotique Medibot", but not "les entreprises
            // technologiques du Vietnam": after a plural, "de X" says where.
            let connector = !plural && matches!(w.folded, "de" | "d" | "du" | "des" | "of");
            if self.taken[j] || skipped == MAX_SKIPPED || (self.stop.is_function(w) && !connector) {
                return Vec::new();
            }
            skipped += 1;
            j += 1;
        }
        let Some(mut end) = self.run_forward(j) else { return Vec::new() };
        let mut out = vec![self.found(j, end)];
        // "X, Y et Z": more names, each a capitalised run of its own.
        while plural && end < self.words.len() {
            let gap = gap_before(self.text, self.words, end);
            let next = match (gap, self.words[end].folded) {
                (", ", _) => end,
                (" ", "et" | "and") if gap_before(self.text, self.words, end + 1) == " " => end + 1,
                _ => break,
            };
            match self
                .run_forward(next)
                .filter(|_| next < self.words.len() && !self.stop.is_function(&self.words[next]))
            {
                Some(e) => {
                    out.push(self.found(next, e));
                    end = e;
                }
                None => break,
            }
        }
        out
    }

    /// "ministère de l'Économie", "Ministry of Trade": the name includes the
    /// noun, lower-cased in French where it is a common noun.
    fn ministry(&self, i: usize, triggers: Triggers) -> Option<Found> {
        let noun = self.words[i].folded;
        if !triggers.ministry || !matches!(noun, "ministere" | "ministry") {
            return None;
        }
        let mut j = i + 1;
        // Up to two adjectives: "ministère néerlandais de l'Économie".
        while j < self.words.len() && j - i <= 2 && !self.words[j].is_capitalised() {
            match self.words[j].folded {
                "de" | "des" | "du" | "of" | "for" => break,
                _ if self.stop.is_function(&self.words[j]) => return None,
                _ => j += 1,
            }
        }
        if !matches!(self.words.get(j)?.folded, "de" | "des" | "du" | "of" | "for") {
            return None;
        }
        j += 1;
        if matches!(self.words.get(j)?.folded, "l" | "la" | "the") {
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
    fn before_suffix(&self, i: usize, triggers: Triggers) -> Option<Found> {
        if !triggers.suffix || !SUFFIXES.contains(&self.words[i].text) {
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

    /// "Public Investment Fund", "National Science and Technology Council",
    /// "University of Catalonia": capitalised words (one "and" may join two
    /// of them) before an institution noun, and "of X" or "for X" after it.
    /// The noun alone is not a name.
    fn institution(&self, i: usize, triggers: Triggers) -> Option<Found> {
        if !triggers.institution || !INSTITUTIONS.contains(&self.words[i].text) {
            return None;
        }
        let usable = |k: usize| {
            let w = &self.words[k];
            !self.taken[k] && w.is_capitalised() && !self.stop.is_function(w)
        };
        let mut first = i;
        let mut joined = false;
        while first > 0 && i - first < MAX_NAME_WORDS + 1 {
            let prev = first - 1;
            if !joins_name(gap_before(self.text, self.words, first)) {
                break;
            }
            if usable(prev) {
                first = prev;
            } else if !joined
                && prev > 0
                && matches!(self.words[prev].folded, "and")
                && usable(prev - 1)
                && gap_before(self.text, self.words, prev) == " "
            {
                joined = true;
                first = prev - 1;
            } else {
                break;
            }
        }
        // "the Nvidia AI Technology Center" belongs to a known name: leave it.
        if first > 0 && self.taken[first - 1] && joins_name(gap_before(self.text, self.words, first)) {
            return None;
        }
        let mut end = i + 1;
        if let Some(w) = self.words.get(end)
            && matches!(w.folded, "of" | "for")
            && gap_before(self.text, self.words, end) == " "
            && let Some(e) = self.run_forward(end + 1)
            && !self.stop.is_function(&self.words[end + 1])
        {
            end = e;
        }
        (first < i || end > i + 1).then(|| self.found(first, end))
    }

    /// "l'université Gadjah Mada", "Université de Tokyo", "l'institut
    /// Pasteur", "le centre CINES": the noun is part of the name.
    fn french_institution(&self, i: usize, triggers: Triggers) -> Option<Found> {
        if !triggers.french_institution {
            return None;
        }
        let &(_, allows_de) = FRENCH_INSTITUTIONS.iter().find(|(n, _)| *n == self.words[i].folded)?;
        let mut j = i + 1;
        self.words.get(j)?;
        if gap_before(self.text, self.words, j) != " " {
            return None;
        }
        if allows_de && matches!(self.words[j].folded, "de" | "d" | "du") {
            j += 1;
            if matches!(self.words.get(j)?.folded, "l" | "la") {
                j += 1;
            }
        }
        let next = self.words.get(j)?;
        if self.stop.is_function(next) {
            return None;
        }
        let end = self.run_forward(j)?;
        Some(self.found(i, end))
    }

    /// A bare acronym not in the stoplist: "TSMC", "CNRS".
    fn acronym(&self, i: usize) -> Option<Found> {
        let w = &self.words[i];
        (w.is_acronym() && w.text.chars().count() <= 6).then(|| self.found(i, i + 1))
    }

    /// An acronym quoted as a stock: "NVDA +3.1%", "(Nasdaq: NVDA)".
    fn is_ticker(&self, i: usize) -> bool {
        if !self.words[i].is_acronym() {
            return false;
        }
        let after_exchange = i > 0
            && EXCHANGES.contains(&self.words[i - 1].folded)
            && gap_before(self.text, self.words, i).contains(':');
        let quoted = self.words.get(i + 1).is_some_and(|next| {
            // The gap, bar spaces and brackets, is a single sign.
            let mut sign =
                gap_before(self.text, self.words, i + 1).chars().filter(|c| !c.is_whitespace() && *c != '(');
            matches!((sign.next(), sign.next()), (Some('+' | '-' | '−' | '▲' | '▼' | '↑' | '↓'), None))
                && next.text.starts_with(|c: char| c.is_ascii_digit())
        });
        after_exchange || quoted
    }

    /// Whether the text presents the name as a thing: "le supercalculateur
    /// ABCI", "the ALIA project".
    fn names_a_product(&self, f: &Found) -> bool {
        let before = f.first > 0
            && PRODUCT_BEFORE.contains(&self.words[f.first - 1].folded)
            && joins_name(gap_before(self.text, self.words, f.first));
        let after = self.words.get(f.end).is_some_and(|w| {
            PRODUCT_AFTER.contains(&w.folded) && joins_name(gap_before(self.text, self.words, f.end))
        });
        before || after
    }

    /// Rejects products, events, acronyms that are not organisations,
    /// countries and nationalities ("Vietnam", "Japanese"), and people (a
    /// known first name, or a name right after "PDG", "M." ...).
    fn acceptable(&self, f: &Found) -> bool {
        let key = normalize_phrase(&f.name);
        let first_word = &self.words[f.first];
        let after_title = f.first > 0 && self.stop.person_titles.contains(self.words[f.first - 1].folded);
        // "TIM Brasil" is a company: a first name is not written in capitals.
        let first_name = !first_word.is_acronym() && self.stop.first_names.contains(first_word.folded);
        !key.is_empty()
            && !self.stop.not_org.contains(&key)
            && !first_name
            && !after_title
            && !is_country(&f.name)
    }
}
