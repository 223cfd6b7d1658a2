//! Baselines: the findings a team has accepted, so that only new ones are reported.
//!
//! A baseline is a JSON file listing fingerprints (rule + Argon2id hash of the secret +
//! path, see [`crate::finding::fingerprint`]). It never holds a secret, in clear or
//! hashed alone: only the fingerprint, the rule id and the path, for people reading it.
//!
//! Version 1 fingerprints were built on an unsalted SHA-256 of the secret, which this
//! leakhound no longer computes: a version 1 baseline is refused with a message saying
//! to re-create it, rather than silently matching nothing and reporting every finding
//! it had accepted as new.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::{SecretGroup, is_fingerprint};
use crate::rules::RuleSet;
use crate::text::Located;

/// The format version written in the file. Version 2: fingerprints built on
/// [`crate::finding::secret_hash`] (Argon2id) instead of SHA-256.
pub(crate) const VERSION: u32 = 2;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    leakhound_baseline: u32,
    created: String,
    findings: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    fingerprint: String,
    rule_id: String,
    path: String,
}

/// What a baseline accepted: distinct secrets, the locations holding them, and the
/// entries written (one per secret and path).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accepted {
    pub secrets: usize,
    pub locations: usize,
    pub entries: usize,
}

/// Writes every finding of every group as a baseline entry, sorted and de-duplicated.
pub fn write(
    groups: &[SecretGroup],
    rules: &RuleSet,
    now: i64,
    out: &mut dyn std::io::Write,
) -> std::io::Result<Accepted> {
    let mut findings: Vec<Entry> = groups
        .iter()
        .flat_map(|g| g.findings.iter())
        .map(|f| Entry {
            fingerprint: f.fingerprint.clone(),
            rule_id: f.rule(rules).id().to_string(),
            path: f.location.path.clone(),
        })
        .collect();
    findings.sort_by(|a, b| {
        (&a.path, &a.rule_id, &a.fingerprint).cmp(&(&b.path, &b.rule_id, &b.fingerprint))
    });
    findings.dedup_by(|a, b| a.fingerprint == b.fingerprint);
    let accepted = Accepted {
        secrets: groups.len(),
        locations: groups.iter().map(|g| g.findings.len()).sum(),
        entries: findings.len(),
    };
    let file = File {
        leakhound_baseline: VERSION,
        created: crate::text::rfc3339(now),
        findings,
    };
    serde_json::to_writer_pretty(&mut *out, &file)?;
    writeln!(out)?;
    Ok(accepted)
}

/// The fingerprints of a baseline file.
pub(crate) fn load(path: &Path) -> Result<HashSet<String>, Located> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| Located::file(&shown, format!("cannot read baseline: {e}")))?;
    parse(&text, &shown)
}

/// Parses a baseline's text; `path` is used in messages.
pub fn parse(text: &str, path: &str) -> Result<HashSet<String>, Located> {
    let at = |line: usize, column: usize, message: String| Located {
        path: path.to_string(),
        line: line.max(1),
        column: column.max(1),
        message,
    };
    let file: File = serde_json::from_str(text).map_err(|e| {
        let msg = e.to_string();
        // serde_json appends " at line L column C"; the location is given apart.
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        at(
            e.line(),
            e.column(),
            format!("not a leakhound baseline: {msg}"),
        )
    })?;
    if file.leakhound_baseline == 1 {
        return Err(at(
            1,
            1,
            "baseline format version 1 holds fingerprints built on SHA-256 secret hashes, which \
             this leakhound replaced with Argon2id (`hash_algorithm` argon2id-v1); none of them \
             can match. Re-create it with `leakhound baseline create` after checking that every \
             finding it would accept is still one you accept"
                .to_string(),
        ));
    }
    if file.leakhound_baseline != VERSION {
        return Err(at(
            1,
            1,
            format!(
                "baseline format version {} is not supported (this leakhound reads version {VERSION})",
                file.leakhound_baseline
            ),
        ));
    }
    let mut set = HashSet::new();
    for (i, e) in file.findings.iter().enumerate() {
        if !is_fingerprint(&e.fingerprint) {
            return Err(at(
                1,
                1,
                format!(
                    "findings[{i}]: fingerprint '{}' is not 32 hexadecimal characters",
                    e.fingerprint.escape_debug()
                ),
            ));
        }
        set.insert(e.fingerprint.to_ascii_lowercase());
    }
    Ok(set)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_baselines_are_located() {
        let e = parse("{\"leakhound_baseline\": 1,\n \"findings\": [}", "b.json").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.to_string().starts_with("b.json:2:"), "{e}");
        let e = parse("[]", "b.json").unwrap_err();
        assert!(e.message.contains("not a leakhound baseline"), "{e}");
        let e = parse(
            r#"{"leakhound_baseline": 9, "created": "", "findings": []}"#,
            "b.json",
        )
        .unwrap_err();
        assert!(e.message.contains("version 9"), "{e}");
        let e = parse(
            r#"{"leakhound_baseline": 2, "created": "", "findings": [{"fingerprint": "xyz", "rule_id": "r", "path": "p"}]}"#,
            "b.json",
        )
        .unwrap_err();
        assert!(e.message.contains("findings[0]"), "{e}");
    }

    #[test]
    fn good_baseline_parses() {
        let set = parse(
            r#"{"leakhound_baseline": 2, "created": "2026-01-01T00:00:00Z", "findings": [{"fingerprint": "0123456789ABCDEF0123456789abcdef", "rule_id": "r", "path": "p"}]}"#,
            "b.json",
        )
        .unwrap();
        assert!(set.contains("0123456789abcdef0123456789abcdef"));
    }

    #[test]
    fn sha256_baselines_are_refused_with_a_way_out() {
        let e = parse(
            r#"{"leakhound_baseline": 1, "created": "2026-01-01T00:00:00Z", "findings": []}"#,
            "b.json",
        )
        .unwrap_err();
        assert!(e.message.contains("SHA-256"), "{e}");
        assert!(e.message.contains("leakhound baseline create"), "{e}");
    }
}
