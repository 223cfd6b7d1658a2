//! Offline checksums carried inside token formats.

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE36: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// Encodes `n` in base62 (digits, then upper case, then lower case), left-padded with
/// `0` to `width` characters.
pub(crate) fn base62(n: u64, width: usize) -> String {
    in_radix(n, width, BASE62)
}

/// Encodes `n` in lower-case base36, left-padded with `0` to `width` characters.
fn base36(n: u64, width: usize) -> String {
    in_radix(n, width, BASE36)
}

/// `n` written with the digits of `alphabet` (its length is the radix), left-padded
/// with `alphabet[0]` to `width` characters.
fn in_radix(mut n: u64, width: usize, alphabet: &[u8]) -> String {
    let radix = alphabet.len() as u64;
    let mut digits = Vec::with_capacity(width.max(13));
    while n > 0 {
        digits.push(alphabet[(n % radix) as usize]);
        n /= radix;
    }
    while digits.len() < width {
        digits.push(alphabet[0]);
    }
    digits.reverse();
    // Invariant: every alphabet here is ASCII.
    #[allow(clippy::expect_used)]
    String::from_utf8(digits).expect("radix digits are ASCII")
}

/// Checks tokens of the form `prefix_` + body + 6 base62 characters holding the CRC32
/// of the body, as GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm (`npm_`)
/// tokens do.
pub(crate) fn crc32_base62_ok(token: &[u8]) -> bool {
    let Some(us) = token.iter().position(|&b| b == b'_') else {
        return false;
    };
    let rest = &token[us + 1..];
    if rest.len() <= 6 {
        return false;
    }
    let (body, check) = rest.split_at(rest.len() - 6);
    base62(u64::from(crc32fast::hash(body)), 6).as_bytes() == check
}

/// Appends the checksum to a prefix and body: the inverse of [`crc32_base62_ok`],
/// used to build test fixtures.
pub fn with_crc32_base62(prefix_and_body: &str) -> String {
    let body = prefix_and_body
        .split_once('_')
        .map_or(prefix_and_body, |(_, b)| b);
    format!(
        "{prefix_and_body}{}",
        base62(u64::from(crc32fast::hash(body.as_bytes())), 6)
    )
}

/// Checks a GitLab token. Legacy tokens (no `.`) carry no checksum and pass. A
/// routable token is `prefix payload . [version .] LL CCCCCCC`, where `CCCCCCC` is
/// the CRC32 (IEEE) of every character before it in lower-case base36, zero-padded.
/// (`LL`, the payload length, is covered by the checksum.)
pub(crate) fn gitlab_routable_ok(token: &[u8]) -> bool {
    let Some(first_dot) = token.iter().position(|&b| b == b'.') else {
        return true;
    };
    if token.len() < first_dot + 10 {
        return false;
    }
    let (signed, crc) = token.split_at(token.len() - 7);
    base36(u64::from(crc32fast::hash(signed)), 7).as_bytes() == crc
}

/// Checks a Grafana service account token: `glsa_` + secret + `_` + 8 hex characters,
/// the CRC32 (IEEE) of everything before the last `_`, its four bytes in little-endian
/// order, lower-case hex (Grafana's `satokengen`).
pub(crate) fn grafana_crc32_ok(token: &[u8]) -> bool {
    let Some(us) = token.iter().rposition(|&b| b == b'_') else {
        return false;
    };
    let (signed, check) = (&token[..us], &token[us + 1..]);
    check.len() == 8 && grafana_check(signed).as_bytes() == check
}

/// The checksum [`grafana_crc32_ok`] expects after `signed`.
fn grafana_check(signed: &[u8]) -> String {
    crc32fast::hash(signed)
        .to_le_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Builds a routable GitLab token from its signed part (`prefix payload.[version.]`),
/// appending the payload length and checksum: the inverse of [`gitlab_routable_ok`],
/// used to build test fixtures.
#[cfg(test)]
fn with_gitlab_crc(prefix_payload_version: &str) -> String {
    let payload = prefix_payload_version
        .split_once('-')
        .and_then(|(_, rest)| rest.split_once('.'))
        .map_or("", |(p, _)| p);
    let signed = format!(
        "{prefix_payload_version}{}",
        base36(payload.len() as u64, 2)
    );
    let crc = base36(u64::from(crc32fast::hash(signed.as_bytes())), 7);
    format!("{signed}{crc}")
}

/// The Bech32 alphabet (BIP 173), in the order of the 5-bit values.
const BECH32: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// The BCH checksum of BIP 173 over 5-bit values.
fn bech32_polymod(values: impl Iterator<Item = u8>) -> u32 {
    const GEN: [u32; 5] = [
        0x3b6a_57b2,
        0x2650_8e6d,
        0x1ea1_19fa,
        0x3d42_33dd,
        0x2a14_62b3,
    ];
    let mut chk: u32 = 1;
    for v in values {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

/// Checks a Bech32 string (BIP 173), as age secret keys (`AGE-SECRET-KEY-1…`) are
/// written: the human-readable part, the last `1`, then data characters of which the
/// last 6 are a checksum over the part and the data. One case throughout; compared
/// in lower case.
pub(crate) fn bech32_ok(token: &[u8]) -> bool {
    let upper = token.iter().any(u8::is_ascii_uppercase);
    let lower = token.iter().any(u8::is_ascii_lowercase);
    if upper && lower {
        return false;
    }
    let token = token.to_ascii_lowercase();
    let Some(sep) = token.iter().rposition(|&b| b == b'1') else {
        return false;
    };
    let (hrp, data) = (&token[..sep], &token[sep + 1..]);
    if hrp.is_empty() || data.len() < 6 || !hrp.iter().all(|b| (33..=126).contains(b)) {
        return false;
    }
    let Some(values) = data
        .iter()
        .map(|c| BECH32.iter().position(|a| a == c).map(|v| v as u8))
        .collect::<Option<Vec<u8>>>()
    else {
        return false;
    };
    let expanded = hrp
        .iter()
        .map(|b| b >> 5)
        .chain(std::iter::once(0))
        .chain(hrp.iter().map(|b| b & 31));
    bech32_polymod(expanded.chain(values)) == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base62_pads_and_orders_digits_upper_lower() {
        assert_eq!(base62(0, 6), "000000");
        assert_eq!(base62(61, 6), "00000z");
        assert_eq!(base62(62, 6), "000010");
        assert_eq!(base62(36, 2), "0a");
        assert_eq!(base62(u64::from(u32::MAX), 6), "4gfFC3");
    }

    #[test]
    fn round_trip_and_tamper() {
        let tok = with_crc32_base62("ghp_R7wq2mZkT9vLx4NbQe8sYc1HdJ0aFu");
        assert_eq!(tok.len(), 40);
        assert!(crc32_base62_ok(tok.as_bytes()));
        let mut bad = tok.into_bytes();
        let last = bad.len() - 1;
        bad[last] = if bad[last] == b'A' { b'B' } else { b'A' };
        assert!(!crc32_base62_ok(&bad));
    }

    #[test]
    fn gitlab_routable_checksums() {
        // Published test tokens of the two routable forms.
        assert!(gitlab_routable_ok(
            b"glpat-bzox79Of-KE9FD2LjoXXF4CvyxA.01.0r0l8l6ir"
        ));
        assert!(gitlab_routable_ok(
            b"glpat-bzox79Of-KE9FD2LjoXXF4CvyxA.0r03gxo7s"
        ));
        assert!(!gitlab_routable_ok(
            b"glpat-bzox79Of-KE9FD2LjoXXF4CvyxA.01.0r0l8l6ia"
        ));
        // Legacy tokens have no checksum.
        assert!(gitlab_routable_ok(b"glpat-vzDNJu3Lvh4YCCekKsnx"));
        assert!(!gitlab_routable_ok(b"glpat-abc.01"));
        let built = with_gitlab_crc("glpat-Qm7rT2vX9kLp4NzW8bYc3HdJ6sFa1Ge.01.");
        assert_eq!(&built[built.len() - 9..built.len() - 7], "0v");
        assert!(gitlab_routable_ok(built.as_bytes()));
    }

    #[test]
    fn grafana_checksums() {
        // The vector in Grafana's own `satokengen` tests.
        assert!(grafana_crc32_ok(
            b"glsa_iNValIdinValiDinvalidinvalidinva_5b582697"
        ));
        // One character of the secret or of the checksum changed.
        assert!(!grafana_crc32_ok(
            b"glsa_iNValIdinValiDinvalidinvalidinvb_5b582697"
        ));
        assert!(!grafana_crc32_ok(
            b"glsa_iNValIdinValiDinvalidinvalidinva_5b582698"
        ));
        // Upper-case hex is not what Grafana writes.
        assert!(!grafana_crc32_ok(
            b"glsa_iNValIdinValiDinvalidinvalidinva_5B582697"
        ));
        assert!(!grafana_crc32_ok(b"glsa_5b582697"));
        assert!(!grafana_crc32_ok(b"glsa"));
    }

    #[test]
    fn malformed_tokens_fail() {
        assert!(!crc32_base62_ok(b"ghp"));
        assert!(!crc32_base62_ok(b"ghp_abc"));
        assert!(!crc32_base62_ok(b"noprefix0123456789"));
    }

    #[test]
    fn bech32_checksums() {
        // BIP 173's valid test vectors.
        assert!(bech32_ok(b"A12UEL5L"));
        assert!(bech32_ok(b"abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"));
        assert!(bech32_ok(
            b"split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w"
        ));
        // age identities: X25519 and post-quantum hybrid (a longer human-readable part).
        assert!(bech32_ok(
            b"AGE-SECRET-KEY-10AV6LT04VFCK3RR0DHS83XMQEPQ5D3K43FJ758NDYZD97S9LFUWS6LARPX"
        ));
        assert!(bech32_ok(
            b"AGE-SECRET-KEY-PQ-1WSZDJPCLXJ8KRY4ZYWR42DD9JUGJP5J57G5DF6KG8PRZ4PQ5AFGSHXLNH8"
        ));
        // The post-quantum key's checksum covers its prefix: without `PQ-` it fails.
        assert!(!bech32_ok(
            b"AGE-SECRET-KEY-1WSZDJPCLXJ8KRY4ZYWR42DD9JUGJP5J57G5DF6KG8PRZ4PQ5AFGSHXLNH8"
        ));
        // One character changed, mixed case, no separator, bad character.
        assert!(!bech32_ok(b"A12UEL5M"));
        assert!(!bech32_ok(b"A12uEL5L"));
        assert!(!bech32_ok(b"A2UEL5L"));
        assert!(!bech32_ok(b"a12uelbl"));
        assert!(!bech32_ok(b"a1qqqqq"));
    }
}
