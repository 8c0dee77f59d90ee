"""The counter's own vocabulary: who works the desk, where an appointment stands, how a document was
read. Plain enums, so services and the window use them without going through storage."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    CLERK = "clerk"
    SUPERVISOR = "supervisor"  # may lift a whole-MitID block


class AppointmentStatus(enum.StrEnum):
    BOOKED = "booked"
    CHECKED_IN = "checked_in"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


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
