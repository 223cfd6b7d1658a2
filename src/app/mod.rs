//! Runs a parsed command line: builds the rule set and engine, scans, writes reports,
//! and decides the exit code. `main.rs` only maps the result to a process exit.
//!
//! One file per subcommand: `scans` (scan, git, staged), `baseline` (`baseline
//! create`), `hook` (`hook install`), `rules` (`rules list/show/check`), `migrate` (`config
//! from-gitleaks`); `output` holds
//! what every scan shares (warnings, the report, the summary, the exit code, files
//! written whole or not at all).

use anyhow::Result;

use crate::cli::{BaselineCommand, Cli, Command};

mod baseline;
mod engine;
mod hook;
mod migrate;
mod output;
mod rules;
mod scans;

pub use output::EXIT_ERROR;

use baseline::create_baseline;
use hook::run_hook;
use migrate::run_config;
use rules::run_rules;
use scans::{run_git, run_scan, run_staged};

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
        Command::Config(cmd) => run_config(cmd),
    }
}
