//! `BOARD` on the command line: `host[:port]`, `[v6]:port`, `ws://host:port/`, or a name.
//!
//! A name is looked up first in the user's boards.toml, then by discovery on the local
//! network ([`discover`]); a word found in neither is taken as a host name for DNS.

use std::fmt;
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

use super::config::Boards;
use super::BoardError;

/// The WebREPL's port when `BOARD` names none (MicroPython's).
pub const DEFAULT_PORT: u16 = mote_webrepl::DEFAULT_PORT;

/// How long connecting to one address may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Where a board listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// A host name or an IP address (IPv6 without brackets).
    pub host: String,
    /// The board's one port (WebREPL and HTTP).
    pub port: u16,
    /// The name the user called the board by, if it came from boards.toml or discovery.
    pub name: Option<String>,
}

impl Address {
    /// Parses `host[:port]`, `[v6]:port`, a bare IPv6 address or `ws://host[:port]/`.
    pub fn parse(text: &str) -> Option<Address> {
        let rest = match text.strip_prefix("ws://") {
            Some(rest) => rest.split('/').next().unwrap_or(rest),
            None if text.contains("://") => return None,
            None => text,
        };
        let (host, port) = if let Some(bracketed) = rest.strip_prefix('[') {
            let (host, after) = bracketed.split_once(']')?;
            match after {
                "" => (host, DEFAULT_PORT),
                _ => (host, after.strip_prefix(':')?.parse().ok()?),
            }
        } else if rest.matches(':').count() > 1 {
            (rest, DEFAULT_PORT)
        } else {
            match rest.split_once(':') {
                Some((host, port)) => (host, port.parse().ok()?),
                None => (rest, DEFAULT_PORT),
            }
        };
        let plausible = |c: char| c.is_ascii_alphanumeric() || "-._:%".contains(c);
        if host.is_empty() || !host.chars().all(plausible) || port == 0 {
            return None;
        }
        Some(Address {
            host: host.into(),
            port,
            name: None,
        })
    }

    /// Opens a TCP connection, trying each address the host resolves to.
    pub fn connect(&self) -> Result<TcpStream, BoardError> {
        let unreachable = |reason: String| BoardError::Unreachable {
            board: self.to_string(),
            reason,
        };
        let addrs: Vec<SocketAddr> = (self.host.as_str(), self.port)
            .to_socket_addrs()
            .map_err(|e| unreachable(e.to_string()))?
            .collect();
        let mut last = String::from("the name resolves to no address");
        for addr in addrs {
            match TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT) {
                Ok(stream) => {
                    // Keystrokes and protocol turns are small: send them now.
                    stream
                        .set_nodelay(true)
                        .map_err(|e| unreachable(e.to_string()))?;
                    return Ok(stream);
                }
                Err(e) => last = e.to_string(),
            }
        }
        Err(unreachable(last))
    }

    /// `host:port` as an HTTP `Host` header wants it.
    pub fn authority(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.name {
            Some(name) => write!(f, "{name} ({})", self.authority()),
            None => f.write_str(&self.authority()),
        }
    }
}

/// Where `board` is: a name in boards.toml, a board found by discovery, or an address.
pub fn resolve(board: &str, boards: &Boards) -> Result<Address, BoardError> {
    if let Some(entry) = boards.named(board) {
        let mut address = Address::parse(&entry.address).ok_or_else(|| {
            BoardError::Config(format!(
                "{}: board {board:?} has the address {:?}, which is not HOST[:PORT] or \
                 ws://HOST:PORT/",
                boards.path_text(),
                entry.address
            ))
        })?;
        address.name = Some(board.into());
        return Ok(address);
    }
    if looks_like_a_board_name(board) {
        if let Some(address) = discover(board) {
            return Ok(address);
        }
    }
    Address::parse(board).ok_or_else(|| BoardError::BadBoard(board.into()))
}

/// Whether `board` may be a name boards answer discovery to (`kitchen`, `kitchen.local`),
/// so an address or a DNS name never waits for discovery.
fn looks_like_a_board_name(board: &str) -> bool {
    let word = board.strip_suffix(".local").unwrap_or(board);
    !word.is_empty()
        && word != "localhost"
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !word.chars().all(|c| c.is_ascii_digit())
}

/// How long a name is looked for by discovery before it is taken as a host name.
const DISCOVERY_WAIT: Duration = Duration::from_millis(700);

/// Boards found on the local network by name (`mote scan`'s discovery): the address of the
/// board called `name` (or `name.local`), if one answers within [`DISCOVERY_WAIT`].
fn discover(name: &str) -> Option<Address> {
    let at = crate::scan::resolve(name, DISCOVERY_WAIT).ok()??;
    Some(Address {
        host: at.ip().to_string(),
        port: at.port(),
        name: Some(name.into()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Option<(String, u16)> {
        Address::parse(text).map(|a| (a.host, a.port))
    }

    #[test]
    fn parses_the_three_spellings() {
        let at = |h: &str, p| Some((h.to_string(), p));
        assert_eq!(parse("192.168.4.1"), at("192.168.4.1", 8266));
        assert_eq!(parse("board.local:8300"), at("board.local", 8300));
        assert_eq!(parse("ws://10.0.0.7:8266/"), at("10.0.0.7", 8266));
        assert_eq!(parse("ws://10.0.0.7"), at("10.0.0.7", 8266));
        assert_eq!(parse("[::1]:9000"), at("::1", 9000));
        assert_eq!(parse("[::1]"), at("::1", 8266));
        assert_eq!(parse("fe80::1"), at("fe80::1", 8266));
        assert_eq!(parse("kitchen"), at("kitchen", 8266));
    }

    #[test]
    fn refuses_what_is_no_address() {
        for bad in [
            "",
            "host:",
            "host:0",
            "host:99999",
            "host:port",
            "http://x/",
            "wss://x/",
            "[::1",
            "a b",
            "x;rm",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_plain_words_are_asked_of_discovery() {
        for name in ["kitchen", "mote-949d94", "kitchen.local", "lab_2"] {
            assert!(looks_like_a_board_name(name), "{name}");
        }
        for other in [
            "localhost",
            "10.0.0.1",
            "board.example.com",
            "h:1",
            "ws://x/",
            "",
            "123",
        ] {
            assert!(!looks_like_a_board_name(other), "{other}");
        }
    }

    #[test]
    fn labels_say_name_and_address() {
        let mut address = Address::parse("[::1]:9000").unwrap();
        assert_eq!(address.to_string(), "[::1]:9000");
        address.name = Some("lab".into());
        assert_eq!(address.to_string(), "lab ([::1]:9000)");
    }
}
