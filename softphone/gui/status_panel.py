"""The agent's status selector: where the agent is and for how long, the statuses the agent may
pick (break and not-ready with the reason codes in force), why a move was refused, and the
"answer on my cellphone" flag.

The state machine in the core decides; this panel only asks it and shows its answer. The reason
codes are read again on every status change and whenever the policy in force is replaced (a
config pulled from the center), so new codes show up without a restart.
"""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from softphone.agent.session import AgentSession
from softphone.events import Event, StatusChanged
from softphone.gui.reason_texts import refusal_text
from softphone.gui.steady_label import SteadyLabel
from softphone.gui.theme import set_tone
from softphone.protocol import AgentStatus

STATUS_NAMES = {
    "offline": QT_TRANSLATE_NOOP("StatusPanel", "Offline"),
    "available": QT_TRANSLATE_NOOP("StatusPanel", "Available"),
    "ringing": QT_TRANSLATE_NOOP("StatusPanel", "Ringing"),
    "on_call": QT_TRANSLATE_NOOP("StatusPanel", "On a call"),
    "wrap_up": QT_TRANSLATE_NOOP("StatusPanel", "Wrap-up"),
    "break": QT_TRANSLATE_NOOP("StatusPanel", "Break"),
    "not_ready": QT_TRANSLATE_NOOP("StatusPanel", "Not ready"),
}


def tr(text: object) -> str:
    """Translated in this panel's context (`text` may be a QT_TRANSLATE_NOOP marker)."""
    return QCoreApplication.translate("StatusPanel", str(text))


# The reason codes the core and the center ship by default, in the agent's language; a code a
# contact center makes up is shown as it wrote it (in its own language).
REASON_NAMES = {
    "lunch": QT_TRANSLATE_NOOP("StatusPanel", "lunch"),
    "short break": QT_TRANSLATE_NOOP("StatusPanel", "short break"),
    "coffee": QT_TRANSLATE_NOOP("StatusPanel", "coffee"),
    "personal": QT_TRANSLATE_NOOP("StatusPanel", "personal"),
    "training": QT_TRANSLATE_NOOP("StatusPanel", "training"),
    "meeting": QT_TRANSLATE_NOOP("StatusPanel", "meeting"),
    "after call work": QT_TRANSLATE_NOOP("StatusPanel", "after call work"),
    "technical problem": QT_TRANSLATE_NOOP("StatusPanel", "technical problem"),
    "missed calls": QT_TRANSLATE_NOOP("StatusPanel", "missed calls"),
}


def reason_text(reason: str) -> str:
    return tr(REASON_NAMES[reason]) if reason in REASON_NAMES else reason


def status_name(status: str) -> str:
    return tr(STATUS_NAMES.get(status, status))


def status_text(status: str, reason: str | None) -> str:
    name = tr(STATUS_NAMES.get(status, status))
    return f"{name} — {reason_text(reason)}" if reason else name


def clock_text(seconds: float) -> str:
    """Time in status as the agent reads it: m:ss, or h:mm:ss past the hour."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class StatusPanel(QWidget):
    refused = Signal(str)  # a move the state machine refused, with its reason

    def __init__(self, session: AgentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        state = session.agent_state
        self.status = state.status.value
        self.reason = state.reason
        self.since = state.since
        self._policy = session.status_policy
        self._refused_in = ""  # the status the last refusal was about
        self.current = QLabel()
        self.current.setObjectName("current_status")
        self._current_place = SteadyLabel(self.current)
        self.choice = QComboBox()
        self.choice.setObjectName("status_choice")
        self.choice.setToolTip(tr("Pick your status"))
        self.choice.setAccessibleName(tr("Status"))
        self.choice.setMinimumWidth(190)
        self.refusal = QLabel()
        self.refusal.setObjectName("status_refusal")
        self.refusal.setWordWrap(True)
        self.refusal.hide()
        self.cellphone = QCheckBox(tr("Answer on my cellphone"))
        self.cellphone.setAccessibleName(tr("Answer on my cellphone"))
        self.cellphone.setObjectName("cellphone_pickup")
        self.cellphone.setChecked(state.cellphone_pickup)
        self._layout()
        self.choice.activated.connect(self._picked)
        self.cellphone.toggled.connect(self._cellphone_toggled)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self.refresh_clock)
        self._tick.setInterval(1000)  # started while shown: nobody reads a hidden clock
        self._fill_choices()
        self.refresh_clock()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh_clock()
        self._tick.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._tick.stop()  # the window closed to the tray or minimised
        super().hideEvent(event)

    def open_menu(self) -> None:
        """The status menu opened from the keyboard (shortcuts.py)."""
        self.choice.setFocus()
        self.choice.showPopup()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self._current_place, 1)
        top.addWidget(self.choice)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.refusal)
        layout.addWidget(self.cellphone)

    # --- the agent's picks ------------------------------------------------------------------

    def choose(self, status: str, reason: str | None = None) -> bool:
        """Ask the core for a status; a refusal is shown, never raised. True when it moved."""
        try:
            self.session.set_status(status, reason)
        except ValueError as exc:  # StatusRefused: the state machine says why
            # The core's status right now: its `status` event may still be on its way here.
            self._refused_in = self.session.agent_state.status.value
            self.show_refusal(
                tr("Cannot go {status}: {why}").format(
                    status=status_text(status, reason), why=refusal_text(exc, status_name)
                )
            )
            self._select_current()
            return False
        self.show_refusal("")
        return True

    def _picked(self, index: int) -> None:
        wanted = self._wanted(index)
        if wanted is not None:
            self.choose(*wanted)

    def _wanted(self, index: int) -> tuple[str, str | None] | None:
        data = self.choice.itemData(index)
        return (str(data[0]), data[1]) if data else None

    def _cellphone_toggled(self, on: bool) -> None:
        if on != self.session.agent_state.cellphone_pickup:
            self.session.set_cellphone_pickup(on)

    def show_refusal(self, message: str) -> None:
        self.refusal.setText(message)
        self.refusal.setVisible(bool(message))
        if message:
            self.refused.emit(message)

    # --- what the core says -----------------------------------------------------------------

    def on_event(self, event: Event) -> None:
        if not isinstance(event, StatusChanged):
            return
        if event.status != self._refused_in:
            self.show_refusal("")  # an old refusal would read as if about the new status
        self.status, self.reason = event.status, event.reason
        self.since = datetime.fromisoformat(event.since)
        self.cellphone.blockSignals(True)
        self.cellphone.setChecked(event.cellphone_pickup)
        self.cellphone.blockSignals(False)
        self._fill_choices()
        self.refresh_clock()

    def refresh_clock(self) -> None:
        if self.session.status_policy is not self._policy:  # the center sent a new config
            self._fill_choices()
        seconds = (datetime.now(timezone.utc) - self.since).total_seconds()
        self._current_place.set_text(
            f"{status_text(self.status, self.reason)}  ·  {clock_text(seconds)}"
        )
        set_tone(self.current, "status", self.status if self.status in STATUS_NAMES else "offline")

    def _fill_choices(self) -> None:
        """Available, each break and not-ready reason in force, offline."""
        self._policy = self.session.status_policy
        reasons = self._policy.reason_codes
        self.choice.blockSignals(True)
        self.choice.clear()
        self.choice.addItem(tr(STATUS_NAMES["available"]), ("available", None))
        for status in (AgentStatus.BREAK, AgentStatus.NOT_READY):
            for reason in reasons.get(status, ()):
                self.choice.addItem(status_text(status.value, reason), (status.value, reason))
        self.choice.addItem(tr(STATUS_NAMES["offline"]), ("offline", None))
        self.choice.setPlaceholderText(tr(STATUS_NAMES.get(self.status, self.status)))
        self.choice.blockSignals(False)
        self._select_current()

    def _select_current(self) -> None:
        self.choice.blockSignals(True)
        here = (self.status, self.reason)
        found = [i for i in range(self.choice.count()) if self._wanted(i) == here]
        self.choice.setCurrentIndex(found[0] if found else -1)  # -1 shows the placeholder
        self.choice.blockSignals(False)

    def choices(self) -> list[str]:
        return [self.choice.itemText(i) for i in range(self.choice.count())]
