//! End-to-end tests of `mote run` and `mote repl` as a user runs them.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn mote() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mote"));
    // The REPL keeps its history in $HOME; keep the tester's own out of reach.
    command.env("HOME", scratch_dir("home"));
    command
}

/// Starts `mote repl` with its three streams piped to the test.
fn spawn_repl() -> std::process::Child {
    mote()
        .arg("repl")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mote-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn run_prints_and_passes_arguments() {
    let dir = scratch_dir("args");
    let script = dir.join("hello.py");
    std::fs::write(&script, "import sys\nprint('hello', sys.argv[1:], 6 * 7)\n").unwrap();
    let out = mote()
        .arg("run")
        .arg(&script)
        .args(["a", "-b"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "hello ['a', '-b'] 42\n"
    );
}

#[test]
fn run_imports_modules_beside_the_script() {
    let dir = scratch_dir("import");
    std::fs::write(dir.join("helper.py"), "def twice(x):\n    return 2 * x\n").unwrap();
    std::fs::write(
        dir.join("main.py"),
        "import helper\nprint(helper.twice(21))\n",
    )
    .unwrap();
    let out = mote().arg("run").arg(dir.join("main.py")).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "42\n", "{out:?}");
}

#[test]
fn uncaught_exception_exits_1_with_a_traceback() {
    let out = mote()
        .args(["run", "-c", "def f():\n    1/0\nf()\n"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("Traceback (most recent call last):\n"),
        "{stderr}"
    );
    assert!(stderr.contains("line 2, in f"), "{stderr}");
    assert!(
        stderr.ends_with("ZeroDivisionError: division by zero\n"),
        "{stderr}"
    );
}

#[test]
fn sys_exit_sets_the_exit_status() {
    let out = mote()
        .args(["run", "-c", "import sys\nsys.exit(3)"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn small_heap_gives_memory_error() {
    let code = "try:\n    x = [0] * 100000\nexcept MemoryError:\n    print('MemoryError')\n";
    let out = mote()
        .args(["run", "--heap", "16k", "-c", code])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "MemoryError\n",
        "{out:?}"
    );
}

/// Issue 9, as a user runs it: `asyncio.run` of two tasks that sleep, gather and print, in
/// `mote run --heap 16k` (MicroPython does this in a 16 KiB heap).
#[test]
fn asyncio_gather_of_two_sleeping_tasks_runs_in_mote_run_heap_16k() {
    let code = "import asyncio\n\
                async def worker(name, d):\n    await asyncio.sleep(d)\n    print(name, 'done')\n    return name\n\
                async def main():\n    print(await asyncio.gather(worker('a', 0.02), worker('b', 0.01)))\n\
                asyncio.run(main())\n";
    let out = mote()
        .args(["run", "--heap", "16k", "-c", code])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "b done\na done\n['a', 'b']\n",
        "{out:?}"
    );
}

/// Issue 17, as a user does it: in `mote repl --heap 16k`, paste (Ctrl-E) a program whose
/// `asyncio.run` gathers two sleeping tasks, type a REPL line, and at least 8 KiB of the heap
/// is still free after `gc.collect()` (MicroPython runs the REPL and asyncio in 16 KiB).
#[test]
fn repl_in_a_16k_heap_runs_asyncio_and_keeps_8k_free() {
    let mut child = mote()
        .args(["repl", "--heap", "16k"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(
            b"\x05import asyncio, gc\n\
              async def worker(name, d):\n    await asyncio.sleep(d)\n    print(name, 'done')\n    return name\n\
              async def main():\n    print(await asyncio.gather(worker('a', 0.02), worker('b', 0.01)))\n\
              asyncio.run(main())\n\x04\
              squares = [i * i for i in range(10)]; print('sum', sum(squares))\n\
              gc.collect(); print('free', gc.mem_free())\n",
        )
        .unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    let lines: Vec<&str> = stdout.lines().collect();
    for expected in ["b done", "a done", "['a', 'b']", "sum 285"] {
        assert!(lines.contains(&expected), "no {expected:?} in {stdout}");
    }
    let free: usize = lines
        .iter()
        .find_map(|l| l.strip_prefix("free "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no free figure in {stdout}"));
    assert!(free >= 8 * 1024, "{free} B free of 16 KiB: {stdout}");
}

#[test]
fn repl_echoes_results_and_continues_blocks() {
    let mut child = spawn_repl();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"1 + 2\nfor i in range(3):\n    print(i * 10)\n\nx = [1,\n 2]\nx\n")
        .unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    let lines: Vec<&str> = stdout
        .lines()
        .map(|l| l.trim_start_matches(['>', '.', ' ']))
        .collect();
    for expected in ["3", "0", "10", "20", "[1, 2]"] {
        assert!(lines.contains(&expected), "missing {expected} in {stdout}");
    }
}

#[test]
fn repl_survives_errors_and_deep_recursion() {
    let mut child = spawn_repl();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"def f(): f()\n\nf()\nprint('still', 'here')\n")
        .unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    // As on a board's console, tracebacks go to the terminal with the rest.
    assert!(
        stdout.contains("RecursionError: maximum recursion depth exceeded"),
        "{stdout}"
    );
    assert!(stdout.contains("still here"), "{stdout}");
}

#[test]
fn ctrl_c_interrupts_a_running_loop_and_the_repl_goes_on() {
    let mut child = spawn_repl();
    let mut stdin = child.stdin.take().unwrap();
    // The empty line ends the compound statement, as at MicroPython's prompt.
    stdin.write_all(b"while True: pass\n\n").unwrap();
    stdin.flush().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    stdin.write_all(b"print('after', 1 + 1)\n").unwrap();
    drop(stdin);
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        assert!(
            Instant::now() < deadline,
            "mote repl did not stop after the loop was interrupted"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut stdout = String::new();
    let mut stderr = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(stderr.is_empty(), "stderr: {stderr}");
    assert!(stdout.contains("KeyboardInterrupt"), "stdout: {stdout}");
    assert!(stdout.contains("after 2"), "stdout: {stdout}");
}

#[test]
fn run_explains_bad_targets_and_reads_stdin() {
    let dir = scratch_dir("targets");
    let out = mote().arg("run").arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Is a directory"),
        "{out:?}"
    );
    let out = mote().args(["run", "/no/such/file.py"]).output().unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("No such file or directory"),
        "{out:?}"
    );
    let mut child = mote()
        .args(["run", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"print('piped', 6 * 7)\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "piped 42\n");
}

#[test]
fn too_small_heap_says_the_minimum() {
    let out = mote()
        .args(["run", "--heap", "512", "-c", "1"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("a heap of 512 bytes"), "{err}");
    assert!(err.contains("it needs at least"), "{err}");
}

#[test]
fn repl_history_lasts_between_sessions() {
    let home = scratch_dir("history-home");
    let run = |input: &[u8]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mote"))
            .arg("repl")
            .env("HOME", &home)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input).unwrap();
        String::from_utf8_lossy(&child.wait_with_output().unwrap().stdout).into_owned()
    };
    run(b"40 + 2\n");
    assert_eq!(
        std::fs::read_to_string(home.join(".mote_history")).unwrap(),
        "40 + 2\n"
    );
    // Up-arrow in the next session brings the line back.
    assert!(run(b"\x1b[A\n").contains("40 + 2\r\n42\r\n"));
}
