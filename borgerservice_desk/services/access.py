"""Who may act, judged on the database rather than on the context the window holds.

A `ClerkContext` is made once at sign-in; a clerk deactivated or demoted since (or a context made by hand)
must not keep rights it no longer has. Every use case that needs rights loads the clerk's row inside its
own transaction through `current_clerk`.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from borgerservice_desk.domain.desk import Role
from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Clerk


def current_clerk(
    session: Session,
    ctx: ClerkContext,
    *,
    supervisor: bool = False,
    refusal: str = "auth.supervisor_only",
    allow_must_change: bool = False,
) -> Clerk:
    """The clerk's row as it is now. RuleViolation "auth.not_active" when the clerk is gone, deactivated,
    or not who the context says (another name or centre); "auth.must_change_password" while a new
    password is due; `refusal` when `supervisor` is asked for and the clerk is not one (any more)."""
    clerk = session.get(Clerk, ctx.clerk_id)
    if clerk is None or not clerk.active or clerk.username != ctx.username or clerk.centre_id != ctx.centre_id:
        raise RuleViolation("auth.not_active")
    if clerk.must_change_password and not allow_must_change:
        raise RuleViolation("auth.must_change_password")
    if supervisor and clerk.role is not Role.SUPERVISOR:
        raise RuleViolation(refusal)
    return clerk
