//! Organisations named in an article, as canonical display names ranked by
//! how often they are mentioned.
//!
//! Owns `assets/organisations.tsv` (known organisations and their aliases).
//! Known names are matched first, longest alias first, so "FPT Smart Cloud"
//! is not also counted as "FPT"; the words they cover are then off limits to
//! [`cues`], which finds unlisted names from the way the text introduces them.

mod cues;
mod scan;

use super::language::detect_language;
use super::lexicon::{PhraseIndex, alternatives, data_rows};
use super::text::normalize_phrase;
use super::{Segment, SegmentRole};
use crate::model::{Language, OrgRole};
use rustc_hash::FxHashMap;
use scan::{Word, as_tokens, gap_before, joins_name, starts_sentence, word_spans, words};
use std::collections::HashMap;
use std::sync::OnceLock;

const ORGANISATIONS_TSV: &str = include_str!("../../assets/organisations.tsv");

/// One alias of a known organisation.
#[derive(Debug, Clone)]
struct Alias {
    /// Index into [`Lexicon::names`].
    org: usize,
    /// For `cased` rows: the alias's words as written, which the text must
    /// match exactly, and never at a sentence start.
    exact: Option<Vec<String>>,
}

/// The names of one known organisation.
#[derive(Debug, Clone)]
struct Names {
    canonical: String,
    /// Display names by article language (`en=`/`fr=` flags).
    english: Option<String>,
    french: Option<String>,
    /// ISO code of its home country (`country=` flag).
    country: Option<String>,
    /// Its usual role in a deal (`role=` flag).
    role: Option<OrgRole>,
    /// A news outlet (`media` flag): it reports deals, never signs one.
    media: bool,
}

impl Names {
    fn display(&self, lang: Language) -> &str {
        let localised = match lang {
            Language::En => self.english.as_deref(),
            Language::Fr => self.french.as_deref(),
        };
        localised.unwrap_or(&self.canonical)
    }
}

#[derive(Debug)]
struct Lexicon {
    names: Vec<Names>,
    index: PhraseIndex<Alias>,
}

/// Parses the organisation file. Errors name the 1-based line and the problem.
fn parse_lexicon(text: &str) -> Result<Lexicon, String> {
    let mut lexicon = Lexicon { names: Vec::new(), index: PhraseIndex::new() };
    // Normalised alias -> organisation, to catch one alias given to two.
    let mut owners: HashMap<String, usize> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        for row in data_rows(line) {
            let (name, aliases, flags) = match row.as_slice() {
                [name] => (*name, "", ""),
                [name, aliases] => (*name, *aliases, ""),
                [name, aliases, flags] => (*name, *aliases, *flags),
                _ => return Err(format!("organisations line {line_no}: too many fields")),
            };
            if normalize_phrase(name).is_empty() {
                return Err(format!("organisations line {line_no}: empty name"));
            }
            let mut names = Names {
                canonical: name.to_string(),
                english: None,
                french: None,
                country: None,
                role: None,
                media: false,
            };
            let mut cased = false;
            for flag in alternatives(flags) {
                let slot = match flag.split_once('=') {
                    None if flag == "cased" => {
                        cased = true;
                        continue;
                    }
                    None if flag == "media" => {
                        names.media = true;
                        continue;
                    }
                    Some(("country", code)) => {
                        let code = code.trim();
                        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                            return Err(format!("organisations line {line_no}: bad country code {code:?}"));
                        }
                        names.country = Some(code.to_string());
                        continue;
                    }
                    Some(("role", role)) => {
                        names.role =
                            Some(OrgRole::from_slug(role.trim()).ok_or_else(|| {
                                format!("organisations line {line_no}: unknown role {role:?}")
                            })?);
                        continue;
                    }
                    Some(("en", _)) => &mut names.english,
                    Some(("fr", _)) => &mut names.french,
                    _ => return Err(format!("organisations line {line_no}: unknown flag {flag:?}")),
                };
                let display = flag[3..].trim();
                if normalize_phrase(display).is_empty() {
                    return Err(format!("organisations line {line_no}: empty name in flag {flag:?}"));
                }
                *slot = Some(display.to_string());
            }
            let org = lexicon.names.len();
            let displays: Vec<String> = names.english.iter().chain(&names.french).cloned().collect();
            lexicon.names.push(names);
            let all =
                std::iter::once(name).chain(alternatives(aliases)).chain(displays.iter().map(String::as_str));
            for alias in all {
                let key = normalize_phrase(alias);
                match owners.insert(key.clone(), org) {
                    Some(prev) if prev != org => {
                        return Err(format!(
                            "organisations line {line_no}: alias {alias:?} already belongs to {}",
                            lexicon.names[prev].canonical
                        ));
                    }
                    Some(_) => continue,
                    None => {}
                }
                let exact = cased.then(|| word_spans(alias).map(|(s, e)| alias[s..e].to_string()).collect());
                lexicon.index.insert(alias, Alias { org, exact });
            }
        }
    }
    Ok(lexicon)
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    // Embedded and covered by a unit test: a parse error is a build defect.
    LEXICON.get_or_init(|| parse_lexicon(ORGANISATIONS_TSV).expect("assets/organisations.tsv is valid"))
}

fn stoplist() -> &'static cues::Stoplist {
    static STOP: OnceLock<cues::Stoplist> = OnceLock::new();
    STOP.get_or_init(|| cues::Stoplist::embedded().expect("assets/org_stopwords.txt is valid"))
}

/// Mention count and first position (segment, word) of one organisation.
#[derive(Debug)]
struct Tally {
    name: String,
    mentions: u32,
    first: (usize, usize),
}

/// Organisations keyed by normalised name, so spellings of one name merge.
#[derive(Default)]
struct Tallies {
    all: Vec<Tally>,
    /// Normalised name -> index in `all`.
    by_key: FxHashMap<String, usize>,
    /// Name as given -> index in `all`: a name seen before is not
    /// normalised again.
    by_spelling: FxHashMap<String, usize>,
    mentions: Vec<OrgMention>,
}

impl Tallies {
    /// Counts one mention of `name` at word `at.1` of segment `at.0`,
    /// spanning `bytes` of that segment.
    fn add(&mut self, name: &str, at: (usize, usize), bytes: (usize, usize), known: Option<&Names>) {
        let slot = match self.by_spelling.get(name) {
            Some(&slot) => slot,
            None => {
                let all = &mut self.all;
                let slot = *self.by_key.entry(normalize_phrase(name)).or_insert_with(|| {
                    all.push(Tally { name: name.to_string(), mentions: 0, first: at });
                    all.len() - 1
                });
                self.by_spelling.insert(name.to_string(), slot);
                slot
            }
        };
        let tally = &mut self.all[slot];
        tally.mentions += 1;
        tally.first = tally.first.min(at);
        self.mentions.push(OrgMention {
            segment: at.0,
            start: bytes.0,
            end: bytes.1,
            name: tally.name.clone(),
            country: known.and_then(|n| n.country.clone()),
            role: known.and_then(|n| n.role),
            media: known.is_some_and(|n| n.media),
        });
    }

    /// Most mentioned first, ties by first appearance; mentions in text order.
    fn finish(self) -> OrgFacts {
        // No two names share a first position, so the order is total.
        let mut all = self.all;
        all.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.first.cmp(&b.first)));
        let mut mentions = self.mentions;
        mentions.sort_by_key(|m| (m.segment, m.start));
        OrgFacts { ranked: all.into_iter().map(|t| t.name).collect(), mentions }
    }
}

/// One place where the article names an organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgMention {
    /// Index of the segment, and byte range in its text.
    pub segment: usize,
    pub start: usize,
    pub end: usize,
    /// The name as listed in the article's organisations.
    pub name: String,
    /// Home country and usual deal role, for known organisations that have them.
    pub country: Option<String>,
    pub role: Option<OrgRole>,
    /// A news outlet: never a party to a deal.
    pub media: bool,
}

/// The organisations of an article, ranked, and every mention of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrgFacts {
    pub ranked: Vec<String>,
    pub mentions: Vec<OrgMention>,
}

/// Capitalised words that, right after a known name, make a distinct
/// organisation of it: "Intel Capital" is an investor, not Intel, and "Tata
/// Communications" a telecom operator. Legal suffixes ("Corp", "Inc") are
/// not here: "Nvidia Corp" is Nvidia.
const EXTENSIONS: &[&str] =
    &["Capital", "Ventures", "Investments", "Communications", "Telecom", "Internet", "Foundation"];

/// The organisations the article names: canonical names for known ones, as
/// written for the others; most mentioned first, ties by first appearance.
/// Known names with a display name per language follow the article's.
pub fn extract_organisations(segments: &[Segment<'_>]) -> Vec<String> {
    find_organisations(segments).ranked
}

/// [`extract_organisations`] with where each name is mentioned.
pub fn find_organisations(segments: &[Segment<'_>]) -> OrgFacts {
    let whole: Vec<&str> = segments.iter().map(|s| s.text).collect();
    find_organisations_in(segments, detect_language(&whole.join("\n")))
}

/// [`find_organisations`] for an article whose language is known (the
/// parser detects it once for every extractor).
pub fn find_organisations_in(segments: &[Segment<'_>], lang: Language) -> OrgFacts {
    let lex = lexicon();
    let stop = stoplist();
    let mut tallies = Tallies::default();
    // Only which words the lexicon claimed is kept between the passes: the
    // words themselves cost about fifteen times the text, so the second
    // pass splits each segment again instead.
    let mut claimed: Vec<Vec<bool>> = Vec::with_capacity(segments.len());
    let mut discovered: Vec<String> = Vec::new();
    let mut products: Vec<String> = Vec::new();
    // Folded forms of the capitalised words of the segment being read.
    let mut folds = String::new();

    for (si, seg) in segments.iter().enumerate() {
        let ws = words(seg.text, &mut folds);
        let mut taken = vec![false; ws.len()];
        let toks = as_tokens(&ws);
        for m in lex.index.find(&toks) {
            // Already the extension of the name before ("Intel Capital").
            if taken[m.first_token] {
                continue;
            }
            if let Some(exact) = &m.value.exact {
                let written = ws[m.first_token..m.end_token].iter().map(|w| w.text);
                if !written.eq(exact.iter().map(String::as_str))
                    || starts_sentence(seg.text, &ws, m.first_token)
                {
                    continue;
                }
            }
            let known = &lex.names[m.value.org];
            let name = known.display(lang);
            let mut end = m.end_token;
            let extension = ws.get(end).filter(|w| {
                EXTENSIONS.contains(&w.text) && !taken[end] && joins_name(gap_before(seg.text, &ws, end))
            });
            let name = match extension {
                Some(w) => {
                    end += 1;
                    format!("{name} {}", w.text)
                }
                None => name.to_string(),
            };
            taken[m.first_token..end].fill(true);
            let bytes = (ws[m.first_token].start, ws[end - 1].end);
            tallies.add(&name, (si, m.first_token), bytes, extension.is_none().then_some(known));
        }
        let headline = matches!(seg.role, SegmentRole::Title | SegmentRole::Heading);
        let found = cues::discover(seg.text, &ws, &taken, stop, headline);
        for f in found.names {
            if !discovered.contains(&f.name) {
                discovered.push(f.name);
            }
        }
        products.extend(found.products.into_iter().map(|p| normalize_phrase(&p)));
        claimed.push(taken);
    }
    // A name the article once calls a project, model or machine ("the ALIA
    // project", "le supercalculateur ABCI") is not an organisation anywhere.
    if !products.is_empty() {
        discovered.retain(|name| !products.contains(&normalize_phrase(name)));
    }

    // Second pass: a name introduced once by a cue ("la start-up Qubitline")
    // counts every time it recurs, including before the cue.
    let mut index = PhraseIndex::new();
    for (n, name) in discovered.iter().enumerate() {
        index.insert(name, n);
    }
    // Segments without a clue of any name cannot mention one: they are not
    // split into words again. No clues (None) when a name has none.
    let clues: Option<Vec<&str>> = discovered.iter().map(|name| spelling_clue(name)).collect();
    let may_mention = |text: &str| clues.as_ref().is_none_or(|clues| clues.iter().any(|c| text.contains(c)));
    let segments_again = segments.iter().zip(&claimed).enumerate();
    for (si, (seg, taken)) in
        segments_again.filter(|(_, (seg, _))| !discovered.is_empty() && may_mention(seg.text))
    {
        let ws = words(seg.text, &mut folds);
        let toks = as_tokens(&ws);
        for m in index.find(&toks) {
            let span = m.first_token..m.end_token;
            let name = &discovered[*m.value];
            if taken[span.clone()].iter().any(|&t| t) || !same_spelling(&ws[span], name) {
                continue;
            }
            let bytes = (ws[m.first_token].start, ws[m.end_token - 1].end);
            tallies.add(name, (si, m.first_token), bytes, None);
        }
    }
    tallies.finish()
}

/// Text that every spelling of `name` [`same_spelling`] accepts contains as
/// written: its last word when it has several, else its one word bar the
/// first letter (whose case may differ). None for a one-letter name.
fn spelling_clue(name: &str) -> Option<&str> {
    let mut spans = word_spans(name);
    let (start, end) = spans.next()?;
    if let Some((start, end)) = spans.last() {
        return Some(&name[start..end]);
    }
    let mut chars = name[start..end].chars();
    chars.next();
    Some(chars.as_str()).filter(|rest| !rest.is_empty())
}

/// Whether the words spell `name` with the same capitals, bar the first
/// letter ("Ministère"/"ministère"): "Brightwave" is a name, "brightwave" not.
fn same_spelling(found: &[Word<'_>], name: &str) -> bool {
    let expected = || word_spans(name).map(|(s, e)| &name[s..e]);
    found.len() == expected().count()
        && found.iter().zip(expected()).enumerate().all(|(k, (a, b))| {
            if k > 0 {
                return a.text == b;
            }
            let (mut x, mut y) = (a.text.chars(), b.chars());
            match (x.next(), y.next()) {
                (Some(p), Some(q)) => p.to_lowercase().eq(q.to_lowercase()) && x.eq(y),
                _ => false,
            }
        })
}

#[cfg(test)]
mod tests;
