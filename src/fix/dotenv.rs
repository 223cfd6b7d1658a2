//! Dotenv files: which files they are, and a value becomes `${NAME}`.

use std::sync::OnceLock;

use super::edit::{Edit, indent_of, line_bounds, trim_blank_end};
use crate::rules::{Rule, RuleSet};

/// The built-in rule whose `file_names` globs tell real dotenv files from examples and
/// templates: the one place that knows, so the files it reports are the files fixed.
const DOTENV_RULE: &str = "dotenv-file-committed";

/// Whether the file at `path` is a real dotenv file (`.env`, `.env.local`; any case), not
/// an example or template (`.env.example`, `.env.local.sample`, `.env.dist.local`), by
/// the `file_names` of the built-in [`DOTENV_RULE`], compiled once.
pub(super) fn is_dotenv_file(path: &str) -> bool {
    static RULE: OnceLock<Option<Rule>> = OnceLock::new();
    let rule = RULE.get_or_init(|| {
        let builtin = RuleSet::builtin();
        let r = builtin.rules().iter().find(|r| r.id() == DOTENV_RULE)?;
        Some(Rule::new(
            r.def.clone(),
            r.provider.clone(),
            r.source.clone(),
        ))
    });
    matches!(rule.as_ref().and_then(Rule::file_names), Some(Ok(names)) if names.matches(path))
}

pub(super) fn dotenv_fix(text: &[u8], start: usize, end: usize, name: &str) -> Option<Edit> {
    if !crate::text::is_shell_name(name) {
        return None;
    }
    let (ls, le) = line_bounds(text, start);
    if end > le {
        return None;
    }
    let line = &text[ls..le];
    let mut i = indent_of(line);
    if line[i..].starts_with(b"export") && matches!(line.get(i + 6), Some(b' ' | b'\t')) {
        i += 6;
        i += indent_of(&line[i..]);
    }
    let key_lo = i;
    while i < line.len()
        && (line[i].is_ascii_alphanumeric() || matches!(line[i], b'_' | b'.' | b'-'))
    {
        i += 1;
    }
    if i == key_lo || !(line[key_lo].is_ascii_alphabetic() || line[key_lo] == b'_') {
        return None;
    }
    i += indent_of(&line[i..]);
    if line.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    i += indent_of(&line[i..]);
    let value_lo = i;
    let (lit_hi, body_lo, body_hi) = match line.get(i) {
        Some(&q @ (b'"' | b'\'')) => {
            let close = value_lo + 1 + memchr::memchr(q, &line[value_lo + 1..])?;
            let body = &line[value_lo + 1..close];
            if q == b'"' && body.contains(&b'\\') {
                return None;
            }
            (close + 1, value_lo + 1, close)
        }
        _ => {
            // Unquoted: up to a comment (` #`) or the end of the line, trailing blanks
            // excluded.
            let mut hi = line.len();
            for k in value_lo..line.len() {
                if line[k] == b'#' && k > value_lo && matches!(line[k - 1], b' ' | b'\t') {
                    hi = k;
                    break;
                }
            }
            let hi = value_lo + trim_blank_end(&line[value_lo..hi]).len();
            (hi, value_lo, hi)
        }
    };
    let rest = &line[lit_hi..];
    let rest = &rest[indent_of(rest)..];
    if !(rest.is_empty() || rest[0] == b'#') || ls + body_lo != start || ls + body_hi != end {
        return None;
    }
    Some(Edit {
        start: ls + value_lo,
        end: ls + lit_hi,
        new_text: format!("${{{name}}}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::testing::*;
    use crate::fix::{Lang, lang_of};

    /// Real dotenv files (`true`) and examples, templates and other files (`false`): one
    /// table for the rule that reports committed ones and for the fixes.
    const NAMES: &[(&str, bool)] = &[
        (".env", true),
        ("app/.env", true),
        ("deploy\\.env.production", true),
        (".env.local", true),
        (".env.development.local", true),
        (".ENV.Local", true),
        // Windows drops a trailing dot: this is `.env` there.
        (".env.", true),
        (".env.example", false),
        (".env.sample", false),
        (".env.template", false),
        (".env.dist", false),
        (".env.EXAMPLE", false),
        (".env.local.example", false),
        (".env.local.sample", false),
        (".env.local.dist", false),
        (".env.example.local", false),
        (".env.dist.local", false),
        (".env.template.local", false),
        (".env.production.sample.bak", false),
        ("env", false),
        ("a.env", false),
        (".envrc", false),
        (".env-local", false),
    ];

    #[test]
    fn the_rule_and_the_fixes_agree_on_which_files_are_dotenv_files() {
        let builtin = RuleSet::builtin();
        let rule = builtin.rules().iter().find(|r| r.id() == DOTENV_RULE);
        let names = rule.and_then(Rule::file_names).unwrap().unwrap();
        for &(path, real) in NAMES {
            assert_eq!(names.matches(path), real, "rule: {path}");
            assert_eq!(lang_of(path) == Some(Lang::Dotenv), real, "fix: {path}");
        }
    }

    #[test]
    fn dotenv_values_become_references() {
        let src = format!(
            "# Payments\nSTRIPE_KEY={S}\nexport GITHUB_TOKEN=\"{G}\"  # deploy bot\nAPP_ENV=production\n"
        );
        let once = fixed(".env", &src, S).unwrap();
        assert_eq!(
            once,
            format!(
                "# Payments\nSTRIPE_KEY=${{STRIPE_KEY}}\nexport GITHUB_TOKEN=\"{G}\"  # deploy bot\nAPP_ENV=production\n"
            )
        );
        let twice = fixed(".env.production", &once, G).unwrap();
        assert_eq!(
            twice,
            "# Payments\nSTRIPE_KEY=${STRIPE_KEY}\nexport GITHUB_TOKEN=${GITHUB_TOKEN}  # deploy bot\nAPP_ENV=production\n"
        );
        let single = format!("KEY = '{S}'\r\nOTHER=1\r\n");
        assert_eq!(
            fixed(".env", &single, S).unwrap(),
            "KEY = ${KEY}\r\nOTHER=1\r\n"
        );
        assert_eq!(
            fixed(".env", &format!("A={S}  # live"), S).unwrap(),
            "A=${A}  # live"
        );
    }

    #[test]
    fn dotenv_refuses_what_is_not_the_whole_value() {
        let bad = [
            format!("DATABASE_URL=postgres://app:{S}@db/app\n"),
            format!("KEY=\"{S}\n"),
            format!("KEY=\"{S}'\n"),
            format!("KEY={S}extra\n"),
            format!("KEY=\"{S}\" trailing\n"),
            format!("KEY=\"\\n{S}\"\n"),
            format!("# KEY={S}\n"),
            format!("KEY {S}\n"),
        ];
        for src in &bad {
            assert_eq!(fix_with(".env", src, S, "KEY"), None, "{src}");
        }
        let src = format!("KEY={S}\n");
        assert_eq!(fix_with(".env.example", &src, S, "KEY"), None);
        // `${…}` only understands shell names.
        assert_eq!(fix_with(".env", &src, S, "stripe-key"), None);
        assert_eq!(fix_with(".env", &src, S, "1KEY"), None);
    }
}
