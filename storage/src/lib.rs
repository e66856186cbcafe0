//! `mote-storage`: a power-loss-safe log-structured filesystem on NOR flash, built on
//! `sequential-storage`. It depends on no other mote crate.
//!
//! Work on this crate is starting; it holds no functionality yet.
#![no_std]
