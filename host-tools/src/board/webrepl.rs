//! A logged-in WebREPL session: MicroPython's login over the WebSocket, then code run through
//! the raw REPL with raw-paste flow control, as mpremote drives a board's serial port.

use std::io;
use std::time::{Duration, Instant};

use mote_webrepl::protocol::connection::{BUSY, CONNECTED, DENIED, PASSWORD_PROMPT};

use super::websocket::{FrameReader, FrameWriter, Message, WebSocket};
use super::{BoardError, Target};

/// How long the board may take to show its password prompt.
const PROMPT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the board may take to judge a password (it waits up to 16 s after failures).
const LOGIN_TIMEOUT: Duration = Duration::from_secs(40);
/// How long the board may take to enter the raw REPL (it may first stop a running program).
const RAW_TIMEOUT: Duration = Duration::from_secs(10);
/// How often a running program's output wait looks for Ctrl-C here.
const INTERRUPT_POLL: Duration = Duration::from_millis(100);
/// The most traceback bytes kept (the rest is dropped).
const MAX_ERROR: usize = 64 * 1024;
/// The most output [`Session::eval`] keeps.
const MAX_EVAL_OUTPUT: usize = 1 << 20;
/// The most output kept while looking for a marker; older bytes are dropped.
const MAX_PENDING: usize = 64 * 1024;
/// The longest wait for the board to fall silent before a command.
const DRAIN_LIMIT: Duration = Duration::from_secs(2);
/// The raw REPL's banner, answered to Ctrl-A.
const RAW_BANNER: &[u8] = b"raw REPL; CTRL-B to exit\r\n>";

const CTRL_A: u8 = 0x01;
const CTRL_B: u8 = 0x02;
const CTRL_C: u8 = 0x03;
const CTRL_D: u8 = 0x04;
const CTRL_E: u8 = 0x05;

/// How a program run through the raw REPL ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It finished (or called `sys.exit()`, `sys.exit(0)`).
    Ok,
    /// It called `sys.exit(n)` with `n` not 0: the board's error text is `SystemExit: n`
    /// (a mote board's extension; MicroPython's raw REPL sends nothing for it).
    Exit(i32),
    /// It raised, or called `sys.exit("message")`; the board's error text.
    Exception(Vec<u8>),
}

impl Outcome {
    /// The outcome the raw REPL's error text tells.
    fn from_error_text(error: Vec<u8>) -> Outcome {
        if error.is_empty() {
            return Outcome::Ok;
        }
        let code = std::str::from_utf8(&error)
            .ok()
            .and_then(|text| text.trim_end().strip_prefix("SystemExit: "))
            .and_then(|code| code.parse().ok());
        match code {
            Some(code) => Outcome::Exit(code),
            None => Outcome::Exception(error),
        }
    }
}

/// A WebREPL connection after a good password.
pub struct Session {
    ws: WebSocket,
    board: String,
    /// REPL output received but not consumed yet.
    pending: Vec<u8>,
}

impl Session {
    /// Connects and logs in. After this the board's greeting (`WebREPL connected`, `>>> `)
    /// is in [`Session::take_pending`].
    pub fn login(target: &Target) -> Result<Session, BoardError> {
        let board = target.address.to_string();
        let mut session = Session {
            ws: WebSocket::connect(&target.address)?,
            board: board.clone(),
            pending: Vec::new(),
        };
        let prompt = session.read_until_any(&[PASSWORD_PROMPT, BUSY], PROMPT_TIMEOUT, "logging in");
        match prompt {
            Ok((_, 0)) => {}
            Ok(_) => return Err(BoardError::Busy(board)),
            Err(BoardError::ConnectionLost { .. }) => return Err(BoardError::Busy(board)),
            Err(e) => return Err(e),
        }
        let mut line = target.password.expose().as_bytes().to_vec();
        line.push(b'\r');
        session
            .ws
            .send_text(&line)
            .map_err(|e| session.lost(e, "logging in"))?;
        match session.read_until_any(&[CONNECTED, DENIED, BUSY], LOGIN_TIMEOUT, "logging in") {
            Ok((_, 0)) => {
                // The greeting ends with the friendly prompt: keep it for a terminal.
                session.pending.splice(0..0, CONNECTED[2..].iter().copied());
                Ok(session)
            }
            Ok((_, 1)) => Err(BoardError::WrongPassword(board)),
            Ok(_) => Err(BoardError::Busy(board)),
            // A board that hangs up on the password without a word refused it.
            Err(BoardError::ConnectionLost { .. }) => Err(BoardError::WrongPassword(board)),
            Err(e) => Err(e),
        }
    }

    /// The output received and not consumed yet (the greeting, after login).
    pub fn take_pending(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.pending)
    }

    /// The board's label, for messages.
    pub fn board(&self) -> &str {
        &self.board
    }

    /// The connection's two directions, for a terminal.
    pub fn split(self) -> (FrameReader, FrameWriter) {
        self.ws.split()
    }

    /// Stops whatever runs and enters the raw REPL.
    pub fn enter_raw(&mut self) -> Result<(), BoardError> {
        self.send(&[b'\r', CTRL_C, CTRL_C], "stopping the running program")?;
        // Let the interrupted program's last words arrive, then drop them.
        self.drain(Duration::from_millis(100))?;
        self.send(&[b'\r', CTRL_A], "entering the raw REPL")?;
        self.read_until_any(&[RAW_BANNER], RAW_TIMEOUT, "entering the raw REPL")?;
        Ok(())
    }

    /// Leaves the raw REPL for the friendly one, so a later terminal finds the usual prompt.
    pub fn leave_raw(&mut self) {
        let _ = self.ws.send_text(&[b'\r', CTRL_B]);
        let _ = self.drain(Duration::from_millis(50));
        self.ws.close();
    }

    /// Runs `code` in the raw REPL (entered with [`Session::enter_raw`]), passing the
    /// program's output to `output` as it arrives; `interrupted` is asked between reads and
    /// a `true` sends the board Ctrl-C.
    pub fn run(
        &mut self,
        code: &[u8],
        output: &mut dyn FnMut(&[u8]),
        interrupted: &dyn Fn() -> bool,
    ) -> Result<Outcome, BoardError> {
        self.send_code(code)?;
        let mut interrupt_sent = false;
        let mut watch = || {
            let now = interrupted() && !interrupt_sent;
            interrupt_sent |= now;
            now
        };
        self.copy_until_eot(output, &mut watch)?;
        let mut error = Vec::new();
        self.copy_until_eot(
            &mut |bytes| {
                let room = MAX_ERROR.saturating_sub(error.len());
                error.extend_from_slice(&bytes[..bytes.len().min(room)]);
            },
            &mut watch,
        )?;
        self.read_until_any(&[b">"], RAW_TIMEOUT, "running the program")?;
        Ok(Outcome::from_error_text(error))
    }

    /// Passes the board's output to `sink` up to the raw REPL's end mark (Ctrl-D), which it
    /// consumes; sends Ctrl-C when `interrupt` says so.
    fn copy_until_eot(
        &mut self,
        sink: &mut dyn FnMut(&[u8]),
        interrupt: &mut dyn FnMut() -> bool,
    ) -> Result<(), BoardError> {
        let doing = "running the program";
        loop {
            if let Some(end) = self.pending.iter().position(|&b| b == CTRL_D) {
                let rest = self.pending.split_off(end + 1);
                sink(&self.pending[..end]);
                self.pending = rest;
                return Ok(());
            }
            sink(&std::mem::take(&mut self.pending));
            if interrupt() {
                self.send(&[CTRL_C], doing)?;
            }
            self.receive(Some(Instant::now() + INTERRUPT_POLL), doing)?;
        }
    }

    /// Runs `code` and collects its output (at most [`MAX_EVAL_OUTPUT`]); an exception is an
    /// error.
    pub fn eval(&mut self, code: &str) -> Result<Vec<u8>, BoardError> {
        let mut out = Vec::new();
        let mut too_long = false;
        let outcome = self.run(
            code.as_bytes(),
            &mut |bytes| {
                too_long |= out.len() + bytes.len() > MAX_EVAL_OUTPUT;
                if !too_long {
                    out.extend_from_slice(bytes);
                }
            },
            &|| false,
        )?;
        let what = match outcome {
            Outcome::Ok if !too_long => return Ok(out),
            Outcome::Ok => "a helper program printed more than expected".into(),
            Outcome::Exception(error) => format!(
                "a helper program failed on the board: {}",
                String::from_utf8_lossy(&error).trim()
            ),
            Outcome::Exit(code) => format!("a helper program exited with status {code}"),
        };
        Err(self.protocol(what))
    }

    /// Sends code with raw-paste's flow control, or as plain raw-REPL input to a board
    /// without raw-paste; returns once the board has taken it all.
    fn send_code(&mut self, code: &[u8]) -> Result<(), BoardError> {
        let doing = "sending the program";
        self.send(&[CTRL_E, b'A', CTRL_A], doing)?;
        let answer = self.read_bytes(2, RAW_TIMEOUT, doing)?;
        if answer == b"R\x00" {
            // No raw-paste: the code goes in as typed, then Ctrl-D runs it.
            self.send(code, doing)?;
            self.send(&[CTRL_D], doing)?;
            self.read_until_any(&[b"OK"], RAW_TIMEOUT, doing)?;
            return Ok(());
        }
        if answer != b"R\x01" {
            return Err(self.protocol(format!("raw-paste answered {answer:?}")));
        }
        let window = self.read_bytes(2, RAW_TIMEOUT, doing)?;
        let window = usize::from(u16::from_le_bytes([window[0], window[1]]));
        if window == 0 {
            return Err(self.protocol("raw-paste with an empty window".into()));
        }
        let mut credit = window;
        let mut sent = 0;
        while sent < code.len() {
            // Take the board's window updates, waiting for one only when out of credit.
            if credit == 0
                && self.pending.is_empty()
                && !self.receive(Some(Instant::now() + RAW_TIMEOUT), doing)?
            {
                return Err(self.timeout(doing));
            }
            for byte in std::mem::take(&mut self.pending) {
                match byte {
                    CTRL_A => credit += window,
                    // The board stopped reading early (the code is over its limit): end the
                    // paste; its error follows as the program's.
                    CTRL_D => {
                        self.send(&[CTRL_D], doing)?;
                        return Ok(());
                    }
                    other => {
                        return Err(self.protocol(format!("raw-paste flow control {other:#04x}")))
                    }
                }
            }
            if credit == 0 {
                continue;
            }
            let take = credit.min(code.len() - sent);
            self.send(&code[sent..sent + take], doing)?;
            sent += take;
            credit -= take;
        }
        self.send(&[CTRL_D], doing)?;
        // The board acknowledges the end with Ctrl-D; window updates may come before it.
        loop {
            let byte = self.read_bytes(1, RAW_TIMEOUT, doing)?;
            match byte[0] {
                CTRL_D => return Ok(()),
                CTRL_A => {}
                other => return Err(self.protocol(format!("raw-paste end answered {other:#04x}"))),
            }
        }
    }

    fn send(&mut self, bytes: &[u8], doing: &str) -> Result<(), BoardError> {
        self.ws.send_text(bytes).map_err(|e| self.lost(e, doing))
    }

    /// Receives one message into `pending` (or nothing by `deadline`).
    fn receive(&mut self, deadline: Option<Instant>, doing: &str) -> Result<bool, BoardError> {
        match self.ws.recv(deadline) {
            Ok(Some(Message::Text(bytes))) => {
                self.pending.extend_from_slice(&bytes);
                Ok(true)
            }
            Ok(Some(Message::Close)) => Err(self.lost(
                io::Error::new(io::ErrorKind::ConnectionAborted, "the board closed it"),
                doing,
            )),
            Ok(Some(_)) => Ok(true),
            Ok(None) => Ok(false),
            Err(e) => Err(self.lost(e, doing)),
        }
    }

    /// Drops output until the board is silent for `quiet` (or [`DRAIN_LIMIT`] passed, for a
    /// program that keeps printing).
    fn drain(&mut self, quiet: Duration) -> Result<(), BoardError> {
        let limit = Instant::now() + DRAIN_LIMIT;
        while Instant::now() < limit
            && self.receive(Some(Instant::now() + quiet), "waiting for the board")?
        {
            self.pending.clear();
        }
        self.pending.clear();
        Ok(())
    }

    /// Reads until one of `patterns` appears; returns the bytes before it and which one.
    fn read_until_any(
        &mut self,
        patterns: &[&[u8]],
        timeout: Duration,
        doing: &str,
    ) -> Result<(Vec<u8>, usize), BoardError> {
        let deadline = Instant::now() + timeout;
        loop {
            let found = patterns
                .iter()
                .enumerate()
                .filter_map(|(i, p)| find(&self.pending, p).map(|at| (at, i, p.len())))
                .min();
            if let Some((at, which, len)) = found {
                let rest = self.pending.split_off(at + len);
                self.pending.truncate(at);
                let before = std::mem::replace(&mut self.pending, rest);
                return Ok((before, which));
            }
            if self.pending.len() > MAX_PENDING {
                // The marker, when it comes, is at the end: what is far before it is noise.
                self.pending.drain(..self.pending.len() - 256);
            }
            if !self.receive(Some(deadline), doing)? {
                return Err(self.timeout(doing));
            }
        }
    }

    fn read_bytes(
        &mut self,
        n: usize,
        timeout: Duration,
        doing: &str,
    ) -> Result<Vec<u8>, BoardError> {
        let deadline = Instant::now() + timeout;
        while self.pending.len() < n {
            if !self.receive(Some(deadline), doing)? {
                return Err(self.timeout(doing));
            }
        }
        let rest = self.pending.split_off(n);
        Ok(std::mem::replace(&mut self.pending, rest))
    }

    fn lost(&self, error: io::Error, doing: &str) -> BoardError {
        BoardError::ConnectionLost {
            board: self.board.clone(),
            doing: format!("{doing} ({error})"),
        }
    }

    fn timeout(&self, doing: &str) -> BoardError {
        BoardError::ConnectionLost {
            board: self.board.clone(),
            doing: format!("{doing} (no answer in time)"),
        }
    }

    fn protocol(&self, what: String) -> BoardError {
        BoardError::Protocol {
            board: self.board.clone(),
            what,
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
