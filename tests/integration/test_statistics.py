"""The centre's statistics on a small, known week: what counts as a booking, a no-show and a late arrival,
which tickets give a waiting time, and where a day begins and ends (midnight in the centre's time zone,
not in UTC). Built on an initialised centre with rows written directly, so every number is known."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from borgerservice_desk.domain.desk import AppointmentStatus, Role, TicketKind, TicketStatus
from borgerservice_desk.services.auth import AuthService, hash_password
from borgerservice_desk.services.clerks import initialise
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.services.statistics import ServiceDay, StatisticsService
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import Appointment, Centre, Citizen, Clerk, Counter, QueueTicket, Service
from tests.support.refusals import refused_with

PASSWORD = "Tårnfalk.Fjord"
ZONE = ZoneInfo("Europe/Copenhagen")  # UTC+1 in November
TUESDAY, WEDNESDAY = date(2026, 11, 24), date(2026, 11, 25)


def _local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE).astimezone(UTC)


class _Week:
    """Writes the week's appointments and tickets for one centre."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.codes = 0
        self.numbers = 0

    def appointment(self, centre_id: int, counter_id: int, service_id: int, citizen_id: int, starts_at: datetime,
                    status: AppointmentStatus, checked_in_at: datetime | None = None) -> None:
        self.codes += 1
        with self.db.unit_of_work() as uow:
            uow.session.add(Appointment(
                centre_id=centre_id, counter_id=counter_id, service_id=service_id, citizen_id=citizen_id,
                booking_code=f"ST{self.codes:04d}", starts_at=starts_at, ends_at=starts_at + timedelta(minutes=10),
                status=status, checked_in_at=checked_in_at,
            ))
            uow.commit()

    def ticket(self, centre_id: int, service_id: int, day: date, status: TicketStatus, waited: int | None) -> None:
        """A walk-in taken at 10:00 that day and, unless `waited` is None, called `waited` minutes later."""
        self.numbers += 1
        created = _local(day, 10)
        with self.db.unit_of_work() as uow:
            uow.session.add(QueueTicket(
                centre_id=centre_id, day=day, number=self.numbers, kind=TicketKind.WALK_IN, status=status,
                service_id=service_id, created_at=created,
                called_at=None if waited is None else created + timedelta(minutes=waited),
            ))
            uow.commit()


@dataclass(frozen=True)
class _Setup:
    db: Database
    statistics: StatisticsService
    ctx: ClerkContext  # the centre's supervisor
    add: _Week
    ids: dict[str, int]


@pytest.fixture
def week(db: Database) -> _Setup:
    initialise(db, centre_name="Borgerservice Vejle", centre_address="Skolegade 1, 7100 Vejle",
               username="chef", full_name="Bente Chef", password=PASSWORD)
    with db.unit_of_work() as uow:
        session = uow.session
        centre_id = session.query(Centre.id).scalar()
        other = Centre(name="Borgerservice Odense", address="Flakhaven 2, 5000 Odense C")
        mitid = Service(code="st_mitid", name_da="MitID", name_en="MitID", minutes=10)
        passport = Service(code="st_passport", name_da="Pas", name_en="Passport", minutes=10)
        citizen = Citizen(cpr=None, given_names="Karen", surname="Blixen", birth_date=date(1985, 4, 17), sex="F")
        session.add_all([other, mitid, passport, citizen])
        session.flush()
        counter = Counter(centre_id=centre_id, name="Skranke 1")
        other_counter = Counter(centre_id=other.id, name="Skranke 1")
        session.add_all([counter, other_counter])
        session.add(Clerk(centre_id=other.id, username="odense", full_name="Ole Odense", role=Role.CLERK,
                          password_hash=hash_password(PASSWORD)))
        session.flush()
        ids = {"centre": centre_id, "other": other.id, "mitid": mitid.id, "passport": passport.id,
               "citizen": citizen.id, "counter": counter.id, "other_counter": other_counter.id}
        uow.commit()
    ctx = AuthService(db).sign_in("chef", PASSWORD)
    return _Setup(db, StatisticsService(db), ctx, _Week(db), ids)


def test_bookings_no_shows_late_arrivals_and_waits_per_service_and_local_day(week: _Setup) -> None:
    statistics, ctx, add, ids = week.statistics, week.ctx, week.add, week.ids
    here, counter, citizen = ids["centre"], ids["counter"], ids["citizen"]
    mitid, passport = ids["mitid"], ids["passport"]
    # Tuesday's MitID bookings, from the first minute of the day (23:00 UTC on Monday):
    add.appointment(here, counter, mitid, citizen, _local(TUESDAY, 0), AppointmentStatus.BOOKED)
    add.appointment(here, counter, mitid, citizen, _local(TUESDAY, 10), AppointmentStatus.NO_SHOW)
    add.appointment(here, counter, mitid, citizen, _local(TUESDAY, 10, 10), AppointmentStatus.CANCELLED)  # beforehand
    add.appointment(here, counter, mitid, citizen, _local(TUESDAY, 10, 20), AppointmentStatus.CANCELLED,
                    checked_in_at=_local(TUESDAY, 10, 45))  # came too late: a booking, and a late one
    add.appointment(here, counter, mitid, citizen, _local(TUESDAY, 0, 10), AppointmentStatus.CANCELLED,
                    checked_in_at=_local(TUESDAY, 0, 40))  # another, on Tuesday though still Monday in UTC
    add.appointment(here, counter, mitid, citizen, _local(TUESDAY, 10, 30), AppointmentStatus.DONE)
    # Wednesday's last minute (22:50 UTC) still is Wednesday; Thursday's first and Monday's last are out.
    add.appointment(here, counter, passport, citizen, _local(WEDNESDAY, 23, 50), AppointmentStatus.CHECKED_IN)
    add.appointment(here, counter, passport, citizen, _local(WEDNESDAY + timedelta(days=1), 0), AppointmentStatus.BOOKED)
    add.appointment(here, counter, mitid, citizen, _local(TUESDAY - timedelta(days=1), 23, 50), AppointmentStatus.NO_SHOW)
    # Another centre's booking on Tuesday is not this centre's.
    add.appointment(ids["other"], ids["other_counter"], mitid, citizen, _local(TUESDAY, 11), AppointmentStatus.NO_SHOW)
    # Waits: every ticket called to a counter (whatever became of it after), none still waiting.
    add.ticket(here, mitid, TUESDAY, TicketStatus.CALLED, 2)
    add.ticket(here, mitid, TUESDAY, TicketStatus.DONE, 9)
    add.ticket(here, mitid, TUESDAY, TicketStatus.NO_SHOW, 4)
    add.ticket(here, mitid, TUESDAY, TicketStatus.CALLED, 12)
    add.ticket(here, mitid, TUESDAY, TicketStatus.DONE, 1)  # five waits: the median is the third, 4
    add.ticket(here, mitid, TUESDAY, TicketStatus.WAITING, None)
    add.ticket(here, passport, TUESDAY, TicketStatus.CALLED, 6)  # a service with waits but no bookings
    add.ticket(here, passport, WEDNESDAY, TicketStatus.DONE, 8)
    add.ticket(here, passport, WEDNESDAY, TicketStatus.CALLED, 3)
    add.ticket(here, passport, WEDNESDAY, TicketStatus.CALLED, 20)
    add.ticket(here, passport, WEDNESDAY, TicketStatus.DONE, 1)  # four: between the second and third, 5.5
    add.ticket(here, passport, TUESDAY - timedelta(days=1), TicketStatus.CALLED, 30)
    add.ticket(here, passport, WEDNESDAY + timedelta(days=1), TicketStatus.CALLED, 30)
    add.ticket(ids["other"], mitid, TUESDAY, TicketStatus.CALLED, 30)

    rows = statistics.per_service_and_day(ctx, TUESDAY, WEDNESDAY)
    assert rows == [
        ServiceDay(TUESDAY, "st_mitid", bookings=5, no_shows=1, late_arrivals=2, served_from_queue=5,
                   median_wait_minutes=4.0),
        ServiceDay(TUESDAY, "st_passport", bookings=0, no_shows=0, late_arrivals=0, served_from_queue=1,
                   median_wait_minutes=6.0),
        ServiceDay(WEDNESDAY, "st_passport", bookings=1, no_shows=0, late_arrivals=0, served_from_queue=4,
                   median_wait_minutes=5.5),
    ]
    assert [r.no_show_rate for r in rows] == [0.2, 0.0, 0.0]
    # One day asked for is that day alone.
    assert [(r.day, r.service) for r in statistics.per_service_and_day(ctx, WEDNESDAY, WEDNESDAY)] == [
        (WEDNESDAY, "st_passport"),
    ]


def test_a_day_without_bookings_or_calls_has_no_row_and_a_deactivated_clerk_sees_nothing(week: _Setup) -> None:
    statistics, ctx, add, ids = week.statistics, week.ctx, week.add, week.ids
    add.ticket(ids["centre"], ids["mitid"], TUESDAY, TicketStatus.WAITING, None)
    assert statistics.per_service_and_day(ctx, TUESDAY, WEDNESDAY) == []
    with week.db.unit_of_work() as uow:
        uow.session.get_one(Clerk, ctx.clerk_id).active = False
        uow.commit()
    with refused_with("auth.not_active"):
        statistics.per_service_and_day(ctx, TUESDAY, WEDNESDAY)
