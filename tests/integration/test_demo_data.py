"""Demo data: deterministic, large enough to feel real, and never a real person's CPR number."""

from __future__ import annotations

from collections import Counter as Tally
from pathlib import Path

from sqlalchemy import select

from borgerservice_desk.demo import seed_demo_data
from borgerservice_desk.domain.cpr import Cpr
from borgerservice_desk.domain.desk import Role
from borgerservice_desk.domain.mitid import MethodKind, MethodState
from borgerservice_desk.storage.database import Database, sqlite_url
from borgerservice_desk.storage.models import (
    Appointment,
    Citizen,
    Clerk,
    MitidIdentity,
    MitidMethod,
)
from tests.conftest import TODAY


def _snapshot(db: Database) -> list[tuple[object, ...]]:
    with db.read() as session:
        return [
            (c.cpr, c.given_names, c.surname, c.birth_date)
            for c in session.scalars(select(Citizen).order_by(Citizen.id))
        ]


def test_demo_data_is_the_same_every_time(tmp_path: Path) -> None:
    first = Database.open(sqlite_url(tmp_path / "a.sqlite3"))
    second = Database.open(sqlite_url(tmp_path / "b.sqlite3"))
    assert seed_demo_data(first, today=TODAY) and seed_demo_data(second, today=TODAY)
    assert _snapshot(first) == _snapshot(second)
    assert not seed_demo_data(first, today=TODAY)  # a second start adds nothing
    first.dispose()
    second.dispose()


def test_demo_data_is_rich_enough_for_the_counter(db: Database) -> None:
    seed_demo_data(db, today=TODAY)
    with db.read() as session:
        citizens = session.scalars(select(Citizen)).all()
        identities = session.scalars(select(MitidIdentity)).all()
        methods = session.scalars(select(MitidMethod)).all()
        clerks = session.scalars(select(Clerk)).all()
        appointments = session.scalars(select(Appointment)).all()
    assert len(citizens) >= 500
    with_cpr = [c for c in citizens if c.cpr]
    assert 0 < len(citizens) - len(with_cpr) < len(citizens) // 10  # some known by birth date alone
    for citizen in with_cpr:
        assert citizen.cpr is not None
        cpr = Cpr.parse(citizen.cpr, today=TODAY)
        assert cpr.is_replacement
        assert cpr.birth_date == citizen.birth_date and cpr.sex.value == citizen.sex
    names = " ".join(f"{c.given_names} {c.surname}" for c in citizens)
    assert all(letter in names for letter in "æøåÆØÅ")
    active = Tally(m.identity_id for m in methods if m.kind is MethodKind.APP and m.state is MethodState.ACTIVE)
    counts = Tally(active.get(i.id, 0) for i in identities)
    assert set(counts) == {0, 1, 2, 3}
    states = {m.state for m in methods}
    assert {MethodState.BLOCKED_PERMANENT, MethodState.BLOCKED_TEMPORARY} <= states
    assert {m.kind for m in methods} == set(MethodKind)
    assert {c.role for c in clerks} == {Role.CLERK, Role.SUPERVISOR}
    days = {a.starts_at.date() for a in appointments}
    assert TODAY in days and len(days) >= 5


def test_a_demo_database_started_on_a_later_day_gets_that_days_appointments(tmp_path: Path) -> None:
    from datetime import timedelta

    from borgerservice_desk.demo import ensure_demo_days

    db = Database.open(sqlite_url(tmp_path / "demo.sqlite3"))
    seed_demo_data(db, today=TODAY, citizens=100)
    later = TODAY + timedelta(days=30)
    assert ensure_demo_days(db, today=later) > 0
    assert ensure_demo_days(db, today=later) == 0  # once is enough
    with db.read() as session:
        days = {a.starts_at.date() for a in session.scalars(select(Appointment))}
    assert later in days
    db.dispose()


def test_a_real_centres_database_gets_no_demo_appointments(tmp_path: Path) -> None:
    from borgerservice_desk.demo import ensure_demo_days

    db = Database.open(sqlite_url(tmp_path / "real.sqlite3"))
    assert ensure_demo_days(db, today=TODAY) == 0
    db.dispose()


def test_every_seeded_mitid_is_one_the_rules_could_have_made(db: Database) -> None:
    """The demo must not show what the rules never allow: a blocked MitID whose methods still work (the
    whole-MitID block stops every method, DOMAIN.md), four apps active at once, a method used after it
    was blocked or before it was activated."""
    from borgerservice_desk.domain.mitid import MAX_ACTIVE_APPS, BlockReason, IdentityState, method_works, violations

    seed_demo_data(db, today=TODAY)
    problems: list[str] = []
    whole_blocked = 0
    with db.read() as session:
        for stored in session.scalars(select(MitidIdentity)):
            identity = stored.to_domain()
            who = f"MitID {stored.id}"
            problems += [f"{who}: {v.code}" for v in violations(identity)]
            blocked = {m.id: m.blocked_at for m in stored.methods}
            for method in identity.methods:
                if method.activated_at is not None and method.activated_at < stored.created_at:
                    problems.append(f"{who}: method {method.id} activated before the MitID existed")
                if method.last_used_at is not None and method.activated_at is not None \
                        and method.last_used_at < method.activated_at:
                    problems.append(f"{who}: method {method.id} used before it was activated")
                stopped = blocked[method.id]
                if method.state in (MethodState.BLOCKED_TEMPORARY, MethodState.BLOCKED_PERMANENT):
                    if stopped is None or (method.activated_at is not None and stopped < method.activated_at):
                        problems.append(f"{who}: method {method.id} blocked without a time after its activation")
                    elif method.last_used_at is not None and method.last_used_at > stopped:
                        problems.append(f"{who}: method {method.id} used after it was blocked")
                if identity.state is IdentityState.BLOCKED:
                    if method_works(identity, method):
                        problems.append(f"{who}: method {method.id} works although the whole MitID is blocked")
                    if method.last_used_at is not None and identity.blocked_at is not None \
                            and method.last_used_at > identity.blocked_at:
                        problems.append(f"{who}: method {method.id} used while the whole MitID was blocked")
            # Never more than three apps active at any moment of the MitID's past.
            apps = [(m.activated_at, blocked[m.id]) for m in stored.methods if m.kind is MethodKind.APP]
            for moment, _ in apps:
                at_once = sum(1 for start, end in apps if start <= moment and (end is None or end > moment))
                if at_once > MAX_ACTIVE_APPS:
                    problems.append(f"{who}: {at_once} apps active at once")
            if identity.state is IdentityState.BLOCKED:
                whole_blocked += 1
                if identity.blocked_at is None or identity.blocked_at <= stored.created_at:
                    problems.append(f"{who}: blocked without a time after it was created")
            for method in stored.methods:
                # Only a block for too many wrong tries is temporary (DOMAIN.md).
                if method.state is MethodState.BLOCKED_TEMPORARY and method.block_reason is not BlockReason.WRONG_TRIES:
                    problems.append(f"{who}: method {method.id} is blocked for a while for {method.block_reason}")
                if method.state is MethodState.BLOCKED_PERMANENT and method.block_reason is BlockReason.WRONG_TRIES:
                    problems.append(f"{who}: method {method.id} is blocked for good for wrong tries")
    assert whole_blocked > 0  # the demo shows the case at all
    assert problems == [], problems[:10]


def test_device_names_use_the_danish_genitive(tmp_path: Path) -> None:
    """A phone of Niels is "Niels' Nokia", not "Nielss Nokia" (seen in a dialog at stop 29): Danish writes
    only an apostrophe after s, x and z."""
    from borgerservice_desk.demo import possessive

    assert [possessive(name) for name in ("Niels", "Alex", "Ditz", "Anne", "Bo")] == [
        "Niels'", "Alex'", "Ditz'", "Annes", "Bos",
    ]  # fmt: skip
    db = Database.open(sqlite_url(tmp_path / "demo.sqlite3"))
    seed_demo_data(db, today=TODAY, citizens=150)
    with db.read() as session:
        owners = [str(m.device_name).split()[0] for m in session.scalars(select(MitidMethod)) if m.device_name]
    db.dispose()
    assert not [owner for owner in owners if owner.endswith(("ss", "xs", "zs"))]
    assert any(owner.endswith("'") for owner in owners)  # the demo has such names: the test sees one
