//! Tokens shared by the Python, JavaScript, Go and Ruby tokenisers.

use super::edit::is_word_byte;

/// A token of a source file, as far as fixes care: words (identifiers, keywords,
/// numbers and literals that are not strings), punctuation bytes, newlines and
/// string literals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Tok {
    pub(super) kind: Kind,
    pub(super) lo: usize,
    pub(super) hi: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Punct(u8),
    Newline,
    Str(Lit),
}

/// A string literal: its content is `body_lo..body_hi`, the token (prefix and quotes
/// included) `Tok::lo..Tok::hi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Lit {
    pub(super) body_lo: usize,
    pub(super) body_hi: usize,
    pub(super) quote: u8,
    /// Closed on its own line, without escapes or interpolation: the content is the
    /// value, byte for byte.
    pub(super) plain: bool,
    /// Python: a bytes literal.
    pub(super) bytes: bool,
}

pub(super) fn tok(kind: Kind, lo: usize, hi: usize) -> Tok {
    Tok { kind, lo, hi }
}

/// Whether tokenising can stop: a token at or past `stop` that is not a newline has
/// been read (so the token after a literal ending at `stop` is known).
pub(super) fn passed(toks: &[Tok], stop: usize) -> bool {
    matches!(toks.last(), Some(t) if t.kind != Kind::Newline && t.lo >= stop)
}

pub(super) fn last_sig(toks: &[Tok]) -> Option<&Tok> {
    toks.iter().rev().find(|t| t.kind != Kind::Newline)
}

pub(super) fn prev_sig(toks: &[Tok], k: usize) -> Option<&Tok> {
    toks[..k].iter().rev().find(|t| t.kind != Kind::Newline)
}

pub(super) fn next_sig(toks: &[Tok], k: usize) -> Option<&Tok> {
    toks.get(k + 1..)?.iter().find(|t| t.kind != Kind::Newline)
}

pub(super) fn is_str(t: Option<&Tok>) -> bool {
    matches!(
        t,
        Some(Tok {
            kind: Kind::Str(_),
            ..
        })
    )
}

pub(super) fn is_punct(t: Option<&Tok>, set: &[u8]) -> bool {
    matches!(t, Some(Tok { kind: Kind::Punct(c), .. }) if set.contains(c))
}

pub(super) fn is_word(text: &[u8], t: Option<&Tok>, words: &[&[u8]]) -> bool {
    match t {
        Some(t) if t.kind == Kind::Word => words.contains(&&text[t.lo..t.hi]),
        _ => false,
    }
}

/// The string token whose content is exactly `start..end`.
pub(super) fn literal_at(toks: &[Tok], start: usize, end: usize) -> Option<(usize, Lit)> {
    toks.iter().enumerate().find_map(|(k, t)| match t.kind {
        Kind::Str(l) if l.body_lo == start && l.body_hi == end => Some((k, l)),
        _ => None,
    })
}

/// A one-line string with backslash escapes, opening at `text[i]` (JavaScript `'`/`"`,
/// Go `"`). Unterminated at the end of the line.
pub(super) fn quoted(text: &[u8], i: usize) -> Tok {
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

pub(super) fn word_end(text: &[u8], mut i: usize, extra: u8) -> usize {
    while i < text.len() && (is_word_byte(text[i]) || text[i] == extra) {
        i += 1;
    }
    i
}

/// The end of a regex literal opening at `text[i]` (flags included); it ends at the
/// end of its line at the latest.
pub(super) fn regex_end(text: &[u8], i: usize) -> usize {
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
