//! Incremental history scans (`leakhound git --incremental FILE`): blobs that an
//! earlier run scanned are not read again; what they yielded comes from the record
//! (`source::record`, the file).
//!
//! What scanning a blob yields depends on its bytes, on the scan key (the leakhound
//! build, the rules, the allowlists and inline markers: [`scan_key`]) and on its paths:
//!
//! - the rules' matches, their lines, secret hashes, redacted forms, confidence and
//!   key IDs depend on the bytes alone;
//! - file rules (a committed `.env`) run at the blob's first path only, so a recorded
//!   result stands only where the same file rule decision holds: no file rule for the
//!   first path then and now, or the same first path;
//! - context, fingerprint and the allowlists (by path, and by the secret and its line,
//!   which the record does not hold) are per path: a blob that any rule matched is
//!   recorded with what was reported, and suppressed, at each of its paths, and its
//!   entry stands only if it covers every path the blob has in this run. A blob no rule
//!   matched needs no paths: at any path it yields nothing.
//!
//! Commits are never recorded: each run attributes every location to the commit that
//! introduced it in the history as it is now. A blob is recorded only when it was
//! read and scanned whole: one skipped as too large, unreadable, or whose scan failed,
//! is read again next time. A recorded blob over this run's `--max-file-size` is not
//! taken from the record (this run skips it, as it would without one).
//!
//! The record holds no secret: a finding is kept as what reports show of it (rule,
//! lines, redacted form, salted secret hash, fingerprint, length when shown, context,
//! confidence, key ID). A run that must show or write secrets (`--show-secrets`,
//! `--replace-text-file`) reads again every blob that has findings.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::record::{Entry, Record};
use crate::confidence::{Assessment, Level};
use crate::context::Context;
use crate::detect::{Encoding, Engine};
use crate::finding::{BlobId, FAST_HASH_ALGORITHM, Finding, HASH_ALGORITHM, Location, Recorded};
use crate::scan::{
    BlobLocation, Gathered, IncrementalInfo, ScanError, Suppressed, SuppressedBy, Warning,
    WarningKind, Worker,
};

/// The most bytes of findings the record keeps for one blob: a blob with more (a
/// hostile file of 100,000 keys, under many paths) is read again each run instead.
const MAX_FOUND_BYTES: usize = 16 << 20;

/// What `--incremental` asks for.
#[derive(Debug, Clone)]
pub struct RecordOptions {
    /// The record file.
    pub file: PathBuf,
    /// The run shows, writes or sends secrets (`--show-secrets`, `--replace-text-file`,
    /// `--verify`):
    /// blobs with findings are read again, since the record does not hold secrets.
    pub needs_secrets: bool,
}

/// An incremental scan of one repository under way.
pub(crate) struct Session<'e> {
    engine: &'e Engine,
    record: Mutex<Record>,
    name: String,
    git_dir: String,
    key: String,
    entries: HashMap<BlobId, Entry>,
    started_over: bool,
    max_file_size: u64,
    needs_secrets: bool,
    rule_index: HashMap<&'e str, usize>,
    from_record: AtomicU64,
    /// What this run scanned, for the record.
    scanned: Mutex<Vec<(BlobId, Entry)>>,
}

/// Where a worker's results stood before it scanned a blob.
pub(crate) struct Mark {
    findings: usize,
    suppressed: usize,
    files: u64,
    binary: u64,
    failed: u64,
}

impl Mark {
    pub(crate) fn of(worker: &Worker<'_>) -> Mark {
        let p = &worker.partial;
        Mark {
            findings: p.findings.len(),
            suppressed: p.suppressed.len(),
            files: p.stats.files_scanned,
            binary: p.stats.skipped_binary,
            failed: p.stats.failed,
        }
    }
}

/// A recorded blob's results, by path.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Found {
    paths: BTreeMap<String, AtPath>,
}

/// What a blob's scan reported, and suppressed, at one path.
#[derive(Debug, Default, Serialize, Deserialize)]
struct AtPath {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    findings: Vec<StoredFinding>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    suppressed: Vec<StoredSuppressed>,
}

/// A finding as the record keeps it: what reports show, never the secret.
#[derive(Debug, Serialize, Deserialize)]
struct StoredFinding {
    rule: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    secret_hash: String,
    hash_algorithm: String,
    fingerprint: String,
    redacted: String,
    secret_len: Option<usize>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    encodings: Vec<String>,
    key_id: Option<String>,
    context: String,
    confidence: String,
    reason: String,
    generated_content: bool,
}

/// A suppressed location as the record keeps it.
#[derive(Debug, Serialize, Deserialize)]
struct StoredSuppressed {
    inline: bool,
    line: usize,
    end_line: usize,
    file_rule: bool,
}

impl<'e> Session<'e> {
    /// Opens the record and loads the entries of the repository whose git directory is
    /// `git_dir`, made under this scan's key.
    pub(crate) fn open(
        engine: &'e Engine,
        opts: &RecordOptions,
        git_dir: &Path,
        max_file_size: u64,
    ) -> Result<Session<'e>, ScanError> {
        let record = Record::open(&opts.file).map_err(ScanError::Record)?;
        let key = scan_key(engine).map_err(ScanError::Record)?;
        // The common directory, resolved: every worktree and every way of naming the
        // repository shares one record.
        let git_dir = std::fs::canonicalize(git_dir)
            .unwrap_or_else(|_| git_dir.to_path_buf())
            .to_string_lossy()
            .into_owned();
        let loaded = record.load(&git_dir, &key).map_err(ScanError::Record)?;
        let rule_index = engine
            .rules()
            .rules()
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id(), i))
            .collect();
        Ok(Session {
            engine,
            record: Mutex::new(record),
            name: opts.file.display().to_string(),
            git_dir,
            key,
            entries: loaded.entries,
            started_over: loaded.started_over,
            max_file_size,
            needs_secrets: opts.needs_secrets,
            rule_index,
            from_record: AtomicU64::new(0),
            scanned: Mutex::new(Vec::new()),
        })
    }

    /// If the record holds what scanning blob `id` at `locations` (the first of them at
    /// `first_path`) would yield, hands that to `worker` as if it had scanned the blob,
    /// and says so: the blob need not be read.
    pub(crate) fn reuse(
        &self,
        worker: &mut Worker<'_>,
        id: BlobId,
        first_path: &str,
        locations: impl FnOnce() -> Vec<BlobLocation>,
    ) -> bool {
        let Some(entry) = self.entries.get(&id) else {
            return false;
        };
        if entry.size > self.max_file_size {
            return false;
        }
        let stats = &mut worker.partial.stats;
        if entry.binary {
            stats.skipped_binary += 1;
            self.from_record.fetch_add(1, Ordering::Relaxed);
            return true;
        }
        let file_rule_now =
            self.engine.has_file_rules() && self.engine.has_file_rule_for(first_path);
        let same_file_rules = match &entry.file_rule_path {
            None => !file_rule_now,
            Some(then) => file_rule_now && then == first_path,
        };
        if !same_file_rules {
            return false;
        }
        if let Some(found) = &entry.found {
            if self.needs_secrets {
                return false;
            }
            let Some((findings, suppressed)) = self.rebuild(found, id, &locations()) else {
                return false;
            };
            worker.partial.findings.extend(findings);
            worker.partial.suppressed.extend(suppressed);
        }
        let stats = &mut worker.partial.stats;
        stats.files_scanned += 1;
        stats.bytes_scanned += entry.size;
        self.from_record.fetch_add(1, Ordering::Relaxed);
        true
    }

    /// The findings and suppressed locations of a recorded blob at `locations`; `None`
    /// if the entry does not cover one of them, or cannot be read.
    fn rebuild(
        &self,
        found: &str,
        id: BlobId,
        locations: &[BlobLocation],
    ) -> Option<(Vec<Finding>, Vec<Suppressed>)> {
        let found: Found = serde_json::from_str(found).ok()?;
        let mut findings = Vec::new();
        let mut suppressed = Vec::new();
        for loc in locations {
            let at = found.paths.get(&loc.path)?;
            for f in &at.findings {
                let mut finding = self.finding(f, &loc.path)?;
                finding.commit = loc.commit.clone();
                finding.blob = Some(id);
                findings.push(finding);
            }
            suppressed.extend(at.suppressed.iter().map(|s| Suppressed {
                by: if s.inline {
                    SuppressedBy::Inline
                } else {
                    SuppressedBy::Allowlist
                },
                path: loc.path.clone(),
                line: s.line,
                end_line: s.end_line,
                file_rule: s.file_rule,
            }));
        }
        Some((findings, suppressed))
    }

    /// A finding at `path` from what the record kept of it.
    fn finding(&self, f: &StoredFinding, path: &str) -> Option<Finding> {
        let hash_algorithm = [HASH_ALGORITHM, FAST_HASH_ALGORITHM]
            .into_iter()
            .find(|a| *a == f.hash_algorithm)?;
        let encodings = f
            .encodings
            .iter()
            .map(|name| {
                [Encoding::Base64, Encoding::Percent, Encoding::Hex]
                    .into_iter()
                    .map(Encoding::name)
                    .find(|n| n == name)
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Finding {
            rule: *self.rule_index.get(f.rule.as_str())?,
            location: Location {
                path: path.to_string(),
                line: f.line,
                column: f.column,
                end_line: f.end_line,
                end_column: f.end_column,
                ignored_by: None,
            },
            secret: Vec::new(),
            secret_hash: f.secret_hash.clone(),
            fingerprint: f.fingerprint.clone(),
            commit: None,
            blob: None,
            encodings,
            written: None,
            fix: None,
            key_id: f.key_id.clone(),
            // Not recorded: a recorded finding has no secret to verify either.
            near: Vec::new(),
            rivals: Vec::new(),
            context: Context::from_name(&f.context)?,
            confidence: Assessment {
                level: Level::from_name(&f.confidence)?,
                reason: reason(&f.reason),
            },
            generated_content: f.generated_content,
            recorded: Some(Arc::new(Recorded {
                redacted: f.redacted.clone(),
                hash_algorithm,
                secret_len: f.secret_len,
            })),
        })
    }

    /// Keeps for the record what `worker` made of blob `id` (`size` bytes) at
    /// `locations` since `mark`, in `out`: only a blob scanned whole, whose findings
    /// the record can hold.
    pub(crate) fn capture(
        &self,
        out: &mut Vec<(BlobId, Entry)>,
        worker: &Worker<'_>,
        mark: &Mark,
        id: BlobId,
        size: usize,
        locations: &[BlobLocation],
    ) {
        let p = &worker.partial;
        let Some(first) = locations.first() else {
            return;
        };
        if p.stats.failed > mark.failed {
            return;
        }
        let binary = p.stats.skipped_binary > mark.binary;
        if !binary && p.stats.files_scanned == mark.files {
            return;
        }
        let findings = &p.findings[mark.findings..];
        let suppressed = &p.suppressed[mark.suppressed..];
        let found = if findings.is_empty() && suppressed.is_empty() {
            None
        } else {
            // Findings the record cannot hold leave the blob out of it: read next time.
            match self.found(findings, suppressed, locations) {
                Some(json) => Some(json),
                None => return,
            }
        };
        let file_rule_path =
            (!binary && self.engine.has_file_rules() && self.engine.has_file_rule_for(&first.path))
                .then(|| first.path.clone());
        out.push((
            id,
            Entry {
                size: size as u64,
                binary,
                file_rule_path,
                found,
            },
        ));
    }

    /// A blob's findings and suppressed locations as the record keeps them, by path
    /// (every one of `locations`, even where nothing was reported); `None` for
    /// findings it cannot hold (a fix, an ignore file: not in history scans), or more
    /// than [`MAX_FOUND_BYTES`] of them.
    fn found(
        &self,
        findings: &[Finding],
        suppressed: &[Suppressed],
        locations: &[BlobLocation],
    ) -> Option<String> {
        let rules = self.engine.rules();
        let mut found = Found::default();
        for l in locations {
            found.paths.entry(l.path.clone()).or_default();
        }
        for f in findings {
            if f.fix.is_some() || f.location.ignored_by.is_some() || f.recorded.is_some() {
                return None;
            }
            let l = &f.location;
            found.paths.get_mut(&l.path)?.findings.push(StoredFinding {
                rule: rules.get(f.rule).id().to_string(),
                line: l.line,
                column: l.column,
                end_line: l.end_line,
                end_column: l.end_column,
                secret_hash: f.secret_hash.clone(),
                hash_algorithm: f.hash_algorithm(rules).to_string(),
                fingerprint: f.fingerprint.clone(),
                redacted: f.redacted(rules),
                secret_len: f.secret_len(),
                encodings: f.encodings.iter().map(|e| e.to_string()).collect(),
                key_id: f.key_id.clone(),
                context: f.context.name().to_string(),
                confidence: f.confidence.level.name().to_string(),
                reason: f.confidence.reason.to_string(),
                generated_content: f.generated_content,
            });
        }
        for s in suppressed {
            found
                .paths
                .get_mut(&s.path)?
                .suppressed
                .push(StoredSuppressed {
                    inline: s.by == SuppressedBy::Inline,
                    line: s.line,
                    end_line: s.end_line,
                    file_rule: s.file_rule,
                });
        }
        serde_json::to_string(&found)
            .ok()
            .filter(|json| json.len() <= MAX_FOUND_BYTES)
    }

    /// Adds a worker's captured entries to what the run will record.
    pub(crate) fn keep(&self, entries: Vec<(BlobId, Entry)>) {
        self.scanned
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(entries);
    }

    /// Saves what this run scanned, says in `gathered` what the record did (a note when
    /// it started over, a warning when it could not be saved), and returns the counts
    /// for the report. `blobs` is the number of blobs the run considered.
    pub(crate) fn finish(self, gathered: &mut Gathered, blobs: u64) -> IncrementalInfo {
        let scanned = self.scanned.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut record = self.record.into_inner().unwrap_or_else(|e| e.into_inner());
        if let Err(e) = record.save(&self.git_dir, &self.key, &scanned) {
            gathered.collector.merge(crate::scan::Partial {
                warnings: vec![Warning::new(
                    WarningKind::Record,
                    self.name.clone(),
                    format!(
                        "not updated ({e}); the scan is complete, and the next one reads \
                         again what this one read"
                    ),
                )],
                ..Default::default()
            });
        }
        if self.started_over {
            gathered.notes.push(format!(
                "incremental record {}: this repository was recorded under another leakhound \
                 build, other rules or other allowlists; its record was begun anew and every \
                 blob read",
                self.name
            ));
        }
        let from_record = self.from_record.into_inner();
        IncrementalInfo {
            record: self.name,
            blobs_read: blobs.saturating_sub(from_record),
            blobs_from_record: from_record,
            started_over: self.started_over,
        }
    }
}

/// A confidence reason read from the record, as the `&'static str` findings carry.
/// The reasons are a handful of fixed phrases: each distinct one is kept once per
/// process.
fn reason(text: &str) -> &'static str {
    static KNOWN: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut known = KNOWN
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    match known.get(text) {
        Some(r) => r,
        None => {
            let r: &'static str = Box::leak(text.to_string().into_boxed_str());
            known.insert(r);
            r
        }
    }
}

/// What a recorded scan result depends on besides the blob and its paths, hashed: the
/// record's format, this leakhound build (its version and the executable itself, so a
/// rebuild with other code counts), every rule in full, and the allowlists and inline
/// markers. A record made under another key is begun anew.
pub(crate) fn scan_key(engine: &Engine) -> Result<String, String> {
    let mut h = Sha256::new();
    let mut part = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    part(b"leakhound incremental record, format 1");
    part(env!("CARGO_PKG_VERSION").as_bytes());
    part(build_identity()?.as_bytes());
    for rule in engine.rules().rules() {
        let def = postcard::to_allocvec(&rule.def)
            .map_err(|e| format!("cannot describe rule {}: {e}", rule.id()))?;
        part(&def);
    }
    part(engine.policy().identity().as_bytes());
    Ok(crate::finding::hex(&h.finalize()))
}

/// The running executable's size and CRC-32: which build this is, beyond its version.
fn build_identity() -> Result<String, String> {
    let fail = |e: std::io::Error| format!("cannot identify this leakhound build: {e}");
    let exe = std::env::current_exe().map_err(fail)?;
    let mut file = std::fs::File::open(&exe).map_err(fail)?;
    let mut crc = crc32fast::Hasher::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut len = 0u64;
    loop {
        let n = file.read(&mut buf).map_err(fail)?;
        if n == 0 {
            break;
        }
        crc.update(&buf[..n]);
        len += n as u64;
    }
    Ok(format!("{len}:{:08x}", crc.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::finding::CommitInfo;
    use crate::rules::RuleSet;
    use crate::scan::Collector;

    /// A fake classic GitHub token with a valid checksum (the CLI tests' first one).
    fn token() -> String {
        crate::detect::checksum::with_crc32_base62("ghp_R7wq2mZkT9vLx4NbQe8sYc1HdJ0aFu")
    }

    fn session<'e>(engine: &'e Engine, dir: &Path, needs_secrets: bool) -> Session<'e> {
        let opts = RecordOptions {
            file: dir.join("record.db"),
            needs_secrets,
        };
        Session::open(engine, &opts, dir, 1 << 20).unwrap()
    }

    fn at(paths: &[&str]) -> Vec<BlobLocation> {
        paths
            .iter()
            .enumerate()
            .map(|(order, p)| BlobLocation {
                path: p.to_string(),
                commit: Some(Arc::new(CommitInfo {
                    id: format!("{order:040}"),
                    author_name: "A".to_string(),
                    author_email: "a@example.org".to_string(),
                    time: order as i64,
                    summary: "s".to_string(),
                    order,
                })),
            })
            .collect()
    }

    /// Scans `bytes` at `locations` and captures the result: the worker's findings
    /// and what the record would keep.
    fn scan(
        s: &Session<'_>,
        bytes: &[u8],
        locations: &[BlobLocation],
    ) -> (Vec<Finding>, Vec<Suppressed>, Vec<(BlobId, Entry)>) {
        let collector = Collector::default();
        let mut worker = Worker::new(s.engine, &collector);
        worker.tracked = crate::scan::Tracked::Everything;
        let mark = Mark::of(&worker);
        let id = BlobId([7; 20]);
        worker.scan_blob(bytes, locations, Some(id));
        let mut out = Vec::new();
        s.capture(&mut out, &worker, &mark, id, bytes.len(), locations);
        let p = std::mem::take(&mut worker.partial);
        (p.findings, p.suppressed, out)
    }

    /// Takes blob 7 from the record at `locations`, if the record stands for it.
    fn reuse(
        s: &Session<'_>,
        locations: &[BlobLocation],
    ) -> Option<(Vec<Finding>, Vec<Suppressed>)> {
        let collector = Collector::default();
        let mut worker = Worker::new(s.engine, &collector);
        let first = locations[0].path.clone();
        let used = s.reuse(&mut worker, BlobId([7; 20]), &first, || locations.to_vec());
        let p = std::mem::take(&mut worker.partial);
        used.then_some((p.findings, p.suppressed))
    }

    #[test]
    fn recorded_findings_read_as_the_scanned_ones_without_the_secret() {
        let dir = tempfile::tempdir().unwrap();
        let engine = Engine::new(RuleSet::builtin());
        let mut s = session(&engine, dir.path(), false);
        let t = token();
        let text = format!("A = \"{t}\"\nB = \"{t}\"  # leakhound:allow\n");
        let locations = at(&["src/app.py", "tests/app_test.py"]);
        let (scanned, suppressed, entries) = scan(&s, text.as_bytes(), &locations);
        assert_eq!(scanned.len(), 2);
        assert_eq!(suppressed.len(), 2);
        let [(id, entry)] = &entries[..] else {
            panic!("{entries:?}")
        };
        let json = entry.found.as_deref().unwrap();
        assert!(!json.contains(&t[4..]), "{json}");
        s.entries.insert(*id, entry.clone());

        let (rebuilt, again) = reuse(&s, &locations).unwrap();
        assert_eq!(again.len(), 2);
        let rules = engine.rules();
        for (a, b) in scanned.iter().zip(&rebuilt) {
            assert!(b.secret.is_empty() && b.recorded.is_some());
            assert_eq!(a.redacted(rules), b.redacted(rules));
            assert_eq!(a.hash_algorithm(rules), b.hash_algorithm(rules));
            assert_eq!(a.secret_len(), b.secret_len());
            let mut b = b.clone();
            b.secret.clone_from(&a.secret);
            b.recorded = None;
            assert_eq!(&b, a);
        }
    }

    #[test]
    fn a_record_stands_only_for_the_paths_and_file_rules_it_was_made_at() {
        let dir = tempfile::tempdir().unwrap();
        let engine = Engine::new(RuleSet::builtin());
        let mut s = session(&engine, dir.path(), false);
        let id = BlobId([7; 20]);
        let t = token();
        // A blob with a finding: only at the paths it was recorded at.
        let (_, _, entries) = scan(&s, format!("T = '{t}'\n").as_bytes(), &at(&["a.py"]));
        s.entries.insert(id, entries[0].1.clone());
        assert_eq!(reuse(&s, &at(&["a.py"])).unwrap().0.len(), 1);
        assert!(reuse(&s, &at(&["a.py", "b.py"])).is_none());
        assert!(reuse(&s, &at(&["b.py"])).is_none());

        // A blob no rule matched: anywhere, unless a file rule now applies at its first
        // path.
        let (_, _, entries) = scan(&s, b"nothing here\n", &at(&["notes.txt"]));
        assert_eq!(entries[0].1.found, None);
        s.entries.insert(id, entries[0].1.clone());
        assert!(reuse(&s, &at(&["elsewhere/notes.md", "x.txt"])).is_some());
        assert!(reuse(&s, &at(&["app/.env"])).is_none());
        assert!(reuse(&s, &at(&["x.txt", "app/.env"])).is_some());

        // A `.env` is recorded with its path: the file rule ran there.
        let (found, _, entries) = scan(&s, b"A=1\n", &at(&["app/.env"]));
        assert_eq!(entries[0].1.file_rule_path.as_deref(), Some("app/.env"));
        s.entries.insert(id, entries[0].1.clone());
        let (again, _) = reuse(&s, &at(&["app/.env"])).unwrap();
        assert_eq!(again.len(), found.len());
        assert!(reuse(&s, &at(&["other/.env"])).is_none());
        assert!(reuse(&s, &at(&["plain.txt"])).is_none());

        // Binary: skipped at any path.
        let (_, _, entries) = scan(&s, b"\0\x01\x02binary", &at(&["app/.env"]));
        assert!(entries[0].1.binary);
        s.entries.insert(id, entries[0].1.clone());
        assert!(reuse(&s, &at(&["x.bin"])).is_some());

        // Over this run's size limit: not taken from the record.
        s.max_file_size = 2;
        assert!(reuse(&s, &at(&["x.bin"])).is_none());
    }

    #[test]
    fn runs_that_show_secrets_read_blobs_with_findings_again() {
        let dir = tempfile::tempdir().unwrap();
        let engine = Engine::new(RuleSet::builtin());
        let mut s = session(&engine, dir.path(), true);
        let id = BlobId([7; 20]);
        let (_, _, entries) = scan(
            &s,
            format!("T = '{}'\n", token()).as_bytes(),
            &at(&["a.py"]),
        );
        s.entries.insert(id, entries[0].1.clone());
        assert!(reuse(&s, &at(&["a.py"])).is_none());
        let (_, _, entries) = scan(&s, b"clean\n", &at(&["a.py"]));
        s.entries.insert(id, entries[0].1.clone());
        assert!(reuse(&s, &at(&["a.py"])).is_some());
    }

    #[test]
    fn scans_that_failed_or_did_not_happen_are_not_captured() {
        let dir = tempfile::tempdir().unwrap();
        let engine = Engine::new(RuleSet::builtin());
        let s = session(&engine, dir.path(), false);
        let collector = Collector::default();
        let mut worker = Worker::new(&engine, &collector);
        let mut out = Vec::new();
        let locations = at(&["a.py"]);
        let mark = Mark::of(&worker);
        worker.skip_too_large("a.py", 1 << 30);
        s.capture(&mut out, &worker, &mark, BlobId([1; 20]), 10, &locations);
        let mark = Mark::of(&worker);
        worker.scan_bytes("a.py", b"clean\n");
        worker.partial.stats.failed += 1;
        s.capture(&mut out, &worker, &mark, BlobId([2; 20]), 10, &locations);
        assert!(out.is_empty(), "{out:?}");
    }

    /// A record that cannot be saved leaves the scan complete, with a warning.
    #[test]
    fn a_record_that_cannot_be_saved_is_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let engine = Engine::new(RuleSet::builtin());
        let s = session(&engine, dir.path(), false);
        let (_, _, entries) = scan(&s, b"clean\n", &at(&["a.txt"]));
        s.keep(entries);
        rusqlite::Connection::open(dir.path().join("record.db"))
            .unwrap()
            .execute_batch("DROP TABLE blob;")
            .unwrap();
        let mut gathered = Gathered::new(crate::scan::Mode::History, std::time::Instant::now());
        let info = s.finish(&mut gathered, 3);
        assert_eq!((info.blobs_read, info.blobs_from_record), (3, 0));
        let warnings = gathered.collector.into_partial().warnings;
        let [w] = &warnings[..] else {
            panic!("{warnings:?}")
        };
        assert_eq!(w.kind, WarningKind::Record);
        assert!(w.message.starts_with("not updated ("), "{}", w.message);
        assert!(w.message.contains("no such table: blob"), "{}", w.message);
    }

    #[test]
    fn the_scan_key_follows_rules_and_policy() {
        let key = |inline: bool, rules: RuleSet| {
            let policy = crate::detect::policy::Policy {
                inline_allow: inline,
                ..Default::default()
            };
            scan_key(&Engine::new(rules).with_policy(policy)).unwrap()
        };
        let base = key(true, RuleSet::builtin());
        assert_eq!(base, key(true, RuleSet::builtin()));
        assert_ne!(base, key(false, RuleSet::builtin()));
        assert_ne!(base, key(true, RuleSet::empty()));
    }
}
