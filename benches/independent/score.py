#!/usr/bin/env python3
"""Score leakhound on the adversary recall cases: python3 score.py BIN CASEDIR MANIFEST [extra scan args]"""
import json, subprocess, sys, collections, base64, os
binp, root, manp = sys.argv[1:4]; extra = sys.argv[4:]
man = json.load(open(manp))
out = subprocess.run([binp, 'scan', '--format', 'json', '--show-secrets', '--no-ignore', '-q', *extra, root], capture_output=True)
rep = json.loads(out.stdout)
byfile = collections.defaultdict(list)
for f in rep['findings']:
    # Inside the repository the .env cases are committed files: the rule that reports such a
    # file as a whole names the file, not the secret, and is not counted.
    if f['rule_id'] == 'dotenv-file-committed': continue
    for loc in f['locations']:
        byfile[os.path.normpath(loc['path'])].append((f['rule_id'], f.get('secret') or '', f['confidence'], loc['line']))
stats = collections.defaultdict(lambda: [0, 0]); misses = []; partial = []
man = [c for c in man if not c.get('exclude')]
for c in man:
    fp = os.path.normpath(os.path.join(root, c['file']))
    fs = byfile.get(fp, [])
    s = c['secret']
    hit = [x for x in fs if x[1] and (s in x[1] or x[1] in s and len(x[1]) >= 8)]
    stats[c['family']][1] += 1
    if hit: stats[c['family']][0] += 1
    elif fs: partial.append((c, fs)); 
    else: misses.append(c)
tot = [0, 0]
for k, (h, n) in sorted(stats.items()):
    print(f'{k:22s} {h:3d}/{n:3d}  {100*h/n:5.1f}%'); tot[0] += h; tot[1] += n
print(f'{"TOTAL":22s} {tot[0]:3d}/{tot[1]:3d}  {100*tot[0]/tot[1]:5.1f}%')
print('\n## MISSES (no finding in file)')
for c in misses: print(f"- [{c['family']}] {c['file']} :: {c['note']}")
print('\n## FOUND SOMETHING ELSE (finding in file, but not the planted value)')
for c, fs in partial: print(f"- [{c['family']}] {c['file']} :: {c['note']} -> {[(a, b[:12]+'…', cc, l) for a,b,cc,l in fs]}")
