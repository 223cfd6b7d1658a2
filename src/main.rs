//! The `leakhound` binary: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // A panic is a bug. Where it is caught (a worker scanning one input) the scan goes
    // on and reports it; either way, say it in one line, without a backtrace unless
    // RUST_BACKTRACE asks for one.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::env::var_os("RUST_BACKTRACE").is_some() {
            default_hook(info);
            return;
        }
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("leakhound: internal error{at} (a bug; RUST_BACKTRACE=1 shows where)");
    }));
    // Before clap parses: its help and errors follow `--color` too.
    if let Some(when) = leakhound::cli::color_in_args(std::env::args_os()) {
        leakhound::app::set_color(when);
    }
    let cli = leakhound::cli::Cli::parse();
    match leakhound::app::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            let msg = format!("{err:#}");
            eprintln!(
                "leakhound: error: {}",
                leakhound::text::escape(&msg.replace('\n', " "))
            );
            ExitCode::from(leakhound::app::EXIT_ERROR)
        }
    }
}
