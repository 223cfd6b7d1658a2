"""Score leakhound on the held-out recall and precision sets.

usage: python3 score.py [BINARY]    (default target/release/leakhound)
Runs two scans (recall/, precision/) at --min-confidence low with --show-secrets,
then reports at default (medium) and low confidence.
A recall case is found when some finding location in the case's file spans the
secret's line and the finding's secret overlaps one of the accepted values
(longest common substring >= min(12, len(value))).
"""
import json, os, re, subprocess, sys
from collections import defaultdict
from difflib import SequenceMatcher

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = sys.argv[1] if len(sys.argv) > 1 else "target/release/leakhound"
RANK = {"low": 0, "medium": 1, "high": 2, "certain": 3}


def scan(d):
    out = subprocess.run(["nice", "-n", "10", BIN, "scan", "--no-ignore", "--no-config", "--format", "json", "--exit-code", "0",
                          "--show-secrets", "--min-confidence", "low", "-j", "1", d],
                         capture_output=True, text=True, cwd=HERE)
    if out.returncode != 0:
        sys.exit("scan failed: " + out.stderr)
    return json.loads(out.stdout)


def case_of(path):
    m = re.search(r"(c\d{3}|n\d{3})/(.*)$", path.replace("\\", "/"))
    return (m.group(1), m.group(2)) if m else (None, None)


def overlap(a, b):
    if not a or not b:
        return False
    if a in b or b in a:
        return min(len(a), len(b)) >= 6
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size >= min(12, len(b), len(a))


def recall():
    man = json.load(open(os.path.join(HERE, "manifest_recall.json")))
    rep = scan("recall")
    by_case = defaultdict(list)
    for f in rep["findings"]:
        for loc in f["locations"]:
            cid, rel = case_of(loc["path"])
            by_case[cid].append((rel, loc, f))
    rows = []
    for m in man:
        hit = None
        near = []
        for rel, loc, f in by_case.get(m["id"], []):
            near.append(f"{f['rule_id']}@{loc['line']}/{f['confidence']}")
            if rel != m["file"].split("/", 1)[1]:
                continue
            if not (loc["line"] <= m["line"] <= loc.get("end_line", loc["line"])):
                continue
            if any(overlap(f.get("secret", ""), v) for v in m["accept"]):
                if hit is None or RANK[f["confidence"]] > RANK[hit["confidence"]]:
                    hit = f
        rows.append(dict(id=m["id"], family=m["family"], file=m["file"], line=m["line"],
                         found_conf=hit["confidence"] if hit else None, rule=hit["rule_id"] if hit else None,
                         other=sorted(set(near))))
    return rows


def precision():
    man = json.load(open(os.path.join(HERE, "manifest_precision.json")))
    rep = scan("precision")
    per = defaultdict(list)
    for f in rep["findings"]:
        for loc in f["locations"]:
            cid, rel = case_of(loc["path"])
            per[cid].append(dict(rule=f["rule_id"], conf=f["confidence"], line=loc["line"], path=rel,
                                 redacted=f["secret_redacted"]))
    return man, per


def main():
    rows = recall()
    fams = defaultdict(lambda: [0, 0, 0])
    for r in rows:
        fa = fams[r["family"]]
        fa[0] += 1
        if r["found_conf"] and RANK[r["found_conf"]] >= 1:
            fa[1] += 1
        if r["found_conf"]:
            fa[2] += 1
    print("RECALL (found at default medium / found at low / total)")
    tot = [0, 0, 0]
    for k in sorted(fams):
        t, d, l = fams[k]
        tot = [tot[0] + t, tot[1] + d, tot[2] + l]
        print(f"  {k:28s} {d:3d}/{t:<3d} {100*d/t:5.1f}%   low: {l:3d}/{t}")
    print(f"  {'TOTAL':28s} {tot[1]:3d}/{tot[0]:<3d} {100*tot[1]/tot[0]:5.1f}%   low: {tot[2]}/{tot[0]}")
    ctx = [r for r in rows if not r["family"].startswith("P-")]
    cd = sum(1 for r in ctx if r["found_conf"] and RANK[r["found_conf"]] >= 1)
    print(f"  context families only (A-H): {cd}/{len(ctx)} {100*cd/len(ctx):.1f}%")
    print("\nMISSES at default confidence:")
    for r in rows:
        if not (r["found_conf"] and RANK[r["found_conf"]] >= 1):
            print(f"  {r['id']} {r['family']:26s} {r['file']}:{r['line']}  low={r['found_conf']} other={r['other']}")
    json.dump(rows, open(os.path.join(HERE, "results_recall.json"), "w"), indent=1)

    man, per = precision()
    n = len(man)
    fp_files = [m for m in man if any(RANK[x["conf"]] >= 1 for x in per.get(m["id"], []))]
    fp_low = [m for m in man if per.get(m["id"])]
    nfind = sum(1 for m in man for x in per.get(m["id"], []) if RANK[x["conf"]] >= 1)
    print(f"\nPRECISION SET: {n} files of tempting non-secrets")
    print(f"  files with >=1 finding at default: {len(fp_files)}  (findings: {nfind})")
    print(f"  files with >=1 finding at low:     {len(fp_low)}")
    for m in man:
        for x in per.get(m["id"], []):
            print(f"  {'FP ' if RANK[x['conf']]>=1 else 'low'} {m['id']} {m['kind']:24s} {x['path']}:{x['line']} {x['rule']} {x['conf']} {x['redacted']}")
    tp = tot[1]
    print(f"\nCombined precision at default (recall TPs vs precision-set FPs): {tp}/{tp+nfind} = {100*tp/(tp+nfind):.1f}%")
    json.dump({m["id"]: per.get(m["id"], []) for m in man}, open(os.path.join(HERE, "results_precision.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
