//! The filesystem's operations through its public API, on the simulated flash.

mod common;

use embassy_futures::block_on;
use mote_storage::sim::SimFlash;
use mote_storage::{Error, Fs, Kind, OpenOptions, SeekFrom};

use common::TestFs;

fn fresh(size: usize) -> TestFs {
    block_on(Fs::format(SimFlash::new(size))).unwrap()
}

fn mode(m: &str) -> OpenOptions {
    OpenOptions::from_mode(m).unwrap()
}

fn write_file(fs: &mut TestFs, path: &str, data: &[u8]) -> Result<(), Error> {
    block_on(async {
        let fd = fs.open(path, mode("w")).await?;
        let written = fs.write(fd, data).await;
        let closed = fs.close(fd).await;
        written.and(closed)
    })
}

fn read_file(fs: &mut TestFs, path: &str) -> Result<Vec<u8>, Error> {
    common::read_path(fs, path, 700)
}

fn list(fs: &mut TestFs, path: &str) -> Vec<(String, Kind)> {
    block_on(async {
        let mut cursor = fs.open_dir(path).await.unwrap();
        let mut names = Vec::new();
        while let Some(e) = fs.next_entry(&mut cursor).await.unwrap() {
            names.push((e.name.as_str().to_string(), e.kind));
        }
        names
    })
}

fn pattern(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
        .collect()
}

fn remount(fs: TestFs) -> TestFs {
    let flash = block_on(fs.unmount()).unwrap();
    block_on(Fs::mount(flash)).unwrap()
}

#[test]
fn files_survive_remount_at_every_size_class() {
    let mut fs = fresh(256 * 1024);
    let sizes = [0usize, 1, 997, 2022, 2023, 2024, 4046, 4047, 20_000];
    for (i, &n) in sizes.iter().enumerate() {
        write_file(&mut fs, &format!("/f{i}"), &pattern(n, i as u8)).unwrap();
    }
    let mut fs = remount(fs);
    for (i, &n) in sizes.iter().enumerate() {
        assert_eq!(
            read_file(&mut fs, &format!("/f{i}")).unwrap(),
            pattern(n, i as u8)
        );
        let st = block_on(fs.stat(&format!("f{i}"))).unwrap();
        assert_eq!((st.kind, st.size as usize), (Kind::File, n));
    }
}

#[test]
fn overwrite_append_seek_and_partial_rewrite() {
    let mut fs = fresh(128 * 1024);
    write_file(&mut fs, "/a", &pattern(3000, 1)).unwrap();
    write_file(&mut fs, "/a", b"short").unwrap();
    assert_eq!(read_file(&mut fs, "/a").unwrap(), b"short");
    block_on(async {
        let fd = fs.open("/a", mode("a")).await.unwrap();
        fs.write(fd, b" tail").await.unwrap();
        fs.close(fd).await.unwrap();
        let fd = fs.open("/a", mode("r+")).await.unwrap();
        assert_eq!(fs.seek(fd, SeekFrom::Start(1)).unwrap(), 1);
        fs.write(fd, b"HO").await.unwrap();
        assert_eq!(fs.tell(fd).unwrap(), 3);
        assert_eq!(fs.seek(fd, SeekFrom::End(2)).unwrap(), 12);
        fs.write(fd, b"!").await.unwrap();
        fs.close(fd).await.unwrap();
    });
    assert_eq!(read_file(&mut fs, "/a").unwrap(), b"sHOrt tail\0\0!");
    let mut fs = remount(fs);
    assert_eq!(read_file(&mut fs, "/a").unwrap(), b"sHOrt tail\0\0!");
}

#[test]
fn uncommitted_writes_are_invisible_until_close() {
    let mut fs = fresh(64 * 1024);
    write_file(&mut fs, "/c", b"old").unwrap();
    let fd = block_on(fs.open("/c", mode("w"))).unwrap();
    block_on(fs.write(fd, &pattern(2500, 3))).unwrap();
    assert_eq!(block_on(fs.stat("/c")).unwrap().size, 3);
    assert_eq!(block_on(fs.open("/c", mode("r"))), Err(Error::Busy));
    block_on(fs.flush(fd)).unwrap();
    assert_eq!(block_on(fs.stat("/c")).unwrap().size, 2500);
    block_on(fs.close(fd)).unwrap();
    assert_eq!(read_file(&mut fs, "/c").unwrap(), pattern(2500, 3));
}

#[test]
fn directories_nest_list_and_refuse_bad_removals() {
    let mut fs = fresh(64 * 1024);
    block_on(fs.mkdir("/lib")).unwrap();
    block_on(fs.mkdir("/lib/net")).unwrap();
    write_file(&mut fs, "/lib/net/http.py", b"x = 1\n").unwrap();
    write_file(&mut fs, "/lib/a.py", b"").unwrap();
    assert_eq!(
        list(&mut fs, "/lib"),
        vec![
            ("net".to_string(), Kind::Dir),
            ("a.py".to_string(), Kind::File)
        ]
    );
    assert_eq!(block_on(fs.mkdir("/lib")), Err(Error::Exists));
    assert_eq!(block_on(fs.rmdir("/lib")), Err(Error::NotEmpty));
    assert_eq!(block_on(fs.remove("/lib")), Err(Error::IsADirectory));
    assert_eq!(block_on(fs.rmdir("/lib/a.py")), Err(Error::NotADirectory));
    assert_eq!(block_on(fs.stat("/lib/a.py/x")), Err(Error::NotADirectory));
    assert_eq!(block_on(fs.stat("/nope/x")), Err(Error::NotFound));
    block_on(fs.remove("/lib/net/http.py")).unwrap();
    block_on(fs.rmdir("/lib/net")).unwrap();
    assert_eq!(
        list(&mut fs, "/lib"),
        vec![("a.py".to_string(), Kind::File)]
    );
    let mut fs = remount(fs);
    assert_eq!(list(&mut fs, "/"), vec![("lib".to_string(), Kind::Dir)]);
}

#[test]
fn rename_moves_and_replaces() {
    let mut fs = fresh(64 * 1024);
    block_on(fs.mkdir("/d")).unwrap();
    write_file(&mut fs, "/a", b"aaa").unwrap();
    write_file(&mut fs, "/d/b", b"bbb").unwrap();
    block_on(fs.rename("/a", "/d/b")).unwrap();
    assert_eq!(read_file(&mut fs, "/d/b").unwrap(), b"aaa");
    assert_eq!(block_on(fs.stat("/a")), Err(Error::NotFound));
    block_on(fs.rename("/d", "/e")).unwrap();
    assert_eq!(read_file(&mut fs, "/e/b").unwrap(), b"aaa");
    assert_eq!(
        block_on(fs.rename("/e", "/e/sub")),
        Err(Error::InvalidInput)
    );
    assert_eq!(block_on(fs.rename("/missing", "/x")), Err(Error::NotFound));
    let mut fs = remount(fs);
    assert_eq!(list(&mut fs, "/"), vec![("e".to_string(), Kind::Dir)]);
}

#[test]
fn open_modes_and_descriptor_errors() {
    let mut fs = fresh(64 * 1024);
    assert_eq!(block_on(fs.open("/x", mode("r"))), Err(Error::NotFound));
    let fd = block_on(fs.open("/x", mode("x"))).unwrap();
    block_on(fs.close(fd)).unwrap();
    assert_eq!(block_on(fs.open("/x", mode("x"))), Err(Error::Exists));
    let fd = block_on(fs.open("/x", mode("r"))).unwrap();
    assert_eq!(block_on(fs.write(fd, b"no")), Err(Error::BadDescriptor));
    block_on(fs.close(fd)).unwrap();
    assert_eq!(
        block_on(fs.read(fd, &mut [0; 4])),
        Err(Error::BadDescriptor)
    );
    assert_eq!(block_on(fs.open("/", mode("r"))), Err(Error::IsADirectory));
    let long = format!("/{}", "n".repeat(65));
    assert_eq!(block_on(fs.open(&long, mode("w"))), Err(Error::NameTooLong));
    let ok = format!("/{}", "é".repeat(32));
    write_file(&mut fs, &ok, b"1").unwrap();
    assert_eq!(read_file(&mut fs, &ok).unwrap(), b"1");
    let fds: Vec<_> = (0..4)
        .map(|i| block_on(fs.open(&format!("/m{i}"), mode("w"))).unwrap())
        .collect();
    assert_eq!(
        block_on(fs.open("/m9", mode("w"))),
        Err(Error::TooManyOpenFiles)
    );
    for fd in fds {
        block_on(fs.close(fd)).unwrap();
    }
    assert!(OpenOptions::from_mode("rw").is_err());
}

#[test]
fn full_flash_gives_no_space_and_keeps_committed_files() {
    let mut fs = fresh(64 * 1024);
    write_file(&mut fs, "/keep", &pattern(4000, 9)).unwrap();
    let mut last_ok = 0;
    let mut result = Ok(());
    for i in 0..200 {
        result = write_file(&mut fs, &format!("/fill{i}"), &pattern(3000, i as u8));
        if result.is_err() {
            break;
        }
        last_ok = i;
    }
    assert_eq!(result, Err(Error::NoSpace));
    assert!(last_ok > 3);
    let stats = block_on(fs.statvfs()).unwrap();
    assert!(stats.free_bytes < stats.total_bytes / 2);
    assert_eq!(read_file(&mut fs, "/keep").unwrap(), pattern(4000, 9));
    let mut fs = remount(fs);
    assert_eq!(read_file(&mut fs, "/keep").unwrap(), pattern(4000, 9));
    for i in 0..=last_ok {
        assert_eq!(
            read_file(&mut fs, &format!("/fill{i}")).unwrap(),
            pattern(3000, i as u8)
        );
    }
    for i in 0..=last_ok {
        block_on(fs.remove(&format!("/fill{i}"))).unwrap();
    }
    write_file(&mut fs, "/after", &pattern(8000, 4)).unwrap();
    assert_eq!(read_file(&mut fs, "/after").unwrap(), pattern(8000, 4));
}

#[test]
fn statvfs_tracks_usage() {
    let mut fs = fresh(128 * 1024);
    let empty = block_on(fs.statvfs()).unwrap();
    // 32 sectors: the geometry sector, 15 for the map (one kept free for compaction), 16
    // data sectors.
    assert_eq!(empty.total_bytes, 14 * (4096 - 8) + 16 * 4096);
    write_file(&mut fs, "/big", &pattern(20_000, 1)).unwrap();
    let used = block_on(fs.statvfs()).unwrap();
    assert!(empty.free_bytes - used.free_bytes >= 20_000);
}

#[test]
fn mount_of_blank_or_garbage_flash_is_an_error() {
    assert!(matches!(
        block_on(TestFs::mount(SimFlash::new(64 * 1024))),
        Err(Error::Corrupt)
    ));
    let garbage: Vec<u8> = (0..64 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert!(block_on(TestFs::mount(SimFlash::from_image(garbage))).is_err());
}

#[test]
fn truncate_cuts_and_extends_across_the_inline_limit_and_commits_at_close() {
    let mut fs = fresh(256 * 1024);
    let cs = fs.chunk_size() as usize;
    let data = pattern(3 * cs + 10, 9);
    write_file(&mut fs, "/t", &data).unwrap();
    for len in [2 * cs + 1, cs, cs - 1, 0, 5, cs + 3, 3 * cs] {
        let before = read_file(&mut fs, "/t").unwrap();
        block_on(async {
            let fd = fs.open("/t", mode("r+")).await.unwrap();
            fs.seek(fd, SeekFrom::Start(2)).unwrap();
            fs.truncate(fd, len as u32).await.unwrap();
            assert_eq!(fs.tell(fd).unwrap(), 2);
            assert_eq!(fs.size(fd).unwrap() as usize, len);
            // Not committed until close.
            assert_eq!(fs.stat("/t").await.unwrap().size as usize, before.len());
            fs.close(fd).await.unwrap();
        });
        let mut expected = before.clone();
        expected.resize(len, 0);
        assert_eq!(read_file(&mut fs, "/t").unwrap(), expected, "len {len}");
        let flash = block_on(fs.unmount()).unwrap();
        fs = block_on(Fs::mount(flash)).unwrap();
        assert_eq!(
            read_file(&mut fs, "/t").unwrap(),
            expected,
            "len {len} remounted"
        );
    }
    let fd = block_on(fs.open("/t", mode("r"))).unwrap();
    assert_eq!(block_on(fs.truncate(fd, 0)), Err(Error::BadDescriptor));
}

#[test]
fn a_flash_filled_with_small_files_still_removes_renames_and_remounts() {
    let mut fs = fresh(32 * 1024);
    let mut made = 0;
    let result = loop {
        let r = write_file(&mut fs, &format!("/s{made}"), &pattern(100, made as u8));
        if r.is_err() || made == 2000 {
            break r;
        }
        made += 1;
    };
    assert_eq!(result, Err(Error::NoSpace));
    assert!(made > 30, "{made}");
    let check = |fs: &mut TestFs, from: usize| {
        for i in from..made {
            assert_eq!(
                read_file(fs, &format!("/s{i}")).unwrap(),
                pattern(100, i as u8)
            );
        }
    };
    check(&mut fs, 0);
    let mut fs = remount(fs);
    check(&mut fs, 0);
    block_on(fs.remove("/s0")).unwrap();
    block_on(fs.remove("/s1")).unwrap();
    block_on(fs.rename("/s2", "/renamed")).unwrap();
    write_file(&mut fs, "/again", &pattern(100, 1)).unwrap();
    let mut fs = remount(fs);
    check(&mut fs, 3);
    assert_eq!(read_file(&mut fs, "/renamed").unwrap(), pattern(100, 2));
    assert_eq!(read_file(&mut fs, "/again").unwrap(), pattern(100, 1));
    assert_eq!(read_file(&mut fs, "/s0"), Err(Error::NotFound));
}
