//! AWS Signature Version 4: the `Authorization` header of a request signed with a
//! secret access key. The secret never leaves the machine: only the key ID, the scope
//! and the signature are sent. HMAC-SHA256 and SHA-256 are `ring`'s.

use ring::{digest, hmac};

/// Who signs, for which region and service, and when.
pub(crate) struct Signer<'a> {
    pub key_id: &'a str,
    pub secret: &'a str,
    pub region: &'a str,
    pub service: &'a str,
    /// The request time, `YYYYMMDDTHHMMSSZ` (also sent as `X-Amz-Date`).
    pub amz_date: &'a str,
}

/// The parts of a request that are signed. The path is already URI-encoded, there is
/// no query string, and every header given is signed.
pub(crate) struct Signed<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub headers: &'a [(&'a str, &'a str)],
    pub body: &'a [u8],
}

const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// `X-Amz-Date` for a time in seconds since the Unix epoch, UTC.
pub(crate) fn amz_date(unix_seconds: i64) -> Option<String> {
    chrono::DateTime::from_timestamp(unix_seconds, 0)
        .map(|t| t.format("%Y%m%dT%H%M%SZ").to_string())
}

/// The canonical request and the signed-header list (lower-case names, sorted, `;`
/// between them).
pub(crate) fn canonical_request(req: &Signed<'_>) -> (String, String) {
    let mut headers: Vec<(String, String)> = req
        .headers
        .iter()
        .map(|(k, v)| {
            // Values trimmed, inner runs of spaces folded to one.
            let value = v.split_whitespace().collect::<Vec<_>>().join(" ");
            (k.to_ascii_lowercase(), value)
        })
        .collect();
    // Stable: a repeated header keeps its values in the order given.
    headers.sort_by(|a, b| a.0.cmp(&b.0));
    let mut canonical_headers = String::new();
    let mut names: Vec<&str> = Vec::new();
    for (i, (name, value)) in headers.iter().enumerate() {
        if i > 0 && headers[i - 1].0 == *name {
            // A repeated header: its values joined with commas, in the order given.
            canonical_headers.pop();
            canonical_headers.push(',');
        } else {
            canonical_headers.push_str(name);
            canonical_headers.push(':');
            names.push(name);
        }
        canonical_headers.push_str(value);
        canonical_headers.push('\n');
    }
    let signed_headers = names.join(";");
    let canonical = format!(
        "{}\n{}\n\n{}\n{}\n{}",
        req.method,
        req.path,
        canonical_headers,
        signed_headers,
        hex(digest::digest(&digest::SHA256, req.body).as_ref())
    );
    (canonical, signed_headers)
}

/// `DATE/REGION/SERVICE/aws4_request`.
fn scope(signer: &Signer<'_>) -> String {
    format!(
        "{}/{}/{}/aws4_request",
        signer.amz_date.get(..8).unwrap_or(signer.amz_date),
        signer.region,
        signer.service
    )
}

/// The string to sign: the algorithm, the time, the scope and the hash of the canonical
/// request.
pub(crate) fn string_to_sign(signer: &Signer<'_>, canonical: &str) -> String {
    format!(
        "{ALGORITHM}\n{}\n{}\n{}",
        signer.amz_date,
        scope(signer),
        hex(digest::digest(&digest::SHA256, canonical.as_bytes()).as_ref())
    )
}

/// The signing key: the secret, then the date, region, service and `aws4_request`,
/// each the HMAC key of the next.
pub(crate) fn signing_key(secret: &str, date: &str, region: &str, service: &str) -> Vec<u8> {
    let mut key = format!("AWS4{secret}").into_bytes();
    for part in [date, region, service, "aws4_request"] {
        let tag = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, &key), part.as_bytes());
        key = tag.as_ref().to_vec();
    }
    key
}

/// The `Authorization` header value for `req` signed by `signer`.
pub(crate) fn authorization(signer: &Signer<'_>, req: &Signed<'_>) -> String {
    let (canonical, signed_headers) = canonical_request(req);
    let to_sign = string_to_sign(signer, &canonical);
    let key = signing_key(
        signer.secret,
        signer.amz_date.get(..8).unwrap_or(signer.amz_date),
        signer.region,
        signer.service,
    );
    let signature = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, &key), to_sign.as_bytes());
    format!(
        "{ALGORITHM} Credential={}/{}, SignedHeaders={signed_headers}, Signature={}",
        signer.key_id,
        scope(signer),
        hex(signature.as_ref())
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // The credentials and time of AWS's Signature Version 4 test suite, whose published
    // results the tests below compare against.
    const SUITE: Signer<'static> = Signer {
        key_id: "AKIDEXAMPLE",
        secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        region: "us-east-1",
        service: "service",
        amz_date: "20150830T123600Z",
    };

    #[test]
    fn the_signing_key_is_the_one_aws_documents() {
        // "Examples of how to derive a signing key for Signature Version 4" (IAM, 2012).
        let key = signing_key(
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "20120215",
            "us-east-1",
            "iam",
        );
        assert_eq!(
            hex(&key),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"
        );
    }

    #[test]
    fn get_vanilla_signs_as_the_test_suite_says() {
        let req = Signed {
            method: "GET",
            path: "/",
            headers: &[
                ("Host", "example.amazonaws.com"),
                ("X-Amz-Date", "20150830T123600Z"),
            ],
            body: b"",
        };
        let (canonical, signed) = canonical_request(&req);
        assert_eq!(
            canonical,
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n\
             host;x-amz-date\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(signed, "host;x-amz-date");
        assert_eq!(
            string_to_sign(&SUITE, &canonical),
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n\
             bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"
        );
        assert_eq!(
            authorization(&SUITE, &req),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
             SignedHeaders=host;x-amz-date, \
             Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        );
    }

    #[test]
    fn a_form_post_signs_its_content_type_and_body_as_the_test_suite_says() {
        // post-x-www-form-urlencoded: the STS request has this shape.
        let req = Signed {
            method: "POST",
            path: "/",
            headers: &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Host", "example.amazonaws.com"),
                ("X-Amz-Date", "20150830T123600Z"),
            ],
            body: b"Param1=value1",
        };
        let (canonical, _) = canonical_request(&req);
        assert!(
            canonical.ends_with(
                "content-type;host;x-amz-date\n\
                 9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"
            ),
            "{canonical}"
        );
        assert!(
            string_to_sign(&SUITE, &canonical)
                .ends_with("42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281")
        );
        assert_eq!(
            authorization(&SUITE, &req),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date, \
             Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"
        );
    }

    #[test]
    fn header_names_are_folded_and_sorted_and_values_trimmed() {
        let req = Signed {
            method: "GET",
            path: "/",
            headers: &[("X-B", "  two   words "), ("x-a", "1"), ("X-A", "2")],
            body: b"",
        };
        let (canonical, signed) = canonical_request(&req);
        assert_eq!(signed, "x-a;x-b");
        assert!(
            canonical.contains("\nx-a:1,2\nx-b:two words\n"),
            "{canonical}"
        );
    }

    #[test]
    fn the_time_is_written_as_aws_wants_it() {
        assert_eq!(amz_date(1_440_938_160).as_deref(), Some("20150830T123600Z"));
    }
}
