//! Two `embassy-net` stacks in one process, joined by `embassy-net-driver-channel` (no root,
//! no TAP): a board running the netstack tasks and a peer that asks it things.
//!
//! The board has no DHCP server: it falls back to its static address and says so; discovery
//! queries (unicast and to the group) and mDNS queries for `<name>.local` are answered;
//! garbage is not; the link dropping and coming back makes the board start over. On its
//! fallback the board looks for a DHCP server, keeping the fallback meanwhile, and takes the
//! lease of the peer's once that answers; when the lease runs out it falls back again.

use core::cell::{Cell, RefCell};
use core::fmt;
use embassy_futures::join::{join4, join5};
use embassy_futures::select::{select, Either};
use embassy_net::udp::{PacketMetadata, UdpSocket};
use embassy_net::{
    Config, IpEndpoint, Ipv4Address, Ipv4Cidr, Stack, StackResources, StaticConfigV4,
};
use embassy_net_driver::{HardwareAddress, LinkState};
use embassy_net_driver_channel as ch;
use embassy_time::{Duration, Timer};
use mote_netstack::bringup::{supervise, Timing};
use mote_netstack::discovery::{respond, BoardInfo};
use mote_netstack::mdns::{self, ServiceSpec};
use mote_netstack::plan::{Ipv4Plan, StaticV4};
use mote_netstack::wire::discovery::{Answer, Query, GROUP, PORT};
use smoltcp::wire::{DhcpMessageType, DhcpPacket, DhcpRepr, DHCP_CLIENT_PORT, DHCP_SERVER_PORT};

const MTU: usize = 1514;

/// Move frames from one channel device's transmit queue to another's receive queue.
async fn pump(mut from: ch::TxRunner<'_, MTU>, mut to: ch::RxRunner<'_, MTU>) -> ! {
    loop {
        let frame = from.tx_buf().await;
        let dst = to.rx_buf().await;
        let n = frame.len().min(dst.len());
        dst[..n].copy_from_slice(&frame[..n]);
        to.rx_done(n);
        from.tx_done();
    }
}

struct Log(RefCell<Vec<String>>);

impl Log {
    fn has(&self, text: &str) -> usize {
        self.0.borrow().iter().filter(|l| l.contains(text)).count()
    }

    async fn wait(&self, text: &str, count: usize) {
        // Up to 10 s: a look for a DHCP server listens 4 s before the next one.
        for _ in 0..500 {
            if self.has(text) >= count {
                return;
            }
            Timer::after(Duration::from_millis(20)).await;
        }
        panic!("{count} x {text:?} not in {:?}", self.0.borrow());
    }
}

async fn ask(peer: Stack<'_>, to: IpEndpoint, query: &[u8], buf: &mut [u8]) -> Option<usize> {
    let mut rx_meta = [PacketMetadata::EMPTY; 4];
    let mut rx = [0u8; 1500];
    let mut tx_meta = [PacketMetadata::EMPTY; 4];
    let mut tx = [0u8; 1500];
    let mut s = UdpSocket::new(peer, &mut rx_meta, &mut rx, &mut tx_meta, &mut tx);
    s.bind(0).ok()?;
    s.send_to(query, to).await.ok()?;
    match select(s.recv_from(buf), Timer::after(Duration::from_millis(500))).await {
        Either::First(Ok((n, _))) => Some(n),
        _ => None,
    }
}

#[test]
fn a_board_falls_back_answers_discovery_and_mdns_and_restarts_after_a_link_drop() {
    let mut state_a = ch::State::<MTU, 8, 8>::new();
    let mut state_b = ch::State::<MTU, 8, 8>::new();
    let (runner_a, dev_a) = ch::new(&mut state_a, HardwareAddress::Ethernet([2, 0, 0, 0, 0, 1]));
    let (runner_b, dev_b) = ch::new(&mut state_b, HardwareAddress::Ethernet([2, 0, 0, 0, 0, 2]));
    let (link_a, rx_a, tx_a) = runner_a.split();
    let (link_b, rx_b, tx_b) = runner_b.split();
    link_a.set_link_state(LinkState::Up);
    link_b.set_link_state(LinkState::Up);

    let mut res_a = StackResources::<8>::new();
    let mut res_b = StackResources::<8>::new();
    let (board, mut board_runner) = embassy_net::new(dev_a, Config::default(), &mut res_a, 1);
    let peer_config = Config::ipv4_static(StaticConfigV4 {
        address: Ipv4Cidr::new(Ipv4Address::new(10, 9, 0, 1), 24),
        gateway: None,
        dns_servers: Default::default(),
    });
    let (peer, mut peer_runner) = embassy_net::new(dev_b, peer_config, &mut res_b, 2);

    let log = Log(RefCell::new(Vec::new()));
    let say = |args: fmt::Arguments<'_>| log.0.borrow_mut().push(args.to_string());
    let fallback = StaticV4 {
        address: Ipv4Cidr::new(Ipv4Address::new(10, 9, 0, 2), 24),
        gateway: None,
    };
    let plan = Ipv4Plan::Dhcp { fallback };
    let timing = Timing {
        dhcp_wait: Duration::from_millis(300),
        ..Timing::default()
    };
    let info = BoardInfo {
        name: "bench",
        unique_id: [1, 2, 3, 4, 5, 6],
        port: 8266,
        firmware: "9.9.9",
    };
    let services = [ServiceSpec {
        service: "_webrepl",
        protocol: "_tcp",
        port: 8266,
    }];

    let board_tasks = join5(
        board_runner.run(),
        peer_runner.run(),
        supervise(board, plan, timing, &say),
        respond(board, info, &say),
        mdns::respond(board, "bench", &services, &say),
    );
    let wires = embassy_futures::join::join(pump(tx_a, rx_b), pump(tx_b, rx_a));

    let checks = async {
        log.wait("static fallback 10.9.0.2/24", 1).await;
        assert_eq!(log.has("asking DHCP"), 1);
        let board_ep = IpEndpoint::new(Ipv4Address::new(10, 9, 0, 2).into(), PORT);
        let group_ep = IpEndpoint::new(Ipv4Address::from(GROUP).into(), PORT);
        let mut q = [0u8; 10];
        let mut buf = [0u8; 1500];

        // Discovery, unicast and to the group.
        for (to, token) in [(board_ep, 7), (group_ep, 8)] {
            Query { token }.emit(&mut q).unwrap();
            let n = ask(peer, to, &q, &mut buf)
                .await
                .expect("no discovery answer");
            let a = Answer::parse(&buf[..n]).unwrap();
            assert_eq!(
                (a.token, a.name, a.address, a.port, a.firmware),
                (token, "bench", [10, 9, 0, 2], 8266, "9.9.9")
            );
        }
        // Garbage gets no answer, and the board goes on answering.
        assert_eq!(ask(peer, board_ep, b"MOTE\x01\x02xx", &mut buf).await, None);
        assert_eq!(ask(peer, board_ep, b"hello", &mut buf).await, None);
        Query { token: 9 }.emit(&mut q).unwrap();
        assert!(ask(peer, board_ep, &q, &mut buf).await.is_some());

        // A legacy (unicast-answered) mDNS query for bench.local, type A.
        let mut mq = Vec::from(*b"\x12\x34\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00");
        mq.extend_from_slice(b"\x05bench\x05local\x00\x00\x01\x00\x01");
        let mdns_ep = IpEndpoint::new(mdns::GROUP.into(), mdns::PORT);
        let n = ask(peer, mdns_ep, &mq, &mut buf)
            .await
            .expect("no mDNS answer");
        let reply = &buf[..n];
        assert_eq!(
            &reply[..2],
            b"\x12\x34",
            "the legacy reply keeps the query id"
        );
        assert!(reply.windows(4).any(|w| w == [10, 9, 0, 2]), "{reply:?}");
        // A query for another name is not answered.
        let mut other = Vec::from(*b"\x12\x35\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00");
        other.extend_from_slice(b"\x05other\x05local\x00\x00\x01\x00\x01");
        assert_eq!(ask(peer, mdns_ep, &other, &mut buf).await, None);

        // The link drops and comes back: the board says so and starts over.
        link_a.set_link_state(LinkState::Down);
        log.wait("net: link lost", 1).await;
        link_a.set_link_state(LinkState::Up);
        log.wait("static fallback 10.9.0.2/24", 2).await;
        assert_eq!(log.has("asking DHCP"), 2);
        Query { token: 10 }.emit(&mut q).unwrap();
        assert!(ask(peer, board_ep, &q, &mut buf).await.is_some());
        // The stack's own configuration is the fallback.
        assert!(matches!(
            board.config_v4(),
            Some(StaticConfigV4 { address, .. }) if address == fallback.address
        ));
    };

    futures_lite::future::block_on(async {
        match select(select(board_tasks, wires), checks).await {
            Either::First(_) => unreachable!("the board's tasks never end"),
            Either::Second(()) => {}
        }
    });
}

/// What the peer's DHCP server has seen and does.
#[derive(Default)]
struct Server {
    /// Answer discovers and requests.
    serving: Cell<bool>,
    /// Discovers from the board's fallback address (its looks for a server).
    looks: Cell<usize>,
    /// Answer looks only from this many on.
    answer_from_look: Cell<usize>,
}

const LEASED: Ipv4Address = Ipv4Address::new(10, 9, 0, 50);

/// A DHCP server on the peer (10.9.0.1): offers and acks 10.9.0.50/24 for 2 s leases while
/// `server.serving`; checks that a look arrives while the board keeps its fallback.
async fn dhcp_server(peer: Stack<'_>, board: Stack<'_>, fallback: StaticV4, server: &Server) -> ! {
    let mut rx_meta = [PacketMetadata::EMPTY; 4];
    let mut rx = [0u8; 1500];
    let mut tx_meta = [PacketMetadata::EMPTY; 4];
    let mut tx = [0u8; 1500];
    let mut s = UdpSocket::new(peer, &mut rx_meta, &mut rx, &mut tx_meta, &mut tx);
    s.bind(DHCP_SERVER_PORT).unwrap();
    let mut buf = [0u8; 1500];
    loop {
        let (n, from) = s.recv_from(&mut buf).await.unwrap();
        let packet = DhcpPacket::new_checked(&buf[..n]).unwrap();
        let mut repr = DhcpRepr::parse(&packet).unwrap();
        let look = from.endpoint.addr == fallback.address.address().into();
        if look {
            // The look goes out from the fallback, which is still the board's address.
            assert!(matches!(
                board.config_v4(),
                Some(StaticConfigV4 { address, .. }) if address == fallback.address
            ));
            server.looks.set(server.looks.get() + 1);
        }
        let answer = match repr.message_type {
            DhcpMessageType::Discover => DhcpMessageType::Offer,
            DhcpMessageType::Request => DhcpMessageType::Ack,
            _ => continue,
        };
        if !server.serving.get() || (look && server.looks.get() < server.answer_from_look.get()) {
            continue;
        }
        repr.message_type = answer;
        repr.your_ip = LEASED;
        repr.server_identifier = Some(Ipv4Address::new(10, 9, 0, 1));
        repr.subnet_mask = Some(Ipv4Address::new(255, 255, 255, 0));
        repr.lease_duration = Some(2);
        repr.parameter_request_list = None;
        repr.client_identifier = None;
        repr.requested_ip = None;
        repr.max_size = None;
        let mut out = [0u8; 600];
        let len = repr.buffer_len();
        repr.emit(&mut DhcpPacket::new_unchecked(&mut out[..len]))
            .unwrap();
        let to = IpEndpoint::new(Ipv4Address::BROADCAST.into(), DHCP_CLIENT_PORT);
        s.send_to(&out[..len], to).await.unwrap();
    }
}

#[test]
fn on_its_fallback_a_board_looks_for_dhcp_takes_a_lease_and_falls_back_when_it_expires() {
    let mut state_a = ch::State::<MTU, 8, 8>::new();
    let mut state_b = ch::State::<MTU, 8, 8>::new();
    let (runner_a, dev_a) = ch::new(&mut state_a, HardwareAddress::Ethernet([2, 0, 0, 0, 0, 1]));
    let (runner_b, dev_b) = ch::new(&mut state_b, HardwareAddress::Ethernet([2, 0, 0, 0, 0, 2]));
    let (link_a, rx_a, tx_a) = runner_a.split();
    let (link_b, rx_b, tx_b) = runner_b.split();
    link_a.set_link_state(LinkState::Up);
    link_b.set_link_state(LinkState::Up);
    let mut res_a = StackResources::<8>::new();
    let mut res_b = StackResources::<8>::new();
    let (board, mut board_runner) = embassy_net::new(dev_a, Config::default(), &mut res_a, 1);
    let peer_config = Config::ipv4_static(StaticConfigV4 {
        address: Ipv4Cidr::new(Ipv4Address::new(10, 9, 0, 1), 24),
        gateway: None,
        dns_servers: Default::default(),
    });
    let (peer, mut peer_runner) = embassy_net::new(dev_b, peer_config, &mut res_b, 2);

    let log = Log(RefCell::new(Vec::new()));
    let say = |args: fmt::Arguments<'_>| log.0.borrow_mut().push(args.to_string());
    let fallback = StaticV4 {
        address: Ipv4Cidr::new(Ipv4Address::new(10, 9, 0, 2), 24),
        gateway: None,
    };
    let timing = Timing {
        dhcp_wait: Duration::from_millis(300),
        look_first: Duration::from_millis(200),
        look_max: Duration::from_millis(800),
        max_lease: None,
    };
    let server = Server::default();
    // The board's first look goes unanswered; the second is answered.
    server.answer_from_look.set(2);

    let tasks = join4(
        board_runner.run(),
        peer_runner.run(),
        supervise(board, Ipv4Plan::Dhcp { fallback }, timing, &say),
        dhcp_server(peer, board, fallback, &server),
    );
    let wires = embassy_futures::join::join(pump(tx_a, rx_b), pump(tx_b, rx_a));
    let checks = async {
        log.wait("static fallback 10.9.0.2/24", 1).await;
        server.serving.set(true);
        log.wait("net: DHCP server 10.9.0.1 answered", 1).await;
        assert_eq!(server.looks.get(), 2);
        log.wait("net: DHCP address 10.9.0.50/24", 1).await;
        // Renewals at half the 2 s lease keep it while the server answers.
        Timer::after(Duration::from_secs(3)).await;
        assert_eq!(log.has("lease lost"), 0, "{:?}", log.0.borrow());
        // The server stops answering: the lease runs out and the board falls back.
        server.serving.set(false);
        log.wait("net: DHCP lease lost", 1).await;
        log.wait("static fallback 10.9.0.2/24", 2).await;
        // It answers again: the next look finds it.
        server.serving.set(true);
        log.wait("net: DHCP address 10.9.0.50/24", 2).await;
        assert_eq!(log.has("link lost"), 0);
    };
    futures_lite::future::block_on(async {
        match select(select(tasks, wires), checks).await {
            Either::First(_) => unreachable!("the board's tasks never end"),
            Either::Second(()) => {}
        }
    });
}
