//! The working tree: `ignore`'s parallel walker, one [`Worker`] per thread.
//!
//! Hidden files are scanned (`.env`, `.npmrc`, `.aws/credentials` are where leaks live);
//! `.gitignore`/`.ignore` are honoured unless `--no-ignore`; `.git/` is never entered;
//! symbolic links are not followed; FIFOs, sockets and devices are skipped unread.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use ignore::{DirEntry, ParallelVisitor, ParallelVisitorBuilder, WalkBuilder, WalkState};

use crate::detect::Engine;
use crate::detect::content::has_binary_extension;
use crate::pipeline::{Collector, ScanOptions, Worker};

pub fn scan(engine: &Engine, collector: &Collector, roots: &[&PathBuf], opts: &ScanOptions) {
    let mut builder = WalkBuilder::new(roots[0]);
    for r in &roots[1..] {
        builder.add(r);
    }
    let honour = !opts.no_ignore;
    builder
        .hidden(false)
        .parents(honour)
        .ignore(honour)
        .git_ignore(honour)
        .git_global(honour)
        .git_exclude(honour)
        .require_git(false)
        .follow_links(false)
        .threads(opts.threads)
        .filter_entry(|e| !(e.file_name() == ".git" && e.file_type().is_some_and(|t| t.is_dir())));
    let mut visitors = Visitors {
        engine,
        collector,
        max_size: opts.max_file_size,
    };
    builder.build_parallel().visit(&mut visitors);
}

struct Visitors<'e> {
    engine: &'e Engine,
    collector: &'e Collector,
    max_size: u64,
}

impl<'s> ParallelVisitorBuilder<'s> for Visitors<'s> {
    fn build(&mut self) -> Box<dyn ParallelVisitor + 's> {
        let mut worker = Worker::new(self.engine, self.collector);
        worker.offer_fixes = true;
        Box::new(FileVisitor {
            worker,
            max_size: self.max_size,
        })
    }
}

struct FileVisitor<'e> {
    worker: Worker<'e>,
    max_size: u64,
}

impl ParallelVisitor for FileVisitor<'_> {
    fn visit(&mut self, entry: Result<DirEntry, ignore::Error>) -> WalkState {
        match entry {
            Ok(entry) => self.visit_entry(&entry),
            Err(err) => self
                .worker
                .warn(format!("warning: {}", one_line(&err.to_string()))),
        }
        WalkState::Continue
    }
}

impl FileVisitor<'_> {
    fn visit_entry(&mut self, entry: &DirEntry) {
        let Some(ft) = entry.file_type() else { return };
        if ft.is_dir() {
            return;
        }
        let stats = &mut self.worker.partial.stats;
        if !ft.is_file() {
            stats.skipped_special += 1;
            return;
        }
        let path = entry.path();
        if has_binary_extension(path.file_name().map_or(&[][..], |n| n.as_encoded_bytes())) {
            stats.skipped_binary += 1;
            return;
        }
        let shown = display_path(path);
        match read_bounded(path, self.max_size, &mut self.worker.buf) {
            Ok(true) => self.worker.scan_buf(&shown),
            Ok(false) => self.worker.partial.stats.skipped_too_large += 1,
            Err(e) => self.worker.warn(format!("warning: {shown}: {e}")),
        }
    }
}

/// Reads `path` into `buf` unless it is larger than `max`; `Ok(false)` when too large.
/// The limit is enforced on what is read, not only on the size first seen, so a file
/// that grows while it is read cannot exhaust memory.
fn read_bounded(path: &Path, max: u64, buf: &mut Vec<u8>) -> std::io::Result<bool> {
    buf.clear();
    let file = File::open(path)?;
    let len = file.metadata()?.len();
    if len > max {
        return Ok(false);
    }
    buf.reserve(len as usize);
    file.take(max + 1).read_to_end(buf)?;
    Ok(buf.len() as u64 <= max)
}

/// How a path appears in reports: as walked, without a leading `./`, with `/`.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    let s = s.strip_prefix("./").unwrap_or(&s);
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s.to_string()
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
