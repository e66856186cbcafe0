//! Wi-Fi station and the board's network on it: esp-radio's station [`Interface`] is
//! `embassy-net`'s driver, and `mote-netstack` does the rest as on the simulated TAP board:
//! DHCP with the static fallback of the configuration's `ipv4` key, recovery after a lost
//! lease or link, the discovery answer for `mote scan` and the mDNS responder for
//! `<name>.local`, each change said on the console.
//!
//! Tasks: [`connection`] joins the network (`wifi_ssid`, `wifi_password`) and joins again
//! after every drop, [`net_task`] runs the stack, [`services`] runs netstack's supervisor and
//! responders.

use super::console;
use crate::config::BoardConfig;
use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use embassy_executor::Spawner;
use embassy_futures::join::join3;
use embassy_net::{Runner, Stack, StackResources};
use embassy_time::{Duration, Timer};
use esp_hal::peripherals::WIFI;
use esp_radio::wifi::sta::StationConfig;
use esp_radio::wifi::{AuthenticationMethodConfig, ControllerConfig, Interface, WifiController};
use mote_netstack::bringup::{self, Timing};
use mote_netstack::discovery::{self, BoardInfo};
use mote_netstack::mdns;
use mote_netstack::plan::Ipv4Plan;
use static_cell::StaticCell;

/// Sockets the stack can hold at once: DHCP, DNS, discovery, mDNS, and room for the servers.
const SOCKETS: usize = 8;

/// The port discovery reports for the board's servers (MicroPython's WebREPL port). The chip
/// does not serve the WebREPL yet (issue 11), so mDNS advertises no service on it.
const SERVER_PORT: u16 = 8266;

/// How long to wait before joining again after a failure or a drop.
const RETRY: Duration = Duration::from_secs(5);

/// Start the station and the network stack; `None` (said on the console) when the
/// configuration has no network to join or Wi-Fi cannot start.
pub async fn start(
    spawner: Spawner,
    wifi: WIFI<'static>,
    board: &BoardConfig,
    seed: u64,
) -> Option<Stack<'static>> {
    if board.wifi_ssid.is_empty() {
        console::announce(&format!(
            "no Wi-Fi credentials: set wifi_ssid and wifi_password in {} and reset",
            crate::config::PATH
        ))
        .await;
        return None;
    }
    match bring_up(spawner, wifi, board, seed) {
        Ok(stack) => {
            console::announce(&format!("Wi-Fi: joining '{}'", board.wifi_ssid)).await;
            Some(stack)
        }
        Err(why) => {
            console::announce(&format!("Wi-Fi does not start: {why}")).await;
            None
        }
    }
}

fn bring_up(
    spawner: Spawner,
    wifi: WIFI<'static>,
    board: &BoardConfig,
    seed: u64,
) -> Result<Stack<'static>, String> {
    let plan = Ipv4Plan::parse(&board.ipv4, board.unique_id)
        .map_err(|e| format!("ipv4 = {}: {e}", board.ipv4))?;
    let ssid = board
        .wifi_ssid
        .as_str()
        .try_into()
        .map_err(|_| String::from("wifi_ssid is longer than 32 bytes"))?;
    let authentication = if board.wifi_password.is_empty() {
        AuthenticationMethodConfig::Open
    } else {
        AuthenticationMethodConfig::WpaWpa2Personal(
            board
                .wifi_password
                .as_str()
                .try_into()
                .map_err(|_| String::from("wifi_password is longer than 64 bytes"))?,
        )
    };
    let station = StationConfig::default()
        .with_ssid(ssid)
        .with_authentication(authentication);
    let controller = WifiController::new(
        wifi,
        ControllerConfig::default().with_initial_config(esp_radio::wifi::Config::Station(station)),
    )
    .map_err(|e| format!("{e:?}"))?;
    static RESOURCES: StaticCell<StackResources<SOCKETS>> = StaticCell::new();
    let (stack, runner) = embassy_net::new(
        Interface::station(),
        embassy_net::Config::default(),
        RESOURCES.init(StackResources::new()),
        seed,
    );
    spawner.spawn(connection(controller).map_err(|e| format!("{e:?}"))?);
    spawner.spawn(net_task(runner).map_err(|e| format!("{e:?}"))?);
    // The name outlives every task that announces it: it is the board's for as long as it runs.
    let name: &'static str = Box::leak(board.name.clone().into_boxed_str());
    let info = BoardInfo {
        name,
        unique_id: board.unique_id,
        port: SERVER_PORT,
        firmware: env!("CARGO_PKG_VERSION"),
    };
    spawner.spawn(services(stack, plan, info).map_err(|e| format!("{e:?}"))?);
    Ok(stack)
}

/// Join the network, and again after every drop.
#[embassy_executor::task]
async fn connection(mut controller: WifiController<'static>) {
    loop {
        match controller.connect_async().await {
            Ok(_) => {
                console::announce("Wi-Fi: connected").await;
                let why = controller.wait_for_disconnect_async().await;
                console::announce(&format!("Wi-Fi: disconnected ({why:?}); joining again")).await;
            }
            Err(e) => {
                console::announce(&format!("Wi-Fi: cannot join ({e:?}); trying again")).await;
            }
        }
        Timer::after(RETRY).await;
    }
}

/// Run the network stack.
#[embassy_executor::task]
async fn net_task(mut runner: Runner<'static, Interface>) -> ! {
    runner.run().await
}

/// DHCP or the static address, the discovery answer and mDNS, for as long as the board runs.
#[embassy_executor::task]
async fn services(stack: Stack<'static>, plan: Ipv4Plan, info: BoardInfo<'static>) {
    let log = console::line;
    join3(
        bringup::supervise(stack, plan, Timing::default(), &log),
        discovery::respond(stack, info, &log),
        mdns::respond(stack, info.name, &[], &log),
    )
    .await;
}
