"""`softphone self-test`: does this installation work? IT runs it after installing (the frozen
build above all, where a library left out of the bundle shows only at run time).

Each check opens the real thing — every desktop module, pjsua2 with the null sound device,
PortAudio, the keyring backend, SQLite and the journal's schema, the compliance data, Qt
offscreen — and prints PASS or FAIL with the version it found. Exit 0 only if all pass. The SIP
and Qt parts live in softphone.sip and softphone.gui (the only layers that may import pjsua2 and
PySide6); this module only runs them.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sqlite3
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import softphone

# The central service ships only with the `central` extra; its command-line stub (argparse only)
# is the one module of it the desktop carries, so that `softphone central` can say so.
CENTER_ONLY = "softphone.central."
CENTER_STUB = "softphone.central.cli"
# Platform keyring backends the build must carry (keyring finds them through entry points,
# which a frozen build does not have: they must be importable by name).
KEYRING_BACKENDS = {
    "linux": ("keyring.backends.SecretService", "keyring.backends.libsecret"),
    "win32": ("keyring.backends.Windows",),
    "darwin": ("keyring.backends.macOS",),
}


@dataclass(frozen=True)
class Outcome:
    name: str
    passed: bool
    detail: str
    seconds: float


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "self-test", help="check that this installation works (libraries, data, Qt); exit 0 if so"
    )
    parser.add_argument("--json", action="store_true", dest="selftest_json", help="as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    outcomes = [_run_check(name, check) for name, check in CHECKS]
    if getattr(args, "selftest_json", False):
        print(json.dumps([o.__dict__ for o in outcomes], indent=2))
    else:
        _print_report(outcomes)
    return 0 if all(o.passed for o in outcomes) else 1


def _run_check(name: str, check: Callable[[], str]) -> Outcome:
    started = time.perf_counter()
    try:
        detail, passed = check(), True
    except Exception as exc:  # every failure is a line of the report, never a traceback
        detail, passed = f"{type(exc).__name__}: {exc}", False
        print(f"self-test {name}:\n{traceback.format_exc()}", file=sys.stderr)
    return Outcome(name, passed, detail, round(time.perf_counter() - started, 3))


def _print_report(outcomes: list[Outcome]) -> None:
    print(f"Agent Softphone {softphone.__version__} self-test ({_where()})")
    for o in outcomes:
        print(f"  {'PASS' if o.passed else 'FAIL'}  {o.name:<11} {o.detail}  [{o.seconds:.2f} s]")
    failed = [o.name for o in outcomes if not o.passed]
    print("all checks passed" if not failed else f"FAILED: {', '.join(failed)}")
    sys.stdout.flush()


def _where() -> str:
    frozen = getattr(sys, "_MEIPASS", None)
    return f"frozen build in {frozen}" if frozen else f"Python {sys.version.split()[0]}"


def desktop_modules() -> Iterator[str]:
    """Every module of the desktop app: the package minus the central service (but its stub)."""
    for info in pkgutil.walk_packages(softphone.__path__, "softphone."):
        name = info.name
        if name.endswith(".__main__") or (name.startswith(CENTER_ONLY) and name != CENTER_STUB):
            continue
        yield name


def check_modules() -> str:
    names = list(desktop_modules())
    failed = []
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:
            failed.append(f"{name} ({type(exc).__name__}: {exc})")
    if failed:
        raise RuntimeError(f"{len(failed)} of {len(names)} modules failed: {'; '.join(failed)}")
    if len(names) < 50:  # a walk that found almost nothing is a broken bundle, not a pass
        raise RuntimeError(f"only {len(names)} modules found")
    return f"{len(names)} desktop modules imported"


def check_pjsua2() -> str:
    from softphone.sip.selftest import open_pjsua2

    return open_pjsua2()


def check_portaudio() -> str:
    from softphone.devices.portaudio import list_devices, portaudio_version, sd

    lib = sd()
    devices = list_devices()  # initialises PortAudio and asks every host API for its devices
    return f"{portaudio_version()} (sounddevice {lib.__version__}), {len(devices)} devices"


def check_keyring() -> str:
    import keyring
    from keyring.backends import fail

    from softphone.secrets import SERVICE, backend_name

    bundled = KEYRING_BACKENDS.get(sys.platform, ())
    for name in bundled:
        importlib.import_module(name)
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        raise RuntimeError(
            "no usable keyring (unlock the desktop's keyring, or set PYTHON_KEYRING_BACKEND)"
        )
    keyring.get_password(SERVICE, "self-test")  # reads only: the user's secrets are not touched
    carried = f"; carries {', '.join(n.rsplit('.', 1)[1] for n in bundled)}" if bundled else ""
    return f"{backend_name()} (keyring {_version('keyring')}){carried}"


def check_sqlite() -> str:
    from softphone.journal.store import open_journal

    with tempfile.TemporaryDirectory(prefix="softphone-selftest-") as folder:
        journal = open_journal(Path(folder) / "journal.sqlite")
        try:
            version, mode = journal.schema_version, journal.journal_mode
        finally:
            journal.close()
    return (
        f"SQLite {sqlite3.sqlite_version} (sqlite-utils {_version('sqlite-utils')}), "
        f"a journal created at schema {version}, {mode} mode"
    )


def check_compliance() -> str:
    import phonenumbers
    from phonenumbers import timezone

    from softphone.compliance.holiday_calendars import country_holidays
    from softphone.compliance.packs import builtin_packs

    regions = sorted(phonenumbers.SUPPORTED_REGIONS)
    for region in regions:  # every region's metadata file loads
        if phonenumbers.PhoneMetadata.metadata_for_region(region) is None:
            raise RuntimeError(f"no phone-number metadata for {region}")
    number = phonenumbers.parse("+1 212 555 0100")
    if "America/New_York" not in timezone.time_zones_for_number(number):
        raise RuntimeError("phonenumbers' time-zone data is missing")
    packs = builtin_packs()
    for pack in packs.values():  # each pack's holiday calendar, for this year, loaded as the
        country, _, subdiv = pack.holiday_calendar.partition("-")  # gate loads it (one country)
        country_holidays(country, subdiv=subdiv or None, years=time.localtime().tm_year)
    return (
        f"phonenumbers {phonenumbers.__version__} ({len(regions)} regions), "
        f"holidays {_version('holidays')} ({len(packs)} packs: {', '.join(sorted(packs))})"
    )


def check_caller_info() -> str:
    from softphone.compliance import place_names
    from softphone.compliance.caller_info import caller_info

    info = caller_info("+8613800138000", "CN", "zh")  # the pop-up's provider and place
    if (info.provider, info.region) != ("中国移动", "北京市"):
        raise RuntimeError(f"provider/place names wrong: {info.provider!r}, {info.region!r}")
    return f"provider and place names from {place_names.index_path().name}"


def check_voice() -> str:
    import numpy as np

    from softphone.devices.voice_cleaning import Stages, VoiceCleaner

    cleaner = VoiceCleaner(Stages(True, True, True, True), 16000, stream_delay_ms=60)
    frame = np.zeros(320, dtype=np.int16)
    cleaner.far(frame)
    cleaned = cleaner.near(frame)  # the native library loads and processes a 20 ms frame
    stages = ", ".join(cleaner.stages.names())
    return f"WebRTC audio processing (pywebrtc-audio): {stages} on a {cleaned.size}-sample frame"


def check_qt() -> str:
    from softphone.gui.selftest import start_and_quit_qt

    return start_and_quit_qt()


def _version(distribution: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "?"


CHECKS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("modules", check_modules),
    ("pjsua2", check_pjsua2),
    ("portaudio", check_portaudio),
    ("keyring", check_keyring),
    ("sqlite", check_sqlite),
    ("compliance", check_compliance),
    ("caller info", check_caller_info),
    ("voice", check_voice),
    ("qt", check_qt),
)
