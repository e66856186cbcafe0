//! The board's configuration file, [`PATH`] on its filesystem: one `key = value` per line,
//! `#` comments. It holds the device name, the unique id the default name derives from, the
//! Wi-Fi credentials, the network setting and the password hash (WebREPL and HTTP API).
//!
//! A file that is missing, truncated or not valid never stops a boot: [`BoardConfig::parse`]
//! says what is wrong and the board goes on with defaults.

use alloc::format;
use alloc::string::{String, ToString};
use core::fmt;
use sha2::{Digest, Sha256};

/// Where the board keeps its configuration.
pub const PATH: &str = "/mote.conf";

/// Rounds of SHA-256 in a stored password hash (slows a guesser with the file in hand).
const HASH_ROUNDS: u32 = 10_000;

/// The board's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoardConfig {
    /// Device name (mDNS, banners); by default `mote-` and the unique id's last 3 bytes.
    pub name: String,
    /// The board's unique id (`machine.unique_id()`), 6 bytes.
    pub unique_id: [u8; 6],
    /// Wi-Fi network to join; empty for none.
    pub wifi_ssid: String,
    /// Its passphrase.
    pub wifi_password: String,
    /// `dhcp`, or a static `address/prefix`.
    pub ipv4: String,
    /// The password hash from [`hash_password`]; `None` until a password is set.
    pub password_hash: Option<String>,
}

/// What is wrong with a configuration file, for the message on the console.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// Not UTF-8 text.
    NotText,
    /// Line `n` (1-based) is not `key = value`.
    BadLine(usize),
    /// Line `n` has a key this firmware does not know.
    UnknownKey(usize),
    /// Line `n` has a value that is not valid for its key.
    BadValue(usize),
    /// A required key is missing (a truncated file).
    Missing(&'static str),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::NotText => write!(f, "not text"),
            ConfigError::BadLine(n) => write!(f, "line {n} is not 'key = value'"),
            ConfigError::UnknownKey(n) => write!(f, "line {n} has an unknown key"),
            ConfigError::BadValue(n) => write!(f, "line {n} has a bad value"),
            ConfigError::Missing(key) => write!(f, "'{key}' is missing (truncated?)"),
        }
    }
}

impl BoardConfig {
    /// The defaults for a board with `unique_id`.
    pub fn defaults(unique_id: [u8; 6]) -> BoardConfig {
        BoardConfig {
            name: format!(
                "mote-{:02x}{:02x}{:02x}",
                unique_id[3], unique_id[4], unique_id[5]
            ),
            unique_id,
            wifi_ssid: String::new(),
            wifi_password: String::new(),
            ipv4: String::from("dhcp"),
            password_hash: None,
        }
    }

    /// Reads a configuration file.
    pub fn parse(bytes: &[u8]) -> Result<BoardConfig, ConfigError> {
        let text = core::str::from_utf8(bytes).map_err(|_| ConfigError::NotText)?;
        let mut config = BoardConfig::defaults([0; 6]);
        let (mut have_id, mut have_name) = (false, false);
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, value) = line.split_once('=').ok_or(ConfigError::BadLine(n))?;
            let value = value.trim();
            match key.trim() {
                "name" => {
                    if value.is_empty() || value.len() > 63 || !value.bytes().all(name_byte) {
                        return Err(ConfigError::BadValue(n));
                    }
                    config.name = value.to_string();
                    have_name = true;
                }
                "unique_id" => {
                    config.unique_id = parse_hex6(value).ok_or(ConfigError::BadValue(n))?;
                    have_id = true;
                }
                "wifi_ssid" => config.wifi_ssid = value.to_string(),
                "wifi_password" => config.wifi_password = value.to_string(),
                "ipv4" => config.ipv4 = value.to_string(),
                "password" => {
                    if value.split('$').count() != 3 {
                        return Err(ConfigError::BadValue(n));
                    }
                    config.password_hash = Some(value.to_string());
                }
                _ => return Err(ConfigError::UnknownKey(n)),
            }
        }
        if !have_id {
            return Err(ConfigError::Missing("unique_id"));
        }
        if !have_name {
            return Err(ConfigError::Missing("name"));
        }
        Ok(config)
    }

    /// The file's text.
    pub fn to_text(&self) -> String {
        let id = &self.unique_id;
        let mut text = format!(
            "# mote board configuration\nname = {}\nunique_id = {:02x}{:02x}{:02x}{:02x}{:02x}{:02x}\n\
             wifi_ssid = {}\nwifi_password = {}\nipv4 = {}\n",
            self.name, id[0], id[1], id[2], id[3], id[4], id[5], self.wifi_ssid, self.wifi_password, self.ipv4
        );
        if let Some(hash) = &self.password_hash {
            text.push_str(&format!("password = {hash}\n"));
        }
        text
    }
}

fn name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

fn parse_hex6(text: &str) -> Option<[u8; 6]> {
    if text.len() != 12 {
        return None;
    }
    let mut out = [0u8; 6];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// The stored form of `password`: `sha256$<salt hex>$<hash hex>`, the hash being SHA-256
/// iterated 10,000 times over the salt and the password.
pub fn hash_password(password: &str, salt: &[u8; 16]) -> String {
    let digest = stretch(password, salt);
    format!("sha256${}${}", hex(salt), hex(&digest))
}

/// Whether `password` matches the stored hash.
pub fn check_password(stored: &str, password: &str) -> bool {
    let mut parts = stored.split('$');
    let (Some("sha256"), Some(salt), Some(hash), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let mut salt_bytes = [0u8; 16];
    if salt.len() != 32 {
        return false;
    }
    for (i, b) in salt_bytes.iter_mut().enumerate() {
        match salt
            .get(2 * i..2 * i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            Some(v) => *b = v,
            None => return false,
        }
    }
    let want = hex(&stretch(password, &salt_bytes));
    // Compare every byte so the time does not say where they differ.
    want.len() == hash.len()
        && want
            .bytes()
            .zip(hash.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

fn stretch(password: &str, salt: &[u8; 16]) -> [u8; 32] {
    let mut digest: [u8; 32] = Sha256::new()
        .chain_update(salt)
        .chain_update(password.as_bytes())
        .finalize()
        .into();
    for _ in 1..HASH_ROUNDS {
        digest = Sha256::new()
            .chain_update(digest)
            .chain_update(salt)
            .finalize()
            .into();
    }
    digest
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut c = BoardConfig::defaults([1, 2, 3, 0xaa, 0xbb, 0xcc]);
        assert_eq!(c.name, "mote-aabbcc");
        c.password_hash = Some(hash_password("pw", &[7; 16]));
        c.wifi_ssid = "home net".into();
        assert_eq!(BoardConfig::parse(c.to_text().as_bytes()), Ok(c));
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        let good = BoardConfig::defaults([0; 6]).to_text();
        assert_eq!(BoardConfig::parse(&[0xff, 0xfe]), Err(ConfigError::NotText));
        assert_eq!(
            BoardConfig::parse(b"name mote"),
            Err(ConfigError::BadLine(1))
        );
        assert_eq!(
            BoardConfig::parse(b"colour = red"),
            Err(ConfigError::UnknownKey(1))
        );
        assert_eq!(
            BoardConfig::parse(b"unique_id = 12"),
            Err(ConfigError::BadValue(1))
        );
        assert_eq!(
            BoardConfig::parse(b"name = a b"),
            Err(ConfigError::BadValue(1))
        );
        // Truncated mid-line, and after the first lines.
        assert_eq!(
            BoardConfig::parse(&good.as_bytes()[..30]),
            Err(ConfigError::BadLine(2))
        );
        let head: alloc::vec::Vec<&str> = good.lines().take(2).collect();
        assert_eq!(
            BoardConfig::parse(head.join("\n").as_bytes()),
            Err(ConfigError::Missing("unique_id"))
        );
    }

    #[test]
    fn passwords_check_against_their_hash() {
        assert_eq!(HASH_ROUNDS, 10_000, "the doc of hash_password says so");
        let stored = hash_password("secret", &[3; 16]);
        assert!(stored.starts_with("sha256$03030303"));
        assert!(check_password(&stored, "secret"));
        assert!(!check_password(&stored, "Secret"));
        assert!(!check_password("sha256$zz$00", "secret"));
        assert!(!check_password("garbage", "secret"));
    }
}
