//! The formats CI tools read (`jsonl`, `csv`, `junit`, `gitlab`, `github`) and
//! `--report FORMAT=FILE`: snapshots on the demo fixtures, redaction, escaping, and the
//! extra reports a single scan writes.

use super::*;

/// A tree with one GitHub token in `app.py`.
fn one_token_tree() -> (Dir, String) {
    let d = Dir::new();
    let token = github_token(0);
    d.write("app.py", format!("TOKEN = \"{token}\"\n"));
    (d, token)
}

#[test]
fn report_writes_extra_formats_from_one_scan() {
    let (d, token) = one_token_tree();
    let o = d
        .cmd()
        .args([
            "scan",
            "-q",
            "--format",
            "text",
            "--report",
            "json=out.json",
            "--report",
            "sarif=out.sarif",
            "app.py",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("github-pat-classic"), "{}", stdout(&o));
    let json = std::fs::read_to_string(d.path().join("out.json")).unwrap();
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(d.path().join("out.sarif")).unwrap())
            .unwrap();
    validate_sarif(&sarif);
    assert!(!json.contains(&token));
    // The extra report is the report its format would print.
    let alone = d
        .cmd()
        .args(["scan", "-q", "--format", "json", "app.py"])
        .output()
        .unwrap();
    assert_eq!(json, stdout(&alone));
}

#[test]
fn report_with_show_secrets_is_owner_only() {
    let (d, token) = one_token_tree();
    let o = d
        .cmd()
        .args([
            "scan",
            "-q",
            "--show-secrets",
            "--format",
            "json",
            "--report",
            "json=clear.json",
            ".",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let clear = std::fs::read_to_string(d.path().join("clear.json")).unwrap();
    assert!(clear.contains(&token));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(d.path().join("clear.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
}

#[test]
fn report_flag_errors_are_one_line_and_exit_2() {
    let (d, _) = one_token_tree();
    for (arg, want) in [
        ("xml=out.xml", "unknown format 'xml'"),
        ("sarif", "is not FORMAT=FILE"),
        ("sarif=", "no file after '='"),
    ] {
        let o = d
            .cmd()
            .args(["scan", "--report", arg, "."])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{arg}: {}", stderr(&o));
        let err = stderr(&o);
        let first = err.lines().next().unwrap_or_default();
        assert!(first.contains(want), "{arg}: {err}");
        assert!(first.contains("--report"), "{arg}: {err}");
    }
    assert!(!d.path().join("out.xml").exists());
}

#[test]
fn two_outputs_in_one_file_are_refused_before_the_scan() {
    let (d, _) = one_token_tree();
    std::fs::create_dir(d.path().join("sub")).unwrap();
    // A link to a file not written yet (where links can be made).
    #[cfg(unix)]
    std::os::unix::fs::symlink("r.json", d.path().join("link.json")).unwrap();
    for args in [
        &["-o", "r.json", "--report", "sarif=./r.json"][..],
        &["--report", "json=r.json", "--report", "sarif=r.json"][..],
        &["--report", "json=r.json", "--replace-text-file", "r.json"][..],
        // Spelled differently, and not written yet: its directory decides.
        &["-o", "r.json", "--report", "csv=sub/../r.json"][..],
        #[cfg(unix)]
        &["-o", "r.json", "--report", "csv=link.json"][..],
    ] {
        let o = d.cmd().arg("scan").args(args).arg(".").output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert_orderly(&o);
        assert!(
            stderr(&o).contains(".json: named by both"),
            "{}",
            stderr(&o)
        );
        assert!(!d.path().join("r.json").exists(), "{args:?}");
    }
}

#[test]
fn a_report_that_cannot_be_written_is_an_error_naming_it() {
    let (d, _) = one_token_tree();
    d.write("keep.json", "old\n");
    let o = d
        .cmd()
        .args(["scan", "-q", "--report", "json=missing/dir/out.json", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_orderly(&o);
    assert!(
        stderr(&o).contains("missing/dir/out.json: cannot create report file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn report_works_for_git_and_staged() {
    let r = Repo::new();
    let token = github_token(1);
    r.write("config.py", format!("KEY = \"{token}\"\n"));
    let sha = r.commit("add config", "2021-06-01T00:00:00Z", "Tester");
    let o = r.leakhound(&["git", "-q", "--report", "json=h.json", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(r.path().join("h.json")).unwrap()).unwrap();
    assert_eq!(v["findings"][0]["commit"]["id"], sha.as_str());

    r.write("more.py", format!("KEY2 = \"{}\"\n", github_token(2)));
    r.git(&["add", "more.py"]);
    let o = r.leakhound(&["staged", "-q", "--report", "json=s.json", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(r.path().join("s.json")).unwrap()).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["findings"][0]["path"], "more.py");
}

#[test]
fn baseline_create_refuses_report() {
    let (d, _) = one_token_tree();
    let o = d
        .cmd()
        .args([
            "baseline",
            "create",
            "b.json",
            "scan",
            "--report",
            "json=r.json",
            ".",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--report cannot be used"),
        "{}",
        stderr(&o)
    );
    assert!(!d.path().join("r.json").exists());
}

// ---------------------------------------------------------------------------------
// Snapshots on the demo fixtures

#[test]
fn snapshot_jsonl() {
    insta::assert_snapshot!("demo_jsonl", demo("jsonl"));
}

#[test]
fn snapshot_csv() {
    insta::assert_snapshot!("demo_csv", demo("csv"));
}

#[test]
fn snapshot_junit() {
    insta::assert_snapshot!("demo_junit", demo("junit"));
}

#[test]
fn snapshot_github() {
    insta::assert_snapshot!("demo_github", demo("github"));
}

#[test]
fn snapshot_gitlab() {
    let mut v: Value = serde_json::from_str(&demo("gitlab")).unwrap();
    validate_gitlab(&v);
    // The start is the scan date less the time the scan took, which varies.
    assert_eq!(v["scan"]["end_time"], "2024-01-01T00:00:00");
    v["scan"]["start_time"] = Value::from("[START]");
    insta::assert_snapshot!("demo_gitlab", serde_json::to_string_pretty(&v).unwrap());
}

// ---------------------------------------------------------------------------------
// Redaction: no format shows a secret unless --show-secrets, and every one does with it

const CI_FORMATS: [&str; 5] = ["jsonl", "csv", "junit", "gitlab", "github"];

#[test]
fn ci_formats_redact_unless_show_secrets() {
    let (d, token) = one_token_tree();
    let summary = d.path().join("summary.md");
    for format in CI_FORMATS {
        let o = d
            .cmd()
            .env("GITHUB_STEP_SUMMARY", &summary)
            .args(["scan", "-q", "--format", format, "."])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{format}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("github-pat-classic"), "{format}: {out}");
        assert!(!out.contains(&token), "{format} shows the secret: {out}");
        assert!(!stderr(&o).contains(&token), "{format}");

        let o = d
            .cmd()
            .env("GITHUB_STEP_SUMMARY", &summary)
            .args(["scan", "-q", "--show-secrets", "--format", format, "."])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{format}: {}", stderr(&o));
        assert!(
            stdout(&o).contains(&token),
            "{format} hides the secret under --show-secrets: {}",
            stdout(&o)
        );
    }
    // The job summary is public to whoever sees the run: redacted even then.
    let table = std::fs::read_to_string(&summary).unwrap();
    assert!(table.contains("github-pat-classic"), "{table}");
    assert!(!table.contains(&token), "{table}");
}

// ---------------------------------------------------------------------------------
// JSON Lines

#[test]
fn jsonl_is_one_object_a_line_ending_with_the_summary() {
    let d = Dir::new();
    d.write("a.py", format!("A = \"{}\"\n", github_token(0)));
    d.write("b.py", format!("B = \"{}\"\n", github_token(1)));
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "jsonl", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[..2].iter().all(|l| l["type"] == "finding"));
    assert_eq!(lines[0]["path"], "a.py");
    assert_eq!(lines[1]["path"], "b.py");
    let last = &lines[2];
    assert_eq!(last["type"], "summary");
    assert_eq!(last["findings"], 2);
    assert_eq!(last["complete"], true);
    assert_eq!(last["tool"]["name"], "leakhound");
    // A finding line is the JSON report's finding, with `type`.
    let json = d
        .cmd()
        .args(["scan", "-q", "--format", "json", "."])
        .output()
        .unwrap();
    let mut first = lines[0].clone();
    first.as_object_mut().unwrap().remove("type");
    assert_eq!(first, json_of(&json)["findings"][0]);

    // A clean scan is one summary line.
    let clean = Dir::new();
    clean.write("readme.txt", "nothing\n");
    let o = clean
        .cmd()
        .args(["scan", "-q", "--format", "jsonl", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with(r#"{"type":"summary""#), "{out}");
}

// ---------------------------------------------------------------------------------
// An incomplete scan is visible in every CI format

#[test]
fn ci_formats_show_an_incomplete_scan() {
    let repo = Repo::new();
    repo.write("leak.py", format!("t = '{}'\n", github_token(0)));
    repo.write("clean.txt", "nothing to see here\n");
    repo.commit("two files", "2022-01-01T00:00:00Z", "Ann");
    let blob = repo.git(&["rev-parse", "HEAD:clean.txt"]);
    let path = repo
        .path()
        .join(format!(".git/objects/{}/{}", &blob[..2], &blob[2..]));
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&path, perms).unwrap();
    let whole = std::fs::read(&path).unwrap();
    std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();

    let run = |format: &str| {
        let o = repo.leakhound(&["git", "-q", "--format", format, "."]);
        assert_eq!(o.status.code(), Some(2), "{format}: {}", stderr(&o));
        assert!(stderr(&o).contains("clean.txt"), "{format}: {}", stderr(&o));
        stdout(&o)
    };
    let jsonl = run("jsonl");
    let last: Value = serde_json::from_str(jsonl.lines().last().unwrap()).unwrap();
    assert_eq!(last["type"], "summary");
    assert_eq!(last["complete"], false);
    assert!(
        last["missed"][0]["name"]
            .as_str()
            .unwrap()
            .contains("clean.txt")
    );

    let junit = run("junit");
    assert!(junit.contains(r#"errors="1""#), "{junit}");
    assert!(junit.contains(r#"<error type="not scanned""#), "{junit}");
    assert!(junit.contains("clean.txt"), "{junit}");

    let gitlab: Value = serde_json::from_str(&run("gitlab")).unwrap();
    validate_gitlab(&gitlab);
    assert_eq!(gitlab["scan"]["status"], "failure");
    let message = gitlab["scan"]["messages"][0]["value"].as_str().unwrap();
    assert!(message.contains("clean.txt"), "{message}");

    let github = run("github");
    assert!(
        github.lines().any(
            |l| l.starts_with("::warning title=leakhound%3A not scanned::")
                && l.contains("clean.txt")
        ),
        "{github}"
    );
}

// ---------------------------------------------------------------------------------
// CSV

/// Parses RFC 4180 CSV with the `csv` crate (the reader, which the writer does not use).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[cfg(unix)]
#[test]
fn csv_quotes_odd_paths_and_guards_formulas() {
    let d = Dir::new();
    let token = github_token(0);
    let names = [
        "with, comma.py",
        "with \"quote\".py",
        "with\nnewline.py",
        "=HYPERLINK(1).py",
        "@cmd.py",
        "-minus.py",
    ];
    for name in names {
        d.write(name, format!("T = \"{token}\"\n"));
    }
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "csv", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.ends_with("\r\n"), "{text:?}");
    let rows = csv_rows(&text);
    assert_eq!(rows[0][0], "rule_id");
    let path_col = rows[0].iter().position(|h| h == "path").unwrap();
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
    let mut paths: Vec<&str> = rows[1..].iter().map(|r| r[path_col].as_str()).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "'-minus.py",
            "'=HYPERLINK(1).py",
            "'@cmd.py",
            "with\nnewline.py",
            "with \"quote\".py",
            "with, comma.py",
        ]
    );
    let secret_col = rows[0].iter().position(|h| h == "secret").unwrap();
    assert!(rows[1..].iter().all(|r| r[secret_col].is_empty()));
}

// ---------------------------------------------------------------------------------
// JUnit

#[cfg(unix)]
#[test]
fn junit_escapes_markup_and_control_characters() {
    let d = Dir::new();
    let token = github_token(0);
    d.write("a<b>&\"c'.py", format!("T = \"{token}\"\n"));
    d.write("ctl\u{1}\u{1b}[31m.py", format!("T = \"{token}\"\n"));
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "junit", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let xml = stdout(&o);
    assert!(xml.starts_with(r#"<?xml version="1.0" encoding="UTF-8"?>"#));
    assert!(xml.contains("a&lt;b&gt;&amp;&quot;c&apos;.py"), "{xml}");
    assert!(xml.contains(r"ctl\u{1}\u{1b}[31m.py"), "{xml}");
    // Nothing XML 1.0 forbids.
    assert!(
        !xml.chars()
            .any(|c| (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')),
        "{xml:?}"
    );
    assert!(xml.contains(r#"failures="1""#), "{xml}");
    assert_eq!(xml.matches("<testcase ").count(), 1, "{xml}");

    // Clean: one passing test case.
    let clean = Dir::new();
    clean.write("readme.txt", "nothing\n");
    let o = clean
        .cmd()
        .args(["scan", "-q", "--format", "junit", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let xml = stdout(&o);
    assert!(
        xml.contains(r#"<testcase classname="leakhound" name="no secrets found"/>"#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"tests="1" failures="0" errors="0""#),
        "{xml}"
    );
}

// ---------------------------------------------------------------------------------
// GitLab

/// Validates a `--format gitlab` document against GitLab's published schema.
pub(super) fn validate_gitlab(doc: &Value) {
    let schema: Value = serde_json::from_slice(
        &std::fs::read(
            repo_root().join("fixtures/schemas/secret-detection-report-format-15.2.1.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(schema["self"]["version"], doc["version"]);
    let validator = jsonschema::draft7::new(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "GitLab report invalid:\n{}",
        errors.join("\n")
    );
}

#[test]
fn gitlab_report_of_a_history_scan_names_the_commit() {
    let r = Repo::new();
    let token = github_token(1);
    r.write("deploy/config.py", format!("KEY = \"{token}\"\n"));
    let sha = r.commit("add config", "2021-06-01T00:00:00Z", "Tester");
    r.write("deploy/config.py", "KEY = os.environ['KEY']\n");
    r.commit("remove key", "2021-06-02T00:00:00Z", "Tester");
    let o = r.leakhound(&["git", "-q", "--format", "gitlab", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json_of(&o);
    validate_gitlab(&v);
    let vuln = &v["vulnerabilities"][0];
    assert_eq!(vuln["category"], "secret_detection");
    assert_eq!(vuln["location"]["file"], "deploy/config.py");
    assert_eq!(vuln["location"]["start_line"], 1);
    assert_eq!(vuln["location"]["commit"]["sha"], sha.as_str());
    assert_eq!(vuln["identifiers"][0]["value"], "github-pat-classic");
    assert!(
        !vuln["raw_source_code_extract"]
            .as_str()
            .unwrap()
            .contains(&token)
    );
    // The id is the fingerprint, as in the JSON report: stable from run to run.
    let json = r.leakhound(&["git", "-q", "--format", "json", "."]);
    assert_eq!(vuln["id"], json_of(&json)["findings"][0]["fingerprint"]);
    assert_eq!(v["scan"]["status"], "success");
}

#[test]
fn gitlab_report_of_a_clean_scan_is_valid() {
    let clean = Dir::new();
    clean.write("readme.txt", "nothing\n");
    let o = clean
        .cmd()
        .args(["scan", "-q", "--format", "gitlab", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json_of(&o);
    validate_gitlab(&v);
    assert_eq!(v["vulnerabilities"], serde_json::json!([]));
}

// ---------------------------------------------------------------------------------
// GitHub

#[test]
fn github_annotations_escape_properties_and_data() {
    let d = Dir::new();
    let token = github_token(0);
    d.write("a,b:c%d.py", format!("T = \"{token}\"\n"));
    let o = d
        .cmd()
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["scan", "-q", "--format", "github", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let line = out.lines().next().unwrap();
    assert!(
        line.starts_with(
            "::error file=a%2Cb%3Ac%25d.py,line=1,endLine=1,col=6,endColumn=46,title=leakhound%3A "
        ),
        "{line}"
    );
    assert!(line.contains("::GitHub"), "{line}");
    assert_eq!(out.lines().count(), 1, "{out}");
}

#[test]
fn github_step_summary_is_appended_not_replaced() {
    let r = Repo::new();
    let token = github_token(2);
    r.write("app.py", format!("KEY = \"{token}\"\n"));
    let sha = r.commit("add key", "2021-06-01T00:00:00Z", "Tester");
    let summary = r.path().join("summary.md");
    std::fs::write(&summary, "## Earlier step\n\n").unwrap();
    let o = leakhound()
        .current_dir(r.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args([
            "git",
            "-q",
            "--format",
            "github",
            "--report",
            "sarif=out.sarif",
            ".",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    validate_sarif(
        &serde_json::from_str(&std::fs::read_to_string(r.path().join("out.sarif")).unwrap())
            .unwrap(),
    );
    let out = stdout(&o);
    assert!(out.starts_with("::error file=app.py,line=1,"), "{out}");
    let table = std::fs::read_to_string(&summary).unwrap();
    assert!(
        table.starts_with("## Earlier step\n\n### leakhound git\n"),
        "{table}"
    );
    assert!(table.contains("| Rule | Severity | Location | Commit | Secret | What to do |"));
    let row = table
        .lines()
        .find(|l| l.starts_with("| github-pat-classic"))
        .unwrap_or_else(|| panic!("{table}"));
    assert!(row.contains("app.py:1"), "{row}");
    assert!(row.contains(&sha[..12]), "{row}");
    assert!(row.contains("still at HEAD"), "{row}");
    assert!(!table.contains(&token));

    // Only a github report writes the summary.
    let before = std::fs::read_to_string(&summary).unwrap();
    let o = leakhound()
        .current_dir(r.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["git", "-q", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&summary).unwrap(), before);

    // A clean scan says so.
    let clean = Dir::new();
    clean.write("readme.txt", "nothing\n");
    let clean_summary = clean.path().join("s.md");
    let o = clean
        .cmd()
        .env("GITHUB_STEP_SUMMARY", &clean_summary)
        .args(["scan", "-q", "--format", "github", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    let table = std::fs::read_to_string(&clean_summary).unwrap();
    assert!(table.contains("No secrets found."), "{table}");
}

#[test]
fn rules_list_offers_only_the_formats_it_writes() {
    let o = leakhound()
        .args(["rules", "list", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("[possible values: text, json]"),
        "{}",
        stderr(&o)
    );
    let o = leakhound()
        .args(["rules", "list", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(json_of(&o).as_array().is_some_and(|a| !a.is_empty()));
}
