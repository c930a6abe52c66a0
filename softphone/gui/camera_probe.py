"""The camera adapter the GUI injects into the readiness check: Qt Multimedia finds the camera,
opens it and waits for one frame.

The readiness check runs on a worker thread, but Qt's camera objects must live on the GUI
thread (they need its event loop), so `probe()` hands the work to a QObject on the GUI thread
through a queued signal and waits for the answer with a timeout. Qt Multimedia ships in
PySide6-Addons (a dependency since issue 15); an install without it still runs: the finding
says so and the camera counts as "not checked", never as a failure.
"""

from __future__ import annotations

import importlib
import logging
import threading
from types import ModuleType
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from softphone.agent.readiness import CameraFinding

log = logging.getLogger(__name__)

NO_MULTIMEDIA = "Qt Multimedia is not installed (PySide6-Addons)"


def multimedia() -> ModuleType | None:
    try:
        return importlib.import_module("PySide6.QtMultimedia")
    except ImportError:
        return None


class QtCameraProbe(QObject):
    """Create it on the GUI thread; call `probe` from any other thread."""

    _asked = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._asked.connect(self._start)
        self._live: list[Any] = []  # the Qt objects of a running probe, kept referenced

    def probe(self, wanted: str, timeout_s: float) -> CameraFinding:
        qt = multimedia()
        if qt is None:
            return CameraFinding(supported=False, error=NO_MULTIMEDIA)
        if QThread.currentThread() is self.thread():  # waiting here would freeze the window
            return CameraFinding(supported=False, error="asked on the GUI thread")
        job = _Job(wanted, timeout_s)
        self._asked.emit(job)
        if not job.done.wait(timeout_s + 2.0):
            return CameraFinding(True, job.cameras, job.device, job.opened, None, "no answer")
        return job.finding()

    @Slot(object)
    def _start(self, job: _Job) -> None:
        """On the GUI thread: open the camera, wait for a frame or the timeout."""
        qt = multimedia()
        try:
            if qt is None:
                raise RuntimeError(NO_MULTIMEDIA)
            self._open(qt, job)
        except Exception as exc:
            log.warning("camera probe failed: %s", exc)
            job.error = job.error or str(exc)
            job.done.set()

    def _open(self, qt: ModuleType, job: _Job) -> None:
        devices = list(qt.QMediaDevices.videoInputs())
        job.cameras = tuple(str(d.description()) for d in devices)
        chosen = choose_camera(devices, job.wanted) or (
            qt.QMediaDevices.defaultVideoInput() if devices else None
        )
        if chosen is None or chosen.isNull():
            job.done.set()
            return
        job.device = str(chosen.description())
        camera, session, sink = qt.QCamera(chosen), qt.QMediaCaptureSession(), qt.QVideoSink()
        session.setCamera(camera)
        session.setVideoSink(sink)
        timer = QTimer()
        timer.setSingleShot(True)
        parts = (camera, session, sink, timer)
        self._live.append(parts)

        def finish(error: str = "") -> None:
            if job.done.is_set():
                return
            job.error = job.error or error
            timer.stop()
            camera.stop()
            if parts in self._live:
                self._live.remove(parts)
            job.done.set()

        def on_frame(frame: Any) -> None:
            size = frame.size()
            job.frame_size = (int(size.width()), int(size.height()))
            finish()

        camera.activeChanged.connect(lambda active: setattr(job, "opened", job.opened or active))
        camera.errorOccurred.connect(lambda _code, text: finish(str(text) or "camera error"))
        sink.videoFrameChanged.connect(on_frame)
        timer.timeout.connect(lambda: finish("no picture in time"))
        timer.start(int(job.timeout_s * 1000))
        camera.start()


def choose_camera(devices: list[Any], wanted: str) -> Any:
    """The camera called `wanted` (exactly, then part of a name); None for "" or no match."""
    if not wanted:
        return None
    exact = [d for d in devices if str(d.description()) == wanted]
    part = [d for d in devices if wanted.casefold() in str(d.description()).casefold()]
    return (exact or part or [None])[0]


class _Job:
    """One probe's request and what the GUI thread found; `done` is set when it is complete."""

    def __init__(self, wanted: str, timeout_s: float) -> None:
        self.wanted = wanted
        self.timeout_s = timeout_s
        self.done = threading.Event()
        self.cameras: tuple[str, ...] = ()
        self.device = ""
        self.opened = False
        self.frame_size: tuple[int, int] | None = None
        self.error = ""

    def finding(self) -> CameraFinding:
        opened = self.opened or self.frame_size is not None
        return CameraFinding(True, self.cameras, self.device, opened, self.frame_size, self.error)
