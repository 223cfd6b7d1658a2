//! Moving from gitleaks: which leakhound rules stand for each gitleaks rule, the
//! `.gitleaksignore` fingerprints, and the `.gitleaks.toml` converter.

pub mod convert;
pub mod families;
pub mod ignore;
