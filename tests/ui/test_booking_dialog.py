"""Booking from the citizen look-up: service, next free times, book, confirmation shown and saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.storage.models import Appointment, Citizen
from tests.conftest import NOW
from ui.booking_dialog import BookingDialog
from ui.main_window import MainWindow


def test_book_the_first_free_passport_time_for_a_citizen(qtbot: QtBot, sqlite_services: Services) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    with sqlite_services.db.read() as session:
        citizen = session.scalars(
            select(Citizen).where(Citizen.cpr.is_not(None), Citizen.id.not_in(select(Appointment.citizen_id)))
        ).first()
        assert citizen is not None and citizen.cpr is not None
        cpr = citizen.cpr
    window = MainWindow(sqlite_services, ctx, "en")
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    window.tabs.setCurrentWidget(window.lookup)
    qtbot.keyClicks(window.lookup.query, cpr)
    qtbot.keyClick(window.lookup.query, Qt.Key.Key_Return)
    assert window.lookup.book_button.isEnabled()
    qtbot.keyClick(window.lookup.query, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = window.lookup.findChild(BookingDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.service.setCurrentIndex(dialog.service.findData("passport"))
    assert dialog.times.count() == 12
    first = dialog.times.item(0).data(Qt.ItemDataRole.UserRole)[0]
    assert first >= NOW
    with qtbot.waitSignal(dialog.booked, timeout=10_000) as booked:
        qtbot.mouseClick(dialog.book_button, Qt.MouseButton.LeftButton)
    booking = booked.args[0]
    assert booking.starts_at == first and booking.service_code == "passport"
    folder = sqlite_services.archive.root.parent / "confirmations"
    qtbot.waitUntil(lambda: (folder / f"{booking.booking_code}.ics").exists(), timeout=10_000)
    assert (folder / f"{booking.booking_code}.pdf").read_bytes().startswith(b"%PDF")
    window.runner.wait_for_done()
