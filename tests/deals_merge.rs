//! Merging deals across articles, on `tests/fixtures/merge/`: real-world
//! style deals each reported by two or three articles (other words, other
//! languages, stages, roundings) and distractors that must stay apart. The
//! answer key (`expected.json`) was written by hand, before the merger.

mod common;

use common::deal_key::{article_files, load_article};
use dealscope::corpus::Corpus;
use dealscope::model::{Article, Deal};
use serde_json::Value;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/merge")
}

fn key() -> Vec<Value> {
    let text = std::fs::read_to_string(dir().join("expected.json")).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    value["groups"].as_array().unwrap().clone()
}

fn articles() -> Vec<Article> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files.iter().map(|p| load_article(p)).collect()
}

fn corpus(articles: Vec<Article>) -> Corpus {
    let mut corpus = Corpus::new();
    for article in articles {
        corpus.add(article);
    }
    corpus
}

fn stem(file: &str) -> String {
    file.trim_end_matches(".txt").to_string()
}

/// The merged deal that the main deal of `article` ended up in.
fn merged_of<'c>(corpus: &'c Corpus, article: &str) -> Option<&'c Deal> {
    let main = corpus.by_id(article)?.deals.first()?;
    corpus
        .deals()
        .iter()
        .find(|d| d.articles.iter().any(|a| a == article) && d.kind == main.kind || d.id == main.id)
        .map(|d| d.as_ref())
}

/// Every difference between the merged deals and the key, one line each.
fn misses(corpus: &Corpus) -> Vec<String> {
    let mut out = Vec::new();
    for group in key() {
        let name = group["name"].as_str().unwrap();
        let files: Vec<String> =
            group["articles"].as_array().unwrap().iter().map(|f| stem(f.as_str().unwrap())).collect();
        let Some(deal) = merged_of(corpus, &files[0]) else {
            out.push(format!("{name}: no deal in {}", files[0]));
            continue;
        };
        let mut got: Vec<String> = deal.articles.iter().map(|a| a.to_string()).collect();
        got.sort();
        let mut want = files.clone();
        want.sort();
        if got != want {
            out.push(format!("{name}: articles {want:?}, got {got:?}"));
        }
        let check = |field: &str, want: Option<&str>, got: Option<&str>, out: &mut Vec<String>| {
            if want != got {
                out.push(format!("{name}: {field} {want:?}, got {got:?}"));
            }
        };
        check("country", group["country"].as_str(), deal.country.as_ref().map(|c| c.code.as_str()), &mut out);
        check("kind", group["kind"].as_str(), Some(deal.kind.slug()), &mut out);
        check("status", group["status"].as_str(), Some(deal.status.slug()), &mut out);
        check("date", group["date"].as_str(), deal.date.as_deref(), &mut out);
        let stages: Vec<&str> = deal.stages.iter().map(|s| s.status.slug()).collect();
        let want_stages: Vec<&str> =
            group["stages"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        if stages != want_stages {
            out.push(format!("{name}: stages {want_stages:?}, got {stages:?}"));
        }
        let amount_ok = match (&group["amount"], &deal.amount) {
            (Value::Null, None) => true,
            (want, Some(got)) if !want.is_null() => {
                let value = want["value"].as_f64().unwrap();
                (got.value - value).abs() <= value * 0.005
                    && want["currency"].as_str() == Some(got.currency.as_str())
            }
            _ => false,
        };
        if !amount_ok {
            out.push(format!(
                "{name}: amount {}, got {:?}",
                group["amount"],
                deal.amount.as_ref().map(|a| (a.value, &a.currency))
            ));
        }
        // The merged deal keeps the id of its earliest article's deal.
        let earliest = corpus.by_id(&files[0]).and_then(|a| a.deals.first()).map(|d| d.id.clone());
        if earliest.as_deref() != Some(deal.id.as_str()) && got == want {
            out.push(format!("{name}: id {}, expected the earliest article's {earliest:?}", deal.id));
        }
    }
    out
}

#[test]
fn reports_of_one_deal_merge_and_distractors_stay_apart() {
    let corpus = corpus(articles());
    let misses = misses(&corpus);
    assert!(misses.is_empty(), "{} misses:\n{}", misses.len(), misses.join("\n"));
}

#[test]
fn merging_does_not_depend_on_load_order() {
    let reference = corpus(articles());
    let expected = serde_json::to_string(reference.deals()).unwrap();
    let mut shuffled = articles();
    // A fixed permutation per round, so a failure can be replayed.
    for round in 1..=4usize {
        let n = shuffled.len();
        for i in 0..n {
            shuffled.swap(i, (i * 7 + round * 13) % n);
        }
        let got = corpus(shuffled.clone());
        assert_eq!(serde_json::to_string(got.deals()).unwrap(), expected, "round {round}");
    }
    let mut reversed = articles();
    reversed.reverse();
    assert_eq!(serde_json::to_string(corpus(reversed).deals()).unwrap(), expected);
}

#[test]
fn every_fixture_is_in_exactly_one_group() {
    let mut keyed: Vec<String> = key()
        .iter()
        .flat_map(|g| g["articles"].as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_string()))
        .collect();
    keyed.sort();
    let on_disk = article_files(&dir());
    assert_eq!(keyed, on_disk);
    let groups = key();
    let real =
        groups.iter().filter(|g| g["distractor"] != true && g["articles"].as_array().unwrap().len() >= 2);
    assert!(real.count() >= 6, "the issue asks for six deals reported two or three times");
    assert!(groups.iter().filter(|g| g["distractor"] == true).count() >= 4);
}
