"""A desk in a child process doing MitID actions until it is killed: used by the crash tests.

Imported by the forkserver before it forks (see `preload`), so each child starts in milliseconds with
SQLAlchemy, ReportLab and the services already loaded, and the parent can kill many of them.
"""

from __future__ import annotations

import os
import signal
from multiprocessing.connection import Connection
from pathlib import Path

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.domain.mitid import BlockReason, MethodKind, MethodState
from borgerservice_desk.receipts import archive as archive_module
from borgerservice_desk.receipts.pdf import render_receipt_pdf  # noqa: F401 - loaded before the fork
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import Database
from tests.conftest import fixed_clock

# Where a child kills itself, for the tests that must hit one phase for sure; None: it is killed from
# outside at a random moment.
PHASES = ("before_commit", "after_commit")


def app_state(services: Services, ctx: ClerkContext, citizen_id: int, app_id: int) -> MethodState:
    overview = services.citizens.mitid_overview(ctx, citizen_id, "crash test")
    return next(m.state for m in overview.methods if m.kind is MethodKind.APP and m.id == app_id)


def toggle(services: Services, ctx: ClerkContext, visit_id: int, citizen_id: int, app_id: int) -> str:
    """One action that is always allowed: block the app for wrong tries (temporary), or reopen it."""
    if app_state(services, ctx, citizen_id, app_id) is MethodState.ACTIVE:
        return services.mitid.block_app(ctx, visit_id, app_id, BlockReason.WRONG_TRIES).reference
    return services.mitid.reopen(ctx, visit_id, app_id).reference


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def run_desk(
    url: str,
    data_dir: str,
    ctx: ClerkContext,
    visit_id: int,
    citizen_id: int,
    app_id: int,
    phase: str | None,
    ready: Connection,
) -> None:
    """Process target: act on the MitID again and again; with a `phase`, die there in the first action."""
    db = Database.open(url, run_migrations=False)
    services = build_services(db, Paths(Path(data_dir)), clock=fixed_clock)
    if phase == "before_commit":
        # The receipt is written whole to its temporary file; the transaction is still open.
        stage = archive_module.ReceiptArchive.stage

        def stage_and_die(self: archive_module.ReceiptArchive, *args: object) -> None:
            stage(self, *args)  # type: ignore[arg-type]
            _die()

        archive_module.ReceiptArchive.stage = stage_and_die  # type: ignore[method-assign,assignment]
    elif phase == "after_commit":
        # The action is in the database; its receipt has not yet taken its place in the archive.
        archive_module.ReceiptArchive.publish = lambda self, staged: _die()  # type: ignore[method-assign,assignment,return-value]
    ready.send("ready")
    while True:
        toggle(services, ctx, visit_id, citizen_id, app_id)


def preload() -> list[str]:
    return [__name__]


def run_confirmations(url: str, data_dir: str, ctx: ClerkContext, appointment_id: int, ready: Connection) -> None:
    """Process target: write the booking confirmation again and again, in turn Danish and English (so
    the files change), on a slow disk: every write lands in two halves with a pause between, and every
    fsync pauses, so that a kill often lands mid-write whichever way the files are written."""
    import time

    from borgerservice_desk import atomic_files

    fsync = os.fsync

    def slow_fsync(fd: int) -> None:
        time.sleep(0.02)
        fsync(fd)

    def slow_write_bytes(path: Path, data: bytes) -> int:
        with open(path, "wb") as handle:
            handle.write(data[: len(data) // 2])
            handle.flush()
            time.sleep(0.02)
            handle.write(data[len(data) // 2 :])
        return len(data)

    atomic_files.os.fsync = slow_fsync  # type: ignore[attr-defined]
    Path.write_bytes = slow_write_bytes  # type: ignore[method-assign,assignment]
    db = Database.open(url, run_migrations=False)
    services = build_services(db, Paths(Path(data_dir)), clock=fixed_clock)
    folder = Path(data_dir) / "confirmations"
    ready.send("ready")
    while True:
        for language in ("da", "en"):
            services.booking.write_confirmation(ctx, appointment_id, folder, language)
