//! Mechanical fixes for hard-coded secrets.
//!
//! A fix replaces the string literal that holds a secret with a read of an environment
//! variable, written in the file's own language: `os.environ["STRIPE_KEY"]` in Python,
//! `process.env.STRIPE_KEY` in JavaScript and TypeScript, `os.Getenv("STRIPE_KEY")` in Go,
//! `ENV.fetch("STRIPE_KEY")` in Ruby, `${STRIPE_KEY}` in dotenv files and
//! `"${STRIPE_KEY}"` in YAML.
//!
//! A fix is offered only when it is mechanical: the secret is the whole content of one
//! literal, the literal is on one line, holds no escape sequence and no interpolation,
//! and stands where an expression may stand (not an import path, a Go constant, a struct
//! tag, an object key or a tagged template). Anything else gets `None`, and a person
//! decides.
//!
//! Python, JavaScript/TypeScript, Go and Ruby files are tokenised from their first byte
//! (strings, comments, and what could be mistaken for them: regex literals, heredocs,
//! raw and triple-quoted strings), so a quote inside a comment or inside a multi-line
//! string is never taken for a literal. Dotenv and YAML files are read line by line.
//! The tokenisers are approximations of the real grammars, tuned so that when they are
//! wrong the answer is `None`, not a broken edit.
//!
//! Python and Go need the `os` module: [`required_import`] gives the edit that imports
//! it when the file does not yet.
//!
//! Nothing here panics, whatever the bytes: invalid UTF-8, ranges out of bounds or
//! inside a character give `None`.

mod dotenv;
mod edit;
mod env_var;
mod go;
mod js;
mod lex;
mod names;
mod python;
mod ruby;
#[cfg(test)]
mod testing;
mod yaml;

use dotenv::{dotenv_fix, is_dotenv_file};
use edit::is_boundary;
use go::{go_fix, go_import};
use js::js_fix;
use names::assigned_name;
use python::{python_fix, python_import};
use ruby::ruby_fix;
use yaml::yaml_fix;

pub use edit::Edit;
pub(crate) use env_var::suggested_env_var;

/// The language of a file, by its name, for the languages with a fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Lang {
    /// `.env` and `.env.*`, except examples and templates: the files the built-in
    /// `dotenv-file-committed` rule reports.
    Dotenv,
    Python,
    /// JavaScript and TypeScript.
    JavaScript,
    Go,
    Ruby,
    Yaml,
}

/// The language of the file at `path`, by its name; `None` for languages without a fix
/// and for dotenv examples and templates (`.env.example`, `.env.local.sample`,
/// `.env.dist.local`), as the built-in `dotenv-file-committed` rule's `file_names` say.
pub(crate) fn lang_of(path: &str) -> Option<Lang> {
    if is_dotenv_file(path) {
        return Some(Lang::Dotenv);
    }
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    if name == "Gemfile" || name == "Rakefile" {
        return Some(Lang::Ruby);
    }
    let (_, ext) = name.rsplit_once('.')?;
    match ext.to_ascii_lowercase().as_str() {
        "py" => Some(Lang::Python),
        "js" | "mjs" | "cjs" | "jsx" | "ts" | "tsx" | "mts" | "cts" => Some(Lang::JavaScript),
        "go" => Some(Lang::Go),
        "rb" | "gemspec" => Some(Lang::Ruby),
        "yml" | "yaml" => Some(Lang::Yaml),
        _ => None,
    }
}

/// The fix for the secret at `text[start..end]` in `path`, or `None` when it is not
/// mechanical. `env_name` is the variable to read.
///
/// The edit replaces the whole literal, quotes and prefix included:
///
/// | language | replacement |
/// |---|---|
/// | dotenv | `${NAME}` (the whole value, quotes included) |
/// | Python | `os.environ["NAME"]`; for a bytes literal (`b"…"`) `os.environ["NAME"].encode()` |
/// | JavaScript, TypeScript | `process.env.NAME`, or `process.env["NAME"]` when NAME is not an identifier |
/// | Go | `os.Getenv("NAME")` |
/// | Ruby | `ENV.fetch("NAME")` |
/// | YAML | `"${NAME}"`, always double-quoted: valid YAML in block and flow context alike |
///
/// For dotenv and YAML, whose `${…}` is read by shells and by tools such as Docker
/// Compose, `env_name` must be a shell name (`[A-Za-z_][A-Za-z0-9_]*`); elsewhere it may
/// also hold `-` and `.`. Other names give `None`. Python and Go need `os` imported: see
/// [`required_import`].
pub(crate) fn env_lookup_fix(
    path: &str,
    text: &[u8],
    start: usize,
    end: usize,
    env_name: &str,
) -> Option<Edit> {
    let lang = lang_of(path)?;
    if start >= end || end > text.len() || !is_boundary(text, start) || !is_boundary(text, end) {
        return None;
    }
    let secret = std::str::from_utf8(&text[start..end]).ok()?;
    if secret.contains(['\n', '\r']) {
        return None;
    }
    match lang {
        Lang::Dotenv => dotenv_fix(text, start, end, env_name),
        Lang::Yaml => yaml_fix(text, start, end, env_name),
        Lang::Python => python_fix(text, start, end, env_name),
        Lang::JavaScript => js_fix(text, start, end, env_name),
        Lang::Go => go_fix(text, start, end, env_name),
        Lang::Ruby => ruby_fix(text, start, end, env_name),
    }
}

/// The import a fix in `path` needs, when `text` lacks it: an insertion (`start == end`),
/// except for a Go file whose only import form is single (`import "fmt"`), where the edit
/// replaces that declaration with a block. It never overlaps the edit of
/// [`env_lookup_fix`], which is never inside an import.
///
/// - Python: `import os` when no top-level `import os` (also `import os, sys`,
///   `import sys, os`, `import os.path`) exists; `from os import environ` does not bind
///   `os`. It goes after any leading comments (shebang, encoding cookie, licence), the
///   module docstring and `from __future__` imports.
/// - Go: `"os"` when it is not imported under its own name: added in sorted place to
///   the first group of the first `import ( … )` block; a single `import "fmt"` becomes a
///   block; with no import at all, `import "os"` goes after the `package` line. `None`
///   when the file has no `package` clause.
/// - Other languages: `None`.
///
/// The check is for the whole file: a Python `import os` placed below the fixed line
/// still counts as present.
pub(crate) fn required_import(path: &str, text: &[u8]) -> Option<Edit> {
    match lang_of(path)? {
        Lang::Python => python_import(text),
        Lang::Go => go_import(text),
        _ => None,
    }
}

/// The environment variable name to suggest for a secret at `text[start..end]`: the
/// name it is assigned to on its line when that is an identifier-like key
/// (`API_KEY = "…"`, `apiKey: '…'`, `"stripe_key": "…"`, `STRIPE_KEY=…`,
/// `const githubToken = "…"`, `api_key => "…"`, `config["api_key"] = "…"`), converted to
/// CONST_CASE (`githubToken` → `GITHUB_TOKEN`, `stripe-key` → `STRIPE_KEY`,
/// `db.password` → `DB_PASSWORD`); else `fallback`. A leading `self.`, `this.`, `@` or
/// `$` is dropped, and a type annotation is skipped (`apiKey: string = "…"`,
/// `var apiKey string = "…"`).
pub(crate) fn env_name_for(text: &[u8], start: usize, end: usize, fallback: &str) -> String {
    assigned_name(text, start, end).unwrap_or_else(|| fallback.to_string())
}

/// `text` with `edits` applied, or `None` when two edits overlap or one is out of
/// bounds. Insertions at the same offset keep their order in `edits`.
pub fn apply_edits(text: &[u8], edits: &[Edit]) -> Option<Vec<u8>> {
    let mut order: Vec<&Edit> = edits.iter().collect();
    order.sort_by_key(|e| (e.start, e.end));
    let growth: usize = edits.iter().map(|e| e.new_text.len()).sum();
    let mut out = Vec::with_capacity(text.len() + growth);
    let mut at = 0;
    for e in order {
        if e.start < at || e.start > e.end || e.end > text.len() {
            return None;
        }
        out.extend_from_slice(&text[at..e.start]);
        out.extend_from_slice(e.new_text.as_bytes());
        at = e.end;
    }
    out.extend_from_slice(&text[at..]);
    Some(out)
}

/// An edit placed in a file: byte offsets into the file as stored, and 1-based lines
/// and columns (in Unicode characters, like every location leakhound reports).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedEdit {
    pub byte_start: usize,
    pub byte_end: usize,
    pub start: (usize, usize),
    pub end: (usize, usize),
    pub new_text: String,
}

impl PlacedEdit {
    /// The edit by byte offsets alone, for [`apply_edits`] on the file as stored.
    pub fn edit(&self) -> Edit {
        Edit {
            start: self.byte_start,
            end: self.byte_end,
            new_text: self.new_text.clone(),
        }
    }
}

/// The mechanical fix of one finding: the environment variable that should hold the
/// secret, and the edits that make the code read it (the literal's replacement first,
/// then the import it needs, if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub env_name: String,
    pub edits: Vec<PlacedEdit>,
}

/// The fix for the secret at `text[start..end]`, where `text` is the content of the file
/// at `path` from byte `base` on (a byte-order mark before it is skipped by the scanner),
/// or `None` when the replacement is not mechanical. `fallback` is the variable name to
/// use when the secret is not assigned to a name on its line.
pub fn fix_for(
    path: &str,
    text: &[u8],
    base: usize,
    start: usize,
    end: usize,
    fallback: &str,
) -> Option<Fix> {
    lang_of(path)?;
    let env_name = env_name_for(text, start, end, fallback);
    let main = env_lookup_fix(path, text, start, end, &env_name)?;
    let import = required_import(path, text);
    let place = |e: Edit| PlacedEdit {
        byte_start: base + e.start,
        byte_end: base + e.end,
        start: crate::text::position(text, e.start),
        end: crate::text::position(text, e.end),
        new_text: e.new_text,
    };
    let mut edits = vec![place(main)];
    edits.extend(import.map(place));
    Some(Fix { env_name, edits })
}

// ─── Shared byte helpers ────────────────────────────────────────────────────────────

#[cfg(test)]
mod tests {
    use super::*;
    use testing::*;

    #[test]
    fn placed_fix_counts_the_byte_order_mark_and_places_the_import() {
        let src = format!("# settings\nimport sys\nkey = '{S}'\n");
        let (start, end) = range_of(&src, S);
        let fix = fix_for("a.py", src.as_bytes(), 3, start, end, "STRIPE_KEY").unwrap();
        assert_eq!(fix.env_name, "KEY");
        let [main, import] = &fix.edits[..] else {
            panic!("two edits: {fix:?}")
        };
        // Offsets are in the file (after a 3-byte BOM); lines and columns in the text.
        assert_eq!((main.byte_start, main.byte_end), (start + 2, end + 4));
        assert_eq!((main.start, main.end), ((3, 7), (3, 7 + S.len() + 2)));
        assert_eq!(main.new_text, "os.environ[\"KEY\"]");
        assert_eq!(import.byte_start, import.byte_end);
        assert_eq!(import.new_text, "import os\n");
        // Not mechanical, or no fix for the language: nothing.
        assert!(fix_for("a.md", src.as_bytes(), 0, start, end, "K").is_none());
        assert!(fix_for("a.py", src.as_bytes(), 0, start, end - 1, "K").is_none());
    }

    #[test]
    fn languages_by_file_name() {
        assert_eq!(lang_of(".env"), Some(Lang::Dotenv));
        assert_eq!(lang_of("deploy/.env.production"), Some(Lang::Dotenv));
        assert_eq!(lang_of(".env.local"), Some(Lang::Dotenv));
        for example in [
            ".env.example",
            ".env.sample",
            ".env.template",
            ".env.dist",
            ".env.local.example",
        ] {
            assert_eq!(lang_of(example), None, "{example}");
        }
        assert_eq!(lang_of("app/settings.py"), Some(Lang::Python));
        for js in [
            "a.js",
            "a.mjs",
            "a.cjs",
            "a.jsx",
            "a.ts",
            "a.tsx",
            "a.mts",
            "a.cts",
            "types.d.ts",
        ] {
            assert_eq!(lang_of(js), Some(Lang::JavaScript), "{js}");
        }
        assert_eq!(lang_of("cmd/main.go"), Some(Lang::Go));
        assert_eq!(lang_of("lib/x.rb"), Some(Lang::Ruby));
        assert_eq!(lang_of("Gemfile"), Some(Lang::Ruby));
        assert_eq!(lang_of("sub/Rakefile"), Some(Lang::Ruby));
        assert_eq!(lang_of("x.gemspec"), Some(Lang::Ruby));
        assert_eq!(lang_of(".github/workflows/ci.yml"), Some(Lang::Yaml));
        assert_eq!(lang_of("k8s\\deploy.YAML"), Some(Lang::Yaml));
        for other in [
            "main.rs", "README", "x.json", "Makefile", "env", "a.env", "",
        ] {
            assert_eq!(lang_of(other), None, "{other}");
        }
    }

    #[test]
    fn ranges_out_of_bounds_or_inside_a_character_give_none() {
        let src = format!("KEY = \"é{S}é\"\n");
        let b = src.as_bytes();
        let (start, end) = range_of(&src, S);
        // The whole content, `é` included, is fine.
        assert!(env_lookup_fix("a.py", b, start - 2, end + 2, "KEY").is_some());
        assert_eq!(env_lookup_fix("a.py", b, start - 1, end + 2, "KEY"), None);
        assert_eq!(env_lookup_fix("a.py", b, start - 2, end + 1, "KEY"), None);
        assert_eq!(env_lookup_fix("a.py", b, start, b.len() + 5, "KEY"), None);
        assert_eq!(env_lookup_fix("a.py", b, end, start, "KEY"), None);
        assert_eq!(env_lookup_fix("a.py", b, start, start, "KEY"), None);
        assert_eq!(env_lookup_fix("a.txt", b, start - 2, end + 2, "KEY"), None);
        let invalid = b"KEY = \"ab\xffcd\"\n";
        assert_eq!(env_lookup_fix("a.py", invalid, 7, 12, "KEY"), None);
        let lines = format!("KEY = \"\"\"{S}\n{S}\"\"\"\n");
        let (start, _) = range_of(&lines, S);
        assert_eq!(
            env_lookup_fix(
                "a.py",
                lines.as_bytes(),
                start,
                start + 2 * S.len() + 1,
                "KEY"
            ),
            None
        );
    }

    #[test]
    fn apply_edits_rejects_overlaps() {
        let e = |start, end, t: &str| Edit {
            start,
            end,
            new_text: t.to_string(),
        };
        assert_eq!(
            apply_edits(b"abcdef", &[e(4, 6, "X"), e(0, 0, "<"), e(1, 2, "Y")]).unwrap(),
            b"<aYcdX"
        );
        assert_eq!(apply_edits(b"abcdef", &[e(1, 3, "X"), e(2, 4, "Y")]), None);
        assert_eq!(apply_edits(b"abc", &[e(2, 4, "X")]), None);
        assert_eq!(apply_edits(b"abc", &[e(2, 1, "X")]), None);
    }

    /// xorshift64*: deterministic, and enough to shake the tokenisers.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    #[test]
    fn random_input_never_panics() {
        const PIECES: &[&[u8]] = &[
            b"\"",
            b"'",
            b"`",
            b"\"\"\"",
            b"'''",
            b"${",
            b"#{",
            b"}",
            b"{",
            b"(",
            b")",
            b"[",
            b"]",
            b"\n",
            b"\r\n",
            b" ",
            b"\t",
            b"\\",
            b"/",
            b"//",
            b"/*",
            b"*/",
            b"#",
            b":",
            b": ",
            b"=",
            b":=",
            b"=>",
            b"-",
            b"- ",
            b"|",
            b">",
            b"%q(",
            b"%w[",
            b"?",
            b"$",
            b"@",
            b"<<~EOS",
            b"<<X",
            b"EOS",
            b"=begin",
            b"=end",
            b"__END__",
            b"import",
            b"import os",
            b"os",
            b"package main",
            b"const",
            b"var",
            b"from",
            b"__future__",
            b"export",
            b"case",
            b"return",
            b"f",
            b"b",
            b"r",
            b"key",
            b"apiKey",
            b"API_KEY",
            b"sk_live",
            b"\xc3\xa9",
            b"\xff",
            b"\x80",
            b"\xe2\x82",
            b"\0",
            b".",
            b",",
            b";",
            b"&",
            b"!",
            b"x",
            b"1",
        ];
        const PATHS: &[&str] = &[
            ".env",
            ".env.local",
            "a.py",
            "a.js",
            "a.ts",
            "a.go",
            "a.rb",
            "Gemfile",
            "a.yml",
            "a.yaml",
            "a.txt",
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..6000 {
            let mut text = Vec::new();
            for _ in 0..rng.below(40) {
                if rng.below(4) == 0 {
                    text.push(rng.next() as u8);
                } else {
                    text.extend_from_slice(PIECES[rng.below(PIECES.len())]);
                }
            }
            let path = PATHS[rng.below(PATHS.len())];
            let _ = lang_of(path);
            if let Some(edit) = required_import(path, &text) {
                assert!(edit.start <= edit.end && edit.end <= text.len());
                assert!(apply_edits(&text, &[edit]).is_some());
            }
            for _ in 0..12 {
                // Ranges: anywhere, and right after a quote (where fixes happen).
                let (start, end) = if rng.below(2) == 0 {
                    (rng.below(text.len() + 3), rng.below(text.len() + 3))
                } else {
                    let quotes: Vec<usize> = (0..text.len())
                        .filter(|&i| matches!(text[i], b'"' | b'\'' | b'`' | b'=' | b' '))
                        .collect();
                    if quotes.is_empty() {
                        continue;
                    }
                    let s = quotes[rng.below(quotes.len())] + 1;
                    (s, s + rng.below(12))
                };
                let _ = env_name_for(&text, start, end, "F");
                for name in ["KEY", "api-key", "1x", "", "a\"b"] {
                    check_fix(path, &text, start, end, name);
                }
            }
        }
    }

    /// Runs a fix and checks what any edit must be: within bounds, covering the secret,
    /// adding only ASCII delimiters around it, and applicable.
    fn check_fix(path: &str, text: &[u8], start: usize, end: usize, name: &str) -> bool {
        let Some(edit) = env_lookup_fix(path, text, start, end, name) else {
            return false;
        };
        let shown = String::from_utf8_lossy(text);
        assert!(
            edit.start <= start && end <= edit.end && edit.end <= text.len(),
            "{path} {start}..{end} {edit:?} {shown:?}"
        );
        assert!(
            text[edit.start..start].is_ascii() && text[end..edit.end].is_ascii(),
            "{path} {start}..{end} {edit:?} {shown:?}"
        );
        assert!(apply_edits(text, &[edit]).is_some());
        true
    }

    #[test]
    fn mutated_snippets_never_panic() {
        let snippets = [
            (
                ".env",
                format!("# c\nexport KEY=\"{S}\" # x\nB='{G}'\nC={S}\n"),
            ),
            (
                "a.py",
                format!(
                    "#!/bin/python\n\"\"\"Doc.\"\"\"\nfrom __future__ import x\nimport os\nK = b'{S}'\nD = {{\"k\": \"{G}\"}}\n"
                ),
            ),
            (
                "a.ts",
                format!(
                    "const re = /'/g;\nconst k = `{S}`;\nconst t = `a${{\"{G}\"}}b`;\n// '\nexport default {{ k: '{S}' }};\n"
                ),
            ),
            (
                "a.go",
                format!(
                    "package a\n\nimport (\n\t\"fmt\"\n\n\t\"x/y\"\n)\n\nconst c = 1\nvar k = `{S}`\nvar g = \"{G}\"\n"
                ),
            ),
            (
                "a.rb",
                format!(
                    "x = <<~EOS\n  '\nEOS\n=begin\n\"\n=end\nk = '{S}'\nh = {{ g: \"{G}\" }}\n%w(a b)\n"
                ),
            ),
            (
                "a.yml",
                format!("a:\n  - k: {S}\n  b: |\n    x\n  g: \"{G}\" # c\n"),
            ),
        ];
        let mut rng = Rng(0xD1B5_4A32_D192_ED03);
        let mut fixes = 0;
        for round in 0..4000 {
            let (path, src) = &snippets[round % snippets.len()];
            let mut text = src.as_bytes().to_vec();
            for _ in 0..rng.below(4) {
                let at = rng.below(text.len() + 1);
                match rng.below(3) {
                    0 if at < text.len() => {
                        text.remove(at);
                    }
                    1 if at < text.len() => text[at] = b"\"'`\n\\{}$#: \xc3\xa9\x80"[rng.below(13)],
                    _ => text.insert(at, b"\"'`\n\\{}$#:=\xff"[rng.below(12)]),
                }
            }
            let _ = required_import(path, &text);
            for secret in [S, G] {
                let Some(start) = memchr::memmem::find(&text, secret.as_bytes()) else {
                    continue;
                };
                let end = start + secret.len();
                let name = env_name_for(&text, start, end, "F");
                if check_fix(path, &text, start, end, &name) {
                    fixes += 1;
                }
                for (s, e) in [
                    (start + 1, end),
                    (start, end - 1),
                    (start.saturating_sub(1), end + 1),
                ] {
                    let _ = check_fix(path, &text, s, e, "KEY");
                }
            }
        }
        // The mutations leave most snippets fixable.
        assert!(fixes > 2000, "{fixes}");
    }
}
