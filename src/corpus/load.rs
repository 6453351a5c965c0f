//! Reading articles: walking paths, decoding bytes into clean text, and the
//! embedded samples. Loading only ever reads; it writes nothing anywhere.

use crate::extract::text::{single_line, strip_controls};
use serde::{Deserialize, Serialize};
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
    pub kind: WarningKind,
}

/// What became of the file a warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum WarningKind {
    /// Loaded, with something to say (invalid UTF-8 replaced...).
    Loaded,
    /// Not an article: empty, binary, too large, only page furniture.
    Skipped,
    /// Could not be read at all: permissions, a dangling link, a path too
    /// long for the system, an unreadable directory.
    Unreadable,
    /// Not about a file: the facts cache could not be used as it should.
    Cache,
}

/// The four counts a load ends with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadSummary {
    pub loaded: usize,
    pub with_warnings: usize,
    pub skipped: usize,
    pub unreadable: usize,
}

impl LoadSummary {
    pub fn count(&mut self, warning: &LoadWarning) {
        match warning.kind {
            WarningKind::Loaded => self.with_warnings += 1,
            WarningKind::Skipped => self.skipped += 1,
            WarningKind::Unreadable => self.unreadable += 1,
            WarningKind::Cache => {}
        }
    }
}

impl fmt::Display for LoadSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} loaded ({} with warnings), {} skipped, {} unreadable",
            self.loaded, self.with_warnings, self.skipped, self.unreadable
        )
    }
}

impl LoadWarning {
    /// A facts cache problem, shown as `cache: MESSAGE` beside file warnings.
    pub fn cache(message: String) -> LoadWarning {
        LoadWarning { path: "cache".into(), message, kind: WarningKind::Cache }
    }
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

/// Decoded article text, whether invalid UTF-8 had to be replaced, and
/// how many overlong lines were split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub lossy: bool,
    pub split_lines: usize,
}

/// Longest line (paragraph) kept whole. Real paragraphs are a few KB; a
/// megabyte on one line (a dump, a minified page) would make per-paragraph
/// work run away, so it is cut into pieces of this size.
pub const MAX_LINE_BYTES: usize = 16 * 1024;

/// Splits every line longer than [`MAX_LINE_BYTES`], at the last space
/// before the limit (else at a char boundary); returns how many were split.
fn split_long_lines(text: &str) -> (String, usize) {
    if text.lines().all(|l| l.len() <= MAX_LINE_BYTES) {
        return (text.to_string(), 0);
    }
    let mut out = String::with_capacity(text.len() + text.len() / MAX_LINE_BYTES + 1);
    let mut split = 0;
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let mut rest = line;
        if rest.len() > MAX_LINE_BYTES {
            split += 1;
        }
        while rest.len() > MAX_LINE_BYTES {
            let mut cut = MAX_LINE_BYTES;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let at = rest[..cut].rfind(' ').filter(|&i| i > MAX_LINE_BYTES / 2).unwrap_or(cut);
            out.push_str(rest[..at].trim_end());
            out.push('\n');
            rest = rest[at..].trim_start();
        }
        out.push_str(rest);
    }
    (out, split)
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
    let (text, split_lines) = split_long_lines(&text);
    Ok(Decoded { text, lossy, split_lines })
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

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

fn is_article_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
}

/// An article file found under a path argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    pub path: PathBuf,
    /// Which path argument it was found under.
    pub root: usize,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch.
    pub mtime_ns: i64,
}

impl FoundFile {
    fn new(path: PathBuf, root: usize, meta: &fs::Metadata) -> FoundFile {
        use std::os::unix::fs::MetadataExt;
        let mtime_ns = meta.mtime().saturating_mul(1_000_000_000).saturating_add(meta.mtime_nsec());
        FoundFile { path, root, size: meta.len(), mtime_ns }
    }
}

/// Expands path arguments into article files: directories recursively in
/// sorted order (hidden entries and other extensions skipped, extensions
/// compared in any case, each real directory visited once so symlink loops
/// end); files named explicitly are taken whatever their extension. Fails
/// on the first path that does not exist; anything found but unreadable
/// comes back as a warning, never silently dropped.
pub fn collect_files(paths: &[PathBuf]) -> Result<(Vec<FoundFile>, Vec<LoadWarning>), MissingPath> {
    let mut walk = Walk::default();
    for (root, path) in paths.iter().enumerate() {
        let meta = fs::metadata(path).map_err(|_| MissingPath(path.clone()))?;
        walk.root = root;
        if meta.is_dir() {
            walk.dir(path, &meta);
        } else {
            walk.file(path.clone(), &meta);
        }
    }
    Ok((walk.files, walk.warnings))
}

/// A file's identity on disk: a link and its target, or one directory
/// reached two ways, are one. Comparing it costs one `stat`, where
/// canonicalising a path costs one per component.
fn file_id(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[derive(Default)]
struct Walk {
    seen_dirs: HashSet<(u64, u64)>,
    seen_files: HashSet<(u64, u64)>,
    files: Vec<FoundFile>,
    warnings: Vec<LoadWarning>,
    /// The path argument being walked.
    root: usize,
}

impl Walk {
    fn unreadable(&mut self, path: &Path, why: String) {
        self.warnings.push(LoadWarning {
            path: single_line(&path.display().to_string()),
            message: format!("skipped: cannot read: {}", single_line(&why)),
            kind: WarningKind::Unreadable,
        });
    }

    /// Takes a file, once however many ways it is reached.
    fn file(&mut self, path: PathBuf, meta: &fs::Metadata) {
        if self.seen_files.insert(file_id(meta)) {
            self.files.push(FoundFile::new(path, self.root, meta));
        }
    }

    /// Walks a directory once: linear in the entries it holds, whatever
    /// the depth (no path is canonicalised).
    fn dir(&mut self, dir: &Path, meta: &fs::Metadata) {
        if !self.seen_dirs.insert(file_id(meta)) {
            return;
        }
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return self.unreadable(dir, e.to_string()),
        };
        let mut children: Vec<(std::ffi::OsString, fs::DirEntry)> = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => children.push((entry.file_name(), entry)),
                Err(e) => self.unreadable(dir, e.to_string()),
            }
        }
        // Siblings share their parent: their paths sort as their names do.
        children.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
        let children: Vec<(PathBuf, fs::DirEntry)> = children
            .into_iter()
            .filter(|(name, _)| !is_hidden(name))
            .map(|(name, entry)| (dir.join(name), entry))
            .collect();
        // Stat'ing is most of a walk: a large directory's entries are
        // stat'ed on every core, then taken in order.
        let metas = crate::parallel::map_from(&children, STAT_IN_PARALLEL_FROM, |(child, entry)| {
            child_metadata(child, entry)
        });
        for ((child, _), meta) in children.into_iter().zip(metas) {
            match meta {
                None => {}
                Some(Ok(meta)) if meta.is_dir() => self.dir(&child, &meta),
                Some(Ok(meta)) if meta.is_file() && is_article_file(&child) => self.file(child, &meta),
                Some(Ok(_)) => {}
                // A dangling link or a path too long to open: say so when it
                // would have been an article.
                Some(Err(e)) if is_article_file(&child) || fs::symlink_metadata(&child).is_err() => {
                    self.unreadable(&child, e.to_string())
                }
                Some(Err(_)) => {}
            }
        }
    }
}

/// Directories with this many entries have them stat'ed in parallel.
const STAT_IN_PARALLEL_FROM: usize = 64;

/// A directory entry's metadata, or none for a file that is no article
/// (never stat'ed). What is no link is stat'ed through the open directory,
/// not by its whole path; a link is followed: a link to a directory is
/// walked (once).
fn child_metadata(child: &Path, entry: &fs::DirEntry) -> Option<std::io::Result<fs::Metadata>> {
    match entry.file_type() {
        Ok(kind) if kind.is_file() && !is_article_file(child) => None,
        Ok(kind) if !kind.is_symlink() => Some(entry.metadata()),
        _ => Some(fs::metadata(child)),
    }
}

/// The file name without its extension: the article's id.
pub fn file_stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// A file's article id (its stem) and the path as shown. File names are
/// untrusted too: they reach the terminal in ids and warnings.
pub fn source_names(path: &Path) -> (String, String) {
    (single_line(&file_stem(path)), single_line(&path.display().to_string()))
}

/// Reads one file into a source text, or the warning that explains the skip.
/// A lossy decode yields both.
pub fn read_source(path: &Path, max_bytes: u64) -> (Option<SourceText>, Option<LoadWarning>) {
    let (stem, display) = source_names(path);
    match read_file(path, max_bytes) {
        Ok(decoded) => {
            let mut problems = Vec::new();
            if decoded.lossy {
                problems.push("invalid UTF-8 replaced with U+FFFD".to_string());
            }
            if decoded.split_lines > 0 {
                problems.push(format!(
                    "{} line(s) over {MAX_LINE_BYTES} bytes split into paragraphs",
                    decoded.split_lines
                ));
            }
            let warning = (!problems.is_empty()).then(|| LoadWarning {
                path: display.clone(),
                message: problems.join("; "),
                kind: WarningKind::Loaded,
            });
            (Some(SourceText { stem, source: display, text: decoded.text }), warning)
        }
        Err(skip) => {
            let kind = if matches!(skip, Skip::Unreadable(_)) {
                WarningKind::Unreadable
            } else {
                WarningKind::Skipped
            };
            (None, Some(LoadWarning { path: display, message: skip.to_string(), kind }))
        }
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

    /// Depth first, siblings by name as bytes (so "a" and its files come
    /// before "a-b.txt", then "a.txt"); a link to a directory is walked, a
    /// link to an article is taken, hidden entries and other extensions
    /// are not.
    #[test]
    fn walks_depth_first_in_name_order_through_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        let (a, other) = (root.join("a"), dir.path().join("other"));
        for d in [&a, &other] {
            fs::create_dir_all(d).unwrap();
        }
        for file in [
            a.join("b.txt"),
            root.join("a-b.txt"),
            root.join("a.txt"),
            root.join("B.MD"),
            other.join("o.txt"),
        ] {
            fs::write(&file, "Titre\nTexte.\n").unwrap();
        }
        for skipped in [root.join(".hidden.txt"), root.join("notes.pdf"), a.join(".x.md")] {
            fs::write(&skipped, "Titre\nTexte.\n").unwrap();
        }
        std::os::unix::fs::symlink(&other, root.join("z-link")).unwrap();
        std::os::unix::fs::symlink(other.join("o.txt"), root.join("c.txt")).unwrap();
        let (files, warnings) = collect_files(std::slice::from_ref(&root)).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let found: Vec<String> =
            files.iter().map(|f| f.path.strip_prefix(&root).unwrap().display().to_string()).collect();
        // "z-link/o.txt" is the file "c.txt" already found: one file, once.
        assert_eq!(found, ["B.MD", "a/b.txt", "a-b.txt", "a.txt", "c.txt"]);
        assert!(files.iter().all(|f| f.size == 13 && f.mtime_ns > 0));
    }

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
        let long = format!("Title\n{}", "mot ".repeat(MAX_LINE_BYTES));
        let split = decode(long.as_bytes()).unwrap();
        assert_eq!(split.split_lines, 1);
        assert!(split.text.lines().all(|l| l.len() <= MAX_LINE_BYTES));
        assert!(split.text.lines().count() >= 5);
        assert_eq!(split.text.split_whitespace().count(), long.split_whitespace().count(), "no word lost");
    }

    #[test]
    fn embedded_samples_are_present() {
        let sources = embedded_sources();
        assert_eq!(sources.len(), EMBEDDED_ARTICLES.len());
        assert!(sources.iter().any(|s| s.stem == "002_9c6bf0e2097b9d38"));
        assert!(sources.iter().all(|s| s.source.starts_with("embedded:")));
    }
}
