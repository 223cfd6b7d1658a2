//! Turning raw bytes into scannable text: binary sniffing and UTF-16 decoding.
//!
//! Everything else is scanned as bytes, valid UTF-8 or not.

use std::borrow::Cow;

/// How many leading bytes are searched for a NUL to call a blob binary.
pub const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// What a blob holds, as far as scanning is concerned.
#[derive(Debug, PartialEq, Eq)]
pub enum Content<'a> {
    /// Bytes to scan (UTF-16 input is decoded to UTF-8, a UTF-8 BOM is dropped).
    Text(Cow<'a, [u8]>),
    /// Not text: skipped.
    Binary,
}

/// Classifies and, if needed, decodes `bytes`.
pub fn prepare(bytes: &[u8]) -> Content<'_> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Content::Text(Cow::Borrowed(rest));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Content::Text(Cow::Owned(decode_utf16(rest, u16::from_le_bytes)));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Content::Text(Cow::Owned(decode_utf16(rest, u16::from_be_bytes)));
    }
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    if memchr::memchr(0, head).is_some() {
        return match utf16_without_bom(head) {
            Some(Endian::Little) => {
                Content::Text(Cow::Owned(decode_utf16(bytes, u16::from_le_bytes)))
            }
            Some(Endian::Big) => Content::Text(Cow::Owned(decode_utf16(bytes, u16::from_be_bytes))),
            None => Content::Binary,
        };
    }
    Content::Text(Cow::Borrowed(bytes))
}

enum Endian {
    Little,
    Big,
}

/// UTF-16 text without a byte-order mark (as some Windows tools write it), told from
/// binary by its shape: mostly ASCII, so one byte of nearly every code unit is zero
/// and the other is printable. Text in other scripts has few zero bytes and is left
/// alone; so is anything shorter than 8 code units.
fn utf16_without_bom(head: &[u8]) -> Option<Endian> {
    let units = head.len() / 2;
    if units < 8 {
        return None;
    }
    let (mut zero_even, mut zero_odd, mut printable_even, mut printable_odd) = (0, 0, 0, 0);
    let printable = |b: u8| b.is_ascii_graphic() || matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    for pair in head.chunks_exact(2) {
        zero_even += usize::from(pair[0] == 0);
        zero_odd += usize::from(pair[1] == 0);
        printable_even += usize::from(printable(pair[0]));
        printable_odd += usize::from(printable(pair[1]));
    }
    // At least 90% of one side zero, at most 5% of the other, and that other side at
    // least 90% printable ASCII.
    let most = |n: usize| n * 10 >= units * 9;
    let few = |n: usize| n * 20 <= units;
    if most(zero_odd) && few(zero_even) && most(printable_even) {
        Some(Endian::Little)
    } else if most(zero_even) && few(zero_odd) && most(printable_odd) {
        Some(Endian::Big)
    } else {
        None
    }
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Vec<u8> {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(bytes.len() / 2);
    out.extend(char::decode_utf16(units).map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER)));
    out.into_bytes()
}

/// File extensions that never hold text worth scanning; such files are skipped
/// without being read.
const BINARY_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "bmp", "ico", "icns", "webp", "tif", "tiff", "psd", "heic", "mp3",
    "mp4", "m4a", "wav", "ogg", "flac", "avi", "mov", "mkv", "webm", "zip", "gz", "tgz", "bz2",
    "xz", "zst", "7z", "rar", "tar", "jar", "war", "ear", "whl", "egg", "exe", "dll", "so",
    "dylib", "a", "o", "obj", "lib", "class", "pyc", "pyo", "wasm", "bin", "dat", "iso", "dmg",
    "img", "woff", "woff2", "ttf", "otf", "eot", "pdf", "doc", "xls", "ppt", "sqlite", "db",
    "rlib", "rmeta", "pack", "idx",
];

/// Whether a file name's extension marks it as binary.
pub fn has_binary_extension(name: &[u8]) -> bool {
    let Some(dot) = memchr::memrchr(b'.', name) else {
        return false;
    };
    let ext = &name[dot + 1..];
    ext.len() <= 6
        && BINARY_EXTENSIONS
            .iter()
            .any(|e| e.as_bytes().eq_ignore_ascii_case(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_means_binary() {
        assert_eq!(prepare(b"abc\0def"), Content::Binary);
        let mut late = vec![b'a'; BINARY_SNIFF_LEN + 10];
        late.push(0);
        assert!(matches!(prepare(&late), Content::Text(_)));
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "key=é".encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        assert_eq!(
            prepare(&le),
            Content::Text(Cow::Owned("key=é".as_bytes().to_vec()))
        );
        assert_eq!(
            prepare(&be),
            Content::Text(Cow::Owned("key=é".as_bytes().to_vec()))
        );
    }

    #[test]
    fn utf16_without_bom_is_recognised_and_binary_is_not() {
        let text = "[settings]\r\ntoken = abc\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let want = Content::Text(Cow::Owned(text.as_bytes().to_vec()));
        assert_eq!(prepare(&le), want);
        assert_eq!(prepare(&be), want);
        // An odd trailing byte is dropped, not a reason to fail.
        let mut odd = le.clone();
        odd.push(b'x');
        assert_eq!(prepare(&odd), want);
        // Little-endian integers, a short run, NULs in ASCII text: binary.
        let ints: Vec<u8> = (0u16..200).flat_map(|i| (i * 300).to_le_bytes()).collect();
        assert_eq!(prepare(&ints), Content::Binary);
        assert_eq!(prepare(b"a\0b\0"), Content::Binary);
        assert_eq!(prepare(b"plain text with a \0 NUL in it"), Content::Binary);
    }

    #[test]
    fn utf8_bom_dropped_invalid_utf8_kept() {
        assert_eq!(
            prepare(b"\xEF\xBB\xBFabc"),
            Content::Text(Cow::Borrowed(b"abc"))
        );
        assert_eq!(prepare(b"a\xFFb"), Content::Text(Cow::Borrowed(b"a\xFFb")));
    }

    #[test]
    fn binary_extensions() {
        assert!(has_binary_extension(b"logo.PNG"));
        assert!(has_binary_extension(b"lib.so"));
        assert!(!has_binary_extension(b"config.py"));
        assert!(!has_binary_extension(b".env"));
        assert!(!has_binary_extension(b"Makefile"));
    }
}
