//! Output safety and formats: secrets redacted unless asked, decoded secrets, colour,
//! SARIF fingerprints, fixes and schema validity, committed `.env` files.

use super::*;

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
