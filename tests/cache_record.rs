//! Cache records of real articles: every fixture and sample round-trips
//! exactly, and no damage to a record makes decoding panic.

use dealscope::cache::record::{FileOutcome, decode, encode};
use dealscope::corpus::load::{DEFAULT_MAX_FILE_BYTES, collect_files, read_source};
use dealscope::corpus::parse::parse_article;
use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::LazyLock;
use std::time::Instant;

/// Every fixture (recursively) and sample, loaded as the loader reads them.
fn outcomes() -> Vec<FileOutcome> {
    let roots = [PathBuf::from("tests/fixtures"), PathBuf::from("assets/articles")];
    let (files, walk_warnings) = collect_files(&roots).unwrap();
    assert!(walk_warnings.is_empty(), "{walk_warnings:?}");
    assert!(files.len() > 90, "found only {} files", files.len());
    files
        .iter()
        .map(|file| {
            let (source, warning) = read_source(&file.path, DEFAULT_MAX_FILE_BYTES);
            let source = source.unwrap_or_else(|| panic!("{}: {warning:?}", file.path.display()));
            FileOutcome::new(
                Some(parse_article(&source.stem, &source.source, &source.text)),
                warning.map(|w| (w.kind, w.message)).into_iter().collect(),
            )
        })
        .collect()
}

static OUTCOMES: LazyLock<Vec<FileOutcome>> = LazyLock::new(outcomes);

/// The records with the most deals: the deepest nesting to damage.
fn richest_records(n: usize) -> Vec<Vec<u8>> {
    let mut outcomes: Vec<&FileOutcome> = OUTCOMES.iter().collect();
    outcomes.sort_by_key(|o| std::cmp::Reverse(o.article.as_ref().map_or(0, |a| a.deals.len())));
    outcomes.into_iter().take(n).map(encode).collect()
}

/// A decoded record, however damaged, is an article the app can use.
fn use_decoded(bytes: &[u8]) {
    if let Ok(outcome) = decode(bytes) {
        let _ = encode(&outcome);
        if let Some(article) = &outcome.article {
            let _ = article.normalised_text();
            let _ = serde_json::to_string(article).unwrap();
        }
    }
}

#[test]
fn every_fixture_and_sample_round_trips() {
    let mut deals = 0;
    for outcome in OUTCOMES.iter() {
        let article = outcome.article.as_ref().unwrap();
        let back = decode(&encode(outcome)).unwrap_or_else(|e| panic!("{}: {e}", article.source));
        assert_eq!(&back, outcome, "{}", article.source);
        let decoded = back.article.as_ref().unwrap();
        // Arc<Deal> equality compares the deals, evidence included; said
        // again here so that dropping evidence from `Deal: PartialEq` shows.
        for (d, o) in decoded.deals.iter().zip(&article.deals) {
            assert_eq!(d.evidence, o.evidence, "{}", article.source);
        }
        assert_eq!(
            serde_json::to_string(decoded).unwrap(),
            serde_json::to_string(article).unwrap(),
            "{}",
            article.source
        );
        deals += article.deals.len();
    }
    assert!(deals > 50, "only {deals} deals: the round trip barely covers them");
}

#[test]
fn every_truncation_is_an_error() {
    for record in richest_records(3) {
        for len in 0..record.len() {
            assert!(decode(&record[..len]).is_err(), "{len} of {} bytes decoded", record.len());
        }
    }
}

#[test]
fn every_bit_flip_decodes_or_fails_without_panic() {
    let record = &richest_records(1)[0];
    let mut damaged = record.clone();
    for i in 0..record.len() {
        for bit in 0..8 {
            damaged[i] ^= 1 << bit;
            use_decoded(&damaged);
            damaged[i] = record[i];
        }
    }
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        use_decoded(&bytes);
    }

    #[test]
    fn damaged_records_never_panic(
        which in 0..5usize,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut record = richest_records(5).swap_remove(which);
        for (at, byte) in edits {
            let i = at.index(record.len());
            record[i] = byte;
        }
        use_decoded(&record);
        let len = cut.index(record.len());
        use_decoded(&record[..len]);
    }
}

/// Record size and codec speed over the fixtures, against parsing them:
/// `cargo test --release --test cache_record -- --ignored --nocapture`.
#[test]
#[ignore]
fn measure() {
    let outcomes = &*OUTCOMES;
    let n = outcomes.len() as f64;
    let records: Vec<Vec<u8>> = outcomes.iter().map(encode).collect();
    let bytes: usize = records.iter().map(Vec::len).sum();
    let text: usize = outcomes.iter().map(|o| o.article.as_ref().unwrap().normalised_text().len()).sum();
    let json: usize = outcomes.iter().map(|o| serde_json::to_string(&o.article).unwrap().len()).sum();
    let rounds = 200;

    let start = Instant::now();
    for _ in 0..rounds {
        for outcome in outcomes {
            std::hint::black_box(encode(std::hint::black_box(outcome)));
        }
    }
    let encode_us = start.elapsed().as_secs_f64() * 1e6 / (rounds as f64 * n);

    let start = Instant::now();
    for _ in 0..rounds {
        for record in &records {
            std::hint::black_box(decode(std::hint::black_box(record)).unwrap());
        }
    }
    let decode_us = start.elapsed().as_secs_f64() * 1e6 / (rounds as f64 * n);

    let sources: Vec<_> = collect_files(&[PathBuf::from("tests/fixtures"), PathBuf::from("assets/articles")])
        .unwrap()
        .0
        .iter()
        .filter_map(|f| read_source(&f.path, DEFAULT_MAX_FILE_BYTES).0)
        .collect();
    let start = Instant::now();
    for _ in 0..rounds / 10 {
        for s in &sources {
            std::hint::black_box(parse_article(&s.stem, &s.source, std::hint::black_box(&s.text)));
        }
    }
    let parse_us = start.elapsed().as_secs_f64() * 1e6 / ((rounds / 10) as f64 * n);

    println!(
        "{n} articles: record {:.0} bytes/article (normalised text {:.0}, article JSON without body {:.0}); \
         encode {encode_us:.2} µs, decode {decode_us:.2} µs, parse {parse_us:.0} µs per article",
        bytes as f64 / n,
        text as f64 / n,
        json as f64 / n,
    );
}
