//! Python: `os.environ["NAME"]`, and `import os` when the file lacks it.

use super::edit::{Edit, eol_of, is_word_byte, line_end, line_start};
use super::lex::{
    Kind, Lit, Tok, is_punct, is_str, is_word, literal_at, next_sig, passed, prev_sig, tok,
    word_end,
};
use super::names::is_quotable_name;

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

pub(super) fn python_fix(text: &[u8], start: usize, end: usize, name: &str) -> Option<Edit> {
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

pub(super) fn python_import(text: &[u8]) -> Option<Edit> {
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

#[cfg(test)]
mod tests {
    use crate::fix::testing::*;
    use crate::fix::*;

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
}
