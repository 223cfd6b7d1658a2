//! Exit codes and basic behaviour: clean and leaking trees, the summary and `-q`, a
//! missing path or a bad flag, checksums, stdin and `--output`.

use super::*;

#[test]
fn clean_tree_exits_zero_and_quiet_prints_nothing() {
    let d = Dir::new();
    d.write("src/main.py", "print('hello')\npassword_min_length = 8\n");
    let o = d.cmd().args(["scan", "-q", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
}

#[test]
fn summary_on_stderr_when_not_quiet() {
    let d = Dir::new();
    d.write("a.txt", "nothing\n");
    let o = d.cmd().args(["scan"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(err.contains("no leaks found"), "{err}");
    assert!(err.contains("scanned 1 file"), "{err}");
}

#[test]
fn leak_exits_one_and_exit_code_is_configurable() {
    let d = Dir::new();
    d.write("config.py", format!("TOKEN = \"{}\"\n", github_token(0)));
    let o = d.cmd().args(["scan", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("config.py:1:10"), "{out}");
    assert!(out.contains("github-pat-classic"), "{out}");
    assert!(out.contains("fix:"), "{out}");
    let o = d
        .cmd()
        .args(["scan", "--exit-code", "7", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(7));
    let o = d
        .cmd()
        .args(["scan", "--exit-code", "0", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn missing_path_is_a_one_line_error_with_exit_two() {
    let d = Dir::new();
    let o = d.cmd().args(["scan", "no/such/dir"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no/such/dir"), "{err}");
}

#[test]
fn bad_flag_exits_two() {
    let o = leakhound()
        .args(["scan", "--format", "xml"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = leakhound()
        .args(["scan", "--max-file-size", "ten"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn wrong_checksum_is_not_reported() {
    let d = Dir::new();
    let mut tok = github_token(1);
    let last = tok.pop().unwrap();
    tok.push(if last == 'a' { 'b' } else { 'a' });
    d.write("x.env", format!("GH={tok}\n"));
    let o = d.cmd().args(["scan", "-q", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn age_key_bech32_checksum_is_checked() {
    // A fake identity whose Bech32 checksum verifies, and the same with one data
    // character changed.
    let good = "AGE-SECRET-KEY-164S3S2VPRXX0T3X7RN8EMWL04MSNA35AANFRJN6REK7R4HSXC98RSFUMSF";
    let bad = "AGE-SECRET-KEY-164S3S2VPRXX0T3Q7RN8EMWL04MSNA35AANFRJN6REK7R4HSXC98RSFUMSF";
    let d = Dir::new();
    d.write("good/keys.txt", format!("{good}\n"));
    d.write("bad/keys.txt", format!("{bad}\n"));
    let o = d
        .cmd()
        .args(["scan", "--format", "json", "good"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let v = json_of(&o);
    assert_eq!(v["findings"][0]["rule_id"], "age-secret-key");
    assert_eq!(v["findings"][0]["confidence_reason"], "checksum verified");
    let o = d.cmd().args(["scan", "-q", "bad"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn stdin_is_scanned_with_dash() {
    let o = leakhound()
        .args(["scan", "--format", "json", "-"])
        .write_stdin(format!(
            "line one\nexport GITHUB_TOKEN={}\n",
            github_token(2)
        ))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let v = json_of(&o);
    assert_eq!(v["findings"][0]["path"], "<stdin>");
    assert_eq!(v["findings"][0]["line"], 2);
    assert_eq!(v["findings"][0]["column"], 21);
}

#[test]
fn output_flag_writes_the_report_to_a_file() {
    let d = Dir::new();
    d.write("a.sh", format!("export T={}\n", github_token(0)));
    let o = d
        .cmd()
        .args([
            "scan",
            "-q",
            "--format",
            "json",
            "--output",
            "report.json",
            "a.sh",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let v: Value =
        serde_json::from_slice(&std::fs::read(d.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    let o = d
        .cmd()
        .args(["scan", "--output", "no/such/dir/r.json", "a.sh"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/dir/r.json"), "{}", stderr(&o));
}
