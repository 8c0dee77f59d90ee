"""The centre's clerks, for a supervisor: create, deactivate and reactivate, change the role, reset a
password, lift a sign-in lock of a clerk or of a desk; the very first centre and supervisor of a new
database (`initialise`); and the operator's `unlock` command (`operator_unlock`).

Every change is audited. A supervisor acts only on clerks of their own centre, and never deactivates or
demotes themself. Each change locks the acting clerk's row and the centre's supervisors' rows first (in id
order), so two supervisors demoting or deactivating each other at once take turns, and the second sees the
first's change; a change that would leave the centre without an active supervisor is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from borgerservice_desk.domain.accounts import check_password, check_username, normalise_username
from borgerservice_desk.domain.centre_time import DEFAULT_TIMEZONE
from borgerservice_desk.domain.desk import Role
from borgerservice_desk.domain.text_limits import (
    ADDRESS_MAX,
    CENTRE_NAME_MAX,
    DESK_NAME_MAX,
    FULL_NAME_MAX,
    USERNAME_MAX,
    checked_text,
)
from borgerservice_desk.errors import InvalidInput, NotFound, RuleViolation
from borgerservice_desk.services import audit
from borgerservice_desk.services.access import current_clerk
from borgerservice_desk.services.auth import (
    DESK_SCOPE,
    NAME_KEY_SETTING,
    PAIR_SCOPE,
    USER_SCOPE,
    hash_password,
    hashed_name,
    user_fields,
    user_key,
)
from borgerservice_desk.services.context import ClerkContext, Clock, utc_now
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import Centre, Clerk, Setting, SignInLock

FULL_NAME_MAX_LENGTH = FULL_NAME_MAX
COMMAND_LINE = "command line"  # the audit detail "source" of the operator's `unlock` command


@dataclass(frozen=True)
class ClerkRow:
    id: int
    username: str
    full_name: str
    role: Role
    active: bool
    must_change_password: bool
    locked_until: datetime | None  # None: not locked now (at no desk)


@dataclass(frozen=True)
class DeskLock:
    """A desk locked for trying too many wrong names."""

    desk: str
    failures: int
    locked_until: datetime


def _full_name(text: str) -> str:
    name = " ".join(checked_text(text, "full_name", FULL_NAME_MAX).split())
    if not name or len(name) > FULL_NAME_MAX_LENGTH:
        raise InvalidInput("clerk.bad_full_name", max_length=FULL_NAME_MAX_LENGTH)
    return name


class ClerkAdminService:
    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    def clerks(self, ctx: ClerkContext) -> list[ClerkRow]:
        """The centre's clerks, by user name, with whether each is locked out now."""
        now = self._clock()
        with self._db.read() as session:
            _supervisor(session, ctx)
            clerks = session.scalars(
                select(Clerk).where(Clerk.centre_id == ctx.centre_id).order_by(Clerk.username)
            ).all()
            locks: dict[str, datetime] = {}
            for row in session.scalars(
                select(SignInLock).where(
                    SignInLock.scope.in_((PAIR_SCOPE, USER_SCOPE)),
                    SignInLock.username.in_([c.username for c in clerks]),
                    SignInLock.locked_until > now,
                )
            ):
                assert row.username is not None and row.locked_until is not None
                if row.username not in locks or row.locked_until > locks[row.username]:
                    locks[row.username] = row.locked_until
            return [
                ClerkRow(c.id, c.username, c.full_name, c.role, c.active, c.must_change_password, locks.get(c.username))
                for c in clerks
            ]

    def locked_desks(self, ctx: ClerkContext) -> list[DeskLock]:
        """The desks locked now for too many wrong names, by name. A desk belongs to no centre until
        someone signs in at it, so every supervisor sees them all."""
        now = self._clock()
        with self._db.read() as session:
            _supervisor(session, ctx)
            rows = session.scalars(
                select(SignInLock)
                .where(SignInLock.scope == DESK_SCOPE, SignInLock.locked_until > now)
                .order_by(SignInLock.name)
            ).all()
            return [DeskLock(r.name, r.failures, r.locked_until) for r in rows if r.locked_until is not None]

    def unlock_desk(self, ctx: ClerkContext, desk: str) -> None:
        """Lift the lock on a desk (and forget its wrong tries) before its time is up."""
        desk = checked_text(desk, "desk", DESK_NAME_MAX)
        with self._db.unit_of_work() as uow:
            session = uow.session
            _supervisor_for_change(session, ctx)
            lifted = _drop_desk_lock(session, desk)
            audit.record(session, self._clock, ctx, "desk.unlock", desk=desk, was_locked=lifted is not None,
                         **_tries(*([lifted] if lifted is not None else [])))
            uow.commit()

    def create(self, ctx: ClerkContext, username: str, full_name: str, role: Role, initial_password: str) -> int:
        """A new clerk of the supervisor's centre, who must choose their own password at first sign-in."""
        name = check_username(username)
        full = _full_name(full_name)
        check_password(initial_password, username=name)
        password_hash = hash_password(initial_password)
        with self._db.unit_of_work() as uow:
            session = uow.session
            _supervisor_for_change(session, ctx)
            if session.scalar(select(Clerk.id).where(Clerk.username == name)) is not None:
                raise RuleViolation("clerk.username_taken", username=name)
            clerk = Clerk(centre_id=ctx.centre_id, username=name, full_name=full, role=role,
                          password_hash=password_hash, active=True, must_change_password=True)
            session.add(clerk)
            session.flush()
            # A lock counted against the name before it existed (under its hash) is not the new clerk's.
            _drop_user_locks(session, name)
            if (secret := _secret(session)) is not None:
                _drop_user_locks(session, hashed_name(secret, name))
            audit.record(session, self._clock, ctx, "clerk.create", target_clerk_id=clerk.id, username=name,
                         role=role.value)
            uow.commit()
            return clerk.id

    def set_active(self, ctx: ClerkContext, clerk_id: int, active: bool) -> None:
        """Deactivate (the clerk can no longer sign in, and a window still open is refused) or reactivate."""
        with self._db.unit_of_work() as uow:
            session = uow.session
            _supervisor_for_change(session, ctx)
            clerk = _clerk_of_centre(session, ctx, clerk_id)
            if clerk.id == ctx.clerk_id and not active:
                raise RuleViolation("clerk.not_yourself")
            clerk.active = active
            _keep_a_supervisor(session, ctx)
            audit.record(session, self._clock, ctx, "clerk.activate" if active else "clerk.deactivate",
                         target_clerk_id=clerk.id, username=clerk.username)
            uow.commit()

    def set_role(self, ctx: ClerkContext, clerk_id: int, role: Role) -> None:
        """Make a clerk a supervisor or back; takes effect at the clerk's next action, not at their next
        sign-in."""
        with self._db.unit_of_work() as uow:
            session = uow.session
            _supervisor_for_change(session, ctx)
            clerk = _clerk_of_centre(session, ctx, clerk_id)
            if clerk.id == ctx.clerk_id:
                raise RuleViolation("clerk.not_yourself")
            clerk.role = role
            _keep_a_supervisor(session, ctx)
            audit.record(session, self._clock, ctx, "clerk.role", target_clerk_id=clerk.id,
                         username=clerk.username, role=role.value)
            uow.commit()

    def reset_password(self, ctx: ClerkContext, clerk_id: int, new_password: str) -> None:
        """A new password the supervisor hands over; the clerk must change it at the next sign-in. Every
        lock on the clerk's name (at any desk) goes with it."""
        with self._db.read() as session:
            clerk = _clerk_of_centre(session, ctx, clerk_id)
            username = clerk.username
        check_password(new_password, username=username)
        password_hash = hash_password(new_password)
        with self._db.unit_of_work() as uow:
            session = uow.session
            _supervisor_for_change(session, ctx)
            clerk = _clerk_of_centre(session, ctx, clerk_id)
            clerk.password_hash = password_hash
            clerk.must_change_password = True
            _drop_user_locks(session, clerk.username)
            audit.record(session, self._clock, ctx, "clerk.password_reset", target_clerk_id=clerk.id,
                         username=clerk.username)
            uow.commit()

    def unlock(self, ctx: ClerkContext, clerk_id: int) -> None:
        """Lift every sign-in lock on the clerk's name, at every desk (and forget the wrong tries), before
        its time is up."""
        now = self._clock()
        with self._db.unit_of_work() as uow:
            session = uow.session
            _supervisor_for_change(session, ctx)
            clerk = _clerk_of_centre(session, ctx, clerk_id)
            lifted = _drop_user_locks(session, clerk.username)
            was_locked = any(r.locked_until is not None and r.locked_until > now for r in lifted)
            audit.record(session, self._clock, ctx, "clerk.unlock", target_clerk_id=clerk.id,
                         username=clerk.username, was_locked=was_locked, **_tries(*lifted))
            uow.commit()


def operator_unlock(db: Database, *, user: str | None = None, desk: str | None = None, clock: Clock = utc_now) -> int:
    """The `unlock` command, for whoever runs the centre's machines: lift every lock on a user name (at
    every desk) or on a desk, without signing in; the way back when every supervisor is locked out.
    Audited with no clerk and `source` "command line". Returns how many lock rows went."""
    if (user is None) == (desk is None):
        raise ValueError("give a user name or a desk")
    with db.unit_of_work() as uow:
        session = uow.session
        now = clock()
        if user is not None:
            name = normalise_username(checked_text(user, "username", USERNAME_MAX))
            key = user_key(session, name, create=False)
            lifted = [] if key is None else _drop_user_locks(session, key)
            fields = user_fields(key) if key is not None else {}
            action = "clerk.unlock"
        else:
            assert desk is not None
            desk = checked_text(desk, "desk", DESK_NAME_MAX)
            row = _drop_desk_lock(session, desk)
            lifted = [] if row is None else [row]
            fields = {"desk": desk}
            action = "desk.unlock"
        was_locked = any(r.locked_until is not None and r.locked_until > now for r in lifted)
        audit.record(session, clock, None, action, source=COMMAND_LINE, was_locked=was_locked, **fields,
                     **_tries(*lifted))
        uow.commit()
        return len(lifted)


def _supervisor(session: Session, ctx: ClerkContext) -> Clerk:
    return current_clerk(session, ctx, supervisor=True, refusal="clerk.supervisor_only")


def _supervisor_for_change(session: Session, ctx: ClerkContext) -> Clerk:
    """The acting supervisor, for a change: first the acting clerk's row and the centre's supervisors'
    rows are locked, in id order (so two supervisors never deadlock), and read as they are now. On
    PostgreSQL a supervisor deactivated or demoted by another one a moment ago is then refused.

    FOR NO KEY UPDATE: every desk's audit entry names its clerk, and checks that foreign key with a KEY SHARE
    lock while holding the audit head; FOR UPDATE here would make it wait for this change, itself about to
    wait for the audit head (a deadlock, as services/appointments.py's note on the lock order has it)."""
    session.scalars(
        select(Clerk)
        .where(Clerk.centre_id == ctx.centre_id, or_(Clerk.role == Role.SUPERVISOR, Clerk.id == ctx.clerk_id))
        .order_by(Clerk.id)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    ).all()
    return _supervisor(session, ctx)


def _keep_a_supervisor(session: Session, ctx: ClerkContext) -> None:
    """RuleViolation "clerk.last_supervisor" when the change would leave the centre no active supervisor."""
    session.flush()
    left = session.scalar(
        select(func.count())
        .select_from(Clerk)
        .where(Clerk.centre_id == ctx.centre_id, Clerk.role == Role.SUPERVISOR, Clerk.active.is_(True))
    )
    if not left:
        raise RuleViolation("clerk.last_supervisor")


def _clerk_of_centre(session: Session, ctx: ClerkContext, clerk_id: int) -> Clerk:
    clerk = session.get(Clerk, clerk_id)
    if clerk is None or clerk.centre_id != ctx.centre_id:
        raise NotFound("clerk.not_found")
    return clerk


def _drop_user_locks(session: Session, key: str) -> list[SignInLock]:
    """Every lock row of a user key: the name at each desk and at all desks together."""
    rows = list(
        session.scalars(
            select(SignInLock)
            .where(SignInLock.scope.in_((PAIR_SCOPE, USER_SCOPE)), SignInLock.username == key)
            .with_for_update()
        )
    )
    for row in rows:
        session.delete(row)
    return rows


def _drop_desk_lock(session: Session, desk: str) -> SignInLock | None:
    row = session.get(SignInLock, (DESK_SCOPE, desk), with_for_update=True)
    if row is not None:
        session.delete(row)
    return row


def _tries(*rows: SignInLock) -> dict[str, Any]:
    """The tries refused while locked that no entry has counted yet, for the entry lifting the lock."""
    counts = {r.scope + (f"@{r.desk}" if r.scope == PAIR_SCOPE else ""): r.locked_tries for r in rows if r.locked_tries}
    return {"tries_while_locked": counts} if counts else {}


def _secret(session: Session) -> bytes | None:
    setting = session.get(Setting, NAME_KEY_SETTING)
    return None if setting is None else bytes.fromhex(setting.value)


def is_empty(session: Session) -> bool:
    """No centre and no clerk yet: a database `initialise` may set up."""
    return not (
        session.scalar(select(func.count()).select_from(Centre)) or session.scalar(select(func.count()).select_from(Clerk))
    )


def initialise(
    db: Database,
    *,
    centre_name: str,
    centre_address: str,
    username: str,
    full_name: str,
    password: str,
    clock: Clock = utc_now,
    timezone: str = DEFAULT_TIMEZONE,
) -> int:
    """A real centre's database: the centre and its first supervisor, with the password that person chose.
    Refused (RuleViolation "init.not_empty") once the database has a centre or a clerk, demo or not.
    Returns the supervisor's clerk id."""
    centre_name = " ".join(checked_text(centre_name, "centre_name", CENTRE_NAME_MAX).split())
    centre_address = " ".join(checked_text(centre_address, "centre_address", ADDRESS_MAX).split())
    if not centre_name:
        raise InvalidInput("init.bad_centre_name", max_length=CENTRE_NAME_MAX)
    if not centre_address:
        raise InvalidInput("init.bad_centre_address", max_length=ADDRESS_MAX)
    name = check_username(username)
    full = _full_name(full_name)
    check_password(password, username=name)
    password_hash = hash_password(password)
    with db.unit_of_work() as uow:
        session = uow.session
        if not is_empty(session):
            raise RuleViolation("init.not_empty")
        centre = Centre(name=centre_name, address=centre_address, timezone=timezone)
        session.add(centre)
        session.flush()
        clerk = Clerk(centre_id=centre.id, username=name, full_name=full, role=Role.SUPERVISOR,
                      password_hash=password_hash, active=True, must_change_password=False)
        session.add(clerk)
        session.flush()
        audit.record(session, clock, None, "centre.init", centre_id=centre.id, target_clerk_id=clerk.id,
                     username=name)
        uow.commit()
        return clerk.id


def anyone_can_sign_in(db: Database) -> bool:
    """Whether the database has an active clerk; without one the window is of no use until `init`."""
    with db.read() as session:
        return session.scalar(select(Clerk.id).where(Clerk.active.is_(True)).limit(1)) is not None
