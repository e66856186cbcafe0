#!/usr/bin/env python3
"""Regenerates (or checks) the expected output of the filesystem conformance programs.

Each program `<name>.py` here is run by python3 in a fresh empty temporary directory (its
cwd, where it creates and uses files); what it prints becomes `<name>.exp`. A program fails
the run if it exits non-zero or writes to stderr (warnings are errors, except the
ResourceWarning of files deliberately left open for the collector to close).
`tests/tests/files.rs` runs the same programs on mote twice, over the host's files and over
the simulated flash filesystem, and compares with the `.exp` files.

    python3 tests/python_fs/regen.py           # write every .exp
    python3 tests/python_fs/regen.py --check   # fail if any .exp is missing or stale
"""

import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.abspath(__file__))
EXPECTED_VERSION = (3, 11)


def main(argv):
    if sys.version_info[:2] != EXPECTED_VERSION and "--any-version" not in argv:
        print(f"the expected outputs are CPython {EXPECTED_VERSION[0]}.{EXPECTED_VERSION[1]}'s",
              file=sys.stderr)
        return 2
    check = "--check" in argv
    failures = []
    programs = sorted(n for n in os.listdir(ROOT) if n.endswith(".py") and n != "regen.py")
    for name in programs:
        path = os.path.join(ROOT, name)
        with tempfile.TemporaryDirectory() as cwd:
            env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
            done = subprocess.run([sys.executable, "-W", "error", "-W", "ignore::ResourceWarning", path], cwd=cwd, env=env,
                                  capture_output=True, timeout=30)
        if done.returncode != 0 or done.stderr:
            failures.append(f"{name}: exit {done.returncode}\n{done.stderr.decode()}")
            continue
        exp = path[:-3] + ".exp"
        if check:
            try:
                with open(exp, "rb") as f:
                    current = f.read() == done.stdout
            except FileNotFoundError:
                current = False
            if not current:
                failures.append(f"{name}: {os.path.basename(exp)} is missing or stale")
        else:
            with open(exp, "wb") as f:
                f.write(done.stdout)
    for failure in failures:
        print("FAIL", failure, file=sys.stderr)
    print(f"{'checked' if check else 'regenerated'} {len(programs)} programs, "
          f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
