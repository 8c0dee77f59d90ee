"""Booking on a real database: next free times, the rules, and never a double booking."""

from __future__ import annotations

import multiprocessing
from collections import Counter as Tally
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.errors import NotFound, RuleViolation
from borgerservice_desk.services.booking import HORIZON, Booking, BookingService
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Appointment, AuditEntry, Citizen, Counter, Service
from tests.conftest import NOW, fixed_clock
from tests.support.booking_race import report
from tests.support.other_centre import add_other_centre
from tests.support.refusals import refused_with

ZONE = ZoneInfo("Europe/Copenhagen")
NEXT_TUESDAY = datetime.combine(NOW.date() + timedelta(days=11), time(11, 0), ZONE).astimezone(UTC)  # 8 Dec 2026


def _citizens(services: Services, count: int) -> list[int]:
    """Citizens with no appointment in the demo data, so the open-bookings limit is theirs to reach."""
    with services.db.read() as session:
        booked = select(Appointment.citizen_id)
        return list(
            session.scalars(select(Citizen.id).where(Citizen.id.not_in(booked)).order_by(Citizen.id).limit(count))
        )


def test_next_free_times_respect_notice_hours_and_bookings(services: Services, clerk: ClerkContext) -> None:
    free = services.booking.next_free(clerk, "mitid", limit=5)
    assert len(free) == 5
    assert all(f.starts_at >= NOW + services.booking.min_notice() for f in free)
    assert [f.starts_at for f in free] == sorted(f.starts_at for f in free)
    for f in free:
        local = f.starts_at.astimezone(ZONE)
        assert local.weekday() < 5 and time(9) <= local.time() and (f.ends_at.astimezone(ZONE).time() <= time(17, 30))


def test_book_then_the_time_is_taken_with_the_next_free_time(services: Services, clerk: ClerkContext) -> None:
    first, second = _citizens(services, 2)
    booking = services.booking.book(clerk, first, "passport", NEXT_TUESDAY, counter_id=1)
    assert len(booking.booking_code) == 6 and booking.ends_at - booking.starts_at == timedelta(minutes=20)
    with pytest.raises(RuleViolation) as caught:
        services.booking.book(clerk, second, "mitid", NEXT_TUESDAY + timedelta(minutes=10), counter_id=1)
    assert caught.value.code == "booking.taken"
    assert caught.value.params["next_free"] is not None
    # Without a counter named, another counter is free at that very time.
    other = services.booking.book(clerk, second, "mitid", NEXT_TUESDAY + timedelta(minutes=10))
    assert other.counter_id != 1


def test_too_soon_too_many_and_closed_are_refused(services: Services, clerk: ClerkContext) -> None:
    (citizen,) = _citizens(services, 1)
    with refused_with("booking.too_soon", RuleViolation):
        services.booking.book(clerk, citizen, "mitid", NOW + timedelta(minutes=30))
    saturday = datetime.combine(NOW.date() + timedelta(days=8), time(10), ZONE).astimezone(UTC)
    with refused_with("booking.closed", RuleViolation):
        services.booking.book(clerk, citizen, "mitid", saturday)
    for n in range(services.booking.max_open_bookings()):
        services.booking.book(clerk, citizen, "mitid", NEXT_TUESDAY + timedelta(days=1, minutes=30 * n))
    with refused_with("booking.too_many_open", RuleViolation):
        services.booking.book(clerk, citizen, "mitid", NEXT_TUESDAY + timedelta(days=2))


def test_a_cancelled_time_is_free_again(services: Services, clerk: ClerkContext) -> None:
    first, second = _citizens(services, 2)
    booking = services.booking.book(clerk, first, "mitid", NEXT_TUESDAY, counter_id=2)
    services.booking.cancel(clerk, booking.appointment_id)
    again = services.booking.book(clerk, second, "mitid", NEXT_TUESDAY, counter_id=2)
    assert again.counter_id == 2


def test_a_cancelled_booking_no_longer_blocks_its_time_in_the_free_time_search(
    services: Services, clerk: ClerkContext
) -> None:
    """Every counter booked at one time, then one booking cancelled: the search with no counter named
    offers that time again, on the freed counter, and a booking there takes it."""
    counters = [c for c, _name in services.booking.counters(clerk)]
    citizens = _citizens(services, len(counters) + 1)
    bookings = [
        services.booking.book(clerk, citizen, "mitid", NEXT_TUESDAY, counter_id=counter)
        for citizen, counter in zip(citizens, counters, strict=False)  # one citizen more than counters
    ]
    full = services.booking.next_free(clerk, "mitid", earliest=NEXT_TUESDAY, limit=1)
    assert full[0].starts_at > NEXT_TUESDAY  # nothing is free at that time on any counter
    freed = bookings[1]
    services.booking.cancel(clerk, freed.appointment_id)
    [again] = services.booking.next_free(clerk, "mitid", earliest=NEXT_TUESDAY, limit=1)
    assert (again.starts_at, again.counter_id) == (NEXT_TUESDAY, freed.counter_id)
    taken = services.booking.book(clerk, citizens[-1], "mitid", NEXT_TUESDAY)  # no counter named
    assert taken.counter_id == freed.counter_id


def test_the_database_itself_refuses_overlapping_bookings(services: Services, clerk: ClerkContext) -> None:
    """Not a check in Python: an INSERT past the service is refused by the constraint or trigger."""
    first, second = _citizens(services, 2)
    services.booking.book(clerk, first, "mitid", NEXT_TUESDAY, counter_id=3)
    with pytest.raises(IntegrityError) as caught, services.db.unit_of_work() as uow:
        uow.session.add(
            Appointment(
                centre_id=1, counter_id=3, service_id=1, citizen_id=second, booking_code="ZZZZZZ",
                starts_at=NEXT_TUESDAY + timedelta(minutes=5), ends_at=NEXT_TUESDAY + timedelta(minutes=20),
                status=AppointmentStatus.BOOKED, checked_in_at=None,
            )
        )
        uow.flush()
    # The overlap rule itself, by name (the SQLite trigger's message or the PostgreSQL constraint), not some
    # other constraint the row happened to break; the service turns exactly this into "booking.taken".
    assert "appointment_no_overlap" in str(caught.value.orig) or "appointment_overlap" in str(caught.value.orig)


def test_twenty_desks_booking_one_time_at_once_exactly_one_wins(
    database_url: str, services: Services, clerk: ClerkContext, tmp_path: Path
) -> None:
    citizens = _citizens(services, 20)
    context = multiprocessing.get_context("spawn")  # a fresh interpreter each, like 20 desk PCs
    barrier = context.Barrier(20)
    queue = context.Queue()
    desks = [
        context.Process(
            target=report,
            args=(queue, database_url, str(tmp_path / f"desk{i}"), citizens[i], "mitid", NEXT_TUESDAY.isoformat(), 4, barrier),
        )
        for i in range(20)
    ]
    for desk in desks:
        desk.start()
    results = [queue.get(timeout=120) for _ in desks]
    for desk in desks:
        desk.join(30)
    outcomes = Tally(r.split()[0] for r in results)
    assert outcomes == {"ok": 1, "booking.taken": 19}, results
    assert all(r.split()[1] != "None" for r in results if r.startswith("booking.taken"))
    with services.db.read() as session:
        on_counter = session.scalar(
            select(func.count()).select_from(Appointment).where(
                Appointment.counter_id == 4, Appointment.starts_at == NEXT_TUESDAY
            )
        )
    assert on_counter == 1  # nothing half-saved by the 19 that lost


def test_a_booking_moves_keeping_its_code_and_never_onto_a_taken_time(services: Services, clerk: ClerkContext) -> None:
    first, second = _citizens(services, 2)
    mine = services.booking.book(clerk, first, "mitid", NEXT_TUESDAY, counter_id=1)
    theirs = services.booking.book(clerk, second, "mitid", NEXT_TUESDAY + timedelta(hours=1), counter_id=1)
    moved = services.booking.move(clerk, mine.appointment_id, NEXT_TUESDAY + timedelta(minutes=5), counter_id=1)
    assert moved.booking_code == mine.booking_code and moved.starts_at == NEXT_TUESDAY + timedelta(minutes=5)
    with refused_with("booking.taken", RuleViolation):
        services.booking.move(clerk, mine.appointment_id, theirs.starts_at, counter_id=1)
    with services.db.read() as session:
        kept = session.get(Appointment, mine.appointment_id)
        assert kept is not None and kept.starts_at == moved.starts_at and kept.status is AppointmentStatus.BOOKED


def test_the_confirmation_is_a_pdf_and_a_calendar_file(services: Services, clerk: ClerkContext) -> None:
    import icalendar
    from pypdf import PdfReader

    from borgerservice_desk.receipts.confirmation import (
        render_confirmation_ics,
        render_confirmation_pdf,
    )

    (citizen,) = _citizens(services, 1)
    booking = services.booking.book(clerk, citizen, "passport", NEXT_TUESDAY)
    confirmation = services.booking.confirmation(clerk, booking.appointment_id)
    import io

    text = PdfReader(io.BytesIO(render_confirmation_pdf(confirmation))).pages[0].extract_text()
    assert booking.booking_code in text and "Pas" in text and "08-12-2026 11:00" in text
    event = icalendar.Calendar.from_ical(render_confirmation_ics(confirmation)).walk("VEVENT")[0]
    assert event.decoded("dtstart") == NEXT_TUESDAY
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=20)
    assert str(event["uid"]).startswith(booking.booking_code)


def test_the_confirmation_prints_the_time_in_the_centres_own_zone(services: Services, clerk: ClerkContext) -> None:
    import io

    from pypdf import PdfReader

    from borgerservice_desk.receipts.confirmation import render_confirmation_pdf
    from borgerservice_desk.storage.models import Centre

    (citizen,) = _citizens(services, 1)
    booking = services.booking.book(clerk, citizen, "passport", NEXT_TUESDAY)  # 11:00 in Copenhagen
    with services.db.unit_of_work() as uow:
        centre = uow.session.get(Centre, clerk.centre_id)
        assert centre is not None
        centre.timezone = "Atlantic/Faroe"  # an hour behind Copenhagen in December
        uow.commit()

    confirmation = services.booking.confirmation(clerk, booking.appointment_id)
    text = PdfReader(io.BytesIO(render_confirmation_pdf(confirmation))).pages[0].extract_text()

    assert confirmation.centre_timezone == "Atlantic/Faroe"
    assert "08-12-2026 10:00–10:20" in text


def _last_audit(services: Services, action: str) -> AuditEntry:
    with services.db.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id.desc())).first()
    assert entry is not None, f"no {action} in the audit trail"
    return entry


def test_a_moved_booking_keeps_code_and_citizen_frees_its_old_time_and_the_trail_says_from_when_to_when(
    services: Services, clerk: ClerkContext
) -> None:
    (citizen,) = _citizens(services, 1)
    booked = services.booking.book(clerk, citizen, "passport", NEXT_TUESDAY, counter_id=1)
    later = NEXT_TUESDAY + timedelta(days=1, hours=2)

    moved = services.booking.move(clerk, booked.appointment_id, later, counter_id=2)

    assert moved == Booking(booked.appointment_id, booked.booking_code, later, later + timedelta(minutes=20), 2, "passport")
    with services.db.read() as session:
        stored = session.get(Appointment, booked.appointment_id)
        assert stored is not None
        assert (stored.starts_at, stored.ends_at, stored.counter_id, stored.citizen_id, stored.status) == (
            later, later + timedelta(minutes=20), 2, citizen, AppointmentStatus.BOOKED)
    entry = _last_audit(services, "appointment.move")
    assert (entry.clerk_id, entry.citizen_id) == (clerk.clerk_id, citizen)
    assert entry.detail == {
        "appointment_id": booked.appointment_id, "moved_from": NEXT_TUESDAY.isoformat(), "moved_to": later.isoformat(),
    }
    free_then = services.booking.free_on_day(clerk, "passport", NEXT_TUESDAY.astimezone(ZONE).date())
    assert any((f.starts_at, f.counter_id) == (NEXT_TUESDAY, 1) for f in free_then)


def test_a_move_is_refused_within_the_notice_and_for_what_is_not_this_centres_booked_appointment(
    services: Services, clerk: ClerkContext
) -> None:
    other = add_other_centre(services.db)
    (citizen,) = _citizens(services, 1)
    booked = services.booking.book(clerk, citizen, "mitid", NEXT_TUESDAY)
    # A notice that ends on Wednesday 2 December at 11:00 in Copenhagen, a working day without demo bookings.
    earliest = datetime.combine(NOW.date() + timedelta(days=5), time(11), ZONE).astimezone(UTC)
    supervisor = services.auth.sign_in("supervisor", "demo")
    services.settings.set_number(supervisor, "booking.min_notice_minutes", (earliest - NOW) // timedelta(minutes=1))

    with pytest.raises(RuleViolation) as too_soon:
        services.booking.move(clerk, booked.appointment_id, earliest - timedelta(minutes=5))
    # The message tells the clerk the first time that can be offered.
    assert (too_soon.value.code, too_soon.value.params) == ("booking.too_soon", {"earliest": earliest.isoformat()})
    assert services.booking.move(clerk, booked.appointment_id, earliest).starts_at == earliest  # the notice, exactly

    for appointment_id in (other.appointment_id, 10**6):  # another centre's booking; none at all
        with refused_with("appointment.not_found", NotFound):
            services.booking.move(clerk, appointment_id, NEXT_TUESDAY)
    services.booking.cancel(clerk, booked.appointment_id)
    with pytest.raises(RuleViolation) as cancelled:
        services.booking.move(clerk, booked.appointment_id, NEXT_TUESDAY)
    assert (cancelled.value.code, cancelled.value.params) == ("appointment.not_booked", {"status": "cancelled"})
    with services.db.read() as session:
        theirs = session.get(Appointment, other.appointment_id)
        assert theirs is not None and theirs.status is AppointmentStatus.BOOKED
        assert theirs.starts_at == datetime.combine(NEXT_TUESDAY.date(), time(11), UTC)  # as Randers booked it


def test_a_move_onto_a_taken_counter_offers_the_first_free_time_from_the_one_asked_for(
    services: Services, clerk: ClerkContext
) -> None:
    first, second = _citizens(services, 2)
    services.booking.book(clerk, first, "mitid", NEXT_TUESDAY, counter_id=1)
    mine = services.booking.book(clerk, second, "mitid", NEXT_TUESDAY + timedelta(hours=1), counter_id=1)
    with pytest.raises(RuleViolation) as caught:
        services.booking.move(clerk, mine.appointment_id, NEXT_TUESDAY, counter_id=1)
    # Another counter is free at that very time: that is what the clerk can offer instead.
    assert (caught.value.code, caught.value.params) == ("booking.taken", {"next_free": NEXT_TUESDAY.isoformat()})


def test_the_confirmation_files_go_to_the_folder_named_or_the_desks_own_in_the_language_asked_for(
    services: Services, clerk: ClerkContext, tmp_path: Path
) -> None:
    import icalendar
    from pypdf import PdfReader

    (citizen,) = _citizens(services, 1)
    booking = services.booking.book(clerk, citizen, "passport", NEXT_TUESDAY)
    own = services.booking.confirmations_dir
    assert own is not None
    code = booking.booking_code

    pdf, ics = services.booking.write_confirmation(clerk, booking.appointment_id, tmp_path / "mail", "en")

    assert (pdf, ics) == (tmp_path / "mail" / f"{code}.pdf", tmp_path / "mail" / f"{code}.ics")
    assert not own.exists() or not any(own.iterdir())
    text = PdfReader(pdf).pages[0].extract_text()
    assert "Appointment confirmation" in text and "Passport" in text and "Bekræftelse" not in text
    event = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")[0]
    assert str(event["summary"]).endswith(": Passport") and str(event["description"]).startswith(f"Booking code: {code}")
    assert _last_audit(services, "appointment.confirmation").detail == {"appointment_id": booking.appointment_id, "language": "en"}

    danish = services.booking.write_confirmation(clerk, booking.appointment_id)  # no folder named: Danish, the desk's own
    assert danish == (own / f"{code}.pdf", own / f"{code}.ics")
    assert "Bekræftelse af tidsbestilling" in PdfReader(danish[0]).pages[0].extract_text()
    with pytest.raises(ValueError, match=r"^no folder for confirmations: name one or give BookingService confirmations_dir$"):
        BookingService(services.db, fixed_clock).write_confirmation(clerk, booking.appointment_id)


def test_the_bookable_days_run_from_the_notice_to_the_horizon_in_the_centres_own_days(
    services: Services, clerk: ClerkContext
) -> None:
    assert services.booking.bookable_days(clerk) == (NOW.date(), NOW.date() + timedelta(days=90))
    # A notice ending at 23:30 UTC, which is already Saturday half past midnight in Copenhagen.
    supervisor = services.auth.sign_in("supervisor", "demo")
    services.settings.set_number(supervisor, "booking.min_notice_minutes", 14 * 60 + 30)
    saturday = NOW.date() + timedelta(days=1)
    assert services.booking.bookable_days(clerk) == (saturday, saturday + timedelta(days=90))


def test_the_services_to_choose_from_with_their_names_and_lengths(services: Services) -> None:
    assert services.booking.services() == [
        ("mitid", "MitID", "MitID", 15),
        ("passport", "Pas", "Passport", 20),
        ("driving_licence", "Kørekort", "Driving licence", 20),
        ("health_card", "Sundhedskort", "Health card", 10),
        ("residence", "Opholdsbevis", "Residence document", 30),
    ]
    assert [code for _id, code in services.booking.service_ids()] == [s[0] for s in services.booking.services()]


def test_the_confirmation_names_the_service_in_danish_unless_asked_otherwise_and_only_this_centres(
    services: Services, clerk: ClerkContext
) -> None:
    other = add_other_centre(services.db)
    (citizen,) = _citizens(services, 1)
    booking = services.booking.book(clerk, citizen, "driving_licence", NEXT_TUESDAY)
    assert services.booking.confirmation(clerk, booking.appointment_id).service_name == "Kørekort"
    assert services.booking.confirmation(clerk, booking.appointment_id, "en").service_name == "Driving licence"
    looked_up = _last_audit(services, "appointment.confirmation").id
    for appointment_id in (other.appointment_id, 10**6):  # another centre's booking names its citizen: not shown
        with refused_with("appointment.not_found", NotFound):
            services.booking.confirmation(clerk, appointment_id)
    assert _last_audit(services, "appointment.confirmation").id == looked_up


def test_when_nothing_is_free_in_the_whole_horizon_a_taken_time_offers_none(
    services: Services, clerk: ClerkContext
) -> None:
    """The one counter serving MitID, open a quarter of an hour on Tuesdays only, every later Tuesday of
    the horizon closed: once that quarter is booked there is nothing to offer instead."""
    supervisor = services.auth.sign_in("supervisor", "demo")
    services.settings.set_opening_hours(supervisor, {0: None, 1: (time(11), time(11, 15)), 2: None, 3: None, 4: None})
    mitid = next(service_id for service_id, code in services.booking.service_ids() if code == "mitid")
    offers = services.settings.counter_services(supervisor)
    services.settings.set_counter_services(supervisor, {(c, s) for c, s in offers if s != mitid or c == 1})
    for week in range(1, 14):
        services.settings.add_closure(supervisor, NEXT_TUESDAY.date() + timedelta(weeks=week), None, "closed")
    first, second = _citizens(services, 2)
    services.booking.book(clerk, first, "mitid", NEXT_TUESDAY, counter_id=1)
    with pytest.raises(RuleViolation) as caught:
        services.booking.book(clerk, second, "mitid", NEXT_TUESDAY, counter_id=1)
    assert (caught.value.code, caught.value.params) == ("booking.taken", {"next_free": None, "horizon_days": HORIZON.days})


def test_a_cancel_is_recorded_and_refused_for_what_is_not_this_centres_booked_appointment(
    services: Services, clerk: ClerkContext
) -> None:
    other = add_other_centre(services.db)
    (citizen,) = _citizens(services, 1)
    booking = services.booking.book(clerk, citizen, "mitid", NEXT_TUESDAY)
    for appointment_id in (other.appointment_id, 10**6):  # another centre's booking; none at all
        with refused_with("appointment.not_found", NotFound):
            services.booking.cancel(clerk, appointment_id)

    services.booking.cancel(clerk, booking.appointment_id)

    entry = _last_audit(services, "appointment.cancel")
    assert (entry.clerk_id, entry.citizen_id, entry.detail) == (
        clerk.clerk_id, citizen, {"appointment_id": booking.appointment_id})
    with pytest.raises(RuleViolation) as again:
        services.booking.cancel(clerk, booking.appointment_id)
    assert (again.value.code, again.value.params) == ("appointment.not_booked", {"status": "cancelled"})
    with services.db.read() as session:
        theirs = session.get(Appointment, other.appointment_id)
        assert theirs is not None and theirs.status is AppointmentStatus.BOOKED


def test_a_booking_is_refused_as_closed_outside_the_days_hours_across_midnight_and_on_a_closed_day(
    services: Services, clerk: ClerkContext
) -> None:
    """Tuesday's hours in the demo centre are 9:00 to 15:00; a MitID errand takes 15 minutes. The same rule
    whether the clerk names a counter or lets the desk choose one."""
    tuesday = NEXT_TUESDAY.date()
    wednesday = tuesday + timedelta(days=1)
    supervisor = services.auth.sign_in("supervisor", "demo")
    services.settings.add_closure(supervisor, wednesday, None, "Flytning")
    first, second = _citizens(services, 2)
    for counter in (1, None):
        for day, hour, minute in (
            (tuesday, 8, 55),  # begins before opening, ends within
            (tuesday, 14, 50),  # begins within, ends after closing
            (tuesday, 23, 50),  # ends on the next day
            (wednesday, 11, 0),  # the centre's closed day
        ):
            starts = datetime.combine(day, time(hour, minute), ZONE).astimezone(UTC)
            with refused_with("booking.closed", RuleViolation):
                services.booking.book(clerk, first, "mitid", starts, counter_id=counter)
    # The first minute after opening and an errand ending as the centre closes are bookable.
    opening = datetime.combine(tuesday, time(9), ZONE).astimezone(UTC)
    closing = datetime.combine(tuesday, time(15), ZONE).astimezone(UTC)
    assert services.booking.book(clerk, first, "mitid", opening, counter_id=1).starts_at == opening
    assert services.booking.book(clerk, second, "mitid", closing - timedelta(minutes=15)).ends_at == closing


def test_a_booking_within_the_notice_says_the_first_time_allowed_and_one_for_nobody_is_not_found(
    services: Services, clerk: ClerkContext
) -> None:
    (citizen,) = _citizens(services, 1)
    earliest = NOW + timedelta(minutes=120)  # the product's default notice, two hours, written out
    with pytest.raises(RuleViolation) as too_soon:
        services.booking.book(clerk, citizen, "mitid", earliest - timedelta(minutes=1))
    assert (too_soon.value.code, too_soon.value.params) == ("booking.too_soon", {"earliest": earliest.isoformat()})
    with pytest.raises(NotFound) as nobody:
        services.booking.book(clerk, 10**6, "mitid", NEXT_TUESDAY)
    assert (nobody.value.code, nobody.value.params) == ("citizen.not_found", {"query": 10**6})


def test_a_booking_is_recorded_whose_which_when_and_where_and_a_taken_counter_offers_a_time_from_the_one_asked(
    services: Services, clerk: ClerkContext
) -> None:
    first, second = _citizens(services, 2)
    booking = services.booking.book(clerk, first, "passport", NEXT_TUESDAY, counter_id=1)
    assert booking == Booking(
        booking.appointment_id, booking.booking_code, NEXT_TUESDAY, NEXT_TUESDAY + timedelta(minutes=20), 1, "passport"
    )
    entry = _last_audit(services, "appointment.book")
    assert (entry.clerk_id, entry.citizen_id, entry.outcome, entry.detail) == (
        clerk.clerk_id, first, "ok",
        {"appointment_id": booking.appointment_id, "starts_at": NEXT_TUESDAY.isoformat(), "counter_id": 1},
    )
    # Counter 1 is taken then; another counter is free at that very time, and that is what is offered.
    with pytest.raises(RuleViolation) as taken:
        services.booking.book(clerk, second, "mitid", NEXT_TUESDAY, counter_id=1)
    assert (taken.value.code, taken.value.params) == ("booking.taken", {"next_free": NEXT_TUESDAY.isoformat()})
    # The demo centre's last counter does not take residence errands (it serves every other service).
    with pytest.raises(RuleViolation) as not_served:
        services.booking.book(clerk, second, "residence", NEXT_TUESDAY, counter_id=4)
    assert (not_served.value.code, not_served.value.params) == ("booking.counter_does_not_serve", {"counter_id": 4})


def _booked_directly(services: Services, citizen_id: int, starts_at: datetime, status: AppointmentStatus) -> None:
    """A MitID booking written as the desk would have kept it, at a counter of its own (so that no demo
    booking is in the way), for times the booking rules would not let a clerk book now."""
    with services.db.unit_of_work() as uow:
        session = uow.session
        counter = Counter(centre_id=1, name=f"Skranke {starts_at:%d%H%M}")
        session.add(counter)
        session.flush()
        mitid = session.scalars(select(Service).where(Service.code == "mitid")).one()
        session.add(Appointment(
            centre_id=1, counter_id=counter.id, service_id=mitid.id, citizen_id=citizen_id,
            booking_code=f"D{starts_at:%d%H%M}"[:6], starts_at=starts_at, ends_at=starts_at + timedelta(minutes=15),
            status=status, checked_in_at=None,
        ))
        uow.commit()


def test_the_open_bookings_limit_counts_a_citizens_booked_times_from_now_on(services: Services, clerk: ClerkContext) -> None:
    """Two open bookings a citizen (the product's default, written out): booked, and starting now or later.
    A cancelled booking, or one whose time has gone by without a no-show marked, leaves room."""
    past, at_now, cancelled, fresh = _citizens(services, 4)
    wednesday = NEXT_TUESDAY + timedelta(days=1)
    _booked_directly(services, past, NOW - timedelta(minutes=1), AppointmentStatus.BOOKED)
    _booked_directly(services, at_now, NOW, AppointmentStatus.BOOKED)
    for n, citizen in enumerate((past, at_now, cancelled)):
        services.booking.book(clerk, citizen, "mitid", NEXT_TUESDAY + timedelta(hours=n))
    services.booking.cancel(clerk, services.booking.book(clerk, cancelled, "mitid", wednesday).appointment_id)

    services.booking.book(clerk, past, "mitid", wednesday + timedelta(minutes=30))
    services.booking.book(clerk, cancelled, "mitid", wednesday + timedelta(minutes=60))
    for citizen in (past, at_now, cancelled):  # now each has two open
        with pytest.raises(RuleViolation) as too_many:
            services.booking.book(clerk, citizen, "mitid", wednesday + timedelta(minutes=90))
        assert (too_many.value.code, too_many.value.params["limit"]) == ("booking.too_many_open", 2)
    # At the smallest limit a supervisor may set, one: a citizen without bookings still gets the first.
    supervisor = services.auth.sign_in("supervisor", "demo")
    services.settings.set_number(supervisor, "booking.max_open_per_citizen", 1)
    assert services.booking.book(clerk, fresh, "mitid", wednesday + timedelta(minutes=120)).counter_id
    with refused_with("booking.too_many_open", RuleViolation):
        services.booking.book(clerk, fresh, "mitid", wednesday + timedelta(minutes=150))


def test_a_booking_past_its_late_window_is_marked_a_no_show_not_cancelled_or_moved(
    services: Services, clerk: ClerkContext, tmp_path: Path
) -> None:
    """Del on a forgotten row of this morning cancelled it and erased a no-show from the day's statistics; a
    move made the missed time look kept. Up to the end of the late window the citizen may still come, and
    the booking can be cancelled or moved as any other."""
    from borgerservice_desk.bootstrap import build_services
    from borgerservice_desk.config import Paths
    from borgerservice_desk.services.centre_settings import arrival_window

    first, second = _citizens(services, 2)
    kept_in_time = services.booking.book(clerk, first, "mitid", NEXT_TUESDAY)
    booked = services.booking.book(clerk, second, "mitid", NEXT_TUESDAY)
    with services.db.read() as session:
        _early, late = arrival_window(session)
    assert late > timedelta(0)

    def at(moment: datetime) -> Services:
        return build_services(services.db, Paths(tmp_path / "data"), clock=lambda: moment)

    end_of_window = at(NEXT_TUESDAY + late)  # still in time: the citizen may come, or call it off
    moved = end_of_window.booking.move(clerk, kept_in_time.appointment_id, NEXT_TUESDAY + timedelta(days=7))
    assert moved.booking_code == kept_in_time.booking_code

    after = at(NEXT_TUESDAY + late + timedelta(seconds=1))
    for attempt in (
        lambda: after.booking.cancel(clerk, booked.appointment_id),
        lambda: after.booking.move(clerk, booked.appointment_id, NEXT_TUESDAY + timedelta(days=7)),
    ):
        with pytest.raises(RuleViolation) as caught:
            attempt()
        assert (caught.value.code, caught.value.params) == ("appointment.passed", {"booked_for": NEXT_TUESDAY.isoformat()})
    with services.db.read() as session:
        row = session.get(Appointment, booked.appointment_id)
        assert row is not None and (row.status, row.starts_at) == (AppointmentStatus.BOOKED, NEXT_TUESDAY)
    after.appointments.mark_no_show(clerk, booked.appointment_id)  # what is left to do with it
