//! The scanner on arbitrary bytes, every built-in rule on.
//!
//! Input: the first byte is a selector, the rest is the file's content.
//! - bits 0-3: the file's path (`a.py`, `.env`, `x.yaml`, `k.ipynb`…): file rules (a
//!   committed `.env`) and fixes depend on it;
//! - bits 4-6: 6 puts 70 KiB of short lines before the content, 7 one 70 KiB line, so
//!   that the blob is over the 64 KiB whole-blob limit and takes the windowed path
//!   (windows snapping to lines, or cut by artificial edges); anything else, nothing;
//! - bit 7: which half runs. Each scans the content once; splitting keeps the
//!   executions fast.
//!
//! Bit 7 clear, the scanner itself, on the text as the pipeline prepares it (BOM
//! dropped, UTF-16 decoded):
//! - every match lies within the text, `start <= end`, names a rule of the set, a
//!   secret found by decoding sits inside the decoded text of its run, and a private
//!   key rebuilt from code (no encoding) is a key block;
//! - findings built from matches have ordered, 1-based positions and carry the text
//!   as found;
//! - `fix::fix_for`: an edit offered for a secret covers it, every edit stays in the
//!   file, positions agree with byte offsets, and the edits do not overlap.
//!
//! Bit 7 set, the whole per-file pipeline (`Worker`, as for a tracked working-tree
//! file: content sniffing, scan, overlap resolution, file rules, inline markers,
//! findings with fixes, grouping):
//! - every finding is at the path given, grouped by rule and secret;
//! - every fix's edits lie within the file's bytes (BOM included) and apply;
//! - the SARIF report of the outcome parses and has one result per group.

#![no_main]

use std::sync::OnceLock;
use std::time::Instant;

use leakhound::detect::content::{Content, prepare};
use leakhound::detect::decode::{decode_base64_text, decode_percent_text};
use leakhound::detect::token_forms::decode_hex_text;
use leakhound::detect::{Encoding, Engine, Match};
use leakhound::finding::Finding;
use leakhound::fix;
use leakhound::fix::Edit;
use leakhound::scan::{Finishing, Gathered, Mode, Outcome, Tracked, Worker, finish};
use leakhound::report::{ReportInput, sarif};
use leakhound::rules::RuleSet;
use libfuzzer_sys::fuzz_target;

const PATHS: [&str; 16] = [
    "a.py",
    ".env",
    "x.yaml",
    "k.ipynb",
    "main.go",
    "web/app.ts",
    "lib/x.rb",
    "deploy/.env.production",
    ".env.example",
    "config.yml",
    "Gemfile",
    "index.mjs",
    "README.md",
    "keys/id_rsa",
    "settings.json",
    "<stdin>",
];

/// Bytes put before the content when the filler bits ask for it: longer than the
/// 64 KiB whole-blob limit, holding no keyword.
const FILLER_LEN: usize = 70 * 1024;

/// Matches per input whose fix is checked.
const FIXES_CHECKED: usize = 8;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(RuleSet::builtin()))
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, content)) = data.split_first() else {
        return;
    };
    let path = PATHS[(selector & 0x0f) as usize];
    let padded;
    let content = match (selector >> 4) & 7 {
        // Short lines: windows snap to line boundaries.
        6 => {
            padded = [b"filler line\n".repeat(FILLER_LEN / 12).as_slice(), content].concat();
            &padded[..]
        }
        // One long line: windows cannot snap, edges are artificial.
        7 => {
            padded = [vec![b' '; FILLER_LEN].as_slice(), content].concat();
            &padded[..]
        }
        _ => content,
    };
    let engine = engine();
    let rules = engine.rules();

    if selector & 0x80 != 0 {
        let gathered = Gathered::new(Mode::Tree, Instant::now());
        {
            let mut worker = Worker::new(engine, &gathered.collector);
            worker.offer_fixes = true;
            worker.tracked = Tracked::Everything;
            worker.scan_bytes(path, content);
        }
        let outcome = finish(engine, gathered, &Finishing::default());
        check_outcome(engine, &outcome, path, content);
    } else if let Content::Text(text) = prepare(content) {
        let mut found = Vec::new();
        engine.scanner().scan(&text, &mut found);
        for (i, m) in found.iter().enumerate() {
            check_match(engine, &text, m);
            let f = Finding::new(rules, m, path, &text);
            let l = &f.location;
            assert!(l.line >= 1 && l.column >= 1 && l.end_column >= 1, "{l:?}");
            assert!((l.line, l.column) <= (l.end_line, l.end_column), "{l:?}");
            assert_eq!(f.as_written(), &text[m.start..m.end]);
            assert_eq!(f.secret_hash.len(), 64);
            assert_eq!(f.fingerprint.len(), 32);
            // A fix tokenises the file from its start: a few per input are enough.
            if m.decoded.is_none() && i < FIXES_CHECKED {
                check_fix(path, &text, m);
            }
        }
    }
});

fn check_outcome(engine: &Engine, outcome: &Outcome, path: &str, content: &[u8]) {
    assert!(outcome.stats.files_scanned + outcome.stats.skipped_binary == 1);
    if outcome.groups.is_empty() {
        return;
    }
    for g in &outcome.groups {
        let p = g.primary();
        for f in &g.findings {
            assert_eq!(f.location.path, path);
            assert_eq!((f.rule, &f.secret_hash), (p.rule, &p.secret_hash));
            if let Some(fix) = &f.fix {
                // Placed edits are offsets into the file as stored (BOM included).
                let edits: Vec<Edit> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        assert!(e.byte_start <= e.byte_end && e.byte_end <= content.len());
                        e.edit()
                    })
                    .collect();
                assert!(
                    fix::apply_edits(content, &edits).is_some(),
                    "the fix's edits overlap: {edits:?}"
                );
            }
        }
    }
    let report = ReportInput {
        rules: engine.rules(),
        outcome,
        show_secrets: false,
        all_locations: false,
        run: Default::default(),
    };
    let mut out = Vec::new();
    sarif::write(&report, &mut out).expect("in memory");
    let v: serde_json::Value = serde_json::from_slice(&out).expect("SARIF parses");
    assert_eq!(
        v["runs"][0]["results"].as_array().map(Vec::len),
        Some(outcome.groups.len())
    );
}

fn check_match(engine: &Engine, text: &[u8], m: &Match) {
    assert!(
        m.start <= m.end && m.end <= text.len(),
        "span {}..{} outside 0..{}",
        m.start,
        m.end,
        text.len()
    );
    assert!(m.rule < engine.rules().len(), "rule index {}", m.rule);
    let Some(d) = &m.decoded else {
        return;
    };
    assert!(d.encodings.len() <= 3, "{:?}", d.encodings);
    if d.encodings.is_empty() {
        // A private key rebuilt from the way code wrote it (literals, escapes, comment
        // leaders): no encoding, no inner span, and the key's own text.
        assert!(d.inner.is_none(), "a rebuilt block has no inner span");
        assert!(
            d.secret.starts_with(b"-----BEGIN ") || d.secret.starts_with(b"PuTTY"),
            "a rebuilt block is a key"
        );
        return;
    }
    if let Some((lo, hi)) = d.inner {
        // Found by scanning the decoded text of the run at `start..end`: the run
        // decodes, with its outermost encoding, to text that holds `lo..hi`.
        let run = &text[m.start..m.end];
        let decoded = match d.encodings[0] {
            Encoding::Base64 => decode_base64_text(run),
            Encoding::Percent => decode_percent_text(run),
            Encoding::Hex => decode_hex_text(run),
        }
        .expect("a run reported as decoded decodes");
        assert!(
            lo <= hi && hi <= decoded.len(),
            "inner {lo}..{hi} of {}",
            decoded.len()
        );
    }
}

/// The fix for a secret, when there is one, replaces a literal that holds it, stays in
/// the file, and its edits (the literal's, then the import's) do not collide.
fn check_fix(path: &str, text: &[u8], m: &Match) {
    let Some(fix) = fix::fix_for(path, text, 0, m.start, m.end, "LEAKED_SECRET") else {
        return;
    };
    let main = &fix.edits[0];
    assert!(
        main.byte_start <= m.start && m.end <= main.byte_end,
        "edit {}..{} does not cover secret {}..{}",
        main.byte_start,
        main.byte_end,
        m.start,
        m.end
    );
    let edits: Vec<Edit> = fix
        .edits
        .iter()
        .map(|e| {
            assert!(e.byte_start <= e.byte_end && e.byte_end <= text.len());
            assert!(e.start <= e.end);
            assert_eq!(e.start, leakhound::text::position(text, e.byte_start));
            e.edit()
        })
        .collect();
    assert!(
        fix::apply_edits(text, &edits).is_some(),
        "fix and import edits overlap: {edits:?}"
    );
}
