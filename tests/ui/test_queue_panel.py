"""The queue tab: arrival by booking code, calling the next to this counter, the now-serving board."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.services.context import ClerkContext
from tests.conftest import NOW, TODAY
from tests.ui.helpers import back_to_window
from ui.main_window import MainWindow


def _shown_window(qtbot: QtBot, services: Services) -> tuple[ClerkContext, MainWindow]:
    """The demo clerk's window, shown and active (keys reach it), with today's list in."""
    ctx = services.auth.sign_in("clerk", "demo")
    window = MainWindow(services, ctx, "en")
    qtbot.addWidget(window)
    window.show()
    back_to_window(qtbot, window)
    qtbot.waitUntil(lambda: window.today.model.rowCount() > 0)
    return ctx, window


def test_arrival_then_call_next_opens_the_visit_and_the_board_shows_numbers_only(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    ctx, window = _shown_window(qtbot, sqlite_services)
    row = next(
        r for r in sqlite_services.appointments.day(ctx, TODAY)
        if r.status is AppointmentStatus.BOOKED and abs(r.starts_at - NOW) <= timedelta(minutes=5)
    )
    qtbot.keyClick(window.today.table, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    panel = window.queue
    assert window.tabs.currentWidget() is panel
    qtbot.keyClicks(panel.arrival, row.booking_code)
    qtbot.keyClick(panel.arrival, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Checked in: ticket 1" in panel.feedback.text())  # called off the UI thread
    assert panel.arrival.text() == ""

    panel.counter.setCurrentIndex(panel.counter.findText(row.counter))
    qtbot.keyClick(panel.counter, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: panel.called_label.text() == f"Ticket 1 to {row.counter}")
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.visit)
    assert window.visit.visit is not None and window.visit.visit.appointment_id == row.id

    def board() -> list[str]:
        return [panel.serving.item(i).text() for i in range(panel.serving.count())]

    qtbot.waitUntil(lambda: board() == [f"   1  →  {row.counter}"])  # read in a worker
    assert row.citizen_name.split()[0] not in " ".join(board())
    window.runner.wait_for_done()


def test_a_too_early_arrival_is_told_when_to_come_back(qtbot: QtBot, sqlite_services: Services) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = MainWindow(sqlite_services, ctx, "en")
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.today.model.rowCount() > 0)
    row = next(
        r for r in sqlite_services.appointments.day(ctx, TODAY)
        if r.status is AppointmentStatus.BOOKED and r.starts_at - NOW > timedelta(hours=2)
    )
    qtbot.keyClicks(window.queue.arrival, row.booking_code)
    qtbot.keyClick(window.queue.arrival, Qt.Key.Key_Return)
    come_back = (row.starts_at - timedelta(minutes=30)).astimezone(__import__("zoneinfo").ZoneInfo("Europe/Copenhagen"))
    qtbot.waitUntil(lambda: f"Come back from {come_back:%d-%m-%Y %H:%M}" in window.queue.feedback.text())
    window.runner.wait_for_done()


def test_a_booking_made_at_another_desk_shows_up_in_today_without_a_restart(qtbot: QtBot, sqlite_services: Services) -> None:
    from datetime import UTC, datetime, time
    from zoneinfo import ZoneInfo

    from sqlalchemy import select

    from borgerservice_desk.storage.models import Appointment, Citizen

    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = MainWindow(sqlite_services, ctx, "en")
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.today.model.rowCount() > 0)
    before = window.today.model.rowCount()
    window.today.poll.setInterval(200)  # the poll, sped up for the test
    with sqlite_services.db.read() as session:
        citizen_id = session.scalars(select(Citizen.id).where(Citizen.id.not_in(select(Appointment.citizen_id)))).first()
    assert citizen_id is not None
    # Another desk books a time late today (the minimum notice is two hours; the demo day ends 15:00).
    evening = datetime.combine(TODAY, time(14, 40), ZoneInfo("Europe/Copenhagen")).astimezone(UTC)
    free = sqlite_services.booking.next_free(ctx, "health_card", earliest=NOW + timedelta(hours=2), limit=1)
    assert free and free[0].starts_at <= evening
    sqlite_services.booking.book(ctx, citizen_id, "health_card", free[0].starts_at, counter_id=free[0].counter_id)
    qtbot.waitUntil(lambda: window.today.model.rowCount() == before + 1, timeout=5000)
    window.runner.wait_for_done()


def test_statistics_tab_shows_last_weeks_bookings_per_service(qtbot: QtBot, sqlite_services: Services) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = MainWindow(sqlite_services, ctx, "en")
    qtbot.addWidget(window)
    window.tabs.setCurrentWidget(window.statistics)
    qtbot.waitUntil(lambda: window.statistics.ready)  # its dates are read off the UI thread; Show is off till then
    qtbot.mouseClick(window.statistics.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.statistics.model.rowCount() > 0, timeout=10_000)
    services_shown = {window.statistics.model.index(r, 1).data() for r in range(window.statistics.model.rowCount())}
    assert "MitID" in services_shown and "Passport" in services_shown
    window.runner.wait_for_done()


def test_arrival_by_name_and_birth_date(qtbot: QtBot, sqlite_services: Services) -> None:
    from sqlalchemy import select

    from borgerservice_desk.storage.models import Citizen

    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = MainWindow(sqlite_services, ctx, "en")
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.today.model.rowCount() > 0)
    rows = sqlite_services.appointments.day(ctx, TODAY)
    row = next(
        r for r in rows
        if r.status is AppointmentStatus.BOOKED and abs(r.starts_at - NOW) <= timedelta(minutes=10)
        and sum(1 for o in rows if o.citizen_name == r.citizen_name) == 1
    )
    with sqlite_services.db.read() as session:
        citizen = session.scalars(select(Citizen).where(Citizen.id == row.citizen_id)).one()
        born = citizen.birth_date
    panel = window.queue
    assert panel.birth_date.birth_date() is None  # no made-up date (it was 01-01-1980) to correct first
    qtbot.keyClicks(panel.name, row.citizen_name)
    # Typed like Find citizen's field: digits straight in, no part to select; Enter there searches.
    qtbot.mouseClick(panel.birth_date, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.birth_date, born.strftime("%d%m%Y"))
    assert panel.birth_date.text() == born.strftime("%d-%m-%Y")
    qtbot.keyClick(panel.birth_date, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Checked in: ticket 1" in panel.feedback.text())
    assert panel.name.text() == "" and panel.birth_date.birth_date() is None  # ready for the next citizen
    window.runner.wait_for_done()


def test_a_refused_arrival_code_leaves_the_field_ready_for_the_next(qtbot: QtBot, sqlite_services: Services) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = MainWindow(sqlite_services, ctx, "en")
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.today.model.rowCount() > 0)
    row = next(
        r for r in sqlite_services.appointments.day(ctx, TODAY)
        if r.status is AppointmentStatus.BOOKED and abs(r.starts_at - NOW) <= timedelta(minutes=10)
    )
    panel = window.queue
    window.tabs.setCurrentWidget(panel)
    panel.arrival.setFocus()
    qtbot.keyClicks(panel.arrival, "ZZZ999")
    qtbot.keyClick(panel.arrival, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "No appointment today" in panel.feedback.text())
    assert "ZZZ999" in panel.feedback.text()  # what was refused is still said
    # The next citizen's code is typed straight in, without deleting the refused one first.
    qtbot.keyClicks(panel.arrival, row.booking_code)
    assert panel.arrival.text() == row.booking_code
    qtbot.keyClick(panel.arrival, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Checked in: ticket 1" in panel.feedback.text())

    # A refused CPR number is not left on screen: the field is emptied, the message names only its date part.
    qtbot.keyClicks(panel.arrival, "6101801234")
    qtbot.keyClick(panel.arrival, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "No appointment today" in panel.feedback.text())
    assert panel.arrival.text() == "" and "610180-XXXX" in panel.feedback.text()
    assert "1234" not in panel.feedback.text()
    window.runner.wait_for_done()


def test_f6_when_walk_ins_wait_but_none_fits_says_so_and_whose_time_it_is(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    ctx, window = _shown_window(qtbot, sqlite_services)
    tight = min(
        (r for r in sqlite_services.appointments.day(ctx, TODAY)
         if r.status is AppointmentStatus.BOOKED and timedelta(0) < r.starts_at - NOW < timedelta(minutes=20)),
        key=lambda r: r.starts_at,
    )
    sqlite_services.queue.walk_in(ctx, "passport")  # 20 minutes: runs into the booked citizen's time
    panel = window.queue
    window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.counter.findText(tight.counter) >= 0)
    panel.counter.setCurrentIndex(panel.counter.findText(tight.counter))
    qtbot.keyClick(panel.counter, Qt.Key.Key_F6)
    local = tight.starts_at.astimezone(ZoneInfo("Europe/Copenhagen")).strftime("%H:%M")
    qtbot.waitUntil(lambda: "Walk-ins are waiting (1)" in panel.feedback.text(), timeout=10_000)
    assert f"appointment at {local}." in panel.feedback.text()  # today's time, without the date
    assert panel.called_label.text() == "" and not panel.no_show_button.isEnabled()
    assert window.tabs.currentWidget() is panel  # nobody was called, no visit opened
    window.runner.wait_for_done()
