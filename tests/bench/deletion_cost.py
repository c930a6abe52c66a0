"""What a deletion request costs the agent: erasing one number from six months of a busy agent's
journal (calls with their SIP traces, synced long ago, plus the operation log) and from full
rotated log files.

    uv run python -m tests.bench.deletion_cost [--calls 30000] [--log-mb 5]

Prints the journal's size and the time of the first erasure (which rewrites a journal written
before `secure_delete` whole, once: VACUUM), of a later one (zeroed deletes and a checkpoint),
and of scrubbing `agent.log` and its three rotations alone. The journal lock is held meanwhile
(the sync's bulk lane does the work). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from softphone.compliance.number_match import NumberMatch
from softphone.journal.outbox import BULK, PRIORITY, Outbox
from softphone.journal.records import JournalWriter
from softphone.journal.retention import forget_number
from softphone.journal.store import Journal, journal_path, open_journal
from softphone.logs import scrub_log_files
from softphone.protocol import CallRecord

NOW = datetime(2026, 11, 25, 19, 0, tzinfo=timezone.utc)
SUBJECTS = ("+8613800138000", "+8613900139000")
TRACE_PAD = "x" * 1400  # an INVITE with its SDP is about 1.5 KB


def fill(journal: Journal, calls: int) -> None:
    """`calls` calls over 180 days, one in 500 with a subject; all of them synced."""
    writer = JournalWriter(journal, "agent7")
    outbox = Outbox(journal)
    for n in range(calls):
        number = SUBJECTS[n // 500 % 2] if n % 500 == 0 else f"+86139{n:08d}"
        start = NOW - timedelta(seconds=n * 500)
        record = CallRecord(
            call_id=f"c{n}", direction="outbound", terminal="agent7@pbx",
            calling_number="agent7", called_number=number, start_time=start,
            end_time=start + timedelta(seconds=40), connected=True, duration_s=35.0,
        )  # fmt: skip
        writer.call_ended(record, sip_trace=f"INVITE sip:{number}@pbx SIP/2.0\n{TRACE_PAD}")
        writer.operation("dial", {"number": number}, start)
        if n % 1000 == 999:
            for lane in (PRIORITY, BULK):
                outbox.acknowledge(e.id for e in outbox.take(lane, 10_000))


def write_logs(folder: Path, megabytes: int) -> list[Path]:
    line = "2026-11-25 19:00:00,123 INFO    sip softphone.sip.call: call c1 state CONFIRMED\n"
    files = [folder / "agent.log", *(folder / f"agent.log.{n}" for n in (1, 2, 3))]
    lines = megabytes * 1_000_000 // len(line)
    for path in files:
        with path.open("w", encoding="utf-8") as out:
            for n in range(lines):
                out.write(f"dialling {SUBJECTS[0]}\n" if n % 5000 == 0 else line)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=30_000)
    parser.add_argument("--log-mb", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        journal = open_journal(journal_path(folder))
        journal.query("PRAGMA secure_delete=OFF")  # written by the versions before
        fill(journal, args.calls)
        journal.query("PRAGMA secure_delete=ON")
        journal.query("PRAGMA wal_checkpoint(TRUNCATE)")
        size_mb = journal.path.stat().st_size / 1e6
        print(f"{args.calls:,} calls, journal {size_mb:.0f} MB")
        for label, subject in (("first erasure (VACUUM once)", SUBJECTS[0]),
                               ("a later erasure", SUBJECTS[1])):  # fmt: skip
            started = time.perf_counter()
            erased = forget_number(journal, subject, region="CN")
            took = time.perf_counter() - started
            print(f"{label:<30}{took * 1000:>10.0f} ms  ({erased.call_records} calls)")
        files = write_logs(folder, args.log_mb)
        match = NumberMatch(SUBJECTS[0], "CN")
        started = time.perf_counter()
        lines = scrub_log_files(files, lambda line: not match.names(line))
        took = time.perf_counter() - started
        label = f"log scrub, 4 x {args.log_mb} MB"
        print(f"{label:<30}{took * 1000:>10.0f} ms  ({lines} lines)")
        journal.close()


if __name__ == "__main__":
    main()
