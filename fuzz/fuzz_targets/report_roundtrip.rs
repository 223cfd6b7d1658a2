//! Report writers on findings built from fuzz input: arbitrary paths (control
//! characters, ANSI escapes, newlines, invalid UTF-8 replaced), file texts, secret
//! spans, decoded secrets, commits and history facts.
//!
//! Checked, besides "no panic":
//! - JSON parses; one finding per (rule, secret), each listing all its locations; the
//!   summary counts agree; the secret's hash is the finding's, named by
//!   `hash_algorithm`; no secret in clear unless asked for;
//! - SARIF parses, has version "2.1.0", one result per (rule, secret), each pointing at
//!   a rule of the driver with the same id and carrying its other locations and, when
//!   a location has a mechanical fix, one `fixes` entry; no secret in clear unless
//!   asked for;
//! - the text report holds no ESC byte and no control character other than LF without
//!   colour, and with colour only its own SGR sequences;
//! - the Markdown playbook holds no ESC byte (it escapes what comes from scanned data);
//! - a baseline written from the findings parses back to exactly their fingerprints and
//!   suppresses all of them;
//! - the history-rewrite expressions are one per line, as many as reported.

#![no_main]

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use arbitrary::Arbitrary;
use leakhound::baseline;
use leakhound::detect::{Decoded, Encoding, Match};
use leakhound::finding::{CommitInfo, Finding, group, hex};
use leakhound::fix;
use leakhound::detect::Engine;
use leakhound::scan::{
    Finishing, Gathered, HistoryInfo, Missed, MissedKind, Mode, Outcome, Partial, Stats, finish,
};
use leakhound::report::{ReportInput, json, markdown, purge, sarif, text};
use leakhound::rules::RuleSet;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

#[derive(Arbitrary, Debug)]
struct Input {
    show_secrets: bool,
    all_locations: bool,
    now: i64,
    history: Option<History>,
    /// Per group, cycled; empty leaves `at_head` unset.
    at_head: Vec<bool>,
    files: Vec<File>,
    stats: [u16; 9],
    /// A staged scan's report (its own advice and playbook wording).
    staged: bool,
    /// Inputs the scan could not read: (name, reason), which every format names.
    missed: Vec<(Vec<u8>, Vec<u8>)>,
}

#[derive(Arbitrary, Debug)]
struct History {
    repo: Vec<u8>,
    uri: Vec<u8>,
    head: Option<[u8; 20]>,
    commits: u64,
    blobs: u64,
    shallow: bool,
    submodules: u64,
}

#[derive(Arbitrary, Debug)]
struct File {
    path: Vec<u8>,
    text: Vec<u8>,
    commit: Option<Commit>,
    blob: Option<[u8; 20]>,
    secrets: Vec<Secret>,
    /// Other paths holding the same blob.
    also_at: Vec<Vec<u8>>,
}

#[derive(Arbitrary, Debug)]
struct Commit {
    id: [u8; 20],
    author_name: String,
    author_email: String,
    time: i64,
    summary: String,
    order: u16,
}

#[derive(Arbitrary, Debug)]
struct Secret {
    rule: u16,
    a: u16,
    b: u16,
    decoded: Option<Dec>,
    /// Offer the mechanical fix, when there is one (working-tree findings).
    fix: bool,
}

#[derive(Arbitrary, Debug)]
struct Dec {
    secret: Vec<u8>,
    /// One encoding per entry, outermost first: percent-encoding if true, else base64.
    percent: Vec<bool>,
    inner: Option<(u16, u16)>,
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(RuleSet::builtin()))
}

fn rules() -> &'static RuleSet {
    engine().rules()
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Git's author dates: whatever a commit header says, within what `i64` seconds since
/// the epoch can hold without overflow when compared with the scan date.
fn date(t: i64) -> i64 {
    t.clamp(-(1 << 40), 1 << 40)
}

fn build(input: &Input) -> (Vec<Finding>, Outcome) {
    let rules = rules();
    let mut findings = Vec::new();
    for file in &input.files {
        let path = lossy(&file.path);
        let len = file.text.len();
        let commit = file.commit.as_ref().map(|c| {
            Arc::new(CommitInfo {
                id: hex(&c.id),
                author_name: c.author_name.clone(),
                author_email: c.author_email.clone(),
                time: date(c.time),
                summary: c.summary.clone(),
                order: c.order as usize,
            })
        });
        for s in &file.secrets {
            let (x, y) = (s.a as usize % (len + 1), s.b as usize % (len + 1));
            let mut m = Match::new(s.rule as usize % rules.len(), x.min(y), x.max(y));
            m.decoded = s.decoded.as_ref().map(|d| {
                Box::new(Decoded {
                    secret: d.secret.clone(),
                    encodings: d
                        .percent
                        .iter()
                        .take(3)
                        .map(|&p| {
                            if p {
                                Encoding::Percent
                            } else {
                                Encoding::Base64
                            }
                        })
                        .collect(),
                    inner: d.inner.map(|(a, b)| (a.min(b) as usize, a.max(b) as usize)),
                })
            });
            let mut f = Finding::new(rules, &m, &path, &file.text);
            if s.fix && m.decoded.is_none() {
                f.fix = fix::fix_for(&path, &file.text, 0, m.start, m.end, "LEAKED_SECRET")
                    .map(Arc::new);
            }
            f.blob = file.blob.map(leakhound::finding::BlobId);
            f.commit = commit.clone();
            for other in &file.also_at {
                let mut o = f.at_path(rules, &lossy(other));
                o.commit = commit.clone();
                findings.push(o);
            }
            findings.push(f);
        }
    }
    let mut groups = group(rules, findings.clone());
    if !input.at_head.is_empty() {
        for (g, &at) in groups.iter_mut().zip(input.at_head.iter().cycle()) {
            g.at_head = Some(at);
        }
    }
    let s = input.stats.map(u64::from);
    let outcome = Outcome {
        groups,
        baselined: Vec::new(),
        warnings: Vec::new(),
        notes: Vec::new(),
        stats: Stats {
            files_scanned: s[0],
            bytes_scanned: s[1],
            skipped_binary: s[2],
            skipped_too_large: s[3],
            skipped_special: s[4],
            unreadable: s[5],
            suppressed_inline: s[6],
            suppressed_allowlist: s[7],
            suppressed_baseline: s[8],
            ..Stats::default()
        },
        history: input.history.as_ref().map(|h| HistoryInfo {
            repo: lossy(&h.repo),
            uri: lossy(&h.uri),
            head: h.head.as_ref().map(|b| hex(b)),
            commits: h.commits,
            blobs: h.blobs,
            shallow: h.shallow,
            submodules: h.submodules,
            incremental: None,
        }),
        now: date(input.now),
        elapsed: Default::default(),
        missed: input
            .missed
            .iter()
            .map(|(name, reason)| Missed::new(MissedKind::Blob, lossy(name), lossy(reason)))
            .collect(),
        missed_explanation: Vec::new(),
        staged: input.staged,
        filter: Default::default(),
    };
    (findings, outcome)
}

fn write(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Vec<u8> {
    let mut out = Vec::new();
    f(&mut out).expect("writing to memory does not fail");
    out
}

fn len(v: &Value) -> usize {
    v.as_array().map_or(0, Vec::len)
}

/// The SGR sequences the text report paints with.
const SGR: [&str; 6] = [
    "\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[33m", "\x1b[36m",
];

fuzz_target!(|input: Input| {
    let rules = rules();
    let (findings, outcome) = build(&input);
    let groups = &outcome.groups;
    let distinct: HashSet<(usize, &str)> = findings
        .iter()
        .map(|f| (f.rule, f.secret_hash.as_str()))
        .collect();
    assert_eq!(groups.len(), distinct.len());
    assert_eq!(outcome.location_count(), findings.len());
    let report = ReportInput {
        rules,
        outcome: &outcome,
        show_secrets: input.show_secrets,
        all_locations: input.all_locations,
        run: Default::default(),
    };

    // JSON.
    let out = write(|o| json::write(&report, o));
    let v: Value = serde_json::from_slice(&out).expect("JSON report parses");
    assert_eq!(len(&v["findings"]), groups.len());
    assert_eq!(v["summary"]["findings"], groups.len());
    assert_eq!(v["summary"]["locations"], findings.len());
    for (jf, g) in v["findings"].as_array().into_iter().flatten().zip(groups) {
        assert_eq!(jf["path"], g.primary().location.path.as_str());
        assert_eq!(jf["rule_id"], rules.get(g.primary().rule).id());
        assert_eq!(len(&jf["locations"]), g.findings.len());
        assert_eq!(jf["occurrences"], g.findings.len());
        assert_eq!(jf.get("secret").is_some(), input.show_secrets);
        // The hash, named (slow for a guessable secret); a length only for a secret
        // long and random enough.
        assert_eq!(jf["secret_hash"], g.primary().secret_hash.as_str());
        assert_eq!(jf["hash_algorithm"], g.primary().hash_algorithm(rules));
        assert_eq!(jf["secret_length"].as_u64().map(|n| n as usize), g.primary().secret_len());
    }

    // SARIF.
    let out = write(|o| sarif::write(&report, o));
    let v: Value = serde_json::from_slice(&out).expect("SARIF report parses");
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(len(&run["results"]), groups.len());
    let driver_rules = &run["tool"]["driver"]["rules"];
    for (r, g) in run["results"].as_array().into_iter().flatten().zip(groups) {
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert!(index < len(driver_rules));
        assert_eq!(r["ruleId"], driver_rules[index]["id"]);
        assert_eq!(r["ruleId"], rules.get(g.primary().rule).id());
        let others = g.findings.len() - 1;
        let related = others.min(sarif::MAX_RELATED_LOCATIONS);
        assert_eq!(len(&r["relatedLocations"]), related);
        let omitted = r["properties"]["relatedLocationsOmitted"]
            .as_u64()
            .unwrap_or(0);
        assert_eq!(related + omitted as usize, others);
        assert_eq!(r["properties"].get("secret").is_some(), input.show_secrets);
        let fixed = g.findings.iter().any(|f| f.fix.is_some());
        assert_eq!(len(&r["fixes"]), usize::from(fixed));
    }

    // Text, without and with colour.
    let out = write(|o| text::write(&report, false, o));
    if let Some(i) = out.iter().position(|&b| b == 0x1b) {
        panic!("raw ESC in the text report at byte {i}");
    }
    let plain = String::from_utf8(out).expect("text report is UTF-8");
    if let Some(c) = plain.chars().find(|&c| c.is_control() && c != '\n') {
        panic!("control character {c:?} in the text report");
    }
    let out = write(|o| text::write(&report, true, o));
    let mut painted = String::from_utf8(out).expect("text report is UTF-8");
    for sgr in SGR {
        painted = painted.replace(sgr, "");
    }
    assert_eq!(painted, plain, "colour changes more than SGR sequences");
    let _ = text::summary(&outcome);

    // Markdown playbook.
    let out = write(|o| markdown::write(&report, o));
    if let Some(i) = out.iter().position(|&b| b == 0x1b) {
        panic!("raw ESC in the Markdown report at byte {i}");
    }

    // History-rewrite expressions.
    let mut out = Vec::new();
    let n = purge::write_replace_text(groups, rules, &mut out).expect("in memory");
    assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), n);
    let _ = purge::skipped_short(groups);

    // Baseline round trip.
    let mut out = Vec::new();
    let accepted = baseline::write(groups, rules, outcome.now, &mut out).expect("in memory");
    let text = String::from_utf8(out).expect("baseline is UTF-8");
    let known = baseline::parse(&text, "b.json").expect("a written baseline parses");
    let expected: HashSet<String> = findings.iter().map(|f| f.fingerprint.clone()).collect();
    assert_eq!(known, expected);
    assert_eq!(accepted.entries, expected.len());
    assert_eq!(accepted.secrets, groups.len());
    assert_eq!(accepted.locations, findings.len());
    // The baseline hides every location and counts each secret once, in `finish`.
    let engine = engine();
    let gathered = Gathered::new(Mode::Tree, std::time::Instant::now());
    gathered.collector.merge(Partial {
        findings: findings.clone(),
        ..Partial::default()
    });
    let finished = finish(
        engine,
        gathered,
        &Finishing {
            baseline: Some(&known),
            ..Finishing::default()
        },
    );
    assert!(finished.groups.is_empty());
    assert_eq!(finished.stats.suppressed_baseline, findings.len() as u64);
    assert_eq!(
        finished.stats.suppressed_baseline_secrets,
        accepted.secrets as u64
    );
});
