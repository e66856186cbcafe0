#!/usr/bin/env python3
"""Regenerates (or checks) the expected output of every conformance program.

Each program `<area>/<name>.py` is run with python3 (warnings as errors) from its own folder;
what it prints to stdout becomes `<area>/<name>.exp`. A program fails the run if it exits
non-zero, writes to stderr, takes longer than TIME_LIMIT seconds, or prints something
different under another hash seed (a sign that it depends on set order or str hashes).

Helper modules (imported by programs, never run on their own) end in `_mod.py` (helper
packages are folders ending in `_mod`); they get no `.exp`.

    python3 tests/python/regen.py            # write every .exp
    python3 tests/python/regen.py --check    # fail if any .exp is missing, stale or orphaned
    python3 tests/python/regen.py lexer/ints # only the programs whose path contains a filter

It runs the programs with the Python that runs it, which must be CPython 3.11 (error messages
differ between versions) unless --any-version is given.
"""

import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.abspath(__file__))
TIME_LIMIT = 1.0
EXPECTED_VERSION = (3, 11)
HASH_SEEDS = ("0", "12345")


def programs():
    found = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.endswith("_mod"))
        if folder == ROOT:
            continue
        for name in sorted(files):
            if name.endswith(".py") and not name.endswith("_mod.py"):
                found.append(os.path.join(folder, name))
    return found


def run(path, seed):
    env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONIOENCODING="utf-8",
               PYTHONDONTWRITEBYTECODE="1")
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-W", "error", os.path.basename(path)], cwd=os.path.dirname(path),
                          env=env, capture_output=True, timeout=30)
    return done, time.monotonic() - start


def main(argv):
    if sys.version_info[:2] != EXPECTED_VERSION and "--any-version" not in argv:
        version = ".".join(map(str, sys.version_info[:3]))
        print(f"the expected outputs are CPython {EXPECTED_VERSION[0]}.{EXPECTED_VERSION[1]}'s; "
              f"this is {sys.implementation.name} {version} (pass --any-version to go on anyway)",
              file=sys.stderr)
        return 2
    check = "--check" in argv
    filters = [a for a in argv if not a.startswith("--")]
    failures = []
    count = 0
    for path in programs():
        rel = os.path.relpath(path, ROOT)
        if filters and not any(f in rel for f in filters):
            continue
        count += 1
        outputs = []
        for seed in HASH_SEEDS:
            done, seconds = run(path, seed)
            if done.returncode != 0:
                failures.append(f"{rel}: exit status {done.returncode}\n{done.stderr.decode()}")
                break
            if done.stderr:
                failures.append(f"{rel}: wrote to stderr\n{done.stderr.decode()}")
                break
            if seconds > TIME_LIMIT:
                failures.append(f"{rel}: took {seconds:.2f} s (limit {TIME_LIMIT} s)")
                break
            outputs.append(done.stdout)
        else:
            if outputs[0] != outputs[1]:
                failures.append(f"{rel}: output depends on the hash seed")
                continue
            exp = path[:-3] + ".exp"
            if check:
                try:
                    with open(exp, "rb") as f:
                        current = f.read() == outputs[0]
                except FileNotFoundError:
                    current = False
                if not current:
                    failures.append(f"{rel}: {os.path.basename(exp)} is missing or stale")
            else:
                with open(exp, "wb") as f:
                    f.write(outputs[0])
    if check and not filters:
        wanted = {path[:-3] + ".exp" for path in programs()}
        for folder, dirs, files in os.walk(ROOT):
            for name in files:
                exp = os.path.join(folder, name)
                if name.endswith(".exp") and exp not in wanted:
                    failures.append(f"{os.path.relpath(exp, ROOT)}: no program beside it")
    for failure in failures:
        print("FAIL", failure, file=sys.stderr)
    verb = "checked" if check else "regenerated"
    print(f"{verb} {count} programs, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
