//! Telling French from English by counting function words.

use super::lexicon::{FoldedWords, NO_WORD, Vocabulary, alternatives, data_rows};
use super::text::{fold, tokens};
use crate::model::Language;
use std::sync::OnceLock;

const LANGUAGE_DATA: &str = include_str!("../../assets/language.tsv");

/// The function words of each language: their ids, and by id the language.
struct FunctionWords {
    words: Vocabulary,
    language: Vec<Language>,
}

fn function_words() -> &'static FunctionWords {
    static WORDS: OnceLock<FunctionWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut table = FunctionWords { words: Vocabulary::default(), language: Vec::new() };
        for row in data_rows(LANGUAGE_DATA) {
            let language = match row.first().copied() {
                Some("fr") => Language::Fr,
                Some("en") => Language::En,
                _ => continue,
            };
            for word in row.get(1).map(|f| alternatives(f)).into_iter().flatten() {
                let folded = fold(word);
                // Only a single word can equal a token of the text.
                if !matches!(tokens(&folded).as_slice(), [only] if only.text == folded) {
                    continue;
                }
                let id = table.words.insert(&folded) as usize;
                // A word listed for both languages counts for the last.
                match table.language.get_mut(id) {
                    Some(slot) => *slot = language,
                    None => table.language.push(language),
                }
            }
        }
        table
    })
}

/// The article's language; French when the text gives no signal, since most
/// of the corpus is French.
pub fn detect_language(text: &str) -> Language {
    let table = function_words();
    let (mut fr, mut en) = (0usize, 0usize);
    FoldedWords::default().scan(text, |word, _| {
        let id = table.words.id(word);
        if id != NO_WORD {
            match table.language[id as usize] {
                Language::Fr => fr += 1,
                Language::En => en += 1,
            }
        }
    });
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
