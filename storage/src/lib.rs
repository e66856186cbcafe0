//! `mote-storage`: a power-loss-safe log-structured filesystem on NOR flash, built on
//! `sequential-storage`'s map. It depends on no other mote crate and knows nothing of Python.
//!
//! # Layout (version 5)
//!
//! The first sector of the partition is the **geometry sector**; the others are shared
//! between the **map** (one `sequential-storage` map) and the **data region** (whole sectors
//! of file data, programmed raw with no header). The geometry sector is a row of 256-byte
//! slots, each a CRC-protected record of where the data region lies and which sectors are the
//! map's pages, in ring order (up to 32 runs of consecutive sectors); the last valid slot is in
//! force. Format writes slot 0 with the map on sectors `1 .. 1 + m` and the data region after
//! it: five eighths of a partition of 64 sectors or more, half of one of 32 to 63, a quarter of
//! one of 16 to 31, none below (or when the flash's program or read unit exceeds 32 bytes), at
//! most 2048 sectors.
//!
//! **The map grows into the data region** as small files, directories and tails need room:
//! when the map is full, or when its next page change would compact a page while at least
//! 4/10 of it is in use (compaction moves live records for little room, and looks each one
//! up), a run of free data sectors (a quarter of the free ones, at least four; all of them
//! the last time the geometry slots and the ring allow) is erased and inserted into the
//! ring right before the map's oldest closed page, and the ring is turned
//! so that this page comes first: the pages holding records keep their cyclic order, and the
//! map lies as before its first turn (closed pages, the one being written, open ones). The
//! new geometry slot, written only into a slot that reads erased and read back, is the commit:
//! a cut before it leaves erased free data sectors, a torn slot is skipped. The map never
//! gives sectors back (a ring of pages holding records cannot shrink without rewriting it):
//! after small files filled the partition and were removed, whole sectors of new large files
//! go to chunks in the map (about 94 % of a sector's payload) instead of data sectors. At most
//! 15 growths (the geometry sector's slots) per format.
//!
//! A version 3 partition (no geometry sector, the map fixed on the first 3/8, chunk items of
//! half a sector) is refused at mount with [`Error::OldLayout`] (never taken for a blank
//! partition), unless the `v3` feature is on: it then is mounted, read and written as version
//! 3 (its map does not grow), with buffers sized for its 2 KiB chunks. `mote image migrate
//! OLD NEW`, built with the feature, copies it into a version 5 image.
//!
//! Version 4 differs from version 5 only in its reserve: one record of 1,536 bytes, larger
//! than the item buffer, which the map could then neither compact nor read past. Mount
//! marks its copies removed (reading item headers and keys only, before recovery writes
//! anything), and after recovery writes version 5's reserve records, then the superblock as
//! version 5; a cut anywhere leaves version 4, moved again at the next mount.
//!
//! Every map record is one map item (CRC protected, written atomically, compacted and
//! wear-levelled by the map, which cycles through all of its sectors). Keys are compact: a tag
//! byte, then nothing, an inode (`u32`), or an inode and a block index (`u32`, `u32`): 1, 5
//! or 9 bytes.
//!
//! | tag | key | value |
//! |---|---|---|
//! | 1 superblock | `1` | magic, version (5; 4 or 3 on older partitions), chunk size, reserved inode and generation counters, data region size, then what is pending: the intent of each transaction slot (inode, generation, open or committing, old/new tail size, touched chunk ranges, and for a commit that changes data sectors the file's previous extent list) and a journal entry (a pending remove or rename, with the extent list it frees); from version 4 on, when not empty, the recycled inode numbers (a count, then up to 8 runs `(first, length)`) |
//! | 4 inode | `4, inode` | kind, size, committed generation, an inline flag; for an inline file its whole contents follow; for a file with data sectors its extent list follows; an empty value is a tombstone (a removed file: a directory entry still naming it is *dead*, and its number is recycled once no entry names it) |
//! | 5/6 chunk | `5 + slot, inode, index` | generation, up to one chunk of payload (319 bytes on 4 KiB sectors, twelve chunk items to a sector; at most 320, more items to a larger sector; 2023 in version 3, two to a sector); an empty value is a tombstone (empty slot) |
//! | 7 directory block | `7, dir, index` | up to 512 bytes of entries: `name_len: u8, kind: u8, inode: u32, name` |
//! | 10 reserve | `10, part` | 768 filler bytes in each of three parts, held back so that a file can be removed on a full flash (versions 3 and 4: one record `8` of 1536 bytes) |
//! | 9 allocation | `9` | where the next data-sector search starts (`u16`, as of the record's last write), then one bit per data sector: used by a committed file |
//! | 10 search start | `10, 255` | where the next data-sector search starts after a mount (`u16`); preferred to the allocation record's, which images written before it hold alone (a reserve part number no reserve uses: older firmware reads it as a reserve part it never asks for) |
//!
//! An extent list is a count byte and up to 16 runs `(first data sector: u16, length: u16)`;
//! file sector `j` (bytes `j * S .. (j + 1) * S`, `S` the sector size) is the `j`-th sector
//! of the runs in order. The list covers the file's first whole sectors; the bytes after them
//! (the *tail*, shorter than a sector unless the data region was full) are in chunks, chunk
//! `i` holding the tail's bytes from `i * chunk size`. Lists read from flash are checked:
//! every sector inside the data region, none listed twice, no more sectors than the size
//! covers; anything else is [`Error::Corrupt`].
//!
//! A file whose contents fit one chunk is stored *inline* in its inode record, so a small file
//! (a script, a config) is one map item, and rewriting it is one map write. Larger files keep
//! their whole sectors in data sectors and their tail in chunks. A directory's inode record
//! counts its blocks; each entry lives in one block, so linking or unlinking a name rewrites
//! one small block. The root directory is inode 1.
//!
//! The split is a trade that the growth settles by use: whole sectors of data cost nothing
//! in the data region (no header, no compaction), while small files, directories, tails and
//! metadata live in the map, which takes free data sectors when it fills. Measured (`cargo
//! test --release -p mote-storage --test capacity -- --ignored --nocapture`): files of 3,000
//! bytes fill 87.0 % of a 1 MiB partition (27.2 % in version 3), 8 KiB files 95.3 %, 200-byte
//! files 80.0 % (littlefs on the same flash: 71.5 %, 65.6 %, 20.0 %); of a 4 MiB partition
//! 87.5 %, 96.3 % and 81.0 % (littlefs's 200-byte files: 19.7 %). The mixed workload (3,000-byte
//! files to half the partition, a large file, half the small files removed, a large file
//! again) ends at 91.5 % of 1 MiB and 93.1 % of 4 MiB (littlefs, 1 MiB: 88.4 %). What
//! a full map loses is the end of its pages, where the next item did not fit: 198 bytes a
//! page on 4 MiB full of 3,000-byte files. `statvfs` reports the lower of two estimates of
//! the map's room (its free bytes less half an item per page; its room page by page in
//! whole chunk items): at the first `NoSpace` it reports 0 bytes free on 1 MiB (each file
//! size) and at most 319 on 4 MiB (3,000-byte files, measured with the page count alone;
//! the bytes estimate alone reported 29,914), and a file of the reported size less a
//! sector still fits. The
//! map, which takes all metadata writes, wears faster than the average sector: after the
//! long random torture workload on 1 MiB (a power cut every 40 to 120 flash operations) its
//! most-erased sector has 1.54 times the mean erase count (25 and 16.2; it was 1.90, 33 and
//! 17.4, and 1.96 and 1.91 with `TORTURE_SEED` 7 and 99, before small files were removed in
//! place and the search start got a record of its own), a map sector: marking every superseded copy removed
//! ahead of the next compaction (see below) leaves the map smaller in that run (its first
//! 96 sectors erased 26.6 times on average, against 22.3 without the marking, 1.52 times
//! the mean; 1.44 and 1.41 with seeds 7 and 99), for a reason not found yet (issue 15;
//! the growth check never counts those copies, the fill tests' figures are unchanged).
//! Before
//! the allocation record's search start moved ahead of the sectors taken (see below), the
//! most-erased was a data sector, 2.43 times (43 and 17.7; 1.92 before issue 15's append
//! round, which changed where the cuts fell): each cut sent the search back to the start the
//! record held, and the sectors after it were erased again after every mount.
//!
//! # How a commit happens
//!
//! A file whose new contents fit one chunk is committed by writing its inode record with the
//! contents inline: that single map write is the commit. Otherwise each chunk index has two
//! slots; a reader with committed generation `C` sees the slot with the highest generation
//! `<= C`. A write transaction takes a fresh generation `G` (never reused: the superblock
//! reserves them in batches) and, before its first chunk reaches flash, records an *open
//! intent* in the superblock; it writes changed chunks into the slot that is not visible,
//! tagged `G`. On flush or close it records the intent as *committing* (with the touched chunk
//! ranges and sizes), writes the chunk still in RAM, then writes the inode record with
//! generation `G` — **that single map write is the commit** — then empties the superseded
//! slots and the chunks past the new end (all chunks, when the file became inline) by
//! writing tombstones (a chunk item with an empty value: one small append, where removing an
//! item reads the whole map), then clears the intent. A transaction whose only chunk is the
//! one in RAM at commit (an append of less than a chunk, then close) records no open intent:
//! the committing one covers rolling back too. A commit that changed no data sectors does not
//! clear its intent with a write of its own: the next superblock write leaves it out (a
//! replay finds nothing left to do; any later change to the file writes the superblock first,
//! and unmount writes it). So appending a few bytes to a file with a chunked tail takes four
//! map writes (intent, chunk, inode record, tombstone) where it took six. At mount, an open
//! intent
//! (or a committing one whose inode does not carry `G`) is rolled back by removing the chunks of
//! generation `G`; a committing one whose inode carries `G` is rolled forward (its data
//! sectors are marked used in RAM before recovery writes anything, since any map write may
//! grow the map into free data sectors). So after a power cut each file holds its last
//! committed contents or the ones before.
//!
//! Data sectors are never programmed in place. An append that, with the tail before it, fills
//! a sector takes a free data sector (free: not in the allocation record and not taken by an
//! open transaction), erases it, and programs it with the tail's bytes and the new ones; whole
//! sectors after it are programmed straight from the caller's bytes, and the tail starts again
//! after them. A write inside the data sectors copies the sector it changes into a fresh one
//! (each such write call costs a sector erase and program, so small in-place patches of a
//! large file are expensive; appends and rewrites are not); a truncation into them moves the
//! part of the last kept sector into chunks. All this only
//! changes the transaction's extent list in RAM: the inode record carrying the new list is the
//! commit, so a transaction that never commits leaves its sectors unreferenced, and nothing
//! needs rolling back. Searches for a free sector go on from where the last one stopped, so
//! writes rotate through the data region and its sectors wear evenly. The allocation record
//! holds where the search starts after a mount: a sector that a search from that start
//! reaches after fewer than 4 sectors free at a mount (a quarter of a data region under
//! 16 sectors) moves it 4 past the sector, and the record is written before the sector is
//! erased (one record write per 5 sectors taken in a row), so a power cut never sends the
//! search back over sectors the interrupted transaction erased. The record that moves is
//! the search-start record (12 bytes on flash), not the allocation record (92 bytes on
//! 4 MiB): rewriting the allocation record every 5 sectors made writing large files
//! program 1.003 and 1.005 times their bytes on 1 MiB and 4 MiB, against littlefs's 1.002;
//! now 1.002 and 1.001 (`cargo bench -p mote-storage --bench vs_littlefs -- workloads
//! only=large`). The allocation record keeps a start of its own, written with its bits: a
//! mount reads it when there is no search-start record (an image written before it), and
//! firmware from before it (an OTA rollback) reads no other. That start may lie behind
//! sectors taken since, which costs wear only: the start decides where a search begins,
//! not what it may take (sectors a cut session took are free again, committed ones are in
//! the allocation record's bits or in intents pending on flash).
//!
//! The allocation record is kept in RAM (read at the first allocation, not at mount) and
//! written after each change: a commit whose extent list changed records its intent with the
//! old list (**the intent's extent flag**), writes the inode record, writes the allocation
//! record (without the old list's sectors, with the new ones), then clears the intent. A
//! mount that finds the intent and an inode record carrying `G` applies the same change again
//! (idempotent), so the record always matches the committed inode records once nothing is
//! pending. Sectors a commit or remove dropped are handed out again only after the intent or
//! journal entry naming them is cleared, so a replay can never drop a sector someone else took
//! meanwhile. A missing or damaged allocation record leaves the data region unused (files then
//! use chunks only) rather than risk overwriting a committed sector.
//!
//! Removes (but those in place, below) and renames touch up to two directories and free an
//! inode: they are recorded in the superblock's journal entry first (with the extent list of the inode they free), then carried
//! out with idempotent steps (link the new name, unlink the old, free the replaced inode: its
//! chunks or blocks, then its record, then its data sectors in the allocation record), then the
//! entry is cleared; mount replays a pending entry, so a rename is all-or-nothing. Creating a
//! file writes its inode record, then links it; a power cut between the two leaves only an
//! unreachable empty inode record.
//!
//! Removing a key from the map reads the whole map, so a removed file is freed by appends
//! instead. A small file (no data sectors, at most two chunks) is removed *in place*: a
//! tombstone for its record is the commit, one small write, then a tombstone for each chunk
//! slot holding data; its directory entry stays, *dead*: every reader of a directory looks a
//! file entry's record up and skips a dead one. A dead entry is cut when a new file of its
//! name takes it over (the new record under the dead number is the whole creation, no block
//! is rewritten), when a rename or a directory takes its name, when its directory has no
//! room for a new entry (then every dead entry of it is cut, a block write for many), or when
//! its directory is removed; the file's leftover chunks are cleared first (a cut may have
//! left some), and only then does the number join the *recycled* set in the superblock
//! (written with the superblock's next write: a cut before it leaves a 16-byte tombstone
//! whose number is not handed out again). So a removal programs 16 bytes, and 56 with two
//! chunks, where the journal's way programmed about 400 (a journal entry, a block rewrite,
//! tombstones in both slots, the entry cleared): in the `vs_littlefs` bench, removing 250
//! small files programs 8,568 bytes (littlefs: 11,200). A removal in place that finds no
//! room, and the removal of a file replaced by a rename, go the journal's way: tombstones in
//! both slots of each chunk, then one for its record, and the number joins the recycled set
//! when the journal entry is cleared. The next file created takes the lowest recycled number
//! and supersedes the tombstones. So inode numbers are reused, but only once nothing of the
//! old file is visible (a tombstone reads as an empty slot) and no entry names them. The set
//! is bounded (8 runs, at most one number per 2 KiB of partition), which bounds the
//! tombstones kept; a number that does not fit has its keys removed as before. A number the
//! superblock still lists after a cut may have been handed out since: numbers read from it
//! at mount are handed out only once their record reads as a tombstone or missing, and a
//! file on a number handed out since the superblock's last write is removed in place only
//! after writing it (else that mount would hand the number out under the dead entry). The
//! on-flash format is unchanged, but firmware built before removal in place (an OTA rollback)
//! lists a dead entry's name and reports its file as corrupt until the name is written again.
//!
//! # Lookups and compaction
//!
//! Records are read with a lookup of our own over `sequential-storage`'s on-flash format
//! (its version 8; a unit test checks it against `fetch_item` on random and damaged maps):
//! it walks back from the page being written as the map does, reading item headers and
//! keys a buffer at a time, and checks the CRC only of an item whose key matches (the map's
//! own lookup reads and CRC-checks every item it passes). It remembers where the newest
//! copies of 64 keys lie (second-chance replacement, so a directory's blocks stay; a
//! remembered copy is read and checked again before use, and forgotten when its key is
//! written), and a lookup of a file's record or of one of its chunks remembers the file's
//! (other) chunks it passes, and one of a record the
//! newest copies of the 16 other records it passed last (files written about when that one
//! was, often read or removed next: a directory's files in listing order; a copy is taken
//! only when a filter of the inode numbers met on newer pages says no newer copy exists, so
//! a false alarm only leaves one out). Where
//! it finds damage (a page a cut left half erased) the map's own lookup answers, repairing
//! it. Before the map compacts a page (at the page change after next), the copies on it
//! whose newest copy lies more than four pages back are marked removed (their header CRC
//! cleared, as the map's own removal does), and so, once the map's next page change
//! compacts it, are all superseded copies on it: the map's compaction looks every copy it
//! meets up from the head, checking the CRC of every item on the way (on 1 MiB that was
//! 47 % of a log's appends). The second marking comes right after the growth check, so
//! the growth check never counts those copies as free; a copy is marked removed only while
//! a newer one is on flash, so a cut at any point loses nothing. On a page it walks, the
//! lookup checks the CRC of only the last copy of the key it seeks (and of each chunk it
//! notes), walking the page again checking every copy only when that one is damaged.
//!
//! Mount reads the geometry sector's written slots and the superblock and nothing else unless
//! something is pending (or, once, the partition is version 4), so it takes the same time on
//! an empty and on a full partition.
//!
//! A full flash (a full map that cannot grow) makes the map refuse the write: the
//! operation returns [`Error::NoSpace`], the
//! transaction is rolled back (removing items needs no free space) and everything committed
//! stays. A full data region is no error: whole sectors then stay in chunks in the map. A
//! write that only clears pending work may fail for lack of space; the work is done,
//! replaying it is harmless, and the superblock is rewritten before the next change (an
//! allocation record that could not be written is too, and the intent waiting for it is
//! cleared only then). A remove, rmdir or rename that finds no room gives back the reserve
//! record (a removal, which needs no room) and tries again, so files can still be deleted on a
//! full flash; once space is freed the reserve is written again.
//!
//! # RAM
//!
//! No heap. A mounted [`Fs`] holds the map item buffer (800 bytes: the fullest superblock is
//! the largest item; directory operations read and edit a directory block in it, right where
//! the map serializes the block's new copy, so they need no buffer of their own), what RAM
//! keeps of the pending intents (four slots: `MAX_OPEN` is at most 4) and journal entry (56
//! bytes: per slot the inode, generation and state, and whether the journal entry frees data
//! sectors, where the whole entries took 712 bytes; the entries are read back from the
//! superblock on flash when recovery needs them, when a search for free data sectors runs
//! while one that holds some is pending, and when a superblock write keeps them: it reads the
//! superblock into the item buffer, where the map serializes the new value, and edits it in
//! place), the lookup's memory (where the newest copies of 64 keys found lately lie, each in
//! four bytes: a 12-bit hash of the key and the copy's address in flash words, 272 bytes
//! where a 16-bit hash and a 24-bit byte address took 336; a copy past the map's first
//! 4 MiB with 4-byte words is not remembered, and a walk finds it: a directory's
//! blocks stay found while its files are read, created and removed; in the workloads
//! bench, run twice each, 48 keys made reading back and removing small files on 4 MiB 0.78
//! and 0.92 to 1.01 times littlefs's speed, 32 keys 0.28 to 0.30 and 0.22 to 0.23, where 64
//! keys make them 1.89 to 1.97 and 1.80 to 1.84 times it), the
//! data region's committed sectors (the bitmap lives in the allocation record on flash; RAM
//! keeps the bits of a window of 256 sectors, 32 bytes as littlefs's lookahead, read from
//! the record when a search for a free sector leaves it; growth and `statvfs` read the whole
//! record a window at a time; a commit's sectors missing from the record after a write
//! refused on a full map are read again from its intent pending on flash, not kept in RAM:
//! the bitmap took 256 bytes), the runs of sectors open
//! transactions have taken (up to 16 runs, 66 bytes, where a second bitmap took 256: a take
//! that would need a 17th run is refused and its data goes to chunks; sectors a pending
//! commit or remove dropped are the ones its intent or journal entry lists), the name filter
//! of the directory searched in full last (36 bytes with its inode number: creating a new
//! name then reads one block, not all of them; a second directory's, 36 bytes more, changed
//! no flash read in the workloads bench, which creates in four directories in turn), the
//! recycled inode numbers (8 runs kept as 16-bit offsets from the lowest number, 40 bytes
//! where 32-bit runs took 68), the map's ring of pages (128 bytes: room for the
//! runs of 15 growths, the end of the runs marked by an empty one where a count cost 8
//! bytes of padding), `sequential-storage`'s page-state cache (48 bytes: its smallest
//! that reads no flash to know a page's state; its trait is sealed, so the crate cannot
//! bring a smaller one),
//! `sequential-storage`'s address cache of the key written last (16 bytes, its smallest:
//! with 6 keys, once superseded copies were marked removed ahead of compaction, the flash
//! read by the append-heavy log on 1 MiB and 4 MiB, and by small files written, renamed,
//! listed and removed, was the same, and filling 256 KiB and 1 MiB with 200-byte files
//! read at most 0.24 % less) and counters (among
//! them which intent slots are done or awaiting; map page numbers take two bytes each, and
//! the sector and chunk sizes and the partition's size are derived, not kept):
//! [`MOUNTED_RAM`] in all (measured with
//! `size_of`), plus
//! [`OPEN_FILE_RAM`] per slot of `MAX_OPEN` (its one-chunk buffer of 320 bytes, and its
//! committed and working extent lists). littlefs (`littlefs2`'s `Allocation` with 512-byte
//! caches and a 32-byte lookahead) takes 1,560 bytes mounted and 640 per open file: the
//! mounted figure (1,552) and the per-file one are both below littlefs's. These are the
//! default build's figures: the `v3` feature makes both buffers 2 KiB. Awaiting an operation holds its
//! future on top: at most 6 KiB for any path or descriptor operation, and for `mount` at
//! most 18 KiB beyond the `Fs` it returns (64-bit host figures, checked by a test).
//!
//! # Evidence
//!
//! - `cargo test -p mote-storage`: API tests, a power cut at every flash operation of a small
//!   scripted workload and of one writing, appending to, overwriting, renaming over and
//!   removing multi-sector files, of two files written with both open while a third is removed
//!   and a fourth renamed (superblock writes that keep the entries others recorded), a random
//!   workload with clean and torn cuts, random changes
//!   to large files against a model, a full data region, superblock writes on a full flash
//!   (refused, or left stale when they only clear), damaged images and extent lists, a
//!   version 3 image written by the version 3 code (refused; with `--features v3`, read and
//!   written), a version 4 image moved to version 5 (then turning its map over, filling it
//!   and removing on the full flash; a clean and a torn cut at every flash operation of the
//!   move), removals in place (one small write per record, dead entries invisible to every
//!   reader and cut when their directory needs room, a cut at every flash operation of a
//!   workload meeting dead entries every way), recycled inode numbers (nothing of the old
//!   file shows, tombstones do not pile up, none handed out twice after a cut), files
//!   filling a 256 KiB partition (a
//!   full-flash round of large and small files runs only in release builds: minutes in debug).
//! - `cargo test --release -p mote-storage --test power_cut --test extents --test capacity
//!   -- --ignored --nocapture`: the torture runs (every operation of the full workload with
//!   files up to 64 KiB, of the multi-sector workload, and of a workload that makes the map
//!   grow several times, clean and torn; a long random workload with cuts, some during
//!   recovery), the wear figures, the model test over many seeds, and the capacity runs
//!   (files of 200 B, 3,000 B and 8 KiB filling 1 MiB and 4 MiB partitions, a mixed
//!   workload of small and large files, `statvfs` checked against what really fits).
//! - `cargo bench -p mote-storage --bench vs_littlefs`: the comparison with littlefs (the
//!   4 MiB capacity row with `-- capacity-4m`: about half an hour, as the 4 MiB capacity
//!   test: filling with 3,000 B files took 603 s, 8 KiB 49 s, 200 B 1,239 s on a busy
//!   machine, most of it in a full map's compactions, where `sequential-storage` looks each
//!   live record it moves up across the whole map with a bitwise CRC, issue 15). Measured
//!   with the full bench on a busy machine (one run, 2026-12-07; single runs vary by up to a
//!   third): every figure at or better than littlefs's. Reading back small files written
//!   earlier 3.2 and 2.4 times littlefs's ops/s on 1 MiB and 4 MiB, the create+write, read,
//!   remove cycle 2.8 and 2.5 times (programming 2.44 and 2.46 bytes per byte stored against
//!   2.78 and 2.90), removing files written earlier 2.4 and 1.3 times (programming 8,568 and
//!   34,024 bytes against 11,200 and 38,560), few large files 1.002 and 1.001 bytes per byte
//!   (littlefs 1.002 and 1.002). Earlier (best of three runs): removing 2.0 and 1.6 times
//!   littlefs's ops/s through the journal (a removal's lookup of the file's
//!   record remembers the records written after it: removing the 4 MiB setup's files read
//!   618 MB of flash before, 99 MB now); appending to a log (open, append 64 B, close) 1.35
//!   to 1.71 and 1.76 to 2.23 times in three runs of `-- workloads` (0.73 to 0.75 and 1.68
//!   to 1.69 before superseded copies were marked removed ahead of the next compaction and
//!   the lookup checked only the last copy's CRC; 0.53 to 0.56 and 0.80 to 0.84 before
//!   issue 15's append round; littlefs erases 18 and 66 times as many sectors, which the
//!   simulated flash does not charge for). An append writes four map items and programs
//!   6.4 bytes per byte appended on 4 MiB (13.8 programs and 410 bytes per append; 18.3 and
//!   488 before the append round), 6.5 on 1 MiB, where the map turns and the marks add 2.1
//!   programs of a word per append (16.0 and 419).
//! - `cargo +nightly fuzz run mount_read` in `storage/fuzz`: mount and read arbitrary images.
//!
//! # Features
//!
//! `std` (default) adds [`sim`], the simulated NOR flash. Boards use `default-features = false`.
//! `v3` mounts version 3 partitions (see the layout above; `cargo test -p mote-storage
//! --features v3 --test layout_v3` tests it).
#![no_std]

#[cfg(any(test, feature = "std"))]
extern crate std;

mod alloc;
mod dir;
mod error;
mod extent;
mod fs;
mod geometry;
mod layout;
mod lookup;
mod names;
mod path;
mod recycle;
mod region;
mod ring;
mod run_set;
mod store;
mod txn;

#[cfg(feature = "std")]
pub mod sim;

pub use dir::DirEntry;
pub use error::{Error, Result};
pub use fs::{DirCursor, Fd, Fs, FsStats, Metadata, OpenOptions, SeekFrom};
pub use layout::{Kind, Name};

/// Longest file or directory name, in bytes of UTF-8.
pub const MAX_NAME_LEN: usize = 64;

/// Bytes a mounted filesystem with no descriptor slots takes beyond its flash handle
/// (`size_of::<Fs<_, 0>>()` on a 64-bit host; a little less on a 32-bit board).
pub const MOUNTED_RAM: usize = 1552;

/// Bytes each descriptor slot (`MAX_OPEN`) adds (64-bit host figure).
pub const OPEN_FILE_RAM: usize = 624;
