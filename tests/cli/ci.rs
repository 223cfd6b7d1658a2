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
