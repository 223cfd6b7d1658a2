//! The JSON report: one stable, documented schema (see README, "JSON schema").
//! Bump `SCHEMA_VERSION` on any incompatible change.

use serde::Serialize;

use super::{ReportInput, severity_name};
use crate::rules::Confidence;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    schema_version: u32,
    tool: Tool,
    findings: Vec<JsonFinding<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule_id: &'a str,
    rule_name: &'a str,
    provider: &'a str,
    severity: &'static str,
    confidence: &'static str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    secret_redacted: String,
    secret_length: usize,
    secret_sha256: &'a str,
    fingerprint: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    secret: Option<String>,
    remediation_hint: &'a str,
    remediation: &'a str,
    references: &'a [String],
}

#[derive(Serialize)]
struct Summary {
    findings: usize,
    files_scanned: u64,
    bytes_scanned: u64,
    files_skipped: Skipped,
    unreadable: u64,
}

#[derive(Serialize)]
struct Skipped {
    binary: u64,
    too_large: u64,
    special: u64,
}

pub fn confidence_name(c: Confidence) -> &'static str {
    match c {
        Confidence::High => "high",
        Confidence::Medium => "medium",
        Confidence::Low => "low",
    }
}

/// Writes the JSON report, pretty-printed, with a trailing newline.
pub fn write(input: &ReportInput<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let stats = &input.outcome.stats;
    let findings = input
        .outcome
        .findings
        .iter()
        .map(|f| {
            let rule = f.rule(input.rules);
            JsonFinding {
                rule_id: rule.id(),
                rule_name: &rule.def.name,
                provider: &rule.provider,
                severity: severity_name(rule.def.severity),
                confidence: confidence_name(rule.def.confidence),
                path: &f.location.path,
                line: f.location.line,
                column: f.location.column,
                end_line: f.location.end_line,
                end_column: f.location.end_column,
                secret_redacted: f.redacted(),
                secret_length: f.secret_len(),
                secret_sha256: &f.secret_sha256,
                fingerprint: &f.fingerprint,
                secret: input.show_secrets.then(|| f.secret_text()),
                remediation_hint: rule.hint(),
                remediation: rule.def.remediation.trim(),
                references: &rule.def.references,
            }
        })
        .collect();
    let report = Report {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "leakhound",
            version: env!("CARGO_PKG_VERSION"),
        },
        findings,
        summary: Summary {
            findings: input.outcome.findings.len(),
            files_scanned: stats.files_scanned,
            bytes_scanned: stats.bytes_scanned,
            files_skipped: Skipped {
                binary: stats.skipped_binary,
                too_large: stats.skipped_too_large,
                special: stats.skipped_special,
            },
            unreadable: stats.unreadable,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
