//! `rules list`, `rules show` and `rules check`.

use std::io::{BufWriter, Write};

use anyhow::{Result, bail};

use crate::admit;
use crate::cli::{ListFormat, RulesCommand};
use crate::config::{Config, ScannedTrees};
use crate::detect::{Engine, Match};
use crate::finding::redact;
use crate::report::paint::{BOLD, Paint, severity_style};
use crate::report::{json, severity_name};
use crate::rules::{Rule, RuleSet};
use crate::text::escape;

use super::color::stdout_colored;
use super::engine::load_rules;
use super::output::StdoutSink;

pub(super) fn run_rules(cmd: RulesCommand) -> Result<u8> {
    let mut out = BufWriter::new(StdoutSink::new());
    let paint = Paint {
        on: stdout_colored(),
    };
    match cmd {
        RulesCommand::List { rule_args, format } => {
            let set = load_rules(&rule_args)?;
            match format {
                ListFormat::Json => {
                    let list: Vec<_> = set
                        .rules()
                        .iter()
                        .map(|r| {
                            serde_json::json!({
                                "id": r.id(),
                                "name": r.def.name,
                                "provider": r.provider,
                                "severity": severity_name(r.def.severity),
                                "confidence": json::confidence_name(r.def.confidence),
                                "keywords": r.def.keywords,
                                "source": r.source,
                            })
                        })
                        .collect();
                    serde_json::to_writer_pretty(&mut out, &list)?;
                    writeln!(out)?;
                }
                ListFormat::Text => write_table(&set, paint, &mut out)?,
            }
            out.flush()?;
            Ok(0)
        }
        RulesCommand::Check { rule_args, config } => {
            let config = match config {
                Some(path) => Config::discover(Some(&path), None, &ScannedTrees::default())?,
                None => Config::default(),
            };
            let (set, problems) = config.review(admit::read(&rule_args.rules)?);
            for p in &problems {
                writeln!(out, "{p}")?;
            }
            let examples: usize = set
                .rules()
                .iter()
                .map(|r| r.def.examples.len() + r.def.negative_examples.len())
                .sum();
            if problems.is_empty() {
                writeln!(
                    out,
                    "{} rules OK ({} examples checked)",
                    set.len(),
                    examples
                )?;
                out.flush()?;
                Ok(0)
            } else {
                writeln!(out, "{} problem(s) in {} rules", problems.len(), set.len())?;
                out.flush()?;
                Ok(1)
            }
        }
        RulesCommand::Show {
            id,
            rule_args,
            show_secrets,
        } => {
            let engine = Engine::new(load_rules(&rule_args)?);
            let set = engine.rules();
            let Some(r) = set.rules().iter().find(|r| r.id() == id) else {
                let near = closest_ids(&id, set.rules().iter().map(Rule::id));
                if near.is_empty() {
                    bail!("no rule with id '{id}' (see `leakhound rules list`)");
                }
                bail!("no rule with id '{id}'; did you mean {}?", near.join(", "));
            };
            write_rule(&engine, r, show_secrets, paint, &mut out)?;
            out.flush()?;
            Ok(0)
        }
    }
}

/// The widest `rules list` line, in characters: the name column is cut to fit.
const TABLE_WIDTH: usize = 120;
/// The keywords column: the first keyword and how many more (`password +36`).
const KEYWORDS_WIDTH: usize = 14;
/// The name column is never narrower than this, even beside very long ids.
const MIN_NAME_WIDTH: usize = 20;

/// `rules list`: a header row, one aligned row per rule, and a count. Ids are never
/// cut (they are what `rules show` takes); a cell that is, ends in `…`.
fn write_table(set: &RuleSet, p: Paint, out: &mut dyn Write) -> std::io::Result<()> {
    let rows: Vec<[String; 5]> = set
        .rules()
        .iter()
        .map(|r| {
            [
                escape(r.id()).into_owned(),
                severity_name(r.def.severity).to_string(),
                json::confidence_name(r.def.confidence).to_string(),
                keywords_cell(r),
                escape(&r.def.name).into_owned(),
            ]
        })
        .collect();
    let header = ["ID", "SEVERITY", "CONF", "KEYWORDS", "NAME"];
    let width = |i: usize| {
        rows.iter()
            .map(|row| row[i].chars().count())
            .chain([header[i].len()])
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2), KEYWORDS_WIDTH];
    let used: usize = widths.iter().map(|w| w + 2).sum();
    let name_width = TABLE_WIDTH.saturating_sub(used).max(MIN_NAME_WIDTH);
    let title = header.map(str::to_string);
    let line = row_text(&title, &widths, name_width, Paint { on: false }, "");
    writeln!(out, "{}", p.paint(BOLD, &line))?;
    for (row, r) in rows.iter().zip(set.rules()) {
        let style = severity_style(r.def.severity);
        writeln!(out, "{}", row_text(row, &widths, name_width, p, style))?;
    }
    writeln!(out, "{} rules", set.len())
}

/// One row: the first four cells cut and padded to their widths (the second, the
/// severity, painted in `style`, its padding not), the name cut to `name_width`.
fn row_text(
    cells: &[String; 5],
    widths: &[usize; 4],
    name_width: usize,
    p: Paint,
    style: &str,
) -> String {
    let mut line = String::new();
    for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
        let shown = cut(cell, *w);
        let pad = " ".repeat(w + 2 - shown.chars().count());
        if i == 1 {
            line.push_str(&p.paint(style, &shown));
        } else {
            line.push_str(&shown);
        }
        line.push_str(&pad);
    }
    line.push_str(&cut(&cells[4], name_width));
    line.trim_end().to_string()
}

/// `s`, or its first `width - 1` characters and `…` when it is longer than `width`.
fn cut(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
    t.push('…');
    t
}

/// The first keyword, and `+N` for the others (`password +36`); `file: NAME` for a
/// file rule, which has none.
fn keywords_cell(r: &Rule) -> String {
    let (first, more) = match r.def.keywords.split_first() {
        Some((first, rest)) => (escape(first).into_owned(), rest.len()),
        None => match r.def.file_names.split_first() {
            Some((first, rest)) => (format!("file: {}", escape(first)), rest.len()),
            None => return String::new(),
        },
    };
    if more == 0 {
        return cut(&first, KEYWORDS_WIDTH);
    }
    let tail = format!(" +{more}");
    format!(
        "{}{tail}",
        cut(&first, KEYWORDS_WIDTH.saturating_sub(tail.len()))
    )
}

/// `rules show`: what the rule is, what it matches (regex, keywords, examples with
/// their secrets redacted unless `show_secrets`), and what to do about a finding.
fn write_rule(
    engine: &Engine,
    r: &Rule,
    show_secrets: bool,
    p: Paint,
    out: &mut dyn Write,
) -> Result<()> {
    let d = &r.def;
    writeln!(
        out,
        "{} — {} ({})",
        p.paint(BOLD, &escape(&d.id)),
        escape(&d.name),
        escape(&r.provider)
    )?;
    writeln!(
        out,
        "severity: {}, confidence: {}, defined in {}",
        p.paint(severity_style(d.severity), severity_name(d.severity)),
        json::confidence_name(d.confidence),
        escape(&r.source)
    )?;
    if let Some(note) = crate::confidence::proof_note(r) {
        writeln!(out, "findings: {note}")?;
    }
    writeln!(out, "\n{}", p.paint(BOLD, "Regex:"))?;
    write_block(out, "  ", &d.regex)?;
    if d.keywords.is_empty() {
        let names: Vec<_> = d.file_names.iter().map(|n| escape(n)).collect();
        writeln!(out, "{} {}", p.paint(BOLD, "Files:"), names.join(", "))?;
    } else {
        let words: Vec<_> = d.keywords.iter().map(|k| escape(k)).collect();
        writeln!(out, "{} {}", p.paint(BOLD, "Keywords:"), words.join(", "))?;
    }
    let heading = if show_secrets {
        "Examples (in clear: --show-secrets):"
    } else {
        "Examples (the secret in each redacted as reports show it; --show-secrets shows it):"
    };
    writeln!(out, "{}", p.paint(BOLD, heading))?;
    for ex in &d.examples {
        let shown = if show_secrets {
            ex.clone()
        } else {
            redact_example(engine, r, ex)
        };
        write_block(out, "  - ", &shown)?;
    }
    writeln!(out, "{}", p.paint(BOLD, "Not matched:"))?;
    for ex in &d.negative_examples {
        // A negative example is often an example one character off (a broken
        // checksum): shown whole, it would show the example too.
        let shown = if show_secrets {
            ex.clone()
        } else {
            redact_example(engine, r, ex)
        };
        write_block(out, "  - ", &shown)?;
    }
    writeln!(
        out,
        "\n{}\n\n{}\n",
        d.description.trim(),
        d.remediation.trim()
    )?;
    writeln!(out, "{}", p.paint(BOLD, "References:"))?;
    for u in &d.references {
        writeln!(out, "  {}", escape(u))?;
    }
    Ok(())
}

/// Writes `text` line by line, each made safe for a terminal, the first after `lead`
/// and the others indented as far.
fn write_block(out: &mut dyn Write, lead: &str, text: &str) -> std::io::Result<()> {
    let indent = " ".repeat(lead.chars().count());
    for (i, line) in text.trim_end_matches('\n').split('\n').enumerate() {
        let line = escape(line.strip_suffix('\r').unwrap_or(line));
        writeln!(out, "{}{line}", if i == 0 { lead } else { &indent })?;
    }
    Ok(())
}

/// An example with each secret in it redacted as reports redact it (`ghp_…p3Xy`):
/// what any rule of `engine` reports there (decoded secrets too; for a file rule's
/// example, as the content of its first literal file name), and whatever the regex of
/// `r`, the rule shown, matches as its `secret`, checked or not. Rule examples are
/// fake, but they are made to pass the rule's checks (and a negative one is often an
/// example with its checksum broken), and what leakhound prints it prints redacted
/// unless asked otherwise.
fn redact_example(engine: &Engine, r: &Rule, example: &str) -> String {
    let bytes = example.as_bytes();
    let mut found = engine.scan_bytes(bytes);
    let name = r
        .def
        .file_names
        .iter()
        .find(|g| !g.starts_with('!') && !g.contains(['*', '?', '[', '{']));
    if let Some(name) = name {
        engine.scan_file_rules(name, bytes, &mut found);
    }
    // The rule's own regex, reported under a rule of its redaction.
    let own = engine.rules().rules().iter().position(|x| x.id() == r.id());
    if let (Ok(re), Some(own)) = (r.regex(), own) {
        found.extend(
            re.captures_iter(bytes)
                .filter_map(|c| c.name("secret"))
                .map(|m| Match::new(own, m.start(), m.end())),
        );
    }
    found.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut shown = String::new();
    let mut at = 0;
    for m in found {
        if m.start < at || m.end > bytes.len() {
            continue;
        }
        let secret = m
            .decoded
            .as_ref()
            .map_or(&bytes[m.start..m.end], |d| &d.secret[..]);
        shown.push_str(&String::from_utf8_lossy(&bytes[at..m.start]));
        shown.push_str(&redact(engine.rules().get(m.rule), secret));
        at = m.end;
    }
    shown.push_str(&String::from_utf8_lossy(&bytes[at..]));
    shown
}

/// At most this many ids are suggested for an unknown one.
const SUGGESTED: usize = 5;

/// The ids closest to `wanted` (compared in lower case, `_` and spaces as `-`): those
/// that contain it, shortest first (`github-pat` → `github-pat-classic`,
/// `github-pat-fine-grained`); when none does, those a few edits away
/// (`githib-pat-clasic`), nearest first. Empty when none is close.
fn closest_ids<'a>(wanted: &str, ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let w: String = wanted
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == '_' || c == ' ' { '-' } else { c })
        .collect();
    if w.is_empty() {
        return Vec::new();
    }
    let ids: Vec<&str> = ids.collect();
    let mut near: Vec<(usize, &str)> = if w.len() >= 3 {
        ids.iter()
            .filter(|id| id.contains(&w))
            .map(|id| (id.len(), *id))
            .collect()
    } else {
        Vec::new()
    };
    if near.is_empty() {
        // An edit distance within a third of the longer one's length, at least 2.
        near = ids
            .iter()
            .map(|id| (strsim::levenshtein(&w, id), *id))
            .filter(|(d, id)| *d <= (w.len().max(id.len()) / 3).max(2))
            .collect();
    }
    near.sort();
    near.into_iter().take(SUGGESTED).map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: [&str; 6] = [
        "github-pat-classic",
        "github-pat-fine-grained",
        "github-oauth-token",
        "gitlab-pat",
        "stripe-secret-key",
        "aws-access-key-id",
    ];

    #[test]
    fn closest_ids_by_substring_then_edits() {
        let near = |w: &str| closest_ids(w, IDS.iter().copied());
        assert_eq!(
            near("github-pat"),
            ["github-pat-classic", "github-pat-fine-grained"]
        );
        assert_eq!(near("GitHub_PAT_Classic"), ["github-pat-classic"]);
        assert_eq!(near("githib-pat-clasic"), ["github-pat-classic"]);
        assert_eq!(near("gitlab-pta"), ["gitlab-pat"]);
        assert_eq!(near("stripe"), ["stripe-secret-key"]);
        assert!(near("azure-storage-key").is_empty());
        assert!(near("").is_empty());
        assert!(near("x").is_empty());
    }

    /// `rules show` prints no built-in example's secret whole (identifiers aside, which
    /// reports show whole too), nor what a negative example's regex match holds.
    #[test]
    fn every_builtin_example_is_shown_redacted() {
        let engine = Engine::new(RuleSet::builtin());
        let mut checked = 0;
        for r in engine.rules().rules() {
            let re = r.regex().unwrap();
            for ex in r.def.examples.iter().chain(&r.def.negative_examples) {
                let shown = redact_example(&engine, r, ex);
                let bytes = ex.as_bytes();
                let mut secrets: Vec<(usize, Vec<u8>)> = Vec::new();
                if r.def.redact.is_none() {
                    secrets.extend(
                        re.captures_iter(bytes)
                            .filter_map(|c| c.name("secret"))
                            .map(|m| (0, m.as_bytes().to_vec())),
                    );
                }
                let mut found = engine.scan_bytes(bytes);
                if let Some(name) = r
                    .def
                    .file_names
                    .iter()
                    .find(|g| !g.contains(['*', '!', '{']))
                {
                    engine.scan_file_rules(name, bytes, &mut found);
                }
                secrets.extend(found.into_iter().map(|m| {
                    let s = m
                        .decoded
                        .map_or_else(|| bytes[m.start..m.end].to_vec(), |d| d.secret);
                    (m.rule, s)
                }));
                for (rule, secret) in secrets {
                    if engine.rules().get(rule).def.redact.is_some() {
                        continue;
                    }
                    let secret = String::from_utf8_lossy(&secret);
                    // Where it occurs: the same text may also be written elsewhere
                    // in the example (`PGPASSWORD=postgres psql -U postgres`).
                    // A decoded secret is not written as it is at all.
                    let times = |t: &str| t.matches(secret.as_ref()).count();
                    if secret.len() >= 8 && times(ex) > 0 {
                        assert!(
                            times(&shown) < times(ex),
                            "{}: {shown:?} shows {secret:?}",
                            r.id()
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 900, "{checked}");
    }

    #[test]
    fn cells_are_cut_with_an_ellipsis() {
        assert_eq!(cut("abcdef", 6), "abcdef");
        assert_eq!(cut("abcdefg", 6), "abcde…");
        assert_eq!(cut("ééééééé", 6), "ééééé…");
    }
}
