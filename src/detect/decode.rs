//! Encoded secrets: base64 and percent-encoded text that hides a credential.
//!
//! Decoding everything that looks like base64 would cost a second pass over every
//! blob, so decoding is driven by *triggers*: a few extra literals in the keyword
//! automaton that mark where encoded text is likely to hold a secret.
//!
//! - `;base64,`: the payload of a data URL follows.
//! - The base64 forms of `-----BEGIN`, `service_account` and `{"auths"` at each of the
//!   three byte alignments: a PEM key, a Google service-account key or a Docker
//!   config, base64-encoded (Kubernetes `tls.key`, CI variables, Helm values).
//! - `%3A%2F%2F` (`://`) and the percent-encoded start of a PEM block: a URL or key
//!   passed through a query string or a form.
//! - `kind: Secret`: a Kubernetes Secret manifest, whose every `key: value` data line
//!   is base64.
//!
//! Each encoded run is decoded once (bounded in size), and only if the result is
//! text. The scanner then scans the run's line with the decoded text in place of the
//! encoded one, so rules see the same context (`password: …`) they would in clear,
//! and reports what it finds at the encoded run's location, naming the encoding.
//! Decoded text may itself hold encoded text; the scanner recurses to a fixed depth.

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// How a secret was encoded where it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Encoding {
    Base64,
    Percent,
    Hex,
}

impl Encoding {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Encoding::Base64 => "base64",
            Encoding::Percent => "percent-encoding",
            Encoding::Hex => "hex",
        }
    }
}

/// What a trigger literal says about the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trigger {
    /// A base64 run starts right after the literal (`;base64,`).
    Base64After,
    /// The literal lies inside a base64 run.
    Base64Around,
    /// The literal lies inside a percent-encoded run.
    PercentAround,
    /// The literal starts a base64 run (a whole value that is an encoded token).
    Base64Start,
    /// The literal lies inside a run of hex digits.
    HexAround,
    /// A Kubernetes Secret manifest: its `key: value` lines hold base64.
    KubernetesSecret,
    /// A word whose value only the context view names (`app_key:` under `datadog:`,
    /// `ConvertTo-SecureString`): the text is scanned even if no rule keyword is in it.
    Context,
    /// A secret word that marks a line for the context view (`context::keyword_marks`):
    /// the view reads names only on the lines that hold one.
    LineMark,
}

/// Encoded runs longer than this are not decoded (a data URL of a large image).
pub const MAX_RUN: usize = 4 * 1024 * 1024;
/// Runs shorter than this hold no credential worth decoding.
const MIN_BASE64_RUN: usize = 8;

/// Plain texts whose base64 forms are triggers.
const BASE64_LITERALS: &[&str] = &["-----BEGIN", "service_account", "{\"auths\""];

/// Literal triggers, matched ASCII-case-insensitively like keywords.
const LITERALS: &[(&str, Trigger)] = &[
    (";base64,", Trigger::Base64After),
    ("%3a%2f%2f", Trigger::PercentAround),
    ("-----begin%20", Trigger::PercentAround),
    ("%2d%2d%2d%2d%2dbegin", Trigger::PercentAround),
    ("kind: secret", Trigger::KubernetesSecret),
    ("kind: \"secret\"", Trigger::KubernetesSecret),
    ("kind: 'secret'", Trigger::KubernetesSecret),
    ("\"kind\": \"secret\"", Trigger::KubernetesSecret),
    ("\"kind\":\"secret\"", Trigger::KubernetesSecret),
];

/// Words that make a text worth the scanner's context view (`detect/context.rs`)
/// though no rule keyword is in it: a provider key named only by its section
/// (`datadog:` then `app_key:`), a PowerShell secure string.
const CONTEXT_LITERALS: &[&str] = &["app_key", "appkey", "application_key", "securestring"];

/// Every trigger literal and its meaning.
pub(crate) fn triggers() -> Vec<(Vec<u8>, Trigger)> {
    let mut out: Vec<(Vec<u8>, Trigger)> = LITERALS
        .iter()
        .map(|&(lit, t)| (lit.as_bytes().to_vec(), t))
        .collect();
    for lit in CONTEXT_LITERALS {
        out.push((lit.as_bytes().to_vec(), Trigger::Context));
    }
    for lit in BASE64_LITERALS {
        for form in base64_forms(lit.as_bytes()) {
            out.push((form, Trigger::Base64Around));
        }
    }
    out
}

/// The base64 characters that encode `plain` whatever its offset in the encoded data:
/// for each of the three alignments, the characters that depend on `plain` alone.
pub(super) fn base64_forms(plain: &[u8]) -> Vec<Vec<u8>> {
    (0..3)
        .map(|pad| {
            let mut data = vec![0u8; pad];
            data.extend_from_slice(plain);
            let enc = base64::engine::general_purpose::STANDARD_NO_PAD.encode(&data);
            // Leading characters mix in the padding bytes; trailing ones the bytes
            // that would follow.
            let first = (pad * 8).div_ceil(6);
            let last = (data.len() * 8) / 6;
            enc.as_bytes()[first..last].to_vec()
        })
        .collect()
}

pub(crate) fn is_base64_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_')
}

/// Bytes that may appear in a percent-encoded run (a URL or form value).
fn is_percent_run_byte(b: u8) -> bool {
    b.is_ascii_graphic() && !matches!(b, b'"' | b'\'' | b'<' | b'>' | b'`' | b'\\')
}

/// The base64 run that starts at `at` (with up to two `=` of padding).
pub fn base64_run_from(hay: &[u8], at: usize) -> std::ops::Range<usize> {
    let mut end = at;
    while end < hay.len() && end - at < MAX_RUN + 1 && is_base64_byte(hay[end]) {
        end += 1;
    }
    let mut pad = 0;
    while pad < 2 && hay.get(end) == Some(&b'=') {
        end += 1;
        pad += 1;
    }
    at..end
}

/// The whole run of bytes of `class` around `hit` (which lies in it), however long.
///
/// Not capped at [`MAX_RUN`]: a caller skips the hits inside the run it found last, so
/// each run is walked once whatever its length. A capped run would end before the run
/// does, and every later hit in a longer run would walk [`MAX_RUN`] bytes again: time
/// quadratic in a long line's length. A run over [`MAX_RUN`] is not decoded.
pub(crate) fn run_around(
    hay: &[u8],
    hit: std::ops::Range<usize>,
    class: impl Fn(u8) -> bool,
) -> std::ops::Range<usize> {
    let start = hay[..hit.start]
        .iter()
        .rposition(|&b| !class(b))
        .map_or(0, |i| i + 1);
    let end = hay[hit.end..]
        .iter()
        .position(|&b| !class(b))
        .map_or(hay.len(), |i| hit.end + i);
    start..end
}

/// The base64 run that holds `hit` (with up to two `=` of padding), however long (see
/// [`run_around`]).
pub fn base64_run_around(hay: &[u8], hit: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let run = run_around(hay, hit, is_base64_byte);
    let mut end = run.end;
    while end - run.end < 2 && hay.get(end) == Some(&b'=') {
        end += 1;
    }
    run.start..end
}

/// The percent-encoded run that holds `hit`, however long (see [`run_around`]).
pub fn percent_run_around(hay: &[u8], hit: std::ops::Range<usize>) -> std::ops::Range<usize> {
    run_around(hay, hit, is_percent_run_byte)
}

/// The value spans of the `key: value` lines of a Kubernetes Secret manifest (YAML or
/// JSON) whose value is base64 text: the candidates under `data:`. Lines of other
/// shapes (`name: orders-db`, `apiVersion: v1`) fail to decode to text later.
pub fn kubernetes_data_values(hay: &[u8]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in hay.split(|&b| b == b'\n') {
        let start = line_start;
        line_start += line.len() + 1;
        let Some(colon) = memchr::memchr(b':', line) else {
            continue;
        };
        let key = line[..colon].trim_ascii();
        let key = key
            .strip_prefix(b"\"")
            .and_then(|k| k.strip_suffix(b"\""))
            .unwrap_or(key);
        if key.is_empty()
            || !key
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
        {
            continue;
        }
        let mut v_start = colon + 1;
        while v_start < line.len() && matches!(line[v_start], b' ' | b'\t' | b'"' | b'\'') {
            v_start += 1;
        }
        let run = base64_run_from(line, v_start);
        let rest = line[run.end..].trim_ascii();
        let rest_ok = rest.is_empty()
            || [&b"\""[..], b"\",", b"'", b","].contains(&rest)
            || rest.starts_with(b"#");
        if run.len() >= MIN_BASE64_RUN && rest_ok {
            out.push(start + run.start..start + run.end);
        }
    }
    out
}

/// Decodes a base64 run (standard or URL-safe alphabet, padded or not) if it holds
/// text.
pub fn decode_base64_text(run: &[u8]) -> Option<Vec<u8>> {
    if run.len() < MIN_BASE64_RUN {
        return None;
    }
    let decoded = decode_base64(run)?;
    is_text(&decoded).then_some(decoded)
}

/// Decodes a base64 run (standard or URL-safe alphabet, padded or not) of at most
/// `MAX_RUN` bytes, whatever it holds.
pub(crate) fn decode_base64(run: &[u8]) -> Option<Vec<u8>> {
    if run.len() > MAX_RUN {
        return None;
    }
    let config = GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true);
    let url_safe = run.iter().any(|&b| b == b'-' || b == b'_');
    let engine = if url_safe {
        GeneralPurpose::new(&alphabet::URL_SAFE, config)
    } else {
        GeneralPurpose::new(&alphabet::STANDARD, config)
    };
    engine.decode(run).ok()
}

/// Decodes `%XX` escapes if there are any and the result is text.
pub fn decode_percent_text(run: &[u8]) -> Option<Vec<u8>> {
    if run.len() > MAX_RUN {
        return None;
    }
    let mut out = Vec::with_capacity(run.len());
    let mut changed = false;
    let mut i = 0;
    while i < run.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if run[i] == b'%'
            && let (Some(h), Some(l)) = (
                run.get(i + 1).and_then(|&b| hex(b)),
                run.get(i + 2).and_then(|&b| hex(b)),
            )
        {
            out.push((h * 16 + l) as u8);
            changed = true;
            i += 3;
        } else {
            out.push(run[i]);
            i += 1;
        }
    }
    (changed && is_text(&out)).then_some(out)
}

/// UTF-8 without control characters other than tab, newline and carriage return.
pub(super) fn is_text(bytes: &[u8]) -> bool {
    !bytes.is_empty()
        && std::str::from_utf8(bytes).is_ok_and(|s| {
            s.chars()
                .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_forms_are_found_in_encoded_text_at_every_offset() {
        for prefix in ["", "x", "xy", "xyz"] {
            let plain = format!("{prefix}-----BEGIN RSA PRIVATE KEY-----");
            let enc = base64::engine::general_purpose::STANDARD.encode(plain);
            let forms = base64_forms(b"-----BEGIN");
            assert!(
                forms
                    .iter()
                    .any(|f| enc.as_bytes().windows(f.len()).any(|w| w == f.as_slice())),
                "{enc}"
            );
        }
        assert_eq!(base64_forms(b"-----BEGIN")[0], b"LS0tLS1CRUdJT");
    }

    #[test]
    fn runs_stop_at_non_alphabet_bytes() {
        let hay = b"key: \"LS0tLS1CRUdJTiBQ==\", next";
        let at = hay.windows(4).position(|w| w == b"LS0t").unwrap();
        let run = base64_run_around(hay, at + 2..at + 6);
        assert_eq!(&hay[run], b"LS0tLS1CRUdJTiBQ==");
        let hay = b"url=https%3A%2F%2Fu%3Ap%40h.io&x=1 tail";
        let at = hay.windows(3).position(|w| w == b"%3A").unwrap();
        let run = percent_run_around(hay, at..at + 9);
        assert_eq!(&hay[run], b"url=https%3A%2F%2Fu%3Ap%40h.io&x=1");
    }

    #[test]
    fn a_run_longer_than_the_decoding_limit_is_returned_whole() {
        // A hit past MAX_RUN bytes into a longer run gets the whole run (which is not
        // decoded), so the hits after it lie inside it and are not walked again.
        let mut hay = b"x=\"".to_vec();
        hay.extend(std::iter::repeat_n(b'Q', MAX_RUN + 4096));
        hay.extend_from_slice(b"\" y");
        let at = MAX_RUN + 100;
        let run = base64_run_around(&hay, at..at + 4);
        assert_eq!(run, 3..3 + MAX_RUN + 4096);
        assert!(decode_base64(&hay[run]).is_none());
        let run = percent_run_around(&hay, at..at + 4);
        assert_eq!(run, 3..3 + MAX_RUN + 4096);
    }

    #[test]
    fn decoding_keeps_only_text() {
        assert_eq!(
            decode_base64_text(b"aHVudGVyMjpzM2NyM3Q=").as_deref(),
            Some(&b"hunter2:s3cr3t"[..])
        );
        // Unpadded and URL-safe.
        assert_eq!(
            decode_base64_text(b"aHVudGVyMjpzM2NyM3Q").as_deref(),
            Some(&b"hunter2:s3cr3t"[..])
        );
        assert_eq!(
            decode_base64_text(b"Pz8_Pz8_").as_deref(),
            Some(&b"??????"[..])
        );
        // Binary and malformed input.
        assert_eq!(decode_base64_text(b"AAECAwQFBgcICQ=="), None);
        assert_eq!(decode_base64_text(b"abc"), None);
        assert_eq!(decode_base64_text(b"orders-db-password"), None);
        assert_eq!(
            decode_percent_text(b"p%40ss%3Aword").as_deref(),
            Some(&b"p@ss:word"[..])
        );
        assert_eq!(decode_percent_text(b"plain"), None);
        assert_eq!(decode_percent_text(b"%00%01"), None);
        assert_eq!(decode_percent_text(b"100%"), None);
    }

    #[test]
    fn kubernetes_values_in_yaml_and_json() {
        let yaml = b"kind: Secret\ndata:\n  password: SHE3dlQybUx4OVpyUHc0Tg==\n  user: b3JkZXJz # comment\n  note: not base64 here\n";
        let vals: Vec<&[u8]> = kubernetes_data_values(yaml)
            .into_iter()
            .map(|r| &yaml[r])
            .collect();
        assert_eq!(vals, [&b"SHE3dlQybUx4OVpyUHc0Tg=="[..], b"b3JkZXJz"]);
        let json = br#"{"kind": "Secret", "data": {
    "token": "Z2hwX1pxM21UOHZM",
    "x": "short"}}"#;
        let vals: Vec<&[u8]> = kubernetes_data_values(json)
            .into_iter()
            .map(|r| &json[r])
            .collect();
        assert_eq!(vals, [&b"Z2hwX1pxM21UOHZM"[..]]);
    }
}
