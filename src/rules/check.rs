//! `leakhound rules check`: every rule is well-formed and its examples hold.
//!
//! The same checks run in `cargo test` over the built-in rules, so a rule whose
//! example stops matching fails the build's tests, not a user's scan.

use std::collections::HashMap;
use std::fmt;

use super::keywords::keywords_required;
use super::{Rule, RuleSet};
use crate::detect::Engine;

/// Shortest keyword allowed: shorter ones match too much text to filter anything.
const MIN_KEYWORD_LEN: usize = 3;

/// One thing wrong with one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub source: String,
    pub rule: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: rule '{}': {}", self.source, self.rule, self.message)
    }
}

/// Checks every rule in `set`; an empty result means all is well.
pub fn check(set: &RuleSet) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for rule in set.rules() {
        let mut report = |message: String| {
            problems.push(Problem {
                source: rule.source.clone(),
                rule: rule.def.id.clone(),
                message,
            })
        };
        if let Some(prev) = seen.insert(rule.id(), &rule.source) {
            report(format!("id is also defined in {prev}"));
        }
        for message in check_rule(rule) {
            report(message);
        }
        for id in &rule.def.key_id_rules {
            if !set.rules().iter().any(|r| r.id() == id) {
                report(format!("key_id_rules names '{id}', which is not a rule"));
            } else if id == rule.id() {
                report("key_id_rules names the rule itself".to_string());
            }
        }
    }
    problems
}

/// The problems of a single rule, as messages.
pub fn check_rule(rule: &Rule) -> Vec<String> {
    let d = &rule.def;
    let mut out = Vec::new();
    if !is_well_formed_id(&d.id) {
        out.push("id must be lowercase letters, digits and single dashes".to_string());
    }
    for (field, value) in [
        ("name", &d.name),
        ("description", &d.description),
        ("remediation", &d.remediation),
    ] {
        if value.trim().is_empty() {
            out.push(format!("{field} is empty"));
        }
    }
    if d.remediation
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count()
        < 2
    {
        out.push("remediation needs a one-line summary followed by the steps".to_string());
    }
    if let Some(name) = &d.env_var
        && !crate::text::is_shell_name(name)
    {
        out.push(format!(
            "env_var '{name}' is not a shell variable name ([A-Za-z_][A-Za-z0-9_]*)"
        ));
    }
    if d.references.is_empty() {
        out.push("references is empty".to_string());
    }
    for r in &d.references {
        if !r.starts_with("https://") {
            out.push(format!("reference '{r}' is not an https URL"));
        }
    }
    if let Some(e) = d.entropy.filter(|e| !(0.0..=8.0).contains(e)) {
        out.push(format!("entropy {e} is outside 0..=8 bits per byte"));
    }
    if rule.is_file_rule() {
        return check_file_rule(rule, out);
    }
    if d.keywords.is_empty() {
        out.push("keywords is empty".to_string());
    }
    for k in &d.keywords {
        if k.len() < MIN_KEYWORD_LEN {
            out.push(format!(
                "keyword '{k}' is shorter than {MIN_KEYWORD_LEN} bytes and would not filter"
            ));
        }
    }
    let re = match rule.regex() {
        Ok(re) => re,
        Err(e) => {
            out.push(format!("regex does not compile: {}", one_line(e)));
            return out;
        }
    };
    if !re.capture_names().any(|n| n == Some("secret")) {
        out.push("regex has no named group `secret`".to_string());
    }
    let needs = match d.validate {
        Some(super::Validator::UrlCredentials) => Some(("url-credentials", "host")),
        Some(super::Validator::GenericSecret) => Some(("generic-secret", "name")),
        _ => None,
    };
    if let Some((v, group)) = needs
        && !re.capture_names().any(|n| n == Some(group))
    {
        out.push(format!("validate = \"{v}\" needs a named group `{group}`"));
    }
    match keywords_required(&d.regex, &d.keywords) {
        Ok(true) => {}
        Ok(false) => out.push(
            "no keyword is provably required by the regex: every match must contain one"
                .to_string(),
        ),
        Err(e) => out.push(format!("regex does not parse: {}", one_line(&e))),
    }
    check_examples(rule, None, &mut out);
    out
}

/// At least 2 examples and 1 negative example; each example matches and no negative
/// one does, with the rule alone. A file rule's examples are the content of a file
/// named `file_name`.
fn check_examples(rule: &Rule, file_name: Option<&str>, out: &mut Vec<String>) {
    let d = &rule.def;
    if d.examples.len() < 2 {
        out.push(format!(
            "needs at least 2 examples, has {}",
            d.examples.len()
        ));
    }
    if d.negative_examples.is_empty() {
        out.push("needs at least 1 negative example".to_string());
    }
    let mut single = RuleSet::empty();
    single.push(Rule::new(
        d.clone(),
        rule.provider.clone(),
        rule.source.clone(),
    ));
    let engine = Engine::new(single);
    let matches = |text: &str| match file_name {
        Some(name) => {
            let mut found = Vec::new();
            engine.scan_file_rules(name, text.as_bytes(), &mut found);
            !found.is_empty()
        }
        None => !engine.scan_bytes(text.as_bytes()).is_empty(),
    };
    for ex in &d.examples {
        if !matches(ex) {
            out.push(format!("example does not match: {ex:?}"));
        }
    }
    for ex in &d.negative_examples {
        if matches(ex) {
            out.push(format!("negative example matches: {ex:?}"));
        }
    }
}

/// The checks of a file rule (`file_names`): globs that compile, no keywords or filters
/// (the rule reports the file, not a credential), a regex with a `secret` group, and
/// examples that are file contents, run as the content of the rule's first literal file
/// name.
fn check_file_rule(rule: &Rule, mut out: Vec<String>) -> Vec<String> {
    let d = &rule.def;
    if !d.keywords.is_empty() {
        out.push("a file rule (file_names) has no keywords".to_string());
    }
    if d.entropy.is_some() || d.validate.is_some() || d.line_scoped {
        out.push("a file rule (file_names) takes no entropy, validate or line_scoped".to_string());
    }
    if let Some(Err(e)) = rule.file_names() {
        out.push(e.to_string());
    }
    let literal = d
        .file_names
        .iter()
        .find(|g| !g.starts_with('!') && !g.contains(['*', '?', '[', '{']));
    let Some(name) = literal else {
        out.push("file_names needs one literal name, to run the examples as".to_string());
        return out;
    };
    match rule.regex() {
        Ok(re) if !re.capture_names().any(|n| n == Some("secret")) => {
            out.push("regex has no named group `secret`".to_string());
        }
        Ok(_) => {}
        Err(e) => {
            out.push(format!("regex does not compile: {}", one_line(e)));
            return out;
        }
    }
    check_examples(rule, Some(name), &mut out);
    out
}

fn is_well_formed_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every built-in rule's examples match, negative examples do not, and every field
    /// is well-formed. Failures list each rule and example.
    #[test]
    fn every_builtin_rule_passes_its_checks() {
        let problems = check(&RuleSet::builtin());
        let listing: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(problems.is_empty(), "{}", listing.join("\n"));
    }

    #[test]
    fn ids() {
        assert!(is_well_formed_id("github-pat-classic"));
        assert!(is_well_formed_id("aws2"));
        assert!(!is_well_formed_id("GitHub"));
        assert!(!is_well_formed_id("a--b"));
        assert!(!is_well_formed_id("-a"));
        assert!(!is_well_formed_id(""));
    }

    #[test]
    fn broken_rule_reports_each_problem() {
        let builtin = RuleSet::builtin();
        let mut def = builtin.rules()[0].def.clone();
        def.id = "Bad_Id".into();
        def.regex = "(?P<other>zz[a-z]{8})".into();
        def.keywords = vec!["zz".into()];
        def.examples = vec!["nothing".into()];
        def.negative_examples = vec![];
        def.references = vec!["http://x".into()];
        def.env_var = Some("ACME KEY".into());
        let msgs = check_rule(&Rule::new(def, "p".into(), "f.toml".into()));
        let all = msgs.join("\n");
        for needle in [
            "id must be",
            "not an https URL",
            "shorter than 3",
            "no named group `secret`",
            "at least 2 examples",
            "at least 1 negative",
            "example does not match",
            "env_var 'ACME KEY' is not a shell variable name",
        ] {
            assert!(all.contains(needle), "missing {needle:?} in:\n{all}");
        }
    }

    #[test]
    fn file_rules_match_names_and_report_their_own_problems() {
        let builtin = RuleSet::builtin();
        let dotenv = builtin
            .rules()
            .iter()
            .find(|r| r.is_file_rule())
            .expect("a built-in file rule");
        let names = dotenv.file_names().unwrap().unwrap();
        for yes in [
            ".env",
            "app/.env",
            ".env.production",
            ".ENV.local",
            "a\\.env",
        ] {
            assert!(names.matches(yes), "{yes}");
        }
        for no in [
            ".env.example",
            ".env.local.sample",
            ".env.template",
            "env",
            "x.env",
            ".envrc",
        ] {
            assert!(!names.matches(no), "{no}");
        }
        let mut def = dotenv.def.clone();
        def.keywords = vec!["zzz".into()];
        def.entropy = Some(3.0);
        def.file_names = vec!["[".into(), "*.env".into()];
        def.negative_examples = vec!["A=b\n".into()];
        let all = check_rule(&Rule::new(def, "p".into(), "f.toml".into())).join("\n");
        for needle in [
            "has no keywords",
            "takes no entropy",
            "file name glob '['",
            "needs one literal name",
        ] {
            assert!(all.contains(needle), "missing {needle:?} in:\n{all}");
        }
        let mut def = dotenv.def.clone();
        def.negative_examples = vec!["A=b\n".into()];
        let all = check_rule(&Rule::new(def, "p".into(), "f.toml".into())).join("\n");
        assert!(all.contains("negative example matches"), "{all}");
    }
}
