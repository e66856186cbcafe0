//! `mote repl BOARD`: the user's terminal on the board's REPL over the WebREPL. The terminal
//! is in raw mode (every key, Ctrl-C included, goes to the board); Ctrl-] leaves, as in
//! telnet and picocom.

use std::io::{Read, Write};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use super::webrepl::Session;
use super::websocket::Message;
use super::{fail, BoardError, Target};
use crate::terminal::RawMode;

/// Ctrl-]: leaves the terminal.
const QUIT: u8 = 0x1d;
/// After the end of piped input, how long the board's output may pause before mote leaves.
const QUIET_AFTER_EOF: Duration = Duration::from_millis(500);

enum Event {
    Keys(Vec<u8>),
    EndOfInput,
    Output(Vec<u8>),
    Closed(String),
}

/// Runs the terminal until Ctrl-], the end of input, or the board closing the connection.
pub fn run(board: &str, password: Option<&str>) -> ExitCode {
    match terminal(board, password) {
        Ok(code) => code,
        Err(error) => fail("repl", &error),
    }
}

fn terminal(board: &str, password: Option<&str>) -> Result<ExitCode, BoardError> {
    let target = Target::resolve(board, password)?;
    let mut session = Session::login(&target)?;
    let label = session.board().to_string();
    let greeting = session.take_pending();
    let (mut reader, mut writer) = session.split();
    eprintln!("Connected to {label}; Ctrl-] to quit");
    let raw_mode = RawMode::enter(0);
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(&greeting);
    let _ = stdout.flush();

    let (tx, events) = mpsc::channel();
    let keys = tx.clone();
    std::thread::spawn(move || {
        let mut stdin = std::io::stdin();
        let mut buffer = [0u8; 4096];
        loop {
            match stdin.read(&mut buffer) {
                Ok(0) | Err(_) => {
                    let _ = keys.send(Event::EndOfInput);
                    return;
                }
                Ok(n) => {
                    if keys.send(Event::Keys(buffer[..n].to_vec())).is_err() {
                        return;
                    }
                }
            }
        }
    });
    std::thread::spawn(move || loop {
        let event = match reader.next(None) {
            Ok(Some(Message::Text(bytes) | Message::Binary(bytes))) => Event::Output(bytes),
            // The server sends no pings; one would only go unanswered.
            Ok(Some(Message::Ping(_))) | Ok(None) => continue,
            Ok(Some(Message::Close)) => Event::Closed("the board closed the connection".into()),
            Err(e) => Event::Closed(format!("the connection was lost ({e})")),
        };
        let closed = matches!(event, Event::Closed(_));
        if tx.send(event).is_err() || closed {
            return;
        }
    });

    let mut input_ended = false;
    let result = loop {
        let event = if input_ended {
            match events.recv_timeout(QUIET_AFTER_EOF) {
                Ok(event) => event,
                Err(_) => break Ok(ExitCode::SUCCESS),
            }
        } else {
            match events.recv() {
                Ok(event) => event,
                Err(_) => break Ok(ExitCode::SUCCESS),
            }
        };
        match event {
            Event::Keys(keys) => {
                let (keys, quit) = match keys.iter().position(|&b| b == QUIT) {
                    Some(at) => (&keys[..at], true),
                    None => (&keys[..], false),
                };
                if !keys.is_empty() {
                    if let Err(e) = writer.send(mote_webrepl::ws::Opcode::Text, keys) {
                        break Err(format!("the connection was lost ({e})"));
                    }
                }
                if quit {
                    let _ = writer.send(mote_webrepl::ws::Opcode::Close, &1000u16.to_be_bytes());
                    break Ok(ExitCode::SUCCESS);
                }
            }
            Event::EndOfInput => input_ended = true,
            Event::Output(bytes) => {
                let _ = stdout.write_all(&bytes);
                let _ = stdout.flush();
            }
            Event::Closed(why) => break Err(why),
        }
    };
    drop(raw_mode);
    match result {
        Ok(code) => {
            eprintln!();
            Ok(code)
        }
        Err(why) => Err(BoardError::ConnectionLost {
            board: label,
            doing: format!("the terminal was open: {why}"),
        }),
    }
}
