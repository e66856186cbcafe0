//! Wi-Fi station and `embassy-net` on it: esp-radio's station [`Interface`] is the stack's
//! driver; the credentials and the address setting come from the board's configuration
//! (`wifi_ssid`, `wifi_password`, `ipv4` = `dhcp` or `address/prefix`).
//!
//! Three tasks: [`connection`] joins the network and joins again after every drop,
//! [`net_task`] runs the stack, and [`report`] says on the console when the board has an
//! address and when it loses it.

use super::console;
use crate::config::BoardConfig;
use alloc::format;
use alloc::string::String;
use core::net::Ipv4Addr;
use embassy_executor::Spawner;
use embassy_net::{Ipv4Cidr, Runner, Stack, StackResources, StaticConfigV4};
use embassy_time::{Duration, Timer};
use esp_hal::peripherals::WIFI;
use esp_radio::wifi::sta::StationConfig;
use esp_radio::wifi::{AuthenticationMethodConfig, ControllerConfig, Interface, WifiController};
use static_cell::StaticCell;

/// Sockets the stack can hold at once (DHCP, DNS, the servers and Python's).
const SOCKETS: usize = 8;

/// How long to wait before joining again after a failure or a drop.
const RETRY: Duration = Duration::from_secs(5);

/// The address setting of the configuration's `ipv4` key.
pub fn ip_config(ipv4: &str) -> Result<embassy_net::Config, String> {
    if ipv4 == "dhcp" {
        return Ok(embassy_net::Config::dhcpv4(Default::default()));
    }
    let bad = || format!("ipv4 = {ipv4} is neither 'dhcp' nor 'address/prefix'");
    let (address, prefix) = ipv4.split_once('/').ok_or_else(bad)?;
    let address: Ipv4Addr = address.trim().parse().map_err(|_| bad())?;
    let prefix: u8 = prefix.trim().parse().map_err(|_| bad())?;
    if prefix > 32 {
        return Err(bad());
    }
    Ok(embassy_net::Config::ipv4_static(StaticConfigV4 {
        address: Ipv4Cidr::new(address, prefix),
        gateway: None,
        dns_servers: Default::default(),
    }))
}

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
    let ip = ip_config(&board.ipv4)?;
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
        ip,
        RESOURCES.init(StackResources::new()),
        seed,
    );
    spawner.spawn(connection(controller).map_err(|e| format!("{e:?}"))?);
    spawner.spawn(net_task(runner).map_err(|e| format!("{e:?}"))?);
    spawner.spawn(report(stack).map_err(|e| format!("{e:?}"))?);
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

/// Say on the console when the board gets an address and when it loses it.
#[embassy_executor::task]
async fn report(stack: Stack<'static>) {
    loop {
        stack.wait_config_up().await;
        if let Some(config) = stack.config_v4() {
            console::announce(&format!("address {}", config.address)).await;
        }
        stack.wait_config_down().await;
        console::announce("address lost").await;
    }
}
