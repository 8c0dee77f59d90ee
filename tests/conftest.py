"""Shared fixtures: real databases (an SQLite file; PostgreSQL when `make test` started one), a fixed
clock, demo data, and signed-in clerks."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from borgerservice_desk.bootstrap import Services, build_services  # noqa: E402
from borgerservice_desk.config import Paths  # noqa: E402
from borgerservice_desk.demo import seed_demo_data  # noqa: E402
from borgerservice_desk.services.context import ClerkContext  # noqa: E402
from borgerservice_desk.storage.database import Database, make_engine, sqlite_url  # noqa: E402

POSTGRES_ENV = "BSD_TEST_POSTGRES_URL"
# A Friday morning at the counter, in UTC (10:00 in Copenhagen).
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 27)


def fixed_clock() -> datetime:
    return NOW


def _postgres_database() -> Iterator[str]:
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} not set: run the tests with `make test`, which starts PostgreSQL")
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    name = f"desk_test_{uuid.uuid4().hex[:12]}"
    engine = make_engine(base)
    admin = engine.execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        # The engine itself, not its options view: a pooled connection left to the garbage collector
        # warns (ResourceWarning) inside whichever test happens to run then.
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each kind the desk supports."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "desk.sqlite3")
    else:
        yield from _postgres_database()


@pytest.fixture
def sqlite_database_url(tmp_path: Path) -> str:
    return sqlite_url(tmp_path / "desk.sqlite3")


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database.open(database_url)
    yield database
    database.dispose()


@pytest.fixture
def seeded_db(db: Database) -> Database:
    seed_demo_data(db, today=TODAY, citizens=150)
    return db


@pytest.fixture
def services(seeded_db: Database, tmp_path: Path) -> Services:
    return build_services(seeded_db, Paths(tmp_path / "data"), clock=fixed_clock)


@pytest.fixture
def clerk(services: Services) -> ClerkContext:
    return services.auth.sign_in("clerk", "demo")


@pytest.fixture
def sqlite_services(tmp_path: Path) -> Iterator[Services]:
    """Demo data on an SQLite file: what the window tests run on."""
    database = Database.open(sqlite_url(tmp_path / "desk.sqlite3"))
    seed_demo_data(database, today=TODAY, citizens=150)
    yield build_services(database, Paths(tmp_path / "data"), clock=fixed_clock)
    database.dispose()


# The MRZ reader's time budget (4 s of wall-clock time) is for a clerk's desk PC. On a test machine shared
# with other work a read may take longer without being wrong, and a test of what the reader reads must not
# turn into a timed test that fails under load. So the suite gives it ample time; the budget itself is tested
# with explicit budgets and a test clock (tests/integration/test_mrz_budget.py).
SUITE_SCAN_BUDGET_SECONDS = 600.0


@pytest.fixture(autouse=True)
def _ample_scan_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("borgerservice_desk.scanning.mrz_reader.DEFAULT_BUDGET_SECONDS", SUITE_SCAN_BUDGET_SECONDS)
