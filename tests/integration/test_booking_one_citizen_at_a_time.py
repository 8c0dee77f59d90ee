"""One citizen, one counter at a time: a booking or a move onto a time that overlaps another of the
citizen's bookings, at another counter, is refused and recorded. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Appointment, AuditEntry
from tests.integration.test_booking import NEXT_TUESDAY, _citizens
from tests.support.refusals import refused_with


def _refusals(services: Services, action: str) -> list[AuditEntry]:
    with services.db.read() as session:
        return list(session.scalars(
            select(AuditEntry).where(AuditEntry.action == action, AuditEntry.outcome == "refused")
        ).all())


def _bookings(services: Services, citizen_id: int) -> list[tuple[int, object]]:
    with services.db.read() as session:
        return [(a.counter_id, a.starts_at) for a in session.scalars(
            select(Appointment).where(Appointment.citizen_id == citizen_id,
                                      Appointment.status == AppointmentStatus.BOOKED).order_by(Appointment.id)
        )]


def test_one_citizen_is_not_booked_at_two_counters_at_overlapping_times(services: Services, clerk: ClerkContext) -> None:
    citizen, = _citizens(services, 1)
    first = services.booking.book(clerk, citizen, "passport", NEXT_TUESDAY, counter_id=1)  # 20 minutes
    for starts_at, counter in ((NEXT_TUESDAY, 2), (NEXT_TUESDAY + timedelta(minutes=10), 3),
                               (NEXT_TUESDAY - timedelta(minutes=10), None)):
        with refused_with("booking.citizen_busy", RuleViolation):
            services.booking.book(clerk, citizen, "mitid", starts_at, counter_id=counter)
    assert _bookings(services, citizen) == [(1, NEXT_TUESDAY)]
    refused = _refusals(services, "appointment.book")
    assert len(refused) == 3
    assert (refused[0].clerk_id, refused[0].citizen_id, refused[0].detail) == (
        clerk.clerk_id, citizen, {"refusal": "booking.citizen_busy", "booking_code": first.booking_code},
    )
    # Back to back is no overlap.
    services.booking.book(clerk, citizen, "mitid", first.ends_at, counter_id=2)


def test_the_refusal_names_the_booking_in_the_way(services: Services, clerk: ClerkContext) -> None:
    citizen, = _citizens(services, 1)
    first = services.booking.book(clerk, citizen, "passport", NEXT_TUESDAY, counter_id=1)
    try:
        services.booking.book(clerk, citizen, "mitid", NEXT_TUESDAY + timedelta(minutes=5), counter_id=2)
    except RuleViolation as refusal:
        assert refusal.code == "booking.citizen_busy"
        assert (refusal.params["booking_code"], refusal.params["starts_at"], refusal.params["counter"]) == (
            first.booking_code, NEXT_TUESDAY.isoformat(), "Skranke 1",
        )
    else:
        raise AssertionError("booked twice at once")


def test_a_booking_is_not_moved_onto_another_of_the_citizens_bookings(services: Services, clerk: ClerkContext) -> None:
    citizen, = _citizens(services, 1)
    services.booking.book(clerk, citizen, "passport", NEXT_TUESDAY, counter_id=1)
    later = services.booking.book(clerk, citizen, "mitid", NEXT_TUESDAY + timedelta(hours=2), counter_id=2)
    with refused_with("booking.citizen_busy", RuleViolation):
        services.booking.move(clerk, later.appointment_id, NEXT_TUESDAY + timedelta(minutes=5), counter_id=2)
    assert _bookings(services, citizen) == [(1, NEXT_TUESDAY), (2, later.starts_at)]
    [refused] = _refusals(services, "appointment.move")
    assert refused.detail["appointment_id"] == later.appointment_id and refused.citizen_id == citizen
    # Its own time does not stand in its way.
    services.booking.move(clerk, later.appointment_id, later.starts_at + timedelta(minutes=5), counter_id=2)
