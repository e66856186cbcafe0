//! The REPL seam: the board's one REPL session, shared by every terminal.

/// The board's REPL session as a WebREPL client sees it: bytes in, bytes out, and Ctrl-C.
///
/// The board owns the REPL (friendly, raw and raw-paste modes) and fans its output out to every
/// attached terminal (the console and the WebREPL client). The server attaches after a
/// successful login and detaches when the client goes, so output produced with no WebREPL
/// client is not queued for one.
#[allow(
    async_fn_in_trait,
    reason = "the board's executor is single-threaded (embassy style)"
)]
pub trait ReplSession {
    /// A WebREPL client logged in: deliver output to it from now on.
    fn attach(&self);
    /// The WebREPL client left: stop delivering output to it and drop what is queued.
    fn detach(&self);
    /// Keys the client typed (text frames), in order. Ctrl-C (0x03) is among them as on the
    /// console; [`ReplSession::interrupt`] was called for it first.
    async fn input(&self, bytes: &[u8]);
    /// Waits for output for the WebREPL client, copies up to `buf.len()` bytes into `buf` and
    /// returns how many (more than 0).
    ///
    /// Must be cancel-safe: the server waits on this and on the socket at once, and drops
    /// this future when a frame arrives first; no output may be lost then.
    async fn output(&self, buf: &mut [u8]) -> usize;
    /// Ctrl-C arrived: interrupt the running program (the VM's interrupt signal), as Ctrl-C
    /// on the console does.
    fn interrupt(&self);
}
