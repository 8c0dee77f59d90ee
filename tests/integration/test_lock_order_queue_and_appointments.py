"""Two desks acting on one citizen at the same instant take turns and never deadlock (PostgreSQL).

The desks lock a booked citizen's rows in one order, written down in services/appointments.py: the
appointment, its queue ticket, the citizen, the visit, and the audit trail's head last. Before, checking a
citizen in from the Today list took the appointment then the ticket while the queue's no-show (and F6's
call) took the ticket then the appointment; and the citizen's row was locked so strongly (FOR UPDATE) that
another desk's audit entry naming the citizen, written under the audit head's lock, waited for it. Two
desks meeting that way deadlocked; PostgreSQL broke the tie by failing one, and its clerk was told the
database could not be reached.

Chance decides whether two desks meet like that. Here a third connection holds one row for a moment, so
the first desk stops exactly where the race would catch it; the second desk is started once the first
waits, and the row is let go once the second has done what it can. (On SQLite the unit of work's write
lock runs desks one after the other: there is nothing to interleave.)"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.domain.desk import AppointmentStatus, TicketStatus
from borgerservice_desk.errors import DeskError
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import Appointment, QueueTicket, Visit
from tests.conftest import SeededTemplates, fixed_clock
from tests.integration.test_queue import _booked, _roomy_counter

pytestmark = pytest.mark.postgres

PATIENCE = 30.0  # seconds: far more than PostgreSQL's deadlock_timeout (1 s), which decides a deadlock


@pytest.fixture
def desks(postgresql_url: str, seeded_templates: SeededTemplates, tmp_path: Path) -> Iterator[Services]:
    seeded_templates.fill(postgresql_url)
    db = Database.open(postgresql_url)
    yield build_services(db, Paths(tmp_path / "data"), clock=fixed_clock)
    db.dispose()


def _waiting_for_locks(db: Database) -> int:
    with db.engine.connect() as connection:
        return int(connection.exec_driver_sql(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
        ).scalar_one())


class _Desk:
    """One desk's action in a thread of its own; `outcome` is "ok", a refusal's code, or the error's type."""

    def __init__(self, action: Callable[[], Any]) -> None:
        self.outcome: str | None = None
        self.error = ""  # the error's own words: "deadlock detected" says what went wrong
        self.result: Any = None
        self._action = action
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self.result = self._action()
            self.outcome = "ok"
        except DeskError as error:  # StorageUnavailable ("database cannot be reached") is a DeskError too
            self.outcome, self.error = error.code, str(error)
        except Exception as error:  # noqa: BLE001 - whatever broke, the test names it
            self.outcome, self.error = type(error).__name__, str(error)

    def done(self) -> bool:
        return not self._thread.is_alive()

    def join(self) -> str | None:
        self._thread.join(PATIENCE)
        assert not self._thread.is_alive(), "a desk still waits: a lock nobody lets go"
        return self.outcome


def _until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert time.monotonic() < deadline, "the desks never reached the point the test sets up"
        time.sleep(0.02)


@contextmanager
def _held(db: Database, table: str, row_id: int) -> Iterator[None]:
    """Another connection holds one row (as a desk busy with it would) until the block ends."""
    with db.engine.connect() as connection:
        connection.execute(text(f"SELECT id FROM {table} WHERE id = :id FOR UPDATE"), {"id": row_id})
        try:
            yield
        finally:
            connection.rollback()


def _interleave(
    db: Database, table: str, row_id: int, first: Callable[[], Any], second: Callable[[], Any]
) -> tuple[_Desk, _Desk]:
    """`first` runs until it waits for the held row; then `second` runs until it waits too (or is done);
    then the row is let go and both finish."""
    with _held(db, table, row_id):
        one = _Desk(first)
        _until(lambda: one.done() or _waiting_for_locks(db) >= 1)
        assert not one.done(), f"the first desk did not wait for the held row: {one.outcome}"
        two = _Desk(second)
        _until(lambda: two.done() or _waiting_for_locks(db) >= 2)
    one.join()
    two.join()
    return one, two


def _ticket(services: Services, ticket_id: int) -> QueueTicket:
    with services.db.read() as session:
        ticket = session.get(QueueTicket, ticket_id)
        assert ticket is not None
        return ticket


def _appointment_status(services: Services, appointment_id: int) -> AppointmentStatus:
    with services.db.read() as session:
        appointment = session.get(Appointment, appointment_id)
        assert appointment is not None
        return appointment.status


def test_serving_a_called_citizen_from_the_today_list_while_another_desk_marks_them_a_no_show(
    desks: Services, clerk_here: ClerkContext, supervisor_here: ClerkContext
) -> None:
    """Desk 1 serves the booked citizen who was called (Enter on the Today row: the appointment, then the
    ticket); desk 2 at that moment marks the called ticket a no-show (the ticket, then the appointment, it
    was). The citizen is served and desk 2 hears they were; before, one desk got "database cannot be
    reached" and, when that was desk 1, the citizen standing at its counter became a no-show."""
    row = _booked(desks, clerk_here, timedelta(minutes=-5), timedelta(minutes=5))
    arrival = desks.queue.arrive(clerk_here, booking_code=row.booking_code)
    called = desks.queue.call_next(clerk_here, int(row.counter.split()[-1]))
    assert called is not None and called.ticket_id == arrival.ticket_id

    serve, no_show = _interleave(
        desks.db, "citizen", row.citizen_id,
        lambda: desks.appointments.check_in(clerk_here, row.id),
        lambda: desks.queue.mark_no_show(supervisor_here, called.ticket_id),
    )

    assert (serve.outcome, no_show.outcome) == ("ok", "ticket.already_served"), (serve.error, no_show.error)
    assert _appointment_status(desks, row.id) is AppointmentStatus.CHECKED_IN
    ticket = _ticket(desks, called.ticket_id)
    assert (ticket.status, ticket.visit_id) == (TicketStatus.CALLED, serve.result.visit_id)


def test_serving_a_queued_citizen_from_the_today_list_while_another_desk_calls_the_next(
    desks: Services, clerk_here: ClerkContext, supervisor_here: ClerkContext
) -> None:
    """Desk 1 serves a booked citizen waiting in the queue straight from the Today list; desk 2 at that
    moment presses F6 at the citizen's counter (which looked at the ticket, then the appointment). The
    citizen is served once, at desk 1, and F6 finds nobody else waiting."""
    row = _booked(desks, clerk_here, timedelta(minutes=-5), timedelta(minutes=5))
    arrival = desks.queue.arrive(clerk_here, booking_code=row.booking_code)

    serve, call = _interleave(
        desks.db, "citizen", row.citizen_id,
        lambda: desks.appointments.check_in(clerk_here, row.id),
        lambda: desks.queue.call_next(supervisor_here, int(row.counter.split()[-1])),
    )

    assert (serve.outcome, call.outcome, call.result) == ("ok", "ok", None), (serve.error, call.error)
    ticket = _ticket(desks, arrival.ticket_id)
    assert (ticket.status, ticket.visit_id) == (TicketStatus.DONE, serve.result.visit_id)


def test_opening_a_citizens_visit_while_another_desk_calls_their_walk_in_ticket(
    desks: Services, clerk_here: ClerkContext, supervisor_here: ClerkContext
) -> None:
    """Desk 1 opens the visit of a booked citizen who also pulled a walk-in ticket, and holds the
    citizen's row while it does; desk 2 at that moment calls the walk-in ticket, and its audit entry names
    the citizen. That entry is written under the audit head's lock, last; the citizen's row must not make
    it wait (a FOR UPDATE lock did: the entry's foreign key asks for a KEY SHARE lock), or desk 1, which
    needs the audit head to finish, and desk 2 wait for each other. Desk 1 is stopped just after it took
    the citizen's row, at its clerk's row (its visit names the clerk)."""
    row = _booked(desks, clerk_here, timedelta(minutes=-5), timedelta(minutes=5))
    walk_in = desks.queue.walk_in(clerk_here, "health_card", row.citizen_id)
    counter = _roomy_counter(desks, clerk_here, 10)

    serve, call = _interleave(
        desks.db, "clerk", clerk_here.clerk_id,
        lambda: desks.appointments.check_in(clerk_here, row.id),
        lambda: desks.queue.call_next(supervisor_here, counter),
    )

    assert (serve.outcome, call.outcome) == ("ok", "ok"), (serve.error, call.error)
    assert call.result is not None and call.result.ticket_id == walk_in.ticket_id
    with desks.db.read() as session:
        visits = session.scalars(select(Visit.id).where(Visit.citizen_id == row.citizen_id)).all()
    assert visits == [serve.result.visit_id]


@pytest.fixture
def clerk_here(desks: Services) -> ClerkContext:
    return desks.auth.sign_in("clerk", "demo")


@pytest.fixture
def supervisor_here(desks: Services) -> ClerkContext:
    return desks.auth.sign_in("supervisor", "demo")
