//! `config from-gitleaks`: a gitleaks config converted (`crate::gitleaks::convert`),
//! written to standard output or a file, and what was not converted on stderr.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::cli::ConfigCommand;
use crate::gitleaks::convert::convert;
use crate::text::escape;

use super::output::write_file;

/// Runs a `config` subcommand.
pub(super) fn run_config(cmd: ConfigCommand) -> Result<u8> {
    match cmd {
        ConfigCommand::FromGitleaks {
            file,
            output,
            force,
        } => from_gitleaks(&file, output.as_deref(), force),
    }
}

fn from_gitleaks(file: &Path, output: Option<&Path>, force: bool) -> Result<u8> {
    let shown = file.display().to_string();
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("{shown}: cannot read gitleaks config"))?;
    let conversion = convert(&text, &shown)?;
    match output {
        Some(out) => {
            if out.exists() && !force {
                bail!("{}: already exists (--force replaces it)", out.display());
            }
            write_file(out, 0o644, "config", |w| {
                w.write_all(conversion.text.as_bytes())
            })?;
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(conversion.text.as_bytes())
                .and_then(|()| stdout.flush())
                .context("cannot write to standard output")?;
        }
    }
    let mut stderr = std::io::stderr().lock();
    for n in &conversion.not_converted {
        writeln!(stderr, "leakhound: note: {}", escape(n))?;
    }
    writeln!(
        stderr,
        "leakhound: converted {} of {} rules and {} of {} allowlists from {}{}",
        conversion.rules_converted,
        conversion.rules_total,
        conversion.allowlists_converted,
        conversion.allowlists_total,
        escape(&shown),
        match conversion.not_converted.len() {
            0 => String::new(),
            n => format!("; {n} things not converted, or only in part (listed above)"),
        }
    )?;
    Ok(0)
}
