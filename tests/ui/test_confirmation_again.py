"""Ctrl+P on a booking in the Today list prints its confirmation again: the citizen lost it, or it could not
be written when the time was booked. Only for a time the citizen still has."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import AppointmentStatus
from tests.conftest import NOW, TODAY
from tests.ui.helpers import open_main_window
from ui.booking_dialog import BookingDialog

COPENHAGEN = ZoneInfo("Europe/Copenhagen")  # the demo centre's zone


def test_ctrl_p_on_a_booking_shows_its_confirmation_to_print_again(qtbot: QtBot, sqlite_services: Services) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = open_main_window(qtbot, sqlite_services, ctx)
    today = window.today
    row = next(r for r in sqlite_services.appointments.day(ctx, TODAY)
               if r.status is AppointmentStatus.BOOKED and r.starts_at > NOW + timedelta(hours=1))
    folder = sqlite_services.booking.confirmations_dir
    assert folder is not None and not (Path(folder) / f"{row.booking_code}.pdf").exists()  # seeded, never handed out
    today.table.setFocus()
    assert today.select_appointment(row.id)
    qtbot.keyClick(today.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: today.confirmation_viewer is not None and today.confirmation_viewer.isVisible())
    viewer = today.confirmation_viewer
    assert viewer is not None and viewer.windowTitle() == f"Booking confirmation {row.booking_code}"
    pdf = Path(folder) / f"{row.booking_code}.pdf"
    assert viewer.path == pdf and (Path(folder) / f"{row.booking_code}.ics").exists()
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert row.booking_code in text and row.starts_at.astimezone(COPENHAGEN).strftime("%H:%M") in text
    viewer.reject()
    window.runner.wait_for_done()


def test_no_confirmation_for_a_time_the_citizen_no_longer_has(qtbot: QtBot, sqlite_services: Services) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = open_main_window(qtbot, sqlite_services, ctx)
    today = window.today
    rows = sqlite_services.appointments.day(ctx, TODAY)
    missed = next(r for r in rows if r.status is AppointmentStatus.BOOKED and r.starts_at <= NOW - timedelta(minutes=30))
    today.table.setFocus()
    assert today.select_appointment(missed.id)
    qtbot.keyClick(today.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "late window has passed: no confirmation is written" in today.feedback.text())
    window.runner.wait_for_done()
    assert today.confirmation_viewer is None

    done = next(r for r in rows if r.status is AppointmentStatus.BOOKED and abs(r.starts_at - NOW) <= timedelta(minutes=5))
    sqlite_services.appointments.check_in(ctx, done.id)  # at another desk: served now, the time used
    today.refresh()
    qtbot.waitUntil(lambda: today.select_appointment(done.id) and today.selected() is not None
                    and today.selected().status is AppointmentStatus.CHECKED_IN)  # type: ignore[union-attr]
    qtbot.keyClick(today.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert today.feedback.text() == "Choose a booked appointment to print its confirmation."
    assert today.confirmation_viewer is None
    folder = sqlite_services.booking.confirmations_dir
    assert folder is not None
    assert not (Path(folder) / f"{missed.booking_code}.pdf").exists()
    assert not (Path(folder) / f"{done.booking_code}.pdf").exists()


def test_the_confirmation_button_speaks_danish(qtbot: QtBot, sqlite_services: Services, danish: None) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = open_main_window(qtbot, sqlite_services, ctx, "da")
    assert window.today.confirmation_button.text() == "Bekræftelse (Ctrl+P)"
    window.runner.wait_for_done()


def test_a_danish_desk_prints_the_confirmation_again_in_the_citizens_english(
    qtbot: QtBot, sqlite_services: Services, danish: None
) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = open_main_window(qtbot, sqlite_services, ctx, "da")
    today = window.today
    row = next(r for r in sqlite_services.appointments.day(ctx, TODAY)
               if r.status is AppointmentStatus.BOOKED and r.starts_at > NOW + timedelta(hours=1))
    assert today.confirmation_language.currentText() == "Dansk"  # the window's, until the clerk chooses
    # The clerk chooses English first (as a clerk does: Alt+Down, Down, Enter), then the booking.
    today.confirmation_language.setFocus()
    qtbot.keyClick(today.confirmation_language, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = today.confirmation_language.view()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert today.confirmation_language.currentData() == "en"
    today.table.setFocus()
    assert today.select_appointment(row.id)
    assert today.confirmation_language.currentData() == "en"  # none written for it: the clerk's choice stands
    qtbot.keyClick(today.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: today.confirmation_viewer is not None and today.confirmation_viewer.isVisible())
    viewer = today.confirmation_viewer
    assert viewer is not None
    text = "".join(page.extract_text() for page in PdfReader(viewer.path).pages)
    assert "Appointment confirmation" in text and "Bekræftelse" not in text
    assert viewer.windowTitle() == f"Bekræftelse af tidsbestilling {row.booking_code}"  # the clerk's window
    viewer.reject()
    window.runner.wait_for_done()


def test_a_booking_whose_confirmation_was_in_english_is_printed_and_moved_in_english_again(
    qtbot: QtBot, sqlite_services: Services, danish: None
) -> None:
    """The booking keeps its confirmation's language: chosen again in the Today list when the booking is,
    and in the move dialog, so a Danish desk need not remember the citizen read English. Another booking
    gets the window's language."""
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    later = [r for r in sqlite_services.appointments.day(ctx, TODAY)
             if r.status is AppointmentStatus.BOOKED and r.starts_at > NOW + timedelta(hours=1)]
    english, other = later[0], later[1]
    sqlite_services.booking.write_confirmation(ctx, english.id, language="en")  # booked in English before
    window = open_main_window(qtbot, sqlite_services, ctx, "da")
    today = window.today
    today.table.setFocus()
    assert today.select_appointment(other.id)
    assert today.confirmation_language.currentData() == "da"
    assert today.select_appointment(english.id)
    assert today.confirmation_language.currentData() == "en"
    qtbot.keyClick(today.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: today.confirmation_viewer is not None and today.confirmation_viewer.isVisible())
    viewer = today.confirmation_viewer
    assert viewer is not None
    assert "Appointment confirmation" in "".join(page.extract_text() for page in PdfReader(viewer.path).pages)
    viewer.reject()
    assert today.select_appointment(other.id)
    assert today.confirmation_language.currentData() == "da"
    # Printed in English at another desk: the next refresh shows it, and the box follows.
    sqlite_services.booking.write_confirmation(ctx, other.id, language="en")
    today.refresh()
    qtbot.waitUntil(lambda: today.confirmation_language.currentData() == "en")
    assert today.selected() is not None and today.selected().id == other.id  # type: ignore[union-attr]

    selected = next(r for r in sqlite_services.appointments.day(ctx, TODAY) if r.id == english.id)
    dialog = BookingDialog.for_move(sqlite_services, ctx, window.runner, selected, "da", window)
    qtbot.addWidget(dialog)
    assert dialog.confirmation_language.currentData() == "en"
    dialog.reject()
    window.runner.wait_for_done()
