//! Cities, regions and hubs that tell which country a deal is in ("a data
//! centre in Tema" is in Ghana). Owns `assets/places.tsv`. Places are not
//! countries: they never count as a country the article names, they only
//! help find a deal's host.

use super::lexicon::{PhraseIndex, alternatives, data_rows};
use super::text::Token;
use std::sync::OnceLock;

const PLACES_TSV: &str = include_str!("../../assets/places.tsv");

#[derive(Debug, Default)]
pub struct Places {
    index: PhraseIndex<usize>,
    codes: Vec<String>,
}

impl Places {
    /// Parses `code<TAB>place|place|...` rows. Errors name the line.
    pub fn parse(text: &str) -> Result<Places, String> {
        let mut places = Places::default();
        for (n, line) in text.lines().enumerate() {
            for row in data_rows(line) {
                let [code, names] = row.as_slice() else {
                    return Err(format!("places line {}: expected code<TAB>places", n + 1));
                };
                if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                    return Err(format!("places line {}: bad country code {code:?}", n + 1));
                }
                let slot = places.codes.len();
                places.codes.push(code.to_string());
                for name in alternatives(names) {
                    places.index.insert(name, slot);
                }
            }
        }
        Ok(places)
    }

    pub fn embedded() -> &'static Places {
        static PLACES: OnceLock<Places> = OnceLock::new();
        // Embedded and covered by a unit test: a parse error is a build defect.
        PLACES.get_or_init(|| Places::parse(PLACES_TSV).expect("assets/places.tsv is valid"))
    }

    /// Every place among already folded tokens, as token ranges with the
    /// country's code. A place is a proper noun: `capitalised` says whether
    /// the text writes a token with a capital ("Nice" the city, never "nice").
    pub fn find<'p>(
        &'p self,
        toks: &[Token<'_>],
        capitalised: impl Fn(usize) -> bool,
    ) -> Vec<PlaceMatch<'p>> {
        self.index
            .find(toks)
            .into_iter()
            .filter(|m| capitalised(m.first_token))
            .map(|m| PlaceMatch { first: m.first_token, end: m.end_token, code: &self.codes[*m.value] })
            .collect()
    }
}

/// A place found among tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceMatch<'p> {
    pub first: usize,
    pub end: usize,
    pub code: &'p str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::{fold, tokens};

    #[test]
    fn finds_capitalised_places_with_their_country() {
        let places =
            Places::parse("# c\nGH\tAccra|Tema\nSA\tRiyadh|Riyad|Eastern Province\nFR\tNice\n").unwrap();
        // ASCII texts: folded tokens sit at the same bytes as the original.
        let found = |t: &str| -> Vec<(String, String)> {
            let folded = fold(t);
            let toks = tokens(&folded);
            let upper = |i: usize| t[toks[i].start..].starts_with(char::is_uppercase);
            let hits = places.find(&toks, upper);
            hits.iter().map(|m| (t[toks[m.first].start..toks[m.end - 1].end].into(), m.code.into())).collect()
        };
        assert_eq!(
            found("un centre a Tema, pres d'Accra"),
            [("Tema".into(), "GH".into()), ("Accra".into(), "GH".into())]
        );
        assert_eq!(
            found("in the Eastern Province and Riyad"),
            [("Eastern Province".into(), "SA".into()), ("Riyad".into(), "SA".into())]
        );
        assert!(found("a nice data centre").is_empty());
        assert!(Places::parse("Ghana\tAccra").is_err());
    }

    #[test]
    fn embedded_places_parse() {
        let places = Places::embedded();
        assert!(places.codes.len() > 150);
    }
}
