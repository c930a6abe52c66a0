"""Dates and times as the agent reads them, in the window's language: a Qt date pattern (which
the translation picks: "ddd dd MMM HH:mm" reads "Sat 05 Dec 07:16", its Chinese pattern
"M月d日 ddd HH:mm" reads "12月5日 周六 07:16") filled with the language's day and month names."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime


def written(moment: datetime, pattern: str) -> str:
    """`moment` on its own wall clock, in `pattern` (QLocale's date and time format)."""
    shown = QDateTime(
        QDate(moment.year, moment.month, moment.day),
        QTime(moment.hour, moment.minute, moment.second),
    )
    return QLocale().toString(shown, pattern)
