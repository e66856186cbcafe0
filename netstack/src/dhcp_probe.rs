//! Looking for a DHCP server without giving up the static fallback address.
//!
//! embassy-net runs smoltcp's DHCP client only in place of a static configuration (its
//! `ConfigV4` is one or the other, and its socket set is its own), so asking DHCP the usual way
//! drops the fallback address for as long as the asking lasts. Instead, a board on its fallback
//! sends one DHCPDISCOVER from an ordinary UDP socket on the client port (its source is the
//! fallback address; the broadcast flag asks the server to answer to 255.255.255.255, which the
//! socket receives) and listens for an OFFER to its hardware address: only a server that
//! answered is then asked for a lease, by embassy-net's own client. The frames are smoltcp's
//! `DhcpRepr`, the code the stack's client already carries.

use embassy_futures::select::{select, Either};
use embassy_net::udp::{PacketMetadata, UdpSocket};
use embassy_net::{EthernetAddress, HardwareAddress, Ipv4Address, Stack};
use embassy_time::{Duration, Instant, Timer};
use smoltcp::wire::{DhcpMessageType, DhcpPacket, DhcpRepr, DHCP_CLIENT_PORT, DHCP_SERVER_PORT};

/// The largest DHCP message a client must accept (RFC 2131, section 2); larger answers are
/// dropped by the socket, and the next look asks again.
const MAX_MESSAGE: usize = 576;

/// Room for the discover (its length is checked by a test).
const DISCOVER_ROOM: usize = 300;

/// Send a DHCPDISCOVER and wait up to `wait` for an OFFER to this board; the answering server's
/// address, or `None` (no server, no Ethernet address, or the client port is taken).
///
/// Its socket takes the place the DHCP client's leaves while a static address is configured.
pub async fn look(stack: Stack<'_>, wait: Duration) -> Option<Ipv4Address> {
    // Irrefutable while Ethernet is the only medium built in; other media may join.
    #[allow(irrefutable_let_patterns)]
    let HardwareAddress::Ethernet(mac) = stack.hardware_address() else {
        return None;
    };
    let mut rx_meta = [PacketMetadata::EMPTY; 2];
    let mut rx = [0u8; MAX_MESSAGE];
    let mut tx_meta = [PacketMetadata::EMPTY; 1];
    let mut tx = [0u8; DISCOVER_ROOM];
    let mut socket = UdpSocket::new(stack, &mut rx_meta, &mut rx, &mut tx_meta, &mut tx);
    socket.bind(DHCP_CLIENT_PORT).ok()?;
    // Answers are matched on the hardware address too, so the clock's low bits make an id
    // that differs from one look to the next.
    let xid = Instant::now().as_ticks() as u32;
    let repr = discover(xid, mac);
    let mut frame = [0u8; MAX_MESSAGE];
    let len = repr.buffer_len();
    repr.emit(&mut DhcpPacket::new_unchecked(frame.get_mut(..len)?))
        .ok()?;
    let server = (Ipv4Address::BROADCAST, DHCP_SERVER_PORT);
    socket.send_to(&frame[..len], server).await.ok()?;
    let answered = async {
        loop {
            if let Ok((n, _)) = socket.recv_from(&mut frame).await {
                if let Some(server) = frame.get(..n).and_then(|f| offer_from(f, xid, mac)) {
                    return server;
                }
            }
        }
    };
    match select(answered, Timer::after(wait)).await {
        Either::First(server) => Some(server),
        Either::Second(()) => None,
    }
}

/// A DHCPDISCOVER from `mac` that asks for broadcast answers.
fn discover(xid: u32, mac: EthernetAddress) -> DhcpRepr<'static> {
    DhcpRepr {
        message_type: DhcpMessageType::Discover,
        transaction_id: xid,
        secs: 0,
        client_hardware_address: mac,
        client_ip: Ipv4Address::UNSPECIFIED,
        your_ip: Ipv4Address::UNSPECIFIED,
        server_ip: Ipv4Address::UNSPECIFIED,
        router: None,
        subnet_mask: None,
        relay_agent_ip: Ipv4Address::UNSPECIFIED,
        broadcast: true,
        requested_ip: None,
        client_identifier: Some(mac),
        server_identifier: None,
        parameter_request_list: None,
        dns_servers: None,
        max_size: Some(MAX_MESSAGE as u16),
        lease_duration: None,
        renew_duration: None,
        rebind_duration: None,
        additional_options: &[],
    }
}

/// The server that sent `bytes`, if they are an OFFER answering transaction `xid` of `mac`.
fn offer_from(bytes: &[u8], xid: u32, mac: EthernetAddress) -> Option<Ipv4Address> {
    let packet = DhcpPacket::new_checked(bytes).ok()?;
    let offer = DhcpRepr::parse(&packet).ok()?;
    let ours = offer.message_type == DhcpMessageType::Offer
        && offer.transaction_id == xid
        && offer.client_hardware_address == mac;
    ours.then_some(offer.server_identifier?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAC: EthernetAddress = EthernetAddress([2, 0, 0, 0, 0, 7]);

    /// `repr` as bytes.
    fn emitted(repr: &DhcpRepr<'_>) -> ([u8; MAX_MESSAGE], usize) {
        let mut frame = [0u8; MAX_MESSAGE];
        let len = repr.buffer_len();
        repr.emit(&mut DhcpPacket::new_unchecked(&mut frame[..len]))
            .unwrap();
        (frame, len)
    }

    /// A server's answer to `xid` for `mac`, of type `kind`.
    fn answer(kind: DhcpMessageType, xid: u32, mac: EthernetAddress) -> ([u8; MAX_MESSAGE], usize) {
        let mut repr = discover(xid, mac);
        repr.message_type = kind;
        repr.your_ip = Ipv4Address::new(10, 0, 0, 50);
        repr.server_identifier = Some(Ipv4Address::new(10, 0, 0, 1));
        repr.client_identifier = None;
        repr.max_size = None;
        emitted(&repr)
    }

    #[test]
    fn the_discover_asks_for_a_broadcast_answer_to_this_board() {
        let (frame, len) = emitted(&discover(42, MAC));
        assert!(len <= DISCOVER_ROOM, "{len}");
        let packet = DhcpPacket::new_checked(&frame[..len]).unwrap();
        let repr = DhcpRepr::parse(&packet).unwrap();
        assert_eq!(repr.message_type, DhcpMessageType::Discover);
        assert_eq!(repr.transaction_id, 42);
        assert_eq!(repr.client_hardware_address, MAC);
        assert!(repr.broadcast);
    }

    #[test]
    fn only_an_offer_to_this_look_counts() {
        let (offer, len) = answer(DhcpMessageType::Offer, 42, MAC);
        assert_eq!(
            offer_from(&offer[..len], 42, MAC),
            Some(Ipv4Address::new(10, 0, 0, 1))
        );
        assert_eq!(offer_from(&offer[..len], 43, MAC), None, "another look");
        let other = EthernetAddress([2, 0, 0, 0, 0, 8]);
        assert_eq!(offer_from(&offer[..len], 42, other), None, "another board");
        let (ack, len) = answer(DhcpMessageType::Ack, 42, MAC);
        assert_eq!(offer_from(&ack[..len], 42, MAC), None, "not an offer");
        // Cut short or garbage: no panic.
        for cut in 0..len {
            let _ = offer_from(&offer[..cut], 42, MAC);
        }
        assert_eq!(offer_from(&[0xff; 300], 42, MAC), None);
    }
}
