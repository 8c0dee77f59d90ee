"""Choosing a day to book: which days have free times and which are closed, and the free times of one
day per counter, on both databases. The fixed clock is Friday 27 November 2026, 10:00 in Copenhagen, so
Christmas (25 December, a Friday, is a public holiday; 26 December falls on a Saturday) is near."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event, select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Appointment, Centre, Citizen
from tests.conftest import NOW, TODAY
from tests.support.refusals import refused_with

ZONE = ZoneInfo("Europe/Copenhagen")
DECEMBER = (date(2026, 12, 1), date(2026, 12, 31))
CHRISTMAS = date(2026, 12, 25)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _free_citizen(services: Services) -> int:
    with services.db.read() as session:
        citizen = session.scalars(select(Citizen.id).where(Citizen.id.not_in(select(Appointment.citizen_id)))).first()
        assert citizen is not None
        return citizen


def test_december_marks_weekends_and_christmas_closed_and_the_working_days_free(
    services: Services, clerk: ClerkContext
) -> None:
    days = services.booking.day_availability(clerk, "mitid", *DECEMBER)
    weekends = {d for d in _days(*DECEMBER) if d.weekday() >= 5}
    assert days.closed == weekends | {CHRISTMAS}  # 26 December is a Saturday anyway; 24 and 31 are working days
    assert days.free == set(_days(*DECEMBER)) - days.closed
    assert date(2026, 12, 24) in days.free and date(2026, 12, 31) in days.free


def test_new_year_and_a_local_closure_are_closed_and_a_counter_absence_is_not(
    services: Services, clerk: ClerkContext
) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    services.settings.add_closure(supervisor, date(2026, 12, 30), None, "Personaledag")
    services.settings.add_closure(supervisor, date(2026, 12, 29), 1, "Kursus")
    days = services.booking.day_availability(clerk, "mitid", date(2026, 12, 28), date(2027, 1, 4))
    assert days.closed == {date(2026, 12, 30), date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 3)}
    assert days.free == {date(2026, 12, 28), date(2026, 12, 29), date(2026, 12, 31), date(2027, 1, 4)}
    on_29th = services.booking.free_on_day(clerk, "mitid", date(2026, 12, 29))
    assert on_29th and all(f.counter_id != 1 for f in on_29th)  # the absent counter offers nothing that day
    assert services.booking.free_on_day(clerk, "mitid", date(2026, 12, 30)) == []


def test_past_days_and_the_minimum_notice_are_not_free(services: Services, clerk: ClerkContext) -> None:
    days = services.booking.day_availability(clerk, "mitid", TODAY - timedelta(days=3), TODAY + timedelta(days=3))
    assert not days.free & {TODAY - timedelta(days=n) for n in range(1, 4)}
    earliest = NOW + services.booking.min_notice()
    today = services.booking.free_on_day(clerk, "mitid", TODAY)
    assert all(f.starts_at >= earliest for f in today)
    assert (TODAY in days.free) == bool(today)


def test_one_days_free_times_name_every_free_counter_and_agree_with_next_free(
    services: Services, clerk: ClerkContext
) -> None:
    first = services.booking.next_free(clerk, "residence", limit=1)[0]
    day = first.starts_at.astimezone(ZONE).date()
    assert min(services.booking.day_availability(clerk, "residence", TODAY, TODAY + timedelta(days=14)).free) == day
    free = services.booking.free_on_day(clerk, "residence", day)
    assert free[0].starts_at == first.starts_at
    assert [f.starts_at for f in free] == sorted(f.starts_at for f in free)
    assert all(f.counter_id != 4 for f in free)  # the last counter does not do residence documents
    monday = date(2026, 12, 7)
    at_eleven = datetime.combine(monday, time(11), ZONE).astimezone(UTC)
    before = {f.counter_id for f in services.booking.free_on_day(clerk, "mitid", monday) if f.starts_at == at_eleven}
    assert before == {1, 2, 3, 4}
    services.booking.book(clerk, _free_citizen(services), "mitid", at_eleven, counter_id=2)
    after = {f.counter_id for f in services.booking.free_on_day(clerk, "mitid", monday) if f.starts_at == at_eleven}
    assert after == {1, 3, 4}


def test_a_month_of_availability_reads_the_bookings_in_one_query(services: Services, clerk: ClerkContext) -> None:
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "FROM appointment" in statement:
            statements.append(statement)

    engine = services.db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        services.booking.day_availability(clerk, "mitid", *DECEMBER)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == 1


# Easter 2027 as the `holidays` library gives Denmark's public holidays: Maundy Thursday 25 March, Good
# Friday 26 March and Easter Monday 29 March (written out here; the booking reads them from the library).
EASTER_2027 = (date(2027, 3, 25), date(2027, 3, 26), date(2027, 3, 29))


def test_the_free_time_search_skips_public_holidays_it_reads_from_the_holiday_calendar(
    services: Services, clerk: ClerkContext
) -> None:
    """No closed day is passed in: the service finds Easter itself."""
    after_closing = datetime.combine(date(2027, 3, 24), time(16), ZONE).astimezone(UTC)  # Wednesday evening
    free = services.booking.next_free(clerk, "mitid", earliest=after_closing, limit=3)
    assert [f.starts_at.astimezone(ZONE).date() for f in free] == [date(2027, 3, 30)] * 3
    assert free[0].starts_at == datetime.combine(date(2027, 3, 30), time(9), ZONE).astimezone(UTC)
    for holiday in EASTER_2027:
        assert services.booking.free_on_day(clerk, "mitid", holiday) == []
    days = services.booking.day_availability(clerk, "mitid", date(2027, 3, 22), date(2027, 3, 31))
    assert days.closed == {*EASTER_2027, date(2027, 3, 27), date(2027, 3, 28)}


def test_a_booking_on_a_public_holiday_is_refused_as_closed(services: Services, clerk: ClerkContext) -> None:
    citizen = _free_citizen(services)
    for holiday in (CHRISTMAS, *EASTER_2027):
        at_ten = datetime.combine(holiday, time(10), ZONE).astimezone(UTC)
        for counter in (None, 1):  # the first free counter, or one named
            with pytest.raises(RuleViolation) as caught:
                services.booking.book(clerk, citizen, "mitid", at_ten, counter_id=counter)
            assert caught.value.code == "booking.closed", (holiday, counter)
    # The working day after Easter is bookable as usual.
    booked = services.booking.book(clerk, citizen, "mitid", datetime.combine(date(2027, 3, 30), time(10), ZONE).astimezone(UTC))
    assert booked.counter_id == 1


def _move_centre(services: Services, clerk: ClerkContext, zone: ZoneInfo) -> None:
    with services.db.unit_of_work() as uow:
        centre = uow.session.get(Centre, clerk.centre_id)
        assert centre is not None
        centre.timezone = zone.key
        uow.commit()


@pytest.mark.parametrize("zone", [ZoneInfo("Pacific/Auckland"), ZoneInfo("Pacific/Honolulu")])
def test_a_days_free_times_are_its_local_opening_hours_and_skip_its_local_bookings_wherever_the_centre_is(
    services: Services, clerk: ClerkContext, zone: ZoneInfo
) -> None:
    """Auckland's Tuesday begins at 11:00 UTC on Monday, Honolulu's ends at 10:00 UTC on Wednesday: the day
    is the centre's, not UTC's, from its first free time to the bookings that take the last ones."""
    _move_centre(services, clerk, zone)
    tuesday = TODAY + timedelta(days=11)
    late = datetime.combine(tuesday, time(14), zone).astimezone(UTC)  # for Honolulu: midnight UTC
    services.booking.book(clerk, _free_citizen(services), "mitid", late, counter_id=1)

    free = services.booking.free_on_day(clerk, "mitid", tuesday)

    local = [f.starts_at.astimezone(zone) for f in free]
    assert {t.date() for t in local} == {tuesday}
    assert min(local).time() == time(9) and max(local).time() == time(14, 45)
    assert (late, 1) not in {(f.starts_at, f.counter_id) for f in free}
    assert (late, 2) in {(f.starts_at, f.counter_id) for f in free}


@pytest.mark.parametrize(("zone", "opens"), [(ZoneInfo("Pacific/Auckland"), time(11)), (ZoneInfo("Pacific/Honolulu"), time(14))])
def test_a_day_whose_one_time_is_booked_is_no_longer_free_wherever_the_centre_is(
    services: Services, clerk: ClerkContext, zone: ZoneInfo, opens: time
) -> None:
    """One counter serves MitID, on Tuesdays only, for a quarter of an hour: Auckland's before 13:00 (when
    its Tuesday is already an hour into UTC's), Honolulu's at 14:00 (midnight UTC, still its Tuesday)."""
    _move_centre(services, clerk, zone)
    supervisor = services.auth.sign_in("supervisor", "demo")
    closes = (datetime.combine(TODAY, opens) + timedelta(minutes=15)).time()
    services.settings.set_opening_hours(supervisor, {0: None, 1: (opens, closes), 2: None, 3: None, 4: None})
    mitid = next(service_id for service_id, code in services.booking.service_ids() if code == "mitid")
    offers = services.settings.counter_services(supervisor)
    services.settings.set_counter_services(supervisor, {(c, s) for c, s in offers if s != mitid or c == 1})
    tuesday = TODAY + timedelta(days=11)

    before = services.booking.day_availability(clerk, "mitid", tuesday, tuesday)  # one day: first is last
    assert (before.free, before.closed) == ({tuesday}, set())
    services.booking.book(clerk, _free_citizen(services), "mitid", datetime.combine(tuesday, opens, zone).astimezone(UTC))
    after = services.booking.day_availability(clerk, "mitid", tuesday - timedelta(days=1), tuesday)
    assert (after.free, after.closed) == (set(), {tuesday - timedelta(days=1)})
    with pytest.raises(ValueError, match=r"^last before first$"):
        services.booking.day_availability(clerk, "mitid", tuesday, tuesday - timedelta(days=1))


def test_a_counter_named_on_its_absent_day_is_refused_and_another_counter_that_day_is_not(
    services: Services, clerk: ClerkContext
) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    monday = TODAY + timedelta(days=10)
    services.settings.add_closure(supervisor, monday, 1, "Skranke 1 away")
    at = datetime.combine(monday, time(11), ZONE).astimezone(UTC)
    with refused_with("booking.closed", RuleViolation):
        services.booking.book(clerk, _free_citizen(services), "mitid", at, counter_id=1)
    assert services.booking.book(clerk, _free_citizen(services), "mitid", at, counter_id=2).counter_id == 2
