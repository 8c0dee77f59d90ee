"""Clerk sign-in with argon2 password hashes, a lock-out after repeated wrong tries, and password changes.

Wrong tries are counted in the database (`sign_in_lock`), which every desk shares, in three scopes:

- "pair": one user name at one desk. After `USER_LOCKOUT.threshold` wrong tries in a row the name is
  locked *at that desk* for a minute, then twice as long after each further wrong try, up to an hour.
  Typing a colleague's name wrongly at another desk never locks her out of her own.
- "user": one user name at all desks together, with a much higher threshold (`USER_ALL_DESKS_LOCKOUT`),
  so guessing one name from many desks is still stopped.
- "desk": any names at one desk (`DESK_LOCKOUT`), so one desk cannot try name after name.

A lock ends by time, when a supervisor lifts it (`ClerkAdminService.unlock` / `unlock_desk`), or by the
operator's `main.py unlock` command. A name nobody has is counted and locked just like a real one and its
password checked against a dummy hash, so neither the lock nor the time taken tells whether it exists; but
what was typed is never stored: such a name is kept (as lock key and in the audit trail) as a keyed hash
(HMAC-SHA256 with a secret of this database, `setting` NAME_KEY_SETTING), since it may be a password typed
into the wrong field. Only the first try refused while locked is audited; the rest are counted in the lock
row and the count goes into the next entry, so a locked name cannot be used to flood the trail.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from borgerservice_desk.domain.accounts import (
    DESK_LOCKOUT,
    USER_ALL_DESKS_LOCKOUT,
    USER_LOCKOUT,
    USERNAME_MAX_LENGTH,
    LockoutPolicy,
    check_password,
    normalise_username,
)
from borgerservice_desk.domain.text_limits import DESK_NAME_MAX, PASSWORD_MAX, USERNAME_MAX, checked_text
from borgerservice_desk.errors import InvalidInput, RuleViolation
from borgerservice_desk.services import audit
from borgerservice_desk.services.access import current_clerk
from borgerservice_desk.services.context import ClerkContext, Clock, utc_now
from borgerservice_desk.storage.database import Database, UnitOfWork
from borgerservice_desk.storage.models import Clerk, Setting, SignInLock

_hasher = PasswordHasher()

PAIR_SCOPE = "pair"
USER_SCOPE = "user"
DESK_SCOPE = "desk"
_POLICIES: dict[str, LockoutPolicy] = {
    PAIR_SCOPE: USER_LOCKOUT,
    USER_SCOPE: USER_ALL_DESKS_LOCKOUT,
    DESK_SCOPE: DESK_LOCKOUT,
}
NAME_KEY_SETTING = "auth.unknown_name_key"  # the HMAC secret for names no clerk has
_HASHED_PREFIX = "#"  # never in a clerk's user name (check_username), so a hashed key is never a real name


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


def desk_name(desk: str) -> str:
    return desk[:DESK_NAME_MAX]


# Keys ------------------------------------------------------------------------------------------------
def _name_secret(session: Session, *, create: bool) -> bytes | None:
    """This database's secret for hashing unknown names; made on first use when `create`."""
    setting = session.get(Setting, NAME_KEY_SETTING)
    if setting is not None:
        return bytes.fromhex(setting.value)
    if not create:
        return None
    secret = secrets.token_bytes(32)
    session.add(Setting(key=NAME_KEY_SETTING, value=secret.hex()))
    session.flush()  # two desks making it at once: the second gets an IntegrityError and tries again
    return secret


def hashed_name(secret: bytes, name: str) -> str:
    return _HASHED_PREFIX + hmac.new(secret, name.encode("utf-8"), hashlib.sha256).hexdigest()


def user_key(session: Session, name: str, *, create: bool) -> str | None:
    """How a typed (normalised) user name is counted and audited: a clerk's own name as it is, any other
    as its keyed hash. None when no hash can exist yet (no secret, and `create` is False)."""
    if session.scalar(select(Clerk.id).where(Clerk.username == name)) is not None:
        return name
    secret = _name_secret(session, create=create)
    return None if secret is None else hashed_name(secret, name)


def user_fields(key: str) -> dict[str, Any]:
    """The audit detail naming a user key: the name of a clerk, the hash of anything else."""
    return {"username_hash": key} if key.startswith(_HASHED_PREFIX) else {"username": key}


@dataclass(frozen=True, order=True)
class LockKey:
    scope: str
    name: str
    username: str | None
    desk: str | None


def lock_keys(key: str, desk: str, *, with_desk: bool = True) -> tuple[LockKey, ...]:
    """The rows one try counts in, in the order every transaction locks them (so desks never deadlock)."""
    pair = hashlib.sha256(f"{key}\n{desk}".encode()).hexdigest()
    keys = [LockKey(PAIR_SCOPE, pair, key, desk), LockKey(USER_SCOPE, key, key, None)]
    if with_desk:
        keys.append(LockKey(DESK_SCOPE, desk, None, desk))
    return tuple(sorted(keys))


def _rows(session: Session, keys: Iterable[LockKey], *, for_update: bool) -> dict[LockKey, SignInLock | None]:
    return {
        k: session.get(SignInLock, (k.scope, k.name), with_for_update=for_update, populate_existing=for_update)
        for k in keys
    }


def running_lock(rows: Iterable[SignInLock | None], now: datetime) -> SignInLock | None:
    """The row of the longest lock still running, if any."""
    found: SignInLock | None = None
    for row in rows:
        if (
            row is not None
            and row.locked_until is not None
            and row.locked_until > now
            and (found is None or found.locked_until is None or row.locked_until > found.locked_until)
        ):
            found = row
    return found


def take_locked_tries(rows: Iterable[SignInLock | None]) -> dict[str, int] | None:
    """The tries refused while locked that no entry has counted yet, per scope; they are counted now."""
    counts: dict[str, int] = {}
    for row in rows:
        if row is not None and row.locked_tries:
            counts[row.scope] = row.locked_tries
            row.locked_tries = 0
    return counts or None


def _count_failure(
    session: Session, rows: dict[LockKey, SignInLock | None], now: datetime
) -> dict[str, str]:
    """One more wrong try in each row; the locks it starts, per scope (ISO end times)."""
    locks: dict[str, str] = {}
    for key, row in rows.items():
        policy = _POLICIES[key.scope]
        if row is None:
            row = SignInLock(scope=key.scope, name=key.name, username=key.username, desk=key.desk,
                             failures=0, last_failure_at=now, locked_until=None, locked_tries=0)
            session.add(row)
            previous = None
        else:
            previous = row.last_failure_at
        row.failures = policy.failures_after(row.failures, previous, now)
        row.last_failure_at = now
        lock_for = policy.lock_for(row.failures)
        if lock_for is not None:
            row.locked_until = now + lock_for
            locks[key.scope] = row.locked_until.isoformat()
    return locks


def _counted(locked_tries: dict[str, int] | None) -> dict[str, Any]:
    return {"tries_while_locked": locked_tries} if locked_tries else {}


class _NotChecked(Exception):
    """The lock seen before the password check has ended: the password must be checked after all."""


class AuthService:
    def __init__(self, db: Database, clock: Clock = utc_now, *, desk: str | None = None) -> None:
        self._db = db
        self._clock = clock
        self._desk = desk_name(desk or default_desk())

    @property
    def desk(self) -> str:
        return self._desk

    def sign_in(self, username: str, password: str, *, desk: str | None = None) -> ClerkContext:
        """The signed-in clerk; InvalidInput "auth.failed" for a wrong name or password (or a deactivated
        clerk), RuleViolation "auth.locked" while the name is locked at this desk or everywhere, or this
        desk is locked (the try is not counted as a wrong one and the password is not looked at)."""
        # PostgreSQL refuses NUL in a query with a DataError, and argon2 would hash any length: refuse
        # both here, the same on every database, before anything is looked up.
        checked_text(username, "username", USERNAME_MAX)
        checked_text(password, "password", PASSWORD_MAX)
        name = normalise_username(username)[:USERNAME_MAX_LENGTH]
        where = desk_name(desk or self._desk)
        now = self._clock()
        with self._db.read() as session:
            key = user_key(session, name, create=False)
            locked = key is not None and running_lock(
                _rows(session, lock_keys(key, where), for_update=False).values(), now
            ) is not None
            if key is None:  # no unknown name was ever counted; only the desk may be locked
                locked = running_lock([session.get(SignInLock, (DESK_SCOPE, where))], now) is not None
            clerk = session.scalars(select(Clerk).where(Clerk.username == name)).one_or_none()
            stored_hash = clerk.password_hash if clerk is not None else None
        # A locked try costs no hash; `_settle` looks again, under the rows' locks, and has the last word.
        ok: bool | None = None if locked else verify_password(stored_hash, password)
        for attempt in range(4):
            try:
                return self._settle(name, where, ok, now)
            except _NotChecked:
                ok = verify_password(stored_hash, password)
            except IntegrityError:
                # Another desk counted a first wrong try for the same key (or made the name secret) at
                # the same moment.
                if attempt == 3:
                    raise
        raise AssertionError("unreachable")

    def _settle(self, name: str, where: str, ok: bool | None, now: datetime) -> ClerkContext:
        with self._db.unit_of_work() as uow:
            session = uow.session
            clerk = session.scalars(select(Clerk).where(Clerk.username == name)).one_or_none()
            key = name if clerk is not None else user_key(session, name, create=True)
            assert key is not None
            rows = _rows(session, lock_keys(key, where), for_update=True)
            # Checked again here, on rows locked for this transaction (SQLite: the write lock): tries in
            # flight while the name got locked are refused, a right guess among them too.
            self._refuse_if_locked(uow, rows.values(), now, where, key, None)
            if ok is None:
                raise _NotChecked
            refusal = None if ok else "password"
            if ok and clerk is not None and not clerk.active:
                refusal = "inactive"
            if refusal is None and clerk is not None:
                locked_tries = take_locked_tries(rows.values())
                for row in rows.values():
                    if row is not None:
                        session.delete(row)
                audit.record(session, self._clock, None, "clerk.sign_in", outcome="ok", username=name, desk=where,
                             **_counted(locked_tries))
                uow.commit()
                return ClerkContext(
                    clerk.id, clerk.username, clerk.full_name, clerk.role, clerk.centre_id,
                    must_change_password=clerk.must_change_password,
                )
            locked_tries = take_locked_tries(rows.values())
            locks = _count_failure(session, rows, now)
            audit.record(session, self._clock, None, "clerk.sign_in", outcome="refused", **user_fields(key),
                         desk=where, reason=refusal, locked_until=locks or None,
                         **_counted(locked_tries))
            uow.commit()
        raise InvalidInput("auth.failed")

    def _refuse_if_locked(
        self,
        uow: UnitOfWork,
        rows: Iterable[SignInLock | None],
        now: datetime,
        where: str,
        key: str,
        ctx: ClerkContext | None,
        action: str = "clerk.sign_in",
    ) -> None:
        """While a lock runs: RuleViolation "auth.locked". Only the first refused try of a lock is audited;
        the others are counted in its row (and the count goes into the next entry)."""
        row = running_lock(rows, now)
        if row is None:
            return
        assert row.locked_until is not None
        row.locked_tries += 1
        if row.locked_tries == 1:
            audit.record(uow.session, self._clock, ctx, action, outcome="locked", **user_fields(key), desk=where,
                         scope=row.scope, locked_until=row.locked_until.isoformat())
        until = row.locked_until.isoformat()
        uow.commit()
        raise RuleViolation("auth.locked", until=until, scope=row.scope)

    def change_password(self, ctx: ClerkContext, current: str, new: str) -> ClerkContext:
        """The clerk's own new password, checked against the rules and the current one; clears "must change
        the password". Returns the context to go on with.

        A wrong current password counts as a wrong sign-in try of the clerk's name at this desk: someone
        at a desk left signed in cannot guess it without limit. While the name is locked, RuleViolation
        "auth.locked" and the current password is not looked at."""
        check_password(new, username=ctx.username)
        checked_text(current, "password", PASSWORD_MAX)
        if new == current:
            raise InvalidInput("password.unchanged")
        keys = lock_keys(ctx.username, self._desk, with_desk=False)
        now = self._clock()
        with self._db.read() as session:
            clerk = current_clerk(session, ctx, allow_must_change=True)
            stored_hash = clerk.password_hash
            locked = running_lock(_rows(session, keys, for_update=False).values(), now) is not None
        # As for a sign-in: a locked try costs no hash, and `_settle_change` has the last word on the lock.
        # Seen locked but lifted before it is settled, the current password is checked after all: counted
        # as a wrong one unchecked, a clerk who typed it right would be told it was wrong.
        ok: bool | None = None if locked else verify_password(stored_hash, current)
        new_hash = hash_password(new) if ok else None
        for attempt in range(4):
            try:
                return self._settle_change(ctx, keys, ok, new_hash, now)
            except _NotChecked:
                ok = verify_password(stored_hash, current)
                new_hash = hash_password(new) if ok else None
            except IntegrityError:
                if attempt == 3:
                    raise
        raise AssertionError("unreachable")

    def _settle_change(
        self, ctx: ClerkContext, keys: Sequence[LockKey], ok: bool | None, new_hash: str | None, now: datetime
    ) -> ClerkContext:
        with self._db.unit_of_work() as uow:
            session = uow.session
            clerk = current_clerk(session, ctx, allow_must_change=True)
            rows = _rows(session, keys, for_update=True)
            self._refuse_if_locked(uow, rows.values(), now, self._desk, ctx.username, ctx,
                                   "clerk.password_change")
            if ok is None:
                raise _NotChecked
            if not ok or new_hash is None:
                detail: dict[str, Any] = {}
                if locked_tries := take_locked_tries(rows.values()):
                    detail["tries_while_locked"] = locked_tries
                locks = _count_failure(session, rows, now)
                audit.record(session, self._clock, ctx, "clerk.password_change", outcome="refused",
                             reason="wrong_current_password", desk=self._desk, locked_until=locks or None, **detail)
                uow.commit()
                raise InvalidInput("auth.wrong_password")
            for row in rows.values():
                if row is not None:
                    session.delete(row)
            clerk.password_hash = new_hash
            clerk.must_change_password = False
            audit.record(session, self._clock, ctx, "clerk.password_change")
            uow.commit()
        return replace(ctx, must_change_password=False)
