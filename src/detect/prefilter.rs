//! The keyword prefilter: one Aho-Corasick automaton over every rule's keywords.
//!
//! A scan makes one pass of this automaton over each blob; only rules whose keyword
//! occurs run their regex, and only near the keyword. Most blobs trigger no rule and
//! cost nothing more than this pass.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind};

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
        for (lit, trigger) in decode::triggers()
            .into_iter()
            .chain(super::token_forms::triggers(rules))
        {
            let mut k = lit.to_ascii_lowercase();
            k.truncate(MAX_KEYWORD_LEN);
            let pi = match keywords.iter().position(|x| *x == k) {
                Some(i) => i,
                None => {
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
        let ac = if keywords.is_empty() {
            None
        } else {
            let mut builder = AhoCorasickBuilder::new();
            builder
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest);
            // A DFA is fastest; should user rules add so many keywords that it grows
            // past its size limit, let the crate pick a smaller automaton.
            let built = builder
                .kind(Some(AhoCorasickKind::DFA))
                .build(&keywords)
                .or_else(|_| builder.kind(None).build(&keywords));
            // Invariant: without a size-limited kind, building fails only past 2^31
            // patterns or states, and keywords are short and counted in thousands.
            #[allow(clippy::expect_used)]
            Some(built.expect("keyword automaton builds"))
        };
        Prefilter {
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
