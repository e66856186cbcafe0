//! `mote sim`: start a simulated board on this machine.
//!
//! The board is the firmware's own composition built for Linux (`mote_firmware::sim::board`,
//! linked into `mote` so one installed binary does everything); `mote sim` only turns the
//! command line into its options. Tools reach it over its console (stdio, a pty, or TCP on
//! 127.0.0.1), as they reach a board on a cable.
//!
//! `mote sim` is first the board's ROM bootloader (`mote_firmware::sim::ota::rom`), which runs
//! the firmware of the slot it boots as a child process: this executable again at first boot,
//! an OTA-installed executable later. The child knows itself by the boot information in its
//! environment.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;
use embassy_time::Duration;
use mote_firmware::sim::board::{self, BoardOptions};
use mote_firmware::sim::console::ConsoleKind;
use mote_firmware::sim::network::NetMode;
use mote_firmware::sim::ota::boot_info::BootInfo;
use mote_firmware::sim::ota::rom::{self, RomOptions};
use mote_firmware::sim::ota::running::RunningImage;
use mote_netstack::bringup::Timing;
use mote_netstack::plan::parse_static;
use mote_ota::Version;

use crate::image::flash_size;
use crate::size::parse_size;

/// Arguments of `mote sim`.
#[derive(Args)]
pub struct SimArgs {
    /// The flash image file (default: under the user's data directory, by board name).
    #[arg(long, value_name = "PATH")]
    flash: Option<PathBuf>,
    /// Size of the flash image when it is created (a multiple of 4 KiB).
    #[arg(long, default_value = "2M", value_parser = flash_size)]
    flash_size: usize,
    /// Erase and reformat a flash image that cannot be mounted.
    #[arg(long)]
    format: bool,
    /// The board's name (default: derived from its unique id).
    #[arg(long)]
    name: Option<String>,
    /// Size of the Python heap (e.g. 128k).
    #[arg(long, default_value = "192k", value_parser = parse_size)]
    heap: usize,
    /// The board's password, set at first boot (stored hashed, for the WebREPL and HTTP API).
    #[arg(long, value_name = "PW")]
    password: Option<String>,
    /// Where the console is: stdio, pty (a pseudo-terminal; its path is printed) or tcp:PORT
    /// (127.0.0.1). Repeat it for several terminals sharing the one REPL session.
    #[arg(long, default_value = "stdio", value_parser = |s: &str| s.parse::<ConsoleKind>())]
    console: Vec<ConsoleKind>,
    /// The port of the board's servers (the WebREPL) on 127.0.0.1.
    #[arg(long, default_value_t = 8266)]
    port: u16,
    /// Run the board's own TCP/IP stack on this TAP device (needs CAP_NET_ADMIN) instead of
    /// host sockets.
    #[arg(long, value_name = "NAME")]
    tap: Option<String>,
    /// With --tap: a static address instead of DHCP (e.g. 10.0.0.5/24).
    #[arg(long, value_name = "ADDR/PREFIX", requires = "tap")]
    ip: Option<String>,
    /// With --ip: the default gateway.
    #[arg(long, value_name = "GW", requires = "ip")]
    gateway: Option<String>,
    /// With --tap: seconds DHCP may take before the configured fallback address is used.
    #[arg(long, default_value_t = 8, requires = "tap")]
    dhcp_wait: u64,
    /// With --tap: treat DHCP leases as lasting at most this many seconds (renewed at half), so
    /// a DHCP server that went away is noticed sooner.
    #[arg(long, value_name = "SECONDS", requires = "tap", value_parser = clap::value_parser!(u64).range(1..))]
    dhcp_max_lease: Option<u64>,
    /// A public key (NAME.pub) OTA images may be signed with; repeat for several. Fixed at the
    /// board's first boot, as a chip's flashed keys.
    #[arg(long, value_name = "NAME.pub")]
    ota_key: Vec<PathBuf>,
    /// The version the board's factory image (this executable) reports before any update.
    #[arg(long, value_name = "V", default_value = env!("CARGO_PKG_VERSION"), value_parser = parse_version)]
    firmware_version: Version,
}

fn parse_version(s: &str) -> Result<Version, String> {
    s.parse()
        .map_err(|()| format!("`{s}` is not MAJOR[.MINOR[.PATCH]]"))
}

/// Runs the board until the process is stopped.
pub fn run(args: SimArgs) -> ExitCode {
    let flash = match args.flash {
        Some(path) => path,
        None => match data_dir() {
            Some(dir) => dir
                .join("mote")
                .join("sim")
                .join(format!("{}.flash", args.name.as_deref().unwrap_or("board"))),
            None => {
                eprintln!("mote sim: no data directory (set HOME or use --flash PATH)");
                return ExitCode::from(2);
            }
        },
    };
    let timing = Timing {
        dhcp_wait: Duration::from_secs(args.dhcp_wait),
        max_lease: args.dhcp_max_lease.map(Duration::from_secs),
        ..Timing::default()
    };
    let net = match net_mode(&args.tap, &args.ip, &args.gateway, timing) {
        Ok(n) => n,
        Err(message) => {
            eprintln!("mote sim: {message}");
            return ExitCode::from(2);
        }
    };
    // Started without the ROM's boot information, this process is the board's ROM bootloader:
    // it runs the firmware (normally this executable again) as a child in the chosen slot.
    let firmware = match BootInfo::from_env() {
        None => {
            let rom = RomOptions {
                flash_image: flash,
                keys: args.ota_key,
                factory_version: args.firmware_version,
                args: std::env::args_os().skip(1).collect(),
            };
            return match rom::run(rom) {
                Ok(status) => ExitCode::from(status),
                Err(message) => {
                    eprintln!("mote sim: {message}");
                    ExitCode::from(2)
                }
            };
        }
        Some(Err(message)) => {
            eprintln!("mote sim: {message}");
            return ExitCode::from(2);
        }
        Some(Ok(boot)) => match RunningImage::open(&flash, boot) {
            Ok(image) => image,
            Err(message) => {
                eprintln!("mote sim: {message}");
                return ExitCode::from(2);
            }
        },
    };
    let options = BoardOptions {
        flash,
        flash_size: args.flash_size,
        format: args.format,
        name: args.name,
        heap: args.heap,
        password: args.password,
        console: args.console,
        port: args.port,
        net,
        firmware: Some(Arc::new(firmware)),
    };
    match board::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("mote sim: {message}");
            ExitCode::from(2)
        }
    }
}

/// Host sockets, or the TAP device with DHCP or a static address.
fn net_mode(
    tap: &Option<String>,
    ip: &Option<String>,
    gateway: &Option<String>,
    timing: Timing,
) -> Result<NetMode, String> {
    let Some(device) = tap else {
        return Ok(NetMode::HostSockets);
    };
    let address = match ip {
        None => None,
        Some(ip) => {
            let text = match gateway {
                Some(gw) => format!("{ip} via {gw}"),
                None => ip.clone(),
            };
            Some(parse_static(&text).map_err(|_| {
                format!("--ip {ip:?} / --gateway: expected ADDR/PREFIX and an IPv4 gateway")
            })?)
        }
    };
    Ok(NetMode::Tap {
        device: device.clone(),
        address,
        timing,
    })
}

/// `$XDG_DATA_HOME`, else `~/.local/share`.
fn data_dir() -> Option<PathBuf> {
    match std::env::var_os("XDG_DATA_HOME") {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local/share")),
    }
}
