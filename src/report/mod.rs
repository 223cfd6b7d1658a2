//! Report writers. Each takes the rules, the scan outcome and the options, and writes
//! one format; none prints a secret in clear unless `show_secrets` is set.
//!
//! Every format shows one entry per distinct secret ([`SecretGroup`]): its primary
//! location (the commit that introduced it, in a history scan) and how many other
//! places hold it; `--all-locations` (text) lists them, JSON and SARIF always do.

pub mod csv;
pub mod github;
pub mod gitlab;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod markdown;
pub mod paint;
pub(crate) mod place;
pub mod purge;
pub mod sarif;
pub mod text;

use std::path::PathBuf;

use crate::finding::SecretGroup;
use crate::rules::{RuleSet, Severity};
use crate::scan::Outcome;

/// Everything a report writer needs.
pub struct ReportInput<'a> {
    pub rules: &'a RuleSet,
    pub outcome: &'a Outcome,
    pub show_secrets: bool,
    /// Text format: list every location of each secret, not only the first.
    pub all_locations: bool,
    /// What ran, and where (SARIF `automationDetails` and `originalUriBaseIds`).
    pub run: RunInfo,
}

/// The command that produced a report and the directory its paths belong to.
#[derive(Debug, Clone, Default)]
pub struct RunInfo {
    /// `scan`, `git` or `staged`.
    pub command: &'static str,
    /// The directory SARIF URIs are made relative to, if one is known.
    pub source_root: Option<SourceRoot>,
}

/// The root of the scanned sources (a git work tree, or the scanned directory).
#[derive(Debug, Clone)]
pub struct SourceRoot {
    /// Absolute and canonical.
    pub dir: PathBuf,
    /// How the findings' paths relate to `dir`.
    pub paths: PathsFrom,
}

#[derive(Debug, Clone)]
pub enum PathsFrom {
    /// Already relative to the root (history and index paths).
    Root,
    /// Relative to this directory (the one the scan ran in), or absolute.
    Cwd(PathBuf),
}

pub(crate) fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "critical",
        Severity::High => "high",
        Severity::Medium => "medium",
        Severity::Low => "low",
    }
}

/// "still at HEAD" / "history only" for history scans.
pub(crate) fn head_status(group: &SecretGroup) -> Option<&'static str> {
    group.at_head.map(|at| {
        if at {
            "still at HEAD"
        } else if group
            .findings
            .iter()
            .all(crate::finding::Finding::in_commit_text)
        {
            "in commit metadata, lives in history only"
        } else {
            "removed from HEAD, lives in history only"
        }
    })
}

/// What `--verify` found, in one phrase: `live (user octocat; asked api.github.com)`,
/// `invalid (the provider answered 401)`, `unknown (timeout)`.
pub(crate) fn verification_phrase(v: &crate::finding::Verification) -> String {
    use crate::finding::VerifyStatus;
    let mut parts: Vec<String> = Vec::new();
    if let Some(who) = v.identity_line() {
        parts.push(who);
    }
    if let Some(reason) = &v.reason {
        parts.push(reason.clone());
    }
    if let Some(host) = &v.host {
        parts.push(format!("asked {host}"));
    }
    if v.baselined {
        parts.push("accepted in the baseline, but still live".to_string());
    }
    let status = match v.status {
        VerifyStatus::Verified => "LIVE",
        VerifyStatus::Invalid => "invalid",
        VerifyStatus::Unknown => "unknown",
    };
    if parts.is_empty() {
        status.to_string()
    } else {
        format!("{status} ({})", parts.join("; "))
    }
}

/// The `--provider NAME=URL ` option (with a trailing space, or nothing) that a
/// report's `leakhound revoke` command needs to send a secret where the scan verified
/// it: the mapping verification used (a self-managed GitLab, a GitHub Enterprise),
/// when the rule revokes with that same provider. Without it the command would send a
/// self-hosted key to the provider's public host. The URL is the user's own setting,
/// not a secret.
pub(crate) fn revoke_provider_option(
    rule: &crate::rules::Rule,
    v: Option<&crate::finding::Verification>,
) -> String {
    let Some(m) = v.and_then(|v| v.mapping.as_deref()) else {
        return String::new();
    };
    if rule
        .def
        .revoke
        .as_ref()
        .is_none_or(|r| r.provider != m.provider)
    {
        return String::new();
    }
    format!(
        "--provider {} ",
        shell_word(&format!("{}={}", m.provider, m.url))
    )
}

/// `word` as one shell word: as it is when it holds nothing the shell reads, else in
/// single quotes; characters outside printable ASCII (which a base URL's path may
/// hold) percent-encoded, as a URL allows, so the command can be shown and pasted.
fn shell_word(word: &str) -> String {
    let mut ascii = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii_graphic() {
            ascii.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                ascii.push_str(&format!("%{b:02X}"));
            }
        }
    }
    let plain = ascii.bytes().all(|b| {
        b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'/' | b'.' | b'_' | b'-' | b'~' | b':' | b'=' | b'%' | b'+' | b',' | b'@'
            )
    });
    if plain {
        ascii
    } else {
        format!("'{}'", ascii.replace('\'', "'\\''"))
    }
}

/// What reports say of a finding in a file that git does not track and `ignore_file`
/// hides: it was never committed, but it sits in the directory (a Docker build
/// context, a server, an artifact).
pub(crate) fn ignored_note(ignore_file: &str) -> String {
    format!("not tracked by git; ignored by {ignore_file}")
}
