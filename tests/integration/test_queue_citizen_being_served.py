"""A citizen at a counter is at one counter only: never called again, never a no-show, never given a
second visit while one is open. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import AppointmentStatus, TicketStatus
from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import AuditEntry, QueueTicket, Visit
from tests.conftest import NOW
from tests.integration.test_queue import _booked, _roomy_counter, _status
from tests.support.refusals import refused_with


def _refusals(services: Services, action: str) -> list[AuditEntry]:
    with services.db.read() as session:
        return list(session.scalars(
            select(AuditEntry).where(AuditEntry.action == action, AuditEntry.outcome == "refused")
        ).all())


def _open_visits(services: Services, citizen_id: int) -> list[Visit]:
    with services.db.read() as session:
        return list(session.scalars(
            select(Visit).where(Visit.citizen_id == citizen_id, Visit.ended_at.is_(None))
        ).all())


def test_a_called_booked_citizen_whose_visit_opened_is_never_made_a_no_show(
    services: Services, clerk: ClerkContext
) -> None:
    row = _booked(services, clerk, timedelta(minutes=-5), timedelta(minutes=5))
    arrival = services.queue.arrive(clerk, booking_code=row.booking_code)
    called = services.queue.call_next(clerk, int(row.counter.split()[-1]))
    assert called is not None and called.appointment_id == row.id
    visit = services.appointments.check_in(clerk, row.id)  # F6 opens the booked citizen's visit at once

    with refused_with("ticket.already_served", RuleViolation):
        services.queue.mark_no_show(clerk, called.ticket_id)
    assert _status(services, row.id) is AppointmentStatus.CHECKED_IN
    [refused] = _refusals(services, "queue.no_show")
    assert (refused.clerk_id, refused.citizen_id, refused.detail) == (
        clerk.clerk_id, row.citizen_id, {"refusal": "ticket.already_served", "ticket": arrival.number},
    )
    services.appointments.finish_visit(clerk, visit.visit_id)
    assert _status(services, row.id) is AppointmentStatus.DONE
    with refused_with("ticket.already_served", RuleViolation):  # served and gone: no no-show afterwards
        services.queue.mark_no_show(clerk, called.ticket_id)


def test_a_queued_citizen_served_from_the_today_list_is_not_waiting_nor_called_again(
    services: Services, clerk: ClerkContext
) -> None:
    row = _booked(services, clerk, timedelta(minutes=-5), timedelta(minutes=5))
    arrival = services.queue.arrive(clerk, booking_code=row.booking_code)
    visit = services.appointments.check_in(clerk, row.id)  # Enter on the row under Today, not F6

    assert sum(w.waiting for w in services.queue.waiting_per_service(clerk)) == 0
    assert services.queue.call_next(clerk, int(row.counter.split()[-1])) is None
    assert all(call.number != arrival.number for call in services.queue.now_serving(clerk))  # not on the board
    with services.db.read() as session:
        ticket = session.get(QueueTicket, arrival.ticket_id)
        assert ticket is not None
        # Settled at this counter, its wait ending as the citizen was served (statistics count it).
        assert (ticket.status, ticket.visit_id, ticket.called_at, ticket.called_by, ticket.counter_id) == (
            TicketStatus.DONE, visit.visit_id, NOW, clerk.clerk_id, int(row.counter.split()[-1]),
        )


def test_a_ticket_left_waiting_for_a_citizen_already_served_is_not_called(services: Services, clerk: ClerkContext) -> None:
    """A ticket a desk before this release left waiting for a citizen served from the Today list."""
    row = _booked(services, clerk, timedelta(minutes=-5), timedelta(minutes=5))
    arrival = services.queue.arrive(clerk, booking_code=row.booking_code)
    services.appointments.check_in(clerk, row.id)
    with services.db.unit_of_work() as uow:
        ticket = uow.session.get(QueueTicket, arrival.ticket_id)
        assert ticket is not None
        ticket.status, ticket.visit_id, ticket.called_at = TicketStatus.WAITING, None, None
        uow.commit()
    assert services.queue.call_next(clerk, int(row.counter.split()[-1])) is None


def test_a_citizen_being_served_is_not_served_a_second_time_as_a_walk_in(services: Services, clerk: ClerkContext) -> None:
    row = _booked(services, clerk, timedelta(minutes=-5), timedelta(minutes=5))
    first = services.appointments.check_in(clerk, row.id)  # being served at the booking's counter
    # The citizen also pulled a walk-in ticket; another counter calls it and finds the same citizen.
    ticket = services.queue.walk_in(clerk, "health_card")
    called = services.queue.call_next(clerk, _roomy_counter(services, clerk, 10))
    assert called is not None and called.ticket_id == ticket.ticket_id

    with refused_with("citizen.being_served", RuleViolation):
        services.queue.serve_walk_in(clerk, called.ticket_id, row.citizen_id)
    assert [v.id for v in _open_visits(services, row.citizen_id)] == [first.visit_id]
    [refused] = _refusals(services, "queue.serve_walk_in")
    assert (refused.citizen_id, refused.detail) == (
        row.citizen_id, {"refusal": "citizen.being_served", "ticket_id": ticket.ticket_id},
    )
    with services.db.read() as session:
        left = session.get(QueueTicket, ticket.ticket_id)
        assert left is not None and (left.visit_id, left.citizen_id) == (None, None)  # still to be served

    # Once the first visit has ended the walk-in ticket is served.
    services.appointments.finish_visit(clerk, first.visit_id)
    second = services.queue.serve_walk_in(clerk, called.ticket_id, row.citizen_id)
    assert [v.id for v in _open_visits(services, row.citizen_id)] == [second.visit_id]


def test_a_citizen_being_served_as_a_walk_in_is_not_checked_in_to_a_second_visit(
    services: Services, clerk: ClerkContext
) -> None:
    row = _booked(services, clerk, timedelta(minutes=-5), timedelta(minutes=5))
    services.queue.walk_in(clerk, "health_card", row.citizen_id)
    called = services.queue.call_next(clerk, _roomy_counter(services, clerk, 10))
    assert called is not None
    walk_in = services.queue.serve_walk_in(clerk, called.ticket_id)

    supervisor = services.auth.sign_in("supervisor", "demo")  # another desk, the booked appointment
    with refused_with("citizen.being_served", RuleViolation):
        services.appointments.check_in(supervisor, row.id)
    assert [v.id for v in _open_visits(services, row.citizen_id)] == [walk_in.visit_id]
    assert _status(services, row.id) is AppointmentStatus.BOOKED
    [refused] = _refusals(services, "appointment.check_in")
    assert (refused.clerk_id, refused.citizen_id, refused.detail) == (
        supervisor.clerk_id, row.citizen_id, {"refusal": "citizen.being_served", "appointment_id": row.id},
    )


def test_the_refusal_names_the_clerk_whose_visit_is_open(services: Services, clerk: ClerkContext) -> None:
    row = _booked(services, clerk, timedelta(minutes=-5), timedelta(minutes=5))
    services.queue.walk_in(clerk, "health_card", row.citizen_id)
    supervisor = services.auth.sign_in("supervisor", "demo")
    called = services.queue.call_next(supervisor, _roomy_counter(services, clerk, 10))
    assert called is not None
    first = services.appointments.check_in(clerk, row.id)  # served on the booking while their number shows
    try:
        services.queue.serve_walk_in(supervisor, called.ticket_id)
    except RuleViolation as refusal:
        assert refusal.code == "citizen.being_served"
        assert (refusal.params["clerk"], refusal.params["visit_id"]) == (clerk.full_name, first.visit_id)
    else:
        raise AssertionError("a second visit was opened")


def test_a_visit_a_stopped_desk_left_open_yesterday_does_not_keep_the_citizen_from_being_served(
    services: Services, clerk: ClerkContext
) -> None:
    """A desk that crashed left the citizen's visit open overnight. Today nobody is serving them: refusing
    them as "being served" would send them home, with nobody able to finish that visit from the Today list."""
    row = _booked(services, clerk, timedelta(minutes=-5), timedelta(minutes=5))
    with services.db.unit_of_work() as uow:
        uow.session.add(Visit(citizen_id=row.citizen_id, appointment_id=None, clerk_id=clerk.clerk_id,
                              started_at=NOW - timedelta(hours=12, minutes=1)))
        uow.commit()
    visit = services.appointments.check_in(clerk, row.id)
    assert visit.citizen_id == row.citizen_id


def test_a_walk_in_ticket_of_a_citizen_at_a_counter_now_is_not_called(services: Services, clerk: ClerkContext) -> None:
    """The citizen took a ticket, then was served on their booking at another counter: F6 must not put their
    number on the board for a citizen who is not in the waiting room (found in review, stop 32)."""
    row = _booked(services, clerk, timedelta(minutes=-5), timedelta(minutes=5))
    services.queue.walk_in(clerk, "health_card", row.citizen_id)
    services.appointments.check_in(clerk, row.id)
    assert services.queue.call_next(clerk, _roomy_counter(services, clerk, 10)) is None
