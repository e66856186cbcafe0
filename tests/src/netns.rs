//! A network namespace of a test's or a bench's own (`ip netns`), for TAP boards: a bridge
//! `br0` at 10.77.0.1/24 (and 169.254.0.1/16, for boards on their fallback addresses), TAP
//! devices on it, and the processes started in it, all removed when the [`Netns`] is dropped.
//! Nothing is configured in the root namespace. The TAP tests of `host-tools` and
//! `webrepl-tap-bench` share it.
//!
//! A thread may [`Netns::enter`] the namespace: the sockets it opens and the processes it
//! starts are then inside, so the WebSocket and HTTP clients of
//! [`webrepl_client`](super::webrepl_client) reach TAP boards unchanged.

use std::fs::File;
use std::os::fd::AsRawFd;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

/// Whether this process can make namespaces and TAP devices (root, with `ip`); `Err` says
/// what is missing.
pub fn available() -> Result<(), String> {
    // The effective uid, from /proc.
    let root = std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .find(|l| l.starts_with("Uid:"))
            .and_then(|l| l.split_whitespace().nth(2))
            == Some("0")
    });
    if !root {
        return Err("not root (network namespaces and TAP devices need CAP_NET_ADMIN)".into());
    }
    if !have("ip") {
        return Err("`ip` (iproute2) is missing".into());
    }
    Ok(())
}

/// Whether the TAP tests run here (they also need `tools`); `false` prints why not, and
/// panics instead when CI asks for them (`MOTE_TAP_TESTS=1`).
pub fn tap_tests_enabled(tools: &[&str]) -> bool {
    let required = std::env::var_os("MOTE_TAP_TESTS").is_some_and(|v| v == "1");
    let why = match available() {
        Err(why) => why,
        Ok(()) => match tools.iter().find(|t| !have(t)) {
            Some(tool) => format!("`{tool}` is missing"),
            None => return true,
        },
    };
    assert!(!required, "MOTE_TAP_TESTS=1 but {why}");
    eprintln!("skipped: {why} (CI sets MOTE_TAP_TESTS=1)");
    false
}

/// Whether `tool` is on the PATH.
pub fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool} >/dev/null")])
        .status()
        .is_ok_and(|s| s.success())
}

static NEXT: AtomicU32 = AtomicU32::new(0);

/// A network namespace with a bridge; removed with everything in it when dropped.
pub struct Netns {
    /// Its name (`ip netns exec NAME`).
    pub name: String,
    /// A scratch folder, removed with it.
    pub dir: PathBuf,
    children: Vec<Child>,
    taps: u32,
}

impl Netns {
    /// A new namespace called `mote-TAG-PID-N`.
    pub fn new(tag: &str) -> Netns {
        let name = format!(
            "mote-{tag}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let dir = std::env::temp_dir().join(&name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        run(Command::new("ip").args(["netns", "add", &name]));
        let ns = Netns {
            name,
            dir,
            children: Vec::new(),
            taps: 0,
        };
        ns.sh("ip link set lo up && ip link add br0 type bridge && \
               ip addr add 10.77.0.1/24 dev br0 && ip addr add 169.254.0.1/16 dev br0 && \
               ip link set br0 up");
        ns
    }

    /// A command run inside the namespace.
    pub fn cmd(&self, program: &str) -> Command {
        let mut c = Command::new("ip");
        c.args(["netns", "exec", &self.name, program]);
        c
    }

    /// Run shell `script` in the namespace; panics when it fails.
    pub fn sh(&self, script: &str) -> Output {
        run(self.cmd("sh").args(["-c", script]))
    }

    /// A new TAP device on the bridge, up.
    pub fn tap(&mut self) -> String {
        let tap = format!("tap{}", self.taps);
        self.taps += 1;
        self.sh(&format!(
            "ip tuntap add {tap} mode tap && ip link set {tap} master br0 && ip link set {tap} up"
        ));
        tap
    }

    /// Keep `child` (started in the namespace) to stop it with the namespace.
    pub fn adopt(&mut self, child: Child) -> &mut Child {
        self.children.push(child);
        self.children.last_mut().expect("just pushed")
    }

    /// Start dnsmasq on the bridge (leases 10.77.0.50-99) with `extra` options; its pid.
    pub fn dnsmasq_with(&mut self, extra: &[&str]) -> u32 {
        let child = self
            .cmd("dnsmasq")
            .args([
                "--keep-in-foreground",
                "--conf-file=/dev/null",
                "--interface=br0",
                "--bind-interfaces",
                "--dhcp-range=10.77.0.50,10.77.0.99,255.255.255.0,1h",
                "--dhcp-authoritative",
                // No ping probe of an address before offering it (3 s per offer).
                "--no-ping",
            ])
            .args(extra)
            .arg(format!(
                "--dhcp-leasefile={}",
                self.dir.join("leases").display()
            ))
            .arg(format!(
                "--pid-file={}",
                self.dir.join("dnsmasq.pid").display()
            ))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dnsmasq starts");
        // dnsmasq writes its pid file once its sockets are bound: a board started before that
        // loses its first DHCP discover, and smoltcp sends the next only 10 s later.
        let pid_file = self.dir.join("dnsmasq.pid");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !pid_file.exists() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        self.adopt(child).id()
    }

    /// Move the calling thread into the namespace until the guard is dropped: sockets it
    /// opens and processes it starts meanwhile are inside (they stay there after).
    pub fn enter(&self) -> Inside {
        let back = File::open("/proc/thread-self/ns/net").expect("this thread's namespace");
        let target = File::open(format!("/run/netns/{}", self.name)).expect("the namespace");
        set_namespace(&target);
        Inside { back }
    }
}

/// The calling thread's network namespace becomes `ns`'s.
fn set_namespace(ns: &File) {
    // SAFETY: setns(2) on a descriptor we hold open; it changes only this thread's network
    // namespace.
    let r = unsafe { libc::setns(ns.as_raw_fd(), libc::CLONE_NEWNET) };
    assert_eq!(r, 0, "setns: {}", std::io::Error::last_os_error());
}

/// A thread inside a [`Netns`]; it goes back to where it was when this is dropped.
pub struct Inside {
    back: File,
}

impl Drop for Inside {
    fn drop(&mut self) {
        set_namespace(&self.back);
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        for child in &mut self.children {
            let _ = child.kill();
            let _ = child.wait();
        }
        // Whatever those started (a board's firmware runs as the ROM bootloader's child), and
        // processes started by a thread inside; not this process, if its main thread is.
        if let Ok(out) = Command::new("ip")
            .args(["netns", "pids", &self.name])
            .output()
        {
            let me = std::process::id().to_string();
            for pid in String::from_utf8_lossy(&out.stdout).split_whitespace() {
                if pid != me {
                    let _ = Command::new("kill").args(["-9", pid]).status();
                }
            }
        }
        let _ = Command::new("ip")
            .args(["netns", "del", &self.name])
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Run `cmd`; panics with its output when it fails.
pub fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("the command starts");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}
