//! The scan layer: per-thread [`Worker`]s turn blobs into findings, a [`Collector`]
//! gathers what they found, and [`finish`] makes the one [`Outcome`] every source ends
//! in: mode filters (staged lines), suppression counts, the baseline, grouping, at-HEAD
//! status, then the one sort.
//!
//! Sources (`crate::source`) sit above this layer: they feed workers and describe what
//! they covered; they never edit an outcome.

mod collect;
mod finish;
mod near;
mod outcome;
pub(crate) mod threads;
mod worker;

pub use collect::{Collector, Partial, Suppressed, SuppressedBy};
pub use finish::{AddedLines, Finishing, Gathered, Mode, finish};
pub use outcome::{
    Filter, HistoryInfo, IncrementalInfo, Missed, MissedKind, Outcome, ScanError, Stats, Warning,
    WarningKind,
};
pub use worker::{BlobLocation, IsTracked, Redaction, Tracked, Worker};
