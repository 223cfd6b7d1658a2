//! Secrets in shapes that hide them (issue 15, context families B): URL passwords with
//! unescaped punctuation, connection strings of every common form, values split over
//! lines, tokens encoded with no hint around them, and the encodings of the file itself.

use super::*;

use base64::Engine as _;

/// Scans the files of `d` and returns (path, line, rule id, secret) of every location.
pub(super) fn found(d: &Dir) -> Vec<(String, u64, String, String)> {
    let o = d
        .cmd()
        .args(["scan", "-q", "--format", "json", "--show-secrets", "."])
        .output()
        .unwrap();
    let v = json_of(&o);
    let mut out = Vec::new();
    for f in v["findings"].as_array().unwrap() {
        for loc in f["locations"].as_array().unwrap() {
            let path = loc["path"].as_str().unwrap().trim_start_matches("./");
            out.push((
                path.to_string(),
                loc["line"].as_u64().unwrap(),
                f["rule_id"].as_str().unwrap().to_string(),
                f["secret"].as_str().unwrap_or_default().to_string(),
            ));
        }
    }
    out.sort();
    out
}

fn rules_at(found: &[(String, u64, String, String)], path: &str) -> Vec<String> {
    found
        .iter()
        .filter(|f| f.0 == path)
        .map(|f| f.2.clone())
        .collect()
}

/// (line, rule id, secret) of every location in `path`.
fn located<'a>(
    found: &'a [(String, u64, String, String)],
    path: &str,
) -> Vec<(u64, &'a str, &'a str)> {
    found
        .iter()
        .filter(|x| x.0 == path)
        .map(|x| (x.1, x.2.as_str(), x.3.as_str()))
        .collect()
}

fn slack_token() -> String {
    "xoxb-482910375561-7730215948316-Qm7ZtR2vXk9LpW4nHc8YbJ3d".to_string()
}

#[test]
fn url_passwords_with_unescaped_punctuation_are_read_to_the_last_at() {
    let d = Dir::new();
    d.write(
        "a.py",
        "DB = \"postgres://app:Xe7#kq^Lm2!pZ9w@db.acme-corp.com:5432/orders\"\n",
    );
    d.write(
        "b.env",
        "REDIS_URL=redis://:Qz%k9kLm*2xR#tP@cache.acme-corp.com:6379/0\n",
    );
    d.write(
        "c.go",
        "dsn := \"mongodb+srv://rep:Vb8@kq2Zx#m4T@cluster0.acme-corp.com/db\"\n",
    );
    // Same shapes that are not credentials.
    d.write(
        "n.yaml",
        "a: \"postgres://app:${DB_PASSWORD}@db.acme-corp.com/orders\"\n\
         b: \"https://portal.acme-corp.com:8443?next=ops@acme-corp.com\"\n\
         c: \"postgres://#{user}:#{password}@#{host}/app\"\n\
         d: \"redis://:C3%B0@127.0.0.1\"\n",
    );
    let f = found(&d);
    let secrets: Vec<&str> = f.iter().map(|x| x.3.as_str()).collect();
    assert!(secrets.contains(&"Xe7#kq^Lm2!pZ9w"), "{f:?}");
    assert!(secrets.contains(&"Qz%k9kLm*2xR#tP"), "{f:?}");
    assert!(secrets.contains(&"Vb8@kq2Zx#m4T"), "{f:?}");
    assert!(rules_at(&f, "n.yaml").is_empty(), "{f:?}");
}

#[test]
fn connection_strings_of_every_common_form() {
    let d = Dir::new();
    d.write(
        "Db.cs",
        "var cs = \"Server=tcp:sql.acme-corp.com,1433;Database=orders;User ID=svc;Password=Kq8#mZ2x^Lp4!v;\";\n",
    );
    d.write(
        "odbc.py",
        "c = pyodbc.connect(\"Driver={ODBC Driver 18 for SQL Server};Server=sql.acme-corp.com;Uid=r;Pwd=Tz9!xk4#QmL2w;\")\n",
    );
    d.write(
        "app.properties",
        "spring.datasource.url=jdbc:postgresql://pg.acme-corp.com:5432/app?user=app&password=6nK39Ld!kr#oNqI^1F&ssl=true\n",
    );
    d.write(
        "seed.sh",
        "ldapsearch -x -H ldaps://ldap.acme-corp.com -D \"cn=admin,dc=acme,dc=io\" -w \"J9GVAXW~PQkou6\" -b dc=acme,dc=io\n",
    );
    d.write(
        ".pgpass",
        "db-primary.acme-corp.com:5432:orders:app_rw:mOCfkjd!siZO63\n",
    );
    d.write(
        ".my.cnf",
        "[client]\nuser=backup\npassword=Hfx1^GI*Pnn87b\nhost=db.acme-corp.com\n",
    );
    // Templates and defaults of the same shapes.
    d.write(
        "Tpl.cs",
        "var a = \"Server=sql.acme-corp.com;User ID=svc;Password={0};\";\n\
         var b = \"Server=localhost;User ID=sa;Password=Your_password123;\";\n",
    );
    d.write("tpl/.pgpass", "localhost:5432:mydb:postgres:postgres\n");
    d.write(
        "tpl/.my.cnf",
        "[client]\nuser=app\npassword=${MYSQL_PASSWORD}\n",
    );
    let f = found(&d);
    assert_eq!(
        rules_at(&f, "Db.cs"),
        ["connection-string-password"],
        "{f:?}"
    );
    assert_eq!(
        rules_at(&f, "odbc.py"),
        ["connection-string-password"],
        "{f:?}"
    );
    assert_eq!(
        rules_at(&f, "app.properties"),
        ["jdbc-url-password"],
        "{f:?}"
    );
    assert_eq!(rules_at(&f, "seed.sh"), ["ldap-bind-password"], "{f:?}");
    assert_eq!(rules_at(&f, ".pgpass"), ["pgpass-password"], "{f:?}");
    assert_eq!(
        rules_at(&f, ".my.cnf"),
        ["mysql-option-file-password"],
        "{f:?}"
    );
    for path in ["Tpl.cs", "tpl/.pgpass", "tpl/.my.cnf"] {
        assert!(rules_at(&f, path).is_empty(), "{path}: {f:?}");
    }
}

#[test]
fn tokens_split_over_lines_are_joined_and_reported_at_their_first_literal() {
    let t = github_token(1);
    let s = slack_token();
    let d = Dir::new();
    d.write(
        "a.py",
        format!(
            "x = 1\nTOKEN = (\"{}\"\n         \"{}\")\n",
            &t[..20],
            &t[20..]
        ),
    );
    d.write(
        "b.js",
        format!("const t = '{}' +\n  '{}';\n", &t[..9], &t[9..]),
    );
    d.write(
        "c.java",
        format!("String s = \"{}\"\n    + \"{}\";\n", &s[..18], &s[18..]),
    );
    d.write(
        "d.php",
        format!("$s = '{}' .\n  '{}';\n", &s[..30], &s[30..]),
    );
    // A GitHub token whose checksum is wrong, split the same way: not reported, not
    // even by the generic rule.
    let mut bad = t.clone();
    bad.replace_range(5..6, if &t[5..6] == "A" { "B" } else { "A" });
    d.write(
        "n.py",
        format!(
            "token = (\"{}\"\n         \"{}\")\n",
            &bad[..20],
            &bad[20..]
        ),
    );
    let f = found(&d);
    let at = |p: &str| located(&f, p);
    assert_eq!(at("a.py"), [(2, "github-pat-classic", t.as_str())]);
    assert_eq!(at("b.js"), [(1, "github-pat-classic", t.as_str())]);
    assert_eq!(at("c.java"), [(1, "slack-bot-token", s.as_str())]);
    assert_eq!(at("d.php"), [(1, "slack-bot-token", s.as_str())]);
    assert!(at("n.py").is_empty(), "{f:?}");
}

#[test]
fn tokens_assembled_from_lists_and_variables_are_joined() {
    let t = github_token(3);
    let s = slack_token();
    let d = Dir::new();
    d.write(
        "auth.py",
        format!(
            "TOKEN = \"\".join([\n    \"{}\",\n    \"{}\",\n])\n",
            &t[..14],
            &t[14..]
        ),
    );
    d.write(
        "pay.js",
        format!(
            "const parts = ['{}', '{}'];\nexport const k = parts.join('');\n",
            &s[..12],
            &s[12..]
        ),
    );
    d.write(
        "Auth.java",
        format!(
            "String k = String.join(\"\", \"{}\", \"{}\");\n",
            &t[..9],
            &t[9..]
        ),
    );
    d.write(
        "auth.go",
        format!(
            "k := strings.Join([]string{{\"{}\", \"{}\"}}, \"\")\n",
            &s[..20],
            &s[20..]
        ),
    );
    d.write(
        "mirror.sh",
        format!(
            "#!/bin/bash\npart1=\"{}\"\npart2=\"{}\"\nGH_TOKEN=\"${{part1}}${{part2}}\"\n",
            &t[..18],
            &t[18..]
        ),
    );
    // A password split with a backslash, its second half starting with punctuation.
    d.write(
        "seed.py",
        "password = \"aNGTzzTWcV\" \\\n    \"*!w!fnrj3d\"\n",
    );
    // Joined with a separator: a list of words, not a split value.
    d.write(
        "n.py",
        format!("x = \", \".join([\"{}\", \"{}\"])\n", &t[..14], &t[14..]),
    );
    let f = found(&d);
    let at = |p: &str| located(&f, p);
    assert_eq!(at("auth.py"), [(2, "github-pat-classic", t.as_str())]);
    assert_eq!(at("pay.js"), [(1, "slack-bot-token", s.as_str())]);
    assert_eq!(at("Auth.java"), [(1, "github-pat-classic", t.as_str())]);
    assert_eq!(at("auth.go"), [(1, "slack-bot-token", s.as_str())]);
    assert_eq!(at("mirror.sh"), [(2, "github-pat-classic", t.as_str())]);
    assert_eq!(
        at("seed.py"),
        [(1, "generic-secret-assignment", "aNGTzzTWcV*!w!fnrj3d")]
    );
    assert!(at("n.py").is_empty(), "{f:?}");
}

#[test]
fn keys_passed_to_clients_setters_and_headers_are_found() {
    let d = Dir::new();
    d.write(
        "LdapClient.java",
        "class L {\n  void c(Hashtable<String, String> env) {\n    env.put(Context.SECURITY_CREDENTIALS, \"mbC9IuaoPj563n6f\");\n  }\n}\n",
    );
    d.write(
        "mail.kt",
        "props.setProperty(\"mail.smtp.password\", \"Qc8RZkNHpR6t8V6u\")\n",
    );
    d.write(
        "reindex.js",
        "const client = algoliasearch('XZY945YJX0', '493e76e7b92b9bbc15626e2cba068aa9');\n",
    );
    d.write(
        "Indexer.php",
        "<?php\n$client = SearchClient::create('RJI3HT3V3N', 'd16244750e47624398ffe9a06c40eef6');\n",
    );
    d.write(
        "heroku.rake",
        "heroku = PlatformAPI.connect_oauth(\"ae439cc3-8c32-4762-a29d-3830705e7a84\")\n",
    );
    d.write(
        "jira.sh",
        "curl -s -H \"Authorization: Bearer NzQxMTI2NDk5NTgzOjCfJn4kMoUoYa614W5fWjbEndnD\" https://jira.corp.acme.com/rest/api/2/myself\n",
    );
    d.write(
        "Web.config",
        "<configuration>\n  <appSettings>\n    <add key=\"StorageAccountKey\" value=\"F5MIZBzgwZF4kC4B0YOdPfSq+od2nE5i3kd6hF2ZA/ZSsbv8WoJAi/bakfxvHK4+uCp+H39kukzxnSKDM2uv1Q==\" />\n  </appSettings>\n</configuration>\n",
    );
    // The same calls given lookups, and base64 of text after `Bearer`: nothing.
    d.write(
        "n.js",
        "const client = algoliasearch('XZY945YJX0', process.env.ALGOLIA_ADMIN_KEY);\nenv.put(Context.SECURITY_CREDENTIALS, System.getenv(\"LDAP_PW\"));\nfetch(u, { headers: { Authorization: 'Bearer MjU4NTAwNDI2OTQzOnBsYWluLXRleHQtbm90LXJhbmQh' } });\n",
    );
    let f = found(&d);
    for (path, rule) in [
        ("LdapClient.java", "generic-secret-setter"),
        ("mail.kt", "generic-secret-setter"),
        ("reindex.js", "algolia-client-api-key"),
        ("Indexer.php", "algolia-client-api-key"),
        ("heroku.rake", "heroku-api-key-legacy"),
        ("jira.sh", "atlassian-data-center-pat"),
        ("Web.config", "azure-storage-account-key"),
    ] {
        assert_eq!(rules_at(&f, path), [rule], "{path}: {f:?}");
    }
    assert!(rules_at(&f, "n.js").is_empty(), "{f:?}");
}

#[test]
fn random_values_the_value_filter_dropped_are_found() {
    let d = Dir::new();
    // A Django key (its alphabet holds parentheses) as a lookup's default.
    d.write(
        "settings.py",
        "import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '9=mgywp+wfybkbyyjf2g3)t2)i7swisiwns#revf=+2evcsow6')\n",
    );
    // A CloudFormation parameter's default, random text cut by `-`.
    d.write(
        "rds.yaml",
        "Parameters:\n  DBPassword:\n    Type: String\n    NoEcho: true\n    Default: NBYSV-h-wMaqzbO1\n",
    );
    // XML element text is a literal, dots and all; mostly home-row letters.
    d.write(
        "credentials.xml",
        "<creds>\n  <username>deployment</username>\n  <password>d.FqhLS1f6FIx-sd</password>\n</creds>\n",
    );
    d.write(
        "knexfile.ts",
        "export default { connection: { password: process.env.PGPASSWORD ?? \"M_wVZIscYMBKrh-9\" } };\n",
    );
    // Names and calls stay quiet.
    d.write(
        "n.py",
        "API_TOKEN = \"X-Request-ID\"\nDB_PASSWORD = \"ENC(Xk2mQ9vLp4RtN7wZb3cY8dF1gH6jK0sA)\"\n",
    );
    let f = found(&d);
    for p in ["settings.py", "rds.yaml", "credentials.xml", "knexfile.ts"] {
        assert_eq!(rules_at(&f, p).len(), 1, "{p}: {f:?}");
    }
    assert!(rules_at(&f, "n.py").is_empty(), "{f:?}");
}

#[test]
fn tokens_encoded_with_no_hint_around_them_are_decoded() {
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    let t = github_token(2);
    let s = slack_token();
    let sg = "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";
    let d = Dir::new();
    d.write(
        "event.json",
        format!("{{\"event\": \"deploy\", \"payload\": \"{}\"}}\n", b64(&s)),
    );
    d.write(
        "cfg.yaml",
        format!(
            "blob: \"{}\"\n",
            b64(&format!("{{\"channel\": \"#ops\", \"token\": \"{t}\"}}"))
        ),
    );
    d.write(
        "mail.env",
        format!("CONTENT={}\n", b64(&format!("{{\"token\": \"{sg}\"}}"))),
    );
    let hex: String = t.bytes().map(|b| format!("{b:02x}")).collect();
    d.write("fixture.py", format!("BLOB = \"{hex}\"\n"));
    // Base64 of ordinary JSON and a hash of the token: nothing to report.
    d.write(
        "n.json",
        format!(
            "{{\"a\": \"{}\", \"b\": \"{}\"}}\n",
            b64("{\"event\": \"deploy\", \"id\": 4411}"),
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
        ),
    );
    let f = found(&d);
    assert_eq!(rules_at(&f, "event.json"), ["slack-bot-token"], "{f:?}");
    assert_eq!(rules_at(&f, "cfg.yaml"), ["github-pat-classic"], "{f:?}");
    assert_eq!(rules_at(&f, "mail.env"), ["sendgrid-api-key"], "{f:?}");
    assert_eq!(rules_at(&f, "fixture.py"), ["github-pat-classic"], "{f:?}");
    assert!(rules_at(&f, "n.json").is_empty(), "{f:?}");
}

#[test]
fn latin1_cp1252_crlf_notebook_and_minified_files_are_read() {
    let t = github_token(0);
    let s = slack_token();
    let d = Dir::new();
    let mut latin1 = b"# Cl\xe9 d'acc\xe8s, fa\xe7ade\n".to_vec();
    latin1.extend(format!("JETON = \"{t}\"\n").as_bytes());
    d.write("latin1.py", latin1);
    let mut cp1252 = b"// \x93Schl\xfcssel\x94 \x96 5 \x80\n".to_vec();
    cp1252.extend(format!("const key = \"{s}\";\n").as_bytes());
    d.write("cp1252.js", cp1252);
    d.write(
        "crlf.env",
        format!("# prod\r\nAPI_TOKEN={t}\r\nLOG=info\r\n"),
    );
    let cell = serde_json::to_string(&format!("os.environ[\"SLACK\"] = \"{s}\"\n")).unwrap();
    d.write(
        "nb.ipynb",
        format!("{{\n \"cells\": [\n  {{\n   \"source\": [\n    {cell}\n   ]\n  }}\n ]\n}}\n"),
    );
    d.write("app.min.js", format!("!function(e){{e.cfg={{api:\"https://api.acme-corp.com\",token:\"{s}\",n:3}}}}(window);\n"));
    let f = found(&d);
    let lines = |p: &str| {
        f.iter()
            .filter(|x| x.0 == p)
            .map(|x| x.1)
            .collect::<Vec<_>>()
    };
    assert_eq!(lines("latin1.py"), [2], "{f:?}");
    assert_eq!(lines("cp1252.js"), [2], "{f:?}");
    assert_eq!(lines("crlf.env"), [2], "{f:?}");
    assert_eq!(lines("nb.ipynb"), [5], "{f:?}");
    assert_eq!(lines("app.min.js"), [1], "{f:?}");
}
