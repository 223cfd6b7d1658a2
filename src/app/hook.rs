//! `hook install` and `hook uninstall`: the pre-commit hook.

use std::io::Write;

use anyhow::Result;

use crate::cli::HookCommand;
use crate::hook;

use super::output::StdoutSink;

pub(super) fn run_hook(cmd: HookCommand) -> Result<u8> {
    match cmd {
        HookCommand::Install { repo, force } => {
            let message = hook::install(&repo, force)?;
            let mut out = StdoutSink::new();
            writeln!(out, "{message}")?;
            Ok(0)
        }
        HookCommand::Uninstall { repo } => {
            let message = hook::uninstall(&repo)?;
            let mut out = StdoutSink::new();
            writeln!(out, "{message}")?;
            Ok(0)
        }
    }
}
