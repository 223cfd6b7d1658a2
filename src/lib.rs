//! leakhound: a fast secret-leak scanner.
//!
//! The library holds everything; `src/main.rs` is a thin binary over it. See
//! `ARCHITECTURE.md` for how the pieces fit.

pub mod detect;
pub mod rules;
