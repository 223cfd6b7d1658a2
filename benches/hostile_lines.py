#!/usr/bin/env python3
"""Writes the hostile single-line inputs of benches/hostile_lines.sh into DIR.

- pct.txt: about 1 MB of percent-encoded database URLs on one line, each with its own
  password (one percent-encoded run holding 14,000 secrets);
- b64.txt: about 280 KB of base64-encoded PEM blocks on one line (2,000 runs, each a
  trigger of the base64 form of `-----BEGIN`);
- aws.txt: 100,000 AWS access key ids on one line (2.1 MB);
- pem.txt: 10,000 PEM keys written as string literals joined with `+` on one line
  (2.0 MB), then 100,000 BEGIN markers on one line with no block after them (3.4 MB):
  every marker starts a block to reassemble;
- long.txt: one base64 run of 6 MB (longer than the 4 MiB decoding limit) on one line:
  every trigger hit inside it must not walk the run again;
- join.txt: split values assembled in code, each on one line: 8 KB of assignments
  then 200,000 adjacent interpolations `${a}` (1 MB), 100,000 literal lists joined with
  nothing (`["ghp_…", "…"].join("")`, 4 MB), and a 1 MB name before `.join("")`.
"""
import base64
import random
import sys
from pathlib import Path

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
rnd = random.Random(11)
ALNUM = "abcdefghijkmnpqrstuvwyzABCDEFGHJKLMNPQRSTUVWYZ23456789"
B64 = "ABCDEFGHIJKLMNOPQRSTUVWYZabcdefghijkmnopqrstuvwyz0123456789+/"


def take(n, alphabet):
    return "".join(rnd.choice(alphabet) for _ in range(n))


urls = "&".join(
    f"u{i}=postgres%3A%2F%2Fapp%3A{take(16, ALNUM)}%40db{i}.internal%2Forders"
    for i in range(14_000)
)
(out / "pct.txt").write_text(f"q={urls}\n")
pems = " ".join(
    base64.b64encode(
        f"-----BEGIN RSA PRIVATE KEY-----\n{take(64, B64)}\n-----END RSA PRIVATE KEY-----\n".encode()
    ).decode()
    for _ in range(2_000)
)
(out / "b64.txt").write_text(f"keys: {pems}\n")
keys = ",".join("AKIA" + take(16, "ABCDEFGHIJKLMNOPQRSTUVWYZ234567") for _ in range(100_000))
(out / "aws.txt").write_text(f"ids={keys}\n")
split = " + ".join(
    f'"-----BEGIN RSA PRIVATE KEY-----\\n" + "{take(64, B64)}\\n" + "{take(64, B64)}\\n" + '
    f'"-----END RSA PRIVATE KEY-----\\n"'
    for _ in range(10_000)
)
bare = " ".join(f"-----BEGIN RSA PRIVATE KEY-----{take(2, B64)}" for _ in range(100_000))
(out / "pem.txt").write_text(f"k = {split};\nm = {bare}\n")
(out / "long.txt").write_text(take(6_000_000, B64) + "\n")
assigned = "; ".join(f'v{i}="{take(12, ALNUM)}"' for i in range(500))
refs = "${v1}" * 200_000
lists = " ".join(f'["ghp_{take(14, ALNUM)}", "{take(22, ALNUM)}"].join("");' for _ in range(100_000))
(out / "join.txt").write_text(
    f"{assigned}\nT=\"{refs}\"\n{lists}\n{'a' * 1_000_000}.join(\"\")\n"
)
