//! What a scan ends in: the [`Outcome`] reports show, its counters, and what it
//! could not read or warns about.

use std::time::Duration;

use crate::confidence::Level;
use crate::context::Context;
use crate::finding::{Finding, SecretGroup};

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
    /// Locations not reported because a `.gitleaksignore` fingerprint maps to them.
    pub suppressed_gitleaks_ignore: u64,
    /// Locations left out by the report filter (`--exclude-context`,
    /// `--min-confidence`).
    pub filtered: u64,
    /// Distinct secrets none of whose locations the report filter kept.
    pub filtered_secrets: u64,
    /// Locations left out for being below `--min-confidence` (a location both filters
    /// leave out counts here and in `filtered_by_context`).
    pub filtered_by_confidence: u64,
    /// Locations left out for sitting in an `--exclude-context` context.
    pub filtered_by_context: u64,
    /// Secrets left out by `--results` / `--only-verified` (their locations are in
    /// `filtered`).
    pub filtered_by_verification: u64,
    /// Inputs whose scan stopped on an internal error (a bug in leakhound): each is
    /// reported, the rest of the scan goes on, and the exit code is 2.
    pub failed: u64,
}

impl Stats {
    pub(crate) fn files_skipped(&self) -> u64 {
        self.skipped_binary + self.skipped_too_large + self.skipped_special
    }

    pub(crate) fn suppressed(&self) -> u64 {
        self.suppressed_inline
            + self.suppressed_allowlist
            + self.suppressed_baseline
            + self.suppressed_gitleaks_ignore
    }

    pub(super) fn merge(&mut self, o: &Stats) {
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
        self.suppressed_gitleaks_ignore += o.suppressed_gitleaks_ignore;
        self.filtered += o.filtered;
        self.filtered_secrets += o.filtered_secrets;
        self.filtered_by_confidence += o.filtered_by_confidence;
        self.filtered_by_context += o.filtered_by_context;
        self.filtered_by_verification += o.filtered_by_verification;
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
    /// With `--incremental`: which blobs were read and which came from the record.
    pub incremental: Option<IncrementalInfo>,
}

/// How an incremental history scan (`--incremental FILE`) used its record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncrementalInfo {
    /// The record file, as given.
    pub record: String,
    /// Blobs looked up in the object store this run (not taken from the record).
    pub blobs_read: u64,
    /// Blobs whose findings came from the record, not read.
    pub blobs_from_record: u64,
    /// Whether the repository's record was dropped and begun again (what scanning a
    /// blob yields has changed since it was made).
    pub started_over: bool,
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
    pub(crate) fn name(self) -> &'static str {
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

/// What a warning is about. Warnings are problems that did not keep an input from
/// being scanned (an input that could not be read is a [`Missed`]), and internal
/// errors, which make the scan fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningKind {
    /// A bug: the scan of one input stopped on an internal error (`Stats::failed`).
    InternalError,
    /// Worker threads could not be started and the directory walk stopped.
    Threads,
    /// A symbolic-link loop in the walk (what it leads back to is scanned anyway).
    LinkLoop,
    /// A git index could not be read: which files are committed is unknown, so file
    /// rules (a committed `.env`) do not report.
    Index,
    /// A commit's message and author could not be read (not scanned, not shown).
    CommitText,
    /// A worker could not open the object store; the other workers read its blobs.
    ObjectStore,
    /// An incremental record could not be updated: the scan is complete, the next one
    /// reads again what this one read.
    Record,
    /// A `.gitleaksignore` line that maps to no finding of the scan.
    GitleaksIgnore,
}

impl WarningKind {
    /// The name used in JSON, SARIF and the summary.
    pub(crate) fn name(self) -> &'static str {
        match self {
            WarningKind::InternalError => "internal-error",
            WarningKind::Threads => "threads",
            WarningKind::LinkLoop => "link-loop",
            WarningKind::Index => "index",
            WarningKind::CommitText => "commit-text",
            WarningKind::ObjectStore => "object-store",
            WarningKind::Record => "record",
            WarningKind::GitleaksIgnore => "gitleaksignore",
        }
    }

    /// Whether it makes the scan fail (exit code 2): internal errors do.
    pub(crate) fn is_error(self) -> bool {
        matches!(self, WarningKind::InternalError | WarningKind::Threads)
    }
}

/// A problem met during the scan: what kind, what it concerns (a path, a commit, a
/// repository), and a one-line message.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Warning {
    pub kind: WarningKind,
    pub subject: String,
    pub message: String,
}

impl Warning {
    pub fn new(
        kind: WarningKind,
        subject: impl Into<String>,
        message: impl Into<String>,
    ) -> Warning {
        Warning {
            kind,
            subject: subject.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Warning {
    /// `warning: SUBJECT: MESSAGE`, or `error: …` for internal errors.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = if self.kind.is_error() {
            "error"
        } else {
            "warning"
        };
        write!(f, "{level}: {}: {}", self.subject, self.message)
    }
}

/// Findings the caller does not want reported: by where they sit and how sure they
/// are. Applied per location, after the baseline; what it leaves out is counted, not
/// reported, and does not decide the exit code. A baseline is never filtered: it
/// records everything found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub exclude_contexts: Vec<Context>,
    /// `None`: every level (`low`).
    pub min_confidence: Option<Level>,
}

impl Filter {
    /// Whether it leaves anything out.
    pub fn is_active(&self) -> bool {
        !self.exclude_contexts.is_empty() || self.min_confidence.is_some_and(|l| l > Level::Low)
    }

    /// Whether the finding is reported.
    pub fn keeps(&self, f: &Finding) -> bool {
        self.reasons(f) == (true, true)
    }

    /// Whether the finding is sure enough, and whether it sits in a context that is
    /// not excluded: it is reported when both hold.
    pub(crate) fn reasons(&self, f: &Finding) -> (bool, bool) {
        (
            self.min_confidence
                .is_none_or(|min| f.confidence.level >= min),
            !self.exclude_contexts.contains(&f.context),
        )
    }
}

/// The result of a scan.
#[derive(Debug, Default)]
pub struct Outcome {
    /// One entry per distinct secret (rule + secret), with all its locations; sorted
    /// by primary path, line, column and rule id, or by urgency in history scans.
    pub groups: Vec<SecretGroup>,
    /// With [`Finishing::keep_baselined`](super::Finishing): the secrets the baseline
    /// accepts in full, grouped like `groups` and not reported (counted in `stats`).
    pub baselined: Vec<SecretGroup>,
    /// Sorted: problems that did not keep an input from being scanned, and internal
    /// errors (`Stats::failed`).
    pub warnings: Vec<Warning>,
    /// Inputs that could not be read, sorted; `Stats::unreadable` counts them.
    pub missed: Vec<Missed>,
    /// Why the inputs in `missed` were missed, when one cause explains many (a
    /// partial clone): one line each.
    pub missed_explanation: Vec<String>,
    /// One line each: facts about the scan a reader should know (a shallow clone,
    /// submodules not entered).
    pub notes: Vec<String>,
    pub stats: Stats,
    /// The report filter the scan applied (`Stats::filtered` counts what it left out).
    pub filter: Filter,
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
    pub(crate) fn complete(&self) -> bool {
        self.missed.is_empty() && self.stats.failed == 0
    }

    /// How many warnings of each kind, by kind name.
    pub(crate) fn warnings_by_kind(&self) -> std::collections::BTreeMap<&'static str, usize> {
        let mut by = std::collections::BTreeMap::new();
        for w in &self.warnings {
            *by.entry(w.kind.name()).or_insert(0) += 1;
        }
        by
    }

    /// Number of locations over all groups.
    pub fn location_count(&self) -> usize {
        self.groups.iter().map(|g| g.findings.len()).sum()
    }
}

/// The scan's date: `SOURCE_DATE_EPOCH` (the reproducible-builds convention) when set,
/// so reports can be reproduced byte for byte, else the current time.
pub(crate) fn scan_date() -> i64 {
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
    /// An incremental record that cannot be used (not a record, a newer schema).
    #[error("{0}")]
    Record(String),
}
