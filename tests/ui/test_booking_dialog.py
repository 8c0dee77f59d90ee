"""Booking from the citizen look-up: service, a day in the calendar, a time and a counter, book, and the
booking confirmation shown (naming the calendar file and its folder) and printable."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.storage.models import Appointment, Citizen
from tests.conftest import NOW
from tests.ui.helpers import back_to_window
from ui.booking_dialog import BookingDialog
from ui.dates import current_zone
from ui.main_window import MainWindow
from ui.receipt_dialog import ReceiptDialog


def _open_dialog(qtbot: QtBot, services: Services) -> tuple[MainWindow, BookingDialog]:
    ctx = services.auth.sign_in("clerk", "demo")
    with services.db.read() as session:
        citizen = session.scalars(
            select(Citizen).where(Citizen.cpr.is_not(None), Citizen.id.not_in(select(Appointment.citizen_id)))
        ).first()
        assert citizen is not None and citizen.cpr is not None
        cpr = citizen.cpr
    window = MainWindow(services, ctx, "en")
    qtbot.addWidget(window)
    window.show()
    back_to_window(qtbot, window)
    window.tabs.setCurrentWidget(window.lookup)
    qtbot.keyClicks(window.lookup.query, cpr)
    qtbot.keyClick(window.lookup.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.lookup.book_button.isEnabled())  # searched off the UI thread
    qtbot.keyClick(window.lookup.query, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = window.lookup.findChild(BookingDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.times.count() > 0, timeout=10_000)  # the first day with free times
    return window, dialog


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _click_day(qtbot: QtBot, dialog: BookingDialog, day: date) -> None:
    """Click the day's cell in the calendar's grid (the day's number appears once in the month shown)."""
    view = dialog.calendar.findChild(QTableView)
    assert view is not None
    model = view.model()
    cells = [
        model.index(row, column) for row in range(1, model.rowCount()) for column in range(model.columnCount())
        if str(model.data(model.index(row, column))) == str(day.day)
    ]
    assert len(cells) == 1
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(cells[0]).center())


def test_pick_a_day_a_time_and_a_counter_book_and_print_the_confirmation(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    window, dialog = _open_dialog(qtbot, sqlite_services)
    with qtbot.waitSignal(dialog.day_loaded, timeout=10_000):
        dialog.service.setCurrentIndex(dialog.service.findData("passport"))
    first = dialog.selected_day()
    assert first >= NOW.astimezone(current_zone()).date() and dialog.calendar.dateTextFormat(_qdate(first)).fontWeight() > 400
    # A week later, by the keyboard: Down moves the calendar's selection one week on.
    dialog.calendar.setFocus()
    with qtbot.waitSignal(dialog.day_loaded, timeout=10_000):
        qtbot.keyClick(dialog.calendar.findChild(QTableView), Qt.Key.Key_Down)
    day = first + timedelta(days=7)
    assert dialog.selected_day() == day and day.strftime("%d-%m-%Y") in dialog.day_label.text()
    assert dialog.times.count() > 3
    dialog.times.setFocus()
    qtbot.keyClick(dialog.times, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.times, Qt.Key.Key_Down)
    starts_at = dialog.times.currentItem().data(Qt.ItemDataRole.UserRole)
    assert starts_at.astimezone(current_zone()).date() == day
    assert dialog.counter.count() >= 2  # the demo's quiet day: more than one counter is free then
    dialog.counter.setCurrentIndex(1)
    counter_id = dialog.counter.currentData()
    with qtbot.waitSignal(dialog.booked, timeout=10_000) as booked:
        qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    booking = booked.args[0]
    assert (booking.starts_at, booking.counter_id, booking.service_code) == (starts_at, counter_id, "passport")

    qtbot.waitUntil(lambda: window.lookup.findChild(ReceiptDialog, "bookingConfirmation") is not None, timeout=10_000)
    viewer = window.lookup.findChild(ReceiptDialog, "bookingConfirmation")
    assert viewer is not None
    qtbot.waitUntil(viewer.isVisible)
    folder = sqlite_services.booking.confirmations_dir
    assert folder is not None
    assert viewer.windowTitle() == f"Booking confirmation {booking.booking_code}"
    note = viewer.findChild(QLabel, "receiptNote")
    assert note is not None
    assert f"{booking.booking_code}.ics" in note.text() and str(folder) in note.text()
    assert (folder / f"{booking.booking_code}.ics").exists()
    assert (folder / f"{booking.booking_code}.pdf").read_bytes().startswith(b"%PDF")
    assert viewer.print_button.isEnabled()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    viewer.print_to(printer)
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")
    viewer.close()
    window.runner.wait_for_done()


def test_christmas_is_marked_closed_and_cannot_be_chosen(qtbot: QtBot, sqlite_services: Services) -> None:
    window, dialog = _open_dialog(qtbot, sqlite_services)
    with qtbot.waitSignal(dialog.month_loaded, timeout=10_000):
        dialog.calendar.setCurrentPage(2026, 12)
    christmas, eve = date(2026, 12, 25), date(2026, 12, 24)
    assert dialog.calendar.dateTextFormat(_qdate(christmas)).fontStrikeOut()
    assert dialog.calendar.dateTextFormat(_qdate(date(2026, 12, 27))).fontStrikeOut()  # a Sunday
    assert not dialog.calendar.dateTextFormat(_qdate(eve)).fontStrikeOut()
    assert dialog.calendar.dateTextFormat(_qdate(eve)).fontWeight() > 400  # free times on Christmas Eve

    with qtbot.waitSignal(dialog.day_loaded, timeout=10_000):
        _click_day(qtbot, dialog, eve)
    assert dialog.selected_day() == eve and dialog.times.count() > 0
    # A click on Christmas Day does not choose it: the next open day (after the weekend) is chosen instead.
    with qtbot.waitSignal(dialog.day_loaded, timeout=10_000):
        _click_day(qtbot, dialog, christmas)
    assert dialog.selected_day() == date(2026, 12, 28)
    assert "closed on 25-12-2026" in dialog.feedback.text()
    assert all(
        dialog.times.item(n).data(Qt.ItemDataRole.UserRole).astimezone(current_zone()).date() == date(2026, 12, 28)
        for n in range(dialog.times.count())
    )
    # By the keyboard, going back from Monday the 28th skips the weekend and Christmas to the 24th.
    view = dialog.calendar.findChild(QTableView)
    view.setFocus()
    with qtbot.waitSignal(dialog.day_loaded, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_Left)
    assert dialog.selected_day() == eve
    dialog.reject()
    window.runner.wait_for_done()
