"""Running the window: the one place that wires settings, database, services and the Qt widgets.

Qt and ui/ are imported only here and only when the window is wanted, so the other commands (and the core
at large) never load them.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from datetime import datetime

from borgerservice_desk.config import Paths
from borgerservice_desk.desk_lock import window_open
from borgerservice_desk.domain.centre_time import centre_zone, local_today

# Days after a booking's end its confirmation files stay in the desk's confirmations folder.
CONFIRMATIONS_KEPT_DAYS = 1


def run_window(args: argparse.Namespace, paths: Paths, url: str) -> int:
    from PySide6.QtWidgets import QDialog, QMessageBox

    from borgerservice_desk.bootstrap import build_services
    from borgerservice_desk.demo import ensure_demo_days, is_demo, seed_demo_data
    from borgerservice_desk.errors import DeskError
    from borgerservice_desk.services.clerks import anyone_can_sign_in
    from borgerservice_desk.storage.database import Database
    from ui.app import create_application, install_translators
    from ui.dates import set_centre_zone
    from ui.login_dialog import LoginDialog
    from ui.main_window import MainWindow
    from ui.messages import describe_error, describe_no_clerks

    app = create_application([sys.argv[0]])
    install_translators(app, args.language, warn=lambda text: QMessageBox.warning(None, "Borgerservice Desk", text))
    with contextlib.ExitStack() as held:
        try:
            paths.prepare()
            # Held until the window closes: `restore` refuses while it is (desk_lock).
            held.enter_context(window_open(paths.data_dir))
            db = Database.open(url)
            # Before the demo centre exists: the zone every new centre gets (the demo's among them).
            today = local_today(datetime.now().astimezone(), centre_zone())
            if args.demo and seed_demo_data(db, today=today):
                logging.getLogger(__name__).info("seeded demo data; sign in as 'clerk' or 'supervisor' with password 'demo'")
            elif ensure_demo_days(db, today=today):
                logging.getLogger(__name__).info("booked demo appointments for the coming days")
            if not anyone_can_sign_in(db):
                QMessageBox.critical(None, "Borgerservice Desk", describe_no_clerks())
                return 2
        except DeskError as error:
            # A database the program does not understand, a locked or damaged one, a data folder that is a
            # file: the clerk reads why, in the window's language, instead of a traceback nobody sees.
            QMessageBox.critical(None, "Borgerservice Desk", describe_error(error))
            return 2
        services = build_services(db, paths)
        try:
            # A desk that died mid-action may have left a receipt to finish or to remove; before any new one.
            services.mitid.recover_receipts()
        except (DeskError, OSError) as error:
            QMessageBox.critical(None, "Borgerservice Desk", describe_error(error))
            return 2
        try:
            # A confirmation names the citizen, the time and the code. Once its time is a day gone nobody is
            # handed it (Ctrl+P writes one anew), so each start clears those off the shared counter PC; the
            # purge command did it only where someone had set it up to run on each desk.
            services.booking.sweep_confirmations(CONFIRMATIONS_KEPT_DAYS)
        except (DeskError, OSError):
            logging.getLogger(__name__).warning("old booking confirmations were not swept", exc_info=True)
        login = LoginDialog(services.auth, demo=is_demo(db))
        if args.user:
            login.username.setText(args.user)
            login.password.setFocus()
        if login.exec() != QDialog.DialogCode.Accepted or login.context is None:
            return 1
        # Every date and time on screen is the centre's local one; the centre is known once someone signed in.
        set_centre_zone(services.appointments.centre_zone(login.context.centre_id))
        window = MainWindow(services, login.context, args.language)
        # Signing out hides the window behind a new sign-in; the program ends when the window says so.
        app.setQuitOnLastWindowClosed(False)
        window.closed.connect(app.quit)
        window.show()
        code = app.exec()
        db.dispose()
        return code
