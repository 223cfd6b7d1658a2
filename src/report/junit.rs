//! JUnit XML, for the test tabs of CI systems (GitLab's `artifacts:reports:junit`,
//! Jenkins, Azure Pipelines). One `testsuite` for the scan, in it:
//!
//! - one failing `testcase` per secret (`classname` the file, relative to the scanned
//!   root; `name` the rule and where), its `failure` carrying the rule id as `type`,
//!   the one-line description as `message` and, as text, every location and the
//!   rule's remediation;
//! - one `error` testcase per input that could not be read (an incomplete scan never
//!   shows as all green), and one per internal error;
//! - one passing testcase (`no secrets found`) when there is no finding, so that a
//!   clean scan is a passed test, not an empty suite.
//!
//! Text from scanned content goes through [`crate::text::escape`] (control and
//! invisible characters as `\u{…}`), then XML escaping; characters XML 1.0 forbids can
//! therefore never reach the file.

use std::fmt::Write as _;
use std::io::Write;

use super::place::{describe, root_path};
use super::{ReportInput, severity_name};
use crate::finding::SecretGroup;
use crate::text::{escape, rfc3339};

/// At most this many locations are listed in one failure's text.
const MAX_LOCATIONS: usize = 100;

/// `s` as XML character data or an attribute value (quotes escaped too). Characters XML
/// 1.0 does not allow (C0 controls other than tab, line feed and carriage return;
/// U+FFFE, U+FFFF) become `\u{…}`; tab, line feed and carriage return become character
/// references, so attribute values keep them.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Scanned text, made safe to show and then to put in XML.
fn shown(s: &str) -> String {
    xml(&escape(s))
}

/// Our own multi-line text (line feeds kept as they are in element content).
fn body(lines: &[String]) -> String {
    lines.iter().map(|l| xml(l)).collect::<Vec<_>>().join("\n")
}

fn failure_text(input: &ReportInput<'_>, g: &SecretGroup) -> Vec<String> {
    let f = g.primary();
    let rule = f.rule(input.rules);
    let mut lines = vec![
        escape(&describe(input, g)).into_owned(),
        format!(
            "rule: {} ({}), severity {}, confidence {} ({})",
            rule.id(),
            escape(&rule.def.name),
            severity_name(rule.def.severity),
            f.confidence.level.name(),
            f.confidence.reason
        ),
    ];
    if input.show_secrets {
        lines.push(format!("secret: {}", escape(&f.secret_text())));
    }
    lines.push(format!(
        "location{}:",
        if g.findings.len() == 1 { "" } else { "s" }
    ));
    for o in g.findings.iter().take(MAX_LOCATIONS) {
        let l = &o.location;
        let mut s = format!("  {}:{}:{}", escape(&l.path), l.line, l.column);
        if let Some(c) = &o.commit {
            let _ = write!(s, " (commit {}, {})", c.id, rfc3339(c.time));
        }
        lines.push(s);
    }
    if g.findings.len() > MAX_LOCATIONS {
        lines.push(format!(
            "  … and {} more (the JSON report lists every one)",
            g.findings.len() - MAX_LOCATIONS
        ));
    }
    lines.push(String::new());
    lines.extend(
        rule.def
            .remediation
            .trim()
            .lines()
            .map(|l| escape(l.trim_end()).into_owned()),
    );
    lines
}

/// Writes the JUnit XML document.
pub fn write(input: &ReportInput<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let outcome = input.outcome;
    let failures = outcome.groups.len();
    let errors = outcome.missed.len()
        + outcome
            .warnings
            .iter()
            .filter(|w| w.kind.is_error())
            .count();
    let passed = usize::from(failures == 0);
    let tests = failures + errors + passed;
    let suite = format!("leakhound {}", input.run.command);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="leakhound" tests="{tests}" failures="{failures}" errors="{errors}">"#
    )?;
    let stamp = rfc3339(outcome.now);
    writeln!(
        out,
        r#"  <testsuite name="{}" tests="{tests}" failures="{failures}" errors="{errors}" skipped="0" timestamp="{}">"#,
        xml(&suite),
        stamp.trim_end_matches('Z')
    )?;
    for g in &outcome.groups {
        let f = g.primary();
        let rule = f.rule(input.rules);
        let path = root_path(input, f);
        let l = &f.location;
        writeln!(
            out,
            r#"    <testcase classname="{}" name="{}" file="{}" line="{}">"#,
            shown(&path),
            shown(&format!(
                "{} at {}:{}:{}",
                rule.id(),
                path,
                l.line,
                l.column
            )),
            shown(&path),
            l.line
        )?;
        writeln!(
            out,
            r#"      <failure type="{}" message="{}">{}</failure>"#,
            xml(rule.id()),
            shown(&format!(
                "{} found ({}){}",
                rule.def.name,
                f.redacted(input.rules),
                g.verification.as_ref().map_or(String::new(), |v| format!(
                    ", verification {}",
                    v.status.as_str()
                ))
            )),
            body(&failure_text(input, g))
        )?;
        writeln!(out, "    </testcase>")?;
    }
    for m in &outcome.missed {
        writeln!(
            out,
            r#"    <testcase classname="leakhound.not-scanned" name="{}">"#,
            shown(&format!("{} {}", m.what.name(), m.name))
        )?;
        writeln!(
            out,
            r#"      <error type="not scanned" message="{}">{}</error>"#,
            shown(&m.to_string()),
            shown(&format!(
                "This {} could not be read, so it was not scanned for secrets: {}",
                m.what.name(),
                m.reason
            ))
        )?;
        writeln!(out, "    </testcase>")?;
    }
    for w in outcome.warnings.iter().filter(|w| w.kind.is_error()) {
        writeln!(
            out,
            r#"    <testcase classname="leakhound.internal-error" name="{}">"#,
            shown(&w.subject)
        )?;
        writeln!(
            out,
            r#"      <error type="{}" message="{}"/>"#,
            w.kind.name(),
            shown(&w.message)
        )?;
        writeln!(out, "    </testcase>")?;
    }
    if passed == 1 {
        writeln!(
            out,
            r#"    <testcase classname="leakhound" name="no secrets found"/>"#
        )?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn xml_escapes_markup_and_forbidden_characters() {
        assert_eq!(
            xml("a<b>&\"c'\u{1}\u{1b}\u{fffe}\t\n"),
            "a&lt;b&gt;&amp;&quot;c&apos;\\u{1}\\u{1b}\\u{fffe}&#9;&#10;"
        );
        assert_eq!(xml("ünïcødé ✓"), "ünïcødé ✓");
    }
}
