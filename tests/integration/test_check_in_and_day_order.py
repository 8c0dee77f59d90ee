"""The day's appointments and checking one in, on a real database (SQLite, and PostgreSQL under `make
test`): appointments at the same time are listed in counter order whatever order they were booked in, and a
check-in says whose visit it opened and is audited with the appointment and the visit."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Appointment, AuditEntry, Citizen
from tests.conftest import NOW, TODAY
from tests.support.journey import appointment_with_active_app

ZONE = ZoneInfo("Europe/Copenhagen")


def test_appointments_at_one_time_are_listed_in_counter_order(services: Services, clerk: ClerkContext) -> None:
    day = NOW.date() + timedelta(days=11)  # a Tuesday with nothing booked at 11 in the demo data
    at = datetime.combine(day, time(11), ZONE).astimezone(UTC)
    counters = services.booking.counters(clerk)[:3]
    with services.db.read() as session:
        free = list(
            session.scalars(
                select(Citizen.id).where(Citizen.id.not_in(select(Appointment.citizen_id))).order_by(Citizen.id)
                .limit(3)
            )
        )
    for citizen_id, (counter_id, _name) in zip(free, reversed(counters), strict=True):  # the last counter first
        services.booking.book(clerk, citizen_id, "mitid", at, counter_id=counter_id)
    at_eleven = [row for row in services.appointments.day(clerk, day) if row.starts_at == at]
    assert [row.counter for row in at_eleven] == [name for _id, name in counters]


def test_a_check_in_names_whose_visit_it_opened_and_is_audited(services: Services, clerk: ClerkContext) -> None:
    candidate = appointment_with_active_app(services, clerk, TODAY)
    checked_in = services.appointments.check_in(clerk, candidate.appointment.id)
    assert (checked_in.appointment_id, checked_in.citizen_id) == (candidate.appointment.id, candidate.citizen.id)
    with services.db.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "appointment.check_in").order_by(AuditEntry.seq.desc())
        ).first()
    assert entry is not None
    assert (entry.clerk_id, entry.citizen_id) == (clerk.clerk_id, candidate.citizen.id)
    assert entry.detail == {"appointment_id": candidate.appointment.id, "visit_id": checked_in.visit_id}
