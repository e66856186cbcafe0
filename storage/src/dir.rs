//! Directories: a directory is a file whose contents are its entries, so a directory changes
//! atomically like any file.
//!
//! Entry encoding: `name_len: u8, kind: u8, inode: u32 LE, name bytes`. Names are unique
//! within a directory; entries are in creation order.

use embedded_storage_async::nor_flash::MultiwriteNorFlash;

use crate::error::{Error, Result};
use crate::layout::{Inode, Kind, MapKey, Name};
use crate::store::Store;
use crate::txn::FileCore;
use crate::MAX_NAME_LEN;

const ENTRY_HEADER: usize = 6;

/// One directory entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DirEntry {
    /// The entry's name.
    pub name: Name,
    /// What it is.
    pub kind: Kind,
    pub(crate) inode: u32,
}

/// Reads the committed state of inode `inode`.
pub(crate) async fn inode_record<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    inode: u32,
) -> Result<Inode> {
    store
        .get::<Inode>(&MapKey::inode(inode))
        .await?
        .ok_or(Error::Corrupt)
}

/// Reads the entry at `pos` of the directory `reader` holds; returns it and the next position.
pub(crate) async fn entry_at<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    reader: &mut FileCore,
    pos: u32,
) -> Result<Option<(DirEntry, u32)>> {
    let mut header = [0u8; ENTRY_HEADER];
    let n = reader.read_at(store, pos, &mut header).await?;
    if n == 0 {
        return Ok(None);
    }
    if n < ENTRY_HEADER {
        return Err(Error::Corrupt);
    }
    let len = usize::from(header[0]);
    if len == 0 || len > MAX_NAME_LEN {
        return Err(Error::Corrupt);
    }
    let mut name = [0u8; MAX_NAME_LEN];
    let name_at = pos.checked_add(ENTRY_HEADER as u32).ok_or(Error::Corrupt)?;
    let got = reader.read_at(store, name_at, &mut name[..len]).await?;
    if got < len {
        return Err(Error::Corrupt);
    }
    let entry = DirEntry {
        name: Name::new(&name[..len])?,
        kind: Kind::from_code(header[1])?,
        inode: u32::from_le_bytes([header[2], header[3], header[4], header[5]]),
    };
    let next = name_at.checked_add(len as u32).ok_or(Error::Corrupt)?;
    Ok(Some((entry, next)))
}

/// Finds `name` in directory `dir`; returns the entry and its offset.
pub(crate) async fn find<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    reader: &mut FileCore,
    dir: u32,
    name: &Name,
) -> Result<Option<(DirEntry, u32)>> {
    let record = inode_record(store, dir).await?;
    if record.kind != Kind::Dir {
        return Err(Error::NotADirectory);
    }
    reader.reset(dir, record);
    let mut pos = 0;
    while let Some((entry, next)) = entry_at(store, reader, pos).await? {
        if entry.name == *name {
            return Ok(Some((entry, pos)));
        }
        pos = next;
    }
    Ok(None)
}

async fn in_transaction<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    writer: &mut FileCore,
    result: Result<()>,
) -> Result<()> {
    match result {
        Ok(()) => writer.commit(store).await,
        Err(e) => {
            // Best effort: a leftover intent is settled at the next mount.
            let _ = writer.abort(store).await;
            Err(e)
        }
    }
}

/// Makes `dir/name` point at `inode` (adding or replacing the entry); idempotent.
pub(crate) async fn link<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    reader: &mut FileCore,
    writer: &mut FileCore,
    dir: u32,
    name: &Name,
    inode: u32,
    kind: Kind,
) -> Result<()> {
    let found = find(store, reader, dir, name).await?;
    writer.reset(dir, reader.committed);
    let result = match found {
        Some((entry, _)) if entry.inode == inode => return Ok(()),
        Some((_, pos)) => {
            let mut patch = [kind.code(), 0, 0, 0, 0];
            patch[1..].copy_from_slice(&inode.to_le_bytes());
            writer.write_at(store, pos + 1, &patch).await
        }
        None => {
            let mut entry = [0u8; ENTRY_HEADER + MAX_NAME_LEN];
            let len = name.as_bytes().len();
            entry[0] = len as u8;
            entry[1] = kind.code();
            entry[2..6].copy_from_slice(&inode.to_le_bytes());
            entry[ENTRY_HEADER..ENTRY_HEADER + len].copy_from_slice(name.as_bytes());
            let end = writer.size();
            writer
                .write_at(store, end, &entry[..ENTRY_HEADER + len])
                .await
        }
    };
    in_transaction(store, writer, result).await
}

/// Removes `dir/name` if it points at `inode`; idempotent.
pub(crate) async fn unlink<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    reader: &mut FileCore,
    writer: &mut FileCore,
    dir: u32,
    name: &Name,
    inode: u32,
) -> Result<()> {
    let Some((entry, pos)) = find(store, reader, dir, name).await? else {
        return Ok(());
    };
    if entry.inode != inode {
        return Ok(());
    }
    let gap = (ENTRY_HEADER + name.as_bytes().len()) as u32;
    let size = reader.size();
    writer.reset(dir, reader.committed);
    let result = async {
        let mut at = pos;
        let mut piece = [0u8; 128];
        while at + gap < size {
            let n = reader.read_at(store, at + gap, &mut piece).await?;
            if n == 0 {
                return Err(Error::Corrupt);
            }
            writer.write_at(store, at, &piece[..n]).await?;
            at += n as u32;
        }
        writer.truncate(store, size - gap).await
    }
    .await;
    in_transaction(store, writer, result).await
}
