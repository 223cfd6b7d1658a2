//! A scan that could not read something never passes as clean: every input that
//! should have been scanned and was not is named in every format, and the exit code is
//! 2 unless `--allow-partial`.

use super::*;

use std::time::Duration;

/// Runs leakhound in `dir`, killed after a generous time: a regression that hangs
/// (libgit2 looping on a truncated object) fails the test instead of blocking it.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    let o = leakhound()
        .current_dir(dir)
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    assert!(
        o.status.code().is_some(),
        "leakhound {args:?} was killed (hung?): {}",
        stderr(&o)
    );
    o
}

/// The path of a loose object, made writable.
fn loose_path(repo: &Repo, oid: &str) -> PathBuf {
    let p = repo
        .path()
        .join(format!(".git/objects/{}/{}", &oid[..2], &oid[2..]));
    let mut perms = std::fs::metadata(&p).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&p, perms).unwrap();
    p
}

/// Cuts the loose object `oid` of `repo` in half, as an interrupted write leaves it.
fn truncate_loose(repo: &Repo, oid: &str) {
    let path = loose_path(repo, oid);
    let whole = std::fs::read(&path).unwrap();
    std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();
}

/// The `summary.missed` entries of a JSON report as (kind, name, reason).
fn missed(v: &Value) -> Vec<(String, String, String)> {
    v["summary"]["missed"]
        .as_array()
        .unwrap_or_else(|| panic!("no summary.missed in {v}"))
        .iter()
        .map(|m| {
            (
                m["kind"].as_str().unwrap().to_string(),
                m["name"].as_str().unwrap().to_string(),
                m["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Asserts that JSON, SARIF, Markdown and `-q` text all say that `name` was missed,
/// that the exit code is 2, and that `--allow-partial` makes it `findings_exit`.
fn assert_missed_everywhere(dir: &Path, mode: &[&str], name: &str, findings_exit: i32) {
    let with = |extra: &[&str]| {
        let mut args: Vec<&str> = mode.to_vec();
        args.extend_from_slice(extra);
        run_in(dir, &args)
    };
    // Text, quiet: the names and a one-line summary of the gap, still on stderr.
    let o = with(&["-q"]);
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(name), "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("leakhound: warning: incomplete scan: ")),
        "{err}"
    );
    // JSON.
    let o = with(&["-q", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let v = json_of(&o);
    assert_eq!(v["summary"]["complete"], false);
    assert!(
        missed(&v).iter().any(|(_, n, _)| n.contains(name)),
        "{:?}",
        missed(&v)
    );
    assert_eq!(v["summary"]["unreadable"], missed(&v).len());
    // SARIF: the invocation failed, and a notification names the input.
    let o = with(&["-q", "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let doc = json_of(&o);
    validate_sarif(&doc);
    let inv = &doc["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false, "{inv}");
    let notes = inv["toolExecutionNotifications"].as_array().unwrap();
    assert!(
        notes
            .iter()
            .any(|n| n["message"]["text"].as_str().unwrap().contains(name)
                && n["level"] == "error"),
        "{inv}"
    );
    // Markdown playbook.
    let o = with(&["-q", "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let doc = stdout(&o);
    assert!(doc.contains("## Incomplete scan"), "{doc}");
    assert!(doc.contains(name), "{doc}");
    // --allow-partial: still named, the exit code from the findings alone.
    let o = with(&["-q", "--format", "json", "--allow-partial"]);
    assert_eq!(o.status.code(), Some(findings_exit), "{}", stderr(&o));
    assert!(stderr(&o).contains(name), "{}", stderr(&o));
    assert!(stderr(&o).contains("--allow-partial"), "{}", stderr(&o));
    assert!(
        missed(&json_of(&o))
            .iter()
            .any(|(_, n, _)| n.contains(name))
    );
}

/// A repository with a secret in `leak.py` and a clean `clean.txt`, both loose.
fn two_files() -> Repo {
    let repo = Repo::new();
    repo.write("leak.py", format!("t = '{}'\n", github_token(0)));
    repo.write("clean.txt", "nothing to see here\n");
    repo.commit("two files", "2022-01-01T00:00:00Z", "Ann");
    repo
}

// ---------------------------------------------------------------------------------
// Truncated loose objects (libgit2 loops forever inflating them)

#[test]
fn truncated_loose_blob_in_history_is_named_not_a_hang() {
    let repo = two_files();
    let blob = repo.git(&["rev-parse", "HEAD:clean.txt"]);
    let path = loose_path(&repo, &blob);
    let whole = std::fs::read(&path).unwrap();
    assert!(whole.len() > 12, "{}", whole.len());
    for cut in [11, whole.len() / 2, whole.len() - 1] {
        std::fs::write(&path, &whole[..cut]).unwrap();
        let o = run_in(repo.path(), &["git", "--format", "json"]);
        assert_orderly(&o);
        assert_eq!(o.status.code(), Some(2), "cut {cut}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains(&format!("clean.txt (blob {blob}): damaged loose object")),
            "cut {cut}: {err}"
        );
        let v = json_of(&o);
        // Everything readable is still scanned.
        assert_eq!(v["findings"][0]["path"], "leak.py");
        assert_eq!(
            missed(&v),
            [(
                "blob".to_string(),
                format!("clean.txt (blob {blob})"),
                missed(&v)[0].2.clone()
            )]
        );
    }
    assert_missed_everywhere(repo.path(), &["git"], "clean.txt", 1);
}

#[test]
fn truncated_loose_blob_in_the_index_is_named_not_a_hang() {
    let repo = two_files();
    repo.write("new.py", format!("k = '{}'\n", github_token(1)));
    repo.write("other.py", format!("k = '{}'\n", github_token(2)));
    repo.git(&["add", "new.py", "other.py"]);
    let blob = repo.git(&["rev-parse", ":new.py"]);
    truncate_loose(&repo, &blob);
    let o = run_in(repo.path(), &["staged", "--format", "json"]);
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "new.py (staged blob {blob}): damaged loose object"
        )),
        "{}",
        stderr(&o)
    );
    let v = json_of(&o);
    assert_eq!(v["findings"][0]["path"], "other.py");
    assert_missed_everywhere(repo.path(), &["staged"], "new.py", 1);
}

#[test]
fn truncated_loose_tree_under_head_stops_staged_with_an_error_not_a_hang() {
    let repo = Repo::new();
    repo.write("dir/sub/a.txt", "a\n");
    repo.write("top.txt", "b\n");
    repo.commit("one", "2022-01-01T00:00:00Z", "Ann");
    let tree = repo.git(&["rev-parse", "HEAD:dir/sub"]);
    truncate_loose(&repo, &tree);
    repo.write("new.py", format!("k = '{}'\n", github_token(1)));
    repo.git(&["add", "new.py"]);
    let o = run_in(repo.path(), &["staged"]);
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("HEAD's tree {tree} (dir/sub) cannot be read")),
        "{err}"
    );
    assert!(err.contains("damaged loose object"), "{err}");
}

/// HEAD's own commit or root tree damaged: not "a repository without commits", which
/// would report every staged line as added.
#[test]
fn truncated_head_commit_or_root_tree_stops_staged_with_an_error() {
    for what in ["HEAD", "HEAD^{tree}"] {
        let repo = Repo::new();
        repo.write("top.txt", "b\n");
        repo.commit("one", "2022-01-01T00:00:00Z", "Ann");
        let oid = repo.git(&["rev-parse", what]);
        truncate_loose(&repo, &oid);
        repo.write("new.py", format!("k = '{}'\n", github_token(1)));
        repo.git(&["add", "new.py"]);
        let o = run_in(repo.path(), &["staged"]);
        assert_orderly(&o);
        assert_eq!(o.status.code(), Some(2), "{what}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("HEAD (") && err.contains("cannot be read"),
            "{err}"
        );
        assert!(err.contains("damaged loose object"), "{err}");
    }
}

#[test]
fn truncated_loose_commit_and_tree_are_named_not_a_hang() {
    let repo = two_files();
    repo.git(&["checkout", "-q", "-b", "side"]);
    repo.write("side.py", format!("s = '{}'\n", github_token(1)));
    repo.commit("side", "2022-02-01T00:00:00Z", "Bob");
    repo.git(&["checkout", "-q", "main"]);
    repo.write("later.txt", "later\n");
    let top = repo.commit("later", "2022-03-01T00:00:00Z", "Cy");
    truncate_loose(&repo, &top);
    let o = run_in(repo.path(), &["git", "--format", "json"]);
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let v = json_of(&o);
    // main's tip is lost; the side branch (and the first commit under it) is not.
    assert!(
        missed(&v)
            .iter()
            .any(|(k, n, r)| k == "ref" && n == "refs/heads/main" && r.contains(&top)),
        "{:?}",
        missed(&v)
    );
    let mut paths: Vec<String> = locations(&v)
        .iter()
        .map(|l| l["path"].as_str().unwrap().to_string())
        .collect();
    paths.sort();
    paths.dedup();
    assert_eq!(paths, ["leak.py", "side.py"]);
    // A range scan, or a revision that libgit2 must resolve by reading commits, stops
    // with an error naming the damaged commit; a ref name is resolved and named.
    for args in [
        &["git", "--range", "side..main"][..],
        &["git", "--rev", "main~1"],
        &["git", "--rev", "main"],
        &["git", "--rev", &top],
    ] {
        let o = run_in(repo.path(), args);
        assert_orderly(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(&top), "{args:?}: {}", stderr(&o));
    }
}

// ---------------------------------------------------------------------------------
// Damaged repositories that used to pass as "0 commits, 0 blobs, no leaks found"

/// A ref file that is not a ref at all: libgit2's listing passes over it (git says
/// "ignoring broken ref"), and the history it may point to is not scanned.
#[test]
fn broken_ref_file_is_named_not_skipped() {
    let repo = two_files();
    std::fs::write(repo.path().join(".git/refs/heads/side"), "garbage\n").unwrap();
    let o = run_in(repo.path(), &["git", "--format", "json"]);
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let v = json_of(&o);
    assert_eq!(v["findings"][0]["path"], "leak.py");
    let m = missed(&v);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(
        (m[0].0.as_str(), m[0].1.as_str()),
        ("ref", "refs/heads/side")
    );
    assert_missed_everywhere(repo.path(), &["git"], "refs/heads/side", 1);
    // A lock file of a ref update in progress is not a ref.
    std::fs::remove_file(repo.path().join(".git/refs/heads/side")).unwrap();
    std::fs::write(repo.path().join(".git/refs/heads/main.lock"), "x\n").unwrap();
    let o = run_in(repo.path(), &["git", "-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn unreadable_ref_tip_is_named_and_the_other_refs_are_scanned() {
    let repo = two_files();
    let missing = "1234567890abcdef1234567890abcdef12345678";
    std::fs::write(
        repo.path().join(".git/refs/heads/broken"),
        format!("{missing}\n"),
    )
    .unwrap();
    let o = run_in(repo.path(), &["git", "--format", "json"]);
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let v = json_of(&o);
    assert_eq!(v["findings"][0]["path"], "leak.py");
    let m = missed(&v);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].0, "ref");
    assert_eq!(m[0].1, "refs/heads/broken");
    assert!(m[0].2.contains(missing), "{m:?}");
    assert_missed_everywhere(repo.path(), &["git"], "refs/heads/broken", 1);
}

#[test]
fn truncated_pack_is_not_a_clean_scan() {
    let repo = two_files();
    repo.git(&["gc", "-q"]);
    let pack_dir = repo.path().join(".git/objects/pack");
    let pack = std::fs::read_dir(&pack_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pack"))
        .unwrap();
    let bytes = std::fs::read(&pack).unwrap();
    let mut perms = std::fs::metadata(&pack).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&pack, perms).unwrap();
    std::fs::write(&pack, &bytes[..bytes.len() / 2]).unwrap();
    let o = run_in(repo.path(), &["git", "--format", "json"]);
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let v = json_of(&o);
    assert!(
        missed(&v)
            .iter()
            .any(|(k, n, _)| k == "ref" && n == "refs/heads/main"),
        "{:?}",
        missed(&v)
    );
    assert_missed_everywhere(repo.path(), &["git"], "refs/heads/main", 0);
}

#[test]
fn shared_clone_whose_source_moved_is_not_a_clean_scan() {
    let d = Dir::new();
    let src = d.path().join("src");
    std::fs::create_dir(&src).unwrap();
    Repo::git_in(
        &src,
        &["init", "-q", "-b", "main"],
        "2022-01-01T00:00:00Z",
        "Ann",
    );
    std::fs::write(src.join("leak.py"), format!("t = '{}'\n", github_token(0))).unwrap();
    Repo::git_in(&src, &["add", "-A"], "2022-01-01T00:00:00Z", "Ann");
    Repo::git_in(
        &src,
        &["commit", "-q", "-m", "one"],
        "2022-01-01T00:00:00Z",
        "Ann",
    );
    Repo::git_in(
        d.path(),
        &["clone", "-q", "--shared", "src", "dst"],
        "2022-01-01T00:00:00Z",
        "Ann",
    );
    std::fs::rename(&src, d.path().join("moved")).unwrap();
    let dst = d.path().join("dst");
    let o = run_in(&dst, &["git", "--format", "json"]);
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let v = json_of(&o);
    assert!(
        missed(&v).iter().any(|(k, _, _)| k == "ref"),
        "{:?}",
        missed(&v)
    );
    assert_missed_everywhere(&dst, &["git"], "refs/heads/main", 0);
}

#[test]
fn one_unreadable_ancestor_does_not_end_the_walk() {
    let repo = Repo::new();
    repo.write("a.py", format!("a = '{}'\n", github_token(0)));
    let c1 = repo.commit("first", "2022-01-01T00:00:00Z", "Ann");
    repo.write("b.py", format!("b = '{}'\n", github_token(1)));
    let c2 = repo.commit("second", "2022-02-01T00:00:00Z", "Bob");
    repo.write("c.txt", "third\n");
    repo.commit("third", "2022-03-01T00:00:00Z", "Cy");
    // Another branch reaches the first commit without going through the second.
    repo.git(&["branch", "old", &c1]);
    std::fs::remove_file(loose_path(&repo, &c2)).unwrap();
    let o = run_in(repo.path(), &["git", "--format", "json"]);
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(&c2), "{}", stderr(&o));
    let v = json_of(&o);
    assert_eq!(v["repository"]["commits_scanned"], 2);
    let m = missed(&v);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!((m[0].0.as_str(), m[0].1.as_str()), ("commit", c2.as_str()));
    // Both secrets are found: b.py through the third commit's tree, a.py through the
    // first commit, which `old` still reaches.
    let mut paths: Vec<String> = locations(&v)
        .iter()
        .map(|l| l["path"].as_str().unwrap().to_string())
        .collect();
    paths.sort();
    paths.dedup();
    assert_eq!(paths, ["a.py", "b.py"]);
    let first = finding_for(&v, &github_token(0));
    assert_eq!(first["commit"]["id"], c1.as_str());
}

// ---------------------------------------------------------------------------------
// Inputs that were silently not scanned

#[test]
fn partial_clone_blobs_are_missing_and_explained() {
    let d = Dir::new();
    let src = d.path().join("src");
    std::fs::create_dir(&src).unwrap();
    let git = |dir: &Path, args: &[&str]| Repo::git_in(dir, args, "2022-01-01T00:00:00Z", "Ann");
    git(&src, &["init", "-q", "-b", "main"]);
    git(&src, &["config", "uploadpack.allowFilter", "true"]);
    std::fs::write(src.join("old.py"), format!("t = '{}'\n", github_token(0))).unwrap();
    git(&src, &["add", "-A"]);
    git(&src, &["commit", "-q", "-m", "one"]);
    std::fs::remove_file(src.join("old.py")).unwrap();
    std::fs::write(src.join("README"), "hello\n").unwrap();
    git(&src, &["add", "-A"]);
    git(&src, &["commit", "-q", "-m", "two"]);
    let url = format!("file://{}", src.display());
    git(
        d.path(),
        &["clone", "-q", "--filter=blob:none", &url, "partial"],
    );
    let dst = d.path().join("partial");
    let o = run_in(&dst, &["git", "--format", "json"]);
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("partial clone"), "{err}");
    assert!(err.contains("without --filter"), "{err}");
    let v = json_of(&o);
    let m = missed(&v);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].1.starts_with("old.py (blob "), "{m:?}");
    assert!(m[0].2.contains("partial clone"), "{m:?}");
    assert!(
        v["summary"]["missed_explanation"][0]
            .as_str()
            .unwrap()
            .contains("partial clone")
    );
    assert_missed_everywhere(&dst, &["git"], "old.py", 0);
}

#[cfg(unix)]
#[test]
fn named_file_without_read_permission_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let d = Dir::new();
    std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let locked = d.write("secret.txt", format!("t={}\n", github_token(0)));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads everything; drop to an unprivileged user so permissions apply.
    let bin = assert_cmd::cargo::cargo_bin("leakhound");
    let is_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .unwrap()
        .stdout
        == b"0\n";
    let run = |args: &[&str]| {
        let mut cmd = if is_root {
            let mut c = std::process::Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(&bin);
            c
        } else {
            std::process::Command::new(&bin)
        };
        cmd.current_dir(d.path())
            .env("SOURCE_DATE_EPOCH", "1704067200")
            .args(args)
            .output()
            .unwrap()
    };
    let o = run(&["scan", "-q", "secret.txt"]);
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("secret.txt: Permission denied"), "{err}");
    assert!(err.contains("incomplete scan"), "{err}");
    let o = run(&["scan", "-q", "--format", "json", "secret.txt"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let v = json_of(&o);
    assert_eq!(v["summary"]["files_scanned"], 0);
    assert_eq!(
        missed(&v)
            .iter()
            .map(|(k, n, _)| (k.as_str(), n.as_str()))
            .collect::<Vec<_>>(),
        [("file", "secret.txt")]
    );
    let o = run(&["scan", "-q", "--allow-partial", "secret.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("secret.txt"), "{}", stderr(&o));
}

#[test]
fn too_large_file_is_mentioned_under_quiet() {
    let d = Dir::new();
    d.write("big.txt", "x".repeat(4096));
    d.write("small.txt", "hello\n");
    let o = d
        .cmd()
        .args(["scan", "-q", "--max-file-size", "1K", "."])
        .output()
        .unwrap();
    // Skipped by the limit the caller set: said, but not an error.
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("big.txt: not scanned, 4.0 KiB is over the --max-file-size limit"),
        "{err}"
    );
}

#[test]
fn refs_to_blobs_and_trees_are_scanned() {
    let repo = two_files();
    let blob_file = repo
        .dir
        .write("loose-note.txt", format!("k={}\n", github_token(1)));
    let blob = repo.git(&["hash-object", "-w", blob_file.to_str().unwrap()]);
    std::fs::remove_file(&blob_file).unwrap();
    repo.git(&["update-ref", "refs/tags/blobref", &blob]);
    // A tree that no commit holds: `dir/deep.py` with another secret.
    let deep = repo
        .dir
        .write("deep.py", format!("d = '{}'\n", github_token(2)));
    let deep_blob = repo.git(&["hash-object", "-w", deep.to_str().unwrap()]);
    std::fs::remove_file(&deep).unwrap();
    let inner = run_git_stdin(
        repo.path(),
        &["mktree"],
        &format!("100644 blob {deep_blob}\tdeep.py\n"),
    );
    let outer = run_git_stdin(
        repo.path(),
        &["mktree"],
        &format!("040000 tree {inner}\tdir\n"),
    );
    repo.git(&["update-ref", "refs/x/tree", &outer]);
    let o = run_in(repo.path(), &["git", "--format", "json"]);
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json_of(&o);
    let blob_finding = finding_for(&v, &github_token(1));
    assert_eq!(blob_finding["path"], "refs/tags/blobref");
    assert!(blob_finding.get("commit").is_none(), "{blob_finding}");
    let tree_finding = finding_for(&v, &github_token(2));
    assert_eq!(tree_finding["path"], "refs/x/tree:dir/deep.py");
    assert_eq!(v["findings"].as_array().unwrap().len(), 3);
}

fn run_git_stdin(dir: &Path, args: &[&str], input: &str) -> String {
    use std::io::Write as _;
    let mut child = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    stdout(&o).trim().to_string()
}

// ---------------------------------------------------------------------------------
// --allow-partial

#[test]
fn allow_partial_is_documented() {
    let o = leakhound().args(["git", "--help"]).output().unwrap();
    assert!(stdout(&o).contains("--allow-partial"), "{}", stdout(&o));
    let o = leakhound().args(["--help"]).output().unwrap();
    assert!(stdout(&o).contains("--allow-partial"), "{}", stdout(&o));
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let exit_codes = readme
        .split("## Exit codes")
        .nth(1)
        .expect("README has an Exit codes section");
    assert!(exit_codes.contains("--allow-partial"));
}

#[test]
fn complete_scans_say_so_in_json_and_sarif() {
    let repo = two_files();
    let o = run_in(repo.path(), &["git", "-q", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v = json_of(&o);
    assert_eq!(v["summary"]["complete"], true);
    assert_eq!(v["summary"]["missed"], serde_json::json!([]));
    let o = run_in(repo.path(), &["git", "-q", "--format", "sarif"]);
    let doc = json_of(&o);
    validate_sarif(&doc);
    let inv = &doc["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], true, "{inv}");
    assert!(inv.get("toolExecutionNotifications").is_none(), "{inv}");
    let o = run_in(repo.path(), &["git", "-q", "--format", "markdown"]);
    assert!(!stdout(&o).contains("Incomplete scan"));
}

#[test]
fn baseline_of_an_incomplete_scan_is_refused_unless_allowed() {
    let repo = two_files();
    std::fs::write(
        repo.path().join(".git/refs/heads/broken"),
        "1234567890abcdef1234567890abcdef12345678\n",
    )
    .unwrap();
    let o = run_in(repo.path(), &["baseline", "create", "b.json", "git"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("refs/heads/broken"), "{}", stderr(&o));
    assert!(!repo.path().join("b.json").exists());
    let o = run_in(
        repo.path(),
        &["baseline", "create", "b.json", "git", "--allow-partial"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(repo.path().join("b.json").exists());
}
