//! Comparing extracted deals with an answer key written by hand
//! (`tests/fixtures/deals/expected.json`): which expected deal each
//! extracted deal is, and every field that differs.

use dealscope::corpus::load::{DEFAULT_MAX_FILE_BYTES, file_stem, read_file};
use dealscope::corpus::parse::parse_article;
use dealscope::extract::text::fold;
use dealscope::model::{Article, Deal};
use serde_json::Value;
use std::path::Path;

/// One wrong or missing thing in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    pub file: String,
    pub field: &'static str,
    pub detail: String,
}

/// Field checks made and failed, by field.
#[derive(Debug, Default)]
pub struct Tally {
    pub checked: std::collections::BTreeMap<&'static str, (usize, usize)>,
    pub misses: Vec<Miss>,
}

impl Tally {
    fn check(&mut self, file: &str, field: &'static str, ok: bool, detail: impl FnOnce() -> String) {
        let entry = self.checked.entry(field).or_default();
        entry.0 += 1;
        if !ok {
            entry.1 += 1;
            self.misses.push(Miss { file: file.to_string(), field, detail: detail() });
        }
    }

    /// Share of checks of `field` that passed.
    pub fn rate(&self, field: &str) -> f64 {
        self.checked.get(field).map_or(1.0, |&(n, bad)| (n - bad) as f64 / n.max(1) as f64)
    }

    pub fn report(&self) -> String {
        let mut out = String::new();
        for (field, (n, bad)) in &self.checked {
            out.push_str(&format!(
                "{field:<14} {:>3}/{:<3} {:>5.1}%\n",
                n - bad,
                n,
                self.rate(field) * 100.0
            ));
        }
        for m in &self.misses {
            out.push_str(&format!("  {} [{}] {}\n", m.file, m.field, m.detail));
        }
        out
    }
}

/// The `.txt` file names of a fixture folder, sorted.
pub fn article_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
}

pub fn load_article(path: &Path) -> Article {
    let decoded =
        read_file(path, DEFAULT_MAX_FILE_BYTES).unwrap_or_else(|skip| panic!("{}: {skip}", path.display()));
    parse_article(&file_stem(path), &path.display().to_string(), &decoded.text)
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * a.abs().max(b.abs()).max(1e-9)
}

/// Organisation names match when one folded name contains the other
/// ("Bitcoin Office" and "Bitcoin Office of El Salvador").
fn same_org(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    a.contains(&b) || b.contains(&a)
}

/// The extracted deal that is the expected one: same host and kind, first
/// unused.
fn pair<'d>(deals: &'d [std::sync::Arc<Deal>], used: &mut [bool], want: &Value) -> Option<&'d Deal> {
    let country = want["country"].as_str();
    let kind = want["kind"].as_str();
    let i = (0..deals.len()).find(|&i| {
        !used[i]
            && deals[i].country.as_ref().map(|c| c.code.as_str()) == country
            && Some(deals[i].kind.slug()) == kind
    })?;
    used[i] = true;
    Some(&deals[i])
}

/// Checks one article's deals against its key entry.
pub fn check_file(tally: &mut Tally, file: &str, deals: &[std::sync::Arc<Deal>], key: &Value) {
    let wanted = key["deals"].as_array().cloned().unwrap_or_default();
    tally.check(file, "count", deals.len() == wanted.len(), || {
        let got: Vec<String> = deals
            .iter()
            .map(|d| format!("{}/{}", d.country.as_ref().map_or("--", |c| c.code.as_str()), d.kind.slug()))
            .collect();
        format!("expected {} deals, got {}: {}", wanted.len(), deals.len(), got.join(", "))
    });
    let mut used = vec![false; deals.len()];
    for want in &wanted {
        let label =
            format!("{}/{}", want["country"].as_str().unwrap_or("--"), want["kind"].as_str().unwrap_or("?"));
        let found = pair(deals, &mut used, want);
        tally.check(file, "found", found.is_some(), || format!("no deal {label}"));
        let Some(deal) = found else { continue };
        if want["main"].as_bool() == Some(true) {
            tally.check(file, "main", deals.first().is_some_and(|d| d.id == deal.id), || {
                format!("{label} is not first")
            });
        }
        if let Some(status) = want["status"].as_str() {
            tally.check(file, "status", deal.status.slug() == status, || {
                format!("{label}: status {status}, got {}", deal.status.slug())
            });
        }
        if let Some(amount) = want.get("amount") {
            let ok = match (amount.is_null(), &deal.amount) {
                (true, None) => true,
                (false, Some(got)) => {
                    close(amount["value"].as_f64().unwrap_or(f64::NAN), got.value, 0.005)
                        && amount["currency"].as_str() == Some(got.currency.as_str())
                }
                _ => false,
            };
            tally.check(file, "amount", ok, || {
                format!(
                    "{label}: amount {amount}, got {:?}",
                    deal.amount.as_ref().map(|a| (a.value, &a.currency, &a.text))
                )
            });
        }
        if let Some(chips) = want.get("chips") {
            let ok = match (chips.is_null(), &deal.chips) {
                (true, None) => true,
                (false, Some(got)) => {
                    let count_ok = chips["count"].as_f64().map(|c| c as u64) == got.count;
                    let model_ok = chips["model"].as_str().is_none_or(|m| {
                        got.model
                            .as_deref()
                            .is_some_and(|g| g.eq_ignore_ascii_case(m) || fold(g).contains(&fold(m)))
                    });
                    count_ok && model_ok
                }
                _ => false,
            };
            tally.check(file, "chips", ok, || {
                format!("{label}: chips {chips}, got {:?}", deal.chips.as_ref().map(|c| (c.count, &c.model)))
            });
        }
        if let Some(mw) = want.get("power_mw") {
            let ok = match (mw.as_f64(), &deal.power_mw) {
                (None, None) => true,
                (Some(v), Some(got)) => close(v, got.value, 0.01),
                _ => false,
            };
            tally.check(file, "power_mw", ok, || {
                format!("{label}: MW {mw}, got {:?}", deal.power_mw.as_ref().map(|p| p.value))
            });
        }
        if let Some(date) = want["date"].as_str() {
            tally.check(file, "date", deal.date.as_deref() == Some(date), || {
                format!("{label}: date {date}, got {:?}", deal.date)
            });
        }
        if let Some(countries) = want["countries"].as_array() {
            let mut expected: Vec<&str> = countries.iter().filter_map(Value::as_str).collect();
            let mut got: Vec<&str> = deal.countries.iter().map(|c| c.as_str()).collect();
            let host_first = got.first() == expected.first();
            expected.sort_unstable();
            got.sort_unstable();
            tally.check(file, "countries", host_first && got == expected, || {
                format!("{label}: countries {countries:?}, got {:?}", deal.countries)
            });
        }
        for org in want["organisations"].as_array().into_iter().flatten() {
            let name = org["name"].as_str().unwrap_or("");
            let role = org["role"].as_str().unwrap_or("");
            let found = deal.organisations.iter().find(|o| same_org(&o.name, name));
            tally.check(file, "org", found.is_some(), || format!("{label}: no organisation {name:?}"));
            if let Some(found) = found {
                tally.check(file, "org role", found.role.slug() == role, || {
                    format!("{label}: {name} is {role}, got {}", found.role.slug())
                });
            }
        }
    }
    for trap in key["not_deal_amounts"].as_array().into_iter().flatten().filter_map(Value::as_f64) {
        let taken = deals.iter().filter_map(|d| d.amount.as_ref()).any(|a| close(a.value, trap, 1e-6));
        tally.check(file, "traps", !taken, || format!("{trap} taken as a deal amount"));
    }
}
