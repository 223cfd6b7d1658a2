//! The `leakhound` binary: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = leakhound::cli::Cli::parse();
    match leakhound::app::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            let msg = format!("{err:#}");
            eprintln!(
                "leakhound: error: {}",
                leakhound::report::text::escape(&msg.replace('\n', " "))
            );
            ExitCode::from(leakhound::app::EXIT_ERROR)
        }
    }
}
