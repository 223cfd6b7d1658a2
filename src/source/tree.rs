//! `leakhound scan`: files, directories and standard input.

use std::path::PathBuf;
use std::time::Instant;

use super::fs::{self, ScanOptions};
use super::stdin;
use crate::detect::Engine;
use crate::scan::{Gathered, Mode, ScanError};

/// `leakhound scan`: every path in `opts` (files, directories, `-` for standard input).
pub(crate) fn tree(engine: &Engine, opts: &ScanOptions) -> Result<Gathered, ScanError> {
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
