//! `mote image`: prepare a mote filesystem image on the host before flashing it (what
//! mklittlefs and littlefs-python do for MicroPython's littlefs).
//!
//! The image is a raw NOR flash partition (4 KiB sectors) holding a `mote-storage`
//! filesystem. Every subcommand reports errors on stderr and exits non-zero; a bad or corrupt
//! image is refused, never half-read.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use embassy_futures::block_on;
use mote_storage::sim::{SimFlash, ERASE_SIZE};
use mote_storage::{Error, Fs, Kind, OpenOptions};

type ImageFs = Fs<SimFlash, 2>;

/// Arguments of `mote image`.
#[derive(Args)]
pub struct ImageArgs {
    #[command(subcommand)]
    command: ImageCommand,
}

/// The `mote image` subcommands.
#[derive(Subcommand)]
enum ImageCommand {
    /// Create an image holding an empty filesystem.
    Create {
        /// Partition size (e.g. 1M, 512K, 64KiB): a multiple of 4 KiB.
        #[arg(long, value_parser = flash_size)]
        size: usize,
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
        /// The image file to write.
        image: PathBuf,
    },
    /// List a directory of the image.
    Ls {
        /// The image file.
        image: PathBuf,
        /// The directory (default: the root).
        dir: Option<String>,
    },
    /// Copy a local file into the image.
    Put {
        /// The image file.
        image: PathBuf,
        /// The local file.
        local: PathBuf,
        /// The path in the image.
        remote: String,
    },
    /// Copy a file out of the image.
    Get {
        /// The image file.
        image: PathBuf,
        /// The path in the image.
        remote: String,
        /// The local file to write.
        local: PathBuf,
    },
    /// Remove a file (or an empty directory) from the image.
    Rm {
        /// The image file.
        image: PathBuf,
        /// The path in the image.
        remote: String,
    },
    /// Create a directory in the image.
    Mkdir {
        /// The image file.
        image: PathBuf,
        /// The directory to create.
        dir: String,
    },
    /// Show the image's size and free space.
    Df {
        /// The image file.
        image: PathBuf,
    },
    /// Copy every file and directory of an image into a new image of the same size in the
    /// current layout (for images written before layout 4, whose small files only get part
    /// of the partition).
    Migrate {
        /// The image to read (left unchanged).
        old: PathBuf,
        /// The image to write (created or overwritten).
        new: PathBuf,
    },
}

/// Runs `mote image ...`.
pub fn main(args: ImageArgs) -> ExitCode {
    match run(args.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("mote image: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: ImageCommand) -> Result<(), String> {
    match command {
        ImageCommand::Create { size, force, image } => {
            if !force && image.exists() {
                return Err(format!(
                    "{} already exists; use --force to replace it",
                    image.display()
                ));
            }
            create(size, &image)
        }
        ImageCommand::Ls { image, dir } => {
            with_fs(&image, |fs| ls(fs, dir.as_deref().unwrap_or("/")))
        }
        ImageCommand::Put {
            image,
            local,
            remote,
        } => {
            let data = std::fs::read(&local)
                .map_err(|e| format!("cannot read {}: {e}", local.display()))?;
            with_fs(&image, |fs| put(fs, &remote, &data))
        }
        ImageCommand::Get {
            image,
            remote,
            local,
        } => {
            let data = with_fs(&image, |fs| get(fs, &remote))?;
            std::fs::write(&local, data)
                .map_err(|e| format!("cannot write {}: {e}", local.display()))
        }
        ImageCommand::Rm { image, remote } => with_fs(&image, |fs| {
            let kind = block_on(fs.stat(&remote))
                .map_err(|e| fs_error(&remote, e))?
                .kind;
            let removed = match kind {
                Kind::Dir => block_on(fs.rmdir(&remote)),
                Kind::File => block_on(fs.remove(&remote)),
            };
            removed.map_err(|e| fs_error(&remote, e))
        }),
        ImageCommand::Mkdir { image, dir } => with_fs(&image, |fs| {
            block_on(fs.mkdir(&dir)).map_err(|e| fs_error(&dir, e))
        }),
        ImageCommand::Df { image } => with_fs(&image, df),
        ImageCommand::Migrate { old, new } => migrate(&old, &new),
    }
}

fn fs_error(path: &str, e: Error) -> String {
    format!("{path}: {e}")
}

/// A partition size: any size `crate::size::parse_size` reads, in whole 4 KiB sectors.
pub fn flash_size(text: &str) -> Result<usize, String> {
    let size = crate::size::parse_size(text)?;
    if size == 0 || size % ERASE_SIZE != 0 || size > u32::MAX as usize {
        return Err(format!(
            "size {text:?} must be a non-zero multiple of 4 KiB"
        ));
    }
    Ok(size)
}

fn create(size: usize, image: &Path) -> Result<(), String> {
    if size < 4 * ERASE_SIZE {
        return Err("size must be at least 16 KiB".into());
    }
    // A replaced image must not be in use: taken before it is truncated.
    let _lock = match std::fs::symlink_metadata(image) {
        Ok(_) => Some(lock_image(image)?),
        Err(_) => None,
    };
    let flash = SimFlash::create_file(image, size)
        .map_err(|e| format!("cannot create {}: {e}", image.display()))?;
    let fs: ImageFs = block_on(Fs::format(flash)).map_err(|e| format!("format failed: {e}"))?;
    block_on(fs.unmount()).map_err(|e| format!("format failed: {e}"))?;
    Ok(())
}

/// Mounts `image`, runs `work`, and unmounts (committing everything).
fn with_fs<T>(
    image: &Path,
    work: impl FnOnce(&mut ImageFs) -> Result<T, String>,
) -> Result<T, String> {
    let _lock = lock_image(image)?;
    let flash = SimFlash::open_file(image)
        .map_err(|e| format!("cannot open image {}: {e}", image.display()))?;
    let mut fs: ImageFs = block_on(Fs::mount(flash)).map_err(|e| match e {
        Error::Corrupt => format!(
            "{} is not a mote filesystem image, or it is corrupt",
            image.display()
        ),
        other => format!("cannot mount {}: {other}", image.display()),
    })?;
    let result = work(&mut fs);
    let unmounted = block_on(fs.unmount()).map_err(|e| format!("unmount failed: {e}"));
    let value = result?;
    unmounted?;
    Ok(value)
}

/// Opens `image` and holds an exclusive lock on it until the returned file is dropped, so two
/// `mote image` processes never mount one image at once (each would write its own log over
/// the other's and lose files). Refuses what is not a regular file (`/dev/zero` would be read
/// forever).
fn lock_image(image: &Path) -> Result<std::fs::File, String> {
    use std::os::fd::AsRawFd;
    let not_regular = || format!("{} is not a regular file", image.display());
    if std::fs::metadata(image).is_ok_and(|m| !m.is_file()) {
        return Err(not_regular());
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(image)
        .map_err(|e| format!("cannot open image {}: {e}", image.display()))?;
    let meta = file
        .metadata()
        .map_err(|e| format!("cannot open image {}: {e}", image.display()))?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    // SAFETY: flock on a descriptor this function owns; it neither reads nor keeps memory.
    let locked = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if locked != 0 {
        let e = std::io::Error::last_os_error();
        if e.kind() == std::io::ErrorKind::WouldBlock {
            return Err(format!(
                "{} is in use by another mote image command; try again when it is done",
                image.display()
            ));
        }
        return Err(format!("cannot lock image {}: {e}", image.display()));
    }
    Ok(file)
}

fn ls(fs: &mut ImageFs, dir: &str) -> Result<(), String> {
    let mut cursor = block_on(fs.open_dir(dir)).map_err(|e| fs_error(dir, e))?;
    let mut entries = Vec::new();
    while let Some(entry) = block_on(fs.next_entry(&mut cursor)).map_err(|e| fs_error(dir, e))? {
        entries.push(entry);
    }
    for entry in entries {
        let name = entry.name.as_str().to_string();
        let path = format!("{}/{name}", dir.trim_end_matches('/'));
        match entry.kind {
            Kind::Dir => println!("{:>10}  {name}/", "<dir>"),
            Kind::File => {
                let size = block_on(fs.stat(&path))
                    .map_err(|e| fs_error(&path, e))?
                    .size;
                println!("{size:>10}  {name}");
            }
        }
    }
    Ok(())
}

/// Writes `data` to `remote`; a file the failed copy created is removed again.
fn put(fs: &mut ImageFs, remote: &str, data: &[u8]) -> Result<(), String> {
    let existed = block_on(fs.stat(remote)).is_ok();
    let copied = block_on(async {
        let fd = fs.open(remote, OpenOptions::from_mode("w")?).await?;
        let mut result = Ok(());
        for piece in data.chunks(4096) {
            result = fs.write(fd, piece).await.map(|_| ());
            if result.is_err() {
                break;
            }
        }
        let closed = fs.close(fd).await;
        result.and(closed)
    });
    if copied.is_err() && !existed {
        // Best effort: the copy already failed, which is what gets reported.
        let _ = block_on(fs.remove(remote));
    }
    copied.map_err(|e| fs_error(remote, e))
}

fn get(fs: &mut ImageFs, remote: &str) -> Result<Vec<u8>, String> {
    block_on(async {
        let fd = fs.open(remote, OpenOptions::from_mode("r")?).await?;
        let mut out = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            let n = fs.read(fd, &mut buf).await?;
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        fs.close(fd).await?;
        Ok(out)
    })
    .map_err(|e| fs_error(remote, e))
}

fn df(fs: &mut ImageFs) -> Result<(), String> {
    let stats = block_on(fs.statvfs()).map_err(|e| format!("statvfs failed: {e}"))?;
    let used = stats.total_bytes.saturating_sub(stats.free_bytes);
    println!("{:>10} {:>10} {:>10}", "total", "used", "free");
    println!(
        "{:>10} {:>10} {:>10}",
        stats.total_bytes, used, stats.free_bytes
    );
    if fs.layout_version() < 4 {
        println!(
            "layout {}: small files only get a fixed part of this image; \
             `mote image migrate OLD NEW` converts it to the current layout",
            fs.layout_version()
        );
    }
    Ok(())
}

/// Copies the tree of `old` into a freshly formatted image `new` of the same size.
fn migrate(old: &Path, new: &Path) -> Result<(), String> {
    if old == new {
        return Err("migrate writes a new image: give two different paths".into());
    }
    let size = std::fs::metadata(old)
        .map_err(|e| format!("cannot open image {}: {e}", old.display()))?
        .len() as usize;
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    with_fs(old, |fs| {
        let mut pending = vec![String::new()];
        while let Some(dir) = pending.pop() {
            let shown = if dir.is_empty() { "/" } else { dir.as_str() };
            let mut cursor = block_on(fs.open_dir(shown)).map_err(|e| fs_error(shown, e))?;
            while let Some(entry) =
                block_on(fs.next_entry(&mut cursor)).map_err(|e| fs_error(shown, e))?
            {
                let path = format!("{dir}/{}", entry.name.as_str());
                match entry.kind {
                    Kind::Dir => {
                        dirs.push(path.clone());
                        pending.push(path);
                    }
                    Kind::File => {
                        let data = get(fs, &path)?;
                        files.push((path, data));
                    }
                }
            }
        }
        Ok(())
    })?;
    create(size, new)?;
    with_fs(new, |fs| {
        for dir in &dirs {
            block_on(fs.mkdir(dir)).map_err(|e| fs_error(dir, e))?;
        }
        for (path, data) in &files {
            put(fs, path, data)?;
        }
        Ok(())
    })?;
    println!(
        "{} files and {} directories copied into {}",
        files.len(),
        dirs.len(),
        new.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::flash_size;

    #[test]
    fn sizes_parse_with_suffixes_and_must_be_whole_sectors() {
        assert_eq!(flash_size("1M"), Ok(1 << 20));
        assert_eq!(flash_size("512K"), Ok(512 << 10));
        assert_eq!(flash_size("512k"), Ok(512 << 10));
        assert_eq!(flash_size("8192"), Ok(8192));
        assert_eq!(flash_size("4MiB"), Ok(4 << 20));
        assert!(flash_size("1000").is_err());
        assert!(flash_size("0").is_err());
        assert!(flash_size("").is_err());
    }
}
