//! `mote fs get`: board files to local files, each through a temporary file beside its
//! target, renamed when every byte arrived; Ctrl-C removes the temporary file.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use super::{basename, display, is_a_folder, join, progress, walk, BoardError, FileApi};

/// The temporary file a download is writing, for Ctrl-C to remove.
static DOWNLOADING: Mutex<Option<PathBuf>> = Mutex::new(None);

fn lock_temp() -> MutexGuard<'static, Option<PathBuf>> {
    DOWNLOADING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Removes the temporary file of the download in progress and leaves (Ctrl-C).
pub fn on_interrupt() {
    if let Some(temp) = lock_temp().take() {
        let _ = std::fs::remove_file(temp);
    }
    eprintln!("\nmote fs: interrupted");
    std::process::exit(130);
}

/// Copies the board's file or (with `recursive`) folder `remote` to `local`, by default its
/// name in the current folder; into `local` if that is a folder.
pub fn get(
    api: &FileApi,
    remote: &str,
    local: Option<PathBuf>,
    recursive: bool,
) -> Result<(), BoardError> {
    let Some(entry) = api.stat(remote)? else {
        return Err(BoardError::NotFound(display(remote)));
    };
    let name = if remote.is_empty() {
        "board"
    } else {
        basename(remote)
    };
    let target = match local {
        Some(local) if local.is_dir() => local.join(name),
        Some(local) => local,
        None => PathBuf::from(name),
    };
    if !entry.is_dir() {
        return download(api, remote, &target);
    }
    if !recursive {
        return Err(is_a_folder(remote));
    }
    let mut listed = Vec::new();
    walk(api, remote, "", true, &mut listed)?;
    create_dir(&target)?;
    for entry in listed {
        let local = target.join(&entry.name);
        if entry.is_dir() {
            create_dir(&local)?;
        } else {
            download(api, &join(remote, &entry.name), &local)?;
        }
    }
    Ok(())
}

fn create_dir(path: &Path) -> Result<(), BoardError> {
    std::fs::create_dir_all(path).map_err(|e| BoardError::local(path, e))
}

/// Copies one board file to `local` through a temporary file renamed at the end.
fn download(api: &FileApi, remote: &str, local: &Path) -> Result<(), BoardError> {
    let mut response = api.simple("GET", remote, &[])?;
    if response.is_listing {
        return Err(is_a_folder(remote));
    }
    // Without its length a cut-short file could not be told from a whole one.
    let Some(length) = response.length else {
        return Err(BoardError::Protocol {
            board: api.board(),
            what: format!("{} came without a Content-Length", display(remote)),
        });
    };
    let folder = match local.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    // Created as any new file is (the umask applies), not tempfile's owner-only default.
    let mut temp = tempfile::Builder::new()
        .prefix(".mote-get-")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666))
        .tempfile_in(folder)
        .map_err(|e| BoardError::local(folder, e))?;
    *lock_temp() = Some(temp.path().to_path_buf());
    let bar = progress(length, &display(remote));
    let mut buffer = vec![0; 16 * 1024];
    let copied = loop {
        let n = match response.read(&mut buffer) {
            Ok(0) => break Ok(()),
            Ok(n) => n,
            Err(e) => break Err(api.lost_reading(remote, e)),
        };
        if let Err(e) = temp.write_all(&buffer[..n]) {
            break Err(BoardError::local(local, e));
        }
        bar.inc(n as u64);
    };
    bar.finish_and_clear();
    // Held until the rename is done, so Ctrl-C cannot remove the file under it.
    let mut downloading = lock_temp();
    downloading.take();
    copied?;
    temp.persist(local)
        .map_err(|e| BoardError::local(local, e.error))?;
    drop(downloading);
    Ok(())
}
