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
}

/// The trees a scan reads (the directories and files it is given, or a repository's
/// work tree). A config or rule file inside one belongs to what is scanned, whoever
/// names it: its author may be the one whose secrets are being looked for.
#[derive(Debug, Default, Clone)]
pub(crate) struct ScannedTrees {
    /// Each tree resolved, and as it was given (for messages).
    roots: Vec<(PathBuf, String)>,
}

impl ScannedTrees {
    /// The trees at `paths` (those that cannot be resolved are left out: they are not
    /// read either).
    pub(crate) fn new<'a>(paths: impl IntoIterator<Item = &'a Path>) -> ScannedTrees {
        ScannedTrees {
            roots: paths
                .into_iter()
                .filter_map(|p| Some((std::fs::canonicalize(p).ok()?, p.display().to_string())))
                .collect(),
        }
    }

    /// The tree `file` lies in, as it was given: by its resolved path, or by its path
    /// with only its directory resolved (a link inside the tree that points out of it
    /// is still the tree's file).
    pub(crate) fn holding(&self, file: &Path) -> Option<&str> {
        let resolved = std::fs::canonicalize(file).ok();
        let dir = match file.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let linked = std::fs::canonicalize(dir)
            .ok()
            .zip(file.file_name())
            .map(|(d, name)| d.join(name));
        self.roots
            .iter()
            .find(|(root, _)| {
                [&resolved, &linked]
                    .into_iter()
                    .flatten()
                    .any(|p| p.starts_with(root))
            })
            .map(|(_, shown)| shown.as_str())
    }
}

/// What a file belonging to the scanned tree had that was not used: a repository
/// cannot turn verification on, or choose where `--verify` or `leakhound revoke` sends
/// a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withheld {
    /// The file, as named.
    pub path: String,
    /// The scanned tree it lies in, when it was named (`--config`, `--rules`); `None`
    /// for the config found in the scanned directory.
    pub named_inside: Option<String>,
    /// It had a `[verify]` table.
    pub table: bool,
    /// How many of its rules had a `verify` or `revoke` section.
    pub sections: usize,
}

impl Withheld {
    /// How a warning names it and what was not used (`sections` only when `network`:
    /// they matter only to a command that sends something); `None` when nothing that
    /// matters was withheld.
    pub fn describe(&self, network: bool) -> Option<String> {
        let mut what = Vec::new();
        if self.table {
            what.push("its [verify] table".to_string());
        }
        if network && self.sections > 0 {
            what.push(format!(
                "the verify/revoke sections of {} rule{}",
                self.sections,
                if self.sections == 1 { "" } else { "s" }
            ));
        }
        if what.is_empty() {
            return None;
        }
        let whence = match &self.named_inside {
            None => "found in the scanned directory".to_string(),
            Some(tree) => format!(
                "named, but inside the scanned tree {}",
                crate::text::escape(tree)
            ),
        };
        Some(format!(
            "{} ({whence}): {}",
            crate::text::escape(&self.path),
            what.join(" and ")
        ))
    }
}

/// Drops the `verify` and `revoke` sections of `rules`; how many had one.
pub(crate) fn withhold_sections<'a>(rules: impl IntoIterator<Item = &'a mut RuleDef>) -> usize {
    let mut dropped = 0;
    for rule in rules {
        if rule.verify.is_some() || rule.revoke.is_some() {
            dropped += 1;
        }
        rule.verify = None;
        rule.revoke = None;
    }
    dropped
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
    /// What was not used because the file belongs to the scanned tree.
    pub withheld: Option<Withheld>,
}

impl Config {
    /// The config to use: `explicit` if given (it must exist), else `FILE_NAME` in
    /// `root` if there is one, else none. A config found in `root`, or named but lying
    /// in one of `trees`, belongs to what is scanned: its `[verify]` table and its
    /// rules' `verify` and `revoke` sections are not used ([`Config::withheld`]).
    pub(crate) fn discover(
        explicit: Option<&Path>,
        root: Option<&Path>,
        trees: &ScannedTrees,
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
        let named_inside = explicit.and_then(|p| trees.holding(p)).map(str::to_string);
        if explicit.is_none() || named_inside.is_some() {
            // The scanned repository's own file: it must never choose where `--verify`
            // or `leakhound revoke` sends a secret, nor turn verification on.
            let sections = withhold_sections(&mut config.rules);
            let table = config.verify != VerifySettings::default();
            config.verify = VerifySettings::default();
            if table || sections > 0 {
                config.withheld = Some(Withheld {
                    path: shown,
                    named_inside,
                    table,
                    sections,
                });
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
            withheld: None,
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

    /// What its `[verify]` table sets (nothing for a config that belongs to the
    /// scanned tree: see [`Config::withheld`]).
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
    fn a_file_belongs_to_the_scanned_tree_it_lies_in_even_through_a_link() {
        let tree = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::create_dir(tree.path().join("sub")).unwrap();
        let inner = tree.path().join("sub/.leakhound.toml");
        let other = outside.path().join("corp.toml");
        std::fs::write(&inner, "").unwrap();
        std::fs::write(&other, "").unwrap();
        let trees = ScannedTrees::new([tree.path()]);
        assert!(trees.holding(&inner).is_some());
        assert!(trees.holding(&other).is_none());
        // A link inside the tree to a file outside is still the tree's; a link outside
        // to a file inside is too.
        #[cfg(unix)]
        {
            let link_in = tree.path().join("linked.toml");
            std::os::unix::fs::symlink(&other, &link_in).unwrap();
            assert!(trees.holding(&link_in).is_some());
            let link_out = outside.path().join("to-inner.toml");
            std::os::unix::fs::symlink(&inner, &link_out).unwrap();
            assert!(trees.holding(&link_out).is_some());
        }
        assert!(ScannedTrees::default().holding(&inner).is_none());
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
