//! The OTA sink seam: where `PUT /ota` streams a firmware image.
//!
//! The server knows nothing of image formats or slots: it hands the board the announced size,
//! then the body chunk by chunk, then asks it to finish. The board (over `mote-ota` on a real
//! or simulated flash) verifies while writing and refuses with an [`OtaError`] whose kind picks
//! the HTTP status and whose reason is the answer's text.

use core::fmt;

/// What kind of refusal an [`OtaError`] is; each maps to one HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtaErrorKind {
    /// The image is not acceptable (bad signature, unknown key, wrong chip, downgrade, hash
    /// mismatch, truncated or extended): 422.
    Refused,
    /// The announced size does not fit the slot: 413.
    TooLarge,
    /// The board cannot take an update now (one is uploading, or the running image is still on
    /// trial): 409.
    Busy,
    /// The board failed (a flash error): 500.
    Failed,
}

impl OtaErrorKind {
    /// The HTTP status of this kind.
    pub const fn status(self) -> u16 {
        match self {
            OtaErrorKind::Refused => 422,
            OtaErrorKind::TooLarge => 413,
            OtaErrorKind::Busy => 409,
            OtaErrorKind::Failed => 500,
        }
    }
}

/// Bytes of text a [`Message`] holds; longer text is cut at a character.
pub const MESSAGE_LEN: usize = 120;

/// A short text for the person uploading, in a fixed buffer (the crate does not allocate).
#[derive(Clone, Copy)]
pub struct Message {
    bytes: [u8; MESSAGE_LEN],
    len: usize,
}

impl Message {
    /// `text` formatted, cut to [`MESSAGE_LEN`] bytes.
    pub fn new(text: fmt::Arguments<'_>) -> Self {
        let mut message = Message {
            bytes: [0; MESSAGE_LEN],
            len: 0,
        };
        // The writer never fails; it stops at the buffer's end.
        let _ = fmt::write(&mut message, text);
        message
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        // Only whole characters are ever copied in.
        core::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

impl fmt::Write for Message {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let mut take = s.len().min(MESSAGE_LEN - self.len);
        while !s.is_char_boundary(take) {
            take -= 1;
        }
        self.bytes[self.len..self.len + take].copy_from_slice(&s.as_bytes()[..take]);
        self.len += take;
        Ok(())
    }
}

impl fmt::Debug for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Message {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

/// Why the board refused an upload: a kind (which picks the HTTP status) and the reason.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OtaError {
    /// The kind of refusal.
    pub kind: OtaErrorKind,
    /// The reason, as the answer's text.
    pub reason: Message,
}

impl OtaError {
    /// A refusal of `kind` whose reason is `reason` formatted.
    pub fn new(kind: OtaErrorKind, reason: fmt::Arguments<'_>) -> Self {
        OtaError {
            kind,
            reason: Message::new(reason),
        }
    }
}

impl fmt::Display for OtaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason.as_str())
    }
}

/// The board's side of `PUT /ota`.
#[allow(
    async_fn_in_trait,
    reason = "the board's executor is single-threaded (embassy style)"
)]
pub trait OtaSink {
    /// An upload in progress.
    type Upload<'s>: OtaUpload
    where
        Self: 's;

    /// Starts an upload of `size` bytes (the request's `Content-Length`), so the board can
    /// refuse before a byte of the body is read.
    async fn begin(&self, size: u64) -> Result<Self::Upload<'_>, OtaError>;

    /// Called once the answer to an accepted upload has been sent: the board restarts into
    /// the new image (after letting the answer leave).
    fn restart(&self);
}

/// One upload into the board's inactive slot. Dropping it unfinished (the client vanished,
/// the body ended short, the server task was cancelled) leaves the running image and the boot
/// state as they were.
#[allow(
    async_fn_in_trait,
    reason = "the board's executor is single-threaded (embassy style)"
)]
pub trait OtaUpload {
    /// Takes the next chunk of the image; a refusal ends the upload.
    async fn write(&mut self, chunk: &[u8]) -> Result<(), OtaError>;

    /// Ends the upload once every announced byte arrived: the image is whole and authentic and
    /// boots next. The message describes it (e.g. its version) for the answer.
    async fn finish(self) -> Result<Message, OtaError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_cut_at_a_character() {
        let e = OtaError::new(OtaErrorKind::Refused, format_args!("bad signature"));
        assert_eq!(
            (e.kind, e.reason.as_str()),
            (OtaErrorKind::Refused, "bad signature")
        );
        let long = "é".repeat(MESSAGE_LEN);
        let m = Message::new(format_args!("x{long}"));
        assert_eq!(m.as_str().len(), MESSAGE_LEN - 1);
        assert!(m.as_str().starts_with("xé"));
        assert_eq!(OtaErrorKind::TooLarge.status(), 413);
    }
}
