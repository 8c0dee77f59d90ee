"""A clerk changing her own password, on a real database (SQLite, and PostgreSQL under `make test`): while
her name is locked the current password is not looked at (a try whose lock is lifted before it is settled
is judged by its password, as a sign-in is: tests/integration/test_sign_in_locks.py), the desk's lock is
not hers, the refusals' entries say how long the name is now locked and how many tries were refused
meanwhile, and the context she goes on with is the one signing in with the new password gives."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.domain.desk import Role
from borgerservice_desk.domain.text_limits import PASSWORD_MAX
from borgerservice_desk.errors import DeskError, InvalidInput, RuleViolation
from borgerservice_desk.services import auth as auth_module
from borgerservice_desk.services.auth import AuthService
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import AuditEntry, SignInLock
from tests.conftest import SeededTemplates, fixed_clock
from tests.support.audit import last_entry
from tests.support.clock import MovableClock
from tests.support.locks import password_checks, someone_waits_for_a_row_lock
from tests.support.refusals import refused_with

NEW = "Rugbrød og Sild 7"


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(fixed_clock())


@pytest.fixture
def desk(seeded_db: Database, tmp_path: Path, clock: MovableClock) -> Services:
    return build_services(seeded_db, Paths(tmp_path / "data"), clock=clock)


def _lock_by_wrong_current_passwords(services: Services, clerk: ClerkContext) -> None:
    for n in range(5):
        with refused_with("auth.wrong_password", InvalidInput):
            services.auth.change_password(clerk, f"guess-{n}-x", NEW)


def test_while_locked_the_current_password_is_not_looked_at(desk: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    clerk = desk.auth.sign_in("clerk", "demo")
    _lock_by_wrong_current_passwords(desk, clerk)
    checked = password_checks(monkeypatch)
    with refused_with("auth.locked", RuleViolation):
        desk.auth.change_password(clerk, "demo", NEW)
    assert checked == []


def test_the_desks_lock_neither_stops_a_password_change_nor_counts_its_wrong_tries(
    seeded_db: Database, desk: Services, clock: MovableClock
) -> None:
    """A desk is locked against trying name after name; a signed-in clerk changing her own password tries
    only her own name, which the name's locks cover."""
    kiosk = AuthService(seeded_db, clock, desk="kiosk")
    clerk = kiosk.sign_in("clerk", "demo")
    for n in range(10):
        with pytest.raises(DeskError):
            kiosk.sign_in(f"name{n}", "guess")
    with refused_with("auth.locked", RuleViolation):
        kiosk.sign_in("supervisor", "demo")
    kiosk.change_password(clerk, "demo", NEW)
    assert desk.auth.sign_in("clerk", NEW, desk="desk-9").username == "clerk"

    # Nine wrong names at the hall desk and a wrong current password there: the desk is not locked.
    hall = AuthService(seeded_db, clock, desk="hall")
    for n in range(9):
        with pytest.raises(DeskError):
            hall.sign_in(f"name{n}", "guess")
    with refused_with("auth.wrong_password", InvalidInput):
        hall.change_password(clerk, "not-it", "Et helt andet kodeord 9")
    assert hall.sign_in("supervisor", "demo").username == "supervisor"


def test_a_current_password_too_long_is_refused_naming_the_password_field(desk: Services) -> None:
    clerk = desk.auth.sign_in("clerk", "demo")
    with pytest.raises(InvalidInput) as caught:
        desk.auth.change_password(clerk, "x" * (PASSWORD_MAX + 1), NEW)
    assert (caught.value.code, caught.value.params) == (
        "text.too_long", {"field": "password", "limit": PASSWORD_MAX, "length": PASSWORD_MAX + 1}
    )
    with pytest.raises(InvalidInput) as caught:
        desk.auth.change_password(clerk, "de\x00mo", NEW)
    assert (caught.value.code, caught.value.params) == ("text.invalid_characters", {"field": "password"})


def test_refused_changes_say_when_a_lock_began_and_count_the_tries_refused_while_it_ran(
    desk: Services, clock: MovableClock
) -> None:
    """The fifth wrong current password locks the name at this desk for a minute, and its entry says until
    when; the tries refused while locked are counted in the next entry, here the next wrong one."""
    clerk = desk.auth.sign_in("clerk", "demo")
    start = clock.now
    _lock_by_wrong_current_passwords(desk, clerk)
    with desk.db.read() as session:
        refused = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "clerk.password_change").order_by(AuditEntry.seq)
        ).all()
    plain = {"reason": "wrong_current_password", "desk": desk.auth.desk, "locked_until": None}
    assert [(e.clerk_id, e.outcome, e.detail) for e in refused] == [(clerk.clerk_id, "refused", plain)] * 4 + [
        (clerk.clerk_id, "refused", {**plain, "locked_until": {"pair": (start + timedelta(minutes=1)).isoformat()}}),
    ]  # no try was refused while locked yet, so none counts any
    for _n in range(3):
        with refused_with("auth.locked", RuleViolation):
            desk.auth.change_password(clerk, "demo", NEW)
    clock.now = start + timedelta(minutes=1)
    with refused_with("auth.wrong_password", InvalidInput):
        desk.auth.change_password(clerk, "still-wrong", NEW)
    sixth = last_entry(desk, "clerk.password_change")
    assert (sixth.outcome, sixth.detail) == ("refused", {
        "reason": "wrong_current_password", "desk": desk.auth.desk,
        "locked_until": {"pair": (clock.now + timedelta(minutes=2)).isoformat()},
        "tries_while_locked": {"pair": 3},
    })
    clock.now += timedelta(minutes=2)  # counted once: the next refusal has none to count
    with refused_with("auth.wrong_password", InvalidInput):
        desk.auth.change_password(clerk, "wrong once more", NEW)
    assert "tries_while_locked" not in last_entry(desk, "clerk.password_change").detail


def test_after_a_forced_change_the_clerk_goes_on_as_a_fresh_sign_in_with_the_new_password_would(
    desk: Services,
) -> None:
    supervisor = desk.auth.sign_in("supervisor", "demo", desk="office")
    desk.clerks.create(supervisor, "nyansat", "Ny Ansat", Role.CLERK, "Start-Password-2026!")
    first = desk.auth.sign_in("nyansat", "Start-Password-2026!")
    assert first.must_change_password is True
    going_on = desk.auth.change_password(first, "Start-Password-2026!", NEW)
    assert going_on == desk.auth.sign_in("nyansat", NEW)


@pytest.mark.postgres
def test_a_wrong_current_password_and_another_desks_wrong_try_at_the_same_moment_both_count(
    postgresql_url: str, seeded_templates: SeededTemplates, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL two desks may each find no row for the name and both insert one: the second gets the
    unique key's error, and the change is settled again, on the row the other desk made, rather than lost
    or shown to the clerk as an error. (SQLite's unit of work holds the write lock from its start, so the
    other desk waits there instead.)"""
    seeded_templates.fill(postgresql_url)
    db = Database.open(postgresql_url)
    try:
        services = build_services(db, Paths(tmp_path / "data"), clock=fixed_clock)
        clerk = services.auth.sign_in("clerk", "demo")
        real = auth_module._count_failure
        collided: list[bool] = []

        def another_desk_counts_first(*args: Any, **kwargs: Any) -> dict[str, str]:
            if not collided:
                collided.append(True)
                with refused_with("auth.failed", InvalidInput):
                    AuthService(db, fixed_clock, desk="hall").sign_in("clerk", "wrong")
            return real(*args, **kwargs)

        monkeypatch.setattr(auth_module, "_count_failure", another_desk_counts_first)
        with refused_with("auth.wrong_password", InvalidInput):
            services.auth.change_password(clerk, "not-it", NEW)
        assert collided == [True]
        with db.read() as session:
            everywhere = session.get(SignInLock, ("user", "clerk"))
            assert everywhere is not None and everywhere.failures == 2
        assert last_entry(services, "clerk.password_change").outcome == "refused"
    finally:
        db.dispose()


@pytest.mark.postgres
def test_a_wrong_current_password_and_another_desks_wrong_try_on_the_same_row_are_both_counted(
    postgresql_url: str, seeded_templates: SeededTemplates, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name's row counts every wrong try: the change reads it under a row lock (SELECT ... FOR UPDATE),
    so another desk's wrong try at that moment waits and counts on top instead of being overwritten. (On
    SQLite the unit of work's write lock already makes the other desk wait.)"""
    seeded_templates.fill(postgresql_url)
    db = Database.open(postgresql_url)
    try:
        services = build_services(db, Paths(tmp_path / "data"), clock=fixed_clock)
        clerk = services.auth.sign_in("clerk", "demo")
        hall = AuthService(db, fixed_clock, desk="hall")
        with refused_with("auth.failed", InvalidInput):
            hall.sign_in("clerk", "wrong")  # the name's row exists: one wrong try
        real = auth_module._count_failure
        outcome: list[str] = []
        threads: list[threading.Thread] = []

        def another_desk_tries_meanwhile() -> None:
            try:
                hall.sign_in("clerk", "wrong again")
            except DeskError as refusal:
                outcome.append(refusal.code)

        def count_while_another_desk_tries(*args: Any, **kwargs: Any) -> dict[str, str]:
            if threading.current_thread() is threading.main_thread() and not outcome:
                other = threading.Thread(target=another_desk_tries_meanwhile)
                threads.append(other)
                other.start()
                while other.is_alive() and not someone_waits_for_a_row_lock(db):
                    time.sleep(0.01)
                outcome.append("started")
            return real(*args, **kwargs)

        monkeypatch.setattr(auth_module, "_count_failure", count_while_another_desk_tries)
        with refused_with("auth.wrong_password", InvalidInput):
            services.auth.change_password(clerk, "not-it", NEW)
        threads[0].join(30)
        assert outcome == ["started", "auth.failed"]
        with db.read() as session:
            everywhere = session.get(SignInLock, ("user", "clerk"))
            assert everywhere is not None and everywhere.failures == 3
    finally:
        db.dispose()



@pytest.mark.parametrize(("current", "hashed"), [("demo", [NEW]), ("not-it", [])], ids=["right", "wrong"])
def test_the_current_password_is_checked_once_before_settling_and_a_wrong_one_hashes_nothing(
    desk: Services, monkeypatch: pytest.MonkeyPatch, current: str, hashed: list[str]
) -> None:
    """Argon2 takes a good part of a second a password: with no lock the current password is checked once,
    before the settling transaction (whose write lock the other desks wait for) and not again in it, and a
    wrong one makes no hash of the new password."""
    clerk = desk.auth.sign_in("clerk", "demo")
    checked = password_checks(monkeypatch)
    hashes: list[str] = []
    real_hash = auth_module.hash_password

    def counted_hash(password: str) -> str:
        hashes.append(password)
        return real_hash(password)

    settlings: list[list[str]] = []
    settle = desk.auth._settle_change

    def counted_settle(*args: Any, **kwargs: Any) -> ClerkContext:
        settlings.append(list(checked))  # what was checked by the time the change is settled
        return settle(*args, **kwargs)

    monkeypatch.setattr(auth_module, "hash_password", counted_hash)
    monkeypatch.setattr(desk.auth, "_settle_change", counted_settle)
    if hashed:
        desk.auth.change_password(clerk, current, NEW)
    else:
        with refused_with("auth.wrong_password", InvalidInput):
            desk.auth.change_password(clerk, current, NEW)

    assert (checked, settlings, hashes) == ([current], [[current]], hashed)
