"""Qt's date and time values as Python's, typed.

PySide6 types `QDate.toPython()` and `QTime.toPython()` as returning `object`, so every caller would have to
narrow it; these say what comes back. Widgets use them for what a QDateEdit or QTimeEdit holds.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime


def python_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def python_time(value: QTime) -> time:
    return time(value.hour(), value.minute(), value.second(), value.msec() * 1000)
