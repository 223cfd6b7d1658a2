//! The one `finish` step: mode filters, suppression counts, baseline, grouping,
//! at-HEAD status and the sort, in that order, for every command; typed warnings in
//! every format.

use super::*;

/// A fake Stripe test key (rule `stripe-test-secret-key`, severity low).
fn stripe_test_key(n: u32) -> String {
    format!("sk_test_{n:02}Xq7LmP2vR9tK4wZ8yB3nC6dF")
}

/// The primary path of each finding, in report order.
fn paths(v: &Value) -> Vec<&str> {
    let findings = v["findings"].as_array().unwrap();
    findings
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect()
}

/// Runs leakhound in `d` with `args`.
fn run(d: &Dir, args: &[&str]) -> Output {
    d.cmd().args(args).output().unwrap()
}

/// The baseline hides a secret's first location: its next location becomes its
/// primary one, and the report is in order of the primary locations that remain.
#[test]
fn order_holds_after_the_baseline_removes_a_primary_location() {
    let d = Dir::new();
    let (x, y) = (github_token(0), github_token(1));
    // Accept x in a.txt only: the baseline is made when a.txt is all there is.
    d.write("src/a.txt", format!("x = {x}\n"));
    let o = run(
        &d,
        &["baseline", "create", "baseline.json", "scan", "-q", "src"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    d.write("src/b.txt", format!("y = {y}\n"));
    d.write("src/z.txt", format!("x = {x}\n"));
    let v = json_of(&run(&d, &["scan", "-q", "--format", "json", "src"]));
    assert_eq!(paths(&v), ["src/a.txt", "src/b.txt"], "{v}");
    let o = run(
        &d,
        &[
            "scan",
            "-q",
            "--format",
            "json",
            "--baseline",
            "baseline.json",
            "src",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json_of(&o);
    assert_eq!(paths(&v), ["src/b.txt", "src/z.txt"], "{v}");
    assert_eq!(v["summary"]["suppressed"]["baseline"], 1);
    assert_eq!(v["summary"]["suppressed"]["baseline_secrets"], 1);
}

/// `staged` reports added lines only, so it counts only the suppressions there: a
/// marked secret on a line committed long ago is not "suppressed" by this commit.
#[test]
fn staged_counts_suppressions_on_added_lines_only() {
    let repo = Repo::new();
    let old = github_token(0);
    repo.write("app.py", format!("OLD = '{old}'  # leakhound:allow\n"));
    repo.commit("first", "2023-01-01T00:00:00Z", "Ann");
    repo.write(
        "app.py",
        format!("OLD = '{old}'  # leakhound:allow\nNAME = 'x'\n"),
    );
    repo.git(&["add", "app.py"]);
    let o = repo.leakhound(&["staged", "-q", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json_of(&o);
    assert_eq!(v["summary"]["suppressed"]["inline"], 0, "{v}");

    // A marked secret on an added line is counted.
    repo.write(
        "app.py",
        format!(
            "OLD = '{old}'  # leakhound:allow\nNAME = 'x'\nNEW = '{}'  # leakhound:allow\n",
            github_token(1)
        ),
    );
    repo.git(&["add", "app.py"]);
    let v = json_of(&repo.leakhound(&["staged", "-q", "--format", "json"]));
    assert_eq!(v["summary"]["suppressed"]["inline"], 1, "{v}");
}

/// History is sorted by urgency, the same order the playbook uses: at HEAD first,
/// then severity, then longest exposed (not the order the commits came in).
#[test]
fn history_is_in_the_playbooks_order_of_urgency() {
    let repo = Repo::new();
    repo.write("low.txt", format!("k = {}\n", stripe_test_key(1)));
    repo.commit("low first", "2020-01-01T00:00:00Z", "Ann");
    repo.write("high.txt", format!("t = {}\n", github_token(3)));
    repo.commit("critical later", "2022-01-01T00:00:00Z", "Ann");
    let o = repo.leakhound(&["git", "-q", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json_of(&o);
    assert_eq!(paths(&v), ["high.txt", "low.txt"], "{v}");
    let md = stdout(&repo.leakhound(&["git", "-q", "--format", "markdown"]));
    let (hi, lo) = (md.find("high.txt").unwrap(), md.find("low.txt").unwrap());
    assert!(hi < lo, "{md}");
}

/// Warnings are typed: JSON lists them with their kind and counts them by kind,
/// SARIF reports them as tool execution notifications, the summary line counts them.
#[cfg(unix)]
#[test]
fn warnings_reach_json_sarif_and_the_summary() {
    use std::os::unix::fs::symlink;
    let d = Dir::new();
    d.write("sub/a.txt", "nothing\n");
    symlink(d.path().join("sub"), d.path().join("sub/again")).unwrap();
    let o = run(&d, &["scan", "--follow", "--format", "json", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json_of(&o);
    let w = &v["summary"]["warnings"];
    assert_eq!(w.as_array().unwrap().len(), 1, "{v}");
    assert_eq!(w[0]["kind"], "link-loop");
    assert!(w[0]["subject"].as_str().unwrap().contains("again"), "{w}");
    assert_eq!(v["summary"]["warnings_by_kind"]["link-loop"], 1);
    assert_eq!(v["summary"]["unreadable"], 0);
    let err = stderr(&o);
    assert!(err.contains("leakhound: warning: "), "{err}");
    assert!(err.contains("1 warning (1 link-loop)"), "{err}");

    let o = run(&d, &["scan", "--follow", "-q", "--format", "sarif", "."]);
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    let inv = &doc["runs"][0]["invocations"][0];
    let notes = inv["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1, "{inv}");
    assert_eq!(notes[0]["level"], "warning");
    assert_eq!(notes[0]["descriptor"]["id"], "leakhound/link-loop");
    assert_eq!(notes[0]["properties"]["kind"], "link-loop");
    // A warning is not a missed input: the scan is complete.
    assert_eq!(inv["executionSuccessful"], true);
    validate_sarif(&doc);
}

/// "Still at HEAD" is a fact about the secret: when the baseline accepts its copy at
/// HEAD, the copy reported (in a deleted file) is still said to be at HEAD.
#[test]
fn a_baseline_does_not_move_a_secret_out_of_head() {
    let repo = Repo::new();
    let x = github_token(5);
    repo.write("old.txt", format!("x = {x}\n"));
    repo.commit("first", "2022-01-01T00:00:00Z", "Ann");
    std::fs::remove_file(repo.path().join("old.txt")).unwrap();
    // Another blob (other text around the secret), so only the secret ties them.
    repo.write("a.txt", format!("key = {x}\n"));
    repo.commit("move", "2022-02-01T00:00:00Z", "Ann");
    // Accept the copy in a.txt: a working-tree baseline has the same fingerprint.
    let o = repo.leakhound(&["baseline", "create", "b.json", "scan", "-q", "a.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = repo.leakhound(&["git", "-q", "--format", "json", "--baseline", "b.json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json_of(&o);
    assert_eq!(paths(&v), ["old.txt"], "{v}");
    assert_eq!(v["findings"][0]["still_at_head"], true, "{v}");
}

/// Staged findings name no blob (JSON `blob` is for history scans).
#[test]
fn staged_locations_name_no_blob() {
    let repo = Repo::new();
    repo.write("app.py", format!("K = '{}'\n", github_token(6)));
    repo.git(&["add", "app.py"]);
    let v = json_of(&repo.leakhound(&["staged", "-q", "--format", "json"]));
    let loc = &v["findings"][0]["locations"][0];
    assert_eq!(loc["path"], "app.py", "{v}");
    assert!(loc.get("blob").is_none(), "{v}");
}
