"""The inbound pop-up's latency: INVITE on the wire → pop-up painted, measured in the GUI thread,
beside our headless agent's INVITE → `incoming` event in the same run.

SIPp calls agent1 through the lab's Kamailio (which registered the agent with digest auth), one
call at a time, from a US number on a line with a skill group; the agent declines once the
pop-up is filled in, and the next call comes 0.6-1.4 s later. Both agents carry the same load:
a do-not-call list of `--size` numbers (built once and cached, `popup_load.py`) and a journal of
`--journal-calls` calls, one in ten with the caller (the pop-up's "last five" read finds
hundreds). `--cold` leaves out the app's warm start (gui.warm_start). Run:

    uv run python -m tests.bench.popup_latency [--calls 50] [--size 250000000]

Wire times come from tshark on `lo` (root or capture rights); the window's from the first
`paintEvent` of each pop-up after its `show()` (and the first paint once the caller's details
and history are in: `filled`); the headless agent's from its JSON event's `ts`. The window runs
in this process on Qt's offscreen platform unless a display is there (xvfb-run). Figures are
printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.bench.capture import Capture, Frame
from tests.bench.popup_load import CALLER, DATA, cached_list, put_journal, put_list
from tests.integration.lab.kamailio import Kamailio
from tests.integration.lab.sipp import Sipp, start_uac

USERS = {"agent1": "secret1"}
SCENARIO = "uac_line_call_declined.xml"
LINE = {"caller": CALLER, "name": "Dana Whitfield", "called": "+18005550100", "group": "Billing"}
TARGET_P95_MS = 50.0
# A busy queue offers the next call about a second after the last one ended: the gaps spread
# over 0.6-1.4 s, around the SIP thread's clean-up pass 1 s after a call (softphone.sip.engine).
GAPS = [0.6 + 0.8 * ((n * 7) % 17) / 16 for n in range(17)]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def wire_invites(frames: list[Frame], kamailio_port: int, starts: list[float]) -> list[float]:
    """For each call (SIPp started at `starts[i]`, one after another), when Kamailio's INVITE
    to the agent crossed the wire: the first one after that start (retransmissions later)."""
    invites = [f.time for f in frames if f.method == "INVITE" and f.src == kamailio_port]
    found = []
    for start in starts:
        found.append(next((t for t in invites if t >= start), float("nan")))
    return found


def load_profile_folder(folder: Path, server: str, store: Path, journal_calls: int) -> Path:
    from tests.gui.helpers import lab_profile

    folder.mkdir(parents=True)
    lab_profile(folder, server, "agent1", USERS["agent1"])
    put_list(store, folder)
    put_journal(folder, journal_calls)
    return folder


# -- the window -------------------------------------------------------------------------------


def window_phase(
    workdir: Path, kamailio: Kamailio, store: Path, calls: int, journal_calls: int, warm: bool
) -> dict[str, list[float]]:
    """The desktop app's window in this process; per call: wire start, the core's `incoming`
    event (stamped on the SIP thread), pop-up first paint, pop-up filled and painted."""
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from softphone.events import IncomingCall
    from softphone.gui import app as gui_app
    from softphone.gui import main_window
    from softphone.gui.incoming_popup import IncomingPopup
    from softphone.gui.warm_start import settle_heap, thaw_heap, warm_up_popup

    class TimedPopup(IncomingPopup):
        """The pop-up as the app makes it, stamping its first paints (GUI thread)."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self.asked_at = time.time()  # the bridge delivered `incoming` to the window
            self.shown_at = self.painted_at = self.filled_at = 0.0
            super().__init__(*args, **kwargs)

        def show(self) -> None:
            super().show()
            self.shown_at = time.time()

        def paintEvent(self, event: Any) -> None:
            now = time.time()
            if not self.painted_at:
                self.painted_at = now
            if not self.filled_at and self.history is not None:
                self.filled_at = now
            super().paintEvent(event)

    qapp = QApplication.instance() or QApplication(sys.argv[:1])

    def run_until(done: Callable[[], bool], timeout_s: float, what: str) -> None:
        """The GUI thread waits in its event loop, as in the app, until `done()`."""
        loop = QEventLoop()
        poll = QTimer()
        poll.timeout.connect(lambda: loop.quit() if done() else None)
        poll.start(5)
        deadline = time.monotonic() + timeout_s
        while not done():
            if time.monotonic() > deadline:
                raise TimeoutError(f"window: no {what} within {timeout_s} s")
            loop.exec()
        poll.stop()

    folder = load_profile_folder(
        workdir / "window-profile", kamailio.server("udp"), store, journal_calls
    )
    main_window.IncomingPopup = TimedPopup  # type: ignore[misc]
    session, window = gui_app.build_window(folder)
    # The core's `incoming`, stamped on the SIP thread as it publishes (where the headless
    # agent's JSON writer stamps its `ts`).
    heard: list[float] = []
    session.bus.subscribe(lambda e: isinstance(e, IncomingCall) and heard.append(time.time()))
    window.show()
    if warm:  # as run_app does once the window is up
        warm_up_popup()
        settle_heap()
    stamps = ("start", "incoming", "asked", "shown", "painted", "filled")
    figures: dict[str, list[float]] = {k: [] for k in stamps}
    try:
        run_until(lambda: window.registration.text().startswith("Registered"), 20, "registration")
        for n in range(calls):
            started = time.time()
            sipp = start_uac(workdir, SCENARIO, kamailio.server("udp"), "agent1", keys=LINE)
            run_until(lambda: bool(window.popups), 15, f"pop-up of call {n}")
            popup = next(iter(window.popups.values()))
            assert isinstance(popup, TimedPopup)
            run_until(lambda p=popup: bool(p.filled_at), 15, f"filled pop-up of call {n}")  # type: ignore[misc]
            figures["start"].append(started)
            figures["incoming"].append(heard[-1])
            figures["asked"].append(popup.asked_at)
            figures["shown"].append(popup.shown_at)
            figures["painted"].append(popup.painted_at)
            figures["filled"].append(popup.filled_at)
            popup.decline()
            run_until(lambda: not window.popups, 15, f"end of call {n}")
            _finish(sipp)
            pause(run_until, GAPS[n % len(GAPS)])
    finally:
        window.close()
        thaw_heap()
        session.stop()
        gui_app.delete_windows()
        qapp.processEvents()
    return figures


def pause(run_until: Callable[..., None], seconds: float) -> None:
    until = time.monotonic() + seconds
    run_until(lambda: time.monotonic() >= until, seconds + 5, "pause")


def _finish(sipp: Sipp) -> None:
    try:
        sipp.wait(timeout=20)
    finally:
        sipp.stop()


# -- the headless agent --------------------------------------------------------------------------


def headless_phase(
    workdir: Path, kamailio: Kamailio, store: Path, calls: int, journal_calls: int
) -> dict[str, list[float]]:
    """`softphone agent --headless` on a profile with the same load; per call: wire start and
    its `incoming` event's ts. It declines each call at once (603, as the window's agent)."""
    import json

    from tests.bench.clients import LineClient, _iso_to_epoch
    from tests.integration.peers.agent_process import agent_env, store_password, write_profile

    home = workdir / "headless-home"
    folder = write_profile(
        home / "profile",
        {"server": kamailio.server("udp"), "user": "agent1", "register_expires_s": 300},
    )
    put_list(store, folder)
    put_journal(folder, journal_calls)
    env = agent_env(home, {"SOFTPHONE_LOG": "WARNING"})
    store_password(folder, USERS["agent1"], env)
    client = LineClient(
        [sys.executable, "-m", "softphone", "agent", "--headless", "--profile", str(folder)],
        env=env,
    )
    figures: dict[str, list[float]] = {"start": [], "incoming": []}
    try:
        client.wait_line('"registered"', timeout=60)
        for n in range(calls):
            started = time.time()
            sipp = start_uac(workdir, SCENARIO, kamailio.server("udp"), "agent1", keys=LINE)
            event = json.loads(client.wait_line('"incoming"')[1])
            decline = {"cmd": "reject", "call": event["call"], "how": "decline"}
            client.write(json.dumps(decline) + "\n")
            figures["start"].append(started)
            figures["incoming"].append(_iso_to_epoch(event["ts"]))
            _finish(sipp)
            time.sleep(GAPS[n % len(GAPS)])  # as between the window's calls
    finally:
        client.write('{"cmd":"quit"}\n')
        client.stop()
    return figures


# -- the run ------------------------------------------------------------------------------------


def run(
    calls: int, size: int, journal_calls: int, data: Path, warm: bool = True
) -> dict[str, list[float]]:
    store = cached_list(size, data)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
        os.environ["XDG_DATA_HOME"] = str(workdir / "data")
        os.environ["XDG_CONFIG_HOME"] = str(workdir / "config")
        kamailio = Kamailio(workdir / "kamailio", USERS)
        kamailio.workdir.mkdir()
        kamailio.start()
        capture = Capture(workdir, kamailio.udp_port, kamailio.answers_options)
        try:
            window = window_phase(workdir, kamailio, store, calls, journal_calls, warm)
            headless = headless_phase(workdir, kamailio, store, calls, journal_calls)
            time.sleep(1.0)  # tshark writes a little behind the wire
            frames = capture.frames()
        finally:
            capture.stop()
            kamailio.stop()
    wire_w = wire_invites(frames, kamailio.udp_port, window["start"])
    wire_h = wire_invites(frames, kamailio.udp_port, headless["start"])

    def since(wire: list[float], at: list[float]) -> list[float]:
        return [(a - w) * 1000 for w, a in zip(wire, at, strict=True) if w == w]

    return {
        "pop-up painted": since(wire_w, window["painted"]),
        "pop-up filled in": since(wire_w, window["filled"]),
        "window's core: incoming": since(wire_w, window["incoming"]),
        "… GUI thread has it": since(wire_w, window["asked"]),
        "… pop-up shown": since(wire_w, window["shown"]),
        "headless agent: incoming": since(wire_h, headless["incoming"]),
    }


def print_table(results: dict[str, list[float]], calls: int, size: int, journal: int) -> None:
    platform = os.environ.get("QT_QPA_PLATFORM") or "display " + os.environ.get("DISPLAY", "?")
    print(f"\nInbound pop-up latency, {calls} calls from SIPp through Kamailio (digest auth), "
          f"{size:,}-number do-not-call list, journal of {journal:,} calls;"
          f" Qt: {platform}")  # fmt: skip
    print("from the INVITE on the wire (tshark on lo) to … (ms)\n")
    print(f"{'figure':<28}{'n':>5}{'p50':>10}{'p95':>10}{'max':>10}")
    for name, values in results.items():
        if values:
            print(f"{name:<28}{len(values):>5}{statistics.median(values):>10.2f}"
                  f"{percentile(values, 0.95):>10.2f}{max(values):>10.2f}")  # fmt: skip
    painted, headless = results["pop-up painted"], results["headless agent: incoming"]
    if painted and headless:
        for q, label in ((0.5, "p50"), (0.95, "p95")):
            ratio = percentile(painted, q) / percentile(headless, q)
            print(f"ratio pop-up painted / headless incoming, {label}: {ratio:.1f}×")
        verdict = "met" if percentile(painted, 0.95) <= TARGET_P95_MS else "MISSED"
        print(f"target: pop-up painted p95 ≤ {TARGET_P95_MS:.0f} ms — {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--calls", type=int, default=50)
    parser.add_argument("--size", type=int, default=250_000_000, help="do-not-call numbers")
    parser.add_argument("--journal-calls", type=int, default=30_000)
    parser.add_argument("--data", type=Path, default=DATA, help="where the built list is kept")
    parser.add_argument(
        "--cold", action="store_true", help="without the app's warm start (gui.warm_start)"
    )
    args = parser.parse_args()
    results = run(args.calls, args.size, args.journal_calls, args.data, warm=not args.cold)
    print_table(results, args.calls, args.size, args.journal_calls)


if __name__ == "__main__":
    main()
