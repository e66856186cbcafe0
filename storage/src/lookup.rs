//! Finding a key's newest record in the map by reading item headers and keys only.
//!
//! `sequential-storage`'s own lookup reads every item of every page it passes in full and
//! checks its CRC (a bitwise CRC-32 over the whole item), so a record written long ago cost a
//! CRC of most of the map (measured: 58 % of the time of reading small files back). This
//! reader walks the same pages in the same order over the same on-flash format
//! (`sequential-storage` 8: per page a start and an end marker word, items of a header
//! `crc32: u32, length: u16, crc16(length): u16` padded to the word size and the data, key
//! first, padded likewise; a zero CRC is a removed item), reading pages a buffer at a time
//! and comparing keys as bytes; only an item whose key matches has its CRC checked. It
//! finds the copy `fetch_item` finds: the last item with a valid CRC and the key on the
//! newest page holding one, walking back from the page being written while pages are
//! closed. On a damaged map it may find an older copy or none where `fetch_item` reports
//! the damage (an item it cannot decode, a page marked at its end only); only ever items
//! whose CRC is valid.
//!
//! Invariants: reads only, at addresses inside the map, aligned to the read size; no item
//! is returned whose CRC does not match.

use core::ops::Range;

use embedded_storage_async::nor_flash::NorFlash;

use crate::error::{Error, Result};
use crate::layout::{MapKey, Tag, KEY_MAX};

/// Bytes of an item header before padding.
const HEADER: usize = 8;
/// Bytes of the item CRC at the header's start.
const CRC_LEN: usize = 4;

/// Words are the larger of the write and read units (as in `sequential-storage`).
const fn word<R: NorFlash>() -> usize {
    if R::WRITE_SIZE > R::READ_SIZE {
        R::WRITE_SIZE
    } else {
        R::READ_SIZE
    }
}

fn round_up<R: NorFlash>(n: usize) -> usize {
    n.div_ceil(word::<R>()) * word::<R>()
}

/// A map page's state from its marker words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Partial,
    Closed,
}

/// State of map page `page`: a marker is set when its first read unit has at least four
/// zero bits; an end marker without a start marker (an interrupted erase) is damage.
async fn mark<R: NorFlash>(flash: &mut R, page: u32) -> Result<Mark> {
    let unit = R::READ_SIZE.max(1);
    let base = page * R::ERASE_SIZE as u32;
    let mut w = [0xFFu8; 32];
    let w = w.get_mut(..unit).ok_or(Error::InvalidInput)?;
    let mut set = [false; 2];
    for (i, addr) in [base, base + (R::ERASE_SIZE - unit) as u32]
        .into_iter()
        .enumerate()
    {
        flash.read(addr, w).await.map_err(|_| Error::Io)?;
        set[i] = w.iter().map(|b| b.count_zeros()).sum::<u32>() >= 4;
    }
    match set {
        [true, true] => Ok(Mark::Closed),
        [true, false] => Ok(Mark::Partial),
        [false, false] => Ok(Mark::Open),
        [false, true] => Err(Error::Corrupt),
    }
}

/// The page written last: the partly written one, or else the closed page before the first
/// open one; `None` when the map holds nothing.
pub(crate) async fn head<R: NorFlash>(flash: &mut R, pages: u32) -> Result<Option<u32>> {
    let mut first_open = None;
    for p in 0..pages {
        match mark(flash, p).await? {
            Mark::Partial => return Ok(Some(p)),
            Mark::Open if first_open.is_none() => first_open = Some(p),
            _ => {}
        }
    }
    let open = first_open.ok_or(Error::Corrupt)?;
    let before = (open + pages - 1) % pages;
    Ok((mark(flash, before).await? == Mark::Closed).then_some(before))
}

/// The partly written page among `hint` and the page after it (where the map writes until
/// its next page change and after it); `None` when neither is.
async fn head_near<R: NorFlash>(flash: &mut R, pages: u32, hint: u32) -> Result<Option<u32>> {
    for p in [hint % pages, (hint + 1) % pages] {
        if mark(flash, p).await? == Mark::Partial {
            return Ok(Some(p));
        }
    }
    Ok(None)
}

/// CRC-32C from `sequential-storage`'s initial value, never 0 and with a first byte that is
/// neither 0 nor 0xFF (as it writes them).
pub(crate) fn item_crc(data: &[u8]) -> u32 {
    let mut crc: u32 = 0xEEEE_EEEE;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let low = crc & 1 != 0;
            crc >>= 1;
            if low {
                crc ^= 0x82F6_3B78;
            }
        }
    }
    match !crc {
        0 => 1,
        c if matches!(c.to_le_bytes()[0], 0 | 0xFF) => c ^ 1,
        c => c,
    }
}

/// The CRC-16 `sequential-storage` protects an item's length with.
fn length_crc(bytes: [u8; 2]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for byte in bytes {
        crc ^= u16::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0x1A2E
            } else {
                crc >> 1
            };
        }
    }
    match crc ^ 0xFFFF {
        0xFFFF => 0xFFFE,
        c => c,
    }
}

/// Bytes of flash held in a buffer, read a buffer at a time.
struct Window {
    start: u32,
    len: usize,
}

impl Window {
    /// The bytes `at .. at + n` (clipped to `end`), reading the buffer again from `at` when
    /// they are not all in it.
    async fn get<'b, R: NorFlash>(
        &mut self,
        flash: &mut R,
        buf: &'b mut [u8],
        at: u32,
        n: usize,
        end: u32,
    ) -> Result<&'b [u8]> {
        let want = n.min(end.saturating_sub(at) as usize);
        let inside = at >= self.start && at + want as u32 <= self.start + self.len as u32;
        if !inside {
            let unit = R::READ_SIZE.max(1);
            let room = buf.len() / unit * unit;
            let len = (end.saturating_sub(at) as usize).min(room) / unit * unit;
            let dst = buf.get_mut(..len).ok_or(Error::InvalidInput)?;
            flash.read(at, dst).await.map_err(|_| Error::Io)?;
            self.start = at;
            self.len = len;
        }
        let off = (at - self.start) as usize;
        buf.get(off..off + want).ok_or(Error::Corrupt)
    }
}

/// Keys whose newest copy [`Lookup`] remembers: a directory's blocks stay found while its
/// files are read, created and removed.
pub(crate) const LOCATED: usize = 64;
const _: () = assert!(LOCATED <= 64);

/// The lookup's memory: the page written last and where recently found keys' newest copies
/// lie. A remembered copy is used only after its header, key and CRC are read again; it is
/// forgotten when its key is written or removed, and all are when the map's pages change
/// places. This is sound because the map writes a key only when it is stored (forgotten
/// then) or when compaction moves its newest copy: whatever valid copy of a key lies at a
/// remembered address is its newest. Each entry is one `u32`: the key's [`HASH_BITS`]-bit
/// hash and the copy's address counted in flash words (items start on a word), so 64 entries
/// take 256 bytes where a 16-bit hash and a 24-bit byte address took 320. Two keys sharing a
/// hash only cost a walk (the copy's key is compared before use), and forgetting one forgets
/// both. A copy whose word number does not fit below [`NOWHERE`] (past the map's first
/// 4 MiB with 4-byte words, 32 MiB with 32-byte ones) is not remembered: a walk finds it.
pub(crate) struct Lookup {
    /// The page written last, once found (`Page::NONE`: the map has none); `None` when the
    /// map may have changed since.
    head: Option<Page>,
    /// The head as last found, looked at first when the head is sought again (the map has
    /// one partly written page while no power cut intervenes, so finding it is enough).
    hint: Page,
    /// Each remembered key: its [`key_hash`] in the top [`HASH_BITS`] bits, the word number
    /// of its newest copy's item below them ([`NOWHERE`] for an empty entry).
    entries: [u32; LOCATED],
    /// Entries found again since the replacement hand last passed them (one bit each): a
    /// new key replaces the first entry the hand finds unused, so a directory's blocks,
    /// found again for each of its files, outlive the files' own records.
    used: u64,
    /// The replacement hand.
    next: u8,
}

impl Default for Lookup {
    fn default() -> Self {
        Lookup {
            head: None,
            hint: Page::NONE,
            entries: [NOWHERE; LOCATED],
            used: 0,
            next: 0,
        }
    }
}

/// A map page number or none, in two bytes where an `Option<u32>` takes eight: a partition
/// has fewer than `u16::MAX` sectors, so no page is numbered `u16::MAX`. Kept only as a
/// hint of where to look first: a page that does not fit is kept as none (looked for again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Page(u16);

impl Page {
    /// No page.
    pub const NONE: Page = Page(u16::MAX);

    /// `page` if it fits, else none.
    pub fn new(page: Option<u32>) -> Page {
        page.and_then(|p| u16::try_from(p).ok())
            .map_or(Page::NONE, Page)
    }

    /// The page number, if any.
    pub fn get(self) -> Option<u32> {
        (self != Page::NONE).then_some(u32::from(self.0))
    }
}

/// Bits of a [`Lookup`] entry holding its key's hash: with 64 entries, a key not remembered
/// shares the hash of one (and then takes its entry) about one time in 64. In the
/// `vs_littlefs -- workloads` bench on 4 MiB, 10 bits read 38 % more flash than 16 did to
/// remove each small file and 73 % more to write them, 12 bits 8 % and 20 %; the word number
/// then still reaches the whole of a 4 MiB map.
const HASH_BITS: u32 = 12;
/// Bits of a [`Lookup`] entry holding its copy's word number.
const WORD_BITS: u32 = u32::BITS - HASH_BITS;
/// An empty [`Lookup`] entry's word number (the largest: no copy kept starts there).
const NOWHERE: u32 = (1 << WORD_BITS) - 1;

/// Item address `at` as the word number a [`Lookup`] entry keeps, with words of `word`
/// bytes: none when it is not on a word or its number does not fit below [`NOWHERE`].
fn pack(at: u32, word: usize) -> Option<u32> {
    let word = u32::try_from(word).ok().filter(|&w| w > 0)?;
    at.is_multiple_of(word)
        .then_some(at / word)
        .filter(|&n| n < NOWHERE)
}

/// The item address of `entry`, with words of `word` bytes; none for an empty entry.
fn unpack(entry: u32, word: usize) -> Option<u32> {
    let n = entry & NOWHERE;
    (n != NOWHERE).then(|| n.checked_mul(word as u32)).flatten()
}

/// The hash an entry keeps, in its top bits.
fn hash_of(entry: u32) -> u32 {
    entry >> WORD_BITS
}

/// `key` as the bytes it is stored as (zero-padded).
fn key_bytes(key: &MapKey) -> Result<([u8; KEY_MAX], usize)> {
    use sequential_storage::map::Key;
    let mut bytes = [0u8; KEY_MAX];
    let len = key
        .serialize_into(&mut bytes)
        .map_err(|_| Error::InvalidInput)?;
    Ok((bytes, len))
}

/// FNV-1a of a key's (zero-padded) bytes, cut to [`HASH_BITS`] by Fibonacci hashing (its top
/// bits, where a multiplication mixes every bit of the FNV value).
fn key_hash(bytes: &[u8; KEY_MAX]) -> u32 {
    let h = crate::names::fnv1a(bytes).wrapping_mul(0x9E37_79B9) >> WORD_BITS;
    // Unit tests keep three bits, so that keys share hashes all the time and the tests that
    // check lookups against the map's own check them when they do.
    if cfg!(test) {
        h & 7
    } else {
        h
    }
}

impl Lookup {
    /// `key` is about to be written or removed (or was just written, with no lookup since).
    pub fn forget(&mut self, key: &MapKey) {
        self.head_moved();
        if let Ok((bytes, _)) = key_bytes(key) {
            let hash = key_hash(&bytes);
            for entry in self.entries.iter_mut() {
                if hash_of(*entry) == hash {
                    *entry |= NOWHERE;
                }
            }
        }
    }

    /// The map may have changed pages (and compacted one) without writing a key: the
    /// copies remembered are checked before use, so only the head is looked for again.
    pub fn head_moved(&mut self) {
        if let Some(h) = self.head.filter(|h| h.get().is_some()) {
            self.hint = h;
        }
        self.head = None;
    }

    /// The map's pages changed places (or were erased).
    pub fn clear(&mut self) {
        *self = Lookup::default();
    }

    /// The entry keeping `hash`, if any (a key is kept in at most one).
    fn slot_of(&self, hash: u32) -> Option<usize> {
        self.entries.iter().position(|&e| hash_of(e) == hash)
    }

    /// Remembers that the newest copy of the key stored as `bytes` is the item at `at`, on a
    /// flash of `word`-byte words.
    fn remember(&mut self, bytes: [u8; KEY_MAX], at: u32, word: usize) {
        let hash = key_hash(&bytes);
        let Some(n) = pack(at, word) else {
            // Past the addresses kept: an older copy remembered under this hash is stale.
            if let Some(i) = self.slot_of(hash) {
                self.entries[i] |= NOWHERE;
            }
            return;
        };
        let slot = match self.slot_of(hash) {
            Some(i) => i,
            None => loop {
                let i = usize::from(self.next);
                self.next = ((i + 1) % LOCATED) as u8;
                if self.entries[i] & NOWHERE == NOWHERE || self.used & (1 << i) == 0 {
                    break i;
                }
                self.used &= !(1 << i);
            },
        };
        self.entries[slot] = hash << WORD_BITS | n;
    }

    /// Finds the newest valid copy of `key` in the map of `pages` pages on `flash` and
    /// leaves its data in `buf`: returns where its value lies in `buf`, `None` when no page
    /// back from the head holds one.
    pub async fn fetch<R: NorFlash>(
        &mut self,
        flash: &mut R,
        pages: u32,
        buf: &mut [u8],
        key: &MapKey,
    ) -> Result<Option<Range<usize>>> {
        let klen = key_bytes(key)?.1;
        let found = self.locate(flash, pages, buf, key).await?;
        Ok(found.map(|(_, len)| klen..len))
    }

    /// Like [`Lookup::fetch`], but returns the newest copy's item address and data length
    /// (key and value).
    pub async fn locate<R: NorFlash>(
        &mut self,
        flash: &mut R,
        pages: u32,
        buf: &mut [u8],
        key: &MapKey,
    ) -> Result<Option<(u32, usize)>> {
        let (bytes, klen) = key_bytes(key)?;
        let hash = key_hash(&bytes);
        let word = word::<R>();
        if let Some(i) = self.slot_of(hash) {
            if let Some(at) = unpack(self.entries[i], word) {
                if let Some(len) = item_at(flash, pages, buf, at, &bytes[..klen]).await? {
                    self.used |= 1 << i;
                    return Ok(Some((at, len)));
                }
                self.entries[i] |= NOWHERE;
            }
        }
        let newest = match self.head {
            Some(h) => h.get(),
            None => {
                let near = match self.hint.get() {
                    None => None,
                    Some(hint) => head_near(flash, pages, hint).await?,
                };
                let h = match near {
                    Some(h) => Some(h),
                    None => head(flash, pages).await?,
                };
                // A head past what `Page` holds is looked for again next time.
                if h.is_none() || Page::new(h) != Page::NONE {
                    self.head = Some(Page::new(h));
                }
                h
            }
        };
        let mut related = Related::default();
        let mut near = Near::default();
        let found = fetch(
            flash,
            pages,
            newest,
            buf,
            &bytes[..klen],
            &mut related,
            &mut near,
        )
        .await?;
        for i in 0..related.count {
            self.remember(related.keys[i], related.at[i], word);
        }
        if let Some((at, _)) = found {
            for (key, at) in near.taken() {
                self.remember(key, at, word);
            }
            self.remember(bytes, at, word);
        }
        Ok(found)
    }
}

/// The item at `at` if it is a valid copy of the key `wanted`: its data is then in `buf`
/// and its length returned.
async fn item_at<R: NorFlash>(
    flash: &mut R,
    pages: u32,
    buf: &mut [u8],
    at: u32,
    wanted: &[u8],
) -> Result<Option<usize>> {
    let header = round_up::<R>(HEADER);
    let page = at / R::ERASE_SIZE as u32;
    let end = (page + 1) * R::ERASE_SIZE as u32 - word::<R>() as u32;
    if page >= pages || at + header as u32 > end {
        return Ok(None);
    }
    let mut h = [0u8; 32];
    let h = h.get_mut(..header).ok_or(Error::InvalidInput)?;
    flash.read(at, h).await.map_err(|_| Error::Io)?;
    let length = [h[4], h[5]];
    let len = usize::from(u16::from_le_bytes(length));
    let crc = u32::from_le_bytes([h[0], h[1], h[2], h[3]]);
    let read = round_up::<R>(len);
    if crc == 0
        || length_crc(length) != u16::from_le_bytes([h[6], h[7]])
        || at + (header + read) as u32 > end
        || len < wanted.len()
    {
        return Ok(None);
    }
    let dst = buf.get_mut(..read).ok_or(Error::Corrupt)?;
    flash
        .read(at + header as u32, dst)
        .await
        .map_err(|_| Error::Io)?;
    let valid = dst.get(..wanted.len()) == Some(wanted) && item_crc(&dst[..len]) == crc;
    Ok(valid.then_some(len))
}

/// Whether an item with key tag `tag` is a chunk (either slot).
fn is_chunk_tag(tag: u8) -> bool {
    tag == Tag::Chunk as u8 || tag == Tag::Chunk as u8 + 1
}

/// Most chunk keys of a file one lookup remembers (two chunks, two slots).
const RELATED: usize = 4;

/// The newest copies of a file's chunk keys that a lookup of its record or of one of its
/// chunks passed.
#[derive(Default)]
struct Related {
    keys: [[u8; KEY_MAX]; RELATED],
    at: [u32; RELATED],
    page: [u32; RELATED],
    count: usize,
}

impl Related {
    /// Whether `key` was found on a page newer than `page` (its newest copy is there).
    fn newer(&self, key: &[u8], page: u32) -> bool {
        (0..self.count).any(|i| self.keys[i] == key && self.page[i] != page)
    }

    /// Records a valid copy of `key` at `at` on `page` (the pages come newest first, and
    /// items within a page oldest first).
    fn note(&mut self, key: [u8; KEY_MAX], at: u32, page: u32) {
        let i = match (0..self.count).find(|&i| self.keys[i] == key) {
            Some(i) => i,
            None if self.count < RELATED => {
                self.count += 1;
                self.count - 1
            }
            None => return,
        };
        self.keys[i] = key;
        self.at[i] = at;
        self.page[i] = page;
    }
}

/// Most records of other inodes one lookup of a record remembers.
const NEAR: usize = 16;
/// Bits of [`Near`]'s filter of inode numbers (it lives in the future of every operation,
/// whose size the crate doc bounds).
const NEAR_BITS: usize = 3072;

/// The newest copies of other inodes' records that a lookup of a record passed last, so
/// nearest the record it found: files written about when that one was, which are often
/// read or removed next (a directory's files in listing order), and are then found without
/// walking the map again.
///
/// A copy is taken only when no newer copy of its key can exist: the pages are walked newest
/// first and each page oldest item first, so a copy is its key's newest unless the key
/// was met on a newer page (the filter of every inode number met so far says so; a false
/// alarm only leaves a copy out) or later on the same page (the entry then moves to the
/// later copy).
struct Near {
    /// Inode numbers met so far (a Bloom filter, two bits each).
    seen: [u64; NEAR_BITS / 64],
    inode: [u32; NEAR],
    /// Item address of each entry's copy; `u32::MAX` once a removed copy followed it.
    at: [u32; NEAR],
    page: [u16; NEAR],
    count: u8,
    /// The entry the next new copy replaces once all are taken (the oldest taken).
    next: u8,
}

impl Default for Near {
    fn default() -> Self {
        Near {
            seen: [0; NEAR_BITS / 64],
            inode: [0; NEAR],
            at: [0; NEAR],
            page: [0; NEAR],
            count: 0,
            next: 0,
        }
    }
}

impl Near {
    /// Records a copy of inode `inode`'s record at `at` on `page`: one marked removed
    /// unless `live` (such a copy is never taken, but a copy it follows is not its key's
    /// newest either); a live one is not CRC-checked (a damaged one is refused when used).
    fn note(&mut self, inode: u32, at: u32, page: u32, live: bool) {
        // Page numbers fit: a map has at most 2048 pages.
        let page = page as u16;
        let count = usize::from(self.count);
        if let Some(i) = (0..count).find(|&i| self.inode[i] == inode) {
            if self.page[i] == page {
                self.at[i] = if live { at } else { u32::MAX };
            }
            return;
        }
        // Two multiplicative hashes, their top 32 bits scaled to the filter's size.
        let bits = [0x9E37_79B9_7F4A_7C15u64, 0xC2B2_AE3D_27D4_EB4F].map(|m| {
            (((u64::from(inode).wrapping_mul(m) >> 32) * NEAR_BITS as u64) >> 32) as usize
        });
        let met = bits
            .iter()
            .all(|&b| self.seen[b / 64] & (1 << (b % 64)) != 0);
        for b in bits {
            self.seen[b / 64] |= 1 << (b % 64);
        }
        if met || !live {
            return;
        }
        let i = if count < NEAR {
            self.count += 1;
            count
        } else {
            let i = usize::from(self.next);
            self.next = ((i + 1) % NEAR) as u8;
            i
        };
        self.inode[i] = inode;
        self.at[i] = at;
        self.page[i] = page;
    }

    /// The copies taken: key bytes and item address.
    fn taken(&self) -> impl Iterator<Item = ([u8; KEY_MAX], u32)> + '_ {
        (0..usize::from(self.count))
            .filter(|&i| self.at[i] != u32::MAX)
            .filter_map(|i| Some((key_bytes(&MapKey::Inode(self.inode[i])).ok()?.0, self.at[i])))
    }
}

/// A copy met on the page being walked, its CRC not checked yet.
#[derive(Clone, Copy)]
struct Unchecked {
    key: [u8; KEY_MAX],
    at: u32,
    len: usize,
    crc: u32,
}

/// Whether the item at `at` of `len` data bytes has CRC `crc`; its data is left in `buf`.
async fn crc_ok<R: NorFlash>(
    flash: &mut R,
    buf: &mut [u8],
    at: u32,
    len: usize,
    crc: u32,
) -> Result<bool> {
    let dst = buf.get_mut(..round_up::<R>(len)).ok_or(Error::Corrupt)?;
    flash
        .read(at + round_up::<R>(HEADER) as u32, dst)
        .await
        .map_err(|_| Error::Io)?;
    Ok(item_crc(&dst[..len]) == crc)
}

/// Finds the newest valid copy of the key stored as `wanted`, walking back from page
/// `head`, and leaves its data in `buf`: returns its item address and data length. For an
/// inode record or a chunk, the (other) chunks of that inode passed on the way are noted in
/// `related`; for a record, other inodes' records in `near`.
///
/// A page is walked first checking only the CRC of the last copy of each wanted key on it
/// (a log's record and chunks have several copies on the page being written, each
/// checked before: 26 % of its appends on 1 MiB went to those CRCs); only when one of
/// those is damaged is the page walked again checking every copy, as the map does.
async fn fetch<R: NorFlash>(
    flash: &mut R,
    pages: u32,
    head: Option<u32>,
    buf: &mut [u8],
    wanted: &[u8],
    related: &mut Related,
    near: &mut Near,
) -> Result<Option<(u32, usize)>> {
    let Some(mut page) = head else {
        return Ok(None);
    };
    for _ in 0..pages {
        let mut found = None;
        for every in [false, true] {
            match walk_page(flash, page, buf, wanted, related, near, every).await? {
                Walk::Damaged => continue,
                Walk::Found(f) => found = f,
            }
            break;
        }
        if let Some((item, len)) = found {
            let read = round_up::<R>(len);
            let dst = buf.get_mut(..read).ok_or(Error::Corrupt)?;
            flash
                .read(item + round_up::<R>(HEADER) as u32, dst)
                .await
                .map_err(|_| Error::Io)?;
            return Ok(Some((item, len)));
        }
        let previous = (page + pages - 1) % pages;
        if mark(flash, previous).await? != Mark::Closed {
            return Ok(None);
        }
        page = previous;
    }
    Ok(None)
}

/// What one walk of a page found.
enum Walk {
    /// The newest valid copy of the wanted key on the page, if any.
    Found(Option<(u32, usize)>),
    /// A last copy failed its CRC: the page must be walked again checking every copy.
    Damaged,
}

/// Walks map page `page` for [`fetch`], checking the CRC of `every` copy of a wanted key
/// or only of the last one of each key.
async fn walk_page<R: NorFlash>(
    flash: &mut R,
    page: u32,
    buf: &mut [u8],
    wanted: &[u8],
    related: &mut Related,
    near: &mut Near,
    every: bool,
) -> Result<Walk> {
    let klen = wanted.len();
    let record = wanted.first() == Some(&(Tag::Inode as u8));
    // A file's other chunks are noted for a lookup of its record or of one of its chunks
    // (a commit writes them together: reading or removing a file looks for the next).
    let with_chunks = record || wanted.first().is_some_and(|&t| is_chunk_tag(t));
    let w = word::<R>();
    let header = round_up::<R>(HEADER);
    let start = page * R::ERASE_SIZE as u32 + w as u32;
    let end = (page + 1) * R::ERASE_SIZE as u32 - w as u32;
    let mut window = Window { start: 0, len: 0 };
    let mut found: Option<(u32, usize)> = None;
    // The last copies met, checked at the page's end: the wanted key's, then chunks'.
    let mut last: Option<Unchecked> = None;
    let mut chunks = [None::<Unchecked>; RELATED];
    let mut at = start;
    while at + header as u32 <= end {
        // The header and the key, copied out of the window so that a matching item
        // can be read into the buffer.
        let mut hk = [0u8; 64];
        let n = {
            let bytes = window.get(flash, buf, at, header + KEY_MAX, end).await?;
            let n = bytes.len().min(hk.len());
            hk[..n].copy_from_slice(&bytes[..n]);
            n
        };
        let bytes = &hk[..n];
        if bytes.len() < header || bytes[..header].iter().all(|&b| b == 0xFF) {
            break;
        }
        let h = &bytes[..HEADER];
        let length = [h[4], h[5]];
        let stored_crc = u16::from_le_bytes([h[6], h[7]]);
        let len = usize::from(u16::from_le_bytes(length));
        let next = at + (header + round_up::<R>(len)) as u32;
        if length_crc(length) != stored_crc || next > end {
            // A damaged header: `sequential-storage` looks for one a word further on.
            at += w as u32;
            continue;
        }
        let crc = u32::from_le_bytes([h[0], h[1], h[2], h[3]]);
        let key_matches = len >= klen && bytes.get(header..header + klen) == Some(wanted);
        let mut chunk = [0u8; KEY_MAX];
        let is_related = with_chunks
            && !key_matches
            && len >= KEY_MAX
            && bytes.get(header..header + KEY_MAX).is_some_and(|k| {
                chunk.copy_from_slice(k);
                is_chunk_tag(k[0]) && k.get(1..5) == wanted.get(1..5)
            })
            && !related.newer(&chunk, page);
        if record && !key_matches && len >= klen {
            if let Some(&[tag, a, b, c, d]) = bytes.get(header..header + klen) {
                if tag == Tag::Inode as u8 {
                    near.note(u32::from_le_bytes([a, b, c, d]), at, page, crc != 0);
                }
            }
        }
        if crc != 0 && (key_matches || is_related) {
            let copy = Unchecked {
                key: chunk,
                at,
                len,
                crc,
            };
            if !every {
                if key_matches {
                    last = Some(copy);
                } else if let Some(slot) =
                    chunks.iter_mut().find(|c| c.is_none_or(|c| c.key == chunk))
                {
                    *slot = Some(copy);
                }
            } else if crc_ok(flash, buf, at, len, crc).await? {
                window.len = 0;
                if key_matches {
                    found = Some((at, len));
                } else {
                    related.note(chunk, at, page);
                }
            } else {
                window.len = 0;
            }
        }
        at = next;
    }
    if every {
        return Ok(Walk::Found(found));
    }
    for c in chunks.iter().chain([&last]).flatten() {
        if !crc_ok(flash, buf, c.at, c.len, c.crc).await? {
            return Ok(Walk::Damaged);
        }
    }
    for c in chunks.iter().flatten() {
        related.note(c.key, c.at, page);
    }
    Ok(Walk::Found(last.map(|c| (c.at, c.len))))
}

/// An item as its header and key show it (its CRC not checked).
pub(crate) struct Entry {
    /// Item address.
    pub at: u32,
    pub key: MapKey,
    /// Bytes of the value after the key.
    pub value_len: usize,
    /// The header as written (CRC, length, length CRC).
    header: [u8; HEADER],
}

/// The next item on map page `page` at or after `*at` (`0`: the page's first) that is not
/// removed and has a key; `*at` moves past it. `buf` is overwritten.
pub(crate) async fn next_entry<R: NorFlash>(
    flash: &mut R,
    page: u32,
    at: &mut u32,
    buf: &mut [u8],
) -> Result<Option<Entry>> {
    use sequential_storage::map::Key;
    let w = word::<R>() as u32;
    let header = round_up::<R>(HEADER);
    let start = page * R::ERASE_SIZE as u32 + w;
    let end = (page + 1) * R::ERASE_SIZE as u32 - w;
    *at = (*at).max(start);
    while *at + header as u32 <= end {
        let mut hk = [0u8; 64];
        let want = (header + KEY_MAX).min((end - *at) as usize);
        let unit = R::READ_SIZE.max(1);
        let read = want / unit * unit;
        let dst = buf.get_mut(..read).ok_or(Error::InvalidInput)?;
        flash.read(*at, dst).await.map_err(|_| Error::Io)?;
        hk[..read].copy_from_slice(dst);
        if hk[..header].iter().all(|&b| b == 0xFF) {
            return Ok(None);
        }
        let length = [hk[4], hk[5]];
        let len = usize::from(u16::from_le_bytes(length));
        let next = *at + (header + round_up::<R>(len)) as u32;
        if length_crc(length) != u16::from_le_bytes([hk[6], hk[7]]) || next > end {
            *at += w;
            continue;
        }
        let item = *at;
        *at = next;
        let crc = u32::from_le_bytes([hk[0], hk[1], hk[2], hk[3]]);
        let key_bytes = &hk[header..read.max(header)];
        let key_bytes = key_bytes.get(..len.min(key_bytes.len())).unwrap_or(&[]);
        if crc == 0 {
            continue;
        }
        if let Ok((key, key_len)) = MapKey::deserialize_from(key_bytes) {
            let mut h = [0u8; HEADER];
            h.copy_from_slice(&hk[..HEADER]);
            return Ok(Some(Entry {
                at: item,
                key,
                value_len: len.saturating_sub(key_len),
                header: h,
            }));
        }
    }
    Ok(None)
}

/// Marks `entry` removed as `sequential-storage` does (a zero CRC: only bits that are set
/// get cleared), so the map's compaction skips it. Only the words holding the CRC are
/// written again (the length after it, when it shares their last word, as it was): a map
/// compaction marks a copy or two per item appended. Only for a copy that is not its key's
/// newest, on a page not written since `entry` was read.
pub(crate) async fn remove_entry<R: NorFlash>(flash: &mut R, entry: &Entry) -> Result<()> {
    let mut h = [0xFFu8; 32];
    let h = h
        .get_mut(..round_up::<R>(CRC_LEN))
        .ok_or(Error::InvalidInput)?;
    h[..CRC_LEN].fill(0);
    for (b, &was) in h.iter_mut().zip(&entry.header).skip(CRC_LEN) {
        *b = was;
    }
    flash.write(entry.at, h).await.map_err(|_| Error::Io)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entry remembering the key stored as `key`, if any, as its item address.
    fn remembered(lookup: &Lookup, key: &[u8; KEY_MAX], word: usize) -> Option<u32> {
        let i = lookup.slot_of(key_hash(key))?;
        unpack(lookup.entries[i], word)
    }

    #[test]
    fn addresses_are_kept_in_words_up_to_the_limit() {
        let last = NOWHERE - 1;
        for word in [1, 4, 32] {
            let w = word as u32;
            assert_eq!(pack(0, word).and_then(|n| unpack(n, word)), Some(0));
            assert_eq!(
                pack(last * w, word).and_then(|n| unpack(n, word)),
                Some(last * w)
            );
            // The first word number past the limit is the empty entry's, so not kept.
            assert_eq!(pack(NOWHERE * w, word), None);
            assert_eq!(pack((NOWHERE + 1) * w, word), None);
            assert_eq!(pack(u32::MAX, word), None);
        }
        // With 4-byte words the reach is all of a 4 MiB map but its last word (the end
        // marker of its last page, where no item starts).
        assert_eq!(pack(0x003F_FFF8, 4), Some(0x000F_FFFE));
        assert_eq!(pack(0x003F_FFFC, 4), None);
        // An address off its word is no item's: never kept.
        assert_eq!(pack(0x1002, 4), None);
        assert_eq!(pack(0x1010, 32), None);
        assert_eq!(pack(0x1000, 0), None);
        // A full hash and word number together take the whole entry.
        let entry = ((1 << HASH_BITS) - 1) << WORD_BITS | (NOWHERE - 1);
        assert_eq!(hash_of(entry), (1 << HASH_BITS) - 1);
        assert_eq!(unpack(entry, 4), Some((NOWHERE - 1) * 4));
        assert_eq!(unpack(entry | NOWHERE, 4), None);
    }

    #[test]
    fn addresses_past_the_limit_are_not_remembered() {
        let key = key_bytes(&MapKey::Inode(7)).unwrap().0;
        let mut lookup = Lookup::default();
        lookup.remember(key, 0x1234, 4);
        assert_eq!(remembered(&lookup, &key, 4), Some(0x1234));
        // A newer copy beyond reach: the older address must not stay remembered.
        lookup.remember(key, NOWHERE * 4, 4);
        assert_eq!(remembered(&lookup, &key, 4), None);
        lookup.remember(key, 0x2000, 32);
        assert_eq!(remembered(&lookup, &key, 32), Some(0x2000));
        lookup.remember(key, 0x2004, 32);
        assert_eq!(remembered(&lookup, &key, 32), None);
    }

    #[test]
    fn keys_sharing_a_hash_share_one_entry() {
        // Unit tests keep three bits of hash: among nine keys two share one.
        let bytes = |i: u32| key_bytes(&MapKey::Inode(i)).unwrap().0;
        let (first, second) = (1..=9u32)
            .flat_map(|i| (i + 1..=9).map(move |j| (i, j)))
            .find(|&(i, j)| key_hash(&bytes(i)) == key_hash(&bytes(j)))
            .unwrap();
        let (a, b) = (bytes(first), bytes(second));
        let mut lookup = Lookup::default();
        lookup.remember(a, 0x100, 4);
        lookup.remember(b, 0x200, 4);
        // One entry for both: the second key's copy replaced the first's...
        assert_eq!(
            lookup
                .entries
                .iter()
                .filter(|&&e| e & NOWHERE != NOWHERE)
                .count(),
            1
        );
        assert_eq!(remembered(&lookup, &a, 4), Some(0x200));
        // ...and forgetting either forgets it.
        lookup.forget(&MapKey::Inode(first));
        assert_eq!(remembered(&lookup, &b, 4), None);
    }
}
