"""The GUI's camera adapter: the readiness check's worker thread asks, the GUI thread answers.

No camera (and no Qt Multimedia) exists on the test machines, so the Qt Multimedia classes are
stood in for by small QObject fakes with the same signals; the thread hand-over, the timeout and
the verdicts are real.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QObject, QSize, QTimer, Signal

from softphone.agent.readiness import CameraFinding
from softphone.devices.readiness.camera import check_camera
from softphone.gui import camera_probe
from softphone.gui.camera_probe import NO_MULTIMEDIA, QtCameraProbe


class FakeDevice:
    def __init__(self, name: str) -> None:
        self.name = name

    def description(self) -> str:
        return self.name

    def isNull(self) -> bool:
        return False


class FakeFrame:
    def size(self) -> QSize:
        return QSize(1280, 720)


class FakeSink(QObject):
    videoFrameChanged = Signal(object)


class FakeSession:
    def setCamera(self, camera: FakeCamera) -> None:
        self.camera = camera

    def setVideoSink(self, sink: FakeSink) -> None:
        self.camera.sink = sink


class FakeCamera(QObject):
    activeChanged = Signal(bool)
    errorOccurred = Signal(int, str)
    behaviour = "frame"  # "frame" | "busy" | "dark"

    def __init__(self, device: FakeDevice) -> None:
        super().__init__()
        self.sink: FakeSink | None = None

    def start(self) -> None:
        def later() -> None:
            if FakeCamera.behaviour == "busy":
                self.errorOccurred.emit(1, "device busy")
                return
            self.activeChanged.emit(True)
            if FakeCamera.behaviour == "frame" and self.sink is not None:
                self.sink.videoFrameChanged.emit(FakeFrame())

        QTimer.singleShot(50, later)

    def stop(self) -> None:
        pass


def fake_multimedia(cameras: list[str]) -> SimpleNamespace:
    devices = [FakeDevice(n) for n in cameras]
    return SimpleNamespace(
        QMediaDevices=SimpleNamespace(
            videoInputs=lambda: devices, defaultVideoInput=lambda: devices[0]
        ),
        QCamera=FakeCamera,
        QMediaCaptureSession=FakeSession,
        QVideoSink=FakeSink,
    )


def probe_from_worker(qtbot, probe: QtCameraProbe, wanted: str, timeout: float) -> CameraFinding:
    """Call probe() on a worker thread (as the readiness check does) while Qt's loop runs."""
    found: list[CameraFinding] = []
    worker = threading.Thread(target=lambda: found.append(probe.probe(wanted, timeout)))
    worker.start()
    qtbot.waitUntil(lambda: bool(found), timeout=int(timeout * 1000) + 4000)
    worker.join()
    return found[0]


@pytest.fixture
def with_cameras(monkeypatch) -> Callable[[list[str], str], None]:
    def install(cameras: list[str], behaviour: str = "frame") -> None:
        monkeypatch.setattr(camera_probe, "multimedia", lambda: fake_multimedia(cameras))
        monkeypatch.setattr(FakeCamera, "behaviour", behaviour)

    return install


def test_without_qt_multimedia_the_camera_is_not_checked(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(camera_probe, "multimedia", lambda: None)
    found = QtCameraProbe().probe("", 1.0)
    assert found == CameraFinding(supported=False, error=NO_MULTIMEDIA)
    assert check_camera(QtCameraProbe(), "").status == "skip"


def test_a_working_camera_delivers_its_frame_size(qtbot, with_cameras: Any) -> None:
    with_cameras(["Integrated Webcam", "Logitech C920"])
    found = probe_from_worker(qtbot, QtCameraProbe(), "logitech", 3.0)
    assert found.device == "Logitech C920" and found.opened
    assert found.frame_size == (1280, 720)
    assert check_camera(_Fixed(found), "logitech").status == "pass"


def test_no_camera_fails_only_where_one_is_configured(qtbot, with_cameras: Any) -> None:
    with_cameras([])
    found = probe_from_worker(qtbot, QtCameraProbe(), "", 1.0)
    assert found.supported and found.cameras == ()
    # A voice desk without a camera is not "not ready"; a configured camera that is missing is.
    assert check_camera(_Fixed(found), "").status == "skip"
    assert check_camera(_Fixed(found), "Logitech").summary == "No camera found"


def test_a_busy_camera_reports_the_error(qtbot, with_cameras: Any) -> None:
    with_cameras(["Integrated Webcam"], "busy")
    found = probe_from_worker(qtbot, QtCameraProbe(), "", 3.0)
    assert not found.opened and found.error == "device busy"
    assert check_camera(_Fixed(found), "").status == "fail"


def test_a_dark_camera_times_out_without_hanging(qtbot, with_cameras: Any) -> None:
    with_cameras(["Integrated Webcam"], "dark")
    found = probe_from_worker(qtbot, QtCameraProbe(), "", 0.5)
    assert found.opened and found.frame_size is None
    assert found.error == "no picture in time"
    assert "shutter" in check_camera(_Fixed(found), "").fix


def test_asking_on_the_gui_thread_does_not_freeze_the_window(qtbot, with_cameras: Any) -> None:
    with_cameras(["Integrated Webcam"])
    found = QtCameraProbe().probe("", 5.0)  # would deadlock if it waited for itself
    assert not found.supported


class _Fixed:
    def __init__(self, finding: CameraFinding) -> None:
        self.finding = finding

    def probe(self, wanted: str, timeout_s: float) -> CameraFinding:
        return self.finding
