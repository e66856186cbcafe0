"""Runs every OUTDIR/prog_<n>.py for n < COUNT in this one CPython process and writes what each
prints to OUTDIR/prog_<n>.out, so a long differential run does not start an interpreter per
program.

    python3 tests/differential/run_batch.py COUNT OUTDIR

Each program runs as `__main__` in fresh globals with stdout captured; one that raises keeps
what it printed before (its traceback goes to stderr in a separate run, and is not compared).
"""
import contextlib
import io
import os
import sys


def main():
    count, outdir = int(sys.argv[1]), sys.argv[2]
    for n in range(count):
        path = os.path.join(outdir, f"prog_{n}.py")
        with open(path) as f:
            source = f.read()
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            try:
                exec(compile(source, path, "exec"), {"__name__": "__main__"})
            except BaseException:  # noqa: B036 - the program's own failure is part of its output
                pass
        with open(os.path.join(outdir, f"prog_{n}.out"), "w") as f:
            f.write(out.getvalue())


if __name__ == "__main__":
    main()
