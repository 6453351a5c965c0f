//! Splitting a paragraph into the tokens the figure grammar reads: words,
//! number literals and single symbols, each with its byte range in the
//! original text so a figure's `text` is always an exact substring.

use crate::extract::text::fold_cow;
use std::borrow::Cow;

/// Characters that may group thousands inside a number literal: the ASCII
/// space and the no-break, narrow no-break, figure and thin spaces.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{2009}')
}

/// A number as written: its first digit run, then each further run with the
/// separator before it. Interpretation (thousands or decimal) happens later,
/// once we know whether a scale word follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumLit<'a> {
    pub first: &'a str,
    pub rest: Vec<(char, &'a str)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind<'a> {
    /// A run of letters and digits starting with a letter ("milliards",
    /// "H100", "MI300X"): product codes stay words, never numbers.
    Word,
    /// Digits starting where no letter or digit precedes them.
    Num(NumLit<'a>),
    /// Any other visible character, one per token.
    Sym(char),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok<'a> {
    pub kind: Kind<'a>,
    pub raw: &'a str,
    /// Case- and accent-folded form of `raw` ("É" -> "e", "’" -> "'");
    /// borrowed when `raw` is already folded, as most tokens are.
    pub folded: Cow<'a, str>,
    pub start: usize,
    pub end: usize,
    /// No whitespace between this token and the previous one ("5bn", "US$").
    pub glued: bool,
}

impl Tok<'_> {
    pub fn is_word(&self) -> bool {
        matches!(self.kind, Kind::Word)
    }

    /// Apostrophes and hyphens join words inside a phrase ("d'euros",
    /// "semi-conducteurs") and are skipped when matching.
    pub fn is_joiner(&self) -> bool {
        matches!(self.kind, Kind::Sym(c) if matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{2bc}' | '-' | '\u{2010}' | '\u{2011}'))
    }
}

/// Splits `text` into tokens; whitespace only sets the `glued` flags.
pub fn lex(text: &str) -> Vec<Tok<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let glued = i > 0 && !chars[i - 1].1.is_whitespace();
        let start = i;
        let kind = if c.is_ascii_digit() {
            let (lit, next) = number_literal(text, &chars, i);
            i = next;
            Kind::Num(lit)
        } else if c.is_alphanumeric() {
            while i < chars.len() && chars[i].1.is_alphanumeric() {
                i += 1;
            }
            Kind::Word
        } else {
            i += 1;
            Kind::Sym(c)
        };
        let (s, e) = (byte_at(start), byte_at(i));
        let raw = &text[s..e];
        out.push(Tok { kind, raw, folded: fold_cow(raw), start: s, end: e, glued });
    }
    out
}

/// Reads digits with their separators from char index `i`. Returns the
/// literal and the char index just past it. Stops before letters, so
/// "5bn" lexes as a number then a glued word.
///
/// Grouping rules applied here (the decimal question is left for later):
/// - `,` or `.` followed by a digit always continues the literal;
/// - a space (ASCII, U+00A0, U+202F...) continues it only before exactly
///   three digits, when the first run has at most three digits and no `,`
///   or `.` has been seen yet: "260 000" is one number, "2024 260" is two.
fn number_literal<'a>(text: &'a str, chars: &[(usize, char)], mut i: usize) -> (NumLit<'a>, usize) {
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let digit_run = |from: usize| {
        let mut j = from;
        while j < chars.len() && chars[j].1.is_ascii_digit() {
            j += 1;
        }
        j
    };
    let end = digit_run(i);
    let first = &text[byte_at(i)..byte_at(end)];
    i = end;
    let mut rest = Vec::new();
    let mut seen_punct = false;
    while i + 1 < chars.len() && chars[i + 1].1.is_ascii_digit() {
        let sep = chars[i].1;
        let run_end = digit_run(i + 1);
        let run = &text[byte_at(i + 1)..byte_at(run_end)];
        let accept = match sep {
            ',' | '.' => true,
            s if is_group_space(s) => run.len() == 3 && first.len() <= 3 && !seen_punct,
            _ => false,
        };
        if !accept {
            break;
        }
        seen_punct |= matches!(sep, ',' | '.');
        rest.push((sep, run));
        i = run_end;
    }
    (NumLit { first, rest }, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<String> {
        lex(text)
            .iter()
            .map(|t| match &t.kind {
                Kind::Num(_) => format!("N:{}", t.raw),
                Kind::Word => format!("W:{}", t.raw),
                Kind::Sym(c) => format!("S:{c}"),
            })
            .collect()
    }

    #[test]
    fn lexes_numbers_words_and_symbols() {
        let cases: [(&str, &[&str]); 7] = [
            ("260 000 puces", &["N:260 000", "W:puces"]),
            ("en 2024 260 puces", &["W:en", "N:2024", "N:260", "W:puces"]),
            ("5,5 Md€", &["N:5,5", "W:Md", "S:€"]),
            ("US$300bn", &["W:US", "S:$", "N:300", "W:bn"]),
            ("H100 et 1\u{202f}528", &["W:H100", "W:et", "N:1\u{202f}528"]),
            ("2024, 500", &["N:2024", "S:,", "N:500"]),
            ("1,5 000", &["N:1,5", "N:000"]),
        ];
        for (text, expected) in cases {
            assert_eq!(shapes(text), expected, "text {text:?}");
        }
    }

    #[test]
    fn glued_flags_and_offsets() {
        let toks = lex("d’euros 5bn");
        let glued: Vec<bool> = toks.iter().map(|t| t.glued).collect();
        assert_eq!(glued, [false, true, true, false, true]);
        assert_eq!(toks[1].folded, "'");
        assert!(toks[1].is_joiner());
        assert_eq!(&"d’euros 5bn"[toks[2].start..toks[2].end], "euros");
    }
}
