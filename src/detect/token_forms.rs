//! Provider tokens encoded anywhere: the base64 and hex forms of the prefixes that
//! begin a provider's token (`xoxb-`, `ghp_`, `sk_live_`, `AKIA`), added to the keyword
//! automaton as decoding triggers.
//!
//! A token is often stored encoded with no hint around it: a `payload` field of a JSON
//! event holding the base64 of a Slack token, a Helm value holding the base64 of a
//! config, a hex string in a test fixture. The prefix's encoded form marks the run; the
//! scanner decodes that run once and scans it in place (see [`super::decode`]), so the
//! cost stays linear and ordinary text, where these forms do not occur, pays only the
//! automaton's pass it pays already.

use super::decode::{Trigger, base64_forms};
use crate::rules::RuleSet;

/// Encoded forms shorter than this would occur by chance in ordinary text.
const MIN_FORM: usize = 4;

/// Bytes that end a field before a token inside encoded text.
const FIELD_ENDS: &[u8] = b"\"':= ";

/// The provider keywords that begin a token: at least three bytes, and marked as a
/// prefix by a separator, a digit or capitals (`xoxb-`, `sk_live_`, `AKIA`), unlike
/// plain words (`heroku`, `password`) that rules read as context.
fn token_prefixes(rules: &RuleSet) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = rules
        .rules()
        .iter()
        .filter(|r| !r.is_generic())
        .flat_map(|r| r.def.keywords.iter())
        .filter(|k| {
            let b = k.as_bytes();
            b.len() >= 3
                && b.iter().all(u8::is_ascii_graphic)
                && (b.iter().any(|c| c.is_ascii_digit() || b"_-.".contains(c))
                    || b.iter().all(|c| c.is_ascii_uppercase()))
                && !b.contains(&b'/')
        })
        .map(|k| k.as_bytes().to_vec())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The triggers of every token prefix: its base64 forms at the three alignments and
/// its hex form (case does not matter to hex; the automaton ignores it).
pub(crate) fn triggers(rules: &RuleSet) -> Vec<(Vec<u8>, Trigger)> {
    let mut out = Vec::new();
    for prefix in token_prefixes(rules) {
        if prefix.len() >= 4 {
            for form in base64_forms(&prefix) {
                if form.len() >= MIN_FORM {
                    out.push((form, Trigger::Base64Around));
                }
            }
        } else {
            // A short prefix (`SG.`) is specific enough only at the start of a run (a
            // whole value that is the token) or after the byte that ends a field inside
            // the encoded text (`"token": "SG.…`, `user:SG.…`).
            if let Some(form) = base64_forms(&prefix).into_iter().next() {
                out.push((form, Trigger::Base64Start));
            }
            for lead in FIELD_ENDS {
                let mut plain = vec![*lead];
                plain.extend_from_slice(&prefix);
                for form in base64_forms(&plain) {
                    if form.len() >= MIN_FORM {
                        out.push((form, Trigger::Base64Around));
                    }
                }
            }
        }
        out.push((hex(&prefix), Trigger::HexAround));
    }
    out
}

fn hex(bytes: &[u8]) -> Vec<u8> {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|b| [DIGITS[(b >> 4) as usize], DIGITS[(b & 15) as usize]])
        .collect()
}

/// The hex run that holds `hit`, aligned so that the hit starts on a byte: the run
/// starts an even number of digits before the hit and holds an even number of digits.
/// However long the run (see [`super::decode::run_around`]).
pub(crate) fn hex_run_around(hay: &[u8], hit: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let run = super::decode::run_around(hay, hit.clone(), |b| b.is_ascii_hexdigit());
    let start = run.start + (hit.start - run.start) % 2;
    let end = run.end - (run.end - start) % 2;
    start..end
}

/// Decodes a run of hex digits (even length) if it holds text.
pub fn decode_hex_text(run: &[u8]) -> Option<Vec<u8>> {
    if !run.len().is_multiple_of(2) || run.len() > super::decode::MAX_RUN {
        return None;
    }
    let digit = |b: u8| (b as char).to_digit(16);
    let out = run
        .chunks_exact(2)
        .map(|p| Some((digit(p[0])? * 16 + digit(p[1])?) as u8))
        .collect::<Option<Vec<u8>>>()?;
    super::decode::is_text(&out).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_token_starts_not_words() {
        let prefixes = token_prefixes(&RuleSet::builtin());
        for p in [&b"xoxb-"[..], b"ghp_", b"sk_live_", b"AKIA"] {
            assert!(
                prefixes.iter().any(|x| x == p),
                "{}",
                String::from_utf8_lossy(p)
            );
        }
        for w in [&b"heroku"[..], b"password", b"://"] {
            assert!(!prefixes.iter().any(|x| x == w));
        }
        assert!(
            triggers(&RuleSet::builtin())
                .iter()
                .all(|(f, _)| f.len() >= MIN_FORM)
        );
        // `SG.` is three bytes: only its form at the start of a run triggers.
        assert!(prefixes.iter().any(|x| x == b"SG."));
        assert!(
            triggers(&RuleSet::builtin())
                .iter()
                .any(|(f, t)| f == b"U0cu" && *t == Trigger::Base64Start)
        );
    }

    #[test]
    fn hex_runs_align_on_the_hit() {
        let hay = b"x = \"a6768705f41\" ";
        let at = 6; // the hit `6768705f` starts one digit into the run
        let run = hex_run_around(hay, at..at + 8);
        assert_eq!(&hay[run.clone()], b"6768705f41");
        assert_eq!(decode_hex_text(&hay[run]).as_deref(), Some(&b"ghp_A"[..]));
        assert_eq!(decode_hex_text(b"00ff"), None);
        assert_eq!(decode_hex_text(b"abc"), None);
    }
}
