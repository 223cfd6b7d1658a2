//! Managing findings: config, inline allow markers, baselines, the markdown playbook
//! and purging a file from history.

use super::*;

fn summary_line(o: &Output) -> String {
    stderr(o).lines().last().unwrap_or_default().to_string()
}

#[test]
fn inline_allow_marker_suppresses_its_line_and_can_be_refused() {
    let d = Dir::new();
    d.write(
        "app.js",
        format!(
            "const a = '{}';\nconst b = '{}'; // leakhound:allow fixture\n",
            github_token(0),
            github_token(1)
        ),
    );
    let o = d.cmd().args(["scan", "--format", "json"]).output().unwrap();
    assert_eq!(locations(&json_of(&o)).len(), 1);
    assert!(
        summary_line(&o).contains("suppressed: 1 location inline"),
        "{}",
        stderr(&o)
    );
    assert_eq!(json_of(&o)["summary"]["suppressed"]["inline"], 1);
    let o = d
        .cmd()
        .args(["scan", "--no-inline-allow", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(locations(&json_of(&o)).len(), 2);
}

#[test]
fn config_allowlists_custom_rules_and_disabled_rules() {
    let d = Dir::new();
    d.write(
        "src/a.py",
        format!("T = '{}'\nK = 'acme_q8w7e6r5t4y3u2i1'\n", github_token(0)),
    );
    d.write("tests/fixture.py", format!("T = '{}'\n", github_token(1)));
    d.write(
        ".leakhound.toml",
        r#"
disable = ["generic-secret-assignment", "generic-secret-key-value"]
provider = "Acme"

[[rules]]
id = "acme-key"
name = "Acme key"
description = "An Acme key."
regex = '''\b(?P<secret>acme_[a-z0-9]{16})\b'''
keywords = ["acme_"]
severity = "high"
confidence = "high"
remediation = "Revoke it in the Acme console."
references = []
examples = []
negative_examples = []

[[allow]]
description = "test fixtures"
paths = ["tests/**"]
rules = ["github-pat-classic"]
"#,
    );
    let o = d.cmd().args(["scan", "--format", "json"]).output().unwrap();
    let v = json_of(&o);
    let mut seen: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["rule_id"].as_str().unwrap(),
                f["path"].as_str().unwrap()
            )
        })
        .collect();
    seen.sort();
    assert_eq!(seen, ["acme-key src/a.py", "github-pat-classic src/a.py"]);
    assert_eq!(v["summary"]["suppressed"]["allowlist"], 1);
    // --no-config: built-in rules only, no allowlist.
    let o = d
        .cmd()
        .args(["scan", "--no-config", "--format", "json"])
        .output()
        .unwrap();
    let v = json_of(&o);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule_id"] != "acme-key")
    );
    assert!(
        locations(&v)
            .iter()
            .any(|l| l["path"] == "tests/fixture.py")
    );
    // --config FILE from elsewhere.
    let other = d.write("elsewhere.toml", "[[allow]]\nstopwords = [\"q8w7\"]\n");
    let o = d
        .cmd()
        .args(["scan", "--format", "json", "--config"])
        .arg(&other)
        .output()
        .unwrap();
    assert_eq!(json_of(&o)["summary"]["suppressed"]["allowlist"], 0);
}

#[test]
fn config_mistakes_are_located_and_exit_two() {
    let d = Dir::new();
    d.write("a.txt", "nothing\n");
    for (text, want) in [
        (
            "disable = [\"no-such-rule\"]\n",
            ".leakhound.toml:1:12: disable: no built-in rule",
        ),
        (
            "[[allow]]\nsecrets = [\"(\"]\n",
            ".leakhound.toml:2:12: allow.secrets: regex does not compile",
        ),
        ("[[allow]\n", ".leakhound.toml:1:"),
        (
            "colour = true\n",
            ".leakhound.toml:1:1: unknown field `colour`",
        ),
        (
            "[[rules]]\nid = \"x\"\n",
            ".leakhound.toml:1:1: missing field",
        ),
    ] {
        d.write(".leakhound.toml", text);
        let o = d.cmd().args(["scan"]).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{text}");
        let err = stderr(&o);
        assert!(err.contains(want), "{text}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let o = d
        .cmd()
        .args(["scan", "--config", "missing.toml"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("missing.toml:1:1: cannot read config file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn baseline_keeps_accepted_findings_quiet_and_reports_new_ones() {
    let d = Dir::new();
    d.write("a.py", format!("T = '{}'\n", github_token(0)));
    let o = d
        .cmd()
        .args(["baseline", "create", "base.json", "scan", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let base = std::fs::read_to_string(d.path().join("base.json")).unwrap();
    assert!(
        !base.contains(&github_token(0)[4..]),
        "baseline holds the secret"
    );
    assert!(base.contains("\"fingerprint\""));
    // Unchanged: quiet, exit 0, counted.
    let o = d
        .cmd()
        .args(["scan", "--baseline", "base.json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        summary_line(&o).contains("suppressed: 1 secret at 1 location by baseline"),
        "{}",
        stderr(&o)
    );
    // Lines moved: still the same finding.
    d.write("a.py", format!("import os\n\nT = '{}'\n", github_token(0)));
    let o = d
        .cmd()
        .args(["scan", "--baseline", "base.json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    // A different secret on the same line is new.
    d.write("a.py", format!("import os\n\nT = '{}'\n", github_token(1)));
    let o = d
        .cmd()
        .args(["scan", "-q", "--baseline", "base.json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("a.py:3:6"));
    // The same secret in another file is new too.
    d.write("a.py", format!("T = '{}'\n", github_token(0)));
    d.write("b.py", format!("T = '{}'\n", github_token(0)));
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json", "--baseline", "base.json"])
        .output()
        .unwrap();
    let locs = locations(&json_of(&o));
    assert_eq!(locs.len(), 1);
    assert_eq!(locs[0]["path"], "b.py");
}

#[test]
fn baseline_of_a_history_scan_and_bad_baselines() {
    let d = Dir::new();
    let git = |args: &[&str]| {
        let s = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(d.path())
            .status()
            .unwrap();
        assert!(s.success());
    };
    git(&["init", "-q", "."]);
    d.write("a.py", format!("T = '{}'\n", github_token(0)));
    git(&["add", "."]);
    git(&["commit", "-qm", "one"]);
    let o = d
        .cmd()
        .args(["baseline", "create", "base.json", "git", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = d
        .cmd()
        .args(["git", "--baseline", "base.json", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    for (text, want) in [
        ("{\"leakhound_baseline\": 1,\n", "bad.json:2:"),
        ("[1, 2]", "not a leakhound baseline"),
        (
            "{\"leakhound_baseline\": 7, \"created\": \"\", \"findings\": []}",
            "version 7",
        ),
    ] {
        d.write("bad.json", text);
        let o = d
            .cmd()
            .args(["git", "--baseline", "bad.json", "."])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{text}");
        assert!(stderr(&o).contains(want), "{text}: {}", stderr(&o));
        assert_eq!(stderr(&o).lines().count(), 1);
    }
    let o = d
        .cmd()
        .args(["scan", "--baseline", "nope.json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nope.json:1:1: cannot read baseline"));
}

#[test]
fn snapshot_markdown_playbook() {
    insta::assert_snapshot!("demo_markdown", demo("markdown"));
}

#[test]
fn replace_text_file_purges_history_with_git_filter_repo() {
    let test = "replace_text_file_purges_history_with_git_filter_repo";
    if !leakhound::report::purge::test_can_use_filter_repo(test) {
        return;
    }
    let d = Dir::new();
    let git = |args: &[&str]| {
        let o = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(d.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
        stdout(&o)
    };
    git(&["init", "-q", "."]);
    let tok = github_token(0);
    d.write(
        "config.py",
        format!(
            "TOKEN = '{tok}'\nURL = 'postgres://app:Zq7vN2kLpX9wR4tF@db.prod.internal/orders'\n"
        ),
    );
    git(&["add", "."]);
    git(&["commit", "-qm", "add config"]);
    d.write(
        "config.py",
        "import os\nTOKEN = os.environ['GITHUB_TOKEN']\n",
    );
    git(&["commit", "-qam", "read the token from the environment"]);
    let rt = d
        .path()
        .join("..")
        .join(format!("rt-{}.txt", std::process::id()));
    let o = d
        .cmd()
        .args(["git", "-q", "--format", "markdown", "--replace-text-file"])
        .arg(&rt)
        .arg(".")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("## Purge history"), "{}", stdout(&o));
    assert!(!stdout(&o).contains(&tok), "the playbook prints the secret");
    let o = std::process::Command::new("git")
        .args(["filter-repo", "--force", "--replace-text"])
        .arg(&rt)
        .current_dir(d.path())
        .output()
        .expect("git filter-repo runs (pip install git-filter-repo)");
    std::fs::remove_file(&rt).unwrap();
    assert!(o.status.success(), "filter-repo: {}", stderr(&o));
    let history = git(&["log", "--all", "-p"]);
    assert!(
        !history.contains(&tok) && !history.contains("Zq7vN2kLpX9wR4tF"),
        "{history}"
    );
    assert!(history.contains("REMOVED-github-pat-classic"), "{history}");
    let o = d.cmd().args(["git", "-q", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}
