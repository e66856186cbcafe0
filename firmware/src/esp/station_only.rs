//! The Wi-Fi driver built for a station only: empty definitions that replace the closed Wi-Fi
//! library's soft-AP (and FTM) code, and its beacon sampling for light sleep.
//!
//! The library defines these functions weak so that a firmware without an access point can
//! override them; ESP-IDF does exactly this with `CONFIG_ESP_WIFI_SOFTAP_SUPPORT=n` and
//! `CONFIG_ESP_WIFI_FTM_ENABLE=n` (its `wifi_init.c`), and the signatures and return values
//! here are those. `net80211_softap_funcs_init` is the one that matters: left to the
//! library, it registers the access point's functions at Wi-Fi start, which keeps the whole
//! access point (beacons, association, the authenticator) in the image; the others are the
//! entry points the station path could still reach. The board never starts an access point
//! (`wifi.rs` configures a station, Python's `network.WLAN` has no AP interface on the
//! chip), so none of this is lost. Saves about 45 KB of flash (`scripts/chip_size.py`).
//!
//! [`pm_beacon_offset_funcs_init`] is ESP-IDF's `CONFIG_ESP_WIFI_SLP_SAMPLE_BEACON_FEATURE=n`
//! (its default): the power manager's beacon-offset table gets the library's empty functions
//! (`pm_beacon_offset_funcs_empty_init`) instead of the sampling code, which only tunes when a
//! sleeping station wakes for beacons; the board does not put the radio to sleep. Upstream
//! esp-radio makes the same overrides (`esp-radio/src/wifi/weak_overrides.rs`). Saves about
//! 4 KB more; like the rest of this file it cannot be run here (see `docs/chip-size.md`).

use core::ffi::{c_int, c_void};
use core::ptr::null_mut;

#[no_mangle]
extern "C" fn net80211_softap_funcs_init() {}

#[no_mangle]
extern "C" fn ieee80211_ap_try_sa_query(_p: *mut c_void) -> bool {
    false
}

#[no_mangle]
extern "C" fn ieee80211_ap_sa_query_timeout(_p: *mut c_void) -> bool {
    false
}

#[no_mangle]
extern "C" fn add_mic_ie_bip(_p: *mut c_void) -> c_int {
    0
}

#[no_mangle]
extern "C" fn ieee80211_free_beacon_eb() {}

#[no_mangle]
extern "C" fn ieee80211_pwrsave(_p1: *mut c_void, _p2: *mut c_void) -> c_int {
    0
}

#[no_mangle]
extern "C" fn cnx_node_remove(_p: *mut c_void) {}

#[no_mangle]
extern "C" fn ieee80211_set_tim(_p: *mut c_void, _arg: c_int) -> c_int {
    0
}

#[no_mangle]
extern "C" fn ieee80211_is_bufferable_mmpdu(_p: *mut c_void) -> bool {
    false
}

#[no_mangle]
extern "C" fn cnx_node_leave(_p: *mut c_void, _arg: u8) {}

#[no_mangle]
extern "C" fn ieee80211_beacon_construct(
    _p1: *mut c_void,
    _p2: *mut c_void,
    _p3: *mut c_void,
    _p4: *mut c_void,
) {
}

#[no_mangle]
extern "C" fn ieee80211_assoc_resp_construct(_p: *mut c_void, _arg: c_int) -> *mut c_void {
    null_mut()
}

#[no_mangle]
extern "C" fn ieee80211_alloc_proberesp(_p: *mut c_void, _arg: c_int) -> *mut c_void {
    null_mut()
}

#[no_mangle]
extern "C" fn hostap_query_mac_in_list(_mac: *const u8, _arg: c_int) -> bool {
    false
}

#[no_mangle]
extern "C" fn hostap_add_in_mac_list(_mac: *const u8, _arg: c_int) -> c_int {
    0
}

#[no_mangle]
extern "C" fn hostap_del_mac_info_from_list(_mac: *const u8, _arg: c_int) -> c_int {
    0
}

#[no_mangle]
extern "C" fn create_new_bss_for_sa_query_failed_sta(_arg: u8) {}

/// Fine timing measurement (802.11mc ranging), which the board does not offer.
#[no_mangle]
extern "C" fn ieee80211_ftm_attach() -> c_int {
    0
}

#[no_mangle]
extern "C" fn ftm_initiator_cleanup() {}

extern "C" {
    /// The Wi-Fi library's own empty beacon-offset functions (strong, in `libpp`).
    fn pm_beacon_offset_funcs_empty_init();
}

/// Fills the power manager's beacon-offset table with the library's empty functions, so
/// the table is never left with null entries.
#[no_mangle]
extern "C" fn pm_beacon_offset_funcs_init() {
    // SAFETY: a C function of the Wi-Fi library without arguments; the library calls this
    // hook from `pm_funcs_init` after allocating the table the function fills.
    unsafe { pm_beacon_offset_funcs_empty_init() }
}
