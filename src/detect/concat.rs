//! Split values: a string literal continued by another on the next line, as code writes
//! a long token to keep lines short.
//!
//! ```text
//! token = ("ghp_R7wq2mZkT9vLx4Nb"        # Python: implicit concatenation
//!          "Qe8sYc1HdJ0aFu3kLm9pWx")
//! const t = "xoxb-1234-5678-" +           // JS, Java, C#, Go: `+` at the end
//!     "AbCdEf…";                          // or at the start of the next line
//! $k = 'sk_live_…' .                      // PHP `.`, Lua `..`, VB `&`, shell `\`
//! ```
//!
//! A *join* is a closing quote, optionally an operator, a line break, optionally an
//! operator, and an opening quote of the same kind, with a token character (letter,
//! digit, `_-+/=.`) on both sides inside the literals: prose split into literals
//! (`"Please log in " +`) ends in a space and is left alone. Each line break is looked at
//! once and only a bounded number of bytes around it, so finding the joins is linear.
//! The lines of a chain of joins are then copied with the joins cut out, and the rules
//! judge that text; a match that crosses a join is reported at the literals as written.

use std::ops::Range;

/// How many spaces, tabs or operator bytes may sit between a quote and a line break.
const MAX_GAP: usize = 16;
/// How deep the continued literal may be indented: aligned under the first literal's
/// opening quote, it can sit far to the right (`SLACK_USER_TOKEN = ("xoxp-…" +`).
const MAX_INDENT: usize = 120;

/// A segment of the blob whose joins are cut out: the joined text and where each piece
/// of it comes from.
pub(super) struct Joined {
    pub text: Vec<u8>,
    /// Per piece, in order: its start in `text` and in the blob.
    pieces: Vec<(usize, usize)>,
    /// Where in `text` each join was cut.
    pub cuts: Vec<usize>,
}

impl Joined {
    /// The blob offset of `text[at]`.
    pub fn origin(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.0 <= at).saturating_sub(1);
        let (t, h) = self.pieces.get(i).copied().unwrap_or((0, 0));
        h + (at - t)
    }

    /// Whether `text[span]` crosses a join.
    pub fn crosses(&self, span: Range<usize>) -> bool {
        let i = self.cuts.partition_point(|&c| c <= span.start);
        self.cuts.get(i).is_some_and(|&c| c < span.end)
    }
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"_-+/=.".contains(&b)
}

fn is_quote(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | b'`')
}

/// The join around the line break at `nl`: the span to cut, from the closing quote to
/// the opening quote, both included.
fn join_at(hay: &[u8], nl: usize) -> Option<Range<usize>> {
    // Backwards: `\r`, blanks, an operator, blanks, the closing quote.
    let mut i = nl;
    let floor = nl.saturating_sub(MAX_GAP);
    while i > floor
        && matches!(
            hay[i - 1],
            b' ' | b'\t' | b'\r' | b'+' | b'.' | b'&' | b'\\'
        )
    {
        i -= 1;
    }
    let close = i.checked_sub(1)?;
    let quote = hay[close];
    if !is_quote(quote)
        || !hay
            .get(close.checked_sub(1)?)
            .is_some_and(|&b| is_token_byte(b))
    {
        return None;
    }
    let between = &hay[close + 1..nl];
    if between.iter().filter(|b| !b" \t\r".contains(b)).count() > 2 {
        return None;
    }
    // Forwards: blanks, an operator, blanks, the opening quote of the same kind.
    let mut j = nl + 1;
    let ceiling = (nl + 1 + MAX_INDENT).min(hay.len());
    while j < ceiling && matches!(hay[j], b' ' | b'\t' | b'+' | b'.' | b'&') {
        j += 1;
    }
    let after = &hay[nl + 1..j];
    if after.iter().filter(|b| !b" \t".contains(b)).count() > 2 {
        return None;
    }
    (hay.get(j) == Some(&quote) && hay.get(j + 1).is_some_and(|&b| is_token_byte(b)))
        .then_some(close..j + 1)
}

/// Every chain of joins in `hay`, each with the whole lines it spans, joined.
pub(super) fn joined_segments(hay: &[u8]) -> Vec<Joined> {
    let mut out: Vec<Joined> = Vec::new();
    // The chain being built: its line span and its cuts in the blob.
    let mut chain: Option<(usize, usize, Vec<Range<usize>>)> = None;
    for nl in memchr::memchr_iter(b'\n', hay) {
        let Some(cut) = join_at(hay, nl) else {
            continue;
        };
        let line_end =
            |from: usize| memchr::memchr(b'\n', &hay[from..]).map_or(hay.len(), |i| from + i);
        match &mut chain {
            // The previous join's next line is this join's first line.
            Some((_, end, cuts)) if *end == nl => {
                *end = line_end(cut.end);
                cuts.push(cut);
            }
            _ => {
                if let Some(done) = chain.take() {
                    out.push(build(hay, done));
                }
                let start = memchr::memrchr(b'\n', &hay[..cut.start]).map_or(0, |i| i + 1);
                chain = Some((start, line_end(cut.end), vec![cut]));
            }
        }
    }
    if let Some(done) = chain {
        out.push(build(hay, done));
    }
    out
}

fn build(hay: &[u8], (start, end, cuts): (usize, usize, Vec<Range<usize>>)) -> Joined {
    let mut joined = Joined {
        text: Vec::with_capacity(end - start),
        pieces: Vec::with_capacity(cuts.len() + 1),
        cuts: Vec::with_capacity(cuts.len()),
    };
    let mut from = start;
    for cut in cuts {
        joined.pieces.push((joined.text.len(), from));
        joined.text.extend_from_slice(&hay[from..cut.start]);
        joined.cuts.push(joined.text.len());
        from = cut.end;
    }
    joined.pieces.push((joined.text.len(), from));
    joined.text.extend_from_slice(&hay[from..end.max(from)]);
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(hay: &str) -> Vec<String> {
        joined_segments(hay.as_bytes())
            .into_iter()
            .map(|j| String::from_utf8(j.text).unwrap())
            .collect()
    }

    #[test]
    fn literals_joined_in_every_style() {
        assert_eq!(
            texts("t = (\"ab12\"\n     \"cd34\")\n"),
            ["t = (\"ab12cd34\")"]
        );
        assert_eq!(
            texts("t = \"ab12\" +\n  \"cd34\";\n"),
            ["t = \"ab12cd34\";"]
        );
        assert_eq!(texts("t = 'ab12'\r\n  + 'cd34'\r\n"), ["t = 'ab12cd34'\r"]);
        assert_eq!(texts("$t = 'ab' .\n 'cd' .\n 'ef';\n"), ["$t = 'abcdef';"]);
        // Aligned under the first literal's quote, however far right that is.
        let aligned = format!(
            "SLACK_USER_TOKEN = (\"ab12\" +\n{}\"cd34\")\n",
            " ".repeat(20)
        );
        assert_eq!(texts(&aligned), ["SLACK_USER_TOKEN = (\"ab12cd34\")"]);
        assert_eq!(
            texts("x\nt = \"a\" +\n\"b\"\ny\nu = \"c\"\n\"d\"\n").len(),
            2
        );
    }

    #[test]
    fn prose_lists_and_mixed_quotes_are_not_joined() {
        assert!(texts("m = \"Please log in \" +\n  \"again\"\n").is_empty());
        assert!(texts("xs = [\"ab\",\n  \"cd\"]\n").is_empty());
        assert!(texts("t = \"ab\" +\n  'cd'\n").is_empty());
        assert!(texts("t = \"ab\" +\n  name\n").is_empty());
    }

    #[test]
    fn offsets_map_back_to_the_written_text() {
        let hay = "k = \"ab12\" +\n    \"cd34\"\n";
        let j = &joined_segments(hay.as_bytes())[0];
        let at = j.text.iter().position(|&b| b == b'c').unwrap();
        assert_eq!(&hay[j.origin(at)..j.origin(at) + 4], "cd34");
        assert!(j.crosses(5..at + 1));
        assert!(!j.crosses(5..at));
    }
}
