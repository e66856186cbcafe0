//! `mote run` scripts reach the host's files through `open()` and `os`, relative to the
//! directory `mote` runs in.

use std::path::PathBuf;
use std::process::Command;

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mote-files-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn run_writes_and_reads_files_in_the_current_directory() {
    let dir = scratch_dir("rw");
    std::fs::write(dir.join("input.txt"), "one\ntwo\n").unwrap();
    let script = "import os\n\
                  with open('input.txt') as f:\n    lines = f.readlines()\n\
                  os.mkdir('out')\n\
                  with open('out/result.txt', 'w') as f:\n    f.write(str(len(lines)) + ' lines')\n\
                  print(sorted(os.listdir()), os.listdir('out'))\n";
    let out = Command::new(env!("CARGO_BIN_EXE_mote"))
        .args(["run", "-c", script])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "['input.txt', 'out'] ['result.txt']\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("out/result.txt")).unwrap(),
        "2 lines"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_uncaught_file_error_is_a_traceback_and_exit_status_1() {
    let dir = scratch_dir("missing");
    let out = Command::new(env!("CARGO_BIN_EXE_mote"))
        .args(["run", "-c", "open('nope.txt')"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("FileNotFoundError: [Errno 2] No such file or directory: 'nope.txt'"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
