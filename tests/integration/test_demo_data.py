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
