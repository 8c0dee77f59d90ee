"""Today's list as day and week views per counter, and moving, cancelling and no-shows by key."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import AppointmentStatus
from tests.conftest import NOW, TODAY
from tests.ui.helpers import back_to_window, open_main_window, when_modal_opens
from ui.booking_dialog import BookingDialog
from ui.main_window import MainWindow


def _window(qtbot: QtBot, services: Services) -> MainWindow:
    return open_main_window(qtbot, services, services.auth.sign_in("clerk", "demo"))


def test_day_navigation_counter_filter_and_week_view(qtbot: QtBot, sqlite_services: Services) -> None:
    window = _window(qtbot, sqlite_services)
    today = window.today
    all_today = today.model.rowCount()
    today.counter.setCurrentIndex(today.counter.findText("Skranke 2"))
    qtbot.waitUntil(lambda: 0 < today.model.rowCount() < all_today)
    assert {r.counter for r in today.model.rows()} == {"Skranke 2"}
    qtbot.keyClick(today.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert today.day == TODAY + timedelta(days=1)
    qtbot.waitUntil(lambda: today.model.rowCount() == 0)  # Saturday: closed
    qtbot.keyClick(today.table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(today.table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: today.model.rowCount() > 0 and {r.starts_at.date() for r in today.model.rows()} == {TODAY - timedelta(days=1)})
    qtbot.keyClick(today.table, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    today.counter.setCurrentIndex(0)
    qtbot.mouseClick(today.week, Qt.MouseButton.LeftButton)
    # The demo books from three days back: Tuesday to Friday of week 48.
    qtbot.waitUntil(lambda: {r.starts_at.date() for r in today.model.rows()} == {TODAY - timedelta(days=n) for n in range(4)})
    assert "Week 48" in today.title.text()
    window.runner.wait_for_done()


def test_cancel_move_and_no_show_from_the_list(qtbot: QtBot, sqlite_services: Services) -> None:
    window = _window(qtbot, sqlite_services)
    today = window.today
    rows = today.model.rows()
    late = next(r for r in rows if r.status is AppointmentStatus.BOOKED and r.starts_at < NOW - timedelta(minutes=15))
    later = [r for r in rows if r.status is AppointmentStatus.BOOKED and r.starts_at > NOW + timedelta(hours=3)]

    assert today.select_appointment(late.id)
    qtbot.keyClick(today.table, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: next(r for r in today.model.rows() if r.id == late.id).status is AppointmentStatus.NO_SHOW)

    assert today.select_appointment(later[0].id)
    when_modal_opens(qtbot, lambda box: box.button(QMessageBox.StandardButton.Yes).click())  # type: ignore[attr-defined]
    qtbot.keyClick(today.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: all(r.id != later[0].id for r in today.model.rows()))  # cancelled ones are not listed

    assert today.select_appointment(later[1].id)
    back_to_window(qtbot, window)  # back from the question box (offscreen does not give focus back)
    qtbot.keyClick(today.table, Qt.Key.Key_F2)
    dialog = today.findChild(BookingDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.times.count() > 0, timeout=10_000)
    assert not dialog.service.isEnabled()
    new_time = dialog.times.item(0).data(Qt.ItemDataRole.UserRole)
    with qtbot.waitSignal(dialog.booked, timeout=10_000) as booked:
        qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    assert booked.args[0].booking_code == later[1].booking_code and booked.args[0].starts_at == new_time
    QApplication.processEvents()
    window.runner.wait_for_done()


def test_only_a_supervisor_opens_the_centre_settings_and_a_closure_is_saved(qtbot: QtBot, sqlite_services: Services) -> None:
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QPushButton

    from ui.settings_dialog import SettingsDialog

    clerk_window = _window(qtbot, sqlite_services)
    clerk_window.open_settings()
    assert clerk_window.findChild(SettingsDialog) is None
    assert "Only a supervisor" in clerk_window.statusBar().currentMessage()

    supervisor = sqlite_services.auth.sign_in("supervisor", "demo")
    window = MainWindow(sqlite_services, supervisor, "en")
    qtbot.addWidget(window)
    window.open_settings()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.loaded)  # the current settings are read off the UI thread
    dialog.day.setDate(QDate(TODAY + timedelta(days=12)))
    qtbot.keyClicks(dialog.reason, "Personaledag")
    qtbot.mouseClick(dialog.findChild(QPushButton, "addClosure"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.closures.count() == 1)  # saved off the UI thread
    assert "Personaledag" in dialog.closures.item(0).text()
    dialog.spins["arrival.late_minutes"].setValue(15)
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveSettings"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.feedback.text() == "Saved.")  # saved off the UI thread
    assert sqlite_services.queue.arrival_window()[1] == timedelta(minutes=15)
    window.runner.wait_for_done()
    clerk_window.runner.wait_for_done()


def test_a_supervisor_sets_opening_hours_and_which_counter_offers_what(qtbot: QtBot, sqlite_services: Services) -> None:
    from datetime import time

    from PySide6.QtCore import QTime
    from PySide6.QtWidgets import QPushButton

    from ui.settings_dialog import SettingsDialog

    supervisor = sqlite_services.auth.sign_in("supervisor", "demo")
    window = MainWindow(sqlite_services, supervisor, "en")
    qtbot.addWidget(window)
    window.open_settings()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.loaded)  # the current settings are read off the UI thread
    is_open, _start, end = dialog.hours[4]  # Friday
    assert is_open.isChecked()
    end.setTime(QTime(13, 0))
    dialog.hours[5][0].setChecked(True)  # open on Saturdays too
    dialog.offers.item(0, 0).setCheckState(Qt.CheckState.Unchecked)  # counter 1 stops offering MitID
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveSettings"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.feedback.text() == "Saved.")  # saved off the UI thread
    hours = sqlite_services.settings.opening_hours(supervisor)
    assert hours[4] == (time(9), time(13)) and 5 in hours
    assert (1, 1) not in sqlite_services.settings.counter_services(supervisor)
    free = sqlite_services.booking.next_free(supervisor, "mitid", limit=50)
    assert all(f.counter_id != 1 for f in free)
    window.runner.wait_for_done()
