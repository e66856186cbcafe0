//! The simulated board's Ethernet: a Linux TAP device as an `embassy-net` driver.
//!
//! `embassy-net-tuntap` opens the device; this driver wraps it so that nothing from the host
//! can stop the board: a frame that cannot be written (the interface is down) is dropped, a
//! failed read is a frame not received, and the link state follows the interface (`ip link set
//! NAME down` is a cable pulled), looked up every [`LINK_CHECK`].

use async_io::Async;
use core::future::Future;
use core::pin::Pin;
use core::task::Context;
use embassy_net_driver::{Capabilities, Driver, HardwareAddress, LinkState};
use embassy_net_tuntap::TunTap;
use embassy_time::{Duration, Timer};
use std::format;
use std::io::{self, Read, Write};
use std::string::String;
use std::vec;
use std::vec::Vec;

/// How often the interface's state is looked up.
const LINK_CHECK: Duration = Duration::from_millis(200);

/// Ethernet header bytes smoltcp counts in the MTU beside the IP MTU.
const ETHERNET_HEADER: usize = 14;

/// A TAP device with the board's MAC address.
pub struct TapDevice {
    device: Async<TunTap>,
    name: String,
    mac: [u8; 6],
    mtu: usize,
    link: LinkState,
    next_check: Option<Timer>,
}

impl TapDevice {
    /// Open TAP device `name` (created if missing, which needs `CAP_NET_ADMIN`) for a board
    /// whose MAC address is `mac`.
    pub fn open(name: &str, mac: [u8; 6]) -> io::Result<TapDevice> {
        let device = Async::new(TunTap::new(name)?)?;
        let ip_mtu = std::fs::read_to_string(format!("/sys/class/net/{name}/mtu"))
            .ok()
            .and_then(|s| s.trim().parse::<usize>().ok())
            .unwrap_or(1500);
        Ok(TapDevice {
            device,
            name: name.into(),
            mac,
            mtu: ip_mtu + ETHERNET_HEADER,
            link: LinkState::Down,
            next_check: None,
        })
    }

    /// Is the interface up and running? (`ip link set NAME down` clears both; a TAP runs while
    /// we hold it.) Asked with `SIOCGIFFLAGS`, which sees this process's network namespace
    /// whatever `/sys` shows.
    fn interface_up(&self) -> bool {
        let Some(flags) = interface_flags(&self.name) else {
            return false;
        };
        let want = (libc::IFF_UP | libc::IFF_RUNNING) as libc::c_short;
        flags & want == want
    }
}

/// The flags of interface `name`, or `None` when there is no such interface.
fn interface_flags(name: &str) -> Option<libc::c_short> {
    let bytes = name.as_bytes();
    if bytes.len() >= libc::IFNAMSIZ {
        return None;
    }
    // SAFETY: an all-zero ifreq is valid (a C struct of integers and arrays).
    let mut req: libc::ifreq = unsafe { core::mem::zeroed() };
    for (dst, &src) in req.ifr_name.iter_mut().zip(bytes) {
        *dst = src as libc::c_char;
    }
    // SAFETY: plain socket(2); the descriptor is closed below.
    let fd = unsafe { libc::socket(libc::AF_INET, libc::SOCK_DGRAM, 0) };
    if fd < 0 {
        return None;
    }
    // SAFETY: SIOCGIFFLAGS reads the NUL-terminated name and writes ifru_flags of `req`,
    // which lives across the call.
    let r = unsafe { libc::ioctl(fd, libc::SIOCGIFFLAGS, &mut req) };
    // SAFETY: `fd` is ours and closed once.
    unsafe { libc::close(fd) };
    if r != 0 {
        return None;
    }
    // SAFETY: after a successful SIOCGIFFLAGS the union holds the flags.
    Some(unsafe { req.ifr_ifru.ifru_flags })
}

/// The board's MAC address from its unique id: locally administered, unicast.
pub fn mac_from_unique_id(id: [u8; 6]) -> [u8; 6] {
    [0x02, id[1], id[2], id[3], id[4], id[5]]
}

impl Driver for TapDevice {
    type RxToken<'a> = RxToken;
    type TxToken<'a> = TxToken<'a>;

    fn receive(&mut self, cx: &mut Context) -> Option<(RxToken, TxToken<'_>)> {
        let mut frame = vec![0; self.mtu];
        loop {
            // SAFETY: reading the TAP fd does not move or close the I/O source async-io watches.
            match unsafe { self.device.get_mut() }.read(&mut frame) {
                Ok(n) => {
                    frame.truncate(n);
                    let tx = TxToken {
                        device: &mut self.device,
                    };
                    return Some((RxToken { frame }, tx));
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    if self.device.poll_readable(cx).is_pending() {
                        return None;
                    }
                }
                // The interface is down or gone: no frame now; the link check notices.
                Err(_) => return None,
            }
        }
    }

    fn transmit(&mut self, _cx: &mut Context) -> Option<TxToken<'_>> {
        Some(TxToken {
            device: &mut self.device,
        })
    }

    fn link_state(&mut self, cx: &mut Context) -> LinkState {
        let due = match &mut self.next_check {
            None => true,
            Some(timer) => Pin::new(timer).poll(cx).is_ready(),
        };
        if due {
            self.link = if self.interface_up() {
                LinkState::Up
            } else {
                LinkState::Down
            };
            let mut timer = Timer::after(LINK_CHECK);
            // Register the waker so the stack polls again at the next check.
            let _ = Pin::new(&mut timer).poll(cx);
            self.next_check = Some(timer);
        }
        self.link
    }

    fn capabilities(&self) -> Capabilities {
        let mut caps = Capabilities::default();
        caps.max_transmission_unit = self.mtu;
        caps
    }

    fn hardware_address(&self) -> HardwareAddress {
        HardwareAddress::Ethernet(self.mac)
    }
}

/// A received frame.
pub struct RxToken {
    frame: Vec<u8>,
}

impl embassy_net_driver::RxToken for RxToken {
    fn consume<R, F: FnOnce(&mut [u8]) -> R>(mut self, f: F) -> R {
        f(&mut self.frame)
    }
}

/// Room for one frame to send.
pub struct TxToken<'a> {
    device: &'a mut Async<TunTap>,
}

impl embassy_net_driver::TxToken for TxToken<'_> {
    fn consume<R, F: FnOnce(&mut [u8]) -> R>(self, len: usize, f: F) -> R {
        let mut frame = vec![0; len];
        let r = f(&mut frame);
        // SAFETY: writing the TAP fd does not move or close the I/O source async-io watches.
        // A frame the host does not take (interface down, queue full) is lost, as on a wire.
        let _ = unsafe { self.device.get_mut() }.write(&frame);
        r
    }
}
