//! Findings: a rule's match, located in a file and made safe to report.
//!
//! The secret itself is kept in memory only so `--show-secrets` can print it; every
//! report otherwise carries the redacted form and the SHA-256 of the secret.

use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::detect::Match;
use crate::rules::{Rule, RuleSet};

/// The commit that introduced a blob into history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitInfo {
    /// Full hex commit id.
    pub id: String,
    pub author_name: String,
    pub author_email: String,
    /// Author date, seconds since the Unix epoch.
    pub time: i64,
    /// First line of the commit message.
    pub summary: String,
    /// Position in the scan's oldest-first commit order (ties of `time` broken by
    /// topology): smaller means introduced earlier.
    pub order: usize,
}

/// Where a finding is: 1-based lines and columns, columns counted in Unicode
/// characters; `end_line`/`end_column` point just past the secret's last character.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// For a working-tree file that git does not track and an ignore file hides (a
    /// `.env` beside the code, scanned because such files hold secrets by nature): the
    /// ignore file that hides it, as shown to the reader (`.gitignore`,
    /// `config/.gitignore`, `.git/info/exclude`, `a global excludes file`).
    pub ignored_by: Option<String>,
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
    /// For history scans: the commit that introduced the blob at this path.
    pub commit: Option<Arc<CommitInfo>>,
    /// For history scans: the blob's id.
    pub blob: Option<String>,
    /// For a secret found by decoding the text at `location`: the encodings, outermost
    /// first (`["base64"]`).
    pub encodings: Vec<&'static str>,
    /// For a secret found by decoding: the encoded text as it is written in the file
    /// (what a history rewrite must replace). Never printed. Shared by the secrets
    /// decoded from one encoded run, which may be megabytes long.
    pub written: Option<Arc<[u8]>>,
    /// For a working-tree finding whose replacement is mechanical: the edits that read
    /// the secret from an environment variable instead (SARIF `fixes`).
    pub fix: Option<Arc<crate::fix::Fix>>,
}

impl Finding {
    /// Builds a finding for the secret `m` found in `text`, the content of `path`.
    pub fn new(rules: &RuleSet, m: &Match, path: &str, text: &[u8]) -> Finding {
        Finding::located(rules, m, path, &mut Positions::new(text))
    }

    /// [`Finding::new`], with lines and columns from `positions`, which makes a blob's
    /// findings cost their distance apart rather than their distance from the start.
    pub fn located(
        rules: &RuleSet,
        m: &Match,
        path: &str,
        positions: &mut Positions<'_>,
    ) -> Finding {
        let text = positions.text;
        let (rule, start, end) = (m.rule, m.start, m.end);
        let (line, column) = positions.at(start);
        let (end_line, end_column) = positions.at_end(end);
        let (secret, encodings, written) = match &m.decoded {
            Some(d) => (
                d.secret.clone(),
                d.encodings.iter().map(|e| e.name()).collect(),
                Some(positions.written(start, end)),
            ),
            None => (text[start..end].to_vec(), Vec::new(), None),
        };
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
                ignored_by: None,
            },
            secret,
            secret_sha256,
            fingerprint,
            commit: None,
            blob: None,
            encodings,
            written,
            fix: None,
        }
    }

    /// The same match seen at another path (the same blob under another name).
    pub fn at_path(&self, rules: &RuleSet, path: &str) -> Finding {
        let mut f = self.clone();
        f.location.path = path.to_string();
        f.fingerprint = fingerprint(rules.get(self.rule).id(), &self.secret_sha256, path);
        f
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

    /// The secret as it is written in the file: the encoded text for an encoded secret.
    pub fn as_written(&self) -> &[u8] {
        self.written.as_deref().unwrap_or(&self.secret)
    }

    /// The secret in clear, for `--show-secrets`.
    pub fn secret_text(&self) -> String {
        String::from_utf8_lossy(&self.secret).into_owned()
    }
}

/// One secret found by one rule, with every place it was seen. Reports show one
/// entry per group; the first location is the primary one (the earliest commit in a
/// history scan, the first path otherwise).
#[derive(Debug, Clone)]
pub struct SecretGroup {
    /// Never empty; sorted by commit order (history) or path and position.
    pub findings: Vec<Finding>,
    /// History scans: whether a blob holding the secret is in the tree at HEAD.
    pub at_head: Option<bool>,
}

impl SecretGroup {
    pub fn primary(&self) -> &Finding {
        &self.findings[0]
    }

    /// Distinct commits that introduced a blob holding the secret.
    pub fn commit_count(&self) -> usize {
        let mut ids: Vec<&str> = self
            .findings
            .iter()
            .filter_map(|f| f.commit.as_deref().map(|c| c.id.as_str()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }

    /// Distinct paths the secret was seen under.
    pub fn path_count(&self) -> usize {
        let mut paths: Vec<&str> = self
            .findings
            .iter()
            .map(|f| f.location.path.as_str())
            .collect();
        paths.sort_unstable();
        paths.dedup();
        paths.len()
    }

    /// Earliest author date among the commits that hold the secret.
    pub fn first_seen(&self) -> Option<i64> {
        self.findings
            .iter()
            .filter_map(|f| f.commit.as_ref().map(|c| c.time))
            .min()
    }

    /// Whole days from the first commit holding the secret to `now`.
    pub fn exposed_days(&self, now: i64) -> Option<i64> {
        // Commit dates come from the repository: any i64, so no plain subtraction.
        self.first_seen()
            .map(|t| now.saturating_sub(t).max(0) / 86_400)
    }
}

/// Groups findings by rule and secret. Within a group, findings are ordered by commit
/// order (history) then path, line, column; groups are ordered by their primary
/// finding's path, line, column and rule id.
pub fn group(rules: &RuleSet, mut findings: Vec<Finding>) -> Vec<SecretGroup> {
    let order = |f: &Finding| f.commit.as_ref().map_or(0, |c| c.order);
    findings.sort_by(|a, b| {
        (
            rules.get(a.rule).id(),
            &a.secret_sha256,
            order(a),
            &a.location,
        )
            .cmp(&(
                rules.get(b.rule).id(),
                &b.secret_sha256,
                order(b),
                &b.location,
            ))
    });
    let mut groups: Vec<SecretGroup> = Vec::new();
    for f in findings {
        match groups.last_mut() {
            Some(g)
                if g.primary().rule == f.rule && g.primary().secret_sha256 == f.secret_sha256 =>
            {
                g.findings.push(f)
            }
            _ => groups.push(SecretGroup {
                findings: vec![f],
                at_head: None,
            }),
        }
    }
    groups.sort_by(|a, b| {
        let (pa, pb) = (a.primary(), b.primary());
        (&pa.location, rules.get(pa.rule).id()).cmp(&(&pb.location, rules.get(pb.rule).id()))
    });
    groups
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

/// Where a blob's findings are: [`position`] for many offsets of one text, mostly
/// ascending (a blob's findings in order). Starts and ends are followed by two
/// cursors, each of which scans only from its previous offset, or from the start of
/// the offset's line when it goes back: 100,000 findings on one 2 MB line cost 2 MB,
/// not 100,000 times a megabyte. It also hands out the encoded text of decoded
/// secrets, one copy per encoded run.
pub struct Positions<'t> {
    text: &'t [u8],
    /// Byte offset of each line start.
    line_starts: Vec<usize>,
    starts: Cursor,
    ends: Cursor,
    /// The last encoded text handed out, and its span.
    written: Option<(usize, usize, Arc<[u8]>)>,
}

/// The last offset asked for (clamped to the text), its line index and column.
#[derive(Clone, Copy)]
struct Cursor {
    at: usize,
    line: usize,
    column: usize,
}

impl<'t> Positions<'t> {
    pub fn new(text: &'t [u8]) -> Positions<'t> {
        let origin = Cursor {
            at: 0,
            line: 0,
            column: 1,
        };
        Positions {
            text,
            line_starts: Vec::new(),
            starts: origin,
            ends: origin,
            written: None,
        }
    }

    /// The bytes `start..end` of the text, shared with the last call for that span.
    fn written(&mut self, start: usize, end: usize) -> Arc<[u8]> {
        match &self.written {
            Some((s, e, w)) if (*s, *e) == (start, end) => w.clone(),
            _ => {
                let w: Arc<[u8]> = Arc::from(&self.text[start..end]);
                self.written = Some((start, end, w.clone()));
                w
            }
        }
    }

    /// 1-based line and column (in characters) of byte `offset`, as [`position`].
    pub fn at(&mut self, offset: usize) -> (usize, usize) {
        let mut cursor = self.starts;
        let found = self.advance(&mut cursor, offset);
        self.starts = cursor;
        found
    }

    /// [`Positions::at`] for the end of a span, on a cursor of its own.
    pub fn at_end(&mut self, offset: usize) -> (usize, usize) {
        let mut cursor = self.ends;
        let found = self.advance(&mut cursor, offset);
        self.ends = cursor;
        found
    }

    fn advance(&mut self, c: &mut Cursor, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        if self.line_starts.is_empty() {
            self.line_starts.push(0);
            self.line_starts
                .extend(memchr::memchr_iter(b'\n', self.text).map(|i| i + 1));
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        if line != c.line || offset < c.at {
            *c = Cursor {
                at: self.line_starts[line],
                line,
                column: 1,
            };
        }
        c.column += self.text[c.at..offset]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count();
        c.at = offset;
        (line + 1, c.column)
    }
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
    fn incremental_positions_agree_with_position() {
        let text = "a\r\nbé X\n\nxyz é\u{1F600}q\nlast".as_bytes();
        let mut offsets: Vec<usize> = (0..=text.len() + 2).collect();
        offsets.extend([9, 3, 0, 14, 14, 2, text.len() + 5, 1]);
        let mut p = Positions::new(text);
        for off in offsets {
            assert_eq!(p.at(off), position(text, off), "offset {off}");
            assert_eq!(p.at_end(off + 1), position(text, off + 1), "offset {off}");
        }
    }

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
