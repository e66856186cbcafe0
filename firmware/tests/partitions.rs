//! The ESP32-C3 partition table (`firmware/partitions.csv`) is what its documentation
//! (`firmware/docs/ota-on-esp32c3.md`) says: the partitions ESP-IDF's bootloader needs for OTA,
//! app slots on 64 KiB boundaries that hold a 1.5 MiB image with mote's trailer, no overlap,
//! within 4 MiB, and a `mote-ota` layout over them that fits the flash.

use mote_ota::Layout;

const FLASH: u32 = 4 << 20;
const SECTOR: u32 = 4096;

struct Partition {
    name: String,
    kind: String,
    subtype: String,
    offset: u32,
    size: u32,
}

fn number(text: &str) -> u32 {
    let text = text.trim();
    match text.strip_prefix("0x") {
        Some(hex) => u32::from_str_radix(hex, 16).unwrap(),
        None => text.parse().unwrap(),
    }
}

fn table() -> Vec<Partition> {
    let csv = include_str!("../partitions.csv");
    csv.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| {
            let f: Vec<&str> = line.split(',').map(str::trim).collect();
            assert!(f.len() >= 5, "{line}");
            Partition {
                name: f[0].into(),
                kind: f[1].into(),
                subtype: f[2].into(),
                offset: number(f[3]),
                size: number(f[4]),
            }
        })
        .collect()
}

fn find<'t>(table: &'t [Partition], name: &str) -> &'t Partition {
    table
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no partition {name}"))
}

#[test]
fn the_table_has_what_ota_needs_and_fits_the_flash() {
    let table = table();
    for (name, kind, subtype) in [
        ("nvs", "data", "nvs"),
        ("otadata", "data", "ota"),
        ("phy_init", "data", "phy"),
        ("ota_0", "app", "ota_0"),
        ("ota_1", "app", "ota_1"),
        ("mote_ota", "data", "undefined"),
        ("mote_fs", "data", "undefined"),
    ] {
        let p = find(&table, name);
        assert_eq!((&*p.kind, &*p.subtype), (kind, subtype), "{name}");
    }
    assert!(
        !table.iter().any(|p| p.subtype == "factory"),
        "the doc says: no factory"
    );
    assert_eq!(find(&table, "otadata").size, 2 * SECTOR);
    // The partition table itself sits at 0x8000..0x9000.
    let mut spans: Vec<(u32, u32, &str)> = vec![(0x8000, 0x9000, "partition table")];
    for p in &table {
        assert_eq!(p.offset % SECTOR, 0, "{} not on a sector", p.name);
        assert_eq!(p.size % SECTOR, 0, "{} not whole sectors", p.name);
        if p.kind == "app" {
            assert_eq!(p.offset % 0x10000, 0, "app {} not on 64 KiB", p.name);
        }
        assert!(p.offset + p.size <= FLASH, "{} past 4 MiB", p.name);
        spans.push((p.offset, p.offset + p.size, &p.name));
    }
    spans.sort();
    for pair in spans.windows(2) {
        assert!(
            pair[0].1 <= pair[1].0,
            "{} overlaps {}",
            pair[0].2,
            pair[1].2
        );
    }
}

#[test]
fn the_ota_layout_over_the_table_holds_a_one_and_a_half_mib_slot() {
    let table = table();
    let (a, b, state) = (
        find(&table, "ota_0"),
        find(&table, "ota_1"),
        find(&table, "mote_ota"),
    );
    assert_eq!(a.size, b.size);
    assert_eq!(a.size, 1536 * 1024);
    let layout = Layout {
        state: state.offset,
        slots: [a.offset, b.offset],
        slot_len: a.size,
    };
    // esp-storage: reads and writes of 4-byte units, 4 KiB sectors.
    assert_eq!(layout.check(FLASH as usize, 4, 4, SECTOR as usize), Ok(()));
    assert_eq!(layout.payload_capacity(SECTOR), 1536 * 1024 - SECTOR);
}
