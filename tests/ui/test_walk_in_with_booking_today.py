"""F6 on a walk-in who turns out to have a booking later today: the walk-in dialog says so as the citizen is
found, and Enter serves them on that booking (checked in, the visit linked to it), not in a second, walk-in
visit beside a booking left BOOKED. A citizen booked only on another day is served as the walk-in they are."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.services.appointments import AppointmentRow
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Appointment, Citizen, QueueTicket, Visit
from tests.conftest import NOW, TODAY
from tests.integration.test_queue import _roomy_counter
from tests.ui.helpers import open_main_window
from ui.main_window import MainWindow
from ui.walk_in_dialog import WalkInDialog

COPENHAGEN = ZoneInfo("Europe/Copenhagen")  # the demo centre's zone


def _booked_later_today(services: Services, ctx: ClerkContext) -> tuple[AppointmentRow, str]:
    """A citizen with a CPR number whose one booking today is hours ahead, and that CPR number."""
    rows = services.appointments.day(ctx, TODAY)
    with services.db.read() as session:
        for row in rows:
            citizen = session.get(Citizen, row.citizen_id)
            assert citizen is not None
            if (row.status is AppointmentStatus.BOOKED and row.starts_at - NOW >= timedelta(hours=3)
                    and citizen.cpr is not None and sum(r.citizen_id == row.citizen_id for r in rows) == 1):
                return row, citizen.cpr
    raise AssertionError("the demo data has no such citizen")


def _booked_on_another_day_only(services: Services, ctx: ClerkContext) -> tuple[int, str]:
    today = {r.citizen_id for r in services.appointments.day(ctx, TODAY)}
    with services.db.read() as session:
        for appointment in session.scalars(
            select(Appointment).where(Appointment.status == AppointmentStatus.BOOKED).order_by(Appointment.id)
        ):
            citizen = session.get(Citizen, appointment.citizen_id)
            assert citizen is not None
            if citizen.id not in today and citizen.cpr is not None and appointment.starts_at.date() > TODAY:
                return citizen.id, citizen.cpr
    raise AssertionError("the demo data has no such citizen")


def _find_walk_in(
    qtbot: QtBot, services: Services, ctx: ClerkContext, window: MainWindow, cpr: str, service: str = "health_card"
) -> WalkInDialog:
    """A walk-in ticket drawn and called with F6; the clerk types the citizen's CPR number in the dialog."""
    services.queue.walk_in(ctx, service)
    panel = window.queue
    panel.counter.setCurrentIndex(panel.counter.findData(_roomy_counter(services, ctx, 10)))
    qtbot.keyClick(window.today.table, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(panel.counter, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: panel.walk_in_dialog is not None and panel.walk_in_dialog.isVisible())
    dialog = panel.walk_in_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.query, cpr)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.results.rowCount() == 1 and not dialog.calls.busy)  # off the UI thread
    return dialog


def _visits(services: Services, citizen_id: int) -> list[Visit]:
    with services.db.read() as session:
        return list(session.scalars(select(Visit).where(Visit.citizen_id == citizen_id)).all())


def test_a_walk_in_booked_later_today_is_told_and_served_on_the_booking(qtbot: QtBot, sqlite_services: Services) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = open_main_window(qtbot, sqlite_services, ctx)
    row, cpr = _booked_later_today(sqlite_services, ctx)
    at = row.starts_at.astimezone(COPENHAGEN).strftime("%H:%M")
    dialog = _find_walk_in(qtbot, sqlite_services, ctx, window, cpr, row.service_code)

    assert dialog.booking_note.isVisible()
    assert dialog.booking_note.text() == f"The citizen has an appointment today at {at} — served on the appointment, not as a walk-in."
    assert dialog.serve_button.text() == "S&erve on the appointment (Enter)"
    qtbot.keyClick(dialog.results_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.visit and window.visit.visit is not None)
    served = window.visit.visit
    assert served is not None and (served.citizen_id, served.appointment_id) == (row.citizen_id, row.id)
    [visit] = _visits(sqlite_services, row.citizen_id)
    assert (visit.id, visit.appointment_id) == (served.visit_id, row.id)
    with sqlite_services.db.read() as session:
        booking = session.get(Appointment, row.id)
        assert booking is not None and booking.status is AppointmentStatus.CHECKED_IN
        ticket = session.scalars(select(QueueTicket).where(QueueTicket.number == 1)).one()
        assert ticket.visit_id == served.visit_id
    window.runner.wait_for_done()


def test_the_booking_is_told_in_danish(qtbot: QtBot, sqlite_services: Services, danish: None) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = open_main_window(qtbot, sqlite_services, ctx, "da")
    row, cpr = _booked_later_today(sqlite_services, ctx)
    at = row.starts_at.astimezone(COPENHAGEN).strftime("%H:%M")
    dialog = _find_walk_in(qtbot, sqlite_services, ctx, window, cpr, row.service_code)
    assert dialog.booking_note.text() == f"Borgeren har en aftale i dag kl. {at} — betjenes på aftalen, ikke uden tid."
    assert dialog.serve_button.text() == "&Betjen på aftalen (Enter)"
    dialog.reject()
    window.runner.wait_for_done()


def test_a_walk_in_booked_only_on_another_day_is_served_as_a_walk_in(qtbot: QtBot, sqlite_services: Services) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = open_main_window(qtbot, sqlite_services, ctx)
    citizen_id, cpr = _booked_on_another_day_only(sqlite_services, ctx)
    with sqlite_services.db.read() as session:
        before = {a.id: a.status for a in session.scalars(select(Appointment).where(Appointment.citizen_id == citizen_id))}
    dialog = _find_walk_in(qtbot, sqlite_services, ctx, window, cpr)

    assert dialog.booking_note.isHidden() and dialog.booking_note.text() == ""  # nothing to tell
    assert dialog.serve_button.text() == "S&erve (Enter)"
    qtbot.keyClick(dialog.results_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.visit and window.visit.visit is not None)
    served = window.visit.visit
    assert served is not None and (served.citizen_id, served.appointment_id) == (citizen_id, None)
    with sqlite_services.db.read() as session:
        after = {a.id: a.status for a in session.scalars(select(Appointment).where(Appointment.citizen_id == citizen_id))}
    assert after == before and AppointmentStatus.BOOKED in after.values()
    window.runner.wait_for_done()


def _other_service(services: Services, code: str) -> tuple[str, str, str]:
    """Another service than `code`: its code and its Danish and English names."""
    from borgerservice_desk.storage.models import Service

    with services.db.read() as session:
        other = session.scalars(select(Service).where(Service.code != code).order_by(Service.id)).first()
        assert other is not None
        return other.code, other.name_da, other.name_en


def test_a_walk_in_for_another_errand_is_told_the_booking_stays(qtbot: QtBot, sqlite_services: Services) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = open_main_window(qtbot, sqlite_services, ctx)
    row, cpr = _booked_later_today(sqlite_services, ctx)
    at = row.starts_at.astimezone(COPENHAGEN).strftime("%H:%M")
    other, _da, _en = _other_service(sqlite_services, row.service_code)
    with sqlite_services.db.read() as session:
        booked_name = session.scalars(
            select(Appointment).where(Appointment.id == row.id)).one().service.name_en
    dialog = _find_walk_in(qtbot, sqlite_services, ctx, window, cpr, other)

    assert dialog.booking_note.isVisible()
    assert dialog.booking_note.text() == (
        f"The citizen also has an appointment today at {at} for {booked_name}. It stays booked: served now as a walk-in."
    )
    assert dialog.serve_button.text() == "S&erve (Enter)"
    qtbot.keyClick(dialog.results_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.visit and window.visit.visit is not None)
    served = window.visit.visit
    assert served is not None and (served.citizen_id, served.appointment_id) == (row.citizen_id, None)
    with sqlite_services.db.read() as session:
        booking = session.get(Appointment, row.id)
        assert booking is not None and booking.status is AppointmentStatus.BOOKED
    window.runner.wait_for_done()


def test_the_booking_that_stays_is_told_in_danish(qtbot: QtBot, sqlite_services: Services, danish: None) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = open_main_window(qtbot, sqlite_services, ctx, "da")
    row, cpr = _booked_later_today(sqlite_services, ctx)
    at = row.starts_at.astimezone(COPENHAGEN).strftime("%H:%M")
    other, _da, _en = _other_service(sqlite_services, row.service_code)
    with sqlite_services.db.read() as session:
        booked_name = session.scalars(
            select(Appointment).where(Appointment.id == row.id)).one().service.name_da
    dialog = _find_walk_in(qtbot, sqlite_services, ctx, window, cpr, other)
    assert dialog.booking_note.text() == (
        f"Borgeren har også en tid i dag kl. {at} til {booked_name}. Den bliver stående: betjenes nu uden tid."
    )
    assert dialog.serve_button.text() == "&Betjen (Enter)"
    dialog.reject()
    window.runner.wait_for_done()
