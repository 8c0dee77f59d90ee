"""Find citizen with a clerk's keys: Enter searches from every field, the birth date takes digits as typed,
and a CPR number typed in name mode is looked up as the number it is."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.storage.models import Citizen
from ui.lookup_panel import MODES, LookupPanel
from ui.main_window import MainWindow


def _someone(services: Services) -> Citizen:
    with services.db.read() as session:
        citizen = session.scalars(select(Citizen).where(Citizen.cpr.is_not(None)).order_by(Citizen.id)).first()
        assert citizen is not None
        session.expunge(citizen)
        return citizen


def _name_mode(qtbot: QtBot, window: MainWindow) -> LookupPanel:
    window.tabs.setCurrentWidget(window.lookup)
    panel = window.lookup
    panel.mode.setCurrentIndex(MODES.index("name_birth"))
    return panel


def test_the_birth_date_takes_digits_straight_away(qtbot: QtBot, window: MainWindow, sqlite_services: Services) -> None:
    citizen = _someone(sqlite_services)
    panel = _name_mode(qtbot, window)
    qtbot.keyClicks(panel.query, f"{citizen.given_names} {citizen.surname}")
    # A click anywhere in the empty field, then the digits: no part to select first, no dashes to type.
    qtbot.mouseClick(panel.birth_date, Qt.MouseButton.LeftButton, pos=panel.birth_date.rect().center())
    qtbot.keyClicks(panel.birth_date, citizen.birth_date.strftime("%d%m%Y"))
    assert panel.birth_date.text() == citizen.birth_date.strftime("%d-%m-%Y")
    assert panel.birth_date.birth_date() == citizen.birth_date
    qtbot.keyClick(panel.birth_date, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.loading)  # searched off the UI thread
    assert panel.results.rowCount() >= 1, panel.feedback.text()
    assert citizen.surname in panel.citizen_label.text()


def test_dashes_typed_by_habit_are_taken_too(qtbot: QtBot, window: MainWindow) -> None:
    panel = _name_mode(qtbot, window)
    panel.birth_date.setFocus()
    qtbot.keyClicks(panel.birth_date, "15-03-1980")
    assert panel.birth_date.birth_date() == date(1980, 3, 15)


def test_no_or_an_impossible_birth_date_is_explained(qtbot: QtBot, window: MainWindow) -> None:
    panel = _name_mode(qtbot, window)
    qtbot.keyClicks(panel.query, "Søren Jensen")
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.loading)  # searched off the UI thread
    assert "DD-MM-YYYY" in panel.feedback.text() and panel.results.rowCount() == 0
    qtbot.keyClicks(panel.birth_date, "31021980")
    assert panel.birth_date.birth_date() is None


@pytest.mark.parametrize("field", ["query", "birth_date", "purpose", "mode"])
def test_enter_searches_from_every_field(qtbot: QtBot, window: MainWindow, sqlite_services: Services, field: str) -> None:
    citizen = _someone(sqlite_services)
    panel = _name_mode(qtbot, window)
    qtbot.keyClicks(panel.query, citizen.surname)
    panel.birth_date.set_birth_date(citizen.birth_date)
    widget: QWidget = getattr(panel, field)
    if field == "purpose":
        widget = panel.purpose.lineEdit()
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    qtbot.waitUntil(lambda: not panel.loading)  # searched off the UI thread
    assert panel.results.rowCount() >= 1, panel.feedback.text()
    assert citizen.surname in panel.citizen_label.text()


def test_a_cpr_number_typed_in_name_mode_is_looked_up_by_cpr(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services
) -> None:
    citizen = _someone(sqlite_services)
    cpr = citizen.cpr
    assert cpr is not None
    panel = _name_mode(qtbot, window)
    qtbot.keyClicks(panel.query, f"{cpr[:6]}-{cpr[6:]}")
    qtbot.keyClick(panel.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.loading)  # searched off the UI thread
    assert panel.mode.currentData() == "cpr"
    assert citizen.surname in panel.citizen_label.text()
    assert f"{cpr[:6]}-XXXX" in panel.citizen_label.text()
    assert panel.query.text() == ""  # the number typed does not stay on screen unmasked


def test_a_short_number_is_not_a_cpr_number_in_danish(qtbot: QtBot, sqlite_services: Services, danish: None) -> None:
    from tests.ui.helpers import open_main_window

    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = open_main_window(qtbot, sqlite_services, ctx, "da")
    window.tabs.setCurrentWidget(window.lookup)
    qtbot.keyClicks(window.lookup.query, "80050")
    qtbot.keyClick(window.lookup.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.lookup.loading)  # searched off the UI thread
    assert "'80050' er ikke et CPR-nummer" in window.lookup.feedback.text()
    window.runner.wait_for_done()
