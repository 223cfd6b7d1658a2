//! Git history: every blob reachable from the requested commits, each read once.
//!
//! History is enumerated as blobs, not diffs. Commits are walked oldest first (time,
//! then topology); each commit's tree is walked, skipping every tree already seen, and
//! each new (blob, path) pair is attributed to the first commit that holds it. Then
//! the distinct blobs are read in parallel, one `git2::Repository` per worker, and a
//! match in a blob is reported at every (path, commit) that introduced that blob.
//!
//! leakhound only reads objects: it never runs hooks, filters, `core.fsmonitor` or
//! anything else a repository's configuration names, and libgit2 is built without
//! network support.

use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use git2::{Commit, ObjectType, Oid, Repository, RepositoryOpenFlags, Sort};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::detect::Engine;
use crate::finding::CommitInfo;
use crate::pipeline::{BlobLocation, Collector, HistoryInfo, Outcome, ScanError, Tracked, Worker};

/// Which commits to scan.
#[derive(Debug, Clone)]
pub enum Selection {
    /// Everything reachable from any ref (branches, tags, remote-tracking refs) and HEAD.
    AllRefs,
    /// Everything reachable from these revisions.
    Revs(Vec<String>),
    /// Only blobs introduced by the commits of `BASE..HEAD`.
    Range(String),
}

#[derive(Debug, Clone)]
pub struct GitOptions {
    pub repo: PathBuf,
    pub selection: Selection,
    pub max_blob_size: u64,
    /// Worker threads; 0 picks the number of CPUs.
    pub threads: usize,
    /// Draw a progress bar on stderr.
    pub progress: bool,
}

/// Pack files are mapped in windows of this size (libgit2's default maps up to 1 GiB
/// at once, which the limit below cannot then split).
const MAPPED_WINDOW: usize = 32 << 20;
/// Most bytes of pack files kept mapped at once.
const MAPPED_LIMIT: usize = 128 << 20;

/// Most bytes of decoded objects libgit2 caches.
const OBJECT_CACHE_LIMIT: isize = 32 << 20;

/// Blobs a worker claims at a time: consecutive blobs in pack order share delta bases,
/// so one worker should read a run of them.
const CLAIM: usize = 32;

/// Git tree-entry modes that are not regular file content.
const MODE_SYMLINK: i32 = 0o120000;
const MODE_GITLINK: i32 = 0o160000;

fn git_err(context: impl std::fmt::Display, e: git2::Error) -> ScanError {
    ScanError::Git(format!("{context}: {}", e.message().trim_end_matches('.')))
}

/// Opens the repository at (or around) `path`.
pub fn open(path: &Path) -> Result<Repository, ScanError> {
    if std::fs::symlink_metadata(path).is_err() {
        return Err(ScanError::NotFound(path.display().to_string()));
    }
    // SAFETY: called before any other libgit2 use in this process could race with it
    // (it only sets a global flag). Ownership checks guard against *executing* a
    // stranger's configuration; leakhound only reads objects, so scanning a checkout
    // owned by another user (a CI workspace) is safe.
    unsafe {
        let _ = git2::opts::set_verify_owner_validation(false);
    }
    // Re-hashing every object read to check its id costs a SHA-1 pass over all history
    // (10% of a pre-commit run); a damaged object only changes what is scanned, and
    // objects libgit2 cannot read at all are still reported as warnings.
    git2::opts::strict_hash_verification(false);
    // Bound how much of the packs each repository handle maps at once; by default
    // libgit2 maps whole packs, and every worker's handle would count them again.
    // Likewise bound the decoded-object cache (trees, during enumeration): the default
    // of 256 MiB is shared by all handles but sized for long-lived processes.
    unsafe {
        let _ = git2::opts::set_mwindow_size(MAPPED_WINDOW);
        let _ = git2::opts::set_mwindow_mapped_limit(MAPPED_LIMIT);
        let _ = git2::opts::set_cache_max_size(OBJECT_CACHE_LIMIT);
    }
    Repository::open_ext(
        path,
        RepositoryOpenFlags::empty(),
        std::iter::empty::<&OsStr>(),
    )
    .map_err(|e| git_err(format!("{}: not a git repository", path.display()), e))
}

/// A blob to read and everywhere it was introduced.
struct BlobWork {
    oid: Oid,
    /// (path id, commit index) pairs, in commit order.
    seen: Vec<(u32, u32)>,
}

/// What enumeration produced.
struct Enumeration {
    commits: Vec<Arc<CommitInfo>>,
    paths: Vec<String>,
    blobs: Vec<BlobWork>,
    submodules: u64,
    warnings: Vec<String>,
}

#[derive(Default)]
struct Enumerator {
    commits: Vec<Arc<CommitInfo>>,
    path_ids: HashMap<String, u32>,
    paths: Vec<String>,
    blob_index: HashMap<Oid, usize>,
    blobs: Vec<BlobWork>,
    seen_trees: HashSet<Oid>,
    seen_pairs: HashSet<(Oid, u32)>,
    submodules: u64,
    warnings: Vec<String>,
}

impl Enumerator {
    fn add_commit(&mut self, c: &Commit<'_>) -> u32 {
        let author = c.author();
        let info = CommitInfo {
            id: c.id().to_string(),
            author_name: String::from_utf8_lossy(author.name_bytes()).into_owned(),
            author_email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
            time: author.when().seconds(),
            summary: c
                .summary_bytes()
                .map(|s| String::from_utf8_lossy(s).into_owned())
                .unwrap_or_default(),
            order: self.commits.len(),
        };
        self.commits.push(Arc::new(info));
        (self.commits.len() - 1) as u32
    }

    fn path_id(&mut self, path: &str) -> u32 {
        if let Some(&id) = self.path_ids.get(path) {
            return id;
        }
        let id = self.paths.len() as u32;
        self.paths.push(path.to_string());
        self.path_ids.insert(path.to_string(), id);
        id
    }

    fn record(&mut self, oid: Oid, path: &str, commit: u32) {
        let pid = self.path_id(path);
        if !self.seen_pairs.insert((oid, pid)) {
            return;
        }
        let idx = *self.blob_index.entry(oid).or_insert_with(|| {
            self.blobs.push(BlobWork {
                oid,
                seen: Vec::new(),
            });
            self.blobs.len() - 1
        });
        self.blobs[idx].seen.push((pid, commit));
    }

    /// Walks `tree` (skipping subtrees already seen) and records its blobs.
    fn walk_tree(&mut self, repo: &Repository, root: Oid, commit: u32) {
        let mut stack: Vec<(Oid, String)> = vec![(root, String::new())];
        while let Some((oid, prefix)) = stack.pop() {
            if !self.seen_trees.insert(oid) {
                continue;
            }
            let tree = match repo.find_tree(oid) {
                Ok(t) => t,
                Err(e) => {
                    self.warnings
                        .push(format!("warning: tree {oid} ({prefix}): {}", e.message()));
                    continue;
                }
            };
            for entry in tree.iter() {
                let name = String::from_utf8_lossy(entry.name_bytes());
                let path = if prefix.is_empty() {
                    name.into_owned()
                } else {
                    format!("{prefix}/{name}")
                };
                match entry.kind() {
                    Some(ObjectType::Tree) => stack.push((entry.id(), path)),
                    Some(ObjectType::Blob) if entry.filemode() != MODE_SYMLINK => {
                        self.record(entry.id(), &path, commit)
                    }
                    Some(ObjectType::Commit) | None if entry.filemode() == MODE_GITLINK => {
                        self.submodules += 1
                    }
                    _ => {}
                }
            }
        }
    }

    fn finish(self) -> Enumeration {
        Enumeration {
            commits: self.commits,
            paths: self.paths,
            blobs: self.blobs,
            submodules: self.submodules,
            warnings: self.warnings,
        }
    }
}

/// A commit walk that yields parents before children, older before newer.
fn oldest_first(repo: &Repository) -> Result<git2::Revwalk<'_>, ScanError> {
    let mut walk = repo.revwalk().map_err(|e| git_err("revwalk", e))?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME | Sort::REVERSE)
        .map_err(|e| git_err("revwalk", e))?;
    Ok(walk)
}

/// Enumerates blobs reachable from every ref, or from `revs`.
fn enumerate_reachable(
    repo: &Repository,
    revs: Option<&[String]>,
) -> Result<Enumeration, ScanError> {
    let mut walk = oldest_first(repo)?;
    let mut en = Enumerator::default();
    match revs {
        Some(revs) => {
            for rev in revs {
                let commit = repo
                    .revparse_single(rev)
                    .and_then(|o| o.peel_to_commit())
                    .map_err(|e| git_err(format!("{rev}: not a commit in this repository"), e))?;
                walk.push(commit.id()).map_err(|e| git_err(rev, e))?;
            }
        }
        None => {
            let refs = repo
                .references()
                .map_err(|e| git_err("cannot list refs", e))?;
            for r in refs {
                let r = match r {
                    Ok(r) => r,
                    Err(e) => {
                        en.warnings
                            .push(format!("warning: unreadable ref: {}", e.message()));
                        continue;
                    }
                };
                // Refs to trees or blobs (rare tags) have no history to walk.
                if let Ok(c) = r.peel_to_commit() {
                    let _ = walk.push(c.id());
                }
            }
            if let Ok(head) = repo.head().and_then(|h| h.peel_to_commit()) {
                let _ = walk.push(head.id());
            }
        }
    }
    for oid in walk {
        let oid = match oid {
            Ok(o) => o,
            Err(e) => {
                en.warnings.push(format!(
                    "warning: history walk stopped early: {}",
                    e.message()
                ));
                break;
            }
        };
        let commit = match repo.find_commit(oid) {
            Ok(c) => c,
            Err(e) => {
                en.warnings
                    .push(format!("warning: commit {oid}: {}", e.message()));
                continue;
            }
        };
        let idx = en.add_commit(&commit);
        en.walk_tree(repo, commit.tree_id(), idx);
    }
    Ok(en.finish())
}

/// Enumerates the blobs that the commits of `BASE..HEAD` introduced: for each commit,
/// the (path, blob) pairs that differ from every one of its parents.
fn enumerate_range(repo: &Repository, range: &str) -> Result<Enumeration, ScanError> {
    let spec = repo
        .revparse(range)
        .map_err(|e| git_err(format!("{range}: not a revision range"), e))?;
    let (Some(from), Some(to)) = (spec.from(), spec.to()) else {
        return Err(ScanError::Git(format!("{range}: expected BASE..HEAD")));
    };
    let mut walk = oldest_first(repo)?;
    walk.push(to.id()).map_err(|e| git_err(range, e))?;
    walk.hide(from.id()).map_err(|e| git_err(range, e))?;
    let mut en = Enumerator::default();
    for oid in walk {
        let oid = oid.map_err(|e| git_err(range, e))?;
        let commit = repo.find_commit(oid).map_err(|e| git_err(oid, e))?;
        let idx = en.add_commit(&commit);
        let tree = commit.tree().map_err(|e| git_err(oid, e))?;
        let parents: Vec<_> = commit.parents().filter_map(|p| p.tree().ok()).collect();
        let mut new_in_all: Option<HashSet<(Oid, String)>> = None;
        let bases: Vec<Option<&git2::Tree<'_>>> = if parents.is_empty() {
            vec![None]
        } else {
            parents.iter().map(Some).collect()
        };
        for base in bases {
            let diff = repo
                .diff_tree_to_tree(base, Some(&tree), None)
                .map_err(|e| git_err(oid, e))?;
            let mut changed = HashSet::new();
            for d in diff.deltas() {
                let nf = d.new_file();
                let is_file = nf.mode() == git2::FileMode::Blob
                    || nf.mode() == git2::FileMode::BlobExecutable;
                if nf.id().is_zero() || !is_file {
                    continue;
                }
                if let Some(p) = nf.path_bytes() {
                    changed.insert((nf.id(), String::from_utf8_lossy(p).into_owned()));
                }
            }
            new_in_all = Some(match new_in_all {
                None => changed,
                Some(prev) => prev.intersection(&changed).cloned().collect(),
            });
        }
        let mut pairs: Vec<_> = new_in_all.unwrap_or_default().into_iter().collect();
        pairs.sort_by(|a, b| a.1.cmp(&b.1));
        for (blob, path) in pairs {
            en.record(blob, &path, idx);
        }
    }
    Ok(en.finish())
}

/// Every blob id in HEAD's tree: a secret in one of them is still present.
fn head_blobs(repo: &Repository) -> (Option<String>, HashSet<Oid>) {
    let mut set = HashSet::new();
    let Ok(commit) = repo.head().and_then(|h| h.peel_to_commit()) else {
        return (None, set);
    };
    if let Ok(tree) = commit.tree() {
        let _ = tree.walk(git2::TreeWalkMode::PreOrder, |_, entry| {
            if entry.kind() == Some(ObjectType::Blob) {
                set.insert(entry.id());
            }
            git2::TreeWalkResult::Ok
        });
    }
    (Some(commit.id().to_string()), set)
}

/// `origin`'s URL without credentials, else the repository directory as a file URL.
fn repository_uri(repo: &Repository) -> String {
    if let Some(url) = repo
        .find_remote("origin")
        .ok()
        .and_then(|r| r.url().ok().map(str::to_string))
    {
        return strip_userinfo(&url);
    }
    let dir = repo.workdir().unwrap_or_else(|| repo.path());
    let abs = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    format!(
        "file://{}",
        crate::report::sarif::path_to_uri(&abs.to_string_lossy()).trim_start_matches("file://")
    )
}

/// Drops `user:password@` from a URL so no credential reaches a report.
fn strip_userinfo(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let (authority, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
            format!("{scheme}://{host}{tail}")
        }
        None => url.to_string(),
    }
}

/// Scans the history of the repository at `opts.repo`.
pub fn scan(engine: &Engine, opts: &GitOptions) -> Result<Outcome, ScanError> {
    let started = Instant::now();
    let repo = open(&opts.repo)?;
    let en = match &opts.selection {
        Selection::AllRefs => enumerate_reachable(&repo, None)?,
        Selection::Revs(revs) => enumerate_reachable(&repo, Some(revs))?,
        Selection::Range(range) => enumerate_range(&repo, range)?,
    };
    let (head, at_head) = head_blobs(&repo);
    let collector = Collector::default();
    read_blobs(engine, &collector, &repo, &en, opts);

    let mut outcome = collector.finish(engine, started);
    outcome.warnings.extend(en.warnings.iter().cloned());
    outcome.warnings.sort();
    let shallow = repo.is_shallow();
    if shallow {
        outcome
            .notes
            .push("shallow clone: history before the clone's depth was not scanned".to_string());
    }
    if en.submodules > 0 {
        outcome.notes.push(format!(
            "{} submodule entr{} not entered (scan each submodule's repository on its own)",
            en.submodules,
            if en.submodules == 1 { "y" } else { "ies" }
        ));
    }
    for g in &mut outcome.groups {
        let in_head = g.findings.iter().any(|f| {
            f.blob
                .as_deref()
                .and_then(|b| Oid::from_str(b).ok())
                .is_some_and(|oid| at_head.contains(&oid))
        });
        g.at_head = Some(in_head);
    }
    // Most urgent first: still at HEAD, then longest exposed.
    let rules = engine.rules();
    outcome.groups.sort_by(|a, b| {
        let key = |g: &crate::finding::SecretGroup| {
            let p = g.primary();
            (
                !g.at_head.unwrap_or(false),
                p.commit.as_ref().map_or(usize::MAX, |c| c.order),
                p.location.clone(),
                rules.get(p.rule).id().to_string(),
            )
        };
        key(a).cmp(&key(b))
    });
    outcome.history = Some(HistoryInfo {
        repo: opts.repo.display().to_string(),
        uri: repository_uri(&repo),
        head,
        commits: en.commits.len() as u64,
        blobs: en.blobs.len() as u64,
        shallow,
        submodules: en.submodules,
    });
    outcome.elapsed = started.elapsed();
    Ok(outcome)
}

fn progress_bar(total: u64, show: bool) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} {elapsed_precise} [{wide_bar}] {human_pos}/{human_len} blobs, {msg}, ETA {eta}",
    ) {
        bar.set_style(style);
    }
    bar.set_message("0 B read");
    bar
}

/// Reads and scans every enumerated blob, in parallel.
fn read_blobs(
    engine: &Engine,
    collector: &Collector,
    repo: &Repository,
    en: &Enumeration,
    opts: &GitOptions,
) {
    let threads = if opts.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        opts.threads
    };
    // Pack order, then discovery order for loose objects.
    let ids: Vec<&[u8]> = en.blobs.iter().map(|b| b.oid.as_bytes()).collect();
    let positions = super::packorder::positions(repo.path(), &ids);
    let mut order: Vec<usize> = (0..en.blobs.len()).collect();
    order.sort_by_key(|&i| (positions[i].is_none(), positions[i], i));
    let next = AtomicUsize::new(0);
    let bytes = std::sync::atomic::AtomicU64::new(0);
    let bar = progress_bar(en.blobs.len() as u64, opts.progress);
    let git_dir = repo.path().to_path_buf();
    let work = || {
        let mut worker = Worker::new(engine, collector);
        worker.tracked = Tracked::Everything;
        let repo = match Repository::open(&git_dir) {
            Ok(r) => r,
            Err(e) => {
                worker.warn(format!("warning: {}: {}", git_dir.display(), e.message()));
                return;
            }
        };
        let odb = match repo.odb() {
            Ok(o) => o,
            Err(e) => {
                worker.warn(format!("warning: {}: {}", git_dir.display(), e.message()));
                return;
            }
        };
        let mut locations: Vec<BlobLocation> = Vec::new();
        loop {
            let start = next.fetch_add(CLAIM, Ordering::Relaxed);
            let Some(claimed) = order.get(start..(start + CLAIM).min(order.len())) else {
                break;
            };
            for &i in claimed {
                let work = &en.blobs[i];
                bar.inc(1);
                // The header first, so an oversized blob is never inflated.
                let read = odb.read_header(work.oid).and_then(|(size, _)| {
                    if size as u64 > opts.max_blob_size {
                        Ok(Err(size as u64))
                    } else {
                        odb.read(work.oid).map(Ok)
                    }
                });
                let object = match read {
                    Ok(Ok(object)) => object,
                    Ok(Err(size)) => {
                        let what = format!("{} (blob {})", blob_path(en, work), work.oid);
                        worker.skip_too_large(&what, size);
                        continue;
                    }
                    Err(e) => {
                        worker.warn(format!(
                            "warning: {} (blob {}): cannot read: {}",
                            blob_path(en, work),
                            work.oid,
                            e.message()
                        ));
                        continue;
                    }
                };
                let total = bytes.fetch_add(object.len() as u64, Ordering::Relaxed);
                if i.is_multiple_of(256) {
                    let secs = bar.elapsed().as_secs_f64().max(0.001);
                    bar.set_message(format!(
                        "{} read at {}/s",
                        crate::report::text::human_bytes(total),
                        crate::report::text::human_bytes((total as f64 / secs) as u64)
                    ));
                }
                locations.clear();
                locations.extend(work.seen.iter().map(|&(pid, ci)| BlobLocation {
                    path: en.paths[pid as usize].clone(),
                    commit: Some(Arc::clone(&en.commits[ci as usize])),
                }));
                worker.scan_blob(object.data(), &locations, Some(&work.oid.to_string()));
            }
        }
    };
    // Workers claim blobs from a shared counter, so any number of them reads all: when
    // no more threads can be started (a container's pids limit), the ones started do
    // the work, or the calling thread alone.
    let wanted = threads.max(1);
    let mut refused = None;
    std::thread::scope(|s| {
        let mut started = 0;
        if wanted > 1 {
            for _ in 0..wanted {
                match crate::pipeline::threads::spawn_scoped(s, work) {
                    Ok(_) => started += 1,
                    Err(e) => {
                        refused = Some((started, e));
                        break;
                    }
                }
            }
        }
        if started == 0 {
            work();
        }
    });
    if let Some((started, e)) = refused {
        let mut late = Worker::new(engine, collector);
        late.partial
            .notes
            .push(crate::pipeline::threads::fewer_note(wanted, started, &e));
    }
    bar.finish_and_clear();
}

/// The first path a blob was seen at, to name it in messages.
fn blob_path<'a>(en: &'a Enumeration, work: &BlobWork) -> &'a str {
    work.seen
        .first()
        .and_then(|&(pid, _)| en.paths.get(pid as usize))
        .map_or("?", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn userinfo_is_stripped_from_remote_urls() {
        assert_eq!(
            strip_userinfo("https://x-access-token:ghp_abc@github.com/o/r.git"),
            "https://github.com/o/r.git"
        );
        assert_eq!(
            strip_userinfo("https://github.com/o/r"),
            "https://github.com/o/r"
        );
        assert_eq!(
            strip_userinfo("git@github.com:o/r.git"),
            "git@github.com:o/r.git"
        );
    }
}
