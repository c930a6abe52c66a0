"""The readiness screen's camera preview: what the camera sees, live, through Qt Multimedia, or a
line saying why there is no picture (no camera, no camera support in this install).

The preview opens the camera only after the camera check is done (two openers of one camera
fight over it), and lets it go when the screen closes or checks again. The picture comes into a
capture session; where it comes from is the session's business: a QCamera here, any other video
source Qt offers in a test (QVideoFrameInput, as this machine has no camera).
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from softphone.gui.camera_probe import choose_camera, multimedia

Source = Callable[[Any], None]  # puts a video source into a QMediaCaptureSession


def tr(text: str) -> str:
    return QCoreApplication.translate("CameraPreview", text)


def multimedia_widgets() -> ModuleType | None:
    try:
        return importlib.import_module("PySide6.QtMultimediaWidgets")
    except ImportError:
        return None


class CameraPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("camera_preview")
        self.setAccessibleName(tr("Camera preview"))
        self.message = QLabel(tr("The camera is shown here after its check."), self)
        self.message.setObjectName("camera_message")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(tr("Camera preview"))
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.addWidget(self.message)
        self.video: Any = None  # a QVideoWidget once shown (Qt Multimedia is optional)
        self.frames = 0  # pictures shown since the preview opened
        self._live: tuple[Any, ...] = ()  # the capture session and its source, kept referenced

    def say(self, text: str) -> None:
        """No picture, and why."""
        self.stop()
        self.message.setText(text)
        self.message.show()

    def start(self, wanted: str) -> None:
        """Show the camera called `wanted` (part of a name; "" = the default)."""
        qt = multimedia()
        if qt is None or multimedia_widgets() is None:
            self.say(tr("No camera preview: this installation has no camera support."))
            return
        devices = list(qt.QMediaDevices.videoInputs())
        chosen = choose_camera(devices, wanted) or (
            qt.QMediaDevices.defaultVideoInput() if devices else None
        )
        if chosen is None or chosen.isNull():
            self.say(tr("No camera connected."))
            return
        camera = qt.QCamera(chosen)
        self.show_source(lambda session: session.setCamera(camera), camera)
        camera.start()

    def show_source(self, source: Source, *keep: QObject) -> None:
        """Show what `source` puts into a fresh capture session (a camera, a frame input)."""
        qt, widgets = multimedia(), multimedia_widgets()
        if qt is None or widgets is None:
            self.say(tr("No camera preview: this installation has no camera support."))
            return
        self.stop()
        if self.video is None:
            self.video = widgets.QVideoWidget(self)
            self.video.setObjectName("camera_video")
            self.video.setAccessibleName(tr("Camera picture"))
            self.video.setMinimumSize(200, 150)
            self.box.addWidget(self.video)
        session = qt.QMediaCaptureSession()
        source(session)
        session.setVideoOutput(self.video)
        self.video.videoSink().videoFrameChanged.connect(self._frame)
        self._live = (session, *keep)
        self.frames = 0
        self.message.setText(tr("Waiting for the camera's picture…"))
        self.message.show()
        self.video.show()

    def _frame(self, _frame: Any) -> None:
        self.frames += 1
        if self.frames == 1:
            self.message.hide()

    def stop(self) -> None:
        """Let the camera go (the check, another program, or nobody needs it next)."""
        if self.video is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # not connected
                self.video.videoSink().videoFrameChanged.disconnect(self._frame)
            self.video.hide()
        for part in self._live:
            if hasattr(part, "stop"):
                part.stop()
        if self._live:
            self._live[0].setVideoOutput(None)
        self._live = ()
