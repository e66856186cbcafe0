//! The differential test: random programs over ints at the small-int boundaries and big ints,
//! slices, generators and dunders (`tests/differential/gen_programs.py`, deterministic from a seed)
//! run under mote and under `python3`, and must print the same.
//!
//! CI runs a fixed seed and a few dozen programs, each under its own `python3`. For a longer
//! run by hand, `MOTE_DIFF_BATCH=1` runs all programs in one CPython process
//! (`differential/run_batch.py`), since starting an interpreter per program dominates:
//! `MOTE_DIFF_SEED=7 MOTE_DIFF_COUNT=50000 MOTE_DIFF_BATCH=1 cargo test --release -p mote-tests --test differential -- --nocapture`.

use std::path::{Path, PathBuf};
use std::process::Command;

use mote_vm::std_host::StdHost;
use mote_vm::{Config, Vm};

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn run_on_mote(path: &Path) -> String {
    let mut vm = Vm::new(
        Config {
            heap_bytes: 4 << 20,
            ..Config::default()
        },
        StdHost::capturing(),
    )
    .expect("the VM starts");
    let file = path.to_str().expect("UTF-8 path");
    vm.set_argv(&[file]);
    vm.run_file(file);
    String::from_utf8_lossy(&vm.host_mut().take_stdout()).into_owned()
}

fn run_on_cpython(path: &Path) -> String {
    let out = Command::new("python3")
        .arg(path)
        .output()
        .expect("python3 runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn random_programs_print_what_cpython_prints() {
    let seed = env_number("MOTE_DIFF_SEED", 18);
    let count = env_number("MOTE_DIFF_COUNT", 25);
    let dir: PathBuf =
        std::env::temp_dir().join(format!("mote-differential-{}-{seed}", std::process::id()));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("differential/gen_programs.py");
    let status = Command::new("python3")
        .arg(&script)
        .arg(seed.to_string())
        .arg(count.to_string())
        .arg(&dir)
        .status()
        .expect("python3 runs the generator");
    assert!(status.success(), "the generator failed");
    let batch = env_number("MOTE_DIFF_BATCH", 0) != 0;
    if batch {
        let runner = Path::new(env!("CARGO_MANIFEST_DIR")).join("differential/run_batch.py");
        let status = Command::new("python3")
            .arg(&runner)
            .arg(count.to_string())
            .arg(&dir)
            .status()
            .expect("python3 runs the batch");
        assert!(status.success(), "the batch run failed");
    }
    let mut differences = Vec::new();
    for n in 0..count {
        let path = dir.join(format!("prog_{n}.py"));
        let expected = if batch {
            std::fs::read_to_string(path.with_extension("out")).expect("the batch's output")
        } else {
            run_on_cpython(&path)
        };
        let got = run_on_mote(&path);
        if expected != got {
            let program = std::fs::read_to_string(&path).unwrap_or_default();
            differences.push(format!(
                "--- program {n} (seed {seed}):\n{program}\n--- python3:\n{expected}\n--- mote:\n{got}"
            ));
        }
    }
    println!(
        "differential: seed {seed}, {count} programs, {} differences",
        differences.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
