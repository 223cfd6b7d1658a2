//! `rules list`, `rules show` and `rules check`.

use std::io::{BufWriter, Write};

use anyhow::{Result, bail};

use crate::admit;
use crate::cli::{Format, RulesCommand};
use crate::config::Config;
use crate::report::{json, severity_name};

use super::engine::load_rules;
use super::output::StdoutSink;

pub(super) fn run_rules(cmd: RulesCommand) -> Result<u8> {
    let mut out = BufWriter::new(StdoutSink::new());
    match cmd {
        RulesCommand::List { rule_args, format } => {
            let set = load_rules(&rule_args)?;
            if format == Format::Json {
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
            } else {
                for r in set.rules() {
                    writeln!(
                        out,
                        "{:<36} {:<8} {:<28} {}",
                        r.id(),
                        severity_name(r.def.severity),
                        r.def.keywords.join(","),
                        r.def.name
                    )?;
                }
                writeln!(out, "{} rules", set.len())?;
            }
            out.flush()?;
            Ok(0)
        }
        RulesCommand::Check { rule_args, config } => {
            let config = match config {
                Some(path) => Config::discover(Some(&path), None)?,
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
        RulesCommand::Show { id, rule_args } => {
            let set = load_rules(&rule_args)?;
            let Some(r) = set.rules().iter().find(|r| r.id() == id) else {
                bail!("no rule with id '{id}' (see `leakhound rules list`)");
            };
            let d = &r.def;
            writeln!(out, "{} — {} ({})", d.id, d.name, r.provider)?;
            writeln!(
                out,
                "severity: {}, confidence: {}, keywords: {}, defined in {}",
                severity_name(d.severity),
                json::confidence_name(d.confidence),
                d.keywords.join(", "),
                r.source
            )?;
            if let Some(note) = crate::confidence::proof_note(r) {
                writeln!(out, "findings: {note}")?;
            }
            writeln!(
                out,
                "\n{}\n\n{}\n",
                d.description.trim(),
                d.remediation.trim()
            )?;
            writeln!(out, "References:")?;
            for u in &d.references {
                writeln!(out, "  {u}")?;
            }
            out.flush()?;
            Ok(0)
        }
    }
}
