// SHA-256("abc") from FIPS 180-2
pub const ABC_SHA256: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
pub const EMPTY_SHA1: &str = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
