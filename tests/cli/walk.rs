//! What is walked: hidden and ignored files, never `.git`; large, binary and unreadable
//! files; symlinks and FIFOs.

use super::*;

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
