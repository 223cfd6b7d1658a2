//! leakhound: a fast secret-leak scanner.
//!
//! The library holds everything; `src/main.rs` is a thin binary over it. See
//! `ARCHITECTURE.md` for how the pieces fit.
//!
//! Untrusted input must never panic the scanner: `unwrap` is refused outside tests, and
//! each `expect` is allowed one by one, beside the invariant that makes it safe.

#![deny(clippy::unwrap_used)]
#![deny(clippy::expect_used)]

pub mod admit;
pub mod app;
pub mod baseline;
pub mod cli;
pub mod confidence;
pub mod config;
pub mod context;
pub mod detect;
pub mod finding;
pub mod fix;
pub mod gitleaks;
pub(crate) mod hook;
pub mod report;
pub mod rules;
pub mod scan;
pub(crate) mod source;
pub mod text;
pub mod verify;
