//! CI and pipes: closed standard output, SARIF for code scanning, `--range` forms,
//! shallow clones and remote URLs, baseline counts.

use super::*;

use std::io::{BufRead, BufReader};
use std::process::Stdio;

/// The real binary as a `std::process::Command` (to spawn it with our own pipes), with
/// the same pinned clock, time zone and locale as [`leakhound`].
fn leakhound_process() -> std::process::Command {
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("leakhound"));
    c.env_remove("NO_COLOR")
        .env("SOURCE_DATE_EPOCH", SCAN_DATE.to_string())
        .env("TZ", "UTC")
        .env("LC_ALL", "C");
    c
}

/// Runs `args` in `dir` with standard output a pipe whose reader reads one line and
/// goes away; returns the exit code and standard error.
fn read_one_line_then_close(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = leakhound_process()
        .current_dir(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(!line.is_empty());
    drop(reader);
    let out = child.wait_with_output().unwrap();
    (out.status.code(), stderr(&out))
}

/// Runs `args` in `dir` with standard output a pipe whose reader is already closed, so
/// the very first write fails.
fn with_closed_stdout(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = leakhound_process()
        .current_dir(dir)
        .args(args)
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (out.status.code(), stderr(&out))
}

/// A tree whose JSON report is several megabytes (one secret at 6,000 locations), far
/// more than any pipe buffer holds: the writer is still writing when the reader leaves.
fn big_report_tree() -> Dir {
    let d = Dir::new();
    let line = format!("token = \"{}\"\n", github_token(0));
    d.write("many.py", line.repeat(6_000));
    d
}

#[test]
fn a_closed_pipe_ends_the_report_quietly_and_keeps_the_exit_code() {
    let d = big_report_tree();
    let (code, err) = read_one_line_then_close(d.path(), &["scan", "--format", "json", "."]);
    assert_eq!(code, Some(1), "{err}");
    assert!(!err.to_lowercase().contains("pipe"), "{err}");
    assert!(!err.contains("error"), "{err}");
    // The summary on stderr is still written: only stdout went away.
    assert!(err.contains("1 secret found"), "{err}");

    // The same for every format, with the reader gone before the first write.
    for format in ["text", "json", "sarif", "markdown"] {
        let (code, err) = with_closed_stdout(d.path(), &["scan", "-q", "--format", format, "."]);
        assert_eq!(code, Some(1), "{format}: {err}");
        assert_eq!(err, "", "{format}");
    }
    // A clean scan still exits 0.
    let clean = Dir::new();
    clean.write("a.txt", "nothing here\n");
    let (code, err) = with_closed_stdout(clean.path(), &["scan", "-q", "."]);
    assert_eq!((code, err.as_str()), (Some(0), ""));
}

#[test]
fn rules_commands_stop_quietly_on_a_closed_pipe() {
    let d = Dir::new();
    let (code, err) = read_one_line_then_close(d.path(), &["rules", "list"]);
    assert_eq!((code, err.as_str()), (Some(0), ""));
    for args in [
        &["rules", "list"][..],
        &["rules", "list", "--format", "json"],
        &["rules", "check"],
        &["rules", "show", "github-pat-classic"],
    ] {
        let (code, err) = with_closed_stdout(d.path(), args);
        assert_eq!((code, err.as_str()), (Some(0), ""), "{args:?}");
    }
    // `rules check` keeps its own verdict: a broken rule file is still exit 1.
    d.write(
        "bad.toml",
        USER_RULE.replace("acme_short", "acme_q8w7e6r5t4y3u2i1o9p8a7s7"),
    );
    let (code, err) = with_closed_stdout(d.path(), &["rules", "check", "--rules", "bad.toml"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(!err.to_lowercase().contains("pipe"), "{err}");
}

/// `baseline create` and the scans that use the baseline count in the same units:
/// secrets, and the locations holding them.
#[test]
fn baseline_counts_secrets_and_locations_in_one_unit() {
    let d = Dir::new();
    // Two secrets: one at 3 locations in 2 files, one at 1 location.
    d.write(
        "a.py",
        format!("A = '{}'\nB = '{}'\n", github_token(0), github_token(0)),
    );
    d.write("b.py", format!("A = '{}'\n", github_token(0)));
    d.write("c.py", format!("C = '{}'\n", github_token(1)));
    let o = d
        .cmd()
        .args(["baseline", "create", "base.json", "scan", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("base.json written: 2 secrets at 4 locations accepted"),
        "{}",
        stderr(&o)
    );
    let o = d
        .cmd()
        .args(["scan", "--format", "json", "--baseline", "base.json", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("; suppressed: 2 secrets at 4 locations by baseline"),
        "{}",
        stderr(&o)
    );
    let suppressed = &json_of(&o)["summary"]["suppressed"];
    assert_eq!(suppressed["baseline"], 4, "{suppressed}");
    assert_eq!(suppressed["baseline_secrets"], 2, "{suppressed}");

    // A new location of an accepted secret in a new file is reported; the secret is
    // then both reported (one location) and suppressed (four).
    d.write("d.py", format!("A = '{}'\n", github_token(0)));
    let o = d
        .cmd()
        .args(["scan", "--baseline", "base.json", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("1 secret found; scanned")
            && err.contains("suppressed: 2 secrets at 4 locations by baseline"),
        "{err}"
    );
}

/// The rule ids and paths of a JSON report's findings, sorted.
fn found(o: &Output) -> Vec<String> {
    let mut v: Vec<String> = json_of(o)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

/// main: base, then `main.py` (a secret) after the branch point; feature: `feature.py`
/// (another secret).
fn branched_repo() -> (Repo, String) {
    let repo = Repo::new();
    repo.write("README", "base\n");
    let base = repo.commit("base", "2021-01-01T00:00:00Z", "Ann");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("feature.py", format!("T = '{}'\n", github_token(1)));
    repo.commit("feature work", "2021-01-02T00:00:00Z", "Ann");
    repo.git(&["checkout", "-q", "main"]);
    repo.write("main.py", format!("T = '{}'\n", github_token(2)));
    repo.commit("main moves on", "2021-01-03T00:00:00Z", "Bob");
    (repo, base)
}

#[test]
fn three_dot_ranges_read_from_the_merge_base() {
    let (repo, base) = branched_repo();
    // `main...feature`: what the pull request adds, as `git diff main...feature` shows
    // it; the symmetric difference (`git log main...feature`) would add main.py.
    let o = repo.leakhound(&["git", "--format", "json", "--range", "main...feature"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(found(&o), ["feature.py"]);
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "note: --range main...feature: the commits of feature since its merge base {} with main",
            &base[..12]
        )),
        "{err}"
    );
    // The other way round: what main gained since feature branched off.
    let o = repo.leakhound(&["git", "-q", "--format", "json", "--range", "feature...main"]);
    assert_eq!(found(&o), ["main.py"]);
    // An empty side is HEAD, as in git (HEAD is main here).
    let o = repo.leakhound(&["git", "-q", "--format", "json", "--range", "...feature"]);
    assert_eq!(found(&o), ["feature.py"]);
    // Two dots: what feature has and main has not; here the same commits.
    let o = repo.leakhound(&["git", "-q", "--format", "json", "--range", "main..feature"]);
    assert_eq!(found(&o), ["feature.py"]);
    // Not a range at all.
    let o = repo.leakhound(&["git", "--range", "main"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("expected BASE..HEAD or BASE...HEAD"),
        "{}",
        stderr(&o)
    );
    // Unrelated histories have no merge base.
    repo.git(&["checkout", "-q", "--orphan", "other"]);
    repo.git(&["rm", "-q", "-rf", "."]);
    repo.write("o.txt", "other\n");
    repo.commit("other root", "2021-01-04T00:00:00Z", "Ann");
    let o = repo.leakhound(&["git", "--range", "main...other"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no common ancestor"), "{}", stderr(&o));
}

#[test]
fn ranges_in_a_shallow_clone_say_what_to_fetch() {
    // origin: a secret committed long before the branch point, then a feature branch.
    let origin = Repo::new();
    origin.write("old.py", format!("T = '{}'\n", github_token(0)));
    origin.commit("old", "2020-01-01T00:00:00Z", "Ann");
    for i in 0..3 {
        origin.write("n.txt", format!("{i}\n"));
        origin.commit("more", "2020-02-01T00:00:00Z", "Ann");
    }
    origin.git(&["checkout", "-q", "-b", "feature"]);
    origin.write("feature.py", format!("T = '{}'\n", github_token(1)));
    origin.commit("feature work", "2021-01-02T00:00:00Z", "Ann");
    origin.git(&["checkout", "-q", "main"]);
    origin.write("n.txt", "main moved\n");
    origin.commit("main moves on", "2021-01-03T00:00:00Z", "Bob");

    // A CI checkout: depth 1 of the branch (file:// so that --depth applies).
    let work = Dir::new();
    let url = format!("file://{}", origin.path().display());
    Repo::git_in(
        work.path(),
        &[
            "clone", "-q", "--depth", "1", "--branch", "feature", &url, "clone",
        ],
        "2021-06-01T00:00:00Z",
        "Tester",
    );
    let clone = work.path().join("clone");
    let git = |args: &[&str]| Repo::git_in(&clone, args, "2021-06-01T00:00:00Z", "Tester");
    let run = |range: &str| {
        leakhound()
            .current_dir(&clone)
            .args(["git", "--format", "json", "--range", range])
            .output()
            .unwrap()
    };
    let assert_fetch_advice = |o: &Output, what: &str| {
        assert_eq!(o.status.code(), Some(2), "{}", stderr(o));
        let err = stderr(o);
        assert!(err.contains(what), "{err}");
        for advice in ["git fetch --deepen=N", "fetch-depth: 0"] {
            assert!(err.contains(advice), "{err}");
        }
        assert!(!err.contains("revspec"), "a libgit2 message: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    };
    // The base is not there at all: the advice names the command that fetches it (a
    // single-branch clone's `git fetch origin main` would not create origin/main).
    let o = run("origin/main..HEAD");
    assert_fetch_advice(&o, "'origin/main' is not in this shallow clone");
    assert!(
        stderr(&o).contains("`git fetch origin +refs/heads/main:refs/remotes/origin/main`"),
        "{}",
        stderr(&o)
    );
    assert_fetch_advice(
        &run("origin/main...HEAD"),
        "'origin/main' is not in this shallow clone",
    );

    // The base tip is there, but not the history between: the feature commit's parent
    // is missing, so it would look as if it added every file (old.py included).
    git(&[
        "fetch",
        "-q",
        "--depth",
        "1",
        "origin",
        "+refs/heads/main:refs/remotes/origin/main",
    ]);
    assert_fetch_advice(
        &run("origin/main..HEAD"),
        "whose parents this shallow clone does not have",
    );
    assert_fetch_advice(
        &run("origin/main...HEAD"),
        "no merge base within this shallow clone's depth",
    );

    // Deepened enough: the range is what the branch added, and only that.
    git(&["fetch", "-q", "--deepen", "2", "origin"]);
    for range in ["origin/main..HEAD", "origin/main...HEAD"] {
        let o = run(range);
        assert_eq!(o.status.code(), Some(1), "{range}: {}", stderr(&o));
        assert_eq!(found(&o), ["feature.py"], "{range}");
    }
}

#[test]
fn remote_urls_must_be_cloned_first() {
    let d = Dir::new();
    for url in [
        "https://github.com/example/repo.git",
        "ssh://git@example.org/example/repo.git",
        "git@github.com:example/repo.git",
        "https://user:hunter2-fake@example.org/r.git",
    ] {
        for cmd in ["git", "staged"] {
            let o = d.cmd().args([cmd, url]).output().unwrap();
            assert_eq!(o.status.code(), Some(2), "{cmd} {url}");
            let err = stderr(&o);
            assert!(err.contains("a remote URL"), "{err}");
            assert!(err.contains("clone it first"), "{err}");
            assert!(!err.contains("hunter2"), "credential echoed: {err}");
            assert_eq!(err.lines().count(), 1, "{err}");
        }
    }
    // A local directory whose name merely looks like that is a path.
    d.write("host:dir/readme", "x\n");
    let o = d.cmd().args(["git", "host:dir"]).output().unwrap();
    assert!(
        stderr(&o).contains("not a git repository"),
        "{}",
        stderr(&o)
    );
}

/// The `file://` URI of a directory, ending in `/`, as SARIF's `originalUriBaseIds`
/// gives it.
fn dir_uri(dir: &Path) -> String {
    let dir = std::fs::canonicalize(dir).unwrap();
    format!(
        "file://{}/",
        leakhound::text::path_to_uri(&dir.to_string_lossy()).trim_start_matches("file://")
    )
}

/// Every `artifactLocation` of a SARIF log: results' locations, related locations and
/// fixes.
fn artifact_locations(doc: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    for r in doc["runs"][0]["results"].as_array().unwrap() {
        for key in ["locations", "relatedLocations"] {
            for l in r[key].as_array().into_iter().flatten() {
                out.push(l["physicalLocation"]["artifactLocation"].clone());
            }
        }
        for f in r["fixes"].as_array().into_iter().flatten() {
            for c in f["artifactChanges"].as_array().unwrap() {
                out.push(c["artifactLocation"].clone());
            }
        }
    }
    out
}

#[test]
fn sarif_runs_name_their_command_and_source_root() {
    // A directory outside any repository, scanned by its absolute path from elsewhere.
    let d = Dir::new();
    d.write(
        "app/config.py",
        format!("TOKEN = \"{}\"\n", github_token(0)),
    );
    let elsewhere = Dir::new();
    let o = elsewhere
        .cmd()
        .args(["scan", "-q", "--format", "sarif"])
        .arg(d.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc = json_of(&o);
    validate_sarif(&doc);
    let run = &doc["runs"][0];
    assert_eq!(run["automationDetails"]["id"], "leakhound/scan/");
    assert_eq!(
        run["originalUriBaseIds"]["SRCROOT"]["uri"],
        dir_uri(d.path())
    );
    let locations = artifact_locations(&doc);
    assert_eq!(locations.len(), 2, "{locations:?}"); // the location and its fix
    for l in &locations {
        assert_eq!(l["uri"], "app/config.py", "{l}");
        assert_eq!(l["uriBaseId"], "SRCROOT", "{l}");
    }
    let results = serde_json::to_string(&run["results"]).unwrap();
    assert!(!results.contains("file://"), "{results}");
    match option_env!("CARGO_PKG_REPOSITORY").filter(|u| !u.is_empty()) {
        Some(uri) => assert_eq!(run["tool"]["driver"]["informationUri"], uri),
        None => assert!(run["tool"]["driver"]["informationUri"].is_null()),
    }

    // In a repository: URIs are relative to its work tree, whatever was named.
    let repo = Repo::new();
    repo.write("svc/app.py", format!("TOKEN = \"{}\"\n", github_token(1)));
    let o = elsewhere
        .cmd()
        .args(["scan", "-q", "--format", "sarif"])
        .arg(repo.path().join("svc"))
        .output()
        .unwrap();
    let doc = json_of(&o);
    validate_sarif(&doc);
    assert_eq!(
        doc["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"],
        dir_uri(repo.path())
    );
    for l in artifact_locations(&doc) {
        assert_eq!(l["uri"], "svc/app.py", "{l}");
    }

    // History and index scans: their own category, the work tree as SRCROOT, and the
    // repository mapped to it.
    repo.git(&["add", "."]);
    let o = repo.leakhound(&["staged", "-q", "--format", "sarif"]);
    let doc = json_of(&o);
    validate_sarif(&doc);
    assert_eq!(
        doc["runs"][0]["automationDetails"]["id"],
        "leakhound/staged/"
    );
    assert_eq!(artifact_locations(&doc)[0]["uri"], "svc/app.py");
    repo.commit("add", "2021-06-01T00:00:00Z", "Ann");
    let o = leakhound()
        .current_dir(elsewhere.path())
        .args(["git", "-q", "--format", "sarif"])
        .arg(repo.path())
        .output()
        .unwrap();
    let doc = json_of(&o);
    validate_sarif(&doc);
    let run = &doc["runs"][0];
    assert_eq!(run["automationDetails"]["id"], "leakhound/git/");
    assert_eq!(
        run["originalUriBaseIds"]["SRCROOT"]["uri"],
        dir_uri(repo.path())
    );
    assert_eq!(
        run["versionControlProvenance"][0]["mappedTo"]["uriBaseId"],
        "SRCROOT"
    );
    let l = &artifact_locations(&doc)[0];
    assert_eq!(
        (&l["uri"], &l["uriBaseId"]),
        (&Value::from("svc/app.py"), &Value::from("SRCROOT"))
    );
}

#[test]
fn sarif_caps_locations_and_fixes_per_result() {
    // One secret at 1,500 places in 50 files, each with a mechanical fix.
    let d = Dir::new();
    let line = format!("TOKEN = \"{}\"\n", github_token(0));
    for i in 0..50 {
        d.write(&format!("m{i:02}.py"), line.repeat(30));
    }
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "sarif", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc = json_of(&o);
    validate_sarif(&doc);
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let r = &results[0];
    let related = r["relatedLocations"].as_array().unwrap().len();
    // GitHub code scanning refuses a result with more than 1,000 locations.
    let locations = 1 + related;
    assert!(locations <= 1_000, "{locations}");
    assert_eq!(related, 999);
    assert_eq!(r["properties"]["occurrences"], 1_500);
    assert_eq!(r["properties"]["relatedLocationsOmitted"], 500);
    let fix = &r["fixes"][0];
    let changes = fix["artifactChanges"].as_array().unwrap();
    // The first 100 places: all 30 of m00, m01 and m02, 10 of m03, each file with the
    // `import os` it needs.
    let files: Vec<&str> = changes
        .iter()
        .map(|c| c["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["m00.py", "m01.py", "m02.py", "m03.py"]);
    let replacements: usize = changes
        .iter()
        .map(|c| c["replacements"].as_array().unwrap().len())
        .sum();
    assert_eq!(replacements, 100 + 4);
    assert_eq!(r["properties"]["fixLocationsOmitted"], 1_400);
    let text = fix["description"]["text"].as_str().unwrap();
    assert!(text.contains("100 of the 1500 places"), "{text}");

    // Under the caps, nothing is said to be omitted.
    let d = Dir::new();
    d.write("app.py", line.repeat(3));
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "sarif", "."])
        .output()
        .unwrap();
    let props = &json_of(&o)["runs"][0]["results"][0]["properties"];
    assert!(props["relatedLocationsOmitted"].is_null(), "{props}");
    assert!(props["fixLocationsOmitted"].is_null(), "{props}");
}

#[test]
fn sarif_counts_places_past_the_per_file_fix_limit_as_omitted() {
    // One file holds the secret 50 times; a file gets fixes for its first 32 places,
    // and the result says the fix leaves the other 18.
    let d = Dir::new();
    let token = github_token(0);
    let body: String = (0..50).map(|i| format!("K{i} = \"{token}\"\n")).collect();
    d.write("m.py", body);
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "sarif", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc = json_of(&o);
    let r = &doc["runs"][0]["results"][0];
    assert_eq!(r["properties"]["occurrences"], 50);
    assert_eq!(r["properties"]["fixLocationsOmitted"], 18);
    let text = r["fixes"][0]["description"]["text"].as_str().unwrap();
    assert!(text.contains("32 of the 50 places"), "{text}");
}

#[test]
fn thread_counts_past_the_limit_are_refused() {
    // Thousands of walker threads made a one-file scan take tens of seconds.
    let d = Dir::new();
    d.write("a.txt", "nothing\n");
    let o = d.cmd().args(["scan", "-j", "1000", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("at most 256"), "{}", stderr(&o));
    let o = d
        .cmd()
        .args(["scan", "-q", "-j", "256", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
