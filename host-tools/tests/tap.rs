//! End-to-end tests of the board's own network (`mote sim --tap`), each inside a network
//! namespace it creates and removes (`ip netns`): a bridge with an address in the namespace
//! only, TAP devices for the boards, a real DHCP server (`dnsmasq`), `ping`, a real mDNS client
//! (python-zeroconf, `MOTE_ZEROCONF_PYTHON`) and `mote scan`. Nothing is configured in the
//! root namespace.
//!
//! They need root (`CAP_NET_ADMIN`), `ip`, `dnsmasq` and `ping`: CI (scripts/test.sh, as root)
//! sets `MOTE_TAP_TESTS=1` and then they must run; elsewhere they say why they are skipped.

#[allow(dead_code)]
#[path = "../../tests/src/netns.rs"]
mod netns;

use netns::{run, Netns};
use std::io::{BufRead, BufReader, Read};
use std::net::Ipv4Addr;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const MOTE: &str = env!("CARGO_BIN_EXE_mote");

/// Whether these tests run here; `false` prints why not (and fails when CI asks for them).
fn enabled() -> bool {
    netns::tap_tests_enabled(&["dnsmasq", "ping"])
}

/// What only these tests start in a namespace.
impl Netns {
    /// Start dnsmasq on the bridge (leases 10.77.0.50-99, no DNS); its pid to stop it.
    fn dnsmasq(&mut self) -> u32 {
        self.dnsmasq_with(&["--port=0"])
    }

    /// Start a board: `net` is `--tap ...` arguments or empty (host sockets); `main` its
    /// `main.py`.
    fn board(&mut self, name: &str, net: &[&str], main: Option<&str>) -> Board {
        let flash = self.dir.join(format!("{name}.flash"));
        if let Some(source) = main {
            let file = self.dir.join(format!("{name}-main.py"));
            std::fs::write(&file, source).unwrap();
            run(Command::new(MOTE)
                .args(["image", "create", "--size", "2M"])
                .arg(&flash));
            run(Command::new(MOTE)
                .args(["image", "put"])
                .arg(&flash)
                .arg(&file)
                .arg("/main.py"));
        }
        let mut child = self
            .cmd(MOTE)
            .args(["sim", "--name", name, "--console", "pty", "--flash"])
            .arg(&flash)
            .args(net)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let shared = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = shared.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let pid = self.adopt(child).id();
        Board {
            name: name.into(),
            log,
            pid,
        }
    }

    /// `mote scan --json` (with `extra` arguments) in the namespace: the names that answered.
    fn scan(&self, extra: &[&str]) -> String {
        let out = run(self.cmd(MOTE).args(["scan", "--json"]).args(extra));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

/// A started board and its log (stderr: the `mote sim:` lines, the network's among them).
struct Board {
    name: String,
    log: Arc<Mutex<String>>,
    /// `mote sim`'s process (the board runs in a child of it).
    pid: u32,
}

impl Board {
    /// Wait for a log line containing `text`; the log so far.
    fn wait_log(&self, text: &str, secs: u64) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let log = self.log.lock().unwrap().clone();
            if log.contains(text) {
                return log;
            }
            assert!(
                Instant::now() < deadline,
                "{}: {text:?} not in the log:\n{log}",
                self.name
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Wait for the `count`-th log line containing `text`.
    fn wait_count(&self, text: &str, count: usize, secs: u64) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let log = self.log.lock().unwrap().clone();
            if log.matches(text).count() >= count {
                return log;
            }
            assert!(
                Instant::now() < deadline,
                "{}: {count} x {text:?} not in the log:\n{log}",
                self.name
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Processor time used so far by `mote sim` and every process below it, in clock ticks.
    fn cpu_ticks(&self) -> u64 {
        fn tree(pid: u32) -> u64 {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            // utime and stime: fields 14 and 15, counted after the parenthesised name.
            let fields: Vec<&str> = stat
                .rsplit_once(')')
                .map_or("", |(_, rest)| rest)
                .split_whitespace()
                .collect();
            let own: u64 = [11, 12]
                .iter()
                .filter_map(|&i| fields.get(i)?.parse::<u64>().ok())
                .sum();
            let children = std::fs::read_dir(format!("/proc/{pid}/task"))
                .into_iter()
                .flatten()
                .flatten()
                .filter_map(|t| std::fs::read_to_string(t.path().join("children")).ok())
                .flat_map(|c| {
                    c.split_whitespace()
                        .filter_map(|p| p.parse::<u32>().ok())
                        .collect::<Vec<_>>()
                })
                .map(tree)
                .sum::<u64>();
            own + children
        }
        tree(self.pid)
    }

    /// The address the board says it got from DHCP.
    fn dhcp_address(&self) -> Ipv4Addr {
        let log = self.wait_log("net: DHCP address ", 30);
        address_after(&log, "net: DHCP address ")
    }
}

/// The address in the last line of `log` that has `marker` before `ADDR/PREFIX`.
fn address_after(log: &str, marker: &str) -> Ipv4Addr {
    let line = log.lines().rev().find(|l| l.contains(marker)).unwrap();
    let rest = &line[line.find(marker).unwrap() + marker.len()..];
    rest.split('/').next().unwrap().parse().unwrap()
}

/// The TCP echo server the boards run, in Python, on port 7000.
const ECHO: &str = "\
import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('0.0.0.0', 7000))
s.listen(2)
while True:
    c, peer = s.accept()
    while True:
        data = c.recv(4096)
        if not data:
            break
        c.sendall(data)
    c.close()
";

/// A Python (CPython) client in the namespace: sends `size` bytes to `addr:7000` and checks
/// the echo; prints the throughput.
fn echo_client(ns: &Netns, addr: &str, size: usize) -> String {
    let script = format!(
        "
import socket, time, threading
data = bytes(range(256)) * ({size} // 256)
for attempt in range(100):
    try:
        s = socket.create_connection(('{addr}', 7000), timeout=5)
        break
    except OSError:
        time.sleep(0.1)
s.settimeout(20)
got = bytearray()
def reader():
    while len(got) < len(data):
        chunk = s.recv(65536)
        if not chunk:
            break
        got.extend(chunk)
t0 = time.perf_counter()
r = threading.Thread(target=reader); r.start()
s.sendall(data)
r.join()
dt = time.perf_counter() - t0
assert bytes(got) == data, (len(got), len(data))
print('echo ok %d bytes %.3f s %.2f MB/s' % (len(data), dt, len(data) / dt / 1e6))
"
    );
    let out = run(ns.cmd("python3").args(["-c", &script]));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `ping` from the namespace; panics unless every echo comes back (after one to fill the
/// board's neighbour cache: smoltcp drops the reply it cannot address yet).
fn ping(ns: &Netns, addr: &str) -> String {
    let _ = ns.cmd("ping").args(["-c", "1", "-W", "1", addr]).output();
    let out = run(ns
        .cmd("ping")
        .args(["-c", "3", "-i", "0.2", "-W", "2", addr]));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Resolve `name.local` with python-zeroconf in the namespace.
fn mdns_resolve(ns: &Netns, name: &str) -> Option<Ipv4Addr> {
    let python = std::env::var("MOTE_ZEROCONF_PYTHON").ok()?;
    let script = format!(
        "
from zeroconf import Zeroconf, InterfaceChoice
from zeroconf._utils.net import IPVersion
import socket
zc = Zeroconf(interfaces=['10.77.0.1'], ip_version=IPVersion.V4Only)
try:
    for attempt in range(5):
        info = zc.get_service_info('_webrepl._tcp.local.', '{name}._webrepl._tcp.local.', timeout=2000)
        if info and info.addresses:
            print('service', socket.inet_ntoa(info.addresses[0]), info.port)
            break
finally:
    zc.close()
"
    );
    let out = run(ns.cmd(&python).args(["-c", &script]));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = text.lines().find(|l| l.starts_with("service "))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A host-name (A record) query with python-zeroconf's own resolver for `<name>.local`.
fn mdns_host(ns: &Netns, name: &str) -> Option<Ipv4Addr> {
    let python = std::env::var("MOTE_ZEROCONF_PYTHON").ok()?;
    let script = format!(
        "
from zeroconf import Zeroconf
from zeroconf._utils.net import IPVersion
from zeroconf import AddressResolver
zc = Zeroconf(interfaces=['10.77.0.1'], ip_version=IPVersion.V4Only)
try:
    r = AddressResolver('{name}.local.')
    if r.request(zc, 3000):
        print('host', r.parsed_addresses()[0])
finally:
    zc.close()
"
    );
    let out = run(ns.cmd(&python).args(["-c", &script]));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = text.lines().find(|l| l.starts_with("host "))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn dhcp_ping_python_echo_mdns_and_a_scan_of_three_boards() {
    if !enabled() {
        return;
    }
    let mut ns = Netns::new("dhcp");
    ns.dnsmasq();
    let tap0 = ns.tap();
    let tap1 = ns.tap();
    let dhcp = ns.board("dhcpboard", &["--tap", &tap0], Some(ECHO));
    let fixed = ns.board(
        "fixedboard",
        &[
            "--tap",
            &tap1,
            "--ip",
            "10.77.0.20/24",
            "--gateway",
            "10.77.0.1",
            "--password",
            "pw",
        ],
        None,
    );
    let host = ns.board("hostboard", &["--port", "8400"], None);

    let addr = dhcp.dhcp_address();
    assert!(
        (50..=99).contains(&addr.octets()[3]) && addr.octets()[..3] == [10, 77, 0],
        "{addr} is not from dnsmasq's range"
    );
    fixed.wait_log("net: static address 10.77.0.20/24 via 10.77.0.1", 20);
    host.wait_log("discovery on the loopback group", 20);

    let p = ping(&ns, &addr.to_string());
    assert!(p.contains("3 received"), "{p}");
    let p = ping(&ns, "10.77.0.20");
    assert!(p.contains("3 received"), "{p}");

    let echo = echo_client(&ns, &addr.to_string(), 256 * 1024);
    assert!(echo.contains("echo ok 262144 bytes"), "{echo}");

    if std::env::var_os("MOTE_ZEROCONF_PYTHON").is_some() {
        assert_eq!(mdns_host(&ns, "dhcpboard"), Some(addr));
        assert_eq!(
            mdns_resolve(&ns, "fixedboard"),
            Some(Ipv4Addr::new(10, 77, 0, 20))
        );
    } else {
        assert!(
            std::env::var_os("MOTE_TAP_TESTS").is_none(),
            "CI must set MOTE_ZEROCONF_PYTHON"
        );
        eprintln!("mDNS not checked: MOTE_ZEROCONF_PYTHON is not set");
    }

    let found = ns.scan(&[]);
    for (name, at) in [
        ("dhcpboard", addr.to_string()),
        ("fixedboard", "10.77.0.20".into()),
        ("hostboard", "127.0.0.1".into()),
    ] {
        let line = found
            .lines()
            .find(|l| l.contains(&format!("\"name\": \"{name}\"")))
            .unwrap_or_else(|| panic!("{name} not found by mote scan:\n{found}"));
        assert!(line.contains(&format!("\"address\": \"{at}\"")), "{line}");
    }
    assert_eq!(found.lines().count(), 3, "{found}");
    // A board named on the command line is found by discovery (the client's seam): the TAP
    // board's WebREPL answers over embassy-net.
    let out = run(ns
        .cmd(MOTE)
        .env("HOME", &ns.dir)
        .env("XDG_CONFIG_HOME", &ns.dir)
        .args(["exec", "--password", "pw", "fixedboard", "print(6 * 7)"]));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "42");
    let one = ns.scan(&["--addr", "10.77.0.20"]);
    assert!(
        one.contains("fixedboard") && one.lines().count() == 1,
        "{one}"
    );
}

#[test]
fn without_dhcp_the_board_falls_back_and_recovers_after_the_link_comes_back() {
    if !enabled() {
        return;
    }
    let mut ns = Netns::new("fallback");
    let tap = ns.tap();
    let board = ns.board("lonely", &["--tap", &tap, "--dhcp-wait", "3"], Some(ECHO));
    let log = board.wait_log("net: no DHCP answer in 3 s; static fallback 169.254.", 20);
    let fallback = address_after(&log, "static fallback ");
    let p = ping(&ns, &fallback.to_string());
    assert!(p.contains("3 received"), "{p}");
    let echo = echo_client(&ns, &fallback.to_string(), 64 * 1024);
    assert!(echo.contains("echo ok"), "{echo}");

    // A DHCP server appears; the link drops and comes back: the board asks again and gets a
    // lease.
    ns.dnsmasq();
    ns.sh(&format!("ip link set {tap} down"));
    board.wait_log("net: link lost", 10);
    ns.sh(&format!("ip link set {tap} up"));
    let addr = board.dhcp_address();
    let p = ping(&ns, &addr.to_string());
    assert!(p.contains("3 received"), "{p}");

    // The server goes away; after the next link drop the board falls back again.
    ns.sh(&format!(
        "kill $(cat {})",
        ns.dir.join("dnsmasq.pid").display()
    ));
    ns.sh(&format!(
        "ip link set {tap} down; sleep 0.5; ip link set {tap} up"
    ));
    board.wait_count("static fallback 169.254.", 2, 20);
    let p = ping(&ns, &fallback.to_string());
    assert!(p.contains("3 received"), "{p}");
}

#[test]
fn a_dhcp_server_that_starts_late_is_found_while_the_board_keeps_its_fallback() {
    if !enabled() {
        return;
    }
    let mut ns = Netns::new("late");
    let tap = ns.tap();
    let board = ns.board("late", &["--tap", &tap, "--dhcp-wait", "3"], None);
    let log = board.wait_log("net: no DHCP answer in 3 s; static fallback 169.254.", 20);
    let fallback = address_after(&log, "static fallback ");
    // The first look for a server (2 s after the fallback) is under way: the fallback answers.
    std::thread::sleep(Duration::from_millis(2500));
    let p = ping(&ns, &fallback.to_string());
    assert!(p.contains("3 received"), "{p}");

    // A server starts: a later look finds it, with no link drop, and the board takes a lease.
    ns.dnsmasq();
    let started = Instant::now();
    let log = board.wait_log("net: DHCP address ", 20);
    eprintln!("leased {:?} after dnsmasq started", started.elapsed());
    assert!(log.contains("net: DHCP server 10.77.0.1 answered"), "{log}");
    assert!(!log.contains("link lost"), "{log}");
    assert_eq!(log.matches("static fallback").count(), 1, "{log}");
    let addr = address_after(&log, "net: DHCP address ");
    assert!(
        addr.octets()[..3] == [10, 77, 0] && (50..100).contains(&addr.octets()[3]),
        "{addr} is not from dnsmasq's range"
    );
    let p = ping(&ns, &addr.to_string());
    assert!(p.contains("3 received"), "{p}");
}

#[test]
fn a_dhcp_server_that_goes_away_is_noticed_and_the_board_falls_back() {
    if !enabled() {
        return;
    }
    let mut ns = Netns::new("gone");
    let tap = ns.tap();
    let dnsmasq = ns.dnsmasq();
    // dnsmasq leases for 2 minutes at least; the board renews as if leases lasted 4 s.
    let net = ["--tap", &tap, "--dhcp-wait", "3", "--dhcp-max-lease", "4"];
    let board = ns.board("gone", &net, None);
    let addr = board.dhcp_address();
    // Renewals (every 2 s) keep the lease while the server is there.
    std::thread::sleep(Duration::from_secs(5));
    let p = ping(&ns, &addr.to_string());
    assert!(p.contains("3 received"), "{p}");
    assert!(!board.log.lock().unwrap().contains("lease lost"));

    ns.sh(&format!("kill {dnsmasq}"));
    let killed = Instant::now();
    board.wait_log("net: DHCP lease lost", 10);
    let log = board.wait_log("static fallback 169.254.", 10);
    eprintln!("fell back {:?} after dnsmasq stopped", killed.elapsed());
    let fallback = address_after(&log, "static fallback ");
    let p = ping(&ns, &fallback.to_string());
    assert!(p.contains("3 received"), "{p}");
}

#[test]
fn an_idle_board_on_tap_leaves_the_processor_idle() {
    if !enabled() {
        return;
    }
    let mut ns = Netns::new("idle");
    let tap = ns.tap();
    let board = ns.board("idle", &["--tap", &tap, "--ip", "10.77.0.20/24"], None);
    board.wait_log("net: WebREPL on port", 20);
    let p = ping(&ns, "10.77.0.20");
    assert!(p.contains("3 received"), "{p}");
    // Two tasks once waited on the stack's one state waker and woke each other for ever: the
    // network thread spun at half a core with nothing to do. Idle, it must take next to none.
    std::thread::sleep(Duration::from_secs(1));
    let before = board.cpu_ticks();
    std::thread::sleep(Duration::from_secs(3));
    let used = board.cpu_ticks() - before;
    // Clock ticks are 1/100 s: 30 ticks in 3 s is 10 % of a core; the spin took 150 or more.
    assert!(used < 30, "an idle board used {used} ticks in 3 s");
}

#[test]
fn malformed_packets_and_a_query_flood_do_not_stop_the_board() {
    if !enabled() {
        return;
    }
    let mut ns = Netns::new("flood");
    let tap = ns.tap();
    let board = ns.board(
        "sturdy",
        &["--tap", &tap, "--ip", "10.77.0.30/24"],
        Some(ECHO),
    );
    board.wait_log("net: static address 10.77.0.30/24", 20);
    // 20000 datagrams at discovery and mDNS: truncated, random, oversized, and valid
    // discovery queries as fast as Python sends them.
    let script = "
import os, socket, struct
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
query = b'MOTE\\x01\\x01' + b'\\0\\0\\0\\1'
mdns = bytes.fromhex('000000000001000000000000') + b'\\x06sturdy\\x05local\\x00\\x00\\x01\\x00\\x01'
sent = 0
for i in range(5000):
    for port, data in ((8267, query), (8267, os.urandom(i % 80)), (5353, mdns[: i % len(mdns)]),
                       (5353, os.urandom(i % 1400))):
        try:
            s.sendto(data, ('10.77.0.30', port)); sent += 1
        except OSError:
            pass
print('sent', sent)
";
    let out = run(ns.cmd("python3").args(["-c", script]));
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(stdout.contains("sent"), "{stdout}{stderr}");
    // The board may still be working through the flood's backlog in its TAP queue (a debug
    // build on a loaded machine: over a second), dropping datagrams meanwhile, so the scan
    // waits (and asks again) longer than its 1 s default.
    let one = ns.scan(&["--addr", "10.77.0.30", "--wait", "5"]);
    assert!(one.contains("sturdy"), "{one}");
    let p = ping(&ns, "10.77.0.30");
    assert!(p.contains("3 received"), "{p}");
    let echo = echo_client(&ns, "10.77.0.30", 64 * 1024);
    assert!(echo.contains("echo ok"), "{echo}");
    if std::env::var_os("MOTE_ZEROCONF_PYTHON").is_some() {
        assert_eq!(mdns_host(&ns, "sturdy"), Some(Ipv4Addr::new(10, 77, 0, 30)));
    }
}

/// An asyncio echo server on port 7000, and at start a client connection from the board to
/// the host (10.77.0.1:7100, retried until the board has its address) and a UDP datagram to
/// 10.77.0.1:7101.
const ASYNCIO_ECHO: &str = "\
import asyncio, socket, time
# The script may start before the network has its address: try for a while, as a board would.
for attempt in range(100):
    c = socket.socket()
    try:
        c.connect(('10.77.0.1', 7100))
        break
    except OSError:
        c.close()
        time.sleep(0.1)
c.sendall(b'hello from the board')
c.close()
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.sendto(b'datagram from the board', ('10.77.0.1', 7101))
u.close()
async def handle(r, w):
    while True:
        data = await r.read(4096)
        if not data:
            break
        w.write(data)
        await w.drain()
    w.close()
async def main():
    await asyncio.start_server(handle, '0.0.0.0', 7000)
    while True:
        await asyncio.sleep(3600)
asyncio.run(main())
";

#[test]
fn asyncio_server_and_outgoing_tcp_and_udp_from_python_on_the_board() {
    if !enabled() {
        return;
    }
    let mut ns = Netns::new("asyncio");
    let tap = ns.tap();
    // The host side listens first: a TCP server and a UDP socket that print what they get.
    let mut listener = ns
        .cmd("python3")
        .args([
            "-c",
            "
import socket
t = socket.socket(); t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
t.bind(('10.77.0.1', 7100)); t.listen(1)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('10.77.0.1', 7101))
print('listening', flush=True)
t.settimeout(30); u.settimeout(30)
c, _ = t.accept(); got = b''
while True:
    d = c.recv(100)
    if not d: break
    got += d
print(got.decode()); print(u.recv(100).decode(), flush=True)
",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(listener.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "listening");
    let board = ns.board(
        "asyncboard",
        &["--tap", &tap, "--ip", "10.77.0.40/24"],
        Some(ASYNCIO_ECHO),
    );
    board.wait_log("net: static address 10.77.0.40/24", 20);
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    assert!(listener.wait().unwrap().success());
    assert_eq!(rest, "hello from the board\ndatagram from the board\n");
    let echo = echo_client(&ns, "10.77.0.40", 128 * 1024);
    assert!(echo.contains("echo ok 131072 bytes"), "{echo}");
}

#[test]
fn names_resolve_through_the_dns_server_dhcp_gave_and_ifconfig_reports_the_lease() {
    if !enabled() {
        return;
    }
    let mut ns = Netns::new("dns");
    // dnsmasq as DHCP and DNS server (it hands itself out as the DNS server).
    ns.dnsmasq_with(&[
        "--no-resolv",
        "--no-hosts",
        "--address=/updates.example/10.77.0.7",
    ]);
    let tap = ns.tap();
    let listener = "
import socket
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('10.77.0.1', 7101))
print('listening', flush=True)
u.settimeout(30)
print(u.recv(200).decode(), flush=True)
";
    let mut listener = ns
        .cmd("python3")
        .args(["-c", listener])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(listener.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "listening");
    let main = "
import network, socket, time
for attempt in range(100):
    try:
        ip = socket.getaddrinfo('updates.example', 80)[0][-1][0]
        break
    except OSError as e:
        ip = repr(e)
        time.sleep(0.2)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
line = 'resolved %s %s' % (ip, network.WLAN(network.STA_IF).ifconfig())
u.sendto(line.encode(), ('10.77.0.1', 7101))
u.close()
";
    let board = ns.board("dnsboard", &["--tap", &tap], Some(main));
    let lease = board.dhcp_address();
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    assert!(listener.wait().unwrap().success());
    // dnsmasq gives a /24 and names itself the router and the DNS server.
    assert_eq!(
        rest.trim(),
        format!("resolved 10.77.0.7 ('{lease}', '255.255.255.0', '10.77.0.1', '10.77.0.1')")
    );
}
