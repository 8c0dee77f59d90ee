"""A visit that is still going on, and the citizen at the counter in it."""

from __future__ import annotations

from sqlalchemy.orm import Session

from borgerservice_desk.errors import NotFound, RuleViolation
from borgerservice_desk.storage.models import Citizen, Visit


def open_visit(session: Session, visit_id: int) -> tuple[Visit, Citizen]:
    """The visit and its citizen; refused once the visit has ended (its checks authorise nothing more)."""
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise NotFound("visit.not_found")
    if visit.ended_at is not None:
        raise RuleViolation("visit.ended")
    citizen = session.get(Citizen, visit.citizen_id)
    assert citizen is not None  # foreign key
    return visit, citizen
