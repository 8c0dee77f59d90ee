"""The Today tab's list (AppointmentService.day_list): the booked citizens and the walk-ins served on the
centre's own local days, for one counter or all, each row naming the citizen the clerk calls up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.errors import NotFound, RuleViolation
from borgerservice_desk.services.appointments import AppointmentRow, WalkInRow
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.services.queue import Called
from borgerservice_desk.storage.models import Appointment, AuditEntry, Centre, Citizen
from tests.conftest import NOW, TODAY
from tests.support.other_centre import add_other_centre
from tests.support.refusals import refused_with

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def _booked_on(services: Services, day: date, zone: ZoneInfo, counter: str | None = None) -> set[int]:
    """The appointments (not cancelled) that start on `day` as a clock in `zone` reads it."""
    with services.db.read() as session:
        rows = session.scalars(select(Appointment).where(Appointment.status != AppointmentStatus.CANCELLED)).all()
        return {
            a.id for a in rows
            if a.starts_at.astimezone(zone).date() == day and (counter is None or a.counter.name == counter)
        }


def _appointment_ids(rows: list[AppointmentRow | WalkInRow]) -> set[int]:
    return {r.id for r in rows if isinstance(r, AppointmentRow)}


def _citizens_without_bookings(services: Services, count: int) -> list[Citizen]:
    with services.db.read() as session:
        booked = select(Appointment.citizen_id)
        return list(session.scalars(select(Citizen).where(Citizen.id.not_in(booked)).order_by(Citizen.id).limit(count)))


def _serve_walk_in(desk: Services, ctx: ClerkContext, citizen_id: int) -> int:
    """A walk-in for a health card, called to the first counter where it fits and served: its visit's id."""
    ticket = desk.queue.walk_in(ctx, "health_card", citizen_id)
    for counter in (1, 2, 3, 4):
        called = desk.queue.call_next(ctx, counter)
        if called is not None:
            assert called.ticket_id == ticket.ticket_id
            return desk.queue.serve_walk_in(ctx, ticket.ticket_id).visit_id
    raise AssertionError("no counter had room for a walk-in")


def _desk_at(services: Services, tmp_path: Path, clock: Callable[[], datetime]) -> Services:
    """Another desk on the same database whose clock reads another day."""
    return build_services(services.db, Paths(tmp_path / f"desk-{clock().isoformat()}"), clock=clock)


def test_a_day_and_a_counter_list_exactly_their_own_bookings(services: Services, clerk: ClerkContext) -> None:
    thursday = TODAY - timedelta(days=1)
    # Thursday alone: not Friday's bookings, although the list of Friday follows right after it.
    listed = _appointment_ids(services.appointments.day_list(clerk, thursday, thursday))
    assert listed == _booked_on(services, thursday, COPENHAGEN) != set()
    assert _booked_on(services, TODAY, COPENHAGEN) - listed == _booked_on(services, TODAY, COPENHAGEN) != set()
    # One counter: its own bookings of the day, and only those.
    rows = services.appointments.day_list(clerk, TODAY, TODAY, 2)
    assert _appointment_ids(rows) == _booked_on(services, TODAY, COPENHAGEN, "Skranke 2") != set()
    assert {r.counter for r in rows} == {"Skranke 2"}


def test_the_list_is_of_the_centres_local_day_in_its_own_time_zone(services: Services, clerk: ClerkContext) -> None:
    honolulu = ZoneInfo("Pacific/Honolulu")  # 11 hours behind Copenhagen: its Friday begins at 10:00 UTC
    with services.db.unit_of_work() as uow:
        centre = uow.session.get(Centre, clerk.centre_id)
        assert centre is not None
        centre.timezone = honolulu.key
        uow.commit()
    for day in (TODAY - timedelta(days=1), TODAY):
        listed = _appointment_ids(services.appointments.day_list(clerk, day, day))
        # Some of the Copenhagen day's bookings are on the Honolulu day before: the list follows the centre.
        assert listed == _booked_on(services, day, honolulu) != _booked_on(services, day, COPENHAGEN)


def _call_next(services: Services, clerk: ClerkContext, counter_id: int) -> Called | None:
    """The next citizen for the counter, or None where nobody fits before its next appointment."""
    try:
        return services.queue.call_next(clerk, counter_id)
    except RuleViolation as refusal:
        assert refusal.code == "queue.walk_ins_wait"
        return None


def test_walk_ins_are_listed_on_the_day_they_were_served_naming_the_citizen_and_no_other_centres(
    services: Services, clerk: ClerkContext, tmp_path: Path
) -> None:
    other = add_other_centre(services.db)  # it serves a walk-in today too
    yesterday = _desk_at(services, tmp_path, lambda: NOW - timedelta(days=1))
    first, second, third = _citizens_without_bookings(services, 3)
    assert first.cpr is not None
    thursdays = _serve_walk_in(yesterday, yesterday.auth.sign_in("clerk", "demo"), first.id)
    # Two walk-ins today, called to two counters; the second is served first, in the same second as the
    # other (the test clock stands still): the list keeps them in the order of their queue numbers.
    tickets = [services.queue.walk_in(clerk, "health_card", c.id).ticket_id for c in (second, third)]
    called = [c.ticket_id for c in (_call_next(services, clerk, n) for n in (1, 2, 3, 4)) if c is not None]
    assert called[:2] == tickets
    visits = {t: services.queue.serve_walk_in(clerk, t).visit_id for t in reversed(tickets)}

    thursday = TODAY - timedelta(days=1)
    thursday_rows = [r for r in services.appointments.day_list(clerk, thursday, thursday) if isinstance(r, WalkInRow)]
    friday_rows = [r for r in services.appointments.day_list(clerk, TODAY, TODAY) if isinstance(r, WalkInRow)]

    [row] = thursday_rows
    assert row == WalkInRow(
        ticket_id=row.ticket_id, ticket_number=1, visit_id=thursdays, starts_at=NOW - timedelta(days=1), ends_at=None,
        service_code="health_card", service_da="Sundhedskort", service_en="Health card", counter=row.counter,
        citizen_id=first.id, citizen_name=f"{first.given_names} {first.surname}", cpr_masked=f"{first.cpr[:6]}-XXXX",
        status=AppointmentStatus.CHECKED_IN,
    )
    assert row.counter.startswith("Skranke ")
    assert [(r.ticket_id, r.ticket_number, r.visit_id) for r in friday_rows] == [
        (tickets[0], 1, visits[tickets[0]]), (tickets[1], 2, visits[tickets[1]]),
    ]
    assert other.walk_in_visit_id not in {r.visit_id for r in friday_rows}


def test_a_finished_visit_makes_its_appointment_done_once_and_is_recorded(
    services: Services, clerk: ClerkContext
) -> None:
    booked = next(
        r for r in services.appointments.day(clerk, TODAY) if r.status is AppointmentStatus.BOOKED and r.starts_at > NOW
    )
    visit_id = services.appointments.check_in(clerk, booked.id).visit_id

    services.appointments.finish_visit(clerk, visit_id)

    [row] = [r for r in services.appointments.day_list(clerk, TODAY, TODAY) if isinstance(r, AppointmentRow) and r.id == booked.id]
    assert (row.status, row.visit_id) == (AppointmentStatus.DONE, visit_id)
    with services.db.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "visit.finish")).one()
    assert (entry.clerk_id, entry.citizen_id, entry.detail) == (clerk.clerk_id, booked.citizen_id, {"visit_id": visit_id})
    with refused_with("visit.ended", RuleViolation):
        services.appointments.finish_visit(clerk, visit_id)
    with refused_with("visit.not_found", NotFound):
        services.appointments.finish_visit(clerk, 10**6)


def test_a_no_show_is_only_for_this_centres_booked_appointments(services: Services, clerk: ClerkContext) -> None:
    other = add_other_centre(services.db)
    for appointment_id in (other.appointment_id, 10**6):  # another centre's booking; none at all
        with refused_with("appointment.not_found", NotFound):
            services.appointments.mark_no_show(clerk, appointment_id)
    (citizen,) = _citizens_without_bookings(services, 1)
    starts = NOW + timedelta(days=11, hours=1)  # Tuesday 8 December, 11:00 in Copenhagen
    booking = services.booking.book(clerk, citizen.id, "mitid", starts)
    services.booking.cancel(clerk, booking.appointment_id)
    with pytest.raises(RuleViolation) as cancelled:
        services.appointments.mark_no_show(clerk, booking.appointment_id)
    assert (cancelled.value.code, cancelled.value.params) == ("appointment.not_booked", {"status": "cancelled"})
    with services.db.read() as session:
        theirs = session.get(Appointment, other.appointment_id)
        assert theirs is not None and theirs.status is AppointmentStatus.BOOKED
