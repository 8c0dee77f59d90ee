"""The confirmation of a moved booking is a newer revision of the same calendar event.

The .ics had the appointment's start as DTSTAMP and no SEQUENCE: after a move to an earlier time the new
file looked older than the one the citizen's calendar held, and an RFC 5545 client kept the old time. The
PDF's creation date was the appointment's time too. Now DTSTAMP and the creation date are when the file is
written (the services' clock), and SEQUENCE is the appointment's revision, raised by each move."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from pathlib import Path

import icalendar
from alembic import command
from alembic.config import Config
from pypdf import PdfReader
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import MIGRATIONS_DIR, current_revision, migrate
from borgerservice_desk.storage.models import Appointment
from tests.conftest import NOW
from tests.integration.test_booking import NEXT_TUESDAY, _citizens
from tests.support.clock import MovableClock
from tests.support.refusals import refused_with


def _event(path: Path) -> icalendar.Event:
    return icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")[0]


def _created(path: Path) -> datetime:
    metadata = PdfReader(io.BytesIO(path.read_bytes())).metadata
    assert metadata is not None and metadata.creation_date is not None
    return metadata.creation_date


def _revision(services: Services, appointment_id: int) -> int:
    with services.db.read() as session:
        appointment = session.get(Appointment, appointment_id)
        assert appointment is not None
        return appointment.revision


def test_each_move_raises_the_calendar_events_sequence_and_stamps_it_when_written(
    services: Services, clerk: ClerkContext, tmp_path: Path
) -> None:
    clock = MovableClock(NOW)
    desk = build_services(services.db, Paths(tmp_path / "desk"), clock=clock)
    (citizen,) = _citizens(services, 1)
    booking = desk.booking.book(clerk, citizen, "passport", NEXT_TUESDAY + timedelta(days=1))
    pdf, ics = desk.booking.write_confirmation(clerk, booking.appointment_id)
    first = _event(ics)
    assert (first["sequence"], first.decoded("dtstamp")) == (0, NOW)
    assert _created(pdf) == NOW

    # An hour later the booking moves a day earlier, then back: each confirmation is a newer revision.
    for step, (written, starts_at) in enumerate(
        [(NOW + timedelta(hours=1), NEXT_TUESDAY), (NOW + timedelta(hours=2), NEXT_TUESDAY + timedelta(days=2))],
        start=1,
    ):
        clock.set(written)
        desk.booking.move(clerk, booking.appointment_id, starts_at)
        again_pdf, again_ics = desk.booking.write_confirmation(clerk, booking.appointment_id)
        # Written over the one it supersedes: the code is kept, and so are the files' names.
        assert (again_pdf, again_ics) == (pdf, ics)
        assert sorted(p.name for p in pdf.parent.iterdir()) == [ics.name, pdf.name]
        event = _event(ics)
        assert str(event["uid"]) == str(first["uid"])
        assert (event["sequence"], event.decoded("dtstamp"), event.decoded("dtstart")) == (step, written, starts_at)
        assert _created(pdf) == written
        assert _revision(services, booking.appointment_id) == step


def test_a_refused_move_leaves_the_revision_and_a_cancellation_raises_it(
    services: Services, clerk: ClerkContext
) -> None:
    mine_citizen, theirs_citizen = _citizens(services, 2)
    mine = services.booking.book(clerk, mine_citizen, "mitid", NEXT_TUESDAY, counter_id=1)
    theirs = services.booking.book(clerk, theirs_citizen, "mitid", NEXT_TUESDAY + timedelta(hours=1), counter_id=1)
    with refused_with("booking.taken", RuleViolation):
        services.booking.move(clerk, mine.appointment_id, theirs.starts_at, counter_id=1)
    assert _revision(services, mine.appointment_id) == 0
    services.booking.cancel(clerk, mine.appointment_id)
    assert _revision(services, mine.appointment_id) == 1


def test_the_migration_gives_existing_appointments_revision_0_and_keeps_the_overlap_guard(
    services: Services, clerk: ClerkContext
) -> None:
    """Down to the revision before the column and up again, on the demo data: every appointment has
    revision 0, and the database still refuses two bookings of one counter at once (SQLite's triggers
    would be lost if the migration copied the table)."""
    engine = services.db.engine
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0012")
    assert current_revision(engine) == "0012"
    migrate(engine)
    with services.db.read() as session:
        revisions = set(session.scalars(select(Appointment.revision)))
    assert revisions == {0}
    first, second = _citizens(services, 2)
    services.booking.book(clerk, first, "mitid", NEXT_TUESDAY, counter_id=1)
    with refused_with("booking.taken", RuleViolation):
        services.booking.book(clerk, second, "mitid", NEXT_TUESDAY, counter_id=1)
