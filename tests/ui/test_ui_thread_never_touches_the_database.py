"""Issue 11, "one way from the window to the core": no database call runs on the UI thread.

A supervisor's window is built and used the way a shift uses it: every tab, the day moved on and back,
a citizen checked in and served (the MitID overview, a typed passport checked, a witness looked up, the
visit finished), a
look-up with the CPR number revealed, the booking dialog, a walk-in ticket called to the counter, the
centre's settings, the desk locked and unlocked. Every database connection taken and every statement run
meanwhile is recorded when it happens on the UI thread (tests/ui/ui_thread_database.py): there must be
none. A widget that calls a service inline, even a quick read, fails this test and is named in its message.

And the window's package stays on its side of the line: nothing in ui/ imports the storage, the scanner
or SQLAlchemy; it reaches them through the services.
"""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from borgerservice_desk.bootstrap import Services
from tests.conftest import TODAY
from tests.integration.test_queue import _roomy_counter
from tests.support.assurance import citizens
from tests.support.journey import appointment_with_active_app, passport_for
from tests.ui.helpers import back_to_window, wait_for_check
from tests.ui.ui_thread_database import database_use_on_ui_thread
from ui.booking_dialog import BookingDialog
from ui.main_window import MainWindow
from ui.recovery_dialogs import WitnessDialog
from ui.settings_dialog import SettingsDialog

UI_DIR = Path(__file__).resolve().parents[2] / "ui"
FORBIDDEN = ("borgerservice_desk.storage", "borgerservice_desk.scanning", "sqlalchemy")
CTRL = Qt.KeyboardModifier.ControlModifier


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    """Every piece of work handed to a worker is done and has reported back."""
    qtbot.waitUntil(lambda: not window.busy and window.runner.wait_for_done(50), timeout=10_000)
    qtbot.wait(20)


def test_a_shift_at_the_window_uses_the_database_only_off_the_ui_thread(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    supervisor = sqlite_services.auth.sign_in("supervisor", "demo")
    candidate = appointment_with_active_app(sqlite_services, supervisor, TODAY)
    citizen = candidate.citizen
    assert citizen.cpr is not None
    top, bottom = passport_for(citizen, expiry=date(2030, 1, 1))
    counter = _roomy_counter(sqlite_services, supervisor, 10)
    witness_cpr = next(c.cpr for c in citizens(sqlite_services, witness=True) if c.id != citizen.id)
    assert witness_cpr is not None  # a walk-in called there comes before any booking

    with database_use_on_ui_thread(sqlite_services.db.engine) as uses:
        window = MainWindow(sqlite_services, supervisor, "en")
        qtbot.addWidget(window)
        window.show()
        back_to_window(qtbot, window)
        qtbot.waitUntil(lambda: window.today.model.rowCount() > 0)

        # Every tab, by its key.
        for number in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_1):
            qtbot.keyClick(window.tabs.currentWidget(), number, CTRL)
        qtbot.waitUntil(lambda: window.statistics.model.rowCount() > 0, timeout=10_000)
        qtbot.waitUntil(lambda: window.queue.counter.count() > 0 and window.queue.service.count() > 0)

        # The day on and back to today.
        qtbot.keyClick(window.today.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
        qtbot.keyClick(window.today.table, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: f"{TODAY:%d-%m-%Y}" in window.today.title.text())
        _settle(qtbot, window)

        # A citizen checked in: their MitID shows; a typed passport is checked; the visit is finished.
        qtbot.keyClicks(window.today.filter, candidate.appointment.booking_code)
        qtbot.keyClick(window.today.filter, Qt.Key.Key_Return)
        qtbot.keyClick(window.today.table, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.visit)
        qtbot.waitUntil(lambda: window.visit.mitid.methods.rowCount() > 0)
        window.visit.mrz_edit.setPlainText(f"{top}\n{bottom}")
        qtbot.keyClick(window.visit.mrz_edit, Qt.Key.Key_Return, CTRL)
        wait_for_check(qtbot, window.visit.identity)
        assert window.visit.last_check is not None and window.visit.last_check.passed
        _settle(qtbot, window)
        # A witness looked up by CPR number in the witness dialog (shown before accepting), then cancelled.
        qtbot.keyClick(window.visit.mrz_edit, Qt.Key.Key_W, CTRL | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: isinstance(window.visit.recovery.dialog, WitnessDialog), timeout=10_000)
        witness_dialog = window.visit.recovery.dialog
        assert isinstance(witness_dialog, WitnessDialog)
        qtbot.keyClicks(witness_dialog.cpr, witness_cpr)
        qtbot.waitUntil(lambda: witness_dialog.found is not None, timeout=10_000)
        witness_dialog.reject()
        _settle(qtbot, window)
        back_to_window(qtbot, window)
        qtbot.keyClick(window.visit.mrz_edit, Qt.Key.Key_E, CTRL)
        qtbot.waitUntil(lambda: window.visit.visit is None)
        _settle(qtbot, window)

        # A look-up by CPR number, the number revealed, and the booking dialog for the citizen.
        qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_3, CTRL)
        qtbot.keyClicks(window.lookup.query, citizen.cpr)
        qtbot.keyClick(window.lookup.query, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not window.lookup.loading and window.lookup.mitid.methods.rowCount() > 0)
        qtbot.mouseClick(window.lookup.reveal_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not window.lookup.loading)
        qtbot.keyClick(window.lookup.query, Qt.Key.Key_T, CTRL)
        dialog = window.lookup.findChild(BookingDialog)
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.times.count() > 0, timeout=10_000)
        dialog.calendar.setSelectedDate(dialog.calendar.selectedDate().addDays(1))
        dialog.reject()
        _settle(qtbot, window)
        back_to_window(qtbot, window)  # the keys go to the window again, as they do once a dialog closes

        # A walk-in ticket, called to this counter with F6.
        qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_4, CTRL)
        queue = window.queue
        queue.service.setCurrentIndex(queue.service.findData("health_card"))
        qtbot.mouseClick(queue.walk_in_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Walk-in ticket" in queue.feedback.text())
        queue.counter.setCurrentIndex(queue.counter.findData(counter))
        qtbot.keyClick(queue.counter, Qt.Key.Key_F6)
        qtbot.waitUntil(lambda: queue.walk_in_dialog is not None, timeout=10_000)
        assert queue.walk_in_dialog is not None
        queue.walk_in_dialog.reject()
        _settle(qtbot, window)

        # The centre's settings, opened and closed.
        window.open_settings()
        settings = window.findChild(SettingsDialog)
        assert settings is not None
        qtbot.waitUntil(lambda: settings.loaded)
        settings.reject()
        _settle(qtbot, window)
        back_to_window(qtbot, window)

        # Locked by hand and opened again with the password.
        window.lock_action.trigger()
        assert window.locked
        qtbot.keyClicks(window.cover.password, "demo")
        qtbot.keyClick(window.cover.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not window.locked, timeout=10_000)
        _settle(qtbot, window)
        QApplication.processEvents()

    where = sorted({str(use) for use in uses})
    assert not uses, f"{len(uses)} database uses on the UI thread, from:\n" + "\n".join(where)


def test_the_guard_sees_a_service_called_on_the_ui_thread(sqlite_services: Services) -> None:
    """The guard itself: an inline call, as a widget would make it, is recorded; one in a thread is not."""
    import threading

    supervisor = sqlite_services.auth.sign_in("supervisor", "demo")
    with database_use_on_ui_thread(sqlite_services.db.engine) as uses:
        worker = threading.Thread(target=lambda: sqlite_services.booking.counters(supervisor))
        worker.start()
        worker.join()
        assert uses == []
        sqlite_services.booking.counters(supervisor)
    assert [use.event for use in uses][:1] == ["checkout"]


def test_nothing_in_the_window_imports_the_storage_the_scanner_or_sqlalchemy() -> None:
    offenders = []
    for path in sorted(UI_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}:{node.lineno} {name}" for name in names
                if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
            ]
    assert offenders == []


