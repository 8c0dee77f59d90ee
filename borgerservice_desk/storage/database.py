"""Engines, migrations and the unit of work.

SQLite is the default: one file in the user's data folder, foreign keys on, WAL so that a reader (the
day view) never waits for a writer. A database URL selects PostgreSQL for a centre where several
counters share one database.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from borgerservice_desk.errors import OutcomeUnknown, StartupError, StorageUnavailable
from borgerservice_desk.files import create_private_file, ensure_private_dir, tighten_sqlite_files
from borgerservice_desk.storage import audit_chain

audit_chain.install()

log = logging.getLogger(__name__)

DATABASE_URL_ENV = "BSD_DATABASE_URL"
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


SUPPORTED_BACKENDS = ("sqlite", "postgresql")
# How long the start-up check waits for another process's lock before saying "locked".
LOCK_WAIT_SECONDS = 5.0
_SQLITE_HEADER = b"SQLite format 3\x00"


def parse_database_url(url: str) -> URL:
    """The URL, or StartupError "startup.unknown_database_url" for one the desk cannot use."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StartupError("startup.unknown_database_url", scheme=url.partition(":")[0][:40]) from None
    if parsed.get_backend_name() not in SUPPORTED_BACKENDS:
        raise StartupError("startup.unknown_database_url", scheme=parsed.drivername)
    return parsed


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL; None for PostgreSQL or an in-memory database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def make_engine(url: str) -> Engine:
    parsed = parse_database_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_file(url)
        if path is not None:
            _prepare_sqlite_file(path)
        try:
            engine = create_engine(url, connect_args={"timeout": 15})
        except NoSuchModuleError:
            raise StartupError("startup.unknown_database_url", scheme=parsed.drivername) from None
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    if parsed.drivername == "postgresql":
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    try:
        return create_engine(url, pool_pre_ping=True)
    except NoSuchModuleError:
        raise StartupError("startup.unknown_database_url", scheme=parsed.drivername) from None


def _prepare_sqlite_file(path: Path) -> None:
    """A private folder and an empty 0600 file before SQLite makes one with the process's umask."""
    try:
        if not path.parent.exists():
            ensure_private_dir(path.parent)
        if not path.exists():
            with contextlib.suppress(FileExistsError):  # made by another process meanwhile: as good
                os.close(create_private_file(path))  # an empty file is an empty SQLite database
    except OSError as error:
        raise StartupError(
            "startup.data_dir_unusable", path=str(path.parent), detail=error.strerror or str(error)
        ) from error


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the driver, open transactions, so BEGIN IMMEDIATE below is the only BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=15000")
    database = cursor.execute("PRAGMA database_list").fetchone()
    cursor.close()
    if database and database[2]:
        # SQLite makes -wal and -shm with the process's umask; keep them as private as the database.
        tighten_sqlite_files(Path(database[2]))


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


@functools.cache
def _revisions() -> tuple[frozenset[str], str]:
    """Every revision this program has a migration for, and the newest. Read once per process: the
    migration scripts ship with the program and do not change while it runs, and Alembic parses every
    script each time it is asked (a quarter of a second, paid at every open of a database)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    assert head is not None, "the migrations have one head"
    return frozenset(revision.revision for revision in script.walk_revisions()), head


def known_revisions() -> frozenset[str]:
    """Every Alembic revision this program has a migration for."""
    return _revisions()[0]


def head_revision() -> str:
    """The revision the schema of this program is at."""
    return _revisions()[1]


def check_sqlite_file(path: Path, *, lock_wait: float | None = None) -> str | None:
    """Refuse a file SQLite would not read whole, before anything opens it for writing.

    Opens it read-only: the header must say SQLite, the file must be as long as the header says, and
    `PRAGMA quick_check` must pass. Raises StartupError "startup.database_corrupt" or
    "startup.database_locked"; an absent or empty file (a new database) passes. Returns the Alembic
    revision the file is at (None: not migrated yet), read without writing a byte.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StartupError("startup.database_corrupt", path=str(path), detail=error.strerror or str(error)) from error
    if size == 0:
        return None
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise StartupError("startup.database_corrupt", path=str(path), detail=error.strerror or str(error)) from error
    if len(header) < 100 or not header.startswith(_SQLITE_HEADER):
        raise StartupError("startup.database_corrupt", path=str(path), detail="not an SQLite database")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    change_counter = header[24:28]
    valid_for = header[92:96]
    if pages and change_counter == valid_for and size < pages * page_size:
        # A WAL database's header is checkpointed: a file shorter than it says was cut short.
        raise StartupError("startup.database_corrupt", path=str(path), detail="the file is truncated")
    wait = LOCK_WAIT_SECONDS if lock_wait is None else lock_wait
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=wait)
    except sqlite3.Error as error:
        raise _sqlite_startup_error(path, error) from error
    try:
        row = connection.execute("PRAGMA quick_check").fetchone()
        if row is None or row[0] != "ok":
            raise StartupError(
                "startup.database_corrupt", path=str(path), detail=str(row[0] if row else "no answer")
            )
        has_version = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        version = connection.execute("SELECT version_num FROM alembic_version").fetchone() if has_version else None
    except sqlite3.Error as error:
        raise _sqlite_startup_error(path, error) from error
    finally:
        connection.close()
    return None if version is None else str(version[0])


def _sqlite_startup_error(path: Path, error: BaseException) -> StartupError:
    text = str(error)
    if "locked" in text or "busy" in text:
        return StartupError("startup.database_locked", path=str(path))
    return StartupError("startup.database_corrupt", path=str(path), detail=text)


# PostgreSQL's SQLSTATE for "permission denied" (insufficient_privilege).
_INSUFFICIENT_PRIVILEGE = "42501"


def _server_startup_error(error: DatabaseError) -> StartupError:
    """A database server that refused what start-up needs (reading the revision, migrating): not a lost
    connection (that is StorageUnavailable) but a refusal, e.g. a role without the rights to create the
    tables, or another desk migrating a new database at the same moment. The server's first line is kept."""
    original = error.orig if error.orig is not None else error
    lines = str(original).strip().splitlines()
    detail = lines[0] if lines else type(original).__name__
    if getattr(original, "sqlstate", None) == _INSUFFICIENT_PRIVILEGE:
        return StartupError("startup.database_permission_denied", detail=detail)
    return StartupError("startup.database_refused", detail=detail)


def check_revision(engine: Engine) -> str | None:
    """The database's revision, or StartupError "startup.database_too_new" when it is one this program
    has no migration for (a newer program migrated it): nothing may be written to it then."""
    revision = current_revision(engine)
    if revision is not None and revision not in known_revisions():
        raise StartupError("startup.database_too_new", revision=revision)
    return revision


def current_revision(engine: Engine) -> str | None:
    from alembic.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


class UnitOfWork:
    """One business action: a session that rolls back unless `commit()` is called.

    A block, its audit entry and its receipt record share one, so they land together or not at all.
    A lost database connection turns into `StorageUnavailable`, which the window shows plainly.
    """

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory
        self._session: Session | None = None
        self._committed = False  # the work is saved: what fails after it must not say otherwise

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
        self._session = None
        try:
            try:
                session.rollback()
            finally:
                session.close()
        except Exception:
            if not self._committed:
                raise
            # The work is saved; a connection that broke just after the commit is the pool's to replace, and
            # raising here would tell the clerk an action failed that is done.
            log.warning("closing a session after its commit failed", exc_info=True)
        if isinstance(exc, (OperationalError, DBAPIError)) and exc.connection_invalidated:
            raise StorageUnavailable() from exc
        if isinstance(exc, OperationalError):
            raise StorageUnavailable(detail=str(exc.orig)) from exc

    def commit(self, *, landed: Callable[[Session], bool] | None = None) -> None:
        """Commit the work. `landed` says, asked in a fresh session, whether the work is in the database.

        A commit can land and still raise: the server committed and its answer was lost with the connection.
        Told "nothing was saved", the clerk would do the action again (a second app, a second code), and its
        receipt would be thrown away. So when the commit raises, `landed` is asked: the work is there, and the
        commit counts as done; it is not, and the error stands; the database cannot be asked either, and
        `OutcomeUnknown` is raised.
        """
        try:
            self.session.commit()
        except Exception as exc:
            # Rolled back first: a session whose commit failed must be, and on SQLite it may still hold the
            # write lock, which the question below would wait for in vain.
            with contextlib.suppress(Exception):
                self.session.rollback()
            if landed is None or not self._landed(landed, exc):
                if isinstance(exc, OperationalError):
                    raise StorageUnavailable(detail=str(exc.orig)) from exc
                raise
            log.warning("a commit reported an error but had landed", exc_info=exc)
        self._committed = True

    def _landed(self, landed: Callable[[Session], bool], error: Exception) -> bool:
        try:
            session = self._session_factory()
            try:
                return landed(session)
            finally:
                session.close()
        except Exception:
            log.warning("could not ask whether a failed commit had landed", exc_info=True)
            raise OutcomeUnknown() from error

    def flush(self) -> None:
        self.session.flush()


class Database:
    """The engine plus the factory of units of work: what services are given."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._disposed = False
        event.listen(engine, "checkin", self._discard_if_disposed)

    def _discard_if_disposed(self, dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        """Close a connection that comes back after the dispose instead of keeping it.

        Engine.dispose() closes only the connections in the pool; one checked out then (a worker's query
        that was running) returns later into the dropped pool and stays open until the garbage collector
        takes it, where psycopg warns that it was deleted while open, in whatever runs next."""
        if self._disposed and dbapi_connection is not None:
            record.invalidate()

    @classmethod
    def open(cls, url: str, *, run_migrations: bool = True) -> Database:
        """Open (and migrate) the database, or raise a coded error the clerk can be shown.

        StartupError for a URL the desk cannot use, a data folder that is not a folder, a corrupt or
        truncated SQLite file, a locked one, a database a newer program migrated (checked before
        anything is written), or a server that refuses the set-up (no rights, another desk migrating at
        once); StorageUnavailable when a server cannot be reached.
        """
        path = sqlite_file(parse_database_url(url).render_as_string(hide_password=False))
        if path is not None:
            for folder in path.parents:  # the nearest folder that exists must be a folder
                if folder.exists():
                    if not folder.is_dir():
                        raise StartupError("startup.data_dir_unusable", path=str(folder), detail="not a folder")
                    break
            revision = check_sqlite_file(path)
            if revision is not None and revision not in known_revisions():
                raise StartupError("startup.database_too_new", revision=revision)
        engine = make_engine(url)
        try:
            revision = check_revision(engine)
            # A current database is the common case (every start but the first after an update): Alembic's
            # no-op upgrade would still read every migration script.
            if run_migrations and revision != head_revision():
                migrate(engine)
        except StartupError:
            engine.dispose()
            raise
        except OperationalError as exc:
            engine.dispose()
            if path is not None:
                raise _sqlite_startup_error(path, exc.orig or exc) from exc
            raise StorageUnavailable(detail=str(exc.orig)) from exc
        except DatabaseError as exc:
            engine.dispose()
            if path is not None:
                raise StartupError("startup.database_corrupt", path=str(path), detail=str(exc.orig)) from exc
            raise _server_startup_error(exc) from exc
        return cls(engine)

    def unit_of_work(self) -> UnitOfWork:
        self._refuse_if_disposed()
        return UnitOfWork(self._sessions)

    @contextmanager
    def read(self, *, snapshot: bool = False) -> Iterator[Session]:
        """A read-only session for queries; nothing it does is committed.

        Closed rather than rolled back, so the objects read stay usable after the block. With `snapshot`,
        every query sees the same moment (REPEATABLE READ on PostgreSQL, whose default lets each statement
        see the commits made since the one before; an SQLite read transaction always does).
        """
        self._refuse_if_disposed()
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
        """Close every pooled connection; the database is not used again after this.

        SQLAlchemy's Engine.dispose() does not stop an engine: the next use quietly opens a new pool and
        connection, which nobody closes again (a late job of a window closed after the dispose did, and
        its psycopg connection warned in whatever ran next). So a use after this is refused instead."""
        self._disposed = True
        self.engine.dispose()

    def _refuse_if_disposed(self) -> None:
        if self._disposed:
            raise StorageUnavailable(detail="the database was closed")
