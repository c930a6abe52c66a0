"""The demo floor: a profile that needs no servers, the customer line and the center beside it.

`Demo.prepare()` writes the demo profile (its SIP "server" is the customer line on loopback,
with no registration; its center is the demo center's URL, the agent's password in the
keyring), sample compliance rules (a lunch-time rest period, a daily cap) and a sample
do-not-call entry, and starts the customer line. `start_center()` brings the center up off the
caller's thread and says how it went. `stop()` stops every child the demo started.
"""

from __future__ import annotations

import logging
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from softphone.agent.demo import center as demo_center
from softphone.agent.demo.children import Child
from softphone.compliance.profile import open_blacklist
from softphone.config import SETTINGS_FILE, default_profile_folder
from softphone.secrets import SecretError, store_secret

log = logging.getLogger(__name__)

AGENT = "agent"
LINE_NUMBER = "100"  # what the agent dials to reach the customer line (an extension: no gate)
SAMPLE_BLOCKED = "+8613800138000"  # on the sample do-not-call list
SAMPLE_BLOCKED_SHOWN = "+86 138 0013 8000"  # … as the banner shows it

PROFILE = """# The demo's settings, written at every demo start (set up your own account instead).
[sip]
server = "127.0.0.1:{line_port}"   # the demo customer line on this computer
user = "{agent}"
register = false                   # the line calls straight in: no registrar
local_port = {agent_port}
transport = "udp"
{central}"""

CENTRAL = """
[central]
url = "{url}"
user = "{user}"
"""

# Sample rules: numbers typed without +country are Chinese (the seeds' market); public calls
# are allowed 08:00-12:00 and 13:30-21:00 callee time (lunch is a rest period), at most 3 a day
# to one number, and not for 30 days after the callee refused.
COMPLIANCE = """default_region = "CN"

[enterprise]
windows.all = ["08:00-12:00", "13:30-21:00"]
caps = [{ calls = 3, per = "24h" }]
cool_down_after_refusal = "30d"
"""


def demo_folder() -> Path:
    """The demo's own data, beside (never inside) the default profile."""
    return default_profile_folder().parent / "demo"


def demo_wanted(profile: Path | None) -> bool:
    """The app starts the demo when no profile is named and the default one was never set up."""
    return profile is None and not (default_profile_folder() / SETTINGS_FILE).exists()


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[3] / "resources"


@dataclass(frozen=True)
class DemoState:
    """What the window says about the demo. `phase`: starting | ready | phone_only | failed."""

    phase: str
    wallboard_url: str = ""
    supervisor: str = demo_center.SUPERVISOR_USER
    supervisor_password: str = ""
    problem: str = ""


@dataclass(frozen=True)
class LinePlan:
    first_call_s: float = 8.0
    interval_s: float = 120.0
    talk_s: float = 40.0
    record: str = ""  # the line records what the customer hears (tests)


class Demo:
    def __init__(
        self,
        folder: Path | None = None,
        line: LinePlan = LinePlan(),
        with_center: bool | None = None,
    ) -> None:
        self.folder = folder or demo_folder()
        self.line_plan = line
        self.with_center = demo_center.installed() if with_center is None else with_center
        self.plan = demo_center.plan_center(self.folder / "center") if self.with_center else None
        self.center: demo_center.DemoCenter | None = None
        self.line: Child | None = None
        self.line_reports: list[dict[str, object]] = []
        self.state = DemoState("starting" if self.with_center else "phone_only")

    @property
    def profile_folder(self) -> Path:
        return self.folder / "profile"

    def prepare(self) -> Path:
        """Write the demo profile and start the customer line; the profile folder back."""
        line_port = demo_center.free_port(socket.SOCK_DGRAM)
        agent_port = demo_center.free_port(socket.SOCK_DGRAM)
        self.write_profile(line_port, agent_port)
        self._start_line(line_port, agent_port)
        return self.profile_folder

    def write_profile(self, line_port: int, agent_port: int) -> None:
        """The demo profile: settings, sample compliance rules, the sample do-not-call entry."""
        folder = self.profile_folder
        folder.mkdir(parents=True, exist_ok=True)
        central = ""
        if self.plan is not None:
            try:
                store_secret(folder, "central", self.plan.agent_password)
                central = CENTRAL.format(url=self.plan.url, user=demo_center.AGENT_USER)
            except SecretError as exc:  # no keyring here: no sync, the rest runs
                log.warning("demo: the agent will not sync to the demo center: %s", exc)
        text = PROFILE.format(
            line_port=line_port, agent=AGENT, agent_port=agent_port, central=central
        )
        (folder / SETTINGS_FILE).write_text(text, encoding="utf-8")
        (folder / "compliance.toml").write_text(COMPLIANCE, encoding="utf-8")
        store = open_blacklist(folder)
        if not store.contains(SAMPLE_BLOCKED):
            store.do_not_call(SAMPLE_BLOCKED, "demo: asked not to be called again", "demo")

    def _start_line(self, line_port: int, agent_port: int) -> None:
        plan = self.line_plan
        args = [
            *("demo", "line", "--port", str(line_port)),
            *("--agent", f"sip:{AGENT}@127.0.0.1:{agent_port}"),
            *("--speech", str(resources_dir() / "demo" / "customer.wav")),
            *("--first-call-s", str(plan.first_call_s), "--interval-s", str(plan.interval_s)),
            *("--talk-s", str(plan.talk_s)),
            *(("--record", plan.record) if plan.record else ()),
        ]
        self.line = Child("line", args, self.folder / "line.log", self._line_report)

    def _line_report(self, report: dict[str, object]) -> None:
        self.line_reports.append(report)
        log.info("demo line: %s", report)

    def start_center(self, on_change: Callable[[DemoState], None]) -> threading.Thread | None:
        """Bring the center up on a thread of its own; `on_change` hears the outcome there."""
        if self.plan is None:
            on_change(self.state)
            return None
        plan = self.plan

        center = demo_center.DemoCenter(plan)
        self.center = center

        def run() -> None:
            try:
                center.start()
                password = plan.supervisor_password
                state = DemoState("ready", f"{plan.url}/", supervisor_password=password)
            except (RuntimeError, OSError) as exc:
                if self.center is not center:
                    return  # the demo stopped while its center was starting: nothing failed
                log.warning("demo: the center did not start: %s", exc)
                state = replace(self.state, phase="failed", problem=str(exc))
            self.state = state
            if self.center is center:  # not stopped meanwhile: the window is still there
                on_change(state)

        thread = threading.Thread(target=run, name="demo-center", daemon=True)
        thread.start()
        return thread

    def child_pids(self) -> list[int]:
        children = [self.line, self.center.child if self.center else None]
        return [c.pid for c in children if c is not None]

    def stop(self) -> None:
        """Stop every child the demo started: all told at once, then each waited for."""
        center, self.center = self.center, None
        for child in (self.line, center):
            if child is not None:
                child.ask_to_stop()
        if self.line is not None:
            self.line.stop()
            self.line = None
        if center is not None:
            center.stop()
