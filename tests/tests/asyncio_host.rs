//! asyncio and sockets against the host: Rust servers, signals and interrupts from Rust
//! threads, errors reported on stderr.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
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

/// A Rust line server on loopback: answers each line with it upper-cased, `n` connections.
fn rust_upper_server(n: usize) -> (u16, std::thread::JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let server = std::thread::spawn(move || {
        let mut seen = Vec::new();
        for _ in 0..n {
            let (stream, _) = listener.accept().expect("accept");
            let mut out = stream.try_clone().expect("clone");
            for line in BufReader::new(stream).lines() {
                let line = line.expect("line");
                seen.push(line.clone());
                out.write_all(format!("{}\n", line.to_uppercase()).as_bytes())
                    .expect("write");
            }
        }
        seen
    });
    (port, server)
}

#[test]
fn python_clients_talk_to_a_rust_tcp_server() {
    let (port, server) = rust_upper_server(2);
    let src = format!(
        "import asyncio, socket\n\
         async def main():\n    \
             r, w = await asyncio.open_connection('127.0.0.1', {port})\n    \
             for word in ('hello', 'from', 'asyncio'):\n        \
                 w.write(word.encode() + b'\\n')\n        \
                 await w.drain()\n        \
                 print((await r.readline()).decode().strip())\n    \
             w.close()\n    \
             await w.wait_closed()\n\
         asyncio.run(main())\n\
         s = socket.socket()\n\
         s.connect(('127.0.0.1', {port}))\n\
         s.sendall(b'blocking socket\\n')\n\
         print(s.makefile('rb').readline())\n\
         s.close()\n"
    );
    let mut vm = vm();
    let (outcome, stdout, stderr) = run(&mut vm, &src);
    assert_eq!(outcome, Outcome::Ok, "{stderr}");
    assert_eq!(stdout, "HELLO\nFROM\nASYNCIO\nb'BLOCKING SOCKET\\n'\n");
    let seen = server.join().expect("server thread");
    assert_eq!(seen, ["hello", "from", "asyncio", "blocking socket"]);
}

#[test]
fn an_exception_in_a_task_nobody_awaits_is_printed_and_the_loop_goes_on() {
    let src = "import asyncio\n\
               async def bad():\n    \
                   await asyncio.sleep(0)\n    \
                   1 / 0\n\
               async def main():\n    \
                   asyncio.create_task(bad())\n    \
                   for i in range(3):\n        \
                       await asyncio.sleep(0.01)\n        \
                       print('tick', i)\n\
               asyncio.run(main())\n\
               print('after')\n";
    let mut vm = vm();
    let (outcome, stdout, stderr) = run(&mut vm, src);
    assert_eq!(outcome, Outcome::Ok, "{stderr}");
    assert_eq!(stdout, "tick 0\ntick 1\ntick 2\nafter\n");
    assert!(
        stderr.starts_with("Task exception wasn't retrieved\n"),
        "{stderr}"
    );
    assert!(stderr.contains("in bad\n"), "{stderr}");
    assert!(
        stderr.ends_with("ZeroDivisionError: division by zero\n"),
        "{stderr}"
    );
}

#[test]
fn asyncio_run_propagates_the_exception_with_its_traceback() {
    let src = "import asyncio\n\
               async def inner():\n    \
                   await asyncio.sleep(0)\n    \
                   raise ValueError('from inner')\n\
               async def main():\n    \
                   await inner()\n\
               asyncio.run(main())\n";
    let mut vm = vm();
    let (outcome, _, stderr) = run(&mut vm, src);
    assert_eq!(outcome, Outcome::Exception);
    assert!(stderr.contains("line 7, in <module>"), "{stderr}");
    assert!(stderr.contains("line 6, in main"), "{stderr}");
    assert!(stderr.contains("line 4, in inner"), "{stderr}");
    assert!(stderr.ends_with("ValueError: from inner\n"), "{stderr}");
}

#[test]
fn rust_sets_a_thread_safe_flag_while_asyncio_sleeps() {
    let mut vm = vm();
    let handle = vm.host().interrupt_handle();
    let setter = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        handle.signal(1);
    });
    let src = "import asyncio\n\
               async def main():\n    \
                   other = asyncio.ThreadSafeFlag()\n    \
                   flag = asyncio.ThreadSafeFlag()\n    \
                   await asyncio.wait_for(flag.wait(), 5)\n    \
                   print('flag 1 set', other._flag)\n\
               asyncio.run(main())\n";
    let cpu = thread_cpu();
    let start = Instant::now();
    let (outcome, stdout, stderr) = run(&mut vm, src);
    setter.join().expect("setter");
    assert_eq!(outcome, Outcome::Ok, "{stderr}");
    assert_eq!(stdout, "flag 1 set False\n");
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "{:?}",
        start.elapsed()
    );
    assert!(
        thread_cpu() - cpu < Duration::from_millis(150),
        "waiting used CPU"
    );
}

#[test]
fn ctrl_c_stops_asyncio_sleep_at_once_without_using_cpu() {
    let mut vm = vm();
    let handle = vm.host().interrupt_handle();
    let trigger = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        handle.interrupt();
    });
    let src = "import asyncio\n\
               async def main():\n    \
                   try:\n        \
                       await asyncio.sleep(10)\n    \
                   finally:\n        \
                       print('finally ran')\n\
               asyncio.run(main())\n";
    let cpu = thread_cpu();
    let start = Instant::now();
    let (outcome, stdout, stderr) = run(&mut vm, src);
    trigger.join().expect("trigger");
    assert_eq!(outcome, Outcome::Exception);
    assert!(stderr.ends_with("KeyboardInterrupt\n"), "{stderr}");
    assert_eq!(stdout, "finally ran\n");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert!(
        thread_cpu() - cpu < Duration::from_millis(150),
        "sleeping used CPU"
    );
}

#[test]
fn a_connect_that_times_out_is_an_oserror() {
    // A listener that never accepts, with its backlog full, leaves further connects pending.
    let src = "import socket\n\
               srv = socket.socket()\n\
               srv.bind(('127.0.0.1', 0))\n\
               srv.listen(0)\n\
               addr = srv.getsockname()\n\
               held = []\n\
               try:\n    \
                   for i in range(64):\n        \
                       c = socket.socket()\n        \
                       c.settimeout(0.05)\n        \
                       held.append(c)\n        \
                       c.connect(addr)\n    \
                   print('never timed out')\n\
               except OSError as e:\n    \
                   print(type(e).__name__, isinstance(e, OSError))\n";
    let mut vm = vm();
    let (outcome, stdout, stderr) = run(&mut vm, src);
    assert_eq!(outcome, Outcome::Ok, "{stderr}");
    assert_eq!(stdout, "TimeoutError True\n");
}
