"""A visit that is still going on, and the citizen at the counter in it."""

from __future__ import annotations

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
