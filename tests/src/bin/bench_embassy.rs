//! `bench_embassy`: how late a 1 ms Rust task ticks while the VM computes beside it in the
//! same embassy executor (platform-std), against the same ticker with nothing beside it.
//!
//! ```text
//! cargo run --release -p mote-tests --bin bench_embassy [-- SECONDS]
//! ```
//!
//! Phase 1 runs the ticker alone for SECONDS (default 2); phase 2 runs it beside the VM running
//! `while True: x += 1` (polled with `embassy_runner::FUEL`) for SECONDS, then interrupts the
//! VM from Rust. Each phase prints the tick lateness p50/p99/max in microseconds and the ticks
//! counted; the VM's iterations show it made progress.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{mpsc, Mutex};

use embassy_executor::{Executor, Spawner};
use embassy_time::{Duration, Instant, Ticker, Timer};
use mote_tests::embassy_runner;
use mote_vm::source::Mode;
use mote_vm::std_host::{InterruptHandle, StdHost};
use mote_vm::{Config, Vm};

static LATE_US: Mutex<Vec<u32>> = Mutex::new(Vec::new());
static ITERATIONS: AtomicU32 = AtomicU32::new(0);

#[embassy_executor::task]
async fn ticker() {
    let period = Duration::from_millis(1);
    // The ticker's k-th tick is due at start + k periods (it catches up after a late tick, so
    // the grid never shifts).
    let start = Instant::now();
    let mut ticker = Ticker::every(period);
    let mut k: u64 = 0;
    loop {
        k += 1;
        ticker.next().await;
        let due = start + period * k as u32;
        let late = Instant::now().saturating_duration_since(due).as_micros();
        if let Ok(mut v) = LATE_US.lock() {
            v.push(late.min(u64::from(u32::MAX)) as u32);
        }
    }
}

#[embassy_executor::task]
async fn python(handle_tx: mpsc::Sender<InterruptHandle>) {
    let host = StdHost::capturing();
    let _ = handle_tx.send(host.interrupt_handle());
    let Ok(mut vm) = Vm::new(Config::default(), host) else {
        return;
    };
    if vm
        .start("x = 0\nwhile True:\n    x += 1\n", "<spin>", Mode::Exec)
        .is_some()
    {
        return;
    }
    embassy_runner::run(&mut vm).await;
    vm.run_source("import sys\nsys.stdout.write(str(x))\n", "<x>");
    let out = vm.host_mut().take_stdout();
    let x: u32 = String::from_utf8_lossy(&out).trim().parse().unwrap_or(0);
    ITERATIONS.store(x, Ordering::SeqCst);
}

fn take_samples() -> Vec<u32> {
    LATE_US
        .lock()
        .map(|mut v| std::mem::take(&mut *v))
        .unwrap_or_default()
}

#[embassy_executor::task]
async fn controller(spawner: Spawner, seconds: u64, done: mpsc::Sender<(Vec<u32>, Vec<u32>)>) {
    Timer::after(Duration::from_millis(100)).await;
    take_samples();
    Timer::after(Duration::from_secs(seconds)).await;
    let alone = take_samples();
    let (handle_tx, handle_rx) = mpsc::channel();
    if let Ok(token) = python(handle_tx) {
        spawner.spawn(token);
    }
    Timer::after(Duration::from_secs(seconds)).await;
    let beside = take_samples();
    if let Ok(handle) = handle_rx.try_recv() {
        handle.interrupt();
    }
    Timer::after(Duration::from_millis(200)).await;
    let _ = done.send((alone, beside));
}

fn report(name: &str, mut late: Vec<u32>, seconds: u64) {
    late.sort_unstable();
    let at = |q: f64| {
        late.get(((late.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or(0)
    };
    println!(
        "{name:<22} ticks {:>6} ({:>5.0}/s)  late p50 {:>5} us  p99 {:>5} us  max {:>6} us",
        late.len(),
        late.len() as f64 / seconds as f64,
        at(0.5),
        at(0.99),
        late.last().copied().unwrap_or(0)
    );
}

fn main() {
    let seconds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(2);
    let (done_tx, done_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let executor: &'static mut Executor = Box::leak(Box::new(Executor::new()));
        executor.run(|spawner| {
            if let Ok(t) = ticker() {
                spawner.spawn(t);
            }
            if let Ok(t) = controller(spawner, seconds, done_tx) {
                spawner.spawn(t);
            }
        });
    });
    let Ok((alone, beside)) = done_rx.recv() else {
        eprintln!("bench_embassy: the executor stopped");
        std::process::exit(1);
    };
    println!(
        "1 ms embassy ticker, {seconds} s per phase, fuel {} per poll",
        embassy_runner::FUEL
    );
    report("ticker alone", alone, seconds);
    report("beside VM while-loop", beside, seconds);
    println!(
        "VM loop iterations meanwhile: {}",
        ITERATIONS.load(Ordering::SeqCst)
    );
}
