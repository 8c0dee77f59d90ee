"""An appointment is checked in on its own day only (stop 33). Enter on yesterday's or next week's booking in
the week view used to open a visit today and leave that booking checked in for good: the citizen's real
appointment lost, a visit listed on a day it never was. Refused, said, audited; nothing is changed.

The desk's clock moves instead of the booking: today's booking is, to a desk a day later, one that nobody
closed yesterday, and to a desk a week earlier, next week's."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Appointment, AuditEntry, Visit
from tests.conftest import NOW, TODAY
from tests.support.journey import appointment_with_active_app


def _visits(services: Services) -> int:
    with services.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Visit)) or 0)


@pytest.mark.parametrize("days", [1, -7], ids=["a booking nobody closed yesterday", "next week's booking"])
def test_a_booking_of_another_day_is_not_checked_in_today(
    services: Services, clerk: ClerkContext, tmp_path: Path, days: int
) -> None:
    candidate = appointment_with_active_app(services, clerk, TODAY)
    desk = build_services(services.db, Paths(tmp_path / "desk"), clock=lambda: NOW + timedelta(days=days))
    visits = _visits(services)

    with pytest.raises(RuleViolation) as refused:
        desk.appointments.check_in(clerk, candidate.appointment.id)

    assert refused.value.code == "appointment.not_today"
    with services.db.read() as session:
        appointment = session.get(Appointment, candidate.appointment.id)
        assert appointment is not None and appointment.status is AppointmentStatus.BOOKED
        assert appointment.checked_in_at is None
        assert refused.value.params["booked_for"] == appointment.starts_at.isoformat()
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert _visits(services) == visits
    assert entry is not None and (entry.action, entry.outcome, entry.clerk_id, entry.citizen_id) == (
        "appointment.check_in", "refused", clerk.clerk_id, candidate.citizen.id
    )
    assert entry.detail == {"refusal": "appointment.not_today", "appointment_id": candidate.appointment.id}


@pytest.mark.parametrize("hours", [-8, 8], ids=["early in the morning", "late in the evening"])
def test_today_s_booking_is_checked_in_at_any_hour_of_its_day(
    services: Services, clerk: ClerkContext, tmp_path: Path, hours: int
) -> None:
    """Early or late on the day, the counter decides: the rule is about the day, not the arrival window."""
    candidate = appointment_with_active_app(services, clerk, TODAY)
    moment = candidate.appointment.starts_at + timedelta(hours=hours)
    assert moment.astimezone(services.appointments.centre_zone(clerk.centre_id)).date() == TODAY
    desk = build_services(services.db, Paths(tmp_path / "desk"), clock=lambda: moment)
    checked_in = desk.appointments.check_in(clerk, candidate.appointment.id)
    assert checked_in.appointment_id == candidate.appointment.id
