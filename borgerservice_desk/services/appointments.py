"""The day's appointments, check-in on arrival, and the end of a visit.

Lock order. Two desks acting on one citizen at the same instant (one serving them from the Today list, the
other marking their called ticket a no-show, or pressing F6) must take turns, never deadlock: PostgreSQL
breaks a deadlock by failing one of the desks, whose clerk hears "the database cannot be reached" (and, when
that desk was serving the citizen, the other desk's no-show went through). So every use case here, in
services/queue.py and in services/visits.py that locks more than one of these rows locks them in this one
order (on SQLite BEGIN IMMEDIATE already runs desks one after the other):

    1. the appointment;
    2. its queue ticket (several tickets at once: in ticket-number order);
    3. the citizen (`refuse_if_being_served`);
    4. the visit;
    and last, at commit, the audit trail's head (storage/audit_chain.py).

(booking.py's move keeps it too: the appointment, then the citizen.) A use case that is handed a later row
(a no-show its ticket, the end of a visit its visit) reads it first without a lock to learn the earlier
ones, takes the locks in order, and reads again, locked, what it decides on (`lock` reloads the row). A row
a use case changes is locked before it is changed, so the UPDATE that the commit flushes after taking the
audit head never waits for another desk. `QueueService.call_next` locks tickets only: every change to a
waiting ticket's appointment that matters to a call (checking the citizen in) changes the ticket too.

Locks are FOR NO KEY UPDATE (`lock`, `ROW_LOCK`): desks acting on one row still take turns, but a row that
merely names it does not wait. Writing such a row checks its foreign key with a KEY SHARE lock, which FOR
UPDATE blocks: another desk's audit entry naming the citizen, written under the audit head's lock, waited
for the desk opening the citizen's visit, which in turn waited for the audit head to write its own entry.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session, joinedload

from borgerservice_desk.domain.cpr import mask
from borgerservice_desk.domain.desk import AppointmentStatus, TicketStatus
from borgerservice_desk.domain.scheduling import no_show_allowed, on_its_day
from borgerservice_desk.domain.text_limits import BOOKING_CODE_MAX, checked_text
from borgerservice_desk.errors import InvalidInput, NotFound, RuleViolation
from borgerservice_desk.services import audit
from borgerservice_desk.services.access import current_clerk
from borgerservice_desk.services.booking import could_be_code
from borgerservice_desk.services.centre_settings import arrival_window, read_centre_zone
from borgerservice_desk.services.context import ClerkContext, Clock, utc_now
from borgerservice_desk.services.visits import open_visit, refuse_if_being_served
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import Appointment, Citizen, Clerk, Counter, QueueTicket, Service, Visit

# The row lock every use case takes (see the module's note on the lock order): FOR NO KEY UPDATE.
ROW_LOCK: dict[str, Any] = {"key_share": True}

_Row = TypeVar("_Row", Appointment, QueueTicket, Visit)


def complete_booking_code(text: str) -> str | None:
    """`text` as a booking code when it is a complete one, else None. Clerks type what the citizen reads
    out: in lower case, perhaps with a space before or after; the code itself is upper case."""
    code = text.strip().upper()
    return code if could_be_code(code) else None


def lock(session: Session, model: type[_Row], row_id: int) -> _Row | None:
    """The row, locked (see the module's note on the lock order) and read again as it is now: a row read
    before without a lock is not left stale in the session."""
    return session.get(model, row_id, with_for_update=ROW_LOCK, populate_existing=True)


@dataclass(frozen=True)
class AppointmentRow:
    id: int
    starts_at: datetime
    ends_at: datetime
    booking_code: str
    service_code: str
    service_da: str
    service_en: str
    counter: str
    citizen_id: int
    citizen_name: str
    cpr_masked: str | None
    status: AppointmentStatus
    visit_id: int | None
    confirmation_language: str | None = None  # the last confirmation's ("da", "en"), None: none written


@dataclass(frozen=True)
class WalkInRow:
    """A walk-in's visit of the day, listed beside the booked citizens so it can be taken up again (after a
    restart, or at another desk) exactly like a booked one. Its times are the visit's; its state is the
    appointment vocabulary's: CHECKED_IN while the visit is open, DONE once it has ended."""

    ticket_id: int
    ticket_number: int
    visit_id: int
    starts_at: datetime  # the visit began
    ends_at: datetime | None  # the visit ended; None while it is open
    service_code: str
    service_da: str
    service_en: str
    counter: str  # where the ticket was called to
    citizen_id: int
    citizen_name: str
    cpr_masked: str | None
    status: AppointmentStatus


DayRow = AppointmentRow | WalkInRow


@dataclass(frozen=True)
class CheckedIn:
    visit_id: int
    appointment_id: int | None  # None: a walk-in's visit (its queue ticket names the visit)
    citizen_id: int


# Looking at a day's (or week's) list of citizens is a look-up of persons, so it is logged; but the list
# refreshes itself every 15 s (ui/today_panel.py) and a log entry per refresh would bury the trail
# (four counters all day: some 2,000 entries a desk). So a view is logged when the clerk opens it or
# changes it (another day, week, counter), when a refresh shows a citizen the last entry did not name
# (a booking made at another desk), and otherwise at most once per VIEW_LOG_INTERVAL while it stays open.
# Every citizen shown is in some entry's `citizen_ids`, with the time the clerk could first have seen them.
VIEW_LOG_INTERVAL = timedelta(minutes=15)


@dataclass(frozen=True)
class _LoggedView:
    view: tuple[date, date, int | None]
    citizens: frozenset[int]
    at: datetime


class AppointmentService:
    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock
        # Per desk process, per clerk: the last view logged (see VIEW_LOG_INTERVAL). Lists load in workers.
        self._logged_views: dict[tuple[int, int], _LoggedView] = {}
        self._logged_views_lock = threading.Lock()

    def centre_zone(self, centre_id: int) -> ZoneInfo:
        with self._db.read() as session:
            return read_centre_zone(session, centre_id)

    def today(self, centre_id: int) -> date:
        return self._clock().astimezone(self.centre_zone(centre_id)).date()

    def day(self, ctx: ClerkContext, day: date, counter_id: int | None = None) -> list[AppointmentRow]:
        return self.between(ctx, day, day, counter_id)

    def between(
        self, ctx: ClerkContext, first: date, last: date, counter_id: int | None = None
    ) -> list[AppointmentRow]:
        """The appointments from `first` to `last` (local days, both included), for one counter or all."""
        zone = self.centre_zone(ctx.centre_id)
        start = datetime.combine(first, time.min, zone).astimezone(UTC)
        end = datetime.combine(last + timedelta(days=1), time.min, zone).astimezone(UTC)
        counter_filter = [] if counter_id is None else [Appointment.counter_id == counter_id]
        rows = self._rows(ctx, start, end, counter_filter)
        self._log_view(ctx, (first, last, counter_id), rows)
        return rows

    def day_list(
        self, ctx: ClerkContext, first: date, last: date, counter_id: int | None = None
    ) -> list[DayRow]:
        """What the Today tab lists: the appointments from `first` to `last` and the walk-ins served in
        those days, by the time each began. A walk-in's visit is opened from the queue, not from an
        appointment; listed here, an unfinished one is taken up again the way a booked citizen's is."""
        zone = self.centre_zone(ctx.centre_id)
        start = datetime.combine(first, time.min, zone).astimezone(UTC)
        end = datetime.combine(last + timedelta(days=1), time.min, zone).astimezone(UTC)
        counter_filter = [] if counter_id is None else [Appointment.counter_id == counter_id]
        appointments = self._rows(ctx, start, end, counter_filter)
        walk_ins = self._walk_in_rows(ctx, first, last, counter_id)
        rows: list[DayRow] = sorted([*appointments, *walk_ins], key=lambda r: r.starts_at)
        self._log_view(ctx, (first, last, counter_id), rows)
        return rows

    def _walk_in_rows(self, ctx: ClerkContext, first: date, last: date, counter_id: int | None) -> list[WalkInRow]:
        counter_filter = [] if counter_id is None else [QueueTicket.counter_id == counter_id]
        with self._db.read() as session:
            rows = session.execute(
                select(QueueTicket, Visit, Citizen, Service, Counter.name)
                .join(Visit, Visit.id == QueueTicket.visit_id)
                .join(Citizen, Citizen.id == Visit.citizen_id)
                .join(Service, Service.id == QueueTicket.service_id)
                .outerjoin(Counter, Counter.id == QueueTicket.counter_id)
                .where(
                    QueueTicket.centre_id == ctx.centre_id,
                    QueueTicket.day >= first,
                    QueueTicket.day <= last,
                    QueueTicket.appointment_id.is_(None),
                    *counter_filter,
                )
                .order_by(Visit.started_at, QueueTicket.id)
            ).all()
            return [
                WalkInRow(
                    ticket_id=ticket.id,
                    ticket_number=ticket.number,
                    visit_id=visit.id,
                    starts_at=visit.started_at,
                    ends_at=visit.ended_at,
                    service_code=service.code,
                    service_da=service.name_da,
                    service_en=service.name_en,
                    counter=counter or "",
                    citizen_id=citizen.id,
                    citizen_name=f"{citizen.given_names} {citizen.surname}",
                    cpr_masked=mask(citizen.cpr),
                    status=AppointmentStatus.CHECKED_IN if visit.ended_at is None else AppointmentStatus.DONE,
                )
                for ticket, visit, citizen, service, counter in rows
            ]

    def _log_view(self, ctx: ClerkContext, view: tuple[date, date, int | None], rows: Sequence[DayRow]) -> None:
        now = self._clock()
        citizens = frozenset(r.citizen_id for r in rows)
        if not citizens:
            return  # an empty list shows nobody
        key = (ctx.clerk_id, ctx.centre_id)
        with self._logged_views_lock:
            last = self._logged_views.get(key)
        if (
            last is not None
            and last.view == view
            and citizens <= last.citizens
            and now - last.at < VIEW_LOG_INTERVAL
        ):
            return
        first_day, last_day, counter_id = view
        with self._db.unit_of_work() as uow:
            audit.record(
                uow.session, self._clock, ctx, "appointment.day_view",
                first=first_day.isoformat(), last=last_day.isoformat(), counter_id=counter_id,
                appointments=len(rows), citizen_ids=sorted(citizens),
            )
            uow.commit()
        with self._logged_views_lock:
            self._logged_views[key] = _LoggedView(view, citizens, now)

    def find_by_code(self, ctx: ClerkContext, code: str) -> AppointmentRow | None:
        """The centre's booking with this code, on whatever day it is (past days too, as long as the purge
        has kept them), as the Today list shows it; None when there is none here, or it was cancelled (it
        holds no time any more).

        `code` is what the citizen quotes from the confirmation: spaces around it and lower case are the
        clerk's typing, not another code (`complete_booking_code`). Text that cannot be a complete code
        finds nothing and looks nothing up. A look-up names a person, so it is audited like every other,
        found or not ("appointment.lookup_code", with the code: a code alone names nobody)."""
        wanted = complete_booking_code(checked_text(code.strip(), "booking_code", BOOKING_CODE_MAX))
        if wanted is None:
            return None
        with self._db.read() as session:
            current_clerk(session, ctx)  # a clerk deactivated since sign-in can no longer look
            starts_at = session.scalar(
                select(Appointment.starts_at).where(
                    Appointment.centre_id == ctx.centre_id,
                    Appointment.booking_code == wanted,
                    Appointment.status != AppointmentStatus.CANCELLED,
                )
            )
        # The Today list's own row, from the query that builds the list: its window need only hold the
        # booking's start (the code picks the one booking), which the list's indexed query wants anyway.
        rows = [] if starts_at is None else self._rows(
            ctx, starts_at, starts_at + timedelta(minutes=1), [Appointment.booking_code == wanted]
        )
        found = rows[0] if rows else None
        with self._db.unit_of_work() as uow:
            audit.record(
                uow.session, self._clock, ctx, "appointment.lookup_code",
                citizen_id=found.citizen_id if found else None, outcome="ok" if found else "not_found",
                booking_code=wanted, appointment_id=found.id if found else None,
            )
            uow.commit()
        return found

    def citizen_bookings(self, ctx: ClerkContext, citizen_id: int, purpose: str | None = None) -> list[AppointmentRow]:
        """The citizen's bookings at this centre that still hold a time, soonest first: booked and not past
        their late window (one past it is a no-show to be marked, not a time the citizen has). What a clerk
        answers "when is my appointment?" from, with the citizen found in the Find tab and no code at hand.
        Another centre's bookings are that centre's to tell (the Find tab says "here").

        It names the citizen's errands, so it is logged as a look-up of them ("appointment.citizen_bookings",
        with the purpose the clerk gave for finding the citizen)."""
        now = self._clock()
        with self._db.read() as session:
            current_clerk(session, ctx)  # a clerk deactivated since sign-in can no longer look
            _early, late = arrival_window(session)
        # From `now - late` on is exactly the bookings `no_show_allowed` does not give up yet (at the end of
        # the window the citizen is still in time); ten years is past any horizon a booking is made in.
        rows = self._rows(
            ctx, now - late, now + timedelta(days=3660),
            [Appointment.citizen_id == citizen_id, Appointment.status == AppointmentStatus.BOOKED],
        )
        with self._db.unit_of_work() as uow:
            audit.record(
                uow.session, self._clock, ctx, "appointment.citizen_bookings",
                citizen_id=citizen_id, purpose=purpose, appointment_ids=[row.id for row in rows],
            )
            uow.commit()
        return rows

    def _rows(self, ctx: ClerkContext, start: datetime, end: datetime, counter_filter: list[Any]) -> list[AppointmentRow]:
        with self._db.read() as session:
            current_clerk(session, ctx)  # a clerk deactivated since sign-in can no longer look
            rows = session.execute(
                select(Appointment, Visit.id)
                .outerjoin(Visit, Visit.appointment_id == Appointment.id)
                .where(
                    Appointment.centre_id == ctx.centre_id,
                    Appointment.starts_at >= start,
                    Appointment.starts_at < end,
                    Appointment.status != AppointmentStatus.CANCELLED,
                    *counter_filter,
                )
                .options(
                    joinedload(Appointment.citizen),
                    joinedload(Appointment.service),
                    joinedload(Appointment.counter),
                )
                .order_by(Appointment.starts_at, Appointment.counter_id)
            ).all()
            return [
                AppointmentRow(
                    id=a.id,
                    starts_at=a.starts_at,
                    ends_at=a.ends_at,
                    booking_code=a.booking_code,
                    service_code=a.service.code,
                    service_da=a.service.name_da,
                    service_en=a.service.name_en,
                    counter=a.counter.name,
                    citizen_id=a.citizen_id,
                    citizen_name=f"{a.citizen.given_names} {a.citizen.surname}",
                    cpr_masked=mask(a.citizen.cpr),
                    status=a.status,
                    visit_id=visit_id,
                    confirmation_language=a.confirmation_language,
                )
                for a, visit_id in rows
            ]

    def mark_no_show(self, ctx: ClerkContext, appointment_id: int) -> None:
        """The citizen did not come: allowed once the centre's late window past the start has gone by (the
        same rule that turns a late arrival into a walk-in, `no_show_allowed`)."""
        with self._db.unit_of_work() as uow:
            current_clerk(uow.session, ctx)  # a clerk deactivated since sign-in can no longer look
            appointment = lock(uow.session, Appointment, appointment_id)
            if appointment is None or appointment.centre_id != ctx.centre_id:
                raise NotFound("appointment.not_found")
            if appointment.status is not AppointmentStatus.BOOKED:
                raise RuleViolation("appointment.not_booked", status=appointment.status.value)
            _early, late_window = arrival_window(uow.session)
            if not no_show_allowed(appointment.starts_at, self._clock(), late_window):
                raise RuleViolation("appointment.not_yet_due")
            appointment.status = AppointmentStatus.NO_SHOW
            audit.record(uow.session, self._clock, ctx, "appointment.no_show", citizen_id=appointment.citizen_id,
                         appointment_id=appointment.id)
            uow.commit()

    def purge_older_than(self, days: int) -> int:
        """Delete appointments that ended more than `days` ago (privacy: kept no longer than needed).

        Their queue tickets go with them; a visit that came from one keeps its identity checks and MitID
        history (the audit trail) but loses the link. Returns how many were deleted.
        """
        if days < 1:
            raise InvalidInput("purge.days", days=days)
        cutoff = self._clock() - timedelta(days=days)
        with self._db.unit_of_work() as uow:
            session = uow.session
            old = select(Appointment.id).where(Appointment.ends_at < cutoff)
            # In the lock order (the module's note): the appointments, their tickets, then the visits.
            session.execute(old.order_by(Appointment.id).with_for_update())
            session.execute(delete(QueueTicket).where(QueueTicket.appointment_id.in_(old)))
            session.execute(update(Visit).where(Visit.appointment_id.in_(old)).values(appointment_id=None))
            deleted = session.scalar(select(func.count()).select_from(Appointment).where(Appointment.ends_at < cutoff)) or 0
            session.execute(delete(Appointment).where(Appointment.ends_at < cutoff))
            audit.record(session, self._clock, None, "appointment.purge", days=days, deleted=deleted)
            uow.commit()
            return int(deleted)

    def finish_visit(self, ctx: ClerkContext, visit_id: int) -> None:
        """The citizen leaves the counter: the visit ends, its appointment is done, and so is the queue
        ticket the citizen was called (or fetched) with. A called ticket stays CALLED while the citizen is
        at the counter, so the waiting room's board shows where the number went; once the visit is over it
        is DONE: off the board and the now-serving list, counted once by the statistics (its wait ended
        when it was called), and never called, served or made a no-show again."""
        with self._db.unit_of_work() as uow:
            current_clerk(uow.session, ctx)  # a clerk deactivated since sign-in can no longer look
            session = uow.session
            # Read first without a lock, to learn the appointment and tickets to lock before the visit.
            found = session.get(Visit, visit_id)
            if found is None:
                raise NotFound("visit.not_found")
            appointment = (
                None if found.appointment_id is None else lock(session, Appointment, found.appointment_id)
            )
            # The visit's ticket: a walk-in's names the visit; a booked citizen's names the appointment (and
            # the visit too, since check-in links it).
            tickets = session.scalars(
                select(QueueTicket)
                .where(or_(QueueTicket.visit_id == visit_id,
                           *([] if appointment is None else [QueueTicket.appointment_id == appointment.id])))
                .order_by(QueueTicket.number)
                .with_for_update(**ROW_LOCK)
                .execution_options(populate_existing=True)
            ).all()
            visit = lock(session, Visit, visit_id)
            if visit is None:
                raise NotFound("visit.not_found")
            if visit.ended_at is not None:
                raise RuleViolation("visit.ended")
            visit.ended_at = self._clock()
            if appointment is not None and appointment.status is AppointmentStatus.CHECKED_IN:
                appointment.status = AppointmentStatus.DONE
            for ticket in tickets:
                # Called (or, from a desk older than check-in settling it, still waiting): served now, and
                # gone. A no-show, or one done already, stays as it is.
                if ticket.status in (TicketStatus.CALLED, TicketStatus.WAITING):
                    ticket.status = TicketStatus.DONE
            audit.record(
                session, self._clock, ctx, "visit.finish", citizen_id=visit.citizen_id, visit_id=visit.id
            )
            uow.commit()

    def resume_visit(self, ctx: ClerkContext, visit_id: int, *, take_over: bool = False) -> CheckedIn:
        """Take an open visit up again (after a restart, or from another desk).

        A visit another clerk opened is never taken over silently: without `take_over` it is refused with
        "visit.other_clerk" naming that clerk, so the desk can ask; with it, the visit becomes this clerk's
        and the take-over is recorded ("visit.take_over", naming both clerks)."""
        with self._db.unit_of_work() as uow:
            session = uow.session
            lock(session, Visit, visit_id)  # two desks taking over at once take turns
            visit, citizen = open_visit(session, visit_id, ctx)
            if visit.clerk_id != ctx.clerk_id:
                owner = session.get(Clerk, visit.clerk_id)
                assert owner is not None  # foreign key
                if not take_over:
                    raise RuleViolation("visit.other_clerk", clerk=owner.full_name, clerk_id=owner.id)
                audit.record(
                    session, self._clock, ctx, "visit.take_over", citizen_id=citizen.id, visit_id=visit.id,
                    from_clerk_id=owner.id, from_clerk=owner.username, to_clerk_id=ctx.clerk_id,
                    to_clerk=ctx.username,
                )
                visit.clerk_id = ctx.clerk_id
                uow.commit()
            return CheckedIn(visit.id, visit.appointment_id, visit.citizen_id)

    def check_in(self, ctx: ClerkContext, appointment_id: int) -> CheckedIn:
        """Mark the citizen as arrived and open their visit; checking in twice is refused, and so is a
        citizen already being served in another visit ("citizen.being_served", see
        `refuse_if_being_served`). That refusal names a person, so it is recorded, in its own transaction.

        A citizen who arrived at the queue has a ticket for the appointment. Served from the Today tab
        instead of being called, that ticket is settled here (linked to the visit, and done if it was still
        waiting): otherwise F6 would call the citizen already at a counter a second time, the waiting
        room's board would show their number, and they would count as waiting."""
        try:
            return self._check_in(ctx, appointment_id)
        except RuleViolation as refusal:
            if refusal.code in ("citizen.being_served", "appointment.not_today"):
                audit.record_refused(self._db, self._clock, ctx, "appointment.check_in", refusal,
                                     citizen_id=refusal.params.get("citizen_id"), appointment_id=appointment_id)
            raise

    def _check_in(self, ctx: ClerkContext, appointment_id: int) -> CheckedIn:
        with self._db.unit_of_work() as uow:
            current_clerk(uow.session, ctx)  # a clerk deactivated since sign-in can no longer look
            appointment, visit = check_in_within(uow.session, self._clock, ctx, appointment_id)
            uow.commit()
            return CheckedIn(visit.id, appointment.id, appointment.citizen_id)


def check_in_within(session: Session, clock: Clock, ctx: ClerkContext, appointment_id: int) -> tuple[Appointment, Visit]:
    """The check-in itself (`AppointmentService.check_in`), in the caller's unit of work: the appointment
    checked in, its visit opened, its queue ticket settled, the audit entry written; nothing committed. A
    walk-in served on the citizen's booking of today (services/queue.py) runs it in its own transaction, so
    that tying the ticket to the booking, the check-in and the walk-in's record are saved whole or not at
    all. Locks in the module's lock order: the appointment, its ticket, the citizen, the visit."""
    appointment = lock(session, Appointment, appointment_id)
    if appointment is None or appointment.centre_id != ctx.centre_id:
        raise NotFound("appointment.not_found")
    # Its ticket next, before the citizen (the module's note on the lock order): the queue's no-show
    # and F6 lock the ticket, and a desk holding it must never wait for one holding the citizen.
    ticket = session.scalars(
        select(QueueTicket).where(QueueTicket.appointment_id == appointment.id).with_for_update(**ROW_LOCK)
        .execution_options(populate_existing=True)
    ).first()
    arrived = appointment.status is AppointmentStatus.CHECKED_IN and not session.scalar(
        select(Visit.id).where(Visit.appointment_id == appointment.id)
    )
    # Booked, or checked in at arrival (the queue) and now called to a counter to be served.
    if appointment.status is not AppointmentStatus.BOOKED and not arrived:
        raise RuleViolation("appointment.not_booked", status=appointment.status.value)
    now = clock()
    if not on_its_day(appointment.starts_at, now, read_centre_zone(session, appointment.centre_id)):
        raise RuleViolation("appointment.not_today", citizen_id=appointment.citizen_id,
                            booked_for=appointment.starts_at.astimezone(UTC).isoformat())
    refuse_if_being_served(session, appointment.citizen_id, now)
    appointment.status = AppointmentStatus.CHECKED_IN
    appointment.checked_in_at = appointment.checked_in_at or now
    visit = Visit(
        citizen_id=appointment.citizen_id,
        appointment_id=appointment.id,
        clerk_id=ctx.clerk_id,
        started_at=now,
    )
    session.add(visit)
    session.flush()
    if ticket is not None:
        ticket.visit_id = visit.id  # served: never a no-show, never called again
        if ticket.status is TicketStatus.WAITING:
            # Fetched from the Today list rather than called: its wait ends here, at this counter,
            # and a done ticket is not shown on the waiting room's board.
            ticket.status = TicketStatus.DONE
            ticket.called_at = now
            ticket.called_by = ctx.clerk_id
            ticket.counter_id = appointment.counter_id
    audit.record(
        session,
        clock,
        ctx,
        "appointment.check_in",
        citizen_id=appointment.citizen_id,
        appointment_id=appointment.id,
        visit_id=visit.id,
    )
    return appointment, visit
