"""Regenerate the recall set N times with fresh random values (same templates) and
report per-case hit rate, to separate value-dependent misses from structural ones.
usage: python3 stability.py N [BINARY]"""
import json, os, subprocess, sys, shutil
from collections import defaultdict
import score
score.BIN = sys.argv[2] if len(sys.argv) > 2 else "target/release/leakhound"
N = int(sys.argv[1]) if len(sys.argv) > 1 else 4
HERE = os.path.dirname(os.path.abspath(__file__))
hits = defaultdict(int); fam = {}
for i in range(N):
    d = f"/tmp/r17stab/run{i}"
    shutil.rmtree(d, ignore_errors=True)
    env = dict(os.environ, R17_OUT=d + "/recall", R17_MAN=d + "/manifest_recall.json")
    subprocess.run(["nice", "-n", "10", "python3", "gen_recall.py"], cwd=HERE, env=env, check=True, capture_output=True)
    man = json.load(open(d + "/manifest_recall.json"))
    rep = json.loads(subprocess.run(["nice", "-n", "10", score.BIN, "scan", "--no-ignore", "--no-config", "--format", "json", "--exit-code", "0",
                                     "--show-secrets", "-j", "1", "recall"], cwd=d, capture_output=True, text=True).stdout)
    by = defaultdict(list)
    for f in rep["findings"]:
        for loc in f["locations"]:
            cid, rel = score.case_of(loc["path"]); by[cid].append((rel, loc, f))
    for m in man:
        fam[m["id"]] = (m["family"], m["file"])
        ok = any(rel == m["file"].split("/", 1)[1] and loc["line"] <= m["line"] <= loc.get("end_line", loc["line"])
                 and any(score.overlap(f.get("secret", ""), v) for v in m["accept"]) for rel, loc, f in by[m["id"]])
        hits[m["id"]] += ok
tot = defaultdict(lambda: [0, 0])
for cid, (fa, fi) in sorted(fam.items()):
    tot[fa][0] += N; tot[fa][1] += hits[cid]
    if hits[cid] < N:
        print(f"{cid} {fa:26s} {fi:60s} found {hits[cid]}/{N}")
print()
for fa in sorted(tot):
    print(f"{fa:28s} {tot[fa][1]}/{tot[fa][0]} {100*tot[fa][1]/tot[fa][0]:.1f}%")
a = sum(v[1] for v in tot.values()); b = sum(v[0] for v in tot.values())
print(f"TOTAL {a}/{b} {100*a/b:.1f}%")
