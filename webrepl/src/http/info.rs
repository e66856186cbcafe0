//! `GET /info`: the board's status as JSON (serde-json-core), behind the board password.

use embedded_hal_async::delay::DelayNs;
use picoserve::{
    io::Read,
    request::Request,
    response::{IntoResponse, Response, ResponseWriter, StatusCode},
    routing::RequestHandlerService,
    ResponseSent,
};

use super::auth::authorize;
use crate::{app::WebRepl, password::PasswordCheck, session::ReplSession, store::FileStore};

/// Where the status is served.
pub const PATH: &str = "/info";

/// The `/info` route of a server.
pub struct InfoApi<'r, 'a, S, F, P, D> {
    app: &'r WebRepl<'a, S, F, P, D>,
}

impl<'r, 'a, S, F, P, D> InfoApi<'r, 'a, S, F, P, D> {
    /// The `/info` route of `app`.
    pub fn new(app: &'r WebRepl<'a, S, F, P, D>) -> Self {
        InfoApi { app }
    }
}

impl<S, F, P, D> RequestHandlerService for InfoApi<'_, '_, S, F, P, D>
where
    S: ReplSession,
    F: FileStore,
    P: PasswordCheck,
    D: DelayNs + Clone,
{
    async fn call_request_handler_service<R: Read, W: ResponseWriter<Error = R::Error>>(
        &self,
        _state: &(),
        _path_parameters: (),
        request: Request<'_, R>,
        response_writer: W,
    ) -> Result<ResponseSent, W::Error> {
        let authorized = authorize(self.app, request.parts.headers()).await;
        let connection = request.body_connection.finalize().await?;
        if !authorized {
            return super::auth::challenge()
                .write_to(connection, response_writer)
                .await;
        }
        let Some(status) = self.app.status else {
            return (StatusCode::NOT_FOUND, "no board status\n")
                .write_to(connection, response_writer)
                .await;
        };
        let mut json = [0; 512];
        match serde_json_core::to_slice(&status.info(), &mut json) {
            Ok(len) => {
                Response::ok(&json[..len])
                    .with_content_type("application/json")
                    .write_to(connection, response_writer)
                    .await
            }
            Err(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "status too long\n")
                    .write_to(connection, response_writer)
                    .await
            }
        }
    }
}
