//! `mote fs BOARD ls|cat|get|put|rm|mkdir|mv|df`: the board's files from this machine.
//!
//! Every transfer and file operation goes over the HTTP file API (see the module doc of
//! [`super`] for why); the two things it cannot tell, a file's SHA-256 (for `put`'s skip of
//! unchanged files, as mpremote does) and the filesystem's size (`df`), are asked of the board
//! in Python through the raw REPL. Downloads are written to a temporary file beside the target
//! and renamed when every byte arrived, so a lost connection leaves nothing half-written.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use sha2::{Digest, Sha256};

use super::http::{display, FileApi, RemoteEntry};
use super::webrepl::Session;
use super::{fail, BoardArgs, BoardError, Target};

/// Arguments of `mote fs`.
#[derive(Args)]
pub struct FsArgs {
    #[command(flatten)]
    board: BoardArgs,
    #[command(subcommand)]
    command: FsCommand,
}

/// What `mote fs` does. Board paths are absolute (`/lib/x.py`); a leading `:` is allowed, as
/// mpremote writes them.
#[derive(Subcommand)]
enum FsCommand {
    /// List a folder (default `/`), or show one file.
    Ls {
        /// The folder or file.
        #[arg(default_value = "/")]
        path: String,
        /// List sub-folders too.
        #[arg(short = 'r', long)]
        recursive: bool,
        /// Print the listing as JSON: [{"name", "kind", "size"}].
        #[arg(long)]
        json: bool,
    },
    /// Print a file's bytes.
    Cat {
        /// The file.
        path: String,
    },
    /// Copy a file (or with -r a folder) from the board.
    Get {
        /// The board's file or folder.
        remote: String,
        /// Where to put it (default: its name, in the current folder).
        local: Option<PathBuf>,
        /// Copy a folder and everything in it.
        #[arg(short = 'r', long)]
        recursive: bool,
    },
    /// Copy a file (or with -r a folder) to the board; files the board has with the same
    /// SHA-256 are skipped.
    Put {
        /// The local file or folder.
        local: PathBuf,
        /// Where on the board (default: its name, in `/`; a folder puts it inside).
        remote: Option<String>,
        /// Copy a folder and everything in it.
        #[arg(short = 'r', long)]
        recursive: bool,
        /// Copy even files the board already has.
        #[arg(short = 'f', long)]
        force: bool,
    },
    /// Remove files or empty folders (with -r, folders and everything in them).
    Rm {
        /// What to remove.
        #[arg(required = true)]
        paths: Vec<String>,
        /// Remove folders with everything in them.
        #[arg(short = 'r', long)]
        recursive: bool,
    },
    /// Make a folder.
    Mkdir {
        /// The new folder.
        path: String,
    },
    /// Rename or move a file or folder (into TO if TO is a folder).
    Mv {
        /// The file or folder.
        from: String,
        /// The new name, or a folder to move it into.
        to: String,
    },
    /// The size of the board's filesystem, and how much is used and free.
    Df,
}

/// `mote fs`.
pub fn run(args: FsArgs) -> ExitCode {
    let result = Target::resolve(&args.board.board, args.board.password.as_deref())
        .and_then(|target| command(&target, args.command));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail("fs", &error),
    }
}

fn command(target: &Target, command: FsCommand) -> Result<(), BoardError> {
    let api = FileApi::new(target);
    match command {
        FsCommand::Ls {
            path,
            recursive,
            json,
        } => ls(&api, &remote_path(&path)?, recursive, json),
        FsCommand::Cat { path } => cat(&api, &remote_path(&path)?),
        FsCommand::Get {
            remote,
            local,
            recursive,
        } => get(&api, &remote_path(&remote)?, local, recursive),
        FsCommand::Put {
            local,
            remote,
            recursive,
            force,
        } => put(target, &api, &local, remote.as_deref(), recursive, force),
        FsCommand::Rm { paths, recursive } => {
            for path in paths {
                rm(&api, &remote_path(&path)?, recursive)?;
            }
            Ok(())
        }
        FsCommand::Mkdir { path } => {
            let path = remote_path(&path)?;
            api.simple("PUT", &format!("{path}/"), &[]).map(drop)
        }
        FsCommand::Mv { from, to } => mv(&api, &remote_path(&from)?, &remote_path(&to)?),
        FsCommand::Df => df(target),
    }
}

/// A board path from the command line, without leading `/` (or `:`) or empty and `.` parts:
/// `""` is the root.
fn remote_path(text: &str) -> Result<String, BoardError> {
    let text = text.strip_prefix(':').unwrap_or(text);
    let mut parts = Vec::new();
    for part in text.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                return Err(BoardError::Refused {
                    path: text.into(),
                    reason: "board paths are absolute; `..` is not allowed".into(),
                })
            }
            part => parts.push(part),
        }
    }
    Ok(parts.join("/"))
}

fn join(folder: &str, name: &str) -> String {
    if folder.is_empty() {
        name.into()
    } else {
        format!("{folder}/{name}")
    }
}

fn basename(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn ls(api: &FileApi, path: &str, recursive: bool, json: bool) -> Result<(), BoardError> {
    let Some(top) = api.stat(path)? else {
        return Err(BoardError::NotFound(display(path)));
    };
    let mut listed = Vec::new();
    if top.is_dir() {
        walk(api, path, "", recursive, &mut listed)?;
    } else {
        listed.push(top);
    }
    let mut stdout = std::io::stdout().lock();
    let written = if json {
        serde_json::to_writer(&mut stdout, &listed)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(stdout))
    } else {
        listed.iter().try_for_each(|entry| {
            let slash = if entry.is_dir() { "/" } else { "" };
            writeln!(stdout, "{:>12} {}{slash}", entry.size, entry.name)
        })
    };
    // A closed stdout (`| head`) is the reader's choice, not an error of the board.
    let _ = written;
    Ok(())
}

/// The entries under `folder`, named relative to the listing's top (`prefix`), sorted; with
/// `recursive`, each folder's contents follow it.
fn walk(
    api: &FileApi,
    folder: &str,
    prefix: &str,
    recursive: bool,
    out: &mut Vec<RemoteEntry>,
) -> Result<(), BoardError> {
    let mut entries = api.list(folder)?;
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    for mut entry in entries {
        let name = join(prefix, &entry.name);
        let inside = join(folder, &entry.name);
        let is_dir = entry.is_dir();
        entry.name = name.clone();
        out.push(entry);
        if recursive && is_dir {
            walk(api, &inside, &name, true, out)?;
        }
    }
    Ok(())
}

fn cat(api: &FileApi, path: &str) -> Result<(), BoardError> {
    let mut response = api.simple("GET", path, &[])?;
    if response.length.is_none() {
        return Err(is_a_folder(path));
    }
    let mut stdout = std::io::stdout().lock();
    let mut buffer = vec![0; 16 * 1024];
    loop {
        let n = response
            .read(&mut buffer)
            .map_err(|e| api.lost_reading(path, e))?;
        if n == 0 {
            break;
        }
        if stdout.write_all(&buffer[..n]).is_err() {
            break;
        }
    }
    let _ = stdout.flush();
    Ok(())
}

fn is_a_folder(path: &str) -> BoardError {
    BoardError::Refused {
        path: display(path),
        reason: "is a folder (use -r)".into(),
    }
}

fn get(
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
    let Some(length) = response.length else {
        return Err(is_a_folder(remote));
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
    let bar = progress(length, &display(remote));
    let mut buffer = vec![0; 16 * 1024];
    loop {
        let n = response
            .read(&mut buffer)
            .map_err(|e| api.lost_reading(remote, e))?;
        if n == 0 {
            break;
        }
        temp.write_all(&buffer[..n])
            .map_err(|e| BoardError::local(local, e))?;
        bar.inc(n as u64);
    }
    bar.finish_and_clear();
    temp.persist(local)
        .map_err(|e| BoardError::local(local, e.error))?;
    Ok(())
}

fn progress(length: u64, name: &str) -> ProgressBar {
    let bar = ProgressBar::new(length);
    if let Ok(style) =
        ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {eta}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(name.to_string());
    bar
}

/// One file to put: where it is here, where it goes, its length.
struct Upload {
    local: PathBuf,
    remote: String,
    size: u64,
}

fn put(
    target: &Target,
    api: &FileApi,
    local: &Path,
    remote: Option<&str>,
    recursive: bool,
    force: bool,
) -> Result<(), BoardError> {
    let meta = std::fs::metadata(local).map_err(|e| BoardError::local(local, e))?;
    let name = local
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| BoardError::Local {
            path: local.display().to_string(),
            reason: "has no file name".into(),
        })?;
    // Into a folder when the board path ends in `/` or names one; else that very path.
    let destination = match remote {
        None => name.clone(),
        Some(text) => {
            let path = remote_path(text)?;
            let into = text.ends_with('/')
                || path.is_empty()
                || api.stat(&path)?.is_some_and(|entry| entry.is_dir());
            if into {
                join(&path, &name)
            } else {
                path
            }
        }
    };
    let mut uploads = Vec::new();
    if meta.is_dir() {
        if !recursive {
            return Err(BoardError::Local {
                path: local.display().to_string(),
                reason: "is a folder (use -r)".into(),
            });
        }
        let mut folders = Vec::new();
        collect(local, &destination, &mut folders, &mut uploads)?;
        for folder in folders {
            ensure_folder(api, &folder)?;
        }
    } else {
        uploads.push(Upload {
            local: local.to_path_buf(),
            remote: destination,
            size: meta.len(),
        });
    }
    if !force {
        let unchanged = unchanged(target, api, &uploads)?;
        uploads.retain(|upload| {
            let skip = unchanged.contains(&upload.remote);
            if skip {
                eprintln!(
                    "{}: unchanged, skipped (-f puts it anyway)",
                    display(&upload.remote)
                );
            }
            !skip
        });
    }
    for upload in uploads {
        let mut file =
            File::open(&upload.local).map_err(|e| BoardError::local(&upload.local, e))?;
        let bar = progress(upload.size, &display(&upload.remote));
        let response = api.request(
            "PUT",
            &upload.remote,
            &[],
            Some((upload.size, &mut file)),
            &mut |n| bar.inc(n),
        );
        bar.finish_and_clear();
        response?.check(&upload.remote)?;
    }
    Ok(())
}

/// The folders (parents first) and files under the local folder `local`, mapped to `remote`.
fn collect(
    local: &Path,
    remote: &str,
    folders: &mut Vec<String>,
    files: &mut Vec<Upload>,
) -> Result<(), BoardError> {
    folders.push(remote.into());
    let mut entries: Vec<_> = std::fs::read_dir(local)
        .and_then(|dir| dir.collect::<Result<Vec<_>, _>>())
        .map_err(|e| BoardError::local(local, e))?;
    entries.sort_by_key(|entry| entry.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let meta = std::fs::metadata(&path).map_err(|e| BoardError::local(&path, e))?;
        if meta.is_dir() {
            collect(&path, &join(remote, &name), folders, files)?;
        } else {
            files.push(Upload {
                local: path,
                remote: join(remote, &name),
                size: meta.len(),
            });
        }
    }
    Ok(())
}

/// Makes `folder` on the board unless it is there already.
fn ensure_folder(api: &FileApi, folder: &str) -> Result<(), BoardError> {
    if folder.is_empty() {
        return Ok(());
    }
    match api.stat(folder)? {
        Some(entry) if entry.is_dir() => Ok(()),
        Some(_) => Err(BoardError::Refused {
            path: display(folder),
            reason: "a file is in the way of a folder".into(),
        }),
        None => api.simple("PUT", &format!("{folder}/"), &[]).map(drop),
    }
}

/// The board paths among `uploads` whose board copy has the same SHA-256 as the local file.
/// Only files of the same length are hashed, on the board through the raw REPL; if another
/// WebREPL client holds the board, the candidates are downloaded and hashed here instead.
fn unchanged(
    target: &Target,
    api: &FileApi,
    uploads: &[Upload],
) -> Result<Vec<String>, BoardError> {
    let mut listings: BTreeMap<String, Vec<RemoteEntry>> = BTreeMap::new();
    let mut candidates = Vec::new();
    for upload in uploads {
        let (folder, name) = upload
            .remote
            .rsplit_once('/')
            .unwrap_or(("", &upload.remote));
        if !listings.contains_key(folder) {
            let entries = match api.list(folder) {
                Ok(entries) => entries,
                Err(BoardError::NotFound(_)) => Vec::new(),
                Err(e) => return Err(e),
            };
            listings.insert(folder.into(), entries);
        }
        let same_size = listings[folder]
            .iter()
            .any(|e| e.name == name && !e.is_dir() && e.size == upload.size);
        if same_size {
            candidates.push(upload);
        }
    }
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let paths: Vec<&str> = candidates.iter().map(|u| u.remote.as_str()).collect();
    let board = match hashes_on_board(target, &paths) {
        Err(BoardError::Busy(_)) => hashes_by_download(api, &paths)?,
        other => other?,
    };
    let mut same = Vec::new();
    for (upload, board_hash) in candidates.iter().zip(board) {
        let local = hash_local(&upload.local)?;
        if board_hash.as_deref() == Some(local.as_str()) {
            same.push(upload.remote.clone());
        }
    }
    Ok(same)
}

/// The SHA-256 (hex) of each board file, computed on the board; `None` where it has none.
fn hashes_on_board(target: &Target, paths: &[&str]) -> Result<Vec<Option<String>>, BoardError> {
    let list = serde_json::to_string(&paths.iter().map(|p| format!("/{p}")).collect::<Vec<_>>())
        .map_err(|e| BoardError::Config(e.to_string()))?;
    let code = format!(
        "import hashlib, binascii\n\
         def _mote_sha(p):\n\
         \x20   h = hashlib.sha256()\n\
         \x20   with open(p, 'rb') as f:\n\
         \x20       while True:\n\
         \x20           b = f.read(1024)\n\
         \x20           if not b:\n\
         \x20               break\n\
         \x20           h.update(b)\n\
         \x20   return binascii.hexlify(h.digest()).decode()\n\
         for _p in {list}:\n\
         \x20   try:\n\
         \x20       print(_mote_sha(_p))\n\
         \x20   except OSError:\n\
         \x20       print('-')\n"
    );
    let mut session = Session::login(target)?;
    session.enter_raw()?;
    let output = session.eval(&code);
    session.leave_raw();
    let output = String::from_utf8_lossy(&output?).into_owned();
    let hashes: Vec<Option<String>> = output
        .split_whitespace()
        .map(|line| (line.len() == 64).then(|| line.to_string()))
        .collect();
    if hashes.len() != paths.len() {
        return Err(BoardError::Protocol {
            board: target.address.to_string(),
            what: format!("the board's hashes came back as {output:?}"),
        });
    }
    Ok(hashes)
}

fn hashes_by_download(api: &FileApi, paths: &[&str]) -> Result<Vec<Option<String>>, BoardError> {
    paths
        .iter()
        .map(|path| {
            let mut response = match api.simple("GET", path, &[]) {
                Ok(response) => response,
                Err(BoardError::NotFound(_)) => return Ok(None),
                Err(e) => return Err(e),
            };
            let mut hasher = Sha256::new();
            std::io::copy(&mut response, &mut hasher).map_err(|e| api.lost_reading(path, e))?;
            Ok(Some(hex(&hasher.finalize())))
        })
        .collect()
}

fn hash_local(path: &Path) -> Result<String, BoardError> {
    let mut file = File::open(path).map_err(|e| BoardError::local(path, e))?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).map_err(|e| BoardError::local(path, e))?;
    Ok(hex(&hasher.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn rm(api: &FileApi, path: &str, recursive: bool) -> Result<(), BoardError> {
    if path.is_empty() {
        return Err(BoardError::Refused {
            path: "/".into(),
            reason: "the root folder cannot be removed".into(),
        });
    }
    if recursive {
        if let Some(entry) = api.stat(path)? {
            if entry.is_dir() {
                for child in api.list(path)? {
                    rm(api, &join(path, &child.name), true)?;
                }
            }
        }
    }
    match api.simple("DELETE", path, &[]) {
        Err(BoardError::Refused { .. }) if !recursive => Err(BoardError::Refused {
            path: display(path),
            reason: "cannot remove it: a folder that is not empty? (use -r)".into(),
        }),
        other => other.map(drop),
    }
}

fn mv(api: &FileApi, from: &str, to: &str) -> Result<(), BoardError> {
    let to = match api.stat(to)? {
        Some(entry) if entry.is_dir() => join(to, basename(from)),
        _ => to.to_string(),
    };
    let destination = super::http::fs_url(&to);
    api.simple("MOVE", from, &[("X-Destination", destination)])
        .map(drop)
}

fn df(target: &Target) -> Result<(), BoardError> {
    let mut session = Session::login(target)?;
    session.enter_raw()?;
    let output = session.eval("import os\nprint(os.statvfs('/'))\n");
    session.leave_raw();
    let output = String::from_utf8_lossy(&output?).into_owned();
    let numbers: Vec<u64> = output
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let [_bsize, frsize, blocks, bfree, bavail, ..] = numbers[..] else {
        return Err(BoardError::Protocol {
            board: target.address.to_string(),
            what: format!("os.statvfs answered {output:?}"),
        });
    };
    // The board's numbers are not trusted not to overflow.
    let size = blocks.saturating_mul(frsize);
    let used = blocks.saturating_sub(bfree).saturating_mul(frsize);
    let free = bavail.saturating_mul(frsize);
    let percent = used.saturating_mul(100).checked_div(size).unwrap_or(0);
    println!(
        "{:>12} {:>12} {:>12} {:>5}",
        "Size", "Used", "Avail", "Use%"
    );
    println!("{size:>12} {used:>12} {free:>12} {percent:>4}%");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn board_paths_are_normalised() {
        assert_eq!(remote_path("/").unwrap(), "");
        assert_eq!(remote_path(":lib//x.py").unwrap(), "lib/x.py");
        assert_eq!(remote_path("./a/./b/").unwrap(), "a/b");
        assert!(remote_path("/a/../b").is_err());
    }
}
