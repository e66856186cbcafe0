//! Packets on the wire that are ours to parse and build (smoltcp style: a checked view over
//! bytes, named field offsets, a parsed form that emits itself).

pub mod discovery;
