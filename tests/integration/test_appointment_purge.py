"""Purging old appointments (privacy: kept no longer than needed): what ended more than the days given goes,
with its queue ticket; the visit made from it stays, without the link; the purge itself is recorded."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.errors import InvalidInput
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Appointment, AuditEntry, QueueTicket, Visit
from tests.conftest import NOW, TODAY
from tests.support.clock import MovableClock


def test_a_purge_takes_what_ended_more_than_the_days_ago_and_its_ticket_and_keeps_the_visit(
    services: Services, clerk: ClerkContext, tmp_path: Path
) -> None:
    clock = MovableClock(NOW)
    desk = build_services(services.db, Paths(tmp_path / "desk"), clock=clock)
    # A citizen of today arrives (a queue ticket) and is checked in at the counter (a visit).
    booked = next(
        r for r in services.appointments.day(clerk, TODAY) if r.status is AppointmentStatus.BOOKED and r.starts_at > NOW
    )
    clock.set(booked.starts_at - timedelta(minutes=5))
    desk.queue.arrive(clerk, booking_code=booked.booking_code)
    visit_id = desk.appointments.check_in(clerk, booked.id).visit_id
    with services.db.read() as session:
        ends = list(session.scalars(select(Appointment.ends_at)).all())

    def state() -> tuple[bool, int | None, bool]:
        with services.db.read() as session:
            visit = session.get(Visit, visit_id)
            assert visit is not None  # the visit is never purged: its checks and MitID history hang on it
            ticket = session.scalars(select(QueueTicket.id).where(QueueTicket.appointment_id == booked.id)).first()
            return session.get(Appointment, booked.id) is not None, visit.appointment_id, ticket is not None

    # It ended exactly a day ago: not more than a day, so it stays whole, while all that ended before goes.
    clock.set(booked.ends_at + timedelta(days=1))
    assert desk.appointments.purge_older_than(1) == sum(e < booked.ends_at for e in ends) > 0
    assert state() == (True, booked.id, True)
    # A minute later it has: the appointment and its ticket go, the visit stays without the link.
    clock.set(booked.ends_at + timedelta(days=1, minutes=1))
    gone = sum(e == booked.ends_at for e in ends)
    assert desk.appointments.purge_older_than(1) == gone
    assert state() == (False, None, False)
    with services.db.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "appointment.purge").order_by(AuditEntry.id.desc())).first()
    assert entry is not None and entry.clerk_id is None  # the centre's operator, by command
    assert entry.detail == {"days": 1, "deleted": gone}


def test_a_purge_of_less_than_a_day_is_refused_naming_the_days(services: Services) -> None:
    with pytest.raises(InvalidInput) as caught:
        services.appointments.purge_older_than(0)
    assert (caught.value.code, caught.value.params) == ("purge.days", {"days": 0})
