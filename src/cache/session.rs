//! The facts cache as one load uses it: which files can be taken from it
//! (same size, same modification time, same extractor), what the load gives
//! back to it, and which files left the corpus. Any failure turns the cache
//! off for the rest of the load with one warning; the load goes on from the
//! files.

use super::db::{CacheError, Entry, FactsDb, NewRecord, delete_cache_files};
use super::record::RECORD_FORMAT;
use crate::corpus::load::FoundFile;
use crate::extract::EXTRACTOR_VERSION;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// Whether a load uses the cache, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheChoice {
    Off,
    /// The cache file.
    At(PathBuf),
    /// Wanted, but there is nowhere to keep it: why, said once.
    Unavailable(String),
}

impl CacheChoice {
    /// The cache file in the user's cache directory.
    pub fn default_location() -> CacheChoice {
        match super::db::default_dir() {
            Some(dir) => CacheChoice::At(dir.join(super::db::FILE_NAME)),
            None => {
                CacheChoice::Unavailable("no cache directory: neither XDG_CACHE_HOME nor HOME is set".into())
            }
        }
    }
}

/// What the records of this build are valid for: extraction output and the
/// record encoding.
pub fn records_version() -> i64 {
    i64::from(EXTRACTOR_VERSION) * 1000 + i64::from(RECORD_FORMAT)
}

/// A file modified this close to the moment its record was written may
/// have changed again within the file system's time resolution without its
/// modification time showing it: such a record is not trusted.
const RACY_WINDOW_NS: i64 = 2_000_000_000;

/// The records of a chunk of files, one after another in one buffer.
#[derive(Debug, Default)]
pub struct ChunkRecords {
    bytes: Vec<u8>,
    /// Per file, where its record is in `bytes`, if it has a fresh one.
    places: Vec<Option<Range<usize>>>,
}

impl ChunkRecords {
    /// The record of the chunk's `i`th file.
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        self.places.get(i)?.clone().and_then(|place| self.bytes.get(place))
    }

    /// The buffer, to be filled again.
    pub fn into_buffer(self) -> Vec<u8> {
        self.bytes
    }
}

/// The files cached under one corpus root.
struct Root {
    key: Vec<u8>,
    entries: FxHashMap<Vec<u8>, Entry>,
    seen: FxHashSet<i64>,
}

/// A file's path under its root, the file, and its record.
type ToStore<'a> = (Vec<u8>, &'a FoundFile, &'a [u8]);

/// The cache during one load.
pub struct LoadCache {
    db: Option<FactsDb>,
    file: PathBuf,
    /// For each path argument: which root it belongs to, and whether it is
    /// a directory (its files are keyed under it) or a file (keyed under its
    /// parent).
    args: Vec<Option<(usize, bool)>>,
    roots: Vec<Root>,
    version: i64,
    warning: Option<String>,
    warned: bool,
}

impl LoadCache {
    /// Opens the cache for a load of `paths`; a damaged file is deleted and
    /// built again. With the cache off, every file is a miss.
    pub fn open(choice: &CacheChoice, paths: &[PathBuf]) -> LoadCache {
        let mut cache = LoadCache {
            db: None,
            file: PathBuf::new(),
            args: vec![None; paths.len()],
            roots: Vec::new(),
            version: records_version(),
            warning: None,
            warned: false,
        };
        match choice {
            CacheChoice::Off => return cache,
            CacheChoice::Unavailable(why) => {
                cache.warn(format!("{why}; reading every file"));
                return cache;
            }
            CacheChoice::At(file) => cache.file = file.clone(),
        }
        cache.db = match FactsDb::open(&cache.file) {
            Ok(db) => Some(db),
            Err(e) if e.damaged => cache.rebuild(&e),
            Err(e) => {
                cache.fail(e);
                None
            }
        };
        if cache.db.is_some() {
            cache.read_roots(paths);
        }
        cache
    }

    fn rebuild(&mut self, damage: &CacheError) -> Option<FactsDb> {
        let fresh =
            delete_cache_files(&self.file).map_err(CacheError::from).and_then(|_| FactsDb::open(&self.file));
        match fresh {
            Ok(db) => {
                self.warn(format!("{} was damaged ({damage}); building it again", shown(&self.file)));
                Some(db)
            }
            Err(e) => {
                self.fail(e);
                None
            }
        }
    }

    fn read_roots(&mut self, paths: &[PathBuf]) {
        let mut by_key: HashMap<Vec<u8>, usize> = HashMap::new();
        for (arg, path) in paths.iter().enumerate() {
            let is_dir = path.is_dir();
            let dir = if is_dir { path.as_path() } else { path.parent().unwrap_or(Path::new("")) };
            let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
            // A root that cannot be made canonical is simply not cached.
            let Ok(canonical) = dir.canonicalize() else { continue };
            let key = canonical.into_os_string().into_encoded_bytes();
            let root = match by_key.get(&key) {
                Some(&root) => root,
                None => {
                    let entries = match self.db.as_ref().map(|db| db.entries(&key)) {
                        Some(Ok(entries)) => entries,
                        Some(Err(e)) => return self.fail(e),
                        None => return,
                    };
                    self.roots.push(Root { key: key.clone(), entries, seen: FxHashSet::default() });
                    by_key.insert(key, self.roots.len() - 1);
                    self.roots.len() - 1
                }
            };
            self.args[arg] = Some((root, is_dir));
        }
        let stale = self.roots.iter().flat_map(|r| r.entries.values()).any(|e| e.version != self.version);
        if stale && let Some(Err(e)) = self.db.as_mut().map(|db| db.remove_other_versions(self.version)) {
            self.fail(e);
        }
    }

    pub fn is_on(&self) -> bool {
        self.db.is_some()
    }

    /// Where `file` is kept: its root and its path under that root.
    fn locate(&self, file: &FoundFile, paths: &[PathBuf]) -> Option<(usize, Vec<u8>)> {
        let (root, is_dir) = (*self.args.get(file.root)?)?;
        let relative = if is_dir {
            file.path.strip_prefix(&paths[file.root]).ok()?.as_os_str()
        } else {
            file.path.file_name()?
        };
        Some((root, relative.as_encoded_bytes().to_vec()))
    }

    /// Reads the records of a chunk of files in one transaction, into
    /// `buffer` (emptied first): a buffer handed back after decoding is
    /// filled again, where fresh memory per record would be touched anew.
    pub fn records(
        &mut self,
        files: &[FoundFile],
        paths: &[PathBuf],
        max_bytes: u64,
        mut buffer: Vec<u8>,
    ) -> ChunkRecords {
        buffer.clear();
        if let Some(Err(e)) = self.db.as_ref().map(FactsDb::begin_read) {
            self.fail(e);
        }
        // A file over the cap is skipped as too large, cached or not.
        let places = files
            .iter()
            .map(|f| if f.size <= max_bytes { self.record(f, paths, &mut buffer) } else { None })
            .collect();
        if let Some(Err(e)) = self.db.as_ref().map(FactsDb::end_read) {
            self.fail(e);
        }
        ChunkRecords { bytes: buffer, places }
    }

    /// The record of `file` when the cache holds one made from the file as
    /// it is now, by this extractor.
    fn record(&mut self, file: &FoundFile, paths: &[PathBuf], out: &mut Vec<u8>) -> Option<Range<usize>> {
        self.db.as_ref()?;
        let (root, relative) = self.locate(file, paths)?;
        let entry = *self.roots[root].entries.get(&relative)?;
        self.roots[root].seen.insert(entry.row);
        let fresh = entry.size == file.size
            && entry.mtime_ns == file.mtime_ns
            && entry.version == self.version
            && entry.cached_at_ns.saturating_sub(file.mtime_ns) > RACY_WINDOW_NS;
        if !fresh {
            return None;
        }
        match self.db.as_ref()?.record_into(entry.row, out) {
            Ok(record) => record,
            // One bad record: the file is read again and its record replaced.
            Err(e) if e.damaged => {
                self.damaged_record(file);
                None
            }
            Err(e) => {
                self.fail(e);
                None
            }
        }
    }

    /// Keeps the records of freshly read files.
    pub fn store(&mut self, records: &[(&FoundFile, Vec<u8>)], paths: &[PathBuf]) {
        if self.db.is_none() {
            return;
        }
        let mut by_root: HashMap<usize, Vec<ToStore<'_>>> = HashMap::new();
        for (file, record) in records {
            if let Some((root, relative)) = self.locate(file, paths) {
                by_root.entry(root).or_default().push((relative, file, record));
            }
        }
        let now = now_ns();
        for (root, rows) in by_root {
            let new: Vec<NewRecord<'_>> = rows
                .iter()
                .map(|(path, file, record)| NewRecord {
                    path,
                    size: file.size,
                    mtime_ns: file.mtime_ns,
                    record,
                })
                .collect();
            let result = match self.db.as_mut() {
                Some(db) => db.write(&self.roots[root].key, self.version, now, &new),
                None => return,
            };
            if let Err(e) = result {
                return self.fail(e);
            }
        }
    }

    /// Forgets the files that left the corpus: those [`LoadCache::record`]
    /// was never asked about. Only after a complete walk: a directory that
    /// could not be read this time still has its files.
    pub fn finish(&mut self, walk_complete: bool) {
        if !walk_complete || self.db.is_none() {
            return;
        }
        let gone: Vec<i64> = self
            .roots
            .iter()
            .flat_map(|r| r.entries.values().map(|e| e.row).filter(|row| !r.seen.contains(row)))
            .collect();
        if let Some(Err(e)) = self.db.as_mut().map(|db| db.remove(&gone)) {
            self.fail(e);
        }
    }

    /// A record that would not decode: the cache is damaged somewhere.
    pub fn damaged_record(&mut self, file: &FoundFile) {
        self.warn(format!(
            "{}: the record of {} could not be read; the file was read again",
            shown(&self.file),
            shown(&file.path)
        ));
    }

    /// The warning to show, once per load (shown after "cache: ").
    pub fn take_warning(&mut self) -> Option<String> {
        self.warning.take()
    }

    fn warn(&mut self, message: String) {
        if !self.warned {
            self.warned = true;
            self.warning = Some(message);
        }
    }

    /// Turns the cache off for the rest of the load, saying why once.
    fn fail(&mut self, error: CacheError) {
        self.db = None;
        let file = shown(&self.file);
        self.warn(format!("{file}: {error}; going on without it"));
    }
}

fn shown(path: &Path) -> String {
    crate::extract::text::single_line(&path.display().to_string())
}

fn now_ns() -> i64 {
    let since = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    i64::try_from(since.as_nanos()).unwrap_or(i64::MAX)
}
