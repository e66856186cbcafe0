//! Address supervision: DHCP with a static fallback, and recovery after a lost lease or link.
//!
//! [`supervise`] runs for as long as the board does, beside the stack's runner. Per link-up:
//! with [`Ipv4Plan::Dhcp`] it asks DHCP and waits [`Timing::dhcp_wait`]; an answer configures
//! the stack, silence applies the fallback. A lease that is lost (the server went away and the
//! lease ran out) starts DHCP again; a link that drops and comes back starts over. Every change
//! is said on the console through [`Log`].
//!
//! On the fallback the board keeps looking for a DHCP server, as lwIP's client (ESP-IDF's)
//! keeps discovering: a look ([`dhcp_probe`](crate::dhcp_probe)) is one DHCPDISCOVER sent
//! from the fallback address, which stays configured, so servers and connections on it go on.
//! Looks start [`Timing::look_first`] after the fallback and double up to [`Timing::look_max`]
//! (2 s to 64 s by default: a broadcast frame a minute costs a network nothing). Only when a
//! server answers does the board switch to embassy-net's DHCP client, which cannot run beside
//! a static address: the fallback is gone for the time a lease takes (milliseconds with a
//! server that just answered). A server that offers but gives no lease within `dhcp_wait`
//! would take the fallback away for that long at every look, so after such a failure the looks
//! keep to `look_max`.

use crate::dhcp_probe;
use crate::log::Log;
use crate::plan::{Ipv4Plan, StaticV4};
use embassy_futures::select::{select, Either};
use embassy_net::{ConfigV4, DhcpConfig, Stack, StaticConfigV4};
use embassy_time::{Duration, Timer};

/// How long the supervisor waits for things.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timing {
    /// How long DHCP may take before the fallback address is used.
    pub dhcp_wait: Duration,
    /// On the fallback, the pause before the first look for a DHCP server; it doubles after
    /// each look.
    pub look_first: Duration,
    /// The longest pause between looks.
    pub look_max: Duration,
    /// Treat leases as lasting at most this long (smoltcp renews at half of it): a server
    /// that went away is noticed sooner, at the cost of renewals that often.
    pub max_lease: Option<Duration>,
}

impl Default for Timing {
    fn default() -> Timing {
        Timing {
            dhcp_wait: Duration::from_secs(8),
            look_first: Duration::from_secs(2),
            look_max: Duration::from_secs(64),
            max_lease: None,
        }
    }
}

/// How long a look waits for an offer: servers may first ping the address they mean to offer
/// (dnsmasq for up to 3 s).
const LOOK_WAIT: Duration = Duration::from_secs(4);

/// Keep the stack's IPv4 address configured according to `plan`; never returns.
pub async fn supervise(stack: Stack<'_>, plan: Ipv4Plan, timing: Timing, log: &dyn Log) -> ! {
    loop {
        if !stack.is_link_up() {
            log.line(format_args!("net: link down, waiting for it"));
            stack.wait_link_up().await;
        }
        log.line(format_args!("net: link up"));
        match plan {
            Ipv4Plan::Static(s) => {
                apply_static(stack, s);
                log.line(format_args!("net: static address {s}"));
                stack.wait_link_down().await;
            }
            Ipv4Plan::Dhcp { fallback } => dhcp(stack, fallback, timing, log).await,
        }
        log.line(format_args!("net: link lost"));
    }
}

/// DHCP until the link goes down: lease, loss, fallback and looks, said on the console.
async fn dhcp(stack: Stack<'_>, fallback: StaticV4, timing: Timing, log: &dyn Log) {
    let mut config = DhcpConfig::default();
    config.max_lease_duration = timing.max_lease;
    let mut pause = timing.look_first;
    let mut after_look = false;
    loop {
        stack.set_config_v4(ConfigV4::Dhcp(config.clone()));
        log.line(format_args!("net: asking DHCP"));
        let answered = select(stack.wait_config_up(), Timer::after(timing.dhcp_wait)).await;
        if let Either::Second(()) = answered {
            apply_static(stack, fallback);
            log.line(format_args!(
                "net: no DHCP answer in {} s; static fallback {fallback}",
                timing.dhcp_wait.as_secs()
            ));
            if after_look {
                // A server answered a look but gave no lease: look seldom.
                pause = timing.look_max;
            }
            match look_until_answered(stack, &mut pause, timing.look_max).await {
                Some(server) => log.line(format_args!("net: DHCP server {server} answered")),
                None => return,
            }
            after_look = true;
            continue;
        }
        (pause, after_look) = (timing.look_first, false);
        if let Some(c) = stack.config_v4() {
            match c.gateway {
                Some(gw) => log.line(format_args!("net: DHCP address {} via {gw}", c.address)),
                None => log.line(format_args!("net: DHCP address {}", c.address)),
            }
        }
        match select(stack.wait_config_down(), stack.wait_link_down()).await {
            Either::First(()) => log.line(format_args!("net: DHCP lease lost")),
            Either::Second(()) => return,
        }
    }
}

/// Look for a DHCP server after `pause`, doubling it up to `max` after each look, until one
/// answers (its address) or the link goes down (`None`).
async fn look_until_answered(
    stack: Stack<'_>,
    pause: &mut Duration,
    max: Duration,
) -> Option<embassy_net::Ipv4Address> {
    loop {
        let wait = *pause;
        *pause = (wait * 2).min(max);
        let looked = select(stack.wait_link_down(), async {
            Timer::after(wait).await;
            dhcp_probe::look(stack, LOOK_WAIT).await
        });
        match looked.await {
            Either::First(()) => return None,
            Either::Second(Some(server)) => return Some(server),
            Either::Second(None) => {}
        }
    }
}

fn apply_static(stack: Stack<'_>, s: StaticV4) {
    stack.set_config_v4(ConfigV4::Static(StaticConfigV4 {
        address: s.address,
        gateway: s.gateway,
        dns_servers: Default::default(),
    }));
}
