//! Extraction speed and memory on a seeded synthetic corpus of realistic
//! 2–5 KB French and English news pages with page furniture. Prints:
//!
//! 1. extraction throughput on one thread, in MB and articles per
//!    CPU-second, with a digest of every extracted fact (speed work must
//!    leave it unchanged);
//! 2. what each extractor costs per article;
//! 3. loading a 10k-file tree with every core (wall and CPU), and the CPU of
//!    `dealscope list --json` against `rg -c .` on the same tree when `rg` is
//!    installed;
//! 4. the peak resident size of a process holding 100k articles in the
//!    browser's structures (store, article and deal search indexes), per
//!    article and as a multiple of the corpus bytes, and the store's heap
//!    by part of the model;
//! 5. the facts cache: `list --json` on the 10k-file tree from the cache
//!    against `rg -c .` (wall), and reopening the 100k articles from the
//!    cache to the browser's structures.
//!
//! `cargo bench --bench extract`. Knobs: `DEALSCOPE_BENCH_ARTICLES` (4,000
//! for parts 1–2), `DEALSCOPE_BENCH_RSS_ARTICLES` (100,000; 0 skips part 4),
//! `DEALSCOPE_BENCH_TREE` (10,000 files; 0 skips part 3).
//! `DEALSCOPE_BENCH_WRITE_TREE=DIR` only writes the part 4 corpus under DIR
//! and keeps it; `DEALSCOPE_BENCH_CACHE_CHILD=DIR` with `XDG_CACHE_HOME`
//! set then times one reopen of it, for profiling.

mod cache;
#[path = "../common/mod.rs"]
mod common;
mod generator;
mod heap;

use dealscope::corpus::ingest::{LoadOptions, load_corpus};
use dealscope::corpus::parse::{parse_article, segments_of};
use dealscope::extract::countries::{Gazetteer, extract_countries};
use dealscope::extract::deals::{DealInput, extract_deals};
use dealscope::extract::figures::extract_figures;
use dealscope::extract::language::detect_language;
use dealscope::extract::organisations::find_organisations_in;
use dealscope::extract::structure::parse_structure;
use dealscope::extract::topics::extract_topics;
use dealscope::model::Figure;
use dealscope::search::{SearchDoc, SearchIndex};
use generator::{Lexicon, Rng, article};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.replace('_', "").parse().ok()).unwrap_or(default)
}

/// CPU time of the calling thread, in seconds (nanosecond resolution).
fn thread_cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    stat.split_whitespace().next().and_then(|s| s.parse::<f64>().ok()).unwrap_or(0.0) / 1e9
}

/// Fields 14–17 of /proc/self/stat: user and system time of this process,
/// and of its waited-for children, in seconds (clock ticks of 10 ms).
fn process_cpu() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
    let fields: Vec<f64> = after_name.split_whitespace().map(|s| s.parse().unwrap_or(0.0)).collect();
    let tick = |i: usize| fields.get(i).copied().unwrap_or(0.0) / 100.0;
    // after_name starts at field 3 (state): utime is field 14 -> index 11.
    (tick(11) + tick(12), tick(13) + tick(14))
}

fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn corpus(n: usize, seed: u64) -> Vec<String> {
    let lex = Lexicon::load();
    let mut rng = Rng(seed);
    (0..n).map(|_| article(&lex, &mut rng)).collect()
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Part 1: the whole parse on one thread.
fn throughput(texts: &[String]) {
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut runs = Vec::new();
    let mut digest = 0u64;
    let ids: Vec<String> = (0..texts.len()).map(|i| format!("a{i}")).collect();
    for _ in 0..3 {
        let start = thread_cpu();
        let articles: Vec<_> =
            texts.iter().zip(&ids).map(|(text, id)| parse_article(id, "bench", text)).collect();
        runs.push(thread_cpu() - start);
        // The digest is taken off the clock: printing every fact costs
        // about as much as a third of extracting them.
        digest = articles.iter().fold(0u64, |hash, article| {
            hash.rotate_left(5) ^ xxhash_rust::xxh3::xxh3_64(format!("{article:?}").as_bytes())
        });
    }
    let cpu = median(runs);
    println!(
        "extraction, one thread: {} articles, {:.1} MB (mean {:.1} KB): {:.2} CPU-s; {:.1} MB/CPU-s, {:.0} articles/CPU-s",
        texts.len(),
        bytes as f64 / 1e6,
        bytes as f64 / texts.len() as f64 / 1e3,
        cpu,
        bytes as f64 / 1e6 / cpu,
        texts.len() as f64 / cpu
    );
    println!("facts digest: {digest:016x}");
}

/// Part 2: each stage alone, over inputs prepared by the stages before it.
fn per_extractor(texts: &[String]) {
    let n = texts.len() as f64;
    let mut rows: Vec<(&str, f64)> = Vec::new();
    let timed = |f: &mut dyn FnMut()| {
        let start = thread_cpu();
        f();
        thread_cpu() - start
    };
    let mut structures = Vec::new();
    rows.push(("structure", timed(&mut || structures = texts.iter().map(|t| parse_structure(t)).collect())));
    let segments: Vec<_> = structures.iter().map(segments_of).collect();
    let joined: Vec<String> =
        segments.iter().map(|s| s.iter().map(|s| s.text).collect::<Vec<_>>().join("\n")).collect();
    let mut languages = Vec::new();
    rows.push(("language", timed(&mut || languages = joined.iter().map(|j| detect_language(j)).collect())));
    let mut countries = Vec::new();
    rows.push((
        "countries",
        timed(&mut || {
            countries = segments.iter().map(|s| extract_countries(Gazetteer::embedded(), s)).collect()
        }),
    ));
    let mut orgs = Vec::new();
    rows.push((
        "organisations",
        timed(&mut || {
            orgs = segments.iter().zip(&languages).map(|(s, l)| find_organisations_in(s, *l)).collect()
        }),
    ));
    let mut topics = Vec::new();
    rows.push(("topics", timed(&mut || topics = segments.iter().map(|s| extract_topics(s)).collect())));
    let mut figures: Vec<Vec<Vec<Figure>>> = Vec::new();
    rows.push((
        "figures",
        timed(&mut || {
            figures = segments.iter().map(|s| s.iter().map(|s| extract_figures(s.text)).collect()).collect()
        }),
    ));
    let dates: Vec<Option<String>> = structures.iter().map(|s| s.date.map(|d| d.to_string())).collect();
    rows.push((
        "deals",
        timed(&mut || {
            for i in 0..segments.len() {
                let input = DealInput {
                    article_id: "a",
                    article_key: "k",
                    date: dates[i].as_deref(),
                    segments: &segments[i],
                    figures: &figures[i],
                    countries: &countries[i].hits,
                    orgs: &orgs[i].mentions,
                    topics: &topics[i],
                    primary: countries[i].primary.as_ref(),
                };
                std::hint::black_box(extract_deals(&input));
            }
        }),
    ));
    let total: f64 = rows.iter().map(|(_, t)| t).sum();
    println!("per extractor (µs per article, share of the sum):");
    for (name, cpu) in rows {
        println!("  {name:<14} {:>8.1} µs  {:>5.1} %", cpu / n * 1e6, cpu / total * 100.0);
    }
}

fn write_tree(dir: &Path, n: usize, seed: u64) -> u64 {
    let lex = Lexicon::load();
    let mut rng = Rng(seed);
    let mut bytes = 0;
    for i in 0..n {
        let sub = dir.join(format!("d{:03}", i / 500));
        if i % 500 == 0 {
            std::fs::create_dir_all(&sub).expect("create bench tree");
        }
        let text = article(&lex, &mut rng);
        bytes += text.len() as u64;
        std::fs::write(sub.join(format!("a{i:06}.txt")), text).expect("write bench tree");
    }
    bytes
}

/// Wall and CPU seconds (user + system) of three runs of a command, its
/// output discarded, with its cache in `cache_home`; none when one fails.
fn three_runs(program: &Path, args: &[&str], cache_home: &Path) -> Option<Vec<(f64, f64)>> {
    let mut runs = Vec::new();
    for _ in 0..3 {
        let (start, before) = (Instant::now(), process_cpu().1);
        let status = Command::new(program)
            .args(args)
            .env("XDG_CACHE_HOME", cache_home)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        if !status.success() {
            return None;
        }
        runs.push((start.elapsed().as_secs_f64(), process_cpu().1 - before));
    }
    Some(runs)
}

/// CPU seconds of one child command, median of three.
fn child_cpu(program: &Path, args: &[&str]) -> Option<f64> {
    let runs = three_runs(program, args, &std::env::temp_dir().join("dealscope-bench-xdg"))?;
    Some(median(runs.into_iter().map(|(_, cpu)| cpu).collect()))
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|d| Path::new(d).join(program)).find(|p| p.is_file())
}

/// Part 3: the real loader over a tree, and the whole binary against rg.
fn tree(files: usize) {
    let dir = std::env::temp_dir().join(format!("dealscope-bench-tree-{files}"));
    let _ = std::fs::remove_dir_all(&dir);
    let bytes = write_tree(&dir, files, 0x7ee);
    let (cpu_before, _) = process_cpu();
    let start = Instant::now();
    let (corpus, _) = load_corpus(std::slice::from_ref(&dir), &LoadOptions::without_cache(u64::MAX))
        .expect("load bench tree");
    let wall = start.elapsed().as_secs_f64();
    let cpu = process_cpu().0 - cpu_before;
    println!(
        "loading {files} files ({:.1} MB) with every core: {:.2} s wall, {:.2} CPU-s ({:.1} cores busy), {:.1} MB/s",
        bytes as f64 / 1e6,
        wall,
        cpu,
        cpu / wall,
        bytes as f64 / 1e6 / wall
    );
    drop(corpus);
    let arg = dir.to_string_lossy().to_string();
    let ours = child_cpu(Path::new(env!("CARGO_BIN_EXE_dealscope")), &["list", "--json", "--no-cache", &arg]);
    match (ours, which("rg")) {
        (Some(ours), Some(rg)) => match child_cpu(&rg, &["-c", ".", &arg]) {
            Some(theirs) => println!(
                "list --json: {ours:.2} CPU-s; rg -c .: {theirs:.2} CPU-s; ratio {:.1}x",
                ours / theirs.max(0.01)
            ),
            None => println!("list --json: {ours:.2} CPU-s; rg -c . failed"),
        },
        (Some(ours), None) => println!("list --json: {ours:.2} CPU-s (rg not installed: no ratio)"),
        (None, _) => println!("list --json failed on the bench tree"),
    }
    cache::list_against_rg(&dir);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Part 4, in a child process so the generator's memory is not counted.
fn peak_rss(articles: usize) {
    let dir = std::env::temp_dir().join(format!("dealscope-bench-rss-{articles}"));
    let _ = std::fs::remove_dir_all(&dir);
    let bytes = write_tree(&dir, articles, 0x5eed);
    let output = Command::new(std::env::current_exe().expect("bench path"))
        .env("DEALSCOPE_BENCH_CHILD", &dir)
        .output()
        .expect("run the measuring child");
    let report = String::from_utf8_lossy(&output.stdout);
    let field = |name: &str| -> f64 {
        report.lines().find_map(|l| l.strip_prefix(name)).and_then(|v| v.trim().parse().ok()).unwrap_or(0.0)
    };
    let (peak, index, keys) = (field("peak_kb") * 1e3, field("index_kb") * 1e3, field("key_bytes"));
    println!(
        "holding {articles} articles ({:.0} MB of text): peak resident {:.0} MB, {:.0} bytes per article, {:.2}x the corpus bytes",
        bytes as f64 / 1e6,
        peak / 1e6,
        peak / articles as f64,
        peak / bytes as f64
    );
    println!(
        "  article search index: {:.0} MB for {:.0} MB of search keys ({:.0} bytes per article over 2x its keys)",
        index / 1e6,
        keys / 1e6,
        (index - 2.0 * keys) / articles as f64
    );
    println!(
        "  store after loading: resident {:.0} MB (peak so far {:.0} MB); merging into {:.0} deals: +{:.0} MB",
        field("loaded_kb") / 1e3,
        field("loaded_peak_kb") / 1e3,
        field("merged_deals"),
        field("merged_kb") / 1e3
    );
    println!("  the store's heap by part of the model (structs and capacities, no allocator overhead):");
    for line in report.lines().filter_map(|l| l.strip_prefix("heap ")) {
        if let Some((bytes, part)) = line.split_once(' ') {
            let bytes: f64 = bytes.parse().unwrap_or(0.0);
            println!(
                "    {part:48} {:6.0} MB  {:5.0} bytes per article",
                bytes / 1e6,
                bytes / articles as f64
            );
        }
    }
    cache::reopen(&dir, articles);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The measuring child: load, build both indexes as the browser does, report.
fn child(dir: &str) {
    let (corpus, _) =
        load_corpus(&[PathBuf::from(dir)], &LoadOptions::without_cache(u64::MAX)).expect("load");
    let loaded_kb = status_kb("VmRSS:");
    let loaded_peak_kb = status_kb("VmHWM:");
    for (part, bytes) in heap::breakdown(&corpus) {
        println!("heap {bytes} {part}");
    }
    let before = loaded_kb;
    let mut index = SearchIndex::new();
    for article in corpus.articles() {
        index.push(SearchDoc::from_article(article));
    }
    let index_kb = status_kb("VmRSS:").saturating_sub(before);
    let merged_before = status_kb("VmRSS:");
    let merged = corpus.deals().len();
    let merged_kb = status_kb("VmRSS:").saturating_sub(merged_before);
    let mut deals = SearchIndex::new();
    for deal in corpus.deals() {
        let titles: Vec<&str> =
            deal.articles.iter().filter_map(|id| corpus.by_id(id)).map(|a| a.title.as_str()).collect();
        deals.push(SearchDoc::from_deal(deal, &titles));
    }
    println!("peak_kb {}", status_kb("VmHWM:"));
    println!("loaded_kb {loaded_kb}");
    println!("loaded_peak_kb {loaded_peak_kb}");
    println!("merged_kb {merged_kb}");
    println!("merged_deals {merged}");
    println!("index_kb {index_kb}");
    println!("key_bytes {}", index.key_bytes());
    std::hint::black_box((&corpus, &index, &deals));
}

fn main() {
    if let Ok(dir) = std::env::var("DEALSCOPE_BENCH_CHILD") {
        return child(&dir);
    }
    if let Ok(dir) = std::env::var("DEALSCOPE_BENCH_CACHE_CHILD") {
        return cache::child(&dir);
    }
    if let Ok(dir) = std::env::var("DEALSCOPE_BENCH_WRITE_TREE") {
        // A tree kept for profiling one part by hand (see the README).
        let n = env_usize("DEALSCOPE_BENCH_RSS_ARTICLES", 100_000);
        let bytes = write_tree(Path::new(&dir), n, 0x5eed);
        return println!("wrote {n} articles, {:.0} MB, under {dir}", bytes as f64 / 1e6);
    }
    let n = env_usize("DEALSCOPE_BENCH_ARTICLES", 4_000);
    let texts = corpus(n, 0xdea1);
    throughput(&texts);
    per_extractor(&texts);
    drop(texts);
    let files = env_usize("DEALSCOPE_BENCH_TREE", 10_000);
    if files > 0 {
        tree(files);
    }
    let rss = env_usize("DEALSCOPE_BENCH_RSS_ARTICLES", 100_000);
    if rss > 0 {
        peak_rss(rss);
    }
}

/// The binary's allocator, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
