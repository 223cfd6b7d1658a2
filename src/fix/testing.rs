//! Snippets, ranges and parser checks shared by the tests of every language.

use super::*;

/// A made-up key with the shape of a Stripe live key, split so that no scanner
/// reads this source as a leak.
pub(super) const S: &str = concat!("sk_li", "ve_Zq8Rm2Xv5Tn7Kp3Wd6Hy9Jb4");
/// A made-up GitHub-shaped token.
pub(super) const G: &str = concat!("gh", "p_T4kq9Wm2Zr7Xv3Lp8Nd5Hy1Bc6Jf0Qs2Ga9Ue");

/// The range of the first `secret` in `src`.
pub(super) fn range_of(src: &str, secret: &str) -> (usize, usize) {
    let start = src.find(secret).expect("the secret is in the snippet");
    (start, start + secret.len())
}

/// `src` with the fix for the first `secret` applied, with the suggested name (or
/// `fallback`) and the import it needs.
pub(super) fn fixed(path: &str, src: &str, secret: &str) -> Option<String> {
    let (start, end) = range_of(src, secret);
    let name = env_name_for(src.as_bytes(), start, end, "SECRET");
    let edit = env_lookup_fix(path, src.as_bytes(), start, end, &name)?;
    let mut edits = vec![edit];
    edits.extend(required_import(path, src.as_bytes()));
    let out = apply_edits(src.as_bytes(), &edits).expect("edits do not overlap");
    Some(String::from_utf8(out).unwrap())
}

pub(super) fn fix_with(path: &str, src: &str, secret: &str, name: &str) -> Option<Edit> {
    let (start, end) = range_of(src, secret);
    env_lookup_fix(path, src.as_bytes(), start, end, name)
}

/// Runs `program args` with `input` on stdin: `None` when the program is missing.
pub(super) fn accepts(program: &str, args: &[&str], input: &str) -> Option<bool> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(input.as_bytes()).ok()?;
    Some(child.wait().ok()?.success())
}

pub(super) fn assert_python_parses(src: &str) {
    let script = "import ast,sys; ast.parse(sys.stdin.read())";
    if let Some(ok) = accepts("python3", &["-c", script], src) {
        assert!(ok, "python3 rejects:\n{src}");
    }
}

/// `node --check` when node is installed (it is not on CI).
pub(super) fn assert_node_parses(src: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("snippet.cjs");
    std::fs::write(&file, src).unwrap();
    let Ok(out) = std::process::Command::new("node")
        .arg("--check")
        .arg(&file)
        .output()
    else {
        return;
    };
    assert!(out.status.success(), "node rejects:\n{src}");
}
