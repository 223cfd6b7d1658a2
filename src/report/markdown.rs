//! The remediation playbook: a Markdown document with one section per distinct
//! secret, most urgent first, saying how to revoke and replace it, where it appears
//! and, when it reached git history, how to purge it once it is rotated.
//!
//! Urgency: secrets in the working tree or still at HEAD come before those that live
//! in history only, then by severity, then by how long they have been exposed.
//!
//! Everything that comes from the scanned data (paths, author names, commit
//! summaries) or from user rule files (rule names, providers) is escaped: Markdown
//! punctuation gets a backslash, and control and bidirectional-override characters are
//! shown as `\u{…}`, so a crafted file name can neither restructure the document nor
//! drive a terminal that prints it. The rules' remediation text is Markdown by
//! design and is included as it is.

use std::io::Write;

use super::{ReportInput, severity_name};
use crate::context::Context;
use crate::finding::{Finding, SecretGroup};
use crate::fix::suggested_env_var;
use crate::rules::{Rule, RuleSet};
use crate::text::{date, is_unsafe, push_escaped};

/// At most this many locations are listed per secret; the JSON report has them all.
const MAX_LOCATIONS: usize = 50;

/// Length of the commit ids shown.
const SHORT_ID: usize = 12;

/// Writes the playbook.
pub fn write(input: &ReportInput<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let outcome = input.outcome;
    writeln!(out, "# Leaked secrets: remediation playbook")?;
    writeln!(out)?;
    write!(out, "Scan date: {}", date(outcome.now))?;
    if let Some(h) = &outcome.history {
        write!(
            out,
            ". Repository: {}, {} commit{} scanned",
            code(&h.repo),
            h.commits,
            plural(h.commits as usize)
        )?;
        if let Some(head) = &h.head {
            write!(out, ", HEAD at {}", code(short_id(head)))?;
        }
    }
    writeln!(out, ".")?;
    writeln!(out)?;
    write_missed(outcome, out)?;

    let left_out = super::text::left_out(outcome);
    if outcome.groups.is_empty() && outcome.stats.filtered > 0 {
        let s = outcome.stats.filtered_secrets;
        writeln!(
            out,
            "## No secrets reported; {s} secret{} left out by the report filter",
            plural(s as usize)
        )?;
        writeln!(out)?;
        writeln!(
            out,
            "leakhound reports no secrets, but this is not a clean scan: {}. Review what \
             was left out before concluding that no credential needs revoking.",
            left_out.as_deref().map(md).unwrap_or_default()
        )?;
        return Ok(());
    }
    if outcome.groups.is_empty() {
        if outcome.missed.is_empty() {
            writeln!(out, "## No secrets found")?;
        } else {
            writeln!(out, "## No secrets found in what was scanned")?;
        }
        writeln!(out)?;
        writeln!(
            out,
            "leakhound found no secrets in what it scanned, so there is nothing to revoke. \
             To keep it that way, let `leakhound hook install` check every commit before it \
             is made, and keep credentials in environment variables or a secrets manager."
        )?;
        return Ok(());
    }

    let groups = by_urgency(input.rules, input.outcome.now, &outcome.groups);
    let locations = outcome.location_count();
    let urgent = groups.iter().filter(|g| g.at_head != Some(false)).count();
    if outcome.staged {
        writeln!(
            out,
            "Found **{} distinct secret{}** in {} location{} of the staged changes. {} \
             not committed yet: no commit holds {them}, and none will if {} taken out \
             before committing. Sections are ordered by where the secret sits (production \
             code first), then severity.",
            groups.len(),
            plural(groups.len()),
            locations,
            plural(locations),
            if groups.len() == 1 {
                "It is"
            } else {
                "They are"
            },
            if groups.len() == 1 {
                "it is"
            } else {
                "they are"
            },
            them = if groups.len() == 1 { "it" } else { "them" },
        )?;
        writeln!(out)?;
        write_staged_checklist(out)?;
    } else {
        writeln!(
            out,
            "Found **{} distinct secret{}** in {} location{}: {} in the current files or at HEAD, \
         {} only in git history. Sections are ordered by urgency: secrets the provider \
         confirmed live first (under --verify), then production code (then generated files, \
         tests, docs and vendored code), then current files, then severity, then how long the \
         secret has been exposed.",
            groups.len(),
            plural(groups.len()),
            locations,
            plural(locations),
            urgent,
            groups.len() - urgent
        )?;
        writeln!(out)?;
        write_checklist(out)?;
    }

    if let Some(left_out) = &left_out {
        writeln!(out, "**Not in this playbook:** {}.", md(left_out))?;
        writeln!(out)?;
    }

    for (i, g) in groups.iter().enumerate() {
        write_group(input, i + 1, g, out)?;
    }

    let in_history = groups
        .iter()
        .any(|g| g.findings.iter().any(|f| f.commit.is_some()));
    if in_history {
        write_purge(out)?;
    }
    Ok(())
}

fn write_checklist(out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "## Checklist")?;
    writeln!(out)?;
    for item in [
        "**Revoke and rotate every secret below, now.** Deleting it from the code does not \
         make it safe: clones, forks, caches and logs may already hold a copy.",
        "**Move the replacement out of the code**, into an environment variable or a secrets \
         manager, and read it at run time.",
        "**Grant least privilege**: only the permissions the workload uses, an expiry date, \
         and a separate credential for each consumer.",
        "**Watch for use**: check the provider's audit logs for activity since the leak, and \
         alert on use of the old credential.",
        "**Purge git history after rotating, never instead of it**: a rewrite protects future \
         clones, not the copies already made.",
        "**Delete credentials nobody uses**: a key that does not exist cannot leak.",
    ]
    .iter()
    .enumerate()
    {
        writeln!(out, "{}. {}", item.0 + 1, item.1)?;
    }
    writeln!(out)
}

/// The checklist for secrets found in the index: not committed, so taken out rather
/// than purged; revoked if they were ever shared some other way.
fn write_staged_checklist(out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "## Checklist")?;
    writeln!(out)?;
    for (n, item) in [
        "**Take each secret out before committing**: remove it from the file, read it from \
         an environment variable or a secrets manager at run time instead, and `git add` the \
         file again (`git restore --staged <file>` unstages a file that should not be \
         committed).",
        "**Revoke and rotate a secret that was ever shared**: pushed from another branch or \
         clone, pasted in a chat or a ticket, or kept in another repository. Keeping it out \
         of this commit does not take it back from there.",
        "**Not a secret?** Mark its line with a `leakhound:allow` comment, or allow its \
         fingerprint (listed under each secret) in `.leakhound.toml` with an `[[allow]]` \
         entry: `fingerprints = [\"…\"]`. `git commit --no-verify` skips the check for one \
         commit: a last resort.",
    ]
    .iter()
    .enumerate()
    {
        writeln!(out, "{}. {item}", n + 1)?;
    }
    writeln!(out)
}

/// Where a secret sits, for the playbook: its context, and what lowers its urgency.
fn where_it_sits(g: &SecretGroup) -> &'static str {
    match g.context() {
        Context::Production => "production code",
        Context::Generated => {
            "a generated file (fix the generator's input; lower urgency than production code)"
        }
        Context::Test => {
            "test code or fixtures (often a test credential, but a live one leaks from a test too)"
        }
        Context::Docs => "documentation or examples (check it is not a real credential)",
        Context::Vendored => {
            "vendored third-party code (tell its maintainers; rotate it if it is yours)"
        }
    }
}

fn write_group(
    input: &ReportInput<'_>,
    number: usize,
    g: &SecretGroup,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let f = g.primary();
    let rule = f.rule(input.rules);
    writeln!(
        out,
        "## {number}. {} ({}), {}: {} hash:{}",
        md(&rule.def.name),
        md(&rule.provider),
        severity_name(rule.def.severity),
        code(&f.redacted(input.rules)),
        &f.secret_hash[..f.secret_hash.len().min(12)]
    )?;
    writeln!(out)?;

    writeln!(out, "- **Rule**: {}", code(rule.id()))?;
    writeln!(
        out,
        "- **Confidence**: {} ({})",
        f.confidence.level.name(),
        f.confidence.reason
    )?;
    writeln!(out, "- **Where**: {}", where_it_sits(g))?;
    write_identify(input, f, out)?;
    if let Some(v) = &g.verification {
        let first = match v.status {
            crate::finding::VerifyStatus::Verified => {
                "**live**: the provider accepted it just now; revoke it first"
            }
            crate::finding::VerifyStatus::Invalid => "invalid: the provider refused it",
            crate::finding::VerifyStatus::Unknown => "unknown",
        };
        writeln!(
            out,
            "- **Verified**: {first} ({})",
            md(&super::verification_phrase(v))
        )?;
        if let Some(owner) = v.identity_line() {
            writeln!(out, "- **Owner**: {}", md(&owner))?;
        }
    }
    if input.outcome.staged {
        writeln!(
            out,
            "- **Status**: staged, not committed: the next commit would record it"
        )?;
        let mut prints: Vec<&str> = Vec::new();
        for f in &g.findings {
            if !prints.contains(&f.fingerprint.as_str()) {
                prints.push(&f.fingerprint);
            }
        }
        let prints: Vec<String> = prints.into_iter().map(code).collect();
        writeln!(out, "- **Fingerprint**: {}", prints.join(", "))?;
    } else {
        writeln!(out, "- **Status**: {}", status(g))?;
    }
    if let Some(c) = &f.commit {
        write!(
            out,
            "- **First committed**: {} on {} by {} (\u{201c}{}\u{201d})",
            code(short_id(&c.id)),
            date(c.time),
            md(&c.author_name),
            md(&c.summary)
        )?;
        if let Some(days) = g.exposed_days(input.outcome.now) {
            write!(out, "; exposed for {days} day{}", plural(days as usize))?;
        }
        writeln!(out)?;
    }
    if input.show_secrets {
        writeln!(
            out,
            "- **Secret in clear** (shown because of `--show-secrets`):"
        )?;
        writeln!(out)?;
        writeln!(out, "{}", indent(&fenced(&f.secret_text()), "  "))?;
    }
    writeln!(out)?;

    write_revoke(input, g, rule, out)?;

    writeln!(out, "### Replacement")?;
    writeln!(out)?;
    if rule.is_file_rule() {
        // The finding is the file: each value in it needs its own variable.
        writeln!(
            out,
            "Keep the file local and out of git. Each value it held goes, rotated, into an \
             environment variable of the same name, set by the deployment or CI system or \
             filled from a secrets manager; a committed `.env.example` lists the names with \
             empty values."
        )?;
    } else {
        writeln!(
            out,
            "Put the new value in the environment variable `{}` (set by the deployment or \
             CI system, or filled from a secrets manager) and have the code read it at run \
             time. If a local `.env` file holds it, list that file in `.gitignore`.",
            suggested_env_var(rule)
        )?;
    }
    writeln!(out)?;

    writeln!(out, "### Where it appears")?;
    writeln!(out)?;
    for other in g.findings.iter().take(MAX_LOCATIONS) {
        writeln!(out, "- {}", location(other))?;
    }
    if g.findings.len() > MAX_LOCATIONS {
        writeln!(
            out,
            "- …and {} more (the JSON report lists every location)",
            g.findings.len() - MAX_LOCATIONS
        )?;
    }
    writeln!(out)?;

    if !rule.def.references.is_empty() {
        writeln!(out, "### References")?;
        writeln!(out)?;
        for url in &rule.def.references {
            writeln!(out, "- {}", link(url))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// What tells this key apart from the owner's others in the provider's key list: its
/// public key ID, else its last characters (what dashboards show), else nothing for a
/// secret too weak to show any character of.
fn write_identify(
    input: &ReportInput<'_>,
    f: &Finding,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if let Some(id) = &f.key_id {
        return writeln!(
            out,
            "- **Key ID**: {} (found next to the secret in the same file; revoke the key \
             with this ID)",
            code(id)
        );
    }
    let shown = f.redacted(input.rules);
    match shown.rsplit_once('…') {
        None => writeln!(
            out,
            "- **Key ID**: {} (a public identifier, shown in full)",
            code(&shown)
        ),
        Some((_, tail)) if !tail.is_empty() => writeln!(
            out,
            "- **Identify it**: the key ends in {}; provider dashboards list keys by their \
             last characters, so revoke the one that ends so",
            code(tail)
        ),
        Some(_) => writeln!(
            out,
            "- **Identify it**: short or low-entropy, so no character of it is shown here; \
             open it at the places listed below (or rerun with `--show-secrets` on a trusted \
             terminal)"
        ),
    }
}

fn write_revoke(
    input: &ReportInput<'_>,
    g: &SecretGroup,
    rule: &Rule,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(out, "### Revoke and rotate")?;
    writeln!(out)?;
    let command = revoke_command(input, g, rule);
    let live = g
        .verification
        .as_ref()
        .is_some_and(|v| v.status == crate::finding::VerifyStatus::Verified);
    // A live key's revocation comes first; for the others it follows the steps.
    if let Some(command) = command.as_deref().filter(|_| live) {
        writeln!(
            out,
            "**Revoke it now**: it is live, and {} lets leakhound revoke it. The command \
             finds the secret again, shows what it sends where, and asks before sending:",
            md(&rule.provider)
        )?;
        writeln!(out)?;
        writeln!(out, "{}", fenced_sh(command))?;
        writeln!(out)?;
    }
    let (hint, rest) = split_hint(&rule.def.remediation);
    if hint.is_empty() {
        writeln!(
            out,
            "The rule gives no specific steps: revoke the credential with whoever issued it, \
             then issue a new one."
        )?;
    } else {
        writeln!(out, "{hint}")?;
    }
    writeln!(out)?;
    if !rest.is_empty() {
        writeln!(out, "{rest}")?;
        writeln!(out)?;
    }
    if let Some(command) = command.as_deref().filter(|_| !live) {
        writeln!(
            out,
            "{} also lets leakhound revoke it: the command finds the secret again, shows \
             what it sends where, and asks before sending.",
            md(&rule.provider)
        )?;
        writeln!(out)?;
        writeln!(out, "{}", fenced_sh(command))?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "> **Least privilege for the new credential**: grant it only the permissions this \
         workload actually uses, give it an expiry date, and issue one per consumer (service, \
         pipeline, person) so that any one can be revoked without breaking the others."
    )?;
    writeln!(out)
}

/// The `leakhound revoke` command for a secret whose rule can be revoked: it names the
/// secret by its fingerprint (never the secret), the history or tree to find it in
/// again, and the provider mapping the scan verified it through.
fn revoke_command(input: &ReportInput<'_>, g: &SecretGroup, rule: &Rule) -> Option<String> {
    rule.def.revoke.as_ref()?;
    let f = g.primary();
    if f.fingerprint.is_empty() {
        return None;
    }
    let provider = super::revoke_provider_option(rule, g.verification.as_ref());
    let plain = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'_' | b'-' | b'~'))
    };
    Some(match &input.outcome.history {
        Some(h) => format!(
            "leakhound revoke --git {provider}--fingerprint {} {}",
            f.fingerprint,
            if plain(&h.repo) {
                h.repo.as_str()
            } else {
                "REPO"
            }
        ),
        None => format!(
            "# in the directory the scan ran in\nleakhound revoke {provider}--fingerprint {}",
            f.fingerprint
        ),
    })
}

/// A shell command in a fenced code block.
fn fenced_sh(command: &str) -> String {
    format!("```sh\n{command}\n```")
}

fn write_purge(out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "## Purge history")?;
    writeln!(out)?;
    writeln!(
        out,
        "Some of these secrets were committed. Removing them from history keeps them out of \
         future clones, but every existing clone, fork and cache keeps its copy, so a rewrite \
         only ever comes after rotation, never in its place."
    )?;
    writeln!(out)?;
    for step in [
        "**Rotate first.** Make sure every secret above is revoked, so that the copies the \
         rewrite cannot reach are worthless.",
        "**Write the replacement expressions.** Run the history scan again with \
         `--replace-text-file FILE`: leakhound writes one `git filter-repo` expression per \
         secret, each replacing the secret with `REMOVED-<rule-id>`. FILE holds the secrets \
         in clear, so write it outside the repository and delete it afterwards. Very short \
         secrets are left out, since replacing them everywhere would damage ordinary text.",
        "**Rewrite.** In a fresh clone, run `git filter-repo --replace-text FILE \
         --replace-message FILE` (the second replaces the secrets in commit messages too), \
         then scan the rewritten history again to confirm that nothing is left. A secret in \
         an author or committer (`<commit author>`) needs a `--mailmap` entry as well.",
        "**Force-push** every branch and tag (`git push --force --all` and \
         `git push --force --tags`); filter-repo removes the `origin` remote, so add it back \
         first. Branch protection may have to be lifted for the push.",
        "**Ask every collaborator to re-clone.** Old clones still hold the secret, and merging \
         or rebasing from them brings it back.",
        "**Remember the copies you cannot rewrite**: forks, other people's clones, the hosting \
         service's caches and pull-request refs, CI logs and build artefacts, backups. Only \
         the rotation protects against those.",
    ]
    .iter()
    .enumerate()
    {
        writeln!(out, "{}. {}", step.0 + 1, step.1)?;
    }
    Ok(())
}

/// The groups in [`SecretGroup::urgency`] order.
fn by_urgency<'a>(rules: &RuleSet, now: i64, groups: &'a [SecretGroup]) -> Vec<&'a SecretGroup> {
    let mut sorted: Vec<&SecretGroup> = groups.iter().collect();
    sorted.sort_by_cached_key(|g| g.urgency(rules, now));
    sorted
}

fn status(g: &SecretGroup) -> &'static str {
    match g.at_head {
        Some(true) => {
            "still at HEAD: the current commit holds it, and so does every clone and fork \
             made from it"
        }
        Some(false)
            if g.findings
                .iter()
                .all(crate::finding::Finding::in_commit_text) =>
        {
            "history only: it is in the message or author of the commits listed below, not in \
             their files, and every clone holds those commits"
        }
        Some(false) => {
            "history only: it is gone from HEAD, but the commits that added it still hold it, \
             and so does every clone"
        }
        None => {
            "in the working tree: the files as they are now hold it; if they were committed \
             or shared, treat it as public"
        }
    }
}

/// `path:line:column, commit abc (date), encoded (base64)`.
fn location(f: &Finding) -> String {
    let l = &f.location;
    let mut s = format!("{}:{}:{}", code(&l.path), l.line, l.column);
    if let Some(c) = &f.commit {
        s.push_str(&format!(
            ", commit {} ({})",
            code(short_id(&c.id)),
            date(c.time)
        ));
    }
    if !f.encodings.is_empty() {
        s.push_str(&format!(", encoded ({})", f.encodings.join(", then ")));
    }
    s
}

/// A reference as a Markdown autolink, or as escaped text when it cannot be one.
fn link(url: &str) -> String {
    let plain = (url.starts_with("https://") || url.starts_with("http://"))
        && url
            .bytes()
            .all(|b| b.is_ascii_graphic() && b != b'<' && b != b'>');
    if plain { format!("<{url}>") } else { md(url) }
}

/// The remediation's first non-empty line (the hint) and the rest (the steps), both
/// trimmed, with line endings normalised to `\n`.
fn split_hint(remediation: &str) -> (&str, String) {
    let mut lines = remediation.lines().skip_while(|l| l.trim().is_empty());
    let hint = lines.next().map_or("", str::trim);
    let rest: Vec<&str> = lines.map(str::trim_end).collect();
    (hint, rest.join("\n").trim_matches('\n').to_string())
}
fn short_id(id: &str) -> &str {
    id.get(..SHORT_ID).unwrap_or(id)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Characters shown as `\u{…}` wherever scanned text appears: control characters and
/// the invisible formatting characters that reorder or hide text.
/// At most this many unreadable inputs are named; the JSON report has them all.
const MAX_MISSED: usize = 50;

/// The inputs the scan could not read: the playbook is incomplete without them.
fn write_missed(outcome: &crate::scan::Outcome, out: &mut dyn Write) -> std::io::Result<()> {
    if outcome.missed.is_empty() {
        return Ok(());
    }
    let n = outcome.missed.len();
    writeln!(
        out,
        "## Incomplete scan: {n} input{} not scanned",
        plural(n)
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "leakhound could not read the following, so secrets in them are not in this \
         playbook. Repair or fetch them and scan again before treating this playbook as \
         complete."
    )?;
    writeln!(out)?;
    for e in &outcome.missed_explanation {
        writeln!(out, "{}", md(e))?;
        writeln!(out)?;
    }
    for m in outcome.missed.iter().take(MAX_MISSED) {
        writeln!(
            out,
            "- {} {}: {}",
            m.what.name(),
            code(&m.name),
            md(&m.reason)
        )?;
    }
    if n > MAX_MISSED {
        writeln!(
            out,
            "- and {} more (the JSON report lists every one)",
            n - MAX_MISSED
        )?;
    }
    writeln!(out)
}

/// Escapes scanned text for Markdown prose: a backslash before every character that
/// could start inline markup, and before what would start a block at the beginning of
/// a line; unsafe characters as `\u{…}` (with the backslash escaped, so it renders).
pub(crate) fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let leading_digits = s.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in s.char_indices() {
        let block_start = (i == 0 && matches!(c, '#' | '+' | '-' | '=' | '>'))
            || (i == leading_digits && leading_digits > 0 && matches!(c, '.' | ')'));
        if is_unsafe(c) {
            out.push('\\');
            push_escaped(&mut out, c);
        } else if block_start
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '!' | '&' | '|' | '~' | '$'
            )
        {
            out.push('\\');
            out.push(c);
        } else {
            out.push(c);
        }
    }
    out
}

/// Scanned text as an inline code span: the fence is one backtick longer than the
/// longest run inside, padded with a space when the text starts or ends with a
/// backtick or a space; unsafe characters as `\u{…}` (code spans show backslashes).
fn code(s: &str) -> String {
    let mut text = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        if is_unsafe(c) {
            push_escaped(&mut text, c);
        } else {
            text.push(c);
        }
    }
    let fence = "`".repeat(longest_backtick_run(&text) + 1);
    let pad = if text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']) {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A fenced code block: line breaks and tabs kept, other unsafe characters as `\u{…}`.
fn fenced(s: &str) -> String {
    let mut text = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        if is_unsafe(c) && c != '\n' && c != '\t' {
            push_escaped(&mut text, c);
        } else {
            text.push(c);
        }
    }
    let fence = "`".repeat(longest_backtick_run(&text).max(2) + 1);
    format!("{fence}\n{}\n{fence}", text.trim_end_matches('\n'))
}

fn longest_backtick_run(s: &str) -> usize {
    s.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

fn indent(s: &str, prefix: &str) -> String {
    s.lines()
        .map(|l| format!("{prefix}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::finding::{CommitInfo, Location};
    use crate::rules::Severity;
    use crate::scan::{HistoryInfo, Outcome};

    const NOW: i64 = 1_700_000_000;
    const DAY: i64 = 86_400;

    fn rule_index(rules: &RuleSet, id: &str) -> usize {
        rules
            .rules()
            .iter()
            .position(|r| r.id() == id)
            .unwrap_or_else(|| panic!("no rule {id}"))
    }

    fn finding(rule: usize, secret: &str, path: &str, commit_days_ago: Option<i64>) -> Finding {
        let sha = crate::finding::secret_hash(secret.as_bytes());
        Finding {
            rule,
            location: Location {
                path: path.into(),
                line: 3,
                column: 7,
                end_line: 3,
                end_column: 7 + secret.len(),
                ignored_by: None,
            },
            secret: secret.as_bytes().to_vec(),
            secret_hash: sha,
            fingerprint: String::new(),
            commit: commit_days_ago.map(|d| {
                Arc::new(CommitInfo {
                    id: format!("{:040x}", d),
                    author_name: "Ada *Lovelace*".into(),
                    author_email: "ada@example.com".into(),
                    time: NOW - d * DAY,
                    summary: "add [config](http://x) <b>".into(),
                    order: d as usize,
                })
            }),
            blob: None,
            encodings: vec![],
            written: None,
            fix: None,
            key_id: None,
            near: Vec::new(),
            rivals: Vec::new(),
            context: crate::context::Context::classify(path, false),
            confidence: crate::confidence::Assessment::of(
                rules_for_test().get(rule),
                secret.as_bytes(),
            ),
            generated_content: false,
            recorded: None,
        }
    }

    fn rules_for_test() -> &'static RuleSet {
        static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
        RULES.get_or_init(RuleSet::builtin)
    }

    fn group(findings: Vec<Finding>, at_head: Option<bool>) -> SecretGroup {
        SecretGroup {
            findings,
            at_head,
            verification: None,
        }
    }

    fn render(rules: &RuleSet, outcome: &Outcome, show_secrets: bool) -> String {
        let input = ReportInput {
            rules,
            outcome,
            show_secrets,
            all_locations: false,
            run: Default::default(),
        };
        let mut out = Vec::new();
        write(&input, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    const TOKEN: &str = "ghp_R7wq2mZkT9vLx4NbQe8sYc1HdJ0aFu2Kp3Xy";

    #[test]
    fn no_findings_is_a_short_document() {
        let rules = RuleSet::builtin();
        let outcome = Outcome {
            now: NOW,
            ..Outcome::default()
        };
        let doc = render(&rules, &outcome, false);
        assert!(doc.contains("Scan date: 2023-11-14"), "{doc}");
        assert!(doc.contains("No secrets found"), "{doc}");
        assert!(!doc.contains("Purge history"));
        assert!(doc.lines().count() < 10, "{doc}");
    }

    #[test]
    fn sections_are_ordered_by_urgency() {
        let rules = RuleSet::builtin();
        let gh = rule_index(&rules, "github-pat-classic");
        let low = rules
            .rules()
            .iter()
            .position(|r| r.def.severity == Severity::Low)
            .unwrap();
        let high = rules
            .rules()
            .iter()
            .position(|r| r.def.severity == Severity::High)
            .unwrap();
        let outcome = Outcome {
            now: NOW,
            groups: vec![
                // History only, critical, old: after everything current.
                group(
                    vec![finding(gh, "old-critical-1", "a", Some(900))],
                    Some(false),
                ),
                // At HEAD, critical, exposed 10 days.
                group(
                    vec![finding(gh, "head-critical-10", "z", Some(10))],
                    Some(true),
                ),
                // At HEAD, critical, exposed 400 days: before the 10-day one.
                group(
                    vec![finding(gh, "head-critical-400", "y", Some(400))],
                    Some(true),
                ),
                // Working tree, low.
                group(vec![finding(low, "tree-low-secret", "b", None)], None),
                // Working tree, high.
                group(vec![finding(high, "tree-high-secret", "c", None)], None),
            ],
            ..Outcome::default()
        };
        let doc = render(&rules, &outcome, true);
        let at = |s: &str| doc.find(s).unwrap_or_else(|| panic!("{s} missing:\n{doc}"));
        let order = [
            at("head-critical-400"),
            at("head-critical-10"),
            at("tree-high-secret"),
            at("tree-low-secret"),
            at("old-critical-1"),
        ];
        assert!(order.is_sorted(), "{order:?}\n{doc}");
        assert!(doc.contains("## 1. GitHub personal access token (classic) (GitHub), critical"));
        assert!(doc.contains("## 5. "));
        assert!(doc.contains("exposed for 400 days"), "{doc}");
        assert!(doc.contains("history only"));
        assert!(doc.contains("still at HEAD"));
        assert!(doc.contains("in the working tree"));
        assert!(doc.contains("Found **5 distinct secrets** in 5 locations: 4 in the current"));
        // Committed secrets: the purge section ends the document.
        let purge = at("## Purge history");
        assert!(purge > order[4]);
        assert!(doc.contains("--replace-text-file FILE"));
        assert!(doc.contains("git filter-repo --replace-text FILE"));
    }

    #[test]
    fn a_section_has_every_part_and_no_secret_in_clear() {
        let rules = RuleSet::builtin();
        let gh = rule_index(&rules, "github-pat-classic");
        let mut encoded = finding(gh, TOKEN, "k8s/secret.yaml", None);
        encoded.encodings = vec!["base64"];
        let outcome = Outcome {
            now: NOW,
            groups: vec![group(
                vec![finding(gh, TOKEN, "src/app.py", None), encoded],
                None,
            )],
            ..Outcome::default()
        };
        let doc = render(&rules, &outcome, false);
        assert!(!doc.contains(TOKEN), "{doc}");
        let hash = crate::finding::secret_hash(TOKEN.as_bytes());
        let tail = &TOKEN[TOKEN.len() - 4..];
        assert!(
            doc.contains(&format!("`ghp_…{tail}` hash:{}", &hash[..12])),
            "{doc}"
        );
        // The revoke steps find a key by its last characters: the section says them.
        assert!(
            doc.contains(&format!("- **Identify it**: the key ends in `{tail}`")),
            "{doc}"
        );
        // The rule's hint and steps, as they are, then the reminder.
        let rule = rules.get(gh);
        assert!(doc.contains(rule.hint()));
        let steps = doc
            .find("1. **Revoke**: the owner deletes the token")
            .unwrap();
        let keep = doc.find("4. **Keep it out of code**").unwrap();
        let reminder = doc
            .find("> **Least privilege for the new credential**")
            .unwrap();
        assert!(steps < keep && keep < reminder);
        assert!(doc.contains("environment variable `GITHUB_TOKEN`"));
        assert!(doc.contains("- `src/app.py`:3:7\n"), "{doc}");
        assert!(
            doc.contains("- `k8s/secret.yaml`:3:7, encoded (base64)\n"),
            "{doc}"
        );
        assert!(doc.contains("- <https://docs.github.com/en/rest/credentials/revoke>"));
        assert!(
            !doc.contains("Purge history"),
            "no commits, no purge section"
        );
        assert!(!doc.contains("First committed"));

        let shown = render(&rules, &outcome, true);
        assert!(
            shown.contains(&format!("  ```\n  {TOKEN}\n  ```")),
            "{shown}"
        );
    }

    #[test]
    fn history_details_are_shown_and_escaped() {
        let rules = RuleSet::builtin();
        let gh = rule_index(&rules, "github-pat-classic");
        let outcome = Outcome {
            now: NOW,
            groups: vec![group(vec![finding(gh, TOKEN, "cfg", Some(3))], Some(false))],
            history: Some(HistoryInfo {
                repo: "/src/repo".into(),
                commits: 12,
                head: Some("f".repeat(40)),
                ..HistoryInfo::default()
            }),
            ..Outcome::default()
        };
        let doc = render(&rules, &outcome, false);
        assert!(
            doc.contains(
                "- **First committed**: `000000000000` on 2023-11-11 by Ada \\*Lovelace\\* \
                 (“add \\[config\\](http://x) \\<b\\>”); exposed for 3 days\n"
            ),
            "{doc}"
        );
        assert!(doc.contains("- `cfg`:3:7, commit `000000000000` (2023-11-11)\n"));
        assert!(
            doc.contains("Repository: `/src/repo`, 12 commits scanned, HEAD at `ffffffffffff`.")
        );
        assert!(doc.contains("## Purge history"));
    }

    #[test]
    fn hostile_paths_cannot_break_the_document() {
        let rules = RuleSet::builtin();
        let gh = rule_index(&rules, "github-pat-classic");
        let path = "a`b``c*d_\n# heading\x1b[31m\u{202e}txt.py";
        let outcome = Outcome {
            now: NOW,
            groups: vec![group(vec![finding(gh, TOKEN, path, None)], None)],
            ..Outcome::default()
        };
        let doc = render(&rules, &outcome, false);
        assert!(!doc.contains('\x1b') && !doc.contains('\u{202e}'), "{doc}");
        assert!(!doc.contains("\n# heading"), "{doc}");
        assert!(
            doc.contains("- ```a`b``c*d_\\u{a}# heading\\u{1b}[31m\\u{202e}txt.py```:3:7\n"),
            "{doc}"
        );
    }

    #[test]
    fn escaping() {
        assert_eq!(md("a*b_c`d\\e"), "a\\*b\\_c\\`d\\\\e");
        assert_eq!(md("# x"), "\\# x");
        assert_eq!(md("12. x"), "12\\. x");
        assert_eq!(md("v1.2 - ok"), "v1.2 - ok");
        assert_eq!(md("<script>&amp;"), "\\<script\\>\\&amp;");
        assert_eq!(md("a\nb\x1b"), "a\\\\u{a}b\\\\u{1b}");
        assert_eq!(code("plain"), "`plain`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(fenced("a\n```\nb"), "````\na\n```\nb\n````");
        assert_eq!(link("https://x.test/a?b=c"), "<https://x.test/a?b=c>");
        assert_eq!(link("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(link("https://x.test/<a>"), "https://x.test/\\<a\\>");
    }

    #[test]
    fn locations_are_capped() {
        let rules = RuleSet::builtin();
        let gh = rule_index(&rules, "github-pat-classic");
        let findings = (0..53)
            .map(|i| finding(gh, TOKEN, &format!("f{i:02}"), None))
            .collect();
        let outcome = Outcome {
            now: NOW,
            groups: vec![group(findings, None)],
            ..Outcome::default()
        };
        let doc = render(&rules, &outcome, false);
        assert!(doc.contains("- `f49`:3:7\n"));
        assert!(!doc.contains("`f50`"));
        assert!(doc.contains("- …and 3 more"), "{doc}");
    }

    /// The playbook's revoke command sends a key where the scan verified it: the
    /// mapping verification used is passed on, quoted for the shell when it must be.
    #[test]
    fn the_revoke_command_carries_the_mapping_verification_used() {
        use crate::finding::{Verification, VerifyStatus};
        let rules = RuleSet::builtin();
        let gh = rule_index(&rules, "github-pat-classic");
        let doc_with = |mapping: Option<(&str, &str)>| {
            let mut f = finding(gh, TOKEN, "app.env", None);
            f.fingerprint = "0123456789abcdef0123456789abcdef".into();
            let mut g = group(vec![f], None);
            g.verification = Some(Verification {
                status: VerifyStatus::Verified,
                reason: None,
                identity: Vec::new(),
                host: Some("ghe.corp.example".into()),
                mapping: mapping.map(|(provider, url)| {
                    Box::new(crate::finding::ProviderMapping {
                        provider: provider.into(),
                        url: url.into(),
                    })
                }),
                baselined: false,
            });
            let outcome = Outcome {
                now: NOW,
                groups: vec![g],
                ..Outcome::default()
            };
            render(&rules, &outcome, false)
        };
        let fp = "--fingerprint 0123456789abcdef0123456789abcdef";
        let doc = doc_with(Some(("github", "https://ghe.corp.example/api/v3")));
        assert!(
            doc.contains(&format!(
                "leakhound revoke --provider github=https://ghe.corp.example/api/v3 {fp}\n"
            )),
            "{doc}"
        );
        let doc = doc_with(None);
        assert!(doc.contains(&format!("leakhound revoke {fp}\n")), "{doc}");
        assert!(!doc.contains("--provider"), "{doc}");
        // A mapping of another provider than the one the rule revokes with is not its.
        let doc = doc_with(Some(("gitlab", "https://gitlab.corp.example")));
        assert!(doc.contains(&format!("leakhound revoke {fp}\n")), "{doc}");
        // Characters the shell reads are quoted; others are percent-encoded.
        let doc = doc_with(Some(("github", "https://ghe.corp.example/a'b$(x)/é")));
        assert!(
            doc.contains(&format!(
                "leakhound revoke --provider 'github=https://ghe.corp.example/a'\\''b$(x)/%C3%A9' {fp}\n"
            )),
            "{doc}"
        );
    }

    #[test]
    fn every_builtin_rule_renders_with_a_hint_steps_and_a_variable() {
        let rules = RuleSet::builtin();
        for (i, rule) in rules.rules().iter().enumerate() {
            let outcome = Outcome {
                now: NOW,
                groups: vec![group(vec![finding(i, "s3cr3t-value", "p", None)], None)],
                ..Outcome::default()
            };
            let doc = render(&rules, &outcome, false);
            assert!(doc.contains(rule.hint()), "{}", rule.id());
            assert!(doc.contains("### Replacement"));
        }
    }
}
