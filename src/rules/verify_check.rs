//! What a rule's `verify` section must be before any request is built from it.

use super::schema::VerifySpec;

/// The template names every rule may use.
const BUILT_IN: [&str; 3] = ["secret", "key_id", "secret_path"];

/// The most values a rule may look for near its secret.
const MAX_NEAR: usize = 8;

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
    let rest = spec.base.strip_prefix("https://");
    // `https://{label}.fixed.host`: a value found near the secret as the host's whole
    // leftmost label, under a fixed domain of at least two labels.
    let labelled = rest.and_then(|r| {
        let (label, host) = r.strip_prefix('{')?.split_once("}.")?;
        well_formed(label).then_some((label, host))
    });
    match (rest, labelled) {
        (_, Some((label, host))) if fixed_host(host) => {
            if !spec.near.contains_key(label) {
                out.push(format!(
                    "verify.base names {{{label}}}, which verify.near does not declare (a \
                     base is a fixed host but for one label of verify.near)"
                ));
            }
        }
        (Some(rest), None) if fixed_host(rest) => {}
        _ => out.push(format!(
            "verify.base {:?} must be https:// and a fixed host (no user, query, fragment or \
             template but one {{label}} of verify.near as the whole first DNS label)",
            spec.base
        )),
    }
    if spec.near.len() > MAX_NEAR {
        out.push(format!(
            "verify.near declares {} values: at most {MAX_NEAR}",
            spec.near.len()
        ));
    }
    for (label, pattern) in &spec.near {
        if !well_formed(label) || BUILT_IN.contains(&label.as_str()) {
            out.push(format!(
                "verify.near.{label}: a label is lowercase letters, digits and _ (starting \
                 with a letter), and not secret, key_id or secret_path"
            ));
        }
        if let Err(e) = super::compile_near(pattern) {
            out.push(format!(
                "verify.near.{label}: the regex cannot be used: {e}"
            ));
        }
    }
    let mut named: Vec<&str> = labelled.map(|(l, _)| l).into_iter().collect();
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
                    .filter(|n| !BUILT_IN.contains(*n) && !spec.near.contains_key(**n))
                {
                    out.push(format!(
                        "verify.{field} names {{{n}}}: only {{secret}}, {{key_id}}, \
                         {{secret_path}} and the labels of verify.near exist"
                    ));
                }
                named.extend(names);
            }
            Err(e) => out.push(format!("verify.{field}: {e}")),
        }
    }
    named.extend(
        spec.identity
            .values()
            .filter_map(|v| v.strip_prefix("near:")),
    );
    for label in spec.near.keys().filter(|l| !named.contains(&l.as_str())) {
        out.push(format!(
            "verify.near.{label} is named by no template or identity: it would be searched \
             for nothing"
        ));
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
    for (label, at) in &spec.identity {
        let near = at.strip_prefix("near:");
        if !(at.starts_with('/') || at.starts_with("header:") || near.is_some()) {
            out.push(format!(
                "verify.identity.{label} must be a JSON pointer (starting with /), header:NAME \
                 or near:LABEL"
            ));
        }
        if let Some(n) = near.filter(|n| !spec.near.contains_key(*n)) {
            out.push(format!(
                "verify.identity.{label} names near:{n}, which verify.near does not declare"
            ));
        }
    }
    out
}

/// A `near` label: lowercase letters, digits and `_`, starting with a letter.
fn well_formed(label: &str) -> bool {
    label.starts_with(|c: char| c.is_ascii_lowercase())
        && label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
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
            identity: [("user".to_string(), "/login".to_string())].into(),
            near: Default::default(),
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

    fn near(pairs: &[(&str, &str)]) -> std::collections::BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(l, p)| (l.to_string(), p.to_string()))
            .collect()
    }

    #[test]
    fn near_values_need_a_value_group_a_regex_that_compiles_and_a_use() {
        let mut s = spec();
        s.base = "https://{shop}.myshopify.com".into();
        s.path = "/admin/{user}".into();
        s.near = near(&[
            ("shop", r"(?P<value>[a-z0-9-]+)\.myshopify\.com"),
            ("user", r"user=(?P<value>\w+)"),
        ]);
        assert_eq!(problems(&s), Vec::<String>::new());
        s.near = near(&[
            ("shop", r"([a-z0-9-]+)\.myshopify\.com"),
            ("user", r"user=(?P<value>\w+"),
            ("unused", r"(?P<value>x)"),
            ("key_id", r"(?P<value>x)"),
            ("Bad-Label", r"(?P<value>x)"),
        ]);
        let p = problems(&s).join("\n");
        for what in [
            "verify.near.shop: the regex cannot be used: it has no `value` group",
            "verify.near.user: the regex cannot be used",
            "verify.near.unused is named by no template",
            "verify.near.key_id: a label is",
            "verify.near.Bad-Label: a label is",
        ] {
            assert!(p.contains(what), "{what} in {p}");
        }
        assert!(!p.contains('\n') || p.lines().all(|l| !l.is_empty()));
    }

    #[test]
    fn identity_may_show_a_declared_near_value() {
        let mut s = spec();
        s.near = near(&[("tenant", r"tenant=(?P<value>[0-9a-f-]+)")]);
        s.identity.insert("tenant".into(), "near:tenant".into());
        assert_eq!(problems(&s), Vec::<String>::new());
        s.identity.insert("app".into(), "near:app".into());
        let p = problems(&s).join("\n");
        assert!(
            p.contains("verify.identity.app names near:app, which verify.near does not declare"),
            "{p}"
        );
    }

    #[test]
    fn a_base_takes_one_declared_label_as_its_whole_first_dns_label() {
        let mut s = spec();
        s.near = near(&[("shop", r"(?P<value>\w+)\.myshopify\.com")]);
        s.base = "https://{shop}.myshopify.com".into();
        assert_eq!(problems(&s), Vec::<String>::new());
        s.path = "/{site}".into();
        assert!(problems(&s).join("\n").contains("names {site}: only"));
        s.path = "/user".into();
        for base in [
            "https://{shop}.com",
            "https://x{shop}.myshopify.com",
            "https://{shop}x.myshopify.com",
            "https://api.{shop}.example.com",
            "https://{shop}.{shop}.example.com",
            "https://{shop}.example.com/{shop}",
            "https://{shop}.example.com@evil.example",
            "https://{{shop}}.example.com",
        ] {
            s.base = base.into();
            assert!(
                problems(&s).join("\n").contains("fixed host"),
                "{base}: {:?}",
                problems(&s)
            );
        }
        s.base = "https://{site}.example.com".into();
        let p = problems(&s).join("\n");
        assert!(
            p.contains("names {site}, which verify.near does not declare"),
            "{p}"
        );
    }
}
