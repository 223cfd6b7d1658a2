//! Opt-in live verification (`--verify`): asks each secret's provider, read-only,
//! whether the secret works and whose it is; and `leakhound revoke`, which asks a
//! provider that allows it to revoke one secret.

mod coded;
mod host;
mod jwt;
mod request;
mod revoke;
mod run;
mod sigv4;
mod template;

pub use revoke::{
    Plan, Revoked, can_revoke, check_providers as check_revoke_providers, plan, revoke,
};
pub use run::{Mapping, Options, Summary, check_providers, verify};
