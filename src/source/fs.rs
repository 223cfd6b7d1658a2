//! The working tree: `ignore`'s parallel walker, one [`Worker`] per thread.
//!
//! Hidden files are scanned (`.env`, `.npmrc`, `.aws/credentials` are where leaks live);
//! `.gitignore`/`.ignore` are honoured unless `--no-ignore`; `.git/` is never entered;
//! symbolic links are not followed; FIFOs, sockets and devices are skipped unread.

use std::collections::HashSet;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::{DirEntry, ParallelVisitor, ParallelVisitorBuilder, WalkBuilder, WalkState};

use super::names::{SECRET_FILE_DIRS, SecretFiles, display_path};
use super::tracked::TrackedFiles;
use crate::context::Roots;
use crate::detect::Engine;
use crate::detect::content::has_binary_extension;
use crate::scan::{Collector, Missed, MissedKind, Tracked, Warning, WarningKind, Worker, threads};

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
        .require_git(true)
        .follow_links(opts.follow_links)
        .filter_entry(|e| !(e.file_name() == ".git" && e.file_type().is_some_and(|t| t.is_dir())));
    // File rules (a committed `.env`) need to know which files git tracks; a tracked
    // file is reported even when `.gitignore` now lists it, which is the usual case
    // after someone notices the leak and adds the ignore line without untracking it.
    let context_roots = Arc::new(context_roots(roots));
    let mut late = Worker::new(engine, collector);
    late.context_roots = Some(context_roots.clone());
    let tracked = if engine.has_file_rules() {
        match TrackedFiles::discover(engine, roots) {
            Ok(t) => Some(Arc::new(t)),
            Err(e) => {
                late.warn(e);
                None
            }
        }
    } else {
        None
    };
    let seen = Mutex::new(HashSet::new());
    let secret_files = SecretFiles::new();
    let walked = Mutex::new(Walked::default());
    let mut visitors = Visitors {
        engine,
        collector,
        max_file_size: opts.max_file_size,
        tracked: tracked.clone(),
        seen: &seen,
        walked: (honour && secret_files.is_some()).then_some(&walked),
        secret_files: secret_files.as_ref(),
        context_roots: context_roots.clone(),
    };
    walk(&builder, opts.threads, &mut visitors, &mut late);
    if let Some(names) = &secret_files {
        let walked = walked.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut ignored = Worker::new(engine, collector);
        ignored.context_roots = Some(context_roots.clone());
        ignored.offer_fixes = true;
        if let Some(t) = &tracked {
            ignored.tracked = Tracked::Indexed(t.clone());
        }
        for path in walked.ignored_secret_files(names) {
            if tracked.as_ref().is_some_and(|t| t.contains(&path)) {
                // Tracked: scanned with the other tracked files below.
                continue;
            }
            ignored.ignored_by = Some(ignore_source(&path));
            scan_file(
                &mut ignored,
                &path,
                &display_path(&path),
                opts.max_file_size,
            );
        }
    }
    if let Some(tracked) = tracked {
        let seen = seen.into_inner().unwrap_or_else(|e| e.into_inner());
        late.offer_fixes = true;
        late.tracked = Tracked::Indexed(tracked.clone());
        for (path, shown) in tracked.unvisited(roots, &seen) {
            scan_file(&mut late, &path, &shown, opts.max_file_size);
        }
    }
}

/// Runs the walk on `threads` threads (0: as many as CPUs, at most 12), or on fewer
/// when no more can be started (a container's pids limit), down to the calling
/// thread alone; `late` carries the note that says so.
fn walk(builder: &WalkBuilder, threads: usize, visitors: &mut Visitors<'_>, late: &mut Worker<'_>) {
    let wanted = if threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(12))
    } else {
        threads
    };
    // `ignore` starts one thread per worker even for one, and panics when it cannot.
    let (got, error) = if wanted > 1 {
        threads::available(wanted)
    } else {
        (0, None)
    };
    if let Some(e) = &error {
        late.partial.notes.push(threads::fewer_note(wanted, got, e));
    }
    if got == 0 {
        let mut visitor = visitors.build();
        for entry in builder.build() {
            visitor.visit(entry);
        }
        return;
    }
    let mut builder = builder.clone();
    builder.threads(got);
    let walked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        builder.build_parallel().visit(visitors)
    }));
    if walked.is_err() {
        // A thread could not be started after all (the limit was reached between the
        // count and the walk): what was scanned is reported, and the scan fails.
        late.partial.stats.failed += 1;
        late.warn(Warning::new(
            WarningKind::Threads,
            "the directory walk stopped",
            "a worker thread could not be started (a process or thread limit?); the scan is \
             incomplete. Try --threads 1.",
        ));
    }
}

/// What the walk saw, to find the secret files it skipped because an ignore file
/// hides them: the directories it entered, and the secret files it visited.
#[derive(Default)]
struct Walked {
    dirs: Vec<PathBuf>,
    files: HashSet<PathBuf>,
}

impl Walked {
    /// The secret files in the walked directories (and in their tool directories,
    /// `.kube`, `.docker`, `.aws`, one level down) that the walk did not visit.
    /// Ignored directories are not entered: `node_modules/` costs nothing here.
    fn ignored_secret_files(&self, names: &SecretFiles) -> Vec<PathBuf> {
        let walked_dirs: HashSet<&PathBuf> = self.dirs.iter().collect();
        let mut out = Vec::new();
        for dir in &self.dirs {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let Ok(ft) = entry.file_type() else { continue };
                let name = entry.file_name();
                let name = name.to_string_lossy();
                let path = entry.path();
                if ft.is_file() && names.is_secret_file(&path) && !self.files.contains(&path) {
                    out.push(path);
                } else if ft.is_dir()
                    && SECRET_FILE_DIRS.contains(&name.as_ref())
                    && !walked_dirs.contains(&path)
                    && let Ok(inner) = std::fs::read_dir(&path)
                {
                    for e in inner.flatten() {
                        let rel = format!("{name}/{}", e.file_name().to_string_lossy());
                        if e.file_type().is_ok_and(|t| t.is_file()) && names.matches(&rel) {
                            out.push(e.path());
                        }
                    }
                }
            }
        }
        out.sort();
        out
    }
}

/// The ignore file that hides `path`, as a reader would look for it: the nearest
/// `.gitignore` or `.ignore` up to the repository's top that matches it, else
/// `.git/info/exclude`, else git's global excludes file.
fn ignore_source(path: &Path) -> String {
    let Some(mut dir) = path.parent() else {
        return "an ignore file".to_string();
    };
    loop {
        for name in [".ignore", ".gitignore"] {
            let file = dir.join(name);
            if !file.is_file() {
                continue;
            }
            let mut b = ignore::gitignore::GitignoreBuilder::new(dir);
            b.add(&file);
            if let Ok(gi) = b.build()
                && gi.matched_path_or_any_parents(path, false).is_ignore()
            {
                return display_path(&file);
            }
        }
        if dir.join(".git").exists() {
            let exclude = dir.join(".git/info/exclude");
            let mut b = ignore::gitignore::GitignoreBuilder::new(dir);
            b.add(&exclude);
            if exclude.is_file()
                && let Ok(gi) = b.build()
                && gi.matched_path_or_any_parents(path, false).is_ignore()
            {
                return display_path(&exclude);
            }
            return "git's global excludes file".to_string();
        }
        match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => dir = p,
            _ if dir != Path::new(".") && dir.is_relative() => dir = Path::new("."),
            _ => return "an ignore file".to_string(),
        }
    }
}

struct Visitors<'e> {
    engine: &'e Engine,
    collector: &'e Collector,
    max_file_size: u64,
    tracked: Option<Arc<TrackedFiles>>,
    /// Canonical paths of the files visited that a file rule applies to.
    seen: &'e Mutex<HashSet<PathBuf>>,
    /// Set when ignore files are honoured: the directories and secret files walked.
    walked: Option<&'e Mutex<Walked>>,
    secret_files: Option<&'e SecretFiles>,
    context_roots: Arc<Roots>,
}

impl<'s> ParallelVisitorBuilder<'s> for Visitors<'s> {
    fn build(&mut self) -> Box<dyn ParallelVisitor + 's> {
        let mut worker = Worker::new(self.engine, self.collector);
        worker.context_roots = Some(self.context_roots.clone());
        worker.offer_fixes = true;
        if let Some(t) = &self.tracked {
            worker.tracked = Tracked::Indexed(t.clone());
        }
        Box::new(FileVisitor {
            worker,
            max_file_size: self.max_file_size,
            seen: self.tracked.is_some().then_some(self.seen),
            walked: self.walked,
            secret_files: self.secret_files,
        })
    }
}

struct FileVisitor<'e> {
    worker: Worker<'e>,
    max_file_size: u64,
    seen: Option<&'e Mutex<HashSet<PathBuf>>>,
    walked: Option<&'e Mutex<Walked>>,
    secret_files: Option<&'e SecretFiles>,
}

impl ParallelVisitor for FileVisitor<'_> {
    fn visit(&mut self, entry: Result<DirEntry, ignore::Error>) -> WalkState {
        match entry {
            Ok(entry) => self.visit_entry(&entry),
            // A link loop leads back into what is being scanned anyway: a warning.
            Err(err) => match loop_link(&err) {
                Some(link) => {
                    let warning = Warning::new(
                        WarningKind::LinkLoop,
                        display_path(link),
                        one_line(&err.to_string()),
                    );
                    self.worker.warn(warning);
                }
                None => self.worker.missed(walk_error(&err)),
            },
        }
        WalkState::Continue
    }
}

impl FileVisitor<'_> {
    fn visit_entry(&mut self, entry: &DirEntry) {
        let Some(ft) = entry.file_type() else { return };
        if let Some(walked) = self.walked {
            let secret_file = || {
                self.secret_files
                    .is_some_and(|n| n.is_secret_file(entry.path()))
            };
            if ft.is_dir() {
                let mut w = walked.lock().unwrap_or_else(|e| e.into_inner());
                w.dirs.push(entry.path().to_path_buf());
            } else if secret_file() {
                let mut w = walked.lock().unwrap_or_else(|e| e.into_inner());
                w.files.insert(entry.path().to_path_buf());
            }
        }
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
        if let Some(seen) = self.seen
            && (self
                .worker
                .engine()
                .has_file_rule_for(&path.to_string_lossy())
                || self.secret_files.is_some_and(|n| n.is_secret_file(path)))
            && let Ok(full) = path.canonicalize()
        {
            seen.lock().unwrap_or_else(|e| e.into_inner()).insert(full);
        }
        scan_file(
            &mut self.worker,
            path,
            &display_path(path),
            self.max_file_size,
        );
    }
}

/// Each root as paths show it, with its path within its git work tree: a finding's
/// context is judged on that (see [`Roots`]). Outside a repository, see
/// [`crate::context::outside_repository`].
fn context_roots(roots: &[&PathBuf]) -> Roots {
    Roots::new(
        roots
            .iter()
            .map(|r| {
                let within = super::git::discover(r)
                    .ok()
                    .and_then(|repo| {
                        let work = repo.workdir()?.canonicalize().ok()?;
                        let full = r.canonicalize().ok()?;
                        full.strip_prefix(&work).ok().map(display_path)
                    })
                    .unwrap_or_else(|| {
                        let full = r.canonicalize().unwrap_or_else(|_| r.to_path_buf());
                        crate::context::outside_repository(&full, r.is_dir())
                    });
                (display_path(r), within)
            })
            .collect(),
    )
}

/// Reads and scans one file, counting it as too large or warning when it cannot be read.
fn scan_file(worker: &mut Worker<'_>, path: &Path, shown: &str, max_file_size: u64) {
    match read_bounded(path, max_file_size, &mut worker.buf) {
        Ok(true) => worker.scan_buf(shown),
        Ok(false) => {
            let size = std::fs::metadata(path).map_or(0, |m| m.len());
            worker.skip_too_large(shown, size);
        }
        Err(e) => worker.missed(Missed::new(MissedKind::File, shown, e.to_string())),
    }
}

/// The link that leads back to one of its ancestors, if `err` is a link loop.
fn loop_link(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => loop_link(err),
        _ => None,
    }
}

/// What a walk error missed: the path it names (a directory that cannot be listed, a
/// link loop) and why.
fn walk_error(err: &ignore::Error) -> Missed {
    fn path_of(err: &ignore::Error) -> Option<(&Path, &ignore::Error)> {
        match err {
            ignore::Error::WithPath { path, err } => Some((path, err)),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                path_of(err)
            }
            _ => None,
        }
    }
    match path_of(err) {
        Some((path, inner)) => {
            let kind = if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
                MissedKind::Directory
            } else {
                MissedKind::File
            };
            Missed::new(kind, display_path(path), one_line(&inner.to_string()))
        }
        None => Missed::new(MissedKind::File, "?", one_line(&err.to_string())),
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

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
