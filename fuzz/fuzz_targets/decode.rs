//! The encoded-content decoder (`detect/decode.rs`) on arbitrary bytes.
//!
//! Input: two bytes choose a position and a hit length in the rest (the haystack), a
//! third chooses the base64 flavour of the round trip.
//!
//! Checked, besides "no panic":
//! - the runs found from a position or around a hit lie within the haystack, are
//!   ordered, hold the position or hit, and are no longer than the decoder's limit;
//! - Kubernetes data values lie within the haystack, each within one line;
//! - decoded text is non-empty UTF-8 without control characters other than tab, CR
//!   and LF, and no longer than the encoded run could hold;
//! - round trips: any text, base64-encoded (standard or URL-safe, padded or not) or
//!   percent-encoded, decodes back to itself.

#![no_main]

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use leakhound::detect::decode::{
    MAX_RUN, base64_run_around, base64_run_from, decode_base64_text, decode_percent_text,
    kubernetes_data_values, percent_run_around,
};
use libfuzzer_sys::fuzz_target;

fn is_text(b: &[u8]) -> bool {
    std::str::from_utf8(b).is_ok_and(|s| {
        s.chars()
            .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
    })
}

fuzz_target!(|data: &[u8]| {
    let [pos, len, spare, hay @ ..] = data else {
        return;
    };
    let n = hay.len();
    let at = (*pos as usize * 257 + *len as usize) % (n + 1);
    let hit = at..(at + (*len as usize % 16)).min(n);

    let r = base64_run_from(hay, at);
    assert!(
        r.start == at && r.start <= r.end && r.end <= n,
        "{r:?} in 0..{n}"
    );
    assert!(r.len() <= MAX_RUN + 3);
    let r = base64_run_around(hay, hit.clone());
    assert!(
        r.start <= hit.start && r.start <= r.end && r.end <= n,
        "{r:?} around {hit:?}"
    );
    let r = percent_run_around(hay, hit.clone());
    assert!(
        r.start <= hit.start && hit.end <= r.end && r.end <= n,
        "{r:?} around {hit:?}"
    );

    for v in kubernetes_data_values(hay) {
        assert!(v.start <= v.end && v.end <= n, "{v:?} in 0..{n}");
        assert!(!hay[v.clone()].contains(&b'\n'));
    }

    for run in [hay, &hay[hit.clone()]] {
        if let Some(text) = decode_base64_text(run) {
            assert!(!text.is_empty() && is_text(&text));
            assert!(
                text.len() <= run.len() * 3 / 4 + 1,
                "{} from {}",
                text.len(),
                run.len()
            );
        }
        if let Some(text) = decode_percent_text(run) {
            assert!(!text.is_empty() && is_text(&text));
            assert!(text.len() < run.len());
        }
    }

    // Round trips of the haystack as plain text.
    if is_text(hay) && !hay.is_empty() {
        let engine =
            [&STANDARD, &STANDARD_NO_PAD, &URL_SAFE, &URL_SAFE_NO_PAD][*spare as usize % 4];
        let enc = engine.encode(hay);
        if (8..=MAX_RUN).contains(&enc.len()) {
            assert_eq!(decode_base64_text(enc.as_bytes()).as_deref(), Some(hay));
        }
        let pct: String = hay.iter().map(|b| format!("%{b:02X}")).collect();
        assert_eq!(decode_percent_text(pct.as_bytes()).as_deref(), Some(hay));
    }
});
