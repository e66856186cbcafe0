//! Short scheduler slices for the board's threads that answer people and tools: the console
//! loop (the REPL and the VM) and the WebREPL's server.
//!
//! A REPL round trip over the WebREPL wakes three threads in turn (the server, the console
//! loop, the server again). On a host with more runnable threads than cores, Linux's EEVDF
//! scheduler lets a woken thread wait for the running one's slice (about 3 ms by default) unless
//! the woken thread asks for a shorter slice, which gives it an earlier deadline; measured on a
//! 2-core machine at load 10, round trips came in bursts of 2-8 ms (p99 2.1-5.4 ms) and with
//! slices of 0.1 ms p99 was under 0.1 ms in most runs. A thread's share of the processor is
//! unchanged (that is its weight, not its slice); the kernel takes the request unprivileged
//! since Linux 6.12 and ignores it before, so failure is silent.

/// The slice asked for: Linux's smallest custom slice.
const SLICE_NS: u64 = 100_000;

/// `struct sched_attr` (include/uapi/linux/sched/types.h) as its first version, 48 bytes.
#[repr(C)]
#[derive(Default)]
struct SchedAttr {
    size: u32,
    policy: u32,
    flags: u64,
    nice: i32,
    priority: u32,
    /// For `SCHED_OTHER` since Linux 6.12: the slice asked for.
    runtime: u64,
    deadline: u64,
    period: u64,
}

/// Asks the scheduler for short slices for the calling thread, keeping its policy and nice
/// value; nothing happens where the kernel does not offer it.
pub fn request_short_slice() {
    let Some(mut attr) = current() else {
        return;
    };
    if attr.policy != libc::SCHED_OTHER as u32 {
        return;
    }
    attr.runtime = SLICE_NS;
    // SAFETY: `sched_setattr(0, attr, 0)` only reads the `attr.size` bytes of `attr`.
    let _ = unsafe { libc::syscall(libc::SYS_sched_setattr, 0, &attr as *const SchedAttr, 0) };
}

/// The calling thread's scheduling attributes.
fn current() -> Option<SchedAttr> {
    let mut attr = SchedAttr::default();
    let size = core::mem::size_of::<SchedAttr>() as u32;
    // SAFETY: `sched_getattr(0, attr, size, 0)` writes at most `size` bytes into `attr`, a live
    // `repr(C)` value of that size laid out as the kernel's struct.
    let got = unsafe {
        libc::syscall(
            libc::SYS_sched_getattr,
            0,
            &mut attr as *mut SchedAttr,
            size,
            0,
        )
    };
    attr.size = size;
    (got == 0).then_some(attr)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the running kernel is at least `major.minor`.
    fn kernel_at_least(major: u32, minor: u32) -> bool {
        let release = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
        let mut parts = release
            .split(|c: char| !c.is_ascii_digit())
            .map(|n| n.parse::<u32>().unwrap_or(0));
        let found = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
        found >= (major, minor)
    }

    #[test]
    fn a_thread_gets_the_short_slice_where_the_kernel_offers_it() {
        let slice = std::thread::spawn(|| {
            request_short_slice();
            current().map(|attr| (attr.policy, attr.nice, attr.runtime))
        })
        .join()
        .unwrap();
        let Some((policy, nice, runtime)) = slice else {
            return;
        };
        assert_eq!(policy, libc::SCHED_OTHER as u32);
        assert_eq!(nice, current().map_or(0, |attr| attr.nice));
        if kernel_at_least(6, 12) {
            assert_eq!(runtime, SLICE_NS);
        }
    }
}
