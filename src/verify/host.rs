//! A rule's base URL whose host begins with a value found near the secret
//! (`https://{shop}.myshopify.com`): the value may only be one DNS label, so a scanned
//! file can choose a subdomain of the provider's own domain and nothing else.

/// Why a labelled base URL could not be filled.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Unlabelled {
    /// No value for the label was found near the secret.
    Missing(String),
    /// The value found is not one DNS label.
    NotALabel(String),
    /// The value is a name providers give their own sites (`developer`, `www`,
    /// `status`…), not an account's: a link in a comment, not the secret's tenant.
    NotATenant(String, String),
}

impl Unlabelled {
    pub(crate) fn reason(&self) -> String {
        match self {
            Unlabelled::Missing(label) => format!("no {label} found near the secret"),
            Unlabelled::NotALabel(label) => format!(
                "the {label} found near the secret is not one DNS label (letters, digits and \
                 dashes), so it cannot name the host"
            ),
            Unlabelled::NotATenant(label, value) => format!(
                "the {label} found near the secret ({value}) names one of the provider's own \
                 sites, not an account's: not sent"
            ),
        }
    }
}

/// The base URL with its `{label}` (the whole first label of the host, as `rules
/// check` requires) replaced by the value found near the secret, lower-cased; a base
/// without a label as it is.
pub(crate) fn fill_base(base: &str, near: &[(String, String)]) -> Result<String, Unlabelled> {
    let Some((label, rest)) = base
        .strip_prefix("https://{")
        .and_then(|r| r.split_once("}."))
    else {
        return Ok(base.to_string());
    };
    let value = near
        .iter()
        .find(|(l, _)| l == label)
        .map(|(_, v)| v.to_ascii_lowercase())
        .ok_or_else(|| Unlabelled::Missing(label.to_string()))?;
    if !dns_label(&value) {
        return Err(Unlabelled::NotALabel(label.to_string()));
    }
    if SITE_LABELS.contains(&value.as_str()) {
        return Err(Unlabelled::NotATenant(label.to_string(), value));
    }
    Ok(format!("https://{value}.{rest}"))
}

/// First labels that providers use for their own sites under the domain that also
/// holds their customers' (`developer.okta.com`, `www.atlassian.net`,
/// `status.…`): a link to one beside a secret is documentation, not the secret's
/// tenant, and the secret is not sent there.
const SITE_LABELS: &[&str] = &[
    "about",
    "account",
    "accounts",
    "admin",
    "api",
    "app",
    "apps",
    "assets",
    "auth",
    "blog",
    "cdn",
    "community",
    "console",
    "dashboard",
    "dev",
    "developer",
    "developers",
    "doc",
    "docs",
    "download",
    "example",
    "forum",
    "help",
    "id",
    "identity",
    "info",
    "learn",
    "login",
    "mail",
    "my",
    "partners",
    "portal",
    "sandbox",
    "sso",
    "static",
    "status",
    "store",
    "support",
    "test",
    "trust",
    "web",
    "www",
];

/// One DNS label: 1 to 63 of `a-z`, `0-9` and `-`, not starting or ending with `-`.
fn dns_label(value: &str) -> bool {
    (1..=63).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !value.starts_with('-')
        && !value.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(label: &str, value: &str) -> Vec<(String, String)> {
        vec![(label.to_string(), value.to_string())]
    }

    #[test]
    fn a_value_becomes_the_hosts_first_label_under_the_fixed_domain() {
        assert_eq!(
            fill_base("https://{dc}.api.mailchimp.com", &near("dc", "US6")).unwrap(),
            "https://us6.api.mailchimp.com"
        );
        assert_eq!(
            fill_base("https://{shop}.myshopify.com/x", &near("shop", "my-shop-2")).unwrap(),
            "https://my-shop-2.myshopify.com/x"
        );
        assert_eq!(
            fill_base("https://api.github.com", &[]).unwrap(),
            "https://api.github.com"
        );
    }

    #[test]
    fn a_providers_own_site_is_not_a_tenant() {
        for site in ["developer", "WWW", "status", "docs"] {
            assert_eq!(
                fill_base("https://{org}.okta.com", &near("org", site)),
                Err(Unlabelled::NotATenant(
                    "org".into(),
                    site.to_ascii_lowercase()
                )),
                "{site}"
            );
        }
        assert!(fill_base("https://{org}.okta.com", &near("org", "dev-314159")).is_ok());
    }

    #[test]
    fn nothing_but_one_label_is_accepted() {
        let base = "https://{shop}.myshopify.com";
        for hostile in [
            "evil.com/",
            "a.b",
            "evil.com#",
            "x@evil.com",
            "ünïcode",
            "-lead",
            "trail-",
            "a:1",
            "",
            &"a".repeat(64),
        ] {
            assert_eq!(
                fill_base(base, &near("shop", hostile)),
                Err(Unlabelled::NotALabel("shop".into())),
                "{hostile}"
            );
        }
        assert_eq!(
            fill_base(base, &near("other", "x")),
            Err(Unlabelled::Missing("shop".into()))
        );
        assert!(
            Unlabelled::Missing("shop".into())
                .reason()
                .contains("no shop found near the secret")
        );
    }
}
