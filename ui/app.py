"""Application set-up: the QApplication, its translators and the language."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"


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


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Danish is the clerks' language; English needs no translator (it is the source text)."""
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
    if ours.load(str(I18N_DIR / "desk_da.qm")):
        app.installTranslator(ours)
        translators.append(ours)
    return translators
