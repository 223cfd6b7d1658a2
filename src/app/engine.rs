//! The rule set and engine a command runs with: built-in rules, the config's, and
//! `--rules`, each admitted; the config's suppressions.

use std::path::Path;

use anyhow::{Result, bail};

use crate::admit::{self, Offered};
use crate::cli::{OutputArgs, RuleArgs};
use crate::config::{Config, ScannedTrees, Withheld, withhold_sections};
use crate::detect::Engine;
use crate::rules::RuleSet;

/// Built-in rules plus every `--rules` path, admitted: a user rule that would scan
/// wrongly fails before the scan, with its file, line and column.
pub(super) fn load_rules(args: &RuleArgs) -> Result<RuleSet> {
    Ok(Config::default().rule_set(admit::read(&args.rules)?)?)
}

/// The engine for a scan rooted at `root` that reads `trees`: the config
/// (`--config`, else `.leakhound.toml` in `root`, unless `--no-config`), its rules,
/// `--rules`, and the suppressions; and how `--verify` runs, if it does (`staged`: only
/// with the flag). A config or rule file inside `trees` sets nothing about the network.
pub(super) fn engine_for(
    out: &OutputArgs,
    root: Option<&Path>,
    trees: &ScannedTrees,
    staged: bool,
) -> Result<(Engine, Option<Verifying>)> {
    let config = load_config(out.config.as_deref(), out.no_config, root, trees)?;
    let offered = read_rules(&out.rule_args, trees)?;
    let verifying = verifying(out, &config, staged)?;
    warn_withheld(&config, &offered.1, verifying.is_some());
    let engine = engine_from(config, offered.0, !out.no_inline_allow, verifying.is_some())?;
    if let Some(v) = &verifying {
        crate::verify::check_providers(engine.rules(), &v.providers).map_err(anyhow::Error::msg)?;
    }
    Ok((engine, verifying))
}

/// [`engine_for`] from its parts, for a command without the report flags (`revoke`),
/// with the provider mappings of the `--config` file's `[verify.providers]`.
pub(super) fn engine_with(
    config: Option<&Path>,
    no_config: bool,
    rules: &RuleArgs,
    inline_allow: bool,
    root: Option<&Path>,
    trees: &ScannedTrees,
) -> Result<(Engine, Vec<(String, String)>)> {
    let config = load_config(config, no_config, root, trees)?;
    let offered = read_rules(rules, trees)?;
    warn_withheld(&config, &offered.1, true);
    let providers = config.verify_settings().providers.clone();
    // A revocation is sent with the secret alone: no values found near it.
    Ok((
        engine_from(config, offered.0, inline_allow, false)?,
        providers,
    ))
}

/// The config: `explicit`, else `.leakhound.toml` in `root`, none with `no_config`.
fn load_config(
    explicit: Option<&Path>,
    no_config: bool,
    root: Option<&Path>,
    trees: &ScannedTrees,
) -> Result<Config> {
    Ok(if no_config {
        Config::default()
    } else {
        Config::discover(explicit, root, trees)?
    })
}

/// The rules of the `--rules` paths, those of a file inside `trees` without their
/// `verify` and `revoke` sections (what was dropped, by file).
fn read_rules(rules: &RuleArgs, trees: &ScannedTrees) -> Result<(Vec<Offered>, Vec<Withheld>)> {
    let mut offered = admit::read(&rules.rules)?;
    let mut withheld: Vec<Withheld> = Vec::new();
    for o in &mut offered {
        let Some(tree) = trees.holding(Path::new(&o.rule.source)) else {
            continue;
        };
        if withhold_sections([&mut o.rule.def]) == 0 {
            continue;
        }
        match withheld.iter_mut().find(|w| w.path == o.rule.source) {
            Some(w) => w.sections += 1,
            None => withheld.push(Withheld {
                path: o.rule.source.clone(),
                named_inside: Some(tree.to_string()),
                table: false,
                sections: 1,
            }),
        }
    }
    Ok((offered, withheld))
}

/// One warning for everything a file of the scanned tree had that was not used (rule
/// sections only when `network`: a verifying scan, or `revoke`).
fn warn_withheld(config: &Config, rule_files: &[Withheld], network: bool) {
    let what: Vec<String> = config
        .withheld
        .iter()
        .chain(rule_files)
        .filter_map(|w| w.describe(network))
        .collect();
    if what.is_empty() {
        return;
    }
    eprintln!(
        "leakhound: warning: not used: {}: a file in the scanned tree cannot turn \
         verification on or choose where secrets are sent (a file outside it, named with \
         --config or --rules, is used as given)",
        what.join("; ")
    );
}

/// The engine with the config's rules and suppressions, and `offered` (from
/// `--rules`); with `near_values`, it looks for the values found near secrets that
/// verification uses.
fn engine_from(
    config: Config,
    offered: Vec<Offered>,
    inline_allow: bool,
    near_values: bool,
) -> Result<Engine> {
    let set = config.rule_set(offered)?;
    Ok(Engine::new(set)
        .with_policy(config.into_policy(inline_allow))
        .with_near_values(near_values))
}

/// How `--verify` runs: the flags over the `[verify]` table of the `--config` file.
#[derive(Debug, Clone)]
pub(super) struct Verifying {
    /// The config's mappings, then the flags' (the last of a name wins).
    pub providers: Vec<crate::verify::Mapping>,
    pub timeout: std::time::Duration,
    pub max_requests: usize,
}

const DEFAULT_TIMEOUT_SECS: u64 = 10;
const DEFAULT_MAX_REQUESTS: u64 = 5_000;

/// Whether, and how, a scan verifies. The `[verify]` table of a config that belongs to
/// the scanned tree is not used (see [`Config::discover`]), with a warning; a
/// verification flag given while verification is off is an error, not ignored.
fn verifying(out: &OutputArgs, config: &Config, staged: bool) -> Result<Option<Verifying>> {
    let settings = config.verify_settings();
    let on = out.verify || (settings.enabled && !staged);
    if !on {
        let given = [
            (!out.verify_provider.is_empty(), "--verify-provider"),
            (out.verify_timeout.is_some(), "--verify-timeout"),
            (out.verify_max_requests.is_some(), "--verify-max-requests"),
            (out.results.is_some(), "--results"),
            (out.only_verified, "--only-verified"),
            (out.fail_on.is_some(), "--fail-on"),
        ];
        if let Some((_, flag)) = given.iter().find(|(set, _)| *set) {
            let why = if staged && settings.enabled {
                " (a config file does not turn it on for `staged`)"
            } else {
                ""
            };
            bail!("{flag} needs --verify{why}");
        }
        return Ok(None);
    }
    let shown = config
        .path
        .as_ref()
        .map_or_else(String::new, |p| p.display().to_string());
    let providers = settings
        .providers
        .iter()
        .map(|(name, url)| crate::verify::Mapping {
            name: name.clone(),
            url: url.clone(),
            origin: format!("{shown}: verify.providers.{name}"),
        })
        .chain(
            out.verify_provider
                .iter()
                .map(|(name, url)| crate::verify::Mapping {
                    name: name.clone(),
                    url: url.clone(),
                    origin: format!("--verify-provider {name}"),
                }),
        )
        .collect();
    let timeout = out
        .verify_timeout
        .or(settings.timeout)
        .unwrap_or(DEFAULT_TIMEOUT_SECS);
    let max_requests = out
        .verify_max_requests
        .or(settings.max_requests)
        .unwrap_or(DEFAULT_MAX_REQUESTS);
    Ok(Some(Verifying {
        providers,
        timeout: std::time::Duration::from_secs(timeout),
        max_requests: usize::try_from(max_requests).unwrap_or(usize::MAX),
    }))
}
