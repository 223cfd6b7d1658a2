//! Static proof that a rule's keywords are required by its regex.
//!
//! The prefilter only runs a rule's regex when one of its keywords occurs, so a regex
//! that can match text containing none of them would silently miss secrets. This walks
//! the regex's syntax tree and answers "does every match contain one of the keywords
//! (ASCII case-insensitively)?". The analysis is conservative: `true` is a proof, while
//! `false` may also mean "too complicated to prove", which `rules check` reports so the
//! author can make the keyword explicit in the pattern.

use regex_syntax::hir::{Class, Hir, HirKind};

/// Whether every match of `pattern` contains at least one of `keywords`.
/// Returns an error if the pattern does not parse.
pub(crate) fn keywords_required(pattern: &str, keywords: &[String]) -> Result<bool, String> {
    let hir = regex_syntax::ParserBuilder::new()
        .utf8(false)
        .unicode(false)
        .build()
        .parse(pattern)
        .map_err(|e| e.to_string())?;
    let lowered: Vec<Vec<u8>> = keywords
        .iter()
        .map(|k| k.as_bytes().to_ascii_lowercase())
        .filter(|k| !k.is_empty())
        .collect();
    if lowered.is_empty() {
        return Ok(false);
    }
    Ok(required(&hir, &lowered))
}

fn contains_keyword(run: &[u8], keywords: &[Vec<u8>]) -> bool {
    keywords
        .iter()
        .any(|k| run.windows(k.len()).any(|w| w == k.as_slice()))
}

/// Most strings a finite sub-pattern may expand to before the analysis gives up on it.
const MAX_EXPANSION: usize = 64;

fn required(hir: &Hir, keywords: &[Vec<u8>]) -> bool {
    let all_contain = |set: &[Vec<u8>]| set.iter().all(|s| contains_keyword(s, keywords));
    match hir.kind() {
        HirKind::Capture(c) => required(&c.sub, keywords),
        HirKind::Repetition(r) => r.min >= 1 && required(&r.sub, keywords),
        HirKind::Alternation(alts) => {
            alts.iter().all(|a| required(a, keywords))
                || as_literals(hir).is_some_and(|set| all_contain(&set))
        }
        HirKind::Concat(items) => {
            // Adjacent finite items form a run of text that every match holds, one of a
            // finite set of strings; if each of them holds a keyword, so does the match.
            let mut runs: Vec<Vec<u8>> = vec![Vec::new()];
            for item in items {
                if let Some(next) = as_literals(item).and_then(|set| product(&runs, &set)) {
                    runs = next;
                    continue;
                }
                if all_contain(&runs) || required(item, keywords) {
                    return true;
                }
                runs = vec![Vec::new()];
            }
            all_contain(&runs)
        }
        _ => as_literals(hir).is_some_and(|set| all_contain(&set)),
    }
}

/// Every concatenation of a string of `a` with one of `b`, if there are not too many.
fn product(a: &[Vec<u8>], b: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if a.len() * b.len() > MAX_EXPANSION {
        return None;
    }
    Some(
        a.iter()
            .flat_map(|x| b.iter().map(move |y| [x.as_slice(), y.as_slice()].concat()))
            .collect(),
    )
}

/// The lowercased strings an item can match, if they are few (a literal, a small class,
/// an alternation or optional part of those).
fn as_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Empty => Some(vec![Vec::new()]),
        HirKind::Literal(lit) => Some(vec![lit.0.to_ascii_lowercase()]),
        HirKind::Class(class) => small_class(class),
        HirKind::Capture(c) => as_literals(&c.sub),
        HirKind::Concat(items) => items.iter().try_fold(vec![Vec::new()], |acc, item| {
            product(&acc, &as_literals(item)?)
        }),
        HirKind::Alternation(alts) => {
            let mut out: Vec<Vec<u8>> = Vec::new();
            for a in alts {
                out.extend(as_literals(a)?);
                if out.len() > MAX_EXPANSION {
                    return None;
                }
            }
            Some(out)
        }
        HirKind::Repetition(r) => {
            let one = as_literals(&r.sub)?;
            let max = r.max?;
            if max > 4 {
                return None;
            }
            let mut out = Vec::new();
            let mut current = vec![Vec::new()];
            for n in 0..=max {
                if n >= r.min {
                    out.extend(current.iter().cloned());
                }
                if n < max {
                    current = product(&current, &one)?;
                }
            }
            (out.len() <= MAX_EXPANSION).then_some(out)
        }
        HirKind::Look(_) => None,
    }
}

/// A class of a few ASCII characters (after folding case), as one-byte strings.
fn small_class(class: &Class) -> Option<Vec<Vec<u8>>> {
    if let Some(b) = single_ascii_letter(class) {
        return Some(vec![vec![b]]);
    }
    let mut members: Vec<u8> = Vec::new();
    let mut add = |c: u32| -> bool {
        if c > 0x7f {
            return true;
        }
        let b = (c as u8).to_ascii_lowercase();
        if !members.contains(&b) {
            members.push(b);
        }
        members.len() <= 8
    };
    let ranges: Vec<(u32, u32)> = match class {
        Class::Unicode(u) => u
            .ranges()
            .iter()
            .map(|r| (r.start() as u32, r.end() as u32))
            .collect(),
        Class::Bytes(b) => b
            .ranges()
            .iter()
            .map(|r| (u32::from(r.start()), u32::from(r.end())))
            .collect(),
    };
    for (lo, hi) in ranges {
        if hi - lo > 16 {
            return None;
        }
        for c in lo..=hi {
            if !add(c) {
                return None;
            }
        }
    }
    Some(members.into_iter().map(|b| vec![b]).collect())
}

/// A class such as `[Kk]` (what `(?i)k` becomes) stands for one letter up to case.
/// Non-ASCII members added by Unicode case folding (the Kelvin sign for `k`) are
/// ignored: the prefilter is ASCII case-insensitive, and those spellings do not occur
/// in credentials.
fn single_ascii_letter(class: &Class) -> Option<u8> {
    let mut seen: Option<u8> = None;
    let mut note = |c: u32| -> bool {
        if c > 0x7f {
            return true;
        }
        let b = (c as u8).to_ascii_lowercase();
        match seen {
            None => {
                seen = Some(b);
                true
            }
            Some(s) => s == b,
        }
    };
    match class {
        Class::Unicode(u) => {
            for r in u.ranges() {
                for c in (r.start() as u32)..=(r.end() as u32).min(0x80) {
                    if !note(c) {
                        return None;
                    }
                }
            }
        }
        Class::Bytes(b) => {
            for r in b.ranges() {
                for c in r.start()..=r.end().min(0x80) {
                    if !note(c as u32) {
                        return None;
                    }
                }
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kw(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn literal_prefix_is_required() {
        assert_eq!(
            keywords_required(r"\b(?P<secret>ghp_[A-Za-z0-9]{36})\b", &kw(&["ghp_"])),
            Ok(true)
        );
    }

    #[test]
    fn case_insensitive_literal_counts() {
        assert_eq!(
            keywords_required(
                r"(?i)aws_secret\s*=\s*(?P<secret>\w+)",
                &kw(&["AWS_SECRET"])
            ),
            Ok(true)
        );
    }

    #[test]
    fn alternation_needs_every_branch() {
        let kws = kw(&["xoxb-", "xoxp-"]);
        assert_eq!(
            keywords_required(r"(?P<secret>xox[bp]-\d+)", &kws),
            Ok(true)
        );
        assert_eq!(
            keywords_required(r"(?P<secret>xox[bpa]-\d+)", &kws),
            Ok(false)
        );
        assert_eq!(
            keywords_required(r"(?P<secret>(?:xoxb-|xoxp-)\d+)", &kws),
            Ok(true)
        );
    }

    #[test]
    fn optional_keyword_is_not_required() {
        assert_eq!(
            keywords_required(r"(?:token=)?(?P<secret>[a-f0-9]{32})", &kw(&["token"])),
            Ok(false)
        );
    }

    #[test]
    fn keyword_spanning_items_in_a_run() {
        assert_eq!(
            keywords_required(
                r"hooks\.slack\.com/services/(?P<secret>T\w+)",
                &kw(&["hooks.slack.com"])
            ),
            Ok(true)
        );
    }

    #[test]
    fn finite_alternations_and_optional_separators_are_expanded() {
        let kws = kw(&["api_key", "api-key", "apikey", "password"]);
        assert_eq!(
            keywords_required(
                r"(?i)[a-z_]{0,20}(?:api[_-]?key|password)\s*=\s*(?P<secret>\S+)",
                &kws
            ),
            Ok(true)
        );
        // `api.key` is possible too and holds no keyword.
        assert_eq!(
            keywords_required(r"(?i)(?:api[_.-]?key|password)=(?P<secret>\S+)", &kws),
            Ok(false)
        );
    }

    #[test]
    fn bad_pattern_is_an_error() {
        assert!(keywords_required(r"(", &kw(&["x"])).is_err());
    }
}
