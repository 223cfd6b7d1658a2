//! The environment variable a fix reads: the name the secret is assigned to.

use super::edit::is_word_byte;

/// A name that can go between double quotes in every language here without escaping.
pub(super) fn is_quotable_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
}

pub(super) fn is_js_identifier(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && !b[0].is_ascii_digit()
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || c == b'_' || c == b'$')
}

pub(super) fn assigned_name(text: &[u8], start: usize, end: usize) -> Option<String> {
    if start > end || end > text.len() {
        return None;
    }
    let line_start = memchr::memrchr(b'\n', &text[..start]).map_or(0, |i| i + 1);
    let before = &text[line_start..start];
    let mut i = before.len();
    // The literal's opening quote, and a string prefix glued to it (`b"`, `rb'`).
    if i > 0 && matches!(before[i - 1], b'"' | b'\'' | b'`') {
        i -= 1;
        let mut k = i;
        while k > 0
            && i - k < 2
            && matches!(
                before[k - 1].to_ascii_lowercase(),
                b'b' | b'r' | b'u' | b'f'
            )
        {
            k -= 1;
        }
        if k < i && (k == 0 || !is_word_byte(before[k - 1])) {
            i = k;
        }
    }
    i = skip_blank_back(before, i);
    let head = &before[..i];
    let op = if head.ends_with(b"=>") || head.ends_with(b":=") {
        2
    } else if head.ends_with(b"=") {
        if i >= 2 && b"=!<>+-*/%|&^?~".contains(&before[i - 2]) {
            return None;
        }
        1
    } else if head.ends_with(b":") {
        if i >= 2 && before[i - 2] == b':' {
            return None;
        }
        1
    } else {
        return None;
    };
    i = skip_blank_back(before, i - op);
    let (mut lo, mut hi) = key_back(before, i)?;
    if is_type_word(&before[lo..hi]) {
        // `api_key: str = …`, `apiKey: string = …`, `var apiKey string = …`
        let mut j = skip_blank_back(before, lo);
        if j > 0 && before[j - 1] == b':' {
            j = skip_blank_back(before, j - 1);
        } else if j == lo {
            return None;
        }
        (lo, hi) = key_back(before, j)?;
    }
    // `cond ? "a" : "…"` is no key and value.
    let quoted = lo > 0 && matches!(before[lo - 1], b'"' | b'\'');
    let outer = skip_blank_back(before, if quoted { lo - 1 } else { lo });
    if outer > 0 && before[outer - 1] == b'?' {
        return None;
    }
    let key = std::str::from_utf8(&before[lo..hi]).ok()?;
    let key = key.trim_start_matches(['@', '$']);
    let key = ["self.", "this."]
        .iter()
        .find_map(|p| key.strip_prefix(p))
        .unwrap_or(key);
    let ok = key.bytes().any(|c| c.is_ascii_alphabetic())
        && key
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'));
    if !ok {
        return None;
    }
    let name = const_case(key);
    let first = *name.as_bytes().first()?;
    (!first.is_ascii_digit()).then_some(name)
}

fn is_type_word(word: &[u8]) -> bool {
    matches!(word, b"str" | b"string" | b"String" | b"bytes")
}

/// The key that ends at `before[..i]`: a word, a quoted word, or a quoted subscript
/// (`["key"]`); `(lo, hi)` of the key itself. The key must start at a boundary, so the
/// user part of `postgres://user:…` is not taken for a key.
fn key_back(before: &[u8], i: usize) -> Option<(usize, usize)> {
    // `:` only as a Ruby symbol's (`:api_key =>`), not as in `Foo::Bar` or `a:b`.
    let at_boundary = |lo: usize| {
        lo == 0
            || b" \t{(,;[".contains(&before[lo - 1])
            || (before[lo - 1] == b':' && (lo == 1 || b" \t{(,;[".contains(&before[lo - 2])))
    };
    let last = *before.get(i.checked_sub(1)?)?;
    if last == b'"' || last == b'\'' {
        let hi = i - 1;
        let lo = before[..hi].iter().rposition(|&b| b == last)? + 1;
        return at_boundary(lo - 1).then_some((lo, hi));
    }
    if last == b']' && i >= 3 && matches!(before[i - 2], b'"' | b'\'') {
        let q = before[i - 2];
        let hi = i - 2;
        let lo = before[..hi].iter().rposition(|&b| b == q)? + 1;
        return (lo >= 2 && before[lo - 2] == b'[').then_some((lo, hi));
    }
    let is_key = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'$' | b'@');
    let mut lo = i;
    while lo > 0 && is_key(before[lo - 1]) {
        lo -= 1;
    }
    (lo < i && at_boundary(lo)).then_some((lo, i))
}

fn skip_blank_back(s: &[u8], mut i: usize) -> usize {
    while i > 0 && matches!(s[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    i
}

/// `githubToken` → `GITHUB_TOKEN`, `HTTPServer` → `HTTP_SERVER`, `db.password` →
/// `DB_PASSWORD`, `oauth2Token` → `OAUTH2_TOKEN`.
fn const_case(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    let mut out = String::with_capacity(key.len() + 4);
    for (k, &c) in chars.iter().enumerate() {
        if matches!(c, '-' | '.' | '_' | ' ') {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            continue;
        }
        if c.is_ascii_uppercase() && k > 0 {
            let prev = chars[k - 1];
            let next_lower = chars.get(k + 1).is_some_and(|n| n.is_ascii_lowercase());
            let new_word = prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower);
            if new_word && !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
        }
        out.push(c.to_ascii_uppercase());
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::testing::*;
    use crate::fix::*;

    #[test]
    fn names_come_from_the_assignment() {
        let cases: &[(&str, &str)] = &[
            ("API_KEY = \"{}\"", "API_KEY"),
            ("  apiKey: '{}',", "API_KEY"),
            ("{\"stripe_key\": \"{}\"}", "STRIPE_KEY"),
            ("STRIPE_KEY={}", "STRIPE_KEY"),
            ("export STRIPE_KEY=\"{}\"", "STRIPE_KEY"),
            ("const githubToken = \"{}\";", "GITHUB_TOKEN"),
            ("stripe-key: {}", "STRIPE_KEY"),
            ("db.password = '{}'", "DB_PASSWORD"),
            ("token := \"{}\"", "TOKEN"),
            ("  :api_key => \"{}\",", "API_KEY"),
            ("  api_key: \"{}\",", "API_KEY"),
            ("self.secretKey = b\"{}\"", "SECRET_KEY"),
            ("this.authToken = `{}`", "AUTH_TOKEN"),
            ("@client_secret = '{}'", "CLIENT_SECRET"),
            ("$apiKey = \"{}\";", "API_KEY"),
            ("client = Client(api_key=\"{}\")", "API_KEY"),
            ("settings[\"slackToken\"] = \"{}\"", "SLACK_TOKEN"),
            ("const apiKey: string = \"{}\";", "API_KEY"),
            ("API_KEY: str = \"{}\"", "API_KEY"),
            ("var apiKey string = \"{}\"", "API_KEY"),
            ("HTTPServerToken = '{}'", "HTTP_SERVER_TOKEN"),
            ("oauth2Token = '{}'", "OAUTH2_TOKEN"),
            ("  - aws.secret-access_key: {}", "AWS_SECRET_ACCESS_KEY"),
        ];
        for (template, want) in cases {
            let src = template.replace("{}", S);
            let (start, end) = range_of(&src, S);
            assert_eq!(
                env_name_for(src.as_bytes(), start, end, "FALLBACK"),
                *want,
                "{src}"
            );
        }
    }

    #[test]
    fn names_fall_back_without_an_identifier_like_key() {
        let cases = [
            "DATABASE_URL=postgres://app:{}@db:5432/app",
            "curl -H 'Authorization: Bearer {}'",
            "if token == \"{}\":",
            "x != \"{}\"",
            "print(\"{}\")",
            "\"Stripe key\": \"{}\"",
            "2fa = \"{}\"",
            "url = \"https://example.com/?token={}\"",
            "{}",
            "Foo::Bar: \"{}\"",
            "v = x ? \"a\" : \"{}\"",
            "v = x ? a : '{}'",
        ];
        for template in cases {
            let src = template.replace("{}", S);
            let (start, end) = range_of(&src, S);
            assert_eq!(
                env_name_for(src.as_bytes(), start, end, "FALLBACK"),
                "FALLBACK",
                "{src}"
            );
        }
        assert_eq!(env_name_for(b"abc", 2, 9, "F"), "F");
        assert_eq!(env_name_for(b"abc", 3, 1, "F"), "F");
    }

    #[test]
    fn const_case_splits_words() {
        assert_eq!(const_case("githubToken"), "GITHUB_TOKEN");
        assert_eq!(const_case("stripe-key"), "STRIPE_KEY");
        assert_eq!(const_case("db.password"), "DB_PASSWORD");
        assert_eq!(const_case("API_KEY"), "API_KEY");
        assert_eq!(const_case("APIKey"), "API_KEY");
        assert_eq!(const_case("s3Bucket__key_"), "S3_BUCKET_KEY");
    }
}
