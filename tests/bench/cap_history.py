"""The pre-dial check's question to the journal: "calls to this number since …" (caps) with
"when did this number last refuse" (cool-downs), on six months of a busy outbound agent's calls.

    uv run python -m tests.bench.cap_history [--calls 30000] [--probes 2000]

Prints p50/p99 µs of the question over a 24-hour and a 30-day window, answered by one statement
through the journal's number keys (ours), beside the row-by-row digit match the journal used
before them (the peer, two statements), and the whole pre-dial check with the journal as its
history beside the same check with an empty in-memory history, the two taking turns.
Every number is one of a US state whose pack caps calls (Florida, Oklahoma, Maryland), so that
every check asks the history (a number no cap or cool-down covers is not asked about at all).
Half the probes are numbers in the journal, half are not. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path

from softphone.compliance.area_codes import AREA_CODES
from softphone.compliance.blacklist import BlacklistStore
from softphone.compliance.gate import Gate
from softphone.compliance.history import CallHistory, InMemoryHistory, PastCalls
from softphone.compliance.plans import warm_up
from softphone.compliance.policy import Policy
from softphone.journal.history import JournalHistory
from softphone.journal.records import JournalWriter
from softphone.journal.store import Journal, journal_path, open_journal
from softphone.protocol import CallRecord

NOW = datetime(2026, 11, 25, 19, 0, tzinfo=timezone.utc)  # 14:00 in New York: calls allowed


# The gate asks the history only where a cap or a cool-down applies: numbers of the US states
# whose packs cap calls, so that every check here asks it.
CAPPED_AREA_CODES = tuple(
    code
    for code, state in sorted(AREA_CODES.items())
    if (pack := Policy().packs.get(f"US-{state}")) is not None and pack.caps
)


def us_number(rng: random.Random) -> str:
    area = rng.choice(CAPPED_AREA_CODES)
    return f"+1{area}{rng.randint(200, 999)}{rng.randint(0, 9999):04d}"


def fill(journal: Journal, calls: int, rng: random.Random) -> list[str]:
    """`calls` outbound calls spread over 180 days, one in 200 refused; returns the numbers."""
    writer = JournalWriter(journal, "agent7")
    numbers = []
    for n in range(calls):
        start = NOW - timedelta(seconds=rng.uniform(60, 180 * 86400))
        number = us_number(rng)
        numbers.append(number)
        record = CallRecord(
            call_id=f"c{n}",
            direction="outbound",
            terminal="agent7@pbx",
            calling_number="agent7",
            called_number=number,
            start_time=start,
            end_time=start + timedelta(seconds=40),
            connected=True,
            duration_s=35.0,
            disposition="refused" if n % 200 == 0 else None,
        )
        writer.call_ended(record)
    return numbers


def row_by_row(journal: Journal) -> CallHistory:
    """The peer: what the journal did before its number keys (a digit match on every row)."""

    class RowByRow(JournalHistory):
        def past_calls(self, number_e164: str, since: datetime) -> PastCalls:
            rows = journal.query(
                "SELECT start_time FROM call_records WHERE direction = 'outbound'"
                " AND digits(called_number) LIKE ? AND start_time >= ? ORDER BY start_time",
                ("%" + number_e164[2:], since.isoformat()),
            )
            refused = journal.scalar(
                "SELECT max(start_time) FROM call_records WHERE disposition = 'refused'"
                " AND (digits(called_number) LIKE ?1 OR digits(calling_number) LIKE ?1)",
                ("%" + number_e164[2:],),
            )
            return PastCalls(
                [datetime.fromisoformat(row[0]) for row in rows],
                datetime.fromisoformat(refused) if refused else None,
            )

    return RowByRow(journal)


def timed(action: Callable[[str], object], probes: list[str]) -> tuple[float, float]:
    took = []
    for probe in probes:
        started = time.perf_counter_ns()
        action(probe)
        took.append(time.perf_counter_ns() - started)
    return percentiles(took)


def percentiles(took: list[int]) -> tuple[float, float]:
    """p50 and p99 in µs of times in ns."""
    took = sorted(took)
    return took[len(took) // 2] / 1000, took[len(took) * 99 // 100] / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=30_000)
    parser.add_argument("--probes", type=int, default=2_000)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        journal = open_journal(journal_path(Path(folder)))
        numbers = fill(journal, args.calls, rng)
        probes = [rng.choice(numbers) if i % 2 else us_number(rng) for i in range(args.probes)]
        ours, peer = JournalHistory(journal), row_by_row(journal)
        print(f"{args.calls:,} calls in the journal, {args.probes:,} probes (µs)")
        print(f"{'question':<34}{'ours p50':>10}{'ours p99':>10}{'peer p50':>10}{'peer p99':>10}")
        for label, since in (
            ("calls in 24 h + last refusal", NOW - DAY),
            ("calls in 30 days + last refusal", NOW - 30 * DAY),
        ):
            peer_probes = probes[: max(50, len(probes) // 20)]  # the peer is slow
            mine = timed(partial(ours.past_calls, since=since), probes)
            theirs = timed(partial(peer.past_calls, since=since), peer_probes)
            print(
                f"{label:<34}{mine[0]:>10.1f}{mine[1]:>10.1f}{theirs[0]:>10.1f}{theirs[1]:>10.1f}"
            )
        whole_check(folder, journal, probes)


DAY = timedelta(days=1)


def whole_check(folder: str, journal: Journal, probes: list[str], rounds: int = 3) -> None:
    """Both gates check each probe in turn, the first of the two alternating: the caches that
    numbers share, the garbage collector and a busy machine weigh on both alike. p50 and p99
    are of the first round; "best of 3" is the p99 of each probe's fastest first check in three
    rounds of fresh gates (as tests/bench/blacklist.py): a shared machine's noise filtered out."""
    policy = Policy()
    warm_up(policy)
    store = BlacklistStore(Path(folder) / "blacklist")
    labels = ("  history: this journal", "  history: none (in memory)")
    first: list[list[int]] = [[], []]
    best = [[sys.maxsize] * len(probes) for _ in labels]
    collections = sum(generation["collections"] for generation in gc.get_stats())
    for round_ in range(rounds):
        histories: tuple[CallHistory, CallHistory] = (JournalHistory(journal), InMemoryHistory())
        gates = [Gate(policy, store, history, ["pbx.example"]) for history in histories]
        for gate in gates:
            gate.check("+12125550123", NOW)
        for n, probe in enumerate(probes):
            for at in (0, 1) if n % 2 else (1, 0):
                started = time.perf_counter_ns()
                gates[at].check(probe, NOW)
                took = time.perf_counter_ns() - started
                best[at][n] = min(best[at][n], took)
                if round_ == 0:
                    first[at].append(took)
    ran = sum(generation["collections"] for generation in gc.get_stats()) - collections
    print(f"{'whole pre-dial check':<34}{'p50':>10}{'p99':>10}{f'p99 best of {rounds}':>16}")
    for label, times, fastest in zip(labels, first, best, strict=True):
        p50, p99 = percentiles(times)
        print(f"{label:<34}{p50:>10.1f}{p99:>10.1f}{percentiles(fastest)[1]:>16.1f}")
    print(f"  ({ran} garbage collections ran during these {2 * rounds * len(probes):,} checks)")


if __name__ == "__main__":
    main()
