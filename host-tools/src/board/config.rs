//! The user's boards: `boards.toml` in the user's config directory
//! (`$XDG_CONFIG_HOME/mote/boards.toml`, else `~/.config/mote/boards.toml`), and where a
//! board's password comes from.
//!
//! ```toml
//! [boards.kitchen]
//! address = "192.168.1.20"        # HOST[:PORT] or ws://HOST:PORT/
//! password = "s3cret"
//! ```
//!
//! The file holds passwords, so it is created owner-only (0600, its folder 0700) and refused
//! when anyone else may read or write it, as ssh refuses a private key.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::BoardError;

/// The environment variable a password may come from.
pub const PASSWORD_ENV: &str = "MOTE_PASSWORD";

/// A board's password. It has no `Display` and its `Debug` hides it, so it cannot end up in
/// a message by accident.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    /// The password's bytes, for the wire only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(..)")
    }
}

/// One board in boards.toml.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// HOST[:PORT] or ws://HOST:PORT/.
    pub address: String,
    /// The board's password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    boards: BTreeMap<String, Entry>,
}

/// The boards the user named, as read from boards.toml (none if it does not exist).
#[derive(Debug, Default)]
pub struct Boards {
    path: Option<PathBuf>,
    file: File,
}

impl Boards {
    /// Reads the user's boards.toml; a missing file is an empty list.
    pub fn load() -> Result<Boards, BoardError> {
        match config_file() {
            Some(path) => Boards::load_from(path),
            None => Ok(Boards::default()),
        }
    }

    /// Reads `path`, refusing it when others may read or write it.
    pub fn load_from(path: PathBuf) -> Result<Boards, BoardError> {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Boards {
                    path: Some(path),
                    file: File::default(),
                })
            }
            Err(e) => return Err(BoardError::local(&path, e)),
        };
        check_owner_only(&path)?;
        let file = toml::from_str(&text)
            .map_err(|e| BoardError::Config(format!("{}: {}", path.display(), e.message())))?;
        Ok(Boards {
            path: Some(path),
            file,
        })
    }

    /// The entry called `name`.
    pub fn named(&self, name: &str) -> Option<&Entry> {
        self.file.boards.get(name)
    }

    /// Every entry, by name.
    pub fn entries(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.file.boards.iter()
    }

    /// The password of the entry `address` came from, or else of an entry at the same address.
    fn password_for(&self, address: &Address) -> Option<&str> {
        if let Some(name) = &address.name {
            if let Some(password) = self.named(name).and_then(|e| e.password.as_deref()) {
                return Some(password);
            }
        }
        self.file.boards.values().find_map(|entry| {
            let at = Address::parse(&entry.address)?;
            (at.host == address.host && at.port == address.port)
                .then_some(entry.password.as_deref())?
        })
    }

    /// Adds or replaces the entry `name` and writes the file, owner-only.
    pub fn set(&mut self, name: &str, entry: Entry) -> Result<(), BoardError> {
        self.file.boards.insert(name.into(), entry);
        self.save()
    }

    /// Removes the entry `name` and writes the file; whether it was there.
    pub fn remove(&mut self, name: &str) -> Result<bool, BoardError> {
        let found = self.file.boards.remove(name).is_some();
        if found {
            self.save()?;
        }
        Ok(found)
    }

    /// The file's path, for messages.
    pub fn path_text(&self) -> String {
        match &self.path {
            Some(path) => path.display().to_string(),
            None => "boards.toml".into(),
        }
    }

    /// Writes the file through a temporary file created 0600 in the same folder.
    fn save(&self) -> Result<(), BoardError> {
        let Some(path) = &self.path else {
            return Err(BoardError::Config(
                "no config directory: set HOME or XDG_CONFIG_HOME".into(),
            ));
        };
        let folder = path.parent().unwrap_or(Path::new("."));
        create_private_dir(folder)?;
        let text = toml::to_string(&self.file)
            .map_err(|e| BoardError::Config(format!("{}: {e}", path.display())))?;
        // tempfile creates its files 0600.
        let mut temp =
            tempfile::NamedTempFile::new_in(folder).map_err(|e| BoardError::local(folder, e))?;
        temp.write_all(text.as_bytes())
            .and_then(|()| temp.as_file().sync_all())
            .map_err(|e| BoardError::local(path, e))?;
        temp.persist(path)
            .map_err(|e| BoardError::local(path, e.error))?;
        Ok(())
    }
}

/// `$XDG_CONFIG_HOME/mote/boards.toml`, else `~/.config/mote/boards.toml`.
pub fn config_file() -> Option<PathBuf> {
    let dir = match std::env::var_os("XDG_CONFIG_HOME") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from(std::env::var_os("HOME")?).join(".config"),
    };
    Some(dir.join("mote").join("boards.toml"))
}

#[cfg(unix)]
fn check_owner_only(path: &Path) -> Result<(), BoardError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .map_err(|e| BoardError::local(path, e))?
        .permissions()
        .mode();
    if mode & 0o077 != 0 {
        return Err(BoardError::Config(format!(
            "{path} holds passwords but others may read or write it (mode {:o}); \
             refusing to use it: run chmod 600 {path}",
            mode & 0o777,
            path = path.display()
        )));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_owner_only(_path: &Path) -> Result<(), BoardError> {
    Ok(())
}

fn create_private_dir(folder: &Path) -> Result<(), BoardError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(folder)
        .map_err(|e| BoardError::local(folder, e))
}

/// The password for the board at `address`: `--password`, else `MOTE_PASSWORD`, else its
/// entry in boards.toml, else typed at the terminal (not echoed) when there is one.
pub fn password(
    address: &Address,
    given: Option<&str>,
    boards: &Boards,
) -> Result<Password, BoardError> {
    if let Some(password) = given {
        return Ok(Password(password.into()));
    }
    if let Some(password) = std::env::var(PASSWORD_ENV).ok().filter(|p| !p.is_empty()) {
        return Ok(Password(password));
    }
    if let Some(password) = boards.password_for(address) {
        return Ok(Password(password.into()));
    }
    if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
        if let Some(password) = prompt(&format!("Password for {address}: ")) {
            return Ok(Password(password));
        }
    }
    Err(BoardError::NoPassword(address.to_string()))
}

/// Reads a line from the terminal with echo off.
pub fn prompt(question: &str) -> Option<String> {
    eprint!("{question}");
    let echo = EchoOff::new();
    let mut line = String::new();
    let read = std::io::stdin().read_line(&mut line);
    drop(echo);
    eprintln!();
    read.ok()?;
    let line = line.trim_end_matches(['\r', '\n']);
    (!line.is_empty()).then(|| line.to_string())
}

/// The terminal's echo, off while this lives.
struct EchoOff {
    saved: Option<libc::termios>,
}

impl EchoOff {
    fn new() -> EchoOff {
        // SAFETY: tcgetattr/tcsetattr on fd 0 with a termios owned here; on failure nothing
        // is changed and nothing is restored.
        unsafe {
            let mut term: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(0, &mut term) != 0 {
                return EchoOff { saved: None };
            }
            let saved = term;
            term.c_lflag &= !libc::ECHO;
            term.c_lflag |= libc::ECHONL;
            if libc::tcsetattr(0, libc::TCSANOW, &term) != 0 {
                return EchoOff { saved: None };
            }
            EchoOff { saved: Some(saved) }
        }
    }
}

impl Drop for EchoOff {
    fn drop(&mut self) {
        if let Some(saved) = &self.saved {
            // SAFETY: restores the settings read in `new` on the same descriptor.
            unsafe {
                libc::tcsetattr(0, libc::TCSANOW, saved);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("mote-config-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir.join("mote").join("boards.toml")
    }

    #[test]
    fn saves_owner_only_and_reads_back() {
        use std::os::unix::fs::PermissionsExt;
        let path = scratch("save");
        let mut boards = Boards::load_from(path.clone()).unwrap();
        assert_eq!(boards.entries().count(), 0);
        let entry = Entry {
            address: "127.0.0.1:9000".into(),
            password: Some("pw1234".into()),
        };
        boards.set("lab", entry).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let dir_mode = std::fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(dir_mode & 0o777, 0o700);
        let boards = Boards::load_from(path.clone()).unwrap();
        assert_eq!(boards.named("lab").unwrap().address, "127.0.0.1:9000");
        // An address typed instead of the name finds the same entry's password.
        let typed = Address::parse("127.0.0.1:9000").unwrap();
        assert_eq!(boards.password_for(&typed), Some("pw1234"));
        assert_eq!(
            boards.password_for(&Address::parse("127.0.0.1:9001").unwrap()),
            None
        );
    }

    #[test]
    fn refuses_a_file_others_can_read() {
        use std::os::unix::fs::PermissionsExt;
        let path = scratch("open");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(
            &path,
            "[boards.x]\naddress = \"h\"\npassword = \"secret1\"\n",
        )
        .unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let message = Boards::load_from(path.clone()).unwrap_err().to_string();
        assert!(message.contains("chmod 600"), "{message}");
        assert!(!message.contains("secret1"), "{message}");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(Boards::load_from(path).is_ok());
    }

    #[test]
    fn a_bad_file_is_a_clear_error_without_the_password() {
        use std::os::unix::fs::PermissionsExt;
        let path = scratch("bad");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(
            &path,
            "[boards.x]\nadress = \"h\"\npassword = \"secret1\"\n",
        )
        .unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let message = Boards::load_from(path).unwrap_err().to_string();
        assert!(message.contains("adress"), "{message}");
        assert!(!message.contains("secret1"), "{message}");
    }

    #[test]
    fn debug_hides_the_password() {
        assert_eq!(format!("{:?}", Password("hunter22".into())), "Password(..)");
    }
}
