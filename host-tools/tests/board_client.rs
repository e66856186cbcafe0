//! `mote` as the client of a board, end to end: `mote sim` boards on 127.0.0.1 reached with
//! `mote exec`, `mote run --board`, `mote fs …` and `mote repl BOARD` (in tmux), as a user
//! runs them; and fake boards that misbehave (a connection cut mid-download).

#[allow(dead_code)]
#[path = "../../tests/src/webrepl_client.rs"]
mod client;

use client::{scratch_dir, SimBoard, Ws};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const PASSWORD: &str = "secret";

fn board(name: &str) -> (SimBoard, PathBuf) {
    let dir = scratch_dir(&format!("client-{name}"));
    let board = SimBoard::start(
        Path::new(env!("CARGO_BIN_EXE_mote")),
        &dir.join("board.flash"),
        &["--password", PASSWORD, "--flash-size", "8M"],
    );
    (board, dir)
}

/// `mote ARGS` with HOME and the config directory in `dir` (so no user's boards.toml is
/// read) and no password in the environment.
fn mote(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mote"));
    command
        .args(args)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env_remove("MOTE_PASSWORD")
        .current_dir(dir)
        .stdin(Stdio::null());
    command
}

fn output(command: &mut Command) -> Output {
    command.output().expect("mote runs")
}

/// `mote ARGS` with the password in MOTE_PASSWORD, which must succeed; its stdout.
#[track_caller]
fn ok(dir: &Path, args: &[&str]) -> String {
    let out = output(mote(dir, args).env("MOTE_PASSWORD", PASSWORD));
    assert!(out.status.success(), "mote {args:?}: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn addr(board: &SimBoard) -> String {
    board.web.to_string()
}

/// Bytes that differ at every position (so a shifted or short copy is seen).
fn pattern(len: usize, seed: u32) -> Vec<u8> {
    let mut x = seed.wrapping_mul(2_654_435_761).max(1);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect()
}

#[test]
fn exec_prints_the_output_and_an_exception_is_status_1_with_the_traceback() {
    let (board, dir) = board("exec");
    let b = addr(&board);
    assert_eq!(ok(&dir, &["exec", &b, "print(6*7)"]), "42\n");
    let out = output(&mut mote(
        &dir,
        &["exec", &b, "--password", PASSWORD, "print('before')\n1/0"],
    ));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "before\n");
    let err = stderr(&out);
    assert!(err.contains("Traceback (most recent call last):"), "{err}");
    assert!(err.contains("ZeroDivisionError"), "{err}");
    // A board left in the friendly REPL after each command takes the next one.
    assert_eq!(
        ok(&dir, &["exec", &b, "import sys; print(sys.platform != '')"]),
        "True\n"
    );
}

#[test]
fn run_board_runs_a_local_file_and_takes_its_status_from_the_board() {
    let (board, dir) = board("run");
    let b = addr(&board);
    // Over raw-paste's 512-byte window several times: flow control is exercised.
    let mut script = String::from("total = 0\n");
    for i in 0..200 {
        script.push_str(&format!("total += {i}  # padding padding\n"));
    }
    script.push_str("for i in range(3):\n    print('line', i)\nprint(total)\n");
    std::fs::write(dir.join("good.py"), &script).unwrap();
    assert!(script.len() > 4 * 512);
    let stdout = ok(&dir, &["run", "--board", &b, "good.py"]);
    assert_eq!(stdout, "line 0\nline 1\nline 2\n19900\n");

    std::fs::write(
        dir.join("bad.py"),
        "print('start')\nraise ValueError('no')\n",
    )
    .unwrap();
    let out = output(&mut mote(
        &dir,
        &["run", "--board", &b, "--password", PASSWORD, "bad.py"],
    ));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "start\n");
    assert!(stderr(&out).contains("ValueError: no"), "{out:?}");

    let out = output(&mut mote(
        &dir,
        &["run", "--board", &b, "--password", PASSWORD, "missing.py"],
    ));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.py"), "{out:?}");
}

#[test]
fn run_board_exit_status_follows_sys_exit_as_python3() {
    let (board, dir) = board("exit");
    let b = addr(&board);
    // (program, status, stdout, what stderr holds)
    let cases: [(&str, i32, &str, &str); 7] = [
        ("import sys\nprint('a')\nsys.exit(3)\n", 3, "a\n", ""),
        ("raise SystemExit(42)\n", 42, "", ""),
        ("import sys\nsys.exit(-1)\n", 255, "", ""),
        ("import sys\nsys.exit()\n", 0, "", ""),
        ("raise SystemExit\n", 0, "", ""),
        ("import sys\nsys.exit(None)\n", 0, "", ""),
        (
            "import sys\nprint('b')\nsys.exit('bad input')\n",
            1,
            "b\n",
            "bad input\n",
        ),
    ];
    for (i, (program, status, stdout, error)) in cases.into_iter().enumerate() {
        let file = format!("exit{i}.py");
        std::fs::write(dir.join(&file), program).unwrap();
        let out = output(&mut mote(
            &dir,
            &["run", "--board", &b, "--password", PASSWORD, &file],
        ));
        assert_eq!(out.status.code(), Some(status), "{program:?}: {out:?}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), stdout, "{program:?}");
        assert_eq!(stderr(&out), error, "{program:?}");
    }
    // Each exit soft-reset the board; it still runs the next program.
    assert_eq!(ok(&dir, &["exec", &b, "print(6*7)"]), "42\n");
}

#[test]
fn fs_put_get_cat_ls_mkdir_mv_rm_df() {
    let (board, dir) = board("fs");
    let b = addr(&board);
    let sizes = [("zero.bin", 0usize), ("one.bin", 1), ("mib.bin", 1 << 20)];
    for (i, (name, size)) in sizes.iter().enumerate() {
        std::fs::write(dir.join(name), pattern(*size, i as u32 + 1)).unwrap();
        ok(&dir, &["fs", &b, "put", name]);
    }
    let fetched = dir.join("fetched");
    std::fs::create_dir(&fetched).unwrap();
    for (name, _) in sizes {
        ok(&dir, &["fs", &b, "get", &format!("/{name}"), "fetched/"]);
        let here = std::fs::read(dir.join(name)).unwrap();
        assert!(here == std::fs::read(fetched.join(name)).unwrap(), "{name}");
    }
    // The board's own Python sees the same bytes.
    let digest = ok(
        &dir,
        &[
            "exec",
            &b,
            "import hashlib, binascii\nh = hashlib.sha256()\nf = open('/mib.bin', 'rb')\n\
         while True:\n    b = f.read(4096)\n    if not b:\n        break\n    h.update(b)\n\
         print(binascii.hexlify(h.digest()).decode())",
        ],
    );
    let expected: String = {
        use sha2::Digest;
        sha2::Sha256::digest(std::fs::read(dir.join("mib.bin")).unwrap())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    assert_eq!(digest.trim(), expected);

    assert_eq!(
        ok(&dir, &["fs", &b, "cat", "/one.bin"]).as_bytes(),
        pattern(1, 2)
    );
    ok(&dir, &["fs", &b, "mkdir", "/lib"]);
    ok(&dir, &["fs", &b, "put", "one.bin", "/lib/"]);
    ok(&dir, &["fs", &b, "mv", "/lib/one.bin", "/lib/renamed.bin"]);
    ok(&dir, &["fs", &b, "mv", "/zero.bin", "/lib"]);
    let listing = ok(&dir, &["fs", &b, "ls", "-r"]);
    for line in [
        "lib/",
        "lib/renamed.bin",
        "lib/zero.bin",
        "1048576 mib.bin",
        "mote.conf",
    ] {
        assert!(listing.contains(line), "{line} in {listing}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&ok(&dir, &["fs", &b, "ls", "/lib", "--json"])).unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            {"name": "renamed.bin", "kind": "file", "size": 1},
            {"name": "zero.bin", "kind": "file", "size": 0},
        ])
    );

    // A folder that is not empty needs -r.
    let out = output(&mut mote(
        &dir,
        &["fs", &b, "--password", PASSWORD, "rm", "/lib"],
    ));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("-r"), "{out:?}");
    ok(&dir, &["fs", &b, "rm", "/one.bin"]);
    ok(&dir, &["fs", &b, "rm", "-r", "/lib"]);
    let listing = ok(&dir, &["fs", &b, "ls"]);
    assert!(
        !listing.contains("lib") && !listing.contains("one.bin"),
        "{listing}"
    );

    let df = ok(&dir, &["fs", &b, "df"]);
    let numbers: Vec<u64> = df
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .take(3)
        .map(|n| n.parse().unwrap())
        .collect();
    assert!(numbers[0] > 4_000_000 && numbers[1] > 1 << 20, "{df}");
    assert!(numbers[1] + numbers[2] <= numbers[0], "{df}");
}

#[test]
fn fs_recursive_put_and_get_copy_trees() {
    let (board, dir) = board("tree");
    let b = addr(&board);
    let tree = dir.join("proj");
    std::fs::create_dir_all(tree.join("lib/sub")).unwrap();
    std::fs::create_dir_all(tree.join("empty")).unwrap();
    std::fs::write(tree.join("main.py"), "print('main')\n").unwrap();
    std::fs::write(tree.join("lib/util.py"), pattern(5000, 9)).unwrap();
    std::fs::write(tree.join("lib/sub/deep.txt"), "").unwrap();

    let out = output(&mut mote(
        &dir,
        &["fs", &b, "--password", PASSWORD, "put", "proj"],
    ));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a folder (use -r)"), "{out:?}");

    ok(&dir, &["fs", &b, "put", "-r", "proj"]);
    let listing = ok(&dir, &["fs", &b, "ls", "-r", "/proj"]);
    let names: Vec<&str> = listing
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        .collect();
    assert_eq!(
        names,
        [
            "empty/",
            "lib/",
            "lib/sub/",
            "lib/sub/deep.txt",
            "lib/util.py",
            "main.py"
        ]
    );
    ok(&dir, &["fs", &b, "get", "-r", "/proj", "copy"]);
    for file in ["main.py", "lib/util.py", "lib/sub/deep.txt"] {
        assert_eq!(
            std::fs::read(tree.join(file)).unwrap(),
            std::fs::read(dir.join("copy").join(file)).unwrap(),
            "{file}"
        );
    }
    assert!(dir.join("copy/empty").is_dir());
    assert_eq!(
        ok(&dir, &["exec", &b, "exec(open('/proj/main.py').read())"]),
        "main\n"
    );
}

#[test]
fn put_skips_files_whose_sha256_matches_unless_forced() {
    let (board, dir) = board("sha");
    let b = addr(&board);
    std::fs::write(dir.join("a.txt"), "same length\n").unwrap();
    let put = |extra: &[&str]| {
        let mut args = vec!["fs", &b, "--password", PASSWORD, "put", "a.txt"];
        args.extend_from_slice(extra);
        let out = output(&mut mote(&dir, &args));
        assert!(out.status.success(), "{out:?}");
        stderr(&out)
    };
    assert!(!put(&[]).contains("unchanged"));
    assert!(put(&[]).contains("/a.txt: unchanged, skipped"));
    assert!(!put(&["-f"]).contains("unchanged"));
    // Same length, other bytes: the hash, not the size, decides.
    std::fs::write(dir.join("a.txt"), "SAME LENGTH\n").unwrap();
    assert!(!put(&[]).contains("unchanged"));
    assert_eq!(ok(&dir, &["fs", &b, "cat", "/a.txt"]), "SAME LENGTH\n");
    // While another client holds the WebREPL, the board's copy is hashed here instead.
    let mut holder = Ws::browser(board.web);
    assert!(holder.login(PASSWORD).contains(">>> "));
    assert!(put(&[]).contains("unchanged"));
}

#[test]
fn passwords_from_the_flag_the_environment_and_boards_toml() {
    use std::os::unix::fs::PermissionsExt;
    let (board, dir) = board("pw");
    let b = addr(&board);

    let out = output(&mut mote(
        &dir,
        &["exec", &b, "--password", "wrong77", "print(1)"],
    ));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("refused the password"), "{err}");
    assert!(!err.contains("wrong77"), "{err}");
    let out = output(&mut mote(&dir, &["fs", &b, "--password", "wrong77", "ls"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("refused the password"), "{out:?}");

    let out = output(&mut mote(&dir, &["exec", &b, "print(1)"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no password"), "{out:?}");

    let out = output(mote(&dir, &["exec", &b, "print(2)"]).env("MOTE_PASSWORD", PASSWORD));
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "2\n");

    // `mote boards add` writes boards.toml owner-only; the name then finds board and password.
    let out = output(
        mote(&dir, &["boards", "add", "bench", &format!("ws://{b}/")])
            .env("MOTE_PASSWORD", PASSWORD),
    );
    assert!(out.status.success(), "{out:?}");
    let file = dir.join("config/mote/boards.toml");
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let out = output(&mut mote(&dir, &["exec", "bench", "print(3)"]));
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "3\n");
    // An address typed instead of the name finds the same entry's password.
    let out = output(&mut mote(&dir, &["fs", &b, "ls"]));
    assert!(out.status.success(), "{out:?}");
    let listed = output(&mut mote(&dir, &["boards", "list"]));
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listed.contains("bench") && !listed.contains(PASSWORD),
        "{listed}"
    );
    let listed = output(&mut mote(&dir, &["boards", "list", "--json"]));
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let expected = serde_json::json!([
        {"name": "bench", "address": format!("ws://{b}/"), "password_saved": true}
    ]);
    assert_eq!(listed, expected);

    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = output(&mut mote(&dir, &["exec", "bench", "print(4)"]));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("chmod 600") && !err.contains(PASSWORD),
        "{err}"
    );
}

#[test]
fn clear_errors_for_a_busy_board_a_missing_file_and_no_board() {
    let (board, dir) = board("errors");
    let b = addr(&board);
    let mut holder = Ws::browser(board.web);
    assert!(holder.login(PASSWORD).contains(">>> "));
    let out = output(&mut mote(
        &dir,
        &["exec", &b, "--password", PASSWORD, "print(1)"],
    ));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("another WebREPL client connected"),
        "{out:?}"
    );
    // The file API does not need the WebREPL slot.
    ok(&dir, &["fs", &b, "ls"]);
    drop(holder);

    let out = output(&mut mote(
        &dir,
        &["fs", &b, "--password", PASSWORD, "get", "/nope.py"],
    ));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/nope.py: no such file"), "{out:?}");
    assert!(!dir.join("nope.py").exists());
    let out = output(&mut mote(
        &dir,
        &["fs", &b, "--password", PASSWORD, "cat", "/nope.py"],
    ));
    assert!(stderr(&out).contains("/nope.py: no such file"), "{out:?}");

    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let out = output(&mut mote(
        &dir,
        &[
            "exec",
            &closed.to_string(),
            "--password",
            PASSWORD,
            "print(1)",
        ],
    ));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot reach the board"), "{out:?}");
    let out = output(&mut mote(
        &dir,
        &["fs", "no such board!", "--password", "x", "ls"],
    ));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is not HOST[:PORT]"), "{out:?}");
}

/// A board that lists `/big.bin` as 100000 bytes and hangs up 10000 bytes into sending it;
/// `/slow.bin` the same, but it stalls after 10000 bytes instead.
fn cutting_board() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().map_while(Result::ok) {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut first = String::new();
            let _ = reader.read_line(&mut first);
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            let mut stream = stream;
            if first.starts_with("GET /fs/ ") {
                let body = br#"[{"name":"big.bin","kind":"file","size":100000},{"name":"slow.bin","kind":"file","size":100000}]"#;
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                     Content-Length: {}\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(body);
            } else {
                let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
                let _ = stream.write_all(&[7; 10_000]);
                if first.starts_with("GET /fs/slow.bin ") {
                    std::thread::sleep(Duration::from_secs(20));
                }
            }
        }
    });
    addr
}

#[test]
fn a_download_cut_short_fails_and_leaves_no_file() {
    let dir = scratch_dir("client-cut");
    let b = cutting_board();
    for args in [["get", "/big.bin"], ["cat", "/big.bin"]] {
        let mut all = vec!["fs", &b, "--password", "abcd"];
        all.extend(args);
        let out = output(&mut mote(&dir, &all));
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        assert!(stderr(&out).contains("connection to"), "{out:?}");
        assert!(stderr(&out).contains("was lost"), "{out:?}");
    }
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// A tmux server of its own running `mote repl BOARD` in a pane.
struct Pane {
    socket: String,
}

impl Pane {
    fn tmux(&self, args: &[&str]) -> Output {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux is needed for this test (scripts/test.sh installs it)");
        assert!(out.status.success(), "tmux {args:?}: {out:?}");
        out
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p"]).stdout).into_owned()
    }

    #[track_caller]
    fn wait_for(&self, what: &dyn Fn(&str) -> bool, label: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if what(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "{label} never appeared:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn current_command(&self) -> String {
        let out = self.tmux(&["display-message", "-p", "#{pane_current_command}"]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

#[test]
fn repl_board_in_a_terminal_runs_code_and_ctrl_bracket_quits() {
    let (board, dir) = board("repl");
    let pane = Pane {
        socket: format!("mote-client-{}", std::process::id()),
    };
    let command = format!(
        "HOME={home} XDG_CONFIG_HOME={home}/config MOTE_PASSWORD={PASSWORD} {mote} repl {b}; exec sh",
        home = dir.display(),
        mote = env!("CARGO_BIN_EXE_mote"),
        b = addr(&board),
    );
    pane.tmux(&["new-session", "-d", "-x", "100", "-y", "30", &command]);
    pane.wait_for(
        &|s| s.contains("WebREPL connected") && s.contains(">>>"),
        "the prompt",
    );
    pane.tmux(&["send-keys", "print(6*7)", "Enter"]);
    pane.wait_for(&|s| s.lines().any(|l| l.trim() == "42"), "42");
    // Ctrl-C is the board's (a running loop stops), not the end of mote.
    pane.tmux(&["send-keys", "while True: pass", "Enter", "Enter"]);
    std::thread::sleep(Duration::from_millis(300));
    pane.tmux(&["send-keys", "C-c"]);
    pane.wait_for(&|s| s.contains("KeyboardInterrupt"), "KeyboardInterrupt");
    pane.tmux(&["send-keys", "print(7*6+1)", "Enter"]);
    pane.wait_for(&|s| s.lines().any(|l| l.trim() == "43"), "43");
    pane.tmux(&["send-keys", "C-]"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while pane.current_command() != "sh" {
        assert!(
            Instant::now() < deadline,
            "mote did not leave:\n{}",
            pane.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // The board's slot is free again for the next client.
    let mut ws = Ws::browser(board.web);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !ws.login(PASSWORD).contains(">>> ") {
        assert!(Instant::now() < deadline, "the WebREPL slot stayed taken");
        std::thread::sleep(Duration::from_millis(50));
        ws = Ws::browser(board.web);
    }
}

/// A board that takes 10000 bytes of an upload and hangs up.
fn board_hanging_up_mid_upload() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().map_while(Result::ok) {
            let mut reader = BufReader::new(stream);
            let mut first = String::new();
            let _ = reader.read_line(&mut first);
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            if first.starts_with("GET /fs/ ") {
                let _ = reader.get_mut().write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n[]",
                );
            } else {
                let mut body = vec![0; 10_000];
                let _ = std::io::Read::read_exact(&mut reader, &mut body);
                // Unread bytes make the close a reset, as a board that went away does.
            }
        }
    });
    addr
}

#[test]
fn an_upload_cut_short_is_an_error() {
    let dir = scratch_dir("client-cut-up");
    std::fs::write(dir.join("big.bin"), pattern(4 << 20, 3)).unwrap();
    let b = board_hanging_up_mid_upload();
    let out = output(&mut mote(
        &dir,
        &["fs", &b, "--password", "abcd", "put", "big.bin"],
    ));
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = stderr(&out);
    assert!(err.contains("was lost while sending /big.bin"), "{err}");
}

#[test]
fn ctrl_c_interrupts_the_program_on_the_board() {
    let (board, dir) = board("ctrlc");
    let b = addr(&board);
    let mut child = mote(
        &dir,
        &["exec", &b, "print('looping')\nwhile True:\n    pass"],
    )
    .env("MOTE_PASSWORD", PASSWORD)
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    // Once the program's first line is out, mote waits on it with its Ctrl-C handler set.
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert_eq!(first, "looping\n");
    // SAFETY: a signal to the child this test started.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    assert_eq!(rest, "");
    assert!(stderr(&out).contains("KeyboardInterrupt"), "{out:?}");
    // The board is free and well for the next command.
    assert_eq!(ok(&dir, &["exec", &b, "print(1+1)"]), "2\n");
}

#[test]
fn a_password_typed_at_the_terminal_is_not_echoed() {
    let (board, dir) = board("prompt");
    let pane = Pane {
        socket: format!("mote-client-pw-{}", std::process::id()),
    };
    let command = format!(
        "HOME={home} XDG_CONFIG_HOME={home}/config {mote} exec {b} 'print(5*5)'; exec sh",
        home = dir.display(),
        mote = env!("CARGO_BIN_EXE_mote"),
        b = addr(&board),
    );
    pane.tmux(&["new-session", "-d", "-x", "100", "-y", "30", &command]);
    pane.wait_for(&|s| s.contains("Password for"), "the password prompt");
    pane.tmux(&["send-keys", PASSWORD, "Enter"]);
    let screen = pane.wait_for(&|s| s.lines().any(|l| l.trim() == "25"), "25");
    assert!(!screen.contains(PASSWORD), "{screen}");
}

/// A WebREPL board without raw-paste (as MicroPython before 1.14): it answers `\x05A\x01`
/// with `R\x00`, so code goes in as plain raw-REPL input. Its "Python" prints `hi` for
/// `print('hi')` and raises for anything with `raise`.
fn board_without_raw_paste() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().map_while(Result::ok) {
            std::thread::spawn(move || serve_old_board(stream));
        }
    });
    addr
}

fn serve_old_board(stream: std::net::TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut out = stream;
    let mut key = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        if let Some(value) = line.strip_prefix("Sec-WebSocket-Key:") {
            key = value.trim().to_string();
        }
        if line == "\r\n" {
            break;
        }
    }
    let accept = mote_webrepl::ws::handshake::accept_key(key.as_bytes());
    let head = format!(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Accept: {}\r\n\r\n",
        String::from_utf8_lossy(&accept)
    );
    out.write_all(head.as_bytes()).unwrap();
    let mut send = |text: &[u8]| {
        let mut frame = vec![0x81, text.len() as u8];
        frame.extend_from_slice(text);
        let _ = out.write_all(&frame);
    };
    send(b"Password: ");
    let (mut logged_in, mut raw, mut code) = (false, false, Vec::new());
    while let Some((opcode, payload)) = read_masked_frame(&mut reader) {
        if opcode == 0x8 {
            return;
        }
        if !logged_in {
            logged_in = payload == b"secret\r";
            send(if logged_in {
                b"\r\nWebREPL connected\r\n>>> "
            } else {
                b"\r\nAccess denied\r\n"
            });
            continue;
        }
        for byte in payload {
            match (raw, byte) {
                (false, 0x01) => {
                    raw = true;
                    code.clear();
                    send(b"raw REPL; CTRL-B to exit\r\n>");
                }
                (false, _) => {}
                (true, 0x02) => raw = false,
                (true, 0x03) => code.clear(),
                (true, 0x04) => {
                    let program = String::from_utf8_lossy(&code).into_owned();
                    code.clear();
                    if program.contains("raise") {
                        send(
                            b"OK\x04Traceback (most recent call last):\r\nValueError: old\r\n\x04>",
                        );
                    } else if program == "print('hi')" {
                        send(b"OKhi\r\n\x04\x04>");
                    } else {
                        send(b"OK\x04\x04>");
                    }
                }
                (true, byte) => {
                    code.push(byte);
                    if code.ends_with(&[0x05, b'A', 0x01]) {
                        code.clear();
                        send(b"R\x00");
                    }
                }
            }
        }
    }
}

/// One client frame (masked, 7- or 16-bit length): its opcode and unmasked payload.
fn read_masked_frame(reader: &mut impl std::io::Read) -> Option<(u8, Vec<u8>)> {
    let mut head = [0u8; 2];
    reader.read_exact(&mut head).ok()?;
    let mut len = usize::from(head[1] & 0x7f);
    if len == 126 {
        let mut ext = [0u8; 2];
        reader.read_exact(&mut ext).ok()?;
        len = usize::from(u16::from_be_bytes(ext));
    }
    let mut mask = [0u8; 4];
    reader.read_exact(&mut mask).ok()?;
    let mut payload = vec![0; len];
    reader.read_exact(&mut payload).ok()?;
    for (i, byte) in payload.iter_mut().enumerate() {
        *byte ^= mask[i % 4];
    }
    Some((head[0] & 0x0f, payload))
}

#[test]
fn a_board_without_raw_paste_gets_plain_raw_repl_input() {
    let dir = scratch_dir("client-old");
    let b = board_without_raw_paste();
    assert_eq!(ok(&dir, &["exec", &b, "print('hi')"]), "hi\n");
    let out = output(&mut mote(
        &dir,
        &["exec", &b, "--password", PASSWORD, "raise ValueError"],
    ));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(stderr(&out).contains("ValueError: old"), "{out:?}");
    let out = output(&mut mote(
        &dir,
        &["exec", &b, "--password", "nope", "print('hi')"],
    ));
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(stderr(&out).contains("refused the password"), "{out:?}");
}
