//! Feeds arbitrary bytes to the parsers of the native modules (`json.loads`, `struct` formats
//! and buffers, `binascii` decoders, `complex(str)`, `deflate` streams in every format) through `sys.data`, on a small heap with the collector
//! running on every allocation: every input must end in a value or a Python exception, never
//! a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mote_vm::{Config, Host, Scalar, Vm};

const HEAP_BYTES: usize = 64 * 1024;

struct FuzzHost;

impl Host for FuzzHost {
    fn write_stdout(&mut self, bytes: &[u8]) {
        // The program prints only when data compressed by `deflate` does not come back.
        assert!(
            bytes.iter().all(|b| b.is_ascii_whitespace()),
            "{}",
            String::from_utf8_lossy(bytes)
        );
    }
    fn write_stderr(&mut self, _bytes: &[u8]) {}
    fn ticks_us(&mut self) -> u64 {
        0
    }
    fn time_us(&mut self) -> i64 {
        1_700_000_000_000_000
    }
    fn wait_until(&mut self, _t: u64) {}
    fn platform(&self) -> &str {
        "fuzz"
    }
}

/// Each step runs on its own, so one exception does not hide the others.
const PROGRAM: &str = "\
import sys, json, struct, binascii, deflate, io
d = sys.data
t = d.decode('utf-8', 'replace') if hasattr(d, 'decode') else ''
def attempt(f):
    try:
        f()
    except Exception:
        pass
attempt(lambda: json.loads(d))
attempt(lambda: json.loads(t))
attempt(lambda: json.dumps(json.loads(t), indent=1, sort_keys=True))
fmt = t[:12]
attempt(lambda: struct.calcsize(fmt))
attempt(lambda: struct.unpack_from(fmt, d, len(d) % 7))
attempt(lambda: struct.pack(fmt, *range(struct.calcsize(fmt) % 9)))
attempt(lambda: list(struct.iter_unpack(fmt, d)))
attempt(lambda: binascii.a2b_base64(d))
attempt(lambda: binascii.a2b_base64(d, strict_mode=True))
attempt(lambda: binascii.unhexlify(d))
attempt(lambda: complex(t))
attempt(lambda: complex(t[:40]) ** complex(t[40:80] or '2'))
for f in range(4):
    attempt(lambda: deflate.DeflateIO(io.BytesIO(d), f, len(d) % 11 + 5 if f == 1 else 0).read())
    attempt(lambda: deflate.DeflateIO(io.BytesIO(d[1:]), f).readline(7))
def roundtrip():
    o = io.BytesIO()
    w = deflate.DeflateIO(o, len(d) % 4, len(d) % 11 + 5)
    w.write(d)
    w.close()
    if deflate.DeflateIO(io.BytesIO(o.getvalue()), len(d) % 4, 15).read() != d:
        print('ROUNDTRIP MISMATCH')
if len(d) % 4:
    roundtrip()
";

fuzz_target!(|data: &[u8]| {
    let config = Config {
        heap_bytes: HEAP_BYTES,
        ..Config::default()
    };
    let Ok(mut vm) = Vm::new(config, FuzzHost) else {
        return;
    };
    if vm.set_sys("data", Scalar::Bytes(data)).is_err() {
        return;
    }
    vm.run_source(PROGRAM, "<fuzz>");
});
