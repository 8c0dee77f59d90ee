"""A citizen's bookings still to come, for the Find tab (AppointmentService.citizen_bookings): what a clerk
answers "when is my appointment?" from when the citizen has no code at hand. Only times the citizen still
has: booked, and not past their late window. The look-up names the citizen's errands, so it is logged."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Appointment, AuditEntry
from tests.conftest import NOW, TODAY
from tests.integration.test_booking import _citizens
from tests.support.other_centre import add_other_centre

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def _free(services: Services, clerk: ClerkContext, service: str, days: int) -> datetime:
    """The first free time for the service from `days` days ahead on."""
    earliest = datetime.combine(TODAY + timedelta(days=days), time(8), COPENHAGEN).astimezone(UTC)
    return services.booking.next_free(clerk, service, limit=1, earliest=earliest)[0].starts_at


def _entries(services: Services) -> list[AuditEntry]:
    with services.db.read() as session:
        return list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.action == "appointment.citizen_bookings").order_by(AuditEntry.seq)
            )
        )


def test_the_citizens_booked_times_soonest_first_and_no_one_elses_nor_a_cancelled_one(
    services: Services, clerk: ClerkContext
) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    services.settings.set_number(supervisor, "booking.max_open_per_citizen", 5)
    citizen, other = _citizens(services, 2)
    later = services.booking.book(clerk, citizen, "mitid", _free(services, clerk, "mitid", 21))
    sooner = services.booking.book(clerk, citizen, "passport", _free(services, clerk, "passport", 7))
    cancelled = services.booking.book(clerk, citizen, "mitid", _free(services, clerk, "mitid", 14))
    services.booking.cancel(clerk, cancelled.appointment_id)
    services.booking.book(clerk, other, "mitid", _free(services, clerk, "mitid", 3))

    rows = services.appointments.citizen_bookings(clerk, citizen, "Telefonisk henvendelse")

    assert [(r.id, r.booking_code, r.service_code, r.starts_at) for r in rows] == [
        (sooner.appointment_id, sooner.booking_code, "passport", sooner.starts_at),
        (later.appointment_id, later.booking_code, "mitid", later.starts_at),
    ]
    [entry] = _entries(services)
    assert (entry.clerk_id, entry.citizen_id, entry.outcome, entry.at, entry.purpose) == (
        clerk.clerk_id, citizen, "ok", NOW, "Telefonisk henvendelse",
    )
    assert entry.detail == {"appointment_ids": [sooner.appointment_id, later.appointment_id]}


def test_a_time_of_today_counts_until_its_late_window_has_gone_by(services: Services, clerk: ClerkContext) -> None:
    # A demo booking of today that began 20 to 110 minutes ago (the late window may be set up to 120) and is still BOOKED: gone by with the centre's
    # late window, still the citizen's with a window wider than its lateness.
    passed = next(
        r for r in services.appointments.day(clerk, TODAY)
        if r.status is AppointmentStatus.BOOKED and timedelta(minutes=20) <= NOW - r.starts_at <= timedelta(minutes=110)
    )
    assert passed.id not in {r.id for r in services.appointments.citizen_bookings(clerk, passed.citizen_id)}

    supervisor = services.auth.sign_in("supervisor", "demo")
    late = NOW - passed.starts_at
    services.settings.set_number(supervisor, "arrival.late_minutes", int(late.total_seconds() // 60) + 1)
    assert passed.id in {r.id for r in services.appointments.citizen_bookings(clerk, passed.citizen_id)}
    services.settings.set_number(supervisor, "arrival.late_minutes", int(late.total_seconds() // 60) - 1)
    assert passed.id not in {r.id for r in services.appointments.citizen_bookings(clerk, passed.citizen_id)}

    # Marked a no-show, it is no time of the citizen's however wide the window is set after.
    services.appointments.mark_no_show(clerk, passed.id)
    services.settings.set_number(supervisor, "arrival.late_minutes", 120)
    assert passed.id not in {r.id for r in services.appointments.citizen_bookings(clerk, passed.citizen_id)}


def test_a_citizen_with_nothing_booked_gets_an_empty_list_and_the_look_up_is_still_logged(
    services: Services, clerk: ClerkContext
) -> None:
    (citizen,) = _citizens(services, 1)
    assert services.appointments.citizen_bookings(clerk, citizen) == []
    [entry] = _entries(services)
    assert entry.citizen_id == citizen and entry.detail == {"appointment_ids": []}


def test_another_centres_booking_of_the_citizen_is_not_listed_here(services: Services, clerk: ClerkContext) -> None:
    other = add_other_centre(services.db)  # Randers, with a booking of the demo data's first citizen
    with services.db.read() as session:
        booked_there = session.get(Appointment, other.appointment_id)
        assert booked_there is not None and booked_there.status is AppointmentStatus.BOOKED
        citizen = booked_there.citizen_id
    assert other.appointment_id not in {r.id for r in services.appointments.citizen_bookings(clerk, citizen)}
