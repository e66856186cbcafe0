//! Over-the-air updates of a running simulated board, end to end: `mote sim` (the ROM
//! bootloader and its firmware child), `mote sign`, `mote ota` and the board's `/info`, as a
//! user runs them.
//!
//! The board's factory image is `mote` itself, reporting version 1.0.0. Updates are `mote`
//! again (the real executable, signed as 2.0.0), or small shell scripts signed as images: one
//! that starts `mote` (a healthy image of another version, cheap to upload many times) and one
//! that exits at once (a broken image).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const MOTE: &str = env!("CARGO_BIN_EXE_mote");
const PASSWORD: &str = "ota-secret";

/// A scratch folder, removed with what is in it (images and slots of tens of MiB) when dropped.
struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch_dir(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("mote-ota-board-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

fn mote(args: &[&str]) -> Output {
    Command::new(MOTE)
        .args(args)
        .env_remove("MOTE_PASSWORD")
        .output()
        .unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A key pair `name`, `name.pub` in `dir`.
fn keygen(dir: &Path, name: &str) -> PathBuf {
    let key = dir.join(name);
    let out = mote(&["keygen", "-o", s(&key)]);
    assert!(out.status.success(), "{out:?}");
    key
}

/// Signs `firmware` for the simulated board as `version`.
fn sign(key: &Path, firmware: &Path, version: &str, image: &Path) {
    sign_with(key, firmware, version, image, &[]);
}

fn sign_with(key: &Path, firmware: &Path, version: &str, image: &Path, extra: &[&str]) {
    let mut args = vec![
        "sign",
        "--key",
        s(key),
        "--version",
        version,
        "--chip",
        "sim",
    ];
    args.extend_from_slice(extra);
    args.extend_from_slice(&[s(firmware), "-o", s(image)]);
    let out = mote(&args);
    assert!(out.status.success(), "{out:?}");
}

/// A firmware that is a shell script: `body`, then `#` padding up to `len` bytes (sh never
/// reads past the line that ends it).
fn script(dir: &Path, name: &str, body: &str, len: usize) -> PathBuf {
    let mut bytes = format!("#!/bin/sh\n{body}\n").into_bytes();
    while bytes.len() < len {
        let line = (len - bytes.len()).min(4096);
        bytes.push(b'#');
        bytes.extend(std::iter::repeat_n(b'=', line.saturating_sub(2)));
        bytes.push(b'\n');
    }
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A healthy image of another version: a script starting this `mote`.
fn mote_script(dir: &Path, name: &str) -> PathBuf {
    script(dir, name, &format!("exec '{MOTE}' \"$@\""), 0)
}

/// A running `mote sim` and its log (stderr).
struct Board {
    child: Child,
    log: Arc<Mutex<String>>,
    port: u16,
}

impl Board {
    fn start(dir: &Path, key: &Path) -> Board {
        let port = free_port();
        let mut child = Command::new(MOTE)
            .args(["sim", "--console", "tcp:0", "--flash"])
            .arg(dir.join("board.flash"))
            .args(["--ota-key", &format!("{}.pub", s(key))])
            .args(["--firmware-version", "1.0", "--password", PASSWORD])
            .args(["--port", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let shared = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = shared.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let board = Board { child, log, port };
        board.wait_log("REPL ready", 1);
        board
    }

    fn address(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Waits until `text` is in the log `count` times; the log.
    #[track_caller]
    fn wait_log(&self, text: &str, count: usize) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let log = self.log.lock().unwrap().clone();
            if log.matches(text).count() >= count {
                return log;
            }
            assert!(
                Instant::now() < deadline,
                "{text:?} x{count} not in the log:\n{log}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `GET /info`: (firmware_version, firmware_slot, firmware_state, uptime_ms).
    fn info(&self) -> (String, String, String, u64) {
        let reply = http(self.port, "GET", "/info", &[], None);
        assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
        let body = &reply[reply.find("\r\n\r\n").unwrap() + 4..];
        let field = |name: &str| {
            let at = body.find(&format!("\"{name}\":")).unwrap() + name.len() + 3;
            let rest = &body[at..];
            let end = rest.find([',', '}']).unwrap();
            rest[..end].trim_matches('"').to_string()
        };
        (
            field("firmware_version"),
            field("firmware_slot"),
            field("firmware_state"),
            field("uptime_ms").parse().unwrap(),
        )
    }

    fn ota(&self, image: &Path) -> Output {
        mote(&[
            "ota",
            &self.address(),
            s(image),
            "--password",
            PASSWORD,
            "--timeout",
            "60",
        ])
    }
}

impl Drop for Board {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One request on a fresh connection; `body` may be sent only in part (`Some(n)`: the first n
/// bytes, then the connection is closed). The whole answer (empty when there was none).
fn http(port: u16, method: &str, path: &str, body: &[u8], cut_at: Option<usize>) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    // base64(":ota-secret")
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\
         Authorization: Basic Om90YS1zZWNyZXQ=\r\n"
    );
    if method == "PUT" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    match cut_at {
        Some(n) => {
            stream.write_all(&body[..n]).unwrap();
            return String::new();
        }
        None => stream.write_all(body).unwrap(),
    }
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    String::from_utf8_lossy(&reply).into_owned()
}

#[test]
fn mote_ota_upgrades_a_running_board_to_its_own_executable_signed_as_another_version() {
    let dir = scratch_dir("upgrade");
    let key = keygen(&dir, "fleet");
    let image = dir.join("v2.img");
    sign(&key, Path::new(MOTE), "2.0.0", &image);
    let board = Board::start(&dir, &key);
    let (version, slot, state, _) = board.info();
    assert_eq!((&*version, &*slot, &*state), ("1.0.0", "ota_0", "factory"));

    let out = board.ota(&image);
    let said = text(&out);
    assert!(out.status.success(), "{said}\n{}", board.wait_log("", 0));
    assert!(
        said.contains("version 2.0.0 accepted into slot B"),
        "{said}"
    );
    assert!(
        said.contains("now running version 2.0.0 (was 1.0.0)"),
        "{said}"
    );
    board.wait_log("image 2.0.0 in slot B confirmed", 1);
    let (version, slot, state, _) = board.info();
    assert_eq!(
        (&*version, &*slot, &*state),
        ("2.0.0", "ota_1", "confirmed")
    );
    // The slot's payload is the executable, byte for byte.
    let installed = std::fs::read(dir.join("board.flash.run/slot-b")).unwrap();
    assert!(
        installed == std::fs::read(MOTE).unwrap(),
        "slot B is not mote"
    );
}

#[test]
fn an_image_that_exits_at_start_is_rolled_back_without_a_hand_on_the_board() {
    let dir = scratch_dir("rollback");
    let key = keygen(&dir, "fleet");
    let broken = dir.join("broken.img");
    sign(&key, &script(&dir, "broken", "exit 1", 0), "3.0.0", &broken);
    let board = Board::start(&dir, &key);

    let out = board.ota(&broken);
    let said = text(&out);
    assert!(!out.status.success(), "{said}");
    assert!(
        said.contains(
            "version 3.0.0 did not confirm itself; the board rolled back to version 1.0.0"
        ),
        "{said}"
    );
    let log = board.wait_log("booting slot A (version 1.0.0, factory image)", 2);
    assert!(
        log.contains("booting slot B (version 3.0.0, on trial)"),
        "{log}"
    );
    assert!(
        log.contains("stopped (exit status 1) before confirming itself"),
        "{log}"
    );
    let (version, slot, state, _) = board.info();
    assert_eq!((&*version, &*slot, &*state), ("1.0.0", "ota_0", "factory"));

    // The board still takes a good image afterwards, and then refuses a downgrade.
    let good = dir.join("v4.img");
    let firmware = mote_script(&dir, "v4");
    sign_with(
        &key,
        &firmware,
        "4.0.0",
        &good,
        &["--security-counter", "5"],
    );
    let out = board.ota(&good);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(board.info().0, "4.0.0");
    let older = dir.join("old.img");
    sign_with(
        &key,
        &firmware,
        "4.1.0",
        &older,
        &["--security-counter", "4"],
    );
    let said = text(&board.ota(&older));
    assert!(
        said.contains("(422): image refused: security counter 4 is below the installed 5"),
        "{said}"
    );
    assert_eq!(board.info().0, "4.0.0");
}

#[test]
fn an_image_whose_main_py_fails_at_start_is_rejected_and_rolled_back() {
    let dir = scratch_dir("unhealthy");
    let key = keygen(&dir, "fleet");
    let image = dir.join("v5.img");
    sign(&key, &mote_script(&dir, "v5"), "5.0.0", &image);
    let board = Board::start(&dir, &key);
    let reply = http(
        board.port,
        "PUT",
        "/fs/main.py",
        b"raise ValueError('broken')\n",
        None,
    );
    assert!(reply.starts_with("HTTP/1.1 201"), "{reply}");

    let out = board.ota(&image);
    let said = text(&out);
    assert!(!out.status.success(), "{said}");
    assert!(said.contains("rolled back to version 1.0.0"), "{said}");
    board.wait_log("image 5.0.0 rejected (main.py failed at start)", 1);
    assert_eq!(board.info().0, "1.0.0");
}

#[test]
fn an_upload_cut_off_halfway_leaves_the_board_running_and_a_retry_succeeds() {
    let dir = scratch_dir("cut");
    let key = keygen(&dir, "fleet");
    let image = dir.join("v6.img");
    sign(
        &key,
        &script(&dir, "v6", &format!("exec '{MOTE}' \"$@\""), 256 * 1024),
        "6.0.0",
        &image,
    );
    let bytes = std::fs::read(&image).unwrap();
    let board = Board::start(&dir, &key);
    let (_, _, _, uptime) = board.info();

    http(board.port, "PUT", "/ota", &bytes, Some(bytes.len() / 2));
    std::thread::sleep(Duration::from_millis(500));
    let (version, slot, _, later) = board.info();
    assert_eq!((&*version, &*slot), ("1.0.0", "ota_0"));
    assert!(
        later > uptime,
        "the board restarted ({uptime} ms, then {later} ms)"
    );
    assert_eq!(board.log.lock().unwrap().matches("booting slot").count(), 1);

    let out = board.ota(&image);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(board.info().0, "6.0.0");
}

#[test]
fn tampered_and_foreign_images_are_refused_with_the_boards_reason() {
    let dir = scratch_dir("refused");
    let key = keygen(&dir, "fleet");
    let stranger = keygen(&dir, "stranger");
    let firmware = mote_script(&dir, "v7");
    let board = Board::start(&dir, &key);
    let (_, _, _, uptime) = board.info();

    let tampered = dir.join("tampered.img");
    sign(&key, &firmware, "7.0.0", &tampered);
    let mut bytes = std::fs::read(&tampered).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x20;
    std::fs::write(&tampered, &bytes).unwrap();
    let out = board.ota(&tampered);
    let said = text(&out);
    assert!(!out.status.success(), "{said}");
    assert!(
        said.contains(
            "refused the image (422): image refused: payload does not match its signed hash"
        ),
        "{said}"
    );

    let foreign = dir.join("foreign.img");
    sign(&stranger, &firmware, "7.0.0", &foreign);
    let out = board.ota(&foreign);
    let said = text(&out);
    assert!(!out.status.success(), "{said}");
    assert!(
        said.contains("(422): image refused: signed by an unknown key"),
        "{said}"
    );

    let out = mote(&["ota", &board.address(), s(&foreign), "--password", "wrong"]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("refused the password"),
        "{}",
        text(&out)
    );

    let (version, slot, state, later) = board.info();
    assert_eq!((&*version, &*slot, &*state), ("1.0.0", "ota_0", "factory"));
    assert!(later > uptime, "the board restarted");
    assert_eq!(board.log.lock().unwrap().matches("booting slot").count(), 1);

    // The keys were fixed at the first boot: naming another key later changes nothing.
    drop(board);
    let board = Board::start(&dir, &stranger);
    assert!(board
        .wait_log("OTA keys were fixed at its first boot", 1)
        .contains("--ota-key is ignored"));
    let said = text(&board.ota(&foreign));
    assert!(said.contains("signed by an unknown key"), "{said}");
}

/// `mote exec` on the board: what the code printed.
fn exec(board: &Board, code: &str) -> String {
    let out = mote(&["exec", &board.address(), code, "--password", PASSWORD]);
    text(&out)
}

#[test]
fn scripts_see_the_running_image_and_confirm_or_reject_it() {
    let dir = scratch_dir("python");
    let key = keygen(&dir, "fleet");
    let board = Board::start(&dir, &key);
    let show = "import ota; print(ota.version(), ota.slot(), ota.state())";
    assert_eq!(exec(&board, show).trim(), "1.0.0 ota_0 factory");
    let said = exec(
        &board,
        "import ota; ota.mark_app_invalid_rollback_and_reboot()",
    );
    assert!(
        said.contains("OSError: the running image is not on trial"),
        "{said}"
    );

    // main.py decides on trial: 8.0.0 rejects itself, any other version confirms itself.
    let main = "import ota\n\
        if ota.state() == 'trial':\n\
        \x20   if ota.version() == '8.0.0':\n\
        \x20       ota.mark_app_invalid_rollback_and_reboot()\n\
        \x20   ota.mark_app_valid_cancel_rollback()\n\
        \x20   print('main.py confirmed', ota.version())\n";
    let reply = http(board.port, "PUT", "/fs/main.py", main.as_bytes(), None);
    assert!(reply.starts_with("HTTP/1.1 201"), "{reply}");

    let rejected = dir.join("v8.img");
    sign(&key, &mote_script(&dir, "v8"), "8.0.0", &rejected);
    let out = board.ota(&rejected);
    assert!(
        text(&out).contains("rolled back to version 1.0.0"),
        "{}",
        text(&out)
    );
    assert_eq!(exec(&board, show).trim(), "1.0.0 ota_0 factory");

    let kept = dir.join("v9.img");
    sign(&key, &mote_script(&dir, "v9"), "9.0.0", &kept);
    let out = board.ota(&kept);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(exec(&board, show).trim(), "9.0.0 ota_1 confirmed");
    assert!(
        !board
            .log
            .lock()
            .unwrap()
            .contains("image 9.0.0 in slot B confirmed"),
        "main.py confirmed it before the board's own check"
    );
}
