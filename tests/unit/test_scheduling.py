from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from borgerservice_desk.domain.scheduling import (
    CounterPlan,
    Interval,
    OpeningHours,
    free_times,
    on_its_day,
)

ZONE = ZoneInfo("Europe/Copenhagen")
HOURS = OpeningHours({0: (time(9), time(15)), 1: (time(9), time(15)), 2: (time(9), time(15)),
                      3: (time(9), time(17, 30)), 4: (time(9), time(15))})
MONDAY = date(2026, 11, 30)


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), ZONE).astimezone(UTC)


def plan(id_: int, *booked: tuple[datetime, datetime], services: frozenset[str] = frozenset({"mitid"}), absent: frozenset[date] = frozenset()) -> CounterPlan:
    return CounterPlan(id_, services, absent, tuple(Interval(s, e) for s, e in booked))


def find(counters: list[CounterPlan], earliest: datetime, closed: set[date] | None = None, limit: int = 3, minutes: int = 15):  # type: ignore[no-untyped-def]
    return free_times(service="mitid", minutes=minutes, counters=counters, hours=HOURS, closed=closed or set(),
                      zone=ZONE, earliest=earliest, until=earliest.date() + timedelta(days=30), limit=limit)


def test_the_first_free_time_is_the_opening_on_an_empty_day() -> None:
    assert [f.starts_at for f in find([plan(1)], at(MONDAY, 7))] == [at(MONDAY, 9), at(MONDAY, 9, 5), at(MONDAY, 9, 10)]


def test_a_booking_pushes_the_counter_but_another_counter_is_free() -> None:
    busy = plan(1, (at(MONDAY, 9), at(MONDAY, 9, 30)))
    assert find([busy], at(MONDAY, 8), limit=1)[0].starts_at == at(MONDAY, 9, 30)
    first = find([busy, plan(2)], at(MONDAY, 8), limit=1)[0]
    assert (first.starts_at, first.counter_id) == (at(MONDAY, 9), 2)


def test_the_appointment_must_end_before_closing() -> None:
    last = find([plan(1)], at(MONDAY, 14, 50), limit=5, minutes=15)
    assert last[0].starts_at == at(MONDAY + timedelta(days=1), 9)  # 14:50 + 15 min is past 15:00


def test_weekends_holidays_and_closures_are_skipped() -> None:
    saturday = date(2026, 12, 5)
    found = find([plan(1)], at(saturday, 10), closed={date(2026, 12, 7)}, limit=1)
    assert found[0].starts_at == at(date(2026, 12, 8), 9)


def test_an_absent_counter_and_a_counter_without_the_service_are_not_offered() -> None:
    found = find([plan(1, absent=frozenset({MONDAY})), plan(2, services=frozenset({"passport"}))], at(MONDAY, 8), limit=1)
    assert found[0].starts_at == at(MONDAY + timedelta(days=1), 9) and found[0].counter_id == 1


def test_the_long_thursday() -> None:
    thursday = date(2026, 12, 3)
    found = find([plan(1)], at(thursday, 17), limit=2)
    assert [f.starts_at for f in found] == [at(thursday, 17), at(thursday, 17, 5)]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.tuples(st.integers(0, 80), st.integers(1, 6)), max_size=12), min_size=1, max_size=4))
def test_the_fast_search_finds_exactly_what_checking_every_slot_finds(layout: list[list[tuple[int, int]]]) -> None:
    """Bookings laid out at random (5-minute units from 09:00 Monday, never overlapping on a counter):
    the bisect search must give the same first free times as checking every booking of every counter."""
    counters = []
    for cid, wanted in enumerate(layout, start=1):
        taken: list[Interval] = []
        for offset, units in wanted:
            start, end = at(MONDAY, 9) + timedelta(minutes=5 * offset), at(MONDAY, 9) + timedelta(minutes=5 * (offset + units))
            if end <= at(MONDAY, 15) and not any(b.overlaps(start, end) for b in taken):
                taken.append(Interval(start, end))
        counters.append(CounterPlan(cid, frozenset({"mitid"}), frozenset(), tuple(taken)))
    fast = find(counters, at(MONDAY, 9), limit=20)
    slow = []
    slot = at(MONDAY, 9)
    while len(slow) < 20 and slot + timedelta(minutes=15) <= at(MONDAY, 15):
        for counter in counters:
            if not any(b.overlaps(slot, slot + timedelta(minutes=15)) for b in counter.booked):
                slow.append((slot, counter.id))
                break
        slot += timedelta(minutes=5)
    assert [(f.starts_at, f.counter_id) for f in fast][: len(slow)] == slow


def test_no_show_is_allowed_only_after_the_end_of_the_late_window() -> None:
    from borgerservice_desk.domain.scheduling import no_show_allowed

    starts = at(MONDAY, 10)
    late = timedelta(minutes=10)
    assert not no_show_allowed(starts, starts + late, late)  # exactly at the end: still in time
    assert no_show_allowed(starts, starts + late + timedelta(microseconds=1), late)  # a moment after: given up
    assert not no_show_allowed(starts, starts - timedelta(minutes=30), late)  # before the start


def test_an_appointment_is_checked_in_on_its_own_local_day_only() -> None:
    """Any hour of the booked day (early or late is the clerk's call), never the day before or after; and the
    day is Copenhagen's, not UTC's: 00:30 local on Tuesday is still Monday in UTC."""
    booked = at(MONDAY, 9)
    assert on_its_day(booked, at(MONDAY, 0, 5), ZONE)  # the first minutes of the day
    assert on_its_day(booked, at(MONDAY, 23, 55), ZONE)
    assert not on_its_day(booked, at(MONDAY - timedelta(days=1), 23, 55), ZONE)
    assert not on_its_day(booked, at(MONDAY + timedelta(days=1), 0, 5), ZONE)  # 23:05 on Monday in UTC
    assert not on_its_day(booked, at(MONDAY + timedelta(days=7), 9), ZONE)  # the same time next week
    late_evening = datetime.combine(MONDAY, time(23, 30), ZONE).astimezone(UTC)  # Monday 22:30 in UTC
    assert not on_its_day(at(MONDAY + timedelta(days=1), 0, 30), late_evening, ZONE)
