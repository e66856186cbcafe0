//! End-to-end tests of the WebREPL and the HTTP file API of `mote sim`: boards started as a
//! user starts them, reached over 127.0.0.1 by clients that behave as MicroPython's two
//! WebREPL clients do (the browser's masked frames, `webrepl_cli.py`'s unmasked ones and its
//! put request split over two frames), by plain HTTP, and by the console.

#[allow(dead_code)]
#[path = "../../tests/src/webrepl_client.rs"]
mod client;
mod webrepl_scenarios;

use client::*;
use std::io::Write;
use std::path::Path;
use std::time::Duration;
use webrepl_scenarios::*;

fn new_board(name: &str, extra: &[&str]) -> SimBoard {
    let dir = scratch_dir(name);
    board_at(&dir.join("board.flash"), extra)
}

fn board_at(flash: &Path, extra: &[&str]) -> SimBoard {
    SimBoard::start(Path::new(env!("CARGO_BIN_EXE_mote")), flash, extra)
}

fn with_password(name: &str) -> SimBoard {
    new_board(name, &["--password", PASSWORD, "--flash-size", "8M"])
}

#[test]
fn runs_code_interrupts_a_loop_and_soft_resets() {
    webrepl_scenarios::runs_code_interrupts_a_loop_and_soft_resets(&with_password("run"));
}

#[test]
fn raw_repl_over_the_webrepl() {
    webrepl_scenarios::raw_repl_over_the_webrepl(&with_password("raw"));
}

#[test]
fn puts_and_gets_files_with_both_clients_framings() {
    webrepl_scenarios::puts_and_gets_files_with_both_clients_framings(&with_password("files"));
}

#[test]
fn a_second_webrepl_client_is_refused() {
    webrepl_scenarios::a_second_webrepl_client_is_refused(&with_password("second"));
}

#[test]
fn http_file_api_and_info() {
    webrepl_scenarios::http_file_api_and_info(&with_password("http"), "127.0.0.1");
}

#[test]
fn logins_good_bad_and_without_a_password() {
    let board = with_password("login");
    let mut ws = Ws::cli(board.web);
    let denied = ws.login("wrong1");
    assert!(denied.contains("Access denied"), "{denied:?}");
    assert!(ws.is_closed());
    let mut ws = Ws::cli(board.web);
    assert!(ws.login(PASSWORD).contains("WebREPL connected\r\n>>> "));
    drop(ws);
    drop(logged_in_when_free(&board));

    let bare = new_board("nopw", &[]);
    let log = bare.wait_log("no password set");
    assert!(log.contains("refuse every login"), "{log}");
    let mut ws = Ws::browser(bare.web);
    assert!(ws.login("anything").contains("Access denied"));
    assert!(ws.is_closed());
    let reply = http(bare.web, "GET", "/info", &basic_auth("anything"), b"");
    assert_eq!(reply.status, 401);
}

#[test]
fn files_are_shared_with_python_on_the_board() {
    let board = with_password("shared");
    let mut ws = logged_in(&board);
    assert_eq!(
        ws.put("/from_web.txt", b"hello from the web", true, 1024),
        (0, Some(0))
    );
    assert_eq!(
        run(&mut ws, "print(open('from_web.txt').read())"),
        "hello from the web\r\n"
    );
    assert_eq!(
        run(
            &mut ws,
            "f = open('from_py.txt', 'w'); _ = f.write('written by python'); f.close()"
        ),
        ""
    );
    assert_eq!(
        ws.get("/from_py.txt").as_deref(),
        Ok(&b"written by python"[..])
    );
    let reply = http(
        board.web,
        "GET",
        "/fs/from_py.txt",
        &basic_auth(PASSWORD),
        b"",
    );
    assert_eq!(reply.body, b"written by python");
    let reply = http(
        board.web,
        "PUT",
        "/fs/from_http.txt",
        &basic_auth(PASSWORD),
        b"via http",
    );
    assert_eq!(reply.status, 201);
    assert_eq!(
        run(&mut ws, "print(open('from_http.txt').read())"),
        "via http\r\n"
    );
}

#[test]
fn an_upload_cut_off_halfway_leaves_no_file() {
    let board = with_password("cut");
    let auth = basic_auth(PASSWORD);
    // HTTP: half the announced body, then the client goes.
    let mut stream = connect(board.web);
    write!(
        stream,
        "PUT /fs/cut.bin HTTP/1.1\r\nHost: b\r\n{auth}Content-Length: 100000\r\n\r\n"
    )
    .unwrap();
    stream.write_all(&pattern(50_000)).unwrap();
    drop(stream);
    // WebREPL: the same.
    let mut ws = Ws::cli(board.web);
    assert!(ws.login(PASSWORD).contains(">>> "));
    ws.send(BINARY, &wa_request(1, 100_000, b"/cut2.bin"));
    assert_eq!(ws.status(), 0);
    for part in pattern(50_000).chunks(1024) {
        ws.send(BINARY, part);
    }
    drop(ws);

    let mut ws = logged_in_when_free(&board);
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        let files = run(&mut ws, "import os; print(sorted(os.listdir('/')))");
        if files == "['mote.conf']\r\n" {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "left behind: {files}");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(
        http(board.web, "GET", "/fs/cut.bin", &auth, b"").status,
        404
    );
}

#[test]
fn console_and_webrepl_see_each_others_output() {
    let board = with_password("both");
    let mut ws = logged_in(&board);
    let mut console = ConsoleClient::connect(board.console);
    console.type_text("print('from the console')\r");
    console.read_until("from the console\r\n>>> ");
    ws.text_until("from the console\r\n>>> ");
    ws.type_text("print('from the web')\r");
    ws.text_until("from the web\r\n>>> ");
    console.read_until("from the web\r\n>>> ");
}

#[test]
fn boards_side_by_side_on_their_own_ports() {
    let a = new_board("side-a", &["--password", PASSWORD, "--name", "left"]);
    let b = new_board("side-b", &["--password", PASSWORD, "--name", "right"]);
    assert_ne!(a.web, b.web);
    let left = http(a.web, "GET", "/info", &basic_auth(PASSWORD), b"").body;
    let right = http(b.web, "GET", "/info", &basic_auth(PASSWORD), b"").body;
    assert!(String::from_utf8(left)
        .unwrap()
        .contains("\"name\":\"left\""));
    assert!(String::from_utf8(right)
        .unwrap()
        .contains("\"name\":\"right\""));
    // A port in use is said on the console and in the log; the board still boots.
    let c = board_at(
        &scratch_dir("side-c").join("board.flash"),
        &["--port", &a.web.port().to_string()],
    );
    let log = c.wait_log("the WebREPL is not served: cannot listen on 127.0.0.1:");
    assert!(log.contains("choose another port with --port"), "{log}");
    let mut console = ConsoleClient::connect(c.console);
    console.type_text("print(6*7)\r");
    console.read_until("42\r\n>>> ");
}

#[test]
fn an_upload_left_by_a_power_cut_is_removed_at_boot() {
    let flash = scratch_dir("leftover").join("board.flash");
    let board = board_at(&flash, &["--password", PASSWORD]);
    let mut console = ConsoleClient::connect(board.console);
    console.type_text("f = open('.upload-9', 'wb'); _ = f.write(b'half'); f.close()\r");
    console.read_until(">>> ");
    // Killing the process is the power cut.
    drop(board);
    let board = board_at(&flash, &["--password", PASSWORD]);
    let mut ws = logged_in(&board);
    assert_eq!(
        run(&mut ws, "import os; print(sorted(os.listdir('/')))"),
        "['mote.conf']\r\n"
    );
}

#[test]
fn a_file_held_open_only_by_garbage_can_be_replaced_and_removed() {
    let board = with_password("busy");
    let auth = basic_auth(PASSWORD);
    let web = board.web;
    assert_eq!(
        http(web, "PUT", "/fs/job.py", &auth, b"x = 1\n").status,
        201
    );
    let mut ws = logged_in(&board);
    // exec(open(p).read()) leaves the file open until the collector closes it.
    assert_eq!(
        run(&mut ws, "exec(open('/job.py').read()); print(x)"),
        "1\r\n"
    );
    assert_eq!(
        http(web, "PUT", "/fs/job.py", &auth, b"x = 2\n").status,
        201
    );
    assert_eq!(
        run(&mut ws, "exec(open('/job.py').read()); print(x)"),
        "2\r\n"
    );
    assert_eq!(http(web, "DELETE", "/fs/job.py", &auth, b"").status, 204);
    // A file a program really holds open is refused, with the file left as it was.
    assert_eq!(http(web, "PUT", "/fs/held.txt", &auth, b"old").status, 201);
    assert_eq!(run(&mut ws, "held = open('/held.txt')"), "");
    assert_eq!(http(web, "PUT", "/fs/held.txt", &auth, b"new").status, 409);
    assert_eq!(run(&mut ws, "print(held.read())"), "old\r\n");
    assert_eq!(http(web, "GET", "/fs/held.txt", &auth, b"").body, b"old");
}
