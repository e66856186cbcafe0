//! `mote keygen`, `mote sign` and `mote verify` as a user runs them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn mote(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mote"))
        .args(args)
        .output()
        .unwrap()
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mote-ota-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A key pair NAME, NAME.pub in `dir`.
fn keygen(dir: &Path, name: &str) -> PathBuf {
    let key = dir.join(name);
    let out = mote(&["keygen", "-o", s(&key)]);
    assert!(out.status.success(), "{out:?}");
    key
}

/// A stand-in for the simulated board's executable: an x86-64 ELF header and some bytes.
fn sim_firmware(dir: &Path) -> PathBuf {
    let mut bytes = b"\x7fELF\x02\x01\x01".to_vec();
    bytes.resize(18, 0);
    bytes.extend_from_slice(&62u16.to_le_bytes());
    bytes.extend((0..5000u32).map(|i| (i * 31 % 251) as u8));
    let path = dir.join("firmware");
    std::fs::write(&path, bytes).unwrap();
    path
}

fn sign(key: &Path, firmware: &Path, image: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["sign", "--key", s(key), "--version", "1.2.3"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&[s(firmware), "-o", s(image)]);
    mote(&args)
}

fn verify(pubs: &[&Path], image: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["verify"];
    for p in pubs {
        args.extend_from_slice(&["--key", s(p)]);
    }
    args.extend_from_slice(extra);
    args.push(s(image));
    mote(&args)
}

fn public(key: &Path) -> PathBuf {
    PathBuf::from(format!("{}.pub", key.display()))
}

#[test]
fn keygen_writes_an_owner_only_private_key_and_a_public_key() {
    let dir = scratch_dir("keygen");
    let key = keygen(&dir, "release");
    let private = std::fs::read_to_string(&key).unwrap();
    let public_text = std::fs::read_to_string(public(&key)).unwrap();
    assert!(private.starts_with("mote-ed25519-private "), "{private}");
    assert!(
        public_text.starts_with("mote-ed25519-public "),
        "{public_text}"
    );
    assert_eq!(public_text.trim().len(), "mote-ed25519-public ".len() + 64);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // A key is never overwritten.
    let again = mote(&["keygen", "-o", s(&key)]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("exists"), "{again:?}");
    assert_eq!(std::fs::read_to_string(&key).unwrap(), private);
    // Two runs give two different keys.
    let other = keygen(&dir, "other");
    assert_ne!(std::fs::read_to_string(other).unwrap(), private);
}

#[test]
fn a_signed_image_verifies_and_every_tamper_is_refused_with_its_reason() {
    let dir = scratch_dir("sign");
    let key = keygen(&dir, "k");
    let firmware = sim_firmware(&dir);
    let image = dir.join("fw.mota");
    let out = sign(&key, &firmware, &image, &["--security-counter", "4"]);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains("for sim"), "{out:?}");
    let fw_len = std::fs::metadata(&firmware).unwrap().len();
    let bytes = std::fs::read(&image).unwrap();
    assert_eq!(bytes.len() as u64, 128 + fw_len);
    assert_eq!(&bytes[..4], b"MOTA");
    assert!(!dir.join("fw.mota.partial").exists());

    let ok = verify(&[&public(&key)], &image, &[]);
    assert!(ok.status.success(), "{ok:?}");
    assert!(
        stdout(&ok).contains("valid: version 1.2.3 for sim, security counter 4"),
        "{ok:?}"
    );

    let refused = |bytes: &[u8], reason: &str| {
        let path = dir.join("bad.mota");
        std::fs::write(&path, bytes).unwrap();
        let out = verify(&[&public(&key)], &path, &[]);
        assert!(!out.status.success(), "{reason}: {out:?}");
        assert!(stderr(&out).contains(reason), "{reason}: {out:?}");
    };
    let mut flipped = bytes.clone();
    flipped[2000] ^= 1;
    refused(&flipped, "does not match its signed hash");
    let mut forged = bytes.clone();
    forged[16] ^= 1;
    refused(&forged, "bad signature");
    refused(&bytes[..bytes.len() - 1], "truncated");
    refused(&bytes[..50], "truncated");
    refused(&[bytes.as_slice(), b"x"].concat(), "bytes after the end");
    refused(&firmware_bytes(&dir), "bad magic");

    // Another key: unknown. Both keys: accepted (rotation).
    let other = keygen(&dir, "other");
    let out = verify(&[&public(&other)], &image, &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("unknown key"), "{out:?}");
    assert!(verify(&[&public(&other), &public(&key)], &image, &[])
        .status
        .success());
    // Only images for the named chip.
    let out = verify(&[&public(&key)], &image, &["--chip", "esp32c3"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("another chip (sim)"), "{out:?}");
}

fn firmware_bytes(dir: &Path) -> Vec<u8> {
    std::fs::read(dir.join("firmware")).unwrap()
}

#[test]
fn the_chip_is_told_from_the_firmware_or_given() {
    let dir = scratch_dir("chip");
    let key = keygen(&dir, "k");
    let mut app = vec![0xE9, 3, 2, 0x20, 0, 0, 0, 0x42, 0xEE, 0, 0, 0, 5, 0];
    app.resize(4000, 0xAA);
    let esp = dir.join("app.bin");
    std::fs::write(&esp, &app).unwrap();
    let image = dir.join("app.mota");
    assert!(sign(&key, &esp, &image, &[]).status.success());
    let out = verify(&[&public(&key)], &image, &["--chip", "esp32c3"]);
    assert!(stdout(&out).contains("for esp32c3"), "{out:?}");

    let text = dir.join("notes.txt");
    std::fs::write(&text, "not firmware").unwrap();
    let out = sign(&key, &text, &dir.join("x.mota"), &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("pass --chip"), "{out:?}");
    assert!(!dir.join("x.mota").exists());
    let out = sign(&key, &text, &dir.join("x.mota"), &["--chip", "sim"]);
    assert!(out.status.success(), "{out:?}");
    let out = sign(&key, &text, &dir.join("x.mota"), &["--chip", "esp32"]);
    assert!(stderr(&out).contains("unknown chip"), "{out:?}");
}

#[test]
fn key_files_of_the_wrong_kind_are_named() {
    let dir = scratch_dir("kinds");
    let key = keygen(&dir, "k");
    let firmware = sim_firmware(&dir);
    let image = dir.join("fw.mota");
    let out = sign(&public(&key), &firmware, &image, &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("this is a public key"), "{out:?}");
    let out = sign(&key, &firmware, &image, &[]);
    assert!(out.status.success());
    assert!(!stderr(&out).contains("warning"), "{out:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
        let out = sign(&key, &firmware, &image, &[]);
        assert!(out.status.success());
        assert!(stderr(&out).contains("readable by others"), "{out:?}");
    }
    let out = verify(&[&key], &image, &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("this is a private key"), "{out:?}");
    let out = mote(&[
        "sign",
        "--key",
        s(&key),
        "--version",
        "1.x",
        s(&firmware),
        "-o",
        "y",
    ]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("MAJOR[.MINOR[.PATCH]]"), "{out:?}");
}

#[test]
fn a_board_accepts_what_mote_sign_writes() {
    use embassy_futures::block_on;
    use mote_ota::{Chip, Config, Layout, Slot, Updater};
    use mote_storage::sim::{SimFlash, ERASE_SIZE};

    let dir = scratch_dir("board");
    let key = keygen(&dir, "k");
    let firmware = sim_firmware(&dir);
    let image_path = dir.join("fw.mota");
    assert!(
        sign(&key, &firmware, &image_path, &["--security-counter", "3"])
            .status
            .success()
    );
    let image = std::fs::read(&image_path).unwrap();
    let public_text = std::fs::read_to_string(public(&key)).unwrap();
    let keys = [mote_ota::keyfile::parse_public(&public_text).unwrap()];

    let e = ERASE_SIZE as u32;
    let layout = Layout::contiguous(0, 4 * e, e);
    let config = Config {
        chip: Chip::Sim,
        keys: &keys,
        boot_attempts: 1,
    };
    let flash = SimFlash::new(layout.end(e) as usize);
    let mut board = Updater::new(flash, layout, config).unwrap();
    block_on(async {
        let mut download = board.download().await.unwrap();
        for chunk in image.chunks(1000) {
            download.write(chunk).await.unwrap();
        }
        let header = download.finish().await.unwrap();
        assert_eq!(header.version.to_string(), "1.2.3");
        assert_eq!(header.security_counter, 3);
        let boot = board.boot().await.unwrap();
        assert_eq!((boot.slot, boot.on_trial), (Slot::B, true));
        assert!(board.confirm().await.unwrap());
    });
    let flash = board.into_inner();
    let at = layout.slot(Slot::B) as usize;
    let fw = firmware_bytes(&dir);
    assert_eq!(&flash.image()[at..at + fw.len()], &fw[..]);
}
