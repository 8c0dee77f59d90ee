"""The schema comes from Alembic migrations, and the models and the migrated schema agree."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from borgerservice_desk.storage.database import (
    MIGRATIONS_DIR,
    current_revision,
    make_engine,
    migrate,
)
from borgerservice_desk.storage.models import Base


def _revisions() -> list[str]:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_an_empty_database_upgrades_to_head_and_matches_the_models(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    assert current_revision(engine) == _revisions()[-1]
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_each_earlier_revision_upgrades_to_head(database_url: str) -> None:
    """From every revision before head (the empty database is the first), the upgrade runs through."""
    revisions = _revisions()
    engine = make_engine(database_url)
    starts = ["base", *revisions[:-1]]
    for start in starts:
        if start != "base":
            migrate(engine, start)
            assert current_revision(engine) == start
        migrate(engine)
        assert current_revision(engine) == revisions[-1]
        _downgrade_to_base(engine)
    engine.dispose()


def test_migrating_twice_is_a_no_op(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO setting (key, value) VALUES ('kept', 'yes')"))
    migrate(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT value FROM setting WHERE key = 'kept'")).scalar() == "yes"
    engine.dispose()


def test_sqlite_runs_with_foreign_keys_and_wal(sqlite_database_url: str) -> None:
    engine = make_engine(sqlite_database_url)
    migrate(engine)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert "mitid_method" in inspect(engine).get_table_names()
    engine.dispose()


def _downgrade_to_base(engine: object) -> None:
    from alembic import command

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:  # type: ignore[attr-defined]
        config.attributes["connection"] = connection
        command.downgrade(config, "base")


def test_apps_stored_before_users_were_recorded_get_their_owner_as_user(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine, "0001")
    with engine.begin() as c:
        c.execute(text("INSERT INTO centre (id, name, address, timezone) VALUES (1, 'C', 'A', 'Europe/Copenhagen')"))
        c.execute(
            text(
                "INSERT INTO citizen (id, cpr, given_names, surname, birth_date, sex) "
                "VALUES (1, '6101901234', 'Åse', 'Kjær', '1990-01-01', 'F')"
            )
        )
        c.execute(
            text(
                "INSERT INTO mitid_identity (id, citizen_id, user_id, state, created_at, version) "
                "VALUES (1, 1, 'aase1', 'blocked', '2026-01-01 10:00:00+00:00', 1)"
            )
        )
        for id_, kind, state in [(1, "app", "active"), (2, "app", "inactive"), (3, "chip", "active")]:
            c.execute(
                text(
                    "INSERT INTO mitid_method (id, identity_id, kind, state, label, activated_at) "
                    "VALUES (:id, 1, :kind, :state, 'iPhone 15', '2026-01-01 10:00:00+00:00')"
                ),
                {"id": id_, "kind": kind, "state": state},
            )
    migrate(engine)
    from sqlalchemy.orm import Session

    from borgerservice_desk.storage.models import MitidIdentity, MitidMethod

    with Session(engine) as session:
        users = {m.id: m.users for m in session.query(MitidMethod)}
        identity = session.get(MitidIdentity, 1)
        assert identity is not None and identity.blocked_at is not None
    assert users == {1: ["Åse Kjær"], 2: [], 3: []}
    engine.dispose()


def test_on_sqlite_a_read_does_not_wait_for_a_writer(sqlite_database_url: str) -> None:
    """The day list on one desk must not freeze while another desk holds a write transaction."""
    import time

    from borgerservice_desk.storage.database import Database
    from borgerservice_desk.storage.models import Setting

    writer_db = Database.open(sqlite_database_url)
    reader_db = Database.open(sqlite_database_url, run_migrations=False)
    with writer_db.unit_of_work() as uow:
        uow.session.add(Setting(key="held", value="1"))
        uow.flush()  # the write lock is held from here until the block ends
        started = time.perf_counter()
        with reader_db.read() as session:
            assert session.get(Setting, "held") is None  # not committed yet, and not waited for
        waited = time.perf_counter() - started
    assert waited < 5, waited  # the busy timeout is 15 s; a lock wait would take all of it
    writer_db.dispose()
    reader_db.dispose()
