#!/usr/bin/env python3
"""Measure the shape of a git repository's history and print it as a markdown table.

    python3 benches/history_shape.py REPO

Counts commits and merges, refs, authors and time zones, objects by type, the distinct
blobs and the sum of their sizes, the path depth and directory fan-out at HEAD, the files
each non-merge commit touches (median, p90, max), renames, the most-changed paths, the
delta chains of the packs and the packed size. Delta chain lengths come from each
object's delta base (``git cat-file --batch-check='%(deltabase)'``, followed to the
end): the same chains ``git verify-pack -v`` reports, without inflating every object.

Any repository works (a real clone or one built by make_history.py or
make_realhistory.py); nothing is written. Needs python3 and git.
"""

from __future__ import annotations

import collections
import os
import subprocess
import sys
import time

GIB, MIB = 1024 ** 3, 1024 ** 2
NULL = b"0" * 40


def git(repo, *args) -> bytes:
    return subprocess.run(["git", "-C", repo, *args], check=True, stdout=subprocess.PIPE).stdout


def pct(xs, q):
    return xs[min(len(xs) - 1, int(len(xs) * q))] if xs else 0


def main(argv):
    if len(argv) != 1 or argv[0].startswith("-"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    repo = argv[0]
    if not os.path.isdir(repo):
        print(f"error: {repo}: no such directory", file=sys.stderr)
        return 2
    try:
        git(repo, "rev-parse", "--git-dir")
    except subprocess.CalledProcessError:
        print(f"error: {repo}: not a git repository", file=sys.stderr)
        return 2
    t0 = time.monotonic()
    rows = []

    def row(name, value):
        rows.append((name, value))

    commits = int(git(repo, "rev-list", "--all", "--count"))
    merges = int(git(repo, "rev-list", "--all", "--merges", "--count"))
    refs = git(repo, "for-each-ref", "--format=%(refname)").decode().split()
    branches = sum(r.startswith("refs/heads/") for r in refs)
    tags = sum(r.startswith("refs/tags/") for r in refs)
    row("commits (all refs)", f"{commits:,}")
    row("merge commits", f"{merges:,} ({merges / max(1, commits):.0%}; one every {commits / max(1, merges):.1f} commits)")
    row("branches / tags", f"{branches:,} / {tags:,}")
    people = git(repo, "log", "--all", "--format=%ae%x09%ai").decode().splitlines()
    emails = {l.split("\t")[0] for l in people}
    zones = {l.rsplit(" ", 1)[-1] for l in people}
    dates = sorted(l.split("\t")[1][:10] for l in people)
    row("authors / time zones", f"{len(emails):,} / {len(zones)}")
    if dates:
        row("time span", f"{dates[0]} to {dates[-1]}")

    # objects, blob bytes, delta chains
    out = git(repo, "cat-file", "--batch-all-objects",
              "--batch-check=%(objectname) %(objecttype) %(objectsize) %(deltabase)")
    types = collections.Counter()
    base_of, sizes, blobs = {}, [], set()
    for line in out.splitlines():
        oid, typ, size, base = line.split()
        types[typ] += 1
        if typ == b"blob":
            sizes.append(int(size))
            blobs.add(oid)
        if base != NULL:
            base_of[oid] = base
    depth = {}
    for oid in base_of:
        chain = []
        x = oid
        while x in base_of and x not in depth:
            chain.append(x)
            x = base_of[x]
        d = depth.get(x, 0)
        for y in reversed(chain):
            d += 1
            depth[y] = d
    sizes.sort()
    blob_bytes = sum(sizes)
    row("objects", ", ".join(f"{types[t]:,} {t.decode()}s" for t in (b"commit", b"tree", b"blob", b"tag")))
    row("distinct blobs", f"{len(sizes):,}")
    row("blob content (sum of distinct blobs)", f"{blob_bytes / GIB:.2f} GiB ({blob_bytes:,} bytes)")
    row("blob size median / p90 / max", f"{pct(sizes, 0.5):,} / {pct(sizes, 0.9):,} / {sizes[-1] if sizes else 0:,} bytes")
    ds = sorted(depth.values())
    row("deltified objects", f"{len(ds):,} of {sum(types.values()):,}")
    row("delta chain length median / p90 / max", f"{pct(ds, 0.5)} / {pct(ds, 0.9)} / {ds[-1] if ds else 0}")
    bd = sorted(d for oid, d in depth.items() if oid in blobs)
    row("deltified blobs; their chain length median / p90 / max",
        f"{len(bd):,} ({len(bd) / max(1, len(sizes)):.0%}); {pct(bd, 0.5)} / {pct(bd, 0.9)} / {bd[-1] if bd else 0}")
    co = dict(l.split(": ", 1) for l in git(repo, "count-objects", "-v").decode().splitlines())
    row("packs / packed size", f"{co.get('packs', '0')} / {int(co.get('size-pack', 0)) / 1024:,.0f} MiB"
        f" (+{int(co.get('size', 0)) / 1024:,.0f} MiB loose)")

    # HEAD: depth and fan-out
    try:
        paths = git(repo, "ls-tree", "-r", "--name-only", "-z", "HEAD").split(b"\0")
    except subprocess.CalledProcessError:
        paths = []
    paths = [p for p in paths if p]
    if paths:
        dep = collections.Counter(p.count(b"/") for p in paths)
        dlist = sorted(p.count(b"/") for p in paths)
        entries_of = collections.Counter()  # directory -> files and subdirectories in it
        for p in paths:
            entries_of[p.rsplit(b"/", 1)[0] if b"/" in p else b""] += 1
        dirs = set(entries_of)
        for d in list(dirs):
            while d:
                d = d.rsplit(b"/", 1)[0] if b"/" in d else b""
                dirs.add(d)
        for d in dirs:
            if d:
                entries_of[d.rsplit(b"/", 1)[0] if b"/" in d else b""] += 1
        fan = dirs
        entries = sorted(entries_of[d] for d in dirs)
        row("files at HEAD / directories", f"{len(paths):,} / {len(fan):,}")
        row("directories above a file at HEAD: median / p90 / max", f"{pct(dlist, 0.5)} / {pct(dlist, 0.9)} / {dlist[-1]}")
        row("depth histogram (directories: files)", ", ".join(f"{d}: {n:,}" for d, n in sorted(dep.items())))
        row("entries per directory median / p90 / max", f"{pct(entries, 0.5)} / {pct(entries, 0.9)} / {entries[-1]}")
        sample = max(paths, key=lambda p: (p.count(b"/"), p))
        row("deepest path at HEAD", f"`{sample.decode(errors='replace')}`")

    # per commit: files touched, renames, versions per path
    log = git(repo, "log", "--all", "--no-merges", "-M", "--name-status", "--format=%x01")
    touched, renames, per_path = [], 0, collections.Counter()
    n = 0
    for line in log.split(b"\n"):
        if line.startswith(b"\x01"):
            if n or touched:
                touched.append(n)
            n = 0
            continue
        if not line:
            continue
        f = line.split(b"\t")
        n += 1
        if f[0].startswith(b"R"):
            renames += 1
        per_path[f[-1]] += 1
    touched.append(n)
    touched = sorted(touched[1:] if touched and touched[0] == 0 else touched)
    row("files touched per non-merge commit median / p90 / max",
        f"{pct(touched, 0.5)} / {pct(touched, 0.9)} / {touched[-1] if touched else 0}")
    row("commits touching 1-5 files", f"{sum(1 <= t <= 5 for t in touched) / max(1, len(touched)):.0%}")
    row("renames (git log -M)", f"{renames:,}")
    top = per_path.most_common(3)
    versions = sorted(per_path.values())
    row("changes per path median / p99 / max", f"{pct(versions, 0.5)} / {pct(versions, 0.99)} / {versions[-1] if versions else 0}")
    row("paths changed 100+ times", f"{sum(v >= 100 for v in versions):,}")
    if top:
        row("most changed path", f"`{top[0][0].decode(errors='replace')}` ({top[0][1]} commits)")

    print(f"Shape of `{os.path.abspath(repo)}` (measured in {time.monotonic() - t0:.0f} s):\n")
    print("| measure | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
