//! `mote boards`: the user's named boards in boards.toml (add, remove, list). The file is
//! written owner-only; a listing never shows passwords.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::config::{prompt, Boards, Entry, PASSWORD_ENV};
use super::{fail, Address, BoardError};

/// Arguments of `mote boards`.
#[derive(Args)]
pub struct BoardsArgs {
    #[command(subcommand)]
    command: BoardsCommand,
}

#[derive(Subcommand)]
enum BoardsCommand {
    /// Name a board, with its password (from --password, MOTE_PASSWORD, or typed unechoed).
    Add {
        /// The name to call it by.
        name: String,
        /// Where it is: HOST[:PORT] or ws://HOST:PORT/.
        address: String,
        /// Its password.
        #[arg(long, value_name = "PW")]
        password: Option<String>,
    },
    /// Forget a board.
    Rm {
        /// Its name.
        name: String,
    },
    /// List the named boards and their addresses (never their passwords).
    List {
        /// Print the list as JSON: [{"name", "address", "password_saved"}].
        #[arg(long)]
        json: bool,
    },
}

/// `mote boards`.
pub fn run(args: BoardsArgs) -> ExitCode {
    match command(args.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail("boards", &error),
    }
}

fn command(command: BoardsCommand) -> Result<(), BoardError> {
    let mut boards = Boards::load()?;
    match command {
        BoardsCommand::Add {
            name,
            address,
            password,
        } => {
            if Address::parse(&address).is_none() {
                return Err(BoardError::BadBoard(address));
            }
            if Address::parse(&name).is_some_and(|_| name.contains([':', '.'])) {
                return Err(BoardError::Config(format!(
                    "{name:?} looks like an address; a board's name is a plain word"
                )));
            }
            let password = password
                .or_else(|| std::env::var(PASSWORD_ENV).ok().filter(|p| !p.is_empty()))
                .or_else(|| {
                    std::io::stdin()
                        .is_terminal()
                        .then(|| prompt(&format!("Password for {name}: ")))
                        .flatten()
                });
            boards.set(&name, Entry { address, password })?;
            eprintln!("{name} saved in {}", boards.path_text());
            Ok(())
        }
        BoardsCommand::Rm { name } => {
            if boards.remove(&name)? {
                Ok(())
            } else {
                Err(BoardError::BadBoard(name))
            }
        }
        BoardsCommand::List { json: true } => {
            let list: Vec<serde_json::Value> = boards
                .entries()
                .map(|(name, entry)| {
                    serde_json::json!({
                        "name": name,
                        "address": entry.address,
                        "password_saved": entry.password.is_some(),
                    })
                })
                .collect();
            println!("{}", serde_json::Value::Array(list));
            Ok(())
        }
        BoardsCommand::List { json: false } => {
            for (name, entry) in boards.entries() {
                let password = if entry.password.is_some() {
                    "password saved"
                } else {
                    "no password"
                };
                println!("{name}\t{}\t{password}", entry.address);
            }
            Ok(())
        }
    }
}
