//! mote-storage against littlefs (through the `littlefs2` crate) on the same simulated NOR
//! flash (4 KiB sectors), the same partitions (1 MiB, 4 MiB) and the same workloads. Prints a
//! table: bytes programmed per byte of file data, sector erases, operations per second, mount
//! time and bytes read when mounting a full partition, and RAM.
//!
//! Run with `cargo bench -p mote-storage --bench vs_littlefs`.

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
}

fn data(len: usize, seed: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 + seed * 7) as u8).collect()
}

fn workloads(size: usize) -> Vec<(&'static str, Vec<Step>)> {
    let scale = size / (1024 * 1024);
    let many_small = {
        let mut steps: Vec<Step> = (0..4)
            .map(|d| Step::Mkdir {
                path: format!("/d{d}"),
            })
            .collect();
        steps.extend((0..250 * scale).map(|i| Step::Write {
            path: format!("/d{}/file{i}.py", i % 4),
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
    vec![
        ("many small files", many_small),
        ("few large files", few_large),
        ("append-heavy log", log),
        ("overwrite config x1000", config),
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

fn mote_run(size: usize, steps: &[Step]) -> Result<Figures, Error> {
    let mut fs: Fs<SimFlash, 2> = block_on(Fs::format(SimFlash::new(size)))?;
    fs.flash().reset_stats();
    let mut data_bytes = 0;
    let start = Instant::now();
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
                    data_bytes += *len as u64;
                    fs.close(fd).await
                }
                Step::Mkdir { path } => fs.mkdir(path).await,
            }
        })?;
    }
    let elapsed = start.elapsed();
    let stats = fs.flash().total_stats();
    Ok(Figures {
        data_bytes,
        programmed: stats.bytes_written,
        erases: stats.erases,
        steps: steps.len(),
        elapsed,
    })
}

fn lfs_path(p: &str) -> PathBuf {
    PathBuf::try_from(p).expect("benchmark paths are valid littlefs paths")
}

fn lfs_run<const BLOCKS: usize>(steps: &[Step]) -> littlefs2::io::Result<Figures> {
    let mut storage = LfsFlash::<BLOCKS> {
        flash: SimFlash::new(BLOCKS * 4096),
    };
    Filesystem::format(&mut storage)?;
    storage.flash.reset_stats();
    let mut alloc = Filesystem::allocate();
    let mut data_bytes = 0;
    let start = Instant::now();
    {
        let fs = Filesystem::mount(&mut alloc, &mut storage)?;
        for (i, step) in steps.iter().enumerate() {
            match step {
                Step::Write { path, len } => {
                    fs.write(&lfs_path(path), &data(*len, i))?;
                    data_bytes += *len as u64;
                }
                Step::Append { path, len } => {
                    fs.open_file_with_options_and_then(
                        |o| o.write(true).create(true).append(true),
                        &lfs_path(path),
                        |file| file.write(&data(*len, i)),
                    )?;
                    data_bytes += *len as u64;
                }
                Step::Mkdir { path } => fs.create_dir(&lfs_path(path))?,
            }
        }
    }
    let elapsed = start.elapsed();
    let stats = storage.flash.total_stats();
    Ok(Figures {
        data_bytes,
        programmed: stats.bytes_written,
        erases: stats.erases,
        steps: steps.len(),
        elapsed,
    })
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

fn row(fs: &str, f: &Figures) {
    println!(
        "  {fs:<10} {:>10.3} {:>8} {:>12.0} {:>12}",
        f.programmed as f64 / f.data_bytes.max(1) as f64,
        f.erases,
        f.steps as f64 / f.elapsed.as_secs_f64(),
        f.data_bytes
    );
}

fn main() {
    for (size, label) in [(1usize << 20, "1 MiB"), (4 << 20, "4 MiB")] {
        println!("\n== {label} partition, 4 KiB sectors");
        for (name, steps) in workloads(size) {
            println!("{name}:");
            println!(
                "  {:<10} {:>10} {:>8} {:>12} {:>12}",
                "fs", "prog/data", "erases", "ops/s", "data bytes"
            );
            match mote_run(size, &steps) {
                Ok(f) => row("mote", &f),
                Err(e) => println!("  mote       failed: {e}"),
            }
            let lfs = if size == 1 << 20 {
                lfs_run::<256>(&steps)
            } else {
                lfs_run::<1024>(&steps)
            };
            match lfs {
                Ok(f) => row("littlefs", &f),
                Err(e) => println!("  littlefs   failed: {e:?}"),
            }
        }
        let (mf, mt, mr) = mote_mount_full(size);
        let (lf, lt, lr) = if size == 1 << 20 {
            lfs_mount_full::<256>()
        } else {
            lfs_mount_full::<1024>()
        };
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
