//! The `/fs` file API on loopback: HTTP Basic with the board password and an empty user,
//! streamed uploads that replace a file only when complete, listings as JSON.

use std::io::{Read, Write};

use crate::common::*;

/// base64(":secret")
const AUTH: &str = "Authorization: Basic OnNlY3JldA==\r\n";

struct Reply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

/// One request on a fresh connection (`Connection: close`), the reply read to the end and
/// de-chunked.
fn http(board: &Board, method: &str, path: &str, headers: &str, body: &[u8]) -> Reply {
    let mut stream = connect(board.addr);
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: b\r\nConnection: close\r\n{headers}");
    if method == "PUT" {
        request.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).unwrap();
    let end = reply.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    let head = String::from_utf8(reply[..end].to_vec()).unwrap();
    let status = head[9..12].parse().unwrap();
    let mut body = reply[end..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        let mut plain = Vec::new();
        let mut rest = &body[..];
        loop {
            let line = rest.windows(2).position(|w| w == b"\r\n").unwrap();
            let len =
                usize::from_str_radix(std::str::from_utf8(&rest[..line]).unwrap(), 16).unwrap();
            if len == 0 {
                break;
            }
            plain.extend_from_slice(&rest[line + 2..line + 2 + len]);
            rest = &rest[line + 2 + len + 2..];
        }
        body = plain;
    }
    Reply { status, head, body }
}

#[test]
fn put_get_list_move_delete() {
    let board = start();
    let data = pattern(100 * 1024);
    assert_eq!(http(&board, "PUT", "/fs/lib/", AUTH, b"").status, 201);
    assert_eq!(
        http(&board, "PUT", "/fs/lib/big%20file.bin", AUTH, &data).status,
        201
    );
    assert_eq!(
        board.store.file("lib/big file.bin").as_deref(),
        Some(&data[..])
    );
    assert_eq!(
        http(&board, "PUT", "/fs/main.py", AUTH, b"print(1)\n").status,
        201
    );

    let got = http(&board, "GET", "/fs/lib/big%20file.bin", AUTH, b"");
    assert_eq!(got.status, 200);
    assert!(got.head.contains("Content-Length: 102400"));
    assert_eq!(got.body, data);

    let root = http(&board, "GET", "/fs/", AUTH, b"");
    assert_eq!(root.status, 200);
    assert!(root.head.contains("application/json"));
    assert_eq!(
        String::from_utf8(root.body).unwrap(),
        r#"[{"name":"lib","kind":"dir","size":0},{"name":"main.py","kind":"file","size":9}]"#
    );
    let lib = http(&board, "GET", "/fs/lib", AUTH, b"");
    assert_eq!(
        String::from_utf8(lib.body).unwrap(),
        r#"[{"name":"big file.bin","kind":"file","size":102400}]"#
    );

    let moved = http(
        &board,
        "MOVE",
        "/fs/main.py",
        &format!("{AUTH}X-Destination: /fs/lib/app.py\r\n"),
        b"",
    );
    assert_eq!(moved.status, 201);
    assert_eq!(
        board.store.file("lib/app.py").as_deref(),
        Some(&b"print(1)\n"[..])
    );
    assert_eq!(http(&board, "GET", "/fs/main.py", AUTH, b"").status, 404);

    assert_eq!(http(&board, "DELETE", "/fs/lib", AUTH, b"").status, 409);
    assert_eq!(
        http(&board, "DELETE", "/fs/lib/app.py", AUTH, b"").status,
        204
    );
    assert_eq!(
        http(&board, "DELETE", "/fs/lib/big%20file.bin", AUTH, b"").status,
        204
    );
    assert_eq!(http(&board, "DELETE", "/fs/lib", AUTH, b"").status, 204);
    assert_eq!(board.store.paths(), Vec::<String>::new());
}

#[test]
fn no_access_without_the_password() {
    let board = start();
    board.store.insert("secret.txt", b"x");
    for auth in [
        "",
        "Authorization: Basic Ondyb25n\r\n",
        "Authorization: Basic bWU6c2VjcmV0\r\n",
    ] {
        let reply = http(&board, "GET", "/fs/secret.txt", auth, b"");
        assert_eq!(reply.status, 401, "{auth}");
        assert!(reply.head.contains("WWW-Authenticate: Basic"));
        assert_eq!(http(&board, "PUT", "/fs/new.txt", auth, b"y").status, 401);
        assert_eq!(
            http(&board, "DELETE", "/fs/secret.txt", auth, b"").status,
            401
        );
    }
    assert_eq!(board.store.paths(), vec!["secret.txt".to_string()]);
}

#[test]
fn bad_paths_and_requests_are_refused() {
    let board = start();
    for path in [
        "/fs/../x",
        "/fs/%2e%2e/x",
        "/fs/a%00b",
        "/fs/a//b",
        "/fs/%zz",
    ] {
        assert_eq!(http(&board, "PUT", path, AUTH, b"x").status, 400, "{path}");
        assert_eq!(http(&board, "GET", path, AUTH, b"").status, 400, "{path}");
    }
    assert_eq!(http(&board, "GET", "/fs/missing", AUTH, b"").status, 404);
    assert_eq!(http(&board, "PUT", "/fs/no/dir.py", AUTH, b"x").status, 404);
    assert_eq!(http(&board, "POST", "/fs/x", AUTH, b"").status, 405);
    assert_eq!(http(&board, "MOVE", "/fs/x", AUTH, b"").status, 400);
    assert_eq!(http(&board, "PUT", "/fs/lib/", AUTH, b"").status, 201);
    assert_eq!(http(&board, "PUT", "/fs/lib", AUTH, b"x").status, 409);
    assert_eq!(http(&board, "PUT", "/fs/lib/", AUTH, b"").status, 409);
    // No Content-Length: refused rather than guessed.
    let mut stream = connect(board.addr);
    stream
        .write_all(format!("PUT /fs/x HTTP/1.1\r\nConnection: close\r\n{AUTH}\r\n").as_bytes())
        .unwrap();
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).unwrap();
    assert!(
        reply.starts_with(b"HTTP/1.1 411"),
        "{:?}",
        String::from_utf8_lossy(&reply)
    );
    assert_eq!(board.store.paths(), vec!["lib".to_string()]);
}

#[test]
fn an_interrupted_upload_leaves_the_old_file() {
    let board = start();
    board.store.insert("main.py", b"old");
    let mut stream = connect(board.addr);
    stream
        .write_all(
            format!("PUT /fs/main.py HTTP/1.1\r\n{AUTH}Content-Length: 100000\r\n\r\n").as_bytes(),
        )
        .unwrap();
    stream.write_all(&[b'n'; 30_000]).unwrap();
    drop(stream);
    // The server notices the close and keeps serving; the old file stays.
    for _ in 0..100 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(board.store.file("main.py").as_deref(), Some(&b"old"[..]));
    }
    assert_eq!(http(&board, "GET", "/fs/main.py", AUTH, b"").body, b"old");
}

#[test]
fn info_reports_the_board_behind_the_password() {
    let board = start();
    let info = http(&board, "GET", "/info", AUTH, b"");
    assert_eq!(info.status, 200);
    assert!(info.head.contains("application/json"));
    assert_eq!(
        String::from_utf8(info.body).unwrap(),
        r#"{"name":"mote-test","unique_id":"0123456789ab","firmware_version":"0.1.0","firmware_slot":"ota_0","firmware_state":"confirmed","free_heap":65536,"free_flash":1048576,"uptime_ms":1234,"ip":"127.0.0.1"}"#
    );
    assert_eq!(http(&board, "GET", "/info", "", b"").status, 401);
}

#[test]
fn a_put_that_expects_100_continue_gets_it_before_sending_its_body() {
    let board = start();
    let mut stream = connect(board.addr);
    stream
        .write_all(
            format!(
                "PUT /fs/c.txt HTTP/1.1\r\nHost: b\r\n{AUTH}Content-Length: 5\r\n\
Expect: 100-continue\r\nConnection: close\r\n\r\n"
            )
            .as_bytes(),
        )
        .unwrap();
    // curl waits for this (a second, else) before it sends the body.
    assert_eq!(read_head(&mut stream), "HTTP/1.1 100 Continue\r\n\r\n");
    stream.write_all(b"hello").unwrap();
    assert!(read_head(&mut stream).starts_with("HTTP/1.1 201"));
    assert_eq!(board.store.file("c.txt").as_deref(), Some(&b"hello"[..]));
}
