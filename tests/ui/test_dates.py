"""Dates and times on screen: one formatter (ui/dates.py) with QLocale, in the centre's own time zone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale

from borgerservice_desk.domain.centre_time import DEFAULT_TIMEZONE
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.services.appointments import AppointmentRow
from ui import dates

# 09:41 UTC on Friday 27 November 2026: 10:41 in Copenhagen, 09:41 in the Faroes.
MOMENT = datetime(2026, 11, 27, 9, 41, tzinfo=UTC)


@pytest.fixture
def faroe() -> Iterator[None]:
    dates.set_centre_zone(ZoneInfo("Atlantic/Faroe"))
    yield
    dates.set_centre_zone(ZoneInfo(DEFAULT_TIMEZONE))


@pytest.fixture
def locale() -> Iterator[None]:
    previous = QLocale()
    yield
    QLocale.setDefault(previous)


def test_the_patterns_the_clerks_know(locale: None) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    assert dates.current_zone().key == DEFAULT_TIMEZONE
    assert dates.date_text(date(2026, 11, 27)) == "27-11-2026"
    assert dates.date_text(None) == "" and dates.moment_text(None) == ""
    assert dates.moment_text(MOMENT) == "27-11-2026 10:41"
    assert dates.time_text(MOMENT) == "10:41"
    # Summer time: 10:15 UTC in July is 12:15 in Copenhagen.
    assert dates.time_text(datetime(2026, 7, 1, 10, 15, tzinfo=UTC)) == "12:15"


def test_weekday_names_are_in_the_windows_language(locale: None) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
    assert dates.moment_text(MOMENT, "ddd dd-MM ") == "fre. 27-11 "
    assert dates.date_text(date(2026, 11, 27), "ddd dd-MM-yyyy") == "fre. 27-11-2026"
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    assert dates.date_text(date(2026, 11, 27), "ddd dd-MM-yyyy") == "Fri 27-11-2026"


def test_summer_time_starts_at_the_centres_own_moment(faroe: None) -> None:
    # The Faroes move from UTC+0 to UTC+1 at 01:00 UTC on 29 March 2026. 02:30 there is inside a Danish
    # machine's own gap (02:00-03:00 CET): the reading must not pass through the machine's zone.
    assert dates.moment_text(datetime(2026, 3, 29, 1, 30, tzinfo=UTC)) == "29-03-2026 02:30"
    assert dates.moment_text(datetime(2026, 3, 29, 0, 30, tzinfo=UTC)) == "29-03-2026 00:30"


def test_times_on_screen_follow_the_centres_zone(faroe: None) -> None:
    from ui.messages import describe_error
    from ui.models import AppointmentModel

    assert dates.moment_text(MOMENT) == "27-11-2026 09:41"
    refusal = RuleViolation("booking.too_soon", earliest=MOMENT.isoformat())
    assert "27-11-2026 09:41" in describe_error(refusal)

    model = AppointmentModel("en")
    model.set_rows([_appointment(MOMENT)])
    assert model.index(0, 0).data() == "09:41-10:01"


def _appointment(starts_at: datetime) -> AppointmentRow:
    return AppointmentRow(
        id=1, starts_at=starts_at, ends_at=starts_at + timedelta(minutes=20), booking_code="ABC123",
        service_code="passport", service_da="Pas", service_en="Passport", counter="Skranke 1", citizen_id=1,
        citizen_name="Anne Sørensen", cpr_masked=None, status=AppointmentStatus.BOOKED, visit_id=None,
    )


def test_the_readers_time_limit_is_told_in_the_clerks_numbers(locale: None) -> None:
    from borgerservice_desk.errors import InvalidInput
    from ui.messages import describe_error

    QLocale.setDefault(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
    assert "(4 s)" in describe_error(InvalidInput("scan.no_mrz_in_time", seconds=4.0))
    assert "(0,5 s)" in describe_error(InvalidInput("scan.no_mrz_in_time", seconds=0.5))
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    assert "(0.5 s)" in describe_error(InvalidInput("scan.no_mrz_in_time", seconds=0.5))
