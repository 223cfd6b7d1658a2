//! How sure a finding is, and why: per finding, not per rule.
//!
//! - **certain**: the secret carries its own proof, and it checked out: a checksum
//!   (GitHub and npm tokens, routable GitLab tokens), a PyPI macaroon's fields and
//!   32-byte signature, a private key whose DER (or OpenSSH/PuTTY) structure is whole.
//!   Hand-typed, truncated or edited text fails these checks.
//! - **high**: a provider-specific format with nothing to check (or a JWT, whose header
//!   and payload decode but whose signature cannot be checked offline), when the rule
//!   declares high confidence.
//! - **medium**, **low**: heuristics (a secret-named assignment, a URL's password, a
//!   keyword near a value of the right shape): the rule's declared confidence.
//!
//! A finding's confidence never exceeds what its rule declares unless a check proved
//! the structure (a JWT found by a medium-confidence rule is high once its header and
//! payload decode).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::context::Context;
use crate::rules::{Confidence as Declared, Rule, Validator};

/// A finding's confidence level, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Low,
    Medium,
    High,
    Certain,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Low, Level::Medium, Level::High, Level::Certain];

    /// The name reports and `--min-confidence` use.
    pub fn name(self) -> &'static str {
        match self {
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
            Level::Certain => "certain",
        }
    }

    pub fn from_name(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.name() == name)
    }

    fn declared(c: Declared) -> Level {
        match c {
            Declared::Low => Level::Low,
            Declared::Medium => Level::Medium,
            Declared::High => Level::High,
        }
    }
}

/// A finding's confidence and the short reason for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assessment {
    pub level: Level,
    pub reason: &'static str,
}

impl Assessment {
    /// What `secret`, found by `rule` (whose validator, if any, passed), proves.
    pub fn of(rule: &Rule, secret: &[u8]) -> Assessment {
        let declared = Level::declared(rule.def.confidence);
        let at = |level: Level, reason: &'static str| Assessment { level, reason };
        if rule.is_file_rule() {
            return at(declared, "file name");
        }
        match rule.def.validate {
            Some(Validator::Crc32Base62 | Validator::GrafanaCrc32 | Validator::Bech32) => {
                at(Level::Certain, "checksum verified")
            }
            // The legacy form has no checksum; the routable one (with a dot) passed it.
            Some(Validator::GitlabRoutable) if secret.contains(&b'.') => {
                at(Level::Certain, "checksum verified")
            }
            Some(Validator::PypiMacaroon) => at(Level::Certain, "macaroon structure verified"),
            Some(Validator::SentryOrgToken) => at(Level::Certain, "token header verified"),
            Some(Validator::AtlassianDcPat) => {
                at(declared.max(Level::High), "token structure verified")
            }
            Some(Validator::Jwt) => at(
                declared.max(Level::High),
                "JWT structure verified, signature not checkable",
            ),
            Some(Validator::PrivateKeyPlain | Validator::PrivateKeyEncrypted)
                if key_structure_ok(secret) =>
            {
                at(Level::Certain, "key structure verified")
            }
            Some(Validator::GenericSecret) => at(declared, "heuristic: secret-named assignment"),
            Some(Validator::UrlCredentials) => at(declared, "heuristic: password in a URL"),
            Some(Validator::CommandPassword) => {
                at(declared, "heuristic: password on a command line")
            }
            Some(Validator::BasicAuth) => at(declared, "heuristic: Basic auth value"),
            Some(Validator::Base64Text) => at(declared, "heuristic: decoded secret value"),
            _ if rule.def.tags.iter().any(|t| t == "password-hash") => {
                at(declared, "a password hash: usable only once cracked")
            }
            _ if declared == Level::High => at(declared, "provider format"),
            _ => at(declared, "heuristic: keyword and value shape"),
        }
    }
}

/// What a rule's check can prove about its findings, for `rules show`: when a finding
/// rises above the confidence the rule declares. `None` for a rule with no proof.
pub fn proof_note(rule: &Rule) -> Option<&'static str> {
    match rule.def.validate? {
        Validator::Crc32Base62 | Validator::GrafanaCrc32 | Validator::Bech32 => {
            Some("certain when its checksum verifies")
        }
        Validator::GitlabRoutable => Some("certain when a routable token's checksum verifies"),
        Validator::PypiMacaroon => Some("certain: the macaroon's structure is verified"),
        Validator::SentryOrgToken => Some("certain: the token's header is verified"),
        Validator::PrivateKeyPlain | Validator::PrivateKeyEncrypted => {
            Some("certain when the key's encoding is whole")
        }
        Validator::Jwt => Some("high when its header and payload decode"),
        _ => None,
    }
}

/// A finding's priority from 0 to 100 (SARIF `rank`): its confidence, scaled down
/// where it sits outside production code. A checksum-verified token in production
/// code ranks 95; the same token in a test 57, in vendored code 38; a heuristic
/// finding (medium) in production 55.
pub fn rank(level: Level, context: Context) -> u8 {
    let sure: u32 = match level {
        Level::Certain => 95,
        Level::High => 80,
        Level::Medium => 55,
        Level::Low => 30,
    };
    let weight: u32 = match context {
        Context::Production => 100,
        Context::Generated => 80,
        Context::Test => 60,
        Context::Docs => 50,
        Context::Vendored => 40,
    };
    // At most 95 * 100 / 100: always within 0..=100.
    u8::try_from(sure * weight / 100).unwrap_or(100)
}

/// Whether a private key's encoding is whole: a PEM body that decodes to one DER
/// SEQUENCE whose length is the body's, an OpenSSH body that starts with its magic, a
/// PuTTY file with its private lines and MAC. Escaped line breaks (`\n` in a JSON
/// string) are allowed; an encrypted PEM body (`Proc-Type:`) is ciphertext and proves
/// nothing.
fn key_structure_ok(secret: &[u8]) -> bool {
    let text = String::from_utf8_lossy(secret);
    if text.starts_with("PuTTY-User-Key-File-") {
        return text.contains("\nPrivate-Lines: ") && text.contains("\nPrivate-MAC: ");
    }
    let Some((_, after)) = text.split_once("-----BEGIN ") else {
        return false;
    };
    let Some((label, body)) = after.split_once("-----") else {
        return false;
    };
    let body = body.split_once("-----END").map_or(body, |(b, _)| b);
    let body = body.replace("\\r", "").replace("\\n", "").replace('\\', "");
    if body.contains(':') {
        return false;
    }
    let b64: String = body
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
        .collect();
    let Ok(raw) = STANDARD.decode(b64.as_bytes()) else {
        return false;
    };
    if label.contains("OPENSSH") {
        return raw.starts_with(b"openssh-key-v1\0");
    }
    der_sequence_len(&raw) == Some(raw.len())
}

/// The total length (header included) of the DER SEQUENCE at the start of `der`.
fn der_sequence_len(der: &[u8]) -> Option<usize> {
    if *der.first()? != 0x30 {
        return None;
    }
    let first = *der.get(1)?;
    if first < 0x80 {
        return Some(2 + usize::from(first));
    }
    let n = usize::from(first & 0x7f);
    if n == 0 || n > 4 {
        return None;
    }
    let len = der
        .get(2..2 + n)?
        .iter()
        .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
    Some(2 + n + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Generated for this test with `openssl genpkey -algorithm EC -pkeyopt
    // ec_paramgen_curve:P-256`; never used anywhere.
    const EC_KEY: &str = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgi0qSROeieQjqKiIl\nvyeGDrjxK4HrohVRECMH/PO5N7+hRANCAAT9CpQZNFjIrpnvO1EiG+XKG1neMbwu\nLIRDH0vG2m1/vbE+dMobltRFtzu4BfKb6OAMAXCZJUvP28oBVpkLiNO5\n-----END PRIVATE KEY-----\n";

    fn rule(validate: Option<Validator>, declared: Declared) -> Rule {
        let mut r = Rule::for_test("r", "(?P<secret>x)", &["x"]);
        r.def.validate = validate;
        r.def.confidence = declared;
        r
    }

    #[test]
    fn proofs_make_a_finding_certain_and_heuristics_keep_the_declared_level() {
        type Case = (
            Option<Validator>,
            Declared,
            &'static [u8],
            Level,
            &'static str,
        );
        let cases: [Case; 10] = [
            (
                Some(Validator::Crc32Base62),
                Declared::High,
                b"ghp_x",
                Level::Certain,
                "checksum verified",
            ),
            (
                Some(Validator::GitlabRoutable),
                Declared::High,
                b"glpat-abc.01.0r0l8l6ir",
                Level::Certain,
                "checksum verified",
            ),
            (
                Some(Validator::GitlabRoutable),
                Declared::High,
                b"glpat-abcdefabcdefabcdefab",
                Level::High,
                "provider format",
            ),
            (
                Some(Validator::PypiMacaroon),
                Declared::High,
                b"pypi-x",
                Level::Certain,
                "macaroon structure verified",
            ),
            (
                Some(Validator::Jwt),
                Declared::Medium,
                b"eyJ.eyJ.x",
                Level::High,
                "JWT structure verified, signature not checkable",
            ),
            (
                Some(Validator::PrivateKeyPlain),
                Declared::High,
                EC_KEY.as_bytes(),
                Level::Certain,
                "key structure verified",
            ),
            (
                Some(Validator::GenericSecret),
                Declared::Medium,
                b"s3cr3t",
                Level::Medium,
                "heuristic: secret-named assignment",
            ),
            (
                Some(Validator::UrlCredentials),
                Declared::Low,
                b"pw",
                Level::Low,
                "heuristic: password in a URL",
            ),
            (
                None,
                Declared::High,
                b"AKIA",
                Level::High,
                "provider format",
            ),
            (
                None,
                Declared::Medium,
                b"abc",
                Level::Medium,
                "heuristic: keyword and value shape",
            ),
        ];
        for (validate, declared, secret, level, reason) in cases {
            let got = Assessment::of(&rule(validate, declared), secret);
            assert_eq!((got.level, got.reason), (level, reason), "{validate:?}");
        }
        let mut file = rule(None, Declared::High);
        file.def.file_names = vec![".env".into()];
        assert_eq!(Assessment::of(&file, b"A=1").reason, "file name");
    }

    #[test]
    fn a_key_is_certain_only_when_its_encoding_is_whole() {
        assert!(key_structure_ok(EC_KEY.as_bytes()));
        // The same key in a JSON string, with escaped line breaks.
        let escaped = EC_KEY.replace('\n', "\\n");
        assert!(key_structure_ok(escaped.as_bytes()));
        // One line dropped: the DER length no longer matches.
        let lines: Vec<&str> = EC_KEY.lines().collect();
        let truncated = [lines[0], lines[1], lines[2], lines[4]].join("\n");
        assert!(!key_structure_ok(truncated.as_bytes()));
        // An encrypted PEM body is ciphertext.
        let encrypted = EC_KEY.replace(
            "KEY-----\nMIGH",
            "KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0011\n\nMIGH",
        );
        assert!(!key_structure_ok(encrypted.as_bytes()));
        let dots =
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----";
        assert!(!key_structure_ok(dots.as_bytes()));
        let putty = "PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: k\nPublic-Lines: 1\nAAAA\nPrivate-Lines: 1\nAAAA\nPrivate-MAC: 00";
        assert!(key_structure_ok(putty.as_bytes()));
        assert_eq!(der_sequence_len(&[0x30, 0x82, 0x01, 0x00]), Some(260));
        assert_eq!(der_sequence_len(&[0x02, 0x01]), None);
    }

    #[test]
    fn rank_falls_with_confidence_and_outside_production() {
        assert_eq!(rank(Level::Certain, Context::Production), 95);
        assert_eq!(rank(Level::Certain, Context::Test), 57);
        assert_eq!(rank(Level::Medium, Context::Production), 55);
        assert_eq!(rank(Level::Low, Context::Vendored), 12);
        for c in Context::ALL {
            let ranks: Vec<u8> = Level::ALL.iter().map(|&l| rank(l, c)).collect();
            assert!(ranks.windows(2).all(|w| w[0] < w[1]), "{c:?}");
        }
    }

    #[test]
    fn names_round_trip_in_order() {
        for l in Level::ALL {
            assert_eq!(Level::from_name(l.name()), Some(l));
        }
        assert_eq!(Level::from_name("sure"), None);
        assert!(Level::Low < Level::Medium && Level::High < Level::Certain);
    }
}
