"""A closed day, a counter's absence or new opening hours set after bookings were made: the supervisor is
told which bookings it leaves outside the open time (they stay booked, for the clerks to move), each name
shown is a look-up in the audit trail, and a citizen who arrives for a booking at an absent counter is
called by another counter that serves the booking's service."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.errors import InvalidInput, NotFound
from borgerservice_desk.services.booking import Booking
from borgerservice_desk.services.centre_settings import BookingHit, HitBy
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Appointment, AuditEntry, Citizen
from tests.conftest import NOW
from tests.integration.test_booking import _citizens
from tests.support.clock import MovableClock
from tests.support.other_centre import add_other_centre

ZONE = ZoneInfo("Europe/Copenhagen")
MONDAY = date(2026, 11, 30)  # in the demo's days, with bookings at every counter
WEDNESDAY = date(2026, 12, 2)  # after the demo's days: every time free
THURSDAY = date(2026, 12, 3)  # the long Thursday (09:00-17:30), after the demo's days too


def _booked(services: Services, clerk: ClerkContext, citizen: int, service: str, day: date, counter: int,
            after: time) -> Booking:
    slot = next(f for f in services.booking.free_on_day(clerk, service, day)
                if f.counter_id == counter and f.starts_at.astimezone(ZONE).time() >= after)
    return services.booking.book(clerk, citizen, service, slot.starts_at, counter_id=counter)


def _still_booked(services: Services, clerk: ClerkContext, day: date, counter: str | None = None) -> list[int]:
    return [r.id for r in services.appointments.day(clerk, day)
            if r.status is AppointmentStatus.BOOKED and counter in (None, r.counter)]


def _hit_entries(services: Services) -> list[AuditEntry]:
    with services.db.read() as session:
        return list(session.scalars(
            select(AuditEntry).where(AuditEntry.action == "settings.booking_hit").order_by(AuditEntry.id)
        ))


def test_a_counters_absence_names_every_booking_it_hits_and_audits_each_name(
    services: Services, clerk: ClerkContext
) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    (citizen,) = _citizens(services, 1)
    booking = _booked(services, clerk, citizen, "mitid", MONDAY, 2, time(13))
    expected = _still_booked(services, clerk, MONDAY, "Skranke 2")
    cancelled = next(i for i in expected if i != booking.appointment_id)
    services.booking.cancel(clerk, cancelled)  # a cancelled booking needs nothing more
    expected.remove(cancelled)

    hits = services.settings.add_closure(supervisor, MONDAY, 2, "Sygdom")

    # Every booking still booked at Skranke 2 that Monday, and nothing else, in time order.
    assert [h.appointment_id for h in hits] == expected
    assert [h.starts_at for h in hits] == sorted(h.starts_at for h in hits)
    assert {(h.counter, h.starts_at.date(), h.why) for h in hits} == {("Skranke 2", MONDAY, HitBy.COUNTER_ABSENT)}
    mine = next(h for h in hits if h.appointment_id == booking.appointment_id)
    with services.db.read() as session:
        person = session.get(Citizen, citizen)
        assert person is not None
        name = f"{person.given_names} {person.surname}"
    # What the supervisor needs to hand it on: the code, the local time the citizen was given, where, what, who.
    assert mine == BookingHit(
        appointment_id=booking.appointment_id, booking_code=booking.booking_code,
        starts_at=booking.starts_at.astimezone(ZONE), ends_at=booking.ends_at.astimezone(ZONE), counter="Skranke 2",
        service_code="mitid", service_da="MitID", service_en="MitID", citizen_id=citizen, citizen_name=name,
        why=HitBy.COUNTER_ABSENT,
    )
    assert mine.starts_at.utcoffset() == timedelta(hours=1)  # the centre's own time, not UTC
    # The closure is saved as before and the bookings stay booked: moving them is a clerk's errand.
    assert [(c.day, c.counter, c.reason) for c in services.settings.closures(supervisor)] == [(MONDAY, "Skranke 2", "Sygdom")]
    assert _still_booked(services, clerk, MONDAY, "Skranke 2") == expected
    # Each name shown is a look at that citizen, by the supervisor.
    entries = _hit_entries(services)
    assert [(e.clerk_id, e.citizen_id, e.detail) for e in entries] == [
        (supervisor.clerk_id, h.citizen_id, {"appointment_id": h.appointment_id, "why": HitBy.COUNTER_ABSENT})
        for h in hits
    ]


def test_a_closed_day_for_the_centre_names_every_booking_that_day_at_every_counter(
    services: Services, clerk: ClerkContext
) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    (citizen,) = _citizens(services, 1)
    at = datetime.combine(MONDAY, time(13, 0), ZONE).astimezone(UTC)
    booking = services.booking.book(clerk, citizen, "mitid", at)
    expected = _still_booked(services, clerk, MONDAY)

    hits = services.settings.add_closure(supervisor, MONDAY, None, "Personaledag")

    assert sorted(h.appointment_id for h in hits) == sorted(expected)
    assert booking.appointment_id in {h.appointment_id for h in hits}
    assert len({h.counter for h in hits}) > 1  # not one counter's
    assert {(h.starts_at.date(), h.why) for h in hits} == {(MONDAY, HitBy.CENTRE_CLOSED)}
    assert len(_hit_entries(services)) == len(hits)


def test_a_closure_today_names_the_bookings_still_to_come_not_the_morning_s(
    services: Services, clerk: ClerkContext
) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    today = NOW.astimezone(ZONE).date()

    hits = services.settings.add_closure(supervisor, today, None, "Strømsvigt")

    with services.db.read() as session:
        ahead = list(session.scalars(
            select(Appointment.id).where(Appointment.status == AppointmentStatus.BOOKED, Appointment.ends_at > NOW,
                                         Appointment.starts_at < datetime.combine(today, time(23), ZONE))
        ))
    assert hits and sorted(h.appointment_id for h in hits) == sorted(ahead)
    assert all(h.ends_at > NOW for h in hits)
    assert len(_still_booked(services, clerk, today)) > len(hits)  # the morning's unmarked no-shows are left out


def test_a_closure_that_hits_nothing_says_so_and_a_refused_one_names_nobody(
    services: Services, clerk: ClerkContext
) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    other = add_other_centre(services.db)
    with pytest.raises(NotFound):
        services.settings.add_closure(supervisor, MONDAY, other.counter_id, "away")
    assert _hit_entries(services) == [] and services.settings.closures(supervisor) == []

    assert services.settings.add_closure(supervisor, MONDAY + timedelta(days=14), None, "Personaledag") == []
    assert _hit_entries(services) == []


def test_new_opening_hours_name_the_bookings_outside_them_and_only_those(services: Services, clerk: ClerkContext) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    first, second = _citizens(services, 2)
    late = _booked(services, clerk, first, "passport", THURSDAY, 1, time(16))  # in the long Thursday's evening
    early = _booked(services, clerk, second, "passport", THURSDAY, 1, time(10))
    ends_at_three = _booked(services, clerk, first, "health_card", THURSDAY, 3, time(14, 50))
    assert ends_at_three.ends_at.astimezone(ZONE).time() == time(15)

    # Thursday shortened to 15:00 (Friday given the same hours it has): the evening booking is outside.
    hits = services.settings.set_opening_hours(supervisor, {3: (time(9), time(15)), 4: (time(9), time(15))})

    assert [(h.appointment_id, h.booking_code, h.why) for h in hits] == [
        (late.appointment_id, late.booking_code, HitBy.OUTSIDE_HOURS)
    ]
    assert hits[0].starts_at == late.starts_at.astimezone(ZONE) and hits[0].counter == "Skranke 1"
    assert services.settings.opening_hours(supervisor)[3] == (time(9), time(15))
    assert _status(services, late.appointment_id) is AppointmentStatus.BOOKED  # left for the clerks to move
    assert early.appointment_id not in {h.appointment_id for h in hits}

    # A booking that starts before the opening counts too, and a weekday closed hits its whole day.
    hits = services.settings.set_opening_hours(supervisor, {3: (time(10, 30), time(15))})
    assert [h.appointment_id for h in hits] == [early.appointment_id, late.appointment_id]
    hits = services.settings.set_opening_hours(supervisor, {0: None})
    assert sorted(h.appointment_id for h in hits) == sorted(_still_booked(services, clerk, MONDAY))
    assert {h.starts_at.weekday() for h in hits} == {0}
    assert len(_hit_entries(services)) == 1 + 2 + len(hits)

    # A refused change saves nothing and names nobody, whatever it would have hit.
    before, entries = services.settings.opening_hours(supervisor), len(_hit_entries(services))
    with pytest.raises(InvalidInput):
        services.settings.set_opening_hours(supervisor, {3: None, 4: (time(15), time(9))})
    assert services.settings.opening_hours(supervisor) == before and len(_hit_entries(services)) == entries


def _status(services: Services, appointment_id: int) -> AppointmentStatus:
    with services.db.read() as session:
        appointment = session.get(Appointment, appointment_id)
        assert appointment is not None
        return appointment.status


# F6 and a counter that is absent ------------------------------------------------------------------------------


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(NOW)


@pytest.fixture
def desk(services: Services, clock: MovableClock, tmp_path: Path) -> Services:
    """The same database, on a clock the test moves to the Monday."""
    return build_services(services.db, Paths(tmp_path / "desk"), clock=clock)


def test_a_citizen_booked_at_an_absent_counter_is_called_by_a_counter_serving_the_service(
    desk: Services, clerk: ClerkContext, clock: MovableClock
) -> None:
    supervisor = desk.auth.sign_in("supervisor", "demo")
    (citizen,) = _citizens(desk, 1)
    booking = _booked(desk, clerk, citizen, "mitid", MONDAY, 2, time(13))
    desk.settings.add_closure(supervisor, MONDAY, 2, "Sygdom")  # learnt on Friday: Skranke 2's clerk is ill

    clock.set(booking.starts_at - timedelta(minutes=3))
    arrival = desk.queue.arrive(clerk, booking_code=booking.booking_code)
    called = desk.queue.call_next(clerk, 1)

    assert called is not None
    assert (called.ticket_id, called.appointment_id, called.citizen_id, called.counter) == (
        arrival.ticket_id, booking.appointment_id, citizen, "Skranke 1")
    # Served at Skranke 1 the ordinary way, on the booking.
    visit = desk.appointments.check_in(clerk, booking.appointment_id)
    assert (visit.appointment_id, visit.citizen_id) == (booking.appointment_id, citizen)
    assert desk.queue.call_next(clerk, 3) is None  # called once


def test_a_counter_calls_its_own_due_booking_first_then_one_of_an_absent_counter_before_walk_ins(
    desk: Services, clerk: ClerkContext, clock: MovableClock
) -> None:
    supervisor = desk.auth.sign_in("supervisor", "demo")
    first, second = _citizens(desk, 2)
    free = desk.booking.free_on_day(clerk, "mitid", MONDAY)
    # The absent counter's citizen is booked a little earlier than Skranke 1's own.
    orphan_at, own_at = next(
        (a.starts_at, b.starts_at) for a in free for b in free
        if a.counter_id == 2 and b.counter_id == 1 and a.starts_at.astimezone(ZONE).time() >= time(12)
        and timedelta(0) < b.starts_at - a.starts_at <= timedelta(minutes=5)
    )
    orphan = desk.booking.book(clerk, first, "mitid", orphan_at, counter_id=2)
    own = desk.booking.book(clerk, second, "mitid", own_at, counter_id=1)
    desk.settings.add_closure(supervisor, MONDAY, 2, "Kursus")

    clock.set(orphan_at - timedelta(minutes=10))
    walk_in = desk.queue.walk_in(clerk, "mitid")  # drawn first
    clock.set(own_at - timedelta(minutes=4))
    desk.queue.arrive(clerk, booking_code=orphan.booking_code)
    desk.queue.arrive(clerk, booking_code=own.booking_code)

    calls = [desk.queue.call_next(clerk, 1), desk.queue.call_next(clerk, 1)]
    assert [c.appointment_id if c else None for c in calls] == [own.appointment_id, orphan.appointment_id]
    assert walk_in.number not in [c.number for c in calls if c]


def test_a_booking_is_called_elsewhere_only_when_its_counter_is_absent_and_the_other_serves_its_service(
    desk: Services, clerk: ClerkContext, clock: MovableClock
) -> None:
    supervisor = desk.auth.sign_in("supervisor", "demo")
    first, second = _citizens(desk, 2)
    residence = _booked(desk, clerk, first, "residence", WEDNESDAY, 2, time(11))
    later = (residence.starts_at + timedelta(minutes=30)).astimezone(ZONE).time()
    present = _booked(desk, clerk, second, "mitid", WEDNESDAY, 3, later)  # Skranke 3 is there
    desk.settings.add_closure(supervisor, WEDNESDAY, 2, "Sygdom")

    clock.set(residence.starts_at - timedelta(minutes=3))
    desk.queue.arrive(clerk, booking_code=residence.booking_code)
    # Skranke 4 does not do residence documents; Skranke 1 does, and calls the absent counter's citizen.
    assert desk.queue.call_next(clerk, 4) is None
    called = desk.queue.call_next(clerk, 1)
    assert called is not None and called.appointment_id == residence.appointment_id

    # Skranke 3's own citizen is Skranke 3's to call: it is there.
    clock.set(present.starts_at - timedelta(minutes=3))
    desk.queue.arrive(clerk, booking_code=present.booking_code)
    assert desk.queue.call_next(clerk, 1) is None
    called = desk.queue.call_next(clerk, 3)
    assert called is not None and called.appointment_id == present.appointment_id
