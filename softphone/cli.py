"""`softphone …`: the entry points (the desktop app, the headless agent, credentials, --version).

Each sub-command turns bad input into a one-line error on stderr and a non-zero exit, never a
traceback: exit 2 for bad usage or settings, 1 when the work itself failed.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from softphone.config import ConfigError, load_profile
from softphone.logs import setup_logging
from softphone.secrets import PURPOSES, SecretError, load_secret, store_secret

log = logging.getLogger("softphone")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="softphone", description="Agent Softphone")
    parser.add_argument("--version", action="store_true", help="versions and limits, then exit")
    parser.add_argument("--json", action="store_true", help="with --version: as JSON")
    parser.add_argument("--profile", type=Path, help="profile folder (settings + local data)")
    parser.add_argument("--log-level", default=os.environ.get("SOFTPHONE_LOG", "INFO"))
    commands = parser.add_subparsers(dest="command")

    agent = commands.add_parser("agent", help="run the agent")
    agent.add_argument("--headless", action="store_true", help="JSON lines on stdin/stdout")
    agent.add_argument("--profile", type=Path, required=True, dest="agent_profile")

    creds = commands.add_parser("credentials", help="passwords in the OS keyring")
    creds_cmd = creds.add_subparsers(dest="creds_command", required=True)
    store = creds_cmd.add_parser("set", help="store a password read from stdin")
    store.add_argument("--profile", type=Path, required=True, dest="creds_profile")
    store.add_argument("--for", choices=PURPOSES, default="sip", dest="purpose")
    for module in _command_modules():
        module.register(commands)
    return parser


# Each area owns its own sub-commands: a module with `register(subparsers)` that adds its parser
# and sets `run=<function(args) -> exit code>` as a default. Their top-level imports stay light
# (argparse only) so `softphone --version` does not load FastAPI or the blacklist store.
COMMAND_MODULES: tuple[str, ...] = (
    "softphone.central.cli",
    "softphone.journal.cli",
    "softphone.recording.cli",
    "softphone.sync.cli",
    "softphone.agent.check_command",
    "softphone.agent.account_test",
    "softphone.compliance.commands",
    "softphone.compliance.blacklist.commands",
    "softphone.selftest",
    "softphone.demo_command",
)

# The central service's own packages: installed with `pip install 'softphone[central]'`, left
# out of the desktop app and its installers. Without them `softphone central …` says so.
CENTER_PACKAGES = ("fastapi", "starlette", "uvicorn", "sqlalchemy", "alembic", "psycopg", "argon2")
CENTER_MISSING = (
    "softphone: the central service is not installed here (the desktop app leaves it out); "
    "install it on the server with: pip install 'softphone[central]'"
)


def _command_modules() -> list[Any]:
    return [importlib.import_module(name) for name in COMMAND_MODULES]


# The desktop opens the app with the link an agent clicked (`softphone-gui tel:+4930…`, from the
# .desktop file's %u and the OS's URL-scheme registrations): it must start, not fail on usage,
# and hand the link to the running app (softphone.gui.single_instance, click_to_dial).
LINK = re.compile(r"^(tel|sip|sips|callto):", re.IGNORECASE)


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    # A link opens the window; in a sub-command (`compliance check sip:agent2@…`) it is a value.
    links = [] if _names_a_command(parser, words) else [w for w in words if LINK.match(w)]
    args = parser.parse_args([word for word in words if word not in links])
    if args.version:
        from softphone.versions import print_versions

        return print_versions(as_json=args.json)
    setup_logging(args.log_level)
    try:
        if args.command == "agent":
            return _agent(args)
        if args.command == "credentials":
            return _store_credentials(args)
        if getattr(args, "run", None) is not None:
            return _run_command(args)
        return _gui(args, links)
    except ConfigError as exc:
        print(f"softphone: {exc}", file=sys.stderr)
        return 2
    except SecretError as exc:
        print(f"softphone: {exc}", file=sys.stderr)
        return 1


def _names_a_command(parser: argparse.ArgumentParser, words: list[str]) -> bool:
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    return any(word in commands for word in words)


def _run_command(args: argparse.Namespace) -> int:
    try:
        return int(args.run(args))
    except ModuleNotFoundError as exc:
        if args.command == "central" and _is_center_module(exc.name or ""):
            print(CENTER_MISSING, file=sys.stderr)
            return 2
        raise


def _is_center_module(name: str) -> bool:
    """A package of the `central` extra, or a module of the center a frozen build leaves out."""
    return name.split(".")[0] in CENTER_PACKAGES or name.startswith("softphone.central.")


def _store_credentials(args: argparse.Namespace) -> int:
    secret = sys.stdin.readline().rstrip("\r\n")
    if not secret:
        print("softphone: no password on stdin", file=sys.stderr)
        return 2
    store_secret(args.creds_profile, args.purpose, secret)
    print(f"stored the {args.purpose} password for {args.creds_profile}", file=sys.stderr)
    return 0


def _agent(args: argparse.Namespace) -> int:
    if not args.headless:
        args.profile = args.agent_profile
        return _gui(args)
    from softphone.agent.headless import run_headless
    from softphone.agent.session import AgentSession
    from softphone.journal.store import JournalError
    from softphone.sip.engine import EngineError

    profile = load_profile(args.agent_profile)
    setup_logging(args.log_level, profile.data_dir / "agent.log")
    password = load_secret(profile.folder, "sip")
    if password is None and profile.settings.sip.server:
        log.warning(
            "no SIP password in the keyring: `softphone credentials set --profile %s`",
            profile.folder,
        )
    try:
        return run_headless(AgentSession(profile, password or ""))
    except (EngineError, JournalError) as exc:
        print(json.dumps({"event": "error", "message": str(exc)}), flush=True)
        print(f"softphone: {exc}", file=sys.stderr)
        return 1


def _gui(args: argparse.Namespace, links: Sequence[str] = ()) -> int:
    """The window; a link goes to the app already running for the profile, if one is (it comes
    forward and this start exits 0), else to the window this start opens."""
    from softphone.config import default_profile_folder
    from softphone.gui.single_instance import hand_over_to_running

    # First, and with nothing else loaded: a second start is over in a moment.
    if hand_over_to_running(args.profile or default_profile_folder(), list(links)):
        return 0
    from softphone.gui.app import run_app

    return int(run_app(args.profile, links))
