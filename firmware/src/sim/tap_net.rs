//! The simulated board on TAP (`mote sim --tap NAME`): the board's own TCP/IP stack
//! (`embassy-net`, the chip's) on a TAP device, in a thread of its own.
//!
//! The network thread runs the stack's runner and the board's network tasks from
//! `mote-netstack` (address supervision with DHCP and the static fallback, the discovery and
//! mDNS responders) and the WebREPL as tasks of one async executor (each woken on its own),
//! and owns Python's sockets ([`Sockets`]). The VM
//! reaches them through [`TapNet`], its [`Network`]: each operation is a job sent to the
//! network thread and answered at once (the operations never wait on the network).

use super::console::Announcer;
use super::ip_config::{self, BoardIpConfig};
use super::tap::{mac_from_unique_id, TapDevice};
use super::tap_sockets::{resolve_name, Sockets};
use super::tap_webrepl;
use super::webrepl::Seams;
use core::fmt;
use embassy_futures::join::join;
use embassy_futures::select::select;
use embassy_net::{Config, Stack, StackResources};
use embassy_time::{Duration, Timer};
use mote_netstack::bringup::Timing;
use mote_netstack::discovery::BoardInfo;
use mote_netstack::mdns::ServiceSpec;
use mote_netstack::plan::Ipv4Plan;
use mote_vm::net::*;
use mote_vm::wlan::IfConfig;
use std::boxed::Box;

use std::string::{String, ToString};
use std::sync::mpsc;
use std::vec::Vec;
use std::{format, vec};

/// Sockets of the stack: Python's pool, DHCP, DNS, discovery, mDNS, the WebREPL's, and spare.
const STACK_SOCKETS: usize = 24;

/// How to bring the TAP board's network up.
#[derive(Clone, Debug)]
pub struct TapOptions {
    /// The TAP device (created if missing).
    pub device: String,
    /// The address plan: `--ip`/`--gateway`, or the config's `ipv4` setting.
    pub plan: Ipv4Plan,
    /// How long DHCP may take before the fallback, and the looks for a server after it.
    pub timing: Timing,
}

/// Who the board is on the network.
#[derive(Clone, Debug)]
pub struct Identity {
    /// Its name (`<name>.local`).
    pub name: String,
    /// Its unique id (discovery; its MAC address derives from it).
    pub unique_id: [u8; 6],
    /// The TCP port of its servers.
    pub port: u16,
}

type Job = Box<dyn FnOnce(&mut Sockets) + Send>;

enum Request {
    /// Run on the socket table.
    Table(Job),
    /// Resolve a name with the stack's DNS client.
    Resolve(String, mpsc::SyncSender<Result<Vec<[u8; 4]>, NetError>>),
}

/// The VM's network on the TAP board: a handle to the network thread.
#[derive(Clone)]
pub struct TapNet {
    jobs: async_channel::Sender<Request>,
}

/// Open TAP device `options.device` and start the network thread, which also serves the
/// WebREPL (`seams`) on the board's port; the board's lines about its network go to `say`.
pub fn start(
    options: TapOptions,
    id: Identity,
    say: Announcer,
    seams: Seams,
) -> Result<TapNet, String> {
    let mac = mac_from_unique_id(id.unique_id);
    let device = TapDevice::open(&options.device, mac)
        .map_err(|e| format!("cannot open TAP device {}: {e}", options.device))?;
    let (jobs, requests) = async_channel::bounded(16);
    std::thread::Builder::new()
        .name("net".into())
        .spawn(move || async_io::block_on(run(device, options, id, say, seams, requests)))
        .map_err(|e| format!("cannot start the network thread: {e}"))?;
    Ok(TapNet { jobs })
}

async fn run(
    device: TapDevice,
    options: TapOptions,
    id: Identity,
    say: Announcer,
    seams: Seams,
    requests: async_channel::Receiver<Request>,
) {
    let resources = Box::leak(Box::new(StackResources::<STACK_SOCKETS>::new()));
    let mut seed = [0u8; 8];
    let _ = getrandom::fill(&mut seed);
    let (stack, mut runner) = embassy_net::new(
        device,
        Config::default(),
        resources,
        u64::from_le_bytes(seed),
    );
    let log = move |args: fmt::Arguments<'_>| say.announce(&args.to_string());
    let mac = mac_from_unique_id(id.unique_id);
    log(format_args!(
        "net: TAP {} with MAC {}",
        options.device,
        mac.map(|b| format!("{b:02x}")).join(":")
    ));
    let info = BoardInfo {
        name: &id.name,
        unique_id: id.unique_id,
        port: id.port,
        firmware: env!("CARGO_PKG_VERSION"),
    };
    let services = [
        ServiceSpec {
            service: "_webrepl",
            protocol: "_tcp",
            port: id.port,
        },
        ServiceSpec {
            service: "_http",
            protocol: "_tcp",
            port: id.port,
        },
    ];
    let mut sockets = Sockets::new(stack);
    let serve_jobs = async move {
        while let Ok(request) = requests.recv().await {
            match request {
                Request::Table(job) => job(&mut sockets),
                Request::Resolve(host, reply) => {
                    let _ = reply.send(resolve_name(stack, &host).await);
                }
            }
        }
    };
    log(format_args!(
        "net: WebREPL on port {} of the board's address",
        id.port
    ));
    // Each piece a task of its own: a task that polls a socket wakes the runner, and with
    // everything joined in one future, that wake polled every piece again, for ever (the
    // thread spun while the board was idle, and a request waited behind the spinning).
    let tasks = async_executor::LocalExecutor::new();
    tasks.spawn(runner.run()).detach();
    // The address tracker waits on the stack's state as the bring-up does, and embassy-net keeps
    // one waker for that state: in two tasks, each registration woke the other, for ever (the
    // thread spun at 50 % of a core while the board was idle). In one task they share a waker.
    tasks
        .spawn(join(
            mote_netstack::board::run(stack, options.plan, options.timing, info, &services, &log),
            track_ip_config(stack, seams.status.ip_config()),
        ))
        .detach();
    tasks.spawn(serve_jobs).detach();
    tap_webrepl::spawn(&tasks, stack, id.port, seams);
    // Until the process ends (the network stays up after the board stops taking jobs).
    tasks.run(core::future::pending::<()>()).await
}

/// Keep `ip` (what `GET /info` and `WLAN.ifconfig()` report) the stack's settings, for as
/// long as the board runs.
async fn track_ip_config(stack: Stack<'static>, ip: BoardIpConfig) {
    loop {
        let now = stack.config_v4();
        ip.set(now.as_ref().map(if_config).unwrap_or_default());
        match now {
            None => stack.wait_config_up().await,
            // A lease renewed with another address changes it without going down first.
            Some(_) => {
                select(
                    stack.wait_config_down(),
                    Timer::after(Duration::from_secs(1)),
                )
                .await;
            }
        }
    }
}

/// `ifconfig()`'s four settings of the stack's configuration (no gateway or DNS server: 0.0.0.0).
fn if_config(config: &embassy_net::StaticConfigV4) -> IfConfig {
    IfConfig {
        address: config.address.address().octets(),
        netmask: ip_config::netmask(config.address.prefix_len()),
        gateway: config.gateway.map_or([0; 4], |g| g.octets()),
        dns: config.dns_servers.first().map_or([0; 4], |d| d.octets()),
    }
}

impl TapNet {
    /// Run `f` on the socket table in the network thread; `None` when the thread is gone.
    fn call<R: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Sockets) -> R + Send + 'static,
    ) -> Option<R> {
        let (tx, rx) = mpsc::sync_channel(1);
        let job: Job = Box::new(move |t| {
            let _ = tx.send(f(t));
        });
        self.jobs.send_blocking(Request::Table(job)).ok()?;
        rx.recv().ok()
    }

    /// Close every socket Python left open (a soft reset).
    pub fn close_all(&self) {
        self.call(|t| t.close_all());
    }
}

const GONE: NetError = NetError(ENETUNREACH);

impl Network for TapNet {
    fn open(&mut self, kind: SocketKind) -> Result<SocketId, NetError> {
        self.call(move |t| t.open(kind)).unwrap_or(Err(GONE))
    }
    fn close(&mut self, s: SocketId) {
        self.call(move |t| t.close(s));
    }
    fn bind(&mut self, s: SocketId, addr: SockAddr) -> Result<(), NetError> {
        self.call(move |t| t.bind(s, addr)).unwrap_or(Err(GONE))
    }
    fn listen(&mut self, s: SocketId, backlog: u32) -> Result<(), NetError> {
        self.call(move |t| t.listen(s, backlog))
            .unwrap_or(Err(GONE))
    }
    fn accept(&mut self, s: SocketId) -> Result<(SocketId, SockAddr), NetError> {
        self.call(move |t| t.accept(s)).unwrap_or(Err(GONE))
    }
    fn connect(&mut self, s: SocketId, addr: SockAddr) -> Result<(), NetError> {
        self.call(move |t| t.connect(s, addr)).unwrap_or(Err(GONE))
    }
    fn send(&mut self, s: SocketId, data: &[u8]) -> Result<usize, NetError> {
        let data = data.to_vec();
        self.call(move |t| t.send(s, &data)).unwrap_or(Err(GONE))
    }
    fn recv(&mut self, s: SocketId, buf: &mut [u8]) -> Result<usize, NetError> {
        let len = buf.len();
        let got = self.call(move |t| {
            let mut data = vec![0; len];
            t.recv(s, &mut data).map(|n| {
                data.truncate(n);
                data
            })
        });
        let data = got.unwrap_or(Err(GONE))?;
        buf[..data.len()].copy_from_slice(&data);
        Ok(data.len())
    }
    fn send_to(&mut self, s: SocketId, data: &[u8], addr: SockAddr) -> Result<usize, NetError> {
        let data = data.to_vec();
        self.call(move |t| t.send_to(s, &data, addr))
            .unwrap_or(Err(GONE))
    }
    fn recv_from(&mut self, s: SocketId, buf: &mut [u8]) -> Result<(usize, SockAddr), NetError> {
        let len = buf.len();
        let got = self.call(move |t| {
            let mut data = vec![0; len];
            t.recv_from(s, &mut data).map(|(n, from)| {
                data.truncate(n);
                (data, from)
            })
        });
        let (data, from) = got.unwrap_or(Err(GONE))?;
        buf[..data.len()].copy_from_slice(&data);
        Ok((data.len(), from))
    }
    fn set_option(&mut self, s: SocketId, opt: SockOpt, value: i32) -> Result<(), NetError> {
        self.call(move |t| t.set_option(s, opt, value))
            .unwrap_or(Err(GONE))
    }
    fn ready(&mut self, s: SocketId) -> u32 {
        self.call(move |t| t.ready(s)).unwrap_or(ERROR)
    }
    fn take_error(&mut self, s: SocketId) -> Option<NetError> {
        self.call(move |t| t.take_error(s)).unwrap_or(Some(GONE))
    }
    fn peer_addr(&mut self, s: SocketId) -> Result<SockAddr, NetError> {
        self.call(move |t| t.peer_addr(s)).unwrap_or(Err(GONE))
    }
    fn local_addr(&mut self, s: SocketId) -> Result<SockAddr, NetError> {
        self.call(move |t| t.local_addr(s)).unwrap_or(Err(GONE))
    }
    fn resolve(&mut self, host: &str) -> Result<Vec<[u8; 4]>, NetError> {
        let (tx, rx) = mpsc::sync_channel(1);
        self.jobs
            .send_blocking(Request::Resolve(host.to_string(), tx))
            .map_err(|_| GONE)?;
        rx.recv().unwrap_or(Err(GONE))
    }
}
