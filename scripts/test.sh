#!/usr/bin/env bash
# Runs every check mote has: formatting, lints, the no_std build of the VM for the ESP32-C3, and
# all tests. Installs what the tests need (system packages, Rust targets) first.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# littlefs2 (the storage benchmark's reference) runs bindgen, which needs libclang; the
# terminal tests of `mote repl` drive it through tmux.
need_pkgs=()
# The TAP-board tests run a DHCP server (dnsmasq) and ping inside a network namespace.
for pkg in libclang-dev tmux dnsmasq-base iputils-ping iproute2; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need_pkgs+=("$pkg")
done
# A Debian python3 makes virtual environments only with python3-venv.
python3 -c 'import ensurepip' 2>/dev/null || need_pkgs+=(python3-venv)
if [ ${#need_pkgs[@]} -gt 0 ]; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}"
fi
# The simulated-board tests drive boards with MicroPython's own tool, mpremote, from PyPI.
mpremote_venv=target/mpremote-venv
if [ ! -x "$mpremote_venv/bin/mpremote" ]; then
    python3 -m venv "$mpremote_venv"
    "$mpremote_venv/bin/pip" install -q mpremote
fi
export MOTE_MPREMOTE="$PWD/$mpremote_venv/bin/mpremote"
# The TAP-board tests resolve <name>.local with a real mDNS client, python-zeroconf.
zeroconf_venv=target/zeroconf-venv
if [ ! -x "$zeroconf_venv/bin/python" ] || ! "$zeroconf_venv/bin/python" -c 'import zeroconf' 2>/dev/null; then
    python3 -m venv "$zeroconf_venv"
    "$zeroconf_venv/bin/pip" install -q zeroconf
fi
export MOTE_ZEROCONF_PYTHON="$PWD/$zeroconf_venv/bin/python"
# As root (CI), the TAP tests (host-tools/tests/tap*.rs) must run: each in its own namespace.
if [ "$(id -u)" = 0 ]; then export MOTE_TAP_TESTS=1; fi
rustup target list --installed | grep -qx riscv32imc-unknown-none-elf \
    || rustup target add riscv32imc-unknown-none-elf

echo "== cargo fmt"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings
echo "== no_std builds for the ESP32-C3: the VM, OTA, the WebREPL server, the network stack and the firmware"
for crate in mote-vm mote-ota mote-webrepl mote-netstack; do
    cargo build -p "$crate" --target riscv32imc-unknown-none-elf
done
cargo build -p mote-firmware --target riscv32imc-unknown-none-elf
echo "== the ESP32-C3 firmware: build, link, image size and memory"
# The chip profile (size-optimised, fat LTO); esp-hal provides the atomics the default feature
# would take from a critical section. The image must fit its 1.5 MiB OTA slot
# (firmware/partitions.csv) and stay within its budget (lower it when the image shrinks; raise it
# only with a reason: firmware/docs/chip-size.md); 1.2 MB is the size aimed at (issue 11).
cargo build --profile chip -p mote-firmware --no-default-features --features esp32c3 \
    --target riscv32imc-unknown-none-elf --bin mote-esp32c3
python3 scripts/chip_size.py target/riscv32imc-unknown-none-elf/chip/mote-esp32c3 \
    --max-image $((0x180000)) --budget-image 1093300 --target-image 1200000 \
    --min-heap $((128 * 1024)) --min-stack-margin $((16 * 1024))
echo "== the VM bare metal on QEMU's riscv32 virt machine: size budget and instruction counts"
# qemu-virt/ is a workspace of its own (it builds only for bare-metal riscv32), so the steps
# above skip it. Debian's qemu-system-misc has qemu-system-riscv32.
dpkg -s qemu-system-misc >/dev/null 2>&1 || {
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qemu-system-misc
}
(cd qemu-virt && cargo fmt -- --check && cargo clippy -- -D warnings)
# Builds the minimal and the full variant and fails past qemu-virt/size-budget.toml.
python3 scripts/rv32_size.py
# Runs every program on the full variant the size step left built; fails on a wrong output.
python3 scripts/rv32_bench.py --no-build --selftest
# The minimal variant the size step built still runs scripts, with its modules compiled out.
python3 scripts/rv32_bench.py --elf target/riscv32imc-unknown-none-elf/chip/mote-qemu-virt-minimal \
    --minimal --selftest fib nqueens string_build
echo "== tests"
cargo test --workspace
# The VM's unit tests with every optional feature off, and with 32-bit floats as well (the
# minimal bare-metal variant's set).
cargo test -p mote-vm --no-default-features --lib
cargo test -p mote-vm --no-default-features --features float32 --lib
echo "== gc-stress: the VM's unit tests and the conformance suite, collecting on every allocation"
# Optimised: a collection per allocation makes the unoptimised suite take a quarter of an hour.
# The conformance runner gives each program a smaller heap and a longer limit under gc-stress.
cargo test --release -p mote-vm --features gc-stress --lib
cargo test --release -p mote-tests --test conformance --features mote-vm/gc-stress
echo "== the board's page in headless Chromium"
# Debian's chromium, driven by playwright-core from npm (tests/browser/package-lock.json).
browser_pkgs=()
dpkg -s chromium >/dev/null 2>&1 || browser_pkgs+=(chromium)
command -v npm >/dev/null || browser_pkgs+=(nodejs npm)
if [ ${#browser_pkgs[@]} -gt 0 ]; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${browser_pkgs[@]}"
fi
node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' \
    || { echo "the browser test needs Node.js 20 or later (playwright-core)" >&2; exit 1; }
# npm ci again whenever the installed playwright-core is not the one package.json pins.
(cd tests/browser && node -e 'const v = (f) => require(f).version || require(f).dependencies["playwright-core"];
    process.exit(v("./node_modules/playwright-core/package.json") === v("./package.json") ? 0 : 1)' 2>/dev/null) \
    || (cd tests/browser && npm ci --no-audit --no-fund)
cargo build -p mote-host-tools --bin mote
MOTE_BIN="$PWD/target/debug/mote" node tests/browser/page.test.mjs
