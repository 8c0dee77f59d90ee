"""Borgerservice Desk: the one place that wires settings, database, services and the window."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from zoneinfo import ZoneInfo

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract is about four times slower without it

from borgerservice_desk.config import Paths
from borgerservice_desk.files import PRIVATE_UMASK

if TYPE_CHECKING:
    from borgerservice_desk.storage.database import Database

# The same name as borgerservice_desk.storage.database.DATABASE_URL_ENV (a test checks), spelled out here
# because importing that module loads SQLAlchemy, half a second the `scan` command should not pay.
DATABASE_URL_ENV = "BSD_DATABASE_URL"


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
    parser.add_argument(
        "--demo",
        action="store_true",
        help="seed demo data (users 'clerk' and 'supervisor', password 'demo') into an EMPTY database; "
        "without it an empty database is set up with the 'init' command",
    )
    parser.add_argument("--user", help="pre-fill the sign-in with this user name")
    commands = parser.add_subparsers(dest="command")
    purge = commands.add_parser(
        "purge-appointments",
        help="delete appointments that ended more than DAYS ago (for the centre to schedule, e.g. nightly)",
    )
    purge.add_argument("--older-than-days", type=int, required=True, metavar="DAYS")
    init = commands.add_parser(
        "init",
        help="set up a real centre's database: the centre and its first supervisor (asks what is not given; "
        "the password is always typed, twice)",
        description="Create the centre and its first supervisor in an empty database. Refused when the "
        "database already has a centre or clerks. A database set up this way never gets demo data.",
    )
    init.add_argument("--centre-name", help="e.g. 'Borgerservice Aarhus Midt'")
    init.add_argument("--centre-address", help="e.g. 'Rådhuspladsen 2, 8000 Aarhus C'")
    init.add_argument("--username", help="the first supervisor's user name")
    init.add_argument("--full-name", help="the first supervisor's full name")
    unlock = commands.add_parser(
        "unlock",
        help="lift a sign-in lock on a user name (at every desk) or on a desk, without signing in",
        description="For whoever runs the centre's machines, e.g. when every supervisor is locked out. "
        "The lifting is recorded in the audit trail as done from the command line.",
    )
    which = unlock.add_mutually_exclusive_group(required=True)
    which.add_argument("--user", dest="unlock_user", metavar="NAME", help="the clerk's user name")
    which.add_argument("--desk", dest="unlock_desk", metavar="NAME", help="the desk's host name")
    commands.add_parser(
        "verify-audit",
        help="check that no audit entry was changed or removed; exit 1 naming the first broken entry",
        description="Walk the audit trail's hash chain. Exit status 0 when it is intact (the last entry's "
        "hash is printed: keep it elsewhere to notice a rewrite of the whole trail later), 1 naming the "
        "first entry that was changed, removed or added behind the program's back, 2 when the database "
        "cannot be read.",
    )
    backup = commands.add_parser(
        "backup",
        help="write the database (SQLite, while desks may run) and the receipt archive to one file",
        description="Write one backup file (0600): a consistent copy of the SQLite database, every receipt, "
        "and a manifest with each file's sha256 and the database's revision. For PostgreSQL it prints how "
        "to use pg_dump and backs up this desk's receipt folder (each desk keeps its own: run it on every desk).",
    )
    backup.add_argument("destination", type=Path, metavar="DEST", help="the file to write, or a folder for a dated file")
    restore = commands.add_parser(
        "restore",
        help="put a backup back: the database and the receipt archive (desks may keep running)",
        description="Check the backup whole (manifest, checksums, revision), then copy it into place: the "
        "SQLite database with SQLite's backup API into the live file (a running desk sees the restored data "
        "at its next action), the receipts one file at a time. What it replaces is kept beside them as "
        "*.before-restore-<time>, never deleted; a restore that fails changes nothing.",
    )
    restore.add_argument("source", type=Path, metavar="SRC", help="a file written by 'backup'")
    scan = commands.add_parser(
        "scan",
        help="read the MRZ off each image or PDF and print what it says (no database, no window)",
        description="Read the machine readable zone off each file, one at a time, and print the lines, "
        "the fields and each check digit's result as soon as the file is done. A file that cannot be "
        "read gives an error entry, not a failure: the exit status is 0 once the arguments are valid.",
    )
    scan.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="JPEG, PNG, TIFF, BMP or PDF file")
    scan.add_argument("--json", action="store_true", help="one JSON object per line and file (JSON Lines)")
    scan.add_argument(
        "--raw-lines",
        action="store_true",
        help="print the MRZ lines as read; by default a CPR number in them (a Danish passport's optional "
        "data holds the holder's) is masked, DDMMYY then XXXX",
    )
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
        print(f"purge-appointments: {error_text(error)}", file=sys.stderr)
        return 2
    print(f"deleted {deleted} appointments that ended more than {days} days ago")
    db.dispose()
    return 0


def init_database(
    url: str,
    args: argparse.Namespace,
    *,
    ask: Callable[[str], str] = input,
    ask_password: Callable[[str], str] | None = None,
    out: TextIO = sys.stdout,
) -> int:
    """The `init` command: a real centre and its first supervisor, with a password the person types."""
    import getpass

    from borgerservice_desk.errors import DeskError
    from borgerservice_desk.services.clerks import is_empty
    from borgerservice_desk.storage.database import Database

    ask_password = ask_password or getpass.getpass
    try:
        db = Database.open(url)
    except DeskError as error:
        print(f"init: {error}", file=sys.stderr)
        return 2
    try:
        with db.read() as session:
            if not is_empty(session):
                print("init: this database already has a centre or clerks; nothing was changed", file=sys.stderr)
                return 2
        return _ask_and_initialise(db, args, ask, ask_password, out)
    except (EOFError, KeyboardInterrupt):
        print("\ninit: cancelled; nothing was changed", file=sys.stderr)
        return 2
    finally:
        db.dispose()


def _ask_and_initialise(
    db: Database, args: argparse.Namespace, ask: Callable[[str], str], ask_password: Callable[[str], str], out: TextIO
) -> int:
    from borgerservice_desk.errors import DeskError
    from borgerservice_desk.services.clerks import initialise

    centre_name = args.centre_name or ask("Centre name: ")
    centre_address = args.centre_address or ask("Centre address: ")
    username = args.username or ask("First supervisor's user name: ")
    full_name = args.full_name or ask("First supervisor's full name: ")
    for _attempt in range(3):
        password = ask_password("Password (at least 10 characters): ")
        if password != ask_password("The same password again: "):
            print("init: the two passwords differ; type them again", file=sys.stderr)
            continue
        try:
            initialise(db, centre_name=centre_name, centre_address=centre_address, username=username,
                       full_name=full_name, password=password)
        except DeskError as error:
            if not error.code.startswith("password."):
                print(f"init: {error}", file=sys.stderr)
                return 2
            print(f"init: {error}; choose another", file=sys.stderr)
            continue
        print(f"set up {' '.join(centre_name.split())}; sign in as {username.strip().lower()}", file=out)
        return 0
    return 2


def unlock_command(url: str, *, user: str | None, desk: str | None, out: TextIO) -> int:
    """The `unlock` command: 0 when done (whether or not anything was locked), 2 when refused."""
    from borgerservice_desk.errors import DeskError
    from borgerservice_desk.services.clerks import operator_unlock
    from borgerservice_desk.storage.database import Database

    try:
        db = Database.open(url)
    except DeskError as error:
        print(f"unlock: {error_text(error)}", file=sys.stderr)
        return 2
    try:
        lifted = operator_unlock(db, user=user, desk=desk)
    except DeskError as error:
        print(f"unlock: {error_text(error)}", file=sys.stderr)
        return 2
    finally:
        db.dispose()
    what = f"user name {user.strip().lower()}" if user is not None else f"desk {desk}"
    if lifted:
        print(f"lifted the sign-in locks on {what}; recorded in the audit trail", file=out)
    else:
        print(f"no sign-in lock on {what}; recorded in the audit trail", file=out)
    return 0


# What each way an audit trail can break means, for whoever runs `verify-audit`.
_AUDIT_BREAK_TEXT = {
    "content_changed": "its content was changed after it was written",
    "previous_mismatch": "it does not follow the entry before it (that one was changed or replaced)",
    "missing": "it is missing: removed from the middle of the trail",
    "end_missing": "it is missing: entries were removed from the end of the trail",
    "head_mismatch": "the last entry is not the one the trail's head records",
    "after_head": "it was added behind the program's back (past the trail's head)",
}


def verify_audit(url: str, out: TextIO) -> int:
    """The `verify-audit` command: 0 intact, 1 broken (the first broken entry named), 2 unreadable."""
    from borgerservice_desk.errors import DeskError
    from borgerservice_desk.services.audit import AuditTrailService
    from borgerservice_desk.storage.database import Database

    try:
        db = Database.open(url)
        result = AuditTrailService(db).verify(None)
    except DeskError as error:
        print(f"verify-audit: {error}", file=sys.stderr)
        return 2
    db.dispose()
    broken = result.first_break
    if broken is None:
        print(f"audit trail intact: {result.entries} entries, last seq {result.head_seq}, "
              f"head hash {result.head_hash}", file=out)
        return 0
    entry = "a missing entry" if broken.entry_id is None else f"entry id {broken.entry_id}"
    print(f"audit trail BROKEN at seq {broken.seq} ({entry}): {_AUDIT_BREAK_TEXT[broken.reason.value]}", file=out)
    return 1


def run_backup(paths: Paths, url: str, destination: Path) -> int:
    from borgerservice_desk.backup import POSTGRESQL_GUIDANCE, backup
    from borgerservice_desk.errors import DeskError

    try:
        done = backup(paths, url, destination)
    except (DeskError, OSError) as error:
        print(f"backup: {error_text(error)}", file=sys.stderr)
        return 2
    if done.database != "sqlite":
        print(POSTGRESQL_GUIDANCE)
    print(f"backup written to {done.path} ({done.files} files, database revision {done.revision or '-'})")
    return 0


def run_restore(paths: Paths, url: str, source: Path) -> int:
    from borgerservice_desk.backup import POSTGRESQL_GUIDANCE, restore
    from borgerservice_desk.errors import DeskError

    try:
        done = restore(paths, url, source)
    except (DeskError, OSError) as error:
        print(f"restore: {error_text(error)}", file=sys.stderr)
        return 2
    if not done.database_restored:
        print(POSTGRESQL_GUIDANCE)
    print(f"restored {done.receipts} receipts" + (f" and the database (revision {done.revision})" if done.database_restored else ""))
    for path in done.kept_aside:
        print(f"kept what it replaced as {path}")
    report = done.recovery
    if report is None:
        print("the receipt archive is checked against the database at the next start")
    elif report.quarantined or report.missing:
        print(f"receipt archive: {len(report.quarantined)} file(s) without a record moved to quarantine, "
              f"{len(report.missing)} record(s) without a file here (see the log)")
    return 0


def error_text(error: BaseException) -> str:
    """A core error as the clerk reads it (English unless a Danish translator is installed) and its code."""
    from borgerservice_desk.errors import DeskError
    from ui.messages import describe_error

    if not isinstance(error, DeskError):
        return f"{type(error).__name__}: {error}"
    return f"{describe_error(error)} [{error.code}]"


# What each error code of the reader and the parser means, for people reading `scan` output.
_SCAN_ERROR_TEXT = {
    "scan.unreadable_image": "the file is missing or not an image that can be read safely",
    "scan.no_mrz": "no machine readable zone found",
    "scan.pdf_without_image": "the PDF holds no image",
    "scan.ocr_unavailable": "OCR is not available (is tesseract installed?)",
    "scan.cancelled": "reading was cancelled",
    "mrz.unrecognised_format": "the lines read have the shape of no known MRZ",
    "mrz.invalid_characters": "the lines read hold characters an MRZ cannot have",
}
_FIELD_NAMES = (
    "document_number",
    "surname",
    "given_names",
    "nationality",
    "issuing_country",
    "birth_date",
    "expiry_date",
    "sex",
)


def scan_file(path: Path, *, today: date, raw_lines: bool = False) -> dict[str, Any]:
    """Read one file and describe the result as a JSON-ready dict; never raises for a bad file.

    The keys are always the same; what could not be read is null and "error" says why ("code: text").
    A CPR number in the lines is masked (its last four digits "XXXX", the lines as long) unless
    `raw_lines`: a Danish passport carries the holder's full number in its optional data.
    """
    from borgerservice_desk.domain.cpr import mask_cpr_runs
    from borgerservice_desk.domain.mrz import mask_personal_numbers, parse_mrz
    from borgerservice_desk.errors import DeskError
    from borgerservice_desk.scanning.mrz_reader import read_mrz

    result: dict[str, Any] = {
        "path": str(path),
        "type": None,
        "lines": None,
        "fields": None,
        "checks": None,
        "expired": None,
        # Characters in doubt: no check digit covers them and the recogniser was unsure, or a rule beyond
        # the check digits questions them. Line and column count from 1, as a person reads the lines.
        "doubtful": None,
        "seconds": 0.0,
        "error": None,
    }
    started = time.perf_counter()
    try:
        reading = read_mrz(path)
        lines = reading.lines
        result["lines"] = list(lines) if raw_lines else list(mask_personal_numbers(lines))
        document = parse_mrz("\n".join(lines), today=today)
    except DeskError as error:
        result["error"] = _describe_scan_error(error.code, error.params)
    except Exception as error:  # noqa: BLE001 - one odd file must not end a batch; report it and go on
        result["error"] = f"scan.failed: {type(error).__name__}: {error}"
    if result["error"] is not None:
        if not raw_lines:  # an error's text may quote what was read
            result["error"] = mask_cpr_runs(result["error"])
    else:
        result["type"] = document.format.value
        fields = {name: getattr(document, name) for name in _FIELD_NAMES}
        result["fields"] = {
            name: (value.isoformat() if isinstance(value, date) else value) for name, value in fields.items()
        }
        result["checks"] = dict(document.checks)
        result["expired"] = None if document.expiry_date is None else document.expiry_date < today
        result["doubtful"] = [
            {
                "line": doubt.line + 1,
                "column": doubt.column + 1,
                "character": doubt.character,
                "reason": str(doubt.reason),
                "field": doubt.field,
            }
            for doubt in reading.doubtful
        ]
    result["seconds"] = round(time.perf_counter() - started, 3)
    return result


def _describe_scan_error(code: str, params: dict[str, Any]) -> str:
    text = _SCAN_ERROR_TEXT.get(code, "could not be read")
    detail = params.get("detail")
    return f"{code}: {text}" + (f" ({detail})" if detail else "")


def scan(paths: Sequence[Path], *, as_json: bool, out: TextIO, raw_lines: bool = False) -> int:
    """The `scan` command: each file in turn, printed as soon as it is done (a batch can take a while)."""
    today = datetime.now(ZoneInfo("Europe/Copenhagen")).date()
    if not as_json:
        header = ("type", "number", "surname", "given names", "born", "expires", "s", "checks", "path")
        print(_table_row(header), file=out)
    for path in paths:
        result = scan_file(path, today=today, raw_lines=raw_lines)
        if as_json:
            print(json.dumps(result, ensure_ascii=False), file=out, flush=True)
        elif result["error"] is not None:  # the error text takes the place of the fields
            print(f"{'-':<{_COLUMN_WIDTHS[0]}}  {result['path']}: {result['error']}", file=out, flush=True)
        else:
            print(_table_row(_summary(result)), file=out, flush=True)
    return 0


def _summary(result: dict[str, Any]) -> tuple[str, ...]:
    fields = result["fields"]
    failed = [name for name, valid in result["checks"].items() if not valid]
    checks = "ok" if not failed else "FAILED " + ",".join(failed)
    if result["doubtful"]:
        checks += f" DOUBTFUL {len(result['doubtful'])}"
    if result["expired"]:
        checks += " EXPIRED"
    return (
        result["type"],
        fields["document_number"],
        fields["surname"],
        fields["given_names"],
        fields["birth_date"] or "?",
        fields["expiry_date"] or "?",
        f"{result['seconds']:.2f}",
        checks,
        result["path"],
    )


# The path comes last and is never cut: it is what tells the rows apart. The JSON output has everything
# the other columns may cut.
_COLUMN_WIDTHS = (4, 12, 18, 20, 10, 10, 5, 24)


def _table_row(cells: Sequence[str]) -> str:
    *columns, path = cells
    fitted = (
        (cell if len(cell) <= width else cell[: width - 1] + "…").ljust(width)
        for cell, width in zip(columns, _COLUMN_WIDTHS, strict=True)
    )
    return "  ".join((*fitted, path))


def main(argv: list[str] | None = None) -> int:
    # Everything the desk writes (database, its -wal/-shm, receipts, confirmations, backups) is for
    # this user only: CPR numbers, password hashes and the audit trail live there.
    os.umask(PRIVATE_UMASK)
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "scan":
        # Only the reader and the parser: no logging set-up, database or Qt, so a script calling this per
        # file does not wait for them.
        return scan(args.paths, as_json=args.json, out=sys.stdout, raw_lines=args.raw_lines)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from borgerservice_desk.errors import DeskError
    from borgerservice_desk.storage.database import sqlite_url

    paths = Paths(args.data_dir) if args.data_dir else Paths.for_user()
    url = args.database_url or sqlite_url(paths.database_file)
    if args.command is not None:
        try:
            paths.prepare()
        except DeskError as error:
            print(f"{args.command}: {error_text(error)}", file=sys.stderr)
            return 2
    if args.command == "purge-appointments":
        return purge_appointments(url, args.older_than_days)
    if args.command == "init":
        return init_database(url, args)
    if args.command == "unlock":
        return unlock_command(url, user=args.unlock_user, desk=args.unlock_desk, out=sys.stdout)
    if args.command == "verify-audit":
        return verify_audit(url, sys.stdout)
    if args.command == "backup":
        return run_backup(paths, url, args.destination)
    if args.command == "restore":
        return run_restore(paths, url, args.source)

    from PySide6.QtWidgets import QDialog, QMessageBox

    from borgerservice_desk.bootstrap import build_services
    from borgerservice_desk.demo import ensure_demo_days, is_demo, seed_demo_data
    from borgerservice_desk.services.clerks import anyone_can_sign_in
    from borgerservice_desk.storage.database import Database
    from ui.app import create_application, install_translators
    from ui.login_dialog import LoginDialog
    from ui.main_window import MainWindow
    from ui.messages import describe_error, describe_no_clerks

    app = create_application([sys.argv[0]])
    install_translators(app, args.language)
    try:
        paths.prepare()
        db = Database.open(url)
        today = datetime.now(ZoneInfo("Europe/Copenhagen")).date()
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
    login = LoginDialog(services.auth, demo=is_demo(db))
    if args.user:
        login.username.setText(args.user)
        login.password.setFocus()
    if login.exec() != QDialog.DialogCode.Accepted or login.context is None:
        return 1
    window = MainWindow(services, login.context, args.language)
    # Signing out hides the window behind a new sign-in; the program ends when the window says so.
    app.setQuitOnLastWindowClosed(False)
    window.closed.connect(app.quit)
    window.show()
    code = app.exec()
    db.dispose()
    return code


if __name__ == "__main__":
    sys.exit(main())
