//! Nothing in a report lets a reader recover a secret, and what is shown identifies the
//! key: slow hashes, redaction per rule, clean SARIF repository URIs, report files
//! written safely, and leakhound's own reports scanning clean.

use super::*;

/// A Stripe-shaped fake live key, an AWS key pair and a weak password in a URL.
const STRIPE: &str = "sk_live_51Hx9QkLmT4vRz8WnB2cYd7Fp3Js6Gh1Kq0Xa5Ve9Ub4Ni2Mo8Lr7Ct3Zw6Py1Ds5Ef";
const AWS_ID: &str = "AKIAQ3EGRT7LMNBVCXZ4";
const AWS_SECRET: &str = "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";
const WEAK: &str = "Summer2024!";

fn leaky_tree(d: &Dir) {
    d.write(
        "app.env",
        format!(
            "STRIPE_SECRET_KEY={STRIPE}\nDATABASE_URL=postgres://app:{WEAK}@db.acme-prod.net:5432/app\n"
        ),
    );
    d.write(
        "aws.ini",
        format!(
            "[default]\naws_access_key_id = {AWS_ID}\n\naws_secret_access_key = {AWS_SECRET}\n"
        ),
    );
}

fn finding_of<'v>(v: &'v Value, rule: &str) -> &'v Value {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == rule)
        .unwrap_or_else(|| panic!("no {rule} finding"))
}

fn sha256_hex(s: &str) -> String {
    use sha2::{Digest, Sha256};
    leakhound::finding::hex(&Sha256::digest(s.as_bytes()))
}

#[test]
fn weak_secrets_show_no_character_no_length_and_no_plain_sha256() {
    let d = Dir::new();
    leaky_tree(&d);
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json_of(&o);
    assert_eq!(v["schema_version"], 3);
    let pw = finding_of(&v, "url-password");
    assert_eq!(pw["secret_redacted"], "…");
    assert!(pw["secret_length"].is_null(), "{pw}");
    assert_eq!(pw["hash_algorithm"], "argon2id-v1");
    assert!(pw.get("secret_sha256").is_none(), "{pw}");
    // Argon2id with the documented fixed salt, not a SHA-256 a wordlist inverts.
    assert_eq!(
        pw["secret_hash"],
        "b39c6206fe3866a281ef201f34a37ba8972ca9ca2b06b6257ed1f649977c75be"
    );
    // A long random key still says how long it is.
    assert_eq!(
        finding_of(&v, "stripe-live-secret-key")["secret_length"],
        75
    );
    let plain = sha256_hex(WEAK);
    for format in ["text", "json", "sarif", "markdown"] {
        let o = d
            .cmd()
            .args(["scan", "--all-locations", "--format", format, "."])
            .output()
            .unwrap();
        let all = format!("{}{}", stdout(&o), stderr(&o));
        assert!(
            !all.contains(&plain),
            "{format}: plain SHA-256 of the password"
        );
        for part in ["Summ", "2024!", "r2024"] {
            assert!(
                !all.contains(part),
                "{format} shows {part:?} of the password"
            );
        }
        assert!(
            !all.contains("11 chars"),
            "{format} gives the password's length"
        );
    }
}

#[test]
fn redaction_names_the_key_by_prefix_and_last_four_and_links_the_aws_key_id() {
    let d = Dir::new();
    leaky_tree(&d);
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json", "."])
        .output()
        .unwrap();
    let v = json_of(&o);
    let stripe = finding_of(&v, "stripe-live-secret-key");
    assert_eq!(stripe["secret_redacted"], "sk_live_…s5Ef");
    // The access key ID is public: shown in full, as the IAM console shows it.
    assert_eq!(
        finding_of(&v, "aws-access-key-id")["secret_redacted"],
        AWS_ID
    );
    let secret = finding_of(&v, "aws-secret-access-key");
    assert_eq!(secret["secret_redacted"], "…T0kz");
    assert_eq!(secret["key_id"], AWS_ID);

    let o = d.cmd().args(["scan", "-q", "."]).output().unwrap();
    let text = stdout(&o);
    assert!(text.contains("secret: sk_live_…s5Ef (75 chars"), "{text}");
    assert!(text.contains(&format!("key id: {AWS_ID}")), "{text}");

    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "sarif", "."])
        .output()
        .unwrap();
    let doc = json_of(&o);
    let results = doc["runs"][0]["results"].as_array().unwrap();
    let aws = results
        .iter()
        .find(|r| r["ruleId"] == "aws-secret-access-key")
        .unwrap();
    assert_eq!(aws["properties"]["keyId"], AWS_ID);
    // 40 random characters: out of reach of any guess, so the fast salted hash.
    assert_eq!(aws["properties"]["hashAlgorithm"], "sha256-salted-v1");
    assert!(aws["properties"].get("secretSha256").is_none());

    // The playbook's "find the key by its last characters" has the characters to find.
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "markdown", "."])
        .output()
        .unwrap();
    let md = stdout(&o);
    assert!(md.contains("`sk_live_…s5Ef`"), "{md}");
    assert!(
        md.contains("- **Identify it**: the key ends in `s5Ef`"),
        "{md}"
    );
    assert!(
        md.contains(&format!("- **Key ID**: `{AWS_ID}` (found next to")),
        "{md}"
    );
    assert!(md.contains("no character of it is shown"), "{md}");
}

#[test]
fn a_baseline_of_sha256_fingerprints_is_refused_not_silently_ignored() {
    let d = Dir::new();
    leaky_tree(&d);
    d.write(
        "old-baseline.json",
        r#"{"leakhound_baseline": 1, "created": "2024-01-01T00:00:00Z", "findings": [{"fingerprint": "f8f3c75e221236f05cf062461198edc4", "rule_id": "stripe-live-secret-key", "path": "app.env"}]}"#,
    );
    let o = d
        .cmd()
        .args(["scan", "--baseline", "old-baseline.json", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("old-baseline.json"), "{err}");
    assert!(err.contains("leakhound baseline create"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // A baseline created now suppresses what it accepted.
    let o = d
        .cmd()
        .args(["baseline", "create", "new.json", "scan", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = d
        .cmd()
        .args(["scan", "-q", "--baseline", "new.json", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn sarif_repository_uri_holds_no_credential_and_is_a_uri() {
    let repo = Repo::new();
    repo.write("a.txt", "nothing here\n");
    repo.commit("init", "2021-06-01T00:00:00Z", "Tester");
    let uri_for = |remote: &str| {
        let _ = std::process::Command::new("git")
            .args(["remote", "remove", "origin"])
            .current_dir(repo.path())
            .output();
        repo.git(&["remote", "add", "origin", remote]);
        let o = repo.leakhound(&["git", "-q", "--format", "sarif"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let doc = json_of(&o);
        validate_sarif(&doc);
        doc["runs"][0]["versionControlProvenance"][0]["repositoryUri"]
            .as_str()
            .unwrap()
            .to_string()
    };
    for (remote, want) in [
        (
            "https://deploy:hunter2@git.acme-corp.net/team/app.git",
            "https://git.acme-corp.net/team/app.git",
        ),
        (
            "https://gitlab.acme-corp.net/team/app.git?private_token=glpat-Xq7vR2mZkT9vLx4NbQe8",
            "https://gitlab.acme-corp.net/team/app.git",
        ),
        (
            "https://git.acme-corp.net/team/app.git?access_token=abc123def456&ref=main",
            "https://git.acme-corp.net/team/app.git",
        ),
        (
            "git@github.com:acme/app.git",
            "ssh://github.com/acme/app.git",
        ),
        (
            "ssh://git@git.acme-corp.net:2222/team/app.git",
            "ssh://git.acme-corp.net:2222/team/app.git",
        ),
    ] {
        assert_eq!(uri_for(remote), want, "remote {remote}");
    }
}

#[cfg(unix)]
fn mode_of(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn replace_text_file_ends_owner_only_and_never_goes_through_a_symlink() {
    use std::os::unix::fs::PermissionsExt;
    let d = Dir::new();
    leaky_tree(&d);
    // An existing, world-readable file: replaced by a new one of mode 0600.
    let purge = d.write("purge.txt", "old\n");
    std::fs::set_permissions(&purge, std::fs::Permissions::from_mode(0o644)).unwrap();
    let o = d
        .cmd()
        .args(["scan", "-q", "--replace-text-file", "purge.txt", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(mode_of(&purge), 0o600);
    assert!(std::fs::read_to_string(&purge).unwrap().contains(STRIPE));

    // A symlink, to a file elsewhere: refused, the target untouched.
    let target = d.write("elsewhere/notes.txt", "keep me\n");
    std::os::unix::fs::symlink(&target, d.path().join("link.txt")).unwrap();
    let o = d
        .cmd()
        .args(["scan", "-q", "--replace-text-file", "link.txt", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("link.txt") && err.contains("symbolic link"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me\n");
    assert!(
        std::fs::symlink_metadata(d.path().join("link.txt"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // No temporary file is left behind.
    let left: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".leakhound-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[cfg(unix)]
#[test]
fn output_file_is_replaced_only_by_a_complete_report() {
    let d = Dir::new();
    leaky_tree(&d);
    let old = "{\"previous\": \"report\"}\n";
    let report = d.write("report.json", old);
    // The write fails half-way: the file size limit (512 bytes) is below the report's
    // size, and SIGXFSZ is ignored so the write returns an error (EFBIG) instead.
    let bin = assert_cmd::cargo::cargo_bin("leakhound");
    let o = std::process::Command::new("sh")
        .args([
            "-c",
            "trap '' XFSZ; ulimit -f 1; exec \"$0\" \"$@\"",
            bin.to_str().unwrap(),
            "scan",
            "-q",
            "--format",
            "json",
            "-o",
            "report.json",
            ".",
        ])
        .current_dir(d.path())
        .env("SOURCE_DATE_EPOCH", "1704067200")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("report.json"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&report).unwrap(), old);
    // A bad config stops the run before any report: the old one stays too.
    d.write("bad.toml", "this is = not [toml\n");
    let o = d
        .cmd()
        .args(["scan", "--config", "bad.toml", "-o", "report.json", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&report).unwrap(), old);
    // A complete report replaces it; it holds no secret, so it is not owner-only.
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json", "-o", "report.json", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(v["schema_version"], 3);
    assert_eq!(mode_of(&report) & 0o600, 0o600);
    // With --show-secrets it is.
    let o = d
        .cmd()
        .args(["scan", "-q", "--show-secrets", "-o", "report.txt", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(mode_of(&d.path().join("report.txt")), 0o600);
}

#[test]
fn leakhound_reports_scan_clean_apart_from_the_public_key_ids_they_name() {
    let repo = Repo::new();
    for (name, text) in [
        (
            "app.env",
            format!(
                "STRIPE_SECRET_KEY={STRIPE}\nDATABASE_URL=postgres://app:{WEAK}@db.acme-prod.net:5432/app\n"
            ),
        ),
        (
            "aws.ini",
            format!(
                "[default]\naws_access_key_id = {AWS_ID}\naws_secret_access_key = {AWS_SECRET}\n"
            ),
        ),
        (
            "deploy.py",
            format!(
                "GITHUB_TOKEN = '{}'\napi_key = '9f2c4e7a1b8d3f6a0c5e9b2d7f4a1c8e'\n",
                github_token(1)
            ),
        ),
    ] {
        repo.write(name, text);
    }
    repo.commit("add config", "2022-01-01T00:00:00Z", "Tester");
    let out = Dir::new();
    for (mode, format, file) in [
        ("scan", "json", "scan.json"),
        ("scan", "sarif", "scan.sarif"),
        ("git", "json", "git.json"),
        ("git", "sarif", "git.sarif"),
    ] {
        let target = out.path().join(file);
        let mut args = vec![mode];
        if mode == "scan" {
            args.push(".");
        }
        args.extend(["-q", "--format", format, "-o", target.to_str().unwrap()]);
        let o = repo.leakhound(&args);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    }
    // A hash of the secret under a key like the old `secret_sha256`, too.
    out.write(
        "old.json",
        format!(
            "{{\"secret_sha256\": \"{}\", \"fingerprint\": \"f8f3c75e221236f05cf062461198edc4\"}}\n",
            sha256_hex(STRIPE)
        ),
    );
    let o = out
        .cmd()
        .args(["scan", "-q", "--format", "json", "--all-locations", "."])
        .output()
        .unwrap();
    let v = json_of(&o);
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    // Only the AWS access key ID, which reports show in full on purpose (a public
    // identifier: what to deactivate); no hash, fingerprint or redacted form.
    assert_eq!(rules, ["aws-access-key-id"], "{v}");
}

/// `-o` naming something that is not a regular file (here a FIFO, as `/dev/null` or
/// `/dev/stdout` would be) writes into it: a rename over it would replace the device
/// or pipe with a plain file. `-o` naming a symlink replaces the file it points to and
/// keeps the link.
#[cfg(target_os = "linux")]
#[test]
fn output_to_a_fifo_or_through_a_symlink_keeps_what_is_there() {
    use std::io::Read;
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    let d = Dir::new();
    leaky_tree(&d);
    let fifo = d.path().join("out.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // A reader that does not block on open (O_NONBLOCK), so leakhound's open succeeds.
    let mut reader = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(0o4000)
        .open(&fifo)
        .unwrap();
    let o = d
        .cmd()
        .args([
            "scan", "-q", "--format", "json", "-o", "out.fifo", "app.env",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    let mut got = String::new();
    reader.read_to_string(&mut got).unwrap();
    assert!(got.contains("\"schema_version\": 3"), "{got}");

    let real = d.write("reports/latest.json", "old\n");
    std::os::unix::fs::symlink(&real, d.path().join("link.json")).unwrap();
    let o = d
        .cmd()
        .args([
            "scan",
            "-q",
            "--format",
            "json",
            "-o",
            "link.json",
            "app.env",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        std::fs::symlink_metadata(d.path().join("link.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains("\"schema_version\": 3")
    );
}
