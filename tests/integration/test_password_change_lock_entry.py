"""A name locked by wrong current passwords, on a real database (SQLite, and PostgreSQL under `make test`):
the entry of the first refused try while locked names the desk it came from and the lock's end, as a
sign-in's does, so a supervisor can tell where someone kept trying."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.errors import InvalidInput, RuleViolation
from borgerservice_desk.services.auth import AuthService
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import AuditEntry
from tests.conftest import fixed_clock


def test_a_password_change_refused_while_locked_names_the_desk_and_the_locks_end(
    seeded_db: Database, tmp_path: Path
) -> None:
    services = build_services(seeded_db, Paths(tmp_path / "data"), clock=fixed_clock)
    auth = AuthService(seeded_db, fixed_clock, desk="Skranke-4")
    clerk = services.auth.sign_in("clerk", "demo")
    for n in range(5):
        with pytest.raises(InvalidInput):
            auth.change_password(clerk, f"guess-{n}-x", "Rugbrød og Sild 7")
    with pytest.raises(RuleViolation) as caught:
        auth.change_password(clerk, "demo", "Rugbrød og Sild 7")
    assert caught.value.code == "auth.locked"
    with seeded_db.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "clerk.password_change").order_by(AuditEntry.seq.desc())
        ).first()
    assert entry is not None and (entry.outcome, entry.clerk_id) == ("locked", clerk.clerk_id)
    assert entry.detail["desk"] == "Skranke-4" and entry.detail["username"] == "clerk"
    assert entry.detail["locked_until"] == caught.value.params["until"]
    assert entry.detail["scope"] == caught.value.params["scope"]  # which lock: the name here or everywhere
