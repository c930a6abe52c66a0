"""The load the pop-up benchmark runs under: a national-size do-not-call list and six months of a
busy agent's journal, put into a profile folder before its session starts.

The list is the blacklist benchmark's synthetic US-style list (`blacklist.synthetic_list`),
imported through the store as `softphone blacklist import` does. At 250 M numbers that takes
minutes and a few GB of RAM, so the built store is kept in a data folder (default
`~/.cache/softphone-bench`) and copied into each profile: the next run starts in seconds.

    uv run python -m tests.bench.popup_load [--size 250000000]   # build the cache only
"""

from __future__ import annotations

import argparse
import random
import shutil
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from softphone.compliance.blacklist import BlacklistStore
from softphone.compliance.profile import BLACKLIST_FOLDER
from softphone.journal.records import JournalWriter
from softphone.journal.store import journal_path, open_journal
from softphone.protocol import CallRecord
from tests.bench.blacklist import synthetic_list

DATA = Path.home() / ".cache" / "softphone-bench"
SOURCE = "us-dnc"
CALLER = "+12125550123"  # the benchmark's SIPp caller (a fictional 555-01xx line)


def cached_list(size: int, data: Path = DATA) -> Path:
    """A blacklist store folder holding `size` synthetic numbers, built once per size."""
    folder = data / f"dnc-{size}"
    done = folder / "built"
    if done.exists():
        return folder / BLACKLIST_FOLDER
    if folder.exists():
        shutil.rmtree(folder)  # a build that was cut short
    started = time.perf_counter()
    print(f"building a {size:,}-number do-not-call list in {folder} (once)…", flush=True)
    values = synthetic_list(size)
    BlacklistStore(folder / BLACKLIST_FOLDER).import_source(SOURCE, values, "US", "synthetic")
    del values
    done.write_text(f"{size}\n")
    print(f"… built in {time.perf_counter() - started:.0f} s", flush=True)
    return folder / BLACKLIST_FOLDER


def put_list(store: Path, profile: Path) -> None:
    """The cached store, copied into the profile (the agent may write beside it: a profile of
    its own, never the cache)."""
    shutil.copytree(store, profile / BLACKLIST_FOLDER, dirs_exist_ok=True)


def put_journal(profile: Path, calls: int, caller: str = CALLER, seed: int = 14) -> int:
    """`calls` calls over 180 days among a few thousand customers, every other one inbound, one
    in ten with the benchmark's caller (so the pop-up's history read finds hundreds of rows and
    shows five); returns how many are the caller's."""
    rng = random.Random(seed)
    now = datetime.now(timezone.utc)
    journal = open_journal(journal_path(profile))
    writer = JournalWriter(journal, "agent1")
    customers = [f"+86138{rng.randint(0, 99_999_999):08d}" for _ in range(max(1, calls // 6))]
    theirs = 0
    try:
        for n in range(calls):
            number = caller if n % 10 == 0 else rng.choice(customers)
            theirs += number == caller
            inbound = n % 2 == 0
            start = now - timedelta(seconds=rng.uniform(60, 180 * 86400))
            writer.call_ended(
                CallRecord(
                    call_id=f"bench-{n}",
                    direction="inbound" if inbound else "outbound",
                    terminal="agent1@pbx",
                    calling_number=number if inbound else "agent1",
                    called_number="+861058000000" if inbound else number,
                    start_time=start,
                    end_time=start + timedelta(seconds=40),
                    connected=n % 3 != 0,
                    duration_s=35.0 if n % 3 else 0.0,
                    disposition="sale" if n % 7 == 0 else None,
                    remarks="asked for the brochure" if n % 5 == 0 else None,
                )
            )
    finally:
        journal.close()
    return theirs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=250_000_000)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    print(cached_list(args.size, args.data))


if __name__ == "__main__":
    main()
