//! One verification (or, for `leakhound revoke`, revocation) request: where it may go
//! (the provider's fixed host, or the base URL the user mapped it to), what it sends,
//! and how the answer is read.

use std::io::Read;
use std::time::Duration;

use serde_json::Value;
use ureq::Agent;

use super::template::{Escape, Unfilled, Values, fill};
use crate::finding::{Verification, VerifyStatus};
use crate::rules::VerifySpec;

/// The most of an answer's body that is read (identity fields sit near its start).
const MAX_BODY: u64 = 256 * 1024;

/// Where a provider's requests go: scheme, authority and an optional path prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Base {
    pub scheme: &'static str,
    /// `host` or `host:port`, lower-case.
    pub authority: String,
    /// The host alone, for the per-host rate limit and for reports.
    pub host: String,
    /// No trailing `/`.
    pub prefix: String,
}

impl Base {
    /// Reads a base URL: `https://host[:port][/prefix]`; `http://` only for a loopback
    /// host (a local mock or tunnel the user set up), never with user information, a
    /// query or a fragment.
    pub(crate) fn parse(url: &str) -> Result<Base, String> {
        // Messages show the URL without its user information, query or fragment: a
        // token pasted into a mapping must not reach a CI log.
        let shown = shown_url(url);
        let (scheme, rest) = if let Some(r) = url.strip_prefix("https://") {
            ("https", r)
        } else if let Some(r) = url.strip_prefix("http://") {
            ("http", r)
        } else {
            return Err(format!("{shown}: a base URL must start with https://"));
        };
        let (authority, prefix) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if authority.is_empty()
            || authority.contains(['@', '?', '#', ' ', '\\'])
            || prefix.contains(['?', '#', ' ', '\\'])
            || authority.chars().any(|c| c.is_control())
            || prefix.chars().any(|c| c.is_control())
        {
            return Err(format!(
                "{shown}: a base URL is a scheme, a host and a path (no user, query or fragment)"
            ));
        }
        let authority = authority.to_ascii_lowercase();
        let (host, port) = match authority.strip_prefix('[') {
            Some(v6) => match v6.split_once(']') {
                Some((h, rest))
                    if h.parse::<std::net::Ipv6Addr>().is_ok()
                        && (rest.is_empty() || rest.starts_with(':')) =>
                {
                    (h.to_string(), rest.strip_prefix(':').map(str::to_string))
                }
                _ => return Err(format!("{shown}: not a valid IPv6 address in brackets")),
            },
            None => match authority.split_once(':') {
                Some((h, p)) => (h.to_string(), Some(p.to_string())),
                None => (authority.clone(), None),
            },
        };
        if host.is_empty()
            || !host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'))
        {
            return Err(format!("{shown}: no valid host"));
        }
        if let Some(p) = port
            && !(p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok_and(|n| n > 0))
        {
            return Err(format!(
                "{shown}: the port must be a number from 1 to 65535"
            ));
        }
        if scheme == "http" && !is_loopback(&host) {
            return Err(format!(
                "{shown}: secrets are only sent over TLS (https://); plain http:// is allowed for \
                 a loopback host only"
            ));
        }
        Ok(Base {
            scheme,
            authority,
            host,
            prefix: prefix.trim_end_matches('/').to_string(),
        })
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!(
            "{}://{}{}{}",
            self.scheme, self.authority, self.prefix, path
        )
    }
}

/// A URL as messages show it: its scheme, host and path, without user information,
/// query or fragment (where a pasted token would sit); a value that does not start
/// with `http://` or `https://` is not shown at all (it may be a token given in place
/// of a URL).
pub(crate) fn shown_url(url: &str) -> String {
    let Some((scheme, rest)) = url
        .split_once("://")
        .filter(|(scheme, _)| matches!(*scheme, "http" | "https"))
    else {
        return "the URL given".to_string();
    };
    let rest = &rest[..rest.find(['?', '#']).unwrap_or(rest.len())];
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    format!("{scheme}://{host}{path}")
}

pub(crate) fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The HTTP client every verification uses: no redirects followed, status codes read
/// rather than turned into errors, one overall timeout, and TLS with certificate
/// checks against the Mozilla roots (rustls, webpki-roots).
pub(crate) fn agent(timeout: Duration, https: bool) -> Agent {
    let config = Agent::config_builder()
        .max_redirects(0)
        .max_redirects_will_error(false)
        .http_status_as_error(false)
        .https_only(https)
        .timeout_global(Some(timeout))
        .user_agent(concat!(
            "leakhound/",
            env!("CARGO_PKG_VERSION"),
            " (secret verification)"
        ));
    // A proxy from the environment is used for https (the tunnel carries TLS end to
    // end); a loopback http base is reached directly.
    let config = if https { config } else { config.proxy(None) };
    config.build().into()
}

/// What one request gave: a verdict, or a status that a retry may change.
pub(crate) enum Answer {
    Done(Verification),
    /// Nothing was sent: the request could not be built (no key ID, a header value
    /// with a control character, …).
    NotSent(Verification),
    /// 429, or 403 with `Retry-After` (GitHub's secondary rate limit): rate limited;
    /// the seconds the provider asked to wait, if it said.
    RateLimited(Option<u64>),
}

/// Sends the request `spec` describes for `values` to `base` and reads the answer.
pub(crate) fn send(agent: &Agent, spec: &VerifySpec, base: &Base, values: &Values<'_>) -> Answer {
    // What stops a request before anything is sent names no host.
    let not_sent = |reason: String| Answer::NotSent(Verification::unknown(reason));
    let path_of = secret_path(values.secret, &spec.base);
    let values = &Values {
        secret: values.secret,
        key_id: values.key_id,
        secret_path: path_of.as_deref(),
        near: values.near,
    };
    let filled = |t: &str, e: Escape| -> Result<String, String> {
        fill(t, values, e).map_err(|u| match u {
            Unfilled::NoKeyId => "no key ID found beside the secret".to_string(),
            Unfilled::NotProviderUrl => {
                "the secret is not a URL on the provider's own host".to_string()
            }
            Unfilled::Missing(n) if spec.near.contains_key(&n) => {
                format!("no {n} found near the secret")
            }
            Unfilled::Missing(n) => format!("the rule's verify template names {{{n}}}"),
            Unfilled::Unknown(t) => format!("the rule's verify template {t:?} is malformed"),
        })
    };
    let path = match filled(&spec.path, Escape::Percent) {
        Ok(p) if p.starts_with('/') => p,
        Ok(_) => return not_sent("the rule's verify path does not start with /".into()),
        Err(e) => return not_sent(e),
    };
    let url = base.url(&path);
    let mut headers: Vec<(String, String)> = Vec::new();
    for (name, template) in &spec.headers {
        match filled(template, Escape::None) {
            Ok(v) if !v.chars().any(char::is_control) => headers.push((name.clone(), v)),
            Ok(_) => return not_sent("the secret cannot be sent in a header".into()),
            Err(e) => return not_sent(e),
        }
    }
    if let Some(basic) = &spec.basic_auth {
        match filled(basic, Escape::None) {
            Ok(v) => {
                use base64::Engine as _;
                let encoded = base64::engine::general_purpose::STANDARD.encode(v.as_bytes());
                headers.push(("Authorization".into(), format!("Basic {encoded}")));
            }
            Err(e) => return not_sent(e),
        }
    }
    let json_body = spec
        .headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("content-type") && v.contains("json"));
    let body_escape = if json_body {
        Escape::Json
    } else {
        Escape::Percent
    };
    let body = match spec
        .body
        .as_deref()
        .map(|b| filled(b, body_escape))
        .transpose()
    {
        Ok(b) => b,
        Err(e) => return not_sent(e),
    };
    let out = Outgoing {
        method: &spec.method,
        url,
        headers,
        body,
    };
    match exchange(agent, base, &out) {
        Ok(reply) => {
            let json: Option<Value> = serde_json::from_str(&reply.text).ok();
            let answer = Received {
                status: reply.status,
                json: json.as_ref(),
                headers: &reply.headers,
            };
            Answer::Done(judge(spec, base, &answer, values.near))
        }
        Err(answer) => answer,
    }
}

/// A request ready to go: every verifier, template or coded, sends through
/// [`exchange`].
pub(crate) struct Outgoing<'a> {
    /// `GET`, `HEAD` or `POST`.
    pub method: &'a str,
    pub url: String,
    pub headers: Vec<(String, String)>,
    /// A `POST` body, sent as a form unless a `Content-Type` header says otherwise.
    pub body: Option<String>,
}

/// What came back, for the verifier to read: the status, the headers and at most
/// `MAX_BODY` bytes of the body as text (empty if it was not UTF-8).
pub(crate) struct Reply {
    pub status: u16,
    pub headers: ureq::http::HeaderMap,
    pub text: String,
}

/// Sends `out` and returns the reply, or the answer that ends the attempt without a
/// reply to read: a timeout or failure (`unknown`), a rate limit (`RateLimited`), a
/// redirect (`unknown`, never followed).
pub(crate) fn exchange(agent: &Agent, base: &Base, out: &Outgoing<'_>) -> Result<Reply, Answer> {
    let unknown = |reason: String| {
        Answer::Done(Verification {
            status: VerifyStatus::Unknown,
            reason: Some(reason),
            identity: Vec::new(),
            host: Some(base.host.clone()),
            mapping: None,
            baselined: false,
        })
    };
    let headers = &out.headers;
    let result = match out.method {
        "GET" => with_headers(agent.get(&out.url), headers).call(),
        "HEAD" => with_headers(agent.head(&out.url), headers).call(),
        // Only a `revoke` section has it (`rules check` refuses it in `verify`).
        "DELETE" => with_headers(agent.delete(&out.url), headers).call(),
        "POST" => {
            let typed = headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case("content-type"));
            let mut req = with_headers(agent.post(&out.url), headers);
            if !typed {
                req = req.header("Content-Type", "application/x-www-form-urlencoded");
            }
            req.send(out.body.clone().unwrap_or_default())
        }
        other => {
            return Err(Answer::NotSent(Verification::unknown(format!(
                "the rule's verify method {other} is not allowed"
            ))));
        }
    };
    let mut response = match result {
        Ok(r) => r,
        Err(ureq::Error::Timeout(_)) => return Err(unknown("timeout".into())),
        Err(e) => {
            return Err(unknown(format!(
                "request failed: {}",
                one_line(&e.to_string())
            )));
        }
    };
    let status = response.status().as_u16();
    let retry_after = response.headers().get("retry-after");
    if status == 429 || (status == 403 && retry_after.is_some()) {
        let wait = retry_after
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        return Err(Answer::RateLimited(wait));
    }
    if (300..400).contains(&status) {
        return Err(unknown(format!(
            "answered {status} (a redirect, not followed)"
        )));
    }
    let mut text = String::new();
    if response
        .body_mut()
        .as_reader()
        .take(MAX_BODY)
        .read_to_string(&mut text)
        .is_err()
    {
        text.clear();
    }
    Ok(Reply {
        status,
        headers: response.headers().clone(),
        text,
    })
}

/// The path of a secret that is a URL on the host of the rule's own base URL (never a
/// mapped one: the secret names where it belongs), if it holds nothing but letters,
/// digits, `/`, `_`, `-` and `.` and no `..` segment.
fn secret_path(secret: &str, builtin_base: &str) -> Option<String> {
    let own = Base::parse(builtin_base).ok()?;
    let rest = secret
        .strip_prefix("https://")
        .or_else(|| secret.strip_prefix("http://"))?;
    let (host, path) = rest.split_at(rest.find('/')?);
    let safe = path
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'_' | b'-' | b'.'));
    (host.eq_ignore_ascii_case(&own.authority)
        && safe
        && !path.contains("/../")
        && !path.ends_with("/.."))
    .then(|| path.to_string())
}

fn with_headers<B>(
    mut req: ureq::RequestBuilder<B>,
    headers: &[(String, String)],
) -> ureq::RequestBuilder<B> {
    for (k, v) in headers {
        req = req.header(k.as_str(), v.as_str());
    }
    req
}

/// What a provider answered, as [`judge`] reads it.
struct Received<'a> {
    status: u16,
    json: Option<&'a Value>,
    headers: &'a ureq::http::HeaderMap,
}

/// Reads an answer: the `invalid_if` values, the status code, then the `live_field`,
/// then the identity (from the answer, or `near:LABEL`: a value found near the secret,
/// such as the tenant).
fn judge(
    spec: &VerifySpec,
    base: &Base,
    answer: &Received<'_>,
    near: &[(String, String)],
) -> Verification {
    let (status, json, headers) = (answer.status, answer.json, answer.headers);
    let mut v = Verification {
        status: VerifyStatus::Unknown,
        reason: None,
        identity: Vec::new(),
        host: Some(base.host.clone()),
        mapping: None,
        baselined: false,
    };
    if let Some((pointer, value)) = spec
        .invalid_if
        .iter()
        .find(|(p, want)| json.and_then(|j| j.pointer(p)).and_then(scalar).as_ref() == Some(*want))
    {
        v.status = VerifyStatus::Invalid;
        v.reason = Some(format!(
            "the provider answered {status} with {pointer} = {}",
            one_line(value)
        ));
        return v;
    }
    if spec.invalid.contains(&status) {
        v.status = VerifyStatus::Invalid;
        v.reason = Some(format!(
            "the provider answered {status}{}",
            asked_with(near)
        ));
        return v;
    }
    if !spec.live.contains(&status) {
        v.reason = Some(format!(
            "the provider answered {status}, which the rule does not read"
        ));
        return v;
    }
    if let Some(pointer) = &spec.live_field {
        // The `error` an answer gives (Slack's `invalid_auth`), said with the verdict.
        let why = json
            .and_then(|j| j.get("error"))
            .and_then(Value::as_str)
            .map(|e| format!(" ({})", one_line(e)))
            .unwrap_or_default();
        match json.and_then(|j| j.pointer(pointer)) {
            Some(Value::Bool(true)) => {}
            Some(Value::Bool(false)) => {
                v.status = VerifyStatus::Invalid;
                v.reason = Some(format!("the provider said {pointer} is false{why}"));
                return v;
            }
            _ => {
                v.reason = Some(format!("the answer has no {pointer}: not understood{why}"));
                return v;
            }
        }
    }
    v.status = VerifyStatus::Verified;
    for (label, at) in &spec.identity {
        let value = if let Some(name) = at.strip_prefix("header:") {
            headers
                .get(name)
                .and_then(|h| h.to_str().ok())
                .map(str::to_string)
        } else if let Some(label) = at.strip_prefix("near:") {
            near.iter()
                .find(|(l, _)| l == label)
                .map(|(_, v)| v.clone())
        } else {
            json.and_then(|j| j.pointer(at)).and_then(scalar)
        };
        if let Some(value) = value.filter(|s| !s.is_empty()) {
            v.identity.push((label.clone(), one_line(&value)));
        }
    }
    v
}

/// The values found near the secret that a request was sent with, for the reason of a
/// refusal: a wrong value (another app's client ID) is refused like a dead secret, and
/// the reader should see which values were tried.
fn asked_with(near: &[(String, String)]) -> String {
    if near.is_empty() {
        return String::new();
    }
    let pairs: Vec<String> = near.iter().map(|(l, v)| format!("{l} {v}")).collect();
    format!(" (asked with {}, found near the secret)", pairs.join(", "))
}

/// A JSON value shown as identity: strings and numbers as they are, an array of them
/// joined with spaces (scopes).
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(scalar).collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        }
        _ => None,
    }
}

/// Text from a provider shown on one line, at most 200 characters, no control
/// characters (an answer could otherwise write terminal escapes into a report).
pub(crate) fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || invisible(c) {
                ' '
            } else {
                c
            }
        })
        .take(200)
        .collect()
}

/// Characters that change how text around them is shown without showing themselves:
/// zero-width ones, bidirectional overrides and isolates, line and paragraph separators,
/// the byte-order mark.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}' | '\u{180E}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_https_or_loopback_http_without_user_query_or_fragment() {
        let b = Base::parse("https://API.GitHub.com/").unwrap();
        assert_eq!(
            (b.scheme, b.host.as_str(), b.prefix.as_str()),
            ("https", "api.github.com", "")
        );
        let b = Base::parse("https://ghe.corp.example:8443/api/v3").unwrap();
        assert_eq!(b.url("/user"), "https://ghe.corp.example:8443/api/v3/user");
        assert_eq!(b.host, "ghe.corp.example");
        assert!(Base::parse("http://127.0.0.1:9000").is_ok());
        assert!(Base::parse("http://[::1]:9000/x").is_ok());
        for bad in [
            "http://api.github.com",
            "ftp://x",
            "https://user:pw@host",
            "https://host/?q",
            "https://host#f",
            "https://",
            "api.github.com",
            "http://127.0.0.1:80800",
            "http://[::1]evil.com:8080",
            "https://host:",
            "https://ho_st",
        ] {
            assert!(Base::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_refused_url_is_shown_without_what_a_token_could_be_in() {
        let token = "glpat-Qa3Jp6Yf0Ue2Ri8To4Gx";
        for (url, shown) in [
            (
                format!("https://{token}@gitlab.corp.example/api"),
                "https://gitlab.corp.example/api",
            ),
            (
                format!("https://oauth2:{token}@gitlab.corp.example"),
                "https://gitlab.corp.example",
            ),
            (
                format!("https://gitlab.corp.example/?private_token={token}"),
                "https://gitlab.corp.example/",
            ),
            (format!("http://x.example#{token}"), "http://x.example"),
            (token.to_string(), "the URL given"),
            (format!("{token}://x.example"), "the URL given"),
        ] {
            assert_eq!(shown_url(&url), shown, "{url}");
            let e = Base::parse(&url).unwrap_err();
            assert!(!e.contains(token) && e.starts_with(shown), "{e}");
        }
    }

    #[test]
    fn a_webhook_secret_gives_its_path_only_on_the_providers_host() {
        let base = "https://hooks.slack.com";
        assert_eq!(
            secret_path("https://hooks.slack.com/services/T0/B0/x1", base).as_deref(),
            Some("/services/T0/B0/x1")
        );
        for other in [
            "https://evil.example/services/T0/B0/x1",
            "https://hooks.slack.com.evil.example/services/x",
            "https://hooks.slack.com/services/../../x",
            "https://hooks.slack.com/services/x?y=1",
            "hooks.slack.com/services/x",
        ] {
            assert_eq!(secret_path(other, base), None, "{other}");
        }
    }

    #[test]
    fn a_value_in_the_body_can_mean_invalid_whatever_the_status() {
        let spec: VerifySpec = toml::from_str(
            r#"
provider = "p"
base = "https://api.p.example"
path = "/v1/me"
live = [200, 403]
invalid = []
[invalid_if]
"/error/reason" = "KEY_INVALID"
"/error/expired" = "true"
[identity]
limited = "/error/reason"
"#,
        )
        .unwrap();
        let base = Base::parse("https://api.p.example").unwrap();
        let headers = ureq::http::HeaderMap::new();
        let judged = |status: u16, body: &str| {
            let json: Value = serde_json::from_str(body).unwrap();
            let answer = Received {
                status,
                json: Some(&json),
                headers: &headers,
            };
            judge(&spec, &base, &answer, &[])
        };
        let v = judged(400, r#"{"error":{"reason":"KEY_INVALID"}}"#);
        assert_eq!(v.status, VerifyStatus::Invalid);
        assert_eq!(
            v.reason.as_deref(),
            Some("the provider answered 400 with /error/reason = KEY_INVALID")
        );
        // A boolean is compared as its text, and the body decides even on a live status.
        let v = judged(403, r#"{"error":{"expired":true}}"#);
        assert_eq!(v.status, VerifyStatus::Invalid);
        // Another value leaves the status code to decide.
        let v = judged(
            403,
            r#"{"error":{"reason":"SERVICE_DISABLED","expired":false}}"#,
        );
        assert_eq!(v.status, VerifyStatus::Verified);
        assert_eq!(
            v.identity,
            vec![("limited".to_string(), "SERVICE_DISABLED".to_string())]
        );
        let v = judged(400, r#"{"error":{"reason":"BAD_PAGE_SIZE"}}"#);
        assert_eq!(v.status, VerifyStatus::Unknown);
    }

    #[test]
    fn provider_text_is_one_line_without_escapes() {
        assert_eq!(one_line("a\nb\u{1b}[31m"), "a b [31m");
        assert_eq!(one_line("ad\u{202E}nim\u{200B}x\u{2028}y"), "ad nim x y");
        assert_eq!(one_line(&"x".repeat(500)).len(), 200);
    }
}
