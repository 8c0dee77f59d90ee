"""What a supervisor sets for the centre: closed days, counter absences, booking and arrival limits, and
whether the scanned images of checked documents are kept.

A closed day, a counter's absence or new opening hours never touch the bookings already made: moving or
cancelling a booking is a clerk's errand, with the citizen told. So each such change answers with the bookings
it leaves outside the centre's open time (`BookingHit`), for the supervisor to see and hand on; the names it
shows are a look-up of persons, audited in the change's own transaction ("settings.booking_hit")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from borgerservice_desk.domain.assurance.control_questions import Policy
from borgerservice_desk.domain.centre_time import centre_zone, local_time, local_today
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.domain.text_limits import CLOSURE_REASON_MAX, checked_text
from borgerservice_desk.errors import InvalidInput, NotFound, RuleViolation
from borgerservice_desk.services import audit
from borgerservice_desk.services.access import current_clerk
from borgerservice_desk.services.context import ClerkContext, Clock, utc_now
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import (
    Appointment,
    Centre,
    Closure,
    Counter,
    CounterService,
    OpeningHours,
    Setting,
)

# The centre-wide numbers, with their defaults and the range a supervisor may choose from.
NUMBERS: dict[str, tuple[int, int, int]] = {
    "booking.min_notice_minutes": (120, 0, 7 * 24 * 60),
    "booking.max_open_per_citizen": (2, 1, 20),
    "arrival.early_minutes": (30, 0, 240),
    "arrival.late_minutes": (10, 0, 120),
    # A desk nobody touches for this long locks, hiding the citizen's data until a password is typed.
    "desk.lock_minutes": (5, 1, 60),
    # Control questions (domain/assurance/control_questions): how many are asked, and how many must be right.
    # At most four: the register facts give one former address, two parents and a place of birth.
    "questions.asked": (3, 1, 4),
    "questions.required": (2, 1, 4),
    # How long an activation code for a new MitID app works (domain/assurance/activation_code's bounds).
    "activation_code.valid_hours": (7 * 24, 1, 30 * 24),
}


# Off unless a supervisor turns it on (issue 4, "Bad input and privacy"): an identity check keeps the document
# kind, issuing country, last four characters of the number, expiry and result, never the image by default.
KEEP_DOCUMENT_IMAGES = "identity.keep_document_images"


# The one way the core reads what a centre set: inside the caller's session (its transaction), so a rule
# and the setting it follows are seen together, and with the default when nothing was set.


def setting_number(session: Session, key: str) -> int:
    """One of NUMBERS as the centre set it, or its default."""
    row = session.get(Setting, key)
    return int(row.value) if row is not None else NUMBERS[key][0]


def keep_document_images(session: Session) -> bool:
    """The setting as seen inside a unit of work, so the check that stores an image reads it in the same
    transaction as it writes."""
    row = session.get(Setting, KEEP_DOCUMENT_IMAGES)
    return row is not None and row.value == "1"


def arrival_window(session: Session) -> tuple[timedelta, timedelta]:
    """How early a citizen may arrive before the start and how late after it, as the centre set them."""
    return (
        timedelta(minutes=setting_number(session, "arrival.early_minutes")),
        timedelta(minutes=setting_number(session, "arrival.late_minutes")),
    )


def read_centre_zone(session: Session, centre_id: int) -> ZoneInfo:
    """The centre's own time zone (`centre.timezone`): its local days and times are reckoned in it."""
    centre = session.get(Centre, centre_id)
    if centre is None:
        raise NotFound("centre.not_found")
    return centre_zone(centre.timezone)


def centre_today(session: Session, centre_id: int, now: datetime) -> date:
    """The centre's local date at `now`: the day a document expires on, an age is counted in and an
    assurance level holds, as the clerk and the citizen at the counter reckon it. The UTC date is a day
    behind in Copenhagen from midnight to 01:00 (02:00 in summer), and a day ahead in Nuuk in the evening."""
    return local_today(now, read_centre_zone(session, centre_id))


def question_policy(session: Session) -> Policy:
    """N of M for control questions, as the centre set them, read in the caller's transaction."""
    return Policy(asked=setting_number(session, "questions.asked"), required=setting_number(session, "questions.required"))


def activation_code_validity(session: Session) -> timedelta:
    return timedelta(hours=setting_number(session, "activation_code.valid_hours"))


@dataclass(frozen=True)
class ClosureRow:
    id: int
    day: date
    counter: str | None  # None: the whole centre
    reason: str


class HitBy:
    """Why a booking lies outside the centre's open time (`BookingHit.why`)."""

    CENTRE_CLOSED = "centre_closed"  # a closed day for the whole centre
    COUNTER_ABSENT = "counter_absent"  # its counter is absent that day
    OUTSIDE_HOURS = "outside_hours"  # the weekday is closed now, or the booking is outside its new hours


@dataclass(frozen=True)
class BookingHit:
    """A booking still BOOKED, not yet over, that a change left on a closed day, at an absent counter or
    outside the opening hours: for the clerks to move or cancel, and the citizen to be told."""

    appointment_id: int
    booking_code: str
    starts_at: datetime  # in the centre's time zone: the time the citizen was given
    ends_at: datetime  # likewise
    counter: str
    service_code: str
    service_da: str
    service_en: str
    citizen_id: int
    citizen_name: str
    why: str  # HitBy


class CentreSettingsService:
    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    def numbers(self) -> dict[str, int]:
        with self._db.read() as session:
            return {key: setting_number(session, key) for key in NUMBERS}

    def set_number(self, ctx: ClerkContext, key: str, value: int) -> None:
        self._require_supervisor(ctx)
        if key not in NUMBERS:
            raise InvalidInput("settings.unknown", key=key)
        _default, low, high = NUMBERS[key]
        if not low <= value <= high:
            raise InvalidInput("settings.out_of_range", key=key, low=low, high=high)
        with self._db.unit_of_work() as uow:
            _supervisor(uow.session, ctx)
            if key in ("questions.asked", "questions.required"):
                asked = value if key == "questions.asked" else setting_number(uow.session, "questions.asked")
                required = value if key == "questions.required" else setting_number(uow.session, "questions.required")
                if required > asked:
                    # More right answers than questions asked could never pass: no citizen could be helped.
                    raise InvalidInput("settings.questions_policy", asked=asked, required=required)
            row = uow.session.get(Setting, key)
            if row is None:
                uow.session.add(Setting(key=key, value=str(value)))
            else:
                row.value = str(value)
            audit.record(uow.session, self._clock, ctx, "settings.set", key=key, value=value)
            uow.commit()

    def keep_document_images(self) -> bool:
        """Whether identity checks keep the scanned image of the document (default: no)."""
        with self._db.read() as session:
            return keep_document_images(session)

    def set_keep_document_images(self, ctx: ClerkContext, keep: bool) -> None:
        """Turn keeping scanned document images on or off; supervisors only, and audited. Images kept
        while it was on stay; only checks made afterwards follow the new value."""
        self._require_supervisor(ctx)
        with self._db.unit_of_work() as uow:
            _supervisor(uow.session, ctx)
            row = uow.session.get(Setting, KEEP_DOCUMENT_IMAGES)
            value = "1" if keep else "0"
            if row is None:
                uow.session.add(Setting(key=KEEP_DOCUMENT_IMAGES, value=value))
            else:
                row.value = value
            audit.record(uow.session, self._clock, ctx, "settings.set", key=KEEP_DOCUMENT_IMAGES, value=keep)
            uow.commit()

    def opening_hours(self, ctx: ClerkContext) -> dict[int, tuple[time, time]]:
        """Monday = 0; a weekday missing is closed."""
        with self._db.read() as session:
            rows = session.scalars(select(OpeningHours).where(OpeningHours.centre_id == ctx.centre_id))
            return {r.weekday: (r.opens, r.closes) for r in rows}

    def set_opening_hours(self, ctx: ClerkContext, hours: dict[int, tuple[time, time] | None]) -> list[BookingHit]:
        """Replace the given weekdays' hours (None: closed that weekday); bookings already made stay. Returns
        the bookings still to come on those weekdays that now lie outside their hours, for the clerks to move
        (every such booking, not only those this change moved out: each save lists what is still to do)."""
        self._require_supervisor(ctx)
        for weekday, span in hours.items():
            if not 0 <= weekday <= 6 or (span is not None and span[0] >= span[1]):
                raise InvalidInput("settings.bad_hours", weekday=weekday)
        with self._db.unit_of_work() as uow:
            _supervisor(uow.session, ctx)
            for weekday, span in hours.items():
                row = uow.session.get(OpeningHours, (ctx.centre_id, weekday))
                if span is None:
                    if row is not None:
                        uow.session.delete(row)
                elif row is None:
                    uow.session.add(OpeningHours(centre_id=ctx.centre_id, weekday=weekday, opens=span[0], closes=span[1]))
                else:
                    row.opens, row.closes = span
            audit.record(uow.session, self._clock, ctx, "settings.opening_hours",
                         hours={str(d): None if v is None else [v[0].isoformat(), v[1].isoformat()] for d, v in hours.items()})
            zone = read_centre_zone(uow.session, ctx.centre_id)
            ahead = _booked_ahead(uow.session, ctx.centre_id, self._clock())
            outside = [a for a in ahead if _outside_hours(a, hours, zone)]
            hits = self._hits(uow.session, ctx, zone, outside, HitBy.OUTSIDE_HOURS)
            uow.commit()
            return hits

    def counter_services(self, ctx: ClerkContext) -> set[tuple[int, int]]:
        """(counter id, service id) pairs: which counter offers which service."""
        with self._db.read() as session:
            counters = select(Counter.id).where(Counter.centre_id == ctx.centre_id)
            return {(c.counter_id, c.service_id) for c in session.scalars(select(CounterService).where(CounterService.counter_id.in_(counters)))}

    def set_counter_services(self, ctx: ClerkContext, pairs: set[tuple[int, int]]) -> None:
        self._require_supervisor(ctx)
        with self._db.unit_of_work() as uow:
            _supervisor(uow.session, ctx)
            counters = set(uow.session.scalars(select(Counter.id).where(Counter.centre_id == ctx.centre_id)))
            if any(c not in counters for c, _s in pairs):
                raise NotFound("counter.not_found")
            for link in uow.session.scalars(select(CounterService).where(CounterService.counter_id.in_(counters))):
                if (link.counter_id, link.service_id) not in pairs:
                    uow.session.delete(link)
            existing = {(c.counter_id, c.service_id) for c in uow.session.scalars(select(CounterService))}
            uow.session.add_all(CounterService(counter_id=c, service_id=s) for c, s in pairs - existing)
            audit.record(uow.session, self._clock, ctx, "settings.counter_services", pairs=sorted(pairs))
            uow.commit()

    def closures(self, ctx: ClerkContext) -> list[ClosureRow]:
        with self._db.read() as session:
            names = {c.id: c.name for c in session.scalars(select(Counter).where(Counter.centre_id == ctx.centre_id))}
            rows = session.scalars(
                select(Closure).where(Closure.centre_id == ctx.centre_id).order_by(Closure.day, Closure.id)
            ).all()
            return [ClosureRow(c.id, c.day, names.get(c.counter_id) if c.counter_id else None, c.reason) for c in rows]

    def add_closure(self, ctx: ClerkContext, day: date, counter_id: int | None, reason: str) -> list[BookingHit]:
        """A closed day for the centre (counter None) or a counter's absence; bookings already made on it
        stay and are for the clerks to move: returned, those still to come that day (at that counter)."""
        self._require_supervisor(ctx)
        reason = checked_text(reason.strip(), "closure_reason", CLOSURE_REASON_MAX)
        with self._db.unit_of_work() as uow:
            _supervisor(uow.session, ctx)
            if counter_id is not None:
                counter = uow.session.get(Counter, counter_id)
                if counter is None or counter.centre_id != ctx.centre_id:
                    raise NotFound("counter.not_found")
            uow.session.add(Closure(centre_id=ctx.centre_id, counter_id=counter_id, day=day, reason=reason.strip()))
            audit.record(uow.session, self._clock, ctx, "settings.closure_add", day=day.isoformat(),
                         counter_id=counter_id)
            zone = read_centre_zone(uow.session, ctx.centre_id)
            start = datetime.combine(day, time.min, zone).astimezone(UTC)
            end = datetime.combine(day + timedelta(days=1), time.min, zone).astimezone(UTC)  # 23 or 25 hours at DST
            that_day = _booked_ahead(uow.session, ctx.centre_id, self._clock(), Appointment.starts_at >= start,
                                     Appointment.starts_at < end,
                                     *([] if counter_id is None else [Appointment.counter_id == counter_id]))
            why = HitBy.CENTRE_CLOSED if counter_id is None else HitBy.COUNTER_ABSENT
            hits = self._hits(uow.session, ctx, zone, that_day, why)
            uow.commit()
            return hits

    def remove_closure(self, ctx: ClerkContext, closure_id: int) -> None:
        self._require_supervisor(ctx)
        with self._db.unit_of_work() as uow:
            _supervisor(uow.session, ctx)
            closure = uow.session.get(Closure, closure_id)
            if closure is None or closure.centre_id != ctx.centre_id:
                raise NotFound("closure.not_found")
            uow.session.delete(closure)
            audit.record(uow.session, self._clock, ctx, "settings.closure_remove", day=closure.day.isoformat())
            uow.commit()

    def _hits(
        self, session: Session, ctx: ClerkContext, zone: ZoneInfo, appointments: Sequence[Appointment], why: str
    ) -> list[BookingHit]:
        """The bookings as the supervisor is shown them, each a look at its citizen, audited as one: "who
        looked at this citizen" finds it by `citizen_id`, like every other look-up."""
        hits: list[BookingHit] = []
        for a in appointments:
            audit.record(session, self._clock, ctx, "settings.booking_hit", citizen_id=a.citizen_id,
                         appointment_id=a.id, why=why)
            hits.append(BookingHit(
                appointment_id=a.id, booking_code=a.booking_code, starts_at=local_time(a.starts_at, zone),
                ends_at=local_time(a.ends_at, zone), counter=a.counter.name, service_code=a.service.code,
                service_da=a.service.name_da, service_en=a.service.name_en, citizen_id=a.citizen_id,
                citizen_name=f"{a.citizen.given_names} {a.citizen.surname}", why=why,
            ))
        return hits

    @staticmethod
    def _require_supervisor(ctx: ClerkContext) -> None:
        """What the context says, before any work; `_supervisor` then asks the database."""
        if not ctx.is_supervisor:
            raise RuleViolation("settings.supervisor_only")


def _supervisor(session: Session, ctx: ClerkContext) -> None:
    """The clerk is a supervisor of this centre, active, now: not just when the window was opened."""
    current_clerk(session, ctx, supervisor=True, refusal="settings.supervisor_only")


def _booked_ahead(session: Session, centre_id: int, now: datetime, *where: Any) -> list[Appointment]:
    """The centre's bookings still BOOKED and not over yet (a citizen late within the window may still come),
    by start and counter. Past ones are the day's no-shows, not bookings to move."""
    return list(session.scalars(
        select(Appointment)
        .where(Appointment.centre_id == centre_id, Appointment.status == AppointmentStatus.BOOKED,
               Appointment.ends_at > now, *where)
        .options(joinedload(Appointment.citizen), joinedload(Appointment.service), joinedload(Appointment.counter))
        .order_by(Appointment.starts_at, Appointment.counter_id, Appointment.id)
    ))


def _outside_hours(appointment: Appointment, hours: dict[int, tuple[time, time] | None], zone: ZoneInfo) -> bool:
    """Whether the booking's local weekday is one of `hours` and it does not lie wholly within that day's hours
    (a weekday set to None is closed)."""
    starts, ends = local_time(appointment.starts_at, zone), local_time(appointment.ends_at, zone)
    if starts.weekday() not in hours:
        return False
    span = hours[starts.weekday()]
    if span is None:
        return True
    day = starts.date()
    return starts < datetime.combine(day, span[0], zone) or ends > datetime.combine(day, span[1], zone)
