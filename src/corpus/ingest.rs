//! Loading whole corpora: path arguments (or the embedded samples) to parsed
//! articles, streamed to a sink so the browser can show them as they arrive.

use super::load::{
    LoadWarning, MissingPath, SourceText, WarningKind, collect_files, embedded_sources, read_source,
};
use super::parse::parse_source;
use super::store::Corpus;
use crate::model::Article;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};

/// What loading reports, in file order.
#[derive(Debug)]
pub enum LoadEvent {
    /// How many files will be read.
    Started {
        files: usize,
    },
    Article(Box<Article>),
    Warning(LoadWarning),
}

/// Reads and parses every article under `paths` (the embedded samples when
/// `paths` is empty). A missing path fails before anything is read.
pub fn ingest(paths: &[PathBuf], max_bytes: u64, mut sink: impl FnMut(LoadEvent)) -> Result<(), MissingPath> {
    if paths.is_empty() {
        let sources = embedded_sources();
        sink(LoadEvent::Started { files: sources.len() });
        for source in sources {
            sink(LoadEvent::Article(Box::new(parse_source(&source))));
        }
        return Ok(());
    }
    let (files, walk_warnings) = collect_files(paths)?;
    sink(LoadEvent::Started { files: files.len() });
    walk_warnings.into_iter().for_each(|w| sink(LoadEvent::Warning(w)));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, MAX_THREADS);
    let budget = ByteBudget::new(IN_FLIGHT_BYTES);
    // Chunks are read and parsed in parallel, then reported in file order.
    for chunk in files.chunks(CHUNK_FILES) {
        let per_thread = chunk.len().div_ceil(threads).max(1);
        let budget = &budget;
        let results: Vec<Vec<LoadEvent>> = std::thread::scope(|scope| {
            let handles: Vec<_> = chunk
                .chunks(per_thread)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .flat_map(|file| {
                                let _held = budget.take(file_size(file));
                                load_one(file, max_bytes)
                            })
                            .collect()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
        });
        results.into_iter().flatten().for_each(&mut sink);
    }
    Ok(())
}

/// Files parsed between two reports: small enough that the browser fills
/// its list early, large enough to keep every core busy.
const CHUNK_FILES: usize = 256;
const MAX_THREADS: usize = 8;

/// Bytes of files being parsed at once, across threads. Parsing costs up to
/// about ten times a file's size at its peak, so a few large files would
/// otherwise multiply that by the number of cores.
const IN_FLIGHT_BYTES: u64 = 32 * 1024 * 1024;

fn file_size(file: &Path) -> u64 {
    std::fs::metadata(file).map_or(0, |m| m.len())
}

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

/// Reads and parses one file. A panic in the extractors (a bug) costs that
/// file only, reported as a warning.
fn load_one(file: &Path, max_bytes: u64) -> Vec<LoadEvent> {
    let (source, warning): (Option<SourceText>, Option<LoadWarning>) = read_source(file, max_bytes);
    let mut events: Vec<LoadEvent> = warning.map(LoadEvent::Warning).into_iter().collect();
    if let Some(source) = source {
        match std::panic::catch_unwind(|| parse_source(&source)) {
            Ok(article) if article.title.is_empty() && article.paragraphs.is_empty() => {
                events.push(LoadEvent::Warning(LoadWarning {
                    path: source.source.clone(),
                    message: "skipped: no article text, only page furniture".into(),
                    kind: WarningKind::Skipped,
                }));
            }
            Ok(article) => events.push(LoadEvent::Article(Box::new(article))),
            Err(_) => events.push(LoadEvent::Warning(LoadWarning {
                path: source.source.clone(),
                message: "skipped: the parser failed on this file (a bug; please report it)".into(),
                kind: WarningKind::Skipped,
            })),
        }
    }
    events
}

/// Loads a whole corpus at once, with the warnings met on the way.
pub fn load_corpus(paths: &[PathBuf], max_bytes: u64) -> Result<(Corpus, Vec<LoadWarning>), MissingPath> {
    let mut corpus = Corpus::new();
    let mut warnings = Vec::new();
    ingest(paths, max_bytes, |event| match event {
        LoadEvent::Article(article) => {
            corpus.add(*article);
        }
        LoadEvent::Warning(warning) => warnings.push(warning),
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
}
