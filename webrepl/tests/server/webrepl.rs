//! The WebREPL end to end on loopback, with clients that behave like MicroPython's own:
//! `webrepl_cli.py` (unmasked, key `foo`, password in a binary frame, put header split over
//! two frames) and the browser page (RFC 6455, masked, keys as text frames).

use std::io::Write;

use crate::common::*;
use mote_webrepl::protocol::request::{emit_request, RequestKind};

#[test]
fn cli_client_logs_in_reads_version_puts_and_gets() {
    let board = start();
    let mut cli = Client::cli(board.addr);
    assert_eq!(cli.login(PASSWORD), "\r\nWebREPL connected\r\n>>> ");
    assert_eq!(cli.version(), vec![0, 1, 0]);
    for len in [0, 1, 100 * 1024, 1024 * 1024] {
        let data = pattern(len);
        let name = format!("/file{len}.bin");
        assert_eq!(cli.put(name.as_bytes(), &data, true), (0, Some(0)), "{len}");
        assert_eq!(
            board.store.file(&name[1..]).as_deref(),
            Some(&data[..]),
            "{len}"
        );
        assert_eq!(cli.get(name.as_bytes()), Ok(data), "{len}");
    }
}

#[test]
fn browser_client_runs_code_and_transfers_with_masked_frames() {
    let board = start();
    let mut browser = Client::browser(board.addr);
    assert!(browser
        .login(PASSWORD)
        .ends_with("WebREPL connected\r\n>>> "));
    for key in "print(6*7)\r".bytes() {
        browser.send(TEXT, &[key]);
    }
    assert!(browser.text_until("\r\n>>> ").contains("\r\n42\r\n"));
    let data = pattern(100 * 1024);
    assert_eq!(browser.put(b"main.py", &data, false), (0, Some(0)));
    assert_eq!(browser.get(b"/main.py"), Ok(data));
    browser.send(PING, b"still there?");
    assert_eq!(browser.recv(), Some((PONG, b"still there?".to_vec())));
    browser.send(CLOSE, &1000u16.to_be_bytes());
    assert_eq!(browser.closed(), Some(1000));
}

#[test]
fn ctrl_c_interrupts_and_reaches_the_repl() {
    let board = start();
    let mut cli = Client::cli(board.addr);
    cli.login(PASSWORD);
    cli.send(TEXT, b"while True: pass");
    cli.send(TEXT, b"\x03");
    assert!(cli.text_until(">>> ").contains("KeyboardInterrupt"));
    assert_eq!(board.session.interrupts(), 1);
}

#[test]
fn board_output_reaches_the_client_in_whole_utf8_characters() {
    let board = start();
    let mut cli = Client::cli(board.addr);
    cli.login(PASSWORD);
    let text = "é€😀".repeat(300);
    // Split inside characters on purpose: frames must still be UTF-8 each.
    let bytes = text.as_bytes();
    board.session.print(&bytes[..1]);
    board.session.print(&bytes[1..700]);
    board.session.print(&bytes[700..]);
    let mut received = String::new();
    while received.len() < text.len() {
        match cli.recv() {
            Some((TEXT, payload)) => received.push_str(std::str::from_utf8(&payload).unwrap()),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(received, text);
}

#[test]
fn wrong_password_is_denied_and_closed_and_the_board_keeps_serving() {
    let board = start();
    let mut cli = Client::cli(board.addr);
    assert_eq!(cli.login("guess"), "\r\nAccess denied\r\n");
    assert_eq!(cli.closed(), Some(1008));
    let mut browser = Client::browser(board.addr);
    assert_eq!(
        browser.login("secret-but-much-too-long"),
        "\r\nAccess denied\r\n"
    );
    let mut cli = Client::cli(board.addr);
    assert!(cli.login(PASSWORD).ends_with(">>> "));
}

#[test]
fn a_second_client_is_told_and_closed() {
    let board = start();
    let mut first = Client::cli(board.addr);
    first.login(PASSWORD);
    let mut second = Client::browser(board.addr);
    assert!(second
        .text_until("\r\n")
        .contains("Concurrent WebREPL connection rejected"));
    assert_eq!(second.closed(), Some(1008));
    drop(first);
    // The slot frees when the first client goes.
    for _ in 0..50 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        let mut third = Client::cli(board.addr);
        if third.login(PASSWORD).ends_with(">>> ") {
            return;
        }
    }
    panic!("the slot never freed");
}

#[test]
fn bad_names_and_requests_get_error_codes_and_nothing_is_written() {
    let board = start();
    let mut cli = Client::cli(board.addr);
    cli.login(PASSWORD);
    for name in [
        &b"../x"[..],
        b"/../x",
        b"a/../../b",
        b"//x",
        b"a\0b",
        b"a\\b",
        b"",
    ] {
        let code = if name.is_empty() { 4 } else { 2 };
        assert_eq!(cli.put(name, b"data", true), (code, None), "{name:?}");
        assert_eq!(cli.get(name), Err(code), "{name:?}");
    }
    // A name length over 64 cannot be: the request is malformed.
    let mut long = emit_request(RequestKind::Put, 1, &[b'a'; 64]);
    long[16] = 65;
    cli.send(BINARY, &long);
    assert_eq!(cli.status(), 1);
    assert_eq!(cli.get(b"missing.py"), Err(3));
    assert_eq!(cli.put(b"no/such/dir.py", b"x", false), (3, None));
    // A size over the board's limit is refused before any byte.
    assert_eq!(cli.put(b"huge.bin", &[], false), (0, Some(0)));
    let mut huge = emit_request(RequestKind::Put, u32::MAX, b"huge2.bin");
    cli.send(BINARY, &huge);
    assert_eq!(cli.status(), 5);
    // A non-zero offset and an unknown type are bad requests; the stream stays in step.
    huge[4] = 1;
    cli.send(BINARY, &huge);
    assert_eq!(cli.status(), 1);
    let mut unknown = emit_request(RequestKind::Get, 0, b"x");
    unknown[2] = 9;
    cli.send(BINARY, &unknown);
    assert_eq!(cli.status(), 1);
    assert_eq!(cli.version(), vec![0, 1, 0]);
    assert_eq!(board.store.paths(), vec!["huge.bin".to_string()]);
    // Without the signature nothing after can be trusted: an error, then the close.
    cli.send(BINARY, &[b'X'; 82]);
    assert_eq!(cli.status(), 1);
    assert_eq!(cli.closed(), Some(1002));
}

#[test]
fn a_client_vanishing_mid_put_leaves_no_file_and_the_board_keeps_serving() {
    let board = start();
    board.store.insert("keep.py", b"old");
    let mut cli = Client::cli(board.addr);
    cli.login(PASSWORD);
    cli.send(BINARY, &emit_request(RequestKind::Put, 10_000, b"keep.py"));
    assert_eq!(cli.status(), 0);
    cli.send(BINARY, &[7; 5000]);
    drop(cli);
    let mut cli = Client::cli(board.addr);
    // The next login waits until the first client's slot is free.
    let mut text = cli.login(PASSWORD);
    while !text.ends_with(">>> ") {
        std::thread::sleep(std::time::Duration::from_millis(20));
        cli = Client::cli(board.addr);
        text = cli.login(PASSWORD);
    }
    assert_eq!(board.store.file("keep.py").as_deref(), Some(&b"old"[..]));
    assert_eq!(board.store.paths(), vec!["keep.py".to_string()]);
}

#[test]
fn bad_frames_close_the_connection_with_a_protocol_error() {
    let board = start();
    let bad: [(u8, &[u8]); 4] = [
        (0x83, b""),       // reserved opcode
        (0x09, b"ping"),   // fragmented control frame
        (0xc1, b"x"),      // RSV1 without an extension
        (0x80, b"orphan"), // continuation with no message
    ];
    for (first, payload) in bad {
        let mut browser = Client::browser(board.addr);
        browser.login(PASSWORD);
        browser.send_raw(first, payload);
        assert_eq!(browser.closed(), Some(1002), "{first:#x}");
    }
    // Also before login, and with a 64-bit length whose top bit is set.
    let mut cli = Client::cli(board.addr);
    cli.text_until("Password: ");
    cli.stream
        .write_all(&[0x82, 0x7f, 0x80, 0, 0, 0, 0, 0, 0, 1])
        .unwrap();
    assert_eq!(cli.closed(), Some(1002));
    let mut cli = Client::cli(board.addr);
    assert!(cli.login(PASSWORD).ends_with(">>> "));
}

#[test]
fn fragmented_messages_and_lying_lengths_are_handled() {
    let board = start();
    let mut browser = Client::browser(board.addr);
    browser.login(PASSWORD);
    // "6*7\r" as a text message in three fragments with a ping between.
    browser.send_raw(0x01, b"6");
    browser.send_raw(0x00, b"*");
    browser.send(PING, b"");
    browser.send_raw(0x80, b"7\r");
    // The pong comes before the result (the ping is read before the last fragment); the echo
    // of the first fragments may come before or after it.
    let mut text = String::new();
    loop {
        match browser.recv() {
            Some((PONG, payload)) => {
                assert!(payload.is_empty());
                break;
            }
            Some((TEXT, payload)) => text.push_str(&String::from_utf8_lossy(&payload)),
            other => panic!("{other:?} before the pong"),
        }
    }
    text.push_str(&browser.text_until(">>> "));
    assert!(text.contains("42"), "{text:?}");
    // A frame announcing more than is sent, then the client goes: the board keeps serving.
    browser
        .stream
        .write_all(&[0x82, 0x7e, 0xff, 0xff, b'W'])
        .unwrap();
    drop(browser);
    let mut cli = Client::cli(board.addr);
    let mut text = cli.login(PASSWORD);
    while !text.ends_with(">>> ") {
        std::thread::sleep(std::time::Duration::from_millis(20));
        cli = Client::cli(board.addr);
        text = cli.login(PASSWORD);
    }
}

#[test]
fn the_page_is_served_and_bad_http_is_answered() {
    let board = start();
    let response = exchange(
        board.addr,
        b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    let head_end = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8(response[..head_end].to_vec()).unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(head.contains("text/html"));
    assert!(head.contains("Content-Encoding: gzip"), "{head}");
    let mut page = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(&response[head_end + 4..]),
        &mut page,
    )
    .unwrap();
    assert!(page.contains("<title>mote</title>"));
    // Keep-alive: two requests on one connection, both answered.
    let two = exchange(
        board.addr,
        b"GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(
        String::from_utf8_lossy(&two)
            .matches("HTTP/1.1 200")
            .count(),
        2
    );

    let missing = exchange(
        board.addr,
        b"GET /nope HTTP/1.1\r\nConnection: close\r\n\r\n",
    );
    assert!(missing.starts_with(b"HTTP/1.1 404"));
    let malformed = exchange(board.addr, b"GARBAGE\r\n\r\n");
    assert!(malformed.starts_with(b"HTTP/1.1 400"), "{malformed:?}");
    let mut big = b"GET / HTTP/1.1\r\nX-Big: ".to_vec();
    big.extend(std::iter::repeat_n(b'a', 5000));
    big.extend_from_slice(b"\r\n\r\n");
    assert!(exchange(board.addr, &big).starts_with(b"HTTP/1.1 431"));
    let keyless = exchange(
        board.addr,
        b"GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
    );
    assert!(keyless.starts_with(b"HTTP/1.1 400"));
    let elsewhere = exchange(
        board.addr,
        b"GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nSec-WebSocket-Key: foo\r\n\r\n",
    );
    assert!(elsewhere.starts_with(b"HTTP/1.1 404"));
    // A Content-Length no upload can have never reaches picoserve (it would overflow there).
    let huge = exchange(
        board.addr,
        b"PUT /fs/x HTTP/1.1\r\nContent-Length: 18446744073709551615\r\n\r\n",
    );
    assert!(huge.starts_with(b"HTTP/1.1 413"), "{huge:?}");
    // On a kept-alive connection too: picoserve reads the requests after the first itself,
    // and never sees this one's length (it would overflow there and panic).
    let before = SERVER_PANICS.load(std::sync::atomic::Ordering::SeqCst);
    // The page is gzipped: only the status lines are text.
    let kept = String::from_utf8_lossy(&exchange(
        board.addr,
        b"GET / HTTP/1.1\r\nHost: x\r\n\r\n\
PUT /fs/x HTTP/1.1\r\nContent-Length: 18446744073709551615\r\n\r\n",
    ))
    .into_owned();
    assert!(kept.starts_with("HTTP/1.1 200"));
    let second = kept.rfind("HTTP/1.1 ").unwrap();
    assert!(kept[second..].starts_with("HTTP/1.1 400"), "{kept}");
    assert_eq!(
        SERVER_PANICS.load(std::sync::atomic::Ordering::SeqCst),
        before
    );
    // A client that goes mid-head.
    drop(exchange(board.addr, b"GET / HTT"));
    let mut cli = Client::cli(board.addr);
    assert!(cli.login(PASSWORD).ends_with(">>> "));
}

#[test]
fn a_client_that_stops_reading_loses_the_slot_after_the_write_timeout() {
    let board = start();
    let mut stuck = Client::cli(board.addr);
    stuck.login(PASSWORD);
    // Far more output than the socket buffers hold; the client never reads it.
    for _ in 0..64 {
        board.session.print(&[b'x'; 256 * 1024]);
    }
    let started = std::time::Instant::now();
    loop {
        std::thread::sleep(std::time::Duration::from_millis(100));
        let mut next = Client::cli(board.addr);
        if next.login(PASSWORD).ends_with(">>> ") {
            break;
        }
        assert!(started.elapsed().as_secs() < 10, "the slot was never freed");
    }
    drop(stuck);
}

#[test]
fn a_client_that_never_logs_in_is_closed() {
    let board = start();
    let mut idle = Client::browser(board.addr);
    assert_eq!(idle.text_until("Password: "), "Password: ");
    idle.send(TEXT, b"sec");
    let started = std::time::Instant::now();
    assert!(idle.text_until("\r\n").contains("Login timed out"));
    assert_eq!(idle.closed(), Some(1008));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}
