"""Start-up and idle cost of the desktop app, beside Debian's linphone-desktop, in one run.

    uv run python -m tests.bench.desktop [--rounds 3] [--idle-seconds 60] [--frozen dist/softphone]

Both apps start cold under one private Xvfb, registered at the same Kamailio (digest auth, UDP,
loopback), each with a private PulseAudio server's null sinks as its sound card. The figures are
explained in tests/bench/README.md ("Start-up and idle cost of the window"). Needs root (or
capture rights) for tshark on `lo`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.bench.capture import Capture, Frame
from tests.bench.idle import _TICKS
from tests.e2e.frozen import keyring_env
from tests.integration.lab.kamailio import Kamailio
from tests.integration.lab.tools import require_tool, stop_process_group
from tests.integration.peers.agent_process import agent_env, store_password, write_profile
from tests.integration.peers.pulse import PulseServer

USERS = {"agent1": "secret-agent1", "linph1": "secret-linph1"}
OURS = "ours (softphone window)"
PEER = "linphone-desktop"
# -noreset: by default Xvfb resets when its last client leaves, refusing the next one meanwhile.
XVFB_OPTIONS = ("-nolisten", "tcp", "-noreset")
SCREEN = ("-screen", "0", "1280x800x24")
WINDOW_WAIT_S = 90.0  # a fresh checkout's first start compiles every module first
TARGETS = {"registered_ms": 1500.0, "idle_rss_mb": 90.0, "idle_cpu_pct": 0.5}


@dataclass
class Round:
    started: float
    window: float | None = None


class Xvfb:
    """One private X server for the whole run (the display both apps open their windows on)."""

    def __init__(self) -> None:
        # -displayfd: Xvfb picks a free display itself and writes its number to the pipe (a
        # guessed number can be taken, or blocked by a stale lock file of a killed server).
        chosen, told = os.pipe()
        self.proc = subprocess.Popen(
            [require_tool("Xvfb"), "-displayfd", str(told), *SCREEN, *XVFB_OPTIONS],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            pass_fds=(told,),
        )
        os.close(told)
        with os.fdopen(chosen) as answer:
            number = answer.readline().strip()
        if not number.isdigit():
            raise RuntimeError("Xvfb did not start (no display number)")
        self.display = f":{number}"
        deadline = time.monotonic() + 10
        while not self._answers():
            if time.monotonic() > deadline:
                raise RuntimeError(f"Xvfb did not start on {self.display}")
            time.sleep(0.05)

    def _answers(self) -> bool:
        done = subprocess.run(
            ["xdpyinfo", "-display", self.display], capture_output=True, check=False
        )
        return done.returncode == 0

    def visible_window(self, name: str) -> bool:
        """A mapped window whose title matches `name` (linphone's pid is not the one we start:
        dbus-run-session is; one app runs at a time, so the title is enough)."""
        done = subprocess.run(
            [require_tool("xdotool"), "search", "--onlyvisible", "--name", name],
            capture_output=True,
            text=True,
            env={**os.environ, "DISPLAY": self.display},
            check=False,
        )
        return bool(done.stdout.strip())

    def stop(self) -> None:
        stop_process_group(self.proc)  # type: ignore[arg-type]


def tree_of(pid: int) -> list[int]:
    """The process and every descendant (linphone-desktop is one process; ours may fork helpers)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def tree_cpu_seconds(pid: int) -> float:
    total = 0.0
    for member in tree_of(pid):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / _TICKS
    return total


def tree_rss_mb(pid: int) -> float:
    total = 0.0
    for member in tree_of(pid):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
    return total


class App:
    """One desktop client: how to start it cold, and the window title it shows."""

    name = ""
    user = ""
    window_name = ""

    def __init__(self, workdir: Path, kamailio: Kamailio, pulse: PulseServer, xvfb: Xvfb) -> None:
        self.workdir = workdir
        self.kamailio = kamailio
        # xcb, whatever the caller's environment says: the whole suite sets offscreen for its GUI
        # tests (tests/gui/conftest.py), which would leave both apps without a window to find.
        self.env = {**pulse.child_env, "DISPLAY": xvfb.display, "QT_QPA_PLATFORM": "xcb"}
        self.xvfb = xvfb
        self.proc: subprocess.Popen[bytes] | None = None
        self.home: Path | None = None

    def prepare(self, home: Path) -> list[str]:
        raise NotImplementedError

    def start(self, n: int) -> Round:
        home = self.workdir / f"{self.user}-{'warm-up' if n < 0 else n}"
        self.home = home
        args = self.prepare(home)
        deadline = time.monotonic() + 15
        while self.xvfb.visible_window(self.window_name) and time.monotonic() < deadline:
            time.sleep(0.1)  # the last round's window is still going away
        log = open(home / "stderr.log", "wb")  # noqa: SIM115 - closed with the process
        started = time.time()
        self.proc = subprocess.Popen(
            args, env=self.env_for(home), stdout=log, stderr=log, start_new_session=True
        )
        mark = Round(started)
        deadline = time.monotonic() + WINDOW_WAIT_S
        while mark.window is None and time.monotonic() < deadline:
            if self.xvfb.visible_window(self.window_name):
                mark.window = time.time()
            else:
                time.sleep(0.01)
        return mark

    def env_for(self, home: Path) -> dict[str, str]:
        return {**os.environ, **self.env}

    def log_tail(self, chars: int = 1500) -> str:
        """The end of the last start's stderr (where a start that went wrong says why)."""
        if self.home is None:
            return ""
        with contextlib.suppress(OSError):
            return (self.home / "stderr.log").read_text(errors="replace")[-chars:]
        return ""

    def stop(self) -> None:
        if self.proc is not None:
            stop_process_group(self.proc)


class OurWindow(App):
    name = OURS
    user = "agent1"
    window_name = "Softphone"
    frozen: Path | None = None  # the built app (build.spec) instead of this checkout

    def env_for(self, home: Path) -> dict[str, str]:
        if self.frozen is not None:  # no keyrings.alt inside: keyring's own config file instead
            return {**keyring_env(home), **self.env}
        env = agent_env(home, self.env)
        # An installed app starts from compiled bytecode (the frozen build's archive); a checkout
        # must be allowed to write its .pyc once (the warm-up round) instead of compiling the
        # whole package at every start, as PYTHONDONTWRITEBYTECODE=1 would make it.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        return env

    def prepare(self, home: Path) -> list[str]:
        profile = write_profile(
            home / "profile",
            {
                "server": self.kamailio.server(),
                "user": self.user,
                "domain": "127.0.0.1",
                "transport": "udp",
            },
            {"input": "agent_mic", "output": "agent_speaker", "ring": "agent_ring"},
        )
        store_password(profile, USERS[self.user], self.env_for(home))
        if self.frozen is not None:
            return [str(self.frozen / "softphone"), "agent", "--profile", str(profile)]
        return [sys.executable, "-m", "softphone", "agent", "--profile", str(profile)]


LINPHONERC = """[sip]
sip_port=-1
sip_tcp_port=-1
default_proxy=0

[proxy_0]
reg_proxy=<sip:{server};transport=udp>
reg_identity=sip:{user}@127.0.0.1
reg_expires=3600
reg_sendregister=1
publish=0

[auth_info_0]
username={user}
passwd={password}
domain=127.0.0.1

[sound]
playback_dev_id=PulseAudio Unknown: agent_speaker
capture_dev_id=PulseAudio Unknown: agent_mic.monitor

[ui]
exit_on_close=1
"""


class Linphone(App):
    name = PEER
    user = "linph1"
    window_name = "Linphone"

    def prepare(self, home: Path) -> list[str]:
        home.mkdir(parents=True, exist_ok=True)
        rc = home / "linphonerc"
        rc.write_text(
            LINPHONERC.format(
                server=self.kamailio.server(), user=self.user, password=USERS[self.user]
            )
        )
        linphone = require_tool("linphone")
        return [require_tool("dbus-run-session"), "--", linphone, "--config", str(rc)]

    def env_for(self, home: Path) -> dict[str, str]:
        return {
            **os.environ,
            **self.env,
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_RUNTIME_DIR": str(home),
        }


def registered_at(frames: list[Frame], user: str, after: float) -> float | None:
    """Kamailio's 200 OK to `user`'s REGISTER: the moment the registrar accepted it."""
    for frame in frames:
        if frame.time >= after and frame.status == "200" and frame.to_user == user:
            return frame.time
    return None


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@contextlib.contextmanager
def lab(workdir: Path) -> Iterator[tuple[Kamailio, PulseServer, Xvfb, Capture]]:
    kamailio = Kamailio(workdir / "kamailio", USERS)
    kamailio.workdir.mkdir()
    kamailio.start()
    pulse = PulseServer(workdir / "pulse")
    pulse.start()
    xvfb = Xvfb()
    capture = Capture(workdir, kamailio.udp_port, kamailio.answers_options)
    try:
        yield kamailio, pulse, xvfb, capture
    finally:
        capture.stop()
        xvfb.stop()
        pulse.stop()
        kamailio.stop()


def measure(app: App, rounds: int, idle_s: float, capture: Capture) -> dict[str, float]:
    """Medians over `rounds` starts, after one unmeasured warm-up start (page cache, .pyc)."""
    app.start(-1)  # returns once its window shows: a fresh checkout compiles its bytecode here
    time.sleep(3.0)
    app.stop()
    marks: list[Round] = []
    rss = cpu = float("nan")
    for n in range(rounds):
        mark = counted_start(app, n, capture)
        marks.append(mark)
        if n == rounds - 1 and app.proc is not None:
            time.sleep(5.0)  # settle: first paint, timers, the registration's refresh set-up
            pid = app.proc.pid
            before = tree_cpu_seconds(pid)
            time.sleep(idle_s)
            cpu = 100.0 * (tree_cpu_seconds(pid) - before) / idle_s
            rss = tree_rss_mb(pid)
        app.stop()
        time.sleep(0.5)
    frames = capture.frames()
    window = [1000 * (m.window - m.started) for m in marks if m.window is not None]
    registered = [
        1000 * (at - m.started)
        for m in marks
        if (at := registered_at(frames, app.user, m.started)) is not None
    ]
    return {
        "window_ms": percentile(window, 0.5) if window else float("nan"),
        "registered_ms": percentile(registered, 0.5) if registered else float("nan"),
        "idle_rss_mb": rss,
        "idle_cpu_pct": cpu,
    }


def counted_start(app: App, n: int, capture: Capture) -> Round:
    """A start with its window and its registration seen; a start that loses either is said
    (with what the registrar answered and the app's log) and tried once more: a lost start is
    not a figure, and a benchmark that fails twice says why."""
    for attempt in (n, n + 1000):
        mark = app.start(attempt)
        if mark.window is None:
            trouble = f"no window within {WINDOW_WAIT_S:.0f} s"
        elif not registered_within(capture, app.user, mark.started, 30.0):
            answers = [
                f"{f.method or f.status}"
                for f in capture.frames()
                if f.time >= mark.started and app.user in (f.from_user, f.to_user)
            ]
            trouble = f"no 200 OK to its REGISTER within 30 s (seen: {answers})"
        else:
            return mark
        log = app.log_tail()
        print(f"{app.name}: {trouble}; starting again\n{log}", file=sys.stderr)
        app.stop()
    return mark


def registered_within(capture: Capture, user: str, since: float, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while registered_at(capture.frames(), user, since) is None:
        if time.monotonic() > deadline:
            return False
    return True


def print_table(results: dict[str, dict[str, float]], rounds: int) -> None:
    print(f"start-up (median of {rounds} cold starts) and idle cost, one run")
    print(f"{'figure':<16}{OURS:>26}{PEER:>20}{'ratio':>8}{'target':>10}")
    for row in ("window_ms", "registered_ms", "idle_rss_mb", "idle_cpu_pct"):
        ours, peer = results[OURS][row], results[PEER][row]
        ratio = ours / peer if peer else float("nan")
        target = f"≤ {TARGETS[row]:g}" if row in TARGETS else ""
        print(f"{row:<16}{ours:>26.1f}{peer:>20.1f}{ratio:>7.2f}×{target:>10}")


def run(rounds: int, idle_s: float, frozen: Path | None = None) -> dict[str, dict[str, float]]:
    for tool in ("kamailio", "tshark", "Xvfb", "xdotool", "linphone", "dbus-run-session"):
        require_tool(tool)
    results: dict[str, dict[str, float]] = {}
    keep = os.environ.get("DESKTOP_BENCH_KEEP")  # a folder to keep the apps' logs in
    with (
        contextlib.nullcontext(keep) if keep else tempfile.TemporaryDirectory() as tmp,
        lab(Path(tmp)) as (kamailio, pulse, xvfb, capture),
    ):
        for cls in (OurWindow, Linphone):
            app = cls(Path(tmp), kamailio, pulse, xvfb)
            if isinstance(app, OurWindow):
                app.frozen = frozen
            results[app.name] = measure(app, rounds, idle_s, capture)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--idle-seconds", type=float, default=60.0)
    parser.add_argument("--frozen", type=Path, help="measure the built app in this folder")
    args = parser.parse_args()
    print_table(run(args.rounds, args.idle_seconds, args.frozen), args.rounds)
    if args.frozen is not None:
        print(f"ours: the built app in {args.frozen}")


if __name__ == "__main__":
    main()
