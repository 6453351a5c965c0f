//! Organisations named in an article, as canonical display names ranked by
//! how often they are mentioned.
//!
//! Owns `assets/organisations.tsv` (known organisations and their aliases).
//! Known names are matched first, longest alias first, so "FPT Smart Cloud"
//! is not also counted as "FPT"; the words they cover are then off limits to
//! [`cues`], which finds unlisted names from the way the text introduces them.

mod cues;
mod scan;

use super::Segment;
use super::lexicon::{PhraseIndex, alternatives, data_rows};
use super::text::normalize_phrase;
use scan::{Word, as_tokens, starts_sentence, words};
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

#[derive(Debug)]
struct Lexicon {
    names: Vec<String>,
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
            let cased = match flags {
                "" => false,
                "cased" => true,
                other => return Err(format!("organisations line {line_no}: unknown flag {other:?}")),
            };
            if normalize_phrase(name).is_empty() {
                return Err(format!("organisations line {line_no}: empty name"));
            }
            let org = lexicon.names.len();
            lexicon.names.push(name.to_string());
            for alias in std::iter::once(name).chain(alternatives(aliases)) {
                let key = normalize_phrase(alias);
                match owners.insert(key.clone(), org) {
                    Some(prev) if prev != org => {
                        return Err(format!(
                            "organisations line {line_no}: alias {alias:?} already belongs to {}",
                            lexicon.names[prev]
                        ));
                    }
                    Some(_) => continue,
                    None => {}
                }
                let exact = cased.then(|| words(alias).iter().map(|w| w.text.to_string()).collect());
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
struct Tallies(HashMap<String, Tally>);

impl Tallies {
    fn add(&mut self, name: &str, at: (usize, usize)) {
        let tally = self.0.entry(normalize_phrase(name)).or_insert_with(|| Tally {
            name: name.to_string(),
            mentions: 0,
            first: at,
        });
        tally.mentions += 1;
        tally.first = tally.first.min(at);
    }

    /// Most mentioned first; ties by first appearance.
    fn ranked(self) -> Vec<String> {
        let mut all: Vec<Tally> = self.0.into_values().collect();
        all.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.first.cmp(&b.first)));
        all.into_iter().map(|t| t.name).collect()
    }
}

/// One segment's words and which of them the lexicon claimed.
struct Scanned<'a> {
    words: Vec<Word<'a>>,
    taken: Vec<bool>,
}

/// The organisations the article names: canonical names for known ones, as
/// written for the others; most mentioned first, ties by first appearance.
pub fn extract_organisations(segments: &[Segment<'_>]) -> Vec<String> {
    let lex = lexicon();
    let stop = stoplist();
    let mut tallies = Tallies::default();
    let mut scanned = Vec::with_capacity(segments.len());
    let mut discovered: Vec<String> = Vec::new();

    for (si, seg) in segments.iter().enumerate() {
        let ws = words(seg.text);
        let mut taken = vec![false; ws.len()];
        let toks = as_tokens(&ws);
        for m in lex.index.find(&toks) {
            if let Some(exact) = &m.value.exact {
                let written = ws[m.first_token..m.end_token].iter().map(|w| w.text);
                if !written.eq(exact.iter().map(String::as_str))
                    || starts_sentence(seg.text, &ws, m.first_token)
                {
                    continue;
                }
            }
            taken[m.first_token..m.end_token].fill(true);
            tallies.add(&lex.names[m.value.org], (si, m.first_token));
        }
        for found in cues::discover(seg.text, &ws, &taken, stop) {
            if !discovered.contains(&found.name) {
                discovered.push(found.name);
            }
        }
        scanned.push(Scanned { words: ws, taken });
    }

    // Second pass: a name introduced once by a cue ("la start-up Qubitline")
    // counts every time it recurs, including before the cue.
    let mut index = PhraseIndex::new();
    for (n, name) in discovered.iter().enumerate() {
        index.insert(name, n);
    }
    for (si, seg) in scanned.iter().enumerate() {
        let toks = as_tokens(&seg.words);
        for m in index.find(&toks) {
            let span = m.first_token..m.end_token;
            let name = &discovered[*m.value];
            if seg.taken[span.clone()].iter().any(|&t| t) || !same_spelling(&seg.words[span], name) {
                continue;
            }
            tallies.add(name, (si, m.first_token));
        }
    }
    tallies.ranked()
}

/// Whether the words spell `name` with the same capitals, bar the first
/// letter ("Ministère"/"ministère"): "Brightwave" is a name, "brightwave" not.
fn same_spelling(found: &[Word<'_>], name: &str) -> bool {
    let expected = words(name);
    found.len() == expected.len()
        && found.iter().zip(&expected).enumerate().all(|(k, (a, b))| {
            if k > 0 {
                return a.text == b.text;
            }
            let (mut x, mut y) = (a.text.chars(), b.text.chars());
            match (x.next(), y.next()) {
                (Some(p), Some(q)) => p.to_lowercase().eq(q.to_lowercase()) && x.eq(y),
                _ => false,
            }
        })
}

#[cfg(test)]
mod tests;
