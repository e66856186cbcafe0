//! Evacuation: the records still live in the map page that the next page change compacts
//! are written again at the head first, so that the compaction finds each of them
//! superseded.
//!
//! `sequential-storage` compacts a page by looking every record on it up across the map:
//! a record that is still live there is only found after reading (and checksumming) every
//! page, so compacting a page of a full map of small files read the whole map some twenty
//! times, and a superseded one whose newest copy is old nearly as often. Evacuation reads
//! the map page by page once (each page alone, as a map of two pages with the erased buffer
//! page after the head, which `sequential-storage` keeps open) to learn where the newest
//! copy of each key on the page is, reads that copy from its page alone, and stores it
//! again at the head. The compaction then finds every record superseded near the head (or
//! in its key cache) and moves nothing.
//!
//! Power-cut safety: evacuation only writes a record again with the value the map holds
//! for it, so at every cut each key still reads the same value; anything not evacuated is
//! moved by the compaction as before.

use core::cell::Cell;

use embedded_storage_async::nor_flash::{ErrorType, MultiwriteNorFlash, NorFlash, ReadNorFlash};
use sequential_storage::cache::{Cache, Uncached};
use sequential_storage::map::{MapConfig, MapStorage, SerializationError, Value};

use super::{live, Map, PageMark, Store};
use crate::error::{Error, Result};
use crate::layout::MapKey;
use crate::ring::RingError;

/// Keys of the page one scan of the map decides on; a page with more costs a scan per batch.
const BATCH: usize = 12;

/// A key of the page being evacuated, and the map page (counted from the head) holding
/// its newest copy.
#[derive(Clone, Copy)]
struct Candidate {
    key: MapKey,
    newest: u32,
}

/// A key's newest copy this many pages or fewer behind the head is left where it is: the
/// compaction's lookup, which reads back from the head, finds it soon.
const NEAR_HEAD: u32 = 8;

/// A value already in the item buffer right after its key, where a fetch of the same key
/// left it. `store_item` serializes its value a second time only after a page change,
/// whose compaction reuses the buffer: that second call fails, and nothing is written.
struct Resident {
    len: usize,
    used: Cell<bool>,
}

impl<'a> Value<'a> for Resident {
    fn serialize_into(&self, buffer: &mut [u8]) -> core::result::Result<usize, SerializationError> {
        if self.used.replace(true) || buffer.len() < self.len {
            return Err(SerializationError::InvalidData);
        }
        Ok(self.len)
    }

    fn deserialize_from(
        buffer: &'a [u8],
    ) -> core::result::Result<(Self, usize), SerializationError> {
        Ok((
            Resident {
                len: buffer.len(),
                used: Cell::new(false),
            },
            buffer.len(),
        ))
    }
}

/// Two sectors of the partition seen as a map of two pages, read only: a map that tried to
/// repair anything here would get an error instead.
struct PagePair<'f, F> {
    flash: &'f mut F,
    sectors: [u16; 2],
}

impl<F: NorFlash> ErrorType for PagePair<'_, F> {
    type Error = RingError<F::Error>;
}

impl<F: NorFlash> ReadNorFlash for PagePair<'_, F> {
    const READ_SIZE: usize = F::READ_SIZE;

    async fn read(
        &mut self,
        offset: u32,
        bytes: &mut [u8],
    ) -> core::result::Result<(), Self::Error> {
        let page = F::ERASE_SIZE as u32;
        let end = offset + bytes.len() as u32;
        let sector = self
            .sectors
            .get((offset / page) as usize)
            .filter(|_| end.div_ceil(page) == offset / page + 1)
            .ok_or(RingError::OutOfRange)?;
        self.flash
            .read(u32::from(*sector) * page + offset % page, bytes)
            .await
            .map_err(RingError::Flash)
    }

    fn capacity(&self) -> usize {
        2 * F::ERASE_SIZE
    }
}

impl<F: NorFlash> NorFlash for PagePair<'_, F> {
    const WRITE_SIZE: usize = F::WRITE_SIZE;
    const ERASE_SIZE: usize = F::ERASE_SIZE;

    async fn erase(&mut self, _: u32, _: u32) -> core::result::Result<(), Self::Error> {
        Err(RingError::OutOfRange)
    }

    async fn write(&mut self, _: u32, _: &[u8]) -> core::result::Result<(), Self::Error> {
        Err(RingError::OutOfRange)
    }
}

impl<F: MultiwriteNorFlash> MultiwriteNorFlash for PagePair<'_, F> {}

type PageMap<'f, F> =
    MapStorage<MapKey, PagePair<'f, F>, Cache<Uncached, Uncached, Uncached, MapKey>>;

/// The page `sectors[0]` and the erased page `sectors[1]` as a map.
fn page_map<F: MultiwriteNorFlash>(
    map: &mut Option<Map<F>>,
    sectors: [u16; 2],
) -> Result<PageMap<'_, F>> {
    let page = F::ERASE_SIZE as u32;
    let config = MapConfig::try_new(0..2 * page).map_err(|_| Error::Corrupt)?;
    let flash = &mut live(map).flash().flash;
    Ok(MapStorage::new(
        PagePair { flash, sectors },
        config,
        Cache::new_uncached(),
    ))
}

impl<F: MultiwriteNorFlash> Store<F> {
    /// Evacuates the page the next page change compacts and the one after it (whose live
    /// records then land in the head's free room before its turn comes), each once per time
    /// it comes up; does nothing unless the map lies as `sequential-storage` leaves it
    /// between operations (the head partly written, the page after it open, the ones after
    /// that closed).
    pub(super) async fn evacuate(&mut self) -> Result<()> {
        let Some(head) = self.head_page().await? else {
            return Ok(());
        };
        let ring = self.ring();
        let pages = ring.pages();
        if pages < 5 {
            return Ok(());
        }
        let page = |ahead: u32| (head + ahead) % pages;
        let sector = |ahead: u32| ring.sector(page(ahead)).map(|s| s as u16);
        let (Some(buffer), Some(next), Some(after)) = (sector(1), sector(2), sector(3)) else {
            return Ok(());
        };
        if self.page_mark(page(1)).await? != PageMark::Open
            || self.page_mark(page(2)).await? != PageMark::Closed
        {
            return Ok(());
        }
        for (ahead, victim) in [(2, next), (3, after)] {
            if self.evacuated.contains(&Some(victim))
                || self.page_mark(page(ahead)).await? != PageMark::Closed
            {
                continue;
            }
            if !self.evacuate_page(head, ahead, buffer).await? {
                return Ok(());
            }
            self.evacuated = [self.evacuated[1], Some(victim)];
        }
        Ok(())
    }

    /// Writes every key of the map page `ahead` pages after the head again at the head,
    /// with the value of its newest copy, unless that copy is within [`NEAR_HEAD`] pages
    /// of the head; `buffer` is the sector of the erased page after the head. The map's
    /// pages are read one at a time (each with the buffer page as a map of two pages), so
    /// the page of each copy is known. False when the map changed pages meanwhile (the
    /// rest is left to the compaction, or to the next evacuation).
    async fn evacuate_page(&mut self, head: u32, ahead: u32, buffer: u16) -> Result<bool> {
        let ring = self.ring();
        let pages = ring.pages();
        let sector = |ahead: u32| ring.sector((head + ahead) % pages).map(|s| s as u16);
        let Some(victim) = sector(ahead) else {
            return Ok(false);
        };
        let mut skip = 0;
        loop {
            let mut batch = [None::<Candidate>; BATCH];
            let mut seen = 0;
            let mut more = false;
            self.page_records([victim, buffer], |key| {
                seen += 1;
                if seen <= skip || batch.iter().flatten().any(|c| c.key == key) {
                    return true;
                }
                if let Some(slot) = batch.iter_mut().find(|c| c.is_none()) {
                    *slot = Some(Candidate { key, newest: ahead });
                    return true;
                }
                seen -= 1;
                more = true;
                false
            })
            .await?;
            skip = seen;
            // Oldest page first, the head last: the last copy seen is the newest.
            for later in (ahead + 1..pages + 1).filter(|&a| a % pages != 1) {
                let Some(s) = sector(later) else {
                    return Ok(false);
                };
                self.page_records([s, buffer], |key| {
                    if let Some(c) = batch.iter_mut().flatten().find(|c| c.key == key) {
                        c.newest = later % pages;
                    }
                    true
                })
                .await?;
            }
            for c in batch.iter().flatten() {
                if (pages - c.newest) % pages <= NEAR_HEAD {
                    continue;
                }
                let Some(from) = sector(c.newest) else {
                    return Ok(false);
                };
                if self.page_mark((head + 1) % pages).await? != PageMark::Open
                    || self.page_mark((head + ahead) % pages).await? != PageMark::Closed
                    || !self.restore([from, buffer], &c.key).await?
                {
                    return Ok(false);
                }
            }
            if !more {
                return Ok(true);
            }
        }
    }

    /// Calls `visit` with the key of each record on the page `pair[0]` (`pair[1]` erased),
    /// in order, until it returns false.
    async fn page_records(
        &mut self,
        pair: [u16; 2],
        mut visit: impl FnMut(MapKey) -> bool,
    ) -> Result<()> {
        let buf = &mut self.buf;
        let mut map = page_map(&mut self.map, pair)?;
        let mut iter = map.fetch_all_items(buf).await?;
        while let Some((key, _)) = iter.next::<Resident>(buf).await? {
            if !visit(key) {
                break;
            }
        }
        Ok(())
    }

    /// Reads `key`'s newest record on the page and stores it again in the map; false when
    /// it was not stored (the store changed pages first, or found no room).
    async fn restore(&mut self, pair: [u16; 2], key: &MapKey) -> Result<bool> {
        let found = page_map(&mut self.map, pair)?
            .fetch_item::<Resident>(&mut self.buf, key)
            .await?;
        let Some(Resident { len, .. }) = found else {
            return Ok(false);
        };
        let value = Resident {
            len,
            used: Cell::new(false),
        };
        match live(&mut self.map)
            .store_item(&mut self.buf, key, &value)
            .await
        {
            Ok(()) => Ok(true),
            Err(
                sequential_storage::Error::SerializationError(_)
                | sequential_storage::Error::FullStorage,
            ) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }
}
