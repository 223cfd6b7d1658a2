//! Repositories owned by another user, as a CI checkout made by another account is.
//! libgit2 refuses to open those unless its owner validation is off, which leakhound
//! sets once for the process (`source::git::configure_libgit2`): every subcommand must
//! see such a repository as it sees one of its own. Giving a directory away takes
//! root: elsewhere these tests say SKIPPED and check nothing.

use super::*;

use std::os::unix::fs::MetadataExt;

/// The uid and gid the repositories are given to: nobody's in particular.
const STRANGER: u32 = 12345;

/// Gives `dir` and everything under it to [`STRANGER`]. `false`, with a loud SKIPPED
/// line naming `test`, when that is impossible (not root) or changes no owner.
fn give_away(dir: &Path, test: &str) -> bool {
    let before = std::fs::metadata(dir).unwrap().uid();
    let chown = std::process::Command::new("chown")
        .arg("-R")
        .arg(format!("{STRANGER}:{STRANGER}"))
        .arg(dir)
        .output();
    let after = std::fs::metadata(dir).unwrap().uid();
    let given = matches!(&chown, Ok(o) if o.status.success()) && after == STRANGER;
    if !given || before == STRANGER {
        eprintln!(
            "SKIPPED: {test}: cannot give {} to uid {STRANGER} (needs root): {}",
            dir.display(),
            match &chown {
                Ok(o) => stderr(o).lines().next().unwrap_or_default().to_string(),
                Err(e) => e.to_string(),
            }
        );
        return false;
    }
    true
}

/// `leakhound ARGS` in `dir`, with no user git configuration (a `safe.directory` there
/// would let libgit2 open a stranger's repository anyway).
fn leakhound_in(dir: &Path, args: &[&str]) -> Output {
    let home = Dir::new();
    leakhound()
        .current_dir(dir)
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .args(args)
        .output()
        .unwrap()
}

/// A repository with a token committed under `tests/`, which its `.leakhound.toml`
/// allowlists, and a committed `.env`; staged on top, another token there and one in
/// `src/app.py`.
fn stranger_repo(test: &str) -> Option<Repo> {
    let repo = Repo::new();
    repo.write("tests/fixture.py", format!("T = '{}'\n", github_token(0)));
    repo.write(
        ".leakhound.toml",
        "[[allow]]\ndescription = \"fixtures\"\npaths = [\"tests/**\"]\n",
    );
    repo.write(".env", "DB_PASSWORD=correct-horse-fake-battery\n");
    repo.commit("first", "2021-03-01T00:00:00Z", "Ann");
    repo.write(
        "tests/fixture.py",
        format!("T = '{}'\nU = '{}'\n", github_token(0), github_token(2)),
    );
    repo.write("src/app.py", format!("T = '{}'\n", github_token(1)));
    repo.git(&["add", "-A"]);
    give_away(repo.path(), test).then_some(repo)
}

#[test]
fn git_loads_the_config_of_a_repository_owned_by_another_user() {
    let Some(repo) = stranger_repo("git_loads_the_config_of_a_repository_owned_by_another_user")
    else {
        return;
    };
    // The config is found through the repository's work tree: named as `.` and from
    // elsewhere.
    let here = leakhound_in(repo.path(), &["git", "-q", "--format", "json"]);
    let elsewhere = Dir::new();
    let path = repo.path().to_str().unwrap();
    let there = leakhound_in(elsewhere.path(), &["git", "-q", "--format", "json", path]);
    for o in [here, there] {
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        // The fixture token is allowlisted; the committed `.env` is not.
        assert_eq!(committed_env_files(&o), [".env"]);
        assert_eq!(locations(&json_of(&o)).len(), 1, "{}", stdout(&o));
    }
}

#[test]
fn scan_sees_the_index_and_work_tree_of_a_repository_owned_by_another_user() {
    let Some(repo) =
        stranger_repo("scan_sees_the_index_and_work_tree_of_a_repository_owned_by_another_user")
    else {
        return;
    };
    // A `.env` is reported only when git tracks it: the index must be readable.
    let o = leakhound_in(repo.path(), &["scan", "-q", "--format", "json", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(committed_env_files(&o), [".env"]);
    // And the config applies: the fixture is allowlisted, `src/app.py` is not.
    assert_eq!(locations(&json_of(&o)).len(), 2, "{}", stdout(&o));
    // SARIF URIs are relative to the work tree, also when a subdirectory is scanned
    // from inside it (there is no config there, so the fixture is reported).
    let o = leakhound_in(
        &repo.path().join("tests"),
        &["scan", "-q", "--format", "sarif", "."],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc = json_of(&o);
    let location = &doc["runs"][0]["results"][0]["locations"][0];
    assert_eq!(
        location["physicalLocation"]["artifactLocation"]["uri"], "tests/fixture.py",
        "{location}"
    );
}

#[test]
fn staged_and_hook_install_open_a_repository_owned_by_another_user() {
    let Some(repo) =
        stranger_repo("staged_and_hook_install_open_a_repository_owned_by_another_user")
    else {
        return;
    };
    let o = leakhound_in(repo.path(), &["hook", "install"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(repo.path().join(".git/hooks/pre-commit").is_file());
    // The staged token under `tests/` is allowlisted by the config.
    let o = leakhound_in(repo.path(), &["staged", "-q", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json_of(&o);
    let paths: Vec<Value> = locations(&v).iter().map(|l| l["path"].clone()).collect();
    assert_eq!(paths, ["src/app.py"], "{v}");
}
