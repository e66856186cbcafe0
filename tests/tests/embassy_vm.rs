//! The VM inside an embassy executor on the host: a Rust task ticking every millisecond keeps
//! ticking while Python computes in `while True`, and an interrupt from Rust stops the loop
//! with `KeyboardInterrupt`.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use embassy_executor::Executor;
use embassy_time::{Instant, Ticker};
use mote_tests::embassy_runner;
use mote_vm::source::Mode;
use mote_vm::std_host::{InterruptHandle, StdHost};
use mote_vm::{Config, Outcome, Vm};

static TICKS: AtomicU32 = AtomicU32::new(0);
static MAX_LATE_US: AtomicU32 = AtomicU32::new(0);

#[embassy_executor::task]
async fn ticker() {
    let mut ticker = Ticker::every(embassy_time::Duration::from_millis(1));
    let mut expected = Instant::now();
    loop {
        expected += embassy_time::Duration::from_millis(1);
        ticker.next().await;
        let late = Instant::now()
            .saturating_duration_since(expected)
            .as_micros() as u32;
        MAX_LATE_US.fetch_max(late, Ordering::Relaxed);
        TICKS.fetch_add(1, Ordering::Relaxed);
    }
}

#[embassy_executor::task]
async fn python(
    done: mpsc::Sender<(Outcome, String, String, u32)>,
    handle_tx: mpsc::Sender<InterruptHandle>,
) {
    let host = StdHost::capturing();
    let _ = handle_tx.send(host.interrupt_handle());
    let mut vm = Vm::new(Config::default(), host).expect("the VM starts");
    let started = vm.start("x = 0\nwhile True:\n    x += 1\n", "<spin>", Mode::Exec);
    assert!(started.is_none(), "compiles");
    let outcome = embassy_runner::run(&mut vm).await;
    let ticks = TICKS.load(Ordering::Relaxed);
    // The loop really ran: `x` counted far.
    vm.run_source("print(x > 1000)\n", "<check>");
    let host = vm.host_mut();
    let stdout = String::from_utf8_lossy(&host.take_stdout()).into_owned();
    let stderr = String::from_utf8_lossy(&host.take_stderr()).into_owned();
    let _ = done.send((outcome, stdout, stderr, ticks));
}

#[test]
fn rust_ticks_go_on_while_python_spins_and_an_interrupt_stops_it() {
    let (done_tx, done_rx) = mpsc::channel();
    let (handle_tx, handle_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let executor: &'static mut Executor = Box::leak(Box::new(Executor::new()));
        executor.run(|spawner| {
            spawner.spawn(ticker().expect("ticker task"));
            spawner.spawn(python(done_tx, handle_tx).expect("python task"));
        });
    });
    let handle = handle_rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the VM task started");
    std::thread::sleep(Duration::from_millis(400));
    let ticks_before = TICKS.load(Ordering::Relaxed);
    handle.interrupt();
    let (outcome, stdout, stderr, ticks) = done_rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the program stopped after the interrupt");
    assert_eq!(outcome, Outcome::Exception, "{stderr}");
    assert!(stderr.ends_with("KeyboardInterrupt\n"), "{stderr}");
    assert_eq!(stdout, "True\n", "Python ran meanwhile");
    // 400 ms of a 1 ms ticker: generous for a loaded machine, but it does not tick at all if the
    // VM never yields.
    assert!(ticks_before >= 100, "only {ticks_before} ticks in 400 ms");
    assert!(ticks >= ticks_before);
}

static TICKS_2: AtomicU32 = AtomicU32::new(0);

#[embassy_executor::task]
async fn ticker_2() {
    let mut ticker = Ticker::every(embassy_time::Duration::from_millis(1));
    loop {
        ticker.next().await;
        TICKS_2.fetch_add(1, Ordering::Relaxed);
    }
}

#[embassy_executor::task]
async fn python_blocking(port: u16, done: mpsc::Sender<(Outcome, String, String, u32, u32)>) {
    let mut vm = Vm::new(Config::default(), StdHost::capturing()).expect("the VM starts");
    let src = format!(
        "import socket, select, time\n\
         s = socket.socket()\n\
         s.connect(('127.0.0.1', {port}))\n\
         print(s.recv(100))\n\
         p = select.poll()\n\
         p.register(s, select.POLLIN)\n\
         print(len(p.poll(200)))\n\
         time.sleep(0.2)\n\
         s.close()\n"
    );
    assert!(vm.start(&src, "<blocking>", Mode::Exec).is_none());
    let before = TICKS_2.load(Ordering::Relaxed);
    let outcome = embassy_runner::run(&mut vm).await;
    let after = TICKS_2.load(Ordering::Relaxed);
    let host = vm.host_mut();
    let stdout = String::from_utf8_lossy(&host.take_stdout()).into_owned();
    let stderr = String::from_utf8_lossy(&host.take_stderr()).into_owned();
    let _ = done.send((outcome, stdout, stderr, before, after));
}

#[test]
fn blocking_socket_and_sleep_calls_let_other_tasks_run() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let server = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().expect("accept");
        std::thread::sleep(Duration::from_millis(300));
        std::io::Write::write_all(&mut conn, b"late reply").expect("write");
        std::thread::sleep(Duration::from_millis(600));
    });
    let (done_tx, done_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let executor: &'static mut Executor = Box::leak(Box::new(Executor::new()));
        executor.run(|spawner| {
            spawner.spawn(ticker_2().expect("ticker task"));
            spawner.spawn(python_blocking(port, done_tx).expect("python task"));
        });
    });
    let (outcome, stdout, stderr, before, after) = done_rx
        .recv_timeout(Duration::from_secs(20))
        .expect("the program ended");
    server.join().expect("server thread");
    assert_eq!(outcome, Outcome::Ok, "{stderr}");
    assert_eq!(stdout, "b'late reply'\n0\n");
    // The program blocked about 0.3 s in recv, 0.2 s in poll and 0.2 s in sleep; a ticker
    // that could not run meanwhile would show (almost) no ticks.
    assert!(after - before >= 300, "only {} ticks", after - before);
}
