#!/usr/bin/env python3
"""Build a large, realistic, deterministic git history for whole-history benchmarks.

    python3 benches/make_history.py OUT_REPO [--commits 30000] [--files 4000] [--branches 20] [--seed 1]
    python3 benches/make_history.py OUT_REPO --small     # ~2,000 commits / ~300 files

OUT_REPO must not exist.  The repository is written in one go by piping a
``git fast-import`` stream into ``git fast-import`` (git is never run once per
commit), then its work tree is checked out (``--no-checkout`` skips that).

The history looks like ~5 years of work on a monorepo: a ``main`` branch and
``--branches`` feature branches (``feature/…``, ``fix/…``) that fork from main,
get commits of their own, sometimes merge main back in, and merge into main with
two-parent merge commits (each branch ref is reused for 1 to 3 such cycles; the
last cycle of about a third of them is never merged).  There are annotated tags
(``v1.0`` …) and one lightweight tag, a dozen authors in several time zones, and
commit timestamps that increase along every branch.  The files (~``--files`` at
HEAD, 2 to 6 directories deep) are source code and config in many languages,
made from the templates of ``make_corpus.py`` (imported, not copied): most
commits edit 1 to 6 files (tweak lines, add, replace or drop functions, append
rows to CSV/log fixtures, regenerate lock-file entries); some add, delete or
rename files.  Edits are block-level, so a file's versions share most of their
text, as in a real repository.

Blobs are sent to fast-import grouped by file lineage within each chunk of
``--chunk`` commits, so fast-import stores most versions as deltas against the
previous version of the same file (depth <= 50), as ``git gc`` would.

Fake secrets of known shapes (``--secrets``, default 30: AWS access key ids,
GitHub classic tokens with a valid checksum, Slack bot tokens, Stripe live keys,
postgres URLs with a password) are planted in history: added in some commit
(into an existing file or in a new config file), about half removed again later,
some only on never-merged feature branches, and one that stays unchanged at HEAD
in a file that hundreds of later commits edit.  They are listed in
``OUT_REPO.planted.json`` (next to the repository): kind, sha256 of the value,
introducing commit, path, line, whether the value is still at HEAD of main, and
more.  Apart from those, the generated text has no token-shaped strings.

Everything derives from ``--seed``: the same arguments give the same commit ids.
Standard library only (Python 3.11+) plus the ``git`` executable.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import json
import os
import queue
import random
import re
import subprocess
import sys
import textwrap
import threading
import time
import zlib

sys.dont_write_bytecode = True  # no __pycache__ next to make_corpus.py
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_corpus as mc  # noqa: E402  (templates, vocabulary, file planner, secret snippets)

KIB = 1024
MIB = 1024 * 1024
GIB = 1024 * MIB

START = 1551690000          # 2019-03-04 09:00 UTC
SPAN = int(5 * 365.25 * 86400)

AUTHORS = (  # name, email, tz, activity weight
    ("Alice Moreau", "alice.moreau@example.com", "+0100", 9),
    ("Bob Okafor", "bob@example.org", "+0000", 7),
    ("Carol Nguyen", "carol.nguyen@example.com", "-0800", 8),
    ("Dave Lindqvist", "dave.lindqvist@example.com", "+0200", 5),
    ("Erin Kowalski", "erin.k@example.net", "+0100", 6),
    ("Frank Tanaka", "frank.tanaka@example.com", "+0900", 4),
    ("Grace Mendes", "grace@example.com", "-0300", 6),
    ("Heidi Fischer", "heidi.fischer@example.com", "+0100", 3),
    ("Ivan Petrov", "ivan.petrov@example.org", "+0300", 4),
    ("Judy Chen", "judy.chen@example.com", "-0500", 7),
    ("Mallory Singh", "mallory.singh@example.com", "+0530", 3),
    ("Niaj Haddad", "niaj@example.net", "+0400", 2),
    ("Olivia Brown", "olivia.brown@example.com", "-0500", 5),
    ("Peggy O'Neil", "peggy.oneil@example.com", "+0000", 2),
)
AUTHOR_W = [a[3] for a in AUTHORS]

A_AWS, A_GH, A_SLACK, A_STRIPE, A_PG = mc.SECRET_KINDS
SECRET_LABEL = {A_AWS: "AWS credentials", A_GH: "GitHub token", A_SLACK: "Slack token",
                A_STRIPE: "Stripe key", A_PG: "database password"}

# Edit weight by file kind (how often a file of that kind is touched), and by size class.
KIND_W = {"md": 0.5, "k8s": 0.6, "ci": 0.8, "json": 0.35, "pkgjson": 1.2, "pkglock": 0.5, "cargolock": 0.4,
          "gosum": 0.4, "toml": 0.6, "ini": 0.4, "sh": 0.5, "docker": 0.5, "sql": 0.3, "html": 0.5, "css": 0.5,
          "minjs": 0.15, "csv": 0.1, "log": 0.1}
CLS_W = {"small": 1.0, "medium": 0.2, "huge": 0.02}
COMMENT = {**{k: "#" for k in ("py", "rb", "sh", "toml", "ini", "k8s", "ci", "docker", "cargolock")},
           **{k: "//" for k in ("js", "ts", "go", "java", "cs", "rs", "c", "h", "cpp", "hpp", "php")},
           "sql": "--", "md": ""}
REGEN_KINDS = {"pkgjson", "pkglock", "cargolock", "gosum", "minjs"}  # edited by replacing whole entries
SPECIAL_NAMES = {"package.json", "package-lock.json", "Cargo.lock", "go.sum"}
NUM_RE = re.compile(r"\b\d+\b")
NOUN_RE = re.compile(r"\b(" + "|".join(sorted(set(mc.NOUNS), key=lambda w: (-len(w), w))) + r")\b")


class SecretBlock(str):
    """A planted snippet; .sid is the secret's index. Edits never touch these blocks."""


class Meta:
    """What stays the same across the versions of one file (one lineage)."""

    __slots__ = ("lid", "kind", "k", "ctx", "ns", "target", "weight", "cls", "mode", "module", "pinned",
                 "secret_file", "sep")

    def __init__(self, lid, kind, target, cls, module, g):
        self.lid, self.kind, self.k, self.target, self.cls, self.module = lid, kind, mc.KINDS[kind], target, cls, module
        self.ctx = self.k.ctx(g)
        self.ns = mc.ns_names(g)
        self.mode = "100755" if kind == "sh" else "100644"
        self.pinned = False
        self.secret_file = False
        self.sep = self.k.sep
        hot = min(60.0, g.r.paretovariate(1.3))
        self.weight = hot * KIND_W.get(kind, 1.0) * CLS_W[cls]


class FS:
    """One version of a file: header, blocks, footer. Treated as immutable once in a tree."""

    __slots__ = ("m", "head", "blocks", "foot", "size", "mark", "secrets")

    def __init__(self, m, head, blocks, foot, secrets=()):
        self.m, self.head, self.blocks, self.foot, self.secrets = m, head, blocks, foot, secrets
        self.mark = None
        self.size = len(head) + len(foot) + sum(map(len, blocks)) + len(m.sep) * max(0, len(blocks) - 1)

    def render(self) -> bytes:
        return (self.head + self.m.sep.join(self.blocks) + self.foot).encode()

    def line_of(self, i: int, text: str) -> int:
        """1-based line of `text` inside block i."""
        sep_nl = self.m.sep.count("\n")
        before = self.head.count("\n") + sum(b.count("\n") for b in self.blocks[:i]) + sep_nl * i
        off = next(j for j, s in enumerate(self.blocks[i].split("\n")) if text in s)
        return before + off + 1


def fix(m: Meta, text: str) -> str:
    if m.k.placeholders and "@@" in text:
        return text.replace("@@NS@@", m.ns[0]).replace("@@ns@@", m.ns[1])
    return text


def wrap_secrets(blocks):
    return tuple(b.sid for b in blocks if isinstance(b, SecretBlock))


# --------------------------------------------------------------------------------------
# File contents
# --------------------------------------------------------------------------------------

def initial_fs(m: Meta, g: mc.G) -> FS:
    """First version of a file, assembled like make_corpus.generate (pooled + fresh blocks)."""
    k, r = m.k, g.r
    head, foot = fix(m, k.header(g, m.ctx)), fix(m, k.footer(g, m.ctx))
    size, seplen, target = len(head) + len(foot), len(m.sep), m.target
    stateful = m.kind in mc.STATEFUL
    fresh = k.fresh
    plain, bait = mc.POOLS.get(m.kind, ((), ()))
    bait_rate = 0.12 if (bait and r.random() < 0.4) else 0.0
    blocks = []
    while not blocks or size < target:
        if fresh >= 1.0 or r.random() < fresh:
            if stateful:
                b = k.block(g, m.ctx)
            elif bait_rate and r.random() < bait_rate:
                b = k.bait(g)
            else:
                b = k.block(g)
        elif bait_rate and r.random() < bait_rate:
            b = bait[r.randrange(len(bait))]
        else:
            b = plain[r.randrange(len(plain))]
        b = fix(m, b)
        blocks.append(b)
        size += len(b) + seplen
    return FS(m, head, blocks, foot)


def new_block(m: Meta, g: mc.G) -> str:
    k = m.k
    if m.kind in mc.STATEFUL:
        return k.block(g, m.ctx)
    if k.bait and g.r.random() < 0.05:
        return fix(m, k.bait(g))
    return fix(m, k.block(g))


def tweak_text(text: str, m: Meta, g: mc.G) -> str:
    """Change one line of text: a number, a word, or add a comment line."""
    r = g.r
    lines = text.split("\n")
    cand = [i for i, l in enumerate(lines) if l.strip()]
    if not cand:
        return text
    i = cand[r.randrange(len(cand))]
    line = lines[i]
    op = r.random()
    cp = COMMENT.get(m.kind)
    if op < 0.3 and cp is not None and len(line) < 400:
        indent = line[:len(line) - len(line.lstrip())]
        lines.insert(i + (r.random() < 0.5), f"{indent}{cp + ' ' if cp else ''}{g.sentence()}")
        return "\n".join(lines)
    if op < 0.6 and len(line) < 2000:
        ms = list(NOUN_RE.finditer(line))
        if ms:
            mt = ms[r.randrange(len(ms))]
            lines[i] = line[:mt.start()] + g.noun() + line[mt.end():]
            return "\n".join(lines)
    ms = list(NUM_RE.finditer(line)) if len(line) < 20000 else []
    if ms:
        mt = ms[r.randrange(len(ms))]
        n = len(mt.group())
        new = str(r.randrange(10 ** (n - 1), 10 ** n)) if n > 1 else str(r.randrange(10))
        if r.random() < 0.1:
            new = str(r.randrange(1, 100000))
        lines[i] = line[:mt.start()] + new + line[mt.end():]
    elif cp is not None:
        indent = line[:len(line) - len(line.lstrip())]
        lines.insert(i + 1, f"{indent}{cp + ' ' if cp else ''}{g.sentence()}")
    else:
        return text
    return "\n".join(lines)


def edit_fs(fs: FS, g: mc.G) -> FS:
    """A new version of fs with a few realistic changes."""
    m, r = fs.m, g.r
    head, blocks, foot = fs.head, list(fs.blocks), fs.foot
    ratio = fs.size / max(1, m.target)
    free = lambda: [i for i, b in enumerate(blocks) if not isinstance(b, SecretBlock)]  # noqa: E731
    if m.kind in mc.STATEFUL:  # CSV / logs: append rows, sometimes rotate old ones out
        for _ in range(r.randint(1, 3)):
            blocks.append(new_block(m, g))
        if ratio > 1.3:
            idx = free()
            for i in sorted(idx[:r.randint(1, 4)], reverse=True):
                del blocks[i]
    elif m.kind in REGEN_KINDS:  # lock files, bundles: some entries replaced, sometimes one added/removed
        for _ in range(r.randint(1, 4)):
            idx = free()
            if idx:
                blocks[idx[r.randrange(len(idx))]] = new_block(m, g)
        if r.random() < 0.3:
            blocks.insert(r.randint(0, len(blocks)), new_block(m, g))
        elif r.random() < 0.2 and len(blocks) > 3:
            idx = free()
            if idx:
                del blocks[idx[r.randrange(len(idx))]]
    else:
        nops = 1 + (r.random() < 0.45) + (r.random() < 0.2) + (r.random() < 0.08)
        for _ in range(nops):
            w_ins = 25 * (2.0 if ratio < 0.8 else 0.4 if ratio > 1.4 else 1.0)
            w_del = 8 * (0.2 if ratio < 0.8 else 3.0 if ratio > 1.4 else 1.0)
            op = r.choices(("tweak", "replace", "insert", "delete", "header"), (48, 12, w_ins, w_del, 4))[0]
            idx = free()
            if not idx and op != "header":
                op = "insert"
            if op == "tweak":
                i = idx[r.randrange(len(idx))]
                blocks[i] = tweak_text(blocks[i], m, g)
            elif op == "replace":
                blocks[idx[r.randrange(len(idx))]] = new_block(m, g)
            elif op == "insert":
                pos = len(blocks) if r.random() < 0.5 else r.randint(0, len(blocks))
                blocks.insert(pos, new_block(m, g))
            elif op == "delete" and len(blocks) > 2:
                del blocks[idx[r.randrange(len(idx))]]
            elif op == "header":
                head = tweak_text(head, m, g)
    return FS(m, head, blocks, foot, wrap_secrets(blocks) if fs.secrets else ())


def merge_fs(base: FS | None, ours: FS, theirs: FS) -> FS:
    """Block-level three-way merge of a file changed on both sides."""
    if base is None:
        return theirs
    bids = {id(b) for b in base.blocks}
    tids = {id(b) for b in theirs.blocks}
    oids = {id(b) for b in ours.blocks}
    out = [b for b in ours.blocks if id(b) in tids or id(b) not in bids]
    anchor = -1
    for b in theirs.blocks:
        if id(b) not in bids and id(b) not in oids:
            anchor += 1
            out.insert(anchor, b)
        else:
            for j, x in enumerate(out):
                if x is b:
                    anchor = j
                    break
    head = theirs.head if theirs.head is not base.head else ours.head
    foot = theirs.foot if theirs.foot is not base.foot else ours.foot
    return FS(ours.m, head, out, foot, wrap_secrets(out))


def merge_trees(base: dict, ours: dict, theirs: dict) -> dict:
    """Tree of the merge of `theirs` (a feature branch) and `ours` (main), `base` the merge base."""
    result = dict(ours)
    for p in sorted(set(base) | set(theirs)):
        b, t = base.get(p), theirs.get(p)
        if t is b:
            continue
        o = ours.get(p)
        if o is b:                      # only the branch changed it
            if t is None:
                result.pop(p, None)
            else:
                result[p] = t
        elif t is None or o is t:       # deleted on the branch but changed on main: keep main's
            continue
        elif o is None:                 # deleted on main but changed on the branch: keep the branch's
            result[p] = t
        else:
            result[p] = merge_fs(b, o, t)
    return result


# --------------------------------------------------------------------------------------
# Secrets
# --------------------------------------------------------------------------------------

def make_secret(r: random.Random, kind: str, used: set) -> str:
    while True:
        if kind == A_AWS:
            s = "AKIA" + mc._rand(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
        elif kind == A_GH:
            body = mc._rand(r, mc.ALNUM, 30)
            s = "ghp_" + body + mc._b62(zlib.crc32(body.encode()), 6)
        elif kind == A_SLACK:
            s = (f"xoxb-{r.choice('123456789')}{mc._rand(r, '0123456789', r.randint(9, 12))}-"
                 f"{r.choice('123456789')}{mc._rand(r, '0123456789', r.randint(9, 12))}-{mc._rand(r, mc.ALNUM, 24)}")
        elif kind == A_STRIPE:
            s = "sk_live_" + mc._rand(r, mc.ALNUM, r.randint(24, 40))
        else:
            s = f"postgres://app:{mc._rand(r, mc.ALNUM, 16)}@db.internal:5432/app"
        if not mc._bad_runs(s) and s not in used:
            used.add(s)
            return s


NEW_SECRET_FILES = {  # kind -> (dir under the module, file names)
    "ini": ("config", ("local.ini", "credentials.ini", "staging.ini", "settings.local.ini")),
    "toml": ("config", ("secrets.toml", "local.toml", "dev.toml")),
    "sh": ("scripts/dev", ("bootstrap.sh", "seed_local.sh", "setup_env.sh")),
    "k8s": ("deploy/overlays/staging", ("secrets-patch.yaml", "env-patch.yaml")),
    "docker": ("build", ("Dockerfile.local", "Dockerfile.debug")),
    "md": ("docs/runbooks", ("local-setup.md", "oncall-notes.md")),
}


class Secret:
    def __init__(self, sid, kind, value, mode):
        self.sid, self.kind, self.value, self.mode = sid, kind, value, mode
        self.intro = None      # [commit mark, ref, path, line]
        self.removed = None    # [commit mark, ref, path, how]
        self.reachable = True  # from main (False: planted on a never-merged branch)


# --------------------------------------------------------------------------------------
# Schedule
# --------------------------------------------------------------------------------------

class Cycle:
    """One fork/merge cycle of a feature branch."""

    def __init__(self, ref, s, e, merged, author):
        self.ref, self.s, self.e, self.merged, self.author = ref, s, e, merged, author
        self.n = 0
        self.started = False
        self.base = None       # merge-base tree (main's tree at fork / at the last sync)
        self.base_tip = None   # main's tip mark at that point


def branch_names(r, n):
    g = mc.G(r)
    names, used = [], set()
    while len(names) < n:
        name = f"{g.pick(('feature', 'feature', 'feature', 'fix', 'chore', 'exp', 'refactor'))}/{g.kebab()}"
        if name not in used:
            used.add(name)
            names.append(name)
    return names


def schedule(r, n_commits, n_branches):
    """Events sorted by time in [0, 1): ('M', None) main commit, ('B', cycle) branch commit, ('G', cycle) merge."""
    names = branch_names(r, n_branches)
    cycles = []
    unmerged = set(r.sample(range(n_branches), max(min(2, n_branches), round(0.3 * n_branches)))) if n_branches else set()
    for b, name in enumerate(names):
        nc = r.choices((1, 2, 3), (4, 3, 2))[0]
        cuts = sorted(r.uniform(0.01, 0.995) for _ in range(nc - 1))
        bounds = [0.01] + cuts + [0.995]
        author = r.choices(range(len(AUTHORS)), AUTHOR_W)[0]
        for c in range(nc):
            lo, hi = bounds[c], bounds[c + 1]
            last = c == nc - 1
            s = r.uniform(lo, lo + (hi - lo) * 0.5)
            e = r.uniform(s + (hi - s) * 0.3, hi) if not (last and b in unmerged) else r.uniform(s + (hi - s) * 0.5, hi)
            cycles.append(Cycle(name, s, e, not (last and b in unmerged), author))
    budget = round(0.22 * n_commits) if cycles else 0
    ws = [r.uniform(0.3, 1.0) * (c.e - c.s) ** 0.5 for c in cycles]
    tot = sum(ws) or 1
    for c, w in zip(cycles, ws):
        c.n = max(3, round(budget * w / tot))
    merges = sum(c.merged for c in cycles)
    n_main = n_commits - 1 - sum(c.n for c in cycles) - merges
    if n_main < n_commits // 3:
        raise SystemExit("too many branch commits for --commits; use fewer --branches")
    ev = [(r.random(), "M", None) for _ in range(n_main)]
    for c in cycles:
        ts = sorted(r.uniform(c.s, c.e) for _ in range(c.n))
        ev.extend((t, "B", c) for t in ts)
        if c.merged:
            ev.append((c.e + 1e-9, "G", c))
    ev.sort(key=lambda x: x[0])
    return names, cycles, ev


# --------------------------------------------------------------------------------------
# The stream
# --------------------------------------------------------------------------------------

class Sink:
    """Feeds chunks (blobs grouped by lineage, then commits) to git fast-import from a thread."""

    def __init__(self, repo, marks_path):
        self.proc = subprocess.Popen(
            ["git", "-C", repo, "fast-import", "--quiet", "--done", f"--export-marks={marks_path}",
             "--active-branches=64", "--depth=50"],
            stdin=subprocess.PIPE)
        self.q = queue.Queue(maxsize=2)
        self.err = None
        self.t = threading.Thread(target=self._run, daemon=True)
        self.t.start()

    def _run(self):
        w = self.proc.stdin
        item = ()
        try:
            while True:
                item = self.q.get()
                if item is None:
                    break
                if item == "abort":  # no "done": fast-import rejects the truncated stream
                    w.close()
                    return
                blobs, commits = item
                blobs.sort(key=lambda x: (x[0], x[1]))
                for _lid, mark, data in blobs:
                    w.write(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)))
                    w.write(data)
                    w.write(b"\n")
                w.write(b"".join(commits))
            w.write(b"done\n")
            w.close()
        except BaseException as e:  # noqa: BLE001  (reported by put() and close())
            self.err = e
            while item not in (None, "abort"):  # keep the producer from blocking
                item = self.q.get()

    def put(self, blobs, commits):
        if self.err:
            raise SystemExit(f"git fast-import failed: {self.err}")
        self.q.put((blobs, commits))

    def close(self, ok=True):
        self.q.put(None if ok else "abort")
        self.t.join()
        rc = self.proc.wait()
        if ok and (self.err or rc):
            raise SystemExit(f"git fast-import failed (exit {rc}): {self.err}")


class History:
    def __init__(self, args, sink):
        self.args = args
        self.r = random.Random(f"history:{args.seed}")
        self.g = mc.G(self.r)
        self.sink = sink
        self.mark = 0
        self.blob_by_sha = {}
        self.blob_bytes = 0
        self.chunk_blobs, self.chunk_commits = [], []
        self.lid = 0
        # registry of every path ever used, for weighted picks (append-only)
        self.reg, self.reg_w, self.reg_set, self.cum, self.cum_dirty = [], [], set(), [], True
        self.meta_of = {}
        self.by_module = {}
        self.modules = []
        self.refs = {"refs/heads/main": {"tree": {}, "tip": None}}
        self.stats = dict(merges=0, syncs=0, adds=0, deletes=0, renames=0, edits=0, tags=0)
        self.pr = 100
        self.last_t = START - 1
        self.hot_index = None

    # ---- marks, blobs, registry -------------------------------------------------------

    def new_mark(self):
        self.mark += 1
        return self.mark

    def blob(self, fs: FS) -> int:
        if fs.mark is None:
            data = fs.render()
            h = hashlib.sha1(b"blob %d\0" % len(data))
            h.update(data)
            d = h.digest()
            mark = self.blob_by_sha.get(d)
            if mark is None:
                mark = self.new_mark()
                self.blob_by_sha[d] = mark
                self.chunk_blobs.append((fs.m.lid, mark, data))
                self.blob_bytes += len(data)
            fs.mark = mark
        return fs.mark

    def register(self, path, m: Meta):
        if path in self.reg_set:
            return
        self.reg.append(path)
        self.reg_w.append(m.weight)
        self.reg_set.add(path)
        self.meta_of[path] = m
        lst = self.by_module.get(m.module)
        if lst is None:
            lst = self.by_module[m.module] = []
            self.modules.append(m.module)
        lst.append(path)
        self.cum_dirty = True

    def reweight(self, path, w):
        i = self.reg.index(path)
        self.reg_w[i] = w
        self.cum_dirty = True

    def pick_path(self, tree, module=None, avoid=()):
        r = self.r
        for _ in range(80):
            if module is not None:
                lst = self.by_module[module]
                p = lst[r.randrange(len(lst))]
            else:
                if self.cum_dirty:
                    self.cum = list(itertools.accumulate(self.reg_w))
                    self.cum_dirty = False
                i = bisect.bisect_right(self.cum, r.random() * self.cum[-1])
                p = self.reg[min(i, len(self.reg) - 1)]
            if p in tree and p not in avoid:
                return p
        if module is not None:
            return None
        keys = [p for p in tree if p not in avoid]
        return keys[r.randrange(len(keys))] if keys else None

    # ---- commits -----------------------------------------------------------------------

    def when(self, t):
        ts = max(self.last_t + 1 + self.r.randrange(0, 40), START + int(t * SPAN))
        self.last_t = ts
        return ts

    def message(self, subject, body_p=0.3):
        r, g = self.r, self.g
        msg = subject
        if r.random() < body_p:
            msg += "\n\n" + textwrap.fill(g.para(1, 3), 72)
        if r.random() < 0.08:
            a = AUTHORS[r.randrange(len(AUTHORS))]
            msg += f"\n\nCo-authored-by: {a[0]} <{a[1]}>"
        return msg + "\n"

    def commit(self, ref, t, author, msg, ops, from_mark=None, merge_mark=None):
        mark = self.new_mark()
        name, email, tz, _ = AUTHORS[author]
        ts = self.when(t)
        lines = [f"commit {ref}\nmark :{mark}\n"]
        if self.r.random() < 0.12 and merge_mark is None:  # rebased / amended: author date a bit earlier
            adate = max(START, ts - self.r.randrange(60, 3 * 86400))
        else:
            adate = ts
        lines.append(f"author {name} <{email}> {adate} {tz}\ncommitter {name} <{email}> {ts} {tz}\n")
        mb = msg.encode()
        head = "".join(lines).encode() + b"data %d\n" % len(mb) + mb
        tail = []
        if from_mark is not None:
            tail.append(f"from :{from_mark}\n")
        if merge_mark is not None:
            tail.append(f"merge :{merge_mark}\n")
        for p, fs in ops:
            if fs is None:
                tail.append(f"D {p}\n")
            else:
                tail.append(f"M {fs.m.mode} :{self.blob(fs)} {p}\n")
        tail.append("\n")
        self.chunk_commits.append(head + "".join(tail).encode())
        self.refs[ref]["tip"] = mark
        return mark, ts

    def tag(self, name, target, t, annotated=True):
        if annotated:
            a = AUTHORS[0]
            msg = f"Release {name}\n\n{textwrap.fill(self.g.para(2, 4), 72)}\n".encode()
            self.chunk_commits.append(
                f"tag {name}\nfrom :{target}\ntagger {a[0]} <{a[1]}> {self.when(t)} {a[2]}\n".encode()
                + b"data %d\n" % len(msg) + msg + b"\n")
        else:
            self.chunk_commits.append(f"reset refs/tags/{name}\nfrom :{target}\n\n".encode())
        self.stats["tags"] += 1

    def flush(self):
        if self.chunk_blobs or self.chunk_commits:
            self.sink.put(self.chunk_blobs, self.chunk_commits)
        self.chunk_blobs, self.chunk_commits = [], []

    # ---- file-level operations ---------------------------------------------------------

    def make_meta(self, kind, target, cls, path):
        self.lid += 1
        module = "/".join(path.split("/")[:2])
        return Meta(self.lid, kind, target, cls, module, self.g)

    def add_planned(self, tree):
        if not self.pending:
            return None
        path, kind, size, cls = self.pending.pop()
        if path in tree or path in self.reg_set:
            return None
        m = self.make_meta(kind, size, cls, path)
        self.register(path, m)
        fs = initial_fs(m, self.g)
        tree[path] = fs
        return path

    def rename_target(self, path, m):
        g, r = self.g, self.r
        d, name = path.rsplit("/", 1)
        for _ in range(10):
            if r.random() < 0.5:
                same = [p for p in self.by_module[m.module] if self.meta_of[p].kind == m.kind and p != path]
                if same:
                    nd = g.pick(same).rsplit("/", 1)[0]
                    cand = f"{nd}/{name}"
                    if cand not in self.reg_set:
                        return cand
            cand = f"{d}/{mc._filename(m.kind, g, None)}"
            if cand not in self.reg_set and cand.count("/") <= 6:
                return cand
        return None

    # ---- one ordinary commit -----------------------------------------------------------

    def ordinary(self, ref, t, author, actions=(), progress=0.0, is_main=True, from_mark=None):
        r, g = self.r, self.g
        tree = self.refs[ref]["tree"]
        ops = {}
        subject = None
        secret_commit = bool(actions)
        for kind, sec in actions:
            if kind == "plant":
                subject = self.plant(ref, tree, sec, ops) or subject
            else:
                subject = self.remove(ref, tree, sec, ops) or subject
        n = r.choices((1, 2, 3, 4, 5, 6), (34, 26, 16, 10, 8, 6))[0] if not secret_commit else r.randint(0, 1)
        first = None
        for _ in range(n):
            module = None if first is None or r.random() < 0.4 else self.meta_of[first].module
            p = self.pick_path(tree, module, avoid=ops)
            if p is None:
                p = self.pick_path(tree, None, avoid=ops)
            if p is None:
                break
            first = first or p
            tree[p] = ops[p] = edit_fs(tree[p], g)
            self.stats["edits"] += 1
        kind_note = None
        if not secret_commit:
            want = self.target_files(progress) if is_main else -1
            if (is_main and len(tree) < want) or (not is_main and r.random() < 0.02):
                for _ in range(1 + (r.random() < 0.2)):
                    p = self.add_planned(tree)
                    if p:
                        ops[p] = tree[p]
                        self.stats["adds"] += 1
                        kind_note = kind_note or ("add", p)
            if r.random() < 0.008 and len(tree) > 20:
                p = self.pick_path(tree, None, avoid=ops)
                if p and not tree[p].secrets and not tree[p].m.pinned:
                    del tree[p]
                    ops[p] = None
                    self.stats["deletes"] += 1
                    kind_note = ("delete", p)
            if r.random() < 0.005:
                p = self.pick_path(tree, None, avoid=ops)
                if (p and not tree[p].secrets and not tree[p].m.pinned and tree[p].m.kind in mc.EXT
                        and p.rsplit("/", 1)[1] not in SPECIAL_NAMES):
                    m = tree[p].m
                    q = self.rename_target(p, m)
                    if q:
                        fs = tree.pop(p)
                        if r.random() < 0.3:
                            fs = edit_fs(fs, g)
                        self.register(q, m)
                        tree[q] = fs
                        ops[p] = None
                        ops[q] = fs
                        self.stats["renames"] += 1
                        kind_note = ("rename", p, q)
        if not ops:
            p = self.pick_path(tree)
            tree[p] = ops[p] = edit_fs(tree[p], g)
            first = p
        if subject is None:
            subject = self.subject(kind_note, first or next(iter(ops)))
        msg = self.message(subject)
        mark, ts = self.commit(ref, t, author, msg, list(ops.items()), from_mark=from_mark)
        for kind, sec in actions:
            rec = sec.intro if kind == "plant" else sec.removed
            if rec is not None and rec[0] is None:
                rec[0] = mark
        return mark, ts

    def target_files(self, progress):
        a = self.args
        return int(self.n_initial + (a.files - self.n_initial) * min(1.0, progress * 1.02))

    def subject(self, note, path):
        r, g = self.r, self.g
        m = self.meta_of.get(path)
        module = (m.module.split("/")[1] if m else "core")
        base = path.rsplit("/", 1)[1]
        if note and note[0] == "add":
            return g.pick((f"Add {note[1].rsplit('/', 1)[1]}", f"{module}: add {g.noun()} {g.noun()} support",
                           f"feat({module}): {g.verb()} {g.noun()}s from the {g.noun()} API"))
        if note and note[0] == "delete":
            return g.pick((f"Remove unused {note[1].rsplit('/', 1)[1]}", f"{module}: drop dead {g.noun()} code"))
        if note and note[0] == "rename":
            return f"Move {note[1].rsplit('/', 1)[1]} to {note[2].rsplit('/', 1)[0].split('/')[-1]}/"
        n1, n2, v = g.noun(), g.noun(), g.verb()
        if m and m.kind in REGEN_KINDS and r.random() < 0.7:
            return g.pick((f"chore(deps): bump {n1}-{n2} from {g.version()} to {g.version()}",
                           f"Update {base}", f"build({module}): regenerate {base}"))
        return g.pick((
            f"Fix {g.adj()} {n1} handling in {module}",
            f"{module}: {g.sentence()[0].lower() + g.sentence()[1:]}",
            f"fix({module}): {v} {n1} before {n2} is flushed",
            f"feat({module}): {v} {n1}s in batches",
            f"Refactor {n1} {n2} in {base}",
            f"Update {base}",
            f"Handle empty {n1} list from {n2} endpoint",
            f"chore({module}): rename {n1} {n2} helpers",
            f"test({module}): cover {g.adj()} {n1} edge cases",
            f"docs: explain {n1} {n2} lifecycle",
            f"Tidy up {n1} {v} logic",
            f"Address review comments on {n1} {n2}",
            f"perf({module}): cache {n1} lookups on the {n2} path",
            "WIP" if r.random() < 0.3 else f"Clean up {base}",
            f"Revert \"{v.capitalize()} {n1} {n2}\"",
            f"Increase {n1} timeout to {r.randint(2, 120)}s",
        ))

    # ---- secrets -----------------------------------------------------------------------

    def plant(self, ref, tree, sec: Secret, ops):
        r, g = self.r, self.g
        kind = sec.kind
        snippet_of = lambda mk: mc.PLANTS.get(mk, {}).get(kind)  # noqa: E731
        if sec.mode == "newfile":
            choices = [k for k in NEW_SECRET_FILES if snippet_of(k)]
            fk = g.pick(choices)
            sub, names = NEW_SECRET_FILES[fk]
            module = g.pick(self.modules)
            path = f"{module}/{sub}/{g.pick(names)}"
            n = 2
            while path in self.reg_set:
                stem, dot, ext = path.rpartition("/")[2].partition(".")
                path = f"{module}/{sub}/{stem.split('-')[0]}-{n}{dot}{ext}"
                n += 1
            m = self.make_meta(fk, r.randint(600, 3000), "small", path)
            m.secret_file = True
            m.weight = 0.2
            self.register(path, m)
            fs0 = initial_fs(m, g)
            blocks = list(fs0.blocks)
            pos = r.randint(0, len(blocks))
            subject = g.pick((f"Add {path.rsplit('/', 1)[1]} for {module.split('/')[1]}",
                              "Local config for testing", f"{module.split('/')[1]}: add {path.rsplit('/', 1)[1]}"))
        else:
            if sec.mode == "hot":
                path = self.hot_path
            else:
                elig = [p for p, fs in tree.items()
                        if snippet_of(fs.m.kind) and fs.m.cls == "small" and not fs.m.pinned and fs.size < 60000]
                path = g.pick(elig)
            fs0 = tree[path]
            m = fs0.m
            blocks = list(fs0.blocks)
            pos = r.randint(0, len(blocks))
            mod = m.module.split("/")[1]
            subject = g.pick((f"Configure {g.noun()} client in {mod}", f"{mod}: wire up {g.noun()} notifications",
                              f"Quick fix for {mod} {g.noun()} sync", "temp: hardcode creds for local debugging",
                              f"Hook up {SECRET_LABEL[kind].split()[0]} in {mod}"))
        sb = SecretBlock(mc.PLANTS[m.kind][kind].replace("{S}", sec.value))
        sb.sid = sec.sid
        blocks.insert(pos, sb)
        fs = FS(m, fs0.head, blocks, fs0.foot, wrap_secrets(blocks))
        tree[path] = ops[path] = fs
        sec.intro = [None, ref, path, fs.line_of(pos, sec.value)]
        return subject

    def remove(self, ref, tree, sec: Secret, ops):
        r, g = self.r, self.g
        hit = next(((p, fs) for p, fs in tree.items() if sec.sid in fs.secrets), None)
        if hit is None:
            return None
        p, fs = hit
        if fs.m.secret_file and r.random() < 0.6:
            del tree[p]
            ops[p] = None
            how = "file deleted"
        else:
            blocks = [b for b in fs.blocks if not (isinstance(b, SecretBlock) and b.sid == sec.sid)]
            if fs.m.k.bait and r.random() < 0.6:  # replaced by an environment lookup or similar
                blocks.insert(r.randint(0, len(blocks)), fix(fs.m, fs.m.k.bait(g)))
            nfs = FS(fs.m, fs.head, blocks, fs.foot, wrap_secrets(blocks))
            tree[p] = ops[p] = nfs
            how = "line removed"
        sec.removed = [None, ref, p, how]
        label = SECRET_LABEL[sec.kind]
        return g.pick((f"Remove hard-coded {label}", f"Read {label} from the environment",
                       f"Scrub {label} from {p.rsplit('/', 1)[1]}", "Move credentials to vault",
                       f"security: rotate and remove leaked {label}"))

    # ---- main driver -------------------------------------------------------------------

    def run(self):
        a, r, g = self.args, self.r, self.g
        t0 = time.monotonic()
        # Files: make_corpus's planner gives paths, kinds and sizes (more than needed: later adds).
        mc.SEED = a.seed
        plan_args = argparse.Namespace(size_mb=max(1, round(a.files * 1.3 * a.avg_kib / 1024)),
                                       files=int(a.files * 1.3), seed=a.seed, secrets=0)
        files, _ = mc.plan(plan_args)
        mc.build_pools(a.seed)
        self.n_initial = int(a.files * 0.5)
        self.pending = list(reversed(files[self.n_initial:]))
        main = self.refs["refs/heads/main"]
        tree = main["tree"]
        for path, kind, size, cls in files[:self.n_initial]:
            m = self.make_meta(kind, size, cls, path)
            self.register(path, m)
            tree[path] = initial_fs(m, g)
        # the file that will hold the long-lived secret: small, plantable, edited very often
        cands = [p for p, fs in tree.items() if fs.m.cls == "small" and 4000 < fs.size < 30000
                 and mc.PLANTS.get(fs.m.kind, {}).get(A_AWS) and fs.m.kind not in mc.STATEFUL]
        self.hot_path = g.pick(cands)
        hm = self.meta_of[self.hot_path]
        hm.pinned = True

        names, cycles, events = schedule(r, a.commits, a.branches)
        for n in names:
            self.refs[f"refs/heads/{n}"] = {"tree": None, "tip": None}
        secrets, actions = self.plan_secrets(events, cycles)
        n_ev = len(events)
        tags = {}
        tag_names = ("v1.0", "v1.1", "v1.2", "v2.0", "v2.1", "v2.2", "v3.0")
        main_idx = [i for i, e in enumerate(events) if e[1] == "M"]
        for j, name in enumerate(tag_names):
            tags[main_idx[int(len(main_idx) * (0.12 + 0.85 * j / len(tag_names)))]] = name
        tags.setdefault(main_idx[int(len(main_idx) * 0.08)], "v0.9-rc1")
        print(f"make_history: planned {a.commits} commits ({len(cycles)} branch cycles on {len(names)} branches), "
              f"{len(files)} candidate files, {len(secrets)} secrets in {time.monotonic() - t0:.1f}s", file=sys.stderr)

        # initial commit
        self.commit("refs/heads/main", -0.0, 0, self.message("Initial import", body_p=0), sorted(tree.items()))
        done = 1
        for i, (t, typ, cyc) in enumerate(events):
            progress = (i + 1) / n_ev
            acts = actions.get(i, ())
            if typ == "M":
                if i == self.hot_index:  # from now on, hundreds of edits of the file holding the long-lived secret
                    share = min(0.05, 800 / (a.commits * 2.4))
                    hm.weight = share * sum(self.reg_w) / (1 - share)
                    self.reweight(self.hot_path, hm.weight)
                author = r.choices(range(len(AUTHORS)), AUTHOR_W)[0]
                mark, ts = self.ordinary("refs/heads/main", t, author, acts, progress)
                if i in tags:
                    name = tags[i]
                    self.tag(name, mark, t, annotated=not name.startswith("v0"))
            elif typ == "B":
                self.branch_commit(cyc, t, acts, progress)
            else:
                self.merge(cyc, t)
            done += 1
            if done % a.chunk == 0:
                self.flush()
                if done % (a.chunk * 2) == 0:
                    print(f"  {done} commits, {len(self.blob_by_sha)} blobs, {self.blob_bytes / GIB:.2f} GiB "
                          f"({time.monotonic() - t0:.0f}s)", file=sys.stderr)
        self.flush()
        self.n_done = done
        self.cycles = cycles
        self.secrets = secrets
        return main["tree"]

    def branch_commit(self, cyc: Cycle, t, acts, progress):
        r = self.r
        ref = f"refs/heads/{cyc.ref}"
        st = self.refs[ref]
        main = self.refs["refs/heads/main"]
        author = cyc.author if r.random() < 0.8 else r.choices(range(len(AUTHORS)), AUTHOR_W)[0]
        if not cyc.started:
            cyc.started = True
            st["tree"] = dict(main["tree"])
            cyc.base = dict(main["tree"])
            cyc.base_tip = main["tip"]
            self.ordinary(ref, t, author, acts, progress, is_main=False, from_mark=main["tip"])
            return
        if not acts and r.random() < 0.015 and main["tip"] != cyc.base_tip:
            # merge main into the feature branch
            old = st["tree"]
            new = merge_trees(cyc.base, main["tree"], old)
            ops = [(p, new.get(p)) for p in sorted(set(old) | set(new)) if old.get(p) is not new.get(p)]
            msg = self.message(f"Merge branch 'main' into {cyc.ref}", body_p=0)
            self.commit(ref, t, author, msg, ops, merge_mark=main["tip"])
            st["tree"] = new
            cyc.base = dict(main["tree"])
            cyc.base_tip = main["tip"]
            self.stats["syncs"] += 1
            return
        self.ordinary(ref, t, author, acts, progress, is_main=False)

    def merge(self, cyc: Cycle, t):
        r, g = self.r, self.g
        ref = f"refs/heads/{cyc.ref}"
        st = self.refs[ref]
        main = self.refs["refs/heads/main"]
        old = main["tree"]
        new = merge_trees(cyc.base, old, st["tree"])
        ops = [(p, new.get(p)) for p in sorted(set(cyc.base) | set(st["tree"])) if old.get(p) is not new.get(p)]
        self.pr += r.randint(1, 25)
        if r.random() < 0.8:
            msg = (f"Merge pull request #{self.pr} from example/{cyc.ref}\n\n"
                   f"{g.sentence()}\n")
        else:
            msg = f"Merge branch '{cyc.ref}'\n"
        author = r.choices(range(len(AUTHORS)), AUTHOR_W)[0]
        self.commit("refs/heads/main", t, author, msg, ops, merge_mark=st["tip"])
        main["tree"] = new
        self.stats["merges"] += 1

    def plan_secrets(self, events, cycles):
        """Decide which commit plants / removes which secret. Returns (secrets, {event index: [actions]})."""
        a = self.args
        sr = random.Random(f"secrets:{a.seed}")
        n = a.secrets
        kinds = [mc.SECRET_KINDS[i % 5] for i in range(n)]
        sr.shuffle(kinds)
        used = set()
        secrets = []
        main_ev = [i for i, e in enumerate(events) if e[1] == "M"]
        by_cycle = {}
        for i, e in enumerate(events):
            if e[1] == "B":
                by_cycle.setdefault(id(e[2]), []).append(i)
        merged = [c for c in cycles if c.merged and len(by_cycle.get(id(c), ())) >= 4]
        unmerged = [c for c in cycles if not c.merged and len(by_cycle.get(id(c), ())) >= 4]
        actions = {}
        busy = set()

        def free_after(cands, lo, hi=None):
            pool = [i for i in cands if i > lo and (hi is None or i < hi) and i not in busy]
            return pool

        def add(i, act):
            actions.setdefault(i, []).append(act)
            busy.add(i)

        n_unmerged = min(len(unmerged) * 2, max(0, round(n * 0.15))) if n > 1 else 0
        n_merged = min(len(merged) * 2, max(0, round(n * 0.17))) if n > 1 else 0
        removal = set(sr.sample(range(1, n), (n - 1) // 2)) if n > 1 else set()
        for sid in range(n):
            kind = kinds[sid]
            if sid == 0:  # the long-lived one: early on main, in the hot file, never removed
                kind = A_AWS
                sec = Secret(sid, kind, make_secret(sr, kind, used), "hot")
                i = main_ev[int(len(main_ev) * sr.uniform(0.04, 0.08))]
                self.hot_index = i
                add(i, ("plant", sec))
                secrets.append(sec)
                continue
            sec = Secret(sid, kind, make_secret(sr, kind, used), "newfile" if sr.random() < 0.25 else "insert")
            secrets.append(sec)
            if sid <= n_unmerged and unmerged:
                c = unmerged[sid % len(unmerged)]
                sec.reachable = False
                evs = by_cycle[id(c)][1:]
                i = sr.choice(free_after(evs, -1, evs[int(len(evs) * 0.7)]) or evs[:1])
                add(i, ("plant", sec))
                if sid in removal:
                    later = free_after(evs, i)
                    if later:
                        add(sr.choice(later[:30]), ("remove", sec))
                continue
            if sid <= n_unmerged + n_merged and merged:
                c = merged[sid % len(merged)]
                evs = by_cycle[id(c)][1:]
                i = sr.choice(free_after(evs, -1, evs[int(len(evs) * 0.8)]) or evs[:1])
                add(i, ("plant", sec))
                if sid in removal:
                    later = free_after(evs, i)
                    if later and sr.random() < 0.5:
                        add(sr.choice(later), ("remove", sec))
                    else:
                        merge_i = next(j for j, e in enumerate(events) if e[1] == "G" and e[2] is c)
                        later = free_after(main_ev, merge_i)
                        if later:
                            add(sr.choice(later[:200]), ("remove", sec))
                continue
            lo, hi = main_ev[int(len(main_ev) * 0.02)], main_ev[int(len(main_ev) * 0.92)]
            i = sr.choice(free_after(main_ev, lo, hi))
            add(i, ("plant", sec))
            if sid in removal:
                later = free_after(main_ev, i)
                if sr.random() < 0.5:
                    later = later[:25]
                if later:
                    add(sr.choice(later), ("remove", sec))
        return secrets, actions


# --------------------------------------------------------------------------------------

def git(repo, *args, capture=True):
    return subprocess.run(["git", "-C", repo, *args], check=True, text=True,
                          stdout=subprocess.PIPE if capture else None).stdout


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_repo")
    ap.add_argument("--commits", type=int, default=None, help="number of commits (default 30000; 2000 with --small)")
    ap.add_argument("--files", type=int, default=None, help="files at HEAD, about (default 4000; 300 with --small)")
    ap.add_argument("--branches", type=int, default=None, help="feature branches (default 20; 8 with --small)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--secrets", type=int, default=30, help="planted fake secrets (default 30)")
    ap.add_argument("--avg-kib", type=float, default=21.0, help="mean planned file size in KiB (default 21)")
    ap.add_argument("--chunk", type=int, default=2500, help="commits per fast-import chunk (default 2500)")
    ap.add_argument("--small", action="store_true", help="quick ~2,000-commit / ~300-file variant")
    ap.add_argument("--no-checkout", action="store_true", help="leave the work tree empty")
    args = ap.parse_args(argv)
    args.commits = args.commits or (2000 if args.small else 30000)
    args.files = args.files or (300 if args.small else 4000)
    if args.branches is None:
        args.branches = 8 if args.small else 20
    if args.commits < 100 or args.files < 40 or args.branches < 0 or args.secrets < 0:
        ap.error("need --commits >= 100, --files >= 40")

    t0 = time.monotonic()
    repo = os.path.abspath(args.out_repo)
    if os.path.exists(repo):
        sys.exit(f"error: {repo} already exists")
    planted_path = repo.rstrip("/") + ".planted.json"
    subprocess.run(["git", "init", "-q", "-b", "main", repo], check=True)
    marks = os.path.join(repo, ".git", "make_history.marks")
    sink = Sink(repo, marks)
    h = History(args, sink)
    try:
        main_tree = h.run()
    except BaseException:
        sink.close(ok=False)
        raise
    sink.close()
    t_gen = time.monotonic() - t0

    sha_of = {}
    with open(marks, encoding="ascii") as f:
        for line in f:
            mk, sha = line.split()
            sha_of[int(mk[1:])] = sha
    os.remove(marks)
    git(repo, "commit-graph", "write", "--reachable")
    if not args.no_checkout:
        git(repo, "reset", "-q", "--hard", capture=False)

    # planted secrets
    merged_of = {}
    for c in h.cycles:
        merged_of.setdefault(c.ref, []).append(c)
    planted = []
    for sec in h.secrets:
        if sec.intro is None or sec.intro[0] is None:
            continue
        mark, ref, path, line = sec.intro
        on_main = ref == "refs/heads/main" or sec.reachable
        at_head = any(sec.sid in fs.secrets for fs in main_tree.values())
        planted.append({
            "kind": sec.kind,
            "sha256": hashlib.sha256(sec.value.encode()).hexdigest(),
            "commit": sha_of[mark],
            "path": path,
            "line": line,
            "ref": ref,
            "at_head": at_head,
            "reachable_from_main": on_main,
            "removed_in": sha_of[sec.removed[0]] if sec.removed and sec.removed[0] else None,
        })
    with open(planted_path, "w", encoding="utf-8") as f:
        json.dump(planted, f, indent=2)
        f.write("\n")

    # totals, from git itself
    counts = {}
    blob_bytes = 0
    out = subprocess.run(["git", "-C", repo, "cat-file", "--batch-all-objects", "--batch-check=%(objecttype) %(objectsize)"],
                         check=True, stdout=subprocess.PIPE).stdout
    for line in out.splitlines():
        typ, size = line.split()
        counts[typ] = (counts.get(typ) or 0) + 1
        if typ == b"blob":
            blob_bytes += int(size)
    co = dict(l.split(": ", 1) for l in git(repo, "count-objects", "-v").splitlines())
    pack_kib = int(co["size-pack"]) + int(co["size"])
    n_commits = int(git(repo, "rev-list", "--all", "--count"))
    head_files = len(main_tree)
    dt = time.monotonic() - t0
    s = h.stats
    print(f"make_history: {repo}\n"
          f"  {n_commits} commits ({s['merges']} merges into main, {s['syncs']} merges of main into branches), "
          f"main + {len(h.refs) - 1} feature branches, {s['tags']} tags\n"
          f"  {head_files} files at HEAD; {s['edits']} file edits, {s['adds']} adds, {s['deletes']} deletes, "
          f"{s['renames']} renames\n"
          f"  {counts.get(b'blob', 0)} distinct blobs, {blob_bytes / GIB:.2f} GiB of blob content "
          f"({blob_bytes} bytes); {counts.get(b'tree', 0)} trees\n"
          f"  packed: {pack_kib / 1024:.0f} MiB\n"
          f"  {len(planted)} planted secrets ({sum(p['at_head'] for p in planted)} at HEAD of main, "
          f"{sum(not p['reachable_from_main'] for p in planted)} on unmerged branches only) -> {planted_path}\n"
          f"  generated in {t_gen:.1f}s, {dt:.1f}s in all")


if __name__ == "__main__":
    main()
