//! `mote scan`: find boards with the discovery protocol (`mote_netstack::wire::discovery`).
//!
//! The query goes to the discovery group (239.255.82.67, UDP 8267) on every IPv4 interface of
//! this machine, loopback included (where boards on host sockets answer), and to the subnet
//! broadcast addresses; `--addr IP[:PORT]` asks one address directly instead (across
//! subnets, or one host-socket board at its own port). The query is asked again every 250 ms
//! within `--wait`, and every answer to our token is listed once per board (by unique id): a
//! table, or JSON lines with `--json`.
//! [`resolve`] is the same search for one name, for commands that take a board by name.

use std::collections::BTreeMap;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4, UdpSocket};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Args;
use mote_netstack::wire::discovery::{Answer, Query, GROUP, PORT, QUERY_LEN};

/// Arguments of `mote scan`.
#[derive(Args)]
pub struct ScanArgs {
    /// Look for this board only and print its HOST:PORT (exit status 1 when none answers).
    name: Option<String>,
    /// Ask this address only (IP or IP:PORT; the port defaults to 8267).
    #[arg(long, value_name = "IP[:PORT]")]
    addr: Option<String>,
    /// How long to wait for answers, in seconds.
    #[arg(long, default_value_t = 1.0)]
    wait: f64,
    /// One JSON object per board, one per line.
    #[arg(long)]
    json: bool,
}

/// A board that answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Its name.
    pub name: String,
    /// Its address, as it says (`0.0.0.0` before it has one: then the answer's source).
    pub address: Ipv4Addr,
    /// The TCP port of its servers.
    pub port: u16,
    /// Its unique id.
    pub unique_id: [u8; 6],
    /// Its firmware version.
    pub firmware: String,
    /// Seconds since it powered on.
    pub uptime_s: u32,
}

/// Runs `mote scan`.
pub fn run(args: ScanArgs) -> ExitCode {
    let targets = match &args.addr {
        Some(a) => match parse_target(a) {
            Some(t) => Targets::One(t),
            None => {
                eprintln!("mote scan: --addr wants IP or IP:PORT, not {a:?}");
                return ExitCode::from(2);
            }
        },
        None => Targets::Everywhere,
    };
    let wait = Duration::from_secs_f64(args.wait.clamp(0.05, 60.0));
    if let Some(name) = &args.name {
        return match resolve(name, wait) {
            Ok(Some(at)) => {
                println!("{at}");
                ExitCode::SUCCESS
            }
            Ok(None) => {
                eprintln!("mote scan: no board named {name} answered");
                ExitCode::from(1)
            }
            Err(e) => {
                eprintln!("mote scan: {e}");
                ExitCode::from(1)
            }
        };
    }
    let found = match scan(&targets, wait) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("mote scan: {e}");
            return ExitCode::from(1);
        }
    };
    if args.json {
        for f in &found {
            println!("{}", json(f));
        }
    } else if found.is_empty() {
        eprintln!(
            "mote scan: no board answered in {:.1} s",
            wait.as_secs_f64()
        );
    } else {
        print_table(&found);
    }
    ExitCode::SUCCESS
}

/// Where to ask.
pub enum Targets {
    /// The group on every interface, and the subnets' broadcast addresses.
    Everywhere,
    /// One address.
    One(SocketAddrV4),
}

/// Parse `IP` or `IP:PORT`.
pub fn parse_target(s: &str) -> Option<SocketAddrV4> {
    if let Ok(ip) = s.parse::<Ipv4Addr>() {
        return Some(SocketAddrV4::new(ip, PORT));
    }
    s.parse().ok()
}

/// Time between repeats of the query within the wait: a query dropped on the way (a board
/// whose socket buffer is full of other datagrams, a busy link) costs one interval, not the
/// board's place in the list. Answers are listed once per board however many arrive.
const ASK_AGAIN_EVERY: Duration = Duration::from_millis(250);

/// Ask `targets` and collect the answers that arrive within `wait`, sorted by name.
pub fn scan(targets: &Targets, wait: Duration) -> io::Result<Vec<Found>> {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))?;
    if let Targets::Everywhere = targets {
        socket2::SockRef::from(&socket).set_broadcast(true)?;
    }
    let token: u32 = rand_token();
    let mut query = [0u8; QUERY_LEN];
    let len = Query { token }
        .emit(&mut query)
        .map_err(|e| io::Error::other(e.to_string()))?;
    let query = &query[..len];
    ask(&socket, targets, query)?;
    Ok(collect(&socket, token, wait, || {
        let _ = ask(&socket, targets, query);
    }))
}

/// Send `query` to `targets`; an error when not one datagram went out.
fn ask(socket: &UdpSocket, targets: &Targets, query: &[u8]) -> io::Result<()> {
    let mut sent = 0;
    let mut last_error = None;
    let mut send = |to: SocketAddrV4| match socket.send_to(query, to) {
        Ok(_) => sent += 1,
        Err(e) => last_error = Some(e),
    };
    match targets {
        Targets::One(to) => send(*to),
        Targets::Everywhere => {
            let socket2 = socket2::SockRef::from(socket);
            for (ip, broadcast) in interfaces()? {
                if socket2.set_multicast_if_v4(&ip).is_ok() {
                    send(SocketAddrV4::new(Ipv4Addr::from(GROUP), PORT));
                }
                if let Some(b) = broadcast {
                    send(SocketAddrV4::new(b, PORT));
                }
            }
        }
    }
    if sent == 0 {
        return Err(last_error.unwrap_or_else(|| io::Error::other("no interface to ask on")));
    }
    Ok(())
}

/// The IPv4 addresses of this machine's interfaces and their broadcast addresses.
fn interfaces() -> io::Result<Vec<(Ipv4Addr, Option<Ipv4Addr>)>> {
    let mut out = Vec::new();
    for iface in if_addrs::get_if_addrs()? {
        if let if_addrs::IfAddr::V4(v4) = iface.addr {
            out.push((v4.ip, v4.broadcast));
        }
    }
    Ok(out)
}

/// The answers to `token` that arrive within `wait`, calling `ask_again` every
/// [`ASK_AGAIN_EVERY`] meanwhile.
fn collect(
    socket: &UdpSocket,
    token: u32,
    wait: Duration,
    mut ask_again: impl FnMut(),
) -> Vec<Found> {
    let deadline = Instant::now() + wait;
    let mut next_ask = Instant::now() + ASK_AGAIN_EVERY;
    let mut boards = BTreeMap::new();
    let mut buf = [0u8; 512];
    loop {
        let now = Instant::now();
        if now >= deadline {
            break;
        }
        if now >= next_ask {
            ask_again();
            next_ask = now + ASK_AGAIN_EVERY;
        }
        let until = deadline.min(next_ask);
        let left = until
            .saturating_duration_since(now)
            .max(Duration::from_millis(1));
        if socket.set_read_timeout(Some(left)).is_err() {
            break;
        }
        let (n, from) = match socket.recv_from(&mut buf) {
            Ok(got) => got,
            // The wait until the next question or the deadline is over.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                continue
            }
            // An ICMP "port unreachable" for a query nobody took: keep listening.
            Err(_) => continue,
        };
        let Some(answer) = buf.get(..n).and_then(|b| Answer::parse(b).ok()) else {
            continue;
        };
        if answer.token != token {
            continue;
        }
        let mut address = Ipv4Addr::from(answer.address);
        if address.is_unspecified() {
            if let SocketAddr::V4(v4) = from {
                address = *v4.ip();
            }
        }
        let found = Found {
            name: answer.name.to_string(),
            address,
            port: answer.port,
            unique_id: answer.unique_id,
            firmware: answer.firmware.to_string(),
            uptime_s: answer.uptime_s,
        };
        boards.insert(answer.unique_id, found);
    }
    let mut list: Vec<Found> = boards.into_values().collect();
    list.sort_by(|a, b| (&a.name, a.address).cmp(&(&b.name, b.address)));
    list
}

/// Find board `name` (its discovery name, or `name.local`) and return where its servers are.
pub fn resolve(name: &str, wait: Duration) -> io::Result<Option<SocketAddrV4>> {
    let name = name.strip_suffix(".local").unwrap_or(name);
    let found = scan(&Targets::Everywhere, wait)?;
    Ok(found
        .into_iter()
        .find(|f| f.name == name)
        .map(|f| SocketAddrV4::new(f.address, f.port)))
}

fn rand_token() -> u32 {
    let mut b = [0u8; 4];
    if getrandom::fill(&mut b).is_err() {
        return std::process::id() ^ Instant::now().elapsed().subsec_nanos();
    }
    u32::from_le_bytes(b)
}

fn hex(id: &[u8; 6]) -> String {
    id.iter().map(|b| format!("{b:02x}")).collect()
}

fn print_table(found: &[Found]) {
    let name_w = found.iter().map(|f| f.name.len()).max().unwrap_or(4).max(4);
    println!(
        "{:<name_w$}  {:<21}  {:<12}  {:<10}  UPTIME",
        "NAME", "ADDRESS", "UNIQUE ID", "FIRMWARE"
    );
    for f in found {
        println!(
            "{:<name_w$}  {:<21}  {:<12}  {:<10}  {}",
            f.name,
            format!("{}:{}", f.address, f.port),
            hex(&f.unique_id),
            f.firmware,
            uptime(f.uptime_s)
        );
    }
}

fn uptime(s: u32) -> String {
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m{:02}s", s / 60, s % 60),
        _ => format!("{}h{:02}m", s / 3600, s / 60 % 60),
    }
}

fn json(f: &Found) -> String {
    format!(
        "{{\"name\": {}, \"address\": \"{}\", \"port\": {}, \"unique_id\": \"{}\", \"firmware\": {}, \"uptime_s\": {}}}",
        json_string(&f.name),
        f.address,
        f.port,
        hex(&f.unique_id),
        json_string(&f.firmware),
        f.uptime_s
    )
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse() {
        assert_eq!(
            parse_target("10.0.0.2"),
            Some(SocketAddrV4::new(Ipv4Addr::new(10, 0, 0, 2), 8267))
        );
        assert_eq!(
            parse_target("127.0.0.1:8300"),
            Some(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 8300))
        );
        assert_eq!(parse_target("board.local"), None);
    }

    #[test]
    fn json_escapes_names() {
        let f = Found {
            name: "a\"b\\c\n".into(),
            address: Ipv4Addr::new(10, 0, 0, 2),
            port: 8266,
            unique_id: [1, 2, 3, 4, 5, 0xab],
            firmware: "0.1.0".into(),
            uptime_s: 61,
        };
        assert_eq!(
            json(&f),
            r#"{"name": "a\"b\\c\u000a", "address": "10.0.0.2", "port": 8266, "unique_id": "0102030405ab", "firmware": "0.1.0", "uptime_s": 61}"#
        );
        assert_eq!(uptime(61), "1m01s");
    }
}
