//! The unit lexicon: scale words, currencies, percent, power units, counted
//! nouns, filler words and number words, read once from `assets/units.tsv`
//! and matched against lexer tokens at a given position.

use super::lexer::{Kind, Tok, lex};
use crate::extract::lexicon::{alternatives, data_rows};
use crate::model::{Language, Unit};
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

const UNITS_TSV: &str = include_str!("../../../assets/units.tsv");

#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub factor: f64,
    /// The factor when the text is French ("billion" = 1e12 there).
    pub french: f64,
    /// Only valid glued to the digits or next to a currency ("5m", "€5 M").
    pub tight: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NumberWord {
    pub value: f64,
    /// "un", "a": only a figure before a scale word ("un milliard").
    pub article: bool,
    /// "one": like an article when alone ("one of the chips" is not a
    /// count), but a number inside a run ("twenty-one").
    pub alone_needs_scale: bool,
    /// "cent", "hundred": multiplies what came before.
    pub multiplier: bool,
}

/// Phrases of folded words, each with a value, matched anchored at a token.
#[derive(Debug)]
pub struct Phrases<V> {
    by_first: HashMap<String, Vec<(Vec<String>, V)>>,
}

impl<V> Default for Phrases<V> {
    fn default() -> Self {
        Phrases { by_first: HashMap::default() }
    }
}

impl<V> Phrases<V> {
    fn insert(&mut self, phrase: &str, value: V) {
        // Phrases go through the same lexer as text, so symbols like % and
        // € are words and apostrophes or hyphens vanish the same way.
        let mut spill = String::new();
        let words: Vec<String> =
            lex(phrase, &mut spill).iter().filter(|t| !t.is_joiner()).map(|t| t.folded.to_string()).collect();
        let Some(first) = words.first().cloned() else { return };
        let entries = self.by_first.entry(first).or_default();
        entries.push((words, value));
        entries.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    }

    /// The longest phrase starting at token `at`, with the index one past its
    /// last token. Joiners between words are skipped; any other symbol or a
    /// number ends the phrase.
    pub fn match_at(&self, toks: &[Tok<'_>], at: usize) -> Option<(&V, usize)> {
        let first = toks.get(at)?;
        if matches!(first.kind, Kind::Num(_)) {
            return None;
        }
        let candidates = self.by_first.get(first.folded)?;
        candidates.iter().find_map(|(words, value)| {
            let mut i = at;
            for (n, word) in words.iter().enumerate() {
                if n > 0 {
                    while toks.get(i).is_some_and(Tok::is_joiner) {
                        i += 1;
                    }
                }
                let tok = toks.get(i)?;
                if matches!(tok.kind, Kind::Num(_)) || tok.folded != word.as_str() {
                    return None;
                }
                i += 1;
            }
            Some((value, i))
        })
    }

    /// The value of the one-word phrase `folded`, if listed.
    pub fn single_word(&self, folded: &str) -> Option<&V> {
        self.by_first.get(folded)?.iter().find(|(w, _)| w.len() == 1).map(|(_, v)| v)
    }

    pub fn contains_word(&self, folded: &str) -> bool {
        self.by_first.get(folded).is_some_and(|c| c.iter().any(|(w, _)| w.len() == 1))
    }
}

/// Every table of `assets/units.tsv`.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub scales: Phrases<Scale>,
    /// Raw currency signs written before a number ("US$", "€"), exact case.
    pub symbols: HashMap<String, String>,
    pub currencies: Phrases<String>,
    /// Currency words whose meaning depends on the text's language
    /// ("dirhams": Moroccan in French, Emirati in English).
    pub currencies_fr: Phrases<String>,
    pub currencies_en: Phrases<String>,
    pub percent: Phrases<()>,
    pub power: Phrases<f64>,
    pub counts: Phrases<Unit>,
    /// Determiners and prepositions: "de ses", "of its".
    pub fillers: Phrases<()>,
    /// Adjectives: "nouvelles", "national", "advanced".
    pub modifiers: Phrases<()>,
    pub numbers: Phrases<NumberWord>,
}

impl Lexicon {
    fn parse(tsv: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        for row in data_rows(tsv) {
            let (kind, value, phrases) = match row.as_slice() {
                [k, v, p, ..] => (*k, *v, *p),
                _ => continue,
            };
            let flags: Vec<&str> = row.get(3).map(|f| alternatives(f).collect()).unwrap_or_default();
            let number: f64 = value.parse().unwrap_or(f64::NAN);
            for phrase in alternatives(phrases) {
                match kind {
                    "scale" => {
                        let french = flags
                            .iter()
                            .find_map(|f| f.strip_prefix("fr=").and_then(|v| v.parse().ok()))
                            .unwrap_or(number);
                        let tight = flags.contains(&"tight");
                        lex.scales.insert(phrase, Scale { factor: number, french, tight });
                    }
                    "symbol" => {
                        lex.symbols.insert(phrase.to_string(), value.to_string());
                    }
                    "currency" => {
                        let table = if flags.contains(&"lang=fr") {
                            &mut lex.currencies_fr
                        } else if flags.contains(&"lang=en") {
                            &mut lex.currencies_en
                        } else {
                            &mut lex.currencies
                        };
                        table.insert(phrase, value.to_string());
                    }
                    "percent" => lex.percent.insert(phrase, ()),
                    "power" => lex.power.insert(phrase, number),
                    "count" => {
                        let unit = match value {
                            "chips" => Unit::Chips,
                            "gpus" => Unit::Gpus,
                            _ => Unit::Other,
                        };
                        lex.counts.insert(phrase, unit);
                    }
                    "filler" => lex.fillers.insert(phrase, ()),
                    "modifier" => lex.modifiers.insert(phrase, ()),
                    "number" => {
                        let word = NumberWord {
                            value: number,
                            article: flags.contains(&"article"),
                            alone_needs_scale: flags.contains(&"article") || flags.contains(&"alone"),
                            multiplier: flags.contains(&"multiplier"),
                        };
                        lex.numbers.insert(phrase, word);
                    }
                    _ => {}
                }
            }
        }
        lex
    }

    /// The currency word at `at`, the longest of the general table and the
    /// table for `lang`; on a tie the language's reading wins.
    pub fn currency_at(
        &self,
        toks: &[Tok<'_>],
        at: usize,
        lang: Option<Language>,
    ) -> Option<(&String, usize)> {
        let general = self.currencies.match_at(toks, at);
        let local = match lang {
            Some(Language::Fr) => self.currencies_fr.match_at(toks, at),
            Some(Language::En) => self.currencies_en.match_at(toks, at),
            None => None,
        };
        match (general, local) {
            (Some(g), Some(l)) => Some(if g.1 > l.1 { g } else { l }),
            (g, l) => l.or(g),
        }
    }

    /// The currency of an upper-case ISO code written as its own word
    /// ("CHF 3 millions"); lower case is refused there to avoid plain words.
    pub fn code(&self, raw: &str) -> Option<&String> {
        if raw.len() != 3 || !raw.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        let mut lower = [0u8; 3];
        lower.copy_from_slice(raw.as_bytes());
        lower.make_ascii_lowercase();
        self.currencies.single_word(std::str::from_utf8(&lower).ok()?)
    }
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::parse(UNITS_TSV));

#[cfg(test)]
mod tests {
    use super::super::lexer::lex_for_test;
    use super::*;

    #[test]
    fn table_loads_every_kind() {
        let lx = &*LEXICON;
        let toks = lex_for_test("milliards de dollars de Singapour");
        let (scale, end) = lx.scales.match_at(&toks, 0).unwrap();
        assert_eq!((scale.factor, end), (1e9, 1));
        assert_eq!(lx.currencies.match_at(&toks, 2), Some((&"SGD".to_string(), 5)));
        assert_eq!(lx.symbols.get("US$").map(String::as_str), Some("USD"));
        assert_eq!(lx.code("CHF").map(String::as_str), Some("CHF"));
        assert_eq!(lx.code("chf"), None);
        let semi = lex_for_test("semi-conducteurs");
        assert_eq!(lx.counts.match_at(&semi, 0), Some((&Unit::Chips, 3)));
        let billion = lex_for_test("billions");
        assert_eq!(lx.scales.match_at(&billion, 0).unwrap().0.french, 1e12);
        assert!(lx.fillers.contains_word("ses"));
        assert!(lx.modifiers.contains_word("nouvelles"));
        let dirhams = lex_for_test("dirhams");
        let code = |lang| lx.currency_at(&dirhams, 0, lang).map(|(c, _)| c.as_str());
        assert_eq!(code(Some(Language::Fr)), Some("MAD"));
        assert_eq!(code(Some(Language::En)), Some("AED"));
        assert_eq!(code(None), Some("AED"));
        let emirati = lex_for_test("dirhams émiratis");
        assert_eq!(lx.currency_at(&emirati, 0, Some(Language::Fr)), Some((&"AED".to_string(), 2)));
        assert!(lx.numbers.match_at(&lex_for_test("vingt"), 0).is_some());
    }
}
