//! Runs every conformance program in `tests/python/` on the mote VM and compares what it prints
//! with what CPython printed for it (the `.exp` file beside it).
//!
//! Programs listed in `tests/python/xfail.txt` are known not to pass yet: the test fails if one
//! of them starts passing (so the list only shrinks) or if any other program fails.
//! `MOTE_UPDATE_XFAIL=1 cargo test -p mote-tests --test conformance` rewrites the list from the
//! programs that fail now.

use std::path::{Path, PathBuf};
use std::time::Duration;

use mote_vm::compile::DEFAULT_STACK_BUDGET;
use mote_vm::heap::GC_STRESS;
use mote_vm::std_host::StdHost;
use mote_vm::{Config, Vm};

/// Heap for one program: generous, so the programs test the language, not the heap size.
/// Under `gc-stress` every allocation sweeps the whole heap, so the heap is smaller there
/// (still ample for every program).
const HEAP_BYTES: usize = if GC_STRESS { 4 << 20 } else { 16 << 20 };
/// A program still running after this long is interrupted (it raises `KeyboardInterrupt`).
/// Under `gc-stress` a collection per allocation makes the slowest programs take many
/// minutes, so there each program gets a shorter budget, and one cut short by it passes if
/// what it printed so far is the start of the expected output.
const TIME_LIMIT: Duration = Duration::from_secs(if GC_STRESS { 8 } else { 20 });

fn python_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("python")
}

/// Every program that has an expected output, in a stable order.
fn programs(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/python is readable")
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            programs(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "py")
            && path.with_extension("exp").exists()
        {
            found.push(path);
        }
    }
}

fn known_failures() -> Vec<String> {
    listed_programs("xfail.txt")
}

/// Programs whose output depends on wall-clock time at the speed of a normal build (timers a
/// few milliseconds apart); `gc-stress` slows the VM by orders of magnitude, so they are not
/// run there.
fn wall_clock_programs() -> Vec<String> {
    listed_programs("gc_stress_skip.txt")
}

/// The program paths listed in `file` under tests/python, one a line, `#` starting a comment.
fn listed_programs(file: &str) -> Vec<String> {
    let list = std::fs::read_to_string(python_dir().join(file)).unwrap_or_default();
    list.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim().to_string())
        .filter(|line| !line.is_empty())
        .collect()
}

/// Stack for the thread that runs a program, and the budget the VM gets on it. `mote run`
/// gives the VM 1 MiB, which holds CPython's 200 nested brackets and 100 nested class
/// bodies or imports in a release build; an unoptimised build's frames are about ten times
/// larger, so the programs get a proportionally larger stack here (only the pages a program
/// touches are ever committed).
const STACK_BUDGET: usize = if cfg!(debug_assertions) {
    DEFAULT_STACK_BUDGET * 8
} else {
    DEFAULT_STACK_BUDGET
};
const STACK_BYTES: usize = STACK_BUDGET * 2;

/// Runs one program as `mote run` would and returns what it wrote to stdout and stderr, and
/// whether the time limit cut it short.
fn run_program(path: &Path) -> (String, String, bool) {
    let path = path.to_path_buf();
    std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(move || run_program_here(&path))
        .expect("a thread for the program")
        .join()
        .unwrap_or_else(|_| (String::new(), String::from("the VM panicked"), false))
}

fn run_program_here(path: &Path) -> (String, String, bool) {
    let host = StdHost::capturing();
    let interrupt = host.interrupt_handle();
    let mut vm = Vm::new(
        Config {
            heap_bytes: HEAP_BYTES,
            stack_budget: STACK_BUDGET,
            ..Config::default()
        },
        host,
    )
    .expect("the VM starts");
    let file = path.to_str().expect("program paths are UTF-8");
    let folder = path
        .parent()
        .and_then(Path::to_str)
        .expect("program folder");
    vm.set_argv(&[file]);
    vm.set_path(&[folder]);
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        let late = done_rx.recv_timeout(TIME_LIMIT).is_err();
        if late {
            interrupt.interrupt();
        }
        late
    });
    vm.run_file(file);
    let _ = done_tx.send(());
    let cut_short = watchdog.join().expect("watchdog thread");
    let host = vm.host_mut();
    (
        String::from_utf8_lossy(&host.take_stdout()).into_owned(),
        String::from_utf8_lossy(&host.take_stderr()).into_owned(),
        cut_short,
    )
}

#[test]
fn conformance_programs_print_what_cpython_prints() {
    let root = python_dir();
    let mut all = Vec::new();
    programs(&root, &mut all);
    assert!(
        all.len() >= 200,
        "expected at least 200 programs, found {}",
        all.len()
    );
    let xfail = known_failures();
    let wall_clock = if GC_STRESS {
        wall_clock_programs()
    } else {
        Vec::new()
    };

    let (mut passed, mut failed, mut expected_failures) = (0, 0, 0);
    let mut cut_short_programs = 0;
    let mut problems = Vec::new();
    let mut failing = Vec::new();
    for path in &all {
        let name = path.strip_prefix(&root).expect("under tests/python");
        let name = name.to_string_lossy().replace('\\', "/");
        if wall_clock.contains(&name) {
            continue;
        }
        let expected =
            std::fs::read_to_string(path.with_extension("exp")).expect("expected output");
        // A panic is a VM defect; report it as this program's failure and go on with the rest.
        let (stdout, stderr, cut_short) = std::panic::catch_unwind(|| run_program(path))
            .unwrap_or_else(|_| (String::new(), String::from("the VM panicked"), false));
        let ok = if GC_STRESS && cut_short && expected.starts_with(&stdout) {
            cut_short_programs += 1;
            true
        } else {
            stdout == expected
        };
        if !ok {
            failing.push(name.clone());
        }
        let listed = xfail.contains(&name);
        match (ok, listed) {
            (true, false) => passed += 1,
            (true, true) => {
                passed += 1;
                problems.push(format!("{name}: passes now; remove it from xfail.txt"));
            }
            (false, true) => {
                failed += 1;
                expected_failures += 1;
            }
            (false, false) => {
                failed += 1;
                problems.push(format!(
                    "{name}: output differs\n--- expected\n{expected}--- got\n{stdout}--- stderr\n{stderr}"
                ));
            }
        }
    }
    for entry in &xfail {
        if !all.iter().any(|path| {
            path.strip_prefix(&root)
                .is_ok_and(|p| p.to_string_lossy() == *entry)
        }) {
            problems.push(format!("xfail.txt names {entry}, which is not a program"));
        }
    }
    println!(
        "conformance: {passed} passed ({cut_short_programs} cut short by the gc-stress time limit), {failed} failed ({expected_failures} listed in xfail.txt), {} programs",
        all.len()
    );
    if std::env::var_os("MOTE_UPDATE_XFAIL").is_some() {
        let header =
            "# Conformance programs the VM does not pass yet (one per line). Keep this short.\n";
        let list: String = failing.iter().map(|name| format!("{name}\n")).collect();
        std::fs::write(root.join("xfail.txt"), format!("{header}{list}"))
            .expect("xfail.txt written");
        return;
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
