"""The readiness screen's camera preview: what the camera sees, live, through Qt Multimedia, or a
line saying why there is no picture (no camera, no camera support in this install).

The preview opens the camera only after the camera check is done (two openers of one camera
fight over it), and lets it go when the screen closes or checks again. The picture comes into a
capture session's video sink and is drawn, scaled, into a label: no OpenGL needed (remote
desktops, old GPUs), and a grab of the window shows it. Where the picture comes from is the
session's business: a QCamera here, any other video source Qt offers in a test
(QVideoFrameInput, as this machine has no camera).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from softphone.gui.camera_probe import choose_camera, multimedia

Source = Callable[[Any], None]  # puts a video source into a QMediaCaptureSession
NO_SUPPORT = "No camera preview: this installation has no camera support."


def tr(text: str) -> str:
    return QCoreApplication.translate("CameraPreview", text)


class CameraPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("camera_preview")
        self.setAccessibleName(tr("Camera preview"))
        self.setMinimumHeight(150)  # the box keeps its size when the picture comes
        self.message = QLabel(tr("The camera is shown here after its check."), self)
        self.message.setObjectName("camera_message")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setAccessibleName(tr("Camera preview"))
        self.picture = QLabel(self)
        self.picture.setObjectName("camera_picture")
        self.picture.setAccessibleName(tr("Camera picture"))
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(240, 135)
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.picture.hide()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.message)
        box.addWidget(self.picture, 1)
        self.frames = 0  # pictures shown since the preview opened
        self._live: tuple[Any, ...] = ()  # the capture session, its sink and source, referenced

    def say(self, text: str) -> None:
        """No picture, and why."""
        self.stop()
        self.message.setText(text)
        self.message.show()

    def start(self, wanted: str) -> None:
        """Show the camera called `wanted` (part of a name; "" = the default)."""
        qt = multimedia()
        if qt is None:
            self.say(tr(NO_SUPPORT))
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
        qt = multimedia()
        if qt is None:
            self.say(tr(NO_SUPPORT))
            return
        self.stop()
        session, sink = qt.QMediaCaptureSession(), qt.QVideoSink()
        source(session)
        session.setVideoSink(sink)
        sink.videoFrameChanged.connect(self._frame)
        self._live = (session, sink, *keep)
        self.frames = 0
        self.message.setText(tr("Waiting for the camera's picture…"))
        self.message.show()

    def _frame(self, frame: Any) -> None:
        image = frame.toImage()
        if image.isNull():
            return
        self.frames += 1
        size = self.picture.size()
        self.picture.setPixmap(
            QPixmap.fromImage(image).scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
            )
        )
        if self.frames == 1:
            self.message.hide()
            self.picture.show()

    def stop(self) -> None:
        """Let the camera go (the check, another program, or nobody needs it next)."""
        if self._live:
            session, sink, *sources = self._live
            sink.videoFrameChanged.disconnect(self._frame)
            for part in sources:
                if hasattr(part, "stop"):
                    part.stop()
            session.setVideoSink(None)
        self._live = ()
        self.picture.hide()
        self.picture.clear()
