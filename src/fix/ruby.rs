//! Ruby: `ENV.fetch("NAME")`.

use super::edit::{Edit, indent_of, is_word_byte, line_end};
use super::lex::{
    Kind, Lit, Tok, is_str, last_sig, literal_at, next_sig, passed, prev_sig, regex_end, tok,
    word_end,
};
use super::names::is_quotable_name;

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

pub(super) fn ruby_fix(text: &[u8], start: usize, end: usize, name: &str) -> Option<Edit> {
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

#[cfg(test)]
mod tests {
    use crate::fix::testing::*;
    use crate::fix::*;

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
}
