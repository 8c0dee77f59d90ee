"""Start-up on a database or data folder the desk cannot use: a coded error, and nothing written."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from borgerservice_desk.errors import StartupError
from borgerservice_desk.storage import database as database_module
from borgerservice_desk.storage.database import Database, sqlite_url


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _migrated(path: Path) -> Path:
    db = Database.open(sqlite_url(path))
    with db.engine.begin() as connection:
        for n in range(400):  # enough rows for several pages, so a cut-off file is short of pages
            connection.exec_driver_sql(
                "INSERT INTO setting (key, value) VALUES (?, ?)", (f"filler.{n}", "x" * 200)
            )
    db.dispose()  # checkpoints the WAL into the file
    return path


def _open_code(path: Path) -> str:
    with pytest.raises(StartupError) as caught:
        Database.open(sqlite_url(path))
    return caught.value.code


def test_a_database_from_a_newer_program_is_refused_untouched(tmp_path: Path) -> None:
    path = _migrated(tmp_path / "desk.sqlite3")
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    connection.close()
    before = _digest(path)
    with pytest.raises(StartupError) as caught:
        Database.open(sqlite_url(path))
    assert caught.value.code == "startup.database_too_new"
    assert caught.value.params["revision"] == "0099_from_the_future"
    assert _digest(path) == before
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # no page written, not even to the log


@pytest.mark.postgres
def test_a_postgresql_database_from_a_newer_program_is_refused(postgresql_url: str) -> None:
    from sqlalchemy import text

    database_url = postgresql_url
    Database.open(database_url).dispose()
    engine = database_module.make_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    with pytest.raises(StartupError) as caught:
        Database.open(database_url)
    assert caught.value.code == "startup.database_too_new"
    with engine.connect() as connection:  # no migration ran over it
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0099_from_the_future"
    engine.dispose()


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    path.write_bytes(b"this is a letter to the centre, not a database\n" * 100)
    before = _digest(path)
    assert _open_code(path) == "startup.database_corrupt"
    assert _digest(path) == before


def test_a_truncated_database_is_refused_untouched(tmp_path: Path) -> None:
    path = _migrated(tmp_path / "desk.sqlite3")
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    before = _digest(path)
    assert _open_code(path) == "startup.database_corrupt"
    assert _digest(path) == before


def test_a_damaged_page_is_refused(tmp_path: Path) -> None:
    path = _migrated(tmp_path / "desk.sqlite3")
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, page):
        data[offset : offset + 64] = b"\xff" * 64  # page headers of b-tree pages: garbage
    path.write_bytes(bytes(data))
    assert _open_code(path) == "startup.database_corrupt"


def test_a_data_folder_under_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("a file where the folder should be")
    assert _open_code(tmp_path / "data" / "desk.sqlite3") == "startup.data_dir_unusable"
    assert _open_code(tmp_path / "data" / "sub" / "desk.sqlite3") == "startup.data_dir_unusable"


@pytest.mark.parametrize("url", ["mysql://user@host/desk", "foo://bar", "not a url at all", "oracle://x"])
def test_an_unknown_database_url_is_refused(url: str) -> None:
    with pytest.raises(StartupError) as caught:
        Database.open(url)
    assert caught.value.code == "startup.unknown_database_url"


def test_a_database_locked_by_another_program_says_locked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _migrated(tmp_path / "desk.sqlite3")
    monkeypatch.setattr(database_module, "LOCK_WAIT_SECONDS", 0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE setting SET value = 'held' WHERE key = 'filler.1'")
    try:
        assert _open_code(path) == "startup.database_locked"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    Database.open(sqlite_url(path)).dispose()  # once the other program lets go, the desk starts


def test_a_good_database_still_opens(tmp_path: Path) -> None:
    path = _migrated(tmp_path / "desk.sqlite3")
    Database.open(sqlite_url(path)).dispose()


def test_the_cli_prints_the_message_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    from borgerservice_desk import cli

    data = tmp_path / "data"
    data.mkdir()
    (data / "desk.sqlite3").write_bytes(b"not a database" * 200)
    previous = os.umask(0o022)
    try:
        code = cli.main(["--data-dir", str(data), "purge-appointments", "--older-than-days", "365"])
    finally:
        os.umask(previous)
    assert code == 2
    err = capsys.readouterr().err
    assert "is damaged or is not a database" in err and "startup.database_corrupt" in err
    assert "Traceback" not in err


@pytest.mark.postgres
def test_a_postgresql_role_without_rights_to_set_up_the_database_is_a_startup_error(postgresql_url: str) -> None:
    """Permission denied is no traceback: a coded StartupError the window and the commands show."""
    import uuid

    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    database_url = postgresql_url
    role = f"desk_clerk_{uuid.uuid4().hex[:10]}"
    admin = database_module.make_engine(database_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE ROLE {role} LOGIN"))
        connection.execute(text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
    as_role = make_url(database_url).set(username=role, password=None).render_as_string(hide_password=False)
    try:
        with pytest.raises(StartupError) as caught:
            Database.open(as_role)
        assert caught.value.code == "startup.database_permission_denied"
        assert "permission denied" in caught.value.params["detail"]
        with admin.connect() as connection:  # nothing was set up
            assert connection.execute(text("SELECT to_regclass('public.alembic_version')")).scalar() is None
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP ROLE IF EXISTS {role}"))
        admin.dispose()


@pytest.mark.parametrize(
    ("orig", "code"),
    [
        ("permission denied for schema public", "startup.database_permission_denied"),
        ('duplicate key value violates unique constraint "pg_type_typname_nsp_index"', "startup.database_refused"),
    ],
)
def test_a_postgresql_server_refusing_the_set_up_is_a_startup_error(
    monkeypatch: pytest.MonkeyPatch, orig: str, code: str
) -> None:
    """Any refusal other than a lost connection (e.g. two desks migrating a new database at once)."""
    from sqlalchemy.exc import IntegrityError, ProgrammingError

    class Refusal(Exception):
        sqlstate = "42501" if "permission" in orig else "23505"

    error_type = ProgrammingError if "permission" in orig else IntegrityError

    def refuse(_engine: object) -> None:
        raise error_type("CREATE TABLE alembic_version (...)", {}, Refusal(orig + "\nLINE 1: ..."))

    monkeypatch.setattr(database_module, "check_revision", lambda _engine: None)
    monkeypatch.setattr(database_module, "migrate", refuse)
    with pytest.raises(StartupError) as caught:
        Database.open("postgresql://desk@127.0.0.1:1/desk")
    assert caught.value.code == code
    assert caught.value.params["detail"] == orig  # the first line: what the server said
