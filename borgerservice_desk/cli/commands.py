"""The commands that work on a centre's database without the window: init, unlock, verify-audit, backup,
restore and purge-appointments. Each returns the process's exit status."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from borgerservice_desk.config import Paths

if TYPE_CHECKING:
    from borgerservice_desk.storage.database import Database


def purge_appointments(url: str, days: int, confirmations_dir: Path | None = None) -> int:
    """The privacy clean-up, without a window: usable from cron or a systemd timer. The bookings go from
    the database, and then their confirmations (PDF and .ics, naming the citizen) from `confirmations_dir`,
    this machine's folder of them: each desk PC keeps its own, so the command is scheduled on each."""
    from borgerservice_desk.errors import DeskError
    from borgerservice_desk.services.appointments import AppointmentService
    from borgerservice_desk.services.booking import BookingService
    from borgerservice_desk.storage.database import Database

    try:
        db = Database.open(url)
        deleted = AppointmentService(db).purge_older_than(days)
        swept = BookingService(db, confirmations_dir=confirmations_dir).sweep_confirmations(days)
    except DeskError as error:
        print(f"purge-appointments: {error_text(error)}", file=sys.stderr)
        return 2
    print(f"deleted {deleted} appointments that ended more than {days} days ago")
    if confirmations_dir is not None:
        print(f"deleted {swept} booking confirmation files no longer needed from {confirmations_dir}")
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
    database = ""
    if done.database_restored:
        database = f" and the database (revision {done.revision}"
        if done.migrated_from is not None:
            database += f", brought up from the backup's revision {done.migrated_from}"
        database += ")"
    print(f"restored {done.receipts} receipts{database}")
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
