//! Waiting without spinning: `time.sleep` sleeps the thread (no CPU), and an interrupt (Ctrl-C)
//! ends any wait at once with `KeyboardInterrupt`, in the outermost loop and in nested ones.

use std::time::{Duration, Instant};

use mote_vm::std_host::StdHost;
use mote_vm::{Config, Outcome, Vm};

fn vm() -> Vm<StdHost> {
    Vm::new(Config::default(), StdHost::capturing()).expect("the VM starts")
}

fn run(vm: &mut Vm<StdHost>, source: &str) -> (Outcome, String, String) {
    let outcome = vm.run_source(source, "<test>");
    let host = vm.host_mut();
    let stdout = String::from_utf8_lossy(&host.take_stdout()).into_owned();
    let stderr = String::from_utf8_lossy(&host.take_stderr()).into_owned();
    (outcome, stdout, stderr)
}

/// Runs `source`, interrupting it after `after`; returns the result and the time it took.
fn run_interrupted(source: &str, after: Duration) -> ((Outcome, String, String), Duration) {
    let mut vm = vm();
    let handle = vm.host().interrupt_handle();
    let trigger = std::thread::spawn(move || {
        std::thread::sleep(after);
        handle.interrupt();
    });
    let start = Instant::now();
    let r = run(&mut vm, source);
    let took = start.elapsed();
    trigger.join().expect("trigger thread");
    (r, took)
}

/// CPU time used by the calling thread.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec for clock_gettime to fill.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0);
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

#[test]
fn a_long_sleep_ends_at_once_on_interrupt() {
    let src =
        "import time\ntry:\n    time.sleep(30)\nexcept KeyboardInterrupt:\n    print('caught')\n";
    let ((outcome, stdout, stderr), took) = run_interrupted(src, Duration::from_millis(200));
    assert_eq!(outcome, Outcome::Ok, "{stderr}");
    assert_eq!(stdout, "caught\n");
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn a_sleeping_loop_stops_with_a_traceback() {
    let src = "import time\nwhile True:\n    time.sleep(5)\n";
    let ((outcome, _, stderr), took) = run_interrupted(src, Duration::from_millis(200));
    assert_eq!(outcome, Outcome::Exception);
    assert!(stderr.contains("line 3"), "{stderr}");
    assert!(stderr.ends_with("KeyboardInterrupt\n"), "{stderr}");
    assert!(took < Duration::from_secs(4), "took {took:?}");
}

#[test]
fn a_sleep_in_a_nested_loop_ends_at_once_on_interrupt() {
    // `repr()` runs `__repr__` in a nested interpreter loop, where a sleep blocks.
    let src = "import time\nclass A:\n    def __repr__(self):\n        time.sleep(30)\n        return 'a'\ntry:\n    repr(A())\nexcept KeyboardInterrupt:\n    print('caught nested')\n";
    let ((outcome, stdout, stderr), took) = run_interrupted(src, Duration::from_millis(200));
    assert_eq!(outcome, Outcome::Ok, "{stderr}");
    assert_eq!(stdout, "caught nested\n");
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn sleeping_uses_no_cpu() {
    let mut vm = vm();
    let cpu = thread_cpu();
    let start = Instant::now();
    let (outcome, _, stderr) = run(
        &mut vm,
        "import time\ntime.sleep(0.3)\nclass A:\n    def __repr__(self):\n        time.sleep(0.3)\n        return 'a'\nrepr(A())\n",
    );
    assert_eq!(outcome, Outcome::Ok, "{stderr}");
    assert!(start.elapsed() >= Duration::from_millis(600));
    let used = thread_cpu() - cpu;
    assert!(
        used < Duration::from_millis(60),
        "0.6 s of sleep used {used:?} of CPU"
    );
}

#[test]
fn an_interrupt_before_the_wait_is_not_lost() {
    let mut vm = vm();
    vm.host().interrupt_handle().interrupt();
    let (outcome, _, stderr) = run(&mut vm, "import time\ntime.sleep(30)\n");
    assert_eq!(outcome, Outcome::Exception);
    assert!(stderr.ends_with("KeyboardInterrupt\n"), "{stderr}");
}
