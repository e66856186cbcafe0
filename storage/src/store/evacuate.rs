//! Evacuation: the records still live in the map page that the next page change compacts
//! are written again at the head first, so that the compaction finds each of them
//! superseded.
//!
//! `sequential-storage` compacts a page by looking every record on it up across the map:
//! a record that is still live there is only found after reading (and checksumming) every
//! page, so compacting a page of a full map of small files read the whole map some twenty
//! times. Evacuation finds which records on the page are live with one scan of the map
//! (a record is live on the page when no later page holds its key), reads each from the page
//! alone (a map of two pages: the page and the erased buffer page after the head, which
//! `sequential-storage` keeps open), and stores it again. The compaction then finds every
//! record superseded near the head (or in its key cache) and moves nothing.
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
const BATCH: usize = 16;

/// A key of the page being evacuated: copies on the page, copies in the whole map.
#[derive(Clone, Copy)]
struct Candidate {
    key: MapKey,
    on_page: u16,
    in_map: u16,
}

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
    /// Evacuates the page the next page change compacts, once per time it comes up; does
    /// nothing unless the map lies as `sequential-storage` leaves it between operations (the
    /// head partly written, the page after it open, the one after that closed).
    pub(super) async fn evacuate(&mut self) -> Result<()> {
        let Some(head) = self.head_page().await? else {
            return Ok(());
        };
        let ring = self.ring();
        let pages = ring.pages();
        let (buffer, victim) = ((head + 1) % pages, (head + 2) % pages);
        let (Some(buffer_sector), Some(victim_sector)) = (ring.sector(buffer), ring.sector(victim))
        else {
            return Ok(());
        };
        if self.evacuated == Some(victim_sector)
            || self.page_mark(buffer).await? != PageMark::Open
            || self.page_mark(victim).await? != PageMark::Closed
        {
            return Ok(());
        }
        self.evacuated = Some(victim_sector);
        let pair = [victim_sector as u16, buffer_sector as u16];
        let mut skip = 0;
        loop {
            let mut batch = [None::<Candidate>; BATCH];
            let (items, more) = self.page_keys(pair, skip, &mut batch).await?;
            skip += items;
            self.scan(|key, _| {
                if let Some(c) = batch.iter_mut().flatten().find(|c| c.key == *key) {
                    c.in_map = c.in_map.saturating_add(1);
                }
                Ok(())
            })
            .await?;
            for c in batch.iter().flatten() {
                // Live on the page: no later page holds the key.
                if c.in_map == c.on_page
                    && (self.page_mark(victim).await? != PageMark::Closed
                        || !self.restore(pair, &c.key).await?)
                {
                    return Ok(());
                }
            }
            if !more || self.page_mark(victim).await? != PageMark::Closed {
                return Ok(());
            }
        }
    }

    /// The distinct keys of the page's records after the first `skip`, as many as `batch`
    /// holds; returns how many records were looked at and whether any are left.
    async fn page_keys(
        &mut self,
        pair: [u16; 2],
        skip: usize,
        batch: &mut [Option<Candidate>; BATCH],
    ) -> Result<(usize, bool)> {
        let buf = &mut self.buf;
        let mut map = page_map(&mut self.map, pair)?;
        let mut iter = map.fetch_all_items(buf).await?;
        let mut seen = 0;
        let mut taken = 0;
        while let Some((key, _)) = iter.next::<Resident>(buf).await? {
            seen += 1;
            if seen <= skip {
                continue;
            }
            if let Some(c) = batch.iter_mut().flatten().find(|c| c.key == key) {
                c.on_page += 1;
            } else if let Some(slot) = batch.get_mut(taken) {
                *slot = Some(Candidate {
                    key,
                    on_page: 1,
                    in_map: 0,
                });
                taken += 1;
            } else {
                return Ok((seen - 1 - skip, true));
            }
        }
        Ok((seen.saturating_sub(skip), false))
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
