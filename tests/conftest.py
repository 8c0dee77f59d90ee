"""Shared fixtures: real databases (an SQLite file; PostgreSQL when `make test` started one), a fixed
clock, demo data, and signed-in clerks."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.demo import seed_demo_data
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import Database, make_engine, sqlite_url
from tests.support.facts import NOW, TODAY  # also imported from here by many tests

REPOSITORY = Path(__file__).resolve().parents[1]
TRANSLATION_SOURCE = REPOSITORY / "resources" / "i18n" / "desk_da.ts"
TRANSLATION = REPOSITORY / "ui" / "i18n" / "desk_da.qm"  # ui.app.I18N_DIR (a test checks); not imported: Qt


def build_translation(source: Path = TRANSLATION_SOURCE, built: Path = TRANSLATION) -> bool:
    """The .qm is a build product that git does not keep: plain `pytest` on a fresh clone builds it, and
    rebuilds one older than the .ts, so the Danish window tests never run on missing or stale texts.
    Returns whether it built."""
    if built.exists() and built.stat().st_mtime >= source.stat().st_mtime:
        return False
    built.parent.mkdir(exist_ok=True)
    subprocess.run(
        [sys.executable, "-c", "from PySide6.scripts.pyside_tool import lrelease; lrelease()",
         "-silent", str(source), "-qm", str(built)],
        check=True,
    )
    return True


build_translation()

POSTGRES_ENV = "BSD_TEST_POSTGRES_URL"
# Where PostgreSQL must not be skipped: on CI, or when asked for. There a missing server fails the test.
REQUIRE_POSTGRES_ENV = "BSD_REQUIRE_POSTGRES"
POSTGRES_SKIP_REASON = f"{POSTGRES_ENV} not set: run the tests with `make test`, which starts PostgreSQL"


def fixed_clock() -> datetime:
    return NOW


def postgres_required() -> bool:
    """True on CI (CI=true, as the usual CI services set it) or with BSD_REQUIRE_POSTGRES=1."""
    ci = os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")
    return ci or os.environ.get(REQUIRE_POSTGRES_ENV, "").strip().lower() in ("true", "1", "yes")


def _postgres_database() -> Iterator[str]:
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        if postgres_required():
            pytest.fail(f"{POSTGRES_SKIP_REASON} (CI or {REQUIRE_POSTGRES_ENV}=1: not skipped)", pytrace=False)
        pytest.skip(POSTGRES_SKIP_REASON)
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
def postgresql_url() -> Iterator[str]:
    """An empty PostgreSQL database, for a test about PostgreSQL alone (mark it `postgres`)."""
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


def _skipped_for_postgres(terminalreporter: pytest.TerminalReporter) -> int:
    count = 0
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = getattr(report, "longrepr", None)
        if isinstance(longrepr, tuple) and len(longrepr) == 3 and POSTGRES_ENV in str(longrepr[2]):
            count += 1
    return count


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """A skipped PostgreSQL test is a test that did not run: say so where nobody can miss it, not only in
    the short summary of `-ra` among the other skips."""
    skipped = _skipped_for_postgres(terminalreporter)
    if skipped:
        terminalreporter.section("PostgreSQL", sep="!", yellow=True, bold=True)
        terminalreporter.line(
            f"{skipped} PostgreSQL test{'s' if skipped != 1 else ''} SKIPPED: {POSTGRES_SKIP_REASON} "
            f"(or scripts/with-postgres.sh). CI=true or {REQUIRE_POSTGRES_ENV}=1 makes them fail instead.",
            yellow=True,
            bold=True,
        )


# The MRZ reader's time budget (4 s of wall-clock time) is for a clerk's desk PC. On a test machine shared
# with other work a read may take longer without being wrong, and a test of what the reader reads must not
# turn into a timed test that fails under load. So the suite gives it ample time; the budget itself is tested
# with explicit budgets and a test clock (tests/integration/test_mrz_budget.py).
SUITE_SCAN_BUDGET_SECONDS = 600.0


@pytest.fixture(autouse=True)
def _ample_scan_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("borgerservice_desk.scanning.mrz_reader.DEFAULT_BUDGET_SECONDS", SUITE_SCAN_BUDGET_SECONDS)
