//! The on-disk shape of a rule file: `rules/*.toml` and the files given with `--rules`.
//!
//! This module depends on nothing but `serde` because `build.rs` includes it verbatim:
//! the build script parses the built-in rule files with these types and embeds them in
//! the binary in a compact binary form, so a scan never pays for TOML parsing.
//! Keep it free of the rest of the crate.

use serde::{Deserialize, Serialize};

/// One rule file: a provider (or family) and its rules.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Who issues the credentials these rules find, e.g. "GitHub".
    pub provider: String,
    pub rules: Vec<RuleDef>,
}

/// One detection rule, as written by its author.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// Stable, lowercase, dash-separated id, never reused for another meaning.
    pub id: String,
    /// Short human name, e.g. "GitHub personal access token (classic)".
    pub name: String,
    /// What the rule finds and why it matters.
    pub description: String,
    /// A `regex` crate pattern (bytes API) with a named group `secret`.
    pub regex: String,
    /// Literals, one of which must occur (ASCII case-insensitively) for the regex to run.
    pub keywords: Vec<String>,
    /// Minimum Shannon entropy (bits per byte) of the `secret` capture.
    #[serde(default)]
    pub entropy: Option<f32>,
    /// Offline structural check of the `secret` capture.
    #[serde(default)]
    pub validate: Option<Validator>,
    /// Every match lies within one line: the regex then runs only on the lines that
    /// hold a keyword, not over the whole blob (for rules whose keywords are common
    /// words, such as the generic detector's `password` or `token`).
    #[serde(default)]
    pub line_scoped: bool,
    pub severity: Severity,
    pub confidence: Confidence,
    /// Free-form tags, carried into SARIF `properties.tags`.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Markdown. The first line is a one-sentence summary used as the text report's
    /// hint; the rest says where and how to revoke and rotate, then how to keep the
    /// replacement out of code.
    pub remediation: String,
    /// The environment variable that should hold the replacement credential (a shell
    /// name, e.g. `STRIPE_SECRET_KEY`): suggested in the playbook and in SARIF fixes.
    /// Without it, the first such name in the remediation's *Keep it out of code* step
    /// is used.
    #[serde(default)]
    pub env_var: Option<String>,
    /// How reports show the secret. Without it, a long random secret shows its known
    /// prefix (a keyword it starts with) and its last 4 characters, and a short or
    /// low-entropy one shows nothing. `identifier`: the whole match is a public
    /// identifier (an AWS access key ID), shown in full.
    #[serde(default)]
    pub redact: Option<Redact>,
    /// Rules whose match names the key this secret belongs to (for an AWS secret access
    /// key: the access key ID rules). The nearest such match in the same file is
    /// reported with the finding as its `key_id`.
    #[serde(default)]
    pub key_id_rules: Vec<String>,
    /// Links to the provider's format and rotation documentation; the first is the
    /// SARIF `helpUri`.
    pub references: Vec<String>,
    /// Makes this a *file rule*: globs on a file's name (a leading `!` excludes) that
    /// say which files it applies to. A file rule reports the file itself, at the longest
    /// `secret` its regex captures there, and only where the file is committed: every blob in `git`
    /// and `staged` scans, files tracked by git in `scan` mode. It has no keywords.
    #[serde(default)]
    pub file_names: Vec<String>,
    /// Strings the rule must report (for a file rule: file contents).
    pub examples: Vec<String>,
    /// Strings the rule must not report.
    pub negative_examples: Vec<String>,
    /// How `--verify` asks the provider whether a secret this rule found is live.
    #[serde(default)]
    pub verify: Option<VerifySpec>,
    /// Why `--verify` cannot ask the provider about this rule's secrets, in one
    /// sentence (a token that only works with another secret, or whose only check would
    /// spend or use it): reported as the `unknown` reason in place of "no verifier for
    /// this rule". A rule has this or `verify`, not both.
    #[serde(default)]
    pub not_verified: Option<String>,
    /// How `leakhound revoke` asks the provider to revoke a secret this rule found,
    /// where the provider documents a way to (a self-revocation or a public report
    /// API). The same shape as `verify`, read differently: `live` lists the status
    /// codes that mean the secret is revoked now, `invalid` those that mean it was no
    /// longer valid, and `method` may be `POST` or `DELETE`. Never sent without the
    /// user's confirmation.
    #[serde(default)]
    pub revoke: Option<VerifySpec>,
}

/// A read-only request to the provider that tells a live secret from a dead one, and
/// where the answer names its owner. Used only under `--verify`.
///
/// Templates (`path`, header values, `body`, `basic_auth`) take `{secret}` (the
/// rule's `secret` capture), `{key_id}` (the public key ID found beside it, see
/// `key_id_rules`; a rule whose templates use it is not verified without one) and
/// `{secret_path}` (for a secret that is a URL on `base`'s host, a webhook: its path),
/// and each label of `near`.
/// In `path` and a form `body` the values are percent-encoded, in a JSON `body`
/// (a `Content-Type` header with `json`) JSON-escaped; `{{` and `}}` are braces.
///
/// A protocol that a template cannot express (a request signed with the secret rather
/// than carrying it) names a coded `verifier` instead, and has no template fields.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct VerifySpec {
    /// The provider's name, as `--verify-provider NAME=URL` maps it to another base
    /// URL (a self-hosted instance), e.g. `github`.
    pub provider: String,
    /// The provider's base URL: `https://` and a host, optionally a path prefix. A
    /// provider that only exists self-hosted (Vault, Artifactory) names a host on the
    /// reserved `.invalid` domain: nothing is sent until `--verify-provider` maps it.
    pub base: String,
    /// A verifier written in code (`aws-sts`, `google-service-account`) that builds,
    /// signs and reads the request itself; with it, the template fields below stay
    /// unset.
    #[serde(default)]
    pub verifier: Option<String>,
    /// `GET`, `HEAD` or `POST`.
    #[serde(default = "default_method")]
    pub method: String,
    /// Appended to the base URL; starts with `/`. Required without a `verifier`.
    #[serde(default)]
    pub path: String,
    /// Request headers, name to template.
    #[serde(default)]
    pub headers: std::collections::BTreeMap<String, String>,
    /// `user:password` template sent as HTTP Basic authentication.
    #[serde(default)]
    pub basic_auth: Option<String>,
    /// A request body template (with `POST`), sent as
    /// `application/x-www-form-urlencoded` unless a `Content-Type` header says otherwise.
    #[serde(default)]
    pub body: Option<String>,
    /// Status codes that mean the secret is live. Required without a `verifier`.
    #[serde(default)]
    pub live: Vec<u16>,
    /// Status codes that mean the secret is not valid (revoked, expired, wrong).
    #[serde(default)]
    pub invalid: Vec<u16>,
    /// A JSON pointer (`/ok`) that must be `true` in a live answer: for APIs that
    /// answer 200 to a bad token and say so in the body; `false` there means invalid.
    #[serde(default)]
    pub live_field: Option<String>,
    /// Values in the answer's body that mean the secret is not valid, whatever the
    /// status code: a JSON pointer to the value it must have (a string, or `true`,
    /// `false` or a number written as text). For APIs that answer a bad key and other
    /// refusals with one status code and say which in the body (Google's `400` with
    /// the reason `API_KEY_INVALID`).
    #[serde(default)]
    pub invalid_if: std::collections::BTreeMap<String, String>,
    /// What the answer says about the owner: label (`user`, `account`, `scopes`,
    /// `expires`…) to a JSON pointer into the body, `header:NAME` for a response
    /// header, or `near:LABEL` for a value found near the secret (see `near`).
    #[serde(default)]
    pub identity: std::collections::BTreeMap<String, String>,
    /// Public values found near the secret in the same file (a tenant ID, a client ID,
    /// a shop's subdomain): label to a regex whose `value` group is the value (a regex
    /// with several forms adds a `value_…` group per further form: the first group that
    /// took part is the value). The
    /// nearest match within 4 KiB before or after the secret gives `{label}` to the
    /// templates; `base` may take one as its whole leftmost DNS label
    /// (`https://{shop}.myshopify.com`).
    #[serde(default)]
    pub near: std::collections::BTreeMap<String, String>,
}

fn default_method() -> String {
    "GET".to_string()
}

/// A section with nothing but the default method: what a rule file's omitted fields
/// read as.
impl Default for VerifySpec {
    fn default() -> VerifySpec {
        VerifySpec {
            provider: String::new(),
            base: String::new(),
            verifier: None,
            method: default_method(),
            path: String::new(),
            headers: Default::default(),
            basic_auth: None,
            body: None,
            live: Vec::new(),
            invalid: Vec::new(),
            live_field: None,
            invalid_if: Default::default(),
            identity: Default::default(),
            near: Default::default(),
        }
    }
}

/// How a rule's secret is shown in reports (see [`RuleDef::redact`]).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Redact {
    /// The match is a public identifier, not a secret: shown in full.
    Identifier,
}

/// Offline checks that a format carries in itself.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Validator {
    /// `prefix_` + body + 6 base62 characters that encode the CRC32 of the body
    /// (GitHub `ghp_`/`gho_`/`ghu_`/`ghs_`/`ghr_`, npm `npm_`).
    Crc32Base62,
    /// A GitLab token: the legacy form passes as is; the routable form
    /// (`prefix payload.[version.]LL CCCCCCC`) must end in the CRC32 of everything
    /// before it, in base36 padded to 7 characters, and `LL` must be the payload length
    /// in base36.
    GitlabRoutable,
    /// A Grafana service account token (`glsa_`): the last 8 hex characters are the
    /// CRC32 of everything before the last `_`, little-endian, lower-case hex.
    GrafanaCrc32,
    /// A JWT whose header segment decodes to a JSON object with an `alg` member.
    Jwt,
    /// A private key that is not protected by a passphrase.
    PrivateKeyPlain,
    /// A private key protected by a passphrase.
    PrivateKeyEncrypted,
    /// Credentials in a URL whose `host` capture is a real host: not a documentation
    /// domain (`example.com`, `*.test`, `*.invalid`), not `localhost`, not a
    /// one-letter or stand-in name (`foo`, `host`).
    UrlCredentials,
    /// A value assigned to a name that means a secret (`name` group), judged by the
    /// generic detector: a literal (a `quote` group that matched marks it quoted), not
    /// a lookup, reference, path or stand-in, and random enough for its character set.
    GenericSecret,
    /// A PyPI API token: `pypi-` and a base64url macaroon (version 2) that names
    /// `pypi.org` or `test.pypi.org`, has an identifier and ends in a 32-byte signature.
    PypiMacaroon,
    /// A base64 value that decodes to text (a Kubernetes Secret `data:` value); the
    /// decoded text is the secret that is judged and reported.
    Base64Text,
    /// An HTTP Basic credential: base64 of `user:password` with a non-empty user
    /// name; the password is the secret that is judged and reported.
    BasicAuth,
    /// A Sentry organization auth token: `sntrys_`, base64 of a JSON object with the
    /// issue time (`iat`, a number) and the Sentry URL (`url`), `_`, then the secret.
    SentryOrgToken,
    /// A Bech32 string (BIP 173: human-readable part, `1`, data, 6-character
    /// checksum), such as an age secret key: the checksum must verify.
    Bech32,
    /// A Convex deploy key (`type:name|token`): a token in the current form
    /// (`eyJ…`) must be base64 of `{"v2":"…"}` holding 32 lower-case hex digits;
    /// older tokens carry no structure and pass.
    ConvexDeployKey,
    /// An Atlassian Data Center or Server personal access token (Jira, Confluence,
    /// Bitbucket): base64 of a 12-digit token id, `:` and 20 random bytes.
    AtlassianDcPat,
    /// A password given as a command's argument (`mysql -p…`, `sshpass -p …`): judged
    /// by the generic detector as the value of a password (a literal, not a lookup or
    /// stand-in, random enough for its character set).
    CommandPassword,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}
