"""The readiness screen (ui/readiness_dialog.ui): the agent checks headset, camera and network in
the window, answers "did you hear the tone?", and — where the center requires a passing check
before `available` — goes Available from here.

The checks run in the core, off the GUI thread (`AgentSession.check_readiness`); their progress
(which check runs, the microphone's level) and the report come back as queued signals. The
report is recorded (published, journaled, synced, remembered by the readiness gate) only once
the agent answered the speaker's question, so the center sees what the agent heard.
"""

from __future__ import annotations

import contextlib
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from softphone.agent.readiness import ReadinessReport
from softphone.agent.session import AgentSession
from softphone.gui.camera_preview import CameraPreview
from softphone.gui.forms.ui_readiness_dialog import Ui_ReadinessDialog
from softphone.gui.readiness_rows import CheckRows
from softphone.gui.readiness_texts import found_text
from softphone.gui.theme import set_tone

LEVEL_FLOOR_DBFS = -60.0  # the meter's empty end; 0 dBFS fills it
NOT_ASKED = ("fail", "skip")  # a speaker check with these has nothing to hear


class ReadinessDialog(QDialog):
    progressed = Signal(str, object)  # (check name, microphone level dBFS or None)
    checked = Signal(object)  # the check's Future, done
    recorded = Signal(object)  # the report as recorded, after the agent's answer

    def __init__(self, session: AgentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ReadinessDialog()
        self.ui.setupUi(self)
        self.setObjectName("readiness_dialog")
        self.session = session
        self.rows = CheckRows(self.ui.checksLayout, self.ui.resultsBox)
        self.preview = CameraPreview(self)
        self.ui.previewSlot.addWidget(self.preview)
        for column in range(self.ui.devicesLayout.count()):  # three boxes of one width
            self.ui.devicesLayout.setStretch(column, 1)
        self.ui.readinessLayout.setStretchFactor(self.ui.resultsBox, 1)  # the results grow
        self.resize(900, 720)  # room for every check's fix in words without clipping
        self.report: ReadinessReport | None = None  # the last result, answered or not
        self.answered: ReadinessReport | None = None  # the last one recorded
        self.running = False
        for button in self.ui.buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.again.clicked.connect(self.start)
        self.ui.goAvailable.clicked.connect(self.go_available)
        self.ui.heardYes.clicked.connect(lambda: self.answer_heard(True))
        self.ui.heardNo.clicked.connect(lambda: self.answer_heard(False))
        self.progressed.connect(self._on_progress)
        self.checked.connect(self._on_checked)
        self._asking(False)
        self.ui.goAvailable.setEnabled(False)  # until a check passes here

    # --- running the check ------------------------------------------------------------------

    def start(self) -> None:
        """Run the whole check (a check already running, e.g. the headless one, is joined)."""
        if self.running:
            return
        self.running = True
        self.report = None
        self.rows.reset()
        self.preview.say(self.tr("The camera is shown here after its check."))
        self._asking(False)
        self.ui.again.setEnabled(False)
        self.ui.goAvailable.setEnabled(False)
        self.ui.micLevel.setValue(0)
        self.ui.speakerHint.setText(
            self.tr("A test tone plays in your headset after the microphone check.")
        )
        self._overall(self.tr("Checking… keep your headset on."), "running")
        self.session.readiness.progress = self._tell
        future = self.session.check_readiness(record=False)
        future.add_done_callback(self._told_done)

    # Called on the check's threads: a signal hands the news to the GUI thread. The screen may
    # be gone by then (closed with the window): the check must go on regardless.
    def _tell(self, name: str, level: float | None) -> None:
        with contextlib.suppress(RuntimeError):  # "Signal source has been deleted"
            self.progressed.emit(name, level)

    def _told_done(self, done: Future[ReadinessReport]) -> None:
        with contextlib.suppress(RuntimeError):
            self.checked.emit(done)

    def _on_progress(self, name: str, level: float | None) -> None:
        if not self.running:  # late news of a check whose report is already shown
            return
        if level is not None:
            span = -LEVEL_FLOOR_DBFS
            self.ui.micLevel.setValue(round(100 * (max(level, LEVEL_FLOOR_DBFS) + span) / span))
            return
        for row, status in self.rows.rows.items():
            if status.verdict.property("tone") == "running" and row != "network":
                self.rows.set(row, "waiting", "")
        self.rows.set(name, "running", "")
        self.rows.set("network", "running", self.tr("Measuring the way to your servers…"))
        if name in ("speaker", "ring"):
            self.ui.micLevel.setValue(0)
            self.ui.speakerHint.setText(self.tr("Playing a test tone in your headset now…"))

    def _on_checked(self, done: Future[ReadinessReport]) -> None:
        self.running = False
        self.session.readiness.progress = None
        self.ui.again.setEnabled(True)
        try:
            report = done.result()
        except Exception as exc:  # the core logged it; the agent gets the words
            self._overall(self.tr("The check could not run: {why}").format(why=exc), "fail")
            return
        self.report = report
        self.rows.show(report)
        self._show_camera(report)
        speaker = report.check("speaker")
        if speaker is not None and speaker.status not in NOT_ASKED:
            self.ui.speakerHint.setText(self.tr("The test tone has played."))
            self._asking(True)
            self._overall(self.tr("One question before the result: did you hear it?"), "running")
        else:
            self._record(report)

    def answer_heard(self, yes: bool) -> None:
        """The agent's answer to "did you hear the test tone?", recorded with the report."""
        if self.report is None:
            return
        self._asking(False)
        self._record(self.report.confirmed_by_agent({"speaker": yes}))

    def _record(self, report: ReadinessReport) -> None:
        self.session.record_readiness(report)
        self.answered = self.report = report
        self.rows.show(report)
        if report.overall == "fail":
            text = self.tr("Not ready: fix what is marked Fail, then check again.")
        elif report.overall == "warn":
            text = self.tr("Ready, with warnings worth reading.")
        else:
            text = self.tr("Ready: everything works.")
        self._overall(text, report.overall)
        available = self.session.agent_state.status.value == "available"
        self.ui.goAvailable.setEnabled(report.ok and not available)
        self.recorded.emit(report)

    # --- after the check --------------------------------------------------------------------

    def go_available(self) -> None:
        """Available, as the status menu would ask; a refusal is shown here, in words."""
        try:
            self.session.set_status("available")
        except ValueError as exc:  # StatusRefused: the state machine or the gate says why
            self._overall(self.tr("Cannot go Available: {why}").format(why=exc), "fail")
            return
        self.ui.goAvailable.setEnabled(False)
        self.accept()

    def _show_camera(self, report: ReadinessReport) -> None:
        camera = report.check("camera")
        if camera is not None and camera.status in ("pass", "warn"):
            self.preview.start(self.session.profile.settings.readiness.camera)
        elif camera is not None:
            self.preview.say(found_text(camera))

    def _asking(self, on: bool) -> None:
        for widget in (self.ui.question, self.ui.heardYes, self.ui.heardNo):
            widget.setVisible(on)
        if on:
            self.ui.heardYes.setFocus()

    def _overall(self, text: str, tone: str) -> None:
        self.ui.overall.setText(text)
        set_tone(self.ui.overall, "tone", tone)

    def done(self, code: int) -> None:
        self.preview.stop()  # the camera is free again when the screen goes
        if self.session.readiness.progress == self._tell:
            self.session.readiness.progress = None
        super().done(code)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.report is None and not self.running:
            self.start()
