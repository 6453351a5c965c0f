//! Reading one frame per sentence (see [`super::frame`]): kind scores,
//! status cues, which money figures are a deal's value, chips, power,
//! countries (and which one hosts), organisations with the role their
//! context gives them, and a date.

use super::cues::{Cues, Hit, KindCue, Marker, SentenceCues, Side, Strength, ValueCue};
use super::frame::{Frame, FrameCountry, FrameFigure, FrameOrg, Host, kind_index};
use super::input::DealInput;
use super::sentences::split_sentences;
use super::tokenised::Tokenised;
use crate::extract::SegmentRole;
use crate::extract::dates::{ArticleDate, find_date_in_words, month_number};
use crate::extract::places::Places;
use crate::extract::text::Token;
use crate::model::{DealKind, DealStatus, Figure, Unit};
use std::ops::Range;

/// Points of a strong kind noun or a kind's own event; weak nouns score 1.
const STRONG_POINTS: u32 = 3;
/// How far before a cue a negation, future or earlier marker reaches.
const MODIFIER_REACH: usize = 4;
/// How many tokens before (after) a money figure its context is read.
const VALUE_BEFORE: usize = 8;
const VALUE_AFTER: usize = 4;

/// Frames of every sentence of the article, in reading order. A title
/// cut from the lead's first sentence is read once, as that sentence.
pub fn build_frames(input: &DealInput<'_>) -> Vec<Frame> {
    let cues = Cues::embedded();
    let segments = input.segments;
    let title_in_lead = segments.len() > 1
        && segments[0].role == SegmentRole::Title
        && segments[1].role == SegmentRole::Lead
        && {
            let title = segments[0].text.trim_end_matches('…').trim_end();
            !title.is_empty() && segments[1].text.starts_with(title)
        };
    let mut frames = Vec::new();
    // One set of buffers for every sentence's tokens and cues.
    let mut tokenised = Tokenised::default();
    let mut found = SentenceCues::default();
    for (si, segment) in segments.iter().enumerate() {
        if si == 0 && title_in_lead {
            continue;
        }
        for (n, range) in split_sentences(segment.text).into_iter().enumerate() {
            let role = if si == 1 && n == 0 && title_in_lead { SegmentRole::Title } else { segment.role };
            frames.push(build_frame(input, cues, &mut tokenised, &mut found, si, role, range));
        }
    }
    frames
}

fn within<T>(hits: &[Hit<T>], pred: impl Fn(&Hit<T>) -> bool) -> bool {
    hits.iter().any(pred)
}

fn build_frame(
    input: &DealInput<'_>,
    cues: &Cues,
    tokenised: &mut Tokenised,
    found: &mut SentenceCues,
    si: usize,
    role: SegmentRole,
    range: Range<usize>,
) -> Frame {
    let segment_text = input.segments[si].text;
    let text = &segment_text[range.clone()];
    tokenised.refill(text);
    let tokenised = &*tokenised;
    let toks = tokenised.tokens();
    cues.find_into(&toks, found);
    let found = &*found;
    let markers = &found.markers;
    let marker_before = |at: usize, which: Marker, reach: usize| {
        within(markers, |m| m.value == which && m.end <= at && at - m.end < reach)
    };

    // Figures of this sentence, with token ranges.
    let figures: Vec<(&Figure, Range<usize>)> = input.figures[si]
        .iter()
        .filter(|f| f.start >= range.start && f.end <= range.end)
        .map(|f| (f, tokenised.token_range(f.start - range.start, f.end - range.start)))
        .collect();

    // Most sentences carry no cue at all: only their countries matter, as
    // context for the sentences around them.
    let quiet = found.kinds.is_empty()
        && found.events.is_empty()
        && found.statuses.is_empty()
        && found.models.is_empty()
        && figures.is_empty()
        && !markers.iter().any(|m| matches!(m.value, Marker::Agreement | Marker::Anaphora));
    if quiet {
        let (countries, host, enumeration) =
            frame_countries(input, si, &range, text, tokenised, &toks, markers, role, false, None);
        return Frame::quiet(si, role, range, countries, host, enumeration);
    }

    // Kinds: nouns first, then events, which count for their kind only
    // next to what that kind is about ("livrer" chips, "construire" a data
    // centre, "investir" an amount): "fournir son expertise" supplies nothing.
    let mut kind_points = [0u32; 8];
    let mut noun_of = [false; 8];
    let mut specific_noun_of = [false; 8];
    let kind_hits = &found.kinds;
    for hit in kind_hits {
        if let KindCue::Noun(kind, strength) = hit.value {
            // "deux centres", "un campus de 150 MW": a count or a size makes
            // a plural or vague noun one particular thing.
            let after_number = hit.first > 0
                && (toks[hit.first - 1].text.bytes().all(|b| b.is_ascii_digit())
                    || figures.iter().any(|(_, r)| r.end == hit.first));
            let sized = figures.iter().any(|(f, r)| {
                !matches!(f.unit, Unit::Other | Unit::Percent) && r.start >= hit.end && r.start - hit.end <= 1
            });
            let after_number = after_number || sized;
            let vague = marker_before(hit.first, Marker::Generic, 2);
            let points = match strength {
                Strength::Strong if !vague => STRONG_POINTS,
                Strength::Plural if after_number => STRONG_POINTS,
                _ => 1,
            };
            let k = kind_index(kind);
            kind_points[k] += points;
            noun_of[k] = true;
            specific_noun_of[k] |= points == STRONG_POINTS;
        }
    }
    let mut grounded = specific_noun_of;
    let has_money = figures.iter().any(|(f, _)| matches!(f.unit, Unit::Currency(_)));
    let has_chips = figures.iter().any(|(f, _)| matches!(f.unit, Unit::Chips | Unit::Gpus))
        || !found.models.is_empty()
        || noun_of[kind_index(DealKind::ChipSupply)];
    let mut specific = (0..8).any(|k| specific_noun_of[k] && DealKind::ALL[k] != DealKind::Partnership);
    let mut event = false;
    let event_hits = &found.events;
    for hit in event_hits {
        let KindCue::Event(kind) = hit.value else { continue };
        // Denied, hypothetical or past ("avaient commandé") events report
        // nothing happening now.
        if marker_before(hit.first, Marker::Negation, 3)
            || marker_before(hit.first, Marker::Modal, MODIFIER_REACH)
            || marker_before(hit.first, Marker::Earlier, 3)
        {
            continue;
        }
        event = true;
        let Some(kind) = kind else { continue };
        let k = kind_index(kind);
        let grounded_event = match kind {
            DealKind::Acquisition => true,
            DealKind::ChipSupply => has_chips,
            DealKind::ExportControl => has_chips || noun_of[k],
            DealKind::Investment => has_money || specific_noun_of[k],
            _ => specific_noun_of[k],
        };
        if grounded_event {
            kind_points[k] += STRONG_POINTS;
            grounded[k] = true;
            specific = true;
        }
    }

    // Statuses.
    let mut statuses = Vec::new();
    let mut earlier_statuses = Vec::new();
    let article_year = input.date.and_then(|d| d.get(..4)).and_then(|y| y.parse::<u32>().ok());
    for hit in &found.statuses {
        let Some(status) = hit.value else { continue };
        // "mise en service prévue", "opérationnel en 2027": a plan.
        // "mise en service prévue", "opérationnel en 2027": a plan; "les
        // travaux ne sont pas programmés": not happening. An exit to a later
        // year ("reporté à 2027") is no plan.
        let after = |which: Marker, reach: usize| {
            markers.iter().any(|m| m.value == which && m.first >= hit.end && m.first - hit.end < reach)
        };
        let later_year = toks[hit.end..toks.len().min(hit.end + 6)].iter().any(|t| {
            t.text.len() == 4
                && t.text.parse::<u32>().is_ok_and(|y| article_year.is_some_and(|a| y > a && y < a + 30))
        });
        let planned_after =
            after(Marker::Future, 5) || after(Marker::Negation, 3) || later_year && !status.is_exit();
        if marker_before(hit.first, Marker::Negation, MODIFIER_REACH)
            || marker_before(hit.first, Marker::Future, MODIFIER_REACH)
            || planned_after
        {
            continue;
        }
        if marker_before(hit.first, Marker::Earlier, MODIFIER_REACH + 2) {
            earlier_statuses.push(status);
        } else {
            statuses.push(status);
        }
    }
    // The French press's conditional ("Nvidia lorgnerait", "Meridian
    // s'intéresserait") reports what is only rumoured; modal verbs
    // ("pourrait", "devrait") do not.
    if matches!(role, SegmentRole::Title | SegmentRole::Lead)
        && toks.iter().any(|t| reported_conditional(t.text))
    {
        statuses.push(DealStatus::Rumoured);
    }

    // Money, chips, power.
    let value_hits: Vec<Hit<ValueCue>> =
        found.values.iter().copied().filter(|h| h.value != ValueCue::Ignore).collect();
    let mut money = Vec::new();
    let mut chips = Vec::new();
    let mut power = Vec::new();
    for (figure, span) in &figures {
        match figure.unit {
            Unit::Currency(_) => {
                let deal_value = is_deal_value(&value_hits, kind_hits, span, specific);
                money.push(FrameFigure { figure: (*figure).clone(), deal_value });
            }
            Unit::Chips | Unit::Gpus => {
                // A count of chips is what a chip deal is about.
                chips.push((*figure).clone());
                // Less than a facility noun: a machine "with 512 GPUs" is
                // still a supercomputer.
                kind_points[kind_index(DealKind::ChipSupply)] += STRONG_POINTS - 1;
                grounded[kind_index(DealKind::ChipSupply)] = true;
                specific = true;
            }
            Unit::Megawatts => power.push((*figure).clone()),
            _ => {}
        }
    }
    let models: Vec<String> = found
        .models
        .iter()
        .map(|h| {
            let (start, end) = (tokenised.original[h.first].0, tokenised.original[h.end - 1].1);
            text[start..end].to_string()
        })
        .collect();

    let export = kind_points[kind_index(DealKind::ExportControl)] > 0;
    // The facility the sentence is about: its first specific kind noun.
    let anchor =
        kind_hits.iter().find(|h| matches!(h.value, KindCue::Noun(_, Strength::Strong))).map(|h| h.first);
    let (countries, host, enumeration) =
        frame_countries(input, si, &range, text, tokenised, &toks, markers, role, export, anchor);

    // Organisations.
    let role_hits = &found.roles;
    let acquisition_hits: Vec<&Hit<KindCue>> =
        kind_hits.iter().filter(|h| matches!(h.value, KindCue::Noun(DealKind::Acquisition, _))).collect();
    let acquisition_events: Vec<&Hit<KindCue>> =
        event_hits.iter().filter(|h| h.value == KindCue::Event(Some(DealKind::Acquisition))).collect();
    let mention_spans: Vec<(usize, Range<usize>)> = input
        .orgs
        .iter()
        .enumerate()
        .filter(|(_, m)| m.segment == si && m.start >= range.start && m.end <= range.end)
        .map(|(i, m)| (i, tokenised.token_range(m.start - range.start, m.end - range.start)))
        .collect();
    let mut orgs = Vec::new();
    for (k, (i, span)) in mention_spans.iter().enumerate() {
        let mention = &input.orgs[*i];
        // "TOKYO — SoftBank said...": a dateline's city, not a company.
        let (start, end) = (mention.start - range.start, mention.end - range.start);
        let rest = text[end..].trim_start();
        let dateline = start == 0
            && text[..end].chars().all(|c| !c.is_lowercase())
            && (rest.starts_with(['—', '–', '-', ',', '(']));
        if dateline {
            continue;
        }
        let previous_end = if k > 0 { mention_spans[k - 1].1.end } else { 0 };
        let next_start = mention_spans.get(k + 1).map_or(toks.len(), |(_, s)| s.start);
        let cue_role = role_hits.iter().find_map(|h| {
            let (role, side) = h.value;
            let applies = match side {
                // The organisation right after the cue, nothing in between.
                Side::After => h.end <= span.start && span.start - h.end <= 3,
                // The nearest organisation before the verb.
                Side::Before => span.end <= h.first && h.first - span.end <= 6 && next_start >= h.first,
            };
            applies.then_some(role)
        });
        let acquired = acquisition_hits
            .iter()
            .map(|h| (h.first, h.end))
            .chain(acquisition_events.iter().map(|h| (h.first, h.end)))
            .any(|(first, end)| end <= span.start && span.start - end <= 6 && previous_end <= first);
        let acquirer = acquisition_events.iter().any(|h| span.end <= h.first && h.first - span.end <= 6);
        orgs.push(FrameOrg {
            name: mention.name.clone(),
            cue_role,
            data_role: mention.role,
            country: mention.country.clone(),
            source: mention.media || marker_before(span.start, Marker::Source, 3),
            acquired: acquired && !acquirer,
            acquirer,
        });
    }

    let names = facility_names(text, tokenised, kind_hits, &mention_spans, &countries);
    let date = sentence_date(&toks, markers, input.date);
    Frame {
        segment: si,
        role,
        range,
        kind_points,
        specific,
        grounded,
        event,
        agreement: within(markers, |m| m.value == Marker::Agreement),
        anaphora: within(markers, |m| m.value == Marker::Anaphora),
        anaphora_kind: markers.iter().filter(|m| m.value == Marker::Anaphora).find_map(|m| {
            kind_hits.iter().find_map(|h| match h.value {
                KindCue::Noun(kind, _) if h.first >= m.first && h.end <= m.end => Some(kind),
                _ => None,
            })
        }),
        also: within(markers, |m| m.value == Marker::Also),
        statuses,
        earlier_statuses,
        money,
        chips,
        power,
        models,
        countries,
        host_strength: host.as_ref().map_or(0, |h| h.1),
        host: host.map(|h| h.0),
        enumeration,
        question: text.trim_end_matches(['"', '»', '”', ')', ' ']).ends_with('?'),
        orgs,
        date,
        names,
    }
}

/// The countries a sentence names (and the cities or regions that place
/// it), the host among them, and whether it lists three or more countries.
#[allow(clippy::too_many_arguments)]
fn frame_countries(
    input: &DealInput<'_>,
    si: usize,
    range: &Range<usize>,
    text: &str,
    tokenised: &Tokenised,
    toks: &[Token<'_>],
    markers: &[Hit<Marker>],
    role: SegmentRole,
    export: bool,
    anchor: Option<usize>,
) -> (Vec<FrameCountry>, Host, bool) {
    let located_at = |first: usize, which: Marker| {
        // "en Corée", "in the UAE", "vers la Chine": the preposition, then
        // at most an article.
        markers.iter().any(|m| m.value == which && m.end <= first && first - m.end <= 1)
    };
    let mut countries: Vec<FrameCountry> = input
        .countries
        .iter()
        .filter(|c| c.segment == si && c.start >= range.start && c.end <= range.end)
        .map(|c| {
            let span = tokenised.token_range(c.start - range.start, c.end - range.start);
            FrameCountry {
                code: c.code.clone(),
                adjective: c.adjective,
                located: located_at(span.start, Marker::Location),
                destination: located_at(span.start, Marker::Destination),
                place: false,
                token: span.start,
            }
        })
        .collect();
    // A city or region places the deal in its country.
    let capitalised =
        |i: usize| text[tokenised.original[i].0..].chars().next().is_some_and(char::is_uppercase);
    countries.extend(Places::embedded().find(toks, capitalised).into_iter().map(|p| FrameCountry {
        code: p.code.to_string(),
        adjective: false,
        located: located_at(p.first, Marker::Location),
        destination: located_at(p.first, Marker::Destination),
        place: true,
        token: p.first,
    }));
    let host = pick_host(&countries, export, anchor);
    // Nationality adjectives describe companies; they make no list.
    let mut distinct: Vec<&str> =
        countries.iter().filter(|c| c.code != "US" && !c.adjective).map(|c| c.code.as_str()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let enumeration = distinct.len() >= 3 || role == SegmentRole::Summary && distinct.len() >= 2;
    (countries, host, enumeration)
}

/// A French verb in the third person of the conditional, other than the
/// modal and auxiliary verbs: the press's way of saying "reportedly".
fn reported_conditional(word: &str) -> bool {
    const NOT_REPORTED: &[&str] = &[
        "pourrait",
        "pourraient",
        "devrait",
        "devraient",
        "serait",
        "seraient",
        "aurait",
        "auraient",
        "faudrait",
        "voudrait",
        "voudraient",
        "souhaiterait",
        "souhaiteraient",
        "permettrait",
        "permettraient",
    ];
    (word.ends_with("rait") || word.ends_with("raient")) && word.len() > 6 && !NOT_REPORTED.contains(&word)
}

/// Whether a money figure is a deal's value: the nearest context cue
/// before it (or just after it) says so, and no closer cue says it is a
/// market, a loss, revenue or a valuation. A facility noun right before
/// ("une usine d'IA de 200 millions") counts as a deal cue.
fn is_deal_value(
    values: &[Hit<ValueCue>],
    kinds: &[Hit<KindCue>],
    span: &Range<usize>,
    specific: bool,
) -> bool {
    let distance = |first: usize, end: usize| -> Option<usize> {
        if end <= span.start && span.start - end < VALUE_BEFORE {
            Some(span.start - end)
        } else if first >= span.end && first - span.end < VALUE_AFTER {
            Some(first - span.end + 1)
        } else {
            None
        }
    };
    let nearest = |cue: ValueCue| {
        values.iter().filter(|h| h.value == cue).filter_map(|h| distance(h.first, h.end)).min()
    };
    // "pour environ 350 millions": a price, in a sentence about a deal.
    let price = values
        .iter()
        .filter(|h| h.value == ValueCue::Price && specific)
        .filter(|h| h.end <= span.start && span.start - h.end <= 2)
        .map(|h| span.start - h.end)
        .min();
    let facility = kinds
        .iter()
        .filter(|h| matches!(h.value, KindCue::Noun(_, Strength::Strong)))
        .filter_map(|h| distance(h.first, h.end))
        .min();
    let deal = [nearest(ValueCue::Deal), facility, price].into_iter().flatten().min();
    match (deal, nearest(ValueCue::Not)) {
        (Some(d), Some(n)) => d < n,
        (Some(_), None) => true,
        _ => false,
    }
}

/// The host a sentence names: a destination for an export decision, else
/// a located country ("en Inde"), else the first country named as a noun,
/// else by an adjective. The United States only when located there: being
/// Nvidia's home, it is named in passing everywhere.
fn pick_host(countries: &[FrameCountry], export: bool, anchor: Option<usize>) -> Option<(String, u8)> {
    let us = |c: &&FrameCountry| c.code == "US";
    if export && let Some(c) = countries.iter().find(|c| c.destination && !c.adjective) {
        return Some((c.code.clone(), 3));
    }
    // Of two places a sentence situates something in, the deal is in the
    // one next to its facility ("a campus near Sines", not the company's
    // other site "in eastern France").
    if let Some(at) = anchor {
        let located = countries.iter().filter(|c| !us(c) && c.located && !c.adjective);
        if let Some(c) = located.min_by_key(|c| c.token.abs_diff(at)) {
            return Some((c.code.clone(), 3));
        }
    }
    let others = || countries.iter().filter(|c| !us(c));
    // A place or country after "en", "in", "près de" is where the deal is;
    // a country named outright comes next; a nationality adjective or a
    // city that only describes a company ("Abu Dhabi technology group")
    // says little.
    others()
        .find(|c| c.located && !c.adjective)
        .map(|c| (c, 3))
        .or_else(|| others().find(|c| !c.adjective && !c.place).map(|c| (c, 2)))
        .or_else(|| others().find(|c| c.adjective).map(|c| (c, 1)))
        .or_else(|| others().find(|c| c.place).map(|c| (c, 1)))
        .or_else(|| countries.iter().find(|c| us(c) && c.located && !c.adjective).map(|c| (c, 3)))
        .map(|(c, strength)| (c.code.clone(), strength))
}

/// Capitalised words right after or before a strong kind noun ("le
/// supercalculateur Gefion", "the Menengai AI Campus") that are not
/// organisations, countries or ordinary words capitalised in a headline.
fn facility_names(
    text: &str,
    tokenised: &Tokenised,
    kinds: &[Hit<KindCue>],
    orgs: &[(usize, Range<usize>)],
    countries: &[FrameCountry],
) -> Vec<String> {
    const ORDINARY: &[&str] = &[
        "the",
        "its",
        "their",
        "our",
        "new",
        "next",
        "first",
        "second",
        "largest",
        "national",
        "future",
        "le",
        "la",
        "les",
        "un",
        "une",
        "son",
        "sa",
        "ses",
        "leur",
        "nouveau",
        "nouvelle",
        "futur",
        "premier",
        "grand",
        "ai",
        "ia",
        "gpu",
        "sovereign",
    ];
    let mut names = Vec::new();
    // A word starting the sentence is capitalised anyway: only right before
    // the facility noun does it name it ("Menengai AI campus delayed").
    let mut consider = |token: usize, before: bool| {
        let Some(&(start, end)) = tokenised.original.get(token) else { return };
        let word = &text[start..end];
        let folded = crate::extract::text::fold(word);
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        let taken =
            orgs.iter().any(|(_, r)| r.contains(&token)) || countries.iter().any(|c| c.token == token);
        if capitalised
            && !taken
            && (token > 0 || before)
            && word.chars().count() > 2
            && !ORDINARY.contains(&folded.as_str())
        {
            names.push(folded);
        }
    };
    for hit in kinds.iter().filter(|h| matches!(h.value, KindCue::Noun(_, Strength::Strong))) {
        consider(hit.end, false);
        if hit.first > 0 {
            consider(hit.first - 1, true);
        }
    }
    names
}

/// The date a sentence gives: a full or month date ("le 3 mars 2025",
/// "March 2025"), or a day and month or a month after "en"/"in" ("on June
/// 17", "le 17 juin", "en avril"), placed in the article's year, or the year
/// before when the month is later than the article's. Plans ("doit être
/// lancé en juin") give no date.
fn sentence_date(toks: &[Token<'_>], markers: &[Hit<Marker>], article_date: Option<&str>) -> Option<String> {
    // Every date names a month: no month name, no digits, no date. A date
    // starts with its number or month, so none starts before the first.
    let first =
        toks.iter().position(|t| t.text.as_bytes()[0].is_ascii_digit() || month_number(t.text).is_some())?;
    let article = article_date.and_then(ArticleDate::parse);
    let words: Vec<&str> = toks[first..].iter().map(|t| t.text).collect();
    if let Some(found) = find_date_in_words(&words) {
        let plausible = article.is_none_or(|a| found.year + 3 >= a.year && found.year <= a.year + 1);
        return plausible.then(|| found.to_string());
    }
    let article = article?;
    if markers.iter().any(|m| matches!(m.value, Marker::Future | Marker::Modal)) {
        return None;
    }
    let day = |t: &str| t.parse::<u32>().ok().filter(|d| (1..=31).contains(d) && t.len() <= 2);
    let place = |month: u32, day: Option<u32>| {
        let year = if month <= article.month { article.year } else { article.year - 1 };
        ArticleDate::new(year, month, day).map(|d| d.to_string())
    };
    (first..toks.len()).find_map(|i| {
        let month = month_number(toks[i].text)?;
        let before = i.checked_sub(1).map(|b| toks[b].text);
        let after = toks.get(i + 1).map(|t| t.text);
        // "June 17", "17 juin": a day makes a month name a date.
        if let Some(d) = after.and_then(day).or_else(|| before.and_then(day)) {
            return place(month, Some(d));
        }
        // "mai", "mars" are also ordinary words: only after a preposition.
        let preposition = matches!(
            before,
            Some("en" | "in" | "depuis" | "since" | "mi" | "fin" | "debut" | "early" | "late" | "mid" | "d")
        );
        preposition.then(|| place(month, None)).flatten()
    })
}
