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

/// A replacement of `text[start..end]` by `new_text` (byte offsets into the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub new_text: String,
}

/// The language of a file, by its name, for the languages with a fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// `.env` and `.env.*`, except examples and templates.
    Dotenv,
    Python,
    /// JavaScript and TypeScript.
    JavaScript,
    Go,
    Ruby,
    Yaml,
}

/// The language of the file at `path`, by its name; `None` for languages without a fix
/// and for dotenv examples (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`,
/// also when followed or preceded by another suffix: `.env.local.example`).
pub fn lang_of(path: &str) -> Option<Lang> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    if name == ".env" {
        return Some(Lang::Dotenv);
    }
    if let Some(rest) = name.strip_prefix(".env.") {
        const NOT_REAL: [&str; 4] = ["example", "sample", "template", "dist"];
        let example = rest
            .split('.')
            .any(|part| NOT_REAL.contains(&part.to_ascii_lowercase().as_str()));
        return (!rest.is_empty() && !example).then_some(Lang::Dotenv);
    }
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
pub fn env_lookup_fix(
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
pub fn required_import(path: &str, text: &[u8]) -> Option<Edit> {
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
pub fn env_name_for(text: &[u8], start: usize, end: usize, fallback: &str) -> String {
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

// ─── Names ──────────────────────────────────────────────────────────────────────────

/// A name that can go between double quotes in every language here without escaping.
fn is_quotable_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
}

fn is_js_identifier(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && !b[0].is_ascii_digit()
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || c == b'_' || c == b'$')
}

fn assigned_name(text: &[u8], start: usize, end: usize) -> Option<String> {
    if start > end || end > text.len() {
        return None;
    }
    let line_start = memchr::memrchr(b'\n', &text[..start]).map_or(0, |i| i + 1);
    let before = &text[line_start..start];
    let mut i = before.len();
    // The literal's opening quote, and a string prefix glued to it (`b"`, `rb'`).
    if i > 0 && matches!(before[i - 1], b'"' | b'\'' | b'`') {
        i -= 1;
        let mut k = i;
        while k > 0
            && i - k < 2
            && matches!(
                before[k - 1].to_ascii_lowercase(),
                b'b' | b'r' | b'u' | b'f'
            )
        {
            k -= 1;
        }
        if k < i && (k == 0 || !is_word_byte(before[k - 1])) {
            i = k;
        }
    }
    i = skip_blank_back(before, i);
    let head = &before[..i];
    let op = if head.ends_with(b"=>") || head.ends_with(b":=") {
        2
    } else if head.ends_with(b"=") {
        if i >= 2 && b"=!<>+-*/%|&^?~".contains(&before[i - 2]) {
            return None;
        }
        1
    } else if head.ends_with(b":") {
        if i >= 2 && before[i - 2] == b':' {
            return None;
        }
        1
    } else {
        return None;
    };
    i = skip_blank_back(before, i - op);
    let (mut lo, mut hi) = key_back(before, i)?;
    if is_type_word(&before[lo..hi]) {
        // `api_key: str = …`, `apiKey: string = …`, `var apiKey string = …`
        let mut j = skip_blank_back(before, lo);
        if j > 0 && before[j - 1] == b':' {
            j = skip_blank_back(before, j - 1);
        } else if j == lo {
            return None;
        }
        (lo, hi) = key_back(before, j)?;
    }
    // `cond ? "a" : "…"` is no key and value.
    let quoted = lo > 0 && matches!(before[lo - 1], b'"' | b'\'');
    let outer = skip_blank_back(before, if quoted { lo - 1 } else { lo });
    if outer > 0 && before[outer - 1] == b'?' {
        return None;
    }
    let key = std::str::from_utf8(&before[lo..hi]).ok()?;
    let key = key.trim_start_matches(['@', '$']);
    let key = ["self.", "this."]
        .iter()
        .find_map(|p| key.strip_prefix(p))
        .unwrap_or(key);
    let ok = key.bytes().any(|c| c.is_ascii_alphabetic())
        && key
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'));
    if !ok {
        return None;
    }
    let name = const_case(key);
    let first = *name.as_bytes().first()?;
    (!first.is_ascii_digit()).then_some(name)
}

fn is_type_word(word: &[u8]) -> bool {
    matches!(word, b"str" | b"string" | b"String" | b"bytes")
}

/// The key that ends at `before[..i]`: a word, a quoted word, or a quoted subscript
/// (`["key"]`); `(lo, hi)` of the key itself. The key must start at a boundary, so the
/// user part of `postgres://user:…` is not taken for a key.
fn key_back(before: &[u8], i: usize) -> Option<(usize, usize)> {
    // `:` only as a Ruby symbol's (`:api_key =>`), not as in `Foo::Bar` or `a:b`.
    let at_boundary = |lo: usize| {
        lo == 0
            || b" \t{(,;[".contains(&before[lo - 1])
            || (before[lo - 1] == b':' && (lo == 1 || b" \t{(,;[".contains(&before[lo - 2])))
    };
    let last = *before.get(i.checked_sub(1)?)?;
    if last == b'"' || last == b'\'' {
        let hi = i - 1;
        let lo = before[..hi].iter().rposition(|&b| b == last)? + 1;
        return at_boundary(lo - 1).then_some((lo, hi));
    }
    if last == b']' && i >= 3 && matches!(before[i - 2], b'"' | b'\'') {
        let q = before[i - 2];
        let hi = i - 2;
        let lo = before[..hi].iter().rposition(|&b| b == q)? + 1;
        return (lo >= 2 && before[lo - 2] == b'[').then_some((lo, hi));
    }
    let is_key = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'$' | b'@');
    let mut lo = i;
    while lo > 0 && is_key(before[lo - 1]) {
        lo -= 1;
    }
    (lo < i && at_boundary(lo)).then_some((lo, i))
}

fn skip_blank_back(s: &[u8], mut i: usize) -> usize {
    while i > 0 && matches!(s[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    i
}

/// `githubToken` → `GITHUB_TOKEN`, `HTTPServer` → `HTTP_SERVER`, `db.password` →
/// `DB_PASSWORD`, `oauth2Token` → `OAUTH2_TOKEN`.
fn const_case(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    let mut out = String::with_capacity(key.len() + 4);
    for (k, &c) in chars.iter().enumerate() {
        if matches!(c, '-' | '.' | '_' | ' ') {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            continue;
        }
        if c.is_ascii_uppercase() && k > 0 {
            let prev = chars[k - 1];
            let next_lower = chars.get(k + 1).is_some_and(|n| n.is_ascii_lowercase());
            let new_word = prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower);
            if new_word && !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
        }
        out.push(c.to_ascii_uppercase());
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

// ─── Shared byte helpers ────────────────────────────────────────────────────────────

/// Whether `i` is at a character boundary of `text` (never inside a UTF-8 sequence).
fn is_boundary(text: &[u8], i: usize) -> bool {
    i == text.len() || text.get(i).is_some_and(|&b| (b & 0xC0) != 0x80)
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Offset of the `\n` that ends the line holding `i`, or `text.len()`.
fn line_end(text: &[u8], i: usize) -> usize {
    let i = i.min(text.len());
    memchr::memchr(b'\n', &text[i..]).map_or(text.len(), |k| i + k)
}

fn line_start(text: &[u8], i: usize) -> usize {
    let i = i.min(text.len());
    memchr::memrchr(b'\n', &text[..i]).map_or(0, |k| k + 1)
}

/// The line holding `i` without its line ending (`\n` or `\r\n`): `(start, end)`.
fn line_bounds(text: &[u8], i: usize) -> (usize, usize) {
    let ls = line_start(text, i);
    let mut le = line_end(text, i);
    if le > ls && text[le - 1] == b'\r' {
        le -= 1;
    }
    (ls, le)
}

/// The file's line ending, by its first line: `\r\n` or `\n`.
fn eol_of(text: &[u8]) -> &'static str {
    match memchr::memchr(b'\n', text) {
        Some(k) if k > 0 && text[k - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

fn find(text: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let from = from.min(text.len());
    memchr::memmem::find(&text[from..], needle).map(|k| from + k)
}

fn indent_of(line: &[u8]) -> usize {
    line.iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count()
}

fn trim_blank_end(s: &[u8]) -> &[u8] {
    let n = s.len()
        - s.iter()
            .rev()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
    &s[..n]
}

// ─── Tokens ─────────────────────────────────────────────────────────────────────────

/// A token of a source file, as far as fixes care: words (identifiers, keywords,
/// numbers and literals that are not strings), punctuation bytes, newlines and
/// string literals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tok {
    kind: Kind,
    lo: usize,
    hi: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Punct(u8),
    Newline,
    Str(Lit),
}

/// A string literal: its content is `body_lo..body_hi`, the token (prefix and quotes
/// included) `Tok::lo..Tok::hi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Lit {
    body_lo: usize,
    body_hi: usize,
    quote: u8,
    /// Closed on its own line, without escapes or interpolation: the content is the
    /// value, byte for byte.
    plain: bool,
    /// Python: a bytes literal.
    bytes: bool,
}

fn tok(kind: Kind, lo: usize, hi: usize) -> Tok {
    Tok { kind, lo, hi }
}

/// Whether tokenising can stop: a token at or past `stop` that is not a newline has
/// been read (so the token after a literal ending at `stop` is known).
fn passed(toks: &[Tok], stop: usize) -> bool {
    matches!(toks.last(), Some(t) if t.kind != Kind::Newline && t.lo >= stop)
}

fn last_sig(toks: &[Tok]) -> Option<&Tok> {
    toks.iter().rev().find(|t| t.kind != Kind::Newline)
}

fn prev_sig(toks: &[Tok], k: usize) -> Option<&Tok> {
    toks[..k].iter().rev().find(|t| t.kind != Kind::Newline)
}

fn next_sig(toks: &[Tok], k: usize) -> Option<&Tok> {
    toks.get(k + 1..)?.iter().find(|t| t.kind != Kind::Newline)
}

fn is_str(t: Option<&Tok>) -> bool {
    matches!(
        t,
        Some(Tok {
            kind: Kind::Str(_),
            ..
        })
    )
}

fn is_punct(t: Option<&Tok>, set: &[u8]) -> bool {
    matches!(t, Some(Tok { kind: Kind::Punct(c), .. }) if set.contains(c))
}

fn is_word(text: &[u8], t: Option<&Tok>, words: &[&[u8]]) -> bool {
    match t {
        Some(t) if t.kind == Kind::Word => words.contains(&&text[t.lo..t.hi]),
        _ => false,
    }
}

/// The string token whose content is exactly `start..end`.
fn literal_at(toks: &[Tok], start: usize, end: usize) -> Option<(usize, Lit)> {
    toks.iter().enumerate().find_map(|(k, t)| match t.kind {
        Kind::Str(l) if l.body_lo == start && l.body_hi == end => Some((k, l)),
        _ => None,
    })
}

/// A one-line string with backslash escapes, opening at `text[i]` (JavaScript `'`/`"`,
/// Go `"`). Unterminated at the end of the line.
fn quoted(text: &[u8], i: usize) -> Tok {
    let q = text[i];
    let mut j = i + 1;
    let mut escaped = false;
    let (body_hi, hi, closed) = loop {
        match text.get(j) {
            None => break (text.len(), text.len(), false),
            Some(b'\\') => {
                escaped = true;
                j += 2;
            }
            Some(b'\n') => break (j, j, false),
            Some(&b) if b == q => break (j, j + 1, true),
            Some(_) => j += 1,
        }
    };
    let lit = Lit {
        body_lo: i + 1,
        body_hi,
        quote: q,
        plain: closed && !escaped,
        bytes: false,
    };
    tok(Kind::Str(lit), i, hi)
}

fn word_end(text: &[u8], mut i: usize, extra: u8) -> usize {
    while i < text.len() && (is_word_byte(text[i]) || text[i] == extra) {
        i += 1;
    }
    i
}

// ─── Python ─────────────────────────────────────────────────────────────────────────

fn lex_python(text: &[u8], stop: usize) -> Vec<Tok> {
    let n = text.len();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < n && !passed(&toks, stop) {
        let c = text[i];
        match c {
            b'\n' => {
                toks.push(tok(Kind::Newline, i, i + 1));
                i += 1;
            }
            b'#' => i = line_end(text, i),
            // An explicit line joining: the newline is not a token.
            b'\\' if text.get(i + 1) == Some(&b'\n') => i += 2,
            b'\\' if text.get(i + 1) == Some(&b'\r') && text.get(i + 2) == Some(&b'\n') => i += 3,
            b'\'' | b'"' => {
                let t = python_string(text, i, i);
                i = t.hi;
                toks.push(t);
            }
            c if c.is_ascii_whitespace() => i += 1,
            c if is_word_byte(c) => {
                let hi = word_end(text, i, 0);
                let prefix = &text[i..hi];
                if matches!(text.get(hi), Some(b'\'' | b'"')) && is_python_prefix(prefix) {
                    let t = python_string(text, i, hi);
                    i = t.hi;
                    toks.push(t);
                } else {
                    toks.push(tok(Kind::Word, i, hi));
                    i = hi;
                }
            }
            _ => {
                toks.push(tok(Kind::Punct(c), i, i + 1));
                i += 1;
            }
        }
    }
    toks
}

fn is_python_prefix(p: &[u8]) -> bool {
    let lower = p.to_ascii_lowercase();
    matches!(
        lower.as_slice(),
        b"r" | b"u" | b"b" | b"f" | b"t" | b"br" | b"rb" | b"fr" | b"rf" | b"tr" | b"rt"
    )
}

/// A Python string with its prefix at `lo` and its opening quote at `q_at`.
fn python_string(text: &[u8], lo: usize, q_at: usize) -> Tok {
    let prefix = text[lo..q_at].to_ascii_lowercase();
    let q = text[q_at];
    let triple = text.get(q_at + 1) == Some(&q) && text.get(q_at + 2) == Some(&q);
    let body_lo = q_at + if triple { 3 } else { 1 };
    let mut j = body_lo;
    let mut escaped = false;
    let mut multiline = false;
    let (body_hi, hi, closed) = loop {
        match text.get(j) {
            None => break (text.len(), text.len(), false),
            Some(b'\\') => {
                escaped = true;
                j += 2;
            }
            Some(b'\n') if !triple => break (j, j, false),
            Some(b'\n') => {
                multiline = true;
                j += 1;
            }
            Some(&b) if b == q => {
                if !triple {
                    break (j, j + 1, true);
                }
                if text.get(j + 1) == Some(&q) && text.get(j + 2) == Some(&q) {
                    break (j, j + 3, true);
                }
                j += 1;
            }
            Some(_) => j += 1,
        }
    };
    let formatted = prefix.contains(&b'f') || prefix.contains(&b't');
    let lit = Lit {
        body_lo,
        body_hi,
        quote: q,
        plain: closed && !triple && !escaped && !multiline && !formatted,
        bytes: prefix.contains(&b'b'),
    };
    tok(Kind::Str(lit), lo, hi)
}

fn python_fix(text: &[u8], start: usize, end: usize, name: &str) -> Option<Edit> {
    if !is_quotable_name(name) {
        return None;
    }
    let toks = lex_python(text, end);
    let (k, lit) = literal_at(&toks, start, end)?;
    let (prev, next) = (prev_sig(&toks, k), next_sig(&toks, k));
    // Adjacent literals are one string (`"a" "b"`); a `case` pattern takes no calls.
    if !lit.plain || is_str(prev) || is_str(next) || is_word(text, prev, &[b"case"]) {
        return None;
    }
    let mut new_text = format!("os.environ[\"{name}\"]");
    if lit.bytes {
        new_text.push_str(".encode()");
    }
    Some(Edit {
        start: toks[k].lo,
        end: toks[k].hi,
        new_text,
    })
}

/// Whether a top-level `import` statement binds the name `os`.
fn python_imports_os(text: &[u8], toks: &[Tok]) -> bool {
    let mut k = 0;
    while k < toks.len() {
        let t = toks[k];
        k += 1;
        if !(t.kind == Kind::Word
            && &text[t.lo..t.hi] == b"import"
            && line_start(text, t.lo) == t.lo)
        {
            continue;
        }
        // `import a.b as c, d, e.f`
        while let Some(first) = toks.get(k).filter(|t| t.kind == Kind::Word) {
            k += 1;
            while is_punct(toks.get(k), b".")
                && toks.get(k + 1).is_some_and(|t| t.kind == Kind::Word)
            {
                k += 2;
            }
            let aliased = is_word(text, toks.get(k), &[b"as"]);
            if aliased {
                k += 2;
            }
            if &text[first.lo..first.hi] == b"os" && !aliased {
                return true;
            }
            if !is_punct(toks.get(k), b",") {
                break;
            }
            k += 1;
        }
    }
    false
}

fn python_import(text: &[u8]) -> Option<Edit> {
    let toks = lex_python(text, usize::MAX);
    if python_imports_os(text, &toks) {
        return None;
    }
    let eol = eol_of(text);
    let sig = |k: usize| {
        toks[k..]
            .iter()
            .position(|t| t.kind != Kind::Newline)
            .map(|d| k + d)
    };
    // After the docstring and the `from __future__` imports, which must come first.
    let mut after: Option<usize> = None;
    let mut k = sig(0);
    if let Some(d) = k
        && matches!(toks[d].kind, Kind::Str(_))
        && toks.get(d + 1).is_none_or(|t| t.kind == Kind::Newline)
    {
        after = Some(toks.get(d + 1).map_or(text.len(), |t| t.hi));
        k = sig(d + 1);
    }
    while let Some(d) = k {
        let future = is_word(text, toks.get(d), &[b"from"])
            && is_word(text, toks.get(d + 1), &[b"__future__"]);
        if !future {
            break;
        }
        let mut depth = 0i32;
        let mut e = d;
        while e < toks.len() {
            match toks[e].kind {
                Kind::Punct(b'(') => depth += 1,
                Kind::Punct(b')') => depth -= 1,
                Kind::Newline if depth <= 0 => break,
                _ => {}
            }
            e += 1;
        }
        after = Some(toks.get(e).map_or(text.len(), |t| t.hi));
        k = sig(e);
    }
    let at = match (after, k) {
        (Some(a), _) => a,
        (None, Some(d)) => line_start(text, toks[d].lo),
        (None, None) => text.len(),
    };
    let mut new_text = String::new();
    if at > 0 && text[at - 1] != b'\n' {
        new_text.push_str(eol);
    }
    new_text.push_str("import os");
    new_text.push_str(eol);
    Some(Edit {
        start: at,
        end: at,
        new_text,
    })
}

// ─── JavaScript and TypeScript ──────────────────────────────────────────────────────

/// Keywords after which an expression starts (so `/` opens a regex and a template is
/// not tagged).
const JS_EXPR_KEYWORDS: &[&[u8]] = &[
    b"return",
    b"typeof",
    b"instanceof",
    b"in",
    b"of",
    b"new",
    b"delete",
    b"void",
    b"throw",
    b"case",
    b"do",
    b"else",
    b"yield",
    b"await",
];

/// Whether an expression may start after `prev`.
fn js_expr_position(text: &[u8], prev: Option<&Tok>) -> bool {
    match prev {
        None => true,
        Some(p) => match p.kind {
            Kind::Punct(c) => !matches!(c, b')' | b']' | b'}'),
            Kind::Word => JS_EXPR_KEYWORDS.contains(&&text[p.lo..p.hi]),
            Kind::Str(_) => false,
            Kind::Newline => true,
        },
    }
}

fn lex_js(text: &[u8], stop: usize) -> Vec<Tok> {
    let n = text.len();
    let mut toks = Vec::new();
    let mut i = if text.starts_with(b"#!") {
        line_end(text, 0)
    } else {
        0
    };
    // Open braces in code, and the brace depth at each open `${` of a template.
    let mut depth = 0usize;
    let mut substitutions: Vec<usize> = Vec::new();
    while i < n && !passed(&toks, stop) {
        let c = text[i];
        match c {
            b'\n' => {
                toks.push(tok(Kind::Newline, i, i + 1));
                i += 1;
            }
            b'/' if text.get(i + 1) == Some(&b'/') => i = line_end(text, i),
            b'/' if text.get(i + 1) == Some(&b'*') => {
                i = find(text, i + 2, b"*/").map_or(n, |k| k + 2)
            }
            b'/' if js_expr_position(text, last_sig(&toks)) => {
                let hi = regex_end(text, i);
                toks.push(tok(Kind::Word, i, hi));
                i = hi;
            }
            b'\'' | b'"' => {
                let t = quoted(text, i);
                i = t.hi;
                toks.push(t);
            }
            b'`' => {
                let (t, open) = js_template(text, i);
                i = t.hi;
                toks.push(t);
                if open {
                    substitutions.push(depth);
                }
            }
            b'}' if substitutions.last() == Some(&depth) => {
                // The end of a `${…}`: the template goes on.
                substitutions.pop();
                let (t, open) = js_template(text, i);
                i = t.hi;
                toks.push(t);
                if open {
                    substitutions.push(depth);
                }
            }
            b'{' | b'}' => {
                if c == b'{' {
                    depth += 1;
                } else {
                    depth = depth.saturating_sub(1);
                }
                toks.push(tok(Kind::Punct(c), i, i + 1));
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            c if is_word_byte(c) || c == b'$' => {
                let hi = word_end(text, i, b'$');
                toks.push(tok(Kind::Word, i, hi));
                i = hi;
            }
            _ => {
                toks.push(tok(Kind::Punct(c), i, i + 1));
                i += 1;
            }
        }
    }
    toks
}

/// A template part starting at `text[i]` (an opening backtick, or the `}` closing a
/// substitution) up to the closing backtick or the next `${`; whether it ended at `${`.
fn js_template(text: &[u8], i: usize) -> (Tok, bool) {
    let mut j = i + 1;
    let mut escaped = false;
    let mut multiline = false;
    let (body_hi, hi, closed, open) = loop {
        match text.get(j) {
            None => break (text.len(), text.len(), false, false),
            Some(b'\\') => {
                escaped = true;
                j += 2;
            }
            Some(b'`') => break (j, j + 1, true, false),
            Some(b'$') if text.get(j + 1) == Some(&b'{') => break (j, j + 2, false, true),
            Some(b'\n') => {
                multiline = true;
                j += 1;
            }
            Some(_) => j += 1,
        }
    };
    let lit = Lit {
        body_lo: i + 1,
        body_hi,
        quote: b'`',
        plain: text[i] == b'`' && closed && !escaped && !multiline,
        bytes: false,
    };
    (tok(Kind::Str(lit), i, hi), open)
}

/// The end of a regex literal opening at `text[i]` (flags included); it ends at the
/// end of its line at the latest.
fn regex_end(text: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    let mut class = false;
    loop {
        match text.get(j) {
            None => return text.len(),
            Some(b'\\') => j += 2,
            Some(b'\n') => return j,
            Some(b'[') => {
                class = true;
                j += 1;
            }
            Some(b']') => {
                class = false;
                j += 1;
            }
            Some(b'/') if !class => return word_end(text, j + 1, 0),
            Some(_) => j += 1,
        }
    }
}

fn js_fix(text: &[u8], start: usize, end: usize, name: &str) -> Option<Edit> {
    if !is_quotable_name(name) {
        return None;
    }
    let toks = lex_js(text, end);
    let (k, lit) = literal_at(&toks, start, end)?;
    let (prev, next) = (prev_sig(&toks, k), next_sig(&toks, k));
    if !lit.plain {
        return None;
    }
    // A module specifier (`import … from "…"`, `import "…"`).
    if is_word(text, prev, &[b"from", b"import"]) {
        return None;
    }
    // A tagged template: tag`…`.
    if lit.quote == b'`' && !js_expr_position(text, prev) {
        return None;
    }
    // A property name: `{ "…": value }`.
    if is_punct(next, b":") && (prev.is_none() || is_punct(prev, b"{,;}")) {
        return None;
    }
    let new_text = if is_js_identifier(name) {
        format!("process.env.{name}")
    } else {
        format!("process.env[\"{name}\"]")
    };
    Some(Edit {
        start: toks[k].lo,
        end: toks[k].hi,
        new_text,
    })
}

// ─── Go ─────────────────────────────────────────────────────────────────────────────

fn lex_go(text: &[u8], stop: usize) -> Vec<Tok> {
    let n = text.len();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < n && !passed(&toks, stop) {
        let c = text[i];
        match c {
            b'\n' => {
                toks.push(tok(Kind::Newline, i, i + 1));
                i += 1;
            }
            b'/' if text.get(i + 1) == Some(&b'/') => i = line_end(text, i),
            b'/' if text.get(i + 1) == Some(&b'*') => {
                let hi = find(text, i + 2, b"*/").map_or(n, |k| k + 2);
                // A general comment holding a newline acts like one.
                if memchr::memchr(b'\n', &text[i..hi]).is_some() {
                    toks.push(tok(Kind::Newline, i, hi));
                }
                i = hi;
            }
            b'"' => {
                let t = quoted(text, i);
                i = t.hi;
                toks.push(t);
            }
            b'`' => {
                let close = memchr::memchr(b'`', &text[i + 1..]).map(|k| i + 1 + k);
                let body_hi = close.unwrap_or(n);
                let lit = Lit {
                    body_lo: i + 1,
                    body_hi,
                    quote: b'`',
                    plain: close.is_some()
                        && memchr::memchr(b'\n', &text[i + 1..body_hi]).is_none(),
                    bytes: false,
                };
                let hi = close.map_or(n, |k| k + 1);
                toks.push(tok(Kind::Str(lit), i, hi));
                i = hi;
            }
            b'\'' => {
                // A rune literal: a word as far as fixes care.
                let mut j = i + 1;
                while j < n && text[j] != b'\'' && text[j] != b'\n' {
                    j += if text[j] == b'\\' { 2 } else { 1 };
                }
                let hi = if j < n && text[j] == b'\'' {
                    j + 1
                } else {
                    j.min(n)
                };
                toks.push(tok(Kind::Word, i, hi));
                i = hi;
            }
            c if c.is_ascii_whitespace() => i += 1,
            c if is_word_byte(c) => {
                let hi = word_end(text, i, 0);
                toks.push(tok(Kind::Word, i, hi));
                i = hi;
            }
            _ => {
                toks.push(tok(Kind::Punct(c), i, i + 1));
                i += 1;
            }
        }
    }
    toks
}

/// Whether `toks[idx]` lies inside a declaration introduced by `keyword` (`const`,
/// `import`), either a parenthesised group or a single spec. A single spec ends where Go
/// inserts a semicolon: a newline after a word, literal or closing bracket, at the
/// declaration's bracket depth.
fn go_in_decl(text: &[u8], toks: &[Tok], idx: usize, keyword: &[u8]) -> bool {
    let mut depth = 0usize;
    // (bracket depth at the keyword, parenthesised)
    let mut decl: Option<(usize, bool)> = None;
    let mut last: Option<Tok> = None;
    for (k, t) in toks[..idx].iter().enumerate() {
        match t.kind {
            Kind::Word if &text[t.lo..t.hi] == keyword => {
                decl = Some((depth, is_punct(next_sig(toks, k), b"(")));
            }
            Kind::Punct(b'(' | b'[' | b'{') => depth += 1,
            Kind::Punct(b')' | b']' | b'}') => {
                depth = depth.saturating_sub(1);
                if decl == Some((depth, true)) {
                    decl = None;
                }
            }
            Kind::Punct(b';') if decl == Some((depth, false)) => decl = None,
            Kind::Newline if decl == Some((depth, false)) => {
                let ends = last.is_some_and(|l| {
                    matches!(
                        l.kind,
                        Kind::Word | Kind::Str(_) | Kind::Punct(b')' | b']' | b'}')
                    )
                });
                if ends {
                    decl = None;
                }
            }
            _ => {}
        }
        if t.kind != Kind::Newline {
            last = Some(*t);
        }
    }
    decl.is_some()
}

fn go_fix(text: &[u8], start: usize, end: usize, name: &str) -> Option<Edit> {
    if !is_quotable_name(name) {
        return None;
    }
    let toks = lex_go(text, end);
    let (k, lit) = literal_at(&toks, start, end)?;
    if !lit.plain {
        return None;
    }
    // After a type the literal is a struct tag; a call cannot follow `)`, `]`, `}` or a
    // name either.
    let prev = prev_sig(&toks, k);
    let expression = match prev {
        Some(p) => match p.kind {
            Kind::Punct(c) => !matches!(c, b')' | b']' | b'}' | b'.'),
            Kind::Word => is_word(text, prev, &[b"return", b"case"]),
            _ => false,
        },
        None => false,
    };
    // A constant cannot hold a call; an import path is no value.
    if !expression || go_in_decl(text, &toks, k, b"const") || go_in_decl(text, &toks, k, b"import")
    {
        return None;
    }
    Some(Edit {
        start: toks[k].lo,
        end: toks[k].hi,
        new_text: format!("os.Getenv(\"{name}\")"),
    })
}

/// One import spec: `lo` is where it starts (its name, or its path).
struct GoSpec {
    lo: usize,
    path: Tok,
    alias: Option<Tok>,
}

enum GoImport {
    Single {
        keyword: Tok,
        spec: GoSpec,
    },
    Block {
        open: Tok,
        close: Tok,
        specs: Vec<GoSpec>,
    },
}

fn str_body<'t>(text: &'t [u8], t: &Tok) -> &'t [u8] {
    match t.kind {
        Kind::Str(l) => &text[l.body_lo..l.body_hi],
        _ => &[],
    }
}

/// The import declarations after the package clause: `(package name token, imports)`,
/// or `None` when the file does not start with a package clause or an import is
/// malformed.
fn go_imports(text: &[u8], toks: &[Tok]) -> Option<(Tok, Vec<GoImport>)> {
    let sig: Vec<Tok> = toks
        .iter()
        .copied()
        .filter(|t| t.kind != Kind::Newline)
        .collect();
    if !is_word(text, sig.first(), &[b"package"]) {
        return None;
    }
    let package = *sig.get(1).filter(|t| t.kind == Kind::Word)?;
    let mut imports = Vec::new();
    let mut k = 2;
    let spec_at = |k: &mut usize| -> Option<GoSpec> {
        let first = *sig.get(*k)?;
        let alias = match first.kind {
            Kind::Word | Kind::Punct(b'.') => {
                *k += 1;
                Some(first)
            }
            _ => None,
        };
        let path = *sig.get(*k).filter(|t| matches!(t.kind, Kind::Str(_)))?;
        *k += 1;
        Some(GoSpec {
            lo: first.lo,
            path,
            alias,
        })
    };
    loop {
        while is_punct(sig.get(k), b";") {
            k += 1;
        }
        if !is_word(text, sig.get(k), &[b"import"]) {
            break;
        }
        let keyword = sig[k];
        k += 1;
        if is_punct(sig.get(k), b"(") {
            let open = sig[k];
            k += 1;
            let mut specs = Vec::new();
            loop {
                while is_punct(sig.get(k), b";") {
                    k += 1;
                }
                if is_punct(sig.get(k), b")") {
                    break;
                }
                specs.push(spec_at(&mut k)?);
            }
            imports.push(GoImport::Block {
                open,
                close: sig[k],
                specs,
            });
            k += 1;
        } else {
            let spec = spec_at(&mut k)?;
            imports.push(GoImport::Single { keyword, spec });
        }
    }
    Some((package, imports))
}

fn go_import(text: &[u8]) -> Option<Edit> {
    let toks = lex_go(text, usize::MAX);
    let (package, imports) = go_imports(text, &toks)?;
    let eol = eol_of(text);
    let specs = imports.iter().flat_map(|d| match d {
        GoImport::Single { spec, .. } => std::slice::from_ref(spec),
        GoImport::Block { specs, .. } => specs.as_slice(),
    });
    let mut has_os = false;
    for s in specs {
        let named_os = s.alias.is_none_or(|a| &text[a.lo..a.hi] == b"os");
        has_os |= str_body(text, &s.path) == b"os" && named_os;
    }
    if has_os {
        return None;
    }
    let block = imports.iter().find_map(|d| match d {
        GoImport::Block { open, close, specs } => Some((open, close, specs)),
        _ => None,
    });
    if let Some((open, close, specs)) = block {
        return Some(go_block_insert(text, open, close, specs, eol));
    }
    if let Some(GoImport::Single { keyword, spec }) = imports.first() {
        let existing = std::str::from_utf8(&text[spec.lo..spec.path.hi]).ok()?;
        let mut lines = [existing.to_string(), "\"os\"".to_string()];
        if str_body(text, &spec.path) > b"os".as_slice() {
            lines.swap(0, 1);
        }
        let new_text = format!("import ({eol}\t{}{eol}\t{}{eol})", lines[0], lines[1]);
        return Some(Edit {
            start: keyword.lo,
            end: spec.path.hi,
            new_text,
        });
    }
    // No import yet: one after the package clause's line.
    let le = line_end(text, package.hi);
    let (at, new_text) = if le < text.len() {
        (le + 1, format!("{eol}import \"os\"{eol}"))
    } else {
        (le, format!("{eol}{eol}import \"os\"{eol}"))
    };
    Some(Edit {
        start: at,
        end: at,
        new_text,
    })
}

/// Adds `"os"` to an `import ( … )` block: one spec per line, in sorted place in the
/// first group (specs up to the first blank line), as gofmt and goimports keep them.
fn go_block_insert(text: &[u8], open: &Tok, close: &Tok, specs: &[GoSpec], eol: &str) -> Edit {
    let line_of = |i: usize| line_start(text, i);
    let mut lines: Vec<usize> = specs.iter().map(|s| line_of(s.lo)).collect();
    lines.push(line_of(open.lo));
    lines.push(line_of(close.lo));
    let count = lines.len();
    lines.sort_unstable();
    lines.dedup();
    if lines.len() < count {
        // Specs sharing a line (`import ("fmt"; "io")`): insert right after `(`.
        return Edit {
            start: open.hi,
            end: open.hi,
            new_text: "\"os\"; ".to_string(),
        };
    }
    let blank_between = |a: &GoSpec, b: &GoSpec| {
        let from = line_end(text, a.path.hi);
        let to = line_of(b.lo);
        // The whole lines between the two specs (the last piece of the split is the
        // empty rest after the final newline).
        let between = &text[(from + 1).min(to)..to];
        between
            .split(|&c| c == b'\n')
            .rev()
            .skip(1)
            .any(|l| l.iter().all(|c| c.is_ascii_whitespace()))
    };
    let mut group = specs.len();
    for k in 1..specs.len() {
        if blank_between(&specs[k - 1], &specs[k]) {
            group = k;
            break;
        }
    }
    let first = &specs[..group];
    let spec_line = |s: &GoSpec| {
        let ls = line_of(s.lo);
        let indent = indent_of(&text[ls..]);
        (
            ls,
            String::from_utf8_lossy(&text[ls..ls + indent]).into_owned(),
        )
    };
    let (at, indent) = match first
        .iter()
        .find(|s| str_body(text, &s.path) > b"os".as_slice())
    {
        Some(s) => spec_line(s),
        None => match first.last() {
            Some(s) => {
                let (_, indent) = spec_line(s);
                ((line_end(text, s.path.hi) + 1).min(text.len()), indent)
            }
            None => (line_of(close.lo), "\t".to_string()),
        },
    };
    Edit {
        start: at,
        end: at,
        new_text: format!("{indent}\"os\"{eol}"),
    }
}

// ─── Ruby ───────────────────────────────────────────────────────────────────────────

const RUBY_EXPR_KEYWORDS: &[&[u8]] = &[
    b"if", b"elsif", b"unless", b"while", b"until", b"return", b"and", b"or", b"not", b"when",
    b"case", b"then", b"else", b"do", b"yield", b"puts", b"print", b"p", b"raise", b"in",
];

/// Whether an expression may start after `prev` (so `/` opens a regex, `?x` is a
/// character and `%(…)` a string).
fn ruby_expr_position(text: &[u8], prev: Option<&Tok>) -> bool {
    match prev {
        None => true,
        Some(p) => match p.kind {
            Kind::Punct(c) => !matches!(c, b')' | b']' | b'}'),
            Kind::Word => RUBY_EXPR_KEYWORDS.contains(&&text[p.lo..p.hi]),
            Kind::Str(_) => false,
            Kind::Newline => true,
        },
    }
}

fn starts_line_with(text: &[u8], i: usize, word: &[u8]) -> bool {
    text[i..].starts_with(word)
        && text
            .get(i + word.len())
            .is_none_or(|b| b.is_ascii_whitespace())
}

fn lex_ruby(text: &[u8], stop: usize) -> Vec<Tok> {
    let n = text.len();
    let mut toks = Vec::new();
    // Heredocs opened on the current line: (terminator, indented terminator allowed).
    let mut heredocs: Vec<(Vec<u8>, bool)> = Vec::new();
    let mut i = 0;
    while i < n && !passed(&toks, stop) {
        if i == 0 || text[i - 1] == b'\n' {
            if starts_line_with(text, i, b"=begin") {
                i = ruby_skip_block_comment(text, i);
                continue;
            }
            if starts_line_with(text, i, b"__END__") {
                break;
            }
        }
        let c = text[i];
        // Only where it matters: finding the last token costs a walk over newlines.
        let expr = matches!(c, b'%' | b'/' | b'?') && ruby_expr_position(text, last_sig(&toks));
        match c {
            b'\n' => {
                toks.push(tok(Kind::Newline, i, i + 1));
                i += 1;
                if !heredocs.is_empty() {
                    i = ruby_skip_heredocs(text, i, &heredocs);
                    heredocs.clear();
                }
            }
            b'#' => i = line_end(text, i),
            b'\'' | b'"' | b'`' => {
                let t = ruby_string(text, i);
                i = t.hi;
                toks.push(t);
            }
            // A symbol written as a string: `:"…"`; `key:"…"` is a hash key instead.
            b':' if matches!(text.get(i + 1), Some(b'"' | b'\''))
                && (i == 0 || !(is_word_byte(text[i - 1]) || text[i - 1] == b':')) =>
            {
                let t = ruby_string(text, i + 1);
                toks.push(tok(Kind::Word, i, t.hi));
                i = t.hi;
            }
            b'%' if ruby_percent_end(text, i, expr).is_some() => {
                let hi = ruby_percent_end(text, i, expr).unwrap_or(n);
                toks.push(tok(Kind::Word, i, hi));
                i = hi;
            }
            b'/' if expr => {
                let hi = regex_end(text, i);
                toks.push(tok(Kind::Word, i, hi));
                i = hi;
            }
            b'?' if expr
                && text.get(i + 1).is_some_and(|b| !b.is_ascii_whitespace())
                && text.get(i + 2).is_none_or(|&b| !is_word_byte(b)) =>
            {
                let hi = if text[i + 1] == b'\\' { i + 3 } else { i + 2 };
                let hi = hi.min(n);
                toks.push(tok(Kind::Word, i, hi));
                i = hi;
            }
            b'<' if ruby_heredoc_start(text, i).is_some() => {
                let (id, indented, hi) = ruby_heredoc_start(text, i).unwrap_or_default();
                heredocs.push((id, indented));
                toks.push(tok(Kind::Word, i, hi));
                i = hi.max(i + 1);
            }
            b'$' if text.get(i + 1).is_some_and(|b| b.is_ascii_punctuation()) => {
                toks.push(tok(Kind::Word, i, i + 2));
                i += 2;
            }
            c if c.is_ascii_whitespace() => i += 1,
            c if is_word_byte(c) => {
                let hi = word_end(text, i, 0);
                toks.push(tok(Kind::Word, i, hi));
                i = hi;
            }
            _ => {
                toks.push(tok(Kind::Punct(c), i, i + 1));
                i += 1;
            }
        }
    }
    toks
}

/// A Ruby string opening at `text[i]`; it may span lines. Double quotes and backticks
/// interpolate (`#{…}`, `#@x`, `#$x`).
fn ruby_string(text: &[u8], i: usize) -> Tok {
    let q = text[i];
    let interpolates = q != b'\'';
    let mut j = i + 1;
    let mut escaped = false;
    let mut interpolated = false;
    let mut multiline = false;
    let (body_hi, hi, closed) = loop {
        match text.get(j) {
            None => break (text.len(), text.len(), false),
            Some(b'\\') => {
                escaped = true;
                j += 2;
            }
            Some(b'\n') => {
                multiline = true;
                j += 1;
            }
            Some(&b) if b == q => break (j, j + 1, true),
            Some(b'#') if interpolates && matches!(text.get(j + 1), Some(b'{' | b'@' | b'$')) => {
                interpolated = true;
                j = if text[j + 1] == b'{' {
                    ruby_skip_interpolation(text, j + 2)
                } else {
                    j + 1
                };
            }
            Some(_) => j += 1,
        }
    };
    let lit = Lit {
        body_lo: i + 1,
        body_hi,
        quote: q,
        plain: closed && !escaped && !interpolated && !multiline && q != b'`',
        bytes: false,
    };
    tok(Kind::Str(lit), i, hi)
}

/// Past the `}` closing an interpolation whose code starts at `j`; strings inside it
/// are skipped whole (without looking into their own interpolations).
fn ruby_skip_interpolation(text: &[u8], mut j: usize) -> usize {
    let n = text.len();
    let mut depth = 1usize;
    while j < n {
        match text[j] {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return j + 1;
                }
            }
            q @ (b'"' | b'\'') => {
                j += 1;
                while j < n && text[j] != q {
                    j += if text[j] == b'\\' { 2 } else { 1 };
                }
            }
            _ => {}
        }
        j += 1;
    }
    n
}

/// The end of a `%` literal at `text[i]` (`%q(…)`, `%w[…]`, `%(…)`), or `None` when
/// the `%` is an operator.
fn ruby_percent_end(text: &[u8], i: usize, expr: bool) -> Option<usize> {
    let mut k = i + 1;
    let typed = text.get(k).is_some_and(|b| b"qQwWiIrsx".contains(b));
    if typed {
        k += 1;
    }
    let open = *text.get(k)?;
    let ok = if typed {
        open.is_ascii_punctuation() && open != b'='
    } else {
        expr && b"([{<|!/".contains(&open)
    };
    if !ok {
        return None;
    }
    let close = match open {
        b'(' => b')',
        b'[' => b']',
        b'{' => b'}',
        b'<' => b'>',
        o => o,
    };
    let mut depth = 1usize;
    let mut j = k + 1;
    while j < text.len() {
        let b = text[j];
        if b == b'\\' {
            j += 2;
            continue;
        }
        if b == close {
            depth -= 1;
            if depth == 0 {
                return Some(j + 1);
            }
        } else if b == open {
            depth += 1;
        }
        j += 1;
    }
    Some(text.len())
}

/// A heredoc opener at `text[i]` (`<<~EOS`, `<<-EOS`, `<<EOS`, `<<~'EOS'`):
/// (terminator, whether it may be indented, end of the opener).
fn ruby_heredoc_start(text: &[u8], i: usize) -> Option<(Vec<u8>, bool, usize)> {
    if text.get(i + 1) != Some(&b'<') {
        return None;
    }
    let mut k = i + 2;
    let indented = matches!(text.get(k), Some(b'~' | b'-'));
    if indented {
        k += 1;
    }
    let c = *text.get(k)?;
    let (id, hi) = if matches!(c, b'\'' | b'"' | b'`') {
        let close = k + 1 + memchr::memchr(c, &text[k + 1..line_end(text, k)])?;
        (text[k + 1..close].to_vec(), close + 1)
    } else if c == b'_' || c.is_ascii_uppercase() || (indented && c.is_ascii_alphabetic()) {
        let hi = word_end(text, k, 0);
        (text[k..hi].to_vec(), hi)
    } else {
        return None;
    };
    (!id.is_empty()).then_some((id, indented, hi))
}

/// Past the bodies of the heredocs opened on the line before `i`.
fn ruby_skip_heredocs(text: &[u8], mut i: usize, docs: &[(Vec<u8>, bool)]) -> usize {
    for (id, indented) in docs {
        loop {
            if i >= text.len() {
                return text.len();
            }
            let le = line_end(text, i);
            let mut line = &text[i..le];
            if line.last() == Some(&b'\r') {
                line = &line[..line.len() - 1];
            }
            if *indented {
                line = &line[indent_of(line)..];
            }
            i = (le + 1).min(text.len());
            if line == id.as_slice() {
                break;
            }
        }
    }
    i
}

/// Past an `=begin` … `=end` comment starting at `i` (at the `\n` ending `=end`).
fn ruby_skip_block_comment(text: &[u8], i: usize) -> usize {
    let mut j = line_end(text, i) + 1;
    while j < text.len() {
        if starts_line_with(text, j, b"=end") {
            return line_end(text, j);
        }
        j = line_end(text, j) + 1;
    }
    text.len()
}

fn ruby_fix(text: &[u8], start: usize, end: usize, name: &str) -> Option<Edit> {
    if !is_quotable_name(name) {
        return None;
    }
    let toks = lex_ruby(text, end);
    let (k, lit) = literal_at(&toks, start, end)?;
    let (prev, next) = (prev_sig(&toks, k), next_sig(&toks, k));
    // Adjacent literals are one string (`"a" "b"`).
    if !lit.plain || is_str(prev) || is_str(next) {
        return None;
    }
    // A hash key written as a string: `"…": value`.
    let hi = toks[k].hi;
    if text.get(hi) == Some(&b':') && text.get(hi + 1) != Some(&b':') {
        return None;
    }
    Some(Edit {
        start: toks[k].lo,
        end: hi,
        new_text: format!("ENV.fetch(\"{name}\")"),
    })
}

// ─── Dotenv ─────────────────────────────────────────────────────────────────────────

fn dotenv_fix(text: &[u8], start: usize, end: usize, name: &str) -> Option<Edit> {
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

// ─── YAML ───────────────────────────────────────────────────────────────────────────

fn yaml_fix(text: &[u8], start: usize, end: usize, name: &str) -> Option<Edit> {
    if !crate::text::is_shell_name(name) {
        return None;
    }
    let (ls, le) = line_bounds(text, start);
    if end > le {
        return None;
    }
    let line = &text[ls..le];
    let (s, e) = (start - ls, end - ls);
    let body = &line[s..e];
    let quote =
        (s > 0 && e < line.len() && line[s - 1] == line[e] && matches!(line[e], b'"' | b'\''))
            .then(|| line[e]);
    let (lit_lo, lit_hi) = match quote {
        Some(q) => {
            if body.contains(&q) || (q == b'"' && body.contains(&b'\\')) {
                return None;
            }
            (s - 1, e + 1)
        }
        None => {
            // A plain scalar: no indicator first, nothing that would end it early.
            let first = body[0];
            if b"-?:,[]{}#&*!|>'\"%@`".contains(&first)
                || body
                    .windows(2)
                    .any(|w| w == b": " || w == b" #" || w == b"\t#")
                || body.ends_with(b":")
                || body[body.len() - 1].is_ascii_whitespace()
            {
                return None;
            }
            (s, e)
        }
    };
    // Before: `key:` and a blank. After: nothing, or a comment.
    let before = &line[..lit_lo];
    let head = trim_blank_end(before);
    if head.len() == before.len() || !head.ends_with(b":") {
        return None;
    }
    let key_col = yaml_key_column(&head[..head.len() - 1])?;
    let rest = &line[lit_hi..];
    let blanks = indent_of(rest);
    if !(blanks == rest.len() || (blanks > 0 && rest[blanks] == b'#')) {
        return None;
    }
    if yaml_in_block_scalar(text, ls) {
        return None;
    }
    // A plain scalar goes on over more-indented lines.
    if quote.is_none() {
        let mut next = le;
        loop {
            next = line_end(text, next) + 1;
            if next > text.len() {
                break;
            }
            let (a, b) = line_bounds(text, next);
            let l = &text[a..b];
            let ind = indent_of(l);
            if ind == l.len() {
                continue;
            }
            if l[ind] != b'#' && ind > key_col {
                return None;
            }
            break;
        }
    }
    Some(Edit {
        start: ls + lit_lo,
        end: ls + lit_hi,
        new_text: format!("\"${{{name}}}\""),
    })
}

/// For `key` holding the text before a mapping's `:` (indentation and `- ` entries
/// included): the key's column, when the key is a simple one (a plain word-like key, or
/// a quoted key without quotes or escapes in it).
fn yaml_key_column(key: &[u8]) -> Option<usize> {
    let mut i = key.iter().take_while(|&&b| b == b' ').count();
    while key[i..].starts_with(b"- ") || key[i..].starts_with(b"-\t") {
        i += 2;
        i += indent_of(&key[i..]);
    }
    let k = &key[i..];
    let ok = match *k.first()? {
        q @ (b'"' | b'\'') => {
            k.len() >= 2
                && k[k.len() - 1] == q
                && !k[1..k.len() - 1].iter().any(|&b| b == q || b == b'\\')
        }
        f => {
            (f.is_ascii_alphanumeric() || matches!(f, b'_' | b'$' | b'.'))
                && k.iter()
                    .all(|&b| b.is_ascii_alphanumeric() || b"_-./ $".contains(&b))
        }
    };
    ok.then_some(i)
}

/// The column owning what follows a line's indicators: for `- key: …` the key's, for
/// `- |` the dash's, else the indentation.
fn yaml_owner_column(line: &[u8]) -> usize {
    let mut i = indent_of(line);
    let mut dash = i;
    while line[i..].starts_with(b"- ") || line[i..].starts_with(b"-\t") {
        dash = i;
        i += 2;
        i += indent_of(&line[i..]);
    }
    let rest = &line[i..];
    let is_key = rest.windows(2).any(|w| w == b": " || w == b":\t") || rest.ends_with(b":");
    if i > indent_of(line) && !is_key {
        dash
    } else {
        i
    }
}

/// Whether a line (comment stripped) opens a block scalar: ends with `|` or `>`,
/// optionally with indentation and chomping indicators.
fn yaml_opens_block(line: &[u8]) -> bool {
    let mut l = line;
    if let Some(k) = l.windows(2).position(|w| w == b" #" || w == b"\t#") {
        l = &l[..k];
    }
    let l = trim_blank_end(l);
    let start = l
        .iter()
        .rposition(|&b| b == b' ' || b == b'\t')
        .map_or(0, |k| k + 1);
    let last = &l[start..];
    matches!(last.first(), Some(b'|' | b'>'))
        && last[1..]
            .iter()
            .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-'))
}

/// Whether the line starting at `ls` is inside a block scalar (`key: |` and the
/// more-indented lines after it): a line above opens one, and every line from there
/// down to this one is indented past the column that owns the block.
fn yaml_in_block_scalar(text: &[u8], ls: usize) -> bool {
    let (a, b) = line_bounds(text, ls);
    let mut min_indent = indent_of(&text[a..b]);
    let mut at = ls;
    while at > 0 && min_indent > 0 {
        let (a, b) = line_bounds(text, at - 1);
        at = a;
        let l = &text[a..b];
        let ind = indent_of(l);
        if ind == l.len() || l[ind] == b'#' {
            continue;
        }
        if yaml_opens_block(l) && yaml_owner_column(l) < min_indent {
            return true;
        }
        min_indent = min_indent.min(ind);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up key with the shape of a Stripe live key, split so that no scanner
    /// reads this source as a leak.
    const S: &str = concat!("sk_li", "ve_Zq8Rm2Xv5Tn7Kp3Wd6Hy9Jb4");
    /// A made-up GitHub-shaped token.
    const G: &str = concat!("gh", "p_T4kq9Wm2Zr7Xv3Lp8Nd5Hy1Bc6Jf0Qs2Ga9Ue");

    /// The range of the first `secret` in `src`.
    fn range_of(src: &str, secret: &str) -> (usize, usize) {
        let start = src.find(secret).expect("the secret is in the snippet");
        (start, start + secret.len())
    }

    /// `src` with the fix for the first `secret` applied, with the suggested name (or
    /// `fallback`) and the import it needs.
    fn fixed(path: &str, src: &str, secret: &str) -> Option<String> {
        let (start, end) = range_of(src, secret);
        let name = env_name_for(src.as_bytes(), start, end, "SECRET");
        let edit = env_lookup_fix(path, src.as_bytes(), start, end, &name)?;
        let mut edits = vec![edit];
        edits.extend(required_import(path, src.as_bytes()));
        let out = apply_edits(src.as_bytes(), &edits).expect("edits do not overlap");
        Some(String::from_utf8(out).unwrap())
    }

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

    fn fix_with(path: &str, src: &str, secret: &str, name: &str) -> Option<Edit> {
        let (start, end) = range_of(src, secret);
        env_lookup_fix(path, src.as_bytes(), start, end, name)
    }

    /// Runs `program args` with `input` on stdin: `None` when the program is missing.
    fn accepts(program: &str, args: &[&str], input: &str) -> Option<bool> {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        child.stdin.take()?.write_all(input.as_bytes()).ok()?;
        Some(child.wait().ok()?.success())
    }

    fn assert_python_parses(src: &str) {
        let script = "import ast,sys; ast.parse(sys.stdin.read())";
        if let Some(ok) = accepts("python3", &["-c", script], src) {
            assert!(ok, "python3 rejects:\n{src}");
        }
    }

    /// `node --check` when node is installed (it is not on CI).
    fn assert_node_parses(src: &str) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("snippet.cjs");
        std::fs::write(&file, src).unwrap();
        let Ok(out) = std::process::Command::new("node")
            .arg("--check")
            .arg(&file)
            .output()
        else {
            return;
        };
        assert!(out.status.success(), "node rejects:\n{src}");
    }

    // ── languages ──

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
            ".env.",
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

    // ── names ──

    #[test]
    fn names_come_from_the_assignment() {
        let cases: &[(&str, &str)] = &[
            ("API_KEY = \"{}\"", "API_KEY"),
            ("  apiKey: '{}',", "API_KEY"),
            ("{\"stripe_key\": \"{}\"}", "STRIPE_KEY"),
            ("STRIPE_KEY={}", "STRIPE_KEY"),
            ("export STRIPE_KEY=\"{}\"", "STRIPE_KEY"),
            ("const githubToken = \"{}\";", "GITHUB_TOKEN"),
            ("stripe-key: {}", "STRIPE_KEY"),
            ("db.password = '{}'", "DB_PASSWORD"),
            ("token := \"{}\"", "TOKEN"),
            ("  :api_key => \"{}\",", "API_KEY"),
            ("  api_key: \"{}\",", "API_KEY"),
            ("self.secretKey = b\"{}\"", "SECRET_KEY"),
            ("this.authToken = `{}`", "AUTH_TOKEN"),
            ("@client_secret = '{}'", "CLIENT_SECRET"),
            ("$apiKey = \"{}\";", "API_KEY"),
            ("client = Client(api_key=\"{}\")", "API_KEY"),
            ("settings[\"slackToken\"] = \"{}\"", "SLACK_TOKEN"),
            ("const apiKey: string = \"{}\";", "API_KEY"),
            ("API_KEY: str = \"{}\"", "API_KEY"),
            ("var apiKey string = \"{}\"", "API_KEY"),
            ("HTTPServerToken = '{}'", "HTTP_SERVER_TOKEN"),
            ("oauth2Token = '{}'", "OAUTH2_TOKEN"),
            ("  - aws.secret-access_key: {}", "AWS_SECRET_ACCESS_KEY"),
        ];
        for (template, want) in cases {
            let src = template.replace("{}", S);
            let (start, end) = range_of(&src, S);
            assert_eq!(
                env_name_for(src.as_bytes(), start, end, "FALLBACK"),
                *want,
                "{src}"
            );
        }
    }

    #[test]
    fn names_fall_back_without_an_identifier_like_key() {
        let cases = [
            "DATABASE_URL=postgres://app:{}@db:5432/app",
            "curl -H 'Authorization: Bearer {}'",
            "if token == \"{}\":",
            "x != \"{}\"",
            "print(\"{}\")",
            "\"Stripe key\": \"{}\"",
            "2fa = \"{}\"",
            "url = \"https://example.com/?token={}\"",
            "{}",
            "Foo::Bar: \"{}\"",
            "v = x ? \"a\" : \"{}\"",
            "v = x ? a : '{}'",
        ];
        for template in cases {
            let src = template.replace("{}", S);
            let (start, end) = range_of(&src, S);
            assert_eq!(
                env_name_for(src.as_bytes(), start, end, "FALLBACK"),
                "FALLBACK",
                "{src}"
            );
        }
        assert_eq!(env_name_for(b"abc", 2, 9, "F"), "F");
        assert_eq!(env_name_for(b"abc", 3, 1, "F"), "F");
    }

    #[test]
    fn const_case_splits_words() {
        assert_eq!(const_case("githubToken"), "GITHUB_TOKEN");
        assert_eq!(const_case("stripe-key"), "STRIPE_KEY");
        assert_eq!(const_case("db.password"), "DB_PASSWORD");
        assert_eq!(const_case("API_KEY"), "API_KEY");
        assert_eq!(const_case("APIKey"), "API_KEY");
        assert_eq!(const_case("s3Bucket__key_"), "S3_BUCKET_KEY");
    }

    // ── dotenv ──

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

    // ── Python ──

    #[test]
    fn python_literal_becomes_os_environ_and_os_is_imported() {
        let src = format!(
            "#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n\"\"\"Billing client.\"\"\"\nfrom __future__ import annotations\n\nimport stripe\n\nstripe.api_key = \"{S}\"\n"
        );
        let out = fixed("billing/client.py", &src, S).unwrap();
        assert_eq!(
            out,
            "#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n\"\"\"Billing client.\"\"\"\nfrom __future__ import annotations\nimport os\n\nimport stripe\n\nstripe.api_key = os.environ[\"STRIPE_API_KEY\"]\n"
        );
        assert_python_parses(&out);
    }

    #[test]
    fn python_import_goes_after_shebang_and_cookie() {
        let src = format!(
            "#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nimport requests\n\nHEADERS = {{\"Authorization\": 'token', \"key\": r'{G}'}}\n"
        );
        let out = fixed("fetch.py", &src, G).unwrap();
        assert_eq!(
            out,
            "#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nimport os\nimport requests\n\nHEADERS = {\"Authorization\": 'token', \"key\": os.environ[\"KEY\"]}\n"
        );
        assert_python_parses(&out);
    }

    #[test]
    fn python_with_os_imported_needs_no_import() {
        for imports in [
            "import os\n",
            "import os, sys\n",
            "import sys, os\n",
            "import os.path\n",
        ] {
            let src =
                format!("{imports}\ndef client():\n    return Client(api_key='{S}', retries=3)\n");
            assert_eq!(required_import("app.py", src.as_bytes()), None, "{imports}");
            let out = fixed("app.py", &src, S).unwrap();
            assert_eq!(
                out,
                format!(
                    "{imports}\ndef client():\n    return Client(api_key=os.environ[\"API_KEY\"], retries=3)\n"
                )
            );
            assert_python_parses(&out);
        }
        for not_os in [
            "from os import environ\n",
            "import os.path as osp\n",
            "    import os\n",
            "# import os\n",
            "x = '''\nimport os\n'''\n",
        ] {
            let src = format!("{not_os}KEY = '{S}'\n");
            assert!(
                required_import("app.py", src.as_bytes()).is_some(),
                "{not_os}"
            );
        }
    }

    #[test]
    fn python_bytes_literal_stays_bytes() {
        let src = format!("import os\nSIGNING_KEY = b'{S}'\n");
        let out = fixed("sign.py", &src, S).unwrap();
        assert_eq!(
            out,
            "import os\nSIGNING_KEY = os.environ[\"SIGNING_KEY\"].encode()\n"
        );
        assert_python_parses(&out);
    }

    #[test]
    fn python_import_in_a_file_without_code_or_newline() {
        let src = format!("KEY = \"{S}\"");
        let out = fixed("k.py", &src, S).unwrap();
        assert_eq!(out, "import os\nKEY = os.environ[\"KEY\"]");
        assert_eq!(
            required_import("k.py", b"# just a comment").unwrap(),
            Edit {
                start: 16,
                end: 16,
                new_text: "\nimport os\n".into()
            }
        );
        let doc = "'''Module.'''\r\nfrom __future__ import (\r\n    annotations,\r\n)\r\nX = 1\r\n";
        let edit = required_import("m.py", doc.as_bytes()).unwrap();
        let out = String::from_utf8(apply_edits(doc.as_bytes(), &[edit]).unwrap()).unwrap();
        assert_eq!(
            out,
            "'''Module.'''\r\nfrom __future__ import (\r\n    annotations,\r\n)\r\nimport os\r\nX = 1\r\n"
        );
        assert_python_parses(&out);
    }

    #[test]
    fn python_refuses_what_is_not_a_plain_literal() {
        let bad = [
            format!("DB = \"postgresql://app:{S}@db/app\"\n"),
            format!("KEY = f\"{S}\"\n"),
            format!("KEY = \"\"\"{S}\"\"\"\n"),
            format!("KEY = '''{S}'''\n"),
            format!("KEY = \"{S}'\n"),
            format!("KEY = \"{S}\" \"suffix\"\n"),
            format!("KEY = (\"prefix\"\n       \"{S}\")\n"),
            format!("KEY = \"\\t{S}\"\n"),
            format!("# KEY = \"{S}\"\n"),
            format!("\"\"\"\nKEY = \"{S}\"\n\"\"\"\n"),
            format!("match k:\n    case \"{S}\":\n        pass\n"),
            format!("KEY = \"{S}\\\nmore\"\n"),
            format!("KEY = {S}\n"),
        ];
        for src in &bad {
            assert_eq!(fix_with("app.py", src, S, "KEY"), None, "{src}");
        }
        let src = format!("KEY = '{S}'\n");
        assert_eq!(fix_with("app.py", &src, S, "KEY\""), None);
        assert_eq!(fix_with("app.py", &src, S, ""), None);
    }

    // ── JavaScript and TypeScript ──

    #[test]
    fn javascript_literal_becomes_process_env() {
        let src = format!(
            "const Stripe = require(\"stripe\");\n// the live key\nconst apiKey = '{S}';\nmodule.exports = {{ client: Stripe(apiKey) }};\n"
        );
        let out = fixed("src/pay.js", &src, S).unwrap();
        assert_eq!(
            out,
            "const Stripe = require(\"stripe\");\n// the live key\nconst apiKey = process.env.API_KEY;\nmodule.exports = { client: Stripe(apiKey) };\n"
        );
        assert_node_parses(&out);
        assert_eq!(required_import("src/pay.js", src.as_bytes()), None);
    }

    #[test]
    fn typescript_template_and_bracket_forms() {
        let src = format!(
            "const re = /\"'`/g;\nexport const config = {{\n  githubToken: `{G}`,\n  url: `https://${{host}}/api`,\n}};\n"
        );
        let out = fixed("config.ts", &src, G).unwrap();
        assert_eq!(
            out,
            "const re = /\"'`/g;\nexport const config = {\n  githubToken: process.env.GITHUB_TOKEN,\n  url: `https://${host}/api`,\n};\n"
        );
        let src = format!("headers.set(\"x-api-key\", \"{S}\");\n");
        let edit = fix_with("client.mts", &src, S, "stripe-key").unwrap();
        let out = String::from_utf8(apply_edits(src.as_bytes(), &[edit]).unwrap()).unwrap();
        assert_eq!(
            out,
            "headers.set(\"x-api-key\", process.env[\"stripe-key\"]);\n"
        );
        assert_node_parses(&out);
        // A literal inside a substitution is an expression like any other.
        let src = format!("const h = `Bearer ${{\"{S}\"}}`;\n");
        let out = fixed("a.js", &src, S).unwrap();
        assert_eq!(out, "const h = `Bearer ${process.env.SECRET}`;\n");
        assert_node_parses(&out);
    }

    #[test]
    fn javascript_refuses_what_is_not_a_plain_literal() {
        let bad = [
            format!("const url = \"postgres://app:{S}@db/app\";\n"),
            format!("const k = `${{prefix}}{S}`;\n"),
            format!("const k = `{S}${{suffix}}`;\n"),
            format!("const k = gql`{S}`;\n"),
            format!("const k = {{ \"{S}\": true }};\n"),
            format!("import key from \"{S}\";\n"),
            format!("/* const k = \"{S}\"; */\n"),
            format!("// const k = \"{S}\";\n"),
            format!("const doc = `\nconst k = \"{S}\";\n`;\n"),
            format!("const k = \"{S}';\n"),
            format!("const k = \"\\x41{S}\";\n"),
            format!("const k = '{S}\n"),
        ];
        for src in &bad {
            assert_eq!(fix_with("app.js", src, S, "KEY"), None, "{src}");
        }
    }

    // ── Go ──

    #[test]
    fn go_single_import_becomes_a_block() {
        let src = format!(
            "package main\n\nimport \"fmt\"\n\nvar apiKey = \"{S}\"\n\nfunc main() {{\n\tfmt.Println(len(apiKey))\n}}\n"
        );
        let out = fixed("main.go", &src, S).unwrap();
        assert_eq!(
            out,
            "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nvar apiKey = os.Getenv(\"API_KEY\")\n\nfunc main() {\n\tfmt.Println(len(apiKey))\n}\n"
        );
        let src =
            format!("package main\n\nimport str \"strings\"\n\nvar k = str.TrimSpace(`{S}`)\n");
        assert_eq!(
            fixed("main.go", &src, S).unwrap(),
            "package main\n\nimport (\n\t\"os\"\n\tstr \"strings\"\n)\n\nvar k = str.TrimSpace(os.Getenv(\"SECRET\"))\n"
        );
    }

    #[test]
    fn go_import_block_gets_os_in_sorted_place() {
        let src = format!(
            "// Package pay talks to Stripe.\npackage pay\n\nimport (\n\t\"fmt\"\n\t\"net/http\"\n\n\t\"github.com/stripe/stripe-go/v76\"\n)\n\nfunc init() {{\n\tstripe.Key = \"{S}\"\n\t_ = fmt.Sprint(http.MethodGet)\n}}\n"
        );
        let out = fixed("pay/pay.go", &src, S).unwrap();
        assert_eq!(
            out,
            "// Package pay talks to Stripe.\npackage pay\n\nimport (\n\t\"fmt\"\n\t\"net/http\"\n\t\"os\"\n\n\t\"github.com/stripe/stripe-go/v76\"\n)\n\nfunc init() {\n\tstripe.Key = os.Getenv(\"STRIPE_KEY\")\n\t_ = fmt.Sprint(http.MethodGet)\n}\n"
        );
        let src = "package x\n\nimport (\n    \"fmt\"\n    \"strings\"\n)\n";
        let edit = required_import("x.go", src.as_bytes()).unwrap();
        assert_eq!(
            String::from_utf8(apply_edits(src.as_bytes(), &[edit]).unwrap()).unwrap(),
            "package x\n\nimport (\n    \"fmt\"\n    \"os\"\n    \"strings\"\n)\n"
        );
        let src = "package x\n\nimport (\"fmt\"; \"io\")\n";
        let edit = required_import("x.go", src.as_bytes()).unwrap();
        assert_eq!(
            String::from_utf8(apply_edits(src.as_bytes(), &[edit]).unwrap()).unwrap(),
            "package x\n\nimport (\"os\"; \"fmt\"; \"io\")\n"
        );
    }

    #[test]
    fn go_import_keeps_crlf_line_endings() {
        let src = "package a\r\n\r\nimport \"fmt\"\r\n";
        let edit = required_import("a.go", src.as_bytes()).unwrap();
        assert_eq!(
            String::from_utf8(apply_edits(src.as_bytes(), &[edit]).unwrap()).unwrap(),
            "package a\r\n\r\nimport (\r\n\t\"fmt\"\r\n\t\"os\"\r\n)\r\n"
        );
    }

    #[test]
    fn go_without_imports_gets_one_after_the_package_clause() {
        let src = format!("package config\n\n// Token is the deploy token.\nvar Token = \"{G}\"\n");
        let out = fixed("config.go", &src, G).unwrap();
        assert_eq!(
            out,
            "package config\n\nimport \"os\"\n\n// Token is the deploy token.\nvar Token = os.Getenv(\"TOKEN\")\n"
        );
        assert_eq!(
            required_import("a.go", b"package a").unwrap(),
            Edit {
                start: 9,
                end: 9,
                new_text: "\n\nimport \"os\"\n".into()
            }
        );
        assert_eq!(
            required_import("a.go", b"// no package clause\nvar x = 1\n"),
            None
        );
    }

    #[test]
    fn go_with_os_imported_needs_no_import() {
        for src in [
            "package a\n\nimport \"os\"\n",
            "package a\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n",
            "package a\n\nimport \"fmt\"\nimport os \"os\"\n",
        ] {
            assert_eq!(required_import("a.go", src.as_bytes()), None, "{src}");
        }
        // Under another name, `os` is not bound.
        let src = "package a\n\nimport (\n\tgoos \"os\"\n)\n";
        assert!(required_import("a.go", src.as_bytes()).is_some());
    }

    #[test]
    fn go_refuses_what_is_not_a_plain_expression() {
        let bad = [
            format!("package a\n\nconst apiKey = \"{S}\"\n"),
            format!("package a\n\nconst (\n\tmode = \"live\"\n\tapiKey = \"{S}\"\n)\n"),
            format!("package a\n\nconst apiKey = \"prefix\" +\n\t\"{S}\"\n"),
            format!("package a\n\ntype T struct {{\n\tKey string `{S}`\n}}\n"),
            format!("package a\n\nimport (\n\t\"{S}\"\n)\n"),
            format!("package a\n\nvar dsn = \"postgres://app:{S}@db/app\"\n"),
            format!("package a\n\n// var k = \"{S}\"\n"),
            format!("package a\n\nvar k = `\n{S}`\n"),
            format!("package a\n\nvar k = \"\\u0041{S}\"\n"),
            format!("package a\n\nvar k = \"{S}`\n"),
        ];
        for src in &bad {
            assert_eq!(fix_with("a.go", src, S, "KEY"), None, "{src}");
        }
        // After the constant's spec ends, a `var` is fine again.
        let src = format!("package a\n\nconst mode = \"live\"\nvar apiKey = \"{S}\"\n");
        assert!(fix_with("a.go", &src, S, "KEY").is_some());
    }

    // ── Ruby ──

    #[test]
    fn ruby_literal_becomes_env_fetch() {
        let src = format!(
            "require \"stripe\"\n\n=begin\nStripe.api_key = \"old\"\n=end\nStripe.api_key = '{S}'\n"
        );
        let out = fixed("config/initializers/stripe.rb", &src, S).unwrap();
        assert_eq!(
            out,
            "require \"stripe\"\n\n=begin\nStripe.api_key = \"old\"\n=end\nStripe.api_key = ENV.fetch(\"STRIPE_API_KEY\")\n"
        );
        let src = format!(
            "banner = <<~EOS\n  Don't \"quote\" me\nEOS\nCONFIG = {{ github_token: \"{G}\", retries: 3 }}.freeze\n"
        );
        assert_eq!(
            fixed("Rakefile", &src, G).unwrap(),
            "banner = <<~EOS\n  Don't \"quote\" me\nEOS\nCONFIG = { github_token: ENV.fetch(\"GITHUB_TOKEN\"), retries: 3 }.freeze\n"
        );
        assert_eq!(required_import("a.rb", src.as_bytes()), None);
    }

    #[test]
    fn ruby_refuses_what_is_not_a_plain_literal() {
        let bad = [
            format!("url = \"postgres://app:{S}@db/app\"\n"),
            format!("key = \"#{{prefix}}{S}\"\n"),
            format!("key = \"{S}#@suffix\"\n"),
            format!("key = :\"{S}\"\n"),
            format!("h = {{ \"{S}\": 1 }}\n"),
            format!("key = 'a' '{S}'\n"),
            format!("text = <<~EOS\n  key = \"{S}\"\nEOS\n"),
            format!("=begin\nkey = \"{S}\"\n=end\n"),
            format!("key = %q({S})\n"),
            format!("# key = \"{S}\"\n"),
            format!("key = \"{S}'\n"),
            format!("key = \"\\n{S}\"\n"),
            format!("key = `{S}`\n"),
        ];
        for src in &bad {
            assert_eq!(fix_with("a.rb", src, S, "KEY"), None, "{src}");
        }
    }

    // ── YAML ──

    #[test]
    fn yaml_values_become_quoted_references() {
        let src = format!(
            "stripe:\n  secret_key: {S}  # live\n  publishable: pk_live_abc\ngithub:\n  - token: '{G}'\n"
        );
        let once = fixed("config/app.yml", &src, S).unwrap();
        assert_eq!(
            once,
            format!(
                "stripe:\n  secret_key: \"${{SECRET_KEY}}\"  # live\n  publishable: pk_live_abc\ngithub:\n  - token: '{G}'\n"
            )
        );
        let twice = fixed("config/app.yml", &once, G).unwrap();
        assert_eq!(
            twice,
            "stripe:\n  secret_key: \"${SECRET_KEY}\"  # live\n  publishable: pk_live_abc\ngithub:\n  - token: \"${TOKEN}\"\n"
        );
        // Inside a flow mapping, the quotes keep the braces from ending it.
        let src = format!("env: {{}}\nsecrets:\n  \"api-key\": \"{S}\"\n");
        assert_eq!(
            fixed("a.yaml", &src, S).unwrap(),
            "env: {}\nsecrets:\n  \"api-key\": \"${API_KEY}\"\n"
        );
        // A block scalar above, closed before this key, is no concern.
        let src = format!("steps:\n  - run: |\n      echo hi\n    env:\n      TOKEN: {G}\n");
        assert_eq!(
            fixed("ci.yml", &src, G).unwrap(),
            "steps:\n  - run: |\n      echo hi\n    env:\n      TOKEN: \"${TOKEN}\"\n"
        );
    }

    #[test]
    fn yaml_refuses_what_is_not_a_whole_scalar() {
        let bad = [
            format!("url: postgres://app:{S}@db/app\n"),
            format!("key: {S} and more\n"),
            format!("key: \"{S}'\n"),
            format!("key: \"{S}\n  continued\"\n"),
            format!("key: {S}\n  continued\n"),
            format!("script: |\n  export KEY: {S}\n"),
            format!("- run: >-\n    key: {S}\n"),
            format!("key: &anchor {S}\n"),
            format!("{{key: {S}}}\n"),
            format!("# key: {S}\n"),
            format!("key: \"\\t{S}\"\n"),
            format!("key:{S}\n"),
            format!("{S}: value\n"),
        ];
        for src in &bad {
            assert_eq!(fix_with("a.yml", src, S, "KEY"), None, "{src}");
        }
        assert_eq!(fix_with("a.yml", &format!("key: {S}\n"), S, "KEY-1"), None);
    }

    // ── never ──

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
