//! One merged record from the reports of a real-world deal: every
//! member's mentions, articles and parties once each, the most reported
//! host and kind, the most specific figures, and one stage per status in
//! lifecycle order.

use super::profile::org_key;
use crate::model::{Deal, DealOrg, DealStatus, OrgRole, Stage};
use compact_str::CompactString;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

/// Significant digits of a figure as reported: 1.52e9 has three.
fn significant_digits(value: f64) -> usize {
    let text = format!("{:.12e}", value.abs());
    let mantissa = text.split('e').next().unwrap_or("");
    mantissa.trim_end_matches('0').trim_end_matches('.').chars().filter(char::is_ascii_digit).count()
}

/// One record from the deals of several articles (in canonical order); a
/// deal reported once is shared with its article, not copied.
pub(super) fn combine(members: &[&Arc<Deal>]) -> Arc<Deal> {
    if let [only] = members {
        return Arc::clone(only);
    }
    let members: Vec<&Deal> = members.iter().map(|m| m.as_ref()).collect();
    Arc::new(combine_several(&members))
}

fn combine_several(members: &[&Deal]) -> Deal {
    let first = members[0];
    let mut deal = first.clone();
    deal.articles.clear();
    deal.mentions.clear();
    deal.organisations.clear();
    deal.countries.clear();
    deal.topics.clear();
    deal.evidence.article_keys.clear();
    deal.evidence.names.clear();

    // Mentions of every member, and where each member's mentions start.
    let mut offsets = Vec::new();
    for m in members {
        offsets.push(deal.mentions.len());
        for mention in &m.mentions {
            deal.mentions.push(mention.clone());
        }
        for a in &m.articles {
            push_unique(&mut deal.articles, a.clone());
        }
        for k in &m.evidence.article_keys {
            push_unique(&mut deal.evidence.article_keys, k.clone());
        }
        for n in &m.evidence.names {
            push_unique(&mut deal.evidence.names, n.clone());
        }
        for t in &m.topics {
            push_unique(&mut deal.topics, *t);
        }
    }
    deal.topics.sort();

    // Host: the most reported; kind likewise, ties to the first reported.
    deal.country = most_common(members.iter().filter_map(|m| m.country.clone()));
    deal.kind = most_common(members.iter().map(|m| m.kind)).unwrap_or(first.kind);
    deal.countries = deal.country.iter().map(|c| c.code.clone()).collect();
    for m in members {
        for c in &m.countries {
            push_unique(&mut deal.countries, c.clone());
        }
    }
    deal.organisations = merge_organisations(members);

    // The most specific figure, the latest when equally specific.
    let pick = |get: &dyn Fn(&Deal) -> Option<(f64, usize)>| -> Option<(usize, usize)> {
        members
            .iter()
            .enumerate()
            .filter_map(|(i, m)| get(m).map(|(v, mention)| (i, mention, significant_digits(v))))
            .max_by(|a, b| a.2.cmp(&b.2).then(a.0.cmp(&b.0)))
            .map(|(i, mention, _)| (i, mention))
    };
    deal.amount = pick(&|m| m.amount.as_ref().map(|a| (a.value, a.mention))).and_then(|(i, mention)| {
        let mut a = members[i].amount.clone()?;
        a.mention = offsets[i] + mention;
        Some(a)
    });
    deal.chips = pick(&|m| m.chips.as_ref().and_then(|c| c.count.map(|n| (n as f64, c.mention))))
        .or_else(|| pick(&|m| m.chips.as_ref().map(|c| (0.0, c.mention))))
        .and_then(|(i, mention)| {
            let mut c = members[i].chips.clone()?;
            c.mention = offsets[i] + mention;
            if c.model.is_none() {
                c.model = members.iter().find_map(|m| m.chips.as_ref().and_then(|c| c.model.clone()));
            }
            Some(c)
        });
    deal.power_mw = pick(&|m| m.power_mw.as_ref().map(|p| (p.value, p.mention))).and_then(|(i, mention)| {
        let mut p = members[i].power_mw.clone()?;
        p.mention = offsets[i] + mention;
        Some(p)
    });

    deal.stages = stages(members);
    deal.status = deal.stages.last().map_or(first.status, |s| s.status);
    deal.date = deal.stages.iter().filter_map(|s| s.date.clone()).min();
    deal
}

fn most_common<T: PartialEq + Clone>(items: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for item in items {
        match counts.iter_mut().find(|(x, _)| *x == item) {
            Some((_, n)) => *n += 1,
            None => counts.push((item, 1)),
        }
    }
    // max_by_key keeps the last of equals; iterate reversed to keep the first.
    counts.into_iter().rev().max_by_key(|(_, n)| *n).map(|(x, _)| x)
}

/// Organisations of every member, once each by normalised name, with the
/// role most members give them.
fn merge_organisations(members: &[&Deal]) -> Vec<DealOrg> {
    let mut order: Vec<(String, CompactString)> = Vec::new();
    let mut roles: HashMap<String, Vec<OrgRole>> = HashMap::default();
    for m in members {
        for org in &m.organisations {
            let key = org_key(&org.name);
            if !order.iter().any(|(k, _)| *k == key) {
                order.push((key.clone(), org.name.clone()));
            }
            roles.entry(key).or_default().push(org.role);
        }
    }
    order
        .into_iter()
        .map(|(key, name)| {
            let role =
                most_common(roles.get(&key).into_iter().flatten().copied()).unwrap_or(OrgRole::Partner);
            DealOrg { name, role }
        })
        .collect()
}

/// One stage per distinct status, dated by its earliest dated report, in
/// lifecycle order; undated stages after dated ones of the same rank.
fn stages(members: &[&Deal]) -> Vec<Stage> {
    let mut by_status: Vec<Stage> = Vec::new();
    for m in members {
        for stage in &m.stages {
            match by_status.iter_mut().find(|s| s.status == stage.status) {
                Some(existing) => {
                    let earlier = match (&stage.date, &existing.date) {
                        (Some(a), Some(b)) => a < b,
                        (Some(_), None) => true,
                        _ => false,
                    };
                    if earlier {
                        *existing = stage.clone();
                    }
                }
                None => by_status.push(stage.clone()),
            }
        }
    }
    by_status.sort_by(|a, b| {
        a.status.rank().cmp(&b.status.rank()).then_with(|| match (&a.date, &b.date) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => status_order(a.status).cmp(&status_order(b.status)),
        })
    });
    by_status
}

fn status_order(status: DealStatus) -> usize {
    DealStatus::ALL.iter().position(|&s| s == status).unwrap_or(0)
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn significant_digits_of_reported_figures() {
        assert_eq!(significant_digits(1.5e9), 2);
        assert_eq!(significant_digits(1.52e9), 3);
        assert_eq!(significant_digits(4.85e10), 3);
        assert_eq!(significant_digits(260_000.0), 2);
        assert_eq!(significant_digits(204.5e6), 4);
    }
}
