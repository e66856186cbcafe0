//! What every connection shares: the seams the board supplies, the settings, and the one
//! WebREPL client slot.

use core::cell::Cell;

use embedded_hal_async::delay::DelayNs;

use crate::{password::PasswordCheck, session::ReplSession, status::BoardStatus, store::FileStore};

/// Settings of a board's server.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// What a WebREPL version request answers (major, minor, micro).
    pub version: [u8; 3],
    /// The delay before a wrong password is answered; it doubles with each failure in a row,
    /// up to 16 times this.
    pub login_delay_ms: u32,
    /// The largest file a WebREPL put may announce.
    pub max_put_size: u32,
    /// How long a WebREPL client may take to log in before it is closed, so idle connections
    /// at the password prompt cannot pile up.
    pub login_timeout_ms: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            version: crate_version(),
            login_delay_ms: 1000,
            max_put_size: 16 * 1024 * 1024,
            login_timeout_ms: 30_000,
        }
    }
}

/// This crate's version as three bytes.
fn crate_version() -> [u8; 3] {
    let parse = |s: &str| s.parse::<u8>().unwrap_or(0);
    [
        parse(env!("CARGO_PKG_VERSION_MAJOR")),
        parse(env!("CARGO_PKG_VERSION_MINOR")),
        parse(env!("CARGO_PKG_VERSION_PATCH")),
    ]
}

/// The server's shared state: one per board, borrowed by every connection task.
///
/// Not `Sync`: every connection runs on the board's one executor, as embassy tasks do.
pub struct WebRepl<'a, S, F, P, D> {
    pub(crate) session: &'a S,
    pub(crate) store: &'a F,
    pub(crate) password: &'a P,
    pub(crate) delay: D,
    pub(crate) config: Config,
    pub(crate) status: Option<&'a dyn BoardStatus>,
    /// Whether a WebREPL client is logged in (MicroPython allows one).
    attached: Cell<bool>,
    /// Wrong passwords in a row, across connections.
    failures: Cell<u32>,
}

impl<'a, S, F, P, D> WebRepl<'a, S, F, P, D>
where
    S: ReplSession,
    F: FileStore,
    P: PasswordCheck,
    D: DelayNs + Clone,
{
    /// The server state over the board's REPL session, file store and password, with `delay`
    /// for the login back-off.
    pub fn new(session: &'a S, store: &'a F, password: &'a P, delay: D, config: Config) -> Self {
        WebRepl {
            session,
            store,
            password,
            delay,
            config,
            status: None,
            attached: Cell::new(false),
            failures: Cell::new(0),
        }
    }

    /// Serves `status` at `GET /info` (without it, `/info` answers 404).
    pub fn with_status(mut self, status: &'a dyn BoardStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// The settings.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Whether a WebREPL client is logged in now.
    pub fn client_attached(&self) -> bool {
        self.attached.get()
    }

    /// Takes the one client slot and attaches to the REPL session; `None` if taken.
    pub(crate) fn attach(&self) -> Option<Attached<'_, 'a, S, F, P, D>> {
        if self.attached.replace(true) {
            return None;
        }
        self.session.attach();
        Some(Attached { app: self })
    }

    /// Checks a password; a wrong one waits (doubling with each failure in a row) first.
    pub(crate) async fn check_password(&self, candidate: &[u8]) -> bool {
        if self.password.verify(candidate) {
            self.failures.set(0);
            return true;
        }
        let failures = self.failures.get();
        self.failures.set(failures.saturating_add(1));
        let delay_ms = self
            .config
            .login_delay_ms
            .saturating_mul(1 << failures.min(4));
        self.delay.clone().delay_ms(delay_ms).await;
        false
    }
}

/// The client slot while a client holds it; dropping it (even by cancellation) frees the slot
/// and detaches from the REPL session.
pub(crate) struct Attached<'r, 'a, S: ReplSession, F, P, D> {
    app: &'r WebRepl<'a, S, F, P, D>,
}

impl<S: ReplSession, F, P, D> Drop for Attached<'_, '_, S, F, P, D> {
    fn drop(&mut self) {
        self.app.session.detach();
        self.app.attached.set(false);
    }
}
