//! The simulated board's console: the serial port, as one or more terminals. Every terminal
//! feeds the one REPL session and gets all of its output (as on MicroPython, where the UART
//! and the WebREPL share the REPL). Terminals: the process's stdio, a pseudo-terminal whose
//! path is printed (serial tools open it like `/dev/ttyUSB0`), or TCP on 127.0.0.1 like a serial
//! cable on a socket (any number of clients at once).
//!
//! Each terminal has a reader thread. Ctrl-C while a program runs is taken as MicroPython's
//! UART takes its interrupt character: it sets the interrupt flag at once and is not queued.

use std::fs::File;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener};
use std::os::fd::{FromRawFd, OwnedFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use std::boxed::Box;
use std::string::{String, ToString};
use std::vec::Vec;

/// Where the console is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConsoleKind {
    /// The process's standard input and output (raw mode when a terminal).
    Stdio,
    /// A new pseudo-terminal.
    Pty,
    /// TCP on 127.0.0.1 at this port (0: any free port).
    Tcp(u16),
}

impl core::str::FromStr for ConsoleKind {
    type Err = String;

    fn from_str(text: &str) -> Result<ConsoleKind, String> {
        match text {
            "stdio" => Ok(ConsoleKind::Stdio),
            "pty" => Ok(ConsoleKind::Pty),
            _ => match text.strip_prefix("tcp:").map(str::parse::<u16>) {
                Some(Ok(port)) => Ok(ConsoleKind::Tcp(port)),
                _ => Err(std::format!(
                    "'{text}' is not a console: use stdio, pty or tcp:PORT"
                )),
            },
        }
    }
}

/// How long a TCP client may refuse output before it is dropped.
const WRITE_TIMEOUT: Duration = Duration::from_secs(2);

type Writers = Arc<Mutex<Vec<Box<dyn Write + Send>>>>;

/// The console's terminals: input from all of them, output to all of them.
pub struct Console {
    input: Receiver<Vec<u8>>,
    sender: Sender<Vec<u8>>,
    writers: Writers,
    running: Arc<AtomicBool>,
    interrupt: Arc<AtomicBool>,
    /// Where tools reach the console, one per terminal kind (`/dev/pts/N`, `127.0.0.1:PORT`,
    /// `stdio`).
    pub paths: Vec<String>,
    keep: Vec<OwnedFd>,
    raw: Mutex<Option<RawMode>>,
    quit: Arc<AtomicBool>,
}

/// The key that stops a board on the stdio console (Ctrl-], as telnet and mpremote use).
pub const QUIT_KEY: u8 = 0x1d;

impl Console {
    /// Open the console on every terminal in `kinds` (they share the one REPL session);
    /// `interrupt` is the VM host's Ctrl-C flag.
    pub fn open(kinds: &[ConsoleKind], interrupt: Arc<AtomicBool>) -> std::io::Result<Console> {
        let (sender, input) = mpsc::channel();
        let mut console = Console {
            input,
            sender,
            writers: Arc::new(Mutex::new(Vec::new())),
            running: Arc::new(AtomicBool::new(false)),
            interrupt,
            paths: Vec::new(),
            keep: Vec::new(),
            raw: Mutex::new(None),
            quit: Arc::new(AtomicBool::new(false)),
        };
        for kind in kinds {
            let path = console.attach(kind)?;
            console.paths.push(path);
        }
        Ok(console)
    }

    /// Add the terminal(s) of `kind`; where tools reach it.
    fn attach(&mut self, kind: &ConsoleKind) -> std::io::Result<String> {
        let console = self;
        Ok(match kind {
            ConsoleKind::Stdio => {
                if let Ok(mut raw) = console.raw.lock() {
                    *raw = RawMode::enter(0);
                }
                let quit = console.quit.clone();
                let wake = console.sender.clone();
                let stdin = QuitKey {
                    inner: std::io::stdin(),
                    quit,
                    wake,
                };
                console.add_terminal(stdin, Box::new(std::io::stdout()));
                "stdio".into()
            }
            ConsoleKind::Pty => {
                let (master, slave, path) = open_pty()?;
                let reader = master.try_clone()?;
                // Keeping the slave end open lets tools come and go without the master
                // seeing end-of-file.
                console.keep.push(slave);
                console.add_terminal(reader, Box::new(master));
                path
            }
            ConsoleKind::Tcp(port) => {
                let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, *port))?;
                let path = listener.local_addr()?.to_string();
                let writers = console.writers.clone();
                let (sender, running, interrupt) = (
                    console.sender.clone(),
                    console.running.clone(),
                    console.interrupt.clone(),
                );
                std::thread::spawn(move || {
                    for stream in listener.incoming().flatten() {
                        let _ = stream.set_nodelay(true);
                        // A client that stops reading is dropped rather than stalling the board.
                        let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
                        let Ok(writer) = stream.try_clone() else {
                            continue;
                        };
                        if let Ok(mut w) = writers.lock() {
                            w.push(Box::new(writer));
                        }
                        spawn_reader(stream, sender.clone(), running.clone(), interrupt.clone());
                    }
                });
                path
            }
        })
    }

    fn add_terminal(&mut self, reader: impl Read + Send + 'static, writer: Box<dyn Write + Send>) {
        if let Ok(mut w) = self.writers.lock() {
            w.push(writer);
        }
        spawn_reader(
            reader,
            self.sender.clone(),
            self.running.clone(),
            self.interrupt.clone(),
        );
    }

    /// Whether the person at the stdio console pressed [`QUIT_KEY`].
    pub fn quit_requested(&self) -> bool {
        self.quit.load(Ordering::SeqCst)
    }

    /// Log `text` on stderr as `mote sim: text`, ending the line as the terminal needs (a
    /// stdio console in raw mode does not turn `\n` into a new line by itself).
    pub fn log(&self, text: &str) {
        let raw = self.raw.lock().is_ok_and(|r| r.is_some());
        let end = if raw { "\r\n" } else { "\n" };
        std::eprint!("mote sim: {text}{end}");
    }

    /// Say `text` on the console (as a board prints on its UART) and in the log.
    pub fn announce(&self, text: &str) {
        self.write(std::format!("mote: {text}\r\n").as_bytes());
        if !self.paths.iter().any(|p| p == "stdio") {
            self.log(text);
        }
    }

    /// A handle that says lines on the console from another thread (the network's).
    pub fn announcer(&self) -> Announcer {
        Announcer {
            writers: self.writers.clone(),
            log: !self.paths.iter().any(|p| p == "stdio"),
        }
    }

    /// Give the terminal back (cooked mode) before the process ends.
    pub fn restore(&self) {
        if let Ok(mut raw) = self.raw.lock() {
            raw.take();
        }
    }

    /// Tell the readers whether a program runs (Ctrl-C then interrupts it).
    pub fn set_running(&self, running: bool) {
        self.running.store(running, Ordering::SeqCst);
    }

    /// Send `bytes` to every terminal; a terminal that fails (a client gone) is dropped.
    pub fn write(&self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        if let Ok(mut writers) = self.writers.lock() {
            writers.retain_mut(|w| w.write_all(bytes).and_then(|_| w.flush()).is_ok());
        }
    }

    /// Input from any terminal, waiting at most `wait`.
    pub fn read(&self, wait: Duration) -> Option<Vec<u8>> {
        self.input.recv_timeout(wait).ok()
    }
}

/// Stdin that watches for [`QUIT_KEY`]: it sets `quit` and wakes the board.
struct QuitKey {
    inner: std::io::Stdin,
    quit: Arc<AtomicBool>,
    wake: Sender<Vec<u8>>,
}

impl Read for QuitKey {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if buf[..n].contains(&QUIT_KEY) {
            self.quit.store(true, Ordering::SeqCst);
            let _ = self.wake.send(Vec::new());
            return Ok(0);
        }
        Ok(n)
    }
}

fn spawn_reader(
    mut reader: impl Read + Send + 'static,
    sender: Sender<Vec<u8>>,
    running: Arc<AtomicBool>,
    interrupt: Arc<AtomicBool>,
) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            let mut chunk = buf[..n].to_vec();
            if running.load(Ordering::SeqCst) && chunk.contains(&3) {
                interrupt.store(true, Ordering::SeqCst);
                chunk.retain(|&b| b != 3);
            }
            if sender.send(chunk).is_err() {
                break;
            }
        }
    });
}

/// A new pseudo-terminal in raw mode: its master (the board's side), its slave, the slave's path.
fn open_pty() -> std::io::Result<(File, OwnedFd, String)> {
    let (mut master, mut slave) = (-1, -1);
    // SAFETY: openpty writes two descriptors into the integers we pass; the null pointers ask
    // for no name buffer and default settings.
    let r = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            core::ptr::null_mut(),
            core::ptr::null(),
            core::ptr::null(),
        )
    };
    if r != 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: openpty succeeded, so both are open descriptors that nothing else owns.
    let (master, slave) = unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let path = std::fs::read_link(std::format!("/proc/self/fd/{}", raw_fd(&slave)))?
        .to_string_lossy()
        .into_owned();
    // Bytes pass unchanged between a tool and the board (a serial line has no line discipline).
    if let Some(raw) = RawMode::enter(raw_fd(&slave)) {
        core::mem::forget(raw);
    }
    Ok((master, slave, path))
}

fn raw_fd(fd: &OwnedFd) -> i32 {
    use std::os::fd::AsRawFd;
    fd.as_raw_fd()
}

/// A terminal in raw mode until dropped (the attributes are restored).
pub struct RawMode {
    fd: i32,
    saved: libc::termios,
}

impl RawMode {
    /// Put the terminal `fd` in raw mode; `None` when it is not a terminal.
    pub fn enter(fd: i32) -> Option<RawMode> {
        // SAFETY: isatty, tcgetattr, cfmakeraw and tcsetattr only read and write the termios
        // value we own, on a descriptor the caller keeps open.
        unsafe {
            if libc::isatty(fd) != 1 {
                return None;
            }
            let mut saved: libc::termios = core::mem::zeroed();
            if libc::tcgetattr(fd, &mut saved) != 0 {
                return None;
            }
            let mut raw = saved;
            libc::cfmakeraw(&mut raw);
            if libc::tcsetattr(fd, libc::TCSANOW, &raw) != 0 {
                return None;
            }
            Some(RawMode { fd, saved })
        }
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        // SAFETY: restores the attributes read in `enter` on the same descriptor.
        unsafe {
            libc::tcsetattr(self.fd, libc::TCSANOW, &self.saved);
        }
    }
}

/// Says lines on the console, as [`Console::announce`], from any thread.
#[derive(Clone)]
pub struct Announcer {
    writers: Writers,
    /// Also in the log (stderr), when no terminal is the process's own.
    log: bool,
}

impl Announcer {
    /// Say `text` on every terminal (and in the log).
    pub fn announce(&self, text: &str) {
        if let Ok(mut writers) = self.writers.lock() {
            let line = std::format!("mote: {text}\r\n");
            writers.retain_mut(|w| w.write_all(line.as_bytes()).and_then(|_| w.flush()).is_ok());
        }
        if self.log {
            std::eprintln!("mote sim: {text}");
        }
    }
}
