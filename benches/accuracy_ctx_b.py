"""Context families of the accuracy benchmark (issue 15, part B): secrets whose shape
or surroundings hide them, each family with hard negatives of the same shape.

* ``ctx:url-special``: passwords with unescaped ``# ^ ~ ! % * @`` in URLs, in many
  languages and file types.
* ``ctx:conn-string``: every common connection-string form: ADO.NET/ODBC
  ``Password=``/``Pwd=``, JDBC ``?password=``, MongoDB, Redis ``redis://:pass@``, AMQP,
  LDAP ``-D … -w``, ``.pgpass``, ``.my.cnf`` and ``.netrc`` lines.
* ``ctx:split``: tokens split into string literals over lines (implicit
  concatenation, ``+``, ``.``, ``\\``), lists of literals joined with nothing
  (``"".join([…])``, ``[…].join("")``, ``String.join("", …)``, ``strings.Join``),
  variables interpolated side by side (``"${a}${b}"``) and private keys with escaped newlines in JSON
  and env values.
* ``ctx:encoded``: tokens stored base64- or hex-encoded with no hint around them.
* ``ctx:file-encoding``: Latin-1 and Windows-1252 files, CRLF, notebooks, minified JS.

``make(corpus)`` writes the files under ``corpus/ctx_b/`` and adds their labels (a
positive's family is the context family; a negative's ``kind`` starts with it).
``attribute(findings, positives, negatives)`` credits every finding location on a
context family's labelled line to that family, whichever rule made it, so ``score``
prints precision and recall per context family.  Standard library only.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import random
import string
import zlib

from make_corpus import _b62 as b62   # the base62 of GitHub checksums

ALNUM = string.ascii_letters + string.digits
PREFIX = "ctx:"
WORDS = ("orders", "billing", "ledger", "catalog", "reports", "metrics", "audit", "search", "payments",
         "inventory", "shipping", "accounts", "events", "identity", "notify")
COMPANIES = ("acme-corp", "globex", "initech", "umbrella-labs", "hooli", "vandelay", "stark-ind", "wayne-ent")
TLDS = ("com", "io", "net", "cloud", "dev")


# --------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------


def rnd(r: random.Random, n: int, alphabet: str = ALNUM) -> str:
    return "".join(r.choice(alphabet) for _ in range(n))


def token(r: random.Random) -> str:
    """A token in a provider's format (checksums right)."""
    kind = r.randrange(5)
    if kind == 0:
        body = rnd(r, 30)
        return f"ghp_{body}{b62(zlib.crc32(body.encode()), 6)}"
    if kind == 1:
        return f"xoxb-{rnd(r, 12, string.digits)}-{rnd(r, 13, string.digits)}-{rnd(r, 24)}"
    if kind == 2:
        return f"sk_live_{rnd(r, r.choice((24, 34, 99)))}"
    if kind == 3:
        return f"glpat-{rnd(r, 20)}"
    return f"SG.{rnd(r, 22)}.{rnd(r, 43)}"


def password(r: random.Random) -> str:
    """A strong password with unescaped URL specials, starting with a letter or digit."""
    while True:
        chars = [r.choice(ALNUM) for _ in range(r.randint(11, 18))]
        for _ in range(r.randint(1, 3)):
            special = r.choice("#^~!%*@")
            if special == "%":
                special += r.choice("ghijkmnpqrstuvwxyz")   # not a %XX escape
            chars.insert(r.randint(1, len(chars) - 1), special)
        pw = "".join(chars)
        if sum(c.isdigit() for c in pw) >= 2 and sum(c.isupper() for c in pw) >= 2:
            return pw


def host(r: random.Random) -> str:
    return f"{r.choice(('db', 'pg', 'mysql', 'cache', 'mq', 'sql', 'mongo', 'ldap'))}-{r.choice(WORDS)}" \
           f"{r.choice(('', '-01', '-prod', '-primary'))}.{r.choice(COMPANIES)}.{r.choice(TLDS)}"


def user(r: random.Random) -> str:
    return r.choice(("svc_", "app_", "", "ro_")) + r.choice(WORDS)


def pem_key(r: random.Random) -> str:
    body = base64.b64encode(bytes(r.randrange(256) for _ in range(r.randint(600, 900)))).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    label = r.choice(("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY"))
    return f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----\n"


# --------------------------------------------------------------------------------------
# Snippets: (file type, lines, index of the labelled line) per family
# --------------------------------------------------------------------------------------

# A value in each file type: `{v}` is the value, `{n}` a name.
ASSIGN = {
    "py": ['{n} = "{v}"', 'client = connect("{v}")', 'os.environ.setdefault("{N}", "{v}")'],
    "js": ["const {n} = '{v}';", "module.exports = {{ {n}: \"{v}\" }};", "await client.connect(`{v}`);"],
    "ts": ["export const {n}: string = \"{v}\";"],
    "go": ['{n} := "{v}"', 'db, err := sql.Open("driver", "{v}")'],
    "java": ['private static final String {N} = "{v}";', 'ds.setUrl("{v}");'],
    "cs": ['var {n} = "{v}";', 'const string {N} = @"{v}";'],
    "rb": ['{N} = "{v}"', "config.{n} = '{v}'"],
    "php": ["${n} = '{v}';", "define('{N}', \"{v}\");"],
    "kt": ['val {n} = "{v}"'],
    "yaml": ['  {n}: "{v}"', "  {n}: '{v}'"],
    "json": ['  "{n}": "{v}",'],
    "toml": ['{n} = "{v}"'],
    "env": ["{N}={v}", '{N}="{v}"'],
    "properties": ["app.{n}={v}"],
    "xml": ['  <add key="{n}" value="{v}" />', "  <{n}>{v}</{n}>"],
    "sh": ['export {N}="{v}"', "{N}='{v}' ./run.sh"],
    "dockerfile": ['ENV {N}="{v}"'],
    "tf": ['  {n} = "{v}"'],
    "ini": ["{n} = {v}"],
}
EXT = {"py": ".py", "js": ".js", "ts": ".ts", "go": ".go", "java": ".java", "cs": ".cs", "rb": ".rb",
       "php": ".php", "kt": ".kt", "yaml": ".yaml", "json": ".json", "toml": ".toml", "env": ".env",
       "properties": ".properties", "xml": ".xml", "sh": ".sh", "dockerfile": "", "tf": ".tf", "ini": ".ini",
       "ipynb": ".ipynb", "minjs": ".min.js", "bat": ".bat", "c": ".c", "lua": ".lua"}
COMMENT = {"py": "#", "rb": "#", "yaml": "#", "toml": "#", "env": "#", "properties": "#", "sh": "#",
           "dockerfile": "#", "tf": "#", "ini": ";", "bat": "REM", "lua": "--"}


def comment(ctx: str, text: str) -> str:
    if ctx == "json":
        return f'  "_comment_{abs(hash(text)) % 997}": "{text}",'
    if ctx == "xml":
        return f"  <!-- {text} -->"
    return f"{COMMENT.get(ctx, '//')} {text}"


FILLER = ("configuration for the {w} service", "see the runbook before changing {w}",
          "retry budget for {w} calls", "owned by the {w} team", "TODO: move {w} settings to the vault")


def filler(r: random.Random, ctx: str, n: int) -> list[str]:
    out = []
    for _ in range(n):
        w = r.choice(WORDS)
        if ctx in ("py", "rb", "toml", "tf", "ini"):
            out.append(r.choice((comment(ctx, r.choice(FILLER).format(w=w)), f"{w}_timeout = {r.randint(1, 90)}")))
        elif ctx in ("env", "properties"):
            out.append(r.choice((comment(ctx, r.choice(FILLER).format(w=w)), f"{w.upper()}_PORT={r.randint(1024, 9999)}")))
        elif ctx == "yaml":
            out.append(f"  {w}_replicas: {r.randint(1, 9)}")
        elif ctx == "json":
            out.append(f'  "{w}Retries": {r.randint(1, 9)},')
        else:
            out.append(comment(ctx, r.choice(FILLER).format(w=w)))
    return out


def assign(r: random.Random, ctx: str, value: str, name: str) -> str:
    tpl = r.choice(ASSIGN[ctx])
    return tpl.format(v=value, n=name, N=name.upper())


def wrap(ctx: str, body: list[str]) -> list[str]:
    """Opening and closing lines a file type needs around its body."""
    if ctx == "json":
        return ["{"] + body + ['  "version": 1', "}"]
    if ctx == "xml":
        return ['<?xml version="1.0" encoding="utf-8"?>', "<configuration>"] + body + ["</configuration>"]
    if ctx == "yaml":
        return ["settings:"] + body
    if ctx == "go":
        return ["package config", "", "func init() {"] + body + ["}"]
    if ctx in ("java", "cs", "kt"):
        return ["class Settings {"] + body + ["}"]
    if ctx == "php":
        return ["<?php"] + body
    if ctx == "dockerfile":
        return ["FROM python:3.12-slim"] + body + ['CMD ["python", "-m", "app"]']
    if ctx == "sh":
        return ["#!/usr/bin/env bash", "set -euo pipefail"] + body
    return body


# Each family maker returns items: (ctx, lines, [(line index, label)]), where a label is
# ("pos", secret) or ("neg", shape).


def url_special(r: random.Random):
    schemes = ("postgres", "postgresql", "mysql", "mongodb", "mongodb+srv", "redis", "rediss", "amqp", "amqps",
               "https", "ftp", "smtp", "mssql")
    items = []
    for i in range(400):
        ctx = list(ASSIGN)[i % len(ASSIGN)]
        name = r.choice(("database_url", "dsn", "broker_url", "cache_url", "conn", "remote_url", "mail_url"))
        scheme = r.choice(schemes)
        tail = r.choice(("/", f"/{r.choice(WORDS)}", f":{r.randint(1024, 65000)}/{r.choice(WORDS)}", "?ssl=true"))
        if i % 2 == 0:
            pw = password(r)
            usr = "" if scheme.startswith("redis") and r.random() < 0.5 else user(r)
            value = f"{scheme}://{usr}:{pw}@{host(r)}{tail}"
            label = ("pos", pw)
        else:
            shape = r.randrange(9)
            h = host(r)
            value = [
                f"{scheme}://{user(r)}:${{DB_PASSWORD}}@{h}{tail}",
                f"{scheme}://{user(r)}:{{{{ .Values.db.password }}}}@{h}{tail}",
                f"{scheme}://{user(r)}:<password>@{h}{tail}",
                f"{scheme}://{user(r)}@{h}{tail}",
                f"{scheme}://{user(r)}:p@ssw0rd#1@{h}{tail}",
                f"{scheme}://{user(r)}:********@{h}{tail}",
                f"https://{h}:8443/login?next=ops@{r.choice(COMPANIES)}.com",
                f"{scheme}://{user(r)}:{password(r)}@db.example.com{tail}",
                f"{scheme}://{user(r)}:%(password)s@{h}{tail}",
            ][shape]
            label = ("neg", f"url-{shape}")
        items.append((ctx, [assign(r, ctx, value, name)], [(0, label)]))
    return items


def conn_string(r: random.Random):
    items = []
    for i in range(420):
        form = i % 14
        pw, h, u = password(r).replace("%", "!").replace("@", "^"), host(r), user(r)
        db = r.choice(WORDS)
        neg = (i // 14) % 2 == 1
        val = "${DB_PASSWORD}" if neg else pw
        if form == 0:
            ctx, lines, at = "cs", [f'var cs = "Server=tcp:{h},1433;Database={db};User ID={u};Password={val};Encrypt=True;";'], 0
        elif form == 1:
            ctx = "json"
            v = "{0}" if neg else pw
            lines, at = ['  "ConnectionStrings": {', f'    "Default": "Data Source={h};Initial Catalog={db};User Id={u};Password={v};"', "  },"], 1
        elif form == 2:
            ctx = "py"
            v = "%DB_PWD%" if neg else pw
            lines, at = [f'conn = pyodbc.connect("Driver={{ODBC Driver 18 for SQL Server}};Server={h};Uid={u};Pwd={v};")'], 0
        elif form == 3:
            ctx = "xml"
            v = "$(SqlPassword)" if neg else pw
            lines, at = [f'  <add name="Main" connectionString="Host={h};Port=5432;Username={u};Password={v};Database={db}" />'], 0
        elif form == 4:
            ctx = "properties"
            v = "${JDBC_PASSWORD}" if neg else pw
            lines, at = [f"spring.datasource.url=jdbc:postgresql://{h}:5432/{db}?user={u}&password={v}&ssl=true"], 0
        elif form == 5:
            ctx = "js"
            v = "<password>" if neg else pw
            lines, at = [f'const uri = "mongodb+srv://{u}:{v}@{db}.a1b2c.mongodb.net/{db}?retryWrites=true";'], 0
        elif form == 6:
            ctx = "yaml"
            v = "${REDIS_PASSWORD}" if neg else pw
            lines, at = [f'  redis_url: "redis://:{v}@{h}:6379/0"'], 0
        elif form == 7:
            ctx = "env"
            v = "$RABBITMQ_PASS" if neg else pw
            lines, at = [f"AMQP_URL=amqp://{u}:{v}@{h}:5672/{db}"], 0
        elif form == 8:
            ctx = "sh"
            v = '"$LDAP_ADMIN_PASSWORD"' if neg else f'"{pw}"'
            lines, at = [f'ldapsearch -x -H ldaps://{h} -D "cn=admin,dc={r.choice(COMPANIES)},dc=com" -w {v} -b dc=corp,dc=com'], 0
        elif form == 9:
            ctx = "dockerfile"
            v = "$LDAP_PW" if neg else pw
            lines, at = [f"RUN ldapadd -x -D cn=admin,dc=corp,dc=local -w {v} -f /tmp/seed.ldif"], 0
        elif form == 10:
            ctx = "pgpass"
            line = f"localhost:5432:{db}:postgres:postgres" if neg else f"{h}:5432:{db}:{u}:{pw}"
            lines, at = [line], 0
        elif form == 11:
            ctx = "sh"
            v = "$PGPASSWORD" if neg else pw
            lines, at = [f'echo "{h}:5432:{db}:{u}:{v}" >> ~/.pgpass', "chmod 600 ~/.pgpass"], 0
        elif form == 12:
            ctx = "mycnf"
            v = "" if neg else pw
            lines, at = ["[client]", f"user={u}", f"password={v}", f"host={h}"], 2
        else:
            ctx = "netrc"
            hh = "api.example.com" if neg else h
            lines, at = [f"machine {hh} login {u} password {'${NETRC_TOKEN}' if neg else pw}"], 0
        label = ("neg", f"conn-{form}") if neg else ("pos", pw)
        items.append((ctx, lines, [(at, label)]))
    return items


SPLIT_STYLES = {
    "py": lambda n, a, b: [f'{n} = ("{a}"', f'    "{b}")'],
    "py+": lambda n, a, b: [f"{n} = '{a}' + \\", f"    '{b}'"],
    "js": lambda n, a, b: [f"const {n} = '{a}' +", f"  '{b}';"],
    "ts": lambda n, a, b: [f'export const {n} = "{a}"', f'  + "{b}";'],
    "go": lambda n, a, b: [f'var {n} = "{a}" +', f'\t"{b}"'],
    "java": lambda n, a, b: [f'String {n} = "{a}"', f'        + "{b}";'],
    "cs": lambda n, a, b: [f'var {n} = "{a}" +', f'          "{b}";'],
    "php": lambda n, a, b: [f"${n} = '{a}' .", f"    '{b}';"],
    "rb": lambda n, a, b: [f'{n.upper()} = "{a}" \\', f'  "{b}"'],
    "kt": lambda n, a, b: [f'val {n} = "{a}" +', f'    "{b}"'],
    "c": lambda n, a, b: [f'static const char *{n} = "{a}"', f'    "{b}";'],
    "lua": lambda n, a, b: [f'local {n} = "{a}" ..', f'  "{b}"'],
    # Lists joined with nothing, and variables interpolated side by side.
    "py-join": lambda n, a, b: [f'{n} = "".join(["{a}",', f'    "{b}"])'],
    "js-join": lambda n, a, b: [f"const {n} = ['{a}', '{b}'].join('');"],
    "js-var": lambda n, a, b: [f"const parts = ['{a}',", f"  '{b}'];", f"export const {n} = parts.join('');"],
    "java-join": lambda n, a, b: [f'String {n} = String.join("", "{a}",', f'    "{b}");'],
    "go-join": lambda n, a, b: [f'var {n} = strings.Join([]string{{"{a}",', f'\t"{b}"}}, "")'],
    "sh-vars": lambda n, a, b: [f'part1="{a}"', f"part2='{b}'", f'{n.upper()}="${{part1}}${{part2}}"'],
    "ts-tpl": lambda n, a, b: [f'const head = "{a}";', f'const tail = "{b}";', f"export const {n} = `${{head}}${{tail}}`;"],
}
SPLIT_EXT = {"py+": "py", "py-join": "py", "js-join": "js", "js-var": "js", "java-join": "java",
             "go-join": "go", "sh-vars": "sh", "ts-tpl": "ts"}


def split_values(r: random.Random):
    items = []
    styles = list(SPLIT_STYLES)
    for i in range(360):
        style = styles[i % len(styles)]
        ctx = SPLIT_EXT.get(style, style)
        name = r.choice(("token", "apiToken", "slack_token", "gh_token", "stripeKey", "auth"))
        neg = (i // len(styles)) % 2 == 1
        if not neg:
            t = token(r)
            cut = r.randint(8, len(t) - 6)
            items.append((ctx, SPLIT_STYLES[style](name, t[:cut], t[cut:]), [(0, ("pos", t))]))
        else:
            shape = r.randrange(4)
            if shape == 0:      # a GitHub token whose checksum is wrong
                body = rnd(r, 36)
                a, b = "ghp_" + body[:14], body[14:]
            elif shape == 1:    # a hash split in two
                name = r.choice(("digest", "sha256", "checksum"))
                h = hashlib.sha256(rnd(r, 20).encode()).hexdigest()
                a, b = h[:32], h[32:]
            elif shape == 2:    # a placeholder
                a, b = "xoxb-your-slack-", "bot-token-goes-here"
            else:               # a URL split at a path
                a, b = f"https://{host(r)}/api/", f"v{r.randint(1, 4)}/{r.choice(WORDS)}"
            items.append((ctx, SPLIT_STYLES[style](name, a, b), [(0, ("neg", f"split-{shape}"))]))
    # Private keys with escaped newlines in JSON and env values.
    for i in range(60):
        neg = i % 2 == 1
        ctx = ("json", "env", "yaml")[i % 3]
        key = pem_key(r)
        if neg:
            key = key.replace("PRIVATE KEY", "PUBLIC KEY").replace("RSA ", "").replace("EC ", "")
        esc = key.replace("\n", "\\n")
        if ctx == "json":
            lines = [f'  "private_key": "{esc}",']
        elif ctx == "env":
            lines = [f'SIGNING_KEY="{esc}"']
        else:
            lines = [f'  tls_key: "{esc}"']
        items.append((ctx, lines, [(0, ("neg", "pem-public") if neg else ("pos", key))]))
    return items


def encoded(r: random.Random):
    items = []
    ctxs = ("json", "yaml", "env", "py", "js", "go", "xml", "toml", "java", "properties")
    for i in range(400):
        ctx = ctxs[i % len(ctxs)]
        name = r.choice(("payload", "data", "blob", "value", "content", "config_b64", "opaque"))
        kind = (i // len(ctxs)) % 4
        neg = (i // (4 * len(ctxs))) % 2 == 1
        t = token(r)
        if not neg:
            if kind == 0:
                v = base64.b64encode(t.encode()).decode()
            elif kind == 1:
                v = base64.b64encode(json.dumps({"channel": f"#{r.choice(WORDS)}", "token": t}).encode()).decode()
            elif kind == 2:
                v = base64.urlsafe_b64encode(f"{r.choice(WORDS)}:{t}".encode()).decode().rstrip("=")
            else:
                v = t.encode().hex()
            label = ("pos", t)
        else:
            if kind == 0:
                v = base64.b64encode(json.dumps({"event": r.choice(WORDS), "id": r.randint(1, 10**6)}).encode()).decode()
            elif kind == 1:
                v = base64.b64encode(bytes(r.randrange(256) for _ in range(r.randint(30, 60)))).decode()
            elif kind == 2:
                v = base64.b64encode(b"ghp_" + b"x" * 36).decode()
            else:
                v = hashlib.sha256(t.encode()).hexdigest()
            label = ("neg", f"enc-{kind}")
        items.append((ctx, [assign(r, ctx, v, name)], [(0, label)]))
    return items


def file_encoding(r: random.Random):
    """Items carry their own encoding: (ctx, lines, marks, encoding)."""
    items = []
    for i in range(300):
        form = i % 6
        neg = (i // 6) % 2 == 1
        t = token(r)
        v = "os.environ['TOKEN']" if neg else t
        q = (lambda s: s) if neg else (lambda s: f'"{s}"')
        if form == 0:
            ctx, enc = "py", "latin-1"
            lines = ["# -*- coding: latin-1 -*-", "# Clé d'accès du service de facturation, à ne pas diffuser",
                     f"JETON = {q(v)}  # façade, réglée à l'été"]
            at = 2
        elif form == 1:
            ctx, enc = "properties", "latin-1"
            lines = ["# Paramètres généraux", f"service.beschreibung=Größe für Übergänge",
                     f"service.jeton={'${TOKEN}' if neg else t}"]
            at = 2
        elif form == 2:
            ctx, enc = "js", "cp1252"
            lines = ["// “Schlüssel” – bitte nicht teilen … Preis: 5 €", f"const token = {q(v) if not neg else 'process.env.TOKEN'};"]
            at = 1
        elif form == 3:
            ctx, enc = "env", "crlf"
            lines = ["# production", f"API_TOKEN={'${VAULT_TOKEN}' if neg else t}", "LOG_LEVEL=info"]
            at = 1
        elif form == 4:
            ctx, enc = "ipynb", "utf-8"
            src = f'os.environ["API_TOKEN"] = {json.dumps(t) if not neg else "getpass.getpass()"}\n'
            lines = ["{", ' "cells": [', "  {", '   "cell_type": "code",', '   "source": [',
                     '    "import os\\n",', f"    {json.dumps(src)}", "   ]", "  }", " ],",
                     ' "nbformat": 4', "}"]
            at = 6
        else:
            ctx, enc = "minjs", "utf-8"
            val = "window.__ENV__.token" if neg else f'"{t}"'
            lines = ["!function(e){var n={};function t(r){if(n[r])return n[r].exports}e.cfg={api:\"https://api."
                     f"{r.choice(COMPANIES)}.com\",token:{val},retries:{r.randint(1, 9)}}},t.p=\"/\"}}([]);"]
            at = 0
        items.append((ctx, lines, [(at, ("neg", f"enc-file-{form}") if neg else ("pos", t))], enc))
    return items


FAMILIES = {
    "ctx:url-special": url_special,
    "ctx:conn-string": conn_string,
    "ctx:split": split_values,
    "ctx:encoded": encoded,
    "ctx:file-encoding": file_encoding,
}
FIXED = {"pgpass": ".pgpass", "mycnf": ".my.cnf", "netrc": ".netrc", "dockerfile": "Dockerfile"}


def make(corpus) -> None:
    """Write every family's files under corpus/ctx_b/ and add their labels."""
    for family, maker in FAMILIES.items():
        r = random.Random(f"{corpus.seed}:{family}")
        items = maker(r)
        slug = family[len(PREFIX):]
        for idx, item in enumerate(items):
            ctx, lines, marks = item[:3]
            enc = item[3] if len(item) > 3 else "utf-8"
            single = ctx in FIXED or ctx in ("minjs", "ipynb") or enc != "utf-8"
            before = [] if single else filler(r, ctx, r.randint(1, 4))
            after = [] if single else filler(r, ctx, r.randint(0, 3))
            body = before + lines + after
            full = body if single else wrap(ctx, body)
            offset = full.index(lines[0]) if lines else 0
            d = f"ctx_b/{slug}/{idx:04d}"
            rel = f"{d}/{FIXED[ctx]}" if ctx in FIXED else f"{d}/{r.choice(WORDS)}_{idx:04d}{EXT[ctx]}"
            text = "\n".join(full) + "\n"
            if enc == "crlf":
                data = text.replace("\n", "\r\n").encode()
            else:
                data = text.encode(enc)
            path = os.path.join(corpus.root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
            corpus.bytes += len(data)
            for at, (what, value) in marks:
                line = offset + at + 1
                if what == "pos":
                    corpus.positives.append({
                        "family": family, "rule_id": family, "mode": "ctx", "context": f"{ctx}/{enc}",
                        "sha256": hashlib.sha256(value.encode()).hexdigest(),
                        "redacted": value[:4] + f"… ({len(value)} chars)", "path": rel, "line": line})
                else:
                    corpus.negatives.append({"kind": f"{family}/{value}", "path": rel, "line": line})


def attribute(findings: list[dict], positives: list[dict], negatives: list[dict]) -> list[dict]:
    """Findings with every location on a context family's labelled line split off and
    credited to that family, whichever rule reported it."""
    fam_at = {}
    for p in positives:
        if p["family"].startswith(PREFIX):
            fam_at[(p["path"], p["line"])] = p["family"]
    for n in negatives:
        if n["kind"].startswith(PREFIX):
            fam_at.setdefault((n["path"], n["line"]), n["kind"].split("/")[0])
    if not fam_at:
        return findings
    out = []
    for f in findings:
        keep, moved = [], []
        for loc in f["locations"]:
            path = loc["path"][2:] if loc["path"].startswith("./") else loc["path"]
            fam = fam_at.get((path, loc["line"]))
            (moved if fam else keep).append((loc, fam))
        if keep:
            out.append(dict(f, locations=[loc for loc, _ in keep]))
        for loc, fam in moved:
            out.append(dict(f, provider=fam, locations=[loc]))
    return out
