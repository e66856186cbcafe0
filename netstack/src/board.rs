//! The board's network tasks in one future: what a board runs beside the stack's runner.

use crate::bringup::{supervise, Timing};
use crate::discovery::{self, BoardInfo};
use crate::log::Log;
use crate::mdns::{self, ServiceSpec};
use crate::plan::Ipv4Plan;
use embassy_futures::join::join3;
use embassy_net::Stack;

/// Keep the address per `plan` and answer discovery and mDNS (for `info.name` and
/// `services`), for as long as the board runs. The chip and the TAP board run this beside
/// `Runner::run` and their servers.
pub async fn run(
    stack: Stack<'_>,
    plan: Ipv4Plan,
    timing: Timing,
    info: BoardInfo<'_>,
    services: &[ServiceSpec<'_>],
    log: &dyn Log,
) -> ! {
    join3(
        supervise(stack, plan, timing, log),
        discovery::respond(stack, info, log),
        mdns::respond(stack, info.name, services, log),
    )
    .await;
    unreachable!("the network tasks never end")
}
