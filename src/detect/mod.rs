//! Detection: turning bytes into matches.
//!
//! An [`Engine`] is built once per scan from a [`RuleSet`] and shared by every worker;
//! each worker makes its own [`Scanner`] for its reusable buffers.

pub mod checksum;
pub mod content;
pub mod decode;
pub mod generic;
pub mod placeholder;
pub mod prefilter;
pub mod scanner;
pub mod validate;

use crate::rules::RuleSet;
pub use scanner::Scanner;

pub use decode::Encoding;

/// A secret found by a rule: the byte span of the rule's `secret` capture, or for an
/// encoded secret, the span of the encoded text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Match {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
    /// Set when the secret was found by decoding the text at `start..end`.
    pub decoded: Option<Box<Decoded>>,
}

impl Match {
    pub fn new(rule: usize, start: usize, end: usize) -> Match {
        Match {
            rule,
            start,
            end,
            decoded: None,
        }
    }
}

/// A secret that was encoded where it was found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Decoded {
    /// The secret in clear.
    pub secret: Vec<u8>,
    /// The encodings peeled off to reach it, outermost first.
    pub encodings: Vec<Encoding>,
    /// Where the secret sits in the decoded text, when the encoded text may hold
    /// several (a data URL of a whole file); `None` when the secret is all of it.
    pub inner: Option<(usize, usize)>,
}

/// The rules of a scan and their keyword prefilter.
pub struct Engine {
    rules: RuleSet,
    prefilter: prefilter::Prefilter,
    /// Lowercased keywords of provider rules that can begin a credential (`ghp_`,
    /// `sk-ant-`, `AIza`): a value that starts with one belongs to that provider's
    /// rule, which knows its format; generic rules leave it alone.
    provider_prefixes: Vec<Vec<u8>>,
    /// Allowlists and inline markers, applied where findings are made.
    policy: crate::config::Policy,
}

impl Engine {
    pub fn new(rules: RuleSet) -> Engine {
        let prefilter = prefilter::Prefilter::new(&rules);
        let mut provider_prefixes: Vec<Vec<u8>> = rules
            .rules()
            .iter()
            .filter(|r| !r.is_generic())
            .flat_map(|r| r.def.keywords.iter())
            .map(|k| k.as_bytes().to_ascii_lowercase())
            .filter(|k| k.len() >= 3 && k.iter().all(|b| b.is_ascii_graphic()))
            .collect();
        provider_prefixes.sort();
        provider_prefixes.dedup();
        Engine {
            rules,
            prefilter,
            provider_prefixes,
            policy: crate::config::Policy::default(),
        }
    }

    /// The same engine with these suppressions.
    pub fn with_policy(mut self, policy: crate::config::Policy) -> Engine {
        self.policy = policy;
        self
    }

    pub fn policy(&self) -> &crate::config::Policy {
        &self.policy
    }

    /// Whether `value` starts like a credential a provider rule knows.
    pub fn has_provider_prefix(&self, value: &[u8]) -> bool {
        let lower = value.to_ascii_lowercase();
        self.provider_prefixes.iter().any(|p| lower.starts_with(p))
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
