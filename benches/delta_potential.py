#!/usr/bin/env python3
"""How much of a history a "delta scan" would still have to read (issue 14).

A delta scan would scan only the part of each blob that differs from a version
already scanned (plus a margin on each side, for matches and contexts that reach
across the change) and carry the rest of that version's findings over. This
script measures the bytes such a scan would read, without building it.

Blobs are read in pack order (`git cat-file --batch-all-objects --unordered`), the
order leakhound's workers read them in. Each blob is compared with each of the last
K blobs read (its reference candidates: in pack order a delta family is written
together, so the previous versions of a file are usually among them); the one
with the longest common prefix plus suffix is its reference. What would be
scanned is the changed region widened by MARGIN bytes on each side; a blob whose
window is 80% of it or more, or with no reference, is scanned whole.

    python3 benches/delta_potential.py REPO [--recent K ...] [--margins M,M,...]

Prints, per K and margin, the fraction of all blob bytes that would be scanned.
Needs only git and Python 3.
"""

import argparse
import subprocess
import sys
import threading


def common_prefix(a: bytes, b: bytes) -> int:
    """Length of the longest common prefix (binary search over slice equality,
    which compares with memcmp)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def common_suffix(a: bytes, b: bytes, limit: int) -> int:
    """Length of the longest common suffix, at most `limit`."""
    lo, hi = 0, min(len(a), len(b), limit)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def blobs_in_pack_order(repo: str) -> list:
    out = subprocess.run(
        [
            "git", "-C", repo, "cat-file", "--batch-all-objects",
            "--batch-check=%(objectname) %(objecttype)", "--unordered",
        ],
        capture_output=True, text=True, check=True,
    ).stdout
    return [line.split()[0] for line in out.splitlines() if line.endswith(" blob")]


def read_blobs(repo: str, ids: list):
    """Yields each blob's bytes, in the order of `ids`."""
    proc = subprocess.Popen(
        ["git", "-C", repo, "cat-file", "--batch"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
    )

    def feed():
        for oid in ids:
            proc.stdin.write(oid.encode() + b"\n")
        proc.stdin.close()

    threading.Thread(target=feed, daemon=True).start()
    for _ in ids:
        header = proc.stdout.readline().split()
        size = int(header[2])
        data = proc.stdout.read(size)
        proc.stdout.read(1)
        yield data
    proc.wait()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("repo")
    ap.add_argument("--recent", type=int, nargs="+", default=[4, 16])
    ap.add_argument("--margins", default="0,1024,2048,4096,8192")
    args = ap.parse_args()
    margins = [int(m) for m in args.margins.split(",")]
    ids = blobs_in_pack_order(args.repo)
    keep = max(args.recent)
    total = 0
    scanned = {(k, m): 0 for k in args.recent for m in margins}
    recent: list = []
    for data in read_blobs(args.repo, ids):
        size = len(data)
        total += size
        for k in args.recent:
            best = None
            for ref in recent[-k:]:
                p = common_prefix(ref, data)
                s = common_suffix(ref, data, min(len(ref), size) - p)
                if best is None or p + s > best[0] + best[1]:
                    best = (p, s)
            for m in margins:
                if best is None:
                    scanned[(k, m)] += size
                    continue
                window = min(size, size - best[1] + m) - max(0, best[0] - m)
                scanned[(k, m)] += window if window < 0.8 * size else size
        recent.append(data)
        del recent[:-keep]
    print(f"{len(ids)} blobs, {total} bytes, in pack order")
    print("references  margin  scanned")
    for k in args.recent:
        for m in margins:
            print(f"{k:>10}  {m:>6}  {scanned[(k, m)] / max(total, 1):.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
