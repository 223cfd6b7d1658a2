//! The pre-commit hook end to end: `leakhound hook install`, then the real `git`
//! committing in every way it can (`-a`, paths, `--amend`, linked worktrees, the
//! pre-commit framework), and what the hook says.

use super::*;

use std::process::Command as StdCommand;

/// `git` in `dir` with a fixed identity and no user or system configuration, and none
/// of the variables git sets for hooks inherited from whatever runs the tests.
fn git_cmd(dir: &Path, args: &[&str]) -> StdCommand {
    program_cmd("git", dir, args)
}

/// `program` in `dir` with the environment of [`git_cmd`].
pub(super) fn program_cmd(program: &str, dir: &Path, args: &[&str]) -> StdCommand {
    let mut c = StdCommand::new(program);
    c.args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Ann")
        .env("GIT_AUTHOR_EMAIL", "ann@example.org")
        .env("GIT_COMMITTER_NAME", "Ann")
        .env("GIT_COMMITTER_EMAIL", "ann@example.org")
        .env("GIT_AUTHOR_DATE", "2023-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2023-01-01T00:00:00Z")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE");
    c
}

/// Runs git in `dir`, whatever its outcome.
fn git_out(dir: &Path, args: &[&str]) -> Output {
    git_cmd(dir, args).output().expect("git runs")
}

/// Runs git in `dir` and expects success; returns its trimmed stdout.
fn git_ok(dir: &Path, args: &[&str]) -> String {
    let o = git_out(dir, args);
    assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
    stdout(&o).trim().to_string()
}

/// A repository with one clean commit (`app.py`, `README`) and the hook installed.
fn hooked_repo() -> Repo {
    let repo = Repo::new();
    repo.write("app.py", "import os\n");
    repo.write("README", "hello\n");
    repo.commit("first", "2023-01-01T00:00:00Z", "Ann");
    let o = repo.leakhound(&["hook", "install"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    repo
}

fn head(repo: &Repo) -> String {
    git_ok(repo.path(), &["rev-parse", "HEAD"])
}

/// Commits with `args`, which must be refused by the hook because of `path`; HEAD must
/// not move.
fn assert_refused(repo: &Repo, args: &[&str], path: &str) -> String {
    let before = head(repo);
    let o = git_out(repo.path(), args);
    let err = stderr(&o);
    assert!(!o.status.success(), "git {args:?} went through: {err}");
    assert_eq!(head(repo), before, "git {args:?} made a commit");
    // git sends the hook's output to its stderr.
    assert!(err.contains(path), "git {args:?}: {err}");
    assert!(err.contains("github-pat-classic"), "git {args:?}: {err}");
    err
}

#[test]
fn hook_refuses_commit_all_with_an_unstaged_secret() {
    // `git commit -a` stages into a temporary index (GIT_INDEX_FILE): `.git/index`
    // does not hold the secret.
    let repo = hooked_repo();
    repo.write("app.py", format!("import os\nT = '{}'\n", github_token(0)));
    assert_refused(&repo, &["commit", "-q", "-a", "-m", "leak"], "app.py:2:6");
    // And the same change staged first is refused too.
    git_ok(repo.path(), &["add", "app.py"]);
    assert_refused(&repo, &["commit", "-q", "-m", "leak"], "app.py:2:6");
}

#[test]
fn hook_refuses_commit_of_named_paths() {
    // `git commit <path>` commits from a temporary index of HEAD plus those paths.
    let repo = hooked_repo();
    repo.write("app.py", format!("import os\nT = '{}'\n", github_token(1)));
    assert_refused(
        &repo,
        &["commit", "-q", "-m", "leak", "app.py"],
        "app.py:2:6",
    );
    assert_refused(
        &repo,
        &["commit", "-q", "-m", "leak", "--", "app.py", "README"],
        "app.py:2:6",
    );
    // Run from a subdirectory, with a path relative to it.
    git_ok(repo.path(), &["checkout", "--", "app.py"]);
    repo.write("sub/conf.py", "x = 1\n");
    repo.commit("sub", "2023-01-02T00:00:00Z", "Ann");
    repo.write("sub/conf.py", format!("x = 1\nT = '{}'\n", github_token(2)));
    let sub = repo.path().join("sub");
    let before = head(&repo);
    let o = git_out(&sub, &["commit", "-q", "-m", "leak", "conf.py"]);
    assert!(!o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("sub/conf.py:2:6"), "{}", stderr(&o));
    assert_eq!(head(&repo), before);
}

#[test]
fn hook_refuses_an_amend_that_adds_a_secret() {
    let repo = hooked_repo();
    // Staged, then --amend.
    repo.write("app.py", format!("import os\nT = '{}'\n", github_token(0)));
    git_ok(repo.path(), &["add", "app.py"]);
    assert_refused(
        &repo,
        &["commit", "-q", "--amend", "-m", "first, amended"],
        "app.py:2:6",
    );
    git_ok(repo.path(), &["reset", "-q", "--hard"]);
    // Not staged: --amend -a, and --amend with a path (temporary indexes).
    repo.write("README", format!("hello\ntoken {}\n", github_token(1)));
    assert_refused(
        &repo,
        &["commit", "-q", "--amend", "-a", "--no-edit"],
        "README:2:7",
    );
    assert_refused(
        &repo,
        &["commit", "-q", "--amend", "--no-edit", "README"],
        "README:2:7",
    );
    // A clean amend goes through.
    repo.write("README", "hello again\n");
    let o = git_out(repo.path(), &["commit", "-q", "--amend", "-a", "--no-edit"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn clean_commits_through_the_hook_print_nothing() {
    let repo = hooked_repo();
    let script = std::fs::read_to_string(repo.path().join(".git/hooks/pre-commit")).unwrap();
    assert!(script.contains(" staged -q\n"), "{script}");
    let runs: [(&str, &[&str]); 4] = [
        ("app.py", &["commit", "-q", "-a", "-m", "all"]),
        ("README", &["commit", "-q", "-m", "path", "README"]),
        ("app.py", &["commit", "-q", "-a", "--amend", "--no-edit"]),
        ("", &["commit", "-q", "--allow-empty", "-m", "empty"]),
    ];
    for (n, (file, args)) in runs.into_iter().enumerate() {
        if !file.is_empty() {
            repo.write(file, format!("import os\nprint({n})\n"));
        }
        let before = head(&repo);
        let o = git_out(repo.path(), args);
        assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
        assert_ne!(head(&repo), before, "git {args:?} made no commit");
        assert!(o.stdout.is_empty(), "git {args:?}: {}", stdout(&o));
        assert!(o.stderr.is_empty(), "git {args:?}: {}", stderr(&o));
    }
}

#[test]
fn refusal_says_how_to_handle_a_false_positive_and_does_not_speak_of_history() {
    let repo = hooked_repo();
    repo.write("app.py", format!("import os\nT = '{}'\n", github_token(0)));
    git_ok(repo.path(), &["add", "app.py"]);
    let fingerprint = json_of(&repo.leakhound(&["staged", "-q", "--format", "json"]))["findings"]
        [0]["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    let err = assert_refused(&repo, &["commit", "-q", "-m", "leak"], "app.py:2:6");
    assert!(err.contains("leakhound:allow"), "{err}");
    assert!(err.contains("[[allow]]"), "{err}");
    assert!(
        err.contains(&format!("fingerprints = [\"{fingerprint}\"]")),
        "{err}"
    );
    assert!(err.contains("git commit --no-verify"), "{err}");
    assert!(err.contains("Not committed"), "{err}");
    assert!(err.contains("environment variable"), "{err}");
    assert!(
        err.contains("`leakhound rules show github-pat-classic` prints the steps"),
        "{err}"
    );
    let lower = err.to_lowercase();
    for claim in ["history", "already be copied", "stays in"] {
        assert!(!lower.contains(claim), "claims {claim:?}: {err}");
    }

    // The advice works: the fingerprint in the config lets the commit through.
    repo.write(
        ".leakhound.toml",
        format!("[[allow]]\ndescription = \"test key\"\nfingerprints = [\"{fingerprint}\"]\n"),
    );
    git_ok(repo.path(), &["add", ".leakhound.toml"]);
    let o = git_out(repo.path(), &["commit", "-q", "-m", "allowed"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    // So does the inline marker.
    repo.write(
        "README",
        format!("hello\ntoken {} leakhound:allow\n", github_token(1)),
    );
    let o = git_out(repo.path(), &["commit", "-q", "-a", "-m", "marked"]);
    assert!(o.status.success(), "{}", stderr(&o));

    // Two secrets: both fingerprints in the snippet.
    repo.write(
        "two.py",
        format!("A = '{}'\nB = '{}'\n", github_token(1), github_token(2)),
    );
    git_ok(repo.path(), &["add", "two.py"]);
    let o = repo.leakhound(&["staged", "-q"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("the secrets above"), "{out}");
    let prints = json_of(&repo.leakhound(&["staged", "-q", "--format", "json"]));
    let prints: Vec<String> = prints["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("\"{}\"", f["fingerprint"].as_str().unwrap()))
        .collect();
    assert!(
        out.contains(&format!("fingerprints = [{}]", prints.join(", "))),
        "{out}"
    );
}

#[test]
fn staged_reads_the_index_named_by_git_index_file() {
    let repo = hooked_repo();
    // A temporary index holding a secret, as `git commit -a` writes one.
    repo.write("app.py", format!("import os\nT = '{}'\n", github_token(0)));
    let tmp_index = repo.path().join(".git/tmp-index");
    std::fs::copy(repo.path().join(".git/index"), &tmp_index).unwrap();
    let o = git_cmd(repo.path(), &["add", "app.py"])
        .env("GIT_INDEX_FILE", &tmp_index)
        .output()
        .unwrap();
    assert!(o.status.success());
    // `.git/index` is clean; the named index is not. Relative to the working directory.
    let plain = repo.leakhound(&["staged", "-q"]);
    assert_eq!(plain.status.code(), Some(0), "{}", stdout(&plain));
    for value in [tmp_index.to_str().unwrap(), ".git/tmp-index"] {
        let o = leakhound()
            .current_dir(repo.path())
            .env("GIT_INDEX_FILE", value)
            .args(["staged", "-q"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{value}: {}", stderr(&o));
        assert!(stdout(&o).contains("app.py:2:6"), "{}", stdout(&o));
    }
    // Given the same repository by path, the variable still applies; another
    // repository keeps its own index.
    let o = leakhound()
        .current_dir(repo.path())
        .env("GIT_INDEX_FILE", &tmp_index)
        .args(["staged", "-q"])
        .arg(repo.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let other = Repo::new();
    other.write("x.txt", "x\n");
    other.git(&["add", "x.txt"]);
    let o = leakhound()
        .current_dir(repo.path())
        .env("GIT_INDEX_FILE", &tmp_index)
        .args(["staged", "-q"])
        .arg(other.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // A named index that does not exist is an error, not an empty (clean) index.
    let o = leakhound()
        .current_dir(repo.path())
        .env("GIT_INDEX_FILE", ".git/no-such-index")
        .args(["staged", "-q"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("GIT_INDEX_FILE=.git/no-such-index"), "{err}");
}

// ---------------------------------------------------------------------------------
// Where the hook goes

/// Where git itself runs hooks from, for the work tree at `dir`.
fn git_hooks_dir(dir: &Path) -> PathBuf {
    let p = PathBuf::from(git_ok(dir, &["rev-parse", "--git-path", "hooks"]));
    std::fs::canonicalize(dir.join(&p)).unwrap_or_else(|_| dir.join(p))
}

/// The hook path `hook install` reported, canonicalised.
fn installed_at(o: &Output) -> PathBuf {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    let out = stdout(o);
    let path = out.split(": ").next().unwrap();
    let path = Path::new(path);
    std::fs::canonicalize(path.parent().unwrap())
        .unwrap()
        .join(path.file_name().unwrap())
}

#[test]
fn hook_install_in_a_linked_worktree_goes_where_git_runs_hooks() {
    let repo = Repo::new();
    repo.write("app.py", "import os\n");
    repo.commit("first", "2023-01-01T00:00:00Z", "Ann");
    let wt_parent = Dir::new();
    let wt = wt_parent.path().join("feature");
    git_ok(
        repo.path(),
        &[
            "worktree",
            "add",
            "-q",
            "-b",
            "feature",
            wt.to_str().unwrap(),
        ],
    );
    let o = leakhound()
        .current_dir(&wt)
        .args(["hook", "install"])
        .output()
        .unwrap();
    let hook = installed_at(&o);
    assert_eq!(hook, git_hooks_dir(&wt).join("pre-commit"));
    assert!(!repo.path().join(".git/worktrees/feature/hooks").exists());
    // And git runs it there: a secret committed in the worktree is refused.
    std::fs::write(
        wt.join("app.py"),
        format!("import os\nT = '{}'\n", github_token(0)),
    )
    .unwrap();
    let o = git_out(&wt, &["commit", "-q", "-a", "-m", "leak"]);
    assert!(!o.status.success(), "the commit went through");
    assert!(stderr(&o).contains("app.py:2:6"), "{}", stderr(&o));
    // A clean one is not.
    std::fs::write(wt.join("app.py"), "import sys\n").unwrap();
    let o = git_out(&wt, &["commit", "-q", "-a", "-m", "clean"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
}

#[test]
fn hook_install_follows_core_hooks_path_as_git_does() {
    let repo = Repo::new();
    repo.write("sub/app.py", "import os\n");
    repo.commit("first", "2023-01-01T00:00:00Z", "Ann");
    // Relative: to the top of the work tree (where git runs hooks), not to the
    // directory `hook install` runs in.
    repo.git(&["config", "core.hooksPath", "tools/hooks"]);
    let o = leakhound()
        .current_dir(repo.path().join("sub"))
        .args(["hook", "install"])
        .output()
        .unwrap();
    let hook = installed_at(&o);
    assert_eq!(hook, git_hooks_dir(repo.path()).join("pre-commit"));
    assert!(
        hook.ends_with("tools/hooks/pre-commit"),
        "{}",
        hook.display()
    );
    // Absolute.
    let elsewhere = Dir::new();
    let abs = elsewhere.path().join("hooks");
    repo.git(&["config", "core.hooksPath", abs.to_str().unwrap()]);
    let hook = installed_at(&repo.leakhound(&["hook", "install"]));
    assert_eq!(hook, git_hooks_dir(repo.path()).join("pre-commit"));
    assert!(abs.join("pre-commit").is_file());

    // Set only in a linked worktree's own config, relative to that worktree's top.
    repo.git(&["config", "--unset", "core.hooksPath"]);
    repo.git(&["config", "extensions.worktreeConfig", "true"]);
    let wt_parent = Dir::new();
    let wt = wt_parent.path().join("wt");
    git_ok(
        repo.path(),
        &["worktree", "add", "-q", "-b", "wt", wt.to_str().unwrap()],
    );
    git_ok(&wt, &["config", "--worktree", "core.hooksPath", "wt-hooks"]);
    let o = leakhound()
        .current_dir(&wt)
        .args(["hook", "install"])
        .output()
        .unwrap();
    let hook = installed_at(&o);
    assert_eq!(hook, git_hooks_dir(&wt).join("pre-commit"));
    assert!(wt.join("wt-hooks/pre-commit").is_file());
    std::fs::write(
        wt.join("sub/app.py"),
        format!("T = '{}'\n", github_token(1)),
    )
    .unwrap();
    let o = git_out(&wt, &["commit", "-q", "-a", "-m", "leak"]);
    assert!(!o.status.success(), "the commit went through");
    assert!(stderr(&o).contains("sub/app.py:1:6"), "{}", stderr(&o));
}

#[test]
fn hook_install_refuses_a_bare_repository() {
    let d = Dir::new();
    git_ok(d.path(), &["init", "-q", "--bare", "repo.git"]);
    let o = d
        .cmd()
        .args(["hook", "install", "repo.git"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("repo.git"), "{err}");
    assert!(err.contains("bare repository"), "{err}");
    assert!(err.contains("no pre-commit hook"), "{err}");
    assert!(!d.path().join("repo.git/hooks/pre-commit").exists());
}

#[cfg(unix)]
#[test]
fn hook_install_force_replaces_a_symlink_not_its_target() {
    let repo = Repo::new();
    let shared = Dir::new();
    let target = shared.write("team-pre-commit", "#!/bin/sh\necho team hook\n");
    let hook = repo.path().join(".git/hooks/pre-commit");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&target, &hook).unwrap();
    // Without --force: refused, naming the link.
    let o = repo.leakhound(&["hook", "install"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("symbolic link"), "{}", stderr(&o));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    // With --force: the link becomes leakhound's hook; the target is untouched.
    let o = repo.leakhound(&["hook", "install", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "#!/bin/sh\necho team hook\n"
    );
    let meta = std::fs::symlink_metadata(&hook).unwrap();
    assert!(meta.file_type().is_file(), "{meta:?}");
    assert!(
        std::fs::read_to_string(&hook)
            .unwrap()
            .contains("staged -q")
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(meta.permissions().mode() & 0o111, 0o111);
    // The link itself is kept beside it, for `hook uninstall` to put back.
    let kept = hook.with_file_name("pre-commit.before-leakhound");
    assert_eq!(std::fs::read_link(&kept).unwrap(), target);
    std::fs::remove_file(&kept).unwrap();
    // A link to a file with leakhound's marker is still a link: not written through.
    let ours = shared.write(
        "ours",
        std::fs::read_to_string(&hook).unwrap() + "# edited\n",
    );
    std::fs::remove_file(&hook).unwrap();
    std::os::unix::fs::symlink(&ours, &hook).unwrap();
    let o = repo.leakhound(&["hook", "install", "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&ours)
            .unwrap()
            .ends_with("# edited\n")
    );
    assert!(
        !std::fs::symlink_metadata(&hook)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_hook_that_already_runs_leakhound_staged_is_recognised() {
    let repo = Repo::new();
    let hook = repo.path().join(".git/hooks/pre-commit");
    for script in [
        "#!/bin/sh\nset -e\ncargo fmt --check\nleakhound staged\n",
        "#!/bin/sh\n/usr/local/bin/leakhound staged -q || exit 1\n",
        "#!/bin/bash\nexec \"$HOME/.cargo/bin/leakhound\" staged\n",
    ] {
        std::fs::write(&hook, script).unwrap();
        let o = repo.leakhound(&["hook", "install"]);
        assert_eq!(o.status.code(), Some(0), "{script}: {}", stderr(&o));
        assert!(
            stdout(&o).contains("already runs `leakhound staged`"),
            "{}",
            stdout(&o)
        );
        assert_eq!(std::fs::read_to_string(&hook).unwrap(), script);
    }
    // The pre-commit framework's own hook: left alone, pointing at its configuration.
    let framework = "#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\n\
                     exec python3 -mpre_commit hook-impl --hook-type=pre-commit\n";
    std::fs::write(&hook, framework).unwrap();
    let o = repo.leakhound(&["hook", "install"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(".pre-commit-config.yaml"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&hook).unwrap(), framework);
    // Mentioned only in a comment, another subcommand, or not text: a different hook.
    for script in [
        &b"#!/bin/sh\n# TODO: leakhound staged\nmake lint\n"[..],
        b"#!/bin/sh\nleakhound scan .\n",
        b"\x7fELF\x02\x01\xff\xfe\0\0leakhound",
    ] {
        std::fs::write(&hook, script).unwrap();
        let o = repo.leakhound(&["hook", "install"]);
        assert_eq!(o.status.code(), Some(2), "{script:?}");
        assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
        assert_eq!(std::fs::read(&hook).unwrap(), script);
    }
}

// ---------------------------------------------------------------------------------
// The pre-commit framework (pre-commit.com)

/// The `entry:` of this repository's `.pre-commit-hooks.yaml`, split into words.
fn framework_entry() -> Vec<String> {
    let text = std::fs::read_to_string(repo_root().join(".pre-commit-hooks.yaml")).unwrap();
    let entry = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("entry: "))
        .expect("an entry");
    assert!(text.contains("pass_filenames: false\n"), "{text}");
    entry.split_whitespace().map(str::to_string).collect()
}

/// A PATH on which `leakhound` is the binary under test.
pub(super) fn path_with_leakhound() -> std::ffi::OsString {
    let bin = assert_cmd::cargo::cargo_bin("leakhound");
    let mut dirs = vec![bin.parent().unwrap().to_path_buf()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).unwrap()
}

#[cfg(unix)]
#[test]
fn pre_commit_framework_invocation_sees_what_is_committed() {
    // What the framework's hook does, step by step: from the top of the work tree,
    // with git's hook environment passed on, it stashes unstaged changes as a patch
    // (diffing the index git named against the work tree), runs the hook's entry with
    // no file arguments (`pass_filenames: false`), then restores the patch.
    let entry = framework_entry();
    assert_eq!(entry, ["leakhound", "staged"]);
    let repo = Repo::new();
    repo.write("app.py", "import os\n");
    repo.write("README", "hello\n");
    repo.commit("first", "2023-01-01T00:00:00Z", "Ann");
    let script = format!(
        "#!/bin/sh\n\
         cd \"$(git rev-parse --show-toplevel)\" || exit 1\n\
         tree=$(git write-tree) || exit 1\n\
         patch=\"$(git rev-parse --git-dir)/framework.patch\"\n\
         git diff-index --ignore-submodules --binary --no-color --no-ext-diff \"$tree\" -- > \"$patch\"\n\
         [ -s \"$patch\" ] && git checkout -- .\n\
         {}\n\
         status=$?\n\
         [ -s \"$patch\" ] && git apply --whitespace=nowarn \"$patch\"\n\
         rm -f \"$patch\"\n\
         exit $status\n",
        entry.join(" ")
    );
    let hook = repo.path().join(".git/hooks/pre-commit");
    std::fs::write(&hook, script).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = path_with_leakhound();
    let commit = |args: &[&str]| {
        git_cmd(repo.path(), args)
            .env("PATH", &path)
            .output()
            .unwrap()
    };

    repo.write("app.py", format!("import os\nT = '{}'\n", github_token(0)));
    for args in [
        &["commit", "-q", "-a", "-m", "leak"][..],
        &["commit", "-q", "-m", "leak", "app.py"][..],
    ] {
        let before = head(&repo);
        let o = commit(args);
        assert!(!o.status.success(), "git {args:?} went through");
        assert!(stderr(&o).contains("app.py:2:6"), "{}", stderr(&o));
        assert_eq!(head(&repo), before);
    }
    // Staged and then hidden by an unstaged edit: the staged secret is what counts.
    git_ok(repo.path(), &["add", "app.py"]);
    repo.write("app.py", "import os\n");
    let o = commit(&["commit", "-q", "-m", "leak"]);
    assert!(!o.status.success(), "the staged secret went through");
    assert_eq!(
        std::fs::read_to_string(repo.path().join("app.py")).unwrap(),
        "import os\n"
    );
    // An --amend adding it.
    let o = commit(&["commit", "-q", "--amend", "--no-edit"]);
    assert!(!o.status.success(), "the amend went through");
    // Clean.
    git_ok(repo.path(), &["reset", "-q", "--hard"]);
    repo.write("README", "hello again\n");
    let o = commit(&["commit", "-q", "-a", "-m", "clean"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// The real pre-commit framework, if it is installed (`pip install pre-commit`); skipped
/// loudly otherwise, unless `LEAKHOUND_REQUIRE_PRE_COMMIT` is set (as `.ci/run` does).
#[test]
fn pre_commit_framework_for_real_when_installed() {
    let path = path_with_leakhound();
    let found = StdCommand::new("pre-commit")
        .arg("--version")
        .env("PATH", &path)
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("LEAKHOUND_REQUIRE_PRE_COMMIT").is_none(),
            "pre-commit is required here (LEAKHOUND_REQUIRE_PRE_COMMIT is set) but not on \
             PATH: pip install pre-commit"
        );
        // Straight to the stream: the test harness captures `eprintln!` of passing tests.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "\n*** SKIPPED pre_commit_framework_for_real_when_installed: `pre-commit` is not \
             on PATH (`pip install pre-commit` runs it; CI requires it); the simulated \
             invocation still ran ***\n"
        );
        return;
    }
    let entry = framework_entry();
    let repo = Repo::new();
    repo.write("app.py", "import os\n");
    // A local hook with this repository's entry: the framework runs it the same way as
    // from a hook repository, from `language: system` on PATH.
    repo.write(
        ".pre-commit-config.yaml",
        format!(
            "repos:\n- repo: local\n  hooks:\n  - id: leakhound\n    name: leakhound\n    \
             entry: {}\n    language: system\n    pass_filenames: false\n    always_run: true\n",
            entry.join(" ")
        ),
    );
    repo.commit("first", "2023-01-01T00:00:00Z", "Ann");
    let cache = Dir::new();
    let run = |program: &str, args: &[&str]| {
        program_cmd(program, repo.path(), args)
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", cache.path())
            .output()
            .unwrap()
    };
    let o = run("pre-commit", &["install"]);
    assert!(o.status.success(), "{}", stderr(&o));
    repo.write("app.py", format!("import os\nT = '{}'\n", github_token(0)));
    for args in [
        &["commit", "-q", "-a", "-m", "leak"][..],
        &["commit", "-q", "-m", "leak", "app.py"][..],
    ] {
        let before = head(&repo);
        let o = run("git", args);
        assert!(!o.status.success(), "git {args:?} went through");
        assert!(
            stdout(&o).contains("app.py:2:6") || stderr(&o).contains("app.py:2:6"),
            "{}{}",
            stdout(&o),
            stderr(&o)
        );
        assert_eq!(head(&repo), before);
    }
}

#[test]
fn staged_playbook_speaks_of_staged_changes_not_history() {
    let repo = hooked_repo();
    repo.write("app.py", format!("import os\nT = '{}'\n", github_token(0)));
    git_ok(repo.path(), &["add", "app.py"]);
    let fingerprint = json_of(&repo.leakhound(&["staged", "-q", "--format", "json"]))["findings"]
        [0]["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    let o = repo.leakhound(&["staged", "-q", "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(1));
    let doc = stdout(&o);
    assert!(
        doc.contains("of the staged changes. It is not committed yet"),
        "{doc}"
    );
    assert!(doc.contains("staged, not committed"), "{doc}");
    assert!(
        doc.contains(&format!("**Fingerprint**: `{fingerprint}`")),
        "{doc}"
    );
    assert!(doc.contains("leakhound:allow"), "{doc}");
    assert!(doc.contains("git commit --no-verify"), "{doc}");
    assert!(doc.contains("ever shared"), "{doc}");
    for claim in ["git history", "Purge", "may already hold a copy", "at HEAD"] {
        assert!(!doc.contains(claim), "claims {claim:?}: {doc}");
    }
    // A working-tree scan keeps its own wording.
    let o = repo.leakhound(&["scan", "-q", "--format", "markdown", "app.py"]);
    assert!(
        stdout(&o).contains("may already hold a copy"),
        "{}",
        stdout(&o)
    );
}

#[cfg(unix)]
#[test]
fn hook_in_a_git_dir_and_work_tree_setup_reads_what_git_names() {
    // The "dotfiles" setup: a bare repository committed from a separate work tree with
    // `git --git-dir=… --work-tree=…`; git passes GIT_DIR to the hook, whose working
    // directory (the work tree) is not inside any repository.
    let d = Dir::new();
    git_ok(d.path(), &["init", "-q", "--bare", "-b", "main", "dot.git"]);
    let home = d.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let hook = d.path().join("dot.git/hooks/pre-commit");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("leakhound");
    std::fs::write(
        &hook,
        format!("#!/bin/sh\nexec '{}' staged -q\n", bin.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    let git_dir = format!("--git-dir={}", d.path().join("dot.git").display());
    let work_tree = format!("--work-tree={}", home.display());
    let git = |args: &[&str]| {
        let mut all = vec![git_dir.as_str(), work_tree.as_str()];
        all.extend(args);
        git_out(&home, &all)
    };
    std::fs::write(home.join(".profile"), "export EDITOR=vi\n").unwrap();
    assert!(git(&["add", ".profile"]).status.success());
    let o = git(&["commit", "-q", "-m", "profile"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    std::fs::write(
        home.join(".profile"),
        format!(
            "export EDITOR=vi\nexport GITHUB_TOKEN={}\n",
            github_token(0)
        ),
    )
    .unwrap();
    let o = git(&["commit", "-q", "-a", "-m", "token"]);
    assert!(!o.status.success(), "the commit went through");
    assert!(stderr(&o).contains(".profile:2:21"), "{}", stderr(&o));
}

/// `text` in UTF-16 LE with a byte-order mark.
fn utf16le(text: &str) -> Vec<u8> {
    let mut b = vec![0xFF, 0xFE];
    b.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    b
}

#[test]
fn hook_refuses_files_git_diffs_as_binary() {
    // libgit2 gives no text patch for UTF-16 text (NUL bytes) or for a path that
    // `.gitattributes` marks `binary` or `-diff`: their added lines are unknown, so
    // the whole staged file is scanned (and a clean one still passes).
    let repo = hooked_repo();
    repo.write(
        "notes.txt",
        utf16le(&format!("token = '{}'\n", github_token(0))),
    );
    git_ok(repo.path(), &["add", "notes.txt"]);
    assert_refused(&repo, &["commit", "-q", "-m", "u16"], "notes.txt");
    assert_refused(
        &repo,
        &["commit", "-q", "-m", "u16", "notes.txt"],
        "notes.txt",
    );
    git_ok(repo.path(), &["rm", "-q", "--cached", "notes.txt"]);
    std::fs::remove_file(repo.path().join("notes.txt")).unwrap();

    repo.write(".gitattributes", "*.lock -diff\n*.json binary\n");
    repo.write(
        "deps.lock",
        format!("{{\"token\": \"{}\"}}\n", github_token(1)),
    );
    git_ok(repo.path(), &["add", ".gitattributes", "deps.lock"]);
    assert_refused(&repo, &["commit", "-q", "-m", "lock"], "deps.lock");
    git_ok(repo.path(), &["rm", "-q", "--cached", "deps.lock"]);
    repo.write(
        "data.json",
        format!("{{\"token\": \"{}\"}}\n", github_token(2)),
    );
    git_ok(repo.path(), &["add", "data.json"]);
    assert_refused(&repo, &["commit", "-q", "-m", "json"], "data.json");

    // A real binary file and a clean UTF-16 file go through, silently.
    git_ok(repo.path(), &["rm", "-q", "--cached", "data.json"]);
    repo.write("logo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01");
    repo.write("clean.txt", utf16le("nothing to see\n"));
    git_ok(repo.path(), &["add", "logo.png", "clean.txt"]);
    let o = git_out(repo.path(), &["commit", "-q", "-m", "assets"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty() && o.stderr.is_empty(), "{}", stderr(&o));
}

#[test]
fn a_split_index_is_an_error_that_says_how_to_turn_it_off() {
    let repo = hooked_repo();
    git_ok(repo.path(), &["config", "core.splitIndex", "true"]);
    git_ok(repo.path(), &["update-index", "--split-index"]);
    repo.write("app.py", "import os\nx = 1\n");
    git_ok(repo.path(), &["add", "app.py"]);
    let o = repo.leakhound(&["staged"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("cannot read the index"), "{err}");
    assert!(err.contains("git update-index --no-split-index"), "{err}");
}
