"""The Queue tab and the citizen at the counter: a booked citizen called and served is no no-show, F6
with a visit still open finishes it first (after a question), and the desk's counter is remembered."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox
from pytestqt.qtbot import QtBot

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.services.appointments import AppointmentRow
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Visit
from tests.conftest import NOW, TODAY
from tests.ui.helpers import open_main_window
from tests.ui.test_queue_panel import _shown_window
from ui.main_window import MainWindow


def _due_now(services: Services, ctx: ClerkContext) -> list[AppointmentRow]:
    return [
        r for r in services.appointments.day(ctx, TODAY)
        if r.status is AppointmentStatus.BOOKED and abs(r.starts_at - NOW) <= timedelta(minutes=5)
    ]


def _call(qtbot: QtBot, window: MainWindow, counter: str) -> None:
    panel = window.queue
    qtbot.waitUntil(lambda: panel.ready)
    panel.counter.setCurrentIndex(panel.counter.findText(counter))
    panel.call_next()


def _ended(services: Services, visit_id: int) -> bool:
    with services.db.read() as session:
        visit = session.get(Visit, visit_id)
        assert visit is not None
        return visit.ended_at is not None


def test_the_no_show_button_goes_off_once_the_called_booked_citizen_is_served(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    ctx, window = _shown_window(qtbot, sqlite_services)
    row = _due_now(sqlite_services, ctx)[0]
    sqlite_services.queue.arrive(ctx, booking_code=row.booking_code)
    _call(qtbot, window, row.counter)
    qtbot.waitUntil(lambda: window.visit.visit is not None and window.visit.visit.appointment_id == row.id)
    window.runner.wait_for_done()
    assert not window.queue.no_show_button.isEnabled()


def test_f6_with_a_visit_open_asks_and_finishes_it_before_calling_the_next(qtbot: QtBot, sqlite_services: Services) -> None:
    ctx, window = _shown_window(qtbot, sqlite_services)
    first, second = _due_now(sqlite_services, ctx)[:2]
    window.today.select_appointment(first.id)
    window.today.check_in_selected()
    qtbot.waitUntil(lambda: window.visit.visit is not None)
    window.runner.wait_for_done()
    serving = window.visit.visit
    assert serving is not None
    sqlite_services.queue.arrive(ctx, booking_code=second.booking_code)

    _call(qtbot, window, second.counter)
    qtbot.waitUntil(lambda: window.desk.next_citizen_question is not None)
    box = window.desk.next_citizen_question
    assert box is not None and box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.desk.next_citizen_question is None)
    window.runner.wait_for_done()
    # Not asked to go on: nobody is called, and the visit stays open on screen.
    assert window.visit.visit == serving and not _ended(sqlite_services, serving.visit_id)
    assert sum(w.waiting for w in sqlite_services.queue.waiting_per_service(ctx)) == 1

    window.queue.call_next()
    qtbot.waitUntil(lambda: window.desk.next_citizen_question is not None)
    box = window.desk.next_citizen_question
    assert box is not None
    finish = box.findChild(QAbstractButton, "finishAndGoOn")
    assert finish is not None
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.visit.visit is not None and window.visit.visit.appointment_id == second.id,
                    timeout=5000)
    window.runner.wait_for_done()
    assert _ended(sqlite_services, serving.visit_id)


def test_the_desks_counter_is_chosen_again_at_the_next_sign_in(qtbot: QtBot, sqlite_services: Services) -> None:
    first = open_main_window(qtbot, sqlite_services, sqlite_services.auth.sign_in("clerk", "demo"))
    assert first.queue.counter.currentText() == "Skranke 1"  # nothing remembered yet: the first
    first.queue.counter.setCurrentIndex(first.queue.counter.findText("Skranke 3"))
    first.runner.wait_for_done()
    first.close()

    # The next clerk at this PC (after a restart, or signing in after the first).
    second = open_main_window(qtbot, sqlite_services, sqlite_services.auth.sign_in("supervisor", "demo"))
    assert second.queue.counter.currentText() == "Skranke 3"
    second.runner.wait_for_done()
