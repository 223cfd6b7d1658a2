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

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::time::Instant;

use git2::{DiffOptions, Oid};

use super::git::{Read, git_err, message, open_for_commit, read_blob};
use super::loose::Loose;
use crate::detect::Engine;
use crate::scan::{
    AddedLines, BlobLocation, Gathered, Missed, MissedKind, Mode, ScanError, Tracked, Worker,
};

/// The work tree of the repository `staged` reads (whose `.leakhound.toml` applies).
pub(crate) fn work_tree(repo_path: &Path) -> Option<std::path::PathBuf> {
    open_for_commit(repo_path)
        .ok()
        .and_then(|r| r.workdir().map(Path::to_path_buf))
}

/// libgit2 reads HEAD's trees itself to diff them with the index, and hangs on a
/// truncated loose one: the loose trees under HEAD are checked first. Only loose trees
/// are entered: a packed tree's subtrees were packed with it (a tree is written loose
/// only when its content is new, and then so is every tree above it), and a packed
/// object cannot hang the diff.
fn check_trees(
    repo: &git2::Repository,
    loose: &Loose,
    root: &git2::Tree<'_>,
) -> Result<(), ScanError> {
    let mut stack = vec![(root.id(), String::new())];
    let mut seen = HashSet::new();
    while let Some((oid, path)) = stack.pop() {
        if !seen.insert(oid) || !loose.contains(oid) {
            continue;
        }
        let tree = loose
            .check(oid)
            .and_then(|()| repo.find_tree(oid).map_err(|e| message(&e)))
            .map_err(|reason| {
                ScanError::Git(format!(
                    "HEAD's tree {oid} ({}) cannot be read, so the index cannot be compared \
                     with HEAD: {reason}",
                    if path.is_empty() { "the root" } else { &path }
                ))
            })?;
        for entry in tree.iter() {
            if entry.kind() == Some(git2::ObjectType::Tree) {
                let name = String::from_utf8_lossy(entry.name_bytes());
                let sub = if path.is_empty() {
                    name.into_owned()
                } else {
                    format!("{path}/{name}")
                };
                stack.push((entry.id(), sub));
            }
        }
    }
    Ok(())
}

/// Scans the staged changes of the repository at (or around) `repo_path`.
pub fn scan(engine: &Engine, repo_path: &Path, max_file_size: u64) -> Result<Gathered, ScanError> {
    let mut gathered = Gathered::new(Mode::Staged, Instant::now());
    let repo = open_for_commit(repo_path)?;
    let index = repo.index().map_err(|e| {
        let index = std::env::var_os("GIT_INDEX_FILE")
            .map_or_else(|| repo.path().join("index"), std::path::PathBuf::from);
        // libgit2 reads neither a split index (`core.splitIndex`, extension `link`)
        // nor a sparse one (`index.sparse`, extension `sdir`).
        let way_out = if e.message().contains("unsupported mandatory extension") {
            "; leakhound reads the index through libgit2, which supports neither a split \
             nor a sparse index: `git update-index --no-split-index` (and `git config \
             core.splitIndex false`), or `git sparse-checkout init --no-sparse-index`, \
             writes one it can read"
        } else {
            ""
        };
        ScanError::Git(format!(
            "{}: cannot read the index: {}{way_out}",
            index.display(),
            message(&e)
        ))
    })?;
    let loose = Loose::lazy(repo.path());
    // A repository without commits yet: everything staged is new. A HEAD commit or
    // tree that cannot be read is an error: taking it for "no commits" would report
    // every staged line as added, and hide nothing but the truth.
    let head_tree = match repo.head().ok().and_then(|h| h.target()) {
        None => None,
        Some(oid) => Some(
            loose
                .check(oid)
                .and_then(|()| repo.find_commit(oid).map_err(|e| message(&e)))
                .and_then(|c| {
                    loose.check(c.tree_id())?;
                    c.tree().map_err(|e| message(&e))
                })
                .map_err(|reason| {
                    ScanError::Git(format!(
                        "HEAD ({oid}) cannot be read, so the index cannot be compared with \
                         it: {reason}"
                    ))
                })?,
        ),
    };
    // Packed objects cannot hang libgit2; only a repository with loose ones is walked.
    if let Some(tree) = head_tree.as_ref().filter(|_| !loose.is_empty()) {
        check_trees(&repo, &loose, tree)?;
    }
    let mut opts = DiffOptions::new();
    opts.context_lines(0);
    let diff = repo
        .diff_tree_to_index(head_tree.as_ref(), Some(&index), Some(&mut opts))
        .map_err(|e| git_err("cannot compare the index with HEAD", e))?;

    let mut worker = Worker::new(engine, &gathered.collector);
    worker.tracked = Tracked::Everything;
    // Added line numbers of each staged file, keyed by its path, with its staged blob;
    // `None`: every line counts (a file libgit2 gives no text patch for). Each file's
    // patch is made on its own, once both its blobs have been checked.
    let mut added: BTreeMap<String, (Oid, Option<HashSet<u32>>)> = BTreeMap::new();
    for (i, delta) in diff.deltas().enumerate() {
        let nf = delta.new_file();
        let Some(path) = nf
            .path_bytes()
            .map(|p| String::from_utf8_lossy(p).into_owned())
        else {
            continue;
        };
        if nf.id().is_zero() {
            continue;
        }
        let old = delta.old_file().id();
        let checked = loose
            .check(nf.id())
            .map_err(|r| (nf.id(), "staged", r))
            .and_then(|()| {
                if old.is_zero() {
                    Ok(())
                } else {
                    loose.check(old).map_err(|r| (old, "committed", r))
                }
            });
        if let Err((oid, which, reason)) = checked {
            worker.missed(Missed::new(
                MissedKind::Blob,
                format!("{path} ({which} blob {oid})"),
                reason,
            ));
            continue;
        }
        let patch = match git2::Patch::from_diff(&diff, i) {
            Ok(Some(p)) => p,
            // Same content (a mode change): nothing added.
            Ok(None) if old == nf.id() => continue,
            // New content but no text patch: libgit2 took the file for binary (UTF-16
            // or UTF-32 text has NUL bytes; `.gitattributes` may say `binary` or
            // `-diff`). Which lines are new is unknown, so the whole staged file is
            // scanned and every finding in it kept; the scanner still skips a file
            // that really is binary.
            Ok(None) => {
                added.insert(path, (nf.id(), None));
                continue;
            }
            Err(e) => {
                worker.missed(Missed::new(
                    MissedKind::Blob,
                    format!("{path} (staged blob {})", nf.id()),
                    format!("cannot diff: {}", message(&e)),
                ));
                continue;
            }
        };
        let mut lines = HashSet::new();
        for h in 0..patch.num_hunks() {
            let n = patch.num_lines_in_hunk(h).unwrap_or(0);
            for l in 0..n {
                if let Ok(line) = patch.line_in_hunk(h, l)
                    && line.origin() == '+'
                    && let Some(no) = line.new_lineno()
                {
                    lines.insert(no);
                }
            }
        }
        if patch.delta().flags().is_binary() {
            // libgit2 took the file for binary: see above.
            added.insert(path, (nf.id(), None));
        } else if !lines.is_empty() {
            added.insert(path, (nf.id(), Some(lines)));
        }
    }

    let odb = repo
        .odb()
        .map_err(|e| git_err("cannot open the object store", e))?;
    for (path, (oid, _)) in &added {
        let location = [BlobLocation::path(path)];
        match read_blob(&loose, Some(&odb), *oid, max_file_size, false) {
            Ok(Read::Blob(blob)) => worker.scan_blob(blob.data(), &location, None),
            Ok(Read::TooLarge(size)) => worker.skip_too_large(path, size),
            Err(reason) => worker.missed(Missed::new(
                MissedKind::Blob,
                format!("{path} (staged blob {oid})"),
                reason,
            )),
        }
    }
    drop(worker);
    // Only findings that touch an added line count (`scan::finish`).
    gathered.added_lines = Some(
        added
            .into_iter()
            .map(|(path, (_, lines))| (path, lines))
            .collect::<AddedLines>(),
    );
    Ok(gathered)
}
