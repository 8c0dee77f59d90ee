"""One desk in its own process appending audit entries as fast as it can: used by the concurrency test."""

from __future__ import annotations

from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier


def append(url: str, desk: int, transactions: int, barrier: Barrier) -> str:
    from borgerservice_desk.services import audit
    from borgerservice_desk.storage.database import Database
    from tests.conftest import fixed_clock

    db = Database.open(url, run_migrations=False)
    barrier.wait(60)
    written = 0
    try:
        for number in range(transactions):
            with db.unit_of_work() as uow:
                # One to three entries a transaction, as a look-up or an action with its refusal writes.
                for part in range(1 + number % 3):
                    audit.record(uow.session, fixed_clock, None, "test.append", desk=desk, number=number, part=part)
                    written += 1
                uow.commit()
        return f"ok {written}"
    finally:
        db.dispose()


def report(queue: Queue[str], *args: object) -> None:
    """Process target: append and put the outcome on the queue."""
    try:
        queue.put(append(*args))  # type: ignore[arg-type]
    except BaseException as error:  # noqa: BLE001 - counted by the test, never lost
        queue.put(f"error {error!r}")
