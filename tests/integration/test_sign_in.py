"""Signing in on a real database: the lock-out after wrong tries, per name and per desk, lifted by time or
by a supervisor, and an unknown name costing what a known one costs."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.errors import DeskError, InvalidInput, RuleViolation
from borgerservice_desk.services import auth as auth_module
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import AuditEntry
from tests.conftest import NOW


class _Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self):  # type: ignore[no-untyped-def]
        return self.now


@pytest.fixture
def clock() -> _Clock:
    return _Clock()


@pytest.fixture
def desk(seeded_db: Database, tmp_path: Path, clock: _Clock) -> Services:
    return build_services(seeded_db, Paths(tmp_path / "data"), clock=clock)


def _refusal(services: Services, username: str, password: str, desk: str = "desk-1") -> str:
    with pytest.raises(DeskError) as caught:
        services.auth.sign_in(username, password, desk=desk)
    return caught.value.code


def _password_set_by_the_desk(services: Services) -> None:
    """The seeded clerks' hashes are made cheap for the suite (tests/conftest.py): a password the clerk
    changes at the desk is hashed with the desk's own parameters, as every real clerk's is."""
    clerk = services.auth.sign_in("clerk", "demo", desk="set-up")
    services.auth.change_password(clerk, "demo", "Et langt nyt kodeord 2026")


def _sign_ins(services: Services) -> list[AuditEntry]:
    with services.db.read() as session:
        return list(
            session.scalars(select(AuditEntry).where(AuditEntry.action == "clerk.sign_in").order_by(AuditEntry.id))
        )


def test_a_hundred_wrong_passwords_lock_the_name_so_the_right_one_no_longer_works(desk: Services) -> None:
    codes = [_refusal(desk, "clerk", f"guess-{n}") for n in range(100)]
    assert codes[:5] == ["auth.failed"] * 5  # the fifth wrong try locks; the tries after it are not counted
    assert set(codes[5:]) == {"auth.locked"}
    with pytest.raises(RuleViolation) as caught:
        desk.auth.sign_in("clerk", "demo", desk="desk-1")
    assert caught.value.code == "auth.locked" and caught.value.params["scope"] == "pair"
    outcomes = [e.outcome for e in _sign_ins(desk)]
    # Only the first try refused while locked is an entry of its own; the other 95 are counted.
    assert outcomes.count("refused") == 5 and outcomes.count("locked") == 1
    locking = next(e for e in _sign_ins(desk) if e.detail.get("locked_until"))
    assert locking.detail["locked_until"]["pair"] == (NOW + timedelta(minutes=1)).isoformat()


def test_the_lock_ends_by_time_and_doubles_at_each_further_wrong_try(desk: Services, clock: _Clock) -> None:
    for n in range(5):
        _refusal(desk, "clerk", f"guess-{n}")
    clock.now += timedelta(seconds=59)
    assert _refusal(desk, "clerk", "demo") == "auth.locked"
    clock.now += timedelta(seconds=2)  # past the first minute: one more wrong try locks for two
    assert _refusal(desk, "clerk", "guess-5") == "auth.failed"
    clock.now += timedelta(seconds=119)
    assert _refusal(desk, "clerk", "demo") == "auth.locked"
    clock.now += timedelta(seconds=2)
    assert desk.auth.sign_in("clerk", "demo", desk="desk-1").username == "clerk"
    # A right password forgets the wrong tries: the next mistake starts counting afresh.
    assert _refusal(desk, "clerk", "typo") == "auth.failed"
    assert desk.auth.sign_in("clerk", "demo", desk="desk-1").username == "clerk"


def test_a_supervisor_lifts_the_lock_and_it_is_audited(desk: Services) -> None:
    supervisor = desk.auth.sign_in("supervisor", "demo", desk="desk-2")
    for n in range(6):
        _refusal(desk, "clerk", f"guess-{n}")
    row = next(r for r in desk.clerks.clerks(supervisor) if r.username == "clerk")
    assert row.locked_until == NOW + timedelta(minutes=1)
    desk.clerks.unlock(supervisor, row.id)
    assert next(r for r in desk.clerks.clerks(supervisor) if r.username == "clerk").locked_until is None
    assert desk.auth.sign_in("clerk", "demo", desk="desk-1").username == "clerk"
    with desk.db.read() as session:
        unlock = session.scalars(select(AuditEntry).where(AuditEntry.action == "clerk.unlock")).one()
    assert unlock.clerk_id == supervisor.clerk_id and unlock.detail["was_locked"] is True


def test_a_desk_trying_many_names_is_locked_but_other_desks_are_not(desk: Services) -> None:
    codes = [_refusal(desk, f"name{n}", "guess", desk="desk-7") for n in range(12)]
    assert codes[:10] == ["auth.failed"] * 10 and codes[10:] == ["auth.locked"] * 2
    assert _refusal(desk, "clerk", "demo", desk="desk-7") == "auth.locked"
    assert desk.auth.sign_in("clerk", "demo", desk="desk-8").username == "clerk"


def test_an_unknown_name_is_locked_like_a_known_one(desk: Services) -> None:
    """Otherwise the lock would tell which names exist."""
    known = [_refusal(desk, "clerk", "guess", desk="d1") for n in range(6)]
    unknown = [_refusal(desk, "nobody", "guess", desk="d2") for n in range(6)]
    assert known == unknown == ["auth.failed"] * 5 + ["auth.locked"]
    # Over many desks: the cap on a name at all desks together, the same for both.
    known = [_refusal(desk, "clerk", "guess", desk=f"k{n}") for n in range(17)]
    unknown = [_refusal(desk, "nobody", "guess", desk=f"u{n}") for n in range(17)]
    assert known == unknown == ["auth.failed"] * 15 + ["auth.locked"] * 2


def test_a_deactivated_clerk_cannot_sign_in_with_the_right_password(desk: Services) -> None:
    supervisor = desk.auth.sign_in("supervisor", "demo")
    clerk_id = next(r.id for r in desk.clerks.clerks(supervisor) if r.username == "clerk")
    desk.clerks.set_active(supervisor, clerk_id, False)
    assert _refusal(desk, "clerk", "demo") == "auth.failed"
    assert _sign_ins(desk)[-1].detail["reason"] == "inactive"
    desk.clerks.set_active(supervisor, clerk_id, True)
    assert desk.auth.sign_in("clerk", "demo").username == "clerk"


def test_an_unknown_name_is_checked_against_a_hash_like_a_known_one(
    desk: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    real = auth_module._hasher

    class CountingHasher:
        def hash(self, password: str) -> str:
            return real.hash(password)

        def verify(self, hash_: str, password: str) -> bool:
            checked.append(hash_)
            return real.verify(hash_, password)

    _password_set_by_the_desk(desk)
    monkeypatch.setattr(auth_module, "_hasher", CountingHasher())
    _refusal(desk, "clerk", "wrong", desk="a")
    _refusal(desk, "no-such-clerk", "wrong", desk="b")
    assert len(checked) == 2
    # The same argon2 parameters, so the same work: "$argon2id$v=19$m=...,t=...,p=...$".
    assert checked[0].split("$")[:4] == checked[1].split("$")[:4]


def test_an_unknown_name_takes_about_as_long_as_a_wrong_password(desk: Services) -> None:
    def seconds(username: str, n: int) -> float:
        started = time.perf_counter()
        _refusal(desk, username, "wrong", desk=f"timing-{username}-{n}")
        return time.perf_counter() - started

    _password_set_by_the_desk(desk)
    # Interleaved, and the fastest of several (a loaded machine only ever makes a run slower), with a
    # generous bound: the gap this guards against is 30-fold; the hash parameters are checked exactly in
    # the test above.
    known, unknown = [], []
    for n in range(6):
        known.append(seconds("clerk", n))
        unknown.append(seconds(f"nobody{n}", n))
    assert min(unknown) > min(known) / 5, (known, unknown)


def test_a_wrong_current_password_does_not_change_it(desk: Services) -> None:
    clerk = desk.auth.sign_in("clerk", "demo")
    with pytest.raises(InvalidInput) as caught:
        desk.auth.change_password(clerk, "not-demo", "Rugbrød og Sild 7")
    assert caught.value.code == "auth.wrong_password"
    with pytest.raises(InvalidInput) as caught:
        desk.auth.change_password(clerk, "demo", "demodemodemo")
    assert caught.value.code == "password.too_simple"
    desk.auth.change_password(clerk, "demo", "Rugbrød og Sild 7")
    assert _refusal(desk, "clerk", "demo") == "auth.failed"
    assert desk.auth.sign_in("clerk", "Rugbrød og Sild 7").username == "clerk"


def test_each_sign_in_try_is_an_entry_with_the_desk_and_the_name_or_only_its_hash(desk: Services) -> None:
    """A clerk's name is logged as it is; anything else typed as the name only as its keyed hash (it may be
    a password typed into the wrong field). A refusal says why, and that no lock began."""
    desk.auth.sign_in("clerk", "demo", desk="desk-1")
    assert _refusal(desk, "clerk", "guess", desk="desk-2") == "auth.failed"
    assert _refusal(desk, "Hemmeligt42", "guess", desk="desk-3") == "auth.failed"
    ok, wrong, unknown = _sign_ins(desk)
    assert [(e.clerk_id, e.outcome) for e in (ok, wrong, unknown)] == [(None, "ok"), (None, "refused"), (None, "refused")]
    assert ok.detail == {"username": "clerk", "desk": "desk-1"}
    assert wrong.detail == {"username": "clerk", "desk": "desk-2", "reason": "password", "locked_until": None}
    hashed = unknown.detail.pop("username_hash")
    assert hashed.startswith("#") and "hemmeligt42" not in str(unknown.detail).lower() + hashed
    assert unknown.detail == {"desk": "desk-3", "reason": "password", "locked_until": None}


def test_a_password_change_is_audited_and_a_wrong_current_one_says_so(desk: Services) -> None:
    clerk = desk.auth.sign_in("clerk", "demo")
    with pytest.raises(InvalidInput):
        desk.auth.change_password(clerk, "not-demo", "Rugbrød og Sild 7")
    desk.auth.change_password(clerk, "demo", "Rugbrød og Sild 7")
    with desk.db.read() as session:
        refused, changed = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "clerk.password_change").order_by(AuditEntry.id)
        ).all()
    assert (refused.clerk_id, refused.outcome, refused.detail) == (
        clerk.clerk_id, "refused", {"reason": "wrong_current_password", "desk": desk.auth.desk, "locked_until": None},
    )
    assert (changed.clerk_id, changed.outcome, changed.detail) == (clerk.clerk_id, "ok", {})
