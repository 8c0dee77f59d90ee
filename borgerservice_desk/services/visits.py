"""A visit that is still going on, and the citizen at the counter in it."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from borgerservice_desk.errors import NotFound, RuleViolation
from borgerservice_desk.services.access import current_clerk
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Appointment, Citizen, Clerk, Visit


def visit_centre(session: Session, visit: Visit) -> int:
    """The centre a visit belongs to: its appointment's, else that of the clerk who opened it."""
    if visit.appointment_id is not None:
        appointment = session.get(Appointment, visit.appointment_id)
        assert appointment is not None  # foreign key
        return appointment.centre_id
    opener = session.get(Clerk, visit.clerk_id)
    assert opener is not None  # foreign key
    return opener.centre_id


def open_visit(session: Session, visit_id: int, ctx: ClerkContext) -> tuple[Visit, Citizen]:
    """The visit and its citizen, for an active clerk of the visit's own centre; refused once the visit has
    ended (its checks authorise nothing more). A visit of another centre is refused ("visit.other_centre"):
    its receipt would name the wrong centre, and the clerk has no business there."""
    current_clerk(session, ctx)
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise NotFound("visit.not_found")
    if visit_centre(session, visit) != ctx.centre_id:
        raise RuleViolation("visit.other_centre")
    if visit.ended_at is not None:
        raise RuleViolation("visit.ended")
    citizen = session.get(Citizen, visit.citizen_id)
    assert citizen is not None  # foreign key
    return visit, citizen


# A visit open longer than a counter day was left by a desk that stopped (a crash, a power cut): the citizen
# is not standing at that counter any more, and must not be refused service for it the next day.
BEING_SERVED_AT_MOST = timedelta(hours=12)


def refuse_if_being_served(session: Session, citizen_id: int, now: datetime) -> None:
    """One citizen stands at one counter: a second visit while one is still open would split the day's
    record (identity checks, MitID actions, receipts) over two visits, and two clerks could act on the same
    MitID at once. Refused with "citizen.being_served", naming the clerk whose visit is open, so the clerk
    can go and ask. The citizen's row is locked before the visits are looked at, so two desks opening a
    visit for the same citizen at the same moment take turns (PostgreSQL; SQLite's write transaction
    already serialises them).

    The citizen comes after the appointment and its queue ticket, before the visit, in the one lock order
    of services/appointments.py; a caller holding a later row must not call this. FOR NO KEY UPDATE, not
    FOR UPDATE: another desk writing a row that names the citizen (an audit entry, under the audit head's
    lock) checks its foreign key with a KEY SHARE lock, which must not wait for this one."""
    session.get(Citizen, citizen_id, with_for_update={"key_share": True})
    visit = session.scalars(
        select(Visit)
        .where(
            Visit.citizen_id == citizen_id,
            Visit.ended_at.is_(None),
            Visit.started_at > now - BEING_SERVED_AT_MOST,
        )
        .order_by(Visit.id)
        .limit(1)
    ).first()
    if visit is None:
        return
    clerk = session.get(Clerk, visit.clerk_id)
    assert clerk is not None  # foreign key
    raise RuleViolation("citizen.being_served", clerk=clerk.full_name, visit_id=visit.id, citizen_id=citizen_id)
