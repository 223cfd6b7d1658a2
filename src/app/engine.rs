//! The rule set and engine a command runs with: built-in rules, the config's, and
//! `--rules`, each admitted; the config's suppressions.

use std::path::Path;

use anyhow::Result;

use crate::admit;
use crate::cli::{OutputArgs, RuleArgs};
use crate::config::Config;
use crate::detect::Engine;
use crate::rules::RuleSet;

/// Built-in rules plus every `--rules` path, admitted: a user rule that would scan
/// wrongly fails before the scan, with its file, line and column.
pub(super) fn load_rules(args: &RuleArgs) -> Result<RuleSet> {
    Ok(Config::default().rule_set(admit::read(&args.rules)?)?)
}

/// The engine for a scan rooted at `root`: the config (`--config`, else
/// `.leakhound.toml` in `root`, unless `--no-config`), its rules, `--rules`, and the
/// suppressions.
pub(super) fn engine_for(out: &OutputArgs, root: Option<&Path>) -> Result<Engine> {
    engine_with(
        out.config.as_deref(),
        out.no_config,
        &out.rule_args,
        !out.no_inline_allow,
        root,
    )
}

/// [`engine_for`] from its parts, for a command without the report flags.
pub(super) fn engine_with(
    config: Option<&Path>,
    no_config: bool,
    rules: &RuleArgs,
    inline_allow: bool,
    root: Option<&Path>,
) -> Result<Engine> {
    let config = if no_config {
        Config::default()
    } else {
        Config::discover(config, root)?
    };
    let set = config.rule_set(admit::read(&rules.rules)?)?;
    Ok(Engine::new(set).with_policy(config.into_policy(inline_allow)))
}
