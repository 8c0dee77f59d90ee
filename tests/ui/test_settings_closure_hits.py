"""The centre settings, for a supervisor in Danish: a counter's absence and shorter opening hours saved after
bookings were made list the bookings they leave outside the open time, with what to do about them."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.storage.models import AuditEntry
from tests.conftest import TODAY
from tests.integration.test_booking import _citizens
from tests.ui.helpers import open_main_window
from ui.settings_dialog import SettingsDialog

ZONE = ZoneInfo("Europe/Copenhagen")
MONDAY = TODAY + timedelta(days=3)  # in the demo's days: booked at every counter
THURSDAY = TODAY + timedelta(days=6)  # the long Thursday, open till 17:30


def _cells(dialog: SettingsDialog, row: int) -> list[str]:
    return [dialog.hits.item(row, c).text() for c in range(dialog.hits.columnCount())]


def test_a_supervisor_sees_the_bookings_an_absence_and_shorter_hours_leave_outside_the_open_time(
    qtbot: QtBot, sqlite_services: Services, danish: None
) -> None:
    services = sqlite_services
    clerk = services.auth.sign_in("clerk", "demo")
    (citizen,) = _citizens(services, 1)
    evening = services.booking.book(clerk, citizen, "passport", datetime.combine(THURSDAY, time(16), ZONE).astimezone(UTC),
                                    counter_id=1)
    absent = [r for r in services.appointments.day(clerk, MONDAY)
              if r.counter == "Skranke 2" and r.status is AppointmentStatus.BOOKED]
    assert len(absent) > 1
    supervisor = services.auth.sign_in("supervisor", "demo")
    window = open_main_window(qtbot, services, supervisor, "da")
    window.open_settings()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.loaded)
    assert not dialog.hits_box.isVisible()  # nothing hit yet

    # Skranke 2's clerk is ill on Monday.
    dialog.day.setDate(QDate(MONDAY))
    dialog.counter.setCurrentIndex(dialog.counter.findText("Skranke 2"))
    qtbot.keyClicks(dialog.reason, "Sygdom")
    qtbot.mouseClick(dialog.findChild(QPushButton, "addClosure"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.hits_box.isVisible() and dialog.closures.count() == 1)  # off the UI thread

    assert dialog.hits_note.text() == (
        f"Disse {len(absent)} aftaler ligger nu på en lukket dag — flyt dem eller aflys dem og kontakt borgerne.")
    assert dialog.hits.rowCount() == len(absent)
    first = absent[0]
    local = first.starts_at.astimezone(ZONE)
    assert _cells(dialog, 0) == [
        f"man. {local:%d-%m-%Y %H:%M}–{first.ends_at.astimezone(ZONE):%H:%M}", "Skranke 2", first.service_da,
        first.citizen_name, first.booking_code, "Skranken er fraværende",
    ]
    assert [_cells(dialog, r)[4] for r in range(dialog.hits.rowCount())] == [r.booking_code for r in absent]
    # Shown, the list keeps the dialog on the (800 pixels high) screen, its other controls whole.
    qtbot.waitUntil(lambda: dialog.hits.isVisible() and dialog.hits.height() >= dialog.hits.minimumHeight())
    assert dialog.frameGeometry().height() <= dialog.screen().availableGeometry().height()
    assert all(spin.height() >= spin.minimumSizeHint().height() for spin in dialog.spins.values())

    # Thursday closes at 15:00 from now on: the evening's passport booking is outside too.
    dialog.hours[3][2].setTime(QTime(15, 0))
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveSettings"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.hits.rowCount() == len(absent) + 1)
    assert dialog.feedback.text() == "Gemt."
    assert services.settings.opening_hours(supervisor)[3] == (time(9), time(15))
    assert dialog.hits_note.text().startswith(f"Disse {len(absent) + 1} aftaler ligger nu på en lukket dag eller uden "
                                              "for åbningstiden")
    assert _cells(dialog, len(absent))[1:] == [
        "Skranke 1", "Pas", services.appointments.day(clerk, THURSDAY)[0].citizen_name, evening.booking_code,
        "Uden for åbningstiden",
    ]

    # The absence was a mistake: removed, Monday's bookings are no longer in the way; Thursday's still is.
    dialog.closures.setCurrentRow(0)
    qtbot.mouseClick(dialog.findChild(QPushButton, "removeClosure"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.hits.rowCount() == 1)
    assert dialog.hits_note.text() == (
        "Denne aftale ligger nu uden for åbningstiden — flyt den eller aflys den og kontakt borgeren.")
    # Every name shown was a look at that citizen, in the audit trail.
    with services.db.read() as session:
        looked = list(session.scalars(
            select(AuditEntry.citizen_id).where(AuditEntry.action == "settings.booking_hit",
                                                AuditEntry.clerk_id == supervisor.clerk_id)
        ))
    assert sorted(looked) == sorted([r.citizen_id for r in absent] + [citizen])
    window.runner.wait_for_done()
