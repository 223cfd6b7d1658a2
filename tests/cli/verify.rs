//! `--verify`: requests to a local mock of each provider, reached through the same
//! `--verify-provider NAME=URL` mapping that self-hosted users configure. Nothing here
//! reaches the internet.

use super::*;

use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request the mock received.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: String,
}

impl Seen {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the mock answers.
pub(crate) enum Reply {
    /// Status, extra headers, body.
    With(u16, Vec<(&'static str, String)>, String),
    /// Waits, then answers 200 with this body.
    Slow(Duration, String),
}

pub(crate) fn json(status: u16, body: &str) -> Reply {
    Reply::With(status, vec![], body.to_string())
}

/// A provider's endpoint on 127.0.0.1: every request is recorded and answered by the
/// handler (given the request and how many came before it), each on its own thread.
pub(crate) struct Mock {
    pub(crate) url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    server: Arc<tiny_http::Server>,
}

impl Mock {
    pub(crate) fn new(handler: impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static) -> Mock {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("mock server"));
        let url = format!("http://{}", server.server_addr().to_ip().unwrap());
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let handler = Arc::new(handler);
        let (srv, log) = (Arc::clone(&server), Arc::clone(&seen));
        std::thread::spawn(move || {
            for mut req in srv.incoming_requests() {
                let mut body = String::new();
                let _ = std::io::Read::read_to_string(req.as_reader(), &mut body);
                let s = Seen {
                    method: req.method().to_string(),
                    path: req.url().to_string(),
                    headers: req
                        .headers()
                        .iter()
                        .map(|h| (h.field.to_string(), h.value.to_string()))
                        .collect(),
                    body,
                };
                let nth = {
                    let mut l = log.lock().unwrap();
                    l.push(s.clone());
                    l.len() - 1
                };
                let handler = Arc::clone(&handler);
                std::thread::spawn(move || {
                    let (status, headers, body) = match handler(&s, nth) {
                        Reply::With(status, headers, body) => (status, headers, body),
                        Reply::Slow(wait, body) => {
                            std::thread::sleep(wait);
                            (200, vec![], body)
                        }
                    };
                    let mut resp = tiny_http::Response::from_string(body).with_status_code(status);
                    for (k, v) in headers {
                        resp.add_header(tiny_http::Header::from_bytes(k, v.as_bytes()).unwrap());
                    }
                    let _ = req.respond(resp);
                });
            }
        });
        Mock { url, seen, server }
    }

    pub(crate) fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

/// GitHub's `/user`: the token ending in the first fixture body is live, others are
/// refused.
fn github_mock() -> Mock {
    let live = github_token(0);
    Mock::new(move |s, _| match s.header("authorization") {
        Some(a) if a == format!("Bearer {live}") && s.path == "/user" => Reply::With(
            200,
            vec![("X-OAuth-Scopes", "repo, read:org".into())],
            r#"{"login":"octo-fixture","id":1}"#.into(),
        ),
        _ => json(401, r#"{"message":"Bad credentials"}"#),
    })
}

fn scan_verified(dir: &Dir, mock: &Mock, extra: &[&str]) -> Output {
    scan_with(dir, "github", mock, extra)
}

/// `scan --format json --verify` of the whole directory, `provider` mapped to `mock`.
pub(crate) fn scan_with(dir: &Dir, provider: &str, mock: &Mock, extra: &[&str]) -> Output {
    dir.cmd()
        .args(["scan", "--format", "json", "--verify", "--verify-provider"])
        .arg(format!("{provider}={}", mock.url))
        .args(extra)
        .arg(".")
        .output()
        .unwrap()
}

pub(crate) fn status_of<'v>(v: &'v Value, secret: &str) -> &'v Value {
    &finding_for(v, secret)["verification"]
}

#[test]
fn a_live_token_is_verified_with_its_owner_in_json_text_and_sarif() {
    let mock = github_mock();
    let dir = Dir::new();
    dir.write("app.env", format!("GITHUB_TOKEN={}\n", github_token(0)));
    let o = scan_verified(&dir, &mock, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json_of(&o);
    let ver = &v["findings"][0]["verification"];
    assert_eq!(ver["status"], "verified");
    assert_eq!(ver["host"], "127.0.0.1");
    assert_eq!(ver["identity"]["user"], "octo-fixture");
    assert_eq!(ver["identity"]["scopes"], "repo, read:org");
    // Exactly one read-only request, with the token where GitHub expects it.
    let seen = mock.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        (seen[0].method.as_str(), seen[0].path.as_str()),
        ("GET", "/user")
    );
    assert!(
        seen[0]
            .header("user-agent")
            .unwrap()
            .starts_with("leakhound/")
    );
    // The summary says how many requests went where, and that the host was mapped.
    let err = stderr(&o);
    assert!(
        err.contains("verify: 1 verified, 0 invalid, 0 unknown; 1 request sent: 127.0.0.1 1 (--verify-provider github)"),
        "{err}"
    );
    // Text: the status and the owner, and still no secret.
    let t = dir
        .cmd()
        .args(["scan", "--verify", "--verify-provider"])
        .arg(format!("github={}", mock.url))
        .arg(".")
        .output()
        .unwrap();
    let text = stdout(&t);
    assert!(
        text.contains("verify: LIVE (scopes repo, read:org, user octo-fixture; asked 127.0.0.1)"),
        "{text}"
    );
    assert!(!text.contains(&github_token(0)));
    // SARIF: the result's properties, and level error.
    let s = dir
        .cmd()
        .args(["scan", "--format", "sarif", "--verify", "--verify-provider"])
        .arg(format!("github={}", mock.url))
        .arg(".")
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&s.stdout).unwrap();
    validate_sarif(&doc);
    let result = &doc["runs"][0]["results"][0];
    assert_eq!(result["level"], "error");
    assert_eq!(result["properties"]["verification"]["status"], "verified");
    assert_eq!(
        result["properties"]["verification"]["identity"]["user"],
        "octo-fixture"
    );
}

#[test]
fn nothing_is_sent_without_verify() {
    let mock = github_mock();
    let dir = Dir::new();
    dir.write("app.env", format!("GITHUB_TOKEN={}\n", github_token(0)));
    let o = dir
        .cmd()
        .args(["scan", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(json_of(&o)["findings"][0].get("verification").is_none());
    assert!(!stderr(&o).contains("verify"));
    assert!(mock.seen().is_empty());
    // A mapping without --verify is refused rather than ignored.
    let o = dir
        .cmd()
        .args(["scan", "--verify-provider"])
        .arg(format!("github={}", mock.url))
        .arg(".")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--verify"), "{}", stderr(&o));
    assert!(mock.seen().is_empty());
}

#[test]
fn refused_secrets_are_invalid_and_unreadable_answers_unknown() {
    let live = github_token(0);
    let refused = github_token(1);
    let mock = Mock::new(move |s, _| {
        let auth = s.header("authorization").unwrap_or_default().to_string();
        if auth.ends_with(&live) {
            json(500, "upstream trouble")
        } else if auth.ends_with(&refused) {
            json(401, r#"{"message":"Bad credentials"}"#)
        } else {
            json(200, r#"{"login":"someone"}"#)
        }
    });
    let dir = Dir::new();
    dir.write(
        "a.env",
        format!("T0={}\nT1={}\n", github_token(0), github_token(1)),
    );
    let v = json_of(&scan_verified(&dir, &mock, &[]));
    let zero = status_of(&v, &github_token(0));
    assert_eq!(zero["status"], "unknown");
    assert!(
        zero["reason"].as_str().unwrap().contains("answered 500"),
        "{zero}"
    );
    let one = status_of(&v, &github_token(1));
    assert_eq!(one["status"], "invalid");
    assert_eq!(one["reason"], "the provider answered 401");
}

#[test]
fn each_distinct_secret_is_sent_once() {
    let mock = github_mock();
    let dir = Dir::new();
    for f in ["a.env", "b/c.env", "d.yaml"] {
        dir.write(f, format!("GITHUB_TOKEN={}\n", github_token(0)));
    }
    dir.write("e.env", format!("GITHUB_TOKEN={}\n", github_token(1)));
    let o = scan_verified(&dir, &mock, &[]);
    let v = json_of(&o);
    assert_eq!(v["findings"].as_array().unwrap().len(), 2);
    assert_eq!(mock.seen().len(), 2, "{:?}", mock.seen());
}

#[test]
fn a_rate_limited_host_is_retried_after_the_wait_it_asks_then_given_up() {
    // First answer 429 (wait 0 s), then 200.
    let mock = Mock::new(|_, nth| {
        if nth == 0 {
            Reply::With(429, vec![("Retry-After", "0".into())], String::new())
        } else {
            json(200, r#"{"login":"patient"}"#)
        }
    });
    let dir = Dir::new();
    dir.write("a.env", format!("T={}\n", github_token(0)));
    let v = json_of(&scan_verified(&dir, &mock, &[]));
    assert_eq!(v["findings"][0]["verification"]["status"], "verified");
    assert_eq!(mock.seen().len(), 2);
    // Always 429: three attempts, then unknown with the reason.
    let always =
        Mock::new(|_, _| Reply::With(429, vec![("Retry-After", "0".into())], String::new()));
    let v = json_of(&scan_verified(&dir, &always, &[]));
    let ver = &v["findings"][0]["verification"];
    assert_eq!(ver["status"], "unknown");
    assert_eq!(ver["reason"], "rate limited (429) after 3 attempts");
    assert_eq!(always.seen().len(), 3);
}

#[test]
fn a_slow_provider_times_out_as_unknown() {
    let mock = Mock::new(|_, _| Reply::Slow(Duration::from_secs(4), r#"{"login":"late"}"#.into()));
    let dir = Dir::new();
    dir.write("a.env", format!("T={}\n", github_token(0)));
    let v = json_of(&scan_verified(&dir, &mock, &["--verify-timeout", "1"]));
    let ver = &v["findings"][0]["verification"];
    assert_eq!(ver["status"], "unknown");
    assert_eq!(ver["reason"], "timeout");
}

#[test]
fn a_redirect_is_not_followed() {
    let elsewhere = Mock::new(|_, _| json(200, r#"{"login":"thief"}"#));
    let target = format!("{}/user", elsewhere.url);
    let mock =
        Mock::new(move |_, _| Reply::With(302, vec![("Location", target.clone())], String::new()));
    let dir = Dir::new();
    dir.write("a.env", format!("T={}\n", github_token(0)));
    let v = json_of(&scan_verified(&dir, &mock, &[]));
    let ver = &v["findings"][0]["verification"];
    assert_eq!(ver["status"], "unknown");
    assert!(
        ver["reason"]
            .as_str()
            .unwrap()
            .contains("redirect, not followed"),
        "{ver}"
    );
    assert_eq!(mock.seen().len(), 1);
    assert!(
        elsewhere.seen().is_empty(),
        "the secret went where the redirect said"
    );
}

/// Slack answers 200 whatever the token; `ok` says whether it was accepted.
#[test]
fn an_answer_field_decides_and_a_malformed_body_is_unknown() {
    let bot = |n: &str| format!("xoxb-{n}-90240398534-pVHHX3luTp7VYCqrIKuiFOn3");
    // Random digits: a run like 1234567890 reads as a stand-in.
    let (live, dead, odd) = (bot("7302958164"), bot("4918273650"), bot("8062519437"));
    let (l, d) = (live.clone(), dead.clone());
    let mock = Mock::new(move |s, _| {
        let auth = s.header("authorization").unwrap_or_default();
        if auth.ends_with(&l) {
            json(
                200,
                r#"{"ok":true,"team":"Fixture Team","user":"deploy-bot","url":"https://fixture.slack.com/"}"#,
            )
        } else if auth.ends_with(&d) {
            json(200, r#"{"ok":false,"error":"invalid_auth"}"#)
        } else {
            json(200, "<html>maintenance</html>")
        }
    });
    let dir = Dir::new();
    dir.write("slack.env", format!("A={live}\nB={dead}\nC={odd}\n"));
    let o = scan_with(&dir, "slack", &mock, &[]);
    let v = json_of(&o);
    let l = status_of(&v, &live);
    assert_eq!(l["status"], "verified", "{l}");
    assert_eq!(l["identity"]["team"], "Fixture Team");
    let d = status_of(&v, &dead);
    assert_eq!(d["status"], "invalid");
    assert_eq!(d["reason"], "the provider said /ok is false (invalid_auth)");
    let u = status_of(&v, &odd);
    assert_eq!(u["status"], "unknown");
    assert!(
        u["reason"].as_str().unwrap().contains("not understood"),
        "{u}"
    );
    assert!(
        mock.seen()
            .iter()
            .all(|s| s.method == "POST" && s.path == "/api/auth.test")
    );
}

#[test]
fn a_webhook_is_checked_at_its_own_path_without_posting_a_message() {
    let url = "https://hooks.slack.com/services/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";
    let mock = Mock::new(|s, _| {
        assert!(s.body.is_empty(), "a message was posted: {}", s.body);
        json(400, "invalid_payload")
    });
    let dir = Dir::new();
    dir.write("notify.sh", format!("curl -X POST {url}\n"));
    let o = scan_with(&dir, "slack-webhook", &mock, &[]);
    let v = json_of(&o);
    assert_eq!(v["findings"][0]["verification"]["status"], "verified");
    let seen = mock.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        seen[0].path,
        "/services/T0F1X2T3R/B0F1X2T3R/pVHHX3luTp7VYCqrIKuiFOn3"
    );
}

#[test]
fn mappings_must_name_a_provider_and_a_tls_or_loopback_url() {
    let dir = Dir::new();
    dir.write("a.env", format!("T={}\n", github_token(0)));
    for (mapping, says) in [
        ("github=http://ghe.corp.example", "only sent over TLS"),
        (
            "gihtub=https://ghe.corp.example",
            "no rule verifies with a provider of that name",
        ),
        (
            "github=https://user:pw@ghe.corp.example",
            "no user, query or fragment",
        ),
        ("github", "is not PROVIDER=URL"),
    ] {
        let o = dir
            .cmd()
            .args(["scan", "--verify", "--verify-provider", mapping, "."])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{mapping}");
        assert!(stderr(&o).contains(says), "{mapping}: {}", stderr(&o));
    }
    // A token given as the URL's user, in a flag or a --config file, or in place of
    // the whole mapping, is not repeated.
    let token = github_token(2);
    let o = dir
        .cmd()
        .args(["scan", "--verify", "--verify-provider", &token, "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--verify-provider: the value given is not PROVIDER=URL"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains(&token), "{}", stderr(&o));
    let user = Dir::new();
    let cfg = user.write(
        "corp.toml",
        format!("[verify.providers]\ngithub = \"https://{token}@ghe.corp.example/api/v3\"\n"),
    );
    for extra in [
        vec![
            "--verify-provider".to_string(),
            format!("github=https://x-token:{token}@ghe.corp.example/api/v3"),
        ],
        vec!["--config".to_string(), cfg.display().to_string()],
    ] {
        let o = dir
            .cmd()
            .args(["scan", "--verify"])
            .args(&extra)
            .arg(".")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{extra:?}");
        let err = stderr(&o);
        assert!(
            err.contains(
                "https://ghe.corp.example/api/v3: a base URL is a scheme, a host and a path"
            ),
            "{err}"
        );
        assert!(!err.contains(&token), "{err}");
    }
}

/// A user rule for `PREFIX` + 24 alphanumerics whose verify section asks
/// `https://fixture.example` + `path` with the secret as a bearer token and reads the
/// owner from `/who`.
fn fixture_rule(id: &str, prefix: &str, path: &str) -> String {
    format!(
        r#"
[[rules]]
id = "{id}"
name = "Fixture {id}"
description = "A token of a fixture service."
regex = '''\b(?P<secret>{prefix}[A-Za-z0-9]{{24}})\b'''
keywords = ["{prefix}"]
severity = "high"
confidence = "high"
remediation = "Revoke it."
references = ["https://example.com/docs"]
examples = ["{prefix}pVHHX3luTp7VYCqrIKuiFOn3", "t = {prefix}Kq8Zr2Wn4Kt7Vm2Xb9Lc5Hd1"]
negative_examples = ["{prefix}short"]

[rules.verify]
provider = "fixture"
base = "https://fixture.example"
path = "{path}"
live = [200]
invalid = [401]

[rules.verify.headers]
Authorization = "Bearer {{secret}}"

[rules.verify.identity]
who = "/who"
"#
    )
}

/// A repository cannot choose where a secret goes: the verify sections of the config
/// found in the scanned directory are dropped; the same file given with --config is
/// the user's choice and is used.
#[test]
fn the_scanned_directorys_config_cannot_add_a_verifier() {
    let mock = Mock::new(|_, _| json(200, r#"{"who":"collector"}"#));
    let dir = Dir::new();
    let config = fixture_rule("fixture-internal-token", "fxt_", "/whoami");
    dir.write(".leakhound.toml", &config);
    dir.write("app.env", "FIXTURE_TOKEN=fxt_pVHHX3luTp7VYCqrIKuiFOn3\n");
    let o = dir
        .cmd()
        .args(["scan", "--format", "json", "--verify", "."])
        .output()
        .unwrap();
    let v = json_of(&o);
    let ver = &v["findings"][0]["verification"];
    assert_eq!(ver["status"], "unknown");
    assert_eq!(ver["reason"], "no verifier for this rule");
    assert!(mock.seen().is_empty());
    // Named with --config or --rules, the file is still the scanned tree's: its
    // verify sections are dropped, so no rule verifies with the mapped provider, and a
    // warning says why.
    dir.write(
        "rules/team.toml",
        format!("provider = \"Fixture\"\n{config}"),
    );
    for (flag, file) in [
        ("--config", ".leakhound.toml"),
        ("--rules", "rules/team.toml"),
    ] {
        // (--rules without the config, which defines the same rule id.)
        let no_config: &[&str] = if flag == "--rules" {
            &["--no-config"]
        } else {
            &[]
        };
        let o = dir
            .cmd()
            .args(["scan", "--verify", flag, file])
            .args(no_config)
            .arg("--verify-provider")
            .arg(format!("fixture={}", mock.url))
            .arg(".")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{flag}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains(&format!(
                "not used: {file} (named, but inside the scanned tree .): the verify/revoke \
                 sections of 1 rule"
            )),
            "{flag}: {err}"
        );
        assert!(
            err.contains(
                "--verify-provider fixture: no rule verifies with a provider of that name"
            ),
            "{flag}: {err}"
        );
    }
    assert!(mock.seen().is_empty());
    // Given explicitly, with the host mapped to the mock, it is used, and the summary
    // names the mapping. (Only app.env is scanned: the config's own examples would be
    // found too.)
    let user = Dir::new();
    let chosen = user.write("leakhound.toml", &config);
    let o = dir
        .cmd()
        .args(["scan", "--format", "json", "--verify", "--config"])
        .arg(&chosen)
        .arg("--verify-provider")
        .arg(format!("fixture={}", mock.url))
        .arg("app.env")
        .output()
        .unwrap();
    let v = json_of(&o);
    assert_eq!(
        v["findings"][0]["verification"]["status"],
        "verified",
        "{}",
        stderr(&o)
    );
    assert_eq!(
        v["findings"][0]["verification"]["identity"]["who"],
        "collector"
    );
    assert_eq!(mock.seen().len(), 1);
}

#[test]
fn results_filters_and_fail_on_decide_what_is_reported_and_the_exit_code() {
    let mock = github_mock();
    let dir = Dir::new();
    dir.write(
        "a.env",
        format!("T0={}\nT1={}\n", github_token(0), github_token(1)),
    );
    // --only-verified: the live one is reported, the refused one counted.
    let o = scan_verified(&dir, &mock, &["--only-verified"]);
    assert_eq!(o.status.code(), Some(1));
    let v = json_of(&o);
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    assert_eq!(v["findings"][0]["verification"]["status"], "verified");
    let o = dir
        .cmd()
        .args(["scan", "--verify", "--only-verified", "--verify-provider"])
        .arg(format!("github={}", mock.url))
        .arg(".")
        .output()
        .unwrap();
    assert!(
        stderr(&o).contains("1 secret whose verification --results or --only-verified leaves out"),
        "{}",
        stderr(&o)
    );
    // --results invalid: only the refused one; it still fails the scan.
    let v = json_of(&scan_verified(&dir, &mock, &["--results", "invalid"]));
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
    assert_eq!(v["findings"][0]["verification"]["status"], "invalid");
    // --fail-on verified,unknown: both reported; with only refused secrets, exit 0.
    let dead = Dir::new();
    dead.write("a.env", format!("T1={}\n", github_token(1)));
    let o = scan_verified(&dead, &mock, &["--fail-on", "verified,unknown"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json_of(&o)["findings"].as_array().unwrap().len(), 1);
    let o = scan_verified(&dir, &mock, &["--fail-on", "verified,unknown"]);
    assert_eq!(o.status.code(), Some(1));
    // A status name that does not exist is an error.
    let o = scan_verified(&dir, &mock, &["--results", "alive"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown verification status 'alive'"));
}

#[test]
fn history_scans_verify_each_secret_once_and_report_it_with_its_commit() {
    let mock = github_mock();
    let repo = Repo::new();
    repo.write("a.env", format!("T={}\n", github_token(0)));
    repo.commit("add", "2023-01-01T00:00:00Z", "Alice");
    repo.write("a.env", format!("T={}\nX=1\n", github_token(0)));
    repo.commit("edit", "2023-01-02T00:00:00Z", "Alice");
    let mapping = format!("github={}", mock.url);
    let o = repo.leakhound(&[
        "git",
        "--format",
        "json",
        "--verify",
        "--verify-provider",
        &mapping,
        ".",
    ]);
    let v = json_of(&o);
    assert_eq!(v["findings"][0]["verification"]["status"], "verified");
    assert_eq!(v["findings"][0]["occurrences"], 2);
    assert_eq!(mock.seen().len(), 1);
}

/// Checksummed fake classic GitHub tokens, as many as asked, all different.
fn many_tokens(n: usize) -> Vec<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    (0..n)
        .map(|i| {
            // A body that varies in many places with i, and reads as random.
            let body: String = (0..30)
                .map(|k| {
                    let x = (i * 7919 + k * 104_729 + (i * k) * 31 + k * k * 17) % ALPHABET.len();
                    ALPHABET[x] as char
                })
                .collect();
            leakhound::detect::checksum::with_crc32_base62(&format!("ghp_{body}"))
        })
        .collect()
}

#[test]
fn a_reached_request_cap_makes_the_scan_incomplete_not_clean() {
    let live = github_token(0);
    let mock = Mock::new(move |s, _| {
        if s.header("authorization")
            .is_some_and(|a| a.ends_with(&live))
        {
            json(200, r#"{"login":"octo-fixture"}"#)
        } else {
            json(401, "{}")
        }
    });
    let dir = Dir::new();
    let mut decoys = many_tokens(3).join("\n");
    decoys.push('\n');
    dir.write("000-decoys.env", decoys);
    dir.write("zz.env", format!("T={}\n", github_token(0)));
    let o = scan_verified(
        &dir,
        &mock,
        &["--only-verified", "--verify-max-requests", "2"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("the cap on requests was reached"), "{err}");
    assert_eq!(mock.seen().len(), 2);
    let o = scan_verified(
        &dir,
        &mock,
        &[
            "--only-verified",
            "--verify-max-requests",
            "2",
            "--allow-partial",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_host_that_only_answers_429_is_given_up_on() {
    // GitHub's secondary rate limit: 403 with Retry-After counts as 429.
    let mock = Mock::new(|_, _| Reply::With(403, vec![("Retry-After", "0".into())], String::new()));
    let dir = Dir::new();
    // More secrets than requests in flight (32), so that some start after the host
    // has been given up on.
    dir.write("a.env", many_tokens(48).join("\n") + "\n");
    let o = scan_verified(&dir, &mock, &[]);
    let v = json_of(&o);
    let reasons: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["verification"]["reason"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(reasons.len(), 48);
    assert!(reasons.iter().all(|r| r.contains("429")), "{reasons:?}");
    let given_up = reasons
        .iter()
        .filter(|r| *r == "not sent: 127.0.0.1 kept answering 429 (rate limited)")
        .count();
    assert!(given_up >= 48 - 32 - 2, "{reasons:?}");
    // Every secret tried three times would be 144 requests.
    let sent = mock.seen().len();
    assert!(sent <= (32 + 2) * 3, "{sent}");
    // Secrets never sent were not checked: like those past the request cap, they make
    // the verification incomplete, so a filter cannot pass them as clean.
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("not sent: a host that kept answering 429 was given up on"),
        "{err}"
    );
    let o = scan_verified(&dir, &mock, &["--only-verified"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = scan_verified(&dir, &mock, &["--only-verified", "--allow-partial"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn what_is_not_sent_is_not_counted_and_user_rule_hosts_are_named_by_their_file() {
    let mock = Mock::new(|_, _| json(200, r#"{"who":"someone\u202e\u200bhidden"}"#));
    let dir = Dir::new();
    let rules = format!(
        "provider = \"Fixture\"\n{}{}",
        fixture_rule("fixture-keyed-token", "fxk_", "/keys/{key_id}"),
        fixture_rule("fixture-plain-token", "fxp_", "/whoami")
    );
    // The rule's own host is a closed local port, so the run without a mapping
    // below reaches nothing and needs no name lookup.
    let rules = rules.replace("https://fixture.example", "https://127.0.0.1:9");
    dir.write("rules/team.toml", rules);
    dir.write(
        "app/app.env",
        "A=fxk_pVHHX3luTp7VYCqrIKuiFOn3\nB=fxp_pVHHX3luTp7VYCqrIKuiFOn3\n",
    );
    let o = dir
        .cmd()
        .args([
            "scan",
            "--format",
            "json",
            "--verify",
            "--rules",
            "rules/team.toml",
        ])
        .arg("--verify-provider")
        .arg(format!("fixture={}", mock.url))
        .arg("app")
        .output()
        .unwrap();
    let v = json_of(&o);
    let keyed = status_of(&v, "fxk_pVHHX3luTp7VYCqrIKuiFOn3");
    assert_eq!(keyed["status"], "unknown");
    assert_eq!(keyed["reason"], "no key ID found beside the secret");
    assert!(keyed.get("host").is_none(), "{keyed}");
    let plain = status_of(&v, "fxp_pVHHX3luTp7VYCqrIKuiFOn3");
    assert_eq!(plain["status"], "verified");
    // Invisible characters from the answer never reach a report.
    assert_eq!(plain["identity"]["who"], "someone  hidden");
    assert_eq!(mock.seen().len(), 1);
    let err = stderr(&o);
    assert!(
        err.contains("1 request sent: 127.0.0.1 1 (--verify-provider fixture)"),
        "{err}"
    );
    // Without the mapping, the host is named by the rule file it came from (a user's
    // file under rules/ is not built-in). The closed port refuses the
    // connection, and the answer is a request error.
    let o = dir
        .cmd()
        .args([
            "scan",
            "--format",
            "json",
            "--verify",
            "--verify-timeout",
            "2",
        ])
        .args(["--rules", "rules/team.toml", "app"])
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(
        err.contains("127.0.0.1 1 (rule file rules/team.toml)"),
        "{err}"
    );
}

/// The summary counts requests by host and by where the host came from: two mappings
/// to one host, or a mapping and a rule file, are each named with their own count.
#[test]
fn the_summary_credits_each_origin_of_a_shared_host() {
    let mock = Mock::new(|_, _| json(401, r#"{"message":"401 Unauthorized"}"#));
    let dir = Dir::new();
    dir.write(
        "app/ci.env",
        format!(
            "GITHUB_TOKEN={}\nGITLAB_TOKEN={}\n",
            github_token(0),
            super::revoke::GITLAB_PAT
        ),
    );
    let o = dir
        .cmd()
        .args(["scan", "--format", "json", "--verify"])
        .arg("--verify-provider")
        .arg(format!("github={}", mock.url))
        .arg("--verify-provider")
        .arg(format!("gitlab={}", mock.url))
        .arg("app")
        .output()
        .unwrap();
    assert_eq!(mock.seen().len(), 2);
    let err = stderr(&o);
    assert!(
        err.contains(
            "2 requests sent: 127.0.0.1 1 (--verify-provider github), 127.0.0.1 1 \
             (--verify-provider gitlab)"
        ),
        "{err}"
    );
    // A user's rule whose own host is that same host (a closed port of it here, which
    // refuses the connection: still a request sent there). GitLab's token is left out,
    // as it is not mapped now and nothing may go to gitlab.com.
    dir.write("app/ci.env", format!("GITHUB_TOKEN={}\n", github_token(0)));
    let rules = format!(
        "provider = \"Fixture\"\n{}",
        fixture_rule("fixture-plain-token", "fxp_", "/whoami")
    )
    .replace("https://fixture.example", "https://127.0.0.1:9");
    dir.write("rules/team.toml", rules);
    dir.write("app/more.env", "B=fxp_pVHHX3luTp7VYCqrIKuiFOn3\n");
    let o = dir
        .cmd()
        .args([
            "scan",
            "--format",
            "json",
            "--verify",
            "--verify-timeout",
            "2",
        ])
        .args(["--rules", "rules/team.toml", "--verify-provider"])
        .arg(format!("github={}", mock.url))
        .arg("app")
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(
        err.contains(
            "2 requests sent: 127.0.0.1 1 (--verify-provider github), 127.0.0.1 1 (rule file \
             rules/team.toml)"
        ),
        "{err}"
    );
    assert!(!err.contains("gitlab.com"), "{err}");
}

#[test]
fn baseline_create_refuses_verify() {
    let dir = Dir::new();
    dir.write("a.env", format!("T={}\n", github_token(0)));
    let o = dir
        .cmd()
        .args(["baseline", "create", "b.json", "scan", "--verify", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--verify cannot be used with `baseline create`"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("b.json").exists());
}

/// The `[verify]` table of a file named with --config turns verification on and maps
/// providers, as the flags do (the flags win); the same table in the scanned
/// directory's config is not used, with a warning; `staged` verifies only with the flag.
#[test]
fn a_config_named_with_config_can_turn_verification_on_and_map_providers() {
    let mock = github_mock();
    let dir = Dir::new();
    dir.write("a.env", format!("T={}\n", github_token(0)));
    let user = Dir::new();
    let table = format!(
        "[verify]\nenabled = true\ntimeout = 5\nmax_requests = 10\n\n[verify.providers]\ngithub = \"{}\"\n",
        mock.url
    );
    let cfg = user.write("corp.toml", &table);
    let o = dir
        .cmd()
        .args(["scan", "--format", "json", "--config"])
        .arg(&cfg)
        .args(["--only-verified", "a.env"])
        .output()
        .unwrap();
    let v = json_of(&o);
    assert_eq!(
        status_of(&v, &github_token(0))["status"],
        "verified",
        "{}",
        stderr(&o)
    );
    assert_eq!(mock.seen().len(), 1);
    // The summary names the config's mapping as where the host came from.
    assert!(
        stderr(&o).contains("corp.toml: verify.providers.github"),
        "{}",
        stderr(&o)
    );

    // The same table in the scanned directory: nothing is sent, and a warning says why.
    dir.write(".leakhound.toml", &table);
    let o = dir
        .cmd()
        .args(["scan", "--format", "json", "a.env"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(json_of(&o)["findings"][0]["verification"].is_null());
    assert!(
        stderr(&o).contains(
            "leakhound: warning: not used: ./.leakhound.toml (found in the scanned \
             directory): its [verify] table: a file in the scanned tree cannot turn \
             verification on or choose where secrets are sent (a file outside it, named with \
             --config or --rules, is used as given)"
        ),
        "{}",
        stderr(&o)
    );
    assert_eq!(mock.seen().len(), 1);
    // Even with --verify, its mapping is not: the secret goes to the built-in host,
    // here kept from the network by mapping github to a closed local port.
    let o = dir
        .cmd()
        .args(["scan", "--format", "json", "--verify"])
        .args(["--verify-provider", "github=http://127.0.0.1:9"])
        .arg("a.env")
        .output()
        .unwrap();
    assert_eq!(
        json_of(&o)["findings"][0]["verification"]["status"],
        "unknown"
    );
    assert_eq!(mock.seen().len(), 1);
    std::fs::remove_file(dir.path().join(".leakhound.toml")).unwrap();

    // staged: the config does not turn it on; a filter flag then needs --verify.
    let repo = Repo::new();
    repo.write("a.env", format!("T={}\n", github_token(0)));
    repo.git(&["add", "a.env"]);
    let cfg_arg = cfg.to_str().unwrap();
    let o = repo.leakhound(&["staged", "--format", "json", "--config", cfg_arg]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(json_of(&o)["findings"][0]["verification"].is_null());
    assert_eq!(mock.seen().len(), 1);
    let o = repo.leakhound(&["staged", "--only-verified", "--config", cfg_arg]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "--only-verified needs --verify (a config file does not turn it on for `staged`)"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn verification_flags_without_verification_and_bad_verify_tables_are_errors() {
    let dir = Dir::new();
    dir.write("a.env", format!("T={}\n", github_token(0)));
    for flag in [
        &["--only-verified"][..],
        &["--results", "verified"],
        &["--fail-on", "verified"],
        &["--verify-timeout", "3"],
        &["--verify-max-requests", "3"],
        &["--verify-provider", "github=https://ghe.corp.example"],
    ] {
        let o = dir.cmd().arg("scan").args(flag).arg(".").output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{flag:?}");
        assert!(
            stderr(&o).contains(&format!("{} needs --verify", flag[0])),
            "{flag:?}: {}",
            stderr(&o)
        );
    }
    let user = Dir::new();
    for (table, says) in [
        (
            "[verify]\ntimeout = 0\n",
            "corp.toml:2:11: verify.timeout: expected a number from 1 to 300",
        ),
        ("[verify]\nenabled = \"yes\"\n", "corp.toml:2:11:"),
        ("[verify]\nverify = true\n", "corp.toml:2:1:"),
        (
            "[verify.providers]\ngithub = \"ftp://ghe.corp.example\"\n",
            "verify.providers.github: expected an https:// URL",
        ),
        (
            "[verify]\nenabled = true\n[verify.providers]\ngithub = \"http://ghe.corp.example\"\n",
            "corp.toml: verify.providers.github: ",
        ),
        (
            "[verify]\nenabled = true\n[verify.providers]\ngihtub = \"https://ghe.corp.example\"\n",
            "no rule verifies with a provider of that name",
        ),
    ] {
        let cfg = user.write("corp.toml", table);
        let o = dir
            .cmd()
            .args(["scan", "--config"])
            .arg(&cfg)
            .arg("a.env")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{table}");
        assert!(stderr(&o).contains(says), "{table}: {}", stderr(&o));
    }
}

/// A baseline accepts findings; under --verify, an accepted secret the provider still
/// accepts is reported again (and fails the scan), marked as baselined; accepted
/// secrets that are invalid stay accepted.
#[test]
fn a_baselined_secret_that_is_still_live_is_reported_again() {
    let mock = github_mock();
    let dir = Dir::new();
    dir.write(
        "a.env",
        format!("LIVE={}\nDEAD={}\n", github_token(0), github_token(1)),
    );
    let o = dir
        .cmd()
        .args(["baseline", "create", "base.json", "scan", "a.env"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let plain = dir
        .cmd()
        .args([
            "scan",
            "--format",
            "json",
            "--baseline",
            "base.json",
            "a.env",
        ])
        .output()
        .unwrap();
    assert_eq!(plain.status.code(), Some(0), "{}", stderr(&plain));
    assert_eq!(json_of(&plain)["findings"].as_array().unwrap().len(), 0);

    let o = scan_verified(&dir, &mock, &["--baseline", "base.json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json_of(&o);
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{v}");
    let ver = status_of(&v, &github_token(0));
    assert_eq!(ver["status"], "verified");
    assert_eq!(ver["baselined"], true);
    assert_eq!(mock.seen().len(), 2, "both accepted secrets are asked");
    assert!(
        stderr(&o).contains("1 secret the baseline accepts is still live: reported again"),
        "{}",
        stderr(&o)
    );
    // The text report says so on the finding's verify line.
    let o = dir
        .cmd()
        .args(["scan", "--verify", "--verify-provider"])
        .arg(format!("github={}", mock.url))
        .args(["--baseline", "base.json", "a.env"])
        .output()
        .unwrap();
    assert!(
        stdout(&o).contains("accepted in the baseline, but still live"),
        "{}",
        stdout(&o)
    );
}

/// CSV, JUnit, GitLab and GitHub reports carry the verification too: a status column,
/// the failure message, the description and severity, the annotation's level.
#[test]
fn every_ci_format_carries_the_verification() {
    let mock = github_mock();
    let dir = Dir::new();
    dir.write(
        "tests/fixture.env",
        format!("LIVE={}\nDEAD={}\n", github_token(0), github_token(1)),
    );
    let run = |format: &str| {
        let o = dir
            .cmd()
            .args(["scan", "--format", format, "--verify", "--verify-provider"])
            .arg(format!("github={}", mock.url))
            .arg(".")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{format}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(!out.contains(&github_token(0)), "{format} shows the secret");
        out
    };
    let csv = run("csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (status, who) = (col("verification"), col("verified_identity"));
    let mut statuses: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[status].to_string(), r[who].to_string())
        })
        .collect();
    statuses.sort();
    assert_eq!(
        statuses,
        vec![
            ("invalid".to_string(), String::new()),
            (
                "verified".to_string(),
                "scopes repo, read:org, user octo-fixture".to_string()
            )
        ],
        "{csv}"
    );

    let junit = run("junit");
    assert!(junit.contains("verification verified"), "{junit}");
    assert!(junit.contains("verification invalid"), "{junit}");
    assert!(
        junit.contains("Verification: LIVE (scopes repo, read:org, user octo-fixture"),
        "{junit}"
    );

    let gitlab: Value = serde_json::from_str(&run("gitlab")).unwrap();
    let vulns = gitlab["vulnerabilities"].as_array().unwrap();
    let live = vulns
        .iter()
        .find(|v| {
            v["description"]
                .as_str()
                .unwrap()
                .contains("Verification: LIVE")
        })
        .expect("the live one says so");
    assert_eq!(live["severity"], "Critical");

    let github = run("github");
    let live_lines: Vec<&str> = github
        .lines()
        .filter(|l| l.contains("Verification: LIVE"))
        .collect();
    assert_eq!(live_lines.len(), 1, "{github}");
    assert!(live_lines[0].starts_with("::error "), "{github}");
}

/// On a terminal, verification shows a progress bar on standard error (cleared when it
/// ends); piped, it shows none. The terminal is a pseudo-terminal opened for the test.
#[cfg(target_os = "linux")]
#[test]
fn a_terminal_shows_a_progress_bar_while_verifying() {
    let mock = Mock::new(|_, _| Reply::Slow(Duration::from_millis(400), "{}".into()));
    let dir = Dir::new();
    let tokens = many_tokens(6);
    dir.write("a.env", tokens.join("\n"));
    let mut cmd = leakhound_std();
    cmd.current_dir(dir.path())
        .args(["scan", "--format", "sarif", "-o", "out.sarif", "--verify"])
        .arg("--verify-provider")
        .arg(format!("github={}", mock.url))
        .args(["--verify-max-requests", "50", "a.env"]);
    let (status, shown) = run_on_pty(cmd, b"");
    assert_eq!(status.code(), Some(1), "{shown}");
    assert!(
        shown.contains("verifying") && shown.contains("/6 secrets"),
        "no progress bar on the terminal: {shown:?}"
    );
    assert!(!shown.contains(&tokens[0]), "the terminal shows a secret");
    assert!(dir.path().join("out.sarif").exists());
    // Piped: no bar.
    let o = dir
        .cmd()
        .args(["scan", "--format", "json", "--verify", "--verify-provider"])
        .arg(format!("github={}", mock.url))
        .arg(".")
        .output()
        .unwrap();
    assert!(!stderr(&o).contains("verifying"), "{}", stderr(&o));
}

/// A CI job may name the repository's own `.leakhound.toml` with --config on a pull
/// request whose author wrote it: a file inside the scanned tree, however it is named,
/// cannot turn verification on, map a provider or add a verifier. The same file copied
/// outside the tree is the user's, and is used as given.
#[test]
fn the_repositorys_own_config_named_with_config_sets_nothing_about_the_network() {
    let mock = Mock::new(|s, _| {
        if s.path == "/whoami" {
            json(200, r#"{"who":"collector"}"#)
        } else {
            json(401, r#"{"message":"Bad credentials"}"#)
        }
    });
    let repo = Repo::new();
    let fixture = "fxt_pVHHX3luTp7VYCqrIKuiFOn3";
    let github = github_token(0);
    repo.write(
        "app.env",
        format!("FIXTURE_TOKEN={fixture}\nGITHUB_TOKEN={github}\n"),
    );
    repo.commit("add settings", "2021-06-01T00:00:00Z", "Dev");
    // The rule's own host is a closed local port: were its section used without the
    // mapping, nothing would leave the machine.
    let config = format!(
        "{}\n[verify]\nenabled = true\n\n[verify.providers]\nfixture = \"{url}\"\ngithub = \"{url}\"\n",
        fixture_rule("fixture-internal-token", "fxt_", "/whoami")
            .replace("https://fixture.example", "https://127.0.0.1:9"),
        url = mock.url
    );
    repo.write(".leakhound.toml", &config);

    // enabled = true does not turn verification on.
    let o = repo.leakhound(&["git", "--format", "json", "--config", ".leakhound.toml"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json_of(&o);
    assert!(status_of(&v, fixture).is_null(), "{v}");
    assert!(status_of(&v, &github).is_null(), "{v}");
    let err = stderr(&o);
    assert!(
        err.contains(".leakhound.toml (named, but inside the scanned tree ")
            && err.contains("): its [verify] table: a file in the scanned tree cannot turn"),
        "{err}"
    );
    assert_eq!(err.matches("warning").count(), 1, "{err}");
    // With --verify: the file's mappings and its rule's verify section are not used
    // (github goes where the flag sends it, a closed local port here).
    let o = repo.leakhound(&[
        "git",
        "--format",
        "json",
        "--verify",
        "--verify-timeout",
        "2",
        "--verify-provider",
        "github=http://127.0.0.1:9",
        "--config",
        ".leakhound.toml",
    ]);
    let v = json_of(&o);
    assert_eq!(
        status_of(&v, fixture)["reason"],
        "no verifier for this rule"
    );
    assert_eq!(status_of(&v, &github)["status"], "unknown", "{v}");
    assert!(
        stderr(&o).contains("its [verify] table and the verify/revoke sections of 1 rule"),
        "{}",
        stderr(&o)
    );
    assert!(mock.seen().is_empty());

    // The same file outside the repository: verification on, both providers mapped to
    // the mock, the rule's verifier used.
    let user = Dir::new();
    let outside = user.write("corp.toml", &config);
    let outside = outside.to_str().unwrap();
    let o = repo.leakhound(&["git", "--format", "json", "--config", outside]);
    let v = json_of(&o);
    assert_eq!(
        status_of(&v, fixture)["status"],
        "verified",
        "{}",
        stderr(&o)
    );
    assert_eq!(status_of(&v, fixture)["identity"]["who"], "collector");
    assert_eq!(status_of(&v, &github)["status"], "invalid", "{v}");
    let err = stderr(&o);
    assert!(!err.contains("warning"), "{err}");
    // The summary credits each mapping with its request.
    assert!(
        err.contains("2 requests sent: 127.0.0.1 1 (")
            && err.contains("corp.toml: verify.providers.fixture)")
            && err.contains("corp.toml: verify.providers.github)"),
        "{err}"
    );
    assert_eq!(mock.seen().len(), 2);
}
