//! mDNS datagrams from the network through the board's responder (`edge-mdns` over `domain`
//! parses them): no panic, and any reply fits the buffer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mote_netstack::embassy_net::Ipv4Address;
use mote_netstack::mdns::{reply, ServiceSpec};

const SERVICES: [ServiceSpec<'static>; 2] = [
    ServiceSpec {
        service: "_webrepl",
        protocol: "_tcp",
        port: 8266,
    },
    ServiceSpec {
        service: "_http",
        protocol: "_tcp",
        port: 8266,
    },
];

fuzz_target!(|data: &[u8]| {
    let mut out = [0u8; 1500];
    for legacy in [false, true] {
        let r = reply(
            Some(data),
            legacy,
            "fuzz",
            Ipv4Address::new(10, 0, 0, 1),
            &SERVICES,
            &mut out,
        );
        if let Some(r) = r {
            assert!(r.len() <= 1500);
        }
    }
});
