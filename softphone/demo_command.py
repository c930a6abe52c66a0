"""`softphone demo`: the whole flow with no servers (the window, or `--headless` JSON lines),
and the demo's own child commands: `demo line` (the customer line) and `demo guard …` (a
`softphone` command that exits when the app that started it is gone: the demo center).

Top-level imports stay light (argparse only), as for every command module.
"""

from __future__ import annotations

import argparse
import os
import signal
import time
from typing import Any

GUARD_GRACE_S = 5.0  # after the parent went: time for a clean stop before a hard exit


def register(subparsers: Any) -> None:
    demo = subparsers.add_parser("demo", help="try the softphone with no servers")
    demo.add_argument("--headless", action="store_true", help="JSON lines on stdin/stdout")
    demo.add_argument("--first-call-s", type=float, default=8.0, help="the line's first call")
    demo.add_argument("--interval-s", type=float, default=120.0, help="between the line's calls")
    demo.set_defaults(run=_demo)
    parts = demo.add_subparsers(dest="demo_part")
    line = parts.add_parser("line", help="the demo customer line (the demo starts it)")
    line.add_argument("--port", type=int, required=True)
    line.add_argument("--agent", required=True, help="the agent's SIP URI")
    line.add_argument("--speech", required=True, help="WAV file the customer says")
    line.add_argument("--caller", default="+8613912345678")
    line.add_argument("--first-call-s", type=float, default=8.0, dest="line_first_call_s")
    line.add_argument("--interval-s", type=float, default=120.0, dest="line_interval_s")
    line.add_argument("--talk-s", type=float, default=40.0)
    line.add_argument("--ring-s", type=float, default=45.0, help="rings this long unanswered")
    line.add_argument("--record", default="", help=argparse.SUPPRESS)  # what the customer hears
    line.set_defaults(run=_line)
    guard = parts.add_parser("guard", help="run a softphone command until the parent goes")
    guard.add_argument("words", nargs=argparse.REMAINDER)
    guard.set_defaults(run=_guard)


def _line(args: argparse.Namespace) -> int:
    from softphone.sip.demo_line import LineOptions, run

    options = LineOptions(
        port=args.port,
        agent=args.agent,
        speech=args.speech,
        caller=args.caller,
        first_call_s=args.line_first_call_s,
        interval_s=args.line_interval_s,
        talk_s=args.talk_s,
        ring_s=args.ring_s,
        record=args.record,
    )
    return run(options)


def _guard(args: argparse.Namespace) -> int:
    """The command, in this process, ended by SIGTERM (a clean stop) once stdin closes."""
    from softphone.agent.demo.children import exit_with_parent
    from softphone.cli import main

    def parent_gone() -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(GUARD_GRACE_S)
        os._exit(0)

    exit_with_parent(parent_gone)
    return main(args.words)


def _demo(args: argparse.Namespace) -> int:
    from softphone.agent.demo.floor import Demo, LinePlan

    demo = Demo(line=LinePlan(first_call_s=args.first_call_s, interval_s=args.interval_s))
    if not args.headless:
        from softphone.gui.app import run_app

        return int(run_app(None, demo=demo))
    return _headless(demo, args.log_level)


def _headless(demo: Any, log_level: str) -> int:
    """The headless agent on the demo profile; the demo's children stop when it ends."""
    import logging

    from softphone.agent.headless import run_headless
    from softphone.agent.session import AgentSession
    from softphone.config import load_profile
    from softphone.logs import setup_logging

    log = logging.getLogger("softphone.demo")

    def center_news(state: Any) -> None:
        said = state.wallboard_url or state.problem or "the wallboard needs the central service"
        log.info("demo center: %s (%s)", state.phase, said)

    try:
        profile = load_profile(demo.prepare())
        setup_logging(log_level, profile.data_dir / "agent.log")
        demo.start_center(center_news)
        return run_headless(AgentSession(profile, ""))
    finally:
        demo.stop()
