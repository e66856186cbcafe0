//! `mote`: the host tool. Runs Python locally on the mote VM and manages boards and images.

mod image;

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
    /// Work on a filesystem image file before flashing it.
    Image(image::ImageArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Image(args) => image::main(args),
    }
}
