"""Value-shape probe: the same secret-named assignment with N random values per shape,
to measure how often the generic rule rejects a random credential because of its value.
usage: python3 probe_values.py [N] [BINARY]   (writes probe/ and prints rates)"""
import json, os, shutil, subprocess, sys
from collections import defaultdict
from lib import *
N = int(sys.argv[1]) if len(sys.argv) > 1 else 30
BIN = sys.argv[2] if len(sys.argv) > 2 else "target/release/leakhound"
HERE = os.path.dirname(os.path.abspath(__file__)); OUT = os.path.join(HERE, "probe")
shutil.rmtree(OUT, ignore_errors=True)
SHAPES = {"alnum16": lambda: alnum(16), "punct16": lambda: pw(16), "hex32": lambda: hx(32),
          "b64-32B": lambda: b64(32), "alnum24": lambda: alnum(24), "urlsafe12B": lambda: b64(12, url=True, pad=False)}
CTX = {"py": ("settings.py", 'import os\n\nDB_PASSWORD = "{v}"\n'),
       "yaml": ("config.yml", "database:\n  host: db.internal\n  password: {v}\n"),
       "env": (".env", "APP_ENV=production\nDB_PASSWORD={v}\n")}
man = {}
for sh, gen in SHAPES.items():
    for cx, (fn, tpl) in CTX.items():
        for i in range(N):
            v = gen(); d = f"{sh}.{cx}.{i:02d}"
            os.makedirs(os.path.join(OUT, d)); open(os.path.join(OUT, d, fn), "w").write(tpl.format(v=v)); man[d] = v
rep = json.loads(subprocess.run(["nice", "-n", "10", BIN, "scan", "--no-ignore", "--no-config", "--format", "json", "--exit-code", "0",
                                 "--show-secrets", "-j", "1", OUT], capture_output=True, text=True).stdout)
found = set()
for f in rep["findings"]:
    for l in f["locations"]:
        d = l["path"].split("probe/")[-1].split("/")[0]
        if man.get(d) and (man[d] in f["secret"] or f["secret"] in man[d]): found.add(d)
rate = defaultdict(lambda: [0, 0]); missed = defaultdict(list)
for d, v in man.items():
    k = tuple(d.split(".")[:2]); rate[k][1] += 1
    if d in found: rate[k][0] += 1
    else: missed[k].append(v)
for k in sorted(rate): print(f"{k[0]:10s} {k[1]:5s} found {rate[k][0]}/{rate[k][1]}  e.g. missed: {missed[k][:3]}")
json.dump({"/".join(k): v for k, v in missed.items()}, open(os.path.join(HERE, "probe_missed.json"), "w"), indent=1)
