#!/usr/bin/env python3
"""Precision of leakhound on real code: scans the corpus fetch.py built, matches each
reported secret (its primary location: rule, path, line) with the verdicts kept in
verdicts.tsv, and prints the precision overall, per rule family and for the generic
rules, per confidence level (and what each --min-confidence would report) and per
location context, which judged findings disappeared, and which findings still need a verdict.

    benches/realcode/judge.py [--bin BIN] [--corpus DIR] [--context FILE] [--gone]

--context FILE writes every unjudged finding with the lines around it to FILE (keep it
outside the repository: it shows the secrets) for a reviewer, who adds one line per
finding to verdicts.tsv:  rule_id <TAB> path <TAB> line <TAB> verdict <TAB> reason
with verdict one of credential-real, credential-test, not-a-secret. A verdict never
holds the secret itself.
"""
import argparse
import collections
import json
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VERDICTS = ("credential-real", "credential-test", "not-a-secret")


def family(rule_id: str) -> str:
    """The rule family a precision target applies to."""
    if rule_id.startswith("generic-"):
        return "generic"
    if rule_id.startswith("private-key"):
        return "private-key"
    return rule_id.split("-")[0]


def held_out_prefixes():
    """Corpus directories of the packages listed after the `# == held-out ==` line."""
    out, held = [], False
    for line in (HERE / "packages.txt").read_text().splitlines():
        if line.startswith("# == held-out =="):
            held = True
        line = line.split("#", 1)[0].strip()
        if held and line:
            registry, name, version = line.split()
            out.append(f"{registry}/{name.replace('/', '__')}-{version}/")
    return tuple(out)


def load_verdicts():
    out = {}
    path = HERE / "verdicts.tsv"
    if not path.exists():
        return out
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 5 or parts[3] not in VERDICTS:
            sys.exit(f"{path}:{n}: want rule_id, path, line, verdict, reason (tab-separated)")
        out[(parts[0], parts[1], int(parts[2]))] = (parts[3], parts[4])
    return out


def every_level(binary: str):
    """`--min-confidence low` where the binary has the flag (older ones report all)."""
    help_text = subprocess.run([binary, "scan", "--help"], capture_output=True).stdout
    return ["--min-confidence", "low"] if b"--min-confidence" in help_text else []


def meets_targets(rows) -> bool:
    """Issue 13's targets: 95% overall, every other family 90%, the generic rules 85%."""
    def precision(c):
        total = sum(c.values())
        return 100 * (c["credential-real"] + c["credential-test"]) / total if total else 100
    families = [k for k in rows if k not in ("all", "generic") and not k.startswith("set:")]
    return (precision(rows["all"]) >= TARGET
            and all(precision(rows[k]) >= FAMILY_TARGET for k in families)
            and precision(rows.get("generic", collections.Counter())) >= GENERIC_TARGET)


def scan(binary: str, corpus: pathlib.Path):
    r = subprocess.run(
        # Every level, so the tables can say what each --min-confidence reports; the
        # headline tables keep what the binary reports by default (DEFAULT_LEVEL up).
        [binary, "scan", "-q", "--format", "json", "--exit-code", "0", *every_level(binary), "."],
        cwd=corpus, capture_output=True, env={"SOURCE_DATE_EPOCH": "1704067200", "PATH": "/usr/bin:/bin"},
    )
    if r.returncode != 0:
        sys.exit(f"leakhound failed ({r.returncode}): {r.stderr.decode(errors='replace')}")
    report = json.loads(r.stdout)
    # Each secret once, by its primary location, with every location it was seen at: a
    # verdict on any of them judges the secret (adding packages can move the primary
    # location of a secret they share with others).
    found = [
        ((f["rule_id"], f["path"], f["line"]),
         [(f["rule_id"], loc["path"], loc["line"]) for loc in f.get("locations", [])])
        for f in report["findings"]
    ]
    # Per-finding confidence and location context, by primary location (older
    # binaries: the rule's confidence, no context).
    about = {p: (f.get("confidence", "?"), f.get("context", "?")) for (p, _), f in zip(found, report["findings"])}
    return report, found, about


def context(corpus: pathlib.Path, path: str, line: int, around: int = 3) -> str:
    try:
        lines = (corpus / path).read_text(errors="replace").splitlines()
    except OSError as e:
        return f"    (cannot read: {e})"
    lo, hi = max(0, line - 1 - around), min(len(lines), line + around)
    return "\n".join(f"{'>' if i + 1 == line else ' '} {i + 1:6} {lines[i][:300]}" for i in range(lo, hi))


LEVELS = ("low", "medium", "high", "certain")
CONTEXTS = ("production", "generated", "test", "docs", "vendored")
TARGET = 95
FAMILY_TARGET = 90
GENERIC_TARGET = 85
# What `leakhound scan` reports without --min-confidence (src/app/output.rs).
DEFAULT_LEVEL = "medium"


def by_table(judged, verdicts, about, line):
    """Precision per confidence level and per location context, and what each
    --min-confidence would report: the default is the lowest level that meets the
    overall target."""
    levels = collections.defaultdict(collections.Counter)
    contexts = collections.defaultdict(collections.Counter)
    for f in judged:
        confidence, ctx = about[f]
        levels[confidence][verdicts[f][0]] += 1
        contexts[ctx][verdicts[f][0]] += 1
    print("\n| confidence | judged | credential (real) | credential (test) | not a secret | precision |")
    print("|---|---|---|---|---|---|")
    for name in [l for l in LEVELS if l in levels] + sorted(set(levels) - set(LEVELS)):
        print(line(name, levels[name]))
    print("\n| --min-confidence | judged | credential (real) | credential (test) | not a secret | precision |")
    print("|---|---|---|---|---|---|")
    lowest = None
    for i, name in enumerate(LEVELS):
        kept = [f for f in judged if about[f][0] in LEVELS[i:]]
        c = collections.Counter(verdicts[f][0] for f in kept)
        if sum(c.values()):
            print(line(name, c))
            rows = collections.defaultdict(collections.Counter)
            for f in kept:
                rows["all"][verdicts[f][0]] += 1
                rows[family(f[0])][verdicts[f][0]] += 1
            if lowest is None and meets_targets(rows):
                lowest = name
    print(f"\nlowest --min-confidence meeting the targets ({TARGET}% overall, every other"
          f" family {FAMILY_TARGET}%, generic {GENERIC_TARGET}%): {lowest or 'none'}"
          f" (the binary's default: {DEFAULT_LEVEL})")
    print("\n| context | judged | credential (real) | credential (test) | not a secret | precision |")
    print("|---|---|---|---|---|---|")
    for name in [c for c in CONTEXTS if c in contexts] + sorted(set(contexts) - set(CONTEXTS)):
        print(line(name, contexts[name]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "target/release/leakhound"))
    ap.add_argument("--corpus", default=str(HERE / "corpus"))
    ap.add_argument("--context")
    ap.add_argument("--gone", action="store_true", help="list every verdict whose finding is no longer reported")
    args = ap.parse_args()
    corpus = pathlib.Path(args.corpus).resolve()
    verdicts = load_verdicts()
    report, found, about = scan(str(pathlib.Path(args.bin).resolve()), corpus)
    s = report["summary"]
    print(f"corpus: {corpus} ({s['files_scanned']} files scanned, {s['bytes_scanned'] / 2**20:.0f} MiB);"
          f" {len(found)} secrets at {s['locations']} locations")

    def verdict_key(primary, locations):
        return next((k for k in [primary, *locations] if k in verdicts), None)

    judged = [verdict_key(*f) for f in found if verdict_key(*f)]
    unjudged = [f[0] for f in found if not verdict_key(*f)]
    seen = {k for primary, locations in found for k in [primary, *locations]}
    gone = sorted(set(verdicts) - seen)
    rows = collections.defaultdict(collections.Counter)
    held = held_out_prefixes()
    judged_about = {verdict_key(*f): about[f[0]] for f in found if verdict_key(*f)}
    shown = LEVELS[LEVELS.index(DEFAULT_LEVEL):]
    for f in judged:
        if judged_about[f][0] not in shown and judged_about[f][0] != "?":
            continue
        v = verdicts[f][0]
        part = "held-out" if f[1].startswith(held) else "tuned"
        for key in ("all", family(f[0]), f"set:{part}"):
            rows[key][v] += 1

    def line(name, c):
        total = sum(c.values())
        good = c["credential-real"] + c["credential-test"]
        return f"| {name} | {total} | {c['credential-real']} | {c['credential-test']} | {c['not-a-secret']} | {100 * good / total:.0f}% |"

    print(f"\nWhat is reported by default (--min-confidence {DEFAULT_LEVEL}):")
    print("\n| family | judged | credential (real) | credential (test) | not a secret | precision |")
    print("|---|---|---|---|---|---|")
    for name in sorted(k for k in rows if k != "all" and not k.startswith("set:")):
        print(line(name, rows[name]))
    if rows["all"]:
        print(line("**all**", rows["all"]))
    print("\n| packages | judged | credential (real) | credential (test) | not a secret | precision |")
    print("|---|---|---|---|---|---|")
    for part, what in (("tuned", "tuned on (rules changed for them)"), ("held-out", "held out (never tuned on)")):
        if rows[f"set:{part}"]:
            print(line(what, rows[f"set:{part}"]))
    # Everything reported, judged or not, by confidence and context: what each filter
    # would leave out.
    print("\n| reported secrets | " + " | ".join(CONTEXTS) + " | all |")
    print("|---" * (len(CONTEXTS) + 2) + "|")
    cells = collections.Counter((f.get("confidence", "?"), f.get("context", "?")) for f in report["findings"])
    for level in [l for l in LEVELS if any(k[0] == l for k in cells)]:
        row = [cells[(level, c)] for c in CONTEXTS]
        print(f"| {level} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    print(f"\ntargets met by default: {'yes' if meets_targets(rows) else 'no'}")
    # Confidence and context of each judged secret (of its primary location).
    by_table(judged, verdicts, judged_about, line)
    # What changed since the last run (kept beside the corpus, outside the repository):
    # judged findings that appeared or disappeared, with their verdicts.
    now = sorted({k for primary, locations in found for k in [primary, *locations] if k in verdicts})
    state = corpus / ".judge-last-run.json"
    before = None
    if state.exists():
        before = {tuple(k) for k in json.loads(state.read_text())}
    state.write_text(json.dumps(now))
    if before is None:
        print(f"\nfirst run on this corpus: {len(now)} judged locations reported"
              f" (the next run lists what appeared and disappeared)")
    else:
        appeared = sorted(set(now) - before)
        disappeared = sorted(before - set(now))
        print(f"\nsince the last run: {len(appeared)} judged locations appeared,"
              f" {len(disappeared)} disappeared")
        for sign, keys in (("+", appeared), ("-", disappeared)):
            for k in keys:
                print(f"  {sign} {k[0]} {k[1]}:{k[2]} ({verdicts[k][0]}: {verdicts[k][1]})")
    if gone:
        print(f"\n{len(gone)} verdicts are on findings no longer reported"
              f" (--gone lists them)")
        if args.gone:
            for g in gone:
                print(f"  {g[0]} {g[1]}:{g[2]} (was {verdicts[g][0]}: {verdicts[g][1]})")
    if unjudged:
        print(f"\n{len(unjudged)} findings need a verdict (--context FILE lists them):")
        for u in unjudged[:20]:
            print(f"  {u[0]} {u[1]}:{u[2]}")
    if args.context:
        with open(args.context, "w") as out:
            for u in unjudged:
                out.write(f"## {u[0]}\t{u[1]}\t{u[2]}\n{context(corpus, u[1], u[2])}\n\n")
        print(f"context of {len(unjudged)} unjudged findings: {args.context}")


if __name__ == "__main__":
    main()
