"""`softphone blacklist import|add|remove|contains|stats`: the profile's do-not-call lists.

Exit 0 done (for `contains`: on the list), 1 the work failed (for `contains`: not on the list),
2 bad usage. Long work shows a progress bar on stderr. Top-level imports stay light.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from softphone.compliance.commands import profile_folder


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("blacklist", help="the do-not-call lists on this device")
    commands = parser.add_subparsers(dest="blacklist_command", required=True)
    imports = commands.add_parser("import", help="replace a registry list with a file's numbers")
    imports.add_argument("file", type=Path, help="one number per line, or CSV with a number column")
    imports.add_argument("--country", help="region of national numbers (default: the policy's)")
    imports.add_argument("--source", default="registry", help="the list's name (default: registry)")
    add = commands.add_parser("add", help="customer asked not to be called: list a number now")
    add.add_argument("number")
    add.add_argument("--reason", required=True, help="why the number must not be called")
    add.add_argument("--expires", type=date.fromisoformat, help="YYYY-MM-DD: blocks until then")
    add.add_argument("--who", default=None, help="who asked for it (default: the OS user)")
    remove = commands.add_parser("remove", help="take a number off the enterprise list")
    remove.add_argument("number")
    contains = commands.add_parser("contains", help="is a number on a list? (exit 0 yes, 1 no)")
    contains.add_argument("number")
    stats = commands.add_parser("stats", help="count, version, sources and their age")
    stats.add_argument("--json", action="store_true", dest="as_json")
    for command, run in ((imports, run_import), (add, run_add), (remove, run_remove),
                         (contains, run_contains), (stats, run_stats)):  # fmt: skip
        command.add_argument(
            "--profile", type=Path, dest="blacklist_profile", help="profile folder"
        )
        command.set_defaults(run=_guarded(run))


def _guarded(run: Any) -> Any:
    def guarded(args: argparse.Namespace) -> int:
        from softphone.compliance.errors import BlacklistError, PolicyError

        try:
            return int(run(args))
        except PolicyError as exc:
            print(f"softphone: {exc}", file=sys.stderr)
            return 2
        except BlacklistError as exc:
            print(f"softphone: {exc}", file=sys.stderr)
            return 1

    return guarded


def _region(args: argparse.Namespace) -> str:
    from softphone.compliance.policy import load_policy

    return str(load_policy(profile_folder(args, "blacklist_profile")).default_region)


def _number(args: argparse.Namespace) -> str:
    from softphone.compliance.errors import PolicyError
    from softphone.compliance.numbers import normalise

    try:
        return normalise(args.number, _region(args))
    except ValueError as exc:
        raise PolicyError(str(exc)) from exc


def _store(args: argparse.Namespace) -> Any:
    from softphone.compliance.profile import open_blacklist

    return open_blacklist(profile_folder(args, "blacklist_profile"))


def run_import(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from softphone.compliance.blacklist.importer import read_numbers
    from softphone.compliance.blacklist.store import check_source_name
    from softphone.compliance.errors import PolicyError

    if not args.file.is_file():
        raise PolicyError(f"{args.file}: no such file")
    check_source_name(args.source)
    country = (args.country or _region(args)).upper()
    started = time.monotonic()
    with tqdm(total=args.file.stat().st_size, unit="B", unit_scale=True, desc="reading",
              file=sys.stderr, mininterval=0.5) as bar:  # fmt: skip

        def advance(done: int) -> None:
            bar.update(done)

        result = read_numbers(args.file, country, advance)
    print("writing the list …", file=sys.stderr)
    source = _store(args).import_source(
        args.source, result.numbers, country=country, origin=str(args.file.resolve())
    )
    seconds = time.monotonic() - started
    print(f"imported {source.count:,} numbers into {args.source} ({country}) from {args.file} "
          f"in {seconds:.1f} s ({result.lines / max(seconds, 1e-9):,.0f} lines/s)")  # fmt: skip
    if result.bad_lines:
        print(f"skipped {result.bad_lines} lines that are not numbers: "
              f"{'; '.join(result.examples)}", file=sys.stderr)  # fmt: skip
    return 0


def run_add(args: argparse.Namespace) -> int:
    number = _number(args)
    who = args.who or getpass.getuser()
    expires = args.expires.isoformat() if args.expires else None
    entry = _store(args).do_not_call(number, args.reason, who, expires)
    print(f"{number} is on the do-not-call list: {entry.describe()}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    number = _number(args)
    store = _store(args)
    removed = store.remove(number)
    if removed is None:
        print(f"{number} was not on the enterprise list", file=sys.stderr)
    else:
        print(f"{number} is off the enterprise list (was: {removed.reason})")
    still = store.listing(number, datetime.now(timezone.utc))
    if still:
        print(f"{number} is still blocked: {still}", file=sys.stderr)
    return 0 if removed is not None else 1


def run_contains(args: argparse.Namespace) -> int:
    number = _number(args)
    listed = _store(args).listing(number, datetime.now(timezone.utc))
    print(f"{number}: {listed}" if listed else f"{number}: not on any list")
    return 0 if listed else 1


def run_stats(args: argparse.Namespace) -> int:
    store = _store(args)
    state = store.state()
    now = datetime.now(timezone.utc)
    sources = {
        name: {"count": s.count + len(s.added) - len(s.removed), "country": s.country,
               "updated_at": s.updated_at, "origin": s.origin,
               "age_days": round((now - datetime.fromisoformat(s.updated_at)).total_seconds()
                                 / 86400, 1),
               "delta": len(s.added) + len(s.removed),
               "bytes": (store.folder / s.segment).stat().st_size if s.segment else 0}
        for name, s in state.sources.items()
    }  # fmt: skip
    report = {"folder": str(store.folder), "version": state.version,
              "updated_at": state.updated_at or None, "enterprise_entries": len(state.entries),
              "count": sum(s["count"] for s in sources.values()) + len(state.entries),
              "sources": sources}  # fmt: skip
    if args.as_json:
        print(json.dumps(report))
        return 0
    print(f"blacklist {report['folder']}: version {state.version}, {report['count']:,} numbers")
    print(f"  enterprise: {len(state.entries)} entries")
    for name, s in sources.items():
        print(f"  {name}: {s['count']:,} numbers ({s['country'] or '?'}), updated "
              f"{s['updated_at'][:19]}Z ({s['age_days']} days ago), {s['bytes']:,} bytes, "
              f"{s['delta']} pending in delta")  # fmt: skip
    return 0
