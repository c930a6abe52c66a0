"""`softphone recordings …`: the profile's call recordings for a person.

`list` shows each recording (call, duration, state, whether it is incomplete); `export CALL OUT`
decrypts one (named by call key, recording id or its sealed file) into a plain Ogg Vorbis file any
player opens, with the profile's key from the OS keyring. Top-level imports stay light.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("recordings", help="the profile's call recordings")
    commands = parser.add_subparsers(dest="recordings_command", required=True)
    listing = commands.add_parser("list", help="the recordings on this device")
    listing.add_argument("--profile", type=Path, required=True, dest="recordings_profile")
    listing.set_defaults(run=_list)
    export = commands.add_parser("export", help="decrypt one recording into a playable file")
    export.add_argument("--profile", type=Path, required=True, dest="recordings_profile")
    export.add_argument("recording", help="call key, recording id or .sprec file")
    export.add_argument("out", type=Path, help="the Ogg Vorbis file to write")
    export.set_defaults(run=_export)


def _journal(args: argparse.Namespace) -> Any:
    from softphone.config import load_profile
    from softphone.journal.store import journal_path, open_journal

    profile = load_profile(args.recordings_profile)
    return profile, open_journal(journal_path(profile.data_dir))


def _list(args: argparse.Namespace) -> int:
    from softphone.journal.recordings import all_recordings

    _, journal = _journal(args)
    for row in all_recordings(journal):
        print(
            json.dumps(
                {
                    "recording": row.id,
                    "call": row.call_id,
                    "started_at": row.started_at,
                    "duration_s": row.duration_s,
                    "channels": row.channels,
                    "size": row.size,
                    "sha256": row.sha256,
                    "incomplete": row.incomplete,
                    "state": row.state,
                    "path": str(row.path),
                }
            )
        )
    journal.close()
    return 0


def _export(args: argparse.Namespace) -> int:
    from softphone.journal.recordings import find
    from softphone.recording.keys import recording_key
    from softphone.recording.sealed import SealedError, SealedReader

    profile, journal = _journal(args)
    given = Path(args.recording)
    row = None if given.suffix == ".sprec" else find(journal, args.recording)
    journal.close()
    path = given if row is None else row.path
    if not path.is_file():
        print(f"softphone: no recording {args.recording!r} in this profile", file=sys.stderr)
        return 1
    try:
        reader = SealedReader(path, recording_key(profile.folder, create=False))
        with open(args.out, "wb") as out:
            summary = reader.export(out)
    except (LookupError, SealedError) as exc:
        print(f"softphone: {exc}", file=sys.stderr)
        return 1
    note = "" if summary.complete else " (incomplete: the agent stopped while recording)"
    print(f"wrote {args.out}: {summary.size} bytes, sha256 {summary.sha256}{note}", file=sys.stderr)
    return 0
