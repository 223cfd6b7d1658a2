//! Content: what bytes are read as text, which files are read at all, and bounded work
//! on hostile single-line input.

use super::*;

use std::collections::BTreeSet;

/// A deterministic stream of pseudo-random characters from `alphabet` (xorshift), so
/// fixtures differ secret by secret without depending on a random source.
struct Chars {
    state: u64,
}

impl Chars {
    fn new(seed: u64) -> Chars {
        Chars {
            state: seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1,
        }
    }

    fn take(&mut self, n: usize, alphabet: &[u8]) -> String {
        (0..n)
            .map(|_| {
                self.state ^= self.state << 13;
                self.state ^= self.state >> 7;
                self.state ^= self.state << 17;
                alphabet[(self.state % alphabet.len() as u64) as usize] as char
            })
            .collect()
    }
}

/// Scans `dir` in JSON and returns the report and the set of secret hashes found.
fn scan_hashes(d: &Dir, args: &[&str]) -> (Value, BTreeSet<String>) {
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json"])
        .args(args)
        // A guard against a hang, not a measurement (the benchmark measures).
        .timeout(std::time::Duration::from_secs(300))
        .output()
        .unwrap();
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "exit {:?}: {}",
        o.status.code(),
        stderr(&o)
    );
    let v = json_of(&o);
    let hashes = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["secret_hash"].as_str().unwrap().to_string())
        .collect();
    (v, hashes)
}

/// Writes `items` twice: all on one line (`one.txt`, joined by `sep` after `prefix`),
/// and one per line (`many.txt`), scans both, and checks that they report the same
/// `want` distinct secrets.
fn same_secrets_on_one_line(items: &[String], prefix: &str, sep: &str, want: usize) -> Value {
    let one = Dir::new();
    one.write("one.txt", format!("{prefix}{}\n", items.join(sep)));
    let many = Dir::new();
    let per_line: String = items.iter().map(|i| format!("{prefix}{i}\n")).collect();
    many.write("many.txt", per_line);
    let (v, on_one_line) = scan_hashes(&one, &[]);
    let (_, on_many_lines) = scan_hashes(&many, &[]);
    assert_eq!(on_one_line.len(), want, "{}", v["summary"]);
    assert_eq!(on_one_line, on_many_lines);
    v
}

/// The column where `items[i]` starts on the one line `same_secrets_on_one_line` wrote.
fn column_of(items: &[String], prefix: &str, sep: &str, i: usize) -> u64 {
    (prefix.len()
        + items[..i]
            .iter()
            .map(|s| s.len() + sep.len())
            .sum::<usize>()
        + 1) as u64
}

/// The (line, column) of every finding of a JSON report, sorted.
fn positions(v: &Value) -> Vec<(u64, u64)> {
    let mut p: Vec<(u64, u64)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
        .collect();
    p.sort();
    p
}

const ALNUM: &[u8] = b"abcdefghijkmnpqrstuvwyzABCDEFGHJKLMNPQRSTUVWYZ23456789";

#[test]
fn a_megabyte_of_percent_encoded_urls_on_one_line() {
    // Each URL holds a distinct database password; the whole line is one
    // percent-encoded run of about 1.3 MB. The passwords are long and random, so they
    // get the fast hash: this test is about decoding, not Argon2's few milliseconds
    // per distinct weak secret.
    let mut c = Chars::new(1);
    let n = 14_000;
    let items: Vec<String> = (0..n)
        .map(|i| {
            format!(
                "u{i}=postgres%3A%2F%2Fapp%3A{}%40db{i}.internal%2Forders",
                c.take(32, ALNUM)
            )
        })
        .collect();
    let v = same_secrets_on_one_line(&items, "q=", "&", n);
    // Each is reported at the encoded run, the whole line.
    assert!(positions(&v).iter().all(|&p| p == (1, 1)));
}

#[test]
fn base64_pem_blocks_on_one_line() {
    use base64::Engine as _;
    let b64 = b"ABCDEFGHIJKLMNOPQRSTUVWYZabcdefghijkmnopqrstuvwyz0123456789+/";
    let mut c = Chars::new(2);
    // About 280 KB: base64 of `-----BEGIN` about 2,000 times.
    let n = 2_000;
    let items: Vec<String> = (0..n)
        .map(|_| {
            let pem = format!(
                "-----BEGIN RSA PRIVATE KEY-----\n{}\n-----END RSA PRIVATE KEY-----\n",
                c.take(64, b64)
            );
            base64::engine::general_purpose::STANDARD.encode(pem)
        })
        .collect();
    let v = same_secrets_on_one_line(&items, "keys: ", " ", n);
    // Each at its own base64 run, far along the line.
    let want: Vec<(u64, u64)> = (0..n)
        .map(|i| (1, column_of(&items, "keys: ", " ", i)))
        .collect();
    assert_eq!(positions(&v), want);
}

#[test]
fn twenty_thousand_aws_keys_on_one_line() {
    let mut c = Chars::new(3);
    let n = 20_000;
    let items: Vec<String> = (0..n)
        .map(|_| format!("AKIA{}", c.take(16, b"ABCDEFGHIJKLMNOPQRSTUVWYZ234567")))
        .collect();
    let v = same_secrets_on_one_line(&items, "ids=", ",", n);
    let want: Vec<(u64, u64)> = (0..n)
        .map(|i| (1, column_of(&items, "ids=", ",", i)))
        .collect();
    assert_eq!(positions(&v), want);
}

// ---------------------------------------------------------------------------------
// Threads that cannot be started

/// A repository with a token in its history and a few files in its working tree.
fn tree_with_a_token() -> Dir {
    let d = Dir::new();
    for i in 0..20 {
        d.write(&format!("src/m{i}.py"), format!("x = {i}\n"));
    }
    d.write(
        "src/config.py",
        format!("token = \"{}\"\n", github_token(0)),
    );
    let git = |args: &[&str]| {
        let o = std::process::Command::new("git")
            .args(args)
            .current_dir(d.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&[
        "-c",
        "user.name=T",
        "-c",
        "user.email=t@example.com",
        "commit",
        "-qm",
        "init",
    ]);
    d
}

#[test]
fn a_failed_thread_start_means_fewer_threads_not_a_crash() {
    let d = tree_with_a_token();
    // LEAKHOUND_TEST_SPAWN_LIMIT (debug builds) makes a thread start fail once that
    // many are running, as a container's pids limit does.
    for (mode, limit, note) in [
        ("scan", "0", "could start only 0 of 4 worker threads"),
        ("scan", "2", "could start only 2 of 4 worker threads"),
        ("git", "0", "could start only 0 of 4 worker threads"),
        // Enumeration's tree readers take the first three starts; the walk then runs
        // in the main thread, and so does the blob scan.
        ("git", "3", "could start only 3 of 4 threads to read trees"),
        ("git", "3", "could start only 0 of 4 worker threads"),
    ] {
        let o = d
            .cmd()
            .args([mode, "--threads", "4", "--format", "json", "."])
            .env("LEAKHOUND_TEST_SPAWN_LIMIT", limit)
            .output()
            .unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{mode} {limit}: {err}");
        assert!(err.contains(note), "{mode} {limit}: {err}");
        assert!(!err.contains("panick"), "{err}");
        let v = json_of(&o);
        assert_eq!(v["findings"].as_array().unwrap().len(), 1, "{mode} {limit}");
        if mode == "scan" {
            assert_eq!(v["summary"]["files_scanned"], 21, "{}", v["summary"]);
        }
    }
    // Without the limit, no note.
    let o = d
        .cmd()
        .args(["scan", "--threads", "4", "."])
        .output()
        .unwrap();
    assert!(!stderr(&o).contains("worker threads"), "{}", stderr(&o));
}

// ---------------------------------------------------------------------------------
// Text encodings

#[test]
fn misleading_boms_utf32_and_bomless_utf16_in_another_script_are_scanned() {
    let d = Dir::new();
    let tok = github_token(0);
    // `FF FE` before ASCII text that is not UTF-16 (odd length): scanned as bytes.
    let mut fake = b"\xFF\xFE".to_vec();
    fake.extend(format!("token = {tok}\n#").as_bytes());
    d.write("fake_bom.txt", fake);
    // UTF-32 with a BOM, little- and big-endian.
    let text = format!("key = {tok}\n");
    let mut le = vec![0xFF, 0xFE, 0, 0];
    let mut be = vec![0, 0, 0xFE, 0xFF];
    for c in text.chars() {
        le.extend((c as u32).to_le_bytes());
        be.extend((c as u32).to_be_bytes());
    }
    d.write("utf32le.txt", le);
    d.write("utf32be.txt", be);
    // BOM-less UTF-16 whose first line is Cyrillic.
    let ru = format!("# Настройки подключения к базе данных\r\ntoken = {tok}\r\n");
    d.write(
        "ru.ini",
        ru.encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>(),
    );
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json"])
        .output()
        .unwrap();
    let v = json_of(&o);
    let got: Vec<(String, u64, u64)> = locations(&v)
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            // The two bytes before `token` count as characters of the line.
            ("fake_bom.txt".to_string(), 1, 11),
            ("ru.ini".to_string(), 2, 9),
            ("utf32be.txt".to_string(), 1, 7),
            ("utf32le.txt".to_string(), 1, 7),
        ]
    );
    assert_eq!(v["summary"]["files_scanned"], 4, "{}", v["summary"]);
}

// ---------------------------------------------------------------------------------
// Ignored files that hold secrets by nature

fn git_init(d: &Dir) {
    let o = std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(d.path())
        .output()
        .unwrap();
    assert!(o.status.success());
}

#[test]
fn ignored_secret_files_are_scanned_and_say_so_but_ignored_dirs_are_not_entered() {
    let d = Dir::new();
    git_init(&d);
    let tok = github_token(0);
    let line = format!("token={tok}\n");
    d.write(
        ".gitignore",
        ".env\n*.pem\nnode_modules/\n.kube/\ncredentials\nnotes.txt\n",
    );
    d.write(".env", &line);
    d.write("deploy/server.pem", &line);
    d.write(".kube/config", &line);
    d.write(".aws/credentials", &line);
    d.write("notes.txt", &line); // ignored, not a secret file by name
    d.write("node_modules/pkg/.env", &line); // inside an ignored directory
    d.write("app/.gitignore", "local.tfvars\n");
    d.write("app/local.tfvars", &line);
    std::fs::create_dir_all(d.path().join(".git/info")).unwrap();
    std::fs::write(d.path().join(".git/info/exclude"), "id_rsa\n").unwrap();
    d.write("id_rsa", &line);
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let got: Vec<(String, String)> = locations(&json_of(&o))
        .iter()
        .map(|l| {
            (
                l["path"].as_str().unwrap().to_string(),
                l["ignored_by"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect();
    let want = [
        (".aws/credentials", ".gitignore"),
        (".env", ".gitignore"),
        (".kube/config", ".gitignore"),
        ("app/local.tfvars", "app/.gitignore"),
        ("deploy/server.pem", ".gitignore"),
        ("id_rsa", ".git/info/exclude"),
    ]
    .map(|(p, b)| (p.to_string(), b.to_string()));
    let mut got_sorted = got.clone();
    got_sorted.sort();
    assert_eq!(got_sorted, want);
    // Text and SARIF say it too.
    let o = d
        .cmd()
        .args(["scan", "--all-locations", "."])
        .output()
        .unwrap();
    assert!(
        stdout(&o).contains("note: not tracked by git; ignored by "),
        "{}",
        stdout(&o)
    );
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "sarif", "."])
        .output()
        .unwrap();
    let sarif = json_of(&o);
    let props = &sarif["runs"][0]["results"][0]["properties"];
    assert_eq!(props["tracked"], false, "{props}");
    assert!(props["ignoredBy"].is_string(), "{props}");
    // --no-ignore scans everything, with no such note.
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json", "--no-ignore", "."])
        .output()
        .unwrap();
    let all = locations(&json_of(&o));
    assert_eq!(all.len(), 8, "{all:?}");
    assert!(all.iter().all(|l| l.get("ignored_by").is_none()));
}

#[test]
fn gitignore_does_not_hide_files_outside_a_git_repository() {
    let d = Dir::new();
    let line = format!("token={}\n", github_token(0));
    d.write(".gitignore", "secret.txt\n");
    d.write("secret.txt", &line);
    // `.ignore` files apply anywhere, as in ripgrep.
    d.write(".ignore", "skipped.txt\n");
    d.write("skipped.txt", &line);
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json", "."])
        .output()
        .unwrap();
    let paths: Vec<String> = locations(&json_of(&o))
        .iter()
        .map(|l| l["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["secret.txt"]);
}

#[test]
fn a_committed_secret_file_that_is_ignored_now_is_not_called_untracked() {
    let d = tree_with_a_token();
    let line = format!("token={}\n", github_token(1));
    d.write("deploy/id_rsa", &line);
    d.write("deploy/stray.pem", &line);
    let git = |args: &[&str]| {
        let o = std::process::Command::new("git")
            .args(args)
            .current_dir(d.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    git(&["add", "deploy/id_rsa"]);
    d.write(".gitignore", "id_rsa\n*.pem\n");
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json", "deploy"])
        .output()
        .unwrap();
    let got: Vec<(String, Option<String>)> = locations(&json_of(&o))
        .iter()
        .map(|l| {
            (
                l["path"].as_str().unwrap().to_string(),
                l["ignored_by"].as_str().map(String::from),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("deploy/id_rsa".to_string(), None),
            (
                "deploy/stray.pem".to_string(),
                Some(".gitignore".to_string())
            ),
        ]
    );
}

// ---------------------------------------------------------------------------------
// Positions in every encoding, one huge line, the same output at any thread count

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
