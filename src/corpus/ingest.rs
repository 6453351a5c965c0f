//! Loading whole corpora: path arguments (or the embedded samples) to parsed
//! articles, streamed to a sink so the browser can show them as they arrive.

use super::load::{
    LoadWarning, MissingPath, SourceText, WarningKind, collect_files, embedded_sources, read_source,
};
use super::parse::parse_source;
use super::store::Corpus;
use crate::model::Article;
use std::path::{Path, PathBuf};

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
    // Chunks are read and parsed in parallel, then reported in file order.
    for chunk in files.chunks(CHUNK_FILES) {
        let per_thread = chunk.len().div_ceil(threads).max(1);
        let results: Vec<Vec<LoadEvent>> = std::thread::scope(|scope| {
            let handles: Vec<_> = chunk
                .chunks(per_thread)
                .map(|part| {
                    scope.spawn(move || part.iter().flat_map(|file| load_one(file, max_bytes)).collect())
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
