"""Finding free appointment times: opening hours, closed days, counters and what they serve.

Pure functions over plain values. The database enforces the one rule that must hold under concurrency
(no two bookings on one counter at overlapping times); this module finds times that are free as far as
it can see, earliest first.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SLOT_STEP = timedelta(minutes=5)


@dataclass(frozen=True)
class OpeningHours:
    """Per weekday (Monday = 0) the hours the centre is open; a weekday missing is closed."""

    by_weekday: Mapping[int, tuple[time, time]]

    def on(self, day: date) -> tuple[time, time] | None:
        return self.by_weekday.get(day.weekday())


@dataclass(frozen=True)
class Interval:
    start: datetime
    end: datetime

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.start < end and start < self.end


@dataclass(frozen=True)
class CounterPlan:
    """One counter as the booking sees it: what it serves, when it is away, what is booked."""

    id: int
    services: frozenset[str]
    absent: frozenset[date]
    booked: tuple[Interval, ...]


@dataclass(frozen=True)
class FreeTime:
    starts_at: datetime
    ends_at: datetime
    counter_id: int


def free_times(
    *,
    service: str,
    minutes: int,
    counters: Sequence[CounterPlan],
    hours: OpeningHours,
    closed: Iterable[date],
    zone: ZoneInfo,
    earliest: datetime,
    until: date,
    limit: int = 10,
) -> list[FreeTime]:
    """The first `limit` free times for `service`, earliest first, across the counters that serve it.

    A time is free on a counter when the counter serves the service, the centre is open for the whole
    length, the day is not closed for the centre or the counter, and no booking on that counter overlaps.
    """
    closed_days = set(closed)
    length = timedelta(minutes=minutes)
    serving = [c for c in counters if service in c.services]
    found: list[FreeTime] = []
    day = earliest.astimezone(zone).date()
    while day <= until and len(found) < limit:
        opening = opening_on(day, hours, closed_days)
        if opening is not None:
            found.extend(_free_on_day(day, opening, serving, length, zone, earliest, limit - len(found)))
        day += timedelta(days=1)
    return found[:limit]


def opening_on(day: date, hours: OpeningHours, closed: Set[date]) -> tuple[time, time] | None:
    """The centre's hours on `day`, or None when it is closed: a weekday without hours (the weekend), a
    public holiday or a local closure (both in `closed`)."""
    return None if day in closed else hours.on(day)


@dataclass(frozen=True)
class DayAvailability:
    """For a range of days and one service: the days with at least one free time, and the closed days."""

    first: date
    last: date
    free: frozenset[date]
    closed: frozenset[date]


def day_availability(
    *,
    service: str,
    minutes: int,
    counters: Sequence[CounterPlan],
    hours: OpeningHours,
    closed: Iterable[date],
    zone: ZoneInfo,
    earliest: datetime,
    first: date,
    last: date,
) -> DayAvailability:
    """Which days in [first, last] have a free time for `service` (at or after `earliest`), and which are
    closed. A day that is open but fully booked, or already past, is in neither set."""
    closed_days = set(closed)
    length = timedelta(minutes=minutes)
    serving = [c for c in counters if service in c.services]
    free: set[date] = set()
    shut: set[date] = set()
    day = first
    while day <= last:
        opening = opening_on(day, hours, closed_days)
        if opening is None:
            shut.add(day)
        elif any(True for _ in _free_on_day(day, opening, serving, length, zone, earliest, 1)):
            free.add(day)
        day += timedelta(days=1)
    return DayAvailability(first, last, frozenset(free), frozenset(shut))


def free_times_on_day(
    *,
    service: str,
    minutes: int,
    counters: Sequence[CounterPlan],
    hours: OpeningHours,
    closed: Iterable[date],
    zone: ZoneInfo,
    earliest: datetime,
    day: date,
) -> list[FreeTime]:
    """Every free time on `day` for `service`, on every counter that is free then: earliest first, and
    at one time in the order of the counters given."""
    opening = opening_on(day, hours, set(closed))
    if opening is None:
        return []
    serving = [c for c in counters if service in c.services]
    return list(
        _free_on_day(day, opening, serving, timedelta(minutes=minutes), zone, earliest, None, every_counter=True)
    )


def _free_on_day(
    day: date,
    opening: tuple[time, time],
    counters: Sequence[CounterPlan],
    length: timedelta,
    zone: ZoneInfo,
    earliest: datetime,
    limit: int | None,
    *,
    every_counter: bool = False,
) -> Iterator[FreeTime]:
    """Free times on one open day, earliest first: the first free counter at each time, or with
    `every_counter` each free counter at that time. `limit` None: all of them."""
    opens = datetime.combine(day, opening[0], zone).astimezone(UTC)
    closes = datetime.combine(day, opening[1], zone).astimezone(UTC)
    start = max(opens, _round_up(earliest.astimezone(UTC), opens))
    working = [c for c in counters if day not in c.absent]
    # Only bookings of this day matter. A counter's bookings never overlap (the database sees to it), so
    # sorted by start their ends are sorted too, and one bisect finds the only booking that can collide.
    days = {c.id: sorted((b for b in c.booked if b.overlaps(opens, closes)), key=lambda b: b.start) for c in working}
    starts = {cid: [b.start for b in bookings] for cid, bookings in days.items()}
    produced = 0
    while start + length <= closes and (limit is None or produced < limit):
        end = start + length
        for counter in working:
            before_end = bisect_left(starts[counter.id], end)  # bookings starting before this one ends
            if before_end == 0 or days[counter.id][before_end - 1].end <= start:
                yield FreeTime(start, end, counter.id)
                produced += 1
                if not every_counter or (limit is not None and produced >= limit):
                    break
        start += SLOT_STEP


def _round_up(moment: datetime, anchor: datetime) -> datetime:
    """The first slot boundary (every SLOT_STEP from the opening) at or after `moment`."""
    if moment <= anchor:
        return anchor
    steps = -(-(moment - anchor) // SLOT_STEP)
    return anchor + steps * SLOT_STEP


def on_its_day(starts_at: datetime, now: datetime, zone: ZoneInfo) -> bool:
    """Whether an appointment is checked in today: on the centre's local day it is booked for, at any hour of
    it (a clerk with time may serve an early citizen; a late one is the clerk's call too).

    Not on another day: a citizen who came a week early, checked in on next week's booking, would leave it
    checked in and never done, and the week's list would show a visit that never was on that day. The citizen
    is served as a walk-in if there is room, or the booking is moved."""
    return starts_at.astimezone(zone).date() == now.astimezone(zone).date()


def no_show_allowed(starts_at: datetime, now: datetime, late_window: timedelta) -> bool:
    """The one no-show rule: an appointment is given up once its late window past the start has gone by.

    Exactly at the end of the window the citizen is still in time (an arrival then is on time, and the
    appointment cannot yet be marked a no-show); any moment after, an arrival is late (the booking is given
    up and the citizen waits as a walk-in) and the clerk may mark the no-show."""
    return now > starts_at + late_window
