//! Recognising page furniture (share buttons, "Laisser un commentaire",
//! stock tickers, ads) and summary markers, from the list in
//! `assets/junk.tsv`.

use super::lexicon::{alternatives, data_rows};
use super::text::{fold_char, normalize_phrase};
use rustc_hash::FxHashSet;
use std::sync::OnceLock;

const JUNK_DATA: &str = include_str!("../../assets/junk.tsv");

/// Prefix junk is only junk on a short line: a long line that happens to
/// start with "Source" or "Tags" is article text.
const MAX_PREFIX_JUNK_CHARS: usize = 160;

/// Captions, credits and kickers are short.
const MAX_CAPTION_CHARS: usize = 100;
/// Reading times, relative times and breadcrumbs are shorter still.
const MAX_FURNITURE_CHARS: usize = 60;
/// Kickers are one to three words.
const MAX_KICKER_WORDS: usize = 3;
/// A menu line is short.
const MAX_NAVIGATION_CHARS: usize = 100;

/// Normalized phrases (see [`normalize_phrase`]) that a line may start with.
#[derive(Debug, Default)]
struct WordPrefixes {
    phrases: FxHashSet<String>,
    /// Words in the longest phrase.
    max_words: usize,
}

impl WordPrefixes {
    fn insert(&mut self, phrase: String) {
        self.max_words = self.max_words.max(phrase.split(' ').count());
        self.phrases.insert(phrase);
    }

    /// Whether `normalized` starts with a listed phrase followed by a word
    /// boundary: one lookup per leading run of words, not one scan per phrase.
    fn any_starts(&self, normalized: &str) -> bool {
        self.phrases.contains(normalized)
            || normalized
                .match_indices(' ')
                .take(self.max_words)
                .any(|(end, _)| self.phrases.contains(&normalized[..end]))
    }
}

#[derive(Debug, Default)]
struct JunkList {
    lines: FxHashSet<String>,
    /// Bytes of the longest listed junk line, as written.
    longest_line: usize,
    /// How many leading words of a line the listed lines and prefixes can
    /// tell apart: one more than the longest listed line, or the longest prefix.
    leading_words: usize,
    prefixes: WordPrefixes,
    /// In the order of the list: the first that opens a line wins.
    summary_markers: Vec<String>,
    /// Words in the longest summary marker.
    summary_marker_words: usize,
    /// "Photo : AFP": junk only when a colon follows the phrase.
    captions: FxHashSet<String>,
    /// "(Reporting by ...)": junk only inside parentheses or brackets.
    credits: WordPrefixes,
    /// "EXCLUSIVE", "ANALYSE": a label above or before the headline.
    kickers: FxHashSet<String>,
}

fn junk_list() -> &'static JunkList {
    static LIST: OnceLock<JunkList> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut list = JunkList::default();
        for row in data_rows(JUNK_DATA) {
            let phrases = row.get(1).map(|f| alternatives(f)).into_iter().flatten().map(normalize_phrase);
            match row.first().copied() {
                Some("line") => list.lines.extend(phrases),
                Some("prefix") => phrases.for_each(|p| list.prefixes.insert(p)),
                Some("summary") => list.summary_markers.extend(phrases),
                Some("caption") => list.captions.extend(phrases),
                Some("credit") => phrases.for_each(|p| list.credits.insert(p)),
                Some("kicker") => list.kickers.extend(phrases),
                _ => continue,
            }
        }
        list.longest_line = list.lines.iter().map(String::len).max().unwrap_or(0);
        let line_words = list.lines.iter().map(|l| l.split(' ').count()).max().unwrap_or(0);
        list.leading_words = (line_words + 1).max(list.prefixes.max_words);
        list.summary_marker_words =
            list.summary_markers.iter().map(|m| m.split(' ').count()).max().unwrap_or(0);
        list
    })
}

fn starts_with_words(normalized: &str, phrase: &str) -> bool {
    normalized.strip_prefix(phrase).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// [`normalize_phrase`] of `text`, in one pass and one allocation.
fn normalize(text: &str) -> String {
    normalize_words(text, usize::MAX)
}

/// The first `max_words` words of [`normalize_phrase`]`(text)`: a check
/// that only looks at how a line starts need not fold all of it.
fn normalize_words(text: &str, max_words: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max_words.saturating_mul(16)));
    let mut words = 0;
    // Whether the last char seen ends a word.
    let mut between_words = true;
    let mut push_folded = |c: char, out: &mut String| -> bool {
        if c.is_alphanumeric() {
            if between_words {
                if words == max_words {
                    return false;
                }
                if words > 0 {
                    out.push(' ');
                }
                words += 1;
                between_words = false;
            }
            out.push(c);
        } else {
            between_words = true;
        }
        true
    };
    let mut folded = String::new();
    for c in text.chars() {
        let go_on = if c.is_ascii() {
            push_folded(c.to_ascii_lowercase(), &mut out)
        } else {
            // A folded char may be several ("œ" -> "oe") or a separator ("’").
            folded.clear();
            fold_char(c, &mut folded);
            folded.chars().all(|f| push_folded(f, &mut out))
        };
        if !go_on {
            break;
        }
    }
    out
}

/// Whether `text` has more than `n` chars, without counting them all when
/// its length in bytes already answers.
fn more_chars_than(text: &str, n: usize) -> bool {
    text.len() > n && (text.len() > 4 * n || text.chars().nth(n).is_some())
}

/// True when the whole line is furniture rather than article text.
pub fn is_junk_line(line: &str) -> bool {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return false;
    }
    // Every other kind of furniture is short (a listed line, a prefix on a
    // short line, a caption): a paragraph is not folded just to be told so.
    let list = junk_list();
    let long = more_chars_than(trimmed, MAX_PREFIX_JUNK_CHARS);
    if trimmed.len() > 3 * list.longest_line && long {
        return is_bare_url(trimmed);
    }
    // Only lines up to caption length are read whole (copyright, reading
    // and relative times); on longer ones the listed lines and prefixes
    // need only the first words: a line with more words than any listed
    // line is none of them.
    let whole = !more_chars_than(trimmed, MAX_CAPTION_CHARS);
    let normalized = normalize_words(trimmed, if whole { usize::MAX } else { list.leading_words });
    if normalized.is_empty() {
        // Only punctuation or symbols: separators like "***" or "—".
        return true;
    }
    // Cheap checks first; each is a pure test, so order does not change the answer.
    list.lines.contains(&normalized)
        || (!long && list.prefixes.any_starts(&normalized))
        || is_bare_url(trimmed)
        || is_copyright(trimmed, &normalized)
        || is_caption(trimmed)
        || is_credit(trimmed)
        || is_breadcrumb(trimmed)
        || is_navigation(trimmed)
        || is_reading_time(trimmed, &normalized)
        || is_relative_time(trimmed, &normalized)
        || is_stock_quote(trimmed)
}

/// "Photo : AFP", "Crédit : Shutterstock", "Illustration: Getty Images":
/// a caption or credit word, a colon, and a short credit.
fn is_caption(line: &str) -> bool {
    if line.ends_with(['.', '!', '?']) || more_chars_than(line, MAX_CAPTION_CHARS) {
        return false;
    }
    let Some((head, rest)) = line.split_once([':', '|']) else { return false };
    !rest.trim().is_empty() && junk_list().captions.contains(&normalize(head))
}

/// A line in parentheses or brackets that is furniture once unwrapped:
/// "(Reporting by X; Editing by Y)", "(Avec AFP)", "[Publicité]".
fn is_credit(line: &str) -> bool {
    let inner = line
        .strip_prefix('(')
        .and_then(|l| l.strip_suffix(')'))
        .or_else(|| line.strip_prefix('[').and_then(|l| l.strip_suffix(']')));
    // Credits are short; the length bound also keeps the check below cheap.
    if inner.is_none() || more_chars_than(line, MAX_CAPTION_CHARS) {
        return false;
    }
    // Credits are not sentences: "(Avec l'État, le projet coûtera 2 Md€.)" is text.
    let Some(inner) = inner.map(str::trim).filter(|i| !i.is_empty() && !i.ends_with(['.', '!', '?'])) else {
        return false;
    };
    let normalized = normalize(inner);
    // A bracketed junk line counts, but brackets inside it are not unwrapped
    // again: nesting must not recurse.
    let nested = inner.starts_with(['(', '[']);
    junk_list().credits.any_starts(&normalized) || (!nested && is_junk_line(inner))
}

/// "© 2025 Le Journal", "(c) Example Media", "... – Tous droits réservés".
fn is_copyright(line: &str, normalized: &str) -> bool {
    // Only 'C' and 'c' lower-case to 'c', so "(c) " is matched on bytes.
    let c_in_parens = line.as_bytes().get(..4).is_some_and(|b| b.eq_ignore_ascii_case(b"(c) "));
    let reserved = || ["tous droits reserves", "all rights reserved"].iter().any(|p| normalized.contains(p));
    !more_chars_than(line, MAX_CAPTION_CHARS) && (line.starts_with('©') || c_in_parens || reserved())
}

/// "Accueil > Tech > IA", "Home › Business": short segments joined by an
/// arrow, none a sentence.
fn is_breadcrumb(line: &str) -> bool {
    const ARROWS: &[char] = &['>', '›', '→', '»'];
    if !line.contains(ARROWS) || line.contains('«') || more_chars_than(line, MAX_FURNITURE_CHARS) {
        return false;
    }
    let mut segments = line.split(ARROWS).map(str::trim);
    line.split(ARROWS).nth(1).is_some()
        && segments.all(|s| {
            let words = s.split_whitespace().count();
            (1..=4).contains(&words)
                && !s.ends_with(['.', '!', '?', ':'])
                && !s.chars().any(|c| c.is_ascii_digit())
        })
}

/// A line of short items between bars ("Tech & Telecom | Austria"), no
/// kicker first: a section's label or a menu, never a headline.
pub fn is_menu_like(line: &str) -> bool {
    let items: Vec<&str> = line.split('|').map(str::trim).collect();
    items.len() >= 2 && !is_kicker(items[0]) && items.iter().all(|item| item.split_whitespace().count() <= 3)
}

/// A site's menu or section line: "Politique | Économie | Culture",
/// "Sign in | Register", "Home / Technology", "Menu   Search   Subscribe".
/// Short capitalised items, no digits (a table row keeps its figures), and
/// not a kicker before a headline ("Opinion | Nvidia wins").
fn is_navigation(line: &str) -> bool {
    if more_chars_than(line, MAX_NAVIGATION_CHARS) || line.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let items: Vec<&str> = line
        .split(['|', '·', '•'])
        .flat_map(|part| part.split(" / "))
        .flat_map(|part| part.split("   "))
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .collect();
    let short = |item: &&str, most: usize| {
        item.split_whitespace().count() <= most && item.chars().next().is_some_and(char::is_uppercase)
    };
    match items.as_slice() {
        [] | [_] => false,
        // "Newsletter · Recevez l'essentiel…": a listed word, then its blurb.
        [first, second] => {
            junk_list().lines.contains(&normalize(first))
                || !is_kicker(first) && short(first, 2) && short(second, 2)
        }
        _ => items.iter().all(|item| short(item, 3)),
    }
}

/// The words of a normalized phrase (single spaces between words) with the
/// byte where each starts.
fn word_spans(normalized: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    normalized.split(' ').map(move |word| {
        let start = offset;
        offset += word.len() + 1;
        (start, word)
    })
}

/// The words of `normalized` before the one starting at byte `start`.
fn words_before(normalized: &str, start: usize) -> &str {
    normalized[..start].strip_suffix(' ').unwrap_or("")
}

/// The words of `normalized` after the one ending at byte `end`.
fn words_after(normalized: &str, end: usize) -> &str {
    normalized.get(end + 1..).unwrap_or("")
}

/// "Temps de lecture : 4 min", "4 min read", "Lecture 3 min", "Reading
/// time: 5 minutes".
fn is_reading_time(line: &str, normalized: &str) -> bool {
    if more_chars_than(line, MAX_FURNITURE_CHARS) {
        return false;
    }
    let digits = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
    let Some((start, number)) = word_spans(normalized).find(|(_, w)| digits(w)) else { return false };
    let before = words_before(normalized, start);
    let after = words_after(normalized, start + number.len());
    let unit = ["min", "mins", "mn", "minute", "minutes"];
    let (unit_word, tail) = after.split_once(' ').unwrap_or((after, ""));
    unit.contains(&unit_word)
        && matches!(before, "" | "temps de lecture" | "lecture" | "reading time" | "read time")
        && matches!(tail, "" | "read" | "de lecture" | "reading" | "to read")
        && !(before.is_empty() && tail.is_empty())
}

/// "Updated 2 hours ago", "Il y a 3 heures", "Mis à jour il y a 5 min".
fn is_relative_time(line: &str, normalized: &str) -> bool {
    if more_chars_than(line, MAX_FURNITURE_CHARS) {
        return false;
    }
    const UNITS: &[&str] = &[
        "s", "sec", "secs", "second", "seconds", "seconde", "secondes", "min", "mins", "mn", "minute",
        "minutes", "h", "hr", "hrs", "hour", "hours", "heure", "heures", "d", "day", "days", "jour", "jours",
        "week", "weeks", "semaine", "semaines",
    ];
    let digits = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
    let english_one = |w: &str| w == "an" || w == "a";
    // The first number-like word followed by a unit: its start, and the end of the unit.
    let find = |number_like: &dyn Fn(&str) -> bool| {
        word_spans(normalized).zip(word_spans(normalized).skip(1)).find_map(
            |((start, n), (unit_start, unit))| {
                (number_like(n) && UNITS.contains(&unit)).then_some((start, unit_start + unit.len()))
            },
        )
    };
    let Some((start, unit_end)) = find(&digits).or_else(|| find(&english_one)) else { return false };
    let before = words_before(normalized, start);
    let after = words_after(normalized, unit_end);
    let lead_ok = |b: &str| {
        b.is_empty()
            || ["updated", "last updated", "published", "posted", "mis a jour", "publie", "modifie"]
                .contains(&b)
    };
    if let Some(b) = before.strip_suffix("il y a").map(str::trim) {
        return lead_ok(b) && after.is_empty();
    }
    lead_ok(before) && after == "ago"
}

/// A label printed above (or glued before) the headline: "EXCLUSIVE",
/// "ANALYSE", "Opinion". Listed words in any case; any other one- to
/// three-word line counts only when written in capitals.
pub fn is_kicker(line: &str) -> bool {
    let trimmed = line.trim().trim_end_matches([':', '|', '-', '–', '—']).trim();
    let words = trimmed.split_whitespace().count();
    if words == 0 || words > MAX_KICKER_WORDS || more_chars_than(trimmed, 30) {
        return false;
    }
    if junk_list().kickers.contains(&normalize(trimmed)) {
        return true;
    }
    let letters = trimmed.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 4 && trimmed.chars().all(|c| c.is_alphabetic() && !c.is_lowercase() || " -'’&".contains(c))
}

/// The headline without a wire service's tag glued before it:
/// "EXCLUSIVE-Nvidia to..." or "UPDATE 2-Nvidia..." gives "Nvidia...". Only
/// a listed tag in capitals, glued to the headline by a hyphen, is cut: a
/// kicker the outlet wrote as part of its headline ("Opinion | ...",
/// "LIVE: ...", "ANALYSE : ...", "ÉTATS-UNIS – ...") stays, and so do
/// "US-China" and "Nvidia: the deal".
pub fn strip_kicker_prefix(title: &str) -> &str {
    let Some(cut) = title.find('-') else { return title };
    let (head, rest) = (&title[..cut], &title[cut + 1..]);
    let tag_in_capitals = head.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == ' ');
    if head.ends_with(' ') || !tag_in_capitals {
        return title;
    }
    // Wire services number their updates: "UPDATE 2-Nvidia...".
    let head_norm = normalize(head);
    let head_norm = head_norm.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let capital_next = rest.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if !head_norm.is_empty() && capital_next && junk_list().kickers.contains(head_norm) {
        rest
    } else {
        title
    }
}

fn is_bare_url(line: &str) -> bool {
    (line.starts_with("http://") || line.starts_with("https://") || line.starts_with("www."))
        && !line.contains(' ')
}

/// Ticker lines such as "NVDA +3,2 %" or "Nasdaq: NVDA 135.40 $ (-1.2%)":
/// short, with an upper-case ticker and a signed percentage or an exchange name.
fn is_stock_quote(line: &str) -> bool {
    if line.ends_with('.') || !line.bytes().any(|b| b.is_ascii_digit()) || more_chars_than(line, 90) {
        return false;
    }
    let words = || line.split(|c: char| c.is_whitespace() || "():|".contains(c));
    let has_ticker = words().any(|w| {
        (2..=5).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase()) && !matches!(w, "IA" | "AI")
    });
    if !has_ticker {
        return false;
    }
    const EXCHANGES: [&str; 6] = ["nasdaq", "nyse", "euronext", "cac", "kospi", "nikkei"];
    let has_exchange = words().any(|w| EXCHANGES.iter().any(|e| w.eq_ignore_ascii_case(e)));
    // "+3,2 %" may be split in two words by the space before the sign.
    has_exchange
        || words()
            .zip(words().skip(1).map(Some).chain([None]))
            .any(|(w, next)| is_signed_percent(w, "") || next.is_some_and(|next| is_signed_percent(w, next)))
}

/// Whether `head` then `tail`, read as one word, is a sign, digits (with
/// `,` or `.`) and `%`: "+3,2%", or "+3,2" then "%".
fn is_signed_percent(head: &str, tail: &str) -> bool {
    let mut chars = head.chars().chain(tail.chars());
    if !chars.next().is_some_and(|c| matches!(c, '+' | '-' | '−')) {
        return false;
    }
    // Every char but the last is part of the number; the last is '%'.
    let mut number_chars = 0;
    let mut last = None;
    for c in chars {
        if let Some(previous) = last {
            if !(previous == ',' || previous == '.' || char::is_ascii_digit(&previous)) {
                return false;
            }
            number_chars += 1;
        }
        last = Some(c);
    }
    last == Some('%') && number_chars > 0
}

/// What a summary marker leaves of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SummaryMarker {
    /// "Résumé : text" — the text after the marker.
    Inline(String),
    /// A line that is only "Résumé" or "En bref": the next paragraph is the summary.
    Alone,
}

/// Recognises a line that opens the article's summary.
pub fn summary_marker(line: &str) -> Option<SummaryMarker> {
    let trimmed = line.trim();
    let list = junk_list();
    // Only the first words can hold a marker: a paragraph is not folded whole.
    let normalized = normalize_words(trimmed, list.summary_marker_words);
    let marker = list.summary_markers.iter().find(|m| starts_with_words(&normalized, m))?;
    let rest = skip_words(trimmed, marker.split(' ').count());
    let after_punct = rest.trim_start_matches(|c: char| c.is_whitespace() || ":,-–—.".contains(c));
    let separated = rest.trim_start().starts_with([':', ',', '-', '–', '—']);
    if after_punct.is_empty() {
        Some(SummaryMarker::Alone)
    } else if separated || marker.split(' ').count() > 1 {
        // Multi-word markers ("en bref", "in brief") are distinctive enough
        // without punctuation; single words like "summary" are not.
        Some(SummaryMarker::Inline(after_punct.to_string()))
    } else {
        None
    }
}

/// The rest of `text` after its first `n` words (runs of alphanumerics).
fn skip_words(text: &str, n: usize) -> &str {
    let mut seen = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        let alnum = c.is_alphanumeric();
        if in_word && !alnum {
            seen += 1;
            if seen == n {
                return &text[i..];
            }
        }
        in_word = alnum;
    }
    ""
}

#[cfg(test)]
mod tests;
