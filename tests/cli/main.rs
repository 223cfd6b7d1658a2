//! Integration tests: the real `leakhound` binary on fixture trees and on trees built
//! in temporary directories. One test binary for the whole crate (as ripgrep does).

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use leakhound::detect::checksum::with_crc32_base62;
use serde_json::Value;

mod admit;
mod ci;
mod commitmsg;
mod content;
mod finish;
mod gaps;
mod hook;
mod layers;
mod redact;

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
    c.env_remove("NO_COLOR")
        .env("SOURCE_DATE_EPOCH", SCAN_DATE.to_string())
        .env("TZ", "UTC")
        .env("LC_ALL", "C");
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

// ---------------------------------------------------------------------------------
// Exit codes and basic behaviour

#[test]
fn clean_tree_exits_zero_and_quiet_prints_nothing() {
    let d = Dir::new();
    d.write("src/main.py", "print('hello')\npassword_min_length = 8\n");
    let o = d.cmd().args(["scan", "-q", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
}

#[test]
fn summary_on_stderr_when_not_quiet() {
    let d = Dir::new();
    d.write("a.txt", "nothing\n");
    let o = d.cmd().args(["scan"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    assert!(err.contains("no leaks found"), "{err}");
    assert!(err.contains("scanned 1 file"), "{err}");
}

#[test]
fn leak_exits_one_and_exit_code_is_configurable() {
    let d = Dir::new();
    d.write("config.py", format!("TOKEN = \"{}\"\n", github_token(0)));
    let o = d.cmd().args(["scan", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("config.py:1:10"), "{out}");
    assert!(out.contains("github-pat-classic"), "{out}");
    assert!(out.contains("fix:"), "{out}");
    let o = d
        .cmd()
        .args(["scan", "--exit-code", "7", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(7));
    let o = d
        .cmd()
        .args(["scan", "--exit-code", "0", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn missing_path_is_a_one_line_error_with_exit_two() {
    let d = Dir::new();
    let o = d.cmd().args(["scan", "no/such/dir"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no/such/dir"), "{err}");
}

#[test]
fn bad_flag_exits_two() {
    let o = leakhound()
        .args(["scan", "--format", "xml"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = leakhound()
        .args(["scan", "--max-file-size", "ten"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn wrong_checksum_is_not_reported() {
    let d = Dir::new();
    let mut tok = github_token(1);
    let last = tok.pop().unwrap();
    tok.push(if last == 'a' { 'b' } else { 'a' });
    d.write("x.env", format!("GH={tok}\n"));
    let o = d.cmd().args(["scan", "-q", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn stdin_is_scanned_with_dash() {
    let o = leakhound()
        .args(["scan", "--format", "json", "-"])
        .write_stdin(format!(
            "line one\nexport GITHUB_TOKEN={}\n",
            github_token(2)
        ))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let v = json_of(&o);
    assert_eq!(v["findings"][0]["path"], "<stdin>");
    assert_eq!(v["findings"][0]["line"], 2);
    assert_eq!(v["findings"][0]["column"], 21);
}

#[test]
fn output_flag_writes_the_report_to_a_file() {
    let d = Dir::new();
    d.write("a.sh", format!("export T={}\n", github_token(0)));
    let o = d
        .cmd()
        .args([
            "scan",
            "-q",
            "--format",
            "json",
            "--output",
            "report.json",
            "a.sh",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let v: Value =
        serde_json::from_slice(&std::fs::read(d.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    let o = d
        .cmd()
        .args(["scan", "--output", "no/such/dir/r.json", "a.sh"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/dir/r.json"), "{}", stderr(&o));
}

// ---------------------------------------------------------------------------------
// What is walked

#[test]
fn hidden_files_are_scanned_gitignore_honoured_and_git_dir_never_entered() {
    let d = Dir::new();
    let tok = github_token(0);
    for f in [
        ".env",
        ".npmrc",
        ".aws/credentials",
        ".docker/config.json",
        ".git-credentials",
    ] {
        d.write(f, format!("token={tok}\n"));
    }
    d.write(".gitignore", "ignored/\n");
    d.write("ignored/secret.txt", format!("token={tok}\n"));
    d.write(".git/config", format!("token={tok}\n"));
    d.write(".git/objects/aa/bb", format!("token={tok}\n"));

    let paths = |args: &[&str]| -> Vec<String> {
        let o = d.cmd().args(args).output().unwrap();
        locations(&json_of(&o))
            .iter()
            .map(|l| l["path"].as_str().unwrap().to_string())
            .collect()
    };
    let found = paths(&["scan", "-q", "--format", "json"]);
    assert_eq!(
        found,
        [
            ".aws/credentials",
            ".docker/config.json",
            ".env",
            ".git-credentials",
            ".npmrc"
        ]
    );
    let found = paths(&["scan", "-q", "--format", "json", "--no-ignore"]);
    assert!(
        found.contains(&"ignored/secret.txt".to_string()),
        "{found:?}"
    );
    assert!(!found.iter().any(|p| p.starts_with(".git/")), "{found:?}");
}

#[test]
fn large_files_are_skipped_and_counted() {
    let d = Dir::new();
    d.write(
        "big.txt",
        format!("{}\n{}\n", "a".repeat(4096), github_token(0)),
    );
    d.write("small.txt", "ok\n");
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json", "--max-file-size", "1K"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let v = json_of(&o);
    assert_eq!(v["summary"]["files_skipped"]["too_large"], 1);
    assert_eq!(v["summary"]["files_scanned"], 1);
    let o = d
        .cmd()
        .args(["scan", "--max-file-size", "1K"])
        .output()
        .unwrap();
    assert!(stderr(&o).contains("1 too large"), "{}", stderr(&o));
}

#[test]
fn binary_files_are_skipped() {
    let d = Dir::new();
    let mut bin = b"\x7fELF\0\0\0".to_vec();
    bin.extend(github_token(0).as_bytes());
    d.write("prog", &bin);
    d.write("logo.png", github_token(1));
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json_of(&o)["summary"]["files_skipped"]["binary"], 2);
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed_and_loops_do_not_hang() {
    use std::os::unix::fs::symlink;
    let d = Dir::new();
    let outside = Dir::new();
    outside.write("secret.txt", format!("t={}\n", github_token(0)));
    d.write("real.txt", "nothing\n");
    std::fs::create_dir(d.path().join("loop")).unwrap();
    symlink(d.path().join("loop"), d.path().join("loop/again")).unwrap();
    symlink(outside.path(), d.path().join("outside")).unwrap();
    symlink(outside.path().join("secret.txt"), d.path().join("link.txt")).unwrap();
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v = json_of(&o);
    assert_eq!(v["summary"]["files_scanned"], 1);
    assert_eq!(v["summary"]["files_skipped"]["special"], 3);
}

#[cfg(unix)]
#[test]
fn fifos_are_skipped_without_blocking() {
    let d = Dir::new();
    d.write("a.txt", format!("t={}\n", github_token(0)));
    let st = std::process::Command::new("mkfifo")
        .arg(d.path().join("pipe"))
        .status()
        .unwrap();
    assert!(st.success());
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(json_of(&o)["summary"]["files_skipped"]["special"], 1);
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_a_warning_and_the_scan_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let d = Dir::new();
    std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let locked = d.write("locked.txt", "x\n");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let locked_dir = d.path().join("private");
    std::fs::create_dir(&locked_dir).unwrap();
    d.write("private/inner.txt", "x\n");
    std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o000)).unwrap();
    let open = d.write("open.txt", format!("t={}\n", github_token(0)));
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o644)).unwrap();

    // Root reads everything; drop to an unprivileged user so permissions apply.
    let bin = assert_cmd::cargo::cargo_bin("leakhound");
    let is_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .unwrap()
        .stdout
        == b"0\n";
    let mut cmd = if is_root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(bin);
        c
    } else {
        std::process::Command::new(bin)
    };
    let o = cmd
        .current_dir(d.path())
        .args(["scan", "--format", "json", "."])
        .output()
        .unwrap();
    std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    // An input that could not be read makes the scan incomplete: exit code 2.
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let v = json_of(&o);
    assert_eq!(v["summary"]["unreadable"], 2, "{}", stderr(&o));
    assert_eq!(v["findings"][0]["path"], "open.txt");
    let err = stderr(&o);
    assert!(err.contains("locked.txt"), "{err}");
    assert!(err.contains("private"), "{err}");
    assert!(err.contains("2 unreadable"), "{err}");
}

// ---------------------------------------------------------------------------------
// Content handling

#[test]
fn crlf_utf16_and_invalid_utf8_report_right_positions() {
    let d = Dir::new();
    let tok = github_token(0);
    d.write("crlf.ini", format!("[a]\r\nx = 1\r\nkey = {tok}\r\n"));
    let mut utf16 = vec![0xFF, 0xFE];
    for u in format!("first\r\n  é token: {tok}\r\n").encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    d.write("utf16.txt", utf16);
    let mut bad = b"\xc3\x28 garbage \xa0\xa1\xfe\n".to_vec();
    bad.extend(format!("t={tok}\n").as_bytes());
    d.write("latin.txt", bad);
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json"])
        .output()
        .unwrap();
    let v = json_of(&o);
    let got: Vec<(String, u64, u64, u64)> = locations(&v)
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["end_column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("crlf.ini".to_string(), 3, 7, 47),
            ("latin.txt".to_string(), 2, 3, 43),
            ("utf16.txt".to_string(), 2, 12, 52),
        ]
    );
}

#[test]
fn fifty_megabyte_single_line_is_scanned() {
    let d = Dir::new();
    let mut line = Vec::with_capacity(50 << 20);
    // Minified-looking JS with frequent keyword hits and one real token in the middle.
    let chunk = b"var a=function(e){return e.token||e.password||\"https://cdn.x.io/\"+e};";
    while line.len() < 25 << 20 {
        line.extend_from_slice(chunk);
    }
    line.extend(format!("var k=\"{}\";", github_token(0)).as_bytes());
    while line.len() < 50 << 20 {
        line.extend_from_slice(chunk);
    }
    d.write("bundle.min.js", &line);
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json", "--max-file-size", "64M"])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json_of(&o);
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    assert_eq!(v["findings"][0]["line"], 1);
}

#[test]
fn output_is_identical_at_any_thread_count() {
    let d = Dir::new();
    for i in 0..200 {
        let body = if i % 7 == 0 {
            format!("x = 1\ntoken = \"{}\"\n", github_token(i))
        } else {
            format!("nothing {i}\n")
        };
        d.write(&format!("d{}/f{i}.py", i % 13), body);
    }
    let run = |threads: &str| {
        let o = d
            .cmd()
            .args(["scan", "-q", "--format", "json", "--threads", threads])
            .output()
            .unwrap();
        o.stdout
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    assert_eq!(one, run("8"));
    let v: Value = serde_json::from_slice(&one).unwrap();
    // Three distinct tokens, each reported once with all its locations.
    assert_eq!(v["findings"].as_array().unwrap().len(), 3);
    assert_eq!(v["summary"]["locations"], 29);
}

// ---------------------------------------------------------------------------------
// Output safety and formats

#[test]
fn secrets_never_appear_in_clear_unless_asked() {
    let d = Dir::new();
    let tok = github_token(0);
    d.write("app.py", format!("GITHUB = '{tok}'\n"));
    for format in ["text", "json", "sarif"] {
        let o = d.cmd().args(["scan", "--format", format]).output().unwrap();
        assert_eq!(o.status.code(), Some(1));
        let all = format!("{}{}", stdout(&o), stderr(&o));
        assert!(!all.contains(&tok), "{format} leaks the secret");
        assert!(!all.contains(&tok[4..]), "{format} leaks the secret body");
        let o = d
            .cmd()
            .args(["scan", "--show-secrets", "--format", format])
            .output()
            .unwrap();
        assert!(
            stdout(&o).contains(&tok),
            "{format} --show-secrets hides it"
        );
    }
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

#[test]
fn encoded_secrets_are_decoded_and_reported_at_the_encoded_text() {
    let o = leakhound()
        .current_dir(repo_root())
        .args([
            "scan",
            "-q",
            "--format",
            "json",
            "--all-locations",
            "fixtures/encoded",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json_of(&o);
    let mut seen: Vec<String> = locations(&v)
        .iter()
        .map(|l| {
            format!(
                "{}:{} {}",
                l["path"].as_str().unwrap(),
                l["line"],
                l["encoding"]
            )
        })
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            r#"fixtures/encoded/app.py:2 ["base64"]"#,
            r#"fixtures/encoded/app.py:3 ["base64"]"#,
            r#"fixtures/encoded/app.py:3 ["base64"]"#,
            r#"fixtures/encoded/app.py:4 ["percent-encoding"]"#,
            r#"fixtures/encoded/app.py:5 ["base64"]"#,
            r#"fixtures/encoded/secret.yaml:7 ["base64"]"#,
            r#"fixtures/encoded/secret.yaml:8 ["base64"]"#,
            r#"fixtures/encoded/secret.yaml:9 ["base64"]"#,
        ]
    );
    let mut rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    rules.sort();
    assert_eq!(
        rules,
        [
            "github-pat-classic",
            "http-basic-auth",
            "kubernetes-secret-data",
            "private-key-rsa",
            "url-password",
            "url-password",
        ]
    );
    // The decoded secret is what is hashed: the token in the data URL and the one in
    // the Secret manifest are one secret.
    let gh = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "github-pat-classic")
        .unwrap();
    assert_eq!(gh["paths"], 2);
    assert_eq!(gh["secret_length"], 40);
    // Neither the decoded secrets nor their encoded forms reach any report.
    let planted = encoded_fixture_texts();
    for format in ["text", "json", "sarif"] {
        let o = leakhound()
            .current_dir(repo_root())
            .args([
                "scan",
                "--all-locations",
                "--format",
                format,
                "fixtures/encoded",
            ])
            .output()
            .unwrap();
        let all = format!("{}{}", stdout(&o), stderr(&o));
        for t in &planted {
            assert!(!all.contains(t.as_str()), "{format} prints {t}");
        }
    }
}

#[test]
fn snapshot_encoded_text() {
    let o = leakhound()
        .current_dir(repo_root())
        .args(["scan", "-q", "fixtures/encoded"])
        .output()
        .unwrap();
    insta::assert_snapshot!("encoded_text", stdout(&o));
}

#[test]
fn no_colour_when_not_a_terminal() {
    let d = Dir::new();
    d.write("a.py", format!("t='{}'\n", github_token(0)));
    let o = d.cmd().args(["scan"]).output().unwrap();
    assert!(!o.stdout.contains(&0x1b));
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
        .env_remove("NO_COLOR");
    if let Some(v) = no_color {
        c.env("NO_COLOR", v);
    }
    let o = c.output().expect("util-linux `script` is installed");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[cfg(unix)]
#[test]
fn colour_on_a_terminal_unless_no_color() {
    let d = Dir::new();
    d.write("a.py", format!("t='{}'\n", github_token(0)));
    let coloured = on_a_terminal(d.path(), "scan -q .", None);
    assert!(coloured.contains("\x1b[1ma.py:1:4\x1b[0m"), "{coloured:?}");
    let plain = on_a_terminal(d.path(), "scan -q .", Some("1"));
    assert!(plain.contains("a.py:1:4"), "{plain:?}");
    assert!(!plain.contains('\x1b'), "{plain:?}");
    // An empty NO_COLOR does not disable colour (no-color.org).
    assert!(on_a_terminal(d.path(), "scan -q .", Some("")).contains('\x1b'));
}

#[test]
fn sarif_fingerprints_survive_moved_lines_and_change_with_the_secret() {
    let d = Dir::new();
    let fp = |content: String| -> String {
        d.write("c.py", content);
        let o = d
            .cmd()
            .args(["scan", "-q", "--format", "sarif"])
            .output()
            .unwrap();
        let v = json_of(&o);
        v["runs"][0]["results"][0]["partialFingerprints"]["leakhound/v2"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let a = fp(format!("t = '{}'\n", github_token(0)));
    let b = fp(format!("import os\n\n\nt = '{}'\n", github_token(0)));
    let c = fp(format!("t = '{}'\n", github_token(1)));
    assert_eq!(a, b);
    assert_ne!(a, c);
}

/// Applies every SARIF fix of `doc` to the files under `root`, as a consumer of the log
/// would: each artifact change's replacements in order, by byte offset.
fn apply_sarif_fixes(doc: &Value, root: &Path) {
    for result in doc["runs"][0]["results"].as_array().unwrap() {
        let Some(fixes) = result["fixes"].as_array() else {
            continue;
        };
        assert_eq!(fixes.len(), 1, "{result}");
        for change in fixes[0]["artifactChanges"].as_array().unwrap() {
            let uri = change["artifactLocation"]["uri"].as_str().unwrap();
            let file = root.join(uri);
            let mut bytes = std::fs::read(&file).unwrap();
            for r in change["replacements"].as_array().unwrap() {
                let region = &r["deletedRegion"];
                let at = region["byteOffset"].as_u64().unwrap() as usize;
                let len = region["byteLength"].as_u64().unwrap() as usize;
                let new = r["insertedContent"]["text"].as_str().unwrap();
                bytes.splice(at..at + len, new.bytes());
            }
            std::fs::write(&file, bytes).unwrap();
        }
    }
}

#[test]
fn sarif_fixes_replace_literals_with_environment_lookups() {
    let d = Dir::new();
    let (t0, t1, t2) = (github_token(0), github_token(1), github_token(2));
    let files = [
        (
            "app.py",
            format!("\"\"\"Sync job.\"\"\"\nimport sys\n\nTOKEN = \"{t0}\"\n"),
            "\"\"\"Sync job.\"\"\"\nimport os\nimport sys\n\nTOKEN = os.environ[\"TOKEN\"]\n"
                .to_string(),
        ),
        (
            "web/client.js",
            format!("const githubToken = '{t1}';\nfetch(url, {{ headers: {{ auth: githubToken }} }});\n"),
            "const githubToken = process.env.GITHUB_TOKEN;\nfetch(url, { headers: { auth: githubToken } });\n"
                .to_string(),
        ),
        (
            "web/api.ts",
            format!("export const cfg = {{ apiToken: \"{t2}\" }};\n"),
            "export const cfg = { apiToken: process.env.API_TOKEN };\n".to_string(),
        ),
        (
            "cmd/main.go",
            format!("package main\n\nimport \"fmt\"\n\nfunc main() {{\n\ttoken := \"{t0}\"\n\tfmt.Println(len(token))\n}}\n"),
            "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n\ttoken := os.Getenv(\"TOKEN\")\n\tfmt.Println(len(token))\n}\n"
                .to_string(),
        ),
        (
            "deploy.rb",
            format!("GITHUB_TOKEN = \"{t1}\"\n"),
            "GITHUB_TOKEN = ENV.fetch(\"GITHUB_TOKEN\")\n".to_string(),
        ),
        (
            "config/app.yaml",
            format!("github:\n  token: {t2}\n"),
            "github:\n  token: \"${TOKEN}\"\n".to_string(),
        ),
        (
            ".env",
            format!("GH_TOKEN={t0}\nDEBUG=1\n"),
            "GH_TOKEN=${GH_TOKEN}\nDEBUG=1\n".to_string(),
        ),
    ];
    for (path, before, _) in &files {
        d.write(path, before);
    }
    // Markdown has no environment lookup: no fix.
    d.write("notes.md", format!("token: {t1}\n"));
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "sarif", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc = json_of(&o);
    validate_sarif(&doc);
    let results = doc["runs"][0]["results"].as_array().unwrap();
    // One result per secret; its fix covers every file where it has a mechanical fix.
    assert_eq!(results.len(), 3);
    let changed: usize = results
        .iter()
        .map(|r| {
            r["fixes"][0]["artifactChanges"]
                .as_array()
                .map_or(0, Vec::len)
        })
        .sum();
    assert_eq!(changed, files.len());
    let descriptions: Vec<&str> = results
        .iter()
        .map(|r| r["fixes"][0]["description"]["text"].as_str().unwrap())
        .collect();
    assert!(
        descriptions.iter().all(|t| t.contains("Revoke and rotate")),
        "{descriptions:?}"
    );
    assert!(
        !stdout(&o).contains(&t0[4..]),
        "a fix must not carry the secret"
    );

    apply_sarif_fixes(&doc, d.path());
    for (path, _, after) in &files {
        let got = std::fs::read_to_string(d.path().join(path)).unwrap();
        assert_eq!(&got, after, "{path}");
    }
    if let Ok(py) = std::process::Command::new("python3")
        .args(["-c", "import ast,sys; ast.parse(open(sys.argv[1]).read())"])
        .arg(d.path().join("app.py"))
        .output()
    {
        assert!(
            py.status.success(),
            "{}",
            String::from_utf8_lossy(&py.stderr)
        );
    }
    // Only the Markdown note, which has no mechanical fix, still holds a secret.
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json", "."])
        .output()
        .unwrap();
    let paths: Vec<String> = locations(&json_of(&o))
        .iter()
        .map(|l| l["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["notes.md"]);
}

/// Fixes are offered only for files as they are on disk: not in history or staged scans.
#[test]
fn sarif_fixes_only_for_the_working_tree() {
    let repo = Repo::new();
    repo.write("app.py", format!("TOKEN = \"{}\"\n", github_token(0)));
    repo.git(&["add", "app.py"]);
    let fixes_in = |args: &[&str]| -> bool {
        let o = repo.leakhound(&[args, &["-q", "--format", "sarif"][..]].concat());
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        json_of(&o)["runs"][0]["results"][0]["fixes"].is_array()
    };
    assert!(fixes_in(&["scan", "."]));
    assert!(!fixes_in(&["staged"]));
    repo.commit("add", "2021-06-01T00:00:00Z", "Ann");
    assert!(!fixes_in(&["git"]));
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

#[test]
fn committed_env_files_are_reported_with_untrack_remediation() {
    let repo = Repo::new();
    repo.write(".env", "DEBUG=1\nDB_PASSWORD=correct-horse-fake-battery\n");
    repo.write(
        "svc/.env.production",
        "export API_URL='https://api.example.org'\n",
    );
    repo.write(".env.example", "DB_PASSWORD=placeholder-value\n");
    repo.write(".env.local.sample", "DB_PASSWORD=placeholder-value\n");
    repo.write("names/.env", "DB_PASSWORD=\nAPI_TOKEN=${API_TOKEN}\n");
    repo.commit("config", "2021-03-01T00:00:00Z", "Ann");
    // Untracked: not reported by `scan`, whatever it holds.
    repo.write(".env.local", "DB_PASSWORD=local-only-fake-password\n");
    // Ignored now, but still tracked: still reported.
    repo.write(".gitignore", ".env\n.env.*\n!.env.example\n");
    let scan = repo.leakhound(&["scan", "-q", "--format", "json", "."]);
    assert_eq!(scan.status.code(), Some(1), "{}", stderr(&scan));
    assert_eq!(committed_env_files(&scan), [".env", "svc/.env.production"]);
    // The reported value is the longest one, and the hint says what to do with the file.
    let text = repo.leakhound(&["scan", "."]);
    let out = stdout(&text);
    assert!(out.contains(".env:2:13  dotenv-file-committed"), "{out}");
    assert!(out.contains("git rm --cached"), "{out}");
    assert!(!out.contains("correct-horse"), "{out}");

    // History: every committed version.
    let history = repo.leakhound(&["git", "-q", "--format", "json"]);
    assert_eq!(
        committed_env_files(&history),
        [".env", "svc/.env.production"]
    );

    // Outside a repository nothing is committed.
    let d = Dir::new();
    d.write(".env", "DB_PASSWORD=correct-horse-fake-battery\n");
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json", "."])
        .output()
        .unwrap();
    assert!(committed_env_files(&o).is_empty());

    // The pre-commit scan refuses a staged .env, and a change to a tracked one.
    repo.write("api/.env", "TOKEN=fake-token-value-123\n");
    repo.git(&["add", "-f", "api/.env"]);
    let staged = repo.leakhound(&["staged", "-q", "--format", "json"]);
    assert_eq!(staged.status.code(), Some(1));
    assert_eq!(committed_env_files(&staged), ["api/.env"]);
    repo.commit("api", "2021-03-02T00:00:00Z", "Ann");
    repo.write(".env", "DEBUG=0\nDB_PASSWORD=correct-horse-fake-battery\n");
    repo.git(&["add", "-f", ".env"]);
    let staged = repo.leakhound(&["staged", "-q", "--format", "json"]);
    assert_eq!(committed_env_files(&staged), [".env"]);
    // Once untracked, the working-tree scan is quiet about it.
    repo.git(&[
        "rm",
        "-q",
        "--cached",
        ".env",
        "api/.env",
        "svc/.env.production",
    ]);
    let scan = repo.leakhound(&["scan", "-q", "--format", "json", "."]);
    assert!(committed_env_files(&scan).is_empty());
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

#[test]
fn sarif_validates_against_the_official_schema() {
    let o = leakhound()
        .current_dir(repo_root())
        .args(["scan", "-q", "--format", "sarif", "fixtures/demo"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let v = json_of(&o);
    validate_sarif(&v);
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(!rules.is_empty());
    for r in rules {
        assert!(
            r["help"]["markdown"].as_str().unwrap().contains("Revoke"),
            "{r}"
        );
        assert!(r["helpUri"].as_str().unwrap().starts_with("https://"));
        assert!(r["properties"]["security-severity"].is_string());
        assert!(r["properties"]["tags"].as_array().unwrap().len() >= 2);
        assert!(r["shortDescription"]["text"].is_string());
        assert!(r["fullDescription"]["text"].is_string());
    }
    // The validator does reject what the schema forbids.
    let mut tampered = v.clone();
    tampered["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!sarif_errors(&tampered).is_empty());
    // A clean scan is valid SARIF too.
    let d = Dir::new();
    d.write("a.txt", "clean\n");
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "sarif"])
        .output()
        .unwrap();
    validate_sarif(&json_of(&o));
}

// ---------------------------------------------------------------------------------
// Snapshots of the three formats on the demo fixtures

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

#[test]
fn snapshot_text() {
    insta::assert_snapshot!("demo_text", demo("text"));
}

#[test]
fn snapshot_json() {
    insta::assert_snapshot!("demo_json", demo("json"));
}

#[test]
fn snapshot_sarif() {
    insta::assert_snapshot!("demo_sarif", demo("sarif"));
}

// ---------------------------------------------------------------------------------
// Rules subcommands

#[test]
fn rules_check_passes_on_builtin_rules() {
    let o = leakhound().args(["rules", "check"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("rules OK"), "{}", stdout(&o));
}

#[test]
fn rules_list_and_show() {
    let o = leakhound().args(["rules", "list"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("github-pat-classic"));
    let o = leakhound()
        .args(["rules", "list", "--format", "json"])
        .output()
        .unwrap();
    let v = json_of(&o);
    assert!(v.as_array().unwrap().len() >= 60);
    let o = leakhound()
        .args(["rules", "show", "github-pat-classic"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("Revoke"));
    let o = leakhound()
        .args(["rules", "show", "no-such-rule"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
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

#[test]
fn user_rules_extend_the_builtin_set() {
    let d = Dir::new();
    d.write("rules/acme.toml", USER_RULE);
    d.write("src/a.py", "k = 'acme_q8w7e6r5t4y3u2i1o9p8a7s6'\n");
    let o = d
        .cmd()
        .args([
            "scan",
            "--rules",
            "rules/acme.toml",
            "--format",
            "json",
            "src",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(json_of(&o)["findings"][0]["rule_id"], "acme-api-key");
    let o = d
        .cmd()
        .args(["rules", "check", "--rules", "rules"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn broken_user_rules_are_reported_with_file_line_and_column() {
    let d = Dir::new();
    d.write("bad.toml", "provider = \"x\"\n[[rules]]\nid = 3\n");
    let o = d
        .cmd()
        .args(["scan", "--rules", "bad.toml", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("bad.toml:3:"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");

    d.write(
        "dup.toml",
        USER_RULE.replace("acme-api-key", "github-pat-classic"),
    );
    let o = d
        .cmd()
        .args(["scan", "--rules", "dup.toml", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already defined"), "{}", stderr(&o));

    d.write(
        "regex.toml",
        USER_RULE.replace("(?P<secret>acme_", "(?P<secret>acme_(["),
    );
    let o = d
        .cmd()
        .args(["scan", "--rules", "regex.toml", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("regex does not compile"),
        "{}",
        stderr(&o)
    );

    d.write(
        "ex.toml",
        USER_RULE.replace("acme_short", "acme_q8w7e6r5t4y3u2i1o9p8a7s7"),
    );
    let o = d
        .cmd()
        .args(["rules", "check", "--rules", "ex.toml"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("negative example matches"),
        "{}",
        stdout(&o)
    );
}

// ---------------------------------------------------------------------------------
// Git history, ranges, staged changes and the pre-commit hook

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

// ---------------------------------------------------------------------------------
// Managing findings: config, inline allow, baseline

fn summary_line(o: &Output) -> String {
    stderr(o).lines().last().unwrap_or_default().to_string()
}

#[test]
fn inline_allow_marker_suppresses_its_line_and_can_be_refused() {
    let d = Dir::new();
    d.write(
        "app.js",
        format!(
            "const a = '{}';\nconst b = '{}'; // leakhound:allow fixture\n",
            github_token(0),
            github_token(1)
        ),
    );
    let o = d.cmd().args(["scan", "--format", "json"]).output().unwrap();
    assert_eq!(locations(&json_of(&o)).len(), 1);
    assert!(
        summary_line(&o).contains("suppressed: 1 location inline"),
        "{}",
        stderr(&o)
    );
    assert_eq!(json_of(&o)["summary"]["suppressed"]["inline"], 1);
    let o = d
        .cmd()
        .args(["scan", "--no-inline-allow", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(locations(&json_of(&o)).len(), 2);
}

#[test]
fn config_allowlists_custom_rules_and_disabled_rules() {
    let d = Dir::new();
    d.write(
        "src/a.py",
        format!("T = '{}'\nK = 'acme_q8w7e6r5t4y3u2i1'\n", github_token(0)),
    );
    d.write("tests/fixture.py", format!("T = '{}'\n", github_token(1)));
    d.write(
        ".leakhound.toml",
        r#"
disable = ["generic-secret-assignment", "generic-secret-key-value"]
provider = "Acme"

[[rules]]
id = "acme-key"
name = "Acme key"
description = "An Acme key."
regex = '''\b(?P<secret>acme_[a-z0-9]{16})\b'''
keywords = ["acme_"]
severity = "high"
confidence = "high"
remediation = "Revoke it in the Acme console."
references = []
examples = []
negative_examples = []

[[allow]]
description = "test fixtures"
paths = ["tests/**"]
rules = ["github-pat-classic"]
"#,
    );
    let o = d.cmd().args(["scan", "--format", "json"]).output().unwrap();
    let v = json_of(&o);
    let mut seen: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["rule_id"].as_str().unwrap(),
                f["path"].as_str().unwrap()
            )
        })
        .collect();
    seen.sort();
    assert_eq!(seen, ["acme-key src/a.py", "github-pat-classic src/a.py"]);
    assert_eq!(v["summary"]["suppressed"]["allowlist"], 1);
    // --no-config: built-in rules only, no allowlist.
    let o = d
        .cmd()
        .args(["scan", "--no-config", "--format", "json"])
        .output()
        .unwrap();
    let v = json_of(&o);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule_id"] != "acme-key")
    );
    assert!(
        locations(&v)
            .iter()
            .any(|l| l["path"] == "tests/fixture.py")
    );
    // --config FILE from elsewhere.
    let other = d.write("elsewhere.toml", "[[allow]]\nstopwords = [\"q8w7\"]\n");
    let o = d
        .cmd()
        .args(["scan", "--format", "json", "--config"])
        .arg(&other)
        .output()
        .unwrap();
    assert_eq!(json_of(&o)["summary"]["suppressed"]["allowlist"], 0);
}

#[test]
fn config_mistakes_are_located_and_exit_two() {
    let d = Dir::new();
    d.write("a.txt", "nothing\n");
    for (text, want) in [
        (
            "disable = [\"no-such-rule\"]\n",
            ".leakhound.toml:1:12: disable: no built-in rule",
        ),
        (
            "[[allow]]\nsecrets = [\"(\"]\n",
            ".leakhound.toml:2:12: allow.secrets: regex does not compile",
        ),
        ("[[allow]\n", ".leakhound.toml:1:"),
        (
            "colour = true\n",
            ".leakhound.toml:1:1: unknown field `colour`",
        ),
        (
            "[[rules]]\nid = \"x\"\n",
            ".leakhound.toml:1:1: missing field",
        ),
    ] {
        d.write(".leakhound.toml", text);
        let o = d.cmd().args(["scan"]).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{text}");
        let err = stderr(&o);
        assert!(err.contains(want), "{text}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let o = d
        .cmd()
        .args(["scan", "--config", "missing.toml"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("missing.toml:1:1: cannot read config file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn baseline_keeps_accepted_findings_quiet_and_reports_new_ones() {
    let d = Dir::new();
    d.write("a.py", format!("T = '{}'\n", github_token(0)));
    let o = d
        .cmd()
        .args(["baseline", "create", "base.json", "scan", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let base = std::fs::read_to_string(d.path().join("base.json")).unwrap();
    assert!(
        !base.contains(&github_token(0)[4..]),
        "baseline holds the secret"
    );
    assert!(base.contains("\"fingerprint\""));
    // Unchanged: quiet, exit 0, counted.
    let o = d
        .cmd()
        .args(["scan", "--baseline", "base.json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        summary_line(&o).contains("suppressed: 1 secret at 1 location by baseline"),
        "{}",
        stderr(&o)
    );
    // Lines moved: still the same finding.
    d.write("a.py", format!("import os\n\nT = '{}'\n", github_token(0)));
    let o = d
        .cmd()
        .args(["scan", "--baseline", "base.json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    // A different secret on the same line is new.
    d.write("a.py", format!("import os\n\nT = '{}'\n", github_token(1)));
    let o = d
        .cmd()
        .args(["scan", "-q", "--baseline", "base.json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("a.py:3:6"));
    // The same secret in another file is new too.
    d.write("a.py", format!("T = '{}'\n", github_token(0)));
    d.write("b.py", format!("T = '{}'\n", github_token(0)));
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json", "--baseline", "base.json"])
        .output()
        .unwrap();
    let locs = locations(&json_of(&o));
    assert_eq!(locs.len(), 1);
    assert_eq!(locs[0]["path"], "b.py");
}

#[test]
fn baseline_of_a_history_scan_and_bad_baselines() {
    let d = Dir::new();
    let git = |args: &[&str]| {
        let s = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(d.path())
            .status()
            .unwrap();
        assert!(s.success());
    };
    git(&["init", "-q", "."]);
    d.write("a.py", format!("T = '{}'\n", github_token(0)));
    git(&["add", "."]);
    git(&["commit", "-qm", "one"]);
    let o = d
        .cmd()
        .args(["baseline", "create", "base.json", "git", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = d
        .cmd()
        .args(["git", "--baseline", "base.json", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    for (text, want) in [
        ("{\"leakhound_baseline\": 1,\n", "bad.json:2:"),
        ("[1, 2]", "not a leakhound baseline"),
        (
            "{\"leakhound_baseline\": 7, \"created\": \"\", \"findings\": []}",
            "version 7",
        ),
    ] {
        d.write("bad.json", text);
        let o = d
            .cmd()
            .args(["git", "--baseline", "bad.json", "."])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{text}");
        assert!(stderr(&o).contains(want), "{text}: {}", stderr(&o));
        assert_eq!(stderr(&o).lines().count(), 1);
    }
    let o = d
        .cmd()
        .args(["scan", "--baseline", "nope.json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nope.json:1:1: cannot read baseline"));
}

#[test]
fn snapshot_markdown_playbook() {
    insta::assert_snapshot!("demo_markdown", demo("markdown"));
}

#[test]
fn replace_text_file_purges_history_with_git_filter_repo() {
    let test = "replace_text_file_purges_history_with_git_filter_repo";
    if !leakhound::report::purge::test_can_use_filter_repo(test) {
        return;
    }
    let d = Dir::new();
    let git = |args: &[&str]| {
        let o = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(d.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
        stdout(&o)
    };
    git(&["init", "-q", "."]);
    let tok = github_token(0);
    d.write(
        "config.py",
        format!(
            "TOKEN = '{tok}'\nURL = 'postgres://app:Zq7vN2kLpX9wR4tF@db.prod.internal/orders'\n"
        ),
    );
    git(&["add", "."]);
    git(&["commit", "-qm", "add config"]);
    d.write(
        "config.py",
        "import os\nTOKEN = os.environ['GITHUB_TOKEN']\n",
    );
    git(&["commit", "-qam", "read the token from the environment"]);
    let rt = d
        .path()
        .join("..")
        .join(format!("rt-{}.txt", std::process::id()));
    let o = d
        .cmd()
        .args(["git", "-q", "--format", "markdown", "--replace-text-file"])
        .arg(&rt)
        .arg(".")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("## Purge history"), "{}", stdout(&o));
    assert!(!stdout(&o).contains(&tok), "the playbook prints the secret");
    let o = std::process::Command::new("git")
        .args(["filter-repo", "--force", "--replace-text"])
        .arg(&rt)
        .current_dir(d.path())
        .output()
        .expect("git filter-repo runs (pip install git-filter-repo)");
    std::fs::remove_file(&rt).unwrap();
    assert!(o.status.success(), "filter-repo: {}", stderr(&o));
    let history = git(&["log", "--all", "-p"]);
    assert!(
        !history.contains(&tok) && !history.contains("Zq7vN2kLpX9wR4tF"),
        "{history}"
    );
    assert!(history.contains("REMOVED-github-pat-classic"), "{history}");
    let o = d.cmd().args(["git", "-q", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

// ---------------------------------------------------------------------------------
// Hostile and broken input: every case ends with a clear message and the right exit
// code, no panic, and every readable file still scanned.

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

#[cfg(unix)]
#[test]
fn device_files_are_skipped_named_or_linked() {
    use std::os::unix::fs::symlink;
    let d = Dir::new();
    d.write("a.txt", format!("t={}\n", github_token(0)));
    symlink("/dev/zero", d.path().join("zero")).unwrap();
    symlink("/dev/urandom", d.path().join("random")).unwrap();
    for args in [
        &[
            "scan",
            "-q",
            "--format",
            "json",
            "/dev/zero",
            "/dev/null",
            ".",
        ][..],
        &["scan", "-q", "--format", "json", "--follow", "."][..],
    ] {
        let o = d
            .cmd()
            .args(args)
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        assert_orderly(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let v = json_of(&o);
        assert_eq!(v["summary"]["files_scanned"], 1, "{args:?}");
        assert!(v["summary"]["files_skipped"]["special"].as_u64().unwrap() >= 2);
    }
}

#[cfg(unix)]
#[test]
fn links_out_of_the_tree_are_followed_only_when_asked() {
    use std::os::unix::fs::symlink;
    let d = Dir::new();
    let outside = Dir::new();
    outside.write("deep/secret.txt", format!("t={}\n", github_token(1)));
    d.write("inside.txt", "nothing\n");
    symlink(outside.path(), d.path().join("elsewhere")).unwrap();
    std::fs::create_dir(d.path().join("loop")).unwrap();
    symlink(d.path(), d.path().join("loop/up")).unwrap();
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json"])
        .output()
        .unwrap();
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(0));
    let o = d
        .cmd()
        .args(["scan", "--format", "json", "-L"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let paths: Vec<Value> = locations(&json_of(&o))
        .iter()
        .map(|l| l["path"].clone())
        .collect();
    assert_eq!(paths, ["elsewhere/deep/secret.txt"]);
    // The loop is reported once as a warning naming it, and does not hang the walk.
    assert!(stderr(&o).contains("loop"), "{}", stderr(&o));
}

#[test]
fn empty_files_and_directories() {
    let d = Dir::new();
    d.write("empty.txt", "");
    d.write("sub/also-empty.py", "");
    std::fs::create_dir_all(d.path().join("nothing/here")).unwrap();
    let o = d.cmd().args(["scan", "--format", "json"]).output().unwrap();
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json_of(&o)["summary"]["files_scanned"], 2);
    let o = d.cmd().args(["scan", "-q", "nothing"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty() && o.stderr.is_empty());
}

#[test]
fn nul_bytes_utf16_without_bom_and_lone_carriage_returns() {
    let d = Dir::new();
    let tok = github_token(2);
    let text = format!("[auth]\r\ntoken = {tok}\r\n");
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let mut be_bom = vec![0xFE, 0xFF];
    be_bom.extend(&be);
    d.write("le-nobom.ini", &le);
    d.write("be-nobom.ini", &be);
    d.write("be-bom.ini", &be_bom);
    d.write("old-mac.txt", format!("a = 1\rb = 2\rtoken = {tok}\r"));
    // Binary: a NUL among bytes that are not UTF-16 text.
    let mut blob = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
    blob.extend(format!("{tok}\0").as_bytes());
    d.write("program", &blob);
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json"])
        .output()
        .unwrap();
    assert_orderly(&o);
    let v = json_of(&o);
    let mut got: Vec<(String, u64)> = locations(&v)
        .iter()
        .map(|l| {
            (
                l["path"].as_str().unwrap().to_string(),
                l["line"].as_u64().unwrap(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("be-bom.ini".to_string(), 2),
            ("be-nobom.ini".to_string(), 2),
            ("le-nobom.ini".to_string(), 2),
            // Lines are counted by LF: a file of lone CRs is one line.
            ("old-mac.txt".to_string(), 1),
        ]
    );
    assert_eq!(v["summary"]["files_skipped"]["binary"], 1);
}

#[test]
fn two_hundred_megabyte_line_is_named_when_skipped_and_scanned_when_allowed() {
    let d = Dir::new();
    let mut line = vec![b'x'; 200 << 20];
    let tok = format!(" t={} ", github_token(0));
    let at = line.len() - 100;
    line[at..at + tok.len()].copy_from_slice(tok.as_bytes());
    d.write("huge.txt", &line);
    drop(line);
    d.write("small.py", format!("t = '{}'\n", github_token(1)));
    let o = d.cmd().args(["scan", "--format", "json"]).output().unwrap();
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("huge.txt: not scanned, 200.0 MiB is over the --max-file-size limit"),
        "{err}"
    );
    assert_eq!(json_of(&o)["summary"]["files_skipped"]["too_large"], 1);
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json", "--max-file-size", "256M"])
        .timeout(std::time::Duration::from_secs(300))
        .output()
        .unwrap();
    assert_orderly(&o);
    let paths: Vec<Value> = locations(&json_of(&o))
        .iter()
        .map(|l| l["path"].clone())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
}

#[test]
fn files_that_grow_or_shrink_while_scanned() {
    let d = Dir::new();
    d.write("stable.py", format!("t = '{}'\n", github_token(0)));
    let growing = d.write("growing.log", "");
    let shrinking = d.write("shrinking.log", vec![b'y'; 4 << 20]);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new()
                .append(true)
                .open(&growing)
                .unwrap();
            let chunk = vec![b'z'; 64 << 10];
            let mut round = 0u32;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                f.write_all(&chunk).unwrap();
                round += 1;
                if round.is_multiple_of(32) {
                    // Keep the file near the limit: truncate both, then grow again.
                    f.set_len(0).unwrap();
                    std::fs::write(&shrinking, b"").unwrap();
                    std::fs::write(&shrinking, vec![b'y'; 4 << 20]).unwrap();
                }
            }
        })
    };
    for _ in 0..5 {
        let o = d
            .cmd()
            .args(["scan", "-q", "--format", "json", "--max-file-size", "3M"])
            .output()
            .unwrap();
        assert_orderly(&o);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let v = json_of(&o);
        assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    writer.join().unwrap();
}

#[test]
fn a_hundred_thousand_files_in_one_directory() {
    let d = Dir::new();
    let dir = d.path().join("many");
    std::fs::create_dir(&dir).unwrap();
    for i in 0..100_000 {
        std::fs::write(dir.join(format!("f{i:06}.txt")), b"x = 1\n").unwrap();
    }
    std::fs::write(dir.join("f050000.txt"), format!("t={}\n", github_token(0))).unwrap();
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json"])
        .timeout(std::time::Duration::from_secs(300))
        .output()
        .unwrap();
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(1));
    let v = json_of(&o);
    assert_eq!(v["summary"]["files_scanned"], 100_000);
    assert_eq!(v["findings"][0]["path"], "many/f050000.txt");
}

#[cfg(unix)]
#[test]
fn hostile_file_names_are_escaped_in_text_and_valid_in_json_and_sarif() {
    use std::os::unix::ffi::OsStrExt;
    let d = Dir::new();
    let tok = github_token(0);
    let names: [&[u8]; 5] = [
        b"bad\xff\xfename.py",
        b"new\nline.py",
        b"esc\x1b[2J\x1b[31mred.py",
        b"bidi\xe2\x80\xaeyp.txt",
        b"tab\tand\rcr.py",
    ];
    for n in names {
        let p = d.path().join(std::ffi::OsStr::from_bytes(n));
        std::fs::write(p, format!("t = '{tok}'\n")).unwrap();
    }
    for format in ["text", "markdown"] {
        let o = d
            .cmd()
            .args(["scan", "--all-locations", "--format", format])
            .output()
            .unwrap();
        assert_orderly(&o);
        assert_eq!(o.status.code(), Some(1));
        let out = &o.stdout;
        assert!(!out.contains(&0x1b), "{format}: raw ESC in {}", stdout(&o));
        assert!(!out.contains(&b'\r'), "{format}: raw CR");
        let text = stdout(&o);
        assert!(
            !text.contains('\u{202e}'),
            "{format}: raw direction override"
        );
        assert!(text.contains("\\u{1b}[2J"), "{format}: {text}");
        assert!(
            !text.lines().any(|l| l == "line.py:1:6"),
            "{format}: newline not escaped"
        );
    }
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json"])
        .output()
        .unwrap();
    let v = json_of(&o);
    assert_eq!(locations(&v).len(), names.len());
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "sarif"])
        .output()
        .unwrap();
    let doc = json_of(&o);
    validate_sarif(&doc);
    let uris: Vec<&str> = doc["runs"][0]["results"][0]["relatedLocations"]
        .as_array()
        .unwrap()
        .iter()
        .chain(
            doc["runs"][0]["results"][0]["locations"]
                .as_array()
                .unwrap(),
        )
        .map(|l| {
            l["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(uris.len(), names.len());
    for uri in uris {
        assert!(uri.bytes().all(|b| b.is_ascii_graphic()), "{uri}");
    }
}

#[test]
fn corrupt_pack_warns_for_the_blob_it_loses_and_scans_the_rest() {
    let repo = Repo::new();
    for (i, name) in ["a.py", "b.py", "c.py"].iter().enumerate() {
        // Incompressible filler so each blob's data spans many bytes of the pack.
        let filler: String = (0..400)
            .map(|j| format!("{:x}", (i * 7919 + j * 104_729) % 65_521))
            .collect();
        repo.write(
            name,
            format!("t = '{}'\n# {filler}\n", github_token(i as u32)),
        );
    }
    repo.commit("three files", "2022-01-01T00:00:00Z", "Ann");
    repo.git(&["gc", "-q"]);
    let blob = repo.git(&["rev-parse", "HEAD:b.py"]);
    let pack_dir = repo.path().join(".git/objects/pack");
    let pack = std::fs::read_dir(&pack_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "pack"))
        .unwrap();
    let idx = pack.with_extension("idx");
    let listing = repo.git(&["verify-pack", "-v", idx.to_str().unwrap()]);
    // `<id> blob <size> <size-in-pack> <offset>`
    let line = listing.lines().find(|l| l.starts_with(&blob)).unwrap();
    let fields: Vec<usize> = line
        .split_whitespace()
        .skip(2)
        .take(3)
        .map(|f| f.parse().unwrap())
        .collect();
    let (in_pack, offset) = (fields[1], fields[2]);
    let mut bytes = std::fs::read(&pack).unwrap();
    for b in &mut bytes[offset + in_pack / 2..offset + in_pack / 2 + 16] {
        *b ^= 0x5a;
    }
    let mut perms = std::fs::metadata(&pack).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&pack, perms).unwrap();
    std::fs::write(&pack, bytes).unwrap();

    let o = repo.leakhound(&["git", "--format", "json"]);
    assert_orderly(&o);
    // An input that could not be read makes the scan incomplete: exit code 2.
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("warning: b.py (blob {blob}): cannot read")),
        "{err}"
    );
    let v = json_of(&o);
    let mut paths: Vec<String> = locations(&v)
        .iter()
        .map(|l| l["path"].as_str().unwrap().to_string())
        .collect();
    paths.sort();
    assert_eq!(paths, ["a.py", "c.py"]);
    assert_eq!(v["summary"]["unreadable"], 1);
}

#[test]
fn ten_thousand_branches_each_secret_once() {
    let repo = Repo::new();
    repo.write("README", "hello\n");
    let base = repo.commit("base", "2022-01-01T00:00:00Z", "Ann");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    repo.write("conf.py", format!("t = '{}'\n", github_token(0)));
    let leak = repo.commit("leak", "2022-01-02T00:00:00Z", "Bob");
    repo.git(&["checkout", "-q", "main"]);
    let refs: String = (0..10_000)
        .map(|i| {
            format!(
                "create refs/heads/b{i:05} {}\n",
                if i % 2 == 0 { &base } else { &leak }
            )
        })
        .collect();
    let mut child = std::process::Command::new("git")
        .args(["update-ref", "--stdin"])
        .current_dir(repo.path())
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(refs.as_bytes())
            .unwrap();
    }
    assert!(child.wait().unwrap().success());
    let o = repo.leakhound(&["git", "--format", "json"]);
    assert_orderly(&o);
    assert_eq!(o.status.code(), Some(1));
    let v = json_of(&o);
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    assert_eq!(locations(&v).len(), 1);
    assert_eq!(v["findings"][0]["commit"]["id"], leak.as_str());
}

#[test]
fn a_panic_while_scanning_one_file_is_an_error_for_that_file_only() {
    let d = Dir::new();
    d.write("boom.py", format!("t = '{}'\n", github_token(0)));
    d.write("fine.py", format!("t = '{}'\n", github_token(1)));
    let o = d
        .cmd()
        .env("LEAKHOUND_TEST_PANIC_ON", "boom")
        .env_remove("RUST_BACKTRACE")
        .args(["scan", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "leakhound: error: boom.py: internal error while scanning (injected test panic)"
        ),
        "{err}"
    );
    assert!(err.contains("1 failed (internal error)"), "{err}");
    let v = json_of(&o);
    assert_eq!(v["summary"]["failed"], 1);
    assert_eq!(v["findings"][0]["path"], "fine.py");
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
}

// ---------------------------------------------------------------------------------
// Output safety and what the scanner never does

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The secrets a report holds, in clear (`--show-secrets`), and for encoded ones the
/// text as written.
fn secrets_shown(repo: &Repo, mode: &[&str]) -> Vec<String> {
    let o = repo.leakhound(&[mode, &["-q", "--show-secrets", "--format", "json"]].concat());
    assert_eq!(o.status.code(), Some(1), "{mode:?}: {}", stderr(&o));
    let v = json_of(&o);
    // Public identifiers (an AWS access key ID) are shown in full on purpose.
    let rules = leakhound::rules::RuleSet::builtin();
    let public = |id: &str| {
        rules
            .rules()
            .iter()
            .any(|r| r.id() == id && r.def.redact == Some(leakhound::rules::Redact::Identifier))
    };
    let secrets: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !public(f["rule_id"].as_str().unwrap()))
        .map(|f| f["secret"].as_str().unwrap().to_string())
        .collect();
    assert!(secrets.len() >= 5, "{mode:?}: {secrets:?}");
    secrets
}

#[test]
fn no_secret_in_clear_in_any_format_or_mode_and_no_terminal_injection() {
    let repo = Repo::new();
    copy_tree(&repo_root().join("fixtures/demo"), repo.path());
    copy_tree(
        &repo_root().join("fixtures/encoded"),
        &repo.path().join("encoded"),
    );
    // History, with control characters in the commit message and author name, and a
    // secret in the message (in no file).
    let in_message = with_crc32_base62("ghp_Wc7Ty2Np9Rk4Mx6Zq1Lv8Bd3Hf5Js0");
    repo.commit(
        &format!("add \u{1b}[2Jconfig\u{7} with {in_message}"),
        "2022-01-01T00:00:00Z",
        "Eve\u{1b}]0;pwned\u{7}",
    );
    // Staged: a new file; working tree: the same tree.
    repo.write("staged.py", format!("TOKEN = '{}'\n", github_token(2)));
    repo.git(&["add", "staged.py"]);
    let encoded = encoded_fixture_texts();
    for mode in [&["scan", "."][..], &["git"][..], &["staged"][..]] {
        let mut secrets = if mode[0] == "staged" {
            vec![github_token(2)]
        } else {
            secrets_shown(&repo, mode)
        };
        if mode[0] != "staged" {
            secrets.extend(encoded.iter().cloned());
        }
        secrets.push(in_message.clone());
        for format in ["text", "json", "sarif", "markdown"] {
            let o = repo.leakhound(&[mode, &["--all-locations", "--format", format]].concat());
            assert_eq!(
                o.status.code(),
                Some(1),
                "{mode:?} {format}: {}",
                stderr(&o)
            );
            let all = format!("{}{}", stdout(&o), stderr(&o));
            for s in &secrets {
                // Short values (a one-character password) are not distinctive; the
                // body past the redacted prefix must not appear either.
                if s.chars().count() >= 8 {
                    let body: String = s.chars().skip(4).collect();
                    assert!(!all.contains(s.as_str()), "{mode:?} {format} prints {s:?}");
                    assert!(
                        !all.contains(&body),
                        "{mode:?} {format} prints the body of {s:?}"
                    );
                }
            }
            match format {
                "json" | "sarif" => {
                    let doc = json_of(&o);
                    if format == "sarif" {
                        validate_sarif(&doc);
                    }
                }
                _ => {
                    assert!(!o.stdout.contains(&0x1b), "{mode:?} {format}: raw ESC");
                    assert!(!o.stdout.contains(&0x07), "{mode:?} {format}: raw BEL");
                }
            }
        }
    }
    // In history, the escapes are shown escaped.
    let o = repo.leakhound(&["git"]);
    let text = stdout(&o);
    assert!(text.contains("Eve\\u{1b}]0;pwned"), "{text}");
    assert!(text.contains("add \\u{1b}[2Jconfig\\u{7}"), "{text}");
}

/// A repository set up to run commands at every opportunity git offers: hooks, an
/// fsmonitor, clean/smudge/process filters, textconv, an external diff, an ssh
/// command and a credential helper. None may run while leakhound scans it.
#[cfg(unix)]
#[test]
fn nothing_from_the_scanned_repository_is_executed() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::new();
    // Content first, committed and staged by a git that runs nothing yet.
    repo.write(".gitattributes", "* filter=evil diff=evil\n");
    repo.write("app.py", format!("T = '{}'\n", github_token(0)));
    repo.commit("x", "2022-01-01T00:00:00Z", "Ann");
    repo.write("staged.py", format!("T = '{}'\n", github_token(1)));
    repo.git(&["add", "staged.py"]);
    // Then every way to make git run a command.
    let marker = repo.path().join("EXECUTED");
    let cmd = format!("touch '{}'", marker.display());
    let hooks = repo.path().join(".git/hooks");
    for hook in [
        "pre-commit",
        "post-checkout",
        "post-index-change",
        "reference-transaction",
        "fsmonitor-watchman",
    ] {
        std::fs::write(hooks.join(hook), format!("#!/bin/sh\n{cmd}\n")).unwrap();
        std::fs::set_permissions(hooks.join(hook), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    for (key, value) in [
        ("core.fsmonitor", cmd.as_str()),
        ("core.hooksPath", ".git/hooks"),
        ("filter.evil.clean", cmd.as_str()),
        ("filter.evil.smudge", cmd.as_str()),
        ("filter.evil.process", cmd.as_str()),
        ("diff.evil.textconv", cmd.as_str()),
        ("diff.external", cmd.as_str()),
        ("core.sshCommand", cmd.as_str()),
        ("credential.helper", &format!("!{cmd}")),
        ("core.pager", cmd.as_str()),
    ] {
        repo.git(&["config", key, value]);
    }
    assert!(!marker.exists());
    // The work tree differs from the index, so a scan that asked git about it would
    // have to run the filters.
    repo.write(
        "app.py",
        format!("T = '{}'\nchanged = 1\n", github_token(0)),
    );
    for mode in [&["scan", "."][..], &["git"][..], &["staged"][..]] {
        let o = repo.leakhound(&[mode, &["-q", "--format", "json"]].concat());
        assert_eq!(o.status.code(), Some(1), "{mode:?}: {}", stderr(&o));
        assert!(
            !marker.exists(),
            "{mode:?} ran a command from the repository"
        );
    }
}

/// Under strace, when it is installed: no socket is ever opened, in any mode.
#[cfg(target_os = "linux")]
#[test]
fn no_network_connection_is_attempted() {
    let Ok(probe) = std::process::Command::new("strace").arg("-V").output() else {
        eprintln!("strace not installed: network check skipped");
        return;
    };
    assert!(probe.status.success());
    let repo = Repo::new();
    repo.write("app.py", format!("T = '{}'\n", github_token(0)));
    repo.git(&[
        "remote",
        "add",
        "origin",
        "https://user:pass@git.example.org/x.git",
    ]);
    repo.commit("x", "2022-01-01T00:00:00Z", "Ann");
    let bin = assert_cmd::cargo::cargo_bin("leakhound");
    for mode in [&["scan", "."][..], &["git"][..], &["staged"][..]] {
        let log = repo.path().join(".git/strace.log");
        let o = std::process::Command::new("strace")
            .args(["-f", "-qq", "-e", "trace=socket,connect,sendto", "-o"])
            .arg(&log)
            .arg(&bin)
            .args(mode)
            .args(["-q", "--format", "sarif"])
            .current_dir(repo.path())
            .output()
            .unwrap();
        assert!(
            o.status.code().is_some_and(|c| c <= 1),
            "{mode:?}: {}",
            stderr(&o)
        );
        let trace = std::fs::read_to_string(&log).unwrap();
        assert!(
            !trace
                .lines()
                .any(|l| l.contains("socket(") || l.contains("connect(")),
            "{mode:?} opened a socket:\n{trace}"
        );
    }
}

/// A `.leakhound.toml` comes with the scanned tree: its rule text must not reach the
/// terminal raw either.
#[test]
fn config_rule_text_is_escaped_in_text_output() {
    let d = Dir::new();
    d.write(
        ".leakhound.toml",
        r#"
[[rules]]
id = "x\u001b[2J\u001b]0;pwned\u0007"
name = "N\u001b[31mred"
description = "d"
regex = '''(?P<secret>zzq_[a-z0-9]{16})'''
keywords = ["zzq_"]
severity = "high"
confidence = "high"
remediation = """R\u001b[5mblink
1. Step."""
references = ["https://acme.invalid/docs"]
examples = ["zzq_q8w7e6r5t4y3u2i1", "zzq_a8w7e6r5t4y3u2i1"]
negative_examples = ["zzq_short"]
"#,
    );
    d.write("a.txt", "k = \"zzq_q8w7e6r5t4y3u2i1\"\n");
    let o = d.cmd().args(["scan", "."]).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        !o.stdout.contains(&0x1b) && !o.stdout.contains(&0x07),
        "{}",
        stdout(&o)
    );
    assert!(!o.stderr.contains(&0x1b), "{}", stderr(&o));
    assert!(stdout(&o).contains("R\\u{1b}[5mblink"), "{}", stdout(&o));
}
