"""Driving the Serving tab's identity assurance (ui/recovery_panel.py) by keys and clicks, for the errand
tests and for every test that lifts a whole-MitID block (which needs documents and questions first)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from borgerservice_desk.domain.assurance.levels import Level
from tests.support.journey import Candidate
from tests.ui.helpers import back_to_window
from ui.main_window import MainWindow
from ui.recovery_dialogs import DocumentDialog, QuestionsDialog, WitnessDialog
from ui.recovery_panel import RecoveryPanel


def press(qtbot: QtBot, window: MainWindow, keys: str) -> None:
    back_to_window(qtbot, window)
    key, *mods = reversed(keys.split("+"))
    modifiers = Qt.KeyboardModifier.NoModifier
    for mod in mods:
        modifiers |= {"Ctrl": Qt.KeyboardModifier.ControlModifier, "Shift": Qt.KeyboardModifier.ShiftModifier}[mod]
    qtbot.keyClick(window.visit.mitid.methods_view, getattr(Qt.Key, f"Key_{key}"), modifiers)


def dialog_of(qtbot: QtBot, panel: RecoveryPanel, kind: type[QWidget]) -> QWidget:
    qtbot.waitUntil(lambda: isinstance(panel.dialog, kind) and panel.dialog.isVisible(), timeout=10_000)
    assert panel.dialog is not None
    return panel.dialog


def confirm(qtbot: QtBot, dialog: QWidget) -> None:
    confirm = dialog.findChild(QPushButton, "confirmErrand")
    assert confirm is not None and confirm.isEnabled()
    qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)


def tick(qtbot: QtBot, button: QWidget | None) -> None:
    """Tick a check box or radio button with the keyboard, as the clerk would."""
    assert button is not None
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)


def add_health_card(qtbot: QtBot, window: MainWindow, candidate: Candidate) -> None:
    panel = window.visit.recovery
    press(qtbot, window, "Ctrl+Shift+D")
    dialog = dialog_of(qtbot, panel, DocumentDialog)
    kind = dialog.findChild(QComboBox, "documentKind")
    assert kind is not None
    kind.setCurrentIndex(kind.findData("health_card"))
    cpr = dialog.findChild(QLineEdit, "documentCpr")
    assert cpr is not None and candidate.citizen.cpr is not None
    qtbot.keyClicks(cpr, candidate.citizen.cpr)
    confirm(qtbot, dialog)
    qtbot.waitUntil(lambda: "counts" in window.visit.feedback.text(), timeout=10_000)
    qtbot.waitUntil(lambda: panel.overview is not None and panel.overview.level >= Level.SUBSTANTIAL, timeout=10_000)


def answer_questions(qtbot: QtBot, window: MainWindow, *, right: bool = True) -> None:
    panel = window.visit.recovery
    press(qtbot, window, "Ctrl+Shift+S")
    try:
        dialog = dialog_of(qtbot, panel, QuestionsDialog)
    except qtbot.TimeoutError as timeout:  # say what the window said instead of asking
        raise AssertionError(f"no questions: {window.visit.feedback.text()!r}") from timeout
    assert isinstance(dialog, QuestionsDialog)
    assert not dialog.confirm.isEnabled()  # every question marked first
    for index in range(len(dialog.right)):
        expected = dialog.findChild(QLabel, f"expected_{index}")
        assert expected is not None and "for you only" in expected.text()
        button = dialog.findChild(QRadioButton, f"{'right' if right else 'wrong'}_{index}")
        tick(qtbot, button)
    confirm(qtbot, dialog)
    qtbot.waitUntil(lambda: "answers right" in window.visit.feedback.text(), timeout=10_000)
    if right:
        qtbot.waitUntil(lambda: panel.overview is not None and panel.overview.questions_passed, timeout=10_000)




def find_witness(qtbot: QtBot, dialog: QWidget, cpr: str) -> str:
    """Type the witness's CPR number as the clerk does (a whole number asks for whose record it finds) and
    wait for the name the dialog then shows; accepting is possible only from then on. Returns that text."""
    assert isinstance(dialog, WitnessDialog)
    field = dialog.findChild(QLineEdit, "witnessCpr")
    assert field is not None
    field.setFocus()
    qtbot.keyClicks(field, cpr)
    try:
        qtbot.waitUntil(lambda: dialog.found is not None, timeout=10_000)
    except qtbot.TimeoutError as timeout:  # say what the dialog said instead
        raise AssertionError(f"no witness found: {dialog.found_label.text()!r}") from timeout
    return dialog.found_label.text()
