//! The WebREPL and HTTP scenarios run against every kind of simulated board: on host sockets
//! (`webrepl.rs`) and on TAP in a network namespace (`tap_webrepl.rs`). Each takes a started
//! board whose password is [`PASSWORD`].

use super::client::*;
use std::time::Duration;

/// The boards' password.
pub const PASSWORD: &str = "secret";

/// Logs in as the browser; the slot must be free.
pub fn logged_in(board: &SimBoard) -> Ws {
    let mut ws = Ws::browser(board.web);
    let text = ws.login(PASSWORD);
    assert!(text.contains("WebREPL connected\r\n>>> "), "{text:?}");
    ws
}

/// Logs in (as the browser, or as `webrepl_cli.py`) once the client before, just gone, has
/// been seen to leave.
pub fn logged_in_when_free(board: &SimBoard) -> Ws {
    logged_in_as(board, Ws::browser)
}

pub fn logged_in_as(board: &SimBoard, open: fn(std::net::SocketAddr) -> Ws) -> Ws {
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        let mut ws = open(board.web);
        if ws.login(PASSWORD).contains(">>> ") {
            return ws;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the slot stayed taken"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Runs `code` (one line) at the friendly prompt and returns what it printed before the next
/// prompt.
pub fn run(ws: &mut Ws, code: &str) -> String {
    ws.type_text(&format!("{code}\r"));
    let text = ws.text_until("\r\n>>> ");
    let after_echo = text.split_once("\r\n").map_or("", |(_, rest)| rest);
    after_echo.trim_end_matches(">>> ").to_string()
}

pub fn runs_code_interrupts_a_loop_and_soft_resets(board: &SimBoard) {
    let mut ws = logged_in(board);
    assert_eq!(run(&mut ws, "print(6*7)"), "42\r\n");
    assert_eq!(run(&mut ws, "6*7"), "42\r\n");

    ws.type_text("while True: pass\r\r");
    ws.text_until("pass\r\n");
    std::thread::sleep(Duration::from_millis(300));
    ws.type_text("\x03");
    let text = ws.text_until(">>> ");
    assert!(text.contains("KeyboardInterrupt"), "{text:?}");
    assert_eq!(run(&mut ws, "print('after')"), "after\r\n");

    // Soft reset (Ctrl-D at the prompt): a fresh VM, the same session.
    assert_eq!(run(&mut ws, "x = 5"), "");
    ws.type_text("\x04");
    let text = ws.text_until(">>> ");
    assert!(text.contains("soft reboot"), "{text:?}");
    let text = run(&mut ws, "print(x)");
    assert!(text.contains("NameError"), "{text:?}");
}

pub fn raw_repl_over_the_webrepl(board: &SimBoard) {
    let mut ws = logged_in(board);
    ws.type_text("\r\x01");
    ws.text_until("raw REPL; CTRL-B to exit\r\n>");
    ws.type_text("print('raw', 6*7)\x04");
    let text = ws.text_until("\x04>");
    assert_eq!(text, "OKraw 42\r\n\x04\x04>");
    ws.type_text("1/0\x04");
    let text = ws.text_until("\x04>");
    assert!(
        text.starts_with("OK\x04Traceback") && text.contains("ZeroDivisionError"),
        "{text:?}"
    );
    // Raw-paste (what mpremote uses): its header, a window, the code, the end.
    ws.type_text("\x05A\x01");
    // Raw-paste supported, a window of 512 bytes (little-endian), then its first grant.
    let header = ws.text_until("R\x01\x00\x02\x01");
    assert_eq!(header, "R\x01\x00\x02\x01");
    ws.type_text("print('pasted', 6*7)\x04");
    let rest = ws.text_until("\x04>");
    assert!(rest.contains("pasted 42\r\n\x04\x04>"), "{rest:?}");
    ws.type_text("\x02");
    ws.text_until(">>> ");
    assert_eq!(run(&mut ws, "print('friendly')"), "friendly\r\n");
}

pub fn puts_and_gets_files_with_both_clients_framings(board: &SimBoard) {
    let sizes = [0, 1, 100 * 1024, 1024 * 1024];
    for (i, &size) in sizes.iter().enumerate() {
        let data = pattern(size);
        // webrepl_cli.py: unmasked, the request in two frames, data in 1 KiB frames.
        let mut cli = logged_in_as(board, Ws::cli);
        let name = format!("/cli{i}.bin");
        assert_eq!(cli.put(&name, &data, true, 1024), (0, Some(0)), "{size}");
        assert_eq!(cli.get(&name).as_deref(), Ok(&data[..]), "{size}");
        drop(cli);
        // The browser: masked, the request whole, bigger frames.
        let mut browser = logged_in_when_free(board);
        let name = format!("web{i}.bin");
        assert_eq!(
            browser.put(&name, &data, false, 4096),
            (0, Some(0)),
            "{size}"
        );
        assert_eq!(browser.get(&name).as_deref(), Ok(&data[..]), "{size}");
        drop(browser);
    }
    // A missing file, and a name climbing out of the root, get a non-zero code.
    let mut ws = logged_in_when_free(board);
    assert!(ws.get("/missing.bin").is_err());
    assert_ne!(ws.put("../x.bin", b"x", false, 1024).0, 0);
}

pub fn a_second_webrepl_client_is_refused(board: &SimBoard) {
    let mut first = logged_in(board);
    let mut second = Ws::browser(board.web);
    let text = second.login(PASSWORD);
    assert!(!text.contains(">>> "), "{text:?}");
    assert!(second.is_closed());
    assert_eq!(run(&mut first, "print('still here')"), "still here\r\n");
    drop(first);
    // The slot is free again once the first leaves.
    logged_in_when_free(board);
}

pub fn http_file_api_and_info(board: &SimBoard, ip: &str) {
    let auth = basic_auth(PASSWORD);
    let web = board.web;
    assert_eq!(http(web, "GET", "/fs/", "", b"").status, 401);
    assert_eq!(
        http(web, "GET", "/fs/", &basic_auth("wrong1"), b"").status,
        401
    );

    assert_eq!(http(web, "PUT", "/fs/lib/", &auth, b"").status, 201);
    for size in [0, 1, 100 * 1024, 1024 * 1024] {
        let data = pattern(size);
        let path = format!("/fs/lib/f{size}.bin");
        assert_eq!(http(web, "PUT", &path, &auth, &data).status, 201, "{size}");
        let reply = http(web, "GET", &path, &auth, b"");
        assert_eq!(reply.status, 200);
        assert!(reply.body == data, "{size} bytes came back different");
    }
    let listing = String::from_utf8(http(web, "GET", "/fs/lib/", &auth, b"").body).unwrap();
    assert!(
        listing.contains(r#"{"name":"f102400.bin","kind":"file","size":102400}"#),
        "{listing}"
    );
    let root = String::from_utf8(http(web, "GET", "/fs/", &auth, b"").body).unwrap();
    assert!(
        root.contains(r#"{"name":"lib","kind":"dir","size":0}"#),
        "{root}"
    );
    assert!(!root.contains(".upload"), "{root}");

    let moved = http(
        web,
        "MOVE",
        "/fs/lib/f1.bin",
        &format!("{auth}X-Destination: /fs/lib/one.bin\r\n"),
        b"",
    );
    assert_eq!(moved.status, 201);
    assert_eq!(
        http(web, "GET", "/fs/lib/one.bin", &auth, b"").body,
        pattern(1)
    );
    assert_eq!(http(web, "GET", "/fs/lib/f1.bin", &auth, b"").status, 404);
    assert_eq!(
        http(web, "DELETE", "/fs/lib/one.bin", &auth, b"").status,
        204
    );
    assert_eq!(http(web, "GET", "/fs/lib/one.bin", &auth, b"").status, 404);
    assert_eq!(
        http(web, "DELETE", "/fs/lib/", &auth, b"").status,
        409,
        "not empty"
    );

    let info = http(web, "GET", "/info", &auth, b"");
    assert_eq!(info.status, 200);
    let info = String::from_utf8(info.body).unwrap();
    for field in [
        "\"name\":\"mote-",
        "\"unique_id\":\"",
        "\"firmware_version\":\"0.",
        "\"free_heap\":",
        "\"free_flash\":",
        "\"uptime_ms\":",
    ] {
        assert!(info.contains(field), "{field} not in {info}");
    }
    assert!(
        info.contains(&format!("\"ip\":\"{ip}\"")),
        "{ip} not in {info}"
    );
    assert!(!info.contains("\"free_heap\":0,"), "{info}");
}
