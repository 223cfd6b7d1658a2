//! Opt-in live verification (`--verify`): asks each secret's provider, read-only,
//! whether the secret works and whose it is.

mod host;
mod request;
mod run;
mod template;

pub use run::{Options, Summary, check_providers, verify};
