//! What the report formats share about one secret: where a finding is as CI tools name
//! files (relative to the root of the scanned sources), and the one-paragraph
//! description every format gives (the rule, the redacted secret, its commit, whether
//! it is still at HEAD, the first thing to do). SARIF, GitLab, GitHub and JUnit use it.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use super::{PathsFrom, ReportInput, SourceRoot, head_status};
use crate::finding::{Finding, SecretGroup};
use crate::text::date;

/// `path` relative to the source root, with `/` separators, when it lies under it.
pub(crate) fn under_root(root: &SourceRoot, path: &str) -> Option<String> {
    if path == crate::finding::STDIN_PATH {
        return None;
    }
    let rel: PathBuf = match &root.paths {
        PathsFrom::Root => PathBuf::from(path),
        PathsFrom::Cwd(cwd) => {
            let abs = lexical(&cwd.join(path));
            match abs.strip_prefix(&root.dir) {
                Ok(rel) => rel.to_path_buf(),
                // The same place by another spelling (a symbolic link on the way):
                // compare canonical directories, keeping the file's own name.
                Err(_) => {
                    let dir = std::fs::canonicalize(abs.parent()?).ok()?;
                    dir.join(abs.file_name()?)
                        .strip_prefix(&root.dir)
                        .ok()?
                        .to_path_buf()
                }
            }
        }
    };
    let parts: Vec<String> = rel
        .components()
        .map(|c| match c {
            Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// `.` and `..` resolved without the file system.
fn lexical(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The path CI tools should show for a finding: relative to the source root (a git
/// work tree: what GitHub annotations and GitLab reports expect) when it lies under
/// it, else as the scan reported it (`<stdin>`, `<commit message>`, a path outside).
pub(crate) fn root_path(input: &ReportInput<'_>, f: &Finding) -> String {
    input
        .run
        .source_root
        .as_ref()
        .and_then(|root| under_root(root, &f.location.path))
        .unwrap_or_else(|| f.location.path.clone())
}

/// Whether the finding's location is a file (not a commit's message or author, not
/// standard input), so that a CI tool can point at it.
pub(crate) fn in_a_file(f: &Finding) -> bool {
    !f.in_commit_text() && f.location.path != crate::finding::STDIN_PATH
}

/// `sk_live_…ZMZ4, 107 chars, key ID X, base64-encoded`: the secret as every report
/// may show it, never in clear.
pub(crate) fn secret_note(input: &ReportInput<'_>, f: &Finding) -> String {
    format!(
        "{}, {}{}{}",
        f.redacted(input.rules),
        f.length_note(),
        f.key_id
            .as_deref()
            .map_or(String::new(), |id| format!(", key ID {id}")),
        if f.encodings.is_empty() {
            String::new()
        } else {
            format!(", {}-encoded", f.encodings.join("+"))
        }
    )
}

/// One paragraph about a secret, at its primary location: what was found (redacted),
/// the commit that introduced it, an ignored file, where it stands in history, and the
/// rule's first remediation step. SARIF's result message.
pub(crate) fn describe(input: &ReportInput<'_>, g: &SecretGroup) -> String {
    let f = g.primary();
    let rule = f.rule(input.rules);
    let mut text = format!("{} found ({}).", rule.def.name, secret_note(input, f));
    if let Some(c) = &f.commit {
        let _ = write!(
            text,
            " Introduced by commit {} on {}.",
            &c.id[..c.id.len().min(12)],
            date(c.time)
        );
    }
    if let Some(by) = &f.location.ignored_by {
        let _ = write!(text, " {}.", super::ignored_note(by));
    }
    if g.at_head.is_some() {
        let days = g.exposed_days(input.outcome.now).unwrap_or(0);
        let _ = write!(
            text,
            " {}, exposed for {days} days.",
            head_status(g).unwrap_or_default()
        );
    }
    if let Some(v) = &g.verification {
        let _ = write!(text, " Verification: {}.", super::verification_phrase(v));
    }
    let _ = write!(text, " {}", rule.hint());
    text
}
