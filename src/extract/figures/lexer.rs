//! Splitting a paragraph into the tokens the figure grammar reads: words,
//! number literals and single symbols, each with its byte range in the
//! original text so a figure's `text` is always an exact substring.

use crate::extract::text::fold_char;

/// Characters that may group thousands inside a number literal: the ASCII
/// space and the no-break, narrow no-break, figure and thin spaces.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{2009}')
}

/// A number as written: its first digit run, then each further run with the
/// separator before it. Interpretation (thousands or decimal) happens later,
/// once we know whether a scale word follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumLit<'a> {
    pub first: &'a str,
    /// The text after `first`: separators each followed by a digit run
    /// (read with [`NumLit::groups`]); empty for a plain digit run.
    pub rest: &'a str,
}

impl<'a> NumLit<'a> {
    /// Each further digit run with the separator before it: "1 234,5"
    /// gives (' ', "234") then (',', "5").
    pub fn groups(&self) -> impl Iterator<Item = (char, &'a str)> + use<'a> {
        let mut rest = self.rest;
        std::iter::from_fn(move || {
            let sep = rest.chars().next()?;
            let after = &rest[sep.len_utf8()..];
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let (run, tail) = after.split_at(digits);
            rest = tail;
            Some((sep, run))
        })
    }
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
    /// Case- and accent-folded form of `raw` ("É" -> "e", "’" -> "'"): `raw`
    /// itself when already folded, as most tokens are, else a slice of the
    /// spill buffer given to [`lex`].
    pub folded: &'a str,
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
///
/// Folded forms that differ from the raw text all go into `spill` (cleared
/// first), so a paragraph costs one buffer rather than one string per
/// capitalised or accented word.
pub fn lex<'a>(text: &'a str, spill: &'a mut String) -> Vec<Tok<'a>> {
    spill.clear();
    let mut out = Vec::with_capacity(text.len() / 4 + 1);
    // (token index, range in `spill`) of tokens whose fold is not `raw`.
    let mut refolded: Vec<(usize, usize, usize)> = Vec::new();
    let mut pos = 0;
    let mut after_space = true;
    while pos < text.len() {
        let c = char_at(text, pos);
        if c.is_whitespace() {
            pos += c.len_utf8();
            after_space = true;
            continue;
        }
        let glued = !after_space;
        after_space = false;
        let start = pos;
        let (kind, folds) = if c.is_ascii_digit() {
            let (lit, next) = number_literal(text, pos);
            pos = next;
            // Only a non-ASCII group space folds ("260\u{202f}000").
            (Kind::Num(lit), !text[start..pos].is_ascii())
        } else if c.is_alphanumeric() {
            let folds;
            (pos, folds) = word_end(text, pos);
            (Kind::Word, folds)
        } else {
            pos += c.len_utf8();
            (Kind::Sym(c), !c.is_ascii())
        };
        let raw = &text[start..pos];
        if folds {
            let from = spill.len();
            if raw.is_ascii() {
                spill.push_str(raw);
                spill[from..].make_ascii_lowercase();
            } else {
                raw.chars().for_each(|c| fold_char(c, spill));
            }
            refolded.push((out.len(), from, spill.len()));
        }
        out.push(Tok { kind, raw, folded: raw, start, end: pos, glued });
    }
    let spill: &'a String = spill;
    for (tok, from, to) in refolded {
        out[tok].folded = &spill[from..to];
    }
    out
}

/// [`lex`] with a spill buffer of its own (leaked): for tests only.
#[cfg(test)]
pub fn lex_for_test(text: &str) -> Vec<Tok<'_>> {
    lex(text, Box::leak(Box::default()))
}

/// The char starting at byte `pos` (a char boundary inside `text`).
fn char_at(text: &str, pos: usize) -> char {
    let byte = text.as_bytes()[pos];
    if byte.is_ascii() {
        char::from(byte)
    } else {
        text[pos..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER)
    }
}

/// The byte just past the run of letters and digits starting at `pos`, and
/// whether folding changes the run (a capital or a non-ASCII char).
fn word_end(text: &str, mut pos: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut folds = false;
    while let Some(&byte) = bytes.get(pos) {
        if byte.is_ascii() {
            if !byte.is_ascii_alphanumeric() {
                break;
            }
            folds |= byte.is_ascii_uppercase();
            pos += 1;
        } else {
            let c = char_at(text, pos);
            if !c.is_alphanumeric() {
                break;
            }
            folds = true;
            pos += c.len_utf8();
        }
    }
    (pos, folds)
}

/// The byte just past the ASCII digits starting at `pos`.
fn digits_end(text: &str, pos: usize) -> usize {
    pos + text.as_bytes()[pos..].iter().take_while(|b| b.is_ascii_digit()).count()
}

/// Reads digits with their separators from byte `pos`. Returns the literal
/// and the byte just past it. Stops before letters, so "5bn" lexes as a
/// number then a glued word.
///
/// Grouping rules applied here (the decimal question is left for later):
/// - `,` or `.` followed by a digit always continues the literal;
/// - a space (ASCII, U+00A0, U+202F...) continues it only before exactly
///   three digits, when the first run has at most three digits and no `,`
///   or `.` has been seen yet: "260 000" is one number, "2024 260" is two.
fn number_literal(text: &str, start: usize) -> (NumLit<'_>, usize) {
    let first_end = digits_end(text, start);
    let first = &text[start..first_end];
    let mut pos = first_end;
    let mut seen_punct = false;
    while pos < text.len() {
        let sep = char_at(text, pos);
        let run_start = pos + sep.len_utf8();
        if !text.as_bytes().get(run_start).is_some_and(u8::is_ascii_digit) {
            break;
        }
        let run_end = digits_end(text, run_start);
        let accept = match sep {
            ',' | '.' => true,
            s if is_group_space(s) => run_end - run_start == 3 && first.len() <= 3 && !seen_punct,
            _ => false,
        };
        if !accept {
            break;
        }
        seen_punct |= matches!(sep, ',' | '.');
        pos = run_end;
    }
    (NumLit { first, rest: &text[first_end..pos] }, pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<String> {
        lex(text, &mut String::new())
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
        let mut spill = String::new();
        let toks = lex("d’euros 5bn", &mut spill);
        let glued: Vec<bool> = toks.iter().map(|t| t.glued).collect();
        assert_eq!(glued, [false, true, true, false, true]);
        assert_eq!(toks[1].folded, "'");
        assert!(toks[1].is_joiner());
        assert_eq!(&"d’euros 5bn"[toks[2].start..toks[2].end], "euros");
    }
}
