//! `mote fs BOARD ls|cat|get|put|rm|mkdir|mv|df`: the board's files from this machine.
//!
//! Every transfer and file operation goes over the HTTP file API (see the module doc of
//! [`super`] for why); the two things it cannot tell, a file's SHA-256 (for `put`'s skip of
//! unchanged files, as mpremote does) and the filesystem's size (`df`), are asked of the board
//! in Python through the raw REPL. Downloads are written to a temporary file beside the target
//! and renamed when every byte arrived, so a lost connection leaves nothing half-written.

mod get;
mod on_board;
mod put;

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use super::http::{display, FileApi, RemoteEntry};
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
    // Ctrl-C during a download removes its temporary file rather than leaving it.
    let _ = ctrlc::set_handler(get::on_interrupt);
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
        } => get::get(&api, &remote_path(&remote)?, local, recursive),
        FsCommand::Put {
            local,
            remote,
            recursive,
            force,
        } => put::put(target, &api, &local, remote.as_deref(), recursive, force),
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
        FsCommand::Df => on_board::df(target),
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
    if response.is_listing {
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
