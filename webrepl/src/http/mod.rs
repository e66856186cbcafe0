//! HTTP on the board's port: the request head the front door reads, and the front door itself.

pub mod auth;
pub mod files;
pub mod front;
pub mod head;
pub mod info;
pub mod length_guard;
pub mod ota;

pub use front::{serve_connection, Buffers};
pub use head::{head_len, HeadError, RequestHead};

use embedded_hal_async::delay::DelayNs;
use picoserve::{routing::PathRouter, Router};

use crate::{app::WebRepl, page, password::PasswordCheck, session::ReplSession, store::FileStore};

/// The HTTP routes picoserve serves for `app`: the page at `/`, the file API under `/fs` and
/// the board's status at `/info`.
pub fn router<'r, S, F, P, D>(app: &'r WebRepl<'_, S, F, P, D>) -> Router<impl PathRouter + 'r>
where
    S: ReplSession,
    F: FileStore,
    P: PasswordCheck,
    D: DelayNs + Clone,
{
    Router::new()
        .route("/", picoserve::routing::get_service(page::INDEX))
        .route(
            info::PATH,
            picoserve::routing::get_service(info::InfoApi::new(app)),
        )
        .nest_service(files::PREFIX, files::FileApi::new(app))
}
