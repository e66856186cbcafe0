//! mote-storage against littlefs (through the `littlefs2` crate) on the same simulated NOR
//! flash (4 KiB sectors), the same partitions (1 MiB, 4 MiB) and the same workloads. Prints a
//! table: bytes programmed per byte of file data, sector erases, operations per second (for
//! small files also each operation alone: reading back and removing files written earlier), the
//! bytes files of 200 B, 3,000 B and 8 KiB (and a mix of small and large files) store until
//! the first refusal, mount time and bytes read when mounting a full partition, and RAM.
//! Each workload runs three times for each filesystem, alternating; the fastest run counts,
//! and the ratio of the two is printed.
//!
//! Run with `cargo bench -p mote-storage --bench vs_littlefs` (add `-- workloads` for the
//! workload tables only, `-- only=NAME` for the workloads whose name holds NAME, `-- capacity-4m` for the 4 MiB capacity row, which takes about half an hour:
//! each compaction of a full 4 MiB map looks every moved record up across the map).

use std::time::{Duration, Instant};

use embassy_futures::block_on;
use embedded_storage_async::nor_flash::{NorFlash, ReadNorFlash};
use littlefs2::consts::{U32, U512};
use littlefs2::driver::Storage;
use littlefs2::fs::{Allocation, FileAllocation, Filesystem};
use littlefs2::path::PathBuf;
use mote_storage::sim::SimFlash;
use mote_storage::{Error, Fs, OpenOptions, MOUNTED_RAM, OPEN_FILE_RAM};

/// The simulated flash seen through littlefs's driver trait; `BLOCKS` sectors of 4 KiB.
struct LfsFlash<const BLOCKS: usize> {
    flash: SimFlash,
}

impl<const BLOCKS: usize> Storage for LfsFlash<BLOCKS> {
    // MicroPython's ESP32 port configures littlefs with 32-byte reads and programs.
    const READ_SIZE: usize = 32;
    const WRITE_SIZE: usize = 32;
    const BLOCK_SIZE: usize = 4096;
    const BLOCK_COUNT: usize = BLOCKS;
    const BLOCK_CYCLES: isize = 100;
    type CACHE_SIZE = U512;
    type LOOKAHEAD_SIZE = U32;

    fn read(&mut self, off: usize, buf: &mut [u8]) -> littlefs2::io::Result<usize> {
        block_on(self.flash.read(off as u32, buf)).map_err(|_| littlefs2::io::Error::IO)?;
        Ok(buf.len())
    }
    fn write(&mut self, off: usize, data: &[u8]) -> littlefs2::io::Result<usize> {
        block_on(self.flash.write(off as u32, data)).map_err(|_| littlefs2::io::Error::IO)?;
        Ok(data.len())
    }
    fn erase(&mut self, off: usize, len: usize) -> littlefs2::io::Result<usize> {
        block_on(self.flash.erase(off as u32, (off + len) as u32))
            .map_err(|_| littlefs2::io::Error::IO)?;
        Ok(len)
    }
}

/// One step of a workload.
enum Step {
    /// Create or replace `path` with `len` bytes.
    Write {
        path: String,
        len: usize,
    },
    /// Append `len` bytes to `path` (open, write, close).
    Append {
        path: String,
        len: usize,
    },
    Mkdir {
        path: String,
    },
    /// Read `path` whole.
    Read {
        path: String,
    },
    /// Remove `path`.
    Remove {
        path: String,
    },
}

fn data(len: usize, seed: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 + seed * 7) as u8).collect()
}

/// A workload: `setup` runs first, untimed and uncounted; the figures are those of `steps`.
struct Workload {
    name: &'static str,
    setup: Vec<Step>,
    steps: Vec<Step>,
}

impl Workload {
    fn timed(name: &'static str, steps: Vec<Step>) -> Self {
        Workload {
            name,
            setup: Vec::new(),
            steps,
        }
    }
}

fn workloads(size: usize) -> Vec<Workload> {
    let scale = size / (1024 * 1024);
    let small_path = |i: usize| format!("/d{}/file{i}.py", i % 4);
    let many_small = || {
        let mut steps: Vec<Step> = (0..4)
            .map(|d| Step::Mkdir {
                path: format!("/d{d}"),
            })
            .collect();
        steps.extend((0..250 * scale).map(|i| Step::Write {
            path: small_path(i),
            len: 100 + (i * 37) % 400,
        }));
        steps
    };
    let few_large = (0..3)
        .map(|i| Step::Write {
            path: format!("/large{i}.bin"),
            len: 200 * 1024 * scale,
        })
        .collect();
    let log = (0..2000)
        .map(|_| Step::Append {
            path: "/log.txt".into(),
            len: 64,
        })
        .collect();
    let config = (0..1000)
        .map(|_| Step::Write {
            path: "/config.json".into(),
            len: 200,
        })
        .collect();
    // The small files again, each read back, then all removed: every step a small-file
    // operation.
    let small_cycle = {
        let mut steps = Vec::new();
        for (i, step) in many_small().into_iter().enumerate() {
            if matches!(step, Step::Write { .. } | Step::Mkdir { .. }) {
                steps.push(step);
            }
            if i >= 4 {
                steps.push(Step::Read {
                    path: small_path(i - 4),
                });
            }
        }
        steps.extend((0..250 * scale).map(|i| Step::Remove {
            path: small_path(i),
        }));
        steps
    };
    // Each small-file operation alone, on files written earlier (not just written, so not
    // in any cache of recent records).
    let read_all = (0..250 * scale)
        .map(|i| Step::Read {
            path: small_path(i),
        })
        .collect();
    let remove_all = (0..250 * scale)
        .map(|i| Step::Remove {
            path: small_path(i),
        })
        .collect();
    vec![
        Workload::timed("many small files", many_small()),
        Workload {
            name: "small files: read each back",
            setup: many_small(),
            steps: read_all,
        },
        Workload {
            name: "small files: remove each",
            setup: many_small(),
            steps: remove_all,
        },
        Workload::timed("small files: create+write, read, remove", small_cycle),
        Workload::timed("few large files", few_large),
        Workload::timed("append-heavy log", log),
        Workload::timed("overwrite config x1000", config),
    ]
}

/// What one run measured.
struct Figures {
    data_bytes: u64,
    programmed: u64,
    erases: u64,
    steps: usize,
    elapsed: Duration,
}

fn mote_run(size: usize, workload: &Workload) -> Result<Figures, Error> {
    let mut fs: Fs<SimFlash, 2> = block_on(Fs::format(SimFlash::new(size)))?;
    let mut data_bytes = 0;
    mote_steps(&mut fs, &workload.setup, &mut data_bytes)?;
    fs.flash().reset_stats();
    data_bytes = 0;
    let start = Instant::now();
    mote_steps(&mut fs, &workload.steps, &mut data_bytes)?;
    let elapsed = start.elapsed();
    let stats = fs.flash().total_stats();
    Ok(Figures {
        data_bytes,
        programmed: stats.bytes_written,
        erases: stats.erases,
        steps: workload.steps.len(),
        elapsed,
    })
}

fn mote_steps(fs: &mut Fs<SimFlash, 2>, steps: &[Step], data_bytes: &mut u64) -> Result<(), Error> {
    for (i, step) in steps.iter().enumerate() {
        block_on(async {
            match step {
                Step::Write { path, len } | Step::Append { path, len } => {
                    let mode = if matches!(step, Step::Write { .. }) {
                        "w"
                    } else {
                        "a"
                    };
                    let fd = fs.open(path, OpenOptions::from_mode(mode)?).await?;
                    fs.write(fd, &data(*len, i)).await?;
                    *data_bytes += *len as u64;
                    fs.close(fd).await
                }
                Step::Mkdir { path } => fs.mkdir(path).await,
                Step::Read { path } => {
                    let fd = fs.open(path, OpenOptions::from_mode("r")?).await?;
                    let mut buf = [0u8; 512];
                    while fs.read(fd, &mut buf).await? > 0 {}
                    fs.close(fd).await
                }
                Step::Remove { path } => fs.remove(path).await,
            }
        })?;
    }
    Ok(())
}

fn lfs_path(p: &str) -> PathBuf {
    PathBuf::try_from(p).expect("benchmark paths are valid littlefs paths")
}

fn lfs_run<const BLOCKS: usize>(workload: &Workload) -> littlefs2::io::Result<Figures> {
    let mut storage = LfsFlash::<BLOCKS> {
        flash: SimFlash::new(BLOCKS * 4096),
    };
    Filesystem::format(&mut storage)?;
    let mut alloc = Filesystem::allocate();
    let mut data_bytes = 0;
    {
        let fs = Filesystem::mount(&mut alloc, &mut storage)?;
        lfs_steps(&fs, &workload.setup, &mut data_bytes)?;
    }
    storage.flash.reset_stats();
    data_bytes = 0;
    let mut alloc = Filesystem::allocate();
    let start = Instant::now();
    {
        let fs = Filesystem::mount(&mut alloc, &mut storage)?;
        lfs_steps(&fs, &workload.steps, &mut data_bytes)?;
    }
    let elapsed = start.elapsed();
    let stats = storage.flash.total_stats();
    Ok(Figures {
        data_bytes,
        programmed: stats.bytes_written,
        erases: stats.erases,
        steps: workload.steps.len(),
        elapsed,
    })
}

fn lfs_steps<S: Storage>(
    fs: &Filesystem<'_, S>,
    steps: &[Step],
    data_bytes: &mut u64,
) -> littlefs2::io::Result<()> {
    {
        for (i, step) in steps.iter().enumerate() {
            match step {
                Step::Write { path, len } => {
                    fs.write(&lfs_path(path), &data(*len, i))?;
                    *data_bytes += *len as u64;
                }
                Step::Append { path, len } => {
                    fs.open_file_with_options_and_then(
                        |o| o.write(true).create(true).append(true),
                        &lfs_path(path),
                        |file| file.write(&data(*len, i)),
                    )?;
                    *data_bytes += *len as u64;
                }
                Step::Mkdir { path } => fs.create_dir(&lfs_path(path))?,
                Step::Read { path } => {
                    fs.read::<512>(&lfs_path(path))?;
                }
                Step::Remove { path } => fs.remove(&lfs_path(path))?,
            }
        }
    }
    Ok(())
}

/// Fills a partition with 8 KiB files until it refuses, then times mounts; returns (files,
/// microseconds per mount, bytes read per mount).
fn mote_mount_full(size: usize) -> (usize, f64, u64) {
    let mut fs: Fs<SimFlash, 2> = block_on(Fs::format(SimFlash::new(size))).unwrap();
    let mut files = 0;
    loop {
        let written = block_on(async {
            let fd = fs
                .open(&format!("/f{files}"), OpenOptions::from_mode("w")?)
                .await?;
            let w = fs.write(fd, &data(8192, files)).await;
            let c = fs.close(fd).await;
            w.and(c)
        });
        if written.is_err() {
            break;
        }
        files += 1;
    }
    let _ = block_on(fs.remove(&format!("/f{files}")));
    let mut flash = block_on(fs.unmount()).unwrap();
    let rounds = 5;
    flash.reset_stats();
    let start = Instant::now();
    for _ in 0..rounds {
        let mounted: Result<Fs<&mut SimFlash, 2>, Error> = block_on(Fs::mount(&mut flash));
        assert!(mounted.is_ok());
    }
    let per = start.elapsed().as_secs_f64() * 1e6 / rounds as f64;
    (files, per, bytes_read(&flash) / rounds as u64)
}

fn bytes_read(flash: &SimFlash) -> u64 {
    flash.total_stats().bytes_read
}

fn lfs_mount_full<const BLOCKS: usize>() -> (usize, f64, u64) {
    let mut storage = LfsFlash::<BLOCKS> {
        flash: SimFlash::new(BLOCKS * 4096),
    };
    Filesystem::format(&mut storage).unwrap();
    let mut files = 0;
    {
        let mut alloc = Filesystem::allocate();
        let fs = Filesystem::mount(&mut alloc, &mut storage).unwrap();
        while fs
            .write(&lfs_path(&format!("/f{files}")), &data(8192, files))
            .is_ok()
        {
            files += 1;
        }
        let _ = fs.remove(&lfs_path(&format!("/f{files}")));
    }
    storage.flash.reset_stats();
    let rounds = 5;
    let start = Instant::now();
    for _ in 0..rounds {
        let mut alloc = Filesystem::allocate();
        let fs = Filesystem::mount(&mut alloc, &mut storage).unwrap();
        // littlefs scans for free blocks lazily; the first allocation after mount pays it.
        fs.available_space().unwrap();
    }
    let per = start.elapsed().as_secs_f64() * 1e6 / rounds as f64;
    (files, per, bytes_read(&storage.flash) / rounds as u64)
}

/// Files per directory in the capacity runs.
const PER_DIR: usize = 128;

/// Writes `len`-byte files (in directories of [`PER_DIR`]) until the first refusal; returns
/// the bytes stored.
fn mote_fill(fs: &mut Fs<SimFlash, 2>, prefix: &str, len: usize) -> usize {
    let mut files = 0;
    loop {
        let written = block_on(async {
            if files % PER_DIR == 0 {
                fs.mkdir(&format!("/{prefix}{}", files / PER_DIR)).await?;
            }
            let path = format!("/{prefix}{}/{files}", files / PER_DIR);
            let fd = fs.open(&path, OpenOptions::from_mode("w")?).await?;
            let w = fs.write(fd, &data(len, files)).await;
            let c = fs.close(fd).await;
            w.and(c)
        });
        if written.is_err() {
            return files * len;
        }
        files += 1;
    }
}

fn lfs_fill<S: Storage>(fs: &Filesystem<'_, S>, prefix: &str, len: usize) -> usize {
    let mut files = 0;
    loop {
        if files % PER_DIR == 0
            && fs
                .create_dir(&lfs_path(&format!("/{prefix}{}", files / PER_DIR)))
                .is_err()
        {
            return files * len;
        }
        let path = format!("/{prefix}{}/{files}", files / PER_DIR);
        if fs.write(&lfs_path(&path), &data(len, files)).is_err() {
            return files * len;
        }
        files += 1;
    }
}

/// Capacity: bytes stored by files of one size until the first refusal, then the mixed run
/// (3,000-byte files up to half the partition, a large file of what is left, half the small
/// files removed, a large file again): the bytes held at the end.
fn mote_capacity(size: usize) -> ([usize; 3], usize) {
    let mut sizes = [0; 3];
    for (i, len) in [200, 3000, 8192].into_iter().enumerate() {
        let mut fs: Fs<SimFlash, 2> = block_on(Fs::format(SimFlash::new(size))).unwrap();
        sizes[i] = mote_fill(&mut fs, "f", len);
    }
    let mut fs: Fs<SimFlash, 2> = block_on(Fs::format(SimFlash::new(size))).unwrap();
    let small = mote_fill_until(&mut fs, size / 2);
    let large1 = mote_large(&mut fs, "/large1");
    for i in (0..small).step_by(2) {
        block_on(fs.remove(&format!("/s{}/{i}", i / PER_DIR))).unwrap();
    }
    let large2 = mote_large(&mut fs, "/large2");
    (sizes, small / 2 * 3000 + large1 + large2)
}

fn mote_fill_until(fs: &mut Fs<SimFlash, 2>, bytes: usize) -> usize {
    let mut files = 0;
    while files * 3000 < bytes {
        block_on(async {
            if files % PER_DIR == 0 {
                fs.mkdir(&format!("/s{}", files / PER_DIR)).await?;
            }
            let fd = fs
                .open(
                    &format!("/s{}/{files}", files / PER_DIR),
                    OpenOptions::from_mode("w")?,
                )
                .await?;
            fs.write(fd, &data(3000, files)).await?;
            fs.close(fd).await
        })
        .unwrap();
        files += 1;
    }
    files
}

/// Writes a file of the size `statvfs` reports free, less a sector of metadata (a refusal
/// costs a full turn of compaction of the map, so no search); returns its size (0 if it
/// did not fit).
fn mote_large(fs: &mut Fs<SimFlash, 2>, path: &str) -> usize {
    let len = (block_on(fs.statvfs()).unwrap().free_bytes as usize).saturating_sub(4096);
    let written = block_on(async {
        let fd = fs.open(path, OpenOptions::from_mode("w")?).await?;
        let w = fs.write(fd, &data(len, 1)).await;
        let c = fs.close(fd).await;
        w.and(c)
    });
    if written.is_ok() {
        len
    } else {
        0
    }
}

fn lfs_capacity<const BLOCKS: usize>() -> ([usize; 3], usize) {
    let mut sizes = [0; 3];
    for (i, len) in [200, 3000, 8192].into_iter().enumerate() {
        let mut storage = LfsFlash::<BLOCKS> {
            flash: SimFlash::new(BLOCKS * 4096),
        };
        Filesystem::format(&mut storage).unwrap();
        let mut alloc = Filesystem::allocate();
        let fs = Filesystem::mount(&mut alloc, &mut storage).unwrap();
        sizes[i] = lfs_fill(&fs, "f", len);
    }
    let mut storage = LfsFlash::<BLOCKS> {
        flash: SimFlash::new(BLOCKS * 4096),
    };
    Filesystem::format(&mut storage).unwrap();
    let mut alloc = Filesystem::allocate();
    let fs = Filesystem::mount(&mut alloc, &mut storage).unwrap();
    let mut small = 0;
    while small * 3000 < BLOCKS * 4096 / 2 {
        if small % PER_DIR == 0 {
            fs.create_dir(&lfs_path(&format!("/s{}", small / PER_DIR)))
                .unwrap();
        }
        let path = format!("/s{}/{small}", small / PER_DIR);
        if fs.write(&lfs_path(&path), &data(3000, small)).is_err() {
            break;
        }
        small += 1;
    }
    let large1 = lfs_large(&fs, "/large1");
    for i in (0..small).step_by(2) {
        fs.remove(&lfs_path(&format!("/s{}/{i}", i / PER_DIR)))
            .unwrap();
    }
    let large2 = lfs_large(&fs, "/large2");
    (sizes, small / 2 * 3000 + large1 + large2)
}

fn lfs_large<S: Storage>(fs: &Filesystem<'_, S>, path: &str) -> usize {
    let (mut lo, mut hi) = (0usize, S::BLOCK_COUNT * 4096);
    while hi - lo > 512 {
        let mid = (lo + hi) / 2;
        let _ = fs.remove(&lfs_path(path));
        if fs.write(&lfs_path(path), &data(mid, 1)).is_ok() {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let _ = fs.remove(&lfs_path(path));
    if fs.write(&lfs_path(path), &data(lo, 1)).is_ok() {
        lo
    } else {
        0
    }
}

fn capacity_rows(size: usize, mote: ([usize; 3], usize), lfs: ([usize; 3], usize)) {
    println!("capacity (bytes stored until the first refusal; % of the partition):");
    println!(
        "  {:<10} {:>18} {:>18} {:>18} {:>18}",
        "fs", "200 B files", "3,000 B files", "8 KiB files", "mixed"
    );
    for (name, (sizes, mixed)) in [("mote", mote), ("littlefs", lfs)] {
        let cell = |b: usize| format!("{b} {:.1}%", 100.0 * b as f64 / size as f64);
        println!(
            "  {name:<10} {:>18} {:>18} {:>18} {:>18}",
            cell(sizes[0]),
            cell(sizes[1]),
            cell(sizes[2]),
            cell(mixed)
        );
    }
}

/// Timed runs of each workload; the fastest counts.
const RUNS: usize = 3;

/// Whether `new` is a result to keep over `best`: the first, or a faster success.
fn faster<E>(new: &Result<Figures, E>, best: &Option<Result<Figures, E>>) -> bool {
    match (new, best) {
        (_, None) => true,
        (Ok(n), Some(Ok(b))) => n.elapsed < b.elapsed,
        _ => false,
    }
}

fn row(fs: &str, f: &Figures) {
    // Reads and removes write no file data: their cost shows as bytes programmed instead.
    let amplification = if f.data_bytes == 0 {
        format!("{} B", f.programmed)
    } else {
        format!("{:.3}", f.programmed as f64 / f.data_bytes as f64)
    };
    println!(
        "  {fs:<10} {:>10} {:>8} {:>12.0} {:>12}",
        amplification,
        f.erases,
        f.steps as f64 / f.elapsed.as_secs_f64(),
        f.data_bytes
    );
}

fn main() {
    // `cargo bench ... -- workloads` runs only the workload tables (the capacity runs fill
    // partitions until refused, which takes minutes).
    let only_workloads = std::env::args().any(|a| a == "workloads");
    let capacity_4m = std::env::args().any(|a| a == "capacity-4m");
    // `-- only=NAME` runs the workloads whose name contains NAME (for profiling).
    let only: Option<String> =
        std::env::args().find_map(|a| a.strip_prefix("only=").map(String::from));
    for (size, label) in [(1usize << 20, "1 MiB"), (4 << 20, "4 MiB")] {
        println!("\n== {label} partition, 4 KiB sectors");
        for workload in workloads(size) {
            if only
                .as_ref()
                .is_some_and(|o| !workload.name.contains(o.as_str()))
            {
                continue;
            }
            println!("{}:", workload.name);
            println!(
                "  {:<10} {:>10} {:>8} {:>12} {:>12}",
                "fs", "prog/data", "erases", "ops/s", "data bytes"
            );
            // Best of three runs of each, alternating, so that a busy machine slows both alike.
            let mut mote: Option<Result<Figures, Error>> = None;
            let mut lfs: Option<littlefs2::io::Result<Figures>> = None;
            for _ in 0..RUNS {
                let m = mote_run(size, &workload);
                if faster(&m, &mote) {
                    mote = Some(m);
                }
                let l = if size == 1 << 20 {
                    lfs_run::<256>(&workload)
                } else {
                    lfs_run::<1024>(&workload)
                };
                if faster(&l, &lfs) {
                    lfs = Some(l);
                }
            }
            match &mote {
                Some(Ok(f)) => row("mote", f),
                Some(Err(e)) => println!("  mote       failed: {e}"),
                None => {}
            }
            match &lfs {
                Some(Ok(f)) => row("littlefs", f),
                Some(Err(e)) => println!("  littlefs   failed: {e:?}"),
                None => {}
            }
            if let (Some(Ok(m)), Some(Ok(l))) = (&mote, &lfs) {
                println!(
                    "  ops/s mote / littlefs: {:.2}",
                    l.elapsed.as_secs_f64() / m.elapsed.as_secs_f64()
                );
            }
        }
        if only_workloads {
            continue;
        }
        let (mf, mt, mr) = mote_mount_full(size);
        let (lf, lt, lr) = if size == 1 << 20 {
            lfs_mount_full::<256>()
        } else {
            lfs_mount_full::<1024>()
        };
        if size == 1 << 20 {
            capacity_rows(size, mote_capacity(size), lfs_capacity::<256>());
        } else if capacity_4m {
            capacity_rows(size, mote_capacity(size), lfs_capacity::<1024>());
        } else {
            println!(
                "capacity: add `-- capacity-4m` (half an hour: compaction of a full 4 MiB map, issue 15)"
            );
        }
        println!("mount of a full partition (8 KiB files until no space):");
        println!("  mote       {mf:>5} files {mt:>10.0} us {mr:>10} bytes read");
        println!("  littlefs   {lf:>5} files {lt:>10.0} us {lr:>10} bytes read");
    }
    println!("\nRAM (bytes, 64-bit host):");
    println!(
        "  mote       mounted {MOUNTED_RAM} (+ flash handle) + {OPEN_FILE_RAM} per open-file slot"
    );
    println!(
        "  littlefs   mounted {} (Allocation: caches, lookahead, lfs_t) + {} per open file (FileAllocation: file cache)",
        std::mem::size_of::<Allocation<LfsFlash<256>>>(),
        std::mem::size_of::<FileAllocation<LfsFlash<256>>>()
    );
}
