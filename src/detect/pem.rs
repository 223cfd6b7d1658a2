//! PEM private keys as code writes them: one string literal per line joined with `+`,
//! `.`, `,` or by adjacency (`"…\n" "…\n"`), `\n` escapes and `\` line continuations,
//! indented heredocs, block scalars and code blocks, comment leaders (`# `, `// `,
//! ` * `, `-- `, `' `, `REM `), a literal opened behind one (`/// let key = "-----BEGIN`,
//! as documentation examples write keys), header lines and blank lines.
//!
//! [`reassemble`] reads such a block from its `-----BEGIN` marker and rebuilds the key in
//! one canonical form: the BEGIN line, the headers that belong to the key
//! (`Proc-Type`/`DEK-Info`, every armor header of an OpenPGP block), the body rewrapped
//! at the width the tools write (64 columns, 70 for OpenSSH; OpenPGP lines kept as they
//! are), the END line, joined by `\n`. The rules then judge that text, and the same key
//! is the same secret however it is written. A key written as `openssl` writes it is
//! already in that form, so the scanner only does more work for the other shapes.
//!
//! Reading is bounded: one block is at most [`MAX_BLOCK`] bytes of source, one line at
//! most [`MAX_LINE`] bytes, and a failed read says where the next block may start, so
//! a blob's markers are read in one pass.

use std::ops::Range;

/// How many bytes of source one block may span (an 8192-bit RSA key is about 6.5 KiB
/// of PEM; quotes, `+` and indentation can more than double it).
const MAX_BLOCK: usize = 32 * 1024;
/// The longest line of a block (a body written on one line, as some code does).
const MAX_LINE: usize = 12 * 1024;
/// How many bytes of code may separate two string literals of one block
/// (`\n" +\n    "`, a trailing comment).
const MAX_GLUE: usize = 256;
/// Header lines (`Proc-Type:`, `Comment:`) a block may have.
const MAX_HEADERS: usize = 8;
/// The longest label between `-----BEGIN ` and `-----`.
const MAX_LABEL: usize = 40;
/// Characters of comment leaders stripped from each line when the BEGIN line has one
/// (`#`, `//`, ` * `, `;`, `>`, `%`, `'`, `#:`, `//!`); `--` and `REM` are the others.
const LEADERS: &[u8] = b"#/*;>!%':";
/// How far back the start of the BEGIN line is looked for, to see whether the line
/// starts with a comment leader.
const MAX_PREFIX: usize = 256;

/// A block read from the source: where it is written (from the first `-` of BEGIN to
/// the last of END) and its canonical text.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Block {
    pub span: Range<usize>,
    pub text: Vec<u8>,
}

/// The start of the `-----BEGIN … PRIVATE KEY…-----` marker that a keyword hit starting
/// at `hit` lies in, if it is one (keywords are searched by their first bytes, so the
/// hit may cover only part of the marker).
pub(super) fn marker_at(hay: &[u8], hit: usize) -> Option<usize> {
    let start = hit.checked_sub(5)?;
    let rest = hay.get(hit..(hit + 6 + MAX_LABEL + 5).min(hay.len()))?;
    let label = rest.strip_prefix(b"BEGIN ")?;
    let close = memchr::memmem::find(label, b"-----")?;
    (hay.get(start..hit)? == b"-----"
        && memchr::memmem::find(&label[..close], b"PRIVATE KEY").is_some())
    .then_some(start)
}

/// Reads the block whose `-----BEGIN` starts at `at`. On failure, returns the offset
/// from which another block may start: the bytes read before it hold no other marker,
/// so each byte of a blob is read for at most one block.
pub(super) fn reassemble(hay: &[u8], at: usize) -> Result<Block, usize> {
    let mut reader = Reader::new(hay, at);
    let mut asm = Assembly::default();
    let mut line = Vec::new();
    let mut pos = Vec::new();
    loop {
        line.clear();
        pos.clear();
        let last = loop {
            match reader.next() {
                Tok::Byte(b) => {
                    if line.len() >= MAX_LINE {
                        return Err(reader.pos);
                    }
                    line.push(b);
                    pos.push(reader.pos - 1);
                    // Another block's marker ends this attempt; that block is read on
                    // its own.
                    if b == b'N' && line.ends_with(b"-----BEGIN") {
                        let marker = pos[line.len() - 10];
                        if marker > at {
                            return Err(marker);
                        }
                    }
                }
                Tok::Break => break false,
                Tok::Stop => break true,
            }
        };
        match asm.line(&line, reader.leader) {
            Step::More => {}
            Step::Done(i) => {
                let end = pos.get(i).map_or(reader.pos, |&p| p + 1);
                return Ok(Block {
                    span: at..end,
                    text: asm.canonical(),
                });
            }
            Step::Fail => return Err(reader.pos.max(at + 1)),
        }
        if last {
            return Err(reader.pos.max(at + 1));
        }
    }
}

/// What the reader yields: a byte of the block's text, a line break (a newline, a `\n`
/// escape, the end of a string literal) or the end of the block's text.
enum Tok {
    Byte(u8),
    Break,
    Stop,
}

/// Reads the text of a block from the source, undoing the syntax it is written in.
struct Reader<'a> {
    hay: &'a [u8],
    pos: usize,
    limit: usize,
    /// The quote of the string literal being read; `None` outside literals.
    quote: Option<u8>,
    /// Whether lines may start with a comment leader, because the BEGIN line does.
    leader: bool,
}

impl<'a> Reader<'a> {
    fn new(hay: &'a [u8], at: usize) -> Reader<'a> {
        let before = at.checked_sub(1).map(|i| hay[i]);
        let quote = before.filter(|b| matches!(b, b'"' | b'\'' | b'`'));
        let window = at.saturating_sub(MAX_PREFIX);
        let line_start = memchr::memrchr(b'\n', &hay[window..at])
            .map(|i| window + i + 1)
            .or((window == 0).then_some(0));
        // Lines may start with a comment leader when the BEGIN line is only a leader
        // before the marker, or a leader and a blank before the literal the marker
        // opens (`/// let key = "-----BEGIN`).
        let leader = line_start.is_some_and(|s| {
            let prefix = trim(&hay[s..at]);
            let n = leader_len(prefix);
            n > 0
                && match quote {
                    None => strip_leaders(prefix).is_empty(),
                    Some(_) => matches!(prefix.get(n), Some(b' ' | b'\t')),
                }
        });
        Reader {
            hay,
            pos: at,
            limit: (at + MAX_BLOCK).min(hay.len()),
            quote,
            leader,
        }
    }

    fn peek(&self, k: usize) -> Option<u8> {
        self.hay
            .get(self.pos + k)
            .copied()
            .filter(|_| self.pos + k < self.limit)
    }

    fn next(&mut self) -> Tok {
        while let Some(b) = self.peek(0) {
            self.pos += 1;
            match b {
                b'\n' => return Tok::Break,
                b'\r' => {}
                b'\\' => {
                    // `\n`, `\\n`, `\r`: escapes of a line break, in a literal or in
                    // text that was one (JSON, a YAML double-quoted string).
                    let mut n = 0;
                    while self.peek(n) == Some(b'\\') {
                        n += 1;
                    }
                    match self.peek(n) {
                        Some(b'n') if n <= 2 => {
                            self.pos += n + 1;
                            return Tok::Break;
                        }
                        Some(b'r') if n <= 2 => self.pos += n + 1,
                        Some(b'/') if n == 0 => {
                            self.pos += 1;
                            return Tok::Byte(b'/');
                        }
                        Some(b'\n' | b'\r') if n == 0 && self.quote.is_some() => {
                            // A line continuation (C, Rust, Python): the newline is
                            // not part of the literal.
                            while matches!(self.peek(0), Some(b'\r' | b'\n')) {
                                self.pos += 1;
                            }
                        }
                        _ => return Tok::Byte(b'\\'),
                    }
                }
                q if Some(q) == self.quote => {
                    return if self.glue() { Tok::Break } else { Tok::Stop };
                }
                _ => return Tok::Byte(b),
            }
        }
        Tok::Stop
    }

    /// After a literal's closing quote: skips the code that joins it to the next
    /// literal (`+`, `.`, `,`, `&`, `_`, `\`, whitespace, a line comment) and that
    /// literal's prefix and opening quote. False when no literal follows.
    fn glue(&mut self) -> bool {
        let start = self.pos;
        while let Some(b) = self.peek(0) {
            if self.pos - start > MAX_GLUE {
                return false;
            }
            match b {
                b' ' | b'\t' | b'\r' | b'\n' | b'+' | b'.' | b',' | b'&' | b'_' | b'\\' => {
                    self.pos += 1
                }
                b'/' if self.peek(1) == Some(b'/') => self.skip_line(),
                b'#' => self.skip_line(),
                b'"' | b'\'' | b'`' => {
                    self.pos += 1;
                    self.quote = Some(b);
                    return true;
                }
                _ => {
                    // A string prefix: `r"`, `b'`, `@"`, `$"`, `u8"`.
                    let mut k = 0;
                    while k < 3
                        && self
                            .peek(k)
                            .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'@' || c == b'$')
                    {
                        k += 1;
                    }
                    return match self.peek(k) {
                        Some(q @ (b'"' | b'\'' | b'`')) if k > 0 => {
                            self.pos += k + 1;
                            self.quote = Some(q);
                            true
                        }
                        _ => false,
                    };
                }
            }
        }
        false
    }

    fn skip_line(&mut self) {
        while self.peek(0).is_some_and(|b| b != b'\n') {
            self.pos += 1;
        }
    }
}

/// What a line did to the block being assembled.
enum Step {
    More,
    /// The END line was read; the END marker's last byte is at this index of the line.
    Done(usize),
    Fail,
}

/// The lines of a block, judged as they come.
#[derive(Default)]
struct Assembly {
    label: Vec<u8>,
    headers: Vec<Vec<u8>>,
    header_count: usize,
    /// Body lines, as written (OpenPGP) or run together (everything else).
    body: Vec<Vec<u8>>,
}

impl Assembly {
    fn pgp(&self) -> bool {
        self.label.starts_with(b"PGP ")
    }

    fn line(&mut self, line: &[u8], leader: bool) -> Step {
        if self.label.is_empty() {
            return self.begin(line, leader);
        }
        let mut l = trim(line);
        if leader {
            l = strip_leaders(l);
        }
        let offset = l.as_ptr() as usize - line.as_ptr() as usize;
        if l.is_empty() {
            return Step::More;
        }
        if l.starts_with(b"-----") {
            return self.end(l, offset);
        }
        if self.body.is_empty() && is_header(l) {
            self.header_count += 1;
            if self.header_count > MAX_HEADERS {
                return Step::Fail;
            }
            if self.pgp() || l.starts_with(b"Proc-Type:") || l.starts_with(b"DEK-Info:") {
                self.headers.push(l.to_vec());
            }
            return Step::More;
        }
        let n = l.iter().take_while(|&&b| is_base64(b)).count();
        if n == 0 {
            return Step::Fail;
        }
        self.body.push(l[..n].to_vec());
        match &l[n..] {
            [] => Step::More,
            rest if rest.starts_with(b"-----") => self.end(rest, offset + n),
            _ => Step::Fail,
        }
    }

    /// The first line, which starts with the marker; text after the marker on the same
    /// line is the block's next line.
    fn begin(&mut self, line: &[u8], leader: bool) -> Step {
        let Some(rest) = line.strip_prefix(b"-----BEGIN ") else {
            return Step::Fail;
        };
        let Some(n) = memchr::memmem::find(&rest[..rest.len().min(MAX_LABEL + 5)], b"-----") else {
            return Step::Fail;
        };
        let label = &rest[..n];
        if !label
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b' ')
            || memchr::memmem::find(label, b"PRIVATE KEY").is_none()
        {
            return Step::Fail;
        }
        self.label = label.to_vec();
        let after = &rest[n + 5..];
        if trim(after).is_empty() {
            return Step::More;
        }
        match self.line(after, leader) {
            Step::Done(i) => Step::Done(i + (line.len() - after.len())),
            other => other,
        }
    }

    /// A line starting with `-----`: the END marker of this block, or a failure.
    fn end(&self, l: &[u8], offset: usize) -> Step {
        let marker_len = 9 + self.label.len() + 5;
        let ok = !self.body.is_empty()
            && l.starts_with(b"-----END ")
            && l.get(9..9 + self.label.len()) == Some(&self.label[..])
            && l.get(9 + self.label.len()..marker_len) == Some(b"-----");
        if ok {
            Step::Done(offset + marker_len - 1)
        } else {
            Step::Fail
        }
    }

    fn canonical(&self) -> Vec<u8> {
        let mut out =
            Vec::with_capacity(self.body.iter().map(|l| l.len() + 1).sum::<usize>() + 128);
        out.extend_from_slice(b"-----BEGIN ");
        out.extend_from_slice(&self.label);
        out.extend_from_slice(b"-----\n");
        for h in &self.headers {
            out.extend_from_slice(h);
            out.push(b'\n');
        }
        if self.pgp() || !self.headers.is_empty() {
            out.push(b'\n');
        }
        if self.pgp() {
            for l in &self.body {
                out.extend_from_slice(l);
                out.push(b'\n');
            }
        } else {
            let width = if self.label == b"OPENSSH PRIVATE KEY" {
                70
            } else {
                64
            };
            let all: Vec<u8> = self.body.concat();
            for chunk in all.chunks(width) {
                out.extend_from_slice(chunk);
                out.push(b'\n');
            }
        }
        out.extend_from_slice(b"-----END ");
        out.extend_from_slice(&self.label);
        out.extend_from_slice(b"-----");
        out
    }
}

/// `Name: value`, as RFC 1421 and RFC 4880 armor headers are written.
fn is_header(l: &[u8]) -> bool {
    let Some(colon) = l.iter().take(32).position(|&b| b == b':') else {
        return false;
    };
    colon > 0
        && l[0].is_ascii_alphabetic()
        && l[..colon]
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        && l.len() <= 256
        && l.iter().all(|b| (0x20..0x7f).contains(b))
}

/// The length of the comment leader `l` starts with: up to 8 of [`LEADERS`], `--` (SQL,
/// Lua, Haskell) or `REM` and a blank (batch files); 0 when it starts with none.
fn leader_len(l: &[u8]) -> usize {
    let run = l.iter().take(8).take_while(|b| LEADERS.contains(b)).count();
    if run > 0 {
        run
    } else if l.starts_with(b"--") && l.get(2) != Some(&b'-') {
        2
    } else if l.get(..3).is_some_and(|w| w.eq_ignore_ascii_case(b"REM"))
        && matches!(l.get(3), None | Some(b' ' | b'\t'))
    {
        3
    } else {
        0
    }
}

/// `l` without the comment leaders it starts with (at most three, as in `/// # `) and
/// the blanks after them. A leader after the first needs a blank after it, so that a
/// body line starting with `/` keeps it (`// /ThglAX…`).
fn strip_leaders(mut l: &[u8]) -> &[u8] {
    for i in 0..3 {
        let n = leader_len(l);
        if n == 0 || (i > 0 && !matches!(l.get(n), None | Some(b' ' | b'\t'))) {
            break;
        }
        l = trim(&l[n..]);
    }
    l
}

fn is_base64(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=')
}

fn trim(s: &[u8]) -> &[u8] {
    let start = s
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t' | b'\r'))
        .count();
    let s = &s[start..];
    let end = s.len()
        - s.iter()
            .rev()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\r'))
            .count();
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: [&str; 3] = [
        "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg7p5m6Wpsr2OPWssk",
        "uPxickoKGYXPOu10zByONhbOEiahRANCAAQpaARYsdYW4KdrfrFVC/jh7ro83xrh",
        "cMCiifMRQ7i6pimvvYDRiIJ1vDoZ+9l/32hOOL1pNi/bBTXfRcpzDJUG",
    ];

    fn plain() -> String {
        format!(
            "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----",
            BODY.join("\n")
        )
    }

    /// The block read at the first marker of `hay`, as (text written, canonical text).
    fn read(hay: &str) -> Result<(String, String), usize> {
        let at = hay.find("-----BEGIN").expect("a marker");
        reassemble(hay.as_bytes(), at).map(|b| {
            (
                hay[b.span].to_string(),
                String::from_utf8(b.text).expect("text"),
            )
        })
    }

    #[test]
    fn markers_are_recognised_from_a_keyword_prefix() {
        let hay = b"x = '-----BEGIN EC PRIVATE KEY-----'";
        assert_eq!(marker_at(hay, 10), Some(5));
        assert_eq!(marker_at(b"-----BEGIN PUBLIC KEY-----", 5), None);
        assert_eq!(marker_at(b"BEGIN PRIVATE KEY-----", 0), None);
        assert_eq!(marker_at(b"-----BEGIN PRIVATE KEY", 5), None);
    }

    #[test]
    fn plain_text_is_its_own_canonical_form() {
        let (written, text) = read(&format!("key:\n{}\nrest\n", plain())).unwrap();
        assert_eq!(written, plain());
        assert_eq!(text, plain());
    }

    #[test]
    fn literals_escapes_and_indentation_give_the_plain_text() {
        let lines: Vec<String> = plain().lines().map(str::to_string).collect();
        let joined = |open: &str, close: &str, sep: &str| {
            lines
                .iter()
                .map(|l| format!("{open}{l}{close}"))
                .collect::<Vec<_>>()
                .join(sep)
        };
        for hay in [
            format!("k = {};", joined("\"", "\\n\"", " +\n  ")),
            format!("k = {};", joined("'", "'", " . ")),
            format!("k = ({})", joined("\"", "\\n\"", "\n    ")),
            format!("k = [{}]", joined("r\"", "\"", ",\n  # a comment\n  ")),
            format!("k = {}", joined("@\"", "\"", " & _\n ")),
            format!("k = \"{}\"", lines.join("\\n\\\n        ")),
            format!("{{\"k\": \"{}\\n\"}}", lines.join("\\n")),
            format!("{{\"k\": \"{}\"}}", lines.join("\\\\n").replace('/', "\\/")),
            format!("k: |\n{}\n", joined("              ", "", "\n")),
            format!("{}\n", joined(" * ", "", "\n")),
            format!("{}\n", joined("// ", "", "\r\n")),
            format!("{}\n", joined("-- ", "", "\n")),
            format!("{}\n", joined("' ", "", "\n")),
            format!("{}\n", joined("#: ", "", "\n")),
            format!("{}\n", joined("rem ", "", "\n")),
            // A literal opened behind a comment leader, its lines behind the same one.
            format!("/// let k = \"{}\";", lines.join("\n/// ")),
            format!("    /// # let k = \"{}\";", lines.join("\n    /// # ")),
            format!("-- k = '{}'", lines.join("\n-- ")),
            // A body on one line, an END marker run on to the last body line.
            format!("k = \"{}{}{}\"", lines[0], BODY.concat(), lines[4]),
        ] {
            let (written, text) = read(&hay).unwrap_or_else(|e| panic!("{e}: {hay}"));
            assert_eq!(text, plain(), "{hay}");
            assert!(written.starts_with("-----BEGIN") && written.ends_with("KEY-----"));
        }
    }

    #[test]
    fn leaders_are_stripped_only_where_the_begin_line_has_one() {
        assert_eq!(strip_leaders(b"/// # MIIB"), b"MIIB");
        assert_eq!(strip_leaders(b"REM MIIB"), b"MIIB");
        assert_eq!(strip_leaders(b"REMIIB"), b"REMIIB");
        assert_eq!(strip_leaders(b"-----END"), b"-----END");
        assert_eq!(strip_leaders(b"// /ThglAX"), b"/ThglAX");
        // Code before the literal is no comment: its lines keep what they start with.
        let lines = plain().replace('\n', "\n// ");
        for hay in [
            format!("f(); // k = \"{lines}\""),
            format!("//k = \"{lines}\""),
        ] {
            assert!(read(&hay).is_err(), "{hay}");
        }
    }

    #[test]
    fn headers_and_blank_lines_are_kept_only_where_they_belong_to_the_key() {
        let body = BODY.join("\n");
        let (_, text) = read(&format!(
            "-----BEGIN PRIVATE KEY-----\n\nComment: \"a test\"\nkeyID: 12\n\n{body}\n-----END PRIVATE KEY-----"
        ))
        .unwrap();
        assert_eq!(text, plain());
        let encrypted = format!(
            "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,396924835A0A5676\n\n{body}\n-----END RSA PRIVATE KEY-----"
        );
        let indented = encrypted.replace('\n', "\n        ");
        assert_eq!(read(&indented).unwrap().1, encrypted);
        // OpenPGP armor keeps its headers, its blank line and its line breaks.
        let pgp = format!(
            "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: 1\n\n{body}\n=JHAD\n-----END PGP PRIVATE KEY BLOCK-----"
        );
        assert_eq!(read(&pgp).unwrap().1, pgp);
    }

    #[test]
    fn bodies_are_rewrapped_at_the_width_of_their_format() {
        let long = BODY.concat();
        let (_, text) = read(&format!(
            "-----BEGIN OPENSSH PRIVATE KEY-----\n{long}\n-----END OPENSSH PRIVATE KEY-----"
        ))
        .unwrap();
        let widths: Vec<usize> = text.lines().map(str::len).collect();
        assert_eq!(widths[1..widths.len() - 1], [70, 70, 44]);
    }

    #[test]
    fn anything_else_in_the_block_is_no_key() {
        let body = BODY.join("\n");
        for hay in [
            "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----".to_string(),
            "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----".to_string(),
            format!("-----BEGIN PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----"),
            format!("-----BEGIN PRIVATE KEY-----\n{body}\n"),
            format!("k = \"-----BEGIN PRIVATE KEY-----\\n\" + body + \"{body}\""),
            format!("-----BEGIN PRIVATE KEY-----\n<your key>\n{body}\n-----END PRIVATE KEY-----"),
            format!("-----BEGIN private key-----\n{body}\n-----END private key-----"),
        ] {
            assert!(read(&hay).is_err(), "{hay}");
        }
    }

    #[test]
    fn a_failed_block_resumes_at_the_next_marker_or_past_what_it_read() {
        let second = format!(
            "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----",
            BODY.join("\n")
        );
        let hay = format!("-----BEGIN PRIVATE KEY-----\n{}\n{second}", BODY[0]);
        let at = hay.rfind("-----BEGIN").unwrap();
        assert_eq!(reassemble(hay.as_bytes(), 0), Err(at));
        assert!(reassemble(hay.as_bytes(), at).is_ok());
        // A body line with no end is read to the limit, not beyond.
        let endless = format!("-----BEGIN PRIVATE KEY-----\n{}", "A".repeat(3 * MAX_LINE));
        let stop = reassemble(endless.as_bytes(), 0).unwrap_err();
        assert!(stop > MAX_LINE && stop <= MAX_LINE + 64, "{stop}");
    }
}
