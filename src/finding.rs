//! Findings: a rule's match, located in a file and made safe to report.
//!
//! The secret itself is kept in memory only so `--show-secrets` can print it; every
//! report otherwise carries the redacted form and a slow, salted hash of the secret
//! (see [`secret_hash`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use argon2::{Algorithm, Argon2, Params, Version};
use sha2::{Digest, Sha256};

use crate::confidence::Assessment;
use crate::context::Context;
use crate::detect::Match;
use crate::rules::{Redact, Rule, RuleSet};

/// The name of the slow correlation hash, written in reports next to it (JSON
/// `hash_algorithm`). Change it, and [`HASH_SALT`], whenever the parameters change.
pub(crate) const HASH_ALGORITHM: &str = "argon2id-v1";
/// The name of the fast correlation hash, for secrets no guess can reach (see
/// [`hash_algorithm`]): SHA-256 over [`HASH_SALT`], a NUL and the secret.
pub(crate) const FAST_HASH_ALGORITHM: &str = "sha256-salted-v1";
/// Shortest secret, and lowest Shannon entropy (bits per byte), that gets the fast hash.
const FAST_HASH_MIN_LEN: usize = 32;
const FAST_HASH_MIN_ENTROPY: f32 = 4.0;
/// The fixed salt: the same on every machine, so a hash (and a baseline fingerprint)
/// computed here matches one computed anywhere else.
pub(crate) const HASH_SALT: &[u8] = b"leakhound-v1";
/// Argon2id memory cost in KiB (4 MiB), passes and lanes.
const HASH_MEMORY_KIB: u32 = 4096;
const HASH_PASSES: u32 = 2;
const HASH_LANES: u32 = 1;

/// Shortest secret whose redacted form shows any of its characters or its length.
pub(crate) const MIN_SHOWN_LEN: usize = 16;
/// Lowest Shannon entropy (bits per byte) of a secret whose redacted form shows any of
/// its characters or its length.
const MIN_SHOWN_ENTROPY: f32 = 3.0;

/// The commit that introduced a blob into history. In `leakhound git`, every span of
/// the message and author that a rule matched is redacted in `summary`,
/// `author_name` and `author_email` (see `source::git::scan_commit_texts`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitInfo {
    /// Full hex commit id.
    pub id: String,
    pub author_name: String,
    pub author_email: String,
    /// Author date, seconds since the Unix epoch.
    pub time: i64,
    /// The commit message's summary (its first paragraph on one line, as libgit2 makes it).
    pub summary: String,
    /// Position in the scan's oldest-first commit order (ties of `time` broken by
    /// topology): smaller means introduced earlier.
    pub order: usize,
}

/// Where a finding is: 1-based lines and columns, columns counted in Unicode
/// characters; `end_line`/`end_column` point just past the secret's last character.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// For a working-tree file that git does not track and an ignore file hides (a
    /// `.env` beside the code, scanned because such files hold secrets by nature): the
    /// ignore file that hides it, as shown to the reader (`.gitignore`,
    /// `config/.gitignore`, `.git/info/exclude`, `a global excludes file`).
    pub ignored_by: Option<String>,
}

/// A git object id (SHA-1), as git computes it for a blob.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BlobId(pub [u8; 20]);

impl BlobId {
    /// The id from its 20 raw bytes; `None` for another length (a SHA-256 repository).
    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<BlobId> {
        bytes.try_into().ok().map(BlobId)
    }
}

impl std::fmt::Display for BlobId {
    /// Lowercase hex, as git prints it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl std::fmt::Debug for BlobId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BlobId({self})")
    }
}

/// The pseudo-path of a secret found in a commit's message (its lines are the raw
/// message's, as `git cat-file commit` shows it after the header).
pub(crate) const COMMIT_MESSAGE: &str = "<commit message>";
/// The pseudo-path of a secret found in a commit's author or committer: line 1 is
/// `author NAME <EMAIL>`, line 2 `committer NAME <EMAIL>` when it differs.
pub(crate) const COMMIT_AUTHOR: &str = "<commit author>";
/// The pseudo-path of standard input (`scan -`).
pub(crate) const STDIN_PATH: &str = "<stdin>";

/// One reported secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Index of the rule in the scan's [`RuleSet`].
    pub rule: usize,
    pub location: Location,
    /// The secret bytes; printed only on request.
    pub secret: Vec<u8>,
    /// Lowercase hex [`secret_hash`] of the secret: correlates findings without
    /// revealing it.
    pub secret_hash: String,
    /// Stable identity of the finding: rule, secret and path, not the line.
    pub fingerprint: String,
    /// For history scans: the commit that introduced the blob at this path.
    pub commit: Option<Arc<CommitInfo>>,
    /// For history and staged scans: the blob's id.
    pub blob: Option<BlobId>,
    /// For a secret found by decoding the text at `location`: the encodings, outermost
    /// first (`["base64"]`).
    pub encodings: Vec<&'static str>,
    /// For a secret found by decoding: the encoded text as it is written in the file
    /// (what a history rewrite must replace). Never printed. Shared by the secrets
    /// decoded from one encoded run, which may be megabytes long.
    pub written: Option<Arc<[u8]>>,
    /// For a working-tree finding whose replacement is mechanical: the edits that read
    /// the secret from an environment variable instead (SARIF `fixes`).
    pub fix: Option<Arc<crate::fix::Fix>>,
    /// The public identifier of the key this secret belongs to, found near it in the
    /// same file by one of the rule's `key_id_rules` (an AWS access key ID).
    pub key_id: Option<String>,
    /// Public values found near the secret for its rule's `verify.near` (label, value),
    /// by label: a tenant ID, a shop's subdomain. Empty for every other rule.
    pub near: Vec<(String, String)>,
    /// Other values found about as near the secret as the ones kept, by label (`key_id`
    /// for the key ID): the pairing is then a guess, a refusal proves nothing about the
    /// secret, and a host is not named by a guess.
    pub rivals: Vec<(String, String)>,
    /// Where the location sits: production code, a test, docs, vendored or generated.
    pub context: Context,
    /// How sure the finding is, and why.
    pub confidence: Assessment,
    /// Whether the file's first KiB say it is generated, so the same blob seen under
    /// another path ([`Finding::at_path`]) is classified alike.
    pub(crate) generated_content: bool,
    /// For a finding taken from an incremental record (its blob was not read this run):
    /// what reports show of the secret, which `secret` then does not hold (it is empty).
    pub(crate) recorded: Option<Arc<Recorded>>,
}

/// What reports show of a secret that a run did not read: kept in an incremental
/// record in place of the secret, which the record never holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Recorded {
    /// [`Finding::redacted`].
    pub redacted: String,
    /// [`Finding::hash_algorithm`].
    pub hash_algorithm: &'static str,
    /// [`Finding::secret_len`].
    pub secret_len: Option<usize>,
}

impl Finding {
    /// Whether it was found in a commit's own text (message, author or committer), not
    /// in a blob.
    pub(crate) fn in_commit_text(&self) -> bool {
        self.blob.is_none() && matches!(self.location.path.as_str(), COMMIT_MESSAGE | COMMIT_AUTHOR)
    }

    /// Builds a finding for the secret `m` found in `text`, the content of `path`.
    pub fn new(rules: &RuleSet, m: &Match, path: &str, text: &[u8]) -> Finding {
        Finding::located(rules, m, path, &mut Positions::new(text))
    }

    /// [`Finding::new`], with lines and columns from `positions`, which makes a blob's
    /// findings cost their distance apart rather than their distance from the start.
    pub(crate) fn located(
        rules: &RuleSet,
        m: &Match,
        path: &str,
        positions: &mut Positions<'_>,
    ) -> Finding {
        let text = positions.text;
        let (rule, start, end) = (m.rule, m.start, m.end);
        let (line, column) = positions.at(start);
        let (end_line, end_column) = positions.at_end(end);
        let secret = secret_of(m, text).to_vec();
        let (encodings, written) = match &m.decoded {
            Some(d) => (
                d.encodings.iter().map(|e| e.name()).collect(),
                Some(positions.written(start, end)),
            ),
            None => (Vec::new(), None),
        };
        let secret_hash = secret_hash_for(&secret, is_public(rules.get(rule)));
        let fingerprint = fingerprint(rules.get(rule).id(), &secret_hash, path);
        let generated_content = positions.generated_content();
        let confidence = Assessment::of(rules.get(rule), &secret);
        Finding {
            rule,
            location: Location {
                path: path.to_string(),
                line,
                column,
                end_line,
                end_column,
                ignored_by: None,
            },
            secret,
            secret_hash,
            fingerprint,
            commit: None,
            blob: None,
            encodings,
            written,
            fix: None,
            key_id: None,
            near: Vec::new(),
            rivals: Vec::new(),
            context: Context::classify(path, generated_content),
            confidence,
            generated_content,
            recorded: None,
        }
    }

    /// The same match seen at another path (the same blob under another name).
    pub fn at_path(&self, rules: &RuleSet, path: &str) -> Finding {
        let mut f = self.clone();
        f.location.path = path.to_string();
        f.context = Context::classify(path, self.generated_content);
        f.fingerprint = fingerprint(rules.get(self.rule).id(), &self.secret_hash, path);
        f
    }

    pub(crate) fn rule<'r>(&self, rules: &'r RuleSet) -> &'r Rule {
        rules.get(self.rule)
    }

    /// The redacted secret (see [`redact`]).
    pub(crate) fn redacted(&self, rules: &RuleSet) -> String {
        match &self.recorded {
            Some(r) => r.redacted.clone(),
            None => redact(self.rule(rules), &self.secret),
        }
    }

    /// The name of the hash in `secret_hash` ([`hash_algorithm`]).
    pub fn hash_algorithm(&self, rules: &RuleSet) -> &'static str {
        match &self.recorded {
            Some(r) => r.hash_algorithm,
            None => hash_algorithm(&self.secret, is_public(rules.get(self.rule))),
        }
    }

    /// Length of the secret in characters, for a secret long and random enough that
    /// its length says nothing useful to a guesser; `None` for a short or low-entropy
    /// one.
    pub fn secret_len(&self) -> Option<usize> {
        if let Some(r) = &self.recorded {
            return r.secret_len;
        }
        is_strong(&self.secret).then(|| String::from_utf8_lossy(&self.secret).chars().count())
    }

    /// The length as reports say it: `40 chars`, or that it is not shown.
    pub(crate) fn length_note(&self) -> String {
        match self.secret_len() {
            Some(n) => format!("{n} chars"),
            None => format!("under {MIN_SHOWN_LEN} chars or low-entropy: length not shown"),
        }
    }

    /// The secret as it is written in the file: the encoded text for an encoded secret.
    pub fn as_written(&self) -> &[u8] {
        self.written.as_deref().unwrap_or(&self.secret)
    }

    /// The secret in clear, for `--show-secrets`.
    pub(crate) fn secret_text(&self) -> String {
        String::from_utf8_lossy(&self.secret).into_owned()
    }
}

/// The sort key of [`SecretGroup::urgency`].
pub(crate) type Urgency = (
    u8,
    Context,
    bool,
    std::cmp::Reverse<crate::rules::Severity>,
    std::cmp::Reverse<Option<i64>>,
    Location,
    String,
    String,
);

/// One secret found by one rule, with every place it was seen. Reports show one
/// entry per group; the first location is the primary one (the earliest commit in a
/// history scan, the first path otherwise).
#[derive(Debug, Clone)]
pub struct SecretGroup {
    /// Never empty; sorted by commit order (history) or path and position.
    pub findings: Vec<Finding>,
    /// History scans: whether a blob holding the secret is in the tree at HEAD.
    pub at_head: Option<bool>,
    /// Under `--verify`: what the provider said of the secret.
    pub verification: Option<Verification>,
}

/// Orders groups by their first location, then rule id: how a working-tree or index
/// scan reports them.
pub fn sort_by_location(rules: &RuleSet, groups: &mut [SecretGroup]) {
    groups.sort_by(|a, b| {
        let (pa, pb) = (a.primary(), b.primary());
        (&pa.location, rules.get(pa.rule).id()).cmp(&(&pb.location, rules.get(pb.rule).id()))
    });
}

/// What a provider said of a secret when `--verify` asked it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub status: VerifyStatus,
    /// Why the status is `unknown` (timeout, rate limited, no verifier, …), or what
    /// made it `invalid`.
    pub reason: Option<String>,
    /// Who the secret belongs to, as the provider's answer says: (label, value) pairs
    /// such as `("user", "octocat")`, by label.
    pub identity: Vec<(String, String)>,
    /// The host the secret was sent to (none when nothing was sent).
    pub host: Option<String>,
    /// The provider mapping verification used instead of the rule's own host
    /// (`--verify-provider` or a `--config` file's `[verify.providers]`). A report's
    /// `leakhound revoke` command passes it on, so a self-hosted key is not sent to the
    /// public host. Boxed: it is rare, and verdicts travel in `Result`s.
    pub mapping: Option<Box<ProviderMapping>>,
    /// The secret is accepted in the `--baseline`, and reported again because the
    /// provider says it is live: accepted once, it was meant to be dealt with.
    pub baselined: bool,
}

/// A provider sent to another base URL than its rule's (a self-managed GitLab, a
/// GitHub Enterprise).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderMapping {
    /// The provider's name in the rules' verify sections.
    pub provider: String,
    /// The base URL as the user wrote it (their own setting, not a secret).
    pub url: String,
}

/// The three answers of verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VerifyStatus {
    /// The provider accepted the secret: it is live.
    Verified,
    /// Status not known: no verifier, a timeout, a rate limit, an answer not understood.
    Unknown,
    /// The provider refused the secret: revoked, expired or never valid.
    Invalid,
}

impl VerifyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            VerifyStatus::Verified => "verified",
            VerifyStatus::Unknown => "unknown",
            VerifyStatus::Invalid => "invalid",
        }
    }

    pub fn parse(s: &str) -> Option<VerifyStatus> {
        match s {
            "verified" => Some(VerifyStatus::Verified),
            "unknown" => Some(VerifyStatus::Unknown),
            "invalid" => Some(VerifyStatus::Invalid),
            _ => None,
        }
    }
}

impl Verification {
    /// An `unknown` status with its reason, nothing sent.
    pub fn unknown(reason: impl Into<String>) -> Verification {
        Verification {
            status: VerifyStatus::Unknown,
            reason: Some(reason.into()),
            identity: Vec::new(),
            host: None,
            mapping: None,
            baselined: false,
        }
    }

    /// The identity as one line: `user octocat, scopes repo`.
    pub fn identity_line(&self) -> Option<String> {
        (!self.identity.is_empty()).then(|| {
            self.identity
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        })
    }
}

impl SecretGroup {
    pub fn primary(&self) -> &Finding {
        &self.findings[0]
    }

    /// Distinct commits that introduced a blob holding the secret.
    pub(crate) fn commit_count(&self) -> usize {
        let mut ids: Vec<&str> = self
            .findings
            .iter()
            .filter_map(|f| f.commit.as_deref().map(|c| c.id.as_str()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }

    /// Distinct paths the secret was seen under.
    pub(crate) fn path_count(&self) -> usize {
        let mut paths: Vec<&str> = self
            .findings
            .iter()
            .map(|f| f.location.path.as_str())
            .collect();
        paths.sort_unstable();
        paths.dedup();
        paths.len()
    }

    /// Earliest author date among the commits that hold the secret.
    pub(crate) fn first_seen(&self) -> Option<i64> {
        self.findings
            .iter()
            .filter_map(|f| f.commit.as_ref().map(|c| c.time))
            .min()
    }

    /// Where the secret sits: the most urgent [`Context`] among its locations (a
    /// secret in production code and in a test is a production secret).
    pub fn context(&self) -> Context {
        self.findings
            .iter()
            .map(|f| f.context)
            .min()
            .unwrap_or_default()
    }

    /// The order of urgency, most urgent first: under `--verify`, secrets the provider
    /// accepted first and refused ones last; then production code before generated
    /// files, tests, docs and vendored code ([`SecretGroup::context`]), then still
    /// current (working tree, index or HEAD) before history only, then severity, then longest exposed, then path,
    /// position, rule and secret. History scans are sorted by it, and the playbook
    /// lists every scan's secrets in it.
    pub(crate) fn urgency(&self, rules: &RuleSet, now: i64) -> Urgency {
        let f = self.primary();
        let rule = f.rule(rules);
        // Under `--verify`: live first, refused last.
        let live = match self.verification.as_ref().map(|v| v.status) {
            Some(VerifyStatus::Verified) => 0,
            None | Some(VerifyStatus::Unknown) => 1,
            Some(VerifyStatus::Invalid) => 2,
        };
        (
            live,
            self.context(),
            self.at_head == Some(false),
            std::cmp::Reverse(rule.def.severity),
            std::cmp::Reverse(self.exposed_days(now)),
            f.location.clone(),
            rule.id().to_string(),
            f.secret_hash.clone(),
        )
    }

    /// Whole days from the first commit holding the secret to `now`.
    pub(crate) fn exposed_days(&self, now: i64) -> Option<i64> {
        // Commit dates come from the repository: any i64, so no plain subtraction.
        self.first_seen()
            .map(|t| now.saturating_sub(t).max(0) / 86_400)
    }
}

/// Groups findings by rule and secret. Within a group, findings are ordered by commit
/// order (history) then path, line, column; groups are ordered by their primary
/// finding's path, line, column and rule id.
pub fn group(rules: &RuleSet, mut findings: Vec<Finding>) -> Vec<SecretGroup> {
    let order = |f: &Finding| f.commit.as_ref().map_or(0, |c| c.order);
    findings.sort_by(|a, b| {
        (
            rules.get(a.rule).id(),
            &a.secret_hash,
            order(a),
            &a.location,
        )
            .cmp(&(
                rules.get(b.rule).id(),
                &b.secret_hash,
                order(b),
                &b.location,
            ))
    });
    let mut groups: Vec<SecretGroup> = Vec::new();
    for f in findings {
        match groups.last_mut() {
            Some(g) if g.primary().rule == f.rule && g.primary().secret_hash == f.secret_hash => {
                g.findings.push(f)
            }
            _ => groups.push(SecretGroup {
                findings: vec![f],
                at_head: None,
                verification: None,
            }),
        }
    }
    sort_by_location(rules, &mut groups);
    groups
}

/// `rule id + secret hash + path`, hashed: unchanged when lines move, changed when the
/// secret or the file differs. Built on [`secret_hash`], so it is as slow to invert.
pub(crate) fn fingerprint(rule_id: &str, secret_hash: &str, path: &str) -> String {
    let mut h = Sha256::new();
    for part in [rule_id, secret_hash, path] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    hex(&h.finalize()[..16])
}

/// Whether `s` has the shape of a [`fingerprint`]: 32 hexadecimal characters (either
/// case, as people may copy them).
pub(crate) fn is_fingerprint(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The correlation hash of a secret, in lowercase hex: for a secret a guess could
/// reach, Argon2id (version 0x13, 4 MiB, 2 passes, 1 lane, 32 bytes) over the secret
/// with the fixed salt [`HASH_SALT`]; for a long random one, the salted SHA-256 of
/// [`hash_algorithm`].
///
/// A plain SHA-256 of `Summer2024!` falls to a wordlist in microseconds; this costs a
/// few milliseconds and 4 MiB per guess. The salt is fixed (not random) on purpose:
/// the same secret must give the same hash on every machine, or baselines and
/// cross-report correlation would break. Each distinct secret is hashed once per
/// process (the results are cached in memory).
pub fn secret_hash(secret: &[u8]) -> String {
    secret_hash_for(secret, false)
}

/// Which correlation hash a secret gets. A slow hash matters only where a guess can
/// reach the secret: a short or human-chosen one. A public identifier (an AWS access
/// key ID), or a secret of at least [`FAST_HASH_MIN_LEN`] characters and
/// [`FAST_HASH_MIN_ENTROPY`] bits per byte (a provider's random token), is out of reach
/// of any wordlist or brute force, and gets the fast salted SHA-256: a history or a
/// hostile file with 100,000 such tokens would otherwise spend minutes in Argon2.
pub fn hash_algorithm(secret: &[u8], public: bool) -> &'static str {
    let random = String::from_utf8_lossy(secret).chars().count() >= FAST_HASH_MIN_LEN
        && entropy::shannon_entropy(secret) >= FAST_HASH_MIN_ENTROPY;
    if public || random {
        FAST_HASH_ALGORITHM
    } else {
        HASH_ALGORITHM
    }
}

/// The secret a match found in `text`: its decoded form, or the bytes it spans.
fn secret_of<'a>(m: &'a Match, text: &'a [u8]) -> &'a [u8] {
    match &m.decoded {
        Some(d) => &d.secret,
        None => &text[m.start..m.end],
    }
}

/// Computes ahead, on every core, the slow hashes that findings for `matches` (found
/// in `text`) will need, so that building the findings takes them from the cache. One
/// file holding thousands of distinct passwords (a user table, a fixture) would
/// otherwise hash them one after another on one thread.
pub(crate) fn hash_ahead(rules: &RuleSet, matches: &[Match], text: &[u8]) {
    let mut slow: Vec<&[u8]> = matches
        .iter()
        .map(|m| (secret_of(m, text), is_public(rules.get(m.rule))))
        .filter(|&(s, public)| hash_algorithm(s, public) == HASH_ALGORITHM)
        .map(|(s, _)| s)
        .collect();
    slow.sort_unstable();
    slow.dedup();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if slow.len() < 2 || threads < 2 {
        return;
    }
    let chunk = slow.len().div_ceil(threads);
    std::thread::scope(|scope| {
        for part in slow.chunks(chunk) {
            // A thread that cannot start leaves its part to the findings, which hash
            // what the cache lacks.
            let _ = std::thread::Builder::new().spawn_scoped(scope, move || {
                for s in part {
                    secret_hash_for(s, false);
                }
            });
        }
    });
}

/// Whether the rule's match is a public identifier rather than a secret.
fn is_public(rule: &Rule) -> bool {
    rule.def.redact == Some(Redact::Identifier)
}

/// [`secret_hash`] for a secret that is a public identifier (`public`) or not.
pub(crate) fn secret_hash_for(secret: &[u8], public: bool) -> String {
    if hash_algorithm(secret, public) == FAST_HASH_ALGORITHM {
        let mut h = Sha256::new();
        h.update(HASH_SALT);
        h.update([0]);
        h.update(secret);
        return hex(&h.finalize());
    }
    static CACHE: OnceLock<Mutex<HashMap<[u8; 32], String>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key: [u8; 32] = Sha256::digest(secret).into();
    if let Some(h) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return h.clone();
    }
    let h = argon2id_hex(secret);
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, h.clone());
    h
}

fn argon2id_hex(secret: &[u8]) -> String {
    // The parameters are constants within Argon2's limits, and a password of any
    // length up to 4 GiB is accepted: neither call can fail.
    #[allow(clippy::expect_used)]
    let params = Params::new(HASH_MEMORY_KIB, HASH_PASSES, HASH_LANES, Some(32))
        .expect("constant Argon2 parameters are valid");
    let blocks = params.block_count();
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    // Each thread keeps its 4 MiB of Argon2 memory between hashes: allocating and
    // touching it anew for every secret cost more than the hash itself.
    thread_local! {
        static MEMORY: std::cell::RefCell<Vec<argon2::Block>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let mut out = [0u8; 32];
    MEMORY.with_borrow_mut(|memory| {
        memory.resize(blocks, argon2::Block::default());
        #[allow(clippy::expect_used)]
        argon
            .hash_password_into_with_memory(secret, HASH_SALT, &mut out, &mut memory[..])
            .expect("a secret is shorter than Argon2's 4 GiB limit");
    });
    hex(&out)
}

/// Long enough and random enough that showing its length and last characters leaves
/// nothing a guesser could use: at least [`MIN_SHOWN_LEN`] characters, at least
/// [`MIN_SHOWN_ENTROPY`] bits per byte, and two of lower case, upper case and digits
/// (a passphrase of dictionary words in one case is not random).
fn is_strong(secret: &[u8]) -> bool {
    let classes = [
        secret.iter().any(u8::is_ascii_lowercase),
        secret.iter().any(u8::is_ascii_uppercase),
        secret.iter().any(u8::is_ascii_digit),
    ];
    String::from_utf8_lossy(secret).chars().count() >= MIN_SHOWN_LEN
        && entropy::shannon_entropy(secret) >= MIN_SHOWN_ENTROPY
        && classes.iter().filter(|&&c| c).count() >= 2
}

/// How reports show a secret:
///
/// - a rule with `redact = "identifier"` matches a public identifier (an AWS access key
///   ID): shown in full;
/// - a long random secret shows what a provider's dashboard shows: its known prefix
///   (the longest of the rule's keywords it starts with) and its last 4 characters,
///   `ghp_…a1B2` (and a keyword it ends with, after the 4 characters before it:
///   `…j1k0NRAL`); a PEM block shows its `-----BEGIN …-----` line and the last 4
///   characters of its body;
/// - a short (under [`MIN_SHOWN_LEN`] characters) or low-entropy secret shows nothing
///   but `…`: any character of `Summer2024!` helps guess the rest.
pub(crate) fn redact(rule: &Rule, secret: &[u8]) -> String {
    let text = String::from_utf8_lossy(secret);
    let printable = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_control() { '?' } else { c })
            .collect()
    };
    if rule.def.redact == Some(Redact::Identifier) {
        return printable(&text);
    }
    if !is_strong(secret) {
        return "…".to_string();
    }
    let (prefix, body) = match text.split_once('\n') {
        Some((first, rest)) if first.trim_end().starts_with("-----BEGIN ") => {
            // The body, without the footer line and trailing blanks.
            let body = rest
                .trim_end()
                .rsplit_once('\n')
                .filter(|(_, last)| last.trim_start().starts_with("-----END "))
                .map_or(rest, |(b, _)| b);
            (first.trim_end().to_string(), body)
        }
        _ => {
            let prefix = rule
                .def
                .keywords
                .iter()
                .filter(|k| {
                    text.starts_with(k.as_str())
                        && text.chars().count() >= k.chars().count() + 4 + 8
                })
                .max_by_key(|k| k.len())
                .map_or(String::new(), |k| k.clone());
            (prefix, &*text)
        }
    };
    let body: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    // A fixed suffix (a keyword the secret ends with, New Relic's `NRAL`) is the same
    // for every key: the 4 characters before it tell keys apart.
    let suffix = rule
        .def
        .keywords
        .iter()
        .filter(|k| prefix.is_empty() && body.ends_with(k.as_str()) && body.len() >= k.len() + 12)
        .max_by_key(|k| k.len())
        .map_or("", |k| k.as_str());
    let chars: Vec<char> = body[..body.len() - suffix.len()].chars().collect();
    let tail: String = chars[chars.len().saturating_sub(4)..].iter().collect();
    format!(
        "{}…{}{}",
        printable(&prefix),
        printable(&tail),
        printable(suffix)
    )
}

/// Where a blob's findings are: [`crate::text::position`] for many offsets of one text, mostly
/// ascending (a blob's findings in order). Starts and ends are followed by two
/// cursors, each of which scans only from its previous offset, or from the start of
/// the offset's line when it goes back: 100,000 findings on one 2 MB line cost 2 MB,
/// not 100,000 times a megabyte. It also hands out the encoded text of decoded
/// secrets, one copy per encoded run.
pub(crate) struct Positions<'t> {
    text: &'t [u8],
    /// Byte offset of each line start.
    line_starts: Vec<usize>,
    starts: Cursor,
    ends: Cursor,
    /// The last encoded text handed out, and its span.
    written: Option<(usize, usize, Arc<[u8]>)>,
    /// Whether the text starts with a generated-code marker, once asked.
    generated: Option<bool>,
}

/// The last offset asked for (clamped to the text), its line index and column.
#[derive(Clone, Copy)]
struct Cursor {
    at: usize,
    line: usize,
    column: usize,
}

impl<'t> Positions<'t> {
    pub fn new(text: &'t [u8]) -> Positions<'t> {
        let origin = Cursor {
            at: 0,
            line: 0,
            column: 1,
        };
        Positions {
            text,
            line_starts: Vec::new(),
            starts: origin,
            ends: origin,
            written: None,
            generated: None,
        }
    }

    /// Whether the text carries a generated-code marker
    /// ([`crate::context::generated_marker`]), looked for once per text.
    fn generated_content(&mut self) -> bool {
        *self
            .generated
            .get_or_insert_with(|| crate::context::generated_marker(self.text))
    }

    /// The bytes `start..end` of the text, shared with the last call for that span.
    fn written(&mut self, start: usize, end: usize) -> Arc<[u8]> {
        match &self.written {
            Some((s, e, w)) if (*s, *e) == (start, end) => w.clone(),
            _ => {
                let w: Arc<[u8]> = Arc::from(&self.text[start..end]);
                self.written = Some((start, end, w.clone()));
                w
            }
        }
    }

    /// 1-based line and column (in characters) of byte `offset`, as [`crate::text::position`].
    pub(crate) fn at(&mut self, offset: usize) -> (usize, usize) {
        let mut cursor = self.starts;
        let found = self.advance(&mut cursor, offset);
        self.starts = cursor;
        found
    }

    /// [`Positions::at`] for the end of a span, on a cursor of its own.
    pub(crate) fn at_end(&mut self, offset: usize) -> (usize, usize) {
        let mut cursor = self.ends;
        let found = self.advance(&mut cursor, offset);
        self.ends = cursor;
        found
    }

    fn advance(&mut self, c: &mut Cursor, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        if self.line_starts.is_empty() {
            self.line_starts.push(0);
            self.line_starts
                .extend(memchr::memchr_iter(b'\n', self.text).map(|i| i + 1));
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        if line != c.line || offset < c.at {
            *c = Cursor {
                at: self.line_starts[line],
                line,
                column: 1,
            };
        }
        c.column += self.text[c.at..offset]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count();
        c.at = offset;
        (line + 1, c.column)
    }
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::position;

    #[test]
    fn incremental_positions_agree_with_position() {
        let text = "a\r\nbé X\n\nxyz é\u{1F600}q\nlast".as_bytes();
        let mut offsets: Vec<usize> = (0..=text.len() + 2).collect();
        offsets.extend([9, 3, 0, 14, 14, 2, text.len() + 5, 1]);
        let mut p = Positions::new(text);
        for off in offsets {
            assert_eq!(p.at(off), position(text, off), "offset {off}");
            assert_eq!(p.at_end(off + 1), position(text, off + 1), "offset {off}");
        }
    }

    #[test]
    fn positions_count_characters_and_ignore_crlf() {
        let text = "a\r\nbé = XYZ\n".as_bytes();
        let off = text.iter().position(|&b| b == b'X').unwrap();
        assert_eq!(position(text, off), (2, 6));
        assert_eq!(position(text, 0), (1, 1));
    }

    #[test]
    fn redaction_shows_prefix_and_last_four_of_random_secrets_only() {
        let gh = Rule::for_test("gh", "(?P<secret>ghp_[A-Za-z0-9]{36})", &["ghp_"]);
        assert_eq!(
            redact(&gh, b"ghp_R7wq2mZkT9vLx4NbQe8sYc1HdJ0aFu2Kp3Xy"),
            "ghp_…p3Xy"
        );
        let pw = Rule::for_test("pw", "password=(?P<secret>\\S+)", &["password"]);
        // Short, or long but repetitive: no character, no length.
        assert_eq!(redact(&pw, b"Summer2024!"), "…");
        assert_eq!(redact(&pw, b"aaaaaaaaaaaaaaaaaaaaaaaa"), "…");
        assert_eq!(redact(&pw, b"correcthorsebatterystaple"), "…");
        // Long and random: the last 4, no prefix the rule knows.
        assert_eq!(redact(&pw, b"Xq7vR2mZkT9vLx4NbQe8"), "…bQe8");
        let mut id = Rule::for_test("id", "(?P<secret>AKIA[A-Z2-7]{16})", &["AKIA"]);
        id.def.redact = Some(Redact::Identifier);
        assert_eq!(redact(&id, b"AKIAXZACZLMTPZO53V6X"), "AKIAXZACZLMTPZO53V6X");
        // A fixed suffix is kept, with the 4 characters before it.
        let nr = Rule::for_test("nr", "(?P<secret>[a-z0-9]{36}NRAL)", &["NRAL"]);
        assert_eq!(
            redact(&nr, b"q8w7e6r5t4y3u2i1o9p8a7s6d5f4g3h2j1k0NRAL"),
            "…j1k0NRAL"
        );
        let pem = Rule::for_test("pem", "(?P<secret>-----BEGIN)", &["-----BEGIN"]);
        let key = b"-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAq7vR2mZkT9vLx4NbQe8s\nYc1HdJ0aFu2Kp3XyQ==\n-----END RSA PRIVATE KEY-----\n";
        assert_eq!(redact(&pem, key), "-----BEGIN RSA PRIVATE KEY-----…yQ==");
    }

    #[test]
    fn secret_hash_is_argon2id_with_the_fixed_salt() {
        // Pinned: a change of parameters must change HASH_ALGORITHM and HASH_SALT too.
        let h = secret_hash(b"Summer2024!");
        assert_eq!(h.len(), 64);
        assert_eq!(h, secret_hash(b"Summer2024!"));
        assert_ne!(h, secret_hash(b"Summer2025!"));
        assert_ne!(h, hex(&Sha256::digest(b"Summer2024!")));
        // Checked against an independent implementation (libargon2 through Python's
        // argon2-cffi: hash_secret_raw(b"Summer2024!", b"leakhound-v1", time_cost=2,
        // memory_cost=4096, parallelism=1, hash_len=32, type=Type.ID)).
        assert_eq!(
            h,
            "b39c6206fe3866a281ef201f34a37ba8972ca9ca2b06b6257ed1f649977c75be"
        );
    }

    #[test]
    fn hashes_computed_ahead_are_the_ones_findings_get() {
        let mut rules = RuleSet::empty();
        rules.push(Rule::for_test("pw", "pw=(?P<secret>\\S+)", &["pw="]));
        let text = b"pw=Kq7vR2mZ pw=Summer2031! pw=Kq7vR2mZ pw=Xt4nB8cW";
        let matches: Vec<Match> = [3..11, 15..26, 30..38, 42..50]
            .into_iter()
            .map(|r| Match::new(0, r.start, r.end))
            .collect();
        hash_ahead(&rules, &matches, text);
        for m in &matches {
            let f = Finding::new(&rules, m, "a.env", text);
            // The cached hash is the Argon2id of the secret, computed on any thread.
            assert_eq!(f.secret_hash, argon2id_hex(&text[m.start..m.end]));
        }
    }

    #[test]
    fn only_secrets_out_of_reach_of_a_guess_get_the_fast_hash() {
        let token = b"ghp_R7wq2mZkT9vLx4NbQe8sYc1HdJ0aFu3kQz9";
        for (secret, public, want) in [
            (&b"Summer2024!"[..], false, HASH_ALGORITHM),
            (b"CorrectHorseBatteryStaple", false, HASH_ALGORITHM),
            (
                b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                false,
                HASH_ALGORITHM,
            ),
            (token, false, FAST_HASH_ALGORITHM),
            (b"AKIAIOSFODNN7EXAMPLE", true, FAST_HASH_ALGORITHM),
            (b"AKIAIOSFODNN7EXAMPLE", false, HASH_ALGORITHM),
        ] {
            assert_eq!(hash_algorithm(secret, public), want, "{secret:?}");
        }
        // The fast hash is salted: not the plain SHA-256 a lookup table holds.
        let fast = secret_hash(token);
        assert_eq!(fast.len(), 64);
        assert_ne!(fast, hex(&Sha256::digest(token)));
        assert_eq!(fast, secret_hash_for(token, true));
    }

    #[test]
    fn fingerprint_ignores_line_but_not_secret_or_path() {
        let a = fingerprint("r", "aa", "p");
        assert_eq!(a, fingerprint("r", "aa", "p"));
        assert_ne!(a, fingerprint("r", "bb", "p"));
        assert_ne!(a, fingerprint("r", "aa", "q"));
        assert_ne!(a, fingerprint("s", "aa", "p"));
        assert_eq!(a.len(), 32);
    }
}
