"""The Today list's keys: Delete asks before cancelling and a stray Enter keeps the booking; Enter on
another citizen while a visit is open finishes that visit first (after a question), but taking up the
visit already open asks nothing."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.storage.models import Appointment, Citizen, Visit
from tests.conftest import NOW, TODAY
from tests.ui.test_queue_panel import _shown_window


def test_delete_then_enter_on_the_day_list_keeps_the_booking(qtbot: QtBot, sqlite_services: Services) -> None:
    ctx, window = _shown_window(qtbot, sqlite_services)
    row = next(r for r in sqlite_services.appointments.day(ctx, TODAY)
               if r.status is AppointmentStatus.BOOKED and r.starts_at > NOW + timedelta(hours=1))
    window.today.table.setFocus()
    assert window.today.select_appointment(row.id)
    asked: list[str] = []

    def enter() -> None:  # the clerk's next Enter, meant for the list (check in)
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(200, enter)
    qtbot.keyClick(window.today.table, Qt.Key.Key_Delete)
    window.runner.wait_for_done()
    assert asked and row.citizen_name in asked[0]
    with sqlite_services.db.read() as session:
        appointment = session.get(Appointment, row.id)
        assert appointment is not None and appointment.status is AppointmentStatus.BOOKED


def test_enter_on_another_citizen_with_a_visit_open_finishes_it_first(qtbot: QtBot, sqlite_services: Services) -> None:
    ctx, window = _shown_window(qtbot, sqlite_services)
    first, second = [r for r in sqlite_services.appointments.day(ctx, TODAY)
                     if r.status is AppointmentStatus.BOOKED and abs(r.starts_at - NOW) <= timedelta(minutes=5)][:2]
    today = window.today
    today.select_appointment(first.id)
    today.check_in_selected()
    qtbot.waitUntil(lambda: window.visit.visit is not None)
    window.runner.wait_for_done()
    serving = window.visit.visit
    assert serving is not None

    # Taking up the visit already open asks nothing.
    qtbot.waitUntil(lambda: today.select_appointment(first.id) and today.selected() is not None
                    and today.selected().visit_id == serving.visit_id)  # type: ignore[union-attr]
    today.check_in_selected()
    window.runner.wait_for_done()
    assert window.desk.next_citizen_question is None and window.visit.visit == serving

    assert today.select_appointment(second.id)
    today.check_in_selected()
    qtbot.waitUntil(lambda: window.desk.next_citizen_question is not None)
    box = window.desk.next_citizen_question
    assert box is not None
    finish = box.findChild(QAbstractButton, "finishAndGoOn")
    assert finish is not None
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.visit.visit is not None and window.visit.visit.appointment_id == second.id,
                    timeout=5000)
    window.runner.wait_for_done()
    with sqlite_services.db.read() as session:
        visit = session.get(Visit, serving.visit_id)
        assert visit is not None and visit.ended_at is not None


def test_enter_on_next_week_s_booking_in_the_week_view_says_so_and_keeps_it(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    """The clerk browsing next week presses Enter on a booking (stop 33): no visit opens today, the booking
    stays booked for its day, and the line says whose day it is and what to do instead."""
    ctx, window = _shown_window(qtbot, sqlite_services)
    with sqlite_services.db.read() as session:
        citizen_id = session.scalars(
            select(Citizen.id).where(Citizen.id.not_in(select(Appointment.citizen_id))).order_by(Citizen.id)
        ).first()
    assert citizen_id is not None
    free = sqlite_services.booking.next_free(ctx, "mitid", limit=1, earliest=NOW + timedelta(days=7))[0]
    booking = sqlite_services.booking.book(ctx, citizen_id, "mitid", free.starts_at)
    today = window.today
    qtbot.mouseClick(today.week, Qt.MouseButton.LeftButton)
    qtbot.keyClick(today.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: today.select_appointment(booking.appointment_id))
    today.table.setFocus()
    qtbot.keyClick(today.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not today" in today.feedback.text())
    window.runner.wait_for_done()
    assert free.starts_at.astimezone(sqlite_services.appointments.centre_zone(ctx.centre_id)).strftime(
        "%d-%m-%Y") in today.feedback.text()
    assert window.visit.visit is None and window.tabs.currentWidget() is today
    with sqlite_services.db.read() as session:
        appointment = session.get(Appointment, booking.appointment_id)
        assert appointment is not None and appointment.status is AppointmentStatus.BOOKED
        assert not session.scalars(select(Visit).where(Visit.appointment_id == booking.appointment_id)).first()
