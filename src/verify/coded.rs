//! Verifiers written in code, named by a rule's `verify.verifier` (the names
//! `rules::verify_check::CODED_VERIFIERS` accepts): protocols where the
//! secret signs the request instead of travelling in it, which a template cannot say.
//!
//! - `aws-sts`: STS `GetCallerIdentity`, signed with Signature Version 4 (the secret
//!   access key and its `AKIA` key ID); answers the account, ARN and user ID.
//! - `google-service-account`: an RS256 JWT-bearer assertion signed with the
//!   service account's private key, exchanged at the OAuth token endpoint for an access
//!   token, which is dropped unread. A key taken from a JSON key file gets the account's
//!   `client_email` (and its `private_key_id` and `project_id`) from the rule's
//!   `verify.near` values (the labels `rules::verify_check::coded_near_labels` names).
//!
//! - `azure-client-credentials`: the OAuth client-credentials grant of Microsoft Entra
//!   ID with the client secret, the app's client ID and its tenant (both `verify.near`
//!   values); the access token is dropped unread, and the answer's `AADSTS` error code
//!   tells a wrong secret from a wrong tenant or app (which the values found near the
//!   secret may be).
//!
//! Each builds its request from the secret, the key ID, the values found near the
//! secret and the time it is given (so
//! tests are deterministic), sends it through [`exchange`] like every verifier (same
//! agent, pacing, retries, no redirects), and reads the answer itself.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;
use ureq::Agent;

use super::request::{Answer, Base, Outgoing, Reply, exchange, is_loopback, one_line};
use super::template::Values;
use super::{jwt, sigv4};
use crate::finding::{Verification, VerifyStatus};
use crate::rules::VerifySpec;
use crate::rules::verify_check::{CODED_VERIFIERS, coded_domains, coded_host_allowed};

/// The STS request: the one call every key may make, which changes nothing.
const STS_BODY: &str = "Action=GetCallerIdentity&Version=2011-06-15";
/// `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`, form-encoded.
const JWT_BEARER: &str = "urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer";
/// A read-only scope: the token asked for could not change anything.
const GOOGLE_SCOPE: &str = "https://www.googleapis.com/auth/cloud-platform.read-only";

/// A request built by a coded verifier, and how its answer is read.
pub(crate) struct Prepared {
    pub out: Outgoing<'static>,
    reader: Reader,
}

enum Reader {
    AwsSts,
    /// The identity is the tenant and app the request named.
    Azure(Vec<(String, String)>),
    /// The identity is what the key file says (the answer is only a token).
    Google(Vec<(String, String)>),
}

/// Sends the request of the coded verifier `name` for `values`, signed at `now`.
pub(crate) fn send(
    agent: &Agent,
    name: &str,
    spec: &VerifySpec,
    base: &Base,
    values: &Values<'_>,
    now: SystemTime,
) -> Answer {
    let prepared = match prepare(name, spec, base, values, now) {
        Ok(p) => p,
        Err(reason) => return Answer::NotSent(Verification::unknown(reason)),
    };
    match exchange(agent, base, &prepared.out) {
        Ok(reply) => Answer::Done(prepared.read(base, &reply)),
        Err(answer) => answer,
    }
}

/// Builds the request, or says why none can be sent (nothing is).
pub(crate) fn prepare(
    name: &str,
    spec: &VerifySpec,
    base: &Base,
    values: &Values<'_>,
    now: SystemTime,
) -> Result<Prepared, String> {
    let seconds = now
        .duration_since(UNIX_EPOCH)
        .map_err(|_| "the clock is before 1970".to_string())?
        .as_secs();
    // Checked with the mappings before the scan too: a signed request is replayable, so
    // it never goes anywhere but the provider's own domain or a loopback mock.
    if CODED_VERIFIERS.contains(&name)
        && !is_loopback(&base.host)
        && !coded_host_allowed(name, &base.host)
    {
        return Err(format!(
            "{} is not under {}: a signed request is not sent there",
            base.host,
            coded_domains(name).join(" or ")
        ));
    }
    match name {
        "aws-sts" => aws_sts(base, values, seconds),
        "google-service-account" => google(spec, base, values, seconds),
        "azure-client-credentials" => azure(base, values),
        other => Err(format!("no coded verifier is named {other:?}")),
    }
}

impl Prepared {
    /// The verdict on a reply.
    pub(crate) fn read(&self, base: &Base, reply: &Reply) -> Verification {
        let mut v = match &self.reader {
            Reader::AwsSts => read_sts(reply),
            Reader::Google(identity) => read_google(reply, identity),
            Reader::Azure(identity) => read_azure(reply, identity),
        };
        v.host = Some(base.host.clone());
        v
    }
}

fn aws_sts(base: &Base, values: &Values<'_>, seconds: u64) -> Result<Prepared, String> {
    let key_id = values
        .key_id
        .ok_or("no key ID (AKIA…) found beside the secret")?;
    if key_id.starts_with("ASIA") {
        return Err("a temporary key (ASIA…) needs its session token, which is not sent".into());
    }
    let key_alphabet = |b: u8| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b);
    if !(key_id.len() == 20 && key_id.starts_with("AKIA") && key_id.bytes().all(key_alphabet)) {
        return Err("the key ID beside the secret is not an AKIA access key ID".into());
    }
    let secret = values.secret;
    if !(secret.len() == 40
        && secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+'))
    {
        return Err("the secret is not a 40-character secret access key".into());
    }
    let amz_date = i64::try_from(seconds)
        .ok()
        .and_then(sigv4::amz_date)
        .ok_or("the clock is out of range")?;
    let path = format!("{}/", base.prefix);
    let content_type = "application/x-www-form-urlencoded; charset=utf-8";
    let signed_headers = [
        ("Content-Type", content_type),
        ("Host", base.authority.as_str()),
        ("X-Amz-Date", amz_date.as_str()),
    ];
    let authorization = sigv4::authorization(
        &sigv4::Signer {
            key_id,
            secret,
            region: "us-east-1",
            service: "sts",
            amz_date: &amz_date,
        },
        &sigv4::Signed {
            method: "POST",
            path: &path,
            headers: &signed_headers,
            body: STS_BODY.as_bytes(),
        },
    );
    let mut headers: Vec<(String, String)> = signed_headers
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    headers.push(("Authorization".into(), authorization));
    Ok(Prepared {
        out: Outgoing {
            method: "POST",
            url: base.url("/"),
            headers,
            body: Some(STS_BODY.to_string()),
        },
        reader: Reader::AwsSts,
    })
}

fn read_sts(reply: &Reply) -> Verification {
    let text = &reply.text;
    let status = reply.status;
    if status == 200 {
        let Some(arn) = xml_text(text, "Arn") else {
            return Verification::unknown("AWS answered 200 without a caller identity");
        };
        let mut identity = Vec::new();
        for (label, value) in [
            ("account", xml_text(text, "Account")),
            ("arn", Some(arn)),
            ("user_id", xml_text(text, "UserId")),
        ] {
            if let Some(value) = value.filter(|v| !v.is_empty()) {
                identity.push((label.to_string(), value));
            }
        }
        return Verification {
            status: VerifyStatus::Verified,
            reason: None,
            identity,
            host: None,
            mapping: None,
            baselined: false,
        };
    }
    let code = xml_text(text, "Code").unwrap_or_default();
    let message = xml_text(text, "Message").unwrap_or_default();
    let clock = message.contains("expired") || message.contains("not yet current");
    match code.as_str() {
        "InvalidClientTokenId" if (400..500).contains(&status) => {
            invalid(format!("AWS answered {status} {code}: no such access key"))
        }
        "SignatureDoesNotMatch" if (400..500).contains(&status) && !clock => invalid(format!(
            "AWS answered {status} {code}: the secret is not this access key's"
        )),
        "" => Verification::unknown(format!("AWS answered {status}")),
        _ if clock => Verification::unknown(format!(
            "AWS answered {status} {code} ({message}): is this machine's clock right?"
        )),
        _ => Verification::unknown(format!("AWS answered {status} {code}")),
    }
}

fn google(
    spec: &VerifySpec,
    base: &Base,
    values: &Values<'_>,
    seconds: u64,
) -> Result<Prepared, String> {
    let account = ServiceAccount::read(values.secret, values.near)?;
    let key = jwt::rsa_key(&account.pkcs8)?;
    // The audience is the provider's own endpoint, whatever base it is sent to.
    let aud = format!("{}/token", spec.base.trim_end_matches('/'));
    let assertion = jwt::rs256(
        &key,
        account.key_id.as_deref(),
        &jwt::Claims {
            iss: &account.email,
            scope: GOOGLE_SCOPE,
            aud: &aud,
            iat: seconds,
        },
    )?;
    let mut identity = vec![("email".to_string(), account.email.clone())];
    if let Some(project) = account.project {
        identity.push(("project".to_string(), project));
    }
    Ok(Prepared {
        out: Outgoing {
            method: "POST",
            url: base.url("/token"),
            headers: vec![(
                "Content-Type".into(),
                "application/x-www-form-urlencoded".into(),
            )],
            body: Some(format!("grant_type={JWT_BEARER}&assertion={assertion}")),
        },
        reader: Reader::Google(identity),
    })
}

fn read_google(reply: &Reply, identity: &[(String, String)]) -> Verification {
    let json: Option<Value> = serde_json::from_str(&reply.text).ok();
    let field = |name: &str| {
        json.as_ref()
            .and_then(|j| j.get(name))
            .and_then(Value::as_str)
            .map(one_line)
    };
    let status = reply.status;
    if status == 200 {
        // The token itself is never kept, shown or used.
        if field("access_token").is_some_and(|t| !t.trim().is_empty()) {
            return Verification {
                status: VerifyStatus::Verified,
                reason: None,
                identity: identity.to_vec(),
                host: None,
                mapping: None,
                baselined: false,
            };
        }
        return Verification::unknown("Google answered 200 without an access token");
    }
    let error = field("error").unwrap_or_default();
    let description = field("error_description").unwrap_or_default();
    let clock = ["iat", "exp", "timeframe"]
        .iter()
        .any(|w| description.contains(w));
    match error.as_str() {
        "invalid_grant" if !clock => invalid(format!(
            "Google answered {status} invalid_grant ({description}): the key is deleted, \
             disabled or not this account's"
        )),
        "invalid_grant" => Verification::unknown(format!(
            "Google answered {status} invalid_grant ({description}): is this machine's clock \
             right?"
        )),
        "" => Verification::unknown(format!("Google answered {status}")),
        _ => Verification::unknown(format!("Google answered {status} {error}")),
    }
}

/// The Microsoft Graph scope of an app-only token: asked for, never used.
const GRAPH_DEFAULT_SCOPE: &str = "https%3A%2F%2Fgraph.microsoft.com%2F.default";

/// A GUID, as Entra ID names tenants and apps (`rules check` keeps the near regexes of
/// the rule to that shape too; checked again so that no value can add a path).
fn is_guid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
        && parts
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn azure(base: &Base, values: &Values<'_>) -> Result<Prepared, String> {
    let near = |label: &str| {
        values
            .near
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.to_ascii_lowercase())
            .ok_or_else(|| format!("no {label} found near the secret"))
    };
    let (tenant, client) = (near("tenant")?, near("client_id")?);
    if !is_guid(&tenant) || !is_guid(&client) {
        return Err("the tenant or client ID found near the secret is not a GUID".into());
    }
    let mut secret = String::new();
    super::template::percent_encode(values.secret, &mut secret);
    Ok(Prepared {
        out: Outgoing {
            method: "POST",
            url: base.url(&format!("/{tenant}/oauth2/v2.0/token")),
            headers: vec![(
                "Content-Type".into(),
                "application/x-www-form-urlencoded".into(),
            )],
            body: Some(format!(
                "grant_type=client_credentials&client_id={client}&client_secret={secret}\
                 &scope={GRAPH_DEFAULT_SCOPE}"
            )),
        },
        reader: Reader::Azure(vec![("tenant".into(), tenant), ("app".into(), client)]),
    })
}

/// Entra ID's answer: a token means live; the `AADSTS` code of an error says whether
/// the secret itself was refused (invalid) or the tenant or app it was tried with is
/// not there (unknown: those are values found near the secret, which may be others').
fn read_azure(reply: &Reply, identity: &[(String, String)]) -> Verification {
    let json: Option<Value> = serde_json::from_str(&reply.text).ok();
    let status = reply.status;
    if status == 200 {
        let token = json
            .as_ref()
            .and_then(|j| j.get("access_token"))
            .and_then(Value::as_str);
        // The token itself is never kept, shown or used.
        if token.is_some_and(|t| !t.trim().is_empty()) {
            return Verification {
                status: VerifyStatus::Verified,
                reason: None,
                identity: identity.to_vec(),
                host: None,
                mapping: None,
                baselined: false,
            };
        }
        return Verification::unknown("Entra ID answered 200 without an access token");
    }
    let codes: Vec<u64> = json
        .as_ref()
        .and_then(|j| j.get("error_codes"))
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default();
    // The description starts `AADSTS7000215: …` when the list is missing.
    let described = || {
        let d = json.as_ref()?.get("error_description")?.as_str()?;
        let digits: String = d
            .strip_prefix("AADSTS")?
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse::<u64>().ok()
    };
    let code = codes.first().copied().or_else(described);
    match code {
        // The secret is wrong for this app, or it has expired.
        Some(7_000_215) => invalid(format!(
            "Entra ID answered {status} AADSTS7000215: the secret is not one of this app's"
        )),
        Some(7_000_222) => invalid(format!(
            "Entra ID answered {status} AADSTS7000222: the secret has expired"
        )),
        Some(700_016) => Verification::unknown(format!(
            "Entra ID answered {status} AADSTS700016: no app with the client ID found near \
             the secret in that tenant"
        )),
        Some(90_002) => Verification::unknown(format!(
            "Entra ID answered {status} AADSTS90002: the tenant found near the secret does \
             not exist"
        )),
        Some(c) => Verification::unknown(format!("Entra ID answered {status} AADSTS{c}")),
        None => Verification::unknown(format!("Entra ID answered {status}")),
    }
}

fn invalid(reason: String) -> Verification {
    Verification {
        status: VerifyStatus::Invalid,
        reason: Some(reason),
        identity: Vec::new(),
        host: None,
        mapping: None,
        baselined: false,
    }
}

/// What a service-account key needs to sign: its key (PKCS#8), the account's email,
/// and the key ID and project when known.
struct ServiceAccount {
    pkcs8: Vec<u8>,
    email: String,
    key_id: Option<String>,
    project: Option<String>,
}

impl ServiceAccount {
    /// From a secret that is the PEM of a key file's `private_key` (as written in the
    /// JSON, `\n` escapes and all), with the `client_email`, `private_key_id` and
    /// `project_id` found near it (`verify.near`); or from a whole key file in base64.
    fn read(secret: &str, near: &[(String, String)]) -> Result<ServiceAccount, String> {
        let near_value = |label: &str| {
            near.iter()
                .find(|(l, _)| l == label)
                .map(|(_, v)| v.as_str())
        };
        if secret.starts_with("-----BEGIN") {
            let email = near_value("client_email").ok_or("no client_email found near the key")?;
            return Ok(ServiceAccount {
                pkcs8: pem_pkcs8(&json_unescape(secret))?,
                email: account_email(email)?,
                key_id: near_value("private_key_id").map(str::to_string),
                project: near_value("project_id")
                    .map(str::to_string)
                    .or_else(|| project_of(email)),
            });
        }
        let file = STANDARD
            .decode(secret.trim())
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
            .ok_or("the secret is not a key file in base64")?;
        let text = |name: &str| file.get(name).and_then(Value::as_str);
        let email = account_email(text("client_email").ok_or("the key file has no client_email")?)?;
        let key = text("private_key").ok_or("the key file has no private_key")?;
        let safe = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        };
        Ok(ServiceAccount {
            pkcs8: pem_pkcs8(key)?,
            key_id: text("private_key_id")
                .filter(|s| safe(s))
                .map(str::to_string),
            project: text("project_id")
                .filter(|s| safe(s))
                .map(str::to_string)
                .or_else(|| project_of(&email)),
            email,
        })
    }
}

/// A service account's email as the key file gives it, checked to be an address.
fn account_email(email: &str) -> Result<String, String> {
    let ok = email.split_once('@').is_some_and(|(user, domain)| {
        !user.is_empty()
            && domain.contains('.')
            && email
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'@' | b'.' | b'-' | b'_'))
    });
    if ok {
        Ok(email.to_string())
    } else {
        Err("the client_email is not an email address".into())
    }
}

/// The project of `NAME@PROJECT.iam.gserviceaccount.com`.
fn project_of(email: &str) -> Option<String> {
    let domain = email.split_once('@')?.1;
    domain
        .strip_suffix(".iam.gserviceaccount.com")
        .filter(|p| !p.is_empty())
        .map(str::to_string)
}

/// A key as a JSON string holds it: `\n`, `\/` and the other escapes read.
fn json_unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    serde_json::from_str::<String>(&format!("\"{s}\"")).unwrap_or_else(|_| s.replace("\\n", "\n"))
}

/// The DER inside a `-----BEGIN PRIVATE KEY-----` block.
fn pem_pkcs8(pem: &str) -> Result<Vec<u8>, String> {
    const BEGIN: &str = "-----BEGIN PRIVATE KEY-----";
    const END: &str = "-----END PRIVATE KEY-----";
    let start = pem
        .find(BEGIN)
        .ok_or("no PKCS#8 private key (BEGIN PRIVATE KEY)")?
        + BEGIN.len();
    let end = start
        + pem[start..]
            .find(END)
            .ok_or("the private key has no END line")?;
    let body: String = pem[start..end]
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    STANDARD
        .decode(body)
        .map_err(|_| "the private key is not valid base64".to_string())
}

/// The text of the first `<tag>…</tag>` in an XML answer, entities read, on one line.
fn xml_text(xml: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = xml.find(&open)? + open.len();
    let end = start + xml[start..].find(&close)?;
    let raw = xml[start..end].trim();
    let text = raw
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    Some(one_line(&text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds)
    }

    fn spec(provider: &str, base: &str, verifier: &str) -> VerifySpec {
        VerifySpec {
            provider: provider.into(),
            base: base.into(),
            verifier: Some(verifier.into()),
            ..VerifySpec::default()
        }
    }

    fn reply(status: u16, text: &str) -> Reply {
        Reply {
            status,
            headers: Default::default(),
            text: text.to_string(),
        }
    }

    // AWS's documented example key pair: the right shape, no account.
    const EXAMPLE_KEY_ID: &str = "AKIAIOSFODNN7EXAMPLE";
    const EXAMPLE_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    #[test]
    fn every_name_rule_checks_accept_has_a_verifier() {
        let base = Base::parse("https://example.com").unwrap();
        let values = Values {
            secret: "x",
            key_id: None,
            secret_path: None,
            near: &[],
        };
        for name in crate::rules::verify_check::CODED_VERIFIERS {
            let s = spec("p", "https://example.com", name);
            let why = prepare(name, &s, &base, &values, at(1_700_000_000))
                .err()
                .unwrap();
            assert!(!why.starts_with("no coded verifier"), "{name}: {why}");
            // Each has its provider's domains, and sends nowhere else.
            assert!(!coded_domains(name).is_empty(), "{name}");
            assert_eq!(
                why,
                format!(
                    "example.com is not under {}: a signed request is not sent there",
                    coded_domains(name).join(" or ")
                )
            );
        }
        let s = spec("p", "https://example.com", "aws-sigv5");
        let why = prepare("aws-sigv5", &s, &base, &values, at(1))
            .err()
            .unwrap();
        assert_eq!(why, "no coded verifier is named \"aws-sigv5\"");
    }

    #[test]
    fn the_sts_request_is_signed_for_us_east_1_and_carries_no_secret() {
        let base = Base::parse("https://sts.amazonaws.com").unwrap();
        let values = Values {
            secret: EXAMPLE_SECRET,
            key_id: Some(EXAMPLE_KEY_ID),
            secret_path: None,
            near: &[],
        };
        let s = spec("aws", "https://sts.amazonaws.com", "aws-sts");
        let p = prepare("aws-sts", &s, &base, &values, at(1_440_938_160)).unwrap();
        assert_eq!(p.out.method, "POST");
        assert_eq!(p.out.url, "https://sts.amazonaws.com/");
        assert_eq!(p.out.body.as_deref(), Some(STS_BODY));
        let header = |name: &str| {
            p.out
                .headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(header("X-Amz-Date"), Some("20150830T123600Z"));
        assert_eq!(header("Host"), Some("sts.amazonaws.com"));
        // The signature the signer computes for exactly these inputs.
        let expected = sigv4::authorization(
            &sigv4::Signer {
                key_id: EXAMPLE_KEY_ID,
                secret: EXAMPLE_SECRET,
                region: "us-east-1",
                service: "sts",
                amz_date: "20150830T123600Z",
            },
            &sigv4::Signed {
                method: "POST",
                path: "/",
                headers: &[
                    (
                        "Content-Type",
                        "application/x-www-form-urlencoded; charset=utf-8",
                    ),
                    ("Host", "sts.amazonaws.com"),
                    ("X-Amz-Date", "20150830T123600Z"),
                ],
                body: STS_BODY.as_bytes(),
            },
        );
        let auth = header("Authorization").unwrap();
        assert_eq!(auth, expected);
        assert!(auth.starts_with(
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20150830/us-east-1/sts/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date, Signature="
        ));
        for (_, v) in &p.out.headers {
            assert!(!v.contains(EXAMPLE_SECRET));
        }
        // Another second, another signature.
        let later = prepare("aws-sts", &s, &base, &values, at(1_440_938_161)).unwrap();
        assert_ne!(later.out.headers, p.out.headers);
    }

    #[test]
    fn keys_that_cannot_be_checked_are_not_sent() {
        let base = Base::parse("https://sts.amazonaws.com").unwrap();
        let s = spec("aws", "https://sts.amazonaws.com", "aws-sts");
        let why = |key_id: Option<&str>, secret: &str| {
            let values = Values {
                secret,
                key_id,
                secret_path: None,
                near: &[],
            };
            prepare("aws-sts", &s, &base, &values, at(1_700_000_000))
                .err()
                .unwrap()
        };
        assert!(why(None, EXAMPLE_SECRET).starts_with("no key ID"));
        assert!(
            why(Some("ASIAIOSFODNN7EXAMPLE"), EXAMPLE_SECRET).contains("needs its session token")
        );
        assert!(why(Some("AKIA0000"), EXAMPLE_SECRET).contains("not an AKIA access key ID"));
        assert!(why(Some(EXAMPLE_KEY_ID), "short").contains("40-character"));
    }

    #[test]
    fn sts_answers_are_read() {
        let ok = reply(
            200,
            "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\
             <GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/ci-deploy</Arn>\
             <UserId>AIDAQ3EGRXZJ5EXAMPLE</UserId><Account>111122223333</Account>\
             </GetCallerIdentityResult></GetCallerIdentityResponse>",
        );
        let v = read_sts(&ok);
        assert_eq!(v.status, VerifyStatus::Verified);
        assert_eq!(
            v.identity,
            vec![
                ("account".to_string(), "111122223333".to_string()),
                (
                    "arn".to_string(),
                    "arn:aws:iam::111122223333:user/ci-deploy".to_string()
                ),
                ("user_id".to_string(), "AIDAQ3EGRXZJ5EXAMPLE".to_string()),
            ]
        );
        let error = |code: &str, message: &str| {
            reply(
                403,
                &format!(
                    "<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code>\
                     <Message>{message}</Message></Error></ErrorResponse>"
                ),
            )
        };
        let v = read_sts(&error(
            "InvalidClientTokenId",
            "The security token is invalid.",
        ));
        assert_eq!(v.status, VerifyStatus::Invalid);
        let v = read_sts(&error(
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match.",
        ));
        assert_eq!(v.status, VerifyStatus::Invalid);
        let v = read_sts(&error(
            "SignatureDoesNotMatch",
            "Signature expired: 20150830T123600Z is now earlier than 20150830T124100Z",
        ));
        assert_eq!(v.status, VerifyStatus::Unknown);
        assert!(v.reason.unwrap().contains("clock"));
        let v = read_sts(&reply(
            503,
            "<Error><Code>ServiceUnavailable</Code></Error>",
        ));
        assert_eq!(
            (v.status, v.reason.as_deref()),
            (
                VerifyStatus::Unknown,
                Some("AWS answered 503 ServiceUnavailable")
            )
        );
        let v = read_sts(&reply(200, "not xml"));
        assert_eq!(v.status, VerifyStatus::Unknown);
    }

    #[test]
    fn google_answers_are_read_and_the_token_is_not_kept() {
        let identity = vec![(
            "email".to_string(),
            "a@p.iam.gserviceaccount.com".to_string(),
        )];
        let v = read_google(
            &reply(
                200,
                r#"{"access_token":"ya29.fixture-token","expires_in":3599}"#,
            ),
            &identity,
        );
        assert_eq!(v.status, VerifyStatus::Verified);
        assert_eq!(v.identity, identity);
        assert!(!format!("{v:?}").contains("ya29"));
        let v = read_google(
            &reply(
                400,
                r#"{"error":"invalid_grant","error_description":"Invalid JWT Signature."}"#,
            ),
            &identity,
        );
        assert_eq!(v.status, VerifyStatus::Invalid);
        assert!(v.identity.is_empty());
        let v = read_google(
            &reply(
                400,
                r#"{"error":"invalid_grant","error_description":"Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values"}"#,
            ),
            &identity,
        );
        assert_eq!(v.status, VerifyStatus::Unknown);
        let v = read_google(&reply(500, "oops"), &identity);
        assert_eq!(v.reason.as_deref(), Some("Google answered 500"));
        let v = read_google(&reply(200, "{}"), &identity);
        assert_eq!(v.status, VerifyStatus::Unknown);
    }

    #[test]
    fn a_key_file_gives_its_key_email_key_id_and_project() {
        let der = include_bytes!("testdata/fake-rsa-2048.pk8");
        let body = STANDARD.encode(der);
        let lines: Vec<&str> = body
            .as_bytes()
            .chunks(64)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect();
        let pem = format!(
            "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
            lines.join("\n")
        );
        // As written inside the JSON: `\n` escapes.
        let escaped = pem.replace('\n', "\\n");
        let near = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(l, v)| (l.to_string(), v.to_string()))
                .collect()
        };
        let from_json = ServiceAccount::read(
            escaped.trim_end_matches("\\n"),
            &near(&[(
                "client_email",
                "example@leakhound-example.iam.gserviceaccount.com",
            )]),
        )
        .unwrap();
        assert_eq!(from_json.pkcs8, der);
        assert_eq!(from_json.key_id, None);
        assert_eq!(from_json.project.as_deref(), Some("leakhound-example"));
        let with_all = ServiceAccount::read(
            &escaped,
            &near(&[
                ("client_email", "ci@other-name.iam.gserviceaccount.com"),
                ("private_key_id", "3f9a0c1e"),
                ("project_id", "leakhound-example"),
            ]),
        )
        .unwrap();
        assert_eq!(with_all.key_id.as_deref(), Some("3f9a0c1e"));
        assert_eq!(with_all.project.as_deref(), Some("leakhound-example"));
        assert_eq!(
            ServiceAccount::read(&escaped, &[]).err().as_deref(),
            Some("no client_email found near the key")
        );
        let file = serde_json::json!({
            "type": "service_account",
            "project_id": "leakhound-example",
            "private_key_id": "3f9a0c1e",
            "private_key": pem,
            "client_email": "example@leakhound-example.iam.gserviceaccount.com",
        });
        let from_base64 = ServiceAccount::read(&STANDARD.encode(file.to_string()), &[]).unwrap();
        assert_eq!(from_base64.pkcs8, der);
        assert_eq!(from_base64.key_id.as_deref(), Some("3f9a0c1e"));
        assert_eq!(
            from_base64.email,
            "example@leakhound-example.iam.gserviceaccount.com"
        );
        // The request: a form with the assertion, to the token endpoint.
        let base = Base::parse("https://oauth2.googleapis.com").unwrap();
        let s = spec(
            "google",
            "https://oauth2.googleapis.com",
            "google-service-account",
        );
        let values = Values {
            secret: &STANDARD.encode(file.to_string()),
            key_id: None,
            secret_path: None,
            near: &[],
        };
        let p = prepare(
            "google-service-account",
            &s,
            &base,
            &values,
            at(1_764_940_000),
        )
        .unwrap();
        assert_eq!(p.out.url, "https://oauth2.googleapis.com/token");
        let body = p.out.body.unwrap();
        let assertion = body
            .strip_prefix(
                "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=",
            )
            .unwrap();
        assert_eq!(assertion.split('.').count(), 3);
        assert!(!body.contains("PRIVATE KEY"));
    }

    #[test]
    fn xml_text_reads_entities_on_one_line() {
        assert_eq!(
            xml_text("<a><Arn> x&amp;y\n</Arn></a>", "Arn").as_deref(),
            Some("x&y")
        );
        assert_eq!(xml_text("<Arn>x", "Arn"), None);
    }
}
