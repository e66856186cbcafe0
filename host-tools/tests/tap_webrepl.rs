//! The WebREPL and the HTTP file API of a TAP board (`mote sim --tap`, the board's own
//! `embassy-net` stack), end to end, inside a network namespace each test creates and removes:
//! the scenarios of `webrepl.rs` (login, code, Ctrl-C, raw REPL, soft reset, puts and gets of
//! 0 B to 1 MiB with both clients' framings, a second client refused, the HTTP file API) run
//! unchanged against it; `/info` and discovery report its TAP address (static or from DHCP);
//! `mote exec`, `mote run --board` and `mote fs` reach it.
//!
//! The test thread enters the namespace ([`netns::Netns::enter`]), so the clients' sockets
//! and the processes it starts are inside. Root only: CI (scripts/test.sh) sets
//! `MOTE_TAP_TESTS=1` and then they must run; elsewhere they say why they are skipped.

#[allow(dead_code)]
#[path = "../../tests/src/webrepl_client.rs"]
mod client;
#[allow(dead_code)]
#[path = "../../tests/src/netns.rs"]
mod netns;
#[allow(dead_code)]
mod webrepl_scenarios;

use client::{basic_auth, http, SimBoard};
use netns::{Inside, Netns};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use webrepl_scenarios::PASSWORD;

const MOTE: &str = env!("CARGO_BIN_EXE_mote");
const PORT: u16 = 8266;

/// A TAP board in a namespace of its own; the test thread is inside until it is dropped.
struct TapBoard {
    // Dropped in this order: the board, the thread's way back, the namespace.
    board: SimBoard,
    _inside: Inside,
    ns: Netns,
}

impl TapBoard {
    /// A board on TAP with `net` (`--ip ...`, or nothing for DHCP), once it says `ready`;
    /// `None` when the TAP tests do not run here. `dhcp` starts dnsmasq first.
    fn start(tag: &str, net: &[&str], dhcp: bool, ready: &str) -> Option<TapBoard> {
        if !netns::tap_tests_enabled(if dhcp { &["dnsmasq"] } else { &[] }) {
            return None;
        }
        let mut ns = Netns::new(tag);
        if dhcp {
            ns.dnsmasq_with(&["--port=0"]);
        }
        let tap = ns.tap();
        let inside = ns.enter();
        let port = PORT.to_string();
        let mut args = vec![
            "--password",
            PASSWORD,
            "--flash-size",
            "8M",
            "--tap",
            &tap,
            "--port",
            &port,
        ];
        args.extend_from_slice(net);
        let mut board = SimBoard::start(Path::new(MOTE), &ns.dir.join("board.flash"), &args);
        board.wait_log(ready);
        board.web = SocketAddr::from((board_address(&board.log(), ready), PORT));
        Some(TapBoard {
            board,
            _inside: inside,
            ns,
        })
    }

    /// A board at the static address 10.77.0.2 (with `extra` arguments).
    fn fixed(tag: &str, extra: &[&str]) -> Option<TapBoard> {
        let mut net = vec!["--ip", "10.77.0.2/24"];
        net.extend_from_slice(extra);
        TapBoard::start(tag, &net, false, "net: static address 10.77.0.2/24")
    }

    /// `mote ARGS` run inside the namespace (the thread is), with no user's config.
    fn mote(&self, args: &[&str]) -> Output {
        let out = Command::new(MOTE)
            .args(args)
            .env("HOME", &self.ns.dir)
            .env("XDG_CONFIG_HOME", self.ns.dir.join("config"))
            .env("MOTE_PASSWORD", PASSWORD)
            .current_dir(&self.ns.dir)
            .stdin(Stdio::null())
            .output()
            .expect("mote runs");
        assert!(out.status.success(), "mote {args:?}: {out:?}");
        out
    }
}

/// The address in the log line that has `marker` (`net: static address A/P`, `net: DHCP
/// address A/P via G`).
fn board_address(log: &str, marker: &str) -> Ipv4Addr {
    let prefix = marker.split("address").next().unwrap_or(marker);
    let line = log
        .lines()
        .rev()
        .find(|l| l.contains(marker))
        .expect("the line");
    let at = line.find(prefix).expect("the marker") + prefix.len() + "address ".len();
    line[at..]
        .split('/')
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
}

#[test]
fn runs_code_interrupts_a_loop_and_soft_resets_over_tap() {
    let Some(tap) = TapBoard::fixed("tap-run", &[]) else {
        return;
    };
    webrepl_scenarios::runs_code_interrupts_a_loop_and_soft_resets(&tap.board);
}

#[test]
fn raw_repl_over_tap() {
    let Some(tap) = TapBoard::fixed("tap-raw", &[]) else {
        return;
    };
    webrepl_scenarios::raw_repl_over_the_webrepl(&tap.board);
}

#[test]
fn puts_and_gets_files_with_both_clients_framings_over_tap() {
    let Some(tap) = TapBoard::fixed("tap-files", &[]) else {
        return;
    };
    webrepl_scenarios::puts_and_gets_files_with_both_clients_framings(&tap.board);
}

#[test]
fn a_second_webrepl_client_is_refused_over_tap() {
    let Some(tap) = TapBoard::fixed("tap-second", &[]) else {
        return;
    };
    webrepl_scenarios::a_second_webrepl_client_is_refused(&tap.board);
}

#[test]
fn http_file_api_and_info_with_the_static_address_over_tap() {
    let Some(tap) = TapBoard::fixed("tap-http", &[]) else {
        return;
    };
    webrepl_scenarios::http_file_api_and_info(&tap.board, "10.77.0.2");
}

#[test]
fn info_and_discovery_report_the_address_dhcp_gave() {
    let Some(tap) = TapBoard::start(
        "tap-dhcp",
        &["--name", "dhcpboard"],
        true,
        "net: DHCP address ",
    ) else {
        return;
    };
    let address = *match &tap.board.web {
        SocketAddr::V4(v4) => v4.ip(),
        SocketAddr::V6(_) => unreachable!("the board's address is IPv4"),
    };
    assert!(
        address.octets()[..3] == [10, 77, 0] && (50..=99).contains(&address.octets()[3]),
        "{address} is not from dnsmasq's range"
    );
    let info = http(tap.board.web, "GET", "/info", &basic_auth(PASSWORD), b"");
    assert_eq!(info.status, 200);
    let info = String::from_utf8_lossy(&info.body).into_owned();
    assert!(info.contains(&format!("\"ip\":\"{address}\"")), "{info}");
    let found = String::from_utf8_lossy(&tap.mote(&["scan", "--json"]).stdout).into_owned();
    let line = found
        .lines()
        .find(|l| l.contains("\"name\": \"dhcpboard\""))
        .unwrap_or_else(|| panic!("not found by mote scan:\n{found}"));
    assert!(
        line.contains(&format!("\"address\": \"{address}\"")),
        "{line}"
    );
}

#[test]
fn mote_exec_run_board_and_fs_over_tap() {
    let Some(tap) = TapBoard::fixed("tap-cli", &["--name", "tapcli"]) else {
        return;
    };
    let board = tap.board.web.to_string();
    let stdout = |out: Output| String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(stdout(tap.mote(&["exec", &board, "print(6*7)"])), "42\n");
    // By name, found by discovery on the namespace's bridge.
    assert_eq!(stdout(tap.mote(&["exec", "tapcli", "print(7*6)"])), "42\n");

    let dir = &tap.ns.dir;
    std::fs::write(
        dir.join("job.py"),
        "for i in range(3):\n    print('line', i)\n",
    )
    .unwrap();
    assert_eq!(
        stdout(tap.mote(&["run", "--board", &board, "job.py"])),
        "line 0\nline 1\nline 2\n"
    );

    let data = client::pattern(300 * 1024);
    std::fs::write(dir.join("big.bin"), &data).unwrap();
    tap.mote(&["fs", &board, "mkdir", "/lib"]);
    tap.mote(&["fs", &board, "put", "big.bin", "/lib/big.bin"]);
    let listing = stdout(tap.mote(&["fs", &board, "ls", "/lib", "--json"]));
    assert!(
        listing.contains("big.bin") && listing.contains("307200"),
        "{listing}"
    );
    tap.mote(&["fs", &board, "mv", "/lib/big.bin", "/lib/moved.bin"]);
    tap.mote(&["fs", &board, "get", "/lib/moved.bin", "back.bin"]);
    assert!(std::fs::read(dir.join("back.bin")).unwrap() == data);
    tap.mote(&["fs", &board, "rm", "/lib/moved.bin"]);
    let listing = stdout(tap.mote(&["fs", &board, "ls", "/lib"]));
    assert!(!listing.contains("moved.bin"), "{listing}");
}
