"""How the desk finds the booking of a citizen who arrives: by booking code, CPR number, or name and birth
date, among this centre's booked appointments of the centre's own day (local midnight to midnight), the
earliest first; and when the citizen counts as on time (from the early window's start) and what is recorded.

Each test writes its own citizens and bookings beside the demo data, so it states exactly which bookings
there are."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.domain.desk import AppointmentStatus, TicketKind
from borgerservice_desk.errors import NotFound, RuleViolation
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import Appointment, AuditEntry, Centre, Citizen, Counter, Service
from tests.support.clock import MovableClock
from tests.support.facts import NOW, TODAY
from tests.support.other_centre import add_other_centre
from tests.support.refusals import refused_with

COPENHAGEN = ZoneInfo("Europe/Copenhagen")  # the demo centre's zone
# The product's default early window (centre_settings.NUMBERS), written out: not taken from the code checked.
EARLY = timedelta(minutes=30)
MINUTE = timedelta(minutes=1)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(NOW)


@pytest.fixture
def desk(seeded_db: Database, tmp_path: Path, clock: MovableClock) -> Iterator[tuple[Services, ClerkContext]]:
    services = build_services(seeded_db, Paths(tmp_path / "data"), clock=clock)
    yield services, services.auth.sign_in("clerk", "demo")


def _at(day: date, hour: int, minute: int = 0, zone: ZoneInfo = COPENHAGEN) -> datetime:
    """A local time of the centre as the UTC instant the desk stores."""
    return datetime.combine(day, time(hour, minute), zone).astimezone(UTC)


def _citizen(services: Services, given_names: str, surname: str, born: date, cpr: str | None = None) -> int:
    with services.db.unit_of_work() as uow:
        citizen = Citizen(cpr=cpr, given_names=given_names, surname=surname, birth_date=born, sex=None)
        uow.session.add(citizen)
        uow.session.flush()
        uow.commit()
        return citizen.id


def _booking(
    services: Services,
    citizen_id: int,
    starts_at: datetime,
    code: str,
    *,
    centre_id: int | None = None,
    status: AppointmentStatus = AppointmentStatus.BOOKED,
) -> int:
    """A MitID booking in the centre (the demo centre unless named), at a counter of its own: bookings of
    one counter may not overlap, and the demo day's must not be in the way."""
    with services.db.unit_of_work() as uow:
        session = uow.session
        if centre_id is None:
            centre_id = session.scalars(select(Centre.id).order_by(Centre.id)).first()
            assert centre_id is not None
        counter = Counter(centre_id=centre_id, name=f"Skranke {code}")
        session.add(counter)
        session.flush()
        mitid = session.scalars(select(Service).where(Service.code == "mitid")).one()
        appointment = Appointment(
            centre_id=centre_id, counter_id=counter.id, service_id=mitid.id, citizen_id=citizen_id,
            booking_code=code, starts_at=starts_at, ends_at=starts_at + timedelta(minutes=mitid.minutes),
            status=status, checked_in_at=None,
        )
        session.add(appointment)
        session.flush()
        uow.commit()
        return appointment.id


def _status(services: Services, appointment_id: int) -> AppointmentStatus:
    with services.db.read() as session:
        return session.get_one(Appointment, appointment_id).status


def test_by_name_and_birth_date_a_booking_is_found_only_when_exactly_one_citizen_matches(
    desk: tuple[Services, ClerkContext],
) -> None:
    services, clerk = desk
    born = date(1985, 3, 14)
    anne_marie = _citizen(services, "Anne Marie", "Sørensen", born)
    peter = _citizen(services, "Peter", "Sørensen", born)  # the same surname and birth date
    anne = _citizen(services, "Anne", "Sørensen", date(1990, 6, 1))  # the same name, born another day
    bookings = {
        who: _booking(services, who, _at(TODAY, 10, 5), code)
        for who, code in ((anne_marie, "NAMEAM"), (peter, "NAMEPE"), (anne, "NAMEAN"))
    }
    # Two of that birth date are called Sørensen: the clerk must ask for more, nobody is guessed.
    with refused_with("arrival.not_found", NotFound):
        services.queue.arrive(clerk, name="Sørensen", birth_date=born)
    # Every word typed must be in the citizen's name.
    with refused_with("arrival.not_found", NotFound):
        services.queue.arrive(clerk, name="Anne Jensen", birth_date=born)
    assert {_status(services, b) for b in bookings.values()} == {AppointmentStatus.BOOKED}
    # Some of the names, in any case and spelling of Ø, with the birth date: one citizen, her booking.
    arrival = services.queue.arrive(clerk, name="anne SOERENSEN", birth_date=born)
    assert (arrival.appointment_id, arrival.kind, arrival.late) == (bookings[anne_marie], TicketKind.APPOINTMENT, False)
    assert [_status(services, bookings[who]) for who in (anne_marie, peter, anne)] == [
        AppointmentStatus.CHECKED_IN, AppointmentStatus.BOOKED, AppointmentStatus.BOOKED,
    ]


def test_a_name_without_a_birth_date_or_nothing_to_look_by_is_refused_as_not_enough(
    desk: tuple[Services, ClerkContext],
) -> None:
    services, clerk = desk
    born = date(1985, 3, 14)
    booking = _booking(services, _citizen(services, "Anne Marie", "Sørensen", born), _at(TODAY, 10, 5), "NAMEAM")
    for partial in ({"name": "Anne Marie Sørensen"}, {"birth_date": born}, {}):
        with refused_with("arrival.how", RuleViolation):
            services.queue.arrive(clerk, **partial)  # type: ignore[arg-type]
    assert _status(services, booking) is AppointmentStatus.BOOKED


def test_the_day_is_the_centres_own_so_a_booking_left_from_its_yesterday_is_not_checked_in(
    desk: tuple[Services, ClerkContext], clock: MovableClock
) -> None:
    """Auckland is 13 hours ahead of UTC in November: its Saturday morning is Friday evening in UTC, and its
    Friday evening is Friday morning in UTC, the same UTC day."""
    services, clerk = desk
    auckland = ZoneInfo("Pacific/Auckland")
    with services.db.unit_of_work() as uow:
        uow.session.get_one(Centre, clerk.centre_id).timezone = auckland.key
        uow.commit()
    saturday = TODAY + timedelta(days=1)
    citizen = _citizen(services, "Aroha", "Ngata", date(1979, 8, 2), cpr="0208791234")
    # Booked on Friday evening, never marked a no-show; and booked again on Saturday morning.
    friday = _booking(services, citizen, _at(TODAY, 23, 50, auckland), "AKLFRI")
    saturdays = _booking(services, citizen, _at(saturday, 9, 10, auckland), "AKLSAT")
    clock.set(_at(saturday, 9, 0, auckland))
    with refused_with("arrival.not_found", NotFound):
        services.queue.arrive(clerk, booking_code="AKLFRI")
    arrival = services.queue.arrive(clerk, cpr="020879-1234")
    assert (arrival.appointment_id, arrival.late) == (saturdays, False)
    assert (_status(services, friday), _status(services, saturdays)) == (
        AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN,
    )


def test_the_day_of_an_arrival_runs_from_local_midnight_to_the_next(
    desk: tuple[Services, ClerkContext], clock: MovableClock
) -> None:
    services, clerk = desk
    tomorrow = TODAY + timedelta(days=1)
    citizen = _citizen(services, "Nils", "Midnat", date(1970, 1, 1))
    at_midnight = _booking(services, citizen, _at(TODAY, 0), "MIDNT0")
    next_midnight = _booking(services, citizen, _at(tomorrow, 0), "MIDNT1")
    tomorrow_morning = _booking(services, citizen, _at(tomorrow, 10), "MORGEN")

    clock.set(_at(TODAY, 0, 5))  # the day's first booking, at its first minute
    assert services.queue.arrive(clerk, booking_code="MIDNT0").appointment_id == at_midnight
    clock.set(_at(TODAY, 23, 55))  # within the early window of a booking that is tomorrow's
    with refused_with("arrival.not_found", NotFound):
        services.queue.arrive(clerk, booking_code="MIDNT1")
    clock.set(_at(TODAY, 10))  # tomorrow's booking is not found today (not "too early")
    with refused_with("arrival.not_found", NotFound):
        services.queue.arrive(clerk, booking_code="MORGEN")
    clock.set(_at(tomorrow, 0))  # from midnight it is the day's
    assert services.queue.arrive(clerk, booking_code="MIDNT1").appointment_id == next_midnight
    assert _status(services, tomorrow_morning) is AppointmentStatus.BOOKED


def test_only_this_centres_booked_appointments_are_found(desk: tuple[Services, ClerkContext]) -> None:
    services, clerk = desk
    other = add_other_centre(services.db)
    citizen = _citizen(services, "Ida", "Andetsted", date(1992, 5, 5))
    elsewhere = _booking(services, citizen, _at(TODAY, 10, 5), "RANDTD", centre_id=other.centre_id)
    cancelled = _booking(services, citizen, _at(TODAY, 10, 5), "AFLYST", status=AppointmentStatus.CANCELLED)
    booked = _booking(services, citizen, _at(TODAY, 10, 10), "BOOKED")
    for code in ("RANDTD", "AFLYST"):
        with refused_with("arrival.not_found", NotFound):
            services.queue.arrive(clerk, booking_code=code)
    assert services.queue.arrive(clerk, booking_code="BOOKED").appointment_id == booked
    with refused_with("arrival.not_found", NotFound):  # checked in already: not a second ticket
        services.queue.arrive(clerk, booking_code="BOOKED")
    assert (_status(services, elsewhere), _status(services, cancelled)) == (
        AppointmentStatus.BOOKED, AppointmentStatus.CANCELLED,
    )


def test_by_cpr_number_the_days_earliest_booking_is_checked_in_first(desk: tuple[Services, ClerkContext]) -> None:
    services, clerk = desk
    citizen = _citizen(services, "Bo", "Tobesøg", date(1966, 6, 6), cpr="0606661234")
    later = _booking(services, citizen, _at(TODAY, 10, 20), "LATER1")  # written first: the lower id
    earlier = _booking(services, citizen, _at(TODAY, 10, 0), "EARLY1")
    assert services.queue.arrive(clerk, cpr="0606661234").appointment_id == earlier
    assert services.queue.arrive(clerk, cpr="0606661234").appointment_id == later


def test_an_arrival_is_on_time_from_the_early_windows_start_and_is_recorded_with_its_booking_and_ticket(
    desk: tuple[Services, ClerkContext], clock: MovableClock
) -> None:
    services, clerk = desk
    citizen = _citizen(services, "Tove", "Tidlig", date(1958, 2, 2))
    starts = _at(TODAY, 11)
    booking = _booking(services, citizen, starts, "TIDLIG")
    clock.set(starts - EARLY - MINUTE)
    with pytest.raises(RuleViolation) as caught:
        services.queue.arrive(clerk, booking_code="TIDLIG")
    # The refusal tells the clerk when the citizen may come back: the early window's start.
    assert (caught.value.code, caught.value.params) == ("arrival.too_early", {"come_back": (starts - EARLY).isoformat()})
    clock.set(starts - EARLY)  # the window's first minute is in it
    arrival = services.queue.arrive(clerk, booking_code="TIDLIG")
    assert (arrival.appointment_id, arrival.late) == (booking, False)
    with services.db.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "queue.arrive", AuditEntry.outcome == "ok")
        ).one()
    assert (entry.at, entry.clerk_id, entry.citizen_id, entry.detail) == (
        starts - EARLY, clerk.clerk_id, citizen, {"appointment_id": booking, "ticket": arrival.number, "late": False},
    )
