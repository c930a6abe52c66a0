"""The frozen desktop build's size and start time (a benchmark that prints, not a timed test).

    uv run python -m tests.bench.frozen_bundle [BUNDLE_DIR]

(default: $SOFTPHONE_FROZEN, else dist/softphone).

Prints the bundle's size on disk and its biggest parts, then the wall time of `softphone --help`
(the interpreter and the CLI: what every command pays), `softphone --version` (plus starting and
stopping pjsua2) and `softphone self-test` (everything, Qt included): the median of 5 runs each.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 5


def size_of(path: Path) -> int:
    """Bytes on disk; symlinks (PyInstaller links shared libraries to one copy) count nothing."""
    if path.is_symlink():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def start_time(command: list[str]) -> tuple[float, float, int]:
    """Median and fastest wall time of RUNS runs, in seconds (a first run warms the file cache),
    and the exit code (self-test exits 1 on a machine with no keyring: still timed)."""
    code = subprocess.run(command, capture_output=True, timeout=120).returncode
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, timeout=120)
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times), code


def main() -> int:
    default = os.environ.get("SOFTPHONE_FROZEN", "dist/softphone")
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else default)
    cli = folder / "softphone"
    if not cli.is_file():
        print(f"no bundle in {folder}: build it with packaging/build-bundle", file=sys.stderr)
        return 2
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    total = size_of(folder)
    mib = total / 2**20
    print(f"frozen bundle {folder}: {total / 1e6:.0f} MB ({mib:.0f} MiB) in {len(files)} files")
    parts = [*folder.iterdir(), *(folder / "_internal").iterdir()]
    biggest = sorted((p for p in parts if p.name != "_internal"), key=size_of, reverse=True)[:8]
    for part in biggest:
        print(f"  {size_of(part) / 1e6:7.1f} MB  {part.relative_to(folder)}")
    print(f"start time, median of {RUNS} runs:")
    for args in (["--help"], ["--version"], ["self-test"]):
        median, fastest, code = start_time([str(cli), *args])
        note = f"  (exit {code})" if code else ""
        print(f"  softphone {' '.join(args):<10} {median:6.2f} s, fastest {fastest:.2f} s{note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
