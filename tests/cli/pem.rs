//! Private keys as code writes them: the same PEM key written as joined string
//! literals, with escapes, deeply indented, behind comment leaders, with header lines
//! or a blank line is found at its BEGIN line, by the same rule and as the same secret
//! (the same hash) as the key written plainly, and never printed without
//! `--show-secrets`.

use super::*;

// Fake keys generated for these tests (`openssl genrsa -traditional 1024`,
// `openssl genpkey -algorithm EC`, `openssl genrsa -traditional -aes128 1024`).
const RSA: &str = "\
-----BEGIN RSA PRIVATE KEY-----\n\
MIICXQIBAAKBgQCqmfEvj6rGArfDRuGBaeKKDgaU4MkRMxNag+fUYJKCN/mSofnK\n\
sFcr03AL9IrK2Dfzn1/5SrtDPHwwzl8PFJwgFwGLQvi+2ipa2nU37CkVUttpui9H\n\
hMpgn26NJ/3lLkeH28WE2rhaX3bxK6gWs2dL6SKnD8Ttc830LDWouL5k/QIDAQAB\n\
AoGBAKO7+bovBbTjWOEHf1kIec8MJQ7wKqniPlnqLS8svJBUDqjH4ojA8/jxBiHD\n\
Qw3ptNGSDbeiHNYsD/l7p8o+epPTa/sr/jhKy1bc3aIPD184wbeQ2r0RMNbaLqIl\n\
q/ZsaLtP0vrmmTQlzZyOxerZ8G55TylpSvXcD8bCqm0Zf4n1AkEA4o2CKwv1tmHJ\n\
VLu24htB7/h+AEtCfXxk2dn8qlxZf3fqb6wCJ7purR19TPD/PfOT+Ej5ZzYeMpEb\n\
ESRF+JaArwJBAMDGqZ+IQU+gj8NmTyRhleVb9CLz8BONOzs+F2w7NGVQYh2kB9bc\n\
SopONbLrfZWRP7asypDfduk0Z0xRhJjgqBMCQHBEyfXFFn3MFbZs06NW+KUP0nkY\n\
0plW9K9UrDZMT3mwljfC2MqRQ9l8HKTtZL9xnqlSmG2CTxKl//DNtfMLujcCQEZn\n\
h8WS3r91FWw4rkjMNxF4HtaxHooVd39wct99U+p4jAzlPlOzSqnuXGBG7yuzy4As\n\
5SI56tTK5bsSvomS6u8CQQDI/eB4jSCr2Vs6SFQoab8/x1/jJVgXQ1nBEBAbV1EP\n\
kcjtdynE/NbPsmUe9ejFxaelFKmfNEgF/L9wU/3AroDI\n\
-----END RSA PRIVATE KEY-----";
const EC_PKCS8: &str = "\
-----BEGIN PRIVATE KEY-----\n\
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg7p5m6Wpsr2OPWssk\n\
uPxickoKGYXPOu10zByONhbOEiahRANCAAQpaARYsdYW4KdrfrFVC/jh7ro83xrh\n\
cMCiifMRQ7i6pimvvYDRiIJ1vDoZ+9l/32hOOL1pNi/bBTXfRcpzDJUG\n\
-----END PRIVATE KEY-----";
const RSA_ENCRYPTED: &str = "\
-----BEGIN RSA PRIVATE KEY-----\n\
Proc-Type: 4,ENCRYPTED\n\
DEK-Info: AES-128-CBC,396924835A0A567697AFBB08473EEBD5\n\
\n\
yQryirkaqFyoZPFaYwV54soHlHXdl9WrOdiIwz7AaSvGj1nsB0nFQ3ky8IpSShQ1\n\
EladFreGgCEvueb8TSMQeV5zPYnz9S8UkzRyg9NnOPAakNEpZUYGFHoczjhSHTOY\n\
2m1CeugiJAhzEeOuZnOevO5Wp65IbDpfjJpUBs0Ed+Pwg8N8gECOObJSC8wbKYif\n\
CC3bW20BulGdnDeAWTqXn9hmjCZXqg1DAEVSUKFTAhVwsQuFxm6Sfv6uvRVHybEe\n\
vi9OjhsZEkjb/gpLB6tzmRvXZPtmBVr7y0/plC87fUr1fUYUJt/XnBT+4ePEXWcF\n\
g5E2CqjgXKYdTaT1z+C4JkpMpYzNmOcJ2R6UVbYS7IJd5fbS6iOeFEu5G94K/FYO\n\
5ahYNzLWnHBktd01dyfH7w8RgKVn4TVCCCRv2sfQ6kkRjQNEDneO7oSJ8lCPFlWI\n\
XnjVbjNmw59EEeMtpQsFJR9O1sOkG9/iJEQmNOVuWYuPYn4grV9pJZBBSP9gludY\n\
5NP8z9sCcVAYgqLuEYftu32ergiP7XnmVNlL4d194LycJK9TneLzpOjT96dRcyFE\n\
fhUKEoOxHdsFC1d2n5C4MevSGqeO80huNiL5xG3TsbHM5f4+yJSqNyaOsBDSrjl0\n\
CsmaqcRQwuvo68wfZtmmDC1U/8tYPZY6VNeaIhRAYxho18Cb8dgRGdgCRcGqXkGD\n\
KvjoLNepygFuonPKp/VFzvf7/Miq7MdtyxLqIbY7quWKrNa44u2mE90gd62w7Tsr\n\
rpabn2iumGRdK+z2VpATPe96qmwXkZFwIl3WUNFGsiALHUgsaSX3Lu/nQ2V1Duux\n\
-----END RSA PRIVATE KEY-----";

/// The key's lines.
fn lines(key: &str) -> Vec<&str> {
    key.lines().collect()
}

/// The shapes a key takes in code: (file name, content, line of BEGIN, line of END).
fn shapes(key: &str) -> Vec<(String, String, u64, u64)> {
    let l = lines(key);
    let n = l.len() as u64;
    let quoted = |fmt: &dyn Fn(&str) -> String, sep: &str| {
        l.iter().map(|s| fmt(s)).collect::<Vec<_>>().join(sep)
    };
    let indented = |pad: &str| {
        l.iter()
            .map(|s| {
                if s.is_empty() {
                    String::new()
                } else {
                    format!("{pad}{s}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    vec![
        (
            "plus.js".into(),
            format!(
                "const KEY = {};\n",
                quoted(&|s| format!("\"{s}\\n\""), " +\n    ")
            ),
            1,
            n,
        ),
        (
            "Plus.java".into(),
            format!(
                "class K {{\n  static final String KEY =\n      {};\n}}\n",
                quoted(&|s| format!("\"{s}\""), " +\n      ")
            ),
            3,
            n + 2,
        ),
        (
            "adjacent.c".into(),
            format!(
                "static const char *key =\n    {};\n",
                quoted(&|s| format!("\"{s}\\n\""), "\n    ")
            ),
            2,
            n + 1,
        ),
        (
            "implicit.py".into(),
            format!(
                "KEY = (\n    {}\n)\n",
                quoted(&|s| format!("'{s}\\n'"), "\n    ")
            ),
            2,
            n + 1,
        ),
        (
            "list.py".into(),
            format!(
                "LINES = [\n    {},\n]\nKEY = \"\\n\".join(LINES)\n",
                quoted(&|s| format!("\"{s}\""), ",\n    ")
            ),
            2,
            n + 1,
        ),
        (
            "concat.rs".into(),
            format!(
                "const KEY: &str = concat!(\n    {},\n);\n",
                quoted(&|s| format!("\"{s}\\n\""), ",\n    ")
            ),
            2,
            n + 1,
        ),
        (
            "continued.rs".into(),
            format!("const KEY: &str = \"{}\\n\";\n", l.join("\\n\\\n    ")),
            1,
            n,
        ),
        (
            "service.json".into(),
            format!("{{\"private_key\": \"{}\\n\"}}\n", l.join("\\n")),
            1,
            1,
        ),
        (
            "heredoc.sh".into(),
            format!("cat <<-EOF > key.pem\n{}\n\tEOF\n", indented("\t\t")),
            2,
            n + 1,
        ),
        (
            "nowdoc.php".into(),
            format!(
                "<?php\nfunction key() {{\n    return <<<'EOT'\n{}\n        EOT;\n}}\n",
                indented("        ")
            ),
            4,
            n + 3,
        ),
        (
            "squiggly.rb".into(),
            format!(
                "module Keys\n  module Test\n    KEY = <<~PEM\n{}\n    PEM\n  end\nend\n",
                indented("          ")
            ),
            4,
            n + 3,
        ),
        (
            "deep.yaml".into(),
            format!(
                "a:\n  b:\n    c:\n      d:\n        key: |\n{}\n",
                indented("          ")
            ),
            6,
            n + 5,
        ),
        (
            "indented.md".into(),
            format!(
                "# Setup\n\nPut this in `key.pem`:\n\n{}\n",
                indented("        ")
            ),
            5,
            n + 4,
        ),
        ("crlf.pem".into(), format!("{}\r\n", l.join("\r\n")), 1, n),
        // A string literal opened behind a comment leader, as documentation examples
        // write one.
        (
            "doc.rs".into(),
            format!(
                "/// ```\n/// let key = \"{}\";\n/// ```\npub fn f() {{}}\n",
                l.join("\n/// ")
            ),
            2,
            n + 1,
        ),
        (
            "lib.rs".into(),
            format!("//! let key = \"{}\";\n", l.join("\n//!     ")),
            1,
            n,
        ),
        (
            "hidden.rs".into(),
            format!(
                "/// ```\n/// # let key = \"{}\";\n/// ```\n",
                l.join("\n/// # ")
            ),
            2,
            n + 1,
        ),
        (
            "literal.py".into(),
            format!("# KEY = '''{}'''\n", l.join("\n# ")),
            1,
            n,
        ),
    ]
    .into_iter()
    // Comment leaders of Python, SQL, Visual Basic, gettext and batch files.
    .chain(
        [
            ("py", "# ", "KEY = None"),
            ("sql", "-- ", "SELECT 1;"),
            ("vb", "' ", "Dim x"),
            ("po", "#: ", "msgid \"\""),
            ("bat", "REM ", "echo off"),
        ]
        .map(|(ext, leader, code)| {
            (
                format!("commented.{ext}"),
                format!("{leader}Test key:\n{}\n{code}\n", indented(leader)),
                2,
                n + 1,
            )
        }),
    )
    .collect()
}

/// (rule, BEGIN line, END line, secret hash) of every finding of a JSON report.
fn found(o: &Output) -> Vec<(String, u64, u64, String)> {
    json_of(o)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["end_line"].as_u64().unwrap(),
                f["secret_hash"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn scan_one(name: &str, content: &str) -> Vec<(String, u64, u64, String)> {
    let d = Dir::new();
    d.write(name, content);
    found(
        &d.cmd()
            .args(["scan", "-q", "--format", "json", "--exit-code", "0", name])
            .output()
            .unwrap(),
    )
}

/// Every shape of `key` is one finding of `rule`, at the block as written, with the
/// hash of the key written plainly.
fn every_shape_is_the_plain_key(key: &str, rule: &str) {
    let plain = scan_one("key.pem", &format!("{key}\n"));
    assert_eq!(plain.len(), 1, "{plain:?}");
    assert_eq!(plain[0].0, rule);
    let hash = &plain[0].3;
    for (name, content, line, end_line) in shapes(key) {
        let got = scan_one(&name, &content);
        assert_eq!(
            got,
            [(rule.to_string(), line, end_line, hash.clone())],
            "{name}:\n{content}"
        );
    }
}

#[test]
fn plain_keys_split_or_indented_in_code_are_one_secret() {
    every_shape_is_the_plain_key(RSA, "private-key-rsa");
    every_shape_is_the_plain_key(EC_PKCS8, "private-key-pkcs8");
}

#[test]
fn encrypted_keys_split_in_code_stay_encrypted() {
    every_shape_is_the_plain_key(RSA_ENCRYPTED, "private-key-encrypted");
}

#[test]
fn header_lines_and_blank_lines_do_not_hide_a_key() {
    let plain = scan_one("key.pem", &format!("{EC_PKCS8}\n"));
    let l = lines(EC_PKCS8);
    let body = l[1..].join("\n");
    // Comment and key-id headers, a blank line after BEGIN, OpenSSL's bag attributes
    // before it: the same key.
    for (content, line, end_line) in [
        (
            format!(
                "{}\nComment: \"test key\"\nkeyID: 5C2CDD21\n\n{body}\n",
                l[0]
            ),
            1,
            8,
        ),
        (format!("{}\n\n{body}\n", l[0]), 1, 6),
        (
            format!(
                "Bag Attributes\n    localKeyID: 5C 2C DD 21\nKey Attributes: <No Attributes>\n{EC_PKCS8}\n"
            ),
            4,
            8,
        ),
    ] {
        assert_eq!(
            scan_one("key.pem", &content),
            [(
                "private-key-pkcs8".to_string(),
                line,
                end_line,
                plain[0].3.clone()
            )],
            "{content}"
        );
    }
}

#[test]
fn stand_ins_split_into_literals_stay_quiet() {
    for content in [
        // A documentation placeholder, written line by line.
        "const KEY = \"-----BEGIN RSA PRIVATE KEY-----\\n\" +\n  \"...\\n\" +\n  \"-----END RSA PRIVATE KEY-----\\n\";\n",
        // Only the armor, around a body read from elsewhere.
        "const KEY = \"-----BEGIN PRIVATE KEY-----\\n\" + body + \"\\n-----END PRIVATE KEY-----\\n\";\n",
        // A body of the wrong kind of text.
        "KEY = (\n  \"-----BEGIN PRIVATE KEY-----\\n\"\n  \"<paste the key here>\\n\"\n  \"-----END PRIVATE KEY-----\\n\"\n)\n",
    ] {
        assert_eq!(scan_one("k.js", content), [], "{content}");
    }
}

#[test]
fn reassembled_keys_are_redacted() {
    let d = Dir::new();
    let (name, content, _, _) = shapes(RSA).remove(0);
    d.write(&name, &content);
    let body_line = lines(RSA)[3];
    for format in ["text", "json", "sarif", "markdown"] {
        let o = d
            .cmd()
            .args(["scan", "-q", "--exit-code", "0", "--format", format, &name])
            .output()
            .unwrap();
        let out = stdout(&o);
        assert!(out.contains("private-key-rsa"), "{format}: {out}");
        assert!(!out.contains(body_line), "{format} shows the key: {out}");
    }
    let shown = d
        .cmd()
        .args(["scan", "-q", "--exit-code", "0", "--show-secrets", &name])
        .output()
        .unwrap();
    assert!(stdout(&shown).contains(body_line), "{}", stdout(&shown));
}
