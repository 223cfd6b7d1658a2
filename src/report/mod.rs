//! Report writers. Each takes the rules, the scan outcome and the options, and writes
//! one format; none prints a secret in clear unless `show_secrets` is set.

pub mod json;
pub mod sarif;
pub mod text;

use crate::pipeline::Outcome;
use crate::rules::{RuleSet, Severity};

/// Everything a report writer needs.
pub struct ReportInput<'a> {
    pub rules: &'a RuleSet,
    pub outcome: &'a Outcome,
    pub show_secrets: bool,
}

pub fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "critical",
        Severity::High => "high",
        Severity::Medium => "medium",
        Severity::Low => "low",
    }
}
