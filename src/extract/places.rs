//! Cities, regions and hubs that tell which country a deal is in ("a data
//! centre in Tema" is in Ghana). Owns `assets/places.tsv`. Places are not
//! countries: they never count as a country the article names, they only
//! help find a deal's host.

use super::lexicon::{PhraseIndex, alternatives, data_rows};
use super::text::{fold_with_origin, tokens};
use std::sync::OnceLock;

const PLACES_TSV: &str = include_str!("../../assets/places.tsv");

/// A place named in a text: byte range and its country's ISO code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceHit {
    pub start: usize,
    pub end: usize,
    pub code: String,
}

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

    /// Every place in `text`, in order. A place is a proper noun: the text
    /// must write it with a capital ("Nice" the city, never "nice").
    pub fn scan(&self, text: &str) -> Vec<PlaceHit> {
        let folded = fold_with_origin(text);
        let toks = tokens(&folded.folded);
        if toks.is_empty() {
            return Vec::new();
        }
        let byte_of_char: Vec<usize> =
            text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
        let mut char_of_folded_byte = vec![0u32; folded.folded.len() + 1];
        for (n, (b, c)) in folded.folded.char_indices().enumerate() {
            char_of_folded_byte[b..b + c.len_utf8()].fill(n as u32);
        }
        let original_char =
            |folded_byte: usize| folded.origin[char_of_folded_byte[folded_byte] as usize] as usize;
        self.index
            .find(&toks)
            .into_iter()
            .filter_map(|m| {
                let start_char = original_char(toks[m.first_token].start);
                let end_char = original_char(toks[m.end_token - 1].end - 1) + 1;
                let start = byte_of_char[start_char];
                let end = byte_of_char[end_char.min(byte_of_char.len() - 1)];
                let capitalised = text[start..].chars().next().is_some_and(char::is_uppercase);
                capitalised.then(|| PlaceHit { start, end, code: self.codes[*m.value].clone() })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_capitalised_places_with_their_country() {
        let places =
            Places::parse("# c\nGH\tAccra|Tema\nSA\tRiyadh|Riyad|Eastern Province\nFR\tNice\n").unwrap();
        let found = |t: &str| {
            places.scan(t).into_iter().map(|h| (t[h.start..h.end].to_string(), h.code)).collect::<Vec<_>>()
        };
        assert_eq!(
            found("un centre à Tema, près d'Accra"),
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
        assert!(!places.codes.is_empty());
    }
}
