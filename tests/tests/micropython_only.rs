//! Runs the MicroPython-only programs in `tests/python_mp/` (names CPython lacks, so their
//! `.exp` files are hand-checked; see the README there) and compares stdout byte for byte.

use std::path::Path;

use mote_vm::std_host::StdHost;
use mote_vm::{Config, Vm};

#[test]
fn micropython_only_programs_print_their_checked_output() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("python_mp");
    let mut programs: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/python_mp is readable")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    programs.sort();
    assert!(programs.len() >= 6, "found {}", programs.len());
    let mut problems = Vec::new();
    for path in &programs {
        let expected = std::fs::read_to_string(path.with_extension("exp")).expect(".exp beside");
        let mut vm = Vm::new(Config::default(), StdHost::capturing()).expect("the VM starts");
        let file = path.to_str().expect("UTF-8 path");
        vm.set_argv(&[file]);
        vm.set_path(&[dir.to_str().expect("UTF-8 path")]);
        vm.run_file(file);
        let host = vm.host_mut();
        let stdout = String::from_utf8_lossy(&host.take_stdout()).into_owned();
        let stderr = String::from_utf8_lossy(&host.take_stderr()).into_owned();
        if stdout != expected {
            problems.push(format!(
                "{file}\n--- expected\n{expected}--- got\n{stdout}--- stderr\n{stderr}"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
