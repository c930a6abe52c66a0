"""The blacklist store at national scale: ours (Elias–Fano, memory-mapped) beside a plain sorted
int64 array (numpy, memory-mapped), SQLite and a 64-bit roaring bitmap (pyroaring).

A synthetic US-style list (random numbers over the NANP range +1 NPA NXX XXXX, NPA and NXX from
200 to 999) is written as a registry file (national format, one number a line); each store is
built from it. Run:

    uv run python -m tests.bench.blacklist [--size 10000000] [--peers ours,numpy,sqlite,roaring]

and for the issue's national figure `--size 250000000` (needs ~10 GB of RAM and disk, and a
while for SQLite). Figures are printed, never asserted: this is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import gc
import os
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from softphone.compliance.blacklist import BlacklistStore
from softphone.compliance.blacklist.importer import read_numbers
from softphone.compliance.blacklist.segment import sorted_distinct
from softphone.compliance.gate import Gate
from softphone.compliance.history import InMemoryHistory
from softphone.compliance.policy import Policy

TARGETS = {  # the targets at 250 M numbers
    "disk_bytes_per_number": "≤ 1.0",
    "single_lookup_p50_us": "≤ 2",
    "single_lookup_p99_us": "≤ 2",
    "check_p99_us": "≤ 100 (whole pre-dial check)",
    "import_s": "≤ 180",
}
PROBES = 100_000
CHECKS = 5_000


@dataclass
class Figures:
    name: str
    values: dict[str, float | None] = field(default_factory=dict)


def synthetic_list(size: int, seed: int = 42) -> np.ndarray[Any, np.dtype[np.int64]]:
    """`size` distinct US numbers as E.164 integers (1NPANXXXXXX), ascending."""
    rng = np.random.default_rng(seed)
    values = np.zeros(0, dtype=np.int64)
    while len(values) < size:
        more = int((size - len(values)) * 1.05) + 1000
        npa = rng.integers(200, 1000, more)
        nxx = rng.integers(200, 1000, more)
        line = rng.integers(0, 10_000, more)
        fresh = 10**10 + npa * 10**7 + nxx * 10**4 + line
        values = sorted_distinct(np.concatenate([values, fresh]))
    keep = np.sort(rng.choice(len(values), size, replace=False))
    return values[keep]


def write_registry_file(values: np.ndarray[Any, np.dtype[np.int64]], path: Path) -> None:
    with open(path, "w", encoding="ascii") as out:
        for start in range(0, len(values), 1 << 20):
            national = values[start : start + (1 << 20)] - 10**10
            out.write("\n".join(map(str, national.tolist())))
            out.write("\n")


def rss_bytes() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def probes(values: np.ndarray[Any, np.dtype[np.int64]], count: int) -> list[int]:
    """Half members, half random numbers of the same range (nearly all absent)."""
    rng = np.random.default_rng(7)
    hits = values[rng.integers(0, len(values), count // 2)]
    misses = rng.integers(int(values[0]), int(values[-1]), count - count // 2)
    mixed = np.concatenate([hits, misses])
    rng.shuffle(mixed)
    return [int(v) for v in mixed]


def lookup_times(contains: Callable[[int], object], keys: Sequence[int]) -> tuple[float, float]:
    """p50 and p99 of one membership test, in µs (the timer's own cost subtracted)."""
    clock = time.perf_counter_ns
    overhead = min(-(clock() - clock()) for _ in range(1000))
    samples = []
    for key in keys:
        started = clock()
        contains(key)
        samples.append(clock() - started - overhead)
    samples.sort()
    return samples[len(samples) // 2] / 1000, samples[int(len(samples) * 0.99)] / 1000


def batch_rate(contains_many: Callable[[np.ndarray[Any, Any]], object], keys: list[int]) -> float:
    array = np.array(keys, dtype=np.int64)
    started = time.perf_counter()
    contains_many(array)
    return len(keys) / (time.perf_counter() - started)


def bench_ours(folder: Path, registry: Path, values: np.ndarray[Any, Any]) -> Figures:
    figures = Figures("ours (Elias–Fano, mmap)")
    store_folder = folder / "ours"
    started = time.perf_counter()
    result = read_numbers(registry, "US")
    BlacklistStore(store_folder).import_source("us-dnc", result.numbers, "US", str(registry))
    figures.values["import_s"] = time.perf_counter() - started
    del result
    gc.collect()
    before = rss_bytes()
    started = time.perf_counter()
    store = BlacklistStore(store_folder)
    numbers = store.state().sources["us-dnc"].numbers
    assert numbers is not None
    figures.values["load_s"] = time.perf_counter() - started
    figures.values["ram_bytes_per_number_loaded"] = (rss_bytes() - before) / len(values)
    segment = store_folder / store.state().sources["us-dnc"].segment
    figures.values["disk_bytes_per_number"] = segment.stat().st_size / len(values)
    keys = probes(values, PROBES)
    p50, p99 = lookup_times(numbers.__contains__, keys)
    figures.values["single_lookup_p50_us"], figures.values["single_lookup_p99_us"] = p50, p99
    figures.values["batch_lookups_per_s"] = batch_rate(numbers.contains_many, keys)
    figures.values["ram_bytes_per_number_used"] = (rss_bytes() - before) / len(values)
    figures.values["check_p99_us"] = check_p99(store, keys)
    _verify(numbers.__contains__, values)
    return figures


def check_p99(store: BlacklistStore, keys: list[int]) -> float:
    """The whole pre-dial check (parse, zones, packs, blacklist, caps) at an open hour."""
    gate = Gate(Policy(), store, InMemoryHistory(), ["pbx.example"])
    now = datetime(2026, 11, 25, 19, 0, tzinfo=timezone.utc)  # 14:00 in New York
    samples = []
    for key in keys[:CHECKS]:
        started = time.perf_counter_ns()
        gate.check(f"+{key}", now)
        samples.append(time.perf_counter_ns() - started)
    samples.sort()
    return samples[int(len(samples) * 0.99)] / 1000


def bench_numpy(folder: Path, registry: Path, values: np.ndarray[Any, Any]) -> Figures:
    figures = Figures("sorted int64 (numpy, mmap)")
    path = folder / "sorted.npy"
    started = time.perf_counter()
    np.save(path, sorted_distinct(read_numbers(registry, "US").numbers))
    figures.values["import_s"] = time.perf_counter() - started
    gc.collect()
    before = rss_bytes()
    started = time.perf_counter()
    array = np.load(path, mmap_mode="r")
    figures.values["load_s"] = time.perf_counter() - started
    figures.values["ram_bytes_per_number_loaded"] = (rss_bytes() - before) / len(values)
    figures.values["disk_bytes_per_number"] = path.stat().st_size / len(values)
    view = memoryview(array).cast("B").cast("q")  # bisect in C over the mapped file

    def contains(key: int) -> bool:
        import bisect

        at = bisect.bisect_left(view, key)
        return at < len(view) and view[at] == key

    keys = probes(values, PROBES)
    p50, p99 = lookup_times(contains, keys)
    figures.values["single_lookup_p50_us"], figures.values["single_lookup_p99_us"] = p50, p99

    def many(batch: np.ndarray[Any, Any]) -> object:
        at = np.searchsorted(array, batch).clip(0, len(array) - 1)
        return array[at] == batch

    figures.values["batch_lookups_per_s"] = batch_rate(many, keys)
    figures.values["ram_bytes_per_number_used"] = (rss_bytes() - before) / len(values)
    _verify(contains, values)
    return figures


def bench_sqlite(folder: Path, registry: Path, values: np.ndarray[Any, Any]) -> Figures:
    figures = Figures("SQLite (INTEGER PRIMARY KEY)")
    path = folder / "dnc.sqlite"
    started = time.perf_counter()
    numbers = sorted_distinct(read_numbers(registry, "US").numbers)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("CREATE TABLE dnc (number INTEGER PRIMARY KEY)")
        for start in range(0, len(numbers), 1 << 20):
            chunk = numbers[start : start + (1 << 20)].tolist()
            db.executemany("INSERT INTO dnc VALUES (?)", ((n,) for n in chunk))
    figures.values["import_s"] = time.perf_counter() - started
    del numbers
    gc.collect()
    before = rss_bytes()
    started = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute("SELECT 1 FROM dnc WHERE number = 0").fetchone()
    figures.values["load_s"] = time.perf_counter() - started
    figures.values["ram_bytes_per_number_loaded"] = (rss_bytes() - before) / len(values)
    figures.values["disk_bytes_per_number"] = path.stat().st_size / len(values)
    query = "SELECT 1 FROM dnc WHERE number = ?"

    def contains(key: int) -> bool:
        return db.execute(query, (key,)).fetchone() is not None

    keys = probes(values, PROBES)
    p50, p99 = lookup_times(contains, keys)
    figures.values["single_lookup_p50_us"], figures.values["single_lookup_p99_us"] = p50, p99
    figures.values["batch_lookups_per_s"] = batch_rate(
        lambda batch: [contains(int(k)) for k in batch], keys
    )
    figures.values["ram_bytes_per_number_used"] = (rss_bytes() - before) / len(values)
    _verify(contains, values)
    db.close()
    return figures


def bench_roaring(folder: Path, registry: Path, values: np.ndarray[Any, Any]) -> Figures:
    from pyroaring import BitMap64

    figures = Figures("roaring64 (pyroaring)")
    path = folder / "dnc.roaring"
    started = time.perf_counter()
    numbers = sorted_distinct(read_numbers(registry, "US").numbers)
    bitmap = BitMap64()
    for start in range(0, len(numbers), 1 << 20):
        bitmap.update(numbers[start : start + (1 << 20)].astype(np.uint64))
    path.write_bytes(bitmap.serialize())
    figures.values["import_s"] = time.perf_counter() - started
    del bitmap, numbers
    gc.collect()
    before = rss_bytes()
    started = time.perf_counter()
    loaded = BitMap64.deserialize(path.read_bytes())
    figures.values["load_s"] = time.perf_counter() - started
    figures.values["ram_bytes_per_number_loaded"] = (rss_bytes() - before) / len(values)
    figures.values["disk_bytes_per_number"] = path.stat().st_size / len(values)
    keys = probes(values, PROBES)
    p50, p99 = lookup_times(loaded.__contains__, keys)
    figures.values["single_lookup_p50_us"], figures.values["single_lookup_p99_us"] = p50, p99
    figures.values["batch_lookups_per_s"] = batch_rate(
        lambda batch: [int(k) in loaded for k in batch], keys
    )
    figures.values["ram_bytes_per_number_used"] = (rss_bytes() - before) / len(values)
    _verify(loaded.__contains__, values)
    return figures


def _verify(contains: Callable[[int], object], values: np.ndarray[Any, Any]) -> None:
    """Exactness on a sample: every member found, every neighbour that is no member not found."""
    members = set(values[:: max(1, len(values) // 20_000)].tolist())
    for value in members:
        assert contains(value), value
        if value + 1 not in members and int(np.searchsorted(values, value + 1)) < len(values):
            at = int(np.searchsorted(values, value + 1))
            assert bool(contains(value + 1)) == (int(values[at]) == value + 1)


PEERS = {"ours": bench_ours, "numpy": bench_numpy, "sqlite": bench_sqlite, "roaring": bench_roaring}
ROWS = [
    "disk_bytes_per_number", "ram_bytes_per_number_loaded", "ram_bytes_per_number_used",
    "load_s", "single_lookup_p50_us", "single_lookup_p99_us", "batch_lookups_per_s",
    "check_p99_us", "import_s", "import_numbers_per_s",
]  # fmt: skip


def print_table(size: int, results: list[Figures], floor: float) -> None:
    print(f"\nblacklist of {size:,} numbers (US-style, synthetic); floor ≈ {floor:.2f} byte/number")
    header = f"{'figure':30}" + "".join(f"{r.name:>30}" for r in results) + "   target (250 M)"
    print(header)
    print("-" * len(header))
    for row in ROWS:
        cells = ""
        for result in results:
            if row == "import_numbers_per_s" and result.values.get("import_s"):
                result.values[row] = size / float(result.values["import_s"] or 1)
            value = result.values.get(row)
            cells += f"{_fmt(value):>30}"
        print(f"{row:30}{cells}   {TARGETS.get(row, '')}")


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    if value >= 1000:
        return f"{value:,.0f}"
    return f"{value:.3g}" if value < 10 else f"{value:.1f}"


def information_floor(size: int) -> float:
    """Bytes per number to tell a `size`-subset of the 6.4·10⁹ possible numbers from others."""
    universe = 800 * 800 * 10_000
    p = size / universe
    entropy = -(p * np.log2(p) + (1 - p) * np.log2(1 - p))
    return float(entropy / p / 8)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000_000)
    parser.add_argument("--peers", default="ours,numpy,sqlite,roaring")
    parser.add_argument("--folder", type=Path, help="where to build (default: a temporary one)")
    args = parser.parse_args(argv)
    chosen = [p.strip() for p in args.peers.split(",") if p.strip()]
    with tempfile.TemporaryDirectory(dir=args.folder) as scratch:
        folder = Path(scratch)
        started = time.perf_counter()
        values = synthetic_list(args.size)
        registry = folder / "registry.txt"
        write_registry_file(values, registry)
        print(f"synthetic list: {args.size:,} numbers, {registry.stat().st_size:,} bytes of "
              f"registry file, made in {time.perf_counter() - started:.1f} s "
              f"(pid {os.getpid()}, {os.cpu_count()} cores)", flush=True)  # fmt: skip
        results = []
        for name in chosen:
            print(f"… {name}", flush=True)
            results.append(PEERS[name](folder, registry, values))
            gc.collect()
        print_table(args.size, results, information_floor(args.size))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
