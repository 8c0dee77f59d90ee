"""Booking appointments: next free times, book, move, cancel.

The free-time search is a convenience; the database is the judge. Two desks booking the same counter
at the same time both try, the database lets exactly one in (exclusion constraint or trigger), and the
other is told "taken" with the next free time.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import holidays
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from borgerservice_desk import atomic_files
from borgerservice_desk.domain.centre_time import format_date_time
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.domain.scheduling import (
    CounterPlan,
    DayAvailability,
    FreeTime,
    Interval,
    OpeningHours,
    day_availability,
    free_times,
    free_times_on_day,
    no_show_allowed,
)
from borgerservice_desk.errors import InvalidInput, NotFound, RuleViolation
from borgerservice_desk.files import ensure_private_dir
from borgerservice_desk.receipts.confirmation import (
    BookingConfirmation,
    render_confirmation_ics,
    render_confirmation_pdf,
)
from borgerservice_desk.receipts.texts import LANGUAGES
from borgerservice_desk.services import audit
from borgerservice_desk.services.access import current_clerk
from borgerservice_desk.services.centre_settings import arrival_window, read_centre_zone, setting_number
from borgerservice_desk.services.context import ClerkContext, Clock, utc_now
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import (
    Appointment,
    Centre,
    Citizen,
    Closure,
    Counter,
    CounterService,
    Service,
)
from borgerservice_desk.storage.models import OpeningHours as OpeningHoursRow

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud at the counter
CODE_LENGTH = 6
HORIZON = timedelta(days=90)
SEARCH_WINDOW = timedelta(days=6)  # a week (first day plus six) of bookings per query
LIVE = (AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN, AppointmentStatus.DONE, AppointmentStatus.NO_SHOW)
# The citizen's row lock, FOR NO KEY UPDATE (why: `_refuse_if_citizen_busy`; services/appointments.py ROW_LOCK).
CITIZEN_LOCK: dict[str, Any] = {"key_share": True}
CONFIRMATION_SUFFIXES = (".pdf", ".ics")
SWEEP_BATCH = 500  # booking codes per query: well under SQLite's and PostgreSQL's limits on bound values

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Booking:
    appointment_id: int
    booking_code: str
    starts_at: datetime
    ends_at: datetime
    counter_id: int
    service_code: str


class BookingService:
    def __init__(self, db: Database, clock: Clock = utc_now, *, confirmations_dir: Path | None = None) -> None:
        self._db = db
        self._clock = clock
        self._confirmations_dir = confirmations_dir

    @property
    def confirmations_dir(self) -> Path | None:
        """Where write_confirmation puts the PDF and .ics when no folder is named (Paths.confirmations_dir)."""
        return self._confirmations_dir

    # Settings a centre can change (rows in `setting`), with the defaults above.
    def min_notice(self) -> timedelta:
        return timedelta(minutes=self._setting_int("booking.min_notice_minutes"))

    def max_open_bookings(self) -> int:
        return self._setting_int("booking.max_open_per_citizen")

    def services(self) -> list[tuple[str, str, str, int]]:
        """(code, Danish name, English name, minutes) of every service, for choosing one."""
        with self._db.read() as session:
            return [(s.code, s.name_da, s.name_en, s.minutes) for s in session.scalars(select(Service).order_by(Service.id))]

    def service_ids(self) -> list[tuple[int, str]]:
        with self._db.read() as session:
            return [(s.id, s.code) for s in session.scalars(select(Service).order_by(Service.id))]

    def counters(self, ctx: ClerkContext) -> list[tuple[int, str]]:
        with self._db.read() as session:
            current_clerk(session, ctx)  # a clerk deactivated since sign-in can no longer look
            rows = session.scalars(select(Counter).where(Counter.centre_id == ctx.centre_id).order_by(Counter.id))
            return [(c.id, c.name) for c in rows]

    def next_free(
        self, ctx: ClerkContext, service_code: str, *, limit: int, earliest: datetime | None = None
    ) -> list[FreeTime]:
        """The first `limit` free times for the service from `earliest` (or the notice) on. `limit` has no
        default: each caller says how many times it offers (a default no caller used was a rule of none)."""
        with self._db.read() as session:
            current_clerk(session, ctx)  # a clerk deactivated since sign-in can no longer look
            return self._free(session, ctx.centre_id, service_code, earliest, limit)

    def bookable_days(self, ctx: ClerkContext) -> tuple[date, date]:
        """The first and last day (the centre's local dates) a booking can be made for: from the minimum
        notice on, up to the horizon next_free searches."""
        with self._db.read() as session:
            current_clerk(session, ctx)  # a clerk deactivated since sign-in can no longer look
            zone = read_centre_zone(session, ctx.centre_id)
        earliest = self._earliest(None)
        return earliest.astimezone(zone).date(), (earliest + HORIZON).astimezone(zone).date()

    def day_availability(self, ctx: ClerkContext, service_code: str, first: date, last: date) -> DayAvailability:
        """Which days in [first, last] (the centre's local dates) have a free time for the service, and
        which are closed (weekends and other days without opening hours, public holidays, local closures).

        One query reads the bookings of the whole range; the rules are the ones next_free keeps."""
        if last < first:
            raise ValueError("last before first")
        with self._db.read() as session:
            current_clerk(session, ctx)  # a clerk deactivated since sign-in can no longer look
            service = self._service(session, service_code)
            zone = read_centre_zone(session, ctx.centre_id)
            start, end = _day_start(first, zone), _day_start(last + timedelta(days=1), zone)
            return day_availability(
                service=service.code, minutes=service.minutes,
                counters=self._plans(session, ctx.centre_id, self._layout(session, ctx.centre_id, service), start, end),
                hours=self._hours(session, ctx.centre_id), closed=self._closed(session, ctx.centre_id, first, last),
                zone=zone, earliest=self._earliest(start), first=first, last=last,
            )

    def free_on_day(self, ctx: ClerkContext, service_code: str, day: date) -> list[FreeTime]:
        """Every free time for the service on `day` (the centre's local date), once per counter that is
        free then: earliest first, counters in their order. Empty on a closed day."""
        with self._db.read() as session:
            current_clerk(session, ctx)  # a clerk deactivated since sign-in can no longer look
            service = self._service(session, service_code)
            zone = read_centre_zone(session, ctx.centre_id)
            start, end = _day_start(day, zone), _day_start(day + timedelta(days=1), zone)
            return free_times_on_day(
                service=service.code, minutes=service.minutes,
                counters=self._plans(session, ctx.centre_id, self._layout(session, ctx.centre_id, service), start, end),
                hours=self._hours(session, ctx.centre_id), closed=self._closed(session, ctx.centre_id, day, day),
                zone=zone, earliest=self._earliest(start), day=day,
            )

    def book(
        self,
        ctx: ClerkContext,
        citizen_id: int,
        service_code: str,
        starts_at: datetime,
        *,
        counter_id: int | None = None,
    ) -> Booking:
        now = self._clock()
        if starts_at < now + self.min_notice():
            raise RuleViolation("booking.too_soon", earliest=(now + self.min_notice()).isoformat())
        try:
            with self._db.unit_of_work() as uow:
                current_clerk(uow.session, ctx)  # a clerk deactivated since sign-in can no longer look
                session = uow.session
                # The citizen's row is locked before the citizen's bookings are counted: two desks booking
                # one citizen at once take turns from here, and the second counts the first's booking. (A
                # count before the lock let both pass the limit.) The citizen is the first row this use
                # case locks, so the lock order (services/appointments.py) holds.
                if session.get(Citizen, citizen_id, with_for_update=CITIZEN_LOCK) is None:
                    raise NotFound("citizen.not_found", query=citizen_id)
                service = self._service(session, service_code)
                self._refuse_if_too_many_open(session, ctx.centre_id, citizen_id, now)
                ends_at = starts_at + timedelta(minutes=service.minutes)
                self._refuse_if_citizen_busy(session, citizen_id, starts_at, ends_at, None)
                counter = self._choose_counter(session, ctx.centre_id, service, starts_at, counter_id)
                appointment = Appointment(
                    centre_id=ctx.centre_id,
                    counter_id=counter,
                    service_id=service.id,
                    citizen_id=citizen_id,
                    booking_code=_new_code(),
                    starts_at=starts_at,
                    ends_at=ends_at,
                    status=AppointmentStatus.BOOKED,
                    checked_in_at=None,
                )
                session.add(appointment)
                session.flush()  # the database judges the overlap here
                audit.record(
                    session, self._clock, ctx, "appointment.book", citizen_id=citizen_id,
                    appointment_id=appointment.id, starts_at=starts_at.isoformat(), counter_id=counter,
                )
                uow.commit()
                return Booking(appointment.id, appointment.booking_code, starts_at, ends_at, counter, service_code)
        except IntegrityError as error:
            raise self._taken(error, ctx, service_code, starts_at) from None
        except RuleViolation as refusal:
            self._record_refusal_naming_bookings(ctx, "appointment.book", refusal, citizen_id)
            raise

    def _refuse_if_too_many_open(self, session: Session, centre_id: int, citizen_id: int, now: datetime) -> None:
        """A citizen has at most `max_open_bookings` open bookings (booked, from now on, at any centre).
        The refusal names them, code and local time, so the clerk can offer to move or cancel one. Called
        with the citizen's row locked."""
        limit = self.max_open_bookings()
        open_ones = session.execute(
            select(Appointment.booking_code, Appointment.starts_at).where(
                Appointment.citizen_id == citizen_id,
                Appointment.status == AppointmentStatus.BOOKED,
                Appointment.starts_at >= now,
            ).order_by(Appointment.starts_at, Appointment.booking_code)
        ).all()
        if len(open_ones) >= limit:
            zone = read_centre_zone(session, centre_id)
            raise RuleViolation(
                "booking.too_many_open", limit=limit, booking_codes=[code for code, _at in open_ones],
                open_bookings=", ".join(f"{code} ({format_date_time(at, zone)})" for code, at in open_ones),
                citizen_id=citizen_id,
            )

    def _refuse_if_citizen_busy(
        self, session: Session, citizen_id: int, starts_at: datetime, ends_at: datetime, moving: int | None
    ) -> None:
        """One citizen is at one counter at a time: a booking (or a move) that overlaps another of the
        citizen's live bookings, at any counter of any centre, is refused ("booking.citizen_busy", naming
        the booking in the way). The database only judges overlaps per counter, so this is checked here,
        with the citizen's row locked: two desks booking the same citizen at once take turns. FOR NO KEY
        UPDATE (services/appointments.py, the lock order): another desk's audit entry naming the citizen,
        written under the audit head's lock, checks its foreign key with a KEY SHARE lock, which FOR UPDATE
        would make wait for this desk, itself about to wait for the audit head: a deadlock."""
        session.get(Citizen, citizen_id, with_for_update=CITIZEN_LOCK)
        clash = session.execute(
            select(Appointment.booking_code, Appointment.starts_at, Counter.name)
            .join(Counter, Counter.id == Appointment.counter_id)
            .where(
                Appointment.citizen_id == citizen_id,
                Appointment.status.in_((AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN)),
                Appointment.starts_at < ends_at,
                Appointment.ends_at > starts_at,
                *([] if moving is None else [Appointment.id != moving]),
            )
            .order_by(Appointment.starts_at)
            .limit(1)
        ).first()
        if clash is not None:
            code, at, counter = clash
            raise RuleViolation("booking.citizen_busy", booking_code=code, starts_at=at.isoformat(), counter=counter,
                                citizen_id=citizen_id)

    def _record_refusal_naming_bookings(
        self, ctx: ClerkContext, action: str, refusal: RuleViolation, citizen_id: int,
        appointment_id: int | None = None,
    ) -> None:
        """The refusal names a person's other bookings, so it is part of the record, in its own transaction."""
        moved: dict[str, Any] = {} if appointment_id is None else {"appointment_id": appointment_id}
        if refusal.code == "booking.citizen_busy":
            audit.record_refused(self._db, self._clock, ctx, action, refusal, citizen_id=citizen_id,
                                 booking_code=refusal.params.get("booking_code"), **moved)
        elif refusal.code == "booking.too_many_open":
            audit.record_refused(self._db, self._clock, ctx, action, refusal, citizen_id=citizen_id,
                                 booking_codes=refusal.params.get("booking_codes"), **moved)

    def _taken(self, error: IntegrityError, ctx: ClerkContext, service_code: str, starts_at: datetime) -> Exception:
        """The database refused an overlap: "taken", with the next free time to offer instead."""
        if "overlap" not in str(error.orig):
            return error
        with self._db.read() as session:
            nxt = self._free(session, ctx.centre_id, service_code, starts_at, 1)
        if not nxt:
            return RuleViolation("booking.taken", next_free=None, horizon_days=HORIZON.days)
        return RuleViolation("booking.taken", next_free=nxt[0].starts_at.isoformat())

    def move(
        self, ctx: ClerkContext, appointment_id: int, starts_at: datetime, *, counter_id: int | None = None
    ) -> Booking:
        """Move a booking to another time (and counter); the booking code stays the citizen's."""
        now = self._clock()
        if starts_at < now + self.min_notice():
            raise RuleViolation("booking.too_soon", earliest=(now + self.min_notice()).isoformat())
        service_code = ""
        citizen_id: int | None = None
        try:
            with self._db.unit_of_work() as uow:
                current_clerk(uow.session, ctx)  # a clerk deactivated since sign-in can no longer look
                session = uow.session
                appointment = session.get(Appointment, appointment_id, with_for_update=True)
                if appointment is None or appointment.centre_id != ctx.centre_id:
                    raise NotFound("appointment.not_found")
                if appointment.status is not AppointmentStatus.BOOKED:
                    raise RuleViolation("appointment.not_booked", status=appointment.status.value)
                _refuse_if_passed(session, appointment, now)
                service = session.get(Service, appointment.service_id)
                assert service is not None
                service_code = service.code
                # The booking's own time does not count against itself while a new one is sought.
                appointment.status = AppointmentStatus.CANCELLED
                session.flush()
                citizen_id = appointment.citizen_id
                self._refuse_if_citizen_busy(
                    session, citizen_id, starts_at, starts_at + timedelta(minutes=service.minutes), appointment.id
                )
                counter = self._choose_counter(session, ctx.centre_id, service, starts_at, counter_id)
                before = appointment.starts_at
                appointment.starts_at = starts_at
                appointment.ends_at = starts_at + timedelta(minutes=service.minutes)
                appointment.counter_id = counter
                appointment.status = AppointmentStatus.BOOKED
                # Its confirmation is a newer revision of the same calendar event (same UID): SEQUENCE.
                appointment.revision += 1
                session.flush()  # the database judges the overlap here
                audit.record(
                    session, self._clock, ctx, "appointment.move", citizen_id=appointment.citizen_id,
                    appointment_id=appointment.id, moved_from=before.isoformat(), moved_to=starts_at.isoformat(),
                )
                uow.commit()
                return Booking(
                    appointment.id, appointment.booking_code, starts_at, appointment.ends_at, counter, service.code
                )
        except IntegrityError as error:
            raise self._taken(error, ctx, service_code, starts_at) from None
        except RuleViolation as refusal:
            if citizen_id is not None:
                self._record_refusal_naming_bookings(ctx, "appointment.move", refusal, citizen_id, appointment_id)
            raise

    def confirmation(self, ctx: ClerkContext, appointment_id: int, language: str = "da") -> BookingConfirmation:
        """What the citizen takes home: rendered to PDF and .ics by receipts.confirmation.

        It names the citizen, so producing it is a look-up of a person and is logged. `language` is one of
        `receipts.texts.LANGUAGES`."""
        if language not in LANGUAGES:
            raise ValueError(f"unknown confirmation language {language!r}; expected one of {LANGUAGES}")
        with self._db.unit_of_work() as uow:
            current_clerk(uow.session, ctx)  # a clerk deactivated since sign-in can no longer look
            session = uow.session
            appointment = session.get(Appointment, appointment_id)
            if appointment is None or appointment.centre_id != ctx.centre_id:
                raise NotFound("appointment.not_found")
            # Printed again from the day list too: never a confirmation of a time the citizen no longer has.
            if appointment.status is not AppointmentStatus.BOOKED:
                raise RuleViolation("appointment.not_booked", status=appointment.status.value)
            _refuse_if_passed(session, appointment, self._clock(), confirmation=True)  # its own wording
            service = session.get(Service, appointment.service_id)
            counter = session.get(Counter, appointment.counter_id)
            citizen = session.get(Citizen, appointment.citizen_id)
            centre = session.get(Centre, appointment.centre_id)
            assert service and counter and citizen and centre
            audit.record(session, self._clock, ctx, "appointment.confirmation", citizen_id=citizen.id,
                         appointment_id=appointment.id, language=language)
            uow.commit()
            return BookingConfirmation(
                booking_code=appointment.booking_code,
                service_name=service.name_da if language == "da" else service.name_en,
                starts_at=appointment.starts_at,
                ends_at=appointment.ends_at,
                counter=counter.name,
                citizen_name=f"{citizen.given_names} {citizen.surname}",
                centre_name=centre.name,
                centre_address=centre.address,
                written_at=self._clock(),
                sequence=appointment.revision,
                centre_timezone=centre.timezone,
            )

    def write_confirmation(
        self, ctx: ClerkContext, appointment_id: int, folder: Path | None = None, language: str = "da"
    ) -> tuple[Path, Path]:
        """The confirmation as PDF (to print or mail) and .ics (for the citizen's calendar), in `folder`
        (by default the desk's confirmations folder, given at construction).

        Each file is written whole or not at all (a desk killed mid-write leaves the old file or none,
        never a truncated one the citizen is handed), and leftovers of earlier crashes are cleaned first.
        The files are named by the booking code, which a move keeps: a moved booking's confirmation is
        written over the one it supersedes. Cancelling the booking removes them (`cancel`), and so does
        the purge's sweep (`sweep_confirmations`).
        """
        folder = folder or self._confirmations_dir
        if folder is None:
            raise ValueError("no folder for confirmations: name one or give BookingService confirmations_dir")
        confirmation = self.confirmation(ctx, appointment_id, language)
        ensure_private_dir(folder)
        atomic_files.remove_abandoned_temp_files(folder)
        pdf = folder / f"{confirmation.booking_code}.pdf"
        ics = folder / f"{confirmation.booking_code}.ics"
        atomic_files.write_atomically(pdf, render_confirmation_pdf(confirmation, language))
        atomic_files.write_atomically(ics, render_confirmation_ics(confirmation, language))
        # Only now, with both files written, is it the language of the citizen's confirmation: kept with the
        # booking (shown in the day list) for the next time it is printed or the booking is moved.
        with self._db.unit_of_work() as uow:
            appointment = uow.session.get(Appointment, appointment_id)
            if appointment is not None:
                appointment.confirmation_language = language
                uow.commit()
        return pdf, ics

    def cancel(self, ctx: ClerkContext, appointment_id: int) -> None:
        """Cancel a booking; its confirmation (PDF and .ics, with the citizen's name, service, time and code)
        is deleted from the desk's confirmations folder once the cancellation is committed: nobody is handed
        it any more. A file that cannot be deleted now (open in another program) is left to the sweep."""
        with self._db.unit_of_work() as uow:
            current_clerk(uow.session, ctx)  # a clerk deactivated since sign-in can no longer look
            appointment = uow.session.get(Appointment, appointment_id, with_for_update=True)
            if appointment is None or appointment.centre_id != ctx.centre_id:
                raise NotFound("appointment.not_found")
            if appointment.status is not AppointmentStatus.BOOKED:
                raise RuleViolation("appointment.not_booked", status=appointment.status.value)
            _refuse_if_passed(uow.session, appointment, self._clock())
            appointment.status = AppointmentStatus.CANCELLED
            appointment.revision += 1  # a change the citizen's calendar must follow, as a move is
            audit.record(uow.session, self._clock, ctx, "appointment.cancel", citizen_id=appointment.citizen_id,
                         appointment_id=appointment.id)
            code = appointment.booking_code
            uow.commit()
        self._remove_confirmation(code)

    def sweep_confirmations(self, older_than_days: int) -> int:
        """Delete the confirmations in the desk's confirmations folder that nobody needs any more, the
        purge's part on this desk's disk (`AppointmentService.purge_older_than` deletes the bookings; the
        `purge-appointments` command calls both, with the same days): those whose booking no longer exists
        (purged, or another database's), was cancelled (at another desk, or a delete that failed), or ended
        more than `older_than_days` ago. Only files named like a confirmation (`<booking code>.pdf` or
        `.ics`) are looked at, and unfinished temporary files of writers that died go too. Returns how many
        confirmation files were deleted; one that cannot be deleted is logged and left for the next sweep.
        """
        if older_than_days < 1:
            raise InvalidInput("purge.days", days=older_than_days)
        folder = self._confirmations_dir
        if folder is None or not folder.is_dir():
            return 0
        atomic_files.remove_abandoned_temp_files(folder)
        found: dict[str, list[Path]] = {}
        for path in folder.iterdir():
            if path.suffix in CONFIRMATION_SUFFIXES and could_be_code(path.stem) and path.is_file():
                found.setdefault(path.stem, []).append(path)
        cutoff = self._clock() - timedelta(days=older_than_days)
        codes = sorted(found)
        needed: set[str] = set()
        with self._db.read() as session:
            for first in range(0, len(codes), SWEEP_BATCH):
                needed.update(session.scalars(
                    select(Appointment.booking_code).where(
                        Appointment.booking_code.in_(codes[first:first + SWEEP_BATCH]),
                        Appointment.status != AppointmentStatus.CANCELLED,
                        Appointment.ends_at >= cutoff,  # the purge deletes what ended before the cutoff
                    )
                ))
        removed = sum(_unlink(found[code]) for code in codes if code not in needed)
        if removed:
            log.info("removed %d booking confirmation file(s) no longer needed from %s", removed, folder)
        return removed

    def _remove_confirmation(self, code: str) -> None:
        folder = self._confirmations_dir
        if folder is not None:
            _unlink([folder / f"{code}{suffix}" for suffix in CONFIRMATION_SUFFIXES])

    # Helpers --------------------------------------------------------------------------------------
    def _setting_int(self, key: str) -> int:
        with self._db.read() as session:
            return setting_number(session, key)

    def _service(self, session: Session, code: str) -> Service:
        service = session.scalars(select(Service).where(Service.code == code)).one_or_none()
        if service is None:
            raise NotFound("service.not_found", query=code)
        return service

    def _choose_counter(
        self, session: Session, centre_id: int, service: Service, starts_at: datetime, wanted: int | None
    ) -> int:
        """The counter asked for, or the first that is free at that time; refused outside opening."""
        free = self._free(session, centre_id, service.code, starts_at, 50)
        at_time = [f for f in free if f.starts_at == starts_at]
        if wanted is not None:
            serving = session.scalar(
                select(func.count()).select_from(CounterService).where(
                    CounterService.counter_id == wanted, CounterService.service_id == service.id
                )
            )
            if not serving:
                raise RuleViolation("booking.counter_does_not_serve", counter_id=wanted)
            if not self._is_open(session, centre_id, wanted, starts_at, starts_at + timedelta(minutes=service.minutes)):
                raise RuleViolation("booking.closed")
            return wanted  # taken or not: the database decides
        if at_time:
            return at_time[0].counter_id
        if not self._is_open(session, centre_id, None, starts_at, starts_at + timedelta(minutes=service.minutes)):
            raise RuleViolation("booking.closed")
        if not free:
            # Nothing free for the whole horizon: the clerk is told so, not offered "the next free time -".
            raise RuleViolation("booking.taken", next_free=None, horizon_days=HORIZON.days)
        raise RuleViolation("booking.taken", next_free=free[0].starts_at.isoformat())

    def _is_open(self, session: Session, centre_id: int, counter_id: int | None, start: datetime, end: datetime) -> bool:
        zone = read_centre_zone(session, centre_id)
        local_start, local_end = start.astimezone(zone), end.astimezone(zone)
        if local_start.date() != local_end.date():
            return False
        hours = self._hours(session, centre_id).on(local_start.date())
        if hours is None or local_start.time() < hours[0] or local_end.time() > hours[1]:
            return False
        closed = self._closed(session, centre_id, local_start.date(), local_start.date())
        return local_start.date() not in closed and (
            counter_id is None or local_start.date() not in self._absent(session, counter_id)
        )

    def _free(
        self, session: Session, centre_id: int, service_code: str, earliest: datetime | None, limit: int
    ) -> list[FreeTime]:
        """Search a week at a time: the first free times are usually near, and loading the bookings
        of 90 days for 20 counters costs far more than the search itself."""
        start = self._earliest(earliest)
        service = self._service(session, service_code)
        zone = read_centre_zone(session, centre_id)
        last = (start + HORIZON).astimezone(zone).date()
        layout = self._layout(session, centre_id, service)
        hours = self._hours(session, centre_id)
        closed = self._closed(session, centre_id, start.astimezone(zone).date(), last)
        found: list[FreeTime] = []
        window_start = start
        while len(found) < limit and window_start.astimezone(zone).date() <= last:
            first_day = window_start.astimezone(zone).date()
            window_end_day = min(first_day + SEARCH_WINDOW, last)
            window_end = _day_start(window_end_day + timedelta(days=1), zone)
            found.extend(
                free_times(
                    service=service.code, minutes=service.minutes,
                    counters=self._plans(session, centre_id, layout, window_start, window_end), hours=hours,
                    closed=closed, zone=zone, earliest=window_start, until=window_end_day, limit=limit - len(found),
                )
            )
            window_start = window_end
        return found[:limit]

    def _earliest(self, wanted: datetime | None) -> datetime:
        """The first moment a booking may start: not before `wanted`, and not within the minimum notice."""
        now = self._clock()
        return max(wanted or now, now + self.min_notice())

    def _layout(self, session: Session, centre_id: int, service: Service) -> _CounterLayout:
        counters = session.scalars(select(Counter.id).where(Counter.centre_id == centre_id).order_by(Counter.id)).all()
        serving = set(
            session.scalars(select(CounterService.counter_id).where(CounterService.service_id == service.id))
        )
        absent: dict[int, set[date]] = {c: set() for c in counters}
        for counter_id, day in session.execute(
            select(Closure.counter_id, Closure.day).where(Closure.centre_id == centre_id, Closure.counter_id.is_not(None))
        ):
            if counter_id is not None:
                absent.setdefault(counter_id, set()).add(day)
        return _CounterLayout(service.code, tuple(counters), frozenset(serving),
                              {c: frozenset(days) for c, days in absent.items()})

    def _plans(
        self, session: Session, centre_id: int, layout: _CounterLayout, start: datetime, end: datetime
    ) -> list[CounterPlan]:
        """Each counter with its bookings in [start, end): one query for the whole range."""
        booked: dict[int, list[Interval]] = {c: [] for c in layout.counters}
        for counter_id, s_at, e_at in session.execute(
            select(Appointment.counter_id, Appointment.starts_at, Appointment.ends_at).where(
                Appointment.centre_id == centre_id,
                Appointment.status.in_(LIVE),
                Appointment.ends_at > start,
                Appointment.starts_at < end,
            )
        ):
            booked.setdefault(counter_id, []).append(Interval(s_at, e_at))
        return [
            CounterPlan(
                c, frozenset({layout.service_code} if c in layout.serving else set()),
                layout.absent.get(c, frozenset()), tuple(booked[c]),
            )
            for c in layout.counters
        ]

    def _hours(self, session: Session, centre_id: int) -> OpeningHours:
        rows = session.scalars(select(OpeningHoursRow).where(OpeningHoursRow.centre_id == centre_id)).all()
        return OpeningHours({r.weekday: (r.opens, r.closes) for r in rows})

    def _closed(self, session: Session, centre_id: int, first: date, last: date) -> set[date]:
        public = holidays.country_holidays("DK", years=range(first.year, last.year + 1))
        local = session.scalars(
            select(Closure.day).where(Closure.centre_id == centre_id, Closure.counter_id.is_(None))
        ).all()
        return {d for d in public if first <= d <= last} | set(local)

    def _absent(self, session: Session, counter_id: int) -> set[date]:
        return set(session.scalars(select(Closure.day).where(Closure.counter_id == counter_id)).all())


@dataclass(frozen=True)
class _CounterLayout:
    """The centre's counters as one service sees them: which serve it, and each counter's absent days."""

    service_code: str
    counters: tuple[int, ...]
    serving: frozenset[int]
    absent: dict[int, frozenset[date]]


def _day_start(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, zone).astimezone(UTC)


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def could_be_code(text: str) -> bool:
    """Whether `text` has the form of a booking code as `_new_code` makes them (upper case)."""
    return len(text) == CODE_LENGTH and all(char in CODE_ALPHABET for char in text)


def _unlink(paths: Sequence[Path]) -> int:
    """Delete the files that exist; how many were deleted. One that cannot be (on Windows, a file open in a
    PDF viewer) is logged, not raised: the booking's change is committed already, and the sweep retries."""
    removed = 0
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            log.warning("could not delete the booking confirmation %s: %s", path, error)
            continue
        removed += 1
    return removed


def _refuse_if_passed(session: Session, appointment: Appointment, now: datetime, **detail: bool) -> None:
    """A booking whose late window has gone by is a no-show to be marked (`no_show_allowed`), not one to
    cancel or move: Del on yesterday's forgotten row erased a no-show from the day's statistics, and a
    move made a missed time look kept. A new time is a new booking."""
    _early, late = arrival_window(session)
    if no_show_allowed(appointment.starts_at, now, late):
        raise RuleViolation("appointment.passed", booked_for=appointment.starts_at.astimezone(UTC).isoformat(), **detail)
