//! `mote-ota`: signed firmware images and A/B slots.
//!
//! Will hold the signed image format, verification while an image streams in, and the
//! update / confirm / rollback state machine over two flash slots. It will know nothing of HTTP
//! and depend on no other mote crate.
//!
//! Work on this crate has not started; it holds no functionality yet.
#![no_std]
