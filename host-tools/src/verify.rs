//! `mote verify`: check a signed OTA image as a board would (signature, key, chip, hash,
//! length), streaming it from disk.

use std::fs::File;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use mote_ota::image::{Policy, Verified};
use mote_ota::{Chip, Verifier};

use crate::keys;
use crate::sign::parse_chip;

/// Arguments of `mote verify`.
#[derive(Args)]
pub struct VerifyArgs {
    /// A public key file (NAME.pub); repeat to accept any of several keys.
    #[arg(long, value_name = "NAME.pub", required = true)]
    key: Vec<PathBuf>,
    /// Accept only images for this chip (esp32c3 or sim); by default any known chip.
    #[arg(long, value_parser = parse_chip)]
    chip: Option<Chip>,
    /// The signed image.
    image: PathBuf,
}

/// Exits 0 only for a valid image; says why otherwise.
pub fn verify(args: VerifyArgs) -> ExitCode {
    let name = args.image.display();
    match verify_file(&args) {
        Ok(Ok(v)) => {
            let h = v.header;
            let chip = h.chip().map_or("?", Chip::name);
            println!(
                "{name}: valid: version {} for {chip}, security counter {}, {} bytes of payload, signed by key {}",
                h.version, h.security_counter, h.payload_len, h.key_id
            );
            ExitCode::SUCCESS
        }
        Ok(Err(refusal)) => {
            eprintln!("{name}: refused: {refusal}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("mote verify: {e}");
            ExitCode::FAILURE
        }
    }
}

fn verify_file(args: &VerifyArgs) -> Result<Result<Verified, mote_ota::ImageError>, String> {
    let keys = args
        .key
        .iter()
        .map(|path| keys::read_public(path))
        .collect::<Result<Vec<_>, _>>()?;
    let policy = Policy {
        keys: &keys,
        chip: args.chip,
        min_security_counter: 0,
        max_payload_len: u32::MAX,
    };
    let mut verifier = Verifier::new(policy);
    let mut file = File::open(&args.image).map_err(|e| format!("{}: {e}", args.image.display()))?;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file
            .read(&mut buf)
            .map_err(|e| format!("{}: {e}", args.image.display()))?;
        if n == 0 {
            return Ok(verifier.finish());
        }
        if let Err(refusal) = verifier.push(&buf[..n]) {
            return Ok(Err(refusal));
        }
    }
}
