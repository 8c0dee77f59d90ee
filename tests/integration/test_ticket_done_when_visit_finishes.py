"""A called ticket is done once the citizen's visit has finished: it leaves the waiting room's board and the
now-serving list, counts once in the statistics, and nothing calls, serves or no-shows it again. Before,
it stayed CALLED for good, its number called to a counter nobody stood at any more. Runs on SQLite and
PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import AppointmentStatus, TicketStatus
from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Citizen, QueueTicket
from tests.conftest import TODAY
from tests.integration.test_queue import _booked, _roomy_counter, _status
from tests.support.refusals import refused_with


def _ticket(services: Services, ticket_id: int) -> QueueTicket:
    with services.db.read() as session:
        ticket = session.get(QueueTicket, ticket_id)
        assert ticket is not None
        return ticket


def _on_the_board(services: Services, clerk: ClerkContext, number: int) -> bool:
    board = services.queue.public_board(services.queue.open_display(clerk), 8)
    serving = services.queue.now_serving(clerk)
    assert (number in [c.number for c in board]) == (number in [s.number for s in serving])
    return number in [c.number for c in board]


def _served_from_queue(services: Services, clerk: ClerkContext, service: str) -> int:
    return sum(r.served_from_queue for r in services.statistics.per_service_and_day(clerk, TODAY, TODAY)
               if r.service == service)


def test_a_served_walk_ins_ticket_is_done_when_the_visit_finishes(services: Services, clerk: ClerkContext) -> None:
    with services.db.read() as session:
        citizen_id = int(session.scalars(select(Citizen.id).order_by(Citizen.id).limit(1)).one())
    counter = _roomy_counter(services, clerk, 10)
    walk_in = services.queue.walk_in(clerk, "health_card")
    called = services.queue.call_next(clerk, counter)
    assert called is not None and called.ticket_id == walk_in.ticket_id
    visit = services.queue.serve_walk_in(clerk, called.ticket_id, citizen_id)
    # At the counter: still called, so the board shows where the number went.
    assert _ticket(services, called.ticket_id).status is TicketStatus.CALLED
    assert _on_the_board(services, clerk, called.number)
    called_at = _ticket(services, called.ticket_id).called_at

    services.appointments.finish_visit(clerk, visit.visit_id)

    ticket = _ticket(services, called.ticket_id)
    assert (ticket.status, ticket.visit_id, ticket.called_at) == (TicketStatus.DONE, visit.visit_id, called_at)
    assert not _on_the_board(services, clerk, called.number)
    assert _served_from_queue(services, clerk, "health_card") == 1  # counted once, its wait kept
    assert sum(w.waiting for w in services.queue.waiting_per_service(clerk)) == 0
    # Done for good: not called, served or made a no-show again.
    assert services.queue.call_next(clerk, counter) is None
    with refused_with("ticket.already_served", RuleViolation):
        services.queue.serve_walk_in(clerk, called.ticket_id, citizen_id)
    with refused_with("ticket.already_served", RuleViolation):
        services.queue.mark_no_show(clerk, called.ticket_id)
    assert _ticket(services, called.ticket_id).status is TicketStatus.DONE


def test_a_called_booked_citizens_ticket_is_done_when_the_visit_finishes(
    services: Services, clerk: ClerkContext
) -> None:
    row = _booked(services, clerk, timedelta(minutes=-5), timedelta(minutes=5))
    arrival = services.queue.arrive(clerk, booking_code=row.booking_code)
    called = services.queue.call_next(clerk, int(row.counter.split()[-1]))
    assert called is not None and called.ticket_id == arrival.ticket_id
    visit = services.appointments.check_in(clerk, row.id)
    assert _on_the_board(services, clerk, called.number)
    served_before = _served_from_queue(services, clerk, row.service_code)

    services.appointments.finish_visit(clerk, visit.visit_id)

    assert _status(services, row.id) is AppointmentStatus.DONE
    ticket = _ticket(services, called.ticket_id)
    assert (ticket.status, ticket.visit_id) == (TicketStatus.DONE, visit.visit_id)
    assert not _on_the_board(services, clerk, called.number)
    assert _served_from_queue(services, clerk, row.service_code) == served_before == 1
    with refused_with("ticket.already_served", RuleViolation):
        services.queue.mark_no_show(clerk, called.ticket_id)
    assert _status(services, row.id) is AppointmentStatus.DONE


def test_finishing_one_visit_leaves_other_called_tickets_on_the_board(services: Services, clerk: ClerkContext) -> None:
    """Only the visit's own ticket is done: a number called and not yet served, and a no-show, stay as
    they are."""
    with services.db.read() as session:
        first, second = (int(i) for i in session.scalars(select(Citizen.id).order_by(Citizen.id).limit(2)))
    counter = _roomy_counter(services, clerk, 10)
    served = services.queue.walk_in(clerk, "health_card")
    waiting = services.queue.walk_in(clerk, "health_card", second)
    missing = services.queue.walk_in(clerk, "health_card")
    calls = [services.queue.call_next(clerk, counter) for _ in range(3)]
    assert [c.ticket_id for c in calls if c is not None] == [served.ticket_id, waiting.ticket_id, missing.ticket_id]
    services.queue.mark_no_show(clerk, missing.ticket_id)
    visit = services.queue.serve_walk_in(clerk, served.ticket_id, first)

    services.appointments.finish_visit(clerk, visit.visit_id)

    assert [_ticket(services, t.ticket_id).status for t in (served, waiting, missing)] == [
        TicketStatus.DONE, TicketStatus.CALLED, TicketStatus.NO_SHOW]
    assert _on_the_board(services, clerk, waiting.number) and not _on_the_board(services, clerk, served.number)
