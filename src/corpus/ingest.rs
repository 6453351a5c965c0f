//! Loading whole corpora: path arguments (or the embedded samples) to parsed
//! articles, streamed to a sink so the browser can show them as they arrive.

use super::load::{
    DEFAULT_MAX_FILE_BYTES, FoundFile, LoadWarning, MissingPath, SourceText, WarningKind, collect_files,
    embedded_sources, read_source, source_names,
};
use super::parse::parse_source;
use super::store::Corpus;
use crate::cache::record::{self, FileOutcome};
use crate::cache::session::{CacheChoice, ChunkRecords, LoadCache};
use crate::model::Article;
use crate::search::engine::PairSet;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, mpsc};

/// What loading reports, in file order. An article comes with what the
/// caller's `prepare` made of it on the loading threads (see [`ingest_with`]).
#[derive(Debug)]
pub enum LoadEvent<P = ()> {
    /// How many files will be read.
    Started {
        files: usize,
    },
    Article(Box<Article>, P),
    Warning(LoadWarning),
    /// The facts cache could not be used as it should: said once per load.
    CacheWarning(String),
}

/// An article as loaded, with the letter pairs of its body when they were
/// found on the way (see [`FileOutcome::body_pairs`]).
type Found = LoadEvent<Option<PairSet>>;

impl Found {
    /// The event with what `prepare` makes of its article. A panic in
    /// `prepare` (a bug) costs that article only, reported as a warning.
    fn prepared<P>(self, prepare: &impl Fn(&Article, Option<PairSet>) -> P) -> LoadEvent<P> {
        match self {
            LoadEvent::Article(article, pairs) => {
                match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| prepare(&article, pairs))) {
                    Ok(prepared) => LoadEvent::Article(article, prepared),
                    Err(_) => LoadEvent::Warning(failed(article.source.to_string(), "loader")),
                }
            }
            LoadEvent::Started { files } => LoadEvent::Started { files },
            LoadEvent::Warning(warning) => LoadEvent::Warning(warning),
            LoadEvent::CacheWarning(message) => LoadEvent::CacheWarning(message),
        }
    }
}

/// The warning for a file skipped because `stage` (the parser, or the
/// loader around it) failed on it: a bug, said as one.
fn failed(path: String, stage: &str) -> LoadWarning {
    LoadWarning {
        path,
        message: format!("skipped: the {stage} failed on this file (a bug; please report it)"),
        kind: WarningKind::Skipped,
    }
}

/// How to load: the file size cap, and the facts cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadOptions {
    pub max_bytes: u64,
    pub cache: CacheChoice,
}

impl LoadOptions {
    /// Every file read and parsed, nothing cached.
    pub fn without_cache(max_bytes: u64) -> LoadOptions {
        LoadOptions { max_bytes, cache: CacheChoice::Off }
    }
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions::without_cache(DEFAULT_MAX_FILE_BYTES)
    }
}

/// Reads and parses every article under `paths` (the embedded samples when
/// `paths` is empty), taking unchanged files from the facts cache. A missing
/// path fails before anything is read.
pub fn ingest(
    paths: &[PathBuf],
    options: &LoadOptions,
    sink: impl FnMut(LoadEvent),
) -> Result<(), MissingPath> {
    ingest_with(paths, options, |_, _| (), sink)
}

/// [`ingest`], with `prepare` run on each article by the loading threads
/// (the browser builds its search documents there, on every core), given
/// the letter pairs of the article's body when loading has them.
pub fn ingest_with<P: Send>(
    paths: &[PathBuf],
    options: &LoadOptions,
    prepare: impl Fn(&Article, Option<PairSet>) -> P + Sync,
    mut sink: impl FnMut(LoadEvent<P>),
) -> Result<(), MissingPath> {
    if paths.is_empty() {
        let sources = embedded_sources();
        sink(LoadEvent::Started { files: sources.len() });
        for source in sources {
            sink(LoadEvent::Article(Box::new(parse_source(&source)), None).prepared(&prepare));
        }
        return Ok(());
    }
    // The cache opens while the paths are walked: neither needs the other.
    let (walked, mut cache) = std::thread::scope(|scope| {
        let opening = scope.spawn(|| LoadCache::open(&options.cache, paths));
        let walked = collect_files(paths);
        // A panic while opening is a bug: carried to the caller as is.
        (walked, opening.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    let (files, walk_warnings) = walked?;
    sink(LoadEvent::Started { files: files.len() });
    let walk_complete = walk_warnings.is_empty();
    walk_warnings.into_iter().for_each(|w| sink(LoadEvent::Warning(w)));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, MAX_THREADS);
    let budget = ByteBudget::new(IN_FLIGHT_BYTES);
    let max_bytes = options.max_bytes;
    let (prepare, budget) = (&prepare, &budget);
    let chunks: Vec<&[FoundFile]> = files.chunks(CHUNK_FILES).collect();
    // The parsing threads take chunks as they come free, so none waits for
    // another; this thread reads the cache ahead of them and reports the
    // chunks back in file order as they are done.
    let (jobs, job_queue) = mpsc::channel::<Job<'_>>();
    let job_queue = &Mutex::new(job_queue);
    let (done, finished) = mpsc::channel::<(usize, Vec<Prepared<P>>, Vec<u8>)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let done = done.clone();
            let work = move || {
                while let Ok(job) = next_job(job_queue) {
                    let index = job.index;
                    let (results, buffer) = load_chunk(job, max_bytes, budget, prepare);
                    if done.send((index, results, buffer)).is_err() {
                        return;
                    }
                }
            };
            // Named for profilers; fails only where `scope.spawn` panics.
            std::thread::Builder::new()
                .name("dealscope-parse".into())
                .spawn_scoped(scope, work)
                .expect("spawn a parsing thread");
        }
        drop(done);
        let (mut sent, mut reported) = (0, 0);
        let mut waiting: BTreeMap<usize, Vec<Prepared<P>>> = BTreeMap::new();
        // Record buffers back from the threads, filled again.
        let mut spare: Vec<Vec<u8>> = Vec::new();
        while reported < chunks.len() {
            while sent < chunks.len() && sent < reported + threads + CHUNKS_AHEAD {
                let buffer = spare.pop().unwrap_or_default();
                let cached = cache.records(chunks[sent], paths, max_bytes, buffer);
                // The threads outlive this loop: a send fails only if all died.
                let _ =
                    jobs.send(Job { index: sent, files: chunks[sent], cached, keep_records: cache.is_on() });
                sent += 1;
            }
            // Every thread gone with chunks still out (not expected: each
            // chunk is guarded) ends the load with those chunks reported.
            let Ok((index, results, buffer)) = finished.recv() else {
                for chunk in &chunks[reported..] {
                    for file in *chunk {
                        sink(LoadEvent::Warning(failed(source_names(&file.path).1, "loader")));
                    }
                }
                break;
            };
            if buffer.capacity() <= SPARE_BUFFER_MAX {
                spare.push(buffer);
            }
            waiting.insert(index, results);
            while let Some(results) = waiting.remove(&reported) {
                report_chunk(chunks[reported], results, &mut cache, paths, &mut sink);
                reported += 1;
            }
        }
        drop(jobs);
    });
    cache.finish(walk_complete);
    if let Some(warning) = cache.take_warning() {
        sink(LoadEvent::CacheWarning(warning));
    }
    Ok(())
}

/// A record buffer larger than this (a chunk of very large files) is freed
/// after use rather than kept for the next chunk.
const SPARE_BUFFER_MAX: usize = 8 << 20;

/// A chunk of files for a parsing thread, with their cached records.
struct Job<'f> {
    index: usize,
    files: &'f [FoundFile],
    cached: ChunkRecords,
    /// Whether parsed files are encoded for the cache (not once it failed).
    keep_records: bool,
}

fn next_job<'f>(queue: &Mutex<mpsc::Receiver<Job<'f>>>) -> Result<Job<'f>, mpsc::RecvError> {
    queue.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).recv()
}

/// Loads and prepares a chunk's files. A panic outside the per-file guards
/// (a bug) costs the chunk, each of its files reported, never dropped.
fn load_chunk<P>(
    job: Job<'_>,
    max_bytes: u64,
    budget: &ByteBudget,
    prepare: &impl Fn(&Article, Option<PairSet>) -> P,
) -> (Vec<Prepared<P>>, Vec<u8>) {
    let (files, keep_records, cached) = (job.files, job.keep_records, &job.cached);
    let work = std::panic::AssertUnwindSafe(|| {
        files
            .iter()
            .enumerate()
            .map(|(i, file)| {
                let _held = budget.take(file.size);
                let mut done = load_one(file, cached.get(i), max_bytes, keep_records);
                let events = done.events.drain(..).map(|e| e.prepared(prepare)).collect();
                (done, events)
            })
            .collect()
    });
    let results = std::panic::catch_unwind(work).unwrap_or_else(|_| {
        files
            .iter()
            .map(|file| {
                let warning = failed(source_names(&file.path).1, "loader");
                (Loaded::default(), vec![LoadEvent::Warning(warning)])
            })
            .collect()
    });
    (results, job.cached.into_buffer())
}

/// A chunk done: damaged records forgotten, new records stored, events
/// reported in file order.
fn report_chunk<P>(
    chunk: &[FoundFile],
    results: Vec<Prepared<P>>,
    cache: &mut LoadCache,
    paths: &[PathBuf],
    sink: &mut impl FnMut(LoadEvent<P>),
) {
    let (mut loaded, events): (Vec<Loaded>, Vec<Vec<LoadEvent<P>>>) = results.into_iter().unzip();
    for (file, done) in chunk.iter().zip(&loaded) {
        if done.damaged_record {
            cache.damaged_record(file);
        }
    }
    let records: Vec<(&FoundFile, Vec<u8>)> =
        chunk.iter().zip(loaded.iter_mut()).filter_map(|(f, done)| Some((f, done.record.take()?))).collect();
    cache.store(&records, paths);
    if let Some(warning) = cache.take_warning() {
        sink(LoadEvent::CacheWarning(warning));
    }
    events.into_iter().flatten().for_each(sink);
}

/// Files parsed between two reports: small enough that the browser fills
/// its list early, large enough to keep every core busy.
const CHUNK_FILES: usize = 128;
const MAX_THREADS: usize = 8;

/// Chunks read from the cache and queued beyond one per thread, so that a
/// thread coming free finds work waiting.
const CHUNKS_AHEAD: usize = 2;

/// Bytes of files being parsed at once, across threads. Parsing costs up to
/// about ten times a file's size at its peak, so a few large files would
/// otherwise multiply that by the number of cores.
const IN_FLIGHT_BYTES: u64 = 32 * 1024 * 1024;

/// A budget of bytes shared by the loading threads: `take` waits until the
/// file fits. A file larger than the whole budget waits until nothing else
/// is in flight, then runs alone.
struct ByteBudget {
    limit: u64,
    used: Mutex<u64>,
    freed: Condvar,
}

impl ByteBudget {
    fn new(limit: u64) -> Self {
        Self { limit, used: Mutex::new(0), freed: Condvar::new() }
    }

    fn take(&self, bytes: u64) -> Held<'_> {
        let bytes = bytes.min(self.limit);
        let mut used = self.used.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        while *used + bytes > self.limit {
            used = self.freed.wait(used).unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        *used += bytes;
        Held { budget: self, bytes }
    }

    #[cfg(test)]
    fn in_use(&self) -> u64 {
        *self.used.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Bytes taken from a [`ByteBudget`], given back on drop (also when the
/// parser panics).
struct Held<'a> {
    budget: &'a ByteBudget,
    bytes: u64,
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        let mut used = self.budget.used.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *used -= self.bytes;
        self.budget.freed.notify_all();
    }
}

/// One file loaded, and its events with what `prepare` made of its article.
type Prepared<P> = (Loaded, Vec<LoadEvent<P>>);

/// One file, loaded.
#[derive(Default)]
struct Loaded {
    events: Vec<Found>,
    /// The outcome encoded for the cache, when the file was read and parsed.
    record: Option<Vec<u8>>,
    /// A cached record was there but would not decode.
    damaged_record: bool,
}

/// Takes one file from its cached record, else reads and parses it. A panic
/// in the extractors (a bug) costs that file only, reported as a warning.
fn load_one(file: &FoundFile, cached: Option<&[u8]>, max_bytes: u64, keep_record: bool) -> Loaded {
    let mut damaged_record = false;
    if let Some(bytes) = cached {
        match record::decode(bytes) {
            Ok(outcome) => return Loaded { events: replay(&file.path, outcome), ..Loaded::default() },
            Err(_) => damaged_record = true,
        }
    }
    let (source, warning): (Option<SourceText>, Option<LoadWarning>) = read_source(&file.path, max_bytes);
    let Some(source) = source else {
        return Loaded {
            events: warning.map(LoadEvent::Warning).into_iter().collect(),
            record: None,
            damaged_record,
        };
    };
    let mut warnings: Vec<(WarningKind, String)> =
        warning.iter().map(|w| (w.kind, w.message.clone())).collect();
    let outcome = match std::panic::catch_unwind(|| parse_source(&source)) {
        Ok(article) if article.title.is_empty() && article.paragraphs.is_empty() => {
            warnings.push((WarningKind::Skipped, "skipped: no article text, only page furniture".into()));
            FileOutcome::new(None, warnings)
        }
        Ok(article) => FileOutcome::new(Some(article), warnings),
        Err(_) => {
            // Not cached: a bug fixed in the next build must not stay hidden.
            let mut events: Vec<Found> = warning.map(LoadEvent::Warning).into_iter().collect();
            events.push(LoadEvent::Warning(failed(source.source.clone(), "parser")));
            return Loaded { events, record: None, damaged_record };
        }
    };
    let record = keep_record.then(|| record::encode(&outcome));
    Loaded { events: replay(&file.path, outcome), record, damaged_record }
}

/// The events of one file's outcome, named after the file as it was found
/// this time (the same file reached by another spelling of its root keeps
/// its cached record).
fn replay(path: &Path, outcome: FileOutcome) -> Vec<Found> {
    let (stem, shown) = source_names(path);
    let mut events: Vec<Found> = outcome
        .warnings
        .into_iter()
        .map(|(kind, message)| LoadEvent::Warning(LoadWarning { path: shown.clone(), message, kind }))
        .collect();
    if let Some(mut article) = outcome.article {
        article.id = stem.into();
        article.source = shown.into();
        events.push(LoadEvent::Article(Box::new(article), outcome.body_pairs));
    }
    events
}

/// Loads a whole corpus at once, with the warnings met on the way (a
/// cache warning among them, under the cache file's name).
pub fn load_corpus(
    paths: &[PathBuf],
    options: &LoadOptions,
) -> Result<(Corpus, Vec<LoadWarning>), MissingPath> {
    let mut corpus = Corpus::new();
    let mut warnings = Vec::new();
    ingest(paths, options, |event| match event {
        LoadEvent::Article(article, ()) => {
            corpus.add(*article);
        }
        LoadEvent::Warning(warning) => warnings.push(warning),
        LoadEvent::CacheWarning(message) => warnings.push(LoadWarning::cache(message)),
        LoadEvent::Started { .. } => {}
    })?;
    Ok((corpus, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[test]
    fn byte_budget_never_exceeds_its_limit() {
        let budget = ByteBudget::new(100);
        let peak = AtomicU64::new(0);
        std::thread::scope(|scope| {
            for n in 0..8u64 {
                let (budget, peak) = (&budget, &peak);
                scope.spawn(move || {
                    for size in [30, 60, 250, 0, 99].map(|s| s + n) {
                        let _held = budget.take(size);
                        peak.fetch_max(budget.in_use(), Ordering::SeqCst);
                        std::thread::yield_now();
                    }
                });
            }
        });
        assert!(peak.load(Ordering::SeqCst) <= 100, "peak {}", peak.load(Ordering::SeqCst));
        assert_eq!(budget.in_use(), 0, "everything given back");
    }

    /// Chunks done out of order by the threads still report in file order,
    /// every file once.
    #[test]
    fn many_chunks_report_in_file_order() {
        let dir = tempfile::tempdir().unwrap();
        let n = CHUNK_FILES * 5 + 7;
        for i in 0..n {
            let text = format!("Titre {i}\n\nNvidia signe un accord numéro {i}.\n");
            std::fs::write(dir.path().join(format!("{i:05}.txt")), text).unwrap();
        }
        let mut ids = Vec::new();
        // Uneven work, so that later chunks can finish first.
        let prepare = |article: &Article, _| {
            if article.id.ends_with('0') {
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
        };
        ingest_with(&[dir.path().to_path_buf()], &LoadOptions::default(), prepare, |event| {
            if let LoadEvent::Article(article, ()) = event {
                ids.push(article.id.clone());
            }
        })
        .unwrap();
        let expected: Vec<String> = (0..n).map(|i| format!("{i:05}")).collect();
        assert_eq!(ids, expected);
    }

    /// The letter pairs read back from the cache are the ones a fresh
    /// parse finds: a reopened corpus gives the same search documents.
    #[test]
    fn documents_from_the_cache_equal_documents_from_the_files() {
        use crate::search::SearchDoc;
        let dir = tempfile::tempdir().unwrap();
        let texts = ["Titre\n\nLa Corée signe avec Nvidia.\n\nÉtat, œuvre, 12 000 GPU.", "Vide\n\nx"];
        for (i, text) in texts.iter().enumerate() {
            std::fs::write(dir.path().join(format!("{i}.txt")), text).unwrap();
        }
        let cache = dir.path().join("cache").join("facts.sqlite");
        let options = LoadOptions { cache: CacheChoice::At(cache), ..LoadOptions::default() };
        let load = || {
            let mut docs = Vec::new();
            let paths = [dir.path().to_path_buf()];
            ingest_with(
                &paths,
                &options,
                |a, pairs| (pairs, SearchDoc::from_loaded(a, pairs)),
                |event| {
                    if let LoadEvent::Article(article, (pairs, doc)) = event {
                        assert_eq!(doc, SearchDoc::from_article(&article), "{}", article.id);
                        docs.push((pairs.is_some(), doc));
                    }
                },
            )
            .unwrap();
            docs
        };
        let (parsed, cached) = (load(), load());
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed, cached);
        assert!(cached.iter().all(|(had_pairs, _)| *had_pairs));
    }

    /// A bug in `prepare` costs its article only: the article is reported
    /// as skipped, the others arrive prepared, in file order.
    #[test]
    fn a_panic_while_preparing_is_a_warning_for_that_file() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a", "b", "c"] {
            let text = format!("Titre {name}\n\nNvidia signe un accord en France pour {name}.\n");
            std::fs::write(dir.path().join(format!("{name}.txt")), text).unwrap();
        }
        let (mut prepared, mut warnings) = (Vec::new(), Vec::new());
        let prepare = |article: &Article, _| {
            assert!(!article.id.ends_with('b'), "a bug while preparing");
            article.id.clone()
        };
        ingest_with(&[dir.path().to_path_buf()], &LoadOptions::default(), prepare, |event| match event {
            LoadEvent::Article(article, id) => prepared.push((article.id.clone(), id)),
            LoadEvent::Warning(warning) => warnings.push(warning),
            _ => {}
        })
        .unwrap();
        assert_eq!(prepared, [("a".into(), "a".into()), ("c".into(), "c".into())]);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].path.ends_with("b.txt") && warnings[0].message.contains("loader failed"));
        assert_eq!(warnings[0].kind, WarningKind::Skipped);
    }
}
