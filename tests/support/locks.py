"""Shared by the sign-in, password-change and clerk tests: watching a PostgreSQL desk wait on another's row
lock (instead of sleeping), and recording which passwords `auth` checks (a locked try must check none)."""

from __future__ import annotations

import pytest

from borgerservice_desk.services import auth as auth_module
from borgerservice_desk.storage.database import Database


def someone_waits_for_a_row_lock(db: Database) -> bool:
    with db.engine.connect() as connection:
        waiting = connection.exec_driver_sql(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
        ).scalar_one()
    return bool(waiting)


def password_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """From now on, every password `auth` verifies, in order (the real check still answers)."""
    checked: list[str] = []
    real = auth_module.verify_password

    def spy(password_hash: str | None, password: str) -> bool:
        checked.append(password)
        return real(password_hash, password)

    monkeypatch.setattr(auth_module, "verify_password", spy)
    return checked
