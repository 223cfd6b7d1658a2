//! The incremental record's file (`leakhound git --incremental FILE`): an SQLite
//! database holding, per repository, what scanning each of its blobs yielded. This
//! module is the storage only: the schema, its version, and loading and saving a
//! repository's entries. What an entry says, and when it stands in for reading the
//! blob, is `source::incremental`'s.
//!
//! One file holds any number of repositories, each under its canonical git directory
//! and the scan key its entries were made under. Writes are single transactions that
//! take the write lock first (`BEGIN IMMEDIATE`), and a run waits up to
//! [`BUSY_TIMEOUT`] for another one holding it, so parallel runs on one file neither
//! corrupt it nor mix entries made under different keys.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior, params};

use crate::finding::BlobId;

/// The schema this leakhound reads and writes (SQLite `user_version`).
pub(crate) const SCHEMA_VERSION: i64 = 1;

/// SQLite `application_id` of a leakhound record (`LkHd`), which tells it from any
/// other SQLite database.
const APPLICATION_ID: i64 = 0x4c6b_4864;

/// How long a run waits for another run that is writing the same file.
const BUSY_TIMEOUT: Duration = Duration::from_secs(300);

const SCHEMA: &str = "
CREATE TABLE repository (
    id INTEGER PRIMARY KEY,
    git_dir TEXT NOT NULL UNIQUE,
    scan_key TEXT NOT NULL
);
CREATE TABLE blob (
    repository INTEGER NOT NULL REFERENCES repository (id),
    id BLOB NOT NULL,
    size INTEGER NOT NULL,
    binary INTEGER NOT NULL,
    file_rule_path TEXT,
    found TEXT,
    PRIMARY KEY (repository, id)
) WITHOUT ROWID;
";

/// What the record says about one blob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Its size in bytes.
    pub size: u64,
    /// Whether it was skipped as binary.
    pub binary: bool,
    /// The path a file rule was checked at (a blob's first path), if one applied.
    pub file_rule_path: Option<String>,
    /// What was reported at each of its paths (JSON); `None` when no rule matched it.
    pub found: Option<String>,
}

/// A repository's entries, as a run found them.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub entries: HashMap<BlobId, Entry>,
    /// The repository was recorded under another scan key: its entries do not count,
    /// and the next save replaces them.
    pub started_over: bool,
}

/// An open record file.
pub(crate) struct Record {
    conn: Connection,
    /// The file as given, for messages.
    name: String,
}

impl Record {
    /// Opens the record at `path`, creating it (owner-only) if it does not exist. An
    /// existing file must be a record of this schema version: anything else is an
    /// error, one line naming the file.
    pub(crate) fn open(path: &Path) -> Result<Record, String> {
        let name = path.display().to_string();
        let fail = |what: String| format!("{name}: {what}");
        create_private(path).map_err(|e| fail(format!("cannot create: {e}")))?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)
            .map_err(|e| fail(format!("cannot open: {e}")))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| fail(format!("cannot open: {e}")))?;
        let (mut app, mut version) = header(&conn).map_err(|e| fail(describe(&e)))?;
        if app == 0 && version == 0 {
            (app, version) = initialise(&mut conn).map_err(|e| fail(describe(&e)))?;
        }
        if app != APPLICATION_ID {
            return Err(fail(
                "an SQLite database that is not a leakhound incremental record".to_string(),
            ));
        }
        if version > SCHEMA_VERSION {
            return Err(fail(format!(
                "incremental record schema version {version} is newer than this leakhound's \
                 ({SCHEMA_VERSION}): use the leakhound that wrote it, or another file"
            )));
        }
        if version != SCHEMA_VERSION {
            return Err(fail(format!(
                "unknown incremental record schema version {version} (this leakhound reads \
                 version {SCHEMA_VERSION})"
            )));
        }
        Ok(Record { conn, name })
    }

    /// The entries of the repository at `git_dir` made under `scan_key`: none when it
    /// was recorded under another key (`started_over`) or not at all.
    pub(crate) fn load(&self, git_dir: &str, scan_key: &str) -> Result<Loaded, String> {
        self.load_inner(git_dir, scan_key)
            .map_err(|e| format!("{}: {}", self.name, describe(&e)))
    }

    fn load_inner(&self, git_dir: &str, scan_key: &str) -> rusqlite::Result<Loaded> {
        // One read transaction: the key and the entries are of the same moment.
        let tx = self.conn.unchecked_transaction()?;
        let mut loaded = Loaded::default();
        let repo = repository(&tx, git_dir)?;
        match repo {
            None => {}
            Some((_, key)) if key != scan_key => loaded.started_over = true,
            Some((id, _)) => {
                let mut stmt = tx.prepare(
                    "SELECT id, size, binary, file_rule_path, found FROM blob \
                     WHERE repository = ?1",
                )?;
                let mut rows = stmt.query(params![id])?;
                while let Some(row) = rows.next()? {
                    let oid: Vec<u8> = row.get(0)?;
                    let size: i64 = row.get(1)?;
                    // A row this leakhound could not have written is not used: its
                    // blob is read again.
                    let (Some(oid), Ok(size)) = (BlobId::from_bytes(&oid), u64::try_from(size))
                    else {
                        continue;
                    };
                    loaded.entries.insert(
                        oid,
                        Entry {
                            size,
                            binary: row.get(2)?,
                            file_rule_path: row.get(3)?,
                            found: row.get(4)?,
                        },
                    );
                }
            }
        }
        tx.commit()?;
        Ok(loaded)
    }

    /// Adds `entries` to the repository's record under `scan_key`, replacing those of
    /// the same blobs. If the repository is recorded under another key (the rules
    /// changed, here or in a run that saved meanwhile), its entries are dropped first:
    /// every entry of a repository is always of its one key.
    pub(crate) fn save(
        &mut self,
        git_dir: &str,
        scan_key: &str,
        entries: &[(BlobId, Entry)],
    ) -> Result<(), String> {
        let name = self.name.clone();
        self.save_inner(git_dir, scan_key, entries)
            .map_err(|e| format!("{name}: {}", describe(&e)))
    }

    fn save_inner(
        &mut self,
        git_dir: &str,
        scan_key: &str,
        entries: &[(BlobId, Entry)],
    ) -> rusqlite::Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let repo = repository(&tx, git_dir)?;
        let id = match repo {
            Some((id, key)) if key == scan_key => id,
            Some((id, _)) => {
                tx.execute("DELETE FROM blob WHERE repository = ?1", params![id])?;
                tx.execute(
                    "UPDATE repository SET scan_key = ?1 WHERE id = ?2",
                    params![scan_key, id],
                )?;
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO repository (git_dir, scan_key) VALUES (?1, ?2)",
                    params![git_dir, scan_key],
                )?;
                tx.last_insert_rowid()
            }
        };
        {
            let mut insert = tx.prepare(
                "INSERT OR REPLACE INTO blob (repository, id, size, binary, file_rule_path, found) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (oid, e) in entries {
                insert.execute(params![
                    id,
                    &oid.0[..],
                    i64::try_from(e.size).unwrap_or(i64::MAX),
                    e.binary,
                    e.file_rule_path,
                    e.found
                ])?;
            }
        }
        tx.commit()
    }
}

/// The id and scan key of the repository at `git_dir`, if it is recorded.
fn repository(conn: &Connection, git_dir: &str) -> rusqlite::Result<Option<(i64, String)>> {
    conn.query_row(
        "SELECT id, scan_key FROM repository WHERE git_dir = ?1",
        params![git_dir],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
}

/// Creates an empty file at `path` readable by its owner only, unless one exists: the
/// record names paths and authors, and SQLite would create it world-readable.
fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// The file's application id and schema version.
fn header(conn: &Connection) -> rusqlite::Result<(i64, i64)> {
    let app = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok((app, version))
}

/// Writes the schema into an empty database, unless another run did so first or the
/// database holds anything already (then it is someone else's and stays as it is).
fn initialise(conn: &mut Connection) -> rusqlite::Result<(i64, i64)> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let (app, version) = header(&tx)?;
    let objects: i64 = tx.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    if app != 0 || version != 0 || objects != 0 {
        return Ok((app, version));
    }
    tx.execute_batch(SCHEMA)?;
    tx.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION};"
    ))?;
    tx.commit()?;
    Ok((APPLICATION_ID, SCHEMA_VERSION))
}

/// An SQLite error in words: a file that is not a database says so.
fn describe(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => {
            "not a leakhound incremental record (not an SQLite database)".to_string()
        }
        _ => format!("cannot use the incremental record: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(found: Option<&str>) -> Entry {
        Entry {
            size: 12,
            binary: false,
            file_rule_path: None,
            found: found.map(str::to_string),
        }
    }

    fn id(n: u8) -> BlobId {
        BlobId([n; 20])
    }

    #[test]
    fn a_new_file_gets_the_schema_and_entries_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("record.db");
        let mut record = Record::open(&path).unwrap();
        assert!(record.load("/r.git", "k").unwrap().entries.is_empty());
        let binary = Entry {
            size: 1 << 40,
            binary: true,
            file_rule_path: Some(".env".to_string()),
            found: None,
        };
        record
            .save(
                "/r.git",
                "k",
                &[(id(1), entry(Some("{}"))), (id(2), binary.clone())],
            )
            .unwrap();
        drop(record);
        let record = Record::open(&path).unwrap();
        let loaded = record.load("/r.git", "k").unwrap();
        assert!(!loaded.started_over);
        assert_eq!(loaded.entries.len(), 2);
        assert_eq!(loaded.entries[&id(1)], entry(Some("{}")));
        assert_eq!(loaded.entries[&id(2)], binary);
        // Another repository in the same file has entries of its own.
        assert!(record.load("/other.git", "k").unwrap().entries.is_empty());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn another_scan_key_starts_the_repository_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("record.db");
        let mut record = Record::open(&path).unwrap();
        record
            .save("/a.git", "old", &[(id(1), entry(None))])
            .unwrap();
        record
            .save("/b.git", "old", &[(id(1), entry(None))])
            .unwrap();
        let loaded = record.load("/a.git", "new").unwrap();
        assert!(loaded.started_over && loaded.entries.is_empty());
        record
            .save("/a.git", "new", &[(id(2), entry(None))])
            .unwrap();
        let loaded = record.load("/a.git", "new").unwrap();
        assert!(!loaded.started_over);
        assert_eq!(loaded.entries.keys().collect::<Vec<_>>(), [&id(2)]);
        // The other repository keeps its own.
        assert_eq!(record.load("/b.git", "old").unwrap().entries.len(), 1);
    }

    #[test]
    fn a_file_that_is_not_a_record_is_refused_in_one_line() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.txt");
        std::fs::write(
            &text,
            "these are not the rows you are looking for\n".repeat(200),
        )
        .unwrap();
        let e = Record::open(&text).err().unwrap();
        assert_eq!(
            e,
            format!(
                "{}: not a leakhound incremental record (not an SQLite database)",
                text.display()
            )
        );
        assert_eq!(
            std::fs::read_to_string(&text).unwrap().len(),
            43 * 200,
            "left as it was"
        );

        let foreign = dir.path().join("other.sqlite");
        Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        let e = Record::open(&foreign).err().unwrap();
        assert!(
            e.contains("an SQLite database that is not a leakhound"),
            "{e}"
        );

        let missing = dir.path().join("no/such/dir/record.db");
        let e = Record::open(&missing).err().unwrap();
        assert!(
            e.starts_with(&format!("{}: cannot create", missing.display())),
            "{e}"
        );
    }

    #[test]
    fn a_newer_or_unknown_schema_version_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("record.db");
        drop(Record::open(&path).unwrap());
        let set = |v: i64| {
            Connection::open(&path)
                .unwrap()
                .execute_batch(&format!("PRAGMA user_version = {v};"))
                .unwrap()
        };
        set(SCHEMA_VERSION + 1);
        let e = Record::open(&path).err().unwrap();
        assert!(e.contains("is newer than this leakhound's"), "{e}");
        assert!(!e.contains('\n'));
        set(0);
        let e = Record::open(&path).err().unwrap();
        assert!(
            e.contains("unknown incremental record schema version 0"),
            "{e}"
        );
        set(SCHEMA_VERSION);
        Record::open(&path).unwrap();
    }

    /// Two runs saving into one file at once: both wait their turn, nothing is lost.
    #[test]
    fn concurrent_saves_serialise() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("record.db");
        drop(Record::open(&path).unwrap());
        std::thread::scope(|s| {
            for t in 0..4u8 {
                let path = &path;
                s.spawn(move || {
                    let mut record = Record::open(path).unwrap();
                    for round in 0..10u8 {
                        let entries: Vec<_> = (0..50u8)
                            .map(|n| {
                                (
                                    BlobId([
                                        t, round, n, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                        0, 0,
                                    ]),
                                    entry(None),
                                )
                            })
                            .collect();
                        record.save("/r.git", "k", &entries).unwrap();
                    }
                });
            }
        });
        let record = Record::open(&path).unwrap();
        assert_eq!(
            record.load("/r.git", "k").unwrap().entries.len(),
            4 * 10 * 50
        );
    }
}
