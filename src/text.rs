//! Text utilities every layer may use: positions in text, located errors, names,
//! escaping, sizes and dates. This module imports nothing else from the crate.

use std::borrow::Cow;
use std::fmt::Write as _;

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn position(text: &[u8], offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    // Count characters: every byte that does not continue a UTF-8 sequence.
    let column = before[line_start..]
        .iter()
        .filter(|&&b| (b & 0xC0) != 0x80)
        .count()
        + 1;
    (line, column)
}

/// A mistake in an input file (config, baseline, rule file), at its line and column:
/// shown as `path:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct Located {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Located {
    /// The mistake `message` at byte `offset` of `text`, the content of `path`.
    pub(crate) fn at(path: &str, text: &str, offset: usize, message: impl Into<String>) -> Located {
        let (line, column) = position(text.as_bytes(), offset);
        Located {
            path: path.to_string(),
            line,
            column,
            message: message.into(),
        }
    }

    /// A mistake that concerns the whole file (it cannot be read): line 1, column 1.
    pub(crate) fn file(path: &str, message: impl Into<String>) -> Located {
        Located {
            path: path.to_string(),
            line: 1,
            column: 1,
            message: message.into(),
        }
    }
}

/// A name that shells and `${…}` interpolation understand: an environment variable's.
pub(crate) fn is_shell_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Characters no report shows as they are: control characters (C0, DEL, C1: terminal
/// escapes, line breaks), line and paragraph separators, and the invisible and
/// direction-changing characters that can make text display in another order, or
/// another text, than it is (zero-width and joining characters, bidirectional marks,
/// embeddings, overrides and isolates, the soft hyphen, invisible operators, the
/// deprecated format characters, interlinear annotation marks, tag characters).
pub(crate) fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00ad}' | '\u{061c}' | '\u{180e}'
            | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}'
            | '\u{feff}' | '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}')
}

/// Appends `c` as `\u{…}`.
pub(crate) fn push_escaped(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", c as u32);
}

/// `s` safe on a terminal: every [`is_unsafe`] character as `\u{…}`.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A size for people: `512 B`, `1.5 KiB`, `3.0 MiB`.
pub(crate) fn human_bytes(b: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if b < 1024 {
        return format!("{b} B");
    }
    let mut v = b as f64 / 1024.0;
    let mut unit = 0;
    while v >= 1024.0 && unit < UNITS.len() - 1 {
        v /= 1024.0;
        unit += 1;
    }
    format!("{v:.1} {}", UNITS[unit])
}

/// RFC 3339 date and time in UTC, e.g. `2024-05-01T12:00:00Z`.
pub(crate) fn rfc3339(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_else(|| secs.to_string())
}

/// Calendar date in UTC, e.g. `2024-05-01`.
pub(crate) fn date(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| secs.to_string())
}

/// Percent-encodes a path into a URI reference: relative paths stay relative (to the
/// directory the scan ran in), absolute ones become `file://` URIs.
pub fn path_to_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 7);
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        assert_eq!(position(b"ab\ncd", 4), (2, 2));
        assert_eq!(position("é=x".as_bytes(), 3), (1, 3));
        assert_eq!(position(b"x", 99), (1, 2));
    }

    #[test]
    fn located_errors_point_at_line_and_column() {
        let e = Located::at("c.toml", "a = 1\nb = ?", 10, "bad value");
        assert_eq!(e.to_string(), "c.toml:2:5: bad value");
    }

    #[test]
    fn shell_names() {
        assert!(is_shell_name("API_KEY"));
        assert!(is_shell_name("_x1"));
        assert!(!is_shell_name("1X"));
        assert!(!is_shell_name("a-b"));
        assert!(!is_shell_name(""));
    }

    #[test]
    fn escapes_what_a_terminal_or_renderer_would_act_on() {
        assert_eq!(
            escape("a\u{2028}b\u{61c}c\u{e0041}"),
            "a\\u{2028}b\\u{61c}c\\u{e0041}"
        );
        assert_eq!(escape("plain"), "plain");
        assert_eq!(escape("a\u{1b}[31m"), "a\\u{1b}[31m");
        assert_eq!(
            escape("x\u{202e}y\u{200b}z\u{feff}"),
            "x\\u{202e}y\\u{200b}z\\u{feff}"
        );
    }

    #[test]
    fn dates_and_sizes() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(date(1_700_000_000), "2023-11-14");
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(path_to_uri("/a b"), "file:///a%20b");
    }
}
