//! Part 5: the facts cache (#11). A reopen of an unchanged corpus from the
//! cache, to the structures the browser holds (store, article index, merged
//! deals and their index), in a child process per run; and `dealscope list
//! --json` on a tree, cached, against `rg -c .` on the same tree, wall time,
//! medians of three.

use dealscope::cache::session::CacheChoice;
use dealscope::corpus::ingest::{LoadOptions, load_corpus};
use dealscope::search::{SearchDoc, SearchIndex};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// A cache directory of the bench's own, emptied first.
fn fresh_cache(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dealscope-bench-cache-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Loads `dir` through the cache in a child process; what it reports.
fn run_child(dir: &Path, cache_home: &Path) -> String {
    let output = Command::new(std::env::current_exe().expect("bench path"))
        .env("DEALSCOPE_BENCH_CACHE_CHILD", dir)
        .env("XDG_CACHE_HOME", cache_home)
        .output()
        .expect("run the cache child");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn field(report: &str, name: &str) -> f64 {
    report.lines().find_map(|l| l.strip_prefix(name)).and_then(|v| v.trim().parse().ok()).unwrap_or(f64::NAN)
}

/// Reopening `articles` files under `dir` from a filled cache.
pub fn reopen(dir: &Path, articles: usize) {
    let cache_home = fresh_cache("reopen");
    let first = run_child(dir, &cache_home);
    let runs: Vec<String> = (0..3).map(|_| run_child(dir, &cache_home)).collect();
    let median = |name: &str| super::median(runs.iter().map(|r| field(r, name)).collect());
    println!(
        "reopening {articles} articles: first load (parse and fill the cache) {:.2} s to a loaded browser state; from the cache {:.2} s (store {:.2} s, article index {:.2} s, deals merged and indexed {:.2} s); cache {:.0} MB",
        field(&first, "ready_s"),
        median("ready_s"),
        median("loaded_s"),
        median("index_s"),
        median("deals_s"),
        cache_bytes(&cache_home) as f64 / 1e6,
    );
    let warnings = field(&runs[0], "warnings");
    if warnings > 0.0 {
        println!("  warning: the cached loads reported {warnings} warnings");
    }
    let _ = std::fs::remove_dir_all(&cache_home);
}

fn cache_bytes(home: &Path) -> u64 {
    let dir = home.join("dealscope");
    std::fs::read_dir(dir)
        .map_or(0, |entries| entries.flatten().filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum())
}

/// The measuring child: the loader through the cache, then what the
/// browser builds over the store, each step timed.
pub fn child(dir: &str) {
    let cache_file = dealscope::cache::db::default_dir().expect("XDG_CACHE_HOME is set").join("facts.sqlite");
    let options = LoadOptions { max_bytes: u64::MAX, cache: CacheChoice::At(cache_file) };
    let start = Instant::now();
    let (corpus, warnings) = load_corpus(&[PathBuf::from(dir)], &options).expect("load");
    let loaded = start.elapsed().as_secs_f64();
    let mut index = SearchIndex::new();
    for article in corpus.articles() {
        index.push(SearchDoc::from_article(article));
    }
    let indexed = start.elapsed().as_secs_f64();
    let mut deals = SearchIndex::new();
    for deal in corpus.deals() {
        let titles: Vec<&str> =
            deal.articles.iter().filter_map(|id| corpus.by_id(id)).map(|a| a.title.as_str()).collect();
        deals.push(SearchDoc::from_deal(deal, &titles));
    }
    let ready = start.elapsed().as_secs_f64();
    println!("loaded_s {loaded}");
    println!("index_s {}", indexed - loaded);
    println!("deals_s {}", ready - indexed);
    println!("ready_s {ready}");
    println!("warnings {}", warnings.len());
    std::hint::black_box((&corpus, &index, &deals));
}

/// Wall seconds of one command, median of three.
fn wall(program: &Path, args: &[&str], cache_home: &Path) -> Option<f64> {
    let runs = super::three_runs(program, args, cache_home)?;
    Some(super::median(runs.into_iter().map(|(wall, _)| wall).collect()))
}

/// `list --json` on `dir` with the cache filled, against `rg -c .`.
pub fn list_against_rg(dir: &Path) {
    let cache_home = fresh_cache("list");
    let ours = Path::new(env!("CARGO_BIN_EXE_dealscope"));
    let arg = dir.to_string_lossy().to_string();
    let fresh = wall(ours, &["list", "--json", "--no-cache", &arg], &cache_home);
    // Fill the cache, then time reopens.
    let _ = wall(ours, &["list", "--json", &arg], &cache_home);
    let cached = wall(ours, &["list", "--json", &arg], &cache_home);
    let rg = super::which("rg").and_then(|rg| wall(&rg, &["-c", ".", &arg], &cache_home));
    match (fresh, cached, rg) {
        (Some(fresh), Some(cached), Some(rg)) => println!(
            "list --json, wall: {fresh:.2} s parsing, {cached:.2} s from the cache; rg -c .: {rg:.3} s; cached ratio {:.1}x",
            cached / rg
        ),
        (Some(fresh), Some(cached), None) => {
            println!(
                "list --json, wall: {fresh:.2} s parsing, {cached:.2} s from the cache (rg not installed: no ratio)"
            )
        }
        _ => println!("list --json failed on the bench tree"),
    }
    let _ = std::fs::remove_dir_all(&cache_home);
}
