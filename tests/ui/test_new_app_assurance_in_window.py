"""Ctrl+N in the window: a new app needs what its activation code needs, and the clerk hears what is missing
before typing the new app's details (the dialog does not open), as Ctrl+L does for the lift."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import AuditEntry
from tests.conftest import TODAY
from tests.support.assurance import give_register_facts
from tests.support.journey import Candidate, appointment_with_apps, passport_for
from tests.ui.helpers import back_to_window, confirm_action, wait_for_check, wait_for_mitid, when_modal_opens
from tests.ui.recovery_helpers import add_health_card, answer_questions
from ui.main_window import MainWindow

VALID = date(2031, 1, 1)


def _serve(qtbot: QtBot, window: MainWindow, candidate: Candidate) -> None:
    """Check the citizen in from Today and pass a typed passport check (a passport without CPR number)."""
    qtbot.keyClicks(window.today.filter, candidate.appointment.booking_code)
    qtbot.keyClick(window.today.filter, Qt.Key.Key_Return)
    qtbot.keyClick(window.today.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.visit)
    window.visit.mrz_edit.setPlainText("\n".join(passport_for(candidate.citizen, expiry=VALID)))
    qtbot.keyClick(window.visit.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, window.visit.identity)
    assert window.visit.last_check is not None and window.visit.last_check.passed


def _any_dialog_refused(qtbot: QtBot) -> tuple[list[str], Callable[[], None]]:
    """Watch for a dialog (the new app's) and close it at once, noting its title: the old window opened it
    without a word, and the test must fail rather than hang in its exec(). Returns the titles and a stop."""
    opened: list[str] = []
    watching = {"on": True}

    def poll() -> None:
        if not watching["on"]:
            return
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible():
            opened.append(dialog.windowTitle())
            dialog.reject()
        QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)
    return opened, lambda: watching.update(on=False)


def _refusals(services: Services) -> list[dict[str, object]]:
    with services.db.read() as session:
        return [
            dict(e.detail)
            for e in session.scalars(
                select(AuditEntry)
                .where(AuditEntry.action == "mitid.activate_app", AuditEntry.outcome == "refused")
                .order_by(AuditEntry.seq)
            )
        ]


def _ctrl_n_refused(qtbot: QtBot, window: MainWindow, services: Services, said: str) -> None:
    wait_for_mitid(qtbot, window.visit)
    back_to_window(qtbot, window)
    before = len(_refusals(services))
    window.visit.feedback.clear_message()
    opened, stop = _any_dialog_refused(qtbot)
    try:
        qtbot.keyClick(window.visit.mitid.methods_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: "Not yet" in window.visit.feedback.text() or bool(opened), timeout=10_000)
        window.runner.wait_for_done()
        qtbot.wait(100)  # a dialog opened after the refusal would be caught too
    finally:
        stop()
    assert opened == [], f"the new app's dialog opened: {opened}"
    message = window.visit.feedback.text()
    assert "Not yet" in message and said in message, message
    qtbot.waitUntil(lambda: len(_refusals(services)) == before + 1, timeout=10_000)  # recorded, off the UI thread


def test_ctrl_n_says_what_is_missing_before_the_dialog_and_activates_once_it_is_there(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    candidate = appointment_with_apps(sqlite_services, clerk_ctx, TODAY, 1)
    give_register_facts(sqlite_services.db, candidate.citizen.id)
    _serve(qtbot, window, candidate)
    apps_before = window.visit.mitid.apps_label.text()

    # The passport without CPR number alone: both what is missing are named, and no dialog opens.
    _ctrl_n_refused(qtbot, window, sqlite_services, "a Danish document that shows the CPR number")
    assert "control questions answered, or a witness" in window.visit.feedback.text()
    assert _refusals(sqlite_services)[-1]["missing"] == "cpr_document,questions_or_witness"

    # With the health card, the questions are still missing.
    add_health_card(qtbot, window, candidate)
    _ctrl_n_refused(qtbot, window, sqlite_services, "control questions answered, or a witness")
    assert "CPR number" not in window.visit.feedback.text()
    assert window.visit.mitid.apps_label.text() == apps_before

    # Questions answered: the dialog opens and the app is activated, with its receipt.
    answer_questions(qtbot, window)
    wait_for_mitid(qtbot, window.visit)
    back_to_window(qtbot, window)

    def fill(dialog: QWidget) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit, "modelEdit"), "Fairphone 5")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "deviceNameEdit"), "Arbejdstelefon")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "newUserEdit"), candidate.citizen.given_names)
        confirm_action(qtbot, dialog)

    when_modal_opens(qtbot, fill)
    with qtbot.waitSignal(window.visit.receipt_shown, timeout=30_000, raising=False) as shown:
        qtbot.keyClick(window.visit.mitid.methods_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert shown.signal_triggered, window.visit.feedback.text()
    shown.args[0].close()
    back_to_window(qtbot, window)
    wait_for_mitid(qtbot, window.visit)
    assert window.visit.mitid.apps_label.text() == "2 of 3 apps active"
    assert any(m.label == "Fairphone 5" for m in window.visit.mitid.methods.rows())
    assert len(_refusals(sqlite_services)) == 2
