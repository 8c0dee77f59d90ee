"""Screenshot of the Serving tab at 1280×800 in Danish, for the README (docs/serving-1280x800.png).

A demo citizen with three apps, a code display, a chip and a history, checked in and through a passed
passport check, as a clerk sees them. Run under Xvfb so the fonts and style are a real desktop's:

    QT_QPA_PLATFORM=xcb xvfb-run -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshot_serving.py
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QSettings, QTimer  # noqa: E402

TODAY = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def main(out: Path, *, details: bool = False, expired: bool = False) -> None:
    from borgerservice_desk.bootstrap import build_services
    from borgerservice_desk.config import Paths
    from borgerservice_desk.demo import seed_demo_data
    from borgerservice_desk.storage.database import Database, sqlite_url
    from tests.support.journey import appointment_with_apps, give_every_method, passport_for
    from ui.app import create_application, install_translators
    from ui.main_window import MainWindow

    work = Path(tempfile.mkdtemp(prefix="desk-shot-"))
    # Sizes a clerk dragged earlier must not shape the documentation: a settings file of its own.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    app = create_application([sys.argv[0]])
    install_translators(app, "da")
    db = Database.open(sqlite_url(work / "desk.sqlite3"))
    seed_demo_data(db, today=TODAY, citizens=150)
    services = build_services(db, Paths(work / "data"), clock=lambda: NOW)
    ctx = services.auth.sign_in("clerk", "demo")
    candidate = appointment_with_apps(services, ctx, TODAY, active=3)
    give_every_method(db, candidate.citizen.id, NOW)

    window = MainWindow(services, ctx, "da")
    window.resize(1280, 800)
    window.show()
    visit = services.appointments.check_in(ctx, candidate.appointment.id)
    window.desk.open_visit(visit)
    panel = window.visit
    panel.mrz_edit.setPlainText("\n".join(passport_for(candidate.citizen, expiry=TODAY + timedelta(days=-3 if expired else 900))))
    panel.check_typed()

    def shoot() -> None:
        if panel.identity.saving or panel.last_check is None:
            QTimer.singleShot(100, shoot)
            return
        panel.identity.details_button.setChecked(details)
        QTimer.singleShot(500, lambda: (save(window.grab().toImage(), out), print(out), app.quit()))

    QTimer.singleShot(300, shoot)
    QTimer.singleShot(30_000, app.quit)
    app.exec()
    window.runner.wait_for_done()
    QCoreApplication.processEvents()


def save(image: "QImage", out: Path) -> None:
    """A small PNG: a window has few colours, so 256 of them lose nothing a reader would see."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    small = image.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
    small.save(str(out), "PNG", 0)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(
        Path(args[0]) if args else ROOT / "docs" / "serving-1280x800.png",
        details="--details" in sys.argv,
        expired="--expired" in sys.argv,
    )
