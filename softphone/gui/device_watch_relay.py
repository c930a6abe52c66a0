"""The core's device watch (`softphone.devices.hotplug.DeviceWatch`, through the agent's
`watch_devices`) brought into the GUI thread for a window that shows device lists (Settings'
audio page): `changed(before, now)` arrives as a queued Qt signal, and the watch runs only
between `start()` and `stop()`.

It works with or without an agent session (the first-run screen has none), and costs one
`pactl subscribe` child while it runs (or, with no sound server, a PortAudio re-scan every 15 s
while no stream is open). `stop()` kills that child and joins the watch's thread: nothing of it
outlives the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from softphone.agent.device_trial import DeviceList, DeviceWatch, watch_devices


class DeviceWatchRelay(QObject):
    changed = Signal(object, object)  # (before, now) DeviceList; before == now at the first look
    _arrived = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watch: DeviceWatch | None = None
        self._told = False  # the running watch's first look has arrived here
        # Emitted on the watch's thread, delivered in this object's (the GUI) thread.
        self._arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        return self._watch is not None

    @property
    def looked(self) -> bool:
        """The watch took its first look, and it reached this thread — or there was nothing to
        tell (no sound server, PortAudio busy with the page's microphone)."""
        watch = self._watch
        if watch is None or not watch.wait_first_look(0):
            return False
        return self._told or watch.devices == DeviceList()

    @property
    def follows_sound_server(self) -> bool:
        """Told of every plug by the sound server (else PortAudio, re-read only with no stream
        open: the window has to look again itself)."""
        watch = self._watch
        return watch is not None and watch.devices.source == "sound-server"

    def start(self) -> None:
        if self._watch is None:
            self._told = False
            self._watch = watch_devices(self._arrived.emit)

    def stop(self) -> None:
        watch, self._watch = self._watch, None
        if watch is not None:
            watch.stop()

    def _deliver(self, before: DeviceList, now: DeviceList) -> None:
        if self._watch is not None:  # a look that was under way as the watch stopped: dropped
            self._told = True
            self.changed.emit(before, now)
