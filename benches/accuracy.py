#!/usr/bin/env python3
"""Accuracy benchmark for leakhound: a labelled corpus and a scorer.

    python3 benches/accuracy.py generate OUT_DIR [--seed 1] [--bin PATH] [--force]
    python3 benches/accuracy.py score OUT_DIR [--bin PATH]
    python3 benches/accuracy.py run OUT_DIR [--seed 1] [--bin PATH]   # generate if missing, then score

``generate`` writes ``OUT_DIR/corpus/`` and ``OUT_DIR/labels.json``:

* ``corpus/leaks/``: true secrets of every rule (in ``rules/*.toml`` and in the
  scanner; a rule not built into the binary yet is left out), made from the rules' own
  ``examples``.  The scanner locates the secret in each example (stdin,
  ``--show-secrets``; if it misses its own rule's example, the rule's regex does, and
  the example is used unmutated).  The secret is then mutated into a new one: letters
  and digits replaced by random ones of the same class (hex stays hex), the first 4
  characters and the rule's keywords kept (and, if that keeps failing, the literal
  text of its regex too: URL paths, fixed markers), CRC checksums recomputed; JWTs,
  PyPI macaroons and private keys are reused as they are.  Each mutated example is
  checked, again through stdin, to be still reported by its rule, else the original
  example is used.  *Line mode* puts the example into a file of a suitable type amid
  ordinary code (also as a Markdown code block, and in CRLF or UTF-16 files); *token
  mode* (rules whose bare secret is reported on its own) assigns the secret to a
  variable in Python, JS/TS, Go, Java, Ruby, C#, PHP, YAML, JSON, TOML, .env, INI,
  shell, Dockerfile, Terraform, XML, Markdown, Jupyter notebooks, logs, minified JS,
  CRLF and UTF-16 files.  Every provider-rule finding in an example is labelled (some
  examples hold two secrets); the generic rule's are not.
* ``corpus/generic/``: strong random passwords and keys, in no provider's format,
  assigned to names that mean a secret, in every common syntax (family ``Generic``).
* ``corpus/decoys/``: hard negatives, each a labelled line that must not be reported:
  lock-file hashes, SRI attributes, git SHAs, UUIDs, hashed file names, base64 images
  and fonts, minified code, placeholders, environment lookups, public keys and
  certificates, settings named like secrets, documented example keys, low-entropy
  values, and every rule's ``negative_examples`` (except those another provider rule
  reports on their own: an encrypted key is a negative of the plain-RSA rule but a
  positive of the encrypted-key rule).
* ``corpus/ordinary/``: ~20 MiB of ordinary code from ``make_corpus.py`` (no secrets):
  every finding there is a false positive.

Positives are labelled ``{path, line, family, rule_id, sha256, ...}`` (family = the
rule's ``provider``, or ``Generic``; line 1-based, counted in the decoded text), hard
negatives ``{path, line, kind}``.

``score`` runs the scanner once over ``OUT_DIR/corpus`` and matches every finding
location to the labels by (path, line): on a positive of the same family it is a true
positive (each label counts once), on a positive's line but from another family it is
a false positive unless the right family also hit that line, anywhere else a false
positive; a positive nobody hit is a false negative.  It prints a markdown table of
precision, recall and F1, overall and per family, and lists the first false positives
and false negatives on stderr (secrets redacted to their first 4 characters and
length).  It always exits 0 once it has scored: it is a report, not a test.

The same seed, rules and scanner give a byte-identical corpus.  Generation makes a few
thousand short scanner runs (about 30 per rule), so it takes tens of seconds.  Standard
library only (Python 3.11+).
"""

from __future__ import annotations

import argparse
import base64
import concurrent.futures
import glob
import hashlib
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import time
import tomllib
import warnings
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import make_corpus as mc  # noqa: E402  (the generator of ordinary code, reused for filler)
import accuracy_ctx_a  # noqa: E402  (the context families of issue 15, part A)
import accuracy_ctx_b  # noqa: E402  (context families, part B)

DEFAULT_BIN = os.path.join(ROOT, "target", "release", "leakhound")
GENERIC = "Generic"        # family of generic password/secret assignments
THRESHOLD = 0.98           # precision/recall below this gets a warning line
LIST_LIMIT = 30            # false positives/negatives listed on stderr

# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------


def sha256(s: str) -> str:
    return hashlib.sha256(s.encode()).hexdigest()


def redact(s: str, length: int | None = None) -> str:
    """First 4 characters and the length: never more of a secret."""
    head = s[:4].encode("unicode_escape").decode()
    return f"{head}… ({len(s) if length is None else length} chars)"


def entropy(s: str) -> float:
    """Shannon entropy in bits per byte."""
    data = s.encode()
    if not data:
        return 0.0
    n = len(data)
    return -sum(c / n * math.log2(c / n) for c in Counter(data).values())


def camel(words: list[str]) -> str:
    return words[0].lower() + "".join(w.capitalize() for w in words[1:])


def pascal(words: list[str]) -> str:
    return "".join(w.capitalize() for w in words)


def snake(words: list[str]) -> str:
    return "_".join(w.lower() for w in words)


def const(words: list[str]) -> str:
    return "_".join(w.upper() for w in words)


def kebab(words: list[str]) -> str:
    return "-".join(w.lower() for w in words)


# --------------------------------------------------------------------------------------
# The scanner
# --------------------------------------------------------------------------------------


class Scanner:
    """Runs the leakhound binary."""

    def __init__(self, binary: str):
        self.binary = os.path.abspath(binary)
        if not os.access(self.binary, os.X_OK):
            sys.exit(f"accuracy: no scanner at {self.binary} (run `cargo build --release`, or pass --bin)")
        # Every rule is scored, also those below the default --min-confidence (password
        # hashes): the benchmark measures what the rules find. Binaries from before the
        # flag existed report everything anyway.
        help_text = subprocess.run([self.binary, "scan", "--help"], capture_output=True).stdout
        self.every_level = ["--min-confidence", "low"] if b"--min-confidence" in help_text else []
        self.calls = 0

    def rules(self) -> list[dict]:
        out = subprocess.run([self.binary, "rules", "list", "--format", "json"],
                             capture_output=True, check=True)
        return json.loads(out.stdout)

    def scan_text(self, text: str) -> list[dict]:
        """Findings for `text` scanned on its own, through standard input."""
        out = subprocess.run(
            [self.binary, "scan", "-q", "--format", "json", "--exit-code", "0", "--show-secrets",
             *self.every_level, "-"],
            input=text.encode(), capture_output=True)
        if out.returncode != 0:
            raise RuntimeError(f"scanner failed ({out.returncode}): {out.stderr.decode(errors='replace')}")
        return json.loads(out.stdout)["findings"]

    def scan_texts(self, texts: list[str]) -> list[list[dict]]:
        """scan_text over many texts, a few processes at a time; results in order."""
        self.calls += len(texts)
        workers = max(2, 2 * (os.cpu_count() or 1))
        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            return list(pool.map(self.scan_text, texts))

    def scan_tree(self, path: str) -> dict:
        """One scan of a directory, paths reported relative to it."""
        out = subprocess.run(
            [self.binary, "scan", "-q", "--format", "json", "--exit-code", "0", "--show-secrets",
             *self.every_level, "--no-ignore", "--max-file-size", "64M", "."],
            cwd=path, capture_output=True)
        if out.returncode != 0:
            raise RuntimeError(f"scanner failed ({out.returncode}): {out.stderr.decode(errors='replace')}")
        return json.loads(out.stdout)


# --------------------------------------------------------------------------------------
# Rules and secret mutation
# --------------------------------------------------------------------------------------


@dataclass
class Rule:
    id: str
    provider: str
    keywords: list[str]
    validate: str | None
    entropy: float | None
    examples: list[str]
    negatives: list[str]
    pyre: re.Pattern | None = None   # the regex in Python, used only to pre-filter mutations
    literals: list[str] = field(default_factory=list)   # literal text the regex requires

    @property
    def reuse(self) -> bool:
        """Secrets that are structured inside (signed tokens, macaroons, key blocks) are
        used as they are: a random mutation would no longer decode."""
        v = self.validate or ""
        return v in ("jwt", "pypi-macaroon") or v.startswith("private-key")


def python_regex(rust: str) -> str:
    """Rust regex syntax that Python's `re` lacks: `(?-u:…)` / `(?s-u:…)` (Unicode off;
    Python gets re.ASCII instead)."""
    def flags(m):
        on, off = m.group(1), m.group(2).replace("u", "")
        return f"(?{on}{'-' + off if off else ''}:" if on or off else "(?:"
    return re.sub(r"\(\?([a-z]*)-([a-z]*):", flags, rust)


def regex_literals(rx: str) -> list[str]:
    """Literal runs a regex spells out (`/services/T`, `T3BlbkFJ`, `-----END PGP ...`),
    roughly: character classes, escapes such as \\b, groups and quantified atoms break
    a run.  Over-inclusion (an optional or alternative literal) is harmless here."""
    out, cur, i = [], [], 0

    def flush():
        if len(cur) >= 2:
            out.append("".join(cur))
        cur.clear()

    while i < len(rx):
        c = rx[i]
        if c == "\\":
            nxt = rx[i + 1:i + 2]
            if nxt and not nxt.isalnum():
                cur.append(nxt)          # escaped punctuation: \. \/ \-
            else:
                flush()                  # \b \d \w \s \r \n \x..
            i += 2
        elif c == "[":                   # a class: skip it
            j = i + 1
            j += rx[j:j + 1] == "^"
            j += rx[j:j + 1] == "]"
            while j < len(rx) and rx[j] != "]":
                j += 2 if rx[j] == "\\" else 1
            flush()
            i = j + 1
        elif c == "(":
            flush()
            m = re.match(r"\(\?(P<\w+>|[a-zA-Z-]*:|[=!]|<[=!])?", rx[i:])
            i += len(m.group(0))
        elif c in "?*+{":                # the previous atom is optional or repeated
            if cur:
                cur.pop()
            flush()
            i = rx.find("}", i) + 1 if c == "{" else i + 1
        elif c in ")|.^$":
            flush()
            i += 1
        else:
            cur.append(c)
            i += 1
    flush()
    return out


def load_rules() -> list[Rule]:
    rules = []
    for path in sorted(glob.glob(os.path.join(ROOT, "rules", "*.toml"))):
        with open(path, "rb") as f:
            data = tomllib.load(f)
        for r in data.get("rules", []):
            rule = Rule(r["id"], data["provider"], list(r.get("keywords", [])), r.get("validate"),
                        r.get("entropy"), list(r.get("examples", [])), list(r.get("negative_examples", [])),
                        literals=regex_literals(r.get("regex", "")))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    rule.pyre = re.compile(python_regex(r["regex"]), re.ASCII)
                except (re.error, KeyError):
                    rule.pyre = None
            rules.append(rule)
    return rules


HEX = set("0123456789abcdefABCDEF")
UPPER, LOWER, DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz", "0123456789"


def crc32_base62(secret: str) -> str:
    """Recompute the 6-character CRC32 checksum of a `prefix_body+checksum` token."""
    prefix, _, rest = secret.partition("_")
    body = rest[:-6]
    return f"{prefix}_{body}{mc._b62(zlib.crc32(body.encode()), 6)}"


def base36(n: int, width: int) -> str:
    digits = ""
    while n:
        n, d = divmod(n, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[d] + digits
    return digits.rjust(width, "0")


def gitlab_routable(secret: str) -> str:
    """Recompute the base36 CRC32 suffix of a routable GitLab token (legacy ones have none)."""
    if "." not in secret:
        return secret
    signed = secret[:-7]
    return signed + base36(zlib.crc32(signed.encode()), 7)


def grafana_crc32(secret: str) -> str:
    """Recompute the little-endian hex CRC32 suffix of a Grafana `glsa_` token."""
    signed = secret.rpartition("_")[0]
    return f"{signed}_{zlib.crc32(signed.encode()).to_bytes(4, 'little').hex()}"


ENCODED_VALIDATORS = ("base64-text", "basic-auth")


def as_reported(rule: Rule, written: str):
    """The secret the scanner reports for `written`, the text its regex captures: the
    decoded value for rules that decode (a Kubernetes `data:` value, HTTP Basic)."""
    if rule.validate not in ENCODED_VALIDATORS:
        return written
    try:
        text = base64.b64decode(written + "=" * (-len(written) % 4)).decode()
    except ValueError:
        return None
    return text.partition(":")[2] if rule.validate == "basic-auth" else text.rstrip("\r\n")


def mutate(secret: str, rule: Rule, r: random.Random, keep_literals: bool = False) -> str:
    """A new secret of the same shape (see mutate_plain); for rules that decode, the
    decoded value is mutated (the password alone for HTTP Basic) and encoded again."""
    if rule.validate not in ENCODED_VALIDATORS:
        return mutate_plain(secret, rule, r, keep_literals)
    plain = base64.b64decode(secret + "=" * (-len(secret) % 4)).decode()
    if rule.validate == "basic-auth":
        user, _, password = plain.partition(":")
        plain = user + ":" + mutate_plain(password, rule, r, keep_literals)
    else:
        plain = mutate_plain(plain, rule, r, keep_literals)
    new = base64.b64encode(plain.encode()).decode()
    return new if secret.endswith("=") else new.rstrip("=")


def mutate_plain(secret: str, rule: Rule, r: random.Random, keep_literals: bool = False) -> str:
    """A new secret of the same shape: every letter and digit outside the first 4
    characters and outside any keyword of the rule (and, with keep_literals, outside
    any literal text of its regex) is replaced by a random one of the same class; a run
    of letters and digits that is all hex stays hex."""
    keep = [i < 4 for i in range(len(secret))]
    low = secret.lower()
    for kw in rule.keywords + (rule.literals if keep_literals else []):
        k = kw.lower()
        start = low.find(k)
        while start >= 0:
            for i in range(start, start + len(k)):
                keep[i] = True
            start = low.find(k, start + 1)
    out = list(secret)
    for m in re.finditer(r"[A-Za-z0-9]+", secret):
        run_is_hex = all(c in HEX for c in m.group())
        for i in range(m.start(), m.end()):
            if keep[i]:
                continue
            c = secret[i]
            if c.isdigit():
                out[i] = r.choice(DIGITS)
            elif run_is_hex:
                out[i] = r.choice("abcdef" if c.islower() else "ABCDEF")
            else:
                out[i] = r.choice(LOWER if c.islower() else UPPER)
    new = "".join(out)
    if rule.validate == "crc32-base62":
        new = crc32_base62(new)
    elif rule.validate == "gitlab-routable":
        new = gitlab_routable(new)
    elif rule.validate == "grafana-crc32":
        new = grafana_crc32(new)
    return new


def plausible(rule: Rule, text: str, secret: str) -> bool:
    """Cheap pre-filter before asking the scanner: the rule's regex (in Python) still
    captures `secret` in `text`, and its entropy floor holds."""
    if rule.entropy and entropy(as_reported(rule, secret) or "") < rule.entropy:
        return False
    if rule.pyre is None:
        return True
    return any(m.groupdict().get("secret") == secret for m in rule.pyre.finditer(text))


# --------------------------------------------------------------------------------------
# Templates.  «name» tokens are filled in by expand(): «S» (the secret as it is), «SJ»
# (JSON-escaped), «S2»/«S4» (every line indented by 2/4 spaces); the secret's name as
# «KN» (CONST_CASE), «kn» (camelCase), «ks» (snake_case), «KP» (PascalCase), «kd»
# (dotted.property.name); random filler values such as «w» (a word), «h» (a host),
# «uuid», «sha», «hex32», «b64_48»; and in hard negatives «MARK» (this line is labelled)
# and «END» (the labelled span ends on this line).
# --------------------------------------------------------------------------------------

TOKEN = re.compile(r"«(\w+)»")
SECRET_FORMS = ("S", "SJ", "S2", "S4")


def _indent(s: str, n: int) -> str:
    """Indent every non-blank line (blank lines stay empty, as editors leave them)."""
    return "\n".join(" " * n + line if line.strip() else line for line in s.split("\n"))


def random_value(name: str, g: mc.G) -> str:
    """A fresh random value for a filler token."""
    m = re.fullmatch(r"(hex|b64_)(\d+)", name)
    if m:
        n = int(m.group(2))
        return g.hexs(n // 2) if m.group(1) == "hex" else g.b64(n)
    simple = {
        "w": g.noun, "W": lambda: g.noun().capitalize(), "v": g.verb, "s": g.snake, "N": g.const,
        "n": g.camel, "P": g.pascal, "k": g.kebab, "h": lambda: g.pick(mc.DOMAINS), "url": g.url,
        "t": g.ts, "d": g.date, "ver": g.version, "num": lambda: str(g.n(2, 99999)), "sha": g.sha,
        "sha7": lambda: g.sha()[:7], "uuid": g.uuid, "UUID": lambda: g.uuid().upper(), "ip": g.ip,
        "email": g.email, "sent": g.sentence, "img": lambda: g.b64(g.n(300, 1500)),
        "font": lambda: g.b64(g.n(1500, 4000)),
    }
    return simple[name]()


@dataclass
class Expanded:
    text: str
    secret_line: int | None = None          # 0-based line of the secret in text
    marks: list[int] = field(default_factory=list)   # 0-based labelled lines (negatives)
    end: int | None = None                  # 0-based last line of a labelled span


def expand(template: str, g: mc.G, names: dict[str, str] | None = None, secret: str | None = None) -> Expanded:
    names = names or {}

    def fill(m):
        name = m.group(1)
        if name in SECRET_FORMS or name in ("MARK", "END"):
            return m.group(0)
        if name in names:
            return names[name]
        return random_value(name, g)

    text = TOKEN.sub(fill, template)
    out = Expanded(text)
    if secret is not None:
        m = re.search(r"«(S|SJ|S2|S4)»", text)
        form = {"S": secret, "SJ": json.dumps(secret)[1:-1], "S2": _indent(secret, 2),
                "S4": _indent(secret, 4)}[m.group(1)]
        out.secret_line = text.count("\n", 0, m.start())
        text = text[:m.start()] + form + text[m.end():]
    while (i := text.find("«MARK»")) >= 0:
        out.marks.append(text.count("\n", 0, i))
        text = text[:i] + text[i + len("«MARK»"):]
    if (i := text.find("«END»")) >= 0:
        out.end = text.count("\n", 0, i)
        text = text[:i] + text[i + len("«END»"):]
    out.text = text
    return out


# --------------------------------------------------------------------------------------
# File contexts and filler.  Most filler comes from make_corpus's templates; the few
# file types it does not make (.env, Terraform, XML, properties, PowerShell, batch,
# notebooks, lock files it lacks) get small generators here, built on make_corpus.G.
# --------------------------------------------------------------------------------------

MC_KIND = {  # context -> make_corpus kind used for filler
    "py": "py", "js": "js", "ts": "ts", "go": "go", "java": "java", "cs": "cs", "rb": "rb", "php": "php",
    "rs": "rs", "yaml": "k8s", "ci": "ci", "json": "json", "toml": "toml", "ini": "ini", "md": "md",
    "sh": "sh", "docker": "docker", "log": "log", "minjs": "minjs", "csv": "csv", "sql": "sql",
    "html": "html", "css": "css", "pkglock": "pkglock", "cargolock": "cargolock", "gosum": "gosum",
}
EXT = {
    "py": ".py", "js": ".js", "ts": ".ts", "go": ".go", "java": ".java", "cs": ".cs", "rb": ".rb",
    "php": ".php", "rs": ".rs", "yaml": ".yaml", "ci": ".yml", "json": ".json", "toml": ".toml",
    "ini": ".ini", "md": ".md", "sh": ".sh", "log": ".log", "minjs": ".min.js", "csv": ".csv",
    "sql": ".sql", "html": ".html", "css": ".css", "tf": ".tf", "xml": ".config", "properties": ".properties",
    "txt": ".txt", "http": ".http", "ps1": ".ps1", "bat": ".bat", "pem": ".pem", "ipynb": ".ipynb",
    "sourcemap": ".js.map",
}
FIXED_NAME = {
    "env": ".env", "docker": "Dockerfile", "netrc": ".netrc", "npmrc": ".npmrc", "pkglock": "package-lock.json",
    "cargolock": "Cargo.lock", "gosum": "go.sum", "yarnlock": "yarn.lock", "poetrylock": "poetry.lock",
    "pipfilelock": "Pipfile.lock", "sshkeys": "authorized_keys", "knownhosts": "known_hosts",
}
# Filler blocks around each labelled snippet: (min, max) per gap.
GAPS = {"minjs": (40, 160), "log": (1, 1), "csv": (1, 1), "json": (1, 3), "xml": (1, 3)}
NO_FILLER = {"pem", "netrc", "npmrc", "pkglock", "cargolock", "gosum", "yarnlock", "poetrylock",
             "pipfilelock", "sourcemap", "sshkeys", "knownhosts"}
FENCE_LANG = {
    "py": "python", "js": "javascript", "ts": "typescript", "go": "go", "java": "java", "rb": "ruby",
    "php": "php", "cs": "csharp", "rs": "rust", "sh": "bash", "env": "bash", "yaml": "yaml", "json": "json",
    "toml": "toml", "ini": "ini", "xml": "xml", "html": "html", "tf": "hcl", "docker": "dockerfile",
    "http": "http", "npmrc": "ini", "csv": "csv", "properties": "properties", "ps1": "powershell",
    "bat": "bat",
}


def _env_block(g):
    rows = "".join(f"{g.const()}={g.pick((str(g.n(0, 9999)), g.word(), g.url(), 'true', 'false', g.ip(), g.kebab()))}\n"
                   for _ in range(g.n(2, 6)))
    return f"# {g.sentence()}\n{rows}\n"


def _tf_block(g):
    name = g.snake()
    return g.pick((
        lambda: (f'resource "aws_s3_bucket" "{name}" {{\n  bucket = "{g.kebab()}-{g.hexs(4)}"\n\n  tags = {{\n'
                 f'    Team    = "{g.noun()}"\n    Service = "{g.kebab()}"\n  }}\n}}\n\n'),
        lambda: f'variable "{name}" {{\n  description = "{g.sentence()}"\n  type        = string\n  default     = "{g.word()}"\n}}\n\n',
        lambda: (f'module "{name}" {{\n  source  = "git::https://github.com/example/terraform-{g.kebab()}.git?ref=v{g.version()}"\n'
                 f'  name    = "{g.kebab()}"\n  size    = {g.n(1, 64)}\n}}\n\n'),
        lambda: f'output "{name}_arn" {{\n  value = aws_s3_bucket.{g.snake()}.arn\n}}\n\n',
        lambda: (f'resource "aws_security_group_rule" "{name}" {{\n  type        = "ingress"\n  from_port   = {g.n(80, 9000)}\n'
                 f'  to_port     = {g.n(80, 9000)}\n  protocol    = "tcp"\n  cidr_blocks = ["{g.ip()}/32"]\n}}\n\n'),
    ))()


def _xml_block(g):
    return "".join(f'    <add key="{g.pascal()}" value="{g.pick((str(g.n(0, 9999)), g.word(), g.url(), "true", "false"))}" />\n'
                   for _ in range(g.n(2, 5)))


def _properties_block(g):
    rows = "".join(f"{g.noun()}.{g.noun()}.{g.kebab()}={g.pick((str(g.n(0, 9999)), g.word(), g.url(), 'true', 'false'))}\n"
                   for _ in range(g.n(3, 8)))
    return f"# {g.sentence()}\n{rows}\n"


def _ps1_block(g):
    return (f"function {g.verb().capitalize()}-{g.pascal()} {{\n    param([string]$Name = '{g.noun()}')\n"
            f"    Write-Host \"{g.sentence()}\"\n    Invoke-RestMethod -Uri \"{g.url()}\" -Method Get | Out-Null\n}}\n\n")


def _bat_block(g):
    return f"echo {g.sentence()}\ncall scripts\\{g.snake()}.cmd %*\nif errorlevel 1 exit /b 1\n\n"


def _yarn_block(g):
    name, ver = g.kebab(), g.version()
    return (f'{name}@^{ver}:\n  version "{ver}"\n  resolved "https://registry.yarnpkg.com/{name}/-/{name}-{ver}.tgz#{g.sha()}"\n'
            f"  integrity sha512-{g.b64(64)}\n\n")


def _poetry_block(g):
    name, ver = g.kebab(), g.version()
    return (f'[[package]]\nname = "{name}"\nversion = "{ver}"\ndescription = "{g.sentence()}"\noptional = false\n'
            f'python-versions = ">=3.8"\nfiles = [\n'
            f'    {{file = "{name.replace("-", "_")}-{ver}-py3-none-any.whl", hash = "sha256:{g.hexs(32)}"}},\n'
            f'    {{file = "{name}-{ver}.tar.gz", hash = "sha256:{g.hexs(32)}"}},\n]\n\n')


def _pipfile_block(g):
    return (f'        "{g.kebab()}": {{\n            "hashes": [\n                "sha256:{g.hexs(32)}",\n'
            f'                "sha256:{g.hexs(32)}"\n            ],\n            "version": "=={g.version()}"\n        }}')


def _sourcemap_block(g):
    segs = ",".join("".join(g.pick("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
                            for _ in range(g.n(4, 8))) for _ in range(g.n(200, 800)))
    return (f'{{"version":3,"file":"{g.noun()}.{g.hexs(4)}.min.js","sources":["webpack:///./src/{g.noun()}.js"],'
            f'"names":["{g.camel()}","{g.camel()}","e","t","n"],"mappings":"{segs}"}}\n')


OWN_FILLER = {  # context -> (header, block, footer, sep)
    "env": (lambda g: f"# {g.sentence()}.\n# Copy to .env.local and adjust.\n\n", _env_block, lambda g: "", ""),
    "tf": (lambda g: 'terraform {\n  required_version = ">= 1.5"\n}\n\n', _tf_block, lambda g: "", ""),
    "xml": (lambda g: '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <appSettings>\n', _xml_block,
            lambda g: "  </appSettings>\n</configuration>\n", ""),
    "properties": (lambda g: f"# {g.sentence()}.\n", _properties_block, lambda g: "", ""),
    "txt": (lambda g: "", lambda g: g.para(2, 5) + "\n\n", lambda g: "", ""),
    "http": (lambda g: "", lambda g: f"### {g.sentence()}\nGET {g.url()}\nAccept: application/json\n\n", lambda g: "", ""),
    "ps1": (lambda g: "#Requires -Version 7\n$ErrorActionPreference = 'Stop'\n\n", _ps1_block, lambda g: "", ""),
    "bat": (lambda g: "@echo off\nsetlocal\n\n", _bat_block, lambda g: "endlocal\n", ""),
    "yarnlock": (lambda g: "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n\n",
                 _yarn_block, lambda g: "", ""),
    "poetrylock": (lambda g: "# This file is automatically @generated by Poetry 1.8.2 and should not be changed by hand.\n\n",
                   _poetry_block, lambda g: '[metadata]\nlock-version = "2.0"\npython-versions = "^3.11"\n', ""),
    "pipfilelock": (lambda g: '{\n    "_meta": {\n        "hash": {\n            "sha256": "' + g.hexs(32)
                    + '"\n        },\n        "pipfile-spec": 6\n    },\n    "default": {\n',
                    _pipfile_block, lambda g: "\n    },\n    \"develop\": {}\n}\n", ",\n"),
    "sourcemap": (lambda g: "", _sourcemap_block, lambda g: "", ""),
    "pem": (lambda g: "", None, lambda g: "", ""),
    "netrc": (lambda g: "", None, lambda g: "", ""),
    "sshkeys": (lambda g: "", None, lambda g: "", ""),
    "knownhosts": (lambda g: "", None, lambda g: "", ""),
    "npmrc": (lambda g: "registry=https://registry.npmjs.org/\nsave-exact=true\n", None, lambda g: "", ""),
}


def filler(ctx: str, g: mc.G):
    """(header, block(), footer, sep) for a context."""
    if ctx in MC_KIND:
        k = mc.KINDS[MC_KIND[ctx]]
        c = k.ctx(g)
        block = (lambda: k.block(g, c)) if MC_KIND[ctx] in mc.STATEFUL else (lambda: k.block(g))
        return k.header(g, c), block, k.footer(g, c), k.sep
    header, block, footer, sep = OWN_FILLER[ctx]
    return header(g), (lambda: block(g)) if block else None, footer(g), sep


@dataclass
class Item:
    """A labelled snippet: text and (0-based line, label) marks."""
    text: str
    marks: list[tuple[int, dict]]


def _normalise(ctx: str, text: str, sep: str) -> str:
    if ctx == "minjs":
        assert "\n" not in text, text
        return text
    if sep:
        return text.rstrip("\n")
    text = text if text.endswith("\n") else text + "\n"
    return text if text.endswith("\n\n") or ctx in ("log", "csv", "xml", "env", "bat") else text + "\n"


def assemble(ctx: str, items: list[Item], g: mc.G) -> tuple[str, list[tuple[int, dict]]]:
    """A whole file: filler blocks around the items.  Returns the text and the labels'
    1-based lines."""
    if ctx == "ipynb":
        return notebook(items, g)
    header, block, footer, sep = filler(ctx, g)
    lo, hi = GAPS.get(ctx, (1, 3))
    if ctx in NO_FILLER or block is None:
        lo = hi = 0
    body: list[Item] = []

    def gap():
        for _ in range(g.n(lo, hi)):
            body.append(Item(block(), []))

    gap()
    for it in items:
        body.append(Item(_normalise(ctx, it.text, sep), it.marks))
        gap()
    parts, labels = [header], []
    line = 1 + header.count("\n")
    for i, it in enumerate(body):
        if i:
            parts.append(sep)
            line += sep.count("\n")
        labels += [(line + off, lab) for off, lab in it.marks]
        parts.append(it.text)
        line += it.text.count("\n")
    parts.append(footer)
    text = "".join(parts)
    if "@@" in text:  # make_corpus's per-file namespace placeholders
        ns_pascal, ns_snake = mc.ns_names(g)
        text = text.replace("@@NS@@", ns_pascal).replace("@@ns@@", ns_snake)
    return text, labels


def notebook(items: list[Item], g: mc.G) -> tuple[str, list[tuple[int, dict]]]:
    """A Jupyter notebook (nbformat 4, as Jupyter writes it: indent 1) whose code cells
    are the items, between markdown and code cells of filler."""
    cells: list[tuple[str, Item]] = [("markdown", Item(f"# {g.pascal()} {g.noun()}\n\n{g.para(1, 3)}", []))]
    for it in items:
        cells.append(("code", Item(g.pick(mc.PY_BLOCKS)(g).rstrip("\n"), [])))
        cells.append(("code", Item(it.text.rstrip("\n"), it.marks)))
        if g.chance(0.5):
            cells.append(("markdown", Item(g.para(1, 3), [])))
    lines, labels = ["{", ' "cells": ['], []
    for ci, (kind, it) in enumerate(cells):
        lines += ["  {", f'   "cell_type": "{kind}",']
        if kind == "code":
            lines += [f'   "execution_count": {ci},', '   "metadata": {},', '   "outputs": [],']
        else:
            lines.append('   "metadata": {},')
        src = it.text.split("\n")
        src = [s + "\n" for s in src[:-1]] + [src[-1]]
        lines.append('   "source": [')
        first = len(lines) + 1
        labels += [(first + off, lab) for off, lab in it.marks]
        lines += [f"    {json.dumps(s)}{',' if j < len(src) - 1 else ''}" for j, s in enumerate(src)]
        lines += ["   ]", "  }" + ("," if ci < len(cells) - 1 else "")]
    lines += [" ],", ' "metadata": {', '  "kernelspec": {', '   "display_name": "Python 3",',
              '   "language": "python",', '   "name": "python3"', "  },", '  "language_info": {',
              '   "name": "python",', '   "version": "3.11.8"', "  }", " },", ' "nbformat": 4,',
              ' "nbformat_minor": 5', "}"]
    return "\n".join(lines) + "\n", labels


def encode(text: str, encoding: str) -> bytes:
    """utf-8, crlf (UTF-8 with CRLF line ends) or utf16 (UTF-16 LE with a byte-order mark)."""
    if encoding == "crlf":
        return text.replace("\r\n", "\n").replace("\n", "\r\n").encode()
    if encoding == "utf16":
        return b"\xff\xfe" + text.encode("utf-16-le")
    return text.encode()


class Corpus:
    """Writes the corpus files and collects their labels."""

    def __init__(self, root: str, seed: int):
        self.root, self.seed = root, seed
        self.positives: list[dict] = []
        self.negatives: list[dict] = []
        self.count = Counter()
        self.bytes = 0

    def rng(self, *key) -> random.Random:
        return random.Random(":".join(map(str, (self.seed,) + key)))

    def write(self, area: str, ctx: str, items: list[Item], encoding: str = "utf-8") -> str:
        idx = self.count[area]
        self.count[area] += 1
        g = mc.G(self.rng("file", area, idx))
        d = f"{area}/{ctx}" if encoding == "utf-8" else f"{area}/{encoding}/{ctx}"
        if ctx in FIXED_NAME:
            rel = f"{d}/{g.kebab()}-{idx:04d}/{FIXED_NAME[ctx]}"
        elif ctx == "pem":
            rel = f"{d}/{g.kebab()}-{idx:04d}{g.pick(('.pem', '.key', '.pem', '.crt'))}"
        else:
            rel = f"{d}/{g.snake()}_{idx:04d}{EXT[ctx]}"
        text, labels = assemble(ctx, items, g)
        data = encode(text, encoding)
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        self.bytes += len(data)
        for line, lab in labels:
            lab = dict(lab, path=rel, line=line)
            span = lab.pop("span", 1)
            if span > 1:
                lab["end_line"] = line + span - 1
            (self.positives if "family" in lab else self.negatives).append(lab)
        return rel

    def write_groups(self, area: str, groups: dict[tuple[str, str], list[Item]], sizes=(1, 3)):
        """Shuffle each (context, encoding) group and write it, a few items per file."""
        single = {"minjs", "pem", "netrc", "npmrc", "sourcemap"}
        for (ctx, encoding) in sorted(groups):
            items = list(groups[(ctx, encoding)])
            r = self.rng("group", area, ctx, encoding)
            r.shuffle(items)
            while items:
                n = 1 if ctx in single else r.randint(*sizes)
                chunk, items = items[:n], items[n:]
                self.write(area, ctx, chunk, encoding)


# --------------------------------------------------------------------------------------
# Positives from the rules' examples
# --------------------------------------------------------------------------------------

SHELL_COMMANDS = ("export ", "curl ", "git ", "docker ", "echo ", "az ", "helm ", "gitlab-runner ", "psql ",
                  "mysql ", "twine ", "poetry ", "aws ", "npm ", "heroku ", "kubectl ", "ssh ", "wget ")
HTTP_HEADERS = ("authorization", "set-cookie", "cookie", "x-api-key", "proxy-authorization")


def classify(example: str) -> str:
    """The file type an example line (or block) most plausibly comes from."""
    lines = [line.strip() for line in example.replace("\r", "").split("\n") if line.strip()]
    first, raw = lines[0], example.lstrip("\n").split("\n")[0]
    if first.startswith(("-----BEGIN", "PuTTY-User-Key-File")):
        return "pem"
    if first.startswith("machine "):
        return "netrc"
    if first.startswith("//") and "_authToken" in first:
        return "npmrc"
    if re.fullmatch(r"\[[\w .:-]+\]", first):
        return "ini"
    if first.startswith("<"):
        return "html" if re.match(r"<(link|script|a|img|meta|form|input)\b", first) else "xml"
    if first.startswith(("{", "[", '"')):
        return "json"
    if re.match(r"(provider|resource|variable|module|data) \"", first):
        return "tf"
    if first.startswith(("apiVersion:", "- name:")):
        return "yaml"
    if first.startswith(SHELL_COMMANDS):
        return "sh"
    if re.match(r"[A-Z][A-Z0-9_]*=", first):
        return "env"
    if first.startswith("$") or first.startswith("'") and "=>" in first:
        return "php"
    if re.match(r"(import \w+$|from [\w.]+ import )", first):
        return "py"
    if re.match(r"(const |let |var |fetch\(|require\()", first):
        return "js"
    if re.match(r"(String |public |private |[A-Z]\w+ \w+ = [A-Z]\w+\.)", first):
        return "java"
    if re.match(r"config\.\w+ :|[A-Z]\w*\.\w+ = ", first):
        return "rb"
    if "::" in first and first.endswith(";"):
        return "rs"
    if re.match(r"[\w-]+,[\w-]+,", first):
        return "csv"
    if re.match(r"[a-z_]\w*(\.\w+)*\(", first):  # a call statement: requests.post(...)
        return "js" if first.endswith(";") else "py"
    if first.split(":")[0].lower() in HTTP_HEADERS:
        return "http"
    if re.match(r"\s*[\w.\"'-]+:(\s|$)", raw):
        return "yaml"
    m = re.match(r"\s*[\w.\[\]\"']+\s*(:=|=)\s*(.?)", raw)
    if m:
        if m.group(1) == ":=":
            return "go"
        if raw.startswith("  ") and m.group(2) == '"':
            return "tf"
        if m.group(2) not in ('"', "'", "(", "[", "{", "") and not re.search(r"[(\[]", first):
            return "ini"
        return "py"
    return "txt"


def fenced(item: Item, ctx: str) -> Item:
    """The item as a fenced code block in Markdown."""
    text = item.text.rstrip("\n")
    return Item(f"```{FENCE_LANG.get(ctx, 'text')}\n{text}\n```\n", [(off + 1, lab) for off, lab in item.marks])


# Token mode: the bare secret assigned in each context.  A template holds «S» (or a
# variant) once; names come from the rule (GITHUB_TOKEN, stripeApiKey, ...).
TOKEN_TEMPLATES = {
    "py": ['«ks» = "«S»"', '«KN» = "«S»"  # TODO: read from the vault', 'client = «KP»Client(api_key="«S»", timeout=30)',
           'os.environ.setdefault("«KN»", "«S»")', 'DEFAULTS = {"«ks»": "«S»", "retries": 3}'],
    "js": ['const «kn» = "«S»";', "export const «KN» = '«S»';",
           'const config = {\n  baseUrl: "«url»",\n  «kn»: "«S»",\n};', "headers.set('Authorization', `Bearer «S»`);"],
    "ts": ['const «kn»: string = "«S»";', 'export const «KN» = process.env.«KN» ?? "«S»";'],
    "go": ['const «kn» = "«S»"', 'var «kn» = "«S»"', 'func new«KP»Client() *Client {\n\treturn NewClient("«S»")\n}'],
    "java": ['    private static final String «KN» = "«S»";', '    private final String «kn» = "«S»";'],
    "rb": ['    «KN» = "«S»"', "    config.«ks» = '«S»'"],
    "cs": ['        private const string «KP» = "«S»";', '        private static readonly string «KP» = "«S»";'],
    "php": ["    private string $«kn» = '«S»';", "    private const «KN» = '«S»';"],
    "yaml": ['---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: «k»\ntype: Opaque\nstringData:\n  «ks»: "«S»"',
             '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: «k»-env\ndata:\n  «KN»: «S»'],
    "json": ['  {\n    "name": "«ks»",\n    "value": "«SJ»"\n  }', '  {"id": "«uuid»", "«kn»": "«SJ»"}'],
    "toml": ['[«w»]\n«ks» = "«S»"', '[«w».«w»]\nendpoint = "«url»"\n«ks» = "«S»"'],
    "env": ["«KN»=«S»", '«KN»="«S»"'],
    "ini": ["[«w»]\n«ks» = «S»", "[«w»]\nendpoint = «url»\n«ks» = «S»"],
    "sh": ['export «KN»="«S»"', "«KN»=«S» ./scripts/«s».sh", 'curl -fsS -H "Authorization: Bearer «S»" «url»'],
    "docker": ["ENV «KN»=«S»", "ARG «KN»=«S»", "RUN «KN»=«S» ./scripts/«s».sh"],
    "tf": ['provider "«w»" {\n  «ks» = "«S»"\n}', 'variable "«ks»" {\n  type    = string\n  default = "«S»"\n}'],
    "xml": ['    <add key="«KP»" value="«S»" />', "    <«kn»>«S»</«kn»>"],
    "md": ["Set the «w» credentials before running the tests:\n\n```bash\nexport «KN»=«S»\n```",
           "The staging «w» service uses `«S»` for now."],
    "ipynb": ['«ks» = "«S»"', 'os.environ["«KN»"] = "«S»"', 'client = «KP»Client(token="«S»")'],
    "log": ["«t» INFO  [«w»-worker-3] using «ks» «S» for «w» sync",
            '«t» DEBUG outgoing request headers={"Authorization": "Bearer «S»", "Accept": "application/json"}',
            '{"ts":"«t»","level":"debug","msg":"loaded credentials","«ks»":"«SJ»"}'],
    "minjs": ['var «kn»="«S»";', 'e.exports={«kn»:"«S»",timeout:3e4};'],
    "ps1": ['$env:«KN» = "«S»"', '$«kn» = "«S»"'],
    "bat": ["set «KN»=«S»", 'setx «KN» "«S»"'],
}
# The same for secrets that span lines (private keys).
MULTILINE_TEMPLATES = {
    "pem": ["«S»"],
    "py": ['«KN» = """«S»"""', '«ks» = """\n«S»\n"""'],
    "js": ["const «kn» = `«S»`;"],
    "ts": ["export const «KN» = `«S»`;"],
    "go": ["const «kn» = `«S»`"],
    "java": ['    private static final String «KN» = """\n«S»\n""";'],
    "cs": ['        private const string «KP» = @"«S»";'],
    "rb": ["    «KN» = <<~PEM\n«S4»\n    PEM"],
    "php": ["    private const «KN» = <<<'PEM'\n«S»\nPEM;"],
    "yaml": ["---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: «k»\nstringData:\n  «ks»: |\n«S4»"],
    "json": ['  {"name": "«ks»", "«kn»": "«SJ»"}'],
    "toml": ['«ks» = """\n«S»\n"""'],
    "env": ['«KN»="«S»"'],
    "sh": ["cat > ~/.ssh/id_«w» <<'EOF'\n«S»\nEOF\nchmod 600 ~/.ssh/id_«w»"],
    "tf": ['resource "tls_cert_request" "«w»" {\n  private_key_pem = <<EOT\n«S»\nEOT\n}'],
    "xml": ["    <«kn»>«S»</«kn»>"],
    "md": ["The deploy key for the staging bastion:\n\n```\n«S»\n```"],
    "ipynb": ['«ks» = """«S»"""'],
    "log": ['{"ts":"«t»","level":"debug","msg":"loaded signing key","key":"«SJ»"}'],
    "minjs": ['var «kn»="«SJ»";'],
    "ps1": ['$«kn» = @"\n«S»\n"@'],
}
# Token-mode contexts; "crlf" and "utf16" are drawn from these file types.
TOKEN_CONTEXTS = ("py", "js", "ts", "go", "java", "rb", "cs", "php", "yaml", "json", "toml", "env", "ini", "sh",
                  "docker", "tf", "xml", "md", "ipynb", "log", "minjs", "crlf", "utf16")
CRLF_BASES = {False: ("cs", "bat", "ini", "env", "ps1", "xml"), True: ("pem", "cs", "ps1")}
UTF16_BASES = {False: ("ps1", "xml", "ini"), True: ("ps1", "pem")}
# Line mode: the example in its natural file, as a Markdown code block, and in CRLF or
# UTF-16 copies of its file; rules that need context (no bare-secret match) get more.
VARIANTS_BARE = (("plain", "md", "crlf"), ("plain", "md", "utf16"))
VARIANTS_CONTEXT = ("plain", "md", "crlf", "utf16", "plain")
MUTATION_ROUNDS = 3      # scanner checks per mutated example before falling back to the original
MUTATION_TRIES = 40      # mutations tried per round before the regex pre-filter gives up


def secret_names(words: list[str]) -> dict[str, str]:
    prefix = random.Random(" ".join(words)).choice(("spring.datasource", "app.smtp", "service.auth", "mail", "db"))
    return {"KN": const(words), "kn": camel(words), "ks": snake(words), "KP": pascal(words), "kk": kebab(words),
            "kd": f"{prefix}.{camel(words[-2:])}"}


def rule_words(rule: Rule, r: random.Random) -> list[str]:
    if rule.reuse and rule.id != "jwt":
        return r.choice((["ssh", "private", "key"], ["tls", "key"], ["signing", "key"], ["deploy", "key"]))
    if rule.id == "jwt":
        return r.choice((["access", "token"], ["id", "token"], ["service", "jwt"], ["bearer", "token"]))
    return [rule.id.split("-")[0]] + r.choice((["token"], ["api", "key"], ["secret"], ["key"], ["access", "token"],
                                              ["credentials"]))


@dataclass
class Source:
    """One rule example with its secret located by the scanner."""
    rule: Rule
    index: int
    example: str
    secret: str
    findings: list[dict]
    bare: bool = False
    prefilter: bool = True
    by_scanner: bool = True     # located by the scanner (else by the rule's regex in Python)


@dataclass
class Request:
    """A new secret wanted from a source, for one line-mode copy or token-mode context."""
    source: Source
    key: str
    rng: random.Random
    result: tuple[str, str, list[dict]] | None = None   # (example text, secret, findings)
    mutated: bool = False


def resolve(requests: list[Request], scanner: Scanner) -> None:
    """Give every request a secret: a mutation of the source's secret whose example the
    scanner still reports under the same rule, or the original example."""
    pending = []
    for q in requests:
        s = q.source
        if s.rule.reuse or not s.by_scanner:
            q.result = (s.example, s.secret, s.findings)
        else:
            pending.append(q)
    for _ in range(MUTATION_ROUNDS):
        tried = []
        for q in pending:
            s = q.source
            for attempt in range(MUTATION_TRIES):
                # First as specified (keywords and the first 4 characters kept); if that
                # keeps failing the regex, also keep the regex's literal text.
                new = mutate(s.secret, s.rule, q.rng, keep_literals=attempt >= MUTATION_TRIES // 2)
                text = s.example.replace(s.secret, new)
                if new != s.secret and (not s.prefilter or plausible(s.rule, text, new)):
                    tried.append((q, text, new))
                    break
        results = scanner.scan_texts([text for _, text, _ in tried])
        verified = set()    # sources with at least one verified mutation in this round
        for (q, text, new), found in zip(tried, results):
            reported = as_reported(q.source.rule, new)
            if any(f["rule_id"] == q.source.rule.id and f["secret"] == reported for f in found):
                q.result, q.mutated = (text, new, found), True
                verified.add(id(q.source))
        # Retry only where mutation works at all: a source none of whose mutations
        # verified is structured in a way the mutation cannot keep.
        pending = [q for q in pending if q.result is None and id(q.source) in verified]
    for q in requests:
        if q.result is None:
            s = q.source
            q.result = (s.example, s.secret, s.findings)


def example_marks(findings: list[dict], mode: str, context: str) -> list[tuple[int, dict]]:
    """Labels for an example: every location of every provider-rule finding in it.
    Examples are written to hold secrets, and some hold more than one (a key ID beside
    its secret key, a second password in a .netrc); the generic rule's findings are not
    taken as truth, since they are what the Generic row measures."""
    marks, seen = [], set()
    for f in findings:
        if f["provider"] == GENERIC:
            continue
        for loc in f["locations"]:
            key = (loc["line"], f["rule_id"], f["secret"])
            if key not in seen:
                seen.add(key)
                marks.append((loc["line"] - 1, positive_label(f["provider"], f["rule_id"], f["secret"], mode, context)))
    return marks


def positive_label(family: str, rule_id: str, secret: str, mode: str, context: str) -> dict:
    return {"family": family, "rule_id": rule_id, "sha256": sha256(secret), "redacted": redact(secret),
            "mode": mode, "context": context}


def token_safe(secret: str) -> bool:
    """Secrets that can be put in a quoted string as they are (or span lines)."""
    if "\n" in secret:
        return not re.search(r"\n[ \t]", secret)   # an indented key block belongs to its YAML
    return not re.search(r"[\s\"'`\\<>&]", secret)


def make_leaks(corpus: Corpus, scanner: Scanner, rules: list[Rule]) -> dict:
    """Line-mode and token-mode positives for every provider rule."""
    stats = {"unlocated": [], "missed_examples": [], "mutated": 0, "fallback": 0}
    provider_rules = [rule for rule in rules if rule.provider != GENERIC]  # generic positives are made apart
    stats["rules"] = len(provider_rules)

    # 1. Locate each example's secret, and check whether the bare secret is reported.
    jobs = [(rule, i, ex) for rule in provider_rules for i, ex in enumerate(rule.examples)]
    sources = []
    for (rule, i, ex), found in zip(jobs, scanner.scan_texts([ex for _, _, ex in jobs])):
        mine = [f for f in found if f["rule_id"] == rule.id and f["secret"] in ex]
        if not mine and rule.validate in ENCODED_VALIDATORS and rule.pyre:
            # The scanner reports the decoded value: the secret as written is the
            # regex capture that decodes to it.
            reported = {f["secret"] for f in found if f["rule_id"] == rule.id}
            mine = [{"secret": m.group("secret")} for m in rule.pyre.finditer(ex)
                    if m.groupdict().get("secret") and as_reported(rule, m.group("secret")) in reported]
        if mine:
            s = Source(rule, i, ex, mine[0]["secret"], found)
            s.prefilter = plausible(rule, ex, s.secret)  # the Python regex may not read every Rust regex
        else:
            # The scanner misses its own rule's example: find the secret with the rule's
            # regex instead, and keep the example as it is (a mutation cannot be verified).
            m = next((m for m in rule.pyre.finditer(ex) if m.groupdict().get("secret")), None) if rule.pyre else None
            if m is None:
                stats["unlocated"].append(f"{rule.id}#{i}")
                continue
            finding = {"rule_id": rule.id, "provider": rule.provider, "secret": m.group("secret"),
                       "locations": [{"line": ex.count("\n", 0, m.start("secret")) + 1}]}
            s = Source(rule, i, ex, m.group("secret"), [finding] + found, by_scanner=False)
            stats["missed_examples"].append(f"{rule.id}#{i}")
        sources.append(s)
    for s, found in zip(sources, scanner.scan_texts([s.secret for s in sources])):
        s.bare = any(f["rule_id"] == s.rule.id for f in found)

    # 2. Ask for new secrets: one per line-mode copy and per token-mode context.
    by_rule = defaultdict(list)
    for s in sources:
        by_rule[s.rule.id].append(s)
    line_requests, token_requests = [], []
    for rule in provider_rules:
        srcs = by_rule[rule.id]
        bare_rule = any(s.bare for s in srcs)
        for s in srcs:
            variants = VARIANTS_BARE[s.index % 2] if bare_rule else VARIANTS_CONTEXT
            for k, variant in enumerate(variants):
                key = f"line:{k}:{variant}"
                line_requests.append(Request(s, key, corpus.rng("mutate", rule.id, s.index, key)))
        token_srcs = [s for s in srcs if s.bare and token_safe(s.secret)]
        for ci, ctx in enumerate(TOKEN_CONTEXTS if token_srcs else ()):
            s = token_srcs[ci % len(token_srcs)]
            key = f"token:{ctx}"
            token_requests.append(Request(s, key, corpus.rng("mutate", rule.id, s.index, key)))
    resolve(line_requests + token_requests, scanner)
    stats["fallback_rules"] = Counter()
    for q in line_requests + token_requests:
        if q.mutated or (q.source.rule.reuse and q.source.by_scanner):
            stats["mutated"] += 1
        else:
            stats["fallback"] += 1
            stats["fallback_rules"][q.source.rule.id] += 1

    # 3. Snippets, grouped by file type.
    groups = defaultdict(list)
    for q in line_requests:
        text, _, found = q.result
        ctx = classify(text)
        variant = q.key.split(":")[2]
        item = Item(text, example_marks(found, "line", f"{ctx}/{variant}"))
        if variant == "md":
            groups[("md", "utf-8")].append(fenced(item, ctx))
        else:
            groups[(ctx, {"plain": "utf-8"}.get(variant, variant))].append(item)
    for q in token_requests:
        rule, secret = q.source.rule, q.result[1]
        r = q.rng
        ctx = q.key.split(":")[1]
        multiline = "\n" in secret
        encoding = "utf-8"
        if ctx == "crlf":
            ctx, encoding = r.choice(CRLF_BASES[multiline]), "crlf"
        elif ctx == "utf16":
            ctx, encoding = r.choice(UTF16_BASES[multiline]), "utf16"
        templates = (MULTILINE_TEMPLATES if multiline else TOKEN_TEMPLATES).get(ctx)
        if templates is None:  # no natural way to write a key block there: use a key file
            ctx, templates = "pem", MULTILINE_TEMPLATES["pem"]
        g = mc.G(r)
        e = expand(r.choice(templates), g, secret_names(rule_words(rule, r)), secret)
        label = positive_label(rule.provider, rule.id, secret, "token", ctx if encoding == "utf-8" else f"{ctx}/{encoding}")
        groups[(ctx, encoding)].append(Item(e.text, [(e.secret_line, label)]))
    corpus.write_groups("leaks", groups)
    return stats


# --------------------------------------------------------------------------------------
# Generic positives: strong random secrets in no provider's format, assigned to names
# that mean a secret.
# --------------------------------------------------------------------------------------

GENERIC_NAMES = (
    ["password"], ["passwd"], ["pwd"], ["secret"], ["token"], ["api", "key"], ["apikey"], ["access", "key"],
    ["private", "key"], ["client", "secret"], ["credential"], ["auth", "token"], ["db", "password"],
    ["smtp", "password"], ["admin", "password"], ["secret", "key"], ["api", "secret"], ["access", "token"],
    ["app", "secret"], ["webhook", "secret"], ["passphrase"], ["auth", "key"], ["redis", "password"],
    ["mysql", "root", "password"], ["service", "token"], ["signing", "secret"],
)
# (context, encoding, template)
GENERIC_TEMPLATES = (
    ("py", "utf-8", '«KN» = "«S»"'), ("py", "utf-8", '«ks» = "«S»"'),
    ("py", "utf-8", 'conn = connect(host="«h»", user="app", «ks»="«S»")'),
    ("rb", "utf-8", '    «KN» = "«S»"'), ("rb", "utf-8", "    config.«ks» = '«S»'"),
    ("go", "utf-8", 'const «kn» = "«S»"'), ("go", "utf-8", 'func init() {\n\t«kn» := "«S»"\n\tregister(«kn»)\n}'),
    ("js", "utf-8", 'const «kn» = "«S»";'), ("js", "utf-8", 'const config = {\n  host: "«h»",\n  «kn»: "«S»",\n};'),
    ("ts", "utf-8", 'export const «kn»: string = "«S»";'),
    ("java", "utf-8", '    private static final String «KN» = "«S»";'),
    ("cs", "utf-8", '        private const string «KP» = "«S»";'),
    ("php", "utf-8", "    private string $«kn» = '«S»';"), ("php", "utf-8", "    private array $config = ['«ks»' => '«S»'];"),
    ("yaml", "utf-8", "---\n«w»:\n  host: «h»\n  «ks»: «S»"), ("yaml", "utf-8", '---\n«w»:\n  «ks»: "«S»"'),
    ("json", "utf-8", '  {\n    "user": "«w»",\n    "«kn»": "«S»"\n  }'), ("json", "utf-8", '  {"«ks»": "«S»", "host": "«h»"}'),
    ("toml", "utf-8", '[«w»]\n«ks» = "«S»"'),
    ("env", "utf-8", "«KN»=«S»"), ("env", "utf-8", '«KN»="«S»"'),
    ("ini", "utf-8", "[«w»]\nhost = «h»\n«ks» = «S»"),
    ("sh", "utf-8", 'export «KN»="«S»"'), ("sh", "utf-8", "mysqldump -h «h» -u backup --password=«S» «w»"),
    ("sh", "utf-8", "./bin/«w»-cli deploy --api-key=«S» --region eu-west-1"),
    ("docker", "utf-8", "ENV «KN»=«S»"),
    ("tf", "utf-8", 'resource "aws_db_instance" "«w»" {\n  engine   = "postgres"\n  username = "app"\n  «ks» = "«S»"\n}'),
    ("xml", "utf-8", '    <connection host="«h»" user="svc" «kn»="«S»" />'), ("xml", "utf-8", "    <«kn»>«S»</«kn»>"),
    ("properties", "utf-8", "«kd»=«S»"),
    ("md", "utf-8", "Local setup:\n\n```bash\nexport «KN»=«S»\n```"),
    ("ipynb", "utf-8", '«ks» = "«S»"'),
    ("log", "utf-8", "«t» DEBUG [«w»] connecting to «h» with «ks»=«S»"),
    ("env", "crlf", "«KN»=«S»"), ("cs", "crlf", '        private const string «KP» = "«S»";'),
    ("ps1", "utf16", '$env:«KN» = "«S»"'), ("xml", "utf16", '    <add key="«KP»" value="«S»" />'),
)
GENERIC_PER_TEMPLATE = 8
STANDIN_WORDS = {"example", "test", "xxxx", "your", "change", "dummy", "sample", "redact", "placeholder", "todo",
                 "fixme", "pass", "admin", "secret", "token"}
SYMBOLS = "!%*+-_.~^@"


def strong_secret(r: random.Random, banned: set[str]) -> str:
    """16-40 random characters of mixed classes that contain no rule keyword."""
    while True:
        alphabet = UPPER + LOWER + DIGITS + (SYMBOLS if r.random() < 0.5 else "")
        s = r.choice(UPPER + LOWER) + "".join(r.choice(alphabet) for _ in range(r.randint(15, 39)))
        low = s.lower()
        if (any(c.isupper() for c in s) and any(c.islower() for c in s) and any(c.isdigit() for c in s)
                and not mc._bad_runs(s) and not any(b in low for b in banned)):
            return s


def make_generic(corpus: Corpus, rules: list[Rule]) -> None:
    banned = {kw.lower() for rule in rules for kw in rule.keywords} | STANDIN_WORDS
    groups = defaultdict(list)
    for ti, (ctx, encoding, template) in enumerate(GENERIC_TEMPLATES):
        for k in range(GENERIC_PER_TEMPLATE):
            r = corpus.rng("generic", ti, k)
            secret = strong_secret(r, banned)
            e = expand(template, mc.G(r), secret_names(list(r.choice(GENERIC_NAMES))), secret)
            context = ctx if encoding == "utf-8" else f"{ctx}/{encoding}"
            label = positive_label(GENERIC, "generic", secret, "generic", context)
            groups[(ctx, encoding)].append(Item(e.text, [(e.secret_line, label)]))
    corpus.write_groups("generic", groups)


# --------------------------------------------------------------------------------------
# Hard negatives.  A template's first line is labelled unless it marks lines with «MARK»
# (and a span's last line with «END»).
# --------------------------------------------------------------------------------------

JWT_IO = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2"
          "MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")
AZURITE = ("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT5"
           "0uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;")
COSMOS_EMULATOR = ("AccountEndpoint=https://localhost:8081/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuV"
                   "TqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==")

NEGATIVES = {  # kind -> (how many, [(context, template)])
    "git-sha": (110, [
        ("md", "- Fixed in «sha» («sent»)"),
        ("md", "See [the fix](https://github.com/example/«k»/commit/«sha») for details."),
        ("sh", "git checkout «sha»"), ("sh", "git cherry-pick «sha7»..«sha»"),
        ("sh", "git fetch origin «sha» && git reset --hard «sha»"),
        ("ci", "  «k»:\n    runs-on: ubuntu-latest\n    steps:\n«MARK»      - uses: actions/checkout@«sha» # v4\n      - run: make"),
        ("json", '  {"commit": "«sha»", "branch": "main", "author": "«email»"}'),
        ("toml", '[dependencies.«k»]\ngit = "https://github.com/example/«k»"\n«MARK»rev = "«sha»"'),
        ("go", "// Pinned to «sha» until the upstream fix is released."),
        ("log", "«t» INFO  [deploy] rolled out revision «sha» to «k»"),
        ("yaml", "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: «k»-build\ndata:\n«MARK»  GIT_COMMIT: «sha»"),
        ("py", '__commit__ = "«sha»"'), ("txt", "Bisected the regression to «sha»; reverting «sha7» fixes it."),
        ("html", '  <a href="https://github.com/example/«k»/tree/«sha»">«sha7»</a>'),
    ]),
    "uuid": (90, [
        ("py", 'REQUEST_ID = "«uuid»"'), ("json", '  {"id": "«uuid»", "tenantId": "«uuid»", "type": "«w»"}'),
        ("xml", '    <add key="«P»Id" value="«uuid»" />'), ("yaml", "---\n«w»:\n«MARK»  subscription_id: «uuid»"),
        ("tf", 'provider "azurerm" {\n  features {}\n«MARK»  tenant_id       = "«uuid»"\n«MARK»  subscription_id = "«uuid»"\n}'),
        ("env", "AZURE_TENANT_ID=«uuid»"), ("env", "AZURE_CLIENT_ID=«uuid»"), ("js", 'const correlationId = "«uuid»";'),
        ("cs", '        private static readonly Guid «P»Id = Guid.Parse("«UUID»");'),
        ("sql", "UPDATE «w»s SET status = 'active' WHERE id = '«uuid»';"),
        ("log", "«t» WARN  [«w»] retrying job «uuid» (attempt 3)"), ("go", 'var defaultTenant = uuid.MustParse("«uuid»")'),
    ]),
    "hash": (70, [
        ("py", 'EXPECTED_SHA256 = "«hex64»"'), ("json", '  {"file": "«w».tar.gz", "sha256": "«hex64»", "size": «num»}'),
        ("yaml", "---\n«w»:\n«MARK»  image: registry.example.com/«k»@sha256:«hex64»"),
        ("sh", 'echo "«hex64»  «k»-«ver».tar.gz" | sha256sum -c -'), ("docker", "FROM python:3.11-slim@sha256:«hex64»"),
        ("txt", "md5: «hex32»"), ("go", 'const schemaDigest = "«hex64»"'), ("js", "const etag = 'W/\"«hex32»\"';"),
        ("ini", "[«w»]\n«MARK»checksum = «hex40»"), ("html", '  <meta name="build-hash" content="«hex40»">'),
    ]),
    "sri": (60, [
        ("html", '  <script src="https://cdn.example.com/libs/«k»/«ver»/«w».min.js" integrity="sha384-«b64_48»" crossorigin="anonymous"></script>'),
        ("html", '  <link rel="stylesheet" href="https://cdn.example.com/css/«k».«hex8».css" integrity="sha256-«b64_32»" crossorigin="anonymous">'),
        ("html", '  <script type="module" src="/assets/«w».js" integrity="sha512-«b64_64»"></script>'),
        ("md", '<script src="https://unpkg.com/«k»@«ver»/dist/«w».js" integrity="sha384-«b64_48»" crossorigin="anonymous"></script>'),
        ("json", '  {"src": "/static/«w».«hex8».js", "integrity": "sha384-«b64_48»"}'),
    ]),
    "hashed-filename": (60, [
        ("html", '  <script defer src="/static/js/main.«hex8».js"></script>'),
        ("html", '  <link rel="stylesheet" href="/assets/app.«hex10».css">'),
        ("json", '  {"main.js": "/static/js/main.«hex8».chunk.js", "main.css": "/static/css/main.«hex8».css"}'),
        ("js", 'import("./chunks/«w».«hex8».js").then((m) => m.default());'),
        ("md", "The bundle `app.«hex16».js` is served from the CDN."),
        ("log", "«t» INFO  [build] wrote dist/«w»-«hex16».js (143 kB)"),
        ("yaml", "---\n«w»:\n«MARK»  bundle: vendor.«hex20».js"),
        ("py", 'STATIC_MANIFEST = {"app.js": "app.«hex12».js", "app.css": "app.«hex12».css"}'),
    ]),
    "base64-image": (80, [
        ("css", '.«k» {\n«MARK»  background-image: url("data:image/png;base64,«img»");\n}'),
        ("css", '@font-face {\n  font-family: "«W»";\n«MARK»  src: url(data:font/woff2;base64,«font») format("woff2");\n}'),
        ("html", '  <img alt="«w»" src="data:image/png;base64,«img»">'), ("md", "![«w»](data:image/gif;base64,«img»)"),
        ("json", '  {"avatar": "data:image/jpeg;base64,«img»", "name": "«w»"}'),
        ("js", 'const ICON = "data:image/svg+xml;base64,«img»";'), ("py", 'LOGO_PNG = "data:image/png;base64,«img»"'),
    ]),
    "minified": (40, [
        ("minjs", 'var «w»=function(e,t,n){"use strict";n.d(t,{Z:function(){return r}});var r=n(«num»),o=n.n(r),'
                  'i=n("«hex8»"),a=o()(i.«n»,{«n»:"«hex16»",«n»:"«b64_12»"})};'),
        ("minjs", '!function(e){var t={};function n(r){if(t[r])return t[r].exports;var o=t[r]={i:r,l:!1,exports:{}};'
                  'return e[r].call(o.exports,o,o.exports,n),o.l=!0,o.exports}n.p="/static/«hex8»/";n(n.s="«hex20»")}([]);'),
        ("minjs", 'var _0x«hex4»=["«b64_24»","«hex32»","«b64_18»"];(function(_0x«hex6»,_0x«hex6»){var _0x«hex4»='
                  'function(_0x«hex6»){while(--_0x«hex6»){_0x«hex6».push(_0x«hex6».shift())}}})(_0x«hex4»,0x«hex4»);'),
    ]),
    "placeholder": (160, [
        ("py", 'API_KEY = "${API_KEY}"'), ("py", 'password = "%(db_password)s"'), ("py", 'token = "<your-token>"'),
        ("py", 'SECRET_KEY = "changeme"'), ("py", 'api_key = "your-api-key-here"'),
        ("py", 'stripe.api_key = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"'), ("py", 'password = "********"'),
        ("py", 'aws_secret_access_key = "<AWS_SECRET_ACCESS_KEY>"'), ("py", 'token = "REPLACE_ME"'),
        ("yaml", "---\ndatabase:\n«MARK»  password: {{ .Values.db.password }}"),
        ("yaml", "---\n«w»:\n«MARK»  api_key: ${API_KEY}"), ("yaml", '---\n«w»:\n«MARK»  token: "<token>"'),
        ("yaml", "---\n«w»:\n«MARK»  client_secret: changeme"),
        ("yaml", '---\n«w»:\n«MARK»  password: "{{ vault_db_password }}"'),
        ("ci", "  «k»:\n    runs-on: ubuntu-latest\n    env:\n«MARK»      GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n    steps:\n      - run: make release"),
        ("env", "API_KEY=your-api-key-here"), ("env", "DB_PASSWORD=changeme"),
        ("env", "SECRET_KEY=<generate-with-openssl-rand-hex-32>"),
        ("env", "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
        ("env", "AWS_SECRET_ACCESS_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), ("env", "SLACK_BOT_TOKEN=xoxb-your-bot-token"),
        ("env", "OPENAI_API_KEY=sk-..."), ("env", "STRIPE_SECRET_KEY=sk_test_..."),
        ("env", "DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app"),
        ("json", '  {"apiKey": "{{API_KEY}}", "endpoint": "«url»"}'), ("json", '  {"username": "admin", "password": "<password>"}'),
        ("json", '  {"token": "${TOKEN}"}'),
        ("sh", 'export API_TOKEN="${API_TOKEN:-changeme}"'), ("sh", 'mysql -u root -p"$MYSQL_ROOT_PASSWORD" «w»'),
        ("sh", 'docker login -u ci --password "$REGISTRY_PASSWORD" registry.example.com'),
        ("xml", '    <add key="ApiKey" value="#{ApiKey}#" />'), ("xml", "    <password>${db.password}</password>"),
        ("md", "export OPENAI_API_KEY=<your key>"), ("md", "Set `password` to `xxxxxxxx` in `config/local.yaml`."),
        ("properties", "spring.datasource.password=${DB_PASSWORD}"), ("properties", "mail.smtp.password=<smtp-password>"),
        ("java", '    private static final String API_KEY = "YOUR_API_KEY";'),
        ("php", "    private array $db = ['password' => env('DB_PASSWORD', 'secret')];"),
        ("js", "const token = '<TOKEN>';"), ("js", "const apiKey = 'xxxxxxxxxxxxxxxxxxxxxxxx';"),
        ("toml", '[«w»]\n«MARK»token = "${GITHUB_TOKEN}"'), ("toml", '[«w»]\n«MARK»password = "changeme"'),
        ("ini", "[«w»]\n«MARK»password = %(db_password)s"), ("ini", "[«w»]\n«MARK»secret = <secret>"),
        ("docker", "ENV API_KEY=${API_KEY}"), ("docker", "ARG NPM_TOKEN"),
        ("go", 'const apiKey = "INSERT_API_KEY_HERE"'), ("cs", '        private const string ClientSecret = "<client-secret>";'),
        ("rb", '    config.api_key = "YOUR_API_KEY"'),
    ]),
    "env-lookup": (160, [
        ("py", 'API_KEY = os.environ["API_KEY"]'), ("py", 'token = os.getenv("TOKEN")'),
        ("py", 'password = os.environ.get("DB_PASSWORD", "")'), ("py", 'client_secret = config("CLIENT_SECRET")'),
        ("py", 'api_key = secrets.get_secret_value(SecretId="«k»/api-key")["SecretString"]'),
        ("ipynb", 'openai.api_key = os.environ["OPENAI_API_KEY"]'),
        ("js", "const apiKey = process.env.API_KEY;"), ("js", "const token = process.env['SLACK_BOT_TOKEN'];"),
        ("js", "const { DB_PASSWORD } = process.env;"), ("ts", 'const jwtSecret: string = process.env.JWT_SECRET ?? "";'),
        ("go", 'apiKey := os.Getenv("API_KEY")'), ("go", 'token, ok := os.LookupEnv("GITHUB_TOKEN")'),
        ("java", '    private final String secret = System.getenv("SECRET");'),
        ("java", '    private final String password = System.getProperty("db.password");'),
        ("cs", '        private readonly string pwd = Environment.GetEnvironmentVariable("PWD");'),
        ("cs", '        private string ApiKey => _configuration["ApiKey"];'),
        ("rb", '    TOKEN = ENV["TOKEN"]'), ("rb", '    PASSWORD = ENV.fetch("DB_PASSWORD")'),
        ("rb", "    API_KEY = Rails.application.credentials.api_key"),
        ("php", "    private string $password = getenv('DB_PASSWORD');"), ("php", "    private string $apiKey = $_ENV['API_KEY'];"),
        ("sh", 'TOKEN="${GITHUB_TOKEN}"'), ("sh", 'PASSWORD="$(cat /run/secrets/db_password)"'),
        ("sh", 'export API_KEY="$(vault kv get -field=api_key secret/«k»)"'),
        ("yaml", "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: «k»\nspec:\n  template:\n    spec:\n"
                 "      containers:\n        - name: «k»\n          env:\n«MARK»            - name: DB_PASSWORD\n"
                 "              valueFrom:\n                secretKeyRef:\n                  name: «k»-db\n"
                 "                  key: password«END»"),
        ("ci", "  «k»:\n    runs-on: ubuntu-latest\n    env:\n«MARK»      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n    steps:\n      - run: npm publish"),
        ("tf", 'resource "aws_db_instance" "«w»" {\n  engine   = "postgres"\n«MARK»  password = var.db_password\n}'),
        ("tf", 'provider "github" {\n«MARK»  token = data.vault_generic_secret.github.data["token"]\n}'),
        ("docker", "RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci"),
        ("rs", 'static TOKEN: Lazy<String> = Lazy::new(|| std::env::var("GITHUB_TOKEN").unwrap());'),
        ("ps1", "$token = $env:GITHUB_TOKEN"), ("env", "API_KEY=$API_KEY"),
        ("properties", "db.password=${env:DB_PASSWORD}"), ("xml", '    <add key="ApiKey" value="%API_KEY%" />'),
    ]),
    "public-key": (70, [
        ("pem", "«MARK»«pubkey»«END»"), ("pem", "«MARK»«cert»«END»"), ("pem", "«MARK»«rsapub»«END»"),
        ("pem", "«MARK»«pgppub»«END»"),
        ("yaml", "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: «k»-ca\ndata:\n  ca.crt: |\n«MARK»«cert4»«END»"),
        ("json", '  {"name": "«k»", "certificate": "«certj»"}'),
        ("sshkeys", "«sshed» «email»"), ("sshkeys", "«sshrsa» deploy@«k»"),
        ("knownhosts", "github.com «sshed»"), ("knownhosts", "«h» «ecdsa»"),
        ("md", "Add this key to the bastion:\n\n```\n«MARK»«sshed» ops@«k»\n```"),
        ("tf", 'resource "aws_key_pair" "«w»" {\n  key_name   = "«k»"\n«MARK»  public_key = "«sshrsa» ci@«k»"\n}'),
        ("yaml", "---\nusers:\n  - name: deploy\n    ssh_authorized_keys:\n«MARK»      - «sshed» deploy@«k»"),
        ("py", 'PUBLIC_KEY = """«MARK»«pubkey»«END»"""'), ("go", "const publicKeyPEM = `«MARK»«pubkey»«END»`"),
    ]),
    "non-secret": (160, [
        ("py", 'token_type = "Bearer"'), ("py", "PASSWORD_MIN_LENGTH = 8"), ("py", 'secret_name = "db-password"'),
        ("py", 'API_KEY_HEADER = "X-API-Key"'), ("py", 'password_field = "password"'),
        ("py", 'TOKEN_URL = "https://«h»/oauth/token"'), ("py", "TOKEN_EXPIRY_SECONDS = 3600"),
        ("py", 'private_key_path = "~/.ssh/id_ed25519"'), ("py", 'SECRET_KEY_FILE = "/etc/«w»/secret.key"'),
        ("py", 'password_reset_url = "https://«h»/account/reset-password"'), ("py", 'PASSWORD_HASHER = "argon2"'),
        ("py", 'credentials_provider = "instance-metadata"'), ("py", "ACCESS_KEY_ROTATION_DAYS = 90"),
        ("py", 'auth_token_header = "X-Auth-Token"'), ("py", 'secret_version = "latest"'),
        ("yaml", "---\nauth:\n«MARK»  token_type: Bearer"), ("yaml", "---\nauth:\n«MARK»  password_policy: strong"),
        ("yaml", "---\nauth:\n«MARK»  secret_store: vault"), ("yaml", "---\nauth:\n«MARK»  api_key_header: X-API-Key"),
        ("yaml", "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: «k»\nspec:\n  tls:\n"
                 "    - hosts: [«w».example.com]\n«MARK»      secretName: «k»-tls"),
        ("yaml", "---\noauth:\n«MARK»  tokenRequestPath: /oauth/token"),
        ("json", '  {"token_type": "bearer", "expires_in": 3600}'),
        ("json", '  {"password_min_length": 12, "password_require_symbol": true}'),
        ("json", '  {"secretRef": "«k»-credentials", "tokenEndpoint": "https://«h»/oauth2/token"}'),
        ("json", '  {"apiKeyHeader": "X-API-Key", "passwordField": "password"}'),
        ("env", "TOKEN_TYPE=Bearer"), ("env", "PASSWORD_MIN_LENGTH=8"), ("env", "SECRET_NAME=db-password"),
        ("env", "API_KEY_HEADER=X-API-Key"), ("env", "TOKEN_URL=https://«h»/oauth/token"), ("env", "SECRETS_BACKEND=vault"),
        ("env", "AWS_SECRET_ACCESS_KEY_FILE=/run/secrets/aws_secret_access_key"),
        ("js", "const TOKEN_TYPE = 'Bearer';"), ("js", "const passwordField = 'password';"),
        ("js", "const apiKeyHeader = 'X-API-Key';"), ("js", "const tokenUrl = 'https://«h»/oauth/token';"),
        ("js", "const secretName = 'projects/«k»/secrets/api-key/versions/latest';"),
        ("html", '  <input type="password" name="password" autocomplete="current-password" minlength="12">'),
        ("html", '  <label for="api_key">API key</label> <input id="api_key" name="api_key" type="text">'),
        ("go", 'const tokenType = "Bearer"'), ("go", "const passwordMinLength = 8"), ("go", 'const secretName = "db-password"'),
        ("go", 'var apiKeyHeader = "X-API-Key"'),
        ("java", '    private static final String TOKEN_TYPE = "Bearer";'),
        ("java", '    private static final String PASSWORD_FIELD = "password";'),
        ("java", '    private static final String SECRET_PATH = "secret/data/«k»";'),
        ("tf", 'resource "aws_secretsmanager_secret" "«w»" {\n«MARK»  name = "«k»/db-password"\n}'),
        ("tf", 'resource "random_password" "«w»" {\n«MARK»  length  = 32\n  special = true\n}'),
        ("tf", 'variable "secret_name" {\n«MARK»  default = "«k»-api-key"\n}'),
        ("sql", "ALTER TABLE users ADD COLUMN password_hash VARCHAR(255) NOT NULL DEFAULT '';"),
        ("sql", "UPDATE users SET password_reset_token = NULL WHERE id = «num»;"),
        ("ini", "[security]\n«MARK»token_type = Bearer"), ("ini", "[security]\n«MARK»password_min_length = 10"),
        ("ini", "[«w»]\n«MARK»secret_key_file = /etc/«w»/secret.key"),
        ("properties", "security.password.min-length=10"), ("properties", "auth.token.header=Authorization"),
        ("properties", "spring.security.oauth2.client.provider.«w».token-uri=https://«h»/oauth/token"),
        ("cs", '        private const string TokenType = "Bearer";'), ("cs", "        private const int PasswordMinLength = 12;"),
        ("rb", "    PASSWORD_MIN_LENGTH = 10"), ("rb", "    TOKEN_HEADER = 'X-Auth-Token'"),
        ("md", "Tokens are sent in the `Authorization: Bearer <token>` header; passwords need at least 12 characters."),
        ("md", "| `api_key` | string | The API key, read from `API_KEY`. |"),
        ("log", "«t» INFO  [auth] token refreshed for user_id=«num» token_type=Bearer expires_in=3600"),
        ("log", "«t» WARN  [auth] password for «email» does not meet policy (min_length=12)"),
    ]),
    "example-key": (60, [
        ("ini", "[default]\n«MARK»aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n«MARK»aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        ("env", "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE"),
        ("env", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        ("json", '  {"AccessKeyId": "AKIAI44QH8DHBEXAMPLE", "SecretAccessKey": "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"}'),
        ("py", 's3 = boto3.client("s3", aws_access_key_id="AKIAIOSFODNN7EXAMPLE", '
               'aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")'),
        ("md", f"curl -H 'Authorization: Bearer {JWT_IO}' «url»"), ("js", f"const token = '{JWT_IO}';"),
        ("json", f'  {{"ConnectionStrings": {{"Storage": "{AZURITE}"}}}}'),
        ("env", f"COSMOS_CONNECTION_STRING={COSMOS_EMULATOR}"),
        ("py", 'stripe.api_key = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"'),
        ("sh", "curl https://api.stripe.com/v1/charges -u sk_test_4eC39HqLyjWDarjtT1zdp7dc:"),
        ("yaml", "---\naws:\n«MARK»  access_key_id: AKIAIOSFODNN7EXAMPLE\n«MARK»  secret_access_key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        ("tf", 'provider "aws" {\n  region     = "us-west-2"\n«MARK»  access_key = "AKIAIOSFODNN7EXAMPLE"\n'
               '«MARK»  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n}'),
    ]),
    "low-entropy": (120, [
        ("py", 'password = "test"'), ("yaml", "---\n«w»:\n«MARK»  secret: abc"), ("py", 'PASSWORD = "password"'),
        ("env", "PASSWORD=root"), ("py", 'api_key = "dev"'), ("yaml", '---\n«w»:\n«MARK»  token: "123456"'),
        ("json", '  {"username": "admin", "password": "admin"}'), ("toml", '[database]\n«MARK»password = "postgres"'),
        ("rb", '    SECRET = "secret"'), ("js", "const password = 'hunter2';"), ("env", "DB_PASSWORD=password123"),
        ("py", 'api_key = "aaaaaaaaaaaaaaaa"'), ("go", 'const token = "0000000000000000"'), ("ini", "[«w»]\n«MARK»password = qwerty"),
        ("php", "    private string $password = 'letmein';"), ("sh", "export PGPASSWORD=postgres"),
        ("docker", "ENV MYSQL_ROOT_PASSWORD=root"), ("properties", "spring.datasource.password=sa"),
        ("xml", '    <add key="SmtpPassword" value="" />'), ("java", '    private static final String PASSWORD = "12345678";'),
        ("cs", '        private const string Secret = "abc123";'), ("yaml", '---\n«w»:\n«MARK»  password: ""'),
        ("env", "SECRET_KEY=dev"), ("py", 'token = "abcdefghijklmnop"'), ("js", 'const apiKey = "1234567890abcdef";'),
        ("md", "The demo login is `admin` / `admin`, and its API key is `demo`."),
    ]),
}
# Whole files whose every matching line is a hard negative: (kind, context, files, blocks per file, pattern)
PATTERN_NEGATIVES = (
    ("lock-integrity", "pkglock", 5, (15, 25), r'"integrity": "sha512-'),
    ("lock-checksum", "cargolock", 5, (12, 20), r"^checksum = "),
    ("lock-gosum", "gosum", 3, (2, 3), r" h1:"),
    ("lock-integrity", "yarnlock", 5, (10, 16), r"^\s+(integrity|resolved) "),
    ("lock-hash", "poetrylock", 5, (8, 12), r'hash = "sha256:'),
    ("lock-hash", "pipfilelock", 4, (8, 12), r'"sha256:'),
    ("sourcemap", "sourcemap", 10, (1, 1), r'"mappings"'),
)


def _pem(g: mc.G, label: str, der_prefix: str, nbytes: int) -> str:
    b = base64.b64encode(bytes.fromhex(der_prefix) + g.r.randbytes(nbytes)).decode()
    body = "\n".join(b[i:i + 64] for i in range(0, len(b), 64))
    return f"-----BEGIN {label}-----\n{body}\n-----END {label}-----"


def _ssh(g: mc.G, algo: str, blob: bytes) -> str:
    return f"{algo} {base64.b64encode(blob).decode()}"


def _ssh_string(b: bytes) -> bytes:
    return len(b).to_bytes(4, "big") + b


def public_key_values(g: mc.G) -> dict[str, str]:
    """Public keys and certificates of the right shapes (random bodies)."""
    cert = _pem(g, "CERTIFICATE", "308204", 900)
    armour = base64.b64encode(g.r.randbytes(600)).decode()
    armour = "\n".join(armour[i:i + 64] for i in range(0, len(armour), 64))
    return {
        "pubkey": _pem(g, "PUBLIC KEY", "30820122300d06092a864886f70d01010105000382010f003082010a0282010100", 262),
        "rsapub": _pem(g, "RSA PUBLIC KEY", "3082010a0282010100", 262),
        "cert": cert, "cert4": _indent(cert, 4), "certj": json.dumps(cert)[1:-1],
        "pgppub": f"-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n{armour}\n={g.b64(3)}\n-----END PGP PUBLIC KEY BLOCK-----",
        "sshed": _ssh(g, "ssh-ed25519", _ssh_string(b"ssh-ed25519") + _ssh_string(g.r.randbytes(32))),
        "sshrsa": _ssh(g, "ssh-rsa", _ssh_string(b"ssh-rsa") + _ssh_string(b"\x01\x00\x01")
                       + _ssh_string(b"\x00" + g.r.randbytes(256))),
        "ecdsa": _ssh(g, "ecdsa-sha2-nistp256", _ssh_string(b"ecdsa-sha2-nistp256") + _ssh_string(b"nistp256")
                      + _ssh_string(b"\x04" + g.r.randbytes(64))),
    }


def negative_item(template: str, kind: str, g: mc.G, names: dict[str, str] | None = None) -> Item:
    e = expand(template, g, names)
    marks = e.marks or [0]
    label = {"kind": kind}
    if e.end is not None and len(marks) == 1:
        label["span"] = e.end - marks[0] + 1
    return Item(e.text, [(m, dict(label)) for m in marks])


def make_negatives(corpus: Corpus, rules: list[Rule], scanner: Scanner) -> dict:
    groups = defaultdict(list)
    for kind, (count, templates) in NEGATIVES.items():
        for k in range(count):
            r = corpus.rng("negative", kind, k)
            g = mc.G(r)
            ctx, template = r.choice(templates)
            names = public_key_values(g) if kind == "public-key" else None
            groups[(ctx, "utf-8")].append(negative_item(template, kind, g, names))
    # Every rule's own negative examples, in a file of their type.  A negative example
    # of one rule can be another rule's positive (an encrypted key is not a plain RSA
    # key; a user token is not an org token): those that another provider rule reports
    # on their own are left out.
    provider_of = {rule.id: rule.provider for rule in rules}
    jobs = [(rule, text) for rule in rules for text in rule.negatives]
    claimed = []
    for (rule, text), found in zip(jobs, scanner.scan_texts([text for _, text in jobs])):
        others = sorted({f["rule_id"] for f in found if f["rule_id"] != rule.id and provider_of.get(f["rule_id"]) != GENERIC})
        if others:
            claimed.append(f"{rule.id} ({'/'.join(others)})")
            continue
        span = text.rstrip("\n").count("\n") + 1
        label = {"kind": f"rule-negative:{rule.id}", **({"span": span} if span > 1 else {})}
        groups[(classify(text), "utf-8")].append(Item(text, [(0, label)]))
    corpus.write_groups("decoys", groups, sizes=(2, 5))
    # Lock files and source maps, labelled line by line.
    for kind, ctx, files, blocks, pattern in PATTERN_NEGATIVES:
        rx = re.compile(pattern, re.M)
        for fi in range(files):
            g = mc.G(corpus.rng("pattern", kind, ctx, fi))
            block = filler(ctx, g)[1]
            items = []
            for _ in range(g.n(*blocks)):
                text = block()
                lines = text.split("\n")
                items.append(Item(text, [(j, {"kind": kind}) for j, line in enumerate(lines) if rx.search(line)]))
            corpus.write("decoys", ctx, items)
    return {"claimed": claimed}


def make_ordinary(corpus_dir: str, seed: int) -> None:
    """~20 MiB of ordinary code from make_corpus (no planted secrets)."""
    out = os.path.join(corpus_dir, "ordinary")
    mc.main([out, "--small", "--secrets", "0", "--seed", str(seed)])
    planted = os.path.join(corpus_dir, "ordinary.planted.json")  # make_corpus's (empty) list of plants
    if os.path.exists(planted):
        os.remove(planted)


# --------------------------------------------------------------------------------------
# generate
# --------------------------------------------------------------------------------------


def generate(out_dir: str, seed: int, scanner: Scanner, force: bool = False) -> None:
    t0 = time.monotonic()
    corpus_dir = os.path.join(out_dir, "corpus")
    labels_path = os.path.join(out_dir, "labels.json")
    if os.path.exists(corpus_dir) or os.path.exists(labels_path):
        if not force:
            sys.exit(f"accuracy: {corpus_dir} or {labels_path} exists (use --force to replace them)")
        shutil.rmtree(corpus_dir, ignore_errors=True)
        if os.path.exists(labels_path):
            os.remove(labels_path)
    os.makedirs(corpus_dir)
    make_ordinary(corpus_dir, seed)   # first: it forks worker processes

    # The rules on disk that the scanner was built with (rules being added or removed
    # while the binary is older are left out, examples and negative examples alike).
    known = {r["id"] for r in scanner.rules()}
    rules, skipped = [], []
    for rule in load_rules():
        (rules if rule.id in known else skipped).append(rule)
    corpus = Corpus(corpus_dir, seed)
    stats = make_leaks(corpus, scanner, rules)
    make_generic(corpus, rules)
    neg_stats = make_negatives(corpus, rules, scanner)
    banned = {kw.lower() for rule in rules for kw in rule.keywords} | STANDIN_WORDS
    accuracy_ctx_a.make(corpus, Item, lambda r: strong_secret(r, banned))
    accuracy_ctx_b.make(corpus)

    per_rule = Counter(p["rule_id"] for p in corpus.positives)
    few = sorted(r.id for r in rules if r.provider != GENERIC and per_rule[r.id] < 3)
    files = nbytes = 0
    for dirpath, _, names in os.walk(corpus_dir):
        for name in names:
            files += 1
            nbytes += os.path.getsize(os.path.join(dirpath, name))
    key = lambda d: (d["path"], d["line"], d.get("family", ""), d.get("rule_id", ""), d.get("kind", ""))
    labels = {
        "schema": 1,
        "generator": "benches/accuracy.py",
        "seed": seed,
        "rules": len(rules),
        "files": files,
        "bytes": nbytes,
        "positives": sorted(corpus.positives, key=key),
        "negatives": sorted(corpus.negatives, key=key),
    }
    with open(labels_path, "w", encoding="utf-8") as f:
        json.dump(labels, f, indent=1, sort_keys=True)
        f.write("\n")

    modes = Counter(p["mode"] for p in corpus.positives)
    print(f"accuracy: {len(corpus.positives)} positives ({modes['line']} line-mode, {modes['token']} token-mode, "
          f"{modes['generic']} generic) over {stats['rules']} rules, {len(corpus.negatives)} hard negatives; "
          f"{files} files, {nbytes / 2**20:.1f} MiB -> {out_dir} in {time.monotonic() - t0:.1f}s")
    print(f"accuracy: {stats['mutated']} new secrets verified, {stats['fallback']} fell back to the rule's own example; "
          f"{scanner.calls} scanner calls")
    if skipped:
        print(f"accuracy: {len(skipped)} rules in rules/*.toml but not in the scanner (rebuild it), skipped: "
              f"{', '.join(r.id for r in skipped)}", file=sys.stderr)
    if stats["missed_examples"]:
        print(f"accuracy: rule examples the scanner does not report under their rule (secret found by the rule's "
              f"regex, example used unmutated): {', '.join(stats['missed_examples'])}", file=sys.stderr)
    if stats["unlocated"]:
        print(f"accuracy: examples whose secret could not be located, skipped: {', '.join(stats['unlocated'])}",
              file=sys.stderr)
    if neg_stats["claimed"]:
        print(f"accuracy: negative examples left out as another rule's positives: {', '.join(neg_stats['claimed'])}",
              file=sys.stderr)
    if stats["fallback_rules"]:
        print("accuracy: examples used unmutated (mutation not verified), by rule: "
              + ", ".join(f"{k} {v}" for k, v in sorted(stats["fallback_rules"].items())), file=sys.stderr)
    if few:
        print(f"accuracy: rules with fewer than 3 positives: {', '.join(few)}", file=sys.stderr)


# --------------------------------------------------------------------------------------
# score
# --------------------------------------------------------------------------------------


@dataclass
class Tally:
    positives: int = 0
    tp: int = 0
    fp: int = 0

    @property
    def fn(self) -> int:
        return self.positives - self.tp

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.positives if self.positives else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)


def pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


@dataclass
class Match:
    """The result of matching finding locations to labels."""
    tally: dict[str, Tally]
    false_positives: list[tuple[str, int, dict]]   # (path, line, finding)
    false_negatives: list[dict]                      # positive labels nobody hit
    duplicates: int                                  # extra same-family locations on a hit label
    locations: int


def match(positives: list[dict], findings: list[dict]) -> Match:
    """Match every location of every finding to the positive labels by (path, line)."""
    by_line = defaultdict(list)       # (path, line) -> indices of positive labels
    for i, p in enumerate(positives):
        by_line[(p["path"], p["line"])].append(i)
    hit = [False] * len(positives)
    tally = defaultdict(Tally)
    for p in positives:
        tally[p["family"]].positives += 1
    fps, cross, duplicates, n = [], [], 0, 0
    for f in findings:
        fam = f["provider"]
        for loc in f["locations"]:
            n += 1
            path = loc["path"][2:] if loc["path"].startswith("./") else loc["path"]
            here = by_line.get((path, loc["line"]), [])
            # A context family's label (`ctx:…`) is found by any rule.
            same = [i for i in here if positives[i]["family"] == fam or positives[i]["family"].startswith("ctx:")]
            if same:
                # This very secret's label if it is still free, else any free label of the family.
                free = [i for i in same if not hit[i]]
                # The scan runs with --show-secrets: hash the secret here (reports carry
                # a slow Argon2id hash, not a SHA-256).
                shown = sha256(f["secret"]) if "secret" in f else None
                exact = [i for i in free if positives[i]["sha256"] == shown]
                if exact or free:
                    hit[(exact or free)[0]] = True
                    tally[positives[(exact or free)[0]]["family"]].tp += 1
                else:
                    duplicates += 1
            elif here:
                cross.append((path, loc["line"], f))
            else:
                fps.append((path, loc["line"], f))
    # Another family's finding on a labelled line is forgiven if the right family hit it.
    fps += [(path, line, f) for path, line, f in cross if not any(hit[i] for i in by_line[(path, line)])]
    for path, _, f in fps:
        tally[accuracy_ctx_a.family_of_path(path) or f["provider"]].fp += 1
    fns = [p for p, h in zip(positives, hit) if not h]
    return Match(dict(tally), fps, fns, duplicates, n)


def reported_negatives(negatives: list[dict], fps: list[tuple[str, int, dict]]) -> tuple[Counter, dict]:
    """Hard negatives with a false positive on their line (or span): count by kind, and
    the kind of each such false positive's line."""
    fp_lines = defaultdict(set)
    for path, line, _ in fps:
        fp_lines[path].add(line)
    per_kind, kind_at = Counter(), {}
    for n in negatives:
        lo, hi = n["line"], n.get("end_line", n["line"])
        lines = [line for line in fp_lines.get(n["path"], ()) if lo <= line <= hi]
        if lines:
            per_kind[n["kind"].split(":")[0]] += 1
            for line in lines:
                kind_at[(n["path"], line)] = n["kind"]
    return per_kind, kind_at


def score(out_dir: str, scanner: Scanner) -> None:
    labels_path = os.path.join(out_dir, "labels.json")
    if not os.path.exists(labels_path):
        sys.exit(f"accuracy: no {labels_path}; run `generate` first")
    with open(labels_path, encoding="utf-8") as f:
        labels = json.load(f)
    positives, negatives = labels["positives"], labels["negatives"]
    t0 = time.monotonic()
    report = scanner.scan_tree(os.path.join(out_dir, "corpus"))
    elapsed = time.monotonic() - t0
    m = match(positives, accuracy_ctx_b.attribute(report["findings"], positives, negatives))
    neg_hit, kind_at = reported_negatives(negatives, m.false_positives)

    # The table, on stdout.
    tally = m.tally
    overall = Tally(sum(t.positives for t in tally.values()), sum(t.tp for t in tally.values()),
                    sum(t.fp for t in tally.values()))
    families = sorted(tally, key=str.lower)
    print("| Family | Positives | TP | FN | FP | Precision | Recall | F1 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, t in [("**Overall**", overall)] + [(fam, tally[fam]) for fam in families]:
        print(f"| {name} | {t.positives} | {t.tp} | {t.fn} | {t.fp} | {pct(t.precision)} | {pct(t.recall)} | {pct(t.f1)} |")
    modes = Counter(p["mode"] for p in positives)
    print(f"\nCorpus: {len(positives)} positives ({modes['line']} line-mode, {modes['token']} token-mode, "
          f"{modes['generic']} generic), {len(negatives)} hard negatives ({sum(neg_hit.values())} reported), "
          f"{labels['files']} files, {labels['bytes']:,} bytes ({labels['bytes'] / 2**20:.1f} MiB); "
          f"scanned {report.get('summary', {}).get('files_scanned', '?')} files in {elapsed:.1f}s: "
          f"{len(report['findings'])} findings, {m.locations} locations.")

    def below(t: Tally) -> list[str]:
        return [what for what, v in (("precision", t.precision), ("recall", t.recall)) if v is not None and v < THRESHOLD]

    if below(overall):
        print(f"\n**Below {THRESHOLD:.0%}:** overall "
              + " and ".join(f"{what} {pct(getattr(overall, what))}" for what in below(overall)) + ".")
    weak = [f"{fam} ({', '.join(below(tally[fam]))})" for fam in families if below(tally[fam])]
    if weak:
        print(f"Families below {THRESHOLD:.0%}: {', '.join(weak)}.")
    sys.stdout.flush()

    # Details for debugging, on stderr; secrets are redacted.
    err = sys.stderr
    pos_families = defaultdict(set)
    for p in positives:
        pos_families[(p["path"], p["line"])].add(p["family"])

    def where(path: str, line: int) -> str:
        if (path, line) in kind_at:
            return kind_at[(path, line)]
        if (path, line) in pos_families:
            return f"a {'/'.join(sorted(pos_families[(path, line)]))} positive's line"
        return "ordinary code" if path.startswith("ordinary/") else "unlabelled line"

    fps = sorted(m.false_positives, key=lambda x: (x[0], x[1]))
    print(f"\n{len(fps)} false positives ({m.duplicates} extra locations on already-counted labels ignored); "
          f"first {min(LIST_LIMIT, len(fps))}:", file=err)
    for path, line, f in fps[:LIST_LIMIT]:
        secret = f.get("secret")
        shown = redact(secret) if secret is not None else f"{f['secret_redacted']} ({f['secret_length']} chars)"
        print(f"  FP {path}:{line}  {f['rule_id']} ({f['provider']})  {shown}  [{where(path, line)}]", file=err)
    fns = sorted(m.false_negatives, key=lambda p: (p["path"], p["line"]))
    print(f"{len(fns)} false negatives; first {min(LIST_LIMIT, len(fns))}:", file=err)
    for p in fns[:LIST_LIMIT]:
        print(f"  FN {p['path']}:{p['line']}  {p['rule_id']} ({p['family']})  {p['redacted']}  "
              f"[{p['mode']}: {p['context']}]", file=err)
    by_cause = Counter((f["rule_id"], re.sub(r":.*", "", where(path, line))) for path, line, f in fps)
    if by_cause:
        print("False positives by rule and place: "
              + ", ".join(f"{rule} on {place} {n}" for (rule, place), n in by_cause.most_common()), file=err)
    if neg_hit:
        neg_total = Counter(n["kind"].split(":")[0] for n in negatives)
        print("Hard negatives reported, by kind: "
              + ", ".join(f"{k} {neg_hit[k]}/{neg_total[k]}" for k in sorted(neg_hit)), file=err)
    missed = Counter((p["rule_id"], p["context"]) for p in fns)
    if missed:
        print("False negatives by rule and context: "
              + ", ".join(f"{rule} in {ctx} {n}" for (rule, ctx), n in missed.most_common(40)), file=err)


# --------------------------------------------------------------------------------------


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    for name, help_ in (("generate", "write OUT_DIR/corpus and OUT_DIR/labels.json"),
                        ("score", "scan OUT_DIR/corpus and print precision, recall and F1"),
                        ("run", "generate (if OUT_DIR has no corpus yet), then score")):
        p = sub.add_parser(name, help=help_)
        p.add_argument("out_dir")
        p.add_argument("--bin", default=DEFAULT_BIN, help="the leakhound binary (default: target/release/leakhound)")
        if name != "score":
            p.add_argument("--seed", type=int, default=1)
        if name == "generate":
            p.add_argument("--force", action="store_true", help="replace an existing corpus and labels")
    args = ap.parse_args(argv)
    scanner = Scanner(args.bin)
    out_dir = os.path.abspath(args.out_dir)
    if args.command == "generate":
        generate(out_dir, args.seed, scanner, args.force)
    elif args.command == "score":
        score(out_dir, scanner)
    else:
        if not os.path.exists(os.path.join(out_dir, "labels.json")):
            generate(out_dir, args.seed, scanner)
        score(out_dir, scanner)


if __name__ == "__main__":
    main()
