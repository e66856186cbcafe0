//! `mote keygen` and the reading of key files (their format is `mote_ota::keyfile`'s).

use std::fs::OpenOptions;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use mote_ota::keyfile;
use mote_ota::{SigningKey, VerifyingKey};

/// Key files are one short line; anything longer is not one.
const MAX_KEY_FILE: u64 = 4096;

/// Arguments of `mote keygen`.
#[derive(Args)]
pub struct KeygenArgs {
    /// The private key file to write (owner-only); the public key goes to NAME.pub.
    #[arg(short = 'o', long = "output", value_name = "NAME")]
    output: PathBuf,
}

/// The public key file beside private key file `name`.
pub fn public_path(name: &Path) -> PathBuf {
    let mut path = name.as_os_str().to_owned();
    path.push(".pub");
    PathBuf::from(path)
}

/// Creates a new key pair; never overwrites an existing key.
pub fn keygen(args: KeygenArgs) -> ExitCode {
    match write_pair(&args.output) {
        Ok(key) => {
            let public = public_path(&args.output);
            println!(
                "wrote private key {} (keep it secret) and public key {} (key id {})",
                args.output.display(),
                public.display(),
                mote_ota::image::KeyId::of(&key)
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("mote keygen: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write_pair(name: &Path) -> Result<VerifyingKey, String> {
    let public = public_path(name);
    for path in [name, public.as_path()] {
        if path.exists() {
            return Err(format!(
                "{} exists; remove it first (a key is never overwritten)",
                path.display()
            ));
        }
    }
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| format!("no randomness from the OS: {e}"))?;
    let key = SigningKey::from_bytes(&seed);
    let mut private_text = String::new();
    let mut public_text = String::new();
    keyfile::write_private(&mut private_text, &key).map_err(|e| e.to_string())?;
    keyfile::write_public(&mut public_text, &key.verifying_key()).map_err(|e| e.to_string())?;

    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let write = |options: &OpenOptions, path: &Path, text: &str| {
        options
            .open(path)
            .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|_| f.sync_all()))
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    write(&options, name, &private_text)?;
    let mut public_options = OpenOptions::new();
    public_options.write(true).create_new(true);
    write(&public_options, &public, &public_text)?;
    Ok(key.verifying_key())
}

fn read_key_file(path: &Path) -> Result<String, String> {
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_KEY_FILE).read_to_string(&mut text))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text)
}

/// Reads a private key file, warning when others may read it too.
pub fn read_private(path: &Path) -> Result<SigningKey, String> {
    #[cfg(unix)]
    if let Ok(meta) = std::fs::metadata(path) {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            eprintln!(
                "warning: private key {} is readable by others (chmod 600 it)",
                path.display()
            );
        }
    }
    keyfile::parse_private(&read_key_file(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads a public key file.
pub fn read_public(path: &Path) -> Result<VerifyingKey, String> {
    keyfile::parse_public(&read_key_file(path)?).map_err(|e| format!("{}: {e}", path.display()))
}
