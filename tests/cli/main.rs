//! Integration tests: the real `leakhound` binary on fixture trees and on trees built
//! in temporary directories. One test binary for the whole crate (as ripgrep does): each
//! module below is one topic; this root holds only the helpers several modules share.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use leakhound::detect::checksum::with_crc32_base62;
use serde_json::Value;

mod admit;
mod basics;
mod breadth;
mod breadth_prefixes;
mod breadth_prefixes_mz;
mod ci;
mod ci_formats;
mod cli_habits;
mod commitmsg;
mod content;
mod context;
mod ctxnames;
mod families;
mod finish;
mod formats;
mod forms;
mod gaps;
mod gitleaks;
mod hidden_shapes;
mod history;
mod hook;
mod hostile;
mod incremental;
mod integrations;
mod layers;
mod libgit2;
mod manage;
mod never;
mod output;
mod packaging;
mod pem;
mod redact;
mod revoke;
mod rules_cmd;
mod verify;
mod verify_coded;
mod verify_near;
mod verify_paired;
mod verify_providers;
mod walk;

/// Every HTTPS request a test's run would send to a real host goes to a proxy on a
/// closed local port instead, and fails there: a test that forgets to map a provider
/// to its mock (or whose mapping is dropped) never reaches the provider. Mock servers
/// are plain http on 127.0.0.1, which this does not touch; a test that records the
/// hosts asked for sets its own proxy over this one.
fn no_internet<C: CommandEnv>(c: &mut C) {
    for var in ["ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"] {
        c.remove(var);
    }
    c.set("HTTPS_PROXY", "http://127.0.0.1:9");
    c.set("https_proxy", "http://127.0.0.1:9");
}

/// Both kinds of command the tests run the binary with.
trait CommandEnv {
    fn set(&mut self, k: &str, v: &str);
    fn remove(&mut self, k: &str);
}

impl CommandEnv for Command {
    fn set(&mut self, k: &str, v: &str) {
        self.env(k, v);
    }
    fn remove(&mut self, k: &str) {
        self.env_remove(k);
    }
}

impl CommandEnv for std::process::Command {
    fn set(&mut self, k: &str, v: &str) {
        self.env(k, v);
    }
    fn remove(&mut self, k: &str) {
        self.env_remove(k);
    }
}

/// A fresh temporary directory for one test, with helpers to fill it.
struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn path(&self) -> &Path {
        self.tmp.path()
    }

    fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
        p
    }

    /// `leakhound` with its working directory in this temp dir.
    fn cmd(&self) -> Command {
        let mut c = leakhound();
        c.current_dir(self.path());
        c
    }
}

/// The scan date every test runs at: 2024-01-01T00:00:00Z (`SOURCE_DATE_EPOCH`).
const SCAN_DATE: i64 = 1_704_067_200;

/// The real binary, with the clock, time zone and locale pinned so that no output
/// depends on the day or the machine the tests run on.
fn leakhound() -> Command {
    let mut c = Command::cargo_bin("leakhound").expect("binary built");
    // A run under GitHub Actions must not append the tests' tables to its job summary.
    c.env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("SOURCE_DATE_EPOCH", SCAN_DATE.to_string())
        .env("TZ", "UTC")
        .env("LC_ALL", "C");
    no_internet(&mut c);
    c
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A valid (checksummed) fake classic GitHub token, different for each `n`.
fn github_token(n: u32) -> String {
    let bodies = [
        "R7wq2mZkT9vLx4NbQe8sYc1HdJ0aFu",
        "Pq3Zr8Wn4Kt7Vm2Xb9Lc5Hd1Jf6Gs0",
        "m4Qx9Rt2Wv7Kp3Zn8Lb5Hc1Jd6Fg0S",
    ];
    with_crc32_base62(&format!("ghp_{}", bodies[n as usize % bodies.len()]))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json_of(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("bad JSON ({e}): {}", stdout(o)))
}

/// Every location of every finding in a JSON report, in report order.
fn locations(v: &Value) -> Vec<Value> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["locations"].as_array().unwrap().clone())
        .collect()
}

/// The encoded texts and decoded secrets planted in `fixtures/encoded`.
fn encoded_fixture_texts() -> Vec<String> {
    let mut texts = Vec::new();
    for file in ["app.py", "secret.yaml"] {
        let body =
            std::fs::read_to_string(repo_root().join("fixtures/encoded").join(file)).unwrap();
        for word in body.split(|c: char| c.is_whitespace() || "\"',{}=:".contains(c)) {
            if word.len() >= 16 && !word.contains('.') {
                texts.push(word.to_string());
            }
        }
    }
    texts.extend(
        [
            "Vq8#mT2xLr9wZk4P",
            "Zq7vN2kLpX9wR4tF",
            "Wz8vN2kLpX9wR4tQ",
            "Hq7vT2mLx9ZrPw4N",
        ]
        .map(String::from),
    );
    texts
}

/// Runs `leakhound ARGS` with stdout and stderr on a pseudo-terminal (util-linux
/// `script`), with `NO_COLOR` unset or set to `no_color`; returns what the terminal
/// showed.
#[cfg(unix)]
fn on_a_terminal(dir: &Path, args: &str, no_color: Option<&str>) -> String {
    let bin = assert_cmd::cargo::cargo_bin("leakhound");
    let mut c = std::process::Command::new("script");
    c.args(["-qec", &format!("{} {args}", bin.display()), "/dev/null"])
        .current_dir(dir)
        // A terminal names its type; colour waits for one that is not `dumb`.
        .env("TERM", "xterm")
        .env_remove("NO_COLOR");
    if let Some(v) = no_color {
        c.env("NO_COLOR", v);
    }
    let o = c.output().expect("util-linux `script` is installed");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn sarif_errors(doc: &Value) -> Vec<String> {
    let mut schema: Value = serde_json::from_slice(
        &std::fs::read(repo_root().join("fixtures/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    // The published schema's `language` patterns have a stray `]`
    // (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) that the validator refuses as a
    // regex. Replace them with the evident intent; the rest stays as published.
    fn fix_patterns(v: &mut Value) -> usize {
        match v {
            Value::Object(map) => {
                let mut n = 0;
                if let Some(Value::String(p)) = map.get_mut("pattern")
                    && p.ends_with("{2}]?$")
                {
                    *p = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".to_string();
                    n += 1;
                }
                n + map.values_mut().map(fix_patterns).sum::<usize>()
            }
            Value::Array(items) => items.iter_mut().map(fix_patterns).sum(),
            _ => 0,
        }
    }
    assert!(fix_patterns(&mut schema) > 0);
    let validator = jsonschema::draft7::new(&schema).expect("schema compiles");
    validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn validate_sarif(doc: &Value) {
    let errors = sarif_errors(doc);
    assert!(errors.is_empty(), "SARIF invalid:\n{}", errors.join("\n"));
}

fn demo(format: &str) -> String {
    let o = leakhound()
        .current_dir(repo_root())
        .args([
            "scan",
            "-q",
            "--threads",
            "2",
            "--format",
            format,
            "fixtures/demo",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // SARIF names the checkout's directory (originalUriBaseIds); it is the machine's.
    let root = std::fs::canonicalize(repo_root()).unwrap();
    let root_uri = format!(
        "file://{}/",
        leakhound::text::path_to_uri(&root.to_string_lossy()).trim_start_matches("file://")
    );
    stdout(&o)
        .replace(env!("CARGO_PKG_VERSION"), "[VERSION]")
        .replace(&root_uri, "file:///[CHECKOUT]/")
}

const USER_RULE: &str = r#"
provider = "Acme"

[[rules]]
id = "acme-api-key"
name = "Acme API key"
description = "An Acme API key."
regex = '''\b(?P<secret>acme_[a-z0-9]{24})\b'''
keywords = ["acme_"]
severity = "high"
confidence = "high"
remediation = '''
Revoke the key in the Acme console and load the new one from ACME_API_KEY.
1. Revoke it at the console.
'''
references = ["https://acme.invalid/docs/keys"]
examples = ["key = acme_q8w7e6r5t4y3u2i1o9p8a7s6", "ACME=acme_z9x8c7v6b5n4m3l2k1j9h8g7"]
negative_examples = ["acme_short"]
"#;

/// A git repository in a temp dir, driven with the git CLI under a fixed identity.
struct Repo {
    dir: Dir,
}

impl Repo {
    fn new() -> Repo {
        let r = Repo { dir: Dir::new() };
        r.git(&["init", "-q", "-b", "main"]);
        r
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git_in(dir: &Path, args: &[&str], date: &str, author: &str) -> String {
        let o = std::process::Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", author)
            .env(
                "GIT_AUTHOR_EMAIL",
                format!("{}@example.org", author.to_lowercase()),
            )
            .env("GIT_COMMITTER_NAME", author)
            .env(
                "GIT_COMMITTER_EMAIL",
                format!("{}@example.org", author.to_lowercase()),
            )
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .output()
            .expect("git runs");
        assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
        stdout(&o).trim().to_string()
    }

    fn git(&self, args: &[&str]) -> String {
        Repo::git_in(self.path(), args, "2021-06-01T00:00:00Z", "Tester")
    }

    /// Stages everything and commits as `author` at `date`; returns the commit id.
    fn commit(&self, msg: &str, date: &str, author: &str) -> String {
        Repo::git_in(self.path(), &["add", "-A"], date, author);
        Repo::git_in(self.path(), &["commit", "-q", "-m", msg], date, author);
        self.git(&["rev-parse", "HEAD"])
    }

    fn write(&self, rel: &str, content: impl AsRef<[u8]>) {
        self.dir.write(rel, content);
    }

    fn leakhound(&self, args: &[&str]) -> Output {
        let mut c = leakhound();
        c.current_dir(self.path())
            .env("SOURCE_DATE_EPOCH", SCAN_DATE.to_string())
            .args(args);
        c.output().unwrap()
    }
}

fn finding_for<'v>(v: &'v Value, secret_prefix_of: &str) -> &'v Value {
    let want = secret_hash(secret_prefix_of);
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["secret_hash"] == want.as_str())
        .unwrap_or_else(|| panic!("no finding for {secret_prefix_of}"))
}

/// The correlation hash leakhound reports for the secret `s` (JSON `secret_hash`).
fn secret_hash(s: &str) -> String {
    leakhound::finding::secret_hash(s.as_bytes())
}

/// Asserts that a run did not panic and that everything it printed on stderr is one of
/// leakhound's own one-line messages.
fn assert_orderly(o: &Output) {
    let err = stderr(o);
    assert!(!err.contains("panicked"), "{err}");
    for line in err.lines() {
        assert!(
            line.starts_with("leakhound: "),
            "stray stderr line {line:?} in:\n{err}"
        );
    }
}

/// The paths of the `dotenv-file-committed` findings in a JSON report.
fn committed_env_files(o: &Output) -> Vec<String> {
    let v = json_of(o);
    let mut paths: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "dotenv-file-committed")
        .flat_map(|f| f["locations"].as_array().unwrap().clone())
        .map(|l| l["path"].as_str().unwrap().to_string())
        .collect();
    paths.sort();
    paths
}

/// Runs `cmd` on a pseudo-terminal (its standard input, output and error all on it),
/// typing `input`, and returns its exit status and everything the terminal showed.
#[cfg(target_os = "linux")]
fn run_on_pty(mut cmd: std::process::Command, input: &[u8]) -> (std::process::ExitStatus, String) {
    use std::io::{Read, Write};
    use std::os::fd::{FromRawFd, OwnedFd};
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty writes two new descriptors, owned below and closed once.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(rc, 0, "openpty");
    // SAFETY: both descriptors were just opened by openpty and are owned nowhere else.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let mut child = cmd
        .stdin(std::process::Stdio::from(slave.try_clone().unwrap()))
        .stdout(std::process::Stdio::from(slave.try_clone().unwrap()))
        .stderr(std::process::Stdio::from(slave))
        .spawn()
        .unwrap();
    let mut terminal = std::fs::File::from(master);
    terminal.write_all(input).unwrap();
    // Read while the child runs (a full buffer would block it); reading ends with EIO
    // once the child has closed its side.
    let reader = std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        while let Ok(n) = terminal.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
        }
        String::from_utf8_lossy(&seen).into_owned()
    });
    let status = child.wait().unwrap();
    drop(cmd);
    (status, reader.join().unwrap())
}

/// The built binary as a std Command, with the clock, time zone and locale pinned like
/// [`leakhound`].
#[cfg(target_os = "linux")]
fn leakhound_std() -> std::process::Command {
    #[allow(deprecated)] // the path of the binary cargo built
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("leakhound"));
    c.env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("SOURCE_DATE_EPOCH", SCAN_DATE.to_string())
        .env("TZ", "UTC")
        .env("LC_ALL", "C");
    no_internet(&mut c);
    c
}
