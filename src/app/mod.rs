//! Runs a parsed command line: builds the rule set and engine, scans, writes reports,
//! and decides the exit code. `main.rs` only maps the result to a process exit.
//!
//! One file per subcommand: `scans` (scan, git, staged), `baseline` (`baseline
//! create`), `hook` (`hook install`), `rules` (`rules list/show/check`); `output` holds
//! what every scan shares (warnings, the report, the summary, the exit code, files
//! written whole or not at all).

use std::path::Path;

use anyhow::Result;

use crate::admit;
use crate::cli::{BaselineCommand, Cli, Command, OutputArgs, RuleArgs};
use crate::config::Config;
use crate::detect::Engine;
use crate::rules::RuleSet;

mod baseline;
mod hook;
mod output;
mod rules;
mod scans;

use baseline::create_baseline;
use hook::run_hook;
use rules::run_rules;
use scans::{run_git, run_scan, run_staged};

/// Exit code for errors (bad flags, bad rule files, unreadable roots).
pub const EXIT_ERROR: u8 = 2;

/// Runs the subcommand `cli` names and returns the process exit code.
pub fn run(cli: Cli) -> Result<u8> {
    // Before anything reads a repository (the config's root is found through one).
    crate::source::git::configure_libgit2();
    match cli.command {
        Command::Scan(args) => run_scan(&args),
        Command::Git(args) => run_git(&args),
        Command::Staged(args) => run_staged(&args),
        Command::Baseline(BaselineCommand::Create { file, mode }) => create_baseline(&file, mode),
        Command::Hook(cmd) => run_hook(cmd),
        Command::Rules(cmd) => run_rules(cmd),
    }
}

/// Built-in rules plus every `--rules` path, admitted: a user rule that would scan
/// wrongly fails before the scan, with its file, line and column.
pub(super) fn load_rules(args: &RuleArgs) -> Result<RuleSet> {
    Ok(Config::default().rule_set(admit::read(&args.rules)?)?)
}

/// The engine for a scan rooted at `root`: the config (`--config`, else
/// `.leakhound.toml` in `root`, unless `--no-config`), its rules, `--rules`, and the
/// suppressions.
pub(super) fn engine_for(out: &OutputArgs, root: Option<&Path>) -> Result<Engine> {
    let config = if out.no_config {
        Config::default()
    } else {
        Config::discover(out.config.as_deref(), root)?
    };
    let set = config.rule_set(admit::read(&out.rule_args.rules)?)?;
    Ok(Engine::new(set).with_policy(config.into_policy(!out.no_inline_allow)))
}
