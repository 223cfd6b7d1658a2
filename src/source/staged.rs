//! `leakhound staged`: the lines added in the index compared with HEAD, i.e. what
//! `git commit` is about to record. Made for a pre-commit hook: it reads only the
//! staged blobs of changed files, and reports only findings on added lines.
//!
//! Inside a hook, "the index" is the one git names in `GIT_INDEX_FILE`: `git commit -a`
//! and `git commit <path>` commit from a temporary index, not `.git/index`
//! (`git::open_for_commit`). The base is HEAD, also for `git commit --amend`: a hook
//! cannot tell an amend from a commit, so lines the amended commit already added count
//! as committed (they were scanned when that commit was made), and only what the amend
//! adds on top of HEAD is reported.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

use git2::{DiffFormat, DiffOptions, Oid};

use super::git::open_for_commit;
use crate::detect::Engine;
use crate::pipeline::{BlobLocation, Collector, Outcome, ScanError, Tracked, Worker};

fn git_err(e: git2::Error) -> ScanError {
    ScanError::Git(e.message().to_string())
}

/// The work tree of the repository `staged` reads (whose `.leakhound.toml` applies).
pub fn work_tree(repo_path: &Path) -> Option<std::path::PathBuf> {
    open_for_commit(repo_path)
        .ok()
        .and_then(|r| r.workdir().map(Path::to_path_buf))
}

/// Scans the staged changes of the repository at (or around) `repo_path`.
pub fn scan(engine: &Engine, repo_path: &Path, max_size: u64) -> Result<Outcome, ScanError> {
    let started = Instant::now();
    let repo = open_for_commit(repo_path)?;
    let index = repo.index().map_err(|e| {
        let index = std::env::var_os("GIT_INDEX_FILE")
            .map_or_else(|| repo.path().join("index"), std::path::PathBuf::from);
        ScanError::Git(format!(
            "{}: cannot read the index: {}",
            index.display(),
            e.message()
        ))
    })?;
    // A repository without commits yet: everything staged is new.
    let head_tree = repo.head().ok().and_then(|h| h.peel_to_tree().ok());
    let mut opts = DiffOptions::new();
    opts.context_lines(0);
    let diff = repo
        .diff_tree_to_index(head_tree.as_ref(), Some(&index), Some(&mut opts))
        .map_err(git_err)?;

    // Added line numbers of each staged file, keyed by its staged blob and path.
    let mut added: BTreeMap<String, (Oid, HashSet<u32>)> = BTreeMap::new();
    diff.print(DiffFormat::Patch, |delta, _hunk, line| {
        let nf = delta.new_file();
        if line.origin() == '+'
            && let (Some(path), Some(no)) = (nf.path_bytes(), line.new_lineno())
        {
            let path = String::from_utf8_lossy(path).into_owned();
            added
                .entry(path)
                .or_insert_with(|| (nf.id(), HashSet::new()))
                .1
                .insert(no);
        }
        true
    })
    .map_err(git_err)?;

    let collector = Collector::default();
    {
        let mut worker = Worker::new(engine, &collector);
        worker.tracked = Tracked::Everything;
        let odb = repo.odb().map_err(git_err)?;
        for (path, (oid, _)) in &added {
            match odb.read_header(*oid) {
                Ok((size, _)) if size as u64 > max_size => {
                    worker.skip_too_large(path, size as u64);
                    continue;
                }
                Ok(_) => {}
                Err(e) => {
                    worker.warn(format!(
                        "warning: {path}: staged object {oid}: {}",
                        e.message()
                    ));
                    continue;
                }
            }
            match odb.read(*oid) {
                Ok(obj) => worker.scan_blob(obj.data(), &[BlobLocation::path(path)], None),
                Err(e) => worker.warn(format!(
                    "warning: {path}: staged object {oid}: {}",
                    e.message()
                )),
            }
        }
    }
    let mut outcome = collector.finish(engine, started);
    // Keep only findings that touch an added line, and file rules' findings (a `.env`
    // being committed), whatever line of the changed file they point at.
    let lines: HashMap<&str, &HashSet<u32>> =
        added.iter().map(|(p, (_, l))| (p.as_str(), l)).collect();
    for g in &mut outcome.groups {
        g.findings.retain(|f| {
            let l = &f.location;
            lines.get(l.path.as_str()).is_some_and(|set| {
                engine.rules().get(f.rule).is_file_rule()
                    || (l.line..=l.end_line).any(|n| set.contains(&(n as u32)))
            })
        });
    }
    outcome.groups.retain(|g| !g.findings.is_empty());
    outcome.staged = true;
    outcome.elapsed = started.elapsed();
    Ok(outcome)
}
