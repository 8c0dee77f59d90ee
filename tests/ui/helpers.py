"""Driving the real widgets the way a clerk does: keys and clicks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLineEdit,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def click_row(qtbot: QtBot, view: QTableView, row: int) -> None:
    index: QModelIndex = view.model().index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def back_to_window(qtbot: QtBot, window: QWidget, timeout_ms: int = 5000) -> None:
    """Give the keys back to `window`, as the window system does once a dialog has closed.

    The offscreen platform does not give the focus back after a dialog by itself. Nor do `waitActive` and
    `isActiveWindow()` tell when it has: while the closed dialog is still the focus window, Qt counts its
    parent window as active (the dialog is its transient child), but shortcuts follow
    QApplication.activeWindow(), still the dialog, and a Ctrl+N pressed then does nothing (CI, stop 32:
    2 runs in 20 under load)."""
    if QApplication.activeWindow() is window:
        return
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=timeout_ms)


def when_modal_opens(qtbot: QtBot, act: Callable[[QWidget], None], timeout_ms: int = 5000) -> None:
    """Act on the next modal dialog once it is shown (it blocks the test while it runs exec())."""
    waited = {"ms": 0}

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible():
            try:
                act(dialog)
            finally:
                # Whatever happened, never leave the test blocked in the dialog's exec().
                if dialog.isVisible() and isinstance(dialog, QDialog):
                    dialog.reject()
        elif waited["ms"] < timeout_ms:
            waited["ms"] += 50
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)


def choose_file(qtbot: QtBot, parent: QWidget, path: Path) -> None:
    """Type the path into the open file dialog and press Enter."""
    qtbot.waitUntil(lambda: parent.findChild(QFileDialog) is not None and parent.findChild(QFileDialog).isVisible())
    dialog = parent.findChild(QFileDialog)
    assert dialog is not None
    name_edit = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name_edit is not None

    def typed_and_kept() -> bool:
        # The dialog clears the name when its folder listing arrives, which it loads in the background;
        # like a clerk whose typing vanished, type it again until it stays.
        if name_edit.text() == str(path):
            return True
        name_edit.clear()
        qtbot.keyClicks(name_edit, str(path))
        return False

    qtbot.waitUntil(lambda: typed_and_kept() and (qtbot.wait(200) is None) and typed_and_kept())
    completer = name_edit.completer()
    if completer is not None:  # the completion list would take the Enter meant for the dialog
        completer.popup().hide()
    qtbot.keyClick(name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def wait_for_check(qtbot: QtBot, identity: QWidget, timeout_ms: int = 10_000) -> None:
    """The check is saved in the background, and the citizen's MitID read again after it: wait for both, as
    the clerk waits for the verdict and the actions it allows."""
    qtbot.waitUntil(lambda: not identity.saving, timeout=timeout_ms)  # type: ignore[attr-defined]
    wait_for_mitid(qtbot, identity, timeout_ms)


def wait_for_mitid(qtbot: QtBot, inside: QWidget, timeout_ms: int = 10_000) -> None:
    """The Serving tab that holds `inside` (or is it) has read the citizen's MitID again."""
    from ui.visit_panel import VisitPanel

    panel: QWidget | None = inside
    while panel is not None and not isinstance(panel, VisitPanel):
        panel = panel.parentWidget()
    if isinstance(panel, VisitPanel):
        visit = panel
        qtbot.waitUntil(lambda: not visit.loading, timeout=timeout_ms)


def find(widget: QWidget, kind: type, name: str) -> object:
    found = widget.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} named {name!r}"
    return found


def confirm_action(qtbot: QtBot, dialog: QWidget) -> None:
    """Tick "I have told the citizen" and confirm, with the keyboard as a clerk would."""
    from PySide6.QtWidgets import QCheckBox, QPushButton

    told = dialog.findChild(QCheckBox, "toldCitizen")
    confirm = dialog.findChild(QPushButton, "confirmAction")
    assert told is not None and confirm is not None
    told.setFocus()
    qtbot.keyClick(told, Qt.Key.Key_Space)
    assert told.isChecked() and confirm.isEnabled()
    confirm.setFocus()
    qtbot.keyClick(confirm, Qt.Key.Key_Space)


def open_main_window(qtbot: QtBot, services: object, ctx: object, language: str = "en") -> MainWindow:
    """The real main window, shown, active, with the day's list loaded: where a clerk starts."""
    from ui.main_window import MainWindow

    window = MainWindow(services, ctx, language)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    back_to_window(qtbot, window)
    qtbot.waitUntil(lambda: window.today.model.rowCount() > 0)
    # What the tabs offer to choose from (counters, services, the dates) is read off the UI thread too.
    qtbot.waitUntil(lambda: window.queue.ready and window.statistics.ready)
    return window


def after_timers_due_within(qtbot: QtBot, ms: int) -> None:
    """Return once every Qt timer started before this call with an interval up to `ms` has fired.

    Qt fires timers in the order they fall due, so a single-shot timer started now for longer than `ms`
    fires after all of those: its firing is the positive signal that a timer-driven change (a message
    expiring, held keys flushed) would have happened by now, without guessing a fixed wait.
    """
    fired: list[bool] = []
    QTimer.singleShot(ms + 1, lambda: fired.append(True))
    qtbot.waitUntil(lambda: bool(fired), timeout=ms + 5000)
