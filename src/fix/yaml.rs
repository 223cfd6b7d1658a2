//! YAML: a scalar becomes `"${NAME}"`.

use super::edit::{Edit, indent_of, line_bounds, line_end, trim_blank_end};

pub(super) fn yaml_fix(text: &[u8], start: usize, end: usize, name: &str) -> Option<Edit> {
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
    use crate::fix::testing::*;

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
}
