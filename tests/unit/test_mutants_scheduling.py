"""Scheduling pinned by unit tests where mutation testing (`make mutate`) found it reached only through
the booking service: which days of a month are free or closed, every free time of one day, the default
and exact limits, and the closing-time boundary."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta

import pytest

from borgerservice_desk.domain.scheduling import day_availability, free_times, free_times_on_day
from tests.unit.test_scheduling import HOURS, MONDAY, ZONE, at, plan

FRIDAY = MONDAY + timedelta(days=4)


def test_the_days_of_a_week_are_free_shut_or_full() -> None:
    full_tuesday = plan(1, (at(MONDAY + timedelta(days=1), 9), at(MONDAY + timedelta(days=1), 15)))
    days = day_availability(
        service="mitid", minutes=15, counters=[full_tuesday, plan(2, services=frozenset({"passport"}))],
        hours=HOURS, closed=[MONDAY + timedelta(days=2)], zone=ZONE, earliest=at(MONDAY, 8),
        first=MONDAY, last=MONDAY + timedelta(days=6),
    )
    assert (days.first, days.last) == (MONDAY, MONDAY + timedelta(days=6))
    assert days.free == frozenset({MONDAY, MONDAY + timedelta(days=3), FRIDAY})
    assert days.closed == frozenset({MONDAY + timedelta(days=2), MONDAY + timedelta(days=5), MONDAY + timedelta(days=6)})


def test_a_day_whose_last_time_fits_exactly_before_closing_is_free() -> None:
    days = day_availability(
        service="mitid", minutes=15, counters=[plan(1)], hours=HOURS, closed=[], zone=ZONE,
        earliest=at(FRIDAY, 14, 45), first=FRIDAY, last=FRIDAY,
    )
    assert days.free == frozenset({FRIDAY})


def test_every_free_time_of_one_day_on_every_counter_that_serves() -> None:
    busy = plan(1, (at(MONDAY, 9), at(MONDAY, 14, 30)))
    found = free_times_on_day(
        service="mitid", minutes=15, counters=[busy, plan(2), plan(3, services=frozenset({"passport"}))],
        hours=HOURS, closed=[], zone=ZONE, earliest=at(MONDAY, 14, 30), day=MONDAY,
    )
    assert [(f.starts_at, f.ends_at, f.counter_id) for f in found] == [
        (at(MONDAY, 14, 30), at(MONDAY, 14, 45), 1),
        (at(MONDAY, 14, 30), at(MONDAY, 14, 45), 2),
        (at(MONDAY, 14, 35), at(MONDAY, 14, 50), 1),
        (at(MONDAY, 14, 35), at(MONDAY, 14, 50), 2),
        (at(MONDAY, 14, 40), at(MONDAY, 14, 55), 1),
        (at(MONDAY, 14, 40), at(MONDAY, 14, 55), 2),
        (at(MONDAY, 14, 45), at(MONDAY, 15), 1),
        (at(MONDAY, 14, 45), at(MONDAY, 15), 2),
    ]
    assert free_times_on_day(
        service="mitid", minutes=15, counters=[plan(1)], hours=HOURS, closed=[MONDAY], zone=ZONE,
        earliest=at(MONDAY, 8), day=MONDAY,
    ) == []


def test_ten_free_times_by_default_and_exactly_the_limit_asked_for() -> None:
    def first(**limit: int) -> list[object]:
        return list(free_times(service="mitid", minutes=15, counters=[plan(1), plan(2)], hours=HOURS, closed=[],
                               zone=ZONE, earliest=at(MONDAY, 14, 40), until=MONDAY + timedelta(days=30), **limit))

    assert len(first()) == 10
    three = first(limit=3)
    assert [(f.starts_at, f.counter_id) for f in three] == [(at(MONDAY, 14, 40), 1), (at(MONDAY, 14, 45), 1), (at(MONDAY + timedelta(days=1), 9), 1)]  # type: ignore[attr-defined]


def test_the_search_stops_at_its_last_day_and_includes_it() -> None:
    found = free_times(service="mitid", minutes=15, counters=[plan(1)], hours=HOURS, closed=[], zone=ZONE,
                       earliest=at(FRIDAY, 14, 50), until=FRIDAY + timedelta(days=3), limit=2)
    assert [f.starts_at for f in found] == [at(FRIDAY + timedelta(days=3), 9), at(FRIDAY + timedelta(days=3), 9, 5)]
    assert free_times(service="mitid", minutes=15, counters=[plan(1)], hours=HOURS, closed=[], zone=ZONE,
                      earliest=at(FRIDAY, 14, 50), until=FRIDAY + timedelta(days=2), limit=2) == []


def test_a_search_from_a_moment_on_the_slot_grid_starts_there() -> None:
    found = free_times(service="mitid", minutes=15, counters=[plan(1)], hours=HOURS, closed=[], zone=ZONE,
                       earliest=at(MONDAY, 10, 5), until=MONDAY, limit=1)
    assert found[0].starts_at == at(MONDAY, 10, 5)
    found = free_times(service="mitid", minutes=15, counters=[plan(1)], hours=HOURS, closed=[], zone=ZONE,
                       earliest=at(MONDAY, 10, 6), until=MONDAY, limit=1)
    assert found[0].starts_at == at(MONDAY, 10, 10)


@pytest.fixture(params=["Europe/Copenhagen", "Pacific/Kiritimati"])
def machine_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The desk PC's own time zone: Copenhagen as at the counter, or one whose date is already tomorrow
    (UTC+14) while the centre is still open."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def test_free_times_follow_the_centres_zone_and_come_in_utc_whatever_the_machines_zone(machine_zone: str) -> None:
    # Monday 14:40 in Copenhagen is Tuesday 03:40 on a UTC+14 machine: the centre's Monday is what counts.
    afternoon = free_times(service="mitid", minutes=15, counters=[plan(1)], hours=HOURS, closed=[], zone=ZONE,
                           earliest=at(MONDAY, 14, 40), until=MONDAY + timedelta(days=1), limit=3)
    assert [f.starts_at for f in afternoon] == [at(MONDAY, 14, 40), at(MONDAY, 14, 45), at(MONDAY + timedelta(days=1), 9)]
    # Stored and compared as UTC: a time in the machine's zone would be the same instant, spelled otherwise.
    assert {(f.starts_at.utcoffset(), f.ends_at.utcoffset()) for f in afternoon} == {(timedelta(0), timedelta(0))}
    morning = free_times_on_day(service="mitid", minutes=15, counters=[plan(1)], hours=HOURS, closed=[], zone=ZONE,
                                earliest=at(MONDAY, 7), day=MONDAY)
    assert morning[0].starts_at == at(MONDAY, 9) and morning[0].starts_at.utcoffset() == timedelta(0)
