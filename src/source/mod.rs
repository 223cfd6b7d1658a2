//! Where blobs come from: the file system, standard input, git history and the
//! staged index. Each source feeds the scan layer's workers and hands a
//! [`Gathered`](crate::scan::Gathered) to the one `scan::finish`; none edits an outcome.

pub mod fs;
pub mod git;
pub mod loose;
pub mod names;
pub mod packorder;
pub mod staged;
pub mod stdin;
pub mod tracked;

use std::path::PathBuf;
use std::time::Instant;

use crate::detect::Engine;
use crate::scan::{Gathered, Mode, ScanError};

/// What `scan` reads and how.
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

/// `leakhound scan`: every path in `opts` (files, directories, `-` for standard input).
pub fn tree(engine: &Engine, opts: &ScanOptions) -> Result<Gathered, ScanError> {
    let gathered = Gathered::new(Mode::Tree, Instant::now());
    for p in &opts.paths {
        if p.as_os_str() != "-" && std::fs::symlink_metadata(p).is_err() {
            return Err(ScanError::NotFound(p.display().to_string()));
        }
    }
    let (stdin, files): (Vec<&PathBuf>, Vec<&PathBuf>) =
        opts.paths.iter().partition(|p| p.as_os_str() == "-");
    if !stdin.is_empty() {
        stdin::scan(engine, &gathered.collector, opts.max_file_size)?;
    }
    if !files.is_empty() {
        fs::scan(engine, &gathered.collector, &files, opts);
    }
    Ok(gathered)
}
