"""The Today tab's list (AppointmentService.day_list): the booked citizens and the walk-ins served on the
centre's own local days, for one counter or all, each row naming the citizen the clerk calls up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.errors import NotFound, RuleViolation
from borgerservice_desk.services.appointments import AppointmentRow, WalkInRow
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.services.queue import Called
from borgerservice_desk.storage.models import Appointment, AuditEntry, Centre, Citizen, Counter, Service, Visit
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
    # The same through the counter's own day view (appointments only).
    own = services.appointments.day(clerk, TODAY, 2)
    assert {r.id for r in own} == _booked_on(services, TODAY, COPENHAGEN, "Skranke 2")


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


def _service_id(session: Session, code: str) -> int:
    return session.scalars(select(Service.id).where(Service.code == code)).one()


def test_a_range_of_days_lists_this_centres_bookings_by_time_then_counter(services: Services, clerk: ClerkContext) -> None:
    other = add_other_centre(services.db)  # Randers books on the eleventh day from now
    # Two at once on that day too, the later counter's booked first.
    tuesday_eleven = datetime.combine(TODAY + timedelta(days=11), time(11), COPENHAGEN).astimezone(UTC)
    for citizen, counter in zip(_citizens_without_bookings(services, 2), (3, 1), strict=True):
        services.booking.book(clerk, citizen.id, "mitid", tuesday_eleven, counter_id=counter)
    rows = services.appointments.between(clerk, TODAY, TODAY + timedelta(days=11))
    assert rows and other.appointment_id not in {r.id for r in rows}
    assert {r.counter for r in rows} <= {"Skranke 1", "Skranke 2", "Skranke 3", "Skranke 4"}
    order = [(r.starts_at, r.counter) for r in rows]
    assert order == sorted(order)
    assert len({r.starts_at for r in rows}) < len(rows)  # some begin at once at several counters: those by counter


def test_a_listed_booking_shows_its_times_code_service_counter_and_citizen_on_its_own_day_only(
    services: Services, clerk: ClerkContext
) -> None:
    (citizen,) = _citizens_without_bookings(services, 1)
    assert citizen.cpr is not None
    tuesday = TODAY + timedelta(days=11)  # 8 December, no demo bookings
    starts = datetime.combine(tuesday, time(11), COPENHAGEN).astimezone(UTC)
    booking = services.booking.book(clerk, citizen.id, "passport", starts, counter_id=2)
    # One more that begins at the very midnight the Tuesday ends: it is Wednesday's.
    with services.db.unit_of_work() as uow:
        counter = Counter(centre_id=clerk.centre_id, name="Skranke Nat")
        uow.session.add(counter)
        uow.session.flush()
        midnight = datetime.combine(tuesday + timedelta(days=1), time(0), COPENHAGEN).astimezone(UTC)
        late = Appointment(
            centre_id=clerk.centre_id, counter_id=counter.id, service_id=_service_id(uow.session, "mitid"),
            citizen_id=citizen.id, booking_code="MIDNAT", starts_at=midnight, ends_at=midnight + timedelta(minutes=15),
            status=AppointmentStatus.BOOKED, checked_in_at=None,
        )
        uow.session.add(late)
        uow.session.flush()
        late_id = late.id
        uow.commit()

    assert services.appointments.day(clerk, tuesday) == [AppointmentRow(
        id=booking.appointment_id, starts_at=starts, ends_at=starts + timedelta(minutes=20),
        booking_code=booking.booking_code, service_code="passport", service_da="Pas", service_en="Passport",
        counter="Skranke 2", citizen_id=citizen.id, citizen_name=f"{citizen.given_names} {citizen.surname}",
        cpr_masked=f"{citizen.cpr[:6]}-XXXX", status=AppointmentStatus.BOOKED, visit_id=None,
    )]
    assert [r.id for r in services.appointments.day(clerk, tuesday + timedelta(days=1))] == [late_id]


def test_checking_in_opens_one_visit_keeps_the_arrival_time_and_is_recorded(
    services: Services, clerk: ClerkContext, tmp_path: Path
) -> None:
    other = add_other_centre(services.db)
    for appointment_id in (other.appointment_id, 10**6):  # another centre's booking; none at all
        with refused_with("appointment.not_found", NotFound):
            services.appointments.check_in(clerk, appointment_id)
    now = [NOW - timedelta(minutes=10)]
    desk = _desk_at(services, tmp_path, lambda: now[0])
    ctx = desk.auth.sign_in("clerk", "demo")
    row = next(
        r for r in services.appointments.day(clerk, TODAY)
        if r.status is AppointmentStatus.BOOKED and NOW - timedelta(minutes=5) <= r.starts_at <= NOW + timedelta(minutes=5)
    )
    # The citizen arrived ten minutes ago (checked in at the queue) and is served now.
    desk.queue.arrive(ctx, booking_code=row.booking_code)
    now[0] = NOW
    checked_in = desk.appointments.check_in(ctx, row.id)

    assert (checked_in.appointment_id, checked_in.citizen_id) == (row.id, row.citizen_id)
    with services.db.read() as session:
        stored = session.get_one(Appointment, row.id)
        visit = session.get_one(Visit, checked_in.visit_id)
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "appointment.check_in")).one()
        assert (stored.status, stored.checked_in_at) == (AppointmentStatus.CHECKED_IN, NOW - timedelta(minutes=10))
        assert (visit.citizen_id, visit.appointment_id, visit.clerk_id, visit.started_at, visit.ended_at) == (
            row.citizen_id, row.id, clerk.clerk_id, NOW, None,
        )
    assert (entry.clerk_id, entry.citizen_id, entry.outcome, entry.detail) == (
        clerk.clerk_id, row.citizen_id, "ok", {"appointment_id": row.id, "visit_id": checked_in.visit_id},
    )
    # Its visit is open now: not a second one. A cancelled booking opens none either.
    with pytest.raises(RuleViolation) as twice:
        desk.appointments.check_in(ctx, row.id)
    assert (twice.value.code, twice.value.params) == ("appointment.not_booked", {"status": "checked_in"})
    (citizen,) = _citizens_without_bookings(services, 1)
    cancelled = services.booking.book(clerk, citizen.id, "mitid", NOW + timedelta(days=11, hours=1)).appointment_id
    services.booking.cancel(clerk, cancelled)
    with pytest.raises(RuleViolation) as not_booked:
        services.appointments.check_in(clerk, cancelled)
    assert (not_booked.value.code, not_booked.value.params) == ("appointment.not_booked", {"status": "cancelled"})
    # Checked in straight from the list (not at the queue first): arrived now.
    direct = next(
        r for r in services.appointments.day(clerk, TODAY) if r.status is AppointmentStatus.BOOKED and r.starts_at > NOW
    )
    services.appointments.check_in(clerk, direct.id)
    with services.db.read() as session:
        assert session.get_one(Appointment, direct.id).checked_in_at == NOW
