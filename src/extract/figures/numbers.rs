//! Reading number literals ("5,5", "1,528", "18.000", "260 000") and number
//! words ("deux", "vingt-cinq", "a hundred") into values.

use super::lexer::{Kind, NumLit, Tok};
use super::units::LEXICON;
use crate::model::Language;

/// The value of a literal.
///
/// Rules, in order:
/// 1. Spaces only group thousands (the lexer merged them only before three
///    digits).
/// 2. Both `,` and `.` present: the last one is the decimal mark, the other
///    groups thousands ("1,234.5", "1.234,5").
/// 3. The same mark more than once: thousands ("1,234,567", "1.234.567").
/// 4. One mark followed by other than three digits, or after a leading run
///    of four or more digits or of a single "0": decimal ("5,5", "5.25").
/// 5. One mark followed by exactly three digits: thousands ("1,528 GPUs",
///    "18.000 puces") unless a scale word follows ("1,528 milliards" is
///    1.528e9). With a scale word, English text keeps `,` as thousands
///    ("1,500 million" is 1.5e9) and French text keeps `.` as thousands.
pub fn literal_value(lit: &NumLit<'_>, scaled: bool, lang: Option<Language>) -> Option<f64> {
    if lit.rest.is_empty() {
        return lit.first.parse::<f64>().ok().filter(|v| v.is_finite());
    }
    let is_mark = |sep: char| matches!(sep, ',' | '.');
    // The marks (`,` or `.`), by index among the groups: how many, and the last.
    let mut marks = 0;
    let mut last: Option<(usize, char, &str)> = None;
    for (i, (sep, digits)) in lit.groups().enumerate().filter(|(_, (sep, _))| is_mark(*sep)) {
        marks += 1;
        last = Some((i, sep, digits));
    }
    let decimal_at = match (marks, last) {
        (1, Some((i, mark, digits))) => {
            let lead = if i == 0 { lit.first } else { "" };
            let thousands_in_lang = match lang {
                Some(Language::En) => mark == ',',
                Some(Language::Fr) => mark == '.',
                None => false,
            };
            let decimal =
                digits.len() != 3 || lead.len() > 3 || lead == "0" || (scaled && !thousands_in_lang);
            decimal.then_some(i)
        }
        (_, Some((i, last_mark, _))) => {
            let last_kind_count = lit.groups().filter(|(sep, _)| *sep == last_mark).count();
            let mixed = lit.groups().any(|(sep, _)| is_mark(sep) && sep != last_mark);
            (mixed && last_kind_count == 1).then_some(i)
        }
        _ => None,
    };
    let mut number = String::with_capacity(lit.first.len() + lit.rest.len());
    number.push_str(lit.first);
    for (i, (_, digits)) in lit.groups().enumerate() {
        if Some(i) == decimal_at {
            number.push('.');
        }
        number.push_str(digits);
    }
    number.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A run of number words starting at token `at`: its value, the index one
/// past it, and whether it is a lone "un", "a" or "one" that only counts
/// before a scale word.
///
/// Words add up ("vingt-cinq" = 25, "dix-sept" = 17), "cent"/"hundred"
/// multiplies ("deux cents" = 200), and "vingt" after a unit below ten
/// multiplies too ("quatre-vingt-dix" = 90). "et"/"and" may join words.
pub fn word_number(toks: &[Tok<'_>], at: usize) -> Option<(f64, usize, bool)> {
    let mut i = at;
    let mut value = 0.0_f64;
    let mut words = 0;
    let mut article_only = true;
    let mut needs_scale = false;
    let mut after_et = false;
    while let Some((word, end)) = LEXICON.numbers.match_at(toks, i) {
        // Inside a run an article is a plain one only after "et" ("vingt et
        // un"); "il y a un million" must not read "a un" as two.
        if words > 0 && word.article && !after_et {
            break;
        }
        // After an article only a multiplier continues ("a hundred"): "il y
        // a deux millions" is two million, not three.
        if words == 1 && article_only && !word.multiplier {
            break;
        }
        if word.multiplier {
            value = value.max(1.0) * word.value;
        } else if word.value == 20.0 && (2.0..10.0).contains(&value) {
            value *= 20.0;
        } else {
            value += word.value;
        }
        article_only &= word.article;
        if words == 0 {
            needs_scale = word.alone_needs_scale;
        }
        words += 1;
        i = end;
        // Continue over a glued hyphen or a joining "et"/"and".
        let joined_by = |n: usize, words: &[&str]| toks.get(n).is_some_and(|t| words.contains(&t.folded));
        let hyphen = toks.get(i).is_some_and(|t| t.is_joiner() && t.folded == "-");
        let et_un = joined_by(i, &["et"]) && joined_by(i + 1, &["un", "une", "onze"]);
        let and = joined_by(i, &["and"]) && value >= 100.0;
        let next = if hyphen || et_un || and { i + 1 } else { i };
        after_et = et_un;
        match LEXICON.numbers.match_at(toks, next) {
            Some(_) if toks[next].is_word() => i = next,
            _ => break,
        }
    }
    (words > 0).then_some((value, i, needs_scale && words == 1))
}

/// A rough guess at the language of `text` from common function words.
/// Only used for "billion" (1e12 in French) and for the `,`/`.` rule above.
pub fn detect_language(toks: &[Tok<'_>]) -> Option<Language> {
    let (mut fr, mut en) = (0, 0);
    for t in toks.iter().filter(|t| matches!(t.kind, Kind::Word)) {
        // One `match` on the word (a switch on length then bytes), not a
        // scan of two word lists per token.
        match t.folded {
            "le" | "la" | "les" | "de" | "des" | "du" | "d" | "l" | "et" | "est" | "une" | "pour"
            | "avec" | "dans" | "sur" | "aux" | "au" | "milliards" | "millions" | "milliard" | "ses"
            | "puces" | "qui" | "par" => fr += 1,
            "the" | "of" | "and" | "is" | "for" | "with" | "in" | "on" | "to" | "a" | "an" | "its"
            | "chips" | "that" | "by" | "trillion" | "bn" => en += 1,
            _ => {}
        }
    }
    match fr.cmp(&en) {
        std::cmp::Ordering::Greater => Some(Language::Fr),
        std::cmp::Ordering::Less => Some(Language::En),
        std::cmp::Ordering::Equal => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexer::lex_for_test;
    use super::*;

    fn lit_value(text: &str, scaled: bool, lang: Option<Language>) -> Option<f64> {
        let toks = lex_for_test(text);
        match &toks[0].kind {
            Kind::Num(lit) => literal_value(lit, scaled, lang),
            _ => None,
        }
    }

    #[test]
    fn literal_rules() {
        use Language::{En, Fr};
        let cases: [(&str, bool, Option<Language>, f64); 14] = [
            ("5,5", false, None, 5.5),
            ("5.5", false, None, 5.5),
            ("260 000", false, None, 260_000.0),
            ("1,528", false, None, 1528.0),
            ("18.000", false, Some(Fr), 18_000.0),
            ("18,000", false, Some(En), 18_000.0),
            ("1,528", true, None, 1.528),
            ("1,528", true, Some(Fr), 1.528),
            ("1,500", true, Some(En), 1500.0),
            ("1.500", true, Some(Fr), 1500.0),
            ("1,234,567", false, None, 1_234_567.0),
            ("1.234,5", false, None, 1234.5),
            ("1 234,5", false, None, 1234.5),
            ("0,125", false, None, 0.125),
        ];
        for (text, scaled, lang, expected) in cases {
            let got = lit_value(text, scaled, lang).unwrap();
            assert!((got - expected).abs() <= expected.abs() * 1e-9, "{text:?} {scaled} {lang:?}: {got}");
        }
    }

    #[test]
    fn number_words() {
        let cases = [
            ("deux", 2.0, false),
            ("vingt-cinq", 25.0, false),
            ("deux cents", 200.0, false),
            ("quatre-vingt-dix", 90.0, false),
            ("vingt et un", 21.0, false),
            ("a hundred", 100.0, false),
            ("un", 1.0, true),
            ("twenty-five", 25.0, false),
            ("a un", 1.0, true),
            ("one", 1.0, true),
            ("twenty-one", 21.0, false),
            ("one hundred", 100.0, false),
        ];
        for (text, expected, article) in cases {
            let toks = lex_for_test(text);
            let (value, end, lone) = word_number(&toks, 0).unwrap();
            let len = if text == "a un" { 1 } else { toks.len() };
            assert_eq!((value, end, lone), (expected, len, article), "{text:?}");
        }
        assert_eq!(word_number(&lex_for_test("accord"), 0), None);
    }

    #[test]
    fn guesses_language() {
        assert_eq!(detect_language(&lex_for_test("deux billions de dollars")), Some(Language::Fr));
        assert_eq!(detect_language(&lex_for_test("the deal is worth $5bn")), Some(Language::En));
        assert_eq!(detect_language(&lex_for_test("1,528 GPUs")), None);
    }
}
