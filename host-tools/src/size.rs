//! Byte sizes as people write them on the command line: `65536`, `64k`, `64K`, `64KiB`, `1M`,
//! `1G`: the one parser behind every size option (`--heap`, `--size`, `--flash-size`).

/// Parses a byte size with an optional binary suffix, any case (`k`/`KB`/`KiB`, `m`/`MiB`,
/// `g`/`GiB`).
pub fn parse_size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, suffix) = text.split_at(split);
    let number: usize = digits
        .parse()
        .map_err(|_| format!("'{text}' is not a size (examples: 65536, 64k, 1M)"))?;
    let unit: usize = match suffix.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => {
            return Err(format!(
                "unknown size unit '{}' in '{text}' (examples: 65536, 64k, 64KiB, 1M, 1G)",
                suffix.trim()
            ))
        }
    };
    number
        .checked_mul(unit)
        .ok_or_else(|| format!("size '{text}' is too large"))
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn plain_and_suffixed_sizes() {
        assert_eq!(parse_size("65536"), Ok(65536));
        assert_eq!(parse_size("64k"), Ok(65536));
        assert_eq!(parse_size("1M"), Ok(1 << 20));
        assert_eq!(parse_size("2MiB"), Ok(2 << 20));
        assert_eq!(parse_size("64K"), Ok(65536));
        assert_eq!(parse_size("64KiB"), Ok(65536));
        assert_eq!(parse_size("64kb"), Ok(65536));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size(" 3m "), Ok(3 << 20));
    }

    #[test]
    fn bad_sizes_are_errors() {
        assert!(parse_size("").is_err());
        assert!(parse_size("k").is_err());
        assert!(parse_size("12q").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
    }
}
