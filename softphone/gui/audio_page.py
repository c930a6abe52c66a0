"""The audio page of Settings: microphone, speaker and ring device by name, the microphone's live
level while the page is open, and a test sound on the speaker or the ring device with the level of
what it plays. The devices are reached through the agent's `DeviceTrial`; streams are open only
while the page shows (a headset is not held by a dialog left open on another page)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QComboBox, QProgressBar

from softphone.agent.device_trial import DeviceTrial
from softphone.config import AudioSettings
from softphone.gui.forms.ui_settings_dialog import Ui_SettingsDialog

METER_RANGE_DB = 60  # the bars show -60 … 0 dBFS
POLL_MS = 100


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
        inputs, outputs = self.trial.device_names()
        fill_devices(ui.input, inputs, audio.input)
        fill_devices(ui.output, outputs, audio.output)
        fill_devices(ui.ring, outputs, audio.ring)
        ui.input.currentIndexChanged.connect(self._listen)
        ui.play_output.clicked.connect(lambda: self._play(ui.output, ui.output_meter))
        ui.play_ring.clicked.connect(lambda: self._play(ui.ring, ui.ring_meter))

    def shown(self, showing: bool) -> None:
        """The page came into view (open the microphone) or went out of it (close all)."""
        self._showing = showing
        if showing:
            self._listen()
            self._timer.start()
        else:
            self._timer.stop()
            self.trial.close()
            for meter in (self.ui.input_meter, self.ui.output_meter, self.ui.ring_meter):
                meter.setValue(0)

    def close(self) -> None:
        self.shown(False)

    def _listen(self) -> None:
        if not self._showing:
            return
        if not self.trial.listen(str(self.ui.input.currentData() or "")):
            self._say_trouble()

    def _play(self, combo: QComboBox, meter: QProgressBar) -> None:
        self._sound_meter = meter
        if not self.trial.play_test_sound(str(combo.currentData() or "")):
            self._say_trouble()
            return
        self.ui.audio_trouble.clear()
        self._timer.start()

    def _say_trouble(self) -> None:
        self.ui.audio_trouble.setText(
            tr("This device cannot be opened: {why}").format(why=self.trial.trouble)
        )

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
