//! The board password: what a login is checked against.

/// Checks a password a client sent (WebREPL login, HTTP Basic).
///
/// The board stores its password hashed and implements this by hashing the candidate; a board
/// without a password refuses every candidate, so there is no default password on the network.
pub trait PasswordCheck {
    /// Whether `candidate` is the board password. Must take the same time whatever the
    /// candidate shares with the password.
    fn verify(&self, candidate: &[u8]) -> bool;
}

/// Why a password is refused when set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordError {
    /// MicroPython's rule: 4 to 9 characters.
    BadLength,
}

/// A password held in the clear (the simulated board and tests; a real board keeps a hash).
#[derive(Clone)]
pub struct Password {
    bytes: [u8; Password::MAX_LEN],
    len: usize,
}

impl Password {
    /// The shortest password MicroPython accepts.
    pub const MIN_LEN: usize = 4;
    /// The longest password MicroPython accepts.
    pub const MAX_LEN: usize = 9;

    /// A password of 4 to 9 bytes.
    pub fn new(password: &[u8]) -> Result<Password, PasswordError> {
        if !(Self::MIN_LEN..=Self::MAX_LEN).contains(&password.len()) {
            return Err(PasswordError::BadLength);
        }
        let mut bytes = [0; Self::MAX_LEN];
        bytes[..password.len()].copy_from_slice(password);
        Ok(Password {
            bytes,
            len: password.len(),
        })
    }
}

impl core::fmt::Debug for Password {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Password(..)")
    }
}

impl PasswordCheck for Password {
    fn verify(&self, candidate: &[u8]) -> bool {
        constant_time_eq(&self.bytes[..self.len], candidate)
    }
}

/// No password is set: every login is refused.
#[derive(Debug, Clone, Copy)]
pub struct NoPassword;

impl PasswordCheck for NoPassword {
    fn verify(&self, _candidate: &[u8]) -> bool {
        false
    }
}

/// Compares two byte strings in time that depends only on their lengths.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = u8::from(a.len() != b.len());
    // Walk the candidate's full length whatever the secret's, so timing does not reveal how
    // much of a prefix matched.
    for (i, &byte) in b.iter().enumerate() {
        diff |= byte ^ a.get(i).copied().unwrap_or(!byte);
    }
    core::hint::black_box(diff) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_length_rule_and_compares_whole_strings() {
        assert_eq!(Password::new(b"abc").unwrap_err(), PasswordError::BadLength);
        assert_eq!(
            Password::new(b"abcdefghij").unwrap_err(),
            PasswordError::BadLength
        );
        let password = Password::new(b"secret").unwrap();
        assert!(password.verify(b"secret"));
        for wrong in [&b"secre"[..], b"secret!", b"Secret", b"", b"secret\0"] {
            assert!(!password.verify(wrong));
        }
        assert!(!NoPassword.verify(b"secret"));
        assert!(constant_time_eq(b"", b""));
    }
}
