//! `mote`: the host tool. Runs Python locally on the mote VM and manages boards and images.

use clap::Parser;

/// Python on microcontrollers: the host tool.
#[derive(Parser)]
#[command(name = "mote", version, about)]
struct Cli {}

fn main() {
    let _cli = Cli::parse();
}
