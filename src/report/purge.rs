//! Expressions for `git filter-repo --replace-text`: rewriting history so that the
//! secrets of a scan no longer appear in any commit.
//!
//! The file format, as git-filter-repo reads it: one expression per line;
//! `literal:TEXT==>REPLACEMENT` replaces the bytes `TEXT`, `regex:RE==>REPLACEMENT`
//! replaces the matches of a Python `re` bytes pattern. A line is split at its *last*
//! `==>`, so a secret that itself contains `==>` is still read correctly. There is no
//! comment syntax, so the file holds expressions only.
//!
//! filter-repo applies every literal before any regex, each in file order. Hence:
//!
//! - texts are written longest first, so a secret that contains a shorter one is
//!   replaced whole before the shorter one could cut it apart;
//! - a text that spans lines (a PEM private key) cannot be one literal line and is
//!   written as a regex, `\n` and `\r` spelt as escapes;
//! - a single-line text that occurs inside such a multi-line text is written as a
//!   regex too, after it: as a literal it would be replaced first and break the
//!   longer block's match.
//!
//! The file holds every secret in clear: callers must write it outside the repository.

use std::collections::BTreeMap;
use std::io::Write;

use crate::finding::SecretGroup;
use crate::rules::RuleSet;

/// Texts shorter than this many bytes are left out: replacing them everywhere in
/// history would clobber ordinary text.
pub(crate) const MIN_LEN: usize = 6;

/// Writes one expression per distinct text to replace, and returns how many it wrote.
///
/// For each finding, the text as written in the file ([`Finding::as_written`]) and,
/// when that is an encoded form, the decoded secret too (it may also appear in clear
/// elsewhere). Each is replaced by `REMOVED-<rule-id>`. Texts shorter than [`MIN_LEN`]
/// bytes are skipped; [`skipped_short`] counts them.
///
/// [`Finding::as_written`]: crate::finding::Finding::as_written
pub fn write_replace_text(
    groups: &[SecretGroup],
    rules: &RuleSet,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let texts: Vec<(&[u8], usize)> = distinct_texts(groups)
        .into_iter()
        .filter(|(text, _)| text.len() >= MIN_LEN)
        .collect();
    let multi_line: Vec<&[u8]> = texts
        .iter()
        .map(|&(t, _)| t)
        .filter(|t| has_line_break(t))
        .collect();
    let (mut literals, mut regexes): (Vec<_>, Vec<_>) = texts
        .into_iter()
        .partition(|(t, _)| !has_line_break(t) && !multi_line.iter().any(|m| contains(m, t)));
    let longest_first = |a: &(&[u8], usize), b: &(&[u8], usize)| {
        b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(b.0))
    };
    literals.sort_by(longest_first);
    regexes.sort_by(longest_first);

    let mut line = Vec::new();
    for (kind, list) in [(Kind::Literal, &literals), (Kind::Regex, &regexes)] {
        for &(text, rule) in list {
            line.clear();
            match kind {
                Kind::Literal => {
                    line.extend_from_slice(b"literal:");
                    line.extend_from_slice(text);
                }
                Kind::Regex => {
                    line.extend_from_slice(b"regex:");
                    line.extend_from_slice(escape_regex(text).as_bytes());
                }
            }
            line.extend_from_slice(b"==>");
            line.extend_from_slice(replacement(rules.get(rule).id()).as_bytes());
            line.push(b'\n');
            out.write_all(&line)?;
        }
    }
    Ok(literals.len() + regexes.len())
}

/// Whether `git filter-repo` runs on this machine (it is not part of git).
pub(crate) fn filter_repo_installed() -> bool {
    std::process::Command::new("git")
        .args(["filter-repo", "--version"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// For the test suites: whether a test that runs `git filter-repo` can go on. Without
/// it the test is skipped with a loud message, unless `LEAKHOUND_REQUIRE_FILTER_REPO`
/// is set (as `.ci/run` does), which makes its absence a failure.
#[doc(hidden)]
pub fn test_can_use_filter_repo(test: &str) -> bool {
    if filter_repo_installed() {
        return true;
    }
    assert!(
        std::env::var_os("LEAKHOUND_REQUIRE_FILTER_REPO").is_none(),
        "{test}: git filter-repo is required here (LEAKHOUND_REQUIRE_FILTER_REPO is set) \
         but not installed: pip install git-filter-repo"
    );
    // Straight to the stream: the test harness captures `eprintln!` of passing tests.
    let _ = writeln!(
        std::io::stderr(),
        "\n*** SKIPPED {test}: git filter-repo is not installed; \
         `pip install git-filter-repo` runs it (CI requires it) ***\n"
    );
    false
}

/// How many distinct texts [`write_replace_text`] leaves out for being shorter than
/// [`MIN_LEN`] bytes: those secrets must be purged by hand, if at all.
pub fn skipped_short(groups: &[SecretGroup]) -> usize {
    distinct_texts(groups)
        .keys()
        .filter(|t| t.len() < MIN_LEN)
        .count()
}

#[derive(Clone, Copy)]
enum Kind {
    Literal,
    Regex,
}

/// Every distinct text to replace, with the rule of the first finding that holds it.
fn distinct_texts(groups: &[SecretGroup]) -> BTreeMap<&[u8], usize> {
    let mut texts = BTreeMap::new();
    for f in groups.iter().flat_map(|g| &g.findings) {
        for text in [f.as_written(), f.secret.as_slice()] {
            if !text.is_empty() {
                texts.entry(text).or_insert(f.rule);
            }
        }
    }
    texts
}

/// `REMOVED-<rule-id>`, keeping only characters that are inert both in the file
/// format and in a Python `re` replacement template (no `\`, no `=`, no line break).
fn replacement(rule_id: &str) -> String {
    let id: String = rule_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("REMOVED-{id}")
}

fn has_line_break(text: &[u8]) -> bool {
    text.iter().any(|&b| b == b'\n' || b == b'\r')
}

/// Whether `needle` occurs in `hay` and is not all of it.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    needle.len() < hay.len() && hay.windows(needle.len()).any(|w| w == needle)
}

/// `text` as a Python `re` bytes pattern that matches exactly it.
///
/// Metacharacters get a backslash (as `re.escape` does, also for `#`, `&`, `~` and
/// space, which matter in verbose mode and possible future set syntax); line breaks
/// and tabs are written `\n`, `\r`, `\t` and other control bytes `\xNN`, so the
/// pattern stays on one line. Bytes from 0x80 up are written as they are: a bytes
/// pattern matches them literally.
fn escape_regex(text: &[u8]) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut rest = text;
    while !rest.is_empty() {
        // Keep valid UTF-8 runs as text; spell any other byte as `\xNN`.
        let (valid, invalid) = match std::str::from_utf8(rest) {
            Ok(s) => (s, &[][..]),
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                // Invariant: `valid_up_to` marks the end of valid UTF-8.
                let good = std::str::from_utf8(good).unwrap_or_default();
                let bad_len = e.error_len().unwrap_or(bad.len());
                (good, &bad[..bad_len])
            }
        };
        for c in valid.chars() {
            match c {
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\\' | '.' | '^' | '$' | '*' | '+' | '?' | '{' | '}' | '[' | ']' | '|' | '('
                | ')' | '-' | '#' | '&' | '~' | ' ' => {
                    out.push('\\');
                    out.push(c);
                }
                c if c.is_ascii_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
                c => out.push(c),
            }
        }
        for &b in invalid {
            out.push_str(&format!("\\x{b:02x}"));
        }
        rest = &rest[valid.len() + invalid.len()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::process::Command;
    use std::sync::Arc;

    use super::*;
    use crate::detect::Engine;
    use crate::detect::checksum::with_crc32_base62;
    use crate::finding::{CommitInfo, Finding, Location, group};
    use crate::rules::Rule;

    fn rules() -> RuleSet {
        let mut set = RuleSet::empty();
        set.push(Rule::for_test("tok-a", "x", &["x"]));
        set.push(Rule::for_test("pem-b", "x", &["x"]));
        set
    }

    fn finding(rule: usize, secret: &[u8], written: Option<&[u8]>) -> Finding {
        Finding {
            rule,
            location: Location {
                path: "f".into(),
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 2,
                ignored_by: None,
            },
            secret: secret.to_vec(),
            secret_hash: crate::finding::hex(secret),
            fingerprint: String::new(),
            commit: None,
            blob: None,
            encodings: if written.is_some() {
                vec!["base64"]
            } else {
                vec![]
            },
            written: written.map(std::sync::Arc::from),
            fix: None,
            key_id: None,
            near: Vec::new(),
            rivals: Vec::new(),
            context: crate::context::Context::Production,
            confidence: crate::confidence::Assessment {
                level: crate::confidence::Level::High,
                reason: "provider format",
            },
            generated_content: false,
            recorded: None,
        }
    }

    fn groups(findings: Vec<Finding>) -> Vec<SecretGroup> {
        findings
            .into_iter()
            .map(|f| SecretGroup {
                findings: vec![f],
                at_head: None,
                verification: None,
            })
            .collect()
    }

    fn render(groups: &[SecretGroup], rules: &RuleSet) -> (String, usize) {
        let mut out = Vec::new();
        let n = write_replace_text(groups, rules, &mut out).unwrap();
        (String::from_utf8(out).unwrap(), n)
    }

    #[test]
    fn escapes_like_python_re_escape_on_one_line() {
        assert_eq!(
            escape_regex(br"a.b^c$d*e+f?g{h}i[j]k|l(m)n-o\p"),
            r"a\.b\^c\$d\*e\+f\?g\{h\}i\[j\]k\|l\(m\)n\-o\\p"
        );
        assert_eq!(escape_regex(b"x\r\ny\tz\x1b"), r"x\r\ny\tz\x1b");
        assert_eq!(escape_regex(b"a b#c&d~e"), r"a\ b\#c\&d\~e");
        assert_eq!(escape_regex("é/=_:".as_bytes()), "é/=_:");
        assert_eq!(escape_regex(b"ok\xffz"), r"ok\xffz");
    }

    #[test]
    fn longest_first_deduplicated_with_encoded_and_decoded_forms() {
        let rules = rules();
        let gs = groups(vec![
            finding(0, b"secret123", None),
            finding(0, b"secret123456", None),
            // The same text again, in another group: written once.
            finding(0, b"secret123", None),
            // Encoded: both the base64 form and the secret in clear.
            finding(0, b"hunter2hunter2", Some(b"aHVudGVyMmh1bnRlcjI=")),
        ]);
        let (text, n) = render(&gs, &rules);
        assert_eq!(
            text,
            "literal:aHVudGVyMmh1bnRlcjI===>REMOVED-tok-a\n\
             literal:hunter2hunter2==>REMOVED-tok-a\n\
             literal:secret123456==>REMOVED-tok-a\n\
             literal:secret123==>REMOVED-tok-a\n"
        );
        assert_eq!(n, 4);
        // Read back the way filter-repo reads it: split at the last `==>`.
        let first = text.lines().next().unwrap();
        let (expr, repl) = first.rsplit_once("==>").unwrap();
        assert_eq!(expr, "literal:aHVudGVyMmh1bnRlcjI=");
        assert_eq!(repl, "REMOVED-tok-a");
    }

    #[test]
    fn short_texts_are_skipped_and_counted() {
        let rules = rules();
        let gs = groups(vec![
            finding(0, b"abc", None),
            finding(0, b"abcdef", None),
            finding(0, b"xy", Some(b"eHk=")),
        ]);
        let (text, n) = render(&gs, &rules);
        assert_eq!(text, "literal:abcdef==>REMOVED-tok-a\n");
        assert_eq!(n, 1);
        assert_eq!(skipped_short(&gs), 3);
        assert_eq!(render(&[], &rules), (String::new(), 0));
    }

    #[test]
    fn multi_line_secrets_become_regexes_after_the_literals() {
        let rules = rules();
        let pem = b"-----BEGIN KEY-----\r\nab+c/d==\n-----END KEY-----";
        let gs = groups(vec![
            finding(1, pem, None),
            // Occurs inside the PEM block: must not be replaced before it.
            finding(0, b"ab+c/d==", None),
            finding(0, b"standalone", None),
        ]);
        let (text, n) = render(&gs, &rules);
        assert_eq!(
            text,
            "literal:standalone==>REMOVED-tok-a\n\
             regex:\\-\\-\\-\\-\\-BEGIN\\ KEY\\-\\-\\-\\-\\-\\r\\nab\\+c/d==\\n\
             \\-\\-\\-\\-\\-END\\ KEY\\-\\-\\-\\-\\-==>REMOVED-pem-b\n\
             regex:ab\\+c/d====>REMOVED-tok-a\n"
        );
        assert_eq!(n, 3);
        assert_eq!(text.lines().count(), 3);
    }

    #[test]
    fn replacement_is_inert() {
        assert_eq!(
            replacement("github-pat-classic"),
            "REMOVED-github-pat-classic"
        );
        assert_eq!(replacement("a\\b==>c\nd"), "REMOVED-a-b---c-d");
    }

    // ---- the real git filter-repo ----

    fn git(dir: &Path, args: &[&str]) -> String {
        let out = Command::new("git")
            .args([
                "-c",
                "user.name=Leak Hound",
                "-c",
                "user.email=hound@example.com",
                "-c",
                "commit.gpgsign=false",
                "-c",
                "init.defaultBranch=main",
            ])
            .args(args)
            .current_dir(dir)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A pseudo-random base64 body, 64 characters a line.
    fn pem_body(lines: usize) -> String {
        const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut x: u32 = 0x9e37_79b9;
        let mut body = String::new();
        for _ in 0..lines {
            for _ in 0..64 {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                body.push(B64[(x % 64) as usize] as char);
            }
            body.push('\n');
        }
        body
    }

    #[test]
    fn git_filter_repo_removes_the_secrets_from_every_commit() {
        if !test_can_use_filter_repo("git_filter_repo_removes_the_secrets_from_every_commit") {
            return;
        }

        let token = with_crc32_base62("ghp_R7wq2mZkT9vLx4NbQe8sYc1HdJ0aFu");
        let pem = format!(
            "-----BEGIN RSA PRIVATE KEY-----\n{}-----END RSA PRIVATE KEY-----",
            pem_body(8)
        );
        let config = format!("# settings\nname = demo\ntoken = \"{token}\"\nlevel = 1\n{pem}\n");

        // The secrets as the scanner reports them.
        let engine = Engine::new(RuleSet::builtin());
        let rules = engine.rules();
        let findings: Vec<Finding> = engine
            .scan_bytes(config.as_bytes())
            .iter()
            .map(|m| {
                let mut f = Finding::new(rules, m, "config.txt", config.as_bytes());
                f.commit = Some(Arc::new(CommitInfo {
                    id: "0".repeat(40),
                    author_name: "Leak Hound".into(),
                    author_email: "hound@example.com".into(),
                    time: 0,
                    summary: "add config".into(),
                    order: 0,
                }));
                f
            })
            .collect();
        let mut found: Vec<&str> = findings.iter().map(|f| f.rule(rules).id()).collect();
        found.sort_unstable();
        assert_eq!(found, ["github-pat-classic", "private-key-rsa"]);
        let groups = group(rules, findings);

        let tmp = tempfile::tempdir().unwrap();
        let repo = tmp.path().join("repo");
        std::fs::create_dir(&repo).unwrap();
        let expressions = tmp.path().join("expressions.txt");
        let mut file = std::fs::File::create(&expressions).unwrap();
        assert_eq!(write_replace_text(&groups, rules, &mut file).unwrap(), 2);
        drop(file);

        git(&repo, &["init", "-q"]);
        std::fs::write(repo.join("README"), "demo\n").unwrap();
        std::fs::write(repo.join("config.txt"), &config).unwrap();
        git(&repo, &["add", "."]);
        git(&repo, &["commit", "-q", "-m", "add config"]);
        std::fs::write(
            repo.join("config.txt"),
            config.replace("level = 1", "level = 2"),
        )
        .unwrap();
        git(&repo, &["commit", "-q", "-am", "raise level"]);
        git(&repo, &["rm", "-q", "config.txt"]);
        git(&repo, &["commit", "-q", "-m", "remove config"]);

        // `git log -p` prefixes each line of the key: look for one line of its body.
        let pem_first_line = pem_body(1);
        let pem_first_line = pem_first_line.trim_end();
        let before = git(&repo, &["log", "--all", "-p"]);
        assert!(before.contains(&token) && before.contains(pem_first_line));

        let out = Command::new("git")
            .args(["filter-repo", "--force", "--replace-text"])
            .arg(&expressions)
            .current_dir(&repo)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git filter-repo failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );

        let log = git(&repo, &["log", "--all", "-p"]);
        assert!(
            !log.contains(&token),
            "the log still holds the token:\n{log}"
        );
        assert!(
            !log.contains(pem_first_line),
            "the log still holds the key:\n{log}"
        );
        assert!(!log.contains("BEGIN RSA PRIVATE KEY"), "{log}");
        assert!(log.contains("REMOVED-github-pat-classic"), "{log}");
        assert!(log.contains("REMOVED-private-key-rsa"), "{log}");
        assert!(log.contains("level = 2"), "unrelated edits survive");

        let commits = git(&repo, &["rev-list", "--all"]);
        let commits: Vec<&str> = commits.lines().collect();
        assert_eq!(commits.len(), 3);
        let mut removed = 0;
        for commit in &commits {
            for secret in [token.as_str(), pem_first_line] {
                let hit = Command::new("git")
                    .args(["grep", "-q", "-F", secret, commit])
                    .current_dir(&repo)
                    .status()
                    .unwrap();
                assert!(!hit.success(), "commit {commit} still holds a secret");
            }
            let hit = Command::new("git")
                .args(["grep", "-q", "-F", "REMOVED-", commit])
                .current_dir(&repo)
                .status()
                .unwrap();
            removed += usize::from(hit.success());
        }
        // The two commits that hold config.txt; the last one deleted it.
        assert_eq!(removed, 2);
    }
}
