//! What a command-line user expects of any tool: `--color`, shell completions, man
//! pages, a readable `rules list`, `rules show` that helps with a typo, and `hook
//! uninstall`.

use super::*;

use std::process::Command as StdCommand;

/// Runs `leakhound ARGS` on a pseudo-terminal (util-linux `script`) with `TERM=xterm`,
/// `NO_COLOR`, the CLICOLOR variables and `CI` unset (on a CI runner a terminal is
/// coloured whatever `TERM` says), then `env` applied; returns what the terminal showed.
#[cfg(unix)]
fn terminal(dir: &Path, args: &str, env: &[(&str, &str)]) -> String {
    let bin = assert_cmd::cargo::cargo_bin("leakhound");
    let mut c = StdCommand::new("script");
    c.args(["-qec", &format!("{} {args}", bin.display()), "/dev/null"])
        .current_dir(dir)
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CI");
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.output().expect("util-linux `script` is installed");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A directory with one finding (`a.py:1:4`).
fn one_finding() -> Dir {
    let d = Dir::new();
    d.write("a.py", format!("t='{}'\n", github_token(0)));
    d
}

// ---------------------------------------------------------------------------------
// --color

#[cfg(unix)]
#[test]
fn color_auto_follows_the_terminal_term_and_no_color() {
    let d = one_finding();
    let bold = "\x1b[1ma.py:1:4\x1b[0m";
    assert!(terminal(d.path(), "scan -q .", &[]).contains(bold));
    assert!(terminal(d.path(), "--color auto scan -q .", &[]).contains(bold));
    for env in [
        &[("NO_COLOR", "1")][..],
        &[("TERM", "dumb")],
        &[("CLICOLOR", "0")],
    ] {
        let shown = terminal(d.path(), "scan -q .", env);
        assert!(shown.contains("a.py:1:4"), "{env:?}: {shown:?}");
        assert!(!shown.contains('\x1b'), "{env:?}: {shown:?}");
    }
    // `never` wins on a terminal, wherever the flag is written.
    for args in ["--color never scan -q .", "scan -q . --color=never"] {
        let shown = terminal(d.path(), args, &[]);
        assert!(shown.contains("a.py:1:4"), "{args}: {shown:?}");
        assert!(!shown.contains('\x1b'), "{args}: {shown:?}");
    }
}

#[test]
fn color_always_colours_a_pipe_even_with_no_color_and_never_a_file() {
    let d = one_finding();
    let bold = "\x1b[1ma.py:1:4\x1b[0m";
    // Piped: plain by default, and with CLICOLOR_FORCE coloured (bixense.com/clicolors).
    let o = d.cmd().args(["scan", "-q", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(!stdout(&o).contains('\x1b'), "{}", stdout(&o));
    let o = d
        .cmd()
        .env("CLICOLOR_FORCE", "1")
        .args(["scan", "-q", "."])
        .output()
        .unwrap();
    assert!(stdout(&o).contains(bold), "{:?}", stdout(&o));
    // A flag given for this run overrides NO_COLOR (no-color.org).
    for args in [
        &["--color", "always", "scan", "-q", "."][..],
        &["scan", "--color=always", "-q", "."],
    ] {
        let o = d.cmd().env("NO_COLOR", "1").args(args).output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stdout(&o).contains(bold), "{args:?}: {:?}", stdout(&o));
        // stderr (warnings, summary) is never coloured.
        assert!(!stderr(&o).contains('\x1b'), "{:?}", stderr(&o));
    }
    // A report written to a file is plain, whatever --color says.
    let o = d
        .cmd()
        .args(["scan", "-q", "--color", "always", "-o", "r.txt", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report = std::fs::read_to_string(d.path().join("r.txt")).unwrap();
    assert!(
        report.contains("a.py:1:4") && !report.contains('\x1b'),
        "{report:?}"
    );
    // JSON never carries colour.
    let o = d
        .cmd()
        .args(["--color", "always", "scan", "-q", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(json_of(&o)["findings"][0]["rule_id"], "github-pat-classic");
}

#[test]
fn color_reaches_clap_help_and_rejects_unknown_values() {
    let o = leakhound()
        .args(["--color", "always", "--help"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains('\x1b'), "{}", stdout(&o));
    let o = leakhound().args(["scan", "--help"]).output().unwrap();
    assert!(!stdout(&o).contains('\x1b'), "{}", stdout(&o));
    assert!(stdout(&o).contains("--color <WHEN>"), "{}", stdout(&o));
    let o = leakhound()
        .args(["--color", "sometimes", "scan", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("sometimes"), "{err}");
    assert!(err.contains("always") && err.contains("never"), "{err}");
    assert!(!err.contains('\x1b'), "{err:?}");
}

#[cfg(unix)]
#[test]
fn color_never_reaches_clap_help_on_a_terminal() {
    let d = Dir::new();
    assert!(terminal(d.path(), "--help", &[]).contains('\x1b'));
    let plain = terminal(d.path(), "--color never --help", &[]);
    assert!(plain.contains("Usage:"), "{plain:?}");
    assert!(!plain.contains('\x1b'), "{plain:?}");
}

// ---------------------------------------------------------------------------------
// completions and man

/// Runs `shell -n FILE` (a syntax check) when `shell` is installed; says loudly that
/// it was skipped when not.
fn syntax_check(shell: &str, script: &str) {
    if StdCommand::new(shell)
        .arg("-c")
        .arg("exit 0")
        .output()
        .is_err()
    {
        eprintln!(
            "SKIPPED: {shell} is not installed; the {shell} completion script was not parsed"
        );
        return;
    }
    let d = Dir::new();
    let file = d.write("completions", script);
    let o = StdCommand::new(shell)
        .arg("-n")
        .arg(&file)
        .output()
        .unwrap();
    assert!(o.status.success(), "{shell} -n: {}", stderr(&o));
}

#[cfg(target_os = "linux")]
#[test]
fn completions_that_cannot_be_written_are_an_error_not_a_panic() {
    let full = std::fs::File::create("/dev/full").unwrap();
    let o = StdCommand::new(assert_cmd::cargo::cargo_bin("leakhound"))
        .args(["completions", "bash"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot write completions"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
}

#[test]
fn completions_for_every_shell() {
    let script = |shell: &str| {
        let o = leakhound().args(["completions", shell]).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        assert!(o.stderr.is_empty(), "{shell}: {}", stderr(&o));
        stdout(&o)
    };
    let bash = script("bash");
    syntax_check("bash", &bash);
    assert!(bash.contains("complete -F _leakhound"), "{bash}");
    for word in [
        "scan",
        "git",
        "staged",
        "revoke",
        "--dry-run",
        "baseline",
        "rules",
        "uninstall",
        "completions",
        "--max-file-size",
        "--color",
        "always",
        "powershell",
    ] {
        assert!(bash.contains(word), "bash completions lack {word}");
    }
    let zsh = script("zsh");
    assert!(zsh.starts_with("#compdef leakhound"), "{zsh}");
    syntax_check("zsh", &zsh);
    let fish = script("fish");
    assert!(fish.contains("complete -c leakhound"), "{fish}");
    syntax_check("fish", &fish);
    for shell in ["powershell", "elvish"] {
        let s = script(shell);
        assert!(
            s.contains("leakhound") && s.contains("uninstall"),
            "{shell}: {s}"
        );
    }
    let o = leakhound().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("tcsh"), "{}", stderr(&o));
}

/// `page` rendered by groff as plain text, when groff is installed (with every
/// warning on: one fails the test); `None`, said loudly, when it is not.
fn groff_text(page: &str) -> Option<String> {
    let d = Dir::new();
    let file = d.write("page.1", page);
    let o = match StdCommand::new("groff")
        .args(["-man", "-Tutf8", "-ww"])
        .arg(&file)
        .env("LC_ALL", "C")
        .output()
    {
        Ok(o) => o,
        Err(_) => {
            eprintln!("SKIPPED: groff is not installed; the man pages were not rendered");
            return None;
        }
    };
    assert!(o.status.success(), "groff: {}", stderr(&o));
    assert!(o.stderr.is_empty(), "groff warns: {}", stderr(&o));
    // Bold and underline as a terminal would overstrike them (`x\bx`, `_\bx`): the
    // character only.
    let mut text = String::new();
    for c in stdout(&o).chars() {
        if c == '\u{8}' {
            text.pop();
        } else {
            text.push(c);
        }
    }
    Some(text)
}

#[test]
fn man_pages_for_leakhound_and_each_command() {
    let page = |args: &[&str]| {
        let o = leakhound().arg("man").args(args).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        stdout(&o)
    };
    let top = page(&[]);
    assert!(top.starts_with(".ie \\n(.g .ds Aq"), "{top}");
    assert!(top.contains(".TH leakhound 1"), "{top}");
    assert!(top.contains("\\-\\-color"), "{top}");
    assert!(top.contains("leakhound\\-scan(1)"), "{top}");
    let scan = page(&["scan"]);
    assert!(scan.contains(".TH leakhound-scan 1"), "{scan}");
    // Every page's footer names leakhound and its version, a subcommand's too.
    let footer = format!("\"leakhound {}\"", env!("CARGO_PKG_VERSION"));
    assert!(top.contains(&footer) && scan.contains(&footer), "{scan}");
    for flag in ["max\\-file\\-size", "exclude\\-context", "show\\-secrets"] {
        assert!(scan.contains(flag), "scan page lacks {flag}");
    }
    let list = page(&["rules", "list"]);
    assert!(list.contains(".TH leakhound-rules-list 1"), "{list}");
    let uninstall = page(&["hook", "uninstall"]);
    assert!(uninstall.contains("REPO"), "{uninstall}");
    if let Some(text) = groff_text(&scan) {
        assert!(text.contains("--max-file-size"), "{text}");
        assert!(text.contains("leakhound-scan"), "{text}");
    }
    // An unknown command names the known ones.
    let o = leakhound().args(["man", "rules", "lst"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("'lst'") && err.contains("list, check, show"),
        "{err}"
    );
}

#[test]
fn man_out_dir_writes_one_page_per_command() {
    let d = Dir::new();
    let dir = d.path().join("man pages/man1");
    let o = leakhound()
        .args(["man", "--out-dir"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("manual pages written"),
        "{}",
        stdout(&o)
    );
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for want in [
        "leakhound.1",
        "leakhound-scan.1",
        "leakhound-git.1",
        "leakhound-revoke.1",
        "leakhound-baseline-create-scan.1",
        "leakhound-rules-show.1",
        "leakhound-hook-uninstall.1",
        "leakhound-man.1",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} not in {names:?}");
    }
    assert!(!names.iter().any(|n| n.contains("help")), "{names:?}");
    let show = std::fs::read_to_string(dir.join("leakhound-rules-show.1")).unwrap();
    assert!(show.contains("show\\-secrets"), "{show}");
    // --out-dir and a command name do not go together.
    let o = leakhound()
        .args(["man", "scan", "--out-dir"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    // A directory that cannot be made: one line naming it.
    let file = d.write("plain-file", "x");
    let o = leakhound()
        .args(["man", "--out-dir"])
        .arg(file.join("sub"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("plain-file/sub"), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
}

// ---------------------------------------------------------------------------------
// rules list and rules show

#[test]
fn rules_list_is_an_aligned_table() {
    let o = leakhound().args(["rules", "list"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("ID "), "{}", lines[0]);
    let head: String = lines[..8].iter().map(|l| format!("{l}\n")).collect();
    insta::assert_snapshot!("rules_list_head", head);
    // Every row fits 120 columns, and every column starts where its header does.
    let col = |word: &str| lines[0].find(word).unwrap();
    let (sev, conf, kw, name) = (col("SEVERITY"), col("CONF"), col("KEYWORDS"), col("NAME"));
    let rows = &lines[1..lines.len() - 1];
    assert!(rows.len() >= 500, "{}", rows.len());
    for row in rows {
        assert!(row.chars().count() <= 120, "{row}");
        let cells: Vec<char> = row.chars().collect();
        for at in [sev, conf, kw, name] {
            assert!(
                cells[at - 1] == ' ' && cells[at] != ' ',
                "misaligned at {at}: {row}"
            );
        }
    }
    assert!(rows.iter().any(|r| r.ends_with('…')), "no name was cut");
    assert!(lines[lines.len() - 1].ends_with(" rules"), "{out}");
    // The JSON list is whole: keywords in full, nothing cut.
    let v = json_of(
        &leakhound()
            .args(["rules", "list", "--format", "json"])
            .output()
            .unwrap(),
    );
    let generic = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["keywords"].as_array().unwrap().len() > 20)
        .unwrap();
    assert!(!generic["name"].as_str().unwrap().contains('…'));
    // Only text and json: no format that would print the table under another name.
    let o = leakhound()
        .args(["rules", "list", "--format", "sarif"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn rules_list_cuts_and_escapes_user_rule_text_but_never_an_id() {
    let d = Dir::new();
    let long_id = "acme-extremely-long-identifier-for-a-key-that-keeps-going-on";
    d.write(
        "acme.toml",
        USER_RULE.replace("acme-api-key", long_id).replace(
            "name = \"Acme API key\"",
            "name = \"Acme \\u001b[31mkey with a name far too long for any table column at all\"",
        ),
    );
    let o = d
        .cmd()
        .args(["rules", "list", "--rules", "acme.toml"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.contains('\x1b'), "{out:?}");
    let row = out.lines().find(|l| l.contains("acme-")).unwrap();
    assert!(row.starts_with(&format!("{long_id}  ")), "{row}");
    assert!(row.contains("Acme \\u{1b}[31mkey"), "{row}");
    assert!(row.ends_with('…'), "{row}");
    let header = out.lines().next().unwrap();
    assert_eq!(header.find("SEVERITY"), Some(long_id.len() + 2), "{header}");
}

#[test]
fn rules_list_in_colour_on_request() {
    let o = leakhound()
        .args(["rules", "list", "--color", "always"])
        .output()
        .unwrap();
    let out = stdout(&o);
    assert!(out.starts_with("\x1b[1mID "), "{out:?}");
    assert!(out.contains("\x1b[31mcritical\x1b[0m "), "{out:?}");
    let o = leakhound().args(["rules", "list"]).output().unwrap();
    assert!(!stdout(&o).contains('\x1b'));
}

#[test]
fn rules_show_prints_regex_keywords_and_redacted_examples() {
    let o = leakhound()
        .args(["rules", "show", "github-pat-classic"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("\nRegex:\n  \\b(?P<secret>ghp_"), "{out}");
    assert!(out.contains("\nKeywords: ghp_\n"), "{out}");
    assert!(
        out.contains("\nExamples (the secret in each redacted"),
        "{out}"
    );
    assert!(out.contains("\nNot matched:\n  - "), "{out}");
    assert!(out.contains("ghp_…"), "{out}");
    let examples = |out: &str| -> Vec<String> {
        out.split("\nExamples")
            .nth(1)
            .unwrap()
            .split("\nNot matched:")
            .next()
            .unwrap()
            .lines()
            .skip(1)
            .map(str::to_string)
            .collect()
    };
    let redacted = examples(&out);
    assert!(!redacted.is_empty(), "{out}");
    // --show-secrets prints them as the rule file has them; without it, no token in
    // them is printed whole.
    let o = leakhound()
        .args(["rules", "show", "github-pat-classic", "--show-secrets"])
        .output()
        .unwrap();
    let clear = examples(&stdout(&o));
    assert_eq!(clear.len(), redacted.len());
    assert!(clear.iter().all(|e| !e.contains('…')), "{clear:?}");
    let tokens: Vec<String> = clear
        .iter()
        .filter_map(|e| {
            let at = e.find("ghp_")?;
            Some(
                e[at..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect(),
            )
        })
        .collect();
    assert_eq!(tokens.len(), clear.len(), "{clear:?}");
    for t in &tokens {
        assert!(t.len() >= 40, "{t}");
        assert!(!out.contains(t.as_str()), "{t} printed whole: {out}");
    }

    // A multi-line example (a private key) keeps its lines, indented, redacted.
    let o = leakhound()
        .args(["rules", "show", "private-key-rsa"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("\n  - -----BEGIN RSA PRIVATE KEY-----\n    "),
        "{out}"
    );
    assert!(!out.contains("\\u{a}"), "{out}");
}

#[test]
fn rules_show_suggests_the_closest_ids() {
    let show = |id: &str| {
        let o = leakhound().args(["rules", "show", id]).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{id}");
        assert!(o.stdout.is_empty(), "{}", stdout(&o));
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        err
    };
    let err = show("github-pat");
    assert!(
        err.contains("no rule with id 'github-pat'; did you mean github-pat-classic, github-pat-fine-grained?"),
        "{err}"
    );
    assert!(show("githb-pat-clasic").contains("did you mean github-pat-classic?"));
    assert!(show("GitHub_PAT_Classic").contains("did you mean github-pat-classic?"));
    let err = show("zzzz-nothing-like-it");
    assert!(err.contains("see `leakhound rules list`"), "{err}");
    // A user's rule is suggested too.
    let d = Dir::new();
    d.write("acme.toml", USER_RULE);
    let o = d
        .cmd()
        .args(["rules", "show", "acme-api", "--rules", "acme.toml"])
        .output()
        .unwrap();
    assert!(
        stderr(&o).contains("did you mean acme-api-key?"),
        "{}",
        stderr(&o)
    );
}

// ---------------------------------------------------------------------------------
// hook uninstall

fn hook_path(repo: &Repo) -> PathBuf {
    repo.path().join(".git/hooks/pre-commit")
}

fn committed_repo() -> Repo {
    let repo = Repo::new();
    repo.write("app.py", "import os\n");
    repo.commit("first", "2023-01-01T00:00:00Z", "Ann");
    repo
}

/// Runs `leakhound hook ARGS` in `dir`, expects exit `code`, and returns what it said
/// (stdout, then stderr).
fn hook_says(dir: &Path, args: &[&str], code: i32) -> String {
    let o = leakhound()
        .current_dir(dir)
        .arg("hook")
        .args(args)
        .output()
        .unwrap();
    let said = format!("{}{}", stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(code), "hook {args:?}: {said}");
    said
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn hook_uninstall_removes_only_leakhounds_hook() {
    let repo = committed_repo();
    let dir = repo.path();
    let said = hook_says(dir, &["uninstall"], 0);
    assert!(
        said.contains("no pre-commit hook; nothing to uninstall"),
        "{said}"
    );
    hook_says(dir, &["install"], 0);
    assert!(hook_path(&repo).is_file());
    let said = hook_says(dir, &["uninstall"], 0);
    assert!(said.contains("removed leakhound's hook"), "{said}");
    assert!(!hook_path(&repo).exists());
    // The first version of the hook (`staged` without -q), written for another binary.
    let old = "#!/bin/sh\n# Installed by `leakhound hook install`: scans what is being committed for secrets.\n\
               # Bypass once with `git commit --no-verify` (and say why in review).\n\
               leakhound='/opt/it'\\''s here/leakhound'\n\
               [ -x \"$leakhound\" ] || leakhound=leakhound\n\
               exec \"$leakhound\" staged\n";
    std::fs::write(hook_path(&repo), old).unwrap();
    let said = hook_says(dir, &["uninstall"], 0);
    assert!(said.contains("removed leakhound's hook"), "{said}");
    assert!(!hook_path(&repo).exists());
}

#[test]
fn hook_uninstall_leaves_other_hooks_and_says_why() {
    let repo = committed_repo();
    let dir = repo.path();
    let hook = hook_path(&repo);
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    // Not leakhound's, and leakhound does not run from it: left, exit 0.
    let left: [(&str, &str); 3] = [
        (
            "#!/bin/sh\nmake lint\n",
            "not leakhound's hook; left as it is",
        ),
        (
            "#!/bin/sh\n# TODO: leakhound staged\nmake lint\n",
            "not leakhound's hook",
        ),
        (
            "#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\n\
             # ID: 138fd403232d2ddd5efb44317e38bf03\n\
             ARGS=(hook-impl --config=.pre-commit-config.yaml --hook-type=pre-commit)\n\
             exec pre-commit \"${ARGS[@]}\"\n",
            ".pre-commit-config.yaml",
        ),
    ];
    for (script, says) in left {
        std::fs::write(&hook, script).unwrap();
        let said = hook_says(dir, &["uninstall"], 0);
        assert!(said.contains(says), "{script}: {said}");
        assert_eq!(read(&hook), script);
    }
    // leakhound still runs from it: left, and an error that says which line to remove.
    let chained = "#!/bin/sh\nset -e\ncargo fmt --check\n/usr/local/bin/leakhound staged -q\n";
    std::fs::write(&hook, chained).unwrap();
    let said = hook_says(dir, &["uninstall"], 2);
    assert!(said.contains("runs `leakhound staged` (line 4)"), "{said}");
    assert_eq!(said.lines().count(), 1, "{said}");
    assert_eq!(read(&hook), chained);
    // leakhound's hook with a line of the user's added: left, an error.
    hook_says(dir, &["install", "--force"], 0);
    std::fs::remove_file(hook.with_file_name("pre-commit.before-leakhound")).unwrap();
    let edited = read(&hook).replacen("\n", "\nmake lint\n", 1);
    std::fs::write(&hook, &edited).unwrap();
    let said = hook_says(dir, &["uninstall"], 2);
    assert!(
        said.contains("changed since `hook install` wrote it"),
        "{said}"
    );
    assert_eq!(read(&hook), edited);
}

#[cfg(unix)]
#[test]
fn hook_install_force_keeps_the_replaced_hook_and_uninstall_puts_it_back() {
    use std::os::unix::fs::PermissionsExt;
    let repo = committed_repo();
    let dir = repo.path();
    let hook = hook_path(&repo);
    let backup = hook.with_file_name("pre-commit.before-leakhound");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    let team = "#!/bin/sh\necho team hook\n";
    std::fs::write(&hook, team).unwrap();
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o750)).unwrap();
    let said = hook_says(dir, &["install"], 2);
    assert!(
        said.contains("keeping it as pre-commit.before-leakhound"),
        "{said}"
    );
    let said = hook_says(dir, &["install", "--force"], 0);
    assert!(
        said.contains("kept as pre-commit.before-leakhound"),
        "{said}"
    );
    assert_eq!(read(&backup), team);
    // Installing again (leakhound's own hook) keeps no second copy.
    hook_says(dir, &["install"], 0);
    assert_eq!(read(&backup), team);
    let said = hook_says(dir, &["uninstall"], 0);
    assert!(said.contains("put back the hook it replaced"), "{said}");
    assert_eq!(read(&hook), team);
    let mode = std::fs::metadata(&hook).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o750);
    assert!(!backup.exists());
    // A second --force while a kept hook waits is refused: nothing is lost.
    std::fs::write(&backup, "#!/bin/sh\necho older\n").unwrap();
    let said = hook_says(dir, &["install", "--force"], 2);
    assert!(said.contains("move it away first"), "{said}");
    assert_eq!(read(&hook), team);
    assert_eq!(read(&backup), "#!/bin/sh\necho older\n");
    // A link is kept as a link, and left by uninstall when it is the hook.
    std::fs::remove_file(&backup).unwrap();
    std::fs::remove_file(&hook).unwrap();
    let shared = Dir::new();
    let target = shared.write("team-hook", team);
    std::os::unix::fs::symlink(&target, &hook).unwrap();
    let said = hook_says(dir, &["uninstall"], 0);
    assert!(
        said.contains("a symbolic link, not leakhound's hook"),
        "{said}"
    );
    hook_says(dir, &["install", "--force"], 0);
    assert!(
        std::fs::symlink_metadata(&backup)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    hook_says(dir, &["uninstall"], 0);
    assert_eq!(std::fs::read_link(&hook).unwrap(), target);
    assert_eq!(read(&target), team);
}

#[test]
fn hook_uninstall_in_a_linked_worktree_and_with_core_hooks_path() {
    let repo = committed_repo();
    let wt_parent = Dir::new();
    let wt = wt_parent.path().join("feature tree");
    repo.git(&[
        "worktree",
        "add",
        "-q",
        "-b",
        "feature",
        wt.to_str().unwrap(),
    ]);
    hook_says(&wt, &["install"], 0);
    assert!(hook_path(&repo).is_file());
    let said = hook_says(&wt, &["uninstall"], 0);
    assert!(said.contains("removed leakhound's hook"), "{said}");
    assert!(!hook_path(&repo).exists());
    // core.hooksPath, relative to the top of the work tree, from a subdirectory.
    repo.git(&["config", "core.hooksPath", "tools/hooks"]);
    let sub = repo.path().join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    hook_says(&sub, &["install"], 0);
    let hook = repo.path().join("tools/hooks/pre-commit");
    assert!(hook.is_file());
    hook_says(&sub, &["uninstall"], 0);
    assert!(!hook.exists());
    // A bare repository has no hook to remove: the same error as install.
    let d = Dir::new();
    StdCommand::new("git")
        .args(["init", "-q", "--bare", "b.git"])
        .current_dir(d.path())
        .output()
        .unwrap();
    let said = hook_says(d.path(), &["uninstall", "b.git"], 2);
    assert!(said.contains("bare repository"), "{said}");
}
