"""The camera with the real Qt Multimedia (PySide6-Addons): the probe the readiness check uses
and the readiness screen's preview.

This machine has no camera and cannot get one: no /dev/video*, and a virtual camera
(v4l2loopback, vivid) needs a kernel module that cannot be loaded here; Qt's FFmpeg backend
takes cameras only from V4L2 (or PipeWire, not installed). So the device list really is empty,
and for a picture the preview is fed by Qt's own QVideoFrameInput — a real video source of the
capture session, standing in only for the camera device itself.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QMediaDevices, QVideoFrame, QVideoFrameInput

from softphone.agent.readiness import CameraFinding
from softphone.devices.readiness.camera import judge
from softphone.gui.camera_preview import CameraPreview
from softphone.gui.camera_probe import QtCameraProbe, multimedia


def test_qt_multimedia_is_part_of_the_install() -> None:
    assert multimedia() is not None  # the camera check is no longer "not checked" for want of it


def test_the_real_probe_lists_this_machine_s_cameras(qtbot) -> None:
    probe = QtCameraProbe()
    found: list[CameraFinding] = []
    worker = threading.Thread(target=lambda: found.append(probe.probe("", 3.0)))
    worker.start()
    qtbot.waitUntil(lambda: bool(found), timeout=10000)
    worker.join()
    cameras = tuple(d.description() for d in QMediaDevices.videoInputs())
    assert found[0].supported and found[0].cameras == cameras
    if not cameras:  # here: none, and none configured — not a reason to keep an agent out
        assert judge(found[0], "").status == "skip"
        assert judge(found[0], "Logitech").status == "fail"


def test_without_a_camera_the_preview_says_so(qtbot) -> None:
    preview = CameraPreview()
    qtbot.addWidget(preview)
    if QMediaDevices.videoInputs():
        return  # a machine with a camera shows it instead
    preview.start("")
    assert preview.message.isVisibleTo(preview)
    assert preview.message.text() == "No camera connected."


def test_the_preview_shows_the_pictures_of_its_source(qtbot) -> None:
    preview = CameraPreview()
    qtbot.addWidget(preview)
    preview.show()
    source = QVideoFrameInput()
    preview.show_source(lambda session: session.setVideoFrameInput(source), source)
    assert preview.message.text() == "Waiting for the camera's picture…"
    picture = QImage(320, 240, QImage.Format.Format_RGB32)
    picture.fill(Qt.GlobalColor.darkCyan)

    def send() -> bool:
        source.sendVideoFrame(QVideoFrame(picture))
        return preview.frames > 0

    qtbot.waitUntil(send, timeout=5000)
    assert not preview.message.isVisible() and preview.picture.isVisible()
    assert not preview.picture.pixmap().isNull()
    preview.stop()  # the source is let go: no more pictures counted
    seen = preview.frames
    source.sendVideoFrame(QVideoFrame(picture))
    qtbot.wait(100)
    assert preview.frames == seen and not preview.picture.isVisible()
