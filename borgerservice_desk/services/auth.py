"""Clerk sign-in with argon2 password hashes."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from borgerservice_desk.domain.text_limits import PASSWORD_MAX, USERNAME_MAX, checked_text
from borgerservice_desk.errors import InvalidInput
from borgerservice_desk.services import audit
from borgerservice_desk.services.context import ClerkContext, Clock, utc_now
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import Clerk

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


class AuthService:
    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    def sign_in(self, username: str, password: str) -> ClerkContext:
        # PostgreSQL refuses NUL in a query with a DataError, and argon2 would hash any length: refuse
        # both here, the same on every database, before anything is looked up.
        checked_text(username, "username", USERNAME_MAX)
        checked_text(password, "password", PASSWORD_MAX)
        with self._db.unit_of_work() as uow:
            clerk = uow.session.scalars(
                select(Clerk).where(Clerk.username == username.strip().lower())
            ).one_or_none()
            ok = False
            if clerk is not None:
                try:
                    ok = _hasher.verify(clerk.password_hash, password)
                except (VerificationError, InvalidHashError):
                    ok = False
            audit.record(
                uow.session,
                self._clock,
                None,
                "clerk.sign_in",
                outcome="ok" if ok else "refused",
                username=username.strip().lower()[:60],
            )
            uow.commit()
            if clerk is None or not ok:
                raise InvalidInput("auth.failed")
            return ClerkContext(clerk.id, clerk.username, clerk.full_name, clerk.role, clerk.centre_id)
