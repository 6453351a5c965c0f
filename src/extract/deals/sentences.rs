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
    // Byte offset the search for the next sentence end starts from.
    let mut from = 0;
    let bytes = text.as_bytes();
    while let Some(at) = next_end_byte(bytes, from) {
        if bytes[at] == 0xe2 && !text[at..].starts_with('…') {
            from = at + 1;
            continue;
        }
        let c = text[at..].chars().next().unwrap_or('.');
        // Closing punctuation that belongs to this sentence.
        let mut j = at + c.len_utf8();
        loop {
            j += leading_len(&text[j..], |c| {
                matches!(c, '"' | '\'' | '»' | '”' | '’' | ')' | ']' | '.' | '!' | '?')
            });
            // French closing quotes come after a space: "« oui. »".
            let k = j + leading_len(&text[j..], |c| matches!(c, ' ' | '\u{a0}' | '\u{202f}'));
            if k > j && text[k..].starts_with(['»', '”']) {
                j = k;
            } else {
                break;
            }
        }
        let rest = &text[j..];
        let next_starts = rest.starts_with(char::is_whitespace) && next_word_starts_sentence(rest);
        if next_starts && !(c == '.' && is_abbreviation(&text[start..at])) {
            push_trimmed(text, start..j, &mut out);
            start = j;
        }
        from = j;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// The first byte from `from` that may end a sentence: '.', '!', '?', or
/// 0xE2, which starts '…' (and other punctuation).
fn next_end_byte(bytes: &[u8], from: usize) -> Option<usize> {
    let is_end = |b: u8| (b == b'.') | (b == b'!') | (b == b'?') | (b == 0xe2);
    // Most bytes are none of these: whole chunks are checked without a
    // branch per byte, so the compiler can check their bytes side by side.
    const CHUNK: usize = 32;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + CHUNK) {
        if chunk.iter().fold(false, |any, &b| any | is_end(b)) {
            break;
        }
        at += CHUNK;
    }
    bytes[at..].iter().position(|&b| is_end(b)).map(|found| at + found)
}

/// Byte length of the longest start of `text` whose chars all satisfy `pred`.
fn leading_len(text: &str, pred: impl Fn(char) -> bool) -> usize {
    text.find(|c| !pred(c)).unwrap_or(text.len())
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
fn next_word_starts_sentence(rest: &str) -> bool {
    rest.chars().find(|c| !c.is_whitespace()).is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '«' | '“' | '\'' | '(' | '‘')
    })
}

/// The word before a full stop is an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = &before[word_start..];
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return false };
    // "J. Huang", "U.S.": single capitals are initials.
    if chars.next().is_none() && first.is_uppercase() {
        return true;
    }
    if word.is_ascii() {
        ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
    } else {
        ABBREVIATIONS.contains(&word.to_lowercase().as_str())
    }
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
