"""The clerk confirms an errand or a MitID action and locks the desk (Ctrl+Shift+L) while it is being saved.
Its result (the activation code with its slip, the user ID, the receipt with the citizen's name) comes back
whenever the save is done: it waits for the unlock instead of opening over the lock cover, in view of
whoever stands at the desk, where a window-modal receipt would also block the password."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.services.context import ClerkContext
from tests.conftest import TODAY
from tests.support.journey import appointment_with_apps
from tests.ui.helpers import back_to_window, click_row, confirm_action, wait_for_mitid, when_modal_opens
from tests.ui.recovery_helpers import add_health_card, answer_questions, dialog_of, press
from tests.ui.test_mitid_page import _serve as serve_for_actions
from tests.ui.test_recovery_errands import _serve as serve_for_errands
from ui.main_window import MainWindow
from ui.receipt_dialog import ReceiptDialog


@pytest.fixture
def held() -> Iterator[threading.Event]:
    """Set to let a held save go on; set in the end whatever happened, so no worker is left waiting."""
    release = threading.Event()
    yield release
    release.set()


def _hold(monkeypatch: pytest.MonkeyPatch, service: object, name: str, release: threading.Event) -> None:
    """Make `service.name` wait for `release` in its worker: the save is still out while the clerk locks."""
    real: Callable[..., Any] = getattr(service, name)

    def slow(*args: Any, **kwargs: Any) -> Any:
        release.wait(15)
        return real(*args, **kwargs)

    monkeypatch.setattr(service, name, slow)


def _over_the_cover() -> list[str]:
    return [w.objectName() or type(w).__name__ for w in QApplication.topLevelWidgets()
            if w.isVisible() and not isinstance(w, MainWindow)]


def _lock_until_saved(qtbot: QtBot, window: MainWindow, release: threading.Event) -> None:
    qtbot.waitUntil(lambda: window.saving)
    window.lock_manually()  # the clerk steps away at once
    assert window.locked
    release.set()
    qtbot.waitUntil(lambda: not window.saving, timeout=30_000)
    qtbot.wait(100)  # what the answer opens is shown by now, if it is
    assert window.locked


def _unlock(qtbot: QtBot, window: MainWindow) -> None:
    assert QApplication.activeModalWidget() is None, "a dialog blocks the password"
    qtbot.keyClicks(window.cover.password, "demo")
    qtbot.keyClick(window.cover.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.locked, timeout=15_000)


def test_the_activation_code_and_its_receipt_wait_for_the_unlock(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext,
    monkeypatch: pytest.MonkeyPatch, held: threading.Event,
) -> None:
    candidate = appointment_with_apps(sqlite_services, clerk_ctx, TODAY, 1)
    panel = serve_for_errands(qtbot, window, candidate)
    add_health_card(qtbot, window, candidate)
    answer_questions(qtbot, window)
    _hold(monkeypatch, sqlite_services.recovery, "issue_activation_code", held)
    receipts: list[ReceiptDialog] = []
    window.visit.receipt_shown.connect(receipts.append)
    press(qtbot, window, "Ctrl+Shift+C")
    confirm = dialog_of(qtbot, panel, QWidget).findChild(QPushButton, "confirmErrand")
    assert confirm is not None
    qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)

    _lock_until_saved(qtbot, window, held)
    assert _over_the_cover() == [], "opened over the lock cover"
    assert panel.code_dialog is not None and len(receipts) == 1  # made, and waiting

    _unlock(qtbot, window)
    assert panel.code_dialog.isVisible() and receipts[0].isVisible()  # the citizen gets both after all
    receipts[0].close()
    panel.code_dialog.close()
    window.runner.wait_for_done()


def test_the_user_id_waits_for_the_unlock(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext,
    monkeypatch: pytest.MonkeyPatch, held: threading.Event,
) -> None:
    candidate = appointment_with_apps(sqlite_services, clerk_ctx, TODAY, 1)
    panel = serve_for_errands(qtbot, window, candidate)
    add_health_card(qtbot, window, candidate)
    answer_questions(qtbot, window)
    _hold(monkeypatch, sqlite_services.recovery, "show_user_id", held)
    receipts: list[ReceiptDialog] = []
    window.visit.receipt_shown.connect(receipts.append)
    press(qtbot, window, "Ctrl+Shift+I")
    confirm = dialog_of(qtbot, panel, QWidget).findChild(QPushButton, "confirmErrand")
    assert confirm is not None
    qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)

    _lock_until_saved(qtbot, window, held)
    assert _over_the_cover() == [], "the citizen's user ID opened over the lock cover"

    _unlock(qtbot, window)
    assert panel.citizen_window is not None and panel.citizen_window.isVisible()
    assert len(receipts) == 1 and receipts[0].isVisible()
    window.visit.close_citizen_windows()
    receipts[0].close()
    window.runner.wait_for_done()


def test_a_mitid_actions_receipt_waits_for_the_unlock(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext,
    monkeypatch: pytest.MonkeyPatch, held: threading.Event,
) -> None:
    candidate = appointment_with_apps(sqlite_services, clerk_ctx, TODAY, 1)
    serve_for_actions(qtbot, window, candidate)
    wait_for_mitid(qtbot, window.visit)
    _hold(monkeypatch, sqlite_services.mitid, "block_app", held)
    receipts: list[ReceiptDialog] = []
    window.visit.receipt_shown.connect(receipts.append)
    rows = window.visit.mitid.methods.rows()
    click_row(qtbot, window.visit.mitid.methods_view, next(i for i, m in enumerate(rows) if m.counts_as_active_app))
    back_to_window(qtbot, window)
    when_modal_opens(qtbot, lambda dialog: confirm_action(qtbot, dialog))
    qtbot.keyClick(window.visit.mitid.methods_view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)

    _lock_until_saved(qtbot, window, held)
    assert len(receipts) == 1
    assert _over_the_cover() == [], "the receipt opened over the lock cover"

    _unlock(qtbot, window)
    assert receipts[0].isVisible() and QApplication.activeModalWidget() is receipts[0]
    receipts[0].close()
    window.runner.wait_for_done()
