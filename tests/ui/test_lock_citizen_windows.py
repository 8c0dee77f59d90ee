"""The citizen's MitID user ID and activation code are shown in windows of their own (for the citizen's
screen). They are the desk's windows all the same: the lock hides them with the desk, and they close when
the citizen's visit is finished and before the next clerk signs in, so nobody else reads them."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.services.context import ClerkContext
from tests.conftest import TODAY
from tests.support.journey import appointment_with_apps
from tests.ui.recovery_helpers import add_health_card, answer_questions, confirm, dialog_of, press
from tests.ui.test_recovery_errands import _errand, _serve
from ui.main_window import MainWindow
from ui.recovery_panel import RecoveryPanel


def _on_screen(text: str) -> list[str]:
    """The names of the windows where a label shows `text` to whoever looks at the desk now."""
    return [
        label.window().objectName() for label in QApplication.allWidgets()
        if isinstance(label, QLabel) and label.isVisible() and text in label.text()
    ]


def _user_id_and_code(qtbot: QtBot, window: MainWindow, services: Services, ctx: ClerkContext) -> tuple[str, str]:
    """Serve a citizen up to the level the errands need, make an activation code and show the user ID,
    both left open as the clerk leaves them while the citizen reads them."""
    candidate = appointment_with_apps(services, ctx, TODAY, 1)
    panel = _serve(qtbot, window, candidate)
    add_health_card(qtbot, window, candidate)
    answer_questions(qtbot, window)
    _errand(qtbot, window, "Ctrl+Shift+C")
    _errand(qtbot, window, "Ctrl+Shift+I")
    assert panel.code_dialog is not None and panel.citizen_window is not None
    user_id, code = panel.citizen_window.user_id_label.text(), panel.code_dialog.code_label.text()
    assert _on_screen(user_id) == ["citizenUserIdWindow"] and _on_screen(code) == ["activationCodeDialog"]
    assert panel.citizen_window.isWindow()  # still a window of its own, for the citizen's screen
    return user_id, code


def _unlock(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.cover.password, "demo")
    qtbot.keyClick(window.cover.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.locked, timeout=15_000)


def test_the_lock_hides_the_user_id_window_and_brings_it_back(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    user_id, code = _user_id_and_code(qtbot, window, sqlite_services, clerk_ctx)
    window.lock_manually()
    assert window.locked
    assert _on_screen(user_id) == [], "the citizen's name and user ID stay on screen on a locked desk"
    assert _on_screen(code) == []
    _unlock(qtbot, window)
    assert _on_screen(user_id) == ["citizenUserIdWindow"]  # the citizen had not finished reading
    assert _on_screen(code) == ["activationCodeDialog"]
    window.visit.close_citizen_windows()
    window.runner.wait_for_done()


def test_finishing_the_visit_closes_the_user_id_and_the_code(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    user_id, code = _user_id_and_code(qtbot, window, sqlite_services, clerk_ctx)
    panel: RecoveryPanel = window.visit.recovery
    window.visit.finish_visit()
    qtbot.waitUntil(lambda: window.visit.visit is None, timeout=10_000)
    assert _on_screen(user_id) == [] and _on_screen(code) == [], "the last citizen's user ID waits for the next one"
    assert panel.citizen_window is None and panel.code_dialog is None
    window.runner.wait_for_done()


def test_signing_out_leaves_no_user_id_for_the_next_clerk(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    user_id, code = _user_id_and_code(qtbot, window, sqlite_services, clerk_ctx)
    window.sign_out()  # the visit is open: asked first, then finished, then signed out
    qtbot.waitUntil(lambda: isinstance(window.question, QMessageBox) and window.question.isVisible())
    question = window.question
    assert question is not None
    leave = question.findChild(QAbstractButton, "leave")
    assert leave is not None
    qtbot.mouseClick(leave, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.login is not None and window.login.isVisible(), timeout=10_000)
    try:
        assert _on_screen(user_id) == [] and _on_screen(code) == [], "shown at the sign-in for the next clerk"
    finally:
        window.runner.wait_for_done()
        login = window.login
        if login is not None:
            login.reject()  # nobody signs in: the program ends, as at the counter


def test_a_visit_is_not_finished_while_its_errand_is_saved(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """"Show user ID" is saved, then the clerk finishes the visit before the answer is back. The visit ended
    and the gone citizen's user ID opened afterwards, over the next citizen's visit (found in review, stop 32).
    The visit now waits, says why, and the user ID comes to the citizen it is for."""
    candidate = appointment_with_apps(sqlite_services, clerk_ctx, TODAY, 1)
    panel = _serve(qtbot, window, candidate)
    add_health_card(qtbot, window, candidate)
    answer_questions(qtbot, window)
    release = threading.Event()
    real = sqlite_services.recovery.show_user_id

    def slow(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        release.wait(15)
        return result

    monkeypatch.setattr(sqlite_services.recovery, "show_user_id", slow)
    press(qtbot, window, "Ctrl+Shift+I")
    confirm(qtbot, dialog_of(qtbot, panel, QWidget))
    visit = window.visit.visit
    try:
        qtbot.waitUntil(lambda: panel.calls.busy)
        window.visit.finish_visit()
        qtbot.waitUntil(lambda: "still being saved" in window.visit.feedback.text())
        assert window.visit.visit == visit
    finally:
        release.set()
    qtbot.waitUntil(lambda: panel.citizen_window is not None and panel.citizen_window.isVisible(), timeout=15_000)
    assert window.visit.visit == visit
    window.visit.close_citizen_windows()
