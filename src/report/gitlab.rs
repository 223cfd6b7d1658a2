//! GitLab's secret-detection report (`gl-secret-detection-report.json`, for
//! `artifacts:reports:secret_detection`), schema version [`SCHEMA_VERSION`] (vendored
//! in `fixtures/schemas/`, where a test validates this output against it).
//!
//! One vulnerability per secret, at its primary location (the other places are listed
//! in its description, as SARIF lists them as related locations):
//!
//! - `id` is the finding's fingerprint (rule, secret hash, path), stable across runs;
//! - `identifiers` name the leakhound rule; `severity` is the rule's, capitalised;
//! - `location.commit.sha` is the commit that introduced the secret in a `git` scan,
//!   and `0000000` (GitLab's own analyzer's value for "not in a commit") for working
//!   tree, standard-input and staged findings;
//! - `raw_source_code_extract` holds the redacted secret, the secret itself only with
//!   `--show-secrets`.
//!
//! `scan.status` is `failure` when the scan is incomplete (an input could not be read,
//! or its scan failed), and `scan.messages` names each such input.

use serde::Serialize;

use super::ReportInput;
use super::place::{describe, root_path};
use crate::finding::SecretGroup;
use crate::rules::Severity;
use crate::scan::Outcome;
use crate::text::escape;

/// The version of GitLab's security report schemas this report follows.
pub const SCHEMA_VERSION: &str = "15.2.1";

/// The commit of a finding that is in no commit.
const NO_COMMIT: &str = "0000000";

/// At most this many unreadable inputs are named in `scan.messages`.
const MAX_MESSAGES: usize = 100;

/// At most this many other locations are listed in a description.
const MAX_OTHER_LOCATIONS: usize = 50;

/// `solution` may hold at most this many characters.
const MAX_SOLUTION: usize = 7000;

#[derive(Serialize)]
struct Report<'a> {
    version: &'static str,
    schema: String,
    scan: Scan,
    vulnerabilities: Vec<Vulnerability<'a>>,
}

#[derive(Serialize)]
struct Scan {
    analyzer: Tool,
    scanner: Tool,
    #[serde(rename = "type")]
    kind: &'static str,
    start_time: String,
    end_time: String,
    status: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    messages: Vec<Message>,
}

#[derive(Serialize)]
struct Tool {
    id: &'static str,
    name: &'static str,
    version: &'static str,
    vendor: Vendor,
}

#[derive(Serialize)]
struct Vendor {
    name: &'static str,
}

#[derive(Serialize)]
struct Message {
    level: &'static str,
    value: String,
}

#[derive(Serialize)]
struct Vulnerability<'a> {
    id: &'a str,
    category: &'static str,
    name: &'a str,
    description: String,
    severity: &'static str,
    solution: String,
    identifiers: Vec<Identifier<'a>>,
    location: Location<'a>,
    raw_source_code_extract: String,
}

#[derive(Serialize)]
struct Identifier<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: String,
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Location<'a> {
    file: String,
    start_line: usize,
    end_line: usize,
    commit: Commit<'a>,
}

#[derive(Serialize)]
struct Commit<'a> {
    sha: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "Critical",
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
    }
}

/// `yyyy-mm-ddThh:mm:ss` in UTC, the schema's time format.
fn time(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| d.format("%Y-%m-%dT%H:%M:%S").to_string())
        .unwrap_or_else(|| "1970-01-01T00:00:00".to_string())
}

fn tool() -> Tool {
    Tool {
        id: "leakhound",
        name: "leakhound",
        version: env!("CARGO_PKG_VERSION"),
        vendor: Vendor { name: "leakhound" },
    }
}

fn description(input: &ReportInput<'_>, g: &SecretGroup) -> String {
    let mut text = describe(input, g);
    let others = &g.findings[1..];
    if !others.is_empty() {
        text.push_str("\n\nThe same secret is also in:\n");
        for o in others.iter().take(MAX_OTHER_LOCATIONS) {
            let l = &o.location;
            text.push_str(&format!(
                "\n- `{}:{}`",
                escape(&root_path(input, o)),
                l.line
            ));
            if let Some(c) = &o.commit {
                text.push_str(&format!(" (commit {})", c.id));
            }
        }
        if others.len() > MAX_OTHER_LOCATIONS {
            text.push_str(&format!(
                "\n- and {} more (the JSON report lists every one)",
                others.len() - MAX_OTHER_LOCATIONS
            ));
        }
    }
    text
}

fn vulnerability<'a>(input: &ReportInput<'a>, g: &'a SecretGroup) -> Vulnerability<'a> {
    let f = g.primary();
    let rule = f.rule(input.rules);
    let commit = f.commit.as_deref();
    let solution: String = rule
        .def
        .remediation
        .trim()
        .chars()
        .take(MAX_SOLUTION)
        .collect();
    Vulnerability {
        id: &f.fingerprint,
        category: "secret_detection",
        name: &rule.def.name,
        description: description(input, g),
        // A secret `--verify` found live is as severe as it gets.
        severity: if g
            .verification
            .as_ref()
            .is_some_and(|v| v.status == crate::finding::VerifyStatus::Verified)
        {
            severity(Severity::Critical)
        } else {
            severity(rule.def.severity)
        },
        solution,
        identifiers: vec![Identifier {
            kind: "leakhound_rule_id",
            name: format!("leakhound rule {}", rule.id()),
            value: rule.id(),
            url: rule
                .help_uri()
                .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
        }],
        location: Location {
            file: root_path(input, f),
            start_line: f.location.line,
            end_line: f.location.end_line,
            commit: Commit {
                sha: commit.map_or(NO_COMMIT, |c| c.id.as_str()),
                author: commit.map(|c| format!("{} <{}>", c.author_name, c.author_email)),
                date: commit.map(|c| time(c.time)),
                message: commit.map(|c| c.summary.as_str()),
            },
        },
        raw_source_code_extract: if input.show_secrets {
            f.secret_text()
        } else {
            f.redacted(input.rules)
        },
    }
}

fn messages(outcome: &Outcome) -> Vec<Message> {
    let mut out: Vec<Message> = outcome
        .missed
        .iter()
        .take(MAX_MESSAGES)
        .map(|m| Message {
            level: "warn",
            value: format!("not scanned: {} {m}", m.what.name()),
        })
        .collect();
    if outcome.missed.len() > MAX_MESSAGES {
        out.push(Message {
            level: "warn",
            value: format!(
                "… and {} more inputs not scanned (the JSON report lists every one)",
                outcome.missed.len() - MAX_MESSAGES
            ),
        });
    }
    out.extend(
        outcome
            .warnings
            .iter()
            .filter(|w| w.kind.is_error())
            .map(|w| Message {
                level: "warn",
                value: w.to_string(),
            }),
    );
    if let Some(left_out) = super::text::left_out(outcome) {
        out.push(Message {
            level: "info",
            value: left_out,
        });
    }
    out
}

/// Writes the report, pretty-printed, with a trailing newline.
pub fn write(input: &ReportInput<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let outcome = input.outcome;
    let end = outcome.now;
    let start = end.saturating_sub(i64::try_from(outcome.elapsed.as_secs()).unwrap_or(0));
    let report = Report {
        version: SCHEMA_VERSION,
        schema: format!(
            "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v{SCHEMA_VERSION}/dist/secret-detection-report-format.json"
        ),
        scan: Scan {
            analyzer: tool(),
            scanner: tool(),
            kind: "secret_detection",
            start_time: time(start),
            end_time: time(end),
            status: if outcome.complete() {
                "success"
            } else {
                "failure"
            },
            messages: messages(outcome),
        },
        vulnerabilities: outcome
            .groups
            .iter()
            .map(|g| vulnerability(input, g))
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
