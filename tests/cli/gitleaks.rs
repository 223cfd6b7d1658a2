//! Moving from gitleaks: `gitleaks:allow` markers, `.gitleaksignore` fingerprints and
//! `leakhound config from-gitleaks`.

use super::*;

/// A token on a line with `marker` in the comment syntax of `file`.
const MARKED: &[(&str, &str)] = &[
    ("a.py", "T = '{t}'  # gitleaks:allow\n"),
    ("b.go", "var t = \"{t}\" //gitleaks:allow\n"),
    (
        "c.js",
        "const t = '{t}'; // gitleaks:allow -- test fixture, not a real key\n",
    ),
    ("d.c", "char *t = \"{t}\"; /* gitleaks:allow */\n"),
    ("e.html", "<meta content=\"{t}\"> <!-- gitleaks:allow -->\n"),
    ("f.sql", "SELECT '{t}'; -- gitleaks:allow\n"),
    ("g.ini", "token = {t} ; gitleaks:allow\n"),
    ("h.yaml", "token: \"{t}\" # gitleaks:allow\n"),
    ("i.rb", "T = '{t}' # gitleaks:allow (fixture)\r\n"),
    ("j.md", "`{t}` <!--gitleaks:allow-->\n"),
];

#[test]
fn gitleaks_allow_markers_suppress_in_every_comment_style() {
    let d = Dir::new();
    let t = github_token(0);
    for (name, line) in MARKED {
        d.write(name, line.replace("{t}", &t));
    }
    // A marker on another line does not reach the token.
    d.write("k.py", format!("# gitleaks:allow\nT = '{t}'\n"));
    let o = d.cmd().args(["scan", "--format", "json"]).output().unwrap();
    let v = json_of(&o);
    let paths: Vec<String> = locations(&v)
        .iter()
        .map(|l| l["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["k.py"], "{}", stderr(&o));
    assert_eq!(v["summary"]["suppressed"]["inline"], MARKED.len());

    // `--no-inline-allow` refuses both kinds of marker.
    d.write("l.py", format!("T = '{t}'  # leakhound:allow\n"));
    let o = d
        .cmd()
        .args(["scan", "--no-inline-allow", "--format", "json"])
        .output()
        .unwrap();
    let v = json_of(&o);
    assert_eq!(locations(&v).len(), MARKED.len() + 2);
    assert_eq!(v["summary"]["suppressed"]["inline"], 0);
}

/// `(rule id, path)` of every reported location, sorted.
fn found(o: &Output) -> Vec<(String, String)> {
    let v = json_of(o);
    let mut out: Vec<(String, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| {
            let rule = f["rule_id"].as_str().unwrap().to_string();
            f["locations"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |l| (rule.clone(), l["path"].as_str().unwrap().to_string()))
        })
        .collect();
    out.sort();
    out
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn gitleaks_fixture(name: &str) -> PathBuf {
    repo_root().join("fixtures/gitleaks").join(name)
}

/// `leakhound config from-gitleaks FIXTURE ARGS…` in `d`.
fn from_gitleaks(d: &Dir, fixture: &str, args: &[&str]) -> Output {
    d.cmd()
        .args(["config", "from-gitleaks"])
        .arg(gitleaks_fixture(fixture))
        .args(args)
        .output()
        .unwrap()
}

/// Converts a fixture into `.leakhound.toml` in `d`; returns the config and stderr.
fn convert_into(d: &Dir, fixture: &str) -> (String, String) {
    let o = from_gitleaks(d, fixture, &["-o", ".leakhound.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "{}", stdout(&o));
    let text = std::fs::read_to_string(d.path().join(".leakhound.toml")).unwrap();
    (text, stderr(&o))
}

fn scan_json(d: &Dir) -> Output {
    let o = d.cmd().args(["scan", "--format", "json"]).output().unwrap();
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "{}",
        stderr(&o)
    );
    o
}

#[test]
fn an_extended_config_converts_its_rule_allowlists_and_disabled_rules() {
    let d = Dir::new();
    let (cfg, err) = convert_into(&d, "extend-default.toml");
    assert!(
        err.contains("converted 1 of 1 rules and 2 of 2 allowlists"),
        "{err}"
    );
    // Commits cannot be converted: said on stderr and in the file.
    assert!(err.contains("commits (1)"), "{err}");
    assert!(cfg.contains("#   - [allowlist]: commits (1)"), "{cfg}");
    assert!(cfg.contains("builtin_rules = \"extend\""), "{cfg}");
    assert!(cfg.contains("\"generic-secret-assignment\","), "{cfg}");

    let live = "acme_live_q8w7e6r5t4y3u2i1o9p8a7s6";
    d.write(
        "src/app.py",
        format!("ACME_KEY = \"{live}\"\nDB_PASSWORD = \"kQ9vZ2mX7wLp4RtN\"\n"),
    );
    d.write("src/gh.py", format!("T = '{}'\n", github_token(0)));
    // A path regex, a test-mode key (the rule's allowlist) and a stopword.
    d.write("testdata/keys.py", format!("K = \"{live}\"\n"));
    d.write(
        "src/mode.py",
        "K = \"acme_test_p0o9i8u7y6t5r4e3w2q1a2s3\"\n",
    );
    d.write(
        "src/stage.py",
        "K = \"acme_live_stagingq8w7e6r5t4y3u2i1o\"\n",
    );
    let o = scan_json(&d);
    assert_eq!(
        found(&o),
        pairs(&[
            ("acme-api-key", "src/app.py"),
            ("github-pat-classic", "src/gh.py")
        ]),
        "{}",
        stderr(&o)
    );
    assert_eq!(json_of(&o)["summary"]["suppressed"]["allowlist"], 3);
}

#[test]
fn a_v8_0_config_replaces_the_builtin_rules_with_its_own() {
    let d = Dir::new();
    let (cfg, err) = convert_into(&d, "v8-0-style.toml");
    assert!(
        err.contains("converted 2 of 3 rules and 2 of 2 allowlists"),
        "{err}"
    );
    assert!(
        err.contains("rule 'pkcs12-file': reports files by their path alone"),
        "{err}"
    );
    assert!(cfg.contains("builtin_rules = \"replace\""), "{cfg}");
    let token = "itk-3f9a1c7e5b2d8f4a6c0e9b1d7f3a5c8e";
    d.write(
        "src/a.py",
        format!("T = \"{token}\"\nG = '{}'\n", github_token(1)),
    );
    d.write("fixtures/t.py", format!("T = \"{token}\"\n"));
    d.write("src/b.py", "T = \"itk-9e1f7c3a5b2d8f4a6c0e9b1d7f3a5c8e\"\n");
    // Built-in rules are off: a Stripe-shaped key is not reported.
    d.write(
        "src/c.py",
        "S = \"sk_live_4eC39HqLyjWDarjtT1zdp7dcQ8w7e6r5\"\n",
    );
    let o = scan_json(&d);
    assert_eq!(
        found(&o),
        pairs(&[("github-pat", "src/a.py"), ("internal-token", "src/a.py")]),
        "{}",
        stderr(&o)
    );
    // fixtures/t.py, src/b.py, and .leakhound.toml, whose allowlist names the token.
    assert_eq!(json_of(&o)["summary"]["suppressed"]["allowlist"], 3);
}

#[test]
fn newer_allowlists_keep_their_condition_targets_and_default_rule_overrides() {
    let d = Dir::new();
    let (cfg, err) = convert_into(&d, "allowlists-v8-25.toml");
    assert!(
        err.contains("converted 1 of 2 rules and 3 of 4 allowlists"),
        "{err}"
    );
    assert!(
        err.contains("[[allowlists]] #2: nothing left to convert"),
        "{err}"
    );
    assert!(cfg.contains("condition = \"all\""), "{cfg}");
    let token = "acmedb_k9pq2vlm7wzr4tn8xb3hd6fs";
    d.write("tests/db.py", format!("U = '{token}'  # test-only\n"));
    d.write("tests/db2.py", format!("U = '{token}'\n"));
    // AND: the comment alone, outside tests/, allows nothing.
    d.write("src/db.py", format!("U = '{token}'  # test-only\n"));
    d.write("vendor/lib/db.py", format!("U = '{token}'\n"));
    // targetRules github-pat: leakhound's GitHub rules.
    d.write("vendor/lib/gh.py", format!("T = '{}'\n", github_token(2)));
    d.write("lib/gh.py", format!("T = '{}'\n", github_token(2)));
    // The allowlist added to gitleaks's generic-api-key: leakhound's generic rules.
    d.write(
        "generated/client.py",
        "DB_PASSWORD = \"kQ9vZ2mX7wLp4RtN\"\n",
    );
    d.write("src/settings.py", "DB_PASSWORD = \"kQ9vZ2mX7wLp4RtN\"\n");
    let o = scan_json(&d);
    let got = found(&o);
    for want in [
        ("acme-db-token", "src/db.py"),
        ("acme-db-token", "tests/db2.py"),
        ("github-pat-classic", "lib/gh.py"),
    ] {
        assert!(
            got.contains(&(want.0.into(), want.1.into())),
            "{want:?} in {got:?}"
        );
    }
    for (_, path) in &got {
        assert!(
            ![
                "tests/db.py",
                "vendor/lib/db.py",
                "vendor/lib/gh.py",
                "generated/client.py"
            ]
            .contains(&path.as_str()),
            "{path} in {got:?}"
        );
    }
    assert!(
        got.iter()
            .any(|(r, p)| r.starts_with("generic-") && p == "src/settings.py"),
        "{got:?}"
    );
}

#[test]
fn converting_writes_to_stdout_refuses_to_overwrite_and_names_bad_files() {
    let d = Dir::new();
    let o = from_gitleaks(&d, "v8-0-style.toml", &[]);
    assert!(o.status.success());
    assert!(
        stdout(&o).contains("[[rules]]\nid = \"internal-token\""),
        "{}",
        stdout(&o)
    );
    d.write(".leakhound.toml", "# mine\n");
    let o = from_gitleaks(&d, "v8-0-style.toml", &["-o", ".leakhound.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("already exists (--force replaces it)"),
        "{}",
        stderr(&o)
    );
    let o = from_gitleaks(&d, "v8-0-style.toml", &["-o", ".leakhound.toml", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let written = std::fs::read_to_string(d.path().join(".leakhound.toml")).unwrap();
    assert!(written.contains("internal-token"));
    // The default file name, and a file that is not TOML.
    d.write(".gitleaks.toml", "[[rules]\nid = 1\n");
    let o = d.cmd().args(["config", "from-gitleaks"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains(".gitleaks.toml:1:"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

fn warnings_of(v: &Value) -> Vec<(String, String)> {
    v["summary"]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["kind"] == "gitleaksignore")
        .map(|w| {
            (
                w["subject"].as_str().unwrap().to_string(),
                w["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn gitleaksignore_fingerprints_suppress_their_finding_and_the_rest_are_named() {
    let d = Dir::new();
    d.write(
        "src/a.py",
        format!("A = '{}'\nB = '{}'\n", github_token(0), github_token(1)),
    );
    d.write("src/c.py", format!("C = '{}'\n", github_token(2)));
    let commit = "0123456789abcdef0123456789abcdef01234567";
    d.write(
        ".gitleaksignore",
        format!(
            "# accepted under gitleaks\n\
             src/a.py:github-pat:2\n\
             src/c.py:aws-access-token:1\n\
             src/c.py:github-pat:5\n\
             old.py:my-custom-rule:3\n\
             {commit}:src/a.py:github-pat:1\n\
             garbage\r\n"
        ),
    );
    let o = scan_json(&d);
    let v = json_of(&o);
    let lines: Vec<(String, u64)> = locations(&v)
        .iter()
        .map(|l| {
            (
                l["path"].as_str().unwrap().into(),
                l["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(lines, [("src/a.py".into(), 1), ("src/c.py".into(), 1)]);
    assert_eq!(v["summary"]["suppressed"]["gitleaksignore"], 1);
    let w = warnings_of(&v);
    let subjects: Vec<&str> = w.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        subjects,
        [
            ".gitleaksignore",
            ".gitleaksignore:3",
            ".gitleaksignore:4",
            ".gitleaksignore:5",
            ".gitleaksignore:7"
        ],
        "{w:?}"
    );
    assert!(w[0].1.contains("1 history fingerprint"), "{w:?}");
    assert!(
        w[1].1
            .contains("no leakhound finding of the aws rules at src/c.py:1"),
        "{w:?}"
    );
    assert!(w[3].1.contains("config from-gitleaks"), "{w:?}");
    assert!(w[4].1.contains("not a gitleaks fingerprint"), "{w:?}");
    // Text: each line on stderr, the count in the summary.
    let o = d.cmd().arg("scan").output().unwrap();
    let err = stderr(&o);
    assert!(
        err.contains(
            "leakhound: warning: .gitleaksignore:4: 'src/c.py:github-pat:5' is not mapped"
        ),
        "{err}"
    );
    assert!(err.contains("1 location by .gitleaksignore"), "{err}");
    // SARIF: the same warnings as notifications.
    let o = d
        .cmd()
        .args(["scan", "--format", "sarif"])
        .output()
        .unwrap();
    let sarif = json_of(&o);
    validate_sarif(&sarif);
    let notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(
        notes
            .iter()
            .filter(|n| n["properties"]["kind"] == "gitleaksignore")
            .count(),
        5
    );
    // `--no-config` reads neither .leakhound.toml nor .gitleaksignore.
    let o = d
        .cmd()
        .args(["scan", "--no-config", "--format", "json"])
        .output()
        .unwrap();
    let v = json_of(&o);
    assert_eq!(locations(&v).len(), 3);
    assert!(warnings_of(&v).is_empty());
}

#[test]
fn gitleaksignore_paths_are_relative_to_the_scan_root() {
    let d = Dir::new();
    d.write("proj/src/a.py", format!("A = '{}'\n", github_token(0)));
    d.write("proj/.gitleaksignore", "src/a.py:github-pat:1\n");
    let o = d
        .cmd()
        .args(["scan", "proj", "--format", "json"])
        .output()
        .unwrap();
    let v = json_of(&o);
    assert_eq!(locations(&v).len(), 0, "{}", stdout(&o));
    assert_eq!(v["summary"]["suppressed"]["gitleaksignore"], 1);
    assert!(warnings_of(&v).is_empty());
}

#[test]
fn gitleaksignore_commit_fingerprints_apply_to_history() {
    let r = Repo::new();
    r.write("a.py", format!("A = '{}'\n", github_token(0)));
    let first = r.commit("add a", "2021-06-01T00:00:00Z", "Tester");
    r.write("b.py", format!("B = '{}'\n", github_token(1)));
    r.commit("add b", "2021-06-02T00:00:00Z", "Tester");
    let o = r.leakhound(&["git", "--format", "json"]);
    assert_eq!(locations(&json_of(&o)).len(), 2);
    // The commit form for a.py, the global form for b.py, and a commit that did not
    // add b.py.
    r.write(
        ".gitleaksignore",
        format!("{first}:a.py:github-pat:1\nb.py:github-pat:1\n{first}:b.py:github-pat:1\n"),
    );
    let o = r.leakhound(&["git", "--format", "json"]);
    let v = json_of(&o);
    assert_eq!(locations(&v).len(), 0, "{}", stdout(&o));
    assert_eq!(v["summary"]["suppressed"]["gitleaksignore"], 2);
    let w = warnings_of(&v);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].0, ".gitleaksignore:3");
    assert!(
        w[0].1
            .contains("no leakhound finding of the github rules at b.py:1"),
        "{w:?}"
    );
}

#[test]
fn a_location_the_baseline_also_accepts_counts_for_gitleaksignore() {
    let d = Dir::new();
    d.write("a.py", format!("A = '{}'\n", github_token(0)));
    let o = d
        .cmd()
        .args(["baseline", "create", "base.json", "scan", "a.py"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    d.write(".gitleaksignore", "a.py:github-pat:1\n");
    let o = d
        .cmd()
        .args([
            "scan",
            "a.py",
            "--baseline",
            "base.json",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v = json_of(&o);
    assert_eq!(v["summary"]["suppressed"]["gitleaksignore"], 1);
    assert_eq!(v["summary"]["suppressed"]["baseline"], 0);
    assert!(warnings_of(&v).is_empty(), "{:?}", warnings_of(&v));
}
