//! `mote sign`: wrap a firmware file into a signed OTA image (format: `mote_ota::image`).

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use mote_ota::image::{sign_prefix, ImageSpec};
use mote_ota::{Chip, Version};
use sha2::{Digest, Sha256};

use crate::keys;

/// Arguments of `mote sign`.
#[derive(Args)]
pub struct SignArgs {
    /// The private key file.
    #[arg(long, value_name = "NAME")]
    key: PathBuf,
    /// The firmware version, MAJOR[.MINOR[.PATCH]].
    #[arg(long, value_name = "V", value_parser = parse_version)]
    version: Version,
    /// The security counter; boards refuse images whose counter is below the one they run.
    #[arg(long, value_name = "N", default_value_t = 0)]
    security_counter: u32,
    /// The target chip (esp32c3 or sim); by default told from the firmware file.
    #[arg(long, value_parser = parse_chip)]
    chip: Option<Chip>,
    /// The firmware: an ESP-IDF app image for esp32c3, the simulated board's executable for sim.
    firmware: PathBuf,
    /// The signed image to write.
    #[arg(short = 'o', long = "output", value_name = "IMAGE")]
    output: PathBuf,
}

fn parse_version(s: &str) -> Result<Version, String> {
    s.parse()
        .map_err(|()| format!("`{s}` is not MAJOR[.MINOR[.PATCH]] (numbers up to 65535)"))
}

/// Parses a chip name as the command line spells it.
pub fn parse_chip(s: &str) -> Result<Chip, String> {
    s.parse()
        .map_err(|()| format!("unknown chip `{s}` (esp32c3 or sim)"))
}

/// Signs FIRMWARE into IMAGE.
pub fn sign(args: SignArgs) -> ExitCode {
    match sign_file(&args) {
        Ok((spec, len)) => {
            println!(
                "signed {} -> {}: version {} for {}, security counter {}, {len} bytes of payload",
                args.firmware.display(),
                args.output.display(),
                spec.version,
                spec.chip,
                spec.security_counter
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("mote sign: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Tells the target chip from the first bytes of a firmware file.
fn detect_chip(head: &[u8]) -> Result<Chip, String> {
    const ESP_IMAGE_MAGIC: u8 = 0xE9;
    const EM_RISCV: u16 = 243;
    let u16_at = |at: usize| {
        head.get(at..at + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
    };
    if head.first() == Some(&ESP_IMAGE_MAGIC) && u16_at(12) == Chip::Esp32c3.code().into() {
        return Ok(Chip::Esp32c3);
    }
    if head.starts_with(b"\x7fELF") {
        if u16_at(18) == Some(EM_RISCV) {
            return Err(
                "this is a RISC-V ELF file, not an app image: convert it with \
                        `espflash save-image --chip esp32c3 ELF APP.bin` and sign APP.bin"
                    .into(),
            );
        }
        return Ok(Chip::Sim);
    }
    Err("cannot tell which chip the firmware is for; pass --chip esp32c3 or --chip sim".into())
}

fn sign_file(args: &SignArgs) -> Result<(ImageSpec, u32), String> {
    let key = keys::read_private(&args.key)?;
    let firmware_name = args.firmware.display();
    let open = |path: &Path| File::open(path).map_err(|e| format!("{}: {e}", path.display()));

    // First pass: the length, the hash and the first bytes (to tell the chip).
    let mut head = [0u8; 64];
    let mut head_len = 0;
    let mut hasher = Sha256::new();
    let mut len = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    let mut file = open(&args.firmware)?;
    loop {
        let n = file
            .read(&mut buf)
            .map_err(|e| format!("{firmware_name}: {e}"))?;
        if n == 0 {
            break;
        }
        let take = n.min(head.len() - head_len);
        head[head_len..head_len + take].copy_from_slice(&buf[..take]);
        head_len += take;
        hasher.update(&buf[..n]);
        len += n as u64;
        if len > u64::from(u32::MAX) {
            return Err(format!("{firmware_name}: larger than 4 GiB"));
        }
    }
    let hash: [u8; 32] = hasher.finalize().into();
    let chip = match args.chip {
        Some(chip) => chip,
        None => detect_chip(&head[..head_len]).map_err(|e| format!("{firmware_name}: {e}"))?,
    };
    let spec = ImageSpec {
        chip,
        version: args.version,
        security_counter: args.security_counter,
    };
    let prefix = sign_prefix(&spec, len as u32, &hash, &key);

    // Second pass: copy the payload behind the signed header, checking it is what was hashed.
    let mut partial = args.output.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let result = (|| {
        let mut out = BufWriter::new(
            File::create(&partial).map_err(|e| format!("{}: {e}", partial.display()))?,
        );
        let write_err = |e: std::io::Error| format!("{}: {e}", partial.display());
        out.write_all(&prefix).map_err(write_err)?;
        let mut file = open(&args.firmware)?;
        let mut again = Sha256::new();
        let mut copied = 0u64;
        loop {
            let n = file
                .read(&mut buf)
                .map_err(|e| format!("{firmware_name}: {e}"))?;
            if n == 0 {
                break;
            }
            again.update(&buf[..n]);
            copied += n as u64;
            out.write_all(&buf[..n]).map_err(write_err)?;
        }
        if copied != len || again.finalize().as_slice() != hash {
            return Err(format!("{firmware_name} changed while it was being signed"));
        }
        out.into_inner()
            .map_err(|e| e.into_error())
            .and_then(|f| f.sync_all())
            .map_err(write_err)?;
        std::fs::rename(&partial, &args.output)
            .map_err(|e| format!("{}: {e}", args.output.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result.map(|()| (spec, len as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chips_are_told_from_the_firmware() {
        let mut esp = [0u8; 24];
        esp[0] = 0xE9;
        esp[12] = 5;
        assert_eq!(detect_chip(&esp), Ok(Chip::Esp32c3));
        esp[12] = 9;
        assert!(detect_chip(&esp).is_err(), "another ESP chip");
        let mut elf = [0u8; 24];
        elf[..4].copy_from_slice(b"\x7fELF");
        elf[18] = 62;
        assert_eq!(detect_chip(&elf), Ok(Chip::Sim));
        elf[18] = 243;
        assert!(detect_chip(&elf)
            .unwrap_err()
            .contains("espflash save-image"));
        assert!(detect_chip(b"").is_err());
        assert!(detect_chip(b"print('hi')").is_err());
    }
}
