//! Baseline parsing on arbitrary bytes (invalid UTF-8 replaced).
//!
//! Checked, besides "no panic": an error is located at a line and column inside the
//! text and names the file; a baseline that parses holds only lowercase 32-character
//! hex fingerprints.

#![no_main]

use leakhound::baseline;
use libfuzzer_sys::fuzz_target;

const PATH: &str = ".leakhound-baseline.json";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match baseline::parse(&text, PATH) {
        Ok(set) => {
            for fp in &set {
                assert!(
                    fp.len() == 32
                        && fp
                            .bytes()
                            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
                    "fingerprint {fp:?}"
                );
            }
        }
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
        }
    }
});
