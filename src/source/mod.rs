//! Where blobs come from: the file system, standard input, git history and the
//! staged index. Each source feeds the scan layer's workers and hands a
//! [`Gathered`](crate::scan::Gathered) to the one `scan::finish`; none edits an outcome.

pub mod fs;
pub mod git;
pub mod incremental;
mod libgit;
pub mod loose;
pub mod names;
pub mod packorder;
mod record;
pub mod staged;
pub mod stdin;
pub mod tracked;
mod tree;
mod treepool;

pub use fs::ScanOptions;
pub(crate) use tree::tree;
