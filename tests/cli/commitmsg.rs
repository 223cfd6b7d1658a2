//! Secrets in a commit's own text (its message, author and committer) in `leakhound git`:
//! found as findings of their own, and never shown in clear where the commit is shown.

use super::*;
use serde_json::json;

/// A fake GitHub token that is in no fixture and differs from `github_token(n)`.
fn message_token() -> String {
    with_crc32_base62("ghp_Wc7Ty2Np9Rk4Mx6Zq1Lv8Bd3Hf5Js0")
}

/// Commits everything with a message and a full identity of its own.
fn commit_as(repo: &Repo, msg: &str, author: (&str, &str), committer: (&str, &str)) -> String {
    let o = try_commit(repo, msg, author, committer);
    assert!(o.status.success(), "git commit: {}", stderr(&o));
    repo.git(&["rev-parse", "HEAD"])
}

/// `git add -A && git commit -m MSG` as the given author and committer, hooks enabled.
fn try_commit(repo: &Repo, msg: &str, author: (&str, &str), committer: (&str, &str)) -> Output {
    repo.git(&["add", "-A"]);
    std::process::Command::new("git")
        .args(["commit", "-q", "-m", msg])
        .current_dir(repo.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", author.0)
        .env("GIT_AUTHOR_EMAIL", author.1)
        .env("GIT_COMMITTER_NAME", committer.0)
        .env("GIT_COMMITTER_EMAIL", committer.1)
        .env("GIT_AUTHOR_DATE", "2022-03-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2022-03-01T00:00:00Z")
        .output()
        .expect("git runs")
}

/// The JSON findings whose path is `path`.
fn findings_at<'v>(v: &'v Value, path: &str) -> Vec<&'v Value> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == path)
        .collect()
}

/// Asserts that `secret` appears nowhere in `out`, not even past its first characters.
fn assert_hidden(out: &str, secret: &str, what: &str) {
    let body: String = secret.chars().skip(4).collect();
    assert!(!out.contains(secret), "{what} prints {secret:?}:\n{out}");
    assert!(
        !out.contains(&body),
        "{what} prints the body of {secret:?}:\n{out}"
    );
}

#[test]
fn secret_in_commit_message_is_its_own_finding_and_never_shown_in_clear() {
    let repo = Repo::new();
    let (in_msg, in_file) = (message_token(), github_token(1));
    repo.write("config.py", format!("TOKEN = \"{in_file}\"\n"));
    let id = repo.commit(
        &format!("Add config, CI token {in_msg}\n\nIt is also here: {in_msg}\n"),
        "2022-01-01T00:00:00Z",
        "Alice",
    );
    for format in ["text", "json", "sarif", "markdown"] {
        let o = repo.leakhound(&["git", "--all-locations", "--format", format]);
        assert_eq!(o.status.code(), Some(1), "{format}: {}", stderr(&o));
        let all = format!("{}{}", stdout(&o), stderr(&o));
        assert_hidden(&all, &in_msg, format);
        assert_hidden(&all, &in_file, format);
        // The message is still shown, with the secret redacted.
        assert!(all.contains("Add config, CI token "), "{format}: {all}");
        if format == "sarif" {
            validate_sarif(&json_of(&o));
        }
    }

    let v = json_of(&repo.leakhound(&["git", "--format", "json"]));
    assert_eq!(v["findings"].as_array().unwrap().len(), 2, "{v:#}");
    let msg = findings_at(&v, "<commit message>");
    assert_eq!(msg.len(), 1, "{v:#}");
    let msg = msg[0];
    assert_eq!(msg["secret_hash"], secret_hash(&in_msg));
    assert_eq!(msg["rule_id"], "github-pat-classic");
    assert_eq!((&msg["line"], &msg["column"]), (&json!(1), &json!(22)));
    assert_eq!(msg["commit"]["id"], id.as_str());
    assert_eq!(msg["still_at_head"], false);
    // Both places in the message, each with the commit and no blob.
    let locs = msg["locations"].as_array().unwrap();
    assert_eq!(locs.len(), 2, "{msg:#}");
    assert_eq!(locs[1]["line"], 3);
    for l in locs {
        assert_eq!(l["commit"], id.as_str());
        assert!(l.get("blob").is_none(), "{l}");
    }
    // The summary every finding of that commit shows holds the redacted form.
    let redacted = msg["secret_redacted"].as_str().unwrap();
    let want = format!("Add config, CI token {redacted}");
    assert_eq!(msg["commit"]["summary"], want.as_str());
    let file = findings_at(&v, "config.py");
    assert_eq!(file[0]["commit"]["summary"], want.as_str());
    assert_eq!(file[0]["secret_hash"], secret_hash(&in_file));

    // SARIF says the location is no file.
    let s = json_of(&repo.leakhound(&["git", "--format", "sarif"]));
    let results = s["runs"][0]["results"].as_array().unwrap();
    let r = results
        .iter()
        .find(|r| r["properties"]["secretHash"] == secret_hash(&in_msg).as_str())
        .expect("a SARIF result for the message secret");
    let loc = &r["locations"][0];
    assert_eq!(
        loc["physicalLocation"]["artifactLocation"]["uri"],
        "%3Ccommit%20message%3E"
    );
    assert_eq!(
        loc["message"]["text"],
        format!("In the message of commit {id}, not in a file").as_str()
    );
    assert_eq!(r["properties"]["commit"]["id"], id.as_str());
    assert_eq!(r["properties"]["commit"]["summary"], want.as_str());
}

#[test]
fn secret_in_author_or_committer_is_found_and_redacted() {
    let repo = Repo::new();
    let (a, b, c) = (message_token(), github_token(0), github_token(2));
    repo.write("a.txt", "nothing\n");
    let first = commit_as(
        &repo,
        "first",
        (&format!("Bot {a}"), &format!("{b}@users.example.org")),
        ("Bot", "bot@example.org"),
    );
    repo.write("b.txt", "still nothing\n");
    let second = commit_as(
        &repo,
        "second",
        ("Ann", "ann@example.org"),
        (&format!("CI {c}"), "ci@example.org"),
    );
    for format in ["text", "json", "sarif", "markdown"] {
        let o = repo.leakhound(&["git", "--all-locations", "--format", format]);
        assert_eq!(o.status.code(), Some(1), "{format}: {}", stderr(&o));
        let all = format!("{}{}", stdout(&o), stderr(&o));
        for s in [&a, &b, &c] {
            assert_hidden(&all, s, format);
        }
    }
    let v = json_of(&repo.leakhound(&["git", "--format", "json"]));
    let found = findings_at(&v, "<commit author>");
    assert_eq!(found.len(), 3, "{v:#}");
    let at = |secret: &str| {
        let f = finding_for(&v, secret);
        assert_eq!(f["path"], "<commit author>");
        (
            f["commit"]["id"].as_str().unwrap().to_string(),
            f["line"].as_u64().unwrap(),
            f["secret_redacted"].as_str().unwrap().to_string(),
            f["commit"].clone(),
        )
    };
    // Line 1 is the author, line 2 the committer.
    let (id_a, line_a, red_a, commit_a) = at(&a);
    assert_eq!((id_a.as_str(), line_a), (first.as_str(), 1));
    assert_eq!(commit_a["author_name"], format!("Bot {red_a}").as_str());
    let (id_b, line_b, red_b, commit_b) = at(&b);
    assert_eq!((id_b.as_str(), line_b), (first.as_str(), 1));
    assert_eq!(
        commit_b["author_email"],
        format!("{red_b}@users.example.org").as_str()
    );
    let (id_c, line_c, _, commit_c) = at(&c);
    assert_eq!((id_c.as_str(), line_c), (second.as_str(), 2));
    assert_eq!(commit_c["author_name"], "Ann");
}

#[test]
fn only_the_commits_of_a_range_have_their_messages_scanned() {
    let repo = Repo::new();
    let (old, new) = (message_token(), github_token(0));
    repo.write("a.txt", "a\n");
    repo.commit(&format!("old {old}"), "2022-01-01T00:00:00Z", "Ann");
    repo.git(&["tag", "base"]);
    repo.write("b.txt", "b\n");
    let id = repo.commit(&format!("new {new}"), "2022-02-01T00:00:00Z", "Ann");
    let v = json_of(&repo.leakhound(&["git", "--range", "base..HEAD", "--format", "json"]));
    let found = v["findings"].as_array().unwrap();
    assert_eq!(found.len(), 1, "{v:#}");
    assert_eq!(found[0]["secret_hash"], secret_hash(&new));
    assert_eq!(found[0]["commit"]["id"], id.as_str());
    // The whole history has both.
    let v = json_of(&repo.leakhound(&["git", "--format", "json"]));
    assert_eq!(findings_at(&v, "<commit message>").len(), 2, "{v:#}");
}

#[test]
fn commit_message_findings_honour_inline_allow_allowlists_and_baselines() {
    let repo = Repo::new();
    let (allowed, listed, kept) = (message_token(), github_token(0), github_token(1));
    repo.write("a.txt", "a\n");
    let id = repo.commit(
        &format!("test fixture {allowed} leakhound:allow\n\nsee {listed}\n\nand {kept}"),
        "2022-01-01T00:00:00Z",
        "Ann",
    );
    repo.write(
        ".leakhound.toml",
        format!("[[allow]]\nsecrets = [\"^{listed}$\"]\n"),
    );
    let o = repo.leakhound(&["git", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json_of(&o);
    let found = v["findings"].as_array().unwrap();
    assert_eq!(found.len(), 1, "{v:#}");
    assert_eq!(found[0]["secret_hash"], secret_hash(&kept));
    assert_eq!(found[0]["line"], 5);
    assert_eq!(v["summary"]["suppressed"]["inline"], 1);
    assert_eq!(v["summary"]["suppressed"]["allowlist"], 1);
    // A secret suppressed as a finding is still redacted where the message is shown.
    let all = stdout(&o);
    assert_hidden(&all, &allowed, "json");
    assert!(
        found[0]["commit"]["summary"]
            .as_str()
            .unwrap()
            .starts_with("test fixture "),
        "{v:#}"
    );
    assert_eq!(found[0]["commit"]["id"], id.as_str());
    // A baseline accepts message findings like any other.
    let o = repo.leakhound(&["baseline", "create", "base.json", "git"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = repo.leakhound(&["git", "--baseline", "base.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("no leaks found"), "{}", stderr(&o));
}

#[test]
fn message_scans_are_not_counted_as_blobs_and_staged_has_no_message() {
    let repo = Repo::new();
    repo.write("a.txt", "a\n");
    repo.commit(
        &format!("msg {}", message_token()),
        "2022-01-01T00:00:00Z",
        "Ann",
    );
    let o = repo.leakhound(&["git", "--format", "json"]);
    let v = json_of(&o);
    assert_eq!(v["summary"]["files_scanned"], 1, "{v:#}");
    assert_eq!(v["summary"]["bytes_scanned"], 2, "{v:#}");
    assert_eq!(v["repository"]["blobs_scanned"], 1, "{v:#}");
    assert_eq!(v["findings"].as_array().unwrap().len(), 1, "{v:#}");
    // `staged` scans the index: there is no commit message yet.
    repo.write("b.txt", "b\n");
    repo.git(&["add", "b.txt"]);
    let o = repo.leakhound(&["staged"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// The `commit-msg` hook the README suggests: git passes it the message file, which
/// `leakhound scan` reads like any file, so a message with a secret is refused before
/// the commit exists.
#[cfg(unix)]
#[test]
fn commit_msg_hook_refuses_a_message_with_a_secret() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::new();
    let bin = assert_cmd::cargo::cargo_bin("leakhound");
    let hook = repo.path().join(".git/hooks/commit-msg");
    std::fs::write(
        &hook,
        format!("#!/bin/sh\nexec '{}' scan -q \"$1\"\n", bin.display()),
    )
    .unwrap();
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    let me = ("Ann", "ann@example.org");
    repo.write("a.txt", "a\n");
    let o = try_commit(&repo, &format!("token {}", message_token()), me, me);
    assert!(!o.status.success(), "the commit went through");
    // Git sends a hook's stdout to its stderr.
    let all = format!("{}{}", stdout(&o), stderr(&o));
    assert!(
        all.contains(".git/COMMIT_EDITMSG:1:7  github-pat-classic"),
        "{all}"
    );
    assert_hidden(&all, &message_token(), "hook");
    assert_eq!(repo.git(&["rev-list", "--all", "--count"]), "0");
    let o = try_commit(&repo, "a clean message", me, me);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(o.stdout.is_empty() && o.stderr.is_empty(), "{}", stderr(&o));
}

/// The playbook's purge steps remove a secret from commit messages too.
#[test]
fn replace_text_file_purges_commit_messages_with_git_filter_repo() {
    let test = "replace_text_file_purges_commit_messages_with_git_filter_repo";
    if !leakhound::report::purge::test_can_use_filter_repo(test) {
        return;
    }
    let repo = Repo::new();
    let tok = message_token();
    repo.write("a.txt", "a\n");
    repo.commit(&format!("deploy with {tok}"), "2022-01-01T00:00:00Z", "Ann");
    let rt = repo
        .path()
        .join("..")
        .join(format!("rt-msg-{}.txt", std::process::id()));
    let o = repo.leakhound(&[
        "git",
        "-q",
        "--format",
        "markdown",
        "--replace-text-file",
        rt.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("--replace-message FILE"),
        "{}",
        stdout(&o)
    );
    let o = std::process::Command::new("git")
        .args(["filter-repo", "--force", "--replace-text"])
        .arg(&rt)
        .arg("--replace-message")
        .arg(&rt)
        .current_dir(repo.path())
        .output()
        .expect("git filter-repo runs (pip install git-filter-repo)");
    std::fs::remove_file(&rt).unwrap();
    assert!(o.status.success(), "filter-repo: {}", stderr(&o));
    let log = repo.git(&["log", "--all", "--format=%B"]);
    assert!(!log.contains(&tok), "{log}");
    assert!(
        log.contains("deploy with REMOVED-github-pat-classic"),
        "{log}"
    );
    let o = repo.leakhound(&["git", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

/// A message whose scan fails (an internal error, injected) is reported, and not shown.
#[test]
fn a_message_that_could_not_be_scanned_is_not_shown() {
    let repo = Repo::new();
    let (in_msg, in_file) = (message_token(), github_token(1));
    repo.write("config.py", format!("TOKEN = \"{in_file}\"\n"));
    let id = repo.commit(
        &format!("config, token {in_msg}"),
        "2022-01-01T00:00:00Z",
        "Ann",
    );
    let o = leakhound()
        .current_dir(repo.path())
        .env("LEAKHOUND_TEST_PANIC_ON", "(message)")
        .env_remove("RUST_BACKTRACE")
        .args(["git", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "leakhound: error: commit {id} (message): internal error while scanning"
        )),
        "{err}"
    );
    assert_hidden(&format!("{}{err}", stdout(&o)), &in_msg, "json");
    let v = json_of(&o);
    let found = v["findings"].as_array().unwrap();
    assert_eq!(found.len(), 1, "{v:#}");
    assert_eq!(found[0]["path"], "config.py");
    assert_eq!(
        found[0]["commit"]["summary"],
        "(not shown: leakhound could not scan it)"
    );
    assert_eq!(found[0]["commit"]["author_name"], "Ann");
}

/// A private key pasted into the first paragraph spans lines, which the summary joins:
/// the summary is made from the redacted message, so no line of the key is left.
#[test]
fn a_multi_line_key_in_the_summary_is_redacted_whole() {
    let repo = Repo::new();
    let key = std::fs::read_to_string(repo_root().join("fixtures/demo/keys/deploy_key")).unwrap();
    repo.write("a.txt", "a\n");
    repo.commit(
        &format!("oops, pasted {}", key.trim_end()),
        "2022-01-01T00:00:00Z",
        "Ann",
    );
    let o = repo.leakhound(&["git", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json_of(&o);
    let f = &findings_at(&v, "<commit message>")[0];
    assert_eq!(f["rule_id"], "private-key-openssh");
    let want = format!("oops, pasted {}", f["secret_redacted"].as_str().unwrap());
    assert_eq!(f["commit"]["summary"], want.as_str());
    for line in key.lines().filter(|l| !l.starts_with("-----")) {
        assert!(!stdout(&o).contains(line), "{line}");
    }
}
