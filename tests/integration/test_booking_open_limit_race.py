"""The open-bookings limit: two desks booking one citizen at the same instant cannot pass it together
(PostgreSQL), and the refusal names the bookings the citizen has.

Each desk counted the citizen's open bookings before it locked the citizen's row, so both counted one below
the limit, then took turns at the lock and both booked: the citizen had 3 open bookings with a limit of 2.
Now the row is locked first and the count made under it, so the second desk counts the first's booking.

As in test_lock_order_queue_and_appointments.py, a third connection holds the citizen's row, so both desks
stop exactly where the race would catch them (before, after their count; now, before it); then the row is
let go. (On SQLite the unit of work's write lock runs desks one after the other: nothing to interleave.)

The refusal said only "the citizen already has 2 open bookings", and nothing else in the desk lists a
citizen's coming bookings: now it names each, code and local time, so the clerk can offer to move one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import Appointment, AuditEntry
from tests.conftest import SeededTemplates, fixed_clock
from tests.integration.test_booking import NEXT_TUESDAY, _citizens
from tests.integration.test_lock_order_queue_and_appointments import _interleave


@pytest.fixture
def desks(postgresql_url: str, seeded_templates: SeededTemplates, tmp_path: Path) -> Iterator[Services]:
    seeded_templates.fill(postgresql_url)
    db = Database.open(postgresql_url)
    yield build_services(db, Paths(tmp_path / "data"), clock=fixed_clock)
    db.dispose()


def _open_bookings(services: Services, citizen_id: int) -> list[str]:
    with services.db.read() as session:
        return list(session.scalars(
            select(Appointment.booking_code).where(
                Appointment.citizen_id == citizen_id, Appointment.status == AppointmentStatus.BOOKED
            ).order_by(Appointment.starts_at)
        ))


@pytest.mark.postgres
def test_two_desks_booking_one_citizen_at_once_keep_the_open_bookings_limit(desks: Services) -> None:
    clerk: ClerkContext = desks.auth.sign_in("clerk", "demo")
    supervisor: ClerkContext = desks.auth.sign_in("supervisor", "demo")
    (citizen,) = _citizens(desks, 1)
    limit = desks.booking.max_open_bookings()
    assert limit == 2  # the product's default: the desks below book the second and (refused) third
    first = desks.booking.book(clerk, citizen, "mitid", NEXT_TUESDAY)

    one, two = _interleave(
        desks.db, "citizen", citizen,
        lambda: desks.booking.book(clerk, citizen, "mitid", NEXT_TUESDAY + timedelta(days=1)),
        lambda: desks.booking.book(supervisor, citizen, "mitid", NEXT_TUESDAY + timedelta(days=2)),
    )

    outcomes = sorted(str(desk.outcome) for desk in (one, two))
    assert outcomes == ["booking.too_many_open", "ok"], (one.error, two.error)
    open_now = _open_bookings(desks, citizen)
    assert len(open_now) == limit, open_now
    winner = one.result if one.outcome == "ok" else two.result
    loser = two if one.outcome == "ok" else one
    # The desk that lost is told which two bookings the citizen has: the first, and the one just made.
    assert open_now == [first.booking_code, winner.booking_code]
    assert all(code in loser.error for code in open_now), loser.error


def test_the_refusal_names_the_open_bookings_with_their_local_times(services: Services, clerk: ClerkContext) -> None:
    from ui.messages import describe_error

    (citizen,) = _citizens(services, 1)
    # Three weeks apart, the later one booked first: named in the order of their times.
    later = services.booking.book(clerk, citizen, "mitid", NEXT_TUESDAY + timedelta(weeks=3))
    sooner = services.booking.book(clerk, citizen, "mitid", NEXT_TUESDAY)
    with pytest.raises(RuleViolation) as refused:
        services.booking.book(clerk, citizen, "mitid", NEXT_TUESDAY + timedelta(days=1))
    assert refused.value.code == "booking.too_many_open"
    # 11:00 in Copenhagen, in winter time both.
    expected = f"{sooner.booking_code} (08-12-2026 11:00), {later.booking_code} (29-12-2026 11:00)"
    assert refused.value.params == {
        "limit": 2, "booking_codes": [sooner.booking_code, later.booking_code], "open_bookings": expected,
        "citizen_id": citizen,
    }
    assert describe_error(refused.value) == (
        f"The citizen already has as many open bookings as allowed (2): {expected}. Move or cancel one of them first."
    )
    # Naming a person's bookings is part of the record, as the refusal of a booking at a busy time is.
    with services.db.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "appointment.book").order_by(AuditEntry.id.desc())
        ).first()
    assert entry is not None and entry.citizen_id == citizen
    assert entry.detail["refusal"] == "booking.too_many_open"
    assert entry.detail["booking_codes"] == [sooner.booking_code, later.booking_code]
