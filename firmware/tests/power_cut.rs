//! Power cuts while Python rewrites a file on flash: after every cut the remounted flash holds
//! the file's old contents or its new ones, never a mix, and Python saw an `OSError` (EIO), not a
//! crash.

use embassy_futures::block_on;
use mote_firmware::sim::SimHost;
use mote_storage::sim::SimFlash;
use mote_storage::{Fs, OpenOptions};
use mote_vm::{Config, Outcome, Vm};

const OLD: &str = "mode=old\n";

fn config() -> Config {
    Config {
        heap_bytes: 256 * 1024,
        ..Config::default()
    }
}

/// The contents of `/config.txt` on a flash image, after remounting it.
fn committed(image: &[u8]) -> String {
    let mut fs: Fs<SimFlash> =
        block_on(Fs::mount(SimFlash::from_image(image.to_vec()))).expect("mount after a cut");
    let options = OpenOptions::from_mode("r").expect("mode");
    let fd = block_on(fs.open("/config.txt", options)).expect("the file survives");
    let mut out = Vec::new();
    let mut buf = [0u8; 512];
    loop {
        let n = block_on(fs.read(fd, &mut buf)).expect("read");
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn a_cut_at_any_flash_operation_leaves_the_old_or_the_new_file() {
    let new: String = (0..500).map(|i| format!("key{i}=value{i}\n")).collect();
    let rewrite = format!(
        "try:\n    with open('config.txt', 'w') as f:\n        for line in {:?}.splitlines(True):\n            f.write(line)\n    print('done')\nexcept OSError as e:\n    print('errno', e.errno)\n",
        new
    );
    let mut base: Fs<SimFlash> = block_on(Fs::format(SimFlash::new(64 * 1024))).expect("format");
    let w = block_on(base.open("/config.txt", OpenOptions::from_mode("w").unwrap())).unwrap();
    block_on(base.write(w, OLD.as_bytes())).unwrap();
    block_on(base.close(w)).unwrap();
    let image = block_on(base.unmount()).expect("unmount").image().to_vec();

    let (mut old_seen, mut new_seen) = (0, 0);
    for cut in 0.. {
        assert!(cut < 5000, "the rewrite never finished");
        let fs = block_on(Fs::mount(SimFlash::from_image(image.clone()))).expect("mount");
        let mut vm = Vm::new(config(), SimHost::new(fs)).expect("the VM starts");
        vm.host_mut()
            .flash_fs()
            .inner()
            .flash()
            .cut_power_at(cut, cut % 2 == 1, cut);
        let outcome = vm.run_source(&rewrite, "<cut>");
        let out = String::from_utf8(vm.host_mut().take_stdout()).expect("UTF-8");
        assert_eq!(outcome, Outcome::Ok, "cut {cut}");
        let was_cut = vm.host_mut().flash_fs().inner().flash().is_cut();
        let after = vm.host_mut().flash_fs().inner().flash().image().to_vec();
        drop(vm);
        let contents = committed(&after);
        if !was_cut {
            assert_eq!(out, "done\n");
            assert_eq!(contents, new);
            new_seen += 1;
            break;
        }
        assert!(
            out == "errno 5\n" || out == "done\n",
            "cut {cut}: Python printed {out:?}"
        );
        if contents == OLD {
            old_seen += 1;
        } else {
            assert_eq!(contents, new, "cut {cut}: a mix of old and new");
            new_seen += 1;
        }
    }
    println!("cuts: {old_seen} left the old file, {new_seen} the new one");
    assert!(old_seen >= 5, "the rewrite was cut at few operations");
}
