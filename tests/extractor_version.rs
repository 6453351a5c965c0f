//! The facts cache trusts a record made by the same `EXTRACTOR_VERSION`:
//! this test fails when what extraction gives for the fixtures and samples
//! changes while the version stays the same, so a change to extraction
//! cannot leave stale facts in users' caches.

use dealscope::corpus::parse::parse_article;
use dealscope::extract::EXTRACTOR_VERSION;
use dealscope::search::engine::PairSet;
use std::path::{Path, PathBuf};

/// The version and the digest of the facts it gives. When extraction
/// changes on purpose: bump `EXTRACTOR_VERSION` in `src/extract.rs`, then
/// set both numbers here to what this test prints.
const PINNED: (u32, u64) = (3, 0x743c0036b45a08a4);

fn article_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            article_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
            out.push(path);
        }
    }
}

#[test]
fn facts_change_only_with_a_new_extractor_version() {
    let mut files = Vec::new();
    article_files(Path::new("tests/fixtures"), &mut files);
    article_files(Path::new("assets/articles"), &mut files);
    assert!(files.len() > 50, "fixtures found: {}", files.len());
    let mut facts = String::new();
    for file in &files {
        let text = String::from_utf8_lossy(&std::fs::read(file).unwrap()).into_owned();
        let article = parse_article("id", "source", &text);
        facts.push_str(&serde_json::to_string(&article).unwrap());
        facts.push_str(&serde_json::to_string(&article.paragraphs).unwrap());
        // Cached with the facts: the letter pairs the search index reads.
        facts.push_str(&format!("{:?}", PairSet::of_body(article.paragraphs.text())));
        for deal in &article.deals {
            facts.push_str(&serde_json::to_string(deal).unwrap());
            facts.push_str(&format!("{:?}", deal.evidence));
        }
        facts.push('\n');
    }
    let digest = xxhash_rust::xxh3::xxh3_64(facts.as_bytes());
    let now = (EXTRACTOR_VERSION, digest);
    assert!(
        now == PINNED,
        "{}: the pin is {PINNED:?}, this build gives ({EXTRACTOR_VERSION}, {digest:#x})",
        if now.0 == PINNED.0 {
            "the facts of the fixtures changed: bump EXTRACTOR_VERSION in src/extract.rs, then update PINNED"
        } else {
            "EXTRACTOR_VERSION changed: set PINNED in tests/extractor_version.rs"
        }
    );
}
