"""The Find tab names the citizen's booked times under the citizen found: "when is my appointment?" is
answered without the confirmation's code, and a time booked from there with Ctrl+T shows at once."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.services.booking import Booking
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Appointment, Citizen
from tests.conftest import TODAY
from tests.ui.helpers import open_main_window
from ui.booking_dialog import BookingDialog
from ui.lookup_panel import LookupPanel
from ui.main_window import MainWindow

COPENHAGEN = ZoneInfo("Europe/Copenhagen")  # the demo centre's zone


def _unbooked(services: Services) -> tuple[int, str]:
    """A citizen with a CPR number and no appointment in the demo data, and that number."""
    with services.db.read() as session:
        citizen = session.scalars(
            select(Citizen).where(Citizen.cpr.is_not(None), Citizen.id.not_in(select(Appointment.citizen_id)))
            .order_by(Citizen.id)
        ).first()
        assert citizen is not None and citizen.cpr is not None
        return citizen.id, citizen.cpr


def _book(services: Services, ctx: ClerkContext, citizen_id: int, service: str, days: int) -> Booking:
    earliest = datetime.combine(TODAY + timedelta(days=days), time(8), COPENHAGEN).astimezone(UTC)
    [free] = services.booking.next_free(ctx, service, limit=1, earliest=earliest)
    return services.booking.book(ctx, citizen_id, service, free.starts_at)


def _plain(panel: LookupPanel) -> str:
    """The label as the clerk reads it (its codes are links)."""
    document = QTextDocument()
    document.setHtml(panel.bookings_label.text())
    return document.toPlainText()


def _find(qtbot: QtBot, window: MainWindow, cpr: str) -> LookupPanel:
    window.tabs.setCurrentWidget(window.lookup)
    panel = window.lookup
    qtbot.keyClicks(panel.query, cpr)
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.bookings_label.text() != "" and not panel.loading)  # read off the UI thread
    return panel


def test_the_citizens_times_show_soonest_first_with_their_codes_in_danish(
    qtbot: QtBot, sqlite_services: Services, danish: None
) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    citizen_id, cpr = _unbooked(sqlite_services)
    later = _book(sqlite_services, ctx, citizen_id, "mitid", 20)
    sooner = _book(sqlite_services, ctx, citizen_id, "passport", 6)
    window = open_main_window(qtbot, sqlite_services, ctx, "da")

    text = _plain(_find(qtbot, window, cpr))

    assert text.startswith("Bestilte tider her: "), text
    assert text.index(sooner.booking_code) < text.index(later.booking_code)
    day = sooner.starts_at.astimezone(COPENHAGEN)  # the centre's wall clock, with the Danish weekday
    weekday = ("man.", "tirs.", "ons.", "tors.", "fre.", "lør.", "søn.")[day.weekday()]
    assert f"{weekday} {day:%d-%m-%Y} kl. {day:%H:%M}: Pas (bookingkode {sooner.booking_code})" in text
    assert f"MitID (bookingkode {later.booking_code})" in text


def test_past_three_times_the_rest_are_counted(qtbot: QtBot, sqlite_services: Services, danish: None) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    supervisor = sqlite_services.auth.sign_in("supervisor", "demo")
    sqlite_services.settings.set_number(supervisor, "booking.max_open_per_citizen", 5)
    citizen_id, cpr = _unbooked(sqlite_services)
    bookings = [_book(sqlite_services, ctx, citizen_id, service, days)
                for service, days in (("mitid", 20), ("passport", 6), ("driving_licence", 9), ("health_card", 30))]
    window = open_main_window(qtbot, sqlite_services, ctx, "da")

    text = _plain(_find(qtbot, window, cpr))

    shown = sorted(bookings, key=lambda b: b.starts_at)
    assert all(b.booking_code in text for b in shown[:3]) and shown[3].booking_code not in text
    assert text.endswith("; og 1 flere"), text


def test_a_citizen_with_nothing_booked_is_told_so_and_a_time_booked_with_ctrl_t_shows_at_once(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    _citizen_id, cpr = _unbooked(sqlite_services)
    window = open_main_window(qtbot, sqlite_services, ctx)
    panel = _find(qtbot, window, cpr)
    assert _plain(panel) == "No appointments booked here."

    qtbot.keyClick(panel.query, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = panel.findChild(BookingDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.times.count() > 0, timeout=10_000)  # the first day with free times
    with qtbot.waitSignal(dialog.booked, timeout=10_000) as booked:
        dialog.book_button.click()
    code = booked.args[0].booking_code
    qtbot.waitUntil(lambda: code in _plain(panel))
    assert _plain(panel).startswith("Appointments here: ")


def test_a_code_under_the_citizen_opens_the_booking_in_the_today_list_on_its_day(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    citizen_id, cpr = _unbooked(sqlite_services)
    booking = _book(sqlite_services, ctx, citizen_id, "passport", 6)
    window = open_main_window(qtbot, sqlite_services, ctx)
    panel = _find(qtbot, window, cpr)

    # The clerk tabs from the search to the code's link and presses Enter.
    panel.bookings_label.setFocus()
    qtbot.keyClick(panel.bookings_label, Qt.Key.Key_Tab)
    qtbot.keyClick(panel.bookings_label, Qt.Key.Key_Return)

    today = window.today
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is today and today.selected() is not None
                    and today.selected().id == booking.appointment_id)  # type: ignore[union-attr]
    assert today.day == booking.starts_at.astimezone(COPENHAGEN).date()
    assert today.table.hasFocus()
