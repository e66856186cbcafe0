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
fn huge_big_ints_are_exceptions_and_the_vm_goes_on() {
    let mut vm = vm_with_heap(256 * 1024);
    let program = "\
def t(f):
    try:
        f()
        print('no error')
    except (MemoryError, OverflowError, ValueError, ZeroDivisionError) as e:
        print(type(e).__name__)
t(lambda: 1 << (1 << 40))
t(lambda: (2 ** 5000) ** 1000)
t(lambda: 10 ** 400 / 1)
t(lambda: pow(3, -1, 0))
t(lambda: divmod(2 ** 200, 0))
print((-1) >> (1 << 40), 2 ** 100 % 7)
";
    let (outcome, stdout, stderr) = run(&mut vm, program);
    assert!(matches!(outcome, Outcome::Ok), "{stderr}");
    assert_eq!(
        stdout,
        "OverflowError\nMemoryError\nOverflowError\nValueError\nZeroDivisionError\n-1 2\n"
    );
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
    // `range` and the loop's names are named before the measurement: a builtin enters the
    // builtins namespace when a program first names it, and a module's globals table, built to
    // size, grows for its first new names (a few hundred bytes, kept, whatever the loop count).
    let program = "\
import gc
class Node:
    pass
loop = range(2000)
i = a = b = None
gc.collect()
before = gc.mem_free()
for i in loop:
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

/// Heap of the robustness set: `mote run`'s default.
const SET_HEAP: usize = 2 << 20;
/// Stack of the thread that runs the set.
const SET_STACK: usize = 256 * 1024;
/// The VM's stack budget on that thread: what is left after the test's own frames, less the
/// most one unchecked stretch of native code may use.
const SET_STACK_BUDGET: usize = 160 * 1024;

/// Programs that once aborted the process (native recursion on the Rust stack, host buffers
/// sized by the program), each with the exception it must raise instead.
const ROBUSTNESS_SET: &[(&str, &str)] = &[
    // Comparison, hashing and repr of cyclic and deeply nested containers.
    ("a = []; b = [a]; a.append(b); a == b", "RecursionError"),
    ("a = ()\nfor i in range(20000): a = (a,)\nhash(a)", "RecursionError"),
    ("a = ()\nfor i in range(20000): a = (a,)\na == (a,)", "RecursionError"),
    ("a = ()\nfor i in range(20000): a = (a,)\n{a: 1}", "RecursionError"),
    ("a = ()\nfor i in range(20000): a = (a,)\nrepr(a)", "RecursionError"),
    ("a = []\nfor i in range(20000): a = [a]\na < [a]", "RecursionError"),
    ("a = []\nfor i in range(20000): a = [a]\nprint(a)", "RecursionError"),
    ("a = {}\nfor i in range(5000): a = {1: a}\na == {1: a}", "RecursionError"),
    ("a = {}\nfor i in range(5000): a = {1: a}\nstr(a)", "RecursionError"),
    ("a = frozenset()\nfor i in range(20000): a = frozenset([a])\nrepr(a)", "RecursionError"),
    ("s = slice(0)\nfor i in range(20000): s = slice(s)\ns == slice(s)", "RecursionError"),
    ("e = ValueError()\nfor i in range(3000): e = ValueError(e)\nstr(e)", "RecursionError"),
    ("class T(tuple): pass\na = T()\nfor i in range(20000): a = T([a])\nhash(a)", "RecursionError"),
    // next() through wrapper iterators.
    ("a = iter([1])\nfor i in range(20000): a = map(abs, a)\nnext(a)", "RecursionError"),
    ("a = iter([1])\nfor i in range(20000): a = filter(None, a)\nnext(a)", "RecursionError"),
    ("a = iter([1])\nfor i in range(20000): a = zip(a)\nnext(a)", "RecursionError"),
    ("a = iter([1])\nfor i in range(20000): a = enumerate(a)\nnext(a)", "RecursionError"),
    ("a = iter([1])\nfor i in range(20000): a = iter(a.__next__, None)\nnext(a)", "RecursionError"),
    ("a = iter([1])\nfor i in range(5000): a = (x for x in a)\nnext(a)", "RecursionError"),
    // Nested class tuples.
    ("a = int\nfor i in range(20000): a = (a,)\nisinstance(1, a)", "RecursionError"),
    ("a = int\nfor i in range(20000): a = (a,)\nissubclass(int, a)", "RecursionError"),
    // json walks nesting with its own stack; its depth bound must hold on a small stack too.
    ("import json\na = []\nfor i in range(20000): a = [a]\njson.dumps(a)", "RecursionError"),
    ("import json\njson.loads('[' * 100000 + ']' * 100000)", "RecursionError"),
    // The compiler, also when started from deep inside nested loops.
    ("exec('x = ' + '(' * 100000 + ')' * 100000)", "SyntaxError"),
    ("exec('x = ' + '-' * 100000 + '1')", "Error"),
    (
        "def f(n):\n    if n: return eval('f(%d)' % (n - 1))\n    exec('x = ' + '[' * 199 + ']' * 199)\nf(23)",
        "Error",
    ),
    // Host buffers sized by the program.
    ("list(range(10**9))", "MemoryError"),
    ("tuple(range(10**9))", "MemoryError"),
    ("bytes(range(65, 10**9))", "MemoryError"),
    ("def f(*a): pass\nf(*range(10**9))", "MemoryError"),
    ("format(1, '2147483647')", "MemoryError"),
    ("format(1.5, '.2147483647f')", "MemoryError"),
    ("'%4294967297x' % 7", "MemoryError"),
    ("b'%4294967297x' % 7", "MemoryError"),
    ("'%*d' % (10**10, 1)", "MemoryError"),
    ("'{:10000000000}'.format(1)", "MemoryError"),
    ("f'{1:{10**10}}'", "MemoryError"),
    ("s = 'x' * 100000\n''.join([s] * 10000)", "MemoryError"),
    ("s = b'x' * 100000\nb''.join([s] * 10000)", "MemoryError"),
    ("s = 'x' * 100000\ns.replace('x', s)", "MemoryError"),
    ("s = 'x' * 200000\nx = f'{s}{s}{s}{s}{s}{s}{s}{s}{s}{s}{s}{s}{s}{s}{s}{s}'", "MemoryError"),
    ("s = 'x' * 1000000\nrepr([s] * 100)", "MemoryError"),
    ("s = b'x' * 1000000\nrepr([s] * 100)", "MemoryError"),
    ("s = 'x' * 1000\n('{0}' * 100000).format(s)", "MemoryError"),
    ("(1).to_bytes(10**9, 'big')", "MemoryError"),
    ("'a'.ljust(10**10)", "MemoryError"),
    ("'a'.center(10**9, 'é')", "MemoryError"),
    ("[0] * 10**9", "MemoryError"),
    ("x = [1]\nx *= 10**9", "MemoryError"),
    ("'ab' * 10**9", "MemoryError"),
    ("bytes(10**9)", "MemoryError"),
    ("bytearray(10**9)", "MemoryError"),
    ("import json\ns = 'x' * 100000\njson.dumps([s] * 1000)", "MemoryError"),
    ("import json\njson.dumps([1] * 100000, indent=100000)", "MemoryError"),
    ("import struct\nstruct.pack('1000000000s', b'')", "MemoryError"),
    ("import binascii\nbinascii.hexlify(b'x' * 1000000)", "MemoryError"),
];

/// Runs the robustness set on one VM, each program wrapped so that it prints the name of the
/// exception it raised; returns what went wrong.
fn run_robustness_set() -> Vec<String> {
    let mut problems = Vec::new();
    for (body, raises) in ROBUSTNESS_SET {
        let mut vm = Vm::new(
            Config {
                heap_bytes: SET_HEAP,
                stack_budget: SET_STACK_BUDGET,
                ..Config::default()
            },
            StdHost::capturing(),
        )
        .expect("the VM starts");
        let indented = body.replace('\n', "\n    ");
        let program = format!(
            "try:\n    {indented}\n    print('no exception')\nexcept BaseException as e:\n    print(type(e).__name__)\n"
        );
        let (outcome, stdout, stderr) = run(&mut vm, &program);
        if !matches!(outcome, Outcome::Ok) || !stdout.trim_end().ends_with(raises) {
            problems.push(format!("{body:?}: {outcome:?} {stdout:?} {stderr:?}"));
        }
        let (_, stdout, _) = run(&mut vm, "print(sum(range(10)))\n");
        if stdout != "45\n" {
            problems.push(format!("after {body:?} the VM printed {stdout:?}"));
        }
    }
    problems
}

/// Set in the child process that runs the robustness set under limits.
const CHILD: &str = "MOTE_ROBUSTNESS_CHILD";

/// The child's half of the test below: runs the set on a 256 KiB stack. A crash shows as the
/// process dying; failed expectations as a panic.
#[test]
fn robustness_set_in_limited_child() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    let problems = std::thread::Builder::new()
        .stack_size(SET_STACK)
        .spawn(run_robustness_set)
        .expect("thread")
        .join()
        .expect("no panic");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Runs the robustness set in a child process whose address space is limited to the heap plus
/// 64 MiB (`RLIMIT_AS`) on a thread with a 256 KiB stack: every program raises its exception,
/// and the process neither aborts nor overflows its stack.
#[test]
fn robustness_set_survives_a_small_stack_and_address_space() {
    use std::os::unix::process::CommandExt;
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    let exe = std::env::current_exe().expect("test binary");
    let mut child = std::process::Command::new(exe);
    child
        .args([
            "--exact",
            "robustness_set_in_limited_child",
            "--test-threads=1",
            "--nocapture",
        ])
        .env(CHILD, "1")
        // One malloc arena: per-thread arenas reserve 64 MiB of address space each.
        .env("MALLOC_ARENA_MAX", "1")
        // Symbolising a backtrace needs more memory than the limit leaves.
        .env("RUST_BACKTRACE", "0")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let limit = (SET_HEAP + (64 << 20)) as libc::rlim_t;
    // SAFETY: `pre_exec` runs in the forked child before exec; setrlimit is async-signal-safe
    // and touches only the child.
    unsafe {
        child.pre_exec(move || {
            let rl = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &rl) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut running = child.spawn().expect("the child runs");
    let started = std::time::Instant::now();
    while running.try_wait().expect("child status").is_none() {
        if started.elapsed() > Duration::from_secs(300) {
            let _ = running.kill();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = running.wait_with_output().expect("the child's output");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{}\n{stdout}\n{stderr}",
        out.status
    );
}
