//! Total time of `mote ota` for a 1.5 MiB image to a running simulated board, against the same
//! bytes put as a file over the same HTTP port (`PUT /fs`) in the same run. Run with
//! `cargo bench -p mote-host-tools --bench ota_upgrade`.
//!
//! The image's payload is a 1.5 MiB shell script that starts this `mote` (padding after its
//! `exec` line), so every upgrade really restarts the board into a new version, which confirms
//! itself. Each round upgrades to the next version and times: the whole `mote ota` (upload,
//! verify while writing, restart, the ROM's boot check and copy-out of the slot, the new
//! firmware's start and confirmation, seen in `/info`), and the upload alone as `mote ota`
//! reports it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const MOTE: &str = env!("CARGO_BIN_EXE_mote");
const PAYLOAD_LEN: usize = 1536 * 1024;
const ROUNDS: usize = 5;
const PASSWORD: &str = "bench";

fn run(args: &[&str]) -> String {
    let out = Command::new(MOTE).args(args).output().expect("mote runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "mote {args:?}: {text}");
    text
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// `PUT path` with `body` over a fresh connection; the status line.
fn put(port: u16, path: &str, body: &[u8]) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    stream.set_nodelay(true).expect("nodelay");
    // base64(":bench")
    let head = format!(
        "PUT {path} HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\
         Authorization: Basic OmJlbmNo\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).expect("head");
    stream.write_all(body).expect("body");
    let mut reply = String::new();
    let _ = stream.read_to_string(&mut reply);
    reply.lines().next().unwrap_or("").to_string()
}

fn main() {
    let dir: PathBuf = std::env::temp_dir().join(format!("mote-ota-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let key = dir.join("bench");
    run(&["keygen", "-o", s(&key)]);

    let mut firmware = format!("#!/bin/sh\nexec '{MOTE}' \"$@\"\n").into_bytes();
    while firmware.len() < PAYLOAD_LEN {
        let line = (PAYLOAD_LEN - firmware.len()).min(4096);
        firmware.push(b'#');
        firmware.extend(std::iter::repeat_n(b'=', line.saturating_sub(2)));
        firmware.push(b'\n');
    }
    let firmware_path = dir.join("firmware.sh");
    std::fs::write(&firmware_path, &firmware).expect("firmware");

    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let mut board: Child = Command::new(MOTE)
        .args(["sim", "--console", "tcp:0", "--flash-size", "4M", "--flash"])
        .arg(dir.join("board.flash"))
        .args([
            "--ota-key",
            &format!("{}.pub", s(&key)),
            "--password",
            PASSWORD,
        ])
        .args(["--port", &port.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mote sim starts");
    let log = Arc::new(Mutex::new(String::new()));
    let shared = log.clone();
    let stderr = board.stderr.take().expect("stderr");
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Ok(mut log) = shared.lock() {
                log.push_str(&line);
                log.push('\n');
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    while !log
        .lock()
        .map(|l| l.contains("REPL ready"))
        .unwrap_or(false)
    {
        assert!(Instant::now() < deadline, "the board did not start");
        std::thread::sleep(Duration::from_millis(20));
    }

    let mut fs_put = Vec::new();
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let status = put(port, "/fs/blob.bin", &firmware);
        fs_put.push(start.elapsed());
        assert!(status.contains("201"), "PUT /fs: {status}");
    }

    let address = format!("127.0.0.1:{port}");
    let (mut total, mut upload) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let image = dir.join(format!("v{round}.img"));
        let version = format!("{}.0.0", round + 2);
        run(&[
            "sign",
            "--key",
            s(&key),
            "--version",
            &version,
            "--chip",
            "sim",
            s(&firmware_path),
            "-o",
            s(&image),
        ]);
        let start = Instant::now();
        let said = run(&["ota", &address, s(&image), "--password", PASSWORD]);
        total.push(start.elapsed());
        assert!(
            said.contains(&format!("now running version {version}")),
            "{said}"
        );
        // "...; restarting into it (123.4 ms)"
        let reported = said
            .split("restarting into it (")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .and_then(|ms| ms.parse::<f64>().ok())
            .expect("mote ota reports the upload time");
        upload.push(Duration::from_secs_f64(reported / 1e3));
    }
    let _ = board.kill();
    let _ = board.wait();
    let _ = std::fs::remove_dir_all(&dir);

    let best = |d: &[Duration]| d.iter().min().copied().unwrap_or_default();
    let median = |d: &[Duration]| {
        let mut d = d.to_vec();
        d.sort();
        d[d.len() / 2]
    };
    let mib = PAYLOAD_LEN as f64 / (1024.0 * 1024.0);
    println!(
        "mote ota of a {} KiB image to a simulated board on loopback, {ROUNDS} rounds:",
        PAYLOAD_LEN / 1024
    );
    let line = |what: &str, d: &[Duration]| {
        println!(
            "  {what:<58} best {:>8.1} ms  median {:>8.1} ms  {:>6.1} MiB/s",
            best(d).as_secs_f64() * 1e3,
            median(d).as_secs_f64() * 1e3,
            mib / best(d).as_secs_f64()
        );
    };
    line(
        "reference: PUT /fs of the same bytes (file, no verify)",
        &fs_put,
    );
    line("PUT /ota: upload + verify while writing", &upload);
    line(
        "mote ota total: upload, restart, boot check, confirmed",
        &total,
    );
    println!(
        "  upload / PUT /fs: {:.2}x the time; total / upload: {:.2}x",
        best(&upload).as_secs_f64() / best(&fs_put).as_secs_f64(),
        best(&total).as_secs_f64() / best(&upload).as_secs_f64()
    );
}
