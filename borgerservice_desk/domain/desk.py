"""The counter's own vocabulary: who works the desk, where an appointment stands, how a document was
read. Plain enums, so services and the window use them without going through storage."""

from __future__ import annotations

import enum
from datetime import datetime


class Role(enum.StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"  # may lift a whole-MitID block


class AppointmentStatus(enum.StrEnum):
    BOOKED = "booked"
    CHECKED_IN = "checked_in"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


def arrived_late(status: AppointmentStatus, checked_in_at: datetime | None) -> bool:
    """A late arrival: the citizen came after the late window had passed, so the booking was given up
    (cancelled, its time free for others: the overlap rule in the database counts every booking not
    cancelled) and the citizen waited as a walk-in. What tells it from a booking cancelled beforehand is
    that the citizen did arrive: the arrival time is kept (a booking is cancelled only while merely booked,
    so a cancelled one never has one otherwise). Statistics count it as a late arrival, not a cancellation."""
    return status is AppointmentStatus.CANCELLED and checked_in_at is not None


class CheckMethod(enum.StrEnum):
    SCAN = "scan"  # an image or PDF file read by the scanner
    READER = "reader"  # a counter MRZ reader typing the lines
    TYPED = "typed"  # typed by the clerk
    # A photo taken with the counter's camera during the visit. Apart from SCAN so the record says how the
    # document was seen: held up to the camera at the counter, not a file that anyone could have loaded.
    # Stored as a plain string (storage.models._str_enum), so the new value needs no migration.
    CAMERA = "camera"


class TicketKind(enum.StrEnum):
    APPOINTMENT = "appointment"  # checked in on time for a booked appointment
    WALK_IN = "walk_in"  # no appointment, or arrived too late for it


class TicketStatus(enum.StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    DONE = "done"
    NO_SHOW = "no_show"  # called, and did not come to the counter
