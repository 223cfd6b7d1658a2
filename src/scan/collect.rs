//! Where workers leave what they found.

use std::sync::Mutex;

use super::outcome::{Missed, Stats, Warning};
use crate::finding::Finding;

/// Why a match was not reported where it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuppressedBy {
    /// A `leakhound:allow` marker on its line.
    Inline,
    /// A config allowlist entry.
    Allowlist,
}

/// A location a worker did not report because of a suppression: kept (not counted)
/// until [`super::finish`] has applied the mode's filters, so that only suppressions at
/// locations the scan reports on are counted.
#[derive(Debug, Clone)]
pub struct Suppressed {
    pub by: SuppressedBy,
    pub path: String,
    pub line: usize,
    pub end_line: usize,
    /// Found by a file rule (which reports the file, whatever line it points at).
    pub file_rule: bool,
}

/// What one worker has gathered.
#[derive(Debug, Default)]
pub struct Partial {
    pub findings: Vec<Finding>,
    /// Locations not reported because of an inline marker or an allowlist; counted
    /// by [`super::finish`] once the mode's filters have been applied.
    pub suppressed: Vec<Suppressed>,
    pub warnings: Vec<Warning>,
    pub missed: Vec<Missed>,
    pub stats: Stats,
    /// Some of the inputs skipped as too large, with their sizes, to name them.
    pub too_large: Vec<(String, u64)>,
    /// Facts about the scan for the report's notes (fewer threads than asked).
    pub notes: Vec<String>,
}

/// How many too-large inputs the notes name; the rest are counted.
pub(crate) const TOO_LARGE_NAMED: usize = 10;

impl Partial {
    fn absorb(&mut self, p: Partial) {
        self.findings.extend(p.findings);
        self.suppressed.extend(p.suppressed);
        self.warnings.extend(p.warnings);
        self.missed.extend(p.missed);
        self.stats.merge(&p.stats);
        self.too_large.extend(p.too_large);
        self.notes.extend(p.notes);
    }
}

/// Where workers leave their partials.
#[derive(Default)]
pub struct Collector {
    inner: Mutex<Partial>,
}

impl Collector {
    pub fn merge(&self, p: Partial) {
        // A worker that panicked while holding the lock leaves the data intact.
        let mut all = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        all.absorb(p);
    }

    /// How many of the inputs missed so far `pred` selects (a source explaining a
    /// common cause).
    pub(crate) fn count_missed(&self, pred: impl Fn(&Missed) -> bool) -> usize {
        let all = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        all.missed.iter().filter(|m| pred(m)).count()
    }

    /// Everything the workers left.
    pub(crate) fn into_partial(self) -> Partial {
        self.inner.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}
