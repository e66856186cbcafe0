//! The simulated board's ROM bootloader: what `mote sim` runs before any firmware.
//!
//! Every (re)start: `mote-ota`'s boot decision on the firmware flash (a downloaded image goes
//! on trial, an image that used its boot attempts is reverted), then the chosen slot's payload,
//! checked against its signed hash and copied out beside the flash image, runs as a child
//! process with the board's own arguments and [`BootInfo`] in its environment. The ROM waits
//! for it like a watchdog: the child asking for a restart ([`RESTART_STATUS`]), or an image on
//! trial dying before it confirmed, starts the next boot; a child ending otherwise ends the
//! board with its status. The child is killed with the ROM, so stopping `mote sim` stops the
//! board.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};
use std::string::String;
use std::vec::Vec;
use std::{eprintln, format, vec};

use embassy_futures::block_on;
use embedded_storage_async::nor_flash::ReadNorFlash;
use mote_ota::{keyfile, Error, ImageError, Slot, Updater, VerifyingKey, Version};

use super::boot_info::{slot_name, BootInfo};
use super::flash::FileFlash;
use super::{FirmwareFiles, RESTART_STATUS};

/// How the ROM starts a board.
#[derive(Debug, Clone)]
pub struct RomOptions {
    /// The board's filesystem flash image; the firmware files go beside it.
    pub flash_image: PathBuf,
    /// `--ota-key` files: the keys fixed at the first boot.
    pub keys: Vec<PathBuf>,
    /// The factory image's version (`--firmware-version`).
    pub factory_version: Version,
    /// The arguments every firmware is started with (the board's command line).
    pub args: Vec<OsString>,
}

/// Boots the board until its firmware stops; the exit status to end with.
pub fn run(options: RomOptions) -> Result<u8, String> {
    let files = FirmwareFiles::beside(&options.flash_image);
    if let Some(dir) = options.flash_image.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    fix_keys(&files, &options.keys)?;
    let keys = files.read_keys()?;
    let factory =
        std::env::current_exe().map_err(|e| format!("cannot find the running executable: {e}"))?;
    let terminal = SavedTerminal::save();
    loop {
        let (boot, program) = choose(&files, &keys, &factory, options.factory_version)?;
        eprintln!(
            "mote sim: booting slot {} (version {}{})",
            slot_name(boot.slot),
            boot.version,
            if boot.factory {
                ", factory image"
            } else if boot.on_trial {
                ", on trial"
            } else {
                ""
            }
        );
        let status = run_firmware(&program, &options.args, &boot)?;
        // A firmware that restarts leaves its console's raw mode behind.
        terminal.restore();
        match status.code() {
            Some(0) => return Ok(0),
            Some(RESTART_STATUS) => {}
            _ if boot.on_trial => eprintln!(
                "mote sim: the image on trial in slot {} stopped ({}) before confirming itself; restarting",
                slot_name(boot.slot),
                describe(status)
            ),
            Some(code) => return Ok(u8::try_from(code).unwrap_or(1)),
            None => {
                return Err(format!(
                    "the firmware in slot {} stopped: {}",
                    slot_name(boot.slot),
                    describe(status)
                ))
            }
        }
    }
}

fn describe(status: ExitStatus) -> String {
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit status {code}"),
        (None, Some(signal)) => format!("killed by signal {signal}"),
        (None, None) => String::from("unknown status"),
    }
}

/// Writes the keys file at the first boot; later `--ota-key`s are ignored, as a chip's keys
/// are flashed once.
fn fix_keys(files: &FirmwareFiles, given: &[PathBuf]) -> Result<(), String> {
    if files.keys.exists() {
        if !given.is_empty() {
            let fixed = files.read_keys()?;
            let given = read_key_files(given)?;
            if fixed != given {
                eprintln!(
                    "mote sim: the board's OTA keys were fixed at its first boot ({}); --ota-key is ignored",
                    files.keys.display()
                );
            }
        }
        return Ok(());
    }
    let keys = read_key_files(given)?;
    if keys.is_empty() {
        eprintln!("mote sim: no --ota-key at first boot: this board will refuse every update");
    }
    let mut text = String::new();
    for key in &keys {
        keyfile::write_public(&mut text, key).map_err(|_| String::from("cannot format a key"))?;
    }
    write_atomically(&files.keys, text.as_bytes(), 0o644)
}

fn read_key_files(paths: &[PathBuf]) -> Result<Vec<VerifyingKey>, String> {
    paths
        .iter()
        .map(|path| {
            let text = fs::read_to_string(path)
                .map_err(|e| format!("cannot read the key {}: {e}", path.display()))?;
            keyfile::parse_public(&text).map_err(|e| format!("{}: {e}", path.display()))
        })
        .collect()
}

/// The boot decision and the program to run for it.
fn choose(
    files: &FirmwareFiles,
    keys: &[VerifyingKey],
    factory: &Path,
    factory_version: Version,
) -> Result<(BootInfo, PathBuf), String> {
    let mut updater = files.updater(keys)?;
    let decision = block_on(updater.boot()).map_err(|e| format!("boot: {e}"))?;
    let slot = decision.slot;
    let verified = match block_on(updater.verify_slot(slot)) {
        Ok(verified) => verified,
        // Slot A before any update into it: the image the board was flashed with.
        Err(Error::Image(ImageError::BadMagic)) if slot == Slot::A => {
            let boot = BootInfo {
                slot,
                version: factory_version,
                on_trial: false,
                factory: true,
            };
            return Ok((boot, factory.to_path_buf()));
        }
        Err(e) => {
            return Err(format!(
                "slot {} holds no bootable image: {e}",
                slot_name(slot)
            ))
        }
    };
    let program = files
        .run_dir
        .join(format!("slot-{}", slot_name(slot).to_ascii_lowercase()));
    extract(&mut updater, slot, verified.header.payload_len, &program)?;
    let boot = BootInfo {
        slot,
        version: verified.header.version,
        on_trial: decision.on_trial,
        factory: false,
    };
    Ok((boot, program))
}

/// Copies `slot`'s payload out to an executable file at `to` (through a temporary file, so a
/// program still running from the old copy is not disturbed).
fn extract(
    updater: &mut Updater<'_, FileFlash>,
    slot: Slot,
    len: u32,
    to: &Path,
) -> Result<(), String> {
    let dir = to.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let start = updater.layout().slot(slot);
    let tmp = to.with_extension("new");
    let mut out =
        File::create(&tmp).map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
    let mut chunk = vec![0u8; 64 * 1024];
    let mut done = 0u32;
    while done < len {
        let n = (len - done).min(chunk.len() as u32) as usize;
        block_on(updater.flash_mut().read(start + done, &mut chunk[..n]))
            .map_err(|e| format!("cannot read slot {}: {e:?}", slot_name(slot)))?;
        out.write_all(&chunk[..n])
            .map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
        done += n as u32;
    }
    drop(out);
    fs::set_permissions(&tmp, fs::Permissions::from_mode(0o755))
        .and_then(|()| fs::rename(&tmp, to))
        .map_err(|e| format!("cannot install {}: {e}", to.display()))
}

fn write_atomically(path: &Path, bytes: &[u8], mode: u32) -> Result<(), String> {
    let tmp = path.with_extension("new");
    fs::write(&tmp, bytes)
        .and_then(|()| fs::set_permissions(&tmp, fs::Permissions::from_mode(mode)))
        .and_then(|()| fs::rename(&tmp, path))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The settings of the terminal on stdin as the ROM found them.
struct SavedTerminal(Option<libc::termios>);

impl SavedTerminal {
    fn save() -> SavedTerminal {
        // SAFETY: isatty and tcgetattr only write the termios value owned here; fd 0 is this
        // process's stdin, open for its whole life.
        unsafe {
            if libc::isatty(0) != 1 {
                return SavedTerminal(None);
            }
            let mut saved: libc::termios = core::mem::zeroed();
            if libc::tcgetattr(0, &mut saved) != 0 {
                return SavedTerminal(None);
            }
            SavedTerminal(Some(saved))
        }
    }

    fn restore(&self) {
        if let Some(saved) = &self.0 {
            // SAFETY: puts back the attributes read in `save` on the same descriptor.
            unsafe {
                libc::tcsetattr(0, libc::TCSANOW, saved);
            }
        }
    }
}

/// Runs `program` as the board's firmware until it exits.
fn run_firmware(program: &Path, args: &[OsString], boot: &BootInfo) -> Result<ExitStatus, String> {
    let mut command = Command::new(program);
    command.args(args).envs(boot.to_env());
    let rom = std::process::id();
    // SAFETY: the closure runs in the forked child before exec and calls only prctl and
    // getppid, which are async-signal-safe; it touches no memory of the parent.
    unsafe {
        command.pre_exec(move || {
            // The firmware dies with the ROM, as a board's program stops with its power.
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            if libc::getppid() != rom as libc::pid_t {
                libc::_exit(1);
            }
            Ok(())
        });
    }
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
    child
        .wait()
        .map_err(|e| format!("lost the firmware process: {e}"))
}
