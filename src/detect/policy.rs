//! What suppresses a finding where it is made: the allowlists of a config and the
//! `leakhound:allow` inline markers. The config file is parsed into these types by
//! `crate::config`; the engine only judges.

use std::collections::HashSet;

use globset::GlobSet;
use regex::bytes::Regex;

/// One allowlist entry, compiled.
#[derive(Debug)]
pub struct Allow {
    /// Rule ids it is limited to; empty means every rule.
    pub(crate) rules: Vec<String>,
    pub(crate) paths: Option<GlobSet>,
    /// The globs `paths` was built from, as written (for [`Policy::identity`]).
    pub(crate) path_globs: Vec<String>,
    /// Paths as regexes (`path_regexes`): one criterion with `paths`, met by either.
    pub(crate) path_regexes: Vec<Regex>,
    pub(crate) secrets: Vec<Regex>,
    pub(crate) lines: Vec<Regex>,
    /// Lowercased.
    pub(crate) stopwords: Vec<Vec<u8>>,
    pub(crate) fingerprints: HashSet<String>,
    /// Every given criterion must hold (`condition = "all"`), not just one.
    pub(crate) all: bool,
}

/// What an allowlist entry looks at.
pub struct Candidate<'a> {
    pub rule_id: &'a str,
    pub path: &'a str,
    pub secret: &'a [u8],
    pub line: &'a [u8],
    pub fingerprint: &'a str,
}

impl Allow {
    pub fn allows(&self, c: &Candidate<'_>) -> bool {
        if !self.rules.is_empty() && !self.rules.iter().any(|r| r == c.rule_id) {
            return false;
        }
        let lower = c.secret.to_ascii_lowercase();
        let checks = [
            (self.paths.is_some() || !self.path_regexes.is_empty()).then(|| {
                self.paths.as_ref().is_some_and(|g| g.is_match(c.path))
                    || self
                        .path_regexes
                        .iter()
                        .any(|r| r.is_match(c.path.as_bytes()))
            }),
            (!self.secrets.is_empty()).then(|| self.secrets.iter().any(|r| r.is_match(c.secret))),
            (!self.lines.is_empty()).then(|| self.lines.iter().any(|r| r.is_match(c.line))),
            (!self.stopwords.is_empty()).then(|| {
                self.stopwords
                    .iter()
                    .any(|w| memchr::memmem::find(&lower, w).is_some())
            }),
            (!self.fingerprints.is_empty()).then(|| self.fingerprints.contains(c.fingerprint)),
        ];
        let mut given = checks.iter().flatten();
        if self.all {
            given.all(|&ok| ok)
        } else {
            given.any(|&ok| ok)
        }
    }
}

/// What suppresses findings during a scan.
#[derive(Debug)]
pub struct Policy {
    /// The allowlist entries (a config's `[[allow]]`).
    pub allow: Vec<Allow>,
    /// Honour `leakhound:allow` and `gitleaks:allow` markers (`--no-inline-allow` turns
    /// this off).
    pub inline_allow: bool,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            allow: Vec::new(),
            inline_allow: true,
        }
    }
}

impl Policy {
    /// Whether an allowlist entry suppresses this finding.
    pub fn allows(&self, c: &Candidate<'_>) -> bool {
        self.allow.iter().any(|a| a.allows(c))
    }

    /// Everything that decides what the policy suppresses, written out the same way
    /// in every process: two policies with the same identity suppress alike. (An
    /// incremental record is valid only under the policy it was made with.)
    pub(crate) fn identity(&self) -> String {
        let mut out = format!("inline_allow={}\n", self.inline_allow);
        for a in &self.allow {
            let mut fingerprints: Vec<&String> = a.fingerprints.iter().collect();
            fingerprints.sort();
            let regexes = |list: &[Regex]| -> Vec<String> {
                list.iter().map(|r| r.as_str().to_string()).collect()
            };
            let stopwords: Vec<String> = a
                .stopwords
                .iter()
                .map(|w| String::from_utf8_lossy(w).into_owned())
                .collect();
            out.push_str(&format!(
                "allow rules={:?} paths={:?} path_regexes={:?} secrets={:?} lines={:?} \
                 stopwords={:?} fingerprints={:?} all={}\n",
                a.rules,
                a.path_globs,
                regexes(&a.path_regexes),
                regexes(&a.secrets),
                regexes(&a.lines),
                stopwords,
                fingerprints,
                a.all
            ));
        }
        out
    }
}
