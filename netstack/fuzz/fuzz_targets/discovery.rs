//! Discovery datagrams from the network: the packet view, both parsers and the board's answer
//! never panic, and what parses re-emits to the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mote_netstack::discovery::{answer, BoardInfo};
use mote_netstack::wire::discovery::{Answer, Packet, Query, MAX_ANSWER_LEN};

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = Packet::new_checked(data) {
        let _ = (p.kind(), p.token());
    }
    if let Ok(q) = Query::parse(data) {
        let mut buf = [0u8; 16];
        let n = q.emit(&mut buf).unwrap();
        assert_eq!(Query::parse(&buf[..n]), Ok(q));
    }
    if let Ok(a) = Answer::parse(data) {
        let mut buf = [0u8; MAX_ANSWER_LEN];
        let n = a.emit(&mut buf).unwrap();
        assert_eq!(&buf[..n], &data[..n]);
        assert_eq!(Answer::parse(&buf[..n]), Ok(a));
    }
    let info = BoardInfo {
        name: "fuzz",
        unique_id: [1, 2, 3, 4, 5, 6],
        port: 8266,
        firmware: "0.1.0",
    };
    let mut out = [0u8; MAX_ANSWER_LEN];
    if let Some(n) = answer(data, &info, [10, 0, 0, 1], 7, &mut out) {
        assert!(Answer::parse(&out[..n]).is_ok());
    }
});
