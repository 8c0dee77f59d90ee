"""Engines, migrations and the unit of work.

SQLite is the default: one file in the user's data folder, foreign keys on, WAL so that a reader (the
day view) never waits for a writer. A database URL selects PostgreSQL for a centre where several
counters share one database.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from borgerservice_desk.errors import StorageUnavailable
from borgerservice_desk.storage import audit_chain

audit_chain.install()

DATABASE_URL_ENV = "BSD_DATABASE_URL"
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 15})
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return create_engine(url, pool_pre_ping=True)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the driver, open transactions, so BEGIN IMMEDIATE below is the only BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


READ_ONLY = "bsd_read_only"


def _sqlite_on_begin(connection: Any) -> None:
    # A unit of work takes the write lock at the start (IMMEDIATE), so two desks serialise instead of
    # one failing half-way with "database is locked" on its first write. A read takes no lock: with WAL
    # it sees the last commit and never waits for a writer.
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("BEGIN DEFERRED")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def ensure_writable(session: Session) -> None:
    """Refuse a read-only session (`Database.read()`): it never commits, so what is written there is lost."""
    if session.connection().get_execution_options().get(READ_ONLY):
        raise RuntimeError("written in a read-only session, which is never committed; use a unit of work")


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` (head by default); run at every start, a no-op when current."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def default_database_url(data_dir: Path) -> str:
    return os.environ.get(DATABASE_URL_ENV) or sqlite_url(data_dir / "desk.sqlite3")


class UnitOfWork:
    """One business action: a session that rolls back unless `commit()` is called.

    A block, its audit entry and its receipt record share one, so they land together or not at all.
    A lost database connection turns into `StorageUnavailable`, which the window shows plainly.
    """

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("unit of work used outside its 'with' block")
        return self._session

    def __enter__(self) -> Self:
        self._session = self._session_factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            session.rollback()
        finally:
            session.close()
            self._session = None
        if isinstance(exc, (OperationalError, DBAPIError)) and exc.connection_invalidated:
            raise StorageUnavailable() from exc
        if isinstance(exc, OperationalError):
            raise StorageUnavailable(detail=str(exc.orig)) from exc

    def commit(self) -> None:
        try:
            self.session.commit()
        except OperationalError as exc:
            raise StorageUnavailable(detail=str(exc.orig)) from exc

    def flush(self) -> None:
        self.session.flush()


class Database:
    """The engine plus the factory of units of work: what services are given."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str, *, run_migrations: bool = True) -> Database:
        engine = make_engine(url)
        if run_migrations:
            try:
                migrate(engine)
            except OperationalError as exc:
                raise StorageUnavailable(detail=str(exc.orig)) from exc
        return cls(engine)

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self._sessions)

    @contextmanager
    def read(self, *, snapshot: bool = False) -> Iterator[Session]:
        """A read-only session for queries; nothing it does is committed.

        Closed rather than rolled back, so the objects read stay usable after the block. With `snapshot`,
        every query sees the same moment (REPEATABLE READ on PostgreSQL, whose default lets each statement
        see the commits made since the one before; an SQLite read transaction always does).
        """
        session = self._sessions()
        options: dict[str, Any] = {READ_ONLY: True}
        if snapshot and self.engine.dialect.name == "postgresql":
            options["isolation_level"] = "REPEATABLE READ"
        try:
            session.connection(execution_options=options)
            yield session
        except OperationalError as exc:
            raise StorageUnavailable(detail=str(exc.orig)) from exc
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
