"""The window says plainly when a typed text is too long or holds a control character."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.text_limits import PURPOSE_MAX
from borgerservice_desk.services.context import ClerkContext
from tests.conftest import TODAY
from tests.support.journey import appointment_with_active_app
from ui.main_window import MainWindow


def test_an_over_long_purpose_is_explained_and_a_good_one_then_works(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    candidate = appointment_with_active_app(sqlite_services, clerk_ctx, TODAY)
    cpr = candidate.citizen.cpr
    assert cpr is not None
    window.tabs.setCurrentWidget(window.lookup)
    window.lookup.purpose.setEditText("p" * (PURPOSE_MAX + 1))
    qtbot.keyClicks(window.lookup.query, cpr)
    qtbot.keyClick(window.lookup.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.lookup.loading)  # searched off the UI thread
    assert f"The purpose is too long: at most {PURPOSE_MAX} characters" in window.lookup.feedback.text()
    assert window.lookup.results.rowCount() == 0

    window.lookup.purpose.setEditText("Counter\x00visit")
    window.lookup.query.clear()
    qtbot.keyClicks(window.lookup.query, cpr)
    qtbot.keyClick(window.lookup.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.lookup.loading)  # searched off the UI thread
    assert "The purpose holds a control character" in window.lookup.feedback.text()

    window.lookup.purpose.setEditText("Counter visit")
    window.lookup.query.clear()
    qtbot.keyClicks(window.lookup.query, cpr)
    qtbot.keyClick(window.lookup.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.lookup.loading)  # searched off the UI thread
    assert candidate.citizen.surname in window.lookup.citizen_label.text()


def test_the_text_messages_are_danish(qapp: object) -> None:
    from PySide6.QtWidgets import QApplication

    from borgerservice_desk.errors import InvalidInput
    from ui.app import install_translators
    from ui.messages import describe_error

    assert isinstance(qapp, QApplication)
    translators = install_translators(qapp, "da")
    try:
        too_long = describe_error(InvalidInput("text.too_long", field="purpose", limit=200))
        assert too_long == "Formålet er for lang: højst 200 tegn. Intet blev gemt."
        bad = describe_error(InvalidInput("text.invalid_characters", field="username"))
        assert bad.startswith("Brugernavnet indeholder et styretegn")
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
