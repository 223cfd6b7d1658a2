//! The JSON report: one stable, documented schema (see README, "JSON schema").
//! Bump `SCHEMA_VERSION` on any incompatible change.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{ReportInput, severity_name};
use crate::confidence::Level;
use crate::finding::{CommitInfo, Finding, SecretGroup};
use crate::rules::Confidence;
use crate::scan::Outcome;
use crate::text::rfc3339;

/// Version 2: one entry per distinct secret, with `locations` and history fields.
/// Version 3: `secret_sha256` became `secret_hash` (Argon2id, named by
/// `hash_algorithm`); `secret_length` is null for short or low-entropy secrets; `key_id`.
pub(crate) const SCHEMA_VERSION: u32 = 3;

#[derive(Serialize)]
struct Report<'a> {
    schema_version: u32,
    tool: Tool,
    #[serde(skip_serializing_if = "Option::is_none")]
    repository: Option<Repository<'a>>,
    findings: Vec<JsonFinding<'a>>,
    summary: Summary<'a>,
}

#[derive(Serialize)]
pub(crate) struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
pub(crate) struct Repository<'a> {
    path: &'a str,
    head: Option<&'a str>,
    shallow: bool,
    commits_scanned: u64,
    blobs_scanned: u64,
    submodules_skipped: u64,
    scan_date: String,
    /// `--incremental` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    incremental: Option<Incremental<'a>>,
}

#[derive(Serialize)]
struct Incremental<'a> {
    record: &'a str,
    blobs_read: u64,
    blobs_from_record: u64,
    started_over: bool,
}

#[derive(Serialize)]
pub(crate) struct JsonFinding<'a> {
    rule_id: &'a str,
    rule_name: &'a str,
    provider: &'a str,
    severity: &'static str,
    /// The finding's confidence: low, medium, high or certain.
    confidence: &'static str,
    confidence_reason: &'static str,
    /// The confidence the rule declares (what `confidence` held before it was judged
    /// per finding).
    rule_confidence: &'static str,
    /// Where the secret sits: the most urgent context of its locations.
    context: &'static str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    secret_redacted: String,
    secret_length: Option<usize>,
    secret_hash: &'a str,
    hash_algorithm: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_id: Option<&'a str>,
    fingerprint: &'a str,
    /// Encodings around the secret where it was found, outermost first.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    encoding: &'a [&'static str],
    #[serde(skip_serializing_if = "Option::is_none")]
    secret: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    commit: Option<JsonCommit<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    still_at_head: Option<bool>,
    /// Under `--verify`: what the provider said.
    #[serde(skip_serializing_if = "Option::is_none")]
    verification: Option<JsonVerification<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_seen: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exposed_days: Option<i64>,
    occurrences: usize,
    commits: usize,
    paths: usize,
    locations: Vec<JsonLocation<'a>>,
    remediation_hint: &'a str,
    remediation: &'a str,
    references: &'a [String],
}

#[derive(Serialize)]
pub(crate) struct JsonVerification<'a> {
    /// verified, invalid or unknown.
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    /// The host the secret was sent to.
    #[serde(skip_serializing_if = "Option::is_none")]
    host: Option<&'a str>,
    /// What the provider's answer says of the owner (user, account, scopes…).
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    identity: serde_json::Map<String, serde_json::Value>,
    /// Accepted in the `--baseline`, reported again because it is live.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    baselined: bool,
}

pub(crate) fn verification(v: &crate::finding::Verification) -> JsonVerification<'_> {
    JsonVerification {
        status: v.status.as_str(),
        reason: v.reason.as_deref(),
        host: v.host.as_deref(),
        identity: v
            .identity
            .iter()
            .map(|(k, val)| (k.clone(), serde_json::Value::String(val.clone())))
            .collect(),
        baselined: v.baselined,
    }
}

#[derive(Serialize)]
struct JsonCommit<'a> {
    id: &'a str,
    author_name: &'a str,
    author_email: &'a str,
    date: String,
    summary: &'a str,
}

#[derive(Serialize)]
struct JsonLocation<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    fingerprint: &'a str,
    context: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    commit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    blob: Option<String>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    encoding: &'a [&'static str],
    /// Set for an untracked file that an ignore file hides: that ignore file.
    #[serde(skip_serializing_if = "Option::is_none")]
    ignored_by: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonWarning<'a> {
    kind: &'static str,
    subject: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonMissed<'a> {
    kind: &'static str,
    name: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
pub(crate) struct Summary<'a> {
    findings: usize,
    locations: usize,
    files_scanned: u64,
    bytes_scanned: u64,
    files_skipped: Skipped,
    unreadable: u64,
    /// Inputs whose scan stopped on an internal error.
    failed: u64,
    /// Whether every input that should have been scanned was (no `missed`, no
    /// `failed`).
    complete: bool,
    /// Every input that could not be read, and why.
    missed: Vec<JsonMissed<'a>>,
    /// One cause behind many missed inputs (a partial clone), when there is one.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    missed_explanation: &'a [String],
    /// Problems that did not keep an input from being scanned, and internal errors.
    warnings: Vec<JsonWarning<'a>>,
    /// How many warnings of each kind.
    warnings_by_kind: BTreeMap<&'static str, usize>,
    suppressed: Suppressed,
    /// What `--exclude-context` and `--min-confidence` left out.
    filtered: Filtered,
}

/// Locations the report filter left out, and the secrets none of whose locations it
/// kept; how many locations each filter left out (one both leave out counts in both),
/// and the filter in effect. SARIF carries the same object in `runs[0].properties`.
#[derive(Serialize)]
pub(crate) struct Filtered {
    locations: u64,
    secrets: u64,
    by_confidence: u64,
    by_context: u64,
    /// The `--min-confidence` level in effect (`medium` unless given).
    min_confidence: &'static str,
    /// The `--exclude-context` contexts.
    excluded_contexts: Vec<&'static str>,
}

impl Filtered {
    pub(crate) fn of(outcome: &Outcome) -> Filtered {
        let (stats, filter) = (&outcome.stats, &outcome.filter);
        Filtered {
            locations: stats.filtered,
            secrets: stats.filtered_secrets,
            by_confidence: stats.filtered_by_confidence,
            by_context: stats.filtered_by_context,
            min_confidence: filter.min_confidence.map_or("low", Level::name),
            excluded_contexts: filter.exclude_contexts.iter().map(|c| c.name()).collect(),
        }
    }
}

/// Suppressed locations by cause; `baseline_secrets` counts the distinct secrets the
/// baseline's locations belong to (the unit of `summary.findings`).
#[derive(Serialize)]
struct Suppressed {
    inline: u64,
    allowlist: u64,
    baseline: u64,
    baseline_secrets: u64,
    /// Present when a `.gitleaksignore` suppressed something.
    #[serde(skip_serializing_if = "is_zero")]
    gitleaksignore: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

#[derive(Serialize)]
struct Skipped {
    binary: u64,
    too_large: u64,
    special: u64,
}

pub(crate) fn confidence_name(c: Confidence) -> &'static str {
    match c {
        Confidence::High => "high",
        Confidence::Medium => "medium",
        Confidence::Low => "low",
    }
}

fn commit(c: &CommitInfo) -> JsonCommit<'_> {
    JsonCommit {
        id: &c.id,
        author_name: &c.author_name,
        author_email: &c.author_email,
        date: rfc3339(c.time),
        summary: &c.summary,
    }
}

fn location(f: &Finding) -> JsonLocation<'_> {
    JsonLocation {
        path: &f.location.path,
        line: f.location.line,
        column: f.location.column,
        end_line: f.location.end_line,
        end_column: f.location.end_column,
        fingerprint: &f.fingerprint,
        context: f.context.name(),
        commit: f.commit.as_deref().map(|c| c.id.as_str()),
        date: f.commit.as_deref().map(|c| rfc3339(c.time)),
        blob: f.blob.map(|b| b.to_string()),
        encoding: &f.encodings,
        ignored_by: f.location.ignored_by.as_deref(),
    }
}

/// One entry of `findings`: a secret, at its primary location, with every location.
pub(crate) fn finding<'a>(input: &ReportInput<'a>, g: &'a SecretGroup) -> JsonFinding<'a> {
    let f = g.primary();
    let rule = f.rule(input.rules);
    JsonFinding {
        rule_id: rule.id(),
        rule_name: &rule.def.name,
        provider: &rule.provider,
        severity: severity_name(rule.def.severity),
        confidence: f.confidence.level.name(),
        confidence_reason: f.confidence.reason,
        rule_confidence: confidence_name(rule.def.confidence),
        context: g.context().name(),
        path: &f.location.path,
        line: f.location.line,
        column: f.location.column,
        end_line: f.location.end_line,
        end_column: f.location.end_column,
        secret_redacted: f.redacted(input.rules),
        secret_length: f.secret_len(),
        secret_hash: &f.secret_hash,
        hash_algorithm: f.hash_algorithm(input.rules),
        key_id: f.key_id.as_deref(),
        fingerprint: &f.fingerprint,
        encoding: &f.encodings,
        secret: input.show_secrets.then(|| f.secret_text()),
        commit: f.commit.as_deref().map(commit),
        still_at_head: g.at_head,
        verification: g.verification.as_ref().map(verification),
        first_seen: g.first_seen().map(rfc3339),
        exposed_days: g.exposed_days(input.outcome.now),
        occurrences: g.findings.len(),
        commits: g.commit_count(),
        paths: g.path_count(),
        locations: g.findings.iter().map(location).collect(),
        remediation_hint: rule.hint(),
        remediation: rule.def.remediation.trim(),
        references: &rule.def.references,
    }
}

/// The `tool` object.
pub(crate) fn tool() -> Tool {
    Tool {
        name: "leakhound",
        version: env!("CARGO_PKG_VERSION"),
    }
}

/// The `repository` object of a history scan.
pub(crate) fn repository(outcome: &Outcome) -> Option<Repository<'_>> {
    outcome.history.as_ref().map(|h| Repository {
        path: &h.repo,
        head: h.head.as_deref(),
        shallow: h.shallow,
        commits_scanned: h.commits,
        blobs_scanned: h.blobs,
        submodules_skipped: h.submodules,
        scan_date: rfc3339(outcome.now),
        incremental: h.incremental.as_ref().map(|i| Incremental {
            record: &i.record,
            blobs_read: i.blobs_read,
            blobs_from_record: i.blobs_from_record,
            started_over: i.started_over,
        }),
    })
}

/// The `summary` object: counts, what was missed and why, warnings, suppressions and
/// what the report filter left out.
pub(crate) fn summary(outcome: &Outcome) -> Summary<'_> {
    let stats = &outcome.stats;
    Summary {
        findings: outcome.groups.len(),
        locations: outcome.location_count(),
        files_scanned: stats.files_scanned,
        bytes_scanned: stats.bytes_scanned,
        files_skipped: Skipped {
            binary: stats.skipped_binary,
            too_large: stats.skipped_too_large,
            special: stats.skipped_special,
        },
        unreadable: stats.unreadable,
        failed: stats.failed,
        complete: outcome.complete(),
        missed: outcome
            .missed
            .iter()
            .map(|m| JsonMissed {
                kind: m.what.name(),
                name: &m.name,
                reason: &m.reason,
            })
            .collect(),
        missed_explanation: &outcome.missed_explanation,
        warnings: outcome
            .warnings
            .iter()
            .map(|w| JsonWarning {
                kind: w.kind.name(),
                subject: &w.subject,
                message: &w.message,
            })
            .collect(),
        warnings_by_kind: outcome.warnings_by_kind(),
        suppressed: Suppressed {
            inline: stats.suppressed_inline,
            allowlist: stats.suppressed_allowlist,
            baseline: stats.suppressed_baseline,
            baseline_secrets: stats.suppressed_baseline_secrets,
            gitleaksignore: stats.suppressed_gitleaks_ignore,
        },
        filtered: Filtered::of(outcome),
    }
}

/// Writes the JSON report, pretty-printed, with a trailing newline.
pub fn write(input: &ReportInput<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let outcome = input.outcome;
    let report = Report {
        schema_version: SCHEMA_VERSION,
        tool: tool(),
        repository: repository(outcome),
        findings: outcome.groups.iter().map(|g| finding(input, g)).collect(),
        summary: summary(outcome),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
