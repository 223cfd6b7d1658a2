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
/// `.leakhound.toml` in `root`, unless `--no-config`), its rules, `--rules`, the
/// suppressions, and under `--verify` the values found near secrets.
pub(super) fn engine_for(out: &OutputArgs, root: Option<&Path>) -> Result<Engine> {
    let config = if out.no_config {
        Config::default()
    } else {
        Config::discover(out.config.as_deref(), root)?
    };
    let set = config.rule_set(admit::read(&out.rule_args.rules)?)?;
    Ok(Engine::new(set)
        .with_policy(config.into_policy(!out.no_inline_allow))
        .with_near_values(out.verify))
}
