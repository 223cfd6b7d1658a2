//! JSON Lines: one JSON object per line, each flushed as it is written, for tools that
//! read a stream (`jq -c`, log shippers). Every line has a `type`:
//!
//! - `"finding"`: one per secret, the same object as an entry of the JSON report's
//!   `findings` (see README, "JSON schema"), with `type` added;
//! - `"summary"`: always the last line, and always written: `schema_version`, `tool`,
//!   `repository` (history scans) and the fields of the JSON report's `summary`,
//!   `complete` and `missed` among them, so a scan that could not read something never
//!   reads as clean, even with no finding line.
//!
//! Findings are grouped by secret when the scan ends, so the lines come then, not as
//! files are read.

use serde::Serialize;

use super::ReportInput;
use super::json::{JsonFinding, Repository, Summary, Tool, finding, repository, summary, tool};

#[derive(Serialize)]
struct Line<T> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    body: T,
}

#[derive(Serialize)]
struct SummaryLine<'a> {
    schema_version: u32,
    tool: Tool,
    #[serde(skip_serializing_if = "Option::is_none")]
    repository: Option<Repository<'a>>,
    #[serde(flatten)]
    summary: Summary<'a>,
}

fn line(out: &mut dyn std::io::Write, value: &impl Serialize) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// Writes one `finding` line per secret, then the `summary` line.
pub fn write(input: &ReportInput<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let outcome = input.outcome;
    for g in &outcome.groups {
        let body: JsonFinding<'_> = finding(input, g);
        line(
            out,
            &Line {
                kind: "finding",
                body,
            },
        )?;
    }
    line(
        out,
        &Line {
            kind: "summary",
            body: SummaryLine {
                schema_version: super::json::SCHEMA_VERSION,
                tool: tool(),
                repository: repository(outcome),
                summary: summary(outcome),
            },
        },
    )
}
