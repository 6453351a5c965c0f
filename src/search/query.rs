//! The filter language: parsing the text of the filter box into clauses, and
//! deciding when a new query only narrows the previous one (so the previous
//! matches can be reused as candidates while the user types).
//!
//! Syntax: space-separated terms, all must hold. `@x` country facet, `#x`
//! topic facet, `kind:x` and `status:x` deal kind and status (a slug, or a
//! prefix of one of its words), `'x` exact folded substring (body
//! included), `!` before any of these negates it, anything else is a fuzzy
//! term. Values are folded.

use crate::extract::text::fold;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Fuzzy(String),
    Exact(String),
    Country(String),
    Topic(String),
    Kind(String),
    Status(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub term: Term,
    pub negated: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Clause>,
}

/// Parses the filter box text. Never fails: bare sigils are ignored.
pub fn parse(input: &str) -> Query {
    let clauses = input.split_whitespace().filter_map(parse_word).collect();
    Query { clauses }
}

fn parse_word(word: &str) -> Option<Clause> {
    let (negated, rest) = match word.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, word),
    };
    let mut chars = rest.chars();
    let lower = rest.to_lowercase();
    if let Some(value) = lower.strip_prefix("kind:") {
        return Some(Clause { term: Term::Kind(non_empty(value)?), negated });
    }
    if let Some(value) = lower.strip_prefix("status:") {
        return Some(Clause { term: Term::Status(non_empty(value)?), negated });
    }
    let term = match chars.next()? {
        '@' => Term::Country(non_empty(chars.as_str())?),
        '#' => Term::Topic(non_empty(chars.as_str())?),
        '\'' => Term::Exact(non_empty(chars.as_str())?),
        _ => Term::Fuzzy(non_empty(rest)?),
    };
    Some(Clause { term, negated })
}

fn non_empty(value: &str) -> Option<String> {
    let folded = fold(value);
    (!folded.is_empty()).then_some(folded)
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// True when every document matching `self` also matches `previous`:
    /// each previous clause is implied by some clause of `self`.
    pub fn is_refinement_of(&self, previous: &Query) -> bool {
        previous.clauses.iter().all(|old| self.clauses.iter().any(|new| new.implies(old)))
    }
}

impl Clause {
    /// True when every document matching `self` matches `other`.
    pub fn implies(&self, other: &Clause) -> bool {
        match (self.negated, other.negated) {
            (false, false) => self.term.implies(&other.term),
            // not-a implies not-b when b implies a.
            (true, true) => other.term.implies(&self.term),
            _ => false,
        }
    }
}

impl Term {
    /// True when every document matching `self` matches `other`. Relies on
    /// each kind of matching being closed under taking a prefix of the term
    /// (see `matcher::GAP_BUDGET` for the fuzzy case).
    pub fn implies(&self, other: &Term) -> bool {
        match (self, other) {
            (Term::Fuzzy(new), Term::Fuzzy(old))
            | (Term::Exact(new), Term::Exact(old))
            | (Term::Topic(new), Term::Topic(old))
            | (Term::Kind(new), Term::Kind(old))
            | (Term::Status(new), Term::Status(old)) => new.starts_with(old.as_str()),
            // An exact substring is also a (gapless) fuzzy match, but only
            // where fuzzy looks (not the body), so no cross implication.
            // Countries: a 2-letter value may match by ISO code, which is
            // not prefix-closed ("@de" is Germany, "@d" is no name of it).
            (Term::Country(new), Term::Country(old)) => {
                new == old || (new.starts_with(old.as_str()) && new.chars().count() != 2)
            }
            _ => false,
        }
    }
}

/// Whether a slug answers a `kind:`/`status:` value: the value starts the
/// slug or one of its hyphenated words ("supply" is chip-supply).
pub fn slug_matches(slug: &str, value: &str) -> bool {
    slug.starts_with(value) || slug.split('-').any(|word| word.starts_with(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(term: Term, negated: bool) -> Clause {
        Clause { term, negated }
    }
    fn fz(s: &str) -> Term {
        Term::Fuzzy(s.into())
    }

    #[test]
    fn parses_table() {
        let cases: Vec<(&str, Vec<Clause>)> = vec![
            ("", vec![]),
            ("   ", vec![]),
            ("Corée", vec![c(fz("coree"), false)]),
            ("nvidia  ÉTATS", vec![c(fz("nvidia"), false), c(fz("etats"), false)]),
            ("@KR", vec![c(Term::Country("kr".into()), false)]),
            ("@Corée", vec![c(Term::Country("coree".into()), false)]),
            ("#super", vec![c(Term::Topic("super".into()), false)]),
            ("'sud-coréen", vec![c(Term::Exact("sud-coreen".into()), false)]),
            ("!cloud", vec![c(fz("cloud"), true)]),
            ("!@us", vec![c(Term::Country("us".into()), true)]),
            ("!#cloud", vec![c(Term::Topic("cloud".into()), true)]),
            ("!'gpu", vec![c(Term::Exact("gpu".into()), true)]),
            ("@ # ! ' !@ !# !'", vec![]),
            ("a@b", vec![c(fz("a@b"), false)]),
            ("!!x", vec![c(fz("!x"), true)]),
            (
                "kind:supply Status:SIGNED",
                vec![c(Term::Kind("supply".into()), false), c(Term::Status("signed".into()), false)],
            ),
            ("!kind:acq kind:", vec![c(Term::Kind("acq".into()), true)]),
        ];
        for (input, expected) in cases {
            assert_eq!(parse(input).clauses, expected, "input {input:?}");
        }
    }

    #[test]
    fn refinement_table() {
        let cases = [
            ("", "", true),
            ("", "nv", true),
            ("nv", "nvi", true),
            ("nv", "nvi coree", true),
            ("nv coree", "coree", false),
            ("nvi", "nv", false),
            ("nv", "!nv", false),
            ("!nvidia", "!nvi", true),
            ("!nvi", "!nvidia", false),
            ("'sud", "'sud-c", true),
            ("'sud", "sud", false),
            ("#sup", "#super", true),
            ("@k", "@kr", false),
            ("@kr", "@kr", true),
            ("@ko", "@kor", true),
            ("@cor", "@coree", true),
            ("nv @kr", "@kr nvid #chip", true),
            ("kind:s", "kind:sup", true),
            ("status:sig", "status:s", false),
        ];
        for (old, new, expected) in cases {
            assert_eq!(parse(new).is_refinement_of(&parse(old)), expected, "{old:?} -> {new:?}");
        }
    }
}
