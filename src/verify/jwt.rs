//! A JWT signed with RS256 (RSASSA-PKCS1-v1_5 with SHA-256, `ring`'s), as an OAuth 2.0
//! JWT-bearer assertion: the private key signs it; only the signed token is sent.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::rand::SystemRandom;
use ring::signature::{RSA_PKCS1_SHA256, RsaKeyPair};

/// What the assertion claims.
pub(crate) struct Claims<'a> {
    /// Who signs: the service account's email.
    pub iss: &'a str,
    /// The access asked for (space-separated scopes).
    pub scope: &'a str,
    /// The token endpoint the assertion is for.
    pub aud: &'a str,
    /// Issued at, seconds since the Unix epoch; the assertion expires an hour later.
    pub iat: u64,
}

/// How long the assertion is valid (the most Google accepts).
const LIFETIME: u64 = 3600;

/// The private key of a PKCS#8 document (DER), if it is an RSA key `ring` accepts.
pub(crate) fn rsa_key(pkcs8: &[u8]) -> Result<RsaKeyPair, String> {
    RsaKeyPair::from_pkcs8(pkcs8).map_err(|e| format!("not an RSA private key ring can use ({e})"))
}

/// `header.claims.signature`, each base64url without padding; the header names the
/// key (`kid`) when it is known.
pub(crate) fn rs256(
    key: &RsaKeyPair,
    kid: Option<&str>,
    claims: &Claims<'_>,
) -> Result<String, String> {
    let mut header = serde_json::json!({"alg": "RS256", "typ": "JWT"});
    if let Some(kid) = kid {
        header["kid"] = serde_json::Value::String(kid.to_string());
    }
    let body = serde_json::json!({
        "iss": claims.iss,
        "scope": claims.scope,
        "aud": claims.aud,
        "iat": claims.iat,
        "exp": claims.iat + LIFETIME,
    });
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(body.to_string())
    );
    let mut signature = vec![0; key.public().modulus_len()];
    key.sign(
        &RSA_PKCS1_SHA256,
        &SystemRandom::new(),
        signing_input.as_bytes(),
        &mut signature,
    )
    .map_err(|_| "the key could not sign".to_string())?;
    Ok(format!(
        "{signing_input}.{}",
        URL_SAFE_NO_PAD.encode(signature)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::signature::{KeyPair, RSA_PKCS1_2048_8192_SHA256, UnparsedPublicKey};

    /// A throwaway RSA key generated for these tests (`src/verify/testdata/README.md`): it
    /// belongs to no account.
    const FAKE_KEY: &[u8] = include_bytes!("testdata/fake-rsa-2048.pk8");

    #[test]
    fn the_assertion_is_three_parts_whose_signature_verifies_with_the_public_key() {
        let key = rsa_key(FAKE_KEY).unwrap();
        let claims = Claims {
            iss: "fixture@leakhound-fixture.iam.gserviceaccount.com",
            scope: "https://www.googleapis.com/auth/cloud-platform.read-only",
            aud: "https://oauth2.googleapis.com/token",
            iat: 1_764_940_000,
        };
        let jwt = rs256(&key, Some("0123abcd"), &claims).unwrap();
        let parts: Vec<&str> = jwt.split('.').collect();
        assert_eq!(parts.len(), 3);
        let decode = |p: &str| -> serde_json::Value {
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(p).unwrap()).unwrap()
        };
        assert_eq!(
            decode(parts[0]),
            serde_json::json!({"alg": "RS256", "typ": "JWT", "kid": "0123abcd"})
        );
        assert_eq!(
            decode(parts[1]),
            serde_json::json!({
                "iss": "fixture@leakhound-fixture.iam.gserviceaccount.com",
                "scope": "https://www.googleapis.com/auth/cloud-platform.read-only",
                "aud": "https://oauth2.googleapis.com/token",
                "iat": 1_764_940_000u64,
                "exp": 1_764_943_600u64,
            })
        );
        let public = UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, key.public_key().as_ref());
        let signature = URL_SAFE_NO_PAD.decode(parts[2]).unwrap();
        let signed = format!("{}.{}", parts[0], parts[1]);
        assert!(public.verify(signed.as_bytes(), &signature).is_ok());
        // A changed claim no longer verifies.
        let forged = format!(
            "{}.{}",
            parts[0],
            URL_SAFE_NO_PAD.encode(b"{\"iss\":\"x\"}")
        );
        assert!(public.verify(forged.as_bytes(), &signature).is_err());
        // Without a key ID the header has none.
        let jwt = rs256(&key, None, &claims).unwrap();
        let header = decode(jwt.split('.').next().unwrap());
        assert!(header.get("kid").is_none());
    }

    #[test]
    fn what_is_not_an_rsa_key_is_refused_with_a_reason() {
        let e = rsa_key(b"not a key").unwrap_err();
        assert!(e.starts_with("not an RSA private key"), "{e}");
    }
}
