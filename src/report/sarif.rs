//! SARIF 2.1.0, built with `serde-sarif`, for code-scanning dashboards.
//!
//! The driver lists the rules that fired, with their remediation as help text and
//! markdown; each result has a physical location and a `partialFingerprints` entry
//! computed from rule, secret hash and path, so it keeps its identity when unrelated
//! lines move. No secret appears in clear unless `--show-secrets`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::json;
use serde_sarif::sarif;

use super::json::{Filtered, confidence_name};
use super::place::{describe, under_root};
use super::text::left_out;
use super::{ReportInput, SourceRoot, severity_name};
use crate::finding::{Finding, SecretGroup};
use crate::fix::{Fix, PlacedEdit};
use crate::rules::{Rule, Severity};
use crate::scan::{MissedKind, Outcome};
use crate::text::{path_to_uri, rfc3339};

/// The key under which our fingerprint appears in `partialFingerprints`.
pub(crate) const FINGERPRINT_KEY: &str = "leakhound/v2";

/// The `uriBaseId` of paths under the scanned sources' root, defined in the run's
/// `originalUriBaseIds`.
pub(crate) const SRCROOT: &str = "SRCROOT";

/// GitHub code scanning refuses a result with more than 1,000 locations: the primary
/// location and at most this many related ones. The rest are counted in
/// `properties.relatedLocationsOmitted` (JSON lists them all).
pub const MAX_RELATED_LOCATIONS: usize = 999;

/// A result's fix edits at most this many locations of its secret; the others are
/// counted in `properties.fixLocationsOmitted`.
pub(crate) const MAX_FIX_LOCATIONS: usize = 100;

/// The tool's home page: the package's `repository` (else `homepage`) in Cargo.toml.
fn information_uri() -> Option<&'static str> {
    [
        option_env!("CARGO_PKG_REPOSITORY"),
        option_env!("CARGO_PKG_HOMEPAGE"),
    ]
    .into_iter()
    .flatten()
    .find(|u| !u.is_empty())
}

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

/// A result's level: the rule's, raised to `error` for a secret the provider
/// confirmed live.
fn result_level(s: Severity, g: &SecretGroup) -> sarif::ResultLevel {
    let live = g
        .verification
        .as_ref()
        .is_some_and(|v| v.status == crate::finding::VerifyStatus::Verified);
    if live {
        sarif::ResultLevel::Error
    } else {
        level(s)
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

/// Where a finding's file is: relative to the source root (`uriBaseId` SRCROOT) when
/// it lies under it, else as the path reads (relative to where the scan ran, or an
/// absolute `file://` URI).
fn artifact(input: &ReportInput<'_>, path: &str) -> sarif::ArtifactLocation {
    let rel = input
        .run
        .source_root
        .as_ref()
        .and_then(|root| under_root(root, path));
    match rel {
        Some(rel) => sarif::ArtifactLocation::builder()
            .uri(path_to_uri(&rel))
            .uri_base_id(SRCROOT)
            .build(),
        None => sarif::ArtifactLocation::builder()
            .uri(path_to_uri(path))
            .build(),
    }
}

/// The run's `originalUriBaseIds`: SRCROOT as a `file://` URI ending in `/`.
fn base_ids(root: &SourceRoot) -> BTreeMap<String, sarif::ArtifactLocation> {
    let mut uri = path_to_uri(&root.dir.to_string_lossy());
    if !uri.starts_with("file://") {
        uri.insert_str(0, "file://");
    }
    if !uri.ends_with('/') {
        uri.push('/');
    }
    let mut map = BTreeMap::new();
    map.insert(
        SRCROOT.to_string(),
        sarif::ArtifactLocation::builder()
            .uri(uri)
            .description(
                sarif::Message::builder()
                    .text("The root of the scanned sources")
                    .build(),
            )
            .build(),
    );
    map
}

fn physical(input: &ReportInput<'_>, f: &Finding) -> sarif::PhysicalLocation {
    let loc = &f.location;
    let region = sarif::Region::builder()
        .start_line(loc.line as i64)
        .start_column(loc.column as i64)
        .end_line(loc.end_line as i64)
        .end_column(loc.end_column as i64)
        .build();
    sarif::PhysicalLocation::builder()
        .artifact_location(artifact(input, &loc.path))
        .region(region)
        .build()
}

/// For a secret in a commit's own text, which part of the commit holds it.
fn commit_part(f: &Finding) -> Option<&'static str> {
    use crate::finding::COMMIT_MESSAGE;
    f.in_commit_text().then(|| {
        if f.location.path == COMMIT_MESSAGE {
            "the message"
        } else {
            "the author or committer"
        }
    })
}

/// For a secret in a commit's own text, what its location is: its artifact URI
/// (`%3Ccommit%20message%3E`, `%3Ccommit%20author%3E`) names no file of the repository.
fn commit_text_note(f: &Finding) -> Option<sarif::Message> {
    let (part, c) = (commit_part(f)?, f.commit.as_ref()?);
    let text = format!("In {part} of commit {}, not in a file", c.id);
    Some(sarif::Message::builder().text(text).build())
}

/// A location's `context` property: where it sits (production, test, …).
fn context_property(f: &Finding) -> sarif::PropertyBag {
    let mut props = BTreeMap::new();
    props.insert("context".to_string(), json!(f.context.name()));
    sarif::PropertyBag::builder()
        .additional_properties(props)
        .build()
}

/// A related location: another place holding the same secret.
fn related(input: &ReportInput<'_>, id: usize, f: &Finding) -> sarif::Location {
    let text = match &f.commit {
        Some(c) if let Some(part) = commit_part(f) => {
            format!("Also in {part} of commit {} ({})", c.id, rfc3339(c.time))
        }
        Some(c) => format!("Also introduced by commit {} ({})", c.id, rfc3339(c.time)),
        None => "The same secret again".to_string(),
    };
    sarif::Location::builder()
        .id(id as i64)
        .physical_location(physical(input, f))
        .properties(context_property(f))
        .message(sarif::Message::builder().text(text).build())
        .build()
}

fn result(input: &ReportInput<'_>, g: &SecretGroup, rule_index: i64) -> sarif::Result {
    let f = g.primary();
    let rule = f.rule(input.rules);
    let mut props = BTreeMap::new();
    props.insert(
        "severity".to_string(),
        json!(severity_name(rule.def.severity)),
    );
    props.insert("confidence".to_string(), json!(f.confidence.level.name()));
    props.insert("confidenceReason".to_string(), json!(f.confidence.reason));
    props.insert(
        "ruleConfidence".to_string(),
        json!(confidence_name(rule.def.confidence)),
    );
    props.insert("context".to_string(), json!(g.context().name()));
    props.insert("secretRedacted".to_string(), json!(f.redacted(input.rules)));
    if let Some(n) = f.secret_len() {
        props.insert("secretLength".to_string(), json!(n));
    }
    props.insert("secretHash".to_string(), json!(f.secret_hash));
    props.insert(
        "hashAlgorithm".to_string(),
        json!(f.hash_algorithm(input.rules)),
    );
    if let Some(id) = &f.key_id {
        props.insert("keyId".to_string(), json!(id));
    }
    props.insert("occurrences".to_string(), json!(g.findings.len()));
    if !f.encodings.is_empty() {
        props.insert("encoding".to_string(), json!(f.encodings));
    }
    if input.show_secrets {
        props.insert("secret".to_string(), json!(f.secret_text()));
    }
    let text = describe(input, g);
    if let Some(c) = &f.commit {
        props.insert(
            "commit".to_string(),
            json!({
                "id": c.id,
                "authorName": c.author_name,
                "authorEmail": c.author_email,
                "date": rfc3339(c.time),
                "summary": c.summary,
            }),
        );
    }
    if let Some(by) = &f.location.ignored_by {
        props.insert("tracked".to_string(), json!(false));
        props.insert("ignoredBy".to_string(), json!(by));
    }
    if let Some(at) = g.at_head {
        props.insert("stillAtHead".to_string(), json!(at));
        let days = g.exposed_days(input.outcome.now).unwrap_or(0);
        props.insert("exposedDays".to_string(), json!(days));
    }
    if let Some(v) = &g.verification {
        props.insert(
            "verification".to_string(),
            json!(super::json::verification(v)),
        );
    }
    let others = &g.findings[1..];
    let related_omitted = others.len().saturating_sub(MAX_RELATED_LOCATIONS);
    if related_omitted > 0 {
        props.insert(
            "relatedLocationsOmitted".to_string(),
            json!(related_omitted),
        );
    }
    let (fix, fix_omitted) = match fix(input, g) {
        Some((fix, omitted)) => (Some(fix), omitted),
        None => (None, 0),
    };
    if fix_omitted > 0 {
        props.insert("fixLocationsOmitted".to_string(), json!(fix_omitted));
    }
    let mut fingerprints = BTreeMap::new();
    fingerprints.insert(FINGERPRINT_KEY.to_string(), f.fingerprint.clone());
    let mut primary = sarif::Location::builder()
        .physical_location(physical(input, f))
        .properties(context_property(f))
        .build();
    primary.message = commit_text_note(f);
    let builder = sarif::Result::builder()
        .rule_id(rule.id().to_string())
        .rule_index(rule_index)
        .level(result_level(rule.def.severity, g))
        .rank(f64::from(crate::confidence::rank(
            f.confidence.level,
            g.context(),
        )))
        .message(sarif::Message::builder().text(text).build())
        .locations(vec![primary])
        .partial_fingerprints(fingerprints)
        .properties(
            sarif::PropertyBag::builder()
                .additional_properties(props)
                .build(),
        );
    let mut result = if others.is_empty() {
        builder.build()
    } else {
        let shown: Vec<sarif::Location> = others
            .iter()
            .take(MAX_RELATED_LOCATIONS)
            .enumerate()
            .map(|(i, o)| related(input, i + 1, o))
            .collect();
        builder.related_locations(shown).build()
    };
    result.fixes = fix.map(|f| vec![f]);
    result
}

/// The fix of a working-tree result: every location of the secret that has a mechanical
/// replacement (the first [`MAX_FIX_LOCATIONS`] of them), one artifact change per file,
/// and how many fixable locations were left out. Replacements are listed last in the
/// file first, so that applying them in order, each by the offsets of the original
/// file, never shifts the next; an import added for several locations appears once.
fn fix(input: &ReportInput<'_>, g: &SecretGroup) -> Option<(sarif::Fix, usize)> {
    let mut fixes: Vec<(&str, &Fix)> = g
        .findings
        .iter()
        .filter_map(|f| Some((f.location.path.as_str(), f.fix.as_deref()?)))
        .collect();
    if fixes.is_empty() {
        return None;
    }
    fixes.truncate(MAX_FIX_LOCATIONS);
    // Every place the fix leaves alone: past the cap, and places that got no edit (a
    // file past the per-file limit of fixes, a language with no mechanical fix).
    let omitted = g.findings.len() - fixes.len();
    let mut names: Vec<&str> = fixes.iter().map(|(_, f)| f.env_name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let mut by_path: BTreeMap<&str, Vec<&PlacedEdit>> = BTreeMap::new();
    for (path, fix) in &fixes {
        by_path.entry(path).or_default().extend(&fix.edits);
    }
    let changes: Vec<sarif::ArtifactChange> = by_path
        .into_iter()
        .map(|(path, mut edits)| {
            edits.sort_by_key(|e| std::cmp::Reverse((e.byte_start, e.byte_end)));
            edits.dedup();
            let replacements: Vec<sarif::Replacement> =
                edits.iter().map(|e| replacement(e)).collect();
            sarif::ArtifactChange::builder()
                .artifact_location(artifact(input, path))
                .replacements(replacements)
                .build()
        })
        .collect();
    let mut text = format!(
        "Read the secret from the environment variable{} {} instead of the code. Revoke and \
         rotate the leaked value first: removing it from the code does not make it safe.",
        if names.len() > 1 { "s" } else { "" },
        names.join(", ")
    );
    if omitted > 0 {
        let _ = write!(
            text,
            " This fix changes {} of the {} places that hold the secret; change the other {omitted} too.",
            fixes.len(),
            fixes.len() + omitted
        );
    }
    Some((
        sarif::Fix::builder()
            .description(sarif::Message::builder().text(text).build())
            .artifact_changes(changes)
            .build(),
        omitted,
    ))
}

fn replacement(e: &PlacedEdit) -> sarif::Replacement {
    let region = sarif::Region::builder()
        .start_line(e.start.0 as i64)
        .start_column(e.start.1 as i64)
        .end_line(e.end.0 as i64)
        .end_column(e.end.1 as i64)
        .byte_offset(e.byte_start as i64)
        .byte_length((e.byte_end - e.byte_start) as i64)
        .build();
    sarif::Replacement::builder()
        .deleted_region(region)
        .inserted_content(
            sarif::ArtifactContent::builder()
                .text(e.new_text.clone())
                .build(),
        )
        .build()
}

/// Builds the SARIF log.
pub(crate) fn build(input: &ReportInput<'_>) -> sarif::Sarif {
    // Rules that fired, in id order; results point at them by index.
    let mut fired: Vec<usize> = input
        .outcome
        .groups
        .iter()
        .map(|g| g.primary().rule)
        .collect();
    fired.sort_by_key(|&i| input.rules.get(i).id());
    fired.dedup();
    let index_of = |rule: usize| fired.iter().position(|&r| r == rule).unwrap_or(0) as i64;
    let results: Vec<sarif::Result> = input
        .outcome
        .groups
        .iter()
        .map(|g| result(input, g, index_of(g.primary().rule)))
        .collect();

    let mut driver = sarif::ToolComponent::builder()
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
    driver.information_uri = information_uri().map(str::to_string);
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .invocations(vec![invocation(input.outcome)])
        .column_kind(json!("unicodeCodePoints"))
        .results(results);
    let mut run = match &input.outcome.history {
        Some(h) => {
            let details = sarif::VersionControlDetails::builder().repository_uri(h.uri.clone());
            let mut details = match &h.head {
                Some(head) => details.revision_id(head.clone()).build(),
                None => details.build(),
            };
            // The repository's files are the ones under SRCROOT.
            if input.run.source_root.is_some() {
                details.mapped_to = Some(
                    sarif::ArtifactLocation::builder()
                        .uri_base_id(SRCROOT)
                        .build(),
                );
            }
            run.version_control_provenance(vec![details]).build()
        }
        None => run.build(),
    };
    // GitHub code scanning takes the id up to its last `/` as the analysis category,
    // so uploads of `scan`, `git` and `staged` runs do not replace each other's alerts.
    if !input.run.command.is_empty() {
        run.automation_details = Some(
            sarif::RunAutomationDetails::builder()
                .id(format!("leakhound/{}/", input.run.command))
                .build(),
        );
    }
    run.original_uri_base_ids = input.run.source_root.as_ref().map(base_ids);
    // What the report filter left out, and the filter (as JSON's `summary.filtered`).
    let mut props = BTreeMap::new();
    props.insert(
        "filtered".to_string(),
        serde_json::to_value(Filtered::of(input.outcome)).unwrap_or_default(),
    );
    run.properties = Some(
        sarif::PropertyBag::builder()
            .additional_properties(props)
            .build(),
    );
    sarif::Sarif::builder()
        .schema("https://json.schemastore.org/sarif-2.1.0.json")
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build()
}

/// The id of the notification descriptor for an input that could not be read.
pub(crate) const UNREADABLE_ID: &str = "leakhound/unreadable-input";

/// How the scan went: `executionSuccessful` is false when any input could not be
/// read (or failed on an internal error), and each such input is named in a
/// notification, so a dashboard never shows an incomplete scan as a clean one.
fn invocation(outcome: &Outcome) -> sarif::Invocation {
    let mut notes: Vec<sarif::Notification> = outcome
        .missed
        .iter()
        .map(|m| {
            let mut props = BTreeMap::new();
            props.insert("kind".to_string(), json!(m.what.name()));
            props.insert("name".to_string(), json!(m.name));
            props.insert("reason".to_string(), json!(m.reason));
            let text = format!(
                "Not scanned: {} {} could not be read: {}",
                m.what.name(),
                m.name,
                m.reason
            );
            let b = sarif::Notification::builder()
                .level(json!("error"))
                .descriptor(
                    sarif::ReportingDescriptorReference::builder()
                        .id(UNREADABLE_ID)
                        .build(),
                )
                .message(sarif::Message::builder().text(text).build())
                .properties(
                    sarif::PropertyBag::builder()
                        .additional_properties(props)
                        .build(),
                );
            match m.what {
                MissedKind::File | MissedKind::Directory => b
                    .locations(vec![
                        sarif::Location::builder()
                            .physical_location(
                                sarif::PhysicalLocation::builder()
                                    .artifact_location(
                                        sarif::ArtifactLocation::builder()
                                            .uri(path_to_uri(&m.name))
                                            .build(),
                                    )
                                    .build(),
                            )
                            .build(),
                    ])
                    .build(),
                _ => b.build(),
            }
        })
        .collect();
    let others = outcome.missed_explanation.iter().map(|t| {
        sarif::Notification::builder()
            .level(json!("note"))
            .message(sarif::Message::builder().text(t.clone()).build())
            .build()
    });
    notes.extend(others);
    notes.extend(outcome.warnings.iter().map(|w| {
        let mut props = BTreeMap::new();
        props.insert("kind".to_string(), json!(w.kind.name()));
        props.insert("subject".to_string(), json!(w.subject));
        sarif::Notification::builder()
            .level(json!(if w.kind.is_error() {
                "error"
            } else {
                "warning"
            }))
            .descriptor(
                sarif::ReportingDescriptorReference::builder()
                    .id(format!("leakhound/{}", w.kind.name()))
                    .build(),
            )
            .message(
                sarif::Message::builder()
                    .text(format!("{}: {}", w.subject, w.message))
                    .build(),
            )
            .properties(
                sarif::PropertyBag::builder()
                    .additional_properties(props)
                    .build(),
            )
            .build()
    }));
    // What the report filter left out: a scan that left findings out must not look
    // like a clean one.
    notes.extend(left_out(outcome).map(|text| {
        sarif::Notification::builder()
            .level(json!("note"))
            .message(sarif::Message::builder().text(text).build())
            .build()
    }));
    let b = sarif::Invocation::builder().execution_successful(outcome.complete());
    if notes.is_empty() {
        b.build()
    } else {
        b.tool_execution_notifications(notes).build()
    }
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
