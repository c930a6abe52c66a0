"""The agent's readiness check: the device and network checks, plus what the agent's own SIP
account says about registration, published as a `readiness` event.

The check runs on a thread of its own (it records and plays for a few seconds); `check()` returns
a Future of the report at once. Registration comes from the account's events on the bus: after
the network checks the check waits up to REGISTRATION_WAIT seconds for a first answer, so a check
run right at start-up reports the registrar's verdict rather than "no answer yet".
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future

from softphone.config import Profile
from softphone.devices.readiness.camera import CameraFinding, CameraProbe
from softphone.devices.readiness.network import RegistrationState, check_strangers
from softphone.devices.readiness.report import ReadinessReport
from softphone.devices.readiness.run import central_url, run_checks
from softphone.events import (
    CallEnded,
    CallState,
    Event,
    EventBus,
    ReadinessChecked,
    Registered,
    RegistrationFailed,
    Unregistered,
)

__all__ = ["CameraFinding", "CameraProbe", "ReadinessChecks", "ReadinessReport"]  # for the GUI

log = logging.getLogger(__name__)

REGISTRATION_WAIT = 10.0


Progress = Callable[[str, "float | None"], None]  # (check name, microphone level dBFS or None)


class ReadinessChecks:
    def __init__(self, bus: EventBus, profile: Profile) -> None:
        self.bus = bus
        self.profile = profile
        self.camera: CameraProbe | None = None  # the GUI injects its Qt Multimedia adapter
        # (count, latest source) of SIP requests refused as not from our server (the session
        # plugs the SIP engine's count in)
        self.refused_requests: Callable[[], tuple[int, str]] | None = None
        # Told which check runs and the microphone's level as it records (the window's live
        # meter); called on the check's threads: it must only hand the news over.
        self.progress: Progress | None = None
        self._registration: RegistrationState | None = None
        self._heard = threading.Event()
        self._calls: set[str] = set()  # live calls: the headset is not ours to test then
        self._running: Future[ReadinessReport] | None = None
        self._lock = threading.Lock()
        bus.subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, CallState) and event.state != "disconnected":
            self._calls.add(event.call)
        elif isinstance(event, (CallState, CallEnded)):
            self._calls.discard(event.call)
        if isinstance(event, Registered):
            self._registration = RegistrationState(True, 200, "OK")
        elif isinstance(event, RegistrationFailed):
            self._registration = RegistrationState(False, event.code, event.reason)
        elif isinstance(event, Unregistered):
            self._registration = RegistrationState(False, 0, "unregistered")
        else:
            return
        self._heard.set()

    def registration(self) -> RegistrationState:
        self._heard.wait(REGISTRATION_WAIT)
        return self._registration or RegistrationState(None)

    def check(self, publish: bool = True) -> Future[ReadinessReport]:
        """Start a check (or join the one running); the report is also published unless
        `publish` is False (the window publishes it once the agent answered its question)."""
        with self._lock:
            if self._running is not None and not self._running.done():
                return self._running
            future: Future[ReadinessReport] = Future()
            self._running = future
        thread = threading.Thread(
            target=self._run, args=(future, publish), name="readiness", daemon=True
        )
        thread.start()
        return future

    def _run(self, future: Future[ReadinessReport], publish: bool) -> None:
        try:
            report = run_checks(
                self.profile.settings,
                central_url=central_url(self.profile.folder),
                camera=self.camera,
                registration=self.registration,
                audio=not self._calls,
                progress=self.progress,
            )
            if self.refused_requests is not None:
                strangers = check_strangers(*self.refused_requests())
                report = ReadinessReport((*report.checks, strangers), report.checked_at)
        except Exception as exc:
            log.exception("readiness check failed")
            future.set_exception(exc)
            return
        if publish:
            self.publish(report)
        future.set_result(report)

    def publish(self, report: ReadinessReport) -> None:
        self.bus.publish(
            ReadinessChecked(
                overall=report.overall,
                checked_at=report.checked_at.isoformat(),
                checks=tuple(c.as_dict() for c in report.checks),
            )
        )
