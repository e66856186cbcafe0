//! The console seam: how the network says what it is doing (the board prints it on its
//! console; tests collect it).

use core::fmt;

/// Somewhere to say one line about the network.
pub trait Log {
    /// Say one line (no trailing newline).
    fn line(&self, args: fmt::Arguments<'_>);
}

impl<F: Fn(fmt::Arguments<'_>)> Log for F {
    fn line(&self, args: fmt::Arguments<'_>) {
        self(args)
    }
}
