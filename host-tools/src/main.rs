//! `mote`: the host tool. Runs Python locally on the mote VM and manages boards and images.

mod image;
mod keys;
mod repl;
mod run;
mod scan;
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
    /// Find boards on the network (discovery): name, address, unique id, firmware, uptime.
    Scan(scan::ScanArgs),
    /// Work on a filesystem image file before flashing it.
    Image(image::ImageArgs),
    /// Create an OTA signing key pair: NAME (private, owner-only) and NAME.pub.
    Keygen(keys::KeygenArgs),
    /// Sign a firmware file into an OTA image.
    Sign(sign::SignArgs),
    /// Check an OTA image against public keys, as a board would.
    Verify(verify::VerifyArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run(args) => run::run(args),
        Command::Repl(args) => repl::run(args),
        Command::Sim(args) => sim::run(args),
        Command::Scan(args) => scan::run(args),
        Command::Image(args) => image::main(args),
        Command::Keygen(args) => keys::keygen(args),
        Command::Sign(args) => sign::sign(args),
        Command::Verify(args) => verify::verify(args),
    }
}
