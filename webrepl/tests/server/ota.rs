//! `PUT /ota` on loopback, against the in-memory sink: the password, `Content-Length`, refusals
//! with the board's reason, uploads cut off halfway, one upload at a time.

use std::io::{Read, Write};
use std::net::Shutdown;
use std::time::{Duration, Instant};

use crate::common::*;
use crate::ota_sink::{image, SLOT_LEN};

/// base64(":secret")
const AUTH: &str = "Authorization: Basic OnNlY3JldA==\r\n";

/// The head of a `PUT /ota` with `headers`.
fn head(headers: &str) -> String {
    format!("PUT /ota HTTP/1.1\r\nHost: b\r\nConnection: close\r\n{headers}\r\n")
}

/// Sends `request` then `body` and reads the answer to the end: status and text.
fn send(board: &Board, request: &str, body: &[u8]) -> (u16, String) {
    let mut stream = connect(board.addr);
    stream.write_all(request.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    answer(&mut stream)
}

fn answer(stream: &mut std::net::TcpStream) -> (u16, String) {
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).unwrap();
    let reply = String::from_utf8(reply).unwrap();
    let (head, body) = reply.split_once("\r\n\r\n").unwrap();
    (head[9..12].parse().unwrap(), body.to_string())
}

fn put(board: &Board, body: &[u8]) -> (u16, String) {
    let length = format!("{AUTH}Content-Length: {}\r\n", body.len());
    send(board, &head(&length), body)
}

/// Waits (up to 5 s) until the server thread has dropped `aborted` uploads.
fn wait_aborted(board: &Board, aborted: usize) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while board.ota.state().aborted < aborted || board.ota.state().uploading {
        assert!(Instant::now() < deadline, "the upload was never dropped");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn an_accepted_image_is_installed_then_the_board_restarts() {
    let board = start();
    let img = image(7, &pattern(40_000));
    let (status, text) = put(&board, &img);
    assert_eq!((status, text.as_str()), (200, "version 7\n"));
    let state = board.ota.state();
    assert_eq!(state.installed.as_deref(), Some(&img[..]));
    assert_eq!((state.begun, state.aborted, state.restarts), (1, 0, 1));
}

#[test]
fn the_password_and_content_length_are_required() {
    let board = start();
    let img = image(1, b"payload");
    let (status, _) = send(
        &board,
        &head(&format!("Content-Length: {}\r\n", img.len())),
        &img,
    );
    assert_eq!(status, 401);
    let wrong = "Authorization: Basic Om5vcGU=\r\n"; // ":nope"
    let (status, _) = send(
        &board,
        &head(&format!("{wrong}Content-Length: {}\r\n", img.len())),
        &img,
    );
    assert_eq!(status, 401);
    let (status, text) = send(&board, &head(AUTH), b"");
    assert_eq!((status, text.as_str()), (411, "Content-Length required\n"));
    let state = board.ota.state();
    assert_eq!((state.begun, state.restarts), (0, 0));
    assert!(state.installed.is_none());
}

#[test]
fn refusals_carry_the_boards_reason() {
    let board = start();
    // Too large: refused from the announced size, before the body.
    let big = image(1, &pattern(SLOT_LEN as usize));
    let (status, text) = put(&board, &big);
    assert_eq!(status, 413);
    assert_eq!(
        text,
        format!("{} bytes do not fit the 65536-byte slot\n", big.len())
    );
    // Refused at the first bytes; the rest of the 60 KB body is still read, so the client
    // sending it sees the answer.
    let mut bad = image(2, &pattern(60_000));
    bad[0] = b'X';
    assert_eq!(
        put(&board, &bad),
        (422, "not an image (bad magic)\n".to_string())
    );
    // Refused only at the end.
    let mut corrupt = image(3, &pattern(1000));
    corrupt[500] ^= 1;
    assert_eq!(
        put(&board, &corrupt),
        (422, "checksum mismatch\n".to_string())
    );
    wait_aborted(&board, 2);
    let state = board.ota.state();
    assert!(state.installed.is_none());
    assert_eq!((state.begun, state.aborted, state.restarts), (2, 2, 0));
}

#[test]
fn an_upload_cut_off_halfway_changes_nothing_and_a_retry_succeeds() {
    let board = start();
    let img = image(4, &pattern(50_000));
    let length = format!("{AUTH}Content-Length: {}\r\n", img.len());

    // The client stops sending halfway and says so (half-close): answered 400.
    let mut stream = connect(board.addr);
    stream.write_all(head(&length).as_bytes()).unwrap();
    stream.write_all(&img[..img.len() / 2]).unwrap();
    stream.shutdown(Shutdown::Write).unwrap();
    let (status, text) = answer(&mut stream);
    assert_eq!(status, 400);
    assert_eq!(
        text,
        format!(
            "upload cut off after {} of {} bytes; nothing changed\n",
            img.len() / 2,
            img.len()
        )
    );
    // The client vanishes halfway (the connection closed outright).
    let mut stream = connect(board.addr);
    stream.write_all(head(&length).as_bytes()).unwrap();
    stream.write_all(&img[..img.len() / 3]).unwrap();
    drop(stream);
    wait_aborted(&board, 2);
    {
        let state = board.ota.state();
        assert!(state.installed.is_none());
        assert_eq!((state.begun, state.aborted, state.restarts), (2, 2, 0));
    }
    assert_eq!(put(&board, &img), (200, "version 4\n".to_string()));
    assert_eq!(board.ota.state().installed.as_deref(), Some(&img[..]));
}

#[test]
fn one_upload_at_a_time() {
    let board = start();
    let img = image(5, &pattern(20_000));
    let length = format!("{AUTH}Content-Length: {}\r\n", img.len());
    let mut first = connect(board.addr);
    first.write_all(head(&length).as_bytes()).unwrap();
    first.write_all(&img[..1000]).unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while !board.ota.state().uploading {
        assert!(Instant::now() < deadline, "the first upload never began");
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(
        put(&board, &img),
        (409, "another upload is in progress\n".to_string())
    );
    first.write_all(&img[1000..]).unwrap();
    assert_eq!(answer(&mut first), (200, "version 5\n".to_string()));
}

#[test]
fn other_methods_are_not_allowed() {
    let board = start();
    let (status, _) = send(
        &board,
        &format!("GET /ota HTTP/1.1\r\nHost: b\r\nConnection: close\r\n{AUTH}\r\n"),
        b"",
    );
    assert_eq!(status, 405);
}
