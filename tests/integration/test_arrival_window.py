"""The late window at its edges, through the services on a real database: one minute before its end, at
its end and one minute after, an arrival is on time, on time and late, and a no-show is refused, refused
and allowed. The window is the centre's setting (10 minutes unless a supervisor changes it)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.domain.desk import AppointmentStatus, TicketKind
from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import Appointment, AuditEntry, Citizen
from tests.conftest import NOW
from tests.support.clock import MovableClock

ZONE = ZoneInfo("Europe/Copenhagen")
# Tuesday 8 December 2026, 11:00 in Copenhagen: an ordinary open day, well past the minimum notice.
STARTS = datetime.combine(NOW.date() + timedelta(days=11), time(11, 0), ZONE).astimezone(UTC)
# The product's default late window (centre_settings.NUMBERS), written out: a test must not take the
# number from the code it checks.
DEFAULT_LATE = timedelta(minutes=10)
MINUTE = timedelta(minutes=1)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(NOW)


@pytest.fixture
def desk(seeded_db: Database, tmp_path: Path, clock: MovableClock) -> Iterator[tuple[Services, ClerkContext]]:
    services = build_services(seeded_db, Paths(tmp_path / "data"), clock=clock)
    yield services, services.auth.sign_in("clerk", "demo")


def _book(services: Services, clerk: ClerkContext) -> tuple[int, str]:
    """A fresh booking at STARTS for a citizen without appointments: (appointment id, booking code)."""
    with services.db.read() as session:
        citizen = session.scalars(
            select(Citizen.id).where(Citizen.id.not_in(select(Appointment.citizen_id))).order_by(Citizen.id)
        ).first()
        assert citizen is not None
    booking = services.booking.book(clerk, citizen, "mitid", STARTS)
    return booking.appointment_id, booking.booking_code


def _status(services: Services, appointment_id: int) -> AppointmentStatus:
    with services.db.read() as session:
        appointment = session.get(Appointment, appointment_id)
        assert appointment is not None
        return appointment.status


def _set_late_window(services: Services, minutes: int | None) -> timedelta:
    if minutes is None:
        return DEFAULT_LATE
    supervisor = services.auth.sign_in("supervisor", "demo")
    services.settings.set_number(supervisor, "arrival.late_minutes", minutes)
    return timedelta(minutes=minutes)


EDGES = [(-MINUTE, False), (timedelta(0), False), (MINUTE, True)]  # offset from the window's end, late?


@pytest.mark.parametrize("window_minutes", [None, 25], ids=["default", "set to 25"])
@pytest.mark.parametrize(("offset", "late"), EDGES, ids=["minute before end", "at end", "minute after end"])
def test_an_arrival_is_late_only_after_the_late_window(
    desk: tuple[Services, ClerkContext], clock: MovableClock, window_minutes: int | None, offset: timedelta,
    late: bool,
) -> None:
    services, clerk = desk
    window = _set_late_window(services, window_minutes)
    appointment_id, code = _book(services, clerk)
    clock.set(STARTS + window + offset)
    arrival = services.queue.arrive(clerk, booking_code=code)
    assert arrival.late is late
    if late:  # the time is given up and the citizen waits as a walk-in
        assert arrival.kind is TicketKind.WALK_IN and arrival.appointment_id is None
        assert _status(services, appointment_id) is AppointmentStatus.CANCELLED
    else:
        assert arrival.kind is TicketKind.APPOINTMENT and arrival.appointment_id == appointment_id
        assert _status(services, appointment_id) is AppointmentStatus.CHECKED_IN


@pytest.mark.parametrize("window_minutes", [None, 25], ids=["default", "set to 25"])
@pytest.mark.parametrize(("offset", "allowed"), EDGES, ids=["minute before end", "at end", "minute after end"])
def test_a_no_show_is_marked_only_after_the_late_window(
    desk: tuple[Services, ClerkContext], clock: MovableClock, window_minutes: int | None, offset: timedelta,
    allowed: bool,
) -> None:
    services, clerk = desk
    window = _set_late_window(services, window_minutes)
    appointment_id, _code = _book(services, clerk)
    clock.set(STARTS + window + offset)
    if allowed:
        services.appointments.mark_no_show(clerk, appointment_id)
        assert _status(services, appointment_id) is AppointmentStatus.NO_SHOW
        # The trail says who marked whose booking, and which.
        with services.db.read() as session:
            citizen_id = session.get_one(Appointment, appointment_id).citizen_id
            entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "appointment.no_show")).one()
        assert (entry.clerk_id, entry.citizen_id, entry.outcome, entry.detail) == (
            clerk.clerk_id, citizen_id, "ok", {"appointment_id": appointment_id},
        )
    else:
        with pytest.raises(RuleViolation) as caught:
            services.appointments.mark_no_show(clerk, appointment_id)
        assert caught.value.code == "appointment.not_yet_due"
        assert _status(services, appointment_id) is AppointmentStatus.BOOKED
