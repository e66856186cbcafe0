//! `mote fs put`: local files to the board over `PUT /fs`, skipping files whose board copy
//! has the same SHA-256 (as mpremote does) unless forced.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::on_board::hashes_on_board;
use super::{display, join, progress, remote_path, BoardError, FileApi, RemoteEntry, Target};

/// One file to put: where it is here, where it goes, its length.
struct Upload {
    local: PathBuf,
    remote: String,
    size: u64,
}

/// Copies the local file or (with `recursive`) folder `local` to `remote`, by default its
/// name in `/`; into `remote` if that ends in `/` or is a folder on the board.
pub fn put(
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
        // The local modification time, for a board whose store keeps times (ms since 1970).
        let modified = file
            .metadata()
            .and_then(|meta| meta.modified())
            .ok()
            .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|since| vec![("X-Timestamp", since.as_millis().to_string())])
            .unwrap_or_default();
        let bar = progress(upload.size, &display(&upload.remote));
        let response = api.request(
            "PUT",
            &upload.remote,
            &modified,
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
