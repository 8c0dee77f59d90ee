"""The window with a clerk's keys and clicks, on a real SQLite file with demo data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.mitid import MethodKind, MethodState
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import (
    AuditEntry,
    IdentityCheck,
    MitidAction,
    MitidMethod,
    Visit,
)
from tests.conftest import TODAY
from tests.support.journey import appointment_with_active_app, passport_for
from tests.ui.helpers import (
    click_row,
    wait_for_check,
    wait_for_mitid,
)
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow


def _states(services: Services) -> dict[int, MethodState]:
    with services.db.read() as session:
        return {m.id: m.state for m in session.scalars(select(MitidMethod))}


def _count(services: Services, model: type) -> int:
    with services.db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _check_in(qtbot: QtBot, window: MainWindow, booking_code: str) -> None:
    qtbot.keyClicks(window.today.filter, booking_code)
    qtbot.keyClick(window.today.filter, Qt.Key.Key_Return)
    qtbot.keyClick(window.today.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.visit)
    wait_for_mitid(qtbot, window.visit)  # the citizen's MitID is read off the UI thread


def test_a_wrong_password_keeps_the_dialog_open_with_a_message(qtbot: QtBot, sqlite_services: Services) -> None:
    login = LoginDialog(sqlite_services.auth)
    qtbot.addWidget(login)
    login.show()
    qtbot.keyClicks(login.username, "clerk")
    qtbot.keyClicks(login.password, "guess")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not login.busy, timeout=15_000)
    assert login.isVisible() and login.context is None
    assert "Wrong user name or password" in login.feedback.text()
    assert login.password.text() == ""


def test_today_lists_the_centres_appointments_with_masked_cpr(window: MainWindow) -> None:
    rows = window.today.model.rows()
    assert all(r.starts_at.date() == TODAY for r in rows)
    shown = [window.today.model.index(i, 4).data() for i in range(window.today.model.rowCount())]
    assert all(text.endswith("-XXXX") or text == "no CPR number" for text in shown)


def test_typed_passport_check_passes_and_the_block_needs_it(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    candidate = appointment_with_active_app(sqlite_services, clerk_ctx, TODAY)
    _check_in(qtbot, window, candidate.appointment.booking_code)
    panel = window.visit

    # Without a checked ID the block is refused, with a message, and nothing changes.
    before = _states(sqlite_services)
    app_row = next(
        i for i, m in enumerate(panel.mitid.methods.rows())
        if m.kind is MethodKind.APP and m.state is MethodState.ACTIVE
    )
    click_row(qtbot, panel.mitid.methods_view, app_row)

    # The button is off, saying why; its shortcut is refused with the same reason, and recorded.
    button = panel.mitid_actions.buttons["block_app"]
    assert not button.isEnabled() and "has not been checked" in button.toolTip()
    qtbot.keyClick(panel.mitid.methods_view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "has not been checked" in panel.feedback.text(), timeout=10_000)
    assert _states(sqlite_services) == before and _count(sqlite_services, MitidAction) == 0

    # The clerk types the MRZ (as a counter reader would) and checks it with Ctrl+Enter.
    panel.mrz_edit.setFocus()
    first, second = passport_for(candidate.citizen, expiry=date(2030, 6, 30))
    qtbot.keyClicks(panel.mrz_edit, first)
    qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.mrz_edit, second)
    qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, panel.identity)
    assert "passed" in panel.check_status.text()
    shown = {panel.fields.item(i, 0).text(): panel.fields.item(i, 1).text() for i in range(panel.fields.rowCount())}
    assert shown["Surname"] == first[5:].split("<<")[0]
    assert shown["Format"] == "Passport (TD3)"


def test_an_expired_passport_fails_with_its_date_and_changes_no_mitid(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    candidate = appointment_with_active_app(sqlite_services, clerk_ctx, TODAY)
    _check_in(qtbot, window, candidate.appointment.booking_code)
    before = _states(sqlite_services)
    panel = window.visit
    panel.mrz_edit.setPlainText("\n".join(passport_for(candidate.citizen, expiry=date(2026, 11, 26))))
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    wait_for_check(qtbot, panel.identity)
    assert panel.check_status.text() == "✘ Rejected: expired"
    assert panel.identity.finding_lines()[0] == "✘ Expired on 26-11-2026"
    assert _states(sqlite_services) == before
    with sqlite_services.db.read() as session:
        assert session.scalars(select(IdentityCheck.passed)).all() == [False]


def test_text_that_is_no_mrz_gives_a_message_and_saves_nothing(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    candidate = appointment_with_active_app(sqlite_services, clerk_ctx, TODAY)
    _check_in(qtbot, window, candidate.appointment.booking_code)
    panel = window.visit
    qtbot.keyClicks(panel.mrz_edit, "P<DNKJENSEN")
    qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, panel.identity)
    assert "not a machine readable zone" in panel.feedback.text()
    assert panel.check_status.text() == ""
    assert _count(sqlite_services, IdentityCheck) == 0


def test_a_wrong_cpr_number_is_explained_and_nothing_is_shown(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services
) -> None:
    qtbot.keyClick(window.today.table, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.lookup
    before = _count(sqlite_services, AuditEntry)
    qtbot.keyClicks(window.lookup.query, "320190-1234")
    qtbot.keyClick(window.lookup.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.lookup.loading)  # searched off the UI thread
    assert "the first six digits are not a date" in window.lookup.feedback.text()
    assert window.lookup.results.rowCount() == 0
    assert _count(sqlite_services, AuditEntry) == before  # nothing was looked up, so nothing to log


def test_finding_a_citizen_by_cpr_masks_it_until_revealed(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    candidate = appointment_with_active_app(sqlite_services, clerk_ctx, TODAY)
    cpr = candidate.citizen.cpr
    assert cpr is not None
    with sqlite_services.db.read() as session:
        before = session.scalar(select(func.max(AuditEntry.id))) or 0
    window.tabs.setCurrentWidget(window.lookup)
    qtbot.keyClicks(window.lookup.query, f"{cpr[:6]}-{cpr[6:]}")
    qtbot.keyClick(window.lookup.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.lookup.loading)  # searched off the UI thread
    assert candidate.citizen.surname in window.lookup.citizen_label.text()
    assert f"{cpr[:6]}-XXXX" in window.lookup.citizen_label.text()
    assert window.lookup.mitid.methods.rowCount() > 0
    assert "of 3 apps active" in window.lookup.mitid.apps_label.text()
    qtbot.mouseClick(window.lookup.reveal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.lookup.loading)  # searched off the UI thread
    assert f"{cpr[:6]}-{cpr[6:]}" in window.lookup.citizen_label.text()
    with sqlite_services.db.read() as session:
        # Everything the search and the reveal wrote (the MitID and the booked times shown are logged too).
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.id > before)).all()
    assert "citizen.reveal_cpr" in actions and "citizen.lookup_cpr" in actions


def test_a_checked_in_citizen_is_taken_up_again_and_the_visit_finishes(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    candidate = appointment_with_active_app(sqlite_services, clerk_ctx, TODAY)
    _check_in(qtbot, window, candidate.appointment.booking_code)
    first_visit = window.visit.visit
    assert first_visit is not None
    window.tabs.setCurrentWidget(window.today)
    qtbot.waitUntil(lambda: window.today.select_appointment(candidate.appointment.id))
    # The list read again after the check-in (off the UI thread) shows the citizen as checked in.
    qtbot.waitUntil(lambda: window.today.selected() is not None and window.today.selected().status.value == "checked_in")
    qtbot.mouseClick(window.today.check_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.visit)  # taken up again, off the UI thread
    assert window.visit.visit == first_visit  # the same visit, not a second one
    assert _count(sqlite_services, Visit) == 1

    qtbot.mouseClick(window.visit.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.visit.visit is None)  # finished off the UI thread
    assert window.tabs.currentWidget() is window.today
    qtbot.waitUntil(lambda: window.today.select_appointment(candidate.appointment.id))
    qtbot.waitUntil(lambda: window.today.selected() is not None and window.today.selected().status.value == "done")
    qtbot.mouseClick(window.today.check_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "already checked in or the appointment is closed" in window.today.feedback.text())


def test_no_visit_is_opened_twice_for_one_appointment(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    candidate = appointment_with_active_app(sqlite_services, clerk_ctx, TODAY)
    _check_in(qtbot, window, candidate.appointment.booking_code)
    window.tabs.setCurrentWidget(window.today)
    qtbot.waitUntil(lambda: window.today.select_appointment(candidate.appointment.id))
    qtbot.mouseClick(window.today.check_in_button, Qt.MouseButton.LeftButton)
    assert _count(sqlite_services, Visit) == 1


def test_an_image_without_a_machine_readable_zone_is_explained(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext, tmp_path: Path
) -> None:
    from tests.support.passport_image import render_noise_image
    from tests.ui.helpers import choose_file

    candidate = appointment_with_active_app(sqlite_services, clerk_ctx, TODAY)
    _check_in(qtbot, window, candidate.appointment.booking_code)
    image = render_noise_image(tmp_path / "holiday-photo.jpg")
    qtbot.keyClick(window.visit.mrz_edit, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    choose_file(qtbot, window.visit, image)
    qtbot.waitUntil(lambda: window.visit.feedback.isVisible(), timeout=60_000)
    assert "No machine readable zone was found" in window.visit.feedback.text()
    assert _count(sqlite_services, IdentityCheck) == 0


def test_a_file_that_is_no_image_is_explained(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext, tmp_path: Path
) -> None:
    from tests.ui.helpers import choose_file

    candidate = appointment_with_active_app(sqlite_services, clerk_ctx, TODAY)
    _check_in(qtbot, window, candidate.appointment.booking_code)
    broken = tmp_path / "scan.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 50)
    qtbot.keyClick(window.visit.mrz_edit, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    choose_file(qtbot, window.visit, broken)
    qtbot.waitUntil(lambda: window.visit.feedback.isVisible(), timeout=30_000)
    assert "could not be opened as an image" in window.visit.feedback.text()
    assert _count(sqlite_services, IdentityCheck) == 0


def test_the_window_speaks_danish_to_clerks(qtbot: QtBot, sqlite_services: Services, clerk_ctx: ClerkContext) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.app import I18N_DIR, install_translators

    assert (I18N_DIR / "desk_da.qm").exists(), "tests/conftest.py builds it (pyside6-lrelease)"
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "da")
    try:
        main = MainWindow(sqlite_services, clerk_ctx, "da")
        qtbot.addWidget(main)
        assert main.tabs.tabText(0) == "&I dag (Ctrl+1)"
        assert main.today.model.headerData(1, Qt.Orientation.Horizontal) == "Skranke"
        qtbot.waitUntil(lambda: main.today.model.rowCount() > 0)
        main.runner.wait_for_done()
    finally:
        for translator in translators:
            app.removeTranslator(translator)
