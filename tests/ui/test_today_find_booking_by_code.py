"""The citizen quotes the booking code from the confirmation to move or cancel a booking: the clerk types it
in the Today tab's filter as heard (lower case, a stray space) and presses Enter. A booking on another day
than the one on screen is asked of the service, and the list goes to its day (or week) with it chosen and
the focus on it, ready for F2, Delete or Enter; a code that is nowhere says so."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.services.booking import Booking
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Appointment, AuditEntry
from tests.conftest import NOW, TODAY
from tests.integration.test_booking import _citizens
from tests.ui.helpers import back_to_window, open_main_window, when_modal_opens
from ui.booking_dialog import BookingDialog
from ui.main_window import MainWindow

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def _booked_in_three_weeks(services: Services, ctx: ClerkContext) -> Booking:
    (citizen,) = _citizens(services, 1)
    at = datetime.combine(TODAY + timedelta(days=21), time(10), COPENHAGEN)
    return services.booking.book(ctx, citizen, "mitid", at.astimezone(UTC))


def _day_of(booking: Booking) -> date:
    return booking.starts_at.astimezone(COPENHAGEN).date()


def _type_in_filter(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """What the clerk hears, typed into the filter, and Enter."""
    today = window.today
    today.filter.setFocus()
    qtbot.keyClicks(today.filter, text)
    qtbot.keyClick(today.filter, Qt.Key.Key_Return)


def _chosen(window: MainWindow, appointment_id: int) -> bool:
    chosen = window.today.selected()
    return chosen is not None and chosen.id == appointment_id


def _citizen_of(services: Services, booking: Booking) -> int:
    with services.db.read() as session:
        appointment = session.get(Appointment, booking.appointment_id)
        assert appointment is not None
        return appointment.citizen_id


def _look_ups(services: Services) -> list[AuditEntry]:
    with services.db.read() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == "appointment.lookup_code")))


def test_a_code_three_weeks_ahead_goes_to_its_day_chosen_for_delete_enter_and_f2(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    booking = _booked_in_three_weeks(sqlite_services, ctx)
    window = open_main_window(qtbot, sqlite_services, ctx)
    today = window.today

    _type_in_filter(qtbot, window, booking.booking_code.lower() + " ")
    qtbot.waitUntil(lambda: _chosen(window, booking.appointment_id))
    assert today.day == _day_of(booking) and not today.week.isChecked()
    assert {r.starts_at.astimezone(COPENHAGEN).date() for r in today.model.rows()} == {_day_of(booking)}
    assert today.table.hasFocus() and today.filter.text() == booking.booking_code
    [entry] = _look_ups(sqlite_services)
    assert (entry.clerk_id, entry.citizen_id, entry.outcome) == (ctx.clerk_id, _citizen_of(sqlite_services, booking), "ok")

    # Delete asks to cancel this citizen's booking (No keeps it).
    asked: list[str] = []

    def answer_no(box: object) -> None:
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.No).click()

    when_modal_opens(qtbot, answer_no)
    qtbot.keyClick(today.table, Qt.Key.Key_Delete)
    chosen = today.selected()
    assert chosen is not None and asked and chosen.citizen_name in asked[0]
    back_to_window(qtbot, window)

    # Enter checks in, which is refused plainly: it is not today.
    today.table.setFocus()
    qtbot.keyClick(today.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not today" in today.feedback.text())
    window.runner.wait_for_done()
    assert window.visit.visit is None

    # F2 moves it.
    qtbot.keyClick(today.table, Qt.Key.Key_F2)
    dialog = today.findChild(BookingDialog)
    assert dialog is not None and dialog.windowTitle() == "Move the booking"
    dialog.reject()
    QApplication.processEvents()
    window.runner.wait_for_done()
    with sqlite_services.db.read() as session:
        appointment = session.get(Appointment, booking.appointment_id)
        assert appointment is not None and appointment.status is AppointmentStatus.BOOKED


def test_in_the_week_view_a_code_goes_to_its_week(qtbot: QtBot, sqlite_services: Services) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    booking = _booked_in_three_weeks(sqlite_services, ctx)
    window = open_main_window(qtbot, sqlite_services, ctx)
    today = window.today
    qtbot.mouseClick(today.week, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: today.title.text().startswith("Week 48"))
    window.runner.wait_for_done()

    _type_in_filter(qtbot, window, booking.booking_code.lower())
    qtbot.waitUntil(lambda: _chosen(window, booking.appointment_id))
    day = _day_of(booking)
    monday = day - timedelta(days=day.weekday())
    assert today.week.isChecked() and today.title.text().startswith(f"Week {day.isocalendar().week:02d}")
    with sqlite_services.db.read() as session:
        in_week = set(session.scalars(select(Appointment.id).where(
            Appointment.starts_at >= datetime.combine(monday, time.min, COPENHAGEN).astimezone(UTC),
            Appointment.starts_at < datetime.combine(monday + timedelta(days=7), time.min, COPENHAGEN).astimezone(UTC),
            Appointment.status != AppointmentStatus.CANCELLED,
        )))
    today.filter.clear()  # the whole week is loaded, not only the booking the filter still shows
    assert {r.id for r in today.model.rows()} == in_week
    window.runner.wait_for_done()


def test_a_code_of_another_counters_booking_shows_all_counters(qtbot: QtBot, sqlite_services: Services) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    booking = _booked_in_three_weeks(sqlite_services, ctx)
    window = open_main_window(qtbot, sqlite_services, ctx)
    today = window.today
    other = next(i for i in range(1, today.counter.count()) if today.counter.itemData(i) != booking.counter_id)
    today.counter.setCurrentIndex(other)
    qtbot.waitUntil(lambda: {r.counter for r in today.model.rows()} == {today.counter.itemText(other)})
    window.runner.wait_for_done()

    _type_in_filter(qtbot, window, booking.booking_code.lower())
    qtbot.waitUntil(lambda: _chosen(window, booking.appointment_id))
    assert today.counter.currentData() is None  # all counters
    window.runner.wait_for_done()


def test_a_code_on_the_day_shown_typed_with_a_space_is_chosen_without_asking(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = open_main_window(qtbot, sqlite_services, ctx)
    today = window.today
    later = next(r for r in sqlite_services.appointments.day(ctx, TODAY)
                 if r.status is AppointmentStatus.BOOKED and r.starts_at > NOW + timedelta(hours=1))
    window.runner.wait_for_done()

    _type_in_filter(qtbot, window, f" {later.booking_code.lower()} ")
    assert _chosen(window, later.id) and today.table.hasFocus()
    assert today.day == TODAY
    window.runner.wait_for_done()
    assert _look_ups(sqlite_services) == []  # the day's list already named the citizen


def test_a_code_that_is_nowhere_says_so_in_danish_and_stays_on_the_day(
    qtbot: QtBot, sqlite_services: Services, danish: None
) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    with sqlite_services.db.read() as session:
        used = set(session.scalars(select(Appointment.booking_code)))
    nobody = next(code for code in ("ZZZZZZ", "ZZZZZY", "ZZZZZX") if code not in used)
    window = open_main_window(qtbot, sqlite_services, ctx, "da")
    today = window.today
    rows = today.model.rows()

    _type_in_filter(qtbot, window, nobody.lower())
    qtbot.waitUntil(lambda: today.feedback.text() == f"Ingen aftale med bookingkoden {nobody}.")
    assert today.day == TODAY and today.model.rows() == rows
    assert today.filter.hasFocus() and today.filter.selectedText() == nobody.lower()  # typed over next
    window.runner.wait_for_done()
    [entry] = _look_ups(sqlite_services)
    assert (entry.citizen_id, entry.outcome, entry.detail["booking_code"]) == (None, "not_found", nobody)
