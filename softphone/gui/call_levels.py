"""The call card's level meter: "Your voice" (as the customer hears it, after cleaning, with the
microphone as captured in a thin bar beneath), "Customer" (what the agent's speaker plays), the
voice-cleaning stages on in words, and a hint when the microphone stays silent while the agent
is not muted.

The levels come from the core's `audio_levels` event, which the session publishes only when
asked (`AgentSession.levels()`); this widget asks a few times a second while a call is up, and
never at idle (no call, no timer: idle CPU is a measured target). The event comes back through
the window's Qt bridge like every other core event, and the card hands it here.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QWidget

from softphone.agent.session import AgentSession
from softphone.events import AudioLevels
from softphone.gui.call_list import CallRow
from softphone.gui.level_texts import BAR_MAX, bar_value, eased, stage_tooltip, stage_words

log = logging.getLogger(__name__)

POLL_MS = 150  # a few times a second: smooth to the eye, nothing to the CPU
SILENT_MIC_DBFS = -80.0  # below any real microphone's own noise: nothing is arriving
SILENT_MIC_S = 15.0  # a stretch of listening is normal; this long without a sound is not


class CallLevels(QWidget):
    def __init__(
        self,
        session: AgentSession,
        parent: QWidget | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("call_levels")
        self.session = session
        self.clock = clock
        self.call: str | None = None  # the call shown: levels are the devices', not a call's
        self.speaking = False  # connected, not held and not muted: the microphone should hear
        self.processing: tuple[str, ...] | None = None  # unknown until the first levels
        self._heard_at = 0.0  # when the microphone last heard something (or the call began)
        self._shown_at = 0.0
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self.ask)
        self._build()
        self.show_call(None)

    def _build(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        self.voice_title = _label("level_title", self.tr("Your voice"))
        self.voice = _bar("voice_level", self.tr("Your voice, as the customer hears it"))
        self.voice.setToolTip(self.tr("Your voice as the customer hears it, after voice cleaning"))
        self.mic = _bar("mic_level", self.tr("Your microphone, before voice cleaning"))
        self.mic.setToolTip(self.tr("Your microphone as it captures, before voice cleaning"))
        self.customer_title = _label("level_title", self.tr("Customer"))
        self.customer = _bar("customer_level", self.tr("The customer's voice in your headset"))
        self.customer.setToolTip(self.tr("The customer's voice, as your headset plays it"))
        self.cleaning = _label("voice_cleaning", "")
        self.cleaning.setWordWrap(True)  # four stages in a narrow window
        self.hint = _label("mic_hint", self.tr("No sound from your microphone"))
        self.hint.setToolTip(
            self.tr(
                "Your microphone has sent only silence for a while. Check that it is plugged in,"
                " not muted on the headset cable, and chosen in Settings › Audio."
            )
        )
        grid.addWidget(self.voice_title, 0, 0)
        grid.addWidget(self.voice, 0, 1)
        grid.addWidget(self.mic, 1, 1)
        grid.addWidget(self.customer_title, 2, 0)
        grid.addWidget(self.customer, 2, 1)
        grid.addWidget(self.cleaning, 3, 0, 1, 2)
        grid.addWidget(self.hint, 4, 0, 1, 2)
        grid.setColumnStretch(1, 1)

    @property
    def bars(self) -> tuple[QProgressBar, ...]:
        return (self.voice, self.mic, self.customer)

    # --- which call (from the card's refresh) ----------------------------------------------

    def show_call(self, row: CallRow | None) -> None:
        """Meter while `row` talks (polling on); hidden, and no polling, without one."""
        talking = row is not None and row.talking
        was_speaking = self.speaking
        self.speaking = row is not None and row.state == "confirmed" and not row.muted
        self.setVisible(talking)
        if talking and row is not None:
            if row.call != self.call:
                self.call = row.call
                self._heard_at = self.clock()
            if not self.poll.isActive():
                self._shown_at = self.clock()
                self.poll.start()
                self.ask()
        else:
            self.call = None
            self.poll.stop()
            self.processing = None
            for bar in self.bars:
                bar.setValue(0)
            self.cleaning.setText("")
        if not (self.speaking and was_speaking):  # muted, held, or just back: silence is fine
            self._heard_at = self.clock()
        self._render_hint()

    def ask(self) -> None:
        """Ask the core for the levels; the answer comes back as an event (through the bridge)."""
        try:
            self.session.levels()
        except Exception:  # the meter is a nicety: it never takes the call card down
            log.warning("audio levels unavailable; the meter stops", exc_info=True)
            self.poll.stop()

    # --- the levels (GUI thread) -----------------------------------------------------------

    def on_levels(self, event: AudioLevels) -> None:
        if self.call is None:
            return  # a late answer after the call ended
        now = self.clock()
        elapsed = now - self._shown_at
        self._shown_at = now
        for bar, dbfs in (
            (self.voice, event.sent_dbfs),
            (self.mic, event.input_dbfs),
            (self.customer, event.output_dbfs),
        ):
            bar.setValue(eased(bar.value(), bar_value(dbfs), elapsed))
        if event.input_dbfs > SILENT_MIC_DBFS or not self.speaking:
            self._heard_at = now
        if event.processing != self.processing:
            self.processing = event.processing
            words = stage_words(event.processing)
            self.cleaning.setText(words)  # one line in the window's usual width; the tooltip
            self.cleaning.setToolTip(stage_tooltip(event.processing))  # says what they are
            named = self.tr("Voice cleaning: {stages}").format(stages=words)
            self.cleaning.setAccessibleName(named)
        self._render_hint()

    def _render_hint(self) -> None:
        silent = self.speaking and self.clock() - self._heard_at >= SILENT_MIC_S
        self.hint.setVisible(silent)


def _label(name: str, text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setAccessibleName(text)
    return label


def _bar(name: str, accessible: str) -> QProgressBar:
    bar = QProgressBar()
    bar.setObjectName(name)
    bar.setRange(0, BAR_MAX)
    bar.setValue(0)
    bar.setTextVisible(False)
    bar.setAccessibleName(accessible)
    return bar
