//! `leakhound revoke`: one revocation request for one secret, built from its rule's
//! `revoke` section and sent with the client, checks and template filling that
//! verification uses. Nothing here decides whether to send: the command asks first.

use std::time::Duration;

use super::request::{Answer, Base, agent, send};
use super::run::known_provider;
use super::template::{Escape, Values, fill};
use crate::finding::VerifyStatus;
use crate::rules::{RuleSet, VerifySpec};

/// What would be sent, shown before asking and under `--dry-run`. It never holds the
/// secret: the path and body are shown as templates.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The rule's provider name, as `--provider NAME=URL` maps it.
    pub provider: String,
    pub method: String,
    /// The URL with the path template as written (`{secret}` unfilled).
    pub url: String,
    /// The host the secret goes to.
    pub host: String,
    /// Where the base URL came from: `built-in`, `rule file …` or `--provider NAME`.
    pub origin: String,
    /// The names of the headers sent (their values may hold the secret).
    pub header_names: Vec<String>,
    /// The body template, if any (`{secret}` unfilled).
    pub body: Option<String>,
    base: Base,
}

/// What the provider answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revoked {
    /// The provider revoked the secret, or accepted it for revocation.
    Done,
    /// The provider said the secret was not valid anymore: nothing left to revoke.
    AlreadyInvalid(String),
    /// Not revoked: refused, rate limited, not understood, or not sent; the reason.
    Failed(String),
}

/// The rules that can be revoked: whether rule `index` has a `revoke` section.
pub fn can_revoke(rules: &RuleSet, index: usize) -> bool {
    rules.get(index).def.revoke.is_some()
}

/// Checks `--provider NAME=URL` mappings: each names a provider some rule revokes
/// with, and a base URL that verification would accept (https, or http to a loopback
/// host; no user, query or fragment).
pub fn check_providers(rules: &RuleSet, providers: &[(String, String)]) -> Result<(), String> {
    for (name, url) in providers {
        known_provider(rules, name, |d| d.revoke.as_ref(), "revokes")
            .map_err(|e| format!("--provider {name}: {e}"))?;
        Base::parse(url).map_err(|e| format!("--provider {name}: {e}"))?;
    }
    Ok(())
}

/// The request rule `index` would send, with its base URL mapped by `providers` (the
/// last mapping of a name wins, as for `--verify-provider`).
pub fn plan(rules: &RuleSet, index: usize, providers: &[(String, String)]) -> Result<Plan, String> {
    let rule = rules.get(index);
    let spec: &VerifySpec = rule.def.revoke.as_ref().ok_or_else(|| {
        format!(
            "rule {} has no revoke section: {} offers no revocation leakhound can ask for",
            rule.id(),
            rule.provider
        )
    })?;
    let mapped = providers.iter().rev().find(|(n, _)| *n == spec.provider);
    let (url, origin) = match mapped {
        Some((name, url)) => (url.as_str(), format!("--provider {name}")),
        None if RuleSet::builtin().holds(rule) => (spec.base.as_str(), "built-in".into()),
        None => (spec.base.as_str(), format!("rule file {}", rule.source)),
    };
    let base = Base::parse(url)?;
    // Shown, never sent: the templates with their names in place of the values.
    let shown = Values {
        secret: "{secret}",
        key_id: Some("{key_id}"),
        secret_path: Some("{secret_path}"),
        near: &[],
    };
    let path = fill(&spec.path, &shown, Escape::None).unwrap_or_else(|_| spec.path.clone());
    let mut header_names: Vec<String> = spec.headers.keys().cloned().collect();
    if spec.basic_auth.is_some() {
        header_names.push("Authorization".into());
    }
    let body = spec
        .body
        .as_deref()
        .map(|b| fill(b, &shown, Escape::None).unwrap_or_else(|_| b.to_string()));
    Ok(Plan {
        provider: spec.provider.clone(),
        method: spec.method.clone(),
        url: base.url(&path),
        host: base.host.clone(),
        origin,
        header_names,
        body,
        base,
    })
}

/// Sends the revocation `plan` describes for `secret` (and the key ID found beside it)
/// and reads the answer: one request, no retry.
pub fn revoke(
    rules: &RuleSet,
    index: usize,
    plan: &Plan,
    secret: &str,
    key_id: Option<&str>,
    timeout: Duration,
) -> Revoked {
    let Some(spec) = rules.get(index).def.revoke.as_ref() else {
        return Revoked::Failed("the rule has no revoke section".into());
    };
    let client = agent(timeout, plan.base.scheme == "https");
    let values = Values {
        secret,
        key_id,
        secret_path: None,
        near: &[],
    };
    match send(&client, spec, &plan.base, &values) {
        Answer::Done(v) => match v.status {
            VerifyStatus::Verified => Revoked::Done,
            VerifyStatus::Invalid => Revoked::AlreadyInvalid(
                v.reason.unwrap_or_else(|| "the provider refused it".into()),
            ),
            VerifyStatus::Unknown => Revoked::Failed(
                v.reason
                    .unwrap_or_else(|| "the answer was not understood".into()),
            ),
        },
        Answer::NotSent(v) => Revoked::Failed(format!(
            "not sent: {}",
            v.reason
                .unwrap_or_else(|| "the request could not be built".into())
        )),
        Answer::RateLimited(wait) => Revoked::Failed(match wait {
            Some(s) => format!("rate limited (the provider asked to wait {s} s); try again later"),
            None => "rate limited; try again later".into(),
        }),
    }
}
