//! Deals extracted from the hand-written articles of `tests/fixtures/deals/`,
//! checked against the answer key a careful reader wrote for them
//! (`expected.json`), field by field. Set `DEALSCOPE_REPORT=1` to print
//! every miss.

mod common;

use common::deal_key::{Tally, article_files, check_file, load_article};
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/deals")
}

fn key() -> serde_json::Value {
    let text = std::fs::read_to_string(dir().join("expected.json")).expect("expected.json");
    serde_json::from_str(&text).expect("expected.json parses")
}

fn tally() -> Tally {
    let key = key();
    let mut tally = Tally::default();
    let files = key["files"].as_object().expect("files");
    for (file, entry) in files {
        let article = load_article(&dir().join(file));
        check_file(&mut tally, file, &article.deals, entry);
    }
    if std::env::var_os("DEALSCOPE_REPORT").is_some() {
        eprintln!("{}", tally.report());
    }
    tally
}

#[test]
fn every_fixture_has_a_key_entry() {
    let key = key();
    let files = key["files"].as_object().unwrap();
    let on_disk = article_files(&dir());
    let mut keyed: Vec<String> = files.keys().cloned().collect();
    keyed.sort();
    assert_eq!(on_disk, keyed);
    assert!(on_disk.len() >= 30, "the issue asks for at least 30 fixtures");
}

/// Share of checks each field passes, at least: measured when the
/// extractor landed (found 79 %, count 83 %, status 94 %, amount 88 %,
/// traps 96 %), rounded down a little. A change that makes extraction
/// worse on these articles fails here, with every miss listed; raise the
/// floors when it gets better.
const FLOORS: [(&str, f64); 11] = [
    ("found", 0.76),
    ("count", 0.80),
    ("main", 1.0),
    ("status", 0.90),
    ("amount", 0.85),
    ("chips", 0.87),
    ("power_mw", 0.93),
    ("date", 0.93),
    ("countries", 0.93),
    ("org role", 0.90),
    ("traps", 0.94),
];

#[test]
fn deal_fields_meet_their_floors() {
    let t = tally();
    let failing: Vec<String> = FLOORS
        .iter()
        .filter(|(field, floor)| t.rate(field) < *floor)
        .map(|(field, floor)| format!("{field}: {:.1} % < {:.0} %", t.rate(field) * 100.0, floor * 100.0))
        .collect();
    assert!(failing.is_empty(), "{}\n{}", failing.join("\n"), t.report());
}

#[test]
fn non_deal_articles_yield_few_deals() {
    // Reviews, results, opinion pieces, market reports, interviews.
    let key = key();
    let files = key["files"].as_object().unwrap();
    let quiet: Vec<&String> = files
        .iter()
        .filter(|(_, e)| e["deals"].as_array().is_some_and(Vec::is_empty))
        .map(|(f, _)| f)
        .collect();
    assert!(quiet.len() >= 5, "the key holds non-deal articles");
    let noisy: Vec<String> = quiet
        .iter()
        .filter_map(|f| {
            let n = load_article(&dir().join(f)).deals.len();
            (n > 0).then(|| format!("{f}: {n}"))
        })
        .collect();
    // Two of the eight, opinion pieces whose lead tallies national pledges
    // ("governments have pledged well over $100 billion", "109 milliards
    // d'euros de promesses"), still yield a deal; more is a regression.
    assert!(noisy.len() <= 2, "{noisy:?}");
}
