//! The `rules` subcommands (check, list, show) and user rule files given with `--rules`.

use super::*;

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
    assert!(
        stdout(&o).contains("\nfindings: certain when its checksum verifies\n"),
        "{}",
        stdout(&o)
    );
    let o = leakhound()
        .args(["rules", "show", "no-such-rule"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

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
