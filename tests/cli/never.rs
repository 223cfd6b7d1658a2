//! What the scanner never does: show a secret in clear or let a scanned name drive the
//! terminal, run anything from the scanned repository, open a network connection.

use super::*;

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The secrets a report holds, in clear (`--show-secrets`), and for encoded ones the
/// text as written.
fn secrets_shown(repo: &Repo, mode: &[&str]) -> Vec<String> {
    let o = repo.leakhound(&[mode, &["-q", "--show-secrets", "--format", "json"]].concat());
    assert_eq!(o.status.code(), Some(1), "{mode:?}: {}", stderr(&o));
    let v = json_of(&o);
    // Public identifiers (an AWS access key ID) are shown in full on purpose.
    let rules = leakhound::rules::RuleSet::builtin();
    let public = |id: &str| {
        rules
            .rules()
            .iter()
            .any(|r| r.id() == id && r.def.redact == Some(leakhound::rules::Redact::Identifier))
    };
    let secrets: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !public(f["rule_id"].as_str().unwrap()))
        .map(|f| f["secret"].as_str().unwrap().to_string())
        .collect();
    assert!(secrets.len() >= 5, "{mode:?}: {secrets:?}");
    secrets
}

#[test]
fn no_secret_in_clear_in_any_format_or_mode_and_no_terminal_injection() {
    let repo = Repo::new();
    copy_tree(&repo_root().join("fixtures/demo"), repo.path());
    copy_tree(
        &repo_root().join("fixtures/encoded"),
        &repo.path().join("encoded"),
    );
    // History, with control characters in the commit message and author name, and a
    // secret in the message (in no file).
    let in_message = with_crc32_base62("ghp_Wc7Ty2Np9Rk4Mx6Zq1Lv8Bd3Hf5Js0");
    repo.commit(
        &format!("add \u{1b}[2Jconfig\u{7} with {in_message}"),
        "2022-01-01T00:00:00Z",
        "Eve\u{1b}]0;pwned\u{7}",
    );
    // Staged: a new file; working tree: the same tree.
    repo.write("staged.py", format!("TOKEN = '{}'\n", github_token(2)));
    repo.git(&["add", "staged.py"]);
    let encoded = encoded_fixture_texts();
    for mode in [&["scan", "."][..], &["git"][..], &["staged"][..]] {
        let mut secrets = if mode[0] == "staged" {
            vec![github_token(2)]
        } else {
            secrets_shown(&repo, mode)
        };
        if mode[0] != "staged" {
            secrets.extend(encoded.iter().cloned());
        }
        secrets.push(in_message.clone());
        for format in ["text", "json", "sarif", "markdown"] {
            let o = repo.leakhound(&[mode, &["--all-locations", "--format", format]].concat());
            assert_eq!(
                o.status.code(),
                Some(1),
                "{mode:?} {format}: {}",
                stderr(&o)
            );
            let all = format!("{}{}", stdout(&o), stderr(&o));
            for s in &secrets {
                // Short values (a one-character password) are not distinctive; the
                // body past the redacted prefix must not appear either.
                if s.chars().count() >= 8 {
                    let body: String = s.chars().skip(4).collect();
                    assert!(!all.contains(s.as_str()), "{mode:?} {format} prints {s:?}");
                    assert!(
                        !all.contains(&body),
                        "{mode:?} {format} prints the body of {s:?}"
                    );
                }
            }
            match format {
                "json" | "sarif" => {
                    let doc = json_of(&o);
                    if format == "sarif" {
                        validate_sarif(&doc);
                    }
                }
                _ => {
                    assert!(!o.stdout.contains(&0x1b), "{mode:?} {format}: raw ESC");
                    assert!(!o.stdout.contains(&0x07), "{mode:?} {format}: raw BEL");
                }
            }
        }
    }
    // In history, the escapes are shown escaped.
    let o = repo.leakhound(&["git"]);
    let text = stdout(&o);
    assert!(text.contains("Eve\\u{1b}]0;pwned"), "{text}");
    assert!(text.contains("add \\u{1b}[2Jconfig\\u{7}"), "{text}");
}

/// A repository set up to run commands at every opportunity git offers: hooks, an
/// fsmonitor, clean/smudge/process filters, textconv, an external diff, an ssh
/// command and a credential helper. None may run while leakhound scans it.
#[cfg(unix)]
#[test]
fn nothing_from_the_scanned_repository_is_executed() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::new();
    // Content first, committed and staged by a git that runs nothing yet.
    repo.write(".gitattributes", "* filter=evil diff=evil\n");
    repo.write("app.py", format!("T = '{}'\n", github_token(0)));
    repo.commit("x", "2022-01-01T00:00:00Z", "Ann");
    repo.write("staged.py", format!("T = '{}'\n", github_token(1)));
    repo.git(&["add", "staged.py"]);
    // Then every way to make git run a command.
    let marker = repo.path().join("EXECUTED");
    let cmd = format!("touch '{}'", marker.display());
    let hooks = repo.path().join(".git/hooks");
    for hook in [
        "pre-commit",
        "post-checkout",
        "post-index-change",
        "reference-transaction",
        "fsmonitor-watchman",
    ] {
        std::fs::write(hooks.join(hook), format!("#!/bin/sh\n{cmd}\n")).unwrap();
        std::fs::set_permissions(hooks.join(hook), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    for (key, value) in [
        ("core.fsmonitor", cmd.as_str()),
        ("core.hooksPath", ".git/hooks"),
        ("filter.evil.clean", cmd.as_str()),
        ("filter.evil.smudge", cmd.as_str()),
        ("filter.evil.process", cmd.as_str()),
        ("diff.evil.textconv", cmd.as_str()),
        ("diff.external", cmd.as_str()),
        ("core.sshCommand", cmd.as_str()),
        ("credential.helper", &format!("!{cmd}")),
        ("core.pager", cmd.as_str()),
    ] {
        repo.git(&["config", key, value]);
    }
    assert!(!marker.exists());
    // The work tree differs from the index, so a scan that asked git about it would
    // have to run the filters.
    repo.write(
        "app.py",
        format!("T = '{}'\nchanged = 1\n", github_token(0)),
    );
    for mode in [&["scan", "."][..], &["git"][..], &["staged"][..]] {
        let o = repo.leakhound(&[mode, &["-q", "--format", "json"]].concat());
        assert_eq!(o.status.code(), Some(1), "{mode:?}: {}", stderr(&o));
        assert!(
            !marker.exists(),
            "{mode:?} ran a command from the repository"
        );
    }
}

/// Under strace, when it is installed: no socket is ever opened, in any mode.
#[cfg(target_os = "linux")]
#[test]
fn no_network_connection_is_attempted() {
    let Ok(probe) = std::process::Command::new("strace").arg("-V").output() else {
        eprintln!("strace not installed: network check skipped");
        return;
    };
    assert!(probe.status.success());
    let repo = Repo::new();
    repo.write("app.py", format!("T = '{}'\n", github_token(0)));
    repo.git(&[
        "remote",
        "add",
        "origin",
        "https://user:pass@git.example.org/x.git",
    ]);
    repo.commit("x", "2022-01-01T00:00:00Z", "Ann");
    let bin = assert_cmd::cargo::cargo_bin("leakhound");
    for mode in [&["scan", "."][..], &["git"][..], &["staged"][..]] {
        let log = repo.path().join(".git/strace.log");
        let o = std::process::Command::new("strace")
            .args(["-f", "-qq", "-e", "trace=socket,connect,sendto", "-o"])
            .arg(&log)
            .arg(&bin)
            .args(mode)
            .args(["-q", "--format", "sarif"])
            .current_dir(repo.path())
            .output()
            .unwrap();
        assert!(
            o.status.code().is_some_and(|c| c <= 1),
            "{mode:?}: {}",
            stderr(&o)
        );
        let trace = std::fs::read_to_string(&log).unwrap();
        assert!(
            !trace
                .lines()
                .any(|l| l.contains("socket(") || l.contains("connect(")),
            "{mode:?} opened a socket:\n{trace}"
        );
    }
}

/// A `.leakhound.toml` comes with the scanned tree: its rule text must not reach the
/// terminal raw either.
#[test]
fn config_rule_text_is_escaped_in_text_output() {
    let d = Dir::new();
    d.write(
        ".leakhound.toml",
        r#"
[[rules]]
id = "x\u001b[2J\u001b]0;pwned\u0007"
name = "N\u001b[31mred"
description = "d"
regex = '''(?P<secret>zzq_[a-z0-9]{16})'''
keywords = ["zzq_"]
severity = "high"
confidence = "high"
remediation = """R\u001b[5mblink
1. Step."""
references = ["https://acme.invalid/docs"]
examples = ["zzq_q8w7e6r5t4y3u2i1", "zzq_a8w7e6r5t4y3u2i1"]
negative_examples = ["zzq_short"]
"#,
    );
    d.write("a.txt", "k = \"zzq_q8w7e6r5t4y3u2i1\"\n");
    let o = d.cmd().args(["scan", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        !o.stdout.contains(&0x1b) && !o.stdout.contains(&0x07),
        "{}",
        stdout(&o)
    );
    assert!(!o.stderr.contains(&0x1b), "{}", stderr(&o));
    assert!(stdout(&o).contains("R\\u{1b}[5mblink"), "{}", stdout(&o));
}
