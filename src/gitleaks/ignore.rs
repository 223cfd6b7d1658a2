//! `.gitleaksignore`: the findings a team accepted under gitleaks, one fingerprint a
//! line, honoured where they map to a leakhound finding.
//!
//! gitleaks writes `file:rule-id:start-line` for working-tree scans and
//! `commit:file:rule-id:start-line` for history scans; blank lines and lines starting
//! with `#` are skipped, `\` in paths reads as `/`. A fingerprint is parsed from the
//! right, so a path may hold colons. It accepts a leakhound finding at the same path
//! (relative to the scan root, as gitleaks wrote it) and start line, of a rule that
//! stands for the gitleaks rule ([`super::families::stands_for`]), and, for the commit
//! form, introduced by that commit (a history scan's findings only). A fingerprint
//! without a commit accepts the location in every commit, as in gitleaks.

use std::collections::HashMap;
use std::path::Path;

use crate::finding::Finding;
use crate::rules::Rule;
use crate::text::Located;

use super::families::{family_of_gitleaks, is_gitleaks_default, stands_for};

/// The file looked for at the root of a scan, beside `.leakhound.toml`.
pub const FILE_NAME: &str = ".gitleaksignore";

/// One line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The line in the file (1-based), for messages.
    pub at: usize,
    /// The line as written (trimmed).
    pub text: String,
    /// What it says, or why it is not a fingerprint.
    pub parsed: Result<Fingerprint, String>,
}

/// A parsed fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fingerprint {
    /// Full commit id (lowercase hex), for the history form.
    pub commit: Option<String>,
    pub path: String,
    pub rule: String,
    pub line: usize,
}

/// A loaded `.gitleaksignore`.
#[derive(Debug, Clone, Default)]
pub struct GitleaksIgnore {
    /// The file as shown in messages.
    pub source: String,
    /// How the scan shows the root the fingerprints' paths are relative to (`""` when
    /// paths are shown relative to it already).
    base: String,
    pub entries: Vec<Entry>,
    /// The entries (indices) for each (path, line), in file order.
    index: HashMap<(String, usize), Vec<usize>>,
    /// For each entry that repeats an earlier one, that earlier entry's index.
    repeats: HashMap<usize, usize>,
}

/// Parses one fingerprint (already trimmed, `\` made `/`).
fn parse_fingerprint(line: &str) -> Result<Fingerprint, String> {
    let shape = "not a gitleaks fingerprint (file:rule-id:line or commit:file:rule-id:line)";
    let (rest, line_no) = line.rsplit_once(':').ok_or(shape)?;
    let (rest, rule) = rest.rsplit_once(':').ok_or(shape)?;
    let line_no: usize = line_no.parse().map_err(|_| shape.to_string())?;
    if rule.is_empty() || rest.is_empty() {
        return Err(shape.to_string());
    }
    let (commit, path) = match rest.split_once(':') {
        Some((c, p))
            if matches!(c.len(), 40 | 64)
                && c.bytes().all(|b| b.is_ascii_hexdigit())
                && !p.is_empty() =>
        {
            (Some(c.to_ascii_lowercase()), p)
        }
        _ => (None, rest),
    };
    let path = path.strip_prefix("./").unwrap_or(path);
    Ok(Fingerprint {
        commit,
        path: path.to_string(),
        rule: rule.to_string(),
        line: line_no,
    })
}

/// `path` as messages show it: relative to the current directory when under it.
fn shown_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| std::fs::canonicalize(cwd).ok())
        .zip(std::fs::canonicalize(path).ok())
        .and_then(|(cwd, p)| p.strip_prefix(cwd).ok().map(Path::to_path_buf));
    let shown = relative.unwrap_or_else(|| path.to_path_buf());
    let shown = shown.display().to_string();
    shown.strip_prefix("./").unwrap_or(&shown).to_string()
}

impl GitleaksIgnore {
    /// Parses a file's text; `source` names it in messages, `base` is how the scan
    /// shows the directory the paths are relative to.
    pub fn parse(text: &str, source: &str, base: &str) -> GitleaksIgnore {
        let entries: Vec<Entry> = text
            .lines()
            .enumerate()
            .filter_map(|(i, raw)| {
                let line = raw.trim();
                if line.is_empty() || line.starts_with('#') {
                    return None;
                }
                let line = line.replace('\\', "/");
                Some(Entry {
                    at: i + 1,
                    parsed: parse_fingerprint(&line),
                    text: line,
                })
            })
            .collect();
        let base = base.trim_end_matches('/');
        let mut index: HashMap<(String, usize), Vec<usize>> = HashMap::new();
        let mut first: HashMap<&Fingerprint, usize> = HashMap::new();
        let mut repeats = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if let Ok(f) = &e.parsed {
                index.entry((f.path.clone(), f.line)).or_default().push(i);
                if let Some(&j) = first.get(f) {
                    repeats.insert(i, j);
                } else {
                    first.insert(f, i);
                }
            }
        }
        drop(first);
        GitleaksIgnore {
            index,
            repeats,
            source: source.to_string(),
            base: if base.is_empty() || base == "." {
                String::new()
            } else {
                format!("{base}/")
            },
            entries,
        }
    }

    /// `.gitleaksignore` in `root`, if there is one; `base` as in [`Self::parse`].
    pub fn discover(root: &Path, base: &str) -> Result<Option<GitleaksIgnore>, Located> {
        let path = root.join(FILE_NAME);
        if !path.is_file() {
            return Ok(None);
        }
        let shown = shown_path(&path);
        let bytes =
            std::fs::read(&path).map_err(|e| Located::file(&shown, format!("cannot read: {e}")))?;
        let text = String::from_utf8_lossy(&bytes);
        Ok(Some(GitleaksIgnore::parse(&text, &shown, base)))
    }

    /// The index of the first entry that accepts `finding` (of `rule`).
    pub fn accepting(&self, finding: &Finding, rule: &Rule) -> Option<usize> {
        let path = finding.location.path.as_str();
        let line = finding.location.line;
        let within = path.strip_prefix(self.base.as_str()).unwrap_or(path);
        let mut candidates: Vec<usize> = [within, path]
            .iter()
            .filter_map(|p| self.index.get(&(p.to_string(), line)))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.into_iter().find(|&i| {
            let Ok(f) = &self.entries[i].parsed else {
                return false;
            };
            stands_for(&f.rule, rule)
                && match (&f.commit, &finding.commit) {
                    (None, _) => true,
                    (Some(c), Some(info)) => info.id.eq_ignore_ascii_case(c),
                    (Some(_), None) => false,
                }
        })
    }

    /// Why entry `i`, which accepted nothing, does not map to a finding: one line.
    pub fn unmapped_reason(&self, i: usize, history: bool) -> String {
        let e = &self.entries[i];
        let f = match &e.parsed {
            Ok(f) => f,
            Err(why) => return format!("'{}': {why}", e.text),
        };
        if let Some(&j) = self.repeats.get(&i) {
            return format!(
                "'{}' repeats line {} (one entry per finding: the first one applies)",
                e.text, self.entries[j].at
            );
        }
        let why = if f.commit.is_some() && !history {
            "a history fingerprint (with a commit): it applies to `leakhound git` only".to_string()
        } else {
            match family_of_gitleaks(&f.rule) {
                Some(family) => format!(
                    "no leakhound finding of the {family} rules at {}:{}",
                    f.path, f.line
                ),
                None if is_gitleaks_default(&f.rule) => format!(
                    "leakhound has no rules for gitleaks's {} and finds nothing at {}:{} under that id",
                    f.rule, f.path, f.line
                ),
                None => format!(
                    "no leakhound rule has the id {} (a custom gitleaks rule? convert it with \
                     `leakhound config from-gitleaks`), or it found nothing at {}:{}",
                    f.rule, f.path, f.line
                ),
            }
        };
        format!("'{}' is not mapped: {why}", e.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_parse_from_the_right() {
        let c = "0123456789abcdef0123456789abcdef01234567";
        let g = GitleaksIgnore::parse(
            &format!(
                "# accepted\n\n  src/a.py:github-pat:3  \n{c}:b c.go:aws-access-token:12\n\
                 C:\\work\\x.txt:jwt:1\nnot one\nsrc/a.py:github-pat:x\n"
            ),
            ".gitleaksignore",
            "",
        );
        let parsed: Vec<_> = g.entries.iter().map(|e| e.parsed.clone()).collect();
        assert_eq!(g.entries[0].at, 3);
        assert_eq!(
            parsed[0],
            Ok(Fingerprint {
                commit: None,
                path: "src/a.py".into(),
                rule: "github-pat".into(),
                line: 3
            })
        );
        assert_eq!(parsed[1].as_ref().unwrap().commit.as_deref(), Some(c));
        assert_eq!(parsed[1].as_ref().unwrap().path, "b c.go");
        // A drive letter is a path's colon, not a commit.
        assert_eq!(parsed[2].as_ref().unwrap().path, "C:/work/x.txt");
        assert_eq!(parsed[2].as_ref().unwrap().commit, None);
        assert!(parsed[3].is_err() && parsed[4].is_err());
        assert!(
            g.unmapped_reason(3, false)
                .contains("not a gitleaks fingerprint")
        );
        assert!(g.unmapped_reason(1, false).contains("`leakhound git` only"));
    }

    #[test]
    fn a_repeated_entry_is_named_as_a_repeat() {
        let g = GitleaksIgnore::parse(
            "sub/a.env:generic-api-key:1\nsub\\a.env:generic-api-key:1\nsub/a.env:generic-api-key:2\n",
            ".gitleaksignore",
            "",
        );
        assert!(
            g.unmapped_reason(1, false).contains("repeats line 1"),
            "{}",
            g.unmapped_reason(1, false)
        );
        assert!(!g.unmapped_reason(2, false).contains("repeats"));
    }
}
