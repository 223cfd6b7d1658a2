//! Runs a parsed command line: builds the rule set and engine, scans, writes reports,
//! and decides the exit code. `main.rs` only maps the result to a process exit.
//!
//! One file per subcommand: `scans` (scan, git, staged), `baseline` (`baseline
//! create`), `hook` (`hook install`), `rules` (`rules list/show/check`); `output` holds
//! what every scan shares (warnings, the report, the summary, the exit code, files
//! written whole or not at all).

use std::path::Path;

use anyhow::{Result, bail};

use crate::cli::{BaselineCommand, Cli, Command, OutputArgs, RuleArgs};
use crate::config::{Config, Policy};
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

/// Built-in rules plus every `--rules` path. User rules must compile before a scan
/// starts, so a typo fails fast with the file and rule named.
pub(super) fn load_rules(args: &RuleArgs) -> Result<RuleSet> {
    add_user_rules(RuleSet::builtin(), args)
}

fn add_user_rules(mut set: RuleSet, args: &RuleArgs) -> Result<RuleSet> {
    let builtin = set.len();
    for path in &args.rules {
        set.load_path(path)?;
    }
    for rule in &set.rules()[builtin..] {
        if let Err(e) = rule.regex() {
            bail!(
                "{}: rule '{}': regex does not compile: {}",
                rule.source,
                rule.id(),
                e.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
    }
    Ok(set)
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
    let set = add_user_rules(config.rule_set(), &out.rule_args)?;
    Ok(Engine::new(set).with_policy(Policy {
        config,
        inline_allow: !out.no_inline_allow,
    }))
}
