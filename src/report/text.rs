//! The human report: one block per finding, then (on stderr) a summary line.
//!
//! Colour is used only when the caller asks for it (see `app::color`: `--color`,
//! `NO_COLOR`, a terminal). Control characters in paths are escaped so a crafted file
//! name cannot drive the terminal.

use std::fmt::Write as _;
use std::io::Write;

use super::paint::{BOLD, DIM, Paint, severity_style};
use super::{ReportInput, head_status, severity_name};
use crate::confidence::Level;
use crate::context::Context;
use crate::finding::Finding;
use crate::scan::Outcome;
pub use crate::text::escape;
use crate::text::{date, human_bytes};

/// ` [test]` after a location outside production code; nothing for production.
fn context_tag(f: &Finding) -> String {
    match f.context {
        Context::Production => String::new(),
        c => format!(" [{}]", c.name()),
    }
}

/// Writes one block per distinct secret. Nothing is written when there are none.
pub fn write(input: &ReportInput<'_>, color: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let p = Paint { on: color };
    for g in &input.outcome.groups {
        let f = g.primary();
        let rule = f.rule(input.rules);
        let loc = &f.location;
        let sev_style = severity_style(rule.def.severity);
        let place = format!("{}:{}:{}", escape(&loc.path), loc.line, loc.column);
        writeln!(
            out,
            "{}{}  {} {} [{}]",
            p.paint(BOLD, &place),
            p.paint(DIM, &context_tag(f)),
            // Rule text may come from a `.leakhound.toml` in the scanned tree.
            escape(rule.id()),
            p.paint(DIM, &format!("({})", escape(&rule.def.name))),
            p.paint(sev_style, severity_name(rule.def.severity)),
        )?;
        let shown = if input.show_secrets {
            f.secret_text()
        } else {
            f.redacted(input.rules)
        };
        writeln!(
            out,
            "    secret: {} ({}, hash:{}){}",
            escape(&shown),
            f.length_note(),
            &f.secret_hash[..12],
            encoded_note(f)
        )?;
        // A provider's format is what a reader expects; a proof or a guess is worth
        // a line.
        if f.confidence.level != Level::High {
            writeln!(
                out,
                "    confidence: {} ({})",
                f.confidence.level.name(),
                f.confidence.reason
            )?;
        }
        if let Some(id) = &f.key_id {
            writeln!(out, "    key id: {}", escape(id))?;
        }
        if let Some(v) = &g.verification {
            writeln!(
                out,
                "    verify: {}",
                escape(&super::verification_phrase(v))
            )?;
            // A live key its provider lets leakhound revoke: the command, by fingerprint,
            // sent where the scan verified it.
            if v.status == crate::finding::VerifyStatus::Verified
                && f.rule(input.rules).def.revoke.is_some()
            {
                writeln!(
                    out,
                    "    revoke: leakhound revoke {}{}--fingerprint {}",
                    if f.commit.is_some() { "--git " } else { "" },
                    escape(&super::revoke_provider_option(f.rule(input.rules), Some(v))),
                    f.fingerprint
                )?;
            }
        }
        if let Some(by) = &loc.ignored_by {
            writeln!(out, "    note: {}", escape(&super::ignored_note(by)))?;
        }
        if let Some(c) = &f.commit {
            writeln!(
                out,
                "    commit: {} {} {} <{}> \"{}\"",
                &c.id[..c.id.len().min(12)],
                date(c.time),
                escape(&c.author_name),
                escape(&c.author_email),
                escape(&c.summary)
            )?;
        }
        if let Some(status) = head_status(g) {
            let days = g.exposed_days(input.outcome.now).unwrap_or(0);
            writeln!(
                out,
                "    status: {status}; exposed for {days} day{}",
                plural(days as u64)
            )?;
        }
        if g.findings.len() > 1 {
            if input.all_locations {
                for other in &g.findings[1..] {
                    let l = &other.location;
                    let at = other
                        .commit
                        .as_ref()
                        .map(|c| {
                            format!(" (commit {} {})", &c.id[..c.id.len().min(12)], date(c.time))
                        })
                        .unwrap_or_default();
                    writeln!(
                        out,
                        "    also:   {}:{}:{}{}{at}",
                        escape(&l.path),
                        l.line,
                        l.column,
                        context_tag(other),
                    )?;
                }
            } else {
                let (commits, paths) = (g.commit_count(), g.path_count());
                let mut also = format!("seen {} times", g.findings.len());
                if commits > 0 {
                    let _ = write!(also, ", in {commits} commit{}", plural(commits as u64));
                }
                let _ = write!(also, ", under {paths} path{}", plural(paths as u64));
                writeln!(out, "    also:   {also} (--all-locations lists them)")?;
            }
        }
        writeln!(out, "    fix:    {}", escape(rule.hint()))?;
        writeln!(out)?;
    }
    if input.outcome.staged {
        write_staged_advice(input, out)?;
    } else if !input.outcome.groups.is_empty() {
        writeln!(
            out,
            "Revoke and rotate every secret above: deleting it from the code does not make it safe \
             (a committed secret stays in git history, and any secret may already be copied). \
             `leakhound rules show <rule-id>` prints the full steps."
        )?;
    }
    Ok(())
}

/// What to do about secrets found in the index. They are not committed yet, so the
/// advice is to take them out before committing; and for a false positive, how to
/// let it through with the real fingerprint, `--no-verify` last.
fn write_staged_advice(input: &ReportInput<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let groups = &input.outcome.groups;
    if groups.is_empty() {
        return Ok(());
    }
    let (what, them) = if groups.len() == 1 {
        ("the secret above", "it")
    } else {
        ("the secrets above", "them")
    };
    let mut fingerprints: Vec<&str> = Vec::new();
    for f in groups.iter().flat_map(|g| &g.findings) {
        if !fingerprints.contains(&f.fingerprint.as_str()) {
            fingerprints.push(&f.fingerprint);
        }
    }
    let mut rule_ids: Vec<&str> = groups
        .iter()
        .map(|g| g.primary().rule(input.rules).id())
        .collect();
    rule_ids.sort_unstable();
    rule_ids.dedup();
    let show = match rule_ids.as_slice() {
        [one] => format!("leakhound rules show {}", escape(one)),
        _ => "leakhound rules show <rule-id>".to_string(),
    };
    let list = fingerprints
        .iter()
        .map(|f| format!("\"{f}\""))
        .collect::<Vec<_>>()
        .join(", ");
    writeln!(
        out,
        "Not committed: no commit holds {what} yet (only the staged changes do).\n\
         \x20 Take {them} out of the file (read the value from an environment variable or a \
         secrets manager instead) and `git add` the file again; `git restore --staged <file>` \
         unstages a file that should not be committed.\n\
         \x20 If a key was ever shared, pushed or pasted anywhere else, revoke and rotate it as \
         well: `{show}` prints the steps.\n\
         Not a secret? Mark the line with a `leakhound:allow` comment, or allow the finding \
         in .leakhound.toml:\n\
         \x20   [[allow]]\n\
         \x20   description = \"why this is not a secret\"\n\
         \x20   fingerprints = [{list}]\n\
         Last resort: `git commit --no-verify` skips this check for one commit (say why in review)."
    )
}

/// The one-line summary printed on stderr after a scan.
pub fn summary(outcome: &Outcome) -> String {
    let s = &outcome.stats;
    let n = outcome.groups.len();
    let mut line = String::from("leakhound: ");
    if n == 0 && s.filtered > 0 {
        line.push_str("no leaks reported");
    } else if n == 0 {
        line.push_str("no leaks found");
    } else {
        let locations = outcome.location_count();
        let _ = write!(line, "{n} secret{} found", plural(n as u64));
        if locations > n {
            let _ = write!(line, " in {locations} locations");
        }
    }
    if let Some(h) = &outcome.history {
        let _ = write!(
            line,
            "; {} commit{}, {} blob{} ({}) in {}",
            h.commits,
            plural(h.commits),
            h.blobs,
            plural(h.blobs),
            human_bytes(s.bytes_scanned),
            human_duration(outcome.elapsed)
        );
        if let Some(i) = &h.incremental {
            let _ = write!(
                line,
                " ({} read, {} from the record)",
                i.blobs_read, i.blobs_from_record
            );
        }
    } else {
        let _ = write!(
            line,
            "; scanned {} file{} ({}) in {}",
            s.files_scanned,
            plural(s.files_scanned),
            human_bytes(s.bytes_scanned),
            human_duration(outcome.elapsed)
        );
    }
    if s.files_skipped() > 0 {
        let _ = write!(
            line,
            "; skipped {} ({} binary, {} too large, {} special)",
            s.files_skipped(),
            s.skipped_binary,
            s.skipped_too_large,
            s.skipped_special
        );
    }
    if s.unreadable > 0 {
        let _ = write!(line, "; {} unreadable", s.unreadable);
    }
    if s.failed > 0 {
        let _ = write!(line, "; {} failed (internal error)", s.failed);
    }
    let by_kind = outcome.warnings_by_kind();
    if !by_kind.is_empty() {
        let n = outcome.warnings.len() as u64;
        let kinds: Vec<String> = by_kind.iter().map(|(k, c)| format!("{c} {k}")).collect();
        let _ = write!(line, "; {n} warning{} ({})", plural(n), kinds.join(", "));
    }
    if s.suppressed() > 0 {
        // Markers and allowlist entries apply to single locations; a baseline accepts
        // secrets, so it is counted in both units, as `baseline create` reports it.
        let mut parts = Vec::new();
        if s.suppressed_baseline > 0 {
            parts.push(format!(
                "{} by baseline",
                secrets_at_locations(s.suppressed_baseline_secrets, s.suppressed_baseline)
            ));
        }
        if s.suppressed_inline > 0 {
            parts.push(format!(
                "{} location{} inline",
                s.suppressed_inline,
                plural(s.suppressed_inline)
            ));
        }
        if s.suppressed_allowlist > 0 {
            parts.push(format!(
                "{} location{} by allowlist",
                s.suppressed_allowlist,
                plural(s.suppressed_allowlist)
            ));
        }
        if s.suppressed_gitleaks_ignore > 0 {
            parts.push(format!(
                "{} location{} by .gitleaksignore",
                s.suppressed_gitleaks_ignore,
                plural(s.suppressed_gitleaks_ignore)
            ));
        }
        let _ = write!(line, "; suppressed: {}", parts.join(", "));
    }
    if let Some(left_out) = left_out(outcome) {
        let _ = write!(line, "; {left_out}");
    }
    // Where the secrets sit, when not all in production code.
    let mut by_context = [0u64; Context::ALL.len()];
    for g in &outcome.groups {
        by_context[g.context() as usize] += 1;
    }
    if by_context[Context::Production as usize] < n as u64 {
        let parts: Vec<String> = Context::ALL
            .iter()
            .zip(by_context)
            .filter(|(_, count)| *count > 0)
            .map(|(c, count)| format!("{count} {}", c.name()))
            .collect();
        let _ = write!(line, "; by context: {}", parts.join(", "));
    }
    line
}

/// `6 secrets at 10 locations`, `1 secret at 1 location`: the two units a baseline
/// counts in, both said.
/// What the report filter left out, why and how to see it, one line: `3 secrets at 4
/// locations left out (3 locations below --min-confidence medium, 1 in an excluded
/// context: test); rerun with --min-confidence low and without --exclude-context to
/// see them`. `None`
/// when it left nothing out.
pub(crate) fn left_out(outcome: &Outcome) -> Option<String> {
    let s = &outcome.stats;
    if s.filtered == 0 {
        return None;
    }
    let (reasons, show) = left_out_reasons(outcome);
    Some(format!(
        "{} left out ({}); rerun {} to see them",
        secrets_at_locations(s.filtered_secrets, s.filtered),
        reasons.join(", "),
        show.join(" and ")
    ))
}

/// Why the report filter left locations out (one phrase per filter that did), and the
/// flags that would show them.
pub(crate) fn left_out_reasons(outcome: &Outcome) -> (Vec<String>, Vec<&'static str>) {
    let (s, filter) = (&outcome.stats, &outcome.filter);
    let (mut reasons, mut show) = (Vec::new(), Vec::new());
    if s.filtered_by_confidence > 0 {
        let level = filter.min_confidence.map_or("low", Level::name);
        reasons.push(format!(
            "{} location{} below --min-confidence {level}",
            s.filtered_by_confidence,
            plural(s.filtered_by_confidence)
        ));
        show.push("with --min-confidence low");
    }
    if s.filtered_by_context > 0 {
        let contexts: Vec<&str> = filter.exclude_contexts.iter().map(|c| c.name()).collect();
        reasons.push(format!(
            "{} location{} in an excluded context: {}",
            s.filtered_by_context,
            plural(s.filtered_by_context),
            contexts.join(", ")
        ));
        show.push("without --exclude-context");
    }
    if s.filtered_by_verification > 0 {
        reasons.push(format!(
            "{} secret{} whose verification --results or --only-verified leaves out",
            s.filtered_by_verification,
            plural(s.filtered_by_verification)
        ));
        show.push("without --results and --only-verified");
    }
    (reasons, show)
}

pub(crate) fn secrets_at_locations(secrets: u64, locations: u64) -> String {
    format!(
        "{secrets} secret{} at {locations} location{}",
        plural(secrets),
        plural(locations)
    )
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn human_duration(d: std::time::Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 1000.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{:.2} s", ms / 1000.0)
    }
}

/// `, decoded from base64` for a secret found encoded.
fn encoded_note(f: &crate::finding::Finding) -> String {
    if f.encodings.is_empty() {
        String::new()
    } else {
        format!(", decoded from {}", f.encodings.join(", then "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls() {
        assert_eq!(escape("a\x1b[31mb\nc"), "a\\u{1b}[31mb\\u{a}c");
        assert_eq!(escape("plain"), "plain");
        assert_eq!(escape("a\u{202e}gpj.exe\u{9b}"), "a\\u{202e}gpj.exe\\u{9b}");
    }

    #[test]
    fn bytes_are_human() {
        assert_eq!(human_bytes(10), "10 B");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(5 << 20), "5.0 MiB");
    }
}
