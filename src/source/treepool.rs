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
pub(crate) const MODE_SYMLINK: u32 = 0o120000;
pub(crate) const MODE_GITLINK: u32 = 0o160000;

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

/// What a tree entry names, by its mode, as libgit2 reads modes: a directory mode is a
/// tree, a gitlink is a submodule's commit, a symlink is a blob that is not file
/// content; any other mode is a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Tree,
    File,
    Symlink,
    Submodule,
}

/// One entry of a tree object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry<'t> {
    pub kind: Kind,
    pub name: &'t [u8],
    pub id: RawId,
}

/// The entries of a raw tree object (`MODE SP NAME NUL ID`, repeated), in stored order;
/// `Err` for a malformed one, which is then not walked at all (as libgit2 refuses it).
pub(crate) fn entries(data: &[u8]) -> Result<Vec<Entry<'_>>, String> {
    let malformed = |what: &str| Err(format!("malformed tree object: {what}"));
    // Entries are short (a mode of at most 7 digits, a name of a few bytes): plain
    // loops beat a vectorised search that is set up again for every field.
    let mut out = Vec::with_capacity(data.len() / 40 + 1);
    let mut i = 0;
    let n = data.len();
    while i < n {
        let start = i;
        let mut mode = 0u32;
        while i < n && data[i] != b' ' {
            let digit = data[i].wrapping_sub(b'0');
            if digit > 7 || i - start == 7 {
                return malformed("bad mode");
            }
            mode = (mode << 3) | u32::from(digit);
            i += 1;
        }
        if i == n {
            return malformed("no mode");
        }
        if i == start {
            return malformed("bad mode");
        }
        i += 1;
        let name_start = i;
        while i < n && data[i] != 0 {
            i += 1;
        }
        if i == n {
            return malformed("unterminated name");
        }
        if i == name_start {
            return malformed("empty name");
        }
        let name = &data[name_start..i];
        i += 1;
        let Some(id) = data
            .get(i..i + ID_LEN)
            .and_then(|b| RawId::try_from(b).ok())
        else {
            return malformed("truncated entry");
        };
        i += ID_LEN;
        let kind = match mode & TYPE_MASK {
            MODE_TREE => Kind::Tree,
            MODE_GITLINK => Kind::Submodule,
            MODE_SYMLINK => Kind::Symlink,
            _ => Kind::File,
        };
        out.push(Entry { kind, name, id });
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
        other => Err(format!("the object is a {other}, not a tree")),
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
            if out.1 == 0 {
                "the main thread alone".to_string()
            } else {
                format!("{} threads", out.1)
            }
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

    #[test]
    fn entries_are_parsed_with_their_kinds() {
        let mut t = Vec::new();
        for (mode, name, n) in [
            ("100644", "a.txt", 1u8),
            ("100755", "run.sh", 2),
            ("40000", "dir", 3),
            ("120000", "link", 4),
            ("160000", "sub", 5),
            ("100664", "old", 6),
        ] {
            t.extend_from_slice(format!("{mode} {name}\0").as_bytes());
            t.extend_from_slice(&id(n));
        }
        let got = entries(&t).unwrap();
        let kinds: Vec<(Kind, &[u8])> = got.iter().map(|e| (e.kind, e.name)).collect();
        assert_eq!(
            kinds,
            vec![
                (Kind::File, &b"a.txt"[..]),
                (Kind::File, b"run.sh"),
                (Kind::Tree, b"dir"),
                (Kind::Symlink, b"link"),
                (Kind::Submodule, b"sub"),
                (Kind::File, b"old"),
            ]
        );
        assert_eq!(got[2].id, id(3));
        assert_eq!(entries(b"").unwrap(), vec![]);
    }

    #[test]
    fn malformed_trees_are_refused() {
        let mut good = b"100644 a\0".to_vec();
        good.extend_from_slice(&id(1));
        assert!(entries(&good).is_ok());
        for bad in [
            &good[..good.len() - 1],
            b"100644 a",
            b"100644",
            b"10x644 a\0aaaaaaaaaaaaaaaaaaaa",
            b" a\0aaaaaaaaaaaaaaaaaaaa",
            b"100644 \0aaaaaaaaaaaaaaaaaaaa",
        ] {
            assert!(entries(bad).is_err(), "{:?}", String::from_utf8_lossy(bad));
        }
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
        let raw = |o: Oid| -> RawId { o.as_bytes().try_into().unwrap() };
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
            assert!(got[&blob].as_ref().unwrap_err().contains("not a tree"));
        }
    }
}
