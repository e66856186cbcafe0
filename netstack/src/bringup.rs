//! Address supervision: DHCP with a static fallback, and recovery after a lost lease or link.
//!
//! [`supervise`] runs for as long as the board does, beside the stack's runner. Per link-up:
//! with [`Ipv4Plan::Dhcp`] it asks DHCP and waits [`Timing::dhcp_wait`]; an answer configures
//! the stack, silence applies the fallback. A lease that is lost (the server went away and the
//! lease ran out) starts DHCP again; a link that drops and comes back starts over. Every change
//! is said on the console through [`Log`].

use crate::log::Log;
use crate::plan::{Ipv4Plan, StaticV4};
use embassy_futures::select::{select, Either};
use embassy_net::{ConfigV4, DhcpConfig, Stack, StaticConfigV4};
use embassy_time::{Duration, Timer};

/// How long the supervisor waits for things.
#[derive(Clone, Copy, Debug)]
pub struct Timing {
    /// How long DHCP may take before the fallback address is used.
    pub dhcp_wait: Duration,
}

impl Default for Timing {
    fn default() -> Timing {
        Timing {
            dhcp_wait: Duration::from_secs(8),
        }
    }
}

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
            }
            Ipv4Plan::Dhcp { fallback } => dhcp(stack, fallback, timing, log).await,
        }
        stack.wait_link_down().await;
        log.line(format_args!("net: link lost"));
    }
}

/// DHCP until the link goes down: lease, loss and fallback, said on the console.
async fn dhcp(stack: Stack<'_>, fallback: StaticV4, timing: Timing, log: &dyn Log) {
    loop {
        stack.set_config_v4(ConfigV4::Dhcp(DhcpConfig::default()));
        log.line(format_args!("net: asking DHCP"));
        let answered = select(stack.wait_config_up(), Timer::after(timing.dhcp_wait)).await;
        if let Either::Second(()) = answered {
            apply_static(stack, fallback);
            log.line(format_args!(
                "net: no DHCP answer in {} s; static fallback {fallback}",
                timing.dhcp_wait.as_secs()
            ));
            return;
        }
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

fn apply_static(stack: Stack<'_>, s: StaticV4) {
    stack.set_config_v4(ConfigV4::Static(StaticConfigV4 {
        address: s.address,
        gateway: s.gateway,
        dns_servers: Default::default(),
    }));
}
