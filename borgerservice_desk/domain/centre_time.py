"""The centre's local time: the one home of the default time zone and of how the core writes a date and a
time (receipts, booking confirmations, the command line). The window formats through ui/dates.py with
QLocale instead, to the same pattern.

A centre keeps its own time zone (`centre.timezone`); DEFAULT_TIMEZONE is what a new centre gets and what
the `scan` command, which has no database, takes "today" in.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

# tzdata is a declared dependency, so this works on Windows too (no system tz database there).
DEFAULT_TIMEZONE = "Europe/Copenhagen"

# The day-month-year the clerks and the citizens read: on screen, on receipts, in confirmations.
DATE_PATTERN = "%d-%m-%Y"
TIME_PATTERN = "%H:%M"


def centre_zone(name: str | None = None) -> ZoneInfo:
    """The zone a centre names, or the default one."""
    return ZoneInfo(name or DEFAULT_TIMEZONE)


def local_time(moment: datetime, zone: ZoneInfo) -> datetime:
    """`moment` in the centre's local time; a naive datetime is refused because its instant is unknown."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a local time needs a timezone-aware moment")
    return moment.astimezone(zone)


def local_today(now: datetime, zone: ZoneInfo) -> date:
    return local_time(now, zone).date()


def format_date_time(moment: datetime, zone: ZoneInfo) -> str:
    """dd-mm-yyyy HH:MM in the centre's local time."""
    return local_time(moment, zone).strftime(f"{DATE_PATTERN} {TIME_PATTERN}")


def format_time(moment: datetime, zone: ZoneInfo) -> str:
    """HH:MM in the centre's local time."""
    return local_time(moment, zone).strftime(TIME_PATTERN)
