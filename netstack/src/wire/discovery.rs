//! The discovery protocol on the wire: one UDP datagram asks, one answers.
//!
//! A host sends a *query* to UDP port [`PORT`] (multicast to [`GROUP`], broadcast, or unicast to
//! one address); every board that hears it sends an *answer* back to the query's source address
//! and port. All integers are big-endian.
//!
//! ```text
//! query and answer header (10 bytes)
//!  0      4        5     6        10
//!  +------+--------+-----+--------+
//!  | MOTE | version| kind| token  |     kind: 1 query, 2 answer; token: echoed by the answer
//!  +------+--------+-----+--------+
//! answer body
//!  10         16        20     22       26         27             27+n       28+n
//!  +----------+---------+------+--------+----------+--------------+----------+-----------+
//!  | unique id| address | port | uptime | name len | name (UTF-8) | fw len   | fw version|
//!  +----------+---------+------+--------+----------+--------------+----------+-----------+
//! ```
//!
//! `address` is the board's IPv4 address as the board sees it, `port` the TCP port of its
//! servers (WebREPL/HTTP), `uptime` whole seconds since power-on. A query may carry bytes after
//! the header (later versions); they are ignored. An answer's name and version are UTF-8 of at
//! most [`MAX_TEXT`] bytes.

use core::fmt;

/// The UDP port boards listen on for queries.
pub const PORT: u16 = 8267;
/// The IPv4 multicast group queries are sent to (organisation-local scope).
pub const GROUP: [u8; 4] = [239, 255, 82, 67];
/// The first four bytes of every packet.
pub const MAGIC: [u8; 4] = *b"MOTE";
/// The protocol version this code speaks.
pub const VERSION: u8 = 1;
/// The longest name or firmware version an answer carries.
pub const MAX_TEXT: usize = 63;
/// The longest answer: the fixed part and two texts of [`MAX_TEXT`] bytes.
pub const MAX_ANSWER_LEN: usize = field::NAME_LEN + 1 + MAX_TEXT + 1 + MAX_TEXT;

mod field {
    use core::ops::Range;
    pub const MAGIC: Range<usize> = 0..4;
    pub const VERSION: usize = 4;
    pub const KIND: usize = 5;
    pub const TOKEN: Range<usize> = 6..10;
    pub const HEADER_LEN: usize = 10;
    pub const UNIQUE_ID: Range<usize> = 10..16;
    pub const ADDRESS: Range<usize> = 16..20;
    pub const PORT: Range<usize> = 20..22;
    pub const UPTIME: Range<usize> = 22..26;
    pub const NAME_LEN: usize = 26;
    pub const NAME: usize = 27;
}

/// The length of a query.
pub const QUERY_LEN: usize = field::HEADER_LEN;

/// What a packet is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A host asks who is there.
    Query,
    /// A board answers.
    Answer,
}

impl Kind {
    fn to_byte(self) -> u8 {
        match self {
            Kind::Query => 1,
            Kind::Answer => 2,
        }
    }
}

/// Why a packet was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Error {
    /// Too short for its kind, or a length field points past the end.
    Truncated,
    /// Not a mote discovery packet (magic), or a version this code does not speak.
    NotDiscovery,
    /// An unknown kind byte.
    BadKind,
    /// A name or version that is not UTF-8, or longer than [`MAX_TEXT`].
    BadText,
    /// The buffer is too small for the packet to be written.
    BufferTooSmall,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Error::Truncated => "truncated packet",
            Error::NotDiscovery => "not a mote discovery packet",
            Error::BadKind => "unknown packet kind",
            Error::BadText => "name or version is not short UTF-8",
            Error::BufferTooSmall => "buffer too small",
        })
    }
}

/// A read-only view of a discovery packet over a byte buffer.
#[derive(Debug, Clone, Copy)]
pub struct Packet<T: AsRef<[u8]>> {
    buffer: T,
}

impl<T: AsRef<[u8]>> Packet<T> {
    /// Wrap `buffer` without checking it (accessors may panic on a short buffer: use
    /// [`Packet::new_checked`] for bytes from the network).
    pub const fn new_unchecked(buffer: T) -> Packet<T> {
        Packet { buffer }
    }

    /// Wrap `buffer` and check that every accessor stays within it.
    pub fn new_checked(buffer: T) -> Result<Packet<T>, Error> {
        let packet = Packet::new_unchecked(buffer);
        packet.check_len()?;
        Ok(packet)
    }

    /// Check the magic, version and kind, and that the fields of the kind are within the buffer.
    pub fn check_len(&self) -> Result<(), Error> {
        let data = self.buffer.as_ref();
        if data.len() < field::HEADER_LEN {
            return Err(Error::Truncated);
        }
        if data[field::MAGIC] != MAGIC || data[field::VERSION] != VERSION {
            return Err(Error::NotDiscovery);
        }
        match self.kind()? {
            Kind::Query => Ok(()),
            Kind::Answer => {
                let name_end = self.name_end()?;
                let fw_len = *data.get(name_end).ok_or(Error::Truncated)? as usize;
                if data.len() < name_end + 1 + fw_len {
                    return Err(Error::Truncated);
                }
                Ok(())
            }
        }
    }

    fn name_end(&self) -> Result<usize, Error> {
        let data = self.buffer.as_ref();
        let len = *data.get(field::NAME_LEN).ok_or(Error::Truncated)? as usize;
        let end = field::NAME + len;
        if data.len() < end {
            return Err(Error::Truncated);
        }
        Ok(end)
    }

    /// The packet's kind.
    pub fn kind(&self) -> Result<Kind, Error> {
        match self.buffer.as_ref()[field::KIND] {
            1 => Ok(Kind::Query),
            2 => Ok(Kind::Answer),
            _ => Err(Error::BadKind),
        }
    }

    /// The token the answer echoes.
    pub fn token(&self) -> u32 {
        be32(&self.buffer.as_ref()[field::TOKEN])
    }

    /// An answer's board unique id.
    pub fn unique_id(&self) -> [u8; 6] {
        let mut id = [0; 6];
        id.copy_from_slice(&self.buffer.as_ref()[field::UNIQUE_ID]);
        id
    }

    /// An answer's board address.
    pub fn address(&self) -> [u8; 4] {
        let mut ip = [0; 4];
        ip.copy_from_slice(&self.buffer.as_ref()[field::ADDRESS]);
        ip
    }

    /// An answer's server port.
    pub fn port(&self) -> u16 {
        let b = &self.buffer.as_ref()[field::PORT];
        u16::from_be_bytes([b[0], b[1]])
    }

    /// An answer's uptime in seconds.
    pub fn uptime_s(&self) -> u32 {
        be32(&self.buffer.as_ref()[field::UPTIME])
    }

    /// An answer's raw name bytes.
    pub fn name(&self) -> &[u8] {
        let data = self.buffer.as_ref();
        let len = data[field::NAME_LEN] as usize;
        &data[field::NAME..field::NAME + len]
    }

    /// An answer's raw firmware version bytes.
    pub fn firmware(&self) -> &[u8] {
        let data = self.buffer.as_ref();
        let start = field::NAME + data[field::NAME_LEN] as usize;
        let len = data[start] as usize;
        &data[start + 1..start + 1 + len]
    }
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

/// A query, parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Query {
    /// Chosen by the host to match answers to its query.
    pub token: u32,
}

impl Query {
    /// Parse a query (anything else is an error).
    pub fn parse(bytes: &[u8]) -> Result<Query, Error> {
        let packet = Packet::new_checked(bytes)?;
        match packet.kind()? {
            Kind::Query => Ok(Query {
                token: packet.token(),
            }),
            Kind::Answer => Err(Error::BadKind),
        }
    }

    /// Write the query into `buf`; the number of bytes written.
    pub fn emit(&self, buf: &mut [u8]) -> Result<usize, Error> {
        let header = buf
            .get_mut(..field::HEADER_LEN)
            .ok_or(Error::BufferTooSmall)?;
        emit_header(header, Kind::Query, self.token);
        Ok(field::HEADER_LEN)
    }
}

/// An answer, parsed: who the board is and where it serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Answer<'a> {
    /// The token of the query answered.
    pub token: u32,
    /// The board's unique id (`machine.unique_id()`).
    pub unique_id: [u8; 6],
    /// The board's IPv4 address.
    pub address: [u8; 4],
    /// The TCP port of its servers.
    pub port: u16,
    /// Seconds since power-on.
    pub uptime_s: u32,
    /// The board's name (`<name>.local` in mDNS).
    pub name: &'a str,
    /// The firmware version.
    pub firmware: &'a str,
}

impl<'a> Answer<'a> {
    /// Parse an answer (anything else is an error).
    pub fn parse(bytes: &'a [u8]) -> Result<Answer<'a>, Error> {
        let packet = Packet::new_checked(bytes)?;
        if packet.kind()? != Kind::Answer {
            return Err(Error::BadKind);
        }
        let text = |b: &'a [u8]| match core::str::from_utf8(b) {
            Ok(s) if s.len() <= MAX_TEXT => Ok(s),
            _ => Err(Error::BadText),
        };
        let packet = Packet::new_unchecked(bytes);
        Ok(Answer {
            token: packet.token(),
            unique_id: packet.unique_id(),
            address: packet.address(),
            port: packet.port(),
            uptime_s: packet.uptime_s(),
            name: text(packet_name(bytes))?,
            firmware: text(packet_firmware(bytes))?,
        })
    }

    /// The answer's length on the wire.
    pub fn len(&self) -> usize {
        field::NAME + self.name.len() + 1 + self.firmware.len()
    }

    /// Never: an answer has a fixed part (for clippy's `len_without_is_empty`).
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Write the answer into `buf`; the number of bytes written.
    pub fn emit(&self, buf: &mut [u8]) -> Result<usize, Error> {
        if self.name.len() > MAX_TEXT || self.firmware.len() > MAX_TEXT {
            return Err(Error::BadText);
        }
        let len = self.len();
        let buf = buf.get_mut(..len).ok_or(Error::BufferTooSmall)?;
        emit_header(buf, Kind::Answer, self.token);
        buf[field::UNIQUE_ID].copy_from_slice(&self.unique_id);
        buf[field::ADDRESS].copy_from_slice(&self.address);
        buf[field::PORT].copy_from_slice(&self.port.to_be_bytes());
        buf[field::UPTIME].copy_from_slice(&self.uptime_s.to_be_bytes());
        buf[field::NAME_LEN] = self.name.len() as u8;
        let name_end = field::NAME + self.name.len();
        buf[field::NAME..name_end].copy_from_slice(self.name.as_bytes());
        buf[name_end] = self.firmware.len() as u8;
        buf[name_end + 1..].copy_from_slice(self.firmware.as_bytes());
        Ok(len)
    }
}

// Borrow the texts for the whole input lifetime (the packet view borrows only itself).
fn packet_name(bytes: &[u8]) -> &[u8] {
    let len = bytes[field::NAME_LEN] as usize;
    &bytes[field::NAME..field::NAME + len]
}

fn packet_firmware(bytes: &[u8]) -> &[u8] {
    let start = field::NAME + bytes[field::NAME_LEN] as usize;
    let len = bytes[start] as usize;
    &bytes[start + 1..start + 1 + len]
}

fn emit_header(buf: &mut [u8], kind: Kind, token: u32) {
    buf[field::MAGIC].copy_from_slice(&MAGIC);
    buf[field::VERSION] = VERSION;
    buf[field::KIND] = kind.to_byte();
    buf[field::TOKEN].copy_from_slice(&token.to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Answer<'static> {
        Answer {
            token: 0xdead_beef,
            unique_id: [1, 2, 3, 4, 5, 6],
            address: [10, 0, 0, 7],
            port: 8266,
            uptime_s: 3600,
            name: "kitchen",
            firmware: "0.1.0",
        }
    }

    #[test]
    fn a_query_round_trips() {
        let mut buf = [0u8; 16];
        let n = Query { token: 42 }.emit(&mut buf).unwrap();
        assert_eq!(n, QUERY_LEN);
        assert_eq!(&buf[..4], b"MOTE");
        assert_eq!(Query::parse(&buf[..n]), Ok(Query { token: 42 }));
        // Bytes after the header (a later version's fields) are ignored.
        assert_eq!(Query::parse(&buf[..n + 3]), Ok(Query { token: 42 }));
    }

    #[test]
    fn an_answer_round_trips_with_its_fields_at_their_offsets() {
        let mut buf = [0u8; MAX_ANSWER_LEN];
        let a = sample();
        let n = a.emit(&mut buf).unwrap();
        assert_eq!(n, 27 + 7 + 1 + 5);
        assert_eq!(buf[5], 2);
        assert_eq!(&buf[16..20], &[10, 0, 0, 7]);
        assert_eq!(&buf[20..22], &8266u16.to_be_bytes());
        assert_eq!(Answer::parse(&buf[..n]), Ok(a));
    }

    #[test]
    fn every_truncation_of_an_answer_is_refused() {
        let mut buf = [0u8; MAX_ANSWER_LEN];
        let n = sample().emit(&mut buf).unwrap();
        for len in 0..n {
            assert!(Answer::parse(&buf[..len]).is_err(), "{len}");
        }
    }

    #[test]
    fn foreign_and_malformed_packets_are_refused() {
        assert_eq!(Query::parse(b""), Err(Error::Truncated));
        assert_eq!(Query::parse(b"NOPE\x01\x01abcd"), Err(Error::NotDiscovery));
        assert_eq!(Query::parse(b"MOTE\x09\x01abcd"), Err(Error::NotDiscovery));
        assert_eq!(Query::parse(b"MOTE\x01\x07abcd"), Err(Error::BadKind));
        let mut buf = [0u8; MAX_ANSWER_LEN];
        let n = sample().emit(&mut buf).unwrap();
        assert_eq!(Query::parse(&buf[..n]), Err(Error::BadKind));
        buf[27] = 0xff; // the name is no longer UTF-8
        assert_eq!(Answer::parse(&buf[..n]), Err(Error::BadText));
        buf[26] = 200; // the name length points past the end
        assert_eq!(Answer::parse(&buf[..n]), Err(Error::Truncated));
    }

    #[test]
    fn emit_refuses_small_buffers_and_long_texts() {
        let mut small = [0u8; 20];
        assert_eq!(sample().emit(&mut small), Err(Error::BufferTooSmall));
        assert_eq!(
            Query { token: 1 }.emit(&mut small[..9]),
            Err(Error::BufferTooSmall)
        );
        let long = [b'x'; 64];
        let a = Answer {
            name: core::str::from_utf8(&long).unwrap(),
            ..sample()
        };
        assert_eq!(a.emit(&mut [0u8; 256]), Err(Error::BadText));
    }
}
