"""Shared fixtures: real databases (an SQLite file; PostgreSQL when `make test` started one), a fixed
clock, demo data, and signed-in clerks."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine

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
    # Built beside and renamed into place: the test workers (pytest -n) start at once, and none may load
    # a half-written file another is building.
    partial = built.with_name(f".{built.name}.{os.getpid()}")
    subprocess.run(
        [sys.executable, "-c", "from PySide6.scripts.pyside_tool import lrelease; lrelease()",
         "-silent", str(source), "-qm", str(partial)],
        check=True,
    )
    os.replace(partial, built)
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


@contextmanager
def _postgres_admin() -> Iterator[Engine]:
    """The test server's maintenance database, in autocommit (CREATE/DROP DATABASE refuse a transaction)."""
    engine = make_engine(os.environ[POSTGRES_ENV])
    try:
        yield engine.execution_options(isolation_level="AUTOCOMMIT")
    finally:
        # The engine itself, not its options view: a pooled connection left to the garbage collector
        # warns (ResourceWarning) inside whichever test happens to run then.
        engine.dispose()


def _postgres_database() -> Iterator[str]:
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        if postgres_required():
            pytest.fail(f"{POSTGRES_SKIP_REASON} (CI or {REQUIRE_POSTGRES_ENV}=1: not skipped)", pytrace=False)
        pytest.skip(POSTGRES_SKIP_REASON)
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    name = f"desk_test_{uuid.uuid4().hex[:12]}"
    with _postgres_admin() as admin, admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with _postgres_admin() as admin, admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


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


DEMO_CITIZENS = 150
# The seeded clerks' passwords are hashed with argon2's smallest parameters: argon2 verifies a password with
# the parameters its hash was made with, and nearly every test signs in, so the desk's own (64 MiB, three
# passes) cost each test a quarter of a second and more of CPU, and each test of each mutant. Sign-in runs
# the same code either way; a password the desk sets itself (a change, a new clerk) gets the desk's own
# parameters, which tests/integration/test_sign_in.py checks.
TEST_PASSWORD_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def _seeded_copy_sqlite(template: Path, target: Path) -> None:
    """A page-for-page copy through SQLite's backup API: consistent whatever state the template's WAL is in."""
    with closing(sqlite3.connect(template)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    target.chmod(0o600)


class SeededTemplates:
    """The demo data is seeded once per kind of database per test process and copied for each test that
    wants it: seeding (and hashing the demo password) for each of hundreds of tests was most of their set-up
    time. A test still gets a database of its own, at its own URL, identical to a freshly seeded one."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._sqlite: Path | None = None
        self._postgres: str | None = None

    @staticmethod
    def _seed(url: str) -> None:
        database = Database.open(url)
        try:
            seed_demo_data(database, today=TODAY, citizens=DEMO_CITIZENS, password_hasher=TEST_PASSWORD_HASHER.hash)
        finally:
            database.dispose()

    def fill(self, url: str) -> None:
        """Make the (new, unopened) database at `url` a seeded one."""
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            if self._sqlite is None:
                self._sqlite = self._folder / "seeded.sqlite3"
                self._seed(sqlite_url(self._sqlite))
            assert parsed.database
            _seeded_copy_sqlite(self._sqlite, Path(parsed.database))
            return
        from sqlalchemy import text

        if self._postgres is None:
            name = f"desk_template_{uuid.uuid4().hex[:12]}"
            with _postgres_admin() as admin, admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            self._seed(parsed.set(database=name).render_as_string(hide_password=False))
            self._postgres = name
        # The test's own database is new and nobody has connected to it: made again as a copy of the template.
        with _postgres_admin() as admin, admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{parsed.database}"'))
            conn.execute(text(f'CREATE DATABASE "{parsed.database}" TEMPLATE "{self._postgres}"'))

    def drop(self) -> None:
        if self._postgres is not None:
            from sqlalchemy import text

            with _postgres_admin() as admin, admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{self._postgres}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def seeded_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SeededTemplates]:
    templates = SeededTemplates(tmp_path_factory.mktemp("seeded-templates"))
    yield templates
    templates.drop()


@pytest.fixture
def seeded_database_url(request: pytest.FixtureRequest, database_url: str, seeded_templates: SeededTemplates) -> str:
    """The demo data (150 citizens) in a database of each kind, at the URL `database_url` gives the same test."""
    if "db" in request.fixturenames:
        pytest.fail("a test takes either the empty `db` or the seeded one, not both", pytrace=False)
    seeded_templates.fill(database_url)
    return database_url


@pytest.fixture
def seeded_db(seeded_database_url: str) -> Iterator[Database]:
    database = Database.open(seeded_database_url)
    yield database
    database.dispose()


@pytest.fixture
def services(seeded_db: Database, tmp_path: Path) -> Services:
    return build_services(seeded_db, Paths(tmp_path / "data"), clock=fixed_clock)


@pytest.fixture
def clerk(services: Services) -> ClerkContext:
    return services.auth.sign_in("clerk", "demo")


@pytest.fixture
def sqlite_services(tmp_path: Path, seeded_templates: SeededTemplates) -> Iterator[Services]:
    """Demo data on an SQLite file: what the window tests run on."""
    url = sqlite_url(tmp_path / "desk.sqlite3")
    seeded_templates.fill(url)
    database = Database.open(url)
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
