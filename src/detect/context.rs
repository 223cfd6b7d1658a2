//! Secrets whose name is not beside their value on the line: the context view.
//!
//! Rules read `NAME = VALUE` on one line. Configuration often puts the name elsewhere:
//!
//! - in an enclosing section or key path (`datadog:` then `api_key: …`, `[datadog]` then
//!   `api_key = …`, `provider "datadog" {` then `api_key = "…"`, `"datadog": {` …);
//! - in a sibling key (Kubernetes and ECS env lists: `- name: DD_API_KEY` then
//!   `value: …`; Terraform `variable "db_password" {` then `default = "…"`; XML
//!   `<name>…</name><value>…</value>`, `<key>…</key><string>…</string>`,
//!   `<env name="…" value="…"/>`);
//! - on the line before (a Java properties value continued after `\`);
//! - in a lookup whose default is the literal ([`super::lookup`]).
//!
//! [`build`] writes each such value as a line of its own, `full_name = value`, with the
//! value copied verbatim, and records where it came from; the scanner runs the rules
//! over those lines and reports what they find at the original value. Only values
//! whose name could name a credential are written, so the view stays small. The pass
//! reads each line once and keeps a stack of enclosing keys that each line pops or
//! pushes once: linear in the input.

use super::generic::{SECRET_STEMS, has_secret_stem, is_secret_name, words};
use super::lookup;

/// A value written into the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placed {
    /// The value's span in the view.
    pub lo: usize,
    pub hi: usize,
    /// Where the value starts in the scanned text.
    pub origin: usize,
    /// Whether the generic rules may report it. A value named by its own key on its
    /// line was judged by the generic rules already; only the full key path is new,
    /// and it is for provider rules (`datadog_api_key`).
    pub generic: bool,
}

/// The context view of a text.
#[derive(Debug, Default)]
pub(crate) struct View {
    pub text: Vec<u8>,
    pub placed: Vec<Placed>,
}

/// Lines longer than this (minified code, data) are only searched for lookups.
const MAX_STRUCTURED_LINE: usize = 2048;
/// How many lines after a sibling name its value may come.
const SIBLING_REACH: usize = 8;
/// Enclosing keys used in a name: the innermost few.
const PATH_DEPTH: usize = 3;
/// Values shorter or longer than these are not written.
const MIN_VALUE: usize = 8;
const MAX_VALUE: usize = 300;

/// Keys whose value names a sibling's value.
const NAME_KEYS: &[&str] = &["name", "key", "parameterkey", "optionname", "variable"];
/// Keys holding the value a sibling names.
const VALUE_KEYS: &[&str] = &["value", "parametervalue", "default", "string"];

/// Whether a name could name a credential: a secret name, or one ending in `key` or
/// `pat` that a provider rule may know with its provider's name before it
/// (`datadog_app_key`, `azure_devops_pat`).
fn may_name_credential(name: &[u8]) -> bool {
    if !has_secret_stem(name) && !name.windows(3).any(|w| w.eq_ignore_ascii_case(b"pat")) {
        return false;
    }
    is_secret_name(name)
        || words(name)
            .last()
            .is_some_and(|w| matches!(w.as_str(), "key" | "pat" | "token" | "secret"))
}

/// One `key: value`, `key = value` or XML element or attribute found on a line.
#[derive(Debug, Clone)]
struct Pair {
    key: std::ops::Range<usize>,
    /// `None`: the key opens a block (`datadog:`, `"datadog": {`, `provider "x" {`).
    value: Option<std::ops::Range<usize>>,
    quote: u8,
    /// The value was a literal inside a wrapper (`[]byte("…")`): the line alone does
    /// not show it to the rules.
    wrapped: bool,
}

fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b'$' | b'@')
}

fn is_quote(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | b'`')
}

/// Wrappers that turn a string literal into bytes or a secret type: the literal inside
/// is the value (`b"…"`, `[]byte("…")`, `Buffer.from("…")`, `bytes.fromhex("…")`).
const WRAPPERS: &[&[u8]] = &[
    b"b",
    b"[]byte(",
    b"Buffer.from(",
    b"bytes.fromhex(",
    b"binascii.unhexlify(",
    b"unhexlify(",
    b"SecretStr(",
    b"Encoding.UTF8.GetBytes(",
];

/// The literal inside a wrapper at `i`, if one starts there.
fn unwrapped_at(line: &[u8], i: usize) -> Option<(std::ops::Range<usize>, u8)> {
    let w = WRAPPERS.iter().find(|w| line[i..].starts_with(w))?;
    let q = *line.get(i + w.len())?;
    if !is_quote(q) {
        return None;
    }
    value_at(line, i + w.len())
}

/// The value starting at `i`: a quoted string's content, or a bare word up to
/// whitespace, `,` or `;`.
fn value_at(line: &[u8], i: usize) -> Option<(std::ops::Range<usize>, u8)> {
    let q = *line.get(i)?;
    if is_quote(q) {
        let close = memchr::memchr(q, &line[i + 1..])? + i + 1;
        return Some((i + 1..close, q));
    }
    let end = line[i..]
        .iter()
        .position(|b| matches!(b, b' ' | b'\t' | b',' | b';'))
        .map_or(line.len(), |p| i + p);
    (end > i).then_some((i..end, 0))
}

/// A `[section]` header (INI, TOML tables and arrays of tables): its name.
fn section(line: &[u8]) -> Option<std::ops::Range<usize>> {
    let open = if line.starts_with(b"[[") { 2 } else { 1 };
    if line.first() != Some(&b'[') {
        return None;
    }
    let close = memchr::memchr(b']', line)?;
    let name = open..close;
    let rest = &line[close..];
    let rest_ok = rest
        .iter()
        .all(|b| matches!(b, b']' | b' ' | b'\t' | b'\r'));
    (close > open
        && rest_ok
        && line[name.clone()]
            .iter()
            .all(|&b| is_key_byte(b) || b == b' ' || b == b'"'))
    .then_some(name)
}

/// XML elements with text (`<name>x</name>`) and `name="x"` / `key="x"` /
/// `value="x"` attributes on a line.
fn xml_pairs(line: &[u8], out: &mut Vec<Pair>) {
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'<', &line[i..]) {
        let open = i + p + 1;
        let tag_end = line[open..]
            .iter()
            .position(|&b| !is_key_byte(b))
            .map_or(line.len(), |q| open + q);
        i = tag_end.max(open);
        if tag_end == open {
            continue;
        }
        match line.get(tag_end) {
            Some(b'>') => {
                let text = tag_end + 1;
                let close = memchr::memchr(b'<', &line[text..]).map_or(line.len(), |q| text + q);
                if line[close..].starts_with(b"</") && close > text {
                    // Element text is a literal: judged as a quoted string.
                    out.push(Pair {
                        key: open..tag_end,
                        value: Some(text..close),
                        quote: b'"',
                        wrapped: false,
                    });
                } else if close == line.len() && text == line.len() {
                    // `<datadog>` alone: an enclosing element.
                    out.push(Pair {
                        key: open..tag_end,
                        value: None,
                        quote: 0,
                        wrapped: false,
                    });
                }
                i = close;
            }
            Some(b' ' | b'\t') => {
                // Attributes up to the tag's end.
                let end =
                    memchr::memchr(b'>', &line[tag_end..]).map_or(line.len(), |q| tag_end + q);
                let mut j = tag_end;
                while j < end {
                    let Some(eq) = memchr::memchr(b'=', &line[j..end]) else {
                        break;
                    };
                    let eq = j + eq;
                    let kstart = line[j..eq]
                        .iter()
                        .rposition(|&b| !is_key_byte(b))
                        .map_or(j, |q| j + q + 1);
                    match value_at(line, eq + 1) {
                        Some((v, q)) if q != 0 => {
                            if kstart < eq {
                                out.push(Pair {
                                    key: kstart..eq,
                                    value: Some(v.clone()),
                                    quote: q,
                                    wrapped: false,
                                });
                            }
                            j = v.end + 1;
                        }
                        _ => j = eq + 1,
                    }
                }
                i = end;
            }
            _ => {}
        }
    }
}

/// The pairs on a line without its indentation (`line` starts at the first non-blank).
fn pairs(line: &[u8], out: &mut Vec<Pair>) {
    if line.first() == Some(&b'<') {
        xml_pairs(line, out);
        return;
    }
    let mut i = 0;
    if line.starts_with(b"- ") {
        i = 2;
    }
    // HCL block headers: `variable "db_password" {`, `provider "datadog" {`.
    let word_end = line[i..]
        .iter()
        .position(|&b| !is_key_byte(b))
        .map_or(line.len(), |p| i + p);
    if word_end > i && line.get(word_end) == Some(&b' ') && line.get(word_end + 1) == Some(&b'"') {
        let trimmed = line.trim_ascii_end();
        if trimmed.ends_with(b"{") {
            let mut labels = Vec::new();
            let mut j = word_end + 1;
            while line.get(j) == Some(&b'"') {
                let Some(close) = memchr::memchr(b'"', &line[j + 1..]) else {
                    break;
                };
                labels.push(j + 1..j + 1 + close);
                j = j + 2 + close;
                while line.get(j) == Some(&b' ') {
                    j += 1;
                }
            }
            if let Some(last) = labels.last() {
                if &line[i..word_end] == b"variable" {
                    out.push(Pair {
                        key: i..word_end,
                        value: Some(last.clone()),
                        quote: b'"',
                        wrapped: false,
                    });
                }
                out.push(Pair {
                    key: last.clone(),
                    value: None,
                    quote: 0,
                    wrapped: false,
                });
            }
            return;
        }
    }
    // `key: value`, `"key": "value"`, `key = value`, `key => value`, `key := value`,
    // and several on one line (`{"name": "X", "value": "Y"}`).
    let mut j = i;
    while j < line.len() {
        while j < line.len() && matches!(line[j], b' ' | b'\t' | b',' | b'{' | b'-') {
            j += 1;
        }
        let quoted = line.get(j).copied().filter(|&b| is_quote(b));
        let kstart = j + usize::from(quoted.is_some());
        let kend = line[kstart..]
            .iter()
            .position(|&b| !is_key_byte(b))
            .map_or(line.len(), |p| kstart + p);
        if kend == kstart || kend - kstart > 100 {
            return;
        }
        let mut k = kend;
        if let Some(q) = quoted {
            if line.get(k) != Some(&q) {
                return;
            }
            k += 1;
        }
        let mut sep = skip(line, k);
        // Declarations name the key last: `var signingKey = …`, `private static final
        // String AES_KEY = …`, `export const apiKey: string = …`.
        if quoted.is_none() && j == i && sep > k {
            let (mut kstart, mut kend, mut advanced) = (kstart, kend, false);
            for _ in 0..5 {
                if !line.get(sep).is_some_and(|&b| is_key_byte(b)) {
                    break;
                }
                advanced = true;
                kstart = sep;
                kend = line[sep..]
                    .iter()
                    .position(|&b| !is_key_byte(b))
                    .map_or(line.len(), |p| sep + p);
                sep = skip(line, kend);
                // A type after the name: `apiKey: string = …`.
                if line.get(sep) == Some(&b':') && line.get(sep + 1) != Some(&b'=') {
                    let t = skip(line, sep + 1);
                    let tend = line[t..]
                        .iter()
                        .position(|&b| !(is_key_byte(b) || matches!(b, b'[' | b']')))
                        .map_or(line.len(), |p| t + p);
                    if tend > t && line.get(skip(line, tend)) == Some(&b'=') {
                        sep = skip(line, tend);
                    }
                }
            }
            if advanced {
                return declared(line, kstart..kend, sep, out);
            }
        }
        let after = if line[sep..].starts_with(b":=") || line[sep..].starts_with(b"=>") {
            sep + 2
        } else if matches!(line.get(sep), Some(b':' | b'=')) {
            sep + 1
        } else {
            return;
        };
        let v = skip(line, after);
        match line.get(v) {
            None | Some(b'{' | b'[' | b'|' | b'>' | b'#') => {
                out.push(Pair {
                    key: kstart..kend,
                    value: None,
                    quote: 0,
                    wrapped: false,
                });
                return;
            }
            Some(_) => {
                let wrapped = unwrapped_at(line, v);
                let Some((value, quote)) = wrapped.clone().or_else(|| value_at(line, v)) else {
                    return;
                };
                j = value.end + usize::from(quote != 0);
                out.push(Pair {
                    key: kstart..kend,
                    value: Some(value),
                    quote,
                    wrapped: wrapped.is_some(),
                });
                // Only flow-style objects hold more pairs on a line.
                if !matches!(line.get(skip(line, j)), Some(b',')) {
                    return;
                }
            }
        }
    }
}

/// A declared name's value (`var k = []byte("…")`): only a literal, plain or wrapped.
fn declared(line: &[u8], key: std::ops::Range<usize>, sep: usize, out: &mut Vec<Pair>) {
    let after = if line[sep..].starts_with(b":=") {
        sep + 2
    } else if line.get(sep) == Some(&b'=') && line.get(sep + 1) != Some(&b'=') {
        sep + 1
    } else {
        return;
    };
    let v = skip(line, after);
    let wrapped = unwrapped_at(line, v);
    let plain = line
        .get(v)
        .filter(|&&b| is_quote(b))
        .and_then(|_| value_at(line, v));
    if let Some((value, quote)) = wrapped.clone().or(plain) {
        out.push(Pair {
            key,
            value: Some(value),
            quote,
            wrapped: wrapped.is_some(),
        });
    }
}

fn skip(line: &[u8], mut i: usize) -> usize {
    while i < line.len() && matches!(line[i], b' ' | b'\t') {
        i += 1;
    }
    i
}

/// Whether `key`, read without case and without its punctuation (`Parameter-Key`
/// reads `parameterkey`), is one of `keys`.
fn key_is(key: &[u8], keys: &[&str]) -> bool {
    keys.iter().any(|k| {
        let mut want = k.bytes();
        key.iter()
            .filter(|b| b.is_ascii_alphanumeric())
            .all(|b| want.next() == Some(b.to_ascii_lowercase()))
            && want.next().is_none()
    })
}

/// The words a line must hold, in any case, for it to name a credential or hold a
/// secure string ([`SECRET_STEMS`], `pat` of [`may_name_credential`]): a line with none
/// is read only for its structure.
fn line_marks() -> impl Iterator<Item = &'static str> {
    SECRET_STEMS.iter().copied().chain(["pat", "securestring"])
}

/// The marks too common in code to be keywords of the scan's one keyword pass (`key`
/// is in most source files): [`build`] looks for these itself.
const SHORT_MARKS: &[&str] = &["key", "pat"];

/// The other marks: the keyword pass finds them (they are its patterns, triggers of
/// [`super::decode::Trigger::LineMark`]), and [`build`] is given where.
pub(crate) fn keyword_marks() -> impl Iterator<Item = &'static str> {
    line_marks().filter(|m| !SHORT_MARKS.contains(m))
}

/// Every spelling in upper and lower case of the short marks: few enough for a
/// vectorised search, which a case-insensitive automaton would not get.
static SHORT_MARK_SEARCH: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| {
        let mut spellings: Vec<Vec<u8>> = Vec::new();
        for mark in SHORT_MARKS {
            let n = mark.len();
            for case in 0..1u32 << n {
                let spelled: Vec<u8> = (0..n)
                    .map(|i| match case >> i & 1 {
                        1 => mark.as_bytes()[i].to_ascii_uppercase(),
                        _ => mark.as_bytes()[i],
                    })
                    .collect();
                if !spellings.contains(&spelled) {
                    spellings.push(spelled);
                }
            }
        }
        // Leftmost-first: the kind the vectorised searcher runs (the spellings are all
        // as long as each other, so it finds what any kind would).
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(spellings)
            .ok()
    });

/// The start of every line of `hay` that holds a short mark in any case, in order;
/// `None` (read every line) when the search could not be built.
fn short_marked_lines(hay: &[u8]) -> Option<Vec<usize>> {
    let ac = SHORT_MARK_SEARCH.as_ref()?;
    let mut starts = Vec::new();
    let mut at = 0;
    while let Some(m) = ac.find(aho_corasick::Input::new(hay).span(at..hay.len())) {
        starts.push(memchr::memrchr(b'\n', &hay[..m.start()]).map_or(0, |i| i + 1));
        at = memchr::memchr(b'\n', &hay[m.start()..]).map_or(hay.len(), |i| m.start() + i + 1);
    }
    Some(starts)
}

/// Appends `words` joined with `_`.
fn push_name(text: &mut Vec<u8>, parts: &[&[u8]]) {
    let mut first = true;
    for part in parts {
        for w in words(part) {
            if !first {
                text.push(b'_');
            }
            first = false;
            text.extend_from_slice(w.as_bytes());
        }
    }
    if first {
        text.extend_from_slice(b"value");
    }
}

struct Writer<'a> {
    hay: &'a [u8],
    view: View,
}

impl Writer<'_> {
    /// Writes `name = value` for the value at `value` (absolute) in the scanned text.
    fn emit(&mut self, name: &[&[u8]], value: std::ops::Range<usize>, quote: u8, generic: bool) {
        let v = &self.hay[value.clone()];
        if v.len() < MIN_VALUE
            || v.len() > MAX_VALUE
            || v.iter().any(|&b| matches!(b, b'\n' | b'\r'))
            || (quote != 0 && v.contains(&quote))
        {
            return;
        }
        let text = &mut self.view.text;
        push_name(text, name);
        text.extend_from_slice(b" = ");
        if quote != 0 {
            text.push(quote);
        }
        let lo = text.len();
        text.extend_from_slice(v);
        let hi = text.len();
        if quote != 0 {
            text.push(quote);
        }
        text.push(b'\n');
        self.view.placed.push(Placed {
            lo,
            hi,
            origin: value.start,
            generic,
        });
    }
}

/// A name waiting for its sibling value, or a value waiting for its sibling name.
#[derive(Clone)]
struct Sibling {
    span: std::ops::Range<usize>,
    quote: u8,
    indent: usize,
    line: usize,
}

/// The value of a YAML block scalar (`key: |`) that holds one line: the line at `next`,
/// deeper than the key's `indent`, with no deeper line after it.
fn block_line(hay: &[u8], next: usize, indent: usize) -> Option<std::ops::Range<usize>> {
    let line_end =
        |from: usize| memchr::memchr(b'\n', &hay[from..]).map_or(hay.len(), |i| from + i);
    let depth = |from: usize, to: usize| {
        hay[from..to]
            .iter()
            .position(|b| !matches!(b, b' ' | b'\t'))
    };
    if next >= hay.len() {
        return None;
    }
    let end = line_end(next);
    let ind = depth(next, end).filter(|&i| i > indent)?;
    if end + 1 < hay.len() {
        let after_end = line_end(end + 1);
        if depth(end + 1, after_end).is_some_and(|i| i >= ind && hay[end + 1 + i] != b'\r') {
            return None;
        }
    }
    let mut stop = end;
    while stop > next + ind && matches!(hay[stop - 1], b' ' | b'\t' | b'\r') {
        stop -= 1;
    }
    Some(next + ind..stop)
}

/// Whether `body` ends in a YAML block scalar indicator (`key: |`, `key: >-`).
fn opens_block_scalar(body: &[u8]) -> bool {
    let mut end = body.len();
    while end > 0 && matches!(body[end - 1], b' ' | b'\t' | b'\r') {
        end -= 1;
    }
    let body = &body[..end];
    let body = body
        .strip_suffix(b"-")
        .or_else(|| body.strip_suffix(b"+"))
        .unwrap_or(body);
    body.ends_with(b": |") || body.ends_with(b": >")
}

/// Whether the innermost enclosing key names a secret (`DBPassword:` above `Default:`).
fn secret_parent(hay: &[u8], stack: &[(usize, std::ops::Range<usize>)]) -> bool {
    stack
        .last()
        .is_some_and(|(_, key)| is_secret_name(&hay[key.clone()]))
}

/// The context view of `hay` (see the module docs). `marks` holds, in ascending order,
/// where the keyword pass found a [`keyword_marks`] word (any case): the lines that
/// hold one, or a short mark, are the ones whose names are read.
pub(crate) fn build(hay: &[u8], marks: &[usize]) -> View {
    let mut w = Writer {
        hay,
        view: View::default(),
    };
    let mut stack: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    let mut sect: Option<std::ops::Range<usize>> = None;
    let mut name: Option<Sibling> = None;
    let mut value: Option<Sibling> = None;
    let mut found = Vec::new();
    let mut line_pairs = Vec::new();
    let short_starts = short_marked_lines(hay);
    let mut shorts = short_starts.iter().flatten().peekable();
    let mut marks = marks.iter().peekable();
    let mut start = 0;
    let mut line_no = 0;
    while start < hay.len() {
        let end = memchr::memchr(b'\n', &hay[start..]).map_or(hay.len(), |i| start + i);
        let mut line = &hay[start..end];
        if line.last() == Some(&b'\r') {
            line = &line[..line.len() - 1];
        }
        let next = end + 1;
        line_no += 1;

        // Whether a name on this line may name a credential: nothing else is written.
        while shorts.next_if(|&&m| m < start).is_some() {}
        while marks.next_if(|&&m| m < start).is_some() {}
        let marked = short_starts.is_none()
            || shorts.next_if(|&&m| m == start).is_some()
            || marks.peek().is_some_and(|&&m| m < end);
        found.clear();
        if marked {
            lookup::find(line, &mut found);
        }
        for f in found.drain(..) {
            let value = start + f.value.start..start + f.value.end;
            // A lookup's default is a literal wherever it is written: judge it quoted.
            let quote = if f.quote == 0 { b'"' } else { f.quote };
            match f.name {
                Some(n) if may_name_credential(&line[n.clone()]) => {
                    w.emit(&[&line[n]], value, quote, true)
                }
                Some(_) => {}
                None => w.emit(&[b"password"], value, quote, true),
            }
        }

        let indent = line
            .iter()
            .position(|b| !matches!(b, b' ' | b'\t'))
            .unwrap_or(line.len());
        let body = &line[indent..];
        if body.is_empty()
            || line.len() > MAX_STRUCTURED_LINE
            || body.starts_with(b"#")
            || body.starts_with(b"//")
            || body.starts_with(b";")
        {
            start = next;
            continue;
        }
        if let Some(s) = section(body) {
            stack.clear();
            sect = Some(start + indent + s.start..start + indent + s.end);
            name = None;
            value = None;
            start = next;
            continue;
        }
        // Keys at this indentation or deeper close the blocks they were in.
        let key_indent = indent + if body.starts_with(b"- ") { 2 } else { 0 };
        while stack.last().is_some_and(|(i, _)| *i >= key_indent) {
            stack.pop();
        }
        if name
            .as_ref()
            .is_some_and(|n| key_indent < n.indent || line_no > n.line + SIBLING_REACH)
        {
            name = None;
        }
        if value
            .as_ref()
            .is_some_and(|v| key_indent < v.indent || line_no > v.line + SIBLING_REACH)
        {
            value = None;
        }
        line_pairs.clear();
        pairs(body, &mut line_pairs);
        let base = start + indent;
        let mut continued = false;
        for p in &line_pairs {
            let key = base + p.key.start..base + p.key.end;
            // A YAML block scalar of one line: `client_secret: |`, the value below.
            let block = match p.value {
                None if marked && opens_block_scalar(body) => block_line(hay, next, indent),
                _ => None,
            };
            let Some(mut v) = p
                .value
                .clone()
                .map(|v| base + v.start..base + v.end)
                .or_else(|| block.clone())
            else {
                stack.push((key_indent, key));
                continue;
            };
            let mut quote = if block.is_some() { b'"' } else { p.quote };
            continued |= block.is_some();
            // A properties value continued on the next line: `db.password = \`.
            if &hay[v.clone()] == b"\\" && next < hay.len() {
                let nend = memchr::memchr(b'\n', &hay[next..]).map_or(hay.len(), |i| next + i);
                let nline = &hay[next..nend];
                let nind = nline
                    .iter()
                    .position(|b| !matches!(b, b' ' | b'\t'))
                    .unwrap_or(nline.len());
                let Some((nv, _)) = value_at(nline, nind) else {
                    continue;
                };
                v = next + nv.start..next + nv.end;
                quote = 0;
                continued = true;
            }
            let k = &hay[key.clone()];
            let dotted = k.iter().any(|b| matches!(b, b'.' | b'-'));
            let fresh = continued || p.wrapped;
            let nested = sect.is_some() || !stack.is_empty();
            if (marked || continued) && (nested || dotted || fresh) && may_name_credential(k) {
                // The full key path, for provider rules (and the generic ones on a
                // continued value, which the line alone does not show).
                // Only the innermost keys: a deep nesting costs no more per line.
                let inner = &stack[stack.len().saturating_sub(PATH_DEPTH - 1)..];
                let mut full: Vec<&[u8]> = sect
                    .iter()
                    .map(|s| &hay[s.clone()])
                    .chain(inner.iter().map(|(_, r)| &hay[r.clone()]))
                    .collect();
                full.drain(..full.len().saturating_sub(PATH_DEPTH - 1));
                full.push(k);
                // Under an INI or TOML section a bare value is a literal: the generic
                // rules judge it as one (quoted), which the line alone cannot show.
                let in_section = sect.is_some() && stack.is_empty() && quote == 0;
                let quote = if in_section { b'"' } else { quote };
                w.emit(&full, v.clone(), quote, fresh || in_section);
            }
            if key_is(k, NAME_KEYS) {
                let n = Sibling {
                    span: v.clone(),
                    quote,
                    indent: key_indent,
                    line: line_no,
                };
                if (marked || continued) && may_name_credential(&hay[v.clone()]) {
                    if let Some(val) = value.take()
                        && val.indent == key_indent
                    {
                        w.emit(&[&hay[v.clone()]], val.span, val.quote, true);
                    }
                    name = Some(n);
                } else {
                    name = None;
                }
            } else if key_is(k, VALUE_KEYS) {
                match &name {
                    Some(n) => {
                        let nm = &hay[n.span.clone()];
                        w.emit(&[nm], v.clone(), quote, true);
                        name = None;
                    }
                    // CloudFormation's `DBPassword:` parameter, its `Default:` below;
                    // a GitLab CI variable `DEPLOY_TOKEN:`, its `value:` below.
                    None if (k.eq_ignore_ascii_case(b"default")
                        || k.eq_ignore_ascii_case(b"value"))
                        && secret_parent(hay, &stack) =>
                    {
                        if let Some((_, parent)) = stack.last() {
                            w.emit(&[&hay[parent.clone()]], v.clone(), quote, true);
                        }
                    }
                    None => {
                        value = Some(Sibling {
                            span: v.clone(),
                            quote,
                            indent: key_indent,
                            line: line_no,
                        })
                    }
                }
            }
        }
        // Terraform's `variable "x" {` block: its `default` lies deeper.
        if let Some(n) = &mut name
            && n.line == line_no
            && line_pairs
                .iter()
                .any(|p| &body[p.key.clone()] == b"variable")
        {
            n.indent = key_indent + 1;
        }
        start = next;
    }
    w.view
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where a keyword mark starts in `hay`, as the keyword pass would say.
    fn keyword_mark_positions(hay: &[u8]) -> Vec<usize> {
        (0..hay.len())
            .filter(|&i| {
                keyword_marks().any(|m| {
                    hay[i..]
                        .get(..m.len())
                        .is_some_and(|w| w.eq_ignore_ascii_case(m.as_bytes()))
                })
            })
            .collect()
    }

    /// The view's lines as `name = value` without quotes, and each placed value's
    /// origin text.
    fn view(text: &str) -> Vec<String> {
        let v = build(text.as_bytes(), &keyword_mark_positions(text.as_bytes()));
        for p in &v.placed {
            assert_eq!(
                &v.text[p.lo..p.hi],
                &text.as_bytes()[p.origin..p.origin + (p.hi - p.lo)]
            );
        }
        String::from_utf8(v.text)
            .unwrap()
            .lines()
            .map(|l| l.replace(['"', '\''], ""))
            .collect()
    }

    #[test]
    fn provider_named_by_an_enclosing_key() {
        let yaml = "datadog:\n  site: datadoghq.eu\n  api_key: 9f2c4e7a1b8d3f6a\nother: x\n";
        assert_eq!(view(yaml), ["datadog_api_key = 9f2c4e7a1b8d3f6a"]);
        let ini = "[datadog]\napi_key = 9f2c4e7a1b8d3f6a\n[other]\nname = x\n";
        assert_eq!(view(ini), ["datadog_api_key = 9f2c4e7a1b8d3f6a"]);
        let tf = "provider \"datadog\" {\n  api_key = \"9f2c4e7a1b8d3f6a\"\n  app_key = \"0a1b2c3d4e5f6a7b\"\n}\n";
        assert_eq!(
            view(tf),
            [
                "datadog_api_key = 9f2c4e7a1b8d3f6a",
                "datadog_app_key = 0a1b2c3d4e5f6a7b"
            ]
        );
        let json = "{\n  \"Datadog\": {\n    \"ApiKey\": \"9f2c4e7a1b8d3f6a\"\n  },\n  \"apiKey\": \"Zr8Wn4Kt7Vm2\"\n}\n";
        assert_eq!(view(json), ["datadog_api_key = 9f2c4e7a1b8d3f6a"]);
        assert_eq!(
            view("datadog.api-key=9f2c4e7a1b8d3f6a\n"),
            ["datadog_api_key = 9f2c4e7a1b8d3f6a"]
        );
    }

    #[test]
    fn names_and_values_on_different_lines() {
        let k8s = "env:\n  - name: DD_API_KEY\n    value: \"9f2c4e7a1b8d3f6a\"\n  - name: LOG_LEVEL\n    value: debug-verbose\n";
        assert_eq!(view(k8s), ["dd_api_key = 9f2c4e7a1b8d3f6a"]);
        let ecs = "[\n  {\n    \"value\": \"Zr8Wn4Kt7Vm2\",\n    \"name\": \"DB_PASSWORD\"\n  },\n  {\"name\": \"API_TOKEN\", \"value\": \"Qp4Lm8Xc2Vb7\"}\n]\n";
        assert_eq!(
            view(ecs),
            ["db_password = Zr8Wn4Kt7Vm2", "api_token = Qp4Lm8Xc2Vb7"]
        );
        let tf = "variable \"db_password\" {\n  type      = string\n  sensitive = true\n  default   = \"Zr8Wn4Kt7Vm2\"\n}\n";
        assert_eq!(view(tf), ["db_password = Zr8Wn4Kt7Vm2"]);
        let xml = "<property>\n  <name>fs.s3a.secret.key</name>\n  <value>Zr8Wn4Kt7Vm2</value>\n</property>\n<key>ApiSecret</key><string>Qp4Lm8Xc2Vb7</string>\n<env name=\"APP_SECRET\" value=\"Wq9mZ2xLp4Rt\"/>\n";
        assert_eq!(
            view(xml),
            [
                "fs_s3a_secret_key = Zr8Wn4Kt7Vm2",
                "api_secret = Qp4Lm8Xc2Vb7",
                "app_secret = Wq9mZ2xLp4Rt"
            ]
        );
        let props = "db.password = \\\n    Zr8Wn4Kt7Vm2\n";
        assert_eq!(view(props), ["db_password = Zr8Wn4Kt7Vm2"]);
    }

    #[test]
    fn short_marks_are_found_in_any_case() {
        let text = "a: 1\nmonKEY: x\nPaT\r\nkeyboard key\nnothing here\nauthPAT = y";
        let starts: Vec<&str> = short_marked_lines(text.as_bytes())
            .unwrap()
            .iter()
            .map(|&s| text[s..].lines().next().unwrap())
            .collect();
        // A line is listed once however many marks it holds.
        assert_eq!(starts, ["monKEY: x", "PaT", "keyboard key", "authPAT = y"]);
        assert!(short_marked_lines(b"").unwrap().is_empty());
        // The two kinds of marks together are every mark.
        let mut all: Vec<&str> = keyword_marks().chain(SHORT_MARKS.iter().copied()).collect();
        let mut want: Vec<&str> = line_marks().collect();
        all.sort_unstable();
        want.sort_unstable();
        assert_eq!(all, want);
    }

    #[test]
    fn only_marked_lines_name_values() {
        let yaml = "db:\n  PASSWORD: Zr8Wn4Kt7Vm2\n  other_name: Qp4Lm8Xc2Vb7\n";
        assert_eq!(view(yaml), ["db_password = Zr8Wn4Kt7Vm2"]);
        // Without the keyword pass's word the line is read for its structure only.
        assert!(build(yaml.as_bytes(), &[]).text.is_empty());
    }

    #[test]
    fn a_value_named_on_an_unmarked_line_is_still_paired() {
        // The value comes first on a line that names nothing; the name follows.
        let ecs = "{\n  \"value\": \"Zr8Wn4Kt7Vm2\",\n  \"name\": \"DB_PASSWORD\"\n}\n";
        assert_eq!(view(ecs), ["db_password = Zr8Wn4Kt7Vm2"]);
        // A secret word in upper case names it too.
        assert_eq!(
            view("db:\n  PASSWORD: Zr8Wn4Kt7Vm2\n"),
            ["db_password = Zr8Wn4Kt7Vm2"]
        );
    }

    #[test]
    fn names_that_cannot_name_a_credential_are_not_written() {
        let yaml = "env:\n  - name: LOG_LEVEL\n    value: debug-verbose\nserver:\n  hostname: db.internal.example\n";
        assert!(view(yaml).is_empty());
    }

    #[test]
    fn block_scalars_and_parameter_defaults() {
        let yaml = "auth:\n  client_secret: |\n    Rk7q2ZxLm9PwT4vN\n  other: x\n";
        assert_eq!(view(yaml), ["auth_client_secret = Rk7q2ZxLm9PwT4vN"]);
        // A block of several lines is not one value.
        let long = "auth:\n  client_secret: >-\n    Rk7q2ZxLm9PwT4vN\n    Qe8sYc1HdJ0aFu3k\n";
        assert!(view(long).is_empty(), "{:?}", view(long));
        let cfn = "Parameters:\n  db_password:\n    Type: String\n    NoEcho: true\n    Default: Rk7q2ZxLm9PwT4vN\n  Env:\n    Default: production-eu\n";
        assert_eq!(view(cfn), ["db_password = Rk7q2ZxLm9PwT4vN"]);
        // GitLab CI's variable with a description: its `value:` below its name.
        let gitlab = "variables:\n  DEPLOY_API_TOKEN:\n    value: \"Rk7q2ZxLm9PwT4vN\"\n    description: \"Deploys\"\n  REGION:\n    value: eu-west-1\n";
        assert_eq!(view(gitlab), ["deploy_api_token = Rk7q2ZxLm9PwT4vN"]);
    }
}
