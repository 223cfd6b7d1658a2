//! The one step every scan ends in: from what the workers collected and what the
//! source covered to the [`Outcome`] reports show.

use std::collections::{BTreeMap, HashSet};
use std::time::Instant;

use super::collect::{Collector, SuppressedBy, TOO_LARGE_NAMED};
use super::outcome::{Filter, HistoryInfo, Missed, Outcome, Warning, WarningKind, scan_date};
use crate::detect::Engine;
use crate::finding::{BlobId, Finding, group};
use crate::gitleaks::ignore::GitleaksIgnore;

/// Which command a scan serves: it decides the order of the outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Files and standard input: by path, line, column and rule.
    #[default]
    Tree,
    /// History: by urgency (still at HEAD first).
    History,
    /// The index before a commit: by path, line, column and rule.
    Staged,
}

/// Lines added by a change, per path: only findings touching them count. `None` for a
/// path: every line counts (a file git gives no text diff for).
pub type AddedLines = BTreeMap<String, Option<HashSet<u32>>>;

/// What a source hands to [`finish`]: its workers' collector and what it knows about
/// what it covered.
pub struct Gathered {
    pub collector: Collector,
    pub started: Instant,
    pub mode: Mode,
    /// Staged scans: the lines each changed file adds; findings elsewhere, and the
    /// suppressions there, are dropped.
    pub added_lines: Option<AddedLines>,
    /// History scans: the blobs in HEAD's tree, which make a secret "still at HEAD".
    pub head_blobs: Option<HashSet<BlobId>>,
    pub history: Option<HistoryInfo>,
    /// Inputs missed outside the workers (enumeration).
    pub missed: Vec<Missed>,
    pub missed_explanation: Vec<String>,
    pub notes: Vec<String>,
}

impl Gathered {
    /// A source's starting point: nothing collected yet.
    pub fn new(mode: Mode, started: Instant) -> Gathered {
        Gathered {
            collector: Collector::default(),
            started,
            mode,
            added_lines: None,
            head_blobs: None,
            history: None,
            missed: Vec::new(),
            missed_explanation: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// What the caller asks of the last step.
#[derive(Debug, Default)]
pub struct Finishing<'a> {
    /// Fingerprints of accepted findings (`--baseline`): not reported, counted.
    pub baseline: Option<&'a HashSet<String>>,
    /// The scan root's `.gitleaksignore`: applied like the baseline, and each line
    /// that maps to no finding is a warning.
    pub gitleaks_ignore: Option<&'a GitleaksIgnore>,
    /// What the report leaves out (`--exclude-context`, `--min-confidence`).
    pub filter: Filter,
    /// Keep what the baseline accepts in [`Outcome::baselined`] (`--verify` asks
    /// whether those secrets are still live).
    pub keep_baselined: bool,
}

/// Removes the findings a `.gitleaksignore` line accepts (counted), and returns a
/// warning for each line that maps to none of them. A working-tree scan names its
/// history fingerprints (with a commit) in one warning; a staged scan only warns about
/// lines for the files the change touches.
fn apply_gitleaks_ignore(
    rules: &crate::rules::RuleSet,
    ignore: &GitleaksIgnore,
    mode: Mode,
    added_lines: Option<&AddedLines>,
    findings: &mut Vec<Finding>,
    stats: &mut super::outcome::Stats,
) -> Vec<Warning> {
    let mut used = vec![false; ignore.entries.len()];
    let before = findings.len();
    findings.retain(|f| match ignore.accepting(f, rules.get(f.rule)) {
        Some(i) => {
            used[i] = true;
            false
        }
        None => true,
    });
    stats.suppressed_gitleaks_ignore += (before - findings.len()) as u64;
    let history = mode == Mode::History;
    let mut warnings = Vec::new();
    let mut with_commit = 0;
    for (i, e) in ignore.entries.iter().enumerate() {
        if used[i] {
            continue;
        }
        if let Ok(f) = &e.parsed {
            if f.commit.is_some() && !history {
                with_commit += 1;
                continue;
            }
            if let Some(added) = added_lines
                && !added.contains_key(&f.path)
            {
                continue;
            }
        }
        warnings.push(Warning::new(
            WarningKind::GitleaksIgnore,
            format!("{}:{}", ignore.source, e.at),
            ignore.unmapped_reason(i, history),
        ));
    }
    if with_commit > 0 && mode == Mode::Tree {
        warnings.push(Warning::new(
            WarningKind::GitleaksIgnore,
            ignore.source.clone(),
            format!(
                "{with_commit} history fingerprint{} (commit:file:rule-id:line) not applied: \
                 they apply to `leakhound git`",
                if with_commit == 1 { "" } else { "s" }
            ),
        ));
    }
    warnings
}

/// Makes the outcome, in this order: the mode's filter (a staged scan keeps what
/// touches an added line), the suppression counts (of what the filter kept),
/// `.gitleaksignore`, the baseline, the report filter, grouping, at-HEAD status (of the secret, from every location seen, the
/// baseline's included), then the sort.
pub fn finish(engine: &Engine, gathered: Gathered, finishing: &Finishing<'_>) -> Outcome {
    let rules = engine.rules();
    let mut all = gathered.collector.into_partial();
    // 1. The mode's filter.
    if let Some(added) = &gathered.added_lines {
        let touches = |path: &str, line: usize, end_line: usize, file_rule: bool| {
            added.get(path).is_some_and(|lines| match lines {
                None => true,
                // A file rule's finding (a `.env` being committed) counts whatever line
                // of the changed file it points at.
                Some(set) => file_rule || (line..=end_line).any(|n| set.contains(&(n as u32))),
            })
        };
        all.findings.retain(|f| {
            let l = &f.location;
            touches(
                &l.path,
                l.line,
                l.end_line,
                rules.get(f.rule).is_file_rule(),
            )
        });
        all.suppressed
            .retain(|s| touches(&s.path, s.line, s.end_line, s.file_rule));
    }
    // 2. Suppressions where the scan reports.
    for s in &all.suppressed {
        match s.by {
            SuppressedBy::Inline => all.stats.suppressed_inline += 1,
            SuppressedBy::Allowlist => all.stats.suppressed_allowlist += 1,
        }
    }
    // Whether a secret is still at HEAD is a fact about the secret, decided from every
    // location the scan saw: one the baseline accepts at HEAD keeps it "still at HEAD"
    // wherever else it is reported.
    let head_secrets: Option<HashSet<(usize, String)>> = gathered.head_blobs.as_ref().map(|head| {
        all.findings
            .iter()
            .filter(|f| f.blob.is_some_and(|b| head.contains(&b)))
            .map(|f| (f.rule, f.secret_hash.clone()))
            .collect()
    });
    // 3a. `.gitleaksignore`, before the baseline: a location both accept is counted
    // here, so its line is not reported as mapping to nothing.
    if let Some(ignore) = finishing.gitleaks_ignore {
        let warnings = apply_gitleaks_ignore(
            rules,
            ignore,
            gathered.mode,
            gathered.added_lines.as_ref(),
            &mut all.findings,
            &mut all.stats,
        );
        all.warnings.extend(warnings);
    }
    // 3. The baseline, by fingerprint: each location removed is counted, and each
    // secret (rule + secret) that lost at least one.
    let mut accepted: Vec<Finding> = Vec::new();
    if let Some(known) = finishing.baseline {
        let mut hidden: HashSet<(usize, String)> = HashSet::new();
        let before = all.findings.len();
        let (kept, out): (Vec<Finding>, Vec<Finding>) = std::mem::take(&mut all.findings)
            .into_iter()
            .partition(|f| !known.contains(&f.fingerprint));
        all.findings = kept;
        for f in &out {
            hidden.insert((f.rule, f.secret_hash.clone()));
        }
        if finishing.keep_baselined {
            accepted = out;
        }
        all.stats.suppressed_baseline += (before - all.findings.len()) as u64;
        all.stats.suppressed_baseline_secrets += hidden.len() as u64;
    }
    // 3b. The report filter, location by location.
    if finishing.filter.is_active() {
        let mut left_out: HashSet<(usize, String)> = HashSet::new();
        let before = all.findings.len();
        let (mut by_confidence, mut by_context) = (0, 0);
        all.findings.retain(|f| {
            let (confident, placed) = finishing.filter.reasons(f);
            by_confidence += u64::from(!confident);
            by_context += u64::from(!placed);
            if !(confident && placed) {
                left_out.insert((f.rule, f.secret_hash.clone()));
            }
            confident && placed
        });
        all.stats.filtered_by_confidence += by_confidence;
        all.stats.filtered_by_context += by_context;
        // A secret counts as left out only if none of its locations is reported.
        let reported: HashSet<(usize, &str)> = all
            .findings
            .iter()
            .map(|f| (f.rule, f.secret_hash.as_str()))
            .collect();
        all.stats.filtered += (before - all.findings.len()) as u64;
        all.stats.filtered_secrets += left_out
            .iter()
            .filter(|(r, h)| !reported.contains(&(*r, h.as_str())))
            .count() as u64;
    }
    // 4. Grouping, 5. at HEAD. Accepted secrets that are reported anyway (another
    // location of theirs is not in the baseline) carry their status there.
    let mut groups = group(rules, all.findings);
    let reported: HashSet<(usize, &str)> = groups
        .iter()
        .map(|g| (g.primary().rule, g.primary().secret_hash.as_str()))
        .collect();
    accepted.retain(|f| {
        let (confident, placed) = finishing.filter.reasons(f);
        confident && placed && !reported.contains(&(f.rule, f.secret_hash.as_str()))
    });
    let mut baselined = group(rules, accepted);
    if let Some(head) = &head_secrets {
        for g in groups.iter_mut().chain(baselined.iter_mut()) {
            let p = g.primary();
            g.at_head = Some(head.contains(&(p.rule, p.secret_hash.clone())));
        }
    }
    // 6. The sort: `group` orders by location; history by urgency.
    let now = scan_date();
    if gathered.mode == Mode::History {
        groups.sort_by_cached_key(|g| g.urgency(rules, now));
    }

    all.warnings.sort();
    all.warnings.dedup();
    all.missed.extend(gathered.missed);
    all.missed.sort();
    all.missed.dedup();
    all.stats.unreadable = all.missed.len() as u64;
    all.too_large.sort();
    let mut notes: Vec<String> = all
        .too_large
        .iter()
        .take(TOO_LARGE_NAMED)
        .map(|(path, size)| {
            format!(
                "{path}: not scanned, {} is over the --max-file-size limit",
                crate::text::human_bytes(*size)
            )
        })
        .collect();
    let unnamed = all
        .stats
        .skipped_too_large
        .saturating_sub(notes.len() as u64);
    if unnamed > 0 {
        notes.push(format!(
            "{unnamed} more inputs over the --max-file-size limit were not scanned"
        ));
    }
    notes.append(&mut all.notes);
    notes.extend(gathered.notes);
    Outcome {
        groups,
        baselined,
        warnings: all.warnings,
        missed: all.missed,
        missed_explanation: gathered.missed_explanation,
        notes,
        stats: all.stats,
        filter: finishing.filter.clone(),
        history: gathered.history,
        staged: gathered.mode == Mode::Staged,
        now,
        elapsed: gathered.started.elapsed(),
    }
}
