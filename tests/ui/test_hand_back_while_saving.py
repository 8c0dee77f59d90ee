"""A supervisor who took over confirms a block and presses "Give back" while it is still being saved. The
supervisor's tabs go with the hand back, so the block's answer would find nobody: saved, but no receipt for
the citizen and no word of it. The hand back is refused until the save is done, and then goes as always."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.services.context import ClerkContext
from tests.conftest import TODAY
from tests.support.journey import appointment_with_apps
from tests.ui.helpers import back_to_window, click_row, confirm_action, wait_for_mitid, when_modal_opens
from tests.ui.test_mitid_page import _serve
from ui.main_window import MainWindow
from ui.receipt_dialog import ReceiptDialog


def test_give_back_waits_for_the_supervisors_action_to_be_saved(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    candidate = appointment_with_apps(sqlite_services, clerk_ctx, TODAY, 1)
    _serve(qtbot, window, candidate)
    supervisor = sqlite_services.auth.sign_in("supervisor", "demo")
    window._taken_over_by(supervisor)  # as the TakeOverDialog does once the password is right
    assert window.taken_over
    wait_for_mitid(qtbot, window.visit)

    release = threading.Event()
    real = sqlite_services.mitid.block_app

    def slow_block(*args: Any, **kwargs: Any) -> Any:
        release.wait(15)
        return real(*args, **kwargs)

    monkeypatch.setattr(sqlite_services.mitid, "block_app", slow_block)
    receipts: list[ReceiptDialog] = []
    window.visit.receipt_shown.connect(receipts.append)
    rows = window.visit.mitid.methods.rows()
    click_row(qtbot, window.visit.mitid.methods_view, next(i for i, m in enumerate(rows) if m.counts_as_active_app))
    back_to_window(qtbot, window)
    when_modal_opens(qtbot, lambda dialog: confirm_action(qtbot, dialog))
    qtbot.keyClick(window.visit.mitid.methods_view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    try:
        qtbot.waitUntil(lambda: window.saving)
        qtbot.mouseClick(window.hand_back_button, Qt.MouseButton.LeftButton)
        assert window.taken_over, "handed back while the supervisor's block was still being saved"
        assert "still being saved" in window.statusBar().currentMessage()
    finally:
        release.set()

    qtbot.waitUntil(lambda: len(receipts) == 1 and receipts[0].isVisible(), timeout=15_000)
    assert receipts[0].windowTitle().endswith(receipts[0].path.stem)  # the citizen's receipt, for the block
    receipts[0].close()
    qtbot.mouseClick(window.hand_back_button, Qt.MouseButton.LeftButton)  # once saved, it goes as always
    assert not window.taken_over
    window.runner.wait_for_done()
