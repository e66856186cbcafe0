//! HTTP Basic authentication with the board password and an empty user name, as
//! CircuitPython's web workflow does: `Authorization: Basic base64(":" + password)`.

use embedded_hal_async::delay::DelayNs;
use picoserve::{
    request::Headers,
    response::{IntoResponse, StatusCode},
};

use crate::{app::WebRepl, password::PasswordCheck, session::ReplSession, store::FileStore};

/// The most credential bytes decoded; longer values are refused unread.
pub const MAX_CREDENTIALS: usize = 64;

/// Whether a request's `Authorization` header proves the board password; a wrong one waits
/// out the login back-off first.
pub async fn authorize<S, F, P, D>(app: &WebRepl<'_, S, F, P, D>, headers: Headers<'_>) -> bool
where
    S: ReplSession,
    F: FileStore,
    P: PasswordCheck,
    D: DelayNs + Clone,
{
    let mut credentials = [0; MAX_CREDENTIALS];
    let candidate = headers
        .get("authorization")
        .and_then(|value| basic_password(value.as_raw(), &mut credentials));
    match candidate {
        Some(candidate) => app.check_password(candidate).await,
        None => false,
    }
}

/// The answer to a request without the password.
pub fn challenge() -> impl IntoResponse {
    (
        StatusCode::UNAUTHORIZED,
        ("WWW-Authenticate", "Basic realm=\"mote\""),
        "password required\n",
    )
}

/// The password an `Authorization: Basic` value carries with an empty user name, decoded into
/// `out`; `None` for anything else.
pub fn basic_password<'o>(value: &[u8], out: &'o mut [u8; MAX_CREDENTIALS]) -> Option<&'o [u8]> {
    let (scheme, encoded) = value.trim_ascii().split_at_checked(6)?;
    if !scheme.eq_ignore_ascii_case(b"basic ") {
        return None;
    }
    let decoded = decode_base64(encoded.trim_ascii(), out)?;
    decoded.strip_prefix(b":")
}

fn decode_base64<'o>(input: &[u8], out: &'o mut [u8; MAX_CREDENTIALS]) -> Option<&'o [u8]> {
    let input = input
        .strip_suffix(b"==")
        .or(input.strip_suffix(b"="))
        .unwrap_or(input);
    if input.len() % 4 == 1 || input.len() / 4 * 3 + 2 > out.len() {
        return None;
    }
    let mut len = 0;
    for group in input.chunks(4) {
        let mut bits = 0u32;
        for &c in group {
            let value = match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'+' => 62,
                b'/' => 63,
                _ => return None,
            };
            bits = bits << 6 | u32::from(value);
        }
        bits <<= 6 * (4 - group.len() as u32);
        let bytes = bits.to_be_bytes();
        let produced = group.len() - 1;
        out[len..len + produced].copy_from_slice(&bytes[1..1 + produced]);
        len += produced;
    }
    Some(&out[..len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_empty_user_credentials() {
        let mut out = [0; MAX_CREDENTIALS];
        // base64(":secret") and base64(":passw0rd")
        assert_eq!(
            basic_password(b"Basic OnNlY3JldA==", &mut out),
            Some(&b"secret"[..])
        );
        assert_eq!(
            basic_password(b"basic OnBhc3N3MHJk", &mut out),
            Some(&b"passw0rd"[..])
        );
        // A user name is not the board's: "me:secret".
        assert_eq!(basic_password(b"Basic bWU6c2VjcmV0", &mut out), None);
        assert_eq!(basic_password(b"Bearer OnNlY3JldA==", &mut out), None);
        assert_eq!(basic_password(b"Basic O", &mut out), None);
        assert_eq!(basic_password(b"Basic !!!!", &mut out), None);
        assert_eq!(basic_password(&[b'A'; 200], &mut out), None);
    }
}
