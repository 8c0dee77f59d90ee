"""Borgerservice Desk: the one place that wires settings, database, services and the window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract is about four times slower without it

from borgerservice_desk.config import Paths  # noqa: E402
from borgerservice_desk.storage.database import DATABASE_URL_ENV, sqlite_url  # noqa: E402


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="borgerservice-desk", description=__doc__)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(DATABASE_URL_ENV),
        help=f"SQLAlchemy URL, e.g. postgresql://user@host/desk (also ${DATABASE_URL_ENV}); "
        "default: an SQLite file in the user's data folder",
    )
    parser.add_argument("--data-dir", type=Path, help="folder for the database file and receipt archive")
    parser.add_argument("--language", choices=("da", "en"), default="da", help="the window's language")
    parser.add_argument("--no-demo", action="store_true", help="do not seed demo data into an empty database")
    parser.add_argument("--user", help="pre-fill the sign-in with this user name")
    commands = parser.add_subparsers(dest="command")
    purge = commands.add_parser(
        "purge-appointments",
        help="delete appointments that ended more than DAYS ago (for the centre to schedule, e.g. nightly)",
    )
    purge.add_argument("--older-than-days", type=int, required=True, metavar="DAYS")
    return parser.parse_args(argv)


def purge_appointments(url: str, days: int) -> int:
    """The privacy clean-up, without a window: usable from cron or a systemd timer."""
    from borgerservice_desk.errors import DeskError
    from borgerservice_desk.services.appointments import AppointmentService
    from borgerservice_desk.storage.database import Database

    try:
        db = Database.open(url)
        deleted = AppointmentService(db).purge_older_than(days)
    except DeskError as error:
        print(f"purge-appointments: {error}", file=sys.stderr)
        return 2
    print(f"deleted {deleted} appointments that ended more than {days} days ago")
    db.dispose()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    paths = Paths(args.data_dir) if args.data_dir else Paths.for_user()
    url = args.database_url or sqlite_url(paths.database_file)
    if args.command == "purge-appointments":
        return purge_appointments(url, args.older_than_days)

    from PySide6.QtWidgets import QDialog, QMessageBox

    from borgerservice_desk.bootstrap import build_services
    from borgerservice_desk.demo import ensure_demo_days, is_demo, seed_demo_data
    from borgerservice_desk.errors import DeskError
    from borgerservice_desk.storage.database import Database
    from ui.app import create_application, install_translators
    from ui.login_dialog import LoginDialog
    from ui.main_window import MainWindow
    from ui.messages import describe_error

    app = create_application([sys.argv[0]])
    install_translators(app, args.language)
    try:
        db = Database.open(url)
        today = datetime.now(ZoneInfo("Europe/Copenhagen")).date()
        if not args.no_demo and seed_demo_data(db, today=today):
            logging.info("seeded demo data; sign in as 'clerk' or 'supervisor' with password 'demo'")
        elif ensure_demo_days(db, today=today):
            logging.info("booked demo appointments for the coming days")
    except DeskError as error:
        QMessageBox.critical(None, "Borgerservice Desk", describe_error(error))
        return 2
    services = build_services(db, paths)
    login = LoginDialog(services.auth, demo=is_demo(db))
    if args.user:
        login.username.setText(args.user)
        login.password.setFocus()
    if login.exec() != QDialog.DialogCode.Accepted or login.context is None:
        return 1
    window = MainWindow(services, login.context, args.language)
    window.show()
    code = app.exec()
    db.dispose()
    return code


if __name__ == "__main__":
    sys.exit(main())
