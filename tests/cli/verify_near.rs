//! `--verify` with values found near the secret (`verify.near`): a tenant and client ID
//! beside an Entra ID secret, a shop's subdomain beside a Shopify token, Mailchimp's
//! data centre in the key itself. Requests go to local mocks, through a
//! `--verify-provider` mapping or, to see the host a rule's own base URL names,
//! through a local HTTPS proxy that only records where the tunnel was asked to go.
//! Nothing here reaches the internet.

use super::verify::{Mock, Reply, json, scan_with, status_of};
use super::*;

const MAILCHIMP_KEY: &str = "3b8bb8120bd8276d20871dbaa91b77e8-us19";
const SHOPIFY_TOKEN: &str = "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";
const ENTRA_SECRET: &str = "zkX8Q~lOgRqERFJwRhC~DaALBT8YjmeNBs50Lxpm";
const TENANT: &str = "0f8e3b0c-1d2e-4f5a-8b9c-0d1e2f3a4b5c";
const CLIENT: &str = "6a1c9e2f-3b4d-4e5f-9a0b-1c2d3e4f5a6b";
const OTHER_TENANT: &str = "7c0d9e8f-aaaa-4bbb-8ccc-1d2e3f4a5b6c";
const OTHER_CLIENT: &str = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";
const ACCESS_TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJmaXh0dXJlIjp0cnVlfQ.fixture-access-token";

/// A scan whose HTTPS requests go through `proxy` (an HTTP proxy that answers every
/// CONNECT with 403), so the host a request was for is seen without a connection to
/// it or a name lookup.
pub(crate) fn scan_through_proxy(dir: &Dir, proxy: &Mock, extra: &[&str]) -> Output {
    let mut c = dir.cmd();
    for var in [
        "ALL_PROXY",
        "all_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "NO_PROXY",
        "no_proxy",
    ] {
        c.env_remove(var);
    }
    c.env("HTTPS_PROXY", &proxy.url)
        .env("https_proxy", &proxy.url)
        .args([
            "scan",
            "--format",
            "json",
            "--verify",
            "--verify-timeout",
            "5",
        ])
        .args(extra)
        .arg(".")
        .output()
        .unwrap()
}

pub(crate) fn refusing_proxy() -> Mock {
    Mock::new(|_, _| json(403, "no tunnels here"))
}

/// The hosts the proxy was asked to tunnel to.
pub(crate) fn tunnels(proxy: &Mock) -> Vec<String> {
    proxy
        .seen()
        .iter()
        .filter(|s| s.method == "CONNECT")
        .map(|s| s.path.clone())
        .collect()
}

#[test]
fn a_mailchimp_key_goes_to_the_data_centre_its_suffix_names() {
    let proxy = refusing_proxy();
    let dir = Dir::new();
    dir.write("app.env", format!("MAILCHIMP_API_KEY={MAILCHIMP_KEY}\n"));
    let o = scan_through_proxy(&dir, &proxy, &[]);
    assert_eq!(tunnels(&proxy), vec!["us19.api.mailchimp.com:443"]);
    let v = json_of(&o);
    let ver = status_of(&v, MAILCHIMP_KEY);
    assert_eq!(ver["status"], "unknown", "{ver}");
    assert_eq!(ver["host"], "us19.api.mailchimp.com");
    let err = stderr(&o);
    assert!(err.contains("us19.api.mailchimp.com 1 (built-in)"), "{err}");
}

#[test]
fn mailchimp_answers_live_with_the_account_or_refuses() {
    let live = MAILCHIMP_KEY.to_string();
    let mock = Mock::new(move |s, _| {
        use base64::Engine as _;
        let want = base64::engine::general_purpose::STANDARD.encode(format!("leakhound:{live}"));
        if s.header("authorization") == Some(format!("Basic {want}").as_str()) {
            json(
                200,
                r#"{"account_id":"8d3a","account_name":"Fixture Bakery","email":"owner@bakery.example"}"#,
            )
        } else {
            json(401, r#"{"title":"API Key Invalid","status":401}"#)
        }
    });
    let dir = Dir::new();
    let refused = "90fc406606f54edb38fdbedb8981cef3-us18";
    dir.write(
        "app.env",
        format!("MAILCHIMP_API_KEY={MAILCHIMP_KEY}\nOLD_KEY={refused}\n"),
    );
    let v = json_of(&scan_with(&dir, "mailchimp", &mock, &[]));
    let ver = status_of(&v, MAILCHIMP_KEY);
    assert_eq!(ver["status"], "verified", "{ver}");
    assert_eq!(ver["identity"]["account"], "Fixture Bakery");
    assert_eq!(ver["identity"]["email"], "owner@bakery.example");
    assert_eq!(status_of(&v, refused)["status"], "invalid");
    let seen = mock.seen();
    assert_eq!(seen.len(), 2);
    assert!(
        seen.iter()
            .all(|s| s.method == "GET" && s.path == "/3.0/?fields=account_id,account_name,email")
    );
}

fn shopify_mock() -> Mock {
    Mock::new(|s, _| match s.header("x-shopify-access-token") {
        Some(SHOPIFY_TOKEN) if s.path == "/admin/api/2025-10/shop.json" => json(
            200,
            r#"{"shop":{"name":"Fixture Store","email":"ops@store.example","domain":"store.example"}}"#,
        ),
        _ => json(401, r#"{"errors":"[API] Invalid API key or access token"}"#),
    })
}

#[test]
fn a_shopify_token_is_sent_to_the_shop_found_beside_it() {
    let dir = Dir::new();
    dir.write(
        "config/shopify.yml",
        format!("shop_domain: fixture-store.myshopify.com\naccess_token: {SHOPIFY_TOKEN}\n"),
    );
    // The real host: the shop's own subdomain of myshopify.com.
    let proxy = refusing_proxy();
    let o = scan_through_proxy(&dir, &proxy, &[]);
    assert_eq!(tunnels(&proxy), vec!["fixture-store.myshopify.com:443"]);
    assert!(
        stderr(&o).contains("fixture-store.myshopify.com 1 (built-in)"),
        "{}",
        stderr(&o)
    );
    // Mapped to the mock: live, with the shop's name; a refused token is invalid.
    let mock = shopify_mock();
    let v = json_of(&scan_with(&dir, "shopify", &mock, &[]));
    let ver = status_of(&v, SHOPIFY_TOKEN);
    assert_eq!(ver["status"], "verified", "{ver}");
    assert_eq!(ver["identity"]["shop"], "Fixture Store");
    assert_eq!(ver["identity"]["email"], "ops@store.example");
    assert_eq!(mock.seen()[0].method, "GET");
    let refused = "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";
    let other = Dir::new();
    other.write(
        "shop.env",
        format!("SHOP=other-store.myshopify.com\nTOKEN={refused}\n"),
    );
    let v = json_of(&scan_with(&other, "shopify", &mock, &[]));
    assert_eq!(status_of(&v, refused)["status"], "invalid");
}

#[test]
fn a_shop_too_far_away_is_not_used_and_nothing_is_sent() {
    let dir = Dir::new();
    dir.write(
        "notes.md",
        format!(
            "Store: far-store.myshopify.com\n{}\ntoken {SHOPIFY_TOKEN}\n",
            "filler line of text\n".repeat(300)
        ),
    );
    let proxy = refusing_proxy();
    let o = scan_through_proxy(&dir, &proxy, &[]);
    let v = json_of(&o);
    let ver = status_of(&v, SHOPIFY_TOKEN);
    assert_eq!(ver["status"], "unknown");
    assert_eq!(ver["reason"], "no shop found near the secret");
    assert!(ver["host"].is_null(), "{ver}");
    assert!(proxy.seen().is_empty());
    assert!(stderr(&o).contains("0 requests sent"), "{}", stderr(&o));
}

/// A user rule whose `near` regex takes anything between quotes, so that hostile
/// values reach the host-label check.
fn permissive_shop_rule() -> String {
    r#"provider = "Fixture"

[[rules]]
id = "fixture-shop-token"
name = "Fixture shop token"
description = "A token of a fixture shop platform."
regex = '''\b(?P<secret>fxs_[A-Za-z0-9]{24})\b'''
keywords = ["fxs_"]
severity = "high"
confidence = "high"
remediation = "Revoke it."
references = ["https://example.com/docs"]
examples = ["fxs_pVHHX3luTp7VYCqrIKuiFOn3", "t = fxs_Kq8Zr2Wn4Kt7Vm2Xb9Lc5Hd1"]
negative_examples = ["fxs_short"]

[rules.verify]
provider = "fixture-shop"
base = "https://{shop}.shops.fixture.example"
path = "/api/me"
live = [200]
invalid = [401]

[rules.verify.headers]
Authorization = "Bearer {secret}"

[rules.verify.near]
shop = '''shop\s*=\s*"(?P<value>[^"]*)"'''
"#
    .to_string()
}

#[test]
fn a_hostile_value_never_changes_the_host() {
    let dir = Dir::new();
    dir.write("rules/shop.toml", permissive_shop_rule());
    let cases = [
        ("evil.com/", "fxs_aaaaX3luTp7VYCqrIKuiFOn3"),
        ("a.b", "fxs_bbbbX3luTp7VYCqrIKuiFOn3"),
        ("evil.com#", "fxs_ccccX3luTp7VYCqrIKuiFOn3"),
        ("x@evil.com", "fxs_ddddX3luTp7VYCqrIKuiFOn3"),
        ("ünïcode", "fxs_eeeeX3luTp7VYCqrIKuiFOn3"),
        ("-dash", "fxs_ffffX3luTp7VYCqrIKuiFOn3"),
        ("UpperCase", "fxs_ggggX3luTp7VYCqrIKuiFOn3"),
    ];
    for (i, (shop, token)) in cases.iter().enumerate() {
        dir.write(
            &format!("app/{i}.env"),
            format!("shop = \"{shop}\"\nTOKEN={token}\n"),
        );
    }
    let proxy = refusing_proxy();
    let mut c = dir.cmd();
    for var in ["ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"] {
        c.env_remove(var);
    }
    let o = c
        .env("HTTPS_PROXY", &proxy.url)
        .env("https_proxy", &proxy.url)
        .args([
            "scan",
            "--format",
            "json",
            "--verify",
            "--verify-timeout",
            "5",
        ])
        .args(["--rules", "rules/shop.toml", "app"])
        .output()
        .unwrap();
    let v = json_of(&o);
    // Only the upper-case shop is sent, lower-cased, under the rule's own domain.
    assert_eq!(tunnels(&proxy), vec!["uppercase.shops.fixture.example:443"]);
    for (shop, token) in cases {
        let ver = status_of(&v, token);
        assert_eq!(ver["status"], "unknown", "{shop}: {ver}");
        let reason = ver["reason"].as_str().unwrap();
        match shop {
            "UpperCase" => assert_eq!(ver["host"], "uppercase.shops.fixture.example"),
            "a.b" | "-dash" | "x@evil.com" => assert_eq!(
                reason,
                "the shop found near the secret is not one DNS label (letters, digits and \
                 dashes), so it cannot name the host"
            ),
            _ => assert_eq!(reason, "no shop found near the secret", "{shop}"),
        }
    }
}

fn entra_mock() -> Mock {
    Mock::new(|s, _| {
        let form: Vec<(String, String)> = s
            .body
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let get = |k: &str| {
            form.iter()
                .find(|(n, _)| n == k)
                .map(|(_, v)| v.as_str())
                .unwrap_or("")
        };
        if s.path == format!("/{OTHER_TENANT}/oauth2/v2.0/token") {
            return json(
                400,
                r#"{"error":"invalid_request","error_description":"AADSTS90002: Tenant not found.","error_codes":[90002]}"#,
            );
        }
        if get("client_id") == OTHER_CLIENT {
            return json(
                400,
                r#"{"error":"unauthorized_client","error_description":"AADSTS700016: Application not found in the directory.","error_codes":[700016]}"#,
            );
        }
        if s.path != format!("/{TENANT}/oauth2/v2.0/token")
            || get("grant_type") != "client_credentials"
            || get("client_id") != CLIENT
            || get("scope") != "https%3A%2F%2Fgraph.microsoft.com%2F.default"
        {
            return json(400, r#"{"error":"invalid_request"}"#);
        }
        if get("client_secret") == "zkX8Q~lOgRqERFJwRhC~DaALBT8YjmeNBs50Lxpm" {
            Reply::With(
                200,
                vec![],
                format!(
                    r#"{{"token_type":"Bearer","expires_in":3599,"access_token":"{ACCESS_TOKEN}"}}"#
                ),
            )
        } else {
            json(
                401,
                r#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215]}"#,
            )
        }
    })
}

#[test]
fn an_entra_secret_is_tried_with_the_tenant_and_client_found_beside_it() {
    let mock = entra_mock();
    let dir = Dir::new();
    dir.write(
        "deploy/app.env",
        format!(
            "AZURE_TENANT_ID={TENANT}\nAZURE_CLIENT_ID={CLIENT}\nAZURE_CLIENT_SECRET={ENTRA_SECRET}\n"
        ),
    );
    let refused = "gtP8Q~n6f3hfXVqIJRsmNd_YqSq6W5uD3b_hWpNc";
    dir.write(
        "src/settings.json",
        format!(
            "{{\n  \"TenantId\": \"{TENANT}\",\n  \"ClientId\": \"{CLIENT}\",\n  \"ClientSecret\": \"{refused}\"\n}}\n"
        ),
    );
    let o = scan_with(&dir, "azure", &mock, &[]);
    let v = json_of(&o);
    let ver = status_of(&v, ENTRA_SECRET);
    assert_eq!(ver["status"], "verified", "{ver}");
    assert_eq!(ver["identity"]["tenant"], TENANT);
    assert_eq!(ver["identity"]["app"], CLIENT);
    let ver = status_of(&v, refused);
    assert_eq!(ver["status"], "invalid", "{ver}");
    assert!(
        ver["reason"].as_str().unwrap().contains("AADSTS7000215"),
        "{ver}"
    );
    let seen = mock.seen();
    assert_eq!(seen.len(), 2);
    assert!(seen.iter().all(|s| s.method == "POST"));
    assert!(
        seen[0]
            .header("content-type")
            .unwrap()
            .starts_with("application/x-www-form-urlencoded")
    );
    // The access token obtained is never shown, in any format.
    assert!(!String::from_utf8_lossy(&o.stdout).contains("fixture-access-token"));
    assert!(!stderr(&o).contains("fixture-access-token"));
    for format in ["text", "sarif", "markdown"] {
        let o = dir
            .cmd()
            .args(["scan", "--format", format, "--verify", "--verify-provider"])
            .arg(format!("azure={}", mock.url))
            .arg(".")
            .output()
            .unwrap();
        assert!(!String::from_utf8_lossy(&o.stdout).contains("fixture-access-token"));
    }
}

/// A tenant or app that Entra ID does not know is about the values found near the
/// secret, not the secret: `unknown`, never `invalid`.
#[test]
fn an_unknown_tenant_or_app_leaves_an_entra_secret_unknown() {
    let mock = entra_mock();
    let dir = Dir::new();
    dir.write(
        "a/app.env",
        format!("AZURE_TENANT_ID={OTHER_TENANT}\nAZURE_CLIENT_ID={CLIENT}\nAZURE_CLIENT_SECRET={ENTRA_SECRET}\n"),
    );
    let other = "puS7Q~bX8d7IcKBuegx0Ri2YykU3ASMGYGI.5H4R";
    dir.write(
        "b/app.env",
        format!("AZURE_TENANT_ID={TENANT}\nAZURE_CLIENT_ID={OTHER_CLIENT}\nAZURE_CLIENT_SECRET={other}\n"),
    );
    let v = json_of(&scan_with(&dir, "azure", &mock, &[]));
    let ver = status_of(&v, ENTRA_SECRET);
    assert_eq!(ver["status"], "unknown", "{ver}");
    assert!(
        ver["reason"].as_str().unwrap().contains("AADSTS90002"),
        "{ver}"
    );
    let ver = status_of(&v, other);
    assert_eq!(ver["status"], "unknown", "{ver}");
    assert!(
        ver["reason"].as_str().unwrap().contains("AADSTS700016"),
        "{ver}"
    );
}

#[test]
fn an_entra_secret_without_its_client_id_is_unknown_and_not_sent() {
    let mock = entra_mock();
    let dir = Dir::new();
    dir.write(
        "app.env",
        format!("AZURE_TENANT_ID={TENANT}\nAZURE_CLIENT_SECRET={ENTRA_SECRET}\n"),
    );
    let o = scan_with(&dir, "azure", &mock, &[]);
    let ver = status_of(&json_of(&o), ENTRA_SECRET).clone();
    assert_eq!(ver["status"], "unknown");
    assert_eq!(ver["reason"], "no client_id found near the secret");
    assert!(mock.seen().is_empty());
    assert!(stderr(&o).contains("0 requests sent"), "{}", stderr(&o));
}

#[test]
fn rules_check_refuses_near_values_it_cannot_use() {
    let dir = Dir::new();
    let rule = permissive_shop_rule()
        .replace(r#"(?P<value>[^"]*)"#, r#"([^"]*)"#)
        .replace(r#"path = "/api/me""#, r#"path = "/api/{user}/{site}""#)
        .replace(
            "[rules.verify.near]\n",
            "[rules.verify.near]\nuser = '''user=(?P<value>\\w+'''\nsite = '''site=(?P<value>\\w+)'''\nunused = '''(?P<value>x)'''\n",
        );
    dir.write("bad.toml", &rule);
    let o = dir
        .cmd()
        .args(["rules", "check", "--rules", "bad.toml"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = format!("{}{}", stdout(&o), stderr(&o));
    for what in [
        "verify.near.shop: the regex cannot be used: it has no `value` group",
        "verify.near.user: the regex cannot be used",
        "verify.near.unused is named by no template",
    ] {
        assert!(out.contains(what), "{what} in {out}");
    }
    assert!(!out.contains("verify.near.site"), "{out}");
    // A template name no `near` declares, and a label anywhere but the host's start.
    for (base, path, problem) in [
        (
            "https://{shop}.shops.fixture.example",
            "/api/{tenant}",
            "names {tenant}: only",
        ),
        (
            "https://api.{shop}.fixture.example",
            "/api/me",
            "must be https:// and a fixed host",
        ),
        (
            "https://{shop}.example",
            "/api/me",
            "must be https:// and a fixed host",
        ),
    ] {
        let rule = permissive_shop_rule()
            .replace("https://{shop}.shops.fixture.example", base)
            .replace(r#"path = "/api/me""#, &format!("path = \"{path}\""));
        dir.write("bad.toml", &rule);
        let o = dir
            .cmd()
            .args(["rules", "check", "--rules", "bad.toml"])
            .output()
            .unwrap();
        let out = format!("{}{}", stdout(&o), stderr(&o));
        assert_eq!(o.status.code(), Some(1), "{base} {path}: {out}");
        assert!(out.contains(problem), "{problem} in {out}");
    }
    // The sound rule has no verify problem (its one-line remediation is another
    // matter, which only `rules check` minds).
    dir.write("good.toml", permissive_shop_rule());
    let o = dir
        .cmd()
        .args(["rules", "check", "--rules", "good.toml"])
        .output()
        .unwrap();
    let out = format!("{}{}", stdout(&o), stderr(&o));
    assert!(
        out.contains("1 problem(s)") && out.contains("remediation"),
        "{out}"
    );
    assert!(!out.contains("verify"), "{out}");
}

const ATLASSIAN_TOKEN: &str = "ATATT3xFfGF0YKsWOmbYwujiaBt6nCXIxfpqHi2--5NbKyllXObCUl1wYVE9JFVrn81qnEYUdquhbsIZQQ98K9a4hy1Z139xpEjBHjf4eTTzkvHewwlcnWK_MP8BDkafdWtbgHAIuikXkFHiB8GgZPr5TnShNE_aOjr5EXwg4QtB38zUeShxp61=B2F4DA64";
const OKTA_TOKEN: &str = "002JgJngKtFI3OyV2dZAkg05rK_gqv81RKMGHZEM9Y";

#[test]
fn an_atlassian_token_is_tried_as_the_address_found_beside_it_on_its_site() {
    let dir = Dir::new();
    dir.write(
        "tools/jira.py",
        format!(
            "jira = JIRA(server=\"https://acme-corp.atlassian.net\", basic_auth=(\"ops@acme-corp.io\", \"{ATLASSIAN_TOKEN}\"))\n"
        ),
    );
    let proxy = refusing_proxy();
    scan_through_proxy(&dir, &proxy, &[]);
    assert_eq!(tunnels(&proxy), vec!["acme-corp.atlassian.net:443"]);
    let mock = Mock::new(|s, _| {
        use base64::Engine as _;
        let want = base64::engine::general_purpose::STANDARD
            .encode(format!("ops@acme-corp.io:{ATLASSIAN_TOKEN}"));
        match (s.path.as_str(), s.header("authorization")) {
            ("/rest/api/3/myself", Some(a)) if a == format!("Basic {want}") => json(
                200,
                r#"{"accountId":"5b10ac8d82e05b22cc7d4ef5","displayName":"Ops Bot","emailAddress":"ops@acme-corp.io"}"#,
            ),
            _ => json(401, "Client must be authenticated to access this resource."),
        }
    });
    let v = json_of(&scan_with(&dir, "atlassian", &mock, &[]));
    let ver = status_of(&v, ATLASSIAN_TOKEN);
    assert_eq!(ver["status"], "verified", "{ver}");
    assert_eq!(ver["identity"]["user"], "Ops Bot");
    assert_eq!(ver["identity"]["account"], "5b10ac8d82e05b22cc7d4ef5");
    // Refused: the reason names the values it was tried with, which may be the wrong
    // ones rather than a dead token.
    let other = Dir::new();
    other.write(
        "jira.env",
        format!(
            "JIRA_URL=https://acme-corp.atlassian.net\nJIRA_EMAIL=someone@acme-corp.io\nJIRA_API_TOKEN={ATLASSIAN_TOKEN}\n"
        ),
    );
    let v = json_of(&scan_with(&other, "atlassian", &mock, &[]));
    let ver = status_of(&v, ATLASSIAN_TOKEN);
    assert_eq!(ver["status"], "invalid");
    assert_eq!(
        ver["reason"],
        "the provider answered 401 (asked with email someone@acme-corp.io, site acme-corp, \
         found near the secret)"
    );
}

#[test]
fn an_okta_token_is_sent_to_its_own_org() {
    let dir = Dir::new();
    dir.write(
        "scripts/users.sh",
        format!(
            "curl -H \"Authorization: SSWS {OKTA_TOKEN}\" https://dev-314159.okta.com/api/v1/users\n"
        ),
    );
    let proxy = refusing_proxy();
    scan_through_proxy(&dir, &proxy, &[]);
    assert_eq!(tunnels(&proxy), vec!["dev-314159.okta.com:443"]);
    let mock = Mock::new(|s, _| match s.header("authorization") {
        Some(a) if a == format!("SSWS {OKTA_TOKEN}") && s.path == "/api/v1/users/me" => json(
            200,
            r#"{"id":"00ub0oNGTSWTBKOLGLNR","profile":{"login":"svc-sync@example.org","email":"svc-sync@example.org"}}"#,
        ),
        _ => json(
            401,
            r#"{"errorCode":"E0000011","errorSummary":"Invalid token provided"}"#,
        ),
    });
    let v = json_of(&scan_with(&dir, "okta", &mock, &[]));
    let ver = status_of(&v, OKTA_TOKEN);
    assert_eq!(ver["status"], "verified", "{ver}");
    assert_eq!(ver["identity"]["user"], "svc-sync@example.org");
    let refused = "000AWIRh-JUqBlIFXZ53Ncqe28_ajY75FnCttn6kfa";
    let other = Dir::new();
    other.write(
        "okta.yml",
        format!("okta_api_token: \"{refused}\"\norg_url: https://acme.okta.com\n"),
    );
    let v = json_of(&scan_with(&other, "okta", &mock, &[]));
    assert_eq!(status_of(&v, refused)["status"], "invalid");
}

/// A host is never named by a guess: two org names near an Okta token, or a link to one
/// of the provider's own sites (`developer.okta.com`), and nothing is sent.
#[test]
fn a_host_is_not_named_by_a_guess_or_by_a_link_to_the_providers_own_site() {
    let proxy = refusing_proxy();
    let dir = Dir::new();
    dir.write(
        "okta.env",
        format!(
            "# see https://developer.okta.com/docs/guides/create-an-api-token/\nOKTA_API_TOKEN={OKTA_TOKEN}\n"
        ),
    );
    let v = json_of(&scan_through_proxy(&dir, &proxy, &[]));
    let ver = status_of(&v, OKTA_TOKEN);
    assert_eq!(ver["status"], "unknown");
    assert!(
        ver["reason"]
            .as_str()
            .unwrap()
            .contains("(developer) names one of the provider's own sites"),
        "{ver}"
    );
    dir.write(
        "okta.env",
        format!(
            "OKTA_ORG=https://acme.okta.com\nOKTA_API_TOKEN={OKTA_TOKEN}\nOKTA_STAGING=https://acme-staging.okta.com\n"
        ),
    );
    let v = json_of(&scan_through_proxy(&dir, &proxy, &[]));
    let ver = status_of(&v, OKTA_TOKEN);
    assert_eq!(ver["status"], "unknown");
    assert!(
        ver["reason"]
            .as_str()
            .unwrap()
            .contains("several org values near the secret"),
        "{ver}"
    );
    assert!(tunnels(&proxy).is_empty(), "{:?}", tunnels(&proxy));
}

/// A refusal of a request sent with a guessed value is not proof that the secret is
/// dead: with two addresses near an Atlassian token, a 401 is `unknown`, naming both,
/// and `--fail-on verified,unknown` still fails.
#[test]
fn a_refusal_with_a_guessed_value_is_unknown_not_invalid() {
    let mock = Mock::new(|_, _| json(401, "Client must be authenticated to access this resource."));
    let dir = Dir::new();
    dir.write(
        "jira.env",
        format!(
            "JIRA_URL=https://acme-corp.atlassian.net\nJIRA_EMAIL=ops@acme-corp.io\nJIRA_API_TOKEN={ATLASSIAN_TOKEN}\nJIRA_REPORTER_EMAIL=alerts@acme-corp.io\n"
        ),
    );
    let o = scan_with(&dir, "atlassian", &mock, &["--fail-on", "verified,unknown"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json_of(&o);
    let ver = status_of(&v, ATLASSIAN_TOKEN);
    assert_eq!(ver["status"], "unknown", "{ver}");
    let reason = ver["reason"].as_str().unwrap();
    assert!(reason.contains("the request used a guess"), "{reason}");
    assert!(
        reason.contains("alerts@acme-corp.io") && reason.contains("ops@acme-corp.io"),
        "{reason}"
    );
    assert_eq!(mock.seen().len(), 1);
}
