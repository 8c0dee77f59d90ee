"""A disposed database stays closed: work started after the dispose (a window's last job, say) is refused
rather than quietly opening a new pool and connection that nobody closes again."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from sqlalchemy import event, text

from borgerservice_desk.errors import StorageUnavailable
from borgerservice_desk.storage.database import Database


def test_a_disposed_database_refuses_work_instead_of_opening_a_new_connection(database_url: str) -> None:
    db = Database.open(database_url)
    with db.read():
        pass  # in use before: a pooled connection exists
    opened: list[Any] = []
    event.listen(db.engine, "connect", lambda connection, _record: opened.append(connection))
    db.dispose()
    with pytest.raises(StorageUnavailable), db.read():
        pass
    with pytest.raises(StorageUnavailable), db.unit_of_work():
        pass
    assert opened == []  # no connection was opened after the dispose
    db.dispose()  # a second dispose (a fixture's, after the test's own) is harmless


def _is_closed(dbapi_connection: Any) -> bool:
    if isinstance(dbapi_connection, sqlite3.Connection):
        try:
            dbapi_connection.execute("SELECT 1")
        except sqlite3.ProgrammingError:  # "Cannot operate on a closed database."
            return True
        return False
    return bool(dbapi_connection.closed)  # psycopg


def test_a_connection_given_back_after_the_dispose_is_closed(database_url: str) -> None:
    """A worker's read still running when the window closes gives its connection back after the dispose:
    it is closed then, not left open in the dropped pool for the garbage collector (where psycopg warned
    "connection deleted while still open" in whichever test ran next)."""
    db = Database.open(database_url)
    with db.read() as session:
        session.execute(text("SELECT 1"))
        dbapi_connection = session.connection().connection.dbapi_connection
        db.dispose()  # the window closes while the read runs
        assert not _is_closed(dbapi_connection)  # the running read is not cut off
    assert _is_closed(dbapi_connection)
