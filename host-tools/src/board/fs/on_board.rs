//! What the file API cannot tell, asked of the board in Python through the raw REPL: a
//! file's SHA-256 and the filesystem's size (`df`).

use super::{BoardError, Target};
use crate::board::webrepl::Session;

/// The SHA-256 (hex) of each board file, computed on the board; `None` where it has none.
pub fn hashes_on_board(target: &Target, paths: &[&str]) -> Result<Vec<Option<String>>, BoardError> {
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
         \x20       print('-')\n\
         del _mote_sha, _p\n"
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

/// `mote fs df`: `os.statvfs('/')` on the board, printed as size, used, free and use%.
pub fn df(target: &Target) -> Result<(), BoardError> {
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
