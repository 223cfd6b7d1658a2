//! Per-thread scanning: a [`Worker`] owns a scanner and its buffers and keeps what it
//! finds in a private [`Partial`], merged into the [`Collector`] when it ends.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use super::collect::{Collector, Partial, Suppressed, SuppressedBy, TOO_LARGE_NAMED};
use super::outcome::{Missed, Warning, WarningKind};
use crate::context::{Context, Roots};
use crate::detect::content::{Content, prepare};
use crate::detect::{Engine, Match, Scanner};
use crate::finding::{BlobId, CommitInfo, Finding, Positions};
use crate::fix::{fix_for, suggested_env_var};

/// Where a blob was seen: a path, and in history scans the commit that introduced it
/// there.
#[derive(Debug, Clone)]
pub struct BlobLocation {
    pub path: String,
    pub commit: Option<Arc<CommitInfo>>,
}

impl BlobLocation {
    pub(crate) fn path(path: &str) -> BlobLocation {
        BlobLocation {
            path: path.to_string(),
            commit: None,
        }
    }
}

/// A span of scanned text that a rule matched, and what a report shows in its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redaction {
    pub start: usize,
    pub end: usize,
    /// The finding's redacted form ([`Finding::redacted`]).
    pub redacted: String,
}

/// Per-thread scanning state.
pub struct Worker<'e> {
    /// Working-tree scans: the roots, so a finding's context is judged on its path
    /// within its repository (see [`Roots`]); `None`: on the path as shown (history,
    /// staged and stdin paths are already repository paths).
    pub context_roots: Option<Arc<Roots>>,
    engine: &'e Engine,
    scanner: Scanner<'e>,
    matches: Vec<Match>,
    /// Reusable read buffer.
    pub buf: Vec<u8>,
    pub partial: Partial,
    collector: &'e Collector,
    /// Whether the bytes scanned are the files as they are on disk, so that findings
    /// can carry a fix (edits by byte offset): true for the working tree only.
    pub offer_fixes: bool,
    /// Which of the files scanned are committed, for file rules.
    pub tracked: Tracked,
    /// Set while scanning a file that an ignore file hides: the ignore file, carried
    /// on each finding's location.
    pub ignored_by: Option<String>,
}

/// Which working-tree files a source knows to be committed (`source::tracked`).
pub trait IsTracked: std::fmt::Debug + Send + Sync {
    fn is_tracked(&self, path: &Path) -> bool;
}

/// Which scanned files are committed to git: file rules report only those.
#[derive(Debug, Clone, Default)]
pub enum Tracked {
    /// None known to be: standard input.
    #[default]
    Nothing,
    /// Every blob: history and staged scans.
    Everything,
    /// Working-tree files that are in their repository's index.
    Indexed(Arc<dyn IsTracked>),
}

impl Tracked {
    pub(crate) fn contains(&self, path: &str) -> bool {
        match self {
            Tracked::Nothing => false,
            Tracked::Everything => true,
            Tracked::Indexed(files) => files.is_tracked(Path::new(path)),
        }
    }
}

impl<'e> Worker<'e> {
    pub fn new(engine: &'e Engine, collector: &'e Collector) -> Worker<'e> {
        Worker {
            engine,
            scanner: engine.scanner(),
            matches: Vec::new(),
            buf: Vec::new(),
            partial: Partial::default(),
            collector,
            offer_fixes: false,
            tracked: Tracked::Nothing,
            ignored_by: None,
            context_roots: None,
        }
    }

    pub(crate) fn engine(&self) -> &'e Engine {
        self.engine
    }

    /// Scans the bytes in `self.buf` as the content of `path`.
    pub(crate) fn scan_buf(&mut self, path: &str) {
        let buf = std::mem::take(&mut self.buf);
        self.scan_bytes(path, &buf);
        self.buf = buf;
    }

    /// Scans `bytes` as the content of `path`.
    pub fn scan_bytes(&mut self, path: &str, bytes: &[u8]) {
        self.scan_blob(bytes, &[BlobLocation::path(path)], None);
    }

    /// Scans `bytes` once and reports each match at every one of `locations` (a blob
    /// seen under several paths or introduced by several commits).
    ///
    /// A panic while scanning (a bug) is caught here: it becomes an error for this
    /// input, counted in `Stats::failed`, and the scan goes on with the next one.
    pub(crate) fn scan_blob(
        &mut self,
        bytes: &[u8],
        locations: &[BlobLocation],
        blob: Option<BlobId>,
    ) {
        let path = locations.first().map_or("<input>", |l| l.path.as_str());
        self.guarded(path, |w| w.scan_blob_unguarded(bytes, locations, blob));
    }

    /// Scans `text` that is not a file's content (in a history scan, a commit's message
    /// or its author and committer) as the content of the pseudo-path `path`: the same
    /// rules, filters, inline allow and allowlists as a blob, but no file rules, and it
    /// is not counted as a file scanned. The findings carry no commit: the caller sets
    /// it. `name` names the input in an error message.
    ///
    /// Returns every span a rule matched (suppressed or not), with the finding's
    /// redacted form, so that the caller can redact the text wherever it is shown; or
    /// `None` when the scan failed (an internal error, reported), and the text must not
    /// be shown at all.
    pub(crate) fn scan_text(
        &mut self,
        text: &[u8],
        path: &str,
        name: &str,
    ) -> Option<Vec<Redaction>> {
        let location = [BlobLocation::path(path)];
        let failed = self.partial.stats.failed;
        self.guarded(name, |w| {
            inject_test_panic(name);
            w.scan_prepared(text, Cow::Borrowed(text), &location, None)
        });
        if self.partial.stats.failed > failed {
            return None;
        }
        let rules = self.engine.rules();
        Some(
            self.matches
                .iter()
                .map(|m| Redaction {
                    start: m.start,
                    end: m.end,
                    redacted: Finding::new(rules, m, path, text).redacted(rules),
                })
                .collect(),
        )
    }

    /// Runs `scan` on the input named `path`, catching a panic (a bug): it becomes an
    /// error for this input, counted in `Stats::failed`, and the scan goes on.
    fn guarded(&mut self, path: &str, scan: impl FnOnce(&mut Self)) {
        let findings_before = self.partial.findings.len();
        let scanned = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| scan(self)));
        if let Err(panic) = scanned {
            // What the failed scan had found so far may be partial: drop it, say so.
            self.partial.findings.truncate(findings_before);
            self.matches.clear();
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            self.partial.stats.failed += 1;
            self.partial.warnings.push(Warning::new(
                WarningKind::InternalError,
                path,
                format!(
                    "internal error while scanning ({what}); this input was not scanned, the \
                     rest of the scan went on. Please report this as a bug."
                ),
            ));
            // The scanner's buffers may be in any state after a panic: start afresh.
            self.scanner = self.engine.scanner();
        }
    }

    fn scan_blob_unguarded(
        &mut self,
        bytes: &[u8],
        locations: &[BlobLocation],
        blob: Option<BlobId>,
    ) {
        for l in locations {
            inject_test_panic(&l.path);
        }
        let text = match prepare(bytes) {
            Content::Binary => {
                self.partial.stats.skipped_binary += 1;
                return;
            }
            Content::Text(t) => t,
        };
        self.partial.stats.files_scanned += 1;
        self.partial.stats.bytes_scanned += bytes.len() as u64;
        self.scan_prepared(bytes, text, locations, blob);
    }

    /// Scans `text`, the content of `bytes` as [`prepare`] made it, and reports each
    /// match at every one of `locations`.
    fn scan_prepared(
        &mut self,
        bytes: &[u8],
        text: Cow<'_, [u8]>,
        locations: &[BlobLocation],
        blob: Option<BlobId>,
    ) {
        self.matches.clear();
        self.scanner.scan(&text, &mut self.matches);
        keep_best_overlapping(self.engine, &mut self.matches);
        let Some(first) = locations.first() else {
            return;
        };
        // File rules report the file itself; they stand beside what the rules found in
        // it, never in competition with it.
        if self.engine.has_file_rule_for(&first.path) && self.tracked.contains(&first.path) {
            self.engine
                .scan_file_rules(&first.path, &text, &mut self.matches);
        }
        if self.matches.is_empty() {
            return;
        }
        let rules = self.engine.rules();
        let policy = self.engine.policy();
        let mut fixes_left = MAX_FIXES_PER_FILE;
        // Matches come in text order: lines and columns are computed from one match to
        // the next, and each line is found (and searched for the marker) once.
        let mut positions = Positions::new(&text);
        let mut key_ids = None;
        let mut current: Option<(std::ops::Range<usize>, bool)> = None;
        crate::finding::hash_ahead(rules, &self.matches, &text);
        for (i, m) in self.matches.iter().enumerate() {
            let (span, allowed) = match &current {
                Some((span, allowed)) if span.start <= m.start && m.start <= span.end => {
                    (span.clone(), *allowed)
                }
                _ => {
                    let span = line_span(&text, m.start);
                    let allowed = policy.inline_allow && has_inline_allow(&text[span.clone()]);
                    current = Some((span.clone(), allowed));
                    (span, allowed)
                }
            };
            let line = &text[span];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if allowed {
                let (line, _) = positions.at(m.start);
                let (end_line, _) = positions.at_end(m.end);
                let file_rule = rules.get(m.rule).is_file_rule();
                self.partial
                    .suppressed
                    .extend(locations.iter().map(|l| Suppressed {
                        by: SuppressedBy::Inline,
                        path: l.path.clone(),
                        line,
                        end_line,
                        file_rule,
                    }));
                continue;
            }
            let mut f = Finding::located(rules, m, &first.path, &mut positions);
            f.location.ignored_by.clone_from(&self.ignored_by);
            f.blob = blob;
            f.key_id = key_id_near(rules, &self.matches, i, &text, &mut key_ids);
            if self.engine.near_values() {
                (f.near, f.rivals) = super::near::values(rules.get(m.rule), &text, m);
                if let Some(id) = &f.key_id
                    && let Some(other) = key_id_rival(rules, &self.matches, i, &text, id, &key_ids)
                {
                    f.rivals.push(("key_id".to_string(), other));
                }
            }
            // The scanner sees the file without its UTF-8 byte-order mark (`base` bytes);
            // a UTF-16 file is decoded into an owned buffer and gets no fix.
            if self.offer_fixes
                && fixes_left > 0
                && bytes.len() <= MAX_FIX_FILE_SIZE
                && m.decoded.is_none()
                && !rules.get(m.rule).is_file_rule()
                && locations.len() == 1
                && let Cow::Borrowed(t) = &text
                && crate::fix::lang_of(&first.path).is_some()
            {
                let base = bytes.len() - t.len();
                let fallback = suggested_env_var(rules.get(m.rule));
                f.fix = fix_for(&first.path, t, base, m.start, m.end, &fallback).map(Arc::new);
                fixes_left -= 1;
            }
            let rule_id = rules.get(m.rule).id();
            for (i, loc) in locations.iter().enumerate() {
                let mut at = if i == 0 {
                    f.clone()
                } else {
                    f.at_path(rules, &loc.path)
                };
                at.commit = loc.commit.clone();
                if let Some(roots) = &self.context_roots {
                    at.context =
                        Context::classify(&roots.within(&at.location.path), at.generated_content);
                }
                let candidate = crate::detect::policy::Candidate {
                    rule_id,
                    path: &at.location.path,
                    secret: &at.secret,
                    line,
                    fingerprint: &at.fingerprint,
                };
                if policy.allows(&candidate) {
                    self.partial.suppressed.push(Suppressed {
                        by: SuppressedBy::Allowlist,
                        path: at.location.path,
                        line: at.location.line,
                        end_line: at.location.end_line,
                        file_rule: rules.get(m.rule).is_file_rule(),
                    });
                } else {
                    self.partial.findings.push(at);
                }
            }
        }
    }

    /// Counts an input skipped for its size, keeping the first few names for the notes.
    pub(crate) fn skip_too_large(&mut self, path: &str, size: u64) {
        self.partial.stats.skipped_too_large += 1;
        if self.partial.too_large.len() < TOO_LARGE_NAMED {
            self.partial.too_large.push((path.to_string(), size));
        }
    }

    /// Records an input that could not be read.
    pub(crate) fn missed(&mut self, missed: Missed) {
        self.partial.stats.unreadable += 1;
        self.partial.missed.push(missed);
    }

    /// A warning that does not stand for a missed input.
    pub(crate) fn warn(&mut self, warning: Warning) {
        self.partial.warnings.push(warning);
    }
}

/// The key ID that names the secret of `matches[i]`: the match nearest to it, in the
/// same blob, of one of its rule's `key_id_rules` (a public identifier, shown in full).
fn key_id_near<'r>(
    rules: &'r crate::rules::RuleSet,
    matches: &[Match],
    i: usize,
    text: &[u8],
    index: &mut Option<HashMap<&'r str, Vec<usize>>>,
) -> Option<String> {
    let m = &matches[i];
    let wanted = &rules.get(m.rule).def.key_id_rules;
    if wanted.is_empty() {
        return None;
    }
    // Each rule's matches in text order, built once per blob on first need, so a file
    // of many key pairs costs a binary search per secret, not a pass over all matches.
    let by_rule = index.get_or_insert_with(|| {
        let mut map: HashMap<&'r str, Vec<usize>> = HashMap::new();
        for (j, o) in matches.iter().enumerate() {
            if o.decoded.is_none() {
                map.entry(rules.get(o.rule).id()).or_default().push(j);
            }
        }
        for list in map.values_mut() {
            list.sort_by_key(|&j| matches[j].start);
        }
        map
    });
    let distance = |j: usize| matches[j].start.abs_diff(m.start);
    wanted
        .iter()
        .filter_map(|id| by_rule.get(id.as_str()))
        .filter_map(|list| {
            let at = list.partition_point(|&j| matches[j].start < m.start);
            let before = at.checked_sub(1).and_then(|k| list.get(k));
            [before, list.get(at)]
                .into_iter()
                .flatten()
                .copied()
                .min_by_key(|&j| distance(j))
        })
        .min_by_key(|&j| distance(j))
        .map(|j| String::from_utf8_lossy(&text[matches[j].start..matches[j].end]).into_owned())
}

/// Another key ID than `chosen`, of one of the secret's `key_id_rules`, within
/// [`super::near::NEAR_DISTANCE`] of the secret of `matches[i]`: the pairing is then a
/// guess (a file of several key pairs, an old key ID in a comment). Only under
/// `--verify`, which is what a guess misleads.
fn key_id_rival(
    rules: &crate::rules::RuleSet,
    matches: &[Match],
    i: usize,
    text: &[u8],
    chosen: &str,
    index: &Option<HashMap<&str, Vec<usize>>>,
) -> Option<String> {
    let m = &matches[i];
    let by_rule = index.as_ref()?;
    let reach = super::near::NEAR_DISTANCE;
    rules
        .get(m.rule)
        .def
        .key_id_rules
        .iter()
        .filter_map(|id| by_rule.get(id.as_str()))
        .flat_map(|list| {
            let from = list.partition_point(|&j| matches[j].start + reach < m.start);
            let to = list.partition_point(|&j| matches[j].start <= m.start + reach);
            list[from..to.max(from)].iter().copied()
        })
        .map(|j| &text[matches[j].start..matches[j].end])
        .find(|t| *t != chosen.as_bytes())
        .map(|t| String::from_utf8_lossy(t).into_owned())
}

impl Drop for Worker<'_> {
    fn drop(&mut self) {
        self.collector.merge(std::mem::take(&mut self.partial));
    }
}

/// Fault injection for the test suite (debug builds only): a panic while scanning an
/// input whose name contains the value of `LEAKHOUND_TEST_PANIC_ON`.
fn inject_test_panic(name: &str) {
    #[cfg(debug_assertions)]
    if let Ok(needle) = std::env::var("LEAKHOUND_TEST_PANIC_ON")
        && name.contains(&needle)
    {
        panic!("injected test panic");
    }
    #[cfg(not(debug_assertions))]
    let _ = name;
}

/// Files larger than this get no SARIF fix: computing one tokenises the file from its
/// first byte, and a multi-megabyte file (a bundle, generated code) is not one a person
/// edits by hand anyway.
const MAX_FIX_FILE_SIZE: usize = 2 << 20;

/// Each fix tokenises its file up to the secret, so fixes cost the file's size each:
/// the first this many findings of a file get one, the rest none (a file with
/// hundreds of hard-coded secrets is generated or test data, not for mechanical edits).
const MAX_FIXES_PER_FILE: usize = 32;

/// The markers that, in a comment on a finding's line, suppress it: leakhound's own
/// and gitleaks's, so a repository moving from gitleaks keeps its suppressions.
const INLINE_ALLOW: [&[u8]; 2] = [b"leakhound:allow", b"gitleaks:allow"];

/// Whether `line` holds an inline allow marker.
fn has_inline_allow(line: &[u8]) -> bool {
    INLINE_ALLOW
        .iter()
        .any(|marker| memchr::memmem::find(line, marker).is_some())
}

/// The span of the line of `text` that holds byte `at`, without its `\n`.
fn line_span(text: &[u8], at: usize) -> std::ops::Range<usize> {
    let at = at.min(text.len());
    let start = memchr::memrchr(b'\n', &text[..at]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &text[at..]).map_or(text.len(), |i| at + i);
    start..end
}

/// When two rules report overlapping text (a service-account JSON key that is also a
/// PKCS#8 block), keep only one: a provider rule over a generic one, then the more
/// confident, then one that matched the text as written over one found by decoding it,
/// then the more severe, then the earlier rule. Secrets decoded from distinct parts of one encoded run (a data URL
/// of a whole file) do not overlap each other.
fn keep_best_overlapping(engine: &Engine, matches: &mut Vec<Match>) {
    if matches.len() < 2 {
        return;
    }
    let rules = engine.rules();
    // Among equally confident rules, one that matched the text as written wins over
    // one that matched only after decoding: it was written for that encoded form (a
    // kubeconfig's `client-key-data`) and its remediation says so.
    let rank = |m: &Match| {
        let r = rules.get(m.rule);
        let found_by_decoding = m.decoded.as_ref().is_some_and(|d| d.inner.is_some());
        (
            !r.is_generic(),
            r.def.confidence,
            !found_by_decoding,
            r.def.severity,
            std::cmp::Reverse(m.rule),
        )
    };
    // Greedy, best first: a match is kept unless it overlaps one kept already. The
    // kept spans are disjoint, except that secrets decoded from one encoded run share
    // its span and conflict only when their places in the decoded text overlap; so
    // they are kept in ordered maps and each match is checked in O(log n), not against
    // every match kept before it (a data URL of a file with 100,000 secrets).
    matches.sort_by_key(|m| (m.start, m.end));
    let mut all = std::mem::take(matches);
    all.sort_by_key(|m| std::cmp::Reverse(rank(m)));
    // Kept spans: start → (end, the decoded places kept in it, `None` for a plain one).
    let mut spans: BTreeMap<usize, (usize, Option<BTreeMap<usize, usize>>)> = BTreeMap::new();
    for m in all {
        let inner = m.decoded.as_ref().and_then(|d| d.inner);
        // Kept spans are disjoint, so the one starting last before `m.end` is the only
        // candidate for an overlap.
        let overlapping = spans
            .range_mut(..m.end)
            .next_back()
            .filter(|(_, (end, _))| *end > m.start);
        let keep = match (overlapping, inner) {
            (None, _) => {
                let places = inner.map(|(lo, hi)| BTreeMap::from([(lo, hi)]));
                // An empty match at a kept span's start overlaps nothing.
                spans.entry(m.start).or_insert((m.end, places));
                true
            }
            (Some((&start, (end, Some(places)))), Some((lo, hi)))
                if (start, *end) == (m.start, m.end) =>
            {
                let free = places.range(..hi).next_back().is_none_or(|(_, &e)| e <= lo);
                if free {
                    places.insert(lo, hi);
                }
                free
            }
            _ => false,
        };
        if keep {
            matches.push(m);
        }
    }
    matches.sort_by_key(|m| (m.start, m.end));
}
