"""Issue 11, "one way from the window to the core": the window never blocks on the database.

Another connection holds SQLite's write lock (as a second desk in the middle of a write, or a backup,
would) while the clerk presses F6 (call next) and then marks the called walk-in a no-show. The window keeps
answering: a timer on the UI thread goes on ticking into a label, and the action says it is working. Once
the lock is let go, the action completes by itself. And the clerk goes on switching tabs and days while
looks that are logged (and so wait for the lock too) are out.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.centre_time import centre_zone
from borgerservice_desk.domain.desk import TicketStatus
from borgerservice_desk.storage.models import QueueTicket
from tests.conftest import TODAY
from tests.integration.test_queue import _roomy_counter
from tests.support.journey import appointment_with_active_app
from tests.ui.helpers import open_main_window

HOLD_TICKS = 15  # timer ticks (20 ms each) the UI thread must go on serving while the lock is held


@contextmanager
def write_lock_held(path: Path) -> Iterator[sqlite3.Connection]:
    """SQLite's write lock, taken by another connection and held until the block ends."""
    blocker = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        blocker.execute("BEGIN IMMEDIATE")
        yield blocker
        blocker.execute("ROLLBACK")
    finally:
        blocker.close()


def _heartbeat(qtbot: QtBot) -> QLabel:
    """A label a UI-thread timer counts up in: it only moves while the UI thread is free."""
    label = QLabel("0")
    qtbot.addWidget(label)
    timer = QTimer(label)
    timer.setInterval(20)
    timer.timeout.connect(lambda: label.setText(str(int(label.text()) + 1)))
    timer.start()
    return label


def test_the_window_answers_while_the_database_is_locked_and_the_call_completes_after(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = open_main_window(qtbot, sqlite_services, ctx)
    sqlite_services.queue.walk_in(ctx, "health_card")
    panel = window.queue
    panel.counter.setCurrentIndex(panel.counter.findData(_roomy_counter(sqlite_services, ctx, 10)))
    qtbot.keyClick(window.today.table, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is panel
    heartbeat = _heartbeat(qtbot)
    database = tmp_path / "desk.sqlite3"

    # F6 while another connection holds the write lock.
    with write_lock_held(database):
        qtbot.keyClick(panel.counter, Qt.Key.Key_F6)
        assert panel.calls.busy and panel.called_label.text() == ""  # the call waits for the lock, off the UI thread
        start = int(heartbeat.text())
        qtbot.waitUntil(lambda: int(heartbeat.text()) >= start + HOLD_TICKS)  # the UI thread goes on
        qtbot.waitUntil(lambda: panel.feedback.property("kind") == "busy")  # and says it is working
        assert panel.calls.busy and panel.called_label.text() == ""  # still waiting: nothing went past the lock
        assert not panel.call_button.isEnabled()  # no second call while this one is out
        qtbot.keyClick(panel.counter, Qt.Key.Key_F6)  # pressed again: not a second call
    qtbot.waitUntil(lambda: panel.called_label.text().startswith("Ticket 1 to "), timeout=10_000)
    qtbot.waitUntil(lambda: panel.walk_in_dialog is not None)  # a walk-in without a name: who is it?
    assert panel.walk_in_dialog is not None
    panel.walk_in_dialog.reject()
    assert not panel.calls.busy and panel.feedback.property("kind") != "busy"

    # A no-show while the lock is held again.
    with write_lock_held(database):
        qtbot.mouseClick(panel.no_show_button, Qt.MouseButton.LeftButton)
        assert panel.calls.busy
        start = int(heartbeat.text())
        qtbot.waitUntil(lambda: int(heartbeat.text()) >= start + HOLD_TICKS)
        assert panel.calls.busy and "no-show" not in panel.feedback.text()
    qtbot.waitUntil(lambda: "marked as a no-show" in panel.feedback.text(), timeout=10_000)
    with sqlite_services.db.read() as session:
        statuses = list(session.scalars(select(QueueTicket.status)))
    assert statuses == [TicketStatus.NO_SHOW]  # one ticket, called once, now a no-show
    window.runner.wait_for_done()


def test_tabs_switch_and_the_day_moves_on_while_the_database_is_locked(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    """Looking is logged, so a look waits for the write lock too: the citizen shown under Find citizen is read
    again when the clerk comes back to the tab, and another day's list is read when the day moves on. Both
    wait off the UI thread while the clerk goes on switching tabs, and arrive once the lock is let go."""
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    candidate = appointment_with_active_app(sqlite_services, ctx, TODAY)
    assert candidate.citizen.cpr is not None
    window = open_main_window(qtbot, sqlite_services, ctx)
    lookup = window.lookup
    qtbot.keyClick(window.today.table, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(lookup.query, candidate.citizen.cpr)
    qtbot.keyClick(lookup.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lookup.loading and lookup.mitid.methods.rowCount() > 0)
    qtbot.keyClick(lookup.query, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.queue
    heartbeat = _heartbeat(qtbot)
    next_day = TODAY + timedelta(days=1)

    with write_lock_held(tmp_path / "desk.sqlite3"):
        qtbot.keyClick(window.queue.arrival, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentWidget() is lookup and lookup.loading  # read again, waiting for the lock
        qtbot.keyClick(lookup.query, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(window.today.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
        assert f"{next_day:%d-%m-%Y}" in window.today.title.text()  # the title moves at once, the list waits
        start = int(heartbeat.text())
        qtbot.waitUntil(lambda: int(heartbeat.text()) >= start + HOLD_TICKS)  # the UI thread goes on
        qtbot.keyClick(window.today.table, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentWidget() is window.statistics
        assert lookup.loading  # still waiting: nothing went past the lock
    qtbot.waitUntil(lambda: not lookup.loading, timeout=20_000)
    assert lookup.mitid.methods.rowCount() > 0 and lookup.feedback.property("kind") != "error"
    qtbot.waitUntil(lambda: not window.busy, timeout=20_000)
    assert all(row.starts_at.astimezone(centre_zone()).date() == next_day for row in window.today.model.rows())
    window.runner.wait_for_done()
