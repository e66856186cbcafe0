//! End-to-end tests of `mote image` as a user runs it.

use std::path::PathBuf;
use std::process::{Command, Output};

fn mote(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mote"))
        .arg("image")
        .args(args)
        .output()
        .unwrap()
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mote-image-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn fails(out: Output) -> String {
    assert!(!out.status.success(), "{out:?}");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn create_put_ls_get_rm_df_round_trip() {
    let dir = scratch_dir("round-trip");
    let img = dir.join("fs.img");
    let img = img.to_str().unwrap();
    ok(mote(&["create", "--size", "1M", img]));
    assert_eq!(std::fs::metadata(img).unwrap().len(), 1 << 20);
    let script: Vec<u8> = (0..20_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let local = dir.join("main.py");
    std::fs::write(&local, &script).unwrap();
    ok(mote(&["mkdir", img, "/lib"]));
    ok(mote(&["put", img, local.to_str().unwrap(), "/lib/main.py"]));
    ok(mote(&["put", img, local.to_str().unwrap(), "/boot.py"]));
    let root = ok(mote(&["ls", img]));
    assert_eq!(root, "     <dir>  lib/\n     20000  boot.py\n");
    assert_eq!(ok(mote(&["ls", img, "/lib"])), "     20000  main.py\n");
    let back = dir.join("back.py");
    ok(mote(&["get", img, "/lib/main.py", back.to_str().unwrap()]));
    assert_eq!(std::fs::read(&back).unwrap(), script);
    let df = ok(mote(&["df", img]));
    let figures: Vec<u64> = df
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(figures[0], figures[1] + figures[2]);
    assert!(figures[1] >= 40_000, "{df}");
    ok(mote(&["rm", img, "/lib/main.py"]));
    ok(mote(&["rm", img, "/lib"]));
    assert_eq!(ok(mote(&["ls", img])), "     20000  boot.py\n");
}

#[test]
fn errors_are_clear_and_exit_non_zero() {
    let dir = scratch_dir("errors");
    let img = dir.join("fs.img");
    let img = img.to_str().unwrap();
    assert!(fails(mote(&["create", "--size", "1000", img])).contains("multiple of 4 KiB"));
    assert!(fails(mote(&["ls", img])).contains("cannot open image"));
    std::fs::write(img, vec![0x5Au8; 64 * 1024]).unwrap();
    assert!(fails(mote(&["ls", img])).contains("not a mote filesystem image"));
    // An existing file is kept unless --force says otherwise.
    assert!(fails(mote(&["create", "--size", "64K", img])).contains("use --force"));
    assert!(fails(mote(&["ls", img])).contains("not a mote filesystem image"));
    ok(mote(&["create", "--force", "--size", "64KiB", img]));
    assert!(fails(mote(&[
        "get",
        img,
        "/nope",
        dir.join("x").to_str().unwrap()
    ]))
    .contains("no such file"));
    assert!(fails(mote(&["mkdir", img, "/a/b"])).contains("no such file"));
    let big = dir.join("big.bin");
    std::fs::write(&big, vec![1u8; 200 * 1024]).unwrap();
    assert!(fails(mote(&["put", img, big.to_str().unwrap(), "/big"])).contains("no space"));
    assert_eq!(ok(mote(&["ls", img])), "");
}
