"""A disposed database stays closed: work started after the dispose (a window's last job, say) is refused
rather than quietly opening a new pool and connection that nobody closes again."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event

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
