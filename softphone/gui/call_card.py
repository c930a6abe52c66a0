"""The call card (ui/call_card.ui): the call the agent acts on — who, its state (ringing,
connected, on hold, transferring), for how long, its live quality (bars and a sparkline of MOS),
the level meter with the voice cleaning in words (call_levels.py), mute and hold as toggles, hang
up, the DTMF keypad, and the transfers: blind, to the satisfaction survey, and attended (the
consult call shown beside the held one, then Complete or Cancel). Every control follows the
call's state.

The card holds no call logic: it drives the AgentSession façade (which gates every transfer) and
renders the events the window hands it. The one thing it remembers is which call is the consult
of which held call — the agent's intent, which no SIP event carries.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QInputDialog, QPushButton, QWidget

from softphone.agent.session import AgentSession
from softphone.events import (
    AudioLevels,
    CallEnded,
    Event,
    QualitySample,
    TransferAsked,
    TransferStatus,
)
from softphone.gui.call_levels import CallLevels
from softphone.gui.call_list import CallList, CallRow
from softphone.gui.forms.ui_call_card import Ui_CallCard
from softphone.gui.mos_sparkline import MosSparkline
from softphone.gui.quality_bars import QualityBars
from softphone.gui.record_toggle import RecordToggle
from softphone.gui.shortcuts import with_keys
from softphone.gui.theme import set_tone

KEYS = {"star": "*", "hash": "#", **{d: d for d in "0123456789"}}


@dataclass
class Consultation:
    """An attended transfer under way: the customer on hold, the colleague being consulted."""

    held: str
    consult: str = ""  # "" while the consult call is being placed


class CallCard(QFrame):
    failed = Signal(str)  # a command that could not be done, for the window's messages
    typed = Signal(str)  # a keypad key pressed without a call: a digit for the dial line
    _placed = Signal(str, str)  # (held call, consult call) from the SIP thread

    def __init__(self, session: AgentSession, calls: CallList, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_CallCard()
        self.ui.setupUi(self)
        self.setObjectName("call_card")
        self.session = session
        self.calls = calls
        self.quality = QualityBars()
        self.sparkline = MosSparkline()
        self.ui.qualitySlot.addWidget(self.quality, 1)
        self.ui.qualitySlot.addWidget(self.sparkline)
        self.levels = CallLevels(session, self)  # polls the core only while a call talks
        self.ui.levelSlot.addWidget(self.levels)
        self.record = RecordToggle(session, self)  # shown on calls the policy lets be recorded
        self.record.clicked.connect(self._record_asked)
        self.ui.controls.addWidget(self.record, 2, 0, 1, 3)
        self.mos: dict[str, list[float]] = {}  # each call's MOS samples, for the sparkline
        self.transferring: set[str] = set()
        self.consultation: Consultation | None = None
        self._placed.connect(self._consult_placed)
        self._connect()
        self._tick = QTimer(self)  # the call's clock: runs only while there are calls
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.refresh)
        self.refresh()

    def _connect(self) -> None:
        ui = self.ui
        ui.hang_up.clicked.connect(self.hang_up)
        ui.hold.clicked.connect(self.hold)
        ui.mute.clicked.connect(self.mute)
        ui.transfer.clicked.connect(self.ask_transfer)
        ui.consult.clicked.connect(self.ask_consult)
        ui.survey.clicked.connect(self.survey)
        ui.complete_transfer.clicked.connect(self.complete_transfer)
        ui.cancel_consult.clicked.connect(self.cancel_consult)
        for name, digit in KEYS.items():
            button: QPushButton = getattr(ui, f"key_{name}")
            button.setAccessibleName(self.tr("Key {digit}").format(digit=digit))
            button.clicked.connect(lambda _=False, d=digit: self.key(d))
        self.teach_keys()

    def teach_keys(self) -> None:
        """Tooltips that name the keyboard shortcut (the keys in force: they are configurable)."""
        ui = self.ui
        for button, name, text in (
            (ui.hang_up, "hang_up", self.tr("Hang up")),
            (ui.hold, "hold", self.tr("Hold or resume")),
            (ui.mute, "mute", self.tr("Mute or unmute")),
            (ui.transfer, "transfer", self.tr("Transfer the call")),
        ):
            button.setToolTip(with_keys(text, name))
        ui.consult.setToolTip(self.tr("Call a colleague first, then hand the caller over"))

    # --- which call ---------------------------------------------------------------------------

    def current(self) -> CallRow | None:
        """The call the card shows and acts on: the consult call during an attended transfer,
        else the call selected in the list (or the only one)."""
        consult = self.consultation.consult if self.consultation else ""
        return self.calls.rows.get(consult) or self.calls.current()

    # --- events (GUI thread) ------------------------------------------------------------------

    def on_event(self, event: Event) -> None:
        if isinstance(event, AudioLevels):  # a few a second during a call: the meter's alone
            self.levels.on_levels(event)
            return
        self.quality.on_event(event)
        self.record.on_event(event)
        if isinstance(event, QualitySample) and event.call:
            self.mos.setdefault(event.call, []).append(event.mos)
        elif isinstance(event, TransferAsked):
            self.transferring.add(event.call)
        elif isinstance(event, TransferStatus):
            self._transfer_status(event)
        elif isinstance(event, CallEnded):
            self.mos.pop(event.call, None)
            self.transferring.discard(event.call)
            pair = self.consultation
            if pair is not None and event.call in (pair.held, pair.consult):
                self.consultation = None  # a held call left on hold stays for the agent
        self.refresh()

    def _record_asked(self) -> None:
        request = self.record.last_request
        if request is not None:  # a refusal (the disk, the keyring) said where failures go
            request.add_done_callback(self._record_refused)

    def _record_refused(self, request: Future[str]) -> None:
        if request.exception() is not None:  # any thread: a queued signal to the window
            self.failed.emit(self.tr("Recording: {why}").format(why=str(request.exception())))

    def _transfer_status(self, event: TransferStatus) -> None:
        if event.code >= 300:  # the far end or the target refused: the call is the agent's
            self.transferring.discard(event.call)
            self.failed.emit(
                self.tr("Transfer failed: {code} {reason}").format(
                    code=event.code, reason=event.reason
                )
            )
        elif not event.final:
            self.transferring.add(event.call)

    # --- rendering ----------------------------------------------------------------------------

    def refresh(self) -> None:
        ui = self.ui
        row = self.current()
        ui.who.setText(self._who(row) if row else self.tr("No call"))
        set_tone(ui.who, "tone", "call" if row else "idle")  # "No call" said quietly
        text, tone = self._state(row)
        ui.state.setText(text)
        set_tone(ui.state, "tone", tone)
        ui.timer.setText(_clock(row))
        talking = row is not None and row.talking
        self.quality.show_call(row.call if talking and row is not None else None)
        points = self.mos.get(row.call, []) if row else []
        self.sparkline.show_points(points)
        self.sparkline.setVisible(talking and len(points) > 1)  # a line needs two points
        self.levels.show_call(row)
        self._follow(row)
        self._render_consultation()
        self._keep_time(bool(self.calls.rows))

    def _keep_time(self, calls: bool) -> None:
        if calls and not self._tick.isActive():
            self._tick.start()
        elif not calls:
            self._tick.stop()

    def _who(self, row: CallRow) -> str:
        who = self.calls.number_of(row.remote)
        return self.tr("{number} — {name}").format(number=who, name=row.name) if row.name else who

    def _state(self, row: CallRow | None) -> tuple[str, str]:
        """The state as the agent says it, and its tone for the theme."""
        if row is None:
            return "", "idle"
        if row.call in self.transferring:
            return self.tr("transferring…"), "busy"
        if row.state in ("incoming", "ringing", "early"):
            return self.tr("ringing"), "busy"
        if row.state in ("calling", "connecting"):
            return self.tr("calling…"), "busy"
        if row.state == "held":
            return self.tr("on hold"), "warn"
        return (self.tr("connected"), "ok") if row.talking else (row.state, "idle")

    def _follow(self, row: CallRow | None) -> None:
        """The controls the call's state allows: nothing without a call, hang up while it
        rings, the rest once it is connected; no second transfer while one is under way."""
        ui = self.ui
        talking = row is not None and row.talking
        free = talking and row is not None and row.call not in self.transferring
        free = free and self.consultation is None
        ui.hang_up.setEnabled(row is not None)
        ui.hold.setEnabled(talking)
        ui.mute.setEnabled(talking)
        ui.transfer.setEnabled(free)
        ui.consult.setEnabled(free)
        has_survey = bool(self.session.survey_number())
        ui.survey.setEnabled(free and has_survey)
        ui.survey.setToolTip(
            self.tr("Transfer the caller to the satisfaction survey ({number})").format(
                number=self.session.survey_number()
            )
            if has_survey
            else self.tr("The center has set no survey number")
        )
        held = talking and row is not None and row.state == "held"
        muted = talking and row is not None and row.muted
        _toggle(ui.hold, held, self.tr("Hold"), self.tr("On hold — Resume"))
        _toggle(ui.mute, muted, self.tr("Mute"), self.tr("Muted — Unmute"))

    def _render_consultation(self) -> None:
        ui = self.ui
        pair = self.consultation
        ui.consult_bar.setVisible(pair is not None)
        if pair is None:
            return
        held = self.calls.rows.get(pair.held)
        consult = self.calls.rows.get(pair.consult)
        ui.held_call.setText(f"{self._who(held)}  {_clock(held)}" if held else "")
        ui.consult_call.setText(
            f"{self._who(consult)}  {_clock(consult)}" if consult else self.tr("calling…")
        )
        going = pair.held in self.transferring
        ui.complete_transfer.setEnabled(
            consult is not None and consult.state == "confirmed" and not going
        )
        ui.cancel_consult.setEnabled(not going)

    # --- the agent's commands -----------------------------------------------------------------

    def hang_up(self) -> None:
        row = self.current()
        if row is not None:
            self._run(lambda: self.session.hangup(row.call), self.tr("Hang up"))

    def hold(self, on: bool) -> None:
        """Hold or resume; the toggle shows the call's real state, which the engine's `held`
        or `confirmed` brings back (until then it stays as it was)."""
        row = self.current()
        if row is not None:
            if on:
                self._run(lambda: self.session.hold(row.call), self.tr("Hold"))
            else:
                self._run(lambda: self.session.resume(row.call), self.tr("Resume"))
        self.refresh()

    def mute(self, on: bool) -> None:
        row = self.current()
        if row is not None:
            row.muted = on  # the engine says nothing back; a failure is shown as it comes
            self._run(lambda: self.session.mute(on, row.call), self.tr("Mute"))
            self.calls.refresh()
        self.refresh()

    def key(self, digit: str) -> None:
        """A keypad key: a DTMF tone into the call, or a digit for the dial line without one."""
        row = self.current()
        if row is None:
            self.typed.emit(digit)
        else:
            self._run(lambda: self.session.dtmf(digit, row.call), self.tr("DTMF"))

    def ask_transfer(self) -> None:
        target = self._ask(self.tr("Transfer"), self.tr("Transfer the call to:"))
        if target:
            self.transfer_to(target)

    def transfer_to(self, target: str) -> None:
        """Blind transfer of the call in hand (the session's gate checks `target`)."""
        row = self.current()
        if row is not None:
            self._run(lambda: self.session.transfer(target, row.call), self.tr("Transfer"))

    def survey(self) -> None:
        row = self.current()
        if row is not None:
            self._run(lambda: self.session.transfer_to_survey(row.call), self.tr("Survey"))

    def ask_consult(self) -> None:
        target = self._ask(self.tr("Consult"), self.tr("Call a colleague first:"))
        if target:
            self.consult_with(target)

    def consult_with(self, target: str) -> None:
        """Attended transfer, first half: the caller on hold, the colleague called (through
        the gate, as any dial); the card then shows both, with Complete and Cancel."""
        row = self.current()
        if row is None or not row.talking or self.consultation is not None:
            return
        self.consultation = Consultation(held=row.call)
        if row.state != "held":
            self._run(lambda: self.session.hold(row.call), self.tr("Hold"))
        placed = self._run(lambda: self.session.dial(target), self.tr("Consult"))
        if placed is None:
            self.consultation = None
        else:
            held = row.call
            placed.add_done_callback(lambda done: self._placed.emit(held, _key(done)))
        self.refresh()

    def _consult_placed(self, held: str, consult: str) -> None:
        pair = self.consultation
        if pair is None or pair.held != held:
            return
        if consult:
            pair.consult = consult
        else:  # blocked by the gate (the `blocked` event says why) or not placed
            self.consultation = None
        self.refresh()

    def complete_transfer(self) -> None:
        """The caller is put through to the colleague (REFER with Replaces); both our calls
        end once the far ends are talking."""
        pair = self.consultation
        if pair is not None and pair.consult:
            self.transferring.update({pair.held, pair.consult})
            self._run(
                lambda: self.session.attended_transfer(pair.held, pair.consult),
                self.tr("Complete transfer"),
            )
        self.refresh()

    def cancel_consult(self) -> None:
        """Back to the caller: the consult call ends, the held call resumes."""
        pair, self.consultation = self.consultation, None
        if pair is not None:
            if pair.consult:
                self._run(lambda: self.session.hangup(pair.consult), self.tr("Cancel transfer"))
            self._run(lambda: self.session.resume(pair.held), self.tr("Resume"))
        self.refresh()

    # --- helpers ------------------------------------------------------------------------------

    def _ask(self, title: str, label: str) -> str:
        target, ok = QInputDialog.getText(self, title, label)
        return target.strip() if ok else ""

    def _run(self, action: Callable[[], Any], what: str) -> Future[Any] | None:
        """Start a session command; its failure (now or later) is shown, never raised."""
        try:
            future = action()
        except Exception as exc:
            self.failed.emit(f"{what}: {exc}")
            return None
        if isinstance(future, Future):
            future.add_done_callback(lambda done: self._report(done, what))
            return future
        return None

    def _report(self, done: Future[Any], what: str) -> None:
        exc = done.exception() if not done.cancelled() else None
        if exc is not None:
            self.failed.emit(f"{what}: {exc}")  # a queued signal: shown on the GUI thread


def _key(done: Future[Any]) -> str:
    if done.cancelled() or done.exception() is not None:
        return ""
    return str(done.result() or "")


def _clock(row: CallRow | None) -> str:
    if row is None or row.confirmed is None:
        return ""
    seconds = int(time.monotonic() - row.confirmed)
    hours, rest = divmod(seconds, 3600)
    return (
        f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
        if hours
        else f"{rest // 60:02d}:{rest % 60:02d}"
    )


def _toggle(button: QPushButton, on: bool, off_text: str, on_text: str) -> None:
    """A toggle with its state in its face: checked, and saying what it is and what a click
    does ("On hold — Resume"), for the eye and for a screen reader alike."""
    button.setChecked(on)
    button.setText(on_text if on else off_text)
    button.setAccessibleName(on_text if on else off_text)
