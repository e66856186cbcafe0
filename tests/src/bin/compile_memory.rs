//! `compile-memory`: peak memory the compiler allocates (outside the Python heap) for sources
//! of about 1 KB, 20 KB, 200 KB and 2 MB of module code, and 200 KB of other shapes, measured
//! by a counting global allocator.
//!
//! ```text
//! cargo run --release -p mote-tests --bin compile-memory
//! ```
//!
//! The sources are ordinary module code (functions, a class, loops, calls, string and number
//! constants) repeated with fresh names. Each row prints the source size, the peak bytes live
//! during `mote_vm::compile::compile` above what was live before it, that peak as a multiple of
//! the source size, the size of the code object it returns, and
//! `mote_vm::compile::peak_memory_estimate` (what `Vm::set_compile_budget` compares with the
//! budget), which must bound the peak: the run fails if it does not.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts live bytes and their high-water mark.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; the counters only observe.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is passed on as is.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract for `realloc` is passed on as is.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            let live = LIVE.fetch_add(new_size, Ordering::Relaxed) + new_size;
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One block of ordinary module code, its names made unique by `n`.
fn block(n: usize) -> String {
    format!(
        r#"
def handler_{n}(request, retries=3, *args, **kwargs):
    """Handle one request, retrying a few times."""
    total = 0
    for i in range(retries):
        if request.get("kind") == "sensor_{n}" and i % 2 == 0:
            total += i * {n} + len(args)
        elif not kwargs:
            total -= 1
        else:
            total = max(total, sum(v for v in kwargs.values() if v))
    return {{"id": {n}, "total": total, "name": "handler_{n}"}}


class Device{n}:
    interval = {n}.5

    def __init__(self, pin):
        self.pin = pin
        self.readings = [x * x for x in range(8)]

    def read(self):
        try:
            return self.pin.value() + self.readings[-1]
        except (ValueError, OSError) as e:
            print("read failed:", e)
            return None
"#
    )
}

/// Other shapes of source, one repeated line each, for the worst ratio: dense literals, many
/// short statements, long strings, calls.
const SHAPES: [(&str, &str); 4] = [
    (
        "int list",
        "x = [1,2,3,4,5,6,7,8,9,0,1,2,3,4,5,6,7,8,9,0,1,2,3,4,5,6,7,8,9,0]\n",
    ),
    ("statements", "a=1\nb=a\nc=b+a\n"),
    (
        "strings",
        "s = 'a fairly long string constant of text, as in a web page template'\n",
    ),
    ("calls", "f(a, b, c=d, *e, **g)[0].h(i)\n"),
];

fn measure(label: &str, source: &str) {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let code = mote_vm::compile::compile(source, "<bench>", mote_vm::compile::Mode::Exec);
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let after = LIVE.load(Ordering::Relaxed) - before;
    assert!(code.is_ok(), "the benchmark source compiles");
    let estimate = mote_vm::compile::peak_memory_estimate(source);
    println!(
        "{label:>12} {:>10} {:>12} {:>7.1}x {:>12} {:>12}",
        source.len(),
        peak,
        peak as f64 / source.len() as f64,
        after,
        estimate
    );
    assert!(peak <= estimate, "the estimate bounds the peak");
}

fn main() {
    println!(
        "{:>12} {:>10} {:>12} {:>8} {:>12} {:>12}",
        "shape", "source", "peak bytes", "ratio", "code bytes", "estimate"
    );
    for target in [1_000usize, 20_000, 200_000, 2_000_000] {
        let mut source = String::new();
        let mut n = 0;
        while source.len() < target {
            source.push_str(&block(n));
            n += 1;
        }
        measure("module", &source);
    }
    for (label, line) in SHAPES {
        measure(label, &line.repeat(200_000 / line.len()));
    }
    println!();
    println!("before module sources compiled one top-level statement at a time (a3d359c):");
    for (source, peak) in BEFORE {
        println!(
            "{:>12} {source:>10} {peak:>12} {:>7.1}x",
            "module",
            peak as f64 / source as f64
        );
    }
}

/// The module rows measured by this program when the whole module's tree and symbol table
/// were built before any code (commit a3d359c), for comparison: `(source bytes, peak bytes)`.
const BEFORE: [(usize, usize); 4] = [
    (1_540, 70_241),
    (20_132, 867_902),
    (200_718, 8_579_909),
    (2_000_579, 83_469_078),
];
