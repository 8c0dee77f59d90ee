"""The audit trail: every look-up of a person and every action, in the same transaction as the work.

Entries form a hash chain (domain/audit_chain.py); `record` hands the entry to storage/audit_chain.py,
which appends it when the unit of work commits. `AuditTrailService.verify` walks the chain.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from borgerservice_desk.domain.audit_chain import EntryContent, StoredEntry, Verification, verify
from borgerservice_desk.errors import DeskError, RuleViolation
from borgerservice_desk.services.access import current_clerk
from borgerservice_desk.services.context import ClerkContext, Clock, utc_now
from borgerservice_desk.storage import audit_chain
from borgerservice_desk.storage.database import Database, ensure_writable
from borgerservice_desk.storage.models import AuditEntry, AuditHead


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


VERIFY_BATCH = 2000  # entries fetched at a time while walking the chain



def record_refused(
    db: Database, clock: Clock, ctx: ClerkContext, action: str, refused: DeskError, *, citizen_id: int | None,
    **detail: Any,
) -> None:
    """A refusal that names a person, in an audit entry of its own transaction (the use case's own was
    rolled back with the refusal): its code, and what identifies what was refused."""
    with db.unit_of_work() as uow:
        record(uow.session, clock, ctx, action, citizen_id=citizen_id, outcome="refused", refusal=refused.code,
               **detail)
        uow.commit()

class AuditTrailService:
    """Checks that the audit trail is as it was written: for a supervisor, or the `verify-audit` command."""

    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    def verify(self, ctx: ClerkContext | None) -> Verification:
        """Walk the whole chain and name the first broken entry; the check itself is audited.

        `ctx` is the supervisor asking, or None for the command run by the centre's operator. The clerk's
        row is read as it is now (not the role the window remembers); a refusal is audited too.
        """
        if ctx is not None:
            self._check_supervisor(ctx)
        result = self._walk()
        broken = result.first_break
        detail: dict[str, Any] = {"entries": result.entries, "head_seq": result.head_seq}
        if broken is not None:
            detail.update(broken_seq=broken.seq, broken_entry_id=broken.entry_id, reason=broken.reason.value)
        with self._db.unit_of_work() as uow:
            if ctx is not None:
                self._supervisor(uow.session, ctx)
            if uow.session.get(AuditHead, 1) is None:
                # The head row was deleted past its trigger: no entry can be chained any more (storage
                # refuses), so the check goes unrecorded, but the break it found is still the answer.
                return result
            record(
                uow.session, self._clock, ctx, "audit.verify", outcome="intact" if broken is None else "broken",
                **detail,
            )
            uow.commit()
        return result

    @staticmethod
    def _supervisor(session: Session, ctx: ClerkContext) -> None:
        current_clerk(session, ctx, supervisor=True, refusal="audit.supervisor_only")

    def _check_supervisor(self, ctx: ClerkContext) -> None:
        try:
            with self._db.read() as session:
                self._supervisor(session, ctx)
        except RuleViolation as refusal:
            with self._db.unit_of_work() as uow:
                record(uow.session, self._clock, ctx, "audit.verify", outcome="refused", refusal=refusal.code)
                uow.commit()
            raise

    def _walk(self) -> Verification:
        with self._db.read(snapshot=True) as session:
            head = session.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).one_or_none()
            # The head row cannot be deleted (a trigger); if it was all the same, nothing matches it.
            head_seq, head_hash = (0, "") if head is None else (int(head.seq), str(head.hash))
            rows = session.execute(
                select(
                    AuditEntry.id, AuditEntry.seq, AuditEntry.at, AuditEntry.clerk_id, AuditEntry.action,
                    AuditEntry.citizen_id, AuditEntry.purpose, AuditEntry.detail, AuditEntry.outcome,
                    AuditEntry.prev_hash, AuditEntry.entry_hash,
                )
                .order_by(AuditEntry.seq)
                .execution_options(yield_per=VERIFY_BATCH)
            )
            try:
                return verify(self._stored(rows), head_seq, head_hash)
            finally:
                rows.close()  # a break found early leaves rows unread (a server-side cursor on PostgreSQL)

    @staticmethod
    def _stored(rows: Iterable[Any]) -> Iterator[StoredEntry]:
        return (
            StoredEntry(
                id=row.id,
                content=EntryContent(
                    seq=row.seq, at=row.at, clerk_id=row.clerk_id, action=row.action,
                    citizen_id=row.citizen_id, purpose=row.purpose, detail=row.detail or {},
                    outcome=row.outcome,
                ),
                prev_hash=row.prev_hash,
                entry_hash=row.entry_hash,
            )
            for row in rows
        )
