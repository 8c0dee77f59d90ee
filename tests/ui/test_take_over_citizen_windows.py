"""The citizen's user ID and activation code windows when a supervisor takes the desk over (ui/main_window.py,
ui/recovery_panel.py). The supervisor's tabs are a second set on the same visit; the clerk's windows were
their tabs' and stayed on screen through the take-over, and when the supervisor finished the visit only the
supervisor's tabs' windows closed: the code stood there for the next citizen (found in review, stop 33).

Now the clerk's windows hide while the supervisor acts and close with the visit whichever tabs finish it.
Handed back with the visit still open, they come back: the citizen is still at the counter, maybe still
typing the code, which is shown once and kept nowhere; a window the supervisor opened comes over with the
visit and replaces the clerk's of its kind (a new code makes the earlier one stop working)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.services.context import ClerkContext
from tests.conftest import TODAY
from tests.support.journey import appointment_with_apps
from tests.ui.recovery_helpers import add_health_card, answer_questions, confirm, dialog_of, press
from tests.ui.test_lock_citizen_windows import _on_screen, _unlock, _user_id_and_code
from tests.ui.test_recovery_errands import _errand, _serve
from ui.main_window import MainWindow
from ui.receipt_dialog import ReceiptDialog


def _take_over(window: MainWindow, services: Services) -> None:
    # As the TakeOverDialog does once the supervisor's password is right.
    window._taken_over_by(services.auth.sign_in("supervisor", "demo"))
    assert window.taken_over


def _hand_back(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.mouseClick(window.hand_back_button, Qt.MouseButton.LeftButton)
    assert not window.taken_over
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the supervisor's tabs are gone now


def test_the_supervisor_finishing_the_visit_closes_the_clerk_s_user_id_and_code(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    user_id, code = _user_id_and_code(qtbot, window, sqlite_services, clerk_ctx)
    clerk_desk = window.clerk_desk
    assert clerk_desk is not None
    _take_over(window, sqlite_services)
    assert _on_screen(user_id) == [] and _on_screen(code) == [], "the clerk's windows over the supervisor's tabs"

    window.visit.finish_visit()  # the supervisor finishes the visit: the citizen goes
    qtbot.waitUntil(lambda: window.visit.visit is None, timeout=10_000)
    panel = clerk_desk.visit.recovery
    assert panel.citizen_window is None and panel.code_dialog is None, "kept for the next citizen"
    assert clerk_desk.visit.visit is None  # the clerk's tabs no longer serve a citizen who has gone

    _hand_back(qtbot, window)
    assert _on_screen(user_id) == [] and _on_screen(code) == [], "the last citizen's code shown to the next one"
    assert window.visit.visit is None and not window.visit.finish_button.isEnabled()
    assert window.tabs.currentWidget() is window.today


def test_handed_back_with_the_visit_open_the_clerk_s_windows_come_back(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    user_id, code = _user_id_and_code(qtbot, window, sqlite_services, clerk_ctx)
    _take_over(window, sqlite_services)
    assert _on_screen(user_id) == [] and _on_screen(code) == []
    _hand_back(qtbot, window)
    assert _on_screen(user_id) == ["citizenUserIdWindow"], "the citizen had not finished reading"
    assert _on_screen(code) == ["activationCodeDialog"]
    window.visit.finish_visit()  # the clerk finishes the visit: they go with it, as ever
    qtbot.waitUntil(lambda: window.visit.visit is None, timeout=10_000)
    assert _on_screen(user_id) == [] and _on_screen(code) == []


def test_a_code_the_supervisor_made_comes_over_to_the_clerk_and_replaces_the_clerk_s(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    _user_id, old_code = _user_id_and_code(qtbot, window, sqlite_services, clerk_ctx)
    _take_over(window, sqlite_services)
    supervisor_panel = window.visit.recovery
    qtbot.waitUntil(lambda: supervisor_panel.overview is not None, timeout=10_000)
    _errand(qtbot, window, "Ctrl+Shift+C")  # a new code, at the supervisor's tabs: the old one stops working
    assert supervisor_panel.code_dialog is not None
    new_code = supervisor_panel.code_dialog.code_label.text()
    assert new_code != old_code
    assert _on_screen(new_code) == ["activationCodeDialog"] and _on_screen(old_code) == []

    _hand_back(qtbot, window)
    assert not shiboken6.isValid(supervisor_panel)
    assert _on_screen(new_code) == ["activationCodeDialog"], "the citizen's new code went with the supervisor's tabs"
    assert _on_screen(old_code) == [], "the code that no longer works came back"
    window.visit.finish_visit()
    qtbot.waitUntil(lambda: window.visit.visit is None, timeout=10_000)
    assert _on_screen(new_code) == [], "the code the supervisor made outlives the visit"


def test_the_unlock_during_a_take_over_does_not_show_the_clerk_s_windows(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    """The idle lock came while the supervisor's password was being checked: the take-over completes on a
    locked desk, and the unlock shows the supervisor's tabs, not the clerk's windows over them."""
    user_id, code = _user_id_and_code(qtbot, window, sqlite_services, clerk_ctx)
    window.lock_manually()
    _take_over(window, sqlite_services)
    _unlock(qtbot, window)
    assert window.taken_over and window.stack.currentWidget() is window.supervisor_desk
    assert _on_screen(user_id) == [] and _on_screen(code) == [], "the clerk's windows over the supervisor's tabs"
    _hand_back(qtbot, window)
    assert _on_screen(user_id) == ["citizenUserIdWindow"] and _on_screen(code) == ["activationCodeDialog"]
    window.visit.close_citizen_windows()


def test_a_code_saved_while_the_supervisor_finished_the_visit_is_never_shown(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The clerk's code is still being saved when the supervisor takes over and finishes the visit: its
    answer comes back to the clerk's tabs once the citizen has gone; it must not wait there for the next."""
    candidate = appointment_with_apps(sqlite_services, clerk_ctx, TODAY, 1)
    panel = _serve(qtbot, window, candidate)
    add_health_card(qtbot, window, candidate)
    answer_questions(qtbot, window)
    release = threading.Event()
    real = sqlite_services.recovery.issue_activation_code

    def slow(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)  # saved; its answer is slow to come back
        release.wait(15)
        return result

    monkeypatch.setattr(sqlite_services.recovery, "issue_activation_code", slow)
    receipts: list[ReceiptDialog] = []
    window.visit.receipt_shown.connect(receipts.append)
    press(qtbot, window, "Ctrl+Shift+C")
    confirm(qtbot, dialog_of(qtbot, panel, QWidget))
    try:
        qtbot.waitUntil(lambda: panel.calls.busy)
        _take_over(window, sqlite_services)
        window.visit.finish_visit()
        qtbot.waitUntil(lambda: window.visit.visit is None, timeout=10_000)
    finally:
        release.set()
    qtbot.waitUntil(lambda: len(receipts) == 1, timeout=15_000)  # the errand's answer is in
    receipts[0].close()
    assert panel.code_dialog is None, "the gone citizen's code is kept for the next one"
    _hand_back(qtbot, window)
    assert panel.code_dialog is None and not any(
        w.objectName() == "activationCodeDialog" and w.isVisible() for w in QApplication.topLevelWidgets()
    )


def test_a_take_over_while_signing_out_keeps_the_clerk_signed_in(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """"Finish visit and sign out", and a supervisor takes over while the finish is saved. The visit is
    finished (its windows close, at both sets of tabs); the sign-out is not done from under the supervisor."""
    user_id, code = _user_id_and_code(qtbot, window, sqlite_services, clerk_ctx)
    release = threading.Event()
    real = sqlite_services.appointments.finish_visit

    def slow(*args: Any, **kwargs: Any) -> Any:
        release.wait(15)
        return real(*args, **kwargs)

    monkeypatch.setattr(sqlite_services.appointments, "finish_visit", slow)
    window.sign_out()
    qtbot.waitUntil(lambda: isinstance(window.question, QMessageBox) and window.question.isVisible())
    question = window.question
    assert question is not None
    leave = question.findChild(QAbstractButton, "leave")
    assert leave is not None
    qtbot.mouseClick(leave, Qt.MouseButton.LeftButton)
    clerk_visit = window.visit
    try:
        qtbot.waitUntil(lambda: clerk_visit.calls.busy)
        _take_over(window, sqlite_services)
        assert window.visit.visit is not None  # the supervisor's tabs on the same visit
    finally:
        release.set()
    qtbot.waitUntil(lambda: clerk_visit.visit is None, timeout=10_000)
    try:
        assert window.login is None and window.clerk_desk is not None, "signed out from under the supervisor"
        assert window.taken_over and window.visit.visit is None  # the supervisor's tabs let the visit go
        assert _on_screen(user_id) == [] and _on_screen(code) == []
        _hand_back(qtbot, window)
        assert _on_screen(user_id) == [] and _on_screen(code) == []
    finally:
        window.runner.wait_for_done()
        if window.login is not None:
            window.login.reject()
