//! What a rule's `verify` section must be before any request is built from it.

use super::schema::VerifySpec;

/// The problems of a `verify` section, each a sentence.
pub fn problems(spec: &VerifySpec) -> Vec<String> {
    let mut out = Vec::new();
    if spec.provider.is_empty()
        || !spec
            .provider
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        out.push("verify.provider must be lowercase letters, digits and dashes".to_string());
    }
    let fixed_host = |rest: &str| {
        let authority = rest.split('/').next().unwrap_or("");
        let (host, port) = authority.split_once(':').unwrap_or((authority, "1"));
        !host.is_empty()
            && host.contains('.')
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
            && port.parse::<u16>().is_ok_and(|p| p > 0)
            && !rest.contains(['@', '?', '#', '{', '}', ' ', '\\'])
    };
    match spec.base.strip_prefix("https://") {
        Some(rest) if fixed_host(rest) => {}
        _ => out.push(format!(
            "verify.base {:?} must be https:// and a fixed host (no user, query, fragment or \
             template)",
            spec.base
        )),
    }
    if !matches!(spec.method.as_str(), "GET" | "HEAD" | "POST") {
        out.push(format!(
            "verify.method {:?} must be GET, HEAD or POST",
            spec.method
        ));
    }
    if !(spec.path.starts_with('/') || spec.path.starts_with("{secret_path}")) {
        out.push("verify.path must start with / (or be {secret_path})".to_string());
    }
    let templates = std::iter::once(("path", spec.path.as_str()))
        .chain(spec.headers.values().map(|v| ("headers", v.as_str())))
        .chain(spec.basic_auth.as_deref().map(|b| ("basic_auth", b)))
        .chain(spec.body.as_deref().map(|b| ("body", b)));
    let mut names_secret = false;
    for (field, t) in templates {
        match names(t) {
            Ok(names) => {
                names_secret |= names.contains(&"secret");
                names_secret |= names.contains(&"secret_path");
                for n in names
                    .iter()
                    .filter(|n| !matches!(**n, "secret" | "key_id" | "secret_path"))
                {
                    out.push(format!(
                        "verify.{field} names {{{n}}}: only {{secret}}, {{key_id}} and \
                         {{secret_path}} exist"
                    ));
                }
            }
            Err(e) => out.push(format!("verify.{field}: {e}")),
        }
    }
    if !names_secret {
        out.push(
            "verify sends no {secret}: name it in the path, a header, basic_auth or the body"
                .into(),
        );
    }
    if spec.body.is_some() && spec.method != "POST" {
        out.push("verify.body needs method POST".to_string());
    }
    if spec.live.is_empty() {
        out.push("verify.live must list the status codes of a live secret".to_string());
    }
    if let Some(both) = spec.live.iter().find(|s| spec.invalid.contains(s)) {
        out.push(format!("verify: status {both} is both live and invalid"));
    }
    if spec
        .live_field
        .as_deref()
        .is_some_and(|p| !p.starts_with('/'))
    {
        out.push("verify.live_field must be a JSON pointer (starting with /)".to_string());
    }
    for (pointer, value) in &spec.invalid_if {
        if !pointer.starts_with('/') {
            out.push(format!(
                "verify.invalid_if {pointer:?} must be a JSON pointer (starting with /)"
            ));
        }
        if value.is_empty() {
            out.push(format!("verify.invalid_if.{pointer:?} names no value"));
        }
    }
    for (label, at) in &spec.identity {
        if !(at.starts_with('/') || at.starts_with("header:")) {
            out.push(format!(
                "verify.identity.{label} must be a JSON pointer (starting with /) or header:NAME"
            ));
        }
    }
    out
}

/// The names a template uses, in order (with repeats); `{{` and `}}` are literal
/// braces.
pub fn names(template: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        let tail = &rest[at..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            rest = &tail[2..];
            continue;
        }
        if tail.starts_with('}') {
            return Err(format!(
                "`}}` without `{{` in {template:?} (write `}}}}` for a brace)"
            ));
        }
        let close = tail.find('}').ok_or_else(|| {
            format!("`{{` without `}}` in {template:?} (write `{{{{` for a brace)")
        })?;
        out.push(&tail[1..close]);
        rest = &tail[close + 1..];
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> VerifySpec {
        VerifySpec {
            provider: "github".into(),
            base: "https://api.github.com".into(),
            method: "GET".into(),
            path: "/user".into(),
            headers: [("Authorization".to_string(), "Bearer {secret}".to_string())].into(),
            basic_auth: None,
            body: None,
            live: vec![200],
            invalid: vec![401],
            live_field: None,
            invalid_if: Default::default(),
            identity: [("user".to_string(), "/login".to_string())].into(),
        }
    }

    #[test]
    fn a_sound_section_passes() {
        assert_eq!(problems(&spec()), Vec::<String>::new());
    }

    #[test]
    fn unsafe_or_unusable_sections_are_named() {
        let mut s = spec();
        s.base = "http://api.github.com".into();
        s.method = "DELETE".into();
        s.headers.insert("X".into(), "{token}".into());
        s.invalid = vec![200, 401];
        let p = problems(&s).join("\n");
        for what in [
            "https://",
            "GET, HEAD or POST",
            "{token}",
            "both live and invalid",
        ] {
            assert!(p.contains(what), "{what} in {p}");
        }
        let mut s = spec();
        s.headers.clear();
        s.base = "https://{key_id}.example.com".into();
        let p = problems(&s).join("\n");
        assert!(
            p.contains("sends no {secret}") && p.contains("fixed host"),
            "{p}"
        );
        for base in [
            "https:///x",
            "https://:443",
            "https://[::1",
            "https://host.example:99999",
            "https://h_st.example",
        ] {
            let mut s = spec();
            s.base = base.into();
            assert!(problems(&s).join("\n").contains("fixed host"), "{base}");
        }
        let mut s = spec();
        s.invalid_if
            .insert("error/reason".into(), "KEY_INVALID".into());
        s.invalid_if.insert("/error/code".into(), String::new());
        let p = problems(&s).join("\n");
        assert!(
            p.contains("invalid_if \"error/reason\" must be a JSON pointer")
                && p.contains("names no value"),
            "{p}"
        );
        assert!(names("{secret").is_err() && names("x}").is_err());
        assert_eq!(
            names("a{secret}b{key_id}").unwrap(),
            vec!["secret", "key_id"]
        );
        assert_eq!(
            names(r#"{{"q":"{{ viewer }}"}}"#).unwrap(),
            Vec::<&str>::new()
        );
    }
}
