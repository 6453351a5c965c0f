//! Deals extracted from the hand-written articles of `tests/fixtures/deals/`,
//! checked against the answer key a careful reader wrote for them
//! (`expected.json`), field by field. Set `DEALSCOPE_REPORT=1` to print
//! every miss.

mod common;

use common::deal_key::{Tally, check_file, load_article};
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
    let mut on_disk: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    on_disk.sort();
    let mut keyed: Vec<String> = files.keys().cloned().collect();
    keyed.sort();
    assert_eq!(on_disk, keyed);
    assert!(on_disk.len() >= 30, "the issue asks for at least 30 fixtures");
}

#[test]
fn report() {
    let t = tally();
    eprintln!("{}", t.report());
}
