//! `--verify` with the coded verifiers (AWS STS, Google service accounts): local mocks
//! that check each request as the provider would (the signature recomputed or verified
//! with the public key) and answer live, invalid or unknown. Nothing reaches the
//! internet, and the fixtures belong to no account.

use super::verify::{Mock, Reply, Seen, json, scan_with};
use super::*;

use std::sync::{Arc, Mutex};

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use ring::signature::{KeyPair, RSA_PKCS1_2048_8192_SHA256, RsaKeyPair, UnparsedPublicKey};
use ring::{digest, hmac};

// ---- AWS ---------------------------------------------------------------------------

/// Fake key pairs of the right shape, built here so this file holds no pair as such.
fn aws_key_id(tail: &str) -> String {
    format!("AKIA{tail}")
}
const LIVE_TAIL: &str = "N4KHVDGAJGXBENYJ";
const GONE_TAIL: &str = "QWX6HH7566TFJGVQ";
const FAILING_TAIL: &str = "R3MTPW5KQZ7BXLHD";
const LIVE_SECRET: &str = "PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA+";
const OTHER_SECRET: &str = "2O76UMFxFkM+R5Kjp1vRt/1fjORS+6ilI8ihN5KX";
const THIRD_SECRET: &str = "Sc7Tvo+hBKqFYY+kv5ZJr3J1TWDtkwtDDb/xHKas";
const WRONG_SECRET: &str = "575yx8xm5MslfY5ubiheyEd7P4zDL+ak6J0kGODK";
const TEMPORARY_SECRET: &str = "dinZnLXicaBAg8WY1jzIRlNQb0prFmbh7/wy5yq1";
const ALONE_SECRET: &str = "XoY1BaIMcAxYmfsB4HbQLXjjlAFbVV6q9rXxtNDF";

/// Seconds since the Unix epoch, as the provider's clock reads them.
fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What STS does with a request: the Authorization header parsed, and the signature
/// recomputed from the request as received with the secret it holds for the key ID.
/// `Ok(key ID)` when the signature matches; `Err((code, message))` as STS refuses.
fn sts_check(s: &Seen, secrets: &[(String, &str)]) -> Result<String, (&'static str, String)> {
    let refuse = |why: String| Err(("IncompleteSignature", why));
    let auth = s.header("authorization").unwrap_or_default();
    let Some(rest) = auth.strip_prefix("AWS4-HMAC-SHA256 Credential=") else {
        return refuse(format!("not a SigV4 header: {auth}"));
    };
    let parts: Vec<&str> = rest.split(", ").collect();
    let [credential, signed, signature] = parts[..] else {
        return refuse(format!("three parts expected: {auth}"));
    };
    let scope: Vec<&str> = credential.split('/').collect();
    let amz_date = s.header("x-amz-date").unwrap_or_default();
    let well_formed = scope.len() == 5
        && scope[2..] == ["us-east-1", "sts", "aws4_request"]
        && amz_date.len() == 16
        && amz_date.as_bytes()[8] == b'T'
        && amz_date.ends_with('Z')
        && scope[1] == &amz_date[..8]
        && chrono::NaiveDateTime::parse_from_str(amz_date, "%Y%m%dT%H%M%SZ")
            .is_ok_and(|t| t.and_utc().timestamp().unsigned_abs().abs_diff(now()) < 300)
        && signed == "SignedHeaders=content-type;host;x-amz-date"
        && signature.strip_prefix("Signature=").is_some_and(|h| {
            h.len() == 64
                && h.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        });
    if !well_formed {
        return refuse(format!("malformed: {auth} at {amz_date}"));
    }
    let key_id = scope[0];
    let Some((_, secret)) = secrets.iter().find(|(id, _)| id == key_id) else {
        return Err((
            "InvalidClientTokenId",
            "The security token included in the request is invalid.".into(),
        ));
    };
    let canonical = format!(
        "{}\n{}\n\ncontent-type:{}\nhost:{}\nx-amz-date:{}\n\ncontent-type;host;x-amz-date\n{}",
        s.method,
        s.path,
        s.header("content-type").unwrap_or_default(),
        s.header("host").unwrap_or_default(),
        amz_date,
        hex(digest::digest(&digest::SHA256, s.body.as_bytes()).as_ref())
    );
    let to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{}/us-east-1/sts/aws4_request\n{}",
        &amz_date[..8],
        hex(digest::digest(&digest::SHA256, canonical.as_bytes()).as_ref())
    );
    let mut key = format!("AWS4{secret}").into_bytes();
    for part in [
        &amz_date[..8],
        "us-east-1",
        "sts",
        "aws4_request",
        to_sign.as_str(),
    ] {
        key = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, &key), part.as_bytes())
            .as_ref()
            .to_vec();
    }
    if signature != format!("Signature={}", hex(&key)) {
        return Err((
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided.".into(),
        ));
    }
    Ok(key_id.to_string())
}

fn sts_error(status: u16, code: &str, message: &str) -> Reply {
    Reply::With(
        status,
        vec![("Content-Type", "text/xml".into())],
        format!(
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>\
             <Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>\
             <RequestId>0c2f5e1a-mock</RequestId></ErrorResponse>"
        ),
    )
}

/// STS on 127.0.0.1: the live key and the failing key exist; the failing one makes
/// the service answer 503.
fn sts_mock() -> Mock {
    let secrets = vec![
        (aws_key_id(LIVE_TAIL), LIVE_SECRET),
        (aws_key_id(FAILING_TAIL), THIRD_SECRET),
    ];
    Mock::new(move |s, _| {
        if s.method != "POST"
            || s.path != "/"
            || s.body != "Action=GetCallerIdentity&Version=2011-06-15"
        {
            return sts_error(400, "InvalidAction", "not GetCallerIdentity");
        }
        match sts_check(s, &secrets) {
            Ok(id) if id == aws_key_id(FAILING_TAIL) => {
                sts_error(503, "ServiceUnavailable", "try again later")
            }
            Ok(_) => Reply::With(
                200,
                vec![("Content-Type", "text/xml".into())],
                "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\
                 <GetCallerIdentityResult>\
                 <Arn>arn:aws:iam::210987654321:user/ci-deploy</Arn>\
                 <UserId>AIDAN4KHVDGAJGXBENYJQ</UserId>\
                 <Account>210987654321</Account>\
                 </GetCallerIdentityResult>\
                 <ResponseMetadata><RequestId>7d1e-mock</RequestId></ResponseMetadata>\
                 </GetCallerIdentityResponse>"
                    .into(),
            ),
            Err((code, message)) => sts_error(403, code, &message),
        }
    })
}

fn aws_pair(key_id: &str, secret: &str) -> String {
    format!("aws_access_key_id = {key_id}\naws_secret_access_key = {secret}\n")
}

#[test]
fn aws_keys_are_checked_with_a_signed_request_that_never_carries_the_secret() {
    let mock = sts_mock();
    let dir = Dir::new();
    dir.write(
        "live/credentials.ini",
        aws_pair(&aws_key_id(LIVE_TAIL), LIVE_SECRET),
    );
    // A deleted key, and a live key ID beside a secret that is not its own.
    dir.write(
        "gone/credentials.ini",
        aws_pair(&aws_key_id(GONE_TAIL), OTHER_SECRET),
    );
    dir.write(
        "wrong/credentials.ini",
        aws_pair(&aws_key_id(LIVE_TAIL), WRONG_SECRET),
    );
    dir.write(
        "failing/credentials.ini",
        aws_pair(&aws_key_id(FAILING_TAIL), THIRD_SECRET),
    );
    // A temporary key without its session token, and a secret without a key ID.
    dir.write(
        "temporary/credentials.ini",
        format!(
            "aws_access_key_id = ASIA{LIVE_TAIL}\naws_secret_access_key = {TEMPORARY_SECRET}\n"
        ),
    );
    dir.write(
        "alone/settings.py",
        format!("AWS_SECRET_ACCESS_KEY = \"{ALONE_SECRET}\"\n"),
    );
    let o = scan_with(&dir, "aws", &mock, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json_of(&o);
    let verdict = |dir: &str| -> Value {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| {
                f["path"].as_str().unwrap().starts_with(dir)
                    && f["rule_id"]
                        .as_str()
                        .unwrap()
                        .starts_with("aws-secret-access-key")
            })
            .unwrap_or_else(|| panic!("no secret-key finding under {dir}: {v}"))["verification"]
            .clone()
    };
    let live = verdict("live/");
    assert_eq!(live["status"], "verified", "{live}");
    assert_eq!(live["host"], "127.0.0.1");
    assert_eq!(live["identity"]["account"], "210987654321");
    assert_eq!(
        live["identity"]["arn"],
        "arn:aws:iam::210987654321:user/ci-deploy"
    );
    assert_eq!(live["identity"]["user_id"], "AIDAN4KHVDGAJGXBENYJQ");
    let gone = verdict("gone/");
    assert_eq!(gone["status"], "invalid", "{gone}");
    assert!(
        gone["reason"]
            .as_str()
            .unwrap()
            .contains("InvalidClientTokenId")
    );
    let wrong = verdict("wrong/");
    assert_eq!(wrong["status"], "invalid", "{wrong}");
    assert!(
        wrong["reason"]
            .as_str()
            .unwrap()
            .contains("SignatureDoesNotMatch")
    );
    let failing = verdict("failing/");
    assert_eq!(failing["status"], "unknown", "{failing}");
    assert_eq!(failing["reason"], "AWS answered 503 ServiceUnavailable");
    let temporary = verdict("temporary/");
    assert_eq!(temporary["status"], "unknown");
    assert!(
        temporary["reason"]
            .as_str()
            .unwrap()
            .contains("needs its session token"),
        "{temporary}"
    );
    let alone = verdict("alone/");
    assert_eq!(alone["status"], "unknown");
    assert!(
        alone["reason"].as_str().unwrap().starts_with("no key ID"),
        "{alone}"
    );
    // Four requests, one per key with an AKIA ID; none carries a secret, anywhere.
    let seen = mock.seen();
    assert_eq!(seen.len(), 4, "{seen:?}");
    for s in &seen {
        for secret in [LIVE_SECRET, OTHER_SECRET, THIRD_SECRET, WRONG_SECRET] {
            assert!(!s.body.contains(secret) && !s.path.contains(secret));
            assert!(s.headers.iter().all(|(_, v)| !v.contains(secret)), "{s:?}");
        }
    }
    let err = stderr(&o);
    assert!(
        err.contains("4 requests sent: 127.0.0.1 4 (--verify-provider aws)"),
        "{err}"
    );
}

// ---- Google ------------------------------------------------------------------------

/// The throwaway RSA key of `src/verify/testdata/` (no account has it).
fn fake_key_der() -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/verify/testdata/fake-rsa-2048.pk8"),
    )
    .unwrap()
}

fn fake_key_pem() -> String {
    let body = STANDARD.encode(fake_key_der());
    let lines: Vec<String> = body
        .as_bytes()
        .chunks(64)
        .map(|c| String::from_utf8(c.to_vec()).unwrap())
        .collect();
    format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
        lines.join("\n")
    )
}

/// A service-account key file as Google writes it (two-space indent, this key order).
fn key_file(email: &str, key_id: &str) -> String {
    format!(
        "{{\n  \"type\": \"service_account\",\n  \"project_id\": \"ledger-test-4821\",\n  \
         \"private_key_id\": \"{key_id}\",\n  \"private_key\": {},\n  \"client_email\": \
         \"{email}\",\n  \"client_id\": \"104729465108373521930\"\n}}\n",
        serde_json::to_string(&fake_key_pem()).unwrap()
    )
}

const LIVE_ACCOUNT: &str = "ledger-export@ledger-test-4821.iam.gserviceaccount.com";
const DELETED_ACCOUNT: &str = "old-ci@ledger-test-4821.iam.gserviceaccount.com";
const KEY_ID: &str = "5b8f0e3c27d94a61b0c4e9f21a7d3c85e6f04b19";

/// Google's token endpoint: the assertion's form, claims and signature (with the public
/// half of the fixture key) checked; the live account gets a token, others
/// `invalid_grant`. Each checked assertion's header is recorded.
fn token_mock(headers: Arc<Mutex<Vec<Value>>>) -> Mock {
    let der = fake_key_der();
    let public = RsaKeyPair::from_pkcs8(&der)
        .unwrap()
        .public_key()
        .as_ref()
        .to_vec();
    Mock::new(move |s, _| {
        let bad = |why: &str| {
            json(
                400,
                &format!(r#"{{"error":"invalid_request","error_description":"{why}"}}"#),
            )
        };
        let Some(assertion) = s.body.strip_prefix(
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=",
        ) else {
            return bad("not a jwt-bearer grant");
        };
        if s.method != "POST" || s.path != "/token" {
            return bad("wrong endpoint");
        }
        let parts: Vec<&str> = assertion.split('.').collect();
        if parts.len() != 3 {
            return bad("not a JWT");
        }
        let decode = |p: &str| -> Option<Value> {
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(p).ok()?).ok()
        };
        let (Some(header), Some(claims), Ok(signature)) = (
            decode(parts[0]),
            decode(parts[1]),
            URL_SAFE_NO_PAD.decode(parts[2]),
        ) else {
            return bad("undecodable");
        };
        let signed = format!("{}.{}", parts[0], parts[1]);
        if UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, &public)
            .verify(signed.as_bytes(), &signature)
            .is_err()
        {
            return json(
                400,
                r#"{"error":"invalid_grant","error_description":"Invalid JWT Signature."}"#,
            );
        }
        headers.lock().unwrap().push(header.clone());
        let claims_ok = header["alg"] == "RS256"
            && claims["aud"] == "https://oauth2.googleapis.com/token"
            && claims["scope"] == "https://www.googleapis.com/auth/cloud-platform.read-only"
            && claims["exp"]
                .as_u64()
                .zip(claims["iat"].as_u64())
                .is_some_and(|(e, i)| e == i + 3600 && i.abs_diff(now()) < 300);
        if !claims_ok {
            return bad("unexpected claims");
        }
        if claims["iss"] == LIVE_ACCOUNT {
            json(
                200,
                r#"{"access_token":"ya29.mock-token-never-shown","expires_in":3599,"token_type":"Bearer"}"#,
            )
        } else {
            json(
                400,
                r#"{"error":"invalid_grant","error_description":"Invalid grant: account not found"}"#,
            )
        }
    })
}

#[test]
fn google_service_account_keys_are_checked_with_a_signed_assertion() {
    let headers: Arc<Mutex<Vec<Value>>> = Arc::default();
    let mock = token_mock(Arc::clone(&headers));
    let dir = Dir::new();
    // The key file as downloaded, and another account's key file in base64 (a CI
    // variable): the same fake key under two emails.
    dir.write("deploy/sa.json", key_file(LIVE_ACCOUNT, KEY_ID));
    let encoded = STANDARD.encode(key_file(DELETED_ACCOUNT, KEY_ID));
    dir.write("ci/vars.env", format!("GOOGLE_CREDENTIALS={encoded}\n"));
    let o = scan_with(&dir, "google", &mock, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json_of(&o);
    let of_rule = |rule: &str, path: &str| -> Value {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule_id"] == rule && f["path"] == path)
            .unwrap_or_else(|| panic!("no {rule} finding in {v}"))
            .clone()
    };
    let key = of_rule("google-service-account-key", "deploy/sa.json");
    // The account's address is a value read near the key, not a finding or a key ID.
    assert!(key["key_id"].is_null(), "{key}");
    let live = &key["verification"];
    assert_eq!(live["status"], "verified", "{live}");
    assert_eq!(live["identity"]["email"], LIVE_ACCOUNT);
    assert_eq!(live["identity"]["project"], "ledger-test-4821");
    let deleted = &of_rule("google-service-account-key-base64", "ci/vars.env")["verification"];
    assert_eq!(deleted["status"], "invalid", "{deleted}");
    assert!(
        deleted["reason"]
            .as_str()
            .unwrap()
            .contains("invalid_grant"),
        "{deleted}"
    );
    // The key files' keys are the only findings: the email beside one is no secret.
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap())
        .collect();
    assert_eq!(rules.len(), 2, "{rules:?}");
    // Two requests: the key files' keys, signed, each naming its key ID (the JSON
    // file's from `private_key_id` near the key, the base64 one's from inside it).
    let seen = mock.seen();
    assert_eq!(seen.len(), 2, "{seen:?}");
    let mut kids: Vec<Option<String>> = headers
        .lock()
        .unwrap()
        .iter()
        .map(|h| h["kid"].as_str().map(str::to_string))
        .collect();
    kids.sort();
    assert_eq!(
        kids,
        vec![Some(KEY_ID.to_string()), Some(KEY_ID.to_string())]
    );
    // The key is never sent; the token obtained is never shown.
    let pem_body = STANDARD.encode(fake_key_der());
    for s in &seen {
        assert!(!s.body.contains("PRIVATE KEY") && !s.body.contains(&pem_body[20..80]));
    }
    assert!(!stdout(&o).contains("ya29") && !stderr(&o).contains("ya29"));
    let text = dir
        .cmd()
        .args(["scan", "--verify", "--verify-provider"])
        .arg(format!("google={}", mock.url))
        .arg("deploy")
        .output()
        .unwrap();
    let t = stdout(&text);
    assert!(
        t.contains(&format!(
            "verify: LIVE (email {LIVE_ACCOUNT}, project ledger-test-4821; asked 127.0.0.1)"
        )),
        "{t}"
    );
    assert!(!t.contains("ya29"));
}

#[test]
fn a_key_without_its_client_email_nearby_is_unknown_and_not_sent() {
    let headers: Arc<Mutex<Vec<Value>>> = Arc::default();
    let mock = token_mock(headers);
    let dir = Dir::new();
    // The key file with its `client_email` cut out.
    let file: String = key_file(LIVE_ACCOUNT, KEY_ID)
        .lines()
        .filter(|l| !l.contains("client_email"))
        .collect::<Vec<_>>()
        .join("\n");
    dir.write("sa.json", file);
    let o = scan_with(&dir, "google", &mock, &[]);
    let v = json_of(&o);
    let key = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "google-service-account-key")
        .unwrap_or_else(|| panic!("no key finding in {v}"));
    assert_eq!(key["verification"]["status"], "unknown");
    assert_eq!(
        key["verification"]["reason"],
        "no client_email found near the key"
    );
    assert!(mock.seen().is_empty());
}

#[test]
fn an_answer_the_verifier_does_not_read_is_unknown_with_its_reason() {
    let mock = Mock::new(|_, _| json(503, r#"{"error":"backend_error"}"#));
    let dir = Dir::new();
    dir.write("sa.json", key_file(LIVE_ACCOUNT, KEY_ID));
    let o = scan_with(&dir, "google", &mock, &[]);
    let v = json_of(&o);
    let key = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule_id"] == "google-service-account-key")
        .unwrap();
    assert_eq!(key["verification"]["status"], "unknown");
    assert_eq!(
        key["verification"]["reason"],
        "Google answered 503 backend_error"
    );
    assert_eq!(mock.seen().len(), 1);
}

#[test]
fn rules_check_refuses_unknown_verifiers_and_template_fields_beside_one() {
    // A coded verifier's base is its provider's own host.
    let rule = |verify: &str| {
        let base = if verify.contains("google-service-account") {
            "https://oauth2.googleapis.com"
        } else if verify.contains("verifier") {
            "https://sts.amazonaws.com"
        } else {
            "https://fixture.example"
        };
        format!(
            r#"
[[rules]]
id = "fixture-signed-key"
name = "Fixture signed key"
description = "A key of a fixture service."
regex = '''\b(?P<secret>fxs_[A-Za-z0-9]{{24}})\b'''
keywords = ["fxs_"]
severity = "high"
confidence = "high"
remediation = '''
Revoke the key in the fixture console and load the new one from FIXTURE_KEY.
1. Revoke it at the console.
'''
references = ["https://example.com/docs"]
examples = ["fxs_pVHHX3luTp7VYCqrIKuiFOn3", "t = fxs_Kq8Zr2Wn4Kt7Vm2Xb9Lc5Hd1"]
negative_examples = ["fxs_short"]

[rules.verify]
provider = "fixture"
base = "{base}"
{verify}
"#
        )
    };
    let d = Dir::new();
    let check = |file: &str, verify: &str| {
        d.write(file, rule(verify));
        let o = d
            .cmd()
            .args(["rules", "check", "--config", file])
            .output()
            .unwrap();
        (o.status.code(), stdout(&o))
    };
    let (code, out) = check("good.toml", "verifier = \"aws-sts\"");
    assert_eq!(code, Some(0), "{out}");
    // Values near the secret that the verifier reads need no template naming them.
    let (code, out) = check(
        "near.toml",
        "verifier = \"google-service-account\"\n[rules.verify.near]\n\
         client_email = 'email=(?P<value>[a-z0-9@.-]+)'",
    );
    assert_eq!(code, Some(0), "{out}");
    let (code, out) = check(
        "near-unread.toml",
        "verifier = \"aws-sts\"\n[rules.verify.near]\nregion = 'region=(?P<value>[a-z0-9-]+)'",
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("verify.near.region: the coded verifier \"aws-sts\" does not read it"),
        "{out}"
    );
    // Anywhere else, its signed request could be replayed.
    d.write(
        "elsewhere.toml",
        rule("verifier = \"aws-sts\"")
            .replace("sts.amazonaws.com", "sts.amazonaws.com.elsewhere.example"),
    );
    let o = d
        .cmd()
        .args(["rules", "check", "--config", "elsewhere.toml"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains(
            "verify.base \"https://sts.amazonaws.com.elsewhere.example\": the coded verifier \
             \"aws-sts\" signs a request its provider accepts for a while, so it is only sent to \
             a host under amazonaws.com or amazonaws.com.cn"
        ),
        "{}",
        stdout(&o)
    );
    let (code, out) = check("unknown.toml", "verifier = \"aws-sigv5\"");
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("verify.verifier \"aws-sigv5\" is not a coded verifier (known: aws-sts, google-service-account, azure-client-credentials)"),
        "{out}"
    );
    let (code, out) = check(
        "mixed.toml",
        "verifier = \"aws-sts\"\npath = \"/\"\nlive = [200]",
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("verify.path is a template field"), "{out}");
    assert!(out.contains("verify.live is a template field"), "{out}");
    // Without a verifier, a template needs its path and live codes.
    let (code, out) = check("bare.toml", "");
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("verify.path must start with /"), "{out}");
}

/// An old key ID in a comment between a live pair: the nearest key ID is the wrong one,
/// and STS refuses it. That refusal is about the key ID, not the secret: `unknown`,
/// naming both candidates, never `invalid` (which would let `--only-verified` pass a
/// live key). A file with one pair still gets `invalid`.
#[test]
fn a_refusal_with_one_of_several_key_ids_is_unknown() {
    let mock = sts_mock();
    let dir = Dir::new();
    dir.write(
        "deploy.env",
        format!(
            "AWS_ACCESS_KEY_ID={}\n# rotated 2024-03: was {}\nAWS_SECRET_ACCESS_KEY={LIVE_SECRET}\n",
            aws_key_id(LIVE_TAIL),
            aws_key_id(GONE_TAIL)
        ),
    );
    let o = scan_with(&dir, "aws", &mock, &["--only-verified"]);
    let v = json_of(&o);
    // Not verified with the wrong key ID, and not passed as invalid either: the
    // scan reports it as unknown only when asked for unknowns.
    assert!(v["findings"].as_array().unwrap().is_empty(), "{v}");
    let o = scan_with(&dir, "aws", &mock, &["--results", "unknown"]);
    let v = json_of(&o);
    let ver = &v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["rule_id"]
                .as_str()
                .unwrap()
                .starts_with("aws-secret-access-key")
        })
        .expect("the secret")["verification"];
    assert_eq!(ver["status"], "unknown", "{ver}");
    let reason = ver["reason"].as_str().unwrap();
    assert!(reason.contains("the request used a guess"), "{reason}");
    assert!(reason.contains(&aws_key_id(LIVE_TAIL)), "{reason}");
}

/// A signed STS request or Google assertion is accepted for a while by its provider,
/// so another host given one could replay it: a mapping of aws or google, by flag or
/// --config file, must be the provider's own domain or a loopback host (a mock), and
/// is refused before anything is scanned.
#[test]
fn signed_requests_are_only_mapped_to_their_providers_domain_or_a_loopback_host() {
    let mock = sts_mock();
    let dir = Dir::new();
    dir.write(
        "credentials.ini",
        aws_pair(&aws_key_id(LIVE_TAIL), LIVE_SECRET),
    );
    let user = Dir::new();
    for (what, args) in [
        (
            "aws=https://sts.elsewhere.example",
            vec!["--verify-provider", "aws=https://sts.elsewhere.example"],
        ),
        (
            "aws=https://sts.amazonaws.com.elsewhere.example",
            vec![
                "--verify-provider",
                "aws=https://sts.amazonaws.com.elsewhere.example",
            ],
        ),
        (
            "google=https://oauth2.elsewhere.example",
            vec![
                "--verify-provider",
                "google=https://oauth2.elsewhere.example/token",
            ],
        ),
    ] {
        let o = dir
            .cmd()
            .args(["scan", "--format", "json", "--verify"])
            .args(&args)
            .arg(".")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{what}: {}", stderr(&o));
        assert!(stdout(&o).is_empty(), "{what}: nothing is scanned");
        assert!(
            stderr(&o).contains("signs a request that")
                && stderr(&o).contains("is only sent to a host under"),
            "{what}: {}",
            stderr(&o)
        );
    }
    // The same from a --config file outside the scanned tree.
    let cfg = user.write(
        "corp.toml",
        "[verify]\nenabled = true\n[verify.providers]\naws = \"https://sts.elsewhere.example\"\n",
    );
    let o = dir
        .cmd()
        .args(["scan", "--config"])
        .arg(&cfg)
        .arg(".")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "corp.toml: verify.providers.aws: sts.elsewhere.example: the aws-sts verifier signs \
             a request that aws accepts for a while, which another host could replay: it is only \
             sent to a host under amazonaws.com or amazonaws.com.cn (or a loopback host)"
        ),
        "{}",
        stderr(&o)
    );
    // The provider's own regions are accepted (checked on an empty directory, so
    // nothing is sent), and a loopback mock is used.
    let empty = Dir::new();
    for mapping in [
        "aws=https://sts.us-east-2.amazonaws.com",
        "aws=https://sts.cn-north-1.amazonaws.com.cn",
        "google=https://oauth2.googleapis.com",
    ] {
        let o = empty
            .cmd()
            .args(["scan", "--verify", "--verify-provider", mapping, "."])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{mapping}: {}", stderr(&o));
    }
    let o = scan_with(&dir, "aws", &mock, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(mock.seen().len(), 1);
}
