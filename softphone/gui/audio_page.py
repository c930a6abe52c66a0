"""The audio page of Settings: microphone, speaker and ring device by name, the microphone's live
level while the page is open, and a test sound on the speaker or the ring device with the level of
what it plays. The devices are reached through the agent's `DeviceTrial`; streams are open only
while the page shows (a headset is not held by a dialog left open on another page)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QComboBox, QLabel, QProgressBar

from softphone.agent.device_trial import DeviceList, DeviceTrial
from softphone.config import AudioSettings
from softphone.gui.device_watch_relay import DeviceWatchRelay
from softphone.gui.forms.ui_settings_dialog import Ui_SettingsDialog

METER_RANGE_DB = 60  # the bars show -60 … 0 dBFS
POLL_MS = 100
# Without a sound server nobody tells of a plug, and the page's open microphone keeps the core's
# watch from re-reading PortAudio: the page looks again itself (~40 ms, the meter pausing).
PORTAUDIO_REREAD_MS = 15000


def tr(text: str) -> str:
    return QCoreApplication.translate("AudioPage", text)


def meter_value(dbfs: float) -> int:
    return max(0, min(METER_RANGE_DB, round(METER_RANGE_DB + dbfs)))


class AudioPage(QObject):
    def __init__(self, ui: Ui_SettingsDialog, audio: AudioSettings, parent: QObject) -> None:
        super().__init__(parent)
        self.ui = ui
        self.trial = DeviceTrial()
        self._sound_meter: QProgressBar | None = None
        self._showing = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._show_levels)
        self.inputs, self.outputs = self.trial.device_names()
        fill_devices(ui.input, self.inputs, audio.input)
        fill_devices(ui.output, self.outputs, audio.output)
        fill_devices(ui.ring, self.outputs, audio.ring)
        self.devices_note = _note_label(ui)
        self.watch = DeviceWatchRelay(self)
        self.watch.changed.connect(self._devices_changed)
        self._reread = QTimer(self)
        self._reread.setInterval(PORTAUDIO_REREAD_MS)
        self._reread.timeout.connect(self._look_again)
        ui.input.currentIndexChanged.connect(self._listen)
        ui.play_output.clicked.connect(lambda: self._play(ui.output, ui.output_meter))
        ui.play_ring.clicked.connect(lambda: self._play(ui.ring, ui.ring_meter))

    def shown(self, showing: bool) -> None:
        """The page came into view (open the microphone) or went out of it (close all)."""
        self._showing = showing
        if showing:
            self._listen()
            self._timer.start()
            self.watch.start()
            self._reread.start()
        else:
            self.watch.stop()
            self._reread.stop()
            self._timer.stop()
            self.trial.close()
            for meter in (self.ui.input_meter, self.ui.output_meter, self.ui.ring_meter):
                meter.setValue(0)

    def close(self) -> None:
        self.shown(False)

    def _listen(self) -> None:
        if not self._showing:
            return
        self.ui.audio_trouble.clear()
        if self._not_connected(self.ui.input, self.inputs):
            self.trial.close()  # the meter does not hang on to a headset that is gone
            self.ui.input_meter.setValue(0)
        elif not self.trial.listen(str(self.ui.input.currentData() or "")):
            self._say_trouble()

    def _play(self, combo: QComboBox, meter: QProgressBar) -> None:
        self._sound_meter = meter
        if self._not_connected(combo, self.outputs):
            return
        if not self.trial.play_test_sound(str(combo.currentData() or "")):
            self._say_trouble()
            return
        self.ui.audio_trouble.clear()
        self._timer.start()

    def _say_trouble(self) -> None:
        self.ui.audio_trouble.setText(
            tr("This device cannot be opened: {why}").format(why=self.trial.trouble)
        )

    def _not_connected(self, combo: QComboBox, names: list[str]) -> bool:
        """The chosen device is not plugged in: said on the page, nothing opened."""
        chosen = str(combo.currentData() or "")
        if not chosen or chosen in names:
            return False
        self.ui.audio_trouble.setText(
            tr("{name} is not connected: plug it in, or choose another device.").format(name=chosen)
        )
        return True

    # --- hot-plug ---------------------------------------------------------------------------

    def _devices_changed(self, before: DeviceList, now: DeviceList) -> None:
        """In the GUI thread, after the watch saw a device come or go — or took its first look,
        when the lists are re-read quietly (a device plugged in as the page opened)."""
        if not self._showing:
            return
        names = set(now.inputs) | set(now.outputs)
        gone = [n for n in dict.fromkeys([*before.inputs, *before.outputs]) if n not in names]
        self._reread_lists(before == now, (now.added(before), gone))

    def _look_again(self) -> None:
        if self._showing and not self.watch.follows_sound_server:
            self._reread_lists(False, ([], []))

    def _reread_lists(self, quiet: bool, seen: tuple[list[str], list[str]]) -> None:
        """The lists re-read from PortAudio, and a line on what changed; `seen` is what the
        system reported, said when PortAudio cannot re-read (a call holds it)."""
        was = set(self.inputs) | set(self.outputs)
        fresh = self.trial.fresh_device_names()  # closes the meter's stream: reopened below
        added, removed = seen
        if fresh is not None:
            self.inputs, self.outputs = fresh
            self._refill()
            names = set(self.inputs) | set(self.outputs)
            added = [n for n in dict.fromkeys([*self.inputs, *self.outputs]) if n not in was]
            removed = [n for n in sorted(was) if n not in names]
        note = "" if quiet else change_text(added, removed)
        if note:
            self.devices_note.setText(note)
            self.devices_note.setVisible(True)
        self._listen()

    def _refill(self) -> None:
        """The lists as they are now, each keeping what the agent has chosen on the page."""
        for combo, names in (
            (self.ui.input, self.inputs),
            (self.ui.output, self.outputs),
            (self.ui.ring, self.outputs),
        ):
            combo.blockSignals(True)  # one look at the microphone after, not one per item
            try:
                fill_devices(combo, names, str(combo.currentData() or ""))
            finally:
                combo.blockSignals(False)

    def _show_levels(self) -> None:
        mic, sound = self.trial.levels()
        self.ui.input_meter.setValue(meter_value(mic))
        if self._sound_meter is not None:
            self._sound_meter.setValue(meter_value(sound))
            if not self.trial.playing and sound <= -METER_RANGE_DB:
                self._sound_meter = None


def fill_devices(combo: QComboBox, names: list[str], chosen: str) -> None:
    """ "System default" first, then the devices; a chosen device that is not plugged in stays
    listed (and chosen), marked, so that saving does not silently drop it."""
    combo.clear()
    combo.addItem(tr("System default"), "")
    for name in names:
        combo.addItem(name, name)
    if chosen and chosen not in names:
        combo.addItem(tr("{name} (not connected)").format(name=chosen), chosen)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))


def change_text(added: list[str], removed: list[str]) -> str:
    comma = tr(", ")  # Chinese lists with 、
    if added and removed:
        return tr("Plugged in: {added}. Unplugged: {removed}.").format(
            added=comma.join(added), removed=comma.join(removed)
        )
    if added:
        return tr("Plugged in: {names}").format(names=comma.join(added))
    if removed:
        return tr("Unplugged: {names}").format(names=comma.join(removed))
    return ""


def _note_label(ui: Ui_SettingsDialog) -> QLabel:
    """A quiet line above the trouble line, saying which device was plugged in or out."""
    note = QLabel(ui.audio_page)
    note.setObjectName("devices_note")
    note.setWordWrap(True)
    note.setAccessibleName(tr("Devices plugged in or out"))
    note.setVisible(False)
    layout = ui.audio_pageLayout
    layout.insertWidget(layout.indexOf(ui.audio_trouble), note)
    return note
