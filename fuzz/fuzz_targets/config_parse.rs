//! `.leakhound.toml` parsing on arbitrary bytes (invalid UTF-8 is replaced, as a
//! config with it would never reach the parser otherwise).
//!
//! Checked, besides "no panic": an error is located at a line and column inside the
//! text and names the file; a config that parses goes through rule admission, its
//! allowlists can judge a finding, and its own rules, whatever admission thinks of
//! them, can be reviewed (`rules check`), built into an engine, and scan the config's
//! text (file rules too, at a few paths).

#![no_main]

use leakhound::admit;
use leakhound::config::Config;
use leakhound::detect::Engine;
use leakhound::detect::policy::Candidate;
use leakhound::rules::RuleSet;
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
    let _ = config.rule_set(Vec::new());
    // The config's own rules (the built-in ones are fuzzed by `scan_bytes`), unchecked.
    let (own, problems) = admit::review(RuleSet::empty(), config.offered(Vec::new()), true);
    for p in &problems {
        assert!(!p.to_string().contains('\n'), "{p}");
    }
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
    if own.is_empty() {
        return;
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
