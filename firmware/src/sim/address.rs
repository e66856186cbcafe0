//! [`BoardAddress`]: the board's IPv4 address as its network has it now, for those who report
//! it (`GET /info`). On host sockets it is 127.0.0.1 for good; on TAP the network thread sets
//! it whenever the stack's address changes (DHCP, the fallback, a lost lease: 0.0.0.0 while
//! there is none).

use std::net::Ipv4Addr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

/// A shared handle to the board's address.
#[derive(Clone, Debug)]
pub struct BoardAddress(Arc<AtomicU32>);

impl BoardAddress {
    /// An address that is `address` until [`set`](Self::set).
    pub fn new(address: Ipv4Addr) -> BoardAddress {
        BoardAddress(Arc::new(AtomicU32::new(address.to_bits())))
    }

    /// The address now.
    pub fn get(&self) -> Ipv4Addr {
        Ipv4Addr::from_bits(self.0.load(Ordering::Relaxed))
    }

    /// The network has a new address (0.0.0.0: none).
    pub fn set(&self, address: Ipv4Addr) {
        self.0.store(address.to_bits(), Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_handle_sees_the_last_address_set() {
        let a = BoardAddress::new(Ipv4Addr::LOCALHOST);
        let b = a.clone();
        assert_eq!(b.get(), Ipv4Addr::LOCALHOST);
        a.set(Ipv4Addr::new(10, 77, 0, 2));
        assert_eq!(b.get(), Ipv4Addr::new(10, 77, 0, 2));
    }
}
