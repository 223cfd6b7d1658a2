//! `.leakhound.toml`: custom rules, disabled rules, allowlists.
//!
//! Every mistake is reported as `path:line:column: reason` (a [`Located`]), using the
//! spans the TOML parser keeps for each value, and the command exits 2.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSetBuilder};
use regex::bytes::{Regex, RegexBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::admit::{Offered, Place, Problem};
use crate::detect::policy::{Allow, Policy};
use crate::rules::schema::RuleDef;
use crate::rules::{Rule, RuleSet};
use crate::text::Located;

/// The file looked for at the root of a scan.
pub(crate) const FILE_NAME: &str = ".leakhound.toml";

/// Whether config rules add to the built-in rules or replace them.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Builtin {
    #[default]
    Extend,
    Replace,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    builtin_rules: Builtin,
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    /// Provider shown for the config's own rules.
    #[serde(default)]
    provider: Option<String>,
    #[serde(default)]
    rules: Vec<Spanned<RuleDef>>,
    #[serde(default)]
    allow: Vec<Spanned<AllowDef>>,
    #[serde(default)]
    verify: Option<Spanned<VerifyTable>>,
}

/// `[verify]`: how `--verify` runs, from a file the user names with `--config`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VerifyTable {
    #[serde(default)]
    enabled: bool,
    #[serde(default)]
    providers: std::collections::BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    timeout: Option<Spanned<u64>>,
    #[serde(default)]
    max_requests: Option<Spanned<u64>>,
}

/// What a config's `[verify]` table sets. Only a config named with `--config` sets
/// anything: one found in the scanned directory belongs to what is scanned, which must
/// never turn verification on or choose where a secret is sent.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct VerifySettings {
    /// `enabled = true`: verify as if `--verify` were given (not for `staged`).
    pub enabled: bool,
    /// `providers.NAME = "URL"`, like `--verify-provider NAME=URL`.
    pub providers: Vec<(String, String)>,
    /// `timeout` in seconds, like `--verify-timeout`.
    pub timeout: Option<u64>,
    /// `max_requests`, like `--verify-max-requests`.
    pub max_requests: Option<u64>,
    /// The config file found in the scanned directory had a `[verify]` table, which was
    /// not used: a warning says so.
    pub ignored: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AllowDef {
    #[serde(default)]
    #[allow(dead_code)] // read by people, not by the program
    description: Option<String>,
    #[serde(default)]
    rules: Vec<Spanned<String>>,
    #[serde(default)]
    paths: Vec<Spanned<String>>,
    /// Paths as regexes (gitleaks's allowlist `paths`), beside the globs of `paths`.
    #[serde(default)]
    path_regexes: Vec<Spanned<String>>,
    #[serde(default)]
    secrets: Vec<Spanned<String>>,
    #[serde(default)]
    lines: Vec<Spanned<String>>,
    #[serde(default)]
    stopwords: Vec<Spanned<String>>,
    #[serde(default)]
    fingerprints: Vec<Spanned<String>>,
    #[serde(default)]
    condition: Option<Spanned<String>>,
}

/// A loaded config.
#[derive(Debug, Default)]
pub struct Config {
    /// Where it came from, for messages; `None` when there was no file.
    pub path: Option<PathBuf>,
    replace_builtin: bool,
    disabled: Vec<String>,
    provider: String,
    /// The path its rules name as their source.
    source: String,
    rules: Vec<RuleDef>,
    /// Where each of `rules` is written.
    places: Vec<Place>,
    allow: Vec<Allow>,
    verify: VerifySettings,
}

impl Config {
    /// The config to use: `explicit` if given (it must exist), else `FILE_NAME` in
    /// `root` if there is one, else none.
    pub(crate) fn discover(
        explicit: Option<&Path>,
        root: Option<&Path>,
    ) -> Result<Config, Located> {
        let path = match (explicit, root) {
            (Some(p), _) => p.to_path_buf(),
            (None, Some(root)) => {
                let p = root.join(FILE_NAME);
                if !p.is_file() {
                    return Ok(Config::default());
                }
                p
            }
            (None, None) => return Ok(Config::default()),
        };
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(&path)
            .map_err(|e| Located::file(&shown, format!("cannot read config file: {e}")))?;
        let mut config = Config::parse(&text, &shown)?;
        if explicit.is_none() {
            // A config found in the scanned directory belongs to what is scanned: it
            // must never choose where `--verify` or `leakhound revoke` sends a secret.
            for rule in &mut config.rules {
                rule.verify = None;
                rule.revoke = None;
            }
            if config.verify != VerifySettings::default() {
                config.verify = VerifySettings {
                    ignored: Some(shown.clone()),
                    ..VerifySettings::default()
                };
            }
        }
        config.path = Some(path);
        Ok(config)
    }

    /// Parses and checks a config's text; `path` is used in messages.
    pub fn parse(text: &str, path: &str) -> Result<Config, Located> {
        let err = |span: std::ops::Range<usize>, message: String| {
            Located::at(path, text, span.start, message)
        };
        let file: ConfigFile = toml::from_str(text).map_err(|e| {
            err(
                e.span().unwrap_or(0..0),
                e.message().trim().replace('\n', " "),
            )
        })?;
        let builtin = RuleSet::builtin();
        let known = |id: &str| {
            builtin.rules().iter().any(|r| r.id() == id)
                || file.rules.iter().any(|r| r.get_ref().id == id)
        };
        for id in &file.disable {
            if !builtin.rules().iter().any(|r| r.id() == id.get_ref()) {
                return Err(err(
                    id.span(),
                    format!("disable: no built-in rule has id '{}'", id.get_ref()),
                ));
            }
        }
        let mut allow = Vec::new();
        for entry in &file.allow {
            let a = entry.get_ref();
            for id in &a.rules {
                if !known(id.get_ref()) {
                    return Err(err(
                        id.span(),
                        format!("allow.rules: no rule has id '{}'", id.get_ref()),
                    ));
                }
            }
            let paths = if a.paths.is_empty() {
                None
            } else {
                let mut b = GlobSetBuilder::new();
                for g in &a.paths {
                    let glob = Glob::new(g.get_ref()).map_err(|e| {
                        err(g.span(), format!("allow.paths: bad glob: {}", e.kind()))
                    })?;
                    b.add(glob);
                }
                Some(
                    b.build()
                        .map_err(|e| err(entry.span(), format!("allow.paths: {e}")))?,
                )
            };
            let compile = |list: &[Spanned<String>], key: &str| -> Result<Vec<Regex>, Located> {
                list.iter()
                    .map(|r| {
                        RegexBuilder::new(r.get_ref())
                            .size_limit(1 << 20)
                            .build()
                            .map_err(|e| {
                                err(
                                    r.span(),
                                    format!(
                                        "{key}: regex does not compile: {}",
                                        e.to_string()
                                            .split_whitespace()
                                            .collect::<Vec<_>>()
                                            .join(" ")
                                    ),
                                )
                            })
                    })
                    .collect()
            };
            let path_regexes = compile(&a.path_regexes, "allow.path_regexes")?;
            let secrets = compile(&a.secrets, "allow.secrets")?;
            let lines = compile(&a.lines, "allow.lines")?;
            let mut fingerprints = HashSet::new();
            for f in &a.fingerprints {
                let v = f.get_ref();
                if !crate::finding::is_fingerprint(v) {
                    return Err(err(
                        f.span(),
                        "allow.fingerprints: a fingerprint is 32 hexadecimal characters (see the JSON report)"
                            .to_string(),
                    ));
                }
                fingerprints.insert(v.to_ascii_lowercase());
            }
            let all = match a.condition.as_ref().map(|c| c.get_ref().as_str()) {
                None | Some("any") => false,
                Some("all") => true,
                Some(other) => {
                    return Err(err(
                        a.condition.as_ref().map_or(0..0, |c| c.span()),
                        format!("allow.condition: expected \"any\" or \"all\", found \"{other}\""),
                    ));
                }
            };
            if paths.is_none()
                && path_regexes.is_empty()
                && secrets.is_empty()
                && lines.is_empty()
                && a.stopwords.is_empty()
                && fingerprints.is_empty()
            {
                return Err(err(
                    entry.span(),
                    "allow: an entry needs at least one of paths, path_regexes, secrets, lines, stopwords, fingerprints"
                        .to_string(),
                ));
            }
            allow.push(Allow {
                rules: a.rules.iter().map(|r| r.get_ref().clone()).collect(),
                paths,
                path_globs: a.paths.iter().map(|g| g.get_ref().clone()).collect(),
                path_regexes,
                secrets,
                lines,
                stopwords: a
                    .stopwords
                    .iter()
                    .map(|w| w.get_ref().as_bytes().to_ascii_lowercase())
                    .collect(),
                fingerprints,
                all,
            });
        }
        let verify = match &file.verify {
            None => VerifySettings::default(),
            Some(table) => {
                let t = table.get_ref();
                let in_range = |v: &Option<Spanned<u64>>, key: &str, max: u64| match v {
                    Some(n) if !(1..=max).contains(n.get_ref()) => Err(err(
                        n.span(),
                        format!("verify.{key}: expected a number from 1 to {max}"),
                    )),
                    _ => Ok(v.as_ref().map(|n| *n.get_ref())),
                };
                let mut providers = Vec::new();
                for (name, url) in &t.providers {
                    // The URL is checked with the flag's mappings, against the rules'
                    // providers, before anything is scanned.
                    if !url.get_ref().starts_with("https://")
                        && !url.get_ref().starts_with("http://")
                    {
                        return Err(err(
                            url.span(),
                            format!("verify.providers.{name}: expected an https:// URL"),
                        ));
                    }
                    providers.push((name.to_ascii_lowercase(), url.get_ref().trim().to_string()));
                }
                VerifySettings {
                    enabled: t.enabled,
                    providers,
                    timeout: in_range(&t.timeout, "timeout", 300)?,
                    max_requests: in_range(&t.max_requests, "max_requests", 1_000_000)?,
                    ignored: None,
                }
            }
        };
        Ok(Config {
            path: None,
            verify,
            replace_builtin: file.builtin_rules == Builtin::Replace,
            disabled: file.disable.iter().map(|d| d.get_ref().clone()).collect(),
            provider: file.provider.unwrap_or_else(|| "Custom".to_string()),
            source: path.to_string(),
            rules: file.rules.into_iter().map(Spanned::into_inner).collect(),
            places: crate::admit::places(text),
            allow,
        })
    }

    /// The rules a scan under this config uses: the built-in ones (unless replaced)
    /// without the disabled ones, then its own rules and `extra` (from `--rules`),
    /// admitted (`crate::admit::admit`).
    pub fn rule_set(&self, extra: Vec<Offered>) -> Result<RuleSet, Problem> {
        crate::admit::admit(self.builtin_rules(), self.offered(extra))
    }

    /// What `rules check --config` reports: the rule set and the problems of every
    /// rule in it, built-in ones included.
    pub fn review(&self, extra: Vec<Offered>) -> (RuleSet, Vec<Problem>) {
        crate::admit::review(self.builtin_rules(), self.offered(extra), true)
    }

    /// The built-in rules this config keeps.
    fn builtin_rules(&self) -> RuleSet {
        if self.replace_builtin {
            RuleSet::empty()
        } else {
            RuleSet::builtin_without(&self.disabled)
        }
    }

    /// The config's own rules, where they are written, followed by `extra`.
    pub fn offered(&self, extra: Vec<Offered>) -> Vec<Offered> {
        let mut places = self.places.iter().cloned();
        let own = self.rules.iter().map(|def| Offered {
            rule: Rule::new(def.clone(), self.provider.clone(), self.source.clone()),
            place: places.next(),
        });
        own.chain(extra).collect()
    }

    /// What its `[verify]` table sets (nothing for a config found in the scanned
    /// directory: see [`VerifySettings::ignored`]).
    pub fn verify_settings(&self) -> &VerifySettings {
        &self.verify
    }

    /// The suppressions of a scan under this config: its allowlists, and the inline
    /// markers unless `inline_allow` is off.
    pub fn into_policy(self, inline_allow: bool) -> Policy {
        Policy {
            allow: self.allow,
            inline_allow,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::detect::policy::Candidate;

    fn parse(text: &str) -> Result<Config, Located> {
        Config::parse(text, "cfg.toml")
    }

    fn cand<'a>(
        rule_id: &'a str,
        path: &'a str,
        secret: &'a [u8],
        line: &'a [u8],
    ) -> Candidate<'a> {
        Candidate {
            rule_id,
            path,
            secret,
            line,
            fingerprint: "00000000000000000000000000000000",
        }
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = parse("disable = [\"github-pat-classic\", \"no-such-rule\"]\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 34), "{e}");
        assert!(e.message.contains("no-such-rule"));
        let e = parse("[[allow]]\nsecrets = [\"(unclosed\"]\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 12), "{e}");
        let e = parse("[[allow]]\npaths = [\"a/{b\"]\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = parse("unknown_key = 1\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("unknown field"), "{e}");
        let e = parse("[[allow]]\ndescription = \"nothing\"\n").unwrap_err();
        assert!(e.message.contains("at least one"), "{e}");
        let e = parse("[[allow]]\nfingerprints = [\"abc\"]\n").unwrap_err();
        assert!(e.message.contains("32 hexadecimal"), "{e}");
        let e = parse("[[allow]]\nstopwords = [\"x\"]\ncondition = \"most\"\n").unwrap_err();
        assert_eq!(e.line, 3);
    }

    #[test]
    fn allow_entries_match_by_any_or_all_criteria_and_by_rule() {
        let c = parse(
            r#"
[[allow]]
paths = ["tests/**"]
rules = ["github-pat-classic"]

[[allow]]
stopwords = ["EXAMPLE"]

[[allow]]
secrets = ["^sk_test_"]
lines = ["fixture"]
condition = "all"
"#,
        )
        .unwrap()
        .into_policy(true);
        assert!(c.allows(&cand("github-pat-classic", "tests/a.py", b"x", b"")));
        assert!(!c.allows(&cand("slack-bot-token", "tests/a.py", b"x", b"")));
        assert!(c.allows(&cand("any", "src/a.py", b"AKIAxxxexamplexx", b"")));
        assert!(c.allows(&cand("any", "src/a.py", b"sk_test_1", b"fixture = 1")));
        assert!(!c.allows(&cand("any", "src/a.py", b"sk_test_1", b"real = 1")));
    }

    #[test]
    fn rules_can_be_added_disabled_or_replace_the_builtin_set() {
        let c = parse(
            r#"
disable = ["generic-secret-assignment"]
provider = "Acme"
[[rules]]
id = "acme-key"
name = "Acme key"
description = "An Acme key."
regex = '''\b(?P<secret>acme_[a-z0-9]{16})\b'''
keywords = ["acme_"]
severity = "high"
confidence = "high"
remediation = "Revoke it in the Acme console."
references = []
examples = ["k = acme_q8w7e6r5t4y3u2i1"]
negative_examples = []
"#,
        )
        .unwrap();
        let set = c.rule_set(Vec::new()).unwrap();
        assert!(
            set.rules()
                .iter()
                .any(|r| r.id() == "acme-key" && r.provider == "Acme")
        );
        assert!(
            !set.rules()
                .iter()
                .any(|r| r.id() == "generic-secret-assignment")
        );
        assert_eq!(set.len(), RuleSet::builtin().len());
        let replaced = parse("builtin_rules = \"replace\"\n")
            .unwrap()
            .rule_set(Vec::new())
            .unwrap();
        assert!(replaced.is_empty());
    }

    #[test]
    fn the_readme_example_config_is_valid() {
        let readme = include_str!("../README.md");
        let section = &readme[readme.find("### Configuration").expect("section")..];
        let start = section.find("```toml\n").expect("toml block") + 8;
        let len = section[start..].find("```").expect("block end");
        let c = parse(&section[start..start + len]).unwrap();
        assert_eq!(c.allow.len(), 1);
        assert!(
            c.rule_set(Vec::new())
                .unwrap()
                .rules()
                .iter()
                .any(|r| r.id() == "acme-api-key")
        );
    }
}
