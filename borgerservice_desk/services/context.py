"""Who is acting, and when: handed to every use case so the audit trail can name the clerk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from borgerservice_desk.domain.desk import Role

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ClerkContext:
    clerk_id: int
    username: str
    full_name: str
    role: Role
    centre_id: int
    # Set at sign-in while the clerk must choose a new password before working (a new or reset account).
    must_change_password: bool = False

    @property
    def is_supervisor(self) -> bool:
        return self.role is Role.SUPERVISOR
