"""`softphone check [--profile DIR] [--json]`: the readiness report, for the agent or for IT.

Runs every check with the very stack that carries calls: it starts the profile's SIP account to
see it register (when a server and a password are configured), tests the microphone, speakers
and network meanwhile, prints the report and exits 0 when nothing failed, 1 when something did
(2 for unusable settings, as every sub-command). `--json` prints the report as one JSON object.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, TextIO

log = logging.getLogger(__name__)

REPORT_TIMEOUT = 90.0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check microphone, speaker, camera and network",
        description="The readiness report; exit 0 when nothing fails, 1 when something does.",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        dest="check_profile",
        metavar="DIR",
        help="profile folder (default: the desktop app's default profile)",
    )
    parser.add_argument(
        "--json", action="store_true", dest="check_json", help="the report as one JSON object"
    )
    parser.add_argument(
        "--no-register", action="store_true", help="do not start the SIP account (no REGISTER)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from platformdirs import user_data_dir

    from softphone.config import load_profile
    from softphone.logs import setup_logging
    from softphone.secrets import load_secret

    folder = args.check_profile or Path(user_data_dir("softphone", appauthor=False)) / "default"
    profile = load_profile(folder)
    # The report is what the person at the terminal wants; the details go to check.log.
    quiet = args.log_level.upper() == "INFO" and "SOFTPHONE_LOG" not in os.environ
    setup_logging("WARNING" if quiet else args.log_level, profile.data_dir / "check.log")
    password = load_secret(profile.folder, "sip") if profile.settings.sip.server else None
    interactive = not args.check_json and sys.stdin.isatty()
    if interactive:
        print("Checking… say something into your headset now.", file=sys.stderr, flush=True)
    out = _report_channel()
    report = _check(profile, password, register=not args.no_register)
    if interactive:
        report = report.with_answers(_ask_agent(report))
    if args.check_json:
        out.write(json.dumps(report.as_dict(), ensure_ascii=False) + "\n")
    else:
        out.write(report.text() + "\n")
    out.flush()
    return 0 if report.ok else 1


def _check(profile: Any, password: str | None, register: bool) -> Any:
    from softphone.devices.readiness.network import NO_PASSWORD, RegistrationState
    from softphone.devices.readiness.run import central_url, run_checks

    sip = profile.settings.sip
    if register and sip.server and password:
        report = _check_registered(profile, password)
        if report is not None:
            return report
    state = RegistrationState(False, 0, NO_PASSWORD) if register and sip.server else None
    return run_checks(
        profile.settings,
        central_url=central_url(profile.folder),
        registration=(lambda: state) if state else None,
    )


def _check_registered(profile: Any, password: str) -> Any:
    """The report with the account registering through the real SIP engine; None when the
    engine cannot start (the caller then checks without it)."""
    from softphone.agent.session import AgentSession
    from softphone.sip.engine import EngineError

    session = AgentSession(profile, password)
    try:
        session.start()
        return session.check_readiness().result(REPORT_TIMEOUT)
    except EngineError as exc:
        log.warning("the SIP engine did not start: %s", exc)
        return None
    finally:
        session.stop()


def _ask_agent(report: Any) -> dict[str, bool]:
    """The checks' questions ("Did you hear the test tone?") asked on the terminal."""
    answers = {}
    for check in report.checks:
        if check.ask:
            print(f"{check.name}: {check.ask} [y/n] ", end="", file=sys.stderr, flush=True)
            answers[check.name] = sys.stdin.readline().strip().lower().startswith("y")
    return answers


def _report_channel() -> TextIO:
    """Our own copy of stdout for the report; fd 1 goes to stderr so that nothing the SIP
    library prints can mix into it (a script parses `--json`)."""
    sys.stdout.flush()
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    return channel
