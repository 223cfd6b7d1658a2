//! CSV for spreadsheets: a header row, then one row per location of each secret (a
//! secret found in three places is three rows with the same `secret_hash`), written by
//! the `csv` crate with RFC 4180 quoting (a field holding a comma, quote or line break
//! is quoted, quotes doubled) and CRLF line ends.
//!
//! Spreadsheet formula injection: a cell that starts with `=`, `+`, `-`, `@`, a tab or
//! a carriage return would be run as a formula by Excel, LibreOffice or Google Sheets
//! (a file named `=HYPERLINK(…)` could exfiltrate the sheet). Such a text cell gets a
//! leading `'`, which spreadsheets take as "text" and do not show; numbers are ours and
//! never start so. A program that reads the CSV sees the `'`.
//!
//! The `secret` column is empty unless `--show-secrets`; `verification` (verified,
//! invalid, unknown) and `verified_identity` are empty unless `--verify`.

use super::{ReportInput, severity_name};
use crate::text::rfc3339;

const HEADER: [&str; 24] = [
    "rule_id",
    "rule_name",
    "severity",
    "confidence",
    "context",
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "commit",
    "commit_date",
    "commit_author",
    "still_at_head",
    "secret_redacted",
    "secret_length",
    "secret_hash",
    "fingerprint",
    "occurrences",
    "encoding",
    "secret",
    "remediation_hint",
    "verification",
    "verified_identity",
];

/// A text cell a spreadsheet will not take as a formula.
fn cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// Writes the header and one row per location.
pub fn write(input: &ReportInput<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(HEADER)?;
    for g in &input.outcome.groups {
        let primary = g.primary();
        let rule = primary.rule(input.rules);
        let redacted = primary.redacted(input.rules);
        let secret = if input.show_secrets {
            primary.secret_text()
        } else {
            String::new()
        };
        for f in &g.findings {
            let l = &f.location;
            let commit = f.commit.as_deref();
            let row: [String; 24] = [
                cell(rule.id()),
                cell(&rule.def.name),
                severity_name(rule.def.severity).to_string(),
                f.confidence.level.name().to_string(),
                f.context.name().to_string(),
                cell(&l.path),
                l.line.to_string(),
                l.column.to_string(),
                l.end_line.to_string(),
                l.end_column.to_string(),
                commit.map_or(String::new(), |c| c.id.clone()),
                commit.map_or(String::new(), |c| rfc3339(c.time)),
                commit.map_or(String::new(), |c| {
                    cell(&format!("{} <{}>", c.author_name, c.author_email))
                }),
                g.at_head.map_or(String::new(), |h| h.to_string()),
                cell(&redacted),
                primary
                    .secret_len()
                    .map_or(String::new(), |n| n.to_string()),
                f.secret_hash.clone(),
                f.fingerprint.clone(),
                g.findings.len().to_string(),
                f.encodings.join("+"),
                cell(&secret),
                cell(rule.hint()),
                g.verification
                    .as_ref()
                    .map_or(String::new(), |v| v.status.as_str().to_string()),
                cell(
                    &g.verification
                        .as_ref()
                        .and_then(crate::finding::Verification::identity_line)
                        .unwrap_or_default(),
                ),
            ];
            w.write_record(&row)?;
        }
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formula_cells_are_quoted_as_text() {
        for s in ["=1+1", "+1", "-----BEGIN", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(cell(s), format!("'{s}"));
        }
        assert_eq!(cell("app.py"), "app.py");
        assert_eq!(cell(""), "");
    }
}
