"""The day's queue: arrival on time or late, walk-ins, calling the next citizen, no-shows, the
now-serving list (ticket numbers and counters only, never names), how many wait per service, and the
public display's board.

The public display (a second screen facing the waiting room) runs unattended: it is opened from a
signed-in desk, and must keep showing the calls after that clerk signs out, or while the desk is locked.
So it does not poll with the clerk's context. `open_display(ctx)` checks the clerk as every use case does
and hands out a `DisplayPass` for the clerk's centre; `public_board(pass)` then reads, without a clerk,
only what the waiting room may see anyway: ticket numbers, counter names and when they were called.
It returns no citizen, service, name or CPR number, so nothing personal can reach the display whoever
is (or is not) signed in at the desk."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from borgerservice_desk.domain.cpr import Cpr
from borgerservice_desk.domain.desk import AppointmentStatus, TicketKind, TicketStatus
from borgerservice_desk.domain.scheduling import no_show_allowed, on_its_day
from borgerservice_desk.domain.text_limits import BOOKING_CODE_MAX, CPR_TEXT_MAX, SEARCH_MAX, checked_text
from borgerservice_desk.errors import DeskError, InvalidInput, NotFound, RuleViolation, StorageUnavailable
from borgerservice_desk.services import audit
from borgerservice_desk.services.access import current_clerk
from borgerservice_desk.services.appointments import ROW_LOCK, CheckedIn, check_in_within, lock
from borgerservice_desk.services.centre_settings import arrival_window, centre_today, read_centre_zone
from borgerservice_desk.services.context import ClerkContext, Clock, utc_now
from borgerservice_desk.services.visits import BEING_SERVED_AT_MOST, refuse_if_being_served
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import (
    Appointment,
    Centre,
    Citizen,
    Closure,
    Counter,
    CounterService,
    QueueTicket,
    Service,
    Visit,
)

CALL_AHEAD = timedelta(minutes=5)  # an appointment may be called this much before its time


@dataclass(frozen=True)
class Arrival:
    ticket_id: int
    number: int
    kind: TicketKind
    appointment_id: int | None
    late: bool  # arrived past the late window: the appointment is given up and the citizen waits as a walk-in


@dataclass(frozen=True)
class Called:
    ticket_id: int
    number: int
    counter: str
    citizen_id: int | None
    appointment_id: int | None


@dataclass(frozen=True)
class Serving:
    number: int
    counter: str


@dataclass(frozen=True)
class Waiting:
    """How many tickets wait today for one service (zero included, so the clerk sees every service)."""

    service: str  # the service's code
    name_da: str
    name_en: str
    waiting: int


@dataclass(frozen=True)
class DisplayPass:
    """Lets the public display read its centre's board (numbers and counters only) without a clerk."""

    centre_id: int


@dataclass(frozen=True)
class BoardCall:
    """One call as the waiting room sees it: a number and where to go, never who."""

    ticket_id: int  # tells a new call from one already shown
    number: int
    counter: str
    called_at: datetime


@dataclass(frozen=True)
class BookingToday:
    """A citizen's booking today, as serving them from a walk-in ticket settles it (`serve_walk_in`)."""

    citizen_id: int
    appointment_id: int
    starts_at: datetime
    late: bool  # past its late window: given up as a late arrival, and the citizen served as a walk-in
    # For another service than the ticket's: it stays booked, and the citizen is served as a walk-in.
    stays: bool = False
    service_name_da: str = ""
    service_name_en: str = ""


class QueueService:
    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    def arrival_window(self) -> tuple[timedelta, timedelta]:
        with self._db.read() as session:
            return arrival_window(session)

    def arrive(
        self,
        ctx: ClerkContext,
        *,
        booking_code: str | None = None,
        cpr: str | None = None,
        name: str | None = None,
        birth_date: date | None = None,
    ) -> Arrival:
        """Check a citizen in by booking code, CPR number, or name and birth date.

        A failed arrival (nothing found, too early, a mistyped number) looked for a person too: it is
        recorded as refused, in its own transaction, and the error is raised on."""
        if booking_code is not None:
            checked_text(booking_code.strip(), "booking_code", BOOKING_CODE_MAX)
        if cpr is not None:
            checked_text(cpr, "cpr", CPR_TEXT_MAX)
        if name is not None:
            checked_text(name, "name", SEARCH_MAX)
        early, late = self.arrival_window()
        now = self._clock()
        found: list[int] = []  # the citizen, once their appointment is found
        try:
            return self._arrive(ctx, now, early, late, found, booking_code, cpr, name, birth_date)
        except StorageUnavailable:
            raise  # nothing can be recorded either
        except DeskError as refusal:
            self._record_failed_arrival(ctx, refusal, found[0] if found else None, booking_code, cpr, birth_date)
            raise

    def _record_failed_arrival(
        self,
        ctx: ClerkContext,
        refusal: DeskError,
        citizen_id: int | None,
        booking_code: str | None,
        cpr: str | None,
        birth_date: date | None,
    ) -> None:
        detail: dict[str, Any] = {"refusal": refusal.code}
        with self._db.unit_of_work() as uow:
            if booking_code:
                detail.update(by="booking_code", booking_code=booking_code.strip().upper())
            elif cpr:
                try:  # the masked number only, as every look-up logs it; a mistyped one is not logged at all
                    today = centre_today(uow.session, ctx.centre_id, self._clock())
                    detail.update(by="cpr", query=Cpr.parse(cpr, today=today).masked)
                except DeskError:
                    detail.update(by="cpr")
            elif birth_date:
                detail.update(by="name_birth", birth_date=birth_date.isoformat())
            audit.record(uow.session, self._clock, ctx, "queue.arrive", citizen_id=citizen_id, outcome="refused",
                         **detail)
            uow.commit()

    def _arrive(
        self,
        ctx: ClerkContext,
        now: datetime,
        early: timedelta,
        late: timedelta,
        found: list[int],
        booking_code: str | None,
        cpr: str | None,
        name: str | None,
        birth_date: date | None,
    ) -> Arrival:
        with self._db.unit_of_work() as uow:
            current_clerk(uow.session, ctx)  # a clerk deactivated since sign-in can no longer look
            session = uow.session
            appointment = self._todays_appointment(session, ctx, now, booking_code, cpr, name, birth_date)
            found.append(appointment.citizen_id)
            if now < appointment.starts_at - early:
                raise RuleViolation("arrival.too_early", come_back=(appointment.starts_at - early).isoformat())
            # Past the late window the booking is given up, by the same rule that allows a no-show.
            is_late = no_show_allowed(appointment.starts_at, now, late)
            if is_late:
                # The time is lost (and freed for others); the citizen is served when there is room. The
                # arrival time stays: it tells a late arrival from a cancelled booking (`arrived_late`).
                appointment.status = AppointmentStatus.CANCELLED
            else:
                appointment.status = AppointmentStatus.CHECKED_IN
            appointment.checked_in_at = now
            ticket = self._new_ticket(
                session, ctx, now,
                TicketKind.WALK_IN if is_late else TicketKind.APPOINTMENT,
                appointment.service_id, appointment.citizen_id, None if is_late else appointment.id,
            )
            audit.record(session, self._clock, ctx, "queue.arrive", citizen_id=appointment.citizen_id,
                         appointment_id=appointment.id, ticket=ticket.number, late=is_late)
            uow.commit()
            return Arrival(ticket.id, ticket.number, ticket.kind, ticket.appointment_id, is_late)

    def walk_in(self, ctx: ClerkContext, service_code: str, citizen_id: int | None = None) -> Arrival:
        now = self._clock()
        with self._db.unit_of_work() as uow:
            current_clerk(uow.session, ctx)  # a clerk deactivated since sign-in can no longer look
            session = uow.session
            service = session.scalars(select(Service).where(Service.code == service_code)).one_or_none()
            if service is None:
                raise NotFound("service.not_found", query=service_code)
            ticket = self._new_ticket(session, ctx, now, TicketKind.WALK_IN, service.id, citizen_id, None)
            audit.record(session, self._clock, ctx, "queue.walk_in", citizen_id=citizen_id, ticket=ticket.number)
            uow.commit()
            return Arrival(ticket.id, ticket.number, ticket.kind, None, False)

    def call_next(self, ctx: ClerkContext, counter_id: int) -> Called | None:
        """The next citizen for this counter: its own appointments when due, else one due at a counter absent
        today whose service it serves (`_booked_at_an_absent_counter`), else the oldest walk-in whose service
        it serves. None when nobody waits; RuleViolation "queue.walk_ins_wait" when walk-ins wait but none
        fits before the counter's next appointment (see `_walk_in_that_fits`)."""
        now = self._clock()
        with self._db.unit_of_work() as uow:
            current_clerk(uow.session, ctx)  # a clerk deactivated since sign-in can no longer look
            session = uow.session
            counter = session.get(Counter, counter_id)
            if counter is None or counter.centre_id != ctx.centre_id:
                raise NotFound("counter.not_found")
            today = centre_today(session, ctx.centre_id, now)
            due = session.scalars(
                select(QueueTicket)
                .join(Appointment, Appointment.id == QueueTicket.appointment_id)
                .where(
                    QueueTicket.centre_id == ctx.centre_id, QueueTicket.day == today,
                    QueueTicket.status == TicketStatus.WAITING, Appointment.counter_id == counter_id,
                    Appointment.starts_at <= now + CALL_AHEAD,
                    # Served already (from the Today list; a ticket left waiting by a desk older than
                    # check_in settling it): the citizen is at a counter, not in the waiting room.
                    Appointment.status == AppointmentStatus.CHECKED_IN, QueueTicket.visit_id.is_(None),
                    ~select(Visit.id).where(Visit.appointment_id == Appointment.id).exists(),
                )
                .order_by(Appointment.starts_at)
                .limit(1)
                # The ticket only, not its appointment (the lock order: services/appointments.py): checking
                # the citizen in changes the ticket under its lock, which this waits for and then reads again.
                .with_for_update(of=QueueTicket, **ROW_LOCK)
            ).first()
            if due is None:
                due = self._booked_at_an_absent_counter(session, ctx, counter_id, today, now)
            if due is None:
                due = self._walk_in_that_fits(session, ctx, counter_id, today, now)
            if due is None:
                return None
            due.status = TicketStatus.CALLED
            due.called_at = now
            due.counter_id = counter_id
            due.called_by = ctx.clerk_id
            audit.record(session, self._clock, ctx, "queue.call", citizen_id=due.citizen_id, ticket=due.number,
                         counter_id=counter_id)
            uow.commit()
            return Called(due.id, due.number, counter.name, due.citizen_id, due.appointment_id)

    def _booked_at_an_absent_counter(
        self, session: Session, ctx: ClerkContext, counter_id: int, today: date, now: datetime
    ) -> QueueTicket | None:
        """The earliest due citizen who arrived for a booking at a counter absent today (an absence added after
        they booked, and the booking not moved): nobody sits there to call them, so a counter that serves the
        booking's service does. As a booked citizen, after this counter's own due ones and before any walk-in,
        fitting or not: they came at their time, and the absence already costs the day a counter.

        The same conditions as a counter's own due ticket, and the ticket only is locked (the lock order:
        services/appointments.py)."""
        absent = select(Closure.counter_id).where(
            Closure.centre_id == ctx.centre_id, Closure.day == today, Closure.counter_id.is_not(None)
        )
        served = select(CounterService.service_id).where(CounterService.counter_id == counter_id)
        return session.scalars(
            select(QueueTicket)
            .join(Appointment, Appointment.id == QueueTicket.appointment_id)
            .where(
                QueueTicket.centre_id == ctx.centre_id, QueueTicket.day == today,
                QueueTicket.status == TicketStatus.WAITING,
                Appointment.counter_id != counter_id, Appointment.counter_id.in_(absent),
                Appointment.service_id.in_(served),
                Appointment.starts_at <= now + CALL_AHEAD,
                Appointment.status == AppointmentStatus.CHECKED_IN, QueueTicket.visit_id.is_(None),
                ~select(Visit.id).where(Visit.appointment_id == Appointment.id).exists(),
            )
            .order_by(Appointment.starts_at, QueueTicket.number)
            .limit(1)
            .with_for_update(of=QueueTicket, **ROW_LOCK)
        ).first()

    def _walk_in_that_fits(
        self, session: Session, ctx: ClerkContext, counter_id: int, today: date, now: datetime
    ) -> QueueTicket | None:
        """The oldest waiting walk-in for a service this counter offers that fits before the counter's
        next appointment: walk-ins are served where time is free, never at a booked citizen's cost.

        A booked citizen who has not come yet may still arrive until the centre's late window has passed
        (`arrival.late_minutes`): until then the time is theirs, so no walk-in fits at all. When walk-ins
        wait and none fits, that is said (RuleViolation "queue.walk_ins_wait", with the appointment's start
        and whether it has begun) rather than "nobody is waiting"."""
        _early, late = arrival_window(session)
        next_start = session.scalar(
            select(func.min(Appointment.starts_at)).where(
                Appointment.counter_id == counter_id,
                or_(
                    and_(
                        Appointment.starts_at > now,
                        Appointment.status.in_((AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN)),
                    ),
                    # Still theirs exactly at the window's end, as `no_show_allowed` has it.
                    and_(Appointment.starts_at >= now - late, Appointment.status == AppointmentStatus.BOOKED),
                ),
            )
        )
        served = select(CounterService.service_id).where(CounterService.counter_id == counter_id)
        waiting = session.execute(
            select(QueueTicket, Service.minutes)
            .join(Service, Service.id == QueueTicket.service_id)
            .where(
                QueueTicket.centre_id == ctx.centre_id, QueueTicket.day == today,
                QueueTicket.status == TicketStatus.WAITING, QueueTicket.kind == TicketKind.WALK_IN,
                QueueTicket.service_id.in_(served),
                # A ticket naming a citizen who is at a counter now (served on their booking meanwhile) is
                # not called: their number on the board would call someone who is not in the waiting room.
                ~select(Visit.id).where(
                    Visit.citizen_id == QueueTicket.citizen_id, Visit.ended_at.is_(None),
                    Visit.started_at > now - BEING_SERVED_AT_MOST,
                ).exists(),
            )
            .order_by(QueueTicket.number)
            .with_for_update(of=QueueTicket, **ROW_LOCK)  # in number order, as the lock order has it
        ).all()
        for ticket, minutes in waiting:
            if next_start is None or now + timedelta(minutes=minutes) <= next_start:
                return ticket
        if waiting:
            assert next_start is not None  # without an appointment ahead every walk-in fits
            raise RuleViolation("queue.walk_ins_wait", waiting=len(waiting), starts_at=next_start.isoformat(),
                                begun=next_start <= now)
        return None

    def mark_no_show(self, ctx: ClerkContext, ticket_id: int) -> None:
        """Called and never came to the counter; its appointment is a no-show too.

        A citizen who did come is never made a no-show: a ticket served in a visit, or whose appointment
        has a visit (opened from the Today list, or by a desk older than the link) or is no longer checked
        in and waiting, is refused ("ticket.already_served"). That refusal would have turned a person at
        the counter into a no-show, so it is recorded, in its own transaction."""
        try:
            self._mark_no_show(ctx, ticket_id)
        except RuleViolation as refusal:
            if refusal.code == "ticket.already_served":
                audit.record_refused(self._db, self._clock, ctx, "queue.no_show", refusal,
                                     citizen_id=refusal.params.get("citizen_id"), ticket=refusal.params.get("ticket"))
            raise

    def _mark_no_show(self, ctx: ClerkContext, ticket_id: int) -> None:
        for _attempt in range(5):
            if self._try_no_show(ctx, ticket_id):
                return
        raise RuleViolation("queue.busy")

    def _try_no_show(self, ctx: ClerkContext, ticket_id: int) -> bool:
        """False when the ticket was tied to another booking between the look and the locks: try again."""
        with self._db.unit_of_work() as uow:
            current_clerk(uow.session, ctx)  # a clerk deactivated since sign-in can no longer look
            # The appointment is locked before the ticket (the lock order: services/appointments.py), so the
            # ticket is first read without a lock to learn it, then locked and read again.
            found = uow.session.get(QueueTicket, ticket_id)
            if found is None or found.centre_id != ctx.centre_id:
                raise NotFound("ticket.not_found")
            appointment_id = found.appointment_id
            appointment = None if appointment_id is None else lock(uow.session, Appointment, appointment_id)
            ticket = lock(uow.session, QueueTicket, ticket_id)
            if ticket is None:
                raise NotFound("ticket.not_found")
            if ticket.appointment_id != appointment_id:
                return False
            served = RuleViolation("ticket.already_served", citizen_id=ticket.citizen_id, ticket=ticket.number)
            if ticket.visit_id is not None:
                raise served  # at a counter now, or served and gone (DONE): never a no-show
            if ticket.status is not TicketStatus.CALLED:
                raise RuleViolation("ticket.not_called", status=ticket.status.value)
            if appointment is not None and (
                appointment.status is not AppointmentStatus.CHECKED_IN
                or uow.session.scalar(select(Visit.id).where(Visit.appointment_id == appointment.id)) is not None
            ):
                raise served
            ticket.status = TicketStatus.NO_SHOW
            if appointment is not None:
                appointment.status = AppointmentStatus.NO_SHOW
            audit.record(uow.session, self._clock, ctx, "queue.no_show", citizen_id=ticket.citizen_id,
                         ticket=ticket.number)
            uow.commit()
            return True

    def serve_walk_in(self, ctx: ClerkContext, ticket_id: int, citizen_id: int | None = None) -> CheckedIn:
        """Open the visit of a walk-in called to this clerk: the citizen the clerk found (or the one the
        ticket already names). The ticket is linked to the visit, so its wait (created_at to called_at)
        belongs to the visit; a ticket is served once. The ticket's row lock (BEGIN IMMEDIATE on SQLite,
        FOR UPDATE on PostgreSQL) serialises two desks, and the unique visit_id backs it up.

        A citizen already being served (a visit still open, at this counter or another: they also pulled a
        walk-in ticket) is refused ("citizen.being_served"); the refusal names a person, so it is recorded,
        in its own transaction, and the ticket stays called, to be served once that visit has ended or
        marked a no-show.

        A walk-in identified here who has a booking today is served on it (see `_serve_on_booking_today`)."""
        try:
            on_booking = self._serve_on_booking_today(ctx, ticket_id, citizen_id)
            return on_booking if on_booking is not None else self._serve_walk_in(ctx, ticket_id, citizen_id)
        except RuleViolation as refusal:
            if refusal.code == "citizen.being_served":
                audit.record_refused(self._db, self._clock, ctx, "queue.serve_walk_in", refusal,
                                     citizen_id=refusal.params.get("citizen_id"), ticket_id=ticket_id)
            raise

    def _serve_walk_in(self, ctx: ClerkContext, ticket_id: int, citizen_id: int | None) -> CheckedIn:
        now = self._clock()
        with self._db.unit_of_work() as uow:
            current_clerk(uow.session, ctx)  # a clerk deactivated since sign-in can no longer serve
            session = uow.session
            # The ticket, then the citizen (`refuse_if_being_served`): the lock order (services/appointments.py).
            ticket = lock(session, QueueTicket, ticket_id)
            if ticket is None or ticket.centre_id != ctx.centre_id:
                raise NotFound("ticket.not_found")
            if ticket.appointment_id is not None:
                raise RuleViolation("ticket.has_appointment")  # served by checking the appointment in
            if ticket.visit_id is not None:
                raise RuleViolation("ticket.already_served")
            if ticket.status is not TicketStatus.CALLED:
                raise RuleViolation("ticket.not_called", status=ticket.status.value)
            if ticket.called_by is not None and ticket.called_by != ctx.clerk_id:
                raise RuleViolation("ticket.called_by_other")
            chosen = citizen_id if citizen_id is not None else ticket.citizen_id
            if chosen is None:
                raise InvalidInput("ticket.no_citizen")
            if ticket.citizen_id is not None and ticket.citizen_id != chosen:
                raise RuleViolation("ticket.other_citizen")
            if session.get(Citizen, chosen) is None:
                raise NotFound("citizen.not_found", query=str(chosen))
            refuse_if_being_served(session, chosen, now)
            visit = Visit(citizen_id=chosen, appointment_id=None, clerk_id=ctx.clerk_id, started_at=now)
            session.add(visit)
            session.flush()
            ticket.citizen_id = chosen
            ticket.visit_id = visit.id
            waited = (ticket.called_at or now) - ticket.created_at
            audit.record(
                session, self._clock, ctx, "queue.serve_walk_in", citizen_id=chosen, ticket=ticket.number,
                ticket_id=ticket.id, visit_id=visit.id, wait_seconds=int(waited.total_seconds()),
            )
            uow.commit()
            return CheckedIn(visit.id, None, chosen)

    # A walk-in with a booking today ------------------------------------------------------------------
    # A citizen booked for later today who comes early and is served from a walk-in ticket would otherwise
    # leave the booking BOOKED: listed as expected, called again, marked a no-show (a no-show in the day's
    # statistics that was in fact served), its time never freed. So a walk-in the clerk identifies at the
    # counter is served on their booking of today for the ticket's service (the centre's day, `on_its_day`),
    # checked in as any booking is (`check_in_within`, in the same transaction), and a booking of today whose
    # late window has passed is given up as a late arrival, as `arrive` gives it up. A booking of today for
    # another service is another errand: it stays booked. A ticket drawn for a named citizen (a late
    # arrival, whose booking the arrival settled) is served as drawn; bookings of other days are untouched.

    def bookings_today(self, ctx: ClerkContext, ticket_id: int, citizen_ids: Sequence[int]) -> dict[int, BookingToday]:
        """Per citizen found for the walk-in ticket, the booking of today that serving them would settle:
        the one of the ticket's service they are served on, else (late) the last one given up as a late
        arrival, else one of another service, which stays booked; citizens without one are left out. The
        desk says so before the clerk serves; each booking shown is a look at the citizen, logged."""
        now = self._clock()
        found: dict[int, BookingToday] = {}
        with self._db.unit_of_work() as uow:
            session = uow.session
            current_clerk(session, ctx)  # a clerk deactivated since sign-in can no longer look
            ticket = session.get(QueueTicket, ticket_id)
            if ticket is None or ticket.centre_id != ctx.centre_id:
                raise NotFound("ticket.not_found")
            for citizen_id in dict.fromkeys(citizen_ids):
                on_time, missed, stays = _bookings_today(session, ctx.centre_id, citizen_id, now, ticket.service_id)
                if on_time is not None:
                    shown, late, kept = on_time, False, False
                elif missed:
                    shown, late, kept = missed[-1], True, False
                elif stays:
                    shown, late, kept = stays[0], False, True
                else:
                    continue
                service = session.get(Service, shown.service_id)
                found[citizen_id] = BookingToday(
                    citizen_id, shown.id, shown.starts_at, late=late, stays=kept,
                    service_name_da=service.name_da if service else "", service_name_en=service.name_en if service else "",
                )
                audit.record(session, self._clock, ctx, "queue.booking_today", citizen_id=citizen_id,
                             appointment_id=shown.id, late=late, stays=kept)
            uow.commit()
        return found

    def _serve_on_booking_today(self, ctx: ClerkContext, ticket_id: int, citizen_id: int | None) -> CheckedIn | None:
        """The walk-in served on their booking of today, or None: served (or refused) as a walk-in, the
        ordinary way. Missed bookings of today are given up here as late arrivals."""
        if citizen_id is None:
            return None  # a ticket that names its citizen is served as drawn
        for _attempt in range(5):
            settled, served = self._try_serve_on_booking_today(ctx, ticket_id, citizen_id)
            if settled:
                return served
        raise RuleViolation("queue.busy")

    def _try_serve_on_booking_today(
        self, ctx: ClerkContext, ticket_id: int, citizen_id: int
    ) -> tuple[bool, CheckedIn | None]:
        """(True, the visit on the booking, or None for the ordinary way) as `_serve_on_booking_today` has it;
        (False, None) when the ticket changed between the look and the locks: look again.

        One unit of work: the ticket tied to the booking, the booking checked in (`check_in_within`, the
        check-in's own rules and audit entry), the walk-in's record. Saved whole or not at all: in three
        transactions, a database lost after the check-in left a visit open that the clerk was told was not
        saved, whose ticket then refused the retry, and one lost during it left the ticket tied to a booking
        still BOOKED, never to be a no-show (a review at stop 33).

        In the lock order (services/appointments.py): the ticket is read without a lock to learn its state,
        the bookings are locked, then the ticket, which is read again, then the citizen and the visit."""
        now = self._clock()
        with self._db.unit_of_work() as uow:
            session = uow.session
            current_clerk(session, ctx)  # a clerk deactivated since sign-in can no longer serve
            found = session.get(QueueTicket, ticket_id)
            if (
                found is None or found.centre_id != ctx.centre_id or found.kind is not TicketKind.WALK_IN
                or session.get(Citizen, citizen_id) is None
            ):
                return True, None  # refused the ordinary way
            if found.appointment_id is not None:
                # Only a serve on a booking ties a walk-in's ticket, in the transaction that serves it.
                raise RuleViolation("ticket.already_served")
            on_time, missed, _stays = _bookings_today(
                session, ctx.centre_id, citizen_id, now, found.service_id, locked=True
            )
            ticket = lock(session, QueueTicket, ticket_id)
            if ticket is None or ticket.appointment_id is not None:
                return False, None
            if (
                ticket.citizen_id is not None or ticket.visit_id is not None
                or ticket.status is not TicketStatus.CALLED or ticket.called_by not in (None, ctx.clerk_id)
            ):
                return True, None  # served, or refused, the ordinary way
            for appointment in missed:
                # Came after the window: given up, its time freed, counted as a late arrival (`arrived_late`).
                appointment.status = AppointmentStatus.CANCELLED
                appointment.checked_in_at = now
                audit.record(session, self._clock, ctx, "appointment.late_arrival", citizen_id=citizen_id,
                             appointment_id=appointment.id, ticket=ticket.number)
            if on_time is not None:
                try:
                    with session.begin_nested():
                        ticket.appointment_id = on_time.id
                except IntegrityError:
                    on_time = None  # the booking got a ticket of its own meanwhile (arrived at another desk)
            if on_time is None:
                uow.commit()  # the late arrivals; the citizen is served as a walk-in
                return True, None
            appointment, visit = check_in_within(session, self._clock, ctx, on_time.id)
            ticket.citizen_id = citizen_id
            waited = (ticket.called_at or now) - ticket.created_at
            audit.record(
                session, self._clock, ctx, "queue.serve_walk_in", citizen_id=citizen_id,
                ticket=ticket.number, ticket_id=ticket.id, visit_id=visit.id, appointment_id=appointment.id,
                wait_seconds=int(waited.total_seconds()),
            )
            uow.commit()
            return True, CheckedIn(visit.id, appointment.id, citizen_id)

    def now_serving(self, ctx: ClerkContext, limit: int = 8) -> list[Serving]:
        with self._db.read() as session:
            current_clerk(session, ctx)  # a clerk deactivated since sign-in can no longer look
            return [Serving(c.number, c.counter) for c in self._calls(session, ctx.centre_id, limit)]

    def waiting_per_service(self, ctx: ClerkContext) -> list[Waiting]:
        """Tickets still waiting today, per service, for every service (in the order they are offered)."""
        now = self._clock()
        with self._db.read() as session:
            current_clerk(session, ctx)  # a clerk deactivated since sign-in can no longer look
            today = centre_today(session, ctx.centre_id, now)
            counts = dict(
                session.execute(
                    select(QueueTicket.service_id, func.count(QueueTicket.id))
                    .where(QueueTicket.centre_id == ctx.centre_id, QueueTicket.day == today,
                           QueueTicket.status == TicketStatus.WAITING)
                    .group_by(QueueTicket.service_id)
                ).all()
            )
            return [
                Waiting(s.code, s.name_da, s.name_en, int(counts.get(s.id, 0)))
                for s in session.scalars(select(Service).order_by(Service.id))
            ]

    def open_display(self, ctx: ClerkContext) -> DisplayPass:
        """A signed-in clerk opens the public display for their centre (see the module's note)."""
        with self._db.read() as session:
            current_clerk(session, ctx)
            return DisplayPass(ctx.centre_id)

    def public_board(self, display: DisplayPass, limit: int) -> list[BoardCall]:
        """The last `limit` calls of today, newest first: numbers and counters only, for the waiting room
        (the display says how many rows it has)."""
        with self._db.read() as session:
            if session.get(Centre, display.centre_id) is None:
                raise NotFound("centre.not_found")
            return self._calls(session, display.centre_id, limit)

    # Helpers --------------------------------------------------------------------------------------
    def _calls(self, session: Session, centre_id: int, limit: int) -> list[BoardCall]:
        today = centre_today(session, centre_id, self._clock())
        rows = session.execute(
            select(QueueTicket.id, QueueTicket.number, Counter.name, QueueTicket.called_at)
            .join(Counter, Counter.id == QueueTicket.counter_id)
            .where(QueueTicket.centre_id == centre_id, QueueTicket.day == today,
                   QueueTicket.status == TicketStatus.CALLED)
            .order_by(QueueTicket.called_at.desc(), QueueTicket.id.desc())
            .limit(limit)
        ).all()
        return [BoardCall(ticket_id, number, counter, called_at) for ticket_id, number, counter, called_at in rows
                if called_at is not None]

    def _todays_appointment(
        self,
        session: Session,
        ctx: ClerkContext,
        now: datetime,
        booking_code: str | None,
        cpr: str | None,
        name: str | None,
        birth_date: date | None,
    ) -> Appointment:
        zone = read_centre_zone(session, ctx.centre_id)
        today = now.astimezone(zone).date()
        start = datetime.combine(today, time.min, zone).astimezone(UTC)
        query = select(Appointment).where(
            Appointment.centre_id == ctx.centre_id,
            Appointment.status == AppointmentStatus.BOOKED,
            Appointment.starts_at >= start,
            Appointment.starts_at < start + timedelta(days=1),
        )
        if booking_code:
            query = query.where(Appointment.booking_code == booking_code.strip().upper())
        elif cpr:
            digits = Cpr.parse(cpr, today=today).digits
            query = query.join(Citizen).where(Citizen.cpr == digits)
        elif name and birth_date:
            from borgerservice_desk.domain.identity_check import normalise_name

            wanted = normalise_name(name).split()
            candidates = session.scalars(query.join(Citizen).where(Citizen.birth_date == birth_date)).all()
            matches = [
                a for a in candidates
                if all(w in normalise_name(f"{a.citizen.given_names} {a.citizen.surname}").split() for w in wanted)
            ]
            if len(matches) != 1:
                raise NotFound("arrival.not_found")
            # Locked as the other ways lock it, and read again: another desk may have checked it in meanwhile.
            chosen = lock(session, Appointment, matches[0].id)
            if chosen is None or chosen.status is not AppointmentStatus.BOOKED:
                raise NotFound("arrival.not_found")
            return chosen
        else:
            raise RuleViolation("arrival.how")
        # The appointment only: FOR UPDATE without OF locked the citizen joined for a CPR number too, and
        # so strongly that another desk's audit entry naming them waited (services/appointments.py).
        found = session.scalars(
            query.order_by(Appointment.starts_at).limit(1).with_for_update(of=Appointment, **ROW_LOCK)
        ).first()
        if found is None:
            raise NotFound("arrival.not_found")
        return found

    def _new_ticket(
        self,
        session: Session,
        ctx: ClerkContext,
        now: datetime,
        kind: TicketKind,
        service_id: int,
        citizen_id: int | None,
        appointment_id: int | None,
    ) -> QueueTicket:
        today = centre_today(session, ctx.centre_id, now)
        # Two desks issuing at once may pick the same number; the unique constraint catches it and the
        # savepoint lets us take the next one without losing the rest of the transaction.
        for _ in range(20):
            number = (
                session.scalar(
                    select(func.max(QueueTicket.number)).where(
                        QueueTicket.centre_id == ctx.centre_id, QueueTicket.day == today
                    )
                )
                or 0
            ) + 1
            ticket = QueueTicket(
                centre_id=ctx.centre_id, day=today, number=number, kind=kind, status=TicketStatus.WAITING,
                service_id=service_id, citizen_id=citizen_id, appointment_id=appointment_id, created_at=now,
            )
            try:
                with session.begin_nested():
                    session.add(ticket)
            except IntegrityError:
                continue
            return ticket
        raise RuleViolation("queue.busy")


def _bookings_today(
    session: Session, centre_id: int, citizen_id: int, now: datetime, service_id: int, *, locked: bool = False
) -> tuple[Appointment | None, list[Appointment], list[Appointment]]:
    """The citizen's bookings still BOOKED at this centre for today (the centre's local day, as `check_in`
    has it: `on_its_day`): the first still theirs (ahead, or within its late window: `no_show_allowed`) for
    the walk-in ticket's service, which they are served on; those whose late window has passed (of any
    service: the citizen came, late); and those still theirs for another service, which stay booked (a
    citizen booked for a passport at 14 who walks in at 10 for a health card comes back at 14: serving the
    health card on the passport's booking took the booking away). `locked`: each row locked (in id order)
    and read as it is now."""
    zone = read_centre_zone(session, centre_id)
    day = now.astimezone(zone).date()
    start = datetime.combine(day, time.min, zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time.min, zone).astimezone(UTC)  # 23 or 25 hours at DST
    query = (
        select(Appointment)
        .where(
            Appointment.centre_id == centre_id, Appointment.citizen_id == citizen_id,
            Appointment.status == AppointmentStatus.BOOKED,
            Appointment.starts_at >= start, Appointment.starts_at < end,
        )
        .order_by(Appointment.id)
    )
    if locked:
        query = query.with_for_update(**ROW_LOCK).execution_options(populate_existing=True)
    booked = sorted(
        (a for a in session.scalars(query) if on_its_day(a.starts_at, now, zone)), key=lambda a: (a.starts_at, a.id)
    )
    _early, late = arrival_window(session)
    missed = [a for a in booked if no_show_allowed(a.starts_at, now, late)]
    ahead = [a for a in booked if not no_show_allowed(a.starts_at, now, late)]
    on_time = next((a for a in ahead if a.service_id == service_id), None)
    return on_time, missed, [a for a in ahead if a.service_id != service_id]
