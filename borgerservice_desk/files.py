"""Private files: the desk's data folder holds full CPR numbers, password hashes, the audit trail and
receipts, so only the user running the desk may read it.

The data folder is 0700 and every file the desk writes into it 0600. `PRIVATE_UMASK` is set early in
`main.py`, so whatever a library creates (SQLite's -wal and -shm files, a temp file) is private too;
`ensure_private_dir` and `tighten` make that explicit where a file or folder is created, and bring an
install made before this (0755 folder, 0644 files) into line at start.

Whoever writes a file into the data folder (the receipt archive, booking confirmations, backups) calls
`ensure_private_dir(folder)` before and `tighten(file)` after (or creates it with `PRIVATE_FILE_MODE`).
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

_log = logging.getLogger(__name__)

PRIVATE_UMASK = 0o077
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) as 0700, or make an existing folder 0700; return it.

    Parents that already exist are left as they are (they may be the user's home or a shared folder);
    parents created here are private too. Raises NotADirectoryError when a part of the path is a file.
    """
    missing: list[Path] = []
    current = path
    while not current.exists() and not current.is_symlink():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            if not folder.is_dir():
                raise NotADirectoryError(str(folder)) from None
        os.chmod(folder, PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask; be exact
    if not path.is_dir():
        raise NotADirectoryError(str(path))
    if stat.S_IMODE(path.stat().st_mode) != PRIVATE_DIR_MODE:
        os.chmod(path, PRIVATE_DIR_MODE)
    return path


def tighten(path: Path) -> None:
    """Make a file 0600 and a folder 0700; a folder's contents too, all the way down.

    Symbolic links are not followed (nothing outside the folder is changed through one); a path that
    does not exist is fine (e.g. a -wal file SQLite has not made yet).
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        return
    if stat.S_ISDIR(info.st_mode):
        if stat.S_IMODE(info.st_mode) != PRIVATE_DIR_MODE:
            _chmod(path, PRIVATE_DIR_MODE)
        for child in path.iterdir():
            tighten(child)
    elif stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) != PRIVATE_FILE_MODE:
        _chmod(path, PRIVATE_FILE_MODE)


def _chmod(path: Path, mode: int) -> None:
    try:
        os.chmod(path, mode)
    except PermissionError:  # another user's file: say so, and let the desk start
        _log.warning("cannot make %s private (mode %o): it belongs to another user", path, mode)


def tighten_sqlite_files(database: Path) -> None:
    """The database file and the journal files SQLite keeps beside it."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        tighten(database.with_name(database.name + suffix))


def create_private_file(path: Path) -> int:
    """Open a new file for writing as 0600 whatever the umask (fails if it exists); return the fd."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    os.fchmod(fd, PRIVATE_FILE_MODE)
    return fd
