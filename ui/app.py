"""Application set-up: the QApplication, its translators and the language."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

# The built translation ships inside the package (package data), beside the code that loads it; it is built
# from resources/i18n/desk_da.ts, the file translators edit and git keeps (`make`, or tests/conftest.py).
I18N_DIR = Path(__file__).resolve().parent / "i18n"
TRANSLATION_SOURCE = Path(__file__).resolve().parent.parent / "resources" / "i18n" / "desk_da.ts"

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("Borgerservice Desk")
    app.setOrganizationName("borgerservice-desk")
    from ui.camera_dialog import remove_left_pictures

    # Camera pictures are deleted once their check is saved; one a crash or a close mid-read left behind
    # goes at the next start, and any still there at quit (the read or save it waited for was cut short).
    remove_left_pictures(older_than_seconds=600)
    app.aboutToQuit.connect(lambda: remove_left_pictures(older_than_seconds=0))
    return app


def install_translators(
    app: QApplication, language: str, *, warn: Callable[[str], object] | None = None
) -> list[QTranslator]:
    """Danish is the clerks' language; English needs no translator (it is the source text).

    When the desk's own Danish translation cannot be loaded the window would silently come up in English:
    that is logged, and `warn` (the window's start-up passes a message box) is given the text to show."""
    translators: list[QTranslator] = []
    if language != "da":
        return translators
    QLocale.setDefault(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
    qt_own = QTranslator(app)
    if qt_own.load("qtbase_da", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        translators.append(qt_own)
    # Installed last, so it is asked first: besides the desk's own texts it holds the few of Qt's own that
    # Qt 6 reworded and qtbase_da.qm still lacks (the file dialog's "&Look in:", "Files of &type:").
    ours = QTranslator(app)
    path = I18N_DIR / "desk_da.qm"
    if ours.load(str(path)):
        app.installTranslator(ours)
        translators.append(ours)
    else:
        text = missing_translation_text(path)
        log.warning("%s", text)
        if warn is not None:
            warn(text)
    return translators


def missing_translation_text(path: Path) -> str:
    # In both languages: without the translation no Danish text can be had from it.
    return (
        f"Den danske oversættelse kunne ikke indlæses ({path}); vinduet vises på engelsk. "
        "Kontakt IT-support.\n\n"
        f"The Danish translation could not be loaded ({path}); the window is shown in English. "
        "Ask IT support."
    )
