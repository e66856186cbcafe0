#!/usr/bin/env bash
# Network benchmark of the simulated board (needs root: it makes a network namespace and
# removes it): TCP echo throughput to a Python server on the board, over the board's own stack
# on TAP against host sockets, in the same run; ping round trip to the TAP board.
#   scripts/bench_net.sh [MEGABYTES]      (default 16; release build of mote)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-16}
cargo build -q --release -p mote-host-tools
mote="$PWD/target/release/mote"
ns="mote-bench-$$"
dir=$(mktemp -d)
cleanup() {
    ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
in_ns() { ip netns exec "$ns" "$@"; }

ip netns add "$ns"
in_ns sh -c 'ip link set lo up && ip link add br0 type bridge &&
    ip addr add 10.77.0.1/24 dev br0 && ip link set br0 up &&
    ip tuntap add tap0 mode tap && ip link set tap0 master br0 && ip link set tap0 up'

cat > "$dir/main.py" <<'PY'
import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('0.0.0.0', 7000))
s.listen(2)
while True:
    c, peer = s.accept()
    while True:
        data = c.recv(4096)
        if not data:
            break
        c.sendall(data)
    c.close()
PY
for b in tap host; do
    "$mote" image create --size 2M "$dir/$b.flash" >/dev/null
    "$mote" image put "$dir/$b.flash" "$dir/main.py" /main.py >/dev/null
done
in_ns "$mote" sim --name benchtap --flash "$dir/tap.flash" --console tcp:9201 \
    --tap tap0 --ip 10.77.0.2/24 2>"$dir/tap.log" &
in_ns "$mote" sim --name benchhost --flash "$dir/host.flash" --console tcp:9202 \
    --port 8302 2>"$dir/host.log" &
sleep 2

cat > "$dir/client.py" <<'PY'
import socket, sys, threading, time
size = int(sys.argv[2]) * 1024 * 1024
data = bytes(range(256)) * 256  # 64 KiB blocks
def run(addr):
    for _ in range(100):
        try:
            s = socket.create_connection((addr, 7000), timeout=10)
            break
        except OSError:
            time.sleep(0.1)
    s.settimeout(60)
    got = 0
    def reader():
        nonlocal got
        while got < size:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += len(chunk)
    t0 = time.perf_counter()
    r = threading.Thread(target=reader)
    r.start()
    sent = 0
    while sent < size:
        s.sendall(data)
        sent += len(data)
    r.join()
    dt = time.perf_counter() - t0
    s.close()
    assert got == size, (got, size)
    return size / dt / 1e6
results = {}
for name, addr in (("host sockets", "127.0.0.1"), ("TAP (embassy-net)", sys.argv[1])):
    results[name] = run(addr)
    print("echo %-18s %7.2f MB/s (%d MiB each way)" % (name, results[name], size // 2**20))
print("ratio TAP / host sockets: %.2f" % (results["TAP (embassy-net)"] / results["host sockets"]))
PY
echo "== TCP echo to a Python server on the board (release build)"
in_ns python3 "$dir/client.py" 10.77.0.2 "$size_mb"
echo "== ping round trip to the TAP board (200 echoes, 10 ms apart)"
in_ns ping -c 1 -W 1 10.77.0.2 >/dev/null || true
in_ns ping -q -c 200 -i 0.01 10.77.0.2 | tail -2
