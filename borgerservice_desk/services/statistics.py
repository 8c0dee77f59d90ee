"""Statistics for the centre: bookings, no-show rate, late arrivals and waiting time, per service and day."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from borgerservice_desk.domain.desk import AppointmentStatus, TicketStatus, arrived_late
from borgerservice_desk.services.access import current_clerk
from borgerservice_desk.services.centre_settings import read_centre_zone
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import Appointment, QueueTicket, Service


@dataclass(frozen=True)
class ServiceDay:
    day: date
    service: str  # the service's code
    bookings: int  # booked for that day and not cancelled beforehand (late arrivals count: they came)
    no_shows: int
    late_arrivals: int  # came after the late window: the time was given up, they were served as walk-ins
    served_from_queue: int  # tickets called to a counter
    median_wait_minutes: float | None  # from ticket to call; None when nobody was called

    @property
    def no_show_rate(self) -> float:
        return self.no_shows / self.bookings if self.bookings else 0.0


class StatisticsService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def per_service_and_day(self, ctx: ClerkContext, first: date, last: date) -> list[ServiceDay]:
        with self._db.read() as session:
            current_clerk(session, ctx)  # a clerk deactivated since sign-in can no longer look
            zone = read_centre_zone(session, ctx.centre_id)
            start = datetime.combine(first, time.min, zone).astimezone(UTC)
            end = datetime.combine(last + timedelta(days=1), time.min, zone).astimezone(UTC)
            codes = {s.id: s.code for s in session.scalars(select(Service))}
            bookings: dict[tuple[date, str], list[AppointmentStatus]] = defaultdict(list)
            late: dict[tuple[date, str], int] = defaultdict(int)
            for service_id, starts_at, status, checked_in_at in session.execute(
                select(Appointment.service_id, Appointment.starts_at, Appointment.status, Appointment.checked_in_at)
                .where(
                    Appointment.centre_id == ctx.centre_id,
                    Appointment.starts_at >= start,
                    Appointment.starts_at < end,
                )
            ):
                # A late arrival's booking is cancelled (its time freed), but the citizen came: it is a
                # booking, and a late one, never a cancellation nor a no-show.
                if arrived_late(status, checked_in_at):
                    late[(starts_at.astimezone(zone).date(), codes[service_id])] += 1
                elif status is AppointmentStatus.CANCELLED:
                    continue
                bookings[(starts_at.astimezone(zone).date(), codes[service_id])].append(status)
            waits: dict[tuple[date, str], list[float]] = defaultdict(list)
            for day, service_id, created, called in session.execute(
                select(QueueTicket.day, QueueTicket.service_id, QueueTicket.created_at, QueueTicket.called_at).where(
                    QueueTicket.centre_id == ctx.centre_id,
                    QueueTicket.day >= first,
                    QueueTicket.day <= last,
                    QueueTicket.status.in_((TicketStatus.CALLED, TicketStatus.DONE, TicketStatus.NO_SHOW)),
                )
            ):
                if called is not None:
                    waits[(day, codes[service_id])].append((called - created).total_seconds() / 60)
        rows = []
        for key in sorted(set(bookings) | set(waits)):
            statuses = bookings.get(key, [])
            minutes = sorted(waits.get(key, []))
            rows.append(
                ServiceDay(
                    day=key[0],
                    service=key[1],
                    bookings=len(statuses),
                    no_shows=sum(1 for s in statuses if s is AppointmentStatus.NO_SHOW),
                    late_arrivals=late.get(key, 0),
                    served_from_queue=len(minutes),
                    median_wait_minutes=_median(minutes),
                )
            )
        return rows


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
