"""`softphone journal …`: look after a profile's local journal.

`check` opens it (and says whether it is healthy and what waits to be sent); `recover` sets a
damaged journal aside under a dated name and starts a fresh one — only ever on this command;
`forget NUMBER` erases every local trace of a phone number; `purge` applies the call-data
retention now; `outbox` lists the events the center refused (`--retry` puts them back in line).
Top-level imports stay light (argparse only).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    journal = subparsers.add_parser("journal", help="the profile's local journal")
    commands = journal.add_subparsers(dest="journal_command", required=True)
    for name, run, text in (
        ("check", _check, "is the journal healthy; what waits to be sent"),
        ("recover", _recover, "set a damaged journal aside and start a fresh one"),
        ("forget", _forget, "erase every local trace of a phone number"),
        ("purge", _purge, "delete call data older than the retention period now"),
        ("outbox", _outbox, "events the center refused (kept, not retried)"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("--profile", type=Path, required=True, dest="journal_profile")
        command.set_defaults(run=run)
        if name == "forget":
            command.add_argument("number", help="E.164 (+4930…) or as dialled")
        if name == "outbox":
            command.add_argument("--retry", action="store_true", help="send them again")


def _open(args: argparse.Namespace) -> Any:
    from softphone.config import load_profile
    from softphone.journal.store import journal_path, open_journal

    profile = load_profile(args.journal_profile)
    return profile, open_journal(journal_path(profile.data_dir))


def _guarded(work: Any) -> Any:
    def run(args: argparse.Namespace) -> int:
        from softphone.journal.store import JournalError

        try:
            return int(work(args))
        except JournalError as exc:
            print(f"softphone: {exc}", file=sys.stderr)
            return 1

    return run


@_guarded
def _check(args: argparse.Namespace) -> int:
    from softphone.journal.outbox import Outbox

    _, journal = _open(args)
    outbox = Outbox(journal)
    report = {
        "journal": str(journal.path),
        "schema": journal.schema_version,
        "healthy": True,
        "waiting": outbox.waiting(),
        "parked": len(outbox.parked()),
        "call_records": journal.scalar("SELECT count(*) FROM call_records"),
    }
    journal.close()
    print(json.dumps(report))
    return 0


def _recover(args: argparse.Namespace) -> int:
    from softphone.config import load_profile
    from softphone.journal.store import JournalCorrupt, journal_path, open_journal, set_aside

    path = journal_path(load_profile(args.journal_profile).data_dir)
    try:
        open_journal(path).close()
    except JournalCorrupt:
        kept = set_aside(path)
        open_journal(path).close()
        print(f"the damaged journal is kept as {kept}; a fresh journal was started")
        return 0
    print(f"the journal {path} is healthy: nothing to recover")
    return 0


@_guarded
def _forget(args: argparse.Namespace) -> int:
    from softphone.journal.retention import forget_number, profile_log_files, profile_region

    profile, journal = _open(args)
    try:
        files = profile_log_files(profile.data_dir)
        erased = forget_number(journal, args.number, files, profile_region(profile.folder))
    except ValueError as exc:
        print(f"softphone: {exc}", file=sys.stderr)
        return 2
    finally:
        journal.close()
    print(json.dumps(erased.__dict__))
    return 0


@_guarded
def _purge(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone

    from softphone.journal.retention import purge_old_calls

    profile, journal = _open(args)
    days = profile.settings.journal.call_retention_days
    erased = purge_old_calls(journal, datetime.now(timezone.utc), days)
    journal.close()
    print(json.dumps(erased.__dict__))
    return 0


@_guarded
def _outbox(args: argparse.Namespace) -> int:
    from softphone.journal.outbox import Outbox

    _, journal = _open(args)
    outbox = Outbox(journal)
    if args.retry:
        print(f"{outbox.retry_parked()} events put back in line")
    for parked in outbox.parked():
        print(json.dumps({"id": parked.id, "kind": parked.kind, "error": parked.error}))
    journal.close()
    return 0
