//! The templates of a rule's `verify` section: `{secret}`, `{key_id}` and the labels of
//! `near` replaced by the values found, percent-encoded where they go into a URL or a
//! form body.

/// The values a template may name.
pub(crate) struct Values<'a> {
    pub secret: &'a str,
    pub key_id: Option<&'a str>,
    /// For a secret that is a URL on the provider's own host (a webhook): its path,
    /// already checked to hold nothing but letters, digits, `/`, `_`, `-` and `.`.
    pub secret_path: Option<&'a str>,
    /// Values found near the secret (`verify.near`), by label; each already checked to
    /// hold nothing but letters, digits, `.`, `_`, `-`, `@` and `+`.
    pub near: &'a [(String, String)],
}

/// How a value is written into the text around it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Escape {
    /// As is (a header value; checked for control characters by the caller).
    None,
    /// Percent-encoded: every byte but the RFC 3986 unreserved characters and `:`, so
    /// a value can never add a path segment, a query parameter or an authority.
    Percent,
    /// Escaped for the inside of a JSON string (a JSON request body).
    Json,
}

/// Why a template could not be filled.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Unfilled {
    /// It names `{key_id}` and no key ID was found beside the secret.
    NoKeyId,
    /// It names `{secret_path}` and the secret is not a URL on the provider's host.
    NotProviderUrl,
    /// It names a label that has no value: none was found near the secret (or the
    /// rule does not declare it, which `rules check` reports).
    Missing(String),
    /// A brace is not closed (a rule-file mistake that `rules check` reports).
    Unknown(String),
}

/// Fills `template` with `values`, escaping each as `escape` says. `{{` and `}}` are
/// literal braces (a JSON body).
pub(crate) fn fill(
    template: &str,
    values: &Values<'_>,
    escape: Escape,
) -> Result<String, Unfilled> {
    let mut out = String::with_capacity(template.len() + values.secret.len());
    let mut rest = template;
    loop {
        let Some(at) = rest.find(['{', '}']) else {
            out.push_str(rest);
            return Ok(out);
        };
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if rest[at..].starts_with("{{") || rest[at..].starts_with("}}") {
            out.push_str(&rest[at..at + 1]);
            rest = &after[1..];
            continue;
        }
        if rest[at..].starts_with('}') {
            return Err(Unfilled::Unknown(template.to_string()));
        }
        let close = after
            .find('}')
            .ok_or_else(|| Unfilled::Unknown(template.to_string()))?;
        let value = match &after[..close] {
            "secret" => values.secret,
            "key_id" => values.key_id.ok_or(Unfilled::NoKeyId)?,
            "secret_path" => {
                // Checked safe by the caller: written as it is.
                out.push_str(values.secret_path.ok_or(Unfilled::NotProviderUrl)?);
                rest = &after[close + 1..];
                continue;
            }
            label => values
                .near
                .iter()
                .find(|(l, _)| l == label)
                .map(|(_, v)| v.as_str())
                .ok_or_else(|| Unfilled::Missing(label.to_string()))?,
        };
        match escape {
            Escape::None => out.push_str(value),
            Escape::Percent => percent_encode(value, &mut out),
            Escape::Json => json_escape(value, &mut out),
        }
        rest = &after[close + 1..];
    }
}

/// Inside a JSON string: quotes, backslashes and control characters escaped.
fn json_escape(value: &str, out: &mut String) {
    let quoted = serde_json::Value::String(value.to_string()).to_string();
    out.push_str(&quoted[1..quoted.len() - 1]);
}

pub(crate) fn percent_encode(value: &str, out: &mut String) {
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b':') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const V: Values<'static> = Values {
        secret: "s3cr/et?&x=@y",
        key_id: None,
        secret_path: None,
        near: &[],
    };

    #[test]
    fn secrets_in_urls_cannot_add_segments_queries_or_authorities() {
        let path = fill("/v1/check?key={secret}", &V, Escape::Percent).unwrap();
        assert_eq!(path, "/v1/check?key=s3cr%2Fet%3F%26x%3D%40y");
        let body = fill(
            r#"{{"key":"{secret}"}}"#,
            &Values {
                secret: "a\"b",
                key_id: None,
                secret_path: None,
                near: &[],
            },
            Escape::Json,
        );
        assert_eq!(body.unwrap(), r#"{"key":"a\"b"}"#);
        assert_eq!(
            fill("Bearer {secret}", &V, Escape::None).unwrap(),
            "Bearer s3cr/et?&x=@y"
        );
    }

    #[test]
    fn key_ids_are_required_where_named() {
        assert_eq!(
            fill("{key_id}:{secret}", &V, Escape::None),
            Err(Unfilled::NoKeyId)
        );
        let v = Values {
            secret: "abc",
            key_id: Some("AKIAEXAMPLE"),
            secret_path: None,
            near: &[],
        };
        assert_eq!(
            fill("{key_id}:{secret}", &v, Escape::None).unwrap(),
            "AKIAEXAMPLE:abc"
        );
    }

    #[test]
    fn near_values_fill_their_labels_escaped_like_the_rest() {
        let near = [
            ("tenant".to_string(), "0f8e3b0c-1d2e".to_string()),
            ("user".to_string(), "a+b@x.example".to_string()),
        ];
        let v = Values {
            secret: "s",
            key_id: None,
            secret_path: None,
            near: &near,
        };
        assert_eq!(
            fill("/{tenant}/token?u={user}", &v, Escape::Percent).unwrap(),
            "/0f8e3b0c-1d2e/token?u=a%2Bb%40x.example"
        );
        assert_eq!(
            fill("{user}:{secret}", &v, Escape::None).unwrap(),
            "a+b@x.example:s"
        );
        assert_eq!(
            fill("/{site}", &v, Escape::Percent),
            Err(Unfilled::Missing("site".into()))
        );
    }

    #[test]
    fn unbalanced_braces_are_refused() {
        assert_eq!(
            fill("{secret", &V, Escape::None),
            Err(Unfilled::Unknown("{secret".into()))
        );
    }
}
