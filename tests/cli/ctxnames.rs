//! Secrets whose name is not beside their value (issue 15): lookup defaults, names and
//! values on different lines, key-named settings of any shape, provider tokens named by
//! an enclosing section. Each is found in the languages and file types it is written
//! in, at the value as written; the same shapes with placeholders, references and
//! harmless defaults are not.

use crate::{Dir, json_of};

/// (path, text, the secret the file holds).
const FOUND: &[(&str, &str, &str)] = &[
    (
        "app/settings.py",
        "SECRET = os.getenv(\"APP_SECRET\", \"Hq7Lw2Zk9Rt4Vx8N\")\n",
        "Hq7Lw2Zk9Rt4Vx8N",
    ),
    (
        "web/config.js",
        "const token = process.env.AUTH_TOKEN || 'Pz5Kc8Qm3Wx7Ty2B';\n",
        "Pz5Kc8Qm3Wx7Ty2B",
    ),
    (
        "web/config.ts",
        "export const key = process.env.API_KEY ?? \"Mf4Jq9Xr2Lb6Nd8S\";\n",
        "Mf4Jq9Xr2Lb6Nd8S",
    ),
    (
        "deploy/run.sh",
        "export DB_PASSWORD=\"${DB_PASSWORD:-Vk3^Rz8!Wq5Tm2Lp}\"\n",
        "Vk3^Rz8!Wq5Tm2Lp",
    ),
    (
        "docker-compose.yml",
        "services:\n  db:\n    environment:\n      REDIS_PASSWORD: ${REDIS_PASSWORD:-Gb6Yn1Cs4Hx9Pe7K}\n",
        "Gb6Yn1Cs4Hx9Pe7K",
    ),
    (
        "config/app.rb",
        "SECRET = ENV.fetch(\"SESSION_SECRET\", \"Tw8Dz3Qf6Jm1Rk5X\")\n",
        "Tw8Dz3Qf6Jm1Rk5X",
    ),
    (
        "src/Config.java",
        "String t = System.getenv().getOrDefault(\"API_TOKEN\", \"Nc2Vh7Lp4Zs9Bq6W\");\n",
        "Nc2Vh7Lp4Zs9Bq6W",
    ),
    (
        "cmd/config.go",
        "viper.SetDefault(\"webhook_secret\", \"Rj5Xm8Kt2Wc7Fy3D\")\n",
        "Rj5Xm8Kt2Wc7Fy3D",
    ),
    (
        "src/main.rs",
        "let k = env::var(\"API_KEY\").unwrap_or(\"Lq9Bw4Hn7Sx2Ck6V\".into());\n",
        "Lq9Bw4Hn7Sx2Ck6V",
    ),
    (
        "k8s/deploy.yaml",
        "env:\n  - name: SMTP_PASSWORD\n    value: \"Wd3Kp8Zq5Ry1Mg7T\"\n",
        "Wd3Kp8Zq5Ry1Mg7T",
    ),
    (
        "ecs/task.json",
        "[\n  {\n    \"name\": \"CLIENT_SECRET\",\n    \"value\": \"Fy6Nt2Vb9Qc4Jk8R\"\n  }\n]\n",
        "Fy6Nt2Vb9Qc4Jk8R",
    ),
    (
        "infra/vars.tf",
        "variable \"db_password\" {\n  type      = string\n  sensitive = true\n  default   = \"Zm1Xr6Pw3Kd8Hs5Q\"\n}\n",
        "Zm1Xr6Pw3Kd8Hs5Q",
    ),
    (
        "conf/core-site.xml",
        "<property>\n  <name>fs.s3a.secret.key</name>\n  <value>Cb8Lq3Wz6Tn1Vy4K</value>\n</property>\n",
        "Cb8Lq3Wz6Tn1Vy4K",
    ),
    (
        "app.properties",
        "app.mail.password = \\\n    Jx5Rk2Nd9Ws7Bm3P\n",
        "Jx5Rk2Nd9Ws7Bm3P",
    ),
    (
        "conf/app.ini",
        "[mysql]\nuser = app\npassword = OwJUekrdOUx3yxbsvyMMTtRoSjhDQZBymp\n",
        "OwJUekrdOUx3yxbsvyMMTtRoSjhDQZBymp",
    ),
    (
        ".env",
        "ENCRYPTION_KEY=4d388207d8186412934ad402a6a0d175d1638c2796e97cf41658dbbd65f8b26a\n",
        "4d388207d8186412934ad402a6a0d175d1638c2796e97cf41658dbbd65f8b26a",
    ),
    (
        "pkg/jwt.go",
        "var signingKey = []byte(\"0daac68863d877afd4a58287ac6a173b9f5af2e8902fee395d628e617f23792e\")\n",
        "0daac68863d877afd4a58287ac6a173b9f5af2e8902fee395d628e617f23792e",
    ),
    (
        "deploy/login.ps1",
        "$pw = ConvertTo-SecureString \"Qs4Hv9Lc2Xz7Nw5B\" -AsPlainText -Force\n",
        "Qs4Hv9Lc2Xz7Nw5B",
    ),
    (
        "conf/datadog.yaml",
        "datadog:\n  site: datadoghq.eu\n  app_key: 9c1e4b7a2d5f8c3e6a9b1d4f7c2e5a8b3d6f9c1e\n",
        "9c1e4b7a2d5f8c3e6a9b1d4f7c2e5a8b3d6f9c1e",
    ),
    (
        "conf/heroku.ini",
        "[heroku]\napi_key = 3f2a9c1e-8b7d-4e6f-a5c4-2b1d0e9f8a7c\n",
        "3f2a9c1e-8b7d-4e6f-a5c4-2b1d0e9f8a7c",
    ),
];

/// The same shapes holding nothing to report.
const QUIET: &[(&str, &str)] = &[
    (
        "app/settings.py",
        "SECRET = os.getenv(\"APP_SECRET\")\nKEY = os.getenv(\"API_KEY\", \"changeme\")\nLEVEL = os.getenv(\"LOG_LEVEL\", \"Hq7Lw2Zk9Rt4Vx8N\")\n",
    ),
    (
        "web/config.js",
        "const token = process.env.AUTH_TOKEN || config.token;\nconst k = user.apiKey || 'Pz5Kc8Qm3Wx7Ty2B';\n",
    ),
    (
        "deploy/run.sh",
        "export DB_PASSWORD=\"${DB_PASSWORD:-$FALLBACK}\"\nexport REGION=\"${REGION:-eu-west-1}\"\n",
    ),
    (
        "k8s/deploy.yaml",
        "env:\n  - name: SMTP_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: smtp\n        key: password\n  - name: LOG_LEVEL\n    value: \"Wd3Kp8Zq5Ry1Mg7T\"\n",
    ),
    (
        "infra/vars.tf",
        "variable \"db_password\" {\n  type      = string\n  sensitive = true\n}\n",
    ),
    (
        "conf/core-site.xml",
        "<property>\n  <name>fs.s3a.secret.key</name>\n  <value>${env.S3_SECRET}</value>\n</property>\n",
    ),
    (
        "settings.py",
        "AES_KEY_SIZE = 256\nENCRYPTION_KEY_ID = \"3f2a9c1e-8b7d-4e6f-a5c4-2b1d0e9f8a7c\"\n",
    ),
    (
        "deploy/login.ps1",
        "$pw = ConvertTo-SecureString $env:DEPLOY_PASSWORD -AsPlainText -Force\n",
    ),
    (
        "conf/datadog.yaml",
        "datadog:\n  api_key: ${DD_API_KEY}\n  trace_id: 9c1e4b7a2d5f8c3e6a9b1d4f7c2e5a8b\n",
    ),
    (
        "docs/models.py",
        "    :vartype key_encryption_key: ~azure.mgmt.compute.v2019_03_01.models.KeyVaultKeyReference\n",
    ),
];

fn scan(files: impl Iterator<Item = (&'static str, &'static str)>) -> Vec<serde_json::Value> {
    let dir = Dir::new();
    for (path, text) in files {
        dir.write(path, text);
    }
    let out = dir
        .cmd()
        .args(["scan", "--format", "json", "--show-secrets", "."])
        .output()
        .unwrap();
    json_of(&out)["findings"].as_array().unwrap().clone()
}

#[test]
fn secrets_named_elsewhere_are_found_at_their_value() {
    let findings = scan(FOUND.iter().map(|(p, t, _)| (*p, *t)));
    for (path, text, secret) in FOUND {
        let f = findings
            .iter()
            .find(|f| f["secret"] == *secret)
            .unwrap_or_else(|| panic!("{path}: {secret} not reported"));
        let line = text[..text.find(secret).unwrap()].matches('\n').count() + 1;
        assert_eq!(f["line"], line, "{path}");
    }
    // Provider tokens named by their section are reported by the provider's rule.
    let rule_of = |s: &str| {
        findings.iter().find(|f| f["secret"] == s).unwrap()["rule_id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        rule_of("9c1e4b7a2d5f8c3e6a9b1d4f7c2e5a8b3d6f9c1e"),
        "datadog-application-key"
    );
    assert_eq!(
        rule_of("3f2a9c1e-8b7d-4e6f-a5c4-2b1d0e9f8a7c"),
        "heroku-api-key-legacy"
    );
}

#[test]
fn placeholders_references_and_harmless_defaults_are_not() {
    let findings = scan(QUIET.iter().copied());
    let found: Vec<String> = findings
        .iter()
        .map(|f| format!("{}:{} {}", f["path"], f["line"], f["rule_id"]))
        .collect();
    assert!(found.is_empty(), "reported: {found:#?}");
}
