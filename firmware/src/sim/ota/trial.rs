//! The health check of an image on trial: the board confirms it once it is healthy and rejects
//! it (restarting into the previous image) when its start-up scripts fail.
//!
//! Healthy means: the board's servers are up (they start before the scripts), and `boot.py`
//! and `main.py` finished without an exception, or `main.py` has been running for
//! [`SETTLE_TIME`] without one (a `main.py` that serves forever).

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::running::RunningImage;

/// How long `main.py` must run without failing before a board that never leaves it counts as
/// healthy.
pub const SETTLE_TIME: Duration = Duration::from_secs(2);

/// Watches one boot of the running image.
pub struct TrialWatch {
    image: Option<Arc<RunningImage>>,
    started: Instant,
}

impl TrialWatch {
    /// Watches `image` (nothing to do without one, or once it is confirmed).
    pub fn new(image: Option<Arc<RunningImage>>) -> TrialWatch {
        TrialWatch {
            image: image.filter(|image| image.on_trial()),
            started: Instant::now(),
        }
    }

    fn on_trial(&self) -> Option<&RunningImage> {
        self.image.as_deref().filter(|image| image.on_trial())
    }

    /// A start-up script is still running: healthy once it has run long enough.
    pub fn script_running(&self) {
        if let Some(image) = self.on_trial() {
            if self.started.elapsed() >= SETTLE_TIME {
                image.healthy();
            }
        }
    }

    /// A start-up script raised: the image is rejected and the board restarts.
    pub fn script_failed(&self, name: &str) {
        if let Some(image) = self.on_trial() {
            image.unhealthy(&std::format!("{name} failed at start"));
        }
    }

    /// The start-up scripts are done and the REPL is up: healthy.
    pub fn ready(&self) {
        if let Some(image) = self.on_trial() {
            image.healthy();
        }
    }
}
