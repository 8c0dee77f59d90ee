"""No stale views or messages: a change to a citizen shows in every view that shows them, a message goes
when it no longer holds, and the controls stay where they are when a message comes."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.domain.mitid import IdentityState
from borgerservice_desk.services.context import ClerkContext
from tests.conftest import TODAY
from tests.support.journey import appointment_with_apps
from tests.ui.helpers import after_timers_due_within
from tests.ui.test_mitid_page import _act, _serve
from ui.lookup_panel import MODES
from ui.main_window import MainWindow


def test_find_citizen_shows_a_block_made_under_serving_without_a_new_search(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    candidate = appointment_with_apps(sqlite_services, clerk_ctx, TODAY, 1)
    lookup = window.lookup
    window.tabs.setCurrentWidget(lookup)
    lookup.mode.setCurrentIndex(MODES.index("cpr"))
    qtbot.keyClicks(lookup.query, str(candidate.citizen.cpr))
    qtbot.keyClick(lookup.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not lookup.loading)  # searched off the UI thread
    assert lookup.shown is not None and lookup.shown.id == candidate.citizen.id, lookup.feedback.text()
    assert lookup.mitid.overview is not None and lookup.mitid.overview.state is IdentityState.ACTIVE

    _serve(qtbot, window, candidate)
    _act(qtbot, window, "Ctrl+M")
    assert window.tabs.currentWidget() is window.visit  # Find citizen was not looked at again
    qtbot.waitUntil(
        lambda: lookup.mitid.overview is not None and lookup.mitid.overview.state is IdentityState.BLOCKED,
        timeout=10_000,
    )
    assert "BLOCKED" in lookup.mitid.state_label.text()


def test_already_checked_in_goes_when_another_appointment_is_chosen(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    today = window.today
    booked = [r for r in today.model.rows() if r.status is AppointmentStatus.BOOKED]
    first, second = booked[0], booked[1]
    assert today.select_appointment(first.id)
    # Another desk checks the citizen in; this list has not been read again yet.
    sqlite_services.appointments.check_in(clerk_ctx, first.id)
    today.poll.stop()
    today.check_in_selected()
    qtbot.waitUntil(lambda: "already checked in" in today.feedback.text())  # answered off the UI thread
    assert today.feedback.isVisible()
    assert today.select_appointment(second.id)
    assert not today.feedback.isVisible() and today.feedback.text() == ""


def test_an_error_about_an_appointment_goes_when_a_refresh_shows_it_changed(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    today = window.today
    today.poll.stop()
    first = next(r for r in today.model.rows() if r.status is AppointmentStatus.BOOKED)
    assert today.select_appointment(first.id)
    sqlite_services.appointments.check_in(clerk_ctx, first.id)
    today.check_in_selected()
    qtbot.waitUntil(lambda: "already checked in" in today.feedback.text())
    with qtbot.waitSignal(today.loaded, timeout=10_000):
        today.refresh()
    chosen = today.selected()
    assert chosen is not None and chosen.id == first.id
    assert not today.feedback.isVisible()


def test_an_informational_message_goes_by_itself_and_nothing_moves_for_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    queue = window.queue
    window.tabs.setCurrentWidget(queue)
    qtbot.waitUntil(lambda: queue.walk_in_button.isVisible())
    # Long enough that a loaded test machine cannot show and hide it between two looks (at 300 ms it once
    # did, with two test processes on two cores), short enough to wait for.
    queue.feedback.info_lifetime_ms = 2_000

    def place() -> QPoint:
        return queue.walk_in_button.mapTo(window, QPoint(0, 0))

    before = place()
    assert not queue.feedback.isVisible()
    qtbot.mouseClick(queue.walk_in_button, Qt.MouseButton.LeftButton)
    # The ticket is written off the UI thread; under load that alone can take seconds.
    qtbot.waitUntil(lambda: "Walk-in ticket" in queue.feedback.text(), timeout=15_000)
    assert queue.feedback.isVisible()
    qtbot.wait(10)  # let the layout settle as it would for a real message
    assert place() == before
    qtbot.waitUntil(lambda: not queue.feedback.isVisible(), timeout=10_000)
    assert place() == before


def test_an_error_stays_until_the_next_action(qtbot: QtBot, window: MainWindow) -> None:
    queue = window.queue
    window.tabs.setCurrentWidget(queue)
    queue.feedback.info_lifetime_ms = 50
    queue.arrival.setText("NO-SUCH-CODE")
    queue.arrive()
    qtbot.waitUntil(lambda: queue.feedback.property("kind") == "error")
    after_timers_due_within(qtbot, queue.feedback.info_lifetime_ms)  # an info message would be gone by now
    assert queue.feedback.isVisible()  # an error does not time out
    queue.feedback.info_lifetime_ms = 5_000  # the ticket's message, answered off the UI thread, stays to be read
    qtbot.mouseClick(queue.walk_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Walk-in ticket" in queue.feedback.text())
