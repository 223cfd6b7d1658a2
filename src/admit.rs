//! Rule admission: the one way a user's rules (`--rules` files and directories, a
//! config's `[[rules]]`) enter a scan, and what `leakhound rules check` reports.
//!
//! Every rule gets the same checks wherever it was written: a well-formed id unique
//! across every source, its fields, a regex that compiles with the groups its validator
//! needs, keywords the regex provably requires, and examples that the real engine
//! reports (negative examples that it does not). A problem that would make the rule
//! scan wrongly or not at all *refuses* the rule: the scan stops with the first one,
//! located at the field it concerns. The others (a malformed id, too few examples, an
//! empty field) are reported by `rules check`, which fails on any problem. Built-in
//! rules pass every check in `cargo test`, so a scan does not check them again.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use serde::de::IgnoredAny;
use toml::Spanned;

use crate::detect::Engine;
use crate::rules::keywords::keywords_required;
use crate::rules::{Rule, RuleError, RuleSet, Validator, parse_rule_file};
use crate::text::escape;

/// Shortest keyword allowed: shorter ones match too much text to filter anything.
const MIN_KEYWORD_LEN: usize = 3;

/// The part of a rule a problem concerns, to locate it in the rule's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    /// The rule as a whole: its `[[rules]]` table.
    Rule,
    Id,
    Name,
    Description,
    Remediation,
    EnvVar,
    References,
    Entropy,
    Keywords,
    Regex,
    Validate,
    FileNames,
    KeyIdRules,
    Example(usize),
    NegativeExample(usize),
}

/// Where a user rule was written: its file's text and the byte offsets of its table
/// and of the fields present.
#[derive(Debug, Clone)]
pub struct Place {
    text: Arc<str>,
    table: usize,
    fields: Vec<(Field, usize)>,
}

impl Place {
    /// Line and column of `field`, else of the rule's table.
    fn position(&self, field: Field) -> (usize, usize) {
        let offset = self
            .fields
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(self.table, |&(_, o)| o);
        crate::text::position(self.text.as_bytes(), offset)
    }
}

/// The offsets of one `[[rules]]` table's fields (unknown keys are left to the
/// rule's own parser).
#[derive(Deserialize)]
struct FieldsAt {
    id: Option<Spanned<IgnoredAny>>,
    name: Option<Spanned<IgnoredAny>>,
    description: Option<Spanned<IgnoredAny>>,
    remediation: Option<Spanned<IgnoredAny>>,
    env_var: Option<Spanned<IgnoredAny>>,
    references: Option<Spanned<IgnoredAny>>,
    entropy: Option<Spanned<IgnoredAny>>,
    keywords: Option<Spanned<IgnoredAny>>,
    regex: Option<Spanned<IgnoredAny>>,
    validate: Option<Spanned<IgnoredAny>>,
    file_names: Option<Spanned<IgnoredAny>>,
    key_id_rules: Option<Spanned<IgnoredAny>>,
    #[serde(default)]
    examples: Vec<Spanned<IgnoredAny>>,
    #[serde(default)]
    negative_examples: Vec<Spanned<IgnoredAny>>,
}

#[derive(Deserialize)]
struct TablesAt {
    #[serde(default)]
    rules: Vec<Spanned<FieldsAt>>,
}

/// The place of each `[[rules]]` table of a TOML text (a rule file or a config), in
/// order; empty if the text does not parse (its own parser reports why).
pub(crate) fn places(text: &str) -> Vec<Place> {
    let Ok(tables) = toml::from_str::<TablesAt>(text) else {
        return Vec::new();
    };
    let text: Arc<str> = Arc::from(text);
    tables
        .rules
        .into_iter()
        .map(|table| {
            let span = table.span();
            let f = table.into_inner();
            let mut fields = Vec::new();
            for (field, at) in [
                (Field::Id, &f.id),
                (Field::Name, &f.name),
                (Field::Description, &f.description),
                (Field::Remediation, &f.remediation),
                (Field::EnvVar, &f.env_var),
                (Field::References, &f.references),
                (Field::Entropy, &f.entropy),
                (Field::Keywords, &f.keywords),
                (Field::Regex, &f.regex),
                (Field::Validate, &f.validate),
                (Field::FileNames, &f.file_names),
                (Field::KeyIdRules, &f.key_id_rules),
            ] {
                if let Some(s) = at {
                    fields.push((field, s.span().start));
                }
            }
            for (i, s) in f.examples.iter().enumerate() {
                fields.push((Field::Example(i), s.span().start));
            }
            for (i, s) in f.negative_examples.iter().enumerate() {
                fields.push((Field::NegativeExample(i), s.span().start));
            }
            Place {
                text: Arc::clone(&text),
                table: span.start,
                fields,
            }
        })
        .collect()
}

/// A user rule waiting for admission, with where it was written when that is known.
#[derive(Debug)]
pub struct Offered {
    pub rule: Rule,
    pub place: Option<Place>,
}

/// One thing wrong with one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file the rule came from.
    pub source: String,
    /// Line and column in it, when known.
    pub at: Option<(usize, usize)>,
    pub rule: String,
    pub message: String,
    /// The rule would scan wrongly or not at all: a scan refuses it.
    pub refuses: bool,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, column)) => write!(f, "{}:{line}:{column}", self.source)?,
            None => write!(f, "{}", self.source)?,
        }
        // Rule text comes from the user's files: shown safe, and on one line.
        let (rule, message) = (escape(&self.rule), escape(&self.message));
        write!(f, ": rule '{rule}': {message}")
    }
}

impl std::error::Error for Problem {}

/// A problem of a rule before it is placed: the field, whether it refuses the rule,
/// the message.
struct Issue {
    field: Field,
    refuses: bool,
    message: String,
}

fn refuse(field: Field, message: impl Into<String>) -> Issue {
    Issue {
        field,
        refuses: true,
        message: message.into(),
    }
}

fn lint(field: Field, message: impl Into<String>) -> Issue {
    Issue {
        field,
        refuses: false,
        message: message.into(),
    }
}

/// The rules of the `--rules` paths, in order: each path is a rule file, or a directory
/// whose `*.toml` files are read in name order.
pub(crate) fn read(paths: &[PathBuf]) -> Result<Vec<Offered>, RuleError> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut entries: Vec<_> = std::fs::read_dir(path)
                .map_err(|source| RuleError::Read {
                    path: path.display().to_string(),
                    source,
                })?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            entries.sort();
            for p in entries {
                read_file(&p, &mut out)?;
            }
        } else {
            read_file(path, &mut out)?;
        }
    }
    Ok(out)
}

fn read_file(path: &Path, out: &mut Vec<Offered>) -> Result<(), RuleError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| RuleError::Read {
        path: shown.clone(),
        source,
    })?;
    let file = parse_rule_file(&text, &shown)?;
    let mut places = places(&text).into_iter();
    for def in file.rules {
        out.push(Offered {
            rule: Rule::new(def, file.provider.clone(), shown.clone()),
            place: places.next(),
        });
    }
    Ok(())
}

/// The rules of a scan: `base` (built-in rules, checked by `cargo test`) and the
/// `offered` user rules after them, in order, unless an offered rule has a problem
/// that refuses it; the error is the first such problem.
pub(crate) fn admit(base: RuleSet, offered: Vec<Offered>) -> Result<RuleSet, Problem> {
    let (set, problems) = review(base, offered, false);
    match problems.into_iter().find(|p| p.refuses) {
        Some(p) => Err(p),
        None => Ok(set),
    }
}

/// `base` followed by `offered`, and the problems of the offered rules (of every rule
/// when `with_base`), in rule order. Ids are compared across all of them.
pub fn review(base: RuleSet, offered: Vec<Offered>, with_base: bool) -> (RuleSet, Vec<Problem>) {
    let first_offered = if with_base { 0 } else { base.len() };
    let mut places: Vec<Option<Place>> = vec![None; base.len()];
    let mut set = base;
    for o in offered {
        set.push(o.rule);
        places.push(o.place);
    }
    let mut problems = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, rule) in set.rules().iter().enumerate() {
        let first = *seen.entry(rule.id()).or_insert(i);
        if i < first_offered {
            continue;
        }
        let mut issues = Vec::new();
        if first != i {
            issues.push(refuse(
                Field::Id,
                format!(
                    "id is already defined in {}",
                    defined_at(set.get(first), places[first].as_ref())
                ),
            ));
        }
        issues.extend(check_rule(rule));
        for id in &rule.def.key_id_rules {
            if !set.rules().iter().any(|r| r.id() == id) {
                issues.push(lint(
                    Field::KeyIdRules,
                    format!("key_id_rules names '{id}', which is not a rule"),
                ));
            } else if id == rule.id() {
                issues.push(lint(
                    Field::KeyIdRules,
                    "key_id_rules names the rule itself",
                ));
            }
        }
        let place = places[i].as_ref();
        problems.extend(issues.into_iter().map(|issue| Problem {
            source: rule.source.clone(),
            at: place.map(|p| p.position(issue.field)),
            rule: rule.def.id.clone(),
            message: issue.message,
            refuses: issue.refuses,
        }));
    }
    (set, problems)
}

/// Where `rule` is defined, for a duplicate's message: its file, and the line and column
/// of its id when known; a built-in rule says how to make room for the new one.
fn defined_at(rule: &Rule, place: Option<&Place>) -> String {
    match place {
        Some(p) => {
            let (line, column) = p.position(Field::Id);
            format!("{}:{line}:{column}", rule.source)
        }
        None => format!(
            "{} (built in: choose another id, or disable the built-in rule in the config)",
            rule.source
        ),
    }
}

/// The problems of a single rule, apart from those that concern other rules (a
/// duplicate id, `key_id_rules`).
fn check_rule(rule: &Rule) -> Vec<Issue> {
    let d = &rule.def;
    let mut out = Vec::new();
    if !is_well_formed_id(&d.id) {
        out.push(lint(
            Field::Id,
            "id must be lowercase letters, digits and single dashes",
        ));
    }
    for (field, name, value) in [
        (Field::Name, "name", &d.name),
        (Field::Description, "description", &d.description),
        (Field::Remediation, "remediation", &d.remediation),
    ] {
        if value.trim().is_empty() {
            out.push(lint(field, format!("{name} is empty")));
        }
    }
    if d.remediation
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count()
        < 2
    {
        out.push(lint(
            Field::Remediation,
            "remediation needs a one-line summary followed by the steps",
        ));
    }
    if let Some(name) = &d.env_var
        && !crate::text::is_shell_name(name)
    {
        out.push(lint(
            Field::EnvVar,
            format!("env_var '{name}' is not a shell variable name ([A-Za-z_][A-Za-z0-9_]*)"),
        ));
    }
    if d.references.is_empty() {
        out.push(lint(Field::References, "references is empty"));
    }
    for r in &d.references {
        if !r.starts_with("https://") {
            out.push(lint(
                Field::References,
                format!("reference '{r}' is not an https URL"),
            ));
        }
    }
    if let Some(e) = d.entropy.filter(|e| !(0.0..=8.0).contains(e)) {
        out.push(refuse(
            Field::Entropy,
            format!("entropy {e} is outside 0..=8 bits per byte"),
        ));
    }
    if rule.is_file_rule() {
        return check_file_rule(rule, out);
    }
    if d.keywords.is_empty() {
        out.push(refuse(Field::Keywords, "keywords is empty"));
    }
    for k in &d.keywords {
        if k.len() < MIN_KEYWORD_LEN {
            out.push(lint(
                Field::Keywords,
                format!(
                    "keyword '{k}' is shorter than {MIN_KEYWORD_LEN} bytes and would not filter"
                ),
            ));
        }
    }
    let re = match rule.regex() {
        Ok(re) => re,
        Err(e) => {
            out.push(refuse(
                Field::Regex,
                format!("regex does not compile: {}", one_line(e)),
            ));
            return out;
        }
    };
    if !re.capture_names().any(|n| n == Some("secret")) {
        out.push(refuse(Field::Regex, "regex has no named group `secret`"));
    }
    let needs = match d.validate {
        Some(Validator::UrlCredentials) => Some(("url-credentials", "host")),
        Some(Validator::GenericSecret) => Some(("generic-secret", "name")),
        _ => None,
    };
    if let Some((v, group)) = needs
        && !re.capture_names().any(|n| n == Some(group))
    {
        out.push(refuse(
            Field::Validate,
            format!("validate = \"{v}\" needs a named group `{group}`"),
        ));
    }
    match keywords_required(&d.regex, &d.keywords) {
        Ok(true) => {}
        Ok(false) => out.push(refuse(
            Field::Keywords,
            "no keyword is provably required by the regex: every match must contain one",
        )),
        Err(e) => out.push(refuse(
            Field::Regex,
            format!("regex does not parse: {}", one_line(&e)),
        )),
    }
    if let Some(why) = &d.not_verified {
        if d.verify.is_some() {
            out.push(refuse(
                Field::Rule,
                "not_verified says why the rule is not verified, yet it has a verify section: \
                 keep one",
            ));
        }
        if why.trim().is_empty() || why.contains(['\n', '\r']) {
            out.push(refuse(
                Field::Rule,
                "not_verified must be one non-empty line (it is shown as the reason)",
            ));
        }
    }
    if let Some(spec) = &d.verify {
        for problem in crate::rules::verify_check::problems(spec) {
            out.push(refuse(Field::Rule, problem));
        }
    }
    if let Some(spec) = &d.revoke {
        for problem in crate::rules::verify_check::revoke_problems(spec) {
            out.push(refuse(Field::Rule, problem));
        }
    }
    check_examples(rule, None, &mut out);
    out
}

/// At least 2 examples and 1 negative example; each example matches and no negative
/// one does, with the rule alone. A file rule's examples are the content of a file
/// named `file_name`.
fn check_examples(rule: &Rule, file_name: Option<&str>, out: &mut Vec<Issue>) {
    let d = &rule.def;
    if d.examples.len() < 2 {
        out.push(lint(
            Field::Rule,
            format!("needs at least 2 examples, has {}", d.examples.len()),
        ));
    }
    if d.negative_examples.is_empty() {
        out.push(lint(Field::Rule, "needs at least 1 negative example"));
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
    for (i, ex) in d.examples.iter().enumerate() {
        if !matches(ex) {
            out.push(refuse(
                Field::Example(i),
                format!("example does not match: {ex:?}"),
            ));
        }
    }
    for (i, ex) in d.negative_examples.iter().enumerate() {
        if matches(ex) {
            out.push(refuse(
                Field::NegativeExample(i),
                format!("negative example matches: {ex:?}"),
            ));
        }
    }
}

/// The checks of a file rule (`file_names`): globs that compile, no keywords or filters
/// (the rule reports the file, not a credential), a regex with a `secret` group, and
/// examples that are file contents, run as the content of the rule's first literal file
/// name.
fn check_file_rule(rule: &Rule, mut out: Vec<Issue>) -> Vec<Issue> {
    let d = &rule.def;
    if !d.keywords.is_empty() {
        out.push(refuse(
            Field::Keywords,
            "a file rule (file_names) has no keywords",
        ));
    }
    if d.entropy.is_some() || d.validate.is_some() || d.line_scoped {
        out.push(refuse(
            Field::Rule,
            "a file rule (file_names) takes no entropy, validate or line_scoped",
        ));
    }
    if let Some(Err(e)) = rule.file_names() {
        out.push(refuse(Field::FileNames, e));
    }
    let literal = d
        .file_names
        .iter()
        .find(|g| !g.starts_with('!') && !g.contains(['*', '?', '[', '{']));
    match rule.regex() {
        Ok(re) if !re.capture_names().any(|n| n == Some("secret")) => {
            out.push(refuse(Field::Regex, "regex has no named group `secret`"));
        }
        Ok(_) => {}
        Err(e) => {
            out.push(refuse(
                Field::Regex,
                format!("regex does not compile: {}", one_line(e)),
            ));
            return out;
        }
    }
    let Some(name) = literal else {
        out.push(lint(
            Field::FileNames,
            "file_names needs one literal name, to run the examples as",
        ));
        return out;
    };
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

    fn messages(rule: &Rule) -> String {
        let issues = check_rule(rule);
        let all: Vec<_> = issues.into_iter().map(|i| i.message).collect();
        all.join("\n")
    }

    /// Every built-in rule's examples match, negative examples do not, and every field
    /// is well-formed. Failures list each rule and example.
    #[test]
    fn every_builtin_rule_passes_its_checks() {
        let (_, problems) = review(RuleSet::builtin(), Vec::new(), true);
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
        let all = messages(&Rule::new(def, "p".into(), "f.toml".into()));
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
        let all = messages(&Rule::new(def, "p".into(), "f.toml".into()));
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
        let all = messages(&Rule::new(def, "p".into(), "f.toml".into()));
        assert!(all.contains("negative example matches"), "{all}");
    }
}
