//! Detection: turning bytes into matches.
//!
//! An [`Engine`] is built once per scan from a [`RuleSet`] and shared by every worker;
//! each worker makes its own [`Scanner`] for its reusable buffers.

pub mod checksum;
mod concat;
pub mod content;
mod context;
pub mod decode;
mod engine;
mod generic;
mod lookup;
mod notebook;
mod pem;
mod placeholder;
pub mod policy;
pub mod prefilter;
mod scanner;
pub mod token_forms;
mod validate;

pub use decode::Encoding;
pub use engine::{Decoded, Engine, Match};
pub use scanner::Scanner;
