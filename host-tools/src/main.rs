//! `mote`: the host tool. Runs Python locally on the mote VM and manages boards and images.

mod board_http;
mod image;
mod keys;
mod ota_client;
mod repl;
mod run;
mod sign;
mod sim;
mod size;
mod terminal;
mod verify;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Python on microcontrollers: the host tool.
#[derive(Parser)]
#[command(name = "mote", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The `mote` subcommands, one module each.
#[derive(Subcommand)]
enum Command {
    /// Run a Python script (or -c CODE) on the mote VM, on this machine.
    Run(run::RunArgs),
    /// An interactive Python prompt on the mote VM, on this machine.
    Repl(repl::ReplArgs),
    /// Start a simulated board (flash in an image file, console on stdio, a pty or TCP).
    Sim(sim::SimArgs),
    /// Work on a filesystem image file before flashing it.
    Image(image::ImageArgs),
    /// Create an OTA signing key pair: NAME (private, owner-only) and NAME.pub.
    Keygen(keys::KeygenArgs),
    /// Sign a firmware file into an OTA image.
    Sign(sign::SignArgs),
    /// Check an OTA image against public keys, as a board would.
    Verify(verify::VerifyArgs),
    /// Upgrade a running board to a signed image over the air and wait for it to restart.
    Ota(ota_client::OtaArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run(args) => run::run(args),
        Command::Repl(args) => repl::run(args),
        Command::Sim(args) => sim::run(args),
        Command::Image(args) => image::main(args),
        Command::Keygen(args) => keys::keygen(args),
        Command::Sign(args) => sign::sign(args),
        Command::Verify(args) => verify::verify(args),
        Command::Ota(args) => ota_client::ota(args),
    }
}
