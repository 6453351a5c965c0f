//! Telling French from English by counting function words.

use super::lexicon::{alternatives, data_rows};
use super::text::{fold, token_iter};
use crate::model::Language;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

const LANGUAGE_DATA: &str = include_str!("../../assets/language.tsv");

fn function_words() -> &'static HashMap<String, Language> {
    static WORDS: OnceLock<HashMap<String, Language>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut map = HashMap::default();
        for row in data_rows(LANGUAGE_DATA) {
            let language = match row.first().copied() {
                Some("fr") => Language::Fr,
                Some("en") => Language::En,
                _ => continue,
            };
            for word in row.get(1).map(|f| alternatives(f)).into_iter().flatten() {
                map.insert(fold(word), language);
            }
        }
        map
    })
}

/// The article's language; French when the text gives no signal, since most
/// of the corpus is French.
pub fn detect_language(text: &str) -> Language {
    let folded = fold(text);
    let words = function_words();
    let (mut fr, mut en) = (0usize, 0usize);
    for token in token_iter(&folded) {
        match words.get(token.text) {
            Some(Language::Fr) => fr += 1,
            Some(Language::En) => en += 1,
            None => {}
        }
    }
    if en > fr { Language::En } else { Language::Fr }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_language() {
        let cases = [
            ("Nvidia va livrer plus de 260 000 puces à la Corée du Sud.", Language::Fr),
            ("Nvidia will supply 18,000 of its chips to the kingdom of Saudi Arabia.", Language::En),
            ("", Language::Fr),
            ("Nvidia H100 GPU", Language::Fr),
            ("The deal, selon l'AFP, is worth $5 billion to the company and its partners.", Language::En),
        ];
        for (text, expected) in cases {
            assert_eq!(detect_language(text), expected, "text {text:?}");
        }
    }
}
