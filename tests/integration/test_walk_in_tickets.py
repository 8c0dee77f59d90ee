"""Walk-in tickets on a real database (SQLite, and PostgreSQL under `make test`): numbers start again at
the centre's own midnight (not the machine's), the audit entry names the ticket the citizen holds, and a
desk that cannot get a free number is told the queue is busy."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import AuditEntry
from tests.support.assurance import citizens
from tests.support.faults import inserts_conflict


class _Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_ticket_numbers_start_again_at_the_centres_midnight(seeded_db: Database, tmp_path: Path) -> None:
    # 23:50 and 00:10 in Copenhagen (winter time, UTC+1): the same UTC day, two different days at the centre.
    clock = _Clock(datetime(2026, 11, 27, 22, 50, tzinfo=UTC))
    desk = build_services(seeded_db, Paths(tmp_path / "data"), clock=clock)
    clerk = desk.auth.sign_in("clerk", "demo")
    late_evening = desk.queue.walk_in(clerk, "mitid")
    assert desk.queue.walk_in(clerk, "mitid").number == late_evening.number + 1
    clock.now = datetime(2026, 11, 27, 23, 10, tzinfo=UTC)
    assert desk.queue.walk_in(clerk, "mitid").number == 1


def test_a_walk_in_is_audited_with_the_ticket_the_citizen_holds(services: Services, clerk: ClerkContext) -> None:
    citizen = citizens(services)[0]
    arrival = services.queue.walk_in(clerk, "mitid", citizen.id)
    with services.db.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "queue.walk_in").order_by(AuditEntry.seq.desc()).limit(1)
        ).one()
    assert (entry.clerk_id, entry.citizen_id, entry.detail) == (clerk.clerk_id, citizen.id, {"ticket": arrival.number})


def test_a_desk_that_cannot_get_a_free_number_is_told_the_queue_is_busy(
    services: Services, clerk: ClerkContext
) -> None:
    inserts_conflict(services.db, "queue_ticket")  # as if other desks took every number first
    with pytest.raises(RuleViolation) as caught:
        services.queue.walk_in(clerk, "mitid")
    assert caught.value.code == "queue.busy"
