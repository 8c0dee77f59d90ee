"""A booking found by the code the citizen quotes from the confirmation ("to move or cancel, give the booking
code"), on whatever day it is, as the Today list shows it (AppointmentService.find_by_code). The look-up
names a person, so it is audited like every other, found or not."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.services.appointments import AppointmentRow, complete_booking_code
from borgerservice_desk.services.booking import Booking
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Appointment, AuditEntry
from tests.conftest import NOW, TODAY
from tests.integration.test_access import _update_clerk
from tests.integration.test_booking import _citizens
from tests.support.other_centre import add_other_centre
from tests.support.refusals import refused_with

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def _booked_in_three_weeks(services: Services, clerk: ClerkContext) -> Booking:
    (citizen,) = _citizens(services, 1)
    at = datetime.combine(TODAY + timedelta(days=21), time(10), COPENHAGEN)
    return services.booking.book(clerk, citizen, "mitid", at.astimezone(UTC))


def _entries_after(services: Services, seq: int) -> list[AuditEntry]:
    with services.db.read() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.seq > seq).order_by(AuditEntry.seq)))


def _last_seq(services: Services) -> int:
    with services.db.read() as session:
        return max(session.scalars(select(AuditEntry.seq)).all(), default=0)


def test_a_booking_weeks_ahead_is_found_by_its_code_as_typed_and_the_look_up_names_the_citizen(
    services: Services, clerk: ClerkContext
) -> None:
    booking = _booked_in_three_weeks(services, clerk)
    day = booking.starts_at.astimezone(COPENHAGEN).date()
    before = _last_seq(services)

    found = services.appointments.find_by_code(clerk, f"  {booking.booking_code.lower()} ")

    # The very row the Today list shows on the booking's day, so the list can go there and choose it.
    listed = [r for r in services.appointments.day(clerk, day) if r.id == booking.appointment_id]
    assert found is not None and [found] == listed
    assert found.status is AppointmentStatus.BOOKED and found.booking_code == booking.booking_code
    [entry, *_day_view] = _entries_after(services, before)
    assert (entry.action, entry.clerk_id, entry.citizen_id, entry.outcome, entry.at) == (
        "appointment.lookup_code", clerk.clerk_id, found.citizen_id, "ok", NOW,
    )
    assert entry.detail == {"booking_code": booking.booking_code, "appointment_id": booking.appointment_id}


def test_a_booking_of_a_past_day_is_found_too(services: Services, clerk: ClerkContext) -> None:
    yesterday = TODAY - timedelta(days=1)
    past = next(r for r in services.appointments.day(clerk, yesterday))
    assert services.appointments.find_by_code(clerk, past.booking_code.lower()) == past


def test_a_code_nobody_has_another_centres_and_a_cancelled_one_find_nothing_and_are_logged(
    services: Services, clerk: ClerkContext
) -> None:
    other = add_other_centre(services.db)  # Randers' booking "RANDRS", of a citizen of the demo data
    cancelled = _booked_in_three_weeks(services, clerk)
    services.booking.cancel(clerk, cancelled.appointment_id)
    with services.db.read() as session:
        used = set(session.scalars(select(Appointment.booking_code)))
    nobody = next(code for code in ("ZZZZZZ", "ZZZZZY", "ZZZZZX") if code not in used)
    before = _last_seq(services)

    for typed in (nobody.lower(), "randrs", cancelled.booking_code):
        assert services.appointments.find_by_code(clerk, typed) is None, typed

    entries = _entries_after(services, before)
    assert [(e.action, e.clerk_id, e.citizen_id, e.outcome, e.detail["booking_code"]) for e in entries] == [
        ("appointment.lookup_code", clerk.clerk_id, None, "not_found", code)
        for code in (nobody, "RANDRS", cancelled.booking_code)
    ]
    with services.db.read() as session:
        randers = session.get(Appointment, other.appointment_id)
        assert randers is not None and randers.booking_code == "RANDRS"  # it is there, at the other centre


@pytest.mark.parametrize("typed", ["K7M2P", "K7M2PQR", "K7M2P0", "K7 M2PQ", "010190-1234", "Jensen Hans", ""])
def test_text_that_cannot_be_a_booking_code_finds_nothing_and_looks_nothing_up(
    services: Services, clerk: ClerkContext, typed: str
) -> None:
    before = _last_seq(services)
    assert services.appointments.find_by_code(clerk, typed) is None
    assert _entries_after(services, before) == []


@pytest.mark.parametrize(
    ("typed", "code"),
    [("k7m2pq", "K7M2PQ"), (" K7M2PQ  ", "K7M2PQ"), ("hansen", "HANSEN"), ("k7m2p", None), ("k7m2po", None),
     ("k7m2p1", None), ("k7m2pqq", None), ("k7m2pæ", None), ("", None)],
)
def test_a_complete_code_is_six_characters_of_the_confirmations_alphabet_in_any_case(
    typed: str, code: str | None
) -> None:
    assert complete_booking_code(typed) == code


def test_a_deactivated_clerk_can_no_longer_find_a_booking(services: Services, clerk: ClerkContext) -> None:
    booking = _booked_in_three_weeks(services, clerk)
    _update_clerk(services, "clerk", active=False)
    with refused_with("auth.not_active"):
        services.appointments.find_by_code(clerk, booking.booking_code)


def test_a_booking_found_by_its_code_is_refused_at_check_in_when_not_today(
    services: Services, clerk: ClerkContext
) -> None:
    booking = _booked_in_three_weeks(services, clerk)
    found = services.appointments.find_by_code(clerk, booking.booking_code)
    assert isinstance(found, AppointmentRow)
    with refused_with("appointment.not_today", RuleViolation):
        services.appointments.check_in(clerk, found.id)
