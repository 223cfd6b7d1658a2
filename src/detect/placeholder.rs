//! Placeholder filter: values that have the shape of a credential but are documented
//! examples, template variables or typing exercises, never real secrets.

/// Values published in provider documentation as examples.
const DOCUMENTED_EXAMPLES: &[&str] = &[
    "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    // The test key printed throughout Stripe's API reference.
    "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
    // The sample consumer key, token and verifier of RFC 5849 (OAuth 1.0).
    "0685bd9184jfhq22",
    "ad180jjd733klru7",
    "kllo9940pd9333jh",
    // The sample access and refresh tokens of RFC 6749 (OAuth 2.0).
    "2YotnFZFEjr1zCsicMWpAA",
    "tGzv3JOkF0XG5Qx2TlKWIA",
    // The sample secret of Google Authenticator's key URI format
    // (`otpauth://totp/…?secret=…`).
    "JBSWY3DPEHPK3PXP",
    // The reCAPTCHA v2 test secret key Google publishes for automated tests (every
    // verification passes).
    "6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe",
    // The signature of the sample token on jwt.io.
    "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    // The signature of the example JWT of RFC 7519 section 3.1 (also RFC 7515's
    // HS256 example, appendix A.1).
    "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
];

/// MD5, SHA-1 and SHA-256 digests (lower-case hex) of the empty string and of the
/// words most typed as passwords: tables of known hashes, test vectors and examples
/// of password hashing hold them, and none protects anything.
const WORD_DIGESTS: &[&str] = &[
    // the empty string
    "d41d8cd98f00b204e9800998ecf8427e",
    "da39a3ee5e6b4b0d3255bfef95601890afd80709",
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    // `password`
    "5f4dcc3b5aa765d61d8327deb882cf99",
    "5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8",
    "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
    // `123456`
    "e10adc3949ba59abbe56e057f20f883e",
    "7c4a8d09ca3762af61e59520943dc26494f8941b",
    "8d969eef6ecad3c29a3a629280e686cf0c3f5d5a86aff3ca12020c923adc6c92",
    // `12345678`
    "25d55ad283aa400af464c76d713c07ad",
    "7c222fb2927d828af22f592134e8932480637c0d",
    "ef797c8118f02dfb649607dd5d3f8c7623048c9c063d532cc95c5ed7a898a64f",
    // `admin`
    "21232f297a57a5a743894a0e4a801fc3",
    "d033e22ae348aeb5660fc2140aec35850c4da997",
    "8c6976e5b5410415bde908bd4dee15dfb167a9c873fc4bb8a81f6f2ab448a918",
    // `secret`
    "5ebe2294ecd0e0f08eab7690d2a6ee69",
    "e5e9fa1ba31ecd1ae84f75caaa474f3a663f05f4",
    "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b",
    // `test`
    "098f6bcd4621d373cade4e832627b4f6",
    "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3",
    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    // `hello`
    "5d41402abc4b2a76b9719d911017c592",
    "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d",
    "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
    // `changeme`
    "4cb9c8a8048fd02294477fcb1a41191a",
    "fa9beb99e4029ad5a6615399e7bbae21356086b3",
    "057ba03d6c44104863dc7361fe4578965d1887360f90a0895882e58a6248fc86",
    // `qwerty`
    "d8578edf8458ce06fbc5bb76a58c5ca4",
    "b1b3773a05c0ed0176787a4f1574ff0075f7521e",
    "65e84be33532fb784c48129675f9eff3a682b27168c0ea744b2cf58ee02337c5",
];

/// Whole values (compared case-insensitively) that only ever stand in for a secret.
const PLACEHOLDER_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pass",
    "secret",
    "token",
    "changeme",
    "change_me",
    "changeit",
    "placeholder",
    "redacted",
    "dummy",
    "example",
    "sample",
    "test",
    "testing",
    "none",
    "null",
    "nil",
    "undefined",
    "empty",
    "foo",
    "bar",
    "foobar",
    "admin",
    "root",
    "user",
    "username",
    "qwerty",
    "letmein",
    "opensesame",
    "abc123",
    "guest",
    "postgres",
    "pwd",
    "todo",
    "fixme",
    "key",
    "apikey",
    // The sample schema's password in Oracle's documentation (`scott/tiger`), used as
    // the example login of database URLs ever since.
    "tiger",
];

/// Fragments (compared case-insensitively) that mark a value as a stand-in.
const PLACEHOLDER_FRAGMENTS: &[&str] = &[
    "example",
    "placeholder",
    "changeme",
    "redacted",
    "your_",
    "your-",
    "yourapi",
    "yourtoken",
    "yoursecret",
    "yourpassword",
    "mypassword",
    "mysecretpassword",
    "…",
];

/// Masking fragments, judged only in short secrets: a long random body (a key block)
/// holds `xxxx` in some case mix often enough to matter.
const MASK_FRAGMENTS: &[&str] = &["xxxx", "****", "...."];

/// Template and interpolation syntax: the value is filled in elsewhere.
const TEMPLATE_MARKERS: &[&str] = &["${", "{{", "}}", "%(", "<%", "#{", "$("];

/// How long an ascending or descending run (`abcdef`, `654321`) may be before the value
/// counts as typed by hand. Random 20+ character tokens hold such a run with
/// negligible probability.
const MAX_SEQUENCE_RUN: usize = 6;

/// How many times one character may repeat in a row.
const MAX_REPEAT_RUN: usize = 6;

/// Repeat runs, sequences and masks are judged only in secrets up to this length: long
/// structured secrets (key blocks, whose encodings hold runs such as `AAAAAAAA`) are
/// not typed by hand.
const RUN_CHECK_MAX_LEN: usize = 128;

/// Whether `secret` is a placeholder rather than a credential.
pub(crate) fn is_placeholder(secret: &[u8]) -> bool {
    if secret.is_empty() {
        return true;
    }
    // What a history purge leaves behind (`--replace-text-file` writes `REMOVED-<rule>`;
    // `git filter-repo`'s default is `***REMOVED***`).
    if secret.starts_with(b"REMOVED-") || memchr::memmem::find(secret, b"***REMOVED***").is_some() {
        return true;
    }
    let lower = secret.to_ascii_lowercase();
    if DOCUMENTED_EXAMPLES
        .iter()
        .any(|e| memchr::memmem::find(secret, e.as_bytes()).is_some())
    {
        return true;
    }
    if PLACEHOLDER_WORDS.iter().any(|w| lower == w.as_bytes())
        || WORD_DIGESTS.iter().any(|d| lower == d.as_bytes())
    {
        return true;
    }
    let body = tagged_body(secret);
    if has_stand_in_fragment(&lower)
        || encodes_stand_in(secret)
        || (body.len() < secret.len() && encodes_stand_in(body))
    {
        return true;
    }
    // Only one letter or digit, typed over and over between punctuation, also once
    // percent-escapes are undone (`bbb%2F%3B%26` is `bbb/;&`).
    let alnum: Vec<u8> = percent_decoded(&lower)
        .into_iter()
        .filter(u8::is_ascii_alphanumeric)
        .collect();
    if is_angle_bracketed(secret)
        || all_same(secret)
        || (alnum.len() >= 3 && all_same(&alnum))
        || is_counted_word(&lower)
    {
        return true;
    }
    secret.len() <= RUN_CHECK_MAX_LEN
        && (longest_repeat(secret) >= MAX_REPEAT_RUN
            || longest_sequence(&lower) >= MAX_SEQUENCE_RUN
            || is_interleaved_sequence(&lower)
            || MASK_FRAGMENTS
                .iter()
                .any(|f| memchr::memmem::find(&lower, f.as_bytes()).is_some()))
}

/// Whether a value is base64 of readable text that stands in for a secret: a
/// sentence (`this is not a real value`), or a stand-in as it is or as the password
/// of `user:password` (`username:password`, `user:notarealpassword`).
fn encodes_stand_in(value: &[u8]) -> bool {
    let Some(text) = super::decode::decode_base64_text(value) else {
        return false;
    };
    let sentence = text
        .iter()
        .all(|b| b.is_ascii_alphabetic() || b" .,!?'-".contains(b))
        && text.split(|b| *b == b' ').filter(|w| w.len() >= 2).count() >= 3;
    let mut parts = text.split(|b| *b == b':');
    let login = match (parts.next(), parts.next(), parts.next()) {
        (Some(user), Some(password), None) => !user.is_empty() && password.len() >= 4,
        _ => false,
    };
    let password = text.rsplit(|b| *b == b':').next().unwrap_or(&text);
    sentence
        || ((login || !text.contains(&b':'))
            && (reads_as_stand_in(&text) || is_placeholder(password)))
}

/// The body of a value that starts with a short version tag and a dot
/// (`k8s-aws-v1.<base64>`, an EKS token: a presigned URL in base64), or the whole
/// value.
fn tagged_body(value: &[u8]) -> &[u8] {
    match memchr::memchr(b'.', value) {
        Some(dot)
            if (2..=16).contains(&dot)
                && value[..dot]
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
                && memchr::memchr(b'.', &value[dot + 1..]).is_none() =>
        {
            &value[dot + 1..]
        }
        _ => value,
    }
}

/// Whether lower-case text holds a fragment that marks a stand-in (`example`,
/// `your_`, `redacted`) or template syntax (`${`, `{{`).
fn has_stand_in_fragment(lower: &[u8]) -> bool {
    PLACEHOLDER_FRAGMENTS
        .iter()
        .chain(TEMPLATE_MARKERS)
        .any(|f| memchr::memmem::find(lower, f.as_bytes()).is_some())
}

/// Whether a value is a stand-in word followed by a count typed from 0 or 1
/// (`key_1234`, `admin123`, `secret-12345`).
fn is_counted_word(lower: &[u8]) -> bool {
    let digits = lower
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let (word, count) = lower.split_at(lower.len() - digits);
    let word = word
        .strip_suffix(b"_")
        .or_else(|| word.strip_suffix(b"-"))
        .or_else(|| word.strip_suffix(b"."))
        .unwrap_or(word);
    count.len() >= 3
        && matches!(count[0], b'0' | b'1')
        && longest_sequence(count) == count.len()
        && PLACEHOLDER_WORDS.iter().any(|w| word == w.as_bytes())
}

/// Whether the letters and the digits of a value, each read on their own, mostly
/// count up (`a123b45c6d78e9f0…`, `abcd1234defg5678`): two sequences typed into each
/// other. In random text about one step in eight is `+1`; here three in four are.
fn is_interleaved_sequence(lower: &[u8]) -> bool {
    let (mut steps, mut up) = (0usize, 0usize);
    for class in [u8::is_ascii_lowercase, u8::is_ascii_digit] {
        let seq: Vec<u8> = lower.iter().copied().filter(class).collect();
        for w in seq.windows(2) {
            steps += 1;
            if w[1] == w[0] + 1 || (w[0] == b'9' && w[1] == b'0') {
                up += 1;
            }
        }
    }
    steps >= 10 && up * 4 >= steps * 3
}

/// Words in a value that mean it is an example, not a secret.
pub(crate) const STAND_IN_VALUE_WORDS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "secret",
    "foobar",
    "barfoo",
    "token",
    // Phrases that say the value is a stand-in (`dontshowme`, `donottellanyone`,
    // `notarealpassword`, `d3m0n$trati0n`).
    "dontshow",
    "donotshow",
    "donottell",
    "donttell",
    "notreal",
    "notasecret",
    "notareal",
    "demonstration",
    // The dummies typed where a password is asked for (`Welcome1!`, `Qwerty123!`).
    "welcome",
    "qwerty",
    "changeme",
    "example",
    "sample",
    "dummy",
    "test",
    "fake",
    "mock",
    "default",
    "placeholder",
    "insert",
    "replace",
    "your",
    "redacted",
    "none",
    "null",
    "undefined",
    "true",
    "false",
    "admin",
    "localhost",
    // The sample schema's password in Oracle's documentation, with a suffix
    // (`tiger^5HHH`).
    "tiger",
];

/// Whether a value reads as a stand-in, not a secret: it holds a long stand-in word
/// (`password`, `secret`, `example`, `changeme` …) as written, or once
/// percent-encoding, leetspeak and separators are undone (`P@ssw0rd!`, `sup3rs3cr3T!`, `pass%3Bword`,
/// `SECRET_KEY`, `passwd-on-proxy`).
pub(crate) fn reads_as_stand_in(value: &[u8]) -> bool {
    let lower = value.to_ascii_lowercase();
    let plain = unleet(&percent_decoded(&lower));
    // Words of four letters or more, and only when they make up most of the value: a
    // random value holds `test` or `none` by chance now and then (more so once
    // leetspeak turns its digits into letters), but not as most of itself.
    made_of_stand_ins(&plain, 4)
}

/// Whether stand-in words of at least `min_len` letters make up most of `lower`: they
/// cover 40% of its letters and digits, or leave at most 8 of them. A random value
/// that happens to hold one (`Default` + 20 random characters) is still a secret.
fn made_of_stand_ins(lower: &[u8], min_len: usize) -> bool {
    let joined: Vec<u8> = lower
        .iter()
        .copied()
        .filter(u8::is_ascii_alphanumeric)
        .collect();
    let mut covered = vec![false; joined.len()];
    for w in STAND_IN_VALUE_WORDS.iter().filter(|w| w.len() >= min_len) {
        for at in memchr::memmem::find_iter(&joined, w.as_bytes()) {
            covered[at..at + w.len()].iter_mut().for_each(|c| *c = true);
        }
    }
    let n = covered.iter().filter(|&&c| c).count();
    n > 0 && (n * 10 >= joined.len() * 4 || joined.len() - n <= 8)
}

/// `value` with leetspeak undone (`p@55w0rd` → `password`), lower case.
fn unleet(lower: &[u8]) -> Vec<u8> {
    lower
        .iter()
        .map(|&b| match b {
            b'0' => b'o',
            b'1' | b'!' => b'i',
            b'3' => b'e',
            b'4' | b'@' => b'a',
            b'5' | b'$' => b's',
            b'7' => b't',
            other => other,
        })
        .collect()
}

/// `%XX` escapes decoded (others left as they are).
pub(crate) fn percent_decoded(v: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(v.len());
    let mut i = 0;
    while i < v.len() {
        if v[i] == b'%'
            && let (Some(h), Some(l)) = (
                v.get(i + 1).and_then(|&b| hex(b)),
                v.get(i + 2).and_then(|&b| hex(b)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(v[i]);
            i += 1;
        }
    }
    out
}

/// `<your token>`-style values: the whole value between `<` and `>`, or a name between
/// them inside it (`sk_live_<KEY>`, `<user>:<password>`). Generated keys with `<` and
/// `>` in other places (a WordPress salt's `{)>r0G!>%<&Kne`) are not.
fn is_angle_bracketed(s: &[u8]) -> bool {
    const MAX_NAME: usize = 40;
    s.first() == Some(&b'<') && s.last() == Some(&b'>')
        || memchr::memchr_iter(b'<', s).any(|open| {
            let rest = &s[open + 1..s.len().min(open + 2 + MAX_NAME)];
            // A name of three letters or more (`<Cr>` in a salt is chance).
            memchr::memchr(b'>', rest).is_some_and(|close| {
                rest[..close]
                    .iter()
                    .filter(|b| b.is_ascii_alphabetic())
                    .count()
                    >= 3
                    && rest[..close]
                        .iter()
                        .all(|b| b.is_ascii_alphanumeric() || b" _-.".contains(b))
            })
        })
}

fn all_same(s: &[u8]) -> bool {
    s.iter().all(|&b| b == s[0])
}

fn longest_repeat(s: &[u8]) -> usize {
    let (mut best, mut run) = (0, 0);
    for (i, &b) in s.iter().enumerate() {
        run = if i > 0 && s[i - 1] == b { run + 1 } else { 1 };
        best = best.max(run);
    }
    best
}

/// Longest run of consecutive alphanumerics that step by +1 or -1 (`abcdef`, `98765`).
fn longest_sequence(s: &[u8]) -> usize {
    let mut best = 1;
    for step in [1i16, -1] {
        let mut run = 1;
        for w in s.windows(2) {
            let consecutive = w[0].is_ascii_alphanumeric()
                && w[1].is_ascii_alphanumeric()
                && i16::from(w[1]) - i16::from(w[0]) == step;
            run = if consecutive { run + 1 } else { 1 };
            best = best.max(run);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_of_words_typed_as_passwords() {
        use sha2::{Digest, Sha256};
        for w in ["", "password", "123456", "admin", "secret", "changeme"] {
            let hex: String = Sha256::digest(w.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert!(WORD_DIGESTS.contains(&hex.as_str()), "{w:?}");
            assert!(is_placeholder(hex.to_ascii_uppercase().as_bytes()), "{w:?}");
        }
        // MD5 and SHA-1 of `password`, as tables of known hashes print them.
        assert!(is_placeholder(b"5f4dcc3b5aa765d61d8327deb882cf99"));
        assert!(is_placeholder(b"5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8"));
        // A digest of anything else is not a stand-in.
        assert!(!is_placeholder(b"5f4dcc3b5aa765d61d8327deb882cf98"));
    }

    #[test]
    fn angle_brackets_around_a_name() {
        for v in [
            "<your token>",
            "sk_live_<KEY>",
            "<user>:<password>",
            "Bearer <access-token>",
        ] {
            assert!(is_placeholder(v.as_bytes()), "{v}");
        }
        // A generated WordPress salt holds `<` and `>` apart.
        for salt in [
            "T-:>#-M}*6Y=B{)>r0G!>%<&Kne&PX1$NA;D4^I5TvblpwkXYs@B9lF9ITO$^%?W",
            "k#9Lq@2Zx!m7Pw^T4vN&8Rb*3Yc(5Hd)6Jf-0Gs+1Kt=Eu{Vw}Xy[Az]Bq<Cr>Ds",
        ] {
            assert!(!is_placeholder(salt.as_bytes()), "{salt}");
        }
    }

    #[test]
    fn tagged_bodies_are_judged_too() {
        // An EKS token whose presigned URL is `http://example.com`.
        assert!(is_placeholder(b"k8s-aws-v1.aHR0cDovL2V4YW1wbGUuY29t"));
        // One of a real presigned STS URL (query cut short, random signature).
        let url = "https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&X-Amz-Signature=7d1c9f0b2e84a6c3";
        let body = base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, url);
        assert!(!is_placeholder(format!("k8s-aws-v1.{body}").as_bytes()));
    }

    #[test]
    fn documented_examples() {
        assert!(is_placeholder(b"AKIAIOSFODNN7EXAMPLE"));
        assert!(is_placeholder(b"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        assert!(is_placeholder(b"6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe"));
        // RFC 7519's example JWT, whole.
        assert!(is_placeholder(
            b"eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        ));
    }

    #[test]
    fn templates_and_markers() {
        for s in [
            "${GITHUB_TOKEN}",
            "{{ token }}",
            "<your-api-key>",
            "%(password)s",
            "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "sk_live_****************",
            "your_api_key_here",
            "changeme",
            "Password",
        ] {
            assert!(is_placeholder(s.as_bytes()), "{s}");
        }
    }

    #[test]
    fn repeats_and_sequences() {
        assert!(is_placeholder(b"aaaaaaaaaaaaaaaa"));
        assert!(is_placeholder(b"AKIA0000000000000000"));
        assert!(is_placeholder(b"ghp_abcdefghijklmnopqrstuvwxyz0123456789"));
        assert!(is_placeholder(b"sk-1234567890abcdef"));
        assert!(is_placeholder(b"zyxwvu"));
    }

    #[test]
    fn typed_by_hand() {
        // Two sequences typed into each other, a stand-in word and a count, one
        // character between punctuation (also percent-escaped), the sample login.
        for v in [
            "a123b45c6d78e9f012a34cd5e6a7890b12c3d45e6f78a1b234c56d7e890a1234",
            "abcd1234defg5678",
            "key_1234",
            "admin123",
            "secret-12345",
            "bbb%2F%3B%26",
            "x-x-x-x",
            "tiger",
        ] {
            assert!(is_placeholder(v.as_bytes()), "{v}");
        }
        for v in [
            "9f2c4e7a1b8d3f6a0c5e9b2d7f4a1c8e",
            "kQ9vZ2mX7wLp4RtN",
            "Xk7_1234",
            "deploy_1357",
            "a1b9c3d7e2f4",
        ] {
            assert!(!is_placeholder(v.as_bytes()), "{v}");
        }
    }

    #[test]
    fn long_structured_secrets_may_hold_runs() {
        let block = format!(
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU{}\n",
            "Qk9x".repeat(40)
        );
        assert!(!is_placeholder(block.as_bytes()));
        let with_x = format!("{block}xXxX{}", "Qk9x".repeat(10));
        assert!(!is_placeholder(with_x.as_bytes()));
    }

    #[test]
    fn purge_markers_are_placeholders() {
        assert!(is_placeholder(b"REMOVED-url-password"));
        assert!(is_placeholder(b"***REMOVED***"));
    }

    #[test]
    fn random_tokens_pass() {
        for s in [
            "ghp_R7wq2mZkT9vLx4NbQe8sYc1HdJ0aFu2Kp3Xy",
            "AKIA2E0A8F3B9C7D6E1Q",
            "xoxb-2846150937-4190268735-Qm8vT2kLr9XwZp3NcY6bHdEf",
            "hunter2hunter3",
        ] {
            assert!(!is_placeholder(s.as_bytes()), "{s}");
        }
    }
}
