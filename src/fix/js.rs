//! JavaScript and TypeScript: `process.env.NAME`.

use super::edit::{Edit, find, is_word_byte, line_end};
use super::lex::{
    Kind, Lit, Tok, is_punct, is_word, last_sig, literal_at, next_sig, passed, prev_sig, quoted,
    regex_end, tok, word_end,
};
use super::names::{is_js_identifier, is_quotable_name};

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

pub(super) fn js_fix(text: &[u8], start: usize, end: usize, name: &str) -> Option<Edit> {
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

#[cfg(test)]
mod tests {
    use crate::fix::testing::*;
    use crate::fix::*;

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
}
