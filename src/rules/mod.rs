//! Rules: the embedded rule files, rule files parsed, and regexes compiled lazily.
//! Checking a rule (`leakhound rules check`, user rules at admission) is
//! `crate::admit`'s.
//!
//! A rule's regex is compiled the first time a scan needs it (its keyword occurred), so
//! start-up costs nothing per rule however many exist.

pub(crate) mod keywords;
pub mod schema;
pub mod verify_check;

use std::sync::OnceLock;

use regex::bytes::{Regex, RegexBuilder};

use crate::text::Located;

pub use schema::{Confidence, Redact, RuleDef, RuleFile, Severity, Validator, VerifySpec};

/// The built-in rules, parsed from `rules/*.toml` by `build.rs`.
static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rules.bin"));

/// Upper bound on a compiled rule regex, so one careless user rule cannot eat memory.
const REGEX_SIZE_LIMIT: usize = 8 << 20;

/// Errors while loading rule files.
#[derive(Debug, thiserror::Error)]
pub(crate) enum RuleError {
    #[error("{path}: cannot read rule file: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Parse(#[from] Located),
}

/// A rule ready for scanning.
#[derive(Debug)]
pub struct Rule {
    pub def: RuleDef,
    /// Provider named by the rule's file.
    pub provider: String,
    /// The file the rule came from (`rules/github.toml`, or a user path).
    pub source: String,
    regex: OnceLock<Result<Regex, String>>,
    file_names: OnceLock<Result<FileNames, String>>,
    /// The compiled `verify.near` regexes, built the first time a finding needs them.
    near: OnceLock<Vec<(String, Regex)>>,
}

/// The compiled `file_names` of a file rule.
#[derive(Debug)]
pub(crate) struct FileNames {
    include: globset::GlobSet,
    exclude: globset::GlobSet,
}

impl FileNames {
    fn new(globs: &[String]) -> Result<FileNames, String> {
        let mut include = globset::GlobSetBuilder::new();
        let mut exclude = globset::GlobSetBuilder::new();
        for g in globs {
            let (set, pattern) = match g.strip_prefix('!') {
                Some(p) => (&mut exclude, p),
                None => (&mut include, g.as_str()),
            };
            let glob = globset::GlobBuilder::new(pattern)
                .case_insensitive(true)
                .literal_separator(true)
                .build()
                .map_err(|e| format!("file name glob '{g}': {}", e.kind()))?;
            set.add(glob);
        }
        let build = |b: globset::GlobSetBuilder| b.build().map_err(|e| e.to_string());
        Ok(FileNames {
            include: build(include)?,
            exclude: build(exclude)?,
        })
    }

    /// Whether the file at `path` (its last component is what counts) is one of these.
    pub(crate) fn matches(&self, path: &str) -> bool {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        self.include.is_match(name) && !self.exclude.is_match(name)
    }
}

impl Rule {
    pub fn new(def: RuleDef, provider: String, source: String) -> Rule {
        Rule {
            def,
            provider,
            source,
            regex: OnceLock::new(),
            file_names: OnceLock::new(),
            near: OnceLock::new(),
        }
    }

    pub fn id(&self) -> &str {
        &self.def.id
    }

    /// The compiled regex, built on first use and shared by every thread afterwards.
    pub(crate) fn regex(&self) -> Result<&Regex, &str> {
        self.regex
            .get_or_init(|| {
                RegexBuilder::new(&self.def.regex)
                    .unicode(false)
                    .size_limit(REGEX_SIZE_LIMIT)
                    .build()
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(String::as_str)
    }

    /// The `verify.near` regexes (label, regex), compiled on first use; empty for a
    /// rule without them. One that does not compile or lacks its `value` group is left
    /// out (`rules check` and admission refuse such a rule).
    pub(crate) fn near(&self) -> &[(String, Regex)] {
        let Some(spec) = self.def.verify.as_ref().filter(|v| !v.near.is_empty()) else {
            return &[];
        };
        self.near.get_or_init(|| {
            spec.near
                .iter()
                .filter_map(|(label, pattern)| {
                    compile_near(pattern).ok().map(|re| (label.clone(), re))
                })
                .collect()
        })
    }

    /// The one-line remediation hint: the first non-empty line of `remediation`.
    pub(crate) fn hint(&self) -> &str {
        self.def
            .remediation
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
    }

    /// A bare rule for unit tests: `regex` with `keywords`, everything else minimal.
    #[cfg(test)]
    pub(crate) fn for_test(id: &str, regex: &str, keywords: &[&str]) -> Rule {
        Rule::new(
            RuleDef {
                id: id.into(),
                name: id.into(),
                description: String::new(),
                regex: regex.into(),
                keywords: keywords.iter().map(|k| k.to_string()).collect(),
                entropy: None,
                validate: None,
                line_scoped: false,
                severity: Severity::High,
                confidence: Confidence::High,
                tags: vec![],
                remediation: String::new(),
                env_var: None,
                redact: None,
                key_id_rules: Vec::new(),
                references: vec![],
                file_names: vec![],
                examples: vec![],
                negative_examples: vec![],
                verify: None,
                not_verified: None,
                revoke: None,
            },
            "p".into(),
            "s".into(),
        )
    }

    /// Whether this is a file rule (it has `file_names`): it reports committed files of
    /// a kind, not credentials found by keyword.
    pub(crate) fn is_file_rule(&self) -> bool {
        !self.def.file_names.is_empty()
    }

    /// The compiled `file_names` of a file rule; `None` for other rules.
    pub(crate) fn file_names(&self) -> Option<Result<&FileNames, &str>> {
        if !self.is_file_rule() {
            return None;
        }
        let compiled = self
            .file_names
            .get_or_init(|| FileNames::new(&self.def.file_names));
        Some(compiled.as_ref().map_err(String::as_str))
    }

    /// Whether this is a generic detector (judged by name and shape) rather than a
    /// provider rule that knows the credential's format.
    pub(crate) fn is_generic(&self) -> bool {
        self.def.validate == Some(Validator::GenericSecret)
    }

    /// The first reference, used as SARIF `helpUri`.
    pub(crate) fn help_uri(&self) -> Option<&str> {
        self.def.references.first().map(String::as_str)
    }
}

/// Compiles a `verify.near` regex as rule regexes are (bytes, Unicode off, bounded
/// size); it must have a `value` group.
pub(crate) fn compile_near(pattern: &str) -> Result<Regex, String> {
    let re = RegexBuilder::new(pattern)
        .unicode(false)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| e.to_string().replace('\n', " "))?;
    if re.capture_names().flatten().any(|n| n == "value") {
        Ok(re)
    } else {
        Err("it has no `value` group".to_string())
    }
}

/// Every rule a scan uses, in a stable order (built-ins by file, then user files).
#[derive(Debug, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
}

impl RuleSet {
    /// The rules embedded at build time.
    // Invariant: build.rs wrote the blob with the same types, so it always decodes.
    // Ids are unique and every rule passes `admit`'s checks: `cargo test` checks both.
    #[allow(clippy::expect_used)]
    pub fn builtin() -> RuleSet {
        let files: Vec<(String, RuleFile)> =
            postcard::from_bytes(EMBEDDED).expect("embedded rules decode");
        let mut set = RuleSet::default();
        for (source, file) in files {
            for def in file.rules {
                set.push(Rule::new(def, file.provider.clone(), source.clone()));
            }
        }
        set
    }

    /// Whether `rule` is one of these, word for word (same id and definition): a user's
    /// rule file may reuse a built-in id or file name, not its origin.
    pub fn holds(&self, rule: &Rule) -> bool {
        self.rules
            .iter()
            .any(|r| r.id() == rule.id() && r.def == rule.def)
    }

    /// The built-in rules except those whose id is in `disabled`.
    pub(crate) fn builtin_without(disabled: &[String]) -> RuleSet {
        let mut set = RuleSet::builtin();
        set.rules.retain(|r| !disabled.iter().any(|d| d == r.id()));
        set
    }

    /// An empty set, for callers that build their own.
    pub fn empty() -> RuleSet {
        RuleSet::default()
    }

    /// Adds a rule (built-in rules, admitted user rules, tests and benches).
    pub(crate) fn push(&mut self, rule: Rule) {
        self.rules.push(rule);
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn get(&self, index: usize) -> &Rule {
        &self.rules[index]
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

/// Parses a rule file's text, turning a TOML error into `path:line:column: reason`.
pub(crate) fn parse_rule_file(text: &str, path: &str) -> Result<RuleFile, RuleError> {
    toml::from_str(text).map_err(|e| {
        let message = e.message().trim().replace('\n', " ");
        let offset = e.span().map_or(0, |s| s.start);
        RuleError::Parse(Located::at(path, text, offset, message))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_load_with_unique_ids() {
        let set = RuleSet::builtin();
        assert!(set.len() >= 60, "only {} built-in rules", set.len());
        let mut ids: Vec<_> = set.rules().iter().map(|r| r.id()).collect();
        ids.sort();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len());
    }

    /// Issue 17: at least 40 providers verified, including every one the issue names;
    /// a named provider that cannot be verified says why instead.
    #[test]
    fn forty_providers_are_verified_including_every_one_the_issue_names() {
        let set = RuleSet::builtin();
        let mut providers: Vec<&str> = set
            .rules()
            .iter()
            .filter_map(|r| r.def.verify.as_ref().map(|v| v.provider.as_str()))
            .collect();
        providers.sort_unstable();
        providers.dedup();
        assert!(
            providers.len() >= 40,
            "{} providers verified: {providers:?}",
            providers.len()
        );
        for named in [
            "github",
            "gitlab",
            "slack",
            "slack-webhook",
            "stripe",
            "openai",
            "anthropic",
            "aws",
            "google",
            "google-api-key",
            "sendgrid",
            "twilio",
            "npm",
            "dockerhub",
            "digitalocean",
            "heroku",
            "mailgun",
            "mailchimp",
            "shopify",
            "datadog",
            "newrelic",
            "cloudflare",
            "vault",
            "terraform",
            "huggingface",
            "linear",
            "notion",
            "postman",
            "sentry",
            "atlassian",
            "azure-devops",
            "discord",
            "telegram",
            "pypi",
        ] {
            assert!(providers.contains(&named), "{named} is not verified");
        }
        // Every kind of GitHub token is verified, or says why it cannot be.
        let rule = |id: &str| {
            set.rules()
                .iter()
                .find(|r| r.id() == id)
                .unwrap_or_else(|| panic!("no rule {id}"))
        };
        for id in [
            "github-pat-classic",
            "github-pat-fine-grained",
            "github-oauth-token",
            "github-app-user-token",
            "github-app-installation-token",
        ] {
            assert_eq!(
                rule(id).def.verify.as_ref().map(|v| v.provider.as_str()),
                Some("github"),
                "{id}"
            );
        }
        let refresh = &rule("github-refresh-token").def;
        assert!(
            refresh.verify.is_none()
                && refresh
                    .not_verified
                    .as_deref()
                    .is_some_and(|w| w.len() > 20),
            "github-refresh-token neither verified nor saying why"
        );
    }

    #[test]
    fn a_rule_is_verified_or_says_why_not_never_both() {
        for r in RuleSet::builtin().rules() {
            assert!(
                !(r.def.verify.is_some() && r.def.not_verified.is_some()),
                "{}",
                r.id()
            );
        }
    }

    #[test]
    fn parse_error_names_file_line_and_column() {
        let err = parse_rule_file("provider = \"x\"\nrules = [ { id = 3 } ]\n", "my.toml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("my.toml:2:"), "{err}");
        assert!(!err.contains('\n'));
    }

    #[test]
    fn hint_is_first_nonempty_line() {
        let mut set = RuleSet::builtin();
        let r = &set.rules()[0];
        assert!(!r.hint().is_empty());
        assert!(!r.hint().contains('\n'));
        set.push(Rule::new(r.def.clone(), "p".into(), "s".into()));
    }
}
