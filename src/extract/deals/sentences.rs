//! Splitting a paragraph into sentences, as byte ranges: deal evidence is
//! quoted by the sentence, and cues only count inside one.

use std::ops::Range;

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "dr", "pr", "st", "ste", "mr", "mrs", "ms", "prof", "gen", "sen",
    "rep", "gov", "inc", "corp", "ltd", "co", "jr", "sr", "no", "nos", "vol", "art", "p", "pp", "cf", "etc",
    "env", "av", "vs", "ex", "fig", "approx", "dept", "est", "jan", "feb", "fév", "mar", "apr", "avr", "jun",
    "jul", "juil", "aug", "sep", "sept", "oct", "nov", "dec", "déc", "u", "s", "e", "a", "n", "o",
];

/// Sentence ranges of `text`, in order, trimmed of surrounding spaces. A
/// sentence ends at `.`, `!`, `?` or `…` (and any closing quotes or
/// brackets after it) followed by a space and a capital, digit or opening
/// quote; not after an abbreviation, an initial or inside a number.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            // Closing punctuation that belongs to this sentence.
            let mut j = i + 1;
            loop {
                while j < chars.len()
                    && matches!(chars[j].1, '"' | '\'' | '»' | '”' | '’' | ')' | ']' | '.' | '!' | '?')
                {
                    j += 1;
                }
                // French closing quotes come after a space: "« oui. »".
                let mut k = j;
                while k < chars.len() && matches!(chars[k].1, ' ' | '\u{a0}' | '\u{202f}') {
                    k += 1;
                }
                if k > j && k < chars.len() && matches!(chars[k].1, '»' | '”') {
                    j = k;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
            let next_starts = chars.get(j).is_some_and(|&(_, n)| n.is_whitespace())
                && next_word_starts_sentence(&chars[j..]);
            if next_starts && !(c == '.' && is_abbreviation(&text[start..at])) {
                push_trimmed(text, start..end, &mut out);
                start = end;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let piece = &text[range.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

/// After whitespace, the next visible character opens a sentence.
fn next_word_starts_sentence(rest: &[(usize, char)]) -> bool {
    rest.iter().map(|&(_, c)| c).find(|c| !c.is_whitespace()).is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '«' | '“' | '\'' | '(' | '‘')
    })
}

/// The word before a full stop is an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word: String = before.chars().rev().take_while(|c| c.is_alphabetic()).collect();
    let word: String = word.chars().rev().collect();
    if word.is_empty() {
        return false;
    }
    // "J. Huang", "U.S.": single capitals are initials.
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_on_sentence_ends_only() {
        let cases: [(&str, &[&str]); 7] = [
            ("Un accord. Une usine!  Et puis?", &["Un accord.", "Une usine!", "Et puis?"]),
            ("Il a dit « oui. » Puis il est parti.", &["Il a dit « oui. »", "Puis il est parti."]),
            (
                "Nvidia Corp. and the U.S. Commerce Dept. agreed. Then 5,5 milliards.",
                &["Nvidia Corp. and the U.S. Commerce Dept. agreed.", "Then 5,5 milliards."],
            ),
            ("M. Huang a parlé. 2025 sera décisive.", &["M. Huang a parlé.", "2025 sera décisive."]),
            ("It costs $1.5 billion. done", &["It costs $1.5 billion. done"]),
            ("No end", &["No end"]),
            ("   ", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(split(text), expected, "{text:?}");
        }
    }
}
