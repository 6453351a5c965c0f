//! The SQLite file behind the facts cache: one row per article file, keyed
//! by the canonical corpus root and the file's path under it, holding the
//! encoded outcome of loading it. Only ever a cache: every failure here is
//! reported to the caller, which warns once and goes on from the files.

use rusqlite::{Connection, ErrorCode, params};
use rustc_hash::FxHashMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The cache file's name inside the cache directory.
pub const FILE_NAME: &str = "facts.sqlite";

/// The layout of the tables; bump when it changes, and old files are
/// rebuilt rather than misread.
const SCHEMA_VERSION: i64 = 1;

/// How long a process waits for another one's write to finish before it
/// gives up on the cache for this run.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// `$XDG_CACHE_HOME/dealscope`, else `~/.cache/dealscope`.
pub fn default_dir() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy().ok().map(|s| s.cache_dir().join("dealscope"))
}

/// What went wrong with the cache, said in one line.
#[derive(Debug)]
pub struct CacheError {
    pub message: String,
    /// The file is not a database, or a damaged one: rebuilding it helps.
    pub damaged: bool,
    /// Another process holds a lock: waiting may help.
    pub busy: bool,
}

impl fmt::Display for CacheError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CacheError {}

impl From<rusqlite::Error> for CacheError {
    fn from(e: rusqlite::Error) -> Self {
        let code = e.sqlite_error_code();
        let damaged = matches!(code, Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt));
        let busy = matches!(code, Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked));
        CacheError { message: crate::extract::text::single_line(&e.to_string()), damaged, busy }
    }
}

impl CacheError {
    /// A failure that rebuilding the file would not mend.
    fn other(message: String) -> CacheError {
        CacheError { message, damaged: false, busy: false }
    }

    /// A damaged file: rebuilding it helps.
    fn damaged(message: String) -> CacheError {
        CacheError { message, damaged: true, busy: false }
    }
}

impl From<std::io::Error> for CacheError {
    fn from(e: std::io::Error) -> Self {
        CacheError::other(e.to_string())
    }
}

/// A cached file as the cache knows it, without its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub row: i64,
    pub size: u64,
    pub mtime_ns: i64,
    /// When the record was written: a file modified within a moment of it
    /// may have changed again within the file system's time resolution.
    pub cached_at_ns: i64,
    pub version: i64,
}

/// One file's record to write.
pub struct NewRecord<'a> {
    pub path: &'a [u8],
    pub size: u64,
    pub mtime_ns: i64,
    pub record: &'a [u8],
}

/// The open cache file.
pub struct FactsDb {
    conn: Connection,
    path: PathBuf,
}

impl FactsDb {
    /// Opens (creating when missing) the cache file at `path`, in WAL mode
    /// so readers never wait for a writer. Switching a new file to WAL mode
    /// fails at once, without SQLite's busy wait, while another process is
    /// creating the same file: opening is retried for the busy timeout.
    pub fn open(path: &Path) -> Result<FactsDb, CacheError> {
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        loop {
            match FactsDb::try_open(path) {
                Err(e) if e.busy && std::time::Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20))
                }
                result => return result,
            }
        }
    }

    fn try_open(path: &Path) -> Result<FactsDb, CacheError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let conn = Connection::open(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Reading the journal mode is the first read of the file: a file
        // that is not a database fails here.
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(CacheError::other(format!("cannot use WAL mode (got {mode})")));
        }
        // A lost commit after a power cut costs a parse, never a wrong read.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Records are read through a memory map, without a copy per page.
        conn.pragma_update(None, "mmap_size", 1i64 << 34)?;
        let db = FactsDb { conn, path: path.to_path_buf() };
        db.create_tables()?;
        Ok(db)
    }

    fn create_tables(&self) -> Result<(), CacheError> {
        let version: i64 = self.conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        if version != 0 && version != SCHEMA_VERSION {
            return Err(CacheError::damaged(format!(
                "cache schema {version} is not this version's {SCHEMA_VERSION}"
            )));
        }
        self.conn.execute_batch(&format!(
            "BEGIN IMMEDIATE;
             CREATE TABLE IF NOT EXISTS files (
                 row INTEGER PRIMARY KEY,
                 root BLOB NOT NULL,
                 path BLOB NOT NULL,
                 size INTEGER NOT NULL,
                 mtime_ns INTEGER NOT NULL,
                 cached_at_ns INTEGER NOT NULL,
                 version INTEGER NOT NULL,
                 record BLOB NOT NULL,
                 checksum INTEGER NOT NULL,
                 UNIQUE (root, path)
             );
             PRAGMA user_version = {SCHEMA_VERSION};
             COMMIT;"
        ))?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Starts a read transaction: the records read until [`FactsDb::end_read`]
    /// see one state of the file, for the price of one lock.
    pub fn begin_read(&self) -> Result<(), CacheError> {
        Ok(self.conn.execute_batch("BEGIN DEFERRED")?)
    }

    pub fn end_read(&self) -> Result<(), CacheError> {
        Ok(self.conn.execute_batch("COMMIT")?)
    }

    /// Every file cached under `root`, by path.
    pub fn entries(&self, root: &[u8]) -> Result<FxHashMap<Vec<u8>, Entry>, CacheError> {
        let mut statement = self
            .conn
            .prepare("SELECT path, row, size, mtime_ns, cached_at_ns, version FROM files WHERE root = ?1")?;
        let rows = statement.query_map([root], |row| {
            let size: i64 = row.get(2)?;
            Ok((
                row.get::<_, Vec<u8>>(0)?,
                Entry {
                    row: row.get(1)?,
                    size: size.max(0) as u64,
                    mtime_ns: row.get(3)?,
                    cached_at_ns: row.get(4)?,
                    version: row.get(5)?,
                },
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The record of one cached file, if it is still there. A record whose
    /// bytes no longer match their checksum is an error marked damaged:
    /// decoding alone would take most flipped bits for other text.
    ///
    /// The record is appended to `out`; its place there is returned.
    pub fn record_into(&self, row: i64, out: &mut Vec<u8>) -> Result<Option<Range<usize>>, CacheError> {
        let mut statement = self.conn.prepare_cached("SELECT record, checksum FROM files WHERE row = ?1")?;
        let mut rows = statement.query([row])?;
        let Some(found) = rows.next()? else { return Ok(None) };
        let (record, sum): (&[u8], i64) =
            (found.get_ref(0)?.as_blob().map_err(rusqlite::Error::from)?, found.get(1)?);
        if sum != checksum(record) {
            return Err(CacheError::damaged("a record does not match its checksum".into()));
        }
        let start = out.len();
        out.extend_from_slice(record);
        Ok(Some(start..out.len()))
    }

    /// Writes records under `root` in one transaction, replacing older ones.
    pub fn write(
        &mut self,
        root: &[u8],
        version: i64,
        now_ns: i64,
        records: &[NewRecord<'_>],
    ) -> Result<(), CacheError> {
        if records.is_empty() {
            return Ok(());
        }
        let transaction = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        {
            let mut insert = transaction.prepare_cached(
                "INSERT INTO files (root, path, size, mtime_ns, cached_at_ns, version, record, checksum)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (root, path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,
                     cached_at_ns = excluded.cached_at_ns, version = excluded.version, record = excluded.record,
                     checksum = excluded.checksum",
            )?;
            for r in records {
                let size = i64::try_from(r.size).unwrap_or(i64::MAX);
                insert.execute(params![
                    root,
                    r.path,
                    size,
                    r.mtime_ns,
                    now_ns,
                    version,
                    r.record,
                    checksum(r.record)
                ])?;
            }
        }
        transaction.commit()?;
        Ok(())
    }

    /// Forgets cached files by row: files gone from the corpus.
    pub fn remove(&mut self, rows: &[i64]) -> Result<(), CacheError> {
        if rows.is_empty() {
            return Ok(());
        }
        let transaction = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        {
            let mut delete = transaction.prepare_cached("DELETE FROM files WHERE row = ?1")?;
            for row in rows {
                delete.execute([row])?;
            }
        }
        transaction.commit()?;
        Ok(())
    }

    /// Forgets every record written by another extractor version.
    pub fn remove_other_versions(&mut self, version: i64) -> Result<usize, CacheError> {
        Ok(self.conn.execute("DELETE FROM files WHERE version != ?1", [version])?)
    }

    /// How many files are cached, and under how many roots.
    pub fn counts(&self) -> Result<(u64, u64), CacheError> {
        let (files, roots): (i64, i64) =
            self.conn.query_row("SELECT COUNT(*), COUNT(DISTINCT root) FROM files", [], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?;
        Ok((files.max(0) as u64, roots.max(0) as u64))
    }
}

/// SQLite integers are signed: the hash's bits, as one.
fn checksum(record: &[u8]) -> i64 {
    i64::from_ne_bytes(xxhash_rust::xxh3::xxh3_64(record).to_ne_bytes())
}

/// The cache file and the journal files SQLite keeps beside it.
pub fn cache_files(path: &Path) -> [PathBuf; 3] {
    let with_suffix = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    [path.to_path_buf(), with_suffix("-wal"), with_suffix("-shm")]
}

/// Deletes the cache file and its journals; returns the bytes freed.
/// Missing files are not an error.
pub fn delete_cache_files(path: &Path) -> std::io::Result<u64> {
    let mut freed = 0;
    for file in cache_files(path) {
        match std::fs::metadata(&file) {
            Ok(meta) => {
                std::fs::remove_file(&file)?;
                freed += meta.len();
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(freed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One record, read into a buffer of its own after some other bytes.
    fn record(db: &FactsDb, row: i64) -> Result<Option<Vec<u8>>, CacheError> {
        let mut out = b"before".to_vec();
        Ok(db.record_into(row, &mut out)?.map(|place| out[place].to_vec()))
    }

    #[test]
    fn writes_reads_replaces_and_removes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join(FILE_NAME);
        let mut db = FactsDb::open(&path).unwrap();
        let records = [
            NewRecord { path: b"a.txt", size: 10, mtime_ns: 5, record: b"one" },
            NewRecord { path: b"b/c.txt", size: 20, mtime_ns: 6, record: b"two" },
        ];
        db.write(b"/root", 7, 100, &records).unwrap();
        db.write(b"/other", 7, 100, &records[..1]).unwrap();
        let entries = db.entries(b"/root").unwrap();
        assert_eq!(entries.len(), 2);
        let a = entries[b"a.txt".as_slice()];
        assert_eq!((a.size, a.mtime_ns, a.cached_at_ns, a.version), (10, 5, 100, 7));
        assert_eq!(record(&db, a.row).unwrap().as_deref(), Some(b"one".as_slice()));

        db.write(b"/root", 8, 200, &[NewRecord { path: b"a.txt", size: 11, mtime_ns: 9, record: b"new" }])
            .unwrap();
        let a = db.entries(b"/root").unwrap()[b"a.txt".as_slice()];
        assert_eq!((a.size, a.version), (11, 8));
        assert_eq!(record(&db, a.row).unwrap().as_deref(), Some(b"new".as_slice()));
        assert_eq!(db.counts().unwrap(), (3, 2));

        assert_eq!(db.remove_other_versions(8).unwrap(), 2);
        db.remove(&[a.row]).unwrap();
        assert_eq!(db.counts().unwrap(), (0, 0));
        drop(db);

        // Reopening finds the same file; deleting it takes the journals too.
        FactsDb::open(&path).unwrap();
        assert!(delete_cache_files(&path).unwrap() > 0);
        assert!(cache_files(&path).iter().all(|f| !f.exists()));
        assert_eq!(delete_cache_files(&path).unwrap(), 0);
    }

    #[test]
    fn a_record_changed_on_disk_is_reported_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let mut db = FactsDb::open(&path).unwrap();
        db.write(b"/r", 1, 0, &[NewRecord { path: b"a", size: 1, mtime_ns: 1, record: b"bytes" }]).unwrap();
        let row = db.entries(b"/r").unwrap()[b"a".as_slice()].row;
        db.conn
            .execute("UPDATE files SET record = ?1 WHERE row = ?2", params![b"bytez".as_slice(), row])
            .unwrap();
        let error = record(&db, row).expect_err("a changed record is caught");
        assert!(error.damaged, "{error}");
    }

    #[test]
    fn a_file_of_garbage_is_reported_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, vec![0x5a; 8192]).unwrap();
        let error = FactsDb::open(&path).err().expect("garbage is not a database");
        assert!(error.damaged, "{error}");
    }
}
