//! Loading whole corpora: path arguments (or the embedded samples) to parsed
//! articles, streamed to a sink so the browser can show them as they arrive.

use super::load::{LoadWarning, MissingPath, SourceText, collect_files, embedded_sources, read_source};
use super::model::Article;
use super::parse::parse_source;
use super::store::Corpus;
use std::path::PathBuf;

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
    let files = collect_files(paths)?;
    sink(LoadEvent::Started { files: files.len() });
    for file in files {
        let (source, warning): (Option<SourceText>, Option<LoadWarning>) = read_source(&file, max_bytes);
        if let Some(warning) = warning {
            sink(LoadEvent::Warning(warning));
        }
        if let Some(source) = source {
            sink(LoadEvent::Article(Box::new(parse_source(&source))));
        }
    }
    Ok(())
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
