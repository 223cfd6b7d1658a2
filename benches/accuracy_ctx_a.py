"""Context families for the accuracy benchmark (issue 15, part A).

Secrets whose name is not written beside them as `NAME = VALUE`, each family with
realistic positives in many languages and file types and hard negatives of the same
shape (placeholders, lookups without a default, harmless defaults, names that are not
secrets):

* ``ctx:env-default``: the literal default of an environment or settings lookup
  (`os.getenv("X", "…")`, `process.env.X || "…"`, `${X:-…}`, `ENV.fetch`, `getOrDefault`,
  `viper.SetDefault`, `env::var(…).unwrap_or(…)`, Spring `${x:…}`).
* ``ctx:split-name``: name and value on different lines or in sibling keys (Kubernetes
  and ECS env lists, CloudFormation parameters, Terraform `variable` defaults, XML
  name/value elements and attributes, continued Java properties, INI sections).
* ``ctx:secret-setting``: settings named like keys whose value has any shape: hex and
  base64 encryption/signing keys, passwords with punctuation in .conf/.ini files,
  Compose `environment:`, PowerShell `ConvertTo-SecureString "…" -AsPlainText`.
* ``ctx:provider-nearby``: provider tokens without a prefix, named by an enclosing
  section or key path (`datadog:` then `api_key: …`, `[heroku]`, `provider "datadog"`).

Files go under ``ctx/<family>/``; `accuracy.py` scores a ``ctx:`` label as found by any
rule's finding on its line, and counts every finding elsewhere in ``ctx/<family>/``
as that family's false positive.
"""

from __future__ import annotations

import random
import string

PER_TEMPLATE = 12          # positives (and negatives) per template
B32 = "abcdefghijklmnopqrstuvwxyz234567"

SECRET_NAMES = (
    ["db", "password"], ["api", "token"], ["app", "secret"], ["jwt", "secret"], ["session", "secret"],
    ["smtp", "password"], ["auth", "token"], ["api", "key"], ["client", "secret"], ["redis", "password"],
    ["webhook", "secret"], ["admin", "password"], ["payments", "api", "key"], ["access", "token"],
    ["mail", "password"], ["search", "api", "key"],
)
PLAIN_NAMES = (
    ["log", "level"], ["database", "host"], ["region"], ["cache", "dir"], ["service", "name"],
    ["base", "url"], ["timeout", "seconds"], ["worker", "count"], ["locale"], ["feature", "flags"],
)
# Harmless literals that code really ships as defaults of secret-named settings.
HARMLESS = ("changeme", "localhost", "postgres", "", "secret", "password", "dev", "CHANGE_ME",
            "your-api-key-here", "<your-token>", "xxxxxxxxxxxxxxxx", "replace-me", "not-set", "none",
            "insecure-dev-only", "test", "example-token", "${SECRET}", "{{ .Values.secret }}", "redis://localhost:6379")
PLAIN_VALUES = ("eu-west-1", "info", "/var/cache/app", "https://api.internal.example.com", "30", "orders-service",
                "en_US", "db.internal", "4")


def const(w):
    return "_".join(x.upper() for x in w)


def snake(w):
    return "_".join(w)


def camel(w):
    return w[0] + "".join(x.capitalize() for x in w[1:])


def pascal(w):
    return "".join(x.capitalize() for x in w)


def dotted(w):
    return "app." + ".".join(w)


def hexs(r, n):
    return "".join(r.choice("0123456789abcdef") for _ in range(n))


def b64(r, n):
    s = "".join(r.choice(string.ascii_letters + string.digits + "+/") for _ in range(n - 1))
    return s + "="


def uuid(r):
    h = hexs(r, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{r.choice('89ab')}{h[17:20]}-{h[20:]}"


def punct_secret(r, base):
    """A typed password with punctuation that .conf/.ini/compose files hold as is."""
    s = list(base[:20])
    for _ in range(r.randint(2, 4)):
        s.insert(r.randint(1, len(s)), r.choice("!@#%^&*-_+=?~."))
    return "".join(s)


# Templates: (context, text). «N» variants: {KN} {kn} {ks} {KP} {kd}; {S} the secret
# (the labelled line is the one holding {S}); {V} a variable name.
ENV_DEFAULT = [
    ("py", '{ks} = os.getenv("{KN}", "{S}")'),
    ("py", "{ks} = os.environ.get('{KN}', '{S}')"),
    ("py", 'os.environ.setdefault("{KN}", "{S}")'),
    ("py", '{ks} = os.environ.get("{KN}") or "{S}"'),
    ("js", 'const {kn} = process.env.{KN} || "{S}";'),
    ("js", "export const {kn} = process.env.{KN} ?? '{S}';"),
    ("ts", 'const {kn}: string = process.env["{KN}"] || "{S}";'),
    ("sh", 'export {KN}="${{{KN}:-{S}}}"'),
    ("sh", ': "${{{KN}:={S}}}"'),
    ("env", "{KN}=${{{KN}:-{S}}}"),
    ("yaml", "services:\n  app:\n    environment:\n      {KN}: ${{{KN}:-{S}}}"),
    ("yaml", "services:\n  worker:\n    environment:\n      - {KN}=${{{KN}:-{S}}}"),
    ("rb", '{ks} = ENV.fetch("{KN}", "{S}")'),
    ("rb", "{ks} = ENV['{KN}'] || '{S}'"),
    ("java", 'String {kn} = System.getenv().getOrDefault("{KN}", "{S}");'),
    ("java", 'String {kn} = System.getProperty("{kd}", "{S}");'),
    ("java", '@Value("${{{kd}:{S}}}")\nprivate String {kn};'),
    ("go", 'viper.SetDefault("{ks}", "{S}")'),
    ("go", '{kn} := getEnv("{KN}", "{S}")'),
    ("php", "${kn} = getenv('{KN}') ?: '{S}';"),
    ("php", "'{ks}' => env('{KN}', '{S}'),"),
    ("cs", 'var {kn} = Environment.GetEnvironmentVariable("{KN}") ?? "{S}";'),
    ("rs", 'let {ks} = env::var("{KN}").unwrap_or("{S}".to_string());'),
    ("rs", 'let {ks} = std::env::var("{KN}").unwrap_or_else(|_| "{S}".into());'),
]
# Negatives of the same shapes: no default, a reference, a harmless default ({H}), or a
# name that is no secret ({PN} names with plain values {PV}).
ENV_DEFAULT_NEG = [
    ("py", '{ks} = os.getenv("{KN}")'),
    ("py", '{ks} = os.getenv("{KN}", "{H}")'),
    ("py", '{ps} = os.environ.get("{PN}", "{PV}")'),
    ("py", '{ks} = os.environ.get("{KN}", default_{ks})'),
    ("js", 'const {kn} = process.env.{KN} || "{H}";'),
    ("js", "const {kn} = process.env.{KN} ?? config.{kn};"),
    ("sh", 'export {KN}="${{{KN}:-{H}}}"'),
    ("sh", 'export {KN}="${{{KN}:-$FALLBACK_{KN}}}"'),
    ("sh", 'export {PN}="${{{PN}:-{PV}}}"'),
    ("yaml", "services:\n  app:\n    environment:\n      {KN}: ${{{KN}}}"),
    ("yaml", "services:\n  app:\n    environment:\n      {KN}: ${{{KN}:?{KN} must be set}}"),
    ("rb", '{ks} = ENV.fetch("{KN}")'),
    ("rb", '{ks} = ENV.fetch("{KN}", "{H}")'),
    ("java", 'String {kn} = System.getenv().getOrDefault("{KN}", "{H}");'),
    ("go", 'viper.SetDefault("{ps}", "{PV}")'),
    ("go", '{kn} := os.Getenv("{KN}")'),
    ("php", "${kn} = getenv('{KN}') ?: null;"),
    ("cs", 'var {kn} = Environment.GetEnvironmentVariable("{KN}") ?? string.Empty;'),
    ("rs", 'let {ks} = env::var("{KN}").unwrap_or_default();'),
]

SPLIT_NAME = [
    ("yaml", "env:\n  - name: {KN}\n    value: \"{S}\""),
    ("yaml", "        env:\n          - name: {KN}\n            value: {S}\n          - name: LOG_LEVEL\n            value: info"),
    ("yaml", "Parameters:\n  - ParameterKey: {KP}\n    ParameterValue: {S}"),
    ("json", '"environment": [\n  {{"name": "{KN}", "value": "{S}"}},\n  {{"name": "PORT", "value": "8080"}}\n]'),
    ("json", '"environment": [\n  {{\n    "name": "{KN}",\n    "value": "{S}"\n  }}\n]'),
    ("json", '"secrets": [\n  {{\n    "value": "{S}",\n    "name": "{KN}"\n  }}\n]'),
    ("tf", 'variable "{ks}" {{\n  description = "The {ks} for the service"\n  type        = string\n  sensitive   = true\n  default     = "{S}"\n}}'),
    ("tf", 'variable "{ks}" {{\n  default = "{S}"\n}}'),
    ("xml", "<property>\n  <name>{kd}</name>\n  <value>{S}</value>\n</property>"),
    ("xml", "<dict>\n  <key>{KP}</key>\n  <string>{S}</string>\n</dict>"),
    ("xml", '<php>\n  <env name="{KN}" value="{S}"/>\n</php>'),
    ("xml", '<appSettings>\n  <add key="{KP}" value="{S}" />\n</appSettings>'),
    ("properties", "{kd} = \\\n    {S}"),
    ("ini", "[{sect}]\nhost = db.internal\npassword = {S}"),
]
SPLIT_NAME_NEG = [
    ("yaml", "env:\n  - name: {KN}\n    valueFrom:\n      secretKeyRef:\n        name: app-secrets\n        key: {kk}"),
    ("yaml", "env:\n  - name: {KN}\n    value: \"{H}\""),
    ("yaml", "env:\n  - name: {PN}\n    value: \"{PV}\""),
    ("json", '"environment": [\n  {{"name": "{KN}", "value": "${{{KN}}}"}}\n]'),
    ("json", '"secrets": [\n  {{"name": "{KN}", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:{kk}"}}\n]'),
    ("tf", 'variable "{ks}" {{\n  description = "The {ks} for the service"\n  type        = string\n  sensitive   = true\n}}'),
    ("tf", 'variable "{ks}" {{\n  default = "{H}"\n}}'),
    ("tf", 'variable "{ps}" {{\n  default = "{PV}"\n}}'),
    ("xml", "<property>\n  <name>{kd}</name>\n  <value>${{env.{KN}}}</value>\n</property>"),
    ("xml", '<php>\n  <env name="{KN}" value="{H}"/>\n</php>'),
    ("properties", "{kd} = \\\n    ${{{KN}}}"),
    ("ini", "[{sect}]\nhost = db.internal\npassword = {H}"),
]

SECRET_SETTING = [
    ("py", 'AES_KEY = "{hex32}"'),
    ("env", "ENCRYPTION_KEY={hex64}"),
    ("yaml", "security:\n  signing_key: {hex64}"),
    ("json", '"hmacKey": "{hex48}",'),
    ("ini", "[crypto]\nmaster_key = {hex32}"),
    ("java", 'private static final String ENCRYPTION_KEY = "{hex64}";'),
    ("go", 'var signingKey = []byte("{hex64}")'),
    ("js", "const encryptionKey = '{hex32}';"),
    ("rb", "config.encryption_key = '{hex48}'"),
    ("cs", 'private const string AesKey = "{hex32}";'),
    ("yaml", "jwt:\n  signing_key: \"{b64}\""),
    ("php", "'encryption_key' => '{b64}',"),
    ("ini", "[mysql]\nuser = app\npassword = {P}"),
    ("properties", "spring.datasource.password={P}"),
    ("yaml", "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: \"{P}\""),
    ("yaml", "services:\n  db:\n    environment:\n      - MYSQL_ROOT_PASSWORD={P}"),
    ("ps1", '$secure = ConvertTo-SecureString "{S}" -AsPlainText -Force'),
    ("ps1", "$cred = New-Object PSCredential('svc-deploy', (ConvertTo-SecureString -String '{S}' -AsPlainText -Force))"),
]
SECRET_SETTING_NEG = [
    ("py", "AES_KEY_SIZE = 256"),
    ("py", 'ENCRYPTION_KEY_ID = "{uuid}"'),
    ("yaml", "security:\n  signing_key_path: /etc/{kk}/signing.pem"),
    ("py", 'AES_KEY = os.environ["AES_KEY"]'),
    ("yaml", "jwt:\n  signing_key: ${{JWT_SIGNING_KEY}}"),
    ("env", "ENCRYPTION_KEY="),
    ("json", '"hmacKeySha256": "{hex64}",'),
    ("ini", "[mysql]\nuser = app\npassword = {H}"),
    ("yaml", "services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: postgres"),
    ("ps1", "$secure = ConvertTo-SecureString $env:DEPLOY_PASSWORD -AsPlainText -Force"),
    ("ps1", '$secure = ConvertTo-SecureString "{H}" -AsPlainText -Force'),
    ("ps1", '$secure = Read-Host -Prompt "Password" -AsSecureString'),
]

PROVIDER_NEARBY = [
    ("yaml", "datadog:\n  site: datadoghq.eu\n  api_key: {hex32}"),
    ("yaml", "datadog:\n  app_key: \"{hex40}\""),
    ("ini", "[datadog]\nsite = datadoghq.com\napi_key = {hex32}"),
    ("tf", 'provider "datadog" {{\n  api_key = "{hex32}"\n  api_url = "https://api.datadoghq.eu/"\n}}'),
    ("tf", 'provider "datadog" {{\n  app_key = "{hex40}"\n}}'),
    ("json", '"Datadog": {{\n  "ApiKey": "{hex32}",\n  "Site": "datadoghq.com"\n}}'),
    ("yaml", "env:\n  - name: DD_API_KEY\n    value: \"{hex32}\""),
    ("yaml", "heroku:\n  api_key: {uuid}"),
    ("tf", 'provider "heroku" {{\n  email   = "ops@example.com"\n  api_key = "{uuid}"\n}}'),
    ("yaml", "algolia:\n  app_id: {algolia_app}\n  admin_api_key: {hex32}"),
    ("yaml", "okta:\n  client:\n    orgUrl: https://{kk}.okta.com\n    token: {okta}"),
    ("yaml", "azure_devops:\n  organization: {kk}\n  token: {ado}"),
    ("yaml", "jira:\n  url: https://jira.internal.example.com\n  personal_access_token: {jira}"),
]
PROVIDER_NEARBY_NEG = [
    ("yaml", "datadog:\n  site: datadoghq.eu\n  api_key: ${{DD_API_KEY}}"),
    ("yaml", "datadog:\n  api_key: \"<DATADOG_API_KEY>\""),
    ("yaml", "datadog:\n  trace_id: {hex32}"),
    ("ini", "[datadog]\nenabled = true\nsite = datadoghq.com"),
    ("tf", 'provider "datadog" {{\n  api_key = var.datadog_api_key\n  app_key = var.datadog_app_key\n}}'),
    ("yaml", "heroku:\n  app_id: {uuid}"),
    ("yaml", "algolia:\n  app_id: {algolia_app}\n  index: products"),
    ("yaml", "okta:\n  client:\n    clientId: 0oa{okta_id}"),
    ("yaml", "datadog:\n  api_key_id: {uuid}"),
]

FAMILIES = {
    "env-default": (ENV_DEFAULT, ENV_DEFAULT_NEG),
    "split-name": (SPLIT_NAME, SPLIT_NAME_NEG),
    "secret-setting": (SECRET_SETTING, SECRET_SETTING_NEG),
    "provider-nearby": (PROVIDER_NEARBY, PROVIDER_NEARBY_NEG),
}
# Values each template may ask for that a positive labels as the secret.
SECRET_SLOTS = ("S", "P", "hex32", "hex40", "hex48", "hex64", "b64", "uuid", "okta", "ado", "jira")


def values(r: random.Random, strong) -> dict[str, str]:
    w = list(r.choice(SECRET_NAMES))
    p = list(r.choice(PLAIN_NAMES))
    s = strong(r)
    return {
        "KN": const(w), "kn": camel(w), "ks": snake(w), "KP": pascal(w), "kd": dotted(w), "kk": "-".join(w),
        "PN": const(p), "ps": snake(p), "PV": r.choice(PLAIN_VALUES), "H": r.choice(HARMLESS),
        "sect": r.choice(("database", "smtp", "mysql", "client", "postgres")),
        "S": s, "P": punct_secret(r, s), "hex32": hexs(r, 32), "hex40": hexs(r, 40), "hex48": hexs(r, 48),
        "hex64": hexs(r, 64), "b64": b64(r, 44), "uuid": uuid(r),
        "okta": "00" + "".join(r.choice(string.ascii_letters + string.digits + "_-") for _ in range(40)),
        "okta_id": "".join(r.choice(string.ascii_letters + string.digits) for _ in range(17)),
        "ado": "".join(r.choice(B32) for _ in range(52)),
        "jira": "".join(r.choice(string.ascii_letters + string.digits) for _ in range(44)),
        "algolia_app": "".join(r.choice(string.ascii_uppercase + string.digits) for _ in range(10)),
    }


def make(corpus, item_cls, strong) -> None:
    """Writes every family's positives and negatives under ``ctx/<family>/``.
    ``strong(r)`` makes a random password-like secret; ``item_cls`` is accuracy.Item."""
    for fam, (positives, negatives) in FAMILIES.items():
        groups: dict[str, list] = {}
        for ti, (ctx, template) in enumerate(positives):
            for k in range(PER_TEMPLATE):
                r = corpus.rng("ctx-a", fam, ti, k)
                v = values(r, strong)
                text = template.format(**v)
                marks = []
                for i, line in enumerate(text.split("\n")):
                    for slot in SECRET_SLOTS:
                        if "{" + slot + "}" in template.split("\n")[i]:
                            marks.append((i, {"family": f"ctx:{fam}", "rule_id": f"ctx:{fam}",
                                              "sha256": _sha(v[slot]), "redacted": v[slot][:4] + "…",
                                              "mode": "ctx", "context": ctx}))
                            break
                groups.setdefault(ctx, []).append(item_cls(text, marks))
        for ti, (ctx, template) in enumerate(negatives):
            for k in range(PER_TEMPLATE):
                r = corpus.rng("ctx-a-neg", fam, ti, k)
                text = template.format(**values(r, strong))
                groups.setdefault(ctx, []).append(item_cls(text, [(0, {"kind": f"ctx:{fam}"})]))
        for ctx in sorted(groups):
            items = groups[ctx]
            r = corpus.rng("ctx-a-group", fam, ctx)
            r.shuffle(items)
            while items:
                n = r.randint(1, 3)
                chunk, items = items[:n], items[n:]
                corpus.write(f"ctx/{fam}", ctx, chunk)


def _sha(s: str) -> str:
    import hashlib
    return hashlib.sha256(s.encode()).hexdigest()


def family_of_path(path: str) -> str | None:
    """The context family whose files hold `path`, if any."""
    parts = path.split("/")
    return f"ctx:{parts[1]}" if len(parts) > 2 and parts[0] == "ctx" else None
