"""`softphone compliance check NUMBER`: the gate's verdict for a number, as the agent would get it.

Exit 0 allowed, 1 blocked, 2 a usage or settings error. Top-level imports stay light (argparse):
the gate and its data load only when the command runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("compliance", help="the outbound compliance gate")
    commands = parser.add_subparsers(dest="compliance_command", required=True)
    check = commands.add_parser("check", help="may this number be called now?")
    check.add_argument("number", help="a phone number or a SIP URI, as an agent would type it")
    check.add_argument("--at", help="check at this instant (ISO 8601 with offset), not now")
    check.add_argument("--profile", type=Path, dest="compliance_profile", help="profile folder")
    check.add_argument("--json", action="store_true", dest="as_json", help="the verdict as JSON")
    check.set_defaults(run=run_check)


def profile_folder(args: argparse.Namespace, own: str) -> Path:
    """The profile named on the sub-command, else on `softphone --profile`, else the default."""
    folder = getattr(args, own, None) or getattr(args, "profile", None)
    if folder is not None:
        return Path(folder).expanduser()
    from softphone.config import default_profile_folder

    return default_profile_folder()


def sip_domain_of(folder: Path) -> str | None:
    """The profile's own SIP domain (its users are colleagues), None without a settings file."""
    from softphone.config import SETTINGS_FILE, load_profile

    if not (folder / SETTINGS_FILE).is_file():
        return None
    return load_profile(folder).settings.sip.sip_domain or None


def run_check(args: argparse.Namespace) -> int:
    from softphone.compliance.errors import PolicyError
    from softphone.compliance.profile import data_dir, open_gate
    from softphone.journal.history import profile_history
    from softphone.journal.store import JournalError

    try:
        at = _instant(args.at) if args.at else None
        folder = profile_folder(args, "compliance_profile")
        gate = open_gate(
            folder, sip_domain_of(folder), profile_history(data_dir(folder)), warm_up=False
        )
    except (PolicyError, ValueError, JournalError) as exc:
        print(f"softphone: {exc}", file=sys.stderr)
        return 2
    verdict = gate.check(args.number, at)
    if args.as_json:
        print(json.dumps(verdict.to_json(), ensure_ascii=False))
    else:
        print(_describe(verdict.to_json()))
    return 0 if verdict.allowed else 1


def _instant(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(f"--at {text!r} is not an ISO 8601 time") from exc
    if moment.tzinfo is None:
        raise ValueError(f"--at {text!r} needs a UTC offset (e.g. 2026-11-25T09:00:00+01:00)")
    return moment


def _describe(verdict: dict[str, Any]) -> str:
    target = verdict["number_e164"] or verdict["number"]
    if verdict["allowed"]:
        kind = {"internal": " (internal call: no rest period or blacklist applies)",
                "emergency": " (emergency number)"}.get(verdict["kind"], "")  # fmt: skip
        lines = [f"allowed: {target}{kind}"]
    else:
        lines = [f"blocked: {target}"]
        lines += [f"  {r['code']}: {r['text']}" for r in verdict["reasons"]]
    for zone, local in verdict["callee_local_times"].items():
        lines.append(f"  callee time: {local} ({zone})")
    if verdict["packs"]:
        lines.append(f"  rules: {', '.join(verdict['packs'])}")
    if verdict["next_allowed_at"]:
        lines.append(f"  next allowed: {verdict['next_allowed_at']}")
    return "\n".join(lines)
