"""Files the desk hands to citizens are written whole or not at all.

A counter PC can lose power or be killed mid-write. Every receipt and confirmation is therefore written
to a temporary file beside its target, flushed to disk (fsync), and only then renamed onto its name; the
rename is atomic on one file system, so a reader sees the old state or the whole new file, never half.

Temporary files carry the host and process that wrote them (``.tmp-<name>.<host>.<pid>``), so a clean-up
at the next start can tell a leftover of a dead process from a file another desk is writing right now.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

from borgerservice_desk.files import PRIVATE_FILE_MODE, ensure_private_dir

log = logging.getLogger(__name__)

TEMP_PREFIX = ".tmp-"
# A temporary file older than this is a leftover whoever wrote it: no write of ours takes minutes.
STALE_AFTER_SECONDS = 600.0


def _host() -> str:
    # Dots separate the name's parts; a host name may hold some.
    return socket.gethostname().replace(".", "_") or "host"


def temp_path_for(target: Path) -> Path:
    """Where `target` is staged before it gets its name: same folder, so the rename is atomic."""
    return target.with_name(f"{TEMP_PREFIX}{target.name}.{_host()}.{os.getpid()}")


def write_temp(target: Path, data: bytes) -> Path:
    """Write `data` to `target`'s temporary file, durably, readable by the owner only; return its path.

    The caller renames it onto `target` with `publish` when the file may be served, or `discard`s it.
    """
    ensure_private_dir(target.parent)
    temp = temp_path_for(target)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(temp, flags, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def publish(temp: Path, target: Path, *, replace: bool = True) -> None:
    """Give the fully written temporary file its name (atomic rename), and make the rename durable.

    With `replace=False` an existing `target` is an error (FileExistsError) and `temp` stays as it is.
    """
    if not replace and target.exists():
        raise FileExistsError(target)
    os.replace(temp, target)
    _fsync_dir(target.parent)


def write_atomically(target: Path, data: bytes) -> Path:
    """`target` holds `data` whole, or keeps what it held before: never a truncated file."""
    temp = write_temp(target, data)
    try:
        publish(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target


def _fsync_dir(folder: Path) -> None:
    # Without it a crash right after the rename may bring the old directory entry back.
    with contextlib.suppress(OSError):  # some file systems (and Windows) cannot open a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def temp_files(folder: Path) -> Iterator[Path]:
    """Every temporary file of ours under `folder`, at any depth."""
    if folder.is_dir():
        yield from (p for p in folder.rglob(f"{TEMP_PREFIX}*") if p.is_file())


def target_name_of(temp: Path) -> str | None:
    """The name the temporary file was to get (`.tmp-X.pdf.host.123` → `X.pdf`), or None for a stranger."""
    name = temp.name
    if not name.startswith(TEMP_PREFIX):
        return None
    parts = name[len(TEMP_PREFIX):].rsplit(".", 2)
    if len(parts) != 3 or not parts[2].isdecimal():
        return None
    return parts[0]


def is_abandoned(temp: Path, *, now: float | None = None) -> bool:
    """True when no live writer owns the temporary file: its process on this host is gone, or it is old.

    A file of another host (a shared folder) or of an unknown shape is judged by its age alone.
    """
    try:
        age = (time.time() if now is None else now) - temp.stat().st_mtime
    except FileNotFoundError:
        return False  # its writer renamed or removed it meanwhile
    if age > STALE_AFTER_SECONDS:
        return True
    parts = temp.name.rsplit(".", 2)
    if len(parts) != 3 or not parts[2].isdecimal() or parts[1] != _host():
        return False
    pid = int(parts[2])
    if pid == os.getpid():
        return False
    return not _process_alive(pid)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def remove_abandoned_temp_files(folder: Path) -> list[Path]:
    """Delete the leftovers of writers that died; files being written right now are left alone."""
    removed: list[Path] = []
    for temp in temp_files(folder):
        if is_abandoned(temp):
            temp.unlink(missing_ok=True)
            removed.append(temp)
    if removed:
        log.info("removed %d unfinished temporary file(s) under %s", len(removed), folder)
    return removed
