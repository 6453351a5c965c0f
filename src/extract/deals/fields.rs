//! Reading a deal's fields from its sentences: host and party countries,
//! organisations with roles, amount (converted to USD), chips, power, date,
//! topics and the mentions every field points to.

use super::assemble::{Draft, by_prominence, status};
use super::frame::{Frame, FrameOrg};
use super::input::DealInput;
use crate::extract::countries::Gazetteer;
use crate::extract::rates::{RateTable, year_of};
use crate::extract::text::{fold, tokens};
use crate::extract::topics::topics_named;
use crate::model::{
    Amount, Chips, CountryRef, Deal, DealEvidence, DealKind, DealOrg, Mention, OrgRole, Power, Stage, Topic,
};
use compact_str::CompactString;

/// The deal id: the article key's hash and the deal's 1-based position.
pub fn deal_id(article_key: &str, position: usize) -> String {
    let hash = xxhash_rust::xxh3::xxh3_64(article_key.as_bytes());
    format!("{:012x}-{position}", hash >> 16)
}

/// Builds the deal of one draft; `position` is its 1-based place in the article.
pub fn build_deal(
    input: &DealInput<'_>,
    frames: &[Frame],
    draft: &Draft,
    position: usize,
    only_deal: bool,
) -> Deal {
    let kind = draft.kind().unwrap_or(DealKind::Partnership);
    let order = by_prominence(draft, frames);

    // Mentions: each distinct sentence once, in reading order.
    let mut mentions: Vec<Mention> = Vec::new();
    let mut mention_of_frame = vec![0usize; frames.len()];
    for &i in &draft.frames {
        let text = frames[i].text(input);
        let at = match mentions.iter().position(|m| &*m.text == text) {
            Some(at) => at,
            None => {
                mentions.push(Mention { article: input.article_id.into(), text: text.into() });
                mentions.len() - 1
            }
        };
        mention_of_frame[i] = at;
    }

    let (status, status_frame) = status(draft, frames);
    let date = deal_date(draft, frames, status_frame, input.date).map(CompactString::from);
    let year = year_of(date.as_deref());

    let amount = order.iter().find_map(|&i| {
        let m = frames[i].money.iter().find(|m| m.deal_value)?;
        let crate::model::Unit::Currency(code) = &m.figure.unit else { return None };
        Some(Amount {
            value: m.figure.value,
            currency: code.clone(),
            usd: RateTable::embedded().to_usd(m.figure.value, code, year),
            text: m.figure.text.clone(),
            mention: mention_of_frame[i],
        })
    });
    let chips = chips(frames, &order, &mention_of_frame);
    let power_mw = order.iter().find_map(|&i| {
        let f = frames[i].power.iter().find(|p| p.value > 0.0)?;
        Some(Power { value: f.value, text: f.text.clone(), mention: mention_of_frame[i] })
    });

    let country = draft
        .host
        .as_deref()
        .and_then(|code| Gazetteer::embedded().get(code))
        .map(|info| CountryRef { code: info.code.as_str().into(), name: info.name_en.as_str().into() });
    let organisations = organisations(draft, frames, country.as_ref().map(|c| c.code.as_str()), kind);
    let mut countries = party_countries(draft, frames, country.as_ref(), kind);
    // The home country of every party organisation is a party too.
    for org in &organisations {
        let home = draft.frames.iter().flat_map(|&i| &frames[i].orgs).find(|o| o.name == org.name);
        if let Some(code) = home.and_then(|o| o.country.as_deref())
            && !countries.iter().any(|c| c == code)
        {
            countries.push(code.into());
        }
    }
    let topics = deal_topics(input, frames, draft, kind, only_deal);

    Deal {
        id: deal_id(input.article_key, position).into(),
        country,
        countries,
        kind,
        status,
        stages: vec![Stage { status, date: date.clone(), article: input.article_id.into() }],
        organisations,
        amount,
        chips,
        power_mw,
        date,
        topics,
        articles: vec![input.article_id.into()],
        mentions,
        evidence: DealEvidence {
            names: {
                let mut names: Vec<String> =
                    draft.frames.iter().flat_map(|&i| frames[i].names.clone()).collect();
                names.sort();
                names.dedup();
                names.into_iter().map(CompactString::from).collect()
            },
            article_keys: vec![input.article_key.into()],
        },
    }
}

/// The first chip count (most prominent sentence first), with the model
/// named in the same sentence, else anywhere in the deal; a model alone
/// when no count is given.
fn chips(frames: &[Frame], order: &[usize], mention_of_frame: &[usize]) -> Option<Chips> {
    let any_model = || order.iter().find_map(|&i| frames[i].models.first().cloned());
    if let Some((i, figure)) = order.iter().find_map(|&i| frames[i].chips.first().map(|f| (i, f))) {
        return Some(Chips {
            count: Some(figure.value.round() as u64),
            model: frames[i].models.first().cloned().or_else(any_model).map(CompactString::from),
            text: figure.text.clone(),
            mention: mention_of_frame[i],
        });
    }
    let (i, model) = order.iter().find_map(|&i| frames[i].models.first().map(|m| (i, m.clone())))?;
    Some(Chips {
        count: None,
        model: Some(model.as_str().into()),
        text: model.into(),
        mention: mention_of_frame[i],
    })
}

/// The date of the sentence that gave the status, else of any sentence
/// reporting an event, else the article's.
fn deal_date(
    draft: &Draft,
    frames: &[Frame],
    status_frame: Option<usize>,
    article: Option<&str>,
) -> Option<String> {
    status_frame
        .and_then(|i| frames[i].date.clone())
        .or_else(|| {
            draft
                .frames
                .iter()
                .find(|&&i| frames[i].event && !frames[i].statuses.is_empty())
                .and_then(|&i| frames[i].date.clone())
        })
        .or_else(|| article.map(str::to_string))
}

/// The host first, then every other country named as a noun in a sentence
/// that reports the deal happening. A nationality adjective ("the American
/// chipmaker") does not make a party.
fn party_countries(
    draft: &Draft,
    frames: &[Frame],
    host: Option<&CountryRef>,
    kind: DealKind,
) -> Vec<CompactString> {
    let mut out: Vec<CompactString> = host.iter().map(|c| c.code.clone()).collect();
    for &i in &draft.frames {
        let frame = &frames[i];
        let reports = frame.agreement || frame.event || !frame.statuses.is_empty();
        if !reports {
            continue;
        }
        for country in &frame.countries {
            // The US is named in passing as Nvidia's home; it is a party when
            // it decides (an export licence) or is where the deal is.
            let passing_us = country.code == "US" && kind != DealKind::ExportControl && !country.located;
            if !country.adjective && !country.place && !passing_us && !out.iter().any(|c| *c == country.code)
            {
                out.push(country.code.as_str().into());
            }
        }
    }
    out
}

/// Each organisation once, in order of first mention, with its role.
fn organisations(draft: &Draft, frames: &[Frame], host: Option<&str>, kind: DealKind) -> Vec<DealOrg> {
    let mut seen: Vec<(String, Vec<&FrameOrg>)> = Vec::new();
    for &i in &draft.frames {
        for org in &frames[i].orgs {
            match seen.iter_mut().find(|(n, _)| *n == org.name) {
                Some((_, all)) => all.push(org),
                None => seen.push((org.name.clone(), vec![org])),
            }
        }
    }
    seen.into_iter()
        .filter(|(_, all)| !all.iter().all(|o| o.source))
        .map(|(name, all)| DealOrg { role: role_of(&all, host, kind), name: name.into() })
        .collect()
}

/// An organisation's role from its mentions: the bought and the buyer in an
/// acquisition, a role cue around it, its usual role, its country against
/// the host's, else host.
fn role_of(mentions: &[&FrameOrg], host: Option<&str>, kind: DealKind) -> OrgRole {
    if kind == DealKind::Acquisition {
        if mentions.iter().any(|m| m.acquired) {
            return OrgRole::Host;
        }
        if mentions.iter().any(|m| m.acquirer) {
            return OrgRole::Investor;
        }
    }
    // A chipmaker in a partnership, a lab or an investment round works
    // with the host; it sells nothing there.
    let data = mentions.iter().find_map(|m| m.data_role).map(|role| match (role, kind) {
        (OrgRole::Supplier, DealKind::Partnership | DealKind::RAndD | DealKind::Investment) => {
            OrgRole::Partner
        }
        _ => role,
    });
    let cue = mentions.iter().find_map(|m| m.cue_role);
    match (cue, data) {
        // A supplier or regulator named near "construit" is still one.
        (Some(OrgRole::Host), Some(data @ (OrgRole::Supplier | OrgRole::Regulator))) => data,
        (Some(cue), _) => cue,
        (None, Some(data)) => data,
        (None, None) => match (mentions.iter().find_map(|m| m.country.as_deref()), host) {
            (Some(home), Some(host)) if home != host => OrgRole::Partner,
            _ => OrgRole::Host,
        },
    }
}

/// The article's topics that apply to the deal: the one its kind names,
/// and any other the deal's own sentences speak of (all of them when the
/// article reports just this deal).
fn deal_topics(
    input: &DealInput<'_>,
    frames: &[Frame],
    draft: &Draft,
    kind: DealKind,
    only_deal: bool,
) -> Vec<Topic> {
    let kind_topics: Vec<Topic> = DealKind::ALL.iter().filter_map(|k| k.topic()).collect();
    let mut named: Vec<Topic> = kind.topic().into_iter().collect();
    if !only_deal {
        // One pass over the deal's sentences together.
        let joined: Vec<&str> = draft.frames.iter().map(|&i| frames[i].text(input)).collect();
        let folded = fold(&joined.join("\n"));
        named.extend(topics_named(&tokens(&folded)));
    }
    input
        .topics
        .iter()
        .copied()
        .filter(|t| named.contains(t) || only_deal && !kind_topics.contains(t))
        .collect()
}
