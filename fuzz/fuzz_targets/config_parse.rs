//! `.leakhound.toml` parsing on arbitrary bytes (invalid UTF-8 is replaced, as a
//! config with it would never reach the parser otherwise).
//!
//! Checked, besides "no panic": an error is located at a line and column inside the
//! text and names the file; a config that parses yields a rule set, its allowlists can
//! judge a finding, and its own rules (which go into the engine unchecked) can be
//! built into an engine, scan the config's text (file rules too, at a few paths), and
//! be run through `rules check`.

#![no_main]

use leakhound::config::{Config, FILE_NAME};
use leakhound::detect::Engine;
use leakhound::detect::policy::Candidate;
use leakhound::rules::{Rule, RuleSet, check};
use libfuzzer_sys::fuzz_target;

const PATH: &str = "cfg/.leakhound.toml";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let config = match Config::parse(&text, PATH) {
        Ok(c) => c,
        Err(e) => {
            assert_eq!(e.path, PATH);
            let lines = text.matches('\n').count() + 1;
            assert!(
                e.line >= 1 && e.line <= lines && e.column >= 1,
                "error at {}:{} in a text of {lines} lines",
                e.line,
                e.column
            );
            let _ = e.to_string();
            return;
        }
    };
    let set = config.rule_set();
    let policy = config.into_policy(true);
    for (rule_id, path) in [
        ("github-pat-classic", "tests/a.py"),
        ("acme-api-key", "src/x"),
    ] {
        let _ = policy.allows(&Candidate {
            rule_id,
            path,
            secret: text.as_bytes(),
            line: text.as_bytes(),
            fingerprint: "84456bd032a716010ebe33c97ba217f1",
        });
    }
    // The config's own rules (the built-in ones are fuzzed by `scan_bytes`).
    let mut own = RuleSet::empty();
    for r in set.rules().iter().filter(|r| r.source == FILE_NAME) {
        own.push(Rule::new(
            r.def.clone(),
            r.provider.clone(),
            r.source.clone(),
        ));
    }
    if own.is_empty() {
        return;
    }
    for rule in own.rules() {
        let _ = check::check_rule(rule);
    }
    let engine = Engine::new(own);
    let mut found = engine.scan_bytes(text.as_bytes());
    // File rules (`file_names`) apply by path.
    for path in [".env", "deploy/.env.local", "a.py"] {
        if engine.has_file_rule_for(path) {
            engine.scan_file_rules(path, text.as_bytes(), &mut found);
        }
    }
    for m in found {
        assert!(m.start <= m.end && m.end <= text.len());
    }
});
