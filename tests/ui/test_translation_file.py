"""The Danish translation ships as package data, is built from the .ts when missing or stale, and a
desk that cannot load it says so (log and message box) instead of silently showing English."""

from __future__ import annotations

import logging
import os
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.conftest import REPOSITORY, TRANSLATION, TRANSLATION_SOURCE, build_translation


@pytest.fixture
def keep_locale() -> Iterator[None]:
    previous = QLocale()
    yield
    QLocale.setDefault(previous)


def test_the_translation_is_package_data_where_the_window_loads_it() -> None:
    from ui.app import I18N_DIR

    package_data = tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]
    assert I18N_DIR / "desk_da.qm" == TRANSLATION
    assert TRANSLATION.parent.parent == REPOSITORY / "ui" and "i18n/*.qm" in package_data["ui"]
    assert TRANSLATION.exists()


def test_a_missing_translation_is_built_and_a_stale_one_rebuilt(tmp_path: Path) -> None:
    source = tmp_path / "desk_da.ts"
    shutil.copy(TRANSLATION_SOURCE, source)
    built = tmp_path / "i18n" / "desk_da.qm"

    assert build_translation(source, built) is True
    translator = QTranslator()
    assert translator.load(str(built))
    assert translator.translate("messages", "Wrong user name or password.") == "Forkert brugernavn eller adgangskode."
    assert build_translation(source, built) is False  # up to date: left alone

    later = built.stat().st_mtime + 10
    os.utime(source, (later, later))
    assert build_translation(source, built) is True


def test_a_translation_that_cannot_be_loaded_is_logged_and_shown(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
    keep_locale: None,
) -> None:
    import ui.app

    monkeypatch.setattr(ui.app, "I18N_DIR", tmp_path)  # no desk_da.qm there
    shown: list[str] = []
    with caplog.at_level(logging.WARNING, logger="ui.app"):
        translators = ui.app.install_translators(qapp, "da", warn=shown.append)
    for translator in translators:
        qapp.removeTranslator(translator)

    assert len(shown) == 1 and str(tmp_path / "desk_da.qm") in shown[0]
    assert "Den danske oversættelse kunne ikke indlæses" in shown[0] and "could not be loaded" in shown[0]
    assert [r.getMessage() for r in caplog.records if r.name == "ui.app"] == shown


def test_the_loaded_translation_warns_nobody(
    qapp: QApplication, caplog: pytest.LogCaptureFixture, keep_locale: None
) -> None:
    from ui.app import install_translators

    shown: list[str] = []
    with caplog.at_level(logging.WARNING, logger="ui.app"):
        translators = install_translators(qapp, "da", warn=shown.append)
    for translator in translators:
        qapp.removeTranslator(translator)

    assert shown == [] and not [r for r in caplog.records if r.name == "ui.app"]


def test_the_window_start_up_shows_the_warning(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep_locale: None
) -> None:
    import ui.app
    from borgerservice_desk import cli

    boxes: list[tuple[str, str]] = []

    def box(kind: str) -> object:
        def show(_parent: object, _title: str, text: str, *args: object) -> QMessageBox.StandardButton:
            boxes.append((kind, text))
            return QMessageBox.StandardButton.Ok

        return staticmethod(show)

    monkeypatch.setattr(QMessageBox, "warning", box("warning"))
    monkeypatch.setattr(QMessageBox, "critical", box("critical"))
    monkeypatch.setattr(ui.app, "I18N_DIR", tmp_path / "nothing-here")
    (tmp_path / "data").write_text("a file")  # the start then stops: a data folder under a file
    previous_umask = os.umask(0o022)
    try:
        assert cli.main(["--language", "da", "--data-dir", str(tmp_path / "data" / "desk")]) == 2
    finally:
        os.umask(previous_umask)
        for translator in qapp.findChildren(QTranslator):
            qapp.removeTranslator(translator)

    assert [kind for kind, _text in boxes] == ["warning", "critical"]
    assert "could not be loaded" in boxes[0][1]
