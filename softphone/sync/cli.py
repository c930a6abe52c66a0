"""`softphone sync --profile DIR`: send the profile's outbox to its central service now, without
the phone (e.g. after a long offline stretch, or from a script); `--until-empty` stops when
nothing is left to send. Top-level imports stay light (argparse only)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    sync = subparsers.add_parser("sync", help="send the outbox to the central service")
    sync.add_argument("--profile", type=Path, required=True, dest="sync_profile")
    sync.add_argument("--until-empty", action="store_true", help="stop once nothing waits")
    sync.add_argument("--timeout", type=float, default=0.0, help="give up after S seconds")
    sync.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    from softphone.config import load_profile
    from softphone.journal.outbox import Outbox
    from softphone.journal.store import JournalError, journal_path, open_journal
    from softphone.sync.worker import SyncWorker

    profile = load_profile(args.sync_profile)
    if not profile.settings.central.url:
        print("softphone: no [central] url in the profile's settings", file=sys.stderr)
        return 2
    try:
        journal = open_journal(journal_path(profile.data_dir))
    except JournalError as exc:
        print(f"softphone: {exc}", file=sys.stderr)
        return 1
    worker = SyncWorker(profile, journal)
    outbox = Outbox(journal)
    deadline = time.monotonic() + args.timeout if args.timeout > 0 else None
    worker.start()
    try:
        while not (args.until_empty and outbox.waiting() == 0):
            if deadline is not None and time.monotonic() > deadline:
                print(f"softphone: {outbox.waiting()} events still waiting", file=sys.stderr)
                return 1
            time.sleep(0.1)
    except KeyboardInterrupt:
        pass
    finally:
        worker.stop()
        parked = len(outbox.parked())
        journal.close()
    if parked:
        print(f"{parked} events refused by the center: `softphone journal outbox`", file=sys.stderr)
    return 0
