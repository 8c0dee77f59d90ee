"""The `borgerservice-desk` command (also `python -m borgerservice_desk`, and `python main.py`): the window
by default, and the sub-commands for whoever runs the centre's machines.

Importing this module loads neither SQLAlchemy nor Qt: `scan` should not pay for them.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from borgerservice_desk.config import Paths
from borgerservice_desk.files import PRIVATE_UMASK

# The same name as borgerservice_desk.storage.database.DATABASE_URL_ENV (a test checks), spelled out here
# because importing that module loads SQLAlchemy, half a second the `scan` command should not pay.
DATABASE_URL_ENV = "BSD_DATABASE_URL"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="borgerservice-desk",
        description="Borgerservice Desk: the counter tool for clerks at Danish citizen service centres.",
    )
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
    scan.add_argument(
        "--budget",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="the most time the reader spends on one file before it answers with what it has (default: 4, "
        "as at the desk); more for a batch of old scans where a better reading is worth the wait",
    )
    return parser.parse_args(argv)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 <= value <= 3600:
        raise argparse.ArgumentTypeError(f"between 0 and 3600 seconds, not {text}")
    return value


def main(argv: list[str] | None = None) -> int:
    # Everything the desk writes (database, its -wal/-shm, receipts, confirmations, backups) is for
    # this user only: CPR numbers, password hashes and the audit trail live there.
    os.umask(PRIVATE_UMASK)
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "scan":
        # Only the reader and the parser: no logging set-up, database or Qt, so a script calling this per
        # file does not wait for them.
        from borgerservice_desk.cli.scan import scan

        return scan(args.paths, as_json=args.json, out=sys.stdout, raw_lines=args.raw_lines, budget_seconds=args.budget)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from borgerservice_desk.cli.commands import (
        error_text,
        init_database,
        purge_appointments,
        run_backup,
        run_restore,
        unlock_command,
        verify_audit,
    )
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
        return purge_appointments(url, args.older_than_days, paths.confirmations_dir)
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

    from borgerservice_desk.cli.window import run_window

    return run_window(args, paths, url)
