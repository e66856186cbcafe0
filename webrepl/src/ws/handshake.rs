//! The server side of the WebSocket opening handshake, as lenient as MicroPython's.
//!
//! RFC 6455 asks for `Sec-WebSocket-Version: 13` and a 16-byte base64 key; `webrepl_cli.py`
//! sends neither (its key is `foo`). MicroPython answers any key, and so does this: the accept
//! value is computed from whatever key bytes arrive.

use sha1::{Digest, Sha1};

/// The GUID RFC 6455 appends to the client's key.
const KEY_GUID: &[u8] = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/// The length of a `Sec-WebSocket-Accept` value: base64 of a 20-byte SHA-1.
pub const ACCEPT_LEN: usize = 28;

/// The `Sec-WebSocket-Accept` value for a client's `Sec-WebSocket-Key`.
pub fn accept_key(key: &[u8]) -> [u8; ACCEPT_LEN] {
    let digest = Sha1::new()
        .chain_update(key)
        .chain_update(KEY_GUID)
        .finalize();
    base64(&digest.into())
}

fn base64(bytes: &[u8; 20]) -> [u8; ACCEPT_LEN] {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = [b'='; ACCEPT_LEN];
    // 20 bytes are six whole groups of three and one group of two (one `=` of padding).
    for (group, chunk) in bytes.chunks(3).enumerate() {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out[group * 4 + i] = ALPHABET[(n >> (18 - 6 * i) & 0x3f) as usize];
        }
    }
    out
}

/// Whether a comma-separated header value lists `token` (case-insensitive), as `Connection:
/// keep-alive, Upgrade` from Firefox does.
pub fn lists_token(value: &[u8], token: &str) -> bool {
    value
        .split(|&b| b == b',')
        .any(|item| item.trim_ascii().eq_ignore_ascii_case(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_key_matches_rfc6455_example() {
        assert_eq!(
            &accept_key(b"dGhlIHNhbXBsZSBub25jZQ=="),
            b"s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
        );
        // webrepl_cli.py's key: any bytes get an answer.
        assert_eq!(accept_key(b"foo").len(), ACCEPT_LEN);
    }

    #[test]
    fn finds_tokens_in_lists() {
        assert!(lists_token(b"keep-alive, Upgrade", "upgrade"));
        assert!(lists_token(b"websocket", "WebSocket"));
        assert!(!lists_token(b"close", "upgrade"));
    }
}
