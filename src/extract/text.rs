//! Low-level text helpers shared by every extractor and by search:
//! removing terminal control characters, folding case and accents, and
//! splitting folded text into word tokens.

use std::borrow::Cow;
use unicode_normalization::char::decompose_canonical;

/// Removes every character that could drive a terminal: C0 controls except
/// newline and tab, DEL, C1 controls, and whole ESC sequences (CSI, OSC...).
///
/// Article text is untrusted; this runs once at load so nothing downstream
/// (CLI or browser) can carry an escape sequence to a terminal.
pub fn strip_controls(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape_sequence(&mut chars),
            // C1 CSI/OSC/DCS introducers start sequences of their own.
            '\u{9b}' => skip_until_final(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{9e}' | '\u{9f}' => skip_string_body(&mut chars),
            '\n' | '\t' => out.push(c),
            // Line and paragraph separators are line breaks.
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            c if is_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// [`strip_controls`] for names, ids and messages: one line, so a tab or
/// newline in a file name becomes `?` and cannot split a row or forge a
/// `warning:` line.
pub fn single_line(input: &str) -> String {
    strip_controls(input).chars().map(|c| if c == '\n' || c == '\t' { '?' } else { c }).collect()
}

/// True for characters that must never be written to a terminal.
pub fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        // Bidi overrides and marks can reorder what the reader sees.
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
        // Zero-width characters hide text differences ("Nvi\u{200b}dia").
        || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

fn skip_escape_sequence(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_until_final(chars);
        }
        Some(']') | Some('P') | Some('^') | Some('_') | Some('X') => {
            chars.next();
            skip_string_body(chars);
        }
        // Two-character escapes (ESC c, ESC 7, ESC ( B ...): drop the next
        // printable character too, intermediates included.
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            chars.next();
            if chars.peek().is_some_and(|&n| n != '\n') {
                chars.next();
            }
        }
        Some(c) if ('\u{30}'..='\u{7e}').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

/// CSI: parameters and intermediates up to a final byte in 0x40..=0x7e.
fn skip_until_final(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = chars.peek() {
        if c == '\n' {
            return;
        }
        chars.next();
        if ('\u{40}'..='\u{7e}').contains(&c) {
            return;
        }
    }
}

/// OSC/DCS/APC/PM bodies end at BEL, ST (ESC \) or the C1 ST.
fn skip_string_body(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = chars.peek() {
        if c == '\n' {
            return;
        }
        chars.next();
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

/// Folds one character to lower case without accents, as a short string
/// ("É" -> "e", "œ" -> "oe", "ß" -> "ss"). Typographic apostrophes and
/// dashes fold to their ASCII forms.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if let Some(folded) = latin_folds().get((c as usize).wrapping_sub(LATIN_FIRST)) {
        out.push_str(folded);
    } else {
        fold_char_uncached(c, out);
    }
}

/// First code point of the range whose folds are computed once: Latin-1
/// Supplement and Latin Extended-A and -B, where nearly every non-ASCII
/// char of French and English text lies.
const LATIN_FIRST: usize = 0xa0;
const LATIN_END: usize = 0x250;

fn latin_folds() -> &'static [Box<str>] {
    static FOLDS: std::sync::OnceLock<Vec<Box<str>>> = std::sync::OnceLock::new();
    FOLDS.get_or_init(|| {
        (LATIN_FIRST..LATIN_END)
            .map(|code| {
                let mut out = String::new();
                if let Some(c) = char::from_u32(code as u32) {
                    fold_char_uncached(c, &mut out);
                }
                out.into_boxed_str()
            })
            .collect()
    })
}

fn fold_char_uncached(c: char, out: &mut String) {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02bc}' | '\u{2032}' => out.push('\''),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
        '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{2009}' => out.push(' '),
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' => out.push_str("ss"),
        _ => {
            let mut base = None;
            decompose_canonical(c, |d| {
                if base.is_none() {
                    base = Some(d);
                }
            });
            for lower in base.unwrap_or(c).to_lowercase() {
                out.push(lower);
            }
        }
    }
}

/// Lower-cases and strips accents: "Corée du Sud" -> "coree du sud".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`], appending to `out` (a buffer reused across calls).
pub fn fold_into(s: &str, out: &mut String) {
    let mut rest = s;
    while !rest.is_empty() {
        // ASCII runs are copied and lowered in bulk; the other chars one by one.
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let (run, tail) = rest.split_at(ascii);
        let from = out.len();
        out.push_str(run);
        out[from..].make_ascii_lowercase();
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            fold_char(c, out);
        }
        rest = chars.as_str();
    }
}

/// [`fold`], borrowing `s` when folding would not change it (ASCII without
/// capitals, as most words are): no allocation per word.
pub fn fold_cow(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(fold(s))
    }
}

/// Folded text together with, for each folded char, the index of the
/// original char it came from, so match positions map back for highlighting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FoldedText {
    pub folded: String,
    pub origin: Vec<u32>,
}

/// Folds `s` keeping the folded-char -> original-char map.
pub fn fold_with_origin(s: &str) -> FoldedText {
    let mut folded = String::with_capacity(s.len());
    let mut origin = Vec::with_capacity(s.len());
    let mut scratch = String::new();
    for (i, c) in s.chars().enumerate() {
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
            origin.push(i as u32);
            continue;
        }
        scratch.clear();
        fold_char(c, &mut scratch);
        for f in scratch.chars() {
            folded.push(f);
            origin.push(i as u32);
        }
    }
    FoldedText { folded, origin }
}

/// A word of folded text: letters and digits only, with its byte range in
/// the folded string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Splits already folded text into alphanumeric tokens. Apostrophes,
/// hyphens and punctuation separate words ("l'inde" -> "l", "inde";
/// "sud-coreen" -> "sud", "coreen").
pub fn tokens(folded: &str) -> Vec<Token<'_>> {
    token_iter(folded).collect()
}

/// [`tokens`] one at a time, for scans of long texts that need no vector
/// of every word.
pub fn token_iter(folded: &str) -> impl Iterator<Item = Token<'_>> {
    let mut chars = folded.char_indices();
    let mut start = None;
    std::iter::from_fn(move || {
        for (i, c) in chars.by_ref() {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                return Some(Token { text: &folded[s..i], start: s, end: i });
            }
        }
        start.take().map(|s| Token { text: &folded[s..], start: s, end: folded.len() })
    })
}

/// Folds and joins the tokens of `s` with single spaces: the canonical form
/// used for lexicon entries and phrase matching ("États-Unis" -> "etats unis").
pub fn normalize_phrase(s: &str) -> String {
    let folded = fold(s);
    tokens(&folded).iter().map(|t| t.text).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_controls_and_escape_sequences() {
        let cases = [
            ("plain text", "plain text"),
            ("a\u{1b}[31mred\u{1b}[0m b", "ared b"),
            ("title\u{1b}]0;pwned\u{7}end", "titleend"),
            ("osc\u{1b}]8;;http://x\u{1b}\\link", "osclink"),
            ("bell\u{7} back\u{8}space", "bell backspace"),
            ("c1\u{9b}2Jcsi", "c1csi"),
            ("keep\ttab\nand newline", "keep\ttab\nand newline"),
            ("nul\u{0}del\u{7f}", "nuldel"),
            ("bidi\u{202e}txet", "biditxet"),
            (
                "marks\u{200e}\u{200f}\u{61c}zero\u{200b}\u{200c}\u{200d}\u{2060}\u{feff}width",
                "markszerowidth",
            ),
            ("line\u{2028}para\u{2029}end", "line\npara\nend"),
            ("trailing escape\u{1b}", "trailing escape"),
            ("Titre\u{1b}(\nCorps", "Titre\nCorps"),
            ("cut csi\u{1b}[12\nnext", "cut csi\nnext"),
            ("cut osc\u{1b}]0;x\nnext", "cut osc\nnext"),
        ];
        for (input, expected) in cases {
            assert_eq!(strip_controls(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn single_line_names() {
        assert_eq!(single_line("a\nwarning: forged\tb\u{1b}]0;x\u{7}c"), "a?warning: forged?bc");
    }

    #[test]
    fn folds_case_and_accents() {
        let cases = [
            ("Corée du Sud", "coree du sud"),
            ("ÉTATS-UNIS", "etats-unis"),
            ("cœur", "coeur"),
            ("l’Inde", "l'inde"),
            ("Hanoï", "hanoi"),
            ("Straße", "strasse"),
            ("260\u{202f}000", "260 000"),
        ];
        for (input, expected) in cases {
            assert_eq!(fold(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn cached_and_bulk_folds_equal_the_char_by_char_fold() {
        for code in 0..0x3000u32 {
            let Some(c) = char::from_u32(code) else { continue };
            let (mut cached, mut uncached) = (String::new(), String::new());
            fold_char(c, &mut cached);
            if c.is_ascii() {
                uncached.push(c.to_ascii_lowercase());
            } else {
                fold_char_uncached(c, &mut uncached);
            }
            assert_eq!(cached, uncached, "char U+{code:04X}");
        }
        for text in ["", "ABC", "Été à Séoul", "É", "xÉ", "Éx", "œŒß  NVIDIA’s 5\u{202f}000 €", "日本 AI"]
        {
            let mut expected = String::new();
            text.chars().for_each(|c| fold_char(c, &mut expected));
            assert_eq!(fold(text), expected, "text {text:?}");
            assert_eq!(fold_cow(text), expected, "text {text:?}");
        }
    }

    #[test]
    fn fold_origin_maps_back_to_original_chars() {
        let f = fold_with_origin("Œuvre é");
        assert_eq!(f.folded, "oeuvre e");
        assert_eq!(f.origin, vec![0, 0, 1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn tokens_split_on_punctuation() {
        let words: Vec<_> = tokens("l'inde, sud-coreen 5,5").iter().map(|t| t.text).collect();
        assert_eq!(words, ["l", "inde", "sud", "coreen", "5", "5"]);
        assert_eq!(normalize_phrase("  États-Unis  d’Amérique "), "etats unis d amerique");
    }
}
