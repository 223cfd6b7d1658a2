//! What a rule's `verify` and `revoke` sections must be before any request is built
//! from them.

use super::schema::VerifySpec;

/// The verifiers written in code that a `verify.verifier` may name (`src/verify/coded.rs`
/// implements each; a unit test there keeps the two lists the same).
pub const CODED_VERIFIERS: &[&str] = &[
    "aws-sts",
    "google-service-account",
    "azure-client-credentials",
];

/// The domains each coded verifier's requests may go to, beside a loopback host (a
/// local mock): its provider's own. The signed verifiers send no secret but a request
/// that their provider accepts for a while (an STS signature for about 15 minutes, a
/// Google assertion for an hour), so any other host could replay it; Entra ID's sends
/// the client secret itself, and only to Entra ID's own clouds.
pub fn coded_domains(name: &str) -> &'static [&'static str] {
    match name {
        "aws-sts" => &["amazonaws.com", "amazonaws.com.cn"],
        "google-service-account" => &["googleapis.com"],
        // Entra ID's public, US Government and China clouds.
        "azure-client-credentials" => &[
            "microsoftonline.com",
            "microsoftonline.us",
            "chinacloudapi.cn",
        ],
        _ => &[],
    }
}

/// Whether `host` (lower-case, without port) is a name under one of the domains of
/// the coded verifier `name` (`sts.amazonaws.com`, not `amazonaws.com.evil.example`).
pub fn coded_host_allowed(name: &str, host: &str) -> bool {
    coded_domains(name).iter().any(|domain| {
        host.strip_suffix(domain)
            .and_then(|rest| rest.strip_suffix('.'))
            .is_some_and(|rest| !rest.is_empty() && !rest.ends_with('.'))
    })
}

/// The `near` labels each coded verifier reads (`src/verify/coded.rs`): a rule naming
/// the verifier may declare these, and no others (a value nobody reads would be
/// searched for nothing).
pub fn coded_near_labels(name: &str) -> &'static [&'static str] {
    match name {
        // The service account's address (the JWT's issuer), the key's ID (its `kid`)
        // and the project (shown), from the key file around the private key.
        "google-service-account" => &["client_email", "private_key_id", "project_id"],
        // The app's tenant (in the token endpoint's path) and client ID.
        "azure-client-credentials" => &["tenant", "client_id"],
        _ => &[],
    }
}
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
    if let Some(name) = &spec.verifier {
        coded_problems(spec, name, &mut out);
        return out;
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

/// The problems of a `revoke` section: those of a `verify` section (a fixed https
/// host, known templates, a `{secret}` sent, live and invalid codes apart), named for
/// `revoke`, except that its method is `POST` or `DELETE` (revoking changes the
/// provider's state; a read-only method cannot).
pub fn revoke_problems(spec: &VerifySpec) -> Vec<String> {
    // Every message of `problems` names its section (`verify.near` too), renamed here;
    // the method is checked here instead.
    let as_verify = VerifySpec {
        method: "POST".to_string(),
        ..spec.clone()
    };
    let mut out: Vec<String> = problems(&as_verify)
        .into_iter()
        .map(|p| p.replace("verify", "revoke"))
        .collect();
    if !matches!(spec.method.as_str(), "POST" | "DELETE") {
        out.push(format!(
            "revoke.method {:?} must be POST or DELETE",
            spec.method
        ));
    } else if spec.body.is_some() && spec.method != "POST" {
        out.push("revoke.body needs method POST".to_string());
    }
    if !spec.identity.is_empty() {
        out.push("revoke.identity is not read: an owner is what verify finds".to_string());
    }
    if spec.verifier.is_some() {
        out.push(
            "revoke.verifier: revocation is a template request; no coded verifier revokes"
                .to_string(),
        );
    }
    if !spec.near.is_empty() {
        out.push("revoke.near: a revocation is sent with the secret alone".to_string());
    }
    out
}

/// The problems of a section that names a coded verifier: a known name, none of the
/// template fields (the verifier builds its own request; a template beside it would be
/// silently ignored), and only the `near` labels the verifier reads.
fn coded_problems(spec: &VerifySpec, name: &str, out: &mut Vec<String>) {
    if !CODED_VERIFIERS.contains(&name) {
        out.push(format!(
            "verify.verifier {name:?} is not a coded verifier (known: {})",
            CODED_VERIFIERS.join(", ")
        ));
    }
    let set = [
        ("method", spec.method != "GET"),
        ("path", !spec.path.is_empty()),
        ("headers", !spec.headers.is_empty()),
        ("basic_auth", spec.basic_auth.is_some()),
        ("body", spec.body.is_some()),
        ("live", !spec.live.is_empty()),
        ("invalid", !spec.invalid.is_empty()),
        ("live_field", spec.live_field.is_some()),
        ("invalid_if", !spec.invalid_if.is_empty()),
        ("identity", !spec.identity.is_empty()),
    ];
    for (field, _) in set.iter().filter(|(_, is_set)| *is_set) {
        out.push(format!(
            "verify.{field} is a template field: the coded verifier {name:?} builds its own \
             request and reads its own answer"
        ));
    }
    if !CODED_VERIFIERS.contains(&name) {
        return;
    }
    // The host (a `{label}` as one label), which must be the provider's own.
    let authority = spec
        .base
        .strip_prefix("https://")
        .and_then(|r| r.split('/').next())
        .unwrap_or("");
    let host = authority
        .split(':')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let host = match host.strip_prefix('{').and_then(|r| r.split_once("}.")) {
        Some((_, rest)) => format!("x.{rest}"),
        None => host,
    };
    if !coded_host_allowed(name, &host) {
        out.push(format!(
            "verify.base {:?}: the coded verifier {name:?} signs a request its provider \
             accepts for a while, so it is only sent to a host under {}",
            spec.base,
            coded_domains(name).join(" or ")
        ));
    }
    let reads = coded_near_labels(name);
    for label in spec.near.keys().filter(|l| !reads.contains(&l.as_str())) {
        let known = if reads.is_empty() {
            "none".to_string()
        } else {
            reads.join(", ")
        };
        out.push(format!(
            "verify.near.{label}: the coded verifier {name:?} does not read it (it reads: \
             {known})"
        ));
    }
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
            path: "/user".into(),
            headers: [("Authorization".to_string(), "Bearer {secret}".to_string())].into(),
            live: vec![200],
            invalid: vec![401],
            identity: [("user".to_string(), "/login".to_string())].into(),
            ..VerifySpec::default()
        }
    }

    #[test]
    fn a_sound_section_passes() {
        assert_eq!(problems(&spec()), Vec::<String>::new());
    }

    #[test]
    fn a_coded_verifier_has_a_known_name_and_no_template_fields() {
        let coded = VerifySpec {
            provider: "aws".into(),
            base: "https://sts.amazonaws.com".into(),
            verifier: Some("aws-sts".into()),
            ..VerifySpec::default()
        };
        assert_eq!(problems(&coded), Vec::<String>::new());
        let mut s = coded.clone();
        s.verifier = Some("aws-sigv5".into());
        let p = problems(&s).join("\n");
        assert!(
            p.contains(
                "\"aws-sigv5\" is not a coded verifier (known: aws-sts, google-service-account, \
                 azure-client-credentials)"
            ),
            "{p}"
        );
        let mut s = coded.clone();
        s.path = "/".into();
        s.live = vec![200];
        s.headers.insert("Authorization".into(), "{secret}".into());
        let p = problems(&s);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p.iter().all(|l| l.contains("is a template field")), "{p:?}");
        // The base is checked as for any section, and must be the provider's own.
        let mut s = coded.clone();
        s.base = "http://sts.amazonaws.com".into();
        assert!(problems(&s).join("\n").contains("fixed host"));
        for (verifier, base) in [
            ("aws-sts", "https://sts.us-east-2.amazonaws.com"),
            ("aws-sts", "https://sts.cn-north-1.amazonaws.com.cn/"),
            ("google-service-account", "https://oauth2.googleapis.com"),
        ] {
            s.verifier = Some(verifier.into());
            s.base = base.into();
            assert_eq!(problems(&s), Vec::<String>::new(), "{base}");
        }
        for (verifier, base) in [
            ("aws-sts", "https://sts.elsewhere.example"),
            ("aws-sts", "https://sts.amazonaws.com.elsewhere.example"),
            ("aws-sts", "https://evilamazonaws.com"),
            (
                "google-service-account",
                "https://oauth2.googleapis.com.example",
            ),
            ("google-service-account", "https://sts.amazonaws.com"),
        ] {
            s.verifier = Some(verifier.into());
            s.base = base.into();
            let p = problems(&s).join("\n");
            assert!(p.contains("is only sent to a host under"), "{base}: {p}");
        }
        // Near values the verifier reads are accepted without a template naming them;
        // others are refused.
        let mut s = coded.clone();
        s.verifier = Some("google-service-account".into());
        s.base = "https://oauth2.googleapis.com".into();
        s.near.insert(
            "client_email".into(),
            r#""client_email":\s*"(?P<value>[^"]+)""#.into(),
        );
        assert_eq!(problems(&s), Vec::<String>::new());
        s.near.insert("tenant".into(), "(?P<value>t)".into());
        assert_eq!(
            problems(&s),
            vec![
                "verify.near.tenant: the coded verifier \"google-service-account\" does not \
                 read it (it reads: client_email, private_key_id, project_id)"
                    .to_string()
            ]
        );
        s.verifier = Some("aws-sts".into());
        s.near.remove("tenant");
        assert!(
            problems(&s)
                .join("\n")
                .contains("does not read it (it reads: none)")
        );
        // Without a verifier, the template fields are required again.
        let mut s = spec();
        s.path = String::new();
        s.live.clear();
        let p = problems(&s).join("\n");
        assert!(
            p.contains("verify.path must start with /") && p.contains("verify.live must list"),
            "{p}"
        );
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
        let mut r = spec();
        r.identity.clear();
        r.method = "DELETE".into();
        assert_eq!(revoke_problems(&r), Vec::<String>::new());
        r.method = "GET".into();
        r.base = "http://gitlab.com".into();
        r.headers.clear();
        let p = revoke_problems(&r).join("\n");
        for what in [
            "revoke.method \"GET\" must be POST or DELETE",
            "revoke.base",
            "revoke sends no {secret}",
        ] {
            assert!(p.contains(what), "{what} in {p}");
        }
        assert!(!p.contains("verify"), "{p}");
        let mut r = spec();
        r.method = "DELETE".into();
        r.body = Some("token={secret}".into());
        let p = revoke_problems(&r).join("\n");
        assert!(
            p.contains("revoke.body needs method POST") && p.contains("revoke.identity"),
            "{p}"
        );
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
