//! SARIF 2.1.0, built with `serde-sarif`, for code-scanning dashboards.
//!
//! The driver lists the rules that fired, with their remediation as help text and
//! markdown; each result has a physical location and a `partialFingerprints` entry
//! computed from rule, secret hash and path, so it keeps its identity when unrelated
//! lines move. No secret appears in clear unless `--show-secrets`.

use std::collections::BTreeMap;

use serde_json::json;
use serde_sarif::sarif;

use super::{ReportInput, json::confidence_name, severity_name};
use crate::rules::{Rule, Severity};

/// The key under which our fingerprint appears in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "leakhound/v1";

/// GitHub code scanning reads `security-severity` (0.0–10.0) to rank security results.
fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
    }
}

fn level(s: Severity) -> sarif::ResultLevel {
    match s {
        Severity::Critical | Severity::High => sarif::ResultLevel::Error,
        Severity::Medium => sarif::ResultLevel::Warning,
        Severity::Low => sarif::ResultLevel::Note,
    }
}

fn descriptor(rule: &Rule) -> sarif::ReportingDescriptor {
    let d = &rule.def;
    let mut tags = vec!["security".to_string(), "secret".to_string()];
    tags.extend(d.tags.iter().cloned());
    tags.dedup();
    let mut props = BTreeMap::new();
    props.insert(
        "security-severity".to_string(),
        json!(security_severity(d.severity)),
    );
    props.insert("precision".to_string(), json!(precision(rule)));
    props.insert("provider".to_string(), json!(rule.provider));
    let help_text = format!(
        "{}\n\nReferences:\n{}",
        d.remediation.trim(),
        d.references.join("\n")
    );
    let help_md = format!(
        "{}\n\n**References**\n\n{}",
        d.remediation.trim(),
        d.references
            .iter()
            .map(|r| format!("- <{r}>"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let builder = sarif::ReportingDescriptor::builder()
        .id(d.id.clone())
        .name(pascal_case(&d.id))
        .short_description(
            sarif::MultiformatMessageString::builder()
                .text(d.name.clone())
                .build(),
        )
        .full_description(
            sarif::MultiformatMessageString::builder()
                .text(d.description.clone())
                .build(),
        )
        .help(
            sarif::MultiformatMessageString::builder()
                .text(help_text)
                .markdown(help_md)
                .build(),
        )
        .default_configuration(
            sarif::ReportingConfiguration::builder()
                .level(json!(level(d.severity)))
                .build(),
        )
        .properties(
            sarif::PropertyBag::builder()
                .tags(tags)
                .additional_properties(props)
                .build(),
        );
    match rule.help_uri() {
        Some(uri) => builder.help_uri(uri.to_string()).build(),
        None => builder.build(),
    }
}

/// SARIF's `precision` property, from the rule's confidence.
fn precision(rule: &Rule) -> &'static str {
    match confidence_name(rule.def.confidence) {
        "high" => "very-high",
        "medium" => "high",
        _ => "medium",
    }
}

/// `github-pat-classic` → `GithubPatClassic`: SARIF rule names are identifiers.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|p| {
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// Percent-encodes a path into a URI reference: relative paths stay relative (to the
/// directory the scan ran in), absolute ones become `file://` URIs.
pub fn path_to_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 7);
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Builds the SARIF log.
pub fn build(input: &ReportInput<'_>) -> sarif::Sarif {
    // Rules that fired, in id order; results point at them by index.
    let mut fired: Vec<usize> = input.outcome.findings.iter().map(|f| f.rule).collect();
    fired.sort_by_key(|&i| input.rules.get(i).id());
    fired.dedup();
    let index_of = |rule: usize| fired.iter().position(|&r| r == rule).unwrap_or(0) as i64;

    let results: Vec<sarif::Result> = input
        .outcome
        .findings
        .iter()
        .map(|f| {
            let rule = f.rule(input.rules);
            let loc = &f.location;
            let region = sarif::Region::builder()
                .start_line(loc.line as i64)
                .start_column(loc.column as i64)
                .end_line(loc.end_line as i64)
                .end_column(loc.end_column as i64)
                .build();
            let physical = sarif::PhysicalLocation::builder()
                .artifact_location(
                    sarif::ArtifactLocation::builder()
                        .uri(path_to_uri(&loc.path))
                        .build(),
                )
                .region(region)
                .build();
            let mut props = BTreeMap::new();
            props.insert(
                "severity".to_string(),
                json!(severity_name(rule.def.severity)),
            );
            props.insert(
                "confidence".to_string(),
                json!(confidence_name(rule.def.confidence)),
            );
            props.insert("secretRedacted".to_string(), json!(f.redacted()));
            props.insert("secretLength".to_string(), json!(f.secret_len()));
            props.insert("secretSha256".to_string(), json!(f.secret_sha256));
            if input.show_secrets {
                props.insert("secret".to_string(), json!(f.secret_text()));
            }
            let mut fingerprints = BTreeMap::new();
            fingerprints.insert(FINGERPRINT_KEY.to_string(), f.fingerprint.clone());
            sarif::Result::builder()
                .rule_id(rule.id().to_string())
                .rule_index(index_of(f.rule))
                .level(level(rule.def.severity))
                .message(
                    sarif::Message::builder()
                        .text(format!(
                            "{} found ({}, {} characters). {}",
                            rule.def.name,
                            f.redacted(),
                            f.secret_len(),
                            rule.hint()
                        ))
                        .build(),
                )
                .locations(vec![
                    sarif::Location::builder()
                        .physical_location(physical)
                        .build(),
                ])
                .partial_fingerprints(fingerprints)
                .properties(
                    sarif::PropertyBag::builder()
                        .additional_properties(props)
                        .build(),
                )
                .build()
        })
        .collect();

    let driver = sarif::ToolComponent::builder()
        .name("leakhound")
        .full_name(format!("leakhound {}", env!("CARGO_PKG_VERSION")))
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .rules(
            fired
                .iter()
                .map(|&i| descriptor(input.rules.get(i)))
                .collect::<Vec<_>>(),
        )
        .build();
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .column_kind(json!("unicodeCodePoints"))
        .results(results)
        .build();
    sarif::Sarif::builder()
        .schema("https://json.schemastore.org/sarif-2.1.0.json")
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build()
}

pub fn write(input: &ReportInput<'_>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &build(input))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(path_to_uri("src/a b/c#d.py"), "src/a%20b/c%23d.py");
        assert_eq!(path_to_uri("é"), "%C3%A9");
        assert_eq!(path_to_uri("/tmp/x y"), "file:///tmp/x%20y");
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(pascal_case("github-pat-classic"), "GithubPatClassic");
    }
}
