"""A walk-in is served like a booked citizen (issue 11, item 1), and an open visit of another clerk is
taken over only when asked, and recorded (item 12). Both run on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.domain.desk import AppointmentStatus, TicketStatus
from borgerservice_desk.errors import DeskError, InvalidInput, NotFound, RuleViolation
from borgerservice_desk.services.appointments import CheckedIn
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import AuditEntry, Citizen, QueueTicket, Visit
from tests.conftest import NOW, TODAY
from tests.integration.test_queue import _roomy_counter
from tests.support.clock import MovableClock
from tests.support.refusals import refused_with


def _a_citizen(services: Services) -> int:
    with services.db.read() as session:
        citizen_id = session.scalars(select(Citizen.id).order_by(Citizen.id).limit(1)).one()
        return int(citizen_id)


def _entries(services: Services, action: str) -> list[AuditEntry]:
    with services.db.read() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all())


def _called_walk_in(services: Services, clerk: ClerkContext, citizen_id: int | None = None) -> int:
    ticket = services.queue.walk_in(clerk, "health_card", citizen_id)
    called = services.queue.call_next(clerk, _roomy_counter(services, clerk, 10))
    assert called is not None and called.ticket_id == ticket.ticket_id and called.appointment_id is None
    return called.ticket_id


def test_a_called_walk_in_is_served_in_a_visit_linked_to_its_ticket(services: Services, clerk: ClerkContext) -> None:
    citizen_id = _a_citizen(services)
    ticket_id = _called_walk_in(services, clerk)
    visit = services.queue.serve_walk_in(clerk, ticket_id, citizen_id)
    assert visit.citizen_id == citizen_id and visit.appointment_id is None
    with services.db.read() as session:
        opened = session.get(Visit, visit.visit_id)
        ticket = session.get(QueueTicket, ticket_id)
        assert opened is not None and opened.ended_at is None and opened.clerk_id == clerk.clerk_id
        assert ticket is not None and ticket.visit_id == visit.visit_id and ticket.citizen_id == citizen_id
        assert ticket.called_by == clerk.clerk_id and ticket.called_at is not None
    [entry] = _entries(services, "queue.serve_walk_in")
    assert entry.citizen_id == citizen_id and entry.clerk_id == clerk.clerk_id
    assert entry.detail["visit_id"] == visit.visit_id and entry.detail["wait_seconds"] >= 0
    # Served once: a second serve, and a no-show after it, are refused.
    with pytest.raises(RuleViolation) as again:
        services.queue.serve_walk_in(clerk, ticket_id, citizen_id)
    assert again.value.code == "ticket.already_served"
    with pytest.raises(RuleViolation) as no_show:
        services.queue.mark_no_show(clerk, ticket_id)
    assert no_show.value.code == "ticket.already_served"
    # The visit is an ordinary one: the clerk finishes it.
    services.appointments.finish_visit(clerk, visit.visit_id)


def test_a_walk_in_ticket_that_names_its_citizen_is_served_without_a_search(services: Services, clerk: ClerkContext) -> None:
    citizen_id = _a_citizen(services)
    ticket_id = _called_walk_in(services, clerk, citizen_id)
    assert services.queue.serve_walk_in(clerk, ticket_id).citizen_id == citizen_id


def test_a_walk_in_needs_a_citizen_and_a_call_to_this_clerk(services: Services, clerk: ClerkContext) -> None:
    waiting = services.queue.walk_in(clerk, "health_card")
    with pytest.raises(RuleViolation) as not_called:
        services.queue.serve_walk_in(clerk, waiting.ticket_id, _a_citizen(services))
    assert (not_called.value.code, not_called.value.params) == ("ticket.not_called", {"status": "waiting"})
    called = services.queue.call_next(clerk, _roomy_counter(services, clerk, 10))
    assert called is not None
    with pytest.raises(InvalidInput) as nobody:
        services.queue.serve_walk_in(clerk, called.ticket_id)
    assert nobody.value.code == "ticket.no_citizen"
    other = services.auth.sign_in("supervisor", "demo")
    with pytest.raises(RuleViolation) as elsewhere:
        services.queue.serve_walk_in(other, called.ticket_id, _a_citizen(services))
    assert elsewhere.value.code == "ticket.called_by_other"
    assert _entries(services, "queue.serve_walk_in") == []


def test_two_serves_of_one_ticket_at_once_open_one_visit(services: Services, clerk: ClerkContext) -> None:
    citizen_id = _a_citizen(services)
    ticket_id = _called_walk_in(services, clerk)
    barrier = threading.Barrier(4)
    won: list[int] = []
    refused: list[str] = []
    lock = threading.Lock()

    def desk() -> None:
        barrier.wait()
        try:
            visit = services.queue.serve_walk_in(clerk, ticket_id, citizen_id)
        except DeskError as error:
            with lock:
                refused.append(error.code)
            return
        with lock:
            won.append(visit.visit_id)

    threads = [threading.Thread(target=desk) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(won) == 1 and refused == ["ticket.already_served"] * 3
    with services.db.read() as session:
        visits = session.scalars(select(Visit).where(Visit.citizen_id == citizen_id, Visit.appointment_id.is_(None))).all()
        assert [v.id for v in visits] == won


def test_the_wait_of_a_served_walk_in_counts_in_the_statistics(services: Services, clerk: ClerkContext) -> None:
    ticket_id = _called_walk_in(services, clerk)
    services.queue.serve_walk_in(clerk, ticket_id, _a_citizen(services))
    with services.db.read() as session:
        ticket = session.get(QueueTicket, ticket_id)
        assert ticket is not None and ticket.status is TicketStatus.CALLED and ticket.visit_id is not None
    stats = services.statistics.per_service_and_day(clerk, TODAY, TODAY)
    assert sum(r.served_from_queue for r in stats if r.service == "health_card") == 1


# Item 12: another clerk's open visit -------------------------------------------------------------------
def _checked_in_visit(services: Services, clerk: ClerkContext) -> int:
    row = next(
        r for r in services.appointments.day(clerk, TODAY)
        if r.status is AppointmentStatus.BOOKED and abs(r.starts_at - NOW) <= timedelta(hours=2)
    )
    return services.appointments.check_in(clerk, row.id).visit_id


def test_one_s_own_visit_is_taken_up_again_without_a_question(services: Services, clerk: ClerkContext) -> None:
    visit_id = _checked_in_visit(services, clerk)
    with services.db.read() as session:
        visit = session.get(Visit, visit_id)
        assert visit is not None and visit.appointment_id is not None
        checked_in = CheckedIn(visit_id, visit.appointment_id, visit.citizen_id)
    assert services.appointments.resume_visit(clerk, visit_id) == checked_in  # with its appointment, as at check-in
    assert _entries(services, "visit.take_over") == []


def test_another_clerk_s_visit_is_taken_over_only_when_asked_and_is_recorded(services: Services, clerk: ClerkContext) -> None:
    visit_id = _checked_in_visit(services, clerk)
    other = services.auth.sign_in("supervisor", "demo")
    with pytest.raises(RuleViolation) as asked:
        services.appointments.resume_visit(other, visit_id)
    # The desk asks naming the clerk whose visit it is (and knows which clerk, should two share a name).
    assert (asked.value.code, asked.value.params) == (
        "visit.other_clerk", {"clerk": clerk.full_name, "clerk_id": clerk.clerk_id})
    with services.db.read() as session:
        visit = session.get(Visit, visit_id)
        assert visit is not None and visit.clerk_id == clerk.clerk_id  # nothing changed by asking
    assert _entries(services, "visit.take_over") == []

    taken = services.appointments.resume_visit(other, visit_id, take_over=True)
    assert taken.visit_id == visit_id
    with services.db.read() as session:
        visit = session.get(Visit, visit_id)
        assert visit is not None and visit.clerk_id == other.clerk_id
    [entry] = _entries(services, "visit.take_over")
    assert entry.clerk_id == other.clerk_id and entry.citizen_id == taken.citizen_id
    assert entry.detail == {
        "visit_id": visit_id, "from_clerk_id": clerk.clerk_id, "from_clerk": clerk.username,
        "to_clerk_id": other.clerk_id, "to_clerk": other.username,
    }
    # Now it is the supervisor's: the first clerk is asked in turn.
    with pytest.raises(RuleViolation) as back:
        services.appointments.resume_visit(clerk, visit_id)
    assert back.value.code == "visit.other_clerk" and back.value.params["clerk"] == other.full_name


def test_an_ended_visit_is_not_taken_up(services: Services, clerk: ClerkContext) -> None:
    visit_id = _checked_in_visit(services, clerk)
    services.appointments.finish_visit(clerk, visit_id)
    with pytest.raises(RuleViolation) as ended:
        services.appointments.resume_visit(services.auth.sign_in("supervisor", "demo"), visit_id, take_over=True)
    assert ended.value.code == "visit.ended"


def test_the_days_list_shows_a_walk_ins_visit_with_its_state_for_taking_it_up_again(
    services: Services, clerk: ClerkContext
) -> None:
    from borgerservice_desk.services.appointments import AppointmentRow, WalkInRow

    citizen_id = _a_citizen(services)
    ticket_id = _called_walk_in(services, clerk)
    visit = services.queue.serve_walk_in(clerk, ticket_id, citizen_id)
    rows = services.appointments.day_list(clerk, TODAY, TODAY)
    [walk_in] = [r for r in rows if isinstance(r, WalkInRow)]
    assert walk_in.visit_id == visit.visit_id and walk_in.citizen_id == citizen_id and walk_in.ticket_number == 1
    assert walk_in.status is AppointmentStatus.CHECKED_IN and walk_in.ends_at is None
    assert walk_in.counter.startswith("Skranke")
    # Listed among the booked citizens, by the time each began; the appointments are all still there.
    assert [r.id for r in rows if isinstance(r, AppointmentRow)] == [r.id for r in services.appointments.day(clerk, TODAY)]
    assert [r.starts_at for r in rows] == sorted(r.starts_at for r in rows)
    # After a restart (a new desk process) the same clerk takes it up again from the list.
    again = services.appointments.resume_visit(clerk, walk_in.visit_id)
    assert again == visit
    services.appointments.finish_visit(clerk, visit.visit_id)
    [done] = [r for r in services.appointments.day_list(clerk, TODAY, TODAY) if isinstance(r, WalkInRow)]
    assert done.status is AppointmentStatus.DONE and done.ends_at is not None
    # Another counter's list does not show it; the look at the list names the walk-in too.
    other = next(c for c in (1, 2, 3, 4) if f"Skranke {c}" != walk_in.counter)
    assert not any(isinstance(r, WalkInRow) for r in services.appointments.day_list(clerk, TODAY, TODAY, other))
    assert any(citizen_id in e.detail["citizen_ids"] for e in _entries(services, "appointment.day_view"))


def test_serving_a_walk_in_is_refused_for_the_wrong_ticket_or_citizen_and_audits_the_wait(
    services: Services, clerk: ClerkContext, tmp_path: Path
) -> None:
    """The entry carries the ticket, the visit and the wait from ticket to call (not to serving)."""
    clock = MovableClock(NOW)
    desk = build_services(services.db, Paths(tmp_path / "moving"), clock=clock)
    clerk = desk.auth.sign_in("clerk", "demo")
    named, other = _a_citizen(desk), _a_citizen(desk) + 1
    ticket = desk.queue.walk_in(clerk, "health_card", named)
    clock.advance(timedelta(minutes=4))
    called = desk.queue.call_next(clerk, _roomy_counter(desk, clerk, 10))
    assert called is not None and called.ticket_id == ticket.ticket_id
    clock.advance(timedelta(minutes=2))
    with refused_with("ticket.not_found", NotFound):
        desk.queue.serve_walk_in(clerk, 999_999, named)
    with refused_with("ticket.other_citizen", RuleViolation):  # the ticket already names its citizen
        desk.queue.serve_walk_in(clerk, ticket.ticket_id, other)
    visit = desk.queue.serve_walk_in(clerk, ticket.ticket_id)
    [entry] = _entries(desk, "queue.serve_walk_in")
    assert (entry.clerk_id, entry.citizen_id, entry.detail) == (clerk.clerk_id, named, {
        "ticket": ticket.number, "ticket_id": ticket.ticket_id, "visit_id": visit.visit_id, "wait_seconds": 240,
    })
    # A citizen who does not exist is not served; a booked citizen's ticket is served by checking in.
    unnamed = desk.queue.walk_in(clerk, "health_card")
    assert desk.queue.call_next(clerk, _roomy_counter(desk, clerk, 10)) is not None
    with pytest.raises(NotFound) as nobody:
        desk.queue.serve_walk_in(clerk, unnamed.ticket_id, 999_999)
    assert (nobody.value.code, nobody.value.params) == ("citizen.not_found", {"query": "999999"})
    row = next(r for r in desk.appointments.day(clerk, TODAY)
               if r.status is AppointmentStatus.BOOKED and abs(r.starts_at - clock()) <= timedelta(minutes=5))
    booked = desk.queue.arrive(clerk, booking_code=row.booking_code)
    assert desk.queue.call_next(clerk, int(row.counter.split()[-1])) is not None
    with refused_with("ticket.has_appointment", RuleViolation):
        desk.queue.serve_walk_in(clerk, booked.ticket_id, row.citizen_id)
