//! Go: `os.Getenv("NAME")`, and `"os"` added to the imports when the file lacks it.

use super::edit::{Edit, eol_of, find, indent_of, is_word_byte, line_end, line_start};
use super::lex::{
    Kind, Lit, Tok, is_punct, is_word, literal_at, next_sig, passed, prev_sig, quoted, tok,
    word_end,
};
use super::names::is_quotable_name;

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

pub(super) fn go_fix(text: &[u8], start: usize, end: usize, name: &str) -> Option<Edit> {
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

pub(super) fn go_import(text: &[u8]) -> Option<Edit> {
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

#[cfg(test)]
mod tests {
    use crate::fix::testing::*;
    use crate::fix::*;

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
}
