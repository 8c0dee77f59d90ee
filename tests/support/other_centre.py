"""A second centre in the same database, for tests that a clerk's or supervisor's use cases keep to their own
centre: they must neither read nor change another centre's counters, hours, closed days or bookings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from borgerservice_desk.domain.desk import AppointmentStatus, Role, TicketKind, TicketStatus
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import (
    Appointment,
    Centre,
    Citizen,
    Clerk,
    Closure,
    Counter,
    CounterService,
    OpeningHours,
    QueueTicket,
    Service,
    Visit,
)
from tests.support.facts import NOW, TODAY


@dataclass(frozen=True)
class OtherCentre:
    centre_id: int
    counter_id: int
    service_id: int  # MitID, the one service its counter offers
    closure_id: int  # a closed day twelve days from NOW
    appointment_id: int  # a booked MitID appointment eleven days from NOW, at 11:00 UTC
    walk_in_visit_id: int  # a walk-in served today at NOW, its visit still open


def add_other_centre(db: Database) -> OtherCentre:
    """Randers beside the demo centre: one counter offering MitID, open on Saturdays only (which the demo
    centre is not), one closed day, one booking and one walk-in being served today, both of the demo data's
    first citizen."""
    with db.unit_of_work() as uow:
        session = uow.session
        centre = Centre(name="Borgerservice Randers", address="Laksetorvet 1, 8900 Randers C", timezone="Europe/Copenhagen")
        session.add(centre)
        session.flush()
        counter = Counter(centre_id=centre.id, name="Skranke 1")
        session.add(counter)
        session.flush()
        mitid = session.scalars(select(Service).where(Service.code == "mitid")).one()
        citizen_id = session.scalars(select(Citizen.id).order_by(Citizen.id).limit(1)).one()
        starts = datetime.combine(NOW.date() + timedelta(days=11), time(11), UTC)
        closure = Closure(centre_id=centre.id, counter_id=None, day=NOW.date() + timedelta(days=12), reason="move")
        appointment = Appointment(
            centre_id=centre.id, counter_id=counter.id, service_id=mitid.id, citizen_id=citizen_id,
            booking_code="RANDRS", starts_at=starts, ends_at=starts + timedelta(minutes=mitid.minutes),
            status=AppointmentStatus.BOOKED, checked_in_at=None,
        )
        session.add_all([
            CounterService(counter_id=counter.id, service_id=mitid.id),
            OpeningHours(centre_id=centre.id, weekday=5, opens=time(10), closes=time(13)),
            closure,
            appointment,
        ])
        clerk = Clerk(centre_id=centre.id, username="randers", full_name="Randers Skranke", role=Role.CLERK,
                      password_hash="not-a-hash")  # never signs in here
        session.add(clerk)
        session.flush()
        visit = Visit(citizen_id=citizen_id, appointment_id=None, clerk_id=clerk.id, started_at=NOW, ended_at=None)
        session.add(visit)
        session.flush()
        session.add(QueueTicket(
            centre_id=centre.id, day=TODAY, number=1, kind=TicketKind.WALK_IN, status=TicketStatus.CALLED,
            service_id=mitid.id, citizen_id=citizen_id, appointment_id=None, counter_id=counter.id, created_at=NOW,
            called_at=NOW, called_by=clerk.id, visit_id=visit.id,
        ))
        session.flush()
        other = OtherCentre(centre.id, counter.id, mitid.id, closure.id, appointment.id, visit.id)
        uow.commit()
    return other


ODENSE_PASSWORD = "Rugbrød og Sild 7"


def add_odense_clerk(db: Database, role: Role) -> str:
    """Another centre, Odense, with one clerk of `role` who can sign in (ODENSE_PASSWORD): for tests that a
    signed-in person of another centre reaches nothing of this one. Returns the clerk's user name."""
    from borgerservice_desk.services.auth import hash_password

    with db.unit_of_work() as uow:
        centre = Centre(name="Borgerservice Odense", address="Flakhaven 2, 5000 Odense C")
        uow.session.add(centre)
        uow.session.flush()
        uow.session.add(Clerk(centre_id=centre.id, username="odense", full_name="Ole Odense", role=role,
                              password_hash=hash_password(ODENSE_PASSWORD)))
        uow.commit()
    return "odense"
