"""Fixtures for the window tests: a signed-in clerk and the real main window on demo data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.services.context import ClerkContext
from tests.ui.helpers import open_main_window
from ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path) -> Iterator[Path]:
    """Each test keeps what the window remembers (splitter sizes) in a folder of its own: nothing from the
    clerk's real settings, nor from an earlier test, shapes the window under test."""
    folder = tmp_path / "settings"
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture
def clerk_ctx(sqlite_services: Services) -> ClerkContext:
    return sqlite_services.auth.sign_in("clerk", "demo")


@pytest.fixture
def window(qtbot: QtBot, sqlite_services: Services, clerk_ctx: ClerkContext) -> Iterator[MainWindow]:
    main = open_main_window(qtbot, sqlite_services, clerk_ctx)
    yield main
    main.runner.wait_for_done()


@pytest.fixture
def danish(qapp: QApplication) -> Iterator[None]:
    """The window in Danish, as the clerks run it: Qt's own Danish and ours installed, removed after. It
    asks for pytest-qt's application itself: a test of wordings alone that a worker ran first had none."""
    from ui.app import I18N_DIR, install_translators

    assert (I18N_DIR / "desk_da.qm").exists(), "tests/conftest.py builds it (pyside6-lrelease)"
    app = qapp
    previous = QLocale()
    translators = install_translators(app, "da")
    yield
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(previous)
