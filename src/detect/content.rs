//! Turning raw bytes into scannable text: binary sniffing and UTF-16 decoding.
//!
//! Everything else is scanned as bytes, valid UTF-8 or not.

use std::borrow::Cow;

/// How many leading bytes are searched for a NUL to call a blob binary.
pub(crate) const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// What a blob holds, as far as scanning is concerned.
#[derive(Debug, PartialEq, Eq)]
pub enum Content<'a> {
    /// Bytes to scan (UTF-16 input is decoded to UTF-8, a UTF-8 BOM is dropped).
    Text(Cow<'a, [u8]>),
    /// Not text: skipped.
    Binary,
}

/// Classifies and, if needed, decodes `bytes`.
///
/// A byte-order mark is trusted only when what follows fits it: UTF-32 must be whole
/// code points, and UTF-16 must hold a zero byte in its first 8 KiB (every ASCII
/// character, space and line break has one in UTF-16, so text with a credential in it
/// always does). Bytes `FF FE` before plain ASCII text are scanned as they are.
pub fn prepare(bytes: &[u8]) -> Content<'_> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Content::Text(Cow::Borrowed(rest));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE\0\0")
        && let Some(text) = decode_utf32(rest, u32::from_le_bytes)
    {
        return Content::Text(Cow::Owned(text));
    }
    if let Some(rest) = bytes.strip_prefix(b"\0\0\xFE\xFF")
        && let Some(text) = decode_utf32(rest, u32::from_be_bytes)
    {
        return Content::Text(Cow::Owned(text));
    }
    let looks_utf16 = |rest: &[u8]| {
        rest.is_empty() || memchr::memchr(0, &rest[..rest.len().min(BINARY_SNIFF_LEN)]).is_some()
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE")
        && looks_utf16(rest)
    {
        return Content::Text(Cow::Owned(decode_utf16(rest, u16::from_le_bytes)));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF")
        && looks_utf16(rest)
    {
        return Content::Text(Cow::Owned(decode_utf16(rest, u16::from_be_bytes)));
    }
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
    if memchr::memchr(0, head).is_some() {
        return if utf16_without_bom(head, u16::from_le_bytes) {
            Content::Text(Cow::Owned(decode_utf16(bytes, u16::from_le_bytes)))
        } else if utf16_without_bom(head, u16::from_be_bytes) {
            Content::Text(Cow::Owned(decode_utf16(bytes, u16::from_be_bytes)))
        } else {
            Content::Binary
        };
    }
    Content::Text(Cow::Borrowed(bytes))
}

/// UTF-16 text without a byte-order mark (as some Windows tools write it), told from
/// binary by decoding the head: every code unit must be a character (no unpaired
/// surrogate, no control character but tab and line breaks), at least a tenth of them
/// ASCII (a line break, a space, the credential itself), and almost none with the
/// *other* byte zero (ASCII read in the wrong byte order). Text that starts in another
/// script (a Cyrillic or CJK comment line) passes; binary data, whose small numbers
/// read as control characters, does not. Anything shorter than 8 code units is left
/// alone.
fn utf16_without_bom(head: &[u8], unit: fn([u8; 2]) -> u16) -> bool {
    let units: Vec<u16> = head.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    if units.len() < 8 {
        return false;
    }
    let wrong_zero = units.iter().filter(|&&u| u != 0 && u & 0xFF == 0).count();
    let mut ascii = 0;
    let decoded: Vec<_> = char::decode_utf16(units.iter().copied()).collect();
    let last = decoded.len() - 1;
    for (i, c) in decoded.into_iter().enumerate() {
        match c {
            Ok(c) if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => return false,
            Ok(c) => ascii += usize::from(c.is_ascii()),
            // A surrogate pair cut by the end of the head.
            Err(_) if i == last => {}
            Err(_) => return false,
        }
    }
    ascii * 10 >= units.len() && wrong_zero * 20 <= units.len()
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Vec<u8> {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(bytes.len() / 2);
    out.extend(char::decode_utf16(units).map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER)));
    out.into_bytes()
}

/// UTF-32 text after its byte-order mark, if it is whole code points.
fn decode_utf32(bytes: &[u8], unit: fn([u8; 4]) -> u32) -> Option<Vec<u8>> {
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let text: Option<String> = bytes
        .chunks_exact(4)
        .map(|c| char::from_u32(unit([c[0], c[1], c[2], c[3]])))
        .collect();
    text.map(String::into_bytes)
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
pub(crate) fn has_binary_extension(name: &[u8]) -> bool {
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
    fn a_utf16_bom_before_ascii_is_not_trusted() {
        // FF FE then plain ASCII (odd length, or even): bytes as they are.
        for text in [
            &b"\xFF\xFEtoken = abcdef\n"[..],
            b"\xFF\xFEtoken = abcdefg\n",
        ] {
            assert_eq!(prepare(text), Content::Text(Cow::Borrowed(text)));
        }
        let mut be = b"\xFE\xFF".to_vec();
        be.extend(b"key: value\n");
        assert_eq!(prepare(&be), Content::Text(Cow::Borrowed(&be[..])));
        // A BOM alone is empty UTF-16.
        assert_eq!(prepare(b"\xFF\xFE"), Content::Text(Cow::Owned(Vec::new())));
    }

    #[test]
    fn utf32_with_bom_is_decoded() {
        let text = "key = é\u{1F511}\n";
        let mut le = vec![0xFF, 0xFE, 0, 0];
        let mut be = vec![0, 0, 0xFE, 0xFF];
        for c in text.chars() {
            le.extend((c as u32).to_le_bytes());
            be.extend((c as u32).to_be_bytes());
        }
        let want = Content::Text(Cow::Owned(text.as_bytes().to_vec()));
        assert_eq!(prepare(&le), want);
        assert_eq!(prepare(&be), want);
        // Not whole code points: UTF-16 (a BOM, then U+0000 and more).
        le.push(b'x');
        assert!(matches!(prepare(&le), Content::Text(Cow::Owned(_))));
    }

    #[test]
    fn utf16_without_bom_starting_in_another_script() {
        for text in [
            "# Настройки подключения к базе данных\r\ntoken = abc\r\n",
            "# 数据库连接设置，请勿提交到仓库\ntoken = abc\n",
        ] {
            let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
            let want = Content::Text(Cow::Owned(text.as_bytes().to_vec()));
            assert_eq!(prepare(&le), want, "{text}");
            assert_eq!(prepare(&be), want, "{text}");
        }
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
