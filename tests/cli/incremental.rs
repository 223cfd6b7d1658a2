//! `leakhound git --incremental FILE`: blobs recorded by an earlier run are not read
//! again, and the report is what a full scan reports.

use super::*;

/// A history with what a record must carry over: a secret under two paths and in a
/// test, a committed `.env` (a file rule) deleted later, a line marked
/// `leakhound:allow`, a file an allowlist hides, a binary blob and a clean file.
fn audited() -> Repo {
    let repo = Repo::new();
    let (a, b, c) = (github_token(0), github_token(1), github_token(2));
    repo.write(
        ".leakhound.toml",
        "[[allow]]\ndescription = \"examples\"\npaths = [\"docs/**\"]\n",
    );
    repo.write("config.py", format!("DEBUG = False\nTOKEN = \"{a}\"\n"));
    repo.write("tests/fixture.py", format!("TOKEN = \"{a}\"\n"));
    repo.write(
        "allowed.py",
        format!("TOKEN = \"{b}\"  # leakhound:allow\n"),
    );
    repo.write("docs/example.md", format!("export GH={b}\n"));
    repo.write("app/.env", format!("GH={c}\n"));
    let mut bin = b"\0\x01\x02".to_vec();
    bin.extend(github_token(1).as_bytes());
    repo.write("logo.bin", bin);
    repo.write("README.md", "Nothing to see here.\n");
    repo.commit("Start", "2022-01-01T00:00:00Z", "Alice");
    repo.write("config.py", format!("DEBUG = True\nTOKEN = \"{a}\"\n"));
    repo.git(&["mv", "tests/fixture.py", "tests/fixture_a.py"]);
    repo.commit("Debug on", "2022-02-01T00:00:00Z", "Bob");
    std::fs::remove_file(repo.path().join("app/.env")).unwrap();
    repo.commit("Drop the env file", "2022-03-01T00:00:00Z", "Bob");
    repo
}

/// A record of `repo`'s history in `store`, made by a first run: its path.
fn recorded(repo: &Repo, store: &Dir) -> String {
    let record = store.path().join("record.db");
    let record = record.to_str().unwrap().to_string();
    let (_, o) = git_json(repo, &["--incremental", &record]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    record
}

/// The JSON report without what only an incremental run has.
fn without_record(mut v: Value) -> Value {
    if let Some(repo) = v["repository"].as_object_mut() {
        repo.remove("incremental");
    }
    v
}

/// `(blobs_read, blobs_from_record)` of an incremental run's JSON report.
fn reads(v: &Value) -> (u64, u64) {
    let i = &v["repository"]["incremental"];
    (
        i["blobs_read"].as_u64().unwrap(),
        i["blobs_from_record"].as_u64().unwrap(),
    )
}

fn git_json(repo: &Repo, args: &[&str]) -> (Value, Output) {
    let mut all = vec!["git", "-q", "--format", "json"];
    all.extend_from_slice(args);
    let o = repo.leakhound(&all);
    assert_orderly(&o);
    (json_of(&o), o)
}

#[test]
fn a_second_run_over_an_unchanged_repository_reads_no_blob_and_reports_the_same() {
    let repo = audited();
    let store = Dir::new();
    let record = store.path().join("record.db");
    let record = record.to_str().unwrap();
    let (full, o0) = git_json(&repo, &[]);
    assert_eq!(o0.status.code(), Some(1), "{}", stderr(&o0));
    assert!(full["repository"].get("incremental").is_none());
    let blobs = full["repository"]["blobs_scanned"].as_u64().unwrap();

    let (first, o1) = git_json(&repo, &["--incremental", record]);
    let (second, o2) = git_json(&repo, &["--incremental", record]);
    assert_eq!(reads(&first), (blobs, 0));
    assert_eq!(reads(&second), (0, blobs), "the second run read blobs");
    assert_eq!(first["repository"]["incremental"]["started_over"], false);
    assert_eq!((o1.status.code(), o2.status.code()), (Some(1), Some(1)));
    // Everything else is what a full scan reports: findings, locations and their
    // commits, at-HEAD status, counts and suppressions.
    assert_eq!(without_record(first), full);
    assert_eq!(without_record(second.clone()), full);
    let s = &second["summary"];
    assert_eq!(s["suppressed"]["inline"], 1, "{s}");
    assert_eq!(s["suppressed"]["allowlist"], 1, "{s}");
    assert_eq!(s["files_skipped"]["binary"], 1, "{s}");
    let rules: Vec<&str> = second["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"dotenv-file-committed"), "{rules:?}");

    // The text and SARIF reports too, and the text summary says what was read.
    for format in ["text", "sarif"] {
        let fresh = repo.leakhound(&["git", "-q", "--format", format]);
        let again = repo.leakhound(&["git", "--format", format, "--incremental", record]);
        assert_eq!(stdout(&again), stdout(&fresh), "{format}");
        assert_eq!(again.status.code(), fresh.status.code());
        let err = stderr(&again);
        assert!(err.contains(&format!("{blobs} blobs")), "{err}");
        assert!(
            err.contains(&format!("(0 read, {blobs} from the record)")),
            "{err}"
        );
    }
    // A baseline applies to recorded findings as to read ones.
    let baseline = store.path().join("baseline.json");
    let o = repo.leakhound(&[
        "baseline",
        "create",
        baseline.to_str().unwrap(),
        "git",
        "--incremental",
        record,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (v, o) = git_json(
        &repo,
        &[
            "--incremental",
            record,
            "--baseline",
            baseline.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
    assert_eq!(reads(&v), (0, blobs));
}

#[test]
fn new_commits_are_read_and_old_findings_kept_with_their_first_commits() {
    let (repo, store) = (audited(), Dir::new());
    let record = recorded(&repo, &store);
    let record = record.as_str();

    let start = repo.git(&["rev-list", "--max-parents=0", "HEAD"]);
    let a = github_token(0);
    // A branch from the first commit, dated before the second, makes the second's
    // config.py, which the record holds, first appear in it.
    repo.git(&["checkout", "-q", "-b", "hotfix", &start]);
    repo.write("config.py", format!("DEBUG = True\nTOKEN = \"{a}\"\n"));
    let hotfix = repo.commit("Hotfix", "2022-01-15T00:00:00Z", "Carol");
    repo.git(&["checkout", "-q", "main"]);
    // A new blob with a secret, and a recorded blob under a new path.
    repo.write("deploy/settings.py", format!("GITHUB = '{a}'\n"));
    let config = std::fs::read(repo.path().join("config.py")).unwrap();
    repo.write("backup/config.py", config);
    let later = repo.commit("Deploy", "2022-04-01T00:00:00Z", "Dan");

    let (full, _) = git_json(&repo, &[]);
    let (v, o) = git_json(&repo, &["--incremental", record]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let blobs = full["repository"]["blobs_scanned"].as_u64().unwrap();
    // deploy/settings.py is new; config.py's blob is read again for its new path.
    assert_eq!(reads(&v), (2, blobs - 2));
    assert_eq!(without_record(v.clone()), full);
    // Each location is attributed to the commit that introduces it now.
    let found = finding_for(&v, &a);
    let commit_at = |path: &str| {
        let locations = found["locations"].as_array().unwrap();
        let at: Vec<&Value> = locations.iter().filter(|l| l["path"] == path).collect();
        at.iter()
            .map(|l| l["commit"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(commit_at("config.py").contains(&hotfix), "{found}");
    assert_eq!(
        commit_at("deploy/settings.py"),
        std::slice::from_ref(&later)
    );
    assert_eq!(commit_at("backup/config.py"), [later]);
    // And the run after reads nothing.
    let (v, _) = git_json(&repo, &["--incremental", record]);
    assert_eq!(reads(&v), (0, blobs));
}

#[test]
fn other_rules_allowlists_or_flags_begin_the_record_anew() {
    let (repo, store) = (audited(), Dir::new());
    let record = recorded(&repo, &store);
    let record = record.as_str();
    let (base, _) = git_json(&repo, &["--incremental", record]);
    let blobs = base["repository"]["blobs_scanned"].as_u64().unwrap();
    assert_eq!(reads(&base), (0, blobs));

    let rules = store.path().join("extra-rules.toml");
    std::fs::write(&rules, USER_RULE).unwrap();
    let rules = rules.to_str().unwrap();
    let flags: [&[&str]; 3] = [
        &["--no-inline-allow"],
        &["--rules", rules],
        &["--no-config"],
    ];
    for flag in flags {
        let (fresh, _) = git_json(&repo, flag);
        let mut args = vec!["--incremental", record];
        args.extend_from_slice(flag);
        let (v, o) = git_json(&repo, &args);
        assert_eq!(reads(&v), (blobs, 0), "{flag:?}");
        assert_eq!(v["repository"]["incremental"]["started_over"], true);
        assert!(
            stderr(&o).contains("its record was begun anew and every blob read"),
            "{}",
            stderr(&o)
        );
        assert_eq!(without_record(v), fresh, "{flag:?}");
        // The new record serves the same flags.
        let (v, _) = git_json(&repo, &args);
        assert_eq!(reads(&v), (0, blobs), "{flag:?}");
        assert_eq!(without_record(v), fresh, "{flag:?}");
    }
    // An edited allowlist too.
    repo.write(
        ".leakhound.toml",
        "[[allow]]\ndescription = \"examples\"\npaths = [\"docs/**\", \"tests/**\"]\n",
    );
    let (fresh, _) = git_json(&repo, &[]);
    let (v, _) = git_json(&repo, &["--incremental", record]);
    assert_eq!(v["repository"]["incremental"]["started_over"], true);
    assert_eq!(without_record(v), fresh);
    assert_eq!(fresh["summary"]["suppressed"]["allowlist"], 3);
}

#[test]
fn blobs_skipped_for_size_or_unreadable_are_read_again() {
    let repo = Repo::new();
    let (a, b) = (github_token(0), github_token(1));
    repo.write("big.txt", format!("{}\n{a}\n", "x".repeat(8192)));
    repo.write("b.txt", format!("t={b}\n"));
    repo.commit("two", "2023-01-01T00:00:00Z", "Ann");
    let store = Dir::new();
    let record = store.path().join("record.db");
    let record = record.to_str().unwrap();

    let (v, _) = git_json(&repo, &["--incremental", record, "--max-file-size", "4K"]);
    assert_eq!(v["summary"]["files_skipped"]["too_large"], 1);
    assert_eq!(reads(&v), (2, 0));
    let (v, _) = git_json(&repo, &["--incremental", record]);
    assert_eq!(reads(&v), (1, 1), "the large blob is read now");
    assert_eq!(v["findings"].as_array().unwrap().len(), 2);
    // A recorded blob over this run's limit is skipped, as without a record.
    let (fresh, _) = git_json(&repo, &["--max-file-size", "4K"]);
    let (v, _) = git_json(&repo, &["--incremental", record, "--max-file-size", "4K"]);
    assert_eq!(reads(&v), (1, 1));
    assert_eq!(without_record(v), fresh);

    // An unreadable blob is missed, never recorded as clean.
    let other = Repo::new();
    other.write("a.txt", format!("t={a}\n"));
    other.write("b.txt", format!("t={b}\n"));
    other.commit("two", "2023-01-01T00:00:00Z", "Ann");
    let blob = other.git(&["rev-parse", "HEAD:b.txt"]);
    let object = other
        .path()
        .join(format!(".git/objects/{}/{}", &blob[..2], &blob[2..]));
    let kept = std::fs::read(&object).unwrap();
    std::fs::remove_file(&object).unwrap();
    let (v, o) = git_json(&other, &["--incremental", record]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(v["summary"]["unreadable"], 1);
    assert_eq!(reads(&v), (2, 0));
    std::fs::write(&object, kept).unwrap();
    let (v, o) = git_json(&other, &["--incremental", record]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(reads(&v), (1, 1), "the blob missed before is read");
    assert_eq!(v["findings"].as_array().unwrap().len(), 2);

    // A blob whose scan failed (an internal error, injected) is read again.
    let third = Repo::new();
    third.write("a.txt", format!("t={a}\n"));
    third.write("boom.txt", format!("t={b}\n"));
    third.commit("two", "2023-01-01T00:00:00Z", "Ann");
    let o = leakhound()
        .current_dir(third.path())
        .env("LEAKHOUND_TEST_PANIC_ON", "boom")
        .args(["git", "-q", "--format", "json", "--incremental", record])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let v = json_of(&o);
    assert_eq!(v["summary"]["failed"], 1);
    assert_eq!(reads(&v), (2, 0));
    let (v, o) = git_json(&third, &["--incremental", record]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(reads(&v), (1, 1), "the blob whose scan failed is read");
    assert_eq!(v["findings"].as_array().unwrap().len(), 2);
}

#[test]
fn the_record_holds_no_secret_and_secrets_shown_are_read_again() {
    let repo = audited();
    let store = Dir::new();
    let record = store.path().join("record.db");
    let rec = record.to_str().unwrap();
    let (v, _) = git_json(&repo, &["--incremental", rec]);
    let blobs = v["repository"]["blobs_scanned"].as_u64().unwrap();
    let with_findings = 6; // config.py twice, tests/fixture.py, allowed.py, docs, .env
    // --show-secrets needs the secrets: blobs with findings are read, the rest not.
    let (fresh, _) = git_json(&repo, &["--show-secrets"]);
    let (v, _) = git_json(&repo, &["--incremental", rec, "--show-secrets"]);
    assert_eq!(reads(&v), (with_findings, blobs - with_findings));
    assert_eq!(without_record(v), fresh);
    assert!(fresh.to_string().contains(&github_token(0)));

    let stored = std::fs::read(&record).unwrap();
    let holds = |s: &[u8]| stored.windows(s.len()).any(|w| w == s);
    for n in 0..3 {
        let token = github_token(n);
        assert!(!holds(token.as_bytes()), "the record holds {token}");
        // Not its body either (the part no redacted form shows).
        assert!(
            !holds(&token.as_bytes()[4..30]),
            "the record holds part of {token}"
        );
    }
    assert!(holds(b"tests/fixture_a.py"), "the record names paths");
    assert!(holds(secret_hash(&github_token(0)).as_bytes()));
}

#[test]
fn a_file_that_is_not_a_record_is_an_error_and_left_alone() {
    let repo = audited();
    let store = Dir::new();
    let notes = store.path().join("notes.txt");
    std::fs::write(
        &notes,
        "not a database, and much longer than a header\n".repeat(20),
    )
    .unwrap();
    let o = repo.leakhound(&["git", "--incremental", notes.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "leakhound: error: {}: not a leakhound incremental record (not an SQLite database)\n",
            notes.display()
        )
    );
    assert!(stdout(&o).is_empty());
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "not a database, and much longer than a header\n".repeat(20)
    );
    let o = repo.leakhound(&["git", "--incremental", "no/such/dir/record.db"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("leakhound: error: no/such/dir/record.db: cannot create:"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn ranges_use_the_record_and_one_file_serves_many_repositories_at_once() {
    let (one, two) = (audited(), audited());
    two.write("more.py", format!("K = '{}'\n", github_token(2)));
    two.commit("More", "2022-05-01T00:00:00Z", "Eve");
    let store = Dir::new();
    let record = store.path().join("shared-record.db");
    let record = record.to_str().unwrap();
    // Two runs at once on one file, each for its repository.
    let spawn = |repo: &Repo| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("leakhound"))
            .current_dir(repo.path())
            .env("SOURCE_DATE_EPOCH", SCAN_DATE.to_string())
            .args(["git", "-q", "--format", "json", "--incremental", record])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (p1, p2) = (spawn(&one), spawn(&two));
    for p in [p1, p2] {
        let o = p.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert_eq!(reads(&json_of(&o)).1, 0);
    }
    for repo in [&one, &two] {
        let (v, _) = git_json(repo, &["--incremental", record]);
        assert_eq!(reads(&v).0, 0);
    }
    // A range takes what the record holds for its blobs.
    let (fresh, _) = git_json(&two, &["--range", "HEAD~2..HEAD"]);
    let (v, _) = git_json(&two, &["--range", "HEAD~2..HEAD", "--incremental", record]);
    assert_eq!(reads(&v).0, 0);
    assert_eq!(without_record(v), fresh);
    assert!(!fresh["findings"].as_array().unwrap().is_empty());
}
