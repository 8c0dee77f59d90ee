"""A desk's session around the work: signing out, a supervisor taking over and handing back, the lock
and its unlocking, quitting. Each lands in the audit trail with who did it.

The password checks go through `AuthService.sign_in`, so the lock-out applies and every try, a wrong one
too, is audited like a sign-in ("clerk.sign_in"); the entry here says what the sign-in was for.

Leaving never fails on the clerk's rights: a clerk deactivated while signed in can still sign out, lock
or quit (the entry says the clerk is no longer active). Taking over and unlocking give rights, so the
one who gets them is read from the database (`current_clerk`) in the same transaction as the entry.
"""

from __future__ import annotations

from typing import Any

from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.services import audit
from borgerservice_desk.services.access import current_clerk
from borgerservice_desk.services.auth import AuthService
from borgerservice_desk.services.context import ClerkContext, Clock, utc_now
from borgerservice_desk.storage.database import Database

SIGN_OUT = "desk.sign_out"
TAKE_OVER = "desk.take_over"
HAND_BACK = "desk.hand_back"
LOCK = "desk.lock"
UNLOCK = "desk.unlock"
QUIT = "desk.quit"


class DeskSessionService:
    def __init__(self, db: Database, auth: AuthService, clock: Clock = utc_now) -> None:
        self._db = db
        self._auth = auth
        self._clock = clock

    # Leaving: recorded whatever the clerk's rights are now --------------------------------------------
    def sign_out(self, ctx: ClerkContext, *, visit_id: int | None = None) -> None:
        self._leave(ctx, SIGN_OUT, visit_id=visit_id)

    def lock(self, ctx: ClerkContext, *, idle: bool) -> None:
        """The desk was locked: after `idle` minutes without input, or by the clerk."""
        self._leave(ctx, LOCK, reason="idle" if idle else "manual")

    def quit(self, ctx: ClerkContext, *, visit_id: int | None = None, work_in_progress: bool = False) -> None:
        self._leave(ctx, QUIT, visit_id=visit_id, work_in_progress=work_in_progress)

    def hand_back(self, supervisor: ClerkContext, clerk: ClerkContext, *, visit_id: int | None = None) -> None:
        """The supervisor who took over gives the desk back to the clerk."""
        self._leave(supervisor, HAND_BACK, to=clerk.username, visit_id=visit_id)

    def _leave(self, ctx: ClerkContext, action: str, **detail: Any) -> None:
        with self._db.unit_of_work() as uow:
            try:
                current_clerk(uow.session, ctx, allow_must_change=True)
            except RuleViolation:
                detail["clerk_active"] = False
            audit.record(uow.session, self._clock, ctx, action, desk=self._auth.desk,
                         **{k: v for k, v in detail.items() if v is not None})
            uow.commit()

    # Getting rights: checked by password and on the database --------------------------------------------
    def take_over(
        self, clerk: ClerkContext, username: str, password: str, *, visit_id: int | None = None
    ) -> ClerkContext:
        """A supervisor signs in over `clerk`'s session; the supervisor's context to act with.

        InvalidInput "auth.failed" / RuleViolation "auth.locked" from the sign-in; RuleViolation
        "auth.supervisor_only" (audited) when the one who signed in is not a supervisor of the centre."""
        who = self._auth.sign_in(username, password)
        with self._db.unit_of_work() as uow:
            refused = who.centre_id != clerk.centre_id or who.must_change_password
            if not refused:
                try:
                    current_clerk(uow.session, who, supervisor=True)
                except RuleViolation:
                    refused = True
            detail: dict[str, Any] = {"desk": self._auth.desk, "over": clerk.username}
            if visit_id is not None:
                detail["visit_id"] = visit_id
            audit.record(uow.session, self._clock, who, TAKE_OVER, outcome="refused" if refused else "ok",
                         **detail)
            uow.commit()
        if refused:
            raise RuleViolation("auth.supervisor_only")
        return who

    def unlock(self, locked: ClerkContext, username: str, password: str) -> ClerkContext:
        """The desk locked for `locked` opens again for that clerk: with the clerk's own password or a
        supervisor's of the centre. Returns `locked`, the context to go on with.

        InvalidInput "auth.failed" / RuleViolation "auth.locked" from the sign-in; RuleViolation
        "desk.unlock_refused" (audited) when someone else signed in."""
        who = self._auth.sign_in(username, password)
        with self._db.unit_of_work() as uow:
            allowed = who.clerk_id == locked.clerk_id
            by_supervisor = False
            if not allowed and who.centre_id == locked.centre_id and not who.must_change_password:
                try:
                    current_clerk(uow.session, who, supervisor=True)
                    allowed = by_supervisor = True
                except RuleViolation:
                    pass
            if allowed and not by_supervisor:
                try:
                    current_clerk(uow.session, locked, allow_must_change=True)
                except RuleViolation:
                    allowed = False
            detail: dict[str, Any] = {"desk": self._auth.desk, "locked_for": locked.username}
            if by_supervisor:
                detail["by_supervisor"] = True
            audit.record(uow.session, self._clock, who, UNLOCK, outcome="ok" if allowed else "refused", **detail)
            uow.commit()
        if not allowed:
            raise RuleViolation("desk.unlock_refused", name=locked.full_name)
        return locked
