//! Figures: amounts of money, chip and GPU counts, percentages, power and
//! other counted things, read from French or English text.
//!
//! This module owns the figure grammar. A figure is
//! `[currency sign] number [scale] [de|d'|of] [currency | % | power unit]`
//! or `number [scale] [a few filler words] counted-noun`. A number alone
//! (a year, a date, a time, a product code) is never a figure.
//!
//! - `lexer`: tokens with byte offsets, so `Figure::text` is an exact
//!   substring of the input;
//! - `numbers`: number literals (decimal comma or point, thousands groups)
//!   and number words, plus a rough language guess;
//! - `units`: the word tables of `assets/units.tsv`.

mod lexer;
mod numbers;
#[cfg(test)]
mod tests;
mod units;

use crate::model::{Figure, Language, Unit};
use lexer::{Kind, NumLit, Tok, lex};
use numbers::{detect_language, literal_value, word_number};
use units::{LEXICON, Scale};

/// Every figure in one paragraph of text, in order of appearance. The
/// language (which decides whether "billion" is 1e9 or 1e12) is guessed from
/// the paragraph itself.
pub fn extract_figures(text: &str) -> Vec<Figure> {
    extract_figures_in(text, None)
}

/// Like [`extract_figures`], with the language given when the caller knows
/// it (e.g. from the whole article); `None` guesses from `text`.
pub fn extract_figures_in(text: &str, lang: Option<Language>) -> Vec<Figure> {
    let mut spill = String::new();
    let toks = lex(text, &mut spill);
    let lang = lang.or_else(|| detect_language(&toks));
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // Ranges first: in "$2-3 billion", "$2" alone would be a figure.
        if let Some((lower, upper)) = range_at(text, &toks, i, lang) {
            out.push(lower);
            out.push(upper.figure);
            i = upper.end.max(i + 1);
        } else if let Some(parsed) = figure_at(text, &toks, i, lang) {
            out.push(parsed.figure);
            i = parsed.end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// A figure and how it was read.
struct Parsed {
    figure: Figure,
    /// Token index just past the figure.
    end: usize,
    /// What the number was multiplied by (scale, kW to MW...).
    multiplier: f64,
    scaled: bool,
}

/// "entre 2 et 3 milliards de dollars", "2 à 3 GW", "$2-3 billion": the
/// lower bound takes the upper bound's scale and unit, and its text spans
/// the whole range. Returns the lower and upper figures.
fn range_at(text: &str, toks: &[Tok<'_>], i: usize, lang: Option<Language>) -> Option<(Figure, Parsed)> {
    let Kind::Num(lit) = &toks[i].kind else { return None };
    let joiner = toks.get(i + 1)?;
    if !standalone(toks, i)
        || !matches!(joiner.folded, "et" | "and" | "a" | "to" | "-" | "ou" | "or")
        || !matches!(toks.get(i + 2)?.kind, Kind::Num(_))
        || year_like(lit)
    {
        return None;
    }
    let mut upper = figure_at(text, toks, i + 2, lang)?;
    let prefix = prefix_currency(toks, i);
    if let Some((code, _)) = &prefix
        && upper.figure.unit == Unit::Other
    {
        // "$2-3 billion": the sign before the lower bound covers both.
        upper.figure.unit = Unit::Currency(code.as_str().into());
    }
    let value = literal_value(lit, upper.scaled, lang)? * upper.multiplier;
    // A range goes up; "en 2023 et 263 milliards" is not one.
    if value.partial_cmp(&upper.figure.value) != Some(std::cmp::Ordering::Less) {
        return None;
    }
    let start = prefix.map_or(toks[i].start, |(_, s)| s);
    let end_byte = toks[upper.end - 1].end;
    let lower = Figure {
        text: text[start..end_byte].into(),
        value,
        unit: upper.figure.unit.clone(),
        start,
        end: end_byte,
    };
    Some((lower, upper))
}

/// What starts a figure: digits, or number words.
enum Lead<'t, 'a> {
    Literal(&'t NumLit<'a>),
    /// Value, and whether it is a lone "un"/"a" (needs a scale word).
    Words(f64, bool),
}

/// The figure starting with the number at token `i`, and the token index
/// just past it.
fn figure_at(text: &str, toks: &[Tok<'_>], i: usize, lang: Option<Language>) -> Option<Parsed> {
    let lx = &*LEXICON;
    let (lead, after_number) = match &toks[i].kind {
        Kind::Num(lit) if standalone(toks, i) => (Lead::Literal(lit), i + 1),
        Kind::Word => {
            let (value, end, article) = word_number(toks, i)?;
            (Lead::Words(value, article), end)
        }
        _ => return None,
    };
    let literal = matches!(lead, Lead::Literal(_));
    let prefix = if literal { prefix_currency(toks, i) } else { None };
    let start = prefix.as_ref().map_or(toks[i].start, |(_, s)| *s);
    let mut currency = prefix.map(|(c, _)| c);

    let mut j = after_number;
    // "500-MW", "10-GPU": a glued hyphen between the number and its unit.
    if literal
        && toks.get(j).is_some_and(|t| t.glued && t.folded == "-")
        && toks.get(j + 1).is_some_and(|t| t.glued && t.is_word())
    {
        j += 1;
    }
    // Letters glued to the digits must be a unit ("5bn", "100MW", "174%"
    // is a symbol); otherwise the number is part of a code ("5G", "1er").
    if literal && toks.get(j).is_some_and(|t| t.glued && t.is_word()) && !starts_unit(toks, j) {
        return None;
    }

    let mut scale: Option<&Scale> = None;
    if let Some((s, end)) = lx.scales.match_at(toks, j) {
        let allowed = !s.tight
            || literal && (toks[j].glued || currency.is_some() || suffix_currency(toks, end, lang).is_some());
        if allowed {
            scale = Some(s);
            j = end;
        }
    } else if let Some((s, code)) = split_scale_code(toks, j) {
        scale = Some(s);
        currency = currency.or(Some(code));
        j += 1;
    }

    let base = match lead {
        Lead::Literal(lit) => literal_value(lit, scale.is_some(), lang)?,
        Lead::Words(_, true) if scale.is_none() => return None,
        Lead::Words(value, _) => value,
    };
    let factor = scale.map_or(1.0, |s| if lang == Some(Language::Fr) { s.french } else { s.factor });

    let (unit, multiplier, end) = if let Some(code) = currency {
        (Unit::Currency(code.into()), factor, j)
    } else if let Some((code, end)) = connected_currency(toks, j, scale.is_some(), lang) {
        (Unit::Currency(code.into()), factor, end)
    } else if let Some(end) = lx.percent.match_at(toks, j).filter(|_| scale.is_none()).map(|(_, e)| e) {
        (Unit::Percent, factor, end)
    } else if let Some((mw, end)) = lx.power.match_at(toks, j).filter(|_| scale.is_none()) {
        (Unit::Megawatts, factor * mw, end)
    } else if let Some((unit, end)) = counted_noun(toks, j, filler_policy(&lead, scale.is_some())) {
        (unit, factor, end)
    } else if scale.is_some_and(|s| !s.tight) {
        // "deux millions", "5,5 milliards": a scaled amount of something unnamed.
        (Unit::Other, factor, j)
    } else {
        return None;
    };
    let value = base * multiplier;
    if !value.is_finite() {
        return None;
    }
    let end_byte = toks[end - 1].end;
    let figure = Figure { text: text[start..end_byte].into(), value, unit, start, end: end_byte };
    Some(Parsed { figure, end, multiplier, scaled: scale.is_some() })
}

/// False when the digits at `i` are part of a date, a time, a version or a
/// code: "COVID-19", "19/09/2025", "16:30", "2025-08-25", "2024-12", "24/7".
/// Two short numbers joined by a hyphen ("2-3 milliards") stay numbers.
fn standalone(toks: &[Tok<'_>], i: usize) -> bool {
    const TIGHT: &[char] = &['/', ':', '.', ',', '_', '#'];
    const DASH: &[char] = &['-', '\u{2010}', '\u{2011}', '\u{2013}'];
    let sym = |k: usize, set: &[char]| {
        toks.get(k).is_some_and(|t| matches!(t.kind, Kind::Sym(c) if set.contains(&c)))
    };
    let num = |k: usize| toks.get(k).is_some_and(|t| matches!(t.kind, Kind::Num(_)));
    let glued = |k: usize| toks.get(k).is_some_and(|t| t.glued);
    if i >= 1 && glued(i) && glued(i - 1) && sym(i - 1, TIGHT) {
        return false;
    }
    if glued(i + 1) && sym(i + 1, TIGHT) && glued(i + 2) && num(i + 2) {
        return false;
    }
    if i >= 2 && glued(i) && glued(i - 1) && sym(i - 1, DASH) && toks[i - 2].is_word() {
        return false;
    }
    // The chain of numbers joined by glued hyphens around `i`.
    let linked = |k: usize| glued(k) && sym(k, DASH) && glued(k + 1) && num(k + 1);
    let mut first = i;
    while first >= 2 && linked(first - 1) {
        first -= 2;
    }
    let mut last = i;
    while linked(last + 1) {
        last += 2;
    }
    let parts = (last - first) / 2 + 1;
    let date_part = |k: usize| toks[k].raw.len() == 4 || toks[k].raw.starts_with('0');
    parts == 1 || parts == 2 && !date_part(first) && !date_part(last)
}

/// Whether a scale, currency, percent, power unit or counted noun starts at `j`.
fn starts_unit(toks: &[Tok<'_>], j: usize) -> bool {
    let lx = &*LEXICON;
    lx.scales.match_at(toks, j).is_some()
        || lx.currency_at(toks, j, Some(Language::Fr)).is_some()
        || lx.currency_at(toks, j, Some(Language::En)).is_some()
        || lx.percent.match_at(toks, j).is_some()
        || lx.power.match_at(toks, j).is_some()
        || lx.counts.match_at(toks, j).is_some()
        || split_scale_code(toks, j).is_some()
}

/// A currency sign or upper-case code just before the number at `i`
/// ("$5", "US$300", "€80", "CHF 3"), with the byte where it starts.
fn prefix_currency(toks: &[Tok<'_>], i: usize) -> Option<(String, usize)> {
    let lx = &*LEXICON;
    let before = toks.get(i.checked_sub(1)?)?;
    match before.kind {
        Kind::Sym(_) => {
            // A letter prefix glued to the sign: "US$", "HK$", "A$".
            if before.glued && i >= 2 && toks[i - 2].is_word() {
                let joined = format!("{}{}", toks[i - 2].raw, before.raw);
                if let Some(code) = lx.symbols.get(&joined) {
                    return Some((code.clone(), toks[i - 2].start));
                }
            }
            lx.symbols.get(before.raw).map(|code| (code.clone(), before.start))
        }
        Kind::Word if !toks[i].glued => lx.code(before.raw).map(|code| (code.clone(), before.start)),
        _ => None,
    }
}

/// A currency word or sign at `j`, read for the text's language.
fn suffix_currency(toks: &[Tok<'_>], j: usize, lang: Option<Language>) -> Option<(String, usize)> {
    LEXICON.currency_at(toks, j, lang).map(|(code, end)| (code.clone(), end))
}

/// A currency after the number, through "de", "d'" or "of" when a scale
/// word came first ("5,5 milliards de dollars", "200 millions d'USD").
fn connected_currency(
    toks: &[Tok<'_>],
    j: usize,
    scaled: bool,
    lang: Option<Language>,
) -> Option<(String, usize)> {
    if let Some(found) = suffix_currency(toks, j, lang) {
        return Some(found);
    }
    if !scaled || !toks.get(j).is_some_and(|t| matches!(t.folded, "de" | "d" | "of")) {
        return None;
    }
    let mut k = j + 1;
    while toks.get(k).is_some_and(Tok::is_joiner) {
        k += 1;
    }
    suffix_currency(toks, k, lang)
}

/// "MdGBP", "bnUSD": a scale word and an upper-case currency code written
/// as one word.
fn split_scale_code(toks: &[Tok<'_>], j: usize) -> Option<(&'static Scale, String)> {
    let tok = toks.get(j).filter(|t| t.is_word())?;
    let cut = tok.raw.len().checked_sub(3).filter(|&c| c > 0 && tok.raw.is_char_boundary(c))?;
    let code = LEXICON.code(&tok.raw[cut..])?;
    let mut spill = String::new();
    let head = lex(&tok.raw[..cut], &mut spill);
    match LEXICON.scales.match_at(&head, 0) {
        Some((scale, 1)) if head.len() == 1 => Some((scale, code.clone())),
        _ => None,
    }
}

/// A bare four-digit literal between 1900 and 2100.
fn year_like(lit: &NumLit<'_>) -> bool {
    lit.rest.is_empty()
        && lit.first.len() == 4
        && lit.first.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
}

/// Which words may stand between a number and its counted noun.
#[derive(Debug, Clone, Copy)]
struct Fillers {
    /// Determiners and prepositions of the filler table: "de ses", "of its".
    words: bool,
    /// Adjectives of the modifier table: "nouvelles", "national".
    modifiers: bool,
    /// Capitalised names and product codes: "Nvidia H100".
    names: bool,
}

/// After a year-like number names and adjectives are refused ("2024 Nvidia
/// GPUs", "in 2030 new data centres" are about the year); after a number
/// word without scale, determiners are refused ("deux des puces" is not a
/// count) but adjectives are fine ("six national AI computing centres").
fn filler_policy(lead: &Lead<'_, '_>, scaled: bool) -> Fillers {
    match lead {
        Lead::Literal(lit) => Fillers { words: true, modifiers: !year_like(lit), names: !year_like(lit) },
        Lead::Words(..) => Fillers { words: scaled, modifiers: true, names: true },
    }
}

/// A counted noun at `j`, possibly after up to four filler words: "puces",
/// "de ses puces", "of its chips", "Nvidia H100 GPUs".
fn counted_noun(toks: &[Tok<'_>], j: usize, allowed: Fillers) -> Option<(Unit, usize)> {
    const MAX_FILLERS: usize = 4;
    let lx = &*LEXICON;
    let mut k = j;
    let mut fillers = 0;
    loop {
        if let Some((unit, end)) = lx.counts.match_at(toks, k) {
            return Some((unit.clone(), end));
        }
        let tok = toks.get(k)?;
        if tok.is_joiner() && k > j {
            k += 1;
            continue;
        }
        let name_or_code = tok.raw.chars().next().is_some_and(char::is_uppercase)
            || tok.raw.chars().any(|c| c.is_ascii_digit());
        let filler = tok.is_word()
            && (allowed.words && lx.fillers.contains_word(tok.folded)
                || allowed.modifiers && lx.modifiers.contains_word(tok.folded)
                || allowed.names && name_or_code);
        if !filler || fillers == MAX_FILLERS {
            return None;
        }
        fillers += 1;
        k += 1;
    }
}
