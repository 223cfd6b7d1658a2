//! Trees for the history walk: read by a pool of threads, parsed here.
//!
//! Enumeration reads every distinct tree of history once. Through libgit2's object API
//! each read builds a `git_tree` and goes through the repository's object cache, whose
//! hash-table lookups and evictions took about a third of a history scan of a large real
//! repository (issue 14's profile of symfony/symfony), on one core. Here trees are read
//! as raw objects by [`Pool`]'s threads, each with its own repository handle (libgit2
//! handles are not shared between threads), and parsed by [`entries`]; the caller walks
//! them in commit order from memory.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use git2::{ObjectType, Oid, Repository};

use super::libgit::message;
use super::loose::Loose;
use super::packorder::Packs;

/// Git's tree-entry modes (the type bits).
const TYPE_MASK: u32 = 0o170000;
const MODE_TREE: u32 = 0o040000;
const MODE_SYMLINK: u32 = 0o120000;
const MODE_GITLINK: u32 = 0o160000;

/// Length of a SHA-1 object id in a tree entry.
const ID_LEN: usize = 20;

/// An object id as its raw bytes: what enumeration hashes and compares (a
/// `git2::Oid` compares through a call into libgit2, which showed in profiles).
pub(crate) type RawId = [u8; ID_LEN];

/// The raw id of a `git2::Oid` (all zeros for an id of another length).
pub(crate) fn raw(oid: &Oid) -> RawId {
    oid.as_bytes().try_into().unwrap_or([0; ID_LEN])
}

/// The `git2::Oid` of a raw id.
pub(crate) fn oid(id: &RawId) -> Oid {
    // A 20-byte slice is always a valid SHA-1 id.
    Oid::from_bytes(id).unwrap_or(Oid::ZERO_SHA1)
}

/// What a tree entry names, by its mode, exactly as leakhound read entries through
/// libgit2 (`git_tree_entry_type`, then the normalised `filemode`): a directory mode
/// is a tree; a gitlink is a submodule's commit, unless an execute bit is set (then
/// libgit2 calls it an executable file of a commit, which was never scanned); any other
/// mode with the owner's execute bit is an executable file, even with symlink type
/// bits; a symlink is not content; anything else is a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Tree,
    File,
    Submodule,
    /// A symlink, or a gitlink with execute bits: neither scanned nor counted.
    Skipped,
}

impl Kind {
    fn of(mode: u32) -> Kind {
        let exec = mode & 0o100 != 0;
        match mode & TYPE_MASK {
            MODE_TREE => Kind::Tree,
            MODE_GITLINK if exec => Kind::Skipped,
            MODE_GITLINK => Kind::Submodule,
            _ if exec => Kind::File,
            MODE_SYMLINK => Kind::Skipped,
            _ => Kind::File,
        }
    }
}

/// One entry of a tree object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry<'t> {
    pub kind: Kind,
    pub name: &'t [u8],
    pub id: RawId,
}

/// libgit2's reason for a tree it cannot parse (shown as it was when libgit2 parsed
/// trees for leakhound).
fn malformed<T>(what: &str) -> Result<T, String> {
    Err(format!("failed to parse tree: {what}"))
}

/// The mode at the start of `data`, as libgit2 reads it (`parse_mode`): no leading
/// white space, an optional sign, octal digits up to the first other byte, and a value
/// from 0 to 65535. Returns it with the index after its digits.
fn parse_mode(data: &[u8]) -> Option<(u32, usize)> {
    let first = *data.first()?;
    if matches!(first, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r') {
        return None;
    }
    let negative = first == b'-';
    let mut i = usize::from(first == b'-' || first == b'+');
    let start = i;
    let mut n: i64 = 0;
    let mut overflow = false;
    while let Some(&c) = data.get(i) {
        if !(b'0'..=b'7').contains(&c) {
            break;
        }
        let digit = i64::from(c - b'0');
        match n
            .checked_mul(8)
            .and_then(|m| m.checked_add(if negative { -digit } else { digit }))
        {
            Some(m) => n = m,
            None => overflow = true,
        }
        i += 1;
    }
    if i == start || overflow || !(0..=i64::from(u16::MAX)).contains(&n) {
        return None;
    }
    Some((n as u32, i))
}

/// The entries of a raw tree object (`MODE SP NAME NUL ID`, repeated), in stored order;
/// `Err` for a malformed one, which is then not walked at all. What is malformed, and
/// the reason given, are libgit2's (`git_tree__parse_raw`).
pub(crate) fn entries(data: &[u8]) -> Result<Vec<Entry<'_>>, String> {
    let mut out = Vec::with_capacity(data.len() / 40 + 1);
    let mut i = 0;
    let n = data.len();
    while i < n {
        let Some((mode, after)) = parse_mode(&data[i..]) else {
            return malformed("can't parse filemode");
        };
        i += after;
        if data.get(i) != Some(&b' ') {
            return malformed("missing space after filemode");
        }
        i += 1;
        // Names are short: a plain loop beats a vectorised search set up per field.
        let name_start = i;
        while i < n && data[i] != 0 {
            i += 1;
        }
        if i == n {
            return malformed("object is corrupted");
        }
        if i == name_start || i - name_start > usize::from(u16::MAX) {
            return malformed("can't parse filename");
        }
        let name = &data[name_start..i];
        i += 1;
        let Some(id) = data
            .get(i..i + ID_LEN)
            .and_then(|b| RawId::try_from(b).ok())
        else {
            return malformed("can't parse OID");
        };
        i += ID_LEN;
        out.push(Entry {
            kind: Kind::of(mode),
            name,
            id,
        });
    }
    Ok(out)
}

/// Git's order of tree entries: by name, a tree's name compared as if it ended in `/`.
pub(crate) fn tree_order(a: &Entry<'_>, b: &Entry<'_>) -> std::cmp::Ordering {
    let end = |e: &Entry<'_>| if e.kind == Kind::Tree { b'/' } else { 0 };
    let n = a.name.len().min(b.name.len());
    a.name[..n].cmp(&b.name[..n]).then_with(|| {
        let x = a.name.get(n).copied().unwrap_or(end(a));
        let y = b.name.get(n).copied().unwrap_or(end(b));
        x.cmp(&y)
    })
}

/// A tree object read and parsed: its bytes, and where each entry lies in them (so the
/// walk, which runs on one thread, does not parse it again).
#[derive(Debug)]
pub(crate) struct Tree {
    data: Vec<u8>,
    slots: Vec<Slot>,
}

#[derive(Debug)]
struct Slot {
    kind: Kind,
    name: (u32, u32),
    id: RawId,
}

impl Tree {
    /// Parses a raw tree object ([`entries`]); `Err` for a malformed one.
    pub(crate) fn parse(data: Vec<u8>) -> Result<Tree, String> {
        let base = data.as_ptr() as usize;
        let slots = entries(&data)?
            .into_iter()
            .map(|e| {
                let start = (e.name.as_ptr() as usize - base) as u32;
                Slot {
                    kind: e.kind,
                    name: (start, start + e.name.len() as u32),
                    id: e.id,
                }
            })
            .collect();
        Ok(Tree { data, slots })
    }

    pub(crate) fn len(&self) -> usize {
        self.slots.len()
    }

    /// Entry `i`, in stored order.
    pub(crate) fn entry(&self, i: usize) -> Entry<'_> {
        let slot = &self.slots[i];
        Entry {
            kind: slot.kind,
            name: &self.data[slot.name.0 as usize..slot.name.1 as usize],
            id: slot.id,
        }
    }

    /// The subtrees this tree names.
    fn subtrees(&self) -> Vec<RawId> {
        self.slots
            .iter()
            .filter(|s| s.kind == Kind::Tree)
            .map(|s| s.id)
            .collect()
    }
}

/// A tree read from the object store and parsed, or why it could not be.
pub(crate) type Read = Result<Tree, String>;

/// Reads tree `oid` as a raw object, checking it first if it is stored loose.
fn read_tree(odb: &git2::Odb<'_>, loose: &Loose, id: &RawId) -> Result<Vec<u8>, String> {
    let oid = oid(id);
    loose.check(oid)?;
    let object = odb.read(oid).map_err(|e| message(&e))?;
    match object.kind() {
        ObjectType::Tree => Ok(object.data().to_vec()),
        // libgit2's words for it, as `find_tree` said them.
        _ => Err("the requested type does not match the type in the ODB".to_string()),
    }
}

/// A tree read, with the subtrees it names (none when it could not be read or parsed).
type Job = Vec<RawId>;
type Done = Vec<(RawId, Read, Vec<RawId>)>;

fn read_job(odb: &git2::Odb<'_>, loose: &Loose, job: Job) -> Done {
    job.into_iter()
        .map(|oid| {
            let read = read_tree(odb, loose, &oid).and_then(|data| {
                let tree = Tree::parse(data)?;
                let subtrees = tree.subtrees();
                Ok((tree, subtrees))
            });
            match read {
                Ok((tree, subtrees)) => (oid, Ok(tree), subtrees),
                Err(reason) => (oid, Err(reason), Vec::new()),
            }
        })
        .collect()
}

/// Threads that read trees, each through its own handle on the repository.
pub(crate) struct Pool<'a> {
    jobs: Option<mpsc::Sender<Job>>,
    done: mpsc::Receiver<Done>,
    workers: usize,
    /// Reads in the calling thread when no worker could be started.
    repo: &'a Repository,
    loose: &'a Loose,
    /// Where each object lies in the packs: trees are handed out in pack order, so
    /// that a delta's base is usually still in libgit2's delta-base cache.
    packs: Packs,
}

/// Runs `f` with a [`Pool`] of one reader thread per handle in `handles` (handles on
/// `repo`, opened by the caller). Fewer start when threads cannot be started (then the
/// note that says so comes back with `f`'s result); with none, the pool reads in the
/// calling thread through `repo`.
pub(crate) fn with_pool<T>(
    repo: &Repository,
    handles: Vec<Repository>,
    loose: &Loose,
    f: impl FnOnce(&mut Pool<'_>) -> T,
) -> (T, Option<String>) {
    let (jobs, queue) = mpsc::channel::<Job>();
    let (finished, done) = mpsc::channel::<Done>();
    let queue = Arc::new(Mutex::new(queue));
    let wanted = handles.len();
    let mut refused = None;
    let out = std::thread::scope(|s| {
        let mut workers = 0;
        for handle in handles {
            let (queue, finished) = (Arc::clone(&queue), finished.clone());
            let started = crate::scan::threads::spawn_scoped(s, move || {
                let Ok(odb) = handle.odb() else { return };
                loop {
                    let job = match queue.lock() {
                        Ok(q) => q.recv(),
                        Err(_) => return,
                    };
                    let Ok(job) = job else { return };
                    if finished.send(read_job(&odb, loose, job)).is_err() {
                        return;
                    }
                }
            });
            if let Err(e) = started {
                refused = Some(e);
                break;
            }
            workers += 1;
        }
        let mut pool = Pool {
            jobs: Some(jobs),
            done,
            workers,
            repo,
            loose,
            packs: Packs::open(repo.path(), ID_LEN),
        };
        let out = f(&mut pool);
        // Closing the queue ends the workers.
        pool.jobs = None;
        (out, workers)
    });
    let note = refused.map(|e| {
        format!(
            "could start only {} of {wanted} threads to read trees ({e}): read them with {}",
            out.1,
            crate::scan::threads::with_threads(out.1)
        )
    });
    (out.0, note)
}

impl Pool<'_> {
    /// Reads `oids` in the calling thread.
    fn read_here(&self, oids: Vec<RawId>) -> Done {
        match self.repo.odb() {
            Ok(odb) => read_job(&odb, self.loose, oids),
            Err(e) => {
                let reason = format!("cannot open the object store: {}", message(&e));
                oids.into_iter()
                    .map(|o| (o, Err(reason.clone()), Vec::new()))
                    .collect()
            }
        }
    }

    /// Reads every tree reachable from `roots` through trees that `known` does not
    /// hold (a tree `known` holds is not read, nor what lies under it), each once.
    ///
    /// The subtrees of each tree read are queued as soon as its job comes back, so
    /// the threads are not held at the end of each level of the directory tree.
    pub(crate) fn read_closure(
        &mut self,
        roots: impl IntoIterator<Item = RawId>,
        known: &HashSet<RawId>,
    ) -> HashMap<RawId, Read> {
        let mut queued = HashSet::new();
        let packs = &self.packs;
        // Trees to read, each with where it lies (objects outside the packs last).
        let place = |id: RawId| {
            let at = packs
                .position(&id)
                .map_or(u64::MAX, |(pack, offset)| u64::from(pack) << 48 | offset);
            (at, id)
        };
        let mut pending: Vec<(u64, RawId)> = roots
            .into_iter()
            .filter(|o| !known.contains(o) && queued.insert(*o))
            .map(place)
            .collect();
        let mut got = HashMap::with_capacity(pending.len());
        let mut take = |done: Done, pending: &mut Vec<(u64, RawId)>| {
            for (oid, read, subtrees) in done {
                pending.extend(
                    subtrees
                        .into_iter()
                        .filter(|o| !known.contains(o) && queued.insert(*o))
                        .map(place),
                );
                got.insert(oid, read);
            }
            // Last in the vector is first in the packs: jobs are cut from the end.
            pending.sort_unstable_by(|a, b| b.cmp(a));
        };
        let ids = |v: Vec<(u64, RawId)>| v.into_iter().map(|(_, id)| id).collect::<Vec<_>>();
        pending.sort_unstable_by(|a, b| b.cmp(a));
        let Some(jobs) = self.jobs.as_ref().filter(|_| self.workers > 0) else {
            while !pending.is_empty() {
                let done = self.read_here(ids(std::mem::take(&mut pending)));
                take(done, &mut pending);
            }
            return got;
        };
        // Jobs in flight; a few per thread, so none waits while another job is read.
        let mut outstanding = 0;
        loop {
            while !pending.is_empty() && outstanding < self.workers * 3 {
                let size = pending.len().div_ceil(self.workers * 3).clamp(1, 128);
                let mut job = ids(pending.split_off(pending.len() - size));
                job.reverse();
                if let Err(unsent) = jobs.send(job) {
                    // Every thread is gone: what is left is read here.
                    let mut left = unsent.0;
                    for done in (0..outstanding).filter_map(|_| self.done.recv().ok()) {
                        take(done, &mut pending);
                    }
                    left.extend(ids(std::mem::take(&mut pending)));
                    while !left.is_empty() {
                        let done = self.read_here(std::mem::take(&mut left));
                        take(done, &mut pending);
                        left = ids(std::mem::take(&mut pending));
                    }
                    return got;
                }
                outstanding += 1;
            }
            if outstanding == 0 {
                return got;
            }
            match self.done.recv() {
                Ok(done) => {
                    outstanding -= 1;
                    take(done, &mut pending);
                }
                Err(_) => outstanding = 0,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> [u8; 20] {
        [n; 20]
    }

    /// What the walk before this parser made of an entry through libgit2 (its kind
    /// and normalised file mode), as a `Kind`.
    fn libgit2_kind(e: &git2::TreeEntry<'_>) -> Kind {
        match e.kind() {
            Some(ObjectType::Tree) => Kind::Tree,
            Some(ObjectType::Blob) if e.filemode() != 0o120000 => Kind::File,
            Some(ObjectType::Commit) | None if e.filemode() == 0o160000 => Kind::Submodule,
            _ => Kind::Skipped,
        }
    }

    /// The parser agrees with libgit2's on every tree, odd ones included: which it
    /// refuses and why, and each entry's name, id and kind.
    #[test]
    fn entries_are_what_libgit2_reads() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let odb = repo.odb().unwrap();
        let entry = |mode: &str, name: &[u8], n: u8| {
            let mut e = format!("{mode} ").into_bytes();
            e.extend_from_slice(name);
            e.push(0);
            e.extend_from_slice(&id(n));
            e
        };
        let long_name = vec![b'n'; 70_000];
        let mut cases: Vec<Vec<u8>> = vec![
            Vec::new(),
            [
                entry("100644", b"a.txt", 1),
                entry("100755", b"run.sh", 2),
                entry("40000", b"dir", 3),
                entry("120000", b"link", 4),
                entry("160000", b"sub", 5),
                entry("100664", b"old", 6),
            ]
            .concat(),
        ];
        for mode in [
            "120755",
            "120100",
            "160755",
            "160644",
            "00100644",
            "+100644",
            "-0",
            "-5",
            "1100644",
            "177777",
            "200000",
            "0",
            "7",
            "040755",
            "100644x",
            "10x644",
            "",
            " 100644",
            "100644 ",
            "99",
            "0000000000000000000000100644",
        ] {
            cases.push(entry(mode, b"f", 9));
        }
        cases.push(entry("100644", &long_name, 1));
        cases.push(entry("100644", b"", 1));
        cases.push(entry("100644", b"\xff\xfename", 1));
        let good = entry("100644", b"a", 1);
        cases.push(good[..good.len() - 1].to_vec());
        cases.push(b"100644 a".to_vec());
        cases.push(b"100644".to_vec());
        for data in cases {
            let shown = String::from_utf8_lossy(&data[..data.len().min(40)]).into_owned();
            let oid = odb.write(ObjectType::Tree, &data).unwrap();
            let theirs = repo.find_tree(oid).map_err(|e| message(&e));
            match (entries(&data), theirs) {
                (Ok(ours), Ok(tree)) => {
                    let theirs: Vec<(Kind, Vec<u8>, RawId)> = tree
                        .iter()
                        .map(|e| (libgit2_kind(&e), e.name_bytes().to_vec(), raw(e.id())))
                        .collect();
                    let ours: Vec<(Kind, Vec<u8>, RawId)> = ours
                        .iter()
                        .map(|e| (e.kind, e.name.to_vec(), e.id))
                        .collect();
                    assert_eq!(ours, theirs, "{shown:?}");
                }
                (Err(ours), Err(theirs)) => assert_eq!(ours, theirs, "{shown:?}"),
                (ours, theirs) => {
                    panic!("{shown:?}: ours {ours:?}, libgit2 {:?}", theirs.map(|_| ()))
                }
            }
        }
    }

    fn raw(o: Oid) -> RawId {
        o.as_bytes().try_into().unwrap()
    }

    #[test]
    fn the_pool_reads_what_libgit2_reads() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let blob = repo.blob(b"content\n").unwrap();
        let mut inner = repo.treebuilder(None).unwrap();
        inner.insert("f", blob, 0o100644).unwrap();
        let inner = inner.write().unwrap();
        let mut root = repo.treebuilder(None).unwrap();
        root.insert("d", inner, 0o040000).unwrap();
        root.insert("g", blob, 0o100755).unwrap();
        let root = root.write().unwrap();
        let (root, inner, blob) = (raw(root), raw(inner), raw(blob));
        let loose = Loose::list(repo.path());
        for threads in [0, 1, 3] {
            let handles = || {
                (0..threads)
                    .map(|_| Repository::open(repo.path()).unwrap())
                    .collect::<Vec<_>>()
            };
            let (got, note) = with_pool(&repo, handles(), &loose, |pool| {
                pool.read_closure([root, root], &HashSet::new())
            });
            assert_eq!(note, None);
            assert_eq!(got.len(), 2, "threads {threads}");
            let tree = got[&root].as_ref().unwrap();
            let names: Vec<&[u8]> = (0..tree.len()).map(|i| tree.entry(i).name).collect();
            assert_eq!(names, vec![&b"d"[..], b"g"]);
            assert!(got[&inner].is_ok());
            // A known tree is not read, nor what is under it.
            let known: HashSet<RawId> = [inner].into_iter().collect();
            let (got, _) = with_pool(&repo, handles(), &loose, |pool| {
                pool.read_closure([root], &known)
            });
            assert_eq!(got.keys().copied().collect::<Vec<_>>(), vec![root]);
            // A blob named as a tree is an error for that object only.
            let (got, _) = with_pool(&repo, handles(), &loose, |pool| {
                pool.read_closure([blob], &HashSet::new())
            });
            assert!(
                got[&blob]
                    .as_ref()
                    .unwrap_err()
                    .contains("does not match the type")
            );
        }
    }
}
