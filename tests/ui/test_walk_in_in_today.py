"""Issue 11, item 1 finished: a walk-in's visit is listed in Today with its state, and an unfinished one is
taken up again after a restart exactly like a booked citizen's, by keys and by mouse, on SQLite and
PostgreSQL."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.services.appointments import WalkInRow
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Citizen
from tests.integration.test_queue import _roomy_counter
from tests.ui.helpers import open_main_window
from ui.main_window import MainWindow


def _served_walk_in(services: Services, clerk: ClerkContext, citizen_id: int) -> int:
    """A walk-in called and served at a desk: the visit is open (then the desk is restarted)."""
    ticket = services.queue.walk_in(clerk, "health_card", citizen_id)
    called = services.queue.call_next(clerk, _roomy_counter(services, clerk, 10))
    assert called is not None and called.ticket_id == ticket.ticket_id
    return services.queue.serve_walk_in(clerk, ticket.ticket_id).visit_id


def _row_of(window: MainWindow, visit_id: int) -> int:
    proxy = window.today.proxy
    for row in range(proxy.rowCount()):
        shown = proxy.index(row, 0).data(Qt.ItemDataRole.UserRole + 1)
        if isinstance(shown, WalkInRow) and shown.visit_id == visit_id:
            return row
    return -1


def _texts(window: MainWindow, row: int) -> list[str]:
    proxy = window.today.proxy
    return [proxy.index(row, column).data() for column in range(proxy.columnCount())]


def test_a_walk_ins_open_visit_is_taken_up_again_from_today_after_a_restart(
    qtbot: QtBot, services: Services, clerk: ClerkContext
) -> None:
    with services.db.read() as session:
        first, second = session.scalars(select(Citizen.id).where(Citizen.cpr.is_not(None)).order_by(Citizen.id).limit(2))
    by_keys = _served_walk_in(services, clerk, first)
    by_mouse = _served_walk_in(services, clerk, second)

    # The restart: a new window for the same clerk. Both walk-ins are in Today, open ("Checked in").
    window = open_main_window(qtbot, services, clerk)
    today = window.today
    qtbot.waitUntil(lambda: _row_of(window, by_keys) >= 0 and _row_of(window, by_mouse) >= 0)
    shown = _texts(window, _row_of(window, by_keys))
    assert "Walk-in, ticket 1" in shown and "Checked in" in shown

    # By keys, as a booked citizen is found: the filter, Enter, Enter.
    today.filter.setFocus()
    qtbot.keyClicks(today.filter, "Walk-in, ticket 1")
    qtbot.waitUntil(lambda: today.proxy.rowCount() == 1)
    qtbot.keyClick(today.filter, Qt.Key.Key_Return)
    qtbot.keyClick(today.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.visit and window.visit.visit is not None)
    assert window.visit.visit is not None and window.visit.visit.visit_id == by_keys
    qtbot.keyClick(window.visit.finish_button, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.visit.visit is None and window.tabs.currentWidget() is today)
    qtbot.waitUntil(lambda: _row_of(window, by_keys) >= 0 and "Done" in _texts(window, _row_of(window, by_keys)))
    # A finished one is not opened again; the clerk is told why.
    today.table.setFocus()
    today.table.selectRow(_row_of(window, by_keys))
    qtbot.keyClick(today.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "ended" in today.feedback.text())
    assert window.visit.visit is None

    # By mouse: a double click on the other walk-in's row.
    qtbot.keyClick(today.filter, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(today.filter, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: _row_of(window, by_mouse) >= 0)
    index = today.proxy.index(_row_of(window, by_mouse), 3)
    today.table.scrollTo(index)
    rect = today.table.visualRect(index)
    qtbot.mouseClick(today.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(today.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.visit.visit is not None)
    assert window.visit.visit is not None and window.visit.visit.visit_id == by_mouse
    window.runner.wait_for_done()
