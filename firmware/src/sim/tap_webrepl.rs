//! The WebREPL and the HTTP API of the TAP board: the same `mote_webrepl` server as on host
//! sockets, over the board's own stack, as the chip serves it: `embassy-net` TCP sockets with
//! Nagle off, whose flushes do not wait for ACKs ([`EagerSocket`]), so answers and REPL
//! echoes go out at once.

use super::tap_server_socket::EagerSocket;
use super::webrepl::{Seams, TIMEOUTS};
use async_executor::LocalExecutor;
use embassy_net::tcp::TcpSocket;
use embassy_net::Stack;
use mote_webrepl::host::{leak, HEAD_BUFFER_LEN, HTTP_BUFFER_LEN};
use mote_webrepl::http::ota::OtaApi;
use mote_webrepl::http::{serve_connection, Buffers};
use mote_webrepl::WebRepl;
use picoserve::routing::PathRouter;
use std::vec;

/// Connections served at once (each holds a TCP socket of the stack). embassy-net has no
/// accept backlog: a connection that finds every socket busy is refused, and a browser on the
/// board's page holds one for the WebREPL while it fetches files and `/info` on others.
pub const CONNECTIONS: usize = 4;

/// Each connection's receive and send buffers, in bytes.
pub const SOCKET_BUFFER: usize = 32 * 1024;

/// Serve the WebREPL on `port` of `stack` for as long as the board runs: [`CONNECTIONS`]
/// tasks on `tasks`.
pub fn spawn(tasks: &LocalExecutor<'_>, stack: Stack<'static>, port: u16, seams: Seams) {
    seams.files.clean();
    // One board, one server, for the life of the process.
    let session = leak(seams.terminal);
    let files = leak(seams.files);
    let password = leak(seams.password);
    let status = leak(seams.status);
    let ota = leak(seams.ota);
    let app = leak(
        WebRepl::new(
            session,
            files,
            &**password,
            embassy_time::Delay,
            mote_webrepl::Config {
                // A request may carry a whole firmware image (`PUT /ota`).
                max_put_size: super::ota::SLOT_LEN,
                ..mote_webrepl::Config::default()
            },
        )
        .with_status(status),
    );
    let router = leak(mote_webrepl::router(app).route(
        mote_webrepl::http::ota::PATH,
        picoserve::routing::put_service(OtaApi::new(app, ota)),
    ));
    let config = leak(picoserve::Config::new(TIMEOUTS).keep_connection_alive());
    for _ in 0..CONNECTIONS {
        tasks
            .spawn(connections(stack, port, app, router, config))
            .detach();
    }
}

/// Accept and serve connections one after the other, on one socket's buffers.
async fn connections<S, F, P, D, R>(
    stack: Stack<'static>,
    port: u16,
    app: &'static WebRepl<'static, S, F, P, D>,
    router: &'static picoserve::Router<R>,
    config: &'static picoserve::Config,
) where
    S: mote_webrepl::ReplSession + 'static,
    F: mote_webrepl::FileStore + 'static,
    P: mote_webrepl::PasswordCheck + 'static,
    D: embedded_hal_async::delay::DelayNs + Clone + 'static,
    R: PathRouter + 'static,
{
    let mut rx = vec![0u8; SOCKET_BUFFER];
    let mut tx = vec![0u8; SOCKET_BUFFER];
    let mut head = [0u8; HEAD_BUFFER_LEN];
    let mut http = [0u8; HTTP_BUFFER_LEN];
    loop {
        let mut socket = TcpSocket::new(stack, &mut rx, &mut tx);
        if socket.accept(port).await.is_err() {
            // Not listening (a port in use): try again later rather than spin.
            embassy_time::Timer::after(embassy_time::Duration::from_millis(500)).await;
            continue;
        }
        // Answers and REPL echoes go out at once, not behind the ACK of the last segment.
        socket.set_nagle_enabled(false);
        let buffers = Buffers {
            head: &mut head,
            http: &mut http,
        };
        // A connection's failure is that connection's alone.
        let _ = serve_connection(
            app,
            router,
            config,
            picoserve::time::EmbassyTimer,
            EagerSocket(socket),
            buffers,
        )
        .await;
    }
}
