//! Bad programs get Python exceptions, and the VM goes on afterwards.

use std::time::Duration;

use mote_vm::std_host::StdHost;
use mote_vm::{Config, Outcome, Vm};

fn vm_with_heap(heap_bytes: usize) -> Vm<StdHost> {
    Vm::new(
        Config {
            heap_bytes,
            ..Config::default()
        },
        StdHost::capturing(),
    )
    .expect("the VM starts")
}

fn run(vm: &mut Vm<StdHost>, source: &str) -> (Outcome, String, String) {
    let outcome = vm.run_source(source, "<test>");
    let host = vm.host_mut();
    let stdout = String::from_utf8_lossy(&host.take_stdout()).into_owned();
    let stderr = String::from_utf8_lossy(&host.take_stderr()).into_owned();
    (outcome, stdout, stderr)
}

/// Runs `body` on a thread with a small stack (1 MiB, twice the compiler's default stack budget
/// of 512 KiB), so a recursion on the Rust stack that ignores the budget shows.
fn on_small_stack<T: Send + 'static>(body: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(body)
        .expect("thread")
        .join()
        .expect("no crash")
}

#[test]
fn unbounded_recursion_is_a_runtime_error_and_the_vm_goes_on() {
    on_small_stack(|| {
        let mut vm = vm_with_heap(1 << 20);
        let (outcome, _, stderr) = run(&mut vm, "def f():\n    f()\nf()\n");
        assert!(matches!(outcome, Outcome::Exception));
        assert!(
            stderr.ends_with("RecursionError: maximum recursion depth exceeded\n"),
            "{stderr}"
        );
        let (outcome, stdout, _) = run(
            &mut vm,
            "def f():\n    f()\ntry:\n    f()\nexcept RuntimeError as e:\n    print('caught', e)\nprint(sum(range(10)))\n",
        );
        assert!(matches!(outcome, Outcome::Ok));
        assert_eq!(stdout, "caught maximum recursion depth exceeded\n45\n");
    });
}

#[test]
fn ten_thousand_nested_brackets_are_a_syntax_error() {
    on_small_stack(|| {
        let mut vm = vm_with_heap(1 << 20);
        for (open, close) in [("(", ")"), ("[", "]"), ("{", "}")] {
            let source = format!("x = {}1{}\n", open.repeat(10_000), close.repeat(10_000));
            let (outcome, _, stderr) = run(&mut vm, &source);
            assert!(matches!(outcome, Outcome::Exception));
            assert!(stderr.contains("SyntaxError"), "{stderr}");
        }
        let deep_expression = format!("x = {}1\n", "-".repeat(10_000));
        let (outcome, _, stderr) = run(&mut vm, &deep_expression);
        assert!(matches!(outcome, Outcome::Exception), "{stderr}");
        let (_, stdout, _) = run(&mut vm, "print('fine')\n");
        assert_eq!(stdout, "fine\n");
    });
}

#[test]
fn filling_the_heap_is_a_memory_error_and_the_memory_comes_back() {
    let mut vm = vm_with_heap(64 * 1024);
    let program = "\
import gc
gc.collect()
before = gc.mem_free()
hog = []
try:
    while True:
        hog.append([0] * 64)
except MemoryError:
    print('MemoryError')
full = gc.mem_free()
del hog
gc.collect()
after = gc.mem_free()
print(full < before // 4, after >= before - 256)
";
    let (outcome, stdout, stderr) = run(&mut vm, program);
    assert!(matches!(outcome, Outcome::Ok), "{stderr}");
    assert_eq!(stdout, "MemoryError\nTrue True\n");
}

#[test]
fn an_interrupt_stops_an_endless_loop() {
    let mut vm = vm_with_heap(256 * 1024);
    let flag = vm.host().interrupt_handle();
    let trigger = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        flag.interrupt();
    });
    let (outcome, _, stderr) = run(&mut vm, "while True:\n    pass\n");
    trigger.join().unwrap();
    assert!(matches!(outcome, Outcome::Exception));
    assert!(stderr.ends_with("KeyboardInterrupt\n"), "{stderr}");
    let (_, stdout, _) = run(&mut vm, "print('next')\n");
    assert_eq!(stdout, "next\n");
}

#[test]
fn cycles_are_collected() {
    let mut vm = vm_with_heap(256 * 1024);
    let program = "\
import gc
class Node:
    pass
gc.collect()
before = gc.mem_free()
for i in range(2000):
    a = Node()
    b = Node()
    a.other = b
    b.other = a
a = b = None
gc.collect()
print(gc.mem_free() >= before - 256)
";
    let (outcome, stdout, stderr) = run(&mut vm, program);
    assert!(matches!(outcome, Outcome::Ok), "{stderr}");
    assert_eq!(stdout, "True\n");
}
