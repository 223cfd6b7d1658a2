//! Literals that a line of code hands to a secret without an assignment: the default of
//! an environment or settings lookup (`os.getenv("API_KEY", "…")`,
//! `process.env.API_KEY || "…"`, `${API_KEY:-…}`, `viper.SetDefault("api_key", "…")`)
//! and the plain text of PowerShell's `ConvertTo-SecureString "…" -AsPlainText`.
//!
//! The literal is what ships when the variable is unset, so it is judged as if it were
//! assigned to the variable's name. Each finder looks a bounded distance around one
//! byte (a quote, `${`, a marker), so a line costs time linear in its length.

use std::ops::Range;

/// A value found for a name: spans in the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Lookup {
    /// The variable's name; `None` when the construct names no variable (a secure
    /// string's plain text is a password).
    pub name: Option<Range<usize>>,
    pub value: Range<usize>,
    /// The quote around the value, or 0.
    pub quote: u8,
}

/// The longest name and literal read.
const MAX_NAME: usize = 100;
const MAX_VALUE: usize = 300;
/// How far before a default's operator the lookup that names it may begin.
const LOOKUP_REACH: usize = 120;

fn is_quote(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | b'`')
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b':')
}

/// The string literal opening at `at` (a quote): the span of its content, if it closes
/// within `MAX_VALUE` bytes on the line, without escapes.
fn literal_at(line: &[u8], at: usize) -> Option<Range<usize>> {
    let q = *line.get(at)?;
    if !is_quote(q) {
        return None;
    }
    let start = at + 1;
    let end = (start + MAX_VALUE + 1).min(line.len());
    let close = memchr::memchr(q, &line[start..end])? + start;
    if line[start..close].contains(&b'\\') {
        return None;
    }
    Some(start..close)
}

/// A quoted name (`"API_KEY"`) ending just before `end`: the span of its content.
fn quoted_name_before(line: &[u8], end: usize) -> Option<Range<usize>> {
    let q = *line.get(end.checked_sub(1)?)?;
    if !is_quote(q) {
        return None;
    }
    let lo = end.saturating_sub(MAX_NAME + 2);
    let open = memchr::memrchr(q, &line[lo..end - 1])? + lo;
    let name = open + 1..end - 1;
    (!name.is_empty() && line[name.clone()].iter().all(|&b| is_name_byte(b))).then_some(name)
}

fn skip_ws(line: &[u8], mut i: usize, limit: usize) -> usize {
    let stop = (i + limit).min(line.len());
    while i < stop && matches!(line[i], b' ' | b'\t') {
        i += 1;
    }
    i
}

fn skip_ws_back(line: &[u8], mut i: usize, limit: usize) -> usize {
    let stop = i.saturating_sub(limit);
    while i > stop && matches!(line[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    i
}

/// Functions whose calls take a name and then its default: `getenv`, `environ.get`,
/// `ENV.fetch`, `getOrDefault`, `SetDefault`, `setdefault`, `env`, `getProperty`.
fn is_lookup_function(name: &[u8]) -> bool {
    ["env", "get", "fetch", "default"].iter().any(|w| {
        name.windows(w.len())
            .any(|x| x.eq_ignore_ascii_case(w.as_bytes()))
    })
}

/// `f("NAME", "literal")` where `f` is a lookup: the call opens at `paren`.
fn call_default(line: &[u8], paren: usize) -> Option<Lookup> {
    let lo = paren.saturating_sub(40);
    let callee_start = line[lo..paren]
        .iter()
        .rposition(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
        .map_or(lo, |i| lo + i + 1);
    if callee_start == paren || !is_lookup_function(&line[callee_start..paren]) {
        return None;
    }
    let open = skip_ws(line, paren + 1, 8);
    let name = literal_at(line, open)?;
    if name.is_empty()
        || name.len() > MAX_NAME
        || !line[name.clone()].iter().all(|&b| is_name_byte(b))
    {
        return None;
    }
    let comma = skip_ws(line, name.end + 1, 8);
    if line.get(comma) != Some(&b',') {
        return None;
    }
    let at = skip_ws(line, comma + 1, 8);
    let value = literal_at(line, at)?;
    Some(Lookup {
        name: Some(name),
        quote: line[at],
        value,
    })
}

/// How far into a settings field's call its keyword default and name may be.
const FIELD_REACH: usize = 400;

/// `Field(default="…", env="NAME")` (pydantic settings, `attrs.field`, dataclasses'
/// `field`): the default ships when the variable is unset. The name is the call's `env`
/// or `alias` keyword, else the attribute the call is assigned to
/// (`redis_password: str = Field(default="…")`).
fn field_default(line: &[u8], paren: usize) -> Option<Lookup> {
    if paren < 5 || !line[paren - 5..paren].eq_ignore_ascii_case(b"field") {
        return None;
    }
    let hi = (paren + 1 + FIELD_REACH).min(line.len());
    let call = &line[paren + 1..hi];
    // The literal after a keyword (`default=`, `env = `) in the call.
    let keyword = |kw: &[u8]| -> Option<(Range<usize>, u8)> {
        memchr::memmem::find_iter(call, kw).find_map(|at| {
            let before = at.checked_sub(1).map(|b| call[b]);
            if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_') {
                return None;
            }
            let eq = skip_ws(line, paren + 1 + at + kw.len(), 4);
            if line.get(eq) != Some(&b'=') || line.get(eq + 1) == Some(&b'=') {
                return None;
            }
            let q = skip_ws(line, eq + 1, 4);
            literal_at(line, q).map(|v| (v, line[q]))
        })
    };
    let (value, quote) = keyword(b"default")?;
    let name = keyword(b"env")
        .or_else(|| keyword(b"alias"))
        .map(|(n, _)| n)
        .or_else(|| {
            // The attribute before `: type =` or `=` at the start of the line.
            let start = line.iter().position(|b| !b.is_ascii_whitespace())?;
            let end = start
                + line[start..paren]
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))?;
            (end > start && matches!(line[end], b':' | b' ' | b'=')).then_some(start..end)
        })?;
    if name.is_empty() || name.len() > MAX_NAME {
        return None;
    }
    Some(Lookup {
        name: Some(name),
        quote,
        value,
    })
}

/// PowerShell's fallback for an unset variable: `if ($env:NAME) { … } else { '…' }`.
fn else_default(line: &[u8]) -> Option<Lookup> {
    let env = find_ci(line, b"$env:")? + 5;
    let name_end = env
        + line[env..]
            .iter()
            .take(MAX_NAME)
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count();
    let els = env + find_ci(&line[env..], b"else")?;
    let brace = skip_ws(line, els + 4, 4);
    if name_end == env || line.get(brace) != Some(&b'{') {
        return None;
    }
    let at = skip_ws(line, brace + 1, 4);
    let value = literal_at(line, at)?;
    let close = skip_ws(line, value.end + 1, 4);
    (line.get(close) == Some(&b'}')).then(|| Lookup {
        name: Some(env..name_end),
        quote: line[at],
        value,
    })
}

/// Operators that give a lookup its default, as they end before the literal.
const DEFAULT_OPERATORS: &[&[u8]] = &[
    b"||",
    b"??",
    b"?:",
    b" or",
    b".unwrap_or(",
    b".unwrap_or_else(|_|",
    b".unwrap_or_else(||",
    b".or(",
    // Ruby's block default: `ENV.fetch("X") { "…" }`.
    b") {",
    // Helm and Go templates: `{{ .Values.db.password | default "…" }}`.
    HELM_DEFAULT,
];

/// The template pipe that gives a Helm value its default.
const HELM_DEFAULT: &[u8] = b"| default";

/// `LOOKUP OP "literal"` with the literal opening at `at`: `process.env.X || "…"`,
/// `os.environ.get("X") or "…"`, `getenv('X') ?: '…'`, `env::var("X").unwrap_or("…")`.
fn operator_default(line: &[u8], at: usize) -> Option<Lookup> {
    let before = skip_ws_back(line, at, 8);
    let op = DEFAULT_OPERATORS
        .iter()
        .find(|op| line[..before].ends_with(op))?;
    let mut end = skip_ws_back(line, before - op.len(), 8);
    // The lookup's closing brackets: `getenv("X")`, `ENV["X"]`.
    let mut closers = 0;
    while end > 0 && matches!(line[end - 1], b')' | b']') && closers < 2 {
        end -= 1;
        closers += 1;
    }
    let name = match quoted_name_before(line, end) {
        Some(n) => n,
        None => {
            let lo = end.saturating_sub(MAX_NAME);
            let start = line[lo..end]
                .iter()
                .rposition(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
                .map_or(lo, |i| lo + i + 1);
            (start < end).then_some(start..end)?
        }
    };
    // The expression before the operator must be an environment lookup (or, before a
    // template's `default`, a chart value).
    let reach = &line[name.start.saturating_sub(LOOKUP_REACH)..name.start];
    let env = reach.windows(3).any(|w| w.eq_ignore_ascii_case(b"env"))
        || (*op == HELM_DEFAULT && memchr::memmem::find(reach, b".Values.").is_some());
    if !env {
        return None;
    }
    let value = literal_at(line, at)?;
    Some(Lookup {
        name: Some(name),
        quote: line[at],
        value,
    })
}

/// `${NAME:-literal}`, `${NAME-literal}`, `${NAME:=literal}` (shell, Compose) and
/// `${name:literal}` (Spring placeholders), with `brace` at the `{`.
fn expansion_default(line: &[u8], brace: usize) -> Option<Lookup> {
    let start = brace + 1;
    let stop = (start + MAX_NAME).min(line.len());
    let name_end = line[start..stop]
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.')))
        .map(|i| start + i)?;
    if name_end == start {
        return None;
    }
    let rest = &line[name_end..];
    let skip = if rest.starts_with(b":-") || rest.starts_with(b":=") {
        2
    } else if matches!(rest.first(), Some(b'-' | b'=' | b':')) {
        1
    } else {
        return None;
    };
    let mut vstart = name_end + skip;
    let vstop = (vstart + MAX_VALUE + 2).min(line.len());
    let close = memchr::memchr(b'}', &line[vstart..vstop])? + vstart;
    let mut vend = close;
    let mut quote = 0;
    if vend > vstart + 1 && is_quote(line[vstart]) && line[vend - 1] == line[vstart] {
        quote = line[vstart];
        vstart += 1;
        vend -= 1;
    }
    let value = &line[vstart..vend];
    // A nested expansion or command is a reference, not a literal.
    if value.is_empty() || value.iter().any(|b| matches!(b, b'$' | b'{' | b'`')) {
        return None;
    }
    Some(Lookup {
        name: Some(start..name_end),
        value: vstart..vend,
        quote,
    })
}

/// Case-insensitive search for an ASCII `needle` (lower case) in `hay`.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        let rel = memchr::memchr2(
            first,
            first.to_ascii_uppercase(),
            &hay[i..hay.len() - needle.len() + 1],
        )?;
        let at = i + rel;
        if hay[at..at + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// `ConvertTo-SecureString "literal" -AsPlainText` (also with `-String`).
fn secure_string(line: &[u8]) -> Option<Lookup> {
    find_ci(line, b"-asplaintext")?;
    let at = find_ci(line, b"convertto-securestring")? + b"convertto-securestring".len();
    let mut i = skip_ws(line, at, 8);
    if line.len() >= i + 7 && line[i..i + 7].eq_ignore_ascii_case(b"-string") {
        i = skip_ws(line, i + 7, 8);
    }
    let value = literal_at(line, i)?;
    Some(Lookup {
        name: None,
        quote: line[i],
        value,
    })
}

/// Every lookup default and secure string on `line` (offsets relative to it).
pub(crate) fn find(line: &[u8], out: &mut Vec<Lookup>) {
    // Each form is looked for only where its mark is (`(`, `${`, a quote), and a quote
    // only on a line that says `env`, which its lookup must: most lines have none.
    let mut found: Vec<(usize, Lookup)> = Vec::new();
    for i in memchr::memchr_iter(b'(', line) {
        found.extend(
            call_default(line, i)
                .or_else(|| field_default(line, i))
                .map(|l| (i, l)),
        );
    }
    for i in memchr::memchr_iter(b'$', line).filter(|&i| line.get(i + 1) == Some(&b'{')) {
        found.extend(expansion_default(line, i + 1).map(|l| (i + 1, l)));
    }
    let says_env = memchr::memchr2_iter(b'e', b'E', line).any(|i| {
        line.get(i + 1..i + 3)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"nv"))
    });
    if says_env || memchr::memmem::find(line, HELM_DEFAULT).is_some() {
        for i in memchr::memchr3_iter(b'"', b'\'', b'`', line) {
            found.extend(operator_default(line, i).map(|l| (i, l)));
        }
    }
    if says_env
        && let Some(l) = else_default(line)
        && !found.iter().any(|(_, f)| f.value == l.value)
    {
        found.push((l.value.start, l));
    }
    // In the order of their marks along the line, as one pass over it would give.
    found.sort_by_key(|(i, _)| *i);
    out.extend(found.into_iter().map(|(_, l)| l));
    if line.len() > 20 && memchr::memchr(b'-', line).is_some() {
        out.extend(secure_string(line));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(line: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        find(line.as_bytes(), &mut out);
        out.iter()
            .map(|l| {
                (
                    l.name.clone().map_or("-".into(), |n| line[n].to_string()),
                    line[l.value.clone()].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn defaults_of_lookups_in_many_languages() {
        // Each line holds one lookup whose default is `Zr8Wn4Kt`, and the name it gives.
        for (line, name) in [
            (r#"k = os.getenv("API_KEY", "Zr8Wn4Kt")"#, "API_KEY"),
            (r#"k = os.environ.get('TOKEN', 'Zr8Wn4Kt')"#, "TOKEN"),
            (
                r#"const t = process.env.AUTH_TOKEN || "Zr8Wn4Kt";"#,
                "AUTH_TOKEN",
            ),
            (
                r#"const t = process.env["AUTH_TOKEN"] ?? 'Zr8Wn4Kt';"#,
                "AUTH_TOKEN",
            ),
            ("PASS=${DB_PASSWORD:-Zr8Wn4Kt}", "DB_PASSWORD"),
            (r#"  pw: "${DB_PASSWORD:-'Zr8Wn4Kt'}""#, "DB_PASSWORD"),
            (r#"s = ENV.fetch("SECRET", "Zr8Wn4Kt")"#, "SECRET"),
            (
                r#"System.getenv().getOrDefault("API_TOKEN", "Zr8Wn4Kt");"#,
                "API_TOKEN",
            ),
            (r#"viper.SetDefault("api_token", "Zr8Wn4Kt")"#, "api_token"),
            (r#"$k = getenv('API_KEY') ?: 'Zr8Wn4Kt';"#, "API_KEY"),
            (r#"k = os.environ.get("API_KEY") or "Zr8Wn4Kt""#, "API_KEY"),
            (
                r#"let k = env::var("API_KEY").unwrap_or("Zr8Wn4Kt".into());"#,
                "API_KEY",
            ),
            (r#"@Value("${api.token:Zr8Wn4Kt}")"#, "api.token"),
            (
                r#"password: ENV.fetch("DATABASE_PASSWORD") { "Zr8Wn4Kt" }"#,
                "DATABASE_PASSWORD",
            ),
            (
                r#"value: {{ .Values.db.password | default "Zr8Wn4Kt" | quote }}"#,
                "password",
            ),
            (
                r#"$pw = ConvertTo-SecureString "Zr8Wn4Kt" -AsPlainText -Force"#,
                "-",
            ),
            (
                r#"    redis_password: str = Field(default="Zr8Wn4Kt", env="REDIS_PASSWORD")"#,
                "REDIS_PASSWORD",
            ),
            (
                r#"    api_token: SecretStr = Field(alias="API_TOKEN", default='Zr8Wn4Kt')"#,
                "API_TOKEN",
            ),
            (
                r#"    api_token: SecretStr = Field(default="Zr8Wn4Kt")"#,
                "api_token",
            ),
            (r#"    token = attrs.field(default="Zr8Wn4Kt")"#, "token"),
            (
                r#"$pass = if ($env:SA_PASSWORD) { $env:SA_PASSWORD } else { 'Zr8Wn4Kt' }"#,
                "SA_PASSWORD",
            ),
        ] {
            assert_eq!(
                pairs(line),
                [(name.to_string(), "Zr8Wn4Kt".to_string())],
                "{line}"
            );
        }
    }

    #[test]
    fn lookups_without_a_literal_default_give_nothing() {
        for line in [
            r#"k = os.getenv("API_KEY")"#,
            r#"k = os.getenv("API_KEY", default_key)"#,
            "PASS=${DB_PASSWORD}",
            "PASS=${DB_PASSWORD:-$FALLBACK}",
            r#"const t = user.token || "Zr8Wn4Kt";"#,
            r#"x = compute("a", "b")"#,
            r#"$pw = ConvertTo-SecureString $plain -AsPlainText -Force"#,
            r#"$pw = Read-Host "Password" -AsSecureString"#,
            r#"    tags: list[str] = Field(default_factory=list)"#,
            r#"    api_token: str | None = Field(default=None, env="API_TOKEN")"#,
            r#"$pass = if ($env:SA_PASSWORD) { $env:SA_PASSWORD } else { Read-Host 'pw' }"#,
            // A block that is not a lookup's default, and a default of no chart value.
            r#"items.each("token") { "Zr8Wn4Kt" }"#,
            r#"{{ $token | default "Zr8Wn4Kt" }}"#,
        ] {
            assert!(pairs(line).is_empty(), "{line}");
        }
    }
}
