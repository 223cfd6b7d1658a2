#!/usr/bin/env python3
"""Build a large git history with the shapes of a real project and real code in it.

    python3 benches/make_realhistory.py OUT_REPO [--corpus /tmp/rc/corpus] [--commits 55000]
                                        [--files 26000] [--blob-gib 2.2] [--seed 1] [--window 250]
    python3 benches/make_realhistory.py OUT_REPO --small          # ~3,000 commits, quick
    python3 benches/make_realhistory.py --check REPO REPORT.json  # planted secrets found and attributed?

OUT_REPO must not exist. Every file comes from the real-code corpus (package sources from
PyPI, npm, crates.io and Debian; ``benches/realcode/fetch.py`` builds it), laid out in its
package's own directory tree under a monorepo root, like symfony/symfony's
``src/Symfony/Component/X/Tests/Fixtures/y.php``: here
``src/Acme/<Language>/<Package>/<the package's own path>``. Packages join the monorepo
over time (the first few in the initial import), later files of a package are added one
at a time.

The history is written as one ``git fast-import`` stream (no git process per commit):

* ``main``, pull-request branches forked from it (1 to 8 commits each, several open at
  once) merged back with two-parent merge commits; a few never merged;
* release branches (``release/1.0`` ...) forked from main, fixed by their own commits and
  pull requests, tagged (annotated ``v1.0.0``, ``v1.0.1`` ...) and merged up into main
  every few dozen commits (symfony's "Merge branch '5.4' into 6.4");
* ordinary commits touch 1 to 5 files most of the time (a long tail up to ~40), the
  later files of a commit mostly in the first one's package; which file is edited follows a
  heavy-tailed popularity, so a few files get hundreds of versions;
* edits are real-shaped: a block of lines replaced, inserted or deleted, the new lines
  taken from another real file of the same language; a file changed on both sides of a
  merge gets the branch's edits replayed onto main's version (a resolved merge);
* file renames, moves of whole directories, deletions, additions; ~200 authors in many
  time zones; commit timestamps strictly increase through the stream.

How much blob content is written is steered towards ``--blob-gib`` (the sum of the sizes
of the distinct blobs): the popularity is tilted towards larger files while the history
is behind that target. After the import the repository is repacked like ``git gc
--aggressive`` (``git repack -adf --depth=50 --window=WINDOW``).

Fake secrets of realistic shape (``--secrets``, default 40; the shapes and snippets of
``make_history.py``/``make_corpus.py``) are planted: in existing files and new config
files on main, on pull-request branches merged later, on never-merged branches, on release
branches, one in a file edited hundreds of times afterwards; about half are removed
later. ``OUT_REPO.planted.json`` lists them (kind, sha256 of the value, introducing
commit, path, line, ref, still at HEAD of main or not). ``--check REPO REPORT`` reads a
``leakhound git --format json`` report and says whether each one was found at its
introducing commit. The corpus' own files may hold test keys and examples of their
own; those findings are counted apart.

Everything derives from ``--seed`` and the corpus: the same arguments and corpus give
the same commit ids. Standard library only (Python 3.11+) plus the ``git`` executable.
"""

from __future__ import annotations

import argparse
import bisect
import functools
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_corpus as mc  # noqa: E402  (secret snippets, vocabulary)
import make_history as mh  # noqa: E402  (fast-import sink, secret values, labels)

KIB, MIB, GIB = 1024, 1024 * 1024, 1024 * 1024 * 1024
START = 1388563200  # 2014-01-01 08:00 UTC
SPAN = int(10 * 365.25 * 86400)
FILE_MAX = 256 * KIB

LANG = {}
for _lang, _exts in {
    "py": "py pyi pyx", "js": "js mjs cjs jsx", "ts": "ts tsx mts cts", "rs": "rs", "go": "go",
    "rb": "rb rake gemspec", "perl": "pm pl t", "php": "php", "c": "c h", "json": "json",
    "yaml": "yml yaml", "md": "md", "rst": "rst txt", "toml": "toml cfg ini", "sh": "sh bash",
    "html": "html htm", "css": "css scss", "sql": "sql",
}.items():
    for _e in _exts.split():
        LANG["." + _e] = _lang
PLANT_KIND = {"py": "py", "js": "js", "ts": "ts", "rs": "rs", "go": "go", "rb": "rb", "php": "php", "c": "c",
              "md": "md", "sh": "sh", "toml": "toml"}
AREA = {"pypi": "Python", "npm": "Node", "crates": "Rust"}
DEB_AREA = (("golang-", "Go"), ("ruby-", "Ruby"), ("php-", "Php"), ("lib", "Perl"))
TZS = ("+0100", "+0100", "+0200", "+0200", "+0000", "-0500", "-0400", "-0800", "-0700", "-0300", "+0530",
       "+0800", "+0900", "+0300", "+1000", "+1200", "-0600", "+0700", "+0545", "-0230", "+0330", "+1300")
FIRST = ("Alex", "Maria", "Jan", "Wei", "Fatima", "Lukas", "Sofia", "Kenji", "Amara", "Pierre", "Olga",
         "Diego", "Priya", "Tomás", "Ines", "Yusuf", "Hannah", "Mateo", "Aiko", "Nikolai", "Chloe", "Ravi",
         "Zeynep", "Jonas", "Lea", "Omar", "Camille", "Bartosz", "Ana", "Sven", "Mei", "Kwame", "Elif",
         "Joao", "Nina", "Arjun", "Freya", "Hugo", "Leila", "Mikko")
LAST = ("Martin", "Schmidt", "Kowalski", "Nguyen", "Haddad", "Rossi", "Dubois", "Tanaka", "Okafor",
        "Silva", "Petrov", "Jensen", "Garcia", "Kumar", "Yilmaz", "Novak", "Fischer", "Moreau", "Chen",
        "Andersson", "Costa", "Horvat", "Ito", "Mensah", "Lopez", "Ivanova", "Bakker", "Virtanen", "Sato")
SCOPES = ("Fix", "Add", "Remove", "Improve", "Deprecate", "Refactor", "Simplify", "Allow", "Use", "Handle",
          "Update", "Avoid", "Support", "Rename", "Clean up", "Document", "Test", "Cache", "Optimize")
RELEASE_EVERY = 0.085  # a release branch every ~8.5% of the history
SELECTED_PREFIX = "src/Acme"


# --------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------

class Package:
    __slots__ = ("key", "root", "files", "later", "area")

    def __init__(self, key, root, area):
        self.key, self.root, self.area = key, root, area
        self.files = []   # (repo path, absolute path, size, lang)
        self.later = []   # held back: added one by one during the history


def camel(name: str) -> str:
    name = re.sub(r"^(golang-github-|golang-|ruby-|php-|lib)", "", name)
    name = re.sub(r"(-dev|-perl)$", "", name)
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", name) if p]
    return "".join(p[:1].upper() + p[1:] for p in parts) or "Pkg"


def load_corpus(root: str):
    """Packages (sorted) and, per language, every usable file of the corpus (donors of edits)."""
    pkgs, donors = [], {}
    for registry in sorted(os.listdir(root)):
        rdir = os.path.join(root, registry)
        if not os.path.isdir(rdir):
            continue
        for pdir in sorted(os.listdir(rdir)):
            if pdir.endswith(".part"):
                continue
            base = os.path.join(rdir, pdir)
            found = []
            for dp, dns, fns in os.walk(base):
                dns.sort()
                for fn in sorted(fns):
                    ext = os.path.splitext(fn)[1].lower()
                    lang = LANG.get(ext)
                    if lang is None or fn.endswith((".min.js", ".min.css", "-lock.json", ".map")):
                        continue
                    ap = os.path.join(dp, fn)
                    try:
                        st = os.lstat(ap)
                    except OSError:
                        continue
                    if not (0 < st.st_size <= FILE_MAX) or not os.path.isfile(ap) or os.path.islink(ap):
                        continue
                    found.append((os.path.relpath(ap, base), ap, st.st_size, lang))
            if not found:
                continue
            # strip the wrapper directories the archive puts around the package
            common = os.path.commonpath([os.path.dirname(f[0]) or "." for f in found])
            strip = 0 if common in ("", ".") else len(common) + 1
            name = re.sub(r"-\d[\w.+:~]*(-[\w.+~]+)?$", "", pdir)
            area = AREA.get(registry) or next((a for pre, a in DEB_AREA if name.startswith(pre)), "Misc")
            pkg = Package(f"{registry}/{pdir}", f"{SELECTED_PREFIX}/{area}/{camel(name)}", area)
            for rel, ap, size, lang in found:
                pkg.files.append((f"{pkg.root}/{rel[strip:]}", ap, size, lang))
                donors.setdefault(lang, []).append(ap)
            pkgs.append(pkg)
    if not pkgs:
        raise SystemExit(f"error: {root}: no package sources found (build it with benches/realcode/fetch.py)")
    return pkgs, donors


def read_text(ap: str) -> bytes | None:
    """A corpus file's bytes, or None if it looks binary or minified."""
    try:
        with open(ap, "rb") as f:
            data = f.read()
    except OSError:
        return None
    if not data or b"\0" in data[:8192]:
        return None
    nl = data.count(b"\n")
    if len(data) / (nl + 1) > 240:
        return None
    return data


@functools.lru_cache(maxsize=4096)
def donor_lines(ap: str) -> tuple:
    data = read_text(ap)
    if data is None:
        return ()
    return tuple(l for l in data.splitlines(keepends=True) if len(l) <= 300)


# --------------------------------------------------------------------------------------
# Files and edits
# --------------------------------------------------------------------------------------

class Lineage:
    """What the versions of one file share."""

    __slots__ = ("lid", "lang", "mode", "size0", "pkg")

    def __init__(self, lid, lang, mode, size0, pkg):
        self.lid, self.lang, self.mode, self.size0, self.pkg = lid, lang, mode, size0, pkg


class Ver:
    """One version of a file (immutable once made); sids: the planted secrets in it."""

    __slots__ = ("data", "m", "sids", "mark")

    def __init__(self, data, m, sids=frozenset()):
        self.data, self.m, self.sids = data, m, sids
        self.mark = None

    def render(self) -> bytes:
        return self.data


class Branch:
    __slots__ = ("ref", "kind", "tree", "ops", "base", "left", "target", "merge", "tip", "name", "author",
                 "since_up", "release", "patch", "started")

    def __init__(self, ref, kind, tree, target=None, left=0, merge=True, author=0, name=""):
        self.ref, self.kind, self.tree, self.target, self.left, self.merge = ref, kind, tree, target, left, merge
        self.ops = {}    # path -> edit ops since the fork (or the last merge up), replayed on merge
        self.base = {}   # path -> the version before the first of those ops
        self.tip = None
        self.name, self.author = name, author
        self.since_up = 0
        self.release = None
        self.patch = 0
        self.started = False


def apply_op(data: bytes, op, values) -> bytes:
    """Apply one edit op to a file's bytes. Lines holding a planted secret are never edited."""
    kind = op[0]
    lines = data.splitlines(keepends=True)
    if kind == "unplant":
        v = op[1]
        return b"".join(l for l in lines if v not in l)
    frac, ndel, ins = op[1], op[2], op[3]
    pos = min(len(lines), int(frac * len(lines)))
    if kind == "plant":
        # at a blank line near pos, so the snippet sits between definitions
        for j in range(pos, min(len(lines), pos + 60)):
            if not lines[j].strip():
                pos = j + 1
                break
        ndel = 0
    ndel = min(ndel, len(lines) - pos)
    if ndel and values:
        for j in range(pos, pos + ndel):
            if any(v in lines[j] for v in values):
                ndel = j - pos
                break
    if pos > 0 and not lines[pos - 1].endswith(b"\n"):
        lines[pos - 1] += b"\n"
    lines[pos:pos + ndel] = ins
    return b"".join(lines)


class History:
    def __init__(self, args, sink, pkgs, donors):
        self.a = args
        self.sink = sink
        self.r = random.Random(f"realhistory:{args.seed}")
        self.g = mc.G(self.r)
        self.donors = donors
        self.mark = 0
        self.blob_by_sha = {}
        self.blob_bytes = 0
        self.chunk_blobs, self.chunk_commits = [], []
        self.lid = 0
        self.t = START
        self.n_commits = 0
        self.stats = dict(merges=0, upmerges=0, prs=0, unmerged=0, adds=0, deletes=0, renames=0, dir_moves=0,
                          edits=0, replays=0, tags=0, releases=0, pkg_adds=0)
        # the registry of paths for weighted picks (append-only; a stale path is skipped)
        self.reg, self.cum_a, self.cum_b = [], [], []
        self.by_pkg = {}
        self.values = {}   # sid -> secret bytes
        self.secrets = []
        self.pr = 1000
        self.branch_names = set()
        self.pkgs = pkgs
        self.main = Branch("refs/heads/main", "main", {})
        self.open = []      # pull-request branches in progress
        self.releases = []  # maintained release branches, oldest first
        self.dead_refs = []
        self.authors = self.make_authors()
        self.author_cum = []
        acc = 0.0
        for i in range(len(self.authors)):
            acc += 1.0 / (i + 1) ** 1.05
            self.author_cum.append(acc)

    # ---- people, time, marks ------------------------------------------------------------

    def make_authors(self):
        r = random.Random(f"authors:{self.a.seed}")
        out, used = [], set()
        while len(out) < 220:
            f, l = r.choice(FIRST), r.choice(LAST)
            if (f, l) in used:
                continue
            used.add((f, l))
            dom = r.choice(("example.com", "example.org", "example.net", "users.noreply.example.com"))
            email = f"{f.lower()}.{l.lower()}@{dom}" if r.random() < 0.7 else f"{f[0].lower()}{l.lower()}@{dom}"
            out.append((f"{f} {l}", email.replace("á", "a"), r.choice(TZS)))
        return out

    def author(self):
        i = bisect.bisect_right(self.author_cum, self.r.random() * self.author_cum[-1])
        return min(i, len(self.authors) - 1)

    def tick(self):
        gap = SPAN / self.a.commits
        self.t += max(1, int(self.r.expovariate(1.0 / gap)))
        return self.t

    # marks and blobs as make_history.py writes them (Ver has its FS's .m.lid and .render())
    new_mark = mh.History.new_mark
    blob = mh.History.blob
    flush = mh.History.flush

    def commit(self, br: Branch, author: int, msg: str, ops, from_mark=None, merge_mark=None):
        mark = self.new_mark()
        name, email, tz = self.authors[author]
        ts = self.tick()
        mb = msg.encode()
        out = [f"commit {br.ref}\nmark :{mark}\nauthor {name} <{email}> {ts} {tz}\n"
               f"committer {name} <{email}> {ts} {tz}\n".encode(), b"data %d\n" % len(mb), mb]
        if from_mark is not None:
            out.append(b"from :%d\n" % from_mark)
        if merge_mark is not None:
            out.append(b"merge :%d\n" % merge_mark)
        for p, v in ops:
            if v is None:
                out.append(f"D {p}\n".encode())
            else:
                out.append(f"M {v.m.mode} :{self.blob(v)} {p}\n".encode())
        out.append(b"\n")
        self.chunk_commits.append(b"".join(out))
        br.tip = mark
        self.n_commits += 1
        if self.n_commits % self.a.chunk == 0:
            self.flush()
        return mark

    def tag(self, name, target, msg):
        a = self.authors[0]
        mb = msg.encode()
        self.chunk_commits.append(f"tag {name}\nfrom :{target}\ntagger {a[0]} <{a[1]}> {self.tick()} {a[2]}\n".encode()
                                  + b"data %d\n" % len(mb) + mb + b"\n")
        self.stats["tags"] += 1

    # ---- the registry of paths ----------------------------------------------------------

    def register(self, path, lin: Lineage, hot=1.0):
        r = self.r
        w = min(300.0, r.paretovariate(1.15)) * hot
        if os.path.basename(path) in ("setup.py", "package.json", "Cargo.toml", "pyproject.toml", "CHANGELOG.md",
                                      "__init__.py", "index.ts", "index.js", "lib.rs", "mod.rs"):
            w *= 6
        self.reg.append(path)
        self.cum_a.append((self.cum_a[-1] if self.cum_a else 0.0) + w)
        wb = w * min(lin.size0, 96 * KIB) / (8 * KIB)
        self.cum_b.append((self.cum_b[-1] if self.cum_b else 0.0) + wb)
        self.by_pkg.setdefault(lin.pkg, []).append(path)

    def pick(self, tree, avoid, pkg=None):
        r = self.r
        if pkg is not None:
            lst = self.by_pkg[pkg]
            for _ in range(12):
                p = lst[r.randrange(len(lst))]
                if p in tree and p not in avoid:
                    return p
            return None
        behind = self.blob_bytes < self.want_bytes()
        cum = self.cum_b if r.random() < (0.75 if behind else 0.15) else self.cum_a
        for _ in range(60):
            i = bisect.bisect_right(cum, r.random() * cum[-1])
            p = self.reg[min(i, len(self.reg) - 1)]
            if p in tree and p not in avoid:
                return p
        return None

    def want_bytes(self):
        return self.a.blob_gib * GIB * (self.n_commits / self.a.commits) ** 0.9

    # ---- content ------------------------------------------------------------------------

    def donor_chunk(self, lang, n):
        r = self.r
        pool = self.donors.get(lang) or self.donors["md"]
        for _ in range(6):
            lines = donor_lines(pool[r.randrange(len(pool))])
            if len(lines) > 3:
                s = r.randrange(len(lines))
                chunk = list(lines[s:s + n])
                if chunk and not chunk[-1].endswith(b"\n"):
                    chunk[-1] += b"\n"
                return chunk
        return [b"\n"]

    def make_op(self, v: Ver):
        r = self.r
        ratio = len(v.data) / max(1, v.m.size0)
        w_ins = 3.0 if ratio < 0.7 else 0.6 if ratio > 1.5 else 1.6
        w_del = 0.3 if ratio < 0.7 else 3.0 if ratio > 1.5 else 1.0
        kind = r.choices(("line", "replace", "insert", "delete"), (3.0, 2.2, w_ins, w_del))[0]
        frac = r.random()
        if kind == "line":
            n = r.randint(1, 3)
            return ("blk", frac, n, self.donor_chunk(v.m.lang, n))
        if kind == "replace":
            return ("blk", frac, min(60, int(r.expovariate(1 / 8)) + 1),
                    self.donor_chunk(v.m.lang, min(80, int(r.expovariate(1 / 10)) + 1)))
        if kind == "insert":
            return ("blk", frac, 0, self.donor_chunk(v.m.lang, min(120, int(r.expovariate(1 / 14)) + 2)))
        return ("blk", frac, min(80, int(r.expovariate(1 / 10)) + 1), [])

    def apply(self, v: Ver, ops) -> Ver:
        data, sids = v.data, set(v.sids)
        for op in ops:
            if op[0] == "plant":
                sids.add(op[4])
            elif op[0] == "unplant":
                sids.discard(op[2])
            data = apply_op(data, op, [self.values[s] for s in sids])
        if not data:
            data = b"\n"
        return Ver(data, v.m, frozenset(s for s in sids if self.values[s] in data))

    def change(self, br: Branch, path, ops, changes):
        """Apply ops to path on br, recording them for a later merge."""
        old = br.tree[path]
        new = self.apply(old, ops)
        br.tree[path] = changes[path] = new
        self.record(br, path, old, ops)
        return new

    @staticmethod
    def record(br: Branch, path, old, ops):
        """Remember ops on path (and the version before the first) for merging br later."""
        if br.kind != "main":
            if path not in br.ops:
                br.base[path] = old
                br.ops[path] = []
            br.ops[path].extend(ops)

    def add_file(self, br: Branch, path, ap, lang, pkg, changes, data=None):
        if path in br.tree:
            return None
        if data is None:
            data = read_text(ap)
            if data is None:
                return None
        self.lid += 1
        lin = Lineage(self.lid, lang, "100755" if lang == "sh" else "100644", len(data), pkg)
        v = Ver(data, lin)
        br.tree[path] = changes[path] = v
        self.register(path, lin)
        if br.kind != "main":
            br.ops[path] = [("add",)]
            br.base[path] = None
        return v

    # ---- commit kinds -------------------------------------------------------------------

    def n_files(self):
        r = self.r
        n = r.choices((1, 2, 3, 4, 5, 6, 8, 12, 20, 40), (30, 22, 15, 10, 8, 5, 4, 3, 2, 1))[0]
        return n if n <= 5 else r.randint(max(6, n // 2), n)

    def subject(self, path, what=None):
        g, r = self.g, self.r
        parts = path.split("/")
        comp = parts[3] if len(parts) > 4 else "Core"
        base = parts[-1]
        if what:
            return f"[{comp}] {what}"
        return g.pick((
            f"[{comp}] {g.pick(SCOPES)} {g.noun()} {g.noun()} in {base}",
            f"[{comp}] {g.pick(SCOPES)} {g.adj()} {g.noun()} handling",
            f"[{comp}] {g.sentence()[:-1]}",
            f"Fix {g.noun()} {g.noun()} when {g.noun()} is empty",
            f"[{comp}][{parts[-2] if len(parts) > 5 else 'Tests'}] {g.pick(SCOPES)} {g.noun()}s",
            f"Update {base}",
            f"[{comp}] Fix CS",
            f"[{comp}] {g.pick(SCOPES)} deprecations from {g.version()}",
        ))

    def message(self, subject):
        r, g = self.r, self.g
        msg = subject
        if r.random() < 0.35:
            msg += "\n\n" + g.para(1, 3)
        if r.random() < 0.05:
            a = self.authors[self.author()]
            msg += f"\n\nCo-authored-by: {a[0]} <{a[1]}>"
        return msg + "\n"

    def ordinary(self, br: Branch, author=None, extra=None):
        """A commit editing a few files (and sometimes adding one) on br."""
        r = self.r
        changes = {}
        n = self.n_files()
        first = None
        for _ in range(n):
            pkg = None
            if first is not None and r.random() < 0.75:
                pkg = br.tree[first].m.pkg if first in br.tree else None
            p = self.pick(br.tree, changes, pkg) or self.pick(br.tree, changes)
            if p is None:
                continue
            first = first or p
            ops = [self.make_op(br.tree[p]) for _ in range(r.choices((1, 2, 3), (6, 3, 1))[0])]
            self.change(br, p, ops, changes)
            self.stats["edits"] += 1
        what = None
        if r.random() < 0.04:
            p = self.add_later(br, changes, pkg=(br.tree[first].m.pkg if first in br.tree else None))
            if p:
                what = f"Add {os.path.basename(p)}"
        if extra:
            what = extra(br, changes) or what
        if not changes:
            return None
        msg = self.message(self.subject(first or next(iter(changes)), what))
        return self.commit(br, author if author is not None else self.author(), msg, sorted(changes.items()))

    def add_later(self, br, changes, pkg=None):
        """Add a held-back file of a package already in the repository."""
        cands = [pkg] if pkg is not None else []
        if self.added:
            cands.append(self.added[self.r.randrange(len(self.added))].key)
        for key in cands:
            pk = self.pkg_of.get(key)
            if pk is None or not pk.later:
                continue
            path, ap, _size, lang = pk.later.pop()
            v = self.add_file(br, path, ap, lang, pk.key, changes)
            if v is not None:
                self.stats["adds"] += 1
                return path
        return None

    def add_package(self):
        """A commit on main importing a new package of the corpus (most of its files)."""
        if not self.to_add:
            return None
        pk = self.to_add.pop()
        self.added.append(pk)
        changes = {}
        for path, ap, _size, lang in pk.files:
            if self.add_file(self.main, path, ap, lang, pk.key, changes):
                self.stats["adds"] += 1
        self.stats["pkg_adds"] += 1
        if not changes:
            return None
        comp = pk.root.rsplit("/", 1)[1]
        msg = self.message(self.g.pick((f"Add the {comp} component", f"[{comp}] Initial import",
                                        f"Introduce {comp}", f"Move {comp} into the monorepo")))
        return self.commit(self.main, self.author(), msg, sorted(changes.items()))

    def live_dirs(self):
        dirs = {}
        for p in self.main.tree:
            d = p.rsplit("/", 1)[0]
            while d.count("/") >= 5:
                dirs[d] = dirs.get(d, 0) + 1
                d = d.rsplit("/", 1)[0]
        return dirs

    def restructure(self):
        """On main: move a directory, rename a file or delete files."""
        r, g = self.r, self.g
        tree = self.main.tree
        changes = {}
        roll = r.random()
        secret_paths = {p for p, v in tree.items() if v.sids}
        if roll < 0.22:
            dirs = [d for d, n in sorted(self.live_dirs().items()) if 3 <= n <= 250]
            if not dirs:
                return None
            d = dirs[r.randrange(len(dirs))]
            parent, leaf = d.rsplit("/", 1)
            other = self.dir_names[r.randrange(len(self.dir_names))]
            nd = f"{parent}/{other}" if other != leaf else f"{parent}/{leaf}_v2"
            if r.random() < 0.3:
                nd = f"{parent}/Legacy/{leaf}" if r.random() < 0.5 else f"{parent}/{leaf}/{other}"
            moved = [p for p in tree if p.startswith(d + "/")]
            if any(p.replace(d, nd, 1) in tree for p in moved):
                return None
            for p in moved:
                v = tree.pop(p)
                q = nd + p[len(d):]
                tree[q] = changes[q] = v
                changes[p] = None
                self.register(q, v.m)
            self.stats["dir_moves"] += 1
            self.stats["renames"] += len(moved)
            what = f"Move {d.rsplit('/', 1)[1]}/ to {nd[len(parent) + 1:]}/"
        elif roll < 0.75:
            p = self.pick(tree, changes)
            if p is None:
                return None
            v = tree[p]
            d, base = p.rsplit("/", 1)
            ext = os.path.splitext(base)[1]
            if r.random() < 0.5:
                sib = [x for x in self.by_pkg[v.m.pkg][-200:] if x in tree]
                nd = sib[r.randrange(len(sib))].rsplit("/", 1)[0] if sib else d
                q = f"{nd}/{base}"
            else:
                q = f"{d}/{g.pascal() if base[:1].isupper() else g.snake()}{ext}"
            if q in tree or q == p:
                return None
            tree.pop(p)
            if r.random() < 0.3:
                v = self.apply(v, [self.make_op(v)])
            tree[q] = changes[q] = v
            changes[p] = None
            self.register(q, v.m)
            self.stats["renames"] += 1
            what = f"Rename {base} to {q.rsplit('/', 1)[1]}" if d == q.rsplit("/", 1)[0] else \
                f"Move {base} to {q.rsplit('/', 2)[1]}/"
        else:
            n = r.choice((1, 1, 1, 2, 3, 8))
            for _ in range(n):
                p = self.pick(tree, changes)
                if p and p not in secret_paths:
                    del tree[p]
                    changes[p] = None
                    self.stats["deletes"] += 1
            if not changes:
                return None
            first = next(iter(changes))
            what = g.pick((f"Remove unused {first.rsplit('/', 1)[1]}", f"Drop dead {g.noun()} code",
                           f"Remove deprecated {g.noun()} {g.noun()}"))
        msg = self.message(self.subject(next(iter(changes)), what))
        return self.commit(self.main, self.author(), msg, sorted(changes.items()))

    # ---- branches -----------------------------------------------------------------------

    def branch_name(self, author):
        g = self.g
        user = self.authors[author][1].split("@")[0].split(".")[0]
        while True:
            name = f"{user}/{g.pick(('fix', 'feature', 'patch', 'deprecate', 'cs', 'tests'))}-{g.kebab()}"
            if name not in self.branch_names:
                self.branch_names.add(name)
                return name

    def open_pr(self, target: Branch, merge=True, length=None):
        r = self.r
        author = self.author()
        name = self.branch_name(author)
        br = Branch(f"refs/heads/{name}", "pr", dict(target.tree), target,
                    left=length or min(8, int(r.expovariate(1 / 1.6)) + 1), merge=merge, author=author, name=name)
        br.tip = target.tip
        self.open.append(br)
        self.stats["prs"] += 1
        return br

    def pr_commit(self, br: Branch, extra=None):
        author = br.author if self.r.random() < 0.9 else self.author()
        if not br.started:  # the branch starts where it forked from its target
            br.started = True
            self.chunk_commits.append(f"reset {br.ref}\nfrom :{br.tip}\n\n".encode())
        mark = self.ordinary(br, author, extra)
        if mark is not None:
            br.left -= 1
        else:
            br.left = 0
        return mark

    def merge_into(self, br: Branch, target: Branch, msg: str):
        """Merge br into target: paths changed only on br are taken, changed on both get br's edits replayed."""
        changes = {}
        for p, ops in br.ops.items():
            theirs = br.tree.get(p)
            base = br.base.get(p)
            ours = target.tree.get(p)
            if theirs is None or ours is theirs:
                continue
            if ours is base:
                new = theirs
            elif ours is None:  # moved or deleted on the target meanwhile: the target's side wins
                continue
            else:
                new = self.apply(ours, [op for op in ops if op[0] != "add"])
                self.stats["replays"] += 1
            target.tree[p] = changes[p] = new
            self.record(target, p, ours, ops)
        mark = self.commit(target, self.author(), msg, sorted(changes.items()), merge_mark=br.tip)
        return mark

    def close_pr(self, br: Branch):
        self.open.remove(br)
        if not br.merge or not br.ops:
            self.stats["unmerged"] += bool(br.ops)
            return None
        self.pr += self.r.randint(1, 9)
        tgt = br.target
        label = tgt.name or "main"
        msg = f"Merge pull request #{self.pr} from {br.name}\n\n{self.subject(next(iter(br.ops)))}\n" \
            if self.r.random() < 0.7 else f"Merge branch '{br.name}' into {label}\n"
        mark = self.merge_into(br, tgt, msg)
        self.dead_refs.append(br.ref)
        self.stats["merges"] += 1
        return mark

    def new_release(self):
        n = len(self.releases_all) + 1
        major, minor = 1 + n // 5, n % 5
        name = f"{major}.{minor}"
        br = Branch(f"refs/heads/release/{name}", "release", dict(self.main.tree), self.main, name=name)
        br.tip = self.main.tip
        br.release = name
        self.chunk_commits.append(f"reset {br.ref}\nfrom :{self.main.tip}\n\n".encode())
        self.tag(f"v{name}.0", self.main.tip, f"Release v{name}.0\n\n{self.g.para(1, 2)}\n")
        self.releases.append(br)
        self.releases_all.append(br)
        if len(self.releases) > 3:
            self.releases.pop(0)
        self.stats["releases"] += 1

    def upmerge(self, rel: Branch):
        msg = f"Merge branch '{rel.name}' into main\n\n* {rel.name}:\n" + "".join(
            f"  {self.subject(p)}\n" for p in list(rel.ops)[:4])
        mark = self.merge_into(rel, self.main, msg)
        rel.ops, rel.base = {}, {}
        rel.since_up = 0
        self.stats["upmerges"] += 1
        return mark

    # ---- secrets ------------------------------------------------------------------------

    def plan_secrets(self):
        n = self.a.secrets
        sr = random.Random(f"realhistory-secrets:{self.a.seed}")
        kinds = [mc.SECRET_KINDS[i % 5] for i in range(n)]
        sr.shuffle(kinds)
        used = set()
        places = ["hot"] + [sr.choices(("main", "newfile", "pr", "unmerged", "release"), (36, 14, 22, 14, 14))[0]
                            for _ in range(n - 1)]
        plan, removal = {}, {}
        total = self.a.commits
        for sid, (kind, place) in enumerate(zip(kinds, places)):
            if place == "hot":
                kind = mc.SECRET_KINDS[0]
            value = mh.make_secret(sr, kind, used)
            sec = mh.Secret(sid, kind, value, place)
            self.values[sid] = value.encode()
            self.secrets.append(sec)
            at = int(total * (sr.uniform(0.03, 0.06) if place == "hot" else sr.uniform(0.1, 0.92)))
            while at in plan:
                at += 1
            plan[at] = sec
            if place not in ("hot", "unmerged") and sr.random() < 0.5:
                later = at + sr.choice((sr.randint(20, 400), sr.randint(400, 12000)))
                while later in plan or later in removal:
                    later += 1
                if later < total - 5:
                    removal[later] = sec
        return plan, removal

    def planter(self, sec):
        """An `extra` for ordinary(): plant sec into a file of the branch."""
        def extra(br: Branch, changes):
            r, g = self.r, self.g
            tree = br.tree
            value = self.values[sec.sid]
            if sec.mode == "newfile":
                fk = g.pick([k for k in ("ini", "toml", "sh", "md", "docker") if sec.kind in mc.PLANTS[k]])
                sub, names = mh.NEW_SECRET_FILES[fk]
                anchor = self.pick(tree, changes) or next(iter(tree))
                d = anchor.rsplit("/", 1)[0]
                path = f"{d}/{sub.rsplit('/', 1)[-1]}/{g.pick(names)}"
                k = mc.KINDS[fk]
                ctx = k.ctx(g)
                blocks = [k.block(g) for _ in range(r.randint(2, 5))]
                blocks.insert(r.randint(0, len(blocks)), mc.PLANTS[fk][sec.kind].replace("{S}", sec.value))
                text = k.header(g, ctx) + k.sep.join(blocks) + k.footer(g, ctx)
                ns = mc.ns_names(g)
                text = text.replace("@@NS@@", ns[0]).replace("@@ns@@", ns[1])
                if path in tree:
                    return None
                v = self.add_file(br, path, None, "toml" if fk == "ini" else "md" if fk == "md" else "sh",
                                  tree[anchor].m.pkg, changes, data=text.encode())
                if v is None:
                    return None
                v.sids = frozenset((sec.sid,))
                what = g.pick((f"Add {path.rsplit('/', 1)[1]} for local testing", "Local config for testing"))
            else:
                if sec.mode == "hot":
                    cands = [p for p, v in tree.items() if v.m.lang in PLANT_KIND and 4000 < len(v.data) < 24000
                             and not v.sids]
                else:
                    cands = [p for p, v in tree.items() if v.m.lang in PLANT_KIND and len(v.data) < 80000]
                cands.sort()
                path = cands[r.randrange(len(cands))]
                old = tree[path]
                snippet = mc.PLANTS[PLANT_KIND[old.m.lang]][sec.kind].replace("{S}", sec.value)
                op = ("plant", r.random(), 0, snippet.encode().splitlines(keepends=True), sec.sid)
                v = self.change(br, path, [op], changes)
                if sec.mode == "hot":  # from now on among the most edited files
                    self.register(path, v.m, hot=0.0)
                    w = self.cum_a[-1] * 0.004
                    self.cum_a[-1] += w
                    self.cum_b[-1] += self.cum_b[-1] * 0.004
                comp = path.split("/")[3]
                what = g.pick((f"Configure {g.noun()} client", f"Wire up {mh.SECRET_LABEL[sec.kind]}",
                               f"Quick fix for {comp} {g.noun()} sync", "temp: hardcode creds for local debugging"))
            v = tree[path]
            line = v.data[:v.data.find(value)].count(b"\n") + 1
            sec.intro = [None, br.ref, path, line]
            return what
        return extra

    def remover(self, sec):
        def extra(br: Branch, changes):
            hit = next(((p, v) for p, v in sorted(br.tree.items()) if sec.sid in v.sids), None)
            if hit is None:
                return None
            p, v = hit
            if sec.mode == "newfile" and self.r.random() < 0.6:
                del br.tree[p]
                changes[p] = None
                how = "file deleted"
            else:
                self.change(br, p, [("unplant", self.values[sec.sid], sec.sid)], changes)
                how = "line removed"
            sec.removed = [None, br.ref, p, how]
            return self.g.pick((f"Remove hard-coded {mh.SECRET_LABEL[sec.kind]}", "Move credentials to vault",
                                f"Read {mh.SECRET_LABEL[sec.kind]} from the environment"))
        return extra

    def secret_commit(self, sec, removing=False):
        """The commit that plants (or removes) sec, on the branch its placement names."""
        if removing:
            br = self.main
            if sec.intro and sec.intro[1].startswith("refs/heads/release/"):
                br = next((b for b in self.releases if b.ref == sec.intro[1]), self.main)
            mark = self.ordinary(br, extra=self.remover(sec))
            if sec.removed and sec.removed[0] is None:
                sec.removed[0] = mark
            return
        place = sec.mode
        if place in ("pr", "unmerged"):
            br = self.open_pr(self.main, merge=place == "pr", length=self.r.randint(2, 6))
            mark = self.pr_commit(br, extra=self.planter(sec))
        elif place == "release" and self.releases:
            br = self.releases[-1]
            mark = self.ordinary(br, extra=self.planter(sec))
            br.since_up += 1
        else:
            if place == "release":
                sec.mode = "main"
            mark = self.ordinary(self.main, extra=self.planter(sec))
        if sec.intro:
            sec.intro[0] = mark

    # ---- the driver ---------------------------------------------------------------------

    def run(self):
        a, r = self.a, self.r
        t0 = time.monotonic()
        pkgs = list(self.pkgs)
        random.Random(f"packages:{a.seed}").shuffle(pkgs)
        chosen, nfiles = [], 0
        for pk in pkgs:
            if nfiles >= a.files:
                break
            files = list(pk.files)
            cap = max(40, a.files // 8)
            if len(files) > cap:  # a very large package: some of its directories only
                dirs = sorted({f[0].rsplit("/", 1)[0] for f in files})
                random.Random(f"dirs:{a.seed}:{pk.key}").shuffle(dirs)
                keep, n = set(), 0
                for d in dirs:
                    c = sum(1 for f in files if f[0].rsplit("/", 1)[0] == d)
                    if n + c > cap and n:
                        continue
                    keep.add(d)
                    n += c
                files = [f for f in files if f[0].rsplit("/", 1)[0] in keep]
            pr = random.Random(f"later:{a.seed}:{pk.key}")
            pk.files, pk.later = [], []
            for f in files:
                (pk.later if pr.random() < 0.15 else pk.files).append(f)
            pk.later.reverse()
            chosen.append(pk)
            nfiles += len(files)
        self.pkgs = chosen
        self.pkg_of = {pk.key: pk for pk in chosen}
        self.dir_names = sorted({f[0].rsplit("/", 2)[-2] for pk in chosen for f in pk.files if f[0].count("/") > 5})
        n_first = max(2, len(chosen) // 6)
        self.added = []
        self.to_add = list(reversed(chosen[n_first:]))
        print(f"make_realhistory: {len(chosen)} packages, {nfiles} files chosen ({sum(f[2] for pk in chosen for f in pk.files + pk.later) / MIB:.0f} MiB)",
              file=sys.stderr)

        # the initial import: a few packages
        changes = {}
        for pk in chosen[:n_first]:
            self.added.append(pk)
            for path, ap, _size, lang in pk.files:
                if self.add_file(self.main, path, ap, lang, pk.key, changes):
                    self.stats["adds"] += 1
        self.commit(self.main, 0, "Initial commit\n", sorted(changes.items()))
        self.releases_all = []
        plan, removal = self.plan_secrets()
        pkg_every = max(1, int(a.commits * 0.8 / max(1, len(self.to_add))))
        rel_every = int(a.commits * RELEASE_EVERY)
        next_rel = rel_every
        last_report = 0
        while self.n_commits < a.commits:
            i = self.n_commits
            if i in plan:
                self.secret_commit(plan.pop(i))
            elif i in removal:
                self.secret_commit(removal.pop(i), removing=True)
            elif i >= next_rel and self.main.tip:
                self.new_release()
                next_rel += rel_every
                self.ordinary(self.main)
            elif self.to_add and i % pkg_every == pkg_every // 2:
                self.add_package() or self.ordinary(self.main)
            else:
                self.step()
            if self.n_commits - last_report >= 5000:
                last_report = self.n_commits
                print(f"  {self.n_commits} commits, {len(self.blob_by_sha)} blobs, {self.blob_bytes / GIB:.2f} GiB "
                      f"({time.monotonic() - t0:.0f}s)", file=sys.stderr)
        self.flush()

    def step(self):
        """One commit of ordinary life: a pull-request commit or merge, a release fix or merge up, or work on main."""
        r = self.r
        ready = [b for b in self.open if b.left <= 0]
        if ready and r.random() < 0.8:
            if self.close_pr(ready[0]) is not None:
                return
        roll = r.random()
        if roll < 0.55:
            if len(self.open) < 12 and (not self.open or r.random() < 0.35):
                tgt = self.main
                if self.releases and r.random() < 0.15:
                    tgt = self.releases[-1 - r.randrange(len(self.releases))]
                self.open_pr(tgt, merge=r.random() > 0.005)
            br = self.open[r.randrange(len(self.open))]
            if br.target.kind == "release" and br.target not in self.releases:
                br.merge = False
                br.left = 0
            self.pr_commit(br)
        elif roll < 0.64 and self.releases:
            rel = self.releases[-1 - min(len(self.releases) - 1, int(r.expovariate(1.5)))]
            if rel.since_up >= 8 and rel.ops and r.random() < 0.12:
                rel.patch += 1
                self.tag(f"v{rel.name}.{rel.patch}", rel.tip, f"Release v{rel.name}.{rel.patch}\n")
                self.upmerge(rel)
            else:
                self.ordinary(rel)
                rel.since_up += 1
        elif roll < 0.655:
            self.restructure() or self.ordinary(self.main)
        else:
            self.ordinary(self.main)


# --------------------------------------------------------------------------------------

def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], check=True, text=True, stdout=subprocess.PIPE).stdout


def check(repo: str, report_path: str) -> int:
    """Each planted secret must be reported, its first commit the introducing one."""
    planted_path = os.path.abspath(repo).rstrip("/") + ".planted.json"
    loaded = []
    for i, (path, what) in enumerate(((planted_path, "list of planted secrets"), (report_path, "leakhound JSON report"))):
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
            loaded.append(data["findings"] if i else list(data))
        except OSError as e:
            print(f"error: {path}: cannot read the {what}: {e.strerror}", file=sys.stderr)
            return 2
        except (ValueError, KeyError, TypeError):
            print(f"error: {path}: not a {what}", file=sys.stderr)
            return 2
    planted, findings = loaded
    at = {}
    for i, fd in enumerate(findings):
        for loc in fd.get("locations") or [fd]:
            at.setdefault((loc.get("commit"), loc["path"], loc["line"]), i)
    used, missed, wrong = set(), [], []
    for p in planted:
        i = at.get((p["commit"], p["path"], p["line"]))
        if i is None:
            missed.append(p)
            continue
        used.add(i)
        first = (findings[i].get("commit") or {}).get("id")
        if first != p["commit"]:
            wrong.append((p, first))
    for p in missed:
        print(f"MISSED {p['kind']} {p['path']}:{p['line']} (commit {p['commit'][:12]}, {p['ref']})")
    for p, first in wrong:
        print(f"WRONG COMMIT {p['kind']} {p['path']}:{p['line']}: reported {first}, planted {p['commit']}")
    print(f"{len(planted) - len(missed)}/{len(planted)} planted secrets found, "
          f"{len(planted) - len(missed) - len(wrong)} attributed to the introducing commit; "
          f"{len(findings) - len(used)} other findings (the corpus' own test keys and examples)")
    return 1 if missed or wrong else 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_repo", nargs="?")
    ap.add_argument("--corpus", default="/tmp/rc/corpus", help="real-code corpus (default /tmp/rc/corpus)")
    ap.add_argument("--commits", type=int, default=None, help="commits (default 55000; 3000 with --small)")
    ap.add_argument("--files", type=int, default=None, help="corpus files taken (default 26000; 3000 with --small)")
    ap.add_argument("--blob-gib", type=float, default=None,
                    help="target sum of distinct blob sizes, GiB (default 2.2; 0.1 with --small)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--secrets", type=int, default=40, help="planted fake secrets (default 40)")
    ap.add_argument("--chunk", type=int, default=2000, help="commits per fast-import chunk (default 2000)")
    ap.add_argument("--window", type=int, default=250, help="git repack --window (default 250; 0: no repack)")
    ap.add_argument("--small", action="store_true", help="quick ~3,000-commit variant")
    ap.add_argument("--check", nargs=2, metavar=("REPO", "REPORT"),
                    help="check a leakhound --format json report of REPO against REPO.planted.json")
    args = ap.parse_args(argv)
    if args.check:
        return check(*args.check)
    if not args.out_repo:
        ap.error("OUT_REPO is required")
    args.commits = args.commits or (3000 if args.small else 55000)
    args.files = args.files or (3000 if args.small else 26000)
    args.blob_gib = args.blob_gib or (0.1 if args.small else 2.2)
    if args.commits < 500 or args.files < 200 or args.secrets < 1:
        ap.error("need --commits >= 500, --files >= 200, --secrets >= 1")
    if not os.path.isdir(args.corpus):
        ap.error(f"{args.corpus}: no such directory (build it with: python3 benches/realcode/fetch.py {args.corpus})")

    t0 = time.monotonic()
    repo = os.path.abspath(args.out_repo)
    if os.path.exists(repo):
        sys.exit(f"error: {repo} already exists")
    pkgs, donors = load_corpus(args.corpus)
    print(f"make_realhistory: corpus {args.corpus}: {len(pkgs)} packages read in {time.monotonic() - t0:.1f}s",
          file=sys.stderr)
    subprocess.run(["git", "init", "-q", "-b", "main", repo], check=True)
    marks = os.path.join(repo, ".git", "make_realhistory.marks")
    sink = mh.Sink(repo, marks)
    h = History(args, sink, pkgs, donors)
    try:
        h.run()
    except BaseException:
        sink.close(ok=False)
        raise
    sink.close()
    t_gen = time.monotonic() - t0
    print(f"make_realhistory: imported in {t_gen:.0f}s", file=sys.stderr)

    sha_of = {}
    with open(marks, encoding="ascii") as f:
        for line in f:
            mk, sha = line.split()
            sha_of[int(mk[1:])] = sha
    os.remove(marks)
    # merged pull-request branches are deleted, as on a forge
    subprocess.run(["git", "-C", repo, "update-ref", "--stdin"], check=True,
                   input="".join(f"delete {ref}\n" for ref in h.dead_refs).encode())
    t1 = time.monotonic()
    if args.window:
        subprocess.run(["nice", "-n", "10", "git", "-C", repo, "repack", "-adf", "-q", "--depth=50",
                        f"--window={args.window}"], check=True)
        git(repo, "prune-packed")
    t_repack = time.monotonic() - t1
    git(repo, "commit-graph", "write", "--reachable")

    planted = []
    for sec in h.secrets:
        if not sec.intro or sec.intro[0] is None:
            continue
        mark, ref, path, line = sec.intro
        commit = sha_of[mark]
        reach = subprocess.run(["git", "-C", repo, "merge-base", "--is-ancestor", commit, "main"]).returncode == 0
        planted.append({
            "kind": sec.kind,
            "sha256": hashlib.sha256(sec.value.encode()).hexdigest(),
            "commit": commit,
            "path": path,
            "line": line,
            "ref": ref,
            "placement": sec.mode,
            "at_head": any(sec.sid in v.sids for v in h.main.tree.values()),
            "reachable_from_main": reach,
            "removed_in": sha_of[sec.removed[0]] if sec.removed and sec.removed[0] else None,
        })
    planted_path = repo.rstrip("/") + ".planted.json"
    with open(planted_path, "w", encoding="utf-8") as f:
        json.dump(planted, f, indent=2)
        f.write("\n")
    s = h.stats
    print(f"make_realhistory: {repo}\n"
          f"  {h.n_commits} commits: {s['merges']} pull-request merges, {s['upmerges']} release merges up, "
          f"{s['prs']} pull requests ({s['unmerged']} never merged), {s['releases']} release branches, {s['tags']} tags\n"
          f"  {s['pkg_adds']} packages imported, {s['adds']} files added, {s['edits']} file edits, "
          f"{s['replays']} merge resolutions, {s['deletes']} deletes, {s['renames']} renames "
          f"({s['dir_moves']} directory moves)\n"
          f"  {len(h.blob_by_sha)} distinct blobs, {h.blob_bytes / GIB:.2f} GiB ({h.blob_bytes} bytes)\n"
          f"  {len(planted)} planted secrets ({sum(p['at_head'] for p in planted)} at HEAD, "
          f"{sum(not p['reachable_from_main'] for p in planted)} unreachable from main) -> {planted_path}\n"
          f"  generated and imported in {t_gen:.0f}s, repacked in {t_repack:.0f}s "
          f"(--window={args.window}), {time.monotonic() - t0:.0f}s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
