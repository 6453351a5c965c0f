//! Recognising page furniture (share buttons, "Laisser un commentaire",
//! stock tickers, ads) and summary markers, from the list in
//! `assets/junk.tsv`.

use super::lexicon::{alternatives, data_rows};
use super::text::normalize_phrase;
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

#[derive(Debug, Default)]
struct JunkList {
    lines: Vec<String>,
    /// Bytes of the longest listed junk line, as written.
    longest_line: usize,
    prefixes: Vec<String>,
    summary_markers: Vec<String>,
    /// "Photo : AFP": junk only when a colon follows the phrase.
    captions: Vec<String>,
    /// "(Reporting by ...)": junk only inside parentheses or brackets.
    credits: Vec<String>,
    /// "EXCLUSIVE", "ANALYSE": a label above or before the headline.
    kickers: Vec<String>,
}

fn junk_list() -> &'static JunkList {
    static LIST: OnceLock<JunkList> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut list = JunkList::default();
        for row in data_rows(JUNK_DATA) {
            let target = match row.first().copied() {
                Some("line") => &mut list.lines,
                Some("prefix") => &mut list.prefixes,
                Some("summary") => &mut list.summary_markers,
                Some("caption") => &mut list.captions,
                Some("credit") => &mut list.credits,
                Some("kicker") => &mut list.kickers,
                _ => continue,
            };
            target.extend(row.get(1).map(|f| alternatives(f)).into_iter().flatten().map(normalize_phrase));
        }
        list.longest_line = list.lines.iter().map(String::len).max().unwrap_or(0);
        list
    })
}

fn starts_with_words(normalized: &str, phrase: &str) -> bool {
    normalized.strip_prefix(phrase).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
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
    if trimmed.len() > 3 * list.longest_line && trimmed.chars().count() > MAX_PREFIX_JUNK_CHARS {
        return is_bare_url(trimmed);
    }
    let normalized = normalize_phrase(trimmed);
    if normalized.is_empty() {
        // Only punctuation or symbols: separators like "***" or "—".
        return true;
    }
    if list.lines.contains(&normalized) {
        return true;
    }
    let short = trimmed.chars().count() <= MAX_PREFIX_JUNK_CHARS;
    (short && list.prefixes.iter().any(|p| starts_with_words(&normalized, p)))
        || is_bare_url(trimmed)
        || is_stock_quote(trimmed)
        || is_caption(trimmed)
        || is_credit(trimmed)
        || is_copyright(trimmed, &normalized)
        || is_breadcrumb(trimmed)
        || is_reading_time(trimmed, &normalized)
        || is_relative_time(trimmed, &normalized)
}

/// "Photo : AFP", "Crédit : Shutterstock", "Illustration: Getty Images":
/// a caption or credit word, a colon, and a short credit.
fn is_caption(line: &str) -> bool {
    if line.chars().count() > MAX_CAPTION_CHARS || line.ends_with(['.', '!', '?']) {
        return false;
    }
    let Some((head, rest)) = line.split_once([':', '|']) else { return false };
    let head = normalize_phrase(head);
    !rest.trim().is_empty() && junk_list().captions.contains(&head)
}

/// A line in parentheses or brackets that is furniture once unwrapped:
/// "(Reporting by X; Editing by Y)", "(Avec AFP)", "[Publicité]".
fn is_credit(line: &str) -> bool {
    // Credits are short; the length bound also keeps the check below cheap.
    if line.chars().count() > MAX_CAPTION_CHARS {
        return false;
    }
    let inner = line
        .strip_prefix('(')
        .and_then(|l| l.strip_suffix(')'))
        .or_else(|| line.strip_prefix('[').and_then(|l| l.strip_suffix(']')));
    // Credits are not sentences: "(Avec l'État, le projet coûtera 2 Md€.)" is text.
    let Some(inner) = inner.map(str::trim).filter(|i| !i.is_empty() && !i.ends_with(['.', '!', '?'])) else {
        return false;
    };
    let normalized = normalize_phrase(inner);
    // A bracketed junk line counts, but brackets inside it are not unwrapped
    // again: nesting must not recurse.
    let nested = inner.starts_with(['(', '[']);
    junk_list().credits.iter().any(|p| starts_with_words(&normalized, p)) || (!nested && is_junk_line(inner))
}

/// "© 2025 Le Journal", "(c) Example Media", "... – Tous droits réservés".
fn is_copyright(line: &str, normalized: &str) -> bool {
    let short = line.chars().count() <= MAX_CAPTION_CHARS;
    let reserved = ["tous droits reserves", "all rights reserved"].iter().any(|p| normalized.contains(p));
    short && (line.starts_with('©') || line.to_lowercase().starts_with("(c) ") || reserved)
}

/// "Accueil > Tech > IA", "Home › Business": short segments joined by an
/// arrow, none a sentence.
fn is_breadcrumb(line: &str) -> bool {
    const ARROWS: &[char] = &['>', '›', '→', '»'];
    if line.chars().count() > MAX_FURNITURE_CHARS || line.contains('«') || !line.contains(ARROWS) {
        return false;
    }
    let segments: Vec<&str> = line.split(ARROWS).map(str::trim).collect();
    segments.len() >= 2
        && segments.iter().all(|s| {
            let words = s.split_whitespace().count();
            (1..=4).contains(&words)
                && !s.ends_with(['.', '!', '?', ':'])
                && !s.chars().any(|c| c.is_ascii_digit())
        })
}

/// "Temps de lecture : 4 min", "4 min read", "Lecture 3 min", "Reading
/// time: 5 minutes".
fn is_reading_time(line: &str, normalized: &str) -> bool {
    if line.chars().count() > MAX_FURNITURE_CHARS {
        return false;
    }
    let words: Vec<&str> = normalized.split(' ').collect();
    let Some(n) = words.iter().position(|w| w.chars().all(|c| c.is_ascii_digit())) else { return false };
    let before = words[..n].join(" ");
    let after = words[n + 1..].join(" ");
    let unit = ["min", "mins", "mn", "minute", "minutes"];
    let (unit_word, tail) = after.split_once(' ').unwrap_or((after.as_str(), ""));
    unit.contains(&unit_word)
        && matches!(before.as_str(), "" | "temps de lecture" | "lecture" | "reading time" | "read time")
        && matches!(tail, "" | "read" | "de lecture" | "reading" | "to read")
        && !(before.is_empty() && tail.is_empty())
}

/// "Updated 2 hours ago", "Il y a 3 heures", "Mis à jour il y a 5 min".
fn is_relative_time(line: &str, normalized: &str) -> bool {
    if line.chars().count() > MAX_FURNITURE_CHARS {
        return false;
    }
    const UNITS: &[&str] = &[
        "s", "sec", "secs", "second", "seconds", "seconde", "secondes", "min", "mins", "mn", "minute",
        "minutes", "h", "hr", "hrs", "hour", "hours", "heure", "heures", "d", "day", "days", "jour", "jours",
        "week", "weeks", "semaine", "semaines",
    ];
    let words: Vec<&str> = normalized.split(' ').collect();
    let digits = |w: &str| w.chars().all(|c| c.is_ascii_digit());
    let english_one = |w: &str| w == "an" || w == "a";
    let find = |number_like: &dyn Fn(&str) -> bool| {
        (0..words.len().saturating_sub(1)).find(|&n| number_like(words[n]) && UNITS.contains(&words[n + 1]))
    };
    let Some(n) = find(&digits).or_else(|| find(&english_one)) else { return false };
    let before = words[..n].join(" ");
    let after = words[n + 2..].join(" ");
    let lead_ok = |b: &str| {
        b.is_empty()
            || ["updated", "last updated", "published", "posted", "mis a jour", "publie", "modifie"]
                .contains(&b)
    };
    if let Some(b) = before.strip_suffix("il y a").map(str::trim) {
        return lead_ok(b) && after.is_empty();
    }
    lead_ok(&before) && after == "ago"
}

/// A label printed above (or glued before) the headline: "EXCLUSIVE",
/// "ANALYSE", "Opinion". Listed words in any case; any other one- to
/// three-word line counts only when written in capitals.
pub fn is_kicker(line: &str) -> bool {
    let trimmed = line.trim().trim_end_matches([':', '|', '-', '–', '—']).trim();
    let words = trimmed.split_whitespace().count();
    if words == 0 || words > MAX_KICKER_WORDS || trimmed.chars().count() > 30 {
        return false;
    }
    let normalized = normalize_phrase(trimmed);
    if junk_list().kickers.contains(&normalized) {
        return true;
    }
    let letters = trimmed.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 4 && trimmed.chars().all(|c| c.is_alphabetic() && !c.is_lowercase() || " -'’&".contains(c))
}

/// The headline without a kicker glued before it: "EXCLUSIVE-Nvidia to..."
/// or "ANALYSE : Nvidia..." gives "Nvidia to...", "Nvidia...". Only listed
/// kickers are cut, so "US-China" or "Nvidia: the deal" stay whole.
pub fn strip_kicker_prefix(title: &str) -> &str {
    let Some(cut) = title.find(['-', ':', '|', '–', '—']) else { return title };
    let (head, rest) = title.split_at(cut);
    let rest = rest[rest.chars().next().map_or(0, char::len_utf8)..].trim_start();
    // Wire services number their updates: "UPDATE 2-Nvidia...".
    let head_norm = normalize_phrase(head);
    let head_norm = head_norm.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ').to_string();
    let capital_next = rest.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if !head_norm.is_empty() && capital_next && junk_list().kickers.contains(&head_norm) {
        rest
    } else {
        title
    }
}

fn is_bare_url(line: &str) -> bool {
    !line.contains(' ')
        && (line.starts_with("http://") || line.starts_with("https://") || line.starts_with("www."))
}

/// Ticker lines such as "NVDA +3,2 %" or "Nasdaq: NVDA 135.40 $ (-1.2%)":
/// short, with an upper-case ticker and a signed percentage or an exchange name.
fn is_stock_quote(line: &str) -> bool {
    if line.chars().count() > 90 || line.ends_with('.') {
        return false;
    }
    let words: Vec<&str> = line.split(|c: char| c.is_whitespace() || "():|".contains(c)).collect();
    let has_ticker = words.iter().any(|w| {
        (2..=5).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase()) && !matches!(*w, "IA" | "AI")
    });
    let has_exchange = words.iter().any(|w| {
        matches!(w.to_ascii_lowercase().as_str(), "nasdaq" | "nyse" | "euronext" | "cac" | "kospi" | "nikkei")
    });
    // "+3,2 %" may be split in two words by the space before the sign.
    let has_signed_percent = words.iter().enumerate().any(|(i, w)| {
        is_signed_percent(w) || words.get(i + 1).is_some_and(|next| is_signed_percent(&format!("{w}{next}")))
    });
    has_ticker && (has_signed_percent || has_exchange) && line.chars().any(|c| c.is_ascii_digit())
}

fn is_signed_percent(word: &str) -> bool {
    let Some(rest) = word.strip_prefix(['+', '-', '−']) else { return false };
    let Some(number) = rest.strip_suffix('%') else { return false };
    !number.is_empty() && number.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
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
    let normalized = normalize_phrase(trimmed);
    let marker = junk_list().summary_markers.iter().find(|m| starts_with_words(&normalized, m))?;
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
mod tests {
    use super::*;

    #[test]
    fn recognises_junk_lines() {
        let junk = [
            "Laisser un commentaire",
            "Leave a comment",
            "À lire aussi : Nvidia dépasse les 4 000 milliards",
            "Read more: Nvidia's next chip",
            "Publicité",
            "Logo",
            "Partager sur Facebook",
            "Share this article",
            "***",
            "https://example.com/article",
            "NVDA +3,2 %",
            "NVDA +3.1%",
            "NVDA −0,8 %",
            "Nasdaq: NVDA 135.40 $",
            "Abonnez-vous à notre newsletter",
            "Tags : Nvidia, IA, Corée",
            "Accueil > Tech > IA",
            "Home › Business › Technology",
            "Temps de lecture : 4 min",
            "4 min read",
            "Reading time: 5 minutes",
            "Updated 2 hours ago",
            "Il y a 3 heures",
            "Mis à jour il y a 5 min",
            "Photo : AFP",
            "Crédit : Shutterstock",
            "Image: Nvidia",
            "(Reporting by Kentaro Sugiyama; Editing by Jacqueline Wong)",
            "(Reportage Elvira Pollina, version française Claude Chendjou, édité par Blandine Hénault)",
            "(Avec AFP)",
            "© 2025 TechActu – Tous droits réservés",
            "Tweet",
            "Email",
            "Je m'inscris",
        ];
        for line in junk {
            assert!(is_junk_line(line), "{line:?} should be junk");
        }
        let text = [
            "Nvidia va livrer 260 000 puces à la Corée du Sud.",
            "Source de revenus majeure, le cloud progresse de 20 % cette année selon les analystes du secteur, qui y voient un relais de croissance durable pour le groupe.",
            "Une coopération stratégique avec les champions sud-coréens",
            "Le titre NVDA a progressé de 3 % après l'annonce.",
            "Photo de famille à Séoul",
            "Lecture : Nvidia face à la Chine",
            "Les ventes ont bondi de 5 % en 2 heures.",
            "Trois minutes pour tout comprendre",
            "(Nvidia a refusé de commenter.)",
            "(Avec la participation de l'État, le projet coûtera 2 milliards d'euros.)",
            "Crédit d'impôt : ce que prévoit le budget 2025 pour les centres de données de la région parisienne.",
            "Washington > Pékin ? Le rapport de force évolue",
            "",
        ];
        for line in text {
            assert!(!is_junk_line(line), "{line:?} should be text");
        }
    }

    #[test]
    fn kickers() {
        for line in ["ANALYSIS", "EXCLUSIVE", "Exclusif", "ANALYSE :", "BREAKING NEWS"] {
            assert!(is_kicker(line), "{line:?} should be a kicker");
        }
        for line in ["Nvidia", "Le Maroc", "NVIDIA AU MAROC ET AU SÉNÉGAL", "AI", "G42"] {
            assert!(!is_kicker(line), "{line:?} should not be a kicker");
        }
        assert_eq!(strip_kicker_prefix("EXCLUSIVE-Nvidia to ship chips"), "Nvidia to ship chips");
        assert_eq!(strip_kicker_prefix("ANALYSE : Nvidia et la Chine"), "Nvidia et la Chine");
        assert_eq!(strip_kicker_prefix("US-China chip war"), "US-China chip war");
        assert_eq!(strip_kicker_prefix("Nvidia: the deal"), "Nvidia: the deal");
        assert_eq!(strip_kicker_prefix("UPDATE 2-Nvidia beats forecasts"), "Nvidia beats forecasts");
    }

    #[test]
    fn recognises_summary_markers() {
        let cases = [
            (
                "Résumé: L’accord marque une étape.",
                Some(SummaryMarker::Inline("L’accord marque une étape.".into())),
            ),
            ("Résumé : texte", Some(SummaryMarker::Inline("texte".into()))),
            ("En bref, Nvidia signe.", Some(SummaryMarker::Inline("Nvidia signe.".into()))),
            ("Summary: Nvidia signs.", Some(SummaryMarker::Inline("Nvidia signs.".into()))),
            ("In brief", Some(SummaryMarker::Alone)),
            ("Summary", Some(SummaryMarker::Alone)),
            ("Summary statistics show growth.", None),
            ("Résumer la situation est difficile.", None),
        ];
        for (line, expected) in cases {
            assert_eq!(summary_marker(line), expected, "line {line:?}");
        }
    }

    #[test]
    fn deeply_bracketed_lines_are_cheap() {
        let line = format!("{}credit{}", "(".repeat(20_000), ")".repeat(20_000));
        assert!(!is_junk_line(&line));
    }
}
