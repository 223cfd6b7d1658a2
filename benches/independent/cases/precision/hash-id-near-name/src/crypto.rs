const NONCE_LEN: usize = 12;
const KEY_ID: &str = "aab31248-989e-4918-9412-fdc3d309524d";
const SALT: &[u8] = b"leakhound-salt-v1";
