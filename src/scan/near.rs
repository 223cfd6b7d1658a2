//! The values a rule's `verify.near` asks for (a tenant ID, a client ID, a shop's
//! subdomain), found in the text around one of its secrets while the worker still has
//! that text. Only rules with `near` pay anything.

use regex::bytes::{Captures, Regex};

use crate::detect::Match;
use crate::rules::Rule;

/// How far from the secret a value may be, before its start or after its end.
pub(crate) const NEAR_DISTANCE: usize = 4096;

/// The longest value kept (a DNS name is at most 253 characters).
const MAX_VALUE: usize = 253;

/// Text searched beyond [`NEAR_DISTANCE`] on each side, so that a match the window's
/// edge would cut (`ourteam-acme.atlassian.net` cut to `acme.atlassian.net`, a
/// different host) is seen whole; its distance still decides whether it is used.
const CONTEXT: usize = 1024;

/// Values by label: `(label, value)`.
pub(crate) type Labelled = Vec<(String, String)>;

/// For each of the rule's `near` labels, the `value` capture of the nearest match (the
/// whole match counts) within [`NEAR_DISTANCE`] of the secret `m` found in `text`, by
/// label; and, second, the rivals: for a label whose value is not in the secret
/// itself, another value found within reach (the choice is then a guess). A match
/// overlapping the secret is at distance 0 (Mailchimp's data centre is the key's
/// suffix); for a decoded secret, its clear text is searched first. Values outside a
/// conservative character set ([`acceptable`]) are passed over.
pub(crate) fn values(rule: &Rule, text: &[u8], m: &Match) -> (Labelled, Labelled) {
    let regexes = rule.near();
    if regexes.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let (start, end) = (m.start.min(text.len()), m.end.min(text.len()));
    let from = start.saturating_sub(NEAR_DISTANCE + CONTEXT);
    let to = end.saturating_add(NEAR_DISTANCE + CONTEXT).min(text.len());
    let window = &text[from..to];
    let clear = m.decoded.as_ref().map(|d| d.secret.as_slice());
    let mut values = Vec::new();
    let mut rivals = Vec::new();
    for (label, re) in regexes {
        let in_clear = clear.and_then(|c| {
            re.captures_iter(c)
                .filter_map(|caps| value_of(re, &caps))
                .map(|v| v.as_bytes())
                .find(|v| acceptable(v))
        });
        if let Some(v) = in_clear {
            values.push((label.clone(), String::from_utf8_lossy(v).into_owned()));
            continue;
        }
        let mut found: Vec<(usize, &[u8])> = re
            .captures_iter(window)
            .filter_map(|caps| Some((caps.get(0)?, value_of(re, &caps)?)))
            .filter(|(_, v)| acceptable(v.as_bytes()))
            .map(|(whole, v)| {
                let (vs, ve) = (from + whole.start(), from + whole.end());
                // 0 for a match overlapping the secret.
                let distance = start.saturating_sub(ve).max(vs.saturating_sub(end));
                (distance, v.as_bytes())
            })
            .filter(|&(d, _)| d <= NEAR_DISTANCE)
            .collect();
        // The nearest; the first of equally near values: the one before the secret.
        found.sort_by_key(|&(d, _)| d);
        let Some(&(distance, value)) = found.first() else {
            continue;
        };
        // A value written in the secret itself (Mailchimp's data centre) is certain;
        // otherwise another value within reach makes the choice a guess.
        if distance > 0
            && let Some(&(_, other)) = found.iter().find(|(_, v)| !v.eq_ignore_ascii_case(value))
        {
            rivals.push((label.clone(), String::from_utf8_lossy(other).into_owned()));
        }
        values.push((label.clone(), String::from_utf8_lossy(value).into_owned()));
    }
    (values, rivals)
}

/// The value a match gives: its `value` group, or else the first `value_…` group that
/// took part (a regex with several forms, such as `dev.azure.com/ORG` and
/// `ORG.visualstudio.com`, names one group per form: a group name is used once).
fn value_of<'h>(re: &Regex, caps: &Captures<'h>) -> Option<regex::bytes::Match<'h>> {
    caps.name("value").or_else(|| {
        re.capture_names()
            .flatten()
            .filter(|n| n.starts_with("value_"))
            .find_map(|n| caps.name(n))
    })
}

/// Whether a value may be used: 1 to 253 ASCII letters, digits, `.`, `_`, `-`, `@`
/// and `+` (identifiers, names, e-mail addresses), at least one a letter or digit.
/// Nothing that could end a header, start a query, a path segment or an authority.
pub(crate) fn acceptable(value: &[u8]) -> bool {
    (1..=MAX_VALUE).contains(&value.len())
        && value
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'@' | b'+'))
        && value.iter().any(u8::is_ascii_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The values kept, without their rivals.
    fn kept(rule: &Rule, text: &[u8], m: &Match) -> Vec<(String, String)> {
        values(rule, text, m).0
    }

    #[test]
    fn another_value_within_reach_is_a_rival_unless_the_secret_holds_the_value() {
        let r = rule(&[("shop", r"(?P<value>[a-z0-9-]+)\.myshopify\.com")]);
        let text = "a.myshopify.com tok_abcdefgh b.myshopify.com";
        let (kept, rivals) = values(&r, text.as_bytes(), &at(text, "tok_abcdefgh"));
        assert_eq!(kept, vec![("shop".to_string(), "a".to_string())]);
        assert_eq!(rivals, vec![("shop".to_string(), "b".to_string())]);
        // The same value twice is no rival.
        let text = "a.myshopify.com tok_abcdefgh A.myshopify.com";
        assert!(
            values(&r, text.as_bytes(), &at(text, "tok_abcdefgh"))
                .1
                .is_empty()
        );
    }
    use crate::rules::VerifySpec;

    fn rule(near: &[(&str, &str)]) -> Rule {
        let mut r = Rule::for_test("t", r"tok_[a-z0-9]{8}", &["tok_"]);
        r.def.verify = Some(VerifySpec {
            provider: "t".into(),
            base: "https://api.t.example".into(),
            path: "/".into(),
            live: vec![200],
            invalid: vec![401],
            near: near
                .iter()
                .map(|(l, p)| (l.to_string(), p.to_string()))
                .collect(),
            ..VerifySpec::default()
        });
        r
    }

    fn at(text: &str, needle: &str) -> Match {
        let start = text.find(needle).unwrap();
        Match::new(0, start, start + needle.len())
    }

    #[test]
    fn the_nearest_value_on_either_side_wins() {
        let r = rule(&[("shop", r"(?P<value>[a-z0-9-]+)\.myshopify\.com")]);
        let text = "far.myshopify.com\nx\ntoken=tok_abcdefgh\nnear.myshopify.com\n";
        assert_eq!(
            kept(&r, text.as_bytes(), &at(text, "tok_abcdefgh")),
            vec![("shop".to_string(), "near".to_string())]
        );
        let text = "before.myshopify.com tok_abcdefgh\n\n\n\nafter.myshopify.com";
        assert_eq!(
            kept(&r, text.as_bytes(), &at(text, "tok_abcdefgh"))[0].1,
            "before"
        );
    }

    #[test]
    fn a_value_too_far_away_or_outside_the_character_set_is_not_used() {
        let r = rule(&[("user", r#"user="(?P<value>[^"]*)""#)]);
        let text = format!(
            "user=\"far\"\n{}\ntok_abcdefgh\n",
            "#".repeat(NEAR_DISTANCE)
        );
        assert!(kept(&r, text.as_bytes(), &at(&text, "tok_abcdefgh")).is_empty());
        for hostile in ["evil.com/x", "a b", "ünï", "x\r\nHost: y", "..", ""] {
            let text = format!("user=\"{hostile}\" tok_abcdefgh");
            assert!(
                kept(&r, text.as_bytes(), &at(&text, "tok_abcdefgh")).is_empty(),
                "{hostile}"
            );
        }
        // A refused value does not hide an acceptable one further away.
        let text = "user=\"ok-user\"\nuser=\"bad/one\" tok_abcdefgh";
        assert_eq!(
            kept(&r, text.as_bytes(), &at(text, "tok_abcdefgh"))[0].1,
            "ok-user"
        );
    }

    #[test]
    fn a_name_cut_by_the_windows_edge_is_read_whole() {
        let r = rule(&[(
            "site",
            r"(?i)\b(?P<value>[a-z0-9][a-z0-9-]{0,62})\.atlassian\.net\b",
        )]);
        let head = "url = https://ourteam-acme-corp.atlassian.net\n";
        let cut = head.find("acme-corp").unwrap();
        let tail = "token = ";
        // The 4 KiB before the secret begin at `acme-corp`, inside the name.
        let filler = "#".repeat(cut + NEAR_DISTANCE - head.len() - tail.len());
        let text = format!("{head}{filler}{tail}tok_abcdefgh\n");
        let m = at(&text, "tok_abcdefgh");
        assert_eq!(m.start - NEAR_DISTANCE, cut);
        assert_eq!(
            kept(&r, text.as_bytes(), &m),
            vec![("site".to_string(), "ourteam-acme-corp".to_string())]
        );
    }

    #[test]
    fn a_value_inside_the_secret_is_at_distance_zero() {
        let r = rule(&[("dc", r"tok_[a-z0-9]{4}(?P<value>[a-z0-9]{4})")]);
        let text = "tok_aaaabbbb tok_abcdefgh tok_ccccdddd";
        assert_eq!(
            kept(&r, text.as_bytes(), &at(text, "tok_abcdefgh"))[0].1,
            "efgh"
        );
        assert!(kept(&rule(&[]), text.as_bytes(), &at(text, "tok_abcdefgh")).is_empty());
    }

    #[test]
    fn a_regex_with_several_forms_gives_the_group_of_the_form_that_matched() {
        let r = rule(&[(
            "org",
            r"dev\.azure\.com/(?P<value>[a-z0-9-]+)|(?P<value_vs>[a-z0-9-]+)\.visualstudio\.com",
        )]);
        let text = "url = https://contoso.visualstudio.com/x tok_abcdefgh";
        assert_eq!(
            kept(&r, text.as_bytes(), &at(text, "tok_abcdefgh")),
            vec![("org".to_string(), "contoso".to_string())]
        );
        let text = "tok_abcdefgh https://dev.azure.com/fabrikam/_git/api";
        assert_eq!(
            kept(&r, text.as_bytes(), &at(text, "tok_abcdefgh"))[0].1,
            "fabrikam"
        );
    }

    #[test]
    fn acceptable_values_are_identifiers() {
        for ok in [
            "us6",
            "0f8e3b0c-1d2e-4f5a-8b9c-0d1e2f3a4b5c",
            "a.b@x.example",
            "A_b+c",
        ] {
            assert!(acceptable(ok.as_bytes()), "{ok}");
        }
        for bad in ["", "-", "a/b", "a?b", "a%2fb", "a:b", "é", &"a".repeat(254)] {
            assert!(!acceptable(bad.as_bytes()), "{bad}");
        }
    }
}
