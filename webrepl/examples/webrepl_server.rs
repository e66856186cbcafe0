//! A WebREPL server on 127.0.0.1 over an in-memory file store and a line-echo REPL session,
//! to try MicroPython's own clients against:
//!
//! ```text
//! cargo run -p mote-webrepl --features tokio --example webrepl_server -- [PORT] [PASSWORD]
//! python3 webrepl_cli.py -p PASSWORD file.bin 127.0.0.1:PORT:/file.bin
//! ```

use mote_webrepl::{
    host::{self, EchoSession, MemoryStore, TokioDelay},
    Config, Password, WebRepl, DEFAULT_PORT,
};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let port = match args.next() {
        Some(port) => port
            .parse()
            .map_err(|_| std::io::Error::other("PORT must be a number"))?,
        None => DEFAULT_PORT,
    };
    let password = args.next().unwrap_or_else(|| "mote".into());
    let password = Password::new(password.as_bytes())
        .map_err(|_| std::io::Error::other("PASSWORD must have 4 to 9 characters"))?;

    let session = host::leak(EchoSession::default());
    let store = host::leak(MemoryStore::default());
    let password = host::leak(password);
    let app = host::leak(WebRepl::new(
        session,
        store,
        password,
        TokioDelay,
        Config::default(),
    ));
    let router = host::leak(mote_webrepl::router(app));
    let config = host::leak(picoserve::Config::const_default().keep_connection_alive());

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let local = tokio::task::LocalSet::new();
    local.block_on(&runtime, async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        eprintln!("WebREPL on ws://{}/", listener.local_addr()?);
        host::serve(listener, app, router, config).await
    })
}
