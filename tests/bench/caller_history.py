"""The inbound pop-up's history read: "our last five calls with this number, and how many in
all" (`caller_history.calls_with`), on six months of a busy agent's calls.

    uv run python -m tests.bench.caller_history [--calls 30000] [--probes 2000]

Prints p50/p95 µs of the read on the journal as it is (schema V4: the caller's number is an
index seek) beside the same read after dropping the V4 index (the V3 schema, where an inbound
caller's number was found by reading every row). Half the calls are inbound (the number is the
calling one), half outbound (the called one); half the probes are numbers in the journal, half
are not. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from softphone.journal.caller_history import calls_with
from softphone.journal.records import JournalWriter
from softphone.journal.store import Journal, journal_path, open_journal
from softphone.protocol import CallRecord

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
V4_INDEX = "call_records_calling_seen"


def customer(rng: random.Random) -> str:
    return f"+86138{rng.randint(0, 99_999_999):08d}"


def fill(journal: Journal, calls: int, rng: random.Random) -> list[str]:
    """`calls` calls over 180 days, every other one inbound; returns the customers' numbers
    (a few thousand customers, so a number has several calls, as in a real journal)."""
    writer = JournalWriter(journal, "agent7")
    customers = [customer(rng) for _ in range(max(1, calls // 6))]
    for n in range(calls):
        start = NOW - timedelta(seconds=rng.uniform(60, 180 * 86400))
        number = rng.choice(customers)
        inbound = n % 2 == 0
        writer.call_ended(
            CallRecord(
                call_id=f"c{n}",
                direction="inbound" if inbound else "outbound",
                terminal="agent7@pbx",
                calling_number=number if inbound else "agent7",
                called_number="+861058000000" if inbound else number,
                start_time=start,
                end_time=start + timedelta(seconds=40),
                connected=True,
                duration_s=35.0,
                disposition="sale" if n % 7 == 0 else None,
            )
        )
    return customers


def national(number: str) -> str:
    return number[3:]  # +86 …: the national digits the pop-up asks with


def timed(journal: Journal, probes: list[str]) -> tuple[float, float]:
    """p50 and p95 in µs of the pop-up's read for each probe."""
    took = []
    for probe in probes:
        started = time.perf_counter_ns()
        calls_with(journal, national(probe))
        took.append(time.perf_counter_ns() - started)
    took.sort()
    return took[len(took) // 2] / 1000, took[len(took) * 95 // 100] / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=30_000)
    parser.add_argument("--probes", type=int, default=2_000)
    args = parser.parse_args()
    rng = random.Random(14)
    with tempfile.TemporaryDirectory() as folder:
        journal = open_journal(journal_path(Path(folder)))
        numbers = fill(journal, args.calls, rng)
        probes = [rng.choice(numbers) if i % 2 else customer(rng) for i in range(args.probes)]
        print(f"{args.calls:,} calls in the journal, {args.probes:,} probes (µs)")
        print(f"{'pop-up history read':<38}{'p50':>10}{'p95':>10}")
        p50, p95 = timed(journal, probes)
        print(f"{'V4: index seek on the caller':<38}{p50:>10.1f}{p95:>10.1f}")
        with journal.transaction() as conn:
            conn.execute(f"DROP INDEX {V4_INDEX}")
        peer_probes = probes[: max(50, len(probes) // 10)]  # the scan is slow
        p50, p95 = timed(journal, peer_probes)
        print(f"{'V3: no index on the caller (scan)':<38}{p50:>10.1f}{p95:>10.1f}")
        journal.close()


if __name__ == "__main__":
    main()
