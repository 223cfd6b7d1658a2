//! Findings: a rule's match, located in a file and made safe to report.
//!
//! The secret itself is kept in memory only so `--show-secrets` can print it; every
//! report otherwise carries the redacted form and the SHA-256 of the secret.

use sha2::{Digest, Sha256};

use crate::rules::{Rule, RuleSet};

/// Where a finding is: 1-based lines and columns, columns counted in Unicode
/// characters; `end_line`/`end_column` point just past the secret's last character.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// One reported secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Index of the rule in the scan's [`RuleSet`].
    pub rule: usize,
    pub location: Location,
    /// The secret bytes; printed only on request.
    pub secret: Vec<u8>,
    /// Lowercase hex SHA-256 of the secret: correlates findings without revealing it.
    pub secret_sha256: String,
    /// Stable identity of the finding: rule, secret and path, not the line.
    pub fingerprint: String,
}

impl Finding {
    /// Builds a finding for `secret` found by `rule` at `text[start..end]` in `path`.
    pub fn new(
        rules: &RuleSet,
        rule: usize,
        path: &str,
        text: &[u8],
        start: usize,
        end: usize,
    ) -> Finding {
        let (line, column) = position(text, start);
        let (end_line, end_column) = position(text, end);
        let secret = text[start..end].to_vec();
        let secret_sha256 = hex(&Sha256::digest(&secret));
        let fingerprint = fingerprint(rules.get(rule).id(), &secret_sha256, path);
        Finding {
            rule,
            location: Location {
                path: path.to_string(),
                line,
                column,
                end_line,
                end_column,
            },
            secret,
            secret_sha256,
            fingerprint,
        }
    }

    pub fn rule<'r>(&self, rules: &'r RuleSet) -> &'r Rule {
        rules.get(self.rule)
    }

    /// The redacted secret: its first characters (at most 4, and at most a third of
    /// it), then `…`.
    pub fn redacted(&self) -> String {
        redact(&self.secret)
    }

    /// Length of the secret in characters.
    pub fn secret_len(&self) -> usize {
        String::from_utf8_lossy(&self.secret).chars().count()
    }

    /// The secret in clear, for `--show-secrets`.
    pub fn secret_text(&self) -> String {
        String::from_utf8_lossy(&self.secret).into_owned()
    }
}

/// `rule id + SHA-256 of the secret + path`, hashed: unchanged when lines move, changed
/// when the secret or the file differs.
pub fn fingerprint(rule_id: &str, secret_sha256: &str, path: &str) -> String {
    let mut h = Sha256::new();
    for part in [rule_id, secret_sha256, path] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    hex(&h.finalize()[..16])
}

fn redact(secret: &[u8]) -> String {
    let text = String::from_utf8_lossy(secret);
    let total = text.chars().count();
    let shown = 4.min(total / 3);
    let mut out: String = text
        .chars()
        .take(shown)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    out.push('…');
    out
}

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

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_ignore_crlf() {
        let text = "a\r\nbé = XYZ\n".as_bytes();
        let off = text.iter().position(|&b| b == b'X').unwrap();
        assert_eq!(position(text, off), (2, 6));
        assert_eq!(position(text, 0), (1, 1));
    }

    #[test]
    fn redaction_shows_at_most_four_chars_and_a_third() {
        assert_eq!(redact(b"ghp_R7wq2mZkT9vLx4NbQe8sYc1HdJ0aFu2Kp3Xy"), "ghp_…");
        assert_eq!(redact(b"hunter2"), "hu…");
        assert_eq!(redact(b"ab"), "…");
    }

    #[test]
    fn fingerprint_ignores_line_but_not_secret_or_path() {
        let a = fingerprint("r", "aa", "p");
        assert_eq!(a, fingerprint("r", "aa", "p"));
        assert_ne!(a, fingerprint("r", "bb", "p"));
        assert_ne!(a, fingerprint("r", "aa", "q"));
        assert_ne!(a, fingerprint("s", "aa", "p"));
        assert_eq!(a.len(), 32);
    }
}
