//! `completions SHELL` and `man`: shell completion scripts and roff manual pages,
//! generated from the clap definitions in `cli.rs` (clap_complete, clap_mangen), so they
//! never disagree with `--help`.

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use clap::CommandFactory;

use crate::cli::Cli;

use super::output::StdoutSink;

/// The name the scripts and pages call the program by.
const BIN: &str = "leakhound";

pub(super) fn print_completions(shell: clap_complete::Shell) -> Result<u8> {
    // Generated whole first: clap_complete panics on a failed write.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), BIN, &mut script);
    let mut out = BufWriter::new(StdoutSink::new());
    out.write_all(&script)
        .and_then(|()| out.flush())
        .context("cannot write completions to standard output")?;
    Ok(0)
}

/// Prints the page of the command `path` names (`[]`: leakhound itself; `["rules",
/// "list"]`), or, with `out_dir`, writes a page for every command into it.
pub(super) fn write_man(path: &[String], out_dir: Option<&Path>) -> Result<u8> {
    let root = Cli::command().disable_help_subcommand(true);
    if let Some(dir) = out_dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create directory", dir.display()))?;
        let mut root = root;
        root.build();
        let mut pending = vec![root];
        while let Some(cmd) = pending.pop() {
            pending.extend(cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
            page(cmd)
                .generate_to(dir)
                .with_context(|| format!("{}: cannot write manual pages", dir.display()))?;
        }
        let mut out = StdoutSink::new();
        writeln!(
            out,
            "{}: manual pages written ({BIN}.1 and one per command)",
            dir.display()
        )?;
        return Ok(0);
    }
    let mut cmd = root;
    // Building sets every subcommand's display name (`leakhound-rules-list`), which is
    // the page's title.
    cmd.build();
    for name in path {
        let Some(sub) = cmd.find_subcommand(name).cloned() else {
            let known: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
            bail!(
                "no command '{}' in `{}` (known: {})",
                crate::text::escape(name),
                cmd.get_display_name().unwrap_or(BIN),
                known.join(", ")
            );
        };
        cmd = sub;
    }
    let mut out = BufWriter::new(StdoutSink::new());
    page(cmd)
        .render(&mut out)
        .and_then(|()| out.flush())
        .context("cannot write the manual page to standard output")?;
    Ok(0)
}

/// The manual page of `cmd`: every page's footer names leakhound and its version (a
/// subcommand has no version of its own).
fn page(cmd: clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(cmd).source(format!("{BIN} {}", env!("CARGO_PKG_VERSION")))
}
