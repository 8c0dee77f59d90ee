"""The booking dialog by the keyboard: Enter books (or moves) the time shown, once, wherever the focus is in
the dialog, and never closes it; a refusal stays in the dialog with the times read again; Esc closes. And
the confirmation is written in the language chosen for the citizen, not the window's.

Found in review: Close was the dialog's default button, so Enter on a time booked and then closed the
dialog (a refusal went with it, unseen), and Enter on the counter closed it with nothing booked."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QSpinBox, QTableView, QToolButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.services.booking import Booking
from borgerservice_desk.storage.models import Appointment, Citizen
from tests.conftest import NOW
from tests.ui.helpers import back_to_window, open_main_window
from ui.booking_dialog import BookingDialog
from ui.main_window import MainWindow
from ui.receipt_dialog import ReceiptDialog


def _open_booking(qtbot: QtBot, services: Services, language: str) -> tuple[MainWindow, BookingDialog, int]:
    """Ctrl+T on a citizen found in the look-up, who has no booking yet; the dialog with its first free
    times shown. Returns the window, the dialog and the citizen's id."""
    with services.db.read() as session:
        citizen = session.scalars(
            select(Citizen).where(Citizen.cpr.is_not(None), Citizen.id.not_in(select(Appointment.citizen_id)))
        ).first()
        assert citizen is not None and citizen.cpr is not None
        cpr, citizen_id = citizen.cpr, citizen.id
    window = open_main_window(qtbot, services, services.auth.sign_in("clerk", "demo"), language)
    window.tabs.setCurrentWidget(window.lookup)
    qtbot.keyClicks(window.lookup.query, cpr)
    qtbot.keyClick(window.lookup.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.lookup.book_button.isEnabled())  # searched off the UI thread
    qtbot.keyClick(window.lookup.query, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = window.lookup.findChild(BookingDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.times.count() > 0 and dialog.counter.count() > 0, timeout=10_000)
    return window, dialog, citizen_id


def _focus(qtbot: QtBot, dialog: BookingDialog, where: str) -> QWidget:
    widget: QWidget | None = {
        "calendar": dialog.calendar.findChild(QTableView),  # the grid of days
        "times": dialog.times,
        "counter": dialog.counter,
        "service": dialog.service,
        "language": dialog.findChild(QWidget, "confirmationLanguage"),
    }[where]
    assert widget is not None and widget.isEnabled(), where
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    return widget


def _bookings_of(services: Services, citizen_id: int) -> int:
    with services.db.read() as session:
        return session.scalar(
            select(func.count()).select_from(Appointment).where(
                Appointment.citizen_id == citizen_id, Appointment.status == AppointmentStatus.BOOKED
            )
        ) or 0


def _confirmation_shown(qtbot: QtBot, parent: QWidget) -> ReceiptDialog:
    qtbot.waitUntil(lambda: parent.findChild(ReceiptDialog, "bookingConfirmation") is not None, timeout=10_000)
    viewer = parent.findChild(ReceiptDialog, "bookingConfirmation")
    assert viewer is not None
    qtbot.waitUntil(viewer.isVisible)
    return viewer


def _chosen(dialog: BookingDialog) -> tuple[object, object]:
    item = dialog.times.currentItem()
    assert item is not None
    return item.data(Qt.ItemDataRole.UserRole), dialog.counter.currentData()


@pytest.mark.parametrize("where", ["calendar", "times", "counter", "service", "language"])
def test_enter_books_the_time_shown_once_from_wherever_the_focus_is(
    qtbot: QtBot, sqlite_services: Services, where: str
) -> None:
    window, dialog, citizen_id = _open_booking(qtbot, sqlite_services, "en")
    widget = _focus(qtbot, dialog, where)
    starts_at, counter_id = _chosen(dialog)
    booked: list[Booking] = []
    dialog.booked.connect(booked.append)
    closed: list[int] = []
    dialog.finished.connect(closed.append)

    qtbot.keyClick(widget, Qt.Key.Key_Return)
    qtbot.keyClick(widget, Qt.Key.Key_Return)  # a second Enter while the first is saving books nothing more
    viewer = _confirmation_shown(qtbot, window.lookup)
    window.runner.wait_for_done()

    assert [(b.starts_at, b.counter_id) for b in booked] == [(starts_at, counter_id)]
    assert _bookings_of(sqlite_services, citizen_id) == 1
    # Closed by the booking's own end (accept, once the confirmation is up), never by Close.
    assert closed == [QDialog.DialogCode.Accepted.value]
    viewer.close()
    window.runner.wait_for_done()


@pytest.mark.parametrize("where", ["calendar", "times", "counter"])
def test_enter_moves_a_booking_from_today_once_and_the_dialog_is_not_closed_by_it(
    qtbot: QtBot, sqlite_services: Services, where: str
) -> None:
    window = open_main_window(qtbot, sqlite_services, sqlite_services.auth.sign_in("clerk", "demo"))
    today = window.today
    later = next(r for r in today.model.rows()
                 if r.status is AppointmentStatus.BOOKED and r.starts_at > NOW + timedelta(hours=3))
    assert today.select_appointment(later.id)
    back_to_window(qtbot, window)
    qtbot.keyClick(today.table, Qt.Key.Key_F2)
    dialog = today.findChild(BookingDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.times.count() > 0 and dialog.counter.count() > 0, timeout=10_000)
    widget = _focus(qtbot, dialog, where)
    starts_at, counter_id = _chosen(dialog)
    booked: list[Booking] = []
    dialog.booked.connect(booked.append)
    closed: list[int] = []
    dialog.finished.connect(closed.append)

    qtbot.keyClick(widget, Qt.Key.Key_Return)
    viewer = _confirmation_shown(qtbot, today)
    window.runner.wait_for_done()

    assert [(b.booking_code, b.starts_at, b.counter_id) for b in booked] == [(later.booking_code, starts_at, counter_id)]
    assert closed == [QDialog.DialogCode.Accepted.value]
    viewer.close()
    window.runner.wait_for_done()


@pytest.mark.parametrize("where", ["calendar", "times", "counter"])
def test_a_time_another_desk_took_first_is_refused_in_the_dialog_which_stays_with_the_times_read_again(
    qtbot: QtBot, sqlite_services: Services, where: str
) -> None:
    window, dialog, citizen_id = _open_booking(qtbot, sqlite_services, "en")
    widget = _focus(qtbot, dialog, where)
    starts_at, counter_id = _chosen(dialog)
    # Another desk books that very time at that counter for someone else, while the citizen decides.
    other_desk = sqlite_services.auth.sign_in("supervisor", "demo")
    with sqlite_services.db.read() as session:
        other = session.scalars(
            select(Citizen.id).where(Citizen.id != citizen_id, Citizen.id.not_in(select(Appointment.citizen_id)))
        ).first()
    assert other is not None
    sqlite_services.booking.book(other_desk, other, dialog._service_code(), starts_at, counter_id=counter_id)
    booked: list[Booking] = []
    dialog.booked.connect(booked.append)
    reloaded: list[None] = []
    dialog.day_loaded.connect(lambda: reloaded.append(None))

    qtbot.keyClick(widget, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "That time is taken" in dialog.feedback.text() and bool(reloaded), timeout=10_000)
    window.runner.wait_for_done()

    assert dialog.isVisible() and dialog.feedback.isVisible(), "the refusal must stay where the clerk sees it"
    assert not booked and _bookings_of(sqlite_services, citizen_id) == 0
    assert "That time is taken" in dialog.feedback.text()
    # The times were read again: the time taken is no longer offered at that counter.
    offered = [dialog.times.item(n).data(Qt.ItemDataRole.UserRole) for n in range(dialog.times.count())]
    if starts_at in offered:
        dialog.times.setCurrentRow(offered.index(starts_at))
        assert counter_id not in [dialog.counter.itemData(n) for n in range(dialog.counter.count())]

    qtbot.keyClick(dialog.times, Qt.Key.Key_Escape)  # Esc closes
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected.value
    window.runner.wait_for_done()


def test_enter_typing_the_year_in_the_calendar_ends_the_year_and_books_nothing(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    window, dialog, citizen_id = _open_booking(qtbot, sqlite_services, "en")
    booked: list[Booking] = []
    dialog.booked.connect(booked.append)
    year_button = dialog.calendar.findChild(QToolButton, "qt_calendar_yearbutton")
    year_edit = dialog.calendar.findChild(QSpinBox)
    assert year_button is not None and year_edit is not None
    qtbot.mouseClick(year_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(year_edit.hasFocus)
    qtbot.keyClick(year_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not year_edit.isVisible())  # the year is set
    window.runner.wait_for_done()
    assert dialog.isVisible() and not booked and _bookings_of(sqlite_services, citizen_id) == 0
    dialog.reject()
    window.runner.wait_for_done()


def test_the_confirmation_is_in_the_language_chosen_for_the_citizen_not_the_windows(
    qtbot: QtBot, sqlite_services: Services, danish: None
) -> None:
    window, dialog, _citizen_id = _open_booking(qtbot, sqlite_services, "da")
    combo = _focus(qtbot, dialog, "language")
    assert isinstance(combo, QComboBox)
    assert combo.currentData() == "da"  # the window's language unless chosen otherwise
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # English
    assert combo.currentData() == "en"
    with qtbot.waitSignal(dialog.booked, timeout=10_000) as signal:
        qtbot.keyClick(combo, Qt.Key.Key_Return)
    viewer = _confirmation_shown(qtbot, window.lookup)
    window.runner.wait_for_done()
    booking = signal.args[0]
    folder = sqlite_services.booking.confirmations_dir
    assert folder is not None
    text = "".join(page.extract_text() for page in PdfReader(Path(folder) / f"{booking.booking_code}.pdf").pages)
    assert "Appointment confirmation" in text and "Bring valid photo ID" in text, text
    assert "Bekræftelse" not in text and "Medbring" not in text
    ics = (Path(folder) / f"{booking.booking_code}.ics").read_text(encoding="utf-8")
    assert "Booking code:" in ics and "Bookingkode" not in ics
    viewer.close()
    window.runner.wait_for_done()
