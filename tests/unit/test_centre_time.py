"""The centre's local time: which zone a centre without one gets, that a moment without a known offset is
refused (its instant is unknown), and the day-month-year and hour:minute the clerks and citizens read."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest

from borgerservice_desk.domain.centre_time import (
    centre_zone,
    format_date_time,
    format_time,
    local_time,
    local_today,
)

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
FAROE = ZoneInfo("Atlantic/Faroe")


class _NoOffset(tzinfo):
    """A zone that does not know its offset: `tzinfo` is set, yet the moment's instant is unknown."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        return None


@pytest.mark.parametrize("name", [None, ""])
def test_a_centre_without_a_zone_keeps_copenhagen_time(name: str | None) -> None:
    assert centre_zone(name) == COPENHAGEN


def test_a_centre_keeps_the_zone_it_names() -> None:
    assert centre_zone("Atlantic/Faroe") == FAROE


def test_a_naive_moment_is_refused() -> None:
    # The whole message, as the log shows it to whoever calls this with a naive moment.
    with pytest.raises(ValueError, match=r"^a local time needs a timezone-aware moment$"):
        local_time(datetime(2026, 7, 1, 10, 15), COPENHAGEN)


def test_a_moment_whose_zone_knows_no_offset_is_refused_too() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        local_time(datetime(2026, 7, 1, 10, 15, tzinfo=_NoOffset()), COPENHAGEN)


def test_the_local_day_turns_at_local_midnight_not_at_utc_midnight() -> None:
    # 23:30 UTC on 28 March 2026 is 00:30 on the 29th in Copenhagen (winter time, UTC+1).
    late_evening_utc = datetime(2026, 3, 28, 23, 30, tzinfo=UTC)
    assert local_today(late_evening_utc, COPENHAGEN) == date(2026, 3, 29)
    assert local_today(late_evening_utc - timedelta(hours=1), COPENHAGEN) == date(2026, 3, 28)
    # In the Faroes (UTC+0 in winter) it is still the 28th.
    assert local_today(late_evening_utc, FAROE) == date(2026, 3, 28)


def test_date_and_time_read_day_month_year_and_24_hour_time_with_leading_zeros() -> None:
    # Summer time (UTC+2): 07:05 UTC is 09:05 in Copenhagen.
    moment = datetime(2026, 7, 3, 7, 5, tzinfo=UTC)
    assert format_date_time(moment, COPENHAGEN) == "03-07-2026 09:05"
    assert format_time(moment, COPENHAGEN) == "09:05"
    assert format_time(datetime(2026, 7, 3, 20, 45, tzinfo=UTC), COPENHAGEN) == "22:45"


def test_formatting_a_naive_moment_is_refused() -> None:
    with pytest.raises(ValueError):
        format_date_time(datetime(2026, 7, 3, 7, 5), COPENHAGEN)
    with pytest.raises(ValueError):
        format_time(datetime(2026, 7, 3, 7, 5), COPENHAGEN)
