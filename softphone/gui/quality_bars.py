"""The call card's live quality: MOS as 1-5 bars, coloured by the theme (good, fair, poor), the
figures behind it in the tooltip (MOS, loss, jitter, RTT, codec). Fed by the engine's `quality`
events (every few seconds of a connected call) for the call the controls act on.

The bars are plain frames carrying `lit` and `tone` properties: the colours are the theme's.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

from softphone.events import CallEnded, Event, QualitySample
from softphone.gui.theme import set_tone

BARS = 5
# MOS where a bar more lights, as listeners rate calls: ≥ 4.3 as good as the network gives,
# 4.0 good, 3.6 fair (some users notice), 3.1 poor (many complain), below: bad.
STEPS = (3.1, 3.6, 4.0, 4.3)


def bars_for(mos: float) -> int:
    """How many of the five bars a MOS lights: 0 without a figure (no audio yet), else 1-5."""
    if mos <= 0:
        return 0
    return 1 + sum(mos >= step for step in STEPS)


def tone_for(bars: int) -> str:
    """The bars' colour: ok (4-5), warn (3), bad (1-2)."""
    return "ok" if bars >= 4 else "warn" if bars == 3 else "bad"


class QualityBars(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quality")
        self.samples: dict[str, QualitySample] = {}  # the latest figures of each call
        self.call: str | None = None  # the call shown
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.title = QLabel(self.tr("Quality"))
        self.title.setObjectName("quality_title")
        layout.addWidget(self.title)
        layout.addSpacing(6)
        self.bars: list[QFrame] = []
        for n in range(BARS):
            bar = QFrame()
            bar.setObjectName("quality_bar")
            bar.setFixedSize(6, 6 + 3 * n)  # rising, as a phone's signal bars
            bar.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            layout.addWidget(bar, 0, Qt.AlignmentFlag.AlignBottom)
            self.bars.append(bar)
        layout.addSpacing(6)
        self.figure = QLabel()
        self.figure.setObjectName("quality_figure")
        layout.addWidget(self.figure)
        layout.addStretch(1)
        self.show_call(None)

    @property
    def lit(self) -> int:
        return sum(bar.property("lit") == "on" for bar in self.bars)

    def on_event(self, event: Event) -> None:
        if isinstance(event, QualitySample) and event.call:
            self.samples[event.call] = event
            if event.call == self.call:
                self._render()
        elif isinstance(event, CallEnded):
            self.samples.pop(event.call, None)

    def show_call(self, call: str | None) -> None:
        """Show the figures of `call` (the one the controls act on); hidden without a call."""
        self.call = call
        self.setVisible(call is not None)
        self._render()

    def _render(self) -> None:
        sample = self.samples.get(self.call or "")
        bars = bars_for(sample.mos) if sample else 0
        tone = tone_for(bars)
        for n, bar in enumerate(self.bars):
            set_tone(bar, "lit", "on" if n < bars else "off")
            set_tone(bar, "tone", tone)
        if sample is None:
            text = self.tr("Call quality: measuring…")
            self.figure.setText(self.tr("measuring…"))
        else:
            self.figure.setText(self.tr("MOS {mos:.1f}").format(mos=sample.mos))
            text = self.tr(
                "Call quality {bars} of 5 — MOS {mos:.1f}\nLoss {loss:.1f} % · jitter"
                " {jitter:.0f} ms · RTT {rtt:.0f} ms · codec {codec}"
            ).format(
                bars=bars,
                mos=sample.mos,
                loss=sample.loss_pct,
                jitter=sample.jitter_ms,
                rtt=sample.rtt_ms,
                codec=sample.codec or "?",
            )
        self.setToolTip(text)
        self.setAccessibleName(text.replace("\n", "; "))
