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
pub fn keywords_required(pattern: &str, keywords: &[String]) -> Result<bool, String> {
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

fn required(hir: &Hir, keywords: &[Vec<u8>]) -> bool {
    match hir.kind() {
        HirKind::Capture(c) => required(&c.sub, keywords),
        HirKind::Repetition(r) => r.min >= 1 && required(&r.sub, keywords),
        HirKind::Alternation(alts) => alts.iter().all(|a| required(a, keywords)),
        HirKind::Concat(items) => {
            // Adjacent literal-like items form one run of text that every match holds.
            let mut run: Vec<u8> = Vec::new();
            for item in items {
                if let Some(bytes) = as_literal(item) {
                    run.extend_from_slice(&bytes);
                    continue;
                }
                if contains_keyword(&run, keywords) || required(item, keywords) {
                    return true;
                }
                run.clear();
            }
            contains_keyword(&run, keywords)
        }
        _ => as_literal(hir).is_some_and(|b| contains_keyword(&b, keywords)),
    }
}

/// The lowercased text an item always matches, if it matches exactly one string up to
/// ASCII case.
fn as_literal(hir: &Hir) -> Option<Vec<u8>> {
    match hir.kind() {
        HirKind::Literal(lit) => Some(lit.0.to_ascii_lowercase()),
        HirKind::Class(class) => single_ascii_letter(class).map(|b| vec![b]),
        HirKind::Capture(c) => as_literal(&c.sub),
        HirKind::Concat(items) => {
            let mut out = Vec::new();
            for item in items {
                out.extend(as_literal(item)?);
            }
            Some(out)
        }
        HirKind::Repetition(r) if r.min == r.max.unwrap_or(u32::MAX) => {
            let one = as_literal(&r.sub)?;
            Some(one.repeat(r.min as usize))
        }
        _ => None,
    }
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
    fn bad_pattern_is_an_error() {
        assert!(keywords_required(r"(", &kw(&["x"])).is_err());
    }
}
