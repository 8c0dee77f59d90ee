"""Setting up a real centre, managing its clerks, and demo users only ever in a demo database."""

from __future__ import annotations

import argparse
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.demo import seed_demo_data
from borgerservice_desk.domain.desk import Role
from borgerservice_desk.errors import DeskError, InvalidInput, NotFound, RuleViolation
from borgerservice_desk.services.auth import AuthService
from borgerservice_desk.services.clerks import anyone_can_sign_in, initialise
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import AuditEntry, Centre, Citizen, Clerk
from tests.conftest import TODAY, SeededTemplates, fixed_clock
from tests.support.locks import someone_waits_for_a_row_lock
from tests.support.refusals import refused_with

GOOD = "Tårnfalk.Fjord"


def _count(db: Database, model: type) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _actions(db: Database) -> list[str]:
    with db.read() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_demo_users_never_go_into_a_database_with_citizens_but_no_centre(db: Database) -> None:
    with db.unit_of_work() as uow:
        uow.session.add(Citizen(cpr=None, given_names="Karen", surname="Blixen", birth_date=date(1885, 4, 17), sex="F"))
        uow.commit()
    assert not seed_demo_data(db, today=TODAY, citizens=20)
    assert _count(db, Clerk) == 0 and _count(db, Citizen) == 1
    assert not anyone_can_sign_in(db)


def test_init_sets_up_a_real_centre_that_never_gets_demo_data(db: Database) -> None:
    with pytest.raises(InvalidInput) as caught:
        initialise(db, centre_name="Borgerservice Vejle", centre_address="Skolegade 1, 7100 Vejle",
                   username="chef", full_name="Bente Chef", password="demo")
    assert caught.value.code == "password.too_short"
    initialise(db, centre_name="Borgerservice Vejle", centre_address="Skolegade 1, 7100 Vejle",
               username="Chef", full_name="Bente Chef", password=GOOD)
    ctx = AuthService(db).sign_in("chef", GOOD)
    assert ctx.is_supervisor and not ctx.must_change_password
    assert not seed_demo_data(db, today=TODAY, citizens=20)
    assert _count(db, Clerk) == 1
    with pytest.raises(RuleViolation) as again:
        initialise(db, centre_name="X", centre_address="Y", username="other", full_name="O", password=GOOD)
    assert again.value.code == "init.not_empty"
    assert "centre.init" in _actions(db)


def test_init_keeps_the_centre_as_named_in_its_own_zone_and_records_who_became_its_supervisor(db: Database) -> None:
    """The names are kept with their spaces tidied (they head every receipt), the centre keeps the time zone
    it was set up in, and the first supervisor may work at once: they chose the password themself."""
    clerk_id = initialise(db, centre_name="  Borgerservice   Tórshavn ", centre_address=" Vaglið 1,  100 Tórshavn ",
                          username="Chef", full_name="Bente Chef", password=GOOD, clock=fixed_clock,
                          timezone="Atlantic/Faroe")
    with db.read() as session:
        (centre,) = session.scalars(select(Centre)).all()
        clerk = session.get(Clerk, clerk_id)
        (entry,) = session.scalars(select(AuditEntry)).all()
    assert clerk is not None
    assert (centre.name, centre.address, centre.timezone) == (
        "Borgerservice Tórshavn", "Vaglið 1, 100 Tórshavn", "Atlantic/Faroe",
    )
    assert (clerk.centre_id, clerk.username, clerk.full_name, clerk.role, clerk.active, clerk.must_change_password) == (
        centre.id, "chef", "Bente Chef", Role.SUPERVISOR, True, False,
    )
    # Nobody was signed in to do it: the entry names no clerk, only whom the set-up made supervisor.
    assert (entry.action, entry.clerk_id, entry.citizen_id, entry.outcome) == ("centre.init", None, None, "ok")
    assert entry.detail == {"centre_id": centre.id, "target_clerk_id": clerk_id, "username": "chef"}


@pytest.mark.parametrize(
    ("name", "address", "code", "max_length"),
    [("   ", "Skolegade 1", "init.bad_centre_name", 120), ("Vejle", "   ", "init.bad_centre_address", 200)],
)
def test_init_refuses_a_blank_centre_name_or_address_and_says_how_long_it_may_be(
    db: Database, name: str, address: str, code: str, max_length: int
) -> None:
    with pytest.raises(InvalidInput) as caught:
        initialise(db, centre_name=name, centre_address=address, username="chef", full_name="Bente", password=GOOD)
    assert (caught.value.code, caught.value.params) == (code, {"max_length": max_length})
    assert _count(db, Centre) == 0 and _count(db, Clerk) == 0


def test_init_is_refused_on_a_database_that_has_a_centre_without_clerks(db: Database) -> None:
    """A centre alone is someone's set-up already: `init` would make a second centre beside it."""
    with db.unit_of_work() as uow:
        uow.session.add(Centre(name="Borgerservice Vejle", address="Skolegade 1, 7100 Vejle"))
        uow.commit()
    with refused_with("init.not_empty", RuleViolation):
        initialise(db, centre_name="X", centre_address="Y", username="other", full_name="O", password=GOOD)
    assert _count(db, Centre) == 1 and _count(db, Clerk) == 0


def test_the_window_can_be_used_only_while_an_active_clerk_exists(db: Database) -> None:
    """A centre whose every clerk was deactivated is as unusable as an empty one: `init` is needed."""
    assert not anyone_can_sign_in(db)
    initialise(db, centre_name="Borgerservice Vejle", centre_address="Skolegade 1, 7100 Vejle",
               username="chef", full_name="Bente Chef", password=GOOD)
    assert anyone_can_sign_in(db)

    def set_active(active: bool) -> None:
        with db.unit_of_work() as uow:
            for clerk in uow.session.scalars(select(Clerk)):
                clerk.active = active
            uow.commit()

    set_active(False)
    assert not anyone_can_sign_in(db)
    set_active(True)
    assert anyone_can_sign_in(db)


def test_init_is_refused_on_a_demo_database(seeded_db: Database) -> None:
    with refused_with("init.not_empty", RuleViolation):
        initialise(seeded_db, centre_name="X", centre_address="Y", username="other", full_name="O", password=GOOD)


def test_the_init_command_asks_for_the_password_twice(database_url: str) -> None:
    from borgerservice_desk.cli.commands import init_database

    args = argparse.Namespace(centre_name="Borgerservice Vejle", centre_address=None, username="chef", full_name=None)
    answers = iter(["Skolegade 1, 7100 Vejle", "Bente Chef"])
    passwords = iter([GOOD, "something else", "short", "short", GOOD, GOOD])
    out = io.StringIO()
    code = init_database(database_url, args, ask=lambda _p: next(answers), ask_password=lambda _p: next(passwords), out=out)
    assert code == 0 and "sign in as chef" in out.getvalue()
    db = Database.open(database_url)
    try:
        assert AuthService(db).sign_in("chef", GOOD).full_name == "Bente Chef"
        # A second init changes nothing.
        assert init_database(database_url, args, ask=lambda _p: "x", ask_password=lambda _p: GOOD, out=out) == 2
        assert _count(db, Clerk) == 1
    finally:
        db.dispose()


def test_a_supervisor_creates_a_clerk_who_must_choose_a_password_first(services: Services) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    with pytest.raises(InvalidInput) as caught:
        services.clerks.create(supervisor, "new.clerk", "Nina Ny", Role.CLERK, "new.clerk-2026")
    assert caught.value.code == "password.contains_username"
    clerk_id = services.clerks.create(supervisor, " New.Clerk ", "Nina  Ny", Role.CLERK, GOOD)
    with pytest.raises(RuleViolation) as taken:
        services.clerks.create(supervisor, "new.clerk", "Nina Igen", Role.CLERK, GOOD)
    assert (taken.value.code, taken.value.params) == ("clerk.username_taken", {"username": "new.clerk"})
    row = next(r for r in services.clerks.clerks(supervisor) if r.id == clerk_id)
    assert (row.username, row.full_name, row.must_change_password, row.active, row.role) == (
        "new.clerk", "Nina Ny", True, True, Role.CLERK,
    )
    with services.db.read() as session:
        [created] = session.scalars(select(AuditEntry).where(AuditEntry.action == "clerk.create")).all()
    assert (created.clerk_id, created.detail) == (
        supervisor.clerk_id, {"target_clerk_id": clerk_id, "username": "new.clerk", "role": "clerk"},
    )

    first = services.auth.sign_in("new.clerk", GOOD)
    assert first.must_change_password
    with pytest.raises(RuleViolation) as caught_rv:
        services.mitid.lift_mitid_block(first, 1)
    assert caught_rv.value.code == "auth.must_change_password"
    with refused_with("password.unchanged", InvalidInput):
        services.auth.change_password(first, GOOD, GOOD)
    after = services.auth.change_password(first, GOOD, "Rugbrød og Sild 7")
    assert not after.must_change_password
    assert not services.auth.sign_in("new.clerk", "Rugbrød og Sild 7").must_change_password


def test_deactivate_reactivate_reset_and_role_are_audited(services: Services) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    clerk = services.auth.sign_in("clerk", "demo")
    with pytest.raises(RuleViolation) as caught:
        services.clerks.set_active(supervisor, supervisor.clerk_id, False)
    assert caught.value.code == "clerk.not_yourself"
    with refused_with("clerk.not_yourself", RuleViolation):  # nor demote herself
        services.clerks.set_role(supervisor, supervisor.clerk_id, Role.CLERK)
    services.clerks.set_active(supervisor, clerk.clerk_id, False)
    with refused_with("auth.failed", InvalidInput):  # a deactivated name is refused like a wrong password
        services.auth.sign_in("clerk", "demo")
    services.clerks.set_active(supervisor, clerk.clerk_id, True)
    services.clerks.reset_password(supervisor, clerk.clerk_id, GOOD)
    assert services.auth.sign_in("clerk", GOOD).must_change_password
    services.clerks.set_role(supervisor, clerk.clerk_id, Role.SUPERVISOR)
    assert next(r for r in services.clerks.clerks(supervisor) if r.id == clerk.clerk_id).role is Role.SUPERVISOR
    with refused_with("clerk.not_found", NotFound):
        services.clerks.unlock(supervisor, 10_000)
    with services.db.read() as session:
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action.like("clerk.%"), AuditEntry.action != "clerk.sign_in")
            .order_by(AuditEntry.seq)
        ).all()
    # Each change, in order, by the supervisor, naming whom it changed (and the new role); the refusals none.
    target = {"target_clerk_id": clerk.clerk_id, "username": "clerk"}
    assert [(e.action, e.clerk_id, e.outcome, e.detail) for e in entries] == [
        ("clerk.deactivate", supervisor.clerk_id, "ok", target),
        ("clerk.activate", supervisor.clerk_id, "ok", target),
        ("clerk.password_reset", supervisor.clerk_id, "ok", target),
        ("clerk.role", supervisor.clerk_id, "ok", {**target, "role": "supervisor"}),
    ]


def test_a_clerk_cannot_manage_clerks(services: Services) -> None:
    clerk = services.auth.sign_in("clerk", "demo")
    with pytest.raises(RuleViolation) as caught:
        services.clerks.create(clerk, "sneaky", "S", Role.SUPERVISOR, GOOD)
    assert caught.value.code == "clerk.supervisor_only"


# Two supervisors, text checks ------------------------------------------------------------------------
def _second_supervisor(services: Services) -> tuple[ClerkContext, ClerkContext]:
    from borgerservice_desk.services.context import ClerkContext as Ctx

    first = services.auth.sign_in("supervisor", "demo")
    other_id = services.clerks.create(first, "chef2", "Anden Chef", Role.SUPERVISOR, GOOD)
    with services.db.unit_of_work() as uow:
        clerk = uow.session.get(Clerk, other_id)
        assert clerk is not None
        clerk.must_change_password = False
        uow.commit()
    return first, Ctx(other_id, "chef2", "Anden Chef", Role.SUPERVISOR, first.centre_id)


def test_two_supervisors_deactivating_each_other_at_once_leave_one(services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    """Thread "first" pauses before its commit; "second" either waits for the rows it must lock (the fix)
    or runs through (the race); then at least one supervisor must still be active."""
    import threading

    from borgerservice_desk.services import audit as audit_module

    first, second = _second_supervisor(services)
    real_record = audit_module.record
    second_done = threading.Event()

    def record(*args: Any, **kwargs: Any) -> Any:
        if threading.current_thread().name == "first":
            second_done.wait(timeout=2)
        return real_record(*args, **kwargs)

    monkeypatch.setattr(audit_module, "record", record)
    results: dict[str, str] = {}

    def run(name: str, ctx: ClerkContext, target: int) -> None:
        try:
            services.clerks.set_active(ctx, target, False)
            results[name] = "ok"
        except DeskError as error:
            results[name] = error.code
        finally:
            if name == "second":
                second_done.set()

    t1 = threading.Thread(target=run, args=("first", first, second.clerk_id), name="first")
    t1.start()
    import time

    time.sleep(0.3)  # "first" holds its locks and waits
    t2 = threading.Thread(target=run, args=("second", second, first.clerk_id), name="second")
    t2.start()
    t1.join(20)
    t2.join(20)
    assert sorted(results.values()) == ["auth.not_active", "ok"], results
    with services.db.read() as session:
        active = session.scalars(
            select(Clerk.username).where(Clerk.role == Role.SUPERVISOR, Clerk.active.is_(True))
        ).all()
    assert len(active) == 1


@pytest.mark.postgres
def test_a_supervisors_change_takes_the_centres_supervisors_rows_before_it_writes(
    postgres_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both supervisors' rows are locked at the start of a change, so the second of two supervisors
    deactivating each other waits there, then sees that it was deactivated: a clean refusal, not two
    desks each waiting on a row the other wrote (a deadlock PostgreSQL breaks with an error) nor a write
    skew leaving the centre without a supervisor. (On SQLite the unit of work's write lock does this.)"""
    import threading
    import time

    from borgerservice_desk.services import clerks as clerks_module

    first, second = _second_supervisor(postgres_services)
    real = clerks_module._clerk_of_centre
    results: dict[str, str] = {}
    threads: list[threading.Thread] = []

    def run(name: str, ctx: ClerkContext, target: int) -> None:
        try:
            postgres_services.clerks.set_active(ctx, target, False)
            results[name] = "ok"
        except DeskError as error:
            results[name] = error.code
        except Exception as error:  # noqa: BLE001 - a deadlock's error is what this test looks for
            results[name] = type(error).__name__

    def second_starts_once_the_rows_are_taken(*args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is threading.main_thread() and not threads:
            threads.append(threading.Thread(target=run, args=("second", second, first.clerk_id)))
            threads[0].start()
            while threads[0].is_alive() and not someone_waits_for_a_row_lock(postgres_services.db):
                time.sleep(0.01)
        return real(*args, **kwargs)

    monkeypatch.setattr(clerks_module, "_clerk_of_centre", second_starts_once_the_rows_are_taken)
    run("first", first, second.clerk_id)
    threads[0].join(30)
    assert results == {"first": "ok", "second": "auth.not_active"}
    with postgres_services.db.read() as session:
        active = session.scalars(
            select(Clerk.username).where(Clerk.role == Role.SUPERVISOR, Clerk.active.is_(True))
        ).all()
    assert active == ["supervisor"]



@pytest.fixture
def postgres_services(postgresql_url: str, seeded_templates: SeededTemplates, tmp_path: Path) -> Iterator[Services]:
    seeded_templates.fill(postgresql_url)
    db = Database.open(postgresql_url)
    yield build_services(db, Paths(tmp_path / "data"), clock=fixed_clock)
    db.dispose()


def test_another_centres_supervisor_does_not_count_as_this_centres_last_one(services: Services) -> None:
    """Each centre keeps a supervisor of its own: a supervisor in Odense cannot lift Vejle's locks."""
    from borgerservice_desk.services.clerks import _keep_a_supervisor
    from tests.support.other_centre import add_odense_clerk

    first, _second = _second_supervisor(services)
    add_odense_clerk(services.db, Role.SUPERVISOR)
    with services.db.unit_of_work() as uow:
        for clerk in uow.session.scalars(
            select(Clerk).where(Clerk.role == Role.SUPERVISOR, Clerk.centre_id == first.centre_id)
        ):
            clerk.active = False
        with pytest.raises(RuleViolation) as caught:
            _keep_a_supervisor(uow.session, first)
    assert caught.value.code == "clerk.last_supervisor"


def test_a_change_leaving_no_active_supervisor_is_refused(services: Services) -> None:
    from borgerservice_desk.services.clerks import _keep_a_supervisor

    first, _second = _second_supervisor(services)
    with services.db.unit_of_work() as uow:
        for clerk in uow.session.scalars(select(Clerk).where(Clerk.role == Role.SUPERVISOR)):
            clerk.active = False
        with pytest.raises(RuleViolation) as caught:
            _keep_a_supervisor(uow.session, first)
    assert caught.value.code == "clerk.last_supervisor"


def test_a_nul_in_a_full_name_or_centre_is_refused_the_same_on_every_database(db: Database) -> None:
    with pytest.raises(InvalidInput) as caught:
        initialise(db, centre_name="Borgerservice\x00Vejle", centre_address="Skolegade 1", username="chef",
                   full_name="Bente", password=GOOD)
    assert caught.value.code == "text.invalid_characters" and caught.value.params["field"] == "centre_name"
    with pytest.raises(InvalidInput) as caught:
        initialise(db, centre_name="Vejle", centre_address="x" * 201, username="chef", full_name="Bente",
                   password=GOOD)
    assert caught.value.code == "text.too_long" and caught.value.params["field"] == "centre_address"
    with pytest.raises(InvalidInput) as caught:
        initialise(db, centre_name="Vejle", centre_address="Skolegade 1", username="chef",
                   full_name="Bente\x00Chef", password=GOOD)
    assert caught.value.code == "text.invalid_characters" and caught.value.params["field"] == "full_name"
    assert _count(db, Clerk) == 0


def test_a_nul_in_a_new_clerks_full_name_is_refused(services: Services) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    with pytest.raises(InvalidInput) as caught:
        services.clerks.create(supervisor, "ny", "Ny\x00Medarbejder", Role.CLERK, GOOD)
    assert caught.value.code == "text.invalid_characters"
