//! Detection: turning bytes into matches.
//!
//! An [`Engine`] is built once per scan from a [`RuleSet`] and shared by every worker;
//! each worker makes its own [`Scanner`] for its reusable buffers.

pub mod checksum;
pub mod content;
pub mod generic;
pub mod placeholder;
pub mod prefilter;
pub mod scanner;
pub mod validate;

use crate::rules::RuleSet;
pub use scanner::Scanner;

/// A secret found by a rule: the byte span of the rule's `secret` capture.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Match {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
}

/// The rules of a scan and their keyword prefilter.
pub struct Engine {
    rules: RuleSet,
    prefilter: prefilter::Prefilter,
}

impl Engine {
    pub fn new(rules: RuleSet) -> Engine {
        let prefilter = prefilter::Prefilter::new(&rules);
        Engine { rules, prefilter }
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    pub fn prefilter(&self) -> &prefilter::Prefilter {
        &self.prefilter
    }

    pub fn scanner(&self) -> Scanner<'_> {
        Scanner::new(self)
    }

    /// Convenience for one-off scans (tests, `rules check`).
    pub fn scan_bytes(&self, hay: &[u8]) -> Vec<Match> {
        let mut out = Vec::new();
        self.scanner().scan(hay, &mut out);
        out
    }
}
