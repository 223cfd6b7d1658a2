#!/usr/bin/env python3
"""Build a large, realistic, deterministic source tree for whole-process benchmarks.

    python3 benches/make_corpus.py OUT_DIR [--size-mb 520] [--files 20000] [--seed 1]
    python3 benches/make_corpus.py OUT_DIR --small      # ~20 MiB / 1,000 files

The tree looks like a monorepo of many services (``service-N/<module>/...``,
files 2 to 6 directories deep) written in Python, JavaScript/TypeScript, Go, Java,
Rust, C/C++, Ruby, PHP and C#, with Kubernetes manifests, CI configs, JSON
fixtures, TOML/INI, Markdown, shell scripts, Dockerfiles, SQL, HTML/CSS, minified
bundles (a few very long single lines), lock files (package-lock.json, Cargo.lock,
go.sum), CSV exports and logs.  Contents are assembled from pre-rendered template
blocks with light per-file randomisation (randomised identifiers, URLs, UUIDs,
git SHAs, base64 blobs, hex digests), so generation is fast: the work is
``str.join`` and large writes, spread over worker processes.

A few fake secrets of known shapes are planted (``--secrets``, default 25); their
locations are written to ``OUT_DIR/../<basename>.planted.json`` as a list of
``{"path", "line", "kind"}`` objects (path relative to OUT_DIR, line 1-based).
Apart from those, the generated text contains no token-shaped strings
(no ``AKIA``/``ghp_``/``xoxb-``/``sk_live_`` prefixes, no URLs with passwords).

Everything is derived from ``--seed``: the same arguments give byte-identical
trees, whatever ``--jobs`` is.  Standard library only (Python 3.11+).
"""

from __future__ import annotations

import argparse
import base64
import json
import math
import multiprocessing as mp
import os
import random
import sys
import time
import zlib

KIB = 1024
MIB = 1024 * 1024
FILE_CAP = 8 * MIB - 1  # every file stays strictly under 8 MiB

# --------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------

NOUNS = (
    "user account order invoice payment session cache queue event report widget tenant "
    "config metric job batch record stream shard node cluster policy rule audit profile "
    "customer product cart item address shipment ledger balance transfer webhook message "
    "channel notification template document asset image upload export schedule task "
    "worker pipeline build release deploy region zone bucket object snapshot backup volume "
    "instance route gateway request response handler client server connection pool lease "
    "quota limit plan subscription coupon discount feature flag experiment segment cohort "
    "signal alert incident ticket comment thread review catalog inventory vendor warehouse "
    "price currency tax refund charge dispute payout merchant store locale country "
    "timezone calendar slot booking resource permission role group member team project "
    "workspace folder file blob chunk manifest artifact package module plugin extension"
).split()
VERBS = (
    "get fetch load save store parse build validate compute render sync flush emit resolve "
    "create update delete list find apply merge split encode decode normalize refresh retry "
    "schedule dispatch publish consume archive restore export register handle process "
    "collect prune reconcile index migrate enqueue dequeue serialize hydrate compact"
).split()
ADJS = (
    "active pending stale cached remote local default primary secondary internal external "
    "legacy batched async shared partial full raw next last current draft final"
).split()
SENTENCES = (
    "{V} the {n} before the {n2} is flushed",
    "Returns the {n} for the given {n2} id",
    "TODO: {v} {n}s in batches once the {n2} API supports it",
    "Keep in sync with the {n} schema in {n2}.proto",
    "Fallback used when the {n} cache is cold",
    "{V} every {n} that belongs to the current {n2}",
    "This is called on the hot path, so avoid allocating a new {n} here",
    "See the {n} design doc for why the {n2} is not locked",
    "NOTE: the upstream {n} service rate-limits us to {k} requests per second",
    "{V}s the {n} and returns the number of {n2}s touched",
    "Deprecated: use {v}{N} instead",
    "Guard against an empty {n} list coming back from the {n2} endpoint",
    "The {n} is immutable after it has been {v}ed",
    "FIXME: this {v}s the {n} twice when the {n2} is retried",
    "Only {v} the {n} if the {n2} has changed since the last run",
    "Maps a {n} onto the wire format expected by the {n2} client",
    "Helper for tests that need a {n} with a valid {n2}",
    "Emitted after the {n} has been committed to the {n2} store",
    "{k} is the default page size for {n} listings",
    "Do not {v} the {n} here: the {n2} owns it",
)
DOMAINS = ("api.example.com", "api.example.org", "example.net", "internal.example.com",
           "cdn.example.com", "status.example.io", "hooks.example.com", "docs.example.com")
IMAGES = ("python:3.11-slim", "node:20-alpine", "golang:1.22", "rust:1.78-slim",
          "eclipse-temurin:21-jre", "ruby:3.3-slim", "php:8.3-fpm", "debian:bookworm-slim",
          "mcr.microsoft.com/dotnet/aspnet:8.0", "alpine:3.19", "nginx:1.25-alpine",
          "gcr.io/distroless/static-debian12")
LEVELS = ("DEBUG", "INFO", "INFO", "INFO", "INFO", "WARN", "ERROR")
HTTP_METHODS = ("GET", "GET", "GET", "POST", "PUT", "PATCH", "DELETE")
STATUS = (200, 200, 200, 200, 201, 204, 301, 304, 400, 401, 403, 404, 409, 429, 500, 502, 503)
COUNTRIES = ("US", "GB", "DE", "FR", "NL", "SE", "JP", "BR", "IN", "CA", "AU", "ES", "IT", "PL")
CURRENCIES = ("USD", "EUR", "GBP", "JPY", "SEK", "BRL", "INR", "CAD", "AUD", "PLN")
FIRST = ("alice bob carol dave erin frank grace heidi ivan judy mallory niaj olivia peggy "
         "rupert sybil trent victor walter xena yusuf zoe").split()
UAS = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
       "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
       "curl/8.5.0", "python-requests/2.31.0", "Go-http-client/1.1", "okhttp/4.12.0",
       "kube-probe/1.29", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Mobile/15E148")
B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


class G:
    """Random helpers for one generator stream."""

    __slots__ = ("r",)

    def __init__(self, r: random.Random):
        self.r = r

    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def n(self, a: int, b: int) -> int:
        return self.r.randint(a, b)

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def noun(self) -> str:
        return NOUNS[self.r.randrange(len(NOUNS))]

    def verb(self) -> str:
        return VERBS[self.r.randrange(len(VERBS))]

    def adj(self) -> str:
        return ADJS[self.r.randrange(len(ADJS))]

    def snake(self) -> str:
        return f"{self.noun()}_{self.noun()}" if self.r.random() < 0.6 else f"{self.adj()}_{self.noun()}"

    def camel(self) -> str:
        return self.verb() + self.noun().capitalize()

    def camel_up(self) -> str:
        return self.verb().capitalize() + self.noun().capitalize()

    def pascal(self) -> str:
        return self.noun().capitalize() + self.noun().capitalize()

    def const(self) -> str:
        return self.snake().upper()

    def kebab(self) -> str:
        return f"{self.noun()}-{self.noun()}"

    def uuid(self) -> str:
        h = self.r.randbytes(16).hex()
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[self.r.randrange(4)]}{h[17:20]}-{h[20:]}"

    def sha(self) -> str:
        return self.r.randbytes(20).hex()

    def hexs(self, nbytes: int) -> str:
        return self.r.randbytes(nbytes).hex()

    def b64(self, nbytes: int) -> str:
        return base64.b64encode(self.r.randbytes(nbytes)).decode()

    def version(self) -> str:
        return f"{self.n(0, 9)}.{self.n(0, 30)}.{self.n(0, 40)}"

    def url(self) -> str:
        return f"https://{self.pick(DOMAINS)}/v{self.n(1, 3)}/{self.noun()}s/{self.n(1, 99999)}"

    def base_url(self) -> str:
        return f"https://{self.pick(DOMAINS)}/v{self.n(1, 3)}"

    def path(self) -> str:
        if self.r.random() < 0.5:
            return f"/v{self.n(1, 3)}/{self.noun()}s/{self.n(1, 99999)}"
        return f"/v{self.n(1, 3)}/{self.noun()}s/{self.uuid()}/{self.noun()}s"

    def ts(self) -> str:
        return (f"2024-{self.n(1, 12):02d}-{self.n(1, 28):02d}T{self.n(0, 23):02d}:"
                f"{self.n(0, 59):02d}:{self.n(0, 59):02d}Z")

    def date(self) -> str:
        return f"2024-{self.n(1, 12):02d}-{self.n(1, 28):02d}"

    def ip(self) -> str:
        return f"10.{self.n(0, 255)}.{self.n(0, 255)}.{self.n(1, 254)}"

    def email(self) -> str:
        return f"{self.pick(FIRST)}.{self.noun()}@example.com"

    def name(self) -> str:
        return f"{self.pick(FIRST).capitalize()} {self.noun().capitalize()}"

    def sentence(self) -> str:
        v = self.verb()
        return self.pick(SENTENCES).format(V=v.capitalize(), v=v, n=self.noun(), n2=self.noun(),
                                           N=self.noun().capitalize(), k=self.n(2, 500))

    def para(self, lo: int = 2, hi: int = 5) -> str:
        return ". ".join(self.sentence() for _ in range(self.n(lo, hi))) + "."

    def word(self) -> str:
        return self.pick((self.noun, self.verb, self.adj))()

    def money(self) -> str:
        return f"{self.n(0, 9999)}.{self.n(0, 99):02d}"


# --------------------------------------------------------------------------------------
# Kind specifications.  Each block generator returns text ending in "\n" (except for
# minified JS).  "@@NS@@" / "@@ns@@" in pooled blocks are replaced per file.
# --------------------------------------------------------------------------------------

class Kind:
    def __init__(self, name, header, block, footer=None, sep="", fresh=0.15, ctx=None,
                 bait=None, plants=None, placeholders=True):
        self.name = name
        self.header = header
        self.block = block
        self.footer = footer or (lambda g, c: "")
        self.sep = sep
        self.fresh = fresh
        self.ctx = ctx or (lambda g: {})
        self.bait = bait
        self.plants = plants or {}
        self.placeholders = placeholders


def choose_block(g, fns):
    return g.pick(fns)(g)


# ---- Python ---------------------------------------------------------------------------

def py_header(g, c):
    return (f'"""{g.sentence()}.\n\n{g.para(1, 3)}\n"""\nfrom __future__ import annotations\n\n'
            f"import json\nimport logging\nimport os\nfrom dataclasses import dataclass, field\n"
            f"from typing import Any, Optional\n\nimport requests\n\n"
            f"from @@ns@@.{g.noun()} import {g.pascal()}, {g.snake()}\n"
            f"from @@ns@@.{g.noun()}.{g.noun()} import {g.pascal()}\n\n"
            f"logger = logging.getLogger(__name__)\n\n"
            f'BASE_URL = "{g.base_url()}"\nDEFAULT_TIMEOUT = {g.n(2, 60)}\nMAX_RETRIES = {g.n(1, 8)}\n\n\n')


def py_fn(g):
    v, n1, n2, var, key = g.verb(), g.noun(), g.noun(), g.snake(), g.snake()
    return (f"def {v}_{n1}({n2}_id: str, *, session: requests.Session | None = None) -> dict[str, Any]:\n"
            f'    """{g.sentence()}."""\n'
            f"    session = session or requests.Session()\n"
            f'    url = f"{{BASE_URL}}/{n1}s/{{{n2}_id}}/{g.noun()}s"\n'
            f"    for attempt in range(MAX_RETRIES):\n"
            f'        resp = session.get(url, timeout=DEFAULT_TIMEOUT, headers={{"Accept": "application/json"}})\n'
            f"        if resp.status_code == {g.pick((429, 502, 503))}:\n"
            f'            logger.warning("retrying {n1} %s (attempt %d)", {n2}_id, attempt)\n'
            f"            continue\n"
            f"        resp.raise_for_status()\n"
            f"        {var} = resp.json()\n"
            f'        return {{"{key}": {var}.get("{g.snake()}", {g.n(0, 1000)}), "etag": resp.headers.get("ETag", "{g.hexs(16)}")}}\n'
            f'    raise RuntimeError("{g.sentence().lower()}")\n\n\n')


def py_dataclass(g):
    cls, f1, f2, f3 = g.pascal(), g.snake(), g.snake(), g.snake()
    return (f"@dataclass\nclass @@NS@@{cls}:\n"
            f'    """{g.sentence()}."""\n\n'
            f'    id: str = "{g.uuid()}"\n'
            f"    {f1}: int = {g.n(0, 5000)}\n"
            f"    {f2}: Optional[str] = None\n"
            f'    {f3}: float = {g.n(0, 99)}.{g.n(0, 99)}\n'
            f"    tags: list[str] = field(default_factory=list)\n\n"
            f"    def {g.verb()}(self) -> dict[str, Any]:\n"
            f'        return {{"id": self.id, "{f1}": self.{f1}, "{f2}": self.{f2}, "revision": "{g.sha()}"}}\n\n'
            f"    def is_{g.adj()}(self) -> bool:\n"
            f"        return self.{f1} > {g.n(1, 100)} and not self.tags\n\n\n")


def py_table(g):
    rows = "".join(f'    "{g.uuid()}": ("{g.word()}", {g.n(0, 99999)}, "{g.sha()}"),\n' for _ in range(g.n(4, 12)))
    return f"# {g.sentence()}.\n{g.const()}_FIXTURES = {{\n{rows}}}\n\n\n"


def py_test(g):
    v, n1 = g.verb(), g.noun()
    return (f"def test_{v}_{n1}_{g.adj()}(client, monkeypatch):\n"
            f'    monkeypatch.setenv("{g.const()}", "{g.word()}")\n'
            f'    resp = client.post("/v1/{n1}s", json={{"name": "{g.word()}", "count": {g.n(0, 50)}, "ref": "{g.hexs(8)}"}})\n'
            f"    assert resp.status_code == {g.pick((200, 201, 202, 400, 404, 409))}\n"
            f'    body = resp.json()\n'
            f'    assert body["id"] == "{g.uuid()}"\n'
            f'    assert body["links"]["self"] == "{g.url()}"\n\n\n')


def py_class(g):
    cls, n1 = g.pascal(), g.noun()
    return (f"class @@NS@@{cls}Service:\n"
            f'    """{g.sentence()}."""\n\n'
            f"    def __init__(self, repo, cache=None, *, batch_size: int = {g.n(10, 1000)}):\n"
            f"        self._repo = repo\n        self._cache = cache or {{}}\n        self._batch_size = batch_size\n\n"
            f"    def {g.verb()}_{n1}s(self, ids: list[str]) -> list[dict[str, Any]]:\n"
            f"        out = []\n"
            f"        for start in range(0, len(ids), self._batch_size):\n"
            f"            chunk = ids[start:start + self._batch_size]\n"
            f"            # {g.sentence()}\n"
            f"            out.extend(self._repo.{g.verb()}_many(chunk))\n"
            f"        return out\n\n"
            f"    def {g.verb()}(self, {n1}_id: str) -> Optional[dict[str, Any]]:\n"
            f"        if {n1}_id in self._cache:\n            return self._cache[{n1}_id]\n"
            f"        row = self._repo.get({n1}_id)\n"
            f"        if row is None:\n"
            f'            logger.info("{n1} %s not found", {n1}_id)\n            return None\n'
            f"        self._cache[{n1}_id] = row\n        return row\n\n\n")


def py_bait(g):
    return g.pick((
        lambda: (f"PASSWORD_MIN_LENGTH = {g.n(8, 12)}\nTOKEN_TYPE = \"Bearer\"\n\n\n"
                 f"def validate_password(password: str) -> list[str]:\n"
                 f"    errors = []\n    if len(password) < PASSWORD_MIN_LENGTH:\n"
                 f'        errors.append("password must be at least %d characters" % PASSWORD_MIN_LENGTH)\n'
                 f"    if password.lower() == password:\n"
                 f'        errors.append("password needs an uppercase letter")\n    return errors\n\n\n'
                 f"def auth_header(token: str) -> dict[str, str]:\n"
                 f'    return {{"Authorization": f"{{TOKEN_TYPE}} {{token}}"}}\n\n\n'),
        lambda: (f'SECRET_KEY = os.environ["{g.const()}_SECRET_KEY"]\n'
                 f'API_KEY_HEADER = "X-API-Key"\nTOKEN_TTL_SECONDS = {g.pick((900, 3600, 86400))}\n\n\n'
                 f"def read_api_key(request) -> Optional[str]:\n"
                 f"    key = request.headers.get(API_KEY_HEADER)\n"
                 f"    if not key:\n"
                 f'        logger.debug("missing api key on %s", request.path)\n'
                 f"    return key\n\n\n"),
        lambda: (f"def refresh_access_token(session, refresh_token: str) -> str:\n"
                 f'    resp = session.post(f"{{BASE_URL}}/oauth/token", data={{"grant_type": "refresh_token", "refresh_token": refresh_token}})\n'
                 f"    resp.raise_for_status()\n"
                 f'    token_type = resp.json().get("token_type", "Bearer")\n'
                 f'    return resp.json()["access_token"]\n\n\n'),
    ))()


PY_BLOCKS = (py_fn, py_dataclass, py_table, py_test, py_class, py_class, py_fn)

# ---- JavaScript / TypeScript ---------------------------------------------------------------

def js_header(g, c):
    return (f"'use strict';\n\n/**\n * {g.sentence()}.\n * @module @@ns@@/{g.noun()}\n */\n"
            f"import axios from 'axios';\nimport {{ {g.camel()}, {g.camel()} }} from '../{g.noun()}/{g.noun()}';\n"
            f"import {g.pascal()} from './{g.noun()}';\n\n"
            f"const BASE_URL = '{g.base_url()}';\nconst DEFAULT_TIMEOUT_MS = {g.n(1, 60) * 500};\n\n")


def js_fn(g):
    fn, n1 = g.camel(), g.noun()
    return (f"/**\n * {g.sentence()}.\n * @param {{string}} {n1}Id\n */\n"
            f"export async function {fn}({n1}Id, opts = {{}}) {{\n"
            f"  const url = `${{BASE_URL}}/{n1}s/${{encodeURIComponent({n1}Id)}}/{g.noun()}s`;\n"
            f"  const res = await axios.get(url, {{ timeout: DEFAULT_TIMEOUT_MS, params: {{ limit: {g.n(10, 500)}, ...opts }} }});\n"
            f"  if (res.status === {g.pick((404, 410, 204))}) {{\n    return null;\n  }}\n"
            f"  return res.data.items.map((it) => ({{ id: it.id, {g.camel()}: it.{g.snake()} ?? {g.n(0, 100)}, rev: '{g.sha()[:12]}' }}));\n"
            f"}}\n\n")


def js_class(g):
    cls, n1 = g.pascal(), g.noun()
    return (f"export class @@NS@@{cls} {{\n"
            f"  constructor(store, {{ ttlMs = {g.n(1, 600) * 1000}, maxEntries = {g.n(10, 10000)} }} = {{}}) {{\n"
            f"    this.store = store;\n    this.ttlMs = ttlMs;\n    this.maxEntries = maxEntries;\n    this.entries = new Map();\n  }}\n\n"
            f"  // {g.sentence()}\n"
            f"  async {g.camel()}({n1}) {{\n"
            f"    const hit = this.entries.get({n1}.id);\n"
            f"    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;\n"
            f"    const value = await this.store.{g.camel()}({n1}.id, '{g.uuid()}');\n"
            f"    this.entries.set({n1}.id, {{ value, at: Date.now() }});\n"
            f"    return value;\n  }}\n\n"
            f"  {g.camel()}() {{\n    for (const [k, v] of this.entries) {{\n"
            f"      if (Date.now() - v.at > this.ttlMs) this.entries.delete(k);\n    }}\n  }}\n}}\n\n")


def js_config(g):
    items = "".join(f"  {g.camel()}: {g.pick((str(g.n(0, 9999)), repr(g.word()), 'true', 'false', repr(g.url())))},\n"
                    for _ in range(g.n(4, 12)))
    return f"// {g.sentence()}\nexport const {g.const()} = Object.freeze({{\n{items}  checksum: '{g.hexs(32)}',\n}});\n\n"


def js_test(g):
    fn = g.camel()
    return (f"describe('{fn}', () => {{\n"
            f"  it('{g.sentence().lower()}', async () => {{\n"
            f"    nock('{g.base_url()}').get('/{g.noun()}s/{g.n(1, 9999)}').reply({g.pick((200, 404))}, {{ id: '{g.uuid()}', sha: '{g.sha()}' }});\n"
            f"    const out = await {fn}('{g.n(1, 9999)}');\n"
            f"    expect(out).toHaveLength({g.n(0, 20)});\n"
            f"    expect(out[0].rev).toBe('{g.hexs(6)}');\n  }});\n}});\n\n")


def js_bait(g):
    return g.pick((
        lambda: (f"const TOKEN_TYPE = 'Bearer';\nconst PASSWORD_MIN_LENGTH = {g.n(8, 12)};\n\n"
                 f"export function authHeaders(token) {{\n  return {{ Authorization: `${{TOKEN_TYPE}} ${{token}}` }};\n}}\n\n"
                 f"export function isStrongPassword(password) {{\n"
                 f"  return password.length >= PASSWORD_MIN_LENGTH && /[A-Z]/.test(password) && /\\d/.test(password);\n}}\n\n"),
        lambda: (f"const apiKey = process.env.{g.const()}_API_KEY;\n"
                 f"if (!apiKey) {{\n  throw new Error('{g.const()}_API_KEY is not set; see docs/setup.md');\n}}\n"
                 f"const secretName = `projects/${{process.env.GCP_PROJECT}}/secrets/{g.kebab()}/versions/latest`;\n\n"),
    ))()


def ts_iface(g):
    cls = g.pascal()
    fields = "".join(f"  {g.camel()}{'?' if g.chance(0.3) else ''}: {g.pick(('string', 'number', 'boolean', 'string[]', 'Date', 'Record<string, unknown>'))};\n"
                     for _ in range(g.n(3, 9)))
    return (f"/** {g.sentence()}. */\nexport interface @@NS@@{cls} {{\n  id: string;\n{fields}}}\n\n"
            f"export type {cls}Patch = Partial<Omit<@@NS@@{cls}, 'id'>>;\n\n")


def ts_fn(g):
    cls, fn, n1 = g.pascal(), g.camel(), g.noun()
    return (f"export async function {fn}(client: HttpClient, {n1}Id: string): Promise<{cls}[]> {{\n"
            f"  const res = await client.get<{{ items: {cls}[] }}>(`/{n1}s/${{{n1}Id}}`, {{ timeoutMs: {g.n(1, 30) * 1000} }});\n"
            f"  if (!res.ok) {{\n    throw new ApiError(res.status, '{g.sentence().lower()}');\n  }}\n"
            f"  return res.body.items.filter((x) => x.{g.camel()} !== undefined);\n}}\n\n")


JS_BLOCKS = (js_fn, js_class, js_config, js_test, js_fn)
TS_BLOCKS = (ts_iface, ts_fn, js_class, js_config, js_test, ts_fn)

# ---- Go -------------------------------------------------------------------------------------

def go_ctx(g):
    return {"pkg": g.noun()}


def go_header(g, c):
    return (f"// Package {c['pkg']} {g.sentence().lower()}.\npackage {c['pkg']}\n\nimport (\n"
            f'\t"context"\n\t"encoding/json"\n\t"errors"\n\t"fmt"\n\t"net/http"\n\t"time"\n\n'
            f'\t"github.com/example/@@ns@@/internal/{g.noun()}"\n)\n\n')


def go_struct(g):
    typ, n1 = g.pascal(), g.noun()
    fields = "".join(f"\t{g.pascal()} {g.pick(('string', 'int64', 'bool', 'time.Time', '[]string', 'float64'))} `json:\"{g.snake()},omitempty\"`\n"
                     for _ in range(g.n(3, 8)))
    return (f"// {typ} {g.sentence().lower()}.\ntype {typ} struct {{\n\tID string `json:\"id\"`\n{fields}}}\n\n"
            f"func (x *{typ}) {g.camel_up()}(ctx context.Context, c *http.Client) error {{\n"
            f'\treq, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("{g.base_url()}/{n1}s/%s", x.ID), nil)\n'
            f"\tif err != nil {{\n\t\treturn fmt.Errorf(\"build {n1} request: %w\", err)\n\t}}\n"
            f"\tresp, err := c.Do(req)\n\tif err != nil {{\n\t\treturn err\n\t}}\n\tdefer resp.Body.Close()\n"
            f"\tif resp.StatusCode != http.StatusOK {{\n\t\treturn fmt.Errorf(\"{n1}: unexpected status %d\", resp.StatusCode)\n\t}}\n"
            f"\treturn json.NewDecoder(resp.Body).Decode(x)\n}}\n\n")


def go_fn(g):
    fn, n1 = g.camel_up(), g.noun()
    return (f"// {fn} {g.sentence().lower()}.\n"
            f"func {fn}(ctx context.Context, ids []string) (map[string]int, error) {{\n"
            f"\tctx, cancel := context.WithTimeout(ctx, {g.n(1, 30)}*time.Second)\n\tdefer cancel()\n"
            f"\tout := make(map[string]int, len(ids))\n"
            f"\tfor i, id := range ids {{\n"
            f"\t\tif id == \"\" {{\n\t\t\treturn nil, errors.New(\"{n1}: empty id at position \" + fmt.Sprint(i))\n\t\t}}\n"
            f"\t\tselect {{\n\t\tcase <-ctx.Done():\n\t\t\treturn out, ctx.Err()\n\t\tdefault:\n\t\t}}\n"
            f"\t\tout[id] = len(id) % {g.n(2, 97)}\n\t}}\n\treturn out, nil\n}}\n\n")


def go_consts(g):
    rows = "".join(f"\t{g.camel()} = \"{g.pick((g.uuid(), g.sha(), g.word(), g.url()))}\"\n" for _ in range(g.n(3, 8)))
    return f"const (\n{rows}\tdefault{g.pascal()}Limit = {g.n(10, 10000)}\n)\n\n"


def go_test(g):
    fn = g.camel_up()
    cases = "".join(f"\t\t{{name: \"{g.sentence().lower()}\", in: \"{g.hexs(8)}\", want: {g.n(0, 99)}}},\n" for _ in range(g.n(3, 7)))
    return (f"func Test{fn}(t *testing.T) {{\n\ttests := []struct {{\n\t\tname string\n\t\tin   string\n\t\twant int\n\t}}{{\n{cases}\t}}\n"
            f"\tfor _, tt := range tests {{\n\t\tt.Run(tt.name, func(t *testing.T) {{\n"
            f"\t\t\tgot, err := {fn}(context.Background(), []string{{tt.in}})\n"
            f"\t\t\tif err != nil {{\n\t\t\t\tt.Fatal(err)\n\t\t\t}}\n"
            f"\t\t\tif got[tt.in] != tt.want {{\n\t\t\t\tt.Errorf(\"got %d, want %d\", got[tt.in], tt.want)\n\t\t\t}}\n"
            f"\t\t}})\n\t}}\n}}\n\n")


def go_bait(g):
    return g.pick((
        lambda: (f"const passwordMinLength = {g.n(8, 12)}\n\n// ErrNoToken is returned when a request carries no bearer token.\n"
                 f"var ErrNoToken = errors.New(\"auth: missing bearer token\")\n\n"
                 f"func bearerToken(r *http.Request) (string, error) {{\n"
                 f"\th := r.Header.Get(\"Authorization\")\n\tconst prefix = \"Bearer \"\n"
                 f"\tif len(h) <= len(prefix) || h[:len(prefix)] != prefix {{\n\t\treturn \"\", ErrNoToken\n\t}}\n"
                 f"\treturn h[len(prefix):], nil\n}}\n\n"),
        lambda: (f"type SecretRef struct {{\n\tName    string `json:\"name\"`\n\tKey     string `json:\"key\"`\n\tVersion int    `json:\"version\"`\n}}\n\n"
                 f"var apiKeyHeader = \"X-API-Key\"\nvar tokenTTL = {g.n(1, 48)} * time.Hour\n\n"),
    ))()


GO_BLOCKS = (go_struct, go_fn, go_consts, go_test, go_fn)

# ---- Java / C# ------------------------------------------------------------------------------

def java_header(g, c):
    cls = g.pascal()
    return (f"package com.example.@@ns@@.{g.noun()};\n\nimport java.time.Duration;\nimport java.time.Instant;\n"
            f"import java.util.ArrayList;\nimport java.util.List;\nimport java.util.Map;\nimport java.util.Optional;\n"
            f"import org.slf4j.Logger;\nimport org.slf4j.LoggerFactory;\n\n"
            f"/**\n * {g.sentence()}.\n */\npublic class @@NS@@{cls} {{\n"
            f"    private static final Logger LOG = LoggerFactory.getLogger(@@NS@@{cls}.class);\n"
            f'    private static final String BASE_URL = "{g.base_url()}";\n'
            f"    private static final Duration TIMEOUT = Duration.ofSeconds({g.n(1, 60)});\n\n")


def java_method(g):
    cls, n1 = g.pascal(), g.noun()
    return (f"    /**\n     * {g.sentence()}.\n     */\n"
            f"    public List<{cls}> {g.camel()}(String {n1}Id, int limit) {{\n"
            f"        List<{cls}> out = new ArrayList<>();\n"
            f"        for (int i = 0; i < Math.min(limit, {g.n(10, 1000)}); i++) {{\n"
            f"            Optional<{cls}> item = repository.find{cls}({n1}Id, i);\n"
            f"            if (item.isEmpty()) {{\n"
            f'                LOG.debug("no {n1} at offset {{}} for {{}}", i, {n1}Id);\n'
            f"                break;\n            }}\n"
            f"            out.add(item.get());\n        }}\n"
            f"        return out;\n    }}\n\n")


def java_fields(g):
    rows = "".join(f'    private static final String {g.const()} = "{g.pick((g.uuid(), g.sha(), g.url(), g.word()))}";\n' for _ in range(g.n(3, 8)))
    return f"    // {g.sentence()}\n{rows}    private static final int {g.const()}_LIMIT = {g.n(1, 10000)};\n\n"


def java_record(g):
    cls = g.pascal()
    return (f"    public record {cls}(String id, String {g.camel()}, long {g.camel()}, Instant createdAt) {{\n"
            f"        public {cls} {{\n"
            f'            if (id == null || id.isBlank()) throw new IllegalArgumentException("{g.noun()} id is required");\n'
            f"        }}\n    }}\n\n")


def java_bait(g):
    return (f"    private static final int PASSWORD_MIN_LENGTH = {g.n(8, 12)};\n"
            f'    private static final String TOKEN_TYPE = "Bearer";\n\n'
            f"    public static boolean isValidPassword(String password) {{\n"
            f"        return password != null && password.length() >= PASSWORD_MIN_LENGTH;\n    }}\n\n"
            f"    public static String authorization(String token) {{\n"
            f'        return TOKEN_TYPE + " " + token;\n    }}\n\n')


JAVA_BLOCKS = (java_method, java_fields, java_record, java_method)


def cs_header(g, c):
    return (f"using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Net.Http;\n"
            f"using System.Threading;\nusing System.Threading.Tasks;\n\nnamespace Example.@@NS@@.{g.pascal()}\n{{\n"
            f"    /// <summary>\n    /// {g.sentence()}.\n    /// </summary>\n    public sealed class {g.pascal()}Service\n    {{\n"
            f'        private const string BaseUrl = "{g.base_url()}";\n'
            f"        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds({g.n(1, 60)});\n\n")


def cs_method(g):
    cls, n1 = g.pascal(), g.noun()
    return (f"        /// <summary>{g.sentence()}.</summary>\n"
            f"        public async Task<IReadOnlyList<{cls}>> {g.camel_up()}Async(string {n1}Id, CancellationToken ct = default)\n"
            f"        {{\n"
            f'            using var resp = await _http.GetAsync($"{{BaseUrl}}/{n1}s/{{{n1}Id}}", ct).ConfigureAwait(false);\n'
            f"            if (!resp.IsSuccessStatusCode)\n            {{\n"
            f'                _logger.LogWarning("{n1} {{Id}} returned {{Status}}", {n1}Id, resp.StatusCode);\n'
            f"                return Array.Empty<{cls}>();\n            }}\n"
            f"            var items = await resp.Content.ReadFromJsonAsync<List<{cls}>>(cancellationToken: ct);\n"
            f"            return items?.Where(x => x.{g.pascal()} > {g.n(0, 100)}).ToList() ?? new List<{cls}>();\n"
            f"        }}\n\n")


def cs_props(g):
    rows = "".join(f"        public {g.pick(('string', 'int', 'bool', 'DateTime', 'decimal', 'Guid'))} {g.pascal()} {{ get; init; }}\n" for _ in range(g.n(3, 8)))
    return f"        // {g.sentence()}\n{rows}        private static readonly Guid {g.pascal()}Id = Guid.Parse(\"{g.uuid()}\");\n\n"


def cs_bait(g):
    return (f"        private const int PasswordMinLength = {g.n(8, 12)};\n"
            f'        private const string TokenType = "Bearer";\n\n'
            f"        public static bool IsValidPassword(string password) => password?.Length >= PasswordMinLength;\n\n")


CS_BLOCKS = (cs_method, cs_props, cs_method)


def close_java(g, c):
    return "}\n"


def close_cs(g, c):
    return "    }\n}\n"

# ---- Rust ------------------------------------------------------------------------------------

def rs_header(g, c):
    return (f"//! {g.sentence()}.\n//!\n//! {g.sentence()}.\n\nuse std::collections::HashMap;\nuse std::time::Duration;\n\n"
            f"use serde::{{Deserialize, Serialize}};\n\nuse crate::@@ns@@::{{{g.pascal()}, {g.pascal()}}};\n\n"
            f'const BASE_URL: &str = "{g.base_url()}";\nconst TIMEOUT: Duration = Duration::from_secs({g.n(1, 60)});\n\n')


def rs_struct(g):
    typ = g.pascal()
    fields = "".join(f"    pub {g.snake()}: {g.pick(('String', 'u64', 'bool', 'Option<String>', 'Vec<String>', 'f64'))},\n" for _ in range(g.n(3, 8)))
    return (f"/// {g.sentence()}.\n#[derive(Debug, Clone, Serialize, Deserialize)]\npub struct {typ} {{\n    pub id: String,\n{fields}}}\n\n"
            f"impl {typ} {{\n    /// {g.sentence()}.\n    pub fn {g.verb()}_{g.noun()}(&self, limit: usize) -> Vec<&str> {{\n"
            f"        self.id.split('-').take(limit.min({g.n(2, 64)})).collect()\n    }}\n\n"
            f"    pub fn url(&self) -> String {{\n        format!(\"{{BASE_URL}}/{g.noun()}s/{{}}\", self.id)\n    }}\n}}\n\n")


def rs_fn(g):
    n1 = g.noun()
    return (f"/// {g.sentence()}.\npub fn {g.verb()}_{n1}s(items: &[String]) -> Result<HashMap<String, usize>, Error> {{\n"
            f"    let mut out = HashMap::with_capacity(items.len());\n"
            f"    for (i, item) in items.iter().enumerate() {{\n"
            f"        if item.is_empty() {{\n            return Err(Error::Invalid(format!(\"empty {n1} at {{i}}\")));\n        }}\n"
            f"        *out.entry(item.clone()).or_insert(0) += i % {g.n(2, 97)};\n    }}\n    Ok(out)\n}}\n\n")


def rs_enum(g):
    variants = "".join(f"    {g.pascal()},\n" for _ in range(g.n(3, 7)))
    return (f"#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\npub enum {g.pascal()}Kind {{\n{variants}}}\n\n"
            f'const {g.const()}_DIGEST: &str = "{g.hexs(32)}";\n\n')


def rs_test(g):
    return (f"#[cfg(test)]\nmod tests_{g.noun()} {{\n    use super::*;\n\n    #[test]\n    fn {g.verb()}_{g.noun()}_{g.adj()}() {{\n"
            f"        let items = vec![\"{g.uuid()}\".to_string(), \"{g.hexs(8)}\".to_string()];\n"
            f"        let got = items.len();\n        assert_eq!(got, 2, \"{g.sentence().lower()}\");\n    }}\n}}\n\n")


def rs_bait(g):
    return (f'pub const TOKEN_TYPE: &str = "Bearer";\npub const PASSWORD_MIN_LENGTH: usize = {g.n(8, 12)};\n\n'
            f"/// Reads the API key from the environment; never hard-code it.\npub fn api_key() -> Option<String> {{\n"
            f"    std::env::var(\"{g.const()}_API_KEY\").ok()\n}}\n\n")


RS_BLOCKS = (rs_struct, rs_fn, rs_enum, rs_test, rs_fn)

# ---- C / C++ ---------------------------------------------------------------------------------

def c_header_c(g, c):
    return (f"/*\n * {g.sentence()}.\n *\n * Copyright (c) 2019-2024 Example Corp.\n */\n\n#include <errno.h>\n#include <stdint.h>\n"
            f"#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n\n#include \"@@ns@@/{g.noun()}.h\"\n\n")


def c_fn(g):
    n1 = g.noun()
    return (f"/* {g.sentence()}. */\nint @@ns@@_{g.verb()}_{n1}(struct {n1} *{n1}, const uint8_t *buf, size_t len)\n{{\n"
            f"    size_t i;\n    uint32_t acc = 0x{g.hexs(4)}u;\n\n"
            f"    if ({n1} == NULL || buf == NULL)\n        return -EINVAL;\n"
            f"    for (i = 0; i < len; i++) {{\n        acc = (acc << 5) ^ (acc >> 27) ^ buf[i];\n"
            f"        if (acc % {g.n(3, 251)} == 0)\n            {n1}->{g.snake()}++;\n    }}\n"
            f"    {n1}->checksum = acc;\n    return 0;\n}}\n\n")


def c_table(g):
    vals = ", ".join(f"0x{g.hexs(1)}" for _ in range(g.n(32, 128)))
    return f"static const uint8_t {g.snake()}_table[] = {{\n    {vals}\n}};\n\n"


def h_ctx(g):
    return {"guard": f"{g.noun().upper()}_{g.noun().upper()}_H"}


def h_header(g, c):
    return f"/* {g.sentence()}. */\n#ifndef {c['guard']}\n#define {c['guard']}\n\n#include <stddef.h>\n#include <stdint.h>\n\n"


def h_footer(g, c):
    return f"#endif /* {c['guard']} */\n"


def h_struct(g):
    n1 = g.noun()
    fields = "".join(f"    {g.pick(('uint32_t', 'uint64_t', 'int', 'size_t', 'const char *', 'uint8_t'))} {g.snake()};\n" for _ in range(g.n(3, 8)))
    protos = "".join(f"int @@ns@@_{g.verb()}_{n1}(struct {n1} *{n1}, {g.pick(('size_t len', 'const char *name', 'uint32_t flags'))});\n" for _ in range(g.n(2, 5)))
    return f"/* {g.sentence()}. */\nstruct {n1} {{\n{fields}}};\n\n{protos}\n"


def h_defines(g):
    rows = "".join(f"#define {g.const()} {g.pick((str(g.n(0, 65535)), '0x' + g.hexs(4), chr(34) + g.word() + chr(34)))}\n" for _ in range(g.n(3, 10)))
    return f"/* {g.sentence()} */\n{rows}\n"


def cpp_header(g, c):
    return (f"// {g.sentence()}.\n#include <cstdint>\n#include <memory>\n#include <string>\n#include <unordered_map>\n#include <vector>\n\n"
            f"#include \"@@ns@@/{g.noun()}.hpp\"\n\nnamespace @@ns@@::{g.noun()} {{\n\n")


def cpp_footer(g, c):
    return "}  // namespace\n"


def cpp_class(g):
    cls, n1 = g.pascal(), g.noun()
    return (f"/// {g.sentence()}.\nclass {cls} final {{\n public:\n  explicit {cls}(std::size_t capacity = {g.n(16, 4096)}) : capacity_(capacity) {{}}\n\n"
            f"  bool {g.camel()}(const std::string& {n1}_id) {{\n"
            f"    if (entries_.size() >= capacity_) return false;\n"
            f"    entries_.emplace({n1}_id, {g.n(0, 999)});\n    return true;\n  }}\n\n"
            f"  [[nodiscard]] std::size_t size() const noexcept {{ return entries_.size(); }}\n\n"
            f" private:\n  std::size_t capacity_;\n  std::unordered_map<std::string, int> entries_;\n}};\n\n")


def cpp_fn(g):
    n1 = g.noun()
    return (f"// {g.sentence()}\nstd::vector<std::string> {g.verb()}_{n1}s(const std::vector<std::string>& in) {{\n"
            f"  std::vector<std::string> out;\n  out.reserve(in.size());\n"
            f"  for (const auto& s : in) {{\n    if (s.size() > {g.n(4, 64)}) out.push_back(s.substr(0, {g.n(2, 32)}));\n  }}\n"
            f"  return out;\n}}\n\n")


def c_bait(g):
    return (f"#define PASSWORD_MIN_LENGTH {g.n(8, 12)}\n#define TOKEN_HEADER \"Authorization\"\n"
            f"#define SECRET_ENV_VAR \"{g.const()}_SECRET\"\n\n")


C_BLOCKS = (c_fn, c_table, c_fn)
H_BLOCKS = (h_struct, h_defines)
CPP_BLOCKS = (cpp_class, cpp_fn, cpp_fn)

# ---- Ruby / PHP ------------------------------------------------------------------------------

def rb_header(g, c):
    return (f"# frozen_string_literal: true\n\nrequire \"json\"\nrequire \"net/http\"\n\n# {g.sentence()}.\n"
            f"module @@NS@@\n  class {g.pascal()} < ApplicationRecord\n"
            f"    BASE_URL = \"{g.base_url()}\"\n    DEFAULT_LIMIT = {g.n(10, 500)}\n\n"
            f"    belongs_to :{g.noun()}\n    has_many :{g.noun()}s, dependent: :destroy\n\n")


def rb_method(g):
    n1 = g.noun()
    return (f"    # {g.sentence()}.\n    def {g.verb()}_{n1}s(limit: DEFAULT_LIMIT)\n"
            f"      uri = URI(\"#{{BASE_URL}}/{n1}s/#{{id}}\")\n"
            f"      res = Net::HTTP.get_response(uri)\n"
            f"      return [] unless res.is_a?(Net::HTTPSuccess)\n\n"
            f"      JSON.parse(res.body).fetch(\"items\", []).first(limit).map do |item|\n"
            f"        {{ id: item[\"id\"], {g.snake()}: item.fetch(\"{g.snake()}\", {g.n(0, 100)}), rev: \"{g.sha()[:10]}\" }}\n"
            f"      end\n    end\n\n")


def rb_scope(g):
    return (f"    scope :{g.adj()}, -> {{ where({g.snake()}: true).order(created_at: :desc) }}\n"
            f"    validates :{g.snake()}, presence: true, length: {{ maximum: {g.n(16, 255)} }}\n"
            f"    validates :{g.snake()}, numericality: {{ greater_than: {g.n(0, 10)} }}\n\n")


def rb_bait(g):
    return (f"    PASSWORD_MIN_LENGTH = {g.n(8, 12)}\n\n    has_secure_password\n"
            f"    validates :password, length: {{ minimum: PASSWORD_MIN_LENGTH }}, allow_nil: true\n\n"
            f"    def regenerate_api_token!\n      update!(api_token_digest: Digest::SHA256.hexdigest(SecureRandom.hex(32)))\n    end\n\n")


def rb_footer(g, c):
    return "  end\nend\n"


RB_BLOCKS = (rb_method, rb_scope, rb_method)


def php_header(g, c):
    return (f"<?php\n\ndeclare(strict_types=1);\n\nnamespace App\\@@NS@@\\{g.pascal()};\n\n"
            f"use App\\Models\\{g.pascal()};\nuse Illuminate\\Support\\Facades\\Http;\nuse Psr\\Log\\LoggerInterface;\n\n"
            f"/**\n * {g.sentence()}.\n */\nfinal class {g.pascal()}Controller\n{{\n"
            f"    private const BASE_URL = '{g.base_url()}';\n\n"
            f"    public function __construct(private LoggerInterface $logger)\n    {{\n    }}\n\n")


def php_method(g):
    n1 = g.noun()
    return (f"    /**\n     * {g.sentence()}.\n     */\n    public function {g.camel()}(string ${n1}Id, int $limit = {g.n(10, 500)}): array\n    {{\n"
            f"        $response = Http::timeout({g.n(1, 30)})->get(self::BASE_URL . '/{n1}s/' . ${n1}Id, ['limit' => $limit]);\n"
            f"        if ($response->failed()) {{\n"
            f"            $this->logger->warning('{n1} lookup failed', ['id' => ${n1}Id, 'status' => $response->status()]);\n"
            f"            return [];\n        }}\n\n"
            f"        return array_map(fn (array $row) => ['id' => $row['id'], '{g.snake()}' => $row['{g.snake()}'] ?? {g.n(0, 99)}], $response->json('items'));\n"
            f"    }}\n\n")


def php_bait(g):
    return (f"    public const PASSWORD_MIN_LENGTH = {g.n(8, 12)};\n\n"
            f"    public function rules(): array\n    {{\n        return [\n            'email' => 'required|email',\n"
            f"            'password' => 'required|string|min:' . self::PASSWORD_MIN_LENGTH,\n            'remember_token' => 'nullable|string',\n        ];\n    }}\n\n")


PHP_BLOCKS = (php_method,)

# ---- YAML: Kubernetes and CI ---------------------------------------------------------------

def k8s_block(g):
    name, ns = g.kebab(), g.pick(("default", "prod", "staging", "platform", "payments", "data"))
    kind = g.r.randrange(5)
    if kind == 0:
        envs = "".join(f"            - name: {g.const()}\n              value: \"{g.pick((str(g.n(0, 9999)), g.word(), g.url()))}\"\n" for _ in range(g.n(2, 6)))
        return (f"---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels:\n"
                f"    app.kubernetes.io/name: {name}\n    app.kubernetes.io/version: \"{g.version()}\"\n"
                f"  annotations:\n    deployment.kubernetes.io/revision: \"{g.n(1, 300)}\"\n    example.com/commit: {g.sha()}\n"
                f"spec:\n  replicas: {g.n(1, 12)}\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: {name}\n"
                f"  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: {name}\n    spec:\n"
                f"      containers:\n        - name: {name}\n          image: registry.example.com/{name}@sha256:{g.hexs(32)}\n"
                f"          ports:\n            - containerPort: {g.n(3000, 9000)}\n"
                f"          resources:\n            requests:\n              cpu: {g.n(50, 1000)}m\n              memory: {g.n(64, 2048)}Mi\n"
                f"            limits:\n              memory: {g.n(128, 4096)}Mi\n"
                f"          env:\n{envs}"
                f"          readinessProbe:\n            httpGet:\n              path: /healthz\n              port: {g.n(3000, 9000)}\n"
                f"            periodSeconds: {g.n(5, 30)}\n")
    if kind == 1:
        return (f"---\napiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  type: ClusterIP\n"
                f"  selector:\n    app.kubernetes.io/name: {name}\n  ports:\n    - name: http\n      port: {g.n(80, 9000)}\n"
                f"      targetPort: {g.n(3000, 9000)}\n")
    if kind == 2:
        data = "".join(f"  {g.snake()}: \"{g.pick((str(g.n(0, 9999)), g.word(), g.url(), 'true', 'false'))}\"\n" for _ in range(g.n(3, 10)))
        return f"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}-config\n  namespace: {ns}\ndata:\n{data}"
    if kind == 3:
        return (f"---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {name}\n  annotations:\n"
                f"    cert-manager.io/cluster-issuer: letsencrypt\nspec:\n  rules:\n    - host: {g.noun()}.example.com\n"
                f"      http:\n        paths:\n          - path: /v{g.n(1, 3)}/{g.noun()}s\n            pathType: Prefix\n"
                f"            backend:\n              service:\n                name: {name}\n                port:\n                  number: {g.n(80, 9000)}\n")
    return (f"---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: {name}-{g.verb()}\nspec:\n"
            f"  schedule: \"{g.n(0, 59)} {g.n(0, 23)} * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
            f"          restartPolicy: OnFailure\n          containers:\n            - name: job\n"
            f"              image: registry.example.com/{name}:{g.version()}\n"
            f"              args: [\"{g.verb()}\", \"--batch-size={g.n(10, 5000)}\", \"--since={g.date()}\"]\n")


def k8s_bait(g):
    name = g.kebab()
    return (f"---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\nspec:\n  template:\n    spec:\n"
            f"      containers:\n        - name: {name}\n          image: registry.example.com/{name}:{g.version()}\n"
            f"          env:\n            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef:\n"
            f"                  name: {name}-db\n                  key: password\n"
            f"            - name: TOKEN_TTL_SECONDS\n              value: \"{g.pick((900, 3600, 86400))}\"\n")


def k8s_header(g, c):
    return f"# Source: {g.noun()}/templates/{g.noun()}.yaml\n# {g.sentence()}.\n"


def ci_header(g, c):
    return (f"name: {g.kebab()}\n\non:\n  push:\n    branches: [main]\n  pull_request:\n\n"
            f"concurrency:\n  group: ${{{{ github.workflow }}}}-${{{{ github.ref }}}}\n  cancel-in-progress: true\n\njobs:\n")


def ci_job(g):
    name = g.kebab()
    steps = "".join(f"      - name: {g.verb()} {g.noun()}\n        run: make {g.verb()}-{g.noun()} JOBS={g.n(1, 16)}\n" for _ in range(g.n(2, 6)))
    return (f"  {name}:\n    runs-on: {g.pick(('ubuntu-latest', 'ubuntu-22.04', 'macos-14'))}\n    timeout-minutes: {g.n(5, 60)}\n"
            f"    steps:\n      - uses: actions/checkout@{g.sha()}\n"
            f"      - uses: actions/cache@{g.sha()}\n        with:\n          path: ~/.cache\n"
            f"          key: ${{{{ runner.os }}}}-{g.noun()}-${{{{ hashFiles('**/*.lock') }}}}\n{steps}\n")


def ci_bait(g):
    return (f"  publish-{g.noun()}:\n    runs-on: ubuntu-latest\n    needs: [build]\n    env:\n"
            f"      NPM_TOKEN: ${{{{ secrets.NPM_TOKEN }}}}\n      REGISTRY_PASSWORD: ${{{{ secrets.REGISTRY_PASSWORD }}}}\n"
            f"    steps:\n      - run: echo \"//registry.npmjs.org/:_authToken=${{NPM_TOKEN}}\" > ~/.npmrc\n      - run: npm publish\n\n")


# ---- JSON: fixtures, package.json, package-lock.json -----------------------------------------

def jf_block(g):
    tags = ", ".join(f'"{g.word()}"' for _ in range(g.n(0, 4)))
    return (f'  {{\n    "id": "{g.uuid()}",\n    "type": "{g.noun()}",\n    "name": "{g.name()}",\n'
            f'    "email": "{g.email()}",\n    "created_at": "{g.ts()}",\n    "updated_at": "{g.ts()}",\n'
            f'    "status": "{g.pick(("active", "pending", "archived", "deleted"))}",\n'
            f'    "amount": {g.money()},\n    "currency": "{g.pick(CURRENCIES)}",\n    "tags": [{tags}],\n'
            f'    "links": {{\n      "self": "{g.url()}",\n      "{g.noun()}": "{g.url()}"\n    }},\n'
            f'    "commit": "{g.sha()}",\n    "etag": "W/\\"{g.hexs(16)}\\"",\n'
            f'    "thumbnail": "data:image/png;base64,{g.b64(g.n(48, 300))}",\n'
            f'    "metadata": {{\n      "{g.snake()}": {g.n(0, 99999)},\n      "{g.snake()}": "{g.word()}",\n      "{g.snake()}": {g.pick(("true", "false", "null"))}\n    }}\n  }}')


def jf_bait(g):
    return (f'  {{\n    "id": "{g.uuid()}",\n    "token_type": "Bearer",\n    "expires_in": {g.pick((900, 3600, 86400))},\n'
            f'    "scope": "{g.noun()}:read {g.noun()}:write",\n    "password_policy": {{ "min_length": {g.n(8, 12)}, "require_symbol": true }}\n  }}')


def pj_header(g, c):
    return (f'{{\n  "name": "@example/{g.kebab()}",\n  "version": "{g.version()}",\n  "private": true,\n'
            f'  "description": "{g.sentence()}",\n  "license": "MIT",\n  "scripts": {{\n'
            f'    "build": "tsc -p tsconfig.json",\n    "test": "jest --runInBand",\n    "lint": "eslint . --ext .ts,.js"\n  }},\n'
            f'  "dependencies": {{\n')


def pj_block(g):
    return f'    "{g.pick(("", "@example/", "@types/"))}{g.kebab()}": "^{g.version()}"'


def pj_footer(g, c):
    return f'\n  }},\n  "engines": {{\n    "node": ">={g.n(16, 22)}"\n  }}\n}}\n'


def pl_header(g, c):
    return (f'{{\n  "name": "{g.kebab()}",\n  "version": "{g.version()}",\n  "lockfileVersion": 3,\n  "requires": true,\n'
            f'  "packages": {{\n    "": {{\n      "name": "{g.kebab()}",\n      "version": "{g.version()}"\n    }},\n')


def pl_block(g):
    name = f"{g.noun()}-{g.noun()}{g.pick(('', '', '-js', '-utils', '-core'))}"
    ver = g.version()
    deps = ""
    if g.chance(0.4):
        deps = ",\n      \"dependencies\": {\n" + ",\n".join(
            f'        "{g.noun()}-{g.noun()}": "^{g.version()}"' for _ in range(g.n(1, 4))) + "\n      }"
    return (f'    "node_modules/{name}": {{\n      "version": "{ver}",\n'
            f'      "resolved": "https://registry.npmjs.org/{name}/-/{name}-{ver}.tgz",\n'
            f'      "integrity": "sha512-{g.b64(64)}",\n'
            f'      "license": "{g.pick(("MIT", "ISC", "Apache-2.0", "BSD-3-Clause"))}"{deps}\n    }}')


def pl_footer(g, c):
    return "\n  }\n}\n"


# ---- Cargo.lock, go.sum ---------------------------------------------------------------------

def cl_header(g, c):
    return "# This file is automatically @generated by Cargo.\n# It is not intended for manual editing.\nversion = 3\n\n"


def cl_block(g):
    deps = ""
    if g.chance(0.6):
        deps = "dependencies = [\n" + "".join(f' "{g.noun()}-{g.noun()}",\n' for _ in range(g.n(1, 6))) + "]\n"
    return (f'[[package]]\nname = "{g.noun()}-{g.noun()}"\nversion = "{g.version()}"\n'
            f'source = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "{g.hexs(32)}"\n{deps}\n')


def gs_block(g):
    out = []
    for _ in range(g.n(4, 12)):
        mod = f"github.com/{g.noun()}/{g.noun()}-{g.noun()}"
        ver = f"v{g.version()}"
        out.append(f"{mod} {ver} h1:{g.b64(32)}\n{mod} {ver}/go.mod h1:{g.b64(32)}\n")
    return "".join(out)


# ---- TOML / INI --------------------------------------------------------------------------------

def toml_header(g, c):
    return (f'# {g.sentence()}.\n[package]\nname = "{g.kebab()}"\nversion = "{g.version()}"\nedition = "2021"\n'
            f'description = "{g.sentence()}"\n\n')


def toml_block(g):
    kind = g.r.randrange(3)
    if kind == 0:
        rows = "".join(f'{g.kebab()} = {{ version = "{g.version()}", features = ["{g.noun()}"] }}\n' for _ in range(g.n(3, 10)))
        return f"[{g.pick(('dependencies', 'dev-dependencies', 'build-dependencies'))}]\n{rows}\n"
    if kind == 1:
        rows = "".join(f"{g.snake()} = {g.pick((str(g.n(0, 9999)), chr(34) + g.word() + chr(34), 'true', 'false', chr(34) + g.url() + chr(34)))}\n"
                       for _ in range(g.n(3, 9)))
        return f"[{g.noun()}.{g.noun()}]\n{rows}\n"
    return (f'[[{g.pick(("bin", "bench", "example"))}]]\nname = "{g.kebab()}"\npath = "src/{g.noun()}/{g.snake()}.rs"\n'
            f'required-features = ["{g.noun()}"]\n\n')


def toml_bait(g):
    return (f"[auth]\ntoken_ttl_seconds = {g.pick((900, 3600, 86400))}\npassword_min_length = {g.n(8, 12)}\n"
            f'token_type = "Bearer"\napi_key_header = "X-API-Key"\nsecret_store = "vault"\n\n')


def ini_header(g, c):
    return f"; {g.sentence()}.\n; generated {g.date()}\n\n"


def ini_block(g):
    rows = "".join(f"{g.snake()} = {g.pick((str(g.n(0, 99999)), g.word(), g.url(), 'on', 'off', g.ip()))}\n" for _ in range(g.n(3, 12)))
    return f"[{g.pick((g.noun(), g.snake(), 'app:' + g.noun(), 'loggers', 'handler_' + g.noun()))}]\n{rows}\n"


def ini_bait(g):
    return (f"[security]\npassword_min_length = {g.n(8, 12)}\npassword_hash_rounds = {g.n(10, 14)}\n"
            f"token_expiry = {g.pick((900, 3600))}\nsecret_key_file = /etc/{g.noun()}/secret_key\n\n")


# ---- Markdown --------------------------------------------------------------------------------

def md_header(g, c):
    return f"# {g.pascal()} {g.noun()}\n\n{g.para(2, 4)}\n\n"


def md_block(g):
    kind = g.r.randrange(4)
    if kind == 0:
        return f"## {g.verb().capitalize()} the {g.noun()}\n\n{g.para(2, 6)}\n\n{g.para(1, 4)}\n\n"
    if kind == 1:
        return (f"### Example\n\n```bash\ncurl -sS -X {g.pick(HTTP_METHODS)} {g.url()} \\\n  -H 'Accept: application/json' \\\n"
                f"  -d '{{\"{g.snake()}\": {g.n(0, 999)}, \"ref\": \"{g.hexs(8)}\"}}'\n```\n\n{g.para(1, 3)}\n\n")
    if kind == 2:
        rows = "".join(f"| `{g.snake()}` | {g.pick(('string', 'integer', 'boolean', 'uuid'))} | {g.sentence()} |\n" for _ in range(g.n(3, 10)))
        return f"| Field | Type | Description |\n| --- | --- | --- |\n{rows}\n"
    items = "".join(f"- [{g.sentence()}]({g.url()}) ({g.sha()[:7]})\n" for _ in range(g.n(3, 8)))
    return f"## {g.version()} - {g.date()}\n\n{items}\n"


def md_bait(g):
    return (f"## Authentication\n\nEvery request must send an `Authorization: Bearer <token>` header. Tokens expire after "
            f"{g.pick((15, 60))} minutes; use the refresh token to get a new one. Never commit a secret or API key to the "
            f"repository: put it in `.env` (ignored) or the secret manager, and set `{g.const()}_API_KEY` in CI.\n\n"
            f"Passwords must be at least {g.n(8, 12)} characters long.\n\n")


# ---- Shell / Dockerfile ------------------------------------------------------------------------

def sh_header(g, c):
    return (f"#!/usr/bin/env bash\n# {g.sentence()}.\nset -euo pipefail\n\nROOT_DIR=\"$(cd \"$(dirname \"${{BASH_SOURCE[0]}}\")/..\" && pwd)\"\n"
            f"API_URL=\"${{API_URL:-{g.base_url()}}}\"\n\n")


def sh_block(g):
    kind = g.r.randrange(3)
    fn = g.snake()
    if kind == 0:
        return (f"{fn}() {{\n  local target=\"$1\"\n  echo \"==> {g.verb()} ${{target}}\"\n"
                f"  for f in \"${{ROOT_DIR}}\"/{g.noun()}/*.{g.pick(('json', 'yaml', 'sql'))}; do\n"
                f"    [ -e \"$f\" ] || continue\n    {g.pick(('jq -c .', 'yq e .', 'psql -f'))} \"$f\" >/dev/null\n  done\n}}\n\n")
    if kind == 1:
        return (f"case \"${{1:-}}\" in\n  {g.verb()})\n    {g.snake()} \"${{2:-{g.noun()}}}\"\n    ;;\n"
                f"  {g.verb()})\n    docker build -t registry.example.com/{g.kebab()}:{g.sha()[:12]} .\n    ;;\n"
                f"  *)\n    echo \"usage: $0 {{{g.verb()}|{g.verb()}}}\" >&2\n    exit 64\n    ;;\nesac\n\n")
    return (f"# {g.sentence()}\ncurl -fsS --retry {g.n(1, 5)} \"${{API_URL}}/{g.noun()}s?limit={g.n(10, 500)}\" \\\n"
            f"  | jq -r '.items[].id' \\\n  | xargs -n {g.n(1, 50)} -P {g.n(1, 8)} ./scripts/{g.snake()}.sh\n\n")


def sh_bait(g):
    return (f": \"${{API_TOKEN:?API_TOKEN must be set (see docs/secrets.md)}}\"\n"
            f"curl -fsS -H \"Authorization: Bearer ${{API_TOKEN}}\" \"${{API_URL}}/{g.noun()}s\" -o /tmp/{g.noun()}.json\n"
            f"read -rsp 'Database password: ' DB_PASSWORD\necho\n\n")


def df_header(g, c):
    return f"# syntax=docker/dockerfile:1.6\n# {g.sentence()}.\nARG VERSION={g.version()}\n\n"


def df_block(g):
    img = g.pick(IMAGES)
    return (f"FROM {img} AS {g.noun()}\nWORKDIR /app\nLABEL org.opencontainers.image.revision=\"{g.sha()}\"\n"
            f"ENV {g.const()}={g.pick((str(g.n(0, 9999)), g.word()))} \\\n    {g.const()}=/app/{g.noun()}\n"
            f"RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates {g.noun()}-tools \\\n"
            f"    && rm -rf /var/lib/apt/lists/*\nCOPY {g.noun()}/ ./{g.noun()}/\n"
            f"RUN ./scripts/{g.verb()}.sh --jobs {g.n(1, 16)}\n"
            f"EXPOSE {g.n(3000, 9000)}\nHEALTHCHECK CMD curl -fsS http://localhost:{g.n(3000, 9000)}/healthz || exit 1\n\n")


# ---- SQL -------------------------------------------------------------------------------------

def sql_header(g, c):
    return f"-- {g.sentence()}.\n-- migrate:up\nBEGIN;\n\n"


def sql_block(g):
    kind = g.r.randrange(4)
    table = f"{g.noun()}_{g.noun()}s"
    if kind == 0:
        cols = "".join(f"    {g.snake()} {g.pick(('TEXT', 'INTEGER NOT NULL DEFAULT 0', 'BOOLEAN NOT NULL DEFAULT false', 'TIMESTAMPTZ', 'NUMERIC(12,2)', 'JSONB'))},\n"
                       for _ in range(g.n(3, 9)))
        return (f"CREATE TABLE IF NOT EXISTS {table} (\n    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),\n{cols}"
                f"    created_at TIMESTAMPTZ NOT NULL DEFAULT now()\n);\n\n"
                f"CREATE INDEX IF NOT EXISTS idx_{table}_{g.noun()} ON {table} ({g.snake()});\n\n")
    if kind == 1:
        return (f"ALTER TABLE {table} ADD COLUMN {g.snake()} TEXT;\n"
                f"COMMENT ON COLUMN {table}.{g.snake()} IS '{g.sentence()}';\n\n")
    if kind == 2:
        return (f"CREATE OR REPLACE VIEW {g.adj()}_{table} AS\n  SELECT id, {g.snake()}, count(*) AS n\n  FROM {table}\n"
                f"  WHERE created_at > now() - interval '{g.n(1, 90)} days'\n  GROUP BY id, {g.snake()};\n\n")
    return sql_insert(g)


def sql_insert(g):
    table = f"{g.noun()}_{g.noun()}s"
    rows = ",\n".join(f"  ('{g.uuid()}', '{g.email()}', '{g.name()}', {g.money()}, '{g.pick(CURRENCIES)}', '{g.sha()}', '{g.ts()}')"
                      for _ in range(g.n(8, 40)))
    return f"INSERT INTO {table} (id, email, display_name, amount, currency, revision, created_at) VALUES\n{rows};\n\n"


def sql_bait(g):
    return (f"CREATE TABLE IF NOT EXISTS users (\n    id UUID PRIMARY KEY,\n    email CITEXT NOT NULL UNIQUE,\n"
            f"    password_hash VARCHAR(255) NOT NULL,\n    reset_token_expires_at TIMESTAMPTZ,\n"
            f"    api_key_last_rotated_at TIMESTAMPTZ\n);\n\n")


def sql_footer(g, c):
    return "COMMIT;\n"


# ---- HTML / CSS / minified JS ------------------------------------------------------------------

def html_header(g, c):
    return (f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>{g.pascal()} | Example</title>\n"
            f"  <link rel=\"stylesheet\" href=\"https://cdn.example.com/css/app.{g.hexs(4)}.css\" "
            f"integrity=\"sha384-{g.b64(48)}\" crossorigin=\"anonymous\">\n"
            f"  <script defer src=\"/static/js/main.{g.hexs(4)}.js\"></script>\n</head>\n<body class=\"{g.noun()}-page\">\n")


def html_block(g):
    items = "".join(f"      <li class=\"{g.kebab()}\"><a href=\"{g.url()}\">{g.sentence()}</a></li>\n" for _ in range(g.n(2, 8)))
    return (f"  <section id=\"{g.kebab()}\" class=\"card card--{g.adj()}\" data-id=\"{g.uuid()}\">\n"
            f"    <h2>{g.verb().capitalize()} {g.noun()}s</h2>\n    <p>{g.para(1, 3)}</p>\n    <ul>\n{items}    </ul>\n"
            f"    <button type=\"button\" data-action=\"{g.verb()}\" aria-label=\"{g.verb()} {g.noun()}\">{g.verb().capitalize()}</button>\n"
            f"  </section>\n")


def html_bait(g):
    return (f"  <form method=\"post\" action=\"/login\">\n    <input type=\"hidden\" name=\"csrf_token\" value=\"{{{{ csrf_token }}}}\">\n"
            f"    <label>Password <input type=\"password\" name=\"password\" minlength=\"{g.n(8, 12)}\" required></label>\n"
            f"    <button type=\"submit\">Sign in</button>\n  </form>\n")


def html_footer(g, c):
    return f"  <footer>&copy; 2024 Example Corp. Build {g.sha()[:8]}</footer>\n</body>\n</html>\n"


def css_block(g):
    sel = g.pick((f".{g.kebab()}", f"#{g.kebab()}", f".{g.noun()}__{g.noun()}--{g.adj()}", f".{g.noun()} > .{g.noun()}"))
    props = "".join(f"  {g.pick(('color', 'background-color', 'border-color'))}: #{g.hexs(3)};\n" for _ in range(g.n(1, 3)))
    extra = ""
    if g.chance(0.08):
        extra = f"  background-image: url(\"data:image/png;base64,{g.b64(g.n(200, 1200))}\");\n"
    out = (f"{sel} {{\n{props}  padding: {g.n(0, 32)}px {g.n(0, 32)}px;\n  margin: 0 auto;\n"
           f"  font-size: {g.n(10, 32)}px;\n  line-height: 1.{g.n(2, 8)};\n{extra}}}\n\n")
    if g.chance(0.2):
        out += f"@media (max-width: {g.n(320, 1280)}px) {{\n  {sel} {{\n    display: {g.pick(('none', 'block', 'flex', 'grid'))};\n  }}\n}}\n\n"
    return out


def css_header(g, c):
    return f"/* {g.sentence()}. */\n:root {{\n  --brand: #{g.hexs(3)};\n  --accent: #{g.hexs(3)};\n}}\n\n"


def min_header(g, c):
    return f"/*! {g.kebab()} v{g.version()} | (c) Example Corp | MIT License */\n"


def min_block(g):
    a, b, c = g.pick("abcdefghijklmnopqrstuvwxyz"), g.pick("eintr"), g.pick("ouvw")
    kind = g.r.randrange(5)
    if kind == 0:
        return (f"{g.n(1, 9999)}:function({a},{b},{c}){{\"use strict\";var r={c}({g.n(1, 999)}),o={c}({g.n(1, 999)});"
                f"{a}.exports=function({b}){{return r({b})&&o({b}.{g.camel()})}}}},")
    if kind == 1:
        return (f"function {a}{g.n(0, 99)}({b},{c}){{if(!{b})throw new Error(\"{g.sentence()}\");"
                f"for(var i=0;i<{b}.length;i++){{{c}.push({b}[i].{g.camel()}||{g.n(0, 99)})}}return {c}}}")
    if kind == 2:
        return f"var {a}{g.n(0, 999)}=\"{g.url()}\",{b}{g.n(0, 999)}={{id:\"{g.uuid()}\",rev:\"{g.sha()}\",n:{g.n(0, 99999)}}};"
    if kind == 3:
        return f"{a}.{g.camel()}=\"data:image/svg+xml;base64,{g.b64(g.n(60, 600))}\";"
    strs = ",".join(f"\"{g.sentence()}\"" for _ in range(g.n(3, 10)))
    return f"var {a}{g.n(0, 999)}=[{strs}];"


def min_footer(g, c):
    return f"\n//# sourceMappingURL={g.noun()}.{g.hexs(4)}.min.js.map\n"


# ---- CSV / logs (fully fresh, stateful) ------------------------------------------------------

CSV_SCHEMAS = (
    ("id,email,name,country,plan,mrr,created_at,external_ref",
     lambda g: f"{g.uuid()},{g.email()},{g.name()},{g.pick(COUNTRIES)},{g.pick(('free', 'pro', 'team', 'enterprise'))},{g.money()},{g.ts()},{g.hexs(12)}"),
    ("ts,event,user_id,session_id,path,status,duration_ms,user_agent",
     lambda g: f"{g.ts()},{g.verb()}_{g.noun()},{g.n(1, 9999999)},{g.uuid()},{g.path()},{g.pick(STATUS)},{g.n(1, 5000)},\"{g.pick(UAS)}\""),
    ("txn_id,account,amount,currency,status,reference,settled_on",
     lambda g: f"{g.hexs(10)},{g.n(10000000, 99999999)},{g.money()},{g.pick(CURRENCIES)},{g.pick(('settled', 'pending', 'failed', 'refunded'))},{g.sha()},{g.date()}"),
    ("sku,title,category,price,stock,warehouse,image_sha256",
     lambda g: f"{g.noun().upper()}-{g.n(1000, 99999)},{g.adj()} {g.noun()} {g.noun()},{g.noun()},{g.money()},{g.n(0, 5000)},{g.noun()}-{g.n(1, 20)},{g.hexs(32)}"),
)


def csv_ctx(g):
    return {"schema": g.r.randrange(len(CSV_SCHEMAS))}


def csv_header(g, c):
    return CSV_SCHEMAS[c["schema"]][0] + "\n"


def csv_block(g, c):
    row = CSV_SCHEMAS[c["schema"]][1]
    return "\n".join(row(g) for _ in range(40)) + "\n"


def log_ctx(g):
    return {"fmt": g.r.randrange(3), "t": g.n(0, 86400 * 200) * 1000, "svc": g.kebab(), "day": g.n(1, 28)}


def _clock(c, g):
    c["t"] += g.r.randrange(1, 900)
    t = c["t"]
    ms = t % 1000
    s = t // 1000
    day = c["day"] + s // 86400
    s %= 86400
    return f"2024-05-{day % 28 + 1:02d}T{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}.{ms:03d}Z"


def log_block(g, c):
    out = []
    fmt = c["fmt"]
    for _ in range(40):
        ts = _clock(c, g)
        if fmt == 0:
            out.append(f"{ts} {g.pick(LEVELS):5} [{c['svc']}-{g.n(0, 7)}] {g.sentence()} request_id={g.uuid()} "
                       f"{g.noun()}_id={g.n(1, 999999)} duration_ms={g.n(0, 3000)}")
        elif fmt == 1:
            out.append(f"{g.ip()} - - [{ts}] \"{g.pick(HTTP_METHODS)} {g.path()} HTTP/1.1\" {g.pick(STATUS)} {g.n(0, 90000)} "
                       f"\"-\" \"{g.pick(UAS)}\" {g.n(0, 2000) / 1000:.3f}")
        else:
            out.append(f"{{\"ts\":\"{ts}\",\"level\":\"{g.pick(LEVELS).lower()}\",\"svc\":\"{c['svc']}\",\"msg\":\"{g.sentence()}\","
                       f"\"trace_id\":\"{g.hexs(16)}\",\"span_id\":\"{g.hexs(8)}\",\"path\":\"{g.path()}\",\"status\":{g.pick(STATUS)}}}")
    if g.chance(0.05):
        out.append(f"{_clock(c, g)} INFO  [{c['svc']}-0] token refreshed for user_id={g.n(1, 999999)} token_type=Bearer expires_in=3600")
    return "\n".join(out) + "\n"


def no_header(g, c):
    return ""


def _wrap(fns):
    return lambda g: g.pick(fns)(g)


KINDS = {
    "py": Kind("py", py_header, _wrap(PY_BLOCKS), bait=py_bait),
    "js": Kind("js", js_header, _wrap(JS_BLOCKS), bait=js_bait),
    "ts": Kind("ts", js_header, _wrap(TS_BLOCKS), bait=js_bait),
    "go": Kind("go", go_header, _wrap(GO_BLOCKS), ctx=go_ctx, bait=go_bait),
    "java": Kind("java", java_header, _wrap(JAVA_BLOCKS), footer=close_java, bait=java_bait),
    "cs": Kind("cs", cs_header, _wrap(CS_BLOCKS), footer=close_cs, bait=cs_bait),
    "rs": Kind("rs", rs_header, _wrap(RS_BLOCKS), bait=rs_bait),
    "c": Kind("c", c_header_c, _wrap(C_BLOCKS), bait=c_bait),
    "h": Kind("h", h_header, _wrap(H_BLOCKS), footer=h_footer, ctx=h_ctx, bait=c_bait),
    "cpp": Kind("cpp", cpp_header, _wrap(CPP_BLOCKS), footer=cpp_footer, bait=c_bait),
    "hpp": Kind("hpp", h_header, _wrap(CPP_BLOCKS + H_BLOCKS), footer=h_footer, ctx=h_ctx, bait=c_bait),
    "rb": Kind("rb", rb_header, _wrap(RB_BLOCKS), footer=rb_footer, bait=rb_bait),
    "php": Kind("php", php_header, _wrap(PHP_BLOCKS), footer=close_java, bait=php_bait),
    "k8s": Kind("k8s", k8s_header, k8s_block, bait=k8s_bait),
    "ci": Kind("ci", ci_header, ci_job, bait=ci_bait),
    "json": Kind("json", lambda g, c: "[\n", jf_block, footer=lambda g, c: "\n]\n", sep=",\n", fresh=0.3, bait=jf_bait),
    "pkgjson": Kind("pkgjson", pj_header, pj_block, footer=pj_footer, sep=",\n", fresh=1.0),
    "pkglock": Kind("pkglock", pl_header, pl_block, footer=pl_footer, sep=",\n", fresh=1.0),
    "cargolock": Kind("cargolock", cl_header, cl_block, fresh=1.0),
    "gosum": Kind("gosum", no_header, gs_block, fresh=1.0),
    "toml": Kind("toml", toml_header, toml_block, bait=toml_bait),
    "ini": Kind("ini", ini_header, ini_block, bait=ini_bait),
    "md": Kind("md", md_header, md_block, bait=md_bait),
    "sh": Kind("sh", sh_header, sh_block, bait=sh_bait),
    "docker": Kind("docker", df_header, df_block),
    "sql": Kind("sql", sql_header, sql_block, footer=sql_footer, fresh=0.3, bait=sql_bait),
    "html": Kind("html", html_header, html_block, footer=html_footer, bait=html_bait),
    "css": Kind("css", css_header, css_block),
    "minjs": Kind("minjs", min_header, min_block, footer=min_footer, fresh=0.2),
    "csv": Kind("csv", csv_header, csv_block, ctx=csv_ctx, fresh=1.0),
    "log": Kind("log", no_header, log_block, ctx=log_ctx, fresh=1.0),
}
STATEFUL = {"csv", "log"}  # block(g, ctx) instead of block(g)

# --------------------------------------------------------------------------------------
# Planted secrets
# --------------------------------------------------------------------------------------

SECRET_KINDS = ("aws-access-key-id", "github-pat-classic", "slack-bot-token", "stripe-secret-key",
                "postgres-connection-uri")
_A, _G, _S, _T, _P = SECRET_KINDS

# Snippets inserted between blocks; "{S}" marks the secret (on exactly one line).
PLANTS = {
    "py": {_A: 'AWS_CREDENTIALS = """\n[default]\naws_access_key_id = {S}\nregion = us-east-1\n"""\n\n\n',
           _G: 'GITHUB_TOKEN = os.environ.get("GITHUB_TOKEN", "{S}")\n\n\n',
           _S: 'SLACK_BOT_TOKEN = "{S}"  # TODO: move to vault before launch\n\n\n',
           _T: 'stripe.api_key = "{S}"\n\n\n',
           _P: 'DATABASE_URL = os.getenv("DATABASE_URL", "{S}")\n\n\n'},
    "js": {_A: "const aws_access_key_id = '{S}';\n\n", _G: "const githubToken = process.env.GITHUB_TOKEN || '{S}';\n\n",
           _S: "const slack = new WebClient('{S}');\n\n", _T: "const stripe = require('stripe')('{S}');\n\n",
           _P: "const pool = new Pool({ connectionString: '{S}' });\n\n"},
    "go": {_A: 'const awsCredentials = `\n[default]\naws_access_key_id = {S}\nregion = us-west-2\n`\n\n',
           _G: 'var githubToken = "{S}"\n\n', _S: 'const slackBotToken = "{S}"\n\n',
           _T: 'func init() {\n\tstripe.Key = "{S}"\n}\n\n', _P: 'var defaultDSN = "{S}"\n\n'},
    "java": {_A: '    private static final String aws_access_key_id = "{S}";\n\n',
             _G: '    private static final String GITHUB_TOKEN = "{S}";\n\n',
             _S: '    private static final String SLACK_BOT_TOKEN = "{S}";\n\n',
             _T: '    static {\n        Stripe.apiKey = "{S}";\n    }\n\n',
             _P: '    private static final String FALLBACK_DSN = "{S}";\n\n'},
    "cs": {_A: '        private const string aws_access_key_id = "{S}";\n\n',
           _G: '        private const string GitHubToken = "{S}";\n\n',
           _S: '        private const string SlackBotToken = "{S}";\n\n',
           _T: '        private const string StripeApiKey = "{S}";\n\n',
           _P: '        private const string ConnectionString = "{S}";\n\n'},
    "rs": {_A: 'const AWS_CREDENTIALS: &str = r#"\n[default]\naws_access_key_id = {S}\n"#;\n\n',
           _G: 'const GITHUB_TOKEN: &str = "{S}";\n\n', _S: 'static SLACK_BOT_TOKEN: &str = "{S}";\n\n',
           _T: 'const STRIPE_KEY: &str = "{S}";\n\n', _P: 'const DATABASE_URL: &str = "{S}";\n\n'},
    "c": {_A: 'static const char *aws_access_key_id = "{S}";\n\n', _G: 'static const char *github_token = "{S}";\n\n',
          _S: 'static const char *slack_bot_token = "{S}";\n\n', _T: 'static const char *stripe_key = "{S}";\n\n',
          _P: 'static const char *db_dsn = "{S}";\n\n'},
    "rb": {_A: '    aws_access_key_id = "{S}"\n\n', _G: '    GITHUB_TOKEN = "{S}"\n\n', _S: '    SLACK_TOKEN = "{S}"\n\n',
           _T: '    Stripe.api_key = "{S}"\n\n', _P: '    DATABASE_URL = ENV.fetch("DATABASE_URL", "{S}")\n\n'},
    "php": {_A: "    private string $aws_access_key_id = '{S}';\n\n", _G: "    private string $githubToken = '{S}';\n\n",
            _S: "    private string $slackToken = '{S}';\n\n", _T: "    private const STRIPE_SECRET = '{S}';\n\n",
            _P: "    private string $dsn = '{S}';\n\n"},
    "k8s": {_A: "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: aws-credentials\ndata:\n  credentials: |\n    [default]\n    aws_access_key_id = {S}\n    region = eu-west-1\n",
            _G: "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ci-env\ndata:\n  GITHUB_TOKEN: \"{S}\"\n",
            _S: "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notifier-env\ndata:\n  SLACK_BOT_TOKEN: \"{S}\"\n",
            _T: "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing-env\ndata:\n  STRIPE_SECRET_KEY: \"{S}\"\n",
            _P: "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-db\ndata:\n  DATABASE_URL: \"{S}\"\n"},
    "ci": {_G: "  release-notes:\n    runs-on: ubuntu-latest\n    env:\n      GITHUB_TOKEN: {S}\n    steps:\n      - run: ./scripts/release-notes.sh\n\n",
           _S: "  notify:\n    runs-on: ubuntu-latest\n    env:\n      SLACK_BOT_TOKEN: {S}\n    steps:\n      - run: ./scripts/notify.sh\n\n",
           _P: "  migrate:\n    runs-on: ubuntu-latest\n    env:\n      DATABASE_URL: {S}\n    steps:\n      - run: make migrate\n\n"},
    "toml": {_A: '[storage.s3]\naws_access_key_id = "{S}"\nregion = "us-east-1"\n\n', _G: '[github]\ntoken = "{S}"\n\n',
             _S: '[notify.slack]\nbot_token = "{S}"\n\n', _T: '[billing.stripe]\nsecret_key = "{S}"\n\n',
             _P: '[database]\nurl = "{S}"\npool_size = 10\n\n'},
    "ini": {_A: "[default]\naws_access_key_id = {S}\nregion = us-east-1\n\n", _G: "[github]\ntoken = {S}\n\n",
            _S: "[slack]\nbot_token = {S}\n\n", _T: "[stripe]\napi_key = {S}\n\n", _P: "[database]\nurl = {S}\n\n"},
    "md": {_A: "Local setup used by the on-call runbook:\n\n```ini\n[default]\naws_access_key_id = {S}\nregion = us-east-1\n```\n\n",
           _G: "Clone the private mirror with:\n\n```bash\ngit clone https://x-access-token:{S}@github.com/example/mirror.git\n```\n\n",
           _S: "The bot posts with `SLACK_BOT_TOKEN={S}` (staging workspace).\n\n",
           _T: "```bash\nexport STRIPE_API_KEY={S}\n```\n\n",
           _P: "Connect to the reporting replica:\n\n```bash\npsql {S}\n```\n\n"},
    "sh": {_A: "mkdir -p ~/.aws\ncat > ~/.aws/credentials <<EOF\n[default]\naws_access_key_id = {S}\nEOF\n\n",
           _G: "export GITHUB_TOKEN=\"{S}\"\n\n", _S: "SLACK_BOT_TOKEN='{S}'\n\n",
           _T: "export STRIPE_API_KEY={S}\n\n", _P: "psql \"{S}\" -f ./migrations/latest.sql\n\n"},
    "docker": {_G: "ENV GITHUB_TOKEN={S}\n\n", _S: "ENV SLACK_BOT_TOKEN={S}\n\n", _T: "ENV STRIPE_API_KEY={S}\n\n",
               _P: "ENV DATABASE_URL={S}\n\n"},
}
PLANTS["ts"] = PLANTS["js"]
PLANTS["cpp"] = PLANTS["c"]
PLANTS["h"] = {k: v.replace("static const char *", "static const char *const ") for k, v in PLANTS["c"].items()}
PLANTS["hpp"] = PLANTS["h"]


def _bad_runs(s: str) -> bool:
    """True if s has 6 identical or 6 consecutive ascending characters."""
    same = asc = 1
    for a, b in zip(s, s[1:]):
        same = same + 1 if a == b else 1
        asc = asc + 1 if ord(b) == ord(a) + 1 else 1
        if same >= 6 or asc >= 6:
            return True
    return False


def _rand(r, alphabet, n):
    return "".join(r.choice(alphabet) for _ in range(n))


def _b62(n: int, width: int) -> str:
    s = ""
    while n:
        n, d = divmod(n, 62)
        s = B62[d] + s
    return s.rjust(width, "0")


def make_secret(r: random.Random, kind: str) -> str:
    while True:
        if kind == _A:
            s = "AKIA" + _rand(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
        elif kind == _G:
            body = _rand(r, ALNUM, 30)
            s = "ghp_" + body + _b62(zlib.crc32(body.encode()), 6)
        elif kind == _S:
            s = (f"xoxb-{r.choice('123456789')}{_rand(r, '0123456789', r.randint(9, 12))}-"
                 f"{r.choice('123456789')}{_rand(r, '0123456789', r.randint(9, 12))}-{_rand(r, ALNUM, 24)}")
        elif kind == _T:
            s = "sk_live_" + _rand(r, ALNUM, r.randint(24, 99))
        else:
            s = f"postgres://app:{_rand(r, ALNUM, 16)}@db.internal:5432/app"
        if not _bad_runs(s):
            return s


# --------------------------------------------------------------------------------------
# Generation (runs in worker processes; pools are built before forking)
# --------------------------------------------------------------------------------------

POOL_PLAIN = 320
POOL_BAIT = 24
POOLS: dict[str, tuple[list[str], list[str]]] = {}
SEED = 1


def build_pools(seed: int) -> None:
    for name in sorted(KINDS):
        k = KINDS[name]
        if k.fresh >= 1.0:
            continue
        g = G(random.Random(f"pool:{seed}:{name}"))
        plain = [k.block(g) for _ in range(POOL_PLAIN)]
        bait = [k.bait(g) for _ in range(POOL_BAIT)] if k.bait else []
        POOLS[name] = (plain, bait)


def ns_names(g: G) -> tuple[str, str]:
    a, b = g.noun(), g.pick(("core", "svc", "api", "lib", "kit", g.noun(), g.adj()))
    return a.capitalize() + b.capitalize(), f"{a}_{b}"


def generate(task):
    """task = (idx, relpath, kind, target_bytes, plant or None, out_dir) -> (idx, nbytes, line)."""
    idx, rel, kname, target, plant, out_dir = task
    k = KINDS[kname]
    g = G(random.Random(f"{SEED}:file:{idx}"))
    ctx = k.ctx(g)
    header = k.header(g, ctx)
    footer = k.footer(g, ctx)
    parts = [header]
    size = len(header) + len(footer)
    sep, seplen = k.sep, len(k.sep)
    stateful = kname in STATEFUL
    fresh = k.fresh
    r = g.r
    bait_rate = 0.0
    if fresh < 1.0:
        plain, baitpool = POOLS[kname]
        np_, nb = len(plain), len(baitpool)
        bait_rate = 0.12 if (baitpool and r.random() < 0.4) else 0.0
    body = 0
    while body == 0 or size < target:
        if fresh >= 1.0 or r.random() < fresh:
            if stateful:
                b = k.block(g, ctx)
            elif bait_rate and r.random() < bait_rate:
                b = k.bait(g)
            else:
                b = k.block(g)
        elif bait_rate and r.random() < bait_rate:
            b = baitpool[r.randrange(nb)]
        else:
            b = plain[r.randrange(np_)]
        if body:
            size += seplen
        parts.append(b)
        size += len(b)
        body += 1
    line = None
    if plant is not None:
        skind, secret = plant
        snippet = PLANTS[kname][skind]
        sl = snippet.split("\n")
        off = next(i for i, s in enumerate(sl) if "{S}" in s)
        pos = r.randint(1, len(parts))  # before parts[pos]; never inside the header
        line = sum(p.count("\n") for p in parts[:pos]) + 1 + off
        parts.insert(pos, snippet.replace("{S}", secret))
    parts.append(footer)
    if sep:
        text = parts[0] + sep.join(parts[1:-1]) + parts[-1]
    else:
        text = "".join(parts)
    if k.placeholders and "@@" in text:
        ns_pascal, ns_snake = ns_names(g)
        text = text.replace("@@NS@@", ns_pascal).replace("@@ns@@", ns_snake)
    data = text.encode()
    if len(data) > FILE_CAP:
        cut = data.rfind(b"\n", 0, FILE_CAP)
        data = data[:cut + 1 if cut > 0 else FILE_CAP]
    with open(os.path.join(out_dir, rel), "wb") as f:
        f.write(data)
    return idx, len(data), line


def _init_worker(seed):
    global SEED
    SEED = seed


# --------------------------------------------------------------------------------------
# Planning: paths, kinds, sizes
# --------------------------------------------------------------------------------------

LANGS = {  # language -> (code kinds, weight)
    "python": (("py",), 18), "node": (("ts", "js", "ts"), 16), "go": (("go",), 14), "java": (("java",), 10),
    "rust": (("rs",), 8), "c": (("c", "h", "c"), 4), "cpp": (("cpp", "hpp", "cpp"), 5), "ruby": (("rb",), 7),
    "php": (("php",), 7), "csharp": (("cs",), 8),
}
MODULES = ("api", "worker", "web", "cli", "gateway", "scheduler", "ingest", "auth", "billing", "search",
           "notifier", "reports", "admin", "sync", "core", "importer", "exporter", "metrics")
EXT = {"py": ".py", "js": ".js", "ts": ".ts", "go": ".go", "java": ".java", "cs": ".cs", "rs": ".rs", "c": ".c",
       "h": ".h", "cpp": ".cpp", "hpp": ".hpp", "rb": ".rb", "php": ".php", "k8s": ".yaml", "ci": ".yml",
       "json": ".json", "toml": ".toml", "ini": ".ini", "md": ".md", "sh": ".sh", "sql": ".sql", "html": ".html",
       "css": ".css", "minjs": ".min.js", "csv": ".csv", "log": ".log"}
CODE = "code"
SMALL_WEIGHTS = {CODE: 52, "k8s": 5, "ci": 1.5, "json": 4, "pkgjson": 0.7, "toml": 2, "ini": 1.5, "md": 7, "sh": 3,
                 "docker": 1.3, "sql": 3, "html": 2.5, "css": 2.5, "csv": 2, "log": 3, "gosum": 0.5,
                 "cargolock": 0.4, "pkglock": 0.6}
MEDIUM_WEIGHTS = {CODE: 22, "json": 12, "minjs": 12, "pkglock": 9, "cargolock": 4, "gosum": 3, "sql": 10, "csv": 8,
                  "log": 12, "md": 3, "k8s": 3, "html": 2}
HUGE_KINDS = ("log", "csv", "sql", "pkglock", "minjs", "json", "log", "csv")
FIXED_SIZE = {"pkgjson": (600, 3000), "docker": (700, 4000), "ci": (1000, 8000)}


def _wchoice(r, weights: dict):
    keys = list(weights)
    return r.choices(keys, weights=[weights[k] for k in keys])[0]


def _loguniform(r, lo, hi):
    return int(math.exp(r.uniform(math.log(lo), math.log(hi))))


class Module:
    def __init__(self, r, svc, name, lang):
        self.r, self.base, self.lang = r, f"{svc}/{name}", lang
        g = G(r)
        self.code_dirs = [self._code_dir(g) for _ in range(r.randint(3, 14))]
        self.misc = {}

    def _code_dir(self, g):
        lang, sub = self.lang, [g.noun() for _ in range(self.r.randint(0, 2))]
        if lang == "python":
            parts = [g.noun()] + sub
        elif lang == "node":
            parts = ["src", g.pick(("components", "lib", "routes", "services", "hooks", "utils"))] + sub[:1]
        elif lang == "go":
            parts = [g.pick(("internal", "pkg", "cmd")), g.noun()] + sub[:1]
        elif lang == "java":
            parts = ["src", g.pick(("main", "test")), "java", g.noun()]
        elif lang == "rust":
            parts = ["src", g.noun()] + sub[:1]
        elif lang in ("c", "cpp"):
            parts = [g.pick(("src", "include", "lib")), g.noun()] + sub[:1]
        elif lang == "ruby":
            parts = [g.pick(("app", "lib")), g.pick(("models", "controllers", "services", "jobs", g.noun()))] + sub[:1]
        elif lang == "php":
            parts = ["src", g.pick(("Controller", "Service", "Repository", "Entity")), g.noun().capitalize()][:2 + len(sub[:1])]
        else:
            parts = ["src", f"Example.{g.pascal()}"] + sub[:1]
        return "/".join(parts)

    def dir_for(self, kind, g):
        if kind in EXT and kind not in ("k8s", "ci", "json", "toml", "ini", "md", "sh", "sql", "html", "css",
                                        "minjs", "csv", "log"):
            return self.base + "/" + g.pick(self.code_dirs)
        d = {
            "k8s": ("deploy/k8s", "deploy/helm/templates", "deploy/overlays/" + g.pick(("prod", "staging", "dev"))),
            "ci": ("ci", "ci/workflows"),
            "json": ("tests/fixtures", "tests/fixtures/" + g.noun(), "testdata", "docs/api/examples"),
            "toml": ("config",), "ini": ("config", "config/" + g.pick(("prod", "staging", "dev"))),
            "md": ("docs", "docs/" + g.pick(("adr", "runbooks", "guides", "api"))),
            "sh": ("scripts", "scripts/" + g.pick(("ci", "dev", "ops"))),
            "sql": ("migrations", "db/seed", "db/" + g.pick(("reports", "fixtures"))),
            "html": ("web/templates", "web/templates/" + g.noun()),
            "css": ("web/static/css", "web/styles"),
            "minjs": ("web/dist", "web/static/vendor"),
            "csv": ("data", "data/" + g.pick(("exports", "imports", "samples"))),
            "log": ("logs", "logs/" + g.pick(("archive", "ci", "prod"))),
        }[kind]
        return self.base + "/" + g.pick(d)


def _filename(kind, g, lang):
    if kind in ("py", "rb", "rs", "c", "h", "cpp", "hpp", "sql", "sh", "ini", "toml", "md"):
        stem = g.snake()
        if kind == "sql":
            stem = f"{g.n(1, 9999):04d}_{g.verb()}_{stem}"
        if kind == "md" and g.chance(0.15):
            stem = g.pick(("README", "CHANGELOG", "CONTRIBUTING", "RUNBOOK"))
    elif kind == "go":
        stem = g.snake() + ("_test" if g.chance(0.2) else "")
    elif kind in ("js", "ts"):
        stem = g.camel() + (".test" if g.chance(0.15) else "")
    elif kind in ("java", "cs", "php"):
        stem = g.pascal() + g.pick(("", "", "Service", "Controller", "Repository", "Test", "Handler"))
    elif kind in ("k8s", "ci", "html", "css", "json"):
        stem = g.kebab()
    elif kind == "minjs":
        stem = f"{g.pick(('vendor', 'app', 'main', 'chunk', g.noun()))}.{g.hexs(4)}"
    elif kind == "csv":
        stem = f"{g.noun()}_{g.pick(('export', 'import', 'sample', 'report'))}_{g.date()}"
    elif kind == "log":
        stem = f"{g.noun()}-{g.date()}"
    else:
        stem = g.noun()
    return stem + EXT[kind]


def plan(args):
    r = random.Random(f"plan:{args.seed}")
    g = G(r)
    total = args.size_mb * MIB
    nfiles = args.files
    # Services and modules.
    nsvc = max(8, nfiles // 250)
    modules = []
    langs = list(LANGS)
    lweights = [LANGS[l][1] for l in langs]
    for i in range(1, nsvc + 1):
        primary = r.choices(langs, weights=lweights)[0]
        for name in r.sample(MODULES, r.randint(2, 5)):
            lang = primary if r.random() < 0.8 else r.choices(langs, weights=lweights)[0]
            modules.append(Module(r, f"service-{i}", name, lang))

    # Size classes.
    n_huge = min(round(nfiles * 6 / 20000), int(total * 0.10 / (6.5 * MIB)))
    if n_huge == 0 and total >= 16 * MIB and nfiles >= 200:
        n_huge = 1
    huge = [int(r.uniform(5_000_000, 8_000_000) if total >= 200 * MIB else r.uniform(5_000_000, 5_500_000))
            for _ in range(n_huge)]
    med_budget = 0.40 * total
    med = []
    while len(med) < round(nfiles * 0.02):
        s = _loguniform(r, 100_000, 2_000_000)
        if sum(med) + s > med_budget:
            break
        med.append(s)
    n_small = nfiles - len(huge) - len(med)
    if n_small < 0:
        raise SystemExit("too few files for the requested size classes")

    entries = []  # (kind, size, class)
    hk = list(HUGE_KINDS)
    r.shuffle(hk)
    for i, s in enumerate(huge):
        entries.append([hk[i % len(hk)], s, "huge"])
    for s in med:
        entries.append([_wchoice(r, MEDIUM_WEIGHTS), s, "medium"])
    smalls = []
    for _ in range(n_small):
        kind = _wchoice(r, SMALL_WEIGHTS)
        if kind in FIXED_SIZE:
            entries.append([kind, r.randint(*FIXED_SIZE[kind]), "small"])
        else:
            e = [kind, _loguniform(r, 1 * KIB, 60 * KIB), "small"]
            entries.append(e)
            smalls.append(e)
    # Scale scalable small files so the planned total hits the target.
    for _ in range(6):
        cur = sum(e[1] for e in entries)
        free = [e for e in smalls if KIB < e[1] < 64 * KIB]
        if not free or abs(cur - total) < 0.001 * total:
            break
        fsum = sum(e[1] for e in free)
        f = max(0.05, (fsum + total - cur) / fsum)
        for e in free:
            e[1] = min(64 * KIB, max(KIB, int(e[1] * f)))
    r.shuffle(entries)

    # Paths.
    used = set()
    files = []
    for kind, size, cls in entries:
        m = g.pick(modules)
        lang = m.lang
        if kind == CODE:
            kind = g.pick(LANGS[lang][0])
        if kind == "pkgjson":
            d = m.base if g.chance(0.5) else f"{m.base}/packages/{g.noun()}"
            fname = "package.json"
        elif kind == "pkglock":
            d = m.base if g.chance(0.5) else f"{m.base}/packages/{g.noun()}"
            fname = "package-lock.json"
        elif kind == "cargolock":
            d = m.base if g.chance(0.5) else f"{m.base}/crates/{g.noun()}"
            fname = "Cargo.lock"
        elif kind == "gosum":
            d = m.base if g.chance(0.5) else f"{m.base}/tools/{g.noun()}"
            fname = "go.sum"
        elif kind == "docker":
            d = m.base if g.chance(0.5) else f"{m.base}/build"
            fname = "Dockerfile" if g.chance(0.6) else f"Dockerfile.{g.pick(('dev', 'ci', 'prod', g.noun()))}"
        else:
            d = m.dir_for(kind, g)
            fname = _filename(kind, g, lang)
        rel = f"{d}/{fname}"
        n = 2
        while rel in used:
            stem, dot, ext = fname.partition(".")
            rel = f"{d}/{stem}-{n}{dot}{ext}"
            n += 1
        used.add(rel)
        depth = rel.count("/")
        assert 2 <= depth <= 6, rel
        files.append((rel, kind, size, cls))

    # Planted secrets: one per file, in small/medium files of kinds that have a snippet.
    sr = random.Random(f"secrets:{args.seed}")
    kinds = [SECRET_KINDS[i % len(SECRET_KINDS)] for i in range(args.secrets)]
    sr.shuffle(kinds)
    plants = {}
    order = list(range(len(files)))
    sr.shuffle(order)
    for skind in kinds:
        for j in order:
            rel, kind, size, cls = files[j]
            if j not in plants and size < 1_000_000 and skind in PLANTS.get(kind, {}):
                plants[j] = (skind, make_secret(sr, skind))
                break
        else:
            raise SystemExit(f"no file can take a {skind} secret")
    return files, plants


# --------------------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--size-mb", type=int, default=None, help="target total size in MiB (default 520; 20 with --small)")
    ap.add_argument("--files", type=int, default=None, help="number of files (default 20000; 1000 with --small)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--secrets", type=int, default=25, help="number of planted fake secrets (default 25)")
    ap.add_argument("--small", action="store_true", help="quick ~20 MiB / 1,000-file variant for smoke tests")
    ap.add_argument("--jobs", type=int, default=min(os.cpu_count() or 1, 8), help="worker processes")
    args = ap.parse_args(argv)
    if args.size_mb is None:
        args.size_mb = 20 if args.small else 520
    if args.files is None:
        args.files = 1000 if args.small else 20000
    if args.files < 20 or args.size_mb < 1:
        ap.error("need at least 20 files and 1 MiB")

    t0 = time.monotonic()
    out_dir = os.path.abspath(args.out_dir)
    if os.path.isdir(out_dir) and os.listdir(out_dir):
        sys.exit(f"error: {out_dir} exists and is not empty")
    planted_path = os.path.join(os.path.dirname(out_dir), os.path.basename(out_dir) + ".planted.json")

    global SEED
    SEED = args.seed
    files, plants = plan(args)
    for d in sorted({os.path.dirname(rel) for rel, *_ in files}):
        os.makedirs(os.path.join(out_dir, d), exist_ok=True)
    build_pools(args.seed)

    tasks = [(i, rel, kind, size, plants.get(i), out_dir) for i, (rel, kind, size, cls) in enumerate(files)]
    # Big files first so that the workers finish together.
    tasks.sort(key=lambda t: -t[3])
    total = 0
    lines = {}
    if args.jobs > 1:
        ctx = mp.get_context("fork")
        with ctx.Pool(args.jobs, initializer=_init_worker, initargs=(args.seed,)) as pool:
            for idx, n, line in pool.imap_unordered(generate, tasks, chunksize=16):
                total += n
                if line is not None:
                    lines[idx] = line
    else:
        for t in tasks:
            idx, n, line = generate(t)
            total += n
            if line is not None:
                lines[idx] = line

    planted = []
    for idx, (skind, secret) in plants.items():
        rel = files[idx][0]
        with open(os.path.join(out_dir, rel), encoding="utf-8") as f:
            got = f.read().split("\n")[lines[idx] - 1]
        assert secret in got, (rel, lines[idx], got)
        planted.append({"path": rel, "line": lines[idx], "kind": skind})
    planted.sort(key=lambda p: (p["path"], p["line"]))
    with open(planted_path, "w", encoding="utf-8") as f:
        json.dump(planted, f, indent=2)
        f.write("\n")

    dt = time.monotonic() - t0
    print(f"make_corpus: {len(files)} files, {total} bytes ({total / MIB:.1f} MiB), {len(planted)} planted secrets "
          f"-> {out_dir} (list: {planted_path}) in {dt:.1f}s")


if __name__ == "__main__":
    main()
