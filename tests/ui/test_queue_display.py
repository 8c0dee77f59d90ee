"""The public queue display, the waiting counts in the queue tab, and statistics that load on first show."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Citizen
from tests.conftest import NOW, TODAY
from ui.main_window import MainWindow
from ui.queue_display import QueueDisplay


def _roomy_counter(services: Services, ctx: ClerkContext, minutes: int = 15) -> int:
    soon = {
        int(r.counter.split()[-1])
        for r in services.appointments.day(ctx, TODAY)
        if r.status is AppointmentStatus.BOOKED and NOW < r.starts_at < NOW + timedelta(minutes=minutes)
    }
    return next(c for c in (1, 2, 3, 4) if c not in soon)


def _display_texts(display: QWidget) -> str:
    return " | ".join(label.text() for label in display.findChildren(QLabel)) + " | " + display.windowTitle()


def test_a_new_call_comes_on_top_with_its_counter_and_chimes_once(
    qtbot: QtBot, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    queue = sqlite_services.queue
    # One call before the display opens: shown, but no chime for it.
    queue.walk_in(clerk_ctx, "health_card", citizen_id=None)
    counter_id = _roomy_counter(sqlite_services, clerk_ctx)
    first = queue.call_next(clerk_ctx, counter_id)
    assert first is not None
    display = QueueDisplay(queue, queue.open_display(clerk_ctx), sound=False, poll_ms=60_000)
    qtbot.addWidget(display)
    chimes: list[int] = []
    display.chime_requested.connect(chimes.append)
    qtbot.waitUntil(lambda: bool(display.calls))
    assert display.rows[0][1].text() == str(first.number) and display.rows[0][2].text() == first.counter
    assert chimes == []

    # A walk-in named by its ticket (a late arrival's is): the display must still show only the number.
    with sqlite_services.db.read() as session:
        citizen = session.scalars(select(Citizen).where(Citizen.cpr.is_not(None))).first()
        assert citizen is not None
        name, surname, cpr = citizen.given_names, citizen.surname, citizen.cpr
    queue.walk_in(clerk_ctx, "health_card", citizen_id=citizen.id)
    second = queue.call_next(clerk_ctx, counter_id)
    assert second is not None and second.citizen_id == citizen.id
    display.poll()
    qtbot.waitUntil(lambda: display.rows[0][1].text() == str(second.number))
    assert display.rows[0][2].text() == second.counter
    assert display.rows[1][1].text() == str(first.number)
    assert chimes == [second.number]
    texts = _display_texts(display)
    assert name not in texts and surname not in texts and cpr is not None and cpr[:6] not in texts

    # A refresh without news: no chime.
    display.poll()
    qtbot.waitUntil(lambda: not display.runner.busy)  # the poll's answer has been handed to the display
    assert chimes == [second.number]
    display.close()


def test_the_display_stays_silent_and_shows_an_empty_board_without_calls(
    qtbot: QtBot, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    queue = sqlite_services.queue
    display = QueueDisplay(queue, queue.open_display(clerk_ctx), sound=True, poll_ms=60_000)
    qtbot.addWidget(display)
    display.show()
    display.runner.wait_for_done()
    qtbot.waitUntil(lambda: display.empty.isVisible() == (not display.calls))
    display.chime_requested.emit(1)  # no audio device here: nothing raised, nothing heard
    display.close()


def test_the_menu_opens_the_display_and_the_desks_lock_leaves_it_showing(
    qtbot: QtBot, window: MainWindow
) -> None:
    action = window.findChild(type(window.close_display_action), "queueDisplayAction")
    assert action is not None
    action.trigger()
    qtbot.waitUntil(lambda: window.queue_display is not None and window.queue_display.isVisible())
    display = window.queue_display
    assert display is not None and display.parent() is None
    window.lock_manually()
    assert window.locked and display.isVisible()
    window.close_queue_display()
    qtbot.waitUntil(lambda: window.queue_display is None)


def test_the_queue_tab_shows_how_many_wait_per_service(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    panel = window.queue
    window.desk.show_tab(3)

    def waiting() -> dict[str, int]:
        table = panel.waiting
        return {
            table.item(r, 0).text(): int(table.item(r, 1).text())
            for r in range(table.rowCount()) if table.item(r, 0) and table.item(r, 1)
        }

    qtbot.waitUntil(lambda: bool(waiting()))
    before = waiting()
    assert "Health card" in before and "Passport" in before
    panel.service.setCurrentIndex(panel.service.findData("passport"))
    panel.walk_in_button.click()
    qtbot.waitUntil(lambda: not panel.calls.busy)  # one ticket at a time: the button waits for the first
    panel.walk_in_button.click()
    qtbot.waitUntil(lambda: waiting().get("Passport") == before["Passport"] + 2)
    assert panel.waiting_total.text() == f"{sum(before.values()) + 2} waiting in all"
    # Another desk's walk-in shows at the next poll.
    sqlite_services.queue.walk_in(clerk_ctx, "health_card")
    panel.refresh()
    qtbot.waitUntil(lambda: waiting().get("Health card") == before["Health card"] + 1)


def test_statistics_load_when_the_tab_is_first_shown(qtbot: QtBot, window: MainWindow) -> None:
    statistics = window.statistics
    assert not statistics.loaded_once and statistics.model.rowCount() == 0
    window.desk.show_tab(4)
    qtbot.waitUntil(lambda: statistics.model.rowCount() > 0, timeout=10_000)
    assert statistics.loaded_once
    QApplication.processEvents()
