//! Git history, ranges, staged changes and the pre-commit hook.

use super::*;

/// History with branches, a tag, a merge, a rename and a deleted secret.
struct History {
    repo: Repo,
    a: String,
    b: String,
    c: String,
    c1: String,
    c2: String,
    feature: String,
    rename: String,
    base: String,
}

fn history() -> History {
    let repo = Repo::new();
    let (a, b, c) = (github_token(0), github_token(1), github_token(2));
    repo.write("config.py", format!("DEBUG = False\nTOKEN = \"{a}\"\n"));
    let c1 = repo.commit("Add config", "2022-01-01T00:00:00Z", "Alice");
    repo.write("config.py", format!("DEBUG = True\nTOKEN = \"{a}\"\n"));
    repo.write("notes.txt", format!("backup of the token: {a}\n"));
    repo.write("secrets.env", format!("GH={b}\n"));
    let c2 = repo.commit("Tweak config, add notes", "2022-02-01T00:00:00Z", "Bob");
    repo.git(&["tag", "v1"]);
    let base = c2.clone();
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("feature.py", format!("KEY = '{c}'\n"));
    let feature = repo.commit("Feature work", "2022-03-01T00:00:00Z", "Carol");
    repo.git(&["checkout", "-q", "main"]);
    std::fs::remove_file(repo.path().join("secrets.env")).unwrap();
    repo.commit("Remove secrets.env", "2022-04-01T00:00:00Z", "Bob");
    repo.git(&["mv", "config.py", "settings.py"]);
    let rename = repo.commit("Rename config", "2022-05-01T00:00:00Z", "Alice");
    Repo::git_in(
        repo.path(),
        &["merge", "-q", "--no-ff", "-m", "Merge feature", "feature"],
        "2022-06-01T00:00:00Z",
        "Alice",
    );
    History {
        repo,
        a,
        b,
        c,
        c1,
        c2,
        feature,
        rename,
        base,
    }
}

#[test]
fn git_history_attributes_each_secret_once_with_all_locations() {
    let h = history();
    let o = h.repo.leakhound(&["git", "-q", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json_of(&o);
    assert_eq!(
        v["findings"].as_array().unwrap().len(),
        3,
        "one entry per secret"
    );
    assert_eq!(v["repository"]["commits_scanned"], 6);

    let a = finding_for(&v, &h.a);
    assert_eq!(a["commit"]["id"], h.c1.as_str());
    assert_eq!(a["commit"]["author_name"], "Alice");
    assert_eq!(a["commit"]["author_email"], "alice@example.org");
    assert_eq!(a["commit"]["date"], "2022-01-01T00:00:00Z");
    assert_eq!(a["commit"]["summary"], "Add config");
    assert_eq!(a["path"], "config.py");
    assert_eq!(a["still_at_head"], true);
    assert_eq!(a["exposed_days"], 730);
    // config.py twice (two versions), notes.txt, and settings.py after the rename.
    let locs: Vec<(String, String)> = a["locations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["path"].as_str().unwrap().to_string(),
                l["commit"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        locs,
        [
            ("config.py".to_string(), h.c1.clone()),
            ("config.py".to_string(), h.c2.clone()),
            ("notes.txt".to_string(), h.c2.clone()),
            ("settings.py".to_string(), h.rename.clone()),
        ]
    );
    assert_eq!(a["commits"], 3);
    assert_eq!(a["paths"], 3);

    let b = finding_for(&v, &h.b);
    assert_eq!(b["commit"]["id"], h.c2.as_str());
    assert_eq!(b["still_at_head"], false);
    let c = finding_for(&v, &h.c);
    assert_eq!(c["commit"]["id"], h.feature.as_str());
    assert_eq!(c["still_at_head"], true, "merged into main");

    // Most urgent first: still at HEAD and oldest first, history-only last.
    assert_eq!(v["findings"][2]["secret_hash"], secret_hash(&h.b).as_str());

    // The text report says the same, with every location on request.
    let o = h.repo.leakhound(&["git", "--all-locations"]);
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "commit: {} 2022-01-01 Alice <alice@example.org> \"Add config\"",
            &h.c1[..12]
        )),
        "{out}"
    );
    assert!(
        out.contains("status: still at HEAD; exposed for 730 days"),
        "{out}"
    );
    assert!(
        out.contains("removed from HEAD, lives in history only"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "also:   settings.py:2:10 (commit {}",
            &h.rename[..12]
        )),
        "{out}"
    );
    assert!(
        stderr(&o).contains("3 secrets found in 6 locations; 6 commits"),
        "{}",
        stderr(&o)
    );
}

#[cfg(unix)]
#[test]
fn git_progress_bar_only_on_a_terminal_and_not_with_quiet() {
    let h = history();
    let shown = on_a_terminal(h.repo.path(), "git --format json -o /dev/null", None);
    // Blobs done of the total, bytes read and their rate, and the time left.
    assert!(
        shown.contains("blobs,") && shown.contains("read at"),
        "{shown:?}"
    );
    assert!(shown.contains("/s, ETA"), "{shown:?}");
    let quiet = on_a_terminal(h.repo.path(), "git -q --format json -o /dev/null", None);
    assert!(!quiet.contains("blobs,"), "{quiet:?}");
    let piped = h.repo.leakhound(&["git", "--format", "json"]);
    assert!(!stderr(&piped).contains("ETA"), "{}", stderr(&piped));
}

#[test]
fn pre_commit_framework_hook_is_declared() {
    let text = std::fs::read_to_string(repo_root().join(".pre-commit-hooks.yaml")).unwrap();
    assert!(text.contains("- id: leakhound\n"), "{text}");
    assert!(text.contains("entry: leakhound staged\n"), "{text}");
    assert!(text.contains("pass_filenames: false\n"), "{text}");
}

#[test]
fn git_rev_and_range_select_commits() {
    let h = history();
    // Only the tag: the feature token is not reachable from it.
    let v = json_of(
        &h.repo
            .leakhound(&["git", "-q", "--format", "json", "--rev", "v1"]),
    );
    assert_eq!(v["findings"].as_array().unwrap().len(), 2);
    // The pull request: only what the feature branch introduced.
    let range = format!("{}..feature", h.base);
    let o = h
        .repo
        .leakhound(&["git", "-q", "--format", "json", "--range", &range]);
    assert_eq!(o.status.code(), Some(1));
    let v = json_of(&o);
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    assert_eq!(v["findings"][0]["secret_hash"], secret_hash(&h.c).as_str());
    assert_eq!(v["repository"]["commits_scanned"], 1);
    // A range with nothing new is clean.
    let o = h.repo.leakhound(&["git", "-q", "--range", "v1..v1"]);
    assert_eq!(o.status.code(), Some(0));
    // A bad revision is an error naming it.
    let o = h.repo.leakhound(&["git", "--rev", "no-such-branch"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-branch"), "{}", stderr(&o));
}

#[test]
fn git_reports_are_identical_at_any_thread_count_and_valid_sarif() {
    let h = history();
    let one = h
        .repo
        .leakhound(&["git", "-q", "--format", "json", "-j", "1"])
        .stdout;
    assert_eq!(
        one,
        h.repo
            .leakhound(&["git", "-q", "--format", "json", "-j", "4"])
            .stdout
    );
    // Packed objects are read in pack order; the report does not change.
    h.repo.git(&["gc", "-q"]);
    let packs = h.repo.path().join(".git/objects/pack");
    assert!(packs.read_dir().unwrap().count() >= 2, "gc wrote a pack");
    let packed = h
        .repo
        .leakhound(&["git", "-q", "--format", "json", "-j", "2"]);
    assert_eq!(one, packed.stdout);
    let o = h.repo.leakhound(&["git", "-q", "--format", "sarif"]);
    let v = json_of(&o);
    validate_sarif(&v);
    let run = &v["runs"][0];
    assert!(
        run["versionControlProvenance"][0]["repositoryUri"]
            .as_str()
            .unwrap()
            .starts_with("file://")
    );
    let first = &run["results"][0];
    assert_eq!(first["properties"]["commit"]["id"], h.c1.as_str());
    assert_eq!(first["properties"]["stillAtHead"], true);
    assert_eq!(
        first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "config.py"
    );
    assert_eq!(first["relatedLocations"].as_array().unwrap().len(), 3);
    let all = format!("{}{}", stdout(&o), stderr(&o));
    for secret in [&h.a, &h.b, &h.c] {
        assert!(!all.contains(secret.as_str()));
    }
}

#[test]
fn git_errors_and_unusual_repositories() {
    // Not a repository.
    let d = Dir::new();
    let o = d.cmd().args(["git", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("not a git repository"),
        "{}",
        stderr(&o)
    );
    let o = d.cmd().args(["git", "missing"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));

    let h = history();
    let src = h.repo.path().display().to_string();
    // A bare clone holds the same history.
    let bare = Dir::new();
    Repo::git_in(
        bare.path(),
        &["clone", "-q", "--bare", &src, "r.git"],
        "2022-01-01T00:00:00Z",
        "T",
    );
    let v = json_of(
        &bare
            .cmd()
            .args(["git", "-q", "--format", "json", "r.git"])
            .output()
            .unwrap(),
    );
    assert_eq!(v["findings"].as_array().unwrap().len(), 3);
    // A shallow clone: scanned as far as it goes, and said so.
    let shallow = Dir::new();
    Repo::git_in(
        shallow.path(),
        &["clone", "-q", "--depth", "1", &format!("file://{src}"), "s"],
        "2022-01-01T00:00:00Z",
        "T",
    );
    let o = shallow
        .cmd()
        .args(["git", "--format", "json", "s"])
        .output()
        .unwrap();
    let v = json_of(&o);
    assert_eq!(v["repository"]["shallow"], true);
    assert_eq!(v["repository"]["commits_scanned"], 1);
    assert!(stderr(&o).contains("shallow clone"), "{}", stderr(&o));
    // A worktree of the repository.
    let wt = Dir::new();
    let wt_path = wt.path().join("wt");
    h.repo.git(&[
        "worktree",
        "add",
        "-q",
        wt_path.to_str().unwrap(),
        "feature",
    ]);
    let v = json_of(
        &wt.cmd()
            .args(["git", "-q", "--format", "json", "wt"])
            .output()
            .unwrap(),
    );
    assert_eq!(v["findings"].as_array().unwrap().len(), 3);
}

#[test]
fn git_submodules_are_noted_and_missing_objects_are_warnings() {
    let repo = Repo::new();
    repo.write("a.txt", format!("t={}\n", github_token(0)));
    repo.write("b.txt", format!("t={}\n", github_token(1)));
    repo.git(&["add", "-A"]);
    repo.git(&[
        "update-index",
        "--add",
        "--cacheinfo",
        "160000,1111111111111111111111111111111111111111,vendor/lib",
    ]);
    // Commit the index as it is (`add -A` would drop the gitlink without a checkout).
    Repo::git_in(
        repo.path(),
        &["commit", "-q", "-m", "with a submodule"],
        "2023-01-01T00:00:00Z",
        "Ann",
    );
    // Corrupt the store: remove the loose object of b.txt's blob.
    let blob = repo.git(&["rev-parse", "HEAD:b.txt"]);
    std::fs::remove_file(
        repo.path()
            .join(format!(".git/objects/{}/{}", &blob[..2], &blob[2..])),
    )
    .unwrap();
    let o = repo.leakhound(&["git", "--format", "json"]);
    // An input that could not be read makes the scan incomplete: exit code 2.
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("b.txt (blob {blob}): cannot read")),
        "{err}"
    );
    assert!(err.contains("1 submodule entry not entered"), "{err}");
    let v = json_of(&o);
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    assert_eq!(v["summary"]["unreadable"], 1);
    assert_eq!(v["repository"]["submodules_skipped"], 1);
}

#[test]
fn git_large_and_binary_blobs_are_skipped() {
    let repo = Repo::new();
    repo.write(
        "big.txt",
        format!("{}\n{}\n", "x".repeat(8192), github_token(0)),
    );
    let mut bin = b"\0\x01\x02".to_vec();
    bin.extend(github_token(1).as_bytes());
    repo.write("blob.bin", bin);
    repo.commit("big and binary", "2023-01-01T00:00:00Z", "Ann");
    let v = json_of(&repo.leakhound(&["git", "-q", "--format", "json", "--max-file-size", "4K"]));
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
    assert_eq!(v["summary"]["files_skipped"]["too_large"], 1);
    assert_eq!(v["summary"]["files_skipped"]["binary"], 1);
}

#[test]
fn staged_scans_only_added_lines_and_works_without_head() {
    let repo = Repo::new();
    let (a, b) = (github_token(0), github_token(1));
    // No commit yet: everything staged is new.
    repo.write("app.py", format!("A = '{a}'\n"));
    repo.git(&["add", "app.py"]);
    let o = repo.leakhound(&["staged", "--format", "json", "-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(json_of(&o)["findings"][0]["path"], "app.py");
    repo.commit("first", "2023-01-01T00:00:00Z", "Ann");

    // Nothing staged: quiet success.
    let o = repo.leakhound(&["staged", "-q"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty() && o.stderr.is_empty());

    // A new line with a new token is reported; the old token on an untouched line is not.
    repo.write("app.py", format!("A = '{a}'\nB = '{b}'\n"));
    repo.git(&["add", "app.py"]);
    // Unstaged edits are not what will be committed: ignored.
    repo.write(
        "app.py",
        format!("A = '{a}'\nB = '{b}'\nC = '{}'\n", github_token(2)),
    );
    let o = repo.leakhound(&["staged", "--format", "json", "-q"]);
    assert_eq!(o.status.code(), Some(1));
    let v = json_of(&o);
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    assert_eq!(v["findings"][0]["secret_hash"], secret_hash(&b).as_str());
    assert_eq!(v["findings"][0]["line"], 2);
}

#[test]
fn hook_install_blocks_a_commit_with_a_secret() {
    let repo = Repo::new();
    let o = repo.leakhound(&["hook", "install"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let hook = repo.path().join(".git/hooks/pre-commit");
    let script = std::fs::read_to_string(&hook).unwrap();
    assert!(script.contains("staged"), "{script}");
    // Installing again is a no-op.
    let o = repo.leakhound(&["hook", "install"]);
    assert!(stdout(&o).contains("already installed"), "{}", stdout(&o));

    // The hook refuses the commit and says why.
    repo.write("ok.txt", "fine\n");
    repo.commit("clean commit passes", "2023-01-01T00:00:00Z", "Ann");
    repo.write("leak.py", format!("T = '{}'\n", github_token(0)));
    repo.git(&["add", "leak.py"]);
    let o = std::process::Command::new("git")
        .args(["commit", "-q", "-m", "leak"])
        .current_dir(repo.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Ann")
        .env("GIT_AUTHOR_EMAIL", "ann@example.org")
        .env("GIT_COMMITTER_NAME", "Ann")
        .env("GIT_COMMITTER_EMAIL", "ann@example.org")
        .output()
        .unwrap();
    assert!(!o.status.success(), "the commit went through");
    // git sends a hook's output to its stderr.
    assert!(stderr(&o).contains("leak.py:1:6"), "{}", stderr(&o));

    // A different existing hook is kept unless --force.
    std::fs::write(&hook, "#!/bin/sh\necho mine\n").unwrap();
    let o = repo.leakhound(&["hook", "install"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&hook).unwrap(),
        "#!/bin/sh\necho mine\n"
    );
    let o = repo.leakhound(&["hook", "install", "--force"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&hook)
            .unwrap()
            .contains("leakhound")
    );
}

/// Packed histories are read through gix, loose objects and everything gix cannot read
/// through libgit2: deep delta chains, a pack in an alternate object directory and a
/// linked worktree all give the report the loose history gives.
#[test]
fn packed_deltas_alternates_and_worktrees_report_what_loose_objects_do() {
    let repo = Repo::new();
    // A file and a deep directory changed a line at a time: long delta chains of
    // blobs and trees once packed.
    let filler: String = (0..300)
        .map(|i| format!("value_{i} = {}\n", i * 7))
        .collect();
    for n in 0..40u32 {
        let token = if n % 10 == 3 {
            format!("TOKEN = '{}'\n", github_token(n))
        } else {
            String::new()
        };
        repo.write(
            "src/a/b/c/settings.py",
            format!("{filler}step = {n}\n{token}"),
        );
        repo.write(&format!("src/a/b/c/d/file{}.txt", n % 5), format!("{n}\n"));
        repo.commit(
            &format!("step {n}"),
            &format!("2022-01-{:02}T00:00:00Z", n % 28 + 1),
            "Ann",
        );
    }
    let args = ["git", "-q", "--format", "json", "--exit-code", "0"];
    let loose = repo.leakhound(&args);
    for n in [3, 13, 23, 33] {
        finding_for(&json_of(&loose), &github_token(n));
    }
    repo.git(&["gc", "-q", "--aggressive"]);
    let deltas = repo.git(&["count-objects", "-v"]);
    assert!(deltas.contains("count: 0"), "{deltas}");
    let packed = repo.leakhound(&args);
    assert_eq!(stdout(&loose), stdout(&packed), "{}", stderr(&packed));
    assert_eq!(
        stdout(&loose),
        stdout(&repo.leakhound(&["git", "-q", "--format", "json", "-j", "1"]))
    );

    // A clone that borrows the pack through objects/info/alternates.
    let d = Dir::new();
    Repo::git_in(
        d.path(),
        &[
            "clone",
            "-q",
            "--shared",
            repo.path().to_str().unwrap(),
            "borrow",
        ],
        "2022-02-01T00:00:00Z",
        "Ann",
    );
    let borrow = d.path().join("borrow");
    assert!(borrow.join(".git/objects/info/alternates").exists());
    let run = |dir: &Path, args: &[&str]| {
        leakhound()
            .current_dir(dir)
            .env("SOURCE_DATE_EPOCH", SCAN_DATE.to_string())
            .args(args)
            .output()
            .unwrap()
    };
    let o = run(&borrow, &args);
    let theirs = json_of(&loose);
    let ours = json_of(&o);
    assert_eq!(
        ours["findings"].as_array().unwrap().len(),
        theirs["findings"].as_array().unwrap().len(),
        "{}",
        stderr(&o)
    );
    for (a, b) in theirs["findings"]
        .as_array()
        .unwrap()
        .iter()
        .zip(ours["findings"].as_array().unwrap())
    {
        assert_eq!(a["commit"], b["commit"]);
        assert_eq!(a["locations"], b["locations"]);
    }

    // A linked worktree, whose git directory holds no objects of its own.
    let wt = d.path().join("wt");
    repo.git(&["worktree", "add", "-q", wt.to_str().unwrap(), "-b", "side"]);
    let o = run(&wt, &args);
    assert_eq!(
        json_of(&o)["findings"],
        theirs["findings"],
        "{}",
        stderr(&o)
    );
}

/// A SHA-256 repository is refused with the reason, not scanned as empty (git built
/// without SHA-256 support skips this).
#[test]
fn a_sha256_repository_is_refused_by_name() {
    let d = Dir::new();
    let init = std::process::Command::new("git")
        .args(["init", "-q", "--object-format=sha256", "r"])
        .current_dir(d.path())
        .output()
        .unwrap();
    if !init.status.success() {
        return;
    }
    let r = d.path().join("r");
    std::fs::write(r.join("a.py"), format!("t = '{}'\n", github_token(0))).unwrap();
    Repo::git_in(&r, &["add", "-A"], "2022-01-01T00:00:00Z", "Ann");
    Repo::git_in(
        &r,
        &["commit", "-q", "-m", "one"],
        "2022-01-01T00:00:00Z",
        "Ann",
    );
    let o = leakhound()
        .current_dir(&r)
        .args(["git", "."])
        .output()
        .unwrap();
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("sha256"), "{}", stderr(&o));
}
