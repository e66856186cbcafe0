//! An in-memory OTA sink for the server tests: a slot of 64 KiB that takes "images" made of the
//! magic `IMG`, a version byte and a payload whose last byte is the sum of the others.

use std::sync::{Mutex, MutexGuard};

use mote_webrepl::{Message, OtaError, OtaErrorKind, OtaSink, OtaUpload};

/// The slot's capacity.
pub const SLOT_LEN: u64 = 64 * 1024;

/// The sink's slot and what happened to it.
#[derive(Default)]
pub struct MemoryOta {
    state: Mutex<State>,
}

#[derive(Default)]
pub struct State {
    /// The image that boots next, once one was accepted.
    pub installed: Option<Vec<u8>>,
    /// Whether an upload is in progress.
    pub uploading: bool,
    /// Uploads begun.
    pub begun: usize,
    /// Uploads dropped without finishing.
    pub aborted: usize,
    /// Restarts asked for.
    pub restarts: usize,
}

impl MemoryOta {
    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// An image in the test format: `IMG`, `version`, `payload`, checksum.
pub fn image(version: u8, payload: &[u8]) -> Vec<u8> {
    let mut image = b"IMG".to_vec();
    image.push(version);
    image.extend_from_slice(payload);
    let sum = image.iter().fold(0u8, |a, b| a.wrapping_add(*b));
    image.push(sum);
    image
}

pub struct Upload<'s> {
    sink: &'s MemoryOta,
    bytes: Vec<u8>,
    finished: bool,
}

impl OtaSink for MemoryOta {
    type Upload<'s> = Upload<'s>;

    async fn begin(&self, size: u64) -> Result<Upload<'_>, OtaError> {
        let mut state = self.state();
        if state.uploading {
            return Err(OtaError::new(
                OtaErrorKind::Busy,
                format_args!("another upload is in progress"),
            ));
        }
        if size > SLOT_LEN {
            return Err(OtaError::new(
                OtaErrorKind::TooLarge,
                format_args!("{size} bytes do not fit the {SLOT_LEN}-byte slot"),
            ));
        }
        state.uploading = true;
        state.begun += 1;
        Ok(Upload {
            sink: self,
            bytes: Vec::new(),
            finished: false,
        })
    }

    fn restart(&self) {
        self.state().restarts += 1;
    }
}

impl OtaUpload for Upload<'_> {
    async fn write(&mut self, chunk: &[u8]) -> Result<(), OtaError> {
        self.bytes.extend_from_slice(chunk);
        if self.bytes.len() >= 3 && !self.bytes.starts_with(b"IMG") {
            return Err(OtaError::new(
                OtaErrorKind::Refused,
                format_args!("not an image (bad magic)"),
            ));
        }
        Ok(())
    }

    async fn finish(mut self) -> Result<Message, OtaError> {
        let Some((&sum, rest)) = self.bytes.split_last() else {
            return Err(OtaError::new(OtaErrorKind::Refused, format_args!("empty")));
        };
        if rest.len() < 4 || rest.iter().fold(0u8, |a, b| a.wrapping_add(*b)) != sum {
            return Err(OtaError::new(
                OtaErrorKind::Refused,
                format_args!("checksum mismatch"),
            ));
        }
        self.finished = true;
        let version = rest[3];
        self.sink.state().installed = Some(std::mem::take(&mut self.bytes));
        Ok(Message::new(format_args!("version {version}")))
    }
}

impl Drop for Upload<'_> {
    fn drop(&mut self) {
        let mut state = self.sink.state();
        state.uploading = false;
        if !self.finished {
            state.aborted += 1;
        }
    }
}
