//! Runs a parsed command line: builds the rule set and engine, scans, writes reports,
//! and decides the exit code. `main.rs` only maps the result to a process exit.
//!
//! One file per subcommand: `scans` (scan, git, staged), `revoke`, `baseline` (`baseline
//! create`), `hook` (`hook install`, `hook uninstall`), `rules` (`rules
//! list/show/check`), `docs` (`completions`, `man`), `migrate` (`config
//! from-gitleaks`); `color` decides `--color` once;
//! `output` holds what every scan shares (warnings, the report, the summary, the exit
//! code, files written whole or not at all).

use anyhow::Result;

use crate::cli::{BaselineCommand, Cli, Command};

mod baseline;
mod color;
mod docs;
mod engine;
mod hook;
mod migrate;
mod output;
mod revoke;
mod rules;
mod scans;

pub use color::set_color;
pub use output::EXIT_ERROR;

use baseline::create_baseline;
use docs::{print_completions, write_man};
use hook::run_hook;
use migrate::run_config;
use revoke::run_revoke;
use rules::run_rules;
use scans::{run_git, run_scan, run_staged};

/// Runs the subcommand `cli` names and returns the process exit code.
pub fn run(cli: Cli) -> Result<u8> {
    // Before anything reads a repository (the config's root is found through one).
    crate::source::git::configure_libgit2();
    set_color(cli.color);
    match cli.command {
        Command::Scan(args) => run_scan(&args),
        Command::Git(args) => run_git(&args),
        Command::Staged(args) => run_staged(&args),
        Command::Revoke(args) => run_revoke(&args),
        Command::Baseline(BaselineCommand::Create { file, mode }) => create_baseline(&file, mode),
        Command::Hook(cmd) => run_hook(cmd),
        Command::Completions { shell } => print_completions(shell),
        Command::Man { command, out_dir } => write_man(&command, out_dir.as_deref()),
        Command::Rules(cmd) => run_rules(cmd),
        Command::Config(cmd) => run_config(cmd),
    }
}
