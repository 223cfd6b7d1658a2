//! Jupyter notebooks: code cells are JSON strings, so the quotes of the code inside them
//! are escaped.
//!
//! ```text
//! "source": ["password = \"1pKCPR8wX0_iNqnU\"\n", "os.environ[\"DD_API_KEY\"] = \"…\"\n"]
//! ```
//!
//! Rules that need a quoted value after a name read `\"` as a backslash, not a quote.
//! The unescaped view holds each line of a notebook that has an escaped quote, with
//! `\"` and `\\` written as `"` and `\`, and the map back to the bytes as written; the
//! scanner runs the rules over it. Each byte is read once, so building the view is
//! linear, and a notebook's other lines (outputs, images, metadata) are not copied.

/// How far into a blob the notebook's first key may sit.
const HEADER_LIMIT: usize = 4096;

/// The unescaped lines of a notebook and where each piece of them comes from.
pub(super) struct Unescaped {
    pub text: Vec<u8>,
    /// Per piece, in order: its start in `text` and in the blob.
    pieces: Vec<(usize, usize)>,
}

impl Unescaped {
    /// The blob offset of `text[at]`.
    pub fn origin(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.0 <= at).saturating_sub(1);
        let (t, h) = self.pieces.get(i).copied().unwrap_or((0, 0));
        h + (at - t)
    }
}

/// Whether `hay` is a Jupyter notebook: a JSON object whose cells are listed near its
/// start (`"cells"`, or `"cell_type"` in a minified one).
pub(super) fn is_notebook(hay: &[u8]) -> bool {
    let start = hay
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(hay.len());
    if hay.get(start) != Some(&b'{') {
        return false;
    }
    let head = &hay[start..hay.len().min(start + HEADER_LIMIT)];
    memchr::memmem::find(head, b"\"cells\"").is_some()
        || memchr::memmem::find(head, b"\"cell_type\"").is_some()
}

/// The view of the notebook `hay`: its lines that hold `\"`, unescaped, one per line.
/// `None` when no line has an escaped quote.
pub(super) fn unescaped(hay: &[u8]) -> Option<Unescaped> {
    let mut view = Unescaped {
        text: Vec::new(),
        pieces: Vec::new(),
    };
    let mut line_start = 0;
    for quote in memchr::memmem::find_iter(hay, b"\\\"") {
        if quote < line_start {
            continue;
        }
        let start = memchr::memrchr(b'\n', &hay[line_start..quote])
            .map_or(line_start, |i| line_start + i + 1);
        let end = memchr::memchr(b'\n', &hay[quote..]).map_or(hay.len(), |i| quote + i);
        copy_unescaped(&hay[start..end], start, &mut view);
        view.text.push(b'\n');
        line_start = end + 1;
    }
    (!view.text.is_empty()).then_some(view)
}

/// Appends `line` (at `origin` in the blob) to the view with `\"` and `\\` unescaped.
fn copy_unescaped(line: &[u8], origin: usize, view: &mut Unescaped) {
    view.pieces.push((view.text.len(), origin));
    let mut i = 0;
    while i < line.len() {
        let b = line[i];
        if b == b'\\' && matches!(line.get(i + 1), Some(b'"' | b'\\')) {
            // Drop the backslash: the next piece starts at the escaped byte.
            view.pieces.push((view.text.len(), origin + i + 1));
            view.text.push(line[i + 1]);
            i += 2;
            continue;
        }
        view.text.push(b);
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notebooks_are_told_from_other_json() {
        assert!(is_notebook(
            br#"{"cells":[{"cell_type":"code","source":[]}]}"#
        ));
        assert!(is_notebook(
            b"{\n \"cells\": [\n  {\n   \"cell_type\": \"code\""
        ));
        assert!(!is_notebook(br#"{"name": "app", "version": "1.0.0"}"#));
        assert!(!is_notebook(b"cells = [\"a\"]"));
    }

    #[test]
    fn escaped_quotes_are_read_as_quotes_and_mapped_back() {
        let hay = b"{\"cells\":[\n\"x = 1\\n\",\n\"pw = \\\"q\\\\7\\\"\\n\"\n]}";
        let view = unescaped(hay).expect("a line with an escaped quote");
        assert_eq!(view.text, b"\"pw = \"q\\7\"\\n\"\n");
        // Every byte of the view maps to the same byte as written.
        for (at, &b) in view.text.iter().enumerate() {
            if b != b'\n' {
                assert_eq!(hay[view.origin(at)], b, "byte {at}");
            }
        }
        let q = view.text.iter().position(|&b| b == b'q').expect("q");
        assert_eq!(&hay[view.origin(q)..view.origin(q) + 3], b"q\\\\");
    }

    #[test]
    fn lines_without_escaped_quotes_are_not_copied() {
        assert!(unescaped(b"{\"cells\": [\"x = 1\"]}").is_none());
        let view = unescaped(b"a\nb \\\"c\\\" \\\"d\\\"\ne\n").expect("one line");
        assert_eq!(view.text, b"b \"c\" \"d\"\n");
    }
}
