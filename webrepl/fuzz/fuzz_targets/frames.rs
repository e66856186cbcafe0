//! Fuzz target: the parsers alone. The WebSocket decoder over arbitrary bytes in arbitrary
//! splits (the first byte picks the split), the `WA` request parser, the request-head parser
//! and the path checker. None may panic; the decoder must consume every byte it is given or
//! fail, and the data it hands out must never exceed the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mote_webrepl::{
    http::{head_len, RequestHead},
    path::FilePath,
    protocol::request::Request,
    ws::{Decoder, Event},
};

fuzz_target!(|data: &[u8]| {
    let Some((&split, stream)) = data.split_first() else {
        return;
    };
    let split = usize::from(split % 32) + 1;
    let mut decoder = Decoder::new();
    let mut data_bytes = 0;
    'stream: for piece in stream.chunks(split) {
        let mut piece = piece.to_vec();
        let mut at = 0;
        while at < piece.len() {
            match decoder.decode(&mut piece[at..]) {
                Ok((used, event)) => {
                    assert!(used > 0 || event.is_some(), "no progress");
                    if let Some(Event::Data { payload, .. }) = event {
                        data_bytes += payload.len();
                    }
                    at += used;
                }
                Err(_) => break 'stream,
            }
        }
    }
    assert!(data_bytes <= stream.len());

    if let Ok(request) = Request::new_checked(stream) {
        let _ = (
            request.kind(),
            request.offset(),
            request.size(),
            request.flags(),
        );
        let _ = FilePath::parse(request.name(), 64);
    }
    if let Some(end) = head_len(stream) {
        if let Ok(head) = RequestHead::parse(&stream[..end]) {
            let _ = (head.method(), head.target(), head.version());
            let _ = head.header("sec-websocket-key");
        }
    }
    let _ = FilePath::parse(stream, 255);
});
