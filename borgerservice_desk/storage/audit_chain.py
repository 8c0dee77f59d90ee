"""Appending to the audit trail's hash chain, as late in the transaction as possible.

`services.audit.record` does not add its entry to the session at once: it keeps it in `PENDING` on the
session, and `before_commit` adds the kept entries just before the commit's final flush. There
`before_flush` locks the one `audit_head` row (SELECT ... FOR UPDATE on PostgreSQL; on SQLite the unit of
work already holds the write lock from BEGIN IMMEDIATE), gives each new entry the next sequence number and
its hashes in the order they were recorded, and moves the head on. So:

- several desks appending at once take turns on the head row for the few milliseconds of the commit, and
  the sequence has no gaps (a rolled-back transaction rolls its head update back too);
- the head lock is always the last lock a transaction takes, after any row lock (the MitID identity's,
  an appointment's), so it cannot be part of a deadlock;
- an `AuditEntry` added to a session any other way is chained too, at whatever flush writes it.

A read-only session (`Database.read()`) never commits; an entry recorded there would be lost silently,
so `record` refuses (`storage.database.ensure_writable`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, event, select, update
from sqlalchemy.orm import Session, SessionTransaction

from borgerservice_desk.domain.audit_chain import EntryContent, entry_hash
from borgerservice_desk.storage.models import AuditEntry, AuditHead

PENDING = "bsd_audit_pending"

_head: Table = AuditHead.__table__  # type: ignore[assignment]  # a mapped class's table is a Table


def content_of(entry: AuditEntry) -> EntryContent:
    return EntryContent(
        seq=entry.seq,
        at=entry.at,
        clerk_id=entry.clerk_id,
        action=entry.action,
        citizen_id=entry.citizen_id,
        purpose=entry.purpose,
        detail=entry.detail,
        outcome=entry.outcome,
    )


def defer(session: Session, entry: AuditEntry) -> None:
    """Keep `entry` to be appended when the session commits (see the module's doc)."""
    session.info.setdefault(PENDING, []).append(entry)


def _on_before_commit(session: Session) -> None:
    pending: list[AuditEntry] = session.info.pop(PENDING, [])
    session.add_all(pending)


def _on_before_flush(session: Session, _flush_context: Any, _instances: Any) -> None:
    # `session.new` keeps the order objects were added in, which is the order they were recorded in.
    new = [o for o in session.new if isinstance(o, AuditEntry) and o.__dict__.get("seq") is None]
    if not new:
        return
    connection = session.connection()
    row = connection.execute(
        select(_head.c.seq, _head.c.hash).where(_head.c.id == 1).with_for_update()
    ).one_or_none()
    if row is None:
        raise RuntimeError("the audit_head row is missing: is the database migrated?")
    seq, prev = int(row.seq), str(row.hash)
    for entry in new:
        # Column defaults would only be applied by the INSERT; the hash needs the values now.
        if entry.detail is None:
            entry.detail = {}
        if entry.outcome is None:
            entry.outcome = "ok"
        seq += 1
        entry.seq = seq
        entry.prev_hash = prev
        entry.entry_hash = prev = entry_hash(prev, content_of(entry))
    connection.execute(update(_head).where(_head.c.id == 1).values(seq=seq, hash=prev))


def _on_after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the whole transaction, committed or rolled back: nothing is left
        session.info.pop(PENDING, None)


def install() -> None:
    """Chain audit entries in every session (idempotent)."""
    for name, listener in (
        ("before_commit", _on_before_commit),
        ("before_flush", _on_before_flush),
        ("after_transaction_end", _on_after_transaction_end),
    ):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
