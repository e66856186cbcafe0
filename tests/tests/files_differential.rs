//! Differential test of file objects: seeded random sequences of reads, writes, seeks, tells,
//! line reads and reopenings in every mode run on CPython (`python3`), on mote over the host's
//! files and on mote over simulated flash; all three must print the same.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use embassy_futures::block_on;
use mote_firmware::sim::SimHost;
use mote_storage::sim::SimFlash;
use mote_storage::Fs;
use mote_vm::std_host::StdHost;
use mote_vm::{Config, Outcome, Vm};

/// Programs generated (each from its own seed); `MOTE_FILE_PROGRAMS=N` runs more.
const PROGRAMS: u64 = 40;
/// Operations per program.
const OPS: usize = 60;

/// xorshift64*: deterministic, so a failure names the seed that reproduces it.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// Printable data with line breaks (`\n`, `\r\n`, and for binary files `\r`), as a Python
/// literal body. Text files get no bare `\r`: after one, CPython's text tell() cookies carry
/// decoder state that a following write interprets in ways of its own.
fn data(rng: &mut Rng, binary: bool) -> String {
    let len = match rng.below(4) {
        0 => 0,
        1 => rng.below(8),
        2 => rng.below(120),
        _ => rng.below(700),
    };
    (0..len)
        .map(|_| match rng.below(24) {
            0 | 1 => "\\n".to_string(),
            2 if binary => "\\r".to_string(),
            2 => "\\n".to_string(),
            3 => "\\r\\n".to_string(),
            n => ((b'a' + (n / 2) as u8) as char).to_string(),
        })
        .collect()
}

fn program(seed: u64) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let binary = rng.below(2) == 0;
    let (b, name) = if binary {
        ("b", "f.bin")
    } else {
        ("", "f.txt")
    };
    let mut src = String::new();
    let _ = writeln!(
        src,
        "def attempt(fn, *args):\n    try:\n        r = fn(*args)\n    except (OSError, ValueError) as e:\n        r = type(e).__name__\n    print(repr(r))\n"
    );
    let _ = writeln!(src, "f = open({name:?}, 'w+{b}')\nmarks = [0]");
    let mut readable = true;
    let mut append = false;
    for _ in 0..OPS {
        // After an appending write CPython's buffered files report the position the data
        // would have had, not the end where it went: seek to the end to test files, not that.
        let after_write = if append {
            "\nattempt(f.seek, 0, 2)"
        } else {
            ""
        };
        let line = match rng.below(14) {
            // CPython's text layer writes at the raw position after reading ahead, and keeps
            // written text pending where a following line read does not see it: seek to the
            // logical position before and flush after, so the programs test files, not that.
            0..=2 if !binary => format!(
                "attempt(lambda: (f.seek(f.tell()), None)[1])\nattempt(f.write, \"{}\")\nf.flush(){after_write}",
                data(&mut rng, binary)
            ),
            0..=2 => format!("attempt(f.write, b\"{}\"){after_write}", data(&mut rng, binary)),
            3 | 4 => {
                let n = rng.below(300) as i64 - 20;
                format!("attempt(f.read, {n})")
            }
            5 => "attempt(f.read)".to_string(),
            6 => "attempt(f.readline)".to_string(),
            7 => format!("attempt(f.readline, {})", rng.below(40)),
            // A text file's tell() is an opaque cookie (CPython's holds decoder state after a
            // bare `\r`): text programs keep the cookies to seek back, binary ones print them.
            8 if binary => "attempt(f.tell)\nmarks.append(f.tell())".to_string(),
            8 => "attempt(lambda: marks.append(f.tell()))".to_string(),
            9 if binary => {
                let whence = rng.below(3);
                let off = match whence {
                    0 => rng.below(900) as i64,
                    _ => rng.below(400) as i64 - 200,
                };
                format!("attempt(f.seek, {off}, {whence})")
            }
            9 => {
                let i = rng.below(4);
                format!("attempt(lambda: (f.seek(marks[-{i} % len(marks)]), None)[1])")
            }
            10 => "attempt(f.seek, 0, 2)".to_string(),
            11 if binary => {
                let n = rng.below(64);
                format!("buf = bytearray({n})\nattempt(f.readinto, buf)\nprint(buf)")
            }
            11 => "attempt(f.flush)".to_string(),
            // A failed readlines() leaves CPython's text files refusing tell(): not tested.
            12 if binary || readable => "attempt(lambda: len(f.readlines()))".to_string(),
            12 => "attempt(f.readline)".to_string(),
            _ => {
                let mode = rng.pick(&["r", "r+", "a", "a+", "w", "w+"]);
                readable = mode.contains('r') || mode.contains('+');
                append = mode.contains('a');
                let keep = if mode.starts_with('w') { "" } else { "marks = [0]\n" };
                let tell = if binary { "attempt(f.tell)\n" } else { "" };
                format!("f.close()\n{keep}f = open({name:?}, '{mode}{b}')\n{tell}marks = [0, f.tell()]")
            }
        };
        src.push_str(&line);
        src.push('\n');
    }
    let _ = writeln!(src, "f.close()\nprint(repr(open({name:?}, 'r{b}').read()))");
    src
}

fn temp_dir(tag: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("mote-fdiff-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&path);
    std::fs::create_dir_all(&path).expect("temporary directory");
    path
}

fn cpython(src: &str, dir: &Path) -> String {
    let out = Command::new("python3")
        .args(["-c", src])
        .current_dir(dir)
        .output()
        .expect("python3 runs");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn config() -> Config {
    Config {
        heap_bytes: 2 << 20,
        ..Config::default()
    }
}

fn mote_host(src: &str, dir: &Path) -> String {
    let host = StdHost::capturing().in_dir(dir.to_str().expect("UTF-8 path"));
    let mut vm = Vm::new(config(), host).expect("the VM starts");
    let outcome = vm.run_source(src, "<diff>");
    let h = vm.host_mut();
    let err = String::from_utf8_lossy(&h.take_stderr()).into_owned();
    assert_eq!(outcome, Outcome::Ok, "{err}");
    String::from_utf8_lossy(&h.take_stdout()).into_owned()
}

fn mote_flash(src: &str) -> String {
    let fs = block_on(Fs::format(SimFlash::new(1 << 20))).expect("format");
    let mut vm = Vm::new(config(), SimHost::new(fs)).expect("the VM starts");
    let outcome = vm.run_source(src, "<diff>");
    let h = vm.host_mut();
    let err = String::from_utf8_lossy(&h.take_stderr()).into_owned();
    assert_eq!(outcome, Outcome::Ok, "{err}");
    String::from_utf8_lossy(&h.take_stdout()).into_owned()
}

#[test]
fn random_file_operations_match_cpython_on_both_filesystems() {
    let programs = std::env::var("MOTE_FILE_PROGRAMS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(PROGRAMS);
    for seed in 0..programs {
        let src = program(seed);
        let dir = temp_dir(&format!("cpy{seed}"));
        let want = cpython(&src, &dir);
        let _ = std::fs::remove_dir_all(&dir);
        let dir = temp_dir(&format!("mote{seed}"));
        let on_host = mote_host(&src, &dir);
        let _ = std::fs::remove_dir_all(&dir);
        let on_flash = mote_flash(&src);
        for (fs, got) in [("host files", on_host), ("flash", on_flash)] {
            if got != want {
                let first = want
                    .lines()
                    .zip(got.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(0);
                panic!(
                    "seed {seed} on {fs}: output line {} differs\n--- program\n{src}\n--- cpython\n{}\n--- mote\n{}",
                    first + 1,
                    want.lines().skip(first).take(3).collect::<Vec<_>>().join("\n"),
                    got.lines().skip(first).take(3).collect::<Vec<_>>().join("\n"),
                );
            }
        }
    }
}
