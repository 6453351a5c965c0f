//! The Deals view's own part of the state machine: taking merged deals in,
//! the deal card (every field, the stages, the evidence sentences) and
//! moving through its evidence lines to open the articles behind them.

use super::reader::{ReaderDoc, ReaderLine, ReaderLink, SpanKind};
use super::state::{AppState, DealReader, Focus, ReaderSubject, View};
use super::update::{max_reader_scroll, request_search, step};
use crate::display::{
    deal_organisations, short_count, short_money, short_power, short_usd, wrap, wrap_ranges,
};
use crate::extract::countries::Gazetteer;
use crate::model::Deal;
use std::sync::Arc;

const LABEL_WIDTH: usize = 10;

/// Deals merged again: keep the deal under the cursor, search again.
pub fn merged(state: &mut AppState, deals: Vec<Arc<Deal>>, complete: bool) {
    let selected = state.selected_deal().and_then(|d| state.deal(d)).map(|d| d.id.clone());
    state.deals = deals;
    state.deals_ready |= complete;
    // Deal indexes change with a new merge: the cursor follows the id.
    state.deals_view.hits.retain(|&h| (h as usize) < state.deals.len());
    if let Some(id) = selected
        && let Some(at) = state.deals.iter().position(|d| d.id == id)
        && let Some(position) = state.deals_view.hits.iter().position(|&h| h as usize == at)
    {
        state.deals_view.selected = position;
    }
    state.reader_layout_key = None;
    if state.view == View::Deals || state.deals_view.searched {
        request_search(state, View::Deals);
    }
}

/// The reader shows a deal's card (not an article opened from it).
pub fn card_is_open(state: &AppState) -> bool {
    state.view == View::Deals
        && state.deal_reader == DealReader::Card
        && matches!(state.reader_subject, Some(ReaderSubject::Deal(_)))
}

/// `j`/`k` in a card: the next or previous evidence line (the card
/// follows); longer moves scroll the card.
pub fn move_evidence(state: &mut AppState, by: usize, down: bool) {
    let links = state.reader.links.len();
    if links == 0 || by != 1 {
        state.reader_scroll = step(state.reader_scroll, by, down, max_reader_scroll(state));
        state.card_follow = false;
        return;
    }
    // The first `j` selects the first line without moving past it.
    if state.card_follow || !down {
        state.card_cursor = step(state.card_cursor, by, down, links - 1);
    }
    state.card_follow = true;
}

/// Scrolls the card so the selected evidence line is on screen, once the
/// user moves through the evidence.
pub fn keep_evidence_visible(state: &mut AppState) {
    if !state.card_follow {
        return;
    }
    let Some(link) = state.reader.links.get(state.card_cursor) else { return };
    let height = super::layout::inner_height(state.areas().reader).max(1);
    let (first, last) = (link.lines.start, link.lines.end.saturating_sub(1));
    if first < state.reader_scroll {
        state.reader_scroll = first;
    } else if last >= state.reader_scroll + height {
        state.reader_scroll = (last + 1).saturating_sub(height).min(first);
    }
}

/// Enter on an evidence line: that article in the reader; Esc comes back.
pub fn open_evidence(state: &mut AppState) {
    if !card_is_open(state) {
        return;
    }
    let Some(link) = state.reader.links.get(state.card_cursor) else { return };
    let article = link.article;
    let sentence = state.selected_deal().and_then(|d| state.deal(d)).and_then(|deal| {
        let mut in_article = deal.mentions.iter().filter(|m| state.article_ids.contains_key(&m.article));
        in_article.nth(state.card_cursor).map(|m| m.text.to_string())
    });
    state.deal_reader = DealReader::Article(article);
    state.scroll_to_text = sentence;
    state.focus = Focus::Reader;
}

/// A deal laid out as a card for the reader: headline, fields, stages and
/// the evidence sentences, each a link to its article.
pub fn build_card(state: &AppState, deal: &Deal, width: usize) -> ReaderDoc {
    let width = width.max(1);
    let mut doc = ReaderDoc::default();
    let gazetteer = Gazetteer::embedded();
    let country =
        deal.country.as_ref().map_or("No host country".to_string(), |c| format!("{} ({})", c.name, c.code));
    for line in wrap(&format!("{country} · {} · {}", deal.kind, deal.status), width) {
        doc.lines.push(ReaderLine { spans: vec![(line, SpanKind::Title)] });
    }
    doc.lines.push(ReaderLine::default());

    let mut facts: Vec<(&str, String, SpanKind)> = vec![("Id", deal.id.to_string(), SpanKind::Plain)];
    facts.push(("Date", deal.date.as_deref().unwrap_or("unknown").to_string(), SpanKind::Plain));
    if let Some(a) = &deal.amount {
        let usd = a.usd.map(short_usd).unwrap_or_else(|| "no USD rate".into());
        let original = if a.currency == "USD" {
            String::new()
        } else {
            format!(" = {}", short_money(a.value, &a.currency))
        };
        facts.push(("Value", format!("{usd}{original} «{}»", a.text), SpanKind::Figure));
    }
    if let Some(c) = &deal.chips {
        let count = c.count.map(|n| short_count(n as f64, "chips")).unwrap_or_else(|| "chips".into());
        let model = c.model.as_ref().map(|m| format!(" {m}")).unwrap_or_default();
        facts.push(("Chips", format!("{count}{model} «{}»", c.text), SpanKind::Figure));
    }
    if let Some(p) = &deal.power_mw {
        facts.push(("Power", format!("{} «{}»", short_power(p.value), p.text), SpanKind::Figure));
    }
    if !deal.countries.is_empty() {
        let names: Vec<String> = deal
            .countries
            .iter()
            .map(|c| gazetteer.get(c).map_or_else(|| c.to_string(), |g| format!("{} ({c})", g.name_en)))
            .collect();
        facts.push(("Parties", names.join(", "), SpanKind::Country));
    }
    if !deal.organisations.is_empty() {
        let orgs: Vec<String> =
            deal.organisations.iter().map(|o| format!("{} ({})", o.name, o.role.slug())).collect();
        facts.push(("Orgs", orgs.join(", "), SpanKind::Plain));
    } else {
        facts.push(("Orgs", deal_organisations(deal), SpanKind::Plain));
    }
    if !deal.topics.is_empty() {
        let topics: Vec<&str> = deal.topics.iter().map(|t| t.slug()).collect();
        facts.push(("Topics", topics.join(", "), SpanKind::Plain));
    }
    facts.push(("Sources", format!("{} article(s)", deal.articles.len()), SpanKind::Plain));
    push_facts(&mut doc, &facts, width);

    doc.lines.push(ReaderLine::default());
    doc.lines.push(ReaderLine { spans: vec![("Stages".into(), SpanKind::Heading)] });
    for stage in &deal.stages {
        let text = format!(
            "{:<18} {:<10} {}",
            stage.status.slug(),
            stage.date.as_deref().unwrap_or("undated"),
            stage.article
        );
        for line in wrap(&text, width) {
            doc.lines.push(ReaderLine { spans: vec![(line, SpanKind::Plain)] });
        }
    }

    doc.lines.push(ReaderLine::default());
    doc.lines
        .push(ReaderLine { spans: vec![("Evidence (Enter opens the article)".into(), SpanKind::Heading)] });
    let mut previous: Option<&str> = None;
    for mention in &deal.mentions {
        let Some(&article) = state.article_ids.get(&mention.article) else { continue };
        // The article's id and title once, above its sentences.
        if previous != Some(mention.article.as_str()) {
            let title = state.article(article).map_or("", |a| a.title.as_str());
            for line in wrap(&format!("{} · {title}", mention.article), width) {
                doc.lines.push(ReaderLine { spans: vec![(line, SpanKind::Label)] });
            }
            previous = Some(&mention.article);
        }
        let selected = doc.links.len() == state.card_cursor && state.card_follow;
        let start = doc.lines.len();
        let (marker, kind) = if selected { ("▶ ", SpanKind::Match) } else { ("  ", SpanKind::Summary) };
        for (i, range) in wrap_ranges(&mention.text, width.saturating_sub(2).max(1)).into_iter().enumerate() {
            let lead = if i == 0 { marker } else { "  " };
            doc.lines.push(ReaderLine {
                spans: vec![(lead.into(), SpanKind::Label), (mention.text[range].to_string(), kind)],
            });
        }
        doc.links.push(ReaderLink { lines: start..doc.lines.len(), article });
    }
    doc
}

fn push_facts(doc: &mut ReaderDoc, facts: &[(&str, String, SpanKind)], width: usize) {
    let value_width = width.saturating_sub(LABEL_WIDTH).max(1);
    for (label, value, kind) in facts {
        for (i, range) in wrap_ranges(value, value_width).into_iter().enumerate() {
            let label = if i == 0 { format!("{label:<LABEL_WIDTH$}") } else { " ".repeat(LABEL_WIDTH) };
            doc.lines.push(ReaderLine {
                spans: vec![(label, SpanKind::Label), (value[range].to_string(), *kind)],
            });
        }
    }
}
