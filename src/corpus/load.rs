//! Reading articles: walking paths, decoding bytes into clean text, and the
//! embedded samples. Loading only ever reads; it writes nothing anywhere.

use crate::extract::text::{single_line, strip_controls};
use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/embedded_articles.rs"));

/// Files larger than this are skipped unless the caller sets another cap.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Share of invalid UTF-8 bytes above which a file is treated as binary.
const MAX_INVALID_UTF8_SHARE: f64 = 0.10;

/// The text of one article, ready to parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    /// File name without extension.
    pub stem: String,
    /// The file path as given (or found), or `embedded:NAME`.
    pub source: String,
    pub text: String,
}

/// A file that was skipped or read with a problem. Printed one per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadWarning {
    pub path: String,
    pub message: String,
}

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A path argument that cannot be used at all: bad usage, exit code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingPath(pub PathBuf);

impl fmt::Display for MissingPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The path comes from the command line or a directory walk: it may
        // hold escape sequences or newlines.
        write!(f, "no such file or directory: {}", single_line(&self.0.display().to_string()))
    }
}

impl std::error::Error for MissingPath {}

/// Why a file's bytes were not turned into an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    Empty,
    Binary,
    TooLarge { bytes: u64, max: u64 },
    Unreadable(String),
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Skip::Empty => write!(f, "skipped: empty file"),
            Skip::Binary => write!(f, "skipped: binary file, not UTF-8 text"),
            Skip::TooLarge { bytes, max } => write!(f, "skipped: {bytes} bytes is over the {max}-byte limit"),
            Skip::Unreadable(why) => write!(f, "skipped: cannot read: {why}"),
        }
    }
}

/// Decoded article text, and whether invalid UTF-8 had to be replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub lossy: bool,
}

/// Turns raw bytes into clean text: BOM dropped, CRLF/CR to LF, control
/// characters and escape sequences removed.
pub fn decode(bytes: &[u8]) -> Result<Decoded, Skip> {
    if bytes.contains(&0) {
        return Err(Skip::Binary);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, lossy) = match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), false),
        Err(_) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let replaced = text.chars().filter(|&c| c == char::REPLACEMENT_CHARACTER).count();
            if replaced as f64 > bytes.len() as f64 * MAX_INVALID_UTF8_SHARE {
                return Err(Skip::Binary);
            }
            (text, true)
        }
    };
    let text = strip_controls(&text.replace("\r\n", "\n").replace('\r', "\n"));
    if text.trim().is_empty() {
        return Err(Skip::Empty);
    }
    Ok(Decoded { text, lossy })
}

/// Reads and decodes one regular file, refusing files over `max_bytes`
/// (also when one grows while it is read) and devices or pipes.
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Decoded, Skip> {
    let meta = fs::metadata(path).map_err(|e| Skip::Unreadable(e.to_string()))?;
    if !meta.is_file() {
        return Err(Skip::Unreadable("not a regular file".into()));
    }
    if meta.len() > max_bytes {
        return Err(Skip::TooLarge { bytes: meta.len(), max: max_bytes });
    }
    let file = fs::File::open(path).map_err(|e| Skip::Unreadable(e.to_string()))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Skip::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > max_bytes {
        return Err(Skip::TooLarge { bytes: bytes.len() as u64, max: max_bytes });
    }
    decode(&bytes)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n.as_encoded_bytes().starts_with(b"."))
}

fn is_article_file(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "md"))
}

/// Expands path arguments into article files: directories recursively in
/// sorted order (hidden entries and other extensions skipped, each real
/// directory visited once so symlink loops end); files named explicitly are
/// taken whatever their extension. Fails on the first path that does not exist.
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, MissingPath> {
    let mut files = Vec::new();
    let mut seen_dirs = HashSet::new();
    let mut seen_files = HashSet::new();
    for path in paths {
        let meta = fs::metadata(path).map_err(|_| MissingPath(path.clone()))?;
        if meta.is_dir() {
            walk_dir(path, &mut seen_dirs, &mut seen_files, &mut files);
        } else if seen_files.insert(fs::canonicalize(path).unwrap_or_else(|_| path.clone())) {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk_dir(
    dir: &Path,
    seen_dirs: &mut HashSet<PathBuf>,
    seen_files: &mut HashSet<PathBuf>,
    out: &mut Vec<PathBuf>,
) {
    let Ok(real) = fs::canonicalize(dir) else { return };
    if !seen_dirs.insert(real) {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut children: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    children.sort();
    for child in children {
        if is_hidden(&child) {
            continue;
        }
        // metadata() follows symlinks: a link to a directory is walked (once).
        match fs::metadata(&child) {
            Ok(meta) if meta.is_dir() => walk_dir(&child, seen_dirs, seen_files, out),
            Ok(meta)
                if meta.is_file()
                    && is_article_file(&child)
                    && seen_files.insert(fs::canonicalize(&child).unwrap_or_else(|_| child.clone())) =>
            {
                out.push(child);
            }
            _ => {}
        }
    }
}

/// The file name without its extension: the article's id.
pub fn file_stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// Reads one file into a source text, or the warning that explains the skip.
/// A lossy decode yields both.
pub fn read_source(path: &Path, max_bytes: u64) -> (Option<SourceText>, Option<LoadWarning>) {
    // File names are untrusted too: they reach the terminal in ids and warnings.
    let display = single_line(&path.display().to_string());
    match read_file(path, max_bytes) {
        Ok(decoded) => {
            let warning = decoded.lossy.then(|| LoadWarning {
                path: display.clone(),
                message: "invalid UTF-8 replaced with U+FFFD".to_string(),
            });
            (
                Some(SourceText { stem: single_line(&file_stem(path)), source: display, text: decoded.text }),
                warning,
            )
        }
        Err(skip) => (None, Some(LoadWarning { path: display, message: skip.to_string() })),
    }
}

/// The samples compiled into the binary.
pub fn embedded_sources() -> Vec<SourceText> {
    EMBEDDED_ARTICLES
        .iter()
        .filter_map(|(name, bytes)| {
            let decoded = decode(bytes).ok()?;
            Some(SourceText {
                stem: file_stem(Path::new(name)),
                source: format!("embedded:{name}"),
                text: decoded.text,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_normalises_text() {
        let cases: [(&[u8], Result<&str, Skip>); 7] = [
            (b"\xEF\xBB\xBFTitle\r\nBody\rEnd", Ok("Title\nBody\nEnd")),
            (b"a\x1b[31mred\x1b[0m", Ok("ared")),
            (b"", Err(Skip::Empty)),
            (b"  \n\r\n ", Err(Skip::Empty)),
            (b"text\0with nul", Err(Skip::Binary)),
            (b"\xff\xfe\xfd\xfc\xfb", Err(Skip::Binary)),
            ("no\u{a0}break".as_bytes(), Ok("no\u{a0}break")),
        ];
        for (bytes, expected) in cases {
            assert_eq!(decode(bytes).map(|d| d.text), expected.map(String::from), "bytes {bytes:?}");
        }
        let lossy = decode(b"Caf\xe9 au lait, a long enough line of text").unwrap();
        assert!(lossy.lossy);
        assert!(lossy.text.contains('\u{fffd}'));
    }

    #[test]
    fn embedded_samples_are_present() {
        let sources = embedded_sources();
        assert_eq!(sources.len(), EMBEDDED_ARTICLES.len());
        assert!(sources.iter().any(|s| s.stem == "002_9c6bf0e2097b9d38"));
        assert!(sources.iter().all(|s| s.source.starts_with("embedded:")));
    }
}
