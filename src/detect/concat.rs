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

/// Whether `b`, next to a quote inside a literal, can be part of a split value: any
/// printable byte but a blank (prose split into literals ends in one), a quote (an
/// empty literal) or a backslash (an escaped quote).
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_graphic() && !is_quote(b) && b != b'\\'
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
    list_joins(hay, &mut out);
    interpolations(hay, &mut out);
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

/// How many join calls or interpolations of one blob are followed: each costs a
/// bounded look, so a hostile file of millions stays linear.
const MAX_SITES: usize = 256;
/// How far a literal list (or the assignment a name refers to) may lie from its use.
const MAX_REACH: usize = 8 * 1024;
/// The longest string literal read as a piece of a split value.
const MAX_PIECE: usize = 512;
/// The longest name read before a `.join(` (`parts`, `String`, `self.parts`).
const MAX_NAME: usize = 128;
/// The most variables one value is assembled from.
const MAX_NAMES: usize = 16;

/// A piece of a value assembled elsewhere: the span of its text in the blob.
type Piece = Range<usize>;

/// The segment for a value assembled from `pieces` (in order) on the line that starts
/// at `line_start` and reads `hay[line_start..head]` before the value, with `quote`
/// (blob offsets of an opening and a closing quote) around it: `NAME = "…"`.
fn assembled(
    hay: &[u8],
    line_start: usize,
    head: usize,
    quotes: (usize, usize),
    pieces: &[Piece],
) -> Joined {
    let mut joined = Joined {
        text: Vec::new(),
        pieces: Vec::with_capacity(pieces.len() + 3),
        cuts: Vec::with_capacity(pieces.len()),
    };
    joined.pieces.push((0, line_start));
    joined.text.extend_from_slice(&hay[line_start..head]);
    joined.pieces.push((joined.text.len(), quotes.0));
    joined.text.push(hay[quotes.0]);
    for (i, p) in pieces.iter().enumerate() {
        if i > 0 {
            joined.cuts.push(joined.text.len());
        }
        joined.pieces.push((joined.text.len(), p.start));
        joined.text.extend_from_slice(&hay[p.clone()]);
    }
    joined.pieces.push((joined.text.len(), quotes.1));
    joined.text.push(hay[quotes.1]);
    joined
}

fn skip_blanks(hay: &[u8], mut i: usize, limit: usize) -> usize {
    while i < limit && hay[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The string literal opening at `hay[at]`: its content, if it is one line, unescaped
/// and short, and holds no blank (a piece of a token, not prose).
fn literal_at(hay: &[u8], at: usize) -> Option<Piece> {
    let q = *hay.get(at)?;
    if !is_quote(q) {
        return None;
    }
    let end = (at + 1 + MAX_PIECE).min(hay.len());
    let close = at + 1 + memchr::memchr(q, &hay[at + 1..end])?;
    let body = &hay[at + 1..close];
    (!body.is_empty() && body.iter().all(|&b| b.is_ascii_graphic() && b != b'\\'))
        .then_some(at + 1..close)
}

/// A list of at least two string literals (`["a", "b",]`) from just after its opening
/// bracket at `open` to its closing `close` byte: the literals and where the list ends.
fn literal_list(hay: &[u8], open: usize, close: u8) -> Option<(Vec<Piece>, usize)> {
    let limit = (open + MAX_REACH).min(hay.len());
    let mut pieces = Vec::new();
    let mut i = open + 1;
    loop {
        i = skip_blanks(hay, i, limit);
        if hay.get(i) == Some(&close) && i < limit {
            break;
        }
        let piece = literal_at(hay, i)?;
        i = skip_blanks(hay, piece.end + 1, limit);
        pieces.push(piece);
        match hay.get(i) {
            Some(b',') if i < limit => i += 1,
            Some(&b) if b == close && i < limit => break,
            _ => return None,
        }
    }
    (pieces.len() >= 2).then_some((pieces, i))
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// Whether the bytes from `at` are an empty string literal (`""`, `''`).
fn empty_literal_at(hay: &[u8], at: usize) -> bool {
    hay.get(at).is_some_and(|&q| is_quote(q)) && hay.get(at + 1) == hay.get(at)
}

/// The list literal assigned to `name` before `before` (`parts = [`, `const parts = [`,
/// `parts := []string{`), nearest first: the offset of its opening bracket.
fn list_assigned(hay: &[u8], name: &[u8], before: usize) -> Option<(usize, u8)> {
    let floor = before.saturating_sub(MAX_REACH);
    let finder = memchr::memmem::FinderRev::new(name);
    for at in finder.rfind_iter(&hay[floor..before]) {
        let at = floor + at;
        if at > 0 && is_ident_byte(hay[at - 1]) {
            continue;
        }
        let mut i = at + name.len();
        while i < before && matches!(hay[i], b' ' | b'\t' | b':') {
            i += 1;
        }
        if hay.get(i) != Some(&b'=') {
            continue;
        }
        i = skip_blanks(hay, i + 1, before);
        // Go's `[]string{`, Rust's `[`, a tuple `(`.
        if hay[i..before].starts_with(b"[]string{") {
            return Some((i + 8, b'}'));
        }
        return match hay.get(i) {
            Some(b'[') => Some((i, b']')),
            Some(b'(') => Some((i, b')')),
            _ => None,
        };
    }
    None
}

/// Literal lists joined with an empty separator, the value written as its pieces:
/// Python `"".join(["a", "b"])`, JavaScript and Ruby `["a", "b"].join("")` (or a
/// variable holding the list), Java `String.join("", "a", "b")`, Go
/// `strings.Join([]string{"a", "b"}, "")`. Each becomes `NAME = "ab"` on the line the
/// list starts on, the name being what precedes it there.
fn list_joins(hay: &[u8], out: &mut Vec<Joined>) {
    let mut seen: Vec<usize> = Vec::new();
    for at in memchr::memmem::find_iter(hay, b"oin(").take(MAX_SITES) {
        if at == 0 || !matches!(hay[at - 1], b'j' | b'J') || at < 2 || hay[at - 2] != b'.' {
            continue;
        }
        let dot = at - 2;
        let args = at + 4;
        let args_at = skip_blanks(hay, args, (args + 16).min(hay.len()));
        // (the list's opening bracket, its closing byte, where the statement's text
        // before the value ends)
        let found: Option<(usize, u8, usize)> = if dot >= 2 && empty_literal_at(hay, dot - 2) {
            // Python: `"".join([…])`, `''.join((…))`.
            match hay.get(args_at) {
                Some(b'[') => Some((args_at, b']', dot - 2)),
                Some(b'(') => Some((args_at, b')', dot - 2)),
                _ => None,
            }
        } else if empty_literal_at(hay, args_at) || hay.get(args_at) == Some(&b')') {
            // `[…].join("")` or `name.join("")` (Ruby's `join` joins with nothing too);
            // Java's `String.join("", "a", "b")`.
            let call = dot;
            let before_start = call
                - hay[..call]
                    .iter()
                    .rev()
                    .take(MAX_NAME)
                    .take_while(|&&b| is_ident_byte(b) || b == b'.')
                    .count();
            if hay[before_start..call].eq_ignore_ascii_case(b"String")
                && hay.get(args_at) != Some(&b')')
            {
                let comma = skip_blanks(hay, args_at + 2, (args_at + 18).min(hay.len()));
                (hay.get(comma) == Some(&b',')).then_some((comma, b')', before_start))
            } else if call > 0 && hay[call - 1] == b']' {
                let floor = call.saturating_sub(MAX_REACH);
                memchr::memrchr(b'[', &hay[floor..call]).map(|o| (floor + o, b']', floor + o))
            } else if before_start < call {
                list_assigned(hay, &hay[before_start..call], before_start).map(|(o, c)| (o, c, o))
            } else {
                None
            }
        } else if hay[..dot].ends_with(b"strings") && hay[args..].starts_with(b"[]string{") {
            // Go: `strings.Join([]string{…}, "")`.
            let open = args + 8;
            literal_list(hay, open, b'}').and_then(|(_, end)| {
                let comma = skip_blanks(hay, end + 1, (end + 17).min(hay.len()));
                let sep = skip_blanks(hay, comma + 1, (comma + 17).min(hay.len()));
                (hay.get(comma) == Some(&b',') && empty_literal_at(hay, sep)).then_some((
                    open,
                    b'}',
                    dot - 7,
                ))
            })
        } else {
            None
        };
        let Some((open, close, head)) = found else {
            continue;
        };
        if seen.contains(&open) {
            continue;
        }
        seen.push(open);
        let Some((pieces, _)) = literal_list(hay, open, close) else {
            continue;
        };
        let line_start = memchr::memrchr(b'\n', &hay[..head]).map_or(0, |i| i + 1);
        let quotes = (pieces[0].start - 1, pieces[pieces.len() - 1].end);
        out.push(assembled(hay, line_start, head, quotes, &pieces));
    }
}

/// The literal assigned to the variable `name` before `before` (`name="…"`,
/// `export name='…'`, `local name=…`), nearest first.
fn literal_assigned(hay: &[u8], name: &[u8], before: usize) -> Option<Piece> {
    let floor = before.saturating_sub(MAX_REACH);
    let finder = memchr::memmem::FinderRev::new(name);
    for at in finder.rfind_iter(&hay[floor..before]) {
        let at = floor + at;
        if at > 0 && is_ident_byte(hay[at - 1]) {
            continue;
        }
        let mut i = at + name.len();
        while i < before && matches!(hay[i], b' ' | b'\t') {
            i += 1;
        }
        if hay.get(i) != Some(&b'=') || hay.get(i + 1) == Some(&b'=') {
            continue;
        }
        i += 1;
        while i < before && matches!(hay[i], b' ' | b'\t') {
            i += 1;
        }
        if let Some(piece) = literal_at(hay, i) {
            return Some(piece);
        }
        // Unquoted, as shell writes it: up to the end of the word.
        let len = hay[i..before]
            .iter()
            .take(MAX_PIECE)
            .take_while(|&&b| b.is_ascii_graphic() && !b";&|`$\"'\\".contains(&b))
            .count();
        return (len > 0
            && hay
                .get(i + len)
                .is_none_or(|b| b.is_ascii_whitespace() || *b == b';'))
        .then_some(i..i + len);
    }
    None
}

/// Values assembled from variables by interpolation, each variable a literal assigned
/// earlier in the blob: shell `T="${part1}${part2}"`, the same in JavaScript template
/// strings, Groovy, Kotlin and Terraform locals. The references must be adjacent
/// (`}${`), so only values cut into pieces are read, not messages that name values.
fn interpolations(hay: &[u8], out: &mut Vec<Joined>) {
    let mut reach = 0;
    for at in memchr::memmem::find_iter(hay, b"}${").take(MAX_SITES) {
        if at < reach {
            continue;
        }
        // Back to the first reference of the run, then forward to its last.
        let mut first = at;
        while let Some(open) = memchr::memrchr(b'{', &hay[first.saturating_sub(64)..first])
            .map(|o| first.saturating_sub(64) + o)
        {
            let inner = &hay[open + 1..first];
            if open == 0
                || hay[open - 1] != b'$'
                || inner.is_empty()
                || !inner.iter().all(|&b| is_ident_byte(b))
            {
                break;
            }
            first = open - 1;
            if first == 0 || hay[first - 1] != b'}' {
                break;
            }
            first -= 1;
        }
        if hay.get(first) != Some(&b'$') {
            continue;
        }
        let mut names: Vec<Range<usize>> = Vec::new();
        let mut i = first;
        while hay.get(i) == Some(&b'$') && hay.get(i + 1) == Some(&b'{') {
            let len = hay[i + 2..]
                .iter()
                .take(64)
                .take_while(|&&b| is_ident_byte(b))
                .count();
            if len == 0 || hay.get(i + 2 + len) != Some(&b'}') {
                break;
            }
            names.push(i + 2..i + 2 + len);
            i += 3 + len;
        }
        reach = i;
        if names.len() < 2 || names.len() > MAX_NAMES {
            continue;
        }
        let Some(pieces) = names
            .iter()
            .map(|n| literal_assigned(hay, &hay[n.clone()], first))
            .collect::<Option<Vec<Piece>>>()
        else {
            continue;
        };
        let line_start = memchr::memrchr(b'\n', &hay[..first]).map_or(0, |i| i + 1);
        let line_end = memchr::memchr(b'\n', &hay[i..]).map_or(hay.len(), |e| i + e);
        let mut joined = Joined {
            text: Vec::new(),
            pieces: vec![(0, line_start)],
            cuts: Vec::new(),
        };
        joined.text.extend_from_slice(&hay[line_start..first]);
        for p in &pieces {
            joined.cuts.push(joined.text.len());
            joined.pieces.push((joined.text.len(), p.start));
            joined.text.extend_from_slice(&hay[p.clone()]);
        }
        joined.cuts.push(joined.text.len());
        joined.pieces.push((joined.text.len(), i));
        joined.text.extend_from_slice(&hay[i..line_end]);
        out.push(joined);
    }
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
    fn literals_ending_in_punctuation_are_joined() {
        assert_eq!(
            texts("p = \"aNGTzzTWcV\" \\\n    \"*!w!fnrj3d\"\n"),
            ["p = \"aNGTzzTWcV*!w!fnrj3d\""]
        );
        assert_eq!(
            texts("c = (\"Server=db;Database=x;\"\n  \"Pwd={a#b};\")\n"),
            ["c = (\"Server=db;Database=x;Pwd={a#b};\")"]
        );
        // An empty literal or an escaped quote ends no piece of a value.
        assert!(texts("t = \"\" +\n  \"cd\"\n").is_empty());
        assert!(texts("t = \"ab\\\\\" +\n  \"cd\"\n").is_empty());
    }

    #[test]
    fn lists_joined_with_nothing_in_every_language() {
        for (code, joined) in [
            // Python, across lines, with a trailing comma; a tuple.
            (
                "TOKEN = \"\".join([\n    \"gho_ab\",\n    \"cd12\",\n])\n",
                "TOKEN = \"gho_abcd12\"",
            ),
            ("k = ''.join(('ab', 'cd'))\n", "k = 'abcd'"),
            // JavaScript: the list itself, or a variable holding it.
            (
                "const k = ['sk_a', 'b1', 'c2'].join('');\n",
                "const k = 'sk_ab1c2'",
            ),
            (
                "const parts = ['sk_a', 'b1'];\nexport const k = parts.join(\"\");\n",
                "const parts = 'sk_ab1'",
            ),
            // Ruby joins with nothing when given nothing.
            ("k = [\"ab\", \"cd\"].join()\n", "k = \"abcd\""),
            // Java and Go.
            (
                "String k = String.join(\"\", \"ab\", \"cd\");\n",
                "String k = \"abcd\"",
            ),
            (
                "k := strings.Join([]string{\"ab\", \"cd\"}, \"\")\n",
                "k := \"abcd\"",
            ),
        ] {
            assert_eq!(texts(code), [joined], "{code}");
        }
    }

    #[test]
    fn lists_joined_with_a_separator_or_of_prose_are_not() {
        for code in [
            "m = \", \".join([\"ab\", \"cd\"])\n",
            "m = [\"ab\", \"cd\"].join(\", \")\n",
            "m = \"\".join([\"Hello there\", \"you\"])\n",
            "m = \"\".join([a, \"cd\"])\n",
            "m = \"\".join([\"ab\"])\n",
            "m = strings.Join([]string{\"ab\", \"cd\"}, \"-\")\n",
        ] {
            assert!(texts(code).is_empty(), "{code}");
        }
    }

    #[test]
    fn interpolated_variables_are_replaced_by_their_literals() {
        assert_eq!(
            texts("part1=\"ghp_ab\"\npart2='cd12'\nT=\"${part1}${part2}\"\n"),
            ["T=\"ghp_abcd12\""]
        );
        // JavaScript template strings, declarations before the names.
        assert_eq!(
            texts("const a = \"sk_x\";\nlet b = \"y9\";\nconst k = `${a}${b}`;\n"),
            ["const k = `sk_xy9`;"]
        );
        // Unquoted shell values; the nearest assignment wins.
        assert_eq!(
            texts("a=old\nb=zz\na=ab12\nexport T=${a}${b}\n"),
            ["export T=ab12zz"]
        );
        // One reference, an unknown name, or a value that is not a literal: nothing.
        assert!(texts("a=\"x\"\nT=\"${a}\"\n").is_empty());
        assert!(texts("a=\"x\"\nT=\"${a}${nope}\"\n").is_empty());
        assert!(texts("a=$(cat f)\nb=x\nT=\"${a}${b}\"\n").is_empty());
        assert!(texts("a==\"x\"\nb=y\nT=\"${a}${b}\"\n").is_empty());
    }

    #[test]
    fn assembled_values_map_back_to_their_pieces() {
        let hay = "b=\"cd34\"\na=\"ab12\"\nT=\"${a}${b}\"\n";
        let j = &joined_segments(hay.as_bytes())[0];
        let at = |s: &str| {
            j.text
                .windows(s.len())
                .position(|w| w == s.as_bytes())
                .unwrap()
        };
        assert_eq!(&hay[j.origin(at("ab12"))..j.origin(at("ab12")) + 4], "ab12");
        assert_eq!(&hay[j.origin(at("cd34"))..j.origin(at("cd34")) + 4], "cd34");
        assert!(j.crosses(at("ab12")..at("cd34") + 1));
        // A hostile line of references stays bounded.
        let many = format!("a=x\nT=\"{}\"\n", "${a}".repeat(100_000));
        assert!(texts(&many).len() <= 1);
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
