"""Clerk sign-in with argon2 password hashes, a lock-out after repeated wrong tries, and password changes.

Wrong tries are counted per user name and per desk in the database (`sign_in_lock`), which every desk
shares: after `USER_LOCKOUT.threshold` wrong tries in a row a name is locked for a minute, then twice as long
after each further wrong try, up to an hour; a desk likewise after `DESK_LOCKOUT.threshold`. A lock ends
by time or when a supervisor unlocks the clerk (`ClerkAdminService.unlock`). A name nobody has is
counted and locked just like a real one, and its password is checked against a dummy hash, so neither
the lock nor the time taken tells whether the name exists.
"""

from __future__ import annotations

import socket
from dataclasses import replace
from datetime import datetime
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from borgerservice_desk.domain.accounts import (
    DESK_LOCKOUT,
    USER_LOCKOUT,
    USERNAME_MAX_LENGTH,
    LockoutPolicy,
    check_password,
    normalise_username,
)
from borgerservice_desk.domain.text_limits import PASSWORD_MAX, USERNAME_MAX, checked_text
from borgerservice_desk.errors import InvalidInput, RuleViolation
from borgerservice_desk.services import audit
from borgerservice_desk.services.access import current_clerk
from borgerservice_desk.services.context import ClerkContext, Clock, utc_now
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import Clerk, SignInLock

_hasher = PasswordHasher()

USER_SCOPE = "user"
DESK_SCOPE = "desk"
_POLICIES: dict[str, LockoutPolicy] = {USER_SCOPE: USER_LOCKOUT, DESK_SCOPE: DESK_LOCKOUT}
_DESK_MAX_LENGTH = 120  # the sign_in_lock.name column


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@cache
def _dummy_hash() -> str:
    """A hash nobody's password matches, made with the same parameters as the real ones: checking an
    unknown user name against it costs what checking a real clerk's wrong password costs."""
    return _hasher.hash("no clerk has this password; it only makes unknown names as slow as known ones")


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches; None (no such clerk) is checked against the dummy hash, and is False."""
    try:
        ok = _hasher.verify(password_hash or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    return ok and password_hash is not None


def default_desk() -> str:
    """This workstation, as the lock-out counts it: the machine's host name."""
    return socket.gethostname() or "desk"


class AuthService:
    def __init__(self, db: Database, clock: Clock = utc_now, *, desk: str | None = None) -> None:
        self._db = db
        self._clock = clock
        self._desk = (desk or default_desk())[:_DESK_MAX_LENGTH]

    def sign_in(self, username: str, password: str, *, desk: str | None = None) -> ClerkContext:
        """The signed-in clerk; InvalidInput "auth.failed" for a wrong name or password (or a deactivated
        clerk), RuleViolation "auth.locked" while the name or this desk is locked (the try is not counted
        and the password is not looked at)."""
        # PostgreSQL refuses NUL in a query with a DataError, and argon2 would hash any length: refuse
        # both here, the same on every database, before anything is looked up.
        checked_text(username, "username", USERNAME_MAX)
        checked_text(password, "password", PASSWORD_MAX)
        name = normalise_username(username)[:USERNAME_MAX_LENGTH]
        desk_name = (desk or self._desk)[:_DESK_MAX_LENGTH]
        keys = ((USER_SCOPE, name), (DESK_SCOPE, desk_name))
        now = self._clock()
        with self._db.read() as session:
            locked = self._locked_until(session, keys, now)
            clerk = session.scalars(select(Clerk).where(Clerk.username == name)).one_or_none()
            stored_hash = clerk.password_hash if clerk is not None else None
        if locked is not None:
            scope, until = locked
            with self._db.unit_of_work() as uow:
                audit.record(uow.session, self._clock, None, "clerk.sign_in", outcome="locked",
                             username=name, desk=desk_name, scope=scope, locked_until=until.isoformat())
                uow.commit()
            raise RuleViolation("auth.locked", until=until.isoformat(), scope=scope)
        # Outside any transaction: the hash takes a while and must not hold other desks' writes up.
        ok = verify_password(stored_hash, password)
        for attempt in range(3):
            try:
                return self._settle(name, desk_name, keys, ok, now)
            except IntegrityError:
                # Another desk counted a first wrong try for the same name or desk at the same moment.
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _settle(
        self, name: str, desk_name: str, keys: tuple[tuple[str, str], ...], ok: bool, now: datetime
    ) -> ClerkContext:
        with self._db.unit_of_work() as uow:
            session = uow.session
            clerk = session.scalars(select(Clerk).where(Clerk.username == name)).one_or_none()
            refusal = None if ok else "password"
            if ok and clerk is not None and not clerk.active:
                refusal = "inactive"
            if refusal is None and clerk is not None:
                for scope, key in keys:
                    row = session.get(SignInLock, (scope, key), with_for_update=True)
                    if row is not None:
                        session.delete(row)
                audit.record(session, self._clock, None, "clerk.sign_in", outcome="ok", username=name, desk=desk_name)
                uow.commit()
                return ClerkContext(
                    clerk.id, clerk.username, clerk.full_name, clerk.role, clerk.centre_id,
                    must_change_password=clerk.must_change_password,
                )
            locks: dict[str, str] = {}
            for scope, key in keys:
                row = session.get(SignInLock, (scope, key), with_for_update=True)
                policy = _POLICIES[scope]
                if row is None:
                    row = SignInLock(scope=scope, name=key, failures=0, last_failure_at=now, locked_until=None)
                    session.add(row)
                    previous = None
                else:
                    previous = row.last_failure_at
                row.failures = policy.failures_after(row.failures, previous, now)
                row.last_failure_at = now
                lock_for = policy.lock_for(row.failures)
                if lock_for is not None:
                    row.locked_until = now + lock_for
                    locks[scope] = row.locked_until.isoformat()
            audit.record(session, self._clock, None, "clerk.sign_in", outcome="refused", username=name,
                         desk=desk_name, reason=refusal, locked_until=locks or None)
            uow.commit()
        raise InvalidInput("auth.failed")

    @staticmethod
    def _locked_until(
        session: Session, keys: tuple[tuple[str, str], ...], now: datetime
    ) -> tuple[str, datetime] | None:
        """The scope ("user" or "desk") and end of the longest lock still running, if any."""
        found: tuple[str, datetime] | None = None
        for scope, key in keys:
            row = session.get(SignInLock, (scope, key))
            if row is not None and row.locked_until is not None and row.locked_until > now:
                if found is None or row.locked_until > found[1]:
                    found = (scope, row.locked_until)
        return found

    def change_password(self, ctx: ClerkContext, current: str, new: str) -> ClerkContext:
        """The clerk's own new password, checked against the rules and the current one; clears "must change
        the password". Returns the context to go on with."""
        check_password(new, username=ctx.username)
        if new == current:
            raise InvalidInput("password.unchanged")
        with self._db.read() as session:
            clerk = current_clerk(session, ctx, allow_must_change=True)
            stored_hash = clerk.password_hash
        if not verify_password(stored_hash, current):
            with self._db.unit_of_work() as uow:
                audit.record(uow.session, self._clock, ctx, "clerk.password_change", outcome="refused",
                             reason="wrong_current_password")
                uow.commit()
            raise InvalidInput("auth.wrong_password")
        new_hash = hash_password(new)
        with self._db.unit_of_work() as uow:
            clerk = current_clerk(uow.session, ctx, allow_must_change=True)
            clerk.password_hash = new_hash
            clerk.must_change_password = False
            audit.record(uow.session, self._clock, ctx, "clerk.password_change")
            uow.commit()
        return replace(ctx, must_change_password=False)
