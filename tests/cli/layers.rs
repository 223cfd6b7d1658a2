//! The layer rule of ARCHITECTURE.md ("## Layers"), checked on the source tree.
//!
//! The table is read from ARCHITECTURE.md itself, so people and this test read the same
//! lines. Every `src/**/*.rs` file is mapped to its module, every reference to another
//! module of the crate is found (`use crate::…` with its nested groups, `super::…`,
//! `self::…`, paths into child modules, inline paths anywhere in code, `pub use`), and
//! the test fails on a file no layer claims, on an import from a lower layer into a
//! higher one, and on an import cycle between files. Code under `#[cfg(test)]` is
//! exempt. A small hand-written tokenizer is enough: it only has to know where comments,
//! strings, raw strings and char literals end.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

/// One token of Rust source: only what the reference finder needs.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    /// `::`
    PathSep,
    Punct(char),
    /// A string, char or number literal, or a lifetime: never part of a path.
    Other,
}

/// Tokens with their 1-based line numbers; comments and whitespace dropped.
fn tokenize(src: &str) -> Vec<(Tok, usize)> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    // Advances over c[from..to], counting newlines.
    let skip = |from: usize, to: usize, line: &mut usize| {
        *line += c[from..to.min(c.len())]
            .iter()
            .filter(|&&ch| ch == '\n')
            .count();
        to
    };
    while i < c.len() {
        let ch = c[i];
        let next = c.get(i + 1).copied();
        if ch.is_whitespace() {
            i = skip(i, i + 1, &mut line);
        } else if ch == '/' && next == Some('/') {
            let end = (i..c.len()).find(|&j| c[j] == '\n').unwrap_or(c.len());
            i = skip(i, end, &mut line);
        } else if ch == '/' && next == Some('*') {
            i = skip(i, block_comment_end(&c, i), &mut line);
        } else if let Some(end) = string_end(&c, i) {
            out.push((Tok::Other, line));
            i = skip(i, end, &mut line);
        } else if ch == '\'' {
            out.push((Tok::Other, line));
            i = skip(i, quote_end(&c, i), &mut line);
        } else if ch == 'r' && next == Some('#') && c.get(i + 2).is_some_and(|&n| is_ident_start(n))
        {
            // A raw identifier, `r#type`.
            let end = ident_end(&c, i + 2);
            out.push((Tok::Ident(c[i + 2..end].iter().collect()), line));
            i = end;
        } else if is_ident_start(ch) {
            let end = ident_end(&c, i);
            out.push((Tok::Ident(c[i..end].iter().collect()), line));
            i = end;
        } else if ch.is_ascii_digit() {
            out.push((Tok::Other, line));
            i = ident_end(&c, i);
        } else if ch == ':' && next == Some(':') {
            out.push((Tok::PathSep, line));
            i += 2;
        } else {
            out.push((Tok::Punct(ch), line));
            i += 1;
        }
    }
    out
}

fn is_ident_start(ch: char) -> bool {
    ch.is_alphabetic() || ch == '_'
}

fn ident_end(c: &[char], from: usize) -> usize {
    (from..c.len())
        .find(|&j| !(c[j].is_alphanumeric() || c[j] == '_'))
        .unwrap_or(c.len())
}

/// The end of a (nested) block comment starting at `from`.
fn block_comment_end(c: &[char], from: usize) -> usize {
    let (mut depth, mut j) = (0, from);
    while j < c.len() {
        if c[j] == '/' && c.get(j + 1) == Some(&'*') {
            depth += 1;
            j += 2;
        } else if c[j] == '*' && c.get(j + 1) == Some(&'/') {
            depth -= 1;
            j += 2;
            if depth == 0 {
                return j;
            }
        } else {
            j += 1;
        }
    }
    c.len()
}

/// If a string literal starts at `from` (`"…"`, `b"…"`, `c"…"`, `r#"…"#`, `br"…"`,
/// `cr#"…"#`, or a byte char `b'…'`), where it ends.
fn string_end(c: &[char], from: usize) -> Option<usize> {
    // A prefix is only a prefix at the start of a word.
    if from > 0 && (c[from - 1].is_alphanumeric() || c[from - 1] == '_') {
        return None;
    }
    let mut j = from;
    if matches!(c[j], 'b' | 'c') {
        j += 1;
        if c[from] == 'b' && c.get(j) == Some(&'\'') {
            return Some(quote_end(c, j));
        }
    }
    if c.get(j) == Some(&'r') {
        let hashes = (j + 1..c.len()).take_while(|&k| c[k] == '#').count();
        let open = j + 1 + hashes;
        if c.get(open) != Some(&'"') {
            return None;
        }
        let mut k = open + 1;
        while k < c.len() {
            if c[k] == '"' && (1..=hashes).all(|h| c.get(k + h) == Some(&'#')) {
                return Some(k + 1 + hashes);
            }
            k += 1;
        }
        return Some(c.len());
    }
    if c.get(j) != Some(&'"') {
        return None;
    }
    let mut k = j + 1;
    while k < c.len() {
        match c[k] {
            '\\' => k += 2,
            '"' => return Some(k + 1),
            _ => k += 1,
        }
    }
    Some(c.len())
}

/// The end of a char literal (`'a'`, `'\''`, `'\u{7f}'`) or of a lifetime or label
/// (`'a`) starting with the quote at `from`.
fn quote_end(c: &[char], from: usize) -> usize {
    match c.get(from + 1) {
        Some('\\') => {
            let mut k = from + 3;
            while k < c.len() && c[k] != '\'' {
                k += 1;
            }
            k + 1
        }
        Some(_) if c.get(from + 2) == Some(&'\'') => from + 3,
        _ => ident_end(c, from + 1),
    }
}

/// One path written in a file, before it is resolved against the crate's modules.
#[derive(Debug, Clone, PartialEq)]
struct Reference {
    line: usize,
    /// The module whose code holds the path (the file's module, or an inline `mod` in it).
    scope: Vec<String>,
    /// The path as written, `use` groups expanded: `["super", "decode", "Trigger"]`.
    path: Vec<String>,
}

/// What one file says outside `#[cfg(test)]` code: the inline modules it declares, the
/// paths it writes, and the names its `use` items bind, by scope.
#[derive(Debug, Default)]
struct Parsed {
    inline_modules: Vec<Vec<String>>,
    references: Vec<Reference>,
    aliases: Aliases,
}

/// `(scope, name)` → the `use` path that binds the name there.
type Aliases = BTreeMap<(Vec<String>, String), Reference>;

fn is_ident(t: Option<&(Tok, usize)>, name: &str) -> bool {
    matches!(t, Some((Tok::Ident(s), _)) if s == name)
}

fn is_punct(t: Option<&(Tok, usize)>, ch: char) -> bool {
    t.is_some_and(|(t, _)| *t == Tok::Punct(ch))
}

/// Whether `#[cfg(test)]` (or `#![cfg(test)]` when `inner`) starts at `i`; the index
/// after it if so.
fn cfg_test_at(toks: &[(Tok, usize)], i: usize, inner: bool) -> Option<usize> {
    let mut j = i;
    if !is_punct(toks.get(j), '#') {
        return None;
    }
    j += 1;
    if inner {
        if !is_punct(toks.get(j), '!') {
            return None;
        }
        j += 1;
    }
    let ident = |s: &str| Tok::Ident(s.to_string());
    let want = [
        Tok::Punct('['),
        ident("cfg"),
        Tok::Punct('('),
        ident("test"),
        Tok::Punct(')'),
        Tok::Punct(']'),
    ];
    for w in &want {
        if toks.get(j).map(|t| &t.0) != Some(w) {
            return None;
        }
        j += 1;
    }
    Some(j)
}

/// The index after the balanced group that opens at `i` (`(`, `[` or `{`).
fn group_end(toks: &[(Tok, usize)], i: usize) -> usize {
    let mut depth = 0i32;
    for (j, (t, _)) in toks.iter().enumerate().skip(i) {
        match t {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    return j + 1;
                }
            }
            _ => {}
        }
    }
    toks.len()
}

/// The index after the item starting at `i` (its attributes included): the item ends
/// with a `;` or a `}` at its own depth, or where its enclosing block closes.
fn item_end(toks: &[(Tok, usize)], mut i: usize) -> usize {
    while is_punct(toks.get(i), '#') && is_punct(toks.get(i + 1), '[') {
        i = group_end(toks, i + 1);
    }
    let mut depth = 0i32;
    while i < toks.len() {
        match toks[i].0 {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => {
                depth -= 1;
                if depth < 0 {
                    return i;
                }
                if depth == 0 && toks[i].0 == Tok::Punct('}') {
                    return i + 1;
                }
            }
            Tok::Punct(';') if depth == 0 => return i + 1,
            _ => {}
        }
        i += 1;
    }
    i
}

/// A path as written, with the line of its last segment and, were it a `use`, the name
/// it would bind (`None` for a glob).
struct Written {
    path: Vec<String>,
    line: usize,
    name: Option<String>,
}

/// The paths of a `use` tree or an inline path starting at `i`, with `use` groups
/// expanded, and the index after it. `prefix` is what enclosing groups contributed.
fn path_at(toks: &[(Tok, usize)], mut i: usize, prefix: &[String]) -> (Vec<Written>, usize) {
    let mut path = prefix.to_vec();
    let mut line = toks.get(i).map_or(0, |t| t.1);
    let mut glob = false;
    loop {
        match toks.get(i).map(|t| &t.0) {
            Some(Tok::Ident(s)) => {
                line = toks[i].1;
                // `self` inside a group names the group's prefix.
                if !(s == "self" && !path.is_empty() && i > 0 && toks[i - 1].0 != Tok::PathSep) {
                    path.push(s.clone());
                }
                i += 1;
            }
            Some(Tok::Punct('{')) => {
                let mut all = Vec::new();
                i += 1;
                while i < toks.len() && !is_punct(toks.get(i), '}') {
                    if is_punct(toks.get(i), ',') {
                        i += 1;
                        continue;
                    }
                    let (paths, next) = path_at(toks, i, &path);
                    all.extend(paths);
                    // Nothing parsed (a stray token): step over it rather than stall.
                    i = next.max(i + 1);
                }
                return (all, i + 1);
            }
            Some(Tok::Punct('*')) => {
                glob = true;
                i += 1;
                break;
            }
            _ => break,
        }
        if toks.get(i).map(|t| &t.0) == Some(&Tok::PathSep) {
            i += 1;
        } else {
            break;
        }
    }
    let mut name = path.last().cloned().filter(|_| !glob);
    if is_ident(toks.get(i), "as") {
        if let Some((Tok::Ident(alias), _)) = toks.get(i + 1) {
            name = Some(alias.clone());
        }
        i += 2;
    }
    (vec![Written { path, line, name }], i)
}

/// The inline modules and module paths of one file whose module is `module`.
fn parse(module: &[String], src: &str) -> Parsed {
    let toks = tokenize(src);
    let mut parsed = Parsed::default();
    // Inline modules open here: (module path, brace depth inside the module's block).
    let mut scopes: Vec<(Vec<String>, i32)> = vec![(module.to_vec(), 0)];
    let mut depth = 0i32;
    let mut i = 0;
    while i < toks.len() {
        if let Some(after) = cfg_test_at(&toks, i, false) {
            i = item_end(&toks, after);
            continue;
        }
        if let Some(after) = cfg_test_at(&toks, i, true) {
            // The rest of the enclosing block (or file) is test code.
            i = after;
            let mut level = 0i32;
            while i < toks.len() {
                match toks[i].0 {
                    Tok::Punct('{') => level += 1,
                    Tok::Punct('}') if level == 0 => break,
                    Tok::Punct('}') => level -= 1,
                    _ => {}
                }
                i += 1;
            }
            continue;
        }
        let scope = scopes.last().map(|s| s.0.clone()).unwrap_or_default();
        match &toks[i].0 {
            Tok::Ident(kw) if kw == "mod" => {
                if let (Some((Tok::Ident(name), _)), true) =
                    (toks.get(i + 1), is_punct(toks.get(i + 2), '{'))
                {
                    let mut inner = scope.clone();
                    inner.push(name.clone());
                    parsed.inline_modules.push(inner.clone());
                    depth += 1;
                    scopes.push((inner, depth));
                    i += 3;
                    continue;
                }
                // `mod child;` declares a module; it does not import it.
                i += 2;
                continue;
            }
            Tok::Ident(_) => {
                let after_sep = i > 0 && toks[i - 1].0 == Tok::PathSep;
                let starts_path = matches!(toks.get(i + 1), Some((Tok::PathSep, _)));
                if starts_path && !after_sep {
                    let is_use = i > 0 && is_ident(toks.get(i - 1), "use");
                    let (paths, next) = path_at(&toks, i, &[]);
                    for w in paths {
                        let reference = Reference {
                            line: w.line,
                            scope: scope.clone(),
                            path: w.path,
                        };
                        if let (true, Some(name)) = (is_use, w.name) {
                            parsed
                                .aliases
                                .insert((scope.clone(), name), reference.clone());
                        }
                        parsed.references.push(reference);
                    }
                    i = next;
                    continue;
                }
            }
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') => {
                depth -= 1;
                while scopes.len() > 1 && scopes.last().is_some_and(|s| s.1 > depth) {
                    scopes.pop();
                }
            }
            _ => {}
        }
        i += 1;
    }
    parsed
}

/// The module a source file holds: `src/source/git.rs` → `source::git`,
/// `src/scan/mod.rs` → `scan`, `src/lib.rs` → the crate root (empty). `src/main.rs` is
/// the binary crate's root, named `main` here so that it has a node of its own.
fn module_of(file: &str) -> Vec<String> {
    let rel = file.strip_prefix("src/").unwrap_or(file);
    let rel = rel.strip_suffix(".rs").unwrap_or(rel);
    let mut parts: Vec<String> = rel.split('/').map(String::from).collect();
    if parts.last().is_some_and(|p| p == "mod") || parts == ["lib"] {
        parts.pop();
    }
    parts
}

fn module_name(module: &[String]) -> String {
    if module.is_empty() {
        "crate".to_string()
    } else {
        module.join("::")
    }
}

/// The module a path refers to, from the root, before looking for the longest known
/// prefix; `None` when the path does not start inside the crate. `aliases` are the
/// file's `use` names, followed at most `hops` deep.
fn absolute(
    reference: &Reference,
    known: &BTreeMap<Vec<String>, String>,
    aliases: &Aliases,
    hops: usize,
) -> Option<Vec<String>> {
    let (head, rest) = reference.path.split_first()?;
    let mut at = match head.as_str() {
        // The binary names the library by its crate name.
        "crate" | "leakhound" => Vec::new(),
        "self" => reference.scope.clone(),
        "super" => {
            let mut up = reference.scope.clone();
            up.pop()?;
            up
        }
        name => {
            // A relative path is a module reference when it names a child module of
            // the scope (`prefilter::Prefilter` in `detect/mod.rs`) or a module a `use`
            // brought in (`source::fs::scan` after `use crate::source;`).
            let mut below = reference.scope.clone();
            below.push(name.to_string());
            if known.contains_key(&below) {
                below
            } else {
                let key = (reference.scope.clone(), name.to_string());
                let alias = aliases.get(&key).filter(|_| hops > 0)?;
                absolute(alias, known, aliases, hops - 1)?
            }
        }
    };
    for segment in rest {
        if segment == "super" {
            at.pop()?;
        } else if segment != "self" {
            at.push(segment.clone());
        }
    }
    Some(at)
}

/// The file and module that an absolute path leads to: the longest known module prefix
/// (down to one segment: naming the crate root itself, `crate::{self as x}`, is no
/// import, the root only declares the modules); and when the name after it is one that
/// module's `use` items bind (`pub use scanner::Scanner` in `detect/mod.rs`), where
/// that name leads, at most `hops` re-exports deep.
fn locate<'a>(
    abs: &[String],
    known: &'a BTreeMap<Vec<String>, String>,
    parsed: &BTreeMap<&str, Parsed>,
    hops: usize,
) -> Option<(&'a str, Vec<String>)> {
    let k = (1..=abs.len())
        .rev()
        .find(|&k| known.contains_key(&abs[..k]))?;
    let module = abs[..k].to_vec();
    let file = known.get(&module)?.as_str();
    let through = abs.get(k).filter(|_| hops > 0).and_then(|name| {
        let aliases = &parsed.get(file)?.aliases;
        let alias = aliases.get(&(module.clone(), name.clone()))?;
        let mut next = absolute(alias, known, aliases, 3)?;
        next.extend_from_slice(&abs[k + 1..]);
        locate(&next, known, parsed, hops - 1)
    });
    through.or(Some((file, module)))
}

/// One layer line of the table: `3 fix: src/fix/** src/fix.rs`.
#[derive(Debug)]
struct Layer {
    rank: u32,
    name: String,
    globs: Vec<String>,
}

/// The lines of the fenced block under "## Layers", without the fence's info string.
fn layers_block(architecture: &str) -> Result<Vec<String>, String> {
    let text = format!("\n{architecture}");
    let section = text
        .split("\n## ")
        .find(|s| s.starts_with("Layers"))
        .ok_or("ARCHITECTURE.md has no \"## Layers\" section")?;
    let block = section
        .split("```")
        .nth(1)
        .ok_or("the \"## Layers\" section has no fenced block")?;
    // The first line of the block is the fence's info string (`text`).
    Ok(block
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(String::from)
        .collect())
}

/// The layer lines of the block, one layer a line, bottom first.
fn layer_table(architecture: &str) -> Result<Vec<Layer>, String> {
    let mut layers: Vec<Layer> = Vec::new();
    for line in &layers_block(architecture)? {
        if line.starts_with("extern ") {
            // Read by `extern_crates`.
            continue;
        }
        let bad = || format!("a layer line must read `N name: glob glob…`, not {line:?}");
        let (head, globs) = line.split_once(':').ok_or_else(bad)?;
        let (rank, name) = head.trim().split_once(' ').ok_or_else(bad)?;
        let rank: u32 = rank.parse().map_err(|_| bad())?;
        if layers.last().is_some_and(|l| l.rank >= rank) {
            return Err(format!("layers must be listed bottom first: {line:?}"));
        }
        layers.push(Layer {
            rank,
            name: name.trim().to_string(),
            globs: globs.split_whitespace().map(String::from).collect(),
        });
    }
    if layers.is_empty() {
        return Err("the layer table is empty".to_string());
    }
    Ok(layers)
}

/// The `extern CRATE…: N` lines of the table: external crates that only layer N and
/// above may use.
fn extern_crates(architecture: &str) -> Result<Vec<(String, u32)>, String> {
    let mut out = Vec::new();
    for line in layers_block(architecture)?
        .iter()
        .filter(|l| l.starts_with("extern "))
    {
        let bad = || format!("an extern line must read `extern crate crate…: N`, not {line:?}");
        let (crates, rank) = line["extern ".len()..].split_once(':').ok_or_else(bad)?;
        let rank: u32 = rank.trim().parse().map_err(|_| bad())?;
        out.extend(crates.split_whitespace().map(|c| (c.to_string(), rank)));
    }
    Ok(out)
}

/// `*` matches within one path segment, `**` any number of whole segments.
fn glob_matches(glob: &str, path: &str) -> bool {
    fn segments(g: &[&str], p: &[&str]) -> bool {
        match g.split_first() {
            None => p.is_empty(),
            Some((&"**", rest)) => (0..=p.len()).any(|k| segments(rest, &p[k..])),
            Some((first, rest)) => {
                p.first().is_some_and(|s| segment(first, s)) && segments(rest, &p[1..])
            }
        }
    }
    fn segment(g: &str, s: &str) -> bool {
        match g.split_once('*') {
            None => g == s,
            Some((before, after)) => {
                s.starts_with(before)
                    && (before.len()..=s.len())
                        .any(|k| s.is_char_boundary(k) && segment(after, &s[k..]))
            }
        }
    }
    let g: Vec<&str> = glob.split('/').collect();
    let p: Vec<&str> = path.split('/').collect();
    segments(&g, &p)
}

/// An import from one file into another, where it is written.
#[derive(Debug, Clone)]
struct Edge {
    line: usize,
    to: String,
    path: String,
}

const UNMAPPED: &str =
    "files with no layer (add them to the table in ARCHITECTURE.md), or code the check cannot see:";
const UPWARD: &str = "imports from a lower layer into a higher one:";
const CYCLES: &str = "import cycles between files (one per knot):";

/// Everything that breaks the layer rule, one message a line, grouped under headings;
/// empty when the tree obeys. `files` maps `src/…` paths to their text.
fn check(architecture: &str, files: &BTreeMap<String, String>) -> Vec<String> {
    let layers = match layer_table(architecture) {
        Ok(layers) => layers,
        Err(e) => return vec![e],
    };
    // Each file's layer, and the files no layer (or more than one) claims.
    let mut layer_of: BTreeMap<&str, &Layer> = BTreeMap::new();
    let mut unmapped = Vec::new();
    for file in files.keys() {
        let claims: Vec<&Layer> = layers
            .iter()
            .filter(|l| l.globs.iter().any(|g| glob_matches(g, file)))
            .collect();
        match claims.as_slice() {
            [one] => {
                layer_of.insert(file, one);
            }
            [] => unmapped.push(format!("  {file}: no layer in the table matches it")),
            many => {
                let names: Vec<&str> = many.iter().map(|l| l.name.as_str()).collect();
                unmapped.push(format!("  {file}: claimed by layers {}", names.join(", ")));
            }
        }
    }

    let parsed: BTreeMap<&str, Parsed> = files
        .iter()
        .map(|(file, src)| (file.as_str(), parse(&module_of(file), src)))
        .collect();
    let mut known: BTreeMap<Vec<String>, String> = BTreeMap::new();
    for (file, p) in &parsed {
        known.insert(module_of(file), file.to_string());
        for inline in &p.inline_modules {
            known.insert(inline.clone(), file.to_string());
        }
    }
    // Each reference's file: the longest known module prefix of its path, followed
    // through that module's `use` items to where a re-exported name lives.
    let mut edges: BTreeMap<&str, Vec<Edge>> = BTreeMap::new();
    for (&file, p) in &parsed {
        let out = edges.entry(file).or_default();
        for r in &p.references {
            let Some(abs) = absolute(r, &known, &p.aliases, 3) else {
                continue;
            };
            if let Some((to, module)) = locate(&abs, &known, &parsed, 8)
                && to != file
            {
                out.push(Edge {
                    line: r.line,
                    to: to.to_string(),
                    path: module_name(&module),
                });
            }
        }
    }

    let mut upward = Vec::new();
    // A path that goes through a module of a higher layer depends on that module, even
    // when the name it reaches is re-exported from below (`crate::report::text::escape`
    // for `crate::text::escape`).
    for (&file, p) in &parsed {
        let Some(from) = layer_of.get(file) else {
            continue;
        };
        for r in &p.references {
            let Some(abs) = absolute(r, &known, &p.aliases, 3) else {
                continue;
            };
            // An import of a higher layer is reported as such below.
            let reached = locate(&abs, &known, &parsed, 8).and_then(|(to, _)| layer_of.get(to));
            if reached.is_some_and(|to| to.rank > from.rank) {
                continue;
            }
            for k in 1..abs.len() {
                if let Some(via) = known.get(&abs[..k])
                    && let Some(to) = layer_of.get(via.as_str())
                    && to.rank > from.rank
                {
                    upward.push(format!(
                        "  {file}:{}: {} (layer {} {}) names a path through {} (layer {} {})",
                        r.line,
                        module_name(&module_of(file)),
                        from.rank,
                        from.name,
                        module_name(&abs[..k]),
                        to.rank,
                        to.name
                    ));
                    break;
                }
            }
        }
    }
    // External crates that only higher layers may use.
    match extern_crates(architecture) {
        Err(e) => return vec![e],
        Ok(externs) => {
            for (&file, p) in &parsed {
                let Some(from) = layer_of.get(file) else {
                    continue;
                };
                for r in &p.references {
                    let Some(first) = r.path.first() else {
                        continue;
                    };
                    if let Some((name, rank)) = externs.iter().find(|(c, _)| c == first)
                        && from.rank < *rank
                    {
                        upward.push(format!(
                            "  {file}:{}: {} (layer {} {}) uses the crate {name}, which only \
                             layer {rank} and above may use",
                            r.line,
                            module_name(&module_of(file)),
                            from.rank,
                            from.name,
                        ));
                    }
                }
            }
        }
    }
    // What the check cannot see: items in the crate root (`crate::x` resolves to no
    // module), and exported macros (`$crate::…` is expanded where they are used).
    for (file, src) in files {
        let toks = tokenize(src);
        for (i, (t, line)) in toks.iter().enumerate() {
            let Tok::Ident(word) = t else { continue };
            let item = matches!(
                word.as_str(),
                "fn" | "struct"
                    | "enum"
                    | "const"
                    | "static"
                    | "type"
                    | "trait"
                    | "impl"
                    | "use"
                    | "macro_rules"
            );
            if file == "src/lib.rs" && item {
                unmapped.push(format!(
                    "  {file}:{line}: the crate root only declares modules (`{word}` here is \
                     out of the layer check's sight)"
                ));
            }
            if word == "macro_export" && i > 0 {
                unmapped.push(format!(
                    "  {file}:{line}: an exported macro is out of the layer check's sight"
                ));
            }
        }
    }
    for (file, out) in &edges {
        for e in out {
            if let (Some(from), Some(to)) = (layer_of.get(file), layer_of.get(e.to.as_str()))
                && to.rank > from.rank
            {
                upward.push(format!(
                    "  {file}:{}: {} (layer {} {}) imports {} (layer {} {})",
                    e.line,
                    module_name(&module_of(file)),
                    from.rank,
                    from.name,
                    e.path,
                    to.rank,
                    to.name
                ));
            }
        }
    }

    let cycles: Vec<String> = cycles(&edges)
        .into_iter()
        .map(|c| format!("  {c}"))
        .collect();
    let mut report = Vec::new();
    for (heading, items) in [(UNMAPPED, unmapped), (UPWARD, upward), (CYCLES, cycles)] {
        if !items.is_empty() {
            report.push(heading.to_string());
            report.extend(items);
        }
    }
    report
}

/// For each strongly connected component of more than one file (Tarjan's algorithm):
/// its files, and the shortest cycle through the first of them, written as
/// `a.rs:12 -> b.rs:3 -> a.rs` (the line of each import).
fn cycles(edges: &BTreeMap<&str, Vec<Edge>>) -> Vec<String> {
    struct Tarjan<'a> {
        edges: &'a BTreeMap<&'a str, Vec<Edge>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        components: Vec<BTreeSet<&'a str>>,
    }
    impl<'a> Tarjan<'a> {
        fn visit(&mut self, v: &'a str) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on_stack.insert(v);
            for e in self.edges.get(v).into_iter().flatten() {
                let w = e.to.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.on_stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = BTreeSet::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    component.insert(w);
                    if w == v {
                        break;
                    }
                }
                self.components.push(component);
            }
        }
    }
    let mut t = Tarjan {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        components: Vec::new(),
    };
    for &v in edges.keys() {
        if !t.index.contains_key(v) {
            t.visit(v);
        }
    }
    let mut found: Vec<String> = t
        .components
        .iter()
        .filter(|c| c.len() > 1)
        .filter_map(|c| {
            let files: Vec<&str> = c.iter().copied().collect();
            let cycle = shortest_cycle(edges, c)?;
            Some(format!("{} files ({}): {cycle}", c.len(), files.join(", ")))
        })
        .collect();
    found.sort();
    found
}

/// Breadth-first from the component's first file back to itself, inside the component.
fn shortest_cycle(edges: &BTreeMap<&str, Vec<Edge>>, component: &BTreeSet<&str>) -> Option<String> {
    let start = *component.first()?;
    // For each file reached: the file and import line it was reached from.
    let mut came_from: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for e in edges.get(v).into_iter().flatten() {
            let w = e.to.as_str();
            if !component.contains(w) || came_from.contains_key(w) {
                continue;
            }
            came_from.insert(w, (v, e.line));
            if w == start {
                let mut steps = vec![start.to_string()];
                let mut at = start;
                loop {
                    let (prev, line) = came_from[at];
                    steps.push(format!("{prev}:{line}"));
                    at = prev;
                    if at == start {
                        break;
                    }
                }
                steps.reverse();
                return Some(steps.join(" -> "));
            }
            queue.push_back(w);
        }
    }
    None
}

/// Every `.rs` file under `dir`, as `src/…` paths with `/` separators.
fn sources(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).unwrap();
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.insert(rel.join("/"), std::fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn layers_hold() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let architecture = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let mut files = BTreeMap::new();
    sources(root, &root.join("src"), &mut files);
    let report = check(&architecture, &files);
    assert!(
        report.is_empty(),
        "the layer rule of ARCHITECTURE.md (\"## Layers\") is broken:\n{}",
        report.join("\n")
    );
}

mod unit {
    use super::*;

    const TABLE: &str = "# x\n\n## Layers\n\nrule\n\n```text\n0 text: src/text.rs\n\
        1 engine: src/detect/** src/detect.rs\n2 app: src/app.rs src/lib.rs\n```\n\n## Next\n";

    fn tree(files: &[(&str, &str)]) -> BTreeMap<String, String> {
        files
            .iter()
            .map(|(p, s)| (p.to_string(), s.to_string()))
            .collect()
    }

    /// The report on `files` under `TABLE`.
    fn report(files: &[(&str, &str)]) -> Vec<String> {
        check(TABLE, &tree(files))
    }

    fn paths(module: &str, src: &str) -> Vec<String> {
        let module: Vec<String> = module.split("::").map(String::from).collect();
        parse(&module, src)
            .references
            .iter()
            .map(|r| format!("{}@{}:{}", r.path.join("::"), r.scope.join("::"), r.line))
            .collect()
    }

    #[test]
    fn a_path_through_a_higher_module_is_upward_even_to_a_lower_item() {
        let r = report(&[
            ("src/text.rs", "pub fn escape() {}\n"),
            ("src/app.rs", "pub use crate::text::escape;\n"),
            ("src/detect/mod.rs", "fn f() { crate::app::escape(); }\n"),
            (
                "src/lib.rs",
                "pub mod app;\npub mod detect;\npub mod text;\n",
            ),
        ]);
        assert_eq!(r.len(), 2, "{r:?}");
        assert!(r[1].contains("src/detect/mod.rs:1: detect (layer 1 engine) names a path through app (layer 2 app)"), "{r:?}");
    }

    #[test]
    fn crate_root_items_and_exported_macros_are_refused() {
        let r = report(&[
            ("src/text.rs", "fn f() { crate::probe(); }\n"),
            (
                "src/app.rs",
                "#[macro_export]\nmacro_rules! m { () => {} }\n",
            ),
            (
                "src/lib.rs",
                "pub mod app;\npub mod text;\npub fn probe() {}\n",
            ),
        ]);
        assert!(
            r.iter()
                .any(|l| l.contains("src/lib.rs:3: the crate root only declares modules")),
            "{r:?}"
        );
        assert!(
            r.iter()
                .any(|l| l.contains("src/app.rs:1: an exported macro")),
            "{r:?}"
        );
    }

    #[test]
    fn external_crates_are_kept_to_their_layers() {
        let table = TABLE.replace(
            "2 app: src/app.rs src/lib.rs\n",
            "2 app: src/app.rs src/lib.rs\nextern git2 clap: 2\n",
        );
        let files = tree(&[
            (
                "src/detect/mod.rs",
                "use git2::Oid;\nfn f() { let _ = std::io::stdin(); }\n",
            ),
            ("src/app.rs", "use clap::Parser;\n"),
            ("src/lib.rs", "pub mod app;\npub mod detect;\n"),
        ]);
        let r = check(&table, &files);
        assert_eq!(r.len(), 2, "{r:?}");
        assert!(r[1].contains("src/detect/mod.rs:1: detect (layer 1 engine) uses the crate git2, which only layer 2 and above may use"), "{r:?}");
    }

    #[test]
    fn nested_use_groups_expand() {
        let src = "use crate::{a::{b, c::D as E}, f::{self, *}};\nuse std::io;\n";
        assert_eq!(
            paths("m", src),
            [
                "crate::a::b@m:1",
                "crate::a::c::D@m:1",
                "crate::f@m:1",
                "crate::f@m:1",
                "std::io@m:2"
            ]
        );
    }

    #[test]
    fn inline_paths_and_visibility() {
        let src = "pub(crate) fn f() { let x = crate::text::escape(y); z::<crate::a::B>() }";
        assert_eq!(
            paths("m", src),
            ["crate::text::escape@m:1", "z@m:1", "crate::a::B@m:1"]
        );
    }

    #[test]
    fn strings_chars_and_comments_hide_paths_and_braces() {
        let src = r####"
// crate::a::x {
/* crate::b /* nested } */ crate::c */
const S: &str = "crate::d { \" }";
const R: &str = r##"crate::e "# }"##;
const C: char = '{';
const Q: char = '\'';
const B: &[u8] = br#"}"#;
fn f<'a>(x: &'a str) -> char { 'x' }
mod inner { fn g() { crate::f::y(); } }
fn h() { crate::g::z(); }
"####;
        assert_eq!(
            paths("m", src),
            ["crate::f::y@m::inner:10", "crate::g::z@m:11"]
        );
    }

    #[test]
    fn test_code_is_skipped() {
        let src = "use crate::a;\n#[cfg(test)]\nmod tests {\n    use crate::b;\n    \
            const S: &str = \"}\";\n    fn t() { let c = '}'; crate::c::f(); }\n}\n\
            #[cfg(test)]\n#[allow(dead_code)]\nuse crate::d;\n#[cfg(test)]\nfn helper() { crate::e::f() }\n\
            fn after() { crate::g::h() }\n";
        assert_eq!(paths("m", src), ["crate::a@m:1", "crate::g::h@m:13"]);
        let inner = "mod t {\n    #![cfg(test)]\n    use crate::x;\n}\nuse crate::y;";
        assert_eq!(paths("m", inner), ["crate::y@m:5"]);
    }

    #[test]
    fn each_path_of_a_group_has_its_own_line() {
        let src = "use crate::{\n    a::B,\n    c::{\n        D,\n    },\n};";
        assert_eq!(paths("m", src), ["crate::a::B@m:2", "crate::c::D@m:4"]);
    }

    #[test]
    fn super_resolves_from_the_files_module_and_inline_modules() {
        let files = [
            ("src/lib.rs", "pub mod app; pub mod detect; pub mod text;"),
            ("src/text.rs", ""),
            ("src/app.rs", ""),
            ("src/detect/mod.rs", "pub mod scanner; pub mod decode;"),
            // `super` inside an inline module is the file's own module: no edge.
            (
                "src/detect/scanner.rs",
                "use super::decode::Trigger;\nmod threads { use super::Scanner; }\npub struct Scanner;",
            ),
            // Up two levels: the crate root, then `app`: an upward import.
            (
                "src/detect/decode.rs",
                "fn f() { super::super::app::run() }",
            ),
        ];
        assert_eq!(
            report(&files),
            [
                UPWARD,
                "  src/detect/decode.rs:1: detect::decode (layer 1 engine) imports app (layer 2 app)"
            ]
        );
    }

    #[test]
    fn an_upward_import_is_caught() {
        let files = [
            ("src/lib.rs", "pub mod app; pub mod text;"),
            ("src/app.rs", "use crate::text::escape;"),
            ("src/text.rs", "\n\nfn f() { crate::app::run() }"),
        ];
        let report = report(&files);
        assert_eq!(
            report,
            [
                UPWARD,
                "  src/text.rs:3: text (layer 0 text) imports app (layer 2 app)",
                CYCLES,
                "  2 files (src/app.rs, src/text.rs): src/app.rs:1 -> src/text.rs:3 -> src/app.rs",
            ]
        );
    }

    #[test]
    fn cycles_are_caught() {
        let cases: [(&[(&str, &str)], &str); 3] = [
            // Three files of one layer around a loop, one edge in each style.
            (
                &[
                    ("src/lib.rs", "pub mod detect;"),
                    ("src/detect/mod.rs", "mod a; mod b; mod c;\npub use a::A;"),
                    ("src/detect/a.rs", "use super::b::B;"),
                    ("src/detect/b.rs", "use crate::detect::c;"),
                    ("src/detect/c.rs", "fn f() { super::a::g() }"),
                ],
                "3 files (src/detect/a.rs, src/detect/b.rs, src/detect/c.rs): \
                 src/detect/a.rs:1 -> src/detect/b.rs:1 -> src/detect/c.rs:1 -> src/detect/a.rs",
            ),
            // A relative path into a child module is an import too.
            (
                &[
                    ("src/lib.rs", "pub mod detect;"),
                    ("src/detect/mod.rs", "mod a;\nfn f() { a::g() }"),
                    ("src/detect/a.rs", "fn g() { super::f() }"),
                ],
                "2 files (src/detect/a.rs, src/detect/mod.rs): \
                 src/detect/a.rs:1 -> src/detect/mod.rs:2 -> src/detect/a.rs",
            ),
            // `detect/mod.rs` as a facade: a child naming `super::Engine` depends on
            // `engine.rs`, not on the facade that re-exports it, so the facade is in no
            // cycle; the two children are.
            (
                &[
                    ("src/lib.rs", "pub mod app; pub mod detect;"),
                    ("src/app.rs", "use crate::detect::{Engine, Scanner};"),
                    (
                        "src/detect/mod.rs",
                        "mod engine; mod scanner;\npub use engine::Engine;\npub use scanner::Scanner;",
                    ),
                    ("src/detect/engine.rs", "use super::Scanner;"),
                    (
                        "src/detect/scanner.rs",
                        "pub struct Scanner;\nfn f() { super::Engine::new() }",
                    ),
                ],
                "2 files (src/detect/engine.rs, src/detect/scanner.rs): \
                 src/detect/engine.rs:1 -> src/detect/scanner.rs:2 -> src/detect/engine.rs",
            ),
        ];
        for (files, cycle) in cases {
            assert_eq!(report(files), [CYCLES, &format!("  {cycle}")]);
        }
    }

    #[test]
    fn a_module_brought_in_by_use_is_followed() {
        let files = [
            ("src/lib.rs", "pub mod app; pub mod detect;"),
            ("src/app.rs", ""),
            (
                "src/detect/mod.rs",
                "pub mod scanner;\nfn f() { let app = 1; }",
            ),
            (
                "src/detect/scanner.rs",
                "use crate::{self as root, detect};\nuse std::fs;\n\
                 fn f() { fs::read(); detect::g(); root::app::run() }",
            ),
        ];
        assert_eq!(
            report(&files),
            [
                UPWARD,
                "  src/detect/scanner.rs:3: detect::scanner (layer 1 engine) imports app (layer 2 app)"
            ]
        );
    }

    #[test]
    fn a_clean_tree_passes() {
        let files = tree(&[
            ("src/lib.rs", "pub mod app; pub mod detect; pub mod text;"),
            ("src/text.rs", "pub fn escape() {}"),
            ("src/detect/mod.rs", "pub mod scanner;\nuse crate::text;"),
            ("src/detect/scanner.rs", "use crate::text::escape;"),
            (
                "src/app.rs",
                "use crate::{detect::scanner, text};\nfn f() { crate::detect::scanner::x() }",
            ),
            ("src/main.rs", "fn main() { leakhound::app::run() }"),
        ]);
        let table = TABLE.replace("src/lib.rs", "src/lib.rs src/main.rs");
        assert_eq!(check(&table, &files), Vec::<String>::new());
    }

    #[test]
    fn unmapped_and_doubly_claimed_files_are_listed() {
        let files = [
            ("src/lib.rs", ""),
            ("src/detect.rs", ""),
            ("src/fix.rs", ""),
        ];
        let table = TABLE.replace("src/detect.rs", "src/detect.rs src/*.rs");
        assert_eq!(
            check(&table, &tree(&files)),
            [UNMAPPED, "  src/lib.rs: claimed by layers engine, app"]
        );
        assert_eq!(
            report(&files),
            [UNMAPPED, "  src/fix.rs: no layer in the table matches it"]
        );
    }

    #[test]
    fn globs() {
        assert!(glob_matches("src/scan/**", "src/scan/mod.rs"));
        assert!(glob_matches("src/scan/**", "src/scan/a/b.rs"));
        assert!(!glob_matches("src/scan/**", "src/scan.rs"));
        assert!(glob_matches("src/*.rs", "src/scan.rs"));
        assert!(!glob_matches("src/*.rs", "src/scan/mod.rs"));
        assert!(glob_matches("src/**/mod.rs", "src/mod.rs"));
    }

    #[test]
    fn a_malformed_table_is_an_error() {
        assert_eq!(
            check(
                "## Layers\n```text\n1 a: x\n0 b: y\n```\n",
                &BTreeMap::new()
            ),
            ["layers must be listed bottom first: \"0 b: y\""]
        );
        assert_eq!(
            check("# none", &BTreeMap::new()),
            ["ARCHITECTURE.md has no \"## Layers\" section"]
        );
    }
}
