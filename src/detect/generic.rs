//! The generic detector's judgement: is this value, assigned to this name, a secret?
//!
//! The `generic-*` rules find `NAME = VALUE` shapes whose NAME means a secret
//! (password, secret, token, API key …) in code and config. Most such assignments are
//! not credentials: environment lookups, references to other variables, settings
//! *about* secrets (`password_min_length`, `token_type`), template variables, file
//! paths, URLs, identifiers. Precision comes first: a value must look like a literal,
//! random-enough secret and the name must name the secret itself.

use super::placeholder::{STAND_IN_VALUE_WORDS, percent_decoded, reads_as_stand_in};

/// Name words that make a name mean a secret.
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "secret",
    "token",
    "credential",
    "credentials",
    "apikey",
    "accesskey",
    "privatekey",
    "secretkey",
    "authkey",
    // Only as a name's last word (`DB_PASS`, `smtpPass`, `auth_pass`): `pass_through`
    // and `first_pass` are not passwords (see `is_secret_name`).
    "pass",
    // libpq's variable and `.pgpass`; Redis's `requirepass` and `masterauth`.
    "pgpassword",
    "pgpass",
    "requirepass",
    "masterauth",
    // The LDAP bind password of `nslcd.conf`/`ldap.conf` and `slapd.conf`'s root one.
    "bindpw",
    "rootpw",
];

/// Name words that, last in a name, make it mean something *about* a secret.
const NOT_SECRET_SUFFIXES: &[&str] = &[
    "type",
    "name",
    "names",
    "url",
    "uri",
    "path",
    "file",
    "dir",
    "length",
    "len",
    "min",
    "max",
    "header",
    "field",
    "id",
    "ids",
    "prompt",
    "label",
    "policy",
    "format",
    "regex",
    "pattern",
    "endpoint",
    "expiry",
    "expires",
    "expiration",
    "ttl",
    "timeout",
    "count",
    "hint",
    "enabled",
    "required",
    "reset",
    "confirm",
    "confirmation",
    "placeholder",
    "mode",
    "version",
    "scope",
    "scopes",
    "param",
    "parameter",
    "class",
    "kind",
    "message",
    "error",
    "char",
    "chars",
    "size",
    "limit",
    "env",
    "var",
    "variable",
    "ref",
    "key",
    "keys",
    "store",
    "provider",
    "manager",
    "service",
    "source",
    "location",
    "prefix",
    "suffix",
    "strategy",
    "validator",
    "validation",
    "hash",
    "hashed",
    "digest",
    "salt",
    "rounds",
    "iterations",
    "algorithm",
    "algo",
    "cipher",
    "column",
    "attr",
    "attribute",
    "input",
    "widget",
    "form",
    "title",
    "text",
    "help",
    "description",
    "status",
    "state",
    "event",
    "callback",
    "handler",
    "function",
    "fn",
    "method",
    "request",
    "response",
    "cache",
    "storage",
    "table",
    "schema",
    "index",
    "encoding",
    "encoded",
    // When it was set or used (`PasswordLastUsed`, `token_created_at`): a time.
    "last",
    "used",
    "date",
    "time",
    "at",
    "updated",
    "created",
    "changed",
    "age",
    "rotated",
    "rotation",
];

/// Words that, right before `token`, make it a token that grants nothing: a page
/// cursor (`NextToken`, `ContinuationToken`, `output_token`), an idempotency or
/// change-tracking id (`ClientToken`, `ChangeToken`), or a public proof
/// (`VerificationToken`, published in DNS).
const NOT_CREDENTIAL_TOKENS: &[&str] = &[
    "next",
    "continuation",
    "continue",
    "paging",
    "pagination",
    "cursor",
    "marker",
    "sync",
    "resume",
    "start",
    "input",
    "output",
    "idempotency",
    "change",
    "update",
    "lock",
    "unit",
    "verification",
    // A KMS grant token or an operation's status token: a handle that only works
    // together with the caller's own credentials.
    "grant",
    "status",
    // CloudWatch Logs' paging tokens (`nextForwardToken`, `nextBackwardToken`).
    "forward",
    "backward",
    // Ids that make a request unique or traceable (`ClientRequestToken`: the
    // idempotency token of AWS APIs; `dedup_token`, `correlation_token`), and one-use
    // values a server hands out to every visitor (`nonce_token`, `csrf_token`).
    "request",
    "idempotent",
    "dedup",
    "deduplication",
    "correlation",
    "nonce",
    "csrf",
    "xsrf",
];

/// Name words that say a value is a digest of something (a hash, checksum or
/// fingerprint), not the thing itself.
const DIGEST_WORDS: &[&str] = &[
    "hash",
    "hashed",
    "digest",
    "checksum",
    "fingerprint",
    "fingerprints",
    "sha",
    "sha1",
    "sha224",
    "sha256",
    "sha384",
    "sha512",
    "md5",
    "crc32",
    "blake2",
    "blake3",
];

/// Lengths in hex digits of common digests and fingerprints: MD5 and 128-bit
/// fingerprints, SHA-1, SHA-224, SHA-256, SHA-384, SHA-512.
const DIGEST_HEX_LENS: &[usize] = &[32, 40, 56, 64, 96, 128];

/// Values that start like a file path.
const PATH_PREFIXES: &[&str] = &["/", "./", "../", "~/"];

/// Values that end like the name of a file holding the secret, not the secret.
const FILE_SUFFIXES: &[&str] = &[".pem", ".key", ".json", ".txt"];

/// Splits an identifier into lowercase words at `_`, `-`, `.`, and camelCase humps.
pub(crate) fn words(name: &[u8]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for (i, &b) in name.iter().enumerate() {
        let c = b as char;
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        // `dbPassword`: a capital after lower case; `DBPassword`, `APIKey`: the last
        // capital of a run, before lower case.
        let acronym_end = i > 0
            && name[i - 1].is_ascii_uppercase()
            && name.get(i + 1).is_some_and(u8::is_ascii_lowercase);
        if c.is_ascii_uppercase() && (prev_lower || acronym_end) && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Parts of which every secret word and pair holds one (`apikey`, `api_key` hold
/// `key`): a name holding none of them, in any case, names no secret.
pub(crate) const SECRET_STEMS: &[&str] = &[
    "pass",
    "pwd",
    "secret",
    "token",
    "credential",
    "key",
    "masterauth",
    "bindpw",
    "rootpw",
];

/// Whether `name` holds one of [`SECRET_STEMS`] in any case: a test that needs no
/// allocation, made before splitting a name into words.
pub(crate) fn has_secret_stem(name: &[u8]) -> bool {
    SECRET_STEMS.iter().any(|s| {
        name.windows(s.len())
            .any(|w| w.eq_ignore_ascii_case(s.as_bytes()))
    })
}

/// Whether `name` names a secret itself (not a setting about one).
pub(crate) fn is_secret_name(name: &[u8]) -> bool {
    if !has_secret_stem(name) {
        return false;
    }
    let w = words(name);
    // Join adjacent pairs so `api_key`, `apiKey` and `api-key` all read `apikey`.
    let is_pair = |i: usize| {
        i + 1 < w.len()
            && matches!(
                (w[i].as_str(), w[i + 1].as_str()),
                ("api", "key")
                    | ("access", "key")
                    | ("private", "key")
                    | ("secret", "key")
                    | ("auth", "key")
                    | ("auth", "token")
                    | ("client", "secret")
                    | ("encryption", "key")
                    | ("encrypt", "key")
                    | ("signing", "key")
                    | ("aes", "key")
                    | ("hmac", "key")
                    | ("master", "key")
            )
    };
    // `pass` names a password only last (`DB_PASS`); before another word it is a
    // step or a permission (`pass_through`, `pass_count`).
    let is_secret_word = |i: usize| {
        (SECRET_WORDS.contains(&w[i].as_str()) && (w[i] != "pass" || i + 1 == w.len()))
            || is_pair(i)
    };
    let Some(pos) = (0..w.len()).rev().find(|&i| is_secret_word(i)) else {
        return false;
    };
    if w[pos] == "token" && pos > 0 && NOT_CREDENTIAL_TOKENS.contains(&w[pos - 1].as_str()) {
        return false;
    }
    // A page token pages (`nextPageToken`); a bare page token may be a Facebook Page's
    // access token.
    if w[pos] == "token"
        && pos >= 2
        && w[pos - 1] == "page"
        && matches!(
            w[pos - 2].as_str(),
            "next" | "prev" | "previous" | "first" | "last"
        )
    {
        return false;
    }
    // `SubjectFromWebIdentityToken`: a thing, then `from`, then the secret's own name
    // of two words or more. `from_password` and `EMAIL_FROM_PASSWORD` are secrets.
    if (1..pos).any(|i| w[i] == "from" && pos - i >= 2) {
        return false;
    }
    // After the secret word, a word naming a digest makes it a hash of the secret
    // (`secret_sha256`, `password_md5`, `api_key_checksum`).
    if w[pos + 1..]
        .iter()
        .any(|t| DIGEST_WORDS.contains(&t.as_str()))
    {
        return false;
    }
    // The word after the last secret word decides: `password_length` is not a secret.
    // A pair (`secret_key`, `api_key`) is one secret word: `SECRET_KEY` is a secret.
    let tail_start = if is_pair(pos) { pos + 2 } else { pos + 1 };
    match w.get(tail_start..) {
        Some(rest) if !rest.is_empty() => !rest
            .iter()
            .any(|t| NOT_SECRET_SUFFIXES.contains(&t.as_str())),
        _ => true,
    }
}

/// Character classes present in a value.
fn classes(v: &[u8]) -> (bool, bool, bool, bool) {
    (
        v.iter().any(u8::is_ascii_lowercase),
        v.iter().any(u8::is_ascii_uppercase),
        v.iter().any(u8::is_ascii_digit),
        v.iter().any(|b| !b.is_ascii_alphanumeric()),
    )
}

/// Whether at least 60% of a value's letters and digits sit in runs of three or more
/// of one kind (`Seed`, `25519`, `ERROR`): identifier words, not random characters
/// (random mixed-case text breaks into runs of one or two).
fn made_of_words(v: &[u8]) -> bool {
    if !v
        .iter()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b':' | b'-'))
    {
        return false;
    }
    let kind = |b: u8| match b {
        b'a'..=b'z' => 1,
        b'A'..=b'Z' => 2,
        b'0'..=b'9' => 3,
        _ => 0,
    };
    let (mut in_words, mut total, mut run, mut prev) = (0usize, 0usize, 0usize, 0u8);
    let mut flush = |run: usize| {
        if run >= 3 {
            in_words += run;
        }
    };
    for &b in v {
        let k = kind(b);
        if k == 0 {
            flush(run);
            run = 0;
            prev = 0;
            continue;
        }
        total += 1;
        // A capital followed by lower case starts a word (`Seed`): count them together.
        let continues = k == prev || (prev == 2 && k == 1 && run == 1);
        if continues {
            run += 1;
        } else {
            flush(run);
            run = 1;
        }
        prev = k;
    }
    flush(run);
    // A value with separators (`cfg.dbPwd`, `crate::Token`) or letters alone
    // (`Inboundsamlssoprofiles`) is code as it was; letters with digits must also read
    // as words (random text breaks into runs of three too).
    let code = v.iter().any(|b| matches!(b, b'_' | b'.' | b':' | b'-'))
        || !v.iter().any(u8::is_ascii_digit);
    // A path of names (`cfg.dbPwd`, `crate::Token`: `.` and `:` are in no token
    // alphabet) may hold short names; otherwise four fifths of the value must sit in
    // such runs: a random 16-character value (`JXuhXTHUvSidfLym`, `mlm-DMSPyw7D3Uwl`)
    // has three fifths there about one time in ten, four fifths one time in sixty.
    // A word with a size or version after it (`String64`, `Int32`): a type name.
    let letters = v.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let sized_word = letters >= 3
        && v[1..letters].iter().all(u8::is_ascii_lowercase)
        && (1..=3).contains(&(v.len() - letters))
        && v[letters..].iter().all(u8::is_ascii_digit);
    let share = if sized_word || v.iter().any(|b| matches!(b, b'.' | b':')) {
        6
    } else {
        8
    };
    total > 0 && in_words * 10 >= total * share && (code || reads_as_words(v))
}

/// Whether the letters of `v` read as words of a language or code: split at other
/// characters and at case humps (`dbPassword`, `HTTPServer`), at least two thirds of
/// the letters sit in words of three letters or more that could be said: a vowel
/// (`y` counts) and no four consonants in a row in a word of four letters or more, or
/// an upper-case acronym of up to five. Random text of mixed case breaks into humps of
/// one or two letters and unsayable runs (`AnjTqwg2JISHwzvG`: `Tqwg`, `Hwzv`, `G`).
fn reads_as_words(v: &[u8]) -> bool {
    let (good, total) = sayable_letters(v);
    total > 0 && good * 3 >= total * 2
}

/// Where the case hump of letters starting at `i` ends: at a capital after lower case
/// (`dbPassword`), at the last capital of a run before lower case (`HTTPServer`), or
/// at a character that is not a letter.
fn hump_end(v: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < v.len() && v[j].is_ascii_alphabetic() {
        if v[j].is_ascii_uppercase()
            && (v[j - 1].is_ascii_lowercase()
                || (v[j - 1].is_ascii_uppercase()
                    && v.get(j + 1).is_some_and(u8::is_ascii_lowercase)))
        {
            break;
        }
        j += 1;
    }
    j
}

/// How many letters of `v` sit in sayable words (see [`reads_as_words`]), of how many.
fn sayable_letters(v: &[u8]) -> (usize, usize) {
    let (mut good, mut total) = (0usize, 0usize);
    let mut i = 0;
    while i < v.len() {
        if !v[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let j = hump_end(v, i);
        let w = &v[i..j];
        total += w.len();
        let sayable = w.len() == 3
            || (w.len() > 3 && w.len() <= 5 && w.iter().all(u8::is_ascii_uppercase))
            || (w.len() > 3 && has_vowel(w) && !has_consonant_run(w, 4));
        if sayable {
            good += w.len();
        }
        i = j;
    }
    (good, total)
}

/// Whether a value is keyboard mash (`askdjghsdfjkgh`, `sadefgq34y45h56q`): three
/// quarters of its letters on the home row with one neighbouring pair in five touching, or half of them there and two in five
/// neighbouring pairs keys that touch on a QWERTY keyboard. Random text has a third of
/// its letters on the home row and one pair in seven touching.
fn is_keyboard_mash(v: &[u8]) -> bool {
    // Hex has three home-row letters of six and digits above them: random hex keys
    // would read as mash.
    if v.iter().all(u8::is_ascii_hexdigit) {
        return false;
    }
    const ROWS: [&[u8]; 4] = [b"1234567890", b"qwertyuiop", b"asdfghjkl", b"zxcvbnm"];
    // Each row's offset in quarter keys.
    const SHIFT: [i32; 4] = [0, 2, 3, 5];
    let key = |b: u8| {
        let b = b.to_ascii_lowercase();
        ROWS.iter().enumerate().find_map(|(r, row)| {
            row.iter()
                .position(|&k| k == b)
                .map(|c| (r as i32, c as i32 * 4 + SHIFT[r]))
        })
    };
    let (mut letters, mut home, mut pairs, mut touching) = (0usize, 0usize, 0usize, 0usize);
    let mut prev: Option<(i32, i32)> = None;
    for &b in v {
        let k = key(b);
        if b.is_ascii_alphabetic() {
            letters += 1;
            home += usize::from(k.is_some_and(|(r, _)| r == 2));
        }
        if let (Some((r0, x0)), Some((r1, x1))) = (prev, k) {
            pairs += 1;
            // One key twice (`WW`, `Ii`) is no move over the keyboard: random text
            // doubles a character about one pair in thirty-six.
            let same = (r0, x0) == (r1, x1);
            touching += usize::from(!same && (r0 - r1).abs() <= 1 && (x0 - x1).abs() <= 4);
        }
        prev = k;
    }
    // Typing rolls over neighbouring keys: mash has one pair in five touching at the
    // least; random text that happens to fall on the home row (`d.FqhLS1f6FIx-sd`)
    // jumps about.
    letters >= 8
        && ((home * 4 >= letters * 3 && touching * 5 >= pairs)
            || (home * 2 >= letters && pairs >= 12 && touching * 5 >= pairs * 2))
}

/// Whether a hex value is bytes that count (`000102…1f`, `f0f1f2…`, `0a141e…`): each
/// byte the one before plus the same step. Test vectors are written so.
fn is_byte_progression(v: &[u8]) -> bool {
    if v.len() < 16 || !v.len().is_multiple_of(2) || !v.iter().all(u8::is_ascii_hexdigit) {
        return false;
    }
    let nibble = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
    let byte = |i: usize| nibble(v[2 * i]) << 4 | nibble(v[2 * i + 1]);
    let step = byte(1).wrapping_sub(byte(0));
    (1..v.len() / 2).all(|i| byte(i).wrapping_sub(byte(i - 1)) == step)
}

/// Whether a value written in leetspeak reads as words once its digits are letters
/// again (`R00T_4CC3SS`, `s3cr3t_k3y_2024`): a readable stand-in, not random.
fn is_leet_words(v: &[u8]) -> bool {
    const MAX: usize = 40;
    if v.len() > MAX
        || v.iter().all(u8::is_ascii_hexdigit)
        || !v.iter().any(|b| b"01345@$".contains(b))
    {
        return false;
    }
    let mut plain = [0u8; MAX];
    for (o, &b) in plain.iter_mut().zip(v) {
        *o = match b {
            b'0' => b'o',
            b'1' => b'i',
            b'3' => b'e',
            b'4' | b'@' => b'a',
            b'5' | b'$' => b's',
            b'7' => b't',
            _ => b,
        };
        // Keep the case of the letters around (`R00T` reads `ROOT`).
    }
    let plain = &mut plain[..v.len()];
    for i in 0..plain.len() {
        if plain[i] != v[i] {
            let upper_near = [i.wrapping_sub(1), i + 1]
                .iter()
                .any(|&j| v.get(j).is_some_and(u8::is_ascii_uppercase));
            if upper_near {
                plain[i] = plain[i].to_ascii_uppercase();
            }
        }
    }
    // Every digit was a letter, each run of letters is written as a word is (`ROOT`,
    // `access`, `Password`), and every word is sayable: random text with digits
    // turned to letters keeps other digits or mixes case inside a run (`ROTSOQkn`).
    let as_words = plain.split(|b| !b.is_ascii_alphabetic()).all(|run| {
        run.iter().skip(1).all(u8::is_ascii_lowercase) || run.iter().all(u8::is_ascii_uppercase)
    });
    let (good, total) = sayable_letters(plain);
    !plain.iter().any(u8::is_ascii_digit) && as_words && made_of_words(plain) && good == total
}

/// Whether a value is a name written in words (`LastEvaluatedKey`,
/// `GetClusterCredentials`, `CreateOAuth2Credential`, `next_page.marker`): at least two
/// words of three letters or more, each with a vowel and no run of four consonants, or a
/// version (`V2`, `EC2`). Random letters break into unpronounceable runs (`pbzh`).
fn is_word_name(value: &[u8]) -> bool {
    if !value.first().is_some_and(u8::is_ascii_alphabetic)
        || !value
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b':'))
    {
        return false;
    }
    // Humps of one or two letters (`J`, `Uv` in `JXuhXTHUvSidf`) are what random mixed
    // case breaks into; a name has at most one (`O` of `CreateOAuth2Credential`).
    if value.iter().any(u8::is_ascii_lowercase)
        && value.iter().any(u8::is_ascii_uppercase)
        && short_humps(value) >= 2
    {
        return false;
    }
    let (mut real, mut versions) = (0, 0);
    for x in words(value) {
        let letters = x.trim_end_matches(|c: char| c.is_ascii_digit());
        if !letters.bytes().all(|b| b.is_ascii_alphabetic()) {
            return false;
        }
        if letters.len() >= 3
            && has_vowel(letters.as_bytes())
            && !has_consonant_run(letters.as_bytes(), 4)
        {
            real += 1;
        } else if (letters.len() < x.len() && (1..=3).contains(&letters.len()))
            // The `O` of `OAuth`, split from it as an acronym's last capital.
            || x.len() == 1
        {
            versions += 1;
        } else {
            return false;
        }
    }
    real >= 2 && versions <= 1
}

/// How many case humps of one or two letters `v` has (see [`hump_end`]).
fn short_humps(v: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < v.len() {
        if !v[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let j = hump_end(v, i);
        n += usize::from(j - i <= 2);
        i = j;
    }
    n
}

/// Whether a word has `n` consonants in a row (`y` counts as a vowel).
fn has_consonant_run(word: &[u8], n: usize) -> bool {
    let mut run = 0;
    for b in word {
        if has_vowel(&[*b]) {
            run = 0;
        } else {
            run += 1;
            if run >= n {
                return true;
            }
        }
    }
    false
}

/// Whether a word has a vowel (`y` counts): words of a language do, random runs of
/// consonants (`pbzh`, `Ntbw`) do not.
fn has_vowel(word: &[u8]) -> bool {
    word.iter().any(|b| {
        matches!(
            b.to_ascii_lowercase(),
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y'
        )
    })
}

/// Whether `lower` is one short unit (at most 8 characters) repeated, allowing a
/// partial last copy, or one half typed twice (`pewcbimos9hrzg15pewcbimos9hrzg15`):
/// typed, not random.
fn is_repeated_pattern(lower: &[u8]) -> bool {
    let half = lower.len() / 2;
    (1..=8).any(|unit| {
        lower.len() >= 2 * unit + 4 && lower.iter().enumerate().all(|(i, &b)| b == lower[i % unit])
    }) || (lower.len() >= 12 && lower.len().is_multiple_of(2) && lower[..half] == lower[half..])
}

/// Whether `v` is a SigV4 credential scope: `ID/YYYYMMDD/REGION/SERVICE[/aws4_request]`.
fn is_credential_scope(v: &[u8]) -> bool {
    let mut parts = v.split(|&b| b == b'/');
    let (Some(id), Some(date), Some(region)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !id.is_empty()
        && date.len() == 8
        && date.iter().all(u8::is_ascii_digit)
        && region.iter().any(u8::is_ascii_alphabetic)
}

/// Whether an unquoted value is a code expression: identifier paths made of words
/// (`this.key`, `options?.credentials`, `e.accessKeyId+`, `Resource$Accounts`) joined
/// by operators (`=`, `?`, `:`, `!`, `+`, `|`, `&`, `$`), with at most short names
/// beside them (`A?y:void`). A random password with such characters has pieces that
/// are not words (`k9$Qz!2pX`).
fn is_expression(value: &[u8]) -> bool {
    if !value.iter().any(|b| b"=?!+|&$:".contains(b)) {
        return false;
    }
    let mut worded = false;
    for piece in value.split(|b| b"=?!+|&$:".contains(b)) {
        let piece = piece.strip_prefix(b".").unwrap_or(piece);
        let piece = piece.strip_suffix(b".").unwrap_or(piece);
        if piece.is_empty() || (piece.len() <= 2 && piece.iter().all(u8::is_ascii_alphanumeric)) {
            continue;
        }
        let letters_have_vowels = words(piece)
            .iter()
            .filter(|w| w.len() >= 4 && w.bytes().all(|b| b.is_ascii_alphabetic()))
            .all(|w| has_vowel(w.as_bytes()));
        if !made_of_words(piece) || !letters_have_vowels {
            return false;
        }
        worded |= piece.len() >= 4;
    }
    worded
}

/// Whether a value is a word of a language written with letters beyond ASCII
/// (`Neočekávaný`, `Пароль`): every character a letter, at least one of them not
/// ASCII. Generated secrets are ASCII.
fn is_foreign_word(value: &[u8]) -> bool {
    std::str::from_utf8(value).is_ok_and(|s| s.chars().all(char::is_alphabetic) && !s.is_ascii())
}

/// Whether a value starts with an upper-case setting name and `=` (`UUID=6a38…`,
/// `TYPE=ext4`): a filter or an assignment passed as the value. Base64 holds `=`
/// only as padding, at the end.
fn is_embedded_setting(value: &[u8]) -> bool {
    let Some(eq) = memchr::memchr(b'=', value) else {
        return false;
    };
    let named = eq >= 4 && eq + 1 < value.len() && value[eq + 1] != b'=';
    // `AccountName=acme;…`: a setting of a list (a connection string), whose secret
    // field (`AccountKey=`, `Password=`) the connection-string rules judge. A token
    // alphabet holds `=` only as base64's padding, at the end.
    let listed = value[0].is_ascii_uppercase()
        && value[..eq].iter().all(u8::is_ascii_alphabetic)
        && value[..eq].iter().any(u8::is_ascii_lowercase);
    named
        && (listed
            || value[..eq]
                .iter()
                .all(|b| b.is_ascii_uppercase() || *b == b'_'))
}

/// Whether a value is `user:password@host…` whose parts are stand-ins
/// (`username:pas:word@foo.com/data`): a login written out to show the form. The URL
/// rules judge logins with a scheme; this is the form without one.
fn is_stand_in_login(value: &[u8]) -> bool {
    let Some(at) = memchr::memrchr(b'@', value) else {
        return false;
    };
    let Some(colon) = memchr::memchr(b':', &value[..at]) else {
        return false;
    };
    let (user, password) = (&value[..colon], &value[colon + 1..at]);
    let host = value[at + 1..]
        .split(|b| matches!(b, b'.' | b'/' | b':'))
        .next()
        .unwrap_or_default();
    let stand_in = |part: &[u8]| {
        let letters: Vec<u8> = part
            .iter()
            .filter(|b| b.is_ascii_alphanumeric())
            .copied()
            .collect();
        !letters.is_empty() && super::placeholder::is_placeholder(&letters)
    };
    // Real accounts carry stand-in names too (`root`, `admin`, `postgres`): only a
    // user that says it is one (`username`, `your_user`) counts.
    let account = [&b"root"[..], b"admin", b"postgres", b"guest", b"user"]
        .iter()
        .any(|a| user.eq_ignore_ascii_case(a));
    !user.is_empty()
        && !host.is_empty()
        && ((stand_in(user) && !account) || stand_in(password) || stand_in(host))
}

/// Whether a value is a label that names the secret instead of holding it
/// (`my-n8n-api-key`, `prod_db_password`, `MY-SECRET-TOKEN`): words of one case joined
/// by `-` or `_`, the last of them a secret word (`key`, `token`, `password` …).
fn names_a_secret(value: &[u8]) -> bool {
    if !value.iter().any(|b| matches!(b, b'-' | b'_'))
        || !value
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
        || (value.iter().any(u8::is_ascii_lowercase) && value.iter().any(u8::is_ascii_uppercase))
    {
        return false;
    }
    let w = words(value);
    w.len() >= 2
        && w.iter().all(|x| x.len() <= 12)
        && w.last()
            .is_some_and(|last| last == "key" || SECRET_WORDS.contains(&last.as_str()))
}

/// Whether a value repeats its own name (`ERROR_INVALID_PASSWORD =
/// "ERROR_INVALID_PASSWORD"`, `CopyProductToken: "copy-product"`): the name, or its
/// words that are not secret words, and nothing else.
fn repeats_name(name: &[u8], lower_value: &[u8]) -> bool {
    let letters: String = lower_value
        .iter()
        .filter(|b| b.is_ascii_alphanumeric())
        .map(|&b| b as char)
        .collect();
    let all: String = words(name).concat();
    let own: String = words(name)
        .into_iter()
        .filter(|w| !SECRET_WORDS.contains(&w.as_str()) && !matches!(w.as_str(), "api" | "key"))
        .collect();
    !letters.is_empty() && (letters == all || letters == own)
}

/// Whether a value is a ciphertext envelope: a Fernet token (version byte `0x80`,
/// timestamp, IV, blocks, HMAC), an AWS KMS ciphertext blob or `openssl enc` output. Encrypted values are
/// how secrets should be kept in code; the key that opens them is what leaks.
fn is_ciphertext(value: &[u8]) -> bool {
    let Some(bytes) = super::decode::decode_base64(value) else {
        return false;
    };
    let fernet = bytes.len() >= 73 && bytes[0] == 0x80 && (bytes.len() - 57) % 16 == 0;
    let kms = bytes.len() >= 64 && bytes.starts_with(&[0x01, 0x02, 0x02, 0x00]);
    // `openssl enc` output: `Salted__`, an 8-byte salt, then whole cipher blocks.
    let openssl = bytes.len() >= 32 && bytes.starts_with(b"Salted__");
    fernet || kms || openssl
}

/// Whether a value is a Bitnami SealedSecret's `encryptedData` value: two bytes that
/// give the length of the RSA-wrapped session key (256 or 512: a 2048- or 4096-bit
/// key), then it and the AES-GCM ciphertext, in base64 (so `AQ` or `Ag`, then `A`–`D`).
/// Sealed values are meant to be committed. Read from the value's start only: the
/// rules see at most its first 200 characters.
fn is_sealed_secret(value: &[u8]) -> bool {
    value.len() >= 128
        && (value.starts_with(b"AQ") || value.starts_with(b"Ag"))
        && matches!(value[2], b'A'..=b'D')
        && value
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(b))
}

/// Whether a value is a date or a timestamp (`2019-03-14T09:26:53.589Z`,
/// `2024-01-01 00:00:00`): four digits, `-`, two digits, `-`, two digits, then only
/// time characters.
fn is_timestamp(v: &[u8]) -> bool {
    v.len() >= 10
        && v[..10].iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
        && v[10..]
            .iter()
            .all(|b| b.is_ascii_digit() || b"T:.+-Z ".contains(b))
}

/// Whether a value is base64 of a DER public key or certificate: an outer SEQUENCE
/// whose first element is itself a SEQUENCE (an algorithm identifier or a
/// to-be-signed certificate). Private keys start with a version INTEGER.
fn encodes_public_key(value: &[u8]) -> bool {
    if !value.starts_with(b"M") {
        return false;
    }
    super::decode::decode_base64(value).is_some_and(|der| {
        let inner = match der.get(1) {
            Some(0x81) => 3,
            Some(0x82) => 4,
            Some(0x83) => 5,
            Some(n) if *n < 0x80 => 2,
            _ => return false,
        };
        // An encrypted private key (PKCS#8 EncryptedPrivateKeyInfo) also starts with
        // an algorithm SEQUENCE: a PKCS#5 or PKCS#12 password-based scheme.
        let pbe = [
            &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05][..],
            &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c][..],
        ];
        let head = &der[..der.len().min(48)];
        der[0] == 0x30
            && der.get(inner) == Some(&0x30)
            && !pbe
                .iter()
                .any(|oid| memchr::memmem::find(head, oid).is_some())
    })
}

/// Whether the surroundings of a secret-named value show it is public by design:
/// - a token in the query of an image URL (a README badge: `badge.svg?token=…`), an
///   embed token every reader of the page sees;
/// - a bare `token` (or `oauth_token`) beside a `timestamp` and a `signature`: a
///   signed webhook's nonce (Mailgun's payloads) or the public token id of an OAuth 1.0a
///   signed request; the signature, made with a key kept elsewhere, is what proves
///   anything. A qualified name (`access_token`, `auth_token`) is still judged alone.
pub(crate) fn is_public_by_context(name: &[u8], before: &[u8], around: &[u8]) -> bool {
    let w = words(name);
    let bare_token = matches!(
        w.iter().map(String::as_str).collect::<Vec<_>>()[..],
        ["token"] | ["oauth", "token"]
    );
    if w.last().is_none_or(|t| t != "token") {
        return false;
    }
    if let Some(url) = before
        .strip_suffix(b"?")
        .or_else(|| before.strip_suffix(b"&"))
    {
        let path = url
            .split(|b| *b == b'?')
            .next()
            .unwrap_or(url)
            .to_ascii_lowercase();
        if [".svg", ".png", ".gif", "/badge", "badge.svg"]
            .iter()
            .any(|x| path.ends_with(x.as_bytes()))
        {
            return true;
        }
    }
    let lower = around.to_ascii_lowercase();
    bare_token
        && has_literal(&lower, b"timestamp", true)
        && has_literal(&lower, b"signature", false)
}

/// Whether `lower` assigns a literal to a key ending in `key` (`"timestamp": 1712…`,
/// `oauth_signature="tnnA…"`): a recorded payload, not code that computes one. With
/// `digits`, the literal must be a number of 9 digits or more (a Unix time).
fn has_literal(lower: &[u8], key: &[u8], digits: bool) -> bool {
    memchr::memmem::find_iter(lower, key).any(|at| {
        let rest = &lower[at + key.len()..];
        // The key may go on (`oauth_signature_method`).
        let tail = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count();
        let rest = &rest[tail..];
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let rest = rest.trim_ascii_start();
        let Some(rest) = rest.strip_prefix(b":").or_else(|| rest.strip_prefix(b"=")) else {
            return false;
        };
        let rest = rest.trim_ascii_start();
        let quoted = matches!(rest.first(), Some(b'"' | b'\''));
        let body = if quoted { &rest[1..] } else { rest };
        let n = body
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || b"+/=_-".contains(b))
            .count();
        if digits {
            body.iter().take_while(|b| b.is_ascii_digit()).count() >= 9
        } else {
            n >= if quoted { 4 } else { 8 }
        }
    })
}

/// `client_pk^server_sk`: names joined by `^` (an XOR in code). A typed password with
/// a `^` among other punctuation (`Z@eg-x^Mfpt?`) is not.
fn is_xor_of_names(v: &[u8]) -> bool {
    v.contains(&b'^')
        && v.split(|&b| b == b'^').all(|seg| {
            seg.iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.'))
                && reads_as_words(seg)
        })
}

fn is_uuid(v: &[u8]) -> bool {
    // A UUID ends a sentence or a field now and then (`…0cf0e52dc37e:`).
    let v = v
        .strip_suffix(b":")
        .or_else(|| v.strip_suffix(b"."))
        .unwrap_or(v);
    v.len() == 36
        && v.iter().enumerate().all(|(i, &b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// Whether the parentheses of a quoted value are characters of a random secret (the
/// alphabet of Django's `get_random_secret_key()` holds `(` and `)`), not code or a
/// template: a long value with no other bracket and no `.` (not in that alphabet; a
/// member path is code: `config.get_value(`), no call (`decrypt(…)`, `ENC(…)`,
/// `str(`: three letters before a `(`), no format (`%(name)s`) and no regex group
/// (`(?i)`).
fn parens_in_random(value: &[u8]) -> bool {
    let call = value
        .windows(4)
        .any(|w| w[3] == b'(' && w[..3].iter().all(|b| b.is_ascii_alphabetic() || *b == b'_'));
    value.len() >= 24
        && !call
        && !value.iter().any(|b| b"[]{}.".contains(b))
        && !value
            .windows(2)
            .any(|w| w == b"%(" || w == b"(?" || w == b"()")
}

/// Whether `value`, assigned to a secret name, is a literal secret. `quoted` says the
/// value stood between quotes (so it is a literal, not an expression).
pub(crate) fn is_generic_secret(name: &[u8], value: &[u8], quoted: bool) -> bool {
    if value.len() < 8 || !is_secret_name(name) {
        return false;
    }
    let lower = value.to_ascii_lowercase();
    // Code, lookups and references: `os.environ[...]`, `getenv(`, `${X}`, `$X`, `%X%`;
    // and a value that starts with an operator: the name was compared (`==`),
    // negated or concatenated, not assigned.
    // Quoted, a value is a literal whatever it starts with, except a variable (`$X`),
    // a Windows variable (`%APPDATA%`) or a colour (`#3a7bd5ff`).
    let lead = value[0];
    if (value.iter().any(|b| b"()[]{}".contains(b)) && !(quoted && parens_in_random(value)))
        || lead == b'$'
        || (!quoted && b"%#&*@=!?+|.~".contains(&lead))
        || (lead == b'%' && value.ends_with(b"%"))
        || (lead == b'#'
            && matches!(value.len(), 4 | 5 | 7 | 9)
            && value[1..].iter().all(u8::is_ascii_hexdigit))
    {
        return false;
    }
    // Unquoted, or between two concatenated strings (`"AWS "+e.accessKeyId+":"`).
    if (!quoted || value[0] == b'+') && is_expression(value) {
        return false;
    }
    // Natural-language words (`"Unexpected_token": "Neočekávaný token"`), a filter
    // or setting written into the value (`token='UUID=6a38…'`, `TYPE=ext4`), a value
    // that repeats its own name (`CopyProductToken: copyproduct-abc5…`), or a
    // ciphertext envelope (an encrypted secret is what code should hold).
    if is_foreign_word(value)
        || is_embedded_setting(value)
        || is_stand_in_login(value)
        || names_a_secret(value)
        || repeats_name(name, &lower)
        || is_ciphertext(value)
        || is_sealed_secret(value)
    {
        return false;
    }
    // An AWS resource name (`arn:aws:kms:…:key/…`) names a key; it is not one.
    if lower.starts_with(b"arn:") {
        return false;
    }
    // Paths and URLs (URL credentials have their own rule).
    if memchr::memmem::find(value, b"://").is_some()
        || PATH_PREFIXES
            .iter()
            .any(|p| value.starts_with(p.as_bytes()))
        || FILE_SUFFIXES.iter().any(|x| lower.ends_with(x.as_bytes()))
    {
        return false;
    }
    if STAND_IN_VALUE_WORDS
        .iter()
        .any(|w| memchr::memmem::find(&lower, w.as_bytes()).is_some())
        || reads_as_stand_in(value)
    {
        return false;
    }
    // Unquoted, a value made of identifier words (`user_password`, `WIN32_ERROR`,
    // `Curve25519SeedBin`, `crate::Token`) or holding an operator is code: a reference,
    // a type or an expression, not a literal. Quoted, such a value is a name
    // (`"LastEvaluatedKey"`, `"GetClusterCredentials"`, `"Passw0rd"`): an identifier,
    // an enum value or a readable word, not random.
    // Long hex is a key, not words, even where its digits run together.
    let long_hex = value.len() >= 32 && value.iter().all(u8::is_ascii_hexdigit);
    if (!quoted && ((made_of_words(value) && !long_hex) || is_xor_of_names(value)))
        || is_word_name(value)
    {
        return false;
    }
    // An elided example (`e72ca1655d05...`), a pattern typed over and over
    // (`ABC123abc123ABC123…`), or a SigV4 credential scope (`KEYID/20090213/us-east-1/
    // s3/aws4_request`: the `Credential=` of a signed request, public by design).
    if memchr::memmem::find(value, b"...").is_some()
        || memchr::memmem::find(value, "…".as_bytes()).is_some()
        || is_repeated_pattern(&lower)
        || is_credential_scope(&percent_decoded(value))
    {
        return false;
    }
    if value.iter().all(u8::is_ascii_digit)
        || is_uuid(value)
        || is_timestamp(value)
        || encodes_public_key(value)
    {
        return false;
    }
    // A hex digest under a name that names a digest anywhere (`sha256_of_token`,
    // `hash_secret`): what a report or a lock file records about a secret, not it.
    if DIGEST_HEX_LENS.contains(&value.len())
        && value.iter().all(u8::is_ascii_hexdigit)
        && words(name)
            .iter()
            .any(|t| DIGEST_WORDS.contains(&t.as_str()))
    {
        return false;
    }
    // Words joined by separators (`required|string|min:8`, `rsa-2048-key.pk8`,
    // `org/repo#assets`): a list, a name or a path, not a random secret.
    let is_sep = |b: &u8| matches!(b, b'|' | b':' | b',' | b'.' | b'_' | b'-' | b'/' | b'#');
    let wordy = value.split(is_sep).all(|seg| {
        let letters = seg.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        seg[letters..].iter().all(u8::is_ascii_digit)
    });
    // Segments each of one case (`ANTHROPIC_API_KEY`, `rsa-2048-key`) are identifiers
    // however they sound; mixed case must read as words (`fPx43-oFXSBvKYQq` does not).
    let one_case = value.split(is_sep).all(|seg| {
        !(seg.iter().any(u8::is_ascii_lowercase) && seg.iter().any(u8::is_ascii_uppercase))
    });
    // A segment of mixed case that breaks into two humps of one or two letters
    // (`wVZIscYMBKrh`: `w`, `VZ`) is random text, however its other humps sound
    // (`M_wVZIscYMBKrh-9`, `NBYSV-h-wMaqzbO1`); a name's segments are words
    // (`X-Request-ID`, `getHTTPResponse_v2`).
    let chaotic = value.split(is_sep).any(|seg| {
        seg.iter().any(u8::is_ascii_lowercase)
            && seg.iter().any(u8::is_ascii_uppercase)
            && short_humps(seg) >= 2
    });
    if wordy && value.iter().any(is_sep) && !chaotic && (one_case || reads_as_words(value)) {
        return false;
    }
    // MySQL's stored form of a password (`*` and 40 hex digits): a hash of it.
    if value.len() == 41 && value[0] == b'*' && value[1..].iter().all(u8::is_ascii_hexdigit) {
        return false;
    }
    // Typed by hand, not generated: keyboard mash, bytes that count up (a test
    // vector), words in leetspeak.
    if is_keyboard_mash(value) || is_byte_progression(value) || is_leet_words(value) {
        return false;
    }
    let (lo, up, dig, sym) = classes(value);
    let kinds = [lo, up, dig, sym].iter().filter(|&&k| k).count();
    let hex = value.iter().all(u8::is_ascii_hexdigit);
    let entropy = entropy::shannon_entropy(value);
    if hex {
        // Hex secrets are long; short hex runs are ids, colours, hashes of nothing.
        return value.len() >= 32 && entropy >= 3.0;
    }
    if value.len() >= 16 {
        kinds >= 2 && entropy >= 3.3
    } else {
        // Short values must look deliberately mixed: a typed password, not a word.
        kinds >= 3 && entropy >= 2.75
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_hashes_and_paging_tokens_found_by_review() {
        // Found on real code after the value-shape changes: an environment variable's
        // name as a value, a MySQL password hash, CloudWatch Logs' paging tokens.
        assert!(!is_generic_secret(
            b"ENV_API_KEY",
            b"ANTHROPIC_API_KEY",
            true
        ));
        assert!(!is_generic_secret(
            b"password",
            b"*1A01CF8FBE6425398935FB90359AD8B817399102",
            true
        ));
        assert!(!is_secret_name(b"nextForwardToken"));
        assert!(!is_secret_name(b"nextBackwardToken"));
        // Random values with separators still pass, and random ones whose digits
        // could be letters are not leetspeak.
        assert!(is_generic_secret(b"password", b"fPx43-oFXSBvKYQq", true));
        assert!(is_generic_secret(b"password", b"6tioRO75OQknCpid5u", true));
        assert!(!is_generic_secret(b"password", b"R00T_4CC3SS", true));
        // Random hex keys are not keyboard mash.
        for key in [
            "120d4ab2d78770f1abf5744921f6efaf",
            "ea9883d4da39a9ffdb462f211ab05cd8aefea8af0f21de879051d364d54a539d",
        ] {
            assert!(is_generic_secret(b"aes_key", key.as_bytes(), true), "{key}");
        }
    }

    #[test]
    fn random_values_with_separators_are_not_words() {
        // Random mixed case cut by `_`, `-` or `.`, as password generators write it.
        for v in ["M_wVZIscYMBKrh-9", "NBYSV-h-wMaqzbO1", "d.FqhLS1f6FIx-sd"] {
            assert!(is_generic_secret(b"DB_PASSWORD", v.as_bytes(), true), "{v}");
        }
        // Names written with separators stay names.
        for v in [
            "X-Request-ID",
            "getHTTPResponse_v2",
            "Bearer-Token_v2",
            "ANTHROPIC_API_KEY",
            "user_Name-Field",
        ] {
            assert!(!is_generic_secret(b"api_token", v.as_bytes(), true), "{v}");
        }
    }

    #[test]
    fn parentheses_in_long_quoted_random_values() {
        // Django's generated keys draw from an alphabet with `(` and `)`.
        for key in [
            "9=mgywp+wfybkbyyjf2g3)t2)i7swisiwns#revf=+2evcsow6",
            "k(3v#0q^z8m)w!p2x@7r&n5t*b4y-h6j_d9f=s+c1g(l%a)e0u",
        ] {
            assert!(
                is_generic_secret(b"SECRET_KEY", key.as_bytes(), true),
                "{key}"
            );
            // Unquoted, parentheses are code.
            assert!(
                !is_generic_secret(b"SECRET_KEY", key.as_bytes(), false),
                "{key}"
            );
        }
        // Calls, formats, regex groups, templates and short values stay code.
        for v in [
            "ENC(Xk2mQ9vLp4RtN7wZb3cY8dF1gH6jK0sA)",
            "decrypt(Xk2mQ9vLp4RtN7wZb3cY8dF1gH6jK0)",
            "%(db_password)s-Xk2mQ9vLp4RtN7wZb3cY",
            "(?i)Xk2mQ9vLp4RtN7wZb3cY8dF1gH6jK0sA",
            "{{Xk2mQ9vLp4RtN7wZb3cY8dF1gH6jK0sA}}",
            "Xk2mQ9v(Lp4)",
            // Code the context view reads as a wrapper's literal (found on real code).
            "str(self._get_cloud_config(",
            "config.get_cloud_config_value(",
            "isVariableDeclaration(parent2)",
        ] {
            assert!(!is_generic_secret(b"password", v.as_bytes(), true), "{v}");
        }
    }

    #[test]
    fn every_secret_word_holds_a_stem() {
        for w in SECRET_WORDS {
            assert!(has_secret_stem(w.as_bytes()), "{w}");
        }
        // The pairs read as one word hold one too, in any case and spelling.
        for n in [
            "API_KEY",
            "authToken",
            "client-secret",
            "MasterKey",
            "HMAC_KEY",
        ] {
            assert!(
                has_secret_stem(n.as_bytes()) && is_secret_name(n.as_bytes()),
                "{n}"
            );
        }
        for n in ["username", "hostname", "log_level", "k", ""] {
            assert!(!has_secret_stem(n.as_bytes()), "{n}");
        }
    }

    #[test]
    fn names() {
        for n in [
            "password",
            "DB_PASSWORD",
            "dbPassword",
            "api_key",
            "apiKey",
            "X-Api-Key",
            "client_secret",
            "AWS_SECRET_ACCESS_KEY",
            "auth_token",
            "githubToken",
            "secret",
            "privateKey",
            "pwd",
            "aes_key",
            "ENCRYPTION_KEY",
            "signingKey",
            "hmac-key",
            "RAILS_MASTER_KEY",
        ] {
            assert!(is_secret_name(n.as_bytes()), "{n}");
        }
        for n in [
            "password_min_length",
            "token_type",
            "secret_name",
            "api_key_header",
            "passwordField",
            "token_url",
            "tokenizer",
            "keyboard",
            "author",
            "password_hash",
            "secretKeyRef",
            "api_key_id",
            "client_id",
            "secret_sha256",
            "secretSha256",
            "password_md5",
            "api_key_checksum",
            "token_fingerprint",
        ] {
            assert!(!is_secret_name(n.as_bytes()), "{n}");
        }
    }

    #[test]
    fn real_code_false_positive_families() {
        // Tokens that grant nothing: page cursors, idempotency and change ids.
        for n in [
            "NextToken",
            "output_token",
            "ContinuationToken",
            "nextPageToken",
        ] {
            assert!(!is_secret_name(n.as_bytes()), "{n}");
        }
        // A secret word followed by when it was used or set.
        for n in [
            "PasswordLastUsed",
            "token_created_at",
            "password_changed_date",
        ] {
            assert!(!is_secret_name(n.as_bytes()), "{n}");
        }
        for n in [
            "access_token",
            "refresh_token",
            "githubToken",
            "session_token",
            // A Vault client token, a Facebook Page's token, a mail sender's password.
            "VAULT_CLIENT_TOKEN",
            "FB_PAGE_TOKEN",
            "from_password",
            "EMAIL_FROM_PASSWORD",
            "head_of_ops_api_key",
            "SECRET_KEY",
            "JWT_SECRET_KEY",
            "secret_key_base",
        ] {
            assert!(is_secret_name(n.as_bytes()), "{n}");
        }
        // Names written in words, quoted: identifiers and enum values.
        for v in [
            "LastEvaluatedKey",
            "GetClusterCredentials",
            "ExclusiveStartTableName",
        ] {
            assert!(
                !is_generic_secret(b"output_token", v.as_bytes(), true),
                "{v}"
            );
            assert!(!is_generic_secret(b"secret", v.as_bytes(), true), "{v}");
        }
        // Readable dummies, also in leetspeak.
        for v in [
            "P@ssw0rd!",
            "Str0ngPa$$w0rd",
            "sup3rs3cr3T!",
            "MySekretPa$$word",
        ] {
            assert!(!is_generic_secret(b"password", v.as_bytes(), true), "{v}");
        }
        // Code, unquoted: comparisons, member chains, ternaries, type paths.
        for v in [
            "==idPrefix.crossOrigin?",
            "+e.accessKeyId+",
            "this.privateKey=this.key=t",
            "options?.credentials",
            "!!_config.withCredentials",
            "A?y:void",
            "Resource$Accounts$Credentials",
        ] {
            assert!(
                !is_generic_secret(b"credentials", v.as_bytes(), false),
                "{v}"
            );
        }
        // Stand-ins in URL passwords and elsewhere, in any case style or encoding.
        for v in [
            "my_password",
            "pass%3Bword",
            "SECRET_KEY",
            "passwd-on-proxy",
            "authpassword",
        ] {
            assert!(reads_as_stand_in(v.as_bytes()), "{v}");
        }
        for v in [
            "kQ9vZ2mX7wLp4RtN",
            "x7TestQ9kL2vR8pWz",
            "DefaultXk9mQ2vLp4RtNw7ZbC",
        ] {
            assert!(!reads_as_stand_in(v.as_bytes()), "{v}");
        }
        // Elided, repeated and SigV4 scope values.
        for v in [
            "e72ca1655d05...",
            "ABC123abc123ABC123abc123ABC123ab",
            "ANOTREAL%2F20090213%2Fus-east-1%2Fs3%2Faws4_request",
            "myaw3s0m3pa$$phr4$3",
            "foobar123&",
        ] {
            assert!(!is_generic_secret(b"api_key", v.as_bytes(), true), "{v}");
        }
        // Names that hold a token's derived value or a handle that grants nothing.
        for n in [
            "SubjectFromWebIdentityToken",
            "GrantToken",
            "NodeAssociationStatusToken",
        ] {
            assert!(!is_secret_name(n.as_bytes()), "{n}");
        }
        assert!(is_secret_name(b"token_from_vault"));
        // Words of other languages, settings passed as values, values made up from their
        // own name, ciphertext envelopes (Fernet; KMS `AQICAH…`), a concatenated
        // reference between two strings, stand-in phrases.
        for (n, v) in [
            ("Unexpected_token_1012", "Neočekávaný"),
            ("token", "UUID=6a38ee5-7235-44e7-8b22-816a403bad5d"),
            ("token", "TYPE=ext4"),
            ("CopyProductToken", "copy-product"),
            ("ERROR_INVALID_PASSWORD", "error_invalid_password"),
            (
                "a-secret",
                "gAAAAABaj5uzShPI3PEz6nL5Vhk2eEHxGXSZj8g71B84CZsVjAAtDFY1mfjNRl-1Su9YVvkUzNjI4lHCJJfXqdcTvwczBYtKy0Pa7Ri02s10Wn1tF0tbRwk=",
            ),
            (
                "secret",
                "AQICAKVNyhglMLsdbRMs3tYjey7ZHj9yH8sZcRdElNZJPJ1cNGC+MSAeaf7aoO7ouZl/XHwpmf2v5ZMlPNZUr0361xQnoK6z/ukjL4ryIR+e5JHFsQvstVY7/B5vk0J+",
            ),
            ("secret", "+e.accessKeyId+"),
            ("password", "donottellanyonE@456x"),
            ("password", "d3m0n$trati0n"),
        ] {
            assert!(
                !is_generic_secret(n.as_bytes(), v.as_bytes(), true),
                "{n} = {v}"
            );
        }
        // Dates, DER public keys; a DER private key is still a secret.
        assert!(is_timestamp(b"2019-03-14T09:26:53.589Z"));
        assert!(!is_timestamp(b"2019-03-14-k9Qz2pXv"));
        assert!(encodes_public_key(b"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAENmLowkPF2sxjFJbex19FPxy+Cun7XHf1U9ZEKCzkssphDVKiOu8/BMlqFnDpt6GInPsL85M9DjGNVPo1+srRlg=="));
        assert!(!encodes_public_key(b"MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgYF6wr3/ZQlyPh6eqxOJ5e/7ItBQcCkBU04q7b+4QYwehRANCAARM/WKmGlroTm2Jw4nPlQ0RzB0Fdi9WhWTsWxSgVvQ/MB+XIMLFj43QxRnwhdhx09P1Yk2FdU4HoZyzrFbAW4II"));
        assert!(is_generic_secret(b"private_key", b"MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgYF6wr3/ZQlyPh6eqxOJ5e/7ItBQcCkBU04q7b+4QYwehRANCAARM/WKmGlroTm2Jw4nPlQ0RzB0Fdi9WhWTsWxSgVvQ/MB+XIMLFj43QxRnwhdhx09P1Yk2FdU4HoZyzrFbAW4II", true));
        // Random values keep being found, quoted or not, with operators in them.
        for (v, quoted) in [
            ("k9$Qz!2pX=rT", false),
            ("Z@eg-x^Mfpt?Zizylo@DN5P", false),
            ("ABTLWHOULUVAXGTRYU7OC2876QJ2O", true),
            ("+oaFsNk7tLco+C/obP9GhhcOzGcKOayTmE3LnAmAmH4=", true),
            ("5871821ea51754fdcea8153c1c745433", true),
            // Long hex keys unquoted, as `.env` files hold them.
            (
                "4d388207d8186412934ad402a6a0d175d1638c2796e97cf41658dbbd65f8b26a",
                false,
            ),
            // Upper-case letters before `=` inside, but not a setting name.
            ("Qx7TzK=mP2vW9rLb4N", true),
            // Base64 that decodes to bytes, but no ciphertext envelope.
            (
                "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5",
                true,
            ),
        ] {
            assert!(is_generic_secret(b"api_token", v.as_bytes(), quoted), "{v}");
        }
    }

    #[test]
    fn values() {
        assert!(is_generic_secret(b"password", b"Tr0ub4dor&3x!", true));
        assert!(is_generic_secret(
            b"DB_PASSWORD",
            b"kQ9vZ2mX7wLp4RtN",
            false
        ));
        assert!(is_generic_secret(
            b"DB_PASSWORD",
            b"q8w7e6r5t4y3u2i1",
            false
        ));
        assert!(is_generic_secret(
            b"api_key",
            b"9f2c4e7a1b8d3f6a0c5e9b2d7f4a1c8e",
            true
        ));
        for v in [
            "os.environ",
            "settings.DB_PASSWORD",
            "${DB_PASSWORD}",
            "$DB_PASSWORD",
            "changeme123",
            "your-api-key-here",
            "https://example.org/token",
            "/etc/secrets/db",
            "12345678901",
            "3f2a9c1e-8b7d-4e6f-a5c4-2b1d0e9f8a7c",
            "abcdefghij",
            "deadbeef",
            "True",
            "get_secret",
            "secretpassword1",
            "required|string|min:8",
            "read-write-admin",
            "Curve25519SeedBin",
            "WIN32_ERROR",
            "crate::__u32",
            "x25519_generate_private_key",
            "client_pk^server_sk",
            "yegor256/home#assets/crates-credentials",
            "rsa-2048-private-key.pk8",
            "~azure.mgmt.compute.v2015_06_15.models.KeyVaultKeyReference",
            "arn:aws:kms:us-west-2:417498243647:key/c9fe2447-0795-4fda-afbe-8464574ae162",
        ] {
            assert!(!is_generic_secret(b"password", v.as_bytes(), false), "{v}");
        }
        // A hex digest under a name that says it is one, wherever the word stands; the
        // same value under a plain secret name is still a secret.
        let sha = b"e0f18df3857a071940e3d026c7d9d3c523e16f861fbef4308915ca53b017e85f";
        for n in [
            "sha256_of_token",
            "hash_secret",
            "fingerprint.secret",
            "md5_password",
        ] {
            assert!(!is_generic_secret(n.as_bytes(), sha, true), "{n}");
        }
        assert!(is_generic_secret(b"secret", sha, true));
        assert!(is_generic_secret(b"hash_secret", b"kQ9vZ2mX7wLp4RtN", true));
        // Low entropy or one class only.
        assert!(!is_generic_secret(b"password", b"aaaabbbbcccc", true));
        assert!(!is_generic_secret(b"password", b"hunter", true));
    }

    #[test]
    fn pass_and_server_names() {
        for n in [
            "DB_PASS",
            "SMTP_PASS",
            "auth_pass",
            "dbPass",
            "PGPASSWORD",
            "PGPASS",
            "requirepass",
            "masterauth",
        ] {
            assert!(is_secret_name(n.as_bytes()), "{n}");
        }
        // `pass` is a whole word, and only the last one.
        for n in [
            "pass_through",
            "bypass",
            "passenger",
            "compass",
            "pass_count",
            "PASS_FILE",
            "passive",
        ] {
            assert!(!is_secret_name(n.as_bytes()), "{n}");
        }
    }

    #[test]
    fn random_values_of_every_shape() {
        // Random passwords (Python `secrets`) that read as words or operators before.
        for (v, quoted) in [
            ("AnjTqwg2JISHwzvG", false),
            ("sdjz1x6a6imgbvyw6s7q5oxsoc0ejmia", false),
            ("fPx43-oFXSBvKYQq", true),
            ("szZ7hzlJKA^PLRv6", false),
            ("VvEQgtaNaG#MMtN3", false),
            ("AnjT!wg2JISHwzvG", false),
            ("#00Ck!6u#r7D00Lp", true),
            ("%vJDO3HL7j6rW!JM", true),
            ("*xLDvtlKRJZDJyLmn", true),
            ("@Y02zscFUXd70Rgwo", true),
        ] {
            assert!(
                is_generic_secret(b"DB_PASSWORD", v.as_bytes(), quoted),
                "{v}"
            );
        }
        // Still not literals: variables, colours, identifiers, words joined.
        for (v, quoted) in [
            ("%APPDATA%", true),
            ("#3a7bd5ff", true),
            ("$DB_PASSWORD", true),
            ("#B9hnGB56mCOuLUG3", false),
            ("AppSettingsPassword", false),
            ("HttpBasicAuthToken", false),
            ("settings.DB_PASSWORD", false),
            ("client_pk^server_sk", false),
        ] {
            assert!(
                !is_generic_secret(b"DB_PASSWORD", v.as_bytes(), quoted),
                "{v}"
            );
        }
    }

    #[test]
    fn typed_by_hand() {
        for v in [
            // Keyboard mash, one half twice, counting bytes, leetspeak words.
            "askdjghsdfjkghWupUjasdflkdfklgjsdfjajkghs",
            "sadefgq34y45h56q",
            "peWcBiMOS9HrZG15peWcBiMOS9HrZG15",
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
            "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
            "R00T_4CC3SS",
        ] {
            assert!(!is_generic_secret(b"secret_key", v.as_bytes(), true), "{v}");
            assert!(
                !is_generic_secret(b"secret_key", v.as_bytes(), false),
                "{v}"
            );
        }
        // A random hex key and a random password still count.
        assert!(is_generic_secret(
            b"hmac_key",
            b"736ba39beda6068a8c228145ab1329c431bb63f64ee7fcc28161aaa6eb6f0190",
            true
        ));
        assert!(is_generic_secret(b"secret_key", b"lotq0JNvPvEGrh0V", true));
    }

    #[test]
    fn request_ids_settings_lists_stand_in_logins_and_labels() {
        // Tokens that make a request unique or are handed to every visitor.
        for n in [
            "client_request_token",
            "ClientRequestToken",
            "csrf_token",
            "nonceToken",
            "dedup_token",
        ] {
            assert!(!is_secret_name(n.as_bytes()), "{n}");
        }
        assert!(is_secret_name(b"request_password"));
        // An acronym before the secret word (`DBPassword`, `APIKey`) is a word of its own.
        for n in ["DBPassword", "APIKey", "AWSSecretKey"] {
            assert!(is_secret_name(n.as_bytes()), "{n}");
        }
        for (n, v) in [
            // A list of settings: its key field is the connection-string rules' job.
            ("ACCESS_KEY_STRING", "AccountName=name;skdkskd"),
            ("ACCESS_KEY_STRING", "AccountName=name"),
            (
                "storage_secret",
                "DefaultEndpointsProtocol=https;AccountName=acme",
            ),
            // A login written out with stand-in parts.
            ("SSH_SECRET", "username:pas:word@foo.com/data"),
            ("db_secret", "svc:changeme@db.corp.local"),
            // Labels that name the key.
            ("apiKey", "my-n8n-api-key"),
            ("DB_PASSWORD", "prod_db_password"),
            ("auth_token", "STAGING-DEPLOY-TOKEN"),
        ] {
            assert!(!is_generic_secret(n.as_bytes(), v.as_bytes(), true), "{v}");
        }
        // Real logins and random values with the same characters still count.
        for (n, v) in [
            ("db_secret", "svc_etl:Xk9pQ2Lm7vRtWz@db.prod.internal"),
            ("conn_secret", "AccountKey9=Qm7xZ2pL8vR4tW1k"),
            ("conn_secret", "Qm7xZ2pL8vR4tW1kAbCdEfGh=="),
            ("apiKey", "x7k2-pq9m-v4lz-k3y9"),
        ] {
            assert!(is_generic_secret(n.as_bytes(), v.as_bytes(), true), "{v}");
        }
    }

    #[test]
    fn random_alphanumeric_passwords() {
        // Random values (Python `secrets`) the word and keyboard filters dropped: letter
        // runs that covered three fifths of the value, a doubled key read as a move.
        for (v, quoted) in [
            ("4nloSRdAKF2WWIIk", true),
            ("JXuhXTHUvSidfLym", false),
            ("JhQPLIAexNsuRqmv", false),
            ("mlm-DMSPyw7D3Uwl", false),
            ("OWKrgrJkNEvqgbvvShATNLXc", false),
            ("ycXfFjcIuvDyWAFCGDhKmrsz", false),
            // Three quarters of its letters on the home row, but no rolling over keys.
            ("d.FqhLS1f6FIx-sd", true),
        ] {
            assert!(
                is_generic_secret(b"DB_PASSWORD", v.as_bytes(), quoted),
                "{v}"
            );
        }
        // Identifiers still read as code.
        for v in [
            "AppSettingsPassword",
            "cfg.dbPwd",
            "MySecretName",
            "String64",
            "WIN32_ERROR",
        ] {
            assert!(
                !is_generic_secret(b"DB_PASSWORD", v.as_bytes(), false),
                "{v}"
            );
        }
    }

    #[test]
    fn sealed_secrets_are_ciphertext() {
        let sealed = format!(
            "AgB{}",
            "F01dw40Va0I7b9ojd024SCg9NDo99lyBKDK6Cbd/".repeat(4)
        );
        assert!(!is_generic_secret(b"password", sealed.as_bytes(), false));
        // The same length of base64 without the header is a key.
        let key = format!("Zq{}", &sealed[2..]);
        assert!(is_generic_secret(b"password", key.as_bytes(), false));
    }
}
