//! The per-thread scanner: prefilter, windowed regex, then the secret filters.

use super::decode::{self, Encoding, Trigger};
use super::engine::{Decoded, Engine, Match};
use super::prefilter::Hit;
use super::{concat, context, notebook, pem, placeholder, token_forms, validate};
use crate::rules::RuleSet;

/// Blobs up to this size run a triggered rule's regex over the whole blob: windowing
/// would save nothing.
const WHOLE_BLOB_LIMIT: usize = 64 * 1024;
/// Bytes before a keyword that a rule's regex may need (context such as `api_key = `).
const WINDOW_BEFORE: usize = 1024;
/// Bytes after a keyword that a rule's regex may need (a PEM block is a few KiB).
const WINDOW_AFTER: usize = 16 * 1024;
/// How far a window edge may move outwards to reach a line boundary.
const SNAP_LIMIT: usize = 4 * 1024;
/// How far past a window's end a match that runs into the edge may be re-examined.
const EDGE_EXTENSION: usize = 64 * 1024;
/// How many layers of encoding are peeled off (base64 holding percent-encoded text is
/// two).
const MAX_DECODE_DEPTH: u8 = 2;

/// Reusable per-thread state. Create one per worker with [`Engine::scanner`].
pub struct Scanner<'e> {
    engine: &'e Engine,
    hits: Vec<Hit>,
    windows: Vec<(u32, usize, usize)>,
    /// Per rule: the window being extended, in a large blob.
    open: Vec<Option<(usize, usize)>>,
    /// Per rule: already given a whole-blob window in this scan.
    triggered: Vec<bool>,
    /// Spans that a provider rule matched and then rejected.
    vetoes: std::cell::RefCell<Vec<std::ops::Range<usize>>>,
    /// Layers of encoding around the text this scanner reads (0 for a blob).
    depth: u8,
    /// Whether PEM blocks written in other shapes are reassembled (not in the text of
    /// one reassembled block, which is in canonical form already).
    reassemble: bool,
}

impl Engine {
    pub fn scanner(&self) -> Scanner<'_> {
        Scanner::new(self)
    }

    /// Convenience for one-off scans (tests, rule examples).
    pub fn scan_bytes(&self, hay: &[u8]) -> Vec<Match> {
        let mut out = Vec::new();
        self.scanner().scan(hay, &mut out);
        out
    }
}

impl<'e> Scanner<'e> {
    pub(super) fn new(engine: &'e Engine) -> Scanner<'e> {
        Scanner::at_depth(engine, 0)
    }

    fn at_depth(engine: &'e Engine, depth: u8) -> Scanner<'e> {
        Scanner {
            engine,
            hits: Vec::new(),
            windows: Vec::new(),
            open: Vec::new(),
            triggered: Vec::new(),
            vetoes: std::cell::RefCell::new(Vec::new()),
            depth,
            reassemble: true,
        }
    }

    /// Appends the secrets found in `hay` to `out`, ordered by rule, then position.
    pub fn scan(&mut self, hay: &[u8], out: &mut Vec<Match>) {
        self.hits.clear();
        self.engine.prefilter.find(hay, &mut self.hits);
        if self.hits.is_empty() {
            return;
        }
        self.vetoes.borrow_mut().clear();
        let first_new = out.len();
        self.windows.clear();
        let rules = &self.engine.rules;
        if hay.len() <= WHOLE_BLOB_LIMIT {
            // Small blobs: each triggered rule runs once over the whole blob.
            self.triggered.clear();
            self.triggered.resize(self.engine.rules.len(), false);
            for hit in &self.hits {
                for &rule in self.engine.prefilter.rules_of(hit.pattern) {
                    if rules.get(rule as usize).def.line_scoped {
                        let (s, e) = line_of(hay, hit.start, hit.end);
                        self.windows.push((rule, s, e));
                    } else if !std::mem::replace(&mut self.triggered[rule as usize], true) {
                        self.windows.push((rule, 0, hay.len()));
                    }
                }
            }
        } else {
            // Hits come in text order, so each rule's windows mostly extend the one
            // before: merge them as they come, keeping memory proportional to the
            // separate windows, not to the hits (a minified file can have millions).
            self.open.clear();
            self.open.resize(self.engine.rules.len(), None);
            for hit in &self.hits {
                let wide = window(hay, hit.start, hit.end);
                for &rule in self.engine.prefilter.rules_of(hit.pattern) {
                    let (start, end) = if rules.get(rule as usize).def.line_scoped {
                        line_of(hay, hit.start, hit.end)
                    } else {
                        wide
                    };
                    let open = &mut self.open[rule as usize];
                    match open {
                        Some((s, e)) if *s <= start && start <= *e => *e = (*e).max(end),
                        _ => {
                            if let Some((s, e)) = open.replace((start, end)) {
                                self.windows.push((rule, s, e));
                            }
                        }
                    }
                }
            }
            for (rule, open) in self.open.iter().enumerate() {
                if let Some((s, e)) = *open {
                    self.windows.push((rule as u32, s, e));
                }
            }
        }
        self.windows.sort_unstable();
        // Merge each rule's overlapping windows and scan every merged run once.
        let (mut i, mut covered_rule, mut covered) = (0, u32::MAX, 0);
        while i < self.windows.len() {
            let (rule, start, mut end) = self.windows[i];
            i += 1;
            while let Some(&(r, s, e)) = self.windows.get(i) {
                if r != rule || s > end {
                    break;
                }
                end = end.max(e);
                i += 1;
            }
            if rule != covered_rule {
                (covered_rule, covered) = (rule, 0);
            }
            covered = self.run_rule(rule, hay, start, end, covered, out);
        }
        let mut vetoes = self.vetoes.borrow_mut();
        if !vetoes.is_empty() {
            drop_generic_within(
                &self.engine.rules,
                out,
                first_new,
                vetoes.drain(..).collect(),
            );
        }
        drop(vetoes);
        if self.reassemble {
            self.scan_pem_blocks(hay, first_new, out);
        }
        if self.depth == 0 && self.reassemble {
            self.scan_joined(hay, first_new, out);
            if notebook::is_notebook(hay) {
                self.scan_notebook(hay, first_new, out);
            }
        }
        if self.depth < MAX_DECODE_DEPTH {
            self.scan_encoded(hay, out);
        }
        if self.depth == 0 && self.context_may_help() {
            self.scan_context(hay, first_new, out);
        }
    }

    /// Whether the context view can find anything the text as written did not: a view
    /// line joins a name to a value, so what it adds are matches that need the name,
    /// the generic rules' (their keywords are secret words that the name holds, so the
    /// text has them too) and provider rules named by a section (the view triggers,
    /// `app_key` …). A text whose keywords are only provider prefixes (`ghp_`, `://`)
    /// has nothing to gain: their matches lie in the value, which the view copies.
    fn context_may_help(&self) -> bool {
        let prefilter = &self.engine.prefilter;
        let rules = &self.engine.rules;
        self.hits.iter().any(|h| {
            prefilter.triggers_of(h.pattern).contains(&Trigger::Context)
                || prefilter
                    .rules_of(h.pattern)
                    .iter()
                    .any(|&r| rules.get(r as usize).is_generic())
        })
    }

    /// Runs the rules over the context view of `hay` (values whose name is elsewhere:
    /// an enclosing key, a sibling key, a lookup's default; see [`context`]) and
    /// reports what they find at the values as written. The view is scanned once, by
    /// a scanner that neither decodes nor builds views of its own.
    fn scan_context(&self, hay: &[u8], first_new: usize, out: &mut Vec<Match>) {
        let prefilter = &self.engine.prefilter;
        let mut marks: Vec<usize> = self
            .hits
            .iter()
            .filter(|h| {
                prefilter
                    .triggers_of(h.pattern)
                    .contains(&Trigger::LineMark)
            })
            .map(|h| h.start)
            .collect();
        marks.sort_unstable();
        let view = context::build(hay, &marks);
        if view.placed.is_empty() {
            return;
        }
        let rules = &self.engine.rules;
        // What the text as written gave: a view's match of the same span adds nothing,
        // unless a provider rule names what only a generic rule found.
        let mut direct: std::collections::HashMap<(usize, usize), bool> =
            std::collections::HashMap::new();
        for m in &out[first_new..] {
            *direct.entry((m.start, m.end)).or_default() |= !rules.get(m.rule).is_generic();
        }
        let mut child = Scanner::at_depth(self.engine, MAX_DECODE_DEPTH);
        child.reassemble = false;
        let mut found = Vec::new();
        child.scan(&view.text, &mut found);
        for m in found {
            let i = view.placed.partition_point(|p| p.hi <= m.start);
            let Some(p) = view.placed.get(i) else {
                continue;
            };
            let generic = rules.get(m.rule).is_generic();
            if m.start < p.lo || m.end > p.hi || (!p.generic && generic) {
                continue;
            }
            let (start, end) = (p.origin + (m.start - p.lo), p.origin + (m.end - p.lo));
            if direct
                .get(&(start, end))
                .is_some_and(|&provider| provider || generic)
            {
                continue;
            }
            out.push(Match {
                rule: m.rule,
                start,
                end,
                decoded: m.decoded,
            });
        }
    }

    /// The encoded runs that the trigger hits of the last prefilter pass point at,
    /// sorted and without duplicates. A hit inside the run found for the hit before it
    /// (every `%3A%2F%2F` of one long percent-encoded line) is not followed again, so
    /// finding the runs costs each byte a bounded number of looks.
    fn encoded_runs(&self, hay: &[u8]) -> Vec<(std::ops::Range<usize>, Encoding)> {
        let mut runs = Vec::new();
        let mut kubernetes_done = false;
        let (mut last_base64, mut last_percent, mut last_hex) = (0..0, 0..0, 0..0);
        let inside =
            |r: &std::ops::Range<usize>, hit: &Hit| r.start <= hit.start && hit.end <= r.end;
        for hit in &self.hits {
            for &trigger in self.engine.prefilter.triggers_of(hit.pattern) {
                match trigger {
                    Trigger::Base64After => {
                        runs.push((decode::base64_run_from(hay, hit.end), Encoding::Base64))
                    }
                    Trigger::Base64Around if inside(&last_base64, hit) => {}
                    Trigger::Base64Around => {
                        last_base64 = decode::base64_run_around(hay, hit.start..hit.end);
                        runs.push((last_base64.clone(), Encoding::Base64));
                    }
                    Trigger::Base64Start
                        if hit.start == 0 || !decode::is_base64_byte(hay[hit.start - 1]) =>
                    {
                        runs.push((decode::base64_run_from(hay, hit.start), Encoding::Base64))
                    }
                    Trigger::Base64Start => {}
                    Trigger::HexAround if inside(&last_hex, hit) => {}
                    Trigger::HexAround => {
                        last_hex = token_forms::hex_run_around(hay, hit.start..hit.end);
                        runs.push((last_hex.clone(), Encoding::Hex));
                    }
                    Trigger::PercentAround if inside(&last_percent, hit) => {}
                    Trigger::PercentAround => {
                        last_percent = decode::percent_run_around(hay, hit.start..hit.end);
                        runs.push((last_percent.clone(), Encoding::Percent));
                    }
                    Trigger::KubernetesSecret if !kubernetes_done => {
                        kubernetes_done = true;
                        // A manifest's data follows its `kind` within a few KiB; a huge
                        // file is only read near the trigger.
                        let lo = hit.start.saturating_sub(WINDOW_AFTER);
                        let hi = (hit.end + decode::MAX_RUN).min(hay.len());
                        for r in decode::kubernetes_data_values(&hay[lo..hi]) {
                            runs.push((lo + r.start..lo + r.end, Encoding::Base64));
                        }
                    }
                    Trigger::KubernetesSecret | Trigger::Context | Trigger::LineMark => {}
                }
            }
        }
        runs.sort_by_key(|(r, e)| (r.start, r.end, *e));
        runs.dedup();
        runs
    }

    /// Decodes the encoded runs that triggers point at and scans each run's line with
    /// the decoded text in its place; secrets found in the decoded text are reported
    /// at the encoded run.
    ///
    /// The work is linear in the input: each run is decoded once, and the lines around
    /// the runs are scanned once, with every run on them decoded in place (a line with
    /// 20,000 encoded URLs is one child scan, not 20,000). Runs that overlap one another
    /// (a base64 run inside a percent-encoded one) go to separate passes; the runs of
    /// one kind never overlap, so there are at most a few passes.
    fn scan_encoded(&self, hay: &[u8], out: &mut Vec<Match>) {
        let mut pending = self.encoded_runs(hay);
        if pending.is_empty() {
            return;
        }
        let mut child: Option<Scanner<'e>> = None;
        let mut text = Vec::new();
        // Per decoded run in `text`: where its decoded text lies there, the encoded
        // run's span in `hay`, and its encoding.
        let mut placed: Vec<(usize, usize, std::ops::Range<usize>, Encoding)> = Vec::new();
        let mut found = Vec::new();
        while !pending.is_empty() {
            // One pass: the runs that do not overlap an earlier one of this pass.
            let mut batch = Vec::new();
            let mut later = Vec::new();
            let mut reach = 0;
            for (run, encoding) in pending {
                if run.start < reach {
                    later.push((run, encoding));
                } else {
                    reach = run.end;
                    batch.push((run, encoding));
                }
            }
            pending = later;
            text.clear();
            placed.clear();
            // `copied`: how far `hay` has been copied into `text`; `seg_end`: the end
            // of the context of the current segment.
            let (mut copied, mut seg_end) = (0usize, 0usize);
            for (run, encoding) in batch {
                let encoded = &hay[run.clone()];
                let decoded = match encoding {
                    Encoding::Base64 => decode::decode_base64_text(encoded),
                    Encoding::Percent => decode::decode_percent_text(encoded),
                    Encoding::Hex => token_forms::decode_hex_text(encoded),
                };
                let Some(decoded) = decoded else { continue };
                let (line_start, line_end) = line_of(hay, run.start, run.end);
                if text.is_empty() || line_start > seg_end {
                    // A new segment: close the last one, start this one's context.
                    if !text.is_empty() {
                        text.extend_from_slice(&hay[copied..seg_end]);
                        text.push(b'\n');
                    }
                    copied = line_start;
                }
                text.extend_from_slice(&hay[copied..run.start]);
                let lo = text.len();
                text.extend_from_slice(&decoded);
                placed.push((lo, text.len(), run.clone(), encoding));
                copied = run.end;
                seg_end = seg_end.max(line_end).max(run.end);
            }
            if placed.is_empty() {
                continue;
            }
            text.extend_from_slice(&hay[copied..seg_end.max(copied)]);
            let child = child.get_or_insert_with(|| Scanner::at_depth(self.engine, self.depth + 1));
            found.clear();
            child.scan(&text, &mut found);
            for m in found.drain(..) {
                // The first decoded run the match touches; a match outside every one
                // is plain text, reported by the scan of the blob itself.
                let i = placed.partition_point(|p| p.1 <= m.start);
                let Some((lo, hi, run, encoding)) = placed.get(i) else {
                    continue;
                };
                let (lo, hi) = (*lo, *hi);
                if m.end <= lo || m.start >= hi {
                    continue;
                }
                let (secret, mut encodings) = match m.decoded {
                    Some(d) => (d.secret, d.encodings),
                    None => (text[m.start..m.end].to_vec(), Vec::new()),
                };
                encodings.insert(0, *encoding);
                let inner = (m.start.max(lo) - lo, m.end.min(hi) - lo);
                out.push(Match {
                    rule: m.rule,
                    start: run.start,
                    end: run.end,
                    decoded: Some(Box::new(Decoded {
                        secret,
                        encodings,
                        inner: Some(inner),
                    })),
                });
            }
        }
    }

    /// Values split into string literals over several lines (see [`concat`]): each
    /// chain of joined literals is scanned with the joins cut out, and a provider
    /// rule's match that crosses a join is reported at the literals as written. A
    /// match of the same rule already made there stands; a generic match inside the
    /// joined value gives way to the provider's.
    fn scan_joined(&self, hay: &[u8], first_new: usize, out: &mut Vec<Match>) {
        let segments = concat::joined_segments(hay);
        if segments.is_empty() {
            return;
        }
        let mut child = Scanner::at_depth(self.engine, MAX_DECODE_DEPTH);
        child.reassemble = false;
        let rules = &self.engine.rules;
        let mut found = Vec::new();
        let mut joined: Vec<Match> = Vec::new();
        for seg in &segments {
            found.clear();
            child.scan(&seg.text, &mut found);
            for m in found.drain(..) {
                // A secret-named value split over lines is judged whole, as written
                // on one line; a generic match that crosses no join was found as
                // written. A provider's match may lie in one piece and need another
                // for its context (`Server=…;"` then `"Pwd={…}"`); where the text as
                // written gave it already, it is dropped below.
                if rules.get(m.rule).is_generic() && !seg.crosses(m.start..m.end) {
                    continue;
                }
                // Pieces assembled from earlier assignments may lie in any order.
                let (a, b) = (seg.origin(m.start), seg.origin(m.end - 1) + 1);
                let (start, end) = (a.min(b - 1), b.max(a + 1));
                let secret = match m.decoded {
                    Some(d) => d.secret,
                    None => seg.text[m.start..m.end].to_vec(),
                };
                joined.push(Match {
                    rule: m.rule,
                    start,
                    end,
                    decoded: Some(Box::new(Decoded {
                        secret,
                        encodings: Vec::new(),
                        inner: None,
                    })),
                });
            }
        }
        if joined.is_empty() {
            return;
        }
        // Both checks by binary search, so a file of many split values stays linear.
        let made = made_spans(&out[first_new..]);
        joined.retain(|j| !overlaps_made(&made, j.rule, j.start, j.end));
        let spans = joined.iter().map(|j| j.start..j.end).collect();
        drop_generic_within(rules, out, first_new, spans);
        out.extend(joined);
    }

    /// Runs the rules over the notebook `hay`'s lines with their escaped quotes read as
    /// quotes (see [`notebook`]) and reports what they find there, and not in the text
    /// as written, at the bytes as written.
    fn scan_notebook(&self, hay: &[u8], first_new: usize, out: &mut Vec<Match>) {
        let Some(view) = notebook::unescaped(hay) else {
            return;
        };
        // At depth 0, so the view's values are decoded and given their context too; not
        // reassembling, so the view builds no views of the same kind.
        let mut child = Scanner::at_depth(self.engine, 0);
        child.reassemble = false;
        let mut found = Vec::new();
        child.scan(&view.text, &mut found);
        if found.is_empty() {
            return;
        }
        let made = made_spans(&out[first_new..]);
        for m in found {
            let (start, end) = (view.origin(m.start), view.origin(m.end - 1) + 1);
            if overlaps_made(&made, m.rule, start, end) {
                continue;
            }
            // A secret that held an escape is reported as the view reads it.
            let decoded = m.decoded.or_else(|| {
                (end - start != m.end - m.start).then(|| {
                    Box::new(Decoded {
                        secret: view.text[m.start..m.end].to_vec(),
                        encodings: Vec::new(),
                        inner: None,
                    })
                })
            });
            out.push(Match {
                rule: m.rule,
                start,
                end,
                decoded,
            });
        }
    }

    /// Private keys written as code writes them (string literals joined line by line,
    /// deep indentation, comment leaders, header lines): each block that a
    /// `BEGIN … PRIVATE KEY` hit starts is reassembled into canonical PEM text, and
    /// where that differs from the text as written, the rules judge the canonical text
    /// instead and their matches replace those made on the written text inside the
    /// block. The secret is then the canonical block, the same however the key is
    /// written; the finding spans the block as written.
    fn scan_pem_blocks(&self, hay: &[u8], first_new: usize, out: &mut Vec<Match>) {
        let mut reach = 0;
        let mut child: Option<Scanner<'e>> = None;
        let mut found = Vec::new();
        let mut reassembled: Vec<Match> = Vec::new();
        for hit in &self.hits {
            if hit.start < reach {
                continue;
            }
            let Some(at) = pem::marker_at(hay, hit.start) else {
                continue;
            };
            let block = match pem::reassemble(hay, at) {
                Ok(block) => block,
                Err(resume) => {
                    reach = resume.max(hit.end);
                    continue;
                }
            };
            reach = block.span.end;
            if hay[block.span.clone()] == block.text[..] {
                continue;
            }
            let child = child.get_or_insert_with(|| {
                let mut c = Scanner::at_depth(self.engine, self.depth);
                c.reassemble = false;
                c
            });
            found.clear();
            child.scan(&block.text, &mut found);
            for m in found.drain(..) {
                reassembled.push(Match {
                    rule: m.rule,
                    start: block.span.start,
                    end: block.span.end,
                    decoded: Some(Box::new(Decoded {
                        secret: block.text[m.start..m.end].to_vec(),
                        encodings: Vec::new(),
                        inner: None,
                    })),
                });
            }
        }
        if reassembled.is_empty() {
            return;
        }
        // Spans of reassembled blocks are disjoint and in order: a binary search finds
        // the block a match made on the written text lies in. Only the same rule's
        // match is replaced; another rule's (a service-account key around the block)
        // stands.
        let replaced = |m: &Match| {
            let i = reassembled.partition_point(|r| r.end <= m.start);
            reassembled[i..]
                .iter()
                .take_while(|r| r.start <= m.start)
                .any(|r| m.end <= r.end && r.rule == m.rule)
        };
        let mut written = out.split_off(first_new);
        written.retain(|m| m.decoded.is_some() || !replaced(m));
        out.extend(written);
        out.extend(reassembled);
    }

    /// Runs one rule's regex over `hay[start..end]` (with the bytes before `start` as
    /// context for `\b`), skipping matches that begin before `covered`. Returns the
    /// end of the last match, so the next window of the same rule does not report it
    /// again.
    fn run_rule(
        &self,
        rule_idx: u32,
        hay: &[u8],
        start: usize,
        end: usize,
        mut covered: usize,
        out: &mut Vec<Match>,
    ) -> usize {
        let rule = self.engine.rules.get(rule_idx as usize);
        let Ok(re) = rule.regex() else {
            // Rules are compiled and checked when loaded; a failure here was reported.
            return covered;
        };
        let mut pos = start.max(covered);
        while pos < end {
            let Some(mut caps) = re.captures_at(&hay[..end], pos) else {
                break;
            };
            let whole = caps.get(0).map_or(pos..pos, |m| m.range());
            if whole.end == end && end < hay.len() && !is_line_end(hay, end) {
                // The match runs into an artificial window edge: look again with the
                // bytes that follow, so a secret cut by the window is read whole.
                let wider = (end + EDGE_EXTENSION).min(hay.len());
                if let Some(c) = re.captures_at(&hay[..wider], whole.start) {
                    caps = c;
                }
            }
            let whole = caps.get(0).map_or(pos..pos, |m| m.range());
            let mut secret = caps.name("secret").map_or(whole.clone(), |m| m.range());
            // A secret-named query parameter (`?api_key=…&format=json`): its value ends
            // at the next `&`.
            if let Some(name) = caps.name("name")
                && rule.is_generic()
                && name.start() > 0
                && matches!(hay[name.start() - 1], b'?' | b'&')
                && let Some(amp) = memchr::memchr(b'&', &hay[secret.clone()])
            {
                secret.end = secret.start + amp;
            }
            pos = if whole.end > whole.start {
                whole.end
            } else {
                whole.start + 1
            };
            covered = covered.max(whole.end);
            let groups = validate::Groups {
                host: caps.name("host").map(|m| m.as_bytes()),
                user: caps.name("user").map(|m| m.as_bytes()),
                name: caps.name("name").map(|m| m.as_bytes()),
                quote: caps.name("quote").map(|m| m.as_bytes()),
                text: hay,
                span: (whole.start, whole.end),
            };
            let raw = &hay[secret.clone()];
            // Rules whose value is encoded (a Kubernetes `data:` value, an HTTP Basic
            // header) judge and report the decoded secret.
            let decoded = rule
                .def
                .validate
                .and_then(|v| validate::decoded_secret(v, raw));
            let judged = decoded.as_deref().unwrap_or(raw);
            let owned_elsewhere = rule.is_generic() && self.engine.has_provider_prefix(judged);
            if !owned_elsewhere && accept(rule, raw, judged, groups) {
                out.push(Match {
                    rule: rule_idx as usize,
                    start: secret.start,
                    end: secret.end,
                    decoded: decoded.map(|secret| {
                        Box::new(Decoded {
                            secret,
                            encodings: vec![Encoding::Base64],
                            inner: None,
                        })
                    }),
                });
            } else if !rule.is_generic() {
                // A provider rule recognised this format and found it invalid (a bad
                // checksum, a documented example): generic rules must not report it.
                self.vetoes.borrow_mut().push(secret.clone());
            }
        }
        covered
    }
}

/// Drops the generic rules' matches in `out[first_new..]` that overlap one of `spans`
/// (a provider's match, a veto). The spans are merged into disjoint sorted ones first,
/// so each match costs one binary search, not a look at every span.
fn drop_generic_within(
    rules: &RuleSet,
    out: &mut Vec<Match>,
    first_new: usize,
    mut spans: Vec<std::ops::Range<usize>>,
) {
    spans.sort_unstable_by_key(|v| (v.start, v.end));
    let mut merged: Vec<std::ops::Range<usize>> = Vec::with_capacity(spans.len());
    for v in spans {
        match merged.last_mut() {
            Some(last) if v.start <= last.end => last.end = last.end.max(v.end),
            _ => merged.push(v),
        }
    }
    let mut found = out.split_off(first_new);
    found.retain(|m| {
        let i = merged.partition_point(|v| v.end <= m.start);
        let inside = merged
            .get(i)
            .is_some_and(|v| m.start < v.end && v.start < m.end);
        !(rules.get(m.rule).is_generic() && inside)
    });
    out.extend(found);
}

/// The (rule, start, end) of `matches`, sorted, for [`overlaps_made`].
fn made_spans(matches: &[Match]) -> Vec<(usize, usize, usize)> {
    let mut made: Vec<(usize, usize, usize)> =
        matches.iter().map(|m| (m.rule, m.start, m.end)).collect();
    made.sort_unstable();
    made
}

/// Whether a match of `rule` over `start..end` overlaps one of the same rule in `made`
/// (sorted, non-overlapping per rule): one binary search.
fn overlaps_made(made: &[(usize, usize, usize)], rule: usize, start: usize, end: usize) -> bool {
    let i = made.partition_point(|&(r, s, _)| (r, s) < (rule, start));
    let near = i.saturating_sub(1)..(i + 1).min(made.len());
    made[near]
        .iter()
        .any(|&(r, s, e)| r == rule && s < end && start < e)
}

/// The filters every candidate secret passes: validator (on the text as found), then
/// entropy and placeholders (on the secret itself, decoded if the rule decodes).
fn accept(
    rule: &crate::rules::Rule,
    raw: &[u8],
    secret: &[u8],
    groups: validate::Groups<'_>,
) -> bool {
    rule.def
        .validate
        .is_none_or(|v| validate::validate(v, raw, groups))
        && rule
            .def
            .entropy
            .is_none_or(|min| entropy::shannon_entropy(secret) >= min)
        && !placeholder::is_placeholder(secret)
}

fn is_line_end(hay: &[u8], at: usize) -> bool {
    matches!(hay.get(at), Some(b'\n') | Some(b'\r'))
}

/// The line holding a keyword hit (at most `WINDOW_BEFORE` bytes before it and
/// `SNAP_LIMIT` after it, so one huge line stays cheap).
fn line_of(hay: &[u8], hit_start: usize, hit_end: usize) -> (usize, usize) {
    let lo = hit_start.saturating_sub(WINDOW_BEFORE);
    let start = memchr::memrchr(b'\n', &hay[lo..hit_start]).map_or(lo, |i| lo + i + 1);
    let hi = (hit_end + SNAP_LIMIT).min(hay.len());
    let end = memchr::memchr(b'\n', &hay[hit_end..hi]).map_or(hi, |i| hit_end + i);
    (start, end)
}

/// The window around a keyword hit, widened to whole lines where lines are short.
fn window(hay: &[u8], hit_start: usize, hit_end: usize) -> (usize, usize) {
    let lo = hit_start.saturating_sub(WINDOW_BEFORE);
    let hi = (hit_end + WINDOW_AFTER).min(hay.len());
    let snap_lo = lo.saturating_sub(SNAP_LIMIT);
    let start = match memchr::memrchr(b'\n', &hay[snap_lo..lo]) {
        Some(i) => snap_lo + i + 1,
        None if snap_lo == 0 => 0,
        None => lo,
    };
    let snap_hi = (hi + SNAP_LIMIT).min(hay.len());
    let end = match memchr::memchr(b'\n', &hay[hi..snap_hi]) {
        Some(i) => hi + i,
        None if snap_hi == hay.len() => hay.len(),
        None => hi,
    };
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::Engine;
    use crate::rules::{Rule, RuleSet, Validator};

    fn engine(
        regex: &str,
        keyword: &str,
        entropy: Option<f32>,
        validate: Option<Validator>,
    ) -> Engine {
        let mut rule = Rule::for_test("t", regex, &[keyword]);
        rule.def.entropy = entropy;
        rule.def.validate = validate;
        let mut set = RuleSet::empty();
        set.push(rule);
        Engine::new(set)
    }

    fn secrets(e: &Engine, hay: &[u8]) -> Vec<String> {
        e.scan_bytes(hay)
            .iter()
            .map(|m| String::from_utf8_lossy(&hay[m.start..m.end]).into_owned())
            .collect()
    }

    #[test]
    fn window_snaps_to_lines() {
        let mut hay = vec![b'a'; 100];
        hay[10] = b'\n';
        hay[90] = b'\n';
        assert_eq!(window(&hay, 50, 54), (0, 100));
        let big = vec![b'x'; 200_000];
        let (s, e) = window(&big, 100_000, 100_004);
        assert_eq!(s, 100_000 - WINDOW_BEFORE);
        assert_eq!(e, 100_004 + WINDOW_AFTER);
    }

    #[test]
    fn entropy_floor_rejects_low_entropy_secrets() {
        let e = engine(r"key=(?P<secret>[a-z0-9]{16})", "key=", Some(3.5), None);
        assert_eq!(secrets(&e, b"key=q8w7e6r5t4y3u2i1"), ["q8w7e6r5t4y3u2i1"]);
        assert!(secrets(&e, b"key=abababababababab").is_empty());
    }

    #[test]
    fn validator_rejects_bad_checksums() {
        let e = engine(
            r"(?P<secret>ghp_[A-Za-z0-9]{36})",
            "ghp_",
            None,
            Some(Validator::Crc32Base62),
        );
        let good = crate::detect::checksum::with_crc32_base62("ghp_R7wq2mZkT9vLx4NbQe8sYc1HdJ0aFu");
        let mut bad = good.clone();
        bad.replace_range(4..5, "S");
        let hay = format!("{good}\n{bad}\n");
        assert_eq!(secrets(&e, hay.as_bytes()), [good]);
    }

    #[test]
    fn generic_rules_yield_to_provider_rules() {
        let set = RuleSet::builtin();
        let engine = Engine::new(set);
        let ids = |hay: &[u8]| -> Vec<String> {
            let mut ms = engine.scan_bytes(hay);
            ms.sort();
            ms.iter()
                .map(|m| engine.rules().get(m.rule).id().to_string())
                .collect()
        };
        // A GitHub token with a bad checksum under a secret-sounding name: the provider
        // rule knows it is not a token, so the generic rule stays quiet.
        let good = crate::detect::checksum::with_crc32_base62("ghp_R7wq2mZkT9vLx4NbQe8sYc1HdJ0aFu");
        let mut bad = good.clone();
        bad.replace_range(4..5, "S");
        assert!(ids(format!("GITHUB_TOKEN = \"{bad}\"\n").as_bytes()).is_empty());
        // A value in a provider's format but the wrong length: that provider's rule
        // owns the format, so the generic rule does not report it either.
        assert!(ids(b"SENTRY_TOKEN = \"sntryu_9f2c4e7a1b8d3f6a0c5e9b2d7f4a1c8e\"\n").is_empty());
        assert!(
            ids(format!("GITHUB_TOKEN = \"{good}\"\n").as_bytes())
                .contains(&"github-pat-classic".to_string())
        );
    }

    #[test]
    fn big_blobs_find_secrets_far_from_the_start_and_each_once() {
        let e = engine(r"\b(?P<secret>tok_[a-z0-9]{20})\b", "tok_", None, None);
        let mut hay = "filler line of ordinary code\n".repeat(20_000).into_bytes();
        hay.extend(b"a = tok_q8w7e6r5t4y3u2i1o9p8\n");
        hay.extend("more filler\n".repeat(20_000).into_bytes());
        hay.extend(b"b = tok_z9x8c7v6b5n4m3l2k1j9\n");
        assert_eq!(
            secrets(&e, &hay),
            ["tok_q8w7e6r5t4y3u2i1o9p8", "tok_z9x8c7v6b5n4m3l2k1j9"]
        );
    }

    #[test]
    fn secret_cut_by_an_artificial_window_edge_is_read_whole() {
        // One huge line, so windows cannot snap to a line end; the secret straddles the
        // window end computed from the keyword hit, and the truncated text would
        // already match a shorter secret.
        let e = engine(
            r"begin[ ]{0,20000}(?P<secret>S[a-z0-9]{20,80})",
            "begin",
            None,
            None,
        );
        let mut hay = vec![b'.'; 100_000];
        hay.extend(b"begin");
        hay.extend(vec![b' '; WINDOW_AFTER - 30]);
        let secret = "Sq8w7e6r5t4y3u2i1o9p8z9x8c7v6b5n4m3l2k1j9h8g7f6d5s4a3p0o9i8u7y6";
        hay.extend(secret.as_bytes());
        hay.extend(vec![b'.'; 100_000]);
        assert_eq!(secrets(&e, &hay), [secret]);
    }

    #[test]
    fn encoded_layers_are_peeled_to_a_fixed_depth() {
        use base64::Engine as _;
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        let engine = Engine::new(RuleSet::builtin());
        let url = "postgres%3A%2F%2Fapp%3AZq7vN2kLpX9wR4tF%40db.prod.internal%2Forders";
        // base64 of percent-encoded text: two layers, both named, outermost first.
        let two = format!(
            "x = \"data:text/plain;base64,{}\"\n",
            b64(&format!("u={url}"))
        );
        let found = engine.scan_bytes(two.as_bytes());
        let d = found
            .iter()
            .find_map(|m| m.decoded.as_ref())
            .expect("found through two layers");
        assert_eq!(d.secret, b"Zq7vN2kLpX9wR4tF");
        assert_eq!(d.encodings, [Encoding::Base64, Encoding::Percent]);
        // A third layer is not peeled.
        let inner = format!("data:text/plain;base64,{}", b64(&format!("u={url}")));
        let three = format!("x = \"data:text/plain;base64,{}\"\n", b64(&inner));
        assert!(engine.scan_bytes(three.as_bytes()).is_empty());
    }

    #[test]
    fn reassembled_keys_replace_their_own_rule_only_and_markers_are_read_once() {
        let engine = Engine::new(RuleSet::builtin());
        let id = |m: &Match| engine.rules().get(m.rule).id().to_string();
        // A service-account key holds its PEM block with `\n` escapes: the block is
        // rebuilt for the PKCS#8 rule, and the service-account rule's own match of the
        // same text stands.
        let sa = (0..engine.rules().len())
            .map(|i| engine.rules().get(i))
            .find(|r| r.id() == "google-service-account-key")
            .expect("rule");
        let found = engine.scan_bytes(sa.def.examples[0].as_bytes());
        let ids: Vec<String> = found.iter().map(id).collect();
        assert!(
            ids.contains(&"google-service-account-key".to_string()),
            "{ids:?}"
        );
        let pkcs8: Vec<&Match> = found
            .iter()
            .filter(|m| id(m) == "private-key-pkcs8")
            .collect();
        assert_eq!(pkcs8.len(), 1, "{ids:?}");
        let rebuilt = &pkcs8[0].decoded.as_ref().expect("rebuilt").secret;
        assert!(rebuilt.starts_with(b"-----BEGIN PRIVATE KEY-----\n"));
        assert!(!rebuilt.contains(&b'\\'));
        // Many markers on one line with no block after them, then one key split into
        // literals: found once.
        let key = "\"-----BEGIN EC PRIVATE KEY-----\\n\" +\n\
            \"MHcCAQEEIEA0oQv+v0eKFNcIjdx3M0nl6YrcxzbZnLka1gixK1FOoAoGCCqGSM49\\n\" +\n\
            \"AwEHoUQDQgAE0l6YlMI1a2aGmL3Df3RFnfFbAF/Y4LP5k0xmGM01SGDm+fflCnAS\\n\" +\n\
            \"TPFtlUzrwZUhwnc1urxIJKCCZC2Yw2elEQ==\\n\" +\n\
            \"-----END EC PRIVATE KEY-----\\n\"";
        let hay = format!(
            "m = {}\nk = {key};\n",
            "-----BEGIN EC PRIVATE KEY-----AB ".repeat(20_000)
        );
        let found = engine.scan_bytes(hay.as_bytes());
        assert_eq!(found.iter().map(id).collect::<Vec<_>>(), ["private-key-ec"]);
        assert_eq!(&hay[found[0].start..found[0].start + 10], "-----BEGIN");
        assert!(hay[..found[0].end].ends_with("-----END EC PRIVATE KEY-----"));
    }

    #[test]
    fn binary_payloads_and_stand_ins_stay_quiet() {
        let engine = Engine::new(RuleSet::builtin());
        // A data URL of a PNG header: decodes to binary, not scanned.
        let img = b"<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\">";
        assert!(engine.scan_bytes(img).is_empty());
        // A percent-encoded URL whose password is a stand-in.
        let url = b"next=postgres%3A%2F%2Fuser%3Apassword%40localhost%2Fdb\n";
        assert!(engine.scan_bytes(url).is_empty());
    }
}
