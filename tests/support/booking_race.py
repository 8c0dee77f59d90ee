"""One desk in its own process, trying to book a time: used by the 20-process test."""

from __future__ import annotations

from datetime import datetime
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path


def book_once(url: str, data_dir: str, citizen_id: int, service: str, starts_at: str, counter_id: int, barrier: Barrier) -> str:
    from borgerservice_desk.bootstrap import build_services
    from borgerservice_desk.config import Paths
    from borgerservice_desk.errors import DeskError
    from borgerservice_desk.storage.database import Database
    from tests.conftest import fixed_clock

    db = Database.open(url, run_migrations=False)
    services = build_services(db, Paths(Path(data_dir)), clock=fixed_clock)
    ctx = services.auth.sign_in("clerk", "demo")
    barrier.wait(60)
    try:
        booking = services.booking.book(ctx, citizen_id, service, datetime.fromisoformat(starts_at), counter_id=counter_id)
        return f"ok {booking.booking_code}"
    except DeskError as error:
        return f"{error.code} {error.params.get('next_free')}"
    finally:
        db.dispose()


def report(queue: Queue[str], *args: object) -> None:
    """Process target: book once and put the outcome on the queue."""
    try:
        queue.put(book_once(*args))  # type: ignore[arg-type]
    except BaseException as error:  # noqa: BLE001 - counted by the test, never lost
        queue.put(f"error {error!r}")
