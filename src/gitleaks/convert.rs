//! `leakhound config from-gitleaks`: a `.gitleaks.toml` (gitleaks v8) written as a
//! `.leakhound.toml`, and everything that could not be carried over, each with its
//! reason.
//!
//! What maps: `[extend] useDefault` (leakhound's built-in rules stand for gitleaks's
//! default ones), `disabledRules` (a leakhound family is disabled when every gitleaks
//! rule for it is), custom rules (id, description, regex with its `secretGroup` as the
//! named group `secret`, keywords every match provably contains, entropy, tags), and
//! allowlists, global and per rule, old (`[allowlist]`) and new (`[[allowlists]]`,
//! `condition`, `targetRules`): paths (regexes, as `path_regexes`), regexes on the secret
//! or the line, stopwords. What does not: commits, a rule's `path` restriction,
//! path-only rules, `[extend] path`/`url`, composite rules' proximity. The result is
//! loaded the way a scan loads a config before it is returned: a rule leakhound
//! refuses is left out and said so.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use regex_syntax::ast::{self, Ast};
use toml::{Table, Value};

use crate::config::Config;
use crate::rules::RuleSet;
use crate::rules::keywords::keywords_required;
use crate::rules::schema::{Confidence, RuleDef, Severity};
use crate::text::{Located, escape};

use super::families::{family_of_gitleaks, is_gitleaks_default, rules_for};

/// The outcome of a conversion.
#[derive(Debug)]
pub struct Conversion {
    /// The `.leakhound.toml` text; it loads.
    pub text: String,
    /// `[[rules]]` tables in the gitleaks config, and how many became leakhound rules.
    pub rules_total: usize,
    pub rules_converted: usize,
    /// Allowlists in the gitleaks config, and how many became `[[allow]]` entries.
    pub allowlists_total: usize,
    pub allowlists_converted: usize,
    /// What was not converted, or only in part: one line each.
    pub not_converted: Vec<String>,
}

/// A converted rule.
struct OutRule {
    def: RuleDef,
    /// gitleaks's `path` restriction, dropped: said in a comment above the rule.
    comment: Vec<String>,
}

/// A converted allowlist entry.
#[derive(Default)]
struct OutAllow {
    description: Option<String>,
    /// Limited to `rules` (an empty list then means none left, not every rule).
    scoped: bool,
    rules: Vec<String>,
    path_regexes: Vec<String>,
    secrets: Vec<String>,
    lines: Vec<String>,
    stopwords: Vec<String>,
    all: bool,
}

/// Everything gathered from the gitleaks config.
#[derive(Default)]
struct State {
    extend: bool,
    disable: BTreeSet<String>,
    rules: Vec<OutRule>,
    allow: Vec<OutAllow>,
    notes: Vec<String>,
    rules_total: usize,
    allowlists_total: usize,
}

/// `table[key]`, with the key compared case-insensitively, as gitleaks's config
/// loader (viper) does.
fn get<'a>(t: &'a Table, key: &str) -> Option<&'a Value> {
    t.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
}

fn known_keys(t: &Table, known: &[&str], what: &str, notes: &mut Vec<String>) {
    for k in t.keys() {
        if !known.iter().any(|n| n.eq_ignore_ascii_case(k)) {
            notes.push(format!(
                "{what}: `{k}` is not a gitleaks setting leakhound knows: ignored"
            ));
        }
    }
}

fn string(t: &Table, key: &str, what: &str, notes: &mut Vec<String>) -> Option<String> {
    match get(t, key)? {
        Value::String(s) => Some(s.clone()),
        _ => {
            notes.push(format!("{what}: `{key}` is not a string: ignored"));
            None
        }
    }
}

fn strings(t: &Table, key: &str, what: &str, notes: &mut Vec<String>) -> Vec<String> {
    match get(t, key) {
        None => Vec::new(),
        Some(Value::Array(items)) if items.iter().all(Value::is_str) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        Some(_) => {
            notes.push(format!("{what}: `{key}` is not a list of strings: ignored"));
            Vec::new()
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Converts the gitleaks config `text` (`source` names it in errors). A file that is
/// not TOML is an error; anything else that cannot be carried over is a note.
pub fn convert(text: &str, source: &str) -> Result<Conversion, Located> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let table: Table = toml::from_str(text).map_err(|e| {
        Located::at(
            source,
            text,
            e.span().map_or(0, |s| s.start),
            one_line(e.message()),
        )
    })?;
    let mut st = State::default();
    known_keys(
        &table,
        &[
            "title",
            "description",
            "minVersion",
            "extend",
            "rules",
            "allowlist",
            "allowlists",
        ],
        "top level",
        &mut st.notes,
    );
    read_extend(&table, &mut st);
    let builtin = RuleSet::builtin();
    let mut own_ids = BTreeSet::new();
    if let Some(rules) = get(&table, "rules") {
        match rules.as_array() {
            Some(list) => {
                for (i, r) in list.iter().enumerate() {
                    st.rules_total += 1;
                    match r.as_table() {
                        Some(t) => read_rule(t, i, &builtin, &mut own_ids, &mut st),
                        None => st.notes.push(format!("rules[{i}]: not a table: ignored")),
                    }
                }
            }
            None => st
                .notes
                .push("`rules` is not a list of tables: ignored".into()),
        }
    }
    for (key, many) in [("allowlist", false), ("allowlists", true)] {
        for (i, t) in tables(&table, key, many, &mut st.notes).iter().enumerate() {
            st.allowlists_total += 1;
            let what = if many {
                format!("[[allowlists]] #{}", i + 1)
            } else {
                "[allowlist]".to_string()
            };
            let targets = strings(t, "targetRules", &what, &mut st.notes);
            let rules = if targets.is_empty() {
                Some(Vec::new())
            } else {
                target_rules(&targets, &own_ids, &builtin, &what, &mut st.notes)
            };
            if let Some(rules) = rules
                && let Some(a) = read_allowlist(t, &what, rules, true, &mut st.notes)
            {
                st.allow.push(a);
            }
        }
    }
    if !st.extend && st.rules.is_empty() {
        st.notes.push(
            "no rule was converted and the config does not extend gitleaks's default rules: \
             the result replaces leakhound's built-in rules with nothing and finds nothing; \
             set builtin_rules = \"extend\" to keep them"
                .to_string(),
        );
    }
    finish(st, source)
}

/// The tables under `key`: one (`[allowlist]`) or a list (`[[allowlists]]`).
fn tables(t: &Table, key: &str, many: bool, notes: &mut Vec<String>) -> Vec<Table> {
    match get(t, key) {
        None => Vec::new(),
        Some(Value::Table(one)) if !many => vec![one.clone()],
        Some(Value::Array(list)) if many && list.iter().all(Value::is_table) => {
            list.iter().filter_map(|v| v.as_table().cloned()).collect()
        }
        Some(_) => {
            notes.push(format!(
                "`{key}` is not a table as gitleaks writes it: ignored"
            ));
            Vec::new()
        }
    }
}

fn read_extend(table: &Table, st: &mut State) {
    let Some(ext) = get(table, "extend").and_then(Value::as_table) else {
        return;
    };
    known_keys(
        ext,
        &["useDefault", "path", "url", "disabledRules"],
        "[extend]",
        &mut st.notes,
    );
    st.extend = get(ext, "useDefault").and_then(Value::as_bool) == Some(true);
    for key in ["path", "url"] {
        if let Some(p) = string(ext, key, "[extend]", &mut st.notes) {
            st.notes.push(format!(
                "[extend] {key} = {p:?}: the extended config is not read; convert it too and \
                 merge its rules and allowlists by hand"
            ));
        }
    }
    let disabled = strings(ext, "disabledRules", "[extend]", &mut st.notes);
    if disabled.is_empty() {
        return;
    }
    if !st.extend {
        st.notes.push(
            "[extend] disabledRules without useDefault = true: nothing to disable".to_string(),
        );
        return;
    }
    let builtin = RuleSet::builtin();
    for id in &disabled {
        let Some(family) = family_of_gitleaks(id) else {
            st.notes.push(format!(
                "[extend] disabledRules: '{id}' {}",
                if is_gitleaks_default(id) {
                    "has no leakhound counterpart: nothing to disable"
                } else {
                    "is not a gitleaks default rule: nothing to disable"
                }
            ));
            continue;
        };
        // A family is disabled only when every gitleaks rule named after it is: one
        // gitleaks rule out of several is not all of leakhound's rules for that family.
        // (`database-password` stands for generic rules too, but `generic-api-key` is
        // gitleaks's generic rule.)
        let all: Vec<&str> = super::families::gitleaks_ids_of(family);
        let named: Vec<&str> = all
            .iter()
            .copied()
            .filter(|g| g.starts_with(family))
            .collect();
        let siblings = if named.is_empty() { all } else { named };
        let all_off = siblings.iter().all(|s| disabled.iter().any(|d| d == s));
        if all_off {
            st.disable
                .extend(rules_for(id, &builtin).into_iter().map(str::to_string));
        } else {
            let missing: Vec<&str> = siblings
                .iter()
                .copied()
                .filter(|s| !disabled.iter().any(|d| d == s))
                .collect();
            st.notes.push(format!(
                "[extend] disabledRules: '{id}' is one of gitleaks's rules for leakhound's {family} \
                 rules ({} not disabled): they stay on; disable by hand among {}",
                missing.join(", "),
                rules_for(id, &builtin).join(", ")
            ));
        }
    }
}

/// The leakhound rule ids an allowlist's gitleaks rule ids name: the converted rules
/// by their id, gitleaks's default rules by their family. `None` (the entry is left
/// out) when none of them maps.
fn target_rules(
    targets: &[String],
    own: &BTreeSet<String>,
    builtin: &RuleSet,
    what: &str,
    notes: &mut Vec<String>,
) -> Option<Vec<String>> {
    let mut out = BTreeSet::new();
    for t in targets {
        if own.contains(t) {
            out.insert(t.clone());
            continue;
        }
        let ids = rules_for(t, builtin);
        if ids.is_empty() {
            notes.push(format!(
                "{what}: targetRules '{t}' names no converted rule and no leakhound family: \
                 dropped from the entry"
            ));
        }
        out.extend(ids.into_iter().map(str::to_string));
    }
    if out.is_empty() {
        notes.push(format!(
            "{what}: none of its targetRules maps: entry not converted"
        ));
        return None;
    }
    Some(out.into_iter().collect())
}

fn read_rule(
    t: &Table,
    i: usize,
    builtin: &RuleSet,
    own_ids: &mut BTreeSet<String>,
    st: &mut State,
) {
    let notes = &mut st.notes;
    let Some(id) = string(t, "id", &format!("rules[{i}]"), notes) else {
        notes.push(format!("rules[{i}]: no id: not converted"));
        return;
    };
    let what = format!("rule '{id}'");
    if own_ids.contains(&id) {
        notes.push(format!(
            "{what}: a second rule with this id: not converted (leakhound ids are unique)"
        ));
        return;
    }
    known_keys(
        t,
        &[
            "id",
            "description",
            "regex",
            "secretGroup",
            "entropy",
            "path",
            "keywords",
            "tags",
            "allowlist",
            "allowlists",
            "required",
            "skipReport",
        ],
        &what,
        notes,
    );
    let allowlists: Vec<Table> = tables(t, "allowlist", false, notes)
        .into_iter()
        .chain(tables(t, "allowlists", true, notes))
        .collect();
    st.allowlists_total += allowlists.len();
    let regex = string(t, "regex", &what, notes);
    let path = string(t, "path", &what, notes);
    if regex.is_none() {
        if path.is_some() {
            notes.push(format!(
                "{what}: reports files by their path alone; leakhound's file rules take globs \
                 (`file_names`) and a content regex: not converted, write one by hand"
            ));
            return;
        }
        // A rule with only allowlists adds them to the default rule of that id.
        let targets = rules_for(&id, builtin);
        if targets.is_empty() {
            notes.push(format!(
                "{what}: no regex, and leakhound has no rules for it: its allowlists are not \
                 converted"
            ));
            return;
        }
        let targets: Vec<String> = targets.into_iter().map(str::to_string).collect();
        for (n, a) in allowlists.iter().enumerate() {
            let w = format!("{what} allowlist #{}", n + 1);
            if let Some(a) = read_allowlist(a, &w, targets.clone(), false, notes) {
                st.allow.push(a);
            }
        }
        return;
    }
    let regex = regex.unwrap_or_default();
    if get(t, "skipReport").and_then(Value::as_bool) == Some(true) {
        notes.push(format!(
            "{what}: skipReport = true (only a part of composite rules): not converted"
        ));
        return;
    }
    let group = match get(t, "secretGroup") {
        None => None,
        Some(Value::Integer(n)) if *n >= 0 => Some(*n as usize),
        Some(_) => {
            notes.push(format!(
                "{what}: secretGroup is not a group number: not converted"
            ));
            return;
        }
    };
    let (pattern, group_note) = match secret_regex(&go_regex(&regex), group) {
        Ok(p) => p,
        Err(e) => {
            notes.push(format!("{what}: {e}: not converted"));
            return;
        }
    };
    if let Some(n) = group_note {
        notes.push(format!("{what}: {n}"));
    }
    // Rules run as ASCII byte regexes (`\w`, `\b` and `(?i)` as in RE2): a pattern
    // that needs Unicode classes does not compile so.
    if let Err(e) = regex::bytes::RegexBuilder::new(&pattern)
        .unicode(false)
        .build()
    {
        notes.push(format!(
            "{what}: regex does not compile as leakhound compiles rules ({}): not converted",
            one_line(&e.to_string())
        ));
        return;
    }
    let given: Vec<String> = strings(t, "keywords", &what, notes)
        .iter()
        .map(|k| k.to_ascii_lowercase())
        .collect();
    let keywords = match keywords_for(&pattern, &given) {
        Ok((k, note)) => {
            if let Some(n) = note {
                notes.push(format!("{what}: {n}"));
            }
            k
        }
        Err(e) => {
            notes.push(format!("{what}: {e}: not converted"));
            return;
        }
    };
    let entropy = match get(t, "entropy") {
        None => None,
        Some(v) => match v.as_float().or_else(|| v.as_integer().map(|n| n as f64)) {
            Some(e) if (0.0..=8.0).contains(&e) => Some(e as f32),
            _ => {
                notes.push(format!(
                    "{what}: entropy is not a number from 0 to 8: not converted"
                ));
                None
            }
        },
    };
    let mut comment = Vec::new();
    if let Some(p) = &path {
        notes.push(format!(
            "{what}: path = {p:?} dropped (leakhound rules apply to every file): it may find \
             more than it did"
        ));
        comment.push(format!(
            "gitleaks applied this rule only to paths matching {p:?}; leakhound applies it everywhere."
        ));
    }
    if get(t, "required").is_some() {
        notes.push(format!(
            "{what}: `required` (a composite rule: other rules' matches nearby) dropped: it \
             reports its own matches alone"
        ));
        comment.push("gitleaks reported this rule only with its `required` rules nearby.".into());
    }
    let description = string(t, "description", &what, notes)
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| format!("Found by the gitleaks rule {id}."));
    if builtin.rules().iter().any(|r| r.id() == id) && st.extend {
        notes.push(format!(
            "{what}: leakhound has a built-in rule with this id: the built-in one is disabled \
             so that this one stands, as in gitleaks"
        ));
        st.disable.insert(id.clone());
    }
    let def = RuleDef {
        id: id.clone(),
        name: id.clone(),
        description,
        regex: pattern,
        keywords,
        entropy,
        validate: None,
        line_scoped: false,
        severity: Severity::High,
        confidence: Confidence::Medium,
        tags: strings(t, "tags", &what, notes),
        remediation: format!(
            "A credential found by the rule {id} (converted from gitleaks).\n\
             Revoke it where it was issued, issue a new one, and load the new one from the \
             environment or a secret manager instead of the code."
        ),
        env_var: None,
        redact: None,
        key_id_rules: Vec::new(),
        references: Vec::new(),
        file_names: Vec::new(),
        examples: Vec::new(),
        negative_examples: Vec::new(),
        verify: None,
        not_verified: None,
        revoke: None,
    };
    own_ids.insert(id.clone());
    st.rules.push(OutRule { def, comment });
    for (n, a) in allowlists.iter().enumerate() {
        let w = format!("{what} allowlist #{}", n + 1);
        if let Some(a) = read_allowlist(a, &w, vec![id.clone()], false, &mut st.notes) {
            st.allow.push(a);
        }
    }
}

/// A gitleaks allowlist as an `[[allow]]` entry for `rules` (empty: every rule);
/// `None` when nothing of it can be carried over faithfully.
fn read_allowlist(
    t: &Table,
    what: &str,
    rules: Vec<String>,
    global: bool,
    notes: &mut Vec<String>,
) -> Option<OutAllow> {
    let mut keys = vec![
        "description",
        "condition",
        "commits",
        "paths",
        "regexTarget",
        "regexes",
        "stopwords",
    ];
    if global {
        keys.push("targetRules");
    }
    known_keys(t, &keys, what, notes);
    let mut out = OutAllow {
        description: string(t, "description", what, notes),
        scoped: !rules.is_empty(),
        rules,
        ..OutAllow::default()
    };
    out.all = match string(t, "condition", what, notes) {
        None => false,
        Some(c) if c.eq_ignore_ascii_case("or") => false,
        Some(c) if c.eq_ignore_ascii_case("and") => true,
        Some(c) => {
            notes.push(format!(
                "{what}: condition {c:?} is not OR or AND: entry not converted"
            ));
            return None;
        }
    };
    // What was dropped: under AND, the rest would allow more than gitleaks did.
    let mut dropped = Vec::new();
    let commits = strings(t, "commits", what, notes);
    if !commits.is_empty() {
        dropped.push(format!(
            "commits ({}): leakhound allowlists do not name commits; accept those findings with \
             a baseline (`leakhound baseline create`)",
            commits.len()
        ));
    }
    for p in strings(t, "paths", what, notes) {
        let p = go_regex(&p);
        match compile(&p) {
            Ok(()) => out.path_regexes.push(p),
            Err(e) => dropped.push(format!("path regex {p:?}: {e}")),
        }
    }
    let target = string(t, "regexTarget", what, notes).unwrap_or_else(|| "secret".into());
    for r in strings(t, "regexes", what, notes) {
        let r = go_regex(&r);
        if let Err(e) = compile(&r) {
            dropped.push(format!("regex {r:?}: {e}"));
            continue;
        }
        match target.to_ascii_lowercase().as_str() {
            "secret" => out.secrets.push(r),
            "line" => out.lines.push(r),
            "match" => {
                notes.push(format!(
                    "{what}: regex {r:?} targets the match, which leakhound allowlists do not \
                     see: it is applied to the whole line (`lines`), which may allow more"
                ));
                out.lines.push(r);
            }
            other => dropped.push(format!("regex {r:?}: unknown regexTarget {other:?}")),
        }
    }
    out.stopwords = strings(t, "stopwords", what, notes);
    let empty = out.path_regexes.is_empty()
        && out.secrets.is_empty()
        && out.lines.is_empty()
        && out.stopwords.is_empty();
    if out.all && !dropped.is_empty() {
        for d in &dropped {
            notes.push(format!("{what}: {d}"));
        }
        notes.push(format!(
            "{what}: condition = AND and a part could not be converted: entry not converted \
             (the rest alone would allow more than gitleaks did)"
        ));
        return None;
    }
    for d in &dropped {
        notes.push(format!("{what}: {d}: dropped"));
    }
    if empty {
        notes.push(format!(
            "{what}: nothing left to convert: entry not converted"
        ));
        return None;
    }
    Some(out)
}

/// A Go (RE2) pattern in Rust's syntax: RE2 reads a `{` that does not open a
/// repetition (`{n}`, `{n,}`, `{n,m}`) as a literal brace (`${VAR}`, `{{ .Values }}`),
/// where Rust's parser refuses it; such braces are escaped. Everything else is the
/// same syntax in both.
fn go_regex(pattern: &str) -> String {
    let b = pattern.as_bytes();
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut i = 0;
    let mut in_class = false;
    while i < b.len() {
        let c = b[i];
        if c == b'\\' {
            // An escape and the character it escapes, whatever it is.
            let n = pattern[i + 1..].chars().next().map_or(0, char::len_utf8);
            out.push_str(&pattern[i..i + 1 + n]);
            i += 1 + n;
            continue;
        }
        if in_class {
            match c {
                b'[' if pattern[i..].starts_with("[:") => {
                    // A POSIX class `[:alpha:]` inside a bracket.
                    let end = pattern[i..].find(":]").map_or(b.len(), |e| i + e + 2);
                    out.push_str(&pattern[i..end]);
                    i = end;
                    continue;
                }
                // RE2 has no nested classes or set operations: `[`, `&&` and `~~` in
                // a class are literal characters there.
                b'[' => {
                    out.push_str("\\[");
                    i += 1;
                    continue;
                }
                b'&' | b'~' if b.get(i + 1) == Some(&c) => {
                    out.push(c as char);
                    out.push('\\');
                    out.push(c as char);
                    i += 2;
                    continue;
                }
                b']' => in_class = false,
                _ => {}
            }
        } else if c == b'[' {
            in_class = true;
            out.push('[');
            i += 1;
            // `]` right after `[` or `[^` is a literal member.
            if pattern[i..].starts_with('^') {
                out.push('^');
                i += 1;
            }
            if pattern[i..].starts_with(']') {
                out.push(']');
                i += 1;
            }
            continue;
        } else if c == b'{' && !opens_repetition(&pattern[i + 1..]) {
            out.push_str("\\{");
            i += 1;
            continue;
        }
        let n = pattern[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&pattern[i..i + n]);
        i += n;
    }
    out
}

/// Whether `rest` (after a `{`) is a repetition's count: `n}`, `n,}` or `n,m}`.
fn opens_repetition(rest: &str) -> bool {
    let Some(end) = rest.find('}') else {
        return false;
    };
    let inner = &rest[..end];
    let (min, max) = inner.split_once(',').unwrap_or((inner, "0"));
    !min.is_empty()
        && min.bytes().all(|b| b.is_ascii_digit())
        && max.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `pattern` compiles as the config compiles allowlist regexes.
fn compile(pattern: &str) -> Result<(), String> {
    regex::bytes::RegexBuilder::new(pattern)
        .size_limit(1 << 20)
        .build()
        .map(|_| ())
        .map_err(|e| {
            format!(
                "does not compile as a Rust regex ({})",
                one_line(&e.to_string())
            )
        })
}

/// A capture group: its number, where its `(` is, and its name's span if named.
struct Capture {
    index: u32,
    open: usize,
    end: usize,
    name: Option<(String, std::ops::Range<usize>)>,
}

fn captures(ast: &Ast, out: &mut Vec<Capture>) {
    match ast {
        Ast::Group(g) => {
            let (index, name) = match &g.kind {
                ast::GroupKind::CaptureIndex(i) => (Some(*i), None),
                ast::GroupKind::CaptureName { name, .. } => (
                    Some(name.index),
                    Some((
                        name.name.clone(),
                        name.span.start.offset..name.span.end.offset,
                    )),
                ),
                ast::GroupKind::NonCapturing(_) => (None, None),
            };
            if let Some(index) = index {
                out.push(Capture {
                    index,
                    open: g.span.start.offset,
                    end: g.span.end.offset,
                    name,
                });
            }
            captures(&g.ast, out);
        }
        Ast::Repetition(r) => captures(&r.ast, out),
        Ast::Alternation(a) => a.asts.iter().for_each(|x| captures(x, out)),
        Ast::Concat(c) => c.asts.iter().for_each(|x| captures(x, out)),
        _ => {}
    }
}

/// `pattern` with gitleaks's secret group as the named group `secret`, and a note when
/// the choice differs from what gitleaks does. gitleaks takes group `group` when set,
/// else the first group that matched, else the whole match.
fn secret_regex(pattern: &str, group: Option<usize>) -> Result<(String, Option<String>), String> {
    let ast = ast::parse::Parser::new().parse(pattern).map_err(|e| {
        format!(
            "regex does not parse as a Rust regex ({})",
            one_line(&e.to_string())
        )
    })?;
    let mut caps = Vec::new();
    captures(&ast, &mut caps);
    caps.sort_by_key(|c| c.index);
    if caps
        .iter()
        .any(|c| c.name.as_ref().is_some_and(|(n, _)| n == "secret"))
    {
        return Err("regex already has a group named `secret`".into());
    }
    let rename = |c: &Capture| match &c.name {
        Some((_, span)) => format!("{}secret{}", &pattern[..span.start], &pattern[span.end..]),
        None => format!(
            "{}(?P<secret>{}",
            &pattern[..c.open],
            &pattern[c.open + 1..]
        ),
    };
    match group {
        Some(n) if n > 0 => match caps.iter().find(|c| c.index as usize == n) {
            Some(c) => Ok((rename(c), None)),
            None => Err(format!(
                "secretGroup = {n}, but the regex has {} capture groups",
                caps.len()
            )),
        },
        _ => match caps.first() {
            None => Ok((format!("(?P<secret>{pattern})"), None)),
            Some(first) => {
                let outside = caps[1..]
                    .iter()
                    .any(|c| c.open > first.end || c.end <= first.open);
                let note = outside.then(|| {
                    "no secretGroup and several capture groups: gitleaks takes the first that \
                     matched, leakhound group 1 (matches where it did not take part are not \
                     reported; set secretGroup, or make the alternatives one group)"
                        .to_string()
                });
                Ok((rename(first), note))
            }
        },
    }
}

/// Keywords for a converted regex: gitleaks's own when every match provably contains
/// one, else literals the regex requires (its start, its end, or a part every match
/// goes through), the longest first; an error when none is proven.
fn keywords_for(pattern: &str, given: &[String]) -> Result<(Vec<String>, Option<String>), String> {
    let proven = |k: &[String]| keywords_required(pattern, k) == Ok(true);
    if !given.is_empty() && proven(given) {
        return Ok((given.to_vec(), None));
    }
    let mut candidates = literal_candidates(pattern);
    candidates.sort_by_key(|c| std::cmp::Reverse(c.iter().map(String::len).min().unwrap_or(0)));
    if let Some(found) = candidates.into_iter().find(|c| proven(c)) {
        let note = if given.is_empty() {
            format!("no keywords: {} taken from the regex", found.join(", "))
        } else {
            format!(
                "keywords {} are not inside every match (gitleaks needs them anywhere in the \
                 file, leakhound inside the match): {} taken from the regex",
                given.join(", "),
                found.join(", ")
            )
        };
        return Ok((found, Some(note)));
    }
    Err(if given.is_empty() {
        "no keywords, and no literal the regex always contains was found (leakhound runs a \
         rule only where one of its keywords occurs in the match)"
            .to_string()
    } else {
        format!(
            "keywords {} are not inside every match (gitleaks needs them anywhere in the file, \
             leakhound inside the match), and no literal the regex always contains was found",
            given.join(", ")
        )
    })
}

/// Sets of literals that may be keywords of `pattern` (each set still to be proven):
/// what every match starts or ends with, and what every match of a part of its
/// top-level sequence starts with. Case does not matter (keywords match in any case),
/// so the pattern's case flags are dropped first.
fn literal_candidates(pattern: &str) -> Vec<Vec<String>> {
    use regex_syntax::hir::literal::ExtractKind;
    let uncased = pattern
        .replace("(?i)", "")
        .replace("(?-i)", "")
        .replace("(?i:", "(?:")
        .replace("(?-i:", "(?:");
    let Ok(hir) = regex_syntax::ParserBuilder::new()
        .utf8(false)
        .unicode(false)
        .build()
        .parse(&uncased)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for kind in [ExtractKind::Prefix, ExtractKind::Suffix] {
        out.extend(literals(&hir, kind));
    }
    let mut parts = Vec::new();
    sequence_parts(&hir, &mut parts);
    for part in parts {
        out.extend(literals(part, ExtractKind::Prefix));
    }
    out
}

/// The parts of `hir`'s top-level sequence, through groups and nested sequences.
fn sequence_parts<'h>(hir: &'h regex_syntax::hir::Hir, out: &mut Vec<&'h regex_syntax::hir::Hir>) {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Concat(subs) => {
            for sub in subs {
                out.push(sub);
                sequence_parts(sub, out);
            }
        }
        HirKind::Capture(c) => sequence_parts(&c.sub, out),
        _ => {}
    }
}

/// The literals every match of `hir` begins (or ends) with, lowercased, cut to the
/// longest length at which they are few (at most 16) and each at least 3 bytes; one
/// that holds another is dropped (the shorter one is found in it).
fn literals(
    hir: &regex_syntax::hir::Hir,
    kind: regex_syntax::hir::literal::ExtractKind,
) -> Option<Vec<String>> {
    let suffix = matches!(kind, regex_syntax::hir::literal::ExtractKind::Suffix);
    let mut ex = regex_syntax::hir::literal::Extractor::new();
    ex.kind(kind);
    let seq = ex.extract(hir);
    let lits: Vec<Vec<u8>> = seq
        .literals()?
        .iter()
        .map(|l| l.as_bytes().to_ascii_lowercase())
        .collect();
    let longest = lits.iter().map(Vec::len).max()?;
    if lits.iter().any(|l| l.len() < 3) {
        return None;
    }
    for len in (3..=longest).rev() {
        let cut: BTreeSet<&[u8]> = lits
            .iter()
            .map(|l| {
                let n = len.min(l.len());
                if suffix { &l[l.len() - n..] } else { &l[..n] }
            })
            .collect();
        if cut.len() > 16 {
            continue;
        }
        let words: Vec<String> = cut
            .iter()
            .filter_map(|w| std::str::from_utf8(w).ok().map(str::to_string))
            .collect();
        if words.len() != cut.len() {
            return None;
        }
        let minimal: Vec<String> = words
            .iter()
            .filter(|w| !words.iter().any(|o| o != *w && w.contains(o.as_str())))
            .cloned()
            .collect();
        return Some(minimal);
    }
    None
}

/// A TOML string for a regex: a literal string when it can be one (no escapes to read
/// through), else a basic string.
fn toml_regex(s: &str) -> String {
    if !s.contains("'''") && !s.ends_with('\'') && !s.chars().any(|c| c.is_control() && c != '\t') {
        format!("'''{s}'''")
    } else {
        toml_str(s)
    }
}

fn toml_str(s: &str) -> String {
    Value::String(s.to_string()).to_string()
}

fn toml_list(items: &[String], each: fn(&str) -> String) -> String {
    if items.len() <= 3 {
        let parts: Vec<String> = items.iter().map(|s| each(s)).collect();
        return format!("[{}]", parts.join(", "));
    }
    let mut out = String::from("[\n");
    for s in items {
        let _ = writeln!(out, "    {},", each(s));
    }
    out.push(']');
    out
}

/// Writes the config, then loads it as a scan would; a rule leakhound refuses is left
/// out (with the reason) and the config written again.
fn finish(mut st: State, source: &str) -> Result<Conversion, Located> {
    loop {
        let text = render(&st, source);
        let problem = match Config::parse(&text, ".leakhound.toml") {
            Ok(config) => match config.rule_set(Vec::new()) {
                Ok(_) => None,
                Err(p) => Some((Some(p.rule.clone()), p.message)),
            },
            Err(e) => Some((None, e.to_string())),
        };
        let Some((rule, message)) = problem else {
            return Ok(Conversion {
                text,
                rules_total: st.rules_total,
                rules_converted: st.rules.len(),
                allowlists_total: st.allowlists_total,
                allowlists_converted: st.allow.len(),
                not_converted: st.notes,
            });
        };
        match rule {
            Some(id) if st.rules.iter().any(|r| r.def.id == id) => {
                st.notes.push(format!(
                    "rule '{id}': refused by leakhound ({message}): not converted"
                ));
                st.rules.retain(|r| r.def.id != id);
                for a in &mut st.allow {
                    a.rules.retain(|r| *r != id);
                }
                // An entry that was for that rule alone would now allow every rule.
                st.allow.retain(|a| !a.scoped || !a.rules.is_empty());
            }
            // Not one rule's problem: a bug in the conversion. Drop what may cause it
            // rather than write a config that does not load.
            _ if !st.allow.is_empty() => {
                st.notes.push(format!(
                    "the converted allowlists do not load ({}): all left out",
                    one_line(&message)
                ));
                st.allow.clear();
            }
            _ if st.rules.is_empty() && st.disable.is_empty() => {
                return Err(Located::file(
                    source,
                    format!(
                        "cannot convert: the result does not load ({}); please report this",
                        one_line(&message)
                    ),
                ));
            }
            _ => {
                st.notes.push(format!(
                    "the converted config does not load ({}): rules left out",
                    one_line(&message)
                ));
                st.rules.clear();
                st.disable.clear();
            }
        }
    }
}

fn render(st: &State, source: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Converted from {} by `leakhound config from-gitleaks` (leakhound {}).",
        escape(source),
        env!("CARGO_PKG_VERSION")
    );
    if st.extend {
        out.push_str(
            "# gitleaks's default rules are not copied: leakhound's built-in rules stand for them.\n",
        );
    } else {
        out.push_str(
            "# The gitleaks config did not extend gitleaks's default rules, so leakhound's\n\
             # built-in rules are replaced by its own, as in gitleaks.\n",
        );
    }
    if !st.rules.is_empty() {
        out.push_str(
            "# Converted rules have no examples yet: add `examples` and `negative_examples` so\n\
             # that `leakhound rules check --config .leakhound.toml` tests them.\n",
        );
    }
    if !st.notes.is_empty() {
        let _ = writeln!(
            out,
            "#\n# Not converted, or only in part ({}):",
            st.notes.len()
        );
        for n in &st.notes {
            // A comment holds no control character: the notes quote the user's text.
            let _ = writeln!(out, "#   - {}", escape(&one_line(n)));
        }
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "builtin_rules = {}",
        if st.extend {
            "\"extend\""
        } else {
            "\"replace\""
        }
    );
    if st.extend && !st.disable.is_empty() {
        let ids: Vec<String> = st.disable.iter().cloned().collect();
        let _ = writeln!(out, "disable = {}", toml_list(&ids, toml_str));
    }
    for r in &st.rules {
        let d = &r.def;
        out.push('\n');
        for c in &r.comment {
            let _ = writeln!(out, "# {}", escape(&one_line(c)));
        }
        out.push_str("[[rules]]\n");
        let _ = writeln!(out, "id = {}", toml_str(&d.id));
        let _ = writeln!(out, "name = {}", toml_str(&d.name));
        let _ = writeln!(out, "description = {}", toml_str(&d.description));
        let _ = writeln!(out, "regex = {}", toml_regex(&d.regex));
        let _ = writeln!(out, "keywords = {}", toml_list(&d.keywords, toml_str));
        if let Some(e) = d.entropy {
            let _ = writeln!(out, "entropy = {e}");
        }
        out.push_str("severity = \"high\"\nconfidence = \"medium\"\n");
        if !d.tags.is_empty() {
            let _ = writeln!(out, "tags = {}", toml_list(&d.tags, toml_str));
        }
        let _ = writeln!(out, "remediation = {}", toml_str(&d.remediation));
        out.push_str("references = []\nexamples = []\nnegative_examples = []\n");
    }
    for a in &st.allow {
        out.push_str("\n[[allow]]\n");
        if let Some(d) = &a.description {
            let _ = writeln!(out, "description = {}", toml_str(d));
        }
        if !a.rules.is_empty() {
            let _ = writeln!(out, "rules = {}", toml_list(&a.rules, toml_str));
        }
        for (key, list, each) in [
            (
                "path_regexes",
                &a.path_regexes,
                toml_regex as fn(&str) -> String,
            ),
            ("secrets", &a.secrets, toml_regex),
            ("lines", &a.lines, toml_regex),
            ("stopwords", &a.stopwords, toml_str),
        ] {
            if !list.is_empty() {
                let _ = writeln!(out, "{key} = {}", toml_list(list, each));
            }
        }
        if a.all {
            out.push_str("condition = \"all\"\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_groups() {
        let (p, n) = secret_regex(r"key=([a-z]{8})", None).unwrap();
        assert_eq!(p, r"key=(?P<secret>[a-z]{8})");
        assert!(n.is_none());
        let (p, _) = secret_regex(r"ab(c)(?P<v>[a-z]+)", Some(2)).unwrap();
        assert_eq!(p, r"ab(c)(?P<secret>[a-z]+)");
        let (p, _) = secret_regex(r"ghp_[0-9a-zA-Z]{36}|gho_x", None).unwrap();
        assert_eq!(p, r"(?P<secret>ghp_[0-9a-zA-Z]{36}|gho_x)");
        let (_, n) = secret_regex(r"a=(x+)|b=(y+)", None).unwrap();
        assert!(n.unwrap().contains("first that matched"));
        let (_, n) = secret_regex(r"\b((live|test)_[a-f0-9]{35})", None).unwrap();
        assert!(n.is_none());
        assert!(secret_regex(r"a(b)", Some(3)).is_err());
        assert!(secret_regex(r"a(?P<secret>b)", None).is_err());
        assert!(secret_regex(r"a(b", None).is_err());
    }

    #[test]
    fn builtin_ids_and_disabled_rules_follow_gitleaks() {
        let c = convert(
            r#"
[extend]
useDefault = true
disabledRules = ["github-pat", "generic-api-key", "no-such-rule"]

[[rules]]
id = "jfrog-api-key"
regex = '''jfk_([a-z0-9]{20})'''
keywords = ["jfk_"]

[[rules]]
id = "letters"
regex = '''_acme(\pL{8})'''
keywords = ["_acme"]
"#,
            "g.toml",
        )
        .unwrap();
        let config = Config::parse(&c.text, "out.toml").unwrap();
        let set = config.rule_set(Vec::new()).unwrap();
        let ids: Vec<&str> = set.rules().iter().map(|r| r.id()).collect();
        // The custom rule stands instead of the built-in rule of the same id.
        assert_eq!(ids.iter().filter(|i| **i == "jfrog-api-key").count(), 1);
        assert!(
            set.rules()
                .iter()
                .any(|r| r.id() == "jfrog-api-key" && r.def.regex.contains("jfk_"))
        );
        // generic-api-key is all of gitleaks's generic rules; github-pat is one of five.
        assert!(!ids.contains(&"generic-secret-assignment"));
        assert!(ids.contains(&"github-pat-classic"));
        let notes = c.not_converted.join("\n");
        for needle in [
            "'github-pat' is one of gitleaks's rules for leakhound's github rules",
            "'no-such-rule' is not a gitleaks default rule",
            "rule 'letters': regex does not compile as leakhound compiles rules",
            "rule 'jfrog-api-key': leakhound has a built-in rule with this id",
        ] {
            assert!(notes.contains(needle), "{needle} in\n{notes}");
        }
        assert_eq!((c.rules_converted, c.rules_total), (1, 2));
    }

    #[test]
    fn an_empty_result_says_so_and_a_repeated_id_is_dropped() {
        let c = convert("[allowlist]\npaths = ['''x''']\n", "g.toml").unwrap();
        assert!(c.text.contains("builtin_rules = \"replace\""), "{}", c.text);
        assert!(c.not_converted.iter().any(|n| n.contains("finds nothing")));
        let twice = "[[rules]]\nid = 'a-b'\nregex = '''zz_[a-z]{9}'''\nkeywords = ['zz_']\n";
        let c = convert(&format!("{twice}{twice}"), "g.toml").unwrap();
        assert_eq!((c.rules_converted, c.rules_total), (1, 2));
        assert!(c.not_converted[0].contains("a second rule with this id"));
        // Control characters in the user's text stay out of the comments.
        let c = convert("[[rules]]\nid = \"a\\u0001b\"\n", "g.toml").unwrap();
        assert!(
            c.text.contains("\\u{1}") || c.text.contains("\\x01"),
            "{}",
            c.text
        );
        let e = convert("[[rules]\n", "g.toml").unwrap_err();
        assert_eq!((e.path.as_str(), e.line), ("g.toml", 1));
    }

    #[test]
    fn go_braces_and_classes_read_as_rust() {
        for (go, rust) in [
            (r"^\$(?:\d+|{\d+})$", r"^\$(?:\d+|\{\d+})$"),
            (r"^\${(?:[A-Z_]+)}$", r"^\$\{(?:[A-Z_]+)}$"),
            (r"\$?{{[^}]+}}", r"\$?\{\{[^}]+}}"),
            (r"a{2,}b{1,3}c{4}", r"a{2,}b{1,3}c{4}"),
            (r"x{,3}", r"x\{,3}"),
            (r"[[{&&~~[:alpha:]]x", r"[\[{&\&~\~[:alpha:]]x"),
            (r"[]{]{", r"[]{]\{"),
            (r"\{{2}", r"\{{2}"),
        ] {
            assert_eq!(go_regex(go), rust, "{go}");
            assert!(compile(&go_regex(go)).is_ok(), "{go}");
        }
    }

    #[test]
    fn keywords_are_proven_or_found() {
        let p = r"(?i)(?P<secret>acme_[a-z0-9]{16})";
        let (k, n) = keywords_for(p, &["acme_".into()]).unwrap();
        assert_eq!(k, ["acme_"]);
        assert!(n.is_none());
        let (k, n) = keywords_for(p, &["elsewhere".into()]).unwrap();
        assert_eq!(k, ["acme_"]);
        assert!(n.unwrap().contains("not inside every match"));
        assert!(keywords_for(r"(?P<secret>\d{15}[a-z]{30})", &["facebook".into()]).is_err());
        // A part every match goes through, its case flags aside.
        let p =
            r"[\w.-]{0,9}?(?i:[\w.-]{0,9}?(?:db_passw(?:or)?d|pwd)[ \t]{0,3})=(?P<secret>\w{1,9})";
        let (k, _) = keywords_for(p, &[]).unwrap();
        assert_eq!(k, ["db_passwd", "db_password", "pwd"]);
        // Cut to few literals (`xoxp-0`… are 20); the proof does not see the `-` the
        // repetition always starts with, so the shorter `xox` is what it proves.
        let (k, _) =
            keywords_for(r"(?P<secret>xox[pe](?:-[0-9]{10,13}){3}-[a-z]{28})", &[]).unwrap();
        assert_eq!(k, ["xox"]);
    }
}
