//! `--verify` for secrets that only work with a public value written near them
//! (`verify.near`): a Twilio auth token or API key secret with its `AC…` account SID
//! (and `SK…` key SID), an Azure DevOps PAT with its organization, a Docker Hub PAT
//! with its account name. Each is checked against a local mock that answers only the
//! request the provider documents (method, path, Basic auth), live and refused; and a
//! secret without its value is `unknown` with nothing sent. The fixtures are random
//! values of the right shape that belong to no account; nothing reaches the internet.

use super::verify::{Mock, Reply, Seen, json, scan_with, status_of};
use super::verify_near::{refusing_proxy, scan_through_proxy, tunnels};
use super::*;

use base64::Engine as _;

fn basic(user: &str, password: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    )
}

/// Whether `s` is a `GET` of `path` with Basic auth `user:password`.
fn asks(s: &Seen, path: &str, user: &str, password: &str) -> bool {
    s.method == "GET"
        && s.path == path
        && s.header("authorization") == Some(basic(user, password).as_str())
}

// ---- Twilio ----------------------------------------------------------------------

const TWILIO_ACCOUNT: &str = "ACa4c123b1612dd272d1371c17149d4395";
const TWILIO_OTHER_ACCOUNT: &str = "AC36b3216fdaeeb975729fae923d5a4fd1";
const TWILIO_KEY_SID: &str = "SK2aabfe228f219e9cb0eb53f16947ccf2";
const TWILIO_TOKEN: &str = "5ec84d8dbc74254770f58904dba41ecc";
const TWILIO_DEAD_TOKEN: &str = "cc3fc1626e53a13043b026c48bbf33fe";
const TWILIO_LONE_TOKEN: &str = "ff9243a8f506b40928b5b7a767c76fb0";
const TWILIO_KEY_SECRET: &str = "bYrEqmSM9wCZ7Uw9xfogoEmvnEN5N1aE";
/// What the account answer holds besides the name: the auth token, never shown.
const TWILIO_ANSWERED_TOKEN: &str = "0e4b7d1c9a2f36580e4b7d1c9a2f3658";

fn twilio_mock() -> Mock {
    Mock::new(|s, _| {
        let account = format!("/2010-04-01/Accounts/{TWILIO_ACCOUNT}.json");
        let numbers =
            format!("/2010-04-01/Accounts/{TWILIO_ACCOUNT}/IncomingPhoneNumbers.json?PageSize=1");
        if asks(s, &account, TWILIO_ACCOUNT, TWILIO_TOKEN) {
            json(
                200,
                &format!(
                    r#"{{"sid":"{TWILIO_ACCOUNT}","friendly_name":"Acme Alerts","status":"active","type":"Full","auth_token":"{TWILIO_ANSWERED_TOKEN}"}}"#
                ),
            )
        } else if asks(s, &numbers, TWILIO_KEY_SID, TWILIO_KEY_SECRET) {
            json(200, r#"{"incoming_phone_numbers":[],"page_size":1}"#)
        } else {
            json(
                401,
                r#"{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}"#,
            )
        }
    })
}

#[test]
fn a_twilio_auth_token_is_tried_with_the_account_sid_found_near_it() {
    let dir = Dir::new();
    dir.write(
        "live/.env",
        format!("TWILIO_ACCOUNT_SID={TWILIO_ACCOUNT}\nTWILIO_AUTH_TOKEN={TWILIO_TOKEN}\n"),
    );
    // A token that is not (or no longer) the account's, beside another SID.
    dir.write(
        "dead/.env",
        format!(
            "TWILIO_ACCOUNT_SID={TWILIO_OTHER_ACCOUNT}\nTWILIO_AUTH_TOKEN={TWILIO_DEAD_TOKEN}\n"
        ),
    );
    // No SID anywhere near: nothing can be asked.
    dir.write(
        "lone/settings.py",
        format!("twilio_auth_token = \"{TWILIO_LONE_TOKEN}\"\n"),
    );
    let proxy = refusing_proxy();
    scan_through_proxy(&dir, &proxy, &[]);
    assert!(
        !tunnels(&proxy).is_empty() && tunnels(&proxy).iter().all(|t| t == "api.twilio.com:443"),
        "{:?}",
        tunnels(&proxy)
    );
    let mock = twilio_mock();
    let o = scan_with(&dir, "twilio", &mock, &[]);
    let v = json_of(&o);
    let live = status_of(&v, TWILIO_TOKEN);
    assert_eq!(live["status"], "verified", "{live}");
    assert_eq!(live["identity"]["account"], "Acme Alerts");
    assert_eq!(live["identity"]["status"], "active");
    assert_eq!(live["identity"]["type"], "Full");
    let dead = status_of(&v, TWILIO_DEAD_TOKEN);
    assert_eq!(dead["status"], "invalid", "{dead}");
    assert_eq!(
        dead["reason"],
        format!(
            "the provider answered 401 (asked with account_sid {TWILIO_OTHER_ACCOUNT}, found \
             near the secret)"
        )
    );
    let lone = status_of(&v, TWILIO_LONE_TOKEN);
    assert_eq!(lone["status"], "unknown");
    assert_eq!(lone["reason"], "no account_sid found near the secret");
    // Two requests: the lone token was not sent; the auth token in the answer is not
    // shown anywhere.
    assert_eq!(mock.seen().len(), 2, "{:?}", mock.seen());
    assert!(!stdout(&o).contains(TWILIO_ANSWERED_TOKEN));
    assert!(!stderr(&o).contains(TWILIO_ANSWERED_TOKEN));
}

#[test]
fn a_twilio_api_key_secret_is_tried_as_its_key_sid_on_its_account() {
    let dir = Dir::new();
    dir.write(
        "app/.env",
        format!(
            "TWILIO_ACCOUNT_SID={TWILIO_ACCOUNT}\nTWILIO_API_KEY={TWILIO_KEY_SID}\n\
             TWILIO_API_SECRET={TWILIO_KEY_SECRET}\n"
        ),
    );
    let mock = twilio_mock();
    let v = json_of(&scan_with(&dir, "twilio", &mock, &[]));
    let live = status_of(&v, TWILIO_KEY_SECRET);
    assert_eq!(live["status"], "verified", "{live}");
    assert_eq!(live["identity"]["account"], TWILIO_ACCOUNT);
    assert_eq!(live["identity"]["key"], TWILIO_KEY_SID);
    // Without the account SID the key cannot be asked about: nothing is sent.
    let alone = Dir::new();
    alone.write(
        "app/.env",
        format!("TWILIO_API_KEY={TWILIO_KEY_SID}\nTWILIO_API_SECRET={TWILIO_KEY_SECRET}\n"),
    );
    let mock = twilio_mock();
    let v = json_of(&scan_with(&alone, "twilio", &mock, &[]));
    let ver = status_of(&v, TWILIO_KEY_SECRET);
    assert_eq!(ver["status"], "unknown");
    assert_eq!(ver["reason"], "no account_sid found near the secret");
    assert!(mock.seen().is_empty());
}

// ---- Azure DevOps ----------------------------------------------------------------

const ADO_PAT: &str = "kkibj5j6wjibagi3mnbqnspuq2idw52ijb4lajlj6hdu6gdpmrcg";
const ADO_DEAD_PAT: &str = "4be4umr46pqm4i2hz4uep3enthjxjqi5ogz7kok3zv2mwufxbv54";
const ADO_URL_PAT: &str = "byvsehogfqrclri3qzj7ufrdl3erbfqfoeqh5av2ricphkqdlmtt";
const ADO_LONE_PAT: &str = "ns4lrwbqcabm6p4g37ztnovmizwdiaeq3kdfyspsc5lkr4aqxvup";

fn ado_mock() -> Mock {
    Mock::new(|s, _| {
        let user = |name: &str| {
            json(
                200,
                &format!(
                    r#"{{"authenticatedUser":{{"id":"7c2e4f10-5b3a-4d8e-9f61-2a0b8c4d6e13","providerDisplayName":"{name}","isActive":true}},"instanceId":"4f1e2d3c-0000-4000-8000-000000000000"}}"#
                ),
            )
        };
        if asks(s, "/contoso-fixture/_apis/connectionData", "", ADO_PAT) {
            user("Build Bot")
        } else if asks(s, "/fabrikam-fixture/_apis/connectionData", "", ADO_URL_PAT) {
            user("Release Bot")
        } else {
            // What Azure DevOps answers a PAT it refuses: its sign-in page, as 203.
            Reply::With(
                203,
                vec![("Content-Type", "text/html; charset=utf-8".into())],
                "<!DOCTYPE html><html><head><title>Azure DevOps Services | Sign In</title></head></html>"
                    .into(),
            )
        }
    })
}

#[test]
fn an_azure_devops_pat_is_asked_about_in_the_organization_found_near_it() {
    let dir = Dir::new();
    dir.write(
        "ci/.env",
        format!("AZURE_DEVOPS_ORG=contoso-fixture\nAZURE_DEVOPS_EXT_PAT={ADO_PAT}\n"),
    );
    dir.write(
        "old/pipeline.sh",
        format!(
            "az devops configure --defaults organization=https://dev.azure.com/contoso-fixture\n\
             export AZURE_DEVOPS_EXT_PAT={ADO_DEAD_PAT}\n"
        ),
    );
    // The organization as the first label of a visualstudio.com remote.
    dir.write(
        "repo/.git-remote",
        format!(
            "url = https://ci:{ADO_URL_PAT}@fabrikam-fixture.visualstudio.com/DefaultCollection/_git/infra\n"
        ),
    );
    dir.write("lone/.env", format!("AZDO_PAT={ADO_LONE_PAT}\n"));
    let proxy = refusing_proxy();
    scan_through_proxy(&dir, &proxy, &[]);
    assert!(
        !tunnels(&proxy).is_empty() && tunnels(&proxy).iter().all(|t| t == "dev.azure.com:443"),
        "{:?}",
        tunnels(&proxy)
    );
    let mock = ado_mock();
    let v = json_of(&scan_with(&dir, "azure-devops", &mock, &[]));
    let live = status_of(&v, ADO_PAT);
    assert_eq!(live["status"], "verified", "{live}");
    assert_eq!(live["identity"]["user"], "Build Bot");
    assert_eq!(live["identity"]["organization"], "contoso-fixture");
    let url = status_of(&v, ADO_URL_PAT);
    assert_eq!(url["status"], "verified", "{url}");
    assert_eq!(url["identity"]["organization"], "fabrikam-fixture");
    let dead = status_of(&v, ADO_DEAD_PAT);
    assert_eq!(dead["status"], "invalid", "{dead}");
    assert_eq!(
        dead["reason"],
        "the provider answered 203 (asked with org contoso-fixture, found near the secret)"
    );
    let lone = status_of(&v, ADO_LONE_PAT);
    assert_eq!(lone["status"], "unknown");
    assert_eq!(lone["reason"], "no org found near the secret");
    // The PAT is the password of Basic auth with an empty user; three PATs were sent.
    let seen = mock.seen();
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert!(
        seen.iter()
            .all(|s| s.method == "GET" && s.path.ends_with("/_apis/connectionData")),
        "{seen:?}"
    );
    // A plain 401 is a refusal too.
    let refusing = Mock::new(|_, _| json(401, ""));
    let v = json_of(&scan_with(&dir, "azure-devops", &refusing, &[]));
    assert_eq!(status_of(&v, ADO_PAT)["status"], "invalid");
}

// ---- Docker Hub ------------------------------------------------------------------

const DOCKER_PAT: &str = "dckr_pat_eNBTxaQWk8JzFalHlsZfYcMMDkt";
const DOCKER_DEAD_PAT: &str = "dckr_pat_XP-tKsf2rcDkdfrUnW5gcF_Ha6i";
const DOCKER_LONE_PAT: &str = "dckr_pat_li8GjHEAD6-Wj9KfzjsQGMrb9h_";
const DOCKER_TOKEN_PATH: &str =
    "/token?service=registry.docker.io&scope=repository:library/alpine:pull";

#[test]
fn a_docker_hub_pat_is_tried_as_the_account_found_near_it() {
    let dir = Dir::new();
    dir.write(
        "ci/release.sh",
        format!("echo building\ndocker login -u acme-ci -p {DOCKER_PAT}\n"),
    );
    dir.write(
        "old/.env",
        format!("DOCKERHUB_USERNAME=acme-old\nDOCKERHUB_TOKEN={DOCKER_DEAD_PAT}\n"),
    );
    dir.write("lone/.env", format!("REGISTRY_TOKEN={DOCKER_LONE_PAT}\n"));
    let proxy = refusing_proxy();
    scan_through_proxy(&dir, &proxy, &[]);
    assert!(
        !tunnels(&proxy).is_empty() && tunnels(&proxy).iter().all(|t| t == "auth.docker.io:443"),
        "{:?}",
        tunnels(&proxy)
    );
    let mock = Mock::new(|s, _| {
        if asks(s, DOCKER_TOKEN_PATH, "acme-ci", DOCKER_PAT) {
            json(
                200,
                r#"{"token":"eyJmaXh0dXJlIjp0cnVlfQ.fixture","access_token":"eyJmaXh0dXJlIjp0cnVlfQ.fixture","expires_in":300}"#,
            )
        } else {
            json(401, r#"{"details":"incorrect username or password"}"#)
        }
    });
    let o = scan_with(&dir, "dockerhub", &mock, &[]);
    let v = json_of(&o);
    let live = status_of(&v, DOCKER_PAT);
    assert_eq!(live["status"], "verified", "{live}");
    assert_eq!(live["identity"]["user"], "acme-ci");
    let dead = status_of(&v, DOCKER_DEAD_PAT);
    assert_eq!(dead["status"], "invalid", "{dead}");
    assert_eq!(
        dead["reason"],
        "the provider answered 401 (asked with username acme-old, found near the secret)"
    );
    let lone = status_of(&v, DOCKER_LONE_PAT);
    assert_eq!(lone["status"], "unknown");
    assert_eq!(lone["reason"], "no username found near the secret");
    assert_eq!(mock.seen().len(), 2, "{:?}", mock.seen());
    // The registry token obtained is not shown.
    assert!(!stdout(&o).contains("eyJmaXh0dXJlIjp0cnVlfQ"));
}

// ---- Stated reasons --------------------------------------------------------------

const PYPI_TOKEN: &str = "pypi-AgEIcHlwaS5vcmcCEp9BvVvLsPHXvabshwfXd8bxPwACOHsidmVyc2lvbiI6IDEsICJwZXJtaXNzaW9ucyI6IHsicHJvamVjdHMiOiBbImFjbWUtOTMiXX19AAAGIA3mKBxfeN4_YYsakj8DuzdoRy7q3sRjKMPMEiOennEg";
const REFRESH_TOKEN: &str = "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";

#[test]
fn a_rule_that_cannot_be_verified_says_why_and_sends_nothing() {
    let dir = Dir::new();
    dir.write("app.env", format!("GITHUB_REFRESH_TOKEN={REFRESH_TOKEN}\n"));
    // Any provider mapping: nothing may reach it.
    let mock = Mock::new(|_, _| json(200, "{}"));
    let o = scan_with(&dir, "github", &mock, &[]);
    let v = json_of(&o);
    let ver = status_of(&v, REFRESH_TOKEN);
    assert_eq!(ver["status"], "unknown", "{ver}");
    assert!(
        ver["reason"]
            .as_str()
            .unwrap()
            .starts_with("a refresh token works only at GitHub's token endpoint"),
        "{ver}"
    );
    assert!(mock.seen().is_empty());
}

/// PyPI checks a token only at its upload endpoint: the request carries no file and no
/// metadata, so PyPI authenticates it (403 for a bad token) and then refuses the empty
/// form (400), and nothing can be created.
#[test]
fn a_pypi_token_is_checked_by_an_empty_upload_that_cannot_create_anything() {
    use base64::Engine as _;
    let want = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("__token__:{PYPI_TOKEN}"))
    );
    let mock = Mock::new(move |s, _| {
        if s.method != "POST" || s.path != "/legacy/" || s.body != ":action=file_upload" {
            return json(418, "unexpected request");
        }
        if s.header("authorization") == Some(want.as_str()) {
            Reply::With(400, vec![], "400 Invalid value for metadata_version".into())
        } else {
            Reply::With(
                403,
                vec![],
                "403 Invalid or non-existent authentication information.".into(),
            )
        }
    });
    let dir = Dir::new();
    dir.write(
        "release/.pypirc",
        format!("[pypi]\nusername = __token__\npassword = {PYPI_TOKEN}\n"),
    );
    let v = json_of(&scan_with(&dir, "pypi", &mock, &[]));
    assert_eq!(status_of(&v, PYPI_TOKEN)["status"], "verified", "{v}");
    let seen = mock.seen();
    assert_eq!(seen.len(), 1);
    assert!(!seen[0].body.contains("content"), "no file is sent");
    // Another token: refused.
    let other = "pypi-AgEIcHlwaS5vcmcCEiEA-N8BNcY39fsq3ypKUPYyigACOHsidmVyc2lvbiI6IDEsICJwZXJtaXNzaW9ucyI6IHsicHJvamVjdHMiOiBbImFjbWUtOTYiXX19AAAGIKA0LvD3sDL39-RiTAVcairvJUMQVE3RmpYAmK21VhBP";
    let dir = Dir::new();
    dir.write("ci.env", format!("TWINE_PASSWORD={other}\n"));
    let v = json_of(&scan_with(&dir, "pypi", &mock, &[]));
    assert_eq!(status_of(&v, other)["status"], "invalid", "{v}");
}

#[test]
fn rules_check_refuses_a_rule_both_verified_and_saying_why_not() {
    let rule = |extra: &str, verify: &str| {
        format!(
            r#"
[[rules]]
id = "fixture-paired-key"
name = "Fixture paired key"
description = "A key of a fixture service."
regex = '''\b(?P<secret>fxp_[A-Za-z0-9]{{24}})\b'''
keywords = ["fxp_"]
severity = "high"
confidence = "high"
{extra}
remediation = '''
Revoke the key in the fixture console and load the new one from FIXTURE_KEY.
1. Revoke it at the console.
'''
references = ["https://example.com/docs"]
examples = ["fxp_pVHHX3luTp7VYCqrIKuiFOn3", "t = fxp_Kq8Zr2Wn4Kt7Vm2Xb9Lc5Hd1"]
negative_examples = ["fxp_short"]
{verify}
"#
        )
    };
    let section = "[rules.verify]\nprovider = \"fixture\"\nbase = \"https://fixture.example\"\n\
                   path = \"/me\"\nlive = [200]\n[rules.verify.headers]\n\
                   Authorization = \"Bearer {secret}\"\n";
    let d = Dir::new();
    let check = |file: &str, text: String| {
        d.write(file, text);
        let o = d
            .cmd()
            .args(["rules", "check", "--config", file])
            .output()
            .unwrap();
        (o.status.code(), stdout(&o))
    };
    let why = "not_verified = \"the fixture service has no read-only endpoint\"";
    let (code, out) = check("reason.toml", rule(why, ""));
    assert_eq!(code, Some(0), "{out}");
    let (code, out) = check("both.toml", rule(why, section));
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("not_verified says why the rule is not verified, yet it has a verify section"),
        "{out}"
    );
    let (code, out) = check("empty.toml", rule("not_verified = \" \"", ""));
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("not_verified must be one non-empty line"),
        "{out}"
    );
}

#[test]
fn the_docker_account_name_is_found_in_its_usual_places() {
    let dir = Dir::new();
    let pats = [
        "dckr_pat_Qm3xV8rLk2Tz9Wb4Np7Hs5Jd1Fc",
        "dckr_pat_Rn4yW9sMl3Ua0Xc5Oq8It6Ke2Gd",
        "dckr_pat_So5zX0tNm4Vb1Yd6Pr9Ju7Lf3He",
        "dckr_pat_Tp6aY1uOn5Wc2Ze7Qs0Kv8Mg4If",
    ];
    dir.write(
        "a/deploy.sh",
        format!("docker login --username=acme-a --password {}\n", pats[0]),
    );
    dir.write(
        "b/.github/workflows/push.yml",
        format!(
            "    with:\n      username: acme-b\n      password: {}\n",
            pats[1]
        ),
    );
    dir.write(
        "c/.env",
        format!("DOCKER_USER=\"acme-c\"\nDOCKER_PAT=\"{}\"\n", pats[2]),
    );
    // A variable in place of the name is passed over; nothing else is near.
    dir.write(
        "d/login.sh",
        format!("docker login -u \"$DOCKER_USER\" -p {}\n", pats[3]),
    );
    let mock = Mock::new(|_, _| json(401, r#"{"details":"incorrect username or password"}"#));
    let v = json_of(&scan_with(&dir, "dockerhub", &mock, &[]));
    for (pat, user) in pats[..3].iter().zip(["acme-a", "acme-b", "acme-c"]) {
        let ver = status_of(&v, pat);
        assert_eq!(
            ver["reason"],
            format!(
                "the provider answered 401 (asked with username {user}, found near the secret)"
            ),
            "{pat}"
        );
    }
    assert_eq!(
        status_of(&v, pats[3])["reason"],
        "no username found near the secret"
    );
    let mut users: Vec<String> = mock
        .seen()
        .iter()
        .map(|s| {
            let auth = s
                .header("authorization")
                .unwrap()
                .trim_start_matches("Basic ");
            let clear = base64::engine::general_purpose::STANDARD
                .decode(auth)
                .unwrap();
            String::from_utf8(clear)
                .unwrap()
                .split(':')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    users.sort();
    assert_eq!(users, ["acme-a", "acme-b", "acme-c"]);
}

#[test]
fn an_azure_devops_organization_variable_may_hold_the_whole_url() {
    // After the PAT, so that the variable is the nearest match: its value is the
    // organization in the URL, not `https`.
    let dir = Dir::new();
    dir.write(
        "ci/.env",
        format!(
            "AZURE_DEVOPS_EXT_PAT={ADO_LONE_PAT}\nAZURE_DEVOPS_ORG=https://dev.azure.com/contoso-fixture\n"
        ),
    );
    let mock = Mock::new(|_, _| json(401, ""));
    let v = json_of(&scan_with(&dir, "azure-devops", &mock, &[]));
    assert_eq!(status_of(&v, ADO_LONE_PAT)["status"], "invalid");
    let seen = mock.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0].path, "/contoso-fixture/_apis/connectionData");
    assert_eq!(
        seen[0].header("authorization"),
        Some(basic("", ADO_LONE_PAT).as_str())
    );
}
