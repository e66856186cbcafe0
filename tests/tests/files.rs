//! The filesystem conformance programs (`tests/python_fs/`) run on mote over both of its
//! filesystems, the host's files (as `mote run` uses them) and the flash filesystem of the
//! boards (on simulated flash), and print what CPython printed; plus the behaviour CPython
//! has no counterpart for (`os.ilistdir`, `os.statvfs`, files closed when the VM ends).

use std::path::{Path, PathBuf};

use embassy_futures::block_on;
use mote_firmware::sim::SimHost;
use mote_storage::sim::SimFlash;
use mote_storage::Fs;
use mote_vm::std_host::StdHost;
use mote_vm::{Config, Outcome, Vm};

const HEAP_BYTES: usize = 4 << 20;
const FLASH_BYTES: usize = 1 << 20;

fn programs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("python_fs");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/python_fs is readable")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py") && p.with_extension("exp").exists())
        .collect();
    found.sort();
    found
}

/// A fresh empty directory under the system's temporary folder.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!("mote-files-{}-{tag}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("temporary directory");
        TempDir(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("temporary paths are UTF-8")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn config() -> Config {
    Config {
        heap_bytes: HEAP_BYTES,
        ..Config::default()
    }
}

/// Runs `source` with the host's files, starting in `dir`; returns (outcome, stdout, stderr).
fn run_on_host(source: &str, dir: &str) -> (Outcome, String, String) {
    let host = StdHost::capturing().in_dir(dir);
    let mut vm = Vm::new(config(), host).expect("the VM starts");
    let outcome = vm.run_source(source, "<test>");
    let host = vm.host_mut();
    (
        outcome,
        String::from_utf8_lossy(&host.take_stdout()).into_owned(),
        String::from_utf8_lossy(&host.take_stderr()).into_owned(),
    )
}

fn flash_vm() -> Vm<SimHost> {
    let fs = block_on(Fs::format(SimFlash::new(FLASH_BYTES))).expect("format");
    Vm::new(config(), SimHost::new(fs)).expect("the VM starts")
}

/// Runs `source` on a freshly formatted simulated flash; returns (outcome, stdout, stderr).
fn run_on_flash(source: &str) -> (Outcome, String, String) {
    let mut vm = flash_vm();
    let outcome = vm.run_source(source, "<test>");
    let host = vm.host_mut();
    (
        outcome,
        String::from_utf8_lossy(&host.take_stdout()).into_owned(),
        String::from_utf8_lossy(&host.take_stderr()).into_owned(),
    )
}

#[test]
fn programs_print_what_cpython_prints_on_both_filesystems() {
    let all = programs();
    assert!(all.len() >= 8, "found only {} programs", all.len());
    let mut problems = Vec::new();
    let (mut passed, mut failed) = (0, 0);
    for (i, path) in all.iter().enumerate() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let source = std::fs::read_to_string(path).expect("program");
        let expected = std::fs::read_to_string(path.with_extension("exp")).expect("expected");
        let dir = TempDir::new(&format!("prog{i}"));
        for (fs, (outcome, out, err)) in [
            ("host files", run_on_host(&source, dir.path())),
            ("flash", run_on_flash(&source)),
        ] {
            if outcome == Outcome::Ok && out == expected {
                passed += 1;
            } else {
                failed += 1;
                problems.push(format!(
                    "{name} on {fs}: {outcome:?}\n--- expected\n{expected}--- got\n{out}--- stderr\n{err}"
                ));
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// What CPython has no counterpart for, or prints differently per machine.
const MOTE_ONLY: &str = r#"
import os, uos, errno
os.mkdir("d")
with open("d/a.txt", "w") as f:
    f.write("12345")
with open("b.bin", "wb") as f:
    f.write(b"xy")
print(sorted(os.ilistdir()))
print(list(uos.ilistdir("d")))
st = os.stat("d/a.txt")
print(len(st), st[0], st[6])
print(os.stat("d")[0])
v = os.statvfs("/")
print(len(v), all(type(x) is int and x >= 0 for x in v), v[0] > 0, v[2] >= v[3])
try:
    open("nope")
except OSError as e:
    print(e.errno, e.args[0], e.errno == errno.ENOENT, type(e).__name__)
e = OSError(errno.EEXIST, "exists")
print(e.errno, e.strerror, e)
print(errno.errorcode[errno.ENOTEMPTY])
print(os.getcwd() == os.getcwd(), type(os.getcwd()).__name__)
"#;

const MOTE_ONLY_OUT: &str = "[('b.bin', 32768, 0, 2), ('d', 16384, 0, 0)]
[('a.txt', 32768, 0, 5)]
10 32768 5
16384
10 True True True
2 2 True FileNotFoundError
17 exists [Errno 17] exists
ENOTEMPTY
True str
";

#[test]
fn ilistdir_stat_and_statvfs_have_micropythons_shapes() {
    let dir = TempDir::new("moteonly");
    for (fs, (outcome, out, err)) in [
        ("host files", run_on_host(MOTE_ONLY, dir.path())),
        ("flash", run_on_flash(MOTE_ONLY)),
    ] {
        assert_eq!(outcome, Outcome::Ok, "{fs}: {err}");
        assert_eq!(out, MOTE_ONLY_OUT, "{fs}");
    }
}

#[test]
fn relative_paths_start_in_the_given_directory_and_root_on_flash() {
    let dir = TempDir::new("cwd");
    let (_, out, err) = run_on_host("import os\nprint(os.getcwd())", dir.path());
    assert_eq!(out.trim(), dir.path(), "{err}");
    let (_, out, err) = run_on_flash("import os\nprint(os.getcwd())\nos.mkdir('x')\nos.chdir('x')\nprint(os.getcwd())\nos.chdir('..')\nos.chdir('..')\nprint(os.getcwd())");
    assert_eq!(out, "/\n/x\n/\n", "{err}");
}

#[test]
fn files_left_open_are_committed_when_the_vm_ends() {
    let dir = TempDir::new("image");
    let image = dir.0.join("flash.img");
    {
        let flash = SimFlash::create_file(&image, FLASH_BYTES).expect("image file");
        let fs = block_on(Fs::format(flash)).expect("format");
        let mut vm = Vm::new(config(), SimHost::new(fs)).expect("the VM starts");
        let src = "f = open('kept.txt', 'w')\nf.write('still here')\ng = open('also.bin', 'wb')\ng.write(b'\\x00\\x01')\n";
        assert_eq!(vm.run_source(src, "<test>"), Outcome::Ok);
    }
    let flash = SimFlash::open_file(&image).expect("image file");
    let mut fs: Fs<SimFlash> = block_on(Fs::mount(flash)).expect("mount");
    for (name, want) in [
        ("/kept.txt", &b"still here"[..]),
        ("/also.bin", &[0, 1][..]),
    ] {
        let fd = block_on(fs.open(name, mote_storage::OpenOptions::from_mode("r").unwrap()))
            .expect("the file exists");
        let mut buf = [0u8; 64];
        let n = block_on(fs.read(fd, &mut buf)).expect("read");
        assert_eq!(&buf[..n], want, "{name}");
        block_on(fs.close(fd)).expect("close");
    }
}

#[test]
fn uncaught_file_errors_are_tracebacks_not_crashes() {
    let (outcome, _, err) = run_on_flash("open('/missing/file.txt')");
    assert_eq!(outcome, Outcome::Exception);
    assert!(
        err.contains("FileNotFoundError: [Errno 2] No such file or directory: '/missing/file.txt'"),
        "{err}"
    );
    let (outcome, _, err) = run_on_flash("import os\nos.rmdir('/')");
    assert_eq!(outcome, Outcome::Exception, "{err}");
    assert!(err.contains("OSError") || err.contains("Error"), "{err}");
}

/// Hostile arguments end in Python exceptions on both filesystems, never in a crash.
const HOSTILE: &str = r#"
with open("x.bin", "wb") as f:
    f.write(b"abc" * 1000)
f = open("x.bin", "rb")
print(len(f.read(10**12)), f.read(10**12))
for args in [(-1,), (2**70,), (-(2**62), 1), (0, 7), ("a",)]:
    try:
        print(f.seek(*args))
    except (ValueError, OverflowError, OSError, TypeError) as e:
        print(type(e).__name__)
for bad in [lambda: f.readinto(b"xx"), lambda: f.write("text"), lambda: f.read("1")]:
    try:
        bad()
    except (TypeError, OSError) as e:
        print(type(e).__name__)
f.close()
for bad in [lambda: open(3), lambda: open("x.bin", 5), lambda: open("x.bin", "rw"),
            lambda: open("x\0y")]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__)
try:
    with open("big.bin", "wb") as f:
        for i in range(200):
            f.write(bytes(1000))
    with open("big.bin", "rb") as f:
        data = f.read()
    print("read", len(data))
except MemoryError:
    print("MemoryError")
with open("big.bin", "rb") as f:
    print(len(f.read(100)))
"#;

#[test]
fn hostile_arguments_and_huge_reads_raise_python_exceptions() {
    let small_heap = Config {
        heap_bytes: 96 * 1024,
        ..Config::default()
    };
    let dir = TempDir::new("hostile");
    let host = StdHost::capturing().in_dir(dir.path());
    let mut on_host = Vm::new(small_heap.clone(), host).expect("the VM starts");
    let fs = block_on(Fs::format(SimFlash::new(FLASH_BYTES))).expect("format");
    let mut on_flash = Vm::new(small_heap, SimHost::new(fs)).expect("the VM starts");
    let (o1, out1, err1) = {
        let o = on_host.run_source(HOSTILE, "<test>");
        let h = on_host.host_mut();
        (o, h.take_stdout(), h.take_stderr())
    };
    let (o2, out2, err2) = {
        let o = on_flash.run_source(HOSTILE, "<test>");
        let h = on_flash.host_mut();
        (o, h.take_stdout(), h.take_stderr())
    };
    // seek(-1) and a bad whence are ValueError and a seek before the start is EINVAL, as in
    // CPython; reading past the free heap is MemoryError.
    let want = "3000 b''\nValueError\nOverflowError\nOSError\nValueError\nTypeError\n\
                TypeError\nTypeError\nTypeError\nTypeError\nTypeError\nValueError\n\
                ValueError\nMemoryError\n100\n";
    for (fs, o, out, err) in [("host", o1, out1, err1), ("flash", o2, out2, err2)] {
        let (out, err) = (String::from_utf8_lossy(&out), String::from_utf8_lossy(&err));
        assert_eq!(o, Outcome::Ok, "{fs}: {err}");
        assert_eq!(out, want, "{fs}: {err}");
    }
}
