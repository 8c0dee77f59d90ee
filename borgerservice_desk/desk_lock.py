"""Which windows have a data folder open, so a restore never swaps the database under one.

A window left open through a restore keeps the visit it holds open; the restored database hands that
visit's number to the next visit opened, so the window's next errand lands on another citizen's visit (a
review at stop 33 saw an activation code slip name the wrong citizen). So every window holds a shared lock
on `desk.lock` in its data folder for as long as it runs, and `restore` takes the lock exclusively or
refuses. The operating system lets go of a lock when its process ends, however it ends: a desk that
crashed never blocks the restore that follows.

POSIX `flock` (the counter PCs run Debian); where it is missing, nothing is locked and the log says so.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

from borgerservice_desk.errors import StartupError
from borgerservice_desk.files import create_private_file

try:
    import fcntl
except ImportError:  # pragma: no cover - not a POSIX system
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

LOCK_NAME = "desk.lock"
# How long a window that starts waits for a restore to finish before it says so and stops.
START_WAIT_SECONDS = 20.0


class Locked(Exception):
    """A window has the data folder open: a restore must not go on."""


def _open(data_dir: Path) -> int | None:
    if fcntl is None:
        log.warning("no file locks on this system: a restore cannot tell whether a desk is running")
        return None
    path = data_dir / LOCK_NAME
    try:
        with contextlib.suppress(FileExistsError):
            os.close(create_private_file(path))
        return os.open(path, os.O_RDWR)
    except OSError as error:
        raise StartupError("startup.data_dir_unusable", path=str(data_dir), detail=error.strerror or str(error)) from error


@contextlib.contextmanager
def window_open(data_dir: Path, *, wait: float = START_WAIT_SECONDS) -> Iterator[None]:
    """Held while a window runs on `data_dir`. Waits up to `wait` seconds for a restore to end, then raises
    StartupError "startup.restore_running" (path)."""
    fd = _open(data_dir)
    if fd is None:
        yield
        return
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StartupError("startup.restore_running", path=str(data_dir)) from None
                time.sleep(0.2)
        yield
    finally:
        os.close(fd)  # lets go of the lock


@contextlib.contextmanager
def no_window_open(data_dir: Path) -> Iterator[None]:
    """Held while a restore runs on `data_dir`; Locked at once if a window has the folder open."""
    fd = _open(data_dir)
    if fd is None:
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Locked from None
        yield
    finally:
        os.close(fd)
