"""The call card's sparkline: the call's MOS over its life as a small line, so the agent sees
at a glance whether the line is getting worse or was bad only for a moment. Painted by hand (a
style sheet cannot draw a line); the colours are the theme's (`theme.colour`), the last point
in the tone of the quality bars (good, fair, poor).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from softphone.gui.quality_bars import bars_for, tone_for
from softphone.gui.theme import colour

POINTS = 60  # five minutes of samples (one every 5 s): enough to see a trend
# The scale of the line: MOS 2 (nearly unusable; lower is drawn there) at the bottom, 4.5 (the
# best narrowband) at the top — a narrower scale than 1-5, so that a slide from 4.4 to 3.6
# (five bars to three) is seen at a glance.
FLOOR, CEILING = 2.0, 4.5
POOR = 3.1  # the dotted line: below it many listeners complain (quality_bars.STEPS)


class MosSparkline(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mos_sparkline")
        self.points: list[float] = []
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Call quality over time"))

    def sizeHint(self) -> QSize:
        return QSize(120, 30)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def show_points(self, mos: Iterable[float]) -> None:
        """The call's MOS samples, oldest first (only the last `POINTS` are drawn)."""
        self.points = [m for m in mos if m > 0][-POINTS:]
        if self.points:
            text = self.tr("MOS over the call: {first:.1f} → {last:.1f}, lowest {low:.1f}").format(
                first=self.points[0], last=self.points[-1], low=min(self.points)
            )
        else:
            text = self.tr("Call quality over time: measuring…")
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        grid = QPen(colour("spark_grid"), 1, Qt.PenStyle.DotLine)
        painter.setPen(grid)
        painter.drawLine(self._at(0, POOR, 2), self._at(1, POOR, 2))
        if not self.points:
            painter.end()
            return
        spots = [self._at(n, mos, len(self.points)) for n, mos in enumerate(self.points)]
        painter.setPen(QPen(colour("spark_line"), 1.5))
        painter.drawPolyline(spots)
        last = colour(f"{tone_for(bars_for(self.points[-1]))}_fg")
        painter.setPen(QPen(last, 1))
        painter.setBrush(last)
        painter.drawEllipse(spots[-1], 2.5, 2.5)
        painter.end()

    def _at(self, index: int, mos: float, count: int) -> QPointF:
        """Where sample `index` of `count` goes: spread over the width, MOS up the height."""
        margin = 3.0
        width, height = self.width() - 2 * margin, self.height() - 2 * margin
        x = margin + (width * index / (count - 1) if count > 1 else width)
        share = (min(max(mos, FLOOR), CEILING) - FLOOR) / (CEILING - FLOOR)
        return QPointF(x, margin + height * (1 - share))
