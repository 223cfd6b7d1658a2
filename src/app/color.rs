//! `--color`: the one place that decides whether what goes to standard output is
//! coloured.
//!
//! The choice is anstream's global one, which clap's help and errors read too, so the
//! flag, `NO_COLOR` and the terminal are weighed the same way everywhere:
//! - `never`: no colour.
//! - `always`: colour, even piped and even when `NO_COLOR` is set (a flag given for
//!   one run overrides the environment, as https://no-color.org asks).
//! - `auto` (the default): colour only when standard output is a terminal, `TERM` is
//!   set and not `dumb`, and `NO_COLOR` is unset or empty; `CLICOLOR=0` turns it off
//!   and `CLICOLOR_FORCE` (non-empty) on, as https://bixense.com/clicolors/ describes.
//!
//! Reports written to a file (`-o`) are never coloured.

use anstream::ColorChoice;

use crate::cli::ColorWhen;

/// Makes `when` the choice for the rest of the process (clap's output included).
pub fn set_color(when: ColorWhen) {
    match when {
        ColorWhen::Auto => ColorChoice::Auto,
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
    }
    .write_global();
}

/// Whether what is written to standard output should carry colour.
pub(super) fn stdout_colored() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != ColorChoice::Never
}
