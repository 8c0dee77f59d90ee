"""Dates and times on screen: the one place the window formats them, with QLocale (weekday names in the
window's language), and in the centre's time zone.

The zone is the centre's (`centre.timezone`): the window's start sets it once the clerk has signed in
(`set_centre_zone`), and so does each signing in again (the next clerk may be of another centre); until
then it is the zone every new centre gets. The patterns are Qt's (QLocale
date/time format strings); the day-month-year order is the one receipts print (domain/centre_time).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, QTimeZone

from borgerservice_desk.domain.centre_time import centre_zone, local_time

DATE = "dd-MM-yyyy"  # also the display format of every date field
DAY_MONTH = "dd-MM"
TIME = "HH:mm"
DATE_TIME = f"{DATE} {TIME}"
WEEKDAY_DATE = f"ddd {DATE}"  # "fre. 27-11-2026"
WEEKDAY_DAY_MONTH = f"ddd {DAY_MONTH}"

_zone: ZoneInfo = centre_zone()


def set_centre_zone(zone: ZoneInfo) -> None:
    global _zone
    _zone = zone


def current_zone() -> ZoneInfo:
    return _zone


def local(moment: datetime) -> datetime:
    """`moment` in the centre's time zone."""
    return local_time(moment, _zone)


def date_text(day: date | None, pattern: str = DATE) -> str:
    """A calendar day (no zone: it already is the centre's local date); "" for none."""
    if day is None:
        return ""
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


def moment_text(moment: datetime | None, pattern: str = DATE_TIME) -> str:
    """An instant as the centre's local date and/or time; "" for none."""
    if moment is None:
        return ""
    value = local(moment)
    # The wall-clock reading as is: UTC only so Qt does not move it through the machine's own zone.
    shown = QDateTime(
        QDate(value.year, value.month, value.day), QTime(value.hour, value.minute, value.second), QTimeZone.utc()
    )
    return QLocale().toString(shown, pattern)


def time_text(moment: datetime | None) -> str:
    """HH:mm in the centre's time zone."""
    return moment_text(moment, TIME)


def weekday_name(day: date) -> str:
    """The short weekday name in the window's language."""
    return QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
