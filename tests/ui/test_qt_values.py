"""The typed stand-ins for QDate.toPython() and QTime.toPython() give what Qt's own conversion gives."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime

from ui.qt_values import python_date, python_time


def test_a_qdate_becomes_the_same_python_date() -> None:
    for day in (date(2026, 3, 7), date(2026, 2, 28), date(2024, 2, 29), date(1900, 1, 1), date(2099, 12, 31)):
        qdate = QDate(day.year, day.month, day.day)
        assert python_date(qdate) == day == qdate.toPython()


def test_a_qtime_becomes_the_same_python_time_to_the_millisecond() -> None:
    for moment in (time(0, 0), time(9, 30), time(17, 45, 15, 250_000), time(23, 59, 59, 999_000)):
        qtime = QTime(moment.hour, moment.minute, moment.second, moment.microsecond // 1000)
        assert python_time(qtime) == moment == qtime.toPython()
