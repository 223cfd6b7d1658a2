//! What every language's fix is made of: an [`Edit`], and the byte-level helpers the
//! lexers and fixes share.

/// A replacement of `text[start..end]` by `new_text` (byte offsets into the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub new_text: String,
}

/// Whether `i` is at a character boundary of `text` (never inside a UTF-8 sequence).
pub(super) fn is_boundary(text: &[u8], i: usize) -> bool {
    i == text.len() || text.get(i).is_some_and(|&b| (b & 0xC0) != 0x80)
}

pub(super) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Offset of the `\n` that ends the line holding `i`, or `text.len()`.
pub(super) fn line_end(text: &[u8], i: usize) -> usize {
    let i = i.min(text.len());
    memchr::memchr(b'\n', &text[i..]).map_or(text.len(), |k| i + k)
}

pub(super) fn line_start(text: &[u8], i: usize) -> usize {
    let i = i.min(text.len());
    memchr::memrchr(b'\n', &text[..i]).map_or(0, |k| k + 1)
}

/// The line holding `i` without its line ending (`\n` or `\r\n`): `(start, end)`.
pub(super) fn line_bounds(text: &[u8], i: usize) -> (usize, usize) {
    let ls = line_start(text, i);
    let mut le = line_end(text, i);
    if le > ls && text[le - 1] == b'\r' {
        le -= 1;
    }
    (ls, le)
}

/// The file's line ending, by its first line: `\r\n` or `\n`.
pub(super) fn eol_of(text: &[u8]) -> &'static str {
    match memchr::memchr(b'\n', text) {
        Some(k) if k > 0 && text[k - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

pub(super) fn find(text: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let from = from.min(text.len());
    memchr::memmem::find(&text[from..], needle).map(|k| from + k)
}

pub(super) fn indent_of(line: &[u8]) -> usize {
    line.iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count()
}

pub(super) fn trim_blank_end(s: &[u8]) -> &[u8] {
    let n = s.len()
        - s.iter()
            .rev()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
    &s[..n]
}
