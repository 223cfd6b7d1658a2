//! Sources → workers → collector.
//!
//! Each worker thread owns a [`Worker`]: a scanner with its buffers and a private
//! [`Partial`] of findings, warnings and counters. Workers never print; when a worker
//! ends it merges its partial into the shared [`Collector`], which sorts everything so
//! the output is the same whatever the thread count.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::detect::content::{Content, prepare};
use crate::detect::{Engine, Match, Scanner};
use crate::finding::{CommitInfo, Finding, Positions, SecretGroup, group};
use crate::fix::{fix_for, suggested_env_var};
use crate::source;

/// What to scan and how.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Files and directories; `-` is standard input.
    pub paths: Vec<PathBuf>,
    /// Do not honour `.gitignore`, `.ignore` and git excludes.
    pub no_ignore: bool,
    /// Follow symbolic links.
    pub follow_links: bool,
    /// Files larger than this are skipped and counted.
    pub max_file_size: u64,
    /// Worker threads; 0 picks the number of CPUs.
    pub threads: usize,
}

/// Counters for the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub files_scanned: u64,
    pub bytes_scanned: u64,
    pub skipped_binary: u64,
    pub skipped_too_large: u64,
    /// Symbolic links (not followed), FIFOs, sockets and devices.
    pub skipped_special: u64,
    /// Files, directories, refs and git objects that could not be read
    /// (`Outcome::missed` names them).
    pub unreadable: u64,
    /// Findings not reported because of a `leakhound:allow` marker on their line.
    pub suppressed_inline: u64,
    /// Findings not reported because a config allowlist entry matched them.
    pub suppressed_allowlist: u64,
    /// Locations not reported because their fingerprint is in the `--baseline` file.
    pub suppressed_baseline: u64,
    /// Distinct secrets (rule + secret) with at least one location the baseline hid.
    pub suppressed_baseline_secrets: u64,
    /// Inputs whose scan stopped on an internal error (a bug in leakhound): each is
    /// reported, the rest of the scan goes on, and the exit code is 2.
    pub failed: u64,
}

impl Stats {
    pub fn files_skipped(&self) -> u64 {
        self.skipped_binary + self.skipped_too_large + self.skipped_special
    }

    pub fn suppressed(&self) -> u64 {
        self.suppressed_inline + self.suppressed_allowlist + self.suppressed_baseline
    }

    fn merge(&mut self, o: &Stats) {
        self.files_scanned += o.files_scanned;
        self.bytes_scanned += o.bytes_scanned;
        self.skipped_binary += o.skipped_binary;
        self.skipped_too_large += o.skipped_too_large;
        self.skipped_special += o.skipped_special;
        self.unreadable += o.unreadable;
        self.suppressed_inline += o.suppressed_inline;
        self.suppressed_allowlist += o.suppressed_allowlist;
        self.suppressed_baseline += o.suppressed_baseline;
        self.suppressed_baseline_secrets += o.suppressed_baseline_secrets;
        self.failed += o.failed;
    }
}

/// What a history scan covered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryInfo {
    /// The repository's directory, as given.
    pub repo: String,
    /// Where the repository lives, for SARIF `versionControlProvenance`: the `origin`
    /// remote's URL without any credentials, else a `file://` URL of the directory.
    pub uri: String,
    /// Commit id at HEAD, if HEAD points at a commit.
    pub head: Option<String>,
    /// Commits walked.
    pub commits: u64,
    /// Distinct blobs considered (each read at most once).
    pub blobs: u64,
    pub shallow: bool,
    /// Submodule entries seen (not entered).
    pub submodules: u64,
}

/// What kind of input a scan could not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MissedKind {
    File,
    Directory,
    Ref,
    Commit,
    Tree,
    Blob,
}

impl MissedKind {
    /// The name used in JSON and SARIF.
    pub fn name(self) -> &'static str {
        match self {
            MissedKind::File => "file",
            MissedKind::Directory => "directory",
            MissedKind::Ref => "ref",
            MissedKind::Commit => "commit",
            MissedKind::Tree => "tree",
            MissedKind::Blob => "blob",
        }
    }
}

/// An input that should have been scanned and was not, because it could not be read.
/// Any one of them makes the exit code 2 unless `--allow-partial`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Missed {
    pub what: MissedKind,
    /// A path (`src/a.py`), a blob or tree with the path it was seen at
    /// (`a.py (blob 3b18e5…)`), a ref name or a commit id.
    pub name: String,
    /// Why it could not be read, one line.
    pub reason: String,
}

impl Missed {
    pub fn new(what: MissedKind, name: impl Into<String>, reason: impl Into<String>) -> Missed {
        Missed {
            what,
            name: name.into(),
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for Missed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.name, self.reason)
    }
}

/// The result of a scan.
#[derive(Debug, Default)]
pub struct Outcome {
    /// One entry per distinct secret (rule + secret), with all its locations; sorted
    /// by primary path, line, column and rule id, or by urgency in history scans.
    pub groups: Vec<SecretGroup>,
    /// One line each, sorted: problems that did not keep an input from being scanned,
    /// and internal errors (`Stats::failed`).
    pub warnings: Vec<String>,
    /// Inputs that could not be read, sorted; `Stats::unreadable` counts them.
    pub missed: Vec<Missed>,
    /// Why the inputs in `missed` were missed, when one cause explains many (a
    /// partial clone): one line each.
    pub missed_explanation: Vec<String>,
    /// One line each: facts about the scan a reader should know (a shallow clone,
    /// submodules not entered).
    pub notes: Vec<String>,
    pub stats: Stats,
    /// Set by history scans.
    pub history: Option<HistoryInfo>,
    /// Set by `staged`: the findings are in the index, not committed yet.
    pub staged: bool,
    /// The scan's date (seconds since the epoch): `SOURCE_DATE_EPOCH` if set, else now.
    /// Exposure times are measured up to it.
    pub now: i64,
    pub elapsed: Duration,
}

impl Outcome {
    /// Whether every input that should have been scanned was.
    pub fn complete(&self) -> bool {
        self.missed.is_empty() && self.stats.failed == 0
    }

    /// Adds inputs missed outside the workers (enumeration), keeping `missed` sorted.
    pub fn add_missed(&mut self, more: impl IntoIterator<Item = Missed>) {
        self.missed.extend(more);
        self.missed.sort();
        self.missed.dedup();
        self.stats.unreadable = self.missed.len() as u64;
    }

    /// Number of locations over all groups.
    pub fn location_count(&self) -> usize {
        self.groups.iter().map(|g| g.findings.len()).sum()
    }
}

/// The scan's date: `SOURCE_DATE_EPOCH` (the reproducible-builds convention) when set,
/// so reports can be reproduced byte for byte, else the current time.
pub fn scan_date() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        })
}

/// Errors that stop a scan before it starts.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("{0}: no such file or directory")]
    NotFound(String),
    #[error("cannot read standard input: {0}")]
    Stdin(std::io::Error),
    #[error("{0}")]
    Git(String),
}

/// What one worker has gathered.
#[derive(Debug, Default)]
pub struct Partial {
    pub findings: Vec<Finding>,
    pub warnings: Vec<String>,
    pub missed: Vec<Missed>,
    pub stats: Stats,
    /// Some of the inputs skipped as too large, with their sizes, to name them.
    pub too_large: Vec<(String, u64)>,
    /// Facts about the scan for the report's notes (fewer threads than asked).
    pub notes: Vec<String>,
}

/// How many too-large inputs the notes name; the rest are counted.
const TOO_LARGE_NAMED: usize = 10;

/// Where workers leave their partials.
#[derive(Default)]
pub struct Collector {
    inner: Mutex<Partial>,
}

impl Collector {
    pub fn merge(&self, p: Partial) {
        // A worker that panicked while holding the lock leaves the data intact.
        let mut all = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        all.findings.extend(p.findings);
        all.warnings.extend(p.warnings);
        all.missed.extend(p.missed);
        all.stats.merge(&p.stats);
        all.too_large.extend(p.too_large);
        all.notes.extend(p.notes);
    }

    /// Groups and sorts everything the workers found.
    pub fn finish(self, engine: &Engine, started: Instant) -> Outcome {
        let mut all = self.inner.into_inner().unwrap_or_else(|e| e.into_inner());
        all.warnings.sort();
        all.warnings.dedup();
        all.missed.sort();
        all.missed.dedup();
        all.stats.unreadable = all.missed.len() as u64;
        all.too_large.sort();
        let mut notes: Vec<String> = all
            .too_large
            .iter()
            .take(TOO_LARGE_NAMED)
            .map(|(path, size)| {
                format!(
                    "{path}: not scanned, {} is over the --max-file-size limit",
                    crate::text::human_bytes(*size)
                )
            })
            .collect();
        let unnamed = all
            .stats
            .skipped_too_large
            .saturating_sub(notes.len() as u64);
        if unnamed > 0 {
            notes.push(format!(
                "{unnamed} more inputs over the --max-file-size limit were not scanned"
            ));
        }
        notes.append(&mut all.notes);
        Outcome {
            groups: group(engine.rules(), all.findings),
            warnings: all.warnings,
            missed: all.missed,
            missed_explanation: Vec::new(),
            notes,
            stats: all.stats,
            history: None,
            staged: false,
            now: scan_date(),
            elapsed: started.elapsed(),
        }
    }
}

/// Where a blob was seen: a path, and in history scans the commit that introduced it
/// there.
#[derive(Debug, Clone)]
pub struct BlobLocation {
    pub path: String,
    pub commit: Option<Arc<CommitInfo>>,
}

impl BlobLocation {
    pub fn path(path: &str) -> BlobLocation {
        BlobLocation {
            path: path.to_string(),
            commit: None,
        }
    }
}

/// A span of scanned text that a rule matched, and what a report shows in its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redaction {
    pub start: usize,
    pub end: usize,
    /// The finding's redacted form ([`Finding::redacted`]).
    pub redacted: String,
}

/// Per-thread scanning state.
pub struct Worker<'e> {
    engine: &'e Engine,
    scanner: Scanner<'e>,
    matches: Vec<Match>,
    /// Reusable read buffer.
    pub buf: Vec<u8>,
    pub partial: Partial,
    collector: &'e Collector,
    /// Whether the bytes scanned are the files as they are on disk, so that findings
    /// can carry a fix (edits by byte offset): true for the working tree only.
    pub offer_fixes: bool,
    /// Which of the files scanned are committed, for file rules.
    pub tracked: Tracked,
    /// Set while scanning a file that an ignore file hides: the ignore file, carried
    /// on each finding's location.
    pub ignored_by: Option<String>,
}

/// Which scanned files are committed to git: file rules report only those.
#[derive(Debug, Clone, Default)]
pub enum Tracked {
    /// None known to be: standard input.
    #[default]
    Nothing,
    /// Every blob: history and staged scans.
    Everything,
    /// Working-tree files that are in their repository's index.
    Indexed(Arc<source::tracked::TrackedFiles>),
}

impl Tracked {
    pub fn contains(&self, path: &str) -> bool {
        match self {
            Tracked::Nothing => false,
            Tracked::Everything => true,
            Tracked::Indexed(files) => files.contains(Path::new(path)),
        }
    }
}

impl<'e> Worker<'e> {
    pub fn new(engine: &'e Engine, collector: &'e Collector) -> Worker<'e> {
        Worker {
            engine,
            scanner: engine.scanner(),
            matches: Vec::new(),
            buf: Vec::new(),
            partial: Partial::default(),
            collector,
            offer_fixes: false,
            tracked: Tracked::Nothing,
            ignored_by: None,
        }
    }

    pub fn engine(&self) -> &'e Engine {
        self.engine
    }

    /// Scans the bytes in `self.buf` as the content of `path`.
    pub fn scan_buf(&mut self, path: &str) {
        let buf = std::mem::take(&mut self.buf);
        self.scan_bytes(path, &buf);
        self.buf = buf;
    }

    /// Scans `bytes` as the content of `path`.
    pub fn scan_bytes(&mut self, path: &str, bytes: &[u8]) {
        self.scan_blob(bytes, &[BlobLocation::path(path)], None);
    }

    /// Scans `bytes` once and reports each match at every one of `locations` (a blob
    /// seen under several paths or introduced by several commits).
    ///
    /// A panic while scanning (a bug) is caught here: it becomes an error for this
    /// input, counted in `Stats::failed`, and the scan goes on with the next one.
    pub fn scan_blob(&mut self, bytes: &[u8], locations: &[BlobLocation], blob: Option<&str>) {
        let path = locations.first().map_or("<input>", |l| l.path.as_str());
        self.guarded(path, |w| w.scan_blob_unguarded(bytes, locations, blob));
    }

    /// Scans `text` that is not a file's content (in a history scan, a commit's message
    /// or its author and committer) as the content of the pseudo-path `path`: the same
    /// rules, filters, inline allow and allowlists as a blob, but no file rules, and it
    /// is not counted as a file scanned. The findings carry no commit: the caller sets
    /// it. `name` names the input in an error message.
    ///
    /// Returns every span a rule matched (suppressed or not), with the finding's
    /// redacted form, so that the caller can redact the text wherever it is shown; or
    /// `None` when the scan failed (an internal error, reported), and the text must not
    /// be shown at all.
    pub fn scan_text(&mut self, text: &[u8], path: &str, name: &str) -> Option<Vec<Redaction>> {
        let location = [BlobLocation::path(path)];
        let failed = self.partial.stats.failed;
        self.guarded(name, |w| {
            inject_test_panic(name);
            w.scan_prepared(text, Cow::Borrowed(text), &location, None)
        });
        if self.partial.stats.failed > failed {
            return None;
        }
        let rules = self.engine.rules();
        Some(
            self.matches
                .iter()
                .map(|m| Redaction {
                    start: m.start,
                    end: m.end,
                    redacted: Finding::new(rules, m, path, text).redacted(rules),
                })
                .collect(),
        )
    }

    /// Runs `scan` on the input named `path`, catching a panic (a bug): it becomes an
    /// error for this input, counted in `Stats::failed`, and the scan goes on.
    fn guarded(&mut self, path: &str, scan: impl FnOnce(&mut Self)) {
        let findings_before = self.partial.findings.len();
        let scanned = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| scan(self)));
        if let Err(panic) = scanned {
            // What the failed scan had found so far may be partial: drop it, say so.
            self.partial.findings.truncate(findings_before);
            self.matches.clear();
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            self.partial.stats.failed += 1;
            self.partial.warnings.push(format!(
                "error: {path}: internal error while scanning ({what}); this input was not \
                 scanned, the rest of the scan went on. Please report this as a bug."
            ));
            // The scanner's buffers may be in any state after a panic: start afresh.
            self.scanner = self.engine.scanner();
        }
    }

    fn scan_blob_unguarded(
        &mut self,
        bytes: &[u8],
        locations: &[BlobLocation],
        blob: Option<&str>,
    ) {
        for l in locations {
            inject_test_panic(&l.path);
        }
        let text = match prepare(bytes) {
            Content::Binary => {
                self.partial.stats.skipped_binary += 1;
                return;
            }
            Content::Text(t) => t,
        };
        self.partial.stats.files_scanned += 1;
        self.partial.stats.bytes_scanned += bytes.len() as u64;
        self.scan_prepared(bytes, text, locations, blob);
    }

    /// Scans `text`, the content of `bytes` as [`prepare`] made it, and reports each
    /// match at every one of `locations`.
    fn scan_prepared(
        &mut self,
        bytes: &[u8],
        text: Cow<'_, [u8]>,
        locations: &[BlobLocation],
        blob: Option<&str>,
    ) {
        self.matches.clear();
        self.scanner.scan(&text, &mut self.matches);
        keep_best_overlapping(self.engine, &mut self.matches);
        let Some(first) = locations.first() else {
            return;
        };
        // File rules report the file itself; they stand beside what the rules found in
        // it, never in competition with it.
        if self.engine.has_file_rule_for(&first.path) && self.tracked.contains(&first.path) {
            self.engine
                .scan_file_rules(&first.path, &text, &mut self.matches);
        }
        if self.matches.is_empty() {
            return;
        }
        let rules = self.engine.rules();
        let policy = self.engine.policy();
        let mut fixes_left = MAX_FIXES_PER_FILE;
        // Matches come in text order: lines and columns are computed from one match to
        // the next, and each line is found (and searched for the marker) once.
        let mut positions = Positions::new(&text);
        let mut key_ids = None;
        let mut current: Option<(std::ops::Range<usize>, bool)> = None;
        for (i, m) in self.matches.iter().enumerate() {
            let (span, allowed) = match &current {
                Some((span, allowed)) if span.start <= m.start && m.start <= span.end => {
                    (span.clone(), *allowed)
                }
                _ => {
                    let span = line_span(&text, m.start);
                    let allowed = policy.inline_allow
                        && memchr::memmem::find(&text[span.clone()], INLINE_ALLOW).is_some();
                    current = Some((span.clone(), allowed));
                    (span, allowed)
                }
            };
            let line = &text[span];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if allowed {
                self.partial.stats.suppressed_inline += locations.len() as u64;
                continue;
            }
            let mut f = Finding::located(rules, m, &first.path, &mut positions);
            f.location.ignored_by.clone_from(&self.ignored_by);
            f.blob = blob.map(str::to_string);
            f.key_id = key_id_near(rules, &self.matches, i, &text, &mut key_ids);
            // The scanner sees the file without its UTF-8 byte-order mark (`base` bytes);
            // a UTF-16 file is decoded into an owned buffer and gets no fix.
            if self.offer_fixes
                && fixes_left > 0
                && bytes.len() <= MAX_FIX_FILE_SIZE
                && m.decoded.is_none()
                && !rules.get(m.rule).is_file_rule()
                && locations.len() == 1
                && let Cow::Borrowed(t) = &text
                && crate::fix::lang_of(&first.path).is_some()
            {
                let base = bytes.len() - t.len();
                let fallback = suggested_env_var(rules.get(m.rule));
                f.fix = fix_for(&first.path, t, base, m.start, m.end, &fallback).map(Arc::new);
                fixes_left -= 1;
            }
            let rule_id = rules.get(m.rule).id();
            for (i, loc) in locations.iter().enumerate() {
                let mut at = if i == 0 {
                    f.clone()
                } else {
                    f.at_path(rules, &loc.path)
                };
                at.commit = loc.commit.clone();
                let candidate = crate::config::Candidate {
                    rule_id,
                    path: &at.location.path,
                    secret: &at.secret,
                    line,
                    fingerprint: &at.fingerprint,
                };
                if policy.config.allows(&candidate) {
                    self.partial.stats.suppressed_allowlist += 1;
                } else {
                    self.partial.findings.push(at);
                }
            }
        }
    }

    /// Counts an input skipped for its size, keeping the first few names for the notes.
    pub fn skip_too_large(&mut self, path: &str, size: u64) {
        self.partial.stats.skipped_too_large += 1;
        if self.partial.too_large.len() < TOO_LARGE_NAMED {
            self.partial.too_large.push((path.to_string(), size));
        }
    }

    /// Records an input that could not be read.
    pub fn missed(&mut self, missed: Missed) {
        self.partial.stats.unreadable += 1;
        self.partial.missed.push(missed);
    }

    /// A warning that does not stand for a missed input.
    pub fn warn(&mut self, message: String) {
        self.partial.warnings.push(message);
    }
}

/// The key ID that names the secret of `matches[i]`: the match nearest to it, in the
/// same blob, of one of its rule's `key_id_rules` (a public identifier, shown in full).
fn key_id_near<'r>(
    rules: &'r crate::rules::RuleSet,
    matches: &[Match],
    i: usize,
    text: &[u8],
    index: &mut Option<HashMap<&'r str, Vec<usize>>>,
) -> Option<String> {
    let m = &matches[i];
    let wanted = &rules.get(m.rule).def.key_id_rules;
    if wanted.is_empty() {
        return None;
    }
    // Each rule's matches in text order, built once per blob on first need, so a file
    // of many key pairs costs a binary search per secret, not a pass over all matches.
    let by_rule = index.get_or_insert_with(|| {
        let mut map: HashMap<&'r str, Vec<usize>> = HashMap::new();
        for (j, o) in matches.iter().enumerate() {
            if o.decoded.is_none() {
                map.entry(rules.get(o.rule).id()).or_default().push(j);
            }
        }
        for list in map.values_mut() {
            list.sort_by_key(|&j| matches[j].start);
        }
        map
    });
    let distance = |j: usize| matches[j].start.abs_diff(m.start);
    wanted
        .iter()
        .filter_map(|id| by_rule.get(id.as_str()))
        .filter_map(|list| {
            let at = list.partition_point(|&j| matches[j].start < m.start);
            let before = at.checked_sub(1).and_then(|k| list.get(k));
            [before, list.get(at)]
                .into_iter()
                .flatten()
                .copied()
                .min_by_key(|&j| distance(j))
        })
        .min_by_key(|&j| distance(j))
        .map(|j| String::from_utf8_lossy(&text[matches[j].start..matches[j].end]).into_owned())
}

impl Drop for Worker<'_> {
    fn drop(&mut self) {
        self.collector.merge(std::mem::take(&mut self.partial));
    }
}

/// Fault injection for the test suite (debug builds only): a panic while scanning an
/// input whose name contains the value of `LEAKHOUND_TEST_PANIC_ON`.
fn inject_test_panic(name: &str) {
    #[cfg(debug_assertions)]
    if let Ok(needle) = std::env::var("LEAKHOUND_TEST_PANIC_ON")
        && name.contains(&needle)
    {
        panic!("injected test panic");
    }
    #[cfg(not(debug_assertions))]
    let _ = name;
}

/// Files larger than this get no SARIF fix: computing one tokenises the file from its
/// first byte, and a multi-megabyte file (a bundle, generated code) is not one a person
/// edits by hand anyway.
const MAX_FIX_FILE_SIZE: usize = 2 << 20;

/// Each fix tokenises its file up to the secret, so fixes cost the file's size each:
/// the first this many findings of a file get one, the rest none (a file with
/// hundreds of hard-coded secrets is generated or test data, not for mechanical edits).
const MAX_FIXES_PER_FILE: usize = 32;

/// The marker that, in a comment on a finding's line, suppresses it.
pub const INLINE_ALLOW: &[u8] = b"leakhound:allow";

/// The span of the line of `text` that holds byte `at`, without its `\n`.
fn line_span(text: &[u8], at: usize) -> std::ops::Range<usize> {
    let at = at.min(text.len());
    let start = memchr::memrchr(b'\n', &text[..at]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &text[at..]).map_or(text.len(), |i| at + i);
    start..end
}

/// When two rules report overlapping text (a service-account JSON key that is also a
/// PKCS#8 block), keep only one: a provider rule over a generic one, then the more
/// confident, then one that matched the text as written over one found by decoding it,
/// then the more severe, then the earlier rule. Secrets decoded from distinct parts of one encoded run (a data URL
/// of a whole file) do not overlap each other.
fn keep_best_overlapping(engine: &Engine, matches: &mut Vec<Match>) {
    if matches.len() < 2 {
        return;
    }
    let rules = engine.rules();
    // Among equally confident rules, one that matched the text as written wins over
    // one that matched only after decoding: it was written for that encoded form (a
    // kubeconfig's `client-key-data`) and its remediation says so.
    let rank = |m: &Match| {
        let r = rules.get(m.rule);
        let found_by_decoding = m.decoded.as_ref().is_some_and(|d| d.inner.is_some());
        (
            !r.is_generic(),
            r.def.confidence,
            !found_by_decoding,
            r.def.severity,
            std::cmp::Reverse(m.rule),
        )
    };
    // Greedy, best first: a match is kept unless it overlaps one kept already. The
    // kept spans are disjoint, except that secrets decoded from one encoded run share
    // its span and conflict only when their places in the decoded text overlap; so
    // they are kept in ordered maps and each match is checked in O(log n), not against
    // every match kept before it (a data URL of a file with 100,000 secrets).
    matches.sort_by_key(|m| (m.start, m.end));
    let mut all = std::mem::take(matches);
    all.sort_by_key(|m| std::cmp::Reverse(rank(m)));
    // Kept spans: start → (end, the decoded places kept in it, `None` for a plain one).
    let mut spans: BTreeMap<usize, (usize, Option<BTreeMap<usize, usize>>)> = BTreeMap::new();
    for m in all {
        let inner = m.decoded.as_ref().and_then(|d| d.inner);
        // Kept spans are disjoint, so the one starting last before `m.end` is the only
        // candidate for an overlap.
        let overlapping = spans
            .range_mut(..m.end)
            .next_back()
            .filter(|(_, (end, _))| *end > m.start);
        let keep = match (overlapping, inner) {
            (None, _) => {
                let places = inner.map(|(lo, hi)| BTreeMap::from([(lo, hi)]));
                // An empty match at a kept span's start overlaps nothing.
                spans.entry(m.start).or_insert((m.end, places));
                true
            }
            (Some((&start, (end, Some(places)))), Some((lo, hi)))
                if (start, *end) == (m.start, m.end) =>
            {
                let free = places.range(..hi).next_back().is_none_or(|(_, &e)| e <= lo);
                if free {
                    places.insert(lo, hi);
                }
                free
            }
            _ => false,
        };
        if keep {
            matches.push(m);
        }
    }
    matches.sort_by_key(|m| (m.start, m.end));
}

/// Starting threads: a container's pids limit can make `spawn` fail, and the scan
/// must then go on with fewer threads (down to the calling thread alone), saying so.
pub mod threads {
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Threads started through [`spawn_scoped`] so far (counted for the test knob).
    static STARTED: AtomicUsize = AtomicUsize::new(0);

    /// Test knob (debug builds only): `LEAKHOUND_TEST_SPAWN_LIMIT=n` makes every thread
    /// start after the first `n` fail, as the kernel's do under a pids limit. Counting
    /// starts rather than running threads keeps the tests deterministic. Release
    /// builds compile it out.
    fn refused() -> bool {
        let started = STARTED.fetch_add(1, Ordering::SeqCst);
        #[cfg(debug_assertions)]
        if let Some(limit) = std::env::var("LEAKHOUND_TEST_SPAWN_LIMIT")
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
        {
            return started >= limit;
        }
        let _ = started;
        false
    }

    /// Starts `f` on a new scoped thread, or returns why it could not.
    pub fn spawn_scoped<'scope, 'env, F>(
        s: &'scope std::thread::Scope<'scope, 'env>,
        f: F,
    ) -> std::io::Result<std::thread::ScopedJoinHandle<'scope, ()>>
    where
        F: FnOnce() + Send + 'scope,
    {
        if refused() {
            return Err(std::io::Error::from(std::io::ErrorKind::WouldBlock));
        }
        std::thread::Builder::new().spawn_scoped(s, f)
    }

    /// How many of `wanted` threads can run besides the calling one, found by starting
    /// them (each waits until all have been tried, then ends), and why not all, if not.
    /// A library that starts its own threads and panics when it cannot (`ignore`'s
    /// parallel walker) is then given no more than this.
    pub fn available(wanted: usize) -> (usize, Option<std::io::Error>) {
        let release = std::sync::RwLock::new(());
        let mut started = 0;
        let mut error = None;
        std::thread::scope(|s| {
            // The write lock is held until every thread has been tried, so that the
            // threads tried all run at the same time.
            let hold = release.write().unwrap_or_else(|e| e.into_inner());
            for _ in 0..wanted {
                match spawn_scoped(s, || drop(release.read())) {
                    Ok(_) => started += 1,
                    Err(e) => {
                        error = Some(e);
                        break;
                    }
                }
            }
            drop(hold);
        });
        (started, error)
    }

    /// The note a scan carries when it runs on fewer threads than asked.
    pub fn fewer_note(wanted: usize, got: usize, error: &std::io::Error) -> String {
        format!(
            "could start only {got} of {wanted} worker threads ({error}): scanned with {}",
            if got <= 1 {
                "the main thread alone".to_string()
            } else {
                format!("{got} threads")
            }
        )
    }
}

/// Scans every path in `opts` with `engine`.
pub fn scan(engine: &Engine, opts: &ScanOptions) -> Result<Outcome, ScanError> {
    let started = Instant::now();
    for p in &opts.paths {
        if p.as_os_str() != "-" && std::fs::symlink_metadata(p).is_err() {
            return Err(ScanError::NotFound(p.display().to_string()));
        }
    }
    let collector = Collector::default();
    let (stdin, files): (Vec<&PathBuf>, Vec<&PathBuf>) =
        opts.paths.iter().partition(|p| p.as_os_str() == "-");
    if !stdin.is_empty() {
        source::stdin::scan(engine, &collector, opts.max_file_size)?;
    }
    if !files.is_empty() {
        source::fs::scan(engine, &collector, &files, opts);
    }
    Ok(collector.finish(engine, started))
}
