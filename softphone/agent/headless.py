"""The headless agent: the automation contract on stdin/stdout (README, "Headless agent").

One JSON object per line in (commands), one JSON object per line out (events), each out-line
with `"event"` and `"ts"` (ISO 8601, UTC). Nothing else is written to stdout; logs go to stderr.
A line that is not JSON (or not UTF-8, or over a MiB), or a command that cannot be done, gets an
`error` event and the agent keeps running. `quit`, end of input or SIGTERM hang up, unregister
and exit 0 (or exit 3, naming what is stuck, when quitting takes over 15 s: `watchdog`).
"""

from __future__ import annotations

import gc
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from softphone import __version__
from softphone.agent.session import AgentSession
from softphone.agent.status_commands import STATUS_COMMANDS
from softphone.agent.stdio import CommandLines, EndOfInput, EventLines, LineProblem, event_line
from softphone.agent.watchdog import ShutdownWatchdog
from softphone.events import ErrorEvent, Event, event_fields

log = logging.getLogger(__name__)

_QUIT_CHECK_S = 0.2
Handler = Callable[[AgentSession, dict[str, Any]], "Future[Any] | None"]


class Quit(Exception):
    """The agent was asked to stop."""


def _text(msg: dict[str, Any], key: str) -> str:
    value = msg.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"'{key}' must be a non-empty string")
    return value


def _call(msg: dict[str, Any]) -> str | None:
    value = msg.get("call")
    if value is not None and not isinstance(value, str):
        raise ValueError("'call' must be a string")
    return value


def _flag(msg: dict[str, Any], key: str) -> bool:
    value = msg.get(key)
    if not isinstance(value, bool):
        raise ValueError(f"'{key}' must be true or false")
    return value


def _quit(session: AgentSession, msg: dict[str, Any]) -> None:
    raise Quit


def _levels(session: AgentSession, msg: dict[str, Any]) -> None:
    session.levels()


def _do_not_call(session: AgentSession, msg: dict[str, Any]) -> None:
    session.do_not_call(_text(msg, "number"), _text(msg, "reason"))


COMMANDS: dict[str, Handler] = {
    "dial": lambda s, m: s.dial(_text(m, "number")),
    "answer": lambda s, m: s.answer(_call(m)),
    "reject": lambda s, m: s.reject(_call(m), str(m.get("how", "busy"))),
    "hangup": lambda s, m: s.hangup(_call(m)),
    "hold": lambda s, m: s.hold(_call(m)),
    "resume": lambda s, m: s.resume(_call(m)),
    "mute": lambda s, m: s.mute(True, _call(m)),
    "unmute": lambda s, m: s.mute(False, _call(m)),
    "dtmf": lambda s, m: s.dtmf(_text(m, "digits"), _call(m)),
    "transfer": lambda s, m: s.transfer(_text(m, "to"), _call(m)),
    "attended_transfer": lambda s, m: s.attended_transfer(_text(m, "call"), _text(m, "to_call")),
    "record": lambda s, m: s.record(_flag(m, "on"), _call(m)),
    "levels": _levels,
    "check": lambda s, m: s.check_readiness(),
    "do_not_call": _do_not_call,
    "quit": _quit,
    **STATUS_COMMANDS,
}


class EventWriter:
    """Events as JSON lines; called from any thread (the SIP thread too), never blocks it."""

    def __init__(self, out_fd: int) -> None:
        self.lines = EventLines(out_fd)

    def __call__(self, event: Event) -> None:
        self.write(event.kind, event_fields(event))

    def write(self, kind: str, fields: dict[str, Any]) -> None:
        fields.pop("sip_trace", None)  # kept for the journal; too long for the control channel
        self.lines.put(event_line(kind, fields))

    def open(self, kind: str, fields: dict[str, Any]) -> None:
        """Write the first line, then everything held back until now."""
        self.lines.open(event_line(kind, fields))


class HeadlessAgent:
    def __init__(self, session: AgentSession, out_fd: int) -> None:
        self.session = session
        self.writer = EventWriter(out_fd)
        session.bus.subscribe(self.writer)

    def handle_line(self, line: str) -> None:
        """Run one command line; raises Quit when the agent should stop."""
        if not line.strip():
            return
        cmd = ""
        try:
            msg = json.loads(line)
            if not isinstance(msg, dict):
                raise ValueError("a command must be a JSON object")
            cmd = str(msg.get("cmd", ""))
            handler = COMMANDS.get(cmd)
            if handler is None:
                raise ValueError(f"unknown command {cmd!r}" if cmd else "missing 'cmd'")
            result = handler(self.session, msg)
        except Quit:
            raise
        except json.JSONDecodeError as exc:
            self._error(f"not JSON: {exc.msg} at column {exc.colno}", cmd)
            return
        except Exception as exc:
            self._error(str(exc), cmd)
            return
        if result is not None:
            result.add_done_callback(lambda done: self._report_failure(done, cmd))

    def _report_failure(self, done: Future[Any], cmd: str) -> None:
        exc = done.exception()
        if exc is not None:
            self._error(str(exc), cmd)

    def _error(self, message: str, cmd: str) -> None:
        self.session.bus.publish(ErrorEvent(message=message, cmd=cmd))

    def run(self, commands: CommandLines, quitting: threading.Event) -> int:
        self.writer.open(
            "ready",
            {
                "version": __version__,
                "sip_port": self.session.sip_port,
                "listen_ports": self.session.listen_ports,
            },
        )
        try:
            while not quitting.is_set():
                line = commands.next(_QUIT_CHECK_S)
                if isinstance(line, EndOfInput):
                    break
                if isinstance(line, LineProblem):
                    self._error(line.message, "")
                elif line is not None:
                    self.handle_line(line)
        except (Quit, KeyboardInterrupt):
            pass
        return 0


def _control_channel() -> int:
    """Our own copy of stdout for events; fd 1 itself then goes to stderr, so that nothing a C
    library prints (pjlib does, before its log settings apply) can corrupt the JSON stream."""
    sys.stdout.flush()
    channel = os.dup(1)
    os.dup2(2, 1)
    return channel


def run_headless(session: AgentSession) -> int:
    """Run the agent on this process's stdin/stdout until quit, EOF or SIGTERM.

    SIGTERM only sets a flag that the command loop looks at a few times a second: the kernel may
    hand the signal to any thread, and a main thread blocked reading stdin would never notice
    (a registered agent once ran on 20 s after SIGTERM). Quitting is bounded by the watchdog.
    """
    agent = HeadlessAgent(session, _control_channel())
    quitting = threading.Event()
    signal.signal(signal.SIGTERM, lambda signum, frame: quitting.set())
    commands = CommandLines(sys.stdin.fileno())
    # What start-up made lives as long as the agent: keep it out of the full collection the SIP
    # thread runs after each call, which otherwise held the GIL long enough to delay the next
    # INVITE (as the window does: softphone.gui.warm_start). Given back before the session stops.
    # The one full pass comes before the session starts: run while the first REGISTER was
    # answered, it held the GIL ~50 ms and the agent reported "registered" that much late.
    gc.collect()
    gc.freeze()
    session.start()
    gc.freeze()  # and what the session made as it started, with no second full pass
    try:
        commands.start()
        return agent.run(commands, quitting)
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        gc.unfreeze()
        with ShutdownWatchdog():
            session.stop()
            agent.writer.lines.close()
