//! The mDNS responder: `<name>.local` (A record) and the board's DNS-SD services, on an
//! `embassy-net` stack. Parsing and answering are `edge-mdns`'s (over the `domain` crate); this
//! module owns the socket: UDP 5353 on 224.0.0.251, legacy (unicast) queries answered to their
//! sender, and an announcement whenever the board's address changes.

use crate::log::Log;
use edge_mdns::domain::base::Ttl;
use edge_mdns::host::{Host, Service, ServiceAnswers};
use edge_mdns::{HostAnswer, HostAnswers, HostAnswersMdnsHandler, MdnsError, MdnsHandler};
use edge_mdns::{MdnsRequest, MdnsResponse};
use embassy_futures::select::{select, Either};
use embassy_net::udp::{PacketMetadata, UdpSocket};
use embassy_net::{IpEndpoint, Ipv4Address, Stack};
use embassy_time::{Duration, Timer};

/// The mDNS port.
pub const PORT: u16 = 5353;
/// The mDNS IPv4 group.
pub const GROUP: Ipv4Address = Ipv4Address::new(224, 0, 0, 251);

/// How long answers may be cached.
const TTL_S: u32 = 120;

/// A DNS-SD service the board advertises (`_webrepl._tcp` on its port, say).
#[derive(Clone, Copy, Debug)]
pub struct ServiceSpec<'a> {
    /// The service type without the protocol: `_webrepl`, `_http`.
    pub service: &'a str,
    /// `_tcp` or `_udp`.
    pub protocol: &'a str,
    /// The port it listens on.
    pub port: u16,
}

/// Everything the board answers for: its host record and its services' records.
struct Answers<'a> {
    host: Host<'a>,
    instance: &'a str,
    services: &'a [ServiceSpec<'a>],
}

impl HostAnswers for Answers<'_> {
    fn visit<F, E>(&self, mut f: F) -> Result<(), E>
    where
        F: FnMut(HostAnswer) -> Result<(), E>,
        E: From<MdnsError>,
    {
        if self.services.is_empty() {
            return self.host.visit(f);
        }
        for spec in self.services {
            let service = Service {
                name: self.instance,
                priority: 0,
                weight: 0,
                service: spec.service,
                protocol: spec.protocol,
                port: spec.port,
                service_subtypes: &[],
                txt_kvs: &[],
            };
            ServiceAnswers::new(&self.host, &service).visit(&mut f)?;
        }
        Ok(())
    }
}

/// The reply to mDNS datagram `request` (`None`: an announcement of everything) for host
/// `name` at `address`, written into `out`: its bytes, or `None` when there is nothing to say.
/// `legacy` is a query from a port other than 5353 (answered by unicast, with its id).
pub fn reply<'o>(
    request: Option<&[u8]>,
    legacy: bool,
    name: &str,
    address: Ipv4Address,
    services: &[ServiceSpec<'_>],
    out: &'o mut [u8],
) -> Option<&'o [u8]> {
    let answers = Answers {
        host: Host {
            hostname: name,
            ipv4: address,
            ipv6: core::net::Ipv6Addr::UNSPECIFIED,
            ttl: Ttl::from_secs(TTL_S),
        },
        instance: name,
        services,
    };
    let request = match request {
        Some(data) => MdnsRequest::Request {
            legacy,
            multicast: !legacy,
            data,
        },
        None => MdnsRequest::None,
    };
    match HostAnswersMdnsHandler::new(answers).handle(request, out) {
        Ok(MdnsResponse::Reply { data, .. }) => Some(data),
        _ => None,
    }
}

/// Answer mDNS queries for `name` and `services` for as long as the board runs.
pub async fn respond(
    stack: Stack<'_>,
    name: &str,
    services: &[ServiceSpec<'_>],
    log: &dyn Log,
) -> ! {
    let mut rx_meta = [PacketMetadata::EMPTY; 4];
    let mut rx = [0u8; 1536];
    let mut tx_meta = [PacketMetadata::EMPTY; 4];
    let mut tx = [0u8; 1536];
    let mut socket = UdpSocket::new(stack, &mut rx_meta, &mut rx, &mut tx_meta, &mut tx);
    if socket.bind(PORT).is_err() || stack.join_multicast_group(GROUP).is_err() {
        log.line(format_args!("net: mDNS cannot listen on {GROUP}:{PORT}"));
        core::future::pending::<()>().await;
    }
    let group = IpEndpoint::new(GROUP.into(), PORT);
    let mut request = [0u8; 1500];
    let mut out = [0u8; 1500];
    let mut announced = None;
    loop {
        let address = stack.config_v4().map(|c| c.address.address());
        if address != announced {
            if let Some(a) = address {
                log.line(format_args!("net: mDNS {name}.local is {a}"));
                if let Some(data) = reply(None, false, name, a, services, &mut out) {
                    let _ = socket.send_to(data, group).await;
                }
            }
            announced = address;
        }
        // Wake now and then to notice a new address (DHCP, fallback) and announce it.
        let received = match select(
            socket.recv_from(&mut request),
            Timer::after(Duration::from_millis(500)),
        )
        .await
        {
            Either::First(Ok((n, meta))) => Some((n, meta)),
            _ => None,
        };
        let (Some((n, meta)), Some(address)) = (received, address) else {
            continue;
        };
        let legacy = meta.endpoint.port != PORT;
        let data = request.get(..n).unwrap_or(&[]);
        if let Some(answer) = reply(Some(data), legacy, name, address, services, &mut out) {
            let to = if legacy { meta.endpoint } else { group };
            let _ = socket.send_to(answer, to).await;
        }
        embassy_futures::yield_now().await;
    }
}
