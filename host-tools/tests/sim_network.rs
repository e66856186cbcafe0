//! `mote sim` end to end: what the board tells Python about itself (`os.uname()`, `help()`,
//! `network.WLAN` with the host link as its station) and Python's sockets on the board reaching
//! the host's loopback both ways.

mod sim_common;

use sim_common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

#[test]
fn uname_and_help_describe_the_board() {
    let dir = scratch_dir("uname");
    let board = Board::start(&dir.join("b.flash"), "tcp:0", &["--name", "bench-7"]);
    let mut term = board.connect();
    term.prompt();
    assert_eq!(
        term.line("import os; u = os.uname(); print(u.sysname, u.nodename, u.machine)"),
        "mote bench-7 mote-sim with mote-vm\r\n"
    );
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        term.line("print(u.release, u.version, u[1], len(u), isinstance(u, tuple))"),
        format!("{version} mote {version} bench-7 5 True\r\n")
    );
    let help = term.line("help()");
    assert!(
        help.contains("CTRL-C        -- interrupt a running program"),
        "{help}"
    );
    assert!(help.contains("help('modules')"), "{help}");
    let modules = term.line("help('modules')");
    for name in ["machine", "network", "os", "socket", "asyncio", "time"] {
        assert!(
            modules.split_whitespace().any(|m| m == name),
            "{name} missing from {modules}"
        );
    }
    assert!(modules.ends_with("Plus any modules on the filesystem\r\n"));
    let about = term.line("import machine; help(machine.Pin)");
    assert!(
        about.starts_with("object <class 'Pin'> is of type type\r\n") && about.contains("  on -- "),
        "{about}"
    );
}

#[test]
fn wlan_station_is_the_host_link() {
    let dir = scratch_dir("wlan");
    let board = Board::start(&dir.join("b.flash"), "tcp:0", &[]);
    let mut term = board.connect();
    term.prompt();
    term.line("import network, machine");
    term.line("sta = network.WLAN(network.STA_IF)");
    assert_eq!(
        term.line("print(sta.active(), sta.isconnected(), sta.status() == network.STAT_GOT_IP)"),
        "True True True\r\n"
    );
    assert_eq!(
        term.line("print(sta.ifconfig())"),
        "('127.0.0.1', '255.0.0.0', '127.0.0.1', '127.0.0.1')\r\n"
    );
    assert_eq!(
        term.line("print(sta.config('mac') == machine.unique_id(), len(sta.config('mac')))"),
        "True 6\r\n"
    );
    // Down and up again, disconnect and connect.
    term.line("sta.active(False)");
    assert_eq!(
        term.line("print(sta.active(), sta.isconnected(), sta.status() == network.STAT_IDLE, sta.ifconfig()[0])"),
        "False False True 0.0.0.0\r\n"
    );
    assert!(term
        .line("sta.connect('lab', 'pw')")
        .contains("OSError: [Errno 1]"));
    term.line("sta.active(True)");
    term.line("sta.disconnect()");
    assert_eq!(term.line("print(sta.isconnected())"), "False\r\n");
    term.line("sta.connect('lab', 'secret')");
    assert_eq!(
        term.line("print(sta.isconnected(), sta.config('ssid'), sta.scan())"),
        "True lab []\r\n"
    );
    // The access point exists, stays down; unknown things are errors, not crashes.
    term.line("ap = network.WLAN(network.AP_IF)");
    assert_eq!(
        term.line("ap.active(False); print(ap.active())"),
        "False\r\n"
    );
    assert!(term.line("ap.active(True)").contains("OSError"));
    assert!(term.line("sta.config('nope')").contains("ValueError"));
    assert!(term.line("network.WLAN(7)").contains("ValueError"));
    assert!(term
        .line("sta.ifconfig(('10.0.0.2', '255.0.0.0', '10.0.0.1', '10.0.0.1'))")
        .contains("OSError"));
    assert!(term.line("sta.ifconfig(('x',))").contains("ValueError"));
    assert_eq!(term.line("print(repr(sta))"), "<WLAN STA_IF>\r\n");
}

/// The port a board script printed as `listening PORT`.
fn listening_port(term: &mut Term) -> u16 {
    loop {
        let got = term.until(b"\r\n");
        let text = String::from_utf8_lossy(&got);
        if let Some(port) = text.trim().strip_prefix("listening ") {
            return port.parse().unwrap();
        }
    }
}

/// Run `script` in paste mode, as a person pastes a program at the prompt.
fn paste(term: &mut Term, script: &str) {
    term.send(b"\x05");
    term.until(b"===");
    term.send(script.replace('\n', "\r").as_bytes());
    term.send(b"\x04");
}

fn echo_upper(port: u16) {
    let mut c = TcpStream::connect(("127.0.0.1", port)).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    c.write_all(b"hello board\n").unwrap();
    let mut line = String::new();
    BufReader::new(&c).read_line(&mut line).unwrap();
    assert_eq!(line, "HELLO BOARD\n");
}

#[test]
fn a_board_script_serves_tcp_on_loopback() {
    let server = "import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', 0))
s.listen(1)
print('listening', s.getsockname()[1])
c, a = s.accept()
d = b''
while not d.endswith(b'\\n'):
    d += c.recv(64)
c.sendall(d.upper())
c.close()
s.close()
print('served', a[0])
";
    let aserver = "import asyncio
async def echo(r, w):
    d = await r.readline()
    w.write(d.upper())
    await w.drain()
    w.close()
    done.set()
async def main():
    global done
    done = asyncio.Event()
    srv = await asyncio.start_server(echo, '127.0.0.1', 0)
    print('listening', srv.sockets[0].getsockname()[1])
    await done.wait()
    srv.close()
    print('served')
asyncio.run(main())
";
    let dir = scratch_dir("serve");
    let board = Board::start(&dir.join("b.flash"), "tcp:0", &[]);
    let mut term = board.connect();
    term.prompt();
    paste(&mut term, server);
    let port = listening_port(&mut term);
    echo_upper(port);
    let rest = term.until(b">>> ");
    assert!(
        String::from_utf8_lossy(&rest).contains("served 127.0.0.1"),
        "{}",
        String::from_utf8_lossy(&rest)
    );
    // The console stays served while the script waits on its socket: Ctrl-C ends the wait.
    paste(&mut term, server);
    listening_port(&mut term);
    term.send(b"\x03");
    let stopped = term.until(b">>> ");
    assert!(
        String::from_utf8_lossy(&stopped).contains("KeyboardInterrupt"),
        "{}",
        String::from_utf8_lossy(&stopped)
    );
    paste(&mut term, aserver);
    let port = listening_port(&mut term);
    echo_upper(port);
    let rest = term.until(b">>> ");
    assert!(String::from_utf8_lossy(&rest).contains("served"));
}

#[test]
fn a_board_script_connects_out_to_the_host() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let host = std::thread::spawn(move || {
        let (mut c, _) = listener.accept().unwrap();
        c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut got = [0u8; 5];
        c.read_exact(&mut got).unwrap();
        c.write_all(b"pong:").unwrap();
        c.write_all(&got).unwrap();
    });
    let dir = scratch_dir("client");
    let board = Board::start(&dir.join("b.flash"), "tcp:0", &[]);
    let mut term = board.connect();
    term.prompt();
    term.line("import socket");
    term.line("c = socket.socket()");
    term.line(&format!("c.connect(('127.0.0.1', {port}))"));
    term.line("c.sendall(b'ping!')");
    term.line("b = b''");
    let mut reply = String::new();
    for _ in 0..20 {
        reply = term.line("b += c.recv(64); print(b)");
        if reply.contains("pong:ping!") {
            break;
        }
    }
    assert_eq!(reply, "b'pong:ping!'\r\n");
    host.join().unwrap();
}
