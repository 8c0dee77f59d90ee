"""A walk-in who has a booking today is served on that booking: checked in, one visit linked to it, never left
BOOKED to be expected, called again or made a no-show; a booking of today whose late window has passed
counts as a late arrival, as at the arrival desk; bookings of other days are left alone."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import AppointmentStatus, TicketStatus
from borgerservice_desk.errors import DeskError, RuleViolation
from borgerservice_desk.services.appointments import AppointmentRow, CheckedIn, WalkInRow
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Appointment, AuditEntry, QueueTicket, Visit
from tests.conftest import NOW, TODAY
from tests.integration.test_queue import _roomy_counter
from tests.support.refusals import refused_with


def _bookings(services: Services, citizen_id: int) -> dict[int, tuple[datetime, AppointmentStatus]]:
    with services.db.read() as session:
        return {a.id: (a.starts_at, a.status)
                for a in session.scalars(select(Appointment).where(Appointment.citizen_id == citizen_id))}


def _booked_today(services: Services, clerk: ClerkContext, *, later: bool) -> AppointmentRow:
    """A citizen whose one booking today is hours ahead (later) or long past its late window, and who also
    has a booking on another day."""
    rows = services.appointments.day(clerk, TODAY)
    per_citizen: dict[int, list[AppointmentRow]] = {}
    for row in rows:
        per_citizen.setdefault(row.citizen_id, []).append(row)
    for row in rows:
        ahead = row.starts_at - NOW
        fits = ahead >= timedelta(hours=3) if later else ahead <= -timedelta(minutes=30)
        others = [s for s in _bookings(services, row.citizen_id).values() if s[0].date() != TODAY]
        if (fits and row.status is AppointmentStatus.BOOKED and len(per_citizen[row.citizen_id]) == 1
                and any(status is AppointmentStatus.BOOKED for _at, status in others)):
            return row
    raise AssertionError("the demo data has no such citizen")


def _called_walk_in(services: Services, clerk: ClerkContext, service: str = "health_card") -> int:
    """An anonymous walk-in ticket, called to a counter with room: the clerk finds the citizen at the counter."""
    ticket = services.queue.walk_in(clerk, service)
    called = services.queue.call_next(clerk, _roomy_counter(services, clerk, 10))
    assert called is not None and called.ticket_id == ticket.ticket_id and called.citizen_id is None
    return called.ticket_id


def _entries(services: Services, action: str) -> list[AuditEntry]:
    with services.db.read() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all())


def _visits(services: Services, citizen_id: int) -> list[Visit]:
    with services.db.read() as session:
        return list(session.scalars(select(Visit).where(Visit.citizen_id == citizen_id)).all())


def test_a_walk_in_booked_later_today_is_served_on_the_booking_in_one_visit(
    services: Services, clerk: ClerkContext
) -> None:
    row = _booked_today(services, clerk, later=True)
    before = _bookings(services, row.citizen_id)
    ticket_id = _called_walk_in(services, clerk, row.service_code)

    visit = services.queue.serve_walk_in(clerk, ticket_id, row.citizen_id)
    assert visit.appointment_id == row.id and visit.citizen_id == row.citizen_id
    [opened] = _visits(services, row.citizen_id)  # one visit, not a walk-in's beside the booking's
    assert (opened.id, opened.appointment_id, opened.ended_at) == (visit.visit_id, row.id, None)
    after = _bookings(services, row.citizen_id)
    assert after[row.id][1] is AppointmentStatus.CHECKED_IN
    assert {k: v for k, v in after.items() if k != row.id} == {k: v for k, v in before.items() if k != row.id}
    with services.db.read() as session:
        ticket = session.get(QueueTicket, ticket_id)
        assert ticket is not None
        assert (ticket.visit_id, ticket.citizen_id, ticket.status) == (visit.visit_id, row.citizen_id, TicketStatus.CALLED)

    # Audited: the check-in of the booking, and the walk-in served on it with the ticket's wait.
    [check_in] = _entries(services, "appointment.check_in")
    assert (check_in.clerk_id, check_in.citizen_id, check_in.detail) == (
        clerk.clerk_id, row.citizen_id, {"appointment_id": row.id, "visit_id": visit.visit_id})
    [served] = _entries(services, "queue.serve_walk_in")
    assert served.citizen_id == row.citizen_id and served.detail["appointment_id"] == row.id
    assert served.detail["visit_id"] == visit.visit_id and served.detail["ticket_id"] == ticket_id

    # Never expected again, called again nor made a no-show; the day lists the citizen once.
    with refused_with("appointment.not_booked", RuleViolation):
        services.appointments.mark_no_show(clerk, row.id)
    with refused_with("ticket.already_served", RuleViolation):
        services.queue.mark_no_show(clerk, ticket_id)
    with refused_with("ticket.already_served", RuleViolation):
        services.queue.serve_walk_in(clerk, ticket_id, row.citizen_id)
    listed = [r for r in services.appointments.day_list(clerk, TODAY, TODAY) if r.citizen_id == row.citizen_id]
    assert [(type(r), r.status) for r in listed] == [(AppointmentRow, AppointmentStatus.CHECKED_IN)]
    assert not any(isinstance(r, WalkInRow) for r in listed)
    services.appointments.finish_visit(clerk, visit.visit_id)
    assert _bookings(services, row.citizen_id)[row.id][1] is AppointmentStatus.DONE
    stats = {s.service: s for s in services.statistics.per_service_and_day(clerk, TODAY, TODAY)}
    assert stats[row.service_code].no_shows == 0
    assert sum(s.served_from_queue for s in stats.values()) == 1  # the walk-in ticket's wait counts


def test_the_desk_is_told_before_serving_what_happens_to_a_booking_of_today(
    services: Services, clerk: ClerkContext
) -> None:
    """What the walk-in dialog shows as the citizen is found; each booking shown is a logged look."""
    later = _booked_today(services, clerk, later=True)
    missed = _booked_today(services, clerk, later=False)
    ticket_id = _called_walk_in(services, clerk, later.service_code)
    shown = services.queue.bookings_today(clerk, ticket_id, [later.citizen_id, missed.citizen_id, later.citizen_id])
    assert {c: (b.appointment_id, b.starts_at, b.late, b.stays) for c, b in shown.items()} == {
        later.citizen_id: (later.id, later.starts_at, False, False),
        missed.citizen_id: (missed.id, missed.starts_at, True, False),
    }
    entries = _entries(services, "queue.booking_today")
    assert [(e.clerk_id, e.citizen_id, e.detail) for e in entries] == [
        (clerk.clerk_id, later.citizen_id, {"appointment_id": later.id, "late": False, "stays": False}),
        (clerk.clerk_id, missed.citizen_id, {"appointment_id": missed.id, "late": True, "stays": False}),
    ]
    # Only told: nothing is settled until the clerk serves.
    assert _bookings(services, later.citizen_id)[later.id][1] is AppointmentStatus.BOOKED
    assert _bookings(services, missed.citizen_id)[missed.id][1] is AppointmentStatus.BOOKED


def test_a_walk_in_booked_only_on_another_day_is_an_ordinary_walk_in_and_the_booking_untouched(
    services: Services, clerk: ClerkContext
) -> None:
    with services.db.read() as session:
        today = {r.citizen_id for r in services.appointments.day(clerk, TODAY)}
        citizen_id = next(
            a.citizen_id for a in session.scalars(
                select(Appointment).where(Appointment.status == AppointmentStatus.BOOKED).order_by(Appointment.id))
            if a.citizen_id not in today and a.starts_at.date() > TODAY
        )
    before = _bookings(services, citizen_id)
    ticket_id = _called_walk_in(services, clerk)
    assert services.queue.bookings_today(clerk, ticket_id, [citizen_id]) == {}  # nothing to say

    visit = services.queue.serve_walk_in(clerk, ticket_id, citizen_id)
    assert visit == CheckedIn(visit.visit_id, None, citizen_id)
    assert _bookings(services, citizen_id) == before
    with services.db.read() as session:
        ticket = session.get(QueueTicket, ticket_id)
        assert ticket is not None and (ticket.visit_id, ticket.appointment_id) == (visit.visit_id, None)
    assert _entries(services, "appointment.check_in") == [] and _entries(services, "queue.booking_today") == []
    assert _entries(services, "appointment.late_arrival") == []


def test_a_walk_in_whose_booking_today_has_passed_its_late_window_counts_as_a_late_arrival(
    services: Services, clerk: ClerkContext
) -> None:
    row = _booked_today(services, clerk, later=False)
    before = _bookings(services, row.citizen_id)
    stats_before = {s.service: s for s in services.statistics.per_service_and_day(clerk, TODAY, TODAY)}
    ticket_id = _called_walk_in(services, clerk)

    visit = services.queue.serve_walk_in(clerk, ticket_id, row.citizen_id)
    assert visit.appointment_id is None  # served as the walk-in they are: their time is gone
    with services.db.read() as session:
        booking = session.get(Appointment, row.id)
        assert booking is not None and (booking.status, booking.checked_in_at) == (AppointmentStatus.CANCELLED, NOW)
    assert {k: v for k, v in _bookings(services, row.citizen_id).items() if k != row.id} == {
        k: v for k, v in before.items() if k != row.id}
    [late] = _entries(services, "appointment.late_arrival")
    assert (late.citizen_id, late.detail["appointment_id"]) == (row.citizen_id, row.id)
    with refused_with("appointment.not_booked", RuleViolation):
        services.appointments.mark_no_show(clerk, row.id)
    stats = {s.service: s for s in services.statistics.per_service_and_day(clerk, TODAY, TODAY)}
    was, now = stats_before[row.service_code], stats[row.service_code]
    assert (now.bookings, now.no_shows, now.late_arrivals) == (was.bookings, was.no_shows, was.late_arrivals + 1)


def test_two_serves_of_a_booked_walk_in_at_once_check_the_booking_in_once(
    services: Services, clerk: ClerkContext
) -> None:
    row = _booked_today(services, clerk, later=True)
    ticket_id = _called_walk_in(services, clerk, row.service_code)
    barrier = threading.Barrier(4)
    won: list[CheckedIn] = []
    refused: list[str] = []
    lock = threading.Lock()

    def desk() -> None:
        barrier.wait()
        try:
            visit = services.queue.serve_walk_in(clerk, ticket_id, row.citizen_id)
        except DeskError as error:
            with lock:
                refused.append(error.code)
            return
        with lock:
            won.append(visit)

    threads = [threading.Thread(target=desk) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(won) == 1 and won[0].appointment_id == row.id
    assert refused == ["ticket.already_served"] * 3
    assert [v.id for v in _visits(services, row.citizen_id)] == [won[0].visit_id]
    with services.db.read() as session:
        ticket = session.get(QueueTicket, ticket_id)
        assert ticket is not None and (ticket.visit_id, ticket.appointment_id) == (won[0].visit_id, row.id)


@pytest.mark.parametrize("fails_at", ["queue.serve_walk_in", "appointment.check_in"])
def test_a_serve_on_the_booking_that_fails_midway_saves_nothing_and_can_be_tried_again(
    services: Services, clerk: ClerkContext, monkeypatch: pytest.MonkeyPatch, fails_at: str
) -> None:
    """Found by a review (stop 33): the serve ran in three transactions (tie the ticket, check in, record the
    walk-in). The database lost after the check-in left the visit open while the clerk read "nothing was
    saved", and the retry was refused as "already served"; lost during it, the ticket stayed tied to a
    booking still BOOKED. Now one transaction: whichever write fails, nothing is left, and Serve again works."""
    from borgerservice_desk.errors import StorageUnavailable
    from borgerservice_desk.services import audit

    row = _booked_today(services, clerk, later=True)
    ticket_id = _called_walk_in(services, clerk, row.service_code)
    real_record = audit.record

    def away_at(session, clock, ctx, action, **detail):  # type: ignore[no-untyped-def]
        if action == fails_at:
            raise StorageUnavailable(detail="the server went away")
        return real_record(session, clock, ctx, action, **detail)

    monkeypatch.setattr(audit, "record", away_at)
    with pytest.raises(StorageUnavailable):
        services.queue.serve_walk_in(clerk, ticket_id, row.citizen_id)
    monkeypatch.setattr(audit, "record", real_record)

    assert _visits(services, row.citizen_id) == []
    assert _bookings(services, row.citizen_id)[row.id][1] is AppointmentStatus.BOOKED
    with services.db.read() as session:
        ticket = session.get(QueueTicket, ticket_id)
        assert ticket is not None
        assert (ticket.appointment_id, ticket.visit_id, ticket.citizen_id, ticket.status) == (
            None, None, None, TicketStatus.CALLED
        )
    visit = services.queue.serve_walk_in(clerk, ticket_id, row.citizen_id)  # the clerk presses Serve again
    assert (visit.appointment_id, visit.citizen_id) == (row.id, row.citizen_id)
    assert [v.id for v in _visits(services, row.citizen_id)] == [visit.visit_id]


def _another_service(services: Services, code: str) -> str:
    return next(other for _id, other in services.booking.service_ids() if other != code)


def test_a_walk_in_for_another_errand_leaves_the_booking_of_today_for_its_own_errand(
    services: Services, clerk: ClerkContext
) -> None:
    """A citizen booked for one service later today who walks in for another is served for that errand as
    a walk-in: the booking was taken for it (checked in, then done) and the citizen who came back at its
    time had none left."""
    row = _booked_today(services, clerk, later=True)
    before = _bookings(services, row.citizen_id)
    ticket_id = _called_walk_in(services, clerk, _another_service(services, row.service_code))
    [told] = services.queue.bookings_today(clerk, ticket_id, [row.citizen_id]).values()
    assert (told.appointment_id, told.late, told.stays) == (row.id, False, True)
    assert told.service_name_da and told.service_name_en  # the dialog names the booking's errand

    visit = services.queue.serve_walk_in(clerk, ticket_id, row.citizen_id)
    assert visit == CheckedIn(visit.visit_id, None, row.citizen_id)
    assert _bookings(services, row.citizen_id) == before  # still BOOKED, for its own time
    assert _entries(services, "appointment.check_in") == [] and _entries(services, "appointment.late_arrival") == []
    services.appointments.finish_visit(clerk, visit.visit_id)
    # Back at the booked time: checked in on it as any booked citizen.
    again = services.appointments.check_in(clerk, row.id)
    assert again.appointment_id == row.id


def test_of_two_bookings_today_the_walk_in_is_served_on_the_one_of_its_service(
    services: Services, clerk: ClerkContext
) -> None:
    row = _booked_today(services, clerk, later=True)
    other = _another_service(services, row.service_code)
    for appointment_id, (at, status) in _bookings(services, row.citizen_id).items():
        if at.date() != TODAY and status is AppointmentStatus.BOOKED:
            services.booking.cancel(clerk, appointment_id)  # room under the open-bookings limit
    [free] = services.booking.next_free(clerk, other, limit=1, earliest=NOW)
    earlier = services.booking.book(clerk, row.citizen_id, other, free.starts_at)
    assert earlier.starts_at < row.starts_at  # the first of the day is for the other errand
    ticket_id = _called_walk_in(services, clerk, row.service_code)
    [told] = services.queue.bookings_today(clerk, ticket_id, [row.citizen_id]).values()
    assert (told.appointment_id, told.stays) == (row.id, False)

    visit = services.queue.serve_walk_in(clerk, ticket_id, row.citizen_id)
    assert visit.appointment_id == row.id
    after = _bookings(services, row.citizen_id)
    assert after[row.id][1] is AppointmentStatus.CHECKED_IN
    assert after[earlier.appointment_id][1] is AppointmentStatus.BOOKED
