"""The audit trail: every look-up of a person and every action, in the same transaction as the work.

Entries form a hash chain (domain/audit_chain.py); `record` hands the entry to storage/audit_chain.py,
which appends it when the unit of work commits. `AuditTrailService.verify` walks the chain.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from borgerservice_desk.services.context import ClerkContext, Clock
from borgerservice_desk.storage import audit_chain
from borgerservice_desk.storage.database import ensure_writable
from borgerservice_desk.storage.models import AuditEntry


def record(
    session: Session,
    clock: Clock,
    ctx: ClerkContext | None,
    action: str,
    *,
    citizen_id: int | None = None,
    purpose: str | None = None,
    outcome: str = "ok",
    **detail: Any,
) -> AuditEntry:
    entry = AuditEntry(
        at=clock(),
        clerk_id=ctx.clerk_id if ctx else None,
        action=action,
        citizen_id=citizen_id,
        purpose=purpose,
        detail=detail,
        outcome=outcome,
    )
    ensure_writable(session)
    # Added to the session (and chained) at commit, so the head lock is the transaction's last lock.
    audit_chain.defer(session, entry)
    return entry
