//! Structural checks a rule can ask for (`validate = ...`), all offline.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE_NO_PAD};

use super::checksum::{bech32_ok, crc32_base62_ok, gitlab_routable_ok, grafana_crc32_ok};
use crate::rules::Validator;

/// Named groups besides `secret` that validators read.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Groups<'a> {
    pub host: Option<&'a [u8]>,
    pub name: Option<&'a [u8]>,
    /// The user name before a password (a URL's userinfo).
    pub user: Option<&'a [u8]>,
    /// The opening quote of the value, if it had one.
    pub quote: Option<&'a [u8]>,
    /// The text the match was made in, and where the whole match lies in it: what
    /// [`Groups::surroundings`] reads, only for the validators that need it.
    pub text: &'a [u8],
    pub span: (usize, usize),
}

impl<'a> Groups<'a> {
    /// Whether `secret`, which ends the match, is an XML element's whole text
    /// (`<password>…</password>`): a literal, as a quoted value is in code.
    fn is_element_text(&self, secret: &[u8]) -> bool {
        let (_, end) = self.span;
        end > secret.len()
            && self.text.get(end - secret.len() - 1) == Some(&b'>')
            && self.text.get(end..end + 2) == Some(b"</")
    }

    /// The match's line up to where the match starts, and the match with the lines
    /// around it (three before, three after), each side at most `SURROUNDINGS` bytes.
    fn surroundings(&self) -> (&'a [u8], &'a [u8]) {
        let (start, end) = self.span;
        let hay = self.text;
        if end > hay.len() || start > end {
            return (&[], &[]);
        }
        let floor = start.saturating_sub(SURROUNDINGS);
        let line_start =
            memchr::memrchr(b'\n', &hay[floor..start]).map_or(floor, |i| floor + i + 1);
        let mut lo = line_start;
        for _ in 0..3 {
            match lo.checked_sub(1).filter(|&l| l > floor) {
                Some(l) => {
                    lo = memchr::memrchr(b'\n', &hay[floor..l]).map_or(floor, |i| floor + i + 1)
                }
                None => break,
            }
        }
        let ceiling = (end + SURROUNDINGS).min(hay.len());
        let mut hi = end;
        for _ in 0..4 {
            match memchr::memchr(b'\n', &hay[hi..ceiling]) {
                Some(i) => hi += i + 1,
                None => {
                    hi = ceiling;
                    break;
                }
            }
        }
        (&hay[line_start..start], &hay[lo..hi])
    }
}

/// How far, in bytes, a validator may look around a match.
const SURROUNDINGS: usize = 400;

/// Whether `secret` passes the rule's validator.
pub(crate) fn validate(validator: Validator, secret: &[u8], groups: Groups<'_>) -> bool {
    let host = groups.host;
    match validator {
        Validator::Crc32Base62 => crc32_base62_ok(secret),
        Validator::GitlabRoutable => gitlab_routable_ok(secret),
        Validator::GrafanaCrc32 => grafana_crc32_ok(secret),
        Validator::Bech32 => bech32_ok(secret),
        Validator::Jwt => is_jwt(secret),
        Validator::PrivateKeyPlain => private_key_encrypted(secret) == Some(false),
        Validator::PrivateKeyEncrypted => private_key_encrypted(secret) == Some(true),
        Validator::UrlCredentials => {
            host.is_some_and(is_real_host)
                && !super::placeholder::reads_as_stand_in(secret)
                && !is_constant_name(secret)
                && !is_template_name(secret)
                && !groups.user.is_some_and(|user| is_users_echo(user, secret))
        }
        Validator::PypiMacaroon => is_pypi_macaroon(secret),
        Validator::SentryOrgToken => is_sentry_org_token(secret),
        Validator::ConvexDeployKey => is_convex_deploy_key(secret),
        Validator::AtlassianDcPat => is_atlassian_dc_pat(secret),
        Validator::Base64Text => decoded_secret(validator, secret).is_some(),
        // A password that reads as a stand-in (`notarealpassword`) is an example.
        Validator::BasicAuth => decoded_secret(validator, secret)
            .is_some_and(|password| !super::placeholder::reads_as_stand_in(&password)),
        // The argument after the flag is a literal on a command line, as a quoted value
        // is in code: an identifier there (`-pPassw0rd`) is a word, not a reference.
        Validator::CommandPassword => super::generic::is_generic_secret(b"password", secret, true),
        Validator::GenericSecret => groups.name.is_some_and(|name| {
            let quoted =
                groups.quote.is_some_and(|q| !q.is_empty()) || groups.is_element_text(secret);
            super::generic::is_generic_secret(name, secret, quoted) && {
                let (before, around) = groups.surroundings();
                !super::generic::is_public_by_context(name, before, around)
            }
        }),
    }
}

/// For validators of encoded values: the secret in clear, if `raw` decodes to one.
/// `None` for every other validator.
pub(crate) fn decoded_secret(validator: Validator, raw: &[u8]) -> Option<Vec<u8>> {
    match validator {
        Validator::Base64Text => {
            let mut text = super::decode::decode_base64_text(raw)?;
            // `echo secret | base64` encodes the newline too.
            while text.last().is_some_and(|b| matches!(b, b'\n' | b'\r')) {
                text.pop();
            }
            (!text.is_empty()).then_some(text)
        }
        Validator::BasicAuth => {
            let text = super::decode::decode_base64_text(raw)?;
            let colon = text.iter().position(|&b| b == b':')?;
            let (user, password) = (&text[..colon], &text[colon + 1..]);
            let printable = |s: &[u8]| s.iter().all(|b| b.is_ascii_graphic() || *b >= 0x80);
            (!user.is_empty() && password.len() >= 4 && printable(user) && printable(password))
                .then(|| password.to_vec())
        }
        _ => None,
    }
}

/// Reads a macaroon varint (LEB128).
fn varint(b: &[u8], at: &mut usize) -> Option<usize> {
    let mut n = 0usize;
    for shift in (0..35).step_by(7) {
        let byte = *b.get(*at)?;
        *at += 1;
        n |= usize::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(n);
        }
    }
    None
}

/// Structural decoding of a PyPI token's macaroon (libmacaroons format version 2):
/// fields are a type byte, a varint length and data; type 0 ends a section.
fn is_pypi_macaroon(secret: &[u8]) -> bool {
    let Some(body) = secret.strip_prefix(b"pypi-") else {
        return false;
    };
    let Ok(raw) = URL_SAFE_NO_PAD.decode(body.strip_suffix(b"=").unwrap_or(body)) else {
        return false;
    };
    if raw.first() != Some(&2) {
        return false;
    }
    let (mut at, mut location_ok, mut identifier, mut last_signature) = (1, false, false, false);
    while at < raw.len() {
        let kind = raw[at];
        at += 1;
        if kind == 0 {
            continue;
        }
        let Some(len) = varint(&raw, &mut at) else {
            return false;
        };
        let Some(data) = raw.get(at..at + len) else {
            return false;
        };
        at += len;
        match kind {
            1 => location_ok = data == b"pypi.org" || data == b"test.pypi.org",
            2 => identifier |= !data.is_empty(),
            _ => {}
        }
        last_signature = kind == 6 && len == 32;
    }
    location_ok && identifier && last_signature
}

/// Host names that only appear in documentation, tests and examples.
const STAND_IN_HOSTS: &[&str] = &[
    "foo", "bar", "baz", "host", "hostname", "domain", "server", "example",
];

/// Whether a URL's host could be a real service: not a reserved documentation or test
/// domain (RFC 2606, RFC 6761), not loopback by name, not a stand-in word.
fn is_real_host(host: &[u8]) -> bool {
    let h = host.to_ascii_lowercase();
    let h = h.strip_suffix(b".").unwrap_or(&h);
    if h.len() < 2 || STAND_IN_HOSTS.iter().any(|s| h == s.as_bytes()) {
        return false;
    }
    let reserved_domains: [&[u8]; 3] = [b"example.com", b"example.net", b"example.org"];
    let reserved_tlds: [&[u8]; 4] = [b"example", b"test", b"invalid", b"localhost"];
    let in_domain = |d: &[u8]| h == d || (h.ends_with(d) && h[h.len() - d.len() - 1] == b'.');
    !(reserved_domains.iter().any(|d| in_domain(d)) || reserved_tlds.iter().any(|d| in_domain(d)))
}

/// Whether a URL password is a constant's name (`SAS_KEY`, `DB_PASSWORD`): a template
/// in upper snake case, filled in by whoever copies the URL.
fn is_constant_name(secret: &[u8]) -> bool {
    secret.first().is_some_and(u8::is_ascii_uppercase)
        && secret.contains(&b'_')
        && secret.iter().all(|b| b.is_ascii_uppercase() || *b == b'_')
}

/// Whether a URL password is the name of what goes there, in any case style
/// (`sasKey`, `db-pass`, `proxy_password`, `accessToken`): letters in two words or
/// more, the last of them naming a credential.
fn is_template_name(secret: &[u8]) -> bool {
    let lower = secret.to_ascii_lowercase();
    let humps = secret
        .windows(2)
        .filter(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase())
        .count();
    let separators = lower.iter().filter(|b| b"_-.".contains(b)).count();
    let last: Vec<u8> = match lower.iter().rposition(|b| b"_-.".contains(b)) {
        Some(i) => lower[i + 1..].to_vec(),
        None => {
            let cut = secret.iter().rposition(u8::is_ascii_uppercase).unwrap_or(0);
            lower[cut..].to_vec()
        }
    };
    secret
        .iter()
        .all(|b| b.is_ascii_alphabetic() || b"_-.".contains(b))
        && humps + separators >= 1
        && [
            "key",
            "pass",
            "password",
            "passwd",
            "pwd",
            "secret",
            "token",
            "credential",
        ]
        .contains(&String::from_utf8_lossy(&last).as_ref())
}

/// Whether a password echoes its user name (`admin:admin`, `sentinel_user:
/// sentinel_pass`): the same, or the same first word with a stand-in after it.
fn is_users_echo(user: &[u8], password: &[u8]) -> bool {
    let (user, password) = (user.to_ascii_lowercase(), password.to_ascii_lowercase());
    if user == password {
        return true;
    }
    let split = |s: &[u8]| -> (Vec<u8>, Vec<u8>) {
        match s.iter().position(|b| b"_-.".contains(b)) {
            Some(i) => (s[..i].to_vec(), s[i + 1..].to_vec()),
            None => (s.to_vec(), Vec::new()),
        }
    };
    let ((u_word, _), (p_word, p_rest)) = (split(&user), split(&password));
    u_word.len() >= 3 && u_word == p_word && super::placeholder::is_placeholder(&p_rest)
}

/// A Sentry organization auth token (`sntrys_` payload `_` secret): the payload is
/// base64 of a JSON object whose `iat` is a number and whose `url` is an http(s) URL,
/// as Sentry documents the format.
fn is_sentry_org_token(secret: &[u8]) -> bool {
    let Some(rest) = secret.strip_prefix(b"sntrys_") else {
        return false;
    };
    let Some(last) = rest.iter().rposition(|&b| b == b'_') else {
        return false;
    };
    let payload = &rest[..last];
    let unpadded = payload
        .strip_suffix(b"==")
        .or(payload.strip_suffix(b"="))
        .unwrap_or(payload);
    let Ok(raw) = STANDARD_NO_PAD.decode(unpadded) else {
        return false;
    };
    let Ok(serde_json::Value::Object(claims)) = serde_json::from_slice(&raw) else {
        return false;
    };
    claims.get("iat").is_some_and(serde_json::Value::is_number)
        && claims
            .get("url")
            .and_then(serde_json::Value::as_str)
            .is_some_and(|u| u.starts_with("https://") || u.starts_with("http://"))
}

/// A Convex deploy key: the token after the last `|`, when it is in the current form
/// (base64 of a JSON object, `eyJ…`), decodes to exactly `{"v2":"<32 hex>"}`.
fn is_convex_deploy_key(secret: &[u8]) -> bool {
    let Some(bar) = secret.iter().rposition(|&b| b == b'|') else {
        return false;
    };
    let token = &secret[bar + 1..];
    if !token.starts_with(b"eyJ") {
        return true;
    }
    let Ok(json) = STANDARD.decode(token) else {
        return false;
    };
    json.strip_prefix(br#"{"v2":""#)
        .and_then(|rest| rest.strip_suffix(br#""}"#))
        .is_some_and(|key| {
            key.len() == 32 && key.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        })
}

/// An Atlassian Data Center personal access token: 44 base64 characters whose 33
/// bytes are a 12-digit id, `:` and 20 random bytes (not text: a base64 sentence or
/// an id with a readable word after it is not a token).
fn is_atlassian_dc_pat(secret: &[u8]) -> bool {
    let Ok(raw) = STANDARD.decode(secret) else {
        return false;
    };
    raw.len() == 33
        && raw[..12].iter().all(u8::is_ascii_digit)
        && raw[12] == b':'
        && !raw[13..].iter().all(|b| b.is_ascii_graphic())
}

/// A JWT: header and payload are base64url JSON objects and the header names an `alg`.
fn is_jwt(secret: &[u8]) -> bool {
    let mut parts = secret.split(|&b| b == b'.');
    let (Some(header), Some(payload)) = (parts.next(), parts.next()) else {
        return false;
    };
    let decode = |seg: &[u8]| -> Option<serde_json::Value> {
        let trimmed: &[u8] = seg
            .strip_suffix(b"==")
            .or(seg.strip_suffix(b"="))
            .unwrap_or(seg);
        let raw = URL_SAFE_NO_PAD.decode(trimmed).ok()?;
        serde_json::from_slice(&raw).ok()
    };
    let Some(serde_json::Value::Object(h)) = decode(header) else {
        return false;
    };
    let Some(serde_json::Value::Object(claims)) = decode(payload) else {
        return false;
    };
    // A documentation token says so in its claims, as a word (`"sub": "EXAMPLE"`, an
    // issuer at `example.com`; not `examplecorp.io`).
    let says_example = claims.values().any(|v| {
        v.as_str().is_some_and(|s| {
            s.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
                ["example", "placeholder", "redacted", "changeme", "dummy"]
                    .contains(&w.to_ascii_lowercase().as_str())
            })
        })
    });
    matches!(h.get("alg"), Some(serde_json::Value::String(_))) && !says_example
}

/// Whether a private key block is passphrase-protected: `Some(true)` encrypted,
/// `Some(false)` in clear, `None` when the block cannot be understood.
fn private_key_encrypted(block: &[u8]) -> Option<bool> {
    let text = String::from_utf8_lossy(block);
    if text.starts_with("PuTTY-User-Key-File") {
        let line = text.lines().find(|l| l.starts_with("Encryption:"))?;
        return Some(line.trim_start_matches("Encryption:").trim() != "none");
    }
    let first = text.lines().next()?;
    if first.contains("ENCRYPTED") {
        return Some(true);
    }
    if text.contains("Proc-Type: 4,ENCRYPTED") || text.contains("DEK-Info:") {
        return Some(true);
    }
    if first.contains("OPENSSH PRIVATE KEY") {
        return openssh_encrypted(&text);
    }
    Some(false)
}

/// OpenSSH keys: the base64 body starts with `openssh-key-v1\0`, then the cipher name
/// as a length-prefixed string; `none` means no passphrase. The body may sit in a JSON
/// or YAML string, with `\n` escapes instead of line breaks.
fn openssh_encrypted(text: &str) -> Option<bool> {
    let after = text.split_once("PRIVATE KEY-----")?.1;
    let body = after.split_once("-----END").map_or(after, |(b, _)| b);
    let mut b64 = String::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            // An escape such as `\n`, `\r` or `\\n`: drop it whole.
            while chars.next_if_eq(&'\\').is_some() {}
            chars.next_if(|&n| n == 'n' || n == 'r');
        } else if c.is_ascii_alphanumeric() || c == '+' || c == '/' || c == '=' {
            b64.push(c);
        }
        if b64.len() >= 64 {
            break;
        }
    }
    // Only the first few dozen bytes are needed.
    let head_len = b64.len() / 4 * 4;
    let raw = STANDARD.decode(&b64[..head_len]).ok()?;
    let rest = raw.strip_prefix(b"openssh-key-v1\0")?;
    let len = u32::from_be_bytes(rest.get(..4)?.try_into().ok()?) as usize;
    let cipher = rest.get(4..4 + len)?;
    Some(cipher != b"none")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn validate_(v: Validator, secret: &[u8]) -> bool {
        validate(v, secret, Groups::default())
    }

    #[test]
    fn url_hosts() {
        for real in [
            "db.prod.internal",
            "cluster0.a1b2c.mongodb.net",
            "10.0.4.12",
            "db",
            "[2001:db8::17]",
            "myexample.com",
        ] {
            assert!(
                validate(
                    Validator::UrlCredentials,
                    b"pw",
                    Groups {
                        host: Some(real.as_bytes()),
                        ..Groups::default()
                    }
                ),
                "{real}"
            );
        }
        for fake in [
            "example.com",
            "api.example.org",
            "localhost",
            "db.localhost",
            "x",
            "foo",
            "svc.test",
            "a.invalid",
            "Example.NET.",
        ] {
            assert!(
                !validate(
                    Validator::UrlCredentials,
                    b"pw",
                    Groups {
                        host: Some(fake.as_bytes()),
                        ..Groups::default()
                    }
                ),
                "{fake}"
            );
        }
        assert!(!validate(
            Validator::UrlCredentials,
            b"pw",
            Groups::default()
        ));
    }

    #[test]
    fn pypi_macaroons() {
        let good = b"pypi-AgEIcHlwaS5vcmcCEp9BvVvLsPHXvabshwfXd8bxPwACOHsidmVyc2lvbiI6IDEsICJwZXJtaXNzaW9ucyI6IHsicHJvamVjdHMiOiBbImFjbWUtOTMiXX19AAAGIA3mKBxfeN4_YYsakj8DuzdoRy7q3sRjKMPMEiOennEg";
        assert!(validate_(Validator::PypiMacaroon, good));
        // Random text after the fixed prefix is not a macaroon.
        assert!(!validate_(
            Validator::PypiMacaroon,
            b"pypi-AgEIcHlwaS5vcmc3A68nbmYKsfOQl64Ib8qdOCmYSI3o5crK8O60KALDJrg6hST4RcjxAT5nhzyAcZiJs1Dq4d41gMNTvWVFfN"
        ));
        // Cut short: the signature is missing.
        assert!(!validate_(
            Validator::PypiMacaroon,
            &good[..good.len() - 20]
        ));
    }

    #[test]
    fn sentry_org_token_structure() {
        // {"iat":1708049356.758258,"url":"https://sentry.io","region_url":"https://us.sentry.io","org":"pmncykp"}
        let payload = "eyJpYXQiOjE3MDgwNDkzNTYuNzU4MjU4LCJ1cmwiOiJodHRwczovL3NlbnRyeS5pbyIsInJlZ2lvbl91cmwiOiJodHRwczovL3VzLnNlbnRyeS5pbyIsIm9yZyI6InBtbmN5a3AifQ==";
        let secret = "hd32dj39+XTC0vi4jn6dCV9QvZgJLQtF2O8Nm1B824X";
        let good = format!("sntrys_{payload}_{secret}");
        assert!(validate_(Validator::SentryOrgToken, good.as_bytes()));
        // Padding left off still decodes.
        let unpadded = format!("sntrys_{}_{secret}", payload.trim_end_matches('='));
        assert!(validate_(Validator::SentryOrgToken, unpadded.as_bytes()));
        // One payload character changed: no longer the JSON Sentry writes.
        let broken = good.replacen("LCJ1cmwi", "LCJ1cmXi", 1);
        assert!(!validate_(Validator::SentryOrgToken, broken.as_bytes()));
        // {"iat":"soon","url":"https://sentry.io"}: `iat` is not a number.
        let no_time =
            format!("sntrys_eyJpYXQiOiJzb29uIiwidXJsIjoiaHR0cHM6Ly9zZW50cnkuaW8ifQ_{secret}");
        assert!(!validate_(Validator::SentryOrgToken, no_time.as_bytes()));
        // {"iat":1708049356} without a URL.
        let no_url = format!("sntrys_eyJpYXQiOjE3MDgwNDkzNTZ9_{secret}");
        assert!(!validate_(Validator::SentryOrgToken, no_url.as_bytes()));
        assert!(!validate_(
            Validator::SentryOrgToken,
            b"sntrys_eyJpYXQiOjE3MDgwNDkzNTZ9"
        ));
    }

    #[test]
    fn convex_deploy_key_structure() {
        let passes: [&[u8]; 3] = [
            // {"v2":"2443cc71dc8cd27ca11ab557da8dbdad"}, as a deployment and a preview key.
            b"prod:tidy-lemur-93|eyJ2MiI6IjI0NDNjYzcxZGM4Y2QyN2NhMTFhYjU1N2RhOGRiZGFkIn0=",
            b"preview:acme:web|eyJ2MiI6IjI0NDNjYzcxZGM4Y2QyN2NhMTFhYjU1N2RhOGRiZGFkIn0=",
            // An older token: no structure to check.
            b"prod:tidy-lemur-93|1+vWc57VwzBGNwVuk6gdog2j/7iht9h34RxfUqmPe3u/lfxIce/LGejF",
        ];
        let fails: [&[u8]; 4] = [
            // {"v2":"replace-with-your-own-deploy-key"}: 32 characters, not hex.
            b"prod:tidy-lemur-93|eyJ2MiI6InJlcGxhY2Utd2l0aC15b3VyLW93bi1kZXBsb3kta2V5In0=",
            // One character changed: no longer `"}` at the end.
            b"prod:tidy-lemur-93|eyJ2MiI6IjI0NDNjYzcxZGM4Y2QyN2NhMTFhYjU1N2RhOGRiZGFkIn1=",
            // Not base64, or no `|` at all.
            b"prod:tidy-lemur-93|eyJ2MiI6I*",
            b"prod:tidy-lemur-93",
        ];
        for key in passes {
            assert!(validate_(Validator::ConvexDeployKey, key), "{key:?}");
        }
        for key in fails {
            assert!(!validate_(Validator::ConvexDeployKey, key), "{key:?}");
        }
    }

    #[test]
    fn atlassian_data_center_tokens_are_an_id_and_random_bytes() {
        let b64 = |b: &[u8]| STANDARD.encode(b);
        let mut raw = b"258500426943:".to_vec();
        raw.extend([0xbc, 0x0b, 0xc3, 0xe3, 0x50, 0xa0, 0x61, 0x28, 0x71, 0x88]);
        raw.extend([0xe3, 0xeb, 0x29, 0x83, 0x06, 0xa8, 0x69, 0xa4, 0x39, 0x3a]);
        assert!(validate_(Validator::AtlassianDcPat, b64(&raw).as_bytes()));
        // Text after the id, a short id, no colon: not a token.
        let text = b64(b"258500426943:abcdefghijklmnopqrst");
        assert!(!validate_(Validator::AtlassianDcPat, text.as_bytes()));
        let mut short = b"2585004269:xx".to_vec();
        short.extend(&raw[13..]);
        assert!(!validate_(
            Validator::AtlassianDcPat,
            b64(&short).as_bytes()
        ));
        let mut no_colon = raw.clone();
        no_colon[12] = b'7';
        assert!(!validate_(
            Validator::AtlassianDcPat,
            b64(&no_colon).as_bytes()
        ));
    }

    #[test]
    fn jwt_structure() {
        // {"alg":"HS256","typ":"JWT"} . {"sub":"1234"} . sig
        let jwt = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl";
        assert!(validate_(Validator::Jwt, jwt));
        assert!(!validate_(
            Validator::Jwt,
            b"eyJub3QiOiJqd3QifQ.eyJzdWIiOiIxMjM0In0.c2ln"
        ));
        assert!(!validate_(Validator::Jwt, b"eyJhbGciOi.garbage.x"));
    }

    #[test]
    fn pem_encryption_markers() {
        let plain = b"-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----";
        let enc = b"-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nMIIE\n-----END RSA PRIVATE KEY-----";
        let pkcs8 =
            b"-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIE\n-----END ENCRYPTED PRIVATE KEY-----";
        assert!(validate_(Validator::PrivateKeyPlain, plain));
        assert!(validate_(Validator::PrivateKeyEncrypted, enc));
        assert!(validate_(Validator::PrivateKeyEncrypted, pkcs8));
        assert!(!validate_(Validator::PrivateKeyPlain, pkcs8));
    }

    #[test]
    fn openssh_cipher_name() {
        let mut raw = b"openssh-key-v1\0".to_vec();
        raw.extend(4u32.to_be_bytes());
        raw.extend(b"none");
        raw.extend([0u8; 12]);
        let plain = format!(
            "-----BEGIN OPENSSH PRIVATE KEY-----\n{}\n-----END OPENSSH PRIVATE KEY-----",
            STANDARD.encode(&raw)
        );
        assert!(validate_(Validator::PrivateKeyPlain, plain.as_bytes()));
        let mut raw = b"openssh-key-v1\0".to_vec();
        raw.extend(10u32.to_be_bytes());
        raw.extend(b"aes256-ctr");
        raw.extend([0u8; 12]);
        let enc = format!(
            "-----BEGIN OPENSSH PRIVATE KEY-----\n{}\n-----END OPENSSH PRIVATE KEY-----",
            STANDARD.encode(&raw)
        );
        assert!(validate_(Validator::PrivateKeyEncrypted, enc.as_bytes()));
        // The same key inside a JSON string, with `\n` escapes.
        let escaped = enc.replace('\n', "\\n");
        assert!(validate_(
            Validator::PrivateKeyEncrypted,
            escaped.as_bytes()
        ));
        assert!(!validate_(Validator::PrivateKeyPlain, escaped.as_bytes()));
    }

    #[test]
    fn putty_encryption_header() {
        let plain = b"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: k\n";
        let enc = b"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: aes256-cbc\nComment: k\n";
        assert!(validate_(Validator::PrivateKeyPlain, plain));
        assert!(validate_(Validator::PrivateKeyEncrypted, enc));
    }
}
