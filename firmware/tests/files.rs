//! The VM's filesystem over flash ([`FlashFs`]) on RAM-backed simulated flash: the trait's
//! operations and errno values directly, and Python programs through a VM whose host serves it.

use embassy_futures::block_on;
use mote_firmware::fs::FlashFs;
use mote_firmware::sim::SimHost;
use mote_storage::sim::SimFlash;
use mote_storage::Fs;
use mote_vm::fs::{parse_mode, FileSystem, FsError, Whence};
use mote_vm::{Config, Outcome, Vm};

fn formatted() -> Fs<SimFlash> {
    block_on(Fs::format(SimFlash::new(256 * 1024))).expect("format")
}

#[test]
fn trait_operations_reach_the_flash_filesystem() {
    let mut fs = FlashFs::new(formatted());
    let w = fs.open("/a.txt", parse_mode("w").unwrap()).expect("create");
    assert_eq!(fs.write(w, b"hello world"), Ok(11));
    assert_eq!(fs.tell(w), Ok(11));
    fs.close(w).expect("close");
    assert_eq!(fs.close(w), Err(FsError(9)), "closing twice is EBADF");

    let r = fs.open("/a.txt", parse_mode("r").unwrap()).expect("open");
    let mut buf = [0u8; 5];
    assert_eq!(fs.read(r, &mut buf), Ok(5));
    assert_eq!(&buf, b"hello");
    assert_eq!(fs.seek(r, -5, Whence::End), Ok(6));
    assert_eq!(fs.read(r, &mut buf), Ok(5));
    assert_eq!(&buf, b"world");
    assert_eq!(fs.read(r, &mut buf), Ok(0));
    fs.close(r).expect("close");

    fs.mkdir("/d").expect("mkdir");
    let st = fs.stat("/a.txt").expect("stat");
    assert!(!st.is_dir);
    assert_eq!(st.size, 11);
    assert!(fs.stat("/d").expect("stat").is_dir);
    let names: Vec<(String, bool, u64)> = fs
        .listdir("/")
        .expect("listdir")
        .into_iter()
        .map(|e| (e.name, e.is_dir, e.size))
        .collect();
    assert_eq!(
        names,
        vec![("a.txt".into(), false, 11), ("d".into(), true, 0)]
    );

    assert_eq!(fs.mkdir("/d"), Err(FsError(17)));
    assert_eq!(fs.stat("/nope"), Err(FsError(2)));
    assert_eq!(fs.rmdir("/a.txt"), Err(FsError(20)));
    fs.rename("/a.txt", "/d/b.txt").expect("rename");
    assert_eq!(fs.rmdir("/d"), Err(FsError(39)));
    assert_eq!(
        fs.open("/d", parse_mode("r").unwrap()),
        Err(FsError(21)),
        "a directory is not a file"
    );
    fs.remove("/d/b.txt").expect("remove");
    fs.rmdir("/d").expect("rmdir");
    assert!(fs.listdir("/").expect("listdir").is_empty());

    let v = fs.statvfs("/").expect("statvfs");
    assert!(v.bsize > 0 && v.blocks > 0 && v.bfree <= v.blocks);
    assert_eq!(v.namemax, 64);
    assert_eq!(fs.statvfs("/nope"), Err(FsError(2)));
}

#[test]
fn descriptors_run_out_with_emfile_and_come_back() {
    let mut fs = FlashFs::new(formatted());
    let w = parse_mode("w").unwrap();
    let fds: Vec<u32> = (0..4)
        .map(|i| fs.open(&format!("/f{i}"), w).expect("open"))
        .collect();
    assert_eq!(fs.open("/f4", w), Err(FsError(24)));
    fs.close(fds[2]).expect("close");
    let again = fs.open("/f4", w).expect("a slot is free again");
    assert_eq!(again, fds[2]);
    assert_eq!(fs.read(99, &mut [0u8; 4]), Err(FsError(9)));
}

fn run(src: &str) -> (Outcome, String, String) {
    let config = Config {
        heap_bytes: 1 << 20,
        ..Config::default()
    };
    let mut vm = Vm::new(config, SimHost::new(formatted())).expect("the VM starts");
    vm.set_path(&["/"]);
    let outcome = vm.run_source(src, "<test>");
    let host = vm.host_mut();
    (
        outcome,
        String::from_utf8_lossy(&host.take_stdout()).into_owned(),
        String::from_utf8_lossy(&host.take_stderr()).into_owned(),
    )
}

#[test]
fn python_reads_and_writes_flash_files() {
    let src = "
import os
with open('main.py', 'w') as f:
    f.write('print(\"imported from flash\")\\n')
import main
os.mkdir('lib')
with open('lib/data.txt', 'w') as f:
    for i in range(300):
        print('row', i, file=f)
with open('lib/data.txt') as f:
    rows = list(f)
print(len(rows), rows[0], rows[-1], end='')
print(os.stat('lib/data.txt')[6] == sum(len(r) for r in rows))
";
    let (outcome, out, err) = run(src);
    assert_eq!(outcome, Outcome::Ok, "{err}");
    assert_eq!(out, "imported from flash\n300 row 0\n row 299\nTrue\n");
}

#[test]
fn open_files_beyond_the_descriptor_slots_raise_emfile() {
    let src = "
held = []
try:
    for i in range(10):
        held.append(open('f%d' % i, 'w'))
except OSError as e:
    print(len(held), e.errno)
for f in held:
    f.close()
for i in range(10):
    open('g%d' % i, 'w').write('x')
print('dropped files were collected')
";
    let (outcome, out, err) = run(src);
    assert_eq!(outcome, Outcome::Ok, "{err}");
    assert_eq!(out, "4 24\ndropped files were collected\n");
}

#[test]
fn a_full_flash_raises_enospc_and_keeps_committed_files() {
    let src = "
with open('keep.txt', 'w') as f:
    f.write('safe')
try:
    with open('big.bin', 'wb') as f:
        chunk = bytes(1024)
        for i in range(1000):
            f.write(chunk)
except OSError as e:
    print('errno', e.errno)
print(open('keep.txt').read())
";
    let (outcome, out, err) = run(src);
    assert_eq!(outcome, Outcome::Ok, "{err}");
    assert_eq!(out, "errno 28\nsafe\n");
}
