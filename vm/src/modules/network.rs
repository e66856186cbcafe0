//! The `network` module, MicroPython's names over the host's [`crate::wlan::Wlan`]
//! interfaces: `WLAN(interface)` with `active`, `connect`, `disconnect`, `isconnected`,
//! `status`, `ifconfig`, `config` (reading `mac`, `ssid`, `hostname`) and `scan`, and the
//! constants `STA_IF`, `AP_IF`, `STAT_*`, `AUTH_*`. Importable only where the host has a Wi-Fi
//! interface.

use super::{Attr, ModuleDef};
use crate::builtins::{kwarg, split_kw};
use crate::format::message::{fill, ToArg};
use crate::fs::FsError;
use crate::obj::exception::ExcKind;
use crate::qstr::*;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;
use crate::wlan::{self, status, IfConfig, Wlan};
use alloc::string::String;
use alloc::vec::Vec;

crate::native_table! {
    /// The natives of `network` and of its `WLAN` class.
    pub static NATIVES;
    WLAN_INIT = "__init__" => wlan_init, module method;
    WLAN_ACTIVE = "active" => wlan_active, module method;
    WLAN_CONNECT = "connect" => wlan_connect, module method kw;
    WLAN_DISCONNECT = "disconnect" => wlan_disconnect, module method;
    WLAN_ISCONNECTED = "isconnected" => wlan_isconnected, module method;
    WLAN_STATUS = "status" => wlan_status, module method;
    WLAN_IFCONFIG = "ifconfig" => wlan_ifconfig, module method;
    WLAN_CONFIG = "config" => wlan_config, module method kw;
    WLAN_SCAN = "scan" => wlan_scan, module method;
    WLAN_REPR = "__repr__" => wlan_repr, module method;
}

/// The `network` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "network",
    natives: &NATIVES,
    attrs: &[
        ("STA_IF", Attr::Int(wlan::STA_IF as i32)),
        ("AP_IF", Attr::Int(wlan::AP_IF as i32)),
        ("STAT_IDLE", Attr::Int(status::IDLE)),
        ("STAT_CONNECTING", Attr::Int(status::CONNECTING)),
        ("STAT_GOT_IP", Attr::Int(status::GOT_IP)),
        ("STAT_BEACON_TIMEOUT", Attr::Int(status::BEACON_TIMEOUT)),
        ("STAT_NO_AP_FOUND", Attr::Int(status::NO_AP_FOUND)),
        ("STAT_WRONG_PASSWORD", Attr::Int(status::WRONG_PASSWORD)),
        ("STAT_ASSOC_FAIL", Attr::Int(status::ASSOC_FAIL)),
        (
            "STAT_HANDSHAKE_TIMEOUT",
            Attr::Int(status::HANDSHAKE_TIMEOUT),
        ),
        ("AUTH_OPEN", Attr::Int(0)),
        ("AUTH_WEP", Attr::Int(1)),
        ("AUTH_WPA_PSK", Attr::Int(2)),
        ("AUTH_WPA2_PSK", Attr::Int(3)),
        ("AUTH_WPA_WPA2_PSK", Attr::Int(4)),
    ],
    init: Some(init),
};

fn init(rt: &mut Runtime, m: Value) -> PyResult<()> {
    if rt.host.wlan(wlan::STA_IF).is_none() && rt.host.wlan(wlan::AP_IF).is_none() {
        return Err(rt.raise(
            ExcKind::ImportError,
            crate::packed!("no module named 'network' on this host"),
        ));
    }
    let cls = super::native_class(rt, "WLAN", None, super::table::NETWORK, &NATIVES, &[])?;
    rt.module_set(m, "WLAN", cls)
}

/// The interface number a `WLAN` instance stands for.
fn interface_of(rt: &mut Runtime, this: Value) -> PyResult<u32> {
    let k = rt.intern("_if")?;
    let v = rt.get_attr(this, k)?;
    match rt.to_i64(v).and_then(|i| u32::try_from(i).ok()) {
        Some(i) => Ok(i),
        None => Err(rt.type_error(crate::packed!("not a WLAN"))),
    }
}

/// The host's interface behind `this` (args[0]).
fn iface<'a>(rt: &'a mut Runtime, args: &[Value]) -> PyResult<&'a mut dyn Wlan> {
    let this = args.first().copied().unwrap_or(Value::NONE);
    let i = interface_of(rt, this)?;
    if rt.host.wlan(i).is_none() {
        return Err(rt.raise_with(
            ExcKind::OSError,
            "WLAN interface {} is not available",
            &[i.arg()],
        ));
    }
    match rt.host.wlan(i) {
        Some(w) => Ok(w),
        None => Err(crate::runtime::Raised),
    }
}

fn errno(rt: &mut Runtime, r: Result<(), i32>) -> PyResult<Value> {
    match r {
        Ok(()) => Ok(Value::NONE),
        Err(e) => Err(rt.os_error(FsError(e), None)),
    }
}

/// `WLAN(interface=STA_IF)`.
fn wlan_init(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let Some(&this) = args.first() else {
        return Err(rt.type_error(crate::packed!("WLAN() needs self")));
    };
    let id = match args.get(1) {
        None => wlan::STA_IF,
        Some(v) => match rt.to_i64(*v).and_then(|i| u32::try_from(i).ok()) {
            Some(i) => i,
            None => return Err(rt.value_error(crate::packed!("invalid WLAN interface"))),
        },
    };
    if args.len() > 2 {
        return Err(rt.type_error(crate::packed!("WLAN() takes at most 1 argument")));
    }
    if rt.host.wlan(id).is_none() {
        return Err(rt.value_error_with(
            "WLAN interface {} is not available on this board",
            &[id.arg()],
        ));
    }
    let k = rt.intern("_if")?;
    rt.set_attr(this, k, Value::small(id as i32))?;
    Ok(Value::NONE)
}

/// `active()` reads whether the interface is up; `active(flag)` brings it up or down.
fn wlan_active(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    match args.get(1) {
        None => {
            let on = iface(rt, args)?.active();
            Ok(Value::bool(on))
        }
        Some(&v) => {
            let on = rt.truthy(v)?;
            let r = iface(rt, args)?.set_active(on);
            errno(rt, r)
        }
    }
}

/// `connect(ssid=None, key=None)`.
fn wlan_connect(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    let named = |name: &str| {
        kw.iter()
            .find(|(k, _)| rt.str_text(*k) == Some(name))
            .map(|e| e.1)
    };
    let ssid = pos.get(1).copied().or_else(|| named("ssid"));
    let key = pos.get(2).copied().or_else(|| kwarg(rt, &kw, Q_KEY));
    let mut text = |v: Option<Value>, what: &str| -> PyResult<String> {
        match v {
            None => Ok(String::new()),
            Some(v) if v == Value::NONE => Ok(String::new()),
            Some(v) => match rt.str_text(v) {
                Some(s) => Ok(s.into()),
                None => Err(rt.type_error(&fill("{} must be a str", &[what.arg()]))),
            },
        }
    };
    let ssid = text(ssid, "ssid")?;
    let key = text(key, "key")?;
    let r = iface(rt, pos)?.connect(&ssid, &key);
    errno(rt, r)
}

fn wlan_disconnect(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    iface(rt, args)?.disconnect();
    Ok(Value::NONE)
}

fn wlan_isconnected(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let up = iface(rt, args)?.is_connected();
    Ok(Value::bool(up))
}

/// `status()`: one of the `STAT_*` values.
fn wlan_status(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    if args.len() > 1 {
        return Err(rt.value_error(crate::packed!("unknown status param")));
    }
    let s = iface(rt, args)?.status();
    Ok(Value::small(s))
}

fn dotted(a: [u8; 4]) -> String {
    fill(
        "{}.{}.{}.{}",
        &[(a[0]).arg(), (a[1]).arg(), (a[2]).arg(), (a[3]).arg()],
    )
}

fn parse_dotted(text: &str) -> Option<[u8; 4]> {
    let mut out = [0u8; 4];
    let mut parts = text.split('.');
    for b in &mut out {
        *b = parts.next()?.parse().ok()?;
    }
    parts.next().is_none().then_some(out)
}

/// `ifconfig()` reads `(address, netmask, gateway, dns)`; `ifconfig(tuple)` sets them.
fn wlan_ifconfig(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let Some(&given) = args.get(1) else {
        let c = iface(rt, args)?.ifconfig();
        let mut items = Vec::with_capacity(4);
        let base = rt.pins.len();
        let r = (|| {
            for a in [c.address, c.netmask, c.gateway, c.dns] {
                let s = rt.new_str(&dotted(a))?;
                rt.pin(s);
                items.push(s);
            }
            rt.new_tuple(&items)
        })();
        rt.pins.truncate(base);
        return r;
    };
    let items = match rt.seq_items(given) {
        Some(items) if items.len() == 4 => items,
        _ => return Err(rt.value_error(crate::packed!("ifconfig() takes a 4-tuple of addresses"))),
    };
    let mut addrs = [[0u8; 4]; 4];
    for (slot, item) in addrs.iter_mut().zip(items) {
        match rt.str_text(item).and_then(parse_dotted) {
            Some(a) => *slot = a,
            None => return Err(rt.value_error(crate::packed!("invalid IPv4 address"))),
        }
    }
    let config = IfConfig {
        address: addrs[0],
        netmask: addrs[1],
        gateway: addrs[2],
        dns: addrs[3],
    };
    let r = iface(rt, args)?.set_ifconfig(config);
    errno(rt, r)
}

/// `config('param')` reads `mac`, `ssid` (`essid`) or `hostname` (`dhcp_hostname`).
fn wlan_config(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    if !kw.is_empty() {
        return Err(rt.value_error(crate::packed!(
            "setting WLAN config is not supported on this board"
        )));
    }
    let name = match pos.get(1).map(|v| rt.str_text(*v).map(String::from)) {
        Some(Some(n)) if pos.len() == 2 => n,
        _ => return Err(rt.type_error(crate::packed!("config() takes one parameter name"))),
    };
    let w = iface(rt, pos)?;
    match name.as_str() {
        "mac" => {
            let mac = w.mac();
            rt.new_bytes(&mac)
        }
        "ssid" | "essid" => {
            let s = w.ssid();
            rt.new_str(&s)
        }
        "hostname" | "dhcp_hostname" => {
            let s = w.hostname();
            rt.new_str(&s)
        }
        _ => Err(rt.value_error(crate::packed!("unknown config param"))),
    }
}

/// `scan()`: `[(ssid, bssid, channel, RSSI, security, hidden), …]`.
fn wlan_scan(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let found = iface(rt, args)?.scan();
    let list = rt.new_list(&[])?;
    let base = rt.pins.len();
    rt.pin(list);
    let r = (|| {
        for ap in &found {
            let mark = rt.pins.len();
            let ssid = rt.new_bytes(&ap.ssid)?;
            rt.pin(ssid);
            let bssid = rt.new_bytes(&ap.bssid)?;
            rt.pin(bssid);
            let t = rt.new_tuple(&[
                ssid,
                bssid,
                Value::small(i32::from(ap.channel)),
                Value::small(i32::from(ap.rssi)),
                Value::small(i32::from(ap.security)),
                Value::bool(ap.hidden),
            ])?;
            rt.pin(t);
            rt.list_append(list, t)?;
            rt.pins.truncate(mark);
        }
        Ok(list)
    })();
    rt.pins.truncate(base);
    r
}

fn wlan_repr(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let this = args.first().copied().unwrap_or(Value::NONE);
    let i = interface_of(rt, this)?;
    let name = if i == wlan::AP_IF { "AP_IF" } else { "STA_IF" };
    rt.new_str(&fill("<WLAN {}>", &[name.arg()]))
}

#[cfg(test)]
mod tests {
    use crate::host::Host;
    use crate::vm::{Config, Outcome, Vm};
    use crate::wlan::{status, AccessPoint, IfConfig, Wlan, STA_IF};
    use alloc::string::String;
    use alloc::vec::Vec;

    /// A station that joins whatever it is told to, and sees two access points.
    #[derive(Default)]
    struct FakeStation {
        active: bool,
        ssid: String,
    }

    impl Wlan for FakeStation {
        fn active(&self) -> bool {
            self.active
        }
        fn set_active(&mut self, on: bool) -> Result<(), i32> {
            self.active = on;
            Ok(())
        }
        fn connect(&mut self, ssid: &str, _key: &str) -> Result<(), i32> {
            if !self.active {
                return Err(1);
            }
            self.ssid = ssid.into();
            Ok(())
        }
        fn disconnect(&mut self) {
            self.ssid.clear();
        }
        fn is_connected(&self) -> bool {
            self.active && !self.ssid.is_empty()
        }
        fn status(&self) -> i32 {
            if self.is_connected() {
                status::GOT_IP
            } else {
                status::IDLE
            }
        }
        fn ifconfig(&self) -> IfConfig {
            IfConfig {
                address: [10, 0, 0, 7],
                netmask: [255, 255, 255, 0],
                gateway: [10, 0, 0, 1],
                dns: [9, 9, 9, 9],
            }
        }
        fn set_ifconfig(&mut self, _config: IfConfig) -> Result<(), i32> {
            Err(95)
        }
        fn mac(&self) -> [u8; 6] {
            [2, 0, 0, 0, 0, 9]
        }
        fn ssid(&self) -> String {
            self.ssid.clone()
        }
        fn hostname(&self) -> String {
            "fake".into()
        }
        fn scan(&mut self) -> Vec<AccessPoint> {
            (0..2u8)
                .map(|i| AccessPoint {
                    ssid: alloc::format!("net{i}").into_bytes(),
                    bssid: [i; 6],
                    channel: 6 + i,
                    rssi: -40 - i as i8,
                    security: 3,
                    hidden: i == 1,
                })
                .collect()
        }
    }

    #[derive(Default)]
    struct WlanHost {
        out: Vec<u8>,
        station: FakeStation,
    }

    impl Host for WlanHost {
        fn write_stdout(&mut self, bytes: &[u8]) {
            self.out.extend_from_slice(bytes);
        }
        fn write_stderr(&mut self, bytes: &[u8]) {
            self.out.extend_from_slice(bytes);
        }
        fn ticks_us(&mut self) -> u64 {
            0
        }
        fn time_us(&mut self) -> i64 {
            0
        }
        fn wait_until(&mut self, _t: u64) {}
        fn platform(&self) -> &str {
            "test"
        }
        fn wlan(&mut self, interface: u32) -> Option<&mut dyn Wlan> {
            (interface == STA_IF).then_some(&mut self.station as &mut dyn Wlan)
        }
    }

    #[test]
    fn wlan_over_the_host_interface() {
        let mut vm = Vm::new(Config::default(), WlanHost::default()).unwrap();
        let src = "import network
w = network.WLAN(network.STA_IF)
print(w, w.active(), w.isconnected(), w.status() == network.STAT_IDLE)
try:
    w.connect('x', 'k')
except OSError as e:
    print('OSError', e.errno)
w.active(True)
w.connect(ssid='home', key='pw')
print(w.isconnected(), w.status() == network.STAT_GOT_IP, w.config('ssid'), w.config('hostname'))
print(w.ifconfig(), w.config('mac'))
print(w.scan())
for bad in [lambda: w.config('nope'), lambda: w.ifconfig(('1.2.3',) * 4), lambda: network.WLAN(network.AP_IF)]:
    try:
        bad()
    except ValueError as e:
        print('ValueError', e)
try:
    w.ifconfig(('1.2.3.4', '255.0.0.0', '1.2.3.1', '1.2.3.1'))
except OSError as e:
    print('OSError', e.errno)
w.disconnect()
print(w.isconnected())
";
        assert_eq!(
            vm.run_source(src, "t.py"),
            Outcome::Ok,
            "{}",
            String::from_utf8_lossy(&vm.host().out)
        );
        assert_eq!(
            String::from_utf8_lossy(&vm.host().out),
            "<WLAN STA_IF> False False True
OSError 1
True True home fake
('10.0.0.7', '255.255.255.0', '10.0.0.1', '9.9.9.9') b'\\x02\\x00\\x00\\x00\\x00\\t'
[(b'net0', b'\\x00\\x00\\x00\\x00\\x00\\x00', 6, -40, 3, False), (b'net1', b'\\x01\\x01\\x01\\x01\\x01\\x01', 7, -41, 3, True)]
ValueError unknown config param
ValueError invalid IPv4 address
ValueError WLAN interface 1 is not available on this board
OSError 95
False
"
        );
    }

    #[test]
    fn no_wlan_no_module() {
        let mut vm = Vm::new(Config::default(), crate::tests::TestHost::default()).unwrap();
        let src = "try:\n    import network\nexcept ImportError as e:\n    print(e)\n";
        assert_eq!(vm.run_source(src, "t.py"), Outcome::Ok);
        assert_eq!(
            String::from_utf8_lossy(&vm.host().out),
            "no module named 'network' on this host\n"
        );
    }
}
