//! How the board gets its IPv4 address: the config's `ipv4` setting, parsed.
//!
//! Syntax: `dhcp` (DHCP, falling back to a link-local address derived from the unique id),
//! `ADDR/PREFIX [via GATEWAY]` (static), or `dhcp or ADDR/PREFIX [via GATEWAY]` (DHCP with
//! that fallback).

use core::fmt;
use embassy_net::{Ipv4Address, Ipv4Cidr};

/// A static IPv4 configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StaticV4 {
    /// The address and prefix length.
    pub address: Ipv4Cidr,
    /// The default gateway, if any.
    pub gateway: Option<Ipv4Address>,
}

impl fmt::Display for StaticV4 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.address)?;
        if let Some(gw) = self.gateway {
            write!(f, " via {gw}")?;
        }
        Ok(())
    }
}

/// The board's IPv4 plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ipv4Plan {
    /// Ask DHCP; without an answer in time, use the fallback.
    Dhcp {
        /// The address used when no DHCP server answers.
        fallback: StaticV4,
    },
    /// A fixed address.
    Static(StaticV4),
}

/// A setting that does not parse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadPlan;

impl fmt::Display for BadPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("expected 'dhcp', 'ADDR/PREFIX [via GATEWAY]' or 'dhcp or ADDR/PREFIX'")
    }
}

impl Ipv4Plan {
    /// Parse the `ipv4` setting of a board whose unique id is `unique_id`.
    pub fn parse(setting: &str, unique_id: [u8; 6]) -> Result<Ipv4Plan, BadPlan> {
        let setting = setting.trim();
        if setting == "dhcp" {
            return Ok(Ipv4Plan::Dhcp {
                fallback: link_local(unique_id),
            });
        }
        if let Some(rest) = setting.strip_prefix("dhcp or ") {
            return Ok(Ipv4Plan::Dhcp {
                fallback: parse_static(rest)?,
            });
        }
        parse_static(setting).map(Ipv4Plan::Static)
    }
}

/// Parse `ADDR/PREFIX [via GATEWAY]`.
pub fn parse_static(s: &str) -> Result<StaticV4, BadPlan> {
    let mut words = s.split_whitespace();
    let cidr = words.next().ok_or(BadPlan)?;
    let gateway = match (words.next(), words.next(), words.next()) {
        (None, _, _) => None,
        (Some("via"), Some(gw), None) => Some(gw.parse().map_err(|_| BadPlan)?),
        _ => return Err(BadPlan),
    };
    let (addr, prefix) = cidr.split_once('/').ok_or(BadPlan)?;
    let addr: Ipv4Address = addr.parse().map_err(|_| BadPlan)?;
    let prefix: u8 = prefix.parse().map_err(|_| BadPlan)?;
    if prefix == 0 || prefix > 32 || addr.is_unspecified() || addr.is_multicast() {
        return Err(BadPlan);
    }
    Ok(StaticV4 {
        address: Ipv4Cidr::new(addr, prefix),
        gateway,
    })
}

/// A link-local address (169.254.1.0 to 169.254.254.255, RFC 3927's range) from the unique id,
/// so boards without DHCP on one link differ.
pub fn link_local(unique_id: [u8; 6]) -> StaticV4 {
    let third = 1 + unique_id[4] % 254;
    StaticV4 {
        address: Ipv4Cidr::new(Ipv4Address::new(169, 254, third, unique_id[5]), 16),
        gateway: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_parse() {
        let id = [0, 0, 0, 0, 0x10, 0x22];
        assert_eq!(
            Ipv4Plan::parse("dhcp", id),
            Ok(Ipv4Plan::Dhcp {
                fallback: StaticV4 {
                    address: Ipv4Cidr::new(Ipv4Address::new(169, 254, 17, 0x22), 16),
                    gateway: None
                }
            })
        );
        let s = StaticV4 {
            address: Ipv4Cidr::new(Ipv4Address::new(10, 0, 0, 5), 24),
            gateway: Some(Ipv4Address::new(10, 0, 0, 1)),
        };
        assert_eq!(
            Ipv4Plan::parse("10.0.0.5/24 via 10.0.0.1", id),
            Ok(Ipv4Plan::Static(s))
        );
        assert_eq!(
            Ipv4Plan::parse("dhcp or 10.0.0.5/24 via 10.0.0.1", id),
            Ok(Ipv4Plan::Dhcp { fallback: s })
        );
        for bad in [
            "",
            "dhcpx",
            "10.0.0.5",
            "10.0.0.5/33",
            "10.0.0.5/0",
            "0.0.0.0/8",
            "224.0.0.1/4",
            "10.0.0.5/24 via",
            "10.0.0.5/24 via x",
            "10.0.0.5/24 by 10.0.0.1",
            "dhcp or dhcp",
        ] {
            assert_eq!(Ipv4Plan::parse(bad, id), Err(BadPlan), "{bad}");
        }
    }
}
