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

use foldhash::{HashMap as FastMap, HashSet as FastSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Once};
use std::time::Instant;

use git2::{Commit, ObjectType, Oid, Repository, RepositoryOpenFlags, Sort};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::incremental::{Mark, RecordOptions, Session};
pub(crate) use super::libgit::message;
use super::loose::{Checked, Loose};
use super::treepool::{self, Kind, RawId};
use crate::detect::Engine;
use crate::finding::CommitInfo;
use crate::finding::{BlobId, COMMIT_AUTHOR, COMMIT_MESSAGE};
use crate::scan::{
    BlobLocation, Collector, Gathered, HistoryInfo, Missed, MissedKind, Mode, Redaction, ScanError,
    Tracked, Warning, WarningKind, Worker,
};

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
    pub max_file_size: u64,
    /// Worker threads; 0 picks the number of CPUs.
    pub threads: usize,
    /// Draw a progress bar on stderr.
    pub progress: bool,
    /// `--incremental`: blobs an earlier run recorded are not read again.
    pub incremental: Option<RecordOptions>,
}

/// Pack files are mapped in windows of this size (libgit2's default maps up to 1 GiB
/// at once, which the limit below cannot then split).
const MAPPED_WINDOW: usize = 32 << 20;
/// Most bytes of pack files kept mapped at once.
const MAPPED_LIMIT: usize = 256 << 20;

/// Blobs a worker claims at a time: consecutive blobs in pack order share delta bases,
/// so one worker should read a run of them.
const CLAIM: usize = 32;

/// Commits whose trees are read together: enough for the pool's threads to share a
/// run's work, few enough that the trees read and not yet walked stay small.
const COMMITS_PER_RUN: usize = 1024;

/// A libgit2 error that stops a scan, after what was being done.
pub(crate) fn git_err(context: impl std::fmt::Display, e: git2::Error) -> ScanError {
    ScanError::Git(format!("{context}: {}", message(&e)))
}

/// Opens the repository at (or around) `path`.
pub(crate) fn open(path: &Path) -> Result<Repository, ScanError> {
    configure_libgit2();
    // `file:///path` names a local repository, as it does for git.
    if let Some(local) = path.to_str().and_then(|p| p.strip_prefix("file://")) {
        return open(Path::new(local));
    }
    if std::fs::symlink_metadata(path).is_err() {
        if let Some(url) = path.to_str().filter(|p| is_remote_url(p)) {
            // A scheme URL may carry credentials: shown without them. An scp-style
            // `user@host:path` cannot, and is shown as written (its user is needed).
            let url = if url.contains("://") {
                remote_uri(url, Path::new(".")).unwrap_or_default()
            } else {
                url.to_string()
            };
            return Err(ScanError::Git(format!(
                "{url}: a remote URL; leakhound reads local repositories only: clone it first \
                 (`git clone --mirror {url} repo.git`) and scan the clone"
            )));
        }
        return Err(ScanError::NotFound(path.display().to_string()));
    }
    Repository::open_ext(
        path,
        RepositoryOpenFlags::empty(),
        std::iter::empty::<&OsStr>(),
    )
    .map_err(|e| git_err(format!("{}: not a git repository", path.display()), e))
}

/// The variables git sets for the hooks it runs that say which repository, work tree
/// and index a command is about (paths relative to the hook's working directory).
const HOOK_ENV: [&str; 3] = ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"];

/// Opens the repository that a commit in progress is recording into, for `staged`.
///
/// git tells its hooks what is being committed through the environment:
/// `GIT_INDEX_FILE` names the index the commit is made from (a temporary one for
/// `git commit -a`, `git commit <path>`), `GIT_DIR` the repository (set in linked
/// worktrees) and sometimes `GIT_WORK_TREE`. When `path` is `.` these are honoured as
/// git honours them; for another path, only when they describe the same repository
/// (so `leakhound staged /elsewhere` from inside a hook still scans `/elsewhere`).
pub(crate) fn open_for_commit(path: &Path) -> Result<Repository, ScanError> {
    configure_libgit2();
    let set: Vec<&str> = HOOK_ENV
        .into_iter()
        .filter(|v| std::env::var_os(v).is_some())
        .collect();
    if set.is_empty() {
        return open(path);
    }
    let from_env = if path == Path::new(".") {
        Repository::open_from_env().map_err(|e| {
            git_err(
                format!(
                    "{} ({}): not a git repository",
                    path.display(),
                    env_description(&set)
                ),
                e,
            )
        })?
    } else {
        let repo = open(path)?;
        match Repository::open_from_env() {
            Ok(env) if same_dir(env.path(), repo.path()) => env,
            _ => return Ok(repo),
        }
    };
    // libgit2 opens a missing index as an empty one, which would make every staged
    // line look deleted and the commit look clean.
    if let Some(index) = std::env::var_os("GIT_INDEX_FILE")
        && std::fs::metadata(&index).is_err()
    {
        return Err(ScanError::Git(format!(
            "GIT_INDEX_FILE={}: no such index file",
            Path::new(&index).display()
        )));
    }
    Ok(from_env)
}

fn env_description(set: &[&str]) -> String {
    set.iter()
        .map(|v| {
            let value = std::env::var_os(v).unwrap_or_default();
            format!("{v}={}", Path::new(&value).display())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Applies leakhound's process-wide libgit2 settings, once per process: owner
/// validation and strict hash verification off, bounded pack mapping and object cache.
///
/// `app::run` calls it first thing; every function here that opens a repository
/// ([`open`], [`open_for_commit`], `discover`, `open_git_dir`) calls it too, so a
/// library user (benches, tests) gets the same settings without knowing about it. No
/// other module opens repositories: one opened with libgit2's defaults would not open
/// when another user owns it, and whatever needed it would silently go missing.
pub(crate) fn configure_libgit2() {
    static CONFIGURED: Once = Once::new();
    CONFIGURED.call_once(apply_libgit2_settings);
}

fn apply_libgit2_settings() {
    // SAFETY: these only set global flags. The `Once` runs this before any repository
    // is opened through this module (every opener calls `configure_libgit2` first, and
    // `call_once` makes concurrent callers wait), so no libgit2 work of leakhound's can
    // race with it. Ownership checks guard against *executing* a stranger's
    // configuration; leakhound only reads objects, so scanning a checkout owned by
    // another user (a CI workspace) is safe.
    unsafe {
        let _ = git2::opts::set_verify_owner_validation(false);
    }
    // Re-hashing every object read to check its id costs a SHA-1 pass over all history
    // (10% of a pre-commit run); a damaged object only changes what is scanned, and
    // objects libgit2 cannot read at all are still reported as warnings.
    git2::opts::strict_hash_verification(false);
    // Bound how much of the packs is mapped at once (libgit2 shares pack files and
    // their mapped windows between handles): by default it maps whole packs, which
    // then count in the process's resident memory. 256 MiB, not less: the tree
    // readers jump around a pack whose trees are spread among its blobs (as
    // `git fast-import` writes them), and with 128 MiB remapping cost 2 s of system
    // time on the generated history (ARCHITECTURE.md, "libgit2 settings").
    unsafe {
        let _ = git2::opts::set_mwindow_size(MAPPED_WINDOW);
        let _ = git2::opts::set_mwindow_mapped_limit(MAPPED_LIMIT);
    }
    // No decoded-object cache at all: a history scan reads each commit, tree and blob
    // once (enumeration keeps what it needs), so the cache only costs its hash-table
    // lookups, stores and evictions: about a third of the samples of a history scan of
    // a large real repository went there, in `find_tree` (issue 14).
    git2::opts::enable_caching(false);
}

/// The repository around `path` (`path` itself or the nearest directory above it that
/// holds one, across file systems), as `git` finds it from a working directory: for the
/// repository a working-tree scan lies in and whose `.leakhound.toml` applies. `Err`
/// outside any repository.
pub(crate) fn discover(path: &Path) -> Result<Repository, git2::Error> {
    configure_libgit2();
    Repository::discover(path)
}

/// The repository whose git directory is exactly `git_dir` (no search): another handle
/// on a repository already open, e.g. one per worker thread.
pub(crate) fn open_git_dir(git_dir: &Path) -> Result<Repository, git2::Error> {
    configure_libgit2();
    Repository::open(git_dir)
}

/// `https://…`, `ssh://…`, `git://…`, `file://…` and scp-style `user@host:path`: what
/// `git clone` takes as a URL. Checked only for a path that does not exist.
fn is_remote_url(s: &str) -> bool {
    if let Some((scheme, _)) = s.split_once("://") {
        return !scheme.is_empty()
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b));
    }
    // scp-like syntax: a colon before any slash, and something before it (git treats
    // `host:path` so as well; a Windows drive letter `C:` is a path).
    match s.split_once(':') {
        Some((host, _)) => host.len() > 1 && !host.contains('/'),
        None => false,
    }
}

/// A blob to read and everywhere it was introduced.
struct BlobWork {
    oid: Oid,
    /// (path id, commit index) pairs, in commit order; [`NO_COMMIT`] for a blob that a
    /// ref names directly or through a tree.
    seen: Vec<(u32, u32)>,
}

/// The commit index of blobs that no commit introduced (a ref to a blob or a tree).
const NO_COMMIT: u32 = u32::MAX;

/// What enumeration produced.
struct Enumeration {
    commits: Vec<Arc<CommitInfo>>,
    paths: Vec<String>,
    blobs: Vec<BlobWork>,
    submodules: u64,
    missed: Vec<Missed>,
    notes: Vec<String>,
}

#[derive(Default)]
struct Enumerator {
    commits: Vec<Arc<CommitInfo>>,
    path_ids: FastMap<String, u32>,
    paths: Vec<String>,
    blob_index: FastMap<RawId, usize>,
    blobs: Vec<BlobWork>,
    seen_trees: FastSet<RawId>,
    seen_pairs: FastSet<(RawId, u32)>,
    /// Per path, the raw tree walked there last.
    last_at: FastMap<String, treepool::Tree>,
    submodules: u64,
    missed: Vec<Missed>,
    notes: Vec<String>,
}

/// Where the history walk starts: commits, and the trees and blobs that refs name.
#[derive(Default)]
struct Tips {
    commits: Vec<Oid>,
    trees: Vec<(String, Oid)>,
    blobs: Vec<(String, Oid)>,
}

/// What reports show of commit `c`; `order` is set when it takes its place in the scan.
fn commit_info(c: &Commit<'_>) -> CommitInfo {
    let author = c.author();
    CommitInfo {
        id: c.id().to_string(),
        author_name: String::from_utf8_lossy(author.name_bytes()).into_owned(),
        author_email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
        time: author.when().seconds(),
        summary: c
            .summary_bytes()
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .unwrap_or_default(),
        order: 0,
    }
}

impl Enumerator {
    fn add_commit(&mut self, mut info: CommitInfo) -> u32 {
        info.order = self.commits.len();
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

    fn record(&mut self, id: RawId, path: &str, commit: u32) {
        let pid = self.path_id(path);
        if !self.seen_pairs.insert((id, pid)) {
            return;
        }
        let idx = *self.blob_index.entry(id).or_insert_with(|| {
            self.blobs.push(BlobWork {
                oid: treepool::oid(&id),
                seen: Vec::new(),
            });
            self.blobs.len() - 1
        });
        self.blobs[idx].seen.push((pid, commit));
    }

    /// Walks `root` (skipping subtrees already seen) and records its blobs under `at`
    /// (empty for a commit's tree, `refname:` for a ref to a tree). `trees` holds every
    /// tree not seen yet that the walk reaches ([`treepool::Pool::read_closure`]); each
    /// is taken out as it is walked.
    fn walk_tree(
        &mut self,
        trees: &mut FastMap<RawId, treepool::Read>,
        root: RawId,
        commit: u32,
        at: &str,
    ) {
        // (tree, its path, whether it is `root`: its entries' paths are `at` and the
        // name, with no `/` between, as `at` is empty or ends in `refname:`).
        let mut stack: Vec<(RawId, String, bool)> = vec![(root, at.to_string(), true)];
        // Each entry's path is built here, in one buffer: most entries of a tree met
        // for the first time are files already recorded at the same path.
        let mut path = String::new();
        while let Some((oid, prefix, is_root)) = stack.pop() {
            if !self.seen_trees.insert(oid) {
                continue;
            }
            let read = trees
                .remove(&oid)
                .unwrap_or_else(|| Err("not read (internal error)".to_string()));
            let tree = match read {
                Ok(tree) => tree,
                Err(reason) => {
                    self.missed_tree(&prefix, oid, reason);
                    continue;
                }
            };
            // The tree walked last at this path (usually this one's previous version):
            // an entry it holds too was recorded when it was walked, so only what
            // changed is looked at. Skipping is only ever a no-op's saving.
            let old = self.last_at.remove(&prefix);
            let old_len = old.as_ref().map_or(0, treepool::Tree::len);
            let mut j = 0;
            for k in 0..tree.len() {
                let entry = tree.entry(k);
                if let Some(old) = &old {
                    while j < old_len && treepool::tree_order(&old.entry(j), &entry).is_lt() {
                        j += 1;
                    }
                    if entry.kind != Kind::Submodule && j < old_len && old.entry(j) == entry {
                        j += 1;
                        continue;
                    }
                }
                path.clear();
                path.push_str(&prefix);
                if !is_root {
                    path.push('/');
                }
                match std::str::from_utf8(entry.name) {
                    Ok(name) => path.push_str(name),
                    Err(_) => path.push_str(&String::from_utf8_lossy(entry.name)),
                }
                match entry.kind {
                    Kind::Tree => stack.push((entry.id, path.clone(), false)),
                    Kind::File => self.record(entry.id, &path, commit),
                    Kind::Submodule => self.submodules += 1,
                    Kind::Skipped => {}
                }
            }
            self.last_at.insert(prefix, tree);
        }
    }

    /// Tree `oid`, at `prefix`, could not be read or parsed.
    fn missed_tree(&mut self, prefix: &str, id: RawId, reason: String) {
        let oid = treepool::oid(&id);
        let name = if prefix.is_empty() {
            format!("tree {oid}")
        } else {
            format!("{prefix} (tree {oid})")
        };
        self.missed
            .push(Missed::new(MissedKind::Tree, name, reason));
    }

    /// Adds what `oid` (named `name`) leads to: a commit, or a tree or blob that a ref
    /// names; annotated tags are peeled. An object that cannot be read is missed.
    fn add_tip(&mut self, repo: &Repository, loose: &Loose, name: &str, oid: Oid, tips: &mut Tips) {
        let mut oid = oid;
        // Tags of tags are legal; a cycle is not possible with content-addressed ids,
        // but a damaged store could fake one.
        for _ in 0..16 {
            let kind = loose.check(oid).and_then(|()| {
                repo.odb()
                    .and_then(|odb| odb.read_header(oid))
                    .map(|(_, kind)| kind)
                    .map_err(|e| message(&e))
            });
            let kind = match kind {
                Ok(k) => k,
                Err(reason) => {
                    self.missed.push(Missed::new(
                        MissedKind::Ref,
                        name,
                        format!("points at {oid}, which cannot be read: {reason}"),
                    ));
                    return;
                }
            };
            match kind {
                ObjectType::Commit => tips.commits.push(oid),
                ObjectType::Tree => tips.trees.push((name.to_string(), oid)),
                ObjectType::Blob => tips.blobs.push((name.to_string(), oid)),
                ObjectType::Tag => match repo.find_tag(oid) {
                    Ok(tag) => {
                        oid = tag.target_id();
                        continue;
                    }
                    Err(e) => {
                        self.missed.push(Missed::new(
                            MissedKind::Ref,
                            name,
                            format!("tag {oid} cannot be read: {}", message(&e)),
                        ));
                    }
                },
                ObjectType::Any => {}
            }
            return;
        }
    }

    fn finish(self) -> Enumeration {
        Enumeration {
            commits: self.commits,
            paths: self.paths,
            blobs: self.blobs,
            submodules: self.submodules,
            missed: self.missed,
            notes: self.notes,
        }
    }
}

/// The loose ref files under `refs/` (of the common directory, for worktrees) whose
/// names are not in `listed`: ref files libgit2 did not list, because it cannot read
/// them. Lock files of a ref update in progress are not refs.
fn unlisted_loose_refs(repo: &Repository, listed: &HashSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![(repo.commondir().join("refs"), "refs".to_string())];
    while let Some((dir, name)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let file = entry.file_name();
            let Some(file) = file.to_str() else { continue };
            let full = format!("{name}/{file}");
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push((entry.path(), full)),
                Ok(t) if t.is_file() && !file.ends_with(".lock") && !listed.contains(&full) => {
                    out.push(full)
                }
                _ => {}
            }
        }
    }
    out.sort();
    out
}

/// Reads a commit, checking it first if it is stored loose.
fn find_commit<'r>(repo: &'r Repository, loose: &Loose, oid: Oid) -> Result<Commit<'r>, String> {
    loose.check(oid)?;
    repo.find_commit(oid).map_err(|e| message(&e))
}

/// Reads a tree, checking it first if it is stored loose.
fn find_tree<'r>(repo: &'r Repository, loose: &Loose, oid: Oid) -> Result<git2::Tree<'r>, String> {
    loose.check(oid)?;
    repo.find_tree(oid).map_err(|e| message(&e))
}

/// The commits of a shallow clone whose parents are not in the repository.
fn shallow_boundary(repo: &Repository) -> HashSet<Oid> {
    std::fs::read_to_string(repo.commondir().join("shallow"))
        .map(|t| {
            t.lines()
                .filter_map(|l| Oid::from_str(l.trim()).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// A commit of the walk: its root tree and what reports show of it.
struct Walked {
    tree: RawId,
    info: CommitInfo,
}

/// Every commit reachable from `tips`, parents before children and older before newer
/// among commits whose order the graph leaves open. A commit that cannot be read is
/// missed and the walk goes on: its other descendants' parents and every other tip
/// are still walked (what only it leads to is out of reach). Each commit is read once.
fn walk_commits(
    repo: &Repository,
    loose: &Loose,
    tips: &[Oid],
    en: &mut Enumerator,
) -> Vec<Walked> {
    let boundary = shallow_boundary(repo);
    // Readable commits: (committer time, discovery order, parents).
    let mut found: HashMap<Oid, (i64, usize, Vec<Oid>)> = HashMap::new();
    let mut walked: HashMap<Oid, Walked> = HashMap::new();
    let mut bad: HashSet<Oid> = HashSet::new();
    let mut stack: Vec<Oid> = tips.iter().rev().copied().collect();
    while let Some(oid) = stack.pop() {
        if found.contains_key(&oid) || bad.contains(&oid) {
            continue;
        }
        match find_commit(repo, loose, oid) {
            Ok(c) => {
                let parents: Vec<Oid> = if boundary.contains(&oid) {
                    Vec::new()
                } else {
                    c.parent_ids().collect()
                };
                stack.extend(parents.iter().rev().copied());
                let n = found.len();
                found.insert(oid, (c.time().seconds(), n, parents));
                walked.insert(
                    oid,
                    Walked {
                        tree: treepool::raw(&c.tree_id()),
                        info: commit_info(&c),
                    },
                );
            }
            Err(reason) => {
                bad.insert(oid);
                en.missed.push(Missed::new(
                    MissedKind::Commit,
                    oid.to_string(),
                    format!("cannot be read ({reason}); history only it leads to was not scanned"),
                ));
            }
        }
    }
    // Kahn's algorithm: a commit is ready once all its readable parents are placed.
    let mut waiting: HashMap<Oid, usize> = HashMap::new();
    let mut children: HashMap<Oid, Vec<Oid>> = HashMap::new();
    let mut ready = std::collections::BinaryHeap::new();
    for (&oid, (time, n, parents)) in &found {
        let known: Vec<&Oid> = parents.iter().filter(|p| found.contains_key(p)).collect();
        for p in &known {
            children.entry(**p).or_default().push(oid);
        }
        if known.is_empty() {
            ready.push(std::cmp::Reverse((*time, *n, oid)));
        } else {
            waiting.insert(oid, known.len());
        }
    }
    let mut order = Vec::with_capacity(found.len());
    while let Some(std::cmp::Reverse((_, _, oid))) = ready.pop() {
        order.extend(walked.remove(&oid));
        for child in children.get(&oid).map(Vec::as_slice).unwrap_or_default() {
            if let Some(left) = waiting.get_mut(child) {
                *left -= 1;
                if *left == 0 {
                    waiting.remove(child);
                    let (time, n, _) = &found[child];
                    ready.push(std::cmp::Reverse((*time, *n, *child)));
                }
            }
        }
    }
    order
}

/// Enumerates blobs reachable from every ref, or from `revs`.
fn enumerate_reachable(
    repo: &Repository,
    loose: &Loose,
    revs: Option<&[String]>,
    threads: usize,
) -> Result<Enumeration, ScanError> {
    let mut en = Enumerator::default();
    let mut tips = Tips::default();
    match revs {
        Some(revs) => {
            for rev in revs {
                // A ref name or a full object id resolves without reading its object,
                // which is then checked like any other; other revision syntax
                // (`main~2`) needs libgit2 to read commits.
                let named = repo
                    .resolve_reference_from_short_name(rev)
                    .and_then(|r| r.resolve())
                    .ok()
                    .and_then(|r| r.target())
                    .or_else(|| Oid::from_str(rev).ok().filter(|_| rev.len() == 40));
                let oid = match named {
                    Some(oid) => oid,
                    None => {
                        no_damaged_commits_or_trees(loose, repo.path())?;
                        repo.revparse_single(rev).map(|o| o.id()).map_err(|e| {
                            git_err(format!("{rev}: not a commit in this repository"), e)
                        })?
                    }
                };
                en.add_tip(repo, loose, rev, oid, &mut tips);
            }
        }
        None => {
            let refs = repo
                .references()
                .map_err(|e| git_err("cannot list refs", e))?;
            let mut listed = HashSet::new();
            for r in refs {
                let r = match r {
                    Ok(r) => r,
                    Err(e) => {
                        en.missed
                            .push(Missed::new(MissedKind::Ref, "(unnamed ref)", message(&e)));
                        continue;
                    }
                };
                let name = String::from_utf8_lossy(r.name_bytes()).into_owned();
                listed.insert(name.clone());
                // A symbolic ref names another ref, which is listed itself.
                let Some(oid) = r.target() else { continue };
                en.add_tip(repo, loose, &name, oid, &mut tips);
            }
            // libgit2's listing passes over a loose ref file it cannot parse; git warns
            // of it ("ignoring broken ref"), and so does this scan.
            for name in unlisted_loose_refs(repo, &listed) {
                let reason = match repo.find_reference(&name) {
                    Err(e) => message(&e),
                    Ok(_) => continue,
                };
                en.missed.push(Missed::new(MissedKind::Ref, name, reason));
            }
            // HEAD names a branch, listed above, unless it is detached.
            match repo.find_reference("HEAD") {
                Ok(head) if head.kind() == Some(git2::ReferenceType::Symbolic) => {}
                Ok(head) => {
                    if let Some(oid) = head.target() {
                        en.add_tip(repo, loose, "HEAD", oid, &mut tips);
                    }
                }
                Err(e) if e.code() == git2::ErrorCode::NotFound => {}
                Err(e) => en
                    .missed
                    .push(Missed::new(MissedKind::Ref, "HEAD", message(&e))),
            }
        }
    }
    let commits = walk_commits(repo, loose, &tips.commits, &mut en);
    // Refs to trees (rare, but they hold content) are walked last, under the ref's
    // name (`refs/x/tree:path/in/tree`), with no commit.
    let named = std::mem::take(&mut tips.trees);
    let runs: Vec<&[Walked]> = commits.chunks(COMMITS_PER_RUN).collect();
    // Batch `i`'s roots: run `i`'s commits' trees, then the named trees.
    let roots = |i: usize| -> Vec<RawId> {
        match runs.get(i) {
            Some(run) => run.iter().map(|c| c.tree).collect(),
            None => named.iter().map(|(_, t)| treepool::raw(t)).collect(),
        }
    };
    let walk = |en: &mut Enumerator, i: usize, mut trees: FastMap<RawId, treepool::Read>| match runs
        .get(i)
    {
        Some(run) => {
            for commit in *run {
                let idx = en.add_commit(commit.info.clone());
                en.walk_tree(&mut trees, commit.tree, idx, "");
            }
        }
        None => {
            for (name, tree) in &named {
                let root = treepool::raw(tree);
                en.walk_tree(&mut trees, root, NO_COMMIT, &format!("{name}:"));
            }
        }
    };
    // The pool's threads read the trees a batch reaches that no earlier batch did;
    // another thread walks them in commit order, a batch behind. Every tree read is
    // walked, so `known` (read so far) is what the walk will have seen.
    let handles = if threads > 1 {
        (0..threads)
            .filter_map(|_| open_git_dir(repo.path()).ok())
            .collect()
    } else {
        Vec::new()
    };
    let ((), note) = treepool::with_pool(repo, handles, loose, |pool| {
        let mut known: FastSet<RawId> = FastSet::default();
        let mut read = |i: usize| {
            let trees = pool.read_closure(roots(i), &known);
            known.extend(trees.keys().copied());
            trees
        };
        let walker = {
            let en = &mut en;
            let walk = &walk;
            let read = &mut read;
            std::thread::scope(|s| {
                let (batches, received) = std::sync::mpsc::sync_channel(1);
                let walker = crate::scan::threads::spawn_scoped(s, move || {
                    for (i, trees) in received.into_iter().enumerate() {
                        walk(en, i, trees);
                    }
                });
                if walker.is_err() {
                    return false;
                }
                for i in 0..=runs.len() {
                    if batches.send(read(i)).is_err() {
                        break;
                    }
                }
                true
            })
        };
        if !walker {
            for i in 0..=runs.len() {
                let trees = read(i);
                walk(&mut en, i, trees);
            }
        }
    });
    en.notes.extend(note);
    for (name, blob) in std::mem::take(&mut tips.blobs) {
        en.record(treepool::raw(&blob), &name, NO_COMMIT);
    }
    Ok(en.finish())
}

/// A commit walk that yields parents before children, older before newer.
fn oldest_first(repo: &Repository) -> Result<git2::Revwalk<'_>, ScanError> {
    let mut walk = repo.revwalk().map_err(|e| git_err("revwalk", e))?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME | Sort::REVERSE)
        .map_err(|e| git_err("revwalk", e))?;
    Ok(walk)
}

/// A `--range` resolved to commits: those reachable from `head` and from none of `hide`.
struct ResolvedRange {
    head: Oid,
    hide: Vec<Oid>,
    /// How a `BASE...HEAD` range was read, for the notes.
    note: Option<String>,
}

/// The command that fetches `base` into a checkout that lacks it; a remote-tracking
/// name is fetched into its own ref, which `git fetch REMOTE BRANCH` in a single-branch
/// clone would not do.
fn fetch_base_command(base: &str) -> String {
    let base = base.strip_prefix("refs/remotes/").unwrap_or(base);
    match base.split_once('/') {
        Some((remote, branch)) if !remote.is_empty() && !branch.is_empty() => {
            format!("git fetch {remote} +refs/heads/{branch}:refs/remotes/{remote}/{branch}")
        }
        _ if base.is_empty() => "git fetch origin BASE".to_string(),
        _ => format!("git fetch origin {base}"),
    }
}

/// What to fetch when a range needs history a shallow (CI) checkout does not have:
/// the missing base itself if there is one, more depth, or the whole history.
fn fetch_hint(missing: Option<&str>) -> String {
    let base = missing
        .map(|b| format!("`{}`, then ", fetch_base_command(b)))
        .unwrap_or_default();
    format!(
        "fetch the history the range needs first: {base}`git fetch --deepen=N` (N commits \
         more) until the range reaches its base, or `fetch-depth: 0` for actions/checkout"
    )
}

/// Resolves `BASE..HEAD` (the commits of HEAD that BASE does not have) and `BASE...HEAD`
/// (the commits of HEAD since its merge base with BASE, as `git diff BASE...HEAD` and a
/// pull request's compare view read it). An empty side means `HEAD`, as in git. A
/// revision that is missing, or a merge base beyond a shallow clone's depth, is an
/// error that says what to fetch.
fn resolve_range(repo: &Repository, range: &str) -> Result<ResolvedRange, ScanError> {
    let (base, head, three_dots) = if let Some((a, b)) = range.split_once("...") {
        (a, b, true)
    } else if let Some((a, b)) = range.split_once("..") {
        (a, b, false)
    } else {
        return Err(ScanError::Git(format!(
            "--range {range}: expected BASE..HEAD or BASE...HEAD"
        )));
    };
    let shallow = repo.is_shallow();
    let commit_of = |name: &str| -> Result<Oid, ScanError> {
        let name = if name.is_empty() { "HEAD" } else { name };
        match repo.revparse_single(name).and_then(|o| o.peel_to_commit()) {
            Ok(c) => Ok(c.id()),
            Err(e) if e.code() == git2::ErrorCode::NotFound && shallow => {
                Err(ScanError::Git(format!(
                    "--range {range}: '{name}' is not in this shallow clone; {}",
                    fetch_hint(Some(name))
                )))
            }
            Err(e) if e.code() == git2::ErrorCode::NotFound => Err(ScanError::Git(format!(
                "--range {range}: unknown revision '{name}' (if this checkout lacks it: `{}`)",
                fetch_base_command(name)
            ))),
            Err(e) => Err(git_err(format!("--range {range}: '{name}'"), e)),
        }
    };
    let (base_id, head_id) = (commit_of(base)?, commit_of(head)?);
    if !three_dots {
        return Ok(ResolvedRange {
            head: head_id,
            hide: vec![base_id],
            note: None,
        });
    }
    let bases: Vec<Oid> = match repo.merge_bases(base_id, head_id) {
        Ok(found) => found.iter().copied().collect(),
        Err(e) if e.code() == git2::ErrorCode::NotFound && shallow => {
            return Err(ScanError::Git(format!(
                "--range {range}: no merge base within this shallow clone's depth; {}",
                fetch_hint(None)
            )));
        }
        Err(e) if e.code() == git2::ErrorCode::NotFound => {
            return Err(ScanError::Git(format!(
                "--range {range}: the two sides have no common ancestor (unrelated histories); \
                 BASE..HEAD scans what HEAD has and BASE has not"
            )));
        }
        Err(e) => return Err(git_err(format!("--range {range}: merge base"), e)),
    };
    let short = |o: &Oid| o.to_string()[..12].to_string();
    let shown: Vec<String> = bases.iter().map(short).collect();
    Ok(ResolvedRange {
        head: head_id,
        note: Some(format!(
            "--range {range}: the commits of {} since its merge base {} with {} (commits {} gained since are not scanned)",
            if head.is_empty() { "HEAD" } else { head },
            shown.join(", "),
            if base.is_empty() { "HEAD" } else { base },
            if base.is_empty() { "HEAD" } else { base },
        )),
        hide: bases,
    })
}

/// Enumerates the blobs that the commits of a range introduced: for each commit, the
/// (path, blob) pairs that differ from every one of its parents.
fn enumerate_range(
    repo: &Repository,
    loose: &Loose,
    range: &str,
    resolved: &ResolvedRange,
) -> Result<Enumeration, ScanError> {
    let mut walk = oldest_first(repo)?;
    walk.push(resolved.head).map_err(|e| git_err(range, e))?;
    for hide in &resolved.hide {
        walk.hide(*hide).map_err(|e| git_err(range, e))?;
    }
    // A range that reaches the commits whose parents a shallow clone lacks has lost
    // its base: each such commit would look as if it added its whole tree.
    let boundary = shallow_boundary(repo);
    let mut en = Enumerator::default();
    for oid in walk {
        let oid = oid.map_err(|e| git_err(range, e))?;
        if boundary.contains(&oid) {
            return Err(ScanError::Git(format!(
                "--range {range}: the range reaches commit {oid}, whose parents this shallow clone does not have, before reaching BASE; {}",
                fetch_hint(None)
            )));
        }
        let unreadable = |what: String, reason: String| {
            ScanError::Git(format!("{range}: {what} cannot be read: {reason}"))
        };
        let commit =
            find_commit(repo, loose, oid).map_err(|r| unreadable(format!("commit {oid}"), r))?;
        let idx = en.add_commit(commit_info(&commit));
        let tree = find_tree(repo, loose, commit.tree_id())
            .map_err(|r| unreadable(format!("the tree of commit {oid}"), r))?;
        let mut parents = Vec::new();
        for p in commit.parent_ids() {
            let parent =
                find_commit(repo, loose, p).map_err(|r| unreadable(format!("commit {p}"), r))?;
            parents.push(
                find_tree(repo, loose, parent.tree_id())
                    .map_err(|r| unreadable(format!("the tree of commit {p}"), r))?,
            );
        }
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
            en.record(treepool::raw(&blob), &path, idx);
        }
    }
    Ok(en.finish())
}

/// Every blob id in HEAD's tree: a secret in one of them is still present. Objects
/// that cannot be read are left out here; the walk has reported them.
fn head_blobs(repo: &Repository, loose: &Loose) -> (Option<String>, HashSet<BlobId>) {
    let mut set = HashSet::new();
    let Some(oid) = repo.head().ok().and_then(|h| h.target()) else {
        return (None, set);
    };
    let Ok(commit) = find_commit(repo, loose, oid) else {
        return (None, set);
    };
    let mut stack = vec![commit.tree_id()];
    let mut seen = HashSet::new();
    while let Some(t) = stack.pop() {
        if !seen.insert(t) {
            continue;
        }
        let Ok(tree) = find_tree(repo, loose, t) else {
            continue;
        };
        for entry in tree.iter() {
            match entry.kind() {
                Some(ObjectType::Blob) => set.extend(BlobId::from_bytes(entry.id().as_bytes())),
                Some(ObjectType::Tree) => stack.push(entry.id()),
                _ => {}
            }
        }
    }
    (Some(commit.id().to_string()), set)
}

/// Whether the repository is a partial clone (`git clone --filter`): objects its
/// promisor remote holds may never have been fetched.
fn is_partial_clone(repo: &Repository) -> bool {
    let Ok(config) = repo.config() else {
        return false;
    };
    if config.get_string("extensions.partialclone").is_ok() {
        return true;
    }
    let Ok(mut entries) = config.entries(Some(r"remote\..*\.promisor")) else {
        return false;
    };
    let mut partial = false;
    while let Some(Ok(e)) = entries.next() {
        partial |= e.value().is_ok_and(|v| v.eq_ignore_ascii_case("true"));
    }
    partial
}

/// `origin`'s URL as a URI without credentials (see [`remote_uri`]), else the
/// repository directory as a file URL.
fn repository_uri(repo: &Repository) -> String {
    let dir = repo.workdir().unwrap_or_else(|| repo.path());
    if let Some(uri) = repo
        .find_remote("origin")
        .ok()
        .and_then(|r| r.url().ok().map(str::to_string))
        .and_then(|url| remote_uri(&url, dir))
    {
        return uri;
    }
    file_uri(dir)
}

fn file_uri(dir: &Path) -> String {
    let abs = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    format!(
        "file://{}",
        crate::text::path_to_uri(&abs.to_string_lossy()).trim_start_matches("file://")
    )
}

/// A remote URL as git accepts it, turned into a URI that holds no credential, for
/// SARIF `repositoryUri`:
///
/// - `scheme://user:password@host/path?query#fragment` loses the user information,
///   the query and the fragment (tokens travel as `?private_token=…` too);
/// - scp-style `user@host:owner/repo.git`, which is not a URI, becomes
///   `ssh://host/owner/repo.git`;
/// - a local path becomes a `file://` URI (relative to `dir`, the repository).
///
/// `None` for an empty URL.
pub(crate) fn remote_uri(url: &str, dir: &Path) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    if let Some((scheme, rest)) = url.split_once("://")
        && !scheme.is_empty()
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b))
    {
        let rest = rest.split(['?', '#']).next().unwrap_or("");
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        return Some(format!("{}://{host}{path}", scheme.to_ascii_lowercase()));
    }
    // git's rule: a colon before any slash makes it scp-style, except a drive letter.
    if let Some((host, path)) = url.split_once(':')
        && !host.contains('/')
        && host.len() > 1
    {
        let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
        let path = path.split(['?', '#']).next().unwrap_or("");
        let path = path.trim_start_matches('/');
        return Some(format!("ssh://{host}/{path}"));
    }
    let path = Path::new(url);
    Some(if path.is_absolute() {
        file_uri(path)
    } else {
        file_uri(&dir.join(path))
    })
}

/// Fails naming the first damaged loose commit, tree or tag, before libgit2 is left to
/// read commits and trees on its own (a revision expression, a range's walk and
/// diffs), which it cannot do safely with a truncated loose object.
fn no_damaged_commits_or_trees(loose: &Loose, repo: &Path) -> Result<(), ScanError> {
    let damaged = loose.damaged_non_blobs();
    match damaged.first() {
        None => Ok(()),
        Some((oid, reason)) => Err(ScanError::Git(format!(
            "{}: object {oid} cannot be read: {reason}{}",
            repo.display(),
            if damaged.len() > 1 {
                format!(" (and {} more damaged loose objects)", damaged.len() - 1)
            } else {
                String::new()
            }
        ))),
    }
}

/// Scans the history of the repository at `opts.repo`.
pub fn scan(engine: &Engine, opts: &GitOptions) -> Result<Gathered, ScanError> {
    let mut gathered = Gathered::new(Mode::History, Instant::now());
    let repo = open(&opts.repo)?;
    let session = match &opts.incremental {
        Some(record) => Some(Session::open(
            engine,
            record,
            repo.commondir(),
            opts.max_file_size,
        )?),
        None => None,
    };
    let loose = Loose::list(repo.path());
    let en = match &opts.selection {
        Selection::AllRefs => enumerate_reachable(&repo, &loose, None, threads(opts))?,
        Selection::Revs(revs) => enumerate_reachable(&repo, &loose, Some(revs), threads(opts))?,
        Selection::Range(range) => {
            // libgit2 reads the range's commits and trees itself (revwalk, diff).
            no_damaged_commits_or_trees(&loose, &opts.repo)?;
            let resolved = resolve_range(&repo, range)?;
            gathered.notes.extend(resolved.note.clone());
            enumerate_range(&repo, &loose, range, &resolved)?
        }
    };
    let (head, at_head) = head_blobs(&repo, &loose);
    let mut en = en;
    gathered.notes.append(&mut en.notes);
    scan_commit_texts(
        engine,
        &gathered.collector,
        &repo,
        &mut en.commits,
        threads(opts),
    );
    read_blobs(
        engine,
        &gathered.collector,
        &repo,
        &loose,
        &en,
        opts,
        session.as_ref(),
    );
    let incremental = session.map(|s| s.finish(&mut gathered, en.blobs.len() as u64));

    let never_fetched = gathered.collector.count_missed(|m| m.reason == NOT_FETCHED)
        + en.missed.iter().filter(|m| m.reason == NOT_FETCHED).count();
    if never_fetched > 0 {
        gathered.missed_explanation.push(format!(
            "{never_fetched} blob{} missing: this is a partial clone (`git clone --filter`), \
             and git fetches blobs only when a command needs them. Fetch them all \
             (`git config --unset remote.origin.partialclonefilter && git fetch --refetch \
             origin`) or clone the repository again without --filter, then scan again.",
            if never_fetched == 1 { " is" } else { "s are" }
        ));
    }
    let shallow = repo.is_shallow();
    if shallow {
        gathered
            .notes
            .push("shallow clone: history before the clone's depth was not scanned".to_string());
    }
    if en.submodules > 0 {
        gathered.notes.push(format!(
            "{} submodule entr{} not entered (scan each submodule's repository on its own)",
            en.submodules,
            if en.submodules == 1 { "y" } else { "ies" }
        ));
    }
    gathered.head_blobs = Some(at_head);
    gathered.history = Some(HistoryInfo {
        repo: opts.repo.display().to_string(),
        uri: repository_uri(&repo),
        head,
        commits: en.commits.len() as u64,
        blobs: en.blobs.len() as u64,
        shallow,
        submodules: en.submodules,
        incremental,
    });
    gathered.missed = en.missed;
    Ok(gathered)
}

/// Shown instead of a commit's summary or author when scanning it failed.
const NOT_SHOWN: &str = "(not shown: leakhound could not scan it)";

/// Scans each commit's own text, once per commit: its whole message, and its author
/// and committer names and emails. What the rules find is reported like a blob's
/// findings, at [`COMMIT_MESSAGE`] or [`COMMIT_AUTHOR`] with the commit; and every
/// span they match is redacted in the commit's [`CommitInfo`], whose summary and
/// author the reports show.
///
/// Runs on up to `threads` threads, each with its own handle on the repository, that
/// claim commits from a shared counter (so any number of them scans all: the calling
/// thread alone when none can start).
fn scan_commit_texts(
    engine: &Engine,
    collector: &Collector,
    repo: &Repository,
    commits: &mut [Arc<CommitInfo>],
    threads: usize,
) {
    const CLAIM_COMMITS: usize = 64;
    let next = AtomicUsize::new(0);
    let redacted = std::sync::Mutex::new(Vec::new());
    let shared: &[Arc<CommitInfo>] = commits;
    let work = |handle: &Repository| {
        let mut worker = Worker::new(engine, collector);
        worker.tracked = Tracked::Everything;
        let mut mine = Vec::new();
        loop {
            let start = next.fetch_add(CLAIM_COMMITS, Ordering::Relaxed);
            let Some(claimed) = shared.get(start..(start + CLAIM_COMMITS).min(shared.len())) else {
                break;
            };
            for (i, info) in claimed.iter().enumerate() {
                if let Some(info) = scan_commit_text(&mut worker, handle, info) {
                    mine.push((start + i, info));
                }
            }
        }
        if let Ok(mut all) = redacted.lock() {
            all.append(&mut mine);
        }
    };
    std::thread::scope(|s| {
        let mut started = 0;
        if threads > 1 {
            for _ in 0..threads {
                let Ok(handle) = open_git_dir(repo.path()) else {
                    break;
                };
                if crate::scan::threads::spawn_scoped(s, move || work(&handle)).is_err() {
                    break;
                }
                started += 1;
            }
        }
        if started == 0 {
            work(repo);
        }
    });
    for (i, info) in redacted.into_inner().unwrap_or_default() {
        commits[i] = info;
    }
}

/// Scans one commit's message and identities ([`scan_commit_texts`]); the commit's
/// [`CommitInfo`] as reports must show it, when that differs from `info`.
fn scan_commit_text(
    worker: &mut Worker<'_>,
    repo: &Repository,
    info: &Arc<CommitInfo>,
) -> Option<Arc<CommitInfo>> {
    let commit = match Oid::from_str(&info.id).and_then(|oid| repo.find_commit(oid)) {
        Ok(c) => c,
        Err(e) => {
            worker.warn(Warning::new(
                WarningKind::CommitText,
                format!("commit {}", info.id),
                format!("cannot read its message: {}", message(&e)),
            ));
            // Not scanned, so not shown.
            let mut hidden = CommitInfo::clone(info);
            hidden.summary = NOT_SHOWN.to_string();
            hidden.author_name = NOT_SHOWN.to_string();
            hidden.author_email = NOT_SHOWN.to_string();
            return Some(Arc::new(hidden));
        }
    };
    let message = commit.message_raw_bytes();
    let (who, fields) = identity_text(&commit.author(), &commit.committer());
    let before = worker.partial.findings.len();
    let name = format!("commit {} (message)", info.id);
    let in_message = worker.scan_text(message, COMMIT_MESSAGE, &name);
    let name = format!("commit {} (author and committer)", info.id);
    let in_who = worker.scan_text(who.as_bytes(), COMMIT_AUTHOR, &name);
    let found = |r: &Option<Vec<Redaction>>| r.as_ref().is_none_or(|r| !r.is_empty());
    if !found(&in_message) && !found(&in_who) {
        return None;
    }
    // What could not be scanned is not shown.
    let mut redacted = CommitInfo::clone(info);
    match &in_message {
        None => redacted.summary = NOT_SHOWN.to_string(),
        Some(r) if !r.is_empty() => {
            redacted.summary = summary(&redact(message, (0, message.len()), r))
        }
        Some(_) => {}
    }
    match &in_who {
        None => {
            redacted.author_name = NOT_SHOWN.to_string();
            redacted.author_email = NOT_SHOWN.to_string();
        }
        Some(r) if !r.is_empty() => {
            let field = |(start, end)| {
                String::from_utf8_lossy(&redact(who.as_bytes(), (start, end), r)).into_owned()
            };
            redacted.author_name = field(fields[0]);
            redacted.author_email = field(fields[1]);
        }
        Some(_) => {}
    }
    let redacted = Arc::new(redacted);
    for f in &mut worker.partial.findings[before..] {
        f.commit = Some(Arc::clone(&redacted));
    }
    Some(redacted)
}

/// `author NAME <EMAIL>` and, when it differs, `committer NAME <EMAIL>`, one a line:
/// the text scanned as [`COMMIT_AUTHOR`]; with the byte ranges of the author's name
/// and email in it.
fn identity_text(
    author: &git2::Signature<'_>,
    committer: &git2::Signature<'_>,
) -> (String, [(usize, usize); 2]) {
    let line = |sig: &git2::Signature<'_>| {
        let name = String::from_utf8_lossy(sig.name_bytes()).into_owned();
        let email = String::from_utf8_lossy(sig.email_bytes());
        (format!("{name} <{email}>\n"), name.len())
    };
    let ((a, name_len), (c, _)) = (line(author), line(committer));
    let mut text = format!("author {a}");
    let name_at = "author ".len();
    let email_at = name_at + name_len + " <".len();
    let fields = [
        (name_at, name_at + name_len),
        (email_at, text.len() - ">\n".len()),
    ];
    if c != a {
        text.push_str("committer ");
        text.push_str(&c);
    }
    (text, fields)
}

/// `text[range]` with every part of it that a redaction covers replaced by the
/// redacted form (once per redaction).
fn redact(text: &[u8], (start, end): (usize, usize), redactions: &[Redaction]) -> Vec<u8> {
    let mut out = Vec::with_capacity(end - start);
    let mut at = start;
    let mut spans: Vec<&Redaction> = redactions
        .iter()
        .filter(|r| r.start < end && start < r.end)
        .collect();
    spans.sort_by_key(|r| (r.start, r.end));
    for r in spans {
        if r.end <= at {
            continue;
        }
        out.extend_from_slice(&text[at..r.start.max(at)]);
        out.extend_from_slice(r.redacted.as_bytes());
        at = r.end.min(end);
    }
    out.extend_from_slice(&text[at..end]);
    out
}

/// A commit message's summary as libgit2 computes it: leading line breaks skipped,
/// the first paragraph (up to an empty or blank line), whitespace runs that hold a
/// line break collapsed into one space, trailing whitespace dropped.
fn summary(message: &[u8]) -> String {
    let start = message
        .iter()
        .position(|&b| b != b'\n')
        .unwrap_or(message.len());
    let msg = &message[start..];
    let msg = &msg[..memchr::memchr(0, msg).unwrap_or(msg.len())];
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r');
    let mut out = Vec::new();
    let mut run: Option<(usize, bool)> = None;
    for (i, &b) in msg.iter().enumerate() {
        if b == b'\n' {
            let rest = &msg[i + 1..];
            let next_line = &rest[..memchr::memchr(b'\n', rest).unwrap_or(rest.len())];
            if next_line.iter().all(|&c| space(c)) {
                break;
            }
        }
        if space(b) {
            let (from, newline) = run.unwrap_or((i, false));
            run = Some((from, newline || b == b'\n'));
        } else {
            if let Some((from, newline)) = run.take() {
                if newline {
                    out.push(b' ');
                } else {
                    out.extend_from_slice(&msg[from..i]);
                }
            }
            out.push(b);
        }
    }
    String::from_utf8_lossy(&out).into_owned()
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

/// Why a blob of a partial clone is missing.
const NOT_FETCHED: &str = "not in this partial clone (never fetched from its promisor remote)";

/// Worker threads a history scan uses (`--threads`, or one per CPU).
fn threads(opts: &GitOptions) -> usize {
    if opts.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        opts.threads
    }
}

/// Reads and scans every enumerated blob, in parallel.
fn read_blobs(
    engine: &Engine,
    collector: &Collector,
    repo: &Repository,
    loose: &Loose,
    en: &Enumeration,
    opts: &GitOptions,
    session: Option<&Session<'_>>,
) {
    let partial = is_partial_clone(repo);
    let threads = threads(opts);
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
        let handle = open_git_dir(&git_dir);
        let odb = match handle
            .as_ref()
            .map_err(message)
            .and_then(|r| r.odb().map_err(|e| message(&e)))
        {
            Ok(o) => Some(o),
            Err(e) => {
                worker.warn(Warning::new(
                    WarningKind::ObjectStore,
                    git_dir.display().to_string(),
                    format!("cannot open the object store: {e}"),
                ));
                None
            }
        };
        let mut locations: Vec<BlobLocation> = Vec::new();
        let mut recorded = Vec::new();
        loop {
            let start = next.fetch_add(CLAIM, Ordering::Relaxed);
            let Some(claimed) = order.get(start..(start + CLAIM).min(order.len())) else {
                break;
            };
            for &i in claimed {
                let work = &en.blobs[i];
                bar.inc(1);
                let id = BlobId::from_bytes(work.oid.as_bytes());
                if let (Some(s), Some(id)) = (session, id)
                    && s.reuse(&mut worker, id, blob_path(en, work), || {
                        blob_locations(en, work).collect()
                    })
                {
                    continue;
                }
                let name = || format!("{} (blob {})", blob_path(en, work), work.oid);
                let object =
                    match read_blob(loose, odb.as_ref(), work.oid, opts.max_file_size, partial) {
                        Ok(Read::Blob(object)) => object,
                        Ok(Read::TooLarge(size)) => {
                            worker.skip_too_large(&name(), size);
                            continue;
                        }
                        Err(reason) => {
                            worker.missed(Missed::new(MissedKind::Blob, name(), reason));
                            continue;
                        }
                    };
                let object = object.data();
                let total = bytes.fetch_add(object.len() as u64, Ordering::Relaxed);
                if i.is_multiple_of(256) {
                    let secs = bar.elapsed().as_secs_f64().max(0.001);
                    bar.set_message(format!(
                        "{} read at {}/s",
                        crate::text::human_bytes(total),
                        crate::text::human_bytes((total as f64 / secs) as u64)
                    ));
                }
                locations.clear();
                locations.extend(blob_locations(en, work));
                let mark = Mark::of(&worker);
                worker.scan_blob(object, &locations, id);
                if let (Some(s), Some(id)) = (session, id) {
                    s.capture(&mut recorded, &worker, &mark, id, object.len(), &locations);
                }
            }
        }
        if let Some(s) = session {
            s.keep(recorded);
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
                match crate::scan::threads::spawn_scoped(s, work) {
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
            .push(crate::scan::threads::fewer_note(wanted, started, &e));
    }
    bar.finish_and_clear();
}

/// What reading a blob gave.
pub(crate) enum Read<'o> {
    Blob(Blob<'o>),
    /// Not read: its header says it is over the size limit.
    TooLarge(u64),
}

/// Reads blob `oid`, the one way every source reads blobs: a loose one is inflated
/// and checked here (libgit2 would hang on a truncated one); others through libgit2,
/// the header first, so an oversized blob is never inflated. `Err` is why it could not
/// be read; in a partial clone (`partial`), a blob that is not there was never fetched.
pub(crate) fn read_blob<'o>(
    loose: &Loose,
    odb: Option<&'o git2::Odb<'_>>,
    oid: Oid,
    max_file_size: u64,
    partial: bool,
) -> Result<Read<'o>, String> {
    if let Some(checked) = loose.read(oid, max_file_size) {
        return checked.map(|c| match c {
            Checked::TooLarge(n) => Read::TooLarge(n),
            Checked::Body(b) => Read::Blob(Blob::Loose(b)),
        });
    }
    let Some(odb) = odb else {
        return Err("the object store cannot be opened".to_string());
    };
    odb.read_header(oid)
        .and_then(|(size, _)| {
            if size as u64 > max_file_size {
                Ok(Read::TooLarge(size as u64))
            } else {
                odb.read(oid).map(|o| Read::Blob(Blob::Odb(o)))
            }
        })
        .map_err(|e| {
            if partial && e.code() == git2::ErrorCode::NotFound {
                NOT_FETCHED.to_string()
            } else {
                format!("cannot read: {}", message(&e))
            }
        })
}

/// A blob's bytes: read by libgit2, or from a loose object checked here.
pub(crate) enum Blob<'o> {
    Odb(git2::OdbObject<'o>),
    Loose(Vec<u8>),
}

impl Blob<'_> {
    pub(crate) fn data(&self) -> &[u8] {
        match self {
            Blob::Odb(o) => o.data(),
            Blob::Loose(b) => b,
        }
    }
}

/// Everywhere a blob was introduced: its paths, each with the commit that introduced it
/// there.
fn blob_locations<'a>(
    en: &'a Enumeration,
    work: &'a BlobWork,
) -> impl Iterator<Item = BlobLocation> + 'a {
    work.seen.iter().map(|&(pid, ci)| BlobLocation {
        path: en.paths[pid as usize].clone(),
        commit: en.commits.get(ci as usize).map(Arc::clone),
    })
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

    /// A raw tree object from (mode, name, id) entries, and its id (any unique id).
    fn tree(n: u8, entries: &[(&str, &str, RawId)]) -> (RawId, treepool::Read) {
        let mut data = Vec::new();
        for (mode, name, id) in entries {
            data.extend_from_slice(format!("{mode} {name}\0").as_bytes());
            data.extend_from_slice(id);
        }
        ([n; 20], treepool::Tree::parse(data))
    }

    /// What the walk recorded: (blob id byte, path, commit) per location.
    fn recorded(en: &Enumerator) -> Vec<(u8, String, u32)> {
        let mut out: Vec<_> = en
            .blobs
            .iter()
            .flat_map(|b| {
                b.seen
                    .iter()
                    .map(|&(p, c)| (b.oid.as_bytes()[0], en.paths[p as usize].clone(), c))
            })
            .collect();
        out.sort();
        out
    }

    /// Entries a tree shares with the tree walked last at its path are skipped; what
    /// the walk records is what walking every entry records: each (blob, path) pair at
    /// the first commit that has it, a moved tree already seen not walked again.
    #[test]
    fn the_walk_records_each_new_pair_once_with_its_first_commit() {
        let (x, y, y2, z, w) = ([1u8; 20], [2u8; 20], [3u8; 20], [4u8; 20], [5u8; 20]);
        let sub = [9u8; 20];
        let (d0, d0t) = tree(
            100,
            &[("100644", "a", x), ("100644", "b", y), ("160000", "m", sub)],
        );
        let (r0, r0t) = tree(101, &[("40000", "dir", d0), ("100644", "top", z)]);
        // dir/b changes, dir/c is a copy of dir/a's blob, the gitlink stays.
        let (d1, d1t) = tree(
            102,
            &[
                ("100644", "a", x),
                ("100644", "b", y2),
                ("100644", "c", x),
                ("160000", "m", sub),
            ],
        );
        let (r1, r1t) = tree(103, &[("40000", "dir", d1), ("100644", "top", z)]);
        // dir moved to moved/ unchanged: a tree already seen.
        let (r2, r2t) = tree(104, &[("40000", "moved", d1), ("100644", "top", z)]);
        // moved/ gains d: a new tree at a path never walked.
        let (d3, d3t) = tree(
            105,
            &[
                ("100644", "a", x),
                ("100644", "b", y2),
                ("100644", "c", x),
                ("100644", "d", w),
            ],
        );
        let (r3, r3t) = tree(106, &[("40000", "moved", d3), ("120000", "top", z)]);
        let mut trees: FastMap<RawId, treepool::Read> = [
            (d0, d0t),
            (r0, r0t),
            (d1, d1t),
            (r1, r1t),
            (r2, r2t),
            (d3, d3t),
            (r3, r3t),
        ]
        .into_iter()
        .collect();
        let mut en = Enumerator::default();
        for (commit, root) in [r0, r1, r2, r3].into_iter().enumerate() {
            en.walk_tree(&mut trees, root, commit as u32, "");
        }
        let at = |b: [u8; 20], p: &str, c| (b[0], p.to_string(), c);
        assert_eq!(recorded(&en), {
            let mut want = vec![
                at(x, "dir/a", 0),
                at(y, "dir/b", 0),
                at(z, "top", 0),
                at(y2, "dir/b", 1),
                at(x, "dir/c", 1),
                at(x, "moved/a", 3),
                at(y2, "moved/b", 3),
                at(x, "moved/c", 3),
                at(w, "moved/d", 3),
            ];
            want.sort();
            want
        });
        // Gitlinks are counted in every tree walked that holds one.
        assert_eq!(en.submodules, 2);
        assert!(en.missed.is_empty());
        assert!(trees.is_empty(), "every tree read was walked");
    }

    /// A directory whose name ends in `:` keeps its `/` (only a ref's root, named
    /// `refname:`, joins without one).
    #[test]
    fn paths_under_a_directory_named_with_a_colon_keep_their_slash() {
        let (d, dt) = tree(120, &[("100644", "prod.env", [1; 20])]);
        let (r, rt) = tree(121, &[("40000", "conf:", d)]);
        let mut trees: FastMap<RawId, treepool::Read> = [(d, dt), (r, rt)].into_iter().collect();
        let mut en = Enumerator::default();
        en.walk_tree(&mut trees, r, 0, "");
        assert_eq!(recorded(&en), vec![(1, "conf:/prod.env".to_string(), 0)]);
        let (d, dt) = tree(122, &[("100644", "x", [2; 20])]);
        let (r, rt) = tree(123, &[("40000", "sub", d)]);
        let mut trees: FastMap<RawId, treepool::Read> = [(d, dt), (r, rt)].into_iter().collect();
        en.walk_tree(&mut trees, r, NO_COMMIT, "refs/t:");
        assert!(recorded(&en).contains(&(2, "refs/t:sub/x".to_string(), NO_COMMIT)));
    }

    #[test]
    fn a_tree_that_cannot_be_read_or_parsed_is_missed_with_its_path() {
        let (d, _) = tree(110, &[]);
        let (r, rt) = tree(111, &[("40000", "lib", d), ("100644", "f", [1; 20])]);
        let mut trees: FastMap<RawId, treepool::Read> = [
            (r, rt),
            (
                d,
                Err("failed to parse tree: can't parse filemode".to_string()),
            ),
        ]
        .into_iter()
        .collect();
        let mut en = Enumerator::default();
        en.walk_tree(&mut trees, r, 0, "");
        assert_eq!(recorded(&en), vec![(1, "f".to_string(), 0)]);
        assert_eq!(en.missed.len(), 1);
        let shown = format!("{:?}", en.missed[0]);
        assert!(shown.contains("lib (tree 6e6e6e"), "{shown}");
        assert!(shown.contains("parse filemode"), "{shown}");
    }

    #[test]
    fn summary_is_libgit2s() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let tree = repo
            .find_tree(repo.treebuilder(None).unwrap().write().unwrap())
            .unwrap();
        let sig = git2::Signature::new("A", "a@example.org", &git2::Time::new(0, 0)).unwrap();
        for message in [
            "one line",
            "one line\n",
            "\n\nafter blank lines\n\nbody",
            "two\nlines  of\tsummary\n\nbody",
            "  leading and trailing  \n  \nbody",
            "crlf\r\nnext\r\n\r\nbody",
            "spaces \n \t\nend",
            "",
            "\n",
        ] {
            let oid = repo.commit(None, &sig, &sig, message, &tree, &[]).unwrap();
            let commit = repo.find_commit(oid).unwrap();
            let want = String::from_utf8_lossy(commit.summary_bytes().unwrap_or_default());
            assert_eq!(summary(commit.message_raw_bytes()), want, "{message:?}");
        }
    }

    #[test]
    fn redaction_replaces_each_span_once_within_the_range() {
        let r = |start, end, redacted: &str| Redaction {
            start,
            end,
            redacted: redacted.to_string(),
        };
        let text = b"key AAAA and BBBB end";
        let spans = [r(4, 8, "A…"), r(13, 17, "B…")];
        assert_eq!(
            redact(text, (0, text.len()), &spans),
            b"key A\xe2\x80\xa6 and B\xe2\x80\xa6 end"
        );
        // A span cut by the range is still replaced.
        assert_eq!(redact(text, (6, 15), &spans), "A… and B…".as_bytes());
        assert_eq!(redact(text, (9, 12), &spans), b"and");
        // Overlapping spans: the second one's remainder goes.
        let spans = [r(4, 10, "X…"), r(8, 17, "Y…")];
        assert_eq!(
            redact(text, (0, text.len()), &spans),
            "key X…Y… end".as_bytes()
        );
    }

    /// Every opener applies the process-wide settings first, so a repository owned by
    /// another user (a CI checkout) opens, whichever opener a caller uses first. Giving
    /// a directory away takes root: elsewhere this says SKIPPED and checks nothing.
    #[test]
    fn openers_open_a_repository_owned_by_another_user() {
        let dir = tempfile::tempdir().unwrap();
        Repository::init(dir.path()).unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let given = std::process::Command::new("chown")
            .args(["-R", "12345:12345"])
            .arg(dir.path())
            .output()
            .is_ok_and(|o| o.status.success());
        if !given {
            eprintln!(
                "SKIPPED: openers_open_a_repository_owned_by_another_user: cannot give {} \
                 to uid 12345 (needs root)",
                dir.path().display()
            );
            return;
        }
        let sub = dir.path().join("sub");
        let found = discover(&sub).unwrap();
        let git_dir = found.path().to_path_buf();
        assert_eq!(
            found.workdir().map(|w| w.canonicalize().unwrap()),
            Some(dir.path().canonicalize().unwrap())
        );
        assert_eq!(open(&sub).unwrap().path(), git_dir);
        assert_eq!(open_git_dir(&git_dir).unwrap().path(), git_dir);
    }

    #[test]
    fn remote_urls_become_uris_without_credentials() {
        let dir = Path::new("/srv/work/app");
        let uri = |u: &str| remote_uri(u, dir).unwrap();
        assert_eq!(
            uri("https://x-access-token:ghp_abc@github.com/o/r.git"),
            "https://github.com/o/r.git"
        );
        assert_eq!(uri("https://github.com/o/r"), "https://github.com/o/r");
        assert_eq!(
            uri("https://gitlab.example/o/r.git?private_token=glpat-abc&x=1#frag"),
            "https://gitlab.example/o/r.git"
        );
        assert_eq!(uri("HTTPS://u@h:8443/o/r"), "https://h:8443/o/r");
        assert_eq!(uri("git@github.com:o/r.git"), "ssh://github.com/o/r.git");
        assert_eq!(uri("github.com:/abs/r.git"), "ssh://github.com/abs/r.git");
        assert_eq!(
            uri("ssh://git@host:2222/o/r.git"),
            "ssh://host:2222/o/r.git"
        );
        assert_eq!(uri("/srv/git/r.git"), "file:///srv/git/r.git");
        assert_eq!(uri("../r.git"), "file:///srv/work/app/../r.git");
        assert_eq!(remote_uri("  ", dir), None);
    }
}
