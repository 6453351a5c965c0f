//! Part 5: the facts cache (#11). A reopen of an unchanged corpus from the
//! cache, to the structures the browser holds (store, article index, merged
//! deals and their index), in a child process per run; and `dealscope list
//! --json` on a tree, cached, against `rg -c .` on the same tree, wall time,
//! medians of three.

use dealscope::app::{Action, AppState, update};
use dealscope::cache::session::CacheChoice;
use dealscope::corpus::ingest::LoadOptions;
use dealscope::search::{SearchSpec, SearchWorker, Target};
use dealscope::tui::events::{LoopEvent, spawn_loader};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
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
    report
        .lines()
        .find_map(|l| l.split_once(' ').filter(|(key, _)| *key == name))
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or(f64::NAN)
}

/// Reopening `articles` files under `dir` from a filled cache.
pub fn reopen(dir: &Path, articles: usize) {
    let cache_home = fresh_cache("reopen");
    let first = run_child(dir, &cache_home);
    let runs: Vec<String> = (0..3).map(|_| run_child(dir, &cache_home)).collect();
    let median = |name: &str| super::median(runs.iter().map(|r| field(r, name)).collect());
    println!(
        "reopening {articles} articles in the browser's pipeline: first load (parse and fill the cache) {:.2} s to a fully loaded state; from the cache {:.2} s (the last articles in at {:.2} s, {:.0} deals merged at {:.2} s, both indexes answering over everything at {:.2} s); cache {:.0} MB",
        field(&first, "ready_s"),
        median("ready_s"),
        median("articles_in_s"),
        median("merged"),
        median("merged_s"),
        median("ready_s"),
        cache_bytes(&cache_home) as f64 / 1e6,
    );
    let digest = runs[0].lines().find_map(|l| l.strip_prefix("merged_digest ")).unwrap_or("none");
    println!("  merged deals digest: {digest}");
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

/// The measuring child: the browser's own loading pipeline, headless and
/// through the cache (the loader thread, the search worker and `update`,
/// wired as `run_browser` wires them), timed until the state holds every
/// article, the final merge of the deals, and both indexes have answered a
/// search over every document.
pub fn child(dir: &str) {
    let cache_file = dealscope::cache::db::default_dir().expect("XDG_CACHE_HOME is set").join("facts.sqlite");
    let options = LoadOptions { max_bytes: u64::MAX, cache: CacheChoice::At(cache_file) };
    let start = Instant::now();
    let (tx, rx) = mpsc::channel();
    let (worker, responses) = SearchWorker::spawn();
    let mut state = AppState::new(160, 48);
    spawn_loader(vec![PathBuf::from(dir)], options, tx);
    let (mut loaded, mut merged) = (None, None);
    let mut articles_in = f64::NAN;
    let mut warnings = 0;
    while loaded.is_none() || merged.is_none() {
        let Ok(event) = rx.recv() else { break };
        let action = match event {
            LoopEvent::Loaded(articles, docs) => {
                articles_in = start.elapsed().as_secs_f64();
                worker.add_docs(docs);
                Action::ArticlesLoaded(articles)
            }
            LoopEvent::DealsMerged(deals, docs, complete) => {
                worker.set_deals(docs);
                if complete {
                    merged = Some(start.elapsed().as_secs_f64());
                }
                Action::DealsMerged { deals, complete }
            }
            LoopEvent::Action(action) => {
                match &action {
                    Action::LoadFinished | Action::LoadFailed(_) => {
                        loaded = Some(start.elapsed().as_secs_f64())
                    }
                    Action::LoadWarned(_) => warnings += 1,
                    _ => {}
                }
                action
            }
            _ => continue,
        };
        update(&mut state, action);
        for request in std::mem::take(&mut state.pending_searches) {
            worker.request(request.generation, request.spec);
        }
    }
    // Every document is indexed once each index answers a search over all
    // of them (the worker applies documents before the searches after them).
    let (articles, deals) = (state.articles.len(), state.deals.len());
    worker.request(u64::MAX, SearchSpec { target: Target::Deals, ..SearchSpec::default() });
    let (mut articles_ready, mut deals_ready) = (false, false);
    while !(articles_ready && deals_ready) {
        let Ok(response) = responses.recv() else { break };
        match response.target {
            Target::Articles => articles_ready |= response.total_docs == articles,
            Target::Deals => deals_ready |= response.total_docs == deals,
        }
        update(&mut state, Action::SearchDone(Box::new(response)));
        for request in std::mem::take(&mut state.pending_searches) {
            worker.request(request.generation, request.spec);
        }
    }
    let ready = start.elapsed().as_secs_f64();
    let (loaded, merged) = (loaded.unwrap_or(f64::NAN), merged.unwrap_or(f64::NAN));
    println!("loaded_s {loaded}");
    println!("articles_in_s {articles_in}");
    println!("merged_s {merged}");
    println!("ready_s {ready}");
    println!("articles {articles}");
    println!("merged {deals}");
    println!("warnings {warnings}");
    // Off the clock: what speed work on merging must leave unchanged.
    let digest = state.deals.iter().fold(0u64, |hash, deal| {
        hash.rotate_left(5) ^ xxhash_rust::xxh3::xxh3_64(format!("{deal:?}").as_bytes())
    });
    println!("merged_digest {digest:016x}");
    std::hint::black_box((&state, &worker));
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
