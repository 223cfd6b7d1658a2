//! Rule admission: a config's `[[rules]]` and `--rules` files go through the same
//! checks, at scan time and in `rules check --config`.

use super::*;

/// `USER_RULE` with a regex that does not require its keyword (`zz` can begin a match).
fn unproven_rule() -> String {
    USER_RULE.replace("(?P<secret>acme_", "(?:acme_|zz)(?P<secret>")
}

/// The error line of a scan that is refused, with its exit code.
fn refused(d: &Dir, args: &[&str]) -> String {
    let o = d.cmd().args(args).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

#[test]
fn a_config_rule_without_a_required_keyword_is_refused_like_a_rules_file_one() {
    let d = Dir::new();
    d.write("a.txt", "nothing here\n");
    // The same text as a rule file and as a config (both take `provider`).
    d.write("acme.toml", unproven_rule());
    d.write("cfg.toml", unproven_rule());
    let from_rules = refused(
        &d,
        &["scan", "--no-config", "--rules", "acme.toml", "a.txt"],
    );
    let from_config = refused(&d, &["scan", "--config", "cfg.toml", "a.txt"]);
    let want = "acme.toml:9:12: rule 'acme-api-key': no keyword is provably required by the \
                regex: every match must contain one";
    assert!(from_rules.contains(want), "{from_rules}");
    assert_eq!(from_config.replace("cfg.toml", "acme.toml"), from_rules);
}

#[test]
fn a_config_rule_whose_example_does_not_match_is_refused() {
    let d = Dir::new();
    d.write("a.txt", "nothing here\n");
    d.write(
        ".leakhound.toml",
        USER_RULE.replace("ACME=acme_z9x8", "ACME=acme_Z9x8"),
    );
    let err = refused(&d, &["scan", "."]);
    assert!(
        err.contains(
            ".leakhound.toml:17:52: rule 'acme-api-key': example does not match: \
             \"ACME=acme_Z9x8c7v6b5n4m3l2k1j9h8g7\""
        ),
        "{err}"
    );
    // A negative example that matches is refused too.
    d.write(
        ".leakhound.toml",
        USER_RULE.replace("acme_short", "acme_q8w7e6r5t4y3u2i1o9p8a7s7"),
    );
    let err = refused(&d, &["scan", "."]);
    assert!(
        err.contains(".leakhound.toml:18:22: rule 'acme-api-key': negative example matches"),
        "{err}"
    );
}

#[test]
fn a_config_rule_id_must_be_unique_across_every_source() {
    let d = Dir::new();
    d.write("a.txt", "nothing here\n");
    d.write("acme.toml", USER_RULE);
    d.write(".leakhound.toml", USER_RULE);
    // Config and `--rules`: the later one is refused, naming where the first one is.
    let err = refused(&d, &["scan", "--rules", "acme.toml", "."]);
    assert!(
        err.contains(
            "acme.toml:5:6: rule 'acme-api-key': id is already defined in ./.leakhound.toml:5:6"
        ),
        "{err}"
    );
    // Twice in the config.
    d.write(
        ".leakhound.toml",
        format!(
            "{USER_RULE}{}",
            USER_RULE.replace("provider = \"Acme\"", "")
        ),
    );
    let err = refused(&d, &["scan", "."]);
    assert!(
        err.contains(".leakhound.toml:23:6: rule 'acme-api-key': id is already defined in ./.leakhound.toml:5:6"),
        "{err}"
    );
    // A built-in rule's id, named with its file.
    let builtin = USER_RULE.replace("acme-api-key", "github-pat-classic");
    d.write(".leakhound.toml", &builtin);
    let err = refused(&d, &["scan", "."]);
    assert!(
        err.contains(
            ".leakhound.toml:5:6: rule 'github-pat-classic': id is already defined in rules/github.toml"
        ),
        "{err}"
    );
    // Unless the config replaces the built-in rules, or disables that one.
    for head in [
        "builtin_rules = \"replace\"\n",
        "disable = [\"github-pat-classic\"]\n",
    ] {
        d.write(".leakhound.toml", format!("{head}{builtin}"));
        d.write("k.txt", "key = acme_q8w7e6r5t4y3u2i1o9p8a7s6\n");
        let o = d
            .cmd()
            .args(["scan", "--format", "json", "."])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{head}: {}", stderr(&o));
        assert_eq!(json_of(&o)["findings"][0]["rule_id"], "github-pat-classic");
    }
}

#[test]
fn rules_check_config_checks_its_rules_and_allowlists() {
    let d = Dir::new();
    d.write(
        "good.toml",
        format!("{USER_RULE}\n[[allow]]\nstopwords = [\"example\"]\n"),
    );
    let o = d
        .cmd()
        .args(["rules", "check", "--config", "good.toml"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("rules OK"), "{}", stdout(&o));

    // Problems that a scan lets through (too few examples) and that it refuses.
    d.write(
        "bad.toml",
        unproven_rule().replace(", \"ACME=acme_z9x8c7v6b5n4m3l2k1j9h8g7\"", ""),
    );
    let o = d
        .cmd()
        .args(["rules", "check", "--config", "bad.toml"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    for want in [
        "bad.toml:9:12: rule 'acme-api-key': no keyword is provably required",
        "bad.toml:4:1: rule 'acme-api-key': needs at least 2 examples, has 1",
        "2 problem(s) in ",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }

    // An allowlist that does not parse is an error, located.
    d.write("allow.toml", "[[allow]]\nfingerprints = [\"abc\"]\n");
    let o = d
        .cmd()
        .args(["rules", "check", "--config", "allow.toml"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("allow.toml:2:17: allow.fingerprints: a fingerprint is 32 hexadecimal"),
        "{}",
        stderr(&o)
    );
}
