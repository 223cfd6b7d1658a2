//! `leakhound revoke`: finds one secret again with the scan pipeline (a report holds
//! no secret, so it is never taken from one), says what will be sent where, asks, and
//! sends the rule's revocation request.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Result, bail};

use crate::cli::RevokeArgs;
use crate::config::ScannedTrees;
use crate::detect::Engine;
use crate::finding::SecretGroup;
use crate::scan::{Finishing, finish};
use crate::source::{ScanOptions, git};
use crate::text::escape;
use crate::verify::{Revoked, can_revoke, check_revoke_providers, plan, revoke};

use super::engine::engine_with;
use super::output::EXIT_ERROR;
use super::scans::repo_root;

/// The exit code of a secret that was not revoked.
const NOT_REVOKED: u8 = 1;

/// Files larger than this are not read when looking for the secret (as `scan`'s
/// default `--max-file-size`).
const MAX_FILE_SIZE: u64 = 10 << 20;

pub(super) fn run_revoke(args: &RevokeArgs) -> Result<u8> {
    let from_stdin = args.path.as_os_str() == "-";
    if from_stdin && args.git {
        bail!("--git reads a repository's history: give its path, not -");
    }
    if from_stdin && args.rule.is_none() {
        bail!("a secret read from standard input needs --rule RULE_ID (the rule that finds it)");
    }
    if let Some(fp) = &args.fingerprint
        && !is_hash(fp)
    {
        // Not repeated: the value may be the secret itself, pasted for its hash.
        bail!(
            "--fingerprint: the value given is not a fingerprint (32 hexadecimal digits) or a \
             secret hash (at least its first 12 of 64), and is not repeated here in case it is \
             the secret: the reports show each secret's hash"
        );
    }
    let root = if args.git {
        repo_root(&args.path)
    } else {
        Some(scan_root(&args.path))
    };
    // The tree searched: a config or rule file in it sets no mapping or revocation.
    let trees = ScannedTrees::new(root.as_deref());
    let (engine, mut providers) = engine_with(
        args.config.as_deref(),
        args.no_config,
        &args.rule_args,
        true,
        root.as_deref(),
        &trees,
    )?;
    let rules = engine.rules();
    // The --config file's mappings of providers some rule revokes with (a team's file
    // also maps providers only verified, such as Vault, which no revocation uses), then
    // the flags' (the last of a name wins).
    providers.retain(|(name, _)| {
        rules
            .rules()
            .iter()
            .any(|r| r.def.revoke.as_ref().is_some_and(|s| s.provider == *name))
    });
    providers.extend(args.providers.iter().cloned());
    if let Some(id) = &args.rule
        && !rules.rules().iter().any(|r| r.id() == id)
    {
        // Only a value shaped like a rule id is repeated: anything else may be a secret
        // pasted in the wrong place.
        if could_be_rule_id(id) {
            bail!("--rule {id}: no rule has that id (`leakhound rules list` lists them)");
        }
        bail!(
            "--rule: the value given is not a rule id (lowercase letters, digits and dashes), \
             and is not repeated here in case it is a secret (`leakhound rules list` lists the \
             ids)"
        );
    }
    check_revoke_providers(rules, &providers).map_err(anyhow::Error::msg)?;

    let groups = find(&engine, args)?;
    let wanted = describe(args);
    if groups.is_empty() {
        let place = if from_stdin {
            "standard input".to_string()
        } else if args.git {
            format!("the history of {}", args.path.display())
        } else {
            args.path.display().to_string()
        };
        bail!("no secret {wanted} found in {}", escape(&place));
    }
    let revocable: Vec<&SecretGroup> = groups
        .iter()
        .filter(|g| can_revoke(rules, g.primary().rule))
        .collect();
    let Some(group) = revocable.first() else {
        let rule = rules.get(groups[0].primary().rule);
        bail!(
            "rule {} has no revocation: {} offers none that leakhound can ask for; revoke it \
             by hand: {}",
            rule.id(),
            escape(&rule.provider),
            escape(rule.hint())
        );
    };
    let mut secrets: Vec<&[u8]> = revocable
        .iter()
        .map(|g| g.primary().secret.as_slice())
        .collect();
    secrets.sort_unstable();
    secrets.dedup();
    if secrets.len() > 1 {
        bail!(
            "{} different secrets {wanted} were found: name one with --fingerprint (the \
             reports show each secret's hash)",
            secrets.len()
        );
    }
    let f = group.primary();
    let rule = rules.get(f.rule);
    let Ok(secret) = std::str::from_utf8(&f.secret) else {
        bail!("the secret is not text, so it cannot be sent");
    };
    let key_id = group.findings.iter().find_map(|f| f.key_id.clone());
    let plan = plan(rules, f.rule, &providers).map_err(anyhow::Error::msg)?;

    let mut err = std::io::stderr().lock();
    writeln!(err, "leakhound: revoke:")?;
    writeln!(
        err,
        "  rule:     {} ({}, {})",
        rule.id(),
        escape(&rule.def.name),
        escape(&rule.provider)
    )?;
    let redacted = f.redacted(rules);
    writeln!(err, "  secret:   {}", escape(&redacted))?;
    let mut at = format!(
        "{}:{}:{}",
        f.location.path, f.location.line, f.location.column
    );
    if let Some(c) = &f.commit {
        at.push_str(&format!(" (commit {})", &c.id[..c.id.len().min(12)]));
    }
    if group.findings.len() > 1 {
        at.push_str(&format!(" and {} more", group.findings.len() - 1));
    }
    writeln!(err, "  found at: {}", escape(&at))?;
    writeln!(
        err,
        "  sent to:  {} ({}, {})",
        escape(&plan.host),
        plan.provider,
        escape(&plan.origin)
    )?;
    drop(err);

    if args.dry_run {
        let mut out = std::io::stdout().lock();
        writeln!(out, "{} {}", plan.method, escape(&plan.url))?;
        if !plan.header_names.is_empty() {
            writeln!(out, "headers: {}", escape(&plan.header_names.join(", ")))?;
        }
        if let Some(body) = &plan.body {
            writeln!(out, "body: {}", escape(body))?;
        }
        writeln!(
            std::io::stderr(),
            "leakhound: revoke: dry run, nothing was sent ({{secret}} stands for the secret)"
        )?;
        return Ok(0);
    }

    if !args.yes {
        let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        if !terminal || from_stdin {
            eprintln!(
                "leakhound: error: not revoked: there is no terminal to ask on{}; pass --yes \
                 to revoke without asking",
                if from_stdin {
                    " (standard input held the secret)"
                } else {
                    ""
                }
            );
            return Ok(EXIT_ERROR);
        }
        eprint!("Revoke? This cannot be undone. [y/N] ");
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
            eprintln!("leakhound: revoke: not revoked");
            return Ok(NOT_REVOKED);
        }
    }

    let timeout = Duration::from_secs(args.timeout);
    let shown = escape(&redacted);
    Ok(
        match revoke(rules, f.rule, &plan, secret, key_id.as_deref(), timeout) {
            Revoked::Done => {
                println!(
                    "revoked: {} {shown} ({} accepted the revocation)",
                    rule.id(),
                    escape(&plan.host)
                );
                eprintln!(
                    "leakhound: revoke: now issue a replacement and remove the secret from the \
                     code (and, once rotated, from history)"
                );
                0
            }
            Revoked::AlreadyInvalid(why) => {
                println!(
                    "already invalid: {} {shown} ({}: {})",
                    rule.id(),
                    escape(&plan.host),
                    escape(&why)
                );
                0
            }
            Revoked::Failed(why) => {
                eprintln!(
                    "leakhound: error: not revoked: {} {shown}: {}",
                    rule.id(),
                    escape(&why)
                );
                NOT_REVOKED
            }
        },
    )
}

/// Scans `args.path` (the tree, standard input or the history) with the scan pipeline
/// and returns the groups the arguments name.
fn find(engine: &Engine, args: &RevokeArgs) -> Result<Vec<SecretGroup>> {
    let gathered = if args.git {
        let opts = git::GitOptions {
            repo: args.path.clone(),
            selection: git::Selection::AllRefs,
            max_file_size: MAX_FILE_SIZE,
            threads: 0,
            progress: std::io::stderr().is_terminal(),
            incremental: None,
        };
        git::scan(engine, &opts)?
    } else {
        let opts = ScanOptions {
            paths: vec![args.path.clone()],
            no_ignore: args.no_ignore,
            follow_links: false,
            max_file_size: MAX_FILE_SIZE,
            threads: 0,
        };
        crate::source::tree(engine, &opts)?
    };
    let finishing = Finishing::default();
    let outcome = finish(engine, gathered, &finishing);
    let rules = engine.rules();
    let fp = args.fingerprint.as_deref().map(str::to_ascii_lowercase);
    Ok(outcome
        .groups
        .into_iter()
        .filter(|g| {
            let rule_ok = args
                .rule
                .as_deref()
                .is_none_or(|id| rules.get(g.primary().rule).id() == id);
            let fp_ok = fp.as_deref().is_none_or(|fp| {
                g.findings
                    .iter()
                    .any(|f| f.fingerprint == fp || f.secret_hash.starts_with(fp))
            });
            rule_ok && fp_ok
        })
        .collect())
}

/// What the arguments name, for messages: `with fingerprint …` and/or `of rule …`.
fn describe(args: &RevokeArgs) -> String {
    let mut parts = Vec::new();
    if let Some(fp) = &args.fingerprint {
        parts.push(format!("with fingerprint or hash {}", escape(fp)));
    }
    if let Some(id) = &args.rule {
        parts.push(format!("of rule {}", escape(id)));
    }
    parts.join(" ")
}

/// Whether a `--rule` value may be shown: shaped like a rule id (at most 64 lowercase
/// letters and digits in dash-separated words), with words no longer than 16 and one
/// that is not hexadecimal. A UUID, a hex key or a token's long random part is not
/// shown.
fn could_be_rule_id(s: &str) -> bool {
    let words: Vec<&str> = s.split('-').collect();
    (1..=64).contains(&s.len())
        && words.iter().all(|w| {
            (1..=16).contains(&w.len())
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        && words
            .iter()
            .any(|w| w.bytes().any(|b| b.is_ascii_lowercase() && b > b'f'))
}

/// A fingerprint (32 hexadecimal digits), or a secret hash (64) or its start as the
/// text report and the playbook headings show it (12 or more).
fn is_hash(s: &str) -> bool {
    (12..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The directory whose `.leakhound.toml` applies, as for `scan`: the path if it is a
/// directory, else its parent, else the current directory.
fn scan_root(path: &Path) -> PathBuf {
    if path.as_os_str() != "-" && path.is_dir() {
        return path.to_path_buf();
    }
    match path.parent() {
        Some(d) if path.as_os_str() != "-" && !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::could_be_rule_id;

    #[test]
    fn only_a_value_shaped_like_a_rule_id_is_repeated() {
        for id in [
            "github-pat-classic",
            "google-service-account-key-base64",
            "jwt",
            "githib-pat",
        ] {
            assert!(could_be_rule_id(id), "{id}");
        }
        for not in [
            "",
            "glpat-Qa3Jp6Yf0Ue2Ri8To4Gx",
            "3f2a1b4c-9d8e-4f7a-8b6c-5d4e3f2a1b0c",
            "key-3f2a1b4c9d8e4f7a8b6c5d4e3f2a1b0c",
            "deadbeefcafe",
            "xoxb-2400361546-2400361546-pvhhx3lutp7vycqrikuifon3",
            "ghp_abc",
        ] {
            assert!(!could_be_rule_id(not), "{not}");
        }
    }
}
