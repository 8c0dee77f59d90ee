"""The lock-out cannot be turned against the centre: a name locked at one desk only, a cap over all desks,
desk locks a supervisor or the operator lifts, no typed text kept for unknown names, no race past a lock,
no flood of entries while locked, and no unlimited guessing of the current password."""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.domain.desk import Role
from borgerservice_desk.errors import DeskError, InvalidInput, RuleViolation
from borgerservice_desk.services import auth as auth_module
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import AuditEntry, Setting, SignInLock
from tests.conftest import NOW, SeededTemplates, fixed_clock
from tests.support.locks import password_checks, someone_waits_for_a_row_lock
from tests.support.refusals import refused_with


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


def _entries(services: Services, action: str = "clerk.sign_in") -> list[AuditEntry]:
    with services.db.read() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def _supervisor_row_id(services: Services, supervisor, username: str) -> int:  # type: ignore[no-untyped-def]
    return next(r.id for r in services.clerks.clerks(supervisor) if r.username == username)


# 1. Denial of service ---------------------------------------------------------------------------------
def test_wrong_tries_of_a_name_at_another_desk_do_not_lock_her_out_of_her_own(desk: Services) -> None:
    codes = [_refusal(desk, "supervisor", f"guess-{n}", desk="hall-pc") for n in range(6)]
    assert codes[-1] == "auth.locked"
    assert desk.auth.sign_in("supervisor", "demo", desk="supervisor-pc").username == "supervisor"
    assert _refusal(desk, "supervisor", "demo", desk="hall-pc") == "auth.locked"


def test_many_desks_guessing_one_name_reach_the_cap_over_all_desks(desk: Services) -> None:
    codes = [_refusal(desk, "clerk", "guess", desk=f"pc-{n}") for n in range(21)]
    assert codes[:20] == ["auth.failed"] * 20 and codes[20] == "auth.locked"
    assert _refusal(desk, "clerk", "demo", desk="fresh-pc") == "auth.locked"


def test_a_supervisor_sees_and_lifts_a_desk_lock(desk: Services) -> None:
    supervisor = desk.auth.sign_in("supervisor", "demo", desk="office")
    for n in range(10):
        _refusal(desk, f"name{n}", "guess", desk="terminal-server")
    assert _refusal(desk, "clerk", "demo", desk="terminal-server") == "auth.locked"
    locked = desk.clerks.locked_desks(supervisor)
    assert [d.desk for d in locked] == ["terminal-server"] and locked[0].locked_until == NOW + timedelta(minutes=1)
    desk.clerks.unlock_desk(supervisor, "terminal-server")
    assert desk.clerks.locked_desks(supervisor) == []
    assert desk.auth.sign_in("clerk", "demo", desk="terminal-server").username == "clerk"
    entry = _entries(desk, "desk.unlock")[-1]
    assert entry.clerk_id == supervisor.clerk_id and entry.detail["desk"] == "terminal-server"
    assert entry.detail["was_locked"] is True and entry.detail["tries_while_locked"] == {"desk": 1}


def test_only_desks_are_listed_as_locked_desks_by_name_with_their_wrong_tries_until_the_lock_ends(
    desk: Services, clock: _Clock
) -> None:
    """A name locked at one desk is that clerk's lock (lifted from the clerk list), not the desk's; a desk's
    lock ends at its time exactly."""
    from borgerservice_desk.services.clerks import DeskLock

    supervisor = desk.auth.sign_in("supervisor", "demo", desk="office")
    for where in ("zeta-pc", "alpha-pc"):
        for n in range(10):
            _refusal(desk, f"name{n}", "guess", desk=where)
    for n in range(5):
        _refusal(desk, "clerk", f"guess-{n}", desk="hall")
    assert _refusal(desk, "clerk", "demo", desk="hall") == "auth.locked"
    until = NOW + timedelta(minutes=1)
    assert desk.clerks.locked_desks(supervisor) == [DeskLock("alpha-pc", 10, until), DeskLock("zeta-pc", 10, until)]
    clock.now = until
    assert desk.clerks.locked_desks(supervisor) == []


def test_lifting_a_desk_that_is_not_locked_is_recorded_as_such(desk: Services) -> None:
    supervisor = desk.auth.sign_in("supervisor", "demo", desk="office")
    desk.clerks.unlock_desk(supervisor, "quiet-pc")
    entry = _entries(desk, "desk.unlock")[-1]
    assert (entry.clerk_id, entry.outcome, entry.detail) == (
        supervisor.clerk_id, "ok", {"desk": "quiet-pc", "was_locked": False},
    )
    with pytest.raises(InvalidInput) as caught:
        desk.clerks.unlock_desk(supervisor, "quiet\x00pc")
    assert (caught.value.code, caught.value.params) == ("text.invalid_characters", {"field": "desk"})


def test_only_a_supervisor_lifts_a_desk_lock(desk: Services) -> None:
    clerk = desk.auth.sign_in("clerk", "demo", desk="office")
    with refused_with("clerk.supervisor_only", RuleViolation):
        desk.clerks.unlock_desk(clerk, "terminal-server")
    with refused_with("clerk.supervisor_only", RuleViolation):
        desk.clerks.locked_desks(clerk)


def test_a_supervisors_unlock_lifts_the_clerks_locks_at_every_desk(desk: Services) -> None:
    supervisor = desk.auth.sign_in("supervisor", "demo", desk="office")
    for where in ("a", "b", "c"):
        for n in range(5):
            _refusal(desk, "clerk", f"guess-{n}", desk=where)
    assert _refusal(desk, "clerk", "demo", desk="a") == "auth.locked"
    desk.clerks.unlock(supervisor, _supervisor_row_id(desk, supervisor, "clerk"))
    for where in ("a", "b", "c"):
        assert desk.auth.sign_in("clerk", "demo", desk=where).username == "clerk"


def test_the_operator_lifts_a_lock_from_the_command_line_without_signing_in(
    desk: Services, database_url: str
) -> None:
    from borgerservice_desk.cli.commands import unlock_command

    for n in range(5):
        _refusal(desk, "supervisor", f"guess-{n}", desk="hall")
    for n in range(10):
        _refusal(desk, f"name{n}", "guess", desk="kiosk")
    out = io.StringIO()
    assert unlock_command(database_url, user="Supervisor", desk=None, out=out) == 0
    assert "lifted" in out.getvalue()
    assert unlock_command(database_url, user=None, desk="kiosk", out=out) == 0
    assert desk.auth.sign_in("supervisor", "demo", desk="hall").username == "supervisor"
    assert desk.auth.sign_in("clerk", "demo", desk="kiosk").username == "clerk"
    user_entry = _entries(desk, "clerk.unlock")[-1]
    desk_entry = _entries(desk, "desk.unlock")[-1]
    assert user_entry.clerk_id is None and user_entry.detail["source"] == "command line"
    assert user_entry.detail["username"] == "supervisor"
    assert desk_entry.clerk_id is None and desk_entry.detail["source"] == "command line"
    assert desk_entry.detail["desk"] == "kiosk"


def test_the_operator_unlock_says_whether_a_lock_was_running(desk: Services, clock: _Clock) -> None:
    from borgerservice_desk.services.clerks import operator_unlock

    for n in range(5):
        _refusal(desk, "supervisor", f"guess-{n}", desk="hall")
    assert operator_unlock(desk.db, user="supervisor", clock=clock) == 2  # at the desk and over all desks
    assert _entries(desk, "clerk.unlock")[-1].detail["was_locked"] is True
    assert operator_unlock(desk.db, user="nobody-at-all", clock=clock) == 0
    assert "nobody" not in json.dumps(_entries(desk, "clerk.unlock")[-1].detail)


def test_the_unlock_command_parses_user_and_desk() -> None:
    from borgerservice_desk.cli import parse_args

    args = parse_args(["unlock", "--user", "bente"])
    assert args.command == "unlock" and args.unlock_user == "bente" and args.unlock_desk is None
    with pytest.raises(SystemExit):
        parse_args(["unlock"])


# 2. The lock is checked again when the try is settled ---------------------------------------------------
def test_a_right_guess_in_flight_while_the_name_gets_locked_is_refused(
    desk: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = auth_module.verify_password
    calls = {"n": 0}

    def verify_while_others_lock_it(password_hash: str | None, password: str) -> bool:
        calls["n"] += 1
        if calls["n"] == 1:  # the right guess is checked while five wrong ones lock the name
            for n in range(5):
                _refusal(desk, "clerk", f"guess-{n}")
        return real(password_hash, password)

    monkeypatch.setattr(auth_module, "verify_password", verify_while_others_lock_it)
    assert _refusal(desk, "clerk", "demo") == "auth.locked"
    assert not any(e.outcome == "ok" for e in _entries(desk))
    # The refusal is audited as the lock's first refused try, at the desk it came from.
    refused = _entries(desk)[-1]
    assert (refused.outcome, refused.detail["desk"], refused.detail["username"]) == ("locked", "desk-1", "clerk")


@pytest.mark.parametrize(("password", "signed_in"), [("demo", True), ("guess", False)])
def test_a_try_seen_locked_is_judged_by_its_password_when_the_lock_was_lifted_before_it_is_settled(
    desk: Services, monkeypatch: pytest.MonkeyPatch, password: str, signed_in: bool
) -> None:
    """The lock seen before the password check is looked at again when the try is settled: lifted by a
    supervisor at that moment, it no longer refuses, and the password (not looked at while locked) is
    checked after all."""
    supervisor = desk.auth.sign_in("supervisor", "demo", desk="office")
    for n in range(5):
        _refusal(desk, "clerk", f"guess-{n}")
    clerk_id = _supervisor_row_id(desk, supervisor, "clerk")
    settle = desk.auth._settle
    lifted: list[bool] = []

    def lifted_by_a_supervisor_first(*args, **kwargs):  # type: ignore[no-untyped-def]
        if not lifted:
            lifted.append(True)
            desk.clerks.unlock(supervisor, clerk_id)
        return settle(*args, **kwargs)

    monkeypatch.setattr(desk.auth, "_settle", lifted_by_a_supervisor_first)
    if signed_in:
        assert desk.auth.sign_in("clerk", password, desk="desk-1").username == "clerk"
    else:
        assert _refusal(desk, "clerk", password) == "auth.failed"
    assert lifted == [True]
    entry = _entries(desk)[-1]
    assert (entry.outcome, entry.detail.get("reason")) == (("ok", None) if signed_in else ("refused", "password"))


def test_while_locked_the_password_is_not_looked_at(desk: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    """A try while the name or the desk is locked is refused without checking the password: it costs no
    hash, and the answer says nothing about it. So for a desk locked before any name nobody has was ever
    counted (by clerks' own names), for a clerk's name, and for a name nobody has."""
    supervisor = desk.auth.sign_in("supervisor", "demo", desk="office")
    desk.clerks.create(supervisor, "tredje", "Tredje Kollega", Role.CLERK, "Start-Password-2026!")
    for name, tries in (("clerk", 4), ("supervisor", 4), ("tredje", 2)):  # ten wrong names lock the hall desk
        for n in range(tries):
            assert _refusal(desk, name, f"guess-{n}", desk="hall") == "auth.failed"
    for n in range(5):
        assert _refusal(desk, "clerk", f"guess-{n}", desk="desk-1") == "auth.failed"
        assert _refusal(desk, "nobody", f"guess-{n}", desk="desk-2") == "auth.failed"
    checked = password_checks(monkeypatch)
    tries = [("clerk", "demo", "desk-1"), ("nobody", "guess", "desk-2"), ("supervisor", "demo", "hall")]
    assert [_refusal(desk, *t) for t in tries] == ["auth.locked"] * 3
    assert checked == []


def test_a_desk_locked_before_any_unknown_name_is_refused_for_one_without_looking_at_its_password(
    desk: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Until a name nobody has is tried, there is no key to hash one with, so only the desk's own lock
    can be looked at before the password: it is."""
    supervisor = desk.auth.sign_in("supervisor", "demo", desk="office")
    desk.clerks.create(supervisor, "tredje", "Tredje Kollega", Role.CLERK, "Start-Password-2026!")
    for name, tries in (("clerk", 4), ("supervisor", 4), ("tredje", 2)):
        for n in range(tries):
            assert _refusal(desk, name, f"guess-{n}", desk="hall") == "auth.failed"
    with desk.db.read() as session:
        assert session.get(Setting, auth_module.NAME_KEY_SETTING) is None  # no name nobody has yet
    checked = password_checks(monkeypatch)
    assert _refusal(desk, "nobody", "guess", desk="hall") == "auth.locked"
    assert checked == []


@pytest.mark.parametrize(("host", "counted_as"), [("skranke-3.kommune.dk", "skranke-3.kommune.dk"), ("", "desk")])
def test_a_desk_is_counted_by_its_machines_host_name(
    seeded_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, host: str, counted_as: str
) -> None:
    """Each workstation counts apart, under its host name (a machine without one as "desk"): the entry
    and the lock name the machine the try came from."""
    monkeypatch.setattr(auth_module.socket, "gethostname", lambda: host)
    services = build_services(seeded_db, Paths(tmp_path / "data"), clock=fixed_clock)
    assert services.auth.desk == counted_as
    with refused_with("auth.failed", InvalidInput):
        services.auth.sign_in("clerk", "guess")
    assert _entries(services)[-1].detail["desk"] == counted_as


# 3. No typed text for a name no clerk has --------------------------------------------------------------
def test_a_name_nobody_has_is_kept_only_as_a_keyed_hash(desk: Services) -> None:
    typed = "Hemmelig-Kode-42"  # a password typed into the name field
    for _n in range(6):
        _refusal(desk, typed, "guess")
    _refusal(desk, "clerk", "guess")
    with desk.db.read() as session:
        rows = list(session.scalars(select(SignInLock)))
        stored = json.dumps([(r.scope, r.name, r.username, r.desk) for r in rows])
        entries = json.dumps([e.detail for e in session.scalars(select(AuditEntry))], ensure_ascii=False)
    assert typed.lower() not in stored.lower() and typed.lower() not in entries.lower()
    hashed = [e for e in _entries(desk) if "username_hash" in e.detail]
    assert len(hashed) == 6 and len({e.detail["username_hash"] for e in hashed}) == 1
    assert _entries(desk)[-1].detail["username"] == "clerk"  # a clerk's name is recorded as it is


def test_the_sentence_the_dummy_hash_was_made_from_is_no_password_for_a_name_nobody_has(desk: Services) -> None:
    """Unknown names are checked against a dummy hash so they cost what a known one costs; the sentence
    hashed into it is a wrong password like any other."""
    sentence = "no clerk has this password; it only makes unknown names as slow as known ones"
    assert auth_module._hasher.verify(auth_module._dummy_hash(), sentence)
    assert _refusal(desk, "nobody", sentence) == "auth.failed"
    entry = _entries(desk)[-1]
    assert (entry.outcome, entry.detail["reason"]) == ("refused", "password")


# 4. While locked, one entry and a count ------------------------------------------------------------------
def test_tries_while_locked_give_one_entry_and_the_count_comes_in_the_next(desk: Services, clock: _Clock) -> None:
    for n in range(5):
        _refusal(desk, "clerk", f"guess-{n}")
    before = len(_entries(desk))
    for _n in range(50):
        assert _refusal(desk, "clerk", "anything") == "auth.locked"
    assert len(_entries(desk)) == before + 1
    clock.now += timedelta(minutes=2)
    desk.auth.sign_in("clerk", "demo", desk="desk-1")
    last = _entries(desk)[-1]
    assert last.outcome == "ok" and last.detail["tries_while_locked"] == {"pair": 50}


# 5. The current password cannot be guessed without limit -------------------------------------------------
def test_wrong_current_passwords_lock_the_name(desk: Services) -> None:
    clerk = desk.auth.sign_in("clerk", "demo")
    for n in range(5):
        with refused_with("auth.wrong_password", InvalidInput):
            desk.auth.change_password(clerk, f"guess-{n}-x", "Rugbrød og Sild 7")
    with pytest.raises(RuleViolation) as caught:
        desk.auth.change_password(clerk, "demo", "Rugbrød og Sild 7")
    assert caught.value.code == "auth.locked"
    with refused_with("auth.locked", RuleViolation):
        desk.auth.sign_in("clerk", "demo")  # this desk, the service's own
    refused = _entries(desk, "clerk.password_change")
    assert [e.outcome for e in refused] == ["refused"] * 5 + ["locked"]


@pytest.mark.parametrize(("current", "changed"), [("demo", True), ("guess", False)])
def test_a_password_change_seen_locked_is_judged_by_its_password_when_the_lock_was_lifted_before_it_is_settled(
    desk: Services, monkeypatch: pytest.MonkeyPatch, current: str, changed: bool
) -> None:
    """As for a sign-in: the name was locked when the change was asked for, so the current password was not
    looked at; a supervisor lifts the lock at that moment, and the change is judged by the password after
    all. Fails with the unchecked password counted as a wrong one (the clerk told "wrong password" for the
    right one)."""
    supervisor = desk.auth.sign_in("supervisor", "demo", desk="office")
    clerk = desk.auth.sign_in("clerk", "demo")
    for n in range(5):
        with refused_with("auth.wrong_password", InvalidInput):
            desk.auth.change_password(clerk, f"guess-{n}-x", "Rugbrød og Sild 7")
    clerk_id = _supervisor_row_id(desk, supervisor, "clerk")
    settle = desk.auth._settle_change
    lifted: list[bool] = []

    def lifted_by_a_supervisor_first(*args, **kwargs):  # type: ignore[no-untyped-def]
        if not lifted:
            lifted.append(True)
            desk.clerks.unlock(supervisor, clerk_id)
        return settle(*args, **kwargs)

    monkeypatch.setattr(desk.auth, "_settle_change", lifted_by_a_supervisor_first)
    hashes: list[str] = []
    real_hash = auth_module.hash_password
    monkeypatch.setattr(auth_module, "hash_password", lambda password: hashes.append(password) or real_hash(password))
    if changed:
        desk.auth.change_password(clerk, current, "Rugbrød og Sild 7")
        assert desk.auth.sign_in("clerk", "Rugbrød og Sild 7").username == "clerk"
    else:
        with refused_with("auth.wrong_password", InvalidInput):
            desk.auth.change_password(clerk, current, "Rugbrød og Sild 7")
    assert lifted == [True]
    assert hashes == (["Rugbrød og Sild 7"] if changed else [])  # a wrong password, checked late, hashes nothing
    entry = _entries(desk, "clerk.password_change")[-1]
    assert (entry.outcome, entry.detail.get("reason")) == (
        ("ok", None) if changed else ("refused", "wrong_current_password")
    )


# 6. Two desks at the same moment (PostgreSQL: SQLite's unit of work takes the write lock at its start) ---
@pytest.fixture
def postgres_desk(postgresql_url: str, seeded_templates: SeededTemplates, tmp_path: Path) -> Iterator[Services]:
    seeded_templates.fill(postgresql_url)
    db = Database.open(postgresql_url)
    yield build_services(db, Paths(tmp_path / "data"), clock=fixed_clock)
    db.dispose()


@pytest.mark.postgres
def test_two_desks_first_wrong_tries_of_one_name_at_the_same_moment_are_both_counted(
    postgres_desk: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both desks find no row for the name and insert one: the second gets the unique key's error and
    settles its try again, on the row the other desk made, instead of showing the clerk an error."""
    real = auth_module._count_failure
    collided: list[bool] = []

    def another_desk_counts_first(*args, **kwargs):  # type: ignore[no-untyped-def]
        if not collided:
            collided.append(True)
            assert _refusal(postgres_desk, "clerk", "wrong", desk="hall") == "auth.failed"
        return real(*args, **kwargs)

    monkeypatch.setattr(auth_module, "_count_failure", another_desk_counts_first)
    assert _refusal(postgres_desk, "clerk", "also wrong", desk="desk-1") == "auth.failed"
    assert collided == [True]
    with postgres_desk.db.read() as session:
        everywhere = session.get(SignInLock, ("user", "clerk"))
        assert everywhere is not None and everywhere.failures == 2
    assert [(e.outcome, e.detail["desk"]) for e in _entries(postgres_desk)] == [
        ("refused", "hall"), ("refused", "desk-1"),
    ]


@pytest.mark.postgres
def test_two_desks_first_unknown_names_at_the_same_moment_share_one_name_key(
    postgres_desk: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database's key for hashing unknown names is made on first use; two desks making it at once
    keep the first one made, so the same name typed at both is counted as one."""
    real = auth_module.secrets.token_bytes
    made: list[bool] = []

    def another_desk_makes_it_first(n: int) -> bytes:
        if not made:
            made.append(True)
            assert _refusal(postgres_desk, "nobody", "guess", desk="hall") == "auth.failed"
        return real(n)

    monkeypatch.setattr(auth_module.secrets, "token_bytes", another_desk_makes_it_first)
    assert _refusal(postgres_desk, "nobody", "guess", desk="desk-1") == "auth.failed"
    assert made == [True]
    hall, here = _entries(postgres_desk)
    assert hall.detail["username_hash"] == here.detail["username_hash"]
    with postgres_desk.db.read() as session:
        everywhere = session.get(SignInLock, ("user", hall.detail["username_hash"]))
        assert everywhere is not None and everywhere.failures == 2


@pytest.mark.postgres
def test_two_desks_wrong_tries_of_one_name_on_its_row_at_the_same_moment_are_both_counted(
    postgres_desk: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A try is settled on the name's rows read under a row lock (SELECT ... FOR UPDATE): another desk's
    try at that moment waits, then counts on top, instead of overwriting the count (a lost wrong try would
    give a guesser one more)."""
    assert _refusal(postgres_desk, "clerk", "wrong", desk="hall") == "auth.failed"  # the name's row exists
    real = auth_module._count_failure
    outcome: list[str] = []
    threads: list[threading.Thread] = []

    def another_desk_tries_meanwhile() -> None:
        outcome.append(_refusal(postgres_desk, "clerk", "wrong again", desk="hall"))

    def count_while_another_desk_tries(*args, **kwargs):  # type: ignore[no-untyped-def]
        if threading.current_thread() is threading.main_thread() and not threads:
            threads.append(threading.Thread(target=another_desk_tries_meanwhile))
            threads[0].start()
            while threads[0].is_alive() and not someone_waits_for_a_row_lock(postgres_desk.db):
                time.sleep(0.01)
            outcome.append("waiting")
        return real(*args, **kwargs)

    monkeypatch.setattr(auth_module, "_count_failure", count_while_another_desk_tries)
    assert _refusal(postgres_desk, "clerk", "also wrong", desk="desk-1") == "auth.failed"
    threads[0].join(30)
    assert outcome == ["waiting", "auth.failed"]
    with postgres_desk.db.read() as session:
        everywhere = session.get(SignInLock, ("user", "clerk"))
        assert everywhere is not None and everywhere.failures == 3

