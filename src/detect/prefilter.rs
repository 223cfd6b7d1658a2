//! The keyword prefilter: one Aho-Corasick automaton over every rule's keywords.
//!
//! A scan makes one pass of this automaton over each blob; only rules whose keyword
//! occurs run their regex, and only near the keyword. Most blobs trigger no rule and
//! cost nothing more than this pass.

use aho_corasick::automaton::Automaton;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::dfa::DFA;
use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

use super::decode::{self, Trigger};
use crate::rules::RuleSet;

/// A keyword occurrence: which keyword pattern, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub pattern: u32,
    pub start: usize,
    pub end: usize,
}

/// Keywords longer than this are searched by their first bytes only: an occurrence of
/// the whole keyword implies one of its prefix, so no rule is missed, and the
/// automaton stays smaller (long keywords such as `begin openssh private key`
/// otherwise multiply its states). Shorter prefixes stop being specific
/// (`documents.azure.` → `document`), so 16 bytes are kept.
const MAX_KEYWORD_LEN: usize = 16;

pub struct Prefilter {
    /// The fast path: a DFA that reports every occurrence of every pattern (walked by
    /// [`Streams`]), built once a scan has read [`Prefilter::dfa_after`] bytes. Inside,
    /// `None` if it would grow past its size limit (many user keywords).
    dfa: OnceLock<Option<DFA>>,
    /// Bytes searched so far, and how many before the DFA is worth building: building
    /// it for some thousand patterns takes tens of milliseconds, more than a
    /// pre-commit run of a small change spends on its search.
    searched: AtomicUsize,
    dfa_after: usize,
    /// The longest pattern, in bytes.
    longest: usize,
    /// The general path: a leftmost-longest automaton, cheap to build, used until the
    /// DFA is (and when there is none).
    ac: Option<AhoCorasick>,
    /// Lowercased keyword text (at most `MAX_KEYWORD_LEN` bytes) per pattern id.
    keywords: Vec<Vec<u8>>,
    /// For each pattern, every rule whose keyword occurs wherever this pattern does:
    /// the rules of the keyword itself and of every keyword that is a substring of it.
    /// (Leftmost-longest matching reports the longest keyword at a position; the
    /// shorter ones inside it are implied.)
    rules_of: Vec<Vec<u32>>,
    /// For each pattern, the decoding triggers (see [`decode`]) it implies, found the
    /// same way as `rules_of`.
    triggers_of: Vec<Vec<Trigger>>,
    /// Patterns below this index come from rule keywords; the rest are triggers only.
    keyword_patterns: usize,
}

impl Prefilter {
    pub fn new(rules: &RuleSet) -> Prefilter {
        Prefilter::build(rules, LAZY_DFA_AFTER)
    }

    /// The prefilter, its DFA built after `dfa_after` bytes of search (`usize::MAX`:
    /// never, for tests that compare the two paths).
    fn build(rules: &RuleSet, dfa_after: usize) -> Prefilter {
        let mut keywords: Vec<Vec<u8>> = Vec::new();
        let mut direct: Vec<Vec<u32>> = Vec::new();
        for (ri, rule) in rules.rules().iter().enumerate() {
            for kw in &rule.def.keywords {
                let mut k = kw.as_bytes().to_ascii_lowercase();
                k.truncate(MAX_KEYWORD_LEN);
                if k.is_empty() {
                    continue;
                }
                let pi = match keywords.iter().position(|x| *x == k) {
                    Some(i) => i,
                    None => {
                        keywords.push(k);
                        direct.push(Vec::new());
                        keywords.len() - 1
                    }
                };
                if !direct[pi].contains(&(ri as u32)) {
                    direct[pi].push(ri as u32);
                }
            }
        }
        let keyword_patterns = keywords.len();
        let mut direct_triggers: Vec<Vec<Trigger>> = vec![Vec::new(); keywords.len()];
        let token_forms = super::token_forms::triggers(rules);
        let mut known: std::collections::HashMap<Vec<u8>, usize> = keywords
            .iter()
            .enumerate()
            .map(|(i, k)| (k.clone(), i))
            .collect();
        let line_marks =
            super::context::keyword_marks().map(|m| (m.as_bytes().to_vec(), Trigger::LineMark));
        for (lit, trigger) in decode::triggers()
            .into_iter()
            .chain(token_forms)
            .chain(line_marks)
        {
            let mut k = lit.to_ascii_lowercase();
            k.truncate(MAX_KEYWORD_LEN);
            let pi = match known.get(&k).copied() {
                Some(i) => i,
                None => {
                    known.insert(k.clone(), keywords.len());
                    keywords.push(k);
                    direct.push(Vec::new());
                    direct_triggers.push(Vec::new());
                    keywords.len() - 1
                }
            };
            if !direct_triggers[pi].contains(&trigger) {
                direct_triggers[pi].push(trigger);
            }
        }
        // Every substring of a pattern that is itself a pattern: found by looking each
        // substring up, which is linear in the patterns' total length.
        let index: std::collections::HashMap<&[u8], usize> = keywords
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_slice(), i))
            .collect();
        let mut rules_of = Vec::with_capacity(keywords.len());
        let mut triggers_of = Vec::with_capacity(keywords.len());
        for k in &keywords {
            let mut all: Vec<u32> = Vec::new();
            let mut trig: Vec<Trigger> = Vec::new();
            for start in 0..k.len() {
                for end in start + 1..=k.len() {
                    if let Some(&j) = index.get(&k[start..end]) {
                        all.extend(&direct[j]);
                        for &t in &direct_triggers[j] {
                            if !trig.contains(&t) {
                                trig.push(t);
                            }
                        }
                    }
                }
            }
            all.sort_unstable();
            all.dedup();
            rules_of.push(all);
            triggers_of.push(trig);
        }
        let longest = keywords.iter().map(Vec::len).max().unwrap_or(0);
        let ac = if keywords.is_empty() {
            None
        } else {
            let mut builder = AhoCorasickBuilder::new();
            builder
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest);
            // The contiguous NFA builds fastest; should it grow past its size limit,
            // let the crate pick.
            let built = builder
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&keywords)
                .or_else(|_| builder.kind(None).build(&keywords));
            // Invariant: without a size-limited kind, building fails only past 2^31
            // patterns or states, and keywords are short and counted in thousands.
            #[allow(clippy::expect_used)]
            Some(built.expect("keyword automaton builds"))
        };
        Prefilter {
            dfa: OnceLock::new(),
            searched: AtomicUsize::new(0),
            dfa_after,
            longest,
            ac,
            keywords,
            rules_of,
            triggers_of,
            keyword_patterns,
        }
    }

    /// Appends every keyword occurrence in `hay` to `hits`. Occurrences that start
    /// inside an earlier one are found too (the search resumes one byte after each
    /// match start), so no keyword is hidden by an overlapping one.
    pub fn find(&self, hay: &[u8], hits: &mut Vec<Hit>) {
        match self.dfa(hay.len()) {
            Some(dfa) => Streams {
                dfa,
                longest: self.longest,
            }
            .find(hay, hits),
            None => self.find_automaton(hay, hits),
        }
    }

    /// The DFA, once [`Prefilter::dfa_after`] bytes have been searched (counting this
    /// search of `len` bytes; the search that crosses the mark builds it, and searches
    /// on other threads at that moment wait for it).
    fn dfa(&self, len: usize) -> Option<&DFA> {
        if let Some(built) = self.dfa.get() {
            return built.as_ref();
        }
        if self.dfa_after == usize::MAX || self.keywords.is_empty() {
            return None;
        }
        let before = self.searched.fetch_add(len, Ordering::Relaxed);
        if before.saturating_add(len) < self.dfa_after {
            return None;
        }
        self.dfa
            .get_or_init(|| {
                aho_corasick::dfa::Builder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .start_kind(StartKind::Unanchored)
                    .prefilter(false)
                    .build(&self.keywords)
                    .ok()
            })
            .as_ref()
    }

    /// [`Prefilter::find`] by the general automaton: leftmost-longest, resumed one byte
    /// after each match start, which gives the longest pattern at every position where
    /// one starts.
    fn find_automaton(&self, hay: &[u8], hits: &mut Vec<Hit>) {
        let Some(ac) = &self.ac else { return };
        let mut pos = 0;
        while pos < hay.len() {
            let Some(m) = ac.find(Input::new(hay).range(pos..)) else {
                break;
            };
            hits.push(Hit {
                pattern: m.pattern().as_u32(),
                start: m.start(),
                end: m.end(),
            });
            pos = m.start() + 1;
        }
    }

    /// Rules triggered by an occurrence of `pattern`.
    pub(crate) fn rules_of(&self, pattern: u32) -> &[u32] {
        &self.rules_of[pattern as usize]
    }

    /// Decoding triggers implied by an occurrence of `pattern`.
    pub(crate) fn triggers_of(&self, pattern: u32) -> &[Trigger] {
        &self.triggers_of[pattern as usize]
    }

    /// Number of distinct rule keywords in the automaton (triggers not counted).
    pub fn keyword_count(&self) -> usize {
        self.keyword_patterns
    }

    /// The distinct lowercased rule keywords.
    pub fn keywords(&self) -> impl Iterator<Item = &[u8]> {
        self.keywords[..self.keyword_patterns]
            .iter()
            .map(Vec::as_slice)
    }
}

/// The fast path: the DFA walked over several parts of the haystack at once.
///
/// A DFA step is two dependent loads (the byte's class, then the next state), so one
/// walk waits on memory at every byte (about 2 ns a byte). Walks over different parts
/// of the haystack do not depend on each other: interleaved, [`STREAMS`] of them keep
/// the processor busy. Each walk owns the pattern starts in its part and reads on into
/// the next part by the longest pattern's length, so an occurrence across a boundary is
/// found by the walk where it starts. The DFA reports every occurrence of every
/// pattern; at each start the longest is kept, which is what the leftmost-longest
/// search resumed after each start gives.
struct Streams<'a> {
    dfa: &'a DFA,
    longest: usize,
}

/// Bytes searched before the DFA is built (see [`Prefilter::dfa`]): a pre-commit run
/// of an ordinary change searches less, a scan of a tree or a history much more.
const LAZY_DFA_AFTER: usize = 1 << 20;

/// Walks interleaved on a long enough haystack.
const STREAMS: usize = 4;
/// Below this length a haystack is walked in one part.
const MIN_SPLIT: usize = 1024;

impl Streams<'_> {
    fn find(&self, hay: &[u8], hits: &mut Vec<Hit>) {
        let first = hits.len();
        if hay.len() < MIN_SPLIT {
            self.walk(hay, 0, hay.len(), hay.len(), hits);
        } else {
            self.walk_interleaved(hay, hits);
        }
        let found = &mut hits[first..];
        found.sort_unstable_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        let mut kept = first;
        for i in first..hits.len() {
            if kept == first || hits[kept - 1].start != hits[i].start {
                hits[kept] = hits[i];
                kept += 1;
            }
        }
        hits.truncate(kept);
    }

    /// The occurrences ending at `end` (exclusive) in match state `sid` that start
    /// before `owned_end`.
    #[inline(never)]
    fn matched(
        &self,
        sid: aho_corasick::automaton::StateID,
        end: usize,
        owned_end: usize,
        hits: &mut Vec<Hit>,
    ) {
        for i in 0..self.dfa.match_len(sid) {
            let pattern = self.dfa.match_pattern(sid, i);
            let start = end - self.dfa.pattern_len(pattern);
            if start < owned_end {
                hits.push(Hit {
                    pattern: pattern.as_u32(),
                    start,
                    end,
                });
            }
        }
    }

    /// One walk from `from` to `to`, keeping occurrences that start before `owned_end`.
    fn walk(&self, hay: &[u8], from: usize, to: usize, owned_end: usize, hits: &mut Vec<Hit>) {
        let Ok(mut sid) = self.dfa.start_state(Anchored::No) else {
            return;
        };
        for (i, &b) in hay[from..to].iter().enumerate() {
            sid = self.dfa.next_state(Anchored::No, sid, b);
            if self.dfa.is_special(sid) {
                self.matched(sid, from + i + 1, owned_end, hits);
            }
        }
    }

    fn walk_interleaved(&self, hay: &[u8], hits: &mut Vec<Hit>) {
        let Ok(start) = self.dfa.start_state(Anchored::No) else {
            return;
        };
        let n = hay.len();
        let part = n.div_ceil(STREAMS);
        let overlap = self.longest.saturating_sub(1);
        // Every part but the last reads the same number of bytes (`part + overlap`,
        // within the haystack since parts are longer than patterns); the last reads to
        // the end. The common steps are interleaved, the last part's rest walked alone.
        let last_from = part * (STREAMS - 1);
        let steps = (part + overlap).min(n - last_from);
        let mut sids = [start; STREAMS];
        for step in 0..steps {
            for (k, sid) in sids.iter_mut().enumerate() {
                let at = k * part + step;
                *sid = self.dfa.next_state(Anchored::No, *sid, hay[at]);
                if self.dfa.is_special(*sid) {
                    self.matched(*sid, at + 1, (k + 1) * part, hits);
                }
            }
        }
        // What is left: the parts that read further than the last one (when it is
        // short), and the last part's rest.
        for (k, &sid) in sids.iter().enumerate() {
            let from = k * part + steps;
            let to = if k + 1 == STREAMS {
                n
            } else {
                (k * part + part + overlap).min(n)
            };
            let owned_end = ((k + 1) * part).min(n);
            let mut sid = sid;
            for (i, &b) in hay[from.min(to)..to].iter().enumerate() {
                sid = self.dfa.next_state(Anchored::No, sid, b);
                if self.dfa.is_special(sid) {
                    self.matched(sid, from + i + 1, owned_end, hits);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rule;

    fn rule(id: &str, keywords: &[&str]) -> Rule {
        Rule::for_test(id, "(?P<secret>x)", keywords)
    }

    fn triggered(pf: &Prefilter, hay: &[u8]) -> Vec<u32> {
        let mut hits = Vec::new();
        pf.find(hay, &mut hits);
        let mut out: Vec<u32> = hits
            .iter()
            .flat_map(|h| pf.rules_of(h.pattern).iter().copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn case_insensitive_and_every_rule_reported() {
        let mut set = RuleSet::empty();
        set.push(rule("a", &["ghp_"]));
        set.push(rule("b", &["AKIA"]));
        set.push(rule("c", &["token"]));
        let pf = Prefilter::new(&set);
        assert_eq!(triggered(&pf, b"x = GHP_abc and akia"), vec![0, 1]);
        assert_eq!(triggered(&pf, b"nothing here"), Vec::<u32>::new());
    }

    #[test]
    fn shorter_keyword_inside_longer_one_triggers_its_rule() {
        let mut set = RuleSet::empty();
        set.push(rule("long", &["xoxb-"]));
        set.push(rule("short", &["xox"]));
        let pf = Prefilter::new(&set);
        assert_eq!(triggered(&pf, b"xoxb-123"), vec![0, 1]);
    }

    #[test]
    fn overlapping_keywords_are_both_found() {
        let mut set = RuleSet::empty();
        set.push(rule("a", &["abc"]));
        set.push(rule("b", &["bcd"]));
        let pf = Prefilter::new(&set);
        assert_eq!(triggered(&pf, b"..abcd.."), vec![0, 1]);
    }

    #[test]
    fn long_keywords_are_searched_by_their_prefix() {
        let mut set = RuleSet::empty();
        set.push(rule("ssh", &["BEGIN OPENSSH PRIVATE KEY"]));
        set.push(rule("rsa", &["BEGIN RSA PRIVATE KEY"]));
        let pf = Prefilter::new(&set);
        assert!(pf.keywords().all(|k| k.len() <= MAX_KEYWORD_LEN));
        assert_eq!(
            triggered(&pf, b"-----BEGIN OPENSSH PRIVATE KEY-----"),
            vec![0]
        );
        assert_eq!(triggered(&pf, b"-----BEGIN RSA PRIVATE KEY-----"), vec![1]);
    }

    #[test]
    fn decoding_triggers_are_found_and_keep_their_keywords() {
        let mut set = RuleSet::empty();
        set.push(rule("pem", &["-----BEGIN"]));
        let pf = Prefilter::new(&set);
        assert_eq!(pf.keyword_count(), 1);
        let mut hits = Vec::new();
        pf.find(b"tls.key: LS0tLS1CRUdJTiBQUklWQVRF", &mut hits);
        assert!(
            hits.iter()
                .any(|h| pf.triggers_of(h.pattern) == [Trigger::Base64Around])
        );
        // `-----begin%20` is a trigger that holds a rule keyword: both are implied.
        hits.clear();
        pf.find(b"key=-----BEGIN%20RSA", &mut hits);
        assert!(hits.iter().any(|h| pf.rules_of(h.pattern) == [0]
            && pf.triggers_of(h.pattern) == [Trigger::PercentAround]));
    }

    /// Text made of keyword pieces, case changes and filler, of every length around the
    /// split threshold and the part boundaries.
    fn keyword_soup(keywords: &[Vec<u8>], len: usize, seed: &mut u64) -> Vec<u8> {
        let mut next = || {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            *seed
        };
        let mut out = Vec::with_capacity(len + 32);
        while out.len() < len {
            let r = next();
            match r % 4 {
                0 => out.extend_from_slice(b" x=1;\n"),
                1 => out.push(b"ab_-:.9Z"[(r >> 8) as usize % 8]),
                _ => {
                    let k = &keywords[(r >> 8) as usize % keywords.len()];
                    // A whole keyword, or a prefix of it; some upper-cased.
                    let take = if r & 0x10000 == 0 {
                        k.len()
                    } else {
                        (r >> 20) as usize % k.len()
                    };
                    for &b in &k[..take] {
                        out.push(if r & 0x20000 == 0 {
                            b
                        } else {
                            b.to_ascii_uppercase()
                        });
                    }
                }
            }
        }
        out.truncate(len);
        out
    }

    #[test]
    fn interleaved_walks_find_what_the_automaton_finds() {
        let rules = RuleSet::builtin();
        let fast = Prefilter::build(&rules, 0);
        let slow = Prefilter::build(&rules, usize::MAX);
        assert!(fast.dfa(0).is_some() && slow.dfa(1 << 40).is_none());
        let keywords: Vec<Vec<u8>> = fast.keywords.clone();
        let mut seed = 0x9e37_79b9_7f4a_7c15;
        let lengths = (0..40).chain([1023, 1024, 1025, 1100, 4095, 4096, 4099, 10_007, 65_536]);
        for len in lengths {
            for _ in 0..5 {
                let hay = keyword_soup(&keywords, len, &mut seed);
                let (mut a, mut b) = (
                    vec![Hit {
                        pattern: 7,
                        start: 1,
                        end: 2,
                    }],
                    vec![Hit {
                        pattern: 7,
                        start: 1,
                        end: 2,
                    }],
                );
                fast.find(&hay, &mut a);
                slow.find(&hay, &mut b);
                assert_eq!(a, b, "length {len}");
                assert!(b.len() > 1 || len < 64, "the soup holds keywords");
            }
        }
    }

    #[test]
    fn occurrences_across_part_boundaries_are_found_once() {
        let mut set = RuleSet::empty();
        set.push(rule("long", &["abcdefghij"]));
        set.push(rule("short", &["xyz"]));
        let pf = Prefilter::new(&set);
        // Keywords at every offset around the four part boundaries of a 4,000-byte text.
        for shift in 0..12 {
            let mut hay = vec![b'.'; 4000];
            for boundary in [1000, 2000, 3000] {
                let at = boundary - shift;
                hay[at..at + 10].copy_from_slice(b"ABCDEFGHIJ");
                hay[at + 20..at + 23].copy_from_slice(b"xyz");
            }
            let mut hits = Vec::new();
            pf.find(&hay, &mut hits);
            let starts: Vec<usize> = hits.iter().map(|h| h.start).collect();
            let want: Vec<usize> = [1000, 2000, 3000]
                .iter()
                .flat_map(|b| [b - shift, b - shift + 20])
                .collect();
            assert_eq!(starts, want, "shift {shift}");
        }
    }

    #[test]
    fn shared_keywords_are_deduplicated() {
        let mut set = RuleSet::empty();
        set.push(rule("a", &["-----BEGIN"]));
        set.push(rule("b", &["-----begin"]));
        let pf = Prefilter::new(&set);
        assert_eq!(pf.keyword_count(), 1);
        assert_eq!(triggered(&pf, b"-----BEGIN RSA"), vec![0, 1]);
    }
}
