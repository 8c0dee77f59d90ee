"""A desk that cannot start says why in a message box, in Danish, instead of a traceback nobody sees."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from borgerservice_desk.errors import StartupError
from borgerservice_desk.storage.database import Database, sqlite_url


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[list[str]]:
    texts: list[str] = []

    def critical(_parent: object, _title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        texts.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(critical))
    previous = os.umask(0o022)
    yield texts
    os.umask(previous)


def test_main_shows_a_data_folder_under_a_file(tmp_path: Path, shown: list[str]) -> None:
    from borgerservice_desk import cli

    (tmp_path / "data").write_text("a file")
    assert cli.main(["--language", "en", "--data-dir", str(tmp_path / "data" / "desk")]) == 2
    assert len(shown) == 1 and "cannot be used" in shown[0] and str(tmp_path / "data") in shown[0]


def test_main_shows_a_database_from_a_newer_program(tmp_path: Path, shown: list[str]) -> None:
    from borgerservice_desk import cli

    data = tmp_path / "data"
    Database.open(sqlite_url(data / "desk.sqlite3")).dispose()
    with sqlite3.connect(data / "desk.sqlite3") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.close()
    assert cli.main(["--language", "en", "--data-dir", str(data)]) == 2
    assert shown and "newer version of Borgerservice Desk (revision 0099)" in shown[0]


def test_main_shows_a_corrupt_database_and_an_unknown_url(tmp_path: Path, shown: list[str]) -> None:
    from borgerservice_desk import cli

    data = tmp_path / "data"
    data.mkdir()
    (data / "desk.sqlite3").write_bytes(b"garbage" * 1000)
    assert cli.main(["--language", "en", "--data-dir", str(data)]) == 2
    assert cli.main(["--language", "en", "--data-dir", str(data), "--database-url", "mysql://x@y/z"]) == 2
    assert "is damaged or is not a database" in shown[0]
    assert "starts with 'mysql'" in shown[1]


def test_main_shows_a_postgresql_server_refusing_the_set_up(
    tmp_path: Path, shown: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import ProgrammingError

    from borgerservice_desk import cli
    from borgerservice_desk.storage import database as database_module

    class InsufficientPrivilege(Exception):
        sqlstate = "42501"

    def refuse(_engine: object) -> None:
        raise ProgrammingError("CREATE TABLE", {}, InsufficientPrivilege("permission denied for schema public"))

    monkeypatch.setattr(database_module, "check_revision", lambda _engine: None)
    monkeypatch.setattr(database_module, "migrate", refuse)
    url = "postgresql://desk@127.0.0.1:1/desk"
    assert cli.main(["--language", "en", "--data-dir", str(tmp_path / "data"), "--database-url", url]) == 2
    assert len(shown) == 1 and "permission denied for schema public" in shown[0]
    assert "rights" in shown[0]


@pytest.mark.parametrize(
    ("error", "danish"),
    [
        (StartupError("startup.database_too_new", revision="0099"), "nyere version"),
        (StartupError("startup.database_corrupt", path="/x", detail="d"), "beskadiget"),
        (StartupError("startup.database_locked", path="/x"), "låst"),
        (StartupError("startup.data_dir_unusable", path="/x", detail="d"), "Datamappen /x kan ikke bruges"),
        (StartupError("startup.unknown_database_url", scheme="foo"), "'foo'"),
        (StartupError("startup.database_permission_denied", detail="permission denied for schema public"),
         "mangler rettigheder"),
        (StartupError("startup.database_refused", detail="duplicate key"), "afviste"),
    ],
)
def test_the_start_up_messages_are_danish(qapp: QApplication, error: StartupError, danish: str) -> None:
    from ui.app import install_translators
    from ui.messages import describe_error

    translators = install_translators(qapp, "da")
    try:
        assert danish in describe_error(error)
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
