"""Issue 11: F6 on a walk-in leads by keys to the Serving tab with the citizen found (item 1); another
clerk's open visit is taken over only after the clerk says yes, and that is recorded (item 12)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.storage.models import AuditEntry, Citizen, QueueTicket, Visit
from tests.conftest import NOW, TODAY
from tests.integration.test_queue import _roomy_counter
from tests.ui.helpers import open_main_window


def _citizen_with_cpr(services: Services) -> tuple[int, str, str]:
    with services.db.read() as session:
        citizen = session.scalars(select(Citizen).where(Citizen.cpr.is_not(None)).order_by(Citizen.id).limit(1)).one()
        assert citizen.cpr is not None
        return citizen.id, citizen.cpr, f"{citizen.given_names} {citizen.surname}"


def test_f6_on_a_walk_in_finds_the_citizen_and_serves_them_by_keys(qtbot: QtBot, sqlite_services: Services) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = open_main_window(qtbot, sqlite_services, ctx)
    citizen_id, cpr, name = _citizen_with_cpr(sqlite_services)
    panel = window.queue
    qtbot.keyClick(window.today.table, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    panel.service.setCurrentIndex(panel.service.findData("health_card"))
    qtbot.keyClick(panel.walk_in_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "Walk-in ticket 1" in panel.feedback.text())
    panel.counter.setCurrentIndex(panel.counter.findData(_roomy_counter(sqlite_services, ctx, 10)))
    qtbot.keyClick(panel.counter, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: panel.walk_in_dialog is not None and panel.walk_in_dialog.isVisible())
    dialog = panel.walk_in_dialog
    assert dialog is not None
    assert dialog.heading.text() == "Number 1 — find the citizen"
    assert dialog.query.hasFocus() or dialog.focusWidget() is dialog.query
    qtbot.keyClicks(dialog.query, cpr)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.calls.busy)  # searched off the UI thread
    assert dialog.results.rowCount() == 1 and dialog.query.text() == ""  # the typed CPR is not left on screen
    qtbot.keyClick(dialog.results_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.visit)
    served = window.visit.visit
    assert served is not None and served.citizen_id == citizen_id and served.appointment_id is None
    qtbot.waitUntil(lambda: name.split()[0] in window.visit.citizen_label.text())  # read off the UI thread
    assert not panel.no_show_button.isEnabled() and not panel.find_button.isEnabled()
    with sqlite_services.db.read() as session:
        ticket = session.scalars(select(QueueTicket).where(QueueTicket.number == 1)).one()
        assert ticket.visit_id == served.visit_id and ticket.citizen_id == citizen_id
    window.runner.wait_for_done()


def test_a_walk_in_ticket_that_names_its_citizen_opens_the_visit_at_once(qtbot: QtBot, sqlite_services: Services) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = open_main_window(qtbot, sqlite_services, ctx)
    citizen_id, _cpr, _name = _citizen_with_cpr(sqlite_services)
    sqlite_services.queue.walk_in(ctx, "health_card", citizen_id)
    panel = window.queue
    panel.counter.setCurrentIndex(panel.counter.findData(_roomy_counter(sqlite_services, ctx, 10)))
    qtbot.keyClick(window.today.table, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(panel.counter, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.visit)
    assert window.visit.visit is not None and window.visit.visit.citizen_id == citizen_id
    assert panel.walk_in_dialog is None
    window.runner.wait_for_done()


def _visit_opened_by_clerk(services: Services) -> tuple[int, int]:
    clerk = services.auth.sign_in("clerk", "demo")
    row = next(
        r for r in services.appointments.day(clerk, TODAY)
        if r.status is AppointmentStatus.BOOKED and abs(r.starts_at - NOW) <= timedelta(hours=2)
    )
    return row.id, services.appointments.check_in(clerk, row.id).visit_id


def test_another_clerk_s_visit_is_taken_over_only_after_asking(qtbot: QtBot, sqlite_services: Services) -> None:
    appointment_id, visit_id = _visit_opened_by_clerk(sqlite_services)
    supervisor = sqlite_services.auth.sign_in("supervisor", "demo")
    window = open_main_window(qtbot, sqlite_services, supervisor)
    today = window.today
    qtbot.waitUntil(lambda: today.select_appointment(appointment_id))

    # Asked, and answered no: nothing is opened and nothing changes.
    qtbot.keyClick(today.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: today.take_over_box is not None and today.take_over_box.isVisible())
    box = today.take_over_box
    assert box is not None and "The visit was opened by" in box.text() and "Take it over?" in box.text()
    clerk_name = sqlite_services.auth.sign_in("clerk", "demo").full_name
    assert clerk_name in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the default answer is no
    qtbot.waitUntil(lambda: today.take_over_box is None)
    assert window.visit.visit is None and window.tabs.currentWidget() is today

    # Asked again, and answered yes: the visit opens here and the take-over is recorded.
    qtbot.keyClick(today.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: today.take_over_box is not None and today.take_over_box.isVisible())
    box = today.take_over_box
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.visit)
    assert window.visit.visit is not None and window.visit.visit.visit_id == visit_id
    with sqlite_services.db.read() as session:
        visit = session.get(Visit, visit_id)
        assert visit is not None and visit.clerk_id == supervisor.clerk_id
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "visit.take_over")).all()
        assert entry.clerk_id == supervisor.clerk_id and entry.detail["from_clerk"] == "clerk"
    window.runner.wait_for_done()


def test_one_s_own_visit_is_taken_up_again_without_a_question(qtbot: QtBot, sqlite_services: Services) -> None:
    appointment_id, visit_id = _visit_opened_by_clerk(sqlite_services)
    window = open_main_window(qtbot, sqlite_services, sqlite_services.auth.sign_in("clerk", "demo"))
    qtbot.waitUntil(lambda: window.today.select_appointment(appointment_id))
    qtbot.keyClick(window.today.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.visit)
    assert window.visit.visit is not None and window.visit.visit.visit_id == visit_id
    assert window.today.take_over_box is None
    window.runner.wait_for_done()


def test_the_walk_in_dialog_and_the_take_over_question_speak_danish(
    qtbot: QtBot, sqlite_services: Services, danish: None
) -> None:
    from borgerservice_desk.services.queue import Called
    from ui.walk_in_dialog import WalkInDialog

    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    dialog = WalkInDialog(sqlite_services, ctx, Called(1, 1, "Skranke 1", None, None))
    qtbot.addWidget(dialog)
    assert dialog.heading.text() == "Nummer 1 — find borgeren"
    assert dialog.serve_button.text() == "&Betjen (Enter)"
    appointment_id, _visit_id = _visit_opened_by_clerk(sqlite_services)
    window = open_main_window(qtbot, sqlite_services, sqlite_services.auth.sign_in("supervisor", "demo"), "da")
    qtbot.waitUntil(lambda: window.today.select_appointment(appointment_id))
    qtbot.keyClick(window.today.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.today.take_over_box is not None)
    box = window.today.take_over_box
    assert box is not None and box.text() == f"Besøget er åbnet af {ctx.full_name}. Overtag det?"
    box.reject()
    window.runner.wait_for_done()
