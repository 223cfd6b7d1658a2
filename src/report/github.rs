//! GitHub Actions: workflow commands that annotate the pull request, and the job
//! summary's findings table.
//!
//! `write` prints one `::error` or `::warning` command per location of each secret
//! (`file`, `line`, `endLine`, `col`, `endColumn`, `title`), which GitHub shows on the
//! line in the diff and in the run's annotations. The level: `error` for a critical or
//! high-severity rule at medium confidence or more (what the exit code fails the job
//! for and someone must revoke now), `warning` for everything else (medium and
//! low-severity rules, low-confidence findings). A finding in a commit's message or
//! author, or in standard input, names no file. Inputs that could not be read are
//! `::warning`s titled `not scanned`, and what the report filter left out a
//! `::notice`.
//!
//! Escaping, as GitHub's toolkit does it: in the message `%`, CR and LF become `%25`,
//! `%0D`, `%0A`; in property values `:` and `,` also become `%3A` and `%2C`. Scanned
//! text first goes through [`crate::text::escape`], so no control character reaches
//! the log.
//!
//! `write_step_summary` renders the Markdown table GitHub shows on the run's summary
//! page (`$GITHUB_STEP_SUMMARY`, which the app appends to): it always shows secrets
//! redacted, even under `--show-secrets`, since anyone who can see the run can read it.

use std::io::Write;

use super::place::{describe, in_a_file, root_path};
use super::{ReportInput, head_status, severity_name};
use crate::confidence::Level;
use crate::finding::{Finding, SecretGroup};
use crate::rules::Severity;
use crate::text::escape;

/// At most this many rows in the job summary table (GitHub caps a step's summary at
/// 1 MiB); the rest are counted.
pub const MAX_SUMMARY_ROWS: usize = 300;

/// A workflow command's message: `%`, CR and LF escaped.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: as [`data`], and `:` and `,` escaped.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `error` or `warning`, from the rule's severity and the finding's confidence; a
/// secret `--verify` found live is always an `error`.
fn level(g: &SecretGroup, input: &ReportInput<'_>) -> &'static str {
    if g.verification
        .as_ref()
        .is_some_and(|v| v.status == crate::finding::VerifyStatus::Verified)
    {
        return "error";
    }
    let f = g.primary();
    let urgent = matches!(
        f.rule(input.rules).def.severity,
        Severity::Critical | Severity::High
    );
    if urgent && f.confidence.level >= Level::Medium {
        "error"
    } else {
        "warning"
    }
}

/// The properties of one location's command: where it is, and the title.
fn properties(input: &ReportInput<'_>, f: &Finding, title: &str) -> String {
    let mut props = Vec::new();
    if in_a_file(f) {
        let l = &f.location;
        props.push(format!("file={}", property(&escape(&root_path(input, f)))));
        props.push(format!("line={}", l.line));
        props.push(format!("endLine={}", l.end_line));
        // GitHub draws a column range on one line only.
        if l.line == l.end_line {
            props.push(format!("col={}", l.column));
            props.push(format!("endColumn={}", l.end_column));
        }
    }
    props.push(format!("title={}", property(title)));
    props.join(",")
}

/// Writes one workflow command per location, then one per input not scanned.
pub fn write(input: &ReportInput<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let outcome = input.outcome;
    for g in &outcome.groups {
        let primary = g.primary();
        let rule = primary.rule(input.rules);
        let level = level(g, input);
        let title = format!("leakhound: {} ({})", escape(&rule.def.name), rule.id());
        let mut message = escape(&describe(input, g)).into_owned();
        if input.show_secrets {
            message.push_str(&format!(" Secret: {}", escape(&primary.secret_text())));
        }
        let n = g.findings.len();
        for (i, f) in g.findings.iter().enumerate() {
            let mut text = message.clone();
            if n > 1 {
                text.push_str(&format!(" (place {} of {n} holding this secret)", i + 1));
            }
            if !in_a_file(f) {
                text.push_str(&format!(" In {}", escape(&f.location.path)));
                if let Some(c) = &f.commit {
                    text.push_str(&format!(" of commit {}", c.id));
                }
                text.push('.');
            }
            writeln!(
                out,
                "::{level} {}::{}",
                properties(input, f, &title),
                data(&text)
            )?;
        }
    }
    for m in &outcome.missed {
        writeln!(
            out,
            "::warning title={}::{}",
            property("leakhound: not scanned"),
            data(&escape(&format!(
                "{} {}: could not be read, so it was not scanned for secrets: {}",
                m.what.name(),
                m.name,
                m.reason
            )))
        )?;
    }
    for w in outcome.warnings.iter().filter(|w| w.kind.is_error()) {
        writeln!(
            out,
            "::error title={}::{}",
            property("leakhound: internal error"),
            data(&escape(&w.to_string()))
        )?;
    }
    if let Some(left_out) = super::text::left_out(outcome) {
        writeln!(
            out,
            "::notice title={}::{}",
            property("leakhound: left out"),
            data(&left_out)
        )?;
    }
    Ok(())
}

/// Text in a Markdown table cell: escaped for Markdown (`|` included), on one line.
fn cell(s: &str) -> String {
    super::markdown::md(s)
}

/// Writes the job summary: a heading that says what was found (and whether the scan
/// was complete), then one table row per secret.
pub fn write_step_summary(input: &ReportInput<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let outcome = input.outcome;
    let n = outcome.groups.len();
    writeln!(out, "### leakhound {}", input.run.command)?;
    writeln!(out)?;
    if n == 0 {
        writeln!(out, "No secrets found.")?;
    } else {
        writeln!(
            out,
            "**{}** found. Revoke and rotate each one first: deleting it from the code does not make it safe.",
            super::text::secrets_at_locations(n as u64, outcome.location_count() as u64)
        )?;
    }
    writeln!(out)?;
    if !outcome.missed.is_empty() {
        writeln!(
            out,
            "> [!WARNING]\n> Incomplete scan: {} input{} could not be read and {} not scanned (see the annotations).",
            outcome.missed.len(),
            if outcome.missed.len() == 1 { "" } else { "s" },
            if outcome.missed.len() == 1 {
                "was"
            } else {
                "were"
            }
        )?;
        writeln!(out)?;
    }
    if let Some(left_out) = super::text::left_out(outcome) {
        writeln!(out, "Note: {}.", cell(&left_out))?;
        writeln!(out)?;
    }
    if n == 0 {
        return Ok(());
    }
    writeln!(
        out,
        "| Rule | Severity | Location | Commit | Secret | What to do |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    for g in outcome.groups.iter().take(MAX_SUMMARY_ROWS) {
        let f = g.primary();
        let rule = f.rule(input.rules);
        let l = &f.location;
        let mut place = format!("{}:{}", root_path(input, f), l.line);
        if g.findings.len() > 1 {
            place.push_str(&format!(" (+{} more)", g.findings.len() - 1));
        }
        let commit = match (&f.commit, head_status(g)) {
            (Some(c), Some(status)) => format!("{} ({status})", &c.id[..c.id.len().min(12)]),
            (Some(c), None) => c.id[..c.id.len().min(12)].to_string(),
            (None, _) => String::new(),
        };
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            cell(rule.id()),
            severity_name(rule.def.severity),
            cell(&place),
            cell(&commit),
            cell(&f.redacted(input.rules)),
            cell(rule.hint())
        )?;
    }
    if n > MAX_SUMMARY_ROWS {
        writeln!(out)?;
        writeln!(
            out,
            "… and {} more (the JSON or SARIF report lists every one).",
            n - MAX_SUMMARY_ROWS
        )?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::{data, property};

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
