"""Reading the audit trail in tests: the newest entry of an action, detached so it can be looked at after."""

from __future__ import annotations

from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.storage.models import AuditEntry


def last_entry(services: Services, action: str) -> AuditEntry:
    with services.db.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq.desc()).limit(1)
        ).one()
        session.expunge(entry)
        return entry
