//! The updater's errors.

use core::fmt;

use crate::image::ImageError;
use crate::slot::LayoutError;

/// Why an update operation failed; `E` is the flash's error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error<E> {
    /// The flash failed (the state on flash is the one before the failed operation).
    Flash(E),
    /// The image was refused.
    Image(ImageError),
    /// The layout does not fit the flash.
    Layout(LayoutError),
    /// The running image is on trial: confirm or reject it before downloading another.
    UpdatePending,
    /// The download failed earlier (a flash error); start a new one.
    Aborted,
}

impl<E> From<ImageError> for Error<E> {
    fn from(e: ImageError) -> Self {
        Error::Image(e)
    }
}

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Error::Flash(e) => write!(f, "flash error: {e:?}"),
            Error::Image(e) => write!(f, "image refused: {e}"),
            Error::Layout(e) => write!(f, "slot layout does not fit the flash: {e:?}"),
            Error::UpdatePending => {
                f.write_str("the running image is on trial; confirm or reject it first")
            }
            Error::Aborted => f.write_str("the download failed earlier"),
        }
    }
}
