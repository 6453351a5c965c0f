//! Presentation helpers shared by the CLI and the browser: fitting text to a
//! display width, wrapping, and the short form of a figure (`$5.5B`).

use crate::model::{Article, Deal, Figure, Headline, OrgRole, Unit};
use std::ops::Range;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Cuts `text` to at most `width` terminal columns, ending in "…" when cut.
pub fn fit_width(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Pads `text` with spaces to exactly `width` columns (cutting if longer).
pub fn pad_width(text: &str, width: usize) -> String {
    let fitted = fit_width(text, width);
    let pad = width.saturating_sub(fitted.width());
    format!("{fitted}{}", " ".repeat(pad))
}

/// Word-wraps `text` to `width` columns by display width.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_ranges(text, width).into_iter().map(|r| text[r].to_string()).collect()
}

/// Word-wraps `text` to `width` columns, as byte ranges of `text`, so that
/// highlights found on the unwrapped text can be carried onto each line.
/// Spaces at a break are dropped; a word wider than the line is split.
pub fn wrap_ranges(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    for (word_start, word) in words_with_offsets(text) {
        if let Some(s) = start {
            let joined = text[s..word_start + word.len()].width();
            if joined <= width {
                end = word_start + word.len();
                continue;
            }
        }
        if let Some(s) = start.take() {
            lines.push(s..end);
        }
        // Split words wider than a line by characters.
        let mut piece_start = word_start;
        let mut piece_width = 0;
        for (i, c) in word.char_indices() {
            let w = c.width().unwrap_or(0);
            if piece_width + w > width && piece_width > 0 {
                lines.push(piece_start..word_start + i);
                piece_start = word_start + i;
                piece_width = 0;
            }
            piece_width += w;
        }
        start = Some(piece_start);
        end = word_start + word.len();
    }
    if let Some(s) = start {
        lines.push(s..end);
    }
    lines
}

fn words_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(' ')
        .scan(0, |offset, word| {
            let start = *offset;
            *offset += word.len() + 1;
            Some((start, word))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// The facts both the reader and `show` print: primary country, other
/// countries, organisations and topics, as (label, value) rows. Empty
/// facts are left out, except the country, which says "none".
pub fn country_and_entity_facts(article: &Article) -> Vec<(&'static str, String)> {
    let mut facts = vec![(
        "Country",
        article.primary_country.as_ref().map_or("none".into(), |c| format!("{} ({})", c.name, c.code)),
    )];
    let others: Vec<String> = article
        .countries
        .iter()
        .filter(|c| article.primary_country.as_ref().is_none_or(|p| p.code != c.code))
        .map(|c| format!("{} ({})", c.name, c.code))
        .collect();
    if !others.is_empty() {
        facts.push(("Also", others.join(", ")));
    }
    if !article.organisations.is_empty() {
        facts.push(("Orgs", article.organisations.join(", ")));
    }
    if !article.topics.is_empty() {
        facts.push(("Topics", article.topics.iter().map(|t| t.slug()).collect::<Vec<_>>().join(", ")));
    }
    if !article.deals.is_empty() {
        let deals: Vec<String> = article.deals.iter().map(|d| deal_summary(d)).collect();
        facts.push(("Deals", deals.join("; ")));
    }
    facts
}

/// One deal in a few words: `data-centre, announced, VN, $200M`.
pub fn deal_summary(deal: &Deal) -> String {
    let mut parts = vec![deal.kind.slug().to_string(), deal.status.slug().to_string()];
    parts.extend(deal.country.as_ref().map(|c| c.code.to_string()));
    parts.extend(deal.usd().map(short_usd));
    parts.join(", ")
}

/// A compact number: 5.5e9 -> "5.5B", 260000 -> "260k", 1528 -> "1528".
fn compact(value: f64, small_limit: f64) -> String {
    let scales = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")];
    for (scale, suffix) in scales {
        if value.abs() >= scale && value.abs() >= small_limit {
            return format!("{}{suffix}", trim_decimal(value / scale));
        }
    }
    trim_decimal(value)
}

/// One decimal at most, none when it is zero.
fn trim_decimal(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 { format!("{rounded:.0}") } else { format!("{rounded:.1}") }
}

fn currency_symbol(code: &str) -> Option<&'static str> {
    match code {
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        "JPY" | "CNY" => Some("¥"),
        "KRW" => Some("₩"),
        "INR" => Some("₹"),
        _ => None,
    }
}

/// The short form of a figure: `$5.5B`, `€204.5M`, `260k chips`, `174%`.
pub fn short_figure(figure: &Figure) -> String {
    let value = figure.value;
    match &figure.unit {
        Unit::Currency(code) => short_money(value, code),
        Unit::Chips => short_count(value, "chips"),
        Unit::Gpus => short_count(value, "GPUs"),
        Unit::Percent => format!("{}%", trim_decimal(value)),
        Unit::Megawatts => short_power(value),
        Unit::Other => compact(value, 1e4),
    }
}

/// `$5.5B`, `€204.5M`, `CHF 2B`.
pub fn short_money(value: f64, code: &str) -> String {
    match currency_symbol(code) {
        Some(symbol) => format!("{symbol}{}", compact(value, 1e3)),
        None => format!("{code} {}", compact(value, 1e3)),
    }
}

/// A value in US dollars, short: `$1.5B`.
pub fn short_usd(value: f64) -> String {
    short_money(value, "USD")
}

/// `260k chips`, `1528 GPUs`.
pub fn short_count(value: f64, noun: &str) -> String {
    format!("{} {noun}", compact(value, 1e4))
}

/// `500 MW`, `1.2 GW`.
pub fn short_power(megawatts: f64) -> String {
    if megawatts >= 1000.0 {
        format!("{} GW", trim_decimal(megawatts / 1000.0))
    } else {
        format!("{} MW", trim_decimal(megawatts))
    }
}

/// The short form of an article's headline number.
pub fn short_headline(headline: &Headline) -> String {
    match headline.unit.as_str() {
        "chips" => short_count(headline.value, "chips"),
        "MW" => short_power(headline.value),
        code => short_money(headline.value, code),
    }
}

/// A deal's main organisations, for one line: hosts, investors and
/// partners before suppliers and regulators, three at most, "+N" for more.
pub fn deal_organisations(deal: &Deal) -> String {
    let order = [OrgRole::Host, OrgRole::Investor, OrgRole::Partner, OrgRole::Supplier, OrgRole::Regulator];
    let names: Vec<&str> = order.iter().flat_map(|&r| deal.with_role(r)).collect();
    let shown = names.iter().take(3).copied().collect::<Vec<_>>().join(", ");
    match names.len() {
        n if n > 3 => format!("{shown} +{}", n - 3),
        _ => shown,
    }
}

/// Figures as the reader lists them: each value and unit once, in order.
pub fn distinct_figures(figures: &[Figure]) -> Vec<&Figure> {
    let mut out: Vec<&Figure> = Vec::new();
    for figure in figures {
        if !out.iter().any(|f| f.unit == figure.unit && f.value == figure.value) {
            out.push(figure);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(value: f64, unit: Unit) -> Figure {
        Figure { text: Default::default(), value, unit, start: 0, end: 0 }
    }

    #[test]
    fn short_figures() {
        let usd = || Unit::Currency("USD".into());
        let cases = [
            (fig(5.5e9, usd()), "$5.5B"),
            (fig(2.045e8, Unit::Currency("EUR".into())), "€204.5M"),
            (fig(2.63e11, usd()), "$263B"),
            (fig(3e12, usd()), "$3T"),
            (fig(2e9, Unit::Currency("CHF".into())), "CHF 2B"),
            (fig(260_000.0, Unit::Chips), "260k chips"),
            (fig(1528.0, Unit::Gpus), "1528 GPUs"),
            (fig(174.0, Unit::Percent), "174%"),
            (fig(1200.0, Unit::Megawatts), "1.2 GW"),
            (fig(0.5, Unit::Megawatts), "0.5 MW"),
            (fig(191.0, Unit::Other), "191"),
        ];
        for (figure, expected) in cases {
            assert_eq!(short_figure(&figure), expected);
        }
    }

    #[test]
    fn fits_by_display_width() {
        assert_eq!(fit_width("Corée du Sud", 20), "Corée du Sud");
        assert_eq!(fit_width("Corée du Sud", 6), "Corée…");
        assert_eq!(fit_width("日本と韓国", 5), "日本…");
        assert_eq!(fit_width("abc", 0), "");
        assert_eq!(fit_width("abc", 1), "…");
        assert_eq!(pad_width("日本", 6), "日本  ");
        assert_eq!(wrap("un deux trois quatre", 9), vec!["un deux", "trois", "quatre"]);
        assert_eq!(wrap("  a  b ", 3), vec!["a", "b"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("", 3), Vec::<String>::new());
        assert_eq!(wrap("日本語です", 4), vec!["日本", "語で", "す"]);
        assert_eq!(wrap_ranges("ab cd", 5), vec![0..5]);
    }
}
