"""The centre's clerks, for a supervisor: create, deactivate and reactivate, change the role, reset a
password, lift a sign-in lock; and the very first centre and supervisor of a new database (`initialise`).

Every change is audited. A supervisor acts only on clerks of their own centre, and never deactivates or
demotes themself, so a centre cannot lose its last way in by a slip.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borgerservice_desk.domain.accounts import check_password, check_username
from borgerservice_desk.domain.desk import Role
from borgerservice_desk.errors import InvalidInput, NotFound, RuleViolation
from borgerservice_desk.services import audit
from borgerservice_desk.services.access import current_clerk
from borgerservice_desk.services.auth import USER_SCOPE, hash_password
from borgerservice_desk.services.context import ClerkContext, Clock, utc_now
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import Centre, Clerk, SignInLock

FULL_NAME_MAX_LENGTH = 120


@dataclass(frozen=True)
class ClerkRow:
    id: int
    username: str
    full_name: str
    role: Role
    active: bool
    must_change_password: bool
    locked_until: datetime | None  # None: not locked now


def _full_name(text: str) -> str:
    name = " ".join(text.split())
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
            locks = {
                row.name: row.locked_until
                for row in session.scalars(
                    select(SignInLock).where(
                        SignInLock.scope == USER_SCOPE, SignInLock.name.in_([c.username for c in clerks])
                    )
                )
            }
            return [
                ClerkRow(
                    c.id, c.username, c.full_name, c.role, c.active, c.must_change_password,
                    until if (until := locks.get(c.username)) is not None and until > now else None,
                )
                for c in clerks
            ]

    def create(self, ctx: ClerkContext, username: str, full_name: str, role: Role, initial_password: str) -> int:
        """A new clerk of the supervisor's centre, who must choose their own password at first sign-in."""
        name = check_username(username)
        full = _full_name(full_name)
        check_password(initial_password, username=name)
        password_hash = hash_password(initial_password)
        with self._db.unit_of_work() as uow:
            session = uow.session
            _supervisor(session, ctx)
            if session.scalar(select(Clerk.id).where(Clerk.username == name)) is not None:
                raise RuleViolation("clerk.username_taken", username=name)
            clerk = Clerk(centre_id=ctx.centre_id, username=name, full_name=full, role=role,
                          password_hash=password_hash, active=True, must_change_password=True)
            session.add(clerk)
            session.flush()
            # A lock counted against the name before it existed is not the new clerk's.
            _drop_lock(session, name)
            audit.record(session, self._clock, ctx, "clerk.create", target_clerk_id=clerk.id, username=name,
                         role=role.value)
            uow.commit()
            return clerk.id

    def set_active(self, ctx: ClerkContext, clerk_id: int, active: bool) -> None:
        """Deactivate (the clerk can no longer sign in, and a window still open is refused) or reactivate."""
        with self._db.unit_of_work() as uow:
            session = uow.session
            _supervisor(session, ctx)
            clerk = _clerk_of_centre(session, ctx, clerk_id)
            if clerk.id == ctx.clerk_id and not active:
                raise RuleViolation("clerk.not_yourself")
            clerk.active = active
            audit.record(session, self._clock, ctx, "clerk.activate" if active else "clerk.deactivate",
                         target_clerk_id=clerk.id, username=clerk.username)
            uow.commit()

    def set_role(self, ctx: ClerkContext, clerk_id: int, role: Role) -> None:
        """Make a clerk a supervisor or back; takes effect at the clerk's next action, not at their next
        sign-in."""
        with self._db.unit_of_work() as uow:
            session = uow.session
            _supervisor(session, ctx)
            clerk = _clerk_of_centre(session, ctx, clerk_id)
            if clerk.id == ctx.clerk_id:
                raise RuleViolation("clerk.not_yourself")
            clerk.role = role
            audit.record(session, self._clock, ctx, "clerk.role", target_clerk_id=clerk.id,
                         username=clerk.username, role=role.value)
            uow.commit()

    def reset_password(self, ctx: ClerkContext, clerk_id: int, new_password: str) -> None:
        """A new password the supervisor hands over; the clerk must change it at the next sign-in. A lock
        on the clerk's name goes with it."""
        with self._db.read() as session:
            clerk = _clerk_of_centre(session, ctx, clerk_id)
            username = clerk.username
        check_password(new_password, username=username)
        password_hash = hash_password(new_password)
        with self._db.unit_of_work() as uow:
            session = uow.session
            _supervisor(session, ctx)
            clerk = _clerk_of_centre(session, ctx, clerk_id)
            clerk.password_hash = password_hash
            clerk.must_change_password = True
            _drop_lock(session, clerk.username)
            audit.record(session, self._clock, ctx, "clerk.password_reset", target_clerk_id=clerk.id,
                         username=clerk.username)
            uow.commit()

    def unlock(self, ctx: ClerkContext, clerk_id: int) -> None:
        """Lift a sign-in lock on the clerk's name (and forget the wrong tries) before its time is up."""
        with self._db.unit_of_work() as uow:
            session = uow.session
            _supervisor(session, ctx)
            clerk = _clerk_of_centre(session, ctx, clerk_id)
            had_lock = _drop_lock(session, clerk.username)
            audit.record(session, self._clock, ctx, "clerk.unlock", target_clerk_id=clerk.id,
                         username=clerk.username, was_locked=had_lock)
            uow.commit()


def _supervisor(session: Session, ctx: ClerkContext) -> Clerk:
    return current_clerk(session, ctx, supervisor=True, refusal="clerk.supervisor_only")


def _clerk_of_centre(session: Session, ctx: ClerkContext, clerk_id: int) -> Clerk:
    clerk = session.get(Clerk, clerk_id)
    if clerk is None or clerk.centre_id != ctx.centre_id:
        raise NotFound("clerk.not_found")
    return clerk


def _drop_lock(session: Session, username: str) -> bool:
    row = session.get(SignInLock, (USER_SCOPE, username))
    if row is None:
        return False
    session.delete(row)
    return True


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
    timezone: str = "Europe/Copenhagen",
) -> int:
    """A real centre's database: the centre and its first supervisor, with the password that person chose.
    Refused (RuleViolation "init.not_empty") once the database has a centre or a clerk, demo or not.
    Returns the supervisor's clerk id."""
    centre_name = " ".join(centre_name.split())
    centre_address = " ".join(centre_address.split())
    if not centre_name or len(centre_name) > 120:
        raise InvalidInput("init.bad_centre_name")
    if not centre_address or len(centre_address) > 200:
        raise InvalidInput("init.bad_centre_address")
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
