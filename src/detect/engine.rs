//! The engine of a scan: its rules, their keyword prefilter, and the suppressions, built
//! once and shared by every worker; and what a rule finds, a [`Match`].

use super::decode::Encoding;
use super::policy::Policy;
use super::prefilter;
use crate::rules::RuleSet;

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
    pub(super) rules: RuleSet,
    pub(super) prefilter: prefilter::Prefilter,
    /// Lowercased keywords of provider rules that can begin a credential (`ghp_`,
    /// `sk-ant-`, `AIza`): a value that starts with one belongs to that provider's
    /// rule, which knows its format; generic rules leave it alone.
    provider_prefixes: Vec<Vec<u8>>,
    /// Allowlists and inline markers, applied where findings are made.
    policy: Policy,
    /// Indices of the file rules (`file_names`), which the prefilter never triggers.
    file_rules: Vec<usize>,
    /// Whether findings carry the values their rule's `verify.near` asks for: only a
    /// scan that verifies needs them.
    near_values: bool,
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
        let file_rules = (0..rules.len())
            .filter(|&i| rules.get(i).is_file_rule())
            .collect();
        Engine {
            rules,
            prefilter,
            provider_prefixes,
            policy: Policy::default(),
            file_rules,
            near_values: false,
        }
    }

    /// The same engine, with findings that carry their `verify.near` values (`--verify`).
    pub(crate) fn with_near_values(mut self, on: bool) -> Engine {
        self.near_values = on;
        self
    }

    pub(crate) fn near_values(&self) -> bool {
        self.near_values
    }

    /// The same engine with these suppressions.
    pub(crate) fn with_policy(mut self, policy: Policy) -> Engine {
        self.policy = policy;
        self
    }

    pub(crate) fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Whether `value` starts like a credential a provider rule knows.
    pub(crate) fn has_provider_prefix(&self, value: &[u8]) -> bool {
        let lower = value.to_ascii_lowercase();
        self.provider_prefixes.iter().any(|p| lower.starts_with(p))
    }

    pub(crate) fn has_file_rules(&self) -> bool {
        !self.file_rules.is_empty()
    }

    /// Whether some file rule applies to a file at `path`.
    pub fn has_file_rule_for(&self, path: &str) -> bool {
        self.file_rules
            .iter()
            .any(|&i| self.file_rule_applies(i, path))
    }

    fn file_rule_applies(&self, rule: usize, path: &str) -> bool {
        matches!(self.rules.get(rule).file_names(), Some(Ok(names)) if names.matches(path))
    }

    /// The file rules' matches in a committed file at `path` holding `text`: for each
    /// file rule that applies to it, the longest `secret` capture of the rule's regex
    /// (the first of the longest). A rule whose regex or globs do not compile is skipped here and reported
    /// by `rules check`.
    pub fn scan_file_rules(&self, path: &str, text: &[u8], out: &mut Vec<Match>) {
        for &i in &self.file_rules {
            if !self.file_rule_applies(i, path) {
                continue;
            }
            let Ok(re) = self.rules.get(i).regex() else {
                continue;
            };
            // The longest value is the likeliest secret, and a stable one to report:
            // the finding changes when it does, not when a flag is added above it.
            let longest = re
                .captures_iter(text)
                .filter_map(|c| c.name("secret").filter(|m| !m.is_empty()))
                .reduce(|best, m| if m.len() > best.len() { m } else { best });
            if let Some(m) = longest {
                out.push(Match::new(i, m.start(), m.end()));
            }
        }
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    pub fn prefilter(&self) -> &prefilter::Prefilter {
        &self.prefilter
    }
}
