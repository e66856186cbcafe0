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

#[test]
fn migrate_converts_a_layout_3_image_and_df_says_so() {
    let dir = scratch_dir("migrate");
    let old = dir.join("old.img");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../storage/tests/data/v3_256k.img"
        ),
        &old,
    )
    .unwrap();
    let old = old.to_str().unwrap();
    let new = dir.join("new.img");
    let new = new.to_str().unwrap();
    assert!(ok(mote(&["df", old])).contains("mote image migrate OLD NEW"));
    let said = ok(mote(&["migrate", old, new]));
    assert!(said.contains("3 files and 1 directories"), "{said}");
    assert!(!ok(mote(&["df", new])).contains("migrate"));
    let back = dir.join("mid.txt");
    ok(mote(&["get", new, "/lib/mid.txt", back.to_str().unwrap()]));
    let expected: Vec<u8> = (0..3000usize).map(|i| (i * 7 + 3000) as u8).collect();
    assert_eq!(std::fs::read(&back).unwrap(), expected);
    assert_eq!(
        std::fs::metadata(new).unwrap().len(),
        std::fs::metadata(old).unwrap().len()
    );
    assert!(fails(mote(&["migrate", old, old])).contains("two different paths"));
}

#[test]
fn what_is_not_a_regular_file_is_refused() {
    let dir = scratch_dir("not-regular");
    for path in ["/dev/zero", dir.to_str().unwrap()] {
        let err = fails(mote(&["df", path]));
        assert!(err.contains("is not a regular file"), "{path}: {err}");
    }
}

#[test]
fn an_image_in_use_is_refused_and_concurrent_puts_lose_nothing() {
    use std::os::fd::AsRawFd;
    let dir = scratch_dir("in-use");
    let img = dir.join("fs.img");
    let img = img.to_str().unwrap();
    ok(mote(&["create", "--size", "256K", img]));
    let local = dir.join("data.txt");
    std::fs::write(&local, b"payload").unwrap();
    let local = local.to_str().unwrap();

    let held = std::fs::File::open(img).unwrap();
    // SAFETY: flock on a descriptor this test owns.
    assert_eq!(unsafe { libc::flock(held.as_raw_fd(), libc::LOCK_EX) }, 0);
    let err = fails(mote(&["put", img, local, "/a.txt"]));
    assert!(err.contains("is in use"), "{err}");
    let err = fails(mote(&["create", "--force", "--size", "256K", img]));
    assert!(err.contains("is in use"), "{err}");
    drop(held);

    // Processes racing on one image: each either writes its file or is told the image is in
    // use; every file a process reported written is there afterwards.
    let children: Vec<_> = (0..8)
        .map(|i| {
            let remote = format!("/f{i}.txt");
            let child = Command::new(env!("CARGO_BIN_EXE_mote"))
                .args(["image", "put", img, local, &remote])
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            (remote, child)
        })
        .collect();
    let mut written = Vec::new();
    for (remote, child) in children {
        let out = child.wait_with_output().unwrap();
        if out.status.success() {
            written.push(remote);
        } else {
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains("is in use"), "{err}");
        }
    }
    assert!(!written.is_empty());
    let listing = ok(mote(&["ls", img]));
    for remote in &written {
        assert!(listing.contains(&remote[1..]), "{remote} lost: {listing}");
    }
}
